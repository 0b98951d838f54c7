// A file that imports the GM package already: the standard import goes,
// the uses take the file's name for the GM package.
package migratetjfoc

import (
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"hash"

	gm "github.com/tjfoc/gmsm/sm3"
)

func NewHash() hash.Hash { return gm.New() }

func SumOf(b []byte) [32]byte { return sha256.Sum256(b) }
