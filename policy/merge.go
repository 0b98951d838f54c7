package policy

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// combine joins two policies side by side (several profiles, or the entries
// of one extends list): for every field the stricter value wins. Fields with
// no order (cgo, cc, smoke args) must agree.
func combine(a, b *Policy) (*Policy, error) {
	var c combiner
	p := &Policy{
		Version: 1,
		Rules:   mergeMaps(a.Rules, b.Rules, func(x, y Severity) Severity { return max(x, y) }),
		Crypto: Crypto{
			ForbiddenImports: unionBy(a.Crypto.ForbiddenImports, b.Crypto.ForbiddenImports, ImportRule.key),
			GMCounterparts:   unionBy(a.Crypto.GMCounterparts, b.Crypto.GMCounterparts, ImportRule.key),
			GMLibraries:      unionBy(a.Crypto.GMLibraries, b.Crypto.GMLibraries, self),
			RequireGM:        anyTrue(a.Crypto.RequireGM, b.Crypto.RequireGM),
			AllowDualMode:    allTrue(a.Crypto.AllowDualMode, b.Crypto.AllowDualMode),
			TLSMinVersion:    max(a.Crypto.TLSMinVersion, b.Crypto.TLSMinVersion),
			CipherSuites:     intersect(a.Crypto.CipherSuites, b.Crypto.CipherSuites),
			AllowGodebug:     intersectNone(a.Crypto.AllowGodebug, b.Crypto.AllowGodebug),
			// A module is certified where both policies say so.
			CertifiedModules: intersectNone(a.Crypto.CertifiedModules, b.Crypto.CertifiedModules),
			GMLibrary:        agree(&c, "crypto.gm_library", a.Crypto.GMLibrary, b.Crypto.GMLibrary),
		},
		PProf: PProf{
			AllowBuildTags: intersect(a.PProf.AllowBuildTags, b.PProf.AllowBuildTags),
			ExtraProfilers: unionBy(a.PProf.ExtraProfilers, b.PProf.ExtraProfilers, self),
		},
		Modules: Modules{
			Mode:         stricterMode(a.Modules.Mode, b.Modules.Mode),
			Allow:        intersectAllow(a.Modules.Allow, b.Modules.Allow),
			Deny:         unionBy(a.Modules.Deny, b.Modules.Deny, func(r ModuleRule) string { return r.key() + "\x00" + r.Version.String() }),
			Replace:      Replace{AllowLocal: allTrue(a.Modules.Replace.AllowLocal, b.Modules.Replace.AllowLocal)},
			GoMin:        maxFunc(a.Modules.GoMin, b.Modules.GoMin, GoVersion.Compare),
			ToolchainMin: maxFunc(a.Modules.ToolchainMin, b.Modules.ToolchainMin, GoVersion.Compare),
		},
		Build: Build{
			Targets:      unionBy(a.Build.Targets, b.Build.Targets, self),
			CGO:          agreeBool(&c, "build.cgo", a.Build.CGO, b.Build.CGO),
			CC:           agreeMap(&c, "build.cc", a.Build.CC, b.Build.CC),
			Sysroot:      agreeMap(&c, "build.sysroot", a.Build.Sysroot, b.Build.Sysroot),
			LDFlags:      LinkFlags(strings.Join(unionBy(ldflagArgs(string(a.Build.LDFlags)), ldflagArgs(string(b.Build.LDFlags)), self), " ")),
			Trimpath:     anyTrue(a.Build.Trimpath, b.Build.Trimpath),
			GOARM64:      minFunc(a.Build.GOARM64, b.Build.GOARM64, ARM64Level.Compare),
			GOAMD64:      minSet(a.Build.GOAMD64, b.Build.GOAMD64),
			GOMIPS64:     agree(&c, "build.gomips64", a.Build.GOMIPS64, b.Build.GOMIPS64),
			MaxSize:      minSet(a.Build.MaxSize, b.Build.MaxSize),
			MaxGlibc:     minFunc(a.Build.MaxGlibc, b.Build.MaxGlibc, glibcOrder),
			AllowedLibs:  intersect(a.Build.AllowedLibs, b.Build.AllowedLibs),
			ForbidLinked: unionBy(a.Build.ForbidLinked, b.Build.ForbidLinked, self),
			Smoke: Smoke{
				Args:    agreeSlice(&c, "build.smoke.args", a.Build.Smoke.Args, b.Build.Smoke.Args),
				Timeout: minSet(a.Build.Smoke.Timeout, b.Build.Smoke.Timeout),
				MaxRSS:  minSet(a.Build.Smoke.MaxRSS, b.Build.Smoke.MaxRSS),
			},
			PerTarget: combinePerTarget(&c, a.Build, b.Build),
		},
		Locked:  unionBy(a.Locked, b.Locked, self),
		Sources: joinSources(a.Sources, b.Sources),
	}
	if err := linkFlagsConflict(string(p.Build.LDFlags)); err != nil && c.err == nil {
		c.err = fmt.Errorf("disagree on build.ldflags: %v", err)
	}
	if c.err != nil {
		return nil, fmt.Errorf("%s and %s %v", strings.Join(a.Sources, "+"), strings.Join(b.Sources, "+"), c.err)
	}
	return p, nil
}

