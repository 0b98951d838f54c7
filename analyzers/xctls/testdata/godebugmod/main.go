// Command godebugmod's go.mod restores weak TLS defaults with godebug
// lines: its default-configured endpoints are judged by them, and the
// message says which line.
package main

import "net/http"

func main() {
	http.ListenAndServeTLS(":8443", "c.pem", "k.pem", nil) // want `^XC103: http.ListenAndServeTLS serves with Go's default TLS configuration, which accepts TLS 1.0 \(tls10server=1 from godebug tls10server=1 at go.mod:6\), below the policy minimum TLS 1.2` `^XC105: http.ListenAndServeTLS serves with Go's default cipher suites, which include RSA key exchange \(tlsrsakex=1 from godebug tlsrsakex=1 at go.mod:7\); use a tls.Config with the policy's CipherSuites, or undo what restores them \(GODEBUG tlsrsakex=0\)$`
	http.Get("https://example.cn/") // want `^XC105: http.Get dials with Go's default cipher suites, which include RSA key exchange \(tlsrsakex=1 from godebug tlsrsakex=1 at go.mod:7\)`
}
