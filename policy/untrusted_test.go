package policy_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
)

// A .xcguard.yml found in the project is written by whoever wrote the pull
// request: what it extends must stay inside the project, be a regular file
// of bounded size, and never be quoted back whole in an error.
func TestProjectExtendsStayInside(t *testing.T) {
	secret := "API_TOKEN=s3cr3t-0123456789abcdef-0123456789abcdef-0123456789abcdef\nOTHER=x\n"
	tests := []struct {
		name  string
		files map[string]string // "->target" makes a symbolic link
		named bool              // the pipeline names repo/svc/.xcguard.yml
		want  string            // "" loads; else a substring of the error, with DIR
	}{
		{
			name:  "a file beside it",
			files: map[string]string{"repo/svc/.xcguard.yml": "version: 1\nextends: [org.yml]\n", "repo/svc/org.yml": "version: 1\n"},
		},
		{
			name: "a file elsewhere in the repository",
			files: map[string]string{
				"repo/.git/HEAD":        "ref: refs/heads/main\n",
				"repo/svc/.xcguard.yml": "version: 1\nextends: [../policies/org.yml]\n",
				"repo/policies/org.yml": "version: 1\n",
			},
		},
		{
			name: "a file outside the repository",
			files: map[string]string{
				"repo/.git/HEAD":        "ref: refs/heads/main\n",
				"repo/svc/.xcguard.yml": "version: 1\nextends: [../../outside.env]\n",
				"outside.env":           secret,
			},
			want: ".xcguard.yml:2:11: policy file ../../outside.env is outside the project (DIR/repo): a policy file found in the project may extend only files inside it; name an outside policy with -policy or XCGUARD_POLICY",
		},
		{
			name: "outside, with no repository: the file's own directory bounds it",
			files: map[string]string{
				"repo/svc/.xcguard.yml": "version: 1\nextends: [../org.yml]\n",
				"repo/org.yml":          "version: 1\n",
			},
			want: "is outside the project (DIR/repo/svc)",
		},
		{
			name: "a link inside that leads outside",
			files: map[string]string{
				"repo/svc/.xcguard.yml": "version: 1\nextends: [org.yml]\n",
				"repo/svc/org.yml":      "->../../outside.env",
				"outside.env":           secret,
			},
			want: "policy file org.yml is outside the project",
		},
		{
			name: "the project file itself a link to outside",
			files: map[string]string{
				"repo/svc/.xcguard.yml": "->../../outside.env",
				"outside.env":           secret,
			},
			want: "is outside the project",
		},
		{
			name:  "an absolute path, even in a file the pipeline names",
			files: map[string]string{"repo/svc/.xcguard.yml": "version: 1\nextends: [/etc/passwd]\n"},
			named: true,
			want:  `DIR/repo/svc/.xcguard.yml:2:11: extends "/etc/passwd": an absolute path: name the file relative to this one`,
		},
		{
			name: "outside, from a file the pipeline names: read, and quoted by a short prefix only",
			files: map[string]string{
				"repo/svc/.xcguard.yml": "version: 1\nextends: [../../outside.env]\n",
				"outside.env":           secret,
			},
			named: true,
			want:  `outside.env:1:1: expected a mapping for the policy, found "API_TOKEN=s3cr3t-0123456789abcdef-012345"…`,
		},
		{
			name:  "a device",
			files: map[string]string{"repo/svc/.xcguard.yml": "version: 1\nextends: [zero.yml]\n", "repo/svc/zero.yml": "->/dev/zero"},
			named: true,
			want:  "policy file DIR/repo/svc/zero.yml is not a regular file: a policy is a short YAML file",
		},
		{
			name:  "a file over the size bound",
			files: map[string]string{"repo/svc/.xcguard.yml": "version: 1\nextends: [big.yml]\n", "repo/svc/big.yml": "version: 1\n#" + strings.Repeat("x", 1<<20) + "\n"},
			want:  "policy file big.yml is larger than 1 MiB: a policy is a short YAML file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				file := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if target, ok := strings.CutPrefix(text, "->"); ok {
					if err := os.Symlink(target, file); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			file := filepath.Join(dir, "repo/svc/.xcguard.yml")
			if !tt.named {
				t.Chdir(filepath.Join(dir, "repo/svc"))
				file = ".xcguard.yml"
			}
			_, err := policy.Request{File: file, Named: tt.named}.Load()
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			switch {
			case want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
				t.Fatalf("got %v\nwant an error containing %s", err, want)
			case err != nil && strings.Contains(err.Error(), "s3cr3t-0123456789abcdef-0123456789abcdef"):
				t.Fatalf("the error quotes the file: %v", err)
			}
		})
	}
}

