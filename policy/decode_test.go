package policy_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
)

// writePolicy writes a policy file into dir and returns its path.
func writePolicy(t *testing.T, dir, name, text string) string {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestDecodeErrors specifies every way a policy file is refused: each error
// names the file, line and column of the offending key or value.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		pos  string // line:col
		msg  string // the whole message after "file:line:col: "
	}{
		{
			name: "unknown top-level key lists the known ones",
			doc:  "version: 1\ncrytpo: {}\n",
			pos:  "2:1",
			msg:  `unknown field "crytpo" (known: build, crypto, extends, locked, modules, pprof, rules, signed, version)`,
		},
		{
			name: "unknown nested key lists the section's keys",
			doc:  "version: 1\ncrypto:\n  tls_min: \"1.3\"\n",
			pos:  "3:3",
			msg:  `unknown field "tls_min" in crypto (known: allow_dual_mode, allow_godebug, certified_modules, cipher_suites, forbidden_imports, gm_counterparts, gm_libraries, gm_library, require_gm, tls_min_version)`,
		},
		{
			name: "unknown key in a list entry",
			doc:  "version: 1\ncrypto:\n  forbidden_imports:\n    - {path: crypto/md5, replacement: x}\n",
			pos:  "4:26",
			msg:  `unknown field "replacement" in crypto.forbidden_imports[0] (known: path, reason, use)`,
		},
		{
			name: "string where a boolean is expected",
			doc:  "version: 1\ncrypto:\n  require_gm: \"yes\"\n",
			pos:  "3:15",
			msg:  `expected true or false for crypto.require_gm, found "yes"`,
		},
		{
			name: "a blank C compiler",
			doc:  "version: 1\nbuild:\n  cc: {linux/arm64: \"  \"}\n",
			pos:  "3:3",
			msg:  `build.cc for linux/arm64 is blank: name the C compiler, e.g. aarch64-linux-gnu-gcc in build`,
		},
		{
			name: "allow_godebug: not a weakening setting",
			doc:  "version: 1\ncrypto:\n  allow_godebug: [http2client=0]\n",
			pos:  "3:19",
			msg:  `"http2client" is not a GODEBUG setting that weakens crypto (known: tls10server, tlsrsakex, tls3des, tlsunsafeekm, rsa1024min, tlssha1, cryptocustomrand, x509sha1)`,
		},
		{
			name: "allow_godebug: the strong value needs no allowing",
			doc:  "version: 1\ncrypto:\n  allow_godebug: [tls10server=0]\n",
			pos:  "3:19",
			msg:  `tls10server="0" is not what weakens crypto; tls10server=1 does, and only that needs allowing`,
		},
		{
			name: "a target listed twice",
			doc:  "version: 1\nbuild:\n  targets: [linux/arm64, linux/amd64, linux/arm64]\n",
			pos:  "3:3",
			msg:  `build.targets lists linux/arm64 twice: name each target once in build`,
		},
		{
			name: "a CPU level on a target of another architecture",
			doc:  "version: 1\nbuild:\n  per_target:\n    linux/amd64: {goarm64: v8.0}\n",
			pos:  "3:3",
			msg:  `build.per_target.linux/amd64 sets goarm64, the arm64 CPU level, which a build for amd64 does not use: remove it in build`,
		},
		{
			name: "a LoongArch world on an arm64 target",
			doc:  "version: 1\nbuild:\n  per_target:\n    linux/arm64: {world: old}\n",
			pos:  "3:3",
			msg:  `build.per_target.linux/arm64 sets world, the LoongArch ABI, which a build for arm64 does not use: remove it in build`,
		},
		{
			name: "a smoke CPU that reads as an option",
			doc:  "version: 1\nbuild:\n  per_target:\n    linux/amd64: {smoke_cpu: -d}\n",
			pos:  "4:30",
			msg:  `invalid smoke_cpu "-d": name a qemu CPU model (qemu-aarch64 -cpu help lists them), e.g. cortex-a72`,
		},
		{
			name: "an unknown LoongArch world",
			doc:  "version: 1\nbuild:\n  per_target:\n    linux/loong64: {world: abi2}\n",
			pos:  "4:28",
			msg:  `invalid world "abi2": use old (Kylin V10, UOS 20) or new (upstream Go, glibc 2.36 or later)`,
		},
		{
			name: "an unknown per-target setting",
			doc:  "version: 1\nbuild:\n  per_target:\n    linux/amd64: {cc: gcc}\n",
			pos:  "4:19",
			msg:  `unknown field "cc" in build.per_target.linux/amd64 (known: goamd64, goarm64, gomips64, max_glibc, smoke_cpu, world)`,
		},
		{
			name: "a target that is not Linux",
			doc:  "version: 1\nbuild:\n  targets: [linux/arm64, windows/amd64]\n",
			pos:  "3:26",
			msg:  `target "windows/amd64" is not a Linux target: xcguard builds and inspects Linux binaries (Kylin, UOS, openEuler are Linux), e.g. linux/arm64`,
		},
		{
			name: "number where a string is expected",
			doc:  "version: 1\nbuild:\n  cc: {linux/arm64: 5}\n",
			pos:  "3:21",
			msg:  `expected a string for build.cc.linux/arm64, found "5": quote it`,
		},
		{
			name: "string where a number is expected",
			doc:  "version: \"1\"\n",
			pos:  "1:10",
			msg:  `expected a whole number for version, found "1"`,
		},
		{
			name: "scalar where a list is expected",
			doc:  "version: 1\nextends: gov-cloud\n",
			pos:  "2:10",
			msg:  `expected a list for extends, found "gov-cloud"`,
		},
		{
			name: "list where a value is expected",
			doc:  "version: 1\ncrypto:\n  tls_min_version: [\"1.3\"]\n",
			pos:  "3:20",
			msg:  `expected a single value for crypto.tls_min_version, found a list`,
		},
		{
			name: "list where a string is expected",
			doc:  "version: 1\nbuild:\n  ldflags: [-s, -w]\n",
			pos:  "3:12",
			msg:  `expected a single value for build.ldflags, found a list`,
		},
		{
			name: "list where a section is expected",
			doc:  "version: 1\nbuild: [linux/arm64]\n",
			pos:  "2:8",
			msg:  `expected a mapping for build, found a list`,
		},
		{
			name: "a document that is not a mapping",
			doc:  "- version: 1\n",
			pos:  "1:1",
			msg:  `expected a mapping for the policy, found a list`,
		},
		{
			name: "duplicate top-level key",
			doc:  "version: 1\ncrypto: {}\ncrypto: {}\n",
			pos:  "3:1",
			msg:  `duplicate field "crypto"`,
		},
		{
			name: "duplicate nested key",
			doc:  "version: 1\nbuild:\n  cgo: true\n  cgo: false\n",
			pos:  "4:3",
			msg:  `duplicate field "cgo" in build`,
		},
		{
			name: "duplicate rule",
			doc:  "version: 1\nrules:\n  XC101: error\n  XC101: off\n",
			pos:  "4:3",
			msg:  `duplicate key "XC101" for rules`,
		},
		{
			name: "unknown rule",
			doc:  "version: 1\nrules:\n  XC999: error\n",
			pos:  "3:3",
			msg:  `unknown rule "XC999" (see 'xcguard list')`,
		},
		{
			name: "bad severity",
			doc:  "version: 1\nrules:\n  XC101: fatal\n",
			pos:  "3:10",
			msg:  `invalid severity "fatal": use error, warning or off`,
		},
		{
			name: "empty document",
			doc:  "",
			pos:  "1:1",
			msg:  `empty policy: start it with "version: 1"`,
		},
		{
			name: "only comments",
			doc:  "# our policy\n",
			pos:  "1:1",
			msg:  `empty policy: start it with "version: 1"`,
		},
		{
			name: "version 2",
			doc:  "crypto: {}\nversion: 2\n",
			pos:  "2:10",
			msg:  `unsupported policy version 2: this xcguard reads "version: 1"`,
		},
		{
			name: "version missing",
			doc:  "crypto: {}\n",
			pos:  "1:1",
			msg:  `unsupported policy version 0: this xcguard reads "version: 1"`,
		},
		{
			name: "module entry with path and prefix",
			doc:  "version: 1\nmodules:\n  allow:\n    - {path: github.com/tjfoc/gmsm, prefix: github.com/tjfoc/}\n",
			pos:  "4:7",
			msg:  `a module entry needs exactly one of path, prefix or glob in modules.allow[0]`,
		},
		{
			name: "module entry with prefix and glob",
			doc:  "version: 1\nmodules:\n  deny:\n    - prefix: github.com/a/\n    - prefix: github.com/b/\n      glob: github.com/b/*\n",
			pos:  "5:7",
			msg:  `a module entry needs exactly one of path, prefix or glob in modules.deny[1]`,
		},
		{
			name: "module entry with none",
			doc:  "version: 1\nmodules:\n  deny:\n    - {reason: unmaintained}\n",
			pos:  "4:7",
			msg:  `a module entry needs exactly one of path, prefix or glob in modules.deny[0]`,
		},
		{
			name: "import entry without path",
			doc:  "version: 1\ncrypto:\n  forbidden_imports:\n    - {reason: broken}\n",
			pos:  "4:7",
			msg:  `an entry needs a path in crypto.forbidden_imports[0]`,
		},
		{
			name: "certified module without a name",
			doc:  "version: 1\ncrypto:\n  certified_modules:\n    - {path: example.com/sdf}\n",
			pos:  "4:7",
			msg:  `a certified module needs a path and a name in crypto.certified_modules[0]`,
		},
		{
			name: "unknown GM library",
			doc:  "version: 1\ncrypto:\n  gm_library: github.com/ZZMarquis/gm\n",
			pos:  "3:15",
			msg:  `invalid crypto.gm_library "github.com/ZZMarquis/gm": use github.com/tjfoc/gmsm or github.com/emmansun/gmsm`,
		},
		{
			name: "invalid version constraint",
			doc:  "version: 1\nmodules:\n  allow:\n    - {path: github.com/tjfoc/gmsm, version: \">= 1.4\"}\n",
			pos:  "4:46",
			msg:  `invalid version constraint ">= 1.4": use comparisons of semantic versions, e.g. ">= v1.4.1, < v2.0.0"`,
		},
		{
			name: "invalid size",
			doc:  "version: 1\nbuild:\n  max_size: 20XB\n",
			pos:  "3:13",
			msg:  `invalid size "20XB": use a positive number with B, KiB, MiB or GiB, e.g. 20MiB`,
		},
		{
			name: "invalid target in a list",
			doc:  "version: 1\nbuild:\n  targets: [linux/arm64, linux/aarch64]\n",
			pos:  "3:26",
			msg:  `invalid target "linux/aarch64": use GOOS/GOARCH, e.g. linux/arm64`,
		},
		{
			name: "invalid target as a map key",
			doc:  "version: 1\nbuild:\n  cc: {kylin/arm64: gcc}\n",
			pos:  "3:8",
			msg:  `invalid target "kylin/arm64": use GOOS/GOARCH, e.g. linux/arm64`,
		},
		{
			name: "invalid duration",
			doc:  "version: 1\nbuild:\n  smoke: {timeout: 0s}\n",
			pos:  "3:20",
			msg:  `invalid duration "0s": use a positive Go duration, e.g. 10s or 1m30s`,
		},
		{
			name: "a second document",
			doc:  "version: 1\n---\nrules: {XC101: off}\n",
			pos:  "3:1",
			msg:  `a second YAML document would be ignored: a policy file holds one, merge them`,
		},
		{
			name: "YAML syntax error",
			doc:  "version: 1\nrules:\n  XC101: error\n XC102: off\n",
			pos:  "4:1",
			msg:  `YAML syntax: did not find expected key`,
		},
		{
			name: "YAML flow mapping left open: the line where it opens",
			doc:  "version: 1\ncrypto: {tls_min_version: \"1.3\"\nrules: {}\n",
			pos:  "2:1",
			msg:  `YAML syntax: did not find expected ',' or '}'`,
		},
		{
			name: "YAML flow sequence left open further down",
			doc:  "version: 1\n\n\nrules: {XC101: [error,\n  XC102: off}\n",
			pos:  "4:1",
			msg:  `YAML syntax: did not find expected ',' or ']'`,
		},
		{
			name: "YAML syntax error on the first line",
			doc:  "\tversion: 1\n",
			pos:  "1:1",
			msg:  `YAML syntax: found character that cannot start any token`,
		},
		{
			name: "YAML alias to no anchor",
			doc:  "version: 1\nbuild:\n  targets: *arm\n",
			pos:  "3:12",
			msg:  `YAML syntax: unknown anchor 'arm' referenced`,
		},
	}
	dir := t.TempDir()
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := writePolicy(t, dir, fmt.Sprintf("p%d.yml", i), tc.doc)
			_, err := policy.Load(file, nil)
			if err == nil {
				t.Fatalf("Load accepted:\n%s", tc.doc)
			}
			if diff := cmp.Diff(file+":"+tc.pos+": "+tc.msg, err.Error()); diff != "" {
				t.Errorf("Load error (-want +got):\n%s", diff)
			}
			var perr *policy.PosError
			if !errors.As(err, &perr) {
				t.Fatalf("Load error is a %T, want a *policy.PosError", err)
			}
			if got := fmt.Sprintf("%d:%d", perr.Line, perr.Col); got != tc.pos {
				t.Errorf("PosError position %s, want %s", got, tc.pos)
			}

			// LoadBytes reports the same error under the name it is given.
			_, err = policy.LoadBytes(".xcguard.yml", dir, []byte(tc.doc))
			if err == nil || err.Error() != ".xcguard.yml:"+tc.pos+": "+tc.msg {
				t.Errorf("LoadBytes error = %v, want the same as Load's", err)
			}
		})
	}
}

