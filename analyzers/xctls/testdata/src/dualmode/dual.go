// Package dualmode serves GM TLS beside standard TLS: with finance's
// allow_dual_mode the standard endpoints are accepted (XC106 is silent),
// and their versions are still judged.
package dualmode

import (
	"crypto/tls"
	"net/http"

	"github.com/tjfoc/gmsm/gmtls"
)

func Serve(h http.Handler) error {
	go gmtls.Dial("tcp", "peer:443", &gmtls.Config{GMSupport: gmtls.NewGMSupport()})
	return http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", h) // want `^XC103: http.ListenAndServeTLS serves with Go's default TLS configuration`
}

func Strict() (*tls.Conn, error) {
	return tls.Dial("tcp", "peer:443", &tls.Config{MinVersion: tls.VersionTLS13})
}
