package xcblock

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/xcguard/xcguard/analyzers/internal/localvar"
)

// unpublished reports whether the mutex x (t.mu) belongs to a value the
// function has just made (t := &T{…}, T{…} or new(T), given once) and has
// not shared by the time of the call at pos: until then t is used only to
// reach its fields, and not inside a function literal. No other goroutine
// can hold or wait for that lock yet; a constructor that locks does so for
// the race detector or an invariant, and makes no one wait.
func unpublished(sc *scope, x ast.Expr, pos token.Pos) bool {
	info := sc.info
	for {
		sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
		if !ok {
			break
		}
		if s := info.Selections[sel]; s == nil || s.Kind() != types.FieldVal {
			return false
		}
		x = sel.X
	}
	root, ok := ast.Unparen(x).(*ast.Ident)
	if !ok || !fresh(info, localvar.Definition(info, root, sc.body)) {
		return false
	}
	v := info.Uses[root]
	shared := false
	localvar.EachUse(info, sc.body, v, func(id *ast.Ident, stack []ast.Node) bool {
		if id.Pos() >= pos {
			return true
		}
		sel, isSel := stack[len(stack)-2].(*ast.SelectorExpr)
		inLit := slices.ContainsFunc(stack, func(n ast.Node) bool { _, ok := n.(*ast.FuncLit); return ok })
		shared = !isSel || sel.X != id || info.Selections[sel] == nil || info.Selections[sel].Kind() != types.FieldVal || inLit
		return !shared
	})
	return !shared
}

// fresh reports whether e makes a new value: a composite literal, its
// address, or new(T).
func fresh(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		id, ok := ast.Unparen(e.Fun).(*ast.Ident)
		b, isBuiltin := info.Uses[id].(*types.Builtin)
		return ok && isBuiltin && b.Name() == "new"
	}
	return false
}
