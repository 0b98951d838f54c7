// Package golangci is xcguard's golangci-lint v2 module plugin: it registers
// every xcguard analyzer as the linter "xcguard". Build it into a custom
// golangci-lint (see the README's golangci-lint section) and enable it:
//
//	linters:
//	  enable: [xcguard]
//	  settings:
//	    custom:
//	      xcguard:
//	        type: module
//	        description: xinchuang compliance (xcguard)
//	        settings:
//	          profile: gov-cloud        # optional; like -profile
//	          policy: .xcguard.yml      # optional; like -policy
//
// golangci-lint keeps only a diagnostic's message, prefixed with the
// analyzer's name ("xccrypto: XC101: import of crypto/md5 …"): the rule ID
// is always in it. The policy decides which rules report, as everywhere;
// //xcguard:ignore directives work as under go vet.
package golangci

import (
	"fmt"
	"path/filepath"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/policy"
)

func init() { register.Plugin("xcguard", New) }

// Settings are the plugin's settings in .golangci.yml; each is the xcguard
// vet flag of the same name. Empty means the flag's default (the
// environment, then the nearest .xcguard.yml).
type Settings struct {
	Policy        string `json:"policy"`
	Profile       string `json:"profile"`
	Tests         bool   `json:"tests"`
	PolicyKey     string `json:"policy-key"`
	RequireSigned bool   `json:"require-signed"`
}

type plugin struct{}

// New configures the analyzers from the linter's settings.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("xcguard settings: %w (known: policy, profile, tests, policy-key, require-signed)", err)
	}
	for _, p := range []*string{&s.Policy, &s.PolicyKey} {
		if *p != "" {
			if *p, err = filepath.Abs(*p); err != nil {
				return nil, err
			}
		}
	}
	ps := policy.Settings{Policy: s.Policy, Profile: s.Profile, PolicyKey: s.PolicyKey}
	if s.RequireSigned {
		ps.RequireSigned = policy.Yes(true)
	}
	xcconfig.Configure(ps, s.Tests)
	return plugin{}, nil
}

// BuildAnalyzers returns every xcguard analyzer; the config analyzer comes
// in through their Requires.
func (plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return analyzers.All, nil }

// GetLoadMode asks for type information: the rules resolve types and facts.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
