package cibuild

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/internal/gomsg"
	"github.com/xcguard/xcguard/internal/proc"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// Options configure a build.
type Options struct {
	// Dir is the directory the build runs in (a module or inside one).
	Dir string
	// Package is the main package to build (default ".").
	Package string
	Policy  *policy.Policy
	// Dist is the output directory (default "dist" under Dir).
	Dist string
	// LDFlags are the user's linker flags, added after the policy's.
	LDFlags string
	// Tags are build tags, comma-separated.
	Tags string
	// Smoke runs each binary after the build (XC506); the policy's
	// build.smoke decides the arguments, timeout and RSS budget.
	Smoke bool
	// SignKey, when not nil, signs manifest.json (manifest.json.sig).
	SignKey *gm.PrivateKey
	// Version is xcguard's version, recorded in the manifest.
	Version string
	// Cache is the link cache directory (cache.go); "" builds without one.
	Cache string
	// Progress, when not nil, gets a line per long step.
	Progress io.Writer
}

// A Result is what a build made and found.
type Result struct {
	Artifacts []*Artifact
	// Findings are the inspection and smoke findings of every artifact.
	Findings []report.Finding
	Manifest *Manifest
}

// An Artifact is one binary in dist/.
type Artifact struct {
	Target policy.Target
	// File is the binary's name inside dist/.
	File   string
	Binary *Binary
	SM3    string
	Smoke  *SmokeResult
}

// An InputError is a problem with what is built or with the toolchain
// (missing cross compiler, not a main package, a compile error); its
// message says what to do.
type InputError struct{ msg string }

func (e *InputError) Error() string { return e.msg }

func inputf(format string, args ...any) error {
	return &InputError{fmt.Sprintf(format, args...)}
}

// Build cross-compiles the package for every target of the policy,
// inspects each binary, optionally smoke-runs it, and writes dist/ with the
// binaries, SM3SUMS and manifest.json. A target that cannot be built
// does not cost the others: dist/ holds theirs, its manifest lists the
// failed targets, and the error is a *PartialError beside the Result.
// Inspection findings do not stop it.
func Build(ctx context.Context, opt Options) (*Result, error) {
	if opt.Package == "" {
		opt.Package = "."
	}
	if opt.Dist == "" {
		opt.Dist = filepath.Join(opt.Dir, "dist")
	}
	var err error
	if opt.Dir, err = filepath.Abs(opt.Dir); err != nil {
		return nil, err
	}
	if opt.Dist, err = filepath.Abs(opt.Dist); err != nil {
		return nil, err
	}
	if opt.Cache != "" {
		// go build runs in Dir: a relative cache must mean the same to it.
		if opt.Cache, err = filepath.Abs(opt.Cache); err != nil {
			return nil, err
		}
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, inputf("the go command is not on PATH: install Go 1.24 or newer")
	}
	if strings.Contains(opt.Package, "...") {
		return nil, inputf("%s is a pattern: build one main package at a time, e.g. ./cmd/app", opt.Package)
	}
	targets := opt.Policy.Build.Targets
	if len(targets) == 0 {
		targets = []policy.Target{policy.Target(runtime.GOOS + "/" + runtime.GOARCH)}
	}
	dist, created, err := makeDist(opt.Dist)
	if err != nil {
		return nil, err
	}
	if created {
		defer os.Remove(dist) // only if the build left it empty
	}
	// The scratch directory is inside dist/, so that moving the results
	// in is a rename on one filesystem, also when dist/ is a link to
	// another one.
	tmp, err := os.MkdirTemp(dist, ".xcguard-build-*")
	if err != nil {
		return nil, inputf("cannot write into %s: %v", opt.Dist, unwrapPath(err))
	}
	defer os.RemoveAll(tmp)

	res := &Result{Manifest: newManifest(opt)}
	var failed []TargetFailure
	for i, t := range targets {
		a, findings, err := buildTarget(ctx, goBin, opt, res.Manifest, t, i, len(targets) > 1, tmp)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// One target's failure does not cost the others.
			failed = append(failed, TargetFailure{t, err})
			res.Manifest.Failed = append(res.Manifest.Failed, FailedTarget{Target: t, Error: err.Error()})
			continue
		}
		res.Artifacts = append(res.Artifacts, a)
		res.Findings = append(res.Findings, findings...)
		res.Manifest.addArtifact(a, findings, opt.Policy)
	}
	if len(res.Artifacts) == 0 {
		return nil, failed[0].Err
	}
	report.Sort(res.Findings)
	if err := writeDist(tmp, dist, res, opt.Version, opt.SignKey); err != nil {
		return nil, err
	}
	if len(failed) > 0 {
		return res, &PartialError{Failed: failed, Dist: opt.Dist}
	}
	return res, nil
}

