package xccrypto_test

import (
	"fmt"
	"regexp"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/xccrypto"
)

func TestCryptoImports(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), xccrypto.Analyzer, "weak", "clean", "suppress", "gov", "dual", "dualmissing", "emmansunuser", "chosenlib", "github.com/tjfoc/gmsm/internal/compat")
}

// TestMigrate checks the XC102 fixes against the .golden files, for each
// GM library, and that every use whose meaning a fix would change keeps
// its file's finding without a fix, with the reason at the use: a comment
// "// refused `regexp`" on the line of each reason ("// next line refused
// `regexp`" on the line before), and none elsewhere.
func TestMigrate(t *testing.T) {
	for _, pkg := range []string{"migratetjfoc", "migrateemmansun", "migratepinned", "migrateknown", "refusenamed"} {
		t.Run(pkg, func(t *testing.T) {
			results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), xccrypto.Analyzer, pkg)
			for _, r := range results {
				checkRefusals(t, r)
			}
		})
	}
}

var refusedComment = regexp.MustCompile("^// (next line )?refused `(.*)`$")

func checkRefusals(t *testing.T, r *analysistest.Result) {
	t.Helper()
	fset := r.Action.Package.Fset
	type want struct {
		re   *regexp.Regexp
		seen bool
	}
	wants := map[string][]*want{} // file:line → reasons expected there
	for _, f := range r.Action.Package.Syntax {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if m := refusedComment.FindStringSubmatch(c.Text); m != nil {
					p := fset.Position(c.Pos())
					if m[1] != "" {
						p.Line++
					}
					key := fmt.Sprintf("%s:%d", p.Filename, p.Line)
					wants[key] = append(wants[key], &want{re: regexp.MustCompile(m[2])})
				}
			}
		}
	}
	for _, d := range r.Diagnostics {
		if len(d.Related) > 0 && len(d.SuggestedFixes) > 0 {
			t.Errorf("%s: %s has a fix and refusals", fset.Position(d.Pos), d.Message)
		}
		for _, rel := range d.Related {
			p := fset.Position(rel.Pos)
			matched := false
			for _, w := range wants[fmt.Sprintf("%s:%d", p.Filename, p.Line)] {
				if !w.seen && w.re.MatchString(rel.Message) {
					w.seen, matched = true, true
					break
				}
			}
			if !matched {
				t.Errorf("%s: unexpected refusal %q", p, rel.Message)
			}
		}
	}
	for key, ws := range wants {
		for _, w := range ws {
			if !w.seen {
				t.Errorf("%s: no refusal matching %q", key, w.re)
			}
		}
	}
}
