package cli

import (
	"bytes"
	"context"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/xcguard/xcguard/analyzers"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/analyzers/xcuse"
	"github.com/xcguard/xcguard/audit"
	"github.com/xcguard/xcguard/cibuild"
	"github.com/xcguard/xcguard/internal/gomsg"
	"github.com/xcguard/xcguard/internal/proc"
	"github.com/xcguard/xcguard/inventory"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

func runVet(ctx context.Context, e *env, args []string) error {
	c := common{parts: []string{"vet"}}
	fs := newFlagSet("vet", "[packages]", -1)
	c.register(fs)
	c.registerBaseline(fs)
	c.registerInventory(fs)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	return vetAndReport(ctx, e, &c, fs.Args())
}

// runCheck is what CI runs: the module audit and vet, and with -build the
// build and its inspection; one report and one exit code.
func runCheck(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlagSet("check", "[packages]", -1)
	c.register(fs)
	c.registerBaseline(fs)
	c.registerInventory(fs)
	build := fs.String("build", "", "also build this main package for the policy's targets into -dist and inspect it (as xcguard build)")
	dist := fs.String("dist", "dist", "with -build: directory for the binaries, SM3SUMS and manifest.json")
	smoke := fs.Bool("smoke", false, "with -build: run each binary after the build (XC506), as xcguard build -smoke")
	c.parts = []string{"audit", "vet"}
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *build != "" {
		c.parts = append(c.parts, "build")
	} else if *smoke {
		return inputf("check: -smoke runs what -build builds: add -build ./cmd/app")
	}
	// What the build needs is checked before anything runs.
	var opt cibuild.Options
	if *build != "" {
		pol, err := buildPolicy(&c, *smoke)
		if err != nil {
			return err
		}
		opt = cibuild.Options{Dir: c.workDir(), Package: *build, Policy: pol, Dist: c.path(*dist), Tags: c.tags, Version: version(), Cache: linkCache()}
		if opt.Smoke, err = smokeRun(pol, *smoke); err != nil {
			return err
		}
	}
	out, err := openOutputs(ctx, &c)
	if err != nil {
		return err
	}
	defer out.close()
	findings, err := vet(ctx, &c, fs.Args())
	if err != nil {
		return err
	}
	audited, err := auditModule(ctx, e, &c, "", false)
	if err != nil {
		return err
	}
	findings = append(findings, audited...)
	if *build != "" {
		built, err := buildFindings(ctx, e, opt)
		if err != nil {
			return err
		}
		findings = append(findings, built...)
	}
	return out.finish(e, findings)
}

func vetAndReport(ctx context.Context, e *env, c *common, patterns []string) error {
	out, err := openOutputs(ctx, c)
	if err != nil {
		return err
	}
	defer out.close()
	findings, err := vet(ctx, c, patterns)
	if err != nil {
		return err
	}
	return out.finish(e, findings)
}

// vetMu serializes runs in one process: the config analyzer's flags, like
// every go/analysis flag, are process-wide.
var vetMu sync.Mutex

// vet loads the packages and runs every analyzer on them with go/analysis's
// checker, the same analyzers go vet runs through the unitchecker protocol.
func vet(ctx context.Context, c *common, patterns []string) ([]report.Finding, error) {
	if c.inventory == "" {
		r, err := analyze(ctx, c, patterns)
		if err != nil {
			return nil, err
		}
		return r.findings, nil
	}
	// -inventory: the CBOM of the same run, beside the report.
	for _, other := range []string{c.output, c.sarif} {
		if other != "" && c.path(other) == c.path(c.inventory) {
			return nil, inputf("-inventory %s is also a report's file: name another file", c.inventory)
		}
	}
	out, err := createOut("inventory", c.path(c.inventory))
	if err != nil {
		return nil, err
	}
	defer out.discard()
	r, err := analyze(ctx, c, patterns, xcuse.Analyzer)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := inventory.Write(&buf, "cyclonedx", buildInventory(r, c.profile), version()); err != nil {
		return nil, err
	}
	if err := out.commit(buf.Bytes()); err != nil {
		return nil, err
	}
	return r.findings, nil
}

// A vetRun is what a vet run found, for the commands that read more
// than findings (inventory): the checker's graph, with the extra analyzers'
// results on the root packages.
type vetRun struct {
	graph    *checker.Graph
	pkgs     []*packages.Package // the root packages
	root     string              // the module root, for relative paths
	findings []report.Finding
}

// analyze runs the analyzers, and extra ones, on the packages.
func analyze(ctx context.Context, c *common, patterns []string, extra ...*analysis.Analyzer) (*vetRun, error) {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if c.dir != "" {
		if fi, err := os.Stat(c.dir); err != nil || !fi.IsDir() {
			return nil, inputf("-C %s: not a directory", c.dir)
		}
	}
	// Check the policy up front, so a broken one is one clear error before
	// any package is loaded. Packages without a policy the pipeline names
	// find theirs by walking up from their directory, as under go vet.
	req, err := c.request(c.workDir())
	if err != nil {
		return nil, err
	}
	if _, err := req.Load(); err != nil {
		return nil, inputf("invalid policy: %v", err)
	}
	if req, err = req.Abs(); err != nil {
		return nil, err
	}
	s := policy.Settings{Profile: strings.Join(req.Profiles, ","), PolicyKey: req.Trust.KeyFile, RequireSigned: policy.Yes(req.Trust.RequireSigned), TrustProject: policy.Yes(req.TrustProject)}
	if req.Named {
		s.Policy = req.File
	}
	vetMu.Lock()
	defer vetMu.Unlock()
	xcconfig.Configure(s, c.tests)

	if err := audit.CheckGoMod(c.workDir()); err != nil {
		return nil, inputf("%v", err)
	}
	if cc, ok := os.LookupEnv("CC"); ok && cc != "" && strings.TrimSpace(cc) == "" {
		// The go command panics on it.
		return nil, inputf("CC is blank: unset it, or name a C compiler")
	}
	modules, err := workspaceModules(c.workDir())
	if err != nil {
		return nil, err
	}
	if modules != nil {
		patterns = workspacePatterns(patterns, modules)
	}
	pkgs, err := load(ctx, c, patterns)
	if err != nil {
		return nil, err
	}
	run := append(slices.Clone(analyzers.All), xcconfig.Analyzer)
	run = append(run, extra...)
	roots := withImportedOwn(pkgs)
	// The dependencies are analyzed for facts; their diagnostics are
	// dropped, so the analyzers may skip what only produces those.
	var paths []string
	for _, p := range roots {
		paths = append(paths, p.PkgPath)
	}
	xcconfig.SetRoots(paths)
	defer xcconfig.SetRoots(nil)
	graph, err := checker.Analyze(run, roots, nil)
	if err != nil {
		return nil, err
	}
	root := moduleRoot(c.workDir(), pkgs)
	if modules != nil {
		root = absPath(c.workDir()) // paths from the workspace root
	}
	findings, err := collect(graph, root, extra)
	if err != nil {
		return nil, err
	}
	c.root = root
	c.vetFiles = analyzedFiles(root, roots)
	return &vetRun{graph: graph, pkgs: roots, root: root, findings: findings}, nil
}

// analyzedFiles are the files of the packages vet analyzed, as findings
// name them.
func analyzedFiles(root string, pkgs []*packages.Package) map[string]bool {
	files := map[string]bool{}
	for _, p := range pkgs {
		for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.EmbedFiles} {
			for _, f := range list {
				files[relPath(root, f)] = true
			}
		}
	}
	return files
}

