package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/xcguard/xcguard/internal/gosettings"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// godebugRules are the rules a GODEBUG setting in go.mod can break.
var godebugRules = []policy.RuleID{"XC103", "XC105", "XC107"}

// judgeGodebug reports the GODEBUG defaults go.mod gives a main module that
// weaken what the policy requires, at the line that gives them: each
// godebug line with a weak value, and the go directive (or a godebug
// default=goX line) for the old defaults its version keeps. Go applies them
// whatever toolchain builds the module; //go:debug directives in the main
// package, which the vet rules judge, override them.
func (a *auditor) judgeGodebug() {
	if !a.enabled(godebugRules...) {
		return
	}
	f := a.gm.file
	src := godebugSource{name: "go.mod", godebug: f.Godebug, at: linePos(f.Module.Syntax), add: a.add}
	if f.Go != nil {
		src.goVersion, src.goAt = f.Go.Version, linePos(f.Go.Syntax)
	}
	work, err := a.workFile()
	if err != nil {
		a.findings = append(a.findings, err...)
		return
	}
	if work != nil {
		// In a workspace, go.work sets the main modules' defaults.
		a.judgeGodebugIn(src, false)
		a.judgeGodebugIn(*work, true)
		return
	}
	a.judgeGodebugIn(src, true)
}

// A godebugSource is a file that gives a program GODEBUG defaults: go.mod,
// or go.work in a workspace.
type godebugSource struct {
	name      string // as messages say it: go.mod, go.work
	goVersion string // its go line, "" when it has none
	goAt, at  goModPos
	godebug   []*modfile.Godebug
	add       func(rule policy.RuleID, at goModPos, msg, hint string, related []report.Location)
}

// judgeGodebugIn judges a source's godebug lines and, with implied, the
// old defaults its go line (or godebug default=goX) keeps.
func (a *auditor) judgeGodebugIn(src godebugSource, implied bool) {
	pol := a.opt.Policy
	explicit := map[string]bool{}
	for _, g := range src.godebug {
		explicit[g.Key] = true
		if s, bad := pol.ForbidsGodebug(g.Key, g.Value); bad {
			n := len(a.findings)
			src.add(policy.RuleID(s.Rule), linePos(g.Syntax), fmt.Sprintf("godebug %s=%s: %s%s", g.Key, g.Value, s.Does, pol.Breaks(s)), fmt.Sprintf("remove the line, or write godebug %s=%s", g.Key, s.Strong()), nil)
			if src.name == "go.mod" && len(a.findings) > n {
				a.findings[n].Fix = a.gm.deleteLine(g.Syntax, fmt.Sprintf("remove godebug %s=%s", g.Key, g.Value))
			}
		}
	}
	if !implied || a.pkgs != nil && !a.pkgs.hasMain() {
		// The defaults are the main module's: a library's go line sets
		// them only for its own commands, and it has none.
		return
	}
	base, at, from := "1.16", src.at, "no go directive in "+src.name+" (go 1.16 assumed)"
	if src.goVersion != "" {
		base, at, from = src.goVersion, src.goAt, "go "+src.goVersion+" in "+src.name
	}
	for _, g := range src.godebug {
		if v := gosettings.DefaultVersion(g.Value); g.Key == "default" && v != "" {
			base, at, from = v, linePos(g.Syntax), "godebug default="+g.Value+" in "+src.name
		}
	}
	var weak []gosettings.Setting
	for _, s := range gosettings.Implied(base) {
		if explicit[s.Name] {
			continue // its own line decides, judged above
		}
		if _, bad := pol.ForbidsGodebug(s.Name, s.Weak); bad {
			weak = append(weak, s)
		}
	}
	for _, group := range gosettings.ByRule(weak) {
		var names []string
		newest := ""
		for _, s := range group {
			names = append(names, s.Name+"="+s.Strong())
			if gosettings.Before(newest, s.Changed) || newest == "" {
				newest = s.Changed
			}
		}
		msg := fmt.Sprintf("%s keeps Go's old GODEBUG defaults %s%s", from, gosettings.Describe(group), pol.Breaks(group[0]))
		src.add(policy.RuleID(group[0].Rule), at, msg, fmt.Sprintf("raise the go directive to %s or newer, or add godebug %s", newest, strings.Join(names, ", ")), nil)
	}
}

// workFile is the go.work that makes the module part of a workspace when
// go builds it ($GOWORK, else the nearest go.work above), as a source;
// nil when there is none (or GOWORK=off). A go.work that cannot be read is
// a finding: its defaults cannot be judged.
func (a *auditor) workFile() (*godebugSource, []report.Finding) {
	path := os.Getenv("GOWORK")
	switch path {
	case "off":
		return nil, nil
	case "":
		for d := a.root; ; {
			if _, err := os.Lstat(filepath.Join(d, "go.work")); err == nil {
				path = filepath.Join(d, "go.work")
				break
			}
			parent := filepath.Dir(d)
			if parent == d || isRepo(d) {
				return nil, nil
			}
			d = parent
		}
	}
	shown := path
	if rel, err := filepath.Rel(a.root, path); err == nil {
		shown = filepath.ToSlash(rel)
	}
	at := func(rule policy.RuleID, pos goModPos, msg, hint string, related []report.Location) {
		sev := a.opt.Policy.Severity(rule)
		if sev == policy.Off {
			return
		}
		a.findings = append(a.findings, report.Finding{Rule: string(rule), Severity: sev, Message: msg, Hint: hint, File: shown, Line: pos.line, Column: pos.col, EndLine: pos.endLine, EndColumn: pos.endCol, Related: related})
	}
	data, err := ReadGoMod(path, shown)
	if err == nil {
		var w *modfile.WorkFile
		if w, err = modfile.ParseWork(shown, data, nil); err == nil {
			src := godebugSource{name: shown, godebug: w.Godebug, at: goModPos{1, 1, 1, 1}, add: at}
			if w.Go != nil {
				src.goVersion, src.goAt = w.Go.Version, linePos(w.Go.Syntax)
			}
			return &src, nil
		}
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	f := report.Finding{Rule: "XC107", Severity: a.opt.Policy.Severity("XC107"), Message: "the workspace file " + shown + " cannot be read, so the GODEBUG defaults it gives cannot be judged: " + first, File: shown, Line: 1, Column: 1}
	if f.Severity == policy.Off {
		return nil, nil
	}
	return nil, []report.Finding{f}
}

// isRepo reports whether dir is a repository's root.
func isRepo(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}
