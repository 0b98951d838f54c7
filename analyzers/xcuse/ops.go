package xcuse

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/localvar"
)

// An Op is a crypto operation at its call, or a crypto function passed
// as a value (sha256.New given to hmac.New): what a 密评 inventory lists.
// Primitive, Mode and Function use CycloneDX 1.6's words
// (cryptoProperties.algorithmProperties), so the inventory maps them as
// they are.
type Op struct {
	Node ast.Node // the call, or the function value
	// Func names the function as code writes it: sha256.Sum256,
	// (*rsa.PrivateKey).Sign, sm4.NewCipher.
	Func string
	// Algorithm as an assessor names it: SHA-256, HMAC-SM3, AES-128,
	// AES-GCM, RSA-PSS, ECDSA-P256, SM2, ECDH-X25519.
	Algorithm string
	Primitive string // hash, mac, block-cipher, stream-cipher, ae, signature, pke, key-agree, kdf, drbg, kem, xof
	Mode      string // cbc, ecb, gcm, ccm, ctr, cfb, ofb, xts: block cipher modes only
	Function  string // digest, tag, encrypt, decrypt, sign, verify, keygen, keyderive, generate, encapsulate, decapsulate
	KeyBits   int    // when the code shows it: a constant RSA size, a [16]byte AES key
	GM        bool   // SM2, SM3, SM4, SM9, ZUC
	// Library is the module the code comes from: std, golang.org/x/crypto,
	// github.com/tjfoc/gmsm, github.com/emmansun/gmsm; Package its package.
	Library, Package string
	// Value: the function is passed, not called (hmac.New(sha256.New, k)).
	Value bool
}

// opSpec is what the table knows of a crypto function.
type opSpec struct {
	alg, prim, mode, fn string
}

// ops maps a function's full name (types.Func.FullName of the generic
// origin) to the operation it performs. Sources: the Go standard library
// and golang.org/x/crypto docs, tjfoc/gmsm v1.4.1 and emmansun/gmsm
// v0.15 sources.
var ops = map[string]opSpec{}

