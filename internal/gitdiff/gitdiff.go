// Package gitdiff says which lines of a working tree changed since a git
// revision, for -new-from-rev: a pull request is judged on what it changes.
package gitdiff

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

	"github.com/xcguard/xcguard/internal/proc"
)

// Changes are the lines changed since a revision, by slash-separated path
// relative to the directory the diff was taken in.
type Changes struct {
	// Whole are files added, renamed or copied since the revision, and
	// files git does not track yet: every line of them counts as changed.
	Whole map[string]bool
	// Lines are the changed lines of the other files, as [from, to] ranges
	// of the new text.
	Lines map[string][][2]int
}

// Changed reports whether line of file changed. Line 0 (a finding about a
// whole file, a binary) counts as changed when the file did or when it is
// not in the tree at all, so that nothing without a line is hidden.
func (c *Changes) Changed(file string, line int) bool {
	if c.Whole[file] {
		return true
	}
	for _, r := range c.Lines[file] {
		if r[0] <= line && line <= r[1] {
			return true
		}
	}
	return line == 0
}

// MaxOutput bounds what git may print for one diff.
const MaxOutput = 256 << 20

// Since runs git in dir: the tracked files' changes between rev and the
// working tree, and the untracked files. Git is told not to run external
// diff or textconv programs, nor an fsmonitor.
func Since(ctx context.Context, dir, rev string) (*Changes, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("-new-from-rev %q is not a revision: name a commit, branch or tag, such as origin/main", rev)
	}
	diff, err := run(ctx, dir, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--relative", "-U0", "-M", "--find-copies", rev, "--")
	if err != nil {
		return nil, err
	}
	c, err := Parse(diff)
	if err != nil {
		return nil, err
	}
	others, err := run(ctx, dir, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Split(string(others), "\x00") {
		if f != "" {
			c.Whole[f] = true
		}
	}
	return c, nil
}

// run runs git sub in dir with no fsmonitor and no external diff.
func run(ctx context.Context, dir, sub string, args ...string) ([]byte, error) {
	safe := []string{"-c", "core.fsmonitor=false", "-c", "diff.external=", "-C", dir, sub}
	cmd := proc.Command(ctx, "git", append(safe, args...)...)
	var stderr proc.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("-new-from-rev needs git on PATH: install git")
		}
		return nil, err
	}
	data, rerr := io.ReadAll(io.LimitReader(out, MaxOutput+1))
	if len(data) > MaxOutput {
		proc.KillGroup(cmd)
		cmd.Wait()
		return nil, fmt.Errorf("-new-from-rev: git printed more than %d MiB of diff: name a later revision", MaxOutput>>20)
	}
	werr := cmd.Wait()
	if rerr != nil {
		return nil, rerr
	}
	if werr != nil {
		msg := proc.Lines(strings.TrimSpace(stderr.String()), 1, 200)
		if len(msg) == 0 {
			msg = []string{werr.Error()}
		}
		return nil, fmt.Errorf("-new-from-rev: git %s: %s: name a revision of this repository (fetch it first in a shallow clone)", sub, msg[0])
	}
	return data, nil
}

// Parse reads `git diff -U0 -M` output: the new side's hunk ranges per
// file, and the files added, renamed or copied, which count whole.
func Parse(diff []byte) (*Changes, error) {
	c := &Changes{Whole: map[string]bool{}, Lines: map[string][][2]int{}}
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64<<10), MaxOutput)
	var (
		file    string // the file whose hunks follow; "" when deleted
		created bool   // the file's header says it is new
	)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			file, created = "", false
		case strings.HasPrefix(line, "new file mode "), line == "--- /dev/null":
			created = true
		case strings.HasPrefix(line, "rename to "):
			c.Whole[unquote(strings.TrimPrefix(line, "rename to "), "")] = true
		case strings.HasPrefix(line, "copy to "):
			c.Whole[unquote(strings.TrimPrefix(line, "copy to "), "")] = true
		case line == "+++ /dev/null":
			file = ""
		case strings.HasPrefix(line, "+++ "):
			file = unquote(strings.TrimPrefix(line, "+++ "), "b/")
			if created {
				c.Whole[file] = true
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			from, n, err := newRange(line)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				c.Lines[file] = append(c.Lines[file], [2]int{from, from + n - 1})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("-new-from-rev: reading git's diff: %v", err)
	}
	return c, nil
}

// newRange reads "@@ -a,b +c,d @@": the new side's first line and count.
func newRange(hunk string) (from, n int, err error) {
	fields := strings.Fields(hunk)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, errors.New("-new-from-rev: git printed a hunk header it should not: update git")
	}
	start, count, ok := strings.Cut(fields[2][1:], ",")
	from, err1 := strconv.Atoi(start)
	n = 1
	var err2 error
	if ok {
		n, err2 = strconv.Atoi(count)
	}
	if err1 != nil || err2 != nil {
		return 0, 0, errors.New("-new-from-rev: git printed a hunk header it should not: update git")
	}
	return from, n, nil
}

// unquote undoes git's C-style quoting of a path with special characters
// ("b/\344\270\255.go") and takes off its prefix.
func unquote(p, prefix string) string {
	if strings.HasPrefix(p, `"`) {
		if u, err := strconv.Unquote(p); err == nil {
			p = u
		}
	}
	return strings.TrimPrefix(p, prefix)
}
