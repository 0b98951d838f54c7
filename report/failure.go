package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xcguard/xcguard/internal/gm"
)

// WriteFailure renders a run that could not finish (bad input, exit 2; an
// internal error, exit 3) in the given format, so that a pipeline that
// parses the report gets a document saying so rather than an empty file:
// JSON has an "error" beside no findings; SARIF has one run per part, each
// an unsuccessful invocation with the error as its notification (code
// scanning then keeps the part's alerts open instead of closing them as
// fixed); github an ::error command; markdown a line; gitlab one blocker
// issue; junit an errored testcase per part; text nothing, for
// the error is already on standard error.
func WriteFailure(w io.Writer, format Format, tool Tool, msg string) error {
	msg = strings.TrimSpace(msg)
	switch format {
	case JSON:
		enc := newEncoder(w)
		return enc.Encode(struct {
			Version  int       `json:"version"`
			Findings []Finding `json:"findings"`
			Summary  Summary   `json:"summary"`
			Error    string    `json:"error"`
		}{1, []Finding{}, Summary{}, msg})
	case SARIF:
		parts := tool.Parts
		if parts == nil {
			parts = []string{""}
		}
		var runs []sarifRun
		for _, part := range parts {
			run := sarifRunOf(tool, nil)
			if part != "" {
				run.AutomationDetails = &sarifAutomation{ID: tool.Name + "/" + part + "/"}
			}
			run.Invocations = []sarifInvocation{{
				ExecutionSuccessful: false,
				Notifications:       []sarifNotification{{Level: "error", Message: sarifText{Text: msg}}},
			}}
			runs = append(runs, run)
		}
		enc := newEncoder(w)
		return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: runs})
	case GitHub:
		_, err := fmt.Fprintf(w, "::error title=%s::%s\n", escapeProperty(tool.Name), escapeData(msg))
		return err
	case Markdown:
		_, err := fmt.Fprintf(w, "### %s: the run failed\n\n%s\n", tool.Name, escapeCell(msg))
		return err
	case GitLab:
		// One blocker: an empty report would read as "no issues".
		return newEncoder(w).Encode([]gitlabIssue{{
			Description: tool.Name + " could not run: " + msg, CheckName: tool.Name, Severity: "blocker",
			Fingerprint: gm.ShortDigest("failure", msg), Location: gitlabLocation{Path: "go.mod", Lines: gitlabLines{1}},
		}})
	case JUnit:
		return writeJUnitFailure(w, tool, msg)
	}
	return nil
}
