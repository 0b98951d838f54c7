// Package webfw is a web framework the program depends on: some of its
// functions serve or dial TLS on every call, others only when an option
// asks for it.
package webfw

import (
	"crypto/tls"
	"net"
	"net/http"

	"github.com/tjfoc/gmsm/gmtls"
)

type Engine struct{ srv *http.Server }

func New() *Engine { return &Engine{srv: &http.Server{}} }

// RunTLS serves with Go's defaults, as gin's does.
func (e *Engine) RunTLS(addr, cert, key string) error {
	return http.ListenAndServeTLS(addr, cert, key, nil)
}

// RunTLS12 serves with a configuration of its own, as gin 1.10 does.
func (e *Engine) RunTLS12(addr, cert, key string) error {
	srv := &http.Server{Addr: addr, TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	return srv.ListenAndServeTLS(cert, key)
}

// ListenTLS wraps a listener with its own configuration, as fiber does.
func ListenTLS(l net.Listener) net.Listener {
	return tls.NewListener(l, &tls.Config{MinVersion: tls.VersionTLS13})
}

// RunTLSConfig serves with the configuration it is given.
func (e *Engine) RunTLSConfig(l net.Listener, cfg *tls.Config) {
	e.serve(tls.NewListener(l, cfg))
}

func (e *Engine) serve(l net.Listener) { e.srv.Serve(l) }

// Run serves TLS only when certificates are given.
func (e *Engine) Run(addr, cert, key string) error {
	if cert != "" {
		return http.ListenAndServeTLS(addr, cert, key, nil)
	}
	return http.ListenAndServe(addr, nil)
}

// Rates fetches over https with the default client.
func Rates() (*http.Response, error) {
	return http.Get("https://rates.bank.example.cn/v1/cny")
}

// Dual serves GM TLS beside standard TLS.
func Dual(l net.Listener, addr, cert, key string) error {
	gmtls.NewListener(l, &gmtls.Config{GMSupport: gmtls.NewGMSupport()})
	return http.ListenAndServeTLS(addr, cert, key, nil)
}

// Plain serves no TLS.
func Plain(addr string) error { return http.ListenAndServe(addr, nil) }
