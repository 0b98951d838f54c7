package policy

import (
	"crypto/tls"
	"fmt"
	"go/version"
	"maps"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/semver"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/internal/gosettings"
)

// The scalar types below parse themselves once, at load, through
// encoding.TextUnmarshaler, and print themselves back in canonical form.

// A RuleID is a documented rule ID such as XC101.
type RuleID string

func (r *RuleID) UnmarshalText(b []byte) error {
	s := string(b)
	if _, ok := docs.Lookup(s); !ok {
		return fmt.Errorf("unknown rule %s (see 'xcguard list')", quote(s))
	}
	*r = RuleID(s)
	return nil
}

// Severity is what the policy makes of a rule's findings.
type Severity int

const (
	Off Severity = iota
	Warning
	Error
)

var severityNames = []string{"off", "warning", "error"}

func (s Severity) String() string { return severityNames[s] }

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	i := slices.Index(severityNames, string(b))
	if i < 0 {
		return fmt.Errorf("invalid severity %s: use error, warning or off", quote(string(b)))
	}
	*s = Severity(i)
	return nil
}

// TLSVersion is a TLS protocol version written "1.0" to "1.3".
type TLSVersion uint16

var tlsVersions = map[string]TLSVersion{
	"1.0": tls.VersionTLS10, "1.1": tls.VersionTLS11, "1.2": tls.VersionTLS12, "1.3": tls.VersionTLS13,
}

func (v TLSVersion) String() string {
	for s, x := range tlsVersions {
		if x == v {
			return s
		}
	}
	return fmt.Sprintf("0x%04x", uint16(v))
}

func (v TLSVersion) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *TLSVersion) UnmarshalText(b []byte) error {
	x, ok := tlsVersions[string(b)]
	if !ok {
		return fmt.Errorf("invalid TLS version %s: use \"1.2\" or \"1.3\"", quote(string(b)))
	}
	*v = x
	return nil
}

// CipherName is the IANA-style name of a TLS cipher suite that Go or
// gmsm/gmtls knows.
type CipherName string

// A GMSuite is a GM TLS cipher suite (GB/T 38636, TLCP), with the name
// github.com/tjfoc/gmsm/gmtls gives its constant where it has one.
type GMSuite struct {
	ID       uint16
	Name     string // the standard's name: ECC_SM4_CBC_SM3
	GMSMName string // gmtls's constant: GMTLS_SM2_WITH_SM4_SM3
	Insecure bool   // SHA-1 MAC
}

// GMSuites lists the GM suites xcguard knows.
var GMSuites = []GMSuite{
	{0xe001, "ECDHE_SM1_SM3", "GMTLS_ECDHE_SM2_WITH_SM1_SM3", false},
	{0xe003, "ECC_SM1_SM3", "GMTLS_SM2_WITH_SM1_SM3", false},
	{0xe009, "RSA_SM1_SM3", "GMTLS_RSA_WITH_SM1_SM3", false},
	{0xe00a, "RSA_SM1_SHA1", "GMTLS_RSA_WITH_SM1_SHA1", true},
	{0xe011, "ECDHE_SM4_CBC_SM3", "GMTLS_ECDHE_SM2_WITH_SM4_SM3", false},
	{0xe013, "ECC_SM4_CBC_SM3", "GMTLS_SM2_WITH_SM4_SM3", false},
	{0xe019, "RSA_SM4_CBC_SM3", "GMTLS_RSA_WITH_SM4_SM3", false},
	{0xe01a, "RSA_SM4_CBC_SHA1", "GMTLS_RSA_WITH_SM4_SHA1", true},
	{0xe051, "ECDHE_SM4_GCM_SM3", "", false},
	{0xe053, "ECC_SM4_GCM_SM3", "", false},
	// GB/T 38636-2020 adds the SM9 (IBC) suites and RSA ones, as gotlcp
	// names them.
	{0xe015, "IBSDH_SM4_CBC_SM3", "", false},
	{0xe055, "IBSDH_SM4_GCM_SM3", "", false},
	{0xe017, "IBC_SM4_CBC_SM3", "", false},
	{0xe057, "IBC_SM4_GCM_SM3", "", false},
	{0xe059, "RSA_SM4_GCM_SM3", "", false},
	{0xe01e, "RSA_SM4_CBC_SHA256", "", false},
	{0xe05a, "RSA_SM4_GCM_SHA256", "", false},
}

