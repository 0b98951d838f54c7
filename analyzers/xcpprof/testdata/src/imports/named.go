package imports

import (
	"net/http"

	pp "net/http/pprof" // want `^XC201: import of net/http/pprof in a default build`
)

var CPU http.HandlerFunc = pp.Profile
