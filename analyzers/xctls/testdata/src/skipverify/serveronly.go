package skipverify

import (
	"crypto/tls"
	"net"
	"net/http"
)

// A server never reads InsecureSkipVerify (client certificates are
// checked by ClientAuth): a Config used only to serve is not reported.
func ServeOnly(l net.Listener) (net.Listener, *http.Server) {
	srv := &http.Server{TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}
	cfg.ClientAuth = tls.RequireAndVerifyClientCert
	return tls.NewListener(l, cfg), srv
}

func ServeAssigned(srv *http.Server) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	cfg.InsecureSkipVerify = true
	srv.TLSConfig = cfg
}

func ServeInPlace(l net.Listener) net.Listener {
	return tls.NewListener(l, &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true})
}

// The same Config also dials, or goes where it cannot be followed: a
// client may use it.
func ServeAndDial(l net.Listener) (net.Listener, *tls.Conn, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true} // want `^XC104: `
	c, err := tls.Dial("tcp", "peer:443", cfg)
	return tls.NewListener(l, cfg), c, err
}

func ServeAndStore(l net.Listener, keep func(*tls.Config)) net.Listener {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true} // want `^XC104: `
	keep(cfg)
	return tls.NewListener(l, cfg)
}

func DialInPlace() (*tls.Conn, error) {
	return tls.Dial("tcp", "peer:443", &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}) // want `^XC104: `
}

func AssignedAndDialed(l net.Listener) (*tls.Conn, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	cfg.InsecureSkipVerify = true // want `^XC104: `
	return tls.Dial("tcp", "peer:443", cfg)
}
