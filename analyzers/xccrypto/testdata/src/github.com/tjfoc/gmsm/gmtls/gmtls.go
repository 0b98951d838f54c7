// Package gmtls is a stub of github.com/tjfoc/gmsm/gmtls for the analyzer tests.
package gmtls

type Config struct{ MinVersion uint16 }
