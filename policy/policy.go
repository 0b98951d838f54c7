// Package policy is xcguard's typed policy: the model of .xcguard.yml, its
// strict loader, the embedded profiles, and the rules that combine policies.
//
// A Policy is always the effective one: extends resolved, profiles combined.
// Analyzers, the auditor and the build wrapper read it; none of them decides
// severity on its own.
package policy

import (
	"crypto/tls"
	"fmt"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/internal/gosettings"
)

// A Policy is the effective policy. The zero value of a field means "not set";
// after Load, the rules map holds a severity for every rule ID.
type Policy struct {
	Version int                 `yaml:"version" json:"version"`
	Extends []string            `yaml:"extends,omitempty" json:"extends,omitempty"`
	Signed  *bool               `yaml:"signed,omitempty" json:"signed,omitempty"`
	Rules   map[RuleID]Severity `yaml:"rules,omitempty" json:"rules,omitempty"`
	Crypto  Crypto              `yaml:"crypto,omitempty" json:"crypto,omitempty"`
	PProf   PProf               `yaml:"pprof,omitempty" json:"pprof,omitempty"`
	Modules Modules             `yaml:"modules,omitempty" json:"modules,omitempty"`
	Build   Build               `yaml:"build,omitempty" json:"build,omitempty"`
	Locked  []string            `yaml:"locked,omitempty" json:"locked,omitempty"`

	// Sources lists the files and embedded profiles this policy was made
	// from, in the order they were read.
	Sources []string `yaml:"-" json:"-"`
	// Origins maps a setting's dotted path ("crypto.tls_min_version",
	// "rules.XC202") to the sources whose own text sets it, in the order
	// they were read; policy show prints them.
	Origins map[string][]string `yaml:"-" json:"-"`
	// Provenance says which sources the pipeline chose.
	Provenance Provenance `yaml:"-" json:"-"`
}

// Provenance tells pipeline input from project input. The pipeline chooses
// the command line, the environment, the file it names (-policy,
// XCGUARD_POLICY) and what that extends, and files its key verifies; a
// .xcguard.yml found in the project, and the unsigned files it extends, are
// project input: a pull request may have written them.
type Provenance struct {
	// Project holds the names (as in Sources) of the project-input files.
	Project map[string]bool
	// Signed is set when a file of the chain verified with the pipeline's
	// key: an organisation policy, whose locks say what projects may set.
	Signed bool
	// TrustProject is set when the pipeline trusts project input
	// (-trust-project, XCGUARD_TRUST_PROJECT).
	TrustProject bool
}

// SetByPipeline reports whether a source other than project input sets the
// setting at path: a file the pipeline names or its key verifies, or an
// embedded profile (xcguard's own text).
func (p *Policy) SetByPipeline(path string) bool {
	for _, src := range p.Origins[path] {
		if !p.Provenance.Project[src] {
			return true
		}
	}
	return false
}

// SetByProject returns the project-input files whose own text sets the
// setting at path ("build.cc"), unless the pipeline trusts project input.
func (p *Policy) SetByProject(path string) []string {
	if p.Provenance.TrustProject {
		return nil
	}
	var files []string
	for _, src := range p.Origins[path] {
		if p.Provenance.Project[src] {
			files = append(files, src)
		}
	}
	return files
}

