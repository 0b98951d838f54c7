package cli

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	goversion "go/version"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"

	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/internal/proc"
	"github.com/xcguard/xcguard/policy"
)

// gmModules are the modules a fix may import from.
var gmModules = []policy.GMLibrary{policy.Tjfoc, policy.Emmansun}

// requireModules adds to go.mod the GM modules the applied fixes import and
// the module does not require, at the newest version in the module cache
// that the policy allows, without the network. What it cannot add it
// names, with the go get to run, and the run ends with exit 1: the fixed
// code does not build without it.
func requireModules(ctx context.Context, e *env, c *common, root string, ch *changes) (missing bool, err error) {
	defer func() {
		// A vendored module builds from vendor/, which go get does not
		// fill.
		if _, verr := os.Stat(filepath.Join(root, "vendor", "modules.txt")); verr != nil || err != nil {
			return
		}
		for _, p := range gmPackages(ch) {
			if _, serr := os.Stat(filepath.Join(root, "vendor", filepath.FromSlash(p))); serr != nil {
				fmt.Fprintf(e.stderr, "xcguard fix: the fixed code imports %s, which vendor/ does not hold: run go mod vendor\n", p)
				missing = true
			}
		}
	}()
	need, gomod, data, mf, err := unrequired(root, ch)
	if err != nil || len(need) == 0 {
		return false, err
	}
	pol, err := loadPolicy(c, c.workDir())
	if err != nil {
		return false, err
	}
	for _, mod := range slices.Sorted(maps.Keys(need)) {
		goLine := ""
		if mf.Go != nil {
			goLine = mf.Go.Version
		}
		v := ""
		for _, c := range cachedVersions(ctx, root, mod, goLine, pol) {
			if addRequire(ctx, gomod, data, mf, mod, c, need[mod]) == nil {
				v = c
				break
			}
			if mf, err = modfile.ParseLax(gomod, data, nil); err != nil { // AddRequire changed it
				return false, inputf("fix: %v", err)
			}
		}
		if v != "" {
			fmt.Fprintf(e.stderr, "xcguard fix: go.mod: require %s %s (a release in the module cache)\n", mod, v)
			if data, err = inputfile.Read(gomod, 16<<20); err != nil {
				return false, inputf("fix: cannot read %s: %v", gomod, err)
			}
			if mf, err = modfile.ParseLax(gomod, data, nil); err != nil {
				return false, inputf("fix: %v", err)
			}
			if mf.Go != nil && mf.Go.Version != goLine {
				fmt.Fprintf(e.stderr, "xcguard fix: go.mod: go %s → %s, which %s %s needs: Go's defaults move with the go line (TLS, GODEBUG); review them\n", goLine, mf.Go.Version, mod, v)
			}
			continue
		}
		fmt.Fprintf(e.stderr, "xcguard fix: the fixed code imports %s, which go.mod does not require and the module cache cannot supply offline: run go get %s@latest\n", mod, mod)
		missing = true
	}
	return missing, nil
}

// gmImport is a GM package a fix imports.
var gmImport = regexp.MustCompile(`"((?:github\.com/tjfoc/gmsm|github\.com/emmansun/gmsm)/[a-z0-9/]+)"`)

