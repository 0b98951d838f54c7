// Package analyzers is the registry of xcguard's go/analysis passes.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers/xcblock"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/analyzers/xccrypto"
	"github.com/xcguard/xcguard/analyzers/xcdebugmux"
	"github.com/xcguard/xcguard/analyzers/xcdirective"
	"github.com/xcguard/xcguard/analyzers/xcpprof"
	"github.com/xcguard/xcguard/analyzers/xctls"
)

// rules maps each rule analyzer to the rule IDs it reports.
var rules = []struct {
	analyzer *analysis.Analyzer
	ids      []string
}{
	{xccrypto.Analyzer, xccrypto.Rules},
	{xcpprof.Analyzer, xcpprof.Rules},
	{xcdebugmux.Analyzer, xcdebugmux.Rules},
	{xctls.Analyzer, xctls.Rules},
	{xcblock.Analyzer, xcblock.Rules},
}

// Directive is the analyzer that checks suppression directives after every
// rule analyzer (XC001, XC002); its result holds the suppressed findings.
var Directive = newDirective()

// All is every analyzer a driver runs: the rule analyzers, then Directive.
// The config pseudo-analyzer comes in through their Requires.
var All = all()

func newDirective() *analysis.Analyzer {
	var as []*analysis.Analyzer
	var ids []string
	for _, r := range rules {
		as = append(as, r.analyzer)
		ids = append(ids, r.ids...)
	}
	return xcdirective.New(as, ids)
}

func all() []*analysis.Analyzer {
	var as []*analysis.Analyzer
	for _, r := range rules {
		as = append(as, r.analyzer)
	}
	return append(as, Directive)
}

// Rules returns the rule IDs an analyzer reports.
func Rules(a *analysis.Analyzer) []string {
	if a == Directive {
		return xcdirective.Rules
	}
	for _, r := range rules {
		if r.analyzer == a {
			return r.ids
		}
	}
	return nil
}

// Config is the config pseudo-analyzer every rule analyzer requires.
var Config = xcconfig.Analyzer
