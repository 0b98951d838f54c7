// Package stores: XC301 through clients held in package variables and
// struct fields, and callbacks made by factories.
package stores

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"time"

	"pkivar"
)

// Through a package variable of another package.
func ViaPackageVar() *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error { // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: pkivar.FetchCRL → http.Client.Get$`
			_, err := pkivar.FetchCRL("http://crl.example.cn/root.crl")
			return err
		},
	}
}

// A callback built by a factory.
func makeVerifier(url string) func([][]byte, [][]*x509.Certificate) error {
	return func(raw [][]byte, _ [][]*x509.Certificate) error {
		_, err := http.Get(url)
		return err
	}
}

func ViaFactory() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, VerifyPeerCertificate: makeVerifier("http://ocsp.example.cn")} // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: makeVerifier → http.Get$`
}

func makeQuiet() func([][]byte, [][]*x509.Certificate) error {
	return func(raw [][]byte, _ [][]*x509.Certificate) error { return nil }
}

func ViaQuietFactory() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, VerifyPeerCertificate: makeQuiet()}
}

// A client in a struct field: every checker the package makes has one
// without a timeout.
type checker struct{ hc *http.Client }

func (o *checker) verify(raw [][]byte, _ [][]*x509.Certificate) error { // want verify:"blocks via http.Client.Get"
	_, err := o.hc.Get("http://ocsp.example.cn")
	return err
}

func ViaField() *tls.Config {
	o := &checker{hc: &http.Client{}}
	return &tls.Config{MinVersion: tls.VersionTLS12, VerifyPeerCertificate: o.verify} // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: checker.verify → http.Client.Get$`
}

// One of the values stored in the field has a timeout: not known.
type mixed struct{ hc *http.Client }

func (o *mixed) verify(raw [][]byte, _ [][]*x509.Certificate) error {
	_, err := o.hc.Get("http://ocsp.example.cn")
	return err
}

func ViaMixedField(strict bool) *tls.Config {
	o := &mixed{hc: http.DefaultClient}
	if strict {
		o.hc = &http.Client{Timeout: time.Second}
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, VerifyPeerCertificate: o.verify}
}

// A field the package never sets: a caller's, not known.
type given struct{ HC *http.Client }

func (o *given) verify(raw [][]byte, _ [][]*x509.Certificate) error {
	_, err := o.HC.Get("http://ocsp.example.cn")
	return err
}

func ViaGivenField(o *given) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, VerifyPeerCertificate: o.verify}
}
