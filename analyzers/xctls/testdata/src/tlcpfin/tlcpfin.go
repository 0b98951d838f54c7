// Package tlcpfin serves and dials TLCP (gotlcp) under finance: TLS 1.3 at
// least, GM TLS required, the policy's cipher suites only. TLCP is GM TLS
// with one version, so XC103 and XC106 have nothing to say about it;
// XC104 and XC105 judge its Config as they judge crypto/tls's.
package tlcpfin

import (
	"crypto/tls"
	"net"

	"gitee.com/Trisia/gotlcp/pa"
	"gitee.com/Trisia/gotlcp/tlcp"
	"github.com/emmansun/gmsm/smx509"
)

func Serve(certs []tlcp.Certificate) (net.Listener, error) {
	return tlcp.Listen("tcp", ":8443", &tlcp.Config{Certificates: certs})
}

func Dial() (*tlcp.Conn, error) {
	return tlcp.Dial("tcp", "core.bank.example.cn:443", &tlcp.Config{MinVersion: tlcp.VersionTLCP, MaxVersion: tlcp.VersionTLCP})
}

func DialDefault() (*tlcp.Conn, error) {
	return tlcp.Dial("tcp", "core.bank.example.cn:443", nil)
}

func Dialer() (net.Conn, error) {
	d := &tlcp.Dialer{NetDialer: &net.Dialer{}}
	return d.Dial("tcp", "core.bank.example.cn:443")
}

func Configs() []*tlcp.Config {
	return []*tlcp.Config{
		{InsecureSkipVerify: true}, // want `^XC104: tlcp.Config sets InsecureSkipVerify, and no VerifyPeerCertificate or VerifyConnection of it looks at the peer's certificates: any certificate is accepted$`
		{InsecureSkipVerify: true, VerifyConnection: func(cs tlcp.ConnectionState) error { return verify(cs.PeerCertificates) }},
		{InsecureSkipVerify: true, VerifyConnection: func(cs tlcp.ConnectionState) error { return nil }}, // want `^XC104: tlcp.Config sets InsecureSkipVerify`
		{CipherSuites: []uint16{tlcp.ECC_SM4_GCM_SM3, tlcp.ECDHE_SM4_GCM_SM3, tlcp.ECC_SM4_CBC_SM3}},
		{CipherSuites: []uint16{tlcp.ECC_SM4_GCM_SM3, tlcp.RSA_SM4_CBC_SHA256}}, // want `^XC105: tlcp.Config CipherSuites includes RSA_SM4_CBC_SHA256, not on the policy's approved list$`
	}
}

func Skip(cfg *tlcp.Config) {
	cfg.InsecureSkipVerify = true // want `^XC104: tlcp.Config sets InsecureSkipVerify`
}

func verify(certs []*smx509.Certificate) error {
	_, err := certs[0].Verify(smx509.VerifyOptions{})
	return err
}

// The standard side of a pa listener is a tls.Config like any other: with
// MinVersion unset it accepts TLS 1.2, below finance's 1.3. The listener
// serves TLCP too, so it is GM TLS where the policy requires it.
func ServeBoth(l net.Listener, gm *tlcp.Config) net.Listener {
	return pa.NewListener(l, gm, &tls.Config{}) // want `^XC103: tls.Config leaves MinVersion unset: Go's default is TLS 1.2, below the policy minimum TLS 1.3`
}

func ServeBothStrict(gm *tlcp.Config) (net.Listener, error) {
	return pa.Listen("tcp", ":443", gm, &tls.Config{MinVersion: tls.VersionTLS13})
}
