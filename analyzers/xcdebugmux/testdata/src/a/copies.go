package a

import "net/http"

type wrapper struct{ hs *http.Server }

// A Handler set through another name the server is copied into is the
// server's: a wrapper's field, a parameter of the package's function.
func ThroughWrapper() {
	srv := &http.Server{Addr: ":8082"}
	w := &wrapper{hs: srv}
	w.hs.Handler = http.NewServeMux()
	srv.ListenAndServe()
}

func configure(s *http.Server) { s.Handler = http.NewServeMux() }

func ThroughParameter() {
	srv := &http.Server{Addr: ":8083"}
	configure(srv)
	srv.ListenAndServe()
}

// Copied, and given the default mux or nothing: still the default mux.
// (A field is one place for every value of its type: a Handler set through
// any wrapper's hs counts for each server put in one.)
type holder struct{ hs *http.Server }

func WrapperDefault() {
	srv := &http.Server{Addr: ":8084"} // want `^XC203: http.Server without a Handler serves`
	w := &holder{hs: srv}
	w.hs.Handler = http.DefaultServeMux
	srv.ListenAndServe()
}

func WrapperUnset() {
	srv := &http.Server{Addr: ":8085"} // want `^XC203: http.Server without a Handler serves`
	other := srv
	_ = &holder{hs: other}
	srv.ListenAndServe()
}
