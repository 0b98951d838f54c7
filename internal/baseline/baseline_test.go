package baseline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/internal/baseline"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

const digestGo = `package digest

import "crypto/md5"

// Sum is the legacy checksum.
func Sum(b []byte) [16]byte {
	return md5.Sum(b)
}

func (s *Store) key(b []byte) [16]byte {
	return md5.Sum(b)
}
`

// fingerprints writes the files into a tree and fingerprints the findings.
func fingerprints(t *testing.T, files map[string]string, fs []report.Finding) []string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree := baseline.NewTree(dir)
	defer tree.Close()
	baseline.Fingerprint(fs, tree)
	var out []string
	for _, f := range fs {
		out = append(out, f.Fingerprint)
	}
	return out
}

func at(file string, line, col int) report.Finding {
	return report.Finding{Rule: "XC101", Severity: policy.Error, File: file, Line: line, Column: col, Message: "md5"}
}

// TestFingerprintSurvivesEdits: a finding keeps its fingerprint when lines
// move, when spacing or comments on its line change, and when other code
// changes; it gets another when its own code, declaration or rule does.
func TestFingerprintSurvivesEdits(t *testing.T) {
	before := fingerprints(t, map[string]string{"digest/digest.go": digestGo}, []report.Finding{at("digest/digest.go", 7, 9)})
	same := map[string]string{
		"lines added above":                 strings.Replace(digestGo, "import", "// Package digest hashes.\n\nimport", 1),
		"spacing and a comment on the line": strings.Replace(digestGo, "\treturn md5.Sum(b)\n}\n\nfunc (s", "\treturn md5.Sum( b ) // TODO: SM3\n}\n\nfunc (s", 1),
		"another declaration changed":       strings.Replace(digestGo, "func (s *Store) key(b []byte) [16]byte {\n\treturn md5.Sum(b)", "func (s *Store) key(b []byte) [16]byte {\n\treturn md5.Sum(append(b, 1))", 1),
	}
	for name, text := range same {
		line := 1 + strings.Count(text[:strings.Index(text, "md5.Sum")], "\n")
		got := fingerprints(t, map[string]string{"digest/digest.go": text}, []report.Finding{at("digest/digest.go", line, 9)})
		if got[0] != before[0] {
			t.Errorf("%s: fingerprint %s, want %s as before", name, got[0], before[0])
		}
	}
	other := map[string]struct {
		text string
		f    report.Finding
	}{
		"the line itself changed": {strings.Replace(digestGo, "return md5.Sum(b)\n}\n\nfunc", "return md5.Sum(b[1:])\n}\n\nfunc", 1), at("digest/digest.go", 7, 9)},
		"the function renamed":    {strings.Replace(digestGo, "func Sum", "func Legacy", 1), at("digest/digest.go", 7, 9)},
		"another file":            {digestGo, at("digest/other.go", 7, 9)},
		"another rule":            {digestGo, report.Finding{Rule: "XC102", File: "digest/digest.go", Line: 7, Column: 9}},
	}
	for name, tt := range other {
		got := fingerprints(t, map[string]string{"digest/digest.go": tt.text, "digest/other.go": tt.text}, []report.Finding{tt.f})
		if got[0] == before[0] {
			t.Errorf("%s: fingerprint unchanged (%s)", name, got[0])
		}
	}
}

// TestFingerprintIdenticalLines: the same line in two methods is two
// fingerprints by declaration; the same line twice in one is told apart
// by its place among them.
func TestFingerprintIdenticalLines(t *testing.T) {
	twice := strings.Replace(digestGo, "\treturn md5.Sum(b)\n}\n\nfunc (s", "\t_ = md5.Sum(b)\n\t_ = md5.Sum(b)\n\treturn md5.Sum(b)\n}\n\nfunc (s", 1)
	got := fingerprints(t, map[string]string{"d.go": twice}, []report.Finding{at("d.go", 8, 6), at("d.go", 7, 6), at("d.go", 12, 9)})
	if !strings.HasSuffix(got[0], ":1") || !strings.HasSuffix(got[1], ":2") || got[0][:32] != got[1][:32] {
		t.Errorf("two identical lines: %s, %s; want one digest, :1 and :2", got[0], got[1])
	}
	if got[2][:32] == got[0][:32] {
		t.Errorf("the same line in (*Store).key has Sum's digest %s", got[2])
	}
	for _, fp := range got {
		if len(fp) != 34 {
			t.Errorf("fingerprint %q: want 32 hex digits and :N", fp)
		}
	}
}

