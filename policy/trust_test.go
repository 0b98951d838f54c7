package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xcguard/xcguard/internal/gm"
)

// writeFiles writes name → content into a new directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Each locked field may be tightened and not loosened, and "tighter" is
// defined per field by the merge rule.
func TestLocked(t *testing.T) {
	const org = `version: 1
extends: []
locked: [rules, rules.XC303, crypto.tls_min_version, crypto.forbidden_imports, crypto.require_gm, crypto.allow_dual_mode, crypto.allow_godebug, modules.allow, modules.go_min, build.max_size, build.max_glibc, build.smoke.max_rss, build.cc, build.cgo, build.ldflags, pprof.allow_build_tags]
rules:
  XC202: warning
crypto:
  tls_min_version: "1.2"
  require_gm: true
  forbidden_imports:
    - {path: crypto/md5}
modules:
  go_min: "1.21"
  allow:
    - {path: github.com/tjfoc/gmsm}
    - {prefix: golang.org/x/}
build:
  max_size: 20MiB
  max_glibc: "2.28"
  cc: {linux/arm64: aarch64-linux-gnu-gcc}
  ldflags: "-s -X main.mode=release"
  smoke: {max_rss: 45MiB}
pprof:
  allow_build_tags: [debug, pprof]
`
	tests := []struct {
		name, project string
		loosens       string // the locked field refused, or "" when it is tighter
	}{
		{"nothing set", "", ""},
		{"severity up", "rules: {XC202: error}", ""},
		{"severity down", "rules: {XC202: off}", "rules.XC202"},
		{"a rule turned on", "rules: {XC402: error}", ""},
		{"TLS minimum up", `crypto: {tls_min_version: "1.3"}`, ""},
		{"TLS minimum down", `crypto: {tls_min_version: "1.0"}`, "crypto.tls_min_version"},
		{"forbidden list grows", "crypto: {forbidden_imports: [{path: crypto/sha1}, {path: crypto/md5}]}", ""},
		{"forbidden list shrinks", "crypto: {forbidden_imports: [{path: crypto/sha1}]}", "crypto.forbidden_imports"},
		{"GM stays required", "crypto: {require_gm: true}", ""},
		{"GM no longer required", "crypto: {require_gm: false}", "crypto.require_gm"},
		{"allowlist shrinks", "modules: {allow: [{path: github.com/tjfoc/gmsm}]}", ""},
		{"allowlist grows", "modules: {allow: [{path: github.com/tjfoc/gmsm}, {prefix: golang.org/x/}, {prefix: github.com/}]}", "modules.allow"},
		{"go_min up", `modules: {go_min: "1.22"}`, ""},
		{"go_min down", `modules: {go_min: "1.19"}`, "modules.go_min"},
		{"size budget down", "build: {max_size: 10MiB}", ""},
		{"size budget up", "build: {max_size: 40MiB}", "build.max_size"},
		{"glibc down", `build: {max_glibc: "2.17"}`, ""},
		{"glibc up", `build: {max_glibc: "2.34"}`, "build.max_glibc"},
		{"a target's own glibc down", `build: {per_target: {linux/amd64: {max_glibc: "2.17"}}}`, ""},
		{"a target's own glibc up", `build: {per_target: {linux/amd64: {max_glibc: "2.34"}}}`, "build.max_glibc (build.per_target.linux/amd64.max_glibc)"},
		{"RSS budget down", "build: {smoke: {max_rss: 30MiB}}", ""},
		{"RSS budget up", "build: {smoke: {max_rss: 90MiB}}", "build.smoke.max_rss"},
		{"same compiler", "build: {cc: {linux/arm64: aarch64-linux-gnu-gcc}}", ""},
		{"another compiler", "build: {cc: {linux/arm64: gcc}}", "build.cc"},
		{"fewer debug tags", "pprof: {allow_build_tags: [debug]}", ""},
		{"more debug tags", "pprof: {allow_build_tags: [debug, pprof, dev]}", "pprof.allow_build_tags"},
		{"an unlocked field loosened", "build: {trimpath: false}", ""},
		// Unset yes/no settings are their default, no, under a lock.
		{"dual mode stays off", "crypto: {allow_dual_mode: false}", ""},
		{"a GODEBUG exception where the lock allows none", "crypto: {allow_godebug: [tlssha1=1]}", "crypto.allow_godebug"},
		{"dual mode allowed where the lock left it unset", "crypto: {allow_dual_mode: true}", "crypto.allow_dual_mode"},
		{"cgo set where the lock left it unset", "build: {cgo: true}", "build.cgo"},
		// The linker takes the last of a repeated flag.
		{"ldflags: one more flag", `build: {ldflags: "-s -w -X main.mode=release"}`, ""},
		{"ldflags: the locked -X changed", `build: {ldflags: "-s -X main.mode=debug"}`, "build.ldflags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"org.yml":      org,
				".xcguard.yml": "version: 1\nextends: [./org.yml]\n" + tt.project + "\n",
			})
			_, err := Load(filepath.Join(dir, ".xcguard.yml"), nil)
			var le *LockError
			switch {
			case tt.loosens == "" && err != nil:
				t.Fatalf("refused a tightening: %v", err)
			case tt.loosens != "" && !errors.As(err, &le):
				t.Fatalf("loosening %s: got %v, want a LockError", tt.loosens, err)
			case tt.loosens != "" && le.Field != tt.loosens:
				t.Fatalf("loosening %s: refused for %s", tt.loosens, le.Field)
			}
		})
	}
}

