package xccrypto

import (
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/policy"
)

// sibling names the same GM primitive in the two SM2/SM3/SM4 libraries:
// tjfoc's x509 is emmansun's smx509. gotlcp has no SM2/SM3/SM4 of its own,
// and emmansun no TLS, so gmtls and tlcp have no sibling.
var sibling = map[policy.GMLibrary]map[string]string{
	policy.Tjfoc:    {"sm2": "sm2", "sm3": "sm3", "sm4": "sm4", "smx509": "x509"},
	policy.Emmansun: {"sm2": "sm2", "sm3": "sm3", "sm4": "sm4", "x509": "smx509"},
}

// hintFor is the GM package to name in place of the policy's use: the
// same primitive from the library the package already imports (emmansun
// code is not told to add tjfoc), else from the policy's gm_library when
// set; the policy's own use otherwise, and always where the policy gives
// a reason for it (gov-cloud sends x509 to emmansun's smx509 because
// gotlcp is built on it). It says why when it differs.
func hintFor(pass *analysis.Pass, use, reason string, chosen policy.GMLibrary) (string, string) {
	lib := libraryOf(use)
	if lib == "" || reason != "" {
		return use, reason
	}
	used := map[policy.GMLibrary]bool{}
	for _, imp := range pass.Pkg.Imports() {
		if l := libraryOf(imp.Path()); l != "" {
			used[l] = true
		}
	}
	target, why := policy.GMLibrary(""), ""
	switch {
	case used[lib]:
		return use, reason
	case len(used) == 1:
		for l := range used {
			target, why = l, "the GM library this package uses"
		}
	case len(used) == 0 && chosen != "" && chosen != lib:
		target, why = chosen, "crypto.gm_library"
	}
	if name, ok := sibling[target][path.Base(use)]; ok {
		return string(target) + "/" + name, why
	}
	return use, reason
}

// libraryOf is the SM2/SM3/SM4 library (tjfoc or emmansun) a package
// belongs to, or "".
func libraryOf(pkg string) policy.GMLibrary {
	for _, l := range []policy.GMLibrary{policy.Tjfoc, policy.Emmansun} {
		if strings.HasPrefix(pkg, string(l)+"/") {
			return l
		}
	}
	return ""
}

// inLibrary reports whether the package is one of the GM libraries'
// own: they build GM crypto on crypto/*'s interfaces and types
// (crypto.Signer, cipher.Block, the x509 of foreign certificates), and
// are the counterpart XC102 points to.
func inLibrary(pass *analysis.Pass, libraries []string) bool {
	p := pass.Pkg.Path()
	for _, lib := range libraries {
		if p == lib || strings.HasPrefix(p, lib+"/") {
			return true
		}
	}
	return false
}
