package xctls

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/localvar"
)

// maxSourceDepth bounds how far fieldSource follows a Config through the
// package's functions.
const maxSourceDepth = 4

// fieldSource reports whether the Config held by v, a local variable or
// parameter, is only ever a source of field values: every use of v reads
// or sets one of its fields other than MinVersion, compares it with nil,
// returns it
// from an unexported function whose every call puts that result into such
// a variable, or passes it to an unexported function of the package whose
// parameter is such a variable. Such a Config never reaches a handshake:
// autocert setups build one to copy GetCertificate and NextProtos from, and
// the Config that serves is judged where it is made.
func (c *checker) fieldSource(v types.Object, depth int) bool {
	obj, ok := v.(*types.Var)
	if !ok || depth > maxSourceDepth || obj.Pkg() != c.pass.Pkg || obj.Parent() == nil || obj.Parent() == c.pass.Pkg.Scope() || obj.IsField() {
		return false
	}
	decl := c.declOf(obj)
	if decl == nil {
		return false
	}
	result := true
	localvar.EachUse(c.pass.TypesInfo, decl.Body, obj, func(id *ast.Ident, stack []ast.Node) bool {
		inLit := slices.ContainsFunc(stack, func(n ast.Node) bool { _, ok := n.(*ast.FuncLit); return ok })
		result = c.sourceUse(id, stack[len(stack)-2], decl, inLit, depth)
		return result
	})
	return result
}

// sourceUse judges one use of a Config variable, id, whose parent node is
// parent, in the function decl (inside a function literal of it: inLit).
func (c *checker) sourceUse(id *ast.Ident, parent ast.Node, decl *ast.FuncDecl, inLit bool, depth int) bool {
	info := c.pass.TypesInfo
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		sel := info.Selections[p]
		return sel != nil && sel.Kind() == types.FieldVal && p.Sel.Name != "MinVersion"
	case *ast.BinaryExpr:
		other := p.Y
		if other == id {
			other = p.X
		}
		return (p.Op == token.EQL || p.Op == token.NEQ) && isNil(info, other)
	case *ast.AssignStmt:
		for _, lhs := range p.Lhs {
			if lhs == id {
				return true // v given another value: not a flow of this one
			}
		}
	case *ast.ReturnStmt:
		if inLit {
			return false
		}
		for i, r := range p.Results {
			if r == id {
				return c.resultSource(decl, i, len(p.Results), depth)
			}
		}
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(info, p)
		if fn == nil || fn.Exported() || fn.Pkg() != c.pass.Pkg || fn.Signature().Recv() != nil {
			return false
		}
		params := fn.Signature().Params()
		for i, a := range p.Args {
			if a == id && i < params.Len() && !(fn.Signature().Variadic() && i >= params.Len()-1) {
				return c.fieldSource(params.At(i), depth+1)
			}
		}
	}
	return false
}

// resultSource reports whether result i of n from decl, an unexported
// function, goes only into variables that are field sources, at every
// call in the package.
func (c *checker) resultSource(decl *ast.FuncDecl, i, n int, depth int) bool {
	info := c.pass.TypesInfo
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok || fn.Exported() || decl.Recv != nil {
		return false
	}
	result := true
	for _, f := range c.pass.Files {
		localvar.EachUse(info, f, fn, func(id *ast.Ident, stack []ast.Node) bool {
			result = c.callResultSource(id, stack, i, n, depth)
			return result
		})
		if !result {
			break
		}
	}
	return result
}

// callResultSource judges one reference id to a function (stack ends with
// it): a call whose results are assigned, result i into a variable that is
// a field source or the blank identifier.
func (c *checker) callResultSource(id *ast.Ident, stack []ast.Node, i, n int, depth int) bool {
	if len(stack) < 3 {
		return false
	}
	call, ok := stack[len(stack)-2].(*ast.CallExpr)
	if !ok || ast.Unparen(call.Fun) != id {
		return false
	}
	var lhs []ast.Expr
	switch s := stack[len(stack)-3].(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			lhs = s.Lhs
		}
	case *ast.ValueSpec:
		if len(s.Values) == 1 {
			for _, name := range s.Names {
				lhs = append(lhs, name)
			}
		}
	}
	if len(lhs) != n {
		return false
	}
	v, ok := lhs[i].(*ast.Ident)
	if !ok {
		return false
	}
	if v.Name == "_" {
		return true
	}
	return c.fieldSource(c.pass.TypesInfo.ObjectOf(v), depth+1)
}

// declOf returns the function declaration whose body declares v, a local
// variable or parameter.
func (c *checker) declOf(v *types.Var) *ast.FuncDecl {
	for _, f := range c.pass.Files {
		if f.FileStart > v.Pos() || v.Pos() > f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Pos() <= v.Pos() && v.Pos() < fd.End() {
				return fd
			}
		}
	}
	return nil
}
