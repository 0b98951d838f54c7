package xctls

import (
	"crypto/tls"
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/internal/lazyinspect"
	"github.com/xcguard/xcguard/analyzers/internal/localvar"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/analyzers/xcuse"
	"github.com/xcguard/xcguard/internal/gosettings"
	"github.com/xcguard/xcguard/internal/tlstype"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

//go:embed doc.go
var doc string

// Analyzer reports XC103, XC104 and XC105.
var Analyzer = &analysis.Analyzer{
	Name:     "xctls",
	Doc:      analysisdoc.MustExtract(doc, "xctls"),
	URL:      "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC103.md",
	Requires: []*analysis.Analyzer{xcconfig.Analyzer, lazyinspect.Analyzer, xcuse.Analyzer},
	Run:      run,
}

// Rules are the rule IDs this analyzer reports.
var Rules = []string{"XC103", "XC104", "XC105", "XC106", "XC107"}

// checker holds what one package's checks share.
type checker struct {
	pass *analysis.Pass
	cfg  *xcconfig.Config
	min  policy.TLSVersion // the policy's minimum
	// debug is the weak GODEBUG settings the program runs with, by name,
	// with where each comes from: the go line, go.mod's godebug lines and
	// the main package's //go:debug directives.
	debug    map[string]string
	approved map[uint16]bool // the policy's cipher suites; nil: any secure one
	insecure map[uint16]bool
	pkgVars  map[types.Object]*ast.CompositeLit
	uses     *xcuse.Uses
	// quic: the package's TLS is QUIC's only (see quicOnly), which is
	// TLS 1.3 whatever MinVersion says.
	quic  bool
	funcs map[*types.Func]*ast.FuncDecl // the package's, by setsCallback
}

func run(pass *analysis.Pass) (any, error) {
	cfg := xcconfig.Get(pass)
	if cfg == nil || !slices.ContainsFunc(Rules, cfg.Enabled) {
		return nil, nil
	}
	uses := pass.ResultOf[xcuse.Analyzer].(*xcuse.Uses)
	if pass.Pkg.Name() == "main" {
		// //go:debug directives count in main packages only, and weaken
		// crypto whether or not this one uses TLS.
		g := &checker{pass: pass, cfg: cfg, min: cfg.Policy.Crypto.TLSMinVersion}
		for _, f := range pass.Files {
			g.goDebug(f)
		}
	}
	if !tlstype.Reaches(pass.Pkg) && len(uses.Calls) == 0 {
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		cfg:      cfg,
		min:      cfg.Policy.Crypto.TLSMinVersion,
		debug:    uses.Debug,
		insecure: map[uint16]bool{},
		pkgVars:  map[types.Object]*ast.CompositeLit{},
		uses:     uses,
	}
	for _, s := range policy.InsecureSuites {
		c.insecure[s.ID] = true
	}
	if names := cfg.Policy.Crypto.CipherSuites; names != nil {
		c.approved = map[uint16]bool{}
		for _, n := range names {
			if id, ok := policy.CipherID(string(n)); ok {
				c.approved[id] = true
			}
		}
	}
	ins := lazyinspect.Of(pass)
	ins.Preorder([]ast.Node{(*ast.GenDecl)(nil)}, func(n ast.Node) {
		c.collectVars(n.(*ast.GenDecl))
	})
	c.quic = quicOnly(pass, uses, ins)
	filter := []ast.Node{(*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)}
	gm := importsPath(pass.Pkg, tlstype.GMTLSPath)
	ins.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.CompositeLit:
			c.literal(n, stack)
		case *ast.AssignStmt:
			c.assign(n, stack)
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "new" && len(n.Args) == 1 {
				c.newConfig(n, stack)
			} else if gm {
				c.autoSwitch(n, stack)
			}
		}
		return true
	})
	c.endpoints(uses)
	return nil, nil
}

