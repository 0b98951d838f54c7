// Package emmansunuser is built on emmansun/gmsm: XC102's hints name
// emmansun's packages, not the policy's tjfoc ones, except where the
// policy gives its reason (x509 goes to smx509, the stack gotlcp uses).
package emmansunuser

import (
	"crypto/aes"    // want `^XC102: import of crypto/aes, .*; use github.com/emmansun/gmsm/sm4: the GM library this package uses$`
	"crypto/rsa"    // want `^XC102: import of crypto/rsa, .*; use github.com/emmansun/gmsm/sm2: the GM library this package uses$`
	"crypto/sha256" // want `^XC102: import of crypto/sha256, .*; use github.com/emmansun/gmsm/sm3: the GM library this package uses$`
	"crypto/x509"   // want `^XC102: import of crypto/x509, .*; use github.com/emmansun/gmsm/smx509: the certificate stack gotlcp uses$`

	"github.com/emmansun/gmsm/sm3"
)

var (
	_ = aes.NewCipher
	_ = rsa.GenerateKey
	_ = sha256.New
	_ = x509.ParseCertificate
	_ = sm3.New
)
