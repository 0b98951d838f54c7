package baseline

import (
	"go/scanner"
	"go/token"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/report"
)

// Fingerprint gives every finding its fingerprint, which stays the same
// when lines are added or removed above it and when unrelated code
// changes: an SM3 digest of the rule, the file, the top-level declaration
// the finding is in and the normalised text of its line (Go tokens without
// comments or spacing), followed by ":N" for the N-th finding with that
// digest in the file (two identical lines in one function). A finding
// without a line (a binary) uses its message with the numbers taken out,
// so that a size budget broken by a few more bytes is the same finding.
//
// The findings are sorted first; the fingerprints depend on nothing but
// the findings and the files.
func Fingerprint(fs []report.Finding, t *Tree) {
	report.Sort(fs)
	seen := map[string]int{}
	for i := range fs {
		d := digest(&fs[i], t)
		seen[d]++
		fs[i].Fingerprint = d + ":" + strconv.Itoa(seen[d])
	}
}

// recipe names the fingerprint's recipe; a change of recipe is a new name
// (and a new key in SARIF's partialFingerprints).
const recipe = "xcguard fingerprint v1"

func digest(f *report.Finding, t *Tree) string {
	var text, decl string
	if f.Line > 0 {
		line, _ := t.Line(f.File, f.Line)
		text = normalise(f.File, line)
		decl = t.decl(f.File, f.Line)
	} else {
		text = numbers.ReplaceAllString(f.Message, "#")
	}
	return gm.ShortDigest(recipe, f.Rule, f.File, decl, text)
}

var numbers = regexp.MustCompile(`[0-9][0-9.,]*`)

// normalise is a line as its tokens: for Go, the scanner's tokens without
// comments, joined by one space; for other files (go.mod), the words.
func normalise(file, line string) string {
	if path.Ext(file) != ".go" {
		return strings.Join(strings.Fields(line), " ")
	}
	fset := token.NewFileSet()
	src := []byte(line)
	var s scanner.Scanner
	// Errors (a line inside a raw string or a comment) leave the tokens
	// the scanner still returns, which are as stable as the line.
	s.Init(fset.AddFile("", -1, len(src)), src, func(token.Position, string) {}, 0)
	var toks []string
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted at the end of the line
		}
		if lit == "" {
			lit = tok.String()
		}
		toks = append(toks, lit)
	}
	return strings.Join(toks, " ")
}