// gmPackages are the GM packages the applied fixes import.
func gmPackages(ch *changes) []string {
	var out []string
	for f := range ch.applied {
		for _, ed := range f.Fix.Edits {
			for _, m := range gmImport.FindAllStringSubmatch(ed.New, -1) {
				if !slices.Contains(out, m[1]) {
					out = append(out, m[1])
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// unrequired are the GM modules the applied fixes import that go.mod does
// not require, with the packages imported from each; and go.mod, read.
func unrequired(root string, ch *changes) (map[string][]string, string, []byte, *modfile.File, error) {
	need := map[string][]string{}
	for f := range ch.applied {
		for _, ed := range f.Fix.Edits {
			for _, m := range gmImport.FindAllStringSubmatch(ed.New, -1) {
				for _, lib := range gmModules {
					if strings.HasPrefix(m[1], string(lib)+"/") && !slices.Contains(need[string(lib)], m[1]) {
						need[string(lib)] = append(need[string(lib)], m[1])
					}
				}
			}
		}
	}
	gomod := filepath.Join(root, "go.mod")
	if len(need) == 0 {
		return nil, gomod, nil, nil, nil
	}
	data, err := inputfile.Read(gomod, 16<<20)
	if err != nil {
		return nil, "", nil, nil, inputf("fix: cannot read %s: %v", gomod, err)
	}
	mf, err := modfile.ParseLax(gomod, data, nil)
	if err != nil {
		return nil, "", nil, nil, inputf("fix: %v", err)
	}
	for _, r := range mf.Require {
		delete(need, r.Mod.Path)
	}
	for _, pkgs := range need {
		slices.Sort(pkgs)
	}
	return need, gomod, data, mf, nil
}

// cachedVersions are the releases of mod in the module cache that the
// policy allows, the ones to try first: those whose go line is at most
// goLine, so that adding one leaves the module's own go line (and the
// defaults that move with it) alone, newest first; then the others. At
// most five.
func cachedVersions(ctx context.Context, dir, mod, goLine string, pol *policy.Policy) []string {
	cmd := proc.Command(ctx, "go", "env", "GOMODCACHE")
	cmd.Dir = dir
	var out proc.Buffer
	cmd.Stdout = &out
	if cmd.Run() != nil {
		return nil
	}
	esc, err := module.EscapePath(mod)
	if err != nil {
		return nil
	}
	vdir := filepath.Join(strings.TrimSpace(out.String()), "cache", "download", esc, "@v")
	zips, _ := filepath.Glob(filepath.Join(vdir, "*.zip"))
	var fits, newer []string
	for _, z := range zips {
		v, err := module.UnescapeVersion(strings.TrimSuffix(filepath.Base(z), ".zip"))
		if err != nil || !semver.IsValid(v) || semver.Prerelease(v) != "" || !allowed(pol, mod, v) {
			continue
		}
		ev, _ := module.EscapeVersion(v)
		data, err := inputfile.Read(filepath.Join(vdir, ev+".mod"), 1<<20)
		if err != nil {
			continue
		}
		if f, err := modfile.ParseLax("go.mod", data, nil); err == nil && (f.Go == nil || goLine == "" || goversion.Compare("go"+f.Go.Version, "go"+goLine) <= 0) {
			fits = append(fits, v)
		} else {
			newer = append(newer, v)
		}
	}
	desc := func(a, b string) int { return semver.Compare(b, a) }
	slices.SortFunc(fits, desc)
	slices.SortFunc(newer, desc)
	all := append(fits, newer...)
	return all[:min(len(all), 5)]
}

// allowed reports whether the policy's module rules let mod@v in: every
// allow entry for it admits v, and no deny entry matches it.
func allowed(pol *policy.Policy, mod, v string) bool {
	matches := func(r policy.ModuleRule) bool {
		return r.Path == mod || r.Prefix != "" && strings.HasPrefix(mod, r.Prefix) || r.Glob != "" && r.Glob.Match(mod)
	}
	for _, r := range pol.Modules.Allow {
		if matches(r) && !r.Version.Allows(v) {
			return false
		}
	}
	for _, r := range pol.Modules.Deny {
		if matches(r) && (r.Version.IsZero() || r.Version.Allows(v)) {
			return false
		}
	}
	return true
}

// addRequire adds mod@v, a release in the module cache, to go.mod with go
// get: it updates the go line and indirect requirements as the module
// needs, and verifies what it adds to go.sum. Offline, a module whose own
// go.mod predates module graph pruning (tjfoc/gmsm: go 1.14) makes go get
// look up versions of its dependencies the cache does not list; then the
// requirement is written into go.mod and go list of the module's packages
// fills go.sum from the cache (GOPROXY=off), where it can. On failure
// go.mod is as it was.
func addRequire(ctx context.Context, gomod string, data []byte, mf *modfile.File, mod, v string, pkgs []string) error {
	run := func(env []string, args ...string) error {
		cmd := proc.Command(ctx, "go", args...)
		cmd.Dir = filepath.Dir(gomod)
		cmd.Env = append(os.Environ(), env...)
		var buf proc.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		return cmd.Run()
	}
	// The environment's proxy verifies the checksums go get adds (the
	// checksum database is reached through it); the module itself comes
	// from the cache.
	// The packages, not the module, so that go.mod requires it directly.
	args := []string{"get"}
	for _, p := range pkgs {
		args = append(args, p+"@"+v)
	}
	if run([]string{"GOFLAGS=-mod=mod"}, args...) == nil {
		return direct(gomod, mod)
	}
	writeFile(gomod, data) // whatever go get left
	if err := mf.AddRequire(mod, v); err != nil {
		return err
	}
	out, err := mf.Format()
	if err != nil {
		return err
	}
	if err := writeFile(gomod, out); err != nil {
		return err
	}
	// The go.sum lines of what the packages now need.
	if err := run([]string{"GOPROXY=off", "GOFLAGS=-mod=mod"}, "list", "-deps", "./..."); err != nil {
		writeFile(gomod, data)
		return err
	}
	return nil
}

// direct drops the "// indirect" go get gives a module the main module
// now imports (go get does not look at the main module's imports).
func direct(gomod, mod string) error {
	data, err := inputfile.Read(gomod, 16<<20)
	if err != nil {
		return err
	}
	mf, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(mf.Require, func(r *modfile.Require) bool { return r.Mod.Path == mod && r.Indirect }) {
		return nil
	}
	reqs := make([]*modfile.Require, len(mf.Require))
	for i, r := range mf.Require {
		reqs[i] = &modfile.Require{Mod: r.Mod, Indirect: r.Indirect && r.Mod.Path != mod}
	}
	// Direct and indirect requirements in blocks of their own, as go mod
	// tidy lays them out.
	mf.SetRequireSeparateIndirect(reqs)
	mf.Cleanup()
	out, err := mf.Format()
	if err != nil {
		return err
	}
	return writeFile(gomod, out)
}

// writeFile replaces a file whole, keeping its mode.
func writeFile(path string, data []byte) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	ch := &fileChange{path: path, new: data, mode: fi.Mode().Perm()}
	return ch.write()
}
