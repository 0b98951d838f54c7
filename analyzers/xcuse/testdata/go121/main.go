// Command go121 is at go 1.21: Go's defaults then still accept TLS 1.0 on
// servers, and RSA key exchange and 3DES everywhere.
package main

import "net/http"

func main() {
	http.ListenAndServeTLS(":443", "c.pem", "k.pem", nil) // want `^tls: TLS 1.0 and up \(tls10server=1 from go 1.21 in go.mod\); suites: Go's defaults with RSA key exchange \(tlsrsakex=1 from go 1.21 in go.mod\) and 3DES \(tls3des=1 from go 1.21 in go.mod\)$`
	http.Get("https://bank.example.cn/")                  // want `^tls: TLS 1.2 and up \(Go's default\); suites: Go's defaults with RSA key exchange`
}
