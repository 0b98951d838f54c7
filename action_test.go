package xcguard_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action is the part of action.yml a runner reads.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name             string            `yaml:"name"`
			ID               string            `yaml:"id"`
			Shell            string            `yaml:"shell"`
			WorkingDirectory string            `yaml:"working-directory"`
			Env              map[string]string `yaml:"env"`
			Run              string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) *action {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

var expr = regexp.MustCompile(`\$\{\{\s*([a-z.\-_]+)\s*\}\}`)

// runner is a simulated Actions runner: a workspace, the files a runner
// hands a step, and the expression values a composite action sees.
type runner struct {
	t                       *testing.T
	workspace, temp         string
	output, summary, action string
	// base is github.event.pull_request.base.sha: "" outside a pull request.
	base string
	// env is added to every step's environment, last.
	env []string
}

func newRunner(t *testing.T) *runner {
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{t: t, workspace: t.TempDir(), temp: t.TempDir(), action: root}
	r.output = filepath.Join(r.temp, "output")
	r.summary = filepath.Join(r.temp, "summary.md")
	// The repository the workflow checked out: the example service in svc/.
	if out, err := exec.Command("cp", "-r", filepath.Join(root, "examples", "edge-gateway"), filepath.Join(r.workspace, "svc")).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	return r
}

// eval evaluates the expressions of an env value or working-directory.
func (r *runner) eval(a *action, inputs map[string]string, s string) string {
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		name := expr.FindStringSubmatch(m)[1]
		switch {
		case name == "github.action_path":
			return r.action
		case name == "runner.temp":
			return r.temp
		case name == "github.event.pull_request.base.sha":
			return r.base
		case strings.HasPrefix(name, "inputs."):
			in := strings.TrimPrefix(name, "inputs.")
			def, ok := a.Inputs[in]
			if !ok {
				r.t.Fatalf("action.yml uses undeclared input %q", in)
			}
			if v, ok := inputs[in]; ok {
				return v
			}
			return def.Default
		}
		r.t.Fatalf("unexpected expression %s", m)
		return ""
	})
}

// run runs every step as the runner would, returning the last step's
// output and exit code.
func (r *runner) run(a *action, inputs map[string]string) (string, int) {
	os.WriteFile(r.output, nil, 0o644)
	os.WriteFile(r.summary, nil, 0o644)
	var out []byte
	code := 0
	for _, step := range a.Runs.Steps {
		cmd := exec.Command("bash", "-e", "-c", step.Run)
		cmd.Dir = filepath.Join(r.workspace, r.eval(a, inputs, step.WorkingDirectory))
		cmd.Env = append(os.Environ(),
			"RUNNER_TEMP="+r.temp, "GITHUB_WORKSPACE="+r.workspace,
			"GITHUB_OUTPUT="+r.output, "GITHUB_STEP_SUMMARY="+r.summary,
			"GOPROXY=off", "GOFLAGS=-mod=mod", "XCGUARD_POLICY=", "XCGUARD_PROFILE=")
		for k, v := range step.Env {
			cmd.Env = append(cmd.Env, k+"="+r.eval(a, inputs, v))
		}
		cmd.Env = append(cmd.Env, r.env...)
		var err error
		out, err = cmd.CombinedOutput()
		code = 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			r.t.Fatal(err)
		}
		if code != 0 && step.ID != "run" {
			r.t.Fatalf("step %q failed (%d):\n%s", step.Name, code, out)
		}
	}
	return string(out), code
}

func (r *runner) outputs() map[string]string {
	data, err := os.ReadFile(r.output)
	if err != nil {
		r.t.Fatal(err)
	}
	m := map[string]string{}
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		m[k] = v
	}
	return m
}

// The action is composite, and inputs reach the shell only through env:
// an input spliced into run: would be a script injection.
func TestActionShape(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite (no Node or Docker on Gitea/Forgejo runners)", a.Runs.Using)
	}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q has an expression inside run:; pass it through env:", s.Name)
		}
		if s.Shell != "bash" {
			t.Errorf("step %q: shell %q, want bash", s.Name, s.Shell)
		}
	}
	for _, name := range []string{"errors", "warnings", "suppressed", "sarif", "inventory"} {
		if _, ok := a.Outputs[name]; !ok {
			t.Errorf("output %q missing", name)
		}
	}
}

