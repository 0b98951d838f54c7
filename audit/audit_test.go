package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// fakeGo answers the go commands the audit runs with canned output, or
// with the errors given.
type fakeGo struct {
	graph, list       string
	graphErr, listErr error

	mu    sync.Mutex // the audit runs go commands concurrently
	calls []string
}

func (f *fakeGo) run(_ context.Context, _ string, args ...string) ([]byte, error) {
	f.mu.Lock()
	f.calls = append(f.calls, args[0])
	f.mu.Unlock()
	switch {
	case args[0] == "mod" && args[1] == "graph":
		return []byte(f.graph), f.graphErr
	case args[0] == "list":
		if !strings.HasPrefix(args[1], "-modfile=") || args[len(args)-1] != "./..." {
			return nil, errors.New("unexpected go list arguments")
		}
		return []byte(f.list), f.listErr
	case args[0] == "env":
		return []byte("/nonexistent/modcache\n"), nil
	}
	return nil, errors.New("unexpected go command " + strings.Join(args, " "))
}

// pkgJSON renders go list -json records: "importpath module@version
// imports..." per line; module "main" is the main module, "std" none.
func pkgJSON(t testing.TB, lines ...string) string {
	var b strings.Builder
	for _, l := range lines {
		f := strings.Fields(l)
		p := listPkg{ImportPath: f[0], Imports: f[2:]}
		switch mod := f[1]; mod {
		case "std":
			p.Standard = true
		case "main":
			p.Module = &listModule{Path: "example.com/app", Main: true, Dir: "/app"}
		default:
			path, version, _ := strings.Cut(mod, "@")
			p.Module = &listModule{Path: path, Version: version, Dir: "/cache/" + mod}
			p.DepOnly = true
		}
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n")
	}
	return b.String()
}

