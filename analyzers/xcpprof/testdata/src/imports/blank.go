package imports

import _ "net/http/pprof" // want `^XC201: import of net/http/pprof in a default build`
