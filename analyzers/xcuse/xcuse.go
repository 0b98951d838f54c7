package xcuse

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/internal/lazyinspect"
	"github.com/xcguard/xcguard/analyzers/internal/localvar"
	"github.com/xcguard/xcguard/analyzers/internal/typesutil"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/internal/tlstype"
)

//go:embed doc.go
var doc string

// Analyzer finds the package's TLS endpoints and crypto operations; its
// result is *Uses.
var Analyzer = &analysis.Analyzer{
	Name:       "xcuse",
	Doc:        analysisdoc.MustExtract(doc, "xcuse"),
	URL:        "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC106.md",
	Requires:   []*analysis.Analyzer{lazyinspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Uses](),
	FactTypes:  []analysis.Fact{new(ReachFact)},
}

// Side is whether an endpoint serves or dials.
type Side int

const (
	Server Side = iota
	Client
	// EitherSide: a configuration that does not say which it is for.
	EitherSide
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
	// Dual: the endpoint serves TLCP and standard TLS on one port (gotlcp's
	// pa); Flavor is TLCP and Expr, if any, is the TLCP configuration.
	Dual bool
	// StdOnly: a gmtls endpoint whose configuration provably has no
	// GMSupport (none at all, or a literal without it), so it speaks
	// standard TLS only, with SSL 3.0 as its default minimum.
	StdOnly bool
	// GMShown: a gmtls endpoint whose configuration provably sets
	// GMSupport. Neither it nor StdOnly: the configuration is not in sight.
	GMShown bool
	// Versions is the protocol versions the endpoint accepts, as far as
	// the code shows ("TLS 1.2 and up"), and VersionsFrom where that comes
	// from ("Go's default", "tls10server=1 from go 1.21 in go.mod", "its
	// configuration"); Suites likewise for its cipher suites. Empty when
	// the configuration is not in sight.
	Versions, VersionsFrom, Suites string
	// MinVersion is the constant MinVersion its configuration sets, 0 when
	// none is in sight.
	MinVersion uint16
}

// Uses is what a package does with TLS and crypto.
type Uses struct {
	Endpoints []Endpoint
	Ops       []Op // in source order
	// Configs are the TLS configuration literals, in source order.
	Configs []TLSConfig
	// Calls are the calls into other packages' functions that reach
	// endpoints or operations (by their facts), in source order.
	Calls []Call
	// Debug is the weak GODEBUG settings the program runs with, by name,
	// with where each comes from: the go line, go.mod's godebug lines and
	// a main package's //go:debug directives.
	Debug map[string]string
	// GM is set when the package serves, dials or configures GM TLS: a
	// TLCP endpoint or config, a gmtls one with GMSupport (or one whose
	// configuration is not in sight), gmtls.NewGMSupport: dual mode
	// serves both.
	GM bool
}

// endpoint describes a TLS entry point: the side, and which argument is
// the configuration (-1: none, Go's defaults; -2: the receiver's field
// named by field; -3: an https URL as argument 0). dual marks gotlcp's pa
// listeners, which serve TLCP and standard TLS on one port.
type endpoint struct {
	side   Side
	config int
	field  string
	dual   bool
}

const (
	noConfig      = -1
	receiverField = -2
	httpsURL      = -3
)

