// Package go121 is a module at go 1.21: Go's default MinVersion for servers
// is still TLS 1.0 there.
package go121

import "crypto/tls"

var Server = &tls.Config{} // want `^XC103: tls.Config leaves MinVersion unset: with go 1.21 in go.mod, Go's default for servers is TLS 1.0, below the policy minimum TLS 1.2; use MinVersion: tls.VersionTLS12$`

var Explicit = &tls.Config{MinVersion: tls.VersionTLS12}

// Clients default to TLS 1.2 since Go 1.18 whatever go.mod says.
var Client = &tls.Config{ServerName: "platform.example.gov.cn"}

var Transport = struct{ TLSClientConfig *tls.Config }{TLSClientConfig: &tls.Config{}}

// Client and server fields together: it may serve.
var Both = &tls.Config{ServerName: "x", ClientAuth: tls.RequireAndVerifyClientCert} // want `^XC103: tls.Config leaves MinVersion unset: with go 1.21`
