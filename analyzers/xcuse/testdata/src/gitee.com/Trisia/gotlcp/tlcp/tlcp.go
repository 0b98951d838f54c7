// Package tlcp is a stub of gitee.com/Trisia/gotlcp/tlcp (GB/T 38636 TLCP)
// for the analyzer tests: the Config fields, constants and entry points
// xcguard reads, with the real signatures. The module proxy does not serve
// gotlcp, so this is written from its source.
package tlcp

import (
	"context"
	"net"
	"time"

	x509 "github.com/emmansun/gmsm/smx509"
)

const VersionTLCP = 0x0101 // GB/T 38636-2016

// Cipher suites, GB/T 38636-2020 6.4.5.2.1 table 2.
const (
	ECDHE_SM4_CBC_SM3  uint16 = 0xe011
	ECDHE_SM4_GCM_SM3  uint16 = 0xe051
	ECC_SM4_CBC_SM3    uint16 = 0xe013
	ECC_SM4_GCM_SM3    uint16 = 0xe053
	IBSDH_SM4_CBC_SM3  uint16 = 0xe015
	IBC_SM4_CBC_SM3    uint16 = 0xe017
	RSA_SM4_CBC_SM3    uint16 = 0xe019
	RSA_SM4_GCM_SM3    uint16 = 0xe059
	RSA_SM4_CBC_SHA256 uint16 = 0xe01e
	RSA_SM4_GCM_SHA256 uint16 = 0xe05a
)

type Certificate struct {
	Certificate [][]byte
	Leaf        *x509.Certificate
}

type ClientHelloInfo struct{ ServerName string }

type CertificateRequestInfo struct{ AcceptableCAs [][]byte }

type ConnectionState struct {
	Version          uint16
	PeerCertificates []*x509.Certificate
	VerifiedChains   [][]*x509.Certificate
}

type ClientAuthType int

const (
	NoClientCert ClientAuthType = iota
	RequireAndVerifyClientCert
)

type Config struct {
	Certificates          []Certificate
	GetCertificate        func(*ClientHelloInfo) (*Certificate, error)
	GetKECertificate      func(*ClientHelloInfo) (*Certificate, error)
	GetClientCertificate  func(*CertificateRequestInfo) (*Certificate, error)
	GetConfigForClient    func(*ClientHelloInfo) (*Config, error)
	VerifyPeerCertificate func(rawCerts [][]byte, verifiedChains [][]*x509.Certificate) error
	VerifyConnection      func(ConnectionState) error
	RootCAs               *x509.CertPool
	ServerName            string
	ClientAuth            ClientAuthType
	ClientCAs             *x509.CertPool
	InsecureSkipVerify    bool
	CipherSuites          []uint16
	MinVersion            uint16
	MaxVersion            uint16
}

type Conn struct{ conn net.Conn }

func (c *Conn) Handshake() error                           { return nil }
func (c *Conn) HandshakeContext(ctx context.Context) error { return nil }
func (c *Conn) SetDeadline(t time.Time) error              { return nil }
func (c *Conn) Read(b []byte) (int, error)                 { return 0, nil }
func (c *Conn) Write(b []byte) (int, error)                { return 0, nil }
func (c *Conn) Close() error                               { return nil }
func (c *Conn) ConnectionState() ConnectionState           { return ConnectionState{} }

func Server(conn net.Conn, config *Config) *Conn { return &Conn{conn} }
func Client(conn net.Conn, config *Config) *Conn { return &Conn{conn} }

func NewListener(inner net.Listener, config *Config) net.Listener { return inner }

func Listen(network, laddr string, config *Config) (net.Listener, error) { return nil, nil }

func DialWithDialer(dialer *net.Dialer, network, addr string, config *Config) (*Conn, error) {
	return nil, nil
}

func Dial(network, addr string, config *Config) (*Conn, error) { return nil, nil }

type Dialer struct {
	NetDialer *net.Dialer
	Config    *Config
}

func (d *Dialer) Dial(network, addr string) (net.Conn, error) { return nil, nil }

func (d *Dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	return nil, nil
}