// Crypto configures the crypto and TLS rules (XC101–XC105).
type Crypto struct {
	ForbiddenImports []ImportRule `yaml:"forbidden_imports,omitempty" json:"forbidden_imports,omitempty"`
	// GMCounterparts maps a standard package to its GM replacement (XC102).
	GMCounterparts []ImportRule `yaml:"gm_counterparts,omitempty" json:"gm_counterparts,omitempty"`
	// GMLibraries are module paths whose packages count as GM crypto.
	GMLibraries   []string     `yaml:"gm_libraries,omitempty" json:"gm_libraries,omitempty"`
	RequireGM     *bool        `yaml:"require_gm,omitempty" json:"require_gm,omitempty"`
	AllowDualMode *bool        `yaml:"allow_dual_mode,omitempty" json:"allow_dual_mode,omitempty"`
	TLSMinVersion TLSVersion   `yaml:"tls_min_version,omitempty" json:"tls_min_version,omitempty"`
	CipherSuites  []CipherName `yaml:"cipher_suites,omitempty" json:"cipher_suites,omitempty"`
	// AllowGodebug are GODEBUG settings that weaken crypto which the
	// policy accepts anyway (XC103, XC105, XC107, XC509): "tlsrsakex=1"
	// for a legacy peer.
	AllowGodebug []GodebugSetting `yaml:"allow_godebug,omitempty" json:"allow_godebug,omitempty"`
	// CertifiedModules are the crypto modules the organisation holds a
	// certificate for (GM/T 0028 products: a cgo SDK over a certified
	// library, an HSM's SDF SDK); the inventory says which uses come from
	// one, as 密评 asks.
	CertifiedModules []CertifiedModule `yaml:"certified_modules,omitempty" json:"certified_modules,omitempty"`
	// GMLibrary is the GM library xcguard fix migrates code to.
	GMLibrary GMLibrary `yaml:"gm_library,omitempty" json:"gm_library,omitempty"`
}

// A CertifiedModule is a certified crypto module, named by the Go module
// or package path its code is in.
type CertifiedModule struct {
	Path        string `yaml:"path" json:"path"`
	Name        string `yaml:"name" json:"name"`
	Certificate string `yaml:"certificate,omitempty" json:"certificate,omitempty"`
}

func (m *CertifiedModule) check() error {
	if m.Path == "" || m.Name == "" {
		return fmt.Errorf("a certified module needs a path and a name")
	}
	return nil
}

// Certified is the certified module a package path belongs to, if any.
func (c Crypto) Certified(pkg string) (CertifiedModule, bool) {
	for _, m := range c.CertifiedModules {
		if pkg == m.Path || strings.HasPrefix(pkg, m.Path+"/") {
			return m, true
		}
	}
	return CertifiedModule{}, false
}

// AllowsGodebug reports whether the policy accepts name=value.
func (c Crypto) AllowsGodebug(name, value string) bool {
	return slices.Contains(c.AllowGodebug, GodebugSetting(name+"="+value))
}

// An ImportRule names a package, why it is listed and what to use instead.
type ImportRule struct {
	Path   string `yaml:"path" json:"path"`
	Reason string `yaml:"reason,omitempty" json:"reason,omitempty"`
	Use    string `yaml:"use,omitempty" json:"use,omitempty"`
}

// PProf configures the debug-exposure rules (XC201–XC203).
type PProf struct {
	AllowBuildTags []string `yaml:"allow_build_tags,omitempty" json:"allow_build_tags,omitempty"`
	ExtraProfilers []string `yaml:"extra_profilers,omitempty" json:"extra_profilers,omitempty"`
}

// Modules configures the module auditor (XC401–XC405).
type Modules struct {
	Mode         ModuleMode   `yaml:"mode,omitempty" json:"mode,omitempty"`
	Allow        []ModuleRule `yaml:"allow,omitempty" json:"allow,omitempty"`
	Deny         []ModuleRule `yaml:"deny,omitempty" json:"deny,omitempty"`
	Replace      Replace      `yaml:"replace,omitempty" json:"replace,omitempty"`
	GoMin        GoVersion    `yaml:"go_min,omitempty" json:"go_min,omitempty"`
	ToolchainMin GoVersion    `yaml:"toolchain_min,omitempty" json:"toolchain_min,omitempty"`
}

// A ModuleRule matches modules by exactly one of Path, Prefix or Glob,
// optionally only in some versions or only some of their packages.
type ModuleRule struct {
	Path     string     `yaml:"path,omitempty" json:"path,omitempty"`
	Prefix   string     `yaml:"prefix,omitempty" json:"prefix,omitempty"`
	Glob     Glob       `yaml:"glob,omitempty" json:"glob,omitempty"`
	Version  Constraint `yaml:"version,omitempty" json:"version,omitempty"`
	Packages []Glob     `yaml:"packages,omitempty" json:"packages,omitempty"`
	Reason   string     `yaml:"reason,omitempty" json:"reason,omitempty"`
	Use      string     `yaml:"use,omitempty" json:"use,omitempty"`
}

