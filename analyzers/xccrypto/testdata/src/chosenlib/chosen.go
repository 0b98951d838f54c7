// Package chosenlib uses no GM library yet: the hint follows the policy's
// gm_library.
package chosenlib

import "crypto/sha256" // want `^XC102: import of crypto/sha256, .*; use github.com/emmansun/gmsm/sm3: crypto.gm_library$`

var _ = sha256.New