func init() {
	add := func(pkg, alg, prim, mode, fn string, names ...string) {
		for _, n := range names {
			ops[pkg+"."+n] = opSpec{alg, prim, mode, fn}
		}
	}
	method := func(recv, alg, prim, fn string, names ...string) {
		for _, n := range names {
			ops["("+recv+")."+n] = opSpec{alg, prim, "", fn}
		}
	}
	const xc = "golang.org/x/crypto/"

	// Hashes.
	add("crypto/md5", "MD5", "hash", "", "digest", "New", "Sum")
	add("crypto/sha1", "SHA-1", "hash", "", "digest", "New", "Sum")
	add("crypto/sha256", "SHA-256", "hash", "", "digest", "New", "Sum256")
	add("crypto/sha256", "SHA-224", "hash", "", "digest", "New224", "Sum224")
	add("crypto/sha512", "SHA-512", "hash", "", "digest", "New", "Sum512")
	add("crypto/sha512", "SHA-384", "hash", "", "digest", "New384", "Sum384")
	add("crypto/sha512", "SHA-512/224", "hash", "", "digest", "New512_224", "Sum512_224")
	add("crypto/sha512", "SHA-512/256", "hash", "", "digest", "New512_256", "Sum512_256")
	for _, pkg := range []string{"crypto/sha3", xc + "sha3"} {
		for _, n := range []string{"224", "256", "384", "512"} {
			add(pkg, "SHA3-"+n, "hash", "", "digest", "New"+n, "Sum"+n)
		}
		add(pkg, "SHAKE128", "xof", "", "digest", "NewSHAKE128", "SumSHAKE128", "ShakeSum128", "NewCShake128", "NewCSHAKE128")
		add(pkg, "SHAKE256", "xof", "", "digest", "NewSHAKE256", "SumSHAKE256", "ShakeSum256", "NewCShake256", "NewCSHAKE256")
	}
	add(xc+"sha3", "Keccak-256", "hash", "", "digest", "NewLegacyKeccak256")
	add(xc+"sha3", "Keccak-512", "hash", "", "digest", "NewLegacyKeccak512")
	add(xc+"md4", "MD4", "hash", "", "digest", "New")
	add(xc+"ripemd160", "RIPEMD-160", "hash", "", "digest", "New")
	add(xc+"blake2b", "BLAKE2b-256", "hash", "", "digest", "New256", "Sum256")
	add(xc+"blake2b", "BLAKE2b-384", "hash", "", "digest", "New384", "Sum384")
	add(xc+"blake2b", "BLAKE2b-512", "hash", "", "digest", "New512", "Sum512")
	add(xc+"blake2s", "BLAKE2s-256", "hash", "", "digest", "New256", "Sum256")
	add("github.com/tjfoc/gmsm/sm3", "SM3", "hash", "", "digest", "New", "Sm3Sum")
	add("github.com/emmansun/gmsm/sm3", "SM3", "hash", "", "digest", "New", "Sum")

	// MACs: HMAC's hash comes from its argument (macAlgorithm).
	add("crypto/hmac", "HMAC", "mac", "", "tag", "New")
	add(xc+"poly1305", "Poly1305", "mac", "", "tag", "Sum", "New")
	add("github.com/emmansun/gmsm/zuc", "ZUC-128-MAC", "mac", "", "tag", "NewHash", "NewEIAHash")
	add("github.com/emmansun/gmsm/zuc", "ZUC-256-MAC", "mac", "", "tag", "NewHash256")

	// Block ciphers, their modes and AEADs.
	add("crypto/aes", "AES", "block-cipher", "", "encrypt", "NewCipher")
	add("crypto/des", "DES", "block-cipher", "", "encrypt", "NewCipher")
	add("crypto/des", "3DES", "block-cipher", "", "encrypt", "NewTripleDESCipher")
	add(xc+"blowfish", "Blowfish", "block-cipher", "", "encrypt", "NewCipher", "NewSaltedCipher")
	add(xc+"cast5", "CAST5", "block-cipher", "", "encrypt", "NewCipher")
	add(xc+"tea", "TEA", "block-cipher", "", "encrypt", "NewCipher", "NewCipherWithRounds")
	add(xc+"xtea", "XTEA", "block-cipher", "", "encrypt", "NewCipher")
	add(xc+"twofish", "Twofish", "block-cipher", "", "encrypt", "NewCipher")
	add("github.com/tjfoc/gmsm/sm4", "SM4", "block-cipher", "", "encrypt", "NewCipher")
	add("github.com/tjfoc/gmsm/sm4", "SM4-CBC", "block-cipher", "cbc", "encrypt", "Sm4Cbc")
	add("github.com/tjfoc/gmsm/sm4", "SM4-ECB", "block-cipher", "ecb", "encrypt", "Sm4Ecb")
	add("github.com/tjfoc/gmsm/sm4", "SM4-CFB", "block-cipher", "cfb", "encrypt", "Sm4CFB")
	add("github.com/tjfoc/gmsm/sm4", "SM4-OFB", "block-cipher", "ofb", "encrypt", "Sm4OFB")
	add("github.com/tjfoc/gmsm/sm4", "SM4-GCM", "ae", "gcm", "encrypt", "Sm4GCM", "GCMEncrypt")
	add("github.com/tjfoc/gmsm/sm4", "SM4-GCM", "ae", "gcm", "decrypt", "GCMDecrypt")
	add("github.com/emmansun/gmsm/sm4", "SM4", "block-cipher", "", "encrypt", "NewCipher")
	add("crypto/cipher", "GCM", "ae", "gcm", "encrypt", "NewGCM", "NewGCMWithNonceSize", "NewGCMWithTagSize", "NewGCMWithRandomNonce")
	add("crypto/cipher", "CBC", "block-cipher", "cbc", "encrypt", "NewCBCEncrypter")
	add("crypto/cipher", "CBC", "block-cipher", "cbc", "decrypt", "NewCBCDecrypter")
	add("crypto/cipher", "CTR", "block-cipher", "ctr", "encrypt", "NewCTR")
	add("crypto/cipher", "OFB", "block-cipher", "ofb", "encrypt", "NewOFB")
	add("crypto/cipher", "CFB", "block-cipher", "cfb", "encrypt", "NewCFBEncrypter")
	add("crypto/cipher", "CFB", "block-cipher", "cfb", "decrypt", "NewCFBDecrypter")
	add("github.com/emmansun/gmsm/cipher", "CCM", "ae", "ccm", "encrypt", "NewCCM", "NewCCMWithNonceSize", "NewCCMWithTagSize", "NewCCMWithNonceAndTagSize")
	add("github.com/emmansun/gmsm/cipher", "XTS", "block-cipher", "xts", "encrypt", "NewXTS")
	add(xc+"chacha20poly1305", "ChaCha20-Poly1305", "ae", "", "encrypt", "New")
	add(xc+"chacha20poly1305", "XChaCha20-Poly1305", "ae", "", "encrypt", "NewX")
	add(xc+"nacl/secretbox", "XSalsa20-Poly1305", "ae", "", "encrypt", "Seal")
	add(xc+"nacl/secretbox", "XSalsa20-Poly1305", "ae", "", "decrypt", "Open")

	// Stream ciphers.
	add("crypto/rc4", "RC4", "stream-cipher", "", "encrypt", "NewCipher")
	add(xc+"chacha20", "ChaCha20", "stream-cipher", "", "encrypt", "NewUnauthenticatedCipher")
	add(xc+"salsa20", "Salsa20", "stream-cipher", "", "encrypt", "XORKeyStream")
	add("github.com/emmansun/gmsm/zuc", "ZUC", "stream-cipher", "", "encrypt", "NewCipher", "NewEEACipher")

	// Signatures and public-key encryption.
	add("crypto/rsa", "RSA", "pke", "", "keygen", "GenerateKey", "GenerateMultiPrimeKey")
	add("crypto/rsa", "RSA-PKCS1v15", "signature", "", "sign", "SignPKCS1v15")
	add("crypto/rsa", "RSA-PKCS1v15", "signature", "", "verify", "VerifyPKCS1v15")
	add("crypto/rsa", "RSA-PSS", "signature", "", "sign", "SignPSS")
	add("crypto/rsa", "RSA-PSS", "signature", "", "verify", "VerifyPSS")
	add("crypto/rsa", "RSA-OAEP", "pke", "", "encrypt", "EncryptOAEP", "EncryptOAEPWithOptions")
	add("crypto/rsa", "RSA-OAEP", "pke", "", "decrypt", "DecryptOAEP")
	add("crypto/rsa", "RSA-PKCS1v15", "pke", "", "encrypt", "EncryptPKCS1v15")
	add("crypto/rsa", "RSA-PKCS1v15", "pke", "", "decrypt", "DecryptPKCS1v15", "DecryptPKCS1v15SessionKey")
	method("*crypto/rsa.PrivateKey", "RSA", "signature", "sign", "Sign")
	method("*crypto/rsa.PrivateKey", "RSA", "pke", "decrypt", "Decrypt")
	add("crypto/ecdsa", "ECDSA", "signature", "", "keygen", "GenerateKey")
	add("crypto/ecdsa", "ECDSA", "signature", "", "sign", "Sign", "SignASN1")
	add("crypto/ecdsa", "ECDSA", "signature", "", "verify", "Verify", "VerifyASN1")
	method("*crypto/ecdsa.PrivateKey", "ECDSA", "signature", "sign", "Sign")
	for _, pkg := range []string{"crypto/ed25519", xc + "ed25519"} {
		add(pkg, "Ed25519", "signature", "", "keygen", "GenerateKey", "NewKeyFromSeed")
		add(pkg, "Ed25519", "signature", "", "sign", "Sign")
		add(pkg, "Ed25519", "signature", "", "verify", "Verify", "VerifyWithOptions")
		method(pkg+".PrivateKey", "Ed25519", "signature", "sign", "Sign")
	}
	add(xc+"nacl/box", "Curve25519-XSalsa20-Poly1305", "pke", "", "encrypt", "Seal", "SealAnonymous")
	add(xc+"nacl/box", "Curve25519-XSalsa20-Poly1305", "pke", "", "decrypt", "Open", "OpenAnonymous")
	add(xc+"nacl/box", "Curve25519-XSalsa20-Poly1305", "pke", "", "keygen", "GenerateKey")
	add(xc+"nacl/sign", "Ed25519", "signature", "", "sign", "Sign")
	add(xc+"nacl/sign", "Ed25519", "signature", "", "verify", "Open")

	const tj, em = "github.com/tjfoc/gmsm/sm2", "github.com/emmansun/gmsm/sm2"
	add(tj, "SM2", "signature", "", "keygen", "GenerateKey")
	add(tj, "SM2", "signature", "", "sign", "Sm2Sign")
	add(tj, "SM2", "signature", "", "verify", "Sm2Verify", "Verify")
	add(tj, "SM2", "pke", "", "encrypt", "Encrypt", "EncryptAsn1")
	add(tj, "SM2", "pke", "", "decrypt", "Decrypt", "DecryptAsn1")
	add(tj, "SM2", "key-agree", "", "keyderive", "KeyExchangeA", "KeyExchangeB")
	method("*"+tj+".PrivateKey", "SM2", "signature", "sign", "Sign")
	method("*"+tj+".PublicKey", "SM2", "signature", "verify", "Verify")
	method("*"+tj+".PublicKey", "SM2", "pke", "encrypt", "EncryptAsn1")
	method("*"+tj+".PrivateKey", "SM2", "pke", "decrypt", "DecryptAsn1", "Decrypt")
	add(em, "SM2", "signature", "", "keygen", "GenerateKey")
	add(em, "SM2", "signature", "", "sign", "SignASN1")
	add(em, "SM2", "signature", "", "verify", "VerifyASN1", "VerifyASN1WithSM2")
	add(em, "SM2", "pke", "", "encrypt", "Encrypt", "EncryptASN1")
	add(em, "SM2", "pke", "", "decrypt", "Decrypt")
	add(em, "SM2", "key-agree", "", "keyderive", "NewKeyExchange")
	method("*"+em+".PrivateKey", "SM2", "signature", "sign", "Sign", "SignWithSM2")
	method("*"+em+".PrivateKey", "SM2", "pke", "decrypt", "Decrypt")
	const sm9 = "github.com/emmansun/gmsm/sm9"
	add(sm9, "SM9", "signature", "", "sign", "Sign", "SignASN1")
	add(sm9, "SM9", "signature", "", "verify", "Verify", "VerifyASN1")
	add(sm9, "SM9", "pke", "", "encrypt", "Encrypt", "EncryptASN1", "WrapKey")
	add(sm9, "SM9", "pke", "", "decrypt", "Decrypt", "DecryptASN1", "UnwrapKey")
	add(sm9, "SM9", "signature", "", "keygen", "GenerateSignMasterKey")
	add(sm9, "SM9", "pke", "", "keygen", "GenerateEncryptMasterKey")
	add(sm9, "SM9", "key-agree", "", "keyderive", "NewKeyExchange")
	method("*"+sm9+".SignPrivateKey", "SM9", "signature", "sign", "Sign")
	method("*"+sm9+".SignMasterPublicKey", "SM9", "signature", "verify", "Verify")
	method("*"+sm9+".EncryptMasterPublicKey", "SM9", "pke", "encrypt", "Encrypt", "WrapKey", "WrapKeyASN1")
	method("*"+sm9+".EncryptPrivateKey", "SM9", "pke", "decrypt", "Decrypt", "UnwrapKey")

	// Key agreement and KEMs.
	// The curve: what is done with it (a key made, a key parsed) is a
	// method of the curve, which the call on it does not say here.
	add("crypto/ecdh", "ECDH-P256", "key-agree", "", "other", "P256")
	add("crypto/ecdh", "ECDH-P384", "key-agree", "", "other", "P384")
	add("crypto/ecdh", "ECDH-P521", "key-agree", "", "other", "P521")
	add("crypto/ecdh", "X25519", "key-agree", "", "other", "X25519")
	add(xc+"curve25519", "X25519", "key-agree", "", "keyderive", "X25519", "ScalarMult", "ScalarBaseMult")
	add("crypto/mlkem", "ML-KEM-768", "kem", "", "keygen", "GenerateKey768", "NewDecapsulationKey768")
	add("crypto/mlkem", "ML-KEM-1024", "kem", "", "keygen", "GenerateKey1024", "NewDecapsulationKey1024")
	method("*crypto/mlkem.EncapsulationKey768", "ML-KEM-768", "kem", "encapsulate", "Encapsulate")
	method("*crypto/mlkem.EncapsulationKey1024", "ML-KEM-1024", "kem", "encapsulate", "Encapsulate")
	method("*crypto/mlkem.DecapsulationKey768", "ML-KEM-768", "kem", "decapsulate", "Decapsulate")
	method("*crypto/mlkem.DecapsulationKey1024", "ML-KEM-1024", "kem", "decapsulate", "Decapsulate")

	// KDFs: HKDF's and PBKDF2's hash comes from the argument.
	for _, pkg := range []string{"crypto/hkdf", xc + "hkdf"} {
		add(pkg, "HKDF", "kdf", "", "keyderive", "Key", "New", "Extract", "Expand")
	}
	for _, pkg := range []string{"crypto/pbkdf2", xc + "pbkdf2"} {
		add(pkg, "PBKDF2", "kdf", "", "keyderive", "Key")
	}
	add(xc+"scrypt", "scrypt", "kdf", "", "keyderive", "Key")
	add(xc+"argon2", "Argon2i", "kdf", "", "keyderive", "Key")
	add(xc+"argon2", "Argon2id", "kdf", "", "keyderive", "IDKey")
	add(xc+"bcrypt", "bcrypt", "kdf", "", "keyderive", "GenerateFromPassword")
	add(xc+"bcrypt", "bcrypt", "kdf", "", "verify", "CompareHashAndPassword")
	add("github.com/emmansun/gmsm/kdf", "SM3-KDF", "kdf", "", "keyderive", "Kdf")

	// Certificates: the signature is the issuer key's algorithm.
	add("crypto/x509", "X.509 certificate signature", "signature", "", "sign", "CreateCertificate", "CreateCertificateRequest", "CreateRevocationList")
	method("*crypto/x509.Certificate", "X.509 certificate signature", "signature", "verify", "CheckSignatureFrom", "CheckSignature")

	// Random.
	add("crypto/rand", "CSPRNG", "drbg", "", "generate", "Read", "Int", "Prime", "Text")
}

