package xcdebugmux

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// handlerArg is, per package and function, the index of the handler
// argument that, when nil, means http.DefaultServeMux.
var handlerArg = map[string]map[string]int{
	"net/http":      {"ListenAndServe": 1, "ListenAndServeTLS": 3, "Serve": 1, "ServeTLS": 1},
	"net/http/fcgi": {"Serve": 1},
	"net/http/cgi":  {"Serve": 0},
}

// serving recognizes the code that serves http.DefaultServeMux.
type serving struct {
	info       *types.Info
	server     *types.TypeName       // net/http.Server
	handler    *types.Var            // its Handler field
	defaultMux types.Object          // net/http.DefaultServeMux
	muxVars    map[types.Object]bool // variables assigned the default mux
	handled    map[types.Object]bool // servers whose Handler is assigned
	// copies maps a variable or field holding a server to those it is
	// copied into (w := &wrapper{hs: srv}, setup(srv)'s parameter): a
	// Handler set through any of them is the server's.
	copies map[types.Object][]types.Object
}

func newServing(pass *analysis.Pass, http *types.Package) *serving {
	s := &serving{info: pass.TypesInfo, muxVars: map[types.Object]bool{}, handled: map[types.Object]bool{}, copies: map[types.Object][]types.Object{}}
	s.server, _ = http.Scope().Lookup("Server").(*types.TypeName)
	s.defaultMux = http.Scope().Lookup("DefaultServeMux")
	if s.server != nil {
		if st, ok := s.server.Type().Underlying().(*types.Struct); ok {
			for f := range st.Fields() {
				if f.Name() == "Handler" {
					s.handler = f
				}
			}
		}
	}
	s.collect(pass.Files)
	return s
}

// collect finds, anywhere in the package, the variables that are assigned
// the default mux (h := http.DefaultServeMux, h = logging(h)), then the
// variables and fields whose server gets another Handler assigned
// (srv.Handler = mux).
func (s *serving) collect(files []*ast.File) {
	type assign struct {
		lhs, rhs ast.Expr
	}
	var assigns []assign
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						assigns = append(assigns, assign{n.Lhs[i], n.Rhs[i]})
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i := range n.Names {
						assigns = append(assigns, assign{n.Names[i], n.Values[i]})
					}
				}
			case *ast.KeyValueExpr:
				if key, ok := n.Key.(*ast.Ident); ok {
					if f, ok := s.info.Uses[key].(*types.Var); ok && f.IsField() {
						s.copy(f, n.Value)
					}
				}
			case *ast.CallExpr:
				if fn := typeutil.StaticCallee(s.info, n); fn != nil {
					params := fn.Signature().Params()
					for i, arg := range n.Args {
						if i < params.Len() {
							s.copy(params.At(i), arg)
						}
					}
				}
			}
			return true
		})
	}
	for _, a := range assigns {
		if obj := s.object(a.lhs); obj != nil {
			s.copy(obj, a.rhs)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, a := range assigns {
			if obj := s.object(a.lhs); obj != nil && !s.muxVars[obj] && s.isDefaultMux(a.rhs) {
				s.muxVars[obj], changed = true, true
			}
		}
	}
	for _, a := range assigns {
		sel, ok := ast.Unparen(a.lhs).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Handler" {
			continue
		}
		if x, ok := s.info.Selections[sel]; !ok || x.Obj() != s.handler || s.isDefaultMux(a.rhs) {
			continue
		}
		if obj := s.object(sel.X); obj != nil {
			s.handled[obj] = true
		}
	}
}

