package gatedserve // want package:"links net/http/pprof via b}"

// Package gatedserve links net/http/pprof, but serves the default mux only
// in a debug-only file: the debug build's loopback server is not reported.
import _ "b"
