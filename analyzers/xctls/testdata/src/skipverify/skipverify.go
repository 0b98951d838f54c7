// Package skipverify: XC104, InsecureSkipVerify without a replacement check.
package skipverify

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"log"
	"net/http"
)

func Bad() []*tls.Config {
	return []*tls.Config{
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}, // want `^XC104: tls.Config sets InsecureSkipVerify, and no VerifyPeerCertificate or VerifyConnection of it looks at the peer's certificates: any certificate is accepted$`
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true, // want `^XC104: `
			// A callback that only returns nil checks nothing.
			VerifyPeerCertificate: func([][]byte, [][]*x509.Certificate) error { return nil },
		},
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, VerifyConnection: nil}, // want `^XC104: `
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true, // want `^XC104: `
			// Logging and counting the certificates checks none of them.
			VerifyPeerCertificate: func(raw [][]byte, chains [][]*x509.Certificate) error {
				log.Printf("peer sent %d certificates", len(raw))
				if chains != nil {
					return nil
				}
				return nil
			},
		},
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true, // want `^XC104: `
			// A revocation fetch that never looks at what the peer sent
			// (examples/edge-gateway's mistake).
			VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
				return fetchCRL(raw)
			},
		},
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true, // want `^XC104: `
			// verifiedChains is empty under InsecureSkipVerify: this checks
			// nothing.
			VerifyPeerCertificate: func(_ [][]byte, chains [][]*x509.Certificate) error {
				for _, chain := range chains {
					if len(chain) == 0 || chain[0].Subject.CommonName != "platform" {
						return errors.New("unexpected peer")
					}
				}
				return nil
			},
		},
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true, // want `^XC104: `
			// The name the client asked for says nothing about the peer.
			VerifyConnection: func(cs tls.ConnectionState) error {
				if cs.ServerName == "" || len(cs.VerifiedChains) > 0 {
					return errors.New("no server name")
				}
				return nil
			},
		},
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, VerifyConnection: ignore}, // want `^XC104: `
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, VerifyConnection: (&audit{}).record}, // want `^XC104: `
	}
}

func fetchCRL(raw [][]byte) error {
	resp, err := http.Get("http://crl.example/latest.crl")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if len(raw) == 0 {
		return errors.New("no certificate")
	}
	return nil
}

func ignore(tls.ConnectionState) error { return nil }

type audit struct{ n int }

func (a *audit) record(cs tls.ConnectionState) error {
	a.n++
	return nil
}

// Callbacks that look at the certificates are trusted to verify them:
// passed to a helper that parses them, to another package, or compared.
func LooksAtThem(pinned []byte, opts x509.VerifyOptions) []*tls.Config {
	return []*tls.Config{
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true,
			VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
				return verifyChain(raw, opts)
			},
		},
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true,
			VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
				if len(raw) == 0 || !bytes.Equal(raw[0], pinned) {
					return errors.New("certificate does not match the pin")
				}
				return nil
			},
		},
		{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: true,
			VerifyConnection: func(cs tls.ConnectionState) error {
				_, err := cs.PeerCertificates[0].Verify(opts)
				return err
			},
		},
		{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, VerifyConnection: (&audit{}).check},
	}
}

func verifyChain(raw [][]byte, opts x509.VerifyOptions) error {
	certs, err := x509.ParseCertificates(bytes.Join(raw, nil))
	if err != nil || len(certs) == 0 {
		return errors.New("bad chain")
	}
	_, err = certs[0].Verify(opts)
	return err
}

func (a *audit) check(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 || cs.PeerCertificates[0].Subject.CommonName != "platform" {
		return errors.New("unexpected peer")
	}
	return nil
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

func checkPin(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 || !bytes.Equal(cs.PeerCertificates[0].Raw, []byte("pin")) {
		return errors.New("certificate does not match the pin")
	}
	return nil
}

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
	if len(raw) == 0 || string(raw[0]) != "pin" {
		return errors.New("certificate does not match the pin")
	}
	return nil
}

// A literal bound to a field that gets a pinning callback through the same
// field: not reported.
func FieldPinned(c *client) {
	c.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}
	c.TLSConfig.VerifyPeerCertificate = pin
}
