package xctls_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/xctls"
)

func TestXCTLS(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), xctls.Analyzer, "versions", "skipverify", "suites", "gm", "fin", "godebugmain", "godebuglib", "godebugdefault", "endpoints", "dualmode", "endpointsbaseline", "example.com/depcalls", "fieldsource", "quiconly", "quicmixed", "tlcpfin", "gmplain", "gmgiven")
}

// Go's default MinVersion depends on the module's go version.
func TestXC103GoVersion(t *testing.T) {
	analysistest.Run(t, analysistest.TestData()+"/go121", xctls.Analyzer, "./...")
	analysistest.Run(t, analysistest.TestData()+"/go122", xctls.Analyzer, "./...")
}

// A dependency's function that serves on every call is the program's
// endpoint, with the main module's defaults; the module's own packages
// are judged where they serve.
func TestDependencyEndpoints(t *testing.T) {
	analysistest.Run(t, analysistest.TestData()+"/depmod", xctls.Analyzer, "./...")
}

// go.mod's godebug lines move the defaults too, either way.
func TestGoModGodebug(t *testing.T) {
	analysistest.Run(t, analysistest.TestData()+"/godebugmod", xctls.Analyzer, "./...")
	analysistest.Run(t, analysistest.TestData()+"/godebugstrong", xctls.Analyzer, "./...")
}

// XC103's fixes, against the .golden files: MinVersion set or raised to
// the policy minimum, weakening //go:debug directives removed; a
// MinVersion from a variable and a MaxVersion cap keep their finding
// without a fix (the golden file leaves them as they are).
func TestXC103Fixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), xctls.Analyzer, "fixversions", "fixgodebug")
}