// servesDefault describes the call or composite literal at c when it
// serves http.DefaultServeMux, else returns "".
func (s *serving) servesDefault(c inspector.Cursor) string {
	switch n := c.Node().(type) {
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(s.info, n).(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Signature().Recv() != nil {
			return ""
		}
		i, ok := handlerArg[fn.Pkg().Path()][fn.Name()]
		if !ok || i >= len(n.Args) || !s.isDefaultMux(n.Args[i]) {
			return ""
		}
		what := fn.Pkg().Name() + "." + fn.Name()
		if arg := n.Args[i]; !s.isNil(arg) && s.object(arg) != s.defaultMux {
			what += " with handler " + short(arg)
		}
		return what
	case *ast.CompositeLit:
		if s.server == nil || !isNamed(s.info.TypeOf(n), s.server) {
			return ""
		}
		h, found := s.handlerField(n)
		var what string
		switch {
		case !found:
			what = "http.Server without a Handler"
		case s.isNil(h):
			what = "http.Server with a nil Handler"
		case s.object(h) == s.defaultMux:
			what = "http.Server" // its Handler is http.DefaultServeMux itself
		case s.isDefaultMux(h):
			what = "http.Server with Handler " + short(h)
		default:
			return ""
		}
		if obj := s.boundTo(c); obj != nil && s.handledVia(obj, map[types.Object]bool{}) {
			return "" // x.Handler = h elsewhere
		}
		return what
	}
	return ""
}

// handlerField returns the literal's Handler element, keyed or positional.
func (s *serving) handlerField(lit *ast.CompositeLit) (ast.Expr, bool) {
	for i, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			// Positional: the struct's fields in order.
			st, _ := s.server.Type().Underlying().(*types.Struct)
			if st != nil && i < st.NumFields() && st.Field(i) == s.handler {
				return e, true
			}
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Handler" {
			return kv.Value, true
		}
	}
	return nil, false
}

// boundTo returns the variable or field the literal (or its address) is
// assigned to, declared as, or keyed by in an enclosing literal.
func (s *serving) boundTo(c inspector.Cursor) types.Object {
	for {
		p := c.Parent()
		switch n := p.Node().(type) {
		case *ast.ParenExpr, *ast.UnaryExpr:
			c = p
			continue
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					if r == c.Node() {
						return s.object(n.Lhs[i])
					}
				}
			}
		case *ast.ValueSpec:
			for i, v := range n.Values {
				if v == c.Node() && i < len(n.Names) {
					return s.info.Defs[n.Names[i]]
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && n.Value == c.Node() {
				return s.info.ObjectOf(id)
			}
		}
		return nil
	}
}

// object is the variable, field or package-level variable an expression
// names: x, p.x, pkg.X, *x.
func (s *serving) object(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return s.info.ObjectOf(e)
	case *ast.SelectorExpr:
		return s.info.ObjectOf(e.Sel)
	case *ast.StarExpr:
		return s.object(e.X)
	}
	return nil
}

func (s *serving) isNil(e ast.Expr) bool { return s.info.Types[e].IsNil() }

// isDefaultMux reports whether the handler e serves http.DefaultServeMux:
// it is nil, or it is built from http.DefaultServeMux or from a variable
// assigned such a handler somewhere in the package (the mux itself, a
// wrapper around it, a function that calls it). A handler that is not
// known, such as a parameter, is not judged.
func (s *serving) isDefaultMux(e ast.Expr) bool {
	if s.isNil(e) {
		return true
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			obj := s.info.Uses[id]
			found = obj != nil && (obj == s.defaultMux || s.muxVars[obj])
		}
		return !found
	})
	return found
}

// short is the expression's source, abbreviated.
func short(e ast.Expr) string {
	const most = 40
	str := types.ExprString(e)
	if len(str) > most {
		str = str[:most-3] + "..."
	}
	return str
}

func isNamed(t types.Type, name *types.TypeName) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj() == name
}

// copy notes that the server value e holds, if it names a variable or
// field of http.Server type, is copied into to.
func (s *serving) copy(to types.Object, e ast.Expr) {
	if s.server == nil || !isServerPtr(s.info.TypeOf(e), s.server) {
		return
	}
	if from := s.object(e); from != nil && from != to {
		s.copies[from] = append(s.copies[from], to)
	}
}

// handledVia reports whether obj, or anything it is copied into, gets a
// Handler assigned.
func (s *serving) handledVia(obj types.Object, seen map[types.Object]bool) bool {
	if seen[obj] {
		return false
	}
	seen[obj] = true
	if s.handled[obj] {
		return true
	}
	for _, to := range s.copies[obj] {
		if s.handledVia(to, seen) {
			return true
		}
	}
	return false
}

// isServerPtr reports whether t is *http.Server.
func isServerPtr(t types.Type, server *types.TypeName) bool {
	p, ok := t.(*types.Pointer)
	return ok && isNamed(p.Elem(), server)
}
