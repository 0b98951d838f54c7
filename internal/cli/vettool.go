package cli

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/xcguard/xcguard/analyzers"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/policy"
)

// isVetTool reports whether go vet is calling: -V=full, -flags, or a .cfg file.
func isVetTool(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return strings.HasPrefix(args[0], "-V=") || args[0] == "-flags" || strings.HasSuffix(args[len(args)-1], ".cfg")
}

// vetTool speaks go vet's unitchecker protocol. It answers -V=full itself:
// go vet caches results under the tool ID printed there, and the policy
// decides the results, so the ID covers the effective policy as well as
// the executable. Without that, editing .xcguard.yml would replay stale
// cached findings.
func vetTool(args []string, stdout io.Writer) int {
	if args[0] != "-V=full" {
		unitchecker.Main(analyzers.All...) // exits
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "xcguard: %v\n", err)
		return exitInternal
	}
	h := sha256.New()
	f, err := os.Open(exe)
	if err != nil {
		fmt.Fprintf(os.Stderr, "xcguard: %v\n", err)
		return exitInternal
	}
	io.Copy(h, f)
	f.Close()
	fmt.Fprintf(h, "\x00policy\x00%s", policyFingerprint())
	// The format cmd/go expects: "$progname version devel ... buildID=...".
	fmt.Fprintf(stdout, "%s version devel xcguard buildID=%x\n", exe, h.Sum(nil))
	return exitOK
}

// policyFingerprint is the effective policy as seen from the working
// directory, or the error loading it.
func policyFingerprint() string {
	file := os.Getenv("XCGUARD_POLICY")
	if file == "" {
		file, _ = policy.Find(".")
	}
	p, err := policy.Load(file, xcconfig.SplitList(os.Getenv("XCGUARD_PROFILE")))
	if err != nil {
		return "error: " + err.Error()
	}
	data, err := p.YAML()
	if err != nil {
		return "error: " + err.Error()
	}
	return string(data)
}
