package cli

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"

	"github.com/xcguard/xcguard/internal/gomsg"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/internal/proc"
	"github.com/xcguard/xcguard/report"
)

// sourceMax bounds a Go file fix reads back to edit.
const sourceMax = 16 << 20

// runFix applies the analyzers' mechanical fixes (the GM migrations), or
// prints them (-diff), or writes what a person must decide (-plan). The
// report lists the findings no fix resolves; their error-severity ones
// make exit 1, as with vet.
func runFix(ctx context.Context, e *env, args []string) error {
	c := common{parts: []string{"audit", "vet"}}
	fs := newFlagSet("fix", "[packages]", -1)
	c.register(fs)
	diff := fs.Bool("diff", false, "print the fixes as a unified diff instead of applying them")
	plan := fs.Bool("plan", false, "write the migration plan (Markdown): the fixes xcguard makes, and what a person must decide, with the reason and the GM API to use")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *diff && *plan {
		return inputf("fix: -diff and -plan are two different outputs: choose one")
	}
	findings, root, err := fixFindings(ctx, e, &c, fs.Args())
	if err != nil {
		return err
	}
	if err := holdBack(e, root, findings); err != nil {
		return err
	}
	changes, err := planChanges(root, findings)
	if err != nil {
		return err
	}
	// A migration one of whose fixes overlapped another's would leave the
	// module half-moved: withdraw it, and plan again.
	if withdrawSkipped(e, findings, changes) {
		if changes, err = planChanges(root, findings); err != nil {
			return err
		}
	}
	if *plan {
		return writePlan(e, &c, findings, changes)
	}
	remaining := changes.remaining(findings)
	if *diff {
		for _, ch := range changes.files {
			e.stdout.Write(unifiedDiff(ch.rel, ch.old, ch.new))
		}
		need, _, _, _, err := unrequired(root, changes)
		if err != nil {
			return err
		}
		for _, mod := range slices.Sorted(maps.Keys(need)) {
			fmt.Fprintf(e.stderr, "xcguard fix: applying the fixes also adds %s to go.mod (go get %s)\n", mod, strings.Join(need[mod], " "))
		}
		if report.Summarize(findings).Errors > 0 {
			return errFindings
		}
		return nil
	}
	out, err := openOutputs(ctx, &c)
	if err != nil {
		return err
	}
	defer out.close()
	// go.mod first, its own edits and then the GM modules; the Go files
	// once they type-check with it. On a failure go.mod and go.sum are put
	// back and no Go file is written.
	saved := saveModFiles(root)
	var goFiles []*fileChange
	for _, ch := range changes.files {
		if filepath.Base(ch.path) == "go.mod" {
			if err := ch.write(); err != nil {
				return err
			}
		} else {
			goFiles = append(goFiles, ch)
		}
	}
	missing, err := requireModules(ctx, e, &c, root, changes)
	if err != nil {
		saved.restore()
		return err
	}
	if len(goFiles) > 0 && !missing {
		if err := typeCheck(ctx, &c, root, goFiles); err != nil {
			saved.restore()
			return fmt.Errorf("fix: the fixed code does not type-check, so nothing was written: %v (please report this with the diff xcguard fix -diff prints)", err)
		}
	}
	for _, ch := range goFiles {
		if err := ch.write(); err != nil {
			return err
		}
	}
	if n := len(changes.files); n > 0 {
		fmt.Fprintf(e.stderr, "xcguard fix: %s in %s\n", plural(len(changes.applied), "fix", "fixes"), plural(n, "file", "files"))
	}
	for _, f := range changes.skipped {
		fmt.Fprintf(e.stderr, "xcguard fix: %s:%d: %s overlaps another fix: run xcguard fix again\n", f.File, f.Line, f.Rule)
	}
	if len(changes.files) > 0 && !missing {
		// What remains is what a run on the fixed code finds: a migrated
		// file can settle another's finding (dual mode).
		again, _, err := fixFindings(ctx, e, &c, fs.Args())
		if err != nil {
			return fmt.Errorf("fix: the fixed code does not analyze: %v (please report this with the diff xcguard fix -diff prints)", err)
		}
		remaining = again
	}
	if err := out.finish(e, remaining); err != nil || !missing {
		return err
	}
	return errFindings
}