// A TargetFailure is a target that could not be built, inspected or
// smoke-run.
type TargetFailure struct {
	Target policy.Target
	Err    error
}

// A PartialError is returned beside the Result of a build where some
// targets failed: the others' binaries, findings and manifest are written.
type PartialError struct {
	Failed []TargetFailure
	Dist   string
}

func (e *PartialError) Error() string {
	var b strings.Builder
	for i, f := range e.Failed {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Err.Error())
	}
	fmt.Fprintf(&b, " (the other targets' binaries are in %s, and its manifest lists the failed targets)", e.Dist)
	return b.String()
}

// buildTarget builds, inspects and, when asked, smoke-runs one target,
// leaving the binary in tmp.
func buildTarget(ctx context.Context, goBin string, opt Options, m *Manifest, t policy.Target, i int, multi bool, tmp string) (*Artifact, []report.Finding, error) {
	tc, err := toolchainFor(ctx, opt.Policy, t)
	if err != nil {
		return nil, nil, err
	}
	m.addToolchain(t, tc)
	progress(opt.Progress, "building %s for %s", opt.Package, t)
	start := time.Now()
	built, err := link(ctx, goBin, opt, tc, tmp, i)
	if err != nil {
		return nil, nil, err
	}
	file := filepath.Base(built)
	if multi {
		ext := ""
		if t.OS() == "windows" {
			ext = ".exe"
		}
		file = fmt.Sprintf("%s-%s-%s%s", strings.TrimSuffix(file, ext), t.OS(), t.Arch(), ext)
	}
	out := filepath.Join(tmp, file)
	if err := os.Rename(built, out); err != nil {
		return nil, nil, err
	}
	progress(opt.Progress, "built %s in %.1fs", file, time.Since(start).Seconds())
	a, findings, err := examine(out, opt, t)
	if err != nil {
		os.Remove(out)
		return nil, nil, err
	}
	if opt.Smoke {
		progress(opt.Progress, "smoke run of %s", file)
		if a.Smoke, err = Smoke(ctx, out, tc, opt.Policy); err != nil {
			os.Remove(out)
			return nil, nil, err
		}
		findings = append(findings, smokeFindings(a.Smoke, opt.Policy, distPath(opt, file))...)
	}
	return a, findings, nil
}

// examine hashes a freshly built binary while it reads and inspects it:
// on two cores the SM3 digest, the longest step after the link, then costs
// little more than itself.
func examine(out string, opt Options, t policy.Target) (*Artifact, []report.Finding, error) {
	type digest struct {
		sum string
		err error
	}
	sum := make(chan digest, 1)
	go func() {
		s, err := sm3File(out)
		sum <- digest{s, err}
	}()
	file := filepath.Base(out)
	b, err := Read(out)
	var findings []report.Finding
	if err == nil {
		b.Path = filepath.Join(opt.Dist, file)
		findings = Inspect(b, opt.Policy, t, distPath(opt, file))
	}
	d := <-sum
	if err = cmp.Or(err, d.err); err != nil {
		return nil, nil, err
	}
	return &Artifact{Target: t, File: file, Binary: b, SM3: d.sum}, findings, nil
}

