// Package xcuse defines an Analyzer that finds the TLS endpoints a package
// opens: the crypto-use model the TLS rules judge.
//
// # Analyzer xcuse
//
// xcuse: find the TLS endpoints a package serves or dials
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
package xcuse
