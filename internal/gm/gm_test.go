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
	// The GB/T 32905 test vector "abc".
	sum, _ := gm.SM3(strings.NewReader("abc"))
	if got, want := hex.EncodeToString(sum), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"; got != want {
		t.Errorf("SM3(abc) = %s, want %s", got, want)
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
