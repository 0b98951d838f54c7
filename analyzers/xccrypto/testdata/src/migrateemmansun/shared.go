// What tjfoc/gmsm's SM3 and SM4 cannot take, emmansun/gmsm's can: a hash
// whose Sums are out of sight, a block shared between goroutines.
package migrateemmansun

import (
	"crypto/aes" // want `^XC102: import of crypto/aes,`
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"hash"
)

func Prefixed(b []byte) []byte {
	h := sha256.New()
	h.Write(b)
	return h.Sum(b[:4])
}

func Hasher() hash.Hash { return sha256.New() }

func Key(pw, salt []byte) ([]byte, error) {
	return pbkdf2.Key(sha256.New, string(pw), salt, 4096, 32)
}

var sum = sha256.Sum256

var shared cipher.AEAD

func Init(key [16]byte) {
	block, _ := aes.NewCipher(key[:])
	shared, _ = cipher.NewGCM(block)
}
