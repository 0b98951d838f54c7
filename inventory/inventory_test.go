package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/xcguard/xcguard/internal/cdxschema"
)

// sample is an inventory with every kind of asset the renderers know: GM
// and non-GM algorithms, a mode CycloneDX does not name (xts), a key size,
// a use inside a dependency, TLS, TLCP and a dual listener.
func sample() *Inventory {
	inv := &Inventory{
		Module: "example.com/gateway",
		Tool:   "xcguard test",
		Policy: "finance",
		Algorithms: []*Algorithm{
			{Name: "SM4-GCM", Primitive: "ae", Mode: "gcm", Functions: []string{"encrypt"}, GM: true, Occurrences: []*Occurrence{
				{File: "seal.go", Line: 12, Package: "example.com/gateway", Function: "seal", Call: "cipher.NewGCM", Provenance: FirstParty},
			}},
			{Name: "AES-128", Primitive: "block-cipher", Functions: []string{"encrypt"}, KeyBits: 128, Occurrences: []*Occurrence{
				{File: "main.go", Line: 30, Package: "example.com/gateway", Function: "main", Call: "store.Open", Provenance: "example.com/store@v1.2.0", Chain: []string{"store.seal", "aes.NewCipher"}, Rules: []string{"XC102"}},
			}},
			{Name: "SM4-XTS", Primitive: "block-cipher", Mode: "xts", Functions: []string{"encrypt", "decrypt"}, GM: true, Occurrences: []*Occurrence{
				{File: "disk.go", Line: 7, Package: "example.com/gateway/disk", Function: "(*Volume).Open", Call: "cipher.NewXTS", Provenance: FirstParty},
			}},
			{Name: "MD5", Primitive: "hash", Functions: []string{"digest"}, Occurrences: []*Occurrence{
				{File: "sign.go", Line: 20, Package: "example.com/gateway", Function: "sign", Call: "md5.Sum", Provenance: FirstParty, Rules: []string{"XC101"}},
			}},
		},
		Protocols: []*Protocol{
			{Name: "TLS", Side: "client", Library: "crypto/tls", Occurrences: []*Occurrence{
				{File: "upstream.go", Line: 23, Package: "example.com/gateway", Function: "newUpstream", Call: "a tls.Config literal", Provenance: FirstParty, Config: "configured; its endpoint is not in sight", Rules: []string{"XC103", "XC106"}},
			}},
			{Name: "TLCP", Side: "server", Library: "gitee.com/Trisia/gotlcp/tlcp", GM: true, Occurrences: []*Occurrence{
				{File: "serve.go", Line: 9, Package: "example.com/gateway", Function: "serve", Call: "tlcp.Listen", Provenance: FirstParty, Config: "configured", Versions: "TLCP 1.1 (GB/T 38636, its only version)", Suites: "gotlcp's defaults (SM2 key exchange, SM4, SM3)"},
			}},
			{Name: "TLCP and TLS on one port", Side: "server", Library: "gitee.com/Trisia/gotlcp/pa", GM: true, Occurrences: []*Occurrence{
				{File: "serve.go", Line: 15, Package: "example.com/gateway", Function: "serveBoth", Call: "pa.Listen", Provenance: FirstParty, Config: "configured"},
			}},
		},
		Certificates: []*Certificate{
			{File: "certs/sm2.crt", Subject: "CN=platform.example.gov.cn", Issuer: "CN=platform.example.gov.cn", KeyAlgorithm: "SM2", SignatureAlgorithm: "SM2-SM3", GM: true, NotBefore: "2026-12-02T17:28:32Z", NotAfter: "2126-11-08T17:28:32Z", Status: "valid", Embedded: true},
			{File: "certs/chain.pem", Index: 2, Subject: "CN=Root", Issuer: "CN=Root", KeyAlgorithm: "RSA-4096", SignatureAlgorithm: "SHA256-RSA", NotBefore: "2001-01-01T00:00:00Z", NotAfter: "2002-01-01T00:00:00Z", Status: "expired"},
		},
		Keys: []*Key{{File: "certs/sm2.key", Private: true, Algorithm: "SM2", GM: true}, {File: "certs/peer.pub", Algorithm: "RSA-2048"}},
	}
	inv.sort()
	return inv
}

