// Package sm3 is a stub of github.com/emmansun/gmsm/sm3 v0.15.
package sm3

import "hash"

const Size = 32

func New() hash.Hash             { return nil }
func Sum(data []byte) [Size]byte { return [Size]byte{} }
