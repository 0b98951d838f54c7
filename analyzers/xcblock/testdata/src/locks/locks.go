// Package locks: XC302, certificate verification while a mutex is held.
package locks

import (
	"crypto/x509"
	"net"
	"net/http"
	"sync"

	gmx509 "github.com/tjfoc/gmsm/x509"

	"revocation"
)

type cache struct {
	mu     sync.Mutex
	rw     sync.RWMutex
	roots  *x509.CertPool
	chains map[string][][]*x509.Certificate
}

func (c *cache) verifyLocked(cert *x509.Certificate) error { // want verifyLocked:"verifies via x509.Certificate.Verify"
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := cert.Verify(x509.VerifyOptions{Roots: c.roots}) // want `^XC302: certificate verification \(x509.Certificate.Verify\) while c.mu is held: every goroutine waiting for the lock waits for it$`
	return err
}

func (c *cache) verifyRead(cert *gmx509.Certificate) error { // want verifyRead:"verifies via x509.Certificate.Verify"
	c.rw.RLock()
	_, err := cert.Verify(gmx509.VerifyOptions{}) // want `^XC302: certificate verification \(x509.Certificate.Verify\) while c.rw is held`
	c.rw.RUnlock()
	return err
}

func (c *cache) fetchLocked(raw [][]byte) error { // want fetchLocked:"blocks via http.Get"
	c.mu.Lock()
	defer c.mu.Unlock()
	http.Get("http://crl.example.gov.cn/latest.crl")   // want `^XC302: network I/O without a deadline \(http.Get\) while c.mu is held`
	return revocation.Check(raw) // want `^XC302: network I/O without a deadline \(revocation.Check → revocation.fetch → http.Post\) while c.mu is held`
}

func (c *cache) helper(cert *x509.Certificate) error { // want helper:"verifies via x509.Certificate.Verify"
	_, err := cert.Verify(x509.VerifyOptions{Roots: c.roots})
	return err
}

func (c *cache) throughHelper(cert *x509.Certificate) error { // want throughHelper:"verifies via locks.cache.helper → x509.Certificate.Verify"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.helper(cert) // want `^XC302: certificate verification \(cache.helper → x509.Certificate.Verify\) while c.mu is held`
}

// Good: the lock is released before verifying.
func (c *cache) unlockFirst(cert *x509.Certificate) error { // want unlockFirst:"verifies via x509.Certificate.Verify"
	c.mu.Lock()
	roots := c.roots
	c.mu.Unlock()
	_, err := cert.Verify(x509.VerifyOptions{Roots: roots})
	return err
}

// Good: verify first, then lock to store the result.
func (c *cache) storeAfter(name string, cert *x509.Certificate) error { // want storeAfter:"verifies via x509.Certificate.Verify"
	chains, err := cert.Verify(x509.VerifyOptions{Roots: c.roots})
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.chains[name] = chains
	c.mu.Unlock()
	return nil
}

// Good: a read lock released before verifying.
func (c *cache) readThenVerify(cert *x509.Certificate) error { // want readThenVerify:"verifies via x509.Certificate.Verify"
	c.rw.RLock()
	roots := c.roots
	c.rw.RUnlock()
	_, err := cert.Verify(x509.VerifyOptions{Roots: roots})
	return err
}

// Unlocked in a branch: after the if, the lock may not be held (silent).
func (c *cache) maybe(cert *x509.Certificate, fast bool) error { // want maybe:"verifies via x509.Certificate.Verify"
	c.mu.Lock()
	if fast {
		c.mu.Unlock()
	}
	_, err := cert.Verify(x509.VerifyOptions{})
	return err
}

// A goroutine started under the lock does not run under it.
func (c *cache) background(cert *x509.Certificate) {
	c.mu.Lock()
	defer c.mu.Unlock()
	go cert.Verify(x509.VerifyOptions{})
}

// conn is a connection with its own handshake lock, as crypto/tls.Conn has:
// holding it makes only this connection's other calls wait (silent).
type conn struct {
	handshakeMu sync.Mutex
	peer        *x509.Certificate
}

func (c *conn) Read(b []byte) (int, error)        { return 0, nil }
func (c *conn) Write(b []byte) (int, error)       { return 0, nil }
func (c *conn) Close() error                      { return nil }
func (c *conn) SetDeadline(t interface{}) error   { return nil }

func (c *conn) handshake() error { // want handshake:"verifies via x509.Certificate.Verify"
	c.handshakeMu.Lock()
	defer c.handshakeMu.Unlock()
	_, err := c.peer.Verify(x509.VerifyOptions{})
	return err
}

// A connectionless dial to an IP literal only binds a socket: no packet is
// sent and nothing waits. To a host name it looks the name up first, and
// so do the Resolve functions.
type stats struct {
	mu   sync.Mutex
	conn net.Conn
}

func (s *stats) dialLocked() { // want dialLocked:"blocks via net.ResolveUDPAddr"
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn, _ = net.Dial("udp4", "192.0.2.1:8125")
	s.conn, _ = net.Dial("udp", "[2001:db8::1]:8125")
	net.DialUDP("udp", nil, &net.UDPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 8125})
	net.ResolveUDPAddr("udp", "192.0.2.1:53")
	net.ResolveUDPAddr("udp", net.JoinHostPort("0.0.0.0", "53"))
	net.ResolveUDPAddr("udp", net.JoinHostPort("ns.example.gov.cn", "53")) // want `^XC302: network I/O without a deadline \(net.ResolveUDPAddr\) while s.mu is held`
	net.ResolveUDPAddr("udp", "ns.example.gov.cn:53") // want `^XC302: network I/O without a deadline \(net.ResolveUDPAddr\) while s.mu is held`
	net.ResolveTCPAddr("tcp", "ocsp.example.gov.cn:80") // want `^XC302: network I/O without a deadline \(net.ResolveTCPAddr\) while s.mu is held`
	s.conn, _ = net.Dial("udp", "statsd.example.gov.cn:8125") // want `^XC302: network I/O without a deadline \(net.Dial\) while s.mu is held`
	s.conn, _ = net.Dial("tcp", "192.0.2.1:80")              // want `^XC302: network I/O without a deadline \(net.Dial\) while s.mu is held`
}
