package xcguard_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// pinnedInstall is the one command of a pipeline the tests replace: the
// pinned release, built from this checkout instead.
var pinnedInstall = regexp.MustCompile(`go install github\.com/xcguard/xcguard/cmd/xcguard@v\d+\.\d+\.\d+`)

// runOnExample runs a pipeline's shell script in bash (-e, as GitLab's
// runner and Jenkins' sh do) in a copy of the example service, with the
// pinned install replaced by a build of this checkout. It returns the
// directory, the output and the exit code.
func runOnExample(t *testing.T, script string) (string, string, int) {
	t.Helper()
	if !pinnedInstall.MatchString(script) || strings.Contains(script, "@latest") {
		t.Fatalf("the pipeline does not install a pinned xcguard:\n%s", script)
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	work, gopath := t.TempDir(), t.TempDir()
	if out, err := exec.Command("cp", "-r", filepath.Join(root, "examples", "edge-gateway")+"/.", work).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	script = pinnedInstall.ReplaceAllString(script, `(cd `+root+` && go build -o "$(go env GOPATH)/bin/xcguard" ./cmd/xcguard)`)
	modcache, _ := exec.Command("go", "env", "GOMODCACHE").Output()
	cmd := exec.Command("bash", "-e", "-c", script)
	cmd.Dir = work
	// Offline: the proxy the pipeline names is not reachable here.
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GOMODCACHE="+strings.TrimSpace(string(modcache)), "GOFLAGS=-mod=mod", "GOPROXY=off", "XCGUARD_POLICY=", "XCGUARD_PROFILE=")
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return work, string(out), code
}

// The shipped GitLab job: its script fails on the gov-cloud findings,
// prints them, and leaves a Code Quality report with the fields GitLab
// requires and a JUnit report, the artifacts its reports: section names.
func TestGitLabPipeline(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("examples", "gitlab", ".gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var ci map[string]yaml.Node
	if err := yaml.Unmarshal(data, &ci); err != nil {
		t.Fatal(err)
	}
	var job struct {
		Stage     string   `yaml:"stage"`
		Image     string   `yaml:"image"`
		Script    []string `yaml:"script"`
		Artifacts struct {
			When    string `yaml:"when"`
			Reports struct {
				CodeQuality string `yaml:"codequality"`
				JUnit       string `yaml:"junit"`
			} `yaml:"reports"`
			Paths []string `yaml:"paths"`
		} `yaml:"artifacts"`
	}
	node := ci["xcguard"]
	if err := node.Decode(&job); err != nil {
		t.Fatal(err)
	}
	if job.Stage != "test" || !strings.HasPrefix(job.Image, "golang:") || job.Artifacts.When != "always" ||
		job.Artifacts.Reports.CodeQuality == "" || job.Artifacts.Reports.JUnit == "" {
		t.Fatalf("not a GitLab job with Code Quality and JUnit reports kept always: %+v", job)
	}
	work, out, code := runOnExample(t, strings.Join(job.Script, "\n"))
	if code != 1 {
		t.Fatalf("job script: exit %d, want 1 (gov-cloud findings):\n%s", code, out)
	}
	if !strings.Contains(out, "sign.go:4:2: XC101 import of crypto/md5") {
		t.Errorf("the job log lacks the findings:\n%s", out)
	}
	cq, err := os.ReadFile(filepath.Join(work, job.Artifacts.Reports.CodeQuality))
	if err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal(cq, &issues); err != nil || len(issues) == 0 {
		t.Fatalf("Code Quality report: %v\n%s", err, cq)
	}
	found := false
	for _, is := range issues {
		if is.Description == "" || is.CheckName == "" || is.Fingerprint == "" || is.Location.Path == "" || is.Location.Lines.Begin < 1 ||
			!strings.Contains("info minor major critical blocker", is.Severity) || is.Severity == "" {
			t.Errorf("issue lacks a required field: %+v", is)
		}
		found = found || is.CheckName == "XC101" && is.Location.Path == "sign.go" && is.Location.Lines.Begin == 4
	}
	if !found {
		t.Errorf("no XC101 issue at sign.go:4:\n%s", cq)
	}
	checkJUnit(t, filepath.Join(work, job.Artifacts.Reports.JUnit))
	for _, p := range job.Artifacts.Paths {
		if _, err := os.Stat(filepath.Join(work, p)); err != nil {
			t.Errorf("artifact %s: %v", p, err)
		}
	}
}

// The shipped Jenkinsfile: its sh steps, run in order, install xcguard and
// write the JUnit report the junit step reads; the check's status is 1 on
// the findings, which the pipeline turns into a failed build.
func TestJenkinsfile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("examples", "jenkins", "Jenkinsfile"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	steps := regexp.MustCompile(`sh\((?:returnStatus: true, )?script: '([^']*)'\)|sh '([^']*)'`).FindAllStringSubmatch(text, -1)
	if len(steps) != 2 {
		t.Fatalf("want two sh steps (install, check), found %d", len(steps))
	}
	install, check := steps[0][2], steps[1][1]
	if !strings.Contains(steps[1][0], "returnStatus: true") {
		t.Errorf("the check step must return its status, not fail before the junit step: %s", steps[1][0])
	}
	junit := regexp.MustCompile(`junit testResults: '([^']+)'`).FindStringSubmatch(text)
	if junit == nil || !strings.Contains(check, "-format junit -o "+junit[1]) {
		t.Fatalf("the junit step does not read the file the check writes")
	}
	for _, want := range []string{"if (status == 1)", "error(", "} else if (status != 0) {"} {
		if !strings.Contains(text, want) {
			t.Errorf("Jenkinsfile lacks %q: findings or a failed run would not fail the build", want)
		}
	}
	work, out, code := runOnExample(t, install+"\nset +e\n"+check+"\nexit $?")
	if code != 1 {
		t.Fatalf("check step: exit %d, want 1 (gov-cloud findings):\n%s", code, out)
	}
	checkJUnit(t, filepath.Join(work, junit[1]))
}

// checkJUnit parses a JUnit report of the example service: suites with
// tests and a failing XC101 testcase naming sign.go:4.
func checkJUnit(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Text string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("JUnit report: %v\n%s", err, data)
	}
	found := false
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			found = found || c.Name == "XC101" && c.Failure != nil && strings.Contains(c.Failure.Text, "sign.go:4:2: import of crypto/md5")
		}
	}
	if doc.Tests == 0 || doc.Failures == 0 || !found {
		t.Errorf("JUnit report: %d tests, %d failures, XC101 at sign.go:4 %v:\n%s", doc.Tests, doc.Failures, found, data)
	}
}
