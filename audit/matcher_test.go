package audit_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/audit"
	"github.com/xcguard/xcguard/policy"
)

// loadPolicy loads a policy document that extends nothing.
func loadPolicy(t testing.TB, modules string) *policy.Policy {
	t.Helper()
	p, err := policy.LoadBytes("test.yml", "", []byte("version: 1\nextends: []\nmodules:\n"+modules))
	if err != nil {
		t.Fatalf("policy: %v", err)
	}
	return p
}

// verdicts renders verdicts as "RULE message [hint]" lines.
func verdicts(vs []audit.Verdict) []string {
	var out []string
	for _, v := range vs {
		s := string(v.Rule) + " " + v.Message()
		if h := v.Hint(); h != "" {
			s += " [" + h + "]"
		}
		out = append(out, s)
	}
	return out
}

func TestMatcherCheck(t *testing.T) {
	const (
		jwtDeny = `  deny:
    - {path: github.com/dgrijalva/jwt-go, reason: "archived; CVE-2020-26160", use: github.com/golang-jwt/jwt/v5}
`
		gmDeny = `  mode: allowlist
  allow: [{prefix: golang.org/x/}]
  deny:
    - {path: golang.org/x/crypto, packages: [golang.org/x/crypto/md4, golang.org/x/crypto/tea], reason: "no GM role", use: github.com/tjfoc/gmsm}
`
		gmsmAllow = `  mode: allowlist
  allow:
    - {path: github.com/tjfoc/gmsm, version: ">= v1.4.1"}
    - {prefix: golang.org/x/}
    - {path: golang.org/x/crypto, version: ">= v0.31.0"}
    - {prefix: gitee.com/acme/}
    - {prefix: gitee.com/acme/tools/, version: ">= v2.0.0"}
    - {glob: "github.com/*/gmsm"}
`
	)
	tests := []struct {
		name    string
		modules string
		path    string
		version string
		pkgs    []string
		want    []string
	}{
		{
			name: "denied by path", modules: jwtDeny,
			path: "github.com/dgrijalva/jwt-go", version: "v3.2.0+incompatible",
			want: []string{"XC401 github.com/dgrijalva/jwt-go v3.2.0+incompatible is denied: archived; CVE-2020-26160 [use github.com/golang-jwt/jwt/v5]"},
		},
		{
			name: "a path is exact", modules: jwtDeny,
			path: "github.com/dgrijalva/jwt-go/v4", version: "v4.0.0",
		},
		{
			name: "the standard library is never judged", modules: "  mode: allowlist\n  deny: [{glob: '*'}]\n",
			path: "std",
		},
		{
			name: "deny without reason", modules: "  deny: [{prefix: github.com/acme}]\n",
			path: "github.com/acme/x", version: "v1.0.0",
			want: []string{"XC401 github.com/acme/x v1.0.0 is denied: listed in modules.deny"},
		},
		{
			name: "a prefix matches the path itself", modules: "  deny: [{prefix: github.com/acme}]\n",
			path: "github.com/acme", version: "v1.0.0",
			want: []string{"XC401 github.com/acme v1.0.0 is denied: listed in modules.deny"},
		},
		{
			name: "a prefix matches at a path-element boundary only", modules: "  deny: [{prefix: github.com/acme}]\n",
			path: "github.com/acmecorp/x", version: "v1.0.0",
		},
		{
			name: "a prefix with a trailing slash", modules: "  deny: [{prefix: golang.org/x/}]\n",
			path: "golang.org/x/mod", version: "v0.29.0",
			want: []string{"XC401 golang.org/x/mod v0.29.0 is denied: listed in modules.deny"},
		},
		{
			name: "a prefix with a trailing slash, not a longer element", modules: "  deny: [{prefix: golang.org/x/}]\n",
			path: "golang.org/xy/mod", version: "v0.29.0",
		},
		{
			name: "a glob", modules: "  deny: [{glob: 'github.com/*/jwt-go', reason: forks}]\n",
			path: "github.com/someone/jwt-go", version: "v1.0.0",
			want: []string{"XC401 github.com/someone/jwt-go v1.0.0 is denied: forks"},
		},
		{
			name: "a glob does not cross path elements", modules: "  deny: [{glob: 'github.com/*'}]\n",
			path: "github.com/someone/jwt-go", version: "v1.0.0",
		},
		{
			name: "a deny with a version constraint, inside", modules: "  deny: [{path: github.com/x/y, version: '< v1.2.0'}]\n",
			path: "github.com/x/y", version: "v1.1.9",
			want: []string{"XC401 github.com/x/y v1.1.9 is denied: listed in modules.deny"},
		},
		{
			name: "a deny with a version constraint, outside", modules: "  deny: [{path: github.com/x/y, version: '< v1.2.0'}]\n",
			path: "github.com/x/y", version: "v1.2.0",
		},
		{
			name: "a deny with a version constraint, version unknown", modules: "  deny: [{path: github.com/x/y, version: '< v1.2.0'}]\n",
			path: "github.com/x/y", version: "",
		},
		{
			name: "a deny for packages: one used", modules: gmDeny,
			path: "golang.org/x/crypto", version: "v0.31.0", pkgs: []string{"golang.org/x/crypto/md4", "golang.org/x/crypto/sha3"},
			want: []string{"XC401 golang.org/x/crypto v0.31.0 is denied in golang.org/x/crypto/md4: no GM role [use github.com/tjfoc/gmsm]"},
		},
		{
			name: "a deny for packages: two used", modules: gmDeny,
			path: "golang.org/x/crypto", version: "v0.31.0", pkgs: []string{"golang.org/x/crypto/md4", "golang.org/x/crypto/tea"},
			want: []string{"XC401 golang.org/x/crypto v0.31.0 is denied in golang.org/x/crypto/md4, golang.org/x/crypto/tea: no GM role [use github.com/tjfoc/gmsm]"},
		},
		{
			name: "a deny for packages: none used", modules: gmDeny,
			path: "golang.org/x/crypto", version: "v0.31.0", pkgs: []string{"golang.org/x/crypto/sha3"},
		},
		{
			name: "a deny for packages: use unknown", modules: gmDeny,
			path: "golang.org/x/crypto", version: "v0.31.0",
		},
		{
			name: "a module wholly denied is not also unapproved", modules: "  mode: allowlist\n" + jwtDeny,
			path: "github.com/dgrijalva/jwt-go", version: "v3.2.0+incompatible",
			want: []string{"XC401 github.com/dgrijalva/jwt-go v3.2.0+incompatible is denied: archived; CVE-2020-26160 [use github.com/golang-jwt/jwt/v5]"},
		},
		{
			name: "allowlist: not listed", modules: gmsmAllow,
			path: "github.com/gorilla/websocket", version: "v1.5.3",
			want: []string{"XC402 github.com/gorilla/websocket v1.5.3 is not on the approved module list (modules.allow)"},
		},
		{
			name: "allowlist: by path, inside the constraint", modules: gmsmAllow,
			path: "github.com/tjfoc/gmsm", version: "v1.4.1",
		},
		{
			name: "allowlist: by path, outside the constraint", modules: gmsmAllow,
			path: "github.com/tjfoc/gmsm", version: "v1.4.0",
			want: []string{"XC403 github.com/tjfoc/gmsm v1.4.0 does not satisfy the policy constraint >= v1.4.1"},
		},
		{
			name: "allowlist: a path beats a prefix", modules: gmsmAllow,
			path: "golang.org/x/crypto", version: "v0.30.0",
			want: []string{"XC403 golang.org/x/crypto v0.30.0 does not satisfy the policy constraint >= v0.31.0"},
		},
		{
			name: "allowlist: by prefix", modules: gmsmAllow,
			path: "golang.org/x/net", version: "v0.30.0",
		},
		{
			name: "allowlist: a longer prefix beats a shorter one", modules: gmsmAllow,
			path: "gitee.com/acme/tools/gen", version: "v1.0.0",
			want: []string{"XC403 gitee.com/acme/tools/gen v1.0.0 does not satisfy the policy constraint >= v2.0.0"},
		},
		{
			name: "allowlist: by glob", modules: gmsmAllow,
			path: "github.com/emmansun/gmsm", version: "v0.29.0",
		},
		{
			name: "allowlist: version unknown (local replacement)", modules: gmsmAllow,
			path: "github.com/tjfoc/gmsm", version: "",
		},
		{
			name: "allowlist: a development version says nothing", modules: gmsmAllow,
			path: "github.com/tjfoc/gmsm", version: "(devel)",
		},
		{
			name: "pseudo-version below a release", modules: "  allow: [{path: gitee.com/acme/kit, version: '>= v0.1.0'}]\n",
			path: "gitee.com/acme/kit", version: "v0.0.0-20240102030405-0123456789ab",
			want: []string{"XC403 gitee.com/acme/kit v0.0.0-20240102030405-0123456789ab does not satisfy the policy constraint >= v0.1.0"},
		},
		{
			name: "pseudo-version after a release", modules: "  allow: [{path: gitee.com/acme/kit, version: '> v0.1.0'}]\n",
			path: "gitee.com/acme/kit", version: "v0.1.1-0.20240102030405-0123456789ab",
		},
		{
			name: "+incompatible inside a range", modules: "  allow: [{path: github.com/dgrijalva/jwt-go, version: '>= v3.2.0, < v4.0.0'}]\n",
			path: "github.com/dgrijalva/jwt-go", version: "v3.2.0+incompatible",
		},
		{
			name: "+incompatible outside a range", modules: "  allow: [{path: github.com/dgrijalva/jwt-go, version: '>= v4.0.0'}]\n",
			path: "github.com/dgrijalva/jwt-go", version: "v3.2.0+incompatible",
			want: []string{"XC403 github.com/dgrijalva/jwt-go v3.2.0+incompatible does not satisfy the policy constraint >= v4.0.0"},
		},
		{
			name: "denylist: not listed is fine", modules: "  mode: denylist\n  allow: [{path: github.com/tjfoc/gmsm, version: '>= v1.4.1'}]\n",
			path: "github.com/gorilla/websocket", version: "v1.5.3",
		},
		{
			name: "denylist: constraints still apply", modules: "  mode: denylist\n  allow: [{path: github.com/tjfoc/gmsm, version: '>= v1.4.1'}]\n",
			path: "github.com/tjfoc/gmsm", version: "v1.4.0",
			want: []string{"XC403 github.com/tjfoc/gmsm v1.4.0 does not satisfy the policy constraint >= v1.4.1"},
		},
		{
			name: "either of two entries of the same rank", modules: "  mode: allowlist\n  allow: [{path: x.org/m, version: '< v1.0.0'}, {path: x.org/m, version: '>= v2.0.0'}]\n",
			path: "x.org/m", version: "v2.1.0",
		},
		{
			name: "neither of two entries of the same rank", modules: "  mode: allowlist\n  allow: [{path: x.org/m, version: '< v1.0.0'}, {path: x.org/m, version: '>= v2.0.0'}]\n",
			path: "x.org/m", version: "v1.5.0",
			want: []string{"XC403 x.org/m v1.5.0 does not satisfy the policy constraint < v1.0.0"},
		},
		{
			name: "allowed packages: one not approved", modules: "  mode: allowlist\n  allow: [{path: x.org/m, packages: [x.org/m/a, 'x.org/m/b/*']}]\n",
			path: "x.org/m", version: "v1.0.0", pkgs: []string{"x.org/m/a", "x.org/m/b/c", "x.org/m/d"},
			want: []string{"XC402 x.org/m v1.0.0 is approved only for some packages, not x.org/m/d (modules.allow)"},
		},
		{
			name: "allowed packages: all approved", modules: "  mode: allowlist\n  allow: [{path: x.org/m, packages: [x.org/m/a, 'x.org/m/b/*']}]\n",
			path: "x.org/m", version: "v1.0.0", pkgs: []string{"x.org/m/a", "x.org/m/b/c"},
		},
		{
			name: "allowed packages: use unknown", modules: "  mode: allowlist\n  allow: [{path: x.org/m, packages: [x.org/m/a]}]\n",
			path: "x.org/m", version: "v1.0.0",
		},
		{
			name: "allowed packages: another entry of the rank allows all", modules: "  mode: allowlist\n  allow: [{path: x.org/m, packages: [x.org/m/a]}, {path: x.org/m}]\n",
			path: "x.org/m", version: "v1.0.0", pkgs: []string{"x.org/m/z"},
		},
		{
			name: "allowed packages mean nothing in denylist mode", modules: "  mode: denylist\n  allow: [{path: x.org/m, packages: [x.org/m/a]}]\n",
			path: "x.org/m", version: "v1.0.0", pkgs: []string{"x.org/m/z"},
		},
		{
			name: "a package deny and an approval together", modules: gmDeny,
			path: "golang.org/x/crypto", version: "v0.31.0", pkgs: []string{"golang.org/x/crypto/tea"},
			want: []string{"XC401 golang.org/x/crypto v0.31.0 is denied in golang.org/x/crypto/tea: no GM role [use github.com/tjfoc/gmsm]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := audit.NewMatcher(loadPolicy(t, tt.modules))
			got := verdicts(m.Check(tt.path, tt.version, tt.pkgs))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check(%q, %q, %q) (-want +got):\n%s", tt.path, tt.version, tt.pkgs, diff)
			}
		})
	}
}

// TestMatcherVerdictFields checks what a verdict carries besides its
// message: the deciding entry and the packages concerned.
func TestMatcherVerdictFields(t *testing.T) {
	m := audit.NewMatcher(loadPolicy(t, `  mode: allowlist
  allow: [{path: x.org/m, packages: [x.org/m/a], reason: reviewed}]
`))
	vs := m.Check("x.org/m", "v1.0.0", []string{"x.org/m/a", "x.org/m/b"})
	if len(vs) != 1 {
		t.Fatalf("Check: %d verdicts, want 1: %q", len(vs), verdicts(vs))
	}
	v := vs[0]
	if v.Rule != "XC402" || v.Path != "x.org/m" || v.Version != "v1.0.0" || v.Entry.Path != "x.org/m" || v.Entry.Reason != "reviewed" {
		t.Errorf("verdict = %+v", v)
	}
	if diff := cmp.Diff([]string{"x.org/m/b"}, v.Packages); diff != "" {
		t.Errorf("Packages (-want +got):\n%s", diff)
	}
}
