//go:build debug || !release

// Compiled by default too: reported under every set of tags.
package gated

import (
	_ "net/http/pprof" // want `^XC201: import of net/http/pprof in a default build`
	"runtime"
)

func Enable() { runtime.SetMutexProfileFraction(100) } // want `^XC202: runtime.SetMutexProfileFraction\(100\)`
