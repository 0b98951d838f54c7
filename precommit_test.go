package xcguard_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The pre-commit hooks, run for real by pre-commit try-repo (Debian's
// pre-commit, which the test command installs) against a fixture
// repository holding the example service: pre-commit builds xcguard from
// this repository with the system Go, the vet hook fails on the example's
// findings, the audit hook fails on its go.mod's go 1.22 line, whose
// GODEBUG defaults keep 3DES suites (XC105).
func TestPreCommitHooks(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatal("pre-commit is not on PATH: bash scripts/test.sh installs it (apt-get install pre-commit)")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	run := func(name string, args ...string) (string, int) {
		cmd := exec.Command(name, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(),
			"PRE_COMMIT_HOME="+filepath.Join(repo, ".pre-commit-home"),
			"GOFLAGS=-mod=mod", "GOPROXY=off", "XCGUARD_POLICY=", "XCGUARD_PROFILE=",
			"GIT_AUTHOR_NAME=xcguard", "GIT_AUTHOR_EMAIL=ci@xcguard.invalid",
			"GIT_COMMITTER_NAME=xcguard", "GIT_COMMITTER_EMAIL=ci@xcguard.invalid")
		// pre-commit gives the hook's Go a GOPATH of its own; the module
		// cache stays the machine's, so nothing is downloaded.
		if mc, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
			cmd.Env = append(cmd.Env, "GOMODCACHE="+strings.TrimSpace(string(mc)))
		}
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(out), code
	}
	if out, err := exec.Command("cp", "-r", filepath.Join(root, "examples", "edge-gateway")+"/.", repo).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-qm", "service"}} {
		if out, code := run("git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}

	out, code := run("pre-commit", "try-repo", root, "xcguard-vet", "--all-files")
	if code != 1 || !strings.Contains(out, "xcguard vet") || !strings.Contains(out, "Failed") ||
		!strings.Contains(out, "sign.go:4:2: XC101 import of crypto/md5: MD5 is broken (practical collisions) (use github.com/tjfoc/gmsm/sm3)") {
		t.Errorf("xcguard-vet: exit %d, want 1 with the XC101 finding:\n%s", code, out)
	}
	// The cached hook: go vet with xcguard as its tool, the same finding.
	out, code = run("pre-commit", "try-repo", root, "xcguard-vet-cached", "--all-files")
	if code != 1 || !strings.Contains(out, "Failed") ||
		!strings.Contains(out, "sign.go:4:2: XC101: import of crypto/md5: MD5 is broken (practical collisions); use github.com/tjfoc/gmsm/sm3") {
		t.Errorf("xcguard-vet-cached: exit %d, want 1 with the XC101 finding:\n%s", code, out)
	}
	out, code = run("pre-commit", "try-repo", root, "xcguard-audit", "--all-files")
	if code != 1 || !strings.Contains(out, "xcguard audit") || !strings.Contains(out, "Failed") ||
		!strings.Contains(out, "go.mod:3:1: XC105 go 1.22 in go.mod keeps Go's old GODEBUG defaults tls3des=1") {
		t.Errorf("xcguard-audit: exit %d, want 1 with the XC105 finding on the go line:\n%s", code, out)
	}
}
