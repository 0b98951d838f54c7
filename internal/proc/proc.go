// Package proc runs the programs xcguard starts (go build, go list, the C
// compiler, a smoke run) so that none outlives the run: each in its own
// process group, killed as a group when the context ends (Ctrl-C, a CI
// cancel, a timeout), and never waited on for longer than a grace period
// after that, even when a grandchild (ccache, zig, a daemon) holds its
// output pipe open. What it writes is kept in a bounded buffer.
package proc

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// WaitDelay is how long a command's output is waited for once it exited or
// was killed: a grandchild that keeps the pipe open does not hold xcguard.
const WaitDelay = 2 * time.Second

// Command is exec.CommandContext in a process group of its own, which the
// context's end kills whole.
func Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	Group(cmd)
	cmd.Cancel = func() error { return KillGroup(cmd) }
	cmd.WaitDelay = WaitDelay
	return cmd
}

// Group makes cmd start a process group of its own.
func Group(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
}

// KillGroup kills the process group of a started command.
func KillGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	// The group's ID is the leader's PID; the leader may be gone already.
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil && err != syscall.ESRCH {
		return err
	}
	return nil
}

// A Buffer keeps the first and the last Max/2 bytes written to it, and
// counts what it leaves out: a program that writes gigabytes without a
// newline costs xcguard no more than Max.
type Buffer struct {
	Max int

	mu    sync.Mutex
	head  []byte
	tail  []byte
	total int64
}

// DefaultMax bounds a Buffer whose Max is zero.
const DefaultMax = 64 << 10

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	half := b.max() / 2
	b.total += int64(len(p))
	n := len(p)
	if room := half - len(b.head); room > 0 {
		k := min(room, len(p))
		b.head = append(b.head, p[:k]...)
		p = p[k:]
	}
	if len(p) == 0 {
		return n, nil
	}
	if len(p) >= half {
		b.tail = append(b.tail[:0], p[len(p)-half:]...)
		return n, nil
	}
	b.tail = append(b.tail, p...)
	if len(b.tail) > 2*half {
		b.tail = append(b.tail[:0], b.tail[len(b.tail)-half:]...)
	}
	return n, nil
}

func (b *Buffer) max() int {
	if b.Max <= 0 {
		return DefaultMax
	}
	return b.Max
}

// String is what was kept: all of it, or the head, a line saying how much
// was left out, and the tail.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	half := b.max() / 2
	tail := b.tail
	if len(tail) > half {
		tail = tail[len(tail)-half:]
	}
	kept := int64(len(b.head) + len(tail))
	if kept == b.total {
		return string(b.head) + string(tail)
	}
	return fmt.Sprintf("%s\n… %d bytes left out …\n%s", b.head, b.total-kept, tail)
}

// Lines cuts s to its first n lines of at most width bytes each (a cut
// line ends in "…"), for messages and manifests.
func Lines(s string, n, width int) []string {
	var out []string
	for line := range strings.SplitSeq(strings.TrimRight(s, "\n"), "\n") {
		if len(out) == n {
			break
		}
		out = append(out, Clip(line, width))
	}
	return out
}

// Clip cuts s to at most width bytes, on a UTF-8 boundary, marking a cut
// with "…".
func Clip(s string, width int) string {
	if len(s) <= width {
		return s
	}
	i := width
	for i > 0 && s[i]&0xc0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}
