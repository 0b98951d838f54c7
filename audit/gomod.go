package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/xcguard/xcguard/internal/directive"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/report"
)

// goMod is the main module's go.mod as the auditor reads it: parsed with
// positions, checked for what modfile would normalise silently, with its
// suppression directives.
type goMod struct {
	file       *modfile.File
	data       []byte
	require    map[string]*modfile.Require // by module path
	directives []*placed
}

// placed is a suppression directive at its go.mod line.
type placed struct {
	directive.Directive
	line, col, endCol int
	trailing          bool // after a directive on its line: applies to that line only
	used              bool
}

// GoModMax bounds a go.mod: the largest real ones (Kubernetes) are tens
// of kilobytes, and the go command would read an endless one for ever.
const GoModMax = 1 << 20

// readGoMod reads and checks a go.mod file; shown is its name in messages.
func readGoMod(path, shown string) (*goMod, error) {
	data, err := ReadGoMod(path, shown)
	if err != nil {
		return nil, err
	}
	return parseGoMod(shown, data)
}

// ReadGoMod reads a go.mod as untrusted input: a regular file of at most
// GoModMax bytes. Its errors are *InputError, naming the file as shown.
func ReadGoMod(path, shown string) ([]byte, error) {
	data, err := inputfile.Read(path, GoModMax)
	var tl *inputfile.TooLargeError
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, inputf("%s does not exist: run xcguard audit in a module, or name its directory", shown)
	case errors.Is(err, inputfile.ErrNotRegular):
		return nil, inputf("%s is not a regular file: a go.mod is a text file", shown)
	case errors.As(err, &tl):
		return nil, inputf("%s is %v: no real go.mod is; check the file", shown, tl)
	}
	return nil, inputf("reading %s: %v", shown, unwrapPath(err))
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// parseGoMod parses go.mod text. Errors are bad input, with file:line.
func parseGoMod(shown string, data []byte) (*goMod, error) {
	f, err := modfile.Parse(shown, data, nil)
	if err != nil {
		first, rest, _ := strings.Cut(err.Error(), "\n")
		more := ""
		if n := strings.Count(rest, "\n") + 1; rest != "" {
			more = fmt.Sprintf(" (and %d more)", n)
		}
		return nil, inputf("%s%s: fix %s (go mod edit -fmt reports the same)", first, more, shown)
	}
	if f.Module == nil {
		return nil, inputf("%s: no module directive: start the file with 'module PATH'", shown)
	}
	g := &goMod{file: f, data: data, require: map[string]*modfile.Require{}}
	for _, r := range f.Require {
		if prev, ok := g.require[r.Mod.Path]; ok {
			return nil, inputf("%s:%d: %s is required twice (also at line %d): keep one require (go mod tidy does)", shown, r.Syntax.Start.Line, r.Mod.Path, prev.Syntax.Start.Line)
		}
		g.require[r.Mod.Path] = r
	}
	var lines []*modfile.Line
	for _, r := range f.Require {
		lines = append(lines, r.Syntax)
	}
	for _, r := range f.Replace {
		lines = append(lines, r.Syntax)
	}
	for _, x := range f.Exclude {
		lines = append(lines, x.Syntax)
	}
	for _, l := range lines {
		if err := canonical(shown, data, l); err != nil {
			return nil, err
		}
	}
	g.directives = directives(f.Syntax)
	return g, nil
}

// canonical reports a version that modfile rewrote to canonical form
// (v1.2 read as v1.2.0): the file does not say what the build uses, and
// the go command would refuse it under -mod=readonly. modfile rewrites the
// line's tokens in place, so the file's own text tells.
func canonical(shown string, data []byte, line *modfile.Line) error {
	raw := strings.Fields(string(data[line.Start.Byte:line.End.Byte]))
	if len(raw) != len(line.Token) {
		return nil
	}
	for i, tok := range raw {
		tok = unquote(tok)
		if v := line.Token[i]; i > 0 && tok != v && module.CanonicalVersion(tok) == v {
			return inputf("%s:%d: version %q of %s is not canonical: write %s (go mod tidy does)", shown, line.Start.Line, tok, unquote(raw[i-1]), v)
		}
	}
	return nil
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// directives finds the xcguard directives among the go.mod comments.
func directives(fs *modfile.FileSyntax) []*placed {
	var out []*placed
	add := func(cs []modfile.Comment) {
		for _, c := range cs {
			d, ok := directive.Parse(c.Token)
			if !ok {
				continue
			}
			out = append(out, &placed{
				Directive: d,
				line:      c.Start.Line,
				col:       c.Start.LineRune,
				endCol:    c.Start.LineRune + utf8.RuneCountInString(c.Token),
				trailing:  c.Suffix,
			})
		}
	}
	comments := func(c *modfile.Comments) {
		add(c.Before)
		add(c.Suffix)
		add(c.After)
	}
	comments(&fs.Comments)
	for _, stmt := range fs.Stmt {
		comments(stmt.Comment())
		if b, ok := stmt.(*modfile.LineBlock); ok {
			comments(&b.LParen.Comments)
			for _, l := range b.Line {
				comments(&l.Comments)
			}
			comments(&b.RParen.Comments)
		}
	}
	return out
}

// suppressor returns the well-formed directive for rule on the line or,
// standing alone, on the line before; it marks it used.
func (g *goMod) suppressor(line int, rule string) *placed {
	for _, d := range g.directives {
		if d.Problem != "" || !(d.line == line || d.line == line-1 && !d.trailing) {
			continue
		}
		for _, r := range d.Rules {
			if r == rule {
				d.used = true
				return d
			}
		}
	}
	return nil
}

// deleteLine is the fix that removes a go.mod line, its line break
// included.
func (g *goMod) deleteLine(l *modfile.Line, description string) *report.Fix {
	start := bytes.LastIndexByte(g.data[:l.Start.Byte], '\n') + 1
	end := len(g.data)
	if i := bytes.IndexByte(g.data[l.End.Byte:], '\n'); i >= 0 {
		end = l.End.Byte + i + 1
	}
	return &report.Fix{Description: description, Edits: []report.Edit{{File: "go.mod", Start: start, End: end}}}
}
