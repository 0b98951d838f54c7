package gm_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tjfoc/gmsm/sm3"

	"github.com/xcguard/xcguard/internal/gm"
)

// openssl runs OpenSSL 3, which the test command installs.
func openssl(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("openssl", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// SM3 digests equal openssl dgst -sm3, for the empty input, one block,
// and more than one block (where a buffering bug would show).
func TestSM3MatchesOpenSSL(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 3, 64, 1000, 1 << 20} {
		data := bytes.Repeat([]byte("xcguard"), n/7+1)[:n]
		file := filepath.Join(dir, "in")
		write(t, file, data)
		got, err := gm.SM3File(file)
		if err != nil {
			t.Fatal(err)
		}
		out := openssl(t, dir, "dgst", "-sm3", "-r", "in")
		want, _, _ := strings.Cut(out, " ")
		if got != want {
			t.Errorf("SM3 of %d bytes = %s, openssl says %s", n, got, want)
		}
	}
}

// The two examples of GB/T 32905-2016, appendix A.
func TestSM3Standard(t *testing.T) {
	for in, want := range map[string]string{
		"abc":                      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
		strings.Repeat("abcd", 16): "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
		"":                         "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
	} {
		sum, _ := gm.SM3(strings.NewReader(in))
		if got := hex.EncodeToString(sum); got != want {
			t.Errorf("SM3(%q) = %s, want %s", in, got, want)
		}
	}
}

// xcguard's SM3 agrees with gmsm's on every length from 0 to 300 bytes
// (each padding case, one to five blocks), written whole and in uneven
// pieces, and Sum leaves the hash usable and appends to its argument.
func TestSM3MatchesGmsm(t *testing.T) {
	data := make([]byte, 300)
	for i := range data {
		data[i] = byte(i*131 + 7)
	}
	for n := range len(data) + 1 {
		want := gmsmSM3(data[:n])
		h := gm.NewSM3()
		for rest, step := data[:n], 1; len(rest) > 0; step = step*2 + 1 {
			k := min(step, len(rest))
			h.Write(rest[:k])
			rest = rest[k:]
		}
		if got := h.Sum([]byte("x")); !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("SM3 of %d bytes in pieces = %x, gmsm says %x", n, got, want)
		}
		h.Write([]byte("more"))
		if got := h.Sum(nil); !bytes.Equal(got, gmsmSM3(append(data[:n:n], "more"...))) {
			t.Fatalf("SM3 after Sum and more writes of %d bytes = %x, gmsm disagrees", n, got)
		}
	}
}

func FuzzSM3(f *testing.F) {
	f.Add([]byte("abc"), uint8(1))
	f.Add(bytes.Repeat([]byte{0xff}, 200), uint8(63))
	f.Fuzz(func(t *testing.T, data []byte, step uint8) {
		h := gm.NewSM3()
		for rest := data; len(rest) > 0; {
			k := min(int(step)+1, len(rest))
			h.Write(rest[:k])
			rest = rest[k:]
		}
		if got, want := h.Sum(nil), gmsmSM3(data); !bytes.Equal(got, want) {
			t.Fatalf("SM3(%x) = %x, gmsm says %x", data, got, want)
		}
	})
}

// gmsmSM3 is the oracle: gmsm's SM3, with its Sum(nil) only.
func gmsmSM3(data []byte) []byte {
	h := sm3.New()
	h.Write(data)
	return h.Sum(nil)
}

func BenchmarkSM3(b *testing.B) {
	data := make([]byte, 1<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		h := gm.NewSM3()
		h.Write(data)
		h.Sum(nil)
	}
}

// A signature made here verifies with OpenSSL, and one made by OpenSSL
// verifies here, with keys written by either side.
func TestSignatureInteropWithOpenSSL(t *testing.T) {
	dir := t.TempDir()
	msg := []byte("version: 1\nextends: [gov-cloud]\n")
	write(t, filepath.Join(dir, "msg"), msg)
	distid := "distid:1234567812345678"

	t.Run("xcguard signs, openssl verifies", func(t *testing.T) {
		key, err := gm.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		pub, err := key.Public().MarshalPEM()
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "x.pub"), pub)
		sig, err := key.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "x.sig"), sig)
		out := openssl(t, dir, "pkeyutl", "-verify", "-pubin", "-inkey", "x.pub", "-rawin", "-in", "msg", "-sigfile", "x.sig", "-digest", "sm3", "-pkeyopt", distid)
		if !strings.Contains(out, "Signature Verified Successfully") {
			t.Errorf("openssl: %s", out)
		}
		// OpenSSL also reads the private key xcguard writes.
		priv, err := key.MarshalPEM()
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "x.key"), priv)
		if got := openssl(t, dir, "pkey", "-in", "x.key", "-pubout"); got != string(pub) {
			t.Errorf("openssl derives public key\n%s\nxcguard wrote\n%s", got, pub)
		}
	})

	t.Run("openssl signs, xcguard verifies", func(t *testing.T) {
		openssl(t, dir, "genpkey", "-algorithm", "SM2", "-out", "o.key")
		openssl(t, dir, "pkey", "-in", "o.key", "-pubout", "-out", "o.pub")
		openssl(t, dir, "pkeyutl", "-sign", "-inkey", "o.key", "-rawin", "-in", "msg", "-digest", "sm3", "-pkeyopt", distid, "-out", "o.sig")
		pub, err := gm.ParsePublicKeyPEM(read(t, filepath.Join(dir, "o.pub")))
		if err != nil {
			t.Fatal(err)
		}
		if err := pub.Verify(msg, read(t, filepath.Join(dir, "o.sig"))); err != nil {
			t.Errorf("OpenSSL's signature: %v", err)
		}
		// And the private key OpenSSL writes signs here.
		key, err := gm.ParsePrivateKeyPEM(read(t, filepath.Join(dir, "o.key")))
		if err != nil {
			t.Fatal(err)
		}
		sig, err := key.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		if err := pub.Verify(msg, sig); err != nil {
			t.Errorf("signature with OpenSSL's key: %v", err)
		}
	})
}