// The CBOM is valid CycloneDX 1.6, checked against the official schema.
func TestCycloneDXIsValid(t *testing.T) {
	schema := cycloneDXSchema(t)
	var buf bytes.Buffer
	if err := Write(&buf, "cyclonedx", sample(), "v0.0.0-test"); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the CBOM is not valid CycloneDX 1.6: %v\n%s", err, buf.String())
	}
	var bom struct {
		Components []struct {
			Name             string `json:"name"`
			CryptoProperties struct {
				AssetType           string `json:"assetType"`
				AlgorithmProperties struct {
					Mode                   string `json:"mode"`
					ParameterSetIdentifier string `json:"parameterSetIdentifier"`
				} `json:"algorithmProperties"`
				ProtocolProperties struct {
					Type string `json:"type"`
				} `json:"protocolProperties"`
			} `json:"cryptoProperties"`
		} `json:"components"`
		Dependencies []struct {
			DependsOn []string `json:"dependsOn"`
		} `json:"dependencies"`
	}
	if err := json.Unmarshal(buf.Bytes(), &bom); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range bom.Components {
		cp := c.CryptoProperties
		got[c.Name] = cp.AssetType + " " + cp.AlgorithmProperties.Mode + cp.AlgorithmProperties.ParameterSetIdentifier + cp.ProtocolProperties.Type
	}
	want := map[string]string{
		"SM4-GCM": "algorithm gcm", "AES-128": "algorithm 128", "SM4-XTS": "algorithm other", "MD5": "algorithm ",
		"TLS (client)": "protocol tls", "TLCP (server)": "protocol other", "TLCP and TLS on one port (server)": "protocol other",
		"CN=platform.example.gov.cn": "certificate ", "CN=Root": "certificate ", "SM2 private key": "related-crypto-material ", "RSA-2048 public key": "related-crypto-material ",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("component %s: got %q, want %q", name, got[name], w)
		}
	}
	if len(bom.Components) != len(want) || len(bom.Dependencies) != 1 || len(bom.Dependencies[0].DependsOn) != len(want) {
		t.Errorf("got %d components and dependencies %v, want %d, each a dependency of the module", len(bom.Components), bom.Dependencies, len(want))
	}
}

// The schema check is not a formality: a primitive CycloneDX does not
// know fails it.
func TestCycloneDXSchemaRejects(t *testing.T) {
	schema := cycloneDXSchema(t)
	inv := sample()
	inv.Algorithms[0].Primitive = "magic"
	var buf bytes.Buffer
	if err := Write(&buf, "cyclonedx", inv, "v0"); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err == nil {
		t.Fatal("a component with primitive \"magic\" passed the schema")
	}
}

// Same input, same bytes, in every format, whatever order the uses were
// found in.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats {
		a, b := sample(), sample()
		b.Algorithms[0], b.Algorithms[3] = b.Algorithms[3], b.Algorithms[0]
		b.Protocols[0], b.Protocols[2] = b.Protocols[2], b.Protocols[0]
		b.sort()
		var x, y bytes.Buffer
		if err := Write(&x, format, a, "v1"); err != nil {
			t.Fatal(err)
		}
		if err := Write(&y, format, b, "v1"); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Errorf("%s: two orders of the same inventory render differently", format)
		}
	}
}

// The assessor's report counts GM against non-GM uses per layer and lists
// each use the policy does not accept.
func TestMarkdownLayers(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "markdown", sample(), "v1"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"| 网络和通信安全 · network and communication | 2 | 1 |",
		"| 应用和数据安全 · application and data | 2 | 2 |",
		"- `upstream.go:23` in `newUpstream`: TLS client, `a tls.Config literal` (first-party): XC103, XC106",
		"- `main.go:30` in `main`: AES-128, `store.Open → store.seal → aes.NewCipher` (example.com/store@v1.2.0): XC102",
		"| SM4-GCM | ae | encrypt | yes | no | yes | 1 |",
		"| TLCP | server | `gitee.com/Trisia/gotlcp/tlcp` | TLCP 1.1 (GB/T 38636, its only version) | yes | yes | 1 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
}

// A gmtls endpoint whose GMSupport is out of sight is counted as
// undetermined, neither GM nor not.
func TestUndeterminedIsNotGuessed(t *testing.T) {
	inv := sample()
	inv.Protocols = append(inv.Protocols, &Protocol{Name: undetermined, Side: "client", Library: "github.com/tjfoc/gmsm/gmtls", Undetermined: true, Occurrences: []*Occurrence{
		{File: "dial.go", Line: 4, Package: "example.com/gateway", Call: "gmtls.Dial", Provenance: FirstParty, Config: "not in sight"},
	}})
	inv.sort()
	network, _ := inv.Layers()
	if network != (Counts{GM: 2, NonGM: 1, Undetermined: 1}) {
		t.Errorf("network layer: got %+v, want 2 GM, 1 non-GM, 1 undetermined", network)
	}
	var buf bytes.Buffer
	if err := Write(&buf, "markdown", inv, "v1"); err != nil {
		t.Fatal(err)
	}
	if want := "| " + undetermined + " | client | `github.com/tjfoc/gmsm/gmtls` | not in sight | not in sight | yes | 1 |"; !strings.Contains(buf.String(), want) {
		t.Errorf("the report lacks %q:\n%s", want, buf.String())
	}
}

