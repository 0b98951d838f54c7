// Package endpoints serves and dials TLS without a tls.Config literal in
// sight, under finance: TLS 1.3 at least, and GM TLS required. No GM TLS
// is served in this package, so dual mode does not apply.
package endpoints

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

func Serve(h http.Handler) error {
	return http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", h) // want `^XC103: http.ListenAndServeTLS serves with Go's default TLS configuration, which accepts TLS 1.2 \(Go's default\), below the policy minimum TLS 1.3; use an http.Server whose TLSConfig has MinVersion: tls.VersionTLS13$` `^XC106: http.ListenAndServeTLS serves standard TLS only, where the policy requires GM TLS \(crypto.require_gm\); dual mode \(crypto.allow_dual_mode\) accepts it only in a package that also serves, dials or configures GM TLS; use gitee.com/Trisia/gotlcp for TLCP \(GB/T 38636\)`
}

func ServeServer(h http.Handler) error {
	srv := &http.Server{Addr: ":8443", Handler: h}
	return srv.ListenAndServeTLS("cert.pem", "key.pem") // want `^XC103: \(\*http.Server\).ListenAndServeTLS serves with Go's default TLS configuration` `^XC106: \(\*http.Server\).ListenAndServeTLS serves standard TLS only`
}

// A Server whose TLSConfig is set is judged at that literal; the endpoint
// is still standard TLS.
func ServeConfigured(l net.Listener, h http.Handler) error {
	srv := http.Server{TLSConfig: &tls.Config{MinVersion: tls.VersionTLS13}}
	return srv.ServeTLS(l, "cert.pem", "key.pem") // want `^XC106: \(\*http.Server\).ServeTLS serves standard TLS only`
}

// A Server handed in: its configuration is not in sight, so only the
// protocol is judged.
func ServeGiven(srv *http.Server) error {
	return srv.ListenAndServeTLS("cert.pem", "key.pem") // want `^XC106: \(\*http.Server\).ListenAndServeTLS serves standard TLS only`
}

// A Server whose TLSConfig is set after the literal: not Go's defaults.
func ServeLater(cfg *tls.Config) error {
	srv := &http.Server{Addr: ":8443"}
	srv.TLSConfig = cfg
	return srv.ListenAndServeTLS("cert.pem", "key.pem") // want `^XC106: `
}

func Fetch() (*http.Response, error) {
	return http.Get("https://rates.bank.example.cn/v1/cny") // want `^XC103: http.Get dials with Go's default TLS configuration, which accepts TLS 1.2 \(Go's default\), below the policy minimum TLS 1.3; use an http.Client whose Transport's TLSClientConfig has MinVersion: tls.VersionTLS13$` `^XC106: http.Get dials standard TLS only`
}

func FetchDefaultClient() (*http.Response, error) {
	return http.DefaultClient.Head("https://rates.bank.example.cn/") // want `^XC103: \(\*http.Client\).Head dials with Go's default TLS configuration` `^XC106: `
}

// Plain HTTP, and a URL not in sight, are no TLS endpoint.
func Plain(url string) {
	http.Get("http://10.0.0.1/health")
	http.Post(url, "text/plain", nil)
}

func Dial() (*tls.Conn, error) {
	return tls.Dial("tcp", "core.bank.example.cn:443", nil) // want `^XC103: tls.Dial dials with Go's default TLS configuration` `^XC106: tls.Dial dials standard TLS only`
}

func DialConfigured(cfg *tls.Config) (*tls.Conn, error) {
	return tls.Dial("tcp", "core.bank.example.cn:443", cfg) // want `^XC106: tls.Dial dials standard TLS only`
}

func Listen() (net.Listener, error) {
	return tls.Listen("tcp", ":443", &tls.Config{MinVersion: tls.VersionTLS13}) // want `^XC106: tls.Listen serves standard TLS only`
}

// QUIC's TLS is standard TLS 1.3 too.
func QUIC(cfg *tls.Config) *tls.QUICConn {
	return tls.QUICServer(&tls.QUICConfig{TLSConfig: cfg}) // want `^XC106: tls.QUICServer serves standard TLS only`
}

// A tls.Dialer dials with its Config; none is Go's defaults.
func Dialer() (net.Conn, error) {
	d := &tls.Dialer{NetDialer: &net.Dialer{}}
	return d.Dial("tcp", "core.bank.example.cn:443") // want `^XC103: \(\*tls.Dialer\).Dial dials with Go's default TLS configuration` `^XC106: \(\*tls.Dialer\).Dial dials standard TLS only`
}

func DialerConfigured(ctx context.Context) (net.Conn, error) {
	d := tls.Dialer{Config: &tls.Config{MinVersion: tls.VersionTLS13}}
	return d.DialContext(ctx, "tcp", "core.bank.example.cn:443") // want `^XC106: \(\*tls.Dialer\).DialContext dials standard TLS only`
}

// An http.Client literal without a Transport uses http.DefaultTransport:
// Go's default TLS configuration.
func FetchClient() (*http.Response, error) {
	c := &http.Client{Timeout: 10 * time.Second}
	return c.Get("https://rates.bank.example.cn/v1/cny") // want `^XC103: \(\*http.Client\).Get dials with Go's default TLS configuration` `^XC106: \(\*http.Client\).Get dials standard TLS only`
}

func FetchTransport() (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{MaxIdleConns: 4}}
	return c.Post("https://rates.bank.example.cn/v1/cny", "text/plain", nil) // want `^XC103: \(\*http.Client\).Post dials with Go's default TLS configuration` `^XC106: `
}

func FetchConfigured() (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS13}}}
	return c.Get("https://rates.bank.example.cn/v1/cny") // want `^XC106: \(\*http.Client\).Get dials standard TLS only`
}

// A transport that dials TLS itself, or one not in sight, may speak GM
// TLS: no endpoint is claimed.
func FetchOwnDial(dial func(ctx context.Context, network, addr string) (net.Conn, error)) (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{DialTLSContext: dial}}
	return c.Get("https://rates.bank.example.cn/v1/cny")
}

func FetchGiven(c *http.Client, rt http.RoundTripper) (*http.Response, error) {
	other := &http.Client{Transport: rt}
	other.Get("https://rates.bank.example.cn/v1/cny")
	return c.Get("https://rates.bank.example.cn/v1/cny")
}

func FetchReassigned(rt http.RoundTripper) (*http.Response, error) {
	c := &http.Client{}
	c.Transport = rt
	return c.Get("https://rates.bank.example.cn/v1/cny")
}
