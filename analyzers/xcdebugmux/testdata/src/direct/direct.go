package direct // want package:"links net/http/pprof, imported by this package}"

import (
	"net/http"
	pp "net/http/pprof"
)

var _ = pp.Index

func Main() {
	http.ListenAndServe("127.0.0.1:6060", nil) // want `^XC203: http.ListenAndServe serves http.DefaultServeMux, which exposes /debug/pprof \(net/http/pprof, imported by this package\)$`
}
