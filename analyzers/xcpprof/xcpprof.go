package xcpprof

import (
	_ "embed"
	"go/ast"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/internal/buildgate"
	"github.com/xcguard/xcguard/analyzers/internal/lazyinspect"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/report"
)

//go:embed doc.go
var doc string

// Analyzer reports XC201 and XC202.
var Analyzer = &analysis.Analyzer{
	Name:     "xcpprof",
	Doc:      analysisdoc.MustExtract(doc, "xcpprof"),
	URL:      "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC201.md",
	Requires: []*analysis.Analyzer{xcconfig.Analyzer, lazyinspect.Analyzer},
	Run:      run,
}

// Rules are the rule IDs this analyzer reports.
var Rules = []string{"XC201", "XC202"}

const httpPprof = "net/http/pprof"

func run(pass *analysis.Pass) (any, error) {
	cfg := xcconfig.Get(pass)
	if cfg == nil {
		return nil, nil
	}
	xc201 := cfg.Enabled("XC201") && imports(pass, func(path string) bool { return path == httpPprof })
	prof := newProfilers(pass, cfg.Policy.PProf.ExtraProfilers)
	xc202 := cfg.Enabled("XC202") && prof != nil
	if !xc201 && !xc202 {
		return nil, nil
	}
	tags := cfg.Policy.PProf.AllowBuildTags
	hint := gateHint(tags)
	in := lazyinspect.Of(pass)
	for file := range in.Root().Preorder((*ast.File)(nil)) {
		f := file.Node().(*ast.File)
		if buildgate.Gated(f, tags) {
			continue
		}
		if xc201 {
			for _, spec := range f.Imports {
				if importPath(spec) == httpPprof {
					cfg.Report(pass, "XC201", spec, "import of %s in a default build registers /debug/pprof on http.DefaultServeMux%s", httpPprof, hint)
				}
			}
		}
		if xc202 {
			for c := range file.Preorder((*ast.CallExpr)(nil)) {
				call := c.Node().(*ast.CallExpr)
				if what := prof.profiling(call); what != "" {
					cfg.Report(pass, "XC202", call, "%s in a default build%s", what, hint)
				}
			}
		}
	}
	return nil, nil
}

// gateHint tells how to keep the code out of default builds: a file gated by
// the policy's first allowed tag, or, with none, that no tag allows it.
func gateHint(tags []string) string {
	if len(tags) == 0 {
		return ", and pprof.allow_build_tags allows it under no build tag"
	}
	return report.HintPrefix + "a file gated by //go:build " + tags[0]
}

// imports reports whether the package imports a path that matches.
func imports(pass *analysis.Pass, match func(string) bool) bool {
	return slices.ContainsFunc(pass.Pkg.Imports(), func(p *types.Package) bool { return match(p.Path()) })
}

// importPath is the unquoted path of an import spec.
func importPath(spec *ast.ImportSpec) string {
	path, _ := strconv.Unquote(spec.Path.Value)
	return path
}

// under reports whether path is prefix or a package inside it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}
