package cibuild

import (
	"debug/elf"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xcguard/xcguard/policy"
)

// buildSmall builds a one-line program for linux/goarch with extra
// environment, into dir.
func buildSmall(t *testing.T, dir, goarch string, env ...string) string {
	t.Helper()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() { println(\"smoke\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "main-"+goarch)
	cmd := exec.Command("go", "build", "-o", bin, src)
	cmd.Env = append(os.Environ(), append([]string{"GOOS=linux", "GOARCH=" + goarch, "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off"}, env...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build for %s: %v\n%s", goarch, err, out)
	}
	return bin
}

// A LoongArch binary's world is read from its loader, else from the ELF
// object ABI version in e_flags; the target's declared world judges it
// (XC501). Upstream Go builds new-world static binaries (e_flags 0x43);
// an old-world one is the same file with object ABI v0 (e_flags 0x03), as
// Loongson's toolchain writes.
func TestLoongWorld(t *testing.T) {
	dir := t.TempDir()
	newWorld := buildSmall(t, dir, "loong64")
	data, err := os.ReadFile(newWorld)
	if err != nil {
		t.Fatal(err)
	}
	if got := binary.LittleEndian.Uint32(data[48:]); got != 0x43 {
		t.Fatalf("upstream Go's loong64 e_flags = %#x, want 0x43 (double float, object ABI v1)", got)
	}
	binary.LittleEndian.PutUint32(data[48:], 0x03)
	oldWorld := filepath.Join(dir, "old-world")
	if err := os.WriteFile(oldWorld, data, 0o755); err != nil {
		t.Fatal(err)
	}

	oldOS := mustPolicy(t, "version: 1\nrules: {XC501: error}\nbuild:\n  per_target: {linux/loong64: {world: old}}\n")
	newOS := mustPolicy(t, "version: 1\nrules: {XC501: error}\nbuild:\n  per_target: {linux/loong64: {world: new}}\n")
	silent := mustPolicy(t, "version: 1\nrules: {XC501: error}\n")
	for _, tt := range []struct {
		file string
		p    *policy.Policy
		want string // the XC501 message's start, "" for none
	}{
		{newWorld, oldOS, "binary is a new-world LoongArch binary (a static binary with ELF object ABI v1); the target's OS is old world (build.per_target.linux/loong64.world), like Kylin V10 and UOS 20"},
		{newWorld, newOS, ""},
		{oldWorld, newOS, "binary is an old-world LoongArch binary (a static binary with ELF object ABI v0); the target's OS is new world (build.per_target.linux/loong64.world), with glibc 2.36 or later"},
		{oldWorld, oldOS, ""},
		// A target that declares no world is not judged by it.
		{oldWorld, silent, ""},
	} {
		b, err := Read(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, f := range Inspect(b, tt.p, "linux/loong64", tt.file) {
			if f.Rule == "XC501" {
				got = f.Message
			}
		}
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s against world %q: XC501 %q, want %q", filepath.Base(tt.file), tt.p.Build.For("linux/loong64").World, got, tt.want)
		}
	}

	// A dynamic binary's loader names its world.
	for _, tt := range []struct {
		interp string
		want   policy.LoongWorld
	}{
		{"/lib64/ld.so.1", policy.OldWorld},
		{"/lib64/ld-linux-loongarch-lp64d.so.1", policy.NewWorld},
	} {
		b := &Binary{Machine: elf.EM_LOONGARCH, Flags: 0x43, Interpreter: tt.interp}
		if got, why := b.LoongWorld(); got != tt.want || !strings.Contains(why, tt.interp) {
			t.Errorf("loader %s: world %q (%s), want %q", tt.interp, got, why, tt.want)
		}
	}
	if got, _ := (&Binary{Machine: elf.EM_AARCH64}).LoongWorld(); got != "" {
		t.Errorf("an arm64 binary has LoongArch world %q", got)
	}
}

// The loader of a cgo binary is read from PT_INTERP; a static one has none.
func TestInterpreter(t *testing.T) {
	if _, err := exec.LookPath("aarch64-linux-gnu-gcc"); err != nil {
		t.Fatal("aarch64-linux-gnu-gcc is not on PATH: bash scripts/test.sh installs gcc-aarch64-linux-gnu")
	}
	dir := t.TempDir()
	dynamic := buildSmall(t, dir, "arm64", "CGO_ENABLED=1", "CC=aarch64-linux-gnu-gcc", "GOFLAGS=-ldflags=-linkmode=external")
	b, err := Read(dynamic)
	if err != nil {
		t.Fatal(err)
	}
	if b.Interpreter != "/lib/ld-linux-aarch64.so.1" {
		t.Errorf("cgo arm64 binary's interpreter %q, want /lib/ld-linux-aarch64.so.1", b.Interpreter)
	}
	static, err := Read(buildSmall(t, t.TempDir(), "arm64"))
	if err != nil {
		t.Fatal(err)
	}
	if static.Interpreter != "" {
		t.Errorf("static binary's interpreter %q, want none", static.Interpreter)
	}
}
