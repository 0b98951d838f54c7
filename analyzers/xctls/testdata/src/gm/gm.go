// Package gm: gmtls configs under baseline. GM TLS versions are judged by the
// GM rules; without GMSupport, gmtls speaks standard TLS with SSL 3.0 as its
// default minimum.
package gm

import "github.com/tjfoc/gmsm/gmtls"

func Configs() []*gmtls.Config {
	return []*gmtls.Config{
		{GMSupport: gmtls.NewGMSupport()},
		{GMSupport: gmtls.NewGMSupport(), MinVersion: gmtls.VersionGMSSL, MaxVersion: gmtls.VersionGMSSL},
		{}, // want `^XC103: gmtls.Config leaves MinVersion unset: without GMSupport it accepts SSL 3.0 and TLS 1.0, below the policy minimum TLS 1.2; use MinVersion: gmtls.VersionTLS12$`
		{MinVersion: gmtls.VersionTLS10}, // want `^XC103: gmtls.Config MinVersion gmtls.VersionTLS10 \(TLS 1.0\) is below the policy minimum TLS 1.2; use gmtls.VersionTLS12$`
		{MinVersion: gmtls.VersionTLS12},
		{GMSupport: nil}, // want `^XC103: gmtls.Config leaves MinVersion unset`
		{MinVersion: gmtls.VersionTLS12, InsecureSkipVerify: true}, // want `^XC104: gmtls.Config sets InsecureSkipVerify`
		{GMSupport: gmtls.NewGMSupport(), CipherSuites: []uint16{ // want `^XC105: gmtls.Config CipherSuites includes insecure RSA_SM4_CBC_SHA1 \(SHA-1 MAC\), TLS_RSA_WITH_RC4_128_SHA \(RC4 \(RFC 7465\)\)$`
			gmtls.GMTLS_SM2_WITH_SM4_SM3,
			gmtls.GMTLS_RSA_WITH_SM4_SHA1,
			gmtls.TLS_RSA_WITH_RC4_128_SHA,
		}},
		{GMSupport: gmtls.NewGMSupport(), CipherSuites: []uint16{gmtls.GMTLS_SM2_WITH_SM4_SM3, gmtls.GMTLS_ECDHE_SM2_WITH_SM4_SM3}},
	}
}

func Later() *gmtls.Config {
	cfg := &gmtls.Config{}
	cfg.GMSupport = gmtls.NewGMSupport() // set after the literal: GM TLS
	return cfg
}

// The auto-switch config's standard side accepts SSL 3.0 (baseline: TLS 1.2).
func AutoSwitch(sig, enc, std *gmtls.Certificate) (*gmtls.Config, error) {
	return gmtls.NewBasicAutoSwitchConfig(sig, enc, std) // want `^XC103: gmtls.NewBasicAutoSwitchConfig leaves MinVersion unset: its standard-TLS side accepts SSL 3.0 and TLS 1.0, below the policy minimum TLS 1.2, and a higher MinVersion shuts GM TLS clients out too \(gmtls compares 0x0101 as a number\); use gotlcp's pa.Listen, which serves TLCP beside a crypto/tls Config with MinVersion: tls.VersionTLS12$`
}

// A MinVersion set on the result is judged where it is set.
func AutoSwitchPinned(sig, enc, std *gmtls.Certificate) (*gmtls.Config, error) {
	cfg, err := gmtls.NewBasicAutoSwitchConfig(sig, enc, std)
	if err != nil {
		return nil, err
	}
	cfg.MinVersion = gmtls.VersionTLS12
	return cfg, nil
}
