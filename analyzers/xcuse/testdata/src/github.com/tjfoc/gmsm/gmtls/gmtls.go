// Package gmtls is a stub of github.com/tjfoc/gmsm/gmtls v1.4.1 for the
// analyzer tests: its entry points.
package gmtls

import "net"

type GMSupport struct{}

type Config struct {
	GMSupport  *GMSupport
	MinVersion uint16
}

type Conn struct{ net.Conn }

func Listen(network, laddr string, config *Config) (net.Listener, error) { return nil, nil }
func NewListener(inner net.Listener, config *Config) net.Listener        { return inner }
func Server(conn net.Conn, config *Config) *Conn                         { return nil }
func Client(conn net.Conn, config *Config) *Conn                         { return nil }
func Dial(network, addr string, config *Config) (*Conn, error)           { return nil, nil }

func DialWithDialer(dialer *net.Dialer, network, addr string, config *Config) (*Conn, error) {
	return nil, nil
}