// The HTML report draws GM against non-GM uses per layer, and escapes what
// comes from the repository: a certificate subject is text, not markup.
func TestHTML(t *testing.T) {
	inv := sample()
	inv.Certificates[0].Subject = "CN=<script>alert(1)</script>"
	var buf bytes.Buffer
	if err := Write(&buf, "html", inv, "v1"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"`,
		`<title>GM: 2</title>`,
		`<title>non-GM: 2</title>`,
		"<td>CN=&lt;script&gt;alert(1)&lt;/script&gt;</td>",
		"<li><code>sign.go:20</code> in <code>sign</code>: MD5, <code>md5.Sum</code> (first-party): XC101</li>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if strings.Contains(out, "<script>") {
		t.Error("a certificate subject reached the page as markup")
	}
}

func cycloneDXSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := cdxschema.Compile("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The scan reads the certificates and keys of a repository: SM2 ones,
// which crypto/x509 cannot parse, included; a key is named, never shown.
// A hostile tree cannot make it hang, read outside the repository, or read
// without bound.
func TestScanFiles(t *testing.T) {
	root := t.TempDir()
	copyDir(t, filepath.Join("testdata", "certs"), filepath.Join(root, "certs"))
	if err := syscall.Mkfifo(filepath.Join(root, "certs", "fifo.pem"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "outside.crt")
	copyFile(t, filepath.Join("testdata", "certs", "rsa.crt"), outside)
	if err := os.Symlink(outside, filepath.Join(root, "certs", "link.crt")); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("-----BEGIN CERTIFICATE-----\n"), 40000)
	if err := os.WriteFile(filepath.Join(root, "huge.pem"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "internal", "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join("testdata", "certs", "expired.crt"), filepath.Join(root, "internal", "testdata", "peer.crt"))
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join("testdata", "certs", "rsa.crt"), filepath.Join(root, ".git", "hidden.crt"))

	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	certs, keys, notes := ScanFiles(root, []string{filepath.Join(root, "certs", "sm2.crt")}, now)
	var got []string
	for _, c := range certs {
		got = append(got, fmt.Sprintf("%s %s %s gm=%v %s %s embedded=%v test=%v", c.File, c.KeyAlgorithm, c.SignatureAlgorithm, c.GM, c.NotAfter[:4], c.Status, c.Embedded, c.Test))
	}
	for _, k := range keys {
		got = append(got, fmt.Sprintf("%s private=%v %s gm=%v", k.File, k.Private, k.Algorithm, k.GM))
	}
	want := []string{
		"certs/expired.crt ECDSA-P256 ECDSA-SHA256 gm=false 2002 expired embedded=false test=false",
		"certs/rsa.crt RSA-2048 SHA256-RSA gm=false 2126 valid embedded=false test=false",
		"certs/rsa.der RSA-2048 SHA256-RSA gm=false 2126 valid embedded=false test=false",
		"certs/sm2.crt SM2 SM2-SM3 gm=true 2126 valid embedded=true test=false",
		"internal/testdata/peer.crt ECDSA-P256 ECDSA-SHA256 gm=false 2002 expired embedded=false test=true",
		"certs/rsa.key private=true RSA-2048 gm=false",
		"certs/sm2-ec.key private=true SM2 gm=true",
		"certs/sm2.key private=true SM2 gm=true",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "over 1 MiB") {
		t.Errorf("notes %q: want one saying a file over 1 MiB was not read", notes)
	}
	// Nothing of a key's content reaches the inventory.
	var buf bytes.Buffer
	inv := &Inventory{Algorithms: []*Algorithm{}, Protocols: []*Protocol{}, Certificates: certs, Keys: keys}
	for _, format := range Formats {
		if err := Write(&buf, format, inv, "v1"); err != nil {
			t.Fatal(err)
		}
	}
	key, _ := os.ReadFile(filepath.Join("testdata", "certs", "sm2.key"))
	for _, line := range strings.Split(string(key), "\n")[1:3] {
		if strings.Contains(buf.String(), line) {
			t.Errorf("a line of a private key is in the inventory")
		}
	}
}

// Expiry is judged at the time of the run.
func TestCertificateStatus(t *testing.T) {
	der, _ := os.ReadFile(filepath.Join("testdata", "certs", "rsa.der"))
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), "valid"},
		{time.Date(2126, 9, 1, 0, 0, 0, 0, time.UTC), "expires within 90 days"},
		{time.Date(2127, 1, 1, 0, 0, 0, 0, time.UTC), "expired"},
	} {
		if got := certificate("rsa.der", der, c.now); got == nil || got.Status != c.want {
			t.Errorf("at %s: got %+v, want %s", c.now.Format(time.DateOnly), got, c.want)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		copyFile(t, filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
