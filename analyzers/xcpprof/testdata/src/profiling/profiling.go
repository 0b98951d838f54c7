// Package profiling turns profiling on in a default build, one way per line.
package profiling

import (
	"os"
	"runtime"
	"runtime/pprof"
)

func Start(f *os.File) {
	pprof.StartCPUProfile(f) // want `^XC202: runtime/pprof.StartCPUProfile turns on CPU profiling in a default build; use a file gated by //go:build debug$`
	defer pprof.StopCPUProfile()
	pprof.WriteHeapProfile(f)               // want `^XC202: runtime/pprof.WriteHeapProfile writes a heap profile in a default build`
	pprof.Lookup("goroutine").WriteTo(f, 2) // want `^XC202: runtime/pprof.Lookup\("goroutine"\).WriteTo writes the goroutine profile in a default build`
	for _, p := range pprof.Profiles() {
		p.WriteTo(f, 0) // want `^XC202: \(\*runtime/pprof.Profile\).WriteTo writes a profile in a default build`
	}
	heap := pprof.Lookup("heap")
	heap.WriteTo(f, 1)                  // want `^XC202: \(\*runtime/pprof.Profile\).WriteTo writes a profile`
	runtime.SetBlockProfileRate(1)      // want `^XC202: runtime.SetBlockProfileRate\(1\) turns on block profiling in a default build`
	runtime.SetMutexProfileFraction(5)  // want `^XC202: runtime.SetMutexProfileFraction\(5\) turns on mutex profiling`
	runtime.SetCPUProfileRate(200)      // want `^XC202: runtime.SetCPUProfileRate\(200\) turns on CPU profiling`
	runtime.SetBlockProfileRate(sample) // want `^XC202: runtime.SetBlockProfileRate\(10000\) turns on block profiling`
}

const sample = 10000
