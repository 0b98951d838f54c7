// Package svc calls into store: each call that reaches an endpoint or a
// crypto operation is listed with the chain, and svc's own functions
// carry it on.
package svc

import "example.com/store"

func Start() error {
	c, err := store.Open("db:443") // want `^call: store.Open reaches always dials TLS via tls.Dial \(store.dial\); always SM4 block-cipher via sm4.NewCipher \(store.seal\)$`
	if err != nil {
		return err
	}
	c.Seal(nil) // want `^call: \(\*store.Client\).Seal reaches always SM4 block-cipher via sm4.NewCipher \(store.seal\)$`
	_ = store.Plain()
	return nil
}
