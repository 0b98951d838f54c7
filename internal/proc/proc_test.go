package proc_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xcguard/xcguard/internal/proc"
)

func TestBuffer(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		max    int
		want   string
	}{
		{"all kept", []string{"hello ", "world"}, 64, "hello world"},
		{"head and tail of one big write", []string{strings.Repeat("a", 10) + strings.Repeat("b", 100) + strings.Repeat("c", 10)}, 20, "aaaaaaaaaa\n… 100 bytes left out …\ncccccccccc"},
		{"many small writes", strings.Split(strings.Repeat("x", 50)+"END", ""), 10, "xxxxx\n… 43 bytes left out …\nxxEND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := proc.Buffer{Max: tt.max}
			for _, w := range tt.writes {
				if n, err := b.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if got := b.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// A program that exits while its child keeps the output pipe open is not
// waited on past WaitDelay; the context's end kills the whole group.
func TestCommand(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")

	cmd := proc.Command(context.Background(), "sh", "-c", "sleep 300 & echo $! > "+pidFile+"; echo answered")
	var out proc.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	if !errors.Is(err, exec.ErrWaitDelay) || strings.TrimSpace(out.String()) != "answered" {
		t.Fatalf("Run = %v, output %q; want ErrWaitDelay and the answer", err, out.String())
	}
	killChild(t, pidFile) // it was not in danger: only its pipe was let go

	ctx, cancel := context.WithCancel(context.Background())
	cmd = proc.Command(ctx, "sh", "-c", "sleep 300 & echo $! > "+pidFile+"; echo started; wait")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	buf := make([]byte, 8)
	r.Read(buf) // "started": the child is running
	cancel()
	cmd.Wait()
	pid := readPid(t, pidFile)
	// The child was in the group: killed (the test times out if not).
	// Its parent is gone too, so init reaps it; a zombie counts as dead.
	for syscall.Kill(pid, 0) == nil {
		if state, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); strings.Contains(string(state), ") Z ") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func readPid(t *testing.T, file string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

func killChild(t *testing.T, file string) {
	t.Helper()
	syscall.Kill(readPid(t, file), syscall.SIGKILL)
}
