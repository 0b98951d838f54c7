package profiling

import (
	"context"
	"io"
	"runtime"
	"runtime/pprof"
)

// Quiet switches nothing on: labels, lookups, reads and rates that are off or
// unknown stay silent.
func Quiet(ctx context.Context, w io.Writer, rate int) {
	pprof.Do(ctx, pprof.Labels("handler", "report"), func(context.Context) {})
	ctx = pprof.WithLabels(ctx, pprof.Labels("tenant", "a"))
	pprof.SetGoroutineLabels(ctx)
	_, _ = pprof.Label(ctx, "tenant")
	_ = pprof.Lookup("heap").Count()
	_ = len(pprof.Profiles())
	pprof.StopCPUProfile()
	runtime.SetBlockProfileRate(0)
	runtime.SetMutexProfileFraction(0)
	runtime.SetMutexProfileFraction(-1) // reads the current fraction
	runtime.SetCPUProfileRate(0)
	runtime.SetBlockProfileRate(rate) // not constant: unknown
	start := pprof.StartCPUProfile    // a function value, not a call
	_ = start
	_ = runtime.NumGoroutine()
	_ = w
}
