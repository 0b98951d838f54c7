package policy

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Settings are what a driver's configuration says about the policy: the
// command line's flags, go vet's -xcconfig flags, golangci-lint's settings.
// An empty value falls back to the environment (see Resolve).
type Settings struct {
	Policy        string  // policy file
	Profile       string  // embedded profiles, comma-separated
	PolicyKey     string  // SM2 public key that signed policy files must verify with
	RequireSigned OptBool // every file of the extends chain must be signed
	TrustProject  OptBool // a policy file found in the project may name programs to run
}

// An OptBool is a yes/no setting that may be left unset, when the
// environment decides: -trust-project=false given on the command line is
// no, whatever XCGUARD_TRUST_PROJECT says. It is a flag.Value.
type OptBool struct{ set, value bool }

// Yes is an OptBool set to v.
func Yes(v bool) OptBool { return OptBool{true, v} }

func (o *OptBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("use true or false")
	}
	*o = Yes(v)
	return nil
}

func (o *OptBool) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.FormatBool(o.value)
}

// IsBoolFlag lets -trust-project stand for -trust-project=true.
func (o *OptBool) IsBoolFlag() bool { return true }

// The environment variables that stand in for unset Settings.
const (
	EnvPolicy        = "XCGUARD_POLICY"
	EnvProfile       = "XCGUARD_PROFILE"
	EnvPolicyKey     = "XCGUARD_POLICY_KEY"
	EnvRequireSigned = "XCGUARD_REQUIRE_SIGNED"
	EnvTrustProject  = "XCGUARD_TRUST_PROJECT"
)

// A Request is the policy a run uses, resolved once from the settings, the
// environment and the search upward, and passed down to every part.
type Request struct {
	// File is the policy file; "" means none (the profiles, or the default).
	File string
	// Named says the pipeline named File (-policy or XCGUARD_POLICY) rather
	// than xcguard finding it in the project: a named file may extend files
	// anywhere, a found one only files inside its project.
	Named bool
	// Profiles are embedded profiles the pipeline adds.
	Profiles []string
	Trust    Trust
	// TrustProject lets policy files found in the project name programs
	// xcguard runs (build.cc, the smoke run); see Provenance.
	TrustProject bool
}

// Resolve turns settings into a Request: each unset setting from the
// environment (getenv, normally os.Getenv), then, with no file named, the
// nearest .xcguard.yml in dir or above. Relative file names are kept as
// given; callers resolve them first (-C).
func Resolve(s Settings, getenv func(string) string, dir string) (Request, error) {
	r := Request{File: s.Policy, Named: true}
	if r.File == "" {
		r.File = getenv(EnvPolicy)
	}
	if strings.TrimSpace(r.File) == "" {
		r.File, r.Named = "", false
		if f, ok := Find(dir); ok {
			r.File = f
		}
	}
	profiles, from := s.Profile, "-profile "
	if profiles == "" {
		profiles, from = getenv(EnvProfile), EnvProfile+"="
	}
	r.Profiles = SplitList(profiles)
	if strings.TrimSpace(profiles) != "" && len(r.Profiles) == 0 {
		return Request{}, fmt.Errorf("%s%s names no profile: name one or more of %s, comma-separated", from, quote(profiles), strings.Join(Profiles(), ", "))
	}
	r.Trust.KeyFile = s.PolicyKey
	if r.Trust.KeyFile == "" {
		r.Trust.KeyFile = getenv(EnvPolicyKey)
	}
	var err error
	if r.Trust.RequireSigned, err = envBool(s.RequireSigned, EnvRequireSigned, getenv); err != nil {
		return Request{}, err
	}
	if r.TrustProject, err = envBool(s.TrustProject, EnvTrustProject, getenv); err != nil {
		return Request{}, err
	}
	return r, nil
}

// envBool is a boolean setting when it is set, else its environment
// variable: "", 0 or false is false, 1 or true is true, anything else an
// error.
func envBool(set OptBool, name string, getenv func(string) string) (bool, error) {
	if set.set {
		return set.value, nil
	}
	switch v := strings.TrimSpace(getenv(name)); strings.ToLower(v) {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	default:
		return false, fmt.Errorf("%s=%s: use 1 or true to turn it on, 0, false or nothing to leave it off", name, quote(v))
	}
}

// SplitList splits a comma-separated list, dropping empty items.
func SplitList(s string) []string {
	var out []string
	for x := range strings.SplitSeq(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// Abs makes the request's file names absolute, for drivers that load the
// policy later from another directory (go vet runs in each package's).
func (r Request) Abs() (Request, error) {
	for _, p := range []*string{&r.File, &r.Trust.KeyFile} {
		if *p != "" {
			abs, err := filepath.Abs(*p)
			if err != nil {
				return Request{}, err
			}
			*p = abs
		}
	}
	return r, nil
}
