// Package srcline answers the line questions of the analyzers' fixes:
// which bytes a whole line spans, and what shares a line with a node.
package srcline

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Span is from the start of pos's line to the start of the line after
// end's (the end of the file after its last line): the lines, line break
// included.
func Span(tf *token.File, pos, end token.Pos) (token.Pos, token.Pos) {
	start := tf.LineStart(tf.Line(pos))
	line := tf.Line(end)
	if line < tf.LineCount() {
		return start, tf.LineStart(line + 1)
	}
	return start, token.Pos(tf.Base() + tf.Size())
}

// Around is the text on pos's line before pos, and on end's line after
// end (without the line break); ok is false when the file cannot be read.
func Around(pass *analysis.Pass, pos, end token.Pos) (before, after string, ok bool) {
	tf := pass.Fset.File(pos)
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return "", "", false
	}
	start, p, e := tf.Offset(tf.LineStart(tf.Line(pos))), tf.Offset(pos), tf.Offset(end)
	if e > len(src) || start > p || p > e {
		return "", "", false
	}
	after = string(src[e:])
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	}
	return string(src[start:p]), after, true
}
