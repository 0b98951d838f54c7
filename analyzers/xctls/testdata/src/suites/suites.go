// Package suites: XC105 on insecure cipher suites (baseline has no approved list).
package suites

import "crypto/tls"

var legacySuites = []uint16{
	tls.TLS_RSA_WITH_RC4_128_SHA,
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
}

func Configs() []*tls.Config {
	return []*tls.Config{
		{
			MinVersion: tls.VersionTLS12,
			CipherSuites: []uint16{ // want `^XC105: tls.Config CipherSuites includes insecure TLS_RSA_WITH_RC4_128_SHA \(RC4 \(RFC 7465\)\), TLS_RSA_WITH_3DES_EDE_CBC_SHA \(3DES \(Sweet32\)\)$`
				tls.TLS_RSA_WITH_RC4_128_SHA,
				tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
				tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
			},
		},
		{MinVersion: tls.VersionTLS12, CipherSuites: legacySuites}, // want `^XC105: tls.Config CipherSuites includes insecure TLS_RSA_WITH_RC4_128_SHA \(RC4 \(RFC 7465\)\)$`
		{MinVersion: tls.VersionTLS12, CipherSuites: []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
		}},
	}
}

func Assigned(cfg *tls.Config) {
	cfg.CipherSuites = []uint16{tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA} // want `^XC105: tls.Config CipherSuites includes insecure TLS_ECDHE_RSA_WITH_RC4_128_SHA \(RC4 \(RFC 7465\)\)$`
	cfg.CipherSuites = []uint16{tls.TLS_AES_128_GCM_SHA256}
}
