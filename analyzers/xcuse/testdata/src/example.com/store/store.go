// Package store is a dependency that dials TLS and encrypts inside: its
// exported functions carry what they reach as facts, "always" where every
// call that returns reaches it.
package store

import (
	"crypto/tls"
	"net"

	"github.com/tjfoc/gmsm/sm4"
)

type Client struct{ conn *tls.Conn }

func Open(addr string) (*Client, error) { // want Open:`^always dials TLS via tls.Dial \(store.dial\); always SM4 block-cipher via sm4.NewCipher \(store.seal\)$`
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

func (c *Client) Seal(key []byte) { seal(key) } // want Seal:`^always SM4 block-cipher via sm4.NewCipher \(store.seal\)$`

// Plain reaches nothing: no fact.
func Plain() string { return "plain" }

// Options dials TLS only when asked to, as database and cache clients do:
// it may reach tls.Client, not always.
type Options struct{ TLS *tls.Config }

func Connect(o Options) { // want Connect:`^dials TLS via tls.Client$`
	if o.TLS != nil {
		tls.Client(nil, o.TLS)
	}
}

// Each straight-line shape reaches its endpoint always: an if's init,
// a goroutine of a function literal, a deferred call, the left of &&.
func Serve(l net.Listener) error { // want Serve:`^always serves TLS via tls.NewListener$`
	if err := check(); err != nil {
		return err
	}
	if ln := tls.NewListener(l, nil); ln == nil {
		return nil
	}
	return nil
}

func Background(addr string) { // want Background:`^always dials TLS via tls.Dial \(store.dial\)$`
	go func() {
		dial(addr)
	}()
}

func Deferred(addr string) { // want Deferred:`^always dials TLS via tls.Dial \(store.dial\)$`
	defer dial(addr)
}

func Left(addr string) bool { // want Left:`^always dials TLS via tls.Dial \(store.dial\)$`
	c, _ := dial(addr)
	return c != nil && ok()
}

// The right of ||, a loop, a switch case and a function literal not called
// where it stands do not always run.
func Right(addr string) bool { // want Right:`^dials TLS via tls.Dial \(store.dialed → store.dial\)$`
	return ok() || dialed(addr)
}

func Loop(addrs []string) { // want Loop:`^dials TLS via tls.Dial \(store.dial\)$`
	for _, a := range addrs {
		dial(a)
	}
}

func Case(addr string, mode int) { // want Case:`^dials TLS via tls.Dial \(store.dial\)$`
	switch mode {
	case 1:
		dial(addr)
	}
}

func Later(addr string) func() { // want Later:`^dials TLS via tls.Dial \(store.dial\)$`
	return func() { dial(addr) }
}

// Twice reaches tls.Dial under a condition first and on its straight line
// after: always.
func Twice(addr string, retry bool) { // want Twice:`^always dials TLS via tls.Dial \(store.dial\)$`
	if retry {
		dial(addr)
	}
	dial(addr)
}

func check() error { return nil }
func ok() bool     { return true }

func dialed(addr string) bool {
	c, _ := dial(addr)
	return c != nil
}
