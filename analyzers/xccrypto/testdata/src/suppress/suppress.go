// Package suppress checks which XC101 findings //xcguard:ignore hides. The
// directives' own findings (XC001, XC002) are xcdirective's, tested there.
package suppress

import (
	//xcguard:ignore XC101 MD5 only names cache files; nothing security-relevant depends on it
	"crypto/md5"
	"crypto/sha1" //xcguard:ignore XC101 interop with a legacy checksum header of the vendor API

	// A trailing directive on the line above covers only its own line:
	"crypto/des" // want `^XC101: import of crypto/des`

	//xcguard:ignore XC101
	"crypto/rc4" // want `^XC101: import of crypto/rc4`

	//xcguard:ignore XC102 another rule's directive does not hide XC101
	_ "golang.org/x/crypto/md4" // want `^XC101: import of golang.org/x/crypto/md4`

	//xcguard:ignore XC102,XC101 one directive may name several rules
	_ "crypto/sha1"

	"fmt"
)

var Sink = fmt.Sprint(md5.Sum(nil), sha1.Sum(nil), des.BlockSize, rc4.KeySizeError(0))