// overwritten reports whether body overwrites the whole Config a pointer
// variable holds (*cfg = *other.Clone()): its unset fields say nothing.
func overwritten(info *types.Info, body ast.Node, obj types.Object) bool {
	if body == nil || obj == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for _, l := range as.Lhs {
			if star, ok := ast.Unparen(l).(*ast.StarExpr); ok {
				if id, ok := ast.Unparen(star.X).(*ast.Ident); ok && info.Uses[id] == obj {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// collectVars remembers package-level slices such as
// var suites = []uint16{…}, so CipherSuites: suites is read too.
func (c *checker) collectVars(d *ast.GenDecl) {
	for _, spec := range d.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for i, v := range vs.Values {
			if lit, ok := v.(*ast.CompositeLit); ok && i < len(vs.Names) {
				if obj := c.pass.TypesInfo.Defs[vs.Names[i]]; obj != nil && obj.Parent() == c.pass.Pkg.Scope() {
					c.pkgVars[obj] = lit
				}
			}
		}
	}
}

func (c *checker) report(rule string, node ast.Node, format string, args ...any) {
	c.cfg.Report(c.pass, rule, node, format, args...)
}

// literal checks a Config composite literal.
func (c *checker) literal(lit *ast.CompositeLit, stack []ast.Node) {
	if fl := configFlavor(c.pass.TypesInfo.TypeOf(lit)); fl != notTLS {
		c.config(fl, lit, literalFields(lit), stack)
	}
}

// newConfig checks new(tls.Config): a Config with no field set.
func (c *checker) newConfig(call *ast.CallExpr, stack []ast.Node) {
	if b, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Builtin); !ok || b.Name() != "new" {
		return
	}
	if tv, ok := c.pass.TypesInfo.Types[call.Args[0]]; ok && tv.IsType() {
		if fl := configFlavor(tv.Type); fl != notTLS {
			c.config(fl, call, map[string]field{}, stack)
		}
	}
}

// config checks a Config made at lit, a literal or new(T), with the
// fields it sets; stack ends with lit.
func (c *checker) config(fl flavor, lit ast.Expr, fields map[string]field, stack []ast.Node) {
	info := c.pass.TypesInfo
	base, loose := "", false
	lhs, obj := boundTo(info, stack)
	if lhs != nil {
		base = types.ExprString(lhs)
		_, isVar := lhs.(*ast.Ident)
		loose = !isVar
	}
	later := assignedFields(info, localvar.EnclosingBody(stack), base, obj, loose, "MinVersion", "GMSupport", "VerifyPeerCertificate", "VerifyConnection", "CipherSuites")
	// whole: the Config is not overwritten whole, nor only a lender of its
	// fields; worked out once, and only for a field left unset.
	var wholeKnown, wholeValue bool
	whole := func() bool {
		if !wholeKnown {
			wholeKnown = true
			wholeValue = !overwritten(info, localvar.EnclosingBody(stack), obj) && !(lhs != nil && !loose && c.fieldSource(obj, 0))
		}
		return wholeValue
	}

	minField, hasMin := fields["MinVersion"]
	minValue, minKnown := uint64(0), false
	if hasMin {
		minValue, minKnown = c.versionOf(minField.value, localvar.EnclosingBody(stack))
	}
	zero := minKnown && minValue == 0 // MinVersion: 0 is Go's default, as if unset
	if hasMin && !zero {
		c.minVersion(fl, minField, localvar.EnclosingBody(stack))
	} else if _, set := later["MinVersion"]; !set && whole() {
		gm := fields["GMSupport"].value
		if gm == nil {
			gm = later["GMSupport"]
		}
		c.unsetMinVersion(fl, lit, gm, isClient(fields, stack), zero)
	}
	if f, ok := fields["MaxVersion"]; ok {
		c.maxVersion(fl, f, localvar.EnclosingBody(stack))
	}
	if f, ok := fields["InsecureSkipVerify"]; ok && !c.serverOnly(c.uses, lit, stack) {
		verifies := c.setsCallback(fields["VerifyPeerCertificate"].value) ||
			c.setsCallback(fields["VerifyConnection"].value) ||
			c.setsCallback(later["VerifyPeerCertificate"]) ||
			c.setsCallback(later["VerifyConnection"])
		c.insecureSkipVerify(fl, f, verifies)
	}
	if f, ok := fields["CipherSuites"]; ok {
		c.cipherSuites(fl, f)
	} else if _, set := later["CipherSuites"]; !set && fl == stdTLS && !c.quic && whole() {
		if !minKnown || minValue < tls.VersionTLS13 {
			c.unsetSuites(lit)
		}
	}
}

// unsetSuites reports a crypto/tls Config that leaves CipherSuites unset
// (and may negotiate TLS 1.2) where the program's GODEBUG puts RSA key
// exchange or 3DES back into Go's default suites and the policy forbids
// it: a go line before 1.22 (RSA) or 1.23 (3DES), a godebug line.
func (c *checker) unsetSuites(lit ast.Expr) {
	if parts, strong := c.weakDefaults(); len(parts) > 0 {
		c.report("XC105", lit, "tls.Config leaves CipherSuites unset: Go's default suites include %s%sthe policy's CipherSuites, or undo what restores them (GODEBUG %s)",
			strings.Join(parts, " and "), report.HintPrefix, strings.Join(strong, ","))
	}
}

// weakDefaults is what the program's GODEBUG puts back into Go's default
// suites that the policy forbids, each with where it comes from, and the
// settings that undo it.
func (c *checker) weakDefaults() (parts, strong []string) {
	for _, s := range []struct{ name, what string }{{"tlsrsakex", "RSA key exchange"}, {"tls3des", "3DES"}} {
		from, weak := c.debug[s.name]
		if _, forbidden := c.cfg.Policy.ForbidsGodebug(s.name, "1"); weak && forbidden {
			parts = append(parts, fmt.Sprintf("%s (%s=1 from %s)", s.what, s.name, from))
			strong = append(strong, s.name+"=0")
		}
	}
	return parts, strong
}

// assign checks cfg.Field = value for a Config cfg.
func (c *checker) assign(as *ast.AssignStmt, stack []ast.Node) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	info := c.pass.TypesInfo
	for i, lhs := range as.Lhs {
		sel, ok := lhs.(*ast.SelectorExpr)
		if !ok {
			continue
		}
		fl := configFlavor(info.TypeOf(sel.X))
		if fl == notTLS {
			continue
		}
		f := field{sel.Sel.Name, as.Rhs[i], as}
		switch f.name {
		case "MinVersion":
			c.minVersion(fl, f, localvar.EnclosingBody(stack))
		case "MaxVersion":
			c.maxVersion(fl, f, localvar.EnclosingBody(stack))
		case "CipherSuites":
			c.cipherSuites(fl, f)
		case "InsecureSkipVerify":
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && c.serverVar(c.uses, info.Uses[id], id, localvar.EnclosingBody(stack)) {
				continue // a server's: InsecureSkipVerify does nothing there
			}
			c.insecureSkipVerify(fl, f, c.verifiesElsewhere(sel.X, stack))
		}
	}
}

// verifiesElsewhere reports whether, in the same function, the Config x
// gets a verifying callback: by assignment, or in the literal x was made from.
func (c *checker) verifiesElsewhere(x ast.Expr, stack []ast.Node) bool {
	info := c.pass.TypesInfo
	x = ast.Unparen(x)
	var obj types.Object
	if id, ok := x.(*ast.Ident); ok {
		obj = info.Uses[id]
	}
	body := localvar.EnclosingBody(stack)
	later := assignedFields(info, body, types.ExprString(x), obj, false, "VerifyPeerCertificate", "VerifyConnection")
	if c.setsCallback(later["VerifyPeerCertificate"]) || c.setsCallback(later["VerifyConnection"]) {
		return true
	}
	if obj == nil || body == nil {
		return false
	}
	verifies := false
	check := func(lhs *ast.Ident, rhs ast.Expr) {
		if info.ObjectOf(lhs) != obj {
			return
		}
		if lit := configLiteral(info, rhs); lit != nil {
			fields := literalFields(lit)
			verifies = verifies || c.setsCallback(fields["VerifyPeerCertificate"].value) || c.setsCallback(fields["VerifyConnection"].value)
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && len(n.Rhs) == len(n.Lhs) {
					check(id, n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if i < len(n.Values) {
					check(id, n.Values[i])
				}
			}
		}
		return true
	})
	return verifies
}

// configLiteral returns the Config literal e is, or takes the address of.
func configLiteral(info *types.Info, e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok && configFlavor(info.TypeOf(lit)) != notTLS {
		return lit
	}
	return nil
}

var versionNames = map[uint64]string{
	0x0300: "SSL 3.0", 0x0301: "TLS 1.0", 0x0302: "TLS 1.1", 0x0303: "TLS 1.2", 0x0304: "TLS 1.3",
	versionGMSSL: "GM TLS",
}

func versionName(v uint64) string {
	if n, ok := versionNames[v]; ok {
		return n
	}
	return fmt.Sprintf("0x%04x", v)
}

// recommended is the constant to use for the policy minimum.
func (c *checker) recommended(fl flavor) string {
	return c.minConst(fl.PkgName())
}

// minConst is the policy minimum's constant qualified by pkg:
// tls.VersionTLS13.
func (c *checker) minConst(pkg string) string {
	return pkg + ".VersionTLS" + strings.ReplaceAll(c.min.String(), ".", "")
}

// minVersion judges a MinVersion setting. TLCP has one version, GM TLS
// 1.1: its MinVersion and MaxVersion cannot let a standard TLS version in,
// so XC103 has nothing to judge there.
func (c *checker) minVersion(fl flavor, f field, body ast.Node) {
	v, ok := c.versionOf(f.value, body)
	if !ok || v == 0 || fl == tlcp || fl == gmTLS && v == versionGMSSL || v >= uint64(c.min) {
		return
	}
	src := types.ExprString(f.value)
	if fl == gmTLS && c.min > tls.VersionTLS12 {
		c.report("XC103", f.node, "gmtls.Config MinVersion %s (%s) is below the policy minimum TLS %s, which gmtls cannot speak%sgmtls.VersionGMSSL for GM TLS and crypto/tls for TLS %s", src, versionName(v), c.min, report.HintPrefix, c.min)
		return
	}
	c.reportFix("XC103", f.node, c.raiseMinVersion(fl, f), "%s.Config MinVersion %s (%s) is below the policy minimum TLS %s%s%s", fl.PkgName(), src, versionName(v), c.min, report.HintPrefix, c.recommended(fl))
}

func (c *checker) maxVersion(fl flavor, f field, body ast.Node) {
	v, ok := c.versionOf(f.value, body)
	if !ok || v == 0 || fl == tlcp || fl == gmTLS && v == versionGMSSL || v >= uint64(c.min) {
		return
	}
	c.report("XC103", f.node, "%s.Config MaxVersion %s (%s) caps TLS below the policy minimum TLS %s", fl.PkgName(), types.ExprString(f.value), versionName(v), c.min)
}

// versionOf is a version setting's value when it is provably constant: a
// constant expression, or a local variable the function gives one constant
// value and never changes (var lowMax uint16 = tls.VersionTLS10).
func (c *checker) versionOf(e ast.Expr, body ast.Node) (uint64, bool) {
	info := c.pass.TypesInfo
	if v, ok := constUint(info, e); ok {
		return v, true
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0, false
	}
	if v := localvar.Definition(info, id, body); v != nil {
		return constUint(info, v)
	}
	return 0, false
}

// isClient reports whether a Config literal is plainly a client's: it is an
// http.Transport's TLSClientConfig, or it sets client fields (RootCAs,
// ServerName, InsecureSkipVerify, GetClientCertificate) and no server field.
func isClient(fields map[string]field, stack []ast.Node) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		if kv, ok := stack[i].(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "TLSClientConfig" {
				return true
			}
			break
		}
		if _, ok := stack[i].(*ast.UnaryExpr); !ok {
			break
		}
	}
	for _, f := range []string{"ClientAuth", "ClientCAs", "GetCertificate", "GetConfigForClient"} {
		if _, ok := fields[f]; ok {
			return false
		}
	}
	for _, f := range []string{"RootCAs", "ServerName", "InsecureSkipVerify", "GetClientCertificate"} {
		if _, ok := fields[f]; ok {
			return true
		}
	}
	return false
}

