package report

import (
	"fmt"
	"io"

	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/policy"
)

// A gitlabIssue is one entry of a GitLab Code Quality report
// (artifacts:reports:codequality), in the subset GitLab reads.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// writeGitLab writes a GitLab Code Quality report: a JSON array with one
// issue per finding that counts (suppressed and baselined ones are left
// out, as in the text). GitLab tells new issues in a merge request from
// old ones by fingerprint, so each is the finding's own, which survives
// line shifts. A finding without a line (a binary) is at line 1.
func writeGitLab(w io.Writer, tool Tool, fs []Finding) error {
	issues := []gitlabIssue{}
	for _, n := range tool.Notes {
		issues = append(issues, gitlabIssue{
			Description: "not fully checked: " + n, CheckName: tool.Name, Severity: "info",
			Fingerprint: gm.ShortDigest("note", n), Location: gitlabLocation{Path: "go.mod", Lines: gitlabLines{1}},
		})
	}
	for _, f := range fs {
		if f.Hidden() {
			continue
		}
		msg := f.Rule + ": " + f.Message
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		fp := f.Fingerprint // the same as in JSON, SARIF and the baseline
		if fp == "" {
			fp = gm.ShortDigest(f.Rule, f.File, fmt.Sprint(f.Line, ":", f.Column), f.Message)
		}
		issues = append(issues, gitlabIssue{
			Description: msg,
			CheckName:   f.Rule,
			Fingerprint: fp,
			Severity:    gitlabSeverity(f.Severity),
			Location:    gitlabLocation{Path: f.File, Lines: gitlabLines{max(f.Line, 1)}},
		})
	}
	return newEncoder(w).Encode(issues)
}

// gitlabSeverity: an error fails the gate, so it is critical; a warning
// is minor.
func gitlabSeverity(s policy.Severity) string {
	switch s {
	case policy.Error:
		return "critical"
	case policy.Warning:
		return "minor"
	}
	return "info"
}
