// Package gosettings knows the GODEBUG settings that weaken Go's crypto and
// TLS defaults, and which go directives imply them.
//
// Go keeps old behaviour for modules that declare an old go version: a
// main module with "go 1.21" in go.mod gets GODEBUG tls10server=1 (servers
// accept TLS 1.0), tlsrsakex=1 and tls3des=1 (weak cipher suites) by
// default, whatever toolchain builds it. The table is taken from the Go
// release notes and go.dev/doc/godebug (the history that
// src/internal/godebugs/table.go records), not from the Go that built
// xcguard, so that it judges what the program's own toolchain will do.
package gosettings

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/semver"
)

// A Setting is a GODEBUG setting whose Weak value re-enables crypto that
// Go's defaults turned off.
type Setting struct {
	Name string
	// Weak is the value that weakens ("1" for tls10server, "0" for
	// rsa1024min).
	Weak string
	// Changed is the Go release from whose go directive on the default is
	// the strong value; a main module with an older go directive gets Weak
	// by default. "" when no go directive implies Weak.
	Changed string
	// Rule is the xcguard rule the weak value breaks.
	Rule string
	// Does says what the weak value does, as a clause.
	Does string
}

// Settings are the weakening settings, by name.
var Settings = []Setting{
	{Name: "tls10server", Weak: "1", Changed: "1.22", Rule: "XC103", Does: "servers accept TLS 1.0 and 1.1 when MinVersion is unset"},
	{Name: "tlsrsakex", Weak: "1", Changed: "1.22", Rule: "XC105", Does: "RSA key exchange cipher suites (no forward secrecy) are enabled by default"},
	{Name: "tls3des", Weak: "1", Changed: "1.23", Rule: "XC105", Does: "3DES cipher suites are enabled by default"},
	{Name: "tlsunsafeekm", Weak: "1", Changed: "1.22", Rule: "XC107", Does: "ExportKeyingMaterial works on connections without Extended Master Secret"},
	{Name: "rsa1024min", Weak: "0", Changed: "1.24", Rule: "XC107", Does: "RSA keys shorter than 1024 bits are accepted"},
	{Name: "tlssha1", Weak: "1", Changed: "1.25", Rule: "XC107", Does: "SHA-1 signatures are accepted in TLS 1.2 handshakes"},
	{Name: "cryptocustomrand", Weak: "1", Changed: "1.26", Rule: "XC107", Does: "crypto functions draw randomness from the io.Reader they are given, however weak"},
	{Name: "x509sha1", Weak: "1", Rule: "XC107", Does: "certificates signed with SHA-1 are accepted (Go 1.23 and older)"},
}

// Lookup returns the weakening setting of a name.
func Lookup(name string) (Setting, bool) {
	i := slices.IndexFunc(Settings, func(s Setting) bool { return s.Name == name })
	if i < 0 {
		return Setting{}, false
	}
	return Settings[i], true
}

// Weakens reports whether name=value is a setting's weak value.
func Weakens(name, value string) (Setting, bool) {
	s, ok := Lookup(name)
	return s, ok && s.Weak == value
}

// Implied returns the weakening settings a main module's go version (as in
// its go directive, "1.21" or "1.21.3") implies by default, in table order.
func Implied(goVersion string) []Setting {
	var out []Setting
	for _, s := range Settings {
		if s.Changed != "" && Before(goVersion, s.Changed) {
			out = append(out, s)
		}
	}
	return out
}

// Before reports whether Go version v is a release older than w ("1.21"
// before "1.22"; "1.22.5" not before "1.22"). An unreadable v is not.
func Before(v, w string) bool {
	mm := func(x string) string { return semver.MajorMinor("v" + x) }
	a, b := mm(v), mm(w)
	return a != "" && b != "" && semver.Compare(a, b) < 0
}

// Parse splits a GODEBUG list ("tls10server=1,tlsrsakex=1" or the
// "default=go1.21" form of a godebug directive) into key=value pairs, in
// order; entries without "=" are dropped.
func Parse(list string) [][2]string {
	var out [][2]string
	for entry := range strings.SplitSeq(list, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(entry), "=")
		if ok && k != "" {
			out = append(out, [2]string{k, v})
		}
	}
	return out
}

// DefaultVersion is the Go version a "default=go1.21" setting names, or "".
func DefaultVersion(value string) string {
	v := strings.TrimPrefix(value, "go")
	if _, err := strconv.Atoi(strings.ReplaceAll(v, ".", "")); err != nil || !strings.Contains(v, ".") {
		return ""
	}
	return v
}

// Strong is the setting's value that keeps Go's current behaviour.
func (s Setting) Strong() string {
	if s.Weak == "1" {
		return "0"
	}
	return "1"
}

// ByRule groups settings by the rule they break, rules in the order they
// first appear, settings in their order.
func ByRule(ss []Setting) [][]Setting {
	var groups [][]Setting
	for _, s := range ss {
		i := slices.IndexFunc(groups, func(g []Setting) bool { return g[0].Rule == s.Rule })
		if i < 0 {
			groups = append(groups, nil)
			i = len(groups) - 1
		}
		groups[i] = append(groups[i], s)
	}
	return groups
}

// Describe lists settings at their weak values with what each does:
// "tls10server=1 (servers accept TLS 1.0 …), tlsrsakex=1 (…)".
func Describe(ss []Setting) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.Name + "=" + s.Weak + " (" + s.Does + ")"
	}
	return strings.Join(parts, ", ")
}
