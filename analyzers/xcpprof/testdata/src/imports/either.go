//go:build debug || !release

// Satisfied without debug (by any build not tagged release): not gated.
package imports

import _ "net/http/pprof" // want `^XC201: import of net/http/pprof`
