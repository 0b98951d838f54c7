// Package sm2 is a stub of github.com/tjfoc/gmsm/sm2 v1.4.1: signatures as
// in the real package.
package sm2

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"io"
	"math/big"
)

type PublicKey struct{ ecdsa.PublicKey }

type PrivateKey struct {
	PublicKey
	D *big.Int
}

func P256Sm2() elliptic.Curve                           { return nil }
func GenerateKey(random io.Reader) (*PrivateKey, error) { return nil, nil }

func (priv *PrivateKey) Sign(random io.Reader, msg []byte, signer crypto.SignerOpts) ([]byte, error) {
	return nil, nil
}
func (pub *PublicKey) Verify(msg []byte, sign []byte) bool                       { return false }
func (pub *PublicKey) EncryptAsn1(data []byte, random io.Reader) ([]byte, error) { return nil, nil }
func (priv *PrivateKey) DecryptAsn1(data []byte) ([]byte, error)                 { return nil, nil }
func Sm2Sign(priv *PrivateKey, msg, uid []byte, random io.Reader) (r, s *big.Int, err error) {
	return nil, nil, nil
}
func Encrypt(pub *PublicKey, data []byte, random io.Reader, mode int) ([]byte, error) {
	return nil, nil
}