func writeModule(t testing.TB, gomod string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const appGoMod = `module example.com/app

go 1.22

require (
	gitee.com/acme/sso v1.0.0
	github.com/gorilla/websocket v1.5.3 //xcguard:ignore XC402 approval requested in XC-REQ-77
)
`

const appGraph = `example.com/app gitee.com/acme/sso@v1.0.0
example.com/app github.com/gorilla/websocket@v1.5.3
example.com/app go@1.22
gitee.com/acme/sso@v1.0.0 github.com/dgrijalva/jwt-go@v3.2.0+incompatible
gitee.com/acme/sso@v1.0.0 gitee.com/acme/testkit@v0.1.0
gitee.com/acme/sso@v1.0.0 github.com/gorilla/websocket@v1.5.0
go@1.22 toolchain@go1.22
`

func appList(t testing.TB) string {
	return pkgJSON(t,
		"example.com/app main example.com/app/auth fmt",
		"example.com/app/auth main gitee.com/acme/sso github.com/gorilla/websocket",
		"gitee.com/acme/sso gitee.com/acme/sso@v1.0.0 github.com/dgrijalva/jwt-go",
		"github.com/dgrijalva/jwt-go github.com/dgrijalva/jwt-go@v3.2.0+incompatible",
		"github.com/gorilla/websocket github.com/gorilla/websocket@v1.5.3",
		"fmt std",
	)
}

// financePolicy is finance without the GODEBUG rules, which judge the go
// line itself and have tests of their own (godebug_test.go).
func financePolicy(t testing.TB) *policy.Policy {
	t.Helper()
	p, err := policy.LoadBytes("finance.yml", "", []byte("version: 1\nextends: [finance]\nrules: {XC103: off, XC105: off, XC107: off}\n"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// brief renders findings as "line:col RULE message" ("~" marks a
// suppressed one).
func brief(fs []report.Finding) []string {
	report.Sort(fs)
	var out []string
	for _, f := range fs {
		s := f.File
		if f.Suppressed {
			s = "~" + s
		}
		out = append(out, fmt.Sprintf("%s %02d:%02d %s %s", s, f.Line, f.Column, f.Rule, f.Message))
	}
	return out
}

func TestRunViews(t *testing.T) {
	dir := writeModule(t, appGoMod)
	full := []string{
		"go.mod 06:02 XC401 github.com/dgrijalva/jwt-go v3.2.0+incompatible is denied: unmaintained, CVE-2020-26160 (audience bypass) (used: example.com/app/auth imports gitee.com/acme/sso imports github.com/dgrijalva/jwt-go)",
		"go.mod 06:02 XC402 gitee.com/acme/sso v1.0.0 is not on the approved module list (modules.allow) (used: example.com/app/auth imports gitee.com/acme/sso)",
		"~go.mod 07:02 XC402 github.com/gorilla/websocket v1.5.3 is not on the approved module list (modules.allow) (used: example.com/app/auth imports github.com/gorilla/websocket)",
	}
	tests := []struct {
		name     string
		fake     *fakeGo
		want     []string
		degraded string
		err      string
	}{
		{
			name: "every view",
			fake: &fakeGo{graph: appGraph, list: appList(t)},
			want: full,
		},
		{
			name: "graph unresolvable: go.mod alone",
			fake: &fakeGo{
				graphErr: &GoError{Args: []string{"mod", "graph"}, Stderr: "go: gitee.com/acme/sso@v1.0.0: module lookup disabled by GOPROXY=off\n"},
				listErr:  &GoError{Args: []string{"list"}, Stderr: "go: downloading gitee.com/acme/sso v1.0.0\ngo: gitee.com/acme/sso@v1.0.0: module lookup disabled by GOPROXY=off\n"},
			},
			want: []string{
				"go.mod 06:02 XC402 gitee.com/acme/sso v1.0.0 is not on the approved module list (modules.allow) (declared)",
				"~go.mod 07:02 XC402 github.com/gorilla/websocket v1.5.3 is not on the approved module list (modules.allow) (declared)",
			},
			degraded: "cannot resolve the module graph (gitee.com/acme/sso@v1.0.0: module lookup disabled by GOPROXY=off): auditing go.mod alone (declared view); for the full audit, run go mod download where the module proxy is reachable",
		},
		{
			name: "packages unresolvable: the graph",
			fake: &fakeGo{graph: appGraph, list: `{"ImportPath": "gitee.com/acme/sso", "Error": {"Pos": "auth/auth.go:3:8", "Err": "dial tcp: lookup goproxy.example: no such host"}}`},
			want: []string{
				"go.mod 06:02 XC401 github.com/dgrijalva/jwt-go v3.2.0+incompatible is denied: unmaintained, CVE-2020-26160 (audience bypass) (graph: required by gitee.com/acme/sso v1.0.0)",
				"go.mod 06:02 XC402 gitee.com/acme/sso v1.0.0 is not on the approved module list (modules.allow) (graph)",
				"go.mod 06:02 XC402 gitee.com/acme/testkit v0.1.0 is not on the approved module list (modules.allow) (graph: required by gitee.com/acme/sso v1.0.0)",
				"~go.mod 07:02 XC402 github.com/gorilla/websocket v1.5.3 is not on the approved module list (modules.allow) (graph)",
			},
			degraded: "cannot load the packages (auth/auth.go:3:8: dial tcp: lookup goproxy.example: no such host): auditing the build list without package use or import chains (graph view); for the full audit, run go mod download where the module proxy is reachable",
		},
		{
			name: "vendored: no module cache needed",
			fake: &fakeGo{
				graphErr: &GoError{Args: []string{"mod", "graph"}, Stderr: "go: gitee.com/acme/sso@v1.0.0: module lookup disabled by GOPROXY=off\n"},
				list:     strings.ReplaceAll(appList(t), `"Dir":"/cache/`, `"GoMod":"/cache/`),
			},
			want: []string{full[0], full[1], full[2]},
		},
		{
			name: "inconsistent vendoring",
			fake: &fakeGo{graph: appGraph, listErr: &GoError{Args: []string{"list"}, Stderr: "go: inconsistent vendoring in /app:\n\tx.org/a@v1.0.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor\n"}},
			err:  "the vendor directory is out of sync with go.mod: run go mod vendor (go list: go: inconsistent vendoring in /app: x.org/a@v1.0.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt)",
		},
		{
			name: "a graph the go command refuses",
			fake: &fakeGo{graphErr: &GoError{Args: []string{"mod", "graph"}, Stderr: "go: updates to go.mod needed; to update it:\n\tgo mod tidy\n"}, list: appList(t)},
			err:  "go mod graph cannot read the module graph: updates to go.mod needed; to update it: go mod tidy",
		},
		{
			name: "packages that do not compile",
			fake: &fakeGo{graph: appGraph, list: `{"ImportPath": "example.com/app", "Error": {"Pos": "app.go:1:1", "Err": "expected 'package', found frob"}}` + "\n" + `{"ImportPath": "example.com/app/b", "Error": {"Err": "no Go files"}}`},
			err:  "packages do not load: app.go:1:1: expected 'package', found frob (and 1 more): fix them, or run go mod tidy",
		},
		{
			name: "go list fails otherwise",
			fake: &fakeGo{graph: appGraph, listErr: &GoError{Args: []string{"list"}, Stderr: "go: go.mod requires go >= 1.99 (running go 1.22.5; GOTOOLCHAIN=local)\n"}},
			err:  "go list cannot load the packages: go.mod requires go >= 1.99, newer than the go command (go 1.22.5, GOTOOLCHAIN=local): install Go 1.99, or set GOTOOLCHAIN=auto so that the go command fetches it",
		},
		{
			name: "the go command missing",
			fake: &fakeGo{graphErr: inputf("the go command is not on PATH"), listErr: inputf("the go command is not on PATH")},
			err:  "the go command is not on PATH",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), Options{Dir: dir, Policy: financePolicy(t), Go: tt.fake.run})
			if tt.err != "" {
				var in *InputError
				if !errors.As(err, &in) || err.Error() != tt.err {
					t.Fatalf("Run error = %v (%T), want input error %q", err, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, brief(res.Findings)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if res.Degraded != tt.degraded {
				t.Errorf("Degraded = %q, want %q", res.Degraded, tt.degraded)
			}
		})
	}
}

// With every module rule off the audit needs no go command.
func TestRunDeclaredRulesOnly(t *testing.T) {
	dir := writeModule(t, "module example.com/app\n\ngo 1.20\n\nrequire x.org/a v1.0.0\n\nreplace x.org/a => ../a\n")
	p, err := policy.LoadBytes("p.yml", "", []byte("version: 1\nextends: [finance]\nrules: {XC401: off, XC402: off, XC403: off, XC103: off, XC105: off, XC107: off}\n"))
	if err != nil {
		t.Fatal(err)
	}
	fake := &fakeGo{}
	res, err := Run(context.Background(), Options{Dir: dir, Policy: p, Go: fake.run})
	if err != nil {
		t.Fatal(err)
	}
	if len(fake.calls) > 0 {
		t.Errorf("ran go %v", fake.calls)
	}
	want := []string{
		"go.mod 03:01 XC405 go directive 1.20 is below the policy minimum Go 1.21 (modules.go_min) (declared)",
		"go.mod 07:01 XC404 replace of x.org/a by local directory ../a: modules.replace.allow_local is false (declared)",
	}
	if diff := cmp.Diff(want, brief(res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// The graph's build list is minimal version selection: the highest version
// of each module in the graph, and the requirement path prefers it.
func TestParseGraph(t *testing.T) {
	g := parseGraph([]byte(appGraph))
	want := map[string]string{
		"gitee.com/acme/sso":           "v1.0.0",
		"gitee.com/acme/testkit":       "v0.1.0",
		"github.com/dgrijalva/jwt-go":  "v3.2.0+incompatible",
		"github.com/gorilla/websocket": "v1.5.3",
	}
	if g.main != "example.com/app" {
		t.Errorf("main = %q", g.main)
	}
	if diff := cmp.Diff(want, g.selected); diff != "" {
		t.Errorf("selected (-want +got):\n%s", diff)
	}
	var got []string
	for _, m := range g.path("gitee.com/acme/testkit") {
		got = append(got, m.String())
	}
	if diff := cmp.Diff([]string{"example.com/app", "gitee.com/acme/sso@v1.0.0", "gitee.com/acme/testkit@v0.1.0"}, got); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
	if p := g.path("x.org/absent"); p != nil {
		t.Errorf("path to an absent module = %v", p)
	}
}

func TestDescribeChain(t *testing.T) {
	for _, tt := range []struct {
		chain []string
		want  string
	}{
		{[]string{"a", "b"}, "a imports b"},
		{[]string{"a [a.test]", "b", "c", "d"}, "a imports b imports c imports d"},
		{[]string{"a", "b", "c", "d", "e"}, "a imports b … d imports e"},
	} {
		if got := describeChain(tt.chain); got != tt.want {
			t.Errorf("describeChain(%q) = %q, want %q", tt.chain, got, tt.want)
		}
	}
}