var endpoints = map[string]endpoint{
	"net/http.ListenAndServeTLS":           {side: Server, config: noConfig},
	"(*net/http.Server).ListenAndServeTLS": {side: Server, config: receiverField, field: "TLSConfig"},
	"(*net/http.Server).ServeTLS":          {side: Server, config: receiverField, field: "TLSConfig"},
	"net/http.ServeTLS":                    {side: Server, config: noConfig},
	"net/http.Get":                         {side: Client, config: httpsURL},
	"net/http.Head":                        {side: Client, config: httpsURL},
	"net/http.Post":                        {side: Client, config: httpsURL},
	"net/http.PostForm":                    {side: Client, config: httpsURL},

	"crypto/tls.Listen":                {side: Server, config: 2},
	"crypto/tls.NewListener":           {side: Server, config: 1},
	"crypto/tls.Server":                {side: Server, config: 1},
	"crypto/tls.Dial":                  {side: Client, config: 2},
	"crypto/tls.DialWithDialer":        {side: Client, config: 3},
	"crypto/tls.Client":                {side: Client, config: 1},
	"(*crypto/tls.Dialer).Dial":        {side: Client, config: receiverField, field: "Config"},
	"(*crypto/tls.Dialer).DialContext": {side: Client, config: receiverField, field: "Config"},
	"crypto/tls.QUICClient":            {side: Client, config: 0},
	"crypto/tls.QUICServer":            {side: Server, config: 0},

	tlstype.GMTLSPath + ".Listen":         {side: Server, config: 2},
	tlstype.GMTLSPath + ".NewListener":    {side: Server, config: 1},
	tlstype.GMTLSPath + ".Server":         {side: Server, config: 1},
	tlstype.GMTLSPath + ".Dial":           {side: Client, config: 2},
	tlstype.GMTLSPath + ".DialWithDialer": {side: Client, config: 3},
	tlstype.GMTLSPath + ".Client":         {side: Client, config: 1},

	tlstype.TLCPPath + ".Listen":                     {side: Server, config: 2},
	tlstype.TLCPPath + ".NewListener":                {side: Server, config: 1},
	tlstype.TLCPPath + ".Server":                     {side: Server, config: 1},
	tlstype.TLCPPath + ".Dial":                       {side: Client, config: 2},
	tlstype.TLCPPath + ".DialWithDialer":             {side: Client, config: 3},
	tlstype.TLCPPath + ".Client":                     {side: Client, config: 1},
	"(*" + tlstype.TLCPPath + ".Dialer).Dial":        {side: Client, config: receiverField, field: "Config"},
	"(*" + tlstype.TLCPPath + ".Dialer).DialContext": {side: Client, config: receiverField, field: "Config"},
	tlstype.PAPath + ".Listen":                       {side: Server, config: 2, dual: true},
	tlstype.PAPath + ".NewListener":                  {side: Server, config: 1, dual: true},

	"google.golang.org/grpc/credentials.NewTLS":               {side: Client, config: 0},
	"google.golang.org/grpc/credentials.NewServerTLSFromFile": {side: Server, config: noConfig},
	"google.golang.org/grpc/credentials.NewServerTLSFromCert": {side: Server, config: noConfig},
	"google.golang.org/grpc/credentials.NewClientTLSFromFile": {side: Client, config: noConfig},
	"google.golang.org/grpc/credentials.NewClientTLSFromCert": {side: Client, config: noConfig},
}

// clientMethods are the methods of http.Client that fetch a URL given as
// argument 0.
var clientMethods = map[string]bool{"Get": true, "Head": true, "Post": true, "PostForm": true}

func run(pass *analysis.Pass) (any, error) {
	debug, err := programDebugOf(pass)
	if err != nil {
		return nil, err
	}
	u := &Uses{Debug: debug}
	if libraryPackage(pass) && !xcconfig.Reported(pass) {
		// A library the driver visits only for facts: it exports none
		// (see reach), and nothing reads its uses.
		return u, nil
	}
	ins := lazyinspect.Of(pass)
	if reachesCrypto(pass.Pkg) {
		u.Ops = findOps(pass, ins)
	}
	if reachesTLS(pass.Pkg) {
		u.endpoints(pass, ins)
	}
	reach(pass, u)
	return u, nil
}

