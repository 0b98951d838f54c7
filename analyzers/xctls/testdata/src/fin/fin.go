// Package fin runs under the finance profile (its own .xcguard.yml):
// TLS 1.3 at least, and only the approved cipher suites.
package fin

import (
	"crypto/tls"

	"github.com/tjfoc/gmsm/gmtls"
)

func Std() []*tls.Config {
	return []*tls.Config{
		{MinVersion: tls.VersionTLS13},
		{MinVersion: tls.VersionTLS12}, // want `^XC103: tls.Config MinVersion tls.VersionTLS12 \(TLS 1.2\) is below the policy minimum TLS 1.3; use tls.VersionTLS13$`
		{}, // want `^XC103: tls.Config leaves MinVersion unset: Go's default is TLS 1.2, below the policy minimum TLS 1.3; use MinVersion: tls.VersionTLS13$`
		{MinVersion: tls.VersionTLS13, CipherSuites: []uint16{ // want `^XC105: tls.Config CipherSuites includes TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, not on the policy's approved list$`
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
		}},
	}
}

// Set after the literal, in the same function: judged at the assignment.
func Later() *tls.Config {
	cfg := &tls.Config{}
	cfg.MinVersion = tls.VersionTLS13
	return cfg
}

type server struct{ TLSConfig *tls.Config }

// Bound to a field and set through the same expression: judged at the
// assignment, so the literal is silent.
func Field(s *server) {
	s.TLSConfig = &tls.Config{}
	s.TLSConfig.MinVersion = tls.VersionTLS13
}

// Bound to a field and set through a helper that returns it (x/net's http3
// shape): some Config gets MinVersion in the same function, so the literal
// is not judged.
func Helper(s *server) {
	clone := func() *tls.Config { return s.TLSConfig }
	if s.TLSConfig == nil {
		s.TLSConfig = &tls.Config{}
	}
	if s.TLSConfig.MinVersion == 0 {
		clone().MinVersion = tls.VersionTLS13
	}
}

// Bound to a field and never given a MinVersion.
func FieldUnset(s *server) {
	s.TLSConfig = &tls.Config{} // want `^XC103: tls.Config leaves MinVersion unset`
}

func GM() []*gmtls.Config {
	return []*gmtls.Config{
		{GMSupport: gmtls.NewGMSupport(), MinVersion: gmtls.VersionGMSSL},
		{MinVersion: gmtls.VersionTLS12}, // want `^XC103: gmtls.Config MinVersion gmtls.VersionTLS12 \(TLS 1.2\) is below the policy minimum TLS 1.3, which gmtls cannot speak; use gmtls.VersionGMSSL for GM TLS and crypto/tls for TLS 1.3$`
		{}, // want `^XC103: gmtls.Config without GMSupport speaks standard TLS only up to 1.2, below the policy minimum TLS 1.3; use gmtls.NewGMSupport\(\) for GM TLS and crypto/tls for TLS 1.3$`
	}
}

// Under finance no MinVersion helps: gmtls's standard side stops at TLS 1.2.
func AutoSwitch(sig, enc, std *gmtls.Certificate) (*gmtls.Config, error) {
	return gmtls.NewBasicAutoSwitchConfig(sig, enc, std) // want `^XC103: gmtls.NewBasicAutoSwitchConfig serves standard TLS beside GM TLS, and gmtls speaks it only up to TLS 1.2, below the policy minimum TLS 1.3; use gotlcp's pa.Listen, which serves TLCP beside a crypto/tls Config with MinVersion: tls.VersionTLS13$`
}

// new(tls.Config) has Go's default TLS 1.2, below finance's 1.3.
func New() *tls.Config {
	return new(tls.Config) // want `^XC103: tls.Config leaves MinVersion unset: Go's default is TLS 1.2, below the policy minimum TLS 1.3; use MinVersion: tls.VersionTLS13$`
}

// A Config overwritten whole is the other one's: its unset fields say
// nothing (net/http's h2 bundle does this when a config is given).
func NewCopy(other *tls.Config) *tls.Config {
	cfg := new(tls.Config)
	*cfg = *other.Clone()
	return cfg
}

// Also when the copy is conditional: the other path may be Go's defaults,
// but precision comes first.
func LiteralCopy(other *tls.Config) *tls.Config {
	cfg := &tls.Config{}
	if other != nil {
		*cfg = *other.Clone()
	}
	return cfg
}

// MinVersion 0 is Go's default, as if unset (gosec's G402 samples).
func ZeroMin() []*tls.Config {
	var zero uint16 = 0
	return []*tls.Config{
		{MinVersion: 0},    // want `^XC103: tls.Config sets MinVersion 0, Go's default: Go's default is TLS 1.2, below the policy minimum TLS 1.3`
		{MinVersion: zero}, // want `^XC103: tls.Config sets MinVersion 0, Go's default`
	}
}
