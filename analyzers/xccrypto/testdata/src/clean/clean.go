// Package clean uses approved crypto only and must stay silent.
package clean

import (
	"crypto/sha256" // not forbidden: XC102 (GM required) judges it, not XC101
	"fmt"

	"github.com/tjfoc/gmsm/sm3"
)

// A comment naming crypto/md5 is not an import.
const algorithm = "crypto/md5"

func Digest(b []byte) string {
	return fmt.Sprintf("%x %x %s", sm3.Sm3Sum(b), sha256.Sum256(b), algorithm)
}
