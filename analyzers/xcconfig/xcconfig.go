package xcconfig

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/internal/directive"
	"github.com/xcguard/xcguard/policy"
)

const url = "https://github.com/xcguard/xcguard/blob/main/analyzers/xcconfig"

// Analyzer provides *Config to the analyzers that require it.
var Analyzer = &analysis.Analyzer{
	Name:       "xcconfig",
	Doc:        "provide the xcguard policy and suppression directives to the other analyzers",
	URL:        url,
	Run:        run,
	ResultType: reflect.TypeFor[*Config](),
}

// settings are the analyzer's flags; go vet passes them as
// -xcconfig.profile and so on, other drivers through Configure. Unset ones
// fall back to the environment (policy.Resolve).
var settings struct {
	policy.Settings
	Tests bool
}

func init() {
	f := &Analyzer.Flags
	f.StringVar(&settings.Policy, "policy", "", "policy file (default: $XCGUARD_POLICY, else the nearest "+policy.FileName+" upward, else the embedded default)")
	f.StringVar(&settings.Profile, "profile", "", "embedded profiles to add, comma-separated (default: $XCGUARD_PROFILE)")
	f.BoolVar(&settings.Tests, "tests", false, "report findings in _test.go files")
	f.StringVar(&settings.PolicyKey, "policy-key", "", "SM2 public key that signed policy files must verify with (default: $XCGUARD_POLICY_KEY)")
	f.Var(&settings.RequireSigned, "require-signed", "every policy file must be signed (default: $XCGUARD_REQUIRE_SIGNED)")
}

// Configure sets what the analyzer's flags would, for a driver that is not
// go vet (xcguard vet, the golangci-lint plugin). Like every go/analysis
// flag, the settings are process-wide: a driver configures them before it
// runs the analyzers, and not while they run.
func Configure(s policy.Settings, tests bool) {
	settings.Settings = s
	settings.Tests = tests
}

// roots are the packages whose findings the driver reports, by path; nil
// is every package.
var roots struct {
	sync.RWMutex
	set map[string]bool
}

// SetRoots names the packages whose findings the driver reports (xcguard
// vet: the packages matched, not the dependencies it analyzes for
// facts); nil, the default, is every package (go vet and golangci-lint
// report, or drop, by themselves). Process-wide, like Configure.
func SetRoots(paths []string) {
	roots.Lock()
	defer roots.Unlock()
	roots.set = nil
	if paths != nil {
		roots.set = map[string]bool{}
		for _, p := range paths {
			roots.set[p] = true
		}
	}
}

// Reported reports whether the driver reports the package's findings: an
// analyzer may skip work whose only product is diagnostics elsewhere.
func Reported(pass *analysis.Pass) bool {
	roots.RLock()
	defer roots.RUnlock()
	return roots.set == nil || roots.set[pass.Pkg.Path()]
}

// A Config is the policy in force for one package, and that package's
// suppression directives.
type Config struct {
	Policy *policy.Policy
	Tests  bool
	Err    error // the policy did not load

	mu         sync.Mutex
	directives []*placed // in file order
	suppressed []Suppressed
}

// Suppressed is a finding that a directive hid, kept for JSON and SARIF.
type Suppressed struct {
	Diagnostic    analysis.Diagnostic
	Justification string
}

// placed is a directive at its place in a file.
type placed struct {
	directive.Directive
	pos      token.Pos
	end      token.Pos
	file     string
	line     int
	trailing bool // after code on its line: applies to that line only
	used     bool
}

func run(pass *analysis.Pass) (any, error) {
	if len(pass.Files) == 0 {
		return &Config{Policy: policy.Default()}, nil
	}
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
	p, err := load(dir)
	if err != nil {
		// Not an error of this analyzer: see Get.
		return &Config{Err: err}, nil
	}
	cfg := &Config{Policy: p, Tests: settings.Tests}
	for _, f := range pass.Files {
		cfg.collect(pass.Fset, f)
	}
	return cfg, nil
}

var cache sync.Map // fmt.Sprint(policy.Request) → func() (*policy.Policy, error)

// load finds and loads the policy for a package directory, once per process.
func load(dir string) (*policy.Policy, error) {
	req, err := policy.Resolve(settings.Settings, os.Getenv, dir)
	if err != nil {
		return nil, fmt.Errorf("loading policy: %w", err)
	}
	once, _ := cache.LoadOrStore(fmt.Sprintf("%#v", req), sync.OnceValues(req.Load))
	p, err := once.(func() (*policy.Policy, error))()
	if err != nil {
		return nil, fmt.Errorf("loading policy: %w", err)
	}
	return p, nil
}

