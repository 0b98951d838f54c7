// Package sm2 is a stub of github.com/emmansun/gmsm/sm2 v0.15.
package sm2

import (
	"crypto"
	"crypto/ecdsa"
	"io"
)

type PrivateKey struct{ ecdsa.PrivateKey }

func GenerateKey(rand io.Reader) (*PrivateKey, error) { return nil, nil }
func (priv *PrivateKey) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return nil, nil
}
func SignASN1(rand io.Reader, priv *PrivateKey, hash []byte, opts crypto.SignerOpts) ([]byte, error) {
	return nil, nil
}
func VerifyASN1WithSM2(pub *ecdsa.PublicKey, uid, msg, sig []byte) bool              { return false }
func EncryptASN1(random io.Reader, pub *ecdsa.PublicKey, msg []byte) ([]byte, error) { return nil, nil }
