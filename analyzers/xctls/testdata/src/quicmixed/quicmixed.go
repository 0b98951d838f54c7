// Package quicmixed serves QUIC and TLS over TCP: a Config here may be
// the TCP one.
package quicmixed

import (
	"crypto/tls"
	"net"

	"github.com/quic-go/quic-go"
)

func config() *tls.Config {
	return &tls.Config{NextProtos: []string{"h3", "h2"}} // want `^XC103: tls.Config leaves MinVersion unset`
}

func Listen(l net.Listener) (*quic.Listener, net.Listener, error) {
	q, err := quic.ListenAddr(":443", config(), nil)
	return q, tls.NewListener(l, config()), err // want `^XC106: `
}
