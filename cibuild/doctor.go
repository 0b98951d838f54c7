package cibuild

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/xcguard/xcguard/internal/proc"
	"github.com/xcguard/xcguard/policy"
)

// A Check is one line of xcguard doctor's checklist.
type Check struct {
	Target policy.Target // "" for checks of the host
	Name   string
	OK     bool
	Detail string
	Fix    string // what to do when it failed, or about a warning
	// Warn marks a check that passed with a caveat the fix addresses.
	Warn bool
}

// selfTest is the GM self-test doctor builds and runs for each target:
// SM2 sign and verify, SM3 of the GB/T 32905 vector, an SM4 block round
// trip. With cgo it also calls into C, so the cross compiler and the
// target's C library are exercised.
const selfTest = `package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/tjfoc/gmsm/sm2"
	"github.com/tjfoc/gmsm/sm3"
	"github.com/tjfoc/gmsm/sm4"
)

func fail(what string) {
	fmt.Fprintln(os.Stderr, "GM self-test failed:", what)
	os.Exit(1)
}

func main() {
	cCheck()
	key, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		fail("SM2 key: " + err.Error())
	}
	msg := []byte("xcguard doctor")
	sig, err := key.Sign(rand.Reader, msg, nil)
	if err != nil || !key.PublicKey.Verify(msg, sig) {
		fail("SM2 sign/verify")
	}
	if key.PublicKey.Verify([]byte("xcguard doctoR"), sig) {
		fail("SM2 verified a changed message")
	}
	h := sm3.New()
	h.Write([]byte("abc"))
	if hex.EncodeToString(h.Sum(nil)) != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" {
		fail("SM3 test vector")
	}
	k := []byte("0123456789abcdef")
	c, err := sm4.NewCipher(k)
	if err != nil {
		fail("SM4 key: " + err.Error())
	}
	in, out, back := []byte("fedcba9876543210"), make([]byte, 16), make([]byte, 16)
	c.Encrypt(out, in)
	c.Decrypt(back, out)
	if !bytes.Equal(in, back) || bytes.Equal(in, out) {
		fail("SM4 round trip")
	}
	fmt.Println("GM self-test ok")
}
`

const selfTestCgo = `package main

// #include <stdlib.h>
// #include <string.h>
import "C"

import "unsafe"

func cCheck() {
	s := C.CString("xcguard")
	defer C.free(unsafe.Pointer(s))
	if C.strlen(s) != 7 {
		fail("C call")
	}
}
`

const selfTestNoCgo = `package main

func cCheck() {}
`

// gmsmSums are go.sum lines of the gmsm version the self-test uses.
const gmsmSums = `github.com/tjfoc/gmsm v1.4.1 h1:aMe1GlZb+0bLjn+cKTPEvvn9oUEBlJitaZiiBwsbgho=
github.com/tjfoc/gmsm v1.4.1/go.mod h1:j4INPkHWMrhJb38G+J6W4Tw0AbuN8Thu3PbdVYhVcTE=
`

// Doctor checks that this machine can build and test for every target of
// the policy: Go, the C compiler, the sysroot, the emulator, and a GM
// self-test built with the policy's toolchain, inspected against the
// target's glibc, and run on the target's CPU model.
func Doctor(ctx context.Context, p *policy.Policy, targets []policy.Target) []Check {
	var checks []Check
	goVersion, err := proc.Command(ctx, "go", "env", "GOVERSION").Output()
	if err != nil {
		return append(checks, Check{Name: "go", Detail: "the go command is not on PATH", Fix: "install Go 1.24 or newer"})
	}
	checks = append(checks, Check{Name: "go", OK: true, Detail: fmt.Sprintf("%s on %s/%s", strings.TrimSpace(string(goVersion)), runtime.GOOS, runtime.GOARCH)})
	if len(targets) == 0 {
		targets = p.Build.Targets
	}
	if len(targets) == 0 {
		targets = []policy.Target{policy.Target(runtime.GOOS + "/" + runtime.GOARCH)}
	}
	for _, t := range targets {
		checks = append(checks, doctorTarget(ctx, p, t)...)
	}
	return checks
}

