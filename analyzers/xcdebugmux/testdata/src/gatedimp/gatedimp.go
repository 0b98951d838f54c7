// Package gatedimp imports net/http/pprof only in a debug-only file and in
// a test: a default build links nothing, so no fact and no finding, also
// with -tags debug.
package gatedimp

import "net/http"

func Main() { http.ListenAndServe(":8080", nil) }
