// Package go122 is a module at go 1.22, where Go's default MinVersion is
// TLS 1.2 for clients and servers: an unset MinVersion meets baseline.
package go122

import "crypto/tls"

var Server = &tls.Config{}
