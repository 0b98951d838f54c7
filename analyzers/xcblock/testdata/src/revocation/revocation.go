// Package revocation fetches CRLs and OCSP responses: the functions that
// block are marked with facts, which callers in other packages read.
package revocation

import (
	"bytes"
	"context"
	"net/http"
	"time"
)

// Check reaches http.Post through fetch.
func Check(raw [][]byte) error { // want Check:"blocks via revocation.fetch → http.Post"
	_, err := fetch("http://ocsp.example.gov.cn", raw[0])
	return err
}

func fetch(url string, body []byte) (*http.Response, error) { // want fetch:"blocks via http.Post"
	return http.Post(url, "application/ocsp-request", bytes.NewReader(body))
}

// CheckBounded uses a client with a timeout: not blocking forever.
func CheckBounded(raw [][]byte) error {
	client := &http.Client{Timeout: 3 * time.Second}
	_, err := client.Post("http://ocsp.example.gov.cn", "application/ocsp-request", bytes.NewReader(raw[0]))
	return err
}

// CheckContext gives its request a deadline.
func CheckContext(raw [][]byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://crl.example.gov.cn/latest.crl", nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// CheckNoDeadline gives its request a context without a deadline.
func CheckNoDeadline(raw [][]byte) error { // want CheckNoDeadline:"blocks via http.DefaultClient.Do"
	req, err := http.NewRequest(http.MethodGet, "http://crl.example.gov.cn/latest.crl", nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// CheckWith uses a client it is given: the caller's to bound.
func CheckWith(client *http.Client, raw [][]byte) error {
	_, err := client.Get("http://crl.example.gov.cn/latest.crl")
	return err
}

// Async fetches in a goroutine: the caller does not wait.
func Async(raw [][]byte) error {
	go fetch("http://ocsp.example.gov.cn", raw[0])
	return nil
}
