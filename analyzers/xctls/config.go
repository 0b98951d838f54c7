package xctls

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/internal/tlstype"
)

// flavor is which TLS library a Config belongs to.
type flavor = tlstype.Flavor

const (
	notTLS = tlstype.None
	stdTLS = tlstype.Std
	gmTLS  = tlstype.GM
	tlcp   = tlstype.TLCP
)

// versionGMSSL is gmtls.VersionGMSSL (GM/T 0024-2014).
const versionGMSSL = 0x0101

// versionSSL30 is SSL 3.0, which crypto/tls deprecates but gmtls still speaks.
const versionSSL30 = 0x0300

// configFlavor tells whether t is a TLS Config struct (or a pointer to one).
func configFlavor(t types.Type) flavor { return tlstype.Of(t, "Config") }

// constUint returns the value of a constant integer expression.
func constUint(info *types.Info, e ast.Expr) (uint64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v, ok := constant.Uint64Val(constant.ToInt(tv.Value))
	return v, ok
}

// constBool returns the value of a constant boolean expression.
func constBool(info *types.Info, e ast.Expr) (value, ok bool) {
	tv, found := info.Types[e]
	if !found || tv.Value == nil || tv.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(tv.Value), true
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// field is one setting of a Config: a key in a literal or an assignment to
// x.Field. node is where a finding about it is reported.
type field struct {
	name  string
	value ast.Expr
	node  ast.Node
}

// literalFields returns the keyed fields of a Config literal.
func literalFields(lit *ast.CompositeLit) map[string]field {
	fields := map[string]field{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			fields[id.Name] = field{id.Name, kv.Value, kv}
		}
	}
	return fields
}

// setsCallback reports whether a Config sets a certificate callback that
// can reject a peer: present, not nil, and looking at the certificates it
// is given. A callback that ignores them, or only counts them or compares
// them with nil, verifies nothing, whatever else it does (a CRL fetch, a
// log line). Package-local functions the certificates are passed to are
// followed; anything else that receives them is assumed to verify.
func (c *checker) setsCallback(value ast.Expr) bool {
	info := c.pass.TypesInfo
	if value == nil || isNil(info, value) {
		return false
	}
	// The certificates are the first parameter: rawCerts, or the
	// ConnectionState's PeerCertificates. verifiedChains (and
	// VerifiedChains) are empty under InsecureSkipVerify.
	first := []int{0}
	switch v := ast.Unparen(value).(type) {
	case *ast.FuncLit:
		return alwaysFails(info, v.Body) || c.usesParams(v.Type, v.Body, first, 0)
	case *ast.Ident, *ast.SelectorExpr:
		if decl := c.funcDecl(v); decl != nil {
			return alwaysFails(info, decl.Body) || c.usesParams(decl.Type, decl.Body, first, 0)
		}
	}
	return true // a function from elsewhere: assume it verifies
}

// funcDecl is the declaration, with a body, of the package-level function
// or method fn names, when it is in this package.
func (c *checker) funcDecl(fn ast.Expr) *ast.FuncDecl {
	var id *ast.Ident
	switch fn := ast.Unparen(fn).(type) {
	case *ast.Ident:
		id = fn
	case *ast.SelectorExpr:
		id = fn.Sel
	default:
		return nil
	}
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
	if !ok || obj.Pkg() != c.pass.Pkg {
		return nil
	}
	if c.funcs == nil {
		c.funcs = map[*types.Func]*ast.FuncDecl{}
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if o, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.funcs[o] = fd
					}
				}
			}
		}
	}
	return c.funcs[obj.Origin()]
}

// usesParams reports whether body looks at its function's parameters
// at the indices in only: any use but
// len, cap, a comparison with nil, or an argument to a package-local
// function that does not look at it in turn (followed to a fixed depth).
func (c *checker) usesParams(ft *ast.FuncType, body *ast.BlockStmt, only []int, depth int) bool {
	info := c.pass.TypesInfo
	params := map[types.Object]bool{}
	i := 0
	for _, f := range ft.Params.List {
		names := f.Names
		if len(names) == 0 {
			i++
			continue
		}
		for _, n := range names {
			if obj := info.Defs[n]; obj != nil && n.Name != "_" && slices.Contains(only, i) {
				params[obj] = true
			}
			i++
		}
	}
	if len(params) == 0 || body == nil {
		return false
	}
	if depth > 4 {
		return true
	}
	uses := false
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if uses {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && params[info.Uses[id]] {
			uses = c.looksAt(id, stack[len(stack)-2], depth)
		}
		return true
	})
	return uses
}

