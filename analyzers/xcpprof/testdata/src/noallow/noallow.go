//go:build debug

// Package noallow runs under iot-edge, where pprof.allow_build_tags is
// empty: a debug-only file is reported too.
package noallow

import (
	_ "net/http/pprof" // want `^XC201: import of net/http/pprof in a default build registers /debug/pprof on http.DefaultServeMux, and pprof.allow_build_tags allows it under no build tag$`
	"runtime"
)

func init() { runtime.SetBlockProfileRate(1) } // want `^XC202: runtime.SetBlockProfileRate\(1\) turns on block profiling in a default build, and pprof.allow_build_tags allows it under no build tag$`
