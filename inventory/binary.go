package inventory

import (
	"strings"

	"github.com/xcguard/xcguard/cibuild"
	"github.com/xcguard/xcguard/internal/gosettings"
	"github.com/xcguard/xcguard/policy"
)

// A Binary is what the inventory of a built program reads: its platform,
// the Go that built it and the GODEBUG defaults it runs with. Its
// algorithms and protocols are those of the crypto packages linked into it
// (from the pclntab, so stripped binaries too): what it can do, not which
// calls it makes, which the source inventory says.
type Binary struct {
	File      string    `json:"file"`
	Platform  string    `json:"platform"`
	GoVersion string    `json:"goVersion,omitempty"`
	Main      string    `json:"main,omitempty"` // the main module, from the build info
	Godebug   []Godebug `json:"godebug"`        // the crypto settings of DefaultGODEBUG
	Unread    string    `json:"unread,omitempty"`
}

// A Godebug is one crypto setting of the binary's DefaultGODEBUG.
type Godebug struct {
	Setting string `json:"setting"` // tlsrsakex=1
	Does    string `json:"does"`
	Rule    string `json:"rule,omitempty"` // the rule it breaks under the policy
}

// linked names what a crypto package does, for a binary: the protocol or
// the algorithms it implements.
var linked = map[string]struct {
	name, prim string
	gm         bool
}{
	"crypto/md5": {"MD5", "hash", false}, "crypto/sha1": {"SHA-1", "hash", false},
	"crypto/sha256": {"SHA-256", "hash", false}, "crypto/sha512": {"SHA-512", "hash", false},
	"crypto/sha3": {"SHA-3", "hash", false}, "crypto/hmac": {"HMAC", "mac", false},
	"crypto/aes": {"AES", "block-cipher", false}, "crypto/des": {"DES and 3DES", "block-cipher", false},
	"crypto/rc4": {"RC4", "stream-cipher", false}, "crypto/rsa": {"RSA", "pke", false},
	"crypto/ecdsa": {"ECDSA", "signature", false}, "crypto/ed25519": {"Ed25519", "signature", false},
	"crypto/ecdh": {"ECDH", "key-agree", false}, "crypto/mlkem": {"ML-KEM", "kem", false},
	"crypto/hkdf": {"HKDF", "kdf", false}, "crypto/pbkdf2": {"PBKDF2", "kdf", false},
	"golang.org/x/crypto/md4": {"MD4", "hash", false}, "golang.org/x/crypto/ripemd160": {"RIPEMD-160", "hash", false},
	"golang.org/x/crypto/blowfish": {"Blowfish", "block-cipher", false}, "golang.org/x/crypto/chacha20poly1305": {"ChaCha20-Poly1305", "ae", false},
	"golang.org/x/crypto/bcrypt": {"bcrypt", "kdf", false}, "golang.org/x/crypto/scrypt": {"scrypt", "kdf", false},
	"golang.org/x/crypto/argon2": {"Argon2", "kdf", false},
	// The standard library's own copies, and its HPKE.
	"vendor/golang.org/x/crypto/chacha20poly1305": {"ChaCha20-Poly1305", "ae", false},
	"crypto/hpke":               {"HPKE", "kem", false},
	"github.com/tjfoc/gmsm/sm2": {"SM2", "signature", true}, "github.com/tjfoc/gmsm/sm3": {"SM3", "hash", true},
	"github.com/tjfoc/gmsm/sm4":    {"SM4", "block-cipher", true},
	"github.com/emmansun/gmsm/sm2": {"SM2", "signature", true}, "github.com/emmansun/gmsm/sm3": {"SM3", "hash", true},
	"github.com/emmansun/gmsm/sm4": {"SM4", "block-cipher", true}, "github.com/emmansun/gmsm/sm9": {"SM9", "signature", true},
	"github.com/emmansun/gmsm/zuc": {"ZUC", "stream-cipher", true},
}

// linkedProtocols are the TLS packages, by what they speak.
var linkedProtocols = map[string]string{
	"crypto/tls": "TLS", "github.com/tjfoc/gmsm/gmtls": "GM TLS (gmtls)", "gitee.com/Trisia/gotlcp/tlcp": "TLCP",
}

// FromBinary is the inventory of a binary built anywhere.
func FromBinary(b *cibuild.Binary, file, tool string, pol *policy.Policy) *Inventory {
	inv := &Inventory{Tool: tool, Algorithms: []*Algorithm{}, Protocols: []*Protocol{}, Certificates: []*Certificate{}, Keys: []*Key{}}
	bin := &Binary{File: file, Platform: string(b.Platform()), Godebug: []Godebug{}}
	if bi := b.Build; bi != nil {
		bin.GoVersion, bin.Main, inv.Module = bi.GoVersion, bi.Main.Path, bi.Main.Path
		for _, s := range bi.Settings {
			if s.Key != "DefaultGODEBUG" {
				continue
			}
			for _, kv := range gosettings.Parse(s.Value) {
				st, known := gosettings.Lookup(kv[0])
				if !known {
					continue // not a crypto setting
				}
				g := Godebug{Setting: kv[0] + "=" + kv[1], Does: st.Does}
				if _, bad := pol.ForbidsGodebug(kv[0], kv[1]); bad {
					g.Rule = st.Rule
				}
				bin.Godebug = append(bin.Godebug, g)
			}
		}
	} else {
		bin.Unread = "no Go build info: the Go version and GODEBUG defaults cannot be read"
	}
	if b.Packages == nil {
		inv.Notes = append(inv.Notes, "the binary's pclntab cannot be read, so its linked crypto packages are not listed")
	}
	for _, p := range b.Packages {
		o := &Occurrence{File: file, Package: p.Path, Call: "linked: " + p.Path, Provenance: provenance(b, p.Path)}
		if name, ok := linkedProtocols[p.Path]; ok {
			if name == "TLS" && policy.True(pol.Crypto.RequireGM) {
				o.Rules = []string{"XC106"} // standard TLS where GM TLS is required
			}
			inv.Protocols = append(inv.Protocols, &Protocol{Name: name, Side: "server or client", Library: p.Path, GM: name != "TLS", Occurrences: []*Occurrence{o}})
			continue
		}
		l, ok := linked[p.Path]
		if !ok {
			continue
		}
		o.Rules = policyRules(pol, p.Path, l.gm)
		inv.Algorithms = append(inv.Algorithms, &Algorithm{Name: l.name, Primitive: l.prim, Functions: []string{"linked"}, GM: l.gm, Occurrences: []*Occurrence{o}})
	}
	inv.Binary = bin
	inv.sort()
	return inv
}

// provenance is the module a linked package comes from, by the build
// info's module list.
func provenance(b *cibuild.Binary, pkg string) string {
	first, _, _ := strings.Cut(pkg, "/")
	if !strings.Contains(first, ".") {
		return "std"
	}
	if bi := b.Build; bi != nil {
		best := ""
		for _, m := range append(bi.Deps, &bi.Main) {
			if m != nil && (pkg == m.Path || strings.HasPrefix(pkg, m.Path+"/")) && len(m.Path) > len(best) {
				best = m.Path + "@" + m.Version
			}
		}
		if best != "" {
			return best
		}
	}
	return "unknown module"
}
