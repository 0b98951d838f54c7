// Package x509 is a stub of github.com/tjfoc/gmsm/x509 for the analyzer tests.
package x509

type Certificate struct{ Raw []byte }

type VerifyOptions struct{}

func (c *Certificate) Verify(opts VerifyOptions) ([][]*Certificate, error) { return nil, nil }