// TestFingerprintWithoutSource: a binary's finding has no line; a budget
// missed by a few more bytes is the same finding. A file outside the tree
// is not read: its findings still get a fingerprint.
func TestFingerprintWithoutSource(t *testing.T) {
	big := report.Finding{Rule: "XC504", File: "dist/app", Message: "binary is 46.2 MiB (48,443,392 bytes), over the 45 MiB budget"}
	bigger := big
	bigger.Message = "binary is 47.9 MiB (50,226,000 bytes), over the 45 MiB budget"
	got := fingerprints(t, nil, []report.Finding{big})
	again := fingerprints(t, nil, []report.Finding{bigger})
	if got[0] != again[0] {
		t.Errorf("size budget: %s then %s, want one fingerprint", got[0], again[0])
	}
	outside := fingerprints(t, nil, []report.Finding{at("../secret.go", 1, 1), at("/etc/passwd", 1, 1)})
	if outside[0] == "" || outside[1] == "" {
		t.Errorf("files outside the tree: fingerprints %q", outside)
	}
}

// TestTreeStaysInside: a link out of the tree is not followed.
func TestTreeStaysInside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.go")
	if err := os.WriteFile(outside, []byte("package secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link.go")); err != nil {
		t.Fatal(err)
	}
	tree := baseline.NewTree(dir)
	defer tree.Close()
	for _, name := range []string{"link.go", "../secret.go", outside} {
		if text, ok := tree.Line(name, 1); ok {
			t.Errorf("Line(%s, 1) = %q: read outside the tree", name, text)
		}
	}
}

func TestParseRejects(t *testing.T) {
	good := "version: 1\nfindings:\n  - fingerprint: 0123456789abcdef0123456789abcdef:1\n    rule: XC101\n    file: a.go\n"
	if _, err := baseline.Parse([]byte(good)); err != nil {
		t.Fatalf("Parse(good): %v", err)
	}
	tests := map[string]struct {
		text, want string
	}{
		"empty":           {"", "line 1: empty baseline"},
		"not YAML":        {"version: [1\n", "not valid YAML"},
		"a list":          {"- a\n", "line 1: not a baseline"},
		"version 2":       {"version: 2\nfindings: []\n", "line 1: unsupported baseline version"},
		"no version":      {"findings: []\n", "no version"},
		"unknown key":     {"version: 1\nwaivers: []\n", "line 2: unknown key"},
		"bad fingerprint": {strings.Replace(good, "0123456789abcdef0123456789abcdef:1", "0123:1", 1), "line 3: fingerprint is not"},
		"bad rule":        {strings.Replace(good, "XC101", "md5", 1), "line 3: rule is not a rule ID"},
		"no file":         {strings.Replace(good, "    file: a.go\n", "", 1), "line 3: file is empty"},
		"bad date":        {good + "    expires: next year\n", "line 3: expires is not a date"},
		"duplicate":       {good + strings.TrimPrefix(good, "version: 1\nfindings:\n"), "line 6: the fingerprint of line 3 again"},
		"control char":    {strings.Replace(good, "a.go", "\"a\\u001b[2J.go\"", 1), "line 5: file holds a control character"},
		"two documents":   {good + "---\nversion: 1\n", "a second YAML document"},
	}
	for name, tt := range tests {
		_, err := baseline.Parse([]byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse = %v, want %q", name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "next year") {
			t.Errorf("%s: the error echoes the file: %v", name, err)
		}
	}
}

