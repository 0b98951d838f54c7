package main

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/goproxytest"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/xcguard/xcguard/internal/cdxschema"
	"github.com/xcguard/xcguard/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the files of failing cmp commands in the scripts")

// TestMain makes the test binary double as the xcguard command, so that the
// scripts run the real binary, also as go vet's -vettool.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"xcguard": func() { os.Exit(cli.Main()) },
	})
}

// TestScript runs the CLI specification in testdata/script: one file per
// subcommand and aspect (<subcommand>_<aspect>.txtar).
func TestScript(t *testing.T) {
	goEnv := map[string]string{}
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOROOT"} {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		goEnv[name] = strings.TrimSpace(string(out))
	}
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	// go vet runs its -vettool once per package, dependencies included; a
	// race-instrumented test binary makes that ten times slower, so the
	// scripts get a plain build of the same command as $VETTOOL.
	vettool := filepath.Join(t.TempDir(), "xcguard")
	if out, err := exec.Command("go", "build", "-o", vettool, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// The audit scripts fetch their fixture modules (testdata/mod) from a
	// module proxy on localhost, $GOPROXY_AUDIT, into a module cache of
	// their own.
	proxy := goproxytest.NewTestServer(t, filepath.Join("..", "..", "testdata", "mod"), "")
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		// go test ./cmd/xcguard -run TestScript/NAME -update rewrites the
		// files a failing cmp compares with, in the script itself.
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			for k, v := range goEnv {
				e.Setenv(k, v)
			}
			// Offline: every module a script needs is in the module cache.
			e.Setenv("GOPROXY", "off")
			e.Setenv("GOFLAGS", "-mod=mod")
			e.Setenv("GOTOOLCHAIN", "local")
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			e.Setenv("EXAMPLES", examples)
			e.Setenv("VETTOOL", vettool)
			e.Setenv("GOPROXY_AUDIT", proxy.URL)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":      exitcode,
			"cbomvalid":     cbomValid,
			"codequality":   codeQuality,
			"junitxml":      junitXML,
			"require":       require,
			"truncate":      truncate,
			"dropsections":  dropSections,
			"flipbyte":      flipByte,
			"zerobuildinfo": zeroBuildInfo,
			"nullsection":   nullSection,
			"replacebytes":  replaceBytes,
		},
	})
}

// exitcode N PROG ARGS... runs PROG and requires exit code N; the output is
// kept for the stdout and stderr commands that follow.
// cbomValid FILE checks that FILE is valid CycloneDX 1.6, against the
// official schema.
func cbomValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: cbomvalid FILE")
	}
	s, err := cdxschema.Compile(filepath.Join("..", "..", "inventory", "testdata"))
	ts.Check(err)
	ts.Check(cdxschema.Validate(s, []byte(ts.ReadFile(args[0]))))
}

// codequality FILE N checks that FILE is a GitLab Code Quality report of
// N issues, each with every field GitLab requires.
func codeQuality(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: codequality FILE N")
	}
	var issues []struct {
		Description, CheckName, Fingerprint, Severity string
		Location                                      *struct {
			Path  string
			Lines *struct{ Begin int }
		}
	}
	dec := json.NewDecoder(strings.NewReader(strings.ReplaceAll(ts.ReadFile(args[0]), `"check_name"`, `"CheckName"`)))
	ts.Check(dec.Decode(&issues))
	if strconv.Itoa(len(issues)) != args[1] {
		ts.Fatalf("%d issues, want %s", len(issues), args[1])
	}
	for _, is := range issues {
		if is.Description == "" || is.CheckName == "" || is.Fingerprint == "" || is.Location == nil || is.Location.Path == "" || is.Location.Lines == nil || is.Location.Lines.Begin < 1 ||
			!slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, is.Severity) {
			ts.Fatalf("issue lacks a required field: %+v", is)
		}
	}
}

// junitxml FILE TESTS FAILURES checks that FILE is JUnit XML with those
// totals, which its testsuites add up to.
func junitXML(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: junitxml FILE TESTS FAILURES")
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	ts.Check(xml.Unmarshal([]byte(ts.ReadFile(args[0])), &doc))
	tests, failures := 0, 0
	for _, s := range doc.Suites {
		if s.Tests != len(s.Cases) {
			ts.Fatalf("a testsuite says %d tests and has %d", s.Tests, len(s.Cases))
		}
		tests += s.Tests
		failures += s.Failures
	}
	if strconv.Itoa(doc.Tests) != args[1] || strconv.Itoa(doc.Failures) != args[2] || tests != doc.Tests || failures != doc.Failures {
		ts.Fatalf("%d tests, %d failures (suites: %d, %d); want %s, %s", doc.Tests, doc.Failures, tests, failures, args[1], args[2])
	}
}

func exitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: running %s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// require PROG... fails the script, saying how to install it, when a tool
// it needs is not on PATH: a missing tool never skips a test.
func require(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: require program...")
	}
	for _, prog := range args {
		if _, err := exec.LookPath(prog); err != nil {
			ts.Fatalf("%s is not on PATH: bash scripts/test.sh installs what the tests need", prog)
		}
	}
}

// truncate FILE N cuts FILE to its first N bytes.
func truncate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: truncate file size")
	}
	n, err := strconv.ParseInt(args[1], 10, 64)
	ts.Check(err)
	ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
}

// flipbyte FILE OFFSET inverts one byte of FILE (OFFSET < 0 counts from
// the end).
func flipByte(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: flipbyte file offset")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	off, err := strconv.Atoi(args[1])
	ts.Check(err)
	if off < 0 {
		off += len(data)
	}
	data[off] ^= 0xff
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o755))
}

// zerobuildinfo FILE zeroes the magic of a Go binary's build info
// ("\xff Go buildinf:"), as a tool that strips it would: the binary still
// runs, and debug/buildinfo no longer finds it.
func zeroBuildInfo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: zerobuildinfo file")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	magic := []byte("\xff Go buildinf:")
	i := bytes.Index(data, magic)
	if i < 0 {
		ts.Fatalf("zerobuildinfo: %s has no Go build info", args[0])
	}
	clear(data[i : i+len(magic)])
	ts.Check(os.WriteFile(path, data, 0o755))
}

// replacebytes FILE OLD NEW replaces every OLD in FILE with NEW, of the
// same length, as an edit of a binary after its build would.
func replaceBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 || len(args[1]) != len(args[2]) {
		ts.Fatalf("usage: replacebytes file old new (old and new of one length)")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if !bytes.Contains(data, []byte(args[1])) {
		ts.Fatalf("replacebytes: %s does not contain %q", args[0], args[1])
	}
	ts.Check(os.WriteFile(path, bytes.ReplaceAll(data, []byte(args[1]), []byte(args[2])), 0o755))
}

// nullsection FILE NAME... turns the named sections' headers into
// SHT_NULL, as a hostile toolchain could: the dynamic loader, which reads
// the program headers, does not notice.
func nullSection(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: nullsection file name...")
	}
	path := ts.MkAbs(args[0])
	f, err := elf.Open(path)
	ts.Check(err)
	idx := map[string]int{}
	for i, s := range f.Sections {
		idx[s.Name] = i
	}
	f.Close()
	data, err := os.ReadFile(path)
	ts.Check(err)
	if len(data) < 64 || data[4] != 2 || data[5] != 1 {
		ts.Fatalf("nullsection: %s is not a little-endian ELF64 file", args[0])
	}
	shoff := binary.LittleEndian.Uint64(data[0x28:])
	shentsize := uint64(binary.LittleEndian.Uint16(data[0x3a:]))
	for _, name := range args[1:] {
		i, ok := idx[name]
		if !ok {
			ts.Fatalf("nullsection: %s has no section %s", args[0], name)
		}
		clear(data[shoff+uint64(i)*shentsize+4 : shoff+uint64(i)*shentsize+8]) // sh_type
	}
	ts.Check(os.WriteFile(path, data, 0o755))
}

// dropsections FILE removes the section header table of an ELF64
// little-endian file (e_shoff, e_shnum, e_shstrndx zeroed), as sstrip and
// some packers do: only the program headers remain.
func dropSections(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: dropsections file")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if len(data) < 64 || string(data[:4]) != "\x7fELF" || data[4] != 2 || data[5] != 1 {
		ts.Fatalf("dropsections: %s is not a little-endian ELF64 file", args[0])
	}
	clear(data[0x28:0x30]) // e_shoff
	clear(data[0x3c:0x40]) // e_shnum, e_shstrndx
	ts.Check(os.WriteFile(path, data, 0o755))
}

// TestScriptsCheckOutput keeps the scripts specifications: a command that
// succeeds is followed by a check of what it printed or wrote, so that a
// run that exits 0 having done nothing fails its script.
func TestScriptsCheckOutput(t *testing.T) {
	scripts, err := filepath.Glob(filepath.Join("..", "..", "testdata", "script", "*.txtar"))
	if err != nil || len(scripts) < 50 {
		t.Fatalf("found %d scripts (%v)", len(scripts), err)
	}
	check := regexp.MustCompile(`^(! )?(stdout|stderr|cmp|grep|exists|cbomvalid|codequality|junitxml)\b|^exec (test|find) `)
	for _, file := range scripts {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		script, _, _ := strings.Cut(string(data), "\n-- ")
		var cmds []string
		for _, l := range strings.Split(script, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				cmds = append(cmds, l)
			}
		}
		for i, c := range cmds {
			if !strings.HasPrefix(c, "exitcode 0 xcguard ") {
				continue
			}
			if i+1 == len(cmds) || !check.MatchString(cmds[i+1]) {
				t.Errorf("%s: %q is not followed by a check of its output", filepath.Base(file), c)
			}
		}
	}
}
