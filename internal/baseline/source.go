package baseline

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/xcguard/xcguard/internal/inputfile"
)

// A Tree reads the files findings point at, inside one directory (the
// module root): their lines, and for Go files the declaration each line is
// in. A file that cannot be read, lies outside the directory or is larger
// than inputfile.SourceMax has no lines; nothing is ever read elsewhere.
type Tree struct {
	root  *os.Root // nil when the directory cannot be opened
	files map[string]*source
}

// A source is one file's text, split in lines, and its declarations.
type source struct {
	lines []string // nil when unreadable
	decls []span   // Go files: the top-level declarations, in order
}

// A span is a declaration's lines, [from, to], and how it is named in a
// fingerprint ("func (Server).Serve", "var DefaultClient").
type span struct {
	from, to int
	name     string
}

// NewTree reads files in dir on demand. Close it when done.
func NewTree(dir string) *Tree {
	t := &Tree{files: map[string]*source{}}
	if r, err := os.OpenRoot(dir); err == nil {
		t.root = r
	}
	return t
}

// Close releases the directory.
func (t *Tree) Close() {
	if t.root != nil {
		t.root.Close()
	}
}

// Line returns line n (1-based) of file, a slash-separated path relative
// to the tree, without its line ending.
func (t *Tree) Line(file string, n int) (string, bool) {
	s := t.file(file)
	if n < 1 || n > len(s.lines) {
		return "", false
	}
	return s.lines[n-1], true
}

// decl names the top-level declaration of a Go file that holds line n, or
// "" (outside any, or not a Go file).
func (t *Tree) decl(file string, n int) string {
	for _, d := range t.file(file).decls {
		if d.from <= n && n <= d.to {
			return d.name
		}
	}
	return ""
}

func (t *Tree) file(name string) *source {
	if s, ok := t.files[name]; ok {
		return s
	}
	s := &source{}
	t.files[name] = s
	native := filepath.FromSlash(name)
	if t.root == nil || !filepath.IsLocal(native) {
		return s
	}
	data, err := inputfile.ReadIn(t.root, native, inputfile.SourceMax)
	if err != nil {
		return s
	}
	s.lines = strings.Split(string(data), "\n")
	for i, l := range s.lines {
		s.lines[i] = strings.TrimSuffix(l, "\r")
	}
	if path.Ext(name) == ".go" {
		s.decls = declarations(data)
	}
	return s
}

// declarations lists a Go file's top-level declarations with their lines.
// A file that does not parse still gives the declarations before the error.
func declarations(src []byte) []span {
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if f == nil {
		return nil
	}
	lines := func(n ast.Node) (int, int) { return fset.Position(n.Pos()).Line, fset.Position(n.End()).Line }
	var out []span
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			from, to := lines(d)
			out = append(out, span{from, to, "func " + funcName(d)})
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				from, to := lines(d)
				out = append(out, span{from, to, "import"})
				continue
			}
			for _, spec := range d.Specs {
				from, to := lines(spec)
				if len(d.Specs) == 1 {
					from, to = lines(d) // the keyword's line too
				}
				out = append(out, span{from, to, d.Tok.String() + " " + specName(spec)})
			}
		}
	}
	return out
}

// funcName is "Name" or "(Recv).Name", the receiver without its pointer
// and type parameters.
func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		}
		break
	}
	recv := "?"
	if id, ok := t.(*ast.Ident); ok {
		recv = id.Name
	}
	return "(" + recv + ")." + d.Name.Name
}

// specName names a type, var or const spec by its (first) name.
func specName(s ast.Spec) string {
	switch s := s.(type) {
	case *ast.TypeSpec:
		return s.Name.Name
	case *ast.ValueSpec:
		if len(s.Names) > 0 {
			return s.Names[0].Name
		}
	}
	return "_"
}
