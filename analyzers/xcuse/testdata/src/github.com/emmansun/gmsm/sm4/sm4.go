// Package sm4 is a stub of github.com/emmansun/gmsm/sm4 v0.15.
package sm4

import "crypto/cipher"

func NewCipher(key []byte) (cipher.Block, error) { return nil, nil }
