package policy

import "crypto/tls"

// An InsecureSuite is a standard TLS cipher suite XC105 always reports,
// with why.
type InsecureSuite struct {
	ID   uint16
	Name string
	Why  string
}

// InsecureSuites are the standard suites XC105 calls insecure: the list of
// crypto/tls's InsecureCipherSuites as of Go 1.26 (RC4, 3DES, RSA key
// exchange, CBC-SHA256), fixed here so that the verdict does not move
// with the Go that built xcguard. Go 1.22 moved RSA key exchange into that
// list; a test checks the list still holds everything the building Go
// calls insecure.
var InsecureSuites = []InsecureSuite{
	{tls.TLS_RSA_WITH_RC4_128_SHA, "TLS_RSA_WITH_RC4_128_SHA", "RC4 (RFC 7465)"},
	{tls.TLS_ECDHE_ECDSA_WITH_RC4_128_SHA, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "RC4 (RFC 7465)"},
	{tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "RC4 (RFC 7465)"},
	{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "3DES (Sweet32)"},
	{tls.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "3DES (Sweet32)"},
	{tls.TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA", "RSA key exchange (no forward secrecy)"},
	{tls.TLS_RSA_WITH_AES_256_CBC_SHA, "TLS_RSA_WITH_AES_256_CBC_SHA", "RSA key exchange (no forward secrecy)"},
	{tls.TLS_RSA_WITH_AES_128_GCM_SHA256, "TLS_RSA_WITH_AES_128_GCM_SHA256", "RSA key exchange (no forward secrecy)"},
	{tls.TLS_RSA_WITH_AES_256_GCM_SHA384, "TLS_RSA_WITH_AES_256_GCM_SHA384", "RSA key exchange (no forward secrecy)"},
	{tls.TLS_RSA_WITH_AES_128_CBC_SHA256, "TLS_RSA_WITH_AES_128_CBC_SHA256", "RSA key exchange and CBC-SHA256 (Lucky13)"},
	{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "CBC-SHA256 (Lucky13)"},
	{tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "CBC-SHA256 (Lucky13)"},
}

// Insecure returns the entry for a standard suite XC105 calls insecure.
func Insecure(id uint16) (InsecureSuite, bool) {
	for _, s := range InsecureSuites {
		if s.ID == id {
			return s, true
		}
	}
	return InsecureSuite{}, false
}
