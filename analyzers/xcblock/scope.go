package xcblock

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/xcguard/xcguard/analyzers/internal/typesutil"
	"golang.org/x/tools/go/types/typeutil"
)

// scope is one function body, where the analyzer looks up how a local
// variable was made (a client, a dialer, a context) to prove a deadline or
// its absence. What it cannot see it does not judge.
type scope struct {
	info   *types.Info
	body   *ast.BlockStmt
	params map[types.Object]bool
	defs   map[types.Object][]ast.Expr // every value assigned to a local
	stored *stored                     // what the package stores in its variables and fields
}

func newScope(info *types.Info, typ *ast.FuncType, body *ast.BlockStmt) *scope {
	s := &scope{info: info, body: body, params: map[types.Object]bool{}}
	for _, list := range []*ast.FieldList{typ.Params, typ.Results} {
		if list == nil {
			continue
		}
		for _, f := range list.List {
			for _, n := range f.Names {
				s.params[info.Defs[n]] = true
			}
		}
	}
	return s
}

// definitions maps locals to the values assigned to them in the body
// (nil for a declaration without a value: the zero value).
func (s *scope) definitions() map[types.Object][]ast.Expr {
	if s.defs != nil {
		return s.defs
	}
	s.defs = map[types.Object][]ast.Expr{}
	add := func(id *ast.Ident, v ast.Expr) {
		obj := s.info.Defs[id]
		if obj == nil {
			obj = s.info.Uses[id]
		}
		if obj != nil {
			s.defs[obj] = append(s.defs[obj], v)
		}
	}
	ast.Inspect(s.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok {
					continue
				}
				switch {
				case len(n.Rhs) == len(n.Lhs):
					add(id, n.Rhs[i])
				case len(n.Rhs) == 1 && i == 0:
					add(id, n.Rhs[0]) // x, y := f(): x is f()'s first result
				default:
					add(id, &ast.BadExpr{}) // unknown
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				switch {
				case len(n.Values) == 0:
					add(id, nil)
				case len(n.Values) == len(n.Names):
					add(id, n.Values[i])
				case i == 0:
					add(id, n.Values[0])
				default:
					add(id, &ast.BadExpr{})
				}
			}
		case *ast.UnaryExpr:
			// &x escapes: anyone may set its fields; treat as unknown.
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				add(id, &ast.BadExpr{})
			}
		}
		return true
	})
	return s.defs
}

// origin returns how the local e names was made, when it was made exactly
// once in this function: the value (nil for a zero declaration) and true.
func (s *scope) origin(e ast.Expr) (ast.Expr, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return e, true // an expression: itself
	}
	obj := s.info.Uses[id]
	if obj == nil || s.params[obj] || obj.Parent() == nil || obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() {
		return nil, false // a parameter or a package variable: not ours to know
	}
	defs := s.definitions()[obj]
	if len(defs) != 1 {
		return nil, false
	}
	if _, bad := defs[0].(*ast.BadExpr); bad {
		return nil, false
	}
	return defs[0], true
}