// overlay applies a file's own settings over what it extends: every field the
// file sets replaces the inherited value; rule severities replace per rule.
func overlay(base, own *Policy) *Policy {
	p := *base
	p.Rules = mergeMaps(base.Rules, own.Rules, func(_, y Severity) Severity { return y })
	setList(&p.Crypto.ForbiddenImports, own.Crypto.ForbiddenImports)
	setList(&p.Crypto.GMCounterparts, own.Crypto.GMCounterparts)
	setList(&p.Crypto.GMLibraries, own.Crypto.GMLibraries)
	setIf(&p.Crypto.RequireGM, own.Crypto.RequireGM)
	setIf(&p.Crypto.AllowDualMode, own.Crypto.AllowDualMode)
	setIf(&p.Crypto.TLSMinVersion, own.Crypto.TLSMinVersion)
	setList(&p.Crypto.CipherSuites, own.Crypto.CipherSuites)
	setList(&p.Crypto.AllowGodebug, own.Crypto.AllowGodebug)
	setList(&p.Crypto.CertifiedModules, own.Crypto.CertifiedModules)
	setIf(&p.Crypto.GMLibrary, own.Crypto.GMLibrary)
	setList(&p.PProf.AllowBuildTags, own.PProf.AllowBuildTags)
	setList(&p.PProf.ExtraProfilers, own.PProf.ExtraProfilers)
	setIf(&p.Modules.Mode, own.Modules.Mode)
	setList(&p.Modules.Allow, own.Modules.Allow)
	setList(&p.Modules.Deny, own.Modules.Deny)
	setIf(&p.Modules.Replace.AllowLocal, own.Modules.Replace.AllowLocal)
	setIf(&p.Modules.GoMin, own.Modules.GoMin)
	setIf(&p.Modules.ToolchainMin, own.Modules.ToolchainMin)
	setList(&p.Build.Targets, own.Build.Targets)
	setIf(&p.Build.CGO, own.Build.CGO)
	p.Build.CC = mergeMaps(base.Build.CC, own.Build.CC, func(_, y string) string { return y })
	p.Build.Sysroot = mergeMaps(base.Build.Sysroot, own.Build.Sysroot, func(_, y string) string { return y })
	setIf(&p.Build.LDFlags, own.Build.LDFlags)
	setIf(&p.Build.Trimpath, own.Build.Trimpath)
	setIf(&p.Build.GOARM64, own.Build.GOARM64)
	setIf(&p.Build.GOAMD64, own.Build.GOAMD64)
	setIf(&p.Build.GOMIPS64, own.Build.GOMIPS64)
	p.Build.PerTarget = overlayPerTarget(base.Build.PerTarget, own.Build.PerTarget)
	setIf(&p.Build.MaxSize, own.Build.MaxSize)
	setIf(&p.Build.MaxGlibc, own.Build.MaxGlibc)
	setList(&p.Build.AllowedLibs, own.Build.AllowedLibs)
	setList(&p.Build.ForbidLinked, own.Build.ForbidLinked)
	setList(&p.Build.Smoke.Args, own.Build.Smoke.Args)
	setIf(&p.Build.Smoke.Timeout, own.Build.Smoke.Timeout)
	setIf(&p.Build.Smoke.MaxRSS, own.Build.Smoke.MaxRSS)
	p.Locked = unionBy(base.Locked, own.Locked, self)
	p.Signed = own.Signed
	p.Sources = joinSources(base.Sources, own.Sources)
	return &p
}

func (r ImportRule) key() string { return r.Path }

// joinSources lists the sources of a and then those of b not in a: a file
// reached by several extends paths (a diamond) is listed once.
func joinSources(a, b []string) []string {
	out := slices.Clip(a)
	for _, s := range b {
		if !slices.Contains(a, s) {
			out = append(out, s)
		}
	}
	return out
}

func self[T any](x T) T { return x }

// setIf replaces *dst with v when v is set (not the zero value: nil for a
// *bool, "" or 0 for a scalar).
func setIf[T comparable](dst *T, v T) {
	var zero T
	if v != zero {
		*dst = v
	}
}

// setList replaces *dst with v when the file has the list, even empty.
func setList[T any](dst *[]T, v []T) {
	if v != nil {
		*dst = v
	}
}