// The action on the example service: annotations with repository paths,
// the job summary, the outputs, the SARIF report, and the exit status each
// fail-level asks for.
func TestActionOnExample(t *testing.T) {
	a := readAction(t)
	r := newRunner(t)
	out, code := r.run(a, map[string]string{"working-directory": "svc"})
	if code != 1 {
		t.Fatalf("exit %d, want 1 (errors at fail-level error):\n%s", code, out)
	}
	for _, want := range []string{
		"::error file=svc/sign.go,line=4,col=2,endLine=4,title=XC101::XC101: import of crypto/md5: MD5 is broken (practical collisions) (use github.com/tjfoc/gmsm/sm3)\n",
		"::error file=svc/main.go,line=37,col=12,endLine=37,title=XC203::XC203: http.ListenAndServe serves http.DefaultServeMux",
		"xcguard: 8 errors, 1 warnings, 1 suppressed (fail-level error)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("step output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "cache.go") {
		t.Errorf("the suppressed sha1 import was annotated:\n%s", out)
	}
	got := r.outputs()
	want := map[string]string{"errors": "8", "warnings": "1", "suppressed": "1", "sarif": "svc/xcguard.sarif"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("output %s = %q, want %q", k, got[k], v)
		}
	}
	summary, _ := os.ReadFile(r.summary)
	for _, want := range []string{
		"### xcguard: 8 errors, 1 warning, 1 suppressed\n",
		"| XC101 | 1 | 0 | 1 |\n",
		"| error | XC301 | `svc/upstream.go:26:3` | VerifyPeerCertificate may block on network I/O without a deadline: checkRevocation → http.Get |\n",
	} {
		if !strings.Contains(string(summary), want) {
			t.Errorf("job summary lacks %q:\n%s", want, summary)
		}
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			AutomationDetails struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind          string `json:"kind"`
					Justification string `json:"justification"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(filepath.Join(r.workspace, "svc", "xcguard.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sarif); err != nil {
		t.Fatal(err)
	}
	// One run per part, each with its category: the audit's is empty here.
	var runs []string
	results, suppressed := 0, 0
	for _, run := range sarif.Runs {
		runs = append(runs, fmt.Sprintf("%s %d", run.AutomationDetails.ID, len(run.Results)))
		for _, res := range run.Results {
			results++
			if len(res.Suppressions) > 0 && res.Suppressions[0].Kind == "inSource" {
				suppressed++
			}
		}
	}
	if got := strings.Join(runs, ", "); sarif.Version != "2.1.0" || got != "xcguard/audit/ 2, xcguard/vet/ 8" || results != 10 || suppressed != 1 {
		t.Errorf("SARIF %s: runs %s, %d results, %d suppressed in source; want 2.1.0, xcguard/audit/ 2, xcguard/vet/ 8, 10, 1", sarif.Version, got, results, suppressed)
	}

	// fail-level none reports the same and passes; a bad value is refused.
	out, code = r.run(a, map[string]string{"working-directory": "svc", "fail-level": "none"})
	if code != 0 || !strings.Contains(out, "xcguard: 8 errors, 1 warnings, 1 suppressed (fail-level none)") {
		t.Errorf("fail-level none: exit %d\n%s", code, out)
	}
	out, code = r.run(a, map[string]string{"working-directory": "svc", "fail-level": "strict"})
	if code != 2 || !strings.Contains(out, `::error title=xcguard::fail-level must be error, warning or none, not "strict"`) {
		t.Errorf("fail-level strict: exit %d\n%s", code, out)
	}
	// A policy that does not exist: xcguard's own message, exit 2.
	out, code = r.run(a, map[string]string{"working-directory": "svc", "policy": "missing.yml"})
	if code != 2 || !strings.Contains(out, "policy file missing.yml does not exist") {
		t.Errorf("missing policy: exit %d\n%s", code, out)
	}
}

// With the build part the action cross-compiles for gov-cloud and adds the
// binary's findings (XC503 with Debian's gcc) and a second SARIF file.
// With the inventory input the vet part writes the CBOM too, and the
// output names it; without vet there is nothing to inventory.
func TestActionInventory(t *testing.T) {
	a := readAction(t)
	r := newRunner(t)
	out, code := r.run(a, map[string]string{"working-directory": "svc", "inventory": "cbom.json"})
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	if got := r.outputs()["inventory"]; got != "svc/cbom.json" {
		t.Errorf("output inventory = %q, want svc/cbom.json", got)
	}
	cbom, err := os.ReadFile(filepath.Join(r.workspace, "svc", "cbom.json"))
	if err != nil || !strings.Contains(string(cbom), `"specVersion": "1.6"`) || !strings.Contains(string(cbom), `"name": "MD5"`) {
		t.Errorf("no CBOM of the example service (%v):\n%s", err, cbom)
	}
	out, code = r.run(a, map[string]string{"working-directory": "svc", "inventory": "cbom.json", "parts": "audit"})
	if code != 2 || !strings.Contains(out, "::error title=xcguard::the inventory comes from the vet part: add vet to parts") {
		t.Errorf("inventory without vet: exit %d, want 2 and one error line:\n%s", code, out)
	}
}

func TestActionBuild(t *testing.T) {
	a := readAction(t)
	r := newRunner(t)
	out, code := r.run(a, map[string]string{"working-directory": "svc", "parts": "audit,build", "build-package": ".", "profile": "gov-cloud"})
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	if !regexp.MustCompile(`(?m)^::error file=svc/dist/edge-gateway,title=XC503::XC503: binary needs GLIBC_2.34`).MatchString(out) {
		t.Errorf("no XC503 annotation for the binary:\n%s", out)
	}
	for _, f := range []string{"xcguard.sarif", "xcguard-build.sarif", "dist/SM3SUMS", "dist/manifest.json"} {
		if _, err := os.Stat(filepath.Join(r.workspace, "svc", f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// On a pull request with only-new-issues the annotations and the failure
// are the pull request's findings only; with a baseline, the old ones are
// counted as baselined. Outside a pull request everything is reported.
func TestActionOnlyNewIssues(t *testing.T) {
	a := readAction(t)
	r := newRunner(t)
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = r.workspace
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=CI", "GIT_AUTHOR_EMAIL=ci@example.com", "GIT_COMMITTER_NAME=CI", "GIT_COMMITTER_EMAIL=ci@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	base := git("rev-parse", "HEAD")
	// The pull request adds a weak hash.
	if err := os.WriteFile(filepath.Join(r.workspace, "svc", "legacy.go"), []byte("package main\n\nimport \"crypto/sha1\"\n\nvar _ = sha1.New\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "pull request")

	r.base = base
	out, code := r.run(a, map[string]string{"working-directory": "svc", "only-new-issues": "true"})
	if code != 1 || !strings.Contains(out, "::error file=svc/legacy.go,line=3,col=8,") || strings.Contains(out, "file=svc/sign.go") {
		t.Errorf("only-new-issues: exit %d, want 1 and only legacy.go annotated:\n%s", code, out)
	}
	if got := r.outputs()["errors"]; got != "1" {
		t.Errorf("only-new-issues: errors output %q, want 1", got)
	}

	// The old findings recorded in a baseline: counted apart, not failed on.
	if out, err := exec.Command(filepath.Join(r.temp, "xcguard-bin", "xcguard"), "check", "-C", filepath.Join(r.workspace, "svc"), "-baseline", filepath.Join(r.workspace, "svc", ".xcguard-baseline.yml"), "-update-baseline").CombinedOutput(); err != nil {
		t.Fatalf("update-baseline: %v\n%s", err, out)
	}
	r.base = ""
	out, code = r.run(a, map[string]string{"working-directory": "svc", "baseline": ".xcguard-baseline.yml"})
	if code != 0 || strings.Contains(out, "::error") {
		t.Errorf("baseline: exit %d, want 0 and no annotation:\n%s", code, out)
	}
	if got := r.outputs(); got["errors"] != "0" || got["baselined"] != "10" {
		t.Errorf("baseline: outputs %v, want 0 errors and 10 baselined", got)
	}

	// Not a pull request: a notice, and every finding.
	out, code = r.run(a, map[string]string{"working-directory": "svc", "only-new-issues": "true"})
	if code != 1 || !strings.Contains(out, "::notice title=xcguard::only-new-issues: not a pull request") || !strings.Contains(out, "file=svc/sign.go") {
		t.Errorf("push: exit %d, want 1, a notice and every finding:\n%s", code, out)
	}
	out, code = r.run(a, map[string]string{"working-directory": "svc", "only-new-issues": "yes"})
	if code != 2 || !strings.Contains(out, `only-new-issues must be true or false, not "yes"`) {
		t.Errorf("only-new-issues yes: exit %d\n%s", code, out)
	}
}

// A repository that is a go.work workspace: the action at its root covers
// every module, with paths from the root.
func TestActionWorkspace(t *testing.T) {
	a := readAction(t)
	r := newRunner(t)
	write := func(name, text string) {
		p := filepath.Join(r.workspace, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.work", "go 1.24\n\nuse (\n\t./svc\n\t./tools\n)\n")
	write("tools/go.mod", "module example.com/tools\n\ngo 1.24\n")
	write("tools/hash.go", "package tools\n\nimport \"crypto/sha1\"\n\nvar _ = sha1.New\n")
	r.env = []string{"GOFLAGS="} // the go command refuses -mod=mod in workspace mode
	out, code := r.run(a, map[string]string{})
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{
		"::error file=tools/hash.go,line=3,col=8,",
		"::error file=svc/sign.go,line=4,col=2,",
		// In workspace mode go.work's go line sets the GODEBUG defaults.
		"::warning file=go.work,line=1,col=1,endLine=1,title=XC107::",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("annotations lack %q:\n%s", want, out)
		}
	}
}

// The README's workflow snippet uses only inputs and outputs the action
// declares.
func TestActionREADME(t *testing.T) {
	a := readAction(t)
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "uses: xcguard/xcguard@")
	if start < 0 {
		t.Fatal("README has no workflow using the action")
	}
	// The step runs from its uses: line to the next step.
	block := readme[start:]
	block = block[:strings.Index(block, "\n      - ")]
	var with bool
	for line := range strings.SplitSeq(block, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "with:":
			with = true
		case with && strings.Contains(trimmed, ":"):
			key, _, _ := strings.Cut(trimmed, ":")
			if _, ok := a.Inputs[key]; !ok {
				t.Errorf("README passes input %q, which action.yml does not declare", key)
			}
		}
	}
	for _, m := range regexp.MustCompile(`steps\.xcguard\.outputs\.(\w+)`).FindAllStringSubmatch(readme, -1) {
		if _, ok := a.Outputs[m[1]]; !ok {
			t.Errorf("README reads output %q, which action.yml does not declare", m[1])
		}
	}
}
