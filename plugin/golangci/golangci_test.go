package golangci_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/internal/cli"
)

// buildGolangciLint builds a real golangci-lint v2 with this plugin linked
// in, from testdata/gcl (the module `golangci-lint custom` would generate,
// without its git clone).
func buildGolangciLint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "custom-gcl")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = filepath.Join("testdata", "gcl")
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building golangci-lint with the plugin: %v\n%s", err, out)
	}
	return bin
}

// want is what every driver reports on testdata/target under iot-edge: a
// finding through facts across packages (XC203, XC301) and across modules
// (XC105 at a call into edgefw that always dials TLS), verification under
// a held lock (XC302, not once it is released), a dial with no deadline
// (XC303), the suppressed sha1 import absent, an unused directive (XC002),
// the correct TLS configs silent. (Sorted as strings.)
var want = []string{
	"cache.go:8:1: XC002",
	"internal/debug/debug.go:4:8: XC201",
	"main.go:14:12: XC203",
	"main.go:4:2: XC101",
	"telemetry.go:12:9: XC105",
	"upstream.go:12:2: XC301",
	"verify.go:18:12: XC302",
	"verify.go:32:9: XC303",
}

var finding = regexp.MustCompile(`^(\S+:\d+:\d+): (?:\w+: )?(XC\d{3})[: ]`)

// findings reduces report lines to "file:line:col: XCnnn".
func findings(out string) []string {
	var got []string
	for line := range strings.SplitSeq(out, "\n") {
		if m := finding.FindStringSubmatch(line); m != nil {
			got = append(got, m[1]+": "+m[2])
		}
	}
	slices.Sort(got)
	return got
}

