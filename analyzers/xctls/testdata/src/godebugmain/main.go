// A main package's //go:debug directives set the program's GODEBUG
// defaults: those that weaken crypto are reported, by the rule they break,
// whether or not the package uses TLS.

// want +1 `XC103: //go:debug tls10server=1: servers accept TLS 1.0 and 1.1 when MinVersion is unset, below the policy minimum TLS 1.2`
//go:debug tls10server=1
// want +1 `XC105: //go:debug tlsrsakex=1: RSA key exchange cipher suites \(no forward secrecy\) are enabled by default`
//go:debug tlsrsakex=1
// want +1 `XC107: //go:debug rsa1024min=0: RSA keys shorter than 1024 bits are accepted`
//go:debug rsa1024min=0
// The strong values, and settings that weaken nothing, are fine.
//go:debug tls3des=0
//go:debug tlssha1=0
//go:debug httpmuxgo121=1

package main

func main() {}
