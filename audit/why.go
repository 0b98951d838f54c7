package audit

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/xcguard/xcguard/report"
)

// importLocations places each step of an import chain at its import spec:
// "internal/auth/auth.go:3:8: example.com/app/internal/auth imports gitee.com/acme/sso".
func (a *auditor) importLocations(chain []string) []report.Location {
	var out []report.Location
	for i := 0; i+1 < len(chain); i++ {
		from, to := a.pkgs.byPath[chain[i]], chain[i+1]
		loc := report.Location{Message: pkgName(from.ImportPath) + " imports " + pkgName(to)}
		loc.File, loc.Line, loc.Column = a.importPos(from, to)
		out = append(out, loc)
	}
	return out
}

// importPos finds the import spec of package to in the files of from; the
// package's directory when no file has it.
func (a *auditor) importPos(from *listPkg, to string) (file string, line, col int) {
	fset := token.NewFileSet()
	for _, list := range [][]string{from.GoFiles, from.CgoFiles, from.TestGoFiles, from.XTestGoFiles} {
		for _, name := range list {
			if filepath.IsAbs(name) {
				continue // generated (a test main in the build cache)
			}
			abs := filepath.Join(from.Dir, name)
			f, err := parser.ParseFile(fset, abs, nil, parser.ImportsOnly)
			if err != nil {
				continue
			}
			for _, spec := range f.Imports {
				path, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					continue
				}
				resolved := path
				if m, ok := from.ImportMap[path]; ok {
					resolved = m
				}
				if resolved == to || pkgName(resolved) == pkgName(to) {
					pos := fset.Position(spec.Pos())
					return a.showFile(from.Module, abs), pos.Line, pos.Column
				}
			}
		}
	}
	return a.showFile(from.Module, from.Dir), 0, 0
}

// showFile names a file for a report: a file of a module from the module
// cache as module@version/path, which does not depend on where the cache
// is; any other file relative to the module root when inside it.
func (a *auditor) showFile(m *listModule, abs string) string {
	if m != nil && !m.Main && m.Dir != "" {
		name := m.Path + "@" + m.Version
		if r := m.Replace; r != nil {
			name = r.Path + "@" + r.Version
		}
		if rel, ok := within(m.Dir, abs); ok && !strings.HasSuffix(name, "@") {
			return name + "/" + rel
		}
	}
	if rel, ok := within(a.root, abs); ok {
		return rel
	}
	return filepath.ToSlash(abs)
}

func within(dir, file string) (string, bool) {
	rel, err := filepath.Rel(dir, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// requireLocations places each step of a requirement path at the require
// line of the go.mod that makes it: go.mod:5 for the main module,
// gitee.com/acme/sso@v1.0.0/go.mod:7 for a dependency (no line when its
// go.mod is not at hand).
func (a *auditor) requireLocations(path []module.Version) []report.Location {
	var out []report.Location
	for i := 0; i+1 < len(path); i++ {
		from, to := path[i], path[i+1]
		loc := report.Location{Message: strings.TrimSpace(from.Path+" "+from.Version) + " requires " + to.Path + " " + to.Version}
		if i == 0 {
			loc.File = "go.mod"
			if at := a.requireLine(to.Path); at != nil {
				loc.Line, loc.Column = at.line, at.col
			}
		} else {
			loc.File = from.Path + "@" + from.Version + "/go.mod"
			if f := a.depGoMod(from); f != nil {
				for _, r := range f.Require {
					if r.Mod.Path == to.Path {
						loc.Line, loc.Column = r.Syntax.Start.Line, r.Syntax.Start.LineRune
					}
				}
			}
		}
		out = append(out, loc)
	}
	return out
}

// depGoMod reads a dependency's go.mod (through the main module's replace
// directives), or returns nil.
func (a *auditor) depGoMod(m module.Version) *modfile.File {
	var file string
	r := a.replacement(m.Path, m.Version)
	switch {
	case r != nil && r.New.Version == "":
		file = filepath.Join(a.root, r.New.Path, "go.mod")
		if filepath.IsAbs(r.New.Path) {
			file = filepath.Join(r.New.Path, "go.mod")
		}
	case a.modcache == "":
		return nil
	default:
		if r != nil {
			m = r.New
		}
		path, err1 := module.EscapePath(m.Path)
		version, err2 := module.EscapeVersion(m.Version)
		if err1 != nil || err2 != nil {
			return nil
		}
		file = filepath.Join(a.modcache, "cache", "download", path, "@v", version+".mod")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	f, err := modfile.ParseLax(file, data, nil)
	if err != nil {
		return nil
	}
	return f
}