// Every way a signature or key can be wrong is refused with an error, and
// none panics.
func TestRefusals(t *testing.T) {
	key, err := gm.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("policy bytes")
	sig, err := key.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := gm.GenerateKey()
	pubPEM, _ := key.Public().MarshalPEM()

	sigs := []struct {
		name string
		key  *gm.PublicKey
		msg  []byte
		sig  []byte
		want string
	}{
		{"one byte changed", key.Public(), []byte("policy bytez"), sig, "does not verify"},
		{"wrong key", other.Public(), msg, sig, "does not verify"},
		{"truncated", key.Public(), msg, sig[:len(sig)-3], "not a DER"},
		{"trailing data", key.Public(), msg, append(append([]byte{}, sig...), 0), "not a DER"},
		{"empty", key.Public(), msg, nil, "not a DER"},
		{"not DER", key.Public(), msg, []byte("-----BEGIN SIGNATURE-----"), "not a DER"},
		{"BER long length", key.Public(), msg, berLength(sig), "not a DER"},
		{"r zero", key.Public(), msg, []byte{0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01}, "out of range"},
		{"s negative", key.Public(), msg, []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0xff}, "out of range"},
	}
	for _, tt := range sigs {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.key.Verify(tt.msg, tt.sig)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Verify = %v, want an error containing %q", err, tt.want)
			}
		})
	}

	// A public key whose point is off the curve: the last byte of Y flipped.
	offCurve := offCurvePEM(t, pubPEM)
	keys := []struct {
		name, pem, want string
	}{
		{"off the curve", offCurve, "not a point on the curve"},
		{"not PEM", "hello", "not a PEM"},
		{"private key given as public", string(mustPEM(key.MarshalPEM())), "not a PEM \"PUBLIC KEY\""},
		{"RSA key", rsaPub, "not an SM2 public key"},
	}
	for _, tt := range keys {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gm.ParsePublicKeyPEM([]byte(tt.pem))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParsePublicKeyPEM = %v, want an error containing %q", err, tt.want)
			}
		})
	}
	if _, err := gm.ParsePrivateKeyPEM(pubPEM); err == nil || !strings.Contains(err.Error(), "PRIVATE KEY") {
		t.Errorf("ParsePrivateKeyPEM(public key) = %v", err)
	}
}

func mustPEM(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// berLength re-encodes the outer SEQUENCE length in long form, which BER
// allows and DER does not.
func berLength(sig []byte) []byte {
	return append([]byte{0x30, 0x81, sig[1]}, sig[2:]...)
}

func offCurvePEM(t *testing.T, pubPEM []byte) string {
	t.Helper()
	s := string(pubPEM)
	lines := strings.Split(strings.TrimSpace(s), "\n")
	der, err := decodeBase64(strings.Join(lines[1:len(lines)-1], ""))
	if err != nil {
		t.Fatal(err)
	}
	der[len(der)-1] ^= 1
	return "-----BEGIN PUBLIC KEY-----\n" + encodeBase64(der) + "\n-----END PUBLIC KEY-----\n"
}

const rsaPub = `-----BEGIN PUBLIC KEY-----
MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMwi8Pl+1Y0z6NQ7fpN0VOWa6CRXQVy9
rXxaJY2gsn4fJRpbC6kq1vtcn0uMNW9qLbkErPVBzQZ2WXMEuqHVXTsCAwEAAQ==
-----END PUBLIC KEY-----
`

func decodeBase64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
func encodeBase64(b []byte) string          { return base64.StdEncoding.EncodeToString(b) }

// The reason for sm3.go: compare with BenchmarkSM3.
func BenchmarkSM3Gmsm(b *testing.B) {
	data := make([]byte, 1<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		gmsmSM3(data)
	}
}