func TestLockedMessage(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"org.yml":      "version: 1\nlocked: [build.max_glibc]\nbuild: {max_glibc: \"2.28\"}\n",
		".xcguard.yml": "version: 1\nextends: [./org.yml]\nbuild: {max_glibc: \"2.34\"}\n",
	})
	_, err := Load(filepath.Join(dir, ".xcguard.yml"), nil)
	want := ".xcguard.yml: build.max_glibc is locked by " + filepath.Join(dir, "org.yml") + " at 2.28; this file makes it 2.34, which loosens it: a file that extends a locked policy may only tighten it"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("got %v\nwant …%s", err, want)
	}
}

// A target's own value that loosens a locked setting is named with the
// target: the build section's value is unchanged.
func TestLockedPerTargetMessage(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"org.yml":      "version: 1\nlocked: [build]\nbuild: {max_glibc: \"2.28\", goamd64: v1}\n",
		".xcguard.yml": "version: 1\nextends: [./org.yml]\nbuild:\n  targets: [linux/amd64]\n  per_target: {linux/amd64: {goamd64: v3}}\n",
	})
	_, err := Load(filepath.Join(dir, ".xcguard.yml"), nil)
	want := ".xcguard.yml: build.goamd64 (build.per_target.linux/amd64.goamd64) is locked by " + filepath.Join(dir, "org.yml") + " at v1; this file makes it v3, which loosens it"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant …%s…", err, want)
	}
}

// A locked section is reported at the setting that loosens it, with both
// values, not as the whole section.
func TestLockedSectionMessage(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"org.yml":      "version: 1\nextends: [gov-cloud]\nlocked: [crypto, build]\ncrypto: {tls_min_version: \"1.3\"}\n",
		".xcguard.yml": "version: 1\nextends: [./org.yml]\ncrypto: {tls_min_version: \"1.2\"}\n",
	})
	_, err := Load(filepath.Join(dir, ".xcguard.yml"), nil)
	want := ".xcguard.yml: crypto.tls_min_version is locked by " + filepath.Join(dir, "org.yml") + " at 1.3; this file makes it 1.2, which loosens it"
	if err == nil || !strings.Contains(err.Error(), want) || len(err.Error()) > 400 {
		t.Errorf("got %v\nwant …%s…", err, want)
	}
}

func TestLockedUnknownField(t *testing.T) {
	dir := writeFiles(t, map[string]string{"org.yml": "version: 1\nlocked: [crypto.tls_min]\n"})
	_, err := Load(filepath.Join(dir, "org.yml"), nil)
	if err == nil || !strings.Contains(err.Error(), `org.yml:2:9: locked: unknown field "crypto.tls_min"`) {
		t.Errorf("got %v", err)
	}
}

