package xcblock

import (
	"go/ast"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/internal/tlstype"
)

// function runs the per-function checks: XC302 (verification while a mutex
// is held) and XC303 (handshakes without a deadline).
func (c *checker) function(sc *scope, tls bool) {
	if c.cfg.Enabled("XC302") {
		c.lockedBlock(sc, sc.body.List, map[string]ast.Expr{})
	}
	if tls && c.cfg.Enabled("XC303") {
		calls(sc.body, func(call *ast.CallExpr) { c.handshake(sc, call) })
	}
}

// lockKind tells what a call does to a sync mutex: "lock", "unlock" or "";
// key names the mutex, x is its expression.
func lockKind(info *types.Info, call *ast.CallExpr) (kind, key string, x ast.Expr) {
	fn := typeutil.StaticCallee(info, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if fn == nil || !ok {
		return "", "", nil
	}
	switch fn.FullName() {
	case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock", "(*sync.RWMutex).RLock":
		if ownedByConn(info, sel.X) {
			return "", "", nil // a connection's own lock serializes only that connection
		}
		return "lock", types.ExprString(sel.X), sel.X
	case "(*sync.Mutex).Unlock", "(*sync.RWMutex).Unlock", "(*sync.RWMutex).RUnlock":
		return "unlock", types.ExprString(sel.X), sel.X
	}
	return "", "", nil
}

// ownedByConn reports whether a mutex expression (c.handshakeMutex, c.in)
// belongs to a connection: some value on its selector path has the methods
// of a net.Conn. Holding such a lock makes only that connection's other
// calls wait, as crypto/tls does for its own handshake.
func ownedByConn(info *types.Info, x ast.Expr) bool {
	for {
		sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x = sel.X
		if isConn(info.TypeOf(x)) {
			return true
		}
	}
}

func isConn(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := t.Underlying().(*types.Pointer); !ok {
		t = types.NewPointer(t)
	}
	ms := types.NewMethodSet(t)
	for _, name := range []string{"Read", "Write", "Close", "SetDeadline"} {
		if ms.Lookup(nil, name) == nil {
			// Lookup needs the package for unexported names only.
			return false
		}
	}
	return true
}

// lockedBlock walks statements in order with the set of mutexes provably
// held. What happens inside a nested block does not prove anything after
// it, except that a mutex unlocked there may no longer be held.
func (c *checker) lockedBlock(sc *scope, stmts []ast.Stmt, held map[string]ast.Expr) {
	for _, stmt := range stmts {
		switch s := stmt.(type) {
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
				switch kind, key, x := lockKind(sc.info, call); kind {
				case "lock":
					held[key] = x
					continue
				case "unlock":
					delete(held, key)
					continue
				}
			}
			c.whileHeld(sc, s, held)
		case *ast.DeferStmt:
			if kind, _, _ := lockKind(sc.info, s.Call); kind == "" {
				c.whileHeld(sc, s, held) // a deferred unlock keeps the lock to the end
			}
		case *ast.BlockStmt:
			c.nested(sc, held, s.List)
		case *ast.IfStmt:
			c.whileHeld(sc, s.Init, held)
			c.whileHeld(sc, s.Cond, held)
			c.nested(sc, held, s.Body.List)
			if s.Else != nil {
				c.nested(sc, held, []ast.Stmt{s.Else})
			}
		case *ast.ForStmt:
			c.whileHeld(sc, s.Init, held)
			c.whileHeld(sc, s.Cond, held)
			c.nested(sc, held, append(slices.Clone(s.Body.List), s.Post))
		case *ast.RangeStmt:
			c.whileHeld(sc, s.X, held)
			c.nested(sc, held, s.Body.List)
		case *ast.SwitchStmt:
			c.whileHeld(sc, s.Init, held)
			c.whileHeld(sc, s.Tag, held)
			c.nested(sc, held, s.Body.List)
		case *ast.TypeSwitchStmt:
			c.whileHeld(sc, s.Init, held)
			c.nested(sc, held, s.Body.List)
		case *ast.CaseClause:
			c.nested(sc, held, s.Body)
		case *ast.SelectStmt:
			c.nested(sc, held, s.Body.List)
		case *ast.CommClause:
			c.nested(sc, held, append([]ast.Stmt{s.Comm}, s.Body...))
		case *ast.LabeledStmt:
			c.lockedBlock(sc, []ast.Stmt{s.Stmt}, held)
		case *ast.GoStmt:
			// the goroutine does not run under this function's lock
		default:
			c.whileHeld(sc, stmt, held)
		}
	}
}

// nested walks a nested block with a copy of held; a mutex unlocked
// anywhere inside may no longer be held after it.
func (c *checker) nested(sc *scope, held map[string]ast.Expr, stmts []ast.Stmt) {
	inner := maps.Clone(held)
	c.lockedBlock(sc, slices.DeleteFunc(stmts, func(s ast.Stmt) bool { return s == nil }), inner)
	for key := range held {
		if inner[key] == nil {
			delete(held, key)
		}
	}
}

// whileHeld checks the calls of a statement or expression made while
// mutexes are held.
func (c *checker) whileHeld(sc *scope, n ast.Node, held map[string]ast.Expr) {
	if len(held) == 0 || n == nil {
		return
	}
	calls(n, func(call *ast.CallExpr) {
		what, ok := c.blockingCall(sc, call)
		if !ok {
			return
		}
		var keys []string
		for _, key := range slices.Sorted(maps.Keys(held)) {
			if !unpublished(sc, held[key], call.Pos()) {
				keys = append(keys, key)
			}
		}
		if len(keys) == 0 {
			return
		}
		c.cfg.Report(c.pass, "XC302", call, "%s while %s is held: every goroutine waiting for the lock waits for it", what, strings.Join(keys, ", "))
	})
}

