package gm

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"

	"github.com/tjfoc/gmsm/sm2"
)

// The key encodings are written here with encoding/asn1 rather than taken
// from gmsm/x509, which links golang.org/x/crypto's ripemd160 and sha3
// and skips the on-curve check. They are the forms OpenSSL 3 reads and
// writes: id-ecPublicKey with the SM2 curve as its parameter.
var (
	oidECPublicKey = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidSM2         = asn1.ObjectIdentifier{1, 2, 156, 10197, 1, 301}
)

type spki struct {
	Algorithm pkix.AlgorithmIdentifier
	PublicKey asn1.BitString
}

type pkcs8 struct {
	Version    int
	Algorithm  pkix.AlgorithmIdentifier
	PrivateKey []byte
}

type ecPrivateKey struct {
	Version    int
	PrivateKey []byte
	Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
	PublicKey  asn1.BitString        `asn1:"optional,explicit,tag:1"`
}

func sm2Algorithm() (pkix.AlgorithmIdentifier, error) {
	params, err := asn1.Marshal(oidSM2)
	if err != nil {
		return pkix.AlgorithmIdentifier{}, err
	}
	return pkix.AlgorithmIdentifier{Algorithm: oidECPublicKey, Parameters: asn1.RawValue{FullBytes: params}}, nil
}

// isSM2 accepts id-ecPublicKey with the SM2 curve, and the SM2 OID as the
// algorithm itself (some GM tools write that).
func isSM2(a pkix.AlgorithmIdentifier) bool {
	if a.Algorithm.Equal(oidSM2) {
		return true
	}
	var curve asn1.ObjectIdentifier
	if _, err := asn1.Unmarshal(a.Parameters.FullBytes, &curve); err != nil {
		return false
	}
	return a.Algorithm.Equal(oidECPublicKey) && curve.Equal(oidSM2)
}

// point encodes an uncompressed point: 04 || X || Y, 32 bytes each.
func point(x, y *big.Int) []byte {
	b := make([]byte, 65)
	b[0] = 4
	x.FillBytes(b[1:33])
	y.FillBytes(b[33:])
	return b
}

// parsePoint decodes an uncompressed point and checks it is on the curve.
func parsePoint(b []byte) (*sm2.PublicKey, error) {
	curve := sm2.P256Sm2()
	if len(b) != 65 || b[0] != 4 {
		return nil, errors.New("SM2 public key is not an uncompressed point")
	}
	x, y := new(big.Int).SetBytes(b[1:33]), new(big.Int).SetBytes(b[33:])
	p := curve.Params().P
	//lint:ignore SA1019 the SM2 curve is not in crypto/ecdh; gmsm's curve implements only this API
	if x.Cmp(p) >= 0 || y.Cmp(p) >= 0 || !curve.IsOnCurve(x, y) {
		return nil, errors.New("SM2 public key is not a point on the curve")
	}
	return &sm2.PublicKey{Curve: curve, X: x, Y: y}, nil
}

func marshalPKIX(k *sm2.PublicKey) ([]byte, error) {
	alg, err := sm2Algorithm()
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(spki{Algorithm: alg, PublicKey: asn1.BitString{Bytes: point(k.X, k.Y), BitLength: 65 * 8}})
}

func parsePKIX(der []byte) (*sm2.PublicKey, error) {
	var s spki
	if rest, err := asn1.Unmarshal(der, &s); err != nil || len(rest) > 0 {
		return nil, errors.New("not a DER public key")
	}
	if !isSM2(s.Algorithm) {
		return nil, errors.New("not an SM2 public key: the key must be SM2 (xcguard policy keygen, or openssl genpkey -algorithm SM2)")
	}
	return parsePoint(s.PublicKey.RightAlign())
}

func marshalPKCS8(k *sm2.PrivateKey) ([]byte, error) {
	alg, err := sm2Algorithm()
	if err != nil {
		return nil, err
	}
	d := make([]byte, 32)
	k.D.FillBytes(d)
	inner, err := asn1.Marshal(ecPrivateKey{Version: 1, PrivateKey: d, PublicKey: asn1.BitString{Bytes: point(k.X, k.Y), BitLength: 65 * 8}})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(pkcs8{Algorithm: alg, PrivateKey: inner})
}

func parsePKCS8(der []byte) (*sm2.PrivateKey, error) {
	var p pkcs8
	if rest, err := asn1.Unmarshal(der, &p); err != nil || len(rest) > 0 {
		return nil, errors.New("not a DER PKCS #8 private key")
	}
	if !isSM2(p.Algorithm) {
		return nil, errors.New("not an SM2 private key")
	}
	var ec ecPrivateKey
	if rest, err := asn1.Unmarshal(p.PrivateKey, &ec); err != nil || len(rest) > 0 || ec.Version != 1 {
		return nil, errors.New("malformed SM2 private key")
	}
	curve := sm2.P256Sm2()
	d := new(big.Int).SetBytes(ec.PrivateKey)
	// SM2 signing divides by d+1, so d = n-1 is not a key either.
	if d.Sign() <= 0 || d.Cmp(new(big.Int).Sub(curve.Params().N, big.NewInt(1))) >= 0 {
		return nil, errors.New("SM2 private key is out of range")
	}
	k := &sm2.PrivateKey{D: d}
	k.Curve = curve
	//lint:ignore SA1019 the SM2 curve is not in crypto/ecdh; gmsm's curve implements only this API
	k.X, k.Y = curve.ScalarBaseMult(d.FillBytes(make([]byte, 32)))
	if len(ec.PublicKey.Bytes) > 0 {
		pub, err := parsePoint(ec.PublicKey.RightAlign())
		if err != nil || pub.X.Cmp(k.X) != 0 || pub.Y.Cmp(k.Y) != 0 {
			return nil, errors.New("SM2 private key's public point does not match it")
		}
	}
	return k, nil
}
