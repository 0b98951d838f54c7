//go:build debug

package b

// A gated import does not count: with -tags debug, b links expvar only in
// debug builds.
import _ "expvar"
