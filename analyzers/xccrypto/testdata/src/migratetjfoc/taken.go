package migratetjfoc

// next line refused `the name sm3 is already used in this file \(line 8\): rename that, then run the fix again`
import "crypto/sha256" // want `^XC102: import of crypto/sha256,`

// Checksum's parameter is named sm3: the migrated code could not name the
// package.
func Checksum(sm3 []byte) [32]byte { return sha256.Sum256(sm3) }
