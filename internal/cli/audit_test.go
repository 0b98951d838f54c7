package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Without the go command the audit cannot read the build list: exit 2 with
// one line saying so (the testscript scripts cannot hide go from PATH and
// still find xcguard there).
func TestAuditNoGoCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("XCGUARD_POLICY", "")
	t.Setenv("XCGUARD_PROFILE", "")
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"audit", dir}, nil, &stdout, &stderr)
	if got := exitCode(err); got != exitInput {
		t.Fatalf("exit code %d (err %v), want %d", got, err, exitInput)
	}
	want := "audit: the go command is not on PATH: install Go or add its bin directory to PATH (the audit runs go list)"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if stdout.Len() > 0 || stderr.Len() > 0 {
		t.Errorf("output on failure: stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

// A module that needs no go command: every module rule off, the go
// directive judged from go.mod alone.
func TestAuditDeclaredOnlyWithoutGo(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":       "module example.com/m\n\ngo 1.20\n",
		".xcguard.yml": "version: 1\nextends: []\nrules: {XC405: error}\nmodules: {go_min: \"1.21\"}\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("XCGUARD_POLICY", "")
	t.Setenv("XCGUARD_PROFILE", "")
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"audit", "-C", dir}, nil, &stdout, &stderr)
	if got := exitCode(err); got != exitFindings {
		t.Fatalf("exit code %d (err %v, stderr %q), want %d", got, err, stderr.String(), exitFindings)
	}
	want := "go.mod:3:1: XC405 go directive 1.20 is below the policy minimum Go 1.21 (modules.go_min) (declared)\nxcguard: 1 error, 0 warnings, 0 suppressed\n"
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
}
