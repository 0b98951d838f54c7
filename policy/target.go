package policy

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
)

// A TargetBuild holds the settings of one target that may differ from the
// build section's: a fleet of Kylin V10 (glibc 2.28) on Phytium and
// openEuler 22.03 (2.34) on Hygon names each its own ceiling. A setting the
// target leaves unset is the build section's.
type TargetBuild struct {
	MaxGlibc GlibcVersion `yaml:"max_glibc,omitempty" json:"max_glibc,omitempty"`
	GOARM64  ARM64Level   `yaml:"goarm64,omitempty" json:"goarm64,omitempty"`
	GOAMD64  AMD64Level   `yaml:"goamd64,omitempty" json:"goamd64,omitempty"`
	GOMIPS64 MIPSFloat    `yaml:"gomips64,omitempty" json:"gomips64,omitempty"`
	// SmokeCPU is the qemu CPU model of the smoke run; unset, the weakest
	// CPU the xinchuang lists ship for the architecture.
	SmokeCPU CPUModel `yaml:"smoke_cpu,omitempty" json:"smoke_cpu,omitempty"`
	// World is the LoongArch ABI of a linux/loong64 target's OS: old for
	// Kylin V10 and UOS 20 (Loongson's toolchain), new for upstream Go and
	// glibc 2.36 or later.
	World LoongWorld `yaml:"world,omitempty" json:"world,omitempty"`
}

// For returns the settings a build for t uses: the target's own value of
// each, else the build section's. The CPU levels apply only to their
// architecture (GOARM64 to arm64 …).
func (b Build) For(t Target) TargetBuild {
	own := b.PerTarget[t]
	s := TargetBuild{
		MaxGlibc: cmp.Or(own.MaxGlibc, b.MaxGlibc),
		SmokeCPU: own.SmokeCPU,
		World:    own.World,
	}
	switch t.Arch() {
	case "arm64":
		s.GOARM64 = cmp.Or(own.GOARM64, b.GOARM64)
	case "amd64":
		s.GOAMD64 = cmp.Or(own.GOAMD64, b.GOAMD64)
	case "mips64", "mips64le":
		s.GOMIPS64 = cmp.Or(own.GOMIPS64, b.GOMIPS64)
	}
	return s
}

// Where names the setting a target's value of a per-target setting
// ("max_glibc") comes from, for messages: build.per_target.linux/amd64.max_glibc
// when the target sets its own, else build.max_glibc.
func (b Build) Where(t Target, name string) string {
	own := b.PerTarget[t]
	set := map[string]bool{"max_glibc": own.MaxGlibc != "", "goarm64": own.GOARM64 != "", "goamd64": own.GOAMD64 != "",
		"gomips64": own.GOMIPS64 != "", "smoke_cpu": own.SmokeCPU != "", "world": own.World != ""}
	if set[name] {
		return "build.per_target." + string(t) + "." + name
	}
	return "build." + name
}

// checkPerTarget refuses a setting on a target of another architecture: a
// GOARM64 level on linux/amd64 would be silently ignored.
func (b *Build) checkPerTarget() error {
	for _, t := range slices.Sorted(maps.Keys(b.PerTarget)) {
		s, arch := b.PerTarget[t], t.Arch()
		for _, c := range []struct {
			set   bool
			name  string
			arch  []string
			about string
		}{
			{s.GOARM64 != "", "goarm64", []string{"arm64"}, "the arm64 CPU level"},
			{s.GOAMD64 != "", "goamd64", []string{"amd64"}, "the amd64 CPU level"},
			{s.GOMIPS64 != "", "gomips64", []string{"mips64", "mips64le"}, "the MIPS64 floating point"},
			{s.World != "", "world", []string{"loong64"}, "the LoongArch ABI"},
		} {
			if c.set && !slices.Contains(c.arch, arch) {
				return fmt.Errorf("build.per_target.%s sets %s, %s, which a build for %s does not use: remove it", t, c.name, c.about, arch)
			}
		}
	}
	return nil
}

// combinePerTarget joins the per-target settings of two policies so that
// each target's effective value is the stricter of the two policies'
// effective values: where one policy sets a target's glibc and the other
// only its build section's, the older glibc still wins. A setting neither
// policy sets for the target stays with the build section.
func combinePerTarget(c *combiner, a, b Build) map[Target]TargetBuild {
	if a.PerTarget == nil && b.PerTarget == nil {
		return nil
	}
	out := map[Target]TargetBuild{}
	keys := slices.Sorted(maps.Keys(mergeMaps(a.PerTarget, b.PerTarget, func(x, _ TargetBuild) TargetBuild { return x })))
	for _, t := range keys {
		ao, bo := a.PerTarget[t], b.PerTarget[t]
		ae, be := a.For(t), b.For(t)
		var s TargetBuild
		if ao.MaxGlibc != "" || bo.MaxGlibc != "" {
			s.MaxGlibc = minFunc(ae.MaxGlibc, be.MaxGlibc, glibcOrder)
		}
		if ao.GOARM64 != "" || bo.GOARM64 != "" {
			s.GOARM64 = minFunc(ae.GOARM64, be.GOARM64, ARM64Level.Compare)
		}
		if ao.GOAMD64 != "" || bo.GOAMD64 != "" {
			s.GOAMD64 = minSet(ae.GOAMD64, be.GOAMD64)
		}
		if ao.GOMIPS64 != "" || bo.GOMIPS64 != "" {
			s.GOMIPS64 = agree(c, "build.per_target."+string(t)+".gomips64", ae.GOMIPS64, be.GOMIPS64)
		}
		s.SmokeCPU = agree(c, "build.per_target."+string(t)+".smoke_cpu", ao.SmokeCPU, bo.SmokeCPU)
		s.World = agree(c, "build.per_target."+string(t)+".world", ao.World, bo.World)
		out[t] = s
	}
	return out
}

