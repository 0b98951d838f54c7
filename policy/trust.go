package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/internal/inputfile"
)

// SignatureSuffix names a policy file's SM2 signature: org.yml.sig.
const SignatureSuffix = ".sig"

// Trust says which policy files must carry a valid SM2 signature.
type Trust struct {
	// KeyFile is the organisation's SM2 public key (PEM); "" checks no
	// signature.
	KeyFile string
	// RequireSigned makes every file of the extends chain need a valid
	// signature, not only those marked "signed: true".
	RequireSigned bool
}

// key reads the public key, once.
func (t Trust) key() (*gm.PublicKey, error) {
	if t.KeyFile == "" {
		if t.RequireSigned {
			return nil, errors.New("require-signed needs the organisation's public key: pass -policy-key PUB.pem or set XCGUARD_POLICY_KEY")
		}
		return nil, nil
	}
	data, err := inputfile.Read(t.KeyFile, inputfile.PolicyMax)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("policy key %s: %v", t.KeyFile, err)
	}
	k, err := gm.ParsePublicKeyPEM(data)
	if err != nil {
		return nil, fmt.Errorf("policy key %s: %v", t.KeyFile, err)
	}
	return k, nil
}

// verifyFile checks the signature of a policy file's exact bytes when the
// trust asks for it: for every file under RequireSigned, else for files
// marked "signed: true". It reports whether a signature was verified.
func (l *loader) verifyFile(shown, abs string, data []byte, marked bool) (bool, error) {
	if l.key == nil || !marked && !l.trust.RequireSigned {
		return false, nil
	}
	sigFile := abs + SignatureSuffix
	sig, err := inputfile.Read(sigFile, inputfile.PolicyMax)
	if errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("policy file %s has no signature %s: have it signed (xcguard policy sign) or use the signed original", shown, shown+SignatureSuffix)
	}
	if err != nil {
		return false, fmt.Errorf("policy file %s: %v", shown, readError("signature", shown+SignatureSuffix, err))
	}
	if err := l.key.Verify(data, sig); err != nil {
		return false, fmt.Errorf("policy file %s: %s: %v with the policy key: the file or its signature changed since it was signed, or another key signed it", shown, shown+SignatureSuffix, err)
	}
	return true, nil
}

// A LockError is a file that loosens a field locked by a policy it extends.
type LockError struct {
	File, Field, LockedBy string
	Locked, Attempted     string
}

func (e *LockError) Error() string {
	return fmt.Sprintf("%s: %s is locked by %s at %s; this file makes it %s, which loosens it: a file that extends a locked policy may only tighten it", e.File, e.Field, e.LockedBy, e.Locked, e.Attempted)
}

// checkLocked refuses a file whose result loosens a field that what it
// extends locks. "Tighter" is the merge rule itself: combining the locked
// value with the file's value must give the file's value (severities only
// up, TLS minimum only up, forbidden lists only grow, allow lists only
// shrink, budgets only down, go_min only up, require_gm only true); for
// fields without an order (cgo, cc, smoke args) any change is a loosening.
func checkLocked(file string, base, result *Policy) error {
	for _, path := range base.Locked {
		if !loosens(base, result, path) {
			continue
		}
		if t, f, ok := perTargetLoosening(base, result, path); ok {
			_, name, _ := strings.Cut(f, ".")
			return &LockError{File: file, Field: fmt.Sprintf("%s (build.per_target.%s.%s)", f, t, name), LockedBy: lockedBy(base),
				Locked: display(fieldAt(effective(base, t), f)), Attempted: display(fieldAt(effective(result, t), f))}
		}
		// A locked section is reported at the setting that loosens it,
		// not as the whole section.
		field := narrow(base, result, path)
		e := &LockError{File: file, Field: field, LockedBy: lockedBy(base)}
		if id, ok := strings.CutPrefix(field, "rules."); ok {
			e.Locked, e.Attempted = base.Rules[RuleID(id)].String(), result.Rules[RuleID(id)].String()
		} else {
			e.Locked, e.Attempted = display(fieldAt(base, field)), display(fieldAt(result, field))
		}
		return e
	}
	return nil
}

// noOrder are the settings with no stricter value: under a lock, any
// change to them is a loosening, setting one the lock left unset too.
var noOrder = []string{"crypto.gm_library", "build.cgo", "build.cc", "build.sysroot", "build.gomips64", "build.smoke.args"}

