// Package tlsversions: what each endpoint accepts, as far as the code
// shows, for the inventory.
package tlsversions

import (
	"crypto/tls"
	"net"
	"net/http"

	"gitee.com/Trisia/gotlcp/tlcp"
	"github.com/tjfoc/gmsm/gmtls"
)

func Endpoints(l net.Listener, cfg *tls.Config, sup *gmtls.GMSupport) {
	http.ListenAndServeTLS(":443", "c.pem", "k.pem", nil)                                                                      // want `^tls: TLS 1.2 and up \(Go's default\); suites: Go's defaults$`
	http.Get("https://bank.example.cn/")                                                                                       // want `^tls: TLS 1.2 and up \(Go's default\); suites: Go's defaults$`
	tls.Dial("tcp", "peer:443", &tls.Config{MinVersion: tls.VersionTLS13, CipherSuites: []uint16{tls.TLS_AES_128_GCM_SHA256}}) // want `^tls: TLS 1.3 and up \(its configuration\); suites: its configuration$`
	tls.NewListener(l, &tls.Config{})                                                                                          // want `^tls: TLS 1.2 and up \(Go's default\); suites: Go's defaults$`
	gmtls.Dial("tcp", "peer:443", nil)                                                                                         // want `^tls: SSL 3.0 to TLS 1.2 \(gmtls's default without GMSupport\); suites: gmtls's defaults$`
	gmtls.Server(nil, &gmtls.Config{GMSupport: sup})                                                                           // want `^tls: GM TLS 1.1, and standard TLS up to 1.2 \(gmtls with GMSupport\); suites: gmtls's defaults$`
	tlcp.Dial("tcp", "peer:443", nil)                                                                                          // want `^tls: TLCP 1.1 \(GB/T 38636, its only version\); suites: gotlcp's defaults \(SM2 key exchange, SM4, SM3\)$`

	// A configuration not in sight says nothing.
	tls.Dial("tcp", "peer:443", cfg)
}

// A literal whose endpoint is not in sight accepts what its MinVersion
// says, else the default of the side it is for; a literal that says
// neither is not judged.
func Configs() []any {
	return []any{
		&http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS10}}, // want `^config: TLS 1.0 and up \(its configuration\); suites: Go's defaults$`
		&tls.Config{ServerName: "bank.example.cn"},                                  // want `^config: TLS 1.2 and up \(Go's default\); suites: Go's defaults$`
		&tls.Config{},
	}
}
