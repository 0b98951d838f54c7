package xcdebugmux_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/xcdebugmux"
)

func TestXCDebugMux(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), xcdebugmux.Analyzer,
		"a", "b", "vars", "mid", "deep", "short", "direct", "clean", "gatedimp", "gatedserve", "library")
}

// TestGatedWithTags loads the debug-only files: judged by their constraints,
// their imports still do not count and their servers are not reported.
func TestGatedWithTags(t *testing.T) {
	t.Setenv("GOFLAGS", "-tags=debug")
	analysistest.Run(t, analysistest.TestData(), xcdebugmux.Analyzer, "b", "gatedimp", "gatedserve")
}

// TestNoAllowedTags: under iot-edge no build tag allows pprof, so a
// debug-only import links it.
func TestNoAllowedTags(t *testing.T) {
	t.Setenv("GOFLAGS", "-tags=debug")
	analysistest.Run(t, analysistest.TestData(), xcdebugmux.Analyzer, "noallow")
}
