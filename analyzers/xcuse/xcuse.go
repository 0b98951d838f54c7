package xcuse

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/internal/tlstype"
)

//go:embed doc.go
var doc string

// Analyzer finds the package's TLS endpoints; its result is *Uses.
var Analyzer = &analysis.Analyzer{
	Name:       "xcuse",
	Doc:        analysisdoc.MustExtract(doc, "xcuse"),
	URL:        "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC106.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Uses](),
}

// Side is whether an endpoint serves or dials.
type Side int

const (
	Server Side = iota
	Client
)

// Config says what configuration an endpoint has.
type Config int

const (
	// Given: Expr is the configuration.
	Given Config = iota
	// Default: Go's defaults, for no configuration or a nil one.
	Default
	// Unknown: a value the package does not show (a parameter, a field).
	Unknown
)

// An Endpoint is a call that serves or dials TLS.
type Endpoint struct {
	Call *ast.CallExpr
	// Func names the call as code writes it: http.ListenAndServeTLS,
	// (*http.Server).ServeTLS, tls.Dial, credentials.NewTLS.
	Func   string
	Side   Side
	Flavor tlstype.Flavor
	Config Config
	Expr   ast.Expr // with Given
}

// Uses is what a package does with TLS.
type Uses struct {
	Endpoints []Endpoint
	// GM is set when the package uses a GM TLS library (gmtls, TLCP):
	// dual mode serves both.
	GM bool
}

// endpoint describes a TLS entry point: the side, and which argument is
// the configuration (-1: none, Go's defaults; -2: the receiver's TLSConfig;
// -3: an https URL as argument 0).
type endpoint struct {
	side   Side
	config int
}

const (
	noConfig    = -1
	serverField = -2
	httpsURL    = -3
)

var endpoints = map[string]endpoint{
	"net/http.ListenAndServeTLS":           {Server, noConfig},
	"(*net/http.Server).ListenAndServeTLS": {Server, serverField},
	"(*net/http.Server).ServeTLS":          {Server, serverField},
	"net/http.ServeTLS":                    {Server, noConfig},
	"net/http.Get":                         {Client, httpsURL},
	"net/http.Head":                        {Client, httpsURL},
	"net/http.Post":                        {Client, httpsURL},
	"net/http.PostForm":                    {Client, httpsURL},

	"crypto/tls.Listen":         {Server, 2},
	"crypto/tls.NewListener":    {Server, 1},
	"crypto/tls.Server":         {Server, 1},
	"crypto/tls.Dial":           {Client, 2},
	"crypto/tls.DialWithDialer": {Client, 3},
	"crypto/tls.Client":         {Client, 1},
	"crypto/tls.QUICClient":     {Client, 0},
	"crypto/tls.QUICServer":     {Server, 0},

	tlstype.GMTLSPath + ".Listen":         {Server, 2},
	tlstype.GMTLSPath + ".NewListener":    {Server, 1},
	tlstype.GMTLSPath + ".Server":         {Server, 1},
	tlstype.GMTLSPath + ".Dial":           {Client, 2},
	tlstype.GMTLSPath + ".DialWithDialer": {Client, 3},
	tlstype.GMTLSPath + ".Client":         {Client, 1},

	"google.golang.org/grpc/credentials.NewTLS":               {Client, 0},
	"google.golang.org/grpc/credentials.NewServerTLSFromFile": {Server, noConfig},
	"google.golang.org/grpc/credentials.NewServerTLSFromCert": {Server, noConfig},
	"google.golang.org/grpc/credentials.NewClientTLSFromFile": {Client, noConfig},
	"google.golang.org/grpc/credentials.NewClientTLSFromCert": {Client, noConfig},
}

// defaultClientMethods are the methods of http.DefaultClient that fetch a
// URL given as argument 0.
var defaultClientMethods = map[string]bool{"Get": true, "Head": true, "Post": true, "PostForm": true}

func run(pass *analysis.Pass) (any, error) {
	u := &Uses{}
	for _, imp := range pass.Pkg.Imports() {
		if tlstype.ForPath(imp.Path()) == tlstype.GM || isTLCP(imp.Path()) {
			u.GM = true
		}
	}
	if !reachesTLS(pass.Pkg) {
		return u, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ins.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		call := n.(*ast.CallExpr)
		if e, ok := classify(pass, call, stack); ok {
			u.Endpoints = append(u.Endpoints, e)
		}
		return true
	})
	return u, nil
}

func isTLCP(path string) bool { return path == "gitee.com/Trisia/gotlcp/tlcp" }

