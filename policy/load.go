package policy

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"

	"go.yaml.in/yaml/v3"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/internal/inputfile"
)

// FileName is the name of a project's policy file, found by walking up from
// the directory being checked.
const FileName = ".xcguard.yml"

// DefaultProfile is the profile used when neither a file nor a profile is given.
const DefaultProfile = "baseline"

//go:embed profiles/*.yml
var profileFS embed.FS

// Profiles returns the names of the embedded profiles, sorted.
func Profiles() []string {
	entries, _ := fs.ReadDir(profileFS, "profiles")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yml"))
	}
	return names
}

// osProfiles describe a target OS and the CPUs it runs on (glibc,
// CPU levels, the LoongArch world), not which rules apply: each has
// baseline's rules, so that one named alone still checks, and combines
// with a policy profile (-profile kylin-v10,gov-cloud).
var osProfiles = []string{"kylin-v10", "openeuler-20.03", "openeuler-22.03", "uos-20"}

// IsOSProfile reports whether an embedded profile describes an OS rather
// than a policy.
func IsOSProfile(name string) bool { return slices.Contains(osProfiles, name) }

// ProfileSource returns the YAML text of an embedded profile.
func ProfileSource(name string) ([]byte, bool) {
	data, err := profileFS.ReadFile("profiles/" + name + ".yml")
	return data, err == nil
}

// Find returns the nearest policy file in dir or one of its parents, up to
// the repository's root (the nearest directory with .git). Whatever is
// there by that name counts, also a directory or a broken link: loading it
// then fails, where skipping it would let a looser policy further up, or
// the default, pass the code. The search does not enter a directory others
// may write to (/tmp on a shared runner): a .xcguard.yml there could be
// anyone's.
func Find(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if sharedDir(dir) {
			return "", false
		}
		name := filepath.Join(dir, FileName)
		if _, err := os.Lstat(name); err == nil {
			return name, true
		}
		parent := filepath.Dir(dir)
		if parent == dir || isRepoRoot(dir) {
			return "", false
		}
		dir = parent
	}
}