// unsetMinVersion judges a literal without MinVersion by the default of
// the library and Go version. gmSupport is the literal's GMSupport value;
// client tells a literal that is plainly a client's.
func (c *checker) unsetMinVersion(fl flavor, lit ast.Expr, gmSupport ast.Expr, client, zero bool) {
	unset := "leaves MinVersion unset"
	if zero {
		unset = "sets MinVersion 0, Go's default"
	}
	switch fl {
	case stdTLS:
		if c.quic {
			return // QUIC negotiates TLS 1.3 only (RFC 9001)
		}
		// Clients default to TLS 1.2 since Go 1.18; servers since Go 1.22,
		// unless GODEBUG tls10server=1.
		def, why := uint64(tls.VersionTLS12), "Go's default is TLS 1.2"
		if from, ok := c.debug["tls10server"]; ok && !client {
			def, why = tls.VersionTLS10, fmt.Sprintf("Go's default for servers is TLS 1.0 (tls10server=1 from %s)", from)
		}
		if def < uint64(c.min) {
			c.reportFix("XC103", lit, c.setMinVersion(fl, lit), "tls.Config %s: %s, below the policy minimum TLS %s%sMinVersion: %s", unset, why, c.min, report.HintPrefix, c.recommended(fl))
		}
	case gmTLS:
		if gmSupport != nil && !isNil(c.pass.TypesInfo, gmSupport) {
			return // GM TLS, judged by the GM rules
		}
		if c.min > tls.VersionTLS12 {
			c.report("XC103", lit, "gmtls.Config without GMSupport speaks standard TLS only up to 1.2, below the policy minimum TLS %s%sgmtls.NewGMSupport() for GM TLS and crypto/tls for TLS %s", c.min, report.HintPrefix, c.min)
			return
		}
		c.report("XC103", lit, "gmtls.Config %s: without GMSupport it accepts SSL 3.0 and TLS 1.0, below the policy minimum TLS %s%sMinVersion: %s", unset, c.min, report.HintPrefix, c.recommended(fl))
	}
}

