// Package go122 is a module at go 1.22, where Go's default MinVersion is
// TLS 1.2 for clients and servers: an unset MinVersion meets baseline.
package go122

import "crypto/tls"

var Server = &tls.Config{} // want `^XC105: tls.Config leaves CipherSuites unset: Go's default suites include 3DES \(tls3des=1 from go 1.22 in go.mod\); use the policy's CipherSuites, or undo what restores them \(GODEBUG tls3des=0\)$`
