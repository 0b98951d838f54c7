package vars // want package:"links expvar, imported by this package}"

import "expvar"

var Requests = expvar.NewInt("requests")