// distPath is the artifact's path as findings show it: relative to Dir.
func distPath(opt Options, file string) string {
	p := filepath.Join(opt.Dist, file)
	if rel, err := filepath.Rel(opt.Dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		p = rel
	}
	return filepath.ToSlash(p)
}

func progress(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "xcguard: "+format+"\n", args...)
	}
}

// checkMain explains why a package built no binary when it is not one
// main package.
func checkMain(ctx context.Context, opt Options) error {
	args := []string{"list", "-f", "{{.Name}} {{.ImportPath}}"}
	if opt.Tags != "" {
		args = append(args, "-tags="+opt.Tags)
	}
	cmd := proc.Command(ctx, "go", append(args, "--", opt.Package)...)
	cmd.Dir = opt.Dir
	var stderr proc.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return inputf("cannot load package %s: %s", opt.Package, gomsg.Line(stderr.String()))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 1 {
		return inputf("%s names %d packages: build one main package at a time", opt.Package, len(lines))
	}
	pkgName, path, _ := strings.Cut(lines[0], " ")
	if pkgName != "main" {
		return inputf("%s is package %s, not a command: name a main package, e.g. ./cmd/app", path, pkgName)
	}
	return nil
}

// firstLines is at most n lines of s, trimmed, joined with "; ".
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("… %d more lines", len(lines)-n))
	}
	return strings.Join(lines, "\n\t")
}

// link builds one target's binary and returns its path in a directory of
// its own under tmp. Without a link cache go build writes into that
// directory, which lets it name the binary as it always does (app, app.exe,
// app for example.com/app/v2) with no go list before the build; with one,
// it writes into the cache entry and the binary is copied out (cache.go).
func link(ctx context.Context, goBin string, opt Options, tc *toolchain, tmp string, i int) (string, error) {
	dir := filepath.Join(tmp, fmt.Sprintf(".out-%d", i))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", err
	}
	entry := cacheEntry(opt, tc)
	if entry == "" {
		return buildInto(ctx, goBin, opt, tc, dir)
	}
	unlock, err := lockEntry(entry)
	if err != nil {
		return buildInto(ctx, goBin, opt, tc, dir)
	}
	defer unlock()
	bin := singleBinary(entry)
	if bin != "" {
		if err := goBuild(ctx, goBin, opt, tc, bin); err != nil {
			return "", err
		}
		if !namedAsGoWould(bin) {
			os.Remove(bin)
			bin = ""
		}
	}
	if bin == "" {
		clearEntry(entry)
		if bin, err = buildInto(ctx, goBin, opt, tc, entry); err != nil {
			return "", err
		}
	}
	out := filepath.Join(dir, filepath.Base(bin))
	return out, copyFile(out, bin)
}

// buildInto runs go build into the directory dir and returns the binary
// it made there.
func buildInto(ctx context.Context, goBin string, opt Options, tc *toolchain, dir string) (string, error) {
	if err := goBuild(ctx, goBin, opt, tc, dir+string(filepath.Separator)); err != nil {
		return "", err
	}
	bin := singleBinary(dir)
	if bin == "" {
		if err := checkMain(ctx, opt); err != nil {
			return "", err
		}
		return "", inputf("go build for %s made no binary for %s", tc.target, opt.Package)
	}
	return bin, nil
}

// withExtStrip adds -extldflags=-Wl,--strip-all to linker flags that ask
// for -s when cgo links externally: the go linker's -s reaches the C
// linker only as -s, which zig cc ignores, and the binary then keeps the C
// side's symbols and DWARF (XC502). Flags that already set -extldflags are
// the user's to complete.
func withExtStrip(ld string, tc *toolchain) string {
	fields := strings.Fields(ld)
	if !slices.Contains(tc.env, "CGO_ENABLED=1") || !slices.Contains(fields, "-s") ||
		slices.ContainsFunc(fields, func(f string) bool { return strings.HasPrefix(strings.TrimLeft(f, "-"), "extldflags") }) {
		return ld
	}
	return ld + " -extldflags=-Wl,--strip-all"
}

