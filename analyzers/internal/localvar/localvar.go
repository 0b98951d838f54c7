// Package localvar finds what a function gives its local variables, for
// the analyzers that follow a value to where it was made: one definition
// and no later change, or nothing is known.
package localvar

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Definition is the value a local variable was given, when body writes it
// once (v, err := f(…), var v = f(…)) and never again: no assignment, no
// ++ or --, no &v. Of a multi-value call, the call is the value of its
// first variable. nil otherwise, and for parameters and package variables.
func Definition(info *types.Info, id *ast.Ident, body ast.Node) ast.Expr {
	v, ok := info.Uses[id].(*types.Var)
	if !ok || body == nil || v.Pkg() == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	var value ast.Expr
	writes := 0
	is := func(e ast.Expr) bool {
		x, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(x) == v
	}
	set := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			if !is(l) {
				continue
			}
			writes++
			switch {
			case len(rhs) == len(lhs):
				value = rhs[i]
			case len(rhs) == 1 && i == 0:
				value = rhs[0]
			default:
				value = nil
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			set(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, name := range n.Names {
				lhs[i] = name
			}
			set(lhs, n.Values)
		case *ast.IncDecStmt:
			if is(n.X) {
				writes++
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				writes++ // &v: written anywhere
			}
		}
		return true
	})
	if writes != 1 {
		return nil
	}
	return value
}

// SetsField reports whether body assigns id.name (any field of id when
// name is "").
func SetsField(info *types.Info, body ast.Node, id *ast.Ident, name string) bool {
	obj := info.ObjectOf(id)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for _, l := range as.Lhs {
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && (name == "" || sel.Sel.Name == name) {
				if x, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.ObjectOf(x) == obj {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// EnclosingBody is the body of the innermost function on the stack.
func EnclosingBody(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			return f.Body
		case *ast.FuncLit:
			return f.Body
		}
	}
	return nil
}

// EachUse calls visit for every identifier under root that uses obj, with
// the path from root down to it (the identifier last), until visit
// returns false.
func EachUse(info *types.Info, root ast.Node, obj types.Object, visit func(id *ast.Ident, stack []ast.Node) bool) {
	more := true
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if !more {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			more = visit(id, stack)
		}
		return true
	})
}
