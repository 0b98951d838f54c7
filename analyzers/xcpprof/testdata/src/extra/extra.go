// Package extra starts the profilers of pprof.extra_profilers.
package extra

import (
	"net/http"
	"os"

	"github.com/felixge/fgprof"
	"github.com/grafana/pyroscope-go"
	"github.com/grafana/pyroscope-go/godeltaprof"
	"github.com/pkg/profile"
	"github.com/pkg/profilex"
)

func Start() {
	stop := fgprof.Start(os.Stderr, fgprof.FormatPprof) // want `^XC202: github.com/felixge/fgprof.Start runs the profiler github.com/felixge/fgprof \(pprof.extra_profilers\) in a default build; use a file gated by //go:build debug$`
	defer stop()
	http.Handle("/debug/fgprof", fgprof.Handler())                     // want `^XC202: github.com/felixge/fgprof.Handler runs the profiler`
	defer profile.Start(profile.MemProfile).Stop()                     // want `^XC202: github.com/pkg/profile.Start runs the profiler github.com/pkg/profile `
	p, _ := pyroscope.Start(pyroscope.Config{ApplicationName: "edge"}) // want `^XC202: github.com/grafana/pyroscope-go.Start runs the profiler github.com/grafana/pyroscope-go `
	p.Stop()
	_ = godeltaprof.NewHeapProfiler() // want `^XC202: github.com/grafana/pyroscope-go/godeltaprof.NewHeapProfiler runs the profiler github.com/grafana/pyroscope-go `
	profilex.Start()                  // not under github.com/pkg/profile
}
