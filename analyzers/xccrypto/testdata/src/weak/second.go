package weak

import "crypto/md5" // want `^XC101: import of crypto/md5`

// Each import spec is a finding of its own, also in another file.
func Again(b []byte) [16]byte { return md5.Sum(b) }
