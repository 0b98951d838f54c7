package xcguard_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/internal/cli"
	"github.com/xcguard/xcguard/policy"
)

var update = flag.Bool("update", false, "rewrite the README rule table")

// TestVetRepository eats our own cooking: xcguard vet passes on xcguard.
func TestVetRepository(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := cli.Run(context.Background(), []string{"vet", "./..."}, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("xcguard vet ./... on this repository: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	if got := stdout.String(); got != "xcguard: no findings\n" {
		t.Errorf("xcguard vet ./... on this repository printed:\n%s", got)
	}
}

// TestREADMEExample keeps the README's "Try it" output in step with the
// script that checks it (testdata/script/check_example.txtar).
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile("testdata/script/check_example.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == "want.txt" {
			if !strings.Contains(string(readme), "```\n"+string(f.Data)+"```\n") {
				t.Errorf("README.md does not show the output check_example.txtar expects:\n%s", f.Data)
			}
			return
		}
	}
	t.Fatal("check_example.txtar has no want.txt")
}

const (
	tableBegin = "<!-- rules:begin (generated from docs/rules by go test -run TestREADMERules -update) -->\n"
	tableEnd   = "<!-- rules:end -->\n"
)

// TestREADMERules keeps the README's rule table in step with docs/rules and
// the embedded profiles.
func TestREADMERules(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok := strings.Cut(string(readme), tableBegin)
	if !ok {
		t.Fatalf("README.md has no line %q", tableBegin)
	}
	current, after, ok := strings.Cut(rest, tableEnd)
	if !ok {
		t.Fatalf("README.md has no line %q", tableEnd)
	}
	want := ruleTable(t)
	if *update {
		if err := os.WriteFile("README.md", []byte(before+tableBegin+want+tableEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(want, current); diff != "" {
		t.Errorf("README rule table is stale; run go test -run TestREADMERules -update (-want +got):\n%s", diff)
	}
}

func ruleTable(t *testing.T) string {
	// The policy profiles, as xcguard list shows them: an OS profile has
	// baseline's rules but for XC501, XC503 and XC507 (the rule pages say so).
	profiles := slices.DeleteFunc(policy.Profiles(), policy.IsOSProfile)
	var b strings.Builder
	fmt.Fprintf(&b, "| Rule | Title | Checked by | %s |\n|---|---|---|%s\n", strings.Join(profiles, " | "), strings.Repeat("---|", len(profiles)))
	loaded := map[string]*policy.Policy{}
	for _, name := range profiles {
		p, err := policy.Load("", []string{name})
		if err != nil {
			t.Fatal(err)
		}
		loaded[name] = p
	}
	for _, r := range docs.Rules() {
		fmt.Fprintf(&b, "| [%s](docs/rules/%s.md) | %s | %s |", r.ID, r.ID, r.Title, r.CheckedBy)
		for _, name := range profiles {
			fmt.Fprintf(&b, " %s |", loaded[name].Severity(policy.RuleID(r.ID)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestAuditRepository eats our own cooking: xcguard audit passes on
// xcguard's own go.mod and build list. The one suppressed finding is the
// go 1.24 line's GODEBUG defaults (XC107), kept so that Go 1.24 builds
// xcguard; go.mod says why.
func TestAuditRepository(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := cli.Run(context.Background(), []string{"audit"}, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("xcguard audit on this repository: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	if got := stdout.String() + stderr.String(); got != "xcguard: 0 errors, 0 warnings, 1 suppressed\n" {
		t.Errorf("xcguard audit on this repository printed:\n%s", got)
	}
}

// TestNoTrackedExecutables keeps what a build makes out of the repository:
// no tracked file may be an ELF, PE or Mach-O executable, and the only
// files with the executable bit are shell scripts.
func TestNoTrackedExecutables(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "-s", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	magics := map[string][]byte{
		"an ELF executable":    []byte("\x7fELF"),
		"a PE executable":      []byte("MZ"),
		"a Mach-O executable":  {0xcf, 0xfa, 0xed, 0xfe},
		"a 32-bit Mach-O file": {0xce, 0xfa, 0xed, 0xfe},
		"a fat Mach-O file":    {0xca, 0xfe, 0xba, 0xbe},
	}
	files := 0
	for _, entry := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		// "<mode> <object> <stage>\t<path>"
		meta, path, ok := strings.Cut(entry, "\t")
		if !ok {
			t.Fatalf("git ls-files -s printed %q", entry)
		}
		files++
		head := make([]byte, 4)
		f, err := os.Open(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		n, _ := f.Read(head)
		f.Close()
		head = head[:n]
		for what, magic := range magics {
			if bytes.HasPrefix(head, magic) {
				t.Errorf("%s is %s: build output does not belong in the repository", path, what)
			}
		}
		if strings.HasPrefix(meta, "100755 ") && !bytes.HasPrefix(head, []byte("#!")) {
			t.Errorf("%s is executable but not a script", path)
		}
	}
	if files < 100 {
		t.Fatalf("git ls-files listed %d files; want the whole repository", files)
	}
}
