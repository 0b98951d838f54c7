package xcdirective

import (
	_ "embed"
	"go/token"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
)

//go:embed doc.go
var doc string

// New returns the directive analyzer that runs after the given rule
// analyzers and judges directives against the rules they report.
func New(ruleAnalyzers []*analysis.Analyzer, rules []string) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:       "xcdirective",
		Doc:        analysisdoc.MustExtract(doc, "xcdirective"),
		URL:        "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC001.md",
		Requires:   append([]*analysis.Analyzer{xcconfig.Analyzer}, ruleAnalyzers...),
		ResultType: reflect.TypeFor[[]xcconfig.Suppressed](),
	}
	a.Run = func(pass *analysis.Pass) (any, error) { return run(pass, rules) }
	return a
}

// Rules are the rule IDs this analyzer reports.
var Rules = []string{"XC001", "XC002"}

func run(pass *analysis.Pass, rules []string) (any, error) {
	cfg := pass.ResultOf[xcconfig.Analyzer].(*xcconfig.Config)
	if cfg.Err != nil {
		return nil, cfg.Err
	}
	for _, d := range cfg.Directives() {
		rng := span{d.Pos, d.End}
		switch {
		case d.Problem != "":
			cfg.Report(pass, "XC001", rng, "%s", d.Problem)
		case !d.Used:
			// Only rules that this run checks and the policy turns on can
			// be judged: a directive for a rule that is off here may be
			// needed under a stricter profile.
			var judged []string
			for _, r := range d.Rules {
				if slices.Contains(rules, r) && cfg.Enabled(r) {
					judged = append(judged, r)
				}
			}
			if len(judged) > 0 {
				cfg.Report(pass, "XC002", rng, "suppression directive for %s suppresses nothing: remove it", strings.Join(judged, ","))
			}
		}
	}
	return cfg.SuppressedFindings(), nil
}

// span is the range of a directive comment.
type span struct{ pos, end token.Pos }

func (s span) Pos() token.Pos { return s.pos }
func (s span) End() token.Pos { return s.end }
