package a

import (
	"net"
	"net/http"
)

// Private serves its own mux, or a handler it was given: silent.
func Private(l net.Listener, h http.Handler) {
	mux := http.NewServeMux()
	http.ListenAndServe(":8080", mux)
	http.Serve(l, h) // not known to be nil
	srv := &http.Server{Addr: ":8080", Handler: mux}
	srv.ListenAndServe()
	later := &http.Server{Addr: ":8081"} // the Handler is assigned below
	later.Handler = mux
	later.ListenAndServe()
	var zero http.Server // a zero value, not a literal: not judged
	zero.Serve(l)
}

type app struct {
	srv *http.Server
}

func newApp(mux *http.ServeMux) *app {
	a := &app{srv: &http.Server{Addr: ":8080"}} // the field gets its Handler below
	a.srv.Handler = mux
	return a
}

// Servers of other packages' types are not http.Server.
type Server struct{ Addr string }

var _ = &Server{Addr: ":8080"}
