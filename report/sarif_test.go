package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// The SARIF this test reads back: enough to check what xcguard promises.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string      `json:"name"`
				Version        string      `json:"version"`
				InformationURI string      `json:"informationUri"`
				Rules          []sarifRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results    []sarifResult `json:"results"`
		ColumnKind string        `json:"columnKind"`
	} `json:"runs"`
}

type sarifRule struct {
	ID               string    `json:"id"`
	ShortDescription sarifText `json:"shortDescription"`
	FullDescription  sarifText `json:"fullDescription"`
	Help             sarifText `json:"help"`
	HelpURI          string    `json:"helpUri"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifResult struct {
	RuleID           string             `json:"ruleId"`
	RuleIndex        *int               `json:"ruleIndex"`
	Level            string             `json:"level"`
	Message          sarifText          `json:"message"`
	Locations        []sarifLocation    `json:"locations"`
	RelatedLocations []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions     []sarifSuppression `json:"suppressions,omitempty"`
	BaselineState    string             `json:"baselineState"`
	PartialFP        map[string]string  `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               *int `json:"id,omitempty"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId,omitempty"`
		} `json:"artifactLocation"`
		Region *sarifRegion `json:"region,omitempty"`
	} `json:"physicalLocation"`
	Message *sarifText `json:"message,omitempty"`
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

// loc is what a test expects of one location, flattened.
type loc struct {
	ID                     int
	URI, URIBaseID         string
	StartLine, StartColumn int
	EndLine, EndColumn     int
	Message                string
}

func flatten(l sarifLocation) loc {
	out := loc{
		URI:       l.PhysicalLocation.ArtifactLocation.URI,
		URIBaseID: l.PhysicalLocation.ArtifactLocation.URIBaseID,
	}
	if l.ID != nil {
		out.ID = *l.ID
	}
	if r := l.PhysicalLocation.Region; r != nil {
		out.StartLine, out.StartColumn, out.EndLine, out.EndColumn = r.StartLine, r.StartColumn, r.EndLine, r.EndColumn
	}
	if l.Message != nil {
		out.Message = l.Message.Text
	}
	return out
}

// result is what a test expects of one result, flattened.
type result struct {
	RuleID, Level, Message string
	Location               loc
	Related                []loc
	Suppressions           []sarifSuppression
}

var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	name, err := filepath.Abs(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The library accepts whatever net/url parses, spaces and non-ASCII
	// included; SARIF (§3.10) wants RFC 3986 URIs.
	c.RegisterFormat(&jsonschema.Format{Name: "uri-reference", Validate: rfc3986Reference})
	c.RegisterFormat(&jsonschema.Format{Name: "uri", Validate: rfc3986URI})
	if err := c.AddResource(name, doc); err != nil {
		return nil, err
	}
	return c.Compile(name)
})

// rfc3986Reference accepts the strings made of RFC 3986 characters (unreserved,
// reserved and well-formed percent-encodings) that net/url can parse.
func rfc3986Reference(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	const allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;="
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return fmt.Errorf("malformed percent-encoding at offset %d", i)
			}
		case !strings.ContainsRune(allowed, rune(c)):
			return fmt.Errorf("byte %#02x at offset %d must be percent-encoded", c, i)
		}
	}
	_, err := url.Parse(s)
	return err
}

func rfc3986URI(v any) error {
	if err := rfc3986Reference(v); err != nil {
		return err
	}
	if s, ok := v.(string); ok {
		if u, _ := url.Parse(s); !u.IsAbs() {
			return fmt.Errorf("%q is not an absolute URI", s)
		}
	}
	return nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// validSARIF fails the test unless out is valid SARIF 2.1.0.
func validSARIF(t *testing.T, out string) {
	t.Helper()
	schema, err := sarifSchema()
	if err != nil {
		t.Fatalf("loading the SARIF schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("output is not valid SARIF 2.1.0: %v\n%s", err, out)
	}
}

// renderSARIF renders fs, validates the output against the SARIF 2.1.0
// schema and decodes it.
func renderSARIF(t *testing.T, fs []report.Finding) sarifLog {
	t.Helper()
	out := render(t, report.SARIF, fs)
	validSARIF(t, out)
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(log.Runs))
	}
	return log
}