// goBuild runs go build -o out for one target. A package that is not a
// command is found out by go list only when the build fails.
func goBuild(ctx context.Context, goBin string, opt Options, tc *toolchain, out string) error {
	bs := opt.Policy.Build
	args := []string{"build", "-o", out}
	if policy.True(bs.Trimpath) {
		args = append(args, "-trimpath")
	}
	if ld := strings.TrimSpace(string(bs.LDFlags) + " " + opt.LDFlags); ld != "" {
		args = append(args, "-ldflags="+withExtStrip(ld, tc))
	}
	if opt.Tags != "" {
		args = append(args, "-tags="+opt.Tags)
	}
	args = append(args, "--", opt.Package)
	cmd := proc.Command(ctx, goBin, args...)
	cmd.Dir = opt.Dir
	cmd.Env = append(os.Environ(), tc.env...)
	var stderr proc.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := checkMain(ctx, opt); err != nil {
			return err
		}
		return inputf("go build for %s failed; fix the build:\n\t%s", tc.target, firstLines(stderr.String(), 20))
	}
	return nil
}

// A toolchain is how one target is built.
type toolchain struct {
	target policy.Target
	env    []string
	// cc is the C compiler command (cgo builds), ccVersion the first line
	// of its --version, machine its -dumpmachine.
	cc, ccVersion, machine string
	sysroot                string
}

// toolchainFor resolves the environment of a target's build and checks the
// C compiler can build for it.
func toolchainFor(ctx context.Context, p *policy.Policy, t policy.Target) (*toolchain, error) {
	bs := p.Build
	tc := &toolchain{target: t, sysroot: bs.Sysroot[t]}
	tc.env = []string{"GOOS=" + t.OS(), "GOARCH=" + t.Arch(), "GOFLAGS=" + goflags()}
	for name, level := range cpuLevels(bs.For(t)) {
		tc.env = append(tc.env, name+"="+level)
	}
	cgo := policy.True(bs.CGO)
	if !cgo {
		tc.env = append(tc.env, "CGO_ENABLED=0")
		return tc, nil
	}
	tc.env = append(tc.env, "CGO_ENABLED=1")
	cc := bs.CC[t]
	if cc == "" {
		if t != policy.Target(runtime.GOOS+"/"+runtime.GOARCH) {
			return nil, inputf("build.cgo needs a C compiler for %s: set build.cc, e.g. cc: {%s: %s-gcc} (Debian: apt-get install %s)", t, t, archOf(t.Arch()).triple(t.OS()), archOf(t.Arch()).gccPackage(t.OS()))
		}
		cc = "gcc"
		if env, ok := os.LookupEnv("CC"); ok && env != "" {
			if strings.TrimSpace(env) == "" {
				return nil, inputf("CC is blank: unset it, or name the C compiler for %s", t)
			}
			cc = env
		}
	}
	tc.cc = cc
	tc.env = append(tc.env, "CC="+cc)
	fields := strings.Fields(cc)
	if _, err := exec.LookPath(fields[0]); err != nil {
		return nil, inputf("C compiler %s for %s not found: %s", fields[0], t, installHint(t, fields[0]))
	}
	machine, err := ccOutput(ctx, fields, "-dumpmachine")
	if err != nil {
		return nil, inputf("C compiler %q does not run (%v): %s", cc, err, installHint(t, fields[0]))
	}
	tc.machine = machine
	if !machineMatches(machine, t) {
		return nil, inputf("C compiler %q builds for %s, not %s: %s", cc, machine, t, installHint(t, fields[0]))
	}
	if v, err := ccOutput(ctx, fields, "--version"); err == nil {
		tc.ccVersion = v
	}
	return tc, nil
}

