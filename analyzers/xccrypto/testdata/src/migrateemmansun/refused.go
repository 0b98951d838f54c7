// What no GM library makes mechanical: a digest the other side checks, a
// key that is not 128-bit.
package migrateemmansun

import (
	"crypto"
	"crypto/aes" // want `^XC102: import of crypto/aes,`
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"    // want `^XC102: import of crypto/rsa,`
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
)

func Sign(priv *rsa.PrivateKey, msg []byte) ([]byte, error) {
	d := sha256.Sum256(msg) // refused `crypto.SHA256 at line 16`
	return rsa.SignPKCS1v15(rand.Reader, priv, crypto.SHA256, d[:])
}

func Short(b []byte) [28]byte { return sha256.Sum224(b) } // refused `SHA-224's digest is 28 bytes`

func Any(key []byte) (cipher.Block, error) {
	return aes.NewCipher(key) // refused `the key is not provably 16 bytes`
}
