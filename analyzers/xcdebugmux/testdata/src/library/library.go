package library // want package:"links expvar via vars}"

// Package library is not a main package, but the mux is global: a server
// it hands out without a Handler serves the default mux wherever it runs.
import (
	"net/http"

	_ "vars"
)

func NewServer(addr string) *http.Server {
	return &http.Server{Addr: addr} // want `^XC203: http.Server without a Handler serves http.DefaultServeMux, which exposes /debug/vars \(expvar via vars\)$`
}
