// Package handshake: XC303, TLS dials and handshakes that can wait forever.
package handshake

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"github.com/tjfoc/gmsm/gmtls"
)

func Dials(cfg *tls.Config, gm *gmtls.Config) { // want Dials:"blocks via tls.Dial"
	tls.Dial("tcp", "platform.example.gov.cn:443", cfg)   // want `^XC303: tls.Dial has no timeout: a silent peer holds the goroutine in the handshake forever; use tls.DialWithDialer with a net.Dialer that sets Timeout$`
	gmtls.Dial("tcp", "platform.example.gov.cn:443", gm) // want `^XC303: gmtls.Dial has no timeout`

	tls.DialWithDialer(&net.Dialer{}, "tcp", "platform.example.gov.cn:443", cfg) // want `^XC303: tls.DialWithDialer with a net.Dialer that sets neither Timeout nor Deadline`
	tls.DialWithDialer(new(net.Dialer), "tcp", "platform.example.gov.cn:443", cfg) // want `^XC303: tls.DialWithDialer`
	d := &net.Dialer{KeepAlive: time.Minute}
	tls.DialWithDialer(d, "tcp", "platform.example.gov.cn:443", cfg) // want `^XC303: tls.DialWithDialer`

	// Good: bounded dialers.
	tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", "platform.example.gov.cn:443", cfg)
	gmtls.DialWithDialer(&net.Dialer{Deadline: time.Now().Add(time.Second)}, "tcp", "platform.example.gov.cn:443", gm)
	later := &net.Dialer{}
	later.Timeout = 5 * time.Second
	tls.DialWithDialer(later, "tcp", "platform.example.gov.cn:443", cfg)
}

func DialDialer(d *net.Dialer, cfg *tls.Config) {
	tls.DialWithDialer(d, "tcp", "platform.example.gov.cn:443", cfg) // the caller's dialer
}

func Handshakes(cfg *tls.Config, gm *gmtls.Config) error { // want Handshakes:"verifies via gmtls.Conn.Handshake → x509.Certificate.Verify"
	raw, err := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	if err != nil {
		return err
	}
	conn := tls.Client(raw, cfg)
	if err := conn.Handshake(); err != nil { // want `^XC303: tls.Conn.Handshake on a connection made here with no deadline set before it`
		return err
	}

	raw2, _ := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	gconn := gmtls.Client(raw2, gm)
	gconn.Handshake() // want `^XC303: gmtls.Conn.Handshake on a connection made here`

	// Good: a deadline before the handshake, or HandshakeContext.
	raw3, _ := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	raw3.SetDeadline(time.Now().Add(10 * time.Second))
	tls.Client(raw3, cfg).Handshake() // not made in a variable: origin unknown, silent

	raw4, _ := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	conn4 := tls.Client(raw4, cfg)
	conn4.SetDeadline(time.Now().Add(10 * time.Second))
	if err := conn4.Handshake(); err != nil {
		return err
	}

	raw5, _ := net.DialTimeout("tcp", "platform.example.gov.cn:443", 5*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return tls.Client(raw5, cfg).HandshakeContext(ctx)
}

// The raw connection comes from the caller, who may have set a deadline.
func Upgrade(raw net.Conn, cfg *tls.Config) error {
	conn := tls.Server(raw, cfg)
	return conn.Handshake()
}

// A struct literal around a connection or reader from elsewhere: the
// caller's connection, whose deadline is the caller's (frp's SNI sniffer).
type prefixed struct {
	net.Conn
	head []byte
}

func Sniffed(raw net.Conn, cfg *tls.Config) error {
	conn := tls.Server(prefixed{Conn: raw}, cfg)
	return conn.Handshake()
}
