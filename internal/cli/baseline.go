package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/xcguard/xcguard/internal/baseline"
	"github.com/xcguard/xcguard/internal/gitdiff"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// registerBaseline registers -baseline and -update-baseline, for the
// commands whose findings a team may accept for now.
func (c *common) registerBaseline(fs *flagSet) {
	fs.StringVar(&c.baseline, "baseline", "", "baseline file: its findings are reported as baselined and do not fail the run (see docs/topics/baseline.md)")
	fs.BoolVar(&c.updateBaseline, "update-baseline", false, "write the -baseline file from this run's findings, keeping each remaining entry's reason, owner and expires")
	fs.StringVar(&c.newFromRev, "new-from-rev", "", "report only findings on lines changed since this git revision (a pull request's base, such as origin/main); added and renamed files count whole")
}

// changedSince asks git, before any work, which lines changed since
// -new-from-rev; nil without the flag.
func (c *common) changedSince(ctx context.Context) (*gitdiff.Changes, error) {
	if c.newFromRev == "" {
		return nil, nil
	}
	changes, err := gitdiff.Since(ctx, c.workDir(), c.newFromRev)
	if err != nil {
		return nil, inputf("%v", err)
	}
	return changes, nil
}

// onlyNew drops the findings on lines -new-from-rev did not change, and
// notes how many; a finding without a line, and a stale baseline entry
// (what a change made stale), stay.
func (o *outputs) onlyNew(findings []report.Finding, keep map[int]bool) []report.Finding {
	if o.changes == nil {
		return findings
	}
	c := o.c
	wd, root := absPath(c.workDir()), c.sourceRoot()
	var out []report.Finding
	dropped := 0
	for i, f := range findings {
		file := f.File
		if !filepath.IsAbs(filepath.FromSlash(file)) {
			file = relPath(wd, filepath.Join(root, filepath.FromSlash(file)))
		}
		if keep[i] || o.changes.Changed(file, f.Line) {
			out = append(out, f)
		} else {
			dropped++
		}
	}
	if dropped > 0 {
		o.newNote = fmt.Sprintf("-new-from-rev %s: %s on lines not changed since then not reported", c.newFromRev, plural(dropped, "finding", "findings"))
		c.notes = append(c.notes, o.newNote)
	}
	return out
}

// checkBaseline refuses flag combinations that cannot mean anything, before
// any work is done.
func (c *common) checkBaseline() error {
	if c.updateBaseline && c.baseline == "" {
		return inputf("-update-baseline writes the -baseline file: add -baseline .xcguard-baseline.yml")
	}
	// A report written over the baseline would lose it.
	for _, o := range []struct{ flag, path string }{{"o", c.output}, {"sarif", c.sarif}} {
		if c.baseline != "" && o.path != "" && sameFile(c.path(c.baseline), c.path(o.path)) {
			return inputf("-baseline %s and -%s %s are the same file: write the report elsewhere", c.baseline, o.flag, o.path)
		}
	}
	return nil
}

// sameFile reports whether two paths name one file: the same path, or
// (through links) the same existing file.
func sameFile(a, b string) bool {
	if absPath(a) == absPath(b) {
		return true
	}
	fa, erra := os.Stat(a)
	fb, errb := os.Stat(b)
	return erra == nil && errb == nil && os.SameFile(fa, fb)
}

// judge gives the findings their fingerprints and compares them with the
// baseline: what it records is marked baselined, its stale entries become
// XC002 findings, and with -update-baseline the file is written first.
func (o *outputs) judge(findings []report.Finding) ([]report.Finding, error) {
	c := o.c
	o.tree = baseline.NewTree(c.sourceRoot())
	// Findings of a saved report keep their fingerprints; the others get
	// theirs, ":N" counted among them.
	var have, lack []report.Finding
	for _, f := range findings {
		if f.Fingerprint == "" {
			lack = append(lack, f)
		} else {
			have = append(have, f)
		}
	}
	baseline.Fingerprint(lack, o.tree)
	findings = append(have, lack...)
	if c.baseline == "" {
		return o.onlyNew(findings, nil), nil
	}
	name := c.path(c.baseline)
	old, err := baseline.Load(name)
	switch {
	case c.updateBaseline && errors.Is(err, fs.ErrNotExist):
		old, err = nil, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, inputf("-baseline %s does not exist: write it with -update-baseline", c.baseline)
	}
	var syn *baseline.SyntaxError
	switch {
	case errors.As(err, &syn):
		return nil, inputf("-baseline %s: %v", c.baseline, syn)
	case err != nil:
		var tl *inputfile.TooLargeError
		if errors.As(err, &tl) {
			return nil, inputf("-baseline %s is %v: a baseline lists findings, not files", c.baseline, tl)
		}
		return nil, inputf("cannot read -baseline %s: %v", c.baseline, unwrapPathError(err))
	}
	o.baselined = true
	// A binary's entry is judged only when this run reported on that
	// binary: build and inspect may look at other files.
	reported := map[string]bool{}
	for _, f := range findings {
		reported[f.File] = true
	}
	covers := func(e baseline.Entry) bool { return c.covers(e, reported) }
	if c.updateBaseline {
		b := baseline.Update(findings, old, covers)
		out, err := createOut("baseline", name)
		if err != nil {
			return nil, err
		}
		if err := out.commit(b.Marshal()); err != nil {
			return nil, err
		}
		old = b
		covers = func(baseline.Entry) bool { return false } // just written: nothing stale
	}
	where := relPath(c.sourceRoot(), absPath(name)) // the baseline as findings name it
	j := baseline.Apply(findings, old, where, time.Now(), covers)
	keep := map[int]bool{}
	if len(j.Stale) > 0 {
		pol, err := loadPolicy(c, c.workDir())
		if err != nil {
			return nil, err
		}
		if pol.Enabled("XC002") {
			for _, e := range j.Stale {
				keep[len(findings)] = true
				findings = append(findings, report.Finding{
					Rule:     "XC002",
					Severity: pol.Severity(policy.RuleID("XC002")),
					File:     where,
					Line:     e.Line(),
					Message:  fmt.Sprintf("baseline entry for %s in %s matches no finding: remove it, or rewrite the file with -update-baseline", e.Rule, e.File),
				})
			}
			baseline.Fingerprint(findings[len(findings)-len(j.Stale):], o.tree)
		}
	}
	return o.onlyNew(findings, keep), nil
}

// covers reports whether this run looked where a baseline entry's finding
// would be: its part ran, and for vet its file is one of the analyzed
// packages', for build one this run reported on. Only such an entry is
// stale when nothing matches it.
func (c *common) covers(e baseline.Entry, reported map[string]bool) bool {
	part := report.Part(report.Finding{Rule: e.Rule, File: e.File})
	switch {
	case !slices.Contains(c.parts, part):
		return false
	case part == "vet":
		return c.vetFiles[e.File]
	case part == "build":
		return reported[e.File]
	}
	return true
}

// sourceRoot is the directory finding paths are relative to: the module
// root once vet or audit found it, else the working directory.
func (c *common) sourceRoot() string {
	if c.root != "" {
		return c.root
	}
	return absPath(c.workDir())
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