// gmAlgorithms are the GM algorithms (GB/T 32918, 32905, 32907, 38635,
// 33133) and what is built of them alone.
var gmAlgorithms = []string{"SM2", "SM3", "SM4", "SM9", "ZUC", "HMAC-SM3", "SM3-KDF"}

// reachesCrypto: the package can name a crypto function: it imports a
// crypto library, or a package that does (whose keys it may be handed).
func reachesCrypto(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if cryptoLibrary(imp.Path()) != "" {
			return true
		}
		for _, imp2 := range imp.Imports() {
			if cryptoLibrary(imp2.Path()) != "" {
				return true
			}
		}
	}
	return false
}

// findOps records the crypto functions the package calls or passes.
func findOps(pass *analysis.Pass, ins *inspector.Inspector) []Op {
	var found []Op
	info := pass.TypesInfo
	ins.WithStack([]ast.Node{(*ast.SelectorExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		sel := n.(*ast.SelectorExpr)
		fn, ok := info.Uses[sel.Sel].(*types.Func)
		if !ok || fn.Pkg() == nil || cryptoLibrary(fn.Pkg().Path()) == "" {
			return true
		}
		var call *ast.CallExpr
		if c, ok := stack[len(stack)-2].(*ast.CallExpr); ok && ast.Unparen(c.Fun) == sel {
			call = c
		} else if p, ok := stack[len(stack)-2].(*ast.ParenExpr); ok && len(stack) > 2 {
			if c, ok := stack[len(stack)-3].(*ast.CallExpr); ok && c.Fun == p {
				call = c
			}
		}
		if op, ok := opAt(info, sel, call, localvar.EnclosingBody(stack)); ok {
			found = append(found, op)
		}
		return true
	})
	return found
}

// cryptoLibrary is the library a package path belongs to, "" for none.
func cryptoLibrary(path string) string {
	switch {
	case path == "crypto" || strings.HasPrefix(path, "crypto/"):
		return "std"
	case strings.HasPrefix(path, "golang.org/x/crypto/"):
		return "golang.org/x/crypto"
	case strings.HasPrefix(path, "github.com/tjfoc/gmsm/"):
		return "github.com/tjfoc/gmsm"
	case strings.HasPrefix(path, "github.com/emmansun/gmsm/"):
		return "github.com/emmansun/gmsm"
	}
	return ""
}

// opAt returns the operation a selector or identifier names, when it is a
// crypto function of the table: called (call is its call) or passed as a
// value.
// opAt returns the operation a selector names, when it is a crypto
// function of the table: called (call is its call) or passed as a value.
func opAt(info *types.Info, sel *ast.SelectorExpr, call *ast.CallExpr, body ast.Node) (Op, bool) {
	fn := info.Uses[sel.Sel].(*types.Func).Origin()
	full := fn.FullName()
	spec, ok := ops[full]
	if !ok && full == "(crypto.Hash).New" {
		// crypto.SHA256.New(): the hash the constant names.
		if h := cryptoHash(info, sel.X); h != "" {
			spec, ok = opSpec{h, "hash", "", "digest"}, true
		}
	}
	if !ok {
		return Op{}, false
	}
	op := Op{Func: shortName(fn), Algorithm: spec.alg, Primitive: spec.prim, Mode: spec.mode, Function: spec.fn, Library: cryptoLibrary(fn.Pkg().Path()), Package: fn.Pkg().Path()}
	if call == nil {
		op.Node, op.Value = sel, true
	} else {
		op.Node = call
		refine(info, &op, fn, call, body)
	}
	for _, g := range gmAlgorithms {
		op.GM = op.GM || op.Algorithm == g || strings.HasPrefix(op.Algorithm, g+"-")
	}
	return op, true
}

// refine reads what the arguments tell: HMAC's, HKDF's and PBKDF2's
// hash, a mode's block cipher, an AES key's size, an RSA key's bits, an
// ECDSA key's curve, RSA's hash in the signature.
func refine(info *types.Info, op *Op, fn *types.Func, call *ast.CallExpr, body ast.Node) {
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	switch name := fn.FullName(); {
	case op.Algorithm == "HMAC", op.Algorithm == "HKDF", op.Algorithm == "PBKDF2":
		if h := hashOf(info, arg(0)); h != "" {
			op.Algorithm += "-" + h
		}
	case op.Mode != "" && fn.Pkg().Path() != "github.com/tjfoc/gmsm/sm4":
		if b := blockOf(info, arg(0), body); b != "" {
			op.Algorithm = b + "-" + op.Algorithm
		}
	case name == "crypto/aes.NewCipher":
		if n, ok := byteLen(info, arg(0)); ok && (n == 16 || n == 24 || n == 32) {
			op.KeyBits = n * 8
			op.Algorithm = "AES-" + strconv.Itoa(op.KeyBits)
		}
	case name == "crypto/rsa.GenerateKey":
		if bits, ok := constInt(info, arg(1)); ok {
			op.KeyBits = bits
			op.Algorithm = "RSA-" + strconv.Itoa(bits)
		}
	case name == "crypto/ecdsa.GenerateKey":
		if c := curveOf(info, arg(0)); c != "" {
			op.Algorithm = "ECDSA-" + c
		}
	case name == "crypto/rsa.SignPKCS1v15", name == "crypto/rsa.SignPSS":
		if h := cryptoHash(info, arg(2)); h != "" {
			op.Algorithm += "-" + h
		}
	case name == "crypto/rsa.VerifyPKCS1v15", name == "crypto/rsa.VerifyPSS":
		if h := cryptoHash(info, arg(1)); h != "" {
			op.Algorithm += "-" + h
		}
	}
}

// hashOf is the algorithm of a hash constructor passed as a value
// (sha256.New, sm3.New), "" when it is not one the table knows.
func hashOf(info *types.Info, e ast.Expr) string {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return ""
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return ""
	}
	if spec, ok := ops[fn.Origin().FullName()]; ok && spec.prim == "hash" {
		return spec.alg
	}
	return ""
}

