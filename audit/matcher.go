package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/xcguard/xcguard/policy"
)

// A Matcher judges modules against the policy's modules.allow and
// modules.deny lists. It is the one place where a policy entry meets a
// module: the auditor calls it for the declared, graph and used views, and
// the build inspector (XC508) for the modules a binary's build info records.
type Matcher struct {
	mode  policy.ModuleMode
	allow []policy.ModuleRule
	deny  []policy.ModuleRule
}

// NewMatcher returns the matcher of the policy's module lists.
func NewMatcher(p *policy.Policy) *Matcher {
	return &Matcher{mode: p.Modules.Mode, allow: p.Modules.Allow, deny: p.Modules.Deny}
}

// A Verdict is one rule a module breaks.
type Verdict struct {
	Rule    policy.RuleID // XC401 denied, XC402 not approved, XC403 version outside the constraint
	Path    string        // the module
	Version string        // the version judged; "" when unknown
	// Entry is the policy entry that decided: the deny entry (XC401), the
	// allow entry whose constraint or packages the module misses (XC403,
	// XC402); zero for a module that no allow entry names.
	Entry policy.ModuleRule
	// Packages are the module's packages the verdict is about: the denied
	// ones, or the ones an allow entry restricted to some packages does not
	// approve. Nil when the verdict is about the whole module.
	Packages []string
}

// Check judges one module: its path, its version ("" when unknown: a local
// replacement, a development build) and the packages of it that the build
// uses (nil when unknown; an empty list means none). The standard library
// ("std", "cmd") is never judged; callers leave out the main module.
//
// Entries match by path, by prefix at a path-element boundary (prefix
// golang.org/x/ and golang.org/x both match golang.org/x/mod, never
// golang.org/xy) or by glob. A deny entry with a version constraint denies
// only the versions in it; one with packages denies only those packages,
// so it needs the used packages to fire. A module wholly denied gets only
// its XC401 verdicts. Otherwise the most specific allow entries decide
// (path, then the longest prefix, then globs): none in allowlist mode is
// XC402; a version outside all their constraints is XC403, in either mode;
// in allowlist mode, used packages that entries restricted to some
// packages do not cover are XC402.
func (m *Matcher) Check(path, version string, pkgs []string) []Verdict {
	if path == "std" || path == "cmd" {
		return nil
	}
	if !semver.IsValid(version) {
		version = "" // "(devel)" and the like say nothing about the version
	}
	var out []Verdict
	whole := false
	for _, e := range m.deny {
		if !matchModule(e, path) || !e.Version.IsZero() && (version == "" || !e.Version.Allows(version)) {
			continue
		}
		v := Verdict{Rule: "XC401", Path: path, Version: version, Entry: e}
		if len(e.Packages) > 0 {
			v.Packages = matchPackages(e.Packages, pkgs)
			if len(v.Packages) == 0 {
				continue
			}
		} else {
			whole = true
		}
		out = append(out, v)
	}
	if whole {
		return out
	}
	tier := m.bestAllow(path)
	if len(tier) == 0 {
		if m.mode == policy.Allowlist {
			out = append(out, Verdict{Rule: "XC402", Path: path, Version: version})
		}
		return out
	}
	ok := tier
	if version != "" {
		ok = slices.DeleteFunc(slices.Clone(tier), func(e policy.ModuleRule) bool { return !e.Version.Allows(version) })
		if len(ok) == 0 {
			return append(out, Verdict{Rule: "XC403", Path: path, Version: version, Entry: tier[0]})
		}
	}
	if m.mode != policy.Allowlist || pkgs == nil {
		return out
	}
	var globs []policy.Glob
	for _, e := range ok {
		if len(e.Packages) == 0 {
			return out
		}
		globs = append(globs, e.Packages...)
	}
	var unapproved []string
	for _, p := range pkgs {
		if !slices.ContainsFunc(globs, func(g policy.Glob) bool { return g.Match(p) }) {
			unapproved = append(unapproved, p)
		}
	}
	if len(unapproved) > 0 {
		out = append(out, Verdict{Rule: "XC402", Path: path, Version: version, Entry: ok[0], Packages: unapproved})
	}
	return out
}

// bestAllow returns the most specific allow entries that match the path.
func (m *Matcher) bestAllow(path string) []policy.ModuleRule {
	var tier []policy.ModuleRule
	best := -1
	for _, e := range m.allow {
		if !matchModule(e, path) {
			continue
		}
		switch s := specificity(e); {
		case s > best:
			best, tier = s, []policy.ModuleRule{e}
		case s == best:
			tier = append(tier, e)
		}
	}
	return tier
}

// specificity orders entries: an exact path beats any prefix, a longer
// prefix a shorter one, and any prefix a glob.
func specificity(e policy.ModuleRule) int {
	switch {
	case e.Path != "":
		return 1 << 20
	case e.Prefix != "":
		return 1<<10 + len(strings.TrimSuffix(e.Prefix, "/"))
	}
	return 0
}

func matchModule(e policy.ModuleRule, path string) bool {
	switch {
	case e.Path != "":
		return e.Path == path
	case e.Prefix != "":
		p := strings.TrimSuffix(e.Prefix, "/")
		return p != "" && (path == p || strings.HasPrefix(path, p+"/"))
	case e.Glob != "":
		return e.Glob.Match(path)
	}
	return false
}

func matchPackages(globs []policy.Glob, pkgs []string) []string {
	var out []string
	for _, p := range pkgs {
		if slices.ContainsFunc(globs, func(g policy.Glob) bool { return g.Match(p) }) {
			out = append(out, p)
		}
	}
	return out
}

// Message is the verdict as a lowercase clause, without rule ID or view:
// "github.com/dgrijalva/jwt-go v3.2.0+incompatible is denied: archived".
func (v Verdict) Message() string {
	mod := v.Path
	if v.Version != "" {
		mod += " " + v.Version
	}
	switch v.Rule {
	case "XC401":
		in := ""
		if v.Packages != nil {
			in = " in " + strings.Join(v.Packages, ", ")
		}
		reason := cmp.Or(v.Entry.Reason, "listed in modules.deny")
		return fmt.Sprintf("%s is denied%s: %s", mod, in, reason)
	case "XC402":
		if v.Packages != nil {
			return fmt.Sprintf("%s is approved only for some packages, not %s (modules.allow)", mod, strings.Join(v.Packages, ", "))
		}
		return fmt.Sprintf("%s is not on the approved module list (modules.allow)", mod)
	case "XC403":
		return fmt.Sprintf("%s does not satisfy the policy constraint %s", mod, v.Entry.Version)
	}
	return mod + " breaks " + string(v.Rule)
}

// Hint is what to do instead, "use X", when the deciding entry names a
// replacement.
func (v Verdict) Hint() string {
	if v.Entry.Use == "" {
		return ""
	}
	return "use " + v.Entry.Use
}
