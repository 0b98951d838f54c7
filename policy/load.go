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

	"go.yaml.in/yaml/v3"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/internal/gm"
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

// ProfileSource returns the YAML text of an embedded profile.
func ProfileSource(name string) ([]byte, bool) {
	data, err := profileFS.ReadFile("profiles/" + name + ".yml")
	return data, err == nil
}

// Find returns the nearest policy file in dir or one of its parents.
func Find(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		name := filepath.Join(dir, FileName)
		if fi, err := os.Stat(name); err == nil && !fi.IsDir() {
			return name, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Load returns the effective policy of a policy file (none if file is "")
// combined with the named embedded profiles, stricter value winning. With
// neither, it is the default profile.
//
// Policy files are trusted as XCGUARD_POLICY_KEY and XCGUARD_REQUIRE_SIGNED
// say; LoadTrusted takes the trust explicitly.
func Load(file string, profiles []string) (*Policy, error) {
	return LoadTrusted(file, profiles, TrustFromEnv())
}

// LoadTrusted is Load with the policy files' signatures checked as trust
// says. Embedded profiles are part of the binary and always trusted.
func LoadTrusted(file string, profiles []string, trust Trust) (*Policy, error) {
	key, err := trust.key()
	if err != nil {
		return nil, err
	}
	l := loader{trust: trust, key: key}
	var layers []*Policy
	if file != "" {
		abs, err := filepath.Abs(file)
		if err != nil {
			return nil, err
		}
		p, err := l.file(abs, file)
		if err != nil {
			return nil, err
		}
		layers = append(layers, p)
	}
	for _, name := range profiles {
		p, err := l.profile(name)
		if err != nil {
			return nil, err
		}
		if file != "" {
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
	return p.complete(), nil
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
	var l loader
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

func (l *loader) file(abs, shown string) (*Policy, error) {
	data, err := os.ReadFile(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("policy file %s does not exist: create it or pass -policy with an existing file", shown)
		}
		return nil, fmt.Errorf("reading policy: %v", err)
	}
	if err := l.enter(abs); err != nil {
		return nil, err
	}
	defer l.leave()
	own, err := decodeFile(shown, data)
	if err != nil {
		return nil, err
	}
	if err := l.verifyFile(shown, abs, data, True(own.Signed)); err != nil {
		return nil, err
	}
	return l.resolve(shown, filepath.Dir(abs), data, own)
}

// document decodes one policy and resolves what it extends. A document that
// has no extends key builds on the default profile; "extends: []" on nothing.
func (l *loader) document(name, dir string, data []byte) (*Policy, error) {
	own, err := decodeFile(name, data)
	if err != nil {
		return nil, err
	}
	return l.resolve(name, dir, data, own)
}

// resolve builds a decoded document on what it extends (data is its text,
// for positions in errors).
func (l *loader) resolve(name, dir string, data []byte, own *Policy) (*Policy, error) {
	var err error
	own.Sources = []string{name}
	extends := own.Extends
	if extends == nil && name != "profile "+DefaultProfile {
		extends = []string{DefaultProfile}
	}
	var bases []*Policy
	for i, ref := range extends {
		var base *Policy
		if isPath(ref) {
			if dir == "" {
				err = fmt.Errorf("an embedded profile cannot extend the file %q", ref)
			} else {
				base, err = l.file(filepath.Join(dir, ref), filepath.Join(filepath.Dir(name), ref))
			}
		} else {
			base, err = l.profile(ref)
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
		if val.Kind == yaml.MappingNode && path != "build.cc" && path != "build.sysroot" {
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
	p, err := Load("", nil)
	if err != nil {
		panic(err) // the embedded profiles are tested
	}
	return p
}
