package inventory

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/xcuse"
	"github.com/xcguard/xcguard/internal/tlstype"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// A Package is what the inventory reads of one analyzed package of the
// program: its syntax, what xcuse found in it, and its policy.
type Package struct {
	Path   string
	Fset   *token.FileSet
	Files  []*ast.File
	Info   *types.Info
	Uses   *xcuse.Uses
	Policy *policy.Policy
	// Module names the module a package path is in, as path@version, ""
	// for the main module's own packages.
	Module func(pkgPath string) string
}

// A Builder gathers the inventory of a program's packages.
type Builder struct {
	rel   func(file string) string
	inv   *Inventory
	algs  map[string]*Algorithm
	proto map[string]*Protocol
	// at are the rule IDs of the findings at file:line; imports those of
	// XC101 and XC102 by file and imported path.
	at      map[string][]string
	imports map[string][]string
	seen    map[string]bool
}

// NewBuilder starts the inventory of module; rel names a file as the
// findings do (relative to the module root), and findings are the run's,
// which say what the policy finds wrong where.
func NewBuilder(module, tool string, rel func(file string) string, findings []report.Finding) *Builder {
	b := &Builder{
		rel:     rel,
		inv:     &Inventory{Module: module, Tool: tool, Algorithms: []*Algorithm{}, Protocols: []*Protocol{}, Certificates: []*Certificate{}, Keys: []*Key{}},
		algs:    map[string]*Algorithm{},
		proto:   map[string]*Protocol{},
		at:      map[string][]string{},
		imports: map[string][]string{},
		seen:    map[string]bool{},
	}
	for _, f := range findings {
		if f.Suppressed {
			continue
		}
		key := fmt.Sprintf("%s:%d", f.File, f.Line)
		b.at[key] = append(b.at[key], f.Rule)
		if f.Rule == "XC101" || f.Rule == "XC102" {
			if path, ok := importedPath(f.Message); ok {
				k := f.File + "|" + path
				b.imports[k] = append(b.imports[k], f.Rule)
			}
		}
	}
	return b
}

// importedPath is the package an import finding names: "import of
// crypto/md5: …", "import of crypto/tls, which …".
func importedPath(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "import of ")
	if !ok {
		return "", false
	}
	if i := strings.IndexAny(rest, ":, "); i >= 0 {
		rest = rest[:i]
	}
	return rest, rest != ""
}

// Add reads one package.
func (b *Builder) Add(p Package) {
	if p.Uses == nil {
		return
	}
	// A hash passed to HMAC, HKDF or PBKDF2 makes that algorithm what it
	// is: HMAC-SHA-256 breaks what SHA-256 breaks.
	passed := map[string][]string{} // file:line|hash → its rules
	var occ []*Occurrence
	for _, op := range p.Uses.Ops {
		pos := p.Fset.Position(op.Node.Pos())
		o := b.occurrence(p, pos, pos.Line, op.Func, algorithmRules)
		o.Rules = append(o.Rules, b.imports[o.File+"|"+op.Package]...)
		occ = append(occ, o)
		if op.Value {
			k := fmt.Sprintf("%s:%d|%s", o.File, o.Line, op.Algorithm)
			passed[k] = append(passed[k], o.Rules...)
		}
	}
	for i, op := range p.Uses.Ops {
		o := occ[i]
		o.Certified = certified(p.Policy, op.Package)
		if name, hash, ok := strings.Cut(op.Algorithm, "-"); ok && (name == "HMAC" || name == "HKDF" || name == "PBKDF2") {
			o.Rules = append(o.Rules, passed[fmt.Sprintf("%s:%d|%s", o.File, o.Line, hash)]...)
		}
		b.algorithm(op.Algorithm, op.Primitive, op.Mode, op.Function, op.KeyBits, op.GM, o)
	}
	for _, e := range p.Uses.Endpoints {
		o := b.occurrence(p, p.Fset.Position(e.Call.Pos()), p.Fset.Position(e.Call.End()).Line, e.Func, protocolRules)
		o.Config = configName(e.Config)
		if e.Versions != "" {
			o.Versions, o.Suites = e.Versions+" ("+e.VersionsFrom+")", e.Suites
		}
		b.protocol(e.Flavor, e.Side, e.StdOnly, e.Flavor == tlstype.GM && !e.StdOnly && !e.GMShown, e.Dual, o)
	}
	for _, c := range p.Uses.Configs {
		if c.Endpoint {
			continue // listed at its endpoint
		}
		o := b.occurrence(p, p.Fset.Position(c.Lit.Pos()), p.Fset.Position(c.Lit.End()).Line, "a "+c.Flavor.PkgName()+".Config literal", protocolRules)
		o.Config = "configured; its endpoint is not in sight"
		if c.Versions != "" {
			o.Versions, o.Suites = c.Versions+" ("+c.VersionsFrom+")", c.Suites
		}
		b.config(c, o)
	}
	b.certifiedCalls(p)
	for _, c := range p.Uses.Calls {
		provenance := p.Module(c.Package)
		if provenance == "" {
			continue // the main module's own package: listed where it is
		}
		pos := p.Fset.Position(c.Call.Pos())
		for _, r := range c.Reached {
			rules := algorithmRules
			if r.Endpoint {
				rules = protocolRules
			}
			o := b.occurrence(p, pos, pos.Line, c.Callee, rules)
			o.Provenance = provenance
			o.Chain = append(append([]string{}, r.Chain...), r.Func)
			if r.Endpoint {
				o.Config = configName(r.Config)
				o.Versions, o.Suites = r.Versions, r.Suites
				if policy.True(p.Policy.Crypto.RequireGM) && r.Flavor == tlstype.Std {
					o.Rules = append(o.Rules, "XC106")
				}
				b.protocol(r.Flavor, r.Side, false, r.Flavor == tlstype.GM, false, o)
				continue
			}
			o.Rules = append(o.Rules, policyRules(p.Policy, r.Package, r.GM)...)
			o.Certified = certified(p.Policy, r.Package)
			if o.Certified == "" {
				o.Certified = certified(p.Policy, c.Package)
			}
			b.algorithm(r.Algorithm, r.Primitive, r.Mode, r.Function, r.KeyBits, r.GM, o)
		}
	}
}

