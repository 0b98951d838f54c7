// Package xcpprof defines the analyzer for profiling left in default builds.
//
// # Analyzer xcpprof
//
// xcpprof: report net/http/pprof imports and profiling calls in default builds
//
// XC201 reports each import of net/http/pprof, whatever name it binds
// (blank, dot, renamed or plain), in a file that a default build compiles.
// XC202 reports each call that turns profiling on in such a file:
// runtime/pprof.StartCPUProfile, WriteHeapProfile and (*Profile).WriteTo
// (Lookup(name).WriteTo, or a profile from Profiles), runtime.SetCPUProfileRate,
// SetBlockProfileRate and SetMutexProfileFraction with a positive constant
// rate, and every function of a package under pprof.extra_profilers
// (github.com/felixge/fgprof, github.com/pkg/profile,
// github.com/grafana/pyroscope-go …). pprof labels (Do, Labels, WithLabels,
// SetGoroutineLabels), Lookup and Profiles on their own, StopCPUProfile,
// and rates that are zero, negative or not constant are not reported.
//
// A file is not built by default when its build constraint can only be
// satisfied with a tag of pprof.allow_build_tags (//go:build debug,
// //go:build debug && linux): the constraint is judged, so the file stays
// exempt when it is loaded with -tags debug. An empty allow_build_tags
// (iot-edge) exempts no file. Code of the profiling packages themselves
// (runtime, runtime/pprof, net/http/pprof, the extra profilers) is not
// reported for calling itself.
package xcpprof
