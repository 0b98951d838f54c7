// Package chacha20poly1305 is a stub of golang.org/x/crypto's.
package chacha20poly1305

import "crypto/cipher"

func New(key []byte) (cipher.AEAD, error) { return nil, nil }
