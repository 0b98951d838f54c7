// Package migrateknown's test already expects SM3: the known answer is
// the SM3 digest of a string in the test, so the digest may move.
package migrateknown

import (
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"fmt"
)

func Name(b []byte) string {
	return fmt.Sprintf("%x", sha256.Sum256(b))
}
