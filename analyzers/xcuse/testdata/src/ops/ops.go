// Package ops performs crypto operations of every library xcuse knows;
// each is recorded at its call, or where its function is passed.
package ops

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"hash"

	gmcipher "github.com/emmansun/gmsm/cipher"
	esm2 "github.com/emmansun/gmsm/sm2"
	esm3 "github.com/emmansun/gmsm/sm3"
	esm4 "github.com/emmansun/gmsm/sm4"
	"github.com/emmansun/gmsm/zuc"
	"github.com/tjfoc/gmsm/sm2"
	"github.com/tjfoc/gmsm/sm3"
	"github.com/tjfoc/gmsm/sm4"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
	"golang.org/x/crypto/md4"
)

func Hashes(b []byte) {
	md5.Sum(b)                       // want `^op: md5.Sum MD5 hash digest std$`
	sha1.New()                       // want `^op: sha1.New SHA-1 hash digest std$`
	sha256.Sum256(b)                 // want `^op: sha256.Sum256 SHA-256 hash digest std$`
	sha256.Sum224(b)                 // want `^op: sha256.Sum224 SHA-224 hash digest std$`
	sha512.New384()                  // want `^op: sha512.New384 SHA-384 hash digest std$`
	crypto.SHA512.New()              // want `^op: \(crypto.Hash\).New SHA-512 hash digest std$`
	md4.New()                        // want `^op: md4.New MD4 hash digest golang.org/x/crypto$`
	sm3.Sm3Sum(b)                    // want `^op: sm3.Sm3Sum SM3 hash digest gm github.com/tjfoc/gmsm$`
	esm3.Sum(b)                      // want `^op: sm3.Sum SM3 hash digest gm github.com/emmansun/gmsm$`
	var h func() hash.Hash = sm3.New // want `^op: sm3.New SM3 hash digest gm value github.com/tjfoc/gmsm$`
	_ = h

	// Not operations: sizes, and a hash.Hash's own methods.
	_ = sha256.Size
	sha256.New().Sum(nil) // want `^op: sha256.New SHA-256 hash digest std$`
}

func MACs(key []byte) {
	hmac.New(sha256.New, key)                      // want `^op: hmac.New HMAC-SHA-256 mac tag std$` `^op: sha256.New SHA-256 hash digest value std$`
	hmac.New(esm3.New, key)                        // want `^op: hmac.New HMAC-SM3 mac tag gm std$` `^op: sm3.New SM3 hash digest gm value github.com/emmansun/gmsm$`
	hmac.New(func() hash.Hash { return nil }, key) // want `^op: hmac.New HMAC mac tag std$`
}

func Ciphers(key []byte, k16 [16]byte, k32 *[32]byte, iv []byte) {
	aes.NewCipher(key)                                           // want `^op: aes.NewCipher AES block-cipher encrypt std$`
	aes.NewCipher(k16[:])                                        // want `^op: aes.NewCipher AES-128 block-cipher encrypt bits=128 std$`
	aes.NewCipher(k32[:])                                        // want `^op: aes.NewCipher AES-256 block-cipher encrypt bits=256 std$`
	aes.NewCipher([]byte("0123456789abcdef"))                    // want `^op: aes.NewCipher AES-128 block-cipher encrypt bits=128 std$`
	aes.NewCipher([]byte("0123456789abcdef0123456789abcdef")[:]) // want `^op: aes.NewCipher AES-256 block-cipher encrypt bits=256 std$`
	aes.NewCipher([]byte(string(key)))                           // want `^op: aes.NewCipher AES block-cipher encrypt std$`
	aes.NewCipher([]byte(string(key)))                           // want `^op: aes.NewCipher AES block-cipher encrypt std$`

	block, _ := aes.NewCipher(k16[:]) // want `^op: aes.NewCipher AES-128 block-cipher encrypt bits=128 std$`
	cipher.NewGCM(block)              // want `^op: cipher.NewGCM AES-128-GCM ae mode=gcm encrypt std$`
	gm, _ := sm4.NewCipher(key)       // want `^op: sm4.NewCipher SM4 block-cipher encrypt gm github.com/tjfoc/gmsm$`
	cipher.NewCBCEncrypter(gm, iv)    // want `^op: cipher.NewCBCEncrypter SM4-CBC block-cipher mode=cbc encrypt gm std$`
	cipher.NewCTR(pick(), iv)         // want `^op: cipher.NewCTR CTR block-cipher mode=ctr encrypt std$`
	eb, _ := esm4.NewCipher(key)      // want `^op: sm4.NewCipher SM4 block-cipher encrypt gm github.com/emmansun/gmsm$`
	gmcipher.NewCCM(eb)               // want `^op: cipher.NewCCM SM4-CCM ae mode=ccm encrypt gm github.com/emmansun/gmsm$`
	sm4.Sm4Cbc(key, iv, true)         // want `^op: sm4.Sm4Cbc SM4-CBC block-cipher mode=cbc encrypt gm github.com/tjfoc/gmsm$`
	zuc.NewCipher(key, iv)            // want `^op: zuc.NewCipher ZUC stream-cipher encrypt gm github.com/emmansun/gmsm$`
	chacha20poly1305.New(key)         // want `^op: chacha20poly1305.New ChaCha20-Poly1305 ae encrypt golang.org/x/crypto$`

	// A block reassigned is not followed.
	b2, _ := aes.NewCipher(key) // want `^op: aes.NewCipher AES block-cipher`
	b2 = pick()
	cipher.NewGCM(b2) // want `^op: cipher.NewGCM GCM ae mode=gcm encrypt std$`
}

