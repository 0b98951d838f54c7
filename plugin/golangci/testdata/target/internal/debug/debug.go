// Package debug pulls in the profiler for the whole program.
package debug

import _ "net/http/pprof"
