package buildgate_test

import (
	"go/parser"
	"go/token"
	"testing"

	"github.com/xcguard/xcguard/analyzers/internal/buildgate"
)

func TestGated(t *testing.T) {
	allowed := []string{"debug", "pprof"}
	tests := []struct {
		name   string
		header string
		tags   []string
		want   bool
	}{
		{name: "no constraint", header: "", tags: allowed, want: false},
		{name: "allowed tag", header: "//go:build debug\n", tags: allowed, want: true},
		{name: "second allowed tag", header: "//go:build pprof\n", tags: allowed, want: true},
		{name: "allowed tag and platform", header: "//go:build debug && linux\n", tags: allowed, want: true},
		{name: "either allowed tag", header: "//go:build debug || pprof\n", tags: allowed, want: true},
		{name: "allowed tag or platform", header: "//go:build debug || linux\n", tags: allowed, want: false},
		{name: "negated allowed tag", header: "//go:build !debug\n", tags: allowed, want: false},
		{name: "other tag", header: "//go:build release\n", tags: allowed, want: false},
		{name: "contradiction without the tag", header: "//go:build debug || (linux && !linux)\n", tags: allowed, want: true},
		{name: "no allowed tags", header: "//go:build debug\n", tags: nil, want: false},
		{name: "empty allowed list", header: "//go:build debug\n", tags: []string{}, want: false},
		{name: "plus build lines are and-ed", header: "// +build linux\n// +build debug\n", tags: allowed, want: true},
		{name: "plus build alternatives", header: "// +build debug linux\n", tags: allowed, want: false},
		{name: "go:build wins over plus build", header: "//go:build debug\n// +build linux\n", tags: allowed, want: true},
		{name: "after a file comment", header: "// Copyright.\n\n//go:build debug\n", tags: allowed, want: true},
		{name: "too many free tags count as built", header: "//go:build debug && (a || b || c || d || e || f || g || h || i || j || k || l || m || n || o || p || q)\n", tags: allowed, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.header + "\npackage p\n\n//go:build debug\nvar x int\n"
			f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if got := buildgate.Gated(f, tt.tags); got != tt.want {
				t.Errorf("Gated(%q, %q) = %v, want %v", tt.header, tt.tags, got, tt.want)
			}
		})
	}
}
