package xcblock

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/internal/tlstype"
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
// a function literal's own calls, a named function or method value, or
// what a factory of the package returns.
func (c *checker) callback(field string, value ast.Expr, at ast.Node) {
	var chain []step
	switch v := ast.Unparen(value).(type) {
	case *ast.FuncLit:
		f, _ := c.evaluate(c.newScope(v.Type, v.Body), nil)
		chain = f.Block
	case *ast.Ident, *ast.SelectorExpr:
		if fn, ok := c.funcOf(v); ok {
			if f := c.factOf(fn); f.Block != nil {
				chain = prepend(funcStep(fn), f.Block)
			}
		} else if lit := c.closure(v); lit != nil {
			f, _ := c.evaluate(c.newScope(lit.Type, lit.Body), nil)
			chain = f.Block
		}
	case *ast.CallExpr:
		chain = c.factory(v)
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

// closure returns the function literal a local variable holds when the
// package assigns it exactly that once (f := func(…) {…}; cfg.X = f);
// nil for a parameter, a variable assigned twice or never.
func (c *checker) closure(e ast.Expr) *ast.FuncLit {
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	if c.closures == nil {
		c.closures = c.collectClosures()
	}
	return c.closures[v]
}

// collectClosures maps each local variable assigned once, with a function
// literal, to it; variables assigned more than once map to nil.
func (c *checker) collectClosures() map[*types.Var]*ast.FuncLit {
	info := c.pass.TypesInfo
	seen := map[*types.Var]int{}
	lits := map[*types.Var]*ast.FuncLit{}
	note := func(id *ast.Ident, rhs ast.Expr) {
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok {
			return
		}
		seen[v]++
		if lit, ok := ast.Unparen(rhs).(*ast.FuncLit); ok {
			lits[v] = lit
		}
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
						var rhs ast.Expr
						if len(n.Lhs) == len(n.Rhs) {
							rhs = n.Rhs[i]
						}
						note(id, rhs)
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					var rhs ast.Expr
					if i < len(n.Values) {
						rhs = n.Values[i]
					}
					note(id, rhs)
				}
			case *ast.UnaryExpr:
				// &f: it may be assigned through the pointer.
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op.String() == "&" {
					if v, ok := info.ObjectOf(id).(*types.Var); ok {
						seen[v] += 2
					}
				}
			}
			return true
		})
	}
	for v := range lits {
		if seen[v] != 1 {
			delete(lits, v)
		}
	}
	return lits
}

// factory follows a callback made by a call of one of the package's
// functions (VerifyPeerCertificate: makeVerifier(url)): the chain of the
// first function literal it returns that blocks, after the factory's name.
func (c *checker) factory(call *ast.CallExpr) []step {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return nil
	}
	decl := c.declOf(fn)
	if decl == nil {
		return nil
	}
	var chain []step
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if chain != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			if len(n.Results) == 1 {
				if lit, ok := ast.Unparen(n.Results[0]).(*ast.FuncLit); ok {
					if f, _ := c.evaluate(c.newScope(lit.Type, lit.Body), nil); f.Block != nil {
						chain = prepend(funcStep(fn), f.Block)
					}
				}
			}
		}
		return true
	})
	return chain
}

// declOf returns the declaration of one of the package's functions.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	for _, f := range c.pass.Files {
		if f.FileStart > fn.Pos() || fn.Pos() > f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && c.pass.TypesInfo.Defs[fd.Name] == fn {
				return fd
			}
		}
	}
	return nil
}
