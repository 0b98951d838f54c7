// Package hkdf is a stub of golang.org/x/crypto's.
package hkdf

import (
	"hash"
	"io"
)

func New(hash func() hash.Hash, secret, salt, info []byte) io.Reader { return nil }
