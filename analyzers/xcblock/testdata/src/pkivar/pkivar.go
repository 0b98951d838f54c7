// Package pkivar fetches revocation data through a package variable that
// holds a client, as a widely used PKI toolkit does.
package pkivar

import (
	"net/http"
	"time"
)

// HTTPClient is the client CRLs are fetched with: net/http's default, no
// timeout.
var HTTPClient = http.DefaultClient

func FetchCRL(url string) (*http.Response, error) { // want FetchCRL:"blocks via http.Client.Get"
	return HTTPClient.Get(url)
}

// bounded is given a client with a timeout: no fact.
var bounded = &http.Client{Timeout: 5 * time.Second}

func FetchOCSP(url string) (*http.Response, error) {
	return bounded.Get(url)
}

// retimed starts without a timeout and gets one in init: no fact.
var retimed = &http.Client{}

func init() { retimed.Timeout = 5 * time.Second }

func FetchAIA(url string) (*http.Response, error) {
	return retimed.Get(url)
}

// swapped is given two clients, one with a timeout: not known.
var swapped = &http.Client{}

func UseTimeout() { swapped = &http.Client{Timeout: time.Second} }

func FetchSwapped(url string) (*http.Response, error) {
	return swapped.Get(url)
}
