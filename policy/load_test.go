package policy_test

import (
	"bytes"
	"crypto/tls"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/policy"
)

// constraintText compares version constraints by their canonical text.
var constraintText = cmp.Comparer(func(a, b policy.Constraint) bool { return a.String() == b.String() })

// samePolicy compares effective policies, not where they came from.
var samePolicy = cmp.Options{cmpopts.IgnoreFields(policy.Policy{}, "Sources", "Origins", "Provenance"), constraintText}

func load(t *testing.T, file string, profiles ...string) *policy.Policy {
	t.Helper()
	p, err := policy.Load(file, profiles)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadDefault(t *testing.T) {
	got := load(t, "")
	if diff := cmp.Diff([]string{"profile baseline"}, got.Sources); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(load(t, "", "baseline"), got, constraintText); diff != "" {
		t.Errorf("no file and no profile is not the baseline profile (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(policy.Default(), got, constraintText); diff != "" {
		t.Errorf("Default() (-want +got):\n%s", diff)
	}
}

func TestLoadCompletesRules(t *testing.T) {
	p := load(t, "", "iot-edge")
	var ids []string
	for id := range p.Rules {
		ids = append(ids, string(id))
	}
	slices.Sort(ids)
	if diff := cmp.Diff(docs.IDs(), ids); diff != "" {
		t.Errorf("an effective policy names every documented rule (-want +got):\n%s", diff)
	}
	if p.Version != 1 || p.Extends != nil {
		t.Errorf("Version, Extends = %d, %q; want 1 and none (resolved)", p.Version, p.Extends)
	}
}

func TestLoadFileWithoutExtendsBuildsOnBaseline(t *testing.T) {
	file := writePolicy(t, t.TempDir(), ".xcguard.yml", "version: 1\nrules: {XC202: off}\nbuild: {max_size: 8MiB}\n")
	got := load(t, file)

	want := load(t, "", "baseline")
	want.Rules["XC202"] = policy.Off
	want.Build.MaxSize = 8 << 20
	if diff := cmp.Diff(want, got, samePolicy); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"profile baseline", file}, got.Sources); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}
}

func TestLoadEmptyExtendsBuildsOnNothing(t *testing.T) {
	file := writePolicy(t, t.TempDir(), ".xcguard.yml", "version: 1\nextends: []\nrules: {XC101: error, XC202: warning}\n")
	got := load(t, file)

	want := &policy.Policy{Version: 1, Rules: map[policy.RuleID]policy.Severity{}, Sources: []string{file}}
	for _, id := range docs.IDs() {
		want.Rules[policy.RuleID(id)] = policy.Off
	}
	want.Rules["XC101"] = policy.Error
	want.Rules["XC202"] = policy.Warning
	// Origins say which file set what (policy show prints them).
	want.Origins = map[string][]string{"rules": {file}, "rules.XC101": {file}, "rules.XC202": {file}}
	if diff := cmp.Diff(want, got, constraintText); diff != "" {
		t.Errorf("rules not named are off, nothing else is set (-want +got):\n%s", diff)
	}
}

func TestLoadRelativeExtends(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "org/org.yml", "version: 1\nextends: [gov-cloud, shared.yml]\nbuild: {max_size: 30MiB}\n")
	writePolicy(t, dir, "org/shared.yml", "version: 1\nextends: []\nrules: {XC504: error}\n")
	project := writePolicy(t, dir, "team/svc/.xcguard.yml", "version: 1\nextends: [../../org/org.yml]\ncrypto: {tls_min_version: \"1.3\"}\n")

	// Resolved against the file's directory, not the working directory.
	t.Chdir(filepath.Join(dir, "team"))
	got := load(t, "svc/.xcguard.yml")

	want := load(t, "", "gov-cloud")
	want.Rules["XC504"] = policy.Error
	want.Build.MaxSize = 30 << 20
	want.Crypto.TLSMinVersion = tls.VersionTLS13
	if diff := cmp.Diff(want, got, samePolicy); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	wantSources := []string{
		"profile baseline", "profile gov-cloud",
		filepath.Join("..", "org", "shared.yml"),
		filepath.Join("..", "org", "org.yml"),
		"svc/.xcguard.yml",
	}
	if diff := cmp.Diff(wantSources, got.Sources); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}

	// The same file loaded by its absolute name.
	if diff := cmp.Diff(got, load(t, project), samePolicy); diff != "" {
		t.Errorf("absolute name (-relative +absolute):\n%s", diff)
	}
}

