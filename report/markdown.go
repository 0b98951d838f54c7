package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/policy"
)

// markdownRows is how many findings the Markdown table lists; the counts
// cover them all.
const markdownRows = 50

// writeMarkdown writes a report for a CI job summary ($GITHUB_STEP_SUMMARY,
// a Gitee or GitLab page): the totals, a count per rule, and a table of
// the findings, errors first.
func writeMarkdown(w io.Writer, fs []Finding) error {
	bw := bufio.NewWriter(w)
	s := Summarize(fs)
	fmt.Fprintf(bw, "### xcguard: %s\n\n", s.counts())
	if len(fs) == 0 {
		fmt.Fprintln(bw, "No findings.")
		return bw.Flush()
	}
	type count struct {
		rule                                    string
		errors, warnings, suppressed, baselined int
	}
	byRule := map[string]*count{}
	for _, f := range fs {
		c := byRule[f.Rule]
		if c == nil {
			c = &count{rule: f.Rule}
			byRule[f.Rule] = c
		}
		switch {
		case f.Suppressed:
			c.suppressed++
		case f.Baseline:
			c.baselined++
		case f.Severity == policy.Error:
			c.errors++
		default:
			c.warnings++
		}
	}
	rules := slices.SortedFunc(maps.Values(byRule), func(a, b *count) int { return cmp.Compare(a.rule, b.rule) })
	if s.Baselined == 0 {
		fmt.Fprintln(bw, "| Rule | Errors | Warnings | Suppressed |")
		fmt.Fprintln(bw, "|---|---:|---:|---:|")
	} else {
		fmt.Fprintln(bw, "| Rule | Errors | Warnings | Suppressed | Baselined |")
		fmt.Fprintln(bw, "|---|---:|---:|---:|---:|")
	}
	for _, c := range rules {
		fmt.Fprintf(bw, "| %s | %d | %d | %d |", c.rule, c.errors, c.warnings, c.suppressed)
		if s.Baselined > 0 {
			fmt.Fprintf(bw, " %d |", c.baselined)
		}
		fmt.Fprintln(bw)
	}
	var shown []Finding
	for _, f := range fs {
		if !f.Hidden() {
			shown = append(shown, f)
		}
	}
	if len(shown) == 0 {
		return bw.Flush()
	}
	// Errors first, then the usual order.
	slices.SortStableFunc(shown, func(a, b Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	fmt.Fprintln(bw, "\n| Severity | Rule | Where | Finding |")
	fmt.Fprintln(bw, "|---|---|---|---|")
	for _, f := range shown[:min(len(shown), markdownRows)] {
		msg := f.Message
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		fmt.Fprintf(bw, "| %s | %s | `%s` | %s |\n", f.Severity, f.Rule, position(f), escapeCell(msg))
	}
	if n := len(shown) - markdownRows; n > 0 {
		fmt.Fprintf(bw, "\n… and %d more: see the SARIF report or the JSON.\n", n)
	}
	return bw.Flush()
}

// escapeCell keeps a message inside its table cell.
func escapeCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
