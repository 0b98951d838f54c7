package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"findings", errFindings, 1},
		{"bad input", inputf("unknown format %q", "xml"), 2},
		{"wrapped bad input", fmt.Errorf("vet: %w", inputf("no packages")), 2},
		{"anything else", errors.New("disk on fire"), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

// A panic inside a subcommand is an internal error (exit 3) with one line,
// not a crash: here list writes to a nil standard output.
func TestRunRecoversPanic(t *testing.T) {
	var stderr bytes.Buffer
	err := Run(context.Background(), []string{"list"}, nil, nil, &stderr)
	if got := exitCode(err); got != exitInternal {
		t.Fatalf("exit code %d (err %v), want %d", got, err, exitInternal)
	}
	if !strings.HasPrefix(err.Error(), "internal error: ") || strings.Contains(err.Error(), "goroutine") {
		t.Errorf("error = %q, want one line starting with \"internal error: \"", err)
	}
}

func TestIsVetTool(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"-json", "/tmp/go-build/b001/vet.cfg"}, true},
		{[]string{"vet", "./..."}, false},
		{[]string{"policy", "validate", "x.yml"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := isVetTool(tt.args); got != tt.want {
			t.Errorf("isVetTool(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}