// IsTestFile reports whether a file name is a _test.go file.
func IsTestFile(name string) bool { return strings.HasSuffix(name, "_test.go") }

// collect finds the file's directives and whether each trails code.
func (c *Config) collect(fset *token.FileSet, f *ast.File) {
	var found []*placed
	tf := fset.File(f.Pos())
	if IsTestFile(tf.Name()) && !c.Tests {
		return
	}
	for _, g := range f.Comments {
		for _, cm := range g.List {
			d, ok := directive.Parse(cm.Text)
			if !ok {
				continue
			}
			found = append(found, &placed{Directive: d, pos: cm.Pos(), end: cm.End(), file: tf.Name(), line: tf.Line(cm.Pos())})
		}
	}
	if len(found) == 0 {
		return
	}
	// A directive trails code when a syntax node starts or ends before it on its line.
	codeBefore := map[int]token.Pos{} // line → leftmost code position
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.CommentGroup, *ast.Comment, *ast.File:
			return n != nil
		}
		for _, p := range []token.Pos{n.Pos(), n.End()} {
			if l := tf.Line(p); codeBefore[l] == token.NoPos || p < codeBefore[l] {
				codeBefore[l] = p
			}
		}
		return true
	})
	for _, d := range found {
		if p, ok := codeBefore[d.line]; ok && p < d.pos {
			d.trailing = true
		}
	}
	c.directives = append(c.directives, found...)
}

// Get returns the package's Config, or nil when its policy did not load.
// A rule analyzer then returns early without error, and the directive
// analyzer, which runs after every rule analyzer, returns Config.Err: go vet
// shows one analyzer's error per package, and for an analyzer whose
// requirement failed only "failed prerequisites", never the cause.
func Get(pass *analysis.Pass) *Config {
	cfg := pass.ResultOf[Analyzer].(*Config)
	if cfg.Err != nil {
		return nil
	}
	return cfg
}

// Enabled reports whether the policy turns the rule on; an analyzer returns
// early when none of its rules is.
func (c *Config) Enabled(rule string) bool { return c.Policy.Enabled(policy.RuleID(rule)) }

// Report reports a finding of rule at rng unless the policy turns the rule
// off, the finding is in a test file and tests are not analyzed, or a
// directive suppresses it. The message is a lowercase clause; Report
// prefixes the rule ID, which golangci-lint keeps where it drops Category.
func (c *Config) Report(pass *analysis.Pass, rule string, rng analysis.Range, format string, args ...any) {
	c.ReportDiagnostic(pass, analysis.Diagnostic{
		Pos:      rng.Pos(),
		End:      rng.End(),
		Category: rule,
		Message:  fmt.Sprintf(format, args...),
	})
}

// ReportDiagnostic is Report for a diagnostic with related information or
// suggested fixes: d.Category is the rule, and its message is prefixed with
// it.
func (c *Config) ReportDiagnostic(pass *analysis.Pass, d analysis.Diagnostic) {
	rule := d.Category
	if !c.Enabled(rule) {
		return
	}
	tf := pass.Fset.File(d.Pos)
	if tf == nil || IsTestFile(tf.Name()) && !c.Tests {
		return
	}
	d.Message = rule + ": " + d.Message
	if dir := c.suppressor(tf.Name(), tf.Line(d.Pos), rule); dir != nil {
		c.mu.Lock()
		c.suppressed = append(c.suppressed, Suppressed{d, dir.Reason})
		c.mu.Unlock()
		return
	}
	pass.Report(d)
}

// suppressor returns the well-formed directive for rule on the finding's
// line or, standing alone, on the line before; it marks it used.
func (c *Config) suppressor(file string, line int, rule string) *placed {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range c.directives {
		if d.file != file || d.Problem != "" || !(d.line == line || d.line == line-1 && !d.trailing) {
			continue
		}
		for _, r := range d.Rules {
			if r == rule {
				d.used = true
				return d
			}
		}
	}
	return nil
}

// Directive is a suppression directive as the directive analyzer sees it
// after every rule analyzer has run.
type Directive struct {
	directive.Directive
	Pos, End token.Pos
	Used     bool
}

// Directives returns the package's directives in file order.
func (c *Config) Directives() []Directive {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Directive, len(c.directives))
	for i, d := range c.directives {
		out[i] = Directive{d.Directive, d.pos, d.end, d.used}
	}
	return out
}

// SuppressedFindings returns the findings directives hid so far.
func (c *Config) SuppressedFindings() []Suppressed {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Suppressed(nil), c.suppressed...)
}
