package docs_test

// This file is an external test package because policy imports docs.

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/policy"
)

// TestProfilesRow checks each page's "Profiles" row against the embedded
// profiles: a policy profile is listed exactly when its effective severity
// for the rule is not off, an OS profile (which has baseline's rules but
// for the ones that judge a binary against the OS) when it turns the rule
// on.
func TestProfilesRow(t *testing.T) {
	names := policy.Profiles()
	if len(names) == 0 {
		t.Fatal("policy.Profiles() is empty")
	}
	loaded := map[string]*policy.Policy{}
	for _, name := range names {
		p, err := policy.Load("", []string{name})
		if err != nil {
			t.Fatalf("loading profile %s: %v", name, err)
		}
		loaded[name] = p
	}
	for _, r := range docs.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			var want []string
			for _, name := range names {
				sev := loaded[name].Severity(policy.RuleID(r.ID))
				if sev != policy.Off && (!policy.IsOSProfile(name) || sev != loaded[policy.DefaultProfile].Severity(policy.RuleID(r.ID))) {
					want = append(want, name)
				}
			}
			got := slices.Clone(r.Profiles)
			slices.Sort(got)
			if len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Errorf("Profiles row lists a profile twice: %q", r.Profiles)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Profiles row %q disagrees with the embedded profiles (-profiles +page):\n%s", r.Profiles, diff)
			}
		})
	}
}
