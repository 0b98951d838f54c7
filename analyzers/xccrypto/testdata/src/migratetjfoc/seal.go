// GCM and CTR with keys that are provably 16 bytes move to SM4.
package migratetjfoc

import (
	"crypto/aes" // want `^XC102: import of crypto/aes,`
	"crypto/cipher"
	"crypto/rand"
)

// Seal encrypts with a [16]byte key; the block stays in the function.
func Seal(key [16]byte, msg []byte) ([]byte, error) {
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize(), gcm.NonceSize()+len(msg)+gcm.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, msg, nil), nil
}

// Fresh makes its own 16-byte key.
func Fresh(msg []byte) []byte {
	key := make([]byte, aes.BlockSize)
	rand.Read(key)
	block, _ := aes.NewCipher(key)
	out := make([]byte, len(msg))
	cipher.NewCTR(block, make([]byte, aes.BlockSize)).XORKeyStream(out, msg)
	return out
}