// isRepoRoot reports whether dir holds a repository (.git, a directory or
// a worktree's file).
func isRepoRoot(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// sharedDir reports whether others than its owner may write to dir.
func sharedDir(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.Mode().Perm()&0o002 != 0
}

// Load returns the effective policy of a policy file the caller names (none
// if file is "") combined with the named embedded profiles, stricter value
// winning; with neither, the default profile. No signature is checked and
// the environment is not read: Request.Load is the whole resolution.
func Load(file string, profiles []string) (*Policy, error) {
	return Request{File: file, Named: file != "", Profiles: profiles}.Load()
}

// LoadProfiles returns the effective policy of embedded profiles alone.
func LoadProfiles(profiles ...string) (*Policy, error) { return Load("", profiles) }

// Limits on an extends chain: a file may be reached by several paths (a
// diamond), but each is read once per load, and no chain is deeper or
// wider than this.
const (
	maxExtendsDepth = 16
	maxPolicyFiles  = 64
)

// Load returns the effective policy the request names: its file, resolved
// with what it extends and with signatures checked as its Trust says,
// combined with its profiles. Embedded profiles are part of the binary and
// always trusted.
func (r Request) Load() (*Policy, error) {
	key, err := r.Trust.key()
	if err != nil {
		return nil, err
	}
	l := loader{trust: r.Trust, key: key, done: map[loadKey]*Policy{}}
	var layers []*Policy
	if r.File != "" {
		abs, err := filepath.Abs(r.File)
		if err != nil {
			return nil, err
		}
		if !r.Named {
			// Found in the project: it and what it extends must stay
			// inside the project, also through symbolic links.
			l.lexical = projectRoot(filepath.Dir(abs))
			if l.boundary, err = filepath.EvalSymlinks(l.lexical); err != nil {
				return nil, err
			}
		}
		p, err := l.file(abs, r.File, !r.Named)
		if err != nil {
			return nil, err
		}
		layers = append(layers, p)
	}
	for _, name := range r.Profiles {
		p, err := l.profile(name)
		if err != nil {
			return nil, err
		}
		if r.File != "" {
			yieldToolchain(p, layers[0])
		}
		layers = append(layers, p)
	}
	if len(layers) == 0 {
		p, err := l.profile(DefaultProfile)
		if err != nil {
			return nil, err
		}
		layers = append(layers, p)
	}
	p, err := combineAll(layers)
	if err != nil {
		return nil, err
	}
	p.Origins = l.origins
	p.Provenance = Provenance{Project: l.project, Signed: l.verified, TrustProject: r.TrustProject}
	return p.complete(), nil
}

// projectRoot is the directory a policy file found in dir may extend files
// in: the nearest directory at or above dir that holds .git (the
// repository), else dir itself.
func projectRoot(dir string) string {
	for d := dir; ; {
		if isRepoRoot(d) {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// yieldToolchain drops from a profile given with -profile the C compiler
// and sysroot of each target the policy file names its own: a profile's
// compiler is a default, and a project that builds with zig cc for glibc
// 2.28 must not be told its policy and the profile "disagree". What the
// binary may need (max_glibc, allowed_libs) still merges stricter-wins, so
// inspection judges the result the same. cgo and the smoke arguments still
// have to agree: they change what is checked.
func yieldToolchain(profile, file *Policy) {
	for t := range file.Build.CC {
		delete(profile.Build.CC, t)
	}
	for t := range file.Build.Sysroot {
		delete(profile.Build.Sysroot, t)
	}
}

// LoadBytes loads one policy document given as bytes (name is used in errors;
// relative extends are resolved against dir).
func LoadBytes(name, dir string, data []byte) (*Policy, error) {
	l := loader{done: map[loadKey]*Policy{}}
	p, err := l.document(name, dir, data)
	if err != nil {
		return nil, err
	}
	return p.complete(), nil
}

// complete gives every rule a severity, so that the policy names them all.
func (p *Policy) complete() *Policy {
	if p.Rules == nil {
		p.Rules = map[RuleID]Severity{}
	}
	for _, id := range docs.IDs() {
		if _, ok := p.Rules[RuleID(id)]; !ok {
			p.Rules[RuleID(id)] = Off
		}
	}
	p.Version = 1
	p.Extends = nil
	return p
}

func combineAll(layers []*Policy) (*Policy, error) {
	p := layers[0]
	for _, q := range layers[1:] {
		var err error
		if p, err = combine(p, q); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// loader resolves extends chains, refusing cycles, and checks signatures.
type loader struct {
	stack   []string
	trust   Trust
	key     *gm.PublicKey
	origins map[string][]string
	// boundary is the directory every file must be inside ("" for none),
	// symbolic links resolved; lexical is the same as written.
	boundary, lexical string
	// done holds each file already resolved in this load.
	done map[loadKey]*Policy
	// project names the sources read as project input; verified is set
	// once a file's signature has verified.
	project  map[string]bool
	verified bool
}

// loadKey is a file resolved as project input or not.
type loadKey struct {
	abs     string
	project bool
}

// noteOrigins records which settings a source's own document sets.
func (l *loader) noteOrigins(name string, own *Policy) {
	if l.origins == nil {
		l.origins = map[string][]string{}
	}
	add := func(path string) {
		if !slices.Contains(l.origins[path], name) {
			l.origins[path] = append(l.origins[path], name)
		}
	}
	for id := range own.Rules {
		add("rules." + string(id))
	}
	for _, path := range fieldPaths(reflect.TypeFor[Policy](), "") {
		if v := fieldAt(own, path); v.Kind() != reflect.Struct && !v.IsZero() {
			add(path)
		}
	}
}

func (l *loader) enter(id string) error {
	if i := slices.Index(l.stack, id); i >= 0 {
		return fmt.Errorf("extends cycle: %s", strings.Join(append(l.stack[i:], id), " → "))
	}
	if len(l.stack) >= maxExtendsDepth {
		return fmt.Errorf("extends chain deeper than %d files: flatten it", maxExtendsDepth)
	}
	l.stack = append(l.stack, id)
	return nil
}

func (l *loader) leave() { l.stack = l.stack[:len(l.stack)-1] }

func (l *loader) profile(name string) (*Policy, error) {
	data, ok := ProfileSource(name)
	if !ok {
		return nil, fmt.Errorf("unknown profile %q (embedded profiles: %s)", name, strings.Join(Profiles(), ", "))
	}
	if err := l.enter("profile " + name); err != nil {
		return nil, err
	}
	defer l.leave()
	return l.document("profile "+name, "", data)
}

// file reads, verifies and resolves the policy file abs (shown in
// messages); project says it is project input, whose extends the pipeline
// did not choose.
func (l *loader) file(abs, shown string, project bool) (*Policy, error) {
	if err := l.inside(abs, shown); err != nil {
		return nil, err
	}
	if p, ok := l.done[loadKey{abs, project}]; ok {
		return p, nil
	}
	if len(l.done) >= maxPolicyFiles {
		return nil, fmt.Errorf("extends chain of more than %d policy files: flatten it", maxPolicyFiles)
	}
	data, err := inputfile.Read(abs, inputfile.PolicyMax)
	if err != nil {
		return nil, readError("policy file", shown, err)
	}
	if err := l.enter(abs); err != nil {
		return nil, err
	}
	defer l.leave()
	own, err := decodeFile(shown, data)
	if err != nil {
		return nil, err
	}
	verified, err := l.verifyFile(shown, abs, data, True(own.Signed))
	if err != nil {
		return nil, err
	}
	if verified {
		// A file the pipeline's key vouches for is the organisation's,
		// and so is what it extends.
		project = false
		l.verified = true
	}
	if project {
		if l.project == nil {
			l.project = map[string]bool{}
		}
		l.project[shown] = true
	}
	p, err := l.resolve(shown, filepath.Dir(abs), data, own, project)
	if err != nil {
		return nil, err
	}
	l.done[loadKey{abs, project}] = p
	return p, nil
}

// inside refuses a file outside the boundary, symbolic links resolved. A
// path outside it as written is refused before anything is looked up, so
// that the answer says nothing of what exists outside the project.
func (l *loader) inside(abs, shown string) error {
	if l.boundary == "" {
		return nil
	}
	if !within(l.lexical, filepath.Clean(abs)) {
		return l.outside(shown)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && isLink(abs) {
			err = &fs.PathError{Op: "open", Path: abs, Err: fs.ErrNotExist}
		}
		return readError("policy file", shown, err)
	}
	if !within(l.boundary, real) {
		return l.outside(shown)
	}
	return nil
}

func (l *loader) outside(shown string) error {
	return fmt.Errorf("policy file %s is outside the project (%s): a policy file found in the project may extend only files inside it; name an outside policy with -policy or %s", shown, l.boundary, EnvPolicy)
}

// within reports whether path is dir or under it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// readError says why a policy file (or its signature, or a key) cannot be
// read, naming it and never quoting it.
func readError(what, shown string, err error) error {
	var tl *inputfile.TooLargeError
	var pe *fs.PathError
	kind := "a policy is a short YAML file"
	if what == "signature" {
		kind = "a signature is the small file xcguard policy sign writes"
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && errors.As(err, &pe) && isLink(pe.Path):
		return fmt.Errorf("%s %s is a symbolic link to a file that does not exist: fix the link or remove it", what, shown)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s %s does not exist: create it or pass -policy with an existing file", what, shown)
	case errors.Is(err, syscall.ELOOP) || err != nil && strings.Contains(err.Error(), "too many links"):
		return fmt.Errorf("%s %s is a loop of symbolic links: fix the link or remove it", what, shown)
	case errors.Is(err, inputfile.ErrNotRegular):
		return fmt.Errorf("%s %s is not a regular file: %s", what, shown, kind)
	case errors.As(err, &tl):
		return fmt.Errorf("%s %s is %v: %s", what, shown, tl, kind)
	}
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("reading %s %s: %v", what, shown, err)
}

func isLink(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode()&os.ModeSymlink != 0
}

// document decodes one policy and resolves what it extends. A document that
// has no extends key builds on the default profile; "extends: []" on nothing.
func (l *loader) document(name, dir string, data []byte) (*Policy, error) {
	own, err := decodeFile(name, data)
	if err != nil {
		return nil, err
	}
	return l.resolve(name, dir, data, own, false)
}

// resolve builds a decoded document on what it extends (data is its text,
// for positions in errors; project as for file).
func (l *loader) resolve(name, dir string, data []byte, own *Policy, project bool) (*Policy, error) {
	var err error
	own.Sources = []string{name}
	extends := own.Extends
	if extends == nil && name != "profile "+DefaultProfile {
		extends = []string{DefaultProfile}
	}
	var bases []*Policy
	for i, ref := range extends {
		var base *Policy
		switch {
		case !isPath(ref):
			base, err = l.profile(ref)
		case dir == "":
			err = fmt.Errorf("an embedded profile cannot extend the file %s", quote(ref))
		case filepath.IsAbs(ref) || strings.HasPrefix(ref, `\`):
			err = fmt.Errorf("extends %s: an absolute path: name the file relative to this one", quote(ref))
		default:
			base, err = l.file(filepath.Join(dir, ref), filepath.Join(filepath.Dir(name), ref), project)
		}
		if err != nil {
			var perr *PosError
			if errors.As(err, &perr) {
				return nil, err // the problem is inside the extended file
			}
			line, col := extendsPos(data, i)
			return nil, &PosError{name, line, col, err.Error()}
		}
		bases = append(bases, base)
	}
	// After what it extends: origins list the sources in the order their
	// settings apply.
	l.noteOrigins(name, own)
	if len(bases) == 0 {
		return own, nil
	}
	base, err := combineAll(bases)
	if err != nil {
		line, col := extendsPos(data, 0)
		return nil, &PosError{name, line, col, err.Error()}
	}
	result := overlay(base, own)
	if err := checkLocked(name, base, result); err != nil {
		return nil, err
	}
	return result, nil
}

// isPath tells a relative file reference from an embedded profile name.
func isPath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yml") || strings.HasSuffix(ref, ".yaml")
}

// extendsPos finds the position of the i-th extends entry for messages.
func extendsPos(data []byte, i int) (int, int) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0, 0
	}
	m := doc.Content[0]
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == "extends" {
			seq := m.Content[k+1]
			if i < len(seq.Content) {
				return seq.Content[i].Line, seq.Content[i].Column
			}
			return seq.Line, seq.Column
		}
	}
	return 1, 1
}

// YAML renders the policy deterministically (map keys sorted). A list that is
// set but empty ("allow_build_tags: []": no tag allows pprof) is kept, so that
// the output loads back to the same policy.
func (p *Policy) YAML() ([]byte, error) {
	var n yaml.Node
	if err := n.Encode(p); err != nil {
		return nil, err
	}
	keepEmptyLists(&n, reflect.ValueOf(p).Elem())
	annotate(&n, "", p.Origins)
	return yaml.Marshal(&n)
}

// annotate marks each setting with the sources that set it: "# from
// org.yml, profile gov-cloud".
func annotate(n *yaml.Node, prefix string, origins map[string][]string) {
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			annotate(c, prefix, origins)
		}
		return
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		path := prefix + key.Value
		if val.Kind == yaml.MappingNode && path != "build.cc" && path != "build.sysroot" && path != "build.per_target" {
			annotate(val, path+".", origins)
			continue
		}
		if from := origins[path]; len(from) > 0 {
			if val.Kind == yaml.ScalarNode || val.Style&yaml.FlowStyle != 0 {
				val.LineComment = "from " + strings.Join(from, ", ")
			} else {
				key.HeadComment = "from " + strings.Join(from, ", ")
			}
		}
	}
}

// keepEmptyLists puts back into mapping n, in field order, the empty but set
// lists of struct v (and of its sections) that omitempty left out.
func keepEmptyLists(n *yaml.Node, v reflect.Value) {
	have := map[string][]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		have[n.Content[i].Value] = n.Content[i : i+2]
	}
	var content []*yaml.Node
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		f := v.Field(i)
		if name == "" || name == "-" || reflect.PointerTo(f.Type()).Implements(textUnmarshaler) {
			if pair, ok := have[name]; ok {
				content = append(content, pair...)
			}
			continue
		}
		pair, ok := have[name]
		switch {
		case f.Kind() == reflect.Struct:
			if !ok {
				pair = []*yaml.Node{{Kind: yaml.ScalarNode, Value: name}, {Kind: yaml.MappingNode}}
			}
			keepEmptyLists(pair[1], f)
			if len(pair[1].Content) == 0 {
				continue
			}
		case f.Kind() == reflect.Slice && ok && f.Type().Elem().Kind() == reflect.Struct:
			for j, item := range pair[1].Content {
				keepEmptyLists(item, f.Index(j))
			}
		case f.Kind() == reflect.Slice && !ok && !f.IsNil():
			pair = []*yaml.Node{{Kind: yaml.ScalarNode, Value: name}, {Kind: yaml.SequenceNode, Style: yaml.FlowStyle}}
		case !ok:
			continue
		}
		content = append(content, pair...)
	}
	n.Content = content
}

// Default returns the default profile's effective policy.
func Default() *Policy {
	p, err := LoadProfiles()
	if err != nil {
		panic(err) // the embedded profiles are tested, and nothing else is read
	}
	return p
}
