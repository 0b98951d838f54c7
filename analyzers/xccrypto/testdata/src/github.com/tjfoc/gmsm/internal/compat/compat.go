// Package compat is part of a GM library: it builds on crypto/x509 and
// crypto/sha256 to read foreign certificates, and is the counterpart XC102
// points to, so it is not told to import itself.
package compat

import (
	"crypto/sha256"
	"crypto/x509"
)

var (
	_ = sha256.New
	_ = x509.ParseCertificate
)
