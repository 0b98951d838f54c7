//go:build debug

// Package gated keeps profiling in files that only debug builds compile:
// silent, also when the test loads them with -tags debug,pprof.
package gated

import (
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"runtime/pprof"
)

func init() {
	pprof.StartCPUProfile(os.Stderr)
	runtime.SetBlockProfileRate(1)
	go http.ListenAndServe("127.0.0.1:6060", nil)
}
