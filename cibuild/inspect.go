package cibuild

import (
	"cmp"
	"debug/elf"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/audit"
	"github.com/xcguard/xcguard/internal/gosettings"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// Rules are the rules inspection reports. XC506 (the smoke run) is
// reported by the build, which runs the binary.
var Rules = []policy.RuleID{"XC501", "XC502", "XC503", "XC504", "XC505", "XC507", "XC508", "XC509"}

// TargetFor picks the policy target a binary is judged against: the one
// the binary is built for when the policy lists it, else the first one.
// A policy with no targets judges a binary against its own platform.
func TargetFor(b *Binary, p *policy.Policy) policy.Target {
	own := b.Platform()
	if len(p.Build.Targets) == 0 || slices.Contains(p.Build.Targets, own) {
		return own
	}
	return p.Build.Targets[0]
}

// An inspection collects the findings about one binary.
type inspection struct {
	b        *Binary
	p        *policy.Policy
	target   policy.Target
	file     string // the binary as findings name it
	findings []report.Finding
	byModule map[string][]string // linked packages by module, built on first use
}

// Inspect judges a binary against the policy for a target. file is the
// path findings carry (the artifact as the user knows it).
func Inspect(b *Binary, p *policy.Policy, target policy.Target, file string) []report.Finding {
	in := &inspection{b: b, p: p, target: target, file: file}
	in.platform()
	in.stripped()
	in.glibc()
	in.size()
	in.linked()
	in.settings()
	in.modules()
	in.godebug()
	report.Sort(in.findings)
	return in.findings
}

func (in *inspection) add(rule policy.RuleID, hint, format string, args ...any) {
	sev := in.p.Severity(rule)
	if sev == policy.Off {
		return
	}
	in.findings = append(in.findings, report.Finding{
		Rule:     string(rule),
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
		Hint:     hint,
		File:     in.file,
	})
}

// platform: XC501, the OS, architecture and ELF class.
func (in *inspection) platform() {
	got := in.b.Platform()
	class := elfClass(in.b.Class)
	wantClass := "ELF64"
	if slices.Contains([]string{"386", "arm", "mips", "mipsle"}, in.target.Arch()) {
		wantClass = "ELF32"
	}
	if got != in.target || class != wantClass {
		in.add("XC501", "", "binary is %s (%s, %s); target is %s (%s, %s)",
			got, class, machineName(in.b.Machine), in.target, wantClass, archName(in.target.Arch()))
	}
	in.loongWorld()
	if in.b.Build != nil {
		if claimed := setting(in.b.Build, "GOARCH"); claimed != "" && claimed != in.b.GOARCH {
			in.add("XC501", "", "binary's ELF header says %s (%s) but its build info says GOARCH=%s: the file was changed after the build", in.b.GOARCH, machineName(in.b.Machine), claimed)
		}
	}
}

// loongWorld: XC501, a LoongArch binary of the other world than the
// target's OS. The worlds' system calls, signal frames and loaders differ:
// a new-world binary does not start on Kylin V10 or UOS 20 on a 3A5000.
func (in *inspection) loongWorld() {
	want := in.p.Build.For(in.target).World
	got, why := in.b.LoongWorld()
	if want == "" || got == "" || got == want {
		return
	}
	where := in.p.Build.Where(in.target, "world")
	if want == policy.OldWorld {
		in.add("XC501", "build it with Loongson's Go toolchain for the old world: upstream Go builds only new-world binaries; or install a compatibility layer such as libLoL on the target and declare world: new",
			"binary is a new-world LoongArch binary (%s); the target's OS is old world (%s), like Kylin V10 and UOS 20, where it does not start", why, where)
		return
	}
	in.add("XC501", "build it with upstream Go (and, with cgo, a new-world C compiler such as Debian's gcc-loongarch64-linux-gnu)",
		"binary is an old-world LoongArch binary (%s); the target's OS is new world (%s), with glibc 2.36 or later, where it does not start", why, where)
}

func elfClass(c elf.Class) string {
	if c == elf.ELFCLASS32 {
		return "ELF32"
	}
	return "ELF64"
}

// machineName is the usual name of an ELF machine.
func machineName(m elf.Machine) string {
	switch m {
	case elf.EM_AARCH64:
		return "AArch64"
	case elf.EM_X86_64:
		return "x86-64"
	case elf.EM_386:
		return "i386"
	case elf.EM_ARM:
		return "ARM"
	case elf.EM_LOONGARCH:
		return "LoongArch"
	case elf.EM_RISCV:
		return "RISC-V"
	}
	if s := m.String(); !strings.Contains(s, "+") {
		return strings.TrimPrefix(s, "EM_")
	}
	return fmt.Sprintf("machine %d", m)
}

// archName is the ELF machine name of a GOARCH.
func archName(goarch string) string {
	if a := archOf(goarch); a.machine != elf.EM_NONE {
		return machineName(a.machine)
	}
	return goarch
}

// stripped: XC502, a symbol table or DWARF left in.
func (in *inspection) stripped() {
	var left []string
	if in.b.Symtab > 0 {
		left = append(left, fmt.Sprintf(".symtab %s", humanSize(in.b.Symtab)))
	}
	if in.b.DWARF > 0 {
		left = append(left, fmt.Sprintf("DWARF .debug_* %s", humanSize(in.b.DWARF)))
	}
	if len(left) == 0 {
		return
	}
	hint := ""
	if bi := in.b.Build; bi != nil && setting(bi, "CGO_ENABLED") == "1" && !in.b.Static {
		// With cgo the external linker writes the file, and not every
		// one (zig cc's lld) drops its symbols for Go's -s.
		hint = "with cgo, also -extldflags=-Wl,--strip-all: the external linker keeps the C side's symbols and debug information"
	}
	in.add("XC502", hint, `binary is not stripped (%s present); the profile requires -ldflags "-s -w"`, strings.Join(left, ", "))
}

// glibc: XC503, symbol versions newer than the target's glibc, any
// GLIBC_PRIVATE, and NEEDED libraries outside build.allowed_libs.
func (in *inspection) glibc() {
	if in.b.Static {
		return
	}
	if allowed := in.p.Build.AllowedLibs; len(allowed) > 0 {
		var extra []string
		for _, l := range in.b.Libraries {
			if !slices.Contains(allowed, l) {
				extra = append(extra, l)
			}
		}
		if len(extra) > 0 {
			in.add("XC503", "",
				"binary needs shared libraries outside build.allowed_libs, which the target may not have: %s", strings.Join(extra, ", "))
		}
	}
	if private, ok := in.b.Versions["GLIBC_PRIVATE"]; ok {
		in.add("XC503", "",
			"binary needs GLIBC_PRIVATE, glibc's internal interface, which differs in every glibc build: %s", symbolList(private, "GLIBC_PRIVATE"))
	}
	limit := in.p.Build.For(in.target).MaxGlibc
	if limit.Minor() < 0 {
		return
	}
	max, _ := glibcVersion("GLIBC_" + string(limit))
	var newer []string
	for v := range in.b.Versions {
		if n, ok := glibcVersion(v); ok && compareGlibc(n, max) > 0 {
			newer = append(newer, v)
		}
	}
	if len(newer) == 0 {
		return
	}
	slices.SortFunc(newer, func(a, b string) int {
		x, _ := glibcVersion(a)
		y, _ := glibcVersion(b)
		return -compareGlibc(x, y)
	})
	var syms []string
	for _, v := range newer {
		for _, name := range in.b.Versions[v] {
			syms = append(syms, name+"@"+v)
		}
	}
	a := archOf(in.target.Arch())
	hint := fmt.Sprintf("link against the target OS's glibc %s: a cross compiler given a copy of its /usr and /lib, e.g. build.cc: %s-gcc --sysroot=/opt/target-os", limit, a.triple(in.target.OS()))
	if a.zig {
		hint = fmt.Sprintf("use a C compiler for glibc %s, e.g. build.cc: zig cc -target %s.%s", limit, a.triple(in.target.OS()), limit)
	}
	in.add("XC503", hint,
		"binary needs %s, newer than the target's glibc %s (%s): %s", newer[0], limit, in.p.Build.Where(in.target, "max_glibc"), symbolList(syms, ""))
}

// symbolList names up to eight symbols, with version when given.
func symbolList(names []string, version string) string {
	if len(names) == 0 {
		return "no imported symbol names it"
	}
	var shown []string
	for _, n := range names[:min(len(names), 8)] {
		if version != "" {
			n += "@" + version
		}
		shown = append(shown, n)
	}
	if len(names) > 8 {
		return strings.Join(shown, ", ") + fmt.Sprintf(" and %d more", len(names)-8)
	}
	return strings.Join(shown, ", ")
}

// size: XC504, over build.max_size, naming the biggest packages.
func (in *inspection) size() {
	limit := in.p.Build.MaxSize
	if limit == 0 || in.b.Size <= int64(limit) {
		return
	}
	biggest := ""
	if n := min(len(in.b.Packages), 5); n > 0 {
		var parts []string
		for _, pk := range in.b.Packages[:n] {
			parts = append(parts, fmt.Sprintf("%s %s", pk.Path, humanSize(pk.Size)))
		}
		biggest = "; biggest packages by code: " + strings.Join(parts, ", ")
	}
	in.add("XC504", "", "binary is %s, over the size budget %s (build.max_size)%s", humanSize(in.b.Size), humanSize(int64(limit)), biggest)
}

// humanSize writes a byte count in the largest binary unit, with one
// decimal unless it is whole: 45 MiB, 27.4 MiB.
func humanSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size {
			if n%u.size == 0 {
				return fmt.Sprintf("%d %s", n/u.size, u.name)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.name)
		}
	}
	return fmt.Sprintf("%d B", n)
}

