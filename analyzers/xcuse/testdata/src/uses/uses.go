// Package uses opens every kind of standard TLS endpoint xcuse knows, and
// the look-alikes that are none.
package uses

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

func Servers(l net.Listener, h http.Handler, cfg *tls.Config, srv *http.Server) {
	http.ListenAndServeTLS(":8443", "c.pem", "k.pem", h) // want `^endpoint: http.ListenAndServeTLS server std default$`
	http.ServeTLS(l, h, "c.pem", "k.pem")                // want `^endpoint: http.ServeTLS server std default$`

	s1 := &http.Server{Addr: ":8443"}
	s1.ListenAndServeTLS("c.pem", "k.pem") // want `^endpoint: \(\*http.Server\).ListenAndServeTLS server std default$`
	s2 := http.Server{TLSConfig: cfg}
	s2.ServeTLS(l, "c.pem", "k.pem") // want `^endpoint: \(\*http.Server\).ServeTLS server std given$`
	s3 := &http.Server{TLSConfig: nil}
	s3.ServeTLS(l, "c.pem", "k.pem")        // want `^endpoint: \(\*http.Server\).ServeTLS server std default$`
	srv.ListenAndServeTLS("c.pem", "k.pem") // want `^endpoint: \(\*http.Server\).ListenAndServeTLS server std unknown$`
	s4 := &http.Server{}
	s4.TLSConfig = cfg
	s4.ListenAndServeTLS("c.pem", "k.pem") // want `^endpoint: \(\*http.Server\).ListenAndServeTLS server std unknown$`

	tls.Listen("tcp", ":443", cfg)                  // want `^endpoint: tls.Listen server std given$`
	tls.NewListener(l, &tls.Config{})               // want `^endpoint: tls.NewListener server std given$` `^config: std either endpoint$`
	tls.Server(nil, nil)                            // want `^endpoint: tls.Server server std default$`
	tls.QUICServer(&tls.QUICConfig{TLSConfig: cfg}) // want `^endpoint: tls.QUICServer server std given$`

	// Plain HTTP serves no TLS.
	http.ListenAndServe(":8080", h)
	http.Serve(l, h)
}

func Clients(ctx context.Context, cfg *tls.Config, c *http.Client, rt http.RoundTripper, url string) {
	tls.Dial("tcp", "peer:443", nil)                               // want `^endpoint: tls.Dial client std default$`
	tls.DialWithDialer(&net.Dialer{}, "tcp", "peer:443", cfg)      // want `^endpoint: tls.DialWithDialer client std given$`
	tls.Client(nil, cfg)                                           // want `^endpoint: tls.Client client std given$`
	tls.QUICClient(&tls.QUICConfig{TLSConfig: cfg})                // want `^endpoint: tls.QUICClient client std given$`
	(&tls.Dialer{}).Dial("tcp", "peer:443")                        // want `^endpoint: \(\*tls.Dialer\).Dial client std default$`
	(&tls.Dialer{Config: cfg}).DialContext(ctx, "tcp", "peer:443") // want `^endpoint: \(\*tls.Dialer\).DialContext client std given$`

	http.Get("https://bank.example.cn/")               // want `^endpoint: http.Get client std default$`
	http.Head("HTTPS://bank.example.cn/")              // want `^endpoint: http.Head client std default$`
	http.Post("https://bank.example.cn/", "", nil)     // want `^endpoint: http.Post client std default$`
	http.PostForm("https://bank.example.cn/", nil)     // want `^endpoint: http.PostForm client std default$`
	http.DefaultClient.Get("https://bank.example.cn/") // want `^endpoint: \(\*http.Client\).Get client std default$`

	c1 := &http.Client{Timeout: time.Second}
	c1.Get("https://bank.example.cn/") // want `^endpoint: \(\*http.Client\).Get client std default$`
	c2 := &http.Client{Transport: http.DefaultTransport}
	c2.Head("https://bank.example.cn/") // want `^endpoint: \(\*http.Client\).Head client std default$`
	c3 := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
	c3.Get("https://bank.example.cn/") // want `^endpoint: \(\*http.Client\).Get client std given$`

	// Not endpoints: plain HTTP, a URL not in sight, a client or transport
	// not in sight, a transport that dials TLS itself.
	http.Get("http://10.0.0.1/health")
	http.Get(url)
	c.Get("https://bank.example.cn/")
	(&http.Client{Transport: rt}).Get("https://bank.example.cn/")
	(&http.Client{Transport: &http.Transport{DialTLSContext: nil}}).Get("https://bank.example.cn/") // want `^endpoint: \(\*http.Client\).Get client std default$`
	(&http.Client{Transport: &http.Transport{DialTLS: dialTLS}}).Get("https://bank.example.cn/")
}

