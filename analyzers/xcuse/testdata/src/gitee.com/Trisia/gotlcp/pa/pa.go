// Package pa is a stub of gitee.com/Trisia/gotlcp/pa for the analyzer
// tests: one listener that serves TLCP and standard TLS, telling them
// apart by the record's major version.
package pa

import (
	"crypto/tls"
	"net"

	"gitee.com/Trisia/gotlcp/tlcp"
)

func NewListener(inner net.Listener, tlcpCfg *tlcp.Config, tlsCfg *tls.Config) net.Listener {
	return inner
}

func Listen(network, laddr string, tlcpCfg *tlcp.Config, tlsCfg *tls.Config) (net.Listener, error) {
	return nil, nil
}