// blockOf is the block cipher a mode is given, when the function shows
// it: a NewCipher call as the argument, or a local variable defined once
// from one.
func blockOf(info *types.Info, e ast.Expr, body ast.Node) string {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		e = localvar.Definition(info, id, body)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return ""
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return ""
	}
	spec, ok := ops[fn.FullName()]
	if !ok || spec.prim != "block-cipher" || spec.mode != "" {
		return ""
	}
	if fn.FullName() == "crypto/aes.NewCipher" && len(call.Args) == 1 {
		if n, ok := byteLen(info, call.Args[0]); ok && (n == 16 || n == 24 || n == 32) {
			return "AES-" + strconv.Itoa(n*8)
		}
	}
	return spec.alg
}

// byteLen is the length in bytes an expression provably has: a [N]byte
// array, a full slice of one (k[:]), a constant string, or a []byte
// conversion of one.
func byteLen(info *types.Info, e ast.Expr) (int, bool) {
	if e == nil {
		return 0, false
	}
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return len(constant.StringVal(tv.Value)), true
	}
	if s, ok := e.(*ast.SliceExpr); ok && s.Low == nil && s.High == nil && !s.Slice3 {
		e = ast.Unparen(s.X)
	}
	if c, ok := e.(*ast.CallExpr); ok && len(c.Args) == 1 {
		// []byte("…"): a conversion of a constant string.
		if tv, ok := info.Types[c.Fun]; ok && tv.IsType() {
			if tv, ok := info.Types[c.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				return len(constant.StringVal(tv.Value)), true
			}
		}
	}
	t := info.TypeOf(e)
	if t == nil {
		return 0, false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if a, ok := t.Underlying().(*types.Array); ok {
		if b, ok := a.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return int(a.Len()), true
		}
	}
	return 0, false
}