// autoSwitch judges gmtls.NewBasicAutoSwitchConfig, which makes a Config
// that serves GM TLS and standard TLS on one port. Its MinVersion is
// unset, so the standard side accepts SSL 3.0 and TLS 1.0; it can never
// reach TLS 1.3. gmtls compares versions as numbers, so a MinVersion that
// shuts SSL 3.0 out shuts GM TLS (0x0101) out too: the fix is another
// library. A MinVersion assigned to the result later in the function is
// judged where it is assigned.
func (c *checker) autoSwitch(call *ast.CallExpr, stack []ast.Node) {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.FullName() != tlstype.GMTLSPath+".NewBasicAutoSwitchConfig" {
		return
	}
	fix := fmt.Sprintf("gotlcp's pa.Listen, which serves TLCP beside a crypto/tls Config with MinVersion: %s", c.recommended(stdTLS))
	if c.min > tls.VersionTLS12 {
		c.report("XC103", call, "gmtls.NewBasicAutoSwitchConfig serves standard TLS beside GM TLS, and gmtls speaks it only up to TLS 1.2, below the policy minimum TLS %s%s%s", c.min, report.HintPrefix, fix)
		return
	}
	if c.min <= versionSSL30 {
		return
	}
	if lhs, obj := boundTo(c.pass.TypesInfo, stack); lhs != nil {
		if _, set := assignedFields(c.pass.TypesInfo, localvar.EnclosingBody(stack), types.ExprString(lhs), obj, false, "MinVersion")["MinVersion"]; set {
			return
		}
	}
	c.report("XC103", call, "gmtls.NewBasicAutoSwitchConfig leaves MinVersion unset: its standard-TLS side accepts SSL 3.0 and TLS 1.0, below the policy minimum TLS %s, and a higher MinVersion shuts GM TLS clients out too (gmtls compares 0x0101 as a number)%s%s", c.min, report.HintPrefix, fix)
}

