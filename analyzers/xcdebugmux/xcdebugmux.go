package xcdebugmux

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/internal/buildgate"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
)

//go:embed doc.go
var doc string

// Analyzer reports XC203; it exports a package fact for every package that
// links a debug package, so it runs on every dependency.
var Analyzer = &analysis.Analyzer{
	Name:      "xcdebugmux",
	Doc:       analysisdoc.MustExtract(doc, "xcdebugmux"),
	URL:       "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC203.md",
	Requires:  []*analysis.Analyzer{xcconfig.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(links)},
}

// Rules are the rule IDs this analyzer reports.
var Rules = []string{"XC203"}

// debugPkgs are the packages that register handlers on
// http.DefaultServeMux when linked, and the path they serve.
var debugPkgs = []debugPkg{
	{"net/http/pprof", "/debug/pprof"},
	{"expvar", "/debug/vars"},
}

type debugPkg struct{ path, endpoint string }

// links is the package fact: the package links debug packages. Chains has
// one import chain per linked debug package, in debugPkgs order; a chain
// runs from one of the package's imports down to the debug package, its
// last element.
type links struct {
	Chains [][]string
}

func (*links) AFact() {}

func (l *links) String() string {
	var parts []string
	for _, c := range l.Chains {
		parts = append(parts, describe(c))
	}
	return "links " + strings.Join(parts, "; ")
}

// describe names a chain's debug package and the imports it comes through.
func describe(chain []string) string {
	last := len(chain) - 1
	if last == 0 {
		return chain[0] + ", imported by this package"
	}
	return chain[last] + " via " + strings.Join(chain[:last], " -> ")
}

func run(pass *analysis.Pass) (any, error) {
	// The fact is computed even when the policy did not load or turns
	// XC203 off here: importers under another policy depend on it.
	cfg := xcconfig.Get(pass)
	var tags []string
	tests := false
	if cfg != nil {
		tags, tests = cfg.Policy.PProf.AllowBuildTags, cfg.Tests
	}
	chains := linked(pass, tags, tests)
	if len(chains) == 0 {
		return nil, nil
	}
	pass.ExportPackageFact(&links{chains})

	if cfg == nil || !cfg.Enabled("XC203") {
		return nil, nil
	}
	http := netHTTP(pass.Pkg)
	if http == nil {
		return nil, nil // nothing here can name a server
	}
	exposes := exposure(chains)
	s := newServing(pass, http)
	in := inspector.New(pass.Files)
	for file := range in.Root().Preorder((*ast.File)(nil)) {
		if buildgate.Gated(file.Node().(*ast.File), tags) {
			continue
		}
		for c := range file.Preorder((*ast.CallExpr)(nil), (*ast.CompositeLit)(nil)) {
			if what := s.servesDefault(c); what != "" {
				cfg.Report(pass, "XC203", c.Node(), "%s serves http.DefaultServeMux, which exposes %s", what, exposes)
			}
		}
	}
	return nil, nil
}

// exposure says which endpoints the chains bring in, and through what.
func exposure(chains [][]string) string {
	var parts []string
	for _, c := range chains {
		for _, d := range debugPkgs {
			if d.path == c[len(c)-1] {
				parts = append(parts, fmt.Sprintf("%s (%s)", d.endpoint, describe(c)))
			}
		}
	}
	return strings.Join(parts, " and ")
}

// netHTTP returns net/http when the package imports it or another package
// of handlerArg, else nil.
func netHTTP(pkg *types.Package) *types.Package {
	for _, p := range pkg.Imports() {
		if p.Path() == "net/http" {
			return p
		}
		// fcgi.Serve, cgi.Serve: net/http is where their Handler
		// parameter's type comes from (export data may not list imports).
		i, ok := handlerArg[p.Path()]["Serve"]
		if !ok {
			continue
		}
		if fn, ok := p.Scope().Lookup("Serve").(*types.Func); ok && i < fn.Signature().Params().Len() {
			if n, ok := types.Unalias(fn.Signature().Params().At(i).Type()).(*types.Named); ok && n.Obj().Pkg() != nil {
				return n.Obj().Pkg()
			}
		}
	}
	return nil
}
