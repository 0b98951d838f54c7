package a // want package:"links net/http/pprof via b}"

// Package a serves http.DefaultServeMux every way there is, and links
// net/http/pprof through b's blank import.
import (
	"net"
	"net/http"
	"net/http/cgi"
	"net/http/fcgi"

	_ "b"
)

func Serve(l net.Listener) {
	http.ListenAndServe(":8080", nil)                           // want `^XC203: http.ListenAndServe serves http.DefaultServeMux, which exposes /debug/pprof \(net/http/pprof via b\)$`
	http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", nil) // want `^XC203: http.ListenAndServeTLS serves http.DefaultServeMux`
	http.Serve(l, nil)                                          // want `^XC203: http.Serve serves http.DefaultServeMux`
	http.ServeTLS(l, nil, "cert.pem", "key.pem")                // want `^XC203: http.ServeTLS serves http.DefaultServeMux`
	http.ListenAndServe(":8080", http.DefaultServeMux)          // want `^XC203: http.ListenAndServe serves http.DefaultServeMux`
	fcgi.Serve(l, nil)                                          // want `^XC203: fcgi.Serve serves http.DefaultServeMux`
	cgi.Serve(nil)                                              // want `^XC203: cgi.Serve serves http.DefaultServeMux`
}

func Servers(l net.Listener) {
	srv := &http.Server{Addr: ":8080"} // want `^XC203: http.Server without a Handler serves http.DefaultServeMux, which exposes /debug/pprof \(net/http/pprof via b\)$`
	srv.ListenAndServe()
	plain := http.Server{Addr: ":8081", Handler: nil} // want `^XC203: http.Server with a nil Handler serves http.DefaultServeMux`
	plain.Serve(l)
	explicit := &http.Server{Handler: http.DefaultServeMux} // want `^XC203: http.Server serves http.DefaultServeMux, which`
	explicit.Serve(l)
	var declared = &http.Server{} // want `^XC203: http.Server without a Handler`
	declared.Handler = nil        // assigning nil sets nothing
	declared.Serve(l)
}

type logging struct{ next http.Handler }

func (l logging) ServeHTTP(w http.ResponseWriter, r *http.Request) { l.next.ServeHTTP(w, r) }

// Handlers built on the default mux serve it too.
func Built(verbose bool) {
	var handler http.Handler = http.DefaultServeMux
	if verbose {
		handler = logging{handler}
	}
	http.ListenAndServe(":8080", handler)                       // want `^XC203: http.ListenAndServe with handler handler serves http.DefaultServeMux, which exposes /debug/pprof \(net/http/pprof via b\)$`
	http.ListenAndServe(":8080", logging{http.DefaultServeMux}) // want `^XC203: http.ListenAndServe with handler logging{…} serves`
	mux := http.DefaultServeMux
	mux.HandleFunc("/x", func(http.ResponseWriter, *http.Request) {})
	wrapped := logging{mux}
	srv := &http.Server{Addr: ":8080", Handler: wrapped} // want `^XC203: http.Server with Handler wrapped serves http.DefaultServeMux`
	srv.ListenAndServe()
	set := &http.Server{Addr: ":8081"} // want `^XC203: http.Server without a Handler serves`
	set.Handler = mux                  // the default mux again: not a Handler of its own
	set.ListenAndServe()
}
