package gomsg

import "testing"

func TestLine(t *testing.T) {
	tests := []struct{ name, stderr, want string }{
		{
			"a go.mod that needs a newer go, through a temporary copy",
			"go: ../xcguard-audit-1006567486/list/go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)\n",
			"go.mod requires go >= 1.99, newer than the go command (go 1.26.8, GOTOOLCHAIN=local): install Go 1.99, or set GOTOOLCHAIN=auto so that the go command fetches it",
		},
		{
			"a message over two lines",
			"go: downloading golang.org/x/mod v0.29.0\na.go:2:8: no required module provides package golang.org/x/mod/semver; to add it:\n\tgo get golang.org/x/mod/semver\n",
			"a.go:2:8: no required module provides package golang.org/x/mod/semver; to add it: go get golang.org/x/mod/semver",
		},
		{
			"the go command's own panic",
			"panic: runtime error: index out of range [0] with length 0\n\ngoroutine 12 [running]:\ncmd/go/internal/work.(*Builder).buildActionID(...)\n",
			"the go command crashed (panic: runtime error: index out of range [0] with length 0): a bug in Go, or an environment it does not expect (run go list ./... to see it)",
		},
		{
			"a go.mod the go command refuses",
			"go: error loading go.mod: go.mod:4: unknown godebug \"nosuchsetting\"\n",
			`error loading go.mod: go.mod:4: unknown godebug "nosuchsetting": fix go.mod (the go command reports the same)`,
		},
		{
			"a GOTOOLCHAIN the go command does not know",
			"go: invalid GOTOOLCHAIN \"banana\"\n",
			`invalid GOTOOLCHAIN "banana": set GOTOOLCHAIN to local, auto, or a release such as go1.26.0`,
		},
		{
			"go mod tidy kept",
			"go: updates to go.mod needed; to update it:\n\tgo mod tidy\n",
			"updates to go.mod needed; to update it: go mod tidy",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.stderr); got != tt.want {
				t.Errorf("Line(%q)\n got %q\nwant %q", tt.stderr, got, tt.want)
			}
		})
	}
}

func TestNewer(t *testing.T) {
	tests := []struct{ goVersion, built, want string }{
		{"go1.27.1", "go1.26.8", "the go command is go1.27.1, newer than the go1.26.8 xcguard was built with, whose type checker cannot read go1.27's standard library: rebuild xcguard with go1.27 (go install github.com/xcguard/xcguard/cmd/xcguard@latest with go1.27)"},
		{"go1.27rc1", "go1.26.8", ""}, // not a release xcguard can judge: no claim
		{"go1.26.0", "go1.26.8", ""},
		{"go1.25.3", "go1.26.8", ""},
		{"go1.27.0 X:nocoverageredesign", "go1.26.8", "the go command is go1.27.0 X:nocoverageredesign, newer than the go1.26.8 xcguard was built with, whose type checker cannot read go1.27's standard library: rebuild xcguard with go1.27 (go install github.com/xcguard/xcguard/cmd/xcguard@latest with go1.27)"},
	}
	for _, tt := range tests {
		if got := newer(tt.goVersion, tt.built); got != tt.want {
			t.Errorf("newer(%q, %q)\n got %q\nwant %q", tt.goVersion, tt.built, got, tt.want)
		}
	}
}
