// Package dual runs under finance (dual mode): standard TLS and x509 beside
// their GM counterparts are fine; AES without SM4 is not.
package dual

import (
	"crypto/aes" // want `^XC102: import of crypto/aes, which has a GM counterpart, where the policy requires GM crypto \(dual mode allows it in a package that also imports github.com/tjfoc/gmsm/sm4\); use github.com/tjfoc/gmsm/sm4$`
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"

	"github.com/emmansun/gmsm/sm3" // another GM library counts as the counterpart
	"github.com/tjfoc/gmsm/gmtls"
	gmx509 "github.com/tjfoc/gmsm/x509"
)

var _ = []any{aes.NewCipher, sha256.Sum256, sm3.Sum, tls.Client, x509.ParseCertificate, gmtls.Config{}, gmx509.Certificate{}}
