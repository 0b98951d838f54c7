// Package credentials is a stub of google.golang.org/grpc/credentials for
// the analyzer tests: its TLS constructors, with the real signatures.
package credentials

import (
	"crypto/tls"
	"crypto/x509"
)

type TransportCredentials interface{ Info() string }

func NewTLS(c *tls.Config) TransportCredentials { return nil }

func NewClientTLSFromCert(cp *x509.CertPool, serverNameOverride string) TransportCredentials {
	return nil
}

func NewClientTLSFromFile(certFile, serverNameOverride string) (TransportCredentials, error) {
	return nil, nil
}

func NewServerTLSFromCert(cert *tls.Certificate) TransportCredentials { return nil }

func NewServerTLSFromFile(certFile, keyFile string) (TransportCredentials, error) {
	return nil, nil
}
