// Package weak imports forbidden crypto under every kind of import name.
package weak

import (
	"crypto/md5"   // want `^XC101: import of crypto/md5: MD5 is broken \(practical collisions\); use github.com/tjfoc/gmsm/sm3$`
	h "crypto/sha1" // want `^XC101: import of crypto/sha1: .*; use github.com/tjfoc/gmsm/sm3$`
	_ "crypto/des"  // want `^XC101: import of crypto/des: .*; use github.com/tjfoc/gmsm/sm4$`
	. "crypto/rc4"  // want `^XC101: import of crypto/rc4: .*; use github.com/tjfoc/gmsm/sm4$`

	"golang.org/x/crypto/md4" // want `^XC101: import of golang.org/x/crypto/md4: MD4 is broken; use github.com/tjfoc/gmsm/sm3$`
)

func Digest(b []byte) ([16]byte, [20]byte) {
	_ = md4.New()
	_, _ = NewCipher(b)
	return md5.Sum(b), h.Sum(b)
}
