package xcuse

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/internal/gosettings"
	"github.com/xcguard/xcguard/internal/inputfile"
)

// A debugSetting is a GODEBUG key=value a program gets, and where from.
type debugSetting struct {
	key, value, from string
}

// programDebug is what decides the GODEBUG defaults a program built from
// this package runs with: the base Go version (the go line, or a godebug
// or //go:debug default=goX) and the settings that override it, go.mod's
// godebug lines first, then the main package's //go:debug directives.
type programDebug struct {
	base, baseFrom string
	set            []debugSetting
}

// weak is the weakening settings in force, by name, with where each
// comes from.
func (p programDebug) weak() map[string]string {
	weak := map[string]string{}
	if p.base != "" {
		for _, s := range gosettings.Implied(p.base) {
			weak[s.Name] = p.baseFrom
		}
	}
	for _, s := range p.set {
		if _, bad := gosettings.Weakens(s.key, s.value); bad {
			weak[s.key] = s.from
		} else {
			delete(weak, s.key)
		}
	}
	return weak
}

// override applies a default=goX setting or a key=value one.
func (p *programDebug) override(key, value, from string) {
	if key == "default" {
		if v := gosettings.DefaultVersion(value); v != "" {
			p.base, p.baseFrom, p.set = v, from, nil
		}
		return
	}
	p.set = append(p.set, debugSetting{key, value, from})
}

// goModDebug reads what the go.mod of the module holding dir gives: its
// go line and godebug lines. Without a go.mod (GOPATH mode, a test), the
// module's go version is all there is. A go.mod that cannot be read is an
// error: the defaults it gives cannot be judged.
func goModDebug(dir, goVersion string) (programDebug, error) {
	p := programDebug{}
	if goVersion != "" {
		p.base, p.baseFrom = goVersion, "go "+goVersion+" in go.mod"
	}
	path := findGoMod(dir)
	if path == "" {
		return p, nil
	}
	once, _ := goMods.LoadOrStore(path, sync.OnceValues(func() (*modfile.File, error) {
		data, err := inputfile.Read(path, 4<<20)
		if err != nil {
			return nil, err
		}
		return modfile.Parse(path, data, nil)
	}))
	f, err := once.(func() (*modfile.File, error))()
	if err != nil {
		return p, fmt.Errorf("reading the go.mod that gives the program its GODEBUG defaults: %w", err)
	}
	if f.Go != nil {
		p.base, p.baseFrom = f.Go.Version, "go "+f.Go.Version+" in go.mod"
	} else {
		p.base, p.baseFrom = "1.16", "no go directive in go.mod (go 1.16 assumed)"
	}
	for _, g := range f.Godebug {
		p.override(g.Key, g.Value, fmt.Sprintf("godebug %s=%s at go.mod:%d", g.Key, g.Value, g.Syntax.Start.Line))
	}
	return p, nil
}

var goMods sync.Map // go.mod path → func() (*modfile.File, error)

// findGoMod is the go.mod of the module holding dir: the nearest one
// above it, not past a repository's root; "" when there is none.
func findGoMod(dir string) string {
	for d := dir; ; {
		p := filepath.Join(d, "go.mod")
		if _, err := os.Lstat(p); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return p
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// moduleDebug is what gives the program its GODEBUG defaults before the
// package's own directives: the main module's go.mod, read from disk (its
// godebug lines are not in the analysis config), or a dependency's go
// version; nothing in GOPATH mode.
func moduleDebug(pass *analysis.Pass) (programDebug, error) {
	if pass.Module == nil || pass.Module.GoVersion == "" {
		return programDebug{}, nil
	}
	if pass.Module.Version != "" || len(pass.Files) == 0 {
		v := pass.Module.GoVersion
		return programDebug{base: v, baseFrom: "go " + v + " in go.mod"}, nil
	}
	return goModDebug(filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name()), pass.Module.GoVersion)
}

// programDebugOf is the weak GODEBUG settings a program built from the
// package runs with: go.mod's (or the module's go version), then, in a
// main package, its //go:debug directives.
func programDebugOf(pass *analysis.Pass) (map[string]string, error) {
	d, err := moduleDebug(pass)
	if err != nil {
		return nil, err
	}
	if pass.Pkg.Name() == "main" {
		for _, f := range pass.Files {
			for _, g := range f.Comments {
				for _, cm := range g.List {
					text, ok := strings.CutPrefix(cm.Text, "//go:debug ")
					if !ok {
						continue
					}
					for _, kv := range gosettings.Parse(strings.TrimSpace(text)) {
						d.override(kv[0], kv[1], "//go:debug "+kv[0]+"="+kv[1])
					}
				}
			}
		}
	}
	return d.weak(), nil
}
