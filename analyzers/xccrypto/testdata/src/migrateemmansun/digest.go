// Every hash use in this file keeps its meaning with SM3.
package migrateemmansun

import (
	"crypto/hmac"
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"io"
	"os"
)

// Digest returns the file's digest.
func Digest(b []byte) [sha256.Size]byte { return sha256.Sum256(b) }

// Stream hashes a file: every Sum of the hash is in sight, of nil.
func Stream(f *os.File) ([]byte, error) {
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// MAC becomes HMAC-SM3.
func MAC(key, msg []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write(msg)
	return mac.Sum(nil)
}

var blockLen = sha256.BlockSize
