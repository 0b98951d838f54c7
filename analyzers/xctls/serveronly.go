package xctls

import (
	"go/ast"
	"go/types"

	"github.com/xcguard/xcguard/analyzers/internal/localvar"
	"github.com/xcguard/xcguard/analyzers/internal/typesutil"
	"github.com/xcguard/xcguard/analyzers/xcuse"
)

// serverOnly reports whether the Config made at lit (stack ends with it)
// is used only to serve: put in place into an http.Server's TLSConfig or
// handed to a server endpoint (tls.Listen, tls.Server, tls.NewListener,
// gmtls's and gotlcp's), or held in a local variable whose every use is
// one of those or reads or sets a field. InsecureSkipVerify does nothing
// there: a server verifies client certificates by ClientAuth, never by
// InsecureSkipVerify.
func (c *checker) serverOnly(uses *xcuse.Uses, lit ast.Expr, stack []ast.Node) bool {
	if lhs, obj := boundTo(c.pass.TypesInfo, stack); lhs != nil {
		id, ok := lhs.(*ast.Ident)
		return ok && c.serverVar(uses, obj, id, localvar.EnclosingBody(stack))
	}
	// In place: step over & and parentheses to what holds the literal.
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.ParenExpr, *ast.UnaryExpr:
			continue
		case *ast.KeyValueExpr:
			return i > 0 && c.serverKey(n, stack[i-1])
		case *ast.CallExpr:
			return serverArg(uses, n, stack[i+1].(ast.Expr))
		}
		return false
	}
	return false
}

// serverVar reports whether every use of v, a local variable (id names it
// where it is given its Config) in body, serves or touches a field.
func (c *checker) serverVar(uses *xcuse.Uses, v types.Object, id *ast.Ident, body ast.Node) bool {
	if _, ok := v.(*types.Var); !ok || body == nil || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return false
	}
	info := c.pass.TypesInfo
	served, ok := false, true
	localvar.EachUse(info, body, v, func(use *ast.Ident, stack []ast.Node) bool {
		if use == id {
			return true
		}
		switch p := stack[len(stack)-2].(type) {
		case *ast.SelectorExpr:
			sel := info.Selections[p]
			ok = sel != nil && sel.Kind() == types.FieldVal
		case *ast.KeyValueExpr:
			ok = p.Value == use && len(stack) > 2 && c.serverKey(p, stack[len(stack)-3])
			served = served || ok
		case *ast.CallExpr:
			ok = serverArg(uses, p, use)
			served = served || ok
		case *ast.AssignStmt:
			ok = c.serverAssign(p, use)
			served = served || ok
		default:
			ok = false
		}
		return ok
	})
	return ok && served
}

// serverKey reports whether kv, an element of the composite literal
// outer, is an http.Server's TLSConfig.
func (c *checker) serverKey(kv *ast.KeyValueExpr, outer ast.Node) bool {
	key, ok := kv.Key.(*ast.Ident)
	lit, isLit := outer.(*ast.CompositeLit)
	return ok && isLit && key.Name == "TLSConfig" && typesutil.IsNamedOrPointer(c.pass.TypesInfo.TypeOf(lit), "net/http", "Server")
}

// serverAssign reports whether as gives use to an http.Server's
// TLSConfig: srv.TLSConfig = cfg.
func (c *checker) serverAssign(as *ast.AssignStmt, use *ast.Ident) bool {
	for i, rhs := range as.Rhs {
		if rhs != use || i >= len(as.Lhs) {
			continue
		}
		sel, ok := as.Lhs[i].(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "TLSConfig" && typesutil.IsNamedOrPointer(c.pass.TypesInfo.TypeOf(sel.X), "net/http", "Server")
	}
	return false
}

// serverArg reports whether arg is the configuration a server endpoint
// of the package is called with.
func serverArg(uses *xcuse.Uses, call *ast.CallExpr, arg ast.Expr) bool {
	for _, e := range uses.Endpoints {
		if e.Call == call && e.Side == xcuse.Server && e.Config == xcuse.Given && e.Expr != nil && ast.Unparen(e.Expr) == ast.Unparen(arg) {
			return true
		}
	}
	return false
}