// reachesTLS: the package imports what can open a TLS endpoint.
func reachesTLS(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		switch p := imp.Path(); {
		case p == "net/http", p == "google.golang.org/grpc/credentials", tlstype.ForPath(p) != tlstype.None:
			return true
		}
	}
	return false
}

func classify(pass *analysis.Pass, call *ast.CallExpr, stack []ast.Node) (Endpoint, bool) {
	info := pass.TypesInfo
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return Endpoint{}, false
	}
	full := fn.FullName()
	spec, known := endpoints[full]
	if !known {
		// http.DefaultClient.Get(url): the default client's configuration.
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && defaultClientMethods[fn.Name()] && full == "(*net/http.Client)."+fn.Name() && isDefaultClient(info, sel.X) {
			spec, known = endpoint{Client, httpsURL}, true
		}
	}
	if !known {
		return Endpoint{}, false
	}
	e := Endpoint{Call: call, Func: shortName(fn), Side: spec.side, Flavor: tlstype.ForPath(fn.Pkg().Path())}
	if e.Flavor == tlstype.None {
		e.Flavor = tlstype.Std // net/http and grpc speak crypto/tls
	}
	switch spec.config {
	case noConfig:
		e.Config = Default
	case httpsURL:
		if len(call.Args) == 0 || !isHTTPS(info, call.Args[0]) {
			return Endpoint{}, false // plain HTTP, or a URL not in sight
		}
		e.Config = Default
	case serverField:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return Endpoint{}, false
		}
		e.Config, e.Expr = serverConfig(info, sel.X, stack)
	default:
		if spec.config >= len(call.Args) {
			return Endpoint{}, false
		}
		arg := call.Args[spec.config]
		if isNil(info, arg) {
			e.Config = Default
		} else {
			e.Config, e.Expr = Given, arg
		}
	}
	return e, true
}

// shortName writes a function as code names it: tls.Dial, (*http.Server).ServeTLS.
func shortName(fn *types.Func) string {
	pkg := fn.Pkg().Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		star := ""
		if p, ok := t.(*types.Pointer); ok {
			t, star = p.Elem(), "*"
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return "(" + star + pkg + "." + n.Obj().Name() + ")." + fn.Name()
		}
	}
	return pkg + "." + fn.Name()
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

func isHTTPS(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.String && strings.HasPrefix(strings.ToLower(constant.StringVal(tv.Value)), "https://")
}

func isDefaultClient(info *types.Info, e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultClient"
}

// serverConfig is the TLSConfig of the http.Server a call is made on, when
// the function shows it: a local variable (or the expression itself) that
// is an &http.Server{…} literal assigned once. A TLSConfig assigned later
// in the function counts; anything else is Unknown.
func serverConfig(info *types.Info, recv ast.Expr, stack []ast.Node) (Config, ast.Expr) {
	lit := serverLiteral(info, recv, stack)
	if lit == nil {
		return Unknown, nil
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return Unknown, nil // positional fields: not worth reading
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "TLSConfig" {
			if isNil(info, kv.Value) {
				return Default, nil
			}
			return Given, kv.Value
		}
	}
	return Default, nil
}

// serverLiteral finds the &http.Server{…} a receiver is, within its
// function, when it is assigned just once and its TLSConfig not later.
func serverLiteral(info *types.Info, recv ast.Expr, stack []ast.Node) *ast.CompositeLit {
	if lit := compositeOf(recv); lit != nil {
		return lit
	}
	id, ok := ast.Unparen(recv).(*ast.Ident)
	if !ok {
		return nil
	}
	obj, ok := info.Uses[id].(*types.Var)
	if !ok || obj.Parent() == nil || obj.Parent() == obj.Pkg().Scope() {
		return nil // a package variable or field: set anywhere
	}
	var body *ast.BlockStmt
	for i := len(stack) - 1; i >= 0 && body == nil; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		}
	}
	if body == nil {
		return nil
	}
	var lit *ast.CompositeLit
	assigns := 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				switch l := l.(type) {
				case *ast.Ident:
					if info.ObjectOf(l) == obj {
						assigns++
						if len(n.Rhs) == len(n.Lhs) {
							lit = compositeOf(n.Rhs[i])
						}
					}
				case *ast.SelectorExpr:
					if x, ok := l.X.(*ast.Ident); ok && info.ObjectOf(x) == obj {
						assigns++ // srv.TLSConfig = …: more than the literal says
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.ObjectOf(name) == obj && i < len(n.Values) {
					assigns++
					lit = compositeOf(n.Values[i])
				}
			}
		}
		return true
	})
	if assigns != 1 {
		return nil
	}
	return lit
}

// compositeOf is the http.Server literal an expression is: &http.Server{…}
// or http.Server{…}.
func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}
