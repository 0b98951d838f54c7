package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// flagSet is a subcommand's flags, which report errors instead of exiting.
type flagSet struct {
	*flag.FlagSet
	name      string
	argsUsage string // what follows the flags, for -h
	maxArgs   int    // < 0: any number
	// report is the command's report flags (-format, -o, -sarif), when it
	// writes a report: a run that fails still writes a document there.
	report *common
}

func newFlagSet(name, argsUsage string, maxArgs int) *flagSet {
	fs := flag.NewFlagSet("xcguard "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs, name: name, argsUsage: argsUsage, maxArgs: maxArgs}
}

// errHelp ends a subcommand after -h printed its help; Run returns nil for it.
var errHelp = errors.New("help printed")

// parse parses args; -h prints the flags to stdout.
func (fs *flagSet) parse(e *env, args []string) error {
	err := fs.Parse(args)
	// A bad flag after -format still gets the document -format promises.
	e.report = fs.report
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(e.stdout, "Usage: xcguard %s [flags] %s\n\nFlags:\n", fs.name, fs.argsUsage)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		return errHelp
	}
	if err != nil {
		return inputf("%s: %v (run 'xcguard %s -h' for its flags)", fs.name, err, fs.name)
	}
	if fs.maxArgs >= 0 && fs.NArg() > fs.maxArgs {
		return inputf("%s: unexpected argument %q (run 'xcguard %s -h' for usage)", fs.name, fs.Arg(fs.maxArgs), fs.name)
	}
	return nil
}

// common are the flags shared by the subcommands that check code.
type common struct {
	dir           string
	policy        string
	profile       string
	policyKey     string
	requireSigned policy.OptBool
	trustProject  policy.OptBool
	// parts are the parts of xcguard the command runs (vet, audit,
	// build): one SARIF run each.
	parts []string
	// notes are what the run could not fully check, for the report.
	notes  []string
	format report.Format
	output string
	sarif  string
	tests  bool
	tags   string
	// inventory is where vet and check also write the CycloneDX CBOM.
	inventory string
	// baseline is the -baseline file; updateBaseline rewrites it.
	baseline       string
	updateBaseline bool
	// newFromRev is the -new-from-rev revision: only findings on lines
	// changed since it are reported.
	newFromRev string
	// root is the directory finding paths are relative to, once vet or
	// audit knows it; vetFiles are the files of the packages vet analyzed.
	root     string
	vetFiles map[string]bool
}

func (c *common) register(fs *flagSet) {
	c.registerOutput(fs)
	fs.BoolVar(&c.tests, "tests", false, "also analyze _test.go files")
	fs.StringVar(&c.tags, "tags", "", "comma-separated build tags to load packages with")
}

// registerInventory registers -inventory, the CBOM vet and check write
// beside their report.
func (c *common) registerInventory(fs *flagSet) {
	fs.StringVar(&c.inventory, "inventory", "", "also write the crypto inventory of the run to this file, as a CycloneDX 1.6 CBOM (see xcguard inventory)")
}

// registerOutput registers the flags of the subcommands that judge something
// other than source (inspect, build): directory, policy and report outputs.
func (c *common) registerOutput(fs *flagSet) {
	c.registerReport(fs)
	fs.StringVar(&c.sarif, "sarif", "", "also write a SARIF report to this file")
	c.registerPolicy(fs)
}

// registerPolicy registers -C and the flags that choose and trust the
// policy, for every command that reads one.
func (c *common) registerPolicy(fs *flagSet) {
	fs.StringVar(&c.dir, "C", "", "run as if in this directory (like go -C): packages, policy search and relative paths start there")
	fs.StringVar(&c.policy, "policy", "", "policy file (default: $XCGUARD_POLICY, else the nearest .xcguard.yml upward, else the embedded default)")
	fs.StringVar(&c.profile, "profile", "", "embedded profiles to apply, comma-separated: baseline, gov-cloud, finance, iot-edge (default: $XCGUARD_PROFILE)")
	c.registerTrust(fs)
}

// registerReport registers -format and -o: where the report goes.
func (c *common) registerReport(fs *flagSet) {
	c.format = report.Text
	fs.Var(&c.format, "format", "output format: text, json, sarif, github, markdown (a CI job summary), gitlab (Code Quality) or junit (Jenkins, Gitee)")
	fs.StringVar(&c.output, "o", "", "write the report to this file instead of standard output")
	fs.report = c
}

// registerTrust registers the flags that say how far to trust policy
// files: their SM2 signatures, and whether a project file may name
// programs to run.
func (c *common) registerTrust(fs *flagSet) {
	fs.StringVar(&c.policyKey, "policy-key", "", "SM2 public key (PEM): policy files marked signed: true must verify with it (default: $XCGUARD_POLICY_KEY)")
	fs.Var(&c.requireSigned, "require-signed", "every policy file of the extends chain must be signed (with -policy-key; default: $XCGUARD_REQUIRE_SIGNED)")
	fs.Var(&c.trustProject, "trust-project", "let a .xcguard.yml found in the project name programs to run: build.cc and the smoke run (default: $XCGUARD_TRUST_PROJECT)")
}

// request resolves, in one place, the policy the flags, the environment
// and the search upward from dir ask for.
func (c *common) request(dir string) (policy.Request, error) {
	s := policy.Settings{
		Policy:        c.path(c.policy),
		Profile:       c.profile,
		PolicyKey:     c.path(c.policyKey),
		RequireSigned: c.requireSigned,
		TrustProject:  c.trustProject,
	}
	r, err := policy.Resolve(s, os.Getenv, dir)
	if err != nil {
		return policy.Request{}, inputf("%v", err)
	}
	return r, nil
}

// loadPolicy loads the policy the flags ask for, searching upward from dir.
func loadPolicy(c *common, dir string) (*policy.Policy, error) {
	r, err := c.request(dir)
	if err != nil {
		return nil, err
	}
	p, err := r.Load()
	if err != nil {
		return nil, inputf("invalid policy: %v", err)
	}
	return p, nil
}

// path resolves a relative path given on the command line against -C.
func (c *common) path(p string) string {
	if p == "" || c.dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

// workDir is the directory the command runs in: -C, else ".".
func (c *common) workDir() string {
	if c.dir == "" {
		return "."
	}
	return c.dir
}
