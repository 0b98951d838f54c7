// Package gm is xcguard's one door to GM cryptography (国密): SM3 digests
// and SM2 signatures with PEM keys. SM2 is github.com/tjfoc/gmsm's; SM3
// is this package's own (see sm3.go: gmsm's runs at half the speed and its
// Sum(b) writes b into the hash). It wraps gmsm's known defects so that
// callers need not know them:
//
//   - public keys are parsed without an on-curve check, so every key is
//     checked here before use;
//   - signatures are parsed leniently (trailing data, non-minimal
//     integers), so they are parsed here as strict DER with 1 <= r, s < n;
//   - malformed input can panic inside the library, so every call that
//     parses input recovers and returns an error.
//
// Signatures use SM3 with the default user ID 1234567812345678 (GB/T
// 35276), so they verify with OpenSSL 3:
//
//	openssl pkeyutl -verify -pubin -inkey KEY.pub -rawin -in FILE -sigfile FILE.sig -digest sm3 -pkeyopt distid:1234567812345678
package gm

import (
	"bytes"
	"crypto/rand"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"

	"github.com/tjfoc/gmsm/sm2"
)

// SM3 returns the SM3 digest of everything r yields.
func SM3(r io.Reader) ([]byte, error) {
	h := NewSM3()
	if _, err := io.Copy(h, r); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// ShortDigest is an identifier made of strings: the first 16 bytes of the
// SM3 digest of each part followed by a NUL byte, in hex (32 digits).
// Fingerprints and report identifiers use it.
func ShortDigest(parts ...string) string {
	h := NewSM3()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// SM3File returns the hex SM3 digest of a file.
func SM3File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sum, err := SM3(f)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(sum), nil
}

// A PrivateKey is an SM2 private key.
type PrivateKey struct{ k *sm2.PrivateKey }

// A PublicKey is an SM2 public key, always on the curve.
type PublicKey struct{ k *sm2.PublicKey }

// GenerateKey makes a new SM2 key pair.
func GenerateKey() (*PrivateKey, error) {
	k, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return &PrivateKey{k}, nil
}

// Public returns the key's public half.
func (k *PrivateKey) Public() *PublicKey { return &PublicKey{&k.k.PublicKey} }

// MarshalPEM encodes the key as an unencrypted PKCS #8 "PRIVATE KEY" block.
func (k *PrivateKey) MarshalPEM() ([]byte, error) {
	der, err := marshalPKCS8(k.k)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// MarshalPEM encodes the key as a PKIX "PUBLIC KEY" block.
func (k *PublicKey) MarshalPEM() ([]byte, error) {
	der, err := marshalPKIX(k.k)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// ParsePrivateKeyPEM decodes an unencrypted PKCS #8 SM2 private key, as
// written by MarshalPEM or by openssl genpkey -algorithm SM2.
func ParsePrivateKeyPEM(data []byte) (k *PrivateKey, err error) {
	defer recoverInto(&err, "SM2 private key")
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM \"PRIVATE KEY\" block: use an unencrypted PKCS #8 SM2 key")
	}
	key, err := parsePKCS8(block.Bytes)
	if err != nil {
		return nil, err
	}
	return &PrivateKey{key}, nil
}

// ParsePublicKeyPEM decodes a PKIX SM2 public key and checks it is a point
// of the curve.
func ParsePublicKeyPEM(data []byte) (k *PublicKey, err error) {
	defer recoverInto(&err, "SM2 public key")
	block, _ := pem.Decode(data)
	switch {
	case block != nil && block.Type == "CERTIFICATE":
		return nil, errors.New("a certificate, not a PEM \"PUBLIC KEY\" block: take its key with openssl x509 -in CERT -pubkey -noout")
	case block == nil || block.Type != "PUBLIC KEY":
		return nil, errors.New("not a PEM \"PUBLIC KEY\" block: use the .pub xcguard policy keygen wrote, or openssl pkey -in KEY -pubout")
	}
	key, err := parsePKIX(block.Bytes)
	if err != nil {
		return nil, err
	}
	return &PublicKey{key}, nil
}

type signature struct{ R, S *big.Int }

// Sign signs msg: SM2 over SM3 with the default user ID, DER-encoded.
func (k *PrivateKey) Sign(msg []byte) (sig []byte, err error) {
	defer recoverInto(&err, "SM2 signing")
	r, s, err := sm2.Sm2Sign(k.k, msg, nil, rand.Reader)
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(signature{r, s})
}

// ErrBadSignature is a signature that does not verify.
var ErrBadSignature = errors.New("signature does not verify")

// Verify checks a DER signature of msg. A signature that is not strict DER
// or has r or s outside [1, n-1] is refused without verifying.
func (k *PublicKey) Verify(msg, sig []byte) (err error) {
	defer recoverInto(&err, "SM2 verification")
	var sv signature
	rest, err := asn1.Unmarshal(sig, &sv)
	if err != nil || len(rest) > 0 {
		return errors.New("signature is not a DER SM2 signature")
	}
	// Re-encoding gives the one DER form: anything else was BER or padded.
	if der, err := asn1.Marshal(sv); err != nil || !bytes.Equal(der, sig) {
		return errors.New("signature is not strict DER")
	}
	n := k.k.Curve.Params().N
	for _, x := range []*big.Int{sv.R, sv.S} {
		if x.Sign() <= 0 || x.Cmp(n) >= 0 {
			return errors.New("signature values out of range")
		}
	}
	if !sm2.Sm2Verify(k.k, msg, nil, sv.R, sv.S) {
		return ErrBadSignature
	}
	return nil
}

func recoverInto(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("malformed %s (%v)", what, r)
	}
}