func pick() cipher.Block { return nil }

func Signatures(digest []byte, priv *rsa.PrivateKey, ek *ecdsa.PrivateKey, tk *sm2.PrivateKey, emk *esm2.PrivateKey, edk ed25519.PrivateKey) {
	rsa.GenerateKey(rand.Reader, 2048)                              // want `^op: rsa.GenerateKey RSA-2048 pke keygen bits=2048 std$`
	rsa.SignPKCS1v15(rand.Reader, priv, crypto.SHA256, digest)      // want `^op: rsa.SignPKCS1v15 RSA-PKCS1v15-SHA-256 signature sign std$`
	rsa.VerifyPSS(&priv.PublicKey, crypto.SHA384, digest, nil, nil) // want `^op: rsa.VerifyPSS RSA-PSS-SHA-384 signature verify std$`
	priv.Sign(rand.Reader, digest, crypto.SHA256)                   // want `^op: \(\*rsa.PrivateKey\).Sign RSA signature sign std$`
	ecdsa.GenerateKey(elliptic.P256(), rand.Reader)                 // want `^op: ecdsa.GenerateKey ECDSA-P256 signature keygen std$`
	ecdsa.SignASN1(rand.Reader, ek, digest)                         // want `^op: ecdsa.SignASN1 ECDSA signature sign std$`
	ed25519.Sign(edk, digest)                                       // want `^op: ed25519.Sign Ed25519 signature sign std$`
	edk.Sign(nil, digest, crypto.Hash(0))                           // want `^op: \(ed25519.PrivateKey\).Sign Ed25519 signature sign std$`
	tk.Sign(rand.Reader, digest, nil)                               // want `^op: \(\*sm2.PrivateKey\).Sign SM2 signature sign gm github.com/tjfoc/gmsm$`
	tk.PublicKey.Verify(digest, nil)                                // want `^op: \(\*sm2.PublicKey\).Verify SM2 signature verify gm github.com/tjfoc/gmsm$`
	sm2.Encrypt(&tk.PublicKey, digest, rand.Reader, 0)              // want `^op: sm2.Encrypt SM2 pke encrypt gm github.com/tjfoc/gmsm$`
	esm2.SignASN1(rand.Reader, emk, digest, nil)                    // want `^op: sm2.SignASN1 SM2 signature sign gm github.com/emmansun/gmsm$`
	esm2.EncryptASN1(rand.Reader, &emk.PublicKey, digest)           // want `^op: sm2.EncryptASN1 SM2 pke encrypt gm github.com/emmansun/gmsm$`
}

func Agreement(secret, salt []byte) {
	k, _ := ecdh.X25519().GenerateKey(rand.Reader) // want `^op: ecdh.X25519 X25519 key-agree other std$`
	_ = k
	ecdh.P256()                                  // want `^op: ecdh.P256 ECDH-P256 key-agree other std$`
	pbkdf2.Key(sha512.New, "pw", salt, 4096, 32) // want `^op: pbkdf2.Key PBKDF2-SHA-512 kdf keyderive std$` `^op: sha512.New SHA-512 hash digest value std$`
	hkdf.New(sm3.New, secret, salt, nil)         // want `^op: hkdf.New HKDF-SM3 kdf keyderive golang.org/x/crypto$` `^op: sm3.New SM3 hash digest gm value github.com/tjfoc/gmsm$`
	bcrypt.GenerateFromPassword(secret, 12)      // want `^op: bcrypt.GenerateFromPassword bcrypt kdf keyderive golang.org/x/crypto$`
	rand.Read(salt)                              // want `^op: rand.Read CSPRNG drbg generate std$`
}

// Certificates are signed and checked with the issuer key's algorithm.
func Certificates(tmpl, parent *x509.Certificate, pub any, priv crypto.Signer) {
	x509.CreateCertificate(rand.Reader, tmpl, parent, pub, priv) // want `^op: x509.CreateCertificate X.509 certificate signature signature sign std$`
	tmpl.CheckSignatureFrom(parent)                              // want `^op: \(\*x509.Certificate\).CheckSignatureFrom X.509 certificate signature signature verify std$`
}