// importsPath reports whether pkg imports path directly.
func importsPath(pkg *types.Package, path string) bool {
	return slices.ContainsFunc(pkg.Imports(), func(p *types.Package) bool { return p.Path() == path })
}

func (c *checker) insecureSkipVerify(fl flavor, f field, verifies bool) {
	if v, ok := constBool(c.pass.TypesInfo, f.value); !ok || !v || verifies {
		return
	}
	c.report("XC104", f.node, "%s.Config sets InsecureSkipVerify, and no VerifyPeerCertificate or VerifyConnection of it looks at the peer's certificates: any certificate is accepted", fl.PkgName())
}

// cipherSuites checks the entries of a CipherSuites value it can resolve.
func (c *checker) cipherSuites(fl flavor, f field) {
	var elts []ast.Expr
	switch v := ast.Unparen(f.value).(type) {
	case *ast.CompositeLit:
		elts = v.Elts
	case *ast.Ident:
		if lit, ok := c.pkgVars[c.pass.TypesInfo.Uses[v]]; ok {
			elts = lit.Elts
		}
	}
	var insecure, unapproved []string
	for _, e := range elts {
		id, ok := constUint(c.pass.TypesInfo, e)
		if !ok || id > 0xffff {
			continue
		}
		name := policy.CipherSuiteName(uint16(id))
		switch {
		case c.insecure[uint16(id)]:
			s, _ := policy.Insecure(uint16(id))
			insecure = append(insecure, name+" ("+s.Why+")")
		case fl.SpeaksGM() && insecureGM(uint16(id)):
			insecure = append(insecure, name+" (SHA-1 MAC)")
		case c.approved != nil && !c.approved[uint16(id)]:
			unapproved = append(unapproved, name)
		}
	}
	var parts []string
	if len(insecure) > 0 {
		parts = append(parts, "insecure "+strings.Join(insecure, ", "))
	}
	if len(unapproved) > 0 {
		parts = append(parts, strings.Join(unapproved, ", ")+", not on the policy's approved list")
	}
	if len(parts) > 0 {
		c.report("XC105", f.node, "%s.Config CipherSuites includes %s", fl.PkgName(), strings.Join(parts, "; and "))
	}
}

