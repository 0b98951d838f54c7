package report_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// The escaping expected here is that of the GitHub Actions toolkit
// (actions/toolkit packages/core/src/command.ts): escapeData replaces
// % \r \n with %25 %0D %0A; escapeProperty also replaces : and , with
// %3A and %2C. The runner undoes exactly these.
func TestGitHub(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want string
	}{
		{
			name: "no findings, no commands",
			in:   nil,
			want: "",
		},
		{
			name: "error with position, end and hint",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error, File: "internal/digest/digest.go", Line: 5, Column: 2, EndLine: 5, EndColumn: 14, Message: "import of crypto/md5", Hint: "use github.com/tjfoc/gmsm/sm3"},
			},
			want: "::error file=internal/digest/digest.go,line=5,col=2,endLine=5,title=XC101::XC101: import of crypto/md5 (use github.com/tjfoc/gmsm/sm3)\n",
		},
		{
			name: "warning; a binary has no line",
			in: []report.Finding{
				{Rule: "XC202", Severity: policy.Warning, File: "main.go", Line: 22, Column: 3, Message: "profiling on"},
				{Rule: "XC504", Severity: policy.Warning, File: "dist/app", Message: "binary too large"},
			},
			want: "::warning file=dist/app,title=XC504::XC504: binary too large\n" +
				"::warning file=main.go,line=22,col=3,title=XC202::XC202: profiling on\n",
		},
		{
			name: "suppressed findings are omitted",
			in: []report.Finding{
				{Rule: "XC201", Severity: policy.Error, File: "debug.go", Line: 4, Column: 2, Message: "import of net/http/pprof", Suppressed: true, Justification: "admin build"},
				{Rule: "XC104", Severity: policy.Error, File: "client.go", Line: 10, Column: 3, Message: "InsecureSkipVerify is true"},
			},
			want: "::error file=client.go,line=10,col=3,title=XC104::XC104: InsecureSkipVerify is true\n",
		},
		{
			name: "property escaping: % \\r \\n : ,",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error, File: "C:/src/a,b:c%d\r\ne.go", Line: 1, Column: 1, Message: "m"},
			},
			want: "::error file=C%3A/src/a%2Cb%3Ac%25d%0D%0Ae.go,line=1,col=1,title=XC101::XC101: m\n",
		},
		{
			name: "data escaping: % \\r \\n, but not : or ,",
			in: []report.Finding{
				{Rule: "XC506", Severity: policy.Error, File: "dist/app", Message: "smoke run failed: exit 1, 100% CPU\r\nstderr: panic", Hint: "use -smoke-timeout"},
			},
			want: "::error file=dist/app,title=XC506::XC506: smoke run failed: exit 1, 100%25 CPU%0D%0Astderr: panic (use -smoke-timeout)\n",
		},
		{
			name: "already escaped text is escaped again",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error, File: "%0A.go", Line: 1, Message: "%0A"},
			},
			want: "::error file=%250A.go,line=1,title=XC101::XC101: %250A\n",
		},
		{
			name: "non-ASCII passes through",
			in: []report.Finding{
				{Rule: "XC103", Severity: policy.Error, File: "服务/网关.go", Line: 12, Column: 9, Message: "MinVersion 低于 1.3"},
			},
			want: "::error file=服务/网关.go,line=12,col=9,title=XC103::XC103: MinVersion 低于 1.3\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, render(t, report.GitHub, tt.in)); diff != "" {
				t.Errorf("github output mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
