package cibuild

import (
	"bufio"
	"bytes"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// The files of dist/ besides the binaries.
const (
	SumsFile      = "SM3SUMS"
	ManifestFile  = "manifest.json"
	SignatureFile = "manifest.json.sig"
)

// A Manifest records how dist/ was built and what inspection found. It has
// no timestamps: the same build gives the same bytes.
type Manifest struct {
	Version    int             `json:"version"`
	Xcguard    string          `json:"xcguard,omitempty"`
	Package    string          `json:"package"`
	Policy     []string        `json:"policy"`
	Toolchains []ToolchainInfo `json:"toolchains"`
	Artifacts  []ArtifactInfo  `json:"artifacts"`
	// Failed lists the targets that could not be built, inspected or
	// smoke-run, and why.
	Failed []FailedTarget `json:"failed,omitempty"`
}

// A FailedTarget is a target whose binary is not in dist/.
type FailedTarget struct {
	Target policy.Target `json:"target"`
	Error  string        `json:"error"`
}

// ToolchainInfo is how one target was built.
type ToolchainInfo struct {
	Target       policy.Target `json:"target"`
	Env          []string      `json:"env"`
	CC           string        `json:"cc,omitempty"`
	CCVersion    string        `json:"cc_version,omitempty"`
	CCMachine    string        `json:"cc_machine,omitempty"`
	Sysroot      string        `json:"sysroot,omitempty"`
	SysrootGlibc string        `json:"sysroot_glibc,omitempty"`
}

// ArtifactInfo describes one binary.
type ArtifactInfo struct {
	File      string            `json:"file"`
	Target    policy.Target     `json:"target"`
	Size      int64             `json:"size"`
	SM3       string            `json:"sm3"`
	GoVersion string            `json:"go_version,omitempty"`
	Settings  map[string]string `json:"settings,omitempty"`
	Modules   []ModuleInfo      `json:"modules"`
	Libraries []string          `json:"libraries,omitempty"`
	// GlibcNeeded is the newest GLIBC_ symbol version the binary needs.
	GlibcNeeded string    `json:"glibc_needed,omitempty"`
	Packages    []Package `json:"largest_packages,omitempty"`
	// Checks maps every inspection rule to pass, error, warning or off.
	Checks map[string]string `json:"checks"`
	Smoke  *SmokeResult      `json:"smoke,omitempty"`
}

// ModuleInfo is a linked module, from the binary's build info.
type ModuleInfo struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	Sum     string `json:"sum,omitempty"`
	Replace string `json:"replace,omitempty"`
}

func newManifest(opt Options) *Manifest {
	return &Manifest{Version: 1, Package: opt.Package, Policy: opt.Policy.Sources, Toolchains: []ToolchainInfo{}, Artifacts: []ArtifactInfo{}}
}

func (m *Manifest) addToolchain(t policy.Target, tc *toolchain) {
	m.Toolchains = append(m.Toolchains, ToolchainInfo{
		Target:       t,
		Env:          tc.env,
		CC:           tc.cc,
		CCVersion:    tc.ccVersion,
		CCMachine:    tc.machine,
		Sysroot:      tc.sysroot,
		SysrootGlibc: sysrootGlibc(tc.sysroot),
	})
}

func (m *Manifest) addArtifact(a *Artifact, findings []report.Finding, p *policy.Policy) {
	b := a.Binary
	info := ArtifactInfo{File: a.File, Target: a.Target, Size: b.Size, SM3: a.SM3, Modules: []ModuleInfo{}, Libraries: b.Libraries, Smoke: a.Smoke}
	if bi := b.Build; bi != nil {
		info.GoVersion = bi.GoVersion
		info.Settings = map[string]string{}
		for _, s := range bi.Settings {
			info.Settings[s.Key] = s.Value
		}
		for _, d := range bi.Deps {
			mi := ModuleInfo{Path: d.Path, Version: d.Version, Sum: d.Sum}
			if r := d.Replace; r != nil {
				mi.Replace = strings.TrimSpace(r.Path + " " + r.Version)
				mi.Sum = r.Sum
			}
			info.Modules = append(info.Modules, mi)
		}
	}
	info.GlibcNeeded = newestGlibc(b.Versions)
	info.Packages = b.Packages[:min(len(b.Packages), 10)]
	info.Checks = map[string]string{}
	rules := append(slices.Clone(Rules), "XC506")
	for _, r := range rules {
		if r == "XC506" && a.Smoke == nil {
			continue
		}
		state := "pass"
		if p.Severity(r) == policy.Off {
			state = "off"
		}
		for _, f := range findings {
			if f.Rule == string(r) && !f.Suppressed {
				state = f.Severity.String()
			}
		}
		info.Checks[string(r)] = state
	}
	m.Artifacts = append(m.Artifacts, info)
}

