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

// Handshake verifies the peer's chain, as gmtls's clientHandshake does;
// Write and Read handshake first when the connection has not.
func (c *Conn) Handshake() error {
	var leaf *x509.Certificate
	_, err := leaf.Verify(x509.VerifyOptions{})
	return err
}

func (c *Conn) Write(b []byte) (int, error) {
	if err := c.Handshake(); err != nil {
		return 0, err
	}
	return len(b), nil
}

func Client(conn net.Conn, config *Config) *Conn { return &Conn{conn} }

func Dial(network, addr string, config *Config) (*Conn, error) {
	c := &Conn{}
	return c, c.Handshake()
}

func DialWithDialer(dialer *net.Dialer, network, addr string, config *Config) (*Conn, error) {
	return nil, nil
}