func dialTLS(network, addr string) (net.Conn, error) { return nil, nil }

// grpc's credentials: NewTLS is a server's when it goes to grpc.Creds.
func GRPC(cfg *tls.Config) {
	grpc.Creds(credentials.NewTLS(cfg))                    // want `^endpoint: credentials.NewTLS server std given$`
	grpc.WithTransportCredentials(credentials.NewTLS(cfg)) // want `^endpoint: credentials.NewTLS client std given$`
	credentials.NewServerTLSFromFile("c.pem", "k.pem")     // want `^endpoint: credentials.NewServerTLSFromFile server std default$`
	credentials.NewServerTLSFromCert(nil)                  // want `^endpoint: credentials.NewServerTLSFromCert server std default$`
	credentials.NewClientTLSFromFile("ca.pem", "")         // want `^endpoint: credentials.NewClientTLSFromFile client std default$`
	credentials.NewClientTLSFromCert(nil, "")              // want `^endpoint: credentials.NewClientTLSFromCert client std default$`
}

// Configuration literals are listed whether or not their endpoint is in
// sight, with the side they say they are for.
func Configs(cfg *tls.Config) {
	_ = &http.Transport{TLSClientConfig: &tls.Config{}}         // want `^config: std client$`
	_ = &http.Server{TLSConfig: &tls.Config{}}                  // want `^config: std server$`
	_ = &tls.Config{ServerName: "bank.example.cn"}              // want `^config: std client$`
	_ = &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert} // want `^config: std server$`
	_ = tls.Config{MinVersion: tls.VersionTLS13}                // want `^config: std either$`
	_ = &tls.QUICConfig{TLSConfig: &tls.Config{}}               // want `^config: std either$`
}

// A wrapper whose Read and Write come from an embedded net.Conn left nil
// cannot carry a byte: handing it to tls.Client makes no endpoint (net/http
// does this to pass plain HTTP/2 connections through *tls.Conn APIs).
type carrier struct {
	net.Conn // nil: every I/O method panics
	inner    net.Conn
}

type wrapped struct {
	net.Conn
	prefix []byte
}

func Carriers(c net.Conn, cfg *tls.Config) {
	tls.Client(carrier{inner: c}, nil)
	tls.Client(&carrier{inner: c}, nil)
	tls.Client(carrier{Conn: c}, cfg)               // want `^endpoint: tls.Client client std given$`
	tls.Server(&wrapped{Conn: c, prefix: nil}, cfg) // want `^endpoint: tls.Server server std given$`
	tls.Client(c, nil)                              // want `^endpoint: tls.Client client std default$`
}

// A read-only connection whose Write always fails: tls.Server over it
// parses a ClientHello for its server name and never serves (frp's and
// go-vhost's SNI routers).
type readOnly struct{ r io.Reader }

func (c readOnly) Read(p []byte) (int, error)     { return c.r.Read(p) }
func (readOnly) Write([]byte) (int, error)        { return 0, io.ErrClosedPipe }
func (readOnly) Close() error                     { return nil }
func (readOnly) LocalAddr() net.Addr              { return nil }
func (readOnly) RemoteAddr() net.Addr             { return nil }
func (readOnly) SetDeadline(time.Time) error      { return nil }
func (readOnly) SetReadDeadline(time.Time) error  { return nil }
func (readOnly) SetWriteDeadline(time.Time) error { return nil }

// A connection that writes: a real one.
type echoing struct{ readOnly }

func (echoing) Write(b []byte) (int, error) { return len(b), nil }

func Sniff(r io.Reader) {
	tls.Server(readOnly{r: r}, &tls.Config{}).Handshake() // want `^config: std either$`
	tls.Server(echoing{readOnly{r}}, &tls.Config{})       // want `^endpoint: tls.Server server std given$` `^config: std either endpoint$`
}

// A NewTLS whose configuration sets server fields is a server's, wherever
// the credentials go (grpcurl's ServerTransportCredentials).
func GRPCServerConfig(pool *x509.CertPool) credentials.TransportCredentials {
	var conf tls.Config
	conf.ClientAuth = tls.RequireAndVerifyClientCert
	conf.ClientCAs = pool
	return credentials.NewTLS(&conf) // want `^endpoint: credentials.NewTLS server std given$`
}

func GRPCServerLiteral() credentials.TransportCredentials {
	return credentials.NewTLS(&tls.Config{ClientAuth: tls.RequireAnyClientCert}) // want `^endpoint: credentials.NewTLS server std given$` `^config: std server endpoint$`
}

func GRPCClientConfig() credentials.TransportCredentials {
	var conf tls.Config
	conf.ServerName = "bank.example.cn"
	return credentials.NewTLS(&conf) // want `^endpoint: credentials.NewTLS client std given$`
}