// withImportedOwn adds to the packages the patterns matched the main
// module's packages they import that the patterns did not match: ./...
// leaves out directories named testdata or starting with _ or ., and
// symbolic links, yet their code is built in. Checking only the matched
// ones would let code placed there pass unseen.
func withImportedOwn(roots []*packages.Package) []*packages.Package {
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	out := slices.Clone(roots)
	packages.Visit(roots, nil, func(p *packages.Package) {
		if !isRoot[p] && p.Module != nil && p.Module.Main {
			isRoot[p] = true
			out = append(out, p)
		}
	})
	return out
}

// load loads the packages from source and reports any that do not load or
// type-check, with the compiler's messages.
func load(ctx context.Context, c *common, patterns []string) ([]*packages.Package, error) {
	mode := packages.LoadSyntax | packages.NeedModule | packages.NeedEmbedFiles
	if usesFacts(analyzers.All) {
		mode = packages.LoadAllSyntax | packages.NeedModule | packages.NeedEmbedFiles
	}
	cfg := &packages.Config{Context: ctx, Mode: mode, Tests: c.tests, Dir: c.dir}
	if c.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + c.tags}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		msg := err.Error()
		if _, stderr, ok := strings.Cut(msg, "stderr: "); ok {
			msg = stderr
		}
		return nil, inputf("loading packages: %s", gomsg.Line(msg))
	}
	if len(pkgs) == 0 {
		hint := ""
		switch {
		case os.Getenv("CGO_ENABLED") == "0":
			hint = " (CGO_ENABLED=0 leaves out every file that imports \"C\")"
		case os.Getenv("GOOS") != "" || os.Getenv("GOARCH") != "":
			hint = fmt.Sprintf(" (GOOS=%s GOARCH=%s in the environment choose which files build)", os.Getenv("GOOS"), os.Getenv("GOARCH"))
		}
		return nil, inputf("no packages match %s%s: check the patterns and that you are inside a Go module", strings.Join(patterns, " "), hint)
	}
	var errs []string
	seen := map[string]bool{}
	typeErrors, noCgo, listErrors := false, false, false
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		listErrors = listErrors || hasErrors(p, packages.ListError)
	})
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			switch {
			case e.Kind == packages.ListError && p.TypesInfo != nil && hasTypeErrors(p):
				// The type checker's errors say what go list's build
				// error says, with positions: show those alone.
				continue
			case e.Kind == packages.TypeError && importFailed(p, e.Msg):
				// A consequence of the imported package's own error,
				// which is shown.
				continue
			case strings.Contains(e.Msg, "could not import C (no metadata for C)"):
				// The consequence of a cgo failure go list reports with
				// its cause (a C compiler missing, a flag refused, C that
				// does not compile); when it does not, say what it takes.
				noCgo = true
				continue
			}
			typeErrors = typeErrors || e.Kind == packages.TypeError
			msg := proc.Clip(gomsg.Line(e.Msg), 400)
			if strings.Contains(msg, "cgo: C compiler") && strings.Contains(msg, "not found") {
				msg += ": " + cgoHint
			}
			if e.Pos != "" && e.Pos != "-" {
				msg = e.Pos + ": " + msg
			}
			if !seen[msg] {
				seen[msg] = true
				errs = append(errs, "\t"+msg)
			}
		}
	})
	if noCgo && !listErrors {
		return nil, inputf("packages that import \"C\" need a working C compiler to load, and the go command could not run one: %s", cgoHint)
	}
	if typeErrors {
		// Hundreds of type errors in the standard library mean a go
		// command newer than the Go xcguard was built with.
		if v, err := goVersion(ctx, c.workDir()); err == nil {
			if msg := gomsg.NewerThanXcguard(v); msg != "" {
				return nil, inputf("%s", msg)
			}
		}
	}
	if len(errs) > 0 {
		const most = 10
		more := ""
		if len(errs) > most {
			more = fmt.Sprintf("\n\t… and %d more", len(errs)-most)
			errs = errs[:most]
		}
		return nil, inputf("packages do not load; fix these errors (or narrow the package patterns):\n%s%s", strings.Join(errs, "\n"), more)
	}
	return pkgs, nil
}