// CipherID returns the ID of a cipher suite named as crypto/tls names it,
// or by a GM name (the standard's or gmtls's).
func CipherID(name string) (uint16, bool) {
	for _, s := range GMSuites {
		if name == s.Name || name == s.GMSMName && name != "" {
			return s.ID, true
		}
	}
	for _, cs := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		if cs.Name == name {
			return cs.ID, true
		}
	}
	return 0, false
}

// CipherSuiteName returns the name of a suite ID: crypto/tls's, else the GM
// standard's, else its hex value.
func CipherSuiteName(id uint16) string {
	for _, s := range GMSuites {
		if s.ID == id {
			return s.Name
		}
	}
	return tls.CipherSuiteName(id)
}

// KnownCipher reports whether name is a suite of crypto/tls or a GM suite.
func KnownCipher(name string) bool {
	_, ok := CipherID(name)
	return ok
}

func (c *CipherName) UnmarshalText(b []byte) error {
	if !KnownCipher(string(b)) {
		return fmt.Errorf("unknown cipher suite %s: use a crypto/tls name such as TLS_AES_128_GCM_SHA256 or a GM suite such as ECC_SM4_GCM_SM3", quote(string(b)))
	}
	*c = CipherName(b)
	return nil
}

// A GodebugSetting is name=value for a GODEBUG setting that weakens Go's
// crypto defaults (gosettings.Settings), at its weak value.
type GodebugSetting string

func (g *GodebugSetting) UnmarshalText(b []byte) error {
	name, value, ok := strings.Cut(string(b), "=")
	if !ok {
		return fmt.Errorf("%s is not a GODEBUG setting: write name=value, e.g. tlsrsakex=1", quote(string(b)))
	}
	s, known := gosettings.Lookup(name)
	switch {
	case !known:
		return fmt.Errorf("%s is not a GODEBUG setting that weakens crypto (known: %s)", quote(name), strings.Join(godebugNames(), ", "))
	case s.Weak != value:
		return fmt.Errorf("%s=%s is not what weakens crypto; %s=%s does, and only that needs allowing", name, quote(value), name, s.Weak)
	}
	*g = GodebugSetting(b)
	return nil
}

func godebugNames() []string {
	var names []string
	for _, s := range gosettings.Settings {
		names = append(names, s.Name)
	}
	return names
}

// ModuleMode says whether modules need approval (allowlist) or only must not
// be denied (denylist).
type ModuleMode string

const (
	Denylist  ModuleMode = "denylist"
	Allowlist ModuleMode = "allowlist"
)

func (m *ModuleMode) UnmarshalText(b []byte) error {
	return oneOf(m, b, []ModuleMode{Denylist, Allowlist}, "invalid modules.mode %s: use allowlist or denylist")
}

// oneOf sets *dst to b when it is one of the allowed values, else returns
// the error format filled with b, quoted.
func oneOf[T ~string](dst *T, b []byte, allowed []T, format string) error {
	if x := T(b); slices.Contains(allowed, x) {
		*dst = x
		return nil
	}
	return fmt.Errorf(format, quote(string(b)))
}

// A GMLibrary is the module path of a GM library xcguard fix can migrate
// code to.
type GMLibrary string

const (
	// Tjfoc is github.com/tjfoc/gmsm, the design card's library.
	Tjfoc GMLibrary = "github.com/tjfoc/gmsm"
	// Emmansun is github.com/emmansun/gmsm, maintained, crypto/*-shaped.
	Emmansun GMLibrary = "github.com/emmansun/gmsm"
)

func (l *GMLibrary) UnmarshalText(b []byte) error {
	return oneOf(l, b, []GMLibrary{Tjfoc, Emmansun}, "invalid crypto.gm_library %s: use "+string(Tjfoc)+" or "+string(Emmansun))
}

// Or is l, or the default library (tjfoc/gmsm) when l is unset.
func (l GMLibrary) Or() GMLibrary {
	if l == "" {
		return Tjfoc
	}
	return l
}