func doctorTarget(ctx context.Context, p *policy.Policy, t policy.Target) []Check {
	var checks []Check
	fail := func(name string, err error) []Check {
		msg := err.Error()
		fix := ""
		if i := strings.Index(msg, ": install "); i >= 0 {
			msg, fix = msg[:i], msg[i+2:]
		}
		return append(checks, Check{Target: t, Name: name, Detail: msg, Fix: fix})
	}
	tc, err := toolchainFor(ctx, p, t)
	if err != nil {
		return fail("C compiler", err)
	}
	if tc.cc == "" {
		checks = append(checks, Check{Target: t, Name: "C compiler", OK: true, Detail: "not needed: build.cgo is off"})
	} else {
		checks = append(checks, Check{Target: t, Name: "C compiler", OK: true, Detail: fmt.Sprintf("%s builds for %s (%s)", tc.cc, tc.machine, tc.ccVersion)})
	}
	if root := tc.sysroot; root != "" {
		if _, err := os.Stat(root); err != nil {
			return fail("sysroot", fmt.Errorf("build.sysroot %s: %v: install %s (Debian) or fix build.sysroot", root, unwrapPath(err), archOf(t.Arch()).sysrootPackage()))
		}
		c := Check{Target: t, Name: "sysroot", OK: true, Detail: root}
		if g := sysrootGlibc(root); g != "" {
			c.Detail += ", glibc " + g
			limit := p.Build.For(t).MaxGlibc
			max, _ := glibcVersion("GLIBC_" + string(limit))
			if n, ok := glibcVersion("GLIBC_" + g); ok && limit.Minor() >= 0 && compareGlibc(n, max) > 0 {
				c.Warn = true
				c.Detail += fmt.Sprintf(", newer than the target's %s (%s): what links against it can need symbols the target lacks (XC503 judges each binary), and a smoke run under it does not show that", limit, p.Build.Where(t, "max_glibc"))
				c.Fix = fmt.Sprintf("set build.sysroot to a copy of the target OS's /usr and /lib (glibc %s)", limit)
				if a := archOf(t.Arch()); a.zig {
					c.Fix += fmt.Sprintf(", and link with a C compiler for glibc %s: zig cc -target %s.%s", limit, a.triple(t.OS()), limit)
				}
			}
		}
		checks = append(checks, c)
	}
	emu, err := emulator(t, p)
	if err != nil {
		return fail("emulator", err)
	}
	if len(emu) > 0 {
		checks = append(checks, Check{Target: t, Name: "emulator", OK: true, Detail: strings.Join(emu, " ")})
	}
	return append(checks, selfTestCheck(ctx, p, tc, emu))
}

// selfTestCheck builds the GM self-test with the target's toolchain,
// inspects it (platform, glibc) and runs it.
func selfTestCheck(ctx context.Context, p *policy.Policy, tc *toolchain, emu []string) Check {
	c := Check{Target: tc.target, Name: "GM self-test"}
	dir, err := os.MkdirTemp("", "xcguard-doctor-*")
	if err != nil {
		c.Detail = err.Error()
		return c
	}
	defer os.RemoveAll(dir)
	cgoSrc := selfTestNoCgo
	if tc.cc != "" {
		cgoSrc = selfTestCgo
	}
	files := map[string]string{
		"go.mod":  "module xcguard.doctor/selftest\n\ngo 1.21\n\nrequire github.com/tjfoc/gmsm v1.4.1\n",
		"go.sum":  gmsmSums,
		"main.go": selfTest,
		"c.go":    cgoSrc,
	}
	bin, out, err := buildScratch(ctx, tc, dir, files, "GOFLAGS=-mod=mod")
	if err != nil && out == "" {
		c.Detail = err.Error()
		return c
	}
	if err != nil {
		c.Detail = "building it failed: " + firstLines(out, 6)
		c.Fix = "if github.com/tjfoc/gmsm is missing, run go mod download github.com/tjfoc/gmsm@v1.4.1 where the module proxy is reachable; else fix the C toolchain above"
		return c
	}
	b, err := Read(bin)
	if err != nil {
		c.Detail = err.Error()
		return c
	}
	// The self-test is judged as the target's binaries are: it must be
	// for the target and start on its glibc.
	judge := *p
	judge.Rules = map[policy.RuleID]policy.Severity{"XC501": policy.Error, "XC503": policy.Error}
	for _, f := range Inspect(b, &judge, tc.target, "selftest") {
		c.Detail = f.Rule + " " + f.Message
		c.Fix = f.Hint
		return c
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := run(ctx, emu, bin, nil, 30*time.Second)
	if err != nil {
		c.Detail = err.Error()
		return c
	}
	where := "natively"
	if len(emu) > 0 {
		where = "under " + strings.Join(emu, " ")
	}
	switch {
	case res.TimedOut:
		c.Detail = "did not finish within 30s " + where
	case res.Signal != "":
		c.Detail = fmt.Sprintf("killed by %s %s", res.Signal, where)
		c.Fix = "check build.goarm64 against the target CPU (v8.0 for Phytium FT-2000/4)"
	case res.ExitCode != 0:
		c.Detail = fmt.Sprintf("exited with status %d %s: %s", res.ExitCode, where, res.Reason)
	default:
		c.OK = true
		c.Detail = fmt.Sprintf("SM2 sign/verify, SM3, SM4 passed %s (peak RSS %s)", where, humanSize(res.PeakRSS))
		if g := newestGlibc(b.Versions); g != "" {
			c.Detail += "; needs " + g
		}
	}
	return c
}