// newestGlibc is the newest GLIBC_ version among a binary's needs.
func newestGlibc(versions map[string][]string) string {
	var best []int
	name := ""
	for v := range versions {
		if n, ok := glibcVersion(v); ok && (best == nil || compareGlibc(n, best) > 0) {
			best, name = n, v
		}
	}
	return name
}

// sysrootGlibc is the glibc release of a sysroot: the newest GLIBC_
// version its libc.so.6 defines ("" when unknown).
func sysrootGlibc(root string) string {
	if root == "" {
		return ""
	}
	for _, dir := range []string{"lib", "lib64", "usr/lib", "usr/lib64"} {
		f, err := elf.Open(filepath.Join(root, dir, "libc.so.6"))
		if err != nil {
			continue
		}
		defs, err := f.DynamicVersions()
		f.Close()
		if err != nil {
			continue
		}
		versions := map[string][]string{}
		for _, d := range defs {
			versions[d.Name] = nil
		}
		return strings.TrimPrefix(newestGlibc(versions), "GLIBC_")
	}
	return ""
}

func sm3File(path string) (string, error) {
	sum, err := gm.SM3File(path)
	if err != nil {
		return "", fmt.Errorf("SM3 of %s: %v", path, err)
	}
	return sum, nil
}

// makeDist creates dist/ if need be and returns the directory it is, with
// symbolic links resolved, and whether this build created it.
func makeDist(dist string) (dir string, created bool, err error) {
	if _, err := os.Stat(dist); errors.Is(err, os.ErrNotExist) {
		created = true
	}
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return "", false, inputf("cannot create %s: %v: -dist names the directory the build writes into", dist, unwrapPath(err))
	}
	if dir, err = filepath.EvalSymlinks(dist); err != nil {
		return "", false, inputf("cannot resolve %s: %v", dist, unwrapPath(err))
	}
	return dir, created, nil
}

// writeDist writes SM3SUMS and manifest.json beside the binaries in tmp,
// then moves every file into dist, replacing files of the same name only:
// other files in dist are left alone. dist is locked while it changes, so
// two builds into one dist/ leave the complete set of one of them; and a
// move that fails puts every earlier file back, so a dist/ is never a mix
// of two builds.
func writeDist(tmp, dist string, res *Result, xcguardVersion string, key *gm.PrivateKey) error {
	res.Manifest.Xcguard = xcguardVersion
	var sums bytes.Buffer
	files := []string{}
	for _, a := range res.Artifacts {
		fmt.Fprintf(&sums, "%s  %s\n", a.SM3, a.File)
		files = append(files, a.File)
	}
	manifest, err := json.MarshalIndent(res.Manifest, "", "  ")
	if err != nil {
		return err
	}
	manifest = append(manifest, '\n')
	out := map[string][]byte{SumsFile: sums.Bytes(), ManifestFile: manifest}
	if key != nil {
		sig, err := key.Sign(manifest)
		if err != nil {
			return fmt.Errorf("signing the manifest: %v", err)
		}
		out[SignatureFile] = sig
	}
	for name, data := range out {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return err
		}
		files = append(files, name)
	}
	slices.Sort(files)
	unlock, err := lockDir(dist, true)
	if err != nil {
		return inputf("cannot lock %s: %v", dist, unwrapPath(err))
	}
	defer unlock()
	// Every file of the set, and without a key an earlier signature (it
	// would no longer match), is first moved aside.
	old := filepath.Join(tmp, ".old")
	if err := os.Mkdir(old, 0o700); err != nil {
		return err
	}
	aside := []string{}
	for _, f := range append(slices.Clone(files), SignatureFile) {
		err := os.Rename(filepath.Join(dist, f), filepath.Join(old, f))
		switch {
		case err == nil:
			aside = append(aside, f)
		case !errors.Is(err, os.ErrNotExist):
			restore(dist, old, aside, nil)
			return inputf("cannot replace %s: %v", filepath.Join(dist, f), unwrapPath(err))
		}
	}
	var moved []string
	for _, f := range files {
		if err := moveIn(filepath.Join(tmp, f), filepath.Join(dist, f)); err != nil {
			restore(dist, old, aside, moved)
			return inputf("cannot write %s: %v", filepath.Join(dist, f), unwrapPath(err))
		}
		moved = append(moved, f)
	}
	return nil
}

