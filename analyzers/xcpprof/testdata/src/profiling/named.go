package profiling

import (
	"os"
	. "runtime"
	prof "runtime/pprof"
)

// Named and dot imports reach the same functions.
func Named(f *os.File) {
	prof.StartCPUProfile(f)    // want `^XC202: runtime/pprof.StartCPUProfile`
	SetMutexProfileFraction(1) // want `^XC202: runtime.SetMutexProfileFraction\(1\)`
}
