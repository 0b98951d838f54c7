// Package quic is a stub of quic-go's API (github.com/quic-go/quic-go).
package quic

import (
	"context"
	"crypto/tls"
)

type Config struct{}

type Listener struct{}

type Conn struct{}

func ListenAddr(addr string, tlsConf *tls.Config, config *Config) (*Listener, error) {
	return nil, nil
}

func DialAddr(ctx context.Context, addr string, tlsConf *tls.Config, conf *Config) (*Conn, error) {
	return nil, nil
}
