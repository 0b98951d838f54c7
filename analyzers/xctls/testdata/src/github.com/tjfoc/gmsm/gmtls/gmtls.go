// Package gmtls is a stub of github.com/tjfoc/gmsm/gmtls v1.4.1 for the
// analyzer tests: the Config fields and constants xcguard reads.
package gmtls

import (
	"net"

	"github.com/tjfoc/gmsm/x509"
)

const VersionGMSSL = 0x0101 // GM/T 0024-2014

const (
	VersionSSL30 = 0x0300
	VersionTLS10 = 0x0301
	VersionTLS11 = 0x0302
	VersionTLS12 = 0x0303
)

const (
	GMTLS_ECDHE_SM2_WITH_SM4_SM3 uint16 = 0xe011
	GMTLS_SM2_WITH_SM4_SM3       uint16 = 0xe013
	GMTLS_RSA_WITH_SM4_SHA1      uint16 = 0xe01a

	TLS_RSA_WITH_RC4_128_SHA              uint16 = 0x0005
	TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 uint16 = 0xc02f
)

type GMSupport struct{ WorkMode string }

func NewGMSupport() *GMSupport { return &GMSupport{} }

type Certificate struct{}

type Config struct {
	GMSupport             *GMSupport
	Certificates          []Certificate
	InsecureSkipVerify    bool
	CipherSuites          []uint16
	MinVersion            uint16
	MaxVersion            uint16
	VerifyPeerCertificate func(rawCerts [][]byte, verifiedChains [][]*x509.Certificate) error
}

type Conn struct{ net.Conn }

func Dial(network, addr string, config *Config) (*Conn, error) { return nil, nil }

// NewBasicAutoSwitchConfig serves GM TLS and standard TLS on one port; the
// real one sets GMSupport in mix mode and leaves MinVersion unset.
func NewBasicAutoSwitchConfig(sm2SigCert, sm2EncCert, stdCert *Certificate) (*Config, error) {
	return &Config{GMSupport: NewGMSupport()}, nil
}

func NewListener(inner net.Listener, config *Config) net.Listener { return inner }
