// Package tlcpuse: XC301, XC302 and XC303 judge gotlcp's TLCP as they
// judge crypto/tls: its handshake callbacks (GetKECertificate too), its
// dials and handshakes, and emmansun smx509 verification under a lock.
package tlcpuse

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"

	"gitee.com/Trisia/gotlcp/tlcp"
	"github.com/emmansun/gmsm/smx509"
)

func fetchKey(*tlcp.ClientHelloInfo) (*tlcp.Certificate, error) { // want fetchKey:"blocks via http.Get"
	_, err := http.Get("http://kms.example.gov.cn/enc-cert")
	return nil, err
}

func Configs(sig tlcp.Certificate) []*tlcp.Config {
	return []*tlcp.Config{
		{Certificates: []tlcp.Certificate{sig}, GetKECertificate: fetchKey}, // want `^XC301: GetKECertificate may block on network I/O without a deadline: fetchKey → http.Get$`
		{VerifyPeerCertificate: func(raw [][]byte, _ [][]*smx509.Certificate) error { // want `^XC301: VerifyPeerCertificate may block on network I/O without a deadline: net.LookupHost$`
			_, err := net.LookupHost("ocsp.example.gov.cn")
			return err
		}},
		// Good: a bounded client.
		{VerifyConnection: func(tlcp.ConnectionState) error {
			c := &http.Client{Timeout: 2 * time.Second}
			_, err := c.Get("http://ocsp.example.gov.cn/")
			return err
		}},
	}
}

type pool struct {
	mu    sync.Mutex
	roots *smx509.CertPool
}

func (p *pool) verify(cert *smx509.Certificate) error { // want verify:"verifies via smx509.Certificate.Verify"
	p.mu.Lock()
	defer p.mu.Unlock()
	_, err := cert.Verify(smx509.VerifyOptions{Roots: p.roots}) // want `^XC302: certificate verification \(smx509.Certificate.Verify\) while p.mu is held`
	return err
}

func (p *pool) verifyUnlocked(cert *smx509.Certificate) error { // want verifyUnlocked:"verifies via smx509.Certificate.Verify"
	p.mu.Lock()
	roots := p.roots
	p.mu.Unlock()
	_, err := cert.Verify(smx509.VerifyOptions{Roots: roots})
	return err
}

func Dials(cfg *tlcp.Config) { // want Dials:"blocks via tlcp.Dial"
	tlcp.Dial("tcp", "platform.example.gov.cn:443", cfg)                          // want `^XC303: tlcp.Dial has no timeout: a silent peer holds the goroutine in the handshake forever; use tlcp.DialWithDialer with a net.Dialer that sets Timeout$`
	tlcp.DialWithDialer(&net.Dialer{}, "tcp", "platform.example.gov.cn:443", cfg) // want `^XC303: tlcp.DialWithDialer with a net.Dialer that sets neither Timeout nor Deadline`
	tlcp.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", "platform.example.gov.cn:443", cfg)
}

func Handshakes(cfg *tlcp.Config) error {
	raw, _ := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	conn := tlcp.Client(raw, cfg)
	if err := conn.Handshake(); err != nil { // want `^XC303: tlcp.Conn.Handshake on a connection made here with no deadline set before it`
		return err
	}
	raw2, _ := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	conn2 := tlcp.Client(raw2, cfg)
	conn2.SetDeadline(time.Now().Add(10 * time.Second))
	if err := conn2.Handshake(); err != nil {
		return err
	}
	raw3, _ := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return tlcp.Client(raw3, cfg).HandshakeContext(ctx)
}