// endpoints records the package's TLS endpoints, and whether it speaks
// GM TLS.
func (u *Uses) endpoints(pass *analysis.Pass, ins *inspector.Inspector) {
	used := map[*ast.CompositeLit]bool{} // the configurations of endpoints in sight
	ins.WithStack([]ast.Node{(*ast.CallExpr)(nil), (*ast.CompositeLit)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.CompositeLit:
			fl := tlstype.Of(pass.TypesInfo.TypeOf(n), "Config")
			if fl != tlstype.None {
				c := TLSConfig{Lit: n, Flavor: fl, Side: configSide(pass.TypesInfo, n, stack)}
				if fl == tlstype.GM {
					v, ok := keyed(n, "GMSupport")
					c.GMSupport = ok && v != nil && !isNil(pass.TypesInfo, v)
				}
				u.Configs = append(u.Configs, c)
			}
			// A TLCP config, or a gmtls one with GMSupport, is GM TLS
			// made here, whichever package serves it.
			switch fl {
			case tlstype.TLCP:
				u.GM = true
			case tlstype.GM:
				if v, ok := keyed(n, "GMSupport"); ok && v != nil && !isNil(pass.TypesInfo, v) {
					u.GM = true
				}
			}
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(pass.TypesInfo, n).(*types.Func); ok && gmMakers[fn.FullName()] {
				u.GM = true
			}
			if e, ok := classify(pass, n, stack); ok {
				u.describe(pass.TypesInfo, &e, stack)
				u.Endpoints = append(u.Endpoints, e)
				u.GM = u.GM || e.Flavor.SpeaksGM() && !e.StdOnly
				if lit := literalOf(pass.TypesInfo, e.Expr, stack); lit != nil {
					used[lit] = true
				}
			}
		}
		return true
	})
	for i := range u.Configs {
		c := &u.Configs[i]
		c.Endpoint = used[c.Lit]
		if c.Endpoint || c.Flavor != tlstype.Std {
			continue
		}
		// What the literal accepts: its MinVersion, else the default of
		// the side it says it is for.
		if v, _ := keyed(c.Lit, "MinVersion"); c.Side == EitherSide && v == nil {
			continue
		}
		e := Endpoint{Flavor: c.Flavor, Side: c.Side, Config: Given, Expr: c.Lit}
		u.describe(pass.TypesInfo, &e, nil)
		c.Versions, c.VersionsFrom, c.Suites = e.Versions, e.VersionsFrom, e.Suites
	}
}

// versionNames name the protocol versions by their numbers.
var versionNames = map[uint64]string{0x0101: "GM TLS 1.1", 0x0300: "SSL 3.0", 0x0301: "TLS 1.0", 0x0302: "TLS 1.1", 0x0303: "TLS 1.2", 0x0304: "TLS 1.3"}

// describe fills in what the endpoint's versions and suites are, from its
// configuration literal where the code shows one, else from the defaults
// of its library and the program's GODEBUG.
func (u *Uses) describe(info *types.Info, e *Endpoint, stack []ast.Node) {
	var lit *ast.CompositeLit
	if e.Config == Given {
		if lit = literalOf(info, e.Expr, stack); lit == nil {
			return // not in sight
		}
	} else if e.Config == Unknown {
		return
	}
	min := func() (string, uint64, bool) {
		if lit == nil {
			return "", 0, false
		}
		v, ok := keyed(lit, "MinVersion")
		if !ok || v == nil {
			return "", 0, false
		}
		tv, ok := info.Types[v]
		if !ok || tv.Value == nil {
			return "", 0, false
		}
		n, ok := constant.Uint64Val(constant.ToInt(tv.Value))
		name, known := versionNames[n]
		return name, n, ok && known
	}
	suitesSet := false
	if lit != nil {
		v, ok := keyed(lit, "CipherSuites")
		suitesSet = ok && v != nil
	}
	switch {
	case e.Flavor == tlstype.TLCP:
		e.Versions, e.VersionsFrom = "TLCP 1.1", "GB/T 38636, its only version"
		e.Suites = "gotlcp's defaults (SM2 key exchange, SM4, SM3)"
		if suitesSet {
			e.Suites = "its configuration"
		}
		return
	case e.Flavor == tlstype.GM && e.StdOnly:
		e.Versions, e.VersionsFrom = "SSL 3.0 to TLS 1.2", "gmtls's default without GMSupport"
	case e.Flavor == tlstype.GM && e.GMShown:
		e.Versions, e.VersionsFrom = "GM TLS 1.1, and standard TLS up to 1.2", "gmtls with GMSupport"
	case e.Flavor == tlstype.GM:
		return
	case e.Side == Server:
		e.Versions, e.VersionsFrom = "TLS 1.2 and up", "Go's default"
		if from, ok := u.Debug["tls10server"]; ok {
			e.Versions, e.VersionsFrom = "TLS 1.0 and up", "tls10server=1 from "+from
		}
	default:
		e.Versions, e.VersionsFrom = "TLS 1.2 and up", "Go's default"
	}
	if v, n, ok := min(); ok && e.Flavor == tlstype.Std {
		e.Versions, e.VersionsFrom, e.MinVersion = v+" and up", "its configuration", uint16(n)
	}
	switch {
	case suitesSet:
		e.Suites = "its configuration"
	case e.Flavor == tlstype.Std:
		e.Suites = "Go's defaults"
		var extra []string
		for _, s := range []struct{ name, what string }{{"tlsrsakex", "RSA key exchange"}, {"tls3des", "3DES"}} {
			if from, ok := u.Debug[s.name]; ok {
				extra = append(extra, s.what+" ("+s.name+"=1 from "+from+")")
			}
		}
		if len(extra) > 0 {
			e.Suites += " with " + strings.Join(extra, " and ")
		}
	default:
		e.Suites = "gmtls's defaults"
	}
}

