// Package xcblock defines the analyzer for certificate checks and TLS
// handshakes that block goroutines.
//
// # Analyzer xcblock
//
// xcblock: report network I/O without a deadline in TLS handshake callbacks, certificate verification under a mutex, and handshakes without a deadline
//
// XC301 reports a TLS handshake callback of crypto/tls.Config,
// gmsm/gmtls.Config or gotlcp's tlcp.Config (VerifyPeerCertificate,
// VerifyConnection, GetCertificate, GetKECertificate, GetClientCertificate,
// GetConfigForClient), set in a literal or by
// assignment (a function literal, a named function, a method value, or a
// local variable holding one function literal), from which blocking network I/O without a deadline is
// reachable through any number of first-party calls, across packages:
// http.Get and friends, http.DefaultClient, an http.Client whose Timeout is
// provably zero, net.Dial (not a connectionless dial to an IP literal),
// DialTCP, DialUnix, net.Lookup* and net.Resolve*Addr of a host name
// without a context, a net.Dialer with no Timeout or Deadline, tls.Dial,
// gmtls.Dial, tlcp.Dial. Every handshake waits
// behind a slow OCSP or CRL responder. A request whose context carries a
// deadline set in the same function is not blocking; neither is a client
// the analyzer cannot see (precision first), nor a call through an
// interface or a function value. The message shows the call chain.
//
// XC302 reports certificate verification (crypto/x509, gmsm/x509 or
// emmansun smx509 Certificate.Verify, a call that reaches it, or an XC301 sink) while a
// sync.Mutex or RWMutex is provably held: every goroutine waiting for the
// lock waits for the verification.
//
// XC303 reports a TLS handshake that can wait forever: tls.Dial,
// gmtls.Dial and tlcp.Dial (no timeout at all), DialWithDialer with a net.Dialer that has
// no Timeout or Deadline, and Handshake() on a connection made in the same
// function with no SetDeadline before it. HandshakeContext is fine, and a
// connection that comes from a parameter is the caller's to bound.
package xcblock