// linked: XC505, packages of build.forbid_linked in the pclntab: the
// package itself or any package under it.
func (in *inspection) linked() {
	if in.b.Packages == nil && len(in.p.Build.ForbidLinked) > 0 {
		// A rule that cannot read what it needs fails, never passes.
		in.add("XC505", "", "the binary's pclntab cannot be read, so its linked packages cannot be checked against build.forbid_linked")
		return
	}
	for _, f := range in.p.Build.ForbidLinked {
		for _, pk := range in.b.Packages {
			if pk.Path == f || strings.HasPrefix(pk.Path, f+"/") {
				in.add("XC505", "", "forbidden package %s is linked (build.forbid_linked)", pk.Path)
			}
		}
	}
}

// settings: XC507, the Go build settings the build info records.
func (in *inspection) settings() {
	bi := in.b.Build
	bs := in.p.Build
	if bi == nil {
		if bs.CGO != nil || policy.True(bs.Trimpath) || hasCPULevel(bs.For(in.target)) {
			in.add("XC507", "", noBuildInfo+"build settings cannot be checked against the profile")
		}
		return
	}
	if bs.CGO != nil {
		want := "0"
		if *bs.CGO {
			want = "1"
		}
		if got := setting(bi, "CGO_ENABLED"); got != want {
			in.add("XC507", "", "build setting CGO_ENABLED=%s, profile requires %s (build.cgo)", orUnset(got), want)
		}
	}
	if policy.True(bs.Trimpath) && setting(bi, "-trimpath") != "true" {
		in.add("XC507", "", "built without -trimpath (build.trimpath)")
	}
	// A GOARCH other than the target's is XC501, read from the ELF header.
	if setting(bi, "GOARCH") != in.target.Arch() {
		return
	}
	ts := bs.For(in.target)
	switch {
	case ts.GOARM64 != "":
		// Go records GOARM64 for arm64 builds; without it, v8.0.
		got := policy.ARM64Level(cmp.Or(setting(bi, "GOARM64"), "v8.0"))
		if got.Compare(ts.GOARM64) > 0 || strings.Contains(string(got), ",lse") && !strings.Contains(string(ts.GOARM64), ",lse") {
			in.add("XC507", "", "build setting GOARM64=%s, profile requires %s (%s); instructions the target CPU lacks raise SIGILL (Phytium FT-2000/4 has no LSE atomics)", got, ts.GOARM64, bs.Where(in.target, "goarm64"))
		}
	case ts.GOAMD64 != "":
		// Go records GOAMD64 for amd64 builds; without it, v1.
		got := cmp.Or(setting(bi, "GOAMD64"), "v1")
		if got > string(ts.GOAMD64) {
			in.add("XC507", "", "build setting GOAMD64=%s, profile requires %s (%s); instructions the target CPU lacks raise SIGILL (Hygon and Zhaoxin CPUs have no AVX-512)", got, ts.GOAMD64, bs.Where(in.target, "goamd64"))
		}
	case ts.GOMIPS64 != "":
		// Go records GOMIPS64 for mips64 builds; without it, hardfloat.
		got := cmp.Or(setting(bi, "GOMIPS64"), "hardfloat")
		if got != string(ts.GOMIPS64) {
			in.add("XC507", "", "build setting GOMIPS64=%s, profile requires %s (%s)", got, ts.GOMIPS64, bs.Where(in.target, "gomips64"))
		}
	}
}