// TestSARIFSchemaRejects makes sure the validation can fail: a renderer
// test that validates nothing would pass on anything.
func TestSARIFSchemaRejects(t *testing.T) {
	schema, err := sarifSchema()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  string
	}{
		{name: "wrong version", doc: `{"version":"2.0.0","runs":[]}`},
		{name: "result without message", doc: `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"XC101"}]}]}`},
		{name: "bad level", doc: `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"XC101","level":"fatal","message":{"text":"m"}}]}]}`},
		{name: "suppression kind", doc: `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"suppressions":[{"kind":"inline"}]}]}]}`},
		{name: "space in artifact URI", doc: `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a b.go"}}}]}]}]}`},
		{name: "non-ASCII artifact URI", doc: `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"服务.go"}}}]}]}]}`},
		{name: "relative helpUri", doc: `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"id":"XC101","helpUri":"docs/XC101.md"}]}}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err == nil {
				t.Errorf("schema accepted %s", tt.doc)
			}
		})
	}
}

func TestSARIFResults(t *testing.T) {
	tests := []struct {
		name string
		in   []report.Finding
		want []result
	}{
		{
			name: "empty",
			in:   nil,
			want: nil,
		},
		{
			name: "errors and warnings",
			in: []report.Finding{
				{Rule: "XC202", Severity: policy.Warning, File: "cmd/app/main.go", Line: 22, Column: 3, Message: "profiling on"},
				{Rule: "XC101", Severity: policy.Error, File: "internal/digest/digest.go", Line: 5, Column: 2, EndLine: 5, EndColumn: 14, Message: "import of crypto/md5", Hint: "use github.com/tjfoc/gmsm/sm3"},
				{Rule: "XC504", Severity: policy.Error, File: "dist/app", Message: "binary too large"},
			},
			want: []result{
				{RuleID: "XC202", Level: "warning", Message: "profiling on", Location: loc{URI: "cmd/app/main.go", URIBaseID: "%SRCROOT%", StartLine: 22, StartColumn: 3}},
				{RuleID: "XC504", Level: "error", Message: "binary too large", Location: loc{URI: "dist/app", URIBaseID: "%SRCROOT%"}},
				{
					RuleID: "XC101", Level: "error", Message: "import of crypto/md5 (use github.com/tjfoc/gmsm/sm3)",
					Location: loc{URI: "internal/digest/digest.go", URIBaseID: "%SRCROOT%", StartLine: 5, StartColumn: 2, EndLine: 5, EndColumn: 14},
				},
			},
		},
		{
			name: "suppressed with justification",
			in: []report.Finding{
				{Rule: "XC201", Severity: policy.Error, File: "debug.go", Line: 4, Column: 2, Message: "import of net/http/pprof", Suppressed: true, Justification: "served on localhost only"},
				{Rule: "XC202", Severity: policy.Warning, File: "debug.go", Line: 9, Column: 2, Message: "profiling on", Suppressed: true},
			},
			want: []result{
				{
					RuleID: "XC201", Level: "error", Message: "import of net/http/pprof",
					Location:     loc{URI: "debug.go", URIBaseID: "%SRCROOT%", StartLine: 4, StartColumn: 2},
					Suppressions: []sarifSuppression{{Kind: "inSource", Justification: "served on localhost only"}},
				},
				{
					RuleID: "XC202", Level: "warning", Message: "profiling on",
					Location:     loc{URI: "debug.go", URIBaseID: "%SRCROOT%", StartLine: 9, StartColumn: 2},
					Suppressions: []sarifSuppression{{Kind: "inSource"}},
				},
			},
		},
		{
			name: "related locations",
			in: []report.Finding{
				{
					Rule: "XC401", Severity: policy.Error, File: "go.mod", Line: 7, Message: "denied module golang.org/x/crypto",
					Related: []report.Location{
						{File: "go.mod", Line: 9, Column: 2, Message: "example.com/a requires it"},
						{File: "vendor/modules.txt", Message: "example.com/b v1.2.0"},
					},
				},
			},
			want: []result{
				{
					RuleID: "XC401", Level: "error", Message: "denied module golang.org/x/crypto",
					Location: loc{URI: "go.mod", URIBaseID: "%SRCROOT%", StartLine: 7},
					Related: []loc{
						{ID: 1, URI: "go.mod", URIBaseID: "%SRCROOT%", StartLine: 9, StartColumn: 2, Message: "example.com/a requires it"},
						{ID: 2, URI: "vendor/modules.txt", URIBaseID: "%SRCROOT%", Message: "example.com/b v1.2.0"},
					},
				},
			},
		},
		{
			name: "absolute path outside the module",
			in: []report.Finding{
				{Rule: "XC102", Severity: policy.Error, File: "/home/ci/go/pkg/mod/example.com/x@v1.0.0/tls.go", Line: 3, Column: 8, Message: "import of crypto/tls"},
				{Rule: "XC501", Severity: policy.Error, File: "C:/build/dist/app.exe", Message: "wrong architecture"},
			},
			want: []result{
				{RuleID: "XC102", Level: "error", Message: "import of crypto/tls", Location: loc{URI: "file:///home/ci/go/pkg/mod/example.com/x@v1.0.0/tls.go", StartLine: 3, StartColumn: 8}},
				{RuleID: "XC501", Level: "error", Message: "wrong architecture", Location: loc{URI: "file:///C:/build/dist/app.exe"}},
			},
		},
		{
			name: "non-ASCII file name and message",
			in: []report.Finding{
				{Rule: "XC103", Severity: policy.Error, File: "服务/网关 main.go", Line: 12, Column: 9, Message: "MinVersion 1.2 低于策略要求的 1.3", Hint: "use tls.VersionTLS13"},
				{Rule: "XC504", Severity: policy.Warning, File: "/srv/产品/dist/app", Message: "超出体积预算"},
			},
			want: []result{
				{
					RuleID: "XC504", Level: "warning", Message: "超出体积预算",
					Location: loc{URI: "file:///srv/%E4%BA%A7%E5%93%81/dist/app"},
				},
				{
					RuleID: "XC103", Level: "error", Message: "MinVersion 1.2 低于策略要求的 1.3 (use tls.VersionTLS13)",
					Location: loc{URI: "%E6%9C%8D%E5%8A%A1/%E7%BD%91%E5%85%B3%20main.go", URIBaseID: "%SRCROOT%", StartLine: 12, StartColumn: 9},
				},
			},
		},
		{
			name: "characters with a meaning in URIs",
			in: []report.Finding{
				{Rule: "XC101", Severity: policy.Error, File: "100%/a#b?c.go", Line: 1, Column: 1, Message: "m"},
				{Rule: "XC101", Severity: policy.Error, File: "a:b/c.go", Line: 1, Column: 1, Message: "m"},
			},
			want: []result{
				{RuleID: "XC101", Level: "error", Message: "m", Location: loc{URI: "100%25/a%23b%3Fc.go", URIBaseID: "%SRCROOT%", StartLine: 1, StartColumn: 1}},
				{RuleID: "XC101", Level: "error", Message: "m", Location: loc{URI: "./a:b/c.go", URIBaseID: "%SRCROOT%", StartLine: 1, StartColumn: 1}},
			},
		},
		{
			name: "severity off is a note",
			in:   []report.Finding{{Rule: "XC102", Severity: policy.Off, File: "a.go", Line: 1, Message: "m"}},
			want: []result{{RuleID: "XC102", Level: "note", Message: "m", Location: loc{URI: "a.go", URIBaseID: "%SRCROOT%", StartLine: 1}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := renderSARIF(t, tt.in)
			run := log.Runs[0]
			var got []result
			for _, r := range run.Results {
				if r.RuleIndex == nil {
					t.Errorf("%s: no ruleIndex", r.RuleID)
				} else if i := *r.RuleIndex; i < 0 || i >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[i].ID != r.RuleID {
					t.Errorf("%s: ruleIndex %d does not point at its rule", r.RuleID, i)
				}
				if len(r.Locations) != 1 {
					t.Fatalf("%s: %d locations, want 1", r.RuleID, len(r.Locations))
				}
				g := result{RuleID: r.RuleID, Level: r.Level, Message: r.Message.Text, Location: flatten(r.Locations[0]), Suppressions: r.Suppressions}
				for _, l := range r.RelatedLocations {
					g.Related = append(g.Related, flatten(l))
				}
				got = append(got, g)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("results mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSARIFColumnsInCodePoints: go/token counts columns in bytes, the run
// declares unicodeCodePoints. On a line with Chinese text before the
// finding the two differ (each of these characters is three bytes).
func TestSARIFColumnsInCodePoints(t *testing.T) {
	const line = "\tlog := \"国密改造\"; h := md5.New()"
	byteCol := strings.Index(line, "md5") + 1
	endByte := strings.Index(line, "()") + 3
	if byteCol != 30 || endByte != 39 {
		t.Fatalf("test line miscounted: md5 at byte column %d, end %d", byteCol, endByte)
	}
	lines := func(file string, n int) (string, bool) { return line, file == "a.go" && n == 3 }
	f := report.Finding{Rule: "XC101", Severity: policy.Error, File: "a.go", Line: 3, Column: byteCol, EndLine: 3, EndColumn: endByte, Message: "m"}
	tests := []struct {
		name             string
		lines            func(string, int) (string, bool)
		startCol, endCol int
	}{
		// 8 characters, a quote, 4 Chinese characters: 12 bytes, 4 code
		// points; md5 starts at code point 22, the call ends before 31.
		{"with the source", lines, 22, 31},
		// Without the text, a byte column would be a wrong column: none.
		{"without the source", nil, 0, 0},
		{"line not found", func(string, int) (string, bool) { return "", false }, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := tool
			tl.Lines = tt.lines
			var buf bytes.Buffer
			if err := report.Write(&buf, report.SARIF, tl, []report.Finding{f}); err != nil {
				t.Fatal(err)
			}
			validSARIF(t, buf.String())
			var log sarifLog
			if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			got := flatten(log.Runs[0].Results[0].Locations[0])
			if log.Runs[0].ColumnKind != "unicodeCodePoints" || got.StartLine != 3 || got.StartColumn != tt.startCol || got.EndColumn != tt.endCol {
				t.Errorf("columnKind %s, region %d:%d-%d, want unicodeCodePoints 3:%d-%d", log.Runs[0].ColumnKind, got.StartLine, got.StartColumn, got.EndColumn, tt.startCol, tt.endCol)
			}
		})
	}
}

// TestSARIFBaseline: every result carries its fingerprint; a run with a
// baseline says which results are new.
func TestSARIFBaseline(t *testing.T) {
	fs := []report.Finding{
		{Rule: "XC101", Severity: policy.Error, File: "a.go", Line: 3, Message: "old", Fingerprint: "0123456789abcdef0123456789abcdef:1", Baseline: true},
		{Rule: "XC101", Severity: policy.Error, File: "a.go", Line: 9, Message: "new", Fingerprint: "fedcba9876543210fedcba9876543210:1"},
	}
	for _, withBaseline := range []bool{false, true} {
		tl := tool
		tl.Baseline = withBaseline
		var buf bytes.Buffer
		if err := report.Write(&buf, report.SARIF, tl, slices.Clone(fs)); err != nil {
			t.Fatal(err)
		}
		validSARIF(t, buf.String())
		var log sarifLog
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range log.Runs[0].Results {
			got = append(got, r.Message.Text+" "+r.BaselineState+" "+r.PartialFP["xcguard/v1"])
		}
		want := []string{"old  0123456789abcdef0123456789abcdef:1", "new  fedcba9876543210fedcba9876543210:1"}
		if withBaseline {
			want = []string{"old unchanged 0123456789abcdef0123456789abcdef:1", "new new fedcba9876543210fedcba9876543210:1"}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("baseline %v: results (-want +got):\n%s", withBaseline, diff)
		}
	}
}

// TestSARIFArtifactURI checks that every location's URI, decoded, gives
// back the path of the finding.
func TestSARIFArtifactURI(t *testing.T) {
	for _, f := range mixed {
		t.Run(f.File, func(t *testing.T) {
			log := renderSARIF(t, []report.Finding{f})
			al := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
			u, err := url.Parse(al.URI)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case strings.HasPrefix(f.File, "/"):
				if u.Scheme != "file" || al.URIBaseID != "" {
					t.Errorf("absolute path %q: uri %q, uriBaseId %q; want a file URI, no base", f.File, al.URI, al.URIBaseID)
				}
			case u.Scheme != "" || al.URIBaseID != "%SRCROOT%":
				t.Errorf("relative path %q: uri %q, uriBaseId %q; want a relative reference against %%SRCROOT%%", f.File, al.URI, al.URIBaseID)
			}
			if u.Path != f.File {
				t.Errorf("uri %q decodes to %q, want %q", al.URI, u.Path, f.File)
			}
		})
	}
}

func TestSARIFUndocumentedRule(t *testing.T) {
	log := renderSARIF(t, []report.Finding{{Rule: "XC999", Severity: policy.Error, File: "a.go", Line: 1, Message: "m"}})
	r := log.Runs[0].Results[0]
	if r.RuleID != "XC999" {
		t.Errorf("ruleId = %q, want XC999", r.RuleID)
	}
	if r.RuleIndex != nil {
		t.Errorf("ruleIndex = %d for a rule missing from tool.driver.rules; want none", *r.RuleIndex)
	}
}

func TestSARIFRules(t *testing.T) {
	log := renderSARIF(t, mixed)
	if log.Version != "2.1.0" {
		t.Errorf("version = %q, want 2.1.0", log.Version)
	}
	if log.Schema == "" {
		t.Error("no $schema")
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if diff := cmp.Diff([3]string{tool.Name, tool.Version, tool.URI}, [3]string{d.Name, d.Version, d.InformationURI}); diff != "" {
		t.Errorf("driver name, version, informationUri (-want +got):\n%s", diff)
	}
	if run.ColumnKind == "" {
		t.Error("no columnKind")
	}

	var want []sarifRule
	for _, r := range docs.Rules() {
		want = append(want, sarifRule{
			ID:               r.ID,
			ShortDescription: sarifText{Text: r.Title},
			FullDescription:  sarifText{Text: r.Summary},
			Help:             sarifText{Text: r.Summary + " See " + r.HelpURI(), Markdown: r.Markdown},
			HelpURI:          r.HelpURI(),
		})
	}
	if len(want) == 0 {
		t.Fatal("docs.Rules() is empty")
	}
	if diff := cmp.Diff(want, d.Rules); diff != "" {
		t.Errorf("tool.driver.rules (-want +got):\n%s", diff)
	}
	for _, r := range d.Rules {
		if !strings.HasPrefix(r.HelpURI, docs.URLBase) || !strings.HasSuffix(r.HelpURI, "/"+r.ID+".md") {
			t.Errorf("%s: helpUri %q is not its page", r.ID, r.HelpURI)
		}
		if r.Help.Markdown == "" || !strings.HasPrefix(r.Help.Markdown, "# "+r.ID+": ") {
			t.Errorf("%s: help.markdown is not the rule page: %.40q", r.ID, r.Help.Markdown)
		}
	}
}

// With the parts that ran named, SARIF has one run per part, each with its
// category, the findings sorted into them, and a run for a part that found
// nothing (so code scanning closes its fixed alerts).
func TestSARIFRunPerPart(t *testing.T) {
	fs := []report.Finding{
		{Rule: "XC101", Severity: policy.Error, File: "sign.go", Line: 4, Column: 2, Message: "import of crypto/md5"},
		{Rule: "XC002", Severity: policy.Warning, File: "go.mod", Line: 7, Column: 30, Message: "unused directive"},
		{Rule: "XC402", Severity: policy.Error, File: "go.mod", Line: 6, Column: 2, Message: "not approved"},
		{Rule: "XC002", Severity: policy.Warning, File: "main.go", Line: 3, Column: 1, Message: "unused directive"},
	}
	parts := tool
	parts.Parts = []string{"audit", "vet", "build"}
	var b strings.Builder
	if err := report.Write(&b, report.SARIF, parts, fs); err != nil {
		t.Fatal(err)
	}
	schema, err := sarifSchema()
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
	var log struct {
		Runs []struct {
			AutomationDetails struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(b.String()), &log); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range log.Runs {
		s := r.AutomationDetails.ID + ":"
		for _, res := range r.Results {
			s += " " + res.RuleID
		}
		got = append(got, s)
	}
	want := []string{"xcguard/audit/: XC402 XC002", "xcguard/vet/: XC002 XC101", "xcguard/build/:"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}
