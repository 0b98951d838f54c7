package migratetjfoc

import (
	// next line refused `the file imports crypto/sha256 twice: keep one import, then run the fix again`
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	// next line refused `the file imports crypto/sha256 twice`
	h "crypto/sha256" // want `^XC102: import of crypto/sha256,`
)

var _, _ = sha256.Sum256, h.Sum256