// Signed policies: a file marked signed: true must verify with the key;
// with RequireSigned every file must; each way to fail names the file.
func TestSignedPolicies(t *testing.T) {
	key, err := gm.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	other, _ := gm.GenerateKey()
	org := []byte("version: 1\nsigned: true\nextends: [gov-cloud]\nlocked: [crypto]\n")
	sig, err := key.Sign(org)
	if err != nil {
		t.Fatal(err)
	}
	otherSig, _ := other.Sign(org)
	pub, _ := key.Public().MarshalPEM()
	project := "version: 1\nextends: [./org.yml]\n"

	tests := []struct {
		name    string
		org     []byte
		sig     []byte // nil: no .sig file
		require bool
		want    string // "" loads
	}{
		{"signed and verified", org, sig, false, ""},
		{"one byte changed", append([]byte("#\n"), org...), sig, false, "org.yml.sig: signature does not verify with the policy key"},
		{"signed by another key", org, otherSig, false, "signature does not verify"},
		{"signature missing", org, nil, false, "has no signature"},
		{"signature truncated", org, sig[:len(sig)-4], false, "not a DER SM2 signature"},
		{"signature not DER", org, []byte("garbage"), false, "not a DER SM2 signature"},
		{"project unsigned under require-signed", org, sig, true, ".xcguard.yml has no signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"org.yml": string(tt.org), ".xcguard.yml": project, "org.pub": string(pub)}
			if tt.sig != nil {
				files["org.yml.sig"] = string(tt.sig)
			}
			dir := writeFiles(t, files)
			trust := Trust{KeyFile: filepath.Join(dir, "org.pub"), RequireSigned: tt.require}
			_, err := Request{File: filepath.Join(dir, ".xcguard.yml"), Trust: trust}.Load()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}

	// Without a key nothing is verified (a signed file still loads), and
	// RequireSigned without a key is refused up front.
	dir := writeFiles(t, map[string]string{"org.yml": string(org), ".xcguard.yml": project})
	file := filepath.Join(dir, ".xcguard.yml")
	if _, err := (Request{File: file}).Load(); err != nil {
		t.Errorf("without a key: %v", err)
	}
	if _, err := (Request{File: file, Trust: Trust{RequireSigned: true}}).Load(); err == nil || !strings.Contains(err.Error(), "needs the organisation's public key") {
		t.Errorf("require-signed without a key: %v", err)
	}
	if _, err := (Request{File: file, Trust: Trust{KeyFile: filepath.Join(dir, "org.yml")}}).Load(); err == nil || !strings.Contains(err.Error(), "not a PEM") {
		t.Errorf("a key file that is not a key: %v", err)
	}
}

// FuzzLoad feeds arbitrary YAML to the loader as a project file extending a
// locked organisation policy: strict decoding, extends, merge and the lock
// check return errors, never panic.
func FuzzLoad(f *testing.F) {
	dir := f.TempDir()
	org := "version: 1\nextends: [gov-cloud]\nlocked: [rules, crypto, build.max_glibc, modules.allow, build.cc]\n"
	if err := os.WriteFile(filepath.Join(dir, "org.yml"), []byte(org), 0o644); err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"version: 1\nextends: [./org.yml]\n",
		"version: 1\nextends: [./org.yml, iot-edge]\nbuild: {max_glibc: \"2.17\", cc: {linux/arm64: gcc}}\n",
		"version: 1\nextends: [finance]\nrules: {XC101: off}\nmodules: {allow: [{prefix: golang.org/x/, version: \">= v0.1.0\"}]}\n",
		"version: 1\nlocked: [crypto.tls_min_version]\ncrypto: {tls_min_version: \"1.3\", cipher_suites: [TLS_AES_128_GCM_SHA256]}\n",
		"version: 1\nbuild: {max_size: 20MiB, smoke: {timeout: 10s, max_rss: 45MiB, args: [--selftest]}}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := LoadBytes("fuzz.yml", dir, data)
		if err == nil && p == nil {
			t.Fatal("no policy and no error")
		}
	})
}

// One rule's severity can be locked on its own; the others stay free.
func TestLockedRule(t *testing.T) {
	org := "version: 1\nextends: [baseline]\nlocked: [rules.XC101]\n"
	for project, want := range map[string]string{
		"rules: {XC101: warning}": "rules.XC101 is locked by",
		"rules: {XC202: off}":     "",
		"rules: {XC101: error}":   "",
	} {
		dir := writeFiles(t, map[string]string{"org.yml": org, ".xcguard.yml": "version: 1\nextends: [./org.yml]\n" + project + "\n"})
		_, err := Load(filepath.Join(dir, ".xcguard.yml"), nil)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: refused: %v", project, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "at error; this file makes it warning")):
			t.Errorf("%s: got %v, want %q", project, err, want)
		}
	}
}