func constInt(info *types.Info, e ast.Expr) (int, bool) {
	if e == nil {
		return 0, false
	}
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	n, ok := constant.Int64Val(tv.Value)
	return int(n), ok
}

// curveOf names the elliptic curve an expression is: elliptic.P256()
// gives P256, sm2.P256Sm2() SM2.
func curveOf(info *types.Info, e ast.Expr) string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return ""
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return ""
	}
	switch fn.Pkg().Path() {
	case "crypto/elliptic":
		return fn.Name()
	case "github.com/tjfoc/gmsm/sm2", "github.com/emmansun/gmsm/sm2":
		return "SM2"
	}
	return ""
}

// cryptoHashes names crypto.Hash values by their constant.
var cryptoHashes = map[string]string{
	"MD5": "MD5", "SHA1": "SHA-1", "SHA224": "SHA-224", "SHA256": "SHA-256", "SHA384": "SHA-384", "SHA512": "SHA-512",
	"SHA512_224": "SHA-512/224", "SHA512_256": "SHA-512/256", "SHA3_256": "SHA3-256", "SHA3_384": "SHA3-384", "SHA3_512": "SHA3-512",
}

// cryptoHash names a crypto.Hash constant argument (crypto.SHA256).
func cryptoHash(info *types.Info, e ast.Expr) string {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	c, ok := info.Uses[sel.Sel].(*types.Const)
	if !ok || c.Pkg() == nil || c.Pkg().Path() != "crypto" {
		return ""
	}
	return cryptoHashes[c.Name()]
}
