package xcguard_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// giteePipeline is the part of a Gitee Go pipeline (.workflow/*.yml) the
// runner reads.
type giteePipeline struct {
	Version  string `yaml:"version"`
	Name     string `yaml:"name"`
	Triggers struct {
		Trigger string `yaml:"trigger"`
	} `yaml:"triggers"`
	Stages []struct {
		Name  string `yaml:"name"`
		Steps []struct {
			Step          string `yaml:"step"`
			Name          string `yaml:"name"`
			GolangVersion string `yaml:"golangVersion"`
			Commands      string `yaml:"commands"`
			Artifacts     []struct {
				Name string   `yaml:"name"`
				Path []string `yaml:"path"`
			} `yaml:"artifacts"`
		} `yaml:"steps"`
	} `yaml:"stages"`
}

// The shipped Gitee Go pipeline has Gitee's structure, pins xcguard, and
// its commands, run in bash on the example service, gate on the findings
// and leave the report artifacts. (go install of the pinned release is the
// one command replaced: the test builds this checkout instead.)
func TestGiteePipeline(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("examples", "gitee", ".workflow", "xcguard-pipeline.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var p giteePipeline
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&p); err != nil {
		t.Fatal(err)
	}
	if p.Version != "1.0" || p.Name == "" || p.Triggers.Trigger != "auto" || len(p.Stages) != 1 || len(p.Stages[0].Steps) != 1 {
		t.Fatalf("not a one-step Gitee Go pipeline: %+v", p)
	}
	step := p.Stages[0].Steps[0]
	if step.Step != "build@golang" || step.GolangVersion == "" {
		t.Errorf("step %q, golangVersion %q: want build@golang with a version", step.Step, step.GolangVersion)
	}
	install := regexp.MustCompile(`(?m)^go install github\.com/xcguard/xcguard/cmd/xcguard@(v\d+\.\d+\.\d+)$`)
	if !install.MatchString(step.Commands) || strings.Contains(step.Commands, "@latest") {
		t.Errorf("commands do not install a pinned xcguard:\n%s", step.Commands)
	}
	var artifacts []string
	for _, a := range step.Artifacts {
		artifacts = append(artifacts, a.Path...)
	}

	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	work, gopath := t.TempDir(), t.TempDir()
	if out, err := exec.Command("cp", "-r", filepath.Join(root, "examples", "edge-gateway")+"/.", work).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	script := install.ReplaceAllString(step.Commands, `(cd `+root+` && go build -o "$(go env GOPATH)/bin/xcguard" ./cmd/xcguard)`)
	modcache, _ := exec.Command("go", "env", "GOMODCACHE").Output()
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GOMODCACHE="+strings.TrimSpace(string(modcache)), "GOFLAGS=-mod=mod", "XCGUARD_POLICY=", "XCGUARD_PROFILE=")
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("pipeline commands: %v, want exit 1 (gov-cloud findings):\n%s", err, out)
	}
	if !strings.Contains(string(out), "upstream.go:6:2: XC102 import of crypto/tls, which has a GM counterpart, where the policy requires GM crypto (use gitee.com/Trisia/gotlcp/tlcp: tjfoc gmtls stops at TLS 1.2 and has no VerifyConnection; gotlcp's pa listener serves TLCP beside crypto/tls TLS 1.3)\n") {
		t.Errorf("the log lacks the gov-cloud findings:\n%s", out)
	}
	for _, a := range artifacts {
		if _, err := os.Stat(filepath.Join(work, a)); err != nil {
			t.Errorf("artifact %s: %v", a, err)
		}
	}
	summary, _ := os.ReadFile(filepath.Join(work, "xcguard-summary.md"))
	if !strings.HasPrefix(string(summary), "### xcguard: ") {
		t.Errorf("summary:\n%s", summary)
	}
}