// literalOf is the composite literal a configuration expression is, in
// place or through a local variable defined once; nil otherwise.
func literalOf(info *types.Info, e ast.Expr, stack []ast.Node) *ast.CompositeLit {
	if e == nil {
		return nil
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return compositeOf(localvar.Definition(info, id, localvar.EnclosingBody(stack)))
	}
	return compositeOf(e)
}

// A TLSConfig is a TLS configuration literal: TLS the package sets up,
// whether or not the endpoint that uses it is in sight (a client stored in
// a field and used in another function, a server handed to a framework).
type TLSConfig struct {
	Lit    *ast.CompositeLit
	Flavor tlstype.Flavor
	Side   Side // Client for an http.Transport's TLSClientConfig or client fields; Server for server fields; else EitherSide
	// Endpoint: the configuration of an endpoint the package shows.
	Endpoint bool
	// GMSupport: a gmtls literal that sets GMSupport (it may be set
	// later, too).
	GMSupport bool
	// Versions, VersionsFrom and Suites are as an Endpoint's, for a
	// standard-TLS literal whose endpoint is not in sight.
	Versions, VersionsFrom, Suites string
}

// configSide tells who a Config literal is for, from where it is put and
// the fields it sets.
func configSide(info *types.Info, lit *ast.CompositeLit, stack []ast.Node) Side {
	for i := len(stack) - 2; i >= 0; i-- {
		if kv, ok := stack[i].(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				switch id.Name {
				case "TLSClientConfig":
					return Client
				case "TLSConfig":
					if i > 0 {
						if outer, ok := stack[i-1].(*ast.CompositeLit); ok && typesutil.IsNamed(info.TypeOf(outer), "net/http", "Server") {
							return Server
						}
					}
				}
			}
			break
		}
		if _, ok := stack[i].(*ast.UnaryExpr); !ok {
			break
		}
	}
	for _, f := range append(serverFields, "GetKECertificate") {
		if v, ok := keyed(lit, f); ok && v != nil {
			return Server
		}
	}
	for _, f := range []string{"RootCAs", "ServerName", "InsecureSkipVerify", "GetClientCertificate"} {
		if v, ok := keyed(lit, f); ok && v != nil {
			return Client
		}
	}
	return EitherSide
}

// gmMakers are the calls that make GM TLS configurations.
var gmMakers = map[string]bool{
	tlstype.GMTLSPath + ".NewGMSupport":             true,
	tlstype.GMTLSPath + ".NewBasicAutoSwitchConfig": true,
}

// reachesTLS: the package imports what can open a TLS endpoint.
func reachesTLS(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		switch p := imp.Path(); {
		case p == "net/http", p == "google.golang.org/grpc/credentials", p == tlstype.PAPath, tlstype.ForPath(p) != tlstype.None:
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
	if !known && full == "(*net/http.Client)."+fn.Name() && clientMethods[fn.Name()] {
		return clientEndpoint(info, call, fn, stack)
	}
	if !known {
		return Endpoint{}, false
	}
	e := Endpoint{Call: call, Func: shortName(fn), Side: spec.side, Flavor: tlstype.ForPath(fn.Pkg().Path()), Dual: spec.dual}
	if full == "google.golang.org/grpc/credentials.NewTLS" && (inCall(info, stack, "google.golang.org/grpc.Creds") || len(call.Args) == 1 && serverConfig(info, call.Args[0], stack)) {
		e.Side = Server // grpc.Creds(credentials.NewTLS(cfg)), or a config with server fields
	}
	switch {
	case spec.dual:
		e.Flavor = tlstype.TLCP // and standard TLS beside it
	case e.Flavor == tlstype.None:
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
	case receiverField:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return Endpoint{}, false
		}
		e.Config, e.Expr = fieldConfig(info, localLiteral(info, sel.X, stack), spec.field)
	default:
		if spec.config >= len(call.Args) {
			return Endpoint{}, false
		}
		if spec.config == 1 && (deadConn(info, call.Args[0]) || readOnlyConn(pass, call.Args[0])) {
			return Endpoint{}, false // a wrapper that cannot carry a byte
		}
		arg := call.Args[spec.config]
		if isNil(info, arg) {
			e.Config = Default
		} else {
			e.Config, e.Expr = Given, arg
		}
	}
	if e.Flavor == tlstype.GM {
		e.StdOnly = e.Config == Default || plainGMTLS(info, e.Expr, stack)
		e.GMShown = !e.StdOnly && gmSupportShown(info, e.Expr, stack)
	}
	return e, true
}

