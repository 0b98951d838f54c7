package report

import (
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/policy"
)

// The SARIF 2.1.0 subset xcguard writes.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                 `json:"tool"`
	AutomationDetails  *sarifAutomation          `json:"automationDetails,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifact  `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult             `json:"results"`
	ColumnKind         string                    `json:"columnKind"`
	Invocations        []sarifInvocation         `json:"invocations,omitempty"`
	Properties         map[string]map[string]int `json:"properties,omitempty"`
}

// sarifInvocation is how a run went; xcguard writes one for a run that
// failed or could not check everything.
type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

// sarifAutomation names a run's category: code scanning keeps the alerts
// of each category apart ("xcguard/vet/").
type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	ShortDescription sarifText    `json:"shortDescription"`
	FullDescription  sarifText    `json:"fullDescription"`
	Help             sarifText    `json:"help"`
	HelpURI          string       `json:"helpUri"`
	Properties       sarifRuleTag `json:"properties"`
}

type sarifRuleTag struct {
	Tags []string `json:"tags"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifResult struct {
	RuleID           string             `json:"ruleId"`
	RuleIndex        *int               `json:"ruleIndex,omitempty"` // nil for an undocumented rule
	Level            string             `json:"level"`
	Message          sarifText          `json:"message"`
	Locations        []sarifLocation    `json:"locations"`
	RelatedLocations []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions     []sarifSuppression `json:"suppressions,omitempty"`
	BaselineState    string             `json:"baselineState,omitempty"`
	// PartialFingerprints carries the finding's fingerprint, which code
	// scanning and SARIF viewers use to follow a result across edits.
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// writeSARIF writes SARIF 2.1.0: one run per part of tool.Parts (each with
// its automationDetails category), or one run. Every documented rule is
// listed in tool.driver.rules with its page as help; paths are relative to
// %SRCROOT%, the module root.
func writeSARIF(w io.Writer, tool Tool, fs []Finding) error {
	var runs []sarifRun
	for _, part := range tool.Parts {
		var mine []Finding
		for _, f := range fs {
			if Part(f) == part {
				mine = append(mine, f)
			}
		}
		run := sarifRunOf(tool, mine)
		run.AutomationDetails = &sarifAutomation{ID: tool.Name + "/" + part + "/"}
		runs = append(runs, run)
	}
	if tool.Parts == nil {
		runs = []sarifRun{sarifRunOf(tool, fs)}
	}
	if len(tool.Notes) > 0 {
		inv := sarifInvocation{ExecutionSuccessful: true}
		for _, n := range tool.Notes {
			inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifText{Text: n}})
		}
		for i := range runs {
			runs[i].Invocations = []sarifInvocation{inv}
		}
	}
	enc := newEncoder(w)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: runs})
}

// sarifRunOf is one run: the tool with every rule, and the results.
func sarifRunOf(tool Tool, fs []Finding) sarifRun {
	rules := docs.Rules()
	index := map[string]int{}
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.URI}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	for i, r := range rules {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:               r.ID,
			Name:             ruleName(r.Title),
			ShortDescription: sarifText{Text: r.Title},
			FullDescription:  sarifText{Text: r.Summary},
			Help:             sarifText{Text: r.Summary + " See " + r.HelpURI(), Markdown: r.Markdown},
			HelpURI:          r.HelpURI(),
			Properties:       sarifRuleTag{Tags: []string{"security", "xinchuang"}},
		})
	}
	for _, f := range fs {
		msg := f.Message
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		res := sarifResult{
			RuleID:    f.Rule,
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: msg},
			Locations: []sarifLocation{location(tool.Lines, f.File, f.Line, f.Column, f.EndLine, f.EndColumn, "")},
		}
		if f.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{fingerprintKey: f.Fingerprint}
		}
		if tool.Baseline {
			res.BaselineState = "new"
			if f.Baseline {
				res.BaselineState = "unchanged"
			}
		}
		if i, ok := index[f.Rule]; ok {
			res.RuleIndex = &i
		}
		for i, r := range f.Related {
			loc := location(tool.Lines, r.File, r.Line, r.Column, 0, 0, r.Message)
			id := i + 1
			loc.ID = &id
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		if f.Suppressed {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.Justification}}
		}
		run.Results = append(run.Results, res)
	}
	return run
}

// fingerprintKey names xcguard's fingerprint among a result's
// partialFingerprints; the version changes if the fingerprint's recipe does.
const fingerprintKey = "xcguard/v1"

// location is a SARIF location. Columns are counted in Unicode code points,
// as the run's columnKind says: go/token's byte columns are converted with
// the text of their line, and left out when it is not at hand.
func location(lines func(string, int) (string, bool), file string, line, col, endLine, endCol int, msg string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(file)}}
	if line > 0 {
		r := &sarifRegion{StartLine: line, EndLine: endLine}
		r.StartColumn = codePoints(lines, file, line, col)
		if endLine > 0 {
			r.EndColumn = codePoints(lines, file, endLine, endCol)
		}
		if r.StartColumn == 0 {
			r.EndColumn = 0
		}
		loc.PhysicalLocation.Region = r
	}
	if msg != "" {
		loc.Message = &sarifText{Text: msg}
	}
	return loc
}

// codePoints turns a 1-based byte column on a line into a 1-based column
// in code points; 0 when there is no column or no text to count in.
func codePoints(lines func(string, int) (string, bool), file string, line, col int) int {
	if col <= 0 || lines == nil {
		return 0
	}
	text, ok := lines(file, line)
	if !ok {
		return 0
	}
	if col-1 > len(text) {
		// Past the end of the line (an end column after its last byte).
		return utf8.RuneCountInString(text) + col - len(text)
	}
	return utf8.RuneCountInString(text[:col-1]) + 1
}

// artifact turns a slash-separated path into an RFC 3986 URI reference, as
// artifactLocation.uri requires: a path relative to the module root stays
// relative to %SRCROOT%, an absolute path (/x or C:/x) becomes a file URI,
// and spaces, '%', '#', '?' and non-ASCII bytes are percent-encoded.
func artifact(file string) sarifArtifact {
	if len(file) >= 3 && file[1] == ':' && file[2] == '/' && ('A' <= file[0] && file[0] <= 'Z' || 'a' <= file[0] && file[0] <= 'z') {
		file = "/" + file // a Windows drive path: file:///C:/x
	}
	if strings.HasPrefix(file, "/") {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: file}).String()}
	}
	// url.URL.String writes "./" before a first segment with a colon, so
	// that it is not read as a scheme.
	return sarifArtifact{URI: (&url.URL{Path: file}).String(), URIBaseID: "%SRCROOT%"}
}

func sarifLevel(s policy.Severity) string {
	switch s {
	case policy.Error:
		return "error"
	case policy.Warning:
		return "warning"
	}
	return "note"
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9]+`)

// ruleName turns a title into the PascalCase name SARIF viewers show.
func ruleName(title string) string {
	var b strings.Builder
	for _, w := range nonWord.Split(title, -1) {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}
