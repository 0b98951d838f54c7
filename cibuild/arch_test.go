package cibuild

import (
	"context"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/xcguard/xcguard/policy"
)

// TestArches checks the one table of per-architecture facts against the
// real tools: for every GOARCH it knows, go build makes a linux binary
// whose ELF header reads back as that GOARCH, the table's qemu-user binary
// is the one Debian's qemu-user installs, and (but for 386, which
// qemu-i386 cannot run Go on) the binary runs under it with the table's
// CPU model, as a smoke run would.
func TestArches(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() { println(\"smoke\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := mustPolicy(t, "version: 1\n")
	for _, a := range arches {
		t.Run(a.goarch, func(t *testing.T) {
			bin := filepath.Join(dir, "main-"+a.goarch)
			cmd := exec.Command("go", "build", "-o", bin, src)
			cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+a.goarch, "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go build for %s: %v\n%s", a.goarch, err, out)
			}
			f, err := elf.Open(bin)
			if err != nil {
				t.Fatal(err)
			}
			_, goarch := elfPlatform(f)
			f.Close()
			if goarch != a.goarch {
				t.Errorf("a %s binary reads back as %s", a.goarch, goarch)
			}
			if _, err := exec.LookPath(a.qemu); err != nil {
				t.Fatalf("%s is not on PATH: bash scripts/test.sh installs qemu-user", a.qemu)
			}
			if a.goarch == "386" || a.goarch == runtime.GOARCH {
				return
			}
			emu, err := emulator(policy.Target("linux/"+a.goarch), p)
			if err != nil {
				t.Fatal(err)
			}
			if emu[0] != a.qemu || a.cpu != "" && (len(emu) < 3 || emu[len(emu)-1] != a.cpu) {
				t.Errorf("emulator %q, want %s with -cpu %q", emu, a.qemu, a.cpu)
			}
			res, err := run(context.Background(), emu, bin, nil, smokeTimeout(p))
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitCode != 0 || res.TimedOut {
				t.Errorf("%v %s: exit %d, timed out %v:\n%s", emu, bin, res.ExitCode, res.TimedOut, res.Output)
			}
		})
	}
	if got := elfArch(elf.EM_SPARCV9, elf.ELFCLASS64, nil); got != "unknown" {
		t.Errorf("a SPARC binary reads as %s", got)
	}
}

// The names a cross toolchain goes by, for the targets xinchuang ships.
func TestArchNames(t *testing.T) {
	for _, tt := range []struct {
		goarch, triple, gcc, sysroot string
	}{
		{"arm64", "aarch64-linux-gnu", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross"},
		{"amd64", "x86_64-linux-gnu", "gcc-x86-64-linux-gnu", "libc6-dev-amd64-cross"},
		{"mips64le", "mips64el-linux-gnuabi64", "gcc-mips64el-linux-gnuabi64", "libc6-dev-mips64el-cross"},
		{"loong64", "loongarch64-linux-gnu", "gcc-loongarch64-linux-gnu", "libc6-dev-loong64-cross"},
		{"386", "i686-linux-gnu", "gcc-i686-linux-gnu", "libc6-dev-i386-cross"},
		{"arm", "arm-linux-gnueabihf", "gcc-arm-linux-gnueabihf", "libc6-dev-armhf-cross"},
	} {
		a := archOf(tt.goarch)
		if a.triple("linux") != tt.triple || a.gccPackage("linux") != tt.gcc || a.sysrootPackage() != tt.sysroot {
			t.Errorf("%s: %s, %s, %s; want %s, %s, %s", tt.goarch, a.triple("linux"), a.gccPackage("linux"), a.sysrootPackage(), tt.triple, tt.gcc, tt.sysroot)
		}
		if !machineMatches(tt.triple, policy.Target("linux/"+tt.goarch)) {
			t.Errorf("%s does not match linux/%s", tt.triple, tt.goarch)
		}
	}
	if machineMatches("mips64-linux-gnuabi64", "linux/mips64le") {
		t.Error("a big-endian mips64 compiler matches linux/mips64le")
	}
}

// A target's own smoke CPU is emulated even on a host of its
// architecture, whose CPU may have instructions the target's lacks;
// without one the host runs the binary itself.
func TestEmulatorSmokeCPU(t *testing.T) {
	host := policy.Target("linux/" + runtime.GOARCH)
	p := mustPolicy(t, "version: 1\n")
	if emu, err := emulator(host, p); err != nil || emu != nil {
		t.Errorf("host target without a smoke CPU: emulator %q, %v; want none", emu, err)
	}
	a := archOf(runtime.GOARCH)
	p = mustPolicy(t, "version: 1\nbuild:\n  per_target: {"+string(host)+": {smoke_cpu: Dhyana}}\n")
	emu, err := emulator(host, p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{a.qemu, "-cpu", qemuCPU("Dhyana")}
	if !slices.Equal(emu, want) {
		t.Errorf("host target with smoke_cpu Dhyana: emulator %q, want %q", emu, want)
	}
	if !strings.HasPrefix(want[2], "Dhyana,-") {
		t.Errorf("qemuCPU(Dhyana) = %q, want the model less the features TCG lacks", want[2])
	}
}

// The policy accepts exactly the linux targets this table knows: of the
// platforms `go tool dist list` names, a linux GOARCH the table lacks is
// refused as a target, and every one it has is accepted.
func TestArchesMatchPolicyTargets(t *testing.T) {
	out, err := exec.Command("go", "tool", "dist", "list").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, platform := range strings.Fields(string(out)) {
		goos, goarch, _ := strings.Cut(platform, "/")
		if goos != "linux" {
			continue
		}
		var target policy.Target
		accepted := target.UnmarshalText([]byte(platform)) == nil
		known := slices.ContainsFunc(arches, func(a arch) bool { return a.goarch == goarch })
		if accepted != known {
			t.Errorf("%s: the policy accepts it %v, the arch table knows it %v", platform, accepted, known)
		}
	}
}
