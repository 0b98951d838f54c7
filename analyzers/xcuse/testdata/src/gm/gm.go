// Package gm opens GM TLS endpoints: gmtls, gotlcp's TLCP, and gotlcp's pa
// listener serving TLCP and standard TLS on one port.
package gm // want `^speaks GM TLS$`

import (
	"context"
	"crypto/tls"
	"net"

	"gitee.com/Trisia/gotlcp/pa"
	"gitee.com/Trisia/gotlcp/tlcp"
	"github.com/tjfoc/gmsm/gmtls"
)

func GMTLS(l net.Listener, cfg *gmtls.Config) {
	gmtls.Listen("tcp", ":443", cfg)                            // want `^endpoint: gmtls.Listen server gmtls given$`
	gmtls.NewListener(l, cfg)                                   // want `^endpoint: gmtls.NewListener server gmtls given$`
	gmtls.Server(nil, cfg)                                      // want `^endpoint: gmtls.Server server gmtls given$`
	gmtls.Dial("tcp", "peer:443", nil)                          // want `^endpoint: gmtls.Dial client gmtls default std-only$`
	gmtls.DialWithDialer(&net.Dialer{}, "tcp", "peer:443", cfg) // want `^endpoint: gmtls.DialWithDialer client gmtls given$`
	gmtls.Client(nil, cfg)                                      // want `^endpoint: gmtls.Client client gmtls given$`
}

func TLCP(ctx context.Context, l net.Listener, cfg *tlcp.Config, std *tls.Config) {
	tlcp.Listen("tcp", ":443", cfg)                            // want `^endpoint: tlcp.Listen server tlcp given$`
	tlcp.NewListener(l, cfg)                                   // want `^endpoint: tlcp.NewListener server tlcp given$`
	tlcp.Server(nil, cfg)                                      // want `^endpoint: tlcp.Server server tlcp given$`
	tlcp.Dial("tcp", "peer:443", nil)                          // want `^endpoint: tlcp.Dial client tlcp default$`
	tlcp.DialWithDialer(&net.Dialer{}, "tcp", "peer:443", cfg) // want `^endpoint: tlcp.DialWithDialer client tlcp given$`
	tlcp.Client(nil, cfg)                                      // want `^endpoint: tlcp.Client client tlcp given$`
	d := &tlcp.Dialer{Config: cfg}
	d.DialContext(ctx, "tcp", "peer:443")    // want `^endpoint: \(\*tlcp.Dialer\).DialContext client tlcp given$`
	(&tlcp.Dialer{}).Dial("tcp", "peer:443") // want `^endpoint: \(\*tlcp.Dialer\).Dial client tlcp default$`

	pa.Listen("tcp", ":443", cfg, std) // want `^endpoint: pa.Listen server tlcp given dual$`
	pa.NewListener(l, cfg, nil)        // want `^endpoint: pa.NewListener server tlcp given dual$`
}

// A gmtls configuration provably without GMSupport speaks standard TLS.
func Plain(l net.Listener, sup *gmtls.GMSupport) {
	gmtls.NewListener(l, &gmtls.Config{MinVersion: 0x0303}) // want `^endpoint: gmtls.NewListener server gmtls given std-only$` `^config: gmtls either endpoint$`
	cfg := &gmtls.Config{}                                  // want `^config: gmtls either endpoint$`
	gmtls.Server(nil, cfg)                                  // want `^endpoint: gmtls.Server server gmtls given std-only$`
	later := &gmtls.Config{}                                // want `^config: gmtls either endpoint$`
	later.GMSupport = sup
	gmtls.Server(nil, later)                         // want `^endpoint: gmtls.Server server gmtls given$`
	gmtls.Server(nil, &gmtls.Config{GMSupport: sup}) // want `^endpoint: gmtls.Server server gmtls given$` `^config: gmtls either endpoint$`
	gmtls.Server(nil, &gmtls.Config{GMSupport: nil}) // want `^endpoint: gmtls.Server server gmtls given std-only$` `^config: gmtls either endpoint$`
}