// godebug: XC509, the DefaultGODEBUG the build info records: what the
// binary does unless its environment says otherwise.
func (in *inspection) godebug() {
	if !in.p.Enabled("XC509") {
		return
	}
	bi := in.b.Build
	if bi == nil {
		in.add("XC509", "", noBuildInfo+"GODEBUG defaults cannot be checked")
		return
	}
	if in.b.GodebugMismatch {
		in.add("XC509", "rebuild it, and verify artifacts with xcguard build -verify", "the binary's build info records GODEBUG defaults that its runtime does not hold: the file was changed after the build, and its real defaults cannot be read")
	}
	for _, kv := range gosettings.Parse(setting(bi, "DefaultGODEBUG")) {
		s, bad := in.p.ForbidsGodebug(kv[0], kv[1])
		if !bad {
			continue
		}
		hint := "raise the main module's go directive, remove the godebug line or //go:debug directive that sets it, and rebuild"
		if s.Changed != "" {
			hint = fmt.Sprintf("build with go %s or newer in the main module's go.mod, or godebug %s=%s", s.Changed, s.Name, s.Strong())
		}
		in.add("XC509", hint, "DefaultGODEBUG has %s=%s: %s", kv[0], kv[1], s.Does)
	}
}

// noBuildInfo begins the finding for a binary whose build info is gone:
// the check that needed it cannot pass.
const noBuildInfo = "the binary has no Go build info (removed after the build, or not a Go binary), so its "