// fixFindings are the findings fix works from: vet's and, for go.mod's
// godebug lines, the audit's; and the module root.
func fixFindings(ctx context.Context, e *env, c *common, patterns []string) ([]report.Finding, string, error) {
	r, err := analyze(ctx, c, patterns)
	if err != nil {
		return nil, "", err
	}
	audited, err := auditModule(ctx, e, c, "", false)
	if err != nil {
		return nil, "", err
	}
	return append(audited, r.findings...), r.root, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// changes are the edits of the findings' fixes, merged per file.
type changes struct {
	files   []*fileChange
	applied map[*report.Finding]bool
	skipped []*report.Finding // fixes that overlap another's edits
}

// A fileChange is one Go file's content before and after its fixes.
type fileChange struct {
	rel      string // as the report names it
	path     string // the file, symbolic links resolved
	old, new []byte
	mode     os.FileMode
}

// remaining are the findings no applied fix resolves.
func (c *changes) remaining(all []report.Finding) []report.Finding {
	var out []report.Finding
	for i := range all {
		if !c.applied[&all[i]] {
			out = append(out, all[i])
		}
	}
	return out
}

// planChanges merges the fixes of the unsuppressed findings file by file:
// a fix whose edits overlap an earlier one's is skipped whole (identical
// edits, two fixes adding the same line, are one). It reads each file
// back, refuses one outside root, and formats the result.
func planChanges(root string, findings []report.Finding) (*changes, error) {
	type edit struct {
		report.Edit
		by *report.Finding
	}
	perFile := map[string][]edit{}
	c := &changes{applied: map[*report.Finding]bool{}}
	for i := range findings {
		f := &findings[i]
		if f.Fix == nil || f.Suppressed || len(f.Fix.Edits) == 0 {
			continue
		}
		ok := true
		for _, e := range f.Fix.Edits {
			for _, o := range perFile[e.File] {
				if overlaps(o.Edit, e) && o.Edit != e {
					ok = false
				}
			}
		}
		if !ok {
			c.skipped = append(c.skipped, f)
			continue
		}
		c.applied[f] = true
		for _, e := range f.Fix.Edits {
			if !slices.ContainsFunc(perFile[e.File], func(o edit) bool { return o.Edit == e }) {
				perFile[e.File] = append(perFile[e.File], edit{e, f})
			}
		}
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	for _, rel := range slices.Sorted(maps.Keys(perFile)) {
		edits := perFile[rel]
		path := rel
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, filepath.FromSlash(rel))
		}
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return nil, inputf("fix: cannot read %s: %v", rel, unwrapPathError(err))
		}
		r, err := filepath.Rel(realRoot, real)
		goMod := err == nil && r == "go.mod"
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || !strings.HasSuffix(real, ".go") && !goMod {
			return nil, inputf("fix: %s is not a Go file inside the module (%s): xcguard edits only the module's own files", rel, root)
		}
		fi, err := os.Stat(real)
		if err != nil {
			return nil, inputf("fix: cannot read %s: %v", rel, unwrapPathError(err))
		}
		old, err := inputfile.Read(real, sourceMax)
		if err != nil {
			return nil, inputf("fix: cannot read %s: %v", rel, err)
		}
		es := make([]report.Edit, len(edits))
		for i, e := range edits {
			es[i] = e.Edit
		}
		src, err := applyEdits(old, joinInsertions(es))
		if err != nil {
			return nil, inputf("fix: %s changed since it was analyzed (%v): run xcguard fix again", rel, err)
		}
		// gofmt'd files stay gofmt'd (the fix's imports sorted); others
		// keep their layout, so the change is only the fix.
		if goMod {
			if _, err := modfile.Parse(rel, src, nil); err != nil {
				return nil, fmt.Errorf("fix: the fixed go.mod does not parse (%v): please report this with the file", err)
			}
		} else if f, err := format.Source(old); err == nil && bytes.Equal(f, old) {
			src, err = format.Source(src)
			if err != nil {
				return nil, fmt.Errorf("fix: the fixed %s does not parse (%v): please report this with the file", rel, err)
			}
		} else if _, err := parser.ParseFile(token.NewFileSet(), rel, src, parser.SkipObjectResolution); err != nil {
			return nil, fmt.Errorf("fix: the fixed %s does not parse (%v): please report this with the file", rel, err)
		}
		c.files = append(c.files, &fileChange{rel: rel, path: real, old: old, new: src, mode: fi.Mode().Perm()})
	}
	return c, nil
}

