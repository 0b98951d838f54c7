package inventory

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xcguard/xcguard/internal/inputfile"
)

// A Certificate is an X.509 certificate found in the repository.
type Certificate struct {
	File               string `json:"file"`
	Index              int    `json:"index,omitempty"` // its place among the file's certificates, from 1 when there are several
	Subject            string `json:"subject"`
	Issuer             string `json:"issuer"`
	KeyAlgorithm       string `json:"keyAlgorithm"`       // SM2, RSA-2048, ECDSA-P256, Ed25519
	SignatureAlgorithm string `json:"signatureAlgorithm"` // SM2-SM3, SHA256-RSA
	GM                 bool   `json:"gm"`                 // an SM2 key signed with SM2-SM3
	NotBefore          string `json:"notBefore"`
	NotAfter           string `json:"notAfter"`
	// Status is expired, expires within 90 days, or valid, at the time of
	// the run.
	Status   string `json:"status"`
	Embedded bool   `json:"embedded,omitempty"` // built into the program with //go:embed
	// Test: the file is under a test directory (testdata, testing, test,
	// tests, fixtures): a test fixture, unless it is embedded.
	Test bool `json:"test,omitempty"`
}

// A Key is a key found in the repository. Its material is never read out:
// only its kind and algorithm are reported.
type Key struct {
	File      string `json:"file"`
	Private   bool   `json:"private"`
	Algorithm string `json:"algorithm"` // SM2, RSA-2048, ECDSA-P256, Ed25519, encrypted, unknown
	GM        bool   `json:"gm"`
	Embedded  bool   `json:"embedded,omitempty"`
	Test      bool   `json:"test,omitempty"`
}

// Bounds on what the scan reads of a repository that may be hostile.
const (
	maxFileSize = 1 << 20
	maxFiles    = 20000 // candidate files read
	maxBlocks   = 64    // PEM blocks per file
)

// certExtensions are the file names the scan reads; embedded files are
// read whatever their names.
var certExtensions = []string{".pem", ".crt", ".cer", ".cert", ".der", ".key", ".pub"}

// ScanFiles finds the certificates and keys under root: files with a
// certificate or key extension, and the files packages embed. It reads
// only regular files of at most 1 MiB, follows no symbolic link, and skips
// dot directories and vendor. now decides what has expired. Notes say what
// it left out.
func ScanFiles(root string, embedded []string, now time.Time) (certs []*Certificate, keys []*Key, notes []string) {
	isEmbedded := map[string]bool{}
	for _, f := range embedded {
		if rel, err := filepath.Rel(root, f); err == nil && !strings.HasPrefix(rel, "..") {
			isEmbedded[filepath.ToSlash(rel)] = true
		}
	}
	var files []string
	tooLarge, tooMany := 0, false
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: nothing of it is listed; see the note below
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() || !slices.Contains(certExtensions, strings.ToLower(filepath.Ext(name))) && !isEmbedded[rel] {
			return nil
		}
		if len(files) == maxFiles {
			tooMany = true
			return filepath.SkipAll
		}
		files = append(files, rel)
		return nil
	})
	slices.Sort(files)
	for _, rel := range files {
		data, err := inputfile.Read(filepath.Join(root, filepath.FromSlash(rel)), maxFileSize)
		if err != nil {
			var tl *inputfile.TooLargeError
			if errors.As(err, &tl) {
				tooLarge++
			}
			continue
		}
		c, k := parseFile(rel, data, now)
		test := isTestdata(rel)
		for _, x := range c {
			x.Embedded, x.Test = isEmbedded[rel], test
		}
		for _, x := range k {
			x.Embedded, x.Test = isEmbedded[rel], test
		}
		certs, keys = append(certs, c...), append(keys, k...)
	}
	if tooLarge > 0 {
		notes = append(notes, fmt.Sprintf("%d certificate or key files over 1 MiB were not read", tooLarge))
	}
	if tooMany {
		notes = append(notes, fmt.Sprintf("only the first %d certificate and key files were read", maxFiles))
	}
	return certs, keys, notes
}

