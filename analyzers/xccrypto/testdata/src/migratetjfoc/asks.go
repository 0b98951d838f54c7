package migratetjfoc

import (
	"crypto"
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"hash"
)

func SumAsked(b []byte) [32]byte { return sha256.Sum256(b) }

// Registered asks package crypto for the hash: once nothing imports
// crypto/sha256, New panics.
func Registered() hash.Hash {
	return crypto.SHA256.New() // refused `crypto.SHA256 at line 14 asks package crypto for SHA-256, which nothing may link once this import goes \(a panic at run time\): move that use first`
}
