// Package audit is xcguard's module auditor: it judges a module's go.mod and
// build list against the policy's modules section (rules XC401–XC405).
//
// It reads the module through four views, and every finding says which one
// it comes from:
//
//   - declared: go.mod itself (go and toolchain directives, requires,
//     replaces), read with golang.org/x/mod/modfile;
//   - graph: the build list, from the module requirement graph
//     (go mod graph) and minimal version selection;
//   - used: the modules that provide packages to the build
//     (go list -deps of the module's packages, tests optional), with the
//     import chain from a package of the main module;
//   - linked: the modules a binary's build info records, judged by the
//     build inspector (XC508) with the same Matcher.
//
// Findings are reported at go.mod lines; a module absent from go.mod at the
// require line of the direct dependency that pulls it in. When the graph
// cannot be resolved (offline, with modules missing from the cache), the
// audit falls back to what it can read and says so in Result.Degraded.
package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// A View is where a finding's module was seen.
type View string

const (
	Declared View = "declared" // go.mod
	Graph    View = "graph"    // the build list
	Used     View = "used"     // a module that provides packages to the build
	Linked   View = "linked"   // a binary's build info (the build inspector)
)

// Options configure an audit.
type Options struct {
	// Dir is the module's directory, or a directory inside it.
	Dir    string
	Policy *policy.Policy
	// Tests adds the imports of _test.go files to the used view.
	Tests bool
	// Tags are the build tags (comma-separated) of the used view.
	Tags string
	// Why adds to each finding the import chain (or requirement path) that
	// brings the module in, as related locations with file:line.
	Why bool
	// Go runs the go command; nil runs "go" from PATH.
	Go GoRunner
}

// A Result is the audit's findings, suppressed ones included.
type Result struct {
	Findings []report.Finding
	// Root is the module's directory, which finding paths are relative to.
	Root string
	// Degraded, when not empty, is one line saying which view could not be
	// read and what the findings come from instead.
	Degraded string
}

// An InputError is a problem with what is audited or with the tools it
// needs: go.mod, the go command, packages that do not load. Its message
// says what to do.
type InputError struct{ msg string }

func (e *InputError) Error() string { return e.msg }

func inputf(format string, args ...any) error {
	return &InputError{fmt.Sprintf(format, args...)}
}

// moduleRules are the rules the module views decide.
var moduleRules = []policy.RuleID{"XC401", "XC402", "XC403"}

// auditRules are the rules this package reports, directives aside.
var auditRules = []policy.RuleID{"XC401", "XC402", "XC403", "XC404", "XC405", "XC103", "XC105", "XC107"}

// Run audits the module that holds opt.Dir.
func Run(ctx context.Context, opt Options) (*Result, error) {
	root, shown, err := findModule(opt.Dir)
	if err != nil {
		return nil, err
	}
	gm, err := readGoMod(filepath.Join(root, "go.mod"), shown)
	if err != nil {
		return nil, err
	}
	a := &auditor{opt: opt, root: root, gm: gm, matcher: NewMatcher(opt.Policy)}
	if a.opt.Go == nil {
		a.opt.Go = execGo
	}
	if a.enabled(moduleRules...) {
		if err := a.load(ctx); err != nil {
			return nil, err
		}
	}
	a.judgeModules()
	a.judgeReplaces()
	a.judgeGoVersion()
	a.judgeGodebug()
	a.directiveFindings()
	return &Result{Findings: a.findings, Root: root, Degraded: a.degraded}, nil
}

// findModule finds the go.mod in dir or above. shown is its path as the
// user would write it: relative to the working directory when possible.
func findModule(dir string) (root, shown string, err error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return "", "", inputf("%s is not a directory: name the module's directory", dir)
	}
	for d := abs; ; {
		// Whatever is there counts (a broken link, a FIFO): reading it then
		// fails, where skipping it would audit another module.
		if _, err := os.Lstat(filepath.Join(d, "go.mod")); err == nil {
			shown := filepath.Join(d, "go.mod")
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, shown); err == nil && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
					shown = rel
				}
			}
			return d, filepath.ToSlash(shown), nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", inputf("no go.mod in %s or any parent: run xcguard audit inside a module, or name its directory", dir)
		}
		d = parent
	}
}

// CheckGoMod refuses the go.mod of the module that holds dir when it is not
// one the go command can read in bounded time and memory (a FIFO, a device,
// a huge file), before anything hands it to the go command. A dir in no
// module is not its concern.
func CheckGoMod(dir string) error {
	root, shown, err := findModule(dir)
	if err != nil {
		return nil
	}
	_, err = ReadGoMod(filepath.Join(root, "go.mod"), shown)
	return err
}

// auditor is one audit in progress.
type auditor struct {
	opt     Options
	root    string
	gm      *goMod
	matcher *Matcher

	graph    *modGraph // nil when unavailable
	pkgs     *pkgGraph // nil when unavailable
	modcache string    // GOMODCACHE, for -why requirement lines
	degraded string

	findings []report.Finding
}

func (a *auditor) enabled(rules ...policy.RuleID) bool {
	for _, r := range rules {
		if a.opt.Policy.Enabled(r) {
			return true
		}
	}
	return false
}

// add records a finding of rule at a go.mod line unless the policy turns
// the rule off; a directive on the line, or alone on the line before,
// suppresses it.
func (a *auditor) add(rule policy.RuleID, at goModPos, msg, hint string, related []report.Location) {
	sev := a.opt.Policy.Severity(rule)
	if sev == policy.Off {
		return
	}
	f := report.Finding{
		Rule:      string(rule),
		Severity:  sev,
		Message:   msg,
		Hint:      hint,
		File:      "go.mod",
		Line:      at.line,
		Column:    at.col,
		EndLine:   at.endLine,
		EndColumn: at.endCol,
		Related:   related,
	}
	if d := a.gm.suppressor(at.line, string(rule)); d != nil {
		f.Suppressed, f.Justification = true, d.Reason
	}
	a.findings = append(a.findings, f)
}

// directiveFindings reports malformed directives (XC001) and, for the
// rules this audit could judge and the policy turns on, directives that
// suppressed nothing (XC002).
func (a *auditor) directiveFindings() {
	// Without the used view a deny or allow entry restricted to packages
	// cannot fire, and without the graph a version may not be the one the
	// build selects: directives for those rules may be needed after all.
	judged := auditRules
	switch {
	case a.pkgs == nil && a.graph == nil:
		judged = []policy.RuleID{"XC404", "XC405", "XC103", "XC105", "XC107"}
	case a.pkgs == nil:
		judged = []policy.RuleID{"XC403", "XC404", "XC405", "XC103", "XC105", "XC107"}
	}
	for _, d := range a.gm.directives {
		at := goModPos{d.line, d.col, d.line, d.endCol}
		if d.Problem != "" {
			a.add("XC001", at, d.Problem, "", nil)
			continue
		}
		if d.used {
			continue
		}
		var rules []string
		for _, r := range d.Rules {
			for _, j := range judged {
				if r == string(j) && a.opt.Policy.Enabled(j) {
					rules = append(rules, r)
				}
			}
		}
		if len(rules) > 0 {
			a.add("XC002", at, fmt.Sprintf("suppression directive for %s suppresses nothing: remove it", strings.Join(rules, ",")), "", nil)
		}
	}
}
