package xccrypto

import (
	_ "embed"
	"go/ast"
	"go/types"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/internal/goroot"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

//go:embed doc.go
var doc string

// Analyzer reports XC101 and XC102.
var Analyzer = &analysis.Analyzer{
	Name:     "xccrypto",
	Doc:      analysisdoc.MustExtract(doc, "xccrypto"),
	URL:      "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC101.md",
	Requires: []*analysis.Analyzer{xcconfig.Analyzer},
	Run:      run,
}

// Rules are the rule IDs this analyzer reports.
var Rules = []string{"XC101", "XC102"}

func run(pass *analysis.Pass) (any, error) {
	cfg := xcconfig.Get(pass)
	if cfg == nil {
		return nil, nil
	}
	crypto := cfg.Policy.Crypto
	forbidden := map[string]policy.ImportRule{}
	if cfg.Enabled("XC101") {
		for _, r := range crypto.ForbiddenImports {
			forbidden[r.Path] = r
		}
	}
	counterparts := map[string]policy.ImportRule{}
	if cfg.Enabled("XC102") && policy.True(crypto.RequireGM) && !inLibrary(pass, crypto.GMLibraries) {
		for _, r := range crypto.GMCounterparts {
			counterparts[r.Path] = r
		}
	}
	if !importsAny(pass, forbidden) && !importsAny(pass, counterparts) {
		return nil, nil
	}
	dualMode := policy.True(crypto.AllowDualMode)
	pkg := &pkgFacts{}
	for _, f := range pass.Files {
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			if r, ok := forbidden[path]; ok {
				reportImport(pass, cfg, spec, r)
			} else if r, ok := counterparts[path]; ok {
				if dualMode && importsGM(pass.Pkg, r.Use, crypto.GMLibraries) {
					continue
				}
				reportStandard(pass, cfg, pkg, f, spec, r, dualMode)
			}
		}
	}
	return nil, nil
}

// gmKinds maps the last element of a GM replacement to the last elements of
// the packages that provide it in the GM libraries (tjfoc/gmsm, emmansun/gmsm,
// gotlcp).
var gmKinds = map[string][]string{
	"sm2":    {"sm2"},
	"sm3":    {"sm3"},
	"sm4":    {"sm4"},
	"x509":   {"x509", "smx509"},
	"gmtls":  {"gmtls", "tlcp"},
	"tlcp":   {"gmtls", "tlcp"},
	"smx509": {"x509", "smx509"},
}

// importsGM reports whether the package imports the GM replacement use, or
// the same kind of package from one of the GM libraries: dual mode.
func importsGM(pkg *types.Package, use string, libraries []string) bool {
	kinds := gmKinds[path.Base(use)]
	for _, imp := range pkg.Imports() {
		p := imp.Path()
		if p == use {
			return true
		}
		for _, lib := range libraries {
			if strings.HasPrefix(p, lib+"/") && slices.Contains(kinds, path.Base(p)) {
				return true
			}
		}
	}
	return false
}

// reportStandard reports XC102 at spec, with the fix that migrates the
// file's uses where xcguard can prove it keeps their meaning, or the uses
// a person must decide.
func reportStandard(pass *analysis.Pass, cfg *xcconfig.Config, pkg *pkgFacts, file *ast.File, spec *ast.ImportSpec, r policy.ImportRule, dualMode bool) {
	msg := "import of " + r.Path + ", which has a GM counterpart, where the policy requires GM crypto"
	if dualMode {
		msg += " (dual mode allows it in a package that also imports " + r.Use + ")"
	}
	if r.Use != "" {
		use, reason := hintFor(pass, r.Use, r.Reason, cfg.Policy.Crypto.GMLibrary)
		msg += report.HintPrefix + use
		if reason != "" {
			msg += ": " + reason
		}
	}
	var fixes []analysis.SuggestedFix
	var refused []analysis.RelatedInformation
	if !goroot.Has(pass) { // no fix edits the Go distribution
		fixes, refused = migrate(pass, pkg, file, spec, r.Path, r.Use, cfg.Policy.Crypto.GMLibrary)
	}
	cfg.ReportDiagnostic(pass, analysis.Diagnostic{Pos: spec.Pos(), End: spec.End(), Category: "XC102", Message: msg, SuggestedFixes: fixes, Related: refused})
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
