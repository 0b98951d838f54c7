// Package baseline lets a team turn xcguard on for a codebase that already
// has findings: a baseline file records the ones accepted for now, and a
// run reports them apart, never failing the gate on them, while every new
// finding counts. Entries are matched by fingerprint (see Fingerprint), so
// they survive edits elsewhere in the file; an entry may carry the reason,
// owner and expiry date of a waiver, and an expired entry no longer hides
// its finding. An entry that matches nothing is reported as XC002, so the
// file only shrinks.
package baseline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/xcguard/xcguard/internal/inputfile"
)

// A File is a baseline: the findings accepted for now.
type File struct {
	Entries []Entry
}

// An Entry is one accepted finding.
type Entry struct {
	Fingerprint string `yaml:"fingerprint"`
	Rule        string `yaml:"rule"`
	File        string `yaml:"file"`
	// Message is the finding's message when it was recorded, for the
	// people who read the file; matching ignores it.
	Message string `yaml:"message,omitempty"`
	// Reason, Owner and Expires make the entry a waiver: why the finding
	// is accepted, who answers for it, and the last day it is (YYYY-MM-DD).
	Reason  string `yaml:"reason,omitempty"`
	Owner   string `yaml:"owner,omitempty"`
	Expires string `yaml:"expires,omitempty"`

	line int // the entry's line in the file it was read from
}

// Line is the entry's line in the baseline file it was read from; 0 for
// an entry made in this run.
func (e Entry) Line() int { return e.line }

// expired reports whether the entry's last day is before today.
func (e Entry) expired(today time.Time) bool {
	if e.Expires == "" {
		return false
	}
	last, err := time.Parse(time.DateOnly, e.Expires) // checked by Parse
	return err == nil && today.Format(time.DateOnly) > last.Format(time.DateOnly)
}

// A SyntaxError is a baseline file that is not one. It names the line and
// the fix, never the file's text.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

var (
	fingerprintRE = regexp.MustCompile(`^[0-9a-f]{32}:[1-9][0-9]{0,8}$`)
	ruleRE        = regexp.MustCompile(`^XC[0-9]{3}$`)
)

// Load reads a baseline file, which may be hostile: bounded, strictly
// shaped, every field checked.
func Load(path string) (*File, error) {
	data, err := inputfile.Read(path, inputfile.BaselineMax)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse decodes a baseline file's content.
func Parse(data []byte) (*File, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &SyntaxError{1, `empty baseline: write it with -update-baseline`}
		}
		return nil, &SyntaxError{yamlLine(err), "not valid YAML: fix it, or write it again with -update-baseline"}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, &SyntaxError{extra.Line, "a second YAML document: a baseline file holds one"}
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, &SyntaxError{top.Line, `not a baseline: it starts with "version: 1" and lists "findings:"`}
	}
	b := &File{}
	version := false
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		switch key.Value {
		case "version":
			if val.Kind != yaml.ScalarNode || val.Value != "1" {
				return nil, &SyntaxError{val.Line, `unsupported baseline version: this xcguard reads "version: 1"`}
			}
			version = true
		case "findings":
			if val.Kind != yaml.SequenceNode && !(val.Kind == yaml.ScalarNode && val.Tag == "!!null") {
				return nil, &SyntaxError{val.Line, "findings is not a list"}
			}
			for _, n := range val.Content {
				e, err := entry(n)
				if err != nil {
					return nil, err
				}
				b.Entries = append(b.Entries, e)
			}
		default:
			return nil, &SyntaxError{key.Line, "unknown key: a baseline has version and findings"}
		}
	}
	if !version {
		return nil, &SyntaxError{top.Line, `no version: start the file with "version: 1"`}
	}
	seen := map[string]int{}
	for _, e := range b.Entries {
		if first, dup := seen[e.Fingerprint]; dup {
			return nil, &SyntaxError{e.line, fmt.Sprintf("the fingerprint of line %d again: keep one entry", first)}
		}
		seen[e.Fingerprint] = e.line
	}
	return b, nil
}

// entry decodes and checks one entry.
func entry(n *yaml.Node) (Entry, error) {
	e := Entry{line: n.Line}
	if n.Kind != yaml.MappingNode {
		return e, &SyntaxError{n.Line, "an entry is a mapping with fingerprint, rule and file"}
	}
	fields := map[string]*string{
		"fingerprint": &e.Fingerprint, "rule": &e.Rule, "file": &e.File, "message": &e.Message,
		"reason": &e.Reason, "owner": &e.Owner, "expires": &e.Expires,
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		dst, ok := fields[key.Value]
		if !ok {
			return e, &SyntaxError{key.Line, "unknown key in an entry: use fingerprint, rule, file, message, reason, owner, expires"}
		}
		if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
			return e, &SyntaxError{val.Line, key.Value + " is not a single value"}
		}
		if strings.ContainsFunc(val.Value, unicode.IsControl) {
			return e, &SyntaxError{val.Line, key.Value + " holds a control character"}
		}
		*dst = val.Value
	}
	switch {
	case !fingerprintRE.MatchString(e.Fingerprint):
		return e, &SyntaxError{n.Line, "fingerprint is not 32 hex digits and :N: copy it from a report, or write the file with -update-baseline"}
	case !ruleRE.MatchString(e.Rule):
		return e, &SyntaxError{n.Line, "rule is not a rule ID such as XC101"}
	case e.File == "" || len(e.File) > 4096:
		return e, &SyntaxError{n.Line, "file is empty or too long: name the finding's file as reports do"}
	}
	if e.Expires != "" {
		if _, err := time.Parse(time.DateOnly, e.Expires); err != nil {
			return e, &SyntaxError{n.Line, "expires is not a date: write it as 2027-06-30"}
		}
	}
	return e, nil
}

// yamlLine is the line a YAML error names ("yaml: line 3: …"), else 1.
func yamlLine(err error) int {
	var line int
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil && line > 0 {
		return line
	}
	return 1
}

const header = `# xcguard baseline: findings accepted for now. Each is still reported
# (as baselined) but does not fail the gate; every other finding does.
# Written by -update-baseline, which keeps the reason, owner and expires
# of an entry whose finding remains. An expired entry no longer hides its
# finding; an entry that matches nothing is reported (XC002).
# See docs/topics/baseline.md.
`

// Marshal writes the file in its one form: the header, then the entries
// sorted by file, rule and fingerprint, so that a change is a small diff.
func (b *File) Marshal() []byte {
	entries := slices.Clone(b.Entries)
	slices.SortFunc(entries, func(x, y Entry) int {
		return strings.Compare(x.File+"\x00"+x.Rule+"\x00"+x.Fingerprint, y.File+"\x00"+y.Rule+"\x00"+y.Fingerprint)
	})
	doc := struct {
		Version  int     `yaml:"version"`
		Findings []Entry `yaml:"findings"`
	}{1, entries}
	if doc.Findings == nil {
		doc.Findings = []Entry{}
	}
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		panic(err) // strings and an int always encode
	}
	enc.Close()
	return buf.Bytes()
}
