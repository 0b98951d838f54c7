package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want string
	}{
		{
			name: "no findings",
			want: "### xcguard: 0 errors, 0 warnings, 0 suppressed\n\nNo findings.\n",
		},
		{
			name: "counts per rule, errors first, cells escaped, suppressed only counted",
			in: []report.Finding{
				{Rule: "XC202", Severity: policy.Warning, File: "main.go", Line: 9, Column: 2, Message: "runtime.SetBlockProfileRate(1) turns on block profiling"},
				{Rule: "XC101", Severity: policy.Error, File: "sign.go", Line: 4, Column: 2, Message: "import of crypto/md5 | <broken>", Hint: "use github.com/tjfoc/gmsm/sm3"},
				{Rule: "XC101", Severity: policy.Error, File: "cache.go", Line: 5, Column: 2, Message: "import of crypto/sha1", Suppressed: true, Justification: "cache keys"},
				{Rule: "XC503", Severity: policy.Error, File: "dist/app", Message: "binary needs GLIBC_2.34"},
			},
			want: "### xcguard: 2 errors, 1 warning, 1 suppressed\n\n" +
				"| Rule | Errors | Warnings | Suppressed |\n|---|---:|---:|---:|\n" +
				"| XC101 | 1 | 0 | 1 |\n| XC202 | 0 | 1 | 0 |\n| XC503 | 1 | 0 | 0 |\n\n" +
				"| Severity | Rule | Where | Finding |\n|---|---|---|---|\n" +
				"| error | XC503 | `dist/app` | binary needs GLIBC_2.34 |\n" +
				"| error | XC101 | `sign.go:4:2` | import of crypto/md5 \\| &lt;broken&gt; (use github.com/tjfoc/gmsm/sm3) |\n" +
				"| warning | XC202 | `main.go:9:2` | runtime.SetBlockProfileRate(1) turns on block profiling |\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, report.Markdown, report.Tool{}, tt.in); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("markdown (-want +got):\n%s", diff)
			}
		})
	}
}

// The table lists at most 50 findings and says how many it left out.
func TestMarkdownLimit(t *testing.T) {
	var fs []report.Finding
	for i := range 60 {
		fs = append(fs, report.Finding{Rule: "XC101", Severity: policy.Error, File: fmt.Sprintf("f%02d.go", i), Line: 1, Column: 1, Message: "m"})
	}
	var b bytes.Buffer
	if err := report.Write(&b, report.Markdown, report.Tool{}, fs); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(b.String(), "| error | XC101 |"); rows != 50 {
		t.Errorf("%d rows, want 50", rows)
	}
	if !strings.HasSuffix(b.String(), "\n… and 10 more: see the SARIF report or the JSON.\n") {
		t.Errorf("no note of the 10 left out:\n%s", b.String())
	}
}

// ReadJSON reads back what -format json writes; anything else is refused.
func TestReadJSON(t *testing.T) {
	in := []report.Finding{
		{Rule: "XC101", Severity: policy.Error, File: "sign.go", Line: 4, Column: 2, Message: "import of crypto/md5", Hint: "use github.com/tjfoc/gmsm/sm3"},
		{Rule: "XC101", Severity: policy.Error, File: "cache.go", Line: 5, Column: 2, Message: "import of crypto/sha1", Suppressed: true, Justification: "cache keys"},
	}
	var b bytes.Buffer
	if err := report.Write(&b, report.JSON, report.Tool{}, in); err != nil {
		t.Fatal(err)
	}
	got, err := report.ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	report.Sort(in)
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for _, bad := range []string{`{"version":2,"findings":[]}`, `{"version":1,"findings":[],"extra":1}`, `[]`, `SARIF`} {
		if _, err := report.ReadJSON(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadJSON(%s) accepted it", bad)
		}
	}
}
