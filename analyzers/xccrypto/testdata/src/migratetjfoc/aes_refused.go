// Ciphers SM4 would break.
package migratetjfoc

import (
	"crypto/aes" // want `^XC102: import of crypto/aes,`
	"crypto/cipher"
)

var shared cipher.AEAD

// Init shares the AEAD between goroutines: tjfoc's block is not safe for that.
func Init(key [16]byte) {
	block, _ := aes.NewCipher(key[:])
	shared, _ = cipher.NewGCM(block) // refused `SM4 block is not safe for concurrent use, as crypto/aes's is, and the block leaves the function`
}

// Fixed returns the AEAD it makes.
func Fixed() (cipher.AEAD, error) {
	block, err := aes.NewCipher([]byte("0123456789abcdef"))
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block) // refused `the block leaves the function`
}

// Any takes a key of any length: longer keys would fail with SM4.
func Any(key []byte) (cipher.Block, error) {
	return aes.NewCipher(key) // refused `the key is not provably 16 bytes: SM4 keys are 128-bit`
}

// Long has a 32-byte key.
func Long() (cipher.Block, error) {
	return aes.NewCipher([]byte("0123456789abcdef0123456789abcdef")) // refused `the key is not provably 16 bytes`
}

var ctor = aes.NewCipher // refused `aes.NewCipher as a value`

// NamedBlock hands the block on through a named result.
func NamedBlock(key [16]byte) (b cipher.Block, err error) {
	b, err = aes.NewCipher(key[:]) // refused `the block leaves the function`
	return
}
