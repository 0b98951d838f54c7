package cibuild

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/xcguard/xcguard/internal/proc"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// A SmokeResult is what a smoke run measured.
type SmokeResult struct {
	Args     []string `json:"args"`
	Emulator string   `json:"emulator,omitempty"` // "qemu-aarch64 -cpu cortex-a72", or "" when native
	ExitCode int      `json:"exit_code"`          // -1 when killed by a signal or the timeout
	Signal   string   `json:"signal,omitempty"`
	TimedOut bool     `json:"timed_out,omitempty"`
	Duration string   `json:"duration"`
	// PeakRSS is VmHWM of the process; under an emulator, Baseline is the
	// VmHWM of a minimal Go program of the same toolchain under the same
	// emulator, and Adjusted is PeakRSS less Baseline.
	PeakRSS  int64 `json:"peak_rss"`
	Baseline int64 `json:"baseline_rss,omitempty"`
	Adjusted int64 `json:"adjusted_rss"`
	// Reason is the line of the program's output that says why it failed
	// (a Go runtime "SIGILL: illegal instruction", "panic: …"), else its
	// last line; Output is the end of what it wrote (stdout and stderr).
	Reason string `json:"reason,omitempty"`
	Output string `json:"output,omitempty"`
}

// defaultSmokeTimeout applies when build.smoke.timeout is unset.
const defaultSmokeTimeout = 10 * time.Second

// Smoke runs the binary with build.smoke.args, natively when the host runs
// the target, else under qemu-user with the target's sysroot and CPU
// model, in its own process group, killed as a group at the timeout. Peak
// RSS is read by polling /proc/<pid>/status (VmHWM) while it runs. tc is
// the toolchain that built it (for the emulator baseline).
func Smoke(ctx context.Context, bin string, tc *toolchain, p *policy.Policy) (*SmokeResult, error) {
	s := p.Build.Smoke
	timeout := time.Duration(s.Timeout)
	if timeout == 0 {
		timeout = defaultSmokeTimeout
	}
	emu, err := emulator(tc.target, p)
	if err != nil {
		return nil, err
	}
	res, err := run(ctx, emu, bin, s.Args, timeout)
	if err != nil {
		return nil, err
	}
	res.Adjusted = res.PeakRSS
	if len(emu) > 0 {
		res.Emulator = strings.Join(emu, " ")
		base, err := baseline(ctx, emu, tc)
		if err != nil {
			return nil, err
		}
		res.Baseline = base
		res.Adjusted = max(res.PeakRSS-base, 0)
	}
	return res, nil
}

// emulator is the command that runs target binaries on this host: none
// when the host is the target.
func emulator(t policy.Target, p *policy.Policy) ([]string, error) {
	if t.OS() != "linux" {
		return nil, inputf("smoke runs need a linux target, not %s", t)
	}
	// A target's own smoke CPU is emulated on a host of its architecture
	// too: the host's CPU may have instructions the target's lacks.
	if runtime.GOOS == "linux" && runtime.GOARCH == t.Arch() && p.Build.For(t).SmokeCPU == "" {
		return nil, nil
	}
	a := archOf(t.Arch())
	qemu := a.qemu
	if _, err := exec.LookPath(qemu); err != nil {
		return nil, inputf("smoke run of a %s binary needs %s: apt-get install qemu-user (or run on a %s host)", t, qemu, t.Arch())
	}
	cmd := []string{qemu}
	if root := p.Build.Sysroot[t]; root != "" {
		if _, err := os.Stat(root); err != nil {
			return nil, inputf("build.sysroot %s for %s: %v: install %s or fix build.sysroot", root, t, unwrapPath(err), a.sysrootPackage())
		}
		cmd = append(cmd, "-L", root)
	}
	if cpu := cmp.Or(string(p.Build.For(t).SmokeCPU), a.cpu); cpu != "" {
		cmd = append(cmd, "-cpu", qemuCPU(cpu))
	}
	return cmd, nil
}

// Bounds on what a smoke run's output costs: the kept output (head and
// tail), the lines of it in the manifest, and the width of a kept line.
const (
	smokeOutputMax = 64 << 10
	smokeLines     = 5
	smokeLineWidth = 512
)