// plainGMTLS reports whether a gmtls configuration is provably without
// GMSupport: a &gmtls.Config{…} literal that does not set it, in place or
// in a local variable defined once, whose GMSupport is not set later.
func plainGMTLS(info *types.Info, e ast.Expr, stack []ast.Node) bool {
	e = ast.Unparen(e)
	var lit *ast.CompositeLit
	if id, ok := e.(*ast.Ident); ok {
		lit = compositeOf(localvar.Definition(info, id, localvar.EnclosingBody(stack)))
		if lit == nil || localvar.SetsField(info, localvar.EnclosingBody(stack), id, "GMSupport") {
			return false
		}
	} else {
		lit = compositeOf(e)
	}
	if lit == nil || tlstype.Of(info.TypeOf(lit), "Config") != tlstype.GM {
		return false
	}
	v, ok := keyed(lit, "GMSupport")
	return ok && (v == nil || isNil(info, v))
}

// gmSupportShown reports whether the package shows a gmtls configuration
// setting GMSupport: in its literal, or assigned to the variable later.
func gmSupportShown(info *types.Info, e ast.Expr, stack []ast.Node) bool {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && localvar.SetsField(info, localvar.EnclosingBody(stack), id, "GMSupport") {
		return true
	}
	lit := literalOf(info, e, stack)
	if lit == nil {
		return false
	}
	v, ok := keyed(lit, "GMSupport")
	return ok && v != nil && !isNil(info, v)
}

// serverFields are the tls.Config fields only a server sets.
var serverFields = []string{"ClientAuth", "ClientCAs", "GetCertificate", "GetConfigForClient"}

// serverConfig reports whether a configuration expression is plainly a
// server's: a literal, or a local variable (also &v), that sets a server
// field in the function.
func serverConfig(info *types.Info, e ast.Expr, stack []ast.Node) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	if lit := literalOf(info, e, stack); lit != nil && configSide(info, lit, nil) == Server {
		return true
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	for _, f := range serverFields {
		if localvar.SetsField(info, localvar.EnclosingBody(stack), id, f) {
			return true
		}
	}
	return false
}

// inCall reports whether the call on top of stack is an argument of a
// call to the function full names.
func inCall(info *types.Info, stack []ast.Node, full string) bool {
	if len(stack) < 2 {
		return false
	}
	outer, ok := stack[len(stack)-2].(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, outer).(*types.Func)
	return ok && fn.FullName() == full
}

// clientEndpoint is an http.Client method fetching an https:// URL in
// sight, on a client whose transport the package shows: http.DefaultClient,
// or a client literal with no Transport (http.DefaultTransport) or with an
// http.Transport literal that dials TLS itself. A transport not in sight,
// or one with its own DialTLS, may speak anything: no endpoint.
func clientEndpoint(info *types.Info, call *ast.CallExpr, fn *types.Func, stack []ast.Node) (Endpoint, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 || !isHTTPS(info, call.Args[0]) {
		return Endpoint{}, false
	}
	e := Endpoint{Call: call, Func: shortName(fn), Side: Client, Flavor: tlstype.Std, Config: Default}
	if isStdVar(info, sel.X, "DefaultClient") {
		return e, true
	}
	client := localLiteral(info, sel.X, stack)
	if client == nil {
		return Endpoint{}, false
	}
	transport, ok := keyed(client, "Transport")
	if !ok {
		return Endpoint{}, false
	}
	if transport == nil || isNil(info, transport) || isStdVar(info, transport, "DefaultTransport") {
		return e, true
	}
	t := compositeOf(transport)
	if t == nil {
		return Endpoint{}, false
	}
	for _, own := range []string{"DialTLS", "DialTLSContext"} {
		if v, ok := keyed(t, own); !ok || v != nil && !isNil(info, v) {
			return Endpoint{}, false
		}
	}
	e.Config, e.Expr = fieldConfig(info, t, "TLSClientConfig")
	return e, e.Config != Unknown
}