// moveIn renames a file into dist/; it is a variable so that tests can
// make it fail half-way.
var moveIn = os.Rename

// restore undoes a half-done writeDist: the new files out, the old ones
// back.
func restore(dist, old string, aside, moved []string) {
	for _, f := range moved {
		os.Remove(filepath.Join(dist, f))
	}
	for _, f := range aside {
		os.Rename(filepath.Join(old, f), filepath.Join(dist, f))
	}
}

// A VerifyError is a dist/ that does not verify; the message names the
// file and what is wrong.
type VerifyError struct{ msg string }

func (e *VerifyError) Error() string { return e.msg }

// Verify checks a dist/ directory: every file in SM3SUMS has that digest,
// the manifest lists the same files and digests, and, given a public key,
// manifest.json.sig is a valid SM2 signature of manifest.json. It returns
// the files checked.
func Verify(dist string, pub *gm.PublicKey) ([]string, error) {
	bad := func(format string, args ...any) error { return &VerifyError{fmt.Sprintf(format, args...)} }
	if unlock, err := lockDir(dist, false); err == nil {
		defer unlock() // a build writing dist/ finishes first
	}
	sums, err := inputfile.Read(filepath.Join(dist, SumsFile), inputfile.ReportMax)
	if err != nil {
		return nil, inputf("%s: %v: is %s a directory written by xcguard build?", filepath.Join(dist, SumsFile), unwrapPath(err), dist)
	}
	listed := map[string]string{}
	var files []string
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for n := 1; sc.Scan(); n++ {
		sum, file, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 || file == "" || strings.ContainsAny(file, "/\\") {
			return nil, bad("%s:%d: not a \"<sm3>  <file>\" line", SumsFile, n)
		}
		listed[file] = sum
		files = append(files, file)
	}
	for _, f := range files {
		// Only the files themselves: a link could make the digest that of
		// anything (or of /dev/zero, for ever).
		if fi, err := os.Lstat(filepath.Join(dist, f)); err == nil && !fi.Mode().IsRegular() {
			return nil, bad("%s: not a regular file", f)
		}
		got, err := gm.SM3File(filepath.Join(dist, f))
		if err != nil {
			return nil, bad("%s: %v", f, unwrapPath(err))
		}
		if got != listed[f] {
			return nil, bad("%s: SM3 digest %s does not match %s (%s)", f, got, SumsFile, listed[f])
		}
	}
	manifest, err := inputfile.Read(filepath.Join(dist, ManifestFile), inputfile.ReportMax)
	if err != nil {
		return nil, bad("%s: %v", ManifestFile, unwrapPath(err))
	}
	var m Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, bad("%s: %v", ManifestFile, err)
	}
	if len(m.Artifacts) != len(listed) {
		return nil, bad("%s lists %d artifacts, %s %d", ManifestFile, len(m.Artifacts), SumsFile, len(listed))
	}
	for _, a := range m.Artifacts {
		if listed[a.File] != a.SM3 {
			return nil, bad("%s: digest of %s differs from %s", ManifestFile, a.File, SumsFile)
		}
	}
	if pub == nil {
		return files, nil
	}
	sig, err := inputfile.Read(filepath.Join(dist, SignatureFile), inputfile.PolicyMax)
	if errors.Is(err, os.ErrNotExist) {
		return nil, bad("%s is missing: build with -sign-key to sign the manifest", SignatureFile)
	}
	if err != nil {
		return nil, bad("%s: %v", SignatureFile, unwrapPath(err))
	}
	if err := pub.Verify(manifest, sig); err != nil {
		return nil, bad("%s: %v", SignatureFile, err)
	}
	return append(files, ManifestFile), nil
}
