// Package depcalls serves and dials TLS through a dependency's functions,
// under finance: a function that does so on every call is this program's
// endpoint, judged at the call.
package depcalls

import (
	"crypto/tls"
	"net"

	"example.com/webfw"
)

func Serve() error {
	return webfw.New().RunTLS(":8443", "cert.pem", "key.pem") // want `^XC106: \(\*webfw.Engine\).RunTLS serves standard TLS only \(through \(\*webfw.Engine\).RunTLS → http.ListenAndServeTLS in example.com/webfw\), where the policy requires GM TLS` `^XC103: \(\*webfw.Engine\).RunTLS serves \(through \(\*webfw.Engine\).RunTLS → http.ListenAndServeTLS in example.com/webfw\) with Go's default TLS configuration, which accepts TLS 1.2 \(Go's default\), below the policy minimum TLS 1.3; use in place of \(\*webfw.Engine\).RunTLS, an http.Server whose TLSConfig has MinVersion: tls.VersionTLS13$`
}

// The dependency's own configuration, below the minimum, or at it.
func ServeOwn() error {
	return webfw.New().RunTLS12(":8443", "cert.pem", "key.pem") // want `^XC106: ` `^XC103: \(\*webfw.Engine\).RunTLS12 serves \(through \(\*webfw.Engine\).RunTLS12 → \(\*http.Server\).ListenAndServeTLS in example.com/webfw\) with a MinVersion of TLS 1.2, below the policy minimum TLS 1.3; use in place of \(\*webfw.Engine\).RunTLS12, an endpoint the program configures, with MinVersion: tls.VersionTLS13$`
}

func ListenOwn(l net.Listener) net.Listener {
	return webfw.ListenTLS(l) // want `^XC106: `
}

// A configuration handed over is judged where it is written; the protocol
// is still standard TLS.
func ServeConfigured(l net.Listener) {
	webfw.New().RunTLSConfig(l, &tls.Config{MinVersion: tls.VersionTLS13}) // want `^XC106: \(\*webfw.Engine\).RunTLSConfig serves standard TLS only \(through \(\*webfw.Engine\).RunTLSConfig → tls.NewListener in example.com/webfw\)`
}

func Fetch() {
	webfw.Rates() // want `^XC106: webfw.Rates dials standard TLS only` `^XC103: webfw.Rates dials \(through webfw.Rates → http.Get in example.com/webfw\) with Go's default TLS configuration, which accepts TLS 1.2 \(Go's default\), below the policy minimum TLS 1.3; use in place of webfw.Rates, an endpoint the program configures, with MinVersion: tls.VersionTLS13$`
}

// Run serves TLS only when it is given certificates: not in sight, not
// judged.
func Run(cert string) error {
	return webfw.New().Run(":8443", cert, "key.pem")
}

// Dual serves gmtls beside standard TLS: finance's dual mode accepts the
// standard side, whose defaults are still judged.
func Dual(l net.Listener) error {
	return webfw.Dual(l, ":8443", "cert.pem", "key.pem") // want `^XC103: webfw.Dual serves \(through webfw.Dual → http.ListenAndServeTLS in example.com/webfw\) with Go's default`
}

func Plain() error { return webfw.Plain(":8080") }
