// Package docs holds one page per rule (rules/XCnnn.md). The pages are the
// single source of a rule's title and help text: `xcguard explain`,
// `xcguard list`, SARIF rule metadata and the README table all read them here.
package docs

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

//go:embed rules/*.md
var pages embed.FS

//go:embed topics/*.md
var topics embed.FS

// Topic returns a help page that is not a rule's (topics/NAME.md), such as
// "policy".
func Topic(name string) (string, bool) {
	data, err := topics.ReadFile("topics/" + name + ".md")
	if err != nil {
		return "", false
	}
	return string(data), true
}

// URLBase is where the rule pages are published; a rule's HelpURI is this
// plus its ID and ".md".
const URLBase = "https://github.com/xcguard/xcguard/blob/main/docs/rules/"

// Rule is what a rule page says about its rule.
type Rule struct {
	ID         string   // "XC101"
	Title      string   // "weak or forbidden crypto import"
	CheckedBy  string   // the table row "Checked by", markdown
	ReportedAt string   // the table row "Reported at"
	Profiles   []string // the table row "Profiles": embedded profiles that enable it
	Summary    string   // the paragraph after the table
	Markdown   string   // the whole page
}

// HelpURI is the published address of the rule's page.
func (r Rule) HelpURI() string { return URLBase + r.ID + ".md" }

var (
	rules    []Rule
	rulesErr error
)

func init() { rules, rulesErr = parseAll(pages) }

// Rules returns every documented rule, ordered by ID. A malformed page is a
// build defect, caught by this package's tests; Rules then panics.
func Rules() []Rule {
	if rulesErr != nil {
		panic(rulesErr)
	}
	return rules
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	i, ok := slices.BinarySearchFunc(Rules(), id, func(r Rule, id string) int { return strings.Compare(r.ID, id) })
	if !ok {
		return Rule{}, false
	}
	return rules[i], true
}

// IDs returns every rule ID in order.
func IDs() []string {
	ids := make([]string, len(Rules()))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

var (
	idRE    = regexp.MustCompile(`^XC[0-9]{3}$`)
	titleRE = regexp.MustCompile(`^# (XC[0-9]{3}): (\S.*)$`)
	rowRE   = regexp.MustCompile(`^\| ([A-Za-z ]+) \| (.*) \|$`)
)

func parseAll(fsys fs.FS) ([]Rule, error) {
	names, err := fs.Glob(fsys, "rules/*.md")
	if err != nil {
		return nil, err
	}
	var out []Rule
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		r, err := parse(string(data))
		if err != nil {
			return nil, fmt.Errorf("docs/%s: %v", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".md"); r.ID != want {
			return nil, fmt.Errorf("docs/%s: page is titled %s", name, r.ID)
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// parse reads a page: "# XCnnn: title", a two-column table with the rows
// Checked by, Reported at and Profiles, then a summary paragraph.
func parse(page string) (Rule, error) {
	lines := strings.Split(strings.ReplaceAll(page, "\r\n", "\n"), "\n")
	m := titleRE.FindStringSubmatch(lines[0])
	if m == nil {
		return Rule{}, fmt.Errorf(`first line must be "# XCnnn: title"`)
	}
	r := Rule{ID: m[1], Title: strings.TrimSpace(m[2]), Markdown: page}
	i := 1
	for ; i < len(lines) && !strings.HasPrefix(lines[i], "|"); i++ {
	}
	for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
		row := rowRE.FindStringSubmatch(strings.TrimSpace(lines[i]))
		if row == nil {
			continue
		}
		switch v := strings.TrimSpace(row[2]); row[1] {
		case "Checked by":
			r.CheckedBy = v
		case "Reported at":
			r.ReportedAt = v
		case "Profiles":
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" && p != "none" {
					r.Profiles = append(r.Profiles, p)
				}
			}
		}
	}
	var para []string
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" && len(para) > 0 || strings.HasPrefix(l, "#") {
			break
		}
		if l != "" {
			para = append(para, l)
		}
	}
	r.Summary = strings.Join(para, " ")
	switch {
	case !idRE.MatchString(r.ID):
		return Rule{}, fmt.Errorf("bad rule ID %q", r.ID)
	case r.CheckedBy == "" || r.ReportedAt == "":
		return Rule{}, fmt.Errorf(`table needs the rows "Checked by" and "Reported at"`)
	case r.Summary == "":
		return Rule{}, fmt.Errorf("no summary paragraph after the table")
	}
	return r, nil
}
