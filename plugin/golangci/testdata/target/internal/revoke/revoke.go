// Package revoke asks an OCSP responder, with no deadline.
package revoke

import (
	"crypto/x509"
	"net/http"
)

func Check(chains [][]*x509.Certificate) error {
	if len(chains) == 0 {
		return nil
	}
	resp, err := http.Get("http://ocsp.example.com/" + chains[0][0].SerialNumber.String())
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
