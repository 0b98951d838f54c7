package short // want package:"links net/http/pprof via b; expvar via mid -> vars}"

// Package short reaches pprof through mid and through b: the shorter chain
// is the one named.
import (
	_ "b"
	_ "mid"
)