// A Glob is a path.Match pattern over module or package paths.
type Glob string

func (g *Glob) UnmarshalText(b []byte) error {
	if _, err := path.Match(string(b), ""); err != nil || len(b) == 0 {
		return fmt.Errorf("invalid glob %s: use path.Match syntax, e.g. github.com/acme/*", quote(string(b)))
	}
	*g = Glob(b)
	return nil
}

// Match reports whether p matches the glob.
func (g Glob) Match(p string) bool {
	ok, _ := path.Match(string(g), p)
	return ok
}

// A Constraint is a conjunction of semver comparisons, written
// ">= v1.4.1" or ">= v1.4.1, < v2.0.0".
type Constraint struct {
	terms []term
}

type term struct {
	op      string
	version string
}

var termRE = regexp.MustCompile(`^(>=|<=|>|<|=|!=)?\s*(\S+)$`)

func (c *Constraint) UnmarshalText(b []byte) error {
	var terms []term
	for _, part := range strings.Split(string(b), ",") {
		m := termRE.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil || !semver.IsValid(m[2]) {
			return fmt.Errorf("invalid version constraint %s: use comparisons of semantic versions, e.g. \">= v1.4.1, < v2.0.0\"", quote(string(b)))
		}
		op := m[1]
		if op == "" {
			op = "="
		}
		terms = append(terms, term{op, m[2]})
	}
	*c = Constraint{terms}
	return nil
}

func (c Constraint) String() string {
	parts := make([]string, len(c.terms))
	for i, t := range c.terms {
		parts[i] = t.op + " " + t.version
	}
	return strings.Join(parts, ", ")
}

func (c Constraint) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// IsZero reports whether the constraint is unset (every version allowed).
func (c Constraint) IsZero() bool { return len(c.terms) == 0 }