// looksAt reports whether the use id (inside parent) of a certificate
// parameter can inspect the certificates.
func (c *checker) looksAt(id *ast.Ident, parent ast.Node, depth int) bool {
	info := c.pass.TypesInfo
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		// Of a ConnectionState only the peer's certificates say who it is.
		if tlstype.Of(info.TypeOf(id), "ConnectionState") != tlstype.None {
			return p.Sel.Name == "PeerCertificates"
		}
	case *ast.BinaryExpr:
		if (p.Op == token.EQL || p.Op == token.NEQ) && (isNil(info, p.X) || isNil(info, p.Y)) {
			return false
		}
	case *ast.CallExpr:
		if b, ok := typeutil.Callee(info, p).(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
			return false
		}
		decl := c.funcDecl(p.Fun)
		sig, _ := info.TypeOf(p.Fun).(*types.Signature)
		if sel, ok := ast.Unparen(p.Fun).(*ast.SelectorExpr); ok && info.Selections[sel] != nil && info.Selections[sel].Kind() == types.MethodExpr {
			return true // T.m(recv, ...): the arguments are shifted
		}
		if decl == nil || sig == nil {
			return true
		}
		for i, arg := range p.Args {
			if ast.Unparen(arg) == id {
				if sig.Variadic() && i >= sig.Params().Len()-1 {
					return true
				}
				return c.usesParams(decl.Type, decl.Body, []int{i}, depth+1)
			}
		}
	}
	return true
}

// assignedFields finds, in body, assignments to base.Field for the given
// field names, e.g. cfg.MinVersion = tls.VersionTLS13 after cfg := &tls.Config{}.
// base is the text of the expression holding the Config ("cfg",
// "t.TLSClientConfig"); obj, when not nil, is the variable it names. With
// loose, an assignment to the field of any Config counts: a literal stored
// in a struct field is often reached again through another expression
// (a getter, a clone helper), and precision comes first.
func assignedFields(info *types.Info, body ast.Node, base string, obj types.Object, loose bool, names ...string) map[string]ast.Expr {
	found := map[string]ast.Expr{}
	if body == nil || base == "" {
		return found
	}
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, lhs := range as.Lhs {
			sel, ok := lhs.(*ast.SelectorExpr)
			if !ok {
				continue
			}
			x := ast.Unparen(sel.X)
			if types.ExprString(x) != base && !(loose && configFlavor(info.TypeOf(x)) != notTLS) {
				continue
			}
			if id, ok := x.(*ast.Ident); ok && obj != nil && info.Uses[id] != obj {
				continue // another variable of the same name
			}
			for _, name := range names {
				if sel.Sel.Name == name && len(as.Rhs) == len(as.Lhs) {
					found[name] = as.Rhs[i]
				}
			}
		}
		return true
	})
	return found
}

// boundTo returns what a literal is assigned to directly: a variable
// (cfg := &tls.Config{…}, var cfg = tls.Config{…}) or another expression
// (srv.TLSConfig = &tls.Config{…}), with the variable's object when it is one.
func boundTo(info *types.Info, stack []ast.Node) (ast.Expr, types.Object) {
	// stack ends with the literal; step over & and parentheses.
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.ParenExpr, *ast.UnaryExpr:
			continue
		case *ast.AssignStmt:
			child := stack[i+1]
			for j, rhs := range n.Rhs {
				if rhs == child && j < len(n.Lhs) {
					lhs := ast.Unparen(n.Lhs[j])
					if id, ok := lhs.(*ast.Ident); ok {
						return id, info.ObjectOf(id)
					}
					return lhs, nil
				}
			}
			return nil, nil
		case *ast.ValueSpec:
			child := stack[i+1]
			for j, v := range n.Values {
				if v == child && j < len(n.Names) {
					return n.Names[j], info.ObjectOf(n.Names[j])
				}
			}
			return nil, nil
		}
		return nil, nil
	}
	return nil, nil
}

// alwaysFails reports whether a verification callback's body never
// accepts: it ends in a return or a panic, and each of its returns gives
// an error made where it stands (errors.New, fmt.Errorf). A template
// Config with such a callback accepts no certificate until a copy of it
// gets a callback of its own; the copy is judged where that is set.
func alwaysFails(info *types.Info, body *ast.BlockStmt) bool {
	if body == nil || len(body.List) == 0 {
		return false
	}
	switch last := body.List[len(body.List)-1].(type) {
	case *ast.ReturnStmt:
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if b, ok := typeutil.Callee(info, call).(*types.Builtin); !ok || b.Name() != "panic" {
			return false
		}
	default:
		return false
	}
	fails := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			fails = fails && len(n.Results) == 1 && madeError(info, n.Results[0])
		}
		return fails
	})
	return fails
}

// madeError reports whether e makes a new error: errors.New(…) or
// fmt.Errorf(…), never nil.
func madeError(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && (fn.FullName() == "errors.New" || fn.FullName() == "fmt.Errorf")
}
