// Package xccrypto defines the analyzer for crypto imports.
//
// # Analyzer xccrypto
//
// xccrypto: report weak or forbidden crypto imports and name the GM replacement
//
// XC101 reports each import of a package on the policy's
// crypto.forbidden_imports list (crypto/md5, crypto/sha1, crypto/des,
// crypto/rc4, golang.org/x/crypto/md4 and others), whatever name the import
// binds, with the reason and the GM package to use instead (SM3 for
// hashes, SM4 for ciphers, SM2 for public-key crypto).
package xccrypto
