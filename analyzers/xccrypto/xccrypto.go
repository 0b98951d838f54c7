package xccrypto

import (
	_ "embed"
	"go/ast"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

//go:embed doc.go
var doc string

// Analyzer reports XC101.
var Analyzer = &analysis.Analyzer{
	Name:     "xccrypto",
	Doc:      analysisdoc.MustExtract(doc, "xccrypto"),
	URL:      "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC101.md",
	Requires: []*analysis.Analyzer{xcconfig.Analyzer},
	Run:      run,
}

// Rules are the rule IDs this analyzer reports.
var Rules = []string{"XC101"}

func run(pass *analysis.Pass) (any, error) {
	cfg := xcconfig.Get(pass)
	if cfg == nil || !cfg.Enabled("XC101") {
		return nil, nil
	}
	forbidden := map[string]policy.ImportRule{}
	for _, r := range cfg.Policy.Crypto.ForbiddenImports {
		forbidden[r.Path] = r
	}
	if !importsAny(pass, forbidden) {
		return nil, nil
	}
	for _, f := range pass.Files {
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			if r, ok := forbidden[path]; ok {
				reportImport(pass, cfg, spec, r)
			}
		}
	}
	return nil, nil
}

// importsAny reports whether the package imports any listed path directly.
func importsAny(pass *analysis.Pass, paths map[string]policy.ImportRule) bool {
	for _, imp := range pass.Pkg.Imports() {
		if _, ok := paths[imp.Path()]; ok {
			return true
		}
	}
	return false
}

func reportImport(pass *analysis.Pass, cfg *xcconfig.Config, spec *ast.ImportSpec, r policy.ImportRule) {
	msg := "import of " + r.Path
	if r.Reason != "" {
		msg += ": " + r.Reason
	}
	if r.Use != "" {
		msg += report.HintPrefix + r.Use
	}
	cfg.Report(pass, "XC101", spec, "%s", msg)
}
