package xctls

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/xcguard/xcguard/analyzers/internal/tlstype"
)

// flavor is which TLS library a Config belongs to.
type flavor = tlstype.Flavor

const (
	notTLS = tlstype.None
	stdTLS = tlstype.Std
	gmTLS  = tlstype.GM
)

// versionGMSSL is gmtls.VersionGMSSL (GM/T 0024-2014).
const versionGMSSL = 0x0101

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
// can reject a peer: present, not nil, and not a literal that only returns nil.
func setsCallback(info *types.Info, value ast.Expr) bool {
	if value == nil || isNil(info, value) {
		return false
	}
	lit, ok := ast.Unparen(value).(*ast.FuncLit)
	if !ok {
		return true // a named function or method value: assume it verifies
	}
	for _, stmt := range lit.Body.List {
		ret, ok := stmt.(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 || !isNil(info, ret.Results[0]) {
			return true
		}
	}
	return false // func(...) error { return nil } verifies nothing
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
						return id, objectOf(info, id)
					}
					return lhs, nil
				}
			}
			return nil, nil
		case *ast.ValueSpec:
			child := stack[i+1]
			for j, v := range n.Values {
				if v == child && j < len(n.Names) {
					return n.Names[j], objectOf(info, n.Names[j])
				}
			}
			return nil, nil
		}
		return nil, nil
	}
	return nil, nil
}

func objectOf(info *types.Info, id *ast.Ident) types.Object {
	if obj := info.Defs[id]; obj != nil {
		return obj
	}
	return info.Uses[id]
}

// enclosingBody returns the body of the innermost function on the stack.
func enclosingBody(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncDecl:
			return n.Body
		case *ast.FuncLit:
			return n.Body
		}
	}
	return nil
}
