package policy_test

import (
	"crypto/tls"
	"testing"

	"github.com/xcguard/xcguard/policy"
)

// The fixed list holds every suite the Go that runs the tests calls
// insecure: when a Go release adds one, this fails and the list (and
// docs/rules/XC105.md) gets it with its reason.
func TestInsecureSuitesCoverGo(t *testing.T) {
	for _, cs := range tls.InsecureCipherSuites() {
		s, ok := policy.Insecure(cs.ID)
		if !ok {
			t.Errorf("%s is insecure in %s's crypto/tls but not in policy.InsecureSuites", cs.Name, "this Go")
			continue
		}
		if s.Name != cs.Name || s.Why == "" {
			t.Errorf("policy.InsecureSuites entry %#04x = %q (%q), want name %q and a reason", cs.ID, s.Name, s.Why, cs.Name)
		}
	}
	for _, cs := range tls.CipherSuites() {
		if _, ok := policy.Insecure(cs.ID); ok {
			t.Errorf("%s is secure in crypto/tls but listed in policy.InsecureSuites", cs.Name)
		}
	}
}
