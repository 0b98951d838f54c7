package migratetjfoc

import (
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`

	gm "github.com/tjfoc/gmsm/sm3"
)

var _ = gm.New

// Shadowed's parameter hides the file's name for the GM package.
func Shadowed(gm []byte) [32]byte {
	return sha256.Sum256(gm) // refused `gm, the file's name for github.com/tjfoc/gmsm/sm3, means something else here: rename that, then run the fix again`
}