// TestDecodeAccepts specifies forms the strict decoder still accepts.
func TestDecodeAccepts(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		check func(*policy.Policy) string // describes what is wrong, or ""
	}{
		{
			name: "unquoted TLS version",
			doc:  "crypto: {tls_min_version: 1.3}",
			check: func(p *policy.Policy) string {
				return cmp.Diff("1.3", p.Crypto.TLSMinVersion.String())
			},
		},
		{
			name: "unquoted Go version keeps its text",
			doc:  "modules: {go_min: 1.20}",
			check: func(p *policy.Policy) string {
				return cmp.Diff(policy.GoVersion("1.20"), p.Modules.GoMin)
			},
		},
		{
			name: "anchors and aliases",
			doc:  "build:\n  targets: &t [linux/arm64]\n  allowed_libs: [libc.so.6]\n  forbid_linked: [expvar]\npprof: {allow_build_tags: *t}",
			check: func(p *policy.Policy) string {
				return cmp.Diff([]string{"linux/arm64"}, p.PProf.AllowBuildTags)
			},
		},
		{
			name: "false is a set value",
			doc:  "crypto: {require_gm: false}",
			check: func(p *policy.Policy) string {
				if p.Crypto.RequireGM == nil || *p.Crypto.RequireGM {
					return "require_gm is not a set false"
				}
				return ""
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := policy.LoadBytes("p.yml", "", []byte("version: 1\nextends: []\n"+tc.doc+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			if problem := tc.check(p); problem != "" {
				t.Error(problem)
			}
		})
	}
}

// TestDesignExample loads the full example policy of DESIGN §4.
func TestDesignExample(t *testing.T) {
	p, err := policy.Load(filepath.Join("testdata", "full.yml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(p.Sources, " "), "full.yml") {
		t.Errorf("Sources = %q, want the file among them", p.Sources)
	}
	for _, mod := range []struct {
		version string
		want    bool
	}{{"v1.4.1", true}, {"v1.5.0", true}, {"v1.4.0", false}} {
		if got := p.Modules.Allow[0].Version.Allows(mod.version); got != mod.want {
			t.Errorf("gmsm %s allowed = %v, want %v", mod.version, got, mod.want)
		}
	}
}