// A FIFO named by extends is refused at once, not waited on.
func TestExtendsFIFO(t *testing.T) {
	dir := t.TempDir()
	file := writePolicy(t, dir, ".xcguard.yml", "version: 1\nextends: [pipe.yml]\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yml"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := policy.Load(file, nil)
	if err == nil || !strings.Contains(err.Error(), "pipe.yml is not a regular file") {
		t.Fatalf("got %v, want pipe.yml refused as not a regular file", err)
	}
}

// diamond writes n files f0 … f(n-1), each extending the next twice (by
// two names), so that the chain has 2^n paths through it.
func diamond(t *testing.T, n int) string {
	dir := t.TempDir()
	for i := range n {
		next := "extends: []\nrules: {XC202: error}"
		if i < n-1 {
			next = fmt.Sprintf("extends: [f%d.yml, ./f%d.yml]", i+1, i+1)
		}
		writePolicy(t, dir, fmt.Sprintf("f%d.yml", i), "version: 1\n"+next+"\n")
	}
	return filepath.Join(dir, "f0.yml")
}

// Each file is read and resolved once per load however many paths lead to
// it: a diamond of 15 files loads (2^15 paths), and a chain deeper than 16
// files, or of more than 64, is refused with a clear line rather than hung.
func TestExtendsDiamond(t *testing.T) {
	p, err := policy.Load(diamond(t, 15), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Rules["XC202"] != policy.Error {
		t.Errorf("XC202 = %v, want the error the deepest file sets", p.Rules["XC202"])
	}
	if got := len(p.Sources); got > 2*15 {
		t.Errorf("%d sources for 15 files: a file counted once per path", got)
	}
	_, err = policy.Load(diamond(t, 20), nil)
	if err == nil || !strings.Contains(err.Error(), "extends chain deeper than 16 files: flatten it") {
		t.Errorf("20 deep: %v", err)
	}

	dir := t.TempDir()
	var list []string
	for i := range 70 {
		name := fmt.Sprintf("w%d.yml", i)
		writePolicy(t, dir, name, "version: 1\nextends: []\n")
		list = append(list, name)
	}
	wide := writePolicy(t, dir, "wide.yml", "version: 1\nextends: ["+strings.Join(list, ", ")+"]\n")
	_, err = policy.Load(wide, nil)
	if err == nil || !strings.Contains(err.Error(), "extends chain of more than 64 policy files: flatten it") {
		t.Errorf("70 wide: %v", err)
	}
}

// Provenance tells the settings a project file sets from those the pipeline
// chose: a compiler named in a found .xcguard.yml is project input, the
// same file named by the pipeline is not.
func TestProvenance(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, ".xcguard.yml", "version: 1\nextends: [gov-cloud, team.yml]\nbuild: {cc: {linux/arm64: ./evil-cc}}\n")
	writePolicy(t, dir, "team.yml", "version: 1\nextends: []\nbuild: {smoke: {args: [--selftest]}}\n")
	t.Chdir(dir)

	found, err := policy.Request{File: ".xcguard.yml"}.Load()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{".xcguard.yml"}, found.SetByProject("build.cc")); diff != "" {
		t.Errorf("build.cc from a found file (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"team.yml"}, found.SetByProject("build.smoke.args")); diff != "" {
		t.Errorf("smoke args from a file it extends (-want +got):\n%s", diff)
	}
	if got := found.SetByProject("build.sysroot"); got != nil {
		t.Errorf("build.sysroot comes from profile gov-cloud, not the project: %q", got)
	}

	named, err := policy.Request{File: ".xcguard.yml", Named: true}.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := named.SetByProject("build.cc"); got != nil {
		t.Errorf("a file the pipeline names is not project input: %q", got)
	}
	trusted, err := policy.Request{File: ".xcguard.yml", TrustProject: true}.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := trusted.SetByProject("build.cc"); got != nil {
		t.Errorf("with TrustProject: %q", got)
	}
}

// Resolve reads each unset setting from the environment, and only there:
// a broken variable is an error naming it, and Load reads no variable.
func TestResolve(t *testing.T) {
	dir := t.TempDir()
	found := writePolicy(t, dir, ".xcguard.yml", "version: 1\n")
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		s    policy.Settings
		env  map[string]string
		want policy.Request
		err  string
	}{
		{name: "found by search", want: policy.Request{File: found}},
		{name: "flag wins over the environment", s: policy.Settings{Policy: "a.yml", Profile: "finance"}, env: map[string]string{"XCGUARD_POLICY": "b.yml", "XCGUARD_PROFILE": "iot-edge"},
			want: policy.Request{File: "a.yml", Named: true, Profiles: []string{"finance"}}},
		{name: "the environment names a file", env: map[string]string{"XCGUARD_POLICY": "b.yml", "XCGUARD_PROFILE": "gov-cloud, finance", "XCGUARD_POLICY_KEY": "org.pub", "XCGUARD_REQUIRE_SIGNED": "1", "XCGUARD_TRUST_PROJECT": "true"},
			want: policy.Request{File: "b.yml", Named: true, Profiles: []string{"gov-cloud", "finance"}, Trust: policy.Trust{KeyFile: "org.pub", RequireSigned: true}, TrustProject: true}},
		{name: "a blank variable is unset", env: map[string]string{"XCGUARD_POLICY": "  ", "XCGUARD_REQUIRE_SIGNED": "0"}, want: policy.Request{File: found}},
		{name: "a boolean that is not one", env: map[string]string{"XCGUARD_REQUIRE_SIGNED": "yes"}, err: `XCGUARD_REQUIRE_SIGNED="yes": use 1 or true to turn it on, 0, false or nothing to leave it off`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := policy.Resolve(tt.s, env(tt.env), dir)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	// The loaders never read XCGUARD_*: a broken key in the environment
	// does not touch the embedded profiles.
	t.Setenv("XCGUARD_POLICY_KEY", filepath.Join(dir, "missing.pub"))
	t.Setenv("XCGUARD_REQUIRE_SIGNED", "1")
	if _, err := policy.LoadProfiles("gov-cloud"); err != nil {
		t.Errorf("LoadProfiles read the environment: %v", err)
	}
	_ = policy.Default()
}

// A setting given on the command line wins over the environment, also
// when it says no.
func TestResolveExplicitNo(t *testing.T) {
	env := func(k string) string {
		return map[string]string{"XCGUARD_TRUST_PROJECT": "1", "XCGUARD_REQUIRE_SIGNED": "true", "XCGUARD_PROFILE": ","}[k]
	}
	r, err := policy.Resolve(policy.Settings{Profile: "baseline", TrustProject: policy.Yes(false), RequireSigned: policy.Yes(false)}, env, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r.TrustProject || r.Trust.RequireSigned {
		t.Errorf("-trust-project=false and -require-signed=false lost to the environment: %+v", r)
	}
	_, err = policy.Resolve(policy.Settings{}, env, t.TempDir())
	if err == nil || !strings.HasPrefix(err.Error(), `XCGUARD_PROFILE="," names no profile`) {
		t.Errorf("an empty XCGUARD_PROFILE list: %v", err)
	}
}

// A pipeline's -profile is a floor a project's GODEBUG exception does not
// lower: the profile allows none.
func TestAllowGodebugUnderProfile(t *testing.T) {
	file := writePolicy(t, t.TempDir(), ".xcguard.yml", "version: 1\nextends: [gov-cloud]\ncrypto: {allow_godebug: [tlssha1=1]}\n")
	own, err := policy.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !own.Crypto.AllowsGodebug("tlssha1", "1") {
		t.Errorf("the file's own exception is lost without a -profile")
	}
	floor, err := policy.Load(file, []string{"gov-cloud"})
	if err != nil {
		t.Fatal(err)
	}
	if floor.Crypto.AllowsGodebug("tlssha1", "1") {
		t.Errorf("-profile gov-cloud let the project's exception through: %v", floor.Crypto.AllowGodebug)
	}
}
