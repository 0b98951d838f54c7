package skipverify

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
)

// A template whose callback always fails accepts no certificate: each
// peer's copy gets a callback of its own.
var template = &tls.Config{
	MinVersion:         tls.VersionTLS12,
	InsecureSkipVerify: true,
	VerifyPeerCertificate: func([][]byte, [][]*x509.Certificate) error {
		return errors.New("no peer pinned yet")
	},
}

var panicking = &tls.Config{
	MinVersion:            tls.VersionTLS12,
	InsecureSkipVerify:    true,
	VerifyPeerCertificate: refuse,
}

func refuse([][]byte, [][]*x509.Certificate) error {
	panic("clone the template and pin a certificate first")
}

func ForPeer(pin []byte) *tls.Config {
	c := template.Clone()
	c.VerifyPeerCertificate = func(raw [][]byte, _ [][]*x509.Certificate) error {
		if len(raw) > 0 && bytes.Equal(raw[0], pin) {
			return nil
		}
		return fmt.Errorf("peer is not %x", pin)
	}
	return c
}

// One path accepts without looking: any certificate is accepted there.
func Lenient(debug bool) *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // want `^XC104: `
		VerifyPeerCertificate: func([][]byte, [][]*x509.Certificate) error {
			if debug {
				return nil
			}
			return errors.New("refused")
		},
	}
}

var _ = panicking
