package report_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// tool is the producer every rendering test passes to report.Write.
var tool = report.Tool{Name: "xcguard", Version: "v0.0.0-test", URI: "https://github.com/xcguard/xcguard", Lines: asciiLines}

// asciiLines is the source of the findings in most tests: every line is
// 80 ASCII characters, so byte and character columns agree.
func asciiLines(string, int) (string, bool) { return strings.Repeat(" ", 80), true }

// render writes a copy of fs (report.Write sorts its argument) in format.
func render(t *testing.T, format report.Format, fs []report.Finding) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Write(&buf, format, tool, slices.Clone(fs)); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.String()
}

// key is the part of a finding that the sort order is defined on.
type key struct {
	File, Rule, Message string
	Line, Column        int
}

func keys(fs []report.Finding) []key {
	var out []key
	for _, f := range fs {
		out = append(out, key{File: f.File, Rule: f.Rule, Message: f.Message, Line: f.Line, Column: f.Column})
	}
	return out
}

func TestSort(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want []key
	}{
		{
			name: "file before line",
			in: []report.Finding{
				{File: "b.go", Line: 1, Column: 1, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 9, Column: 1, Rule: "XC101", Message: "m"},
			},
			want: []key{
				{File: "a.go", Line: 9, Column: 1, Rule: "XC101", Message: "m"},
				{File: "b.go", Line: 1, Column: 1, Rule: "XC101", Message: "m"},
			},
		},
		{
			name: "line numerically, not as text",
			in: []report.Finding{
				{File: "a.go", Line: 10, Column: 1, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 9, Column: 1, Rule: "XC101", Message: "m"},
			},
			want: []key{
				{File: "a.go", Line: 9, Column: 1, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 10, Column: 1, Rule: "XC101", Message: "m"},
			},
		},
		{
			name: "column before rule",
			in: []report.Finding{
				{File: "a.go", Line: 3, Column: 7, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 3, Column: 2, Rule: "XC202", Message: "m"},
			},
			want: []key{
				{File: "a.go", Line: 3, Column: 2, Rule: "XC202", Message: "m"},
				{File: "a.go", Line: 3, Column: 7, Rule: "XC101", Message: "m"},
			},
		},
		{
			name: "rule before message",
			in: []report.Finding{
				{File: "a.go", Line: 3, Column: 2, Rule: "XC104", Message: "a"},
				{File: "a.go", Line: 3, Column: 2, Rule: "XC001", Message: "z"},
			},
			want: []key{
				{File: "a.go", Line: 3, Column: 2, Rule: "XC001", Message: "z"},
				{File: "a.go", Line: 3, Column: 2, Rule: "XC104", Message: "a"},
			},
		},
		{
			name: "message last",
			in: []report.Finding{
				{File: "a.go", Line: 3, Column: 2, Rule: "XC101", Message: "import of crypto/sha1"},
				{File: "a.go", Line: 3, Column: 2, Rule: "XC101", Message: "import of crypto/md5"},
			},
			want: []key{
				{File: "a.go", Line: 3, Column: 2, Rule: "XC101", Message: "import of crypto/md5"},
				{File: "a.go", Line: 3, Column: 2, Rule: "XC101", Message: "import of crypto/sha1"},
			},
		},
		{
			name: "a finding without a line (a binary) comes first in its file",
			in: []report.Finding{
				{File: "go.mod", Line: 5, Rule: "XC401", Message: "m"},
				{File: "go.mod", Rule: "XC405", Message: "m"},
			},
			want: []key{
				{File: "go.mod", Rule: "XC405", Message: "m"},
				{File: "go.mod", Line: 5, Rule: "XC401", Message: "m"},
			},
		},
		{
			name: "all keys at once",
			in: []report.Finding{
				{File: "z.go", Line: 1, Column: 1, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 2, Column: 1, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 1, Column: 5, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 1, Column: 1, Rule: "XC202", Message: "m"},
				{File: "a.go", Line: 1, Column: 1, Rule: "XC101", Message: "n"},
				{File: "a.go", Line: 1, Column: 1, Rule: "XC101", Message: "m"},
			},
			want: []key{
				{File: "a.go", Line: 1, Column: 1, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 1, Column: 1, Rule: "XC101", Message: "n"},
				{File: "a.go", Line: 1, Column: 1, Rule: "XC202", Message: "m"},
				{File: "a.go", Line: 1, Column: 5, Rule: "XC101", Message: "m"},
				{File: "a.go", Line: 2, Column: 1, Rule: "XC101", Message: "m"},
				{File: "z.go", Line: 1, Column: 1, Rule: "XC101", Message: "m"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := slices.Clone(tt.in)
			report.Sort(fs)
			if diff := cmp.Diff(tt.want, keys(fs)); diff != "" {
				t.Errorf("Sort order mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSortTotal checks that findings equal on the five sort keys still get
// one order whatever the input order, so that output stays deterministic.
func TestSortTotal(t *testing.T) {
	base := report.Finding{File: "a.go", Line: 4, Column: 2, Rule: "XC101", Message: "import of crypto/md5", Severity: policy.Error}
	twins := []report.Finding{base, base, base, base}
	twins[1].Suppressed, twins[1].Justification = true, "legacy checksum"
	twins[2].Severity = policy.Warning
	twins[3].Related = []report.Location{{File: "go.mod", Line: 3, Message: "required here"}}

	want := slices.Clone(twins)
	report.Sort(want)
	for i := range 20 {
		got := slices.Clone(twins)
		r := rand.New(rand.NewPCG(uint64(i), 1))
		r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		report.Sort(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("shuffle %d sorts differently (-first +this):\n%s", i, diff)
		}
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want report.Summary
	}{
		{name: "none", in: nil, want: report.Summary{}},
		{
			name: "errors and warnings",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error},
				{Rule: "XC104", Severity: policy.Error},
				{Rule: "XC202", Severity: policy.Warning},
			},
			want: report.Summary{Errors: 2, Warnings: 1},
		},
		{
			name: "a suppressed finding counts only as suppressed",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error, Suppressed: true, Justification: "git object IDs"},
				{Rule: "XC202", Severity: policy.Warning, Suppressed: true, Justification: "debug build"},
				{Rule: "XC104", Severity: policy.Error},
			},
			want: report.Summary{Errors: 1, Suppressed: 2},
		},
		{
			name: "an off finding counts nowhere",
			in:   []report.Finding{{Rule: "XC102", Severity: policy.Off}},
			want: report.Summary{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, report.Summarize(tt.in)); diff != "" {
				t.Errorf("Summarize mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitMessage(t *testing.T) {
	tests := []struct {
		name               string
		rule, msg          string
		wantText, wantHint string
	}{
		{
			name:     "rule prefix and hint",
			rule:     "XC101",
			msg:      "XC101: import of crypto/md5: MD5 is broken; use github.com/tjfoc/gmsm/sm3",
			wantText: "import of crypto/md5: MD5 is broken",
			wantHint: "use github.com/tjfoc/gmsm/sm3",
		},
		{
			name:     "no hint",
			rule:     "XC104",
			msg:      "XC104: InsecureSkipVerify is true without pinning",
			wantText: "InsecureSkipVerify is true without pinning",
		},
		{
			name:     "two hints: the last one wins",
			rule:     "XC102",
			msg:      "XC102: crypto/tls where GM is required; use gmtls; use github.com/tjfoc/gmsm/gmtls",
			wantText: "crypto/tls where GM is required; use gmtls",
			wantHint: "use github.com/tjfoc/gmsm/gmtls",
		},
		{
			name:     "no rule prefix",
			rule:     "XC101",
			msg:      "import of crypto/des; use github.com/tjfoc/gmsm/sm4",
			wantText: "import of crypto/des",
			wantHint: "use github.com/tjfoc/gmsm/sm4",
		},
		{
			name:     "another rule's prefix stays",
			rule:     "XC101",
			msg:      "XC102: text",
			wantText: "XC102: text",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, hint := report.SplitMessage(tt.rule, tt.msg)
			if diff := cmp.Diff([2]string{tt.wantText, tt.wantHint}, [2]string{text, hint}); diff != "" {
				t.Errorf("SplitMessage(%q, %q) mismatch (-want +got):\n%s", tt.rule, tt.msg, diff)
			}
		})
	}
}

func TestFormatSet(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    report.Format
		wantErr string
	}{
		{name: "text", in: "text", want: report.Text},
		{name: "json", in: "json", want: report.JSON},
		{name: "sarif", in: "sarif", want: report.SARIF},
		{name: "github", in: "github", want: report.GitHub},
		{name: "xml", in: "xml", want: report.Text, wantErr: `unknown format "xml": use text, json, sarif, github, markdown, gitlab or junit`},
		{name: "case matters", in: "JSON", want: report.Text, wantErr: `unknown format "JSON": use text, json, sarif, github, markdown, gitlab or junit`},
		{name: "empty", in: "", want: report.Text, wantErr: `unknown format "": use text, json, sarif, github, markdown, gitlab or junit`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := report.Text // the flag's default; a rejected value leaves it
			err := f.Set(tt.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Errorf("Set(%q) error = %q, want %q", tt.in, gotErr, tt.wantErr)
			}
			if f != tt.want {
				t.Errorf("after Set(%q), format = %q, want %q", tt.in, f, tt.want)
			}
			if err == nil && f.String() != tt.in {
				t.Errorf("String() = %q, want %q", f.String(), tt.in)
			}
		})
	}
}

// mixed is a set of findings that exercises every field of a Finding.
var mixed = []report.Finding{
	{
		Rule: "XC101", Severity: policy.Error, File: "internal/digest/digest.go", Line: 5, Column: 2, EndLine: 5, EndColumn: 14,
		Message: "import of crypto/md5: MD5 is broken (collisions)", Hint: "use github.com/tjfoc/gmsm/sm3",
		Fix: &report.Fix{Description: "use sm3", Edits: []report.Edit{{File: "internal/digest/digest.go", Start: 30, End: 42, New: `"github.com/tjfoc/gmsm/sm3"`}}},
	},
	{Rule: "XC202", Severity: policy.Warning, File: "cmd/app/main.go", Line: 22, Column: 3, Message: "runtime/pprof.StartCPUProfile in default-built code"},
	// A twin of the finding above on every sort key; only its end differs.
	{Rule: "XC202", Severity: policy.Warning, File: "cmd/app/main.go", Line: 22, Column: 3, EndLine: 22, EndColumn: 40, Message: "runtime/pprof.StartCPUProfile in default-built code"},
	{Rule: "XC201", Severity: policy.Error, File: "cmd/app/debug.go", Line: 4, Column: 2, Message: "import of net/http/pprof", Suppressed: true, Justification: "served on localhost only, behind the admin flag"},
	{
		Rule: "XC401", Severity: policy.Error, File: "go.mod", Line: 7, Message: "denied module golang.org/x/crypto", Hint: "use github.com/tjfoc/gmsm",
		Related: []report.Location{
			{File: "go.mod", Line: 9, Column: 2, Message: "example.com/a requires it"},
			{File: "vendor/modules.txt", Message: "example.com/b v1.2.0"},
		},
	},
	{Rule: "XC504", Severity: policy.Warning, File: "dist/app-linux-arm64", Message: "binary is 31.0 MiB, over the 20 MiB budget"},
	{Rule: "XC102", Severity: policy.Error, File: "/home/ci/go/pkg/mod/example.com/x@v1.0.0/tls.go", Line: 3, Column: 8, Message: "import of crypto/tls where GM is required"},
	{Rule: "XC103", Severity: policy.Error, File: "服务/网关 main.go", Line: 12, Column: 9, Message: "MinVersion 1.2 低于策略要求的 1.3", Hint: "use tls.VersionTLS13"},
}

// TestDeterministic renders the same findings, shuffled, several times in
// every format and expects the same bytes each time.
func TestDeterministic(t *testing.T) {
	for _, format := range report.Formats {
		t.Run(string(format), func(t *testing.T) {
			want := render(t, format, mixed)
			if want == "" {
				t.Fatal("rendered nothing")
			}
			for i := range 10 {
				fs := slices.Clone(mixed)
				r := rand.New(rand.NewPCG(uint64(i), 2))
				r.Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
				if got := render(t, format, fs); got != want {
					t.Fatalf("shuffle %d renders differently (-first +this):\n%s", i, cmp.Diff(want, got))
				}
			}
		})
	}
}
