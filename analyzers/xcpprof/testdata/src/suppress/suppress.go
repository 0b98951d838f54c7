// Package suppress checks which XC201 and XC202 findings //xcguard:ignore
// hides.
package suppress

import (
	//xcguard:ignore XC201 internal admin tool, runs only on the operator's workstation
	_ "net/http/pprof"
	"runtime"
)

func init() {
	//xcguard:ignore XC202 mutex profile sampled 1/1000, read only on the loopback admin port
	runtime.SetMutexProfileFraction(1000)
	//xcguard:ignore XC201 another rule's directive does not hide XC202
	runtime.SetBlockProfileRate(1) // want `^XC202: runtime.SetBlockProfileRate\(1\)`
}
