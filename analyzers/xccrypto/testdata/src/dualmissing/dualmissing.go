// Package dualmissing: dual mode, but the GM counterpart is missing, and
// smx509 (emmansun) stands in for gmsm/x509.
package dualmissing

import (
	"crypto/tls" // want `^XC102: import of crypto/tls, .*\(dual mode allows it in a package that also imports gitee.com/Trisia/gotlcp/tlcp\); use gitee.com/Trisia/gotlcp/tlcp`
	"crypto/x509"

	"github.com/emmansun/gmsm/smx509"
)

var _ = []any{tls.Client, x509.ParseCertificate, smx509.Certificate{}}