// overlaps reports whether two edits touch the same bytes. Insertions at
// one offset do not: they are joined (see joinInsertions).
func overlaps(a, b report.Edit) bool {
	switch {
	case a.Start == a.End && b.Start == b.End:
		return false
	case a.Start == a.End:
		return b.Start < a.Start && a.Start < b.End
	case b.Start == b.End:
		return a.Start < b.Start && b.Start < a.End
	}
	return a.Start < b.End && b.Start < a.End
}

// joinInsertions makes the insertions at one offset one edit, in the order
// of their findings. Two that each open a group of lines (an import group
// before the closing parenthesis: "\n\t…\n") share one group.
func joinInsertions(edits []report.Edit) []report.Edit {
	var out []report.Edit
	for _, e := range edits {
		i := slices.IndexFunc(out, func(o report.Edit) bool { return o.Start == o.End && e.Start == e.End && o.Start == e.Start })
		if i < 0 {
			out = append(out, e)
			continue
		}
		next := e.New
		if strings.HasSuffix(out[i].New, "\n") && strings.HasPrefix(next, "\n\t") {
			next = next[1:]
		}
		out[i].New += next
	}
	return out
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(src []byte, edits []report.Edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b report.Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("an edit at offset %d is out of place", e.Start)
		}
		out.Write(src[at:e.Start])
		out.WriteString(e.New)
		at = e.End
	}
	out.Write(src[at:])
	return out.Bytes(), nil
}

// write replaces the file with its fixed content, whole or not at all,
// keeping its mode.
func (ch *fileChange) write() error {
	o, err := createOut("fix", ch.path)
	if err != nil {
		return err
	}
	o.mode = ch.mode
	if err := o.commit(ch.new); err != nil {
		o.discard()
		return err
	}
	return nil
}

// modFiles are go.mod and go.sum as they were before fix wrote them.
type modFiles struct {
	dir          string
	mod, sum     []byte
	modOK, sumOK bool
}

func saveModFiles(root string) *modFiles {
	s := &modFiles{dir: root}
	var err error
	s.mod, err = inputfile.Read(filepath.Join(root, "go.mod"), 16<<20)
	s.modOK = err == nil
	s.sum, err = inputfile.Read(filepath.Join(root, "go.sum"), 64<<20)
	s.sumOK = err == nil
	return s
}

// restore puts go.mod and go.sum back (a go.sum that was not there goes).
func (s *modFiles) restore() {
	if s.modOK {
		writeFile(filepath.Join(s.dir, "go.mod"), s.mod)
	}
	if s.sumOK {
		writeFile(filepath.Join(s.dir, "go.sum"), s.sum)
	} else {
		os.Remove(filepath.Join(s.dir, "go.sum"))
	}
}

// typeCheck loads the packages of the fixed files, tests included, with
// the fixed content in place of the files on disk, and returns the first
// error.
func typeCheck(ctx context.Context, c *common, root string, files []*fileChange) error {
	overlay := map[string][]byte{}
	var patterns []string
	for _, ch := range files {
		overlay[ch.path] = ch.new
		dir := "./" + filepath.ToSlash(filepath.Dir(ch.rel))
		if !slices.Contains(patterns, dir) {
			patterns = append(patterns, dir)
		}
	}
	cfg := &packages.Config{Context: ctx, Dir: root, Mode: packages.NeedName | packages.NeedFiles | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo, Tests: true, Overlay: overlay}
	if c.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + c.tags}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return err
	}
	var first error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if first == nil {
				first = fmt.Errorf("%s", proc.Clip(gomsg.Line(e.Error()), 400))
			}
		}
	})
	return first
}
