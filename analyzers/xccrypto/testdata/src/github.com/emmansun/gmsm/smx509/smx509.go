// Package smx509 is a stub of github.com/emmansun/gmsm/smx509 for the analyzer tests.
package smx509

type Certificate struct{ Raw []byte }