// certifiedCalls lists the package's calls into certified crypto modules:
// a cgo SDK over a certified library, an HSM's SDF SDK, whose crypto the
// model cannot see inside, each call an operation of that module.
func (b *Builder) certifiedCalls(p Package) {
	if len(p.Policy.Crypto.CertifiedModules) == 0 || p.Info == nil {
		return
	}
	for _, f := range p.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn := typeutil.StaticCallee(p.Info, call)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() == p.Path {
				return true
			}
			m, ok := p.Policy.Crypto.Certified(fn.Pkg().Path())
			if !ok {
				return true
			}
			pos := p.Fset.Position(call.Pos())
			o := b.occurrence(p, pos, pos.Line, fn.Pkg().Name()+"."+fn.Name(), nil)
			o.Certified = certified(p.Policy, fn.Pkg().Path())
			if prov := p.Module(fn.Pkg().Path()); prov != "" {
				o.Provenance = prov
			}
			b.algorithm(m.Name, "other", "", "other", 0, false, o)
			return true
		})
	}
}

// certified names the certified module a package is in, "" for none.
func certified(pol *policy.Policy, pkg string) string {
	m, ok := pol.Crypto.Certified(pkg)
	if !ok {
		return ""
	}
	if m.Certificate != "" {
		return m.Name + " (" + m.Certificate + ")"
	}
	return m.Name
}

// policyRules judges a use inside a dependency, where no finding is made:
// a forbidden package is XC101, a standard one with a GM counterpart
// where GM is required XC102.
func policyRules(pol *policy.Policy, pkg string, gm bool) []string {
	for _, r := range pol.Crypto.ForbiddenImports {
		if r.Path == pkg {
			return []string{"XC101"}
		}
	}
	if policy.True(pol.Crypto.RequireGM) && !gm {
		for _, r := range pol.Crypto.GMCounterparts {
			if r.Path == pkg {
				return []string{"XC102"}
			}
		}
	}
	return nil
}

// occurrence starts the record of a use at pos, with the findings on its
// lines (to end: a Config literal's MinVersion is a line of its own).
func (b *Builder) occurrence(p Package, pos token.Position, end int, call string, about []string) *Occurrence {
	file := b.rel(pos.Filename)
	o := &Occurrence{File: file, Line: pos.Line, Package: p.Path, Function: enclosing(p, pos), Call: call, Provenance: FirstParty}
	for line := pos.Line; line <= end && line < pos.Line+200; line++ {
		for _, r := range b.at[fmt.Sprintf("%s:%d", file, line)] {
			if slices.Contains(about, r) {
				o.Rules = append(o.Rules, r)
			}
		}
	}
	return o
}