// testDirs are the directory names of test fixtures: testdata, which the
// go command ignores, and the names projects give their test helpers.
var testDirs = []string{"testdata", "testing", "test", "tests", "fixtures"}

// isTestdata reports whether a path is under a test directory.
func isTestdata(rel string) bool {
	dirs := strings.Split(rel, "/")
	return slices.ContainsFunc(dirs[:len(dirs)-1], func(d string) bool { return slices.Contains(testDirs, d) })
}

// parseFile reads the certificates and keys of one file: PEM blocks, or
// one DER certificate.
func parseFile(rel string, data []byte, now time.Time) (certs []*Certificate, keys []*Key) {
	rest := data
	for range maxBlocks {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		switch {
		case b.Type == "CERTIFICATE":
			if c := certificate(rel, b.Bytes, now); c != nil {
				certs = append(certs, c)
			}
		case strings.HasSuffix(b.Type, "PRIVATE KEY"):
			keys = append(keys, privateKey(rel, b))
		case b.Type == "PUBLIC KEY":
			alg, gm := publicKeyAlgorithm(b.Bytes)
			keys = append(keys, &Key{File: rel, Algorithm: alg, GM: gm})
		}
	}
	if len(certs) == 0 && len(keys) == 0 && !strings.Contains(string(data[:min(len(data), 64)]), "-----BEGIN") {
		if c := certificate(rel, data, now); c != nil {
			certs = append(certs, c) // a DER certificate
		}
	}
	if len(certs) > 1 {
		for i, c := range certs {
			c.Index = i + 1
		}
	}
	return certs, keys
}

func certificate(rel string, der []byte, now time.Time) *Certificate {
	c := &Certificate{File: rel}
	var notAfter time.Time
	if x, err := x509.ParseCertificate(der); err == nil {
		c.KeyAlgorithm, _ = keyAlgorithm(x.PublicKey)
		c.SignatureAlgorithm = x.SignatureAlgorithm.String()
		c.Subject, c.Issuer = x.Subject.String(), x.Issuer.String()
		c.NotBefore, notAfter = x.NotBefore.UTC().Format(time.RFC3339), x.NotAfter
	} else if g, ok := parseGM(der); ok {
		// crypto/x509 does not know the SM2 curve.
		*c = g
		c.File = rel
		notAfter, _ = time.Parse(time.RFC3339, g.NotAfter)
	} else {
		return nil
	}
	c.NotAfter = notAfter.UTC().Format(time.RFC3339)
	c.GM = c.KeyAlgorithm == "SM2" && c.SignatureAlgorithm == "SM2-SM3"
	c.Status = "valid"
	switch {
	case now.After(notAfter):
		c.Status = "expired"
	case now.Add(90 * 24 * time.Hour).After(notAfter):
		c.Status = "expires within 90 days"
	}
	return c
}

// The OIDs of GB/T 33560 and the ASN.1 of what crypto/x509 cannot parse
// with an SM2 key: enough to name the algorithms and read the names and
// validity.
var (
	oidECPublicKey = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidSM2         = asn1.ObjectIdentifier{1, 2, 156, 10197, 1, 301}
	oidSM2WithSM3  = asn1.ObjectIdentifier{1, 2, 156, 10197, 1, 501}
)

type gmCert struct {
	TBS struct {
		Version   int `asn1:"optional,explicit,default:0,tag:0"`
		Serial    *big.Int
		SigAlg    pkix.AlgorithmIdentifier
		Issuer    asn1.RawValue
		Validity  struct{ NotBefore, NotAfter time.Time }
		Subject   asn1.RawValue
		PublicKey spki
		Rest      []asn1.RawValue `asn1:"optional"`
	}
	SigAlg    pkix.AlgorithmIdentifier
	Signature asn1.BitString
}

type spki struct {
	Algorithm pkix.AlgorithmIdentifier
	PublicKey asn1.BitString
}

