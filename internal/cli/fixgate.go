package cli

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xcguard/xcguard/analyzers/xccrypto"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/report"
)

// holdBack withdraws the migrations of a standard package (crypto/sha256,
// crypto/aes) from the whole module while any of its files keeps using
// that package in a way that may meet a migrated value: a use a fix
// refused for a reason other than its signature, a file the run did not
// analyze (other build constraints, tests without -tests), a suppressed
// or dual-mode import. A module's digests and ciphertexts move together or
// not at all: a server hashing with SM3 while the client beside it sends
// SHA-256 is broken. Each withdrawn fix's finding says why; so does stderr.
func holdBack(e *env, root string, findings []report.Finding) error {
	kinds := map[string]*kept{}
	get := func(p string) *kept {
		if kinds[p] == nil {
			kinds[p] = &kept{fixed: map[string]bool{}, settled: map[string]bool{}}
		}
		return kinds[p]
	}
	for i := range findings {
		f := &findings[i]
		p := xccrypto.Migrated(f.Message)
		if f.Rule != "XC102" || p == "" {
			continue
		}
		st := get(p)
		switch {
		case f.Suppressed:
			st.block(f.File, "its import is suppressed, so it stays")
		case f.Fix != nil:
			st.fixed[f.File] = true
		case allBound(f.Related):
			st.settled[f.File] = true
		case len(f.Related) > 0:
			st.block(fmt.Sprintf("%s:%d", f.Related[0].File, f.Related[0].Line), strings.TrimPrefix(f.Related[0].Message, "not migrated: "))
		default:
			st.block(f.File, "it keeps the package")
		}
	}
	if len(kinds) == 0 {
		return nil
	}
	// Files the run did not see.
	err := walkModule(root, func(rel string, imports []string) {
		for p, st := range kinds {
			if slices.Contains(imports, p) && !st.fixed[rel] && !st.settled[rel] {
				why := "the run did not analyze it (build constraints)"
				if strings.HasSuffix(rel, "_test.go") {
					why = "a test the run did not analyze: add -tests to migrate tests too"
				}
				st.block(rel, why)
			}
		}
	})
	if err != nil {
		return err
	}
	for _, p := range slices.Sorted(maps.Keys(kinds)) {
		st := kinds[p]
		if st.blocker == "" {
			continue
		}
		msg := fmt.Sprintf("not migrated: %s stays in %s, and a module's values move together or not at all", p, st.blocker)
		withdrawn := 0
		for i := range findings {
			f := &findings[i]
			if f.Fix != nil && f.Rule == "XC102" && xccrypto.Migrated(f.Message) == p {
				f.Fix = nil
				f.Related = append(f.Related, report.Location{File: f.File, Line: f.Line, Column: f.Column, Message: msg})
				withdrawn++
			}
		}
		if withdrawn > 0 {
			fmt.Fprintf(e.stderr, "xcguard fix: %s not migrated (%s): %s stays in %s; the module's uses move together or not at all\n", p, plural(withdrawn, "fix", "fixes"), p, st.blocker)
		}
	}
	return nil
}

// kept is what holdBack knows of one standard package in the module.
type kept struct {
	fixed   map[string]bool // files whose uses all move
	settled map[string]bool // files whose uses stay by design (bound to a signature)
	blocker string          // the first place that keeps the package, and why
}

func (st *kept) block(where, why string) {
	if st.blocker == "" {
		st.blocker = where + " (" + why + ")"
	}
}

func allBound(related []report.Location) bool {
	for _, r := range related {
		if !xccrypto.Bound(r.Message) {
			return false
		}
	}
	return len(related) > 0
}

// walkModule calls visit with each Go file of the module at root (its
// path relative to root, slash-separated) and the paths it imports, from
// the file's imports alone: every build configuration, tests included.
// Nested modules, vendor, testdata and directories the go command ignores
// (starting with . or _) are not the module's; at most 20000 files, each
// read up to 4 MiB.
func walkModule(root string, visit func(rel string, imports []string)) error {
	n := 0
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: not ours to judge
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if path != root {
				if _, err := os.Lstat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return nil
		}
		if n++; n > 20000 {
			return filepath.SkipAll
		}
		src, err := inputfile.Read(path, 4<<20)
		if err != nil {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
		if err != nil {
			return nil
		}
		var imports []string
		for _, spec := range f.Imports {
			if p, err := strconv.Unquote(spec.Path.Value); err == nil {
				imports = append(imports, p)
			}
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return nil
		}
		visit(filepath.ToSlash(rel), imports)
		return nil
	})
}
