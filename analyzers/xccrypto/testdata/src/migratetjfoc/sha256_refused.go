// Digests whose meaning SM3 would change: the file keeps its import, and
// each use says why.
package migratetjfoc

import (
	"crypto"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"    // want `^XC102: import of crypto/rsa,`
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"hash"
)

// Sign: the signature names the hash that made the digest.
func Sign(priv *rsa.PrivateKey, msg []byte) ([]byte, error) {
	d := sha256.Sum256(msg) // refused `crypto.SHA256 at line 17: the digest goes to an API that says which hash made it`
	return rsa.SignPKCS1v15(rand.Reader, priv, crypto.SHA256, d[:])
}

// Verify: the other side hashes too.
func Verify(pub *rsa.PublicKey, msg, sig []byte) error {
	d := sha256.Sum256(msg) // refused `rsa.VerifyPSS at line 23 signs or verifies: the other side hashes with SHA-256; move the signature to SM2 by hand`
	return rsa.VerifyPSS(pub, 0, d[:], sig, nil)
}

// Prefixed appends the digest to a prefix: tjfoc's Sum would hash it.
func Prefixed(b []byte) []byte {
	h := sha256.New()
	h.Write(b)
	return h.Sum(b[:4]) // refused `SM3 Sum\(b\) hashes b instead of appending the digest to it, and the hash goes where xcguard cannot see every Sum: set crypto.gm_library: github.com/emmansun/gmsm, or migrate by hand`
}

// Hasher returns the hash: its Sums are out of sight.
func Hasher() hash.Hash {
	return sha256.New() // refused `the hash goes where xcguard cannot see every Sum`
}

// Key passes the constructor on.
func Key(pw, salt []byte) ([]byte, error) {
	return pbkdf2.Key(sha256.New, string(pw), salt, 4096, 32) // refused `sha256.New is passed on as a function, so xcguard cannot see every Sum`
}

// Short is the 28-byte variant.
func Short(b []byte) [28]byte { return sha256.Sum224(b) } // refused `SHA-224's digest is 28 bytes and SM3's 32`

var sum = sha256.Sum256 // refused `sha256.Sum256 as a value: tjfoc/gmsm's Sm3Sum returns a slice, not a \[32\]byte`

// NamedHash hands the hash on through a named result.
func NamedHash() (h hash.Hash) {
	h = sha256.New() // refused `the hash goes where xcguard cannot see every Sum`
	return
}

// Discard computes a digest nothing uses.
func Discard(b []byte) {
	sha256.Sum256(b) // refused `a call whose digest nothing uses: remove it`
}

func digestOf(msg []byte) []byte {
	d := sha256.Sum256(msg) // refused `its digest may reach SignDigest, where crypto.SHA256 at line 66: the digest goes to an API that says which hash made it`
	return d[:]
}

// SignDigest signs what digestOf computes.
func SignDigest(priv *rsa.PrivateKey, msg []byte) ([]byte, error) {
	return rsa.SignPKCS1v15(rand.Reader, priv, crypto.SHA256, digestOf(msg))
}
