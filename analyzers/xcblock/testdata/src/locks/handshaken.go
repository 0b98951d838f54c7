package locks

import (
	"net"
	"sync"

	"github.com/tjfoc/gmsm/gmtls"
)

var gmMu sync.Mutex

// gmtls.Dial returns after the handshake: writing on its connection
// verifies nothing more.
func syncGM(cfg *gmtls.Config, msg []byte) error { // want syncGM:"verifies via gmtls.Dial → gmtls.Conn.Handshake → x509.Certificate.Verify"
	gmMu.Lock()
	defer gmMu.Unlock()
	conn, err := gmtls.Dial("tcp", "peer.example.cn:443", cfg) // want `^XC302: network I/O without a deadline \(gmtls.Dial\) while gmMu is held` `^XC303: gmtls.Dial has no timeout`
	if err != nil {
		return err
	}
	_, err = conn.Write(msg)
	return err
}

// A connection handed in is taken to have handshaken: whoever made it
// and handed it on has, as a rule, started it.
func writeGiven(conn *gmtls.Conn, msg []byte) error {
	gmMu.Lock()
	defer gmMu.Unlock()
	_, err := conn.Write(msg)
	return err
}

// Made here by Client and written before any handshake: the Write
// handshakes, and verifies, under the lock.
func writeFresh(raw net.Conn, cfg *gmtls.Config, msg []byte) error { // want writeFresh:"verifies via gmtls.Conn.Write → gmtls.Conn.Handshake → x509.Certificate.Verify"
	gmMu.Lock()
	defer gmMu.Unlock()
	conn := gmtls.Client(raw, cfg)
	_, err := conn.Write(msg) // want `^XC302: certificate verification \(gmtls.Conn.Write → gmtls.Conn.Handshake → x509.Certificate.Verify\) while gmMu is held`
	return err
}
