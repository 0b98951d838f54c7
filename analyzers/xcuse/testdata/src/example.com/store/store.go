// Package store is a dependency that dials TLS and encrypts inside: its
// exported functions carry what they reach as facts.
package store

import (
	"crypto/tls"

	"github.com/tjfoc/gmsm/sm4"
)

type Client struct{ conn *tls.Conn }

func Open(addr string) (*Client, error) { // want Open:`dials TLS via tls.Dial \(store.dial\); SM4 block-cipher via sm4.NewCipher \(store.seal\)`
	c, err := dial(addr)
	if err != nil {
		return nil, err
	}
	seal(nil)
	return &Client{c}, nil
}

func dial(addr string) (*tls.Conn, error) {
	return tls.Dial("tcp", addr, nil)
}

func seal(key []byte) {
	sm4.NewCipher(key)
}

func (c *Client) Seal(key []byte) { seal(key) } // want Seal:`SM4 block-cipher via sm4.NewCipher \(store.seal\)`

// Plain reaches nothing: no fact.
func Plain() string { return "plain" }
