// Package endpointsbaseline is the same under baseline (TLS 1.2, GM not
// required): Go's defaults meet it, and standard TLS is fine.
package endpointsbaseline

import (
	"crypto/tls"
	"net/http"
)

func Serve(h http.Handler) error {
	return http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", h)
}

func Dial() (*tls.Conn, error) {
	return tls.Dial("tcp", "peer:443", nil)
}

func Fetch() (*http.Response, error) {
	return http.Get("https://example.cn/")
}
