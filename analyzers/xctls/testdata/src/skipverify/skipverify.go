// Package skipverify: XC104, InsecureSkipVerify without a replacement check.
package skipverify

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
)

func Bad() []*tls.Config {
	return []*tls.Config{
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}, // want `^XC104: tls.Config sets InsecureSkipVerify without a VerifyPeerCertificate or VerifyConnection that checks the peer: any certificate is accepted$`
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true, // want `^XC104: `
			// A callback that only returns nil checks nothing.
			VerifyPeerCertificate: func([][]byte, [][]*x509.Certificate) error { return nil },
		},
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, VerifyConnection: nil}, // want `^XC104: `
	}
}

// Pinning: the config verifies the peer itself.
func Pinned(pin []byte) []*tls.Config {
	return []*tls.Config{
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true,
			VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
				if len(raw) == 0 || string(raw[0]) != string(pin) {
					return errors.New("certificate does not match the pin")
				}
				return nil
			},
		},
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, VerifyConnection: checkPin},
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: false},
	}
}

func checkPin(tls.ConnectionState) error { return nil }

func Assigned(t *http.Transport, insecure bool) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	cfg.InsecureSkipVerify = true // want `^XC104: `

	pinned := &tls.Config{MinVersion: tls.VersionTLS12, VerifyConnection: checkPin}
	pinned.InsecureSkipVerify = true

	later := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}
	later.VerifyConnection = checkPin

	t.TLSClientConfig.InsecureSkipVerify = true // want `^XC104: `

	flagged := &tls.Config{MinVersion: tls.VersionTLS12}
	flagged.InsecureSkipVerify = insecure // not a constant: not judged
	_, _, _, _ = cfg, pinned, later, flagged
}

type client struct{ TLSConfig *tls.Config }

func pin(raw [][]byte, _ [][]*x509.Certificate) error {
	if len(raw) == 0 {
		return errors.New("no certificate")
	}
	return nil
}

// A literal bound to a field that gets a pinning callback through the same
// field: not reported.
func FieldPinned(c *client) {
	c.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}
	c.TLSConfig.VerifyPeerCertificate = pin
}
