// Package versions: XC103 on crypto/tls MinVersion and MaxVersion (baseline: TLS 1.2).
package versions

import (
	"crypto/tls"
	"net/http"
)

const legacy = tls.VersionTLS11

const modern = tls.VersionTLS12

func Literals() []*tls.Config {
	return []*tls.Config{
		{MinVersion: tls.VersionTLS10}, // want `^XC103: tls.Config MinVersion tls.VersionTLS10 \(TLS 1.0\) is below the policy minimum TLS 1.2; use tls.VersionTLS12$`
		{MinVersion: legacy},           // want `^XC103: tls.Config MinVersion legacy \(TLS 1.1\) is below the policy minimum TLS 1.2`
		{MinVersion: 0x0300},           // want `^XC103: tls.Config MinVersion 0x0300 \(SSL 3.0\) is below`
		{MinVersion: tls.VersionTLS12},
		{MinVersion: modern},
		{MinVersion: tls.VersionTLS13},
		{MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS11}, // want `^XC103: tls.Config MaxVersion tls.VersionTLS11 \(TLS 1.1\) caps TLS below the policy minimum TLS 1.2$`
		{MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS13},
		{MinVersion: fromFlag()}, // not a constant: not judged
		{}, // unset MinVersion: Go's default is TLS 1.2 (the version of this GOPATH test is unknown)
	}
}

func fromFlag() uint16 { return tls.VersionTLS12 }

// Nested configs are checked wherever they appear.
var client = &http.Client{Transport: &http.Transport{
	TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS10}, // want `^XC103: tls.Config MinVersion tls.VersionTLS10`
}}

var server = &http.Server{TLSConfig: &tls.Config{MinVersion: tls.VersionTLS13}}

func Assignments(cfg *tls.Config, t *http.Transport) {
	cfg.MinVersion = tls.VersionTLS11 // want `^XC103: tls.Config MinVersion tls.VersionTLS11 \(TLS 1.1\) is below`
	cfg.MinVersion = tls.VersionTLS13
	t.TLSClientConfig.MaxVersion = tls.VersionTLS10 // want `^XC103: tls.Config MaxVersion tls.VersionTLS10`
	var v uint16 = tls.VersionTLS10
	cfg.MinVersion = v // want `^XC103: tls.Config MinVersion v \(TLS 1.0\)`
}

// new(tls.Config) is a Config with nothing set, judged as &tls.Config{} is:
// Go's default TLS 1.2 is baseline's minimum.
func New() *tls.Config {
	return new(tls.Config)
}

func NewSet() *tls.Config {
	cfg := new(tls.Config)
	cfg.MinVersion = tls.VersionTLS12
	return cfg
}

func NewLow() *tls.Config {
	cfg := new(tls.Config)
	cfg.MinVersion = tls.VersionTLS11 // want `^XC103: tls.Config MinVersion tls.VersionTLS11 \(TLS 1.1\) is below the policy minimum TLS 1.2`
	return cfg
}

// new of anything else is not a Config.
func NewOther() *http.Transport { return new(http.Transport) }

// A local variable given one constant version and never changed is that
// version (gosec's G402 sample).
func LocalVersion() *tls.Config {
	var lowMax uint16 = tls.VersionTLS10
	return &tls.Config{MinVersion: tls.VersionTLS12, MaxVersion: lowMax} // want `^XC103: tls.Config MaxVersion lowMax \(TLS 1.0\) caps TLS below the policy minimum TLS 1.2$`
}

func LocalMin() *tls.Config {
	low := uint16(tls.VersionTLS11)
	cfg := &tls.Config{}
	cfg.MinVersion = low // want `^XC103: tls.Config MinVersion low \(TLS 1.1\) is below the policy minimum TLS 1.2`
	return cfg
}

// A variable that changes is not a constant.
func LocalChanged(strict bool) *tls.Config {
	v := uint16(tls.VersionTLS10)
	if strict {
		v = tls.VersionTLS13
	}
	return &tls.Config{MinVersion: v}
}
