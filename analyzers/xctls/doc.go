// Package xctls defines the analyzer for TLS configurations.
//
// # Analyzer xctls
//
// xctls: report TLS configurations below the policy: old versions, disabled certificate checks, weak cipher suites
//
// It reads crypto/tls.Config, github.com/tjfoc/gmsm/gmtls.Config and
// gitee.com/Trisia/gotlcp/tlcp.Config values,
// in composite literals (also nested, as in http.Transport{TLSClientConfig: …})
// and in field assignments, resolving named constants through the type
// checker; a value it cannot resolve is not a finding.
//
// XC103 reports a MinVersion or MaxVersion below the policy's
// crypto.tls_min_version, and an unset MinVersion where Go's default for the
// module's Go version is below it: TLS 1.2 since Go 1.22, TLS 1.0 for
// servers before. A gmtls.Config without GMSupport speaks standard TLS, and
// with MinVersion unset it accepts SSL 3.0 and TLS 1.0; gmtls cannot speak
// TLS 1.3 at all. GM TLS (gmtls.VersionGMSSL) is judged by the GM rules, not
// by the TLS minimum, and so is TLCP, which has that one version. A
// //go:debug tls10server=1 directive is reported too.
//
// XC104 reports InsecureSkipVerify set to true, unless the same configuration
// verifies the peer itself with a VerifyPeerCertificate or VerifyConnection
// callback (certificate pinning) that looks at the certificates it is given
// (rawCerts, or the ConnectionState's PeerCertificates; the verified chains
// are empty under InsecureSkipVerify): one that ignores them, counts them or
// compares them with nil verifies nothing. Package-local callees are
// followed.
//
// XC105 reports CipherSuites entries that are insecure (crypto/tls's
// InsecureCipherSuites, GM suites with a SHA-1 MAC) or missing from the
// policy's crypto.cipher_suites list when it has one, and //go:debug
// settings that re-enable insecure suites (tls3des=1, tlsrsakex=1).
package xctls
