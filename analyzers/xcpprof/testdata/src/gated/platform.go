//go:build pprof && !release

package gated

import (
	_ "net/http/pprof"
	"os"
	"runtime/pprof"
)

func heap() { pprof.WriteHeapProfile(os.Stderr) }
