package cli

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
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
	// Files the run did not see, and files that ask package crypto for
	// SHA-256 (crypto.SHA256.New()) without importing it.
	err := walkModule(root, func(rel string, imports []string, asksSHA256 bool, problem string) {
		for p, st := range kinds {
			if problem != "" {
				st.block(rel, problem)
				continue
			}
			if p == "crypto/sha256" && asksSHA256 && !slices.Contains(imports, p) {
				st.block(rel, "it asks package crypto for SHA-256 (crypto.SHA256), which only an import of crypto/sha256 provides")
			}
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
		if st := kinds[p]; st.blocker != "" {
			withdraw(e, findings, p, st.blocker)
		}
	}
	return nil
}

// withdraw takes back every fix that migrates p, saying at each finding
// and on stderr what holds the migration back.
func withdraw(e *env, findings []report.Finding, p, blocker string) {
	msg := fmt.Sprintf("not migrated: %s stays in %s, and a module's values move together or not at all", p, blocker)
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
		fmt.Fprintf(e.stderr, "xcguard fix: %s not migrated (%s): %s stays in %s; the module's uses move together or not at all\n", p, plural(withdrawn, "fix", "fixes"), p, blocker)
	}
}

// withdrawSkipped withdraws the migrations of which a fix was skipped for
// overlapping another; it reports whether it withdrew any.
func withdrawSkipped(e *env, findings []report.Finding, ch *changes) bool {
	any := false
	for _, f := range ch.skipped {
		if p := xccrypto.Migrated(f.Message); f.Rule == "XC102" && p != "" {
			withdraw(e, findings, p, fmt.Sprintf("%s:%d (its fix overlaps another)", f.File, f.Line))
			any = true
		}
	}
	return any
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
// path relative to root, slash-separated), the paths it imports, from the
// file's imports alone (every build configuration, tests included), and
// whether it names crypto.SHA224 or SHA256. Nested modules, vendor,
// testdata and directories the go command ignores (starting with . or _)
// are not the module's. A file it cannot judge (a symbolic link, more than
// 4 MiB, imports that do not parse, past the 20000th) comes with the
// problem instead: never a file passed over.
func walkModule(root string, visit func(rel string, imports []string, asksSHA256 bool, problem string)) error {
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
		if !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if n++; n > 20000 {
			visit(rel, nil, false, "the module has more Go files than xcguard fix checks (20000)")
			return filepath.SkipAll
		}
		if !d.Type().IsRegular() {
			visit(rel, nil, false, "not a regular file (a symbolic link?), which xcguard fix does not follow")
			return nil
		}
		src, err := inputfile.Read(path, 4<<20)
		if err != nil {
			visit(rel, nil, false, "xcguard fix could not read it")
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
		if err != nil {
			visit(rel, nil, false, "its imports do not parse")
			return nil
		}
		var imports []string
		for _, spec := range f.Imports {
			if p, err := strconv.Unquote(spec.Path.Value); err == nil {
				imports = append(imports, p)
			}
		}
		visit(rel, imports, slices.Contains(imports, "crypto") && asksHash.Match(src), "")
		return nil
	})
}

// asksHash is a use of crypto.SHA224 or crypto.SHA256 (or a comment that
// reads like one: then the file holds the migration back too).
var asksHash = regexp.MustCompile(`\.SHA(224|256)\b`)
