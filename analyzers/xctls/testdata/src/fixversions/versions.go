// Package fixversions: XC103's fixes set or raise MinVersion to the
// policy minimum (finance: TLS 1.3) in crypto/tls configs.
package fixversions

import (
	"crypto/tls"
	"net/http"
)

var empty = &tls.Config{} // want `XC103: tls.Config leaves MinVersion unset`

var oneLine = &tls.Config{ServerName: "bank.example.cn"} // want `XC103: tls.Config leaves MinVersion unset`

var client = &http.Transport{
	TLSClientConfig: &tls.Config{ // want `XC103: tls.Config leaves MinVersion unset`
		ServerName: "bank.example.cn",
	},
}

var low = &tls.Config{
	MinVersion: tls.VersionTLS12, // want `XC103: tls.Config MinVersion tls.VersionTLS12 \(TLS 1.2\) is below the policy minimum TLS 1.3`
}

func assigned() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS13}
	cfg.MinVersion = tls.VersionTLS10 // want `XC103: tls.Config MinVersion tls.VersionTLS10 \(TLS 1.0\) is below`
	return cfg
}

// No fix: the variable may be used elsewhere, or left unused.
func fromVar() *tls.Config {
	var floor uint16 = tls.VersionTLS11
	return &tls.Config{MinVersion: floor} // want `XC103: tls.Config MinVersion floor \(TLS 1.1\) is below`
}

// No fix: a cap below the minimum is a person's call.
var capped = &tls.Config{MinVersion: tls.VersionTLS13, MaxVersion: tls.VersionTLS12} // want `XC103: tls.Config MaxVersion tls.VersionTLS12 \(TLS 1.2\) caps TLS below`

var later = &tls.Config{ // want `XC103: tls.Config leaves MinVersion unset`
	// filled in by init
}

var strict = &tls.Config{MinVersion: tls.VersionTLS13}
