// Package fieldsource builds Configs whose only use is to lend fields to
// the Config that serves, as autocert setups do: the lender never reaches
// a handshake, so its unset MinVersion is not judged; the Config that
// serves is.
package fieldsource

import (
	"crypto/tls"
	"net"
	"net/http"
)

type manager struct{}

func (manager) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) { return nil, nil }

func setupAutocert() (*tls.Config, *http.Server) {
	var m manager
	lender := &tls.Config{NextProtos: []string{"h2", "http/1.1", "acme-tls/1"}}
	lender.GetCertificate = m.GetCertificate
	return lender, &http.Server{Addr: ":http"}
}

func startAutocert(srv *http.Server, auto *tls.Config) {
	if srv.TLSConfig == nil {
		srv.TLSConfig = &tls.Config{} // want `^XC103: tls.Config leaves MinVersion unset`
	}
	srv.TLSConfig.GetCertificate = auto.GetCertificate
	srv.TLSConfig.NextProtos = auto.NextProtos
	go srv.ListenAndServeTLS("", "") // want `^XC106: `
}

func Serve(srv *http.Server) {
	auto, _ := setupAutocert()
	if auto != nil {
		startAutocert(srv, auto)
	}
}

// The same helper's Config served as it is: judged.
func configFor() *tls.Config {
	cfg := &tls.Config{NextProtos: []string{"h2"}} // want `^XC103: tls.Config leaves MinVersion unset`
	return cfg
}

func Listen() (net.Listener, error) {
	cfg := configFor()
	return tls.Listen("tcp", ":8443", cfg) // want `^XC106: `
}

// Its MinVersion is what is copied: judged.
func copyVersion(srv *http.Server) {
	src := &tls.Config{NextProtos: []string{"h2"}} // want `^XC103: tls.Config leaves MinVersion unset`
	srv.TLSConfig = &tls.Config{MinVersion: src.MinVersion}
}

// Handed to an exported function, or returned from one: out of sight.
func Lend(srv *http.Server) {
	cfg := &tls.Config{NextProtos: []string{"h2"}} // want `^XC103: tls.Config leaves MinVersion unset`
	Borrow(srv, cfg)
}

func Borrow(srv *http.Server, cfg *tls.Config) {
	srv.TLSConfig.NextProtos = cfg.NextProtos
}

func Exported() *tls.Config {
	cfg := &tls.Config{NextProtos: []string{"h2"}} // want `^XC103: tls.Config leaves MinVersion unset`
	cfg.GetCertificate = manager{}.GetCertificate
	return cfg
}

// Cloned: the clone may serve.
func cloned(srv *http.Server) {
	cfg := &tls.Config{NextProtos: []string{"h2"}} // want `^XC103: tls.Config leaves MinVersion unset`
	srv.TLSConfig = cfg.Clone()
}

var _ = copyVersion
var _ = cloned