// overlayPerTarget applies a file's own per-target settings, field by
// field, over what it extends.
func overlayPerTarget(base, own map[Target]TargetBuild) map[Target]TargetBuild {
	return mergeMaps(base, own, func(x, y TargetBuild) TargetBuild {
		setIf(&x.MaxGlibc, y.MaxGlibc)
		setIf(&x.GOARM64, y.GOARM64)
		setIf(&x.GOAMD64, y.GOAMD64)
		setIf(&x.GOMIPS64, y.GOMIPS64)
		setIf(&x.SmokeCPU, y.SmokeCPU)
		setIf(&x.World, y.World)
		return x
	})
}

// perTargetFields are the build settings a target may set its own value
// of: a lock on one of them holds for every target's effective value.
var perTargetFields = []string{"build.max_glibc", "build.goarm64", "build.goamd64", "build.gomips64"}

// perTargetLoosening returns a target whose effective value of a locked
// build setting (path, or one under the locked build section) is looser in
// result than in base, and that setting: a project cannot lift a locked
// build.max_glibc by setting its target's own.
func perTargetLoosening(base, result *Policy, path string) (Target, string, bool) {
	for _, f := range perTargetFields {
		if f != path && path != "build" {
			continue
		}
		targets := slices.Concat(base.Build.Targets, result.Build.Targets,
			slices.Sorted(maps.Keys(base.Build.PerTarget)), slices.Sorted(maps.Keys(result.Build.PerTarget)))
		for _, t := range targets {
			if loosens(effective(base, t), effective(result, t), f) {
				return t, f, true
			}
		}
	}
	return "", "", false
}

// effective is a policy holding only t's effective per-target settings as
// its build section's.
func effective(p *Policy, t Target) *Policy {
	s := p.Build.For(t)
	return &Policy{Version: 1, Sources: p.Sources, Build: Build{
		MaxGlibc: s.MaxGlibc, GOARM64: s.GOARM64, GOAMD64: s.GOAMD64, GOMIPS64: s.GOMIPS64,
	}}
}

// AMD64Level is a GOAMD64 value, v1 to v4. Hygon Dhyana and Zhaoxin
// KaiXian CPUs run v1 and v2 binaries; v3 and v4 need instructions some
// of them lack.
type AMD64Level string

var amd64RE = regexp.MustCompile(`^v[1-4]$`)

func (l *AMD64Level) UnmarshalText(b []byte) error {
	if !amd64RE.Match(b) {
		return fmt.Errorf("invalid goamd64 %s: use v1, v2, v3 or v4", quote(string(b)))
	}
	*l = AMD64Level(b)
	return nil
}

// MIPSFloat is a GOMIPS64 value: hardfloat or softfloat.
type MIPSFloat string

func (f *MIPSFloat) UnmarshalText(b []byte) error {
	return oneOf(f, b, []MIPSFloat{"hardfloat", "softfloat"}, "invalid gomips64 %s: use hardfloat or softfloat")
}

// A CPUModel is a qemu -cpu model name (cortex-a72, Dhyana,
// Loongson-3A4000), optionally with features (max,-avx512f). It starts
// with a letter or digit, so that it is never read as an option.
type CPUModel string

var cpuModelRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+=,-]{0,63}$`)

func (m *CPUModel) UnmarshalText(b []byte) error {
	if !cpuModelRE.Match(b) {
		return fmt.Errorf("invalid smoke_cpu %s: name a qemu CPU model (qemu-aarch64 -cpu help lists them), e.g. cortex-a72", quote(string(b)))
	}
	*m = CPUModel(b)
	return nil
}

// A LoongWorld is a LoongArch ABI: old (Kylin V10, UOS 20: Loongson's
// toolchain, ELF object ABI v0, /lib64/ld.so.1) or new (upstream
// toolchains, object ABI v1, /lib64/ld-linux-loongarch-lp64d.so.1).
type LoongWorld string

const (
	OldWorld LoongWorld = "old"
	NewWorld LoongWorld = "new"
)

func (w *LoongWorld) UnmarshalText(b []byte) error {
	return oneOf(w, b, []LoongWorld{OldWorld, NewWorld}, "invalid world %s: use old (Kylin V10, UOS 20) or new (upstream Go, glibc 2.36 or later)")
}
