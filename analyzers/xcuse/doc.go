// Package xcuse defines an Analyzer that finds the TLS endpoints a package
// opens and the crypto operations it performs: the crypto-use model the
// TLS rules judge and the inventory lists.
//
// # Analyzer xcuse
//
// xcuse: find the TLS endpoints a package serves or dials and the crypto it performs
//
// It lists every call that serves or dials TLS, whether or not a tls.Config
// literal is in sight: net/http's ListenAndServeTLS and ServeTLS (with the
// Server's TLSConfig when the package sets it), tls.Listen, NewListener,
// Server, Dial, DialWithDialer, Client and a tls.Dialer's Dial, an https://
// URL fetched through http.Get, Head, Post, PostForm, http.DefaultClient or
// an http.Client literal whose transport is in sight, and grpc's TLS
// credentials; the same for gmtls and gotlcp's TLCP, and gotlcp's pa
// listener, which serves TLCP and standard TLS on one port. Each endpoint
// records its side, its library and its configuration: an expression, Go's
// defaults (none or a nil one), or unknown (a value the package does not
// show). A client whose transport is not in sight, or dials TLS itself, may
// speak anything and is not an endpoint. It reports nothing: xctls judges
// the endpoints (XC103, XC106).
//
// It also lists every crypto operation at its call, or where a crypto
// function is passed as a value (sha256.New to hmac.New): hashes, MACs,
// block ciphers and their modes, AEADs, stream ciphers, signatures,
// public-key encryption, key agreement, KEMs, KDFs and the CSPRNG, from
// the standard library, golang.org/x/crypto, tjfoc/gmsm and emmansun/gmsm.
// Each names its algorithm as an assessor does (AES-128-GCM, HMAC-SM3,
// RSA-PSS-SHA-256) from what the arguments show, its CycloneDX primitive,
// mode and function, its key size where the code shows it, and whether it
// is a GM algorithm. A call through an interface (a crypto.Signer, a
// hash.Hash's Write) names no algorithm and is not listed.
//
// Through dependencies it works by facts: an exported function that
// reaches an endpoint or an operation, itself or through the calls of its
// package (static calls only; an interface or a function value is not
// followed), carries each with the chain of calls down to it, and a call
// into it is listed where it is made. The standard library and the crypto
// and TLS libraries are where endpoints and operations are, not what
// reaches them: their insides carry no facts. Facts are capped at 32
// things per function and chains at 8 calls.
package xcuse
