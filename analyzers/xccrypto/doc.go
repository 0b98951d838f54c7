// Package xccrypto defines the analyzer for crypto imports.
//
// # Analyzer xccrypto
//
// xccrypto: report weak crypto imports, and standard crypto where GM crypto is required
//
// XC101 reports each import of a package on the policy's
// crypto.forbidden_imports list (crypto/md5, crypto/sha1, crypto/des,
// crypto/rc4, golang.org/x/crypto/md4 and others), whatever name the import
// binds, with the reason and the GM package to use instead (SM3 for
// hashes, SM4 for ciphers, SM2 for public-key crypto).
//
// XC102 reports, where the policy requires GM crypto (crypto.require_gm),
// each import of a standard package that has a GM counterpart
// (crypto.gm_counterparts: crypto/tls → gmsm/gmtls, crypto/x509 →
// gmsm/x509, rsa/ecdsa/ed25519/ecdh → gmsm/sm2, aes → gmsm/sm4,
// sha256/sha512/sha3 → gmsm/sm3; gov-cloud and finance send TLS to gotlcp
// and x509 to emmansun smx509, with the reason in the hint). With crypto.allow_dual_mode, a standard
// package is accepted in a package that also imports its GM counterpart,
// from tjfoc/gmsm or another library of crypto.gm_libraries (emmansun/gmsm,
// gotlcp).
//
// An XC102 finding on crypto/sha256 or crypto/aes carries a fix that moves
// every use in the file to SM3 or SM4 of the policy's crypto.gm_library,
// or, where one use would change meaning (a digest the other side names
// or verifies, a key not provably 16 bytes, tjfoc/gmsm's Sum and
// concurrency defects), no fix and the reason at that use.
package xccrypto