// run starts the program in its own process group and polls its peak RSS.
// Its output goes through a pipe xcguard reads into a bounded buffer: a
// program that writes gigabytes costs no more memory, and one that leaves a
// child holding the pipe (or one that called setsid, which a subreaper
// brings back to xcguard) is killed and not waited on.
func run(ctx context.Context, emu []string, bin string, args []string, timeout time.Duration) (*SmokeResult, error) {
	argv := append(append(append([]string{}, emu...), bin), args...)
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = filepath.Dir(bin)
	cmd.Stdout, cmd.Stderr = pw, pw
	proc.Group(cmd)
	adoptOrphans()
	start := time.Now()
	err = cmd.Start()
	pw.Close()
	if err != nil {
		return nil, inputf("smoke run: %v", err)
	}
	out := &smokeOutput{buf: proc.Buffer{Max: smokeOutputMax}}
	copied := make(chan struct{})
	go func() {
		io.Copy(out, pr)
		close(copied)
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	res := &SmokeResult{Args: append([]string{}, args...)}
	// Orphans are killed only once the program itself is reaped: before,
	// it is one of xcguard's children too, and cmd.Wait must reap it.
	kill := func() { proc.KillGroup(cmd) }
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	var waitErr error
loop:
	for {
		if hwm := readHWM(status); hwm > res.PeakRSS {
			res.PeakRSS = hwm
		}
		select {
		case waitErr = <-done:
			break loop
		case <-deadline.C:
			res.TimedOut = true
			kill()
		case <-ctx.Done():
			kill()
			<-done
			killOrphans()
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
	// Whatever the program started goes with it, in its group or not.
	kill()
	killOrphans()
	res.Duration = time.Since(start).Round(time.Millisecond).String()
	// What is in the pipe now; a survivor still writing is not waited on.
	select {
	case <-copied:
	case <-time.After(proc.WaitDelay):
		pr.Close()
		<-copied
	}
	text := out.buf.String()
	res.Output = strings.Join(proc.Lines(tail(text, smokeLines), smokeLines, smokeLineWidth), "\n")
	res.ExitCode = cmd.ProcessState.ExitCode()
	if res.ExitCode != 0 || res.TimedOut {
		res.Reason = out.reason
		if res.Reason == "" {
			res.Reason = proc.Clip(lastLine(text), smokeLineWidth)
		}
	}
	var ee *exec.ExitError
	if errors.As(waitErr, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			res.Signal = signalName(ws.Signal())
		}
	} else if waitErr != nil {
		return nil, waitErr
	}
	return res, nil
}

// smokeOutput keeps a smoke run's output, bounded, and the first line that
// says why the program failed (a Go runtime "SIGILL: illegal instruction",
// "panic: …"), found as the output streams by.
type smokeOutput struct {
	buf    proc.Buffer
	line   []byte // the line being written, at most smokeLineWidth bytes
	long   bool   // the line being written is longer than that
	reason string
}

func (o *smokeOutput) Write(p []byte) (int, error) {
	o.buf.Write(p)
	for _, c := range p {
		if c == '\n' {
			o.endLine()
			continue
		}
		if len(o.line) < smokeLineWidth {
			o.line = append(o.line, c)
		} else {
			o.long = true
		}
	}
	return len(p), nil
}

func (o *smokeOutput) endLine() {
	if o.reason == "" && isReason(string(o.line)) {
		o.reason = string(o.line)
		if o.long {
			o.reason = proc.Clip(o.reason+" ", len(o.reason))
		}
	}
	o.line, o.long = o.line[:0], false
}

// readHWM reads VmHWM (peak resident set) from a /proc status file, in
// bytes; 0 when the process is gone.
func readHWM(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// baselines caches the emulator baseline per toolchain environment.
var (
	baselineMu sync.Mutex
	baselines  = map[string]int64{}
)

// baseline measures a minimal Go program built by the same toolchain under
// the same emulator: the emulator's and the runtime's own footprint.
func baseline(ctx context.Context, emu []string, tc *toolchain) (int64, error) {
	key := strings.Join(emu, " ") + "\x00" + strings.Join(tc.env, " ")
	baselineMu.Lock()
	defer baselineMu.Unlock()
	if b, ok := baselines[key]; ok {
		return b, nil
	}
	dir, err := os.MkdirTemp("", "xcguard-baseline-*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	files := map[string]string{"go.mod": "module baseline\n\ngo 1.21\n", "main.go": "package main\n\nfunc main() {}\n"}
	// The baseline measures the emulator and the runtime, not the
	// architecture level: at v8.0 it runs on every arm64 CPU model.
	bin, out, err := buildScratch(ctx, tc, dir, files, "GOFLAGS=", "GOARM64=v8.0")
	if err != nil {
		return 0, inputf("building the smoke baseline for %s: %v: %s", tc.target, err, firstLines(out, 5))
	}
	res, err := run(ctx, emu, bin, nil, defaultSmokeTimeout)
	if err != nil {
		return 0, err
	}
	if res.ExitCode != 0 {
		return 0, inputf("a minimal Go program for %s does not run under %s (exit %d: %s): check the emulator and build.sysroot", tc.target, strings.Join(emu, " "), res.ExitCode, res.Reason)
	}
	baselines[key] = res.PeakRSS
	return res.PeakRSS, nil
}

// smokeFindings turns a smoke run into XC506 findings.
func smokeFindings(r *SmokeResult, p *policy.Policy, file string) []report.Finding {
	sev := p.Severity("XC506")
	if sev == policy.Off {
		return nil
	}
	args := "none"
	if len(r.Args) > 0 {
		args = strings.Join(r.Args, " ")
	}
	var msgs []string
	switch {
	case r.TimedOut:
		msgs = append(msgs, fmt.Sprintf("smoke run did not finish within %s (build.smoke.timeout); process group killed", smokeTimeout(p)))
	case r.Signal != "":
		msgs = append(msgs, fmt.Sprintf("smoke run was killed by %s (args: %s)%s", r.Signal, args, because(r.Reason)))
	case r.ExitCode != 0:
		msgs = append(msgs, fmt.Sprintf("smoke run exited with status %d (args: %s)%s", r.ExitCode, args, because(r.Reason)))
	}
	if budget := int64(p.Build.Smoke.MaxRSS); budget > 0 && r.Adjusted > budget {
		how := "VmHWM"
		if r.Emulator != "" {
			how = fmt.Sprintf("VmHWM under %s, baseline %s subtracted", strings.Fields(r.Emulator)[0], humanSize(r.Baseline))
		}
		msgs = append(msgs, fmt.Sprintf("smoke run peak RSS %s is over the budget %s (build.smoke.max_rss; %s)", humanSize(r.Adjusted), humanSize(budget), how))
	}
	var fs []report.Finding
	for _, m := range msgs {
		fs = append(fs, report.Finding{Rule: "XC506", Severity: sev, Message: m, File: file})
	}
	return fs
}

func smokeTimeout(p *policy.Policy) time.Duration {
	if t := time.Duration(p.Build.Smoke.Timeout); t > 0 {
		return t
	}
	return defaultSmokeTimeout
}

// isReason reports whether a line of a failed program's output says why.
func isReason(l string) bool {
	for _, p := range []string{"SIG", "fatal error:", "panic:", "runtime:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// lastLine is the last line of s.
func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// because is ": " and the reason, when there is one.
func because(r string) string {
	if r == "" {
		return ""
	}
	return ": " + r
}

// signalName is "SIGILL (illegal instruction)" for the signals a smoke run
// dies of.
func signalName(sig syscall.Signal) string {
	names := map[syscall.Signal]string{
		syscall.SIGILL: "SIGILL", syscall.SIGSEGV: "SIGSEGV", syscall.SIGBUS: "SIGBUS", syscall.SIGABRT: "SIGABRT",
		syscall.SIGKILL: "SIGKILL", syscall.SIGTERM: "SIGTERM", syscall.SIGFPE: "SIGFPE", syscall.SIGTRAP: "SIGTRAP",
	}
	if n, ok := names[sig]; ok {
		return fmt.Sprintf("%s (%s)", n, sig)
	}
	return sig.String()
}
