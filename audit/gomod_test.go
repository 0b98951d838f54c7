package audit

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseGoModErrors(t *testing.T) {
	tests := []struct {
		name, gomod, want string
	}{
		{
			name:  "unknown directive",
			gomod: "module example.com/m\n\nfrob 1\n",
			want:  "go.mod:3: unknown directive: frob: fix go.mod (go mod edit -fmt reports the same)",
		},
		{
			name:  "several errors",
			gomod: "module example.com/m\n\nfrob 1\nfrob 2\n",
			want:  "go.mod:3: unknown directive: frob (and 1 more): fix go.mod (go mod edit -fmt reports the same)",
		},
		{
			name:  "no module directive",
			gomod: "go 1.22\n",
			want:  "go.mod: no module directive: start the file with 'module PATH'",
		},
		{
			name:  "require twice",
			gomod: "module example.com/m\n\nrequire x.org/a v1.0.0\nrequire x.org/a v1.1.0\n",
			want:  "go.mod:4: x.org/a is required twice (also at line 3): keep one require (go mod tidy does)",
		},
		{
			name:  "non-canonical require in a block",
			gomod: "module example.com/m\n\nrequire (\n\tx.org/a v1.0.0\n\tx.org/b v1.2 // indirect\n)\n",
			want:  `go.mod:5: version "v1.2" of x.org/b is not canonical: write v1.2.0 (go mod tidy does)`,
		},
		{
			name:  "non-canonical quoted version",
			gomod: "module example.com/m\n\nrequire \"x.org/a\" \"v1\"\n",
			want:  `go.mod:3: version "v1" of x.org/a is not canonical: write v1.0.0 (go mod tidy does)`,
		},
		{
			name:  "non-canonical replacement",
			gomod: "module example.com/m\n\nrequire x.org/a v1.0.0\n\nreplace x.org/a v1.0.0 => x.org/fork v1.1\n",
			want:  `go.mod:5: version "v1.1" of x.org/fork is not canonical: write v1.1.0 (go mod tidy does)`,
		},
		{
			name:  "build metadata is not canonical",
			gomod: "module example.com/m\n\nexclude x.org/a v1.0.0+meta\n",
			want:  `go.mod:3: version "v1.0.0+meta" of x.org/a is not canonical: write v1.0.0 (go mod tidy does)`,
		},
		{
			name:  "fine",
			gomod: "module example.com/m\n\ngo 1.22\n\nrequire (\n\t\"x.org/a\" v1.0.0\n\tx.org/b v3.2.0+incompatible\n\tx.org/c v0.0.0-20240102030405-0123456789ab\n)\n\nreplace x.org/a => ../a\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseGoMod("go.mod", []byte(tt.gomod))
			got := ""
			if err != nil {
				got = err.Error()
				if _, ok := err.(*InputError); !ok {
					t.Errorf("error is a %T, want *InputError", err)
				}
			}
			if got != tt.want {
				t.Errorf("parseGoMod error:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGoModDirectives(t *testing.T) {
	const gomod = `module example.com/m // xcguard:ignore XC405 module-line note

go 1.20

// xcguard:ignore XC402 approval requested
require (
	//xcguard:ignore XC401 reviewed in SEC-1
	x.org/a v1.0.0 // indirect
	x.org/b v1.0.0 //xcguard:ignore XC402,XC403 frozen
	x.org/c v1.0.0 //xcguard:ignore XC402
	// an ordinary comment
	//xcguard:ignore XC402 trailing the block
)
//xcguard:ignore XC404 last
`
	g, err := parseGoMod("go.mod", []byte(gomod))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Line, Col, EndCol int
		Trailing          bool
		Rules             []string
		Reason, Problem   string
	}
	var got []row
	for _, d := range g.directives {
		got = append(got, row{d.line, d.col, d.endCol, d.trailing, d.Rules, d.Reason, d.Problem})
	}
	want := []row{
		{1, 22, 62, true, []string{"XC405"}, "module-line note", ""},
		{5, 1, 43, false, []string{"XC402"}, "approval requested", ""},
		{7, 2, 42, false, []string{"XC401"}, "reviewed in SEC-1", ""},
		{9, 17, 52, true, []string{"XC402", "XC403"}, "frozen", ""},
		{10, 17, 39, true, []string{"XC402"}, "", "suppression directive for XC402 gives no reason: write //xcguard:ignore XC402 <why this is safe>"},
		{12, 2, 43, false, []string{"XC402"}, "trailing the block", ""},
		{14, 1, 28, false, []string{"XC404"}, "last", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("directives (-want +got):\n%s", diff)
	}

	// Suppression: on the line, or alone on the line before.
	for _, tt := range []struct {
		line int
		rule string
		want string // the reason of the directive that suppresses, or ""
	}{
		{8, "XC401", "reviewed in SEC-1"},
		{8, "XC402", ""},
		{9, "XC403", "frozen"},
		{10, "XC403", ""}, // line 9's directive trails code
		{10, "XC402", ""}, // malformed: suppresses nothing
		{6, "XC402", "approval requested"},
		{2, "XC405", ""}, // line 1's trails the module line
		{1, "XC405", "module-line note"},
	} {
		d := g.suppressor(tt.line, tt.rule)
		got := ""
		if d != nil {
			got = d.Reason
		}
		if got != tt.want {
			t.Errorf("suppressor(%d, %s) = %q, want %q", tt.line, tt.rule, got, tt.want)
		}
	}
}