// parseGM reads a certificate crypto/x509 refused, when its key is SM2.
func parseGM(der []byte) (Certificate, bool) {
	var gc gmCert
	if rest, err := asn1.Unmarshal(der, &gc); err != nil || len(rest) > 0 || !isSM2(gc.TBS.PublicKey.Algorithm) {
		return Certificate{}, false
	}
	name := func(raw asn1.RawValue) string {
		var rdn pkix.RDNSequence
		if _, err := asn1.Unmarshal(raw.FullBytes, &rdn); err != nil {
			return ""
		}
		var n pkix.Name
		n.FillFromRDNSequence(&rdn)
		return n.String()
	}
	sig := gc.SigAlg.Algorithm.String()
	if gc.SigAlg.Algorithm.Equal(oidSM2WithSM3) {
		sig = "SM2-SM3"
	}
	return Certificate{
		Subject: name(gc.TBS.Subject), Issuer: name(gc.TBS.Issuer),
		KeyAlgorithm: "SM2", SignatureAlgorithm: sig,
		NotBefore: gc.TBS.Validity.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:  gc.TBS.Validity.NotAfter.UTC().Format(time.RFC3339),
	}, true
}

// isSM2 reports whether a key's algorithm is SM2: id-ecPublicKey with the
// SM2 curve, or the SM2 OID itself.
func isSM2(a pkix.AlgorithmIdentifier) bool {
	if a.Algorithm.Equal(oidSM2) {
		return true
	}
	var curve asn1.ObjectIdentifier
	_, err := asn1.Unmarshal(a.Parameters.FullBytes, &curve)
	return a.Algorithm.Equal(oidECPublicKey) && err == nil && curve.Equal(oidSM2)
}

// privateKey names a private key's algorithm, parsing it only as far as
// that takes; its material goes nowhere.
func privateKey(rel string, b *pem.Block) *Key {
	k := &Key{File: rel, Private: true, Algorithm: "unknown"}
	var key any
	switch b.Type {
	case "ENCRYPTED PRIVATE KEY":
		k.Algorithm = "encrypted"
		return k
	case "RSA PRIVATE KEY":
		key, _ = x509.ParsePKCS1PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		var ec struct {
			Version    int
			PrivateKey []byte
			Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
		}
		if _, err := asn1.Unmarshal(b.Bytes, &ec); err == nil && ec.Curve.Equal(oidSM2) {
			k.Algorithm, k.GM = "SM2", true
			return k
		}
		key, _ = x509.ParseECPrivateKey(b.Bytes)
	case "PRIVATE KEY":
		var p8 struct {
			Version    int
			Algorithm  pkix.AlgorithmIdentifier
			PrivateKey []byte
		}
		if _, err := asn1.Unmarshal(b.Bytes, &p8); err == nil && isSM2(p8.Algorithm) {
			k.Algorithm, k.GM = "SM2", true
			return k
		}
		key, _ = x509.ParsePKCS8PrivateKey(b.Bytes)
	}
	if key != nil {
		k.Algorithm, k.GM = keyAlgorithm(key)
	}
	return k
}

func publicKeyAlgorithm(der []byte) (string, bool) {
	var s spki
	if _, err := asn1.Unmarshal(der, &s); err == nil && isSM2(s.Algorithm) {
		return "SM2", true
	}
	if pub, err := x509.ParsePKIXPublicKey(der); err == nil {
		return keyAlgorithm(pub)
	}
	return "unknown", false
}

// keyAlgorithm names a key crypto/x509 parsed (SM2 keys it cannot).
func keyAlgorithm(key any) (string, bool) {
	switch k := key.(type) {
	case *rsa.PublicKey:
		return "RSA-" + strconv.Itoa(k.N.BitLen()), false
	case *rsa.PrivateKey:
		return "RSA-" + strconv.Itoa(k.N.BitLen()), false
	case *ecdsa.PublicKey:
		return "ECDSA-" + strings.ReplaceAll(k.Curve.Params().Name, "-", ""), false
	case *ecdsa.PrivateKey:
		return "ECDSA-" + strings.ReplaceAll(k.Curve.Params().Name, "-", ""), false
	case ed25519.PublicKey, ed25519.PrivateKey:
		return "Ed25519", false
	}
	return "unknown", false
}
