package audit

import (
	"fmt"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/xcguard/xcguard/internal/gosettings"
	"github.com/xcguard/xcguard/policy"
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
	f, pol := a.gm.file, a.opt.Policy
	explicit := map[string]bool{}
	for _, g := range f.Godebug {
		explicit[g.Key] = true
		if s, bad := pol.ForbidsGodebug(g.Key, g.Value); bad {
			a.add(policy.RuleID(s.Rule), linePos(g.Syntax), fmt.Sprintf("godebug %s=%s: %s%s", g.Key, g.Value, s.Does, below(s, pol)), fmt.Sprintf("remove the line, or write godebug %s=%s", g.Key, strong(s)), nil)
		}
	}
	if a.pkgs != nil && !a.pkgs.hasMain() {
		// The defaults are the main module's: a library's go line sets
		// them only for its own commands, and it has none.
		return
	}
	base, at, from := "1.16", linePos(f.Module.Syntax), "no go directive in go.mod (go 1.16 assumed)"
	if f.Go != nil {
		base, at, from = f.Go.Version, linePos(f.Go.Syntax), "go "+f.Go.Version+" in go.mod"
	}
	if g := defaultLine(f); g != nil {
		if v := gosettings.DefaultVersion(g.Value); v != "" {
			base, at, from = v, linePos(g.Syntax), "godebug default="+g.Value
		}
	}
	byRule := map[string][]gosettings.Setting{}
	var order []string
	for _, s := range gosettings.Implied(base) {
		if explicit[s.Name] {
			continue // its own line decides, judged above
		}
		if _, bad := pol.ForbidsGodebug(s.Name, s.Weak); !bad {
			continue
		}
		if byRule[s.Rule] == nil {
			order = append(order, s.Rule)
		}
		byRule[s.Rule] = append(byRule[s.Rule], s)
	}
	for _, rule := range order {
		var parts, names []string
		newest := ""
		for _, s := range byRule[rule] {
			parts = append(parts, fmt.Sprintf("%s=%s (%s)", s.Name, s.Weak, s.Does))
			names = append(names, s.Name+"="+strong(s))
			if gosettings.Before(newest, s.Changed) || newest == "" {
				newest = s.Changed
			}
		}
		msg := fmt.Sprintf("%s keeps Go's old GODEBUG defaults %s%s", from, strings.Join(parts, ", "), below(byRule[rule][0], pol))
		a.add(policy.RuleID(rule), at, msg, fmt.Sprintf("raise the go directive to %s or newer, or add godebug %s", newest, strings.Join(names, ", ")), nil)
	}
}

// defaultLine is go.mod's godebug default=goX line, if any.
func defaultLine(f *modfile.File) *modfile.Godebug {
	for _, g := range f.Godebug {
		if g.Key == "default" {
			return g
		}
	}
	return nil
}

// below names the requirement a TLS-version setting breaks.
func below(s gosettings.Setting, pol *policy.Policy) string {
	if s.Rule == "XC103" {
		return fmt.Sprintf(", below the policy minimum TLS %s", pol.Crypto.TLSMinVersion)
	}
	return ""
}

// strong is a setting's value that keeps Go's current behaviour.
func strong(s gosettings.Setting) string {
	if s.Weak == "1" {
		return "0"
	}
	return "1"
}
