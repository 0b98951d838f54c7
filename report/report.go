// Package report holds xcguard's one Finding type and renders a list of them
// as text, JSON, SARIF or GitHub workflow commands. JSON is the canonical
// form; every renderer is deterministic: same findings, same bytes.
package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/policy"
)

// A Finding is one rule broken at one place.
type Finding struct {
	Rule      string          `json:"rule"`
	Severity  policy.Severity `json:"severity"`
	Message   string          `json:"message"`
	File      string          `json:"file"` // relative to the module root, slash-separated
	Line      int             `json:"line,omitempty"`
	Column    int             `json:"column,omitempty"`
	EndLine   int             `json:"end_line,omitempty"`
	EndColumn int             `json:"end_column,omitempty"`
	// Hint says what to do instead, e.g. "use github.com/tjfoc/gmsm/sm3".
	Hint          string     `json:"hint,omitempty"`
	Suppressed    bool       `json:"suppressed,omitempty"`
	Justification string     `json:"justification,omitempty"`
	Related       []Location `json:"related,omitempty"`
	Fix           *Fix       `json:"fix,omitempty"`
	// Fingerprint identifies the finding across runs and edits: its rule,
	// file, enclosing declaration and normalised source line, not its
	// line number (see internal/baseline). Empty when not computed.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Baseline marks a finding a -baseline file records: reported, never
	// counted against the gate.
	Baseline bool `json:"baseline,omitempty"`
}

// Hidden reports whether a finding is kept out of the gate and the
// human-facing formats: suppressed in source or recorded in the baseline.
func (f Finding) Hidden() bool { return f.Suppressed || f.Baseline }

// A Location is a place related to a finding (an import chain step, the
// go.mod line that pulls a module in).
type Location struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message,omitempty"`
}

// A Fix is a mechanical, complete edit that resolves a finding.
type Fix struct {
	Description string `json:"description"`
	Edits       []Edit `json:"edits"`
}

// An Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File  string `json:"file"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// HintPrefix separates a diagnostic message from its hint: analyzers end a
// message with "; use X" when there is a replacement.
const HintPrefix = "; use "

// SplitMessage turns an analyzer message "XC101: text; use X" into the rule's
// message "text" and hint "use X".
func SplitMessage(rule, msg string) (text, hint string) {
	msg = strings.TrimPrefix(msg, rule+": ")
	if i := strings.LastIndex(msg, HintPrefix); i >= 0 {
		return msg[:i], msg[i+2:]
	}
	return msg, ""
}

// Summary counts findings by outcome.
type Summary struct {
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Suppressed int `json:"suppressed"`
	// Baselined counts the findings a -baseline file hides.
	Baselined int `json:"baselined,omitempty"`
}

// Summarize counts the findings. Suppressed and baselined findings count
// only as such.
func Summarize(fs []Finding) Summary {
	var s Summary
	for _, f := range fs {
		switch {
		case f.Suppressed:
			s.Suppressed++
		case f.Baseline:
			s.Baselined++
		case f.Severity == policy.Error:
			s.Errors++
		case f.Severity == policy.Warning:
			s.Warnings++
		}
	}
	return s
}

// Sort puts findings in the stable order of every renderer: file, line,
// column, rule, message. Findings equal on those keys are ordered by their
// remaining fields, so that the order never depends on the input order.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		); c != 0 {
			return c
		}
		return cmp.Compare(tieKey(a), tieKey(b))
	})
}

// tieKey is a finding's canonical JSON form, the last sort key. It is only
// compared when the primary keys tie.
func tieKey(f Finding) string {
	b, _ := json.Marshal(f) // a Finding always marshals
	return string(b)
}

// Format is an output format.
type Format string

const (
	Text   Format = "text"
	JSON   Format = "json"
	SARIF  Format = "sarif"
	GitHub Format = "github"
	// Markdown is a job summary: totals, counts per rule, the findings.
	Markdown Format = "markdown"
	// GitLab is a GitLab Code Quality report (artifacts:reports:codequality).
	GitLab Format = "gitlab"
	// JUnit is JUnit XML, for Jenkins' junit step and Gitee test reports.
	JUnit Format = "junit"
)

// Formats lists every format.
var Formats = []Format{Text, JSON, SARIF, GitHub, Markdown, GitLab, JUnit}

func (f Format) String() string { return string(f) }

// Set makes Format a flag.Value with a closed set of values.
func (f *Format) Set(s string) error {
	if !slices.Contains(Formats, Format(s)) {
		return fmt.Errorf("unknown format %q: use text, json, sarif, github, markdown, gitlab or junit", s)
	}
	*f = Format(s)
	return nil
}

// Tool describes the producer, for SARIF.
type Tool struct {
	Name    string
	Version string
	URI     string
	// Parts are the parts of xcguard that ran (vet, audit, build): SARIF
	// then has one run per part, each with its category, so that code
	// scanning closes a part's fixed alerts even when it found nothing.
	// Nil: one run with every finding.
	Parts []string
	// Notes say what the run could not fully check (an audit that fell
	// back to go.mod alone, offline): a consumer of the report must see
	// them beside the findings, not only in the log.
	Notes []string
	// Baseline says the run compared its findings with a baseline file:
	// SARIF then gives every result its baselineState.
	Baseline bool
	// Lines gives the text of a source line (1-based), for what counts
	// columns in characters (SARIF); nil or false when it is not at hand,
	// and the columns are then left out rather than given in bytes.
	Lines func(file string, line int) (string, bool)
}

// Part is the part of xcguard a finding comes from: build for binaries
// (XC5xx), audit for go.mod (XC4xx, and every finding there: directives,
// GODEBUG defaults), vet otherwise.
func Part(f Finding) string {
	switch {
	case strings.HasPrefix(f.Rule, "XC5"):
		return "build"
	case strings.HasPrefix(f.Rule, "XC4"), path.Base(f.File) == "go.mod":
		return "audit"
	}
	return "vet"
}

// Write renders the findings (which it sorts) in the given format.
func Write(w io.Writer, format Format, tool Tool, fs []Finding) error {
	Sort(fs)
	switch format {
	case JSON:
		return writeJSON(w, fs, tool.Notes, tool.Parts)
	case SARIF:
		return writeSARIF(w, tool, fs)
	case GitLab:
		return writeGitLab(w, tool, fs)
	case JUnit:
		return writeJUnit(w, tool, fs)
	case GitHub:
		for _, n := range tool.Notes {
			fmt.Fprintf(w, "::warning title=%s::%s\n", escapeProperty(tool.Name), escapeData(n))
		}
		return writeGitHub(w, fs)
	case Markdown:
		if err := writeMarkdown(w, fs); err != nil {
			return err
		}
		for _, n := range tool.Notes {
			fmt.Fprintf(w, "\n> **Not fully checked:** %s\n", escapeCell(n))
		}
		return nil
	}
	return writeText(w, fs)
}
