package xcpprof_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/xcpprof"
)

func TestXCPProf(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), xcpprof.Analyzer, "imports", "profiling", "extra", "gated", "suppress")
}

// TestGatedWithTags loads the debug-only files: judged by their constraints,
// they stay silent.
func TestGatedWithTags(t *testing.T) {
	t.Setenv("GOFLAGS", "-tags=debug,pprof")
	analysistest.Run(t, analysistest.TestData(), xcpprof.Analyzer, "gated")
}

// TestNoAllowedTags: under iot-edge no build tag allows pprof.
func TestNoAllowedTags(t *testing.T) {
	t.Setenv("GOFLAGS", "-tags=debug")
	analysistest.Run(t, analysistest.TestData(), xcpprof.Analyzer, "noallow")
}
