package analyzers_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers"
	"github.com/xcguard/xcguard/docs"
)

func TestValidate(t *testing.T) {
	if err := analysis.Validate(append(slices.Clone(analyzers.All), analyzers.Config)); err != nil {
		t.Fatal(err)
	}
}

// pending are the vet rules of DESIGN §3 that have a page but no analyzer
// yet. Adding an analyzer for one fails this test until it leaves the list.
var pending = []string{}

// TestRegistry: every analyzer is documented, has a URL, reports documented
// rules, and every rule it reports has test data with a line-anchored want;
// every vet rule (XC0xx to XC3xx) is reported by an analyzer or pending.
func TestRegistry(t *testing.T) {
	reported := map[string]*analysis.Analyzer{}
	for _, a := range analyzers.All {
		if a.Doc == "" || a.URL == "" {
			t.Errorf("analyzer %s needs Doc and URL", a.Name)
		}
		if !slices.Contains(a.Requires, analyzers.Config) {
			t.Errorf("analyzer %s does not require the config analyzer: the policy cannot reach it", a.Name)
		}
		if a != analyzers.Directive && !slices.Contains(analyzers.Directive.Requires, a) {
			t.Errorf("the directive analyzer does not require %s: it cannot judge that rule's directives or report a broken policy after it", a.Name)
		}
		rules := analyzers.Rules(a)
		if len(rules) == 0 {
			t.Errorf("analyzer %s reports no rule", a.Name)
		}
		for _, id := range rules {
			if _, ok := docs.Lookup(id); !ok {
				t.Errorf("analyzer %s reports %s, which has no page in docs/rules", a.Name, id)
			}
			if prev, dup := reported[id]; dup {
				t.Errorf("%s is reported by both %s and %s", id, prev.Name, a.Name)
			}
			reported[id] = a
			if !hasWant(t, a.Name, id) {
				t.Errorf("analyzer %s: no `// want` for %s under analyzers/%s/testdata", a.Name, id, a.Name)
			}
		}
	}
	for _, r := range docs.Rules() {
		if r.ID >= "XC400" {
			continue // audit and build rules are not analyzers
		}
		_, done := reported[r.ID]
		switch waiting := slices.Contains(pending, r.ID); {
		case done && waiting:
			t.Errorf("%s has an analyzer now: remove it from pending", r.ID)
		case !done && !waiting:
			t.Errorf("%s has no analyzer and is not pending", r.ID)
		}
	}
}

// hasWant reports whether the analyzer's test data expects the rule somewhere.
func hasWant(t *testing.T, name, id string) bool {
	want := regexp.MustCompile("// want .*" + id)
	found := false
	filepath.WalkDir(filepath.Join(name, "testdata"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		found = found || want.Match(data)
		return nil
	})
	return found
}