// shortName writes a function as code names it: tls.Dial, (*http.Server).ServeTLS.
func shortName(fn *types.Func) string {
	pkg := fn.Pkg().Name()
	if recv, pointer := typesutil.Receiver(fn); recv != "" {
		star := ""
		if pointer {
			star = "*"
		}
		return "(" + star + pkg + "." + recv + ")." + fn.Name()
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

// isStdVar reports whether e is net/http's package variable name
// (DefaultClient, DefaultTransport).
func isStdVar(info *types.Info, e ast.Expr, name string) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == name
}

// deadConn reports whether a connection handed to tls.Client or Server (or
// their gmtls and tlcp twins) is a struct literal whose Read and Write
// come from an embedded interface the literal leaves nil: every byte the
// TLS connection would move panics, so it is a carrier of something else
// (net/http's unencryptedTLSConn passes a plain HTTP/2 connection through
// APIs that take a *tls.Conn), not an endpoint.
func deadConn(info *types.Info, e ast.Expr) bool {
	lit := compositeOf(e)
	if lit == nil {
		return false
	}
	t := info.TypeOf(lit)
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for _, m := range []string{"Read", "Write"} {
		obj, index, _ := types.LookupFieldOrMethod(t, true, nil, m)
		if _, ok := obj.(*types.Func); !ok || len(index) < 2 {
			return false // its own method, or none
		}
		f := st.Field(index[0])
		if _, ok := f.Type().Underlying().(*types.Interface); !ok || !f.Embedded() {
			return false
		}
		if v, ok := keyed(lit, f.Name()); !ok || v != nil && !isNil(info, v) {
			return false // set, or positional fields
		}
	}
	return true
}

// readOnlyConn reports whether a connection handed to tls.Client or
// Server (or a twin) is a struct literal of one of the package's types
// whose Write always fails (a single return of a non-nil error): a
// ClientHello parser that reads the first bytes of a connection to learn
// the server name, whose handshake is meant to fail, and never serves.
func readOnlyConn(pass *analysis.Pass, e ast.Expr) bool {
	lit := compositeOf(e)
	if lit == nil {
		return false
	}
	obj, index, _ := types.LookupFieldOrMethod(pass.TypesInfo.TypeOf(lit), true, nil, "Write")
	fn, ok := obj.(*types.Func)
	if !ok || len(index) != 1 || fn.Pkg() != pass.Pkg {
		return false
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || pass.TypesInfo.Defs[fd.Name] != fn || fd.Body == nil || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			return ok && len(ret.Results) == 2 && !isNil(pass.TypesInfo, ret.Results[1])
		}
	}
	return false
}

// fieldConfig is the configuration a literal's field gives (an
// http.Server's TLSConfig, a tls.Dialer's Config): Default when it is
// unset or nil, Given with its value, Unknown without a literal.
func fieldConfig(info *types.Info, lit *ast.CompositeLit, name string) (Config, ast.Expr) {
	if lit == nil {
		return Unknown, nil
	}
	v, ok := keyed(lit, name)
	switch {
	case !ok:
		return Unknown, nil
	case v == nil || isNil(info, v):
		return Default, nil
	}
	return Given, v
}

// keyed is the value of a literal's field: nil when it is unset; not ok
// when the literal has positional fields, which are not worth reading.
func keyed(lit *ast.CompositeLit, name string) (ast.Expr, bool) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
			return kv.Value, true
		}
	}
	return nil, true
}

// localLiteral finds the composite literal (&http.Server{…},
// &tls.Dialer{…}) a receiver is, within its function, when the variable is
// defined once and none of its fields is set later.
func localLiteral(info *types.Info, recv ast.Expr, stack []ast.Node) *ast.CompositeLit {
	if lit := compositeOf(recv); lit != nil {
		return lit
	}
	id, ok := ast.Unparen(recv).(*ast.Ident)
	if !ok {
		return nil
	}
	body := localvar.EnclosingBody(stack)
	lit := compositeOf(localvar.Definition(info, id, body))
	if lit == nil || localvar.SetsField(info, body, id, "") {
		return nil // srv.TLSConfig = …: more than the literal says
	}
	return lit
}

// compositeOf is the literal an expression is: &T{…} or T{…}.
func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}
