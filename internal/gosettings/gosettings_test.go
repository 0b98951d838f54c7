package gosettings

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The go directive decides the defaults, as the go command's
// godebugForGoVersion does: a setting changed in Go 1.N keeps its old
// (weak) value for go directives below 1.N.
func TestImplied(t *testing.T) {
	names := func(ss []Setting) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Name+"="+s.Weak)
		}
		return out
	}
	tests := []struct {
		goVersion string
		want      []string
	}{
		{"1.20", []string{"tls10server=1", "tlsrsakex=1", "tls3des=1", "tlsunsafeekm=1", "rsa1024min=0", "tlssha1=1", "cryptocustomrand=1"}},
		{"1.22.0", []string{"tls3des=1", "rsa1024min=0", "tlssha1=1", "cryptocustomrand=1"}},
		{"1.23rc1", nil}, // not a release: no claim
		{"1.24", []string{"tlssha1=1", "cryptocustomrand=1"}},
		{"1.25.3", []string{"cryptocustomrand=1"}},
		{"1.26", nil},
		{"1.30", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, names(Implied(tt.goVersion))); diff != "" {
			t.Errorf("Implied(%s) (-want +got):\n%s", tt.goVersion, diff)
		}
	}
}

func TestWeakens(t *testing.T) {
	for _, tt := range []struct {
		name, value string
		rule        string // "" when it does not weaken
	}{
		{"tls10server", "1", "XC103"},
		{"tls10server", "0", ""},
		{"rsa1024min", "0", "XC107"},
		{"rsa1024min", "1", ""},
		{"tls3des", "1", "XC105"},
		{"httpmuxgo121", "1", ""},
	} {
		s, ok := Weakens(tt.name, tt.value)
		if got := map[bool]string{true: s.Rule}[ok]; got != tt.rule {
			t.Errorf("Weakens(%s, %s) = %q, want %q", tt.name, tt.value, got, tt.rule)
		}
	}
}

func TestParse(t *testing.T) {
	got := Parse("tls10server=1, tlsrsakex=1,bogus,default=go1.21")
	want := [][2]string{{"tls10server", "1"}, {"tlsrsakex", "1"}, {"default", "go1.21"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{"go1.21": "1.21", "go1.21.3": "1.21.3", "1.22": "1.22", "go1": "", "latest": ""} {
		if got := DefaultVersion(in); got != want {
			t.Errorf("DefaultVersion(%q) = %q, want %q", in, got, want)
		}
	}
}