func orUnset(s string) string {
	if s == "" {
		return "unset"
	}
	return s
}

// modules: XC508, the linked modules of the build info against the module
// policy, with the auditor's matcher.
func (in *inspection) modules() {
	bi := in.b.Build
	if !in.p.Enabled("XC508") {
		return
	}
	if bi == nil {
		in.add("XC508", "", noBuildInfo+"linked modules cannot be checked against the module policy")
		return
	}
	m := audit.NewMatcher(in.p)
	for _, d := range bi.Deps {
		// A module replaced by another module is judged as that module:
		// its code is what is linked. A local replacement has no version.
		path, version, shown := d.Path, d.Version, d.Path+" "+d.Version
		if r := d.Replace; r != nil {
			shown = fmt.Sprintf("%s => %s", shown, strings.TrimSpace(r.Path+" "+r.Version))
			version = r.Version
			if !isLocal(r.Path) {
				path = r.Path
			}
		}
		for _, v := range m.Check(path, version, in.modulePackages(d.Path)) {
			msg := v.Message()
			if d.Replace != nil {
				// Name the replacement as go version -m does.
				msg = shown + strings.TrimPrefix(msg, strings.TrimSpace(v.Path+" "+v.Version))
			}
			in.add("XC508", v.Hint(), "linked module %s", msg)
		}
	}
}

// isLocal reports whether a replacement is a directory, not a module.
func isLocal(path string) bool {
	return strings.HasPrefix(path, "./") || strings.HasPrefix(path, "../") || strings.HasPrefix(path, "/") || path == "." || path == ".."
}

// modulePackages are the linked packages of a module, from the pclntab; nil
// when unknown. A package belongs to the longest module path that holds it,
// so a nested module's packages do not count for its parent.
func (in *inspection) modulePackages(mod string) []string {
	if in.b.Packages == nil {
		return nil
	}
	if in.byModule == nil {
		in.byModule = map[string][]string{}
		deps := map[string]bool{}
		for _, d := range in.b.Build.Deps {
			deps[d.Path] = true
		}
		for _, pk := range in.b.Packages {
			for p := pk.Path; p != "." && p != "/" && p != ""; p = path.Dir(p) {
				if deps[p] {
					in.byModule[p] = append(in.byModule[p], pk.Path)
					break
				}
			}
		}
		for _, pkgs := range in.byModule {
			slices.Sort(pkgs)
		}
	}
	if pkgs := in.byModule[mod]; pkgs != nil {
		return pkgs
	}
	return []string{}
}
