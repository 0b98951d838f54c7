package profiling

import (
	"os"
	"runtime/pprof"
	"testing"
)

// Test files are not default builds: silent unless -xcconfig.tests.
func TestProfile(t *testing.T) {
	pprof.StartCPUProfile(os.Stderr)
	pprof.StopCPUProfile()
}
