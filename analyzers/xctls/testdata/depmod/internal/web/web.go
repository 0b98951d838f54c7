// Package web is the module's own: its endpoint is judged here, not at
// the calls from the module's other packages.
package web

import "net/http"

func Serve() error {
	return http.ListenAndServeTLS(":8443", "c.pem", "k.pem", nil) // want `^XC103: http.ListenAndServeTLS serves with Go's default TLS configuration, which accepts TLS 1.0 \(tls10server=1 from godebug tls10server=1 at go.mod:6\)` `^XC105: http.ListenAndServeTLS serves with Go's default cipher suites`
}