// loosens reports whether result is looser than base at path. A yes/no
// setting the locked policy leaves unset is its default, no: combining
// treats unset as "no opinion", but under a lock allow_dual_mode unset
// and then true is a loosening.
func loosens(base, result *Policy, path string) bool {
	if id, ok := strings.CutPrefix(path, "rules."); ok {
		return ruleLowered(base, result, RuleID(id))
	}
	if _, _, ok := perTargetLoosening(base, result, path); ok {
		return true
	}
	for _, f := range noOrder {
		if (f == path || strings.HasPrefix(f, path+".")) && canonical(fieldAt(base, f)) != canonical(fieldAt(result, f)) {
			return true
		}
	}
	b, r := restrict(base, path), restrict(result, path)
	defaultBools(reflect.ValueOf(b).Elem())
	defaultBools(reflect.ValueOf(r).Elem())
	c, err := combine(b, r)
	if err != nil {
		return true
	}
	// Linker flags are a set (a flag given twice is refused): order does
	// not count as a change.
	for _, p := range []*Policy{c, r} {
		args := ldflagArgs(string(p.Build.LDFlags))
		slices.Sort(args)
		p.Build.LDFlags = LinkFlags(strings.Join(args, " "))
	}
	return canonical(fieldAt(c, path)) != canonical(fieldAt(r, path))
}

// defaultBools sets every unset yes/no setting of v to false, its default.
func defaultBools(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				defaultBools(v.Field(i))
			}
		}
	case reflect.Pointer:
		if v.IsNil() && v.Type().Elem().Kind() == reflect.Bool {
			v.Set(reflect.ValueOf(new(bool)))
		}
	}
}

// ruleLowered reports whether result gives a rule a lower severity.
func ruleLowered(base, result *Policy, id RuleID) bool {
	return max(base.Rules[id], result.Rules[id]) != result.Rules[id]
}

// narrow returns the most specific setting under path that loosens: a
// section's field, a rule's severity; path itself when none alone does.
func narrow(base, result *Policy, path string) string {
	switch {
	case path == "rules":
		for _, id := range slices.Sorted(maps.Keys(base.Rules)) {
			if ruleLowered(base, result, id) {
				return "rules." + string(id)
			}
		}
		return path
	case strings.HasPrefix(path, "rules."):
		return path
	}
	v := fieldAt(base, path)
	if v.Kind() != reflect.Struct || reflect.PointerTo(v.Type()).Implements(textUnmarshaler) {
		return path
	}
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		if child := path + "." + name; loosens(base, result, child) {
			return narrow(base, result, child)
		}
	}
	return path
}

// lockedBy names the files a policy was made of, for messages.
func lockedBy(p *Policy) string {
	var files []string
	for _, s := range p.Sources {
		if !strings.HasPrefix(s, "profile ") && !slices.Contains(files, s) {
			files = append(files, s)
		}
	}
	if len(files) == 0 {
		return strings.Join(p.Sources, ", ")
	}
	return strings.Join(files, ", ")
}

// fieldAt returns the value at a dotted yaml path ("crypto",
// "build.max_glibc", "rules") of a policy.
func fieldAt(p *Policy, path string) reflect.Value {
	v := reflect.ValueOf(p).Elem()
	for name := range strings.SplitSeq(path, ".") {
		v = v.FieldByIndex(fieldIndex(v.Type(), name))
	}
	return v
}

func fieldIndex(t reflect.Type, name string) []int {
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == name {
			return []int{i}
		}
	}
	panic("policy: no field " + name + " in " + t.Name()) // paths are checked at decode
}

// restrict copies only the field at path of a policy.
func restrict(p *Policy, path string) *Policy {
	q := &Policy{Version: 1, Sources: p.Sources}
	fieldAt(q, path).Set(fieldAt(p, path))
	return q
}

// canonical is a value's JSON form with every list sorted, so that order
// does not count as a change.
func canonical(v reflect.Value) string {
	data, _ := json.Marshal(v.Interface())
	var x any
	if json.Unmarshal(data, &x) != nil {
		return string(data)
	}
	out, _ := json.Marshal(sortLists(x))
	return string(out)
}

func sortLists(x any) any {
	switch t := x.(type) {
	case []any:
		keys := make([]string, len(t))
		for i, e := range t {
			t[i] = sortLists(e)
			b, _ := json.Marshal(t[i])
			keys[i] = string(b)
		}
		slices.Sort(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			json.Unmarshal([]byte(k), &out[i])
		}
		return out
	case map[string]any:
		for k, e := range t {
			t[k] = sortLists(e)
		}
	}
	return x
}

// display writes a locked value for a message, as in the policy file, cut
// to a line's length.
func display(v reflect.Value) string {
	data, err := json.Marshal(v.Interface())
	if err != nil || string(data) == "null" || string(data) == `""` || string(data) == "{}" || string(data) == "0" {
		return "unset"
	}
	s := strings.Trim(string(data), `"`)
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