// cgoHint says what to do when packages that import "C" lack a compiler.
const cgoHint = "install gcc (apt-get install gcc) or set CC to a C compiler; if the code builds without cgo, set CGO_ENABLED=0"

// importFailed reports whether a type error is "could not import X" for an
// import that has errors of its own.
func importFailed(p *packages.Package, msg string) bool {
	_, rest, ok := strings.Cut(msg, "could not import ")
	path, _, _ := strings.Cut(rest, " ")
	imp := p.Imports[path]
	return ok && imp != nil && len(imp.Errors) > 0
}

// hasTypeErrors reports whether the type checker found errors of its own
// in p, not only the consequence of a cgo failure go list reports.
func hasTypeErrors(p *packages.Package) bool {
	for _, e := range p.Errors {
		if e.Kind == packages.TypeError && !strings.Contains(e.Msg, "could not import C (no metadata for C)") {
			return true
		}
	}
	return false
}

func hasErrors(p *packages.Package, kind packages.ErrorKind) bool {
	for _, e := range p.Errors {
		if e.Kind == kind {
			return true
		}
	}
	return false
}

// goVersion is the release of the go command that loads packages in dir
// (after any GOTOOLCHAIN switch).
func goVersion(ctx context.Context, dir string) (string, error) {
	cmd := proc.Command(ctx, "go", "env", "GOVERSION")
	cmd.Dir = dir
	var out proc.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return "", err
	}
	return strings.TrimSpace(out.String()), nil
}

func usesFacts(as []*analysis.Analyzer) bool {
	for _, a := range as {
		if len(a.FactTypes) > 0 || usesFacts(a.Requires) {
			return true
		}
	}
	return false
}

