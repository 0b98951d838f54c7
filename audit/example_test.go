package audit_test

import (
	"fmt"
	"runtime/debug"

	"github.com/xcguard/xcguard/audit"
	"github.com/xcguard/xcguard/policy"
)

// The build inspector (XC508) judges the modules a binary's build info
// records, the linked view, with the same matcher as the audit: a replaced
// module is judged as its replacement; a binary does not record which
// packages of a module it links, so a deny for some packages cannot fire.
func ExampleMatcher_linked() {
	p, err := policy.Load("", []string{"finance"})
	if err != nil {
		panic(err)
	}
	bi, err := debug.ParseBuildInfo("go\tgo1.22.5\n" +
		"path\texample.com/ledger\n" +
		"mod\texample.com/ledger\t(devel)\t\n" +
		"dep\tgithub.com/dgrijalva/jwt-go\tv3.2.0+incompatible\t\n" +
		"dep\tgithub.com/tjfoc/gmsm\tv1.4.0\t\n" +
		"=>\tgitee.com/acme/gmsm\tv1.4.2\t\n" +
		"dep\tgolang.org/x/crypto\tv0.31.0\t\n")
	if err != nil {
		panic(err)
	}
	m := audit.NewMatcher(p)
	for _, dep := range bi.Deps {
		mod := dep
		if dep.Replace != nil {
			mod = dep.Replace
		}
		for _, v := range m.Check(mod.Path, mod.Version, nil) {
			fmt.Printf("%s %s (%s)\n", v.Rule, v.Message(), audit.Linked)
		}
	}
	// Output:
	// XC401 github.com/dgrijalva/jwt-go v3.2.0+incompatible is denied: unmaintained, CVE-2020-26160 (audience bypass) (linked)
	// XC402 gitee.com/acme/gmsm v1.4.2 is not on the approved module list (modules.allow) (linked)
}
