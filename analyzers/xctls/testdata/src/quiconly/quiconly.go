// Package quiconly speaks TLS over QUIC only, which is TLS 1.3 whatever
// MinVersion says (RFC 9001): its Configs are not judged for leaving
// MinVersion unset; a MinVersion it sets below the minimum still is.
package quiconly

import (
	"context"
	"crypto/tls"

	"github.com/quic-go/quic-go"
)

func config() *tls.Config {
	return &tls.Config{NextProtos: []string{"h3"}}
}

func Listen() (*quic.Listener, error) {
	return quic.ListenAddr(":443", config(), nil)
}

func Dial(ctx context.Context) (*quic.Conn, error) {
	return quic.DialAddr(ctx, "peer:443", &tls.Config{ServerName: "peer", MinVersion: tls.VersionTLS12}, nil) // want `^XC103: tls.Config MinVersion tls.VersionTLS12 \(TLS 1.2\) is below the policy minimum TLS 1.3`
}