// TestApplyAndUpdate walks a waiver's life: recorded, kept with its reason
// when the baseline is rewritten, expired, and stale once fixed.
func TestApplyAndUpdate(t *testing.T) {
	old := report.Finding{Rule: "XC101", Severity: policy.Error, File: "a.go", Line: 3, Message: "md5", Fingerprint: "0123456789abcdef0123456789abcdef:1"}
	fresh := report.Finding{Rule: "XC104", Severity: policy.Error, File: "b.go", Line: 9, Message: "skip verify", Fingerprint: "fedcba9876543210fedcba9876543210:1"}
	inline := report.Finding{Rule: "XC201", Severity: policy.Error, File: "c.go", Line: 1, Suppressed: true, Fingerprint: "00000000000000000000000000000000:1"}
	all := func(baseline.Entry) bool { return true }

	b := baseline.Update([]report.Finding{old, inline}, nil, all)
	if len(b.Entries) != 1 || b.Entries[0].Fingerprint != old.Fingerprint {
		t.Fatalf("Update: %+v, want the one unsuppressed finding", b.Entries)
	}
	b.Entries[0].Reason, b.Entries[0].Owner, b.Entries[0].Expires = "legacy checksum", "storage", "2027-06-30"
	b, err := baseline.Parse(b.Marshal())
	if err != nil {
		t.Fatalf("Parse(Marshal()): %v", err)
	}

	fs := []report.Finding{old, fresh}
	j := baseline.Apply(fs, b, ".xcguard-baseline.yml", time.Date(2027, 6, 30, 12, 0, 0, 0, time.UTC), all)
	if !fs[0].Baseline || fs[1].Baseline || len(j.Stale) != 0 || j.Expired != 0 {
		t.Errorf("on its last day: baselined %v %v, judgement %+v; want the old one hidden", fs[0].Baseline, fs[1].Baseline, j)
	}
	if s := report.Summarize(fs); s.Errors != 1 || s.Baselined != 1 {
		t.Errorf("summary %+v, want 1 error and 1 baselined", s)
	}

	fs = []report.Finding{old}
	j = baseline.Apply(fs, b, ".xcguard-baseline.yml", time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC), all)
	if fs[0].Baseline || j.Expired != 1 || len(fs[0].Related) != 1 || fs[0].Related[0].Line != 9 ||
		!strings.Contains(fs[0].Related[0].Message, "expired on 2027-06-30") {
		t.Errorf("after expiry: %+v, judgement %+v; want it reported with the entry as related", fs[0], j)
	}

	j = baseline.Apply(nil, b, ".xcguard-baseline.yml", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), all)
	// The entry is on line 9, after the header, version and findings key.
	if len(j.Stale) != 1 || j.Stale[0].Line() != 9 {
		t.Errorf("fixed: stale %+v, want the entry at line 9", j.Stale)
	}
	none := func(baseline.Entry) bool { return false }
	if j := baseline.Apply(nil, b, "b.yml", time.Now(), none); len(j.Stale) != 0 {
		t.Errorf("not covered by the run: stale %+v", j.Stale)
	}

	// Rewritten: the waiver keeps its reason; an entry the run did not
	// cover stays; the new finding is added.
	again := baseline.Update([]report.Finding{old, fresh}, b, all)
	got := string(again.Marshal())
	for _, want := range []string{"reason: legacy checksum", "owner: storage", "expires: \"2027-06-30\"", "rule: XC104"} {
		if !strings.Contains(got, want) {
			t.Errorf("rewritten baseline lacks %q:\n%s", want, got)
		}
	}
	kept := baseline.Update(nil, b, none)
	if diff := cmp.Diff(string(b.Marshal()), string(kept.Marshal())); diff != "" {
		t.Errorf("a run that covered nothing changed the baseline (-old +new):\n%s", diff)
	}
}

// TestMarshalIsSorted: the file is in one order whatever the run's.
func TestMarshalIsSorted(t *testing.T) {
	e := func(file, rule, fp string) baseline.Entry {
		return baseline.Entry{Fingerprint: fp, Rule: rule, File: file}
	}
	a := &baseline.File{Entries: []baseline.Entry{
		e("b.go", "XC101", "11111111111111111111111111111111:1"),
		e("a.go", "XC104", "22222222222222222222222222222222:1"),
		e("a.go", "XC101", "33333333333333333333333333333333:1"),
	}}
	b := &baseline.File{Entries: []baseline.Entry{a.Entries[2], a.Entries[0], a.Entries[1]}}
	if string(a.Marshal()) != string(b.Marshal()) {
		t.Errorf("two orders, two files:\n%s\n%s", a.Marshal(), b.Marshal())
	}
	got := string(a.Marshal())
	if !(strings.Index(got, "33333") < strings.Index(got, "22222") && strings.Index(got, "22222") < strings.Index(got, "11111")) {
		t.Errorf("not sorted by file and rule:\n%s", got)
	}
}
