package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// TestJSONShape decodes the output generically, so that it checks the
// contract of DESIGN §5 (key names, types, severity spelling), not the Go
// types that produce it.
func TestJSONShape(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want map[string]any
	}{
		{
			name: "no findings is an empty array, not null",
			in:   nil,
			want: map[string]any{
				"version":  1.0,
				"findings": []any{},
				"summary":  map[string]any{"errors": 0.0, "warnings": 0.0, "suppressed": 0.0},
			},
		},
		{
			name: "empty slice",
			in:   []report.Finding{},
			want: map[string]any{
				"version":  1.0,
				"findings": []any{},
				"summary":  map[string]any{"errors": 0.0, "warnings": 0.0, "suppressed": 0.0},
			},
		},
		{
			name: "fields, severities, suppression and sorted order",
			in: []report.Finding{
				{Rule: "XC202", Severity: policy.Warning, File: "cmd/app/main.go", Line: 22, Column: 3, Message: "profiling on"},
				{
					Rule: "XC101", Severity: policy.Error, File: "internal/digest/digest.go", Line: 5, Column: 2, EndLine: 5, EndColumn: 14,
					Message: "import of crypto/md5", Hint: "use github.com/tjfoc/gmsm/sm3",
				},
				{Rule: "XC201", Severity: policy.Error, File: "cmd/app/debug.go", Line: 4, Column: 2, Message: "import of net/http/pprof", Suppressed: true, Justification: "admin build"},
			},
			want: map[string]any{
				"version": 1.0,
				"findings": []any{
					map[string]any{"rule": "XC201", "severity": "error", "message": "import of net/http/pprof", "file": "cmd/app/debug.go", "line": 4.0, "column": 2.0, "suppressed": true, "justification": "admin build"},
					map[string]any{"rule": "XC202", "severity": "warning", "message": "profiling on", "file": "cmd/app/main.go", "line": 22.0, "column": 3.0},
					map[string]any{
						"rule": "XC101", "severity": "error", "message": "import of crypto/md5", "file": "internal/digest/digest.go",
						"line": 5.0, "column": 2.0, "end_line": 5.0, "end_column": 14.0, "hint": "use github.com/tjfoc/gmsm/sm3",
					},
				},
				"summary": map[string]any{"errors": 1.0, "warnings": 1.0, "suppressed": 1.0},
			},
		},
		{
			name: "paths as given",
			in: []report.Finding{
				{Rule: "XC504", Severity: policy.Error, File: "/abs/dist/app <arm64>", Message: "size > budget & more"},
				{Rule: "XC103", Severity: policy.Error, File: "../sibling/服务.go", Line: 1, Column: 1, Message: "MinVersion 低于 1.3"},
			},
			want: map[string]any{
				"version": 1.0,
				"findings": []any{
					map[string]any{"rule": "XC103", "severity": "error", "message": "MinVersion 低于 1.3", "file": "../sibling/服务.go", "line": 1.0, "column": 1.0},
					map[string]any{"rule": "XC504", "severity": "error", "message": "size > budget & more", "file": "/abs/dist/app <arm64>"},
				},
				"summary": map[string]any{"errors": 2.0, "warnings": 0.0, "suppressed": 0.0},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, report.JSON, tt.in)
			var got map[string]any
			dec := json.NewDecoder(bytes.NewReader([]byte(out)))
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			if dec.More() {
				t.Errorf("more than one JSON value in the output:\n%s", out)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("JSON mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONLiterals checks spellings that decoding hides.
func TestJSONLiterals(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want string
	}{
		{name: "empty findings are []", in: nil, want: `"findings": []`},
		{name: "no HTML escaping", in: []report.Finding{{Rule: "XC504", Severity: policy.Error, File: "dist/app", Message: "size > budget & <more>"}}, want: `"message": "size > budget & <more>"`},
		{name: "UTF-8 kept as is", in: []report.Finding{{Rule: "XC103", Severity: policy.Error, File: "服务.go", Message: "低于 1.3"}}, want: `"file": "服务.go"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if out := render(t, report.JSON, tt.in); !strings.Contains(out, tt.want) {
				t.Errorf("output does not contain %s:\n%s", tt.want, out)
			}
		})
	}
}

// TestJSONRoundTrip decodes the output back into Findings: JSON is the
// canonical form, so nothing a renderer needs may be lost.
func TestJSONRoundTrip(t *testing.T) {
	out := render(t, report.JSON, mixed)
	var got struct {
		Version  int              `json:"version"`
		Findings []report.Finding `json:"findings"`
		Summary  report.Summary   `json:"summary"`
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(out)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decoding: %v\n%s", err, out)
	}
	want := append([]report.Finding(nil), mixed...)
	report.Sort(want)
	if got.Version != 1 {
		t.Errorf("version = %d, want 1", got.Version)
	}
	if diff := cmp.Diff(want, got.Findings); diff != "" {
		t.Errorf("findings after a round trip (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(report.Summary{Errors: 4, Warnings: 3, Suppressed: 1}, got.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

// ReadJSON reads one report: what follows it, or a value that is not a
// report, is refused rather than dropped.
func TestReadJSONRefuses(t *testing.T) {
	clean := `{"version":1,"findings":[],"summary":{"errors":0,"warnings":0,"suppressed":0}}`
	for name, doc := range map[string]string{
		"a second report after a clean one": clean + "\n" + `{"version":1,"findings":[{"rule":"XC101","severity":"error","message":"m","file":"a.go","line":1,"column":1}],"summary":{"errors":1,"warnings":0,"suppressed":0}}`,
		"a failed run after a clean one":    clean + `{"version":1,"findings":[],"summary":{},"error":"invalid policy"}`,
		"garbage after the report":          clean + " trailing",
		"an array":                          `[]`,
	} {
		if fs, err := report.ReadJSON(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: read %d findings, want an error", name, len(fs))
		} else if strings.Contains(err.Error(), "struct {") {
			t.Errorf("%s: the error shows a Go type: %v", name, err)
		}
	}
}
