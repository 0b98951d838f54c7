package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/policy"
)

// The JUnit XML subset Jenkins' junit step, Gitee Go and GitLab's test
// reports read.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Cases     []junitCase `xml:"testcase"`
	SystemErr string      `xml:"system-err,omitempty"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes JUnit XML: a testsuite per part that ran (vet, audit,
// build), a testcase per rule per package (the finding's directory) with
// a failure listing file:line:col and message of each error-severity
// finding. Warnings do not fail the gate: their testcase passes and lists
// them as output. A part without findings is one passing testcase, so that
// a clean run is a report with tests, not an empty one.
func writeJUnit(w io.Writer, tool Tool, fs []Finding) error {
	parts := tool.Parts
	if parts == nil {
		for _, f := range fs {
			if !slices.Contains(parts, Part(f)) {
				parts = append(parts, Part(f))
			}
		}
		if parts == nil {
			parts = []string{"vet"}
		}
	}
	doc := junitSuites{Name: tool.Name}
	for _, part := range parts {
		s := junitSuite{Name: tool.Name + " " + part, SystemErr: strings.Join(tool.Notes, "\n")}
		type key struct{ rule, pkg string }
		groups := map[key][]Finding{}
		for _, f := range fs {
			if f.Hidden() || Part(f) != part {
				continue
			}
			k := key{f.Rule, junitPackage(f.File)}
			groups[k] = append(groups[k], f)
		}
		keys := slices.SortedFunc(maps.Keys(groups), func(a, b key) int { return cmp.Or(cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.rule, b.rule)) })
		for _, k := range keys {
			c := junitCase{Name: k.rule, Classname: k.pkg}
			var errs, warns []string
			for _, f := range groups[k] {
				line := position(f) + ": " + f.Message
				if f.Hint != "" {
					line += " (" + f.Hint + ")"
				}
				if f.Severity == policy.Error {
					errs = append(errs, line)
				} else {
					warns = append(warns, line)
				}
			}
			if len(errs) > 0 {
				c.Failure = &junitProblem{
					Message: fmt.Sprintf("%s: %s in %s", k.rule, plural(len(errs), "error"), k.pkg),
					Type:    "error",
					Text:    strings.Join(errs, "\n") + "\n",
				}
				s.Failures++
			}
			if len(warns) > 0 {
				c.SystemOut = "warnings:\n" + strings.Join(warns, "\n") + "\n"
			}
			s.Cases = append(s.Cases, c)
		}
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: "no findings", Classname: tool.Name + "." + part}}
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}
	return encodeJUnit(w, doc)
}

// junitPackage is a finding's package as a JUnit class: its directory,
// "." for the module root.
func junitPackage(file string) string {
	return path.Dir(file)
}

func encodeJUnit(w io.Writer, doc junitSuites) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeJUnitFailure is a run that could not finish: one testcase per part
// with an error, so that the report fails rather than passes empty.
func writeJUnitFailure(w io.Writer, tool Tool, msg string) error {
	parts := tool.Parts
	if parts == nil {
		parts = []string{"run"}
	}
	doc := junitSuites{Name: tool.Name}
	for _, part := range parts {
		doc.Suites = append(doc.Suites, junitSuite{
			Name: tool.Name + " " + part, Tests: 1, Errors: 1,
			Cases: []junitCase{{Name: "run", Classname: tool.Name + "." + part, Error: &junitProblem{Message: "the run failed", Type: "error", Text: msg + "\n"}}},
		})
		doc.Tests++
		doc.Errors++
	}
	return encodeJUnit(w, doc)
}
