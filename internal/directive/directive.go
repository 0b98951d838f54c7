// Package directive parses xcguard suppression directives, in Go comments and
// in go.mod comments alike:
//
//	//xcguard:ignore XC201 served only on the loopback admin listener
//
// A directive names one or more rules (comma-separated) and must give a reason.
package directive

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xcguard/xcguard/docs"
)

// A Directive is one parsed suppression comment.
type Directive struct {
	Rules  []string
	Reason string
	// Problem, when not empty, is why the directive is malformed (XC001);
	// a malformed directive suppresses nothing.
	Problem string
}

var idRE = regexp.MustCompile(`^XC[0-9]{3}$`)

// Parse reads a comment's text (with its // marker). ok is false when the
// comment is not an xcguard directive at all.
func Parse(comment string) (d Directive, ok bool) {
	text, found := strings.CutPrefix(comment, "//")
	if !found {
		// A directive in a block comment would look like one and hide
		// nothing: say so.
		if inner, block := strings.CutPrefix(comment, "/*"); block && strings.HasPrefix(strings.TrimSpace(inner), "xcguard:") {
			return Directive{Problem: "a suppression directive must be a // line comment, not /* */: write //xcguard:ignore XCnnn reason"}, true
		}
		return Directive{}, false
	}
	text, found = strings.CutPrefix(strings.TrimPrefix(text, " "), "xcguard:")
	if !found {
		return Directive{}, false
	}
	// A trailing comment after the directive (such as a test's "// want")
	// is not part of the reason.
	if i := strings.Index(text, "//"); i >= 0 {
		text = text[:i]
	}
	verb, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	if verb != "ignore" {
		return Directive{Problem: fmt.Sprintf("unknown directive xcguard:%s: write //xcguard:ignore XCnnn reason", verb)}, true
	}
	// The rule list may be written "XC101,XC201" or "XC101, XC201".
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return Directive{Problem: "suppression directive names no rule: write //xcguard:ignore XCnnn reason"}, true
	}
	list, n := fields[0], 1
	for ; strings.HasSuffix(list, ",") && n < len(fields) && idRE.MatchString(strings.TrimSuffix(fields[n], ",")); n++ {
		list += fields[n]
	}
	reason := strings.Join(fields[n:], " ")
	for _, id := range strings.Split(list, ",") {
		if id == "" {
			return Directive{Problem: fmt.Sprintf("suppression directive has an empty entry in its rule list %s: write the rules as XC101,XC201", list)}, true
		}
		if !idRE.MatchString(id) {
			return Directive{Problem: fmt.Sprintf("suppression directive names no rule (%q is not a rule ID): write //xcguard:ignore XCnnn reason", id)}, true
		}
		if _, known := docs.Lookup(id); !known {
			return Directive{Problem: fmt.Sprintf("suppression directive names unknown rule %s (see 'xcguard list')", id)}, true
		}
		d.Rules = append(d.Rules, id)
	}
	d.Reason = strings.TrimSpace(reason)
	if d.Reason == "" {
		return Directive{Rules: d.Rules, Problem: fmt.Sprintf("suppression directive for %s gives no reason: write //xcguard:ignore %s <why this is safe>", list, list)}, true
	}
	return d, true
}