// The rules whose findings at a use are about it: the crypto rules for an
// algorithm, the TLS rules for an endpoint.
var (
	algorithmRules = []string{"XC101", "XC102"}
	protocolRules  = []string{"XC103", "XC104", "XC105", "XC106", "XC301", "XC302", "XC303"}
)

func (b *Builder) algorithm(name, prim, mode, fn string, bits int, gm bool, o *Occurrence) {
	key := prim + "|" + name
	if !b.once(key, o) {
		return
	}
	a := b.algs[key]
	if a == nil {
		a = &Algorithm{Name: name, Primitive: prim, Mode: mode, KeyBits: bits, GM: gm}
		b.algs[key] = a
		b.inv.Algorithms = append(b.inv.Algorithms, a)
	}
	a.Functions = append(a.Functions, fn)
	a.Occurrences = append(a.Occurrences, o)
}

func (b *Builder) protocol(fl tlstype.Flavor, side xcuse.Side, stdOnly, unsure, dual bool, o *Occurrence) {
	lib := fl.Path()
	name, gm := protocolName(lib)
	switch {
	case stdOnly:
		name, gm = "TLS (gmtls without GMSupport)", false
	case unsure:
		name, gm = undetermined, false // GM TLS or standard TLS: the configuration is not in sight
	case dual:
		name, lib = "TLCP and TLS on one port", tlstype.PAPath
	}
	b.add(name, lib, side, gm, o)
}

// add puts an occurrence under its protocol.
func (b *Builder) add(name, lib string, side xcuse.Side, gm bool, o *Occurrence) {
	s := map[xcuse.Side]string{xcuse.Server: "server", xcuse.Client: "client", xcuse.EitherSide: "server or client"}[side]
	key := name + "|" + s + "|" + lib
	if !b.once(key, o) {
		return
	}
	p := b.proto[key]
	if p == nil {
		p = &Protocol{Name: name, Side: s, Library: lib, GM: gm, Undetermined: name == undetermined}
		b.proto[key] = p
		b.inv.Protocols = append(b.inv.Protocols, p)
	}
	p.Occurrences = append(p.Occurrences, o)
}

// config lists a configuration whose endpoint is not in sight under the
// protocol it configures.
func (b *Builder) config(c xcuse.TLSConfig, o *Occurrence) {
	switch {
	case c.Flavor == tlstype.GM && !c.GMSupport:
		b.add(undetermined, tlstype.GMTLSPath, c.Side, false, o) // GM TLS or not: GMSupport may be set out of sight
	default:
		lib := c.Flavor.Path()
		name, gm := protocolName(lib)
		b.add(name, lib, c.Side, gm, o)
	}
}

// undetermined names a gmtls endpoint or configuration that the code does
// not show to be GM TLS or standard TLS: GMSupport is set (or not)
// somewhere out of sight.
const undetermined = "gmtls, GM or standard TLS (GMSupport not in sight)"

// once reports whether this asset is at this occurrence for the first time.
func (b *Builder) once(asset string, o *Occurrence) bool {
	k := fmt.Sprintf("%s|%s:%d|%s|%s", asset, o.File, o.Line, o.Call, strings.Join(o.Chain, ">"))
	if b.seen[k] {
		return false
	}
	b.seen[k] = true
	return true
}

// AddFiles adds the certificates and keys found in the repository.
func (b *Builder) AddFiles(certs []*Certificate, keys []*Key, notes []string) {
	b.inv.Certificates = append(b.inv.Certificates, certs...)
	b.inv.Keys = append(b.inv.Keys, keys...)
	b.inv.Notes = append(b.inv.Notes, notes...)
}

// Inventory is what was gathered, in a stable order.
func (b *Builder) Inventory() *Inventory {
	b.inv.sort()
	return b.inv
}

func configName(c xcuse.Config) string {
	switch c {
	case xcuse.Default:
		return "defaults"
	case xcuse.Given:
		return "configured"
	}
	return "not in sight"
}

// enclosing names the function declaration around pos: F, or (*T).M.
func enclosing(p Package, pos token.Position) string {
	for _, f := range p.Files {
		if p.Fset.Position(f.Pos()).Filename != pos.Filename {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			start, end := p.Fset.Position(fd.Pos()), p.Fset.Position(fd.End())
			if start.Offset > pos.Offset || pos.Offset > end.Offset {
				continue
			}
			if fd.Recv == nil || len(fd.Recv.List) == 0 {
				return fd.Name.Name
			}
			return "(" + types.ExprString(fd.Recv.List[0].Type) + ")." + fd.Name.Name
		}
	}
	return ""
}
