// Package imports imports net/http/pprof under every kind of name, in files
// that default builds compile.
package imports

import (
	"net/http"
	"net/http/pprof" // want `^XC201: import of net/http/pprof in a default build registers /debug/pprof on http.DefaultServeMux; use a file gated by //go:build debug$`
)

// ServeIndex serves the pprof index on a private mux.
func ServeIndex(mux *http.ServeMux) { mux.HandleFunc("/debug/pprof/", pprof.Index) }
