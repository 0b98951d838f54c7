// Package migratepinned names files by their digest, as another tool
// does, and its test pins a name: SM3 would change every name.
package migratepinned

import (
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"fmt"
)

func Name(b []byte) string {
	return fmt.Sprintf("%x", sha256.Sum256(b)) // refused `name_test.go:6 holds a SHA-256 value \(64 hex digits\): something checks the digest against a known answer`
}
