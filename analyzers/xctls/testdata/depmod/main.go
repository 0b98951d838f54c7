// Command shop serves through a dependency and through its own package;
// its go.mod's godebug lines weaken both.
package main

import (
	"example.com/shop/internal/web"
	"example.com/webfw"
)

func main() {
	go web.Serve()
	webfw.RunTLS(":9443", "c.pem", "k.pem") // want `^XC103: webfw.RunTLS serves \(through webfw.RunTLS → http.ListenAndServeTLS in example.com/webfw\) with Go's default TLS configuration, which accepts TLS 1.0 \(tls10server=1 from godebug tls10server=1 at go.mod:6\), below the policy minimum TLS 1.2` `^XC105: webfw.RunTLS serves \(through webfw.RunTLS → http.ListenAndServeTLS in example.com/webfw\) with Go's default cipher suites, which include RSA key exchange \(tlsrsakex=1 from godebug tlsrsakex=1 at go.mod:7\)`
}
