// Package gmtls is a stub of github.com/tjfoc/gmsm/gmtls v1.4.1 for the
// analyzer tests.
package gmtls

import (
	"net"

	"github.com/tjfoc/gmsm/x509"
)

type Certificate struct{}

type ClientHelloInfo struct{ ServerName string }

type Config struct {
	GMSupport             *struct{}
	MinVersion            uint16
	GetCertificate        func(*ClientHelloInfo) (*Certificate, error)
	VerifyPeerCertificate func(rawCerts [][]byte, verifiedChains [][]*x509.Certificate) error
}

type Conn struct{ net.Conn }

func (c *Conn) Handshake() error { return nil }

func Client(conn net.Conn, config *Config) *Conn { return &Conn{conn} }

func Dial(network, addr string, config *Config) (*Conn, error) { return nil, nil }

func DialWithDialer(dialer *net.Dialer, network, addr string, config *Config) (*Conn, error) {
	return nil, nil
}
