// Package gov runs under gov-cloud: every standard package with a GM
// counterpart is XC102, even beside its GM counterpart (no dual mode).
package gov

import (
	"crypto/aes"        // want `^XC102: import of crypto/aes, which has a GM counterpart, where the policy requires GM crypto; use github.com/tjfoc/gmsm/sm4$`
	"crypto/ecdsa"      // want `^XC102: import of crypto/ecdsa, .*; use github.com/tjfoc/gmsm/sm2$`
	"crypto/ed25519"    // want `^XC102: import of crypto/ed25519, .*; use github.com/tjfoc/gmsm/sm2$`
	"crypto/rsa"        // want `^XC102: import of crypto/rsa, .*; use github.com/tjfoc/gmsm/sm2$`
	sha "crypto/sha256" // want `^XC102: import of crypto/sha256, .*; use github.com/tjfoc/gmsm/sm3$`
	_ "crypto/sha512"   // want `^XC102: import of crypto/sha512, .*; use github.com/tjfoc/gmsm/sm3$`
	"crypto/tls"        // want `^XC102: import of crypto/tls, .*; use gitee.com/Trisia/gotlcp/tlcp: tjfoc gmtls stops at TLS 1.2 and has no VerifyConnection; gotlcp's pa listener serves TLCP beside crypto/tls TLS 1.3$`
	"crypto/x509"       // want `^XC102: import of crypto/x509, .*; use github.com/emmansun/gmsm/smx509: the certificate stack gotlcp uses$`

	"crypto/hmac" // generic: no GM counterpart of its own
	"crypto/md5"  // want `^XC101: import of crypto/md5`
	"crypto/rand" // not an algorithm
	"crypto/subtle"

	"github.com/tjfoc/gmsm/sm4"
)

var _ = []any{aes.BlockSize, ecdsa.Sign, ed25519.Sign, rsa.SignPKCS1v15, sha.Sum256, tls.Client, x509.ParseCertificate,
	hmac.New, rand.Read, md5.Sum, subtle.ConstantTimeCompare, sm4.BlockSize}