func TestGolangciLint(t *testing.T) {
	bin := buildGolangciLint(t)
	t.Run("this repository", func(t *testing.T) { lintRepository(t, bin) })
	target, err := filepath.Abs(filepath.Join("testdata", "target"))
	if err != nil {
		t.Fatal(err)
	}
	var runIn func(cache string, env []string, args ...string) (string, int)
	run := func(args ...string) (string, int) { return runIn(t.TempDir(), nil, args...) }
	runIn = func(cache string, env []string, args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{"run", "--allow-parallel-runners", "--output.text.print-issued-lines=false", "--show-stats=false"}, args...)...)
		cmd.Dir = target
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+cache, "GOFLAGS=", "GOWORK=off")
		cmd.Env = append(cmd.Env, env...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), code
	}

	out, code := run("./...")
	if code != 1 {
		t.Fatalf("golangci-lint exited %d, want 1 (issues):\n%s", code, out)
	}
	if diff := cmp.Diff(want, findings(out)); diff != "" {
		t.Errorf("golangci-lint findings (-want +got):\n%s\n%s", diff, out)
	}
	// The message keeps the rule ID and the chains that XC301 and XC105
	// found across packages and modules.
	for _, s := range []string{
		"main.go:14:12: xcdebugmux: XC203: http.ListenAndServe serves http.DefaultServeMux, which exposes /debug/pprof (net/http/pprof via example.com/edge/internal/debug) (xcguard)",
		"upstream.go:12:2: xcblock: XC301: VerifyPeerCertificate may block on network I/O without a deadline: revoke.Check → http.Get (xcguard)",
		"telemetry.go:12:9: xctls: XC105: edgefw.Report dials (through edgefw.Report → http.Post in example.com/edgefw) with Go's default cipher suites, which include 3DES (tls3des=1 from go 1.22 in go.mod); use a tls.Config with the policy's CipherSuites, or undo what restores them (GODEBUG tls3des=0) (xcguard)",
	} {
		if !strings.Contains(out, s+"\n") {
			t.Errorf("golangci-lint output lacks\n%s\nin\n%s", s, out)
		}
	}

	// The README shows users exactly this configuration.
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(target, ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, cfg) {
		t.Errorf("README.md does not show testdata/target/.golangci.yml as it is")
	}

	// The same findings standalone: one analyzer suite, three drivers.
	var stdout, stderr bytes.Buffer
	err = cli.Run(context.Background(), []string{"vet", "-C", target, "-profile", "iot-edge", "./..."}, nil, &stdout, &stderr)
	if err == nil {
		t.Fatalf("xcguard vet found nothing:\n%s%s", stdout.String(), stderr.String())
	}
	if diff := cmp.Diff(want, findings(stdout.String())); diff != "" {
		t.Errorf("xcguard vet findings (-want +got):\n%s\n%s", diff, stdout.String())
	}

	// A policy that does not load fails the run, and fails it again on the
	// same cache: golangci-lint must not replay the refusal as a pass.
	broken := filepath.Join(t.TempDir(), "broken.yml")
	if err := os.WriteFile(broken, []byte("version: 1\nrule: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	for i := range 2 {
		out, code := runIn(cache, []string{"XCGUARD_POLICY=" + broken})
		if code == 0 || code == 1 || !strings.Contains(out, "broken.yml:2:1: unknown field") || findings(out) != nil {
			t.Errorf("run %d with a broken policy: exit %d, want a failure naming the policy and no findings\n%s", i+1, code, out)
		}
	}

	// --fix makes the edits xcguard fix makes: the same module fixed both
	// ways reads the same, and builds.
	t.Run("fix", func(t *testing.T) { lintFix(t, bin, cfg) })

	// A settings key the plugin does not know is a configuration error.
	bad := filepath.Join(t.TempDir(), "bad.yml")
	if err := os.WriteFile(bad, bytes.Replace(cfg, []byte("profile: iot-edge"), []byte("profiles: iot-edge"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code = run("-c", bad, "./...")
	if code != 3 || !strings.Contains(out, `unknown field "profiles" (known: policy, profile, tests, policy-key, require-signed)`) {
		t.Errorf("unknown setting: exit %d\n%s", code, out)
	}
}

// lintRepository runs golangci-lint with the repository's .golangci.yml on
// the repository, which passes, and on a module that breaks its layout
// rules (cibuild importing an analyzer) and its nolint rule, which does not.
func lintRepository(t *testing.T, bin string) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	lint := func(dir string, args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{"run", "--allow-parallel-runners", "--output.text.print-issued-lines=false", "--show-stats=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "XCGUARD_POLICY=", "XCGUARD_PROFILE=")
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	if out, code := lint(root, "./..."); code != 0 {
		t.Errorf("golangci-lint on this repository: exit %d\n%s", code, out)
	}

	bad := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":         "module example.com/layout\n\ngo 1.24\n\nrequire github.com/xcguard/xcguard v0.0.0\n\nreplace github.com/xcguard/xcguard => " + root + "\n",
		"go.sum":         string(sum),
		"cibuild/bad.go": "package cibuild\n\nimport \"github.com/xcguard/xcguard/analyzers\"\n\nvar N = len(analyzers.All) //nolint\n",
	}
	for name, data := range files {
		path := filepath.Join(bad, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, code := lint(bad, "-c", filepath.Join(root, ".golangci.yml"), "./...")
	for _, want := range []string{
		`cibuild/bad.go:3:8: import 'github.com/xcguard/xcguard/analyzers' is not allowed from list 'cibuild-judges-binaries': cibuild judges binaries, not source; share code through audit or policy (depguard)`,
		`cibuild/bad.go:5:28: directive ` + "`//nolint`" + ` should mention specific linter such as ` + "`//nolint:my-linter`" + ` (nolintlint)`,
		`cibuild/bad.go:5:28: directive ` + "`//nolint`" + ` should provide explanation such as ` + "`//nolint // this is why`" + ` (nolintlint)`,
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("layout breach: exit %d, want 1 with\n%s\n%s", code, want, out)
		}
	}
}

// lintFix runs golangci-lint --fix and xcguard fix on two copies of a
// module under gov-cloud that hashes with SHA-256 and seals with
// AES-128-GCM, and compares the fixed files.
func lintFix(t *testing.T, bin string, cfg []byte) {
	sum, err := os.ReadFile(filepath.Join("..", "..", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	var gmsum []string
	for _, l := range strings.Split(string(sum), "\n") {
		if strings.HasPrefix(l, "github.com/tjfoc/gmsm v1.4.1") {
			gmsum = append(gmsum, l)
		}
	}
	files := map[string]string{
		"go.mod":        "module example.com/seal\n\ngo 1.22\n\nrequire github.com/tjfoc/gmsm v1.4.1\n",
		"go.sum":        strings.Join(gmsum, "\n") + "\n",
		".golangci.yml": strings.Replace(string(cfg), "profile: iot-edge", "profile: gov-cloud", 1),
		"seal.go": `package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
)

func Sum(b []byte) [32]byte { return sha256.Sum256(b) }

func MAC(key, msg []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return m.Sum(nil)
}

func Seal(key [16]byte, nonce, msg []byte) ([]byte, error) {
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return gcm.Seal(nil, nonce, msg, nil), nil
}
`,
	}
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for _, dir := range dirs {
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command(bin, "run", "--allow-parallel-runners", "--fix", "--show-stats=false", "./...")
	cmd.Dir = dirs[0]
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "XCGUARD_POLICY=", "XCGUARD_PROFILE=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Logf("golangci-lint --fix: %v\n%s", err, out)
	}
	var stdout, stderr bytes.Buffer
	if err := cli.Run(context.Background(), []string{"fix", "-C", dirs[1], "-profile", "gov-cloud", "./..."}, nil, &stdout, &stderr); err != nil {
		t.Fatalf("xcguard fix: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	lint, err := os.ReadFile(filepath.Join(dirs[0], "seal.go"))
	if err != nil {
		t.Fatal(err)
	}
	own, err := os.ReadFile(filepath.Join(dirs[1], "seal.go"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(lint, []byte(files["seal.go"])) {
		t.Fatalf("golangci-lint --fix left seal.go as it was")
	}
	// golangci-lint, like go vet -fix, applies each import's fix as it
	// comes, so two new imports may land in two groups where xcguard fix
	// makes one: the code is the same.
	if diff := cmp.Diff(oneImportGroup(own), oneImportGroup(lint)); diff != "" {
		t.Errorf("golangci-lint --fix and xcguard fix differ (-xcguard +golangci-lint):\n%s", diff)
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = dirs[0]
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("the fixed module does not build: %v\n%s", err, out)
	}
}

// oneImportGroup makes a file's import block one sorted group.
func oneImportGroup(src []byte) string {
	before, rest, _ := strings.Cut(string(src), "import (\n")
	block, after, _ := strings.Cut(rest, ")\n")
	lines := strings.Fields(block)
	slices.Sort(lines)
	return before + "import (\n" + strings.Join(lines, "\n") + "\n)\n" + after
}
