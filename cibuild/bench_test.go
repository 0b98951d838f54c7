package cibuild

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// benchBinary is the binary the inspection benchmarks read:
// $XCGUARD_BENCH_BINARY (bench/inspect.sh passes a ≥ 50 MB golangci-lint),
// else xcguard itself, built for linux/arm64.
func benchBinary(b *testing.B) string {
	if p := os.Getenv("XCGUARD_BENCH_BINARY"); p != "" {
		return p
	}
	bin := filepath.Join(b.TempDir(), "xcguard")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "../cmd/xcguard")
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// BenchmarkInspect reads and judges one binary under every build rule.
func BenchmarkInspect(b *testing.B) {
	bin := benchBinary(b)
	fi, err := os.Stat(bin)
	if err != nil {
		b.Fatal(err)
	}
	p := mustPolicy(b, "version: 1\nextends: [gov-cloud, iot-edge]\n")
	b.SetBytes(fi.Size())
	b.ResetTimer()
	for range b.N {
		bin, err := Read(bin)
		if err != nil {
			b.Fatal(err)
		}
		Inspect(bin, p, TargetFor(bin, p), "bin")
		if len(bin.Packages) == 0 || bin.Build == nil {
			b.Fatalf("%s: no packages or no build info read", bin.Path)
		}
	}
}
