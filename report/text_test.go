package report_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want string
	}{
		{
			name: "no findings",
			in:   nil,
			want: "xcguard: no findings\n",
		},
		{
			name: "error with hint",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error, File: "internal/digest/digest.go", Line: 5, Column: 2, Message: "import of crypto/md5: MD5 is broken", Hint: "use github.com/tjfoc/gmsm/sm3"},
			},
			want: "internal/digest/digest.go:5:2: XC101 import of crypto/md5: MD5 is broken (use github.com/tjfoc/gmsm/sm3)\n" +
				"xcguard: 1 error, 0 warnings, 0 suppressed\n",
		},
		{
			name: "warning marker after the hint",
			in: []report.Finding{
				{Rule: "XC202", Severity: policy.Warning, File: "main.go", Line: 22, Column: 3, Message: "runtime/pprof.StartCPUProfile in default-built code", Hint: "use a debug build tag"},
				{Rule: "XC303", Severity: policy.Warning, File: "main.go", Line: 30, Column: 9, Message: "tls.Dial without a deadline"},
			},
			want: "main.go:22:3: XC202 runtime/pprof.StartCPUProfile in default-built code (use a debug build tag) [warning]\n" +
				"main.go:30:9: XC303 tls.Dial without a deadline [warning]\n" +
				"xcguard: 0 errors, 2 warnings, 0 suppressed\n",
		},
		{
			name: "suppressed findings are counted, not printed",
			in: []report.Finding{
				{Rule: "XC201", Severity: policy.Error, File: "cmd/app/debug.go", Line: 4, Column: 2, Message: "import of net/http/pprof", Suppressed: true, Justification: "admin build"},
				{Rule: "XC104", Severity: policy.Error, File: "client.go", Line: 10, Column: 3, Message: "InsecureSkipVerify is true"},
				{Rule: "XC202", Severity: policy.Warning, File: "cmd/app/debug.go", Line: 9, Column: 2, Message: "profiling on", Suppressed: true, Justification: "admin build"},
			},
			want: "client.go:10:3: XC104 InsecureSkipVerify is true\n" +
				"xcguard: 1 error, 0 warnings, 2 suppressed\n",
		},
		{
			name: "only suppressed findings",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error, File: "a.go", Line: 1, Column: 1, Message: "m", Suppressed: true, Justification: "j"},
			},
			want: "xcguard: 0 errors, 0 warnings, 1 suppressed\n",
		},
		{
			name: "positions without column or line; sorted output",
			in: []report.Finding{
				{Rule: "XC504", Severity: policy.Error, File: "dist/app", Message: "binary is 31.0 MiB, over the 20 MiB budget"},
				{Rule: "XC405", Severity: policy.Error, File: "go.mod", Line: 3, Message: "go 1.18 is below the profile's 1.21"},
				{Rule: "XC101", Severity: policy.Error, File: "a.go", Line: 4, Column: 2, Message: "import of crypto/des"},
			},
			want: "a.go:4:2: XC101 import of crypto/des\n" +
				"dist/app: XC504 binary is 31.0 MiB, over the 20 MiB budget\n" +
				"go.mod:3: XC405 go 1.18 is below the profile's 1.21\n" +
				"xcguard: 3 errors, 0 warnings, 0 suppressed\n",
		},
		{
			name: "related locations indented under their finding",
			in: []report.Finding{
				{
					Rule: "XC401", Severity: policy.Error, File: "go.mod", Line: 7, Message: "denied module golang.org/x/crypto", Hint: "use github.com/tjfoc/gmsm",
					Related: []report.Location{
						{File: "go.mod", Line: 9, Column: 2, Message: "example.com/a requires it"},
						{File: "go.sum", Message: "listed here"},
					},
				},
			},
			want: "go.mod:7: XC401 denied module golang.org/x/crypto (use github.com/tjfoc/gmsm)\n" +
				"\tgo.mod:9:2: example.com/a requires it\n" +
				"\tgo.sum: listed here\n" +
				"xcguard: 1 error, 0 warnings, 0 suppressed\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, render(t, report.Text, tt.in)); diff != "" {
				t.Errorf("text output mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
