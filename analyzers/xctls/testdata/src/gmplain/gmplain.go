// Package gmplain imports gmtls but configures no GMSupport, as RSA-only
// builds of real services do: its endpoints speak standard TLS only, so
// under finance (GM required) they are XC106 even though gmtls is there.
package gmplain

import (
	"net"

	"github.com/tjfoc/gmsm/gmtls"
)

func Serve(l net.Listener, certs []gmtls.Certificate) net.Listener {
	cfg := &gmtls.Config{Certificates: certs} // want `^XC103: gmtls.Config without GMSupport speaks standard TLS only up to 1.2`
	return gmtls.NewListener(l, cfg)          // want `^XC106: gmtls.NewListener serves standard TLS only \(its gmtls.Config has no GMSupport\), where the policy requires GM TLS`
}

func Dial() (*gmtls.Conn, error) {
	return gmtls.Dial("tcp", "core.bank.example.cn:443", nil) // want `^XC103: gmtls.Dial dials with gmtls's default configuration, which has no GMSupport and accepts SSL 3.0 to TLS 1.2, starting below the policy minimum TLS 1.3; use a gmtls.Config with GMSupport: gmtls.NewGMSupport\(\)$` `^XC106: gmtls.Dial dials standard TLS only \(its gmtls.Config has no GMSupport\)`
}
