package cli

import (
	"bytes"
	"fmt"
)

// unifiedDiff is the unified diff (3 lines of context) that turns old into
// new, both the file name; empty when they are equal.
func unifiedDiff(name string, old, new []byte) []byte {
	a, b := splitLines(old), splitLines(new)
	ops := lineDiff(a, b)
	var out bytes.Buffer
	const context = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from context lines before the change to context lines
		// after the last change that is at most 2*context lines on.
		start := max(i-context, 0)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*context {
				break
			}
		}
		end = min(end+context, len(ops))
		if out.Len() == 0 {
			fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
		}
		oldStart, newStart, oldN, newN := ops[start].a+1, ops[start].b+1, 0, 0
		for _, op := range ops[start:end] {
			if op.kind != '+' {
				oldN++
			}
			if op.kind != '-' {
				newN++
			}
		}
		if oldN == 0 {
			oldStart--
		}
		if newN == 0 {
			newStart--
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", oldStart, oldN, newStart, newN)
		for _, op := range ops[start:end] {
			line := a[op.a:min(op.a+1, len(a))]
			if op.kind == '+' {
				line = b[op.b : op.b+1]
			}
			out.WriteByte(op.kind)
			out.Write(line[0])
			if len(line[0]) == 0 || line[0][len(line[0])-1] != '\n' {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return out.Bytes()
}

func splitLines(s []byte) [][]byte {
	var lines [][]byte
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// A diffOp keeps (' '), deletes ('-') or inserts ('+') a line; a and b are
// the line's index in the old and new text (for '+', a is where it goes).
type diffOp struct {
	kind byte
	a, b int
}

// lineDiff is a shortest edit script from a to b (Myers' O(ND) algorithm):
// fixes change few lines, so D stays small.
func lineDiff(a, b [][]byte) []diffOp {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil
	}
	// Past 1000 changed lines the trace would grow large: the file is
	// replaced whole.
	maxD := min(n+m, 1000)
	v := make([]int, 2*maxD+2)
	var trace [][]int
	off := maxD + 1
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && bytes.Equal(a[x], b[y]) {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, v, d, n, m, off)
			}
		}
	}
	var ops []diffOp
	for i := range a {
		ops = append(ops, diffOp{'-', i, 0})
	}
	for j := range b {
		ops = append(ops, diffOp{'+', n, j})
	}
	return ops
}

func backtrack(trace [][]int, last []int, d, x, y, off int) []diffOp {
	var ops []diffOp
	trace = append(trace[1:], last) // trace[d] is v after step d
	for ; d > 0; d-- {
		v := trace[d-1]
		k := x - y
		var prevK int
		if k == -d || k != d && v[off+k-1] < v[off+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			ops = append(ops, diffOp{' ', x, y})
		}
		if x == prevX {
			y--
			ops = append(ops, diffOp{'+', x, y})
		} else {
			x--
			ops = append(ops, diffOp{'-', x, y})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		ops = append(ops, diffOp{' ', x, y})
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}
