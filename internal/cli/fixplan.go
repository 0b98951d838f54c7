package cli

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// manual says, per GM package a finding's hint names, why no fix makes the
// move and which API of each library to reach for. The reasons are the
// migration issue's: what changes size, keys or protocol changes meaning.
var manual = map[string]struct {
	why string
	api map[policy.GMLibrary]string
}{
	"sm2": {
		why: "SM2 is not a drop-in for RSA, ECDSA or Ed25519: new keys and certificates, a signer's user ID (default 1234567812345678), SM2 signs the message (hashing with SM3 and the user ID) where ECDSA signs a digest, and SM2 ciphertexts have their own layout (C1C3C2); every peer must change with the code",
		api: map[policy.GMLibrary]string{
			policy.Tjfoc:    "sm2.GenerateKey(rand.Reader); (*sm2.PrivateKey).Sign(rand.Reader, msg, nil); (*sm2.PublicKey).Verify(msg, sig); sm2.EncryptAsn1 / DecryptAsn1",
			policy.Emmansun: "sm2.GenerateKey(rand.Reader); sm2.SignASN1(rand.Reader, priv, msg, sm2.DefaultSM2SignerOpts); sm2.VerifyASN1WithSM2(pub, nil, msg, sig); sm2.EncryptASN1 / (*sm2.PrivateKey).Decrypt",
		},
	},
	"sm3": {
		why: "SM3's digest is 32 bytes: a hash of another size (MD5 16, SHA-1 20, SHA-512 64) changes every buffer, stored value and peer that holds one",
		api: map[policy.GMLibrary]string{
			policy.Tjfoc:    "sm3.New() (hash.Hash; Sum only of nil), sm3.Sm3Sum(b)",
			policy.Emmansun: "sm3.New(), sm3.Sum(b) ([32]byte)",
		},
	},
	"sm4": {
		why: "SM4 takes 128-bit keys and 16-byte blocks: a cipher with other key or block sizes (DES, 3DES, RC4, AES-192/256) needs new keys, and data encrypted before must be re-encrypted",
		api: map[policy.GMLibrary]string{
			policy.Tjfoc:    "sm4.NewCipher(key16) (one goroutine per block), then crypto/cipher's GCM, CTR or CBC",
			policy.Emmansun: "sm4.NewCipher(key16), then crypto/cipher's GCM, CTR or CBC",
		},
	},
	"gmtls": {
		why: "GM TLS is another protocol: SM2 sign and encrypt certificates (dual certificates), GM cipher suites, and peers that speak it",
		api: map[policy.GMLibrary]string{
			policy.Tjfoc:    "gmtls.Config{GMSupport: gmtls.NewGMSupport(), Certificates: sign and encrypt certificates}; gmtls.Listen, gmtls.Dial",
			policy.Emmansun: "gitee.com/Trisia/gotlcp/tlcp.Config with smx509 certificates; tlcp.Listen, tlcp.Dial",
		},
	},
	"x509": {
		why: "GM certificates carry SM2 keys and SM2-with-SM3 signatures from a GM CA: parsing, pools and verification move to the GM certificate stack together with the certificates themselves",
		api: map[policy.GMLibrary]string{
			policy.Tjfoc:    "github.com/tjfoc/gmsm/x509: ParseCertificate, NewCertPool, (*Certificate).Verify",
			policy.Emmansun: "github.com/emmansun/gmsm/smx509: ParseCertificate, NewCertPool, (*Certificate).Verify",
		},
	},
}

func init() {
	manual["tlcp"] = manual["gmtls"]
	manual["smx509"] = manual["x509"]
}

// writePlan writes the migration plan: per package directory, the fixes
// xcguard fix applies and the findings a person must decide, with the
// reasons and the GM API to use. Exit 1 while findings remain, as fix.
func writePlan(e *env, c *common, findings []report.Finding, ch *changes) error {
	pol, err := loadPolicy(c, c.workDir())
	if err != nil {
		return err
	}
	lib := pol.Crypto.GMLibrary.Or()
	type group struct{ fixed, open []*report.Finding }
	groups := map[string]*group{}
	for i := range findings {
		f := &findings[i]
		if f.Suppressed {
			continue
		}
		dir := path.Dir(f.File)
		g := groups[dir]
		if g == nil {
			g = &group{}
			groups[dir] = g
		}
		if ch.applied[f] {
			g.fixed = append(g.fixed, f)
		} else {
			g.open = append(g.open, f)
		}
	}
	var b bytes.Buffer
	nFixed, nOpen := 0, 0
	for _, g := range groups {
		nFixed += len(g.fixed)
		nOpen += len(g.open)
	}
	fmt.Fprintf(&b, "# GM migration plan\n\nGM library: %s (crypto.gm_library). `xcguard fix` applies %s; %s need a person.\n", lib, plural(nFixed, "fix", "fixes"), plural(nOpen, "finding", "findings"))
	for _, dir := range slices.Sorted(maps.Keys(groups)) {
		g := groups[dir]
		if dir == "." {
			dir = ""
		}
		fmt.Fprintf(&b, "\n## ./%s\n", dir)
		if len(g.fixed) > 0 {
			fmt.Fprintf(&b, "\n### Fixed by xcguard fix\n\n")
			for _, f := range g.fixed {
				fmt.Fprintf(&b, "- [x] `%s:%d` %s: %s\n", f.File, f.Line, f.Rule, f.Fix.Description)
			}
		}
		if len(g.open) > 0 {
			fmt.Fprintf(&b, "\n### To decide\n\n")
			for _, f := range g.open {
				fmt.Fprintf(&b, "- [ ] `%s:%d` %s: %s", f.File, f.Line, f.Rule, f.Message)
				if f.Hint != "" {
					fmt.Fprintf(&b, " (%s)", f.Hint)
				}
				b.WriteString("\n")
				for _, r := range f.Related {
					fmt.Fprintf(&b, "  - `%s:%d`: %s\n", r.File, r.Line, r.Message)
				}
				if m, ok := manual[hintKind(f.Hint)]; ok && f.Fix == nil && len(f.Related) == 0 {
					fmt.Fprintf(&b, "  - why by hand: %s\n  - GM API: %s\n", m.why, m.api[lib])
				} else if ok && len(f.Related) > 0 {
					fmt.Fprintf(&b, "  - GM API: %s\n", m.api[lib])
				}
			}
		}
	}
	out, err := createOut("o", c.path(c.output))
	if err != nil {
		return err
	}
	if out == nil {
		e.stdout.Write(b.Bytes())
	} else if err := out.commit(b.Bytes()); err != nil {
		return err
	}
	if report.Summarize(ch.remaining(findings)).Errors > 0 {
		return errFindings
	}
	return nil
}

// hintKind is the last element of the package a hint names ("use
// github.com/tjfoc/gmsm/sm2: reason" → "sm2").
func hintKind(hint string) string {
	p, _, _ := strings.Cut(strings.TrimPrefix(hint, "use "), ":")
	return path.Base(strings.TrimSpace(p))
}
