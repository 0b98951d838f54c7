// The fix removes //go:debug directives that weaken TLS, and keeps the
// rest.

// want +1 `XC103: //go:debug tls10server=1: servers accept TLS 1.0 and 1.1`
//go:debug tls10server=1
// want +1 `XC105: //go:debug tlsrsakex=1: RSA key exchange`
//go:debug tlsrsakex=1
//go:debug httpmuxgo121=1

package main

func main() {}