// fieldsSet returns the keys a struct literal (or &literal) sets to a
// non-zero value, and whether e is such a literal of the named type.
func (s *scope) literalOf(e ast.Expr, pkg, name string) (map[string]bool, bool) {
	if e == nil {
		return map[string]bool{}, true // the zero value
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		// new(net.Dialer): the zero value.
		if b, ok := typeutil.Callee(s.info, call).(*types.Builtin); ok && b.Name() == "new" && typesutil.IsNamedOrPointer(s.info.TypeOf(call.Args[0]), pkg, name) {
			return map[string]bool{}, true
		}
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok || !typesutil.IsNamedOrPointer(s.info.TypeOf(lit), pkg, name) {
		return nil, false
	}
	set := map[string]bool{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		if tv, ok := s.info.Types[kv.Value]; ok && tv.Value != nil && constant.Sign(tv.Value) == 0 {
			continue // Timeout: 0
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			set[id.Name] = true
		}
	}
	return set, true
}

// fieldAssigned reports whether the body assigns x.field for a local x.
func (s *scope) fieldAssigned(x ast.Expr, fields ...string) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return true
	}
	obj := s.info.Uses[id]
	found := false
	ast.Inspect(s.body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found {
			return !found
		}
		if xid, ok := ast.Unparen(sel.X).(*ast.Ident); ok && s.info.Uses[xid] == obj {
			for _, f := range fields {
				if sel.Sel.Name == f {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// unbounded reports whether x is provably a value of pkg.name with none of
// the given deadline fields set: a literal without them, here or as the one
// value of a local variable whose fields the function does not set later.
func (s *scope) unbounded(x ast.Expr, pkg, name string, fields ...string) bool {
	v, ok := s.origin(x)
	if !ok {
		return s.storedUnbounded(x, pkg, name, fields...)
	}
	set, ok := s.literalOf(v, pkg, name)
	if !ok {
		return v != nil && s.storedUnbounded(v, pkg, name, fields...)
	}
	for _, f := range fields {
		if set[f] {
			return false
		}
	}
	if _, isIdent := ast.Unparen(x).(*ast.Ident); isIdent && s.fieldAssigned(x, fields...) {
		return false
	}
	return true
}

// contextDeadline tells whether a context expression provably carries a
// deadline (made by context.WithTimeout or WithDeadline here), provably
// does not (context.Background or TODO), or is unknown.
func (s *scope) contextDeadline(ctx ast.Expr) (known, deadline bool) {
	v, ok := s.origin(ctx)
	if !ok || v == nil {
		return false, false
	}
	call, ok := ast.Unparen(v).(*ast.CallExpr)
	if !ok {
		return false, false
	}
	fn := typeutil.StaticCallee(s.info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
		return false, false
	}
	switch fn.Name() {
	case "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause":
		return true, true
	case "Background", "TODO":
		return true, false
	}
	return false, false
}

// requestDeadline tells whether an *http.Request provably has a context
// deadline: made here by http.NewRequest (no), or NewRequestWithContext
// with a context contextDeadline knows.
func (s *scope) requestDeadline(req ast.Expr) (known, deadline bool) {
	v, ok := s.origin(req)
	if !ok || v == nil {
		return false, false
	}
	call, ok := ast.Unparen(v).(*ast.CallExpr)
	if !ok {
		return false, false
	}
	fn := typeutil.StaticCallee(s.info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net/http" {
		return false, false
	}
	switch fn.Name() {
	case "NewRequest":
		return true, false
	case "NewRequestWithContext":
		if len(call.Args) > 0 {
			return s.contextDeadline(call.Args[0])
		}
	}
	return false, false
}

// storedUnbounded reports whether x names a package variable or a field of
// one of the package's struct types, and every value the package stores
// in it is a pkg.name with none of the deadline fields set (or net/http's
// DefaultClient). A nil pointer stored proves nothing either way.
func (s *scope) storedUnbounded(x ast.Expr, pkg, name string, fields ...string) bool {
	if s.stored == nil {
		return false
	}
	v := s.stored.holder(x)
	if v == nil {
		return false
	}
	known := false
	for _, val := range s.stored.values(v) {
		if _, bad := val.(*ast.BadExpr); bad {
			return false
		}
		if val == nil {
			if _, ptr := v.Type().Underlying().(*types.Pointer); ptr {
				continue
			}
		} else if tv, ok := s.info.Types[val]; ok && tv.IsNil() {
			continue
		}
		if val != nil && name == "Client" && isDefaultClient(s.info, val) {
			known = true
			continue
		}
		set, ok := s.literalOf(val, pkg, name)
		if !ok {
			return false
		}
		for _, f := range fields {
			if set[f] {
				return false
			}
		}
		known = true
	}
	return known
}

// newScope is a scope of one of the package's function bodies.
func (c *checker) newScope(typ *ast.FuncType, body *ast.BlockStmt) *scope {
	s := newScope(c.pass.TypesInfo, typ, body)
	if c.stored == nil {
		c.stored = &stored{files: c.pass.Files, info: c.pass.TypesInfo, pkg: c.pass.Pkg}
	}
	s.stored = c.stored
	return s
}