// And returns the constraint that holds where both hold.
func (c Constraint) And(d Constraint) Constraint {
	terms := slices.Clip(c.terms)
	for _, t := range d.terms {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return Constraint{terms}
}

// Allows reports whether version v satisfies every comparison.
func (c Constraint) Allows(v string) bool {
	for _, t := range c.terms {
		n := semver.Compare(v, t.version)
		ok := map[string]bool{">=": n >= 0, ">": n > 0, "<=": n <= 0, "<": n < 0, "=": n == 0, "!=": n != 0}[t.op]
		if !ok {
			return false
		}
	}
	return true
}

// GoVersion is a Go release such as "1.21" or "1.22.3".
type GoVersion string

func (v *GoVersion) UnmarshalText(b []byte) error {
	if !version.IsValid("go" + string(b)) {
		return fmt.Errorf("invalid Go version %s: write it like \"1.21\"", quote(string(b)))
	}
	*v = GoVersion(b)
	return nil
}

// Compare compares two Go versions like strings.Compare; the empty version is lowest.
func (v GoVersion) Compare(w GoVersion) int {
	switch {
	case v == w:
		return 0
	case v == "":
		return -1
	case w == "":
		return 1
	}
	return version.Compare("go"+string(v), "go"+string(w))
}

// A Target is a GOOS/GOARCH pair such as linux/arm64. xcguard builds and
// inspects Linux binaries (every xinchuang OS is a Linux distribution), so
// GOOS is linux.
type Target string

var (
	knownOS   = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows"}
	knownArch = []string{"386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle", "ppc64", "ppc64le", "riscv64", "s390x"}
)

func (t *Target) UnmarshalText(b []byte) error {
	os, arch, ok := strings.Cut(string(b), "/")
	switch {
	case !ok || !slices.Contains(knownOS, os) || !slices.Contains(knownArch, arch) && arch != "wasm":
		return fmt.Errorf("invalid target %s: use GOOS/GOARCH, e.g. linux/arm64", quote(string(b)))
	case os != "linux" || arch == "wasm":
		return fmt.Errorf("target %s is not a Linux target: xcguard builds and inspects Linux binaries (Kylin, UOS, openEuler are Linux), e.g. linux/arm64", quote(string(b)))
	}
	*t = Target(b)
	return nil
}

// check refuses a target listed twice: its artifacts would overwrite each
// other in dist/.
func (b *Build) check() error {
	for i, t := range b.Targets {
		if slices.Contains(b.Targets[:i], t) {
			return fmt.Errorf("build.targets lists %s twice: name each target once", t)
		}
	}
	for _, t := range slices.Sorted(maps.Keys(b.CC)) {
		if strings.TrimSpace(b.CC[t]) == "" {
			return fmt.Errorf("build.cc for %s is blank: name the C compiler, e.g. aarch64-linux-gnu-gcc", t)
		}
	}
	return b.checkPerTarget()
}

// OS and Arch split the target.
func (t Target) OS() string   { os, _, _ := strings.Cut(string(t), "/"); return os }
func (t Target) Arch() string { _, arch, _ := strings.Cut(string(t), "/"); return arch }

// ARM64Level is a GOARM64 value: v8.0 to v9.5 with optional ",lse" and ",crypto".
type ARM64Level string

var arm64RE = regexp.MustCompile(`^v(8\.[0-9]|9\.[0-5])(,lse)?(,crypto)?$`)

func (l *ARM64Level) UnmarshalText(b []byte) error {
	if !arm64RE.Match(b) {
		return fmt.Errorf("invalid goarm64 %s: use v8.0 to v9.5, optionally with ,lse or ,crypto", quote(string(b)))
	}
	*l = ARM64Level(b)
	return nil
}

// Compare orders levels by architecture version; the empty level is highest
// (it constrains nothing).
func (l ARM64Level) Compare(m ARM64Level) int {
	key := func(x ARM64Level) float64 {
		if x == "" {
			return 99
		}
		f, _ := strconv.ParseFloat(arm64RE.FindStringSubmatch(string(x))[1], 64)
		return f
	}
	if c := key(l) - key(m); c != 0 {
		if c < 0 {
			return -1
		}
		return 1
	}
	return strings.Compare(string(l), string(m))
}

// Size is a number of bytes, written with a unit: 512KiB, 20MiB, 1GiB, 20MB.
type Size int64

var sizeUnits = []struct {
	name string
	n    int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

var sizeRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)$`)

func (s *Size) UnmarshalText(b []byte) error {
	bad := fmt.Errorf("invalid size %s: use a positive number with B, KiB, MiB or GiB, e.g. 20MiB", quote(string(b)))
	m := sizeRE.FindStringSubmatch(string(b))
	if m == nil {
		return bad
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil || f <= 0 {
		return bad
	}
	for _, u := range sizeUnits {
		// Less than a byte would read as unset; more than int64 would wrap.
		if n := f * float64(u.n); u.name == m[2] && n >= 1 && n < math.MaxInt64 {
			*s = Size(n)
			return nil
		}
	}
	return bad
}

func (s Size) String() string {
	for _, u := range sizeUnits[:3] {
		if s >= Size(u.n) && int64(s)%u.n == 0 {
			return fmt.Sprintf("%d%s", int64(s)/u.n, u.name)
		}
	}
	return fmt.Sprintf("%dB", int64(s))
}

func (s Size) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// GlibcVersion is a glibc release such as "2.28".
type GlibcVersion string

var glibcRE = regexp.MustCompile(`^2\.([0-9]{1,2})$`)

func (v *GlibcVersion) UnmarshalText(b []byte) error {
	if !glibcRE.Match(b) {
		return fmt.Errorf("invalid glibc version %s: write it like \"2.28\"", quote(string(b)))
	}
	*v = GlibcVersion(b)
	return nil
}

// Minor returns the minor release (28 for "2.28"), or -1 when unset.
func (v GlibcVersion) Minor() int {
	m := glibcRE.FindStringSubmatch(string(v))
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Duration is a positive time.Duration written like "10s".
type Duration time.Duration

func (d *Duration) UnmarshalText(b []byte) error {
	x, err := time.ParseDuration(string(b))
	if err != nil || x <= 0 {
		return fmt.Errorf("invalid duration %s: use a positive Go duration, e.g. 10s or 1m30s", quote(string(b)))
	}
	*d = Duration(x)
	return nil
}

func (d Duration) String() string { return time.Duration(d).String() }

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
