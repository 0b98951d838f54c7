package report

import (
	"github.com/xcguard/xcguard/policy"

	"bufio"
	"fmt"
	"io"
)

// writeText prints one line per unsuppressed finding and a summary line.
func writeText(w io.Writer, fs []Finding) error {
	bw := bufio.NewWriter(w)
	for _, f := range fs {
		if f.Hidden() {
			continue
		}
		fmt.Fprintf(bw, "%s: %s %s", position(f), f.Rule, f.Message)
		if f.Hint != "" {
			fmt.Fprintf(bw, " (%s)", f.Hint)
		}
		if f.Severity == policy.Warning {
			fmt.Fprint(bw, " [warning]")
		}
		fmt.Fprintln(bw)
		for _, r := range f.Related {
			fmt.Fprintf(bw, "\t%s: %s\n", position(Finding{File: r.File, Line: r.Line, Column: r.Column}), r.Message)
		}
	}
	s := Summarize(fs)
	fmt.Fprintf(bw, "xcguard: %s\n", s)
	return bw.Flush()
}

// String is the summary line: "no findings", or the counts.
func (s Summary) String() string {
	if s.Errors+s.Warnings+s.Suppressed+s.Baselined == 0 {
		return "no findings"
	}
	return s.counts()
}

// counts is the summary as counts, also when they are all zero.
func (s Summary) counts() string {
	line := fmt.Sprintf("%s, %s, %d suppressed", plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Suppressed)
	if s.Baselined > 0 {
		line += fmt.Sprintf(", %d baselined", s.Baselined)
	}
	return line
}

func position(f Finding) string {
	switch {
	case f.Line == 0:
		return f.File
	case f.Column == 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
