package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

var ciFindings = []report.Finding{
	{Rule: "XC101", Severity: policy.Error, File: "internal/digest/digest.go", Line: 5, Column: 2, Message: "import of crypto/md5", Hint: "use github.com/tjfoc/gmsm/sm3", Fingerprint: "0123456789abcdef0123456789abcdef:1"},
	{Rule: "XC101", Severity: policy.Error, File: "internal/digest/legacy.go", Line: 3, Column: 8, Message: "import of crypto/sha1", Fingerprint: "fedcba9876543210fedcba9876543210:1"},
	{Rule: "XC202", Severity: policy.Warning, File: "main.go", Line: 22, Column: 3, Message: "profiling on"},
	{Rule: "XC104", Severity: policy.Error, File: "main.go", Line: 30, Message: "skip verify", Suppressed: true},
	{Rule: "XC103", Severity: policy.Error, File: "main.go", Line: 31, Message: "TLS 1.0", Baseline: true},
	{Rule: "XC401", Severity: policy.Error, File: "go.mod", Line: 7, Message: "denied module"},
	{Rule: "XC504", Severity: policy.Error, File: "dist/app", Message: "binary too large"},
}

// GitLab Code Quality: the fields GitLab requires on every issue, one per
// finding that counts, each with the finding's own fingerprint (or, for a
// finding that has none, one made from its place), severities GitLab knows.
func TestGitLab(t *testing.T) {
	out := render(t, report.GitLab, ciFindings)
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin *int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&issues); err != nil {
		t.Fatalf("not a Code Quality report: %v\n%s", err, out)
	}
	var got []string
	seen := map[string]bool{}
	for _, is := range issues {
		if is.Description == "" || is.CheckName == "" || is.Fingerprint == "" || is.Location.Path == "" || is.Location.Lines.Begin == nil {
			t.Errorf("issue lacks a required field: %+v", is)
			continue
		}
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s twice", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
		if strings.Contains(is.Description, "crypto/md5") && is.Fingerprint != "0123456789abcdef0123456789abcdef:1" {
			t.Errorf("fingerprint %s, want the finding's own", is.Fingerprint)
		}
		got = append(got, strings.Join([]string{is.CheckName, is.Severity, is.Location.Path, strconv.Itoa(*is.Location.Lines.Begin), is.Description}, " "))
	}
	want := []string{
		"XC504 critical dist/app 1 XC504: binary too large",
		"XC401 critical go.mod 7 XC401: denied module",
		"XC101 critical internal/digest/digest.go 5 XC101: import of crypto/md5 (use github.com/tjfoc/gmsm/sm3)",
		"XC101 critical internal/digest/legacy.go 3 XC101: import of crypto/sha1",
		"XC202 minor main.go 22 XC202: profiling on",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
	if out := render(t, report.GitLab, nil); out != "[]\n" {
		t.Errorf("no findings: %q, want an empty array", out)
	}
}

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Text string `xml:",chardata"`
			} `xml:"error"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// JUnit: a testsuite per part, a testcase per rule per package; errors
// fail it with file:line and the message, warnings pass and are listed; a
// clean part is one passing testcase.
func TestJUnit(t *testing.T) {
	tl := tool
	tl.Parts = []string{"audit", "vet", "build"}
	var buf bytes.Buffer
	fs := append([]report.Finding(nil), ciFindings...)
	fs = append(fs, report.Finding{Rule: "XC101", Severity: policy.Error, File: "internal/digest/digest.go", Line: 9, Column: 2, Message: "import of crypto/des"})
	if err := report.Write(&buf, report.JUnit, tl, fs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "<?xml") {
		t.Errorf("no XML declaration:\n%s", buf.String())
	}
	var doc junitDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, buf.String())
	}
	var got []string
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			line := s.Name + " | " + c.Classname + " " + c.Name
			if c.Failure != nil {
				line += " FAIL " + c.Failure.Message + ": " + strings.ReplaceAll(strings.TrimSpace(c.Failure.Text), "\n", "; ")
			}
			if c.SystemOut != "" {
				line += " OUT " + strings.ReplaceAll(strings.TrimSpace(c.SystemOut), "\n", "; ")
			}
			got = append(got, line)
		}
	}
	want := []string{
		"xcguard audit | . XC401 FAIL XC401: 1 error in .: go.mod:7: denied module",
		"xcguard vet | . XC202 OUT warnings:; main.go:22:3: profiling on",
		"xcguard vet | internal/digest XC101 FAIL XC101: 3 errors in internal/digest: internal/digest/digest.go:5:2: import of crypto/md5 (use github.com/tjfoc/gmsm/sm3); internal/digest/digest.go:9:2: import of crypto/des; internal/digest/legacy.go:3:8: import of crypto/sha1",
		"xcguard build | dist XC504 FAIL XC504: 1 error in dist: dist/app: binary too large",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("testcases (-want +got):\n%s", diff)
	}
	if doc.Tests != 4 || doc.Failures != 3 {
		t.Errorf("totals: %d tests, %d failures; want 4 and 3", doc.Tests, doc.Failures)
	}

	// A clean run is a report with passing tests, not an empty one.
	buf.Reset()
	if err := report.Write(&buf, report.JUnit, tl, nil); err != nil {
		t.Fatal(err)
	}
	doc = junitDoc{}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 3 || doc.Failures != 0 || len(doc.Suites) != 3 || doc.Suites[0].Cases[0].Name != "no findings" {
		t.Errorf("clean run: %+v", doc)
	}
}

// A run that failed is a failing report in both formats, never a pass.
func TestCIFailure(t *testing.T) {
	tl := tool
	tl.Parts = []string{"audit", "vet"}
	var buf bytes.Buffer
	if err := report.WriteFailure(&buf, report.JUnit, tl, "invalid policy: x"); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Errors != 2 || doc.Suites[1].Cases[0].Error == nil || !strings.Contains(doc.Suites[1].Cases[0].Error.Text, "invalid policy: x") {
		t.Errorf("junit failure:\n%s", buf.String())
	}
	buf.Reset()
	if err := report.WriteFailure(&buf, report.GitLab, tl, "invalid policy: x"); err != nil {
		t.Fatal(err)
	}
	var issues []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil || len(issues) != 1 || issues[0]["severity"] != "blocker" {
		t.Errorf("gitlab failure: %v\n%s", err, buf.String())
	}
}
