// Package sm4 is a stub of github.com/tjfoc/gmsm/sm4 for the analyzer tests.
package sm4

const BlockSize = 16
