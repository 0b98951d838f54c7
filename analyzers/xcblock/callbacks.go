package xcblock

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/xcguard/xcguard/analyzers/internal/tlstype"
)

// callbackLiteral checks the handshake callbacks a Config literal sets (XC301).
func (c *checker) callbackLiteral(lit *ast.CompositeLit) {
	if tlstype.Of(c.pass.TypesInfo.TypeOf(lit), "Config") == tlstype.None {
		return
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok && slices.Contains(callbacks, id.Name) {
			c.callback(id.Name, kv.Value, kv)
		}
	}
}

// callbackAssign checks cfg.VerifyPeerCertificate = f and the like (XC301).
func (c *checker) callbackAssign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := lhs.(*ast.SelectorExpr)
		if !ok || !slices.Contains(callbacks, sel.Sel.Name) || tlstype.Of(c.pass.TypesInfo.TypeOf(sel.X), "Config") == tlstype.None {
			continue
		}
		c.callback(sel.Sel.Name, as.Rhs[i], as)
	}
}

// callback reports a callback value from which blocking I/O is reachable:
// a function literal's own calls, or a named function or method value.
func (c *checker) callback(field string, value ast.Expr, at ast.Node) {
	var chain []step
	switch v := ast.Unparen(value).(type) {
	case *ast.FuncLit:
		f, _ := c.evaluate(newScope(c.pass.TypesInfo, v.Type, v.Body), nil)
		chain = f.Block
	case *ast.Ident, *ast.SelectorExpr:
		if fn, ok := c.funcOf(v); ok {
			if f := c.factOf(fn); f.Block != nil {
				chain = prepend(funcStep(fn), f.Block)
			}
		}
	}
	if chain != nil {
		c.cfg.Report(c.pass, "XC301", at, "%s may block on network I/O without a deadline: %s", field, chainString(chain, c.pass.Pkg.Path()))
	}
}

// funcOf returns the function a name or method value denotes.
func (c *checker) funcOf(e ast.Expr) (*types.Func, bool) {
	info := c.pass.TypesInfo
	switch e := e.(type) {
	case *ast.Ident:
		fn, ok := info.Uses[e].(*types.Func)
		return fn, ok
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			fn, ok := sel.Obj().(*types.Func)
			return fn, ok
		}
		fn, ok := info.Uses[e.Sel].(*types.Func) // pkg.F
		return fn, ok
	}
	return nil, false
}
