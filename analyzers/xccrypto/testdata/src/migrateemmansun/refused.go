// What no GM library makes mechanical: a hash the other side names, a key
// that is not 128-bit.
package migrateemmansun

import (
	"crypto"
	"crypto/aes" // want `^XC102: import of crypto/aes,`
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"    // want `^XC102: import of crypto/rsa,`
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"encoding/base64"
)

func Sign(priv *rsa.PrivateKey, msg []byte) ([]byte, error) {
	d := sha256.Sum256(msg) // refused `crypto.SHA256 at line 18`
	return rsa.SignPKCS1v15(rand.Reader, priv, crypto.SHA256, d[:])
}

// JWT signs an HS256 token: the header names the algorithm.
func JWT(key []byte, payload string) string {
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	mac := hmac.New(sha256.New, key) // refused `a string at line 23 names SHA-256`
	mac.Write([]byte(header + "." + payload))
	return header + "." + payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func Short(b []byte) [28]byte { return sha256.Sum224(b) } // refused `SHA-224's digest is 28 bytes`

func Any(key []byte) (cipher.Block, error) {
	return aes.NewCipher(key) // refused `the key is not provably 16 bytes`
}
