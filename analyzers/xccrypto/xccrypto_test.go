package xccrypto_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/xccrypto"
)

func TestCryptoImports(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), xccrypto.Analyzer, "weak", "clean", "suppress", "gov", "dual", "dualmissing")
}
