package migratetjfoc

import (
	// next line refused `a blank import links crypto/sha256 for code that asks crypto.Hash for it; remove it by hand once nothing does`
	_ "crypto/sha256" // want `^XC102: import of crypto/sha256,`
)
