package cibuild

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/policy"
)

func TestPackagePath(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"net/http/pprof.Index", "net/http/pprof"},
		{"main.main", "main"},
		{"main.(*T).M", "main"},
		{"runtime.gcBgMarkWorker.func1", "runtime"},
		{"example.com/app/internal/debug.init.0", "example.com/app/internal/debug"},
		{"gopkg.in/yaml%2ev3.Marshal", "gopkg.in/yaml.v3"},
		{"slices.SortFunc[go.shape.[]string,go.shape.string]", "slices"},
		{"example.com/a/b.F[example.com/c/d.T]", "example.com/a/b"},
		{"type:.eq.[2]interface {}", ""},
		{"go:buildid", ""},
		{"_cgo_topofstack", ""},
	} {
		if got := packagePath(tt.name); got != tt.want {
			t.Errorf("packagePath(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCompareGlibc(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"GLIBC_2.34", "GLIBC_2.28", 1},
		{"GLIBC_2.17", "GLIBC_2.28", -1},
		{"GLIBC_2.3.4", "GLIBC_2.3", 1},
		{"GLIBC_2.28", "GLIBC_2.28", 0},
		{"GLIBC_2.2.5", "GLIBC_2.28", -1},
	} {
		a, okA := glibcVersion(tt.a)
		b, okB := glibcVersion(tt.b)
		if !okA || !okB {
			t.Fatalf("glibcVersion(%q, %q) not parsed", tt.a, tt.b)
		}
		if got := compareGlibc(a, b); got != tt.want {
			t.Errorf("compareGlibc(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	for _, bad := range []string{"GLIBC_PRIVATE", "GCC_3.0", "GLIBC_2", "GLIBC_2.x"} {
		if _, ok := glibcVersion(bad); ok {
			t.Errorf("glibcVersion(%q) parsed", bad)
		}
	}
}

// writeModule writes a one-package main module into a temporary directory.
func writeModule(t testing.TB, src string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A built dist/ is the contract with OpenSSL: SM3SUMS holds openssl dgst
// -sm3's digests and the manifest signature verifies with openssl pkeyutl.
func TestDistInteropWithOpenSSL(t *testing.T) {
	dir := writeModule(t, "package main\n\nfunc main() {}\n")
	p := mustPolicy(t, "version: 1\nbuild:\n  targets: [linux/arm64, linux/amd64]\n  cgo: false\n  trimpath: true\n  ldflags: -s -w\n")
	key, err := gm.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Dir: dir, Policy: p, SignKey: key})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Artifacts) != 2 || res.Artifacts[0].File != "app-linux-arm64" || res.Artifacts[1].File != "app-linux-amd64" {
		t.Fatalf("artifacts: %+v", res.Artifacts)
	}
	dist := filepath.Join(dir, "dist")
	sums, err := os.ReadFile(filepath.Join(dist, SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	var fromOpenSSL bytes.Buffer
	for _, a := range res.Artifacts {
		out, err := exec.Command("openssl", "dgst", "-sm3", "-r", filepath.Join(dist, a.File)).Output()
		if err != nil {
			t.Fatalf("openssl dgst: %v", err)
		}
		sum, _, _ := strings.Cut(string(out), " ")
		fromOpenSSL.WriteString(sum + "  " + a.File + "\n")
	}
	if string(sums) != fromOpenSSL.String() {
		t.Errorf("SM3SUMS:\n%s\nopenssl dgst -sm3:\n%s", sums, fromOpenSSL.String())
	}
	pub, err := key.Public().MarshalPEM()
	if err != nil {
		t.Fatal(err)
	}
	pubFile := filepath.Join(dir, "org.pub")
	if err := os.WriteFile(pubFile, pub, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pubFile, "-rawin",
		"-in", filepath.Join(dist, ManifestFile), "-sigfile", filepath.Join(dist, SignatureFile),
		"-digest", "sm3", "-pkeyopt", "distid:1234567812345678").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Signature Verified Successfully") {
		t.Errorf("openssl pkeyutl -verify: %v\n%s", err, out)
	}
	files, err := Verify(dist, key.Public())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"app-linux-arm64", "app-linux-amd64", ManifestFile}; strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("Verify checked %v, want %v", files, want)
	}

	// The same build gives the same manifest: no timestamps, no paths.
	first, _ := os.ReadFile(filepath.Join(dist, ManifestFile))
	if _, err := Build(context.Background(), Options{Dir: dir, Policy: p}); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(dist, ManifestFile))
	if !bytes.Equal(first, second) {
		t.Errorf("manifest differs between two identical builds")
	}
	if bytes.Contains(first, []byte(dir)) {
		t.Errorf("manifest names the build directory %s", dir)
	}
}

func mustPolicy(t testing.TB, yml string) *policy.Policy {
	t.Helper()
	file := filepath.Join(t.TempDir(), "policy.yml")
	if err := os.WriteFile(file, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := policy.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// FuzzRead feeds damaged executables to the inspector: it returns a
// *FileError or a Binary, never panics, and Inspect judges whatever Read
// accepted without panicking either.
func FuzzRead(f *testing.F) {
	dir := writeModule(f, "package main\n\nimport _ \"net/http/pprof\"\n\nfunc main() {}\n")
	bin := filepath.Join(f.TempDir(), "app")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		f.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		f.Fatal(err)
	}
	// The headers and the first pages, where the offsets live; the fuzzer
	// grows and mutates from there.
	for _, n := range []int{64, 512, 4096, 64 << 10} {
		f.Add(data[:n])
	}
	f.Add([]byte("\x7fELF"))
	p := mustPolicy(f, "version: 1\nextends: [gov-cloud, iot-edge]\n")
	file := filepath.Join(f.TempDir(), "fuzzed")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := Read(file)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Read returned %T %v, want a *FileError", err, err)
			}
			return
		}
		Inspect(b, p, TargetFor(b, p), "fuzzed")
	})
}
