// Package go121 is a module at go 1.21: Go's default MinVersion for servers
// is still TLS 1.0 there.
package go121

import (
	"crypto/tls"
	"net/http"
)

var Server = &tls.Config{} // want `^XC103: tls.Config leaves MinVersion unset: Go's default for servers is TLS 1.0 \(tls10server=1 from go 1.21 in go.mod\), below the policy minimum TLS 1.2; use MinVersion: tls.VersionTLS12$` `^XC105: tls.Config leaves CipherSuites unset: Go's default suites include RSA key exchange \(tlsrsakex=1 from go 1.21 in go.mod\) and 3DES`

var Explicit = &tls.Config{MinVersion: tls.VersionTLS12} // want `^XC105: tls.Config leaves CipherSuites unset: Go's default suites include RSA key exchange \(tlsrsakex=1 from go 1.21 in go.mod\) and 3DES`

// Clients default to TLS 1.2 since Go 1.18 whatever go.mod says.
var Client = &tls.Config{ServerName: "platform.example.gov.cn"} // want `^XC105: tls.Config leaves CipherSuites unset: Go's default suites include RSA key exchange \(tlsrsakex=1 from go 1.21 in go.mod\) and 3DES`

var Transport = struct{ TLSClientConfig *tls.Config }{TLSClientConfig: &tls.Config{}} // want `^XC105: tls.Config leaves CipherSuites unset: Go's default suites include RSA key exchange \(tlsrsakex=1 from go 1.21 in go.mod\) and 3DES`

// Client and server fields together: it may serve.
var Both = &tls.Config{ServerName: "x", ClientAuth: tls.RequireAndVerifyClientCert} // want `^XC103: tls.Config leaves MinVersion unset: Go's default for servers is TLS 1.0 \(tls10server=1 from go 1.21` `^XC105: tls.Config leaves CipherSuites unset: Go's default suites include RSA key exchange \(tlsrsakex=1 from go 1.21 in go.mod\) and 3DES`

// With go 1.21 a server with Go's default configuration accepts TLS 1.0;
// a client still starts at TLS 1.2. Both offer RSA key exchange (Go 1.22
// dropped it from the defaults) and 3DES (Go 1.23).
func Serve() error {
	return http.ListenAndServeTLS(":8443", "c.pem", "k.pem", nil) // want `^XC103: http.ListenAndServeTLS serves with Go's default TLS configuration, which accepts TLS 1.0 \(tls10server=1 from go 1.21 in go.mod\), below the policy minimum TLS 1.2; use an http.Server whose TLSConfig has MinVersion: tls.VersionTLS12$` `^XC105: http.ListenAndServeTLS serves with Go's default cipher suites, which include RSA key exchange \(tlsrsakex=1 from go 1.21 in go.mod\) and 3DES \(tls3des=1 from go 1.21 in go.mod\); use a tls.Config with the policy's CipherSuites, or undo what restores them \(GODEBUG tlsrsakex=0,tls3des=0\)$`
}

func Fetch() (*http.Response, error) {
	return http.Get("https://example.cn/") // want `^XC105: http.Get dials with Go's default cipher suites, which include RSA key exchange`
}

// TLS 1.3 only has its own suites; suites the code lists, here or later,
// are judged as listed.
var Strict13 = &tls.Config{MinVersion: tls.VersionTLS13}

var Listed = &tls.Config{MinVersion: tls.VersionTLS12, CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}}

func ListedLater() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	cfg.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}
	return cfg
}
