package cli

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/xcguard/xcguard/analyzers"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/policy"
)

// isVetTool reports whether go vet is calling: -V=full, -flags, or a .cfg file.
func isVetTool(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return strings.HasPrefix(args[0], "-V=") || args[0] == "-flags" || strings.HasSuffix(args[len(args)-1], ".cfg")
}

// vetFlags are the config analyzer's flags that go vet may pass
// (-xcconfig.profile=gov-cloud). go vet keys its cache on the flags' values
// and on the tool ID (-V=full), which sees the environment but not the
// flags: a flag naming a file (policy, policy-key) would let an edit of that
// file replay stale results, so files are named by XCGUARD_POLICY and
// XCGUARD_POLICY_KEY under go vet.
var vetFlags = []string{"profile", "tests", "require-signed"}

// vetTool speaks go vet's unitchecker protocol. It answers -V=full itself:
// go vet caches results under the tool ID printed there, and the policy
// decides the results, so the ID covers the effective policy as well as
// the executable. Without that, editing .xcguard.yml would replay stale
// cached findings.
func vetTool(args []string, stdout io.Writer) int {
	if args[0] != "-V=full" {
		for _, name := range vetFlags {
			f := xcconfig.Analyzer.Flags.Lookup(name)
			flag.Var(f.Value, xcconfig.Analyzer.Name+"."+name, f.Usage)
		}
		failClosed(analyzers.All)
		unitchecker.Main(analyzers.All...) // exits
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "xcguard: %v\n", err)
		return exitInternal
	}
	h := sha256.New()
	f, err := os.Open(exe)
	if err != nil {
		fmt.Fprintf(os.Stderr, "xcguard: %v\n", err)
		return exitInternal
	}
	io.Copy(h, f)
	f.Close()
	fmt.Fprintf(h, "\x00policy\x00%s", policyFingerprint())
	// The format cmd/go expects: "$progname version devel ... buildID=...".
	fmt.Fprintf(stdout, "%s version devel xcguard buildID=%x\n", exe, h.Sum(nil))
	return exitOK
}

// failClosed makes an analyzer that fails, or a policy that does not load,
// end the vet tool with exit 1. unitchecker writes such errors into its
// -json answer and exits 0, and go vet caches an answer that is not a
// failure under the package's action ID: it would print the error once and
// then replay a clean pass on every later run with a warm cache. A failing
// exit is never cached, so a refused policy fails every run. It also covers
// the runs go vet makes on dependencies only for their facts (VetxOnly),
// where unitchecker does not report errors at all and a missing fact would
// silently drop cross-package findings.
func failClosed(as []*analysis.Analyzer) {
	var once sync.Once
	fail := func(pass *analysis.Pass, err error) {
		once.Do(func() {
			fmt.Fprintf(os.Stderr, "xcguard: %s: %v\n", pass.Pkg.Path(), err)
			os.Exit(exitFindings)
		})
		select {} // another goroutine is exiting
	}
	seen := map[*analysis.Analyzer]bool{}
	var wrap func(a *analysis.Analyzer)
	wrap = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			wrap(r)
		}
		run := a.Run
		a.Run = func(pass *analysis.Pass) (any, error) {
			res, err := run(pass)
			if err == nil {
				if cfg, ok := res.(*xcconfig.Config); ok && cfg.Err != nil {
					err = cfg.Err
				}
			}
			if err != nil {
				fail(pass, err)
			}
			return res, nil
		}
	}
	for _, a := range as {
		wrap(a)
	}
}

// policyFingerprint is the effective policy as seen from the working
// directory, or the error loading it, and the same for every .xcguard.yml
// below it: a package's policy is the nearest one above it, and an edit of
// any of them (or of what they extend) must change the tool ID, or go vet
// would replay a cached answer made under the old one.
func policyFingerprint() string {
	var b strings.Builder
	req, err := policy.Resolve(policy.Settings{}, os.Getenv, ".")
	if err != nil {
		return "error: " + err.Error()
	}
	b.WriteString(fingerprint(req))
	if req.Named {
		return b.String() // one policy for every package
	}
	for _, file := range nestedPolicies(".") {
		r := req
		r.File = file
		fmt.Fprintf(&b, "\x00%s\x00%s", file, fingerprint(r))
	}
	return b.String()
}

func fingerprint(req policy.Request) string {
	p, err := req.Load()
	if err != nil {
		return "error: " + err.Error()
	}
	data, err := p.YAML()
	if err != nil {
		return "error: " + err.Error()
	}
	return string(data)
}

// maxWalk bounds the directories the fingerprint looks through.
const maxWalk = 200000

// nestedPolicies lists the policy files below dir (not dir's own), in walk
// order, skipping what holds no Go packages of the module (.git, vendor,
// node_modules).
func nestedPolicies(dir string) []string {
	var files []string
	seen := 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if seen++; seen > maxWalk {
			return filepath.SkipAll
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "vendor", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == policy.FileName && filepath.Dir(path) != filepath.Clean(dir) {
			abs, err := filepath.Abs(path)
			if err == nil {
				files = append(files, abs)
			}
		}
		return nil
	})
	return files
}
