// Command diff compares xcguard's findings with gosec's on the same code:
// for each concern both tools check, the findings both make, those only one
// makes, and what neither rule set compares. bench/compare.sh runs it.
//
//	go run ./bench/diff -root DIR xcguard.json gosec.json
//
// xcguard.json is `xcguard vet -format json`, gosec.json is `gosec
// -fmt=json`, both run in DIR (gosec's paths are absolute, xcguard's
// relative to DIR).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xcguard/xcguard/report"
)

// A concern is what a set of xcguard rules and a set of gosec rules both
// check, reported at the same place.
type concern struct {
	name    string
	xcguard []string
	gosec   []string
}

var concerns = []concern{
	{"weak crypto imports", []string{"XC101"}, []string{"G501", "G502", "G503", "G505", "G506", "G507"}},
	{"TLS configuration", []string{"XC103", "XC104", "XC105"}, []string{"G402"}},
	{"pprof exposure", []string{"XC201", "XC203"}, []string{"G108"}},
}

// gosec reports a weak primitive at each call as well; xcguard reports the
// import once (XC101). A call is covered when its file has an XC101.
var callRules = []string{"G401", "G405", "G406"}

// A finding is either tool's, reduced to what the comparison needs.
type finding struct {
	rule, file, text string
	line, endLine    int
	suppressed       bool // by an xcguard:ignore directive
}

func (f finding) String() string {
	s := fmt.Sprintf("%s:%d: %s %s", f.file, f.line, f.rule, f.text)
	if f.suppressed {
		s += " (suppressed)"
	}
	return s
}

func main() {
	root := flag.String("root", ".", "the directory both tools ran in")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: diff -root DIR xcguard.json gosec.json")
		os.Exit(2)
	}
	xc, err := readXcguard(flag.Arg(0))
	if err == nil {
		var gs []finding
		if gs, err = readGosec(flag.Arg(1), *root); err == nil {
			compare(os.Stdout, xc, gs)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "diff:", err)
	os.Exit(2)
}

func readXcguard(path string) ([]finding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fs, err := report.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var out []finding
	for _, x := range fs {
		out = append(out, finding{x.Rule, x.File, x.Message, x.Line, max(x.Line, x.EndLine), x.Suppressed})
	}
	return out, nil
}

func readGosec(path, root string) ([]finding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Issues []struct {
			Rule    string `json:"rule_id"`
			Details string `json:"details"`
			File    string `json:"file"`
			Line    string `json:"line"` // "12" or "12-14"
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a gosec JSON report: %v", path, err)
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	var out []finding
	for _, g := range doc.Issues {
		file := g.File
		if rel, err := filepath.Rel(root, file); err == nil {
			file = filepath.ToSlash(rel)
		}
		from, to, _ := strings.Cut(g.Line, "-")
		line, _ := strconv.Atoi(from)
		end, err := strconv.Atoi(to)
		if err != nil {
			end = line
		}
		out = append(out, finding{g.Rule, file, g.Details, line, end, false})
	}
	return out, nil
}

func compare(w io.Writer, xc, gs []finding) {
	fmt.Fprintf(w, "findings: xcguard %d, gosec %d\n", len(xc), len(gs))
	compared := map[string]bool{}
	for _, c := range concerns {
		x := only(xc, c.xcguard)
		g := only(gs, c.gosec)
		var xOnly, gOnly, suppressed []finding
		both := 0
		for _, f := range x {
			switch {
			case f.suppressed: // listed apart, matched or not
				suppressed = append(suppressed, f)
			case !slices.ContainsFunc(g, f.overlaps):
				xOnly = append(xOnly, f)
			}
		}
		for _, f := range g {
			if slices.ContainsFunc(x, f.overlaps) {
				both++
			} else {
				gOnly = append(gOnly, f)
			}
		}
		fmt.Fprintf(w, "%s (%s | %s): gosec findings xcguard also makes %d, xcguard only %d, gosec only %d, suppressed in xcguard %d\n",
			c.name, strings.Join(c.xcguard, ","), strings.Join(c.gosec, ","), both, len(xOnly), len(gOnly), len(suppressed))
		list(w, "suppressed in xcguard", suppressed)
		list(w, "xcguard only", xOnly)
		list(w, "gosec only", gOnly)
		for _, r := range append(c.xcguard, c.gosec...) {
			compared[r] = true
		}
	}
	calls := only(gs, callRules)
	var uncovered []finding
	for _, f := range calls {
		if !slices.ContainsFunc(xc, func(x finding) bool { return x.rule == "XC101" && x.file == f.file }) {
			uncovered = append(uncovered, f)
		}
	}
	fmt.Fprintf(w, "weak crypto calls (%s, reported per call; xcguard reports the import): %d, %d in a file without an XC101\n",
		strings.Join(callRules, ","), len(calls), len(uncovered))
	list(w, "no XC101 in the file", uncovered)
	for _, r := range callRules {
		compared[r] = true
	}
	var rest []string
	for _, set := range [][]finding{xc, gs} {
		counts := map[string]int{}
		for _, f := range set {
			if !compared[f.rule] {
				counts[f.rule]++
			}
		}
		for _, r := range slices.Sorted(maps.Keys(counts)) {
			rest = append(rest, fmt.Sprintf("%s %d", r, counts[r]))
		}
	}
	if len(rest) > 0 {
		fmt.Fprintf(w, "not compared (no counterpart in the other tool): %s\n", strings.Join(rest, ", "))
	}
}

// overlaps reports whether two findings of one concern are at the same
// place: the same file and overlapping lines.
func (f finding) overlaps(o finding) bool {
	return f.file == o.file && f.line <= o.endLine && o.line <= f.endLine
}

func only(fs []finding, rules []string) []finding {
	var out []finding
	for _, f := range fs {
		if slices.Contains(rules, f.rule) {
			out = append(out, f)
		}
	}
	return out
}

func list(w io.Writer, label string, fs []finding) {
	for _, f := range fs {
		fmt.Fprintf(w, "  %s: %s\n", label, f)
	}
}
