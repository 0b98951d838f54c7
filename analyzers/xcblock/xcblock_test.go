package xcblock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/xcblock"
)

// revocation is a dependency of callbacks and locks: its facts carry the
// chains across packages.
func TestXCBlock(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), xcblock.Analyzer, "revocation", "callbacks", "locks", "handshake", "tlcpuse", "pkivar", "stores")
}