// moduleRoot is the directory report paths are relative to: the main
// module's, else the working directory.
func moduleRoot(dir string, pkgs []*packages.Package) string {
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Main && p.Module.Dir != "" {
			return p.Module.Dir
		}
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

// collect turns the checker's diagnostics, and the findings directives
// suppressed, into findings with the severity of each package's policy.
func collect(graph *checker.Graph, root string, extra []*analysis.Analyzer) ([]report.Finding, error) {
	configs := map[*packages.Package]*xcconfig.Config{}
	for _, act := range graph.Roots {
		if act.Analyzer == xcconfig.Analyzer {
			cfg, ok := act.Result.(*xcconfig.Config)
			if !ok {
				// A package the analyzers could not run on: never a pass.
				return nil, inputf("%s could not be analyzed (%v): fix the errors go build reports for it", act.Package.PkgPath, act.Err)
			}
			if cfg.Err != nil {
				return nil, inputf("invalid policy for %s: %v", act.Package.PkgPath, cfg.Err)
			}
			configs[act.Package] = cfg
		}
	}
	seen := map[string]int{}
	var out []report.Finding
	add := func(fset *token.FileSet, pol *policy.Policy, d analysis.Diagnostic, suppressed bool, why string) {
		f := finding(fset, root, pol, d)
		if f.Severity == policy.Off {
			return // the config analyzer drops these; a rule off is never a finding
		}
		f.Suppressed, f.Justification = suppressed, why
		key := fmt.Sprintf("%s:%d:%d:%s:%s", f.File, f.Line, f.Column, f.Rule, f.Message)
		i, dup := seen[key]
		switch {
		case !dup: // a file is in a package and its test variant
			seen[key] = len(out)
			out = append(out, f)
		case out[i].Fix != nil && f.Fix == nil:
			// The test variant refuses what the package alone would
			// fix (a test file uses the GM package's name): no fix.
			out[i].Fix, out[i].Related = nil, f.Related
		}
	}
	for _, act := range graph.Roots {
		if act.Analyzer == xcconfig.Analyzer || slices.Contains(extra, act.Analyzer) {
			continue
		}
		if act.Err != nil {
			return nil, fmt.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		pol := configs[act.Package].Policy
		for _, d := range act.Diagnostics {
			add(act.Package.Fset, pol, d, false, "")
		}
		if act.Analyzer == analyzers.Directive {
			for _, s := range act.Result.([]xcconfig.Suppressed) {
				add(act.Package.Fset, pol, s.Diagnostic, true, s.Justification)
			}
		}
	}
	return out, nil
}

func finding(fset *token.FileSet, root string, pol *policy.Policy, d analysis.Diagnostic) report.Finding {
	pos := fset.Position(d.Pos)
	msg, hint := report.SplitMessage(d.Category, d.Message)
	f := report.Finding{
		Rule:     d.Category,
		Severity: pol.Severity(policy.RuleID(d.Category)),
		Message:  msg,
		Hint:     hint,
		File:     relPath(root, pos.Filename),
		Line:     pos.Line,
		Column:   pos.Column,
	}
	if d.End.IsValid() {
		end := fset.Position(d.End)
		f.EndLine, f.EndColumn = end.Line, end.Column
	}
	for _, r := range d.Related {
		p := fset.Position(r.Pos)
		f.Related = append(f.Related, report.Location{File: relPath(root, p.Filename), Line: p.Line, Column: p.Column, Message: r.Message})
	}
	if len(d.SuggestedFixes) > 0 && fixable(fset, root, d.SuggestedFixes[0]) {
		fix := d.SuggestedFixes[0]
		f.Fix = &report.Fix{Description: fix.Message}
		for _, e := range fix.TextEdits {
			tf := fset.File(e.Pos)
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			f.Fix.Edits = append(f.Fix.Edits, report.Edit{File: relPath(root, tf.Name()), Start: tf.Offset(e.Pos), End: tf.Offset(end), New: string(e.NewText)})
		}
	}
	return f
}

// fixable reports whether every edit of the fix is in a file inside root:
// a cgo file's analyzed source is the go command's generated one, in its
// cache, which no fix may edit.
func fixable(fset *token.FileSet, root string, fix analysis.SuggestedFix) bool {
	for _, e := range fix.TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil || filepath.IsAbs(relPath(root, tf.Name())) {
			return false
		}
	}
	return true
}

// relPath makes a file path relative to root, slash-separated; a file
// outside root keeps its absolute path.
func relPath(root, file string) string {
	rel, err := filepath.Rel(root, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
}