// cpuLevels are the environment variables that set a target's CPU level
// (GOARM64, GOAMD64, GOMIPS64), as the policy sets them: For leaves the
// other architectures' unset.
func cpuLevels(s policy.TargetBuild) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, kv := range [][2]string{{"GOARM64", string(s.GOARM64)}, {"GOAMD64", string(s.GOAMD64)}, {"GOMIPS64", string(s.GOMIPS64)}} {
			if kv[1] != "" && !yield(kv[0], kv[1]) {
				return
			}
		}
	}
}

// hasCPULevel reports whether the policy sets the target's CPU level.
func hasCPULevel(s policy.TargetBuild) bool {
	for range cpuLevels(s) {
		return true
	}
	return false
}

// goflags keeps the user's GOFLAGS but for -o and flags the build sets.
func goflags() string {
	var keep []string
	for f := range strings.FieldsSeq(os.Getenv("GOFLAGS")) {
		if !strings.HasPrefix(f, "-ldflags") && !strings.HasPrefix(f, "-o=") {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, " ")
}

// ccOutput runs the compiler with one flag and returns its first line.
// The probe is bounded in time even for a wrapper (ccache, zig) that
// leaves a child holding its output open: the process group is killed at
// the timeout, and output is not waited on past proc.WaitDelay.
func ccOutput(ctx context.Context, cc []string, flag string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, ccProbeTimeout)
	defer cancel()
	cmd := proc.Command(ctx, cc[0], append(slices.Clone(cc[1:]), flag)...)
	var out, stderr proc.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.Is(err, exec.ErrWaitDelay):
		// It answered and exited; a child kept the pipe open.
	case ctx.Err() == context.DeadlineExceeded:
		return "", fmt.Errorf("%s %s did not answer within %s", cc[0], flag, ccProbeTimeout)
	case errors.As(err, &ee):
		return "", fmt.Errorf("%s %s: %s", cc[0], flag, firstLines(stderr.String(), 2))
	case err != nil:
		return "", err
	}
	line, _, _ := strings.Cut(strings.TrimSpace(out.String()), "\n")
	return proc.Clip(line, 256), nil
}

// ccProbeTimeout bounds each run of the C compiler that checks it.
var ccProbeTimeout = 30 * time.Second

// machineMatches reports whether a GNU triple (aarch64-linux-gnu,
// aarch64-unknown-linux-gnu.2.28, x86_64-pc-linux-gnu) builds for t.
func machineMatches(triple string, t policy.Target) bool {
	arch, rest, _ := strings.Cut(triple, "-")
	want := archOf(t.Arch()).gnu
	archOK := arch == want || t.Arch() == "arm64" && arch == "arm64" || t.Arch() == "386" && slices.Contains([]string{"i386", "i486", "i586", "i686"}, arch) || t.Arch() == "arm" && strings.HasPrefix(arch, "arm")
	return archOK && strings.Contains(rest, t.OS())
}

func installHint(t policy.Target, cc string) string {
	if strings.HasSuffix(cc, "zig") {
		return "install zig 0.11 or newer and put it on PATH, or set build.cc to another compiler for " + string(t)
	}
	a := archOf(t.Arch())
	return fmt.Sprintf("install %s (Debian, Ubuntu, Kylin: apt-get install %s %s) or set build.cc to a compiler for %s", a.gccPackage(t.OS()), a.gccPackage(t.OS()), a.sysrootPackage(), t)
}

// buildScratch writes a throwaway main module (files by name) into dir and
// builds it with a target's toolchain, env added last, into dir/main. On a
// failed build out is go build's output.
func buildScratch(ctx context.Context, tc *toolchain, dir string, files map[string]string, env ...string) (bin, out string, err error) {
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return "", "", err
		}
	}
	bin = filepath.Join(dir, "main")
	cmd := proc.Command(ctx, "go", "build", "-trimpath", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(append(append(os.Environ(), tc.env...), "GOWORK=off"), env...)
	var output proc.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		return "", output.String(), err
	}
	return bin, "", nil
}
