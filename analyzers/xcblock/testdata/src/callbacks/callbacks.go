// Package callbacks registers TLS handshake callbacks: XC301 where blocking
// network I/O without a deadline is reachable from them.
package callbacks

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/tjfoc/gmsm/gmtls"
	gmx509 "github.com/tjfoc/gmsm/x509"

	"revocation"
)

type verifier struct{ client *http.Client }

func (v *verifier) verify(raw [][]byte, _ [][]*x509.Certificate) error { // want verify:"blocks via revocation.Check → revocation.fetch → http.Post"
	return revocation.Check(raw)
}

func (v *verifier) verifyWithOwnClient(raw [][]byte, _ [][]*x509.Certificate) error {
	return revocation.CheckWith(v.client, raw)
}

func lookupPeer(cs tls.ConnectionState) error { // want lookupPeer:"blocks via net.LookupHost"
	_, err := net.LookupHost(cs.ServerName)
	return err
}

func Configs(v *verifier) []*tls.Config {
	return []*tls.Config{
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error { // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: revocation.Check → revocation.fetch → http.Post$`
			return revocation.Check(raw)
		}},
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: v.verify},   // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: verifier.verify → revocation.Check → revocation.fetch → http.Post$`
		{MinVersion: tls.VersionTLS13, VerifyConnection: lookupPeer},     // want `^XC301: VerifyConnection may block on network I/O without a deadline: lookupPeer → net.LookupHost$`
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error { // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: revocation.CheckNoDeadline → http.DefaultClient.Do$`
			return revocation.CheckNoDeadline(raw)
		}},
		{MinVersion: tls.VersionTLS13, GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) { // want `^XC301: GetCertificate may block on network I/O without a deadline: http.Get$`
			http.Get("http://certs.example.gov.cn/current.pem")
			return nil, nil
		}},

		// Bounded, or not provably unbounded: silent.
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			return revocation.CheckBounded(raw)
		}},
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			return revocation.CheckContext(raw)
		}},
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: v.verifyWithOwnClient},
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			return revocation.Async(raw)
		}},
		{MinVersion: tls.VersionTLS13, VerifyConnection: pinned},
		{MinVersion: tls.VersionTLS13, VerifyConnection: dialBounded},
		{MinVersion: tls.VersionTLS13, VerifyConnection: func(cs tls.ConnectionState) error {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_, err := net.DefaultResolver.LookupHost(ctx, cs.ServerName) // with a context: not judged
			return err
		}},
		{MinVersion: tls.VersionTLS13, GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			return &tls.Certificate{}, nil // from memory
		}},
	}
}

// pinned compares the leaf with a pin: no I/O.
func pinned(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 || string(cs.PeerCertificates[0].Raw) != "pin" {
		return errors.New("certificate does not match the pin")
	}
	return nil
}

// dialBounded asks a service with a bounded dial.
func dialBounded(cs tls.ConnectionState) error {
	c, err := net.DialTimeout("tcp", "ocsp.example.gov.cn:80", time.Second)
	if err != nil {
		return err
	}
	return c.Close()
}

func Assigned(cfg *tls.Config, gm *gmtls.Config) {
	cfg.VerifyConnection = lookupPeer // want `^XC301: VerifyConnection may block on network I/O without a deadline: lookupPeer → net.LookupHost$`
	gm.VerifyPeerCertificate = func(raw [][]byte, _ [][]*gmx509.Certificate) error { // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: revocation.Check → revocation.fetch → http.Post$`
		return revocation.Check(raw)
	}
	var dynamic func(tls.ConnectionState) error
	cfg.VerifyConnection = dynamic // a function value: not followed
}

// A callback held in a local variable (gmtls's auto_switch_config shape) is
// followed when the variable holds one function literal.
func Local() []*tls.Config {
	fetch := func(raw [][]byte, _ [][]*x509.Certificate) error {
		return revocation.Check(raw)
	}
	quiet := func(tls.ConnectionState) error { return nil }
	twice := func(tls.ConnectionState) error { return nil }
	twice = lookupPeer // reassigned: not followed
	return []*tls.Config{
		{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: fetch}, // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: revocation.Check → revocation.fetch → http.Post$`
		{MinVersion: tls.VersionTLS13, VerifyConnection: quiet},
		{MinVersion: tls.VersionTLS13, VerifyConnection: twice},
	}
}