func mergeMaps[K comparable, V any](a, b map[K]V, f func(x, y V) V) map[K]V {
	if a == nil && b == nil {
		return nil
	}
	m := maps.Clone(a)
	if m == nil {
		m = map[K]V{}
	}
	for k, y := range b {
		if x, ok := m[k]; ok {
			m[k] = f(x, y)
		} else {
			m[k] = y
		}
	}
	return m
}

// unionBy keeps a's entries, then b's entries whose key a lacks.
func unionBy[T any, K comparable](a, b []T, key func(T) K) []T {
	if a == nil && b == nil {
		return nil
	}
	out := slices.Clone(a)
	seen := map[K]bool{}
	for _, x := range a {
		seen[key(x)] = true
	}
	for _, y := range b {
		if !seen[key(y)] {
			seen[key(y)] = true
			out = append(out, y)
		}
	}
	return out
}

// intersectNone keeps what both lists allow, where an unset list allows
// nothing (crypto.allow_godebug): a profile that names no exception is a
// floor no other policy's exception lowers.
func intersectNone[T comparable](a, b []T) []T {
	if a == nil && b == nil {
		return nil
	}
	return intersect(append([]T{}, a...), append([]T{}, b...))
}

// intersect keeps what both lists allow; a nil list allows everything.
func intersect[T comparable](a, b []T) []T {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	out := []T{}
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// intersectAllow keeps the entries both allowlists have (matching the same
// modules), each with both version constraints: a module must be approved by
// both policies.
func intersectAllow(a, b []ModuleRule) []ModuleRule {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	out := []ModuleRule{}
	for _, x := range a {
		for _, y := range b {
			if x.key() == y.key() {
				x.Version = x.Version.And(y.Version)
				x.Packages = intersect(x.Packages, y.Packages)
				out = append(out, x)
				break
			}
		}
	}
	return out
}

func anyTrue(a, b *bool) *bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	v := *a || *b
	return &v
}

func allTrue(a, b *bool) *bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	v := *a && *b
	return &v
}

func maxFunc[T comparable](a, b T, cmp func(T, T) int) T {
	if cmp(a, b) >= 0 {
		return a
	}
	return b
}

// minFunc returns the lower of two set values; an unset (zero) value loses.
func minFunc[T comparable](a, b T, cmp func(T, T) int) T {
	var zero T
	switch {
	case a == zero:
		return b
	case b == zero:
		return a
	case cmp(a, b) <= 0:
		return a
	}
	return b
}

func minSet[T cmp.Ordered](a, b T) T { return minFunc(a, b, cmp.Compare[T]) }

// stricterMode prefers allowlist, which approves only what it lists.
func stricterMode(a, b ModuleMode) ModuleMode {
	if a == Allowlist || b == Allowlist {
		return Allowlist
	}
	return cmp.Or(a, b)
}

// ldflagArgs splits linker flags into flags, each with its argument
// ("-X main.version=1"): the linker takes no other operands.
func ldflagArgs(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if !strings.HasPrefix(f, "-") && len(out) > 0 {
			out[len(out)-1] += " " + f
			continue
		}
		out = append(out, f)
	}
	return out
}

func glibcOrder(a, b GlibcVersion) int { return cmp.Compare(a.Minor(), b.Minor()) }

// combiner records the first disagreement between two policies.
type combiner struct{ err error }

func (c *combiner) disagree(field string, a, b any) {
	if c.err == nil {
		// Combining happens before a file's own settings apply, so only a
		// file that extends one of them can set the field.
		c.err = fmt.Errorf("disagree on %s (%v and %v): extend only one of them and set %s in your own policy file", field, a, b, field)
	}
}

func agreeBool(c *combiner, field string, a, b *bool) *bool {
	if a != nil && b != nil && *a != *b {
		c.disagree(field, *a, *b)
	}
	if a == nil {
		return b
	}
	return a
}

func agree[T comparable](c *combiner, field string, a, b T) T {
	var zero T
	if a != zero && b != zero && a != b {
		c.disagree(field, a, b)
	}
	if a == zero {
		return b
	}
	return a
}

func agreeMap[K ~string](c *combiner, field string, a, b map[K]string) map[K]string {
	for _, k := range slices.Sorted(maps.Keys(b)) { // the first disagreement, by key
		if x, ok := a[k]; ok && x != b[k] {
			c.disagree(field, x, b[k])
		}
	}
	return mergeMaps(a, b, func(x, _ string) string { return x })
}

func agreeSlice(c *combiner, field string, a, b []string) []string {
	if a != nil && b != nil && !slices.Equal(a, b) {
		c.disagree(field, a, b)
	}
	if a == nil {
		return b
	}
	return a
}
