package xccrypto

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// tjfoc/gmsm's SM3 and SM4 differ from what crypto/sha256 and crypto/aes
// promise: its hash's Sum(b) hashes b and returns the digest alone, where
// hash.Hash appends the digest to b; its cipher.Block keeps scratch
// buffers, so two goroutines using one block corrupt each other's output.
// A use moves to tjfoc/gmsm only where xcguard sees everything done with
// the value.
const (
	tjfocSumWhy   = "tjfoc/gmsm's SM3 Sum(b) hashes b instead of appending the digest to it, and "
	tjfocBlockWhy = "tjfoc/gmsm's SM4 block is not safe for concurrent use, as crypto/aes's is, and "
	orEmmansun    = ": set crypto.gm_library: github.com/emmansun/gmsm, or migrate by hand"
)

// tjfocHash reports whether the sha256.New use sel may become tjfoc's
// sm3.New: every Sum of the hash it makes (directly, or inside hmac.New)
// is in sight and gets an empty b. It refuses otherwise.
func (m *migration) tjfocHash(sel *ast.SelectorExpr) bool {
	var h ast.Expr
	if call := m.callOf(sel); call != nil {
		h = call
	} else if call, ok := m.parents[sel].(*ast.CallExpr); ok && len(call.Args) == 2 && call.Args[0] == sel && m.calls(call, "crypto/hmac", "New") {
		h = call
	} else {
		m.refuse(sel, "%ssha256.New is passed on as a function, so xcguard cannot see every Sum%s", tjfocSumWhy, orEmmansun)
		return false
	}
	if n := m.confined(h, m.hashMethod, m.writerArg); n != nil {
		m.refuse(n, "%sthe hash goes where xcguard cannot see every Sum%s", tjfocSumWhy, orEmmansun)
		return false
	}
	return true
}

// tjfocBlock reports whether the aes.NewCipher call may become tjfoc's
// sm4.NewCipher: the block, and the modes made from it, stay in one
// function and out of function literals (goroutines). It refuses
// otherwise.
func (m *migration) tjfocBlock(call *ast.CallExpr) bool {
	if n := m.confined(call, anyMethod, m.modeArg); n != nil {
		m.refuse(n, "%sthe block leaves the function, or is used in a function literal, so xcguard cannot prove one goroutine uses it%s", tjfocBlockWhy, orEmmansun)
		return false
	}
	return true
}

// confined checks that everything done with the value of e is a method call
// methodOK accepts or an argument argOK accepts, directly or through a
// local variable given the value once and used only in its own function.
// It returns the first node where the value goes elsewhere, nil if none.
func (m *migration) confined(e ast.Expr, methodOK func(string, *ast.CallExpr) bool, argOK func(*ast.CallExpr, int) bool) ast.Node {
	for {
		p, ok := m.parents[e].(*ast.ParenExpr)
		if !ok {
			break
		}
		e = p
	}
	info := m.pass.TypesInfo
	if n, ok := m.used(e, methodOK, argOK); ok {
		return n
	}
	// A local variable: v := e, v, err := e, var v = e.
	var id *ast.Ident
	switch p := m.parents[e].(type) {
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == e && (len(p.Lhs) == len(p.Rhs) || i == 0) {
				id, _ = p.Lhs[i].(*ast.Ident)
			}
		}
	case *ast.ValueSpec:
		for i, r := range p.Values {
			if r == e && (len(p.Names) == len(p.Values) || i == 0) {
				id = p.Names[i]
			}
		}
	}
	if id == nil {
		return e
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	body := m.bodyOf(e)
	if !ok || body == nil || v.Parent() == v.Pkg().Scope() || m.isResult(body, v) {
		return e // a package variable, or a named result a bare return hands on
	}
	var bad ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		use, ok := n.(*ast.Ident)
		if !ok || bad != nil || use == id || info.ObjectOf(use) != v {
			return bad == nil
		}
		if m.bodyOf(use) != body {
			bad = use // in a function literal: perhaps another goroutine
		} else if n, handled := m.used(use, methodOK, argOK); !handled {
			bad = use // assigned, returned, stored, compared …
		} else if n != nil {
			bad = n
		}
		return false
	})
	return bad
}