func insecureGM(id uint16) bool {
	for _, s := range policy.GMSuites {
		if s.ID == id {
			return s.Insecure
		}
	}
	return false
}

// goDebug reports //go:debug settings that weaken crypto below the
// policy (the go.mod forms are the audit's): XC103, XC105 or XC107 as
// gosettings says; xcuse applies them to the program's settings.
func (c *checker) goDebug(f *ast.File) {
	for _, g := range f.Comments {
		for _, cm := range g.List {
			text, ok := strings.CutPrefix(cm.Text, "//go:debug ")
			if !ok {
				continue
			}
			for _, kv := range gosettings.Parse(strings.TrimSpace(text)) {
				if kv[0] == "default" {
					// //go:debug default=go1.20: that release's defaults.
					c.goDebugDefault(cm, kv[1])
					continue
				}
				s, bad := c.cfg.Policy.ForbidsGodebug(kv[0], kv[1])
				if !bad {
					continue
				}
				c.reportFix(s.Rule, cm, c.dropGoDebug(cm, kv[0], kv[1]), "//go:debug %s=%s: %s%s", kv[0], kv[1], s.Does, c.cfg.Policy.Breaks(s))
			}
		}
	}
}

// goDebugDefault reports, at a //go:debug default=goX directive, the weak
// defaults of that Go release, one finding per rule (other //go:debug
// lines may set some back; go.mod's are the audit's).
func (c *checker) goDebugDefault(cm *ast.Comment, value string) {
	v := gosettings.DefaultVersion(value)
	if v == "" {
		return
	}
	var weak []gosettings.Setting
	for _, s := range gosettings.Implied(v) {
		if _, bad := c.cfg.Policy.ForbidsGodebug(s.Name, s.Weak); bad {
			weak = append(weak, s)
		}
	}
	for _, group := range gosettings.ByRule(weak) {
		c.report(group[0].Rule, cm, "//go:debug default=%s keeps Go's old GODEBUG defaults %s%s", value, gosettings.Describe(group), c.cfg.Policy.Breaks(group[0]))
	}
}
