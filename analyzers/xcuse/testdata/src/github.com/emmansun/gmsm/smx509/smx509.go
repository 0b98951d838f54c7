// Package smx509 is a stub of github.com/emmansun/gmsm/smx509 for the
// analyzer tests: the types gotlcp's Config names.
package smx509

type Certificate struct{ Raw []byte }

type CertPool struct{}

type VerifyOptions struct{ Roots *CertPool }

func (c *Certificate) Verify(opts VerifyOptions) ([][]*Certificate, error) { return nil, nil }

func ParseCertificate(der []byte) (*Certificate, error) { return nil, nil }