// TestLoadExtendsErrors: what goes wrong while resolving extends is reported
// at the extends entry that led there.
func TestLoadExtendsErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		load  string
		want  string // with DIR for the temporary directory
	}{
		{
			name:  "unknown profile",
			files: map[string]string{"a.yml": "version: 1\nextends: [baseline, gov-clod]\n"},
			load:  "a.yml",
			want:  `DIR/a.yml:2:21: unknown profile "gov-clod" (embedded profiles: baseline, finance, gov-cloud, iot-edge, kylin-v10, openeuler-20.03, openeuler-22.03, uos-20)`,
		},
		{
			name:  "unknown profile in a block list",
			files: map[string]string{"a.yml": "version: 1\nextends:\n  - gov-cloud\n  - fintech\n"},
			load:  "a.yml",
			want:  `DIR/a.yml:4:5: unknown profile "fintech" (embedded profiles: baseline, finance, gov-cloud, iot-edge, kylin-v10, openeuler-20.03, openeuler-22.03, uos-20)`,
		},
		{
			name:  "a file that extends itself",
			files: map[string]string{"a.yml": "version: 1\nextends: [a.yml]\n"},
			load:  "a.yml",
			want:  `DIR/a.yml:2:11: extends cycle: DIR/a.yml → DIR/a.yml`,
		},
		{
			name: "a cycle through two files",
			files: map[string]string{
				"a.yml":     "version: 1\nextends: [sub/b.yml]\n",
				"sub/b.yml": "version: 1\nextends: [gov-cloud, ../a.yml]\n",
			},
			load: "a.yml",
			want: `DIR/sub/b.yml:2:22: extends cycle: DIR/a.yml → DIR/sub/b.yml → DIR/a.yml`,
		},
		{
			name:  "a missing file",
			files: map[string]string{"a.yml": "version: 1\nextends: [org.yml]\n"},
			load:  "a.yml",
			want:  `DIR/a.yml:2:11: policy file DIR/org.yml does not exist: create it or pass -policy with an existing file`,
		},
		{
			name: "an error inside the extended file is reported there",
			files: map[string]string{
				"a.yml":   "version: 1\nextends: [org.yml]\n",
				"org.yml": "version: 1\nrules:\n  XC101: fatal\n",
			},
			load: "a.yml",
			want: `DIR/org.yml:3:10: invalid severity "fatal": use error, warning or off`,
		},
		{
			name: "extends entries that disagree",
			files: map[string]string{
				"a.yml": "version: 1\nextends: [x.yml, y.yml]\n",
				"x.yml": "version: 1\nextends: []\nbuild: {cgo: true}\n",
				"y.yml": "version: 1\nextends: []\nbuild: {cgo: false}\n",
			},
			load: "a.yml",
			want: `DIR/a.yml:2:11: DIR/x.yml and DIR/y.yml disagree on build.cgo (true and false): extend only one of them and set build.cgo in your own policy file`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				writePolicy(t, dir, name, text)
			}
			_, err := policy.Load(filepath.Join(dir, tc.load), nil)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			want := strings.ReplaceAll(tc.want, "DIR", dir)
			if diff := cmp.Diff(want, err.Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadFileWithProfiles(t *testing.T) {
	file := writePolicy(t, t.TempDir(), ".xcguard.yml", "version: 1\nextends: []\nrules: {XC504: warning}\ncrypto: {tls_min_version: \"1.2\"}\nbuild: {max_size: 10MiB}\n")
	got := load(t, file, "iot-edge")
	if got.Build.MaxSize != 10<<20 {
		t.Errorf("max_size = %v, want the file's smaller 10MiB", got.Build.MaxSize)
	}
	if got.Severity("XC504") != policy.Error {
		t.Errorf("XC504 = %v, want iot-edge's stricter error", got.Severity("XC504"))
	}
	if got.Crypto.TLSMinVersion != tls.VersionTLS12 {
		t.Errorf("tls_min_version = %v, want 1.2", got.Crypto.TLSMinVersion)
	}
	if got.Build.Smoke.MaxRSS != 45<<20 {
		t.Errorf("smoke.max_rss = %v, want iot-edge's 45MiB", got.Build.Smoke.MaxRSS)
	}
	if _, err := policy.Load(file, []string{"iot-edge", "nosuch"}); err == nil || !strings.Contains(err.Error(), `unknown profile "nosuch"`) {
		t.Errorf("Load with an unknown profile: %v", err)
	}
	if _, err := policy.Load(filepath.Join(t.TempDir(), "missing.yml"), nil); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func TestProfiles(t *testing.T) {
	if diff := cmp.Diff([]string{"baseline", "finance", "gov-cloud", "iot-edge", "kylin-v10", "openeuler-20.03", "openeuler-22.03", "uos-20"}, policy.Profiles()); diff != "" {
		t.Errorf("Profiles() (-want +got):\n%s", diff)
	}
	for _, name := range policy.Profiles() {
		if src, ok := policy.ProfileSource(name); !ok || !bytes.HasPrefix(src, []byte("# "+name+":")) {
			t.Errorf("ProfileSource(%q) does not start with its description", name)
		}
	}
	if _, ok := policy.ProfileSource("nosuch"); ok {
		t.Errorf("ProfileSource(nosuch) found something")
	}
}

// profileMatrix is the severity of every rule in each embedded profile:
// E error, W warning, - off.
const profileMatrix = `
      baseline gov-cloud finance iot-edge
XC001 E E E E
XC002 W W W W
XC101 E E E E
XC102 - E E -
XC103 E E E E
XC104 E E E E
XC105 E E E E
XC106 - E E -
XC107 W E E W
XC201 E E E E
XC202 W W W E
XC203 E E E E
XC301 E E E E
XC302 E E E E
XC303 W E E W
XC401 E E E E
XC402 - E E -
XC403 - E E -
XC404 - E E -
XC405 - E E -
XC501 - E - -
XC502 - - - E
XC503 - E - -
XC504 - - - E
XC505 - - - E
XC506 - - - E
XC507 - E - -
XC508 - E E -
XC509 E E E E
`

func TestProfileSeverities(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(profileMatrix), "\n")
	profiles := strings.Fields(lines[0])
	want := map[string]map[policy.RuleID]policy.Severity{}
	var ids []string
	for _, line := range lines[1:] {
		f := strings.Fields(line)
		ids = append(ids, f[0])
		for i, profile := range profiles {
			if want[profile] == nil {
				want[profile] = map[policy.RuleID]policy.Severity{}
			}
			want[profile][policy.RuleID(f[0])] = map[string]policy.Severity{"E": policy.Error, "W": policy.Warning, "-": policy.Off}[f[i+1]]
		}
	}
	if diff := cmp.Diff(docs.IDs(), ids); diff != "" {
		t.Fatalf("the matrix must list every documented rule (-want +got):\n%s", diff)
	}
	for _, profile := range profiles {
		t.Run(profile, func(t *testing.T) {
			if diff := cmp.Diff(want[profile], load(t, "", profile).Rules); diff != "" {
				t.Errorf("severities (-want +got):\n%s", diff)
			}
		})
	}
}

// TestProfileValues checks the embedded profiles against DESIGN §4.
func TestProfileValues(t *testing.T) {
	yes := true
	tests := []struct {
		profile string
		field   string
		get     func(*policy.Policy) any
		want    any
	}{
		{"baseline", "tls_min_version", func(p *policy.Policy) any { return p.Crypto.TLSMinVersion }, policy.TLSVersion(tls.VersionTLS12)},
		{"baseline", "require_gm", func(p *policy.Policy) any { return policy.True(p.Crypto.RequireGM) }, false},
		{"baseline", "weak crypto forbidden", func(p *policy.Policy) any {
			return importPaths(p.Crypto.ForbiddenImports, "crypto/md5", "crypto/sha1", "crypto/des", "crypto/rc4")
		}, []string{"crypto/md5", "crypto/sha1", "crypto/des", "crypto/rc4"}},
		{"baseline", "modules.mode", func(p *policy.Policy) any { return p.Modules.Mode }, policy.Denylist},

		{"gov-cloud", "targets", func(p *policy.Policy) any { return p.Build.Targets }, []policy.Target{"linux/arm64"}},
		{"gov-cloud", "cgo", func(p *policy.Policy) any { return p.Build.CGO }, &yes},
		{"gov-cloud", "max_glibc", func(p *policy.Policy) any { return p.Build.MaxGlibc }, policy.GlibcVersion("2.28")},
		{"gov-cloud", "require_gm", func(p *policy.Policy) any { return p.Crypto.RequireGM }, &yes},
		{"gov-cloud", "go_min", func(p *policy.Policy) any { return p.Modules.GoMin }, policy.GoVersion("1.19")},
		{"gov-cloud", "goarm64", func(p *policy.Policy) any { return p.Build.GOARM64 }, policy.ARM64Level("v8.0")},
		{"gov-cloud", "cc", func(p *policy.Policy) any { return p.Build.CC["linux/arm64"] }, "aarch64-linux-gnu-gcc"},

		{"finance", "require_gm", func(p *policy.Policy) any { return p.Crypto.RequireGM }, &yes},
		{"finance", "allow_dual_mode", func(p *policy.Policy) any { return p.Crypto.AllowDualMode }, &yes},
		{"finance", "tls_min_version", func(p *policy.Policy) any { return p.Crypto.TLSMinVersion }, policy.TLSVersion(tls.VersionTLS13)},
		{"finance", "go_min", func(p *policy.Policy) any { return p.Modules.GoMin }, policy.GoVersion("1.21")},
		{"finance", "gmsm constraint", func(p *policy.Policy) any { return moduleVersion(p.Modules.Allow, "github.com/tjfoc/gmsm") }, ">= v1.4.1"},

		{"iot-edge", "ldflags", func(p *policy.Policy) any { return string(p.Build.LDFlags) }, "-s -w"},
		{"iot-edge", "smoke.max_rss", func(p *policy.Policy) any { return p.Build.Smoke.MaxRSS }, policy.Size(45 << 20)},
		{"iot-edge", "forbid_linked", func(p *policy.Policy) any {
			return slices.DeleteFunc(slices.Clone(p.Build.ForbidLinked), func(s string) bool { return s != "net/http/pprof" && s != "expvar" })
		}, []string{"net/http/pprof", "expvar"}},
		{"iot-edge", "no build tag allows pprof", func(p *policy.Policy) any { return p.PProf.AllowBuildTags }, []string{}},
		{"iot-edge", "size budget", func(p *policy.Policy) any { return p.Build.MaxSize > 0 }, true},
	}
	for _, tc := range tests {
		t.Run(tc.profile+"/"+tc.field, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.get(load(t, "", tc.profile))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func importPaths(rules []policy.ImportRule, paths ...string) []string {
	var out []string
	for _, p := range paths {
		if slices.ContainsFunc(rules, func(r policy.ImportRule) bool { return r.Path == p && r.Use != "" && r.Reason != "" }) {
			out = append(out, p)
		}
	}
	return out
}

func moduleVersion(rules []policy.ModuleRule, path string) string {
	for _, r := range rules {
		if r.Path == path {
			return r.Version.String()
		}
	}
	return "(not listed)"
}

// TestProfilesCombine: every two embedded profiles combine, stricter winning.
func TestProfilesCombine(t *testing.T) {
	names := policy.Profiles()
	for i, a := range names {
		for _, b := range names[i+1:] {
			if _, err := policy.Load("", []string{a, b}); err != nil {
				t.Errorf("-profile %s,%s: %v", a, b, err)
			}
		}
	}

	p := load(t, "", "gov-cloud", "finance")
	if p.Crypto.TLSMinVersion != tls.VersionTLS13 || p.Modules.GoMin != "1.21" || !policy.True(p.Crypto.RequireGM) || !policy.True(p.Crypto.AllowDualMode) {
		t.Errorf("gov-cloud,finance: tls %v, go_min %v, require_gm %v, allow_dual_mode %v; want 1.3, 1.21, true, true",
			p.Crypto.TLSMinVersion, p.Modules.GoMin, policy.True(p.Crypto.RequireGM), policy.True(p.Crypto.AllowDualMode))
	}
	if got := moduleVersion(p.Modules.Allow, "github.com/tjfoc/gmsm"); got != ">= v1.4.1" {
		t.Errorf("gov-cloud,finance: gmsm constraint %q, want >= v1.4.1", got)
	}

	p = load(t, "", "gov-cloud", "iot-edge")
	got := []any{p.Build.Targets, policy.True(p.Build.CGO), p.Build.LDFlags, p.Build.Smoke.MaxRSS, p.PProf.AllowBuildTags, p.Severity("XC503"), p.Severity("XC504")}
	want := []any{[]policy.Target{"linux/arm64"}, true, policy.LinkFlags("-s -w"), policy.Size(45 << 20), []string{}, policy.Error, policy.Error}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gov-cloud,iot-edge (-want +got):\n%s", diff)
	}
}

// TestYAMLRoundTrip: YAML() is deterministic and loads back, with
// "extends: []", to the same policy.
func TestYAMLRoundTrip(t *testing.T) {
	cases := [][]string{{"baseline"}, {"gov-cloud"}, {"finance"}, {"iot-edge"}, {"gov-cloud", "finance"}, {"gov-cloud", "iot-edge"}}
	for _, profiles := range cases {
		t.Run(strings.Join(profiles, ","), func(t *testing.T) {
			roundTrip(t, load(t, "", profiles...))
		})
	}
	t.Run("DESIGN example", func(t *testing.T) {
		roundTrip(t, load(t, filepath.Join("testdata", "full.yml")))
	})
	t.Run("set but empty lists", func(t *testing.T) {
		p, err := policy.LoadBytes("empty.yml", "", []byte("version: 1\nextends: []\ncrypto: {cipher_suites: []}\nbuild: {allowed_libs: []}\nmodules: {allow: [{prefix: github.com/acme/, packages: []}]}\n"))
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, p)
	})
}

func roundTrip(t *testing.T, p *policy.Policy) {
	t.Helper()
	out, err := p.YAML()
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := p.YAML()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, again) {
			t.Fatalf("YAML() differs between calls:\n%s", cmp.Diff(string(out), string(again)))
		}
	}
	back, err := policy.LoadBytes("shown.yml", "", append(out, "extends: []\n"...))
	if err != nil {
		t.Fatalf("YAML() output does not load: %v\n%s", err, out)
	}
	if diff := cmp.Diff(p, back, samePolicy); diff != "" {
		t.Errorf("YAML() output loads to a different policy (-want +got):\n%s\n%s", diff, out)
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		files []string // policy files to create
		dirs  []string // directories to create
		from  string
		want  string // "" for none under the temporary directory
	}{
		{name: "in the directory itself", files: []string{"repo/.xcguard.yml"}, from: "repo", want: "repo/.xcguard.yml"},
		{name: "walks up", files: []string{"repo/.xcguard.yml"}, from: "repo/svc/cmd/app", want: "repo/.xcguard.yml"},
		{name: "the nearest wins", files: []string{"repo/.xcguard.yml", "repo/svc/.xcguard.yml"}, from: "repo/svc/cmd/app", want: "repo/svc/.xcguard.yml"},
		// Loading it then fails: skipping it would let a looser one further
		// up, or the default, judge the code.
		{name: "a directory of that name is found, not skipped", files: []string{"repo/.xcguard.yml"}, dirs: []string{"repo/svc/.xcguard.yml"}, from: "repo/svc/cmd", want: "repo/svc/.xcguard.yml"},
		{name: "not above the repository", files: []string{".xcguard.yml"}, dirs: []string{"repo/.git"}, from: "repo/svc", want: ""},
		{name: "the repository's own", files: []string{".xcguard.yml", "repo/.xcguard.yml"}, dirs: []string{"repo/.git"}, from: "repo/svc", want: "repo/.xcguard.yml"},
		{name: "a file of another name is not a policy", files: []string{"repo/xcguard.yml", "repo/.xcguard.yaml"}, from: "repo/svc", want: ""},
		{name: "none", from: "repo/svc", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, d := range append(tc.dirs, tc.from) {
				if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tc.files {
				writePolicy(t, root, f, "version: 1\n")
			}
			if tc.name == "not above the repository" {
				// the test's own check below would accept a file above root
				got, ok := policy.Find(filepath.Join(root, tc.from))
				if ok {
					t.Errorf("Find = %q, want none: the search left the repository", got)
				}
				return
			}
			got, ok := policy.Find(filepath.Join(root, tc.from))
			if tc.want == "" {
				// A policy file above the temporary directory is not ours to judge.
				if ok && strings.HasPrefix(got, root) {
					t.Errorf("Find = %q, want none", got)
				}
				return
			}
			if want := filepath.Join(root, tc.want); !ok || got != want {
				t.Errorf("Find = %q, %v; want %q", got, ok, want)
			}
		})
	}

	t.Run("from a relative directory", func(t *testing.T) {
		root := t.TempDir()
		want := writePolicy(t, root, ".xcguard.yml", "version: 1\n")
		if err := os.MkdirAll(filepath.Join(root, "a", "b"), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Chdir(filepath.Join(root, "a"))
		if got, ok := policy.Find("b"); !ok || got != want {
			t.Errorf("Find(b) = %q, %v; want %q", got, ok, want)
		}
	})
}

// A project's own C compiler stands when a pipeline adds the profile it
// extends with -profile: the profile's compiler is a default. The glibc
// limit still merges stricter-wins, and cgo must still agree.
func TestProfileYieldsToolchain(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "zig.yml", "version: 1\nextends: [gov-cloud]\nbuild:\n  cc: {linux/arm64: zig cc -target aarch64-linux-gnu.2.28}\n  sysroot: {linux/arm64: /opt/kylin}\n  max_glibc: \"2.31\"\n")
	p, err := policy.Load(filepath.Join(dir, "zig.yml"), []string{"gov-cloud"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Build.CC["linux/arm64"]; got != "zig cc -target aarch64-linux-gnu.2.28" {
		t.Errorf("cc = %q, want the project's zig", got)
	}
	if got := p.Build.Sysroot["linux/arm64"]; got != "/opt/kylin" {
		t.Errorf("sysroot = %q, want the project's", got)
	}
	if got := p.Build.MaxGlibc; got != "2.28" {
		t.Errorf("max_glibc = %q, want gov-cloud's stricter 2.28", got)
	}

	writePolicy(t, dir, "nocgo.yml", "version: 1\nextends: [gov-cloud]\nbuild: {cgo: false}\n")
	if _, err := policy.Load(filepath.Join(dir, "nocgo.yml"), []string{"gov-cloud"}); err == nil || !strings.Contains(err.Error(), "disagree on build.cgo") {
		t.Errorf("cgo off against -profile gov-cloud: err = %v, want a disagreement", err)
	}
}

// A directory others may write to is not searched: on a shared runner,
// /tmp/.xcguard.yml would judge every checkout under /tmp.
func TestFindSkipsSharedDirectories(t *testing.T) {
	root := t.TempDir()
	shared := filepath.Join(root, "shared")
	if err := os.MkdirAll(filepath.Join(shared, "ci", "svc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o1777); err != nil {
		t.Fatal(err)
	}
	writePolicy(t, shared, ".xcguard.yml", "version: 1\nrules: {XC101: off}\n")
	if got, ok := policy.Find(filepath.Join(shared, "ci", "svc")); ok {
		t.Errorf("Find = %q: a policy in a world-writable directory was used", got)
	}
	own := writePolicy(t, shared, "ci/.xcguard.yml", "version: 1\n")
	if got, ok := policy.Find(filepath.Join(shared, "ci", "svc")); !ok || got != own {
		t.Errorf("Find = %q, %v; want %q, below the shared directory", got, ok, own)
	}
}

// An OS profile describes the target OS and its CPUs: it has baseline's
// crypto, module and pprof settings, so that one named alone still checks,
// and its rules but for the three that judge a binary against the OS; it
// sets only build settings beyond them, without choosing targets.
func TestOSProfiles(t *testing.T) {
	base := load(t, "", "baseline")
	var names []string
	for _, name := range policy.Profiles() {
		if !policy.IsOSProfile(name) {
			continue
		}
		names = append(names, name)
		p := load(t, "", name)
		want := maps.Clone(base.Rules)
		for _, id := range []policy.RuleID{"XC501", "XC503", "XC507"} {
			want[id] = policy.Error
		}
		if diff := cmp.Diff(want, p.Rules); diff != "" {
			t.Errorf("%s: rules (-want +%s):\n%s", name, name, diff)
		}
		if diff := cmp.Diff(base.Crypto, p.Crypto); diff != "" || !reflect.DeepEqual(base.Modules, p.Modules) || !reflect.DeepEqual(base.PProf, p.PProf) {
			t.Errorf("%s sets more than build settings", name)
		}
		if len(p.Build.Targets) > 0 || p.Build.MaxGlibc == "" || len(p.Build.PerTarget) == 0 {
			t.Errorf("%s: targets %v, max_glibc %q, %d per-target entries; want no targets, a glibc and per-target settings", name, p.Build.Targets, p.Build.MaxGlibc, len(p.Build.PerTarget))
		}
	}
	if diff := cmp.Diff([]string{"kylin-v10", "openeuler-20.03", "openeuler-22.03", "uos-20"}, names); diff != "" {
		t.Errorf("OS profiles (-want +got):\n%s", diff)
	}
}

// OS profiles combine with policy profiles: the older glibc and the lower
// CPU level win, and each target keeps its OS facts.
func TestOSProfileCombines(t *testing.T) {
	p := load(t, "", "kylin-v10", "finance")
	if got := p.Build.For("linux/loong64").World; got != policy.OldWorld {
		t.Errorf("kylin-v10,finance: linux/loong64 world %q, want old", got)
	}
	if got := p.Build.For("linux/amd64"); got.GOAMD64 != "v1" || got.SmokeCPU != "Dhyana" || got.MaxGlibc != "2.28" {
		t.Errorf("kylin-v10,finance: linux/amd64 %+v, want v1, Dhyana, glibc 2.28", got)
	}
	if p.Crypto.TLSMinVersion != policy.TLSVersion(tls.VersionTLS13) {
		t.Errorf("kylin-v10,finance: TLS minimum %v, want finance's 1.3", p.Crypto.TLSMinVersion)
	}
	mixed := load(t, "", "openeuler-22.03", "kylin-v10")
	if got := mixed.Build.For("linux/arm64").MaxGlibc; got != "2.28" {
		t.Errorf("openeuler-22.03,kylin-v10: arm64 glibc %q, want the older 2.28", got)
	}
	if got := load(t, "", "openeuler-22.03").Build.For("linux/arm64"); got.MaxGlibc != "2.34" || got.GOARM64 != "v8.0" {
		t.Errorf("openeuler-22.03: arm64 %+v, want glibc 2.34, v8.0", got)
	}
}
