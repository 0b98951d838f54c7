package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/report"
)

// A failed run's SARIF is valid SARIF 2.1.0: per part, a run with no
// results and an unsuccessful invocation carrying the error.
func TestWriteFailureSARIF(t *testing.T) {
	var buf bytes.Buffer
	tool := report.Tool{Name: "xcguard", Version: "v1", Parts: []string{"audit", "vet"}}
	if err := report.WriteFailure(&buf, report.SARIF, tool, "invalid policy: .xcguard.yml:2:1: unknown field \"rule\"\n"); err != nil {
		t.Fatal(err)
	}
	validSARIF(t, buf.String())
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []json.RawMessage   `json:"results"`
			Invocations       []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
				Notifications       []struct {
					Level   string    `json:"level"`
					Message sarifText `json:"message"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range log.Runs {
		if r.Results == nil || len(r.Results) != 0 || len(r.Invocations) != 1 || r.Invocations[0].ExecutionSuccessful {
			t.Errorf("run %s: want no results and one unsuccessful invocation:\n%s", r.AutomationDetails.ID, buf.String())
			continue
		}
		n := r.Invocations[0].Notifications
		got = append(got, r.AutomationDetails.ID+" "+n[0].Level+": "+n[0].Message.Text)
	}
	want := []string{
		`xcguard/audit/ error: invalid policy: .xcguard.yml:2:1: unknown field "rule"`,
		`xcguard/vet/ error: invalid policy: .xcguard.yml:2:1: unknown field "rule"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A failed run's JSON reads back as that failure, never as no findings.
func TestReadJSONFailedRun(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteFailure(&buf, report.JSON, report.Tool{Name: "xcguard"}, "invalid policy: x"); err != nil {
		t.Fatal(err)
	}
	fs, err := report.ReadJSON(&buf)
	if err == nil || !strings.Contains(err.Error(), "the run that wrote it failed: invalid policy: x") || fs != nil {
		t.Fatalf("ReadJSON = %v, %v; want the failure", fs, err)
	}
}

// Notes (what a run could not fully check) ride in every format: JSON's
// "notes", a successful SARIF invocation's warning, a github ::warning.
func TestNotes(t *testing.T) {
	tool := report.Tool{Name: "xcguard", Parts: []string{"audit"}, Notes: []string{"audit: cannot resolve the module graph"}}
	var buf bytes.Buffer
	if err := report.Write(&buf, report.SARIF, tool, nil); err != nil {
		t.Fatal(err)
	}
	validSARIF(t, buf.String())
	if !strings.Contains(buf.String(), `"executionSuccessful": true`) || !strings.Contains(buf.String(), `"text": "audit: cannot resolve the module graph"`) {
		t.Errorf("SARIF lacks the note:\n%s", buf.String())
	}
	for format, want := range map[report.Format]string{
		report.JSON:   `"notes": [` + "\n" + `    "audit: cannot resolve the module graph"`,
		report.GitHub: "::warning title=xcguard::audit: cannot resolve the module graph\n",
	} {
		buf.Reset()
		if err := report.Write(&buf, format, tool, nil); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s lacks %q:\n%s", format, want, buf.String())
		}
	}
	buf.Reset()
	report.Write(&buf, report.JSON, tool, nil)
	saved, err := report.ReadReport(&buf)
	fs, notes := saved.Findings, saved.Notes
	if err != nil || len(fs) != 0 || len(notes) != 1 {
		t.Errorf("ReadReport = %v, %q, %v; want the note back", fs, notes, err)
	}
}
