// Package refusenamed names its algorithms in its API, its strings and
// its wire formats: every digest and cipher is part of a contract, and
// none moves.
package refusenamed

import (
	"crypto/aes" // want `^XC102: import of crypto/aes,`
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256" // want `^XC102: import of crypto/sha256,`
	"encoding/base64"
)

// A Manifest is what a receiver checks a file against.
type Manifest struct {
	Name   string
	SHA256 string `json:"sha256"`
}

// ContentID is a digest as container registries name blobs.
func ContentID(b []byte) string {
	d := sha256.Sum256(b) // refused `the package names SHA-256 \(names.go:17, the field or parameter SHA256\): its values are part of a contract that says SHA-256 \(an API, a header, a field, a format\); move the package and its peers by hand`
	return "sha" + "256:" + base64.StdEncoding.EncodeToString(d[:])
}

// JWT signs a token whose header names the algorithm.
func JWT(key []byte, payload string) string {
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	mac := hmac.New(sha256.New, key) // refused `the package names SHA-256 \(names.go:17`
	mac.Write([]byte(header + "." + payload))
	return header + "." + payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// Seal's output says which cipher made it.
func Seal(key [16]byte, nonce, msg []byte) ([]byte, error) {
	block, err := aes.NewCipher(key[:]) // refused `the package names AES \(names.go:44, a string\)`
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return append([]byte("A128GCM."), gcm.Seal(nil, nonce, msg, nil)...), nil
}
