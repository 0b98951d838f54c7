package main

import (
	"crypto/tls"
	"crypto/x509"

	"example.com/edge/internal/revoke"
)

var upstream = &tls.Config{
	MinVersion: tls.VersionTLS13,
	VerifyPeerCertificate: func(_ [][]byte, chains [][]*x509.Certificate) error {
		return revoke.Check(chains)
	},
}

// A callback that does no network I/O: silent.
var pinned = &tls.Config{
	MinVersion:            tls.VersionTLS13,
	VerifyPeerCertificate: func([][]byte, [][]*x509.Certificate) error { return nil },
}
