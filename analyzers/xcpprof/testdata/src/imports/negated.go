//go:build !debug

// A constraint that a build without the allowed tags satisfies does not gate.
package imports

import _ "net/http/pprof" // want `^XC201: import of net/http/pprof`