// key identifies what a rule matches, for combining lists.
func (r ModuleRule) key() string { return r.Path + "\x00" + r.Prefix + "\x00" + string(r.Glob) }

// Replace configures which replace directives are allowed (XC404).
type Replace struct {
	AllowLocal *bool `yaml:"allow_local,omitempty" json:"allow_local,omitempty"`
}

// Build configures the build wrapper and binary inspector (XC501–XC508).
type Build struct {
	Targets      []Target          `yaml:"targets,omitempty" json:"targets,omitempty"`
	CGO          *bool             `yaml:"cgo,omitempty" json:"cgo,omitempty"`
	CC           map[Target]string `yaml:"cc,omitempty" json:"cc,omitempty"`
	Sysroot      map[Target]string `yaml:"sysroot,omitempty" json:"sysroot,omitempty"`
	LDFlags      LinkFlags         `yaml:"ldflags,omitempty" json:"ldflags,omitempty"`
	Trimpath     *bool             `yaml:"trimpath,omitempty" json:"trimpath,omitempty"`
	GOARM64      ARM64Level        `yaml:"goarm64,omitempty" json:"goarm64,omitempty"`
	GOAMD64      AMD64Level        `yaml:"goamd64,omitempty" json:"goamd64,omitempty"`
	GOMIPS64     MIPSFloat         `yaml:"gomips64,omitempty" json:"gomips64,omitempty"`
	MaxSize      Size              `yaml:"max_size,omitempty" json:"max_size,omitempty"`
	MaxGlibc     GlibcVersion      `yaml:"max_glibc,omitempty" json:"max_glibc,omitempty"`
	AllowedLibs  []string          `yaml:"allowed_libs,omitempty" json:"allowed_libs,omitempty"`
	ForbidLinked []string          `yaml:"forbid_linked,omitempty" json:"forbid_linked,omitempty"`
	Smoke        Smoke             `yaml:"smoke,omitempty" json:"smoke,omitempty"`
	// PerTarget holds a target's own settings where they differ from
	// the section's; Build.For resolves them.
	PerTarget map[Target]TargetBuild `yaml:"per_target,omitempty" json:"per_target,omitempty"`
}

// Smoke configures the smoke run (XC506).
type Smoke struct {
	Args    []string `yaml:"args,omitempty" json:"args,omitempty"`
	Timeout Duration `yaml:"timeout,omitempty" json:"timeout,omitempty"`
	MaxRSS  Size     `yaml:"max_rss,omitempty" json:"max_rss,omitempty"`
}

// Severity returns the severity of a rule; Off for a rule the policy does not name.
func (p *Policy) Severity(id RuleID) Severity { return p.Rules[id] }

// Enabled reports whether a rule is on.
func (p *Policy) Enabled(id RuleID) bool { return p.Rules[id] != Off }

// True reports whether an optional flag is set and true.
func True(b *bool) bool { return b != nil && *b }

func (r *ImportRule) check() error {
	if r.Path == "" {
		return fmt.Errorf("an entry needs a path")
	}
	return nil
}

func (r *ModuleRule) check() error {
	n := 0
	for _, s := range []string{r.Path, r.Prefix, string(r.Glob)} {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("a module entry needs exactly one of path, prefix or glob")
	}
	return nil
}

// ForbidsGodebug reports whether name=value weakens crypto below what the
// policy requires: a setting's weak value that crypto.allow_godebug does
// not accept (tls10server=1 only when the TLS minimum is above 1.0). The
// setting says which rule it breaks.
func (p *Policy) ForbidsGodebug(name, value string) (gosettings.Setting, bool) {
	s, weak := gosettings.Weakens(name, value)
	switch {
	case !weak || p.Crypto.AllowsGodebug(name, value):
		return s, false
	case s.Name == "tls10server":
		return s, p.Crypto.TLSMinVersion > TLSVersion(tls.VersionTLS10)
	}
	return s, true
}

// Breaks is the clause a message about a weakening setting ends with: the
// requirement it breaks, when that is the policy's TLS minimum.
func (p *Policy) Breaks(s gosettings.Setting) string {
	if s.Rule == "XC103" {
		return fmt.Sprintf(", below the policy minimum TLS %s", p.Crypto.TLSMinVersion)
	}
	return ""
}