// used judges one use of the value e: a method call on it, or an argument.
// handled is false when it is neither; n is where a judged use goes wrong.
func (m *migration) used(e ast.Expr, methodOK func(string, *ast.CallExpr) bool, argOK func(*ast.CallExpr, int) bool) (n ast.Node, handled bool) {
	switch p := m.parents[e].(type) {
	case *ast.SelectorExpr:
		if call, ok := m.parents[p].(*ast.CallExpr); ok && call.Fun == p && p.X == e {
			if methodOK(p.Sel.Name, call) {
				return nil, true
			}
			return call, true
		}
	case *ast.CallExpr:
		for i, a := range p.Args {
			if a == e {
				if argOK(p, i) {
					return nil, true
				}
				return p, true
			}
		}
	}
	return nil, false
}

// hashMethod accepts the hash.Hash methods that cannot see the Sum defect:
// Sum only of an empty slice.
func (m *migration) hashMethod(name string, call *ast.CallExpr) bool {
	switch name {
	case "Write", "Reset", "Size", "BlockSize":
		return true
	case "Sum":
		return len(call.Args) == 1 && m.empty(call.Args[0])
	}
	return false
}

// writerArg accepts the hash as an argument whose parameter is an interface
// with methods but no Sum (io.Writer: io.Copy, fmt.Fprintf).
func (m *migration) writerArg(call *ast.CallExpr, i int) bool {
	sig, ok := m.pass.TypesInfo.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return false
	}
	var t types.Type
	switch n := sig.Params().Len(); {
	case sig.Variadic() && i >= n-1:
		if call.Ellipsis.IsValid() {
			return false
		}
		t = sig.Params().At(n - 1).Type().(*types.Slice).Elem()
	case i < n:
		t = sig.Params().At(i).Type()
	default:
		return false
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 {
		return false
	}
	sum, _, _ := types.LookupFieldOrMethod(t, false, nil, "Sum")
	return sum == nil
}

func anyMethod(string, *ast.CallExpr) bool { return true }

// modeArg accepts the block as the argument of a crypto/cipher mode
// constructor whose result is itself confined.
func (m *migration) modeArg(call *ast.CallExpr, i int) bool {
	for _, name := range []string{"NewGCM", "NewGCMWithNonceSize", "NewGCMWithTagSize", "NewGCMWithRandomNonce", "NewCTR", "NewCBCEncrypter", "NewCBCDecrypter", "NewCFBEncrypter", "NewCFBDecrypter", "NewOFB"} {
		if i == 0 && m.calls(call, "crypto/cipher", name) {
			return m.confined(call, anyMethod, noArg) == nil
		}
	}
	return false
}

func noArg(*ast.CallExpr, int) bool { return false }

// empty reports whether e is provably an empty slice: nil, []byte{}, or
// x[:0].
func (m *migration) empty(e ast.Expr) bool {
	e = ast.Unparen(e)
	if m.pass.TypesInfo.Types[e].IsNil() {
		return true
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.SliceExpr:
		return e.High != nil && m.intIs(e.High, 0, false)
	}
	return false
}

// calls reports whether call calls the function pkg.name.
func (m *migration) calls(call *ast.CallExpr, pkg, name string) bool {
	fn := typeutil.StaticCallee(m.pass.TypesInfo, call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Name() == name
}

// isResult reports whether v is a named result of the function whose body
// is body.
func (m *migration) isResult(body *ast.BlockStmt, v *types.Var) bool {
	var ft *ast.FuncType
	switch f := m.parents[body].(type) {
	case *ast.FuncDecl:
		ft = f.Type
	case *ast.FuncLit:
		ft = f.Type
	}
	return ft != nil && ft.Results != nil && ft.Results.Pos() <= v.Pos() && v.Pos() < ft.Results.End()
}