// blockingCall describes a call that verifies certificates or blocks on
// the network, directly or through the functions it calls.
func (c *checker) blockingCall(sc *scope, call *ast.CallExpr) (string, bool) {
	from := c.pass.Pkg.Path()
	if s, ok := sc.verifier(call); ok {
		return "certificate verification (" + s.display(from) + ")", true
	}
	if s, ok := sc.sink(call); ok {
		return "network I/O without a deadline (" + s.display(from) + ")", true
	}
	callee := typeutil.StaticCallee(sc.info, call)
	if callee == nil {
		return "", false
	}
	f := c.factOf(callee)
	if handshaken(sc, call, callee) {
		f.Verify = nil // the handshake, and its verification, are done
	}
	switch {
	case f.Verify != nil:
		return "certificate verification (" + chainString(prepend(funcStep(callee), f.Verify), from) + ")", true
	case f.Block != nil:
		return "network I/O without a deadline (" + chainString(prepend(funcStep(callee), f.Block), from) + ")", true
	}
	return "", false
}

// handshake reports TLS dials and handshakes that can wait forever (XC303).
func (c *checker) handshake(sc *scope, call *ast.CallExpr) {
	fn := typeutil.StaticCallee(sc.info, call)
	if fn == nil || fn.Pkg() == nil {
		return
	}
	fl := tlstype.ForPath(fn.Pkg().Path())
	if fl == tlstype.None {
		return
	}
	pkg := fl.PkgName()
	switch recv := receiverName(fn); {
	case recv == "" && fn.Name() == "Dial":
		c.cfg.Report(c.pass, "XC303", call, "%s.Dial has no timeout: a silent peer holds the goroutine in the handshake forever; use %s.DialWithDialer with a net.Dialer that sets Timeout", pkg, pkg)
	case recv == "" && fn.Name() == "DialWithDialer" && len(call.Args) > 0:
		if sc.unbounded(call.Args[0], "net", "Dialer", "Timeout", "Deadline") {
			c.cfg.Report(c.pass, "XC303", call, "%s.DialWithDialer with a net.Dialer that sets neither Timeout nor Deadline: the handshake can wait forever; use a net.Dialer with Timeout", pkg)
		}
	case recv == "Conn" && fn.Name() == "Handshake":
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return
		}
		if raw, ok := c.madeHere(sc, sel.X); ok && !c.deadlineBefore(sc, call, sel.X, raw) {
			c.cfg.Report(c.pass, "XC303", call, "%s.Conn.Handshake on a connection made here with no deadline set before it: a silent peer holds the goroutine forever; use SetDeadline before it, or HandshakeContext with a deadline", pkg)
		}
	}
}

// madeHere reports whether conn was made in this function by tls.Client or
// tls.Server (or gmtls's) from a raw connection also made here (by a call:
// a dial or an accept), and returns that raw connection. A raw connection
// from a parameter is the caller's, and so is one a struct literal wraps.
func (c *checker) madeHere(sc *scope, conn ast.Expr) (ast.Expr, bool) {
	v, ok := sc.origin(conn)
	if !ok || v == nil {
		return nil, false
	}
	call, ok := ast.Unparen(v).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil, false
	}
	fn := typeutil.StaticCallee(sc.info, call)
	if fn == nil || fn.Pkg() == nil || tlstype.ForPath(fn.Pkg().Path()) == tlstype.None || receiverName(fn) != "" || (fn.Name() != "Client" && fn.Name() != "Server") {
		return nil, false
	}
	raw := call.Args[0]
	if v, ok := sc.origin(raw); !ok || !isCall(v) {
		return nil, false // a parameter's, or a wrapper literal around another connection
	}
	return raw, true
}

// deadlineBefore reports whether SetDeadline or SetReadDeadline is called
// on conn or raw anywhere in the function before the handshake call.
func (c *checker) deadlineBefore(sc *scope, handshake *ast.CallExpr, conn, raw ast.Expr) bool {
	names := []string{types.ExprString(conn), types.ExprString(raw)}
	found := false
	ast.Inspect(sc.body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found || call.Pos() >= handshake.Pos() {
			return !found
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "SetDeadline" || sel.Sel.Name == "SetReadDeadline") {
			found = slices.Contains(names, types.ExprString(sel.X))
		}
		return !found
	})
	return found
}

// handshaken reports whether call is a Read or Write of a TLS library's
// Conn that does not handshake: they handshake first when the connection
// has not, so they verify the peer's chain only on a connection made by
// that library's Client or Server in this function (and not handshaken
// before). A connection from Dial, DialWithDialer or a Dialer has
// handshaken; one from a field, a parameter or a wrapper is taken to have
// (a server or client that hands a connection on has, as a rule, started
// it), so a Write through it is not reported as verification.
func handshaken(sc *scope, call *ast.CallExpr, callee *types.Func) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || callee.Pkg() == nil || receiverName(callee) != "Conn" || tlstype.ForPath(callee.Pkg().Path()) == tlstype.None {
		return false
	}
	if callee.Name() != "Read" && callee.Name() != "Write" {
		return false
	}
	v, ok := sc.origin(sel.X)
	made, isCall := ast.Unparen(v).(*ast.CallExpr)
	if !ok || !isCall {
		return true
	}
	fn := typeutil.StaticCallee(sc.info, made)
	return fn == nil || fn.Pkg() == nil || tlstype.ForPath(fn.Pkg().Path()) == tlstype.None || receiverName(fn) != "" || fn.Name() != "Client" && fn.Name() != "Server"
}

func isCall(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}
