// //go:debug default=go1.20 gives the program Go 1.20's defaults: each
// weak one is reported, by rule, at the directive.

// want +1 `^XC103: //go:debug default=go1.20 keeps Go's old GODEBUG defaults tls10server=1 \(servers accept TLS 1.0 and 1.1 when MinVersion is unset\), below the policy minimum TLS 1.2$` `^XC105: //go:debug default=go1.20 keeps Go's old GODEBUG defaults tlsrsakex=1 .*, tls3des=1 ` `^XC107: //go:debug default=go1.20 keeps Go's old GODEBUG defaults tlsunsafeekm=1 `
//go:debug default=go1.20

package main

import "net/http"

// Its servers start at TLS 1.0, so Go's default configuration is below the
// policy here too.
func main() {
	http.ListenAndServeTLS(":8443", "c.pem", "k.pem", nil) // want `^XC103: http.ListenAndServeTLS serves with Go's default TLS configuration, which accepts TLS 1.0 \(tls10server=1 from //go:debug default=go1.20\)` `^XC105: http.ListenAndServeTLS serves with Go's default cipher suites, which include RSA key exchange \(tlsrsakex=1 from //go:debug default=go1.20\) and 3DES \(tls3des=1 from //go:debug default=go1.20\)`
}
