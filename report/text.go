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
		if f.Suppressed {
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
	if s.Errors+s.Warnings+s.Suppressed == 0 {
		fmt.Fprintln(bw, "xcguard: no findings")
	} else {
		fmt.Fprintf(bw, "xcguard: %s, %s, %d suppressed\n", plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Suppressed)
	}
	return bw.Flush()
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
