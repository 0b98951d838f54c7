package xcblock

import (
	"go/ast"
	"go/token"
	"go/types"
)

// stored is every value the package puts into its package-level
// variables and into the fields of its own struct types: a client held
// there (var HTTPClient = http.DefaultClient, o := &checker{hc:
// &http.Client{}}) is known when every value the package stores in it is.
// Built on first use.
type stored struct {
	files []*ast.File
	info  *types.Info
	pkg   *types.Package
	vals  map[*types.Var][]ast.Expr // a *ast.BadExpr: something unknown
}

// unknown marks a store whose value is not in sight: a compound or
// multi-value assignment, &v, a field of v set.
var unknown = &ast.BadExpr{}

func (st *stored) values(v *types.Var) []ast.Expr {
	if st.vals == nil {
		st.build()
	}
	return st.vals[v]
}

// holder is the package variable or own struct field e stores into.
func (st *stored) holder(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := st.info.Uses[e].(*types.Var); ok && v.Pkg() == st.pkg && v.Parent() == st.pkg.Scope() {
			return v
		}
	case *ast.SelectorExpr:
		if sel := st.info.Selections[e]; sel != nil && sel.Kind() == types.FieldVal {
			if v, ok := sel.Obj().(*types.Var); ok && v.Pkg() == st.pkg {
				return v
			}
		}
	}
	return nil
}

func (st *stored) build() {
	st.vals = map[*types.Var][]ast.Expr{}
	add := func(v *types.Var, e ast.Expr) {
		if v != nil {
			st.vals[v] = append(st.vals[v], e)
		}
	}
	for _, f := range st.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					v, ok := st.info.Defs[name].(*types.Var)
					if !ok || v.Parent() != st.pkg.Scope() {
						continue
					}
					switch {
					case len(n.Values) == len(n.Names):
						add(v, n.Values[i])
					case len(n.Values) == 0:
						add(v, nil)
					default:
						add(v, unknown)
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if v := st.holder(lhs); v != nil {
						if len(n.Rhs) == len(n.Lhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
							add(v, n.Rhs[i])
						} else {
							add(v, unknown)
						}
					}
					if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
						add(st.holder(sel.X), unknown) // v.Timeout = …
					}
				}
			case *ast.IncDecStmt:
				add(st.holder(n.X), unknown)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					add(st.holder(n.X), unknown)
				}
			case *ast.CompositeLit:
				st.literal(n, add)
			}
			return true
		})
	}
}

// literal records the fields a struct literal of the package's own types
// sets.
func (st *stored) literal(lit *ast.CompositeLit, add func(*types.Var, ast.Expr)) {
	t := st.info.TypeOf(lit)
	if t == nil {
		return
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok {
				if v, ok := st.info.Uses[key].(*types.Var); ok && v.IsField() && v.Pkg() == st.pkg {
					add(v, kv.Value)
				}
			}
			continue
		}
		if i < s.NumFields() && s.Field(i).Pkg() == st.pkg {
			add(s.Field(i), elt)
		}
	}
}
