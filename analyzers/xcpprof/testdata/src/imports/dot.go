package imports

import . "net/http/pprof" // want `^XC201: import of net/http/pprof in a default build`

var Sym = Symbol
