package xcguard_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The documented goreleaser signs: entry, run the way goreleaser runs it:
// its args with ${artifact} and ${signature} replaced and the
// {{ .Env.NAME }} template filled in, with xcguard on PATH. OpenSSL 3
// verifies the signature it writes, and so does xcguard sign -verify; a
// changed checksum file does not verify.
func TestGoreleaserSigns(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("examples", "goreleaser", ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Signs []struct {
			Cmd       string   `yaml:"cmd"`
			Args      []string `yaml:"args"`
			Signature string   `yaml:"signature"`
			Artifacts string   `yaml:"artifacts"`
		} `yaml:"signs"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Signs) != 1 || cfg.Signs[0].Cmd != "xcguard" || cfg.Signs[0].Artifacts != "checksum" {
		t.Fatalf("signs: %+v", cfg.Signs)
	}
	s := cfg.Signs[0]
	// The README shows this entry as it is.
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	entry := string(data[strings.Index(string(data), "signs:\n"):])
	if !strings.Contains(string(readme), entry) {
		t.Errorf("README.md does not show the signs: entry of examples/goreleaser/.goreleaser.yml:\n%s", entry)
	}

	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "xcguard"), "./cmd/xcguard")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// goreleaser finds cmd on PATH.
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for _, args := range [][]string{
		{"genpkey", "-algorithm", "SM2", "-out", "org.key"},
		{"pkey", "-in", "org.key", "-pubout", "-out", "org.pub"},
	} {
		if out, err := run("openssl", args...); err != nil {
			t.Fatalf("openssl %v: %v\n%s", args, err, out)
		}
	}
	artifact := filepath.Join(dir, "checksums.txt")
	if err := os.WriteFile(artifact, []byte("3f1e…  app_linux_arm64.tar.gz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	signature := strings.ReplaceAll(s.Signature, "${artifact}", artifact)
	var args []string
	for _, a := range s.Args {
		a = strings.ReplaceAll(a, "${artifact}", artifact)
		a = strings.ReplaceAll(a, "${signature}", signature)
		a = strings.ReplaceAll(a, "{{ .Env.XCGUARD_SIGN_KEY }}", filepath.Join(dir, "org.key"))
		if strings.Contains(a, "{{") {
			t.Fatalf("arg %q uses a template the test does not know", a)
		}
		args = append(args, a)
	}
	if out, err := run(s.Cmd, args...); err != nil {
		t.Fatalf("%s %v: %v\n%s", s.Cmd, args, err, out)
	}
	out, err := run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "org.pub", "-rawin", "-in", artifact, "-sigfile", signature, "-digest", "sm3", "-pkeyopt", "distid:1234567812345678")
	if err != nil || !strings.Contains(out, "Signature Verified Successfully") {
		t.Errorf("openssl does not verify the release signature: %v\n%s", err, out)
	}
	if out, err := run("xcguard", "sign", "-verify", "org.pub", "-o", signature, artifact); err != nil || !strings.Contains(out, "signature verified") {
		t.Errorf("xcguard sign -verify: %v\n%s", err, out)
	}
	if err := os.WriteFile(artifact, []byte("0000…  app_linux_arm64.tar.gz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := run("xcguard", "sign", "-verify", "org.pub", "-o", signature, artifact); err == nil || !strings.Contains(out, "signature does not verify") {
		t.Errorf("a changed checksum file verified: %v\n%s", err, out)
	}
}
