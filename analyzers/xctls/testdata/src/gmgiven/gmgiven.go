// Package gmgiven dials gmtls with a configuration it is handed, which may
// have GMSupport: that endpoint is GM TLS as far as anyone can tell, and
// with finance's dual mode it lets the package's plain endpoints stand.
package gmgiven

import "github.com/tjfoc/gmsm/gmtls"

func DialGiven(cfg *gmtls.Config) (*gmtls.Conn, error) {
	return gmtls.Dial("tcp", "core.bank.example.cn:443", cfg)
}

func DialPlain() (*gmtls.Conn, error) {
	return gmtls.Dial("tcp", "core.bank.example.cn:443", nil) // want `^XC103: gmtls.Dial dials with gmtls's default configuration`
}
