package policy

import (
	"bytes"
	"encoding"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/xcguard/xcguard/docs"
)

// A PosError is a problem at a place in a policy file.
type PosError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *PosError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// decodeFile decodes one policy document strictly: every key must be a
// field, every value of its field's type, and every scalar valid for it.
func decodeFile(name string, data []byte) (*Policy, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return nil, syntaxError(name, data, err)
	}
	// Settings in a further document would be ignored: refuse them.
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, syntaxError(name, data, err)
		}
		if len(next.Content) == 0 {
			continue
		}
		if n := next.Content[0]; n.Kind != yaml.ScalarNode || n.Tag != "!!null" {
			return nil, &PosError{name, n.Line, n.Column, "a second YAML document would be ignored: a policy file holds one, merge them"}
		}
	}
	p := new(Policy)
	if len(doc.Content) == 0 {
		return nil, &PosError{File: name, Line: 1, Col: 1, Msg: "empty policy: start it with \"version: 1\""}
	}
	d := decoder{file: name}
	if err := d.value(doc.Content[0], reflect.ValueOf(p).Elem(), ""); err != nil {
		return nil, err
	}
	if p.Version != 1 {
		line, col := keyPos(doc.Content[0], "version")
		return nil, &PosError{name, line, col, fmt.Sprintf("unsupported policy version %d: this xcguard reads \"version: 1\"", p.Version)}
	}
	lockable := fieldPaths(reflect.TypeFor[Policy](), "")
	for _, f := range p.Locked {
		if id, ok := strings.CutPrefix(f, "rules."); ok {
			if _, known := docs.Lookup(id); known {
				continue // one rule's severity
			}
		}
		if !slices.Contains(lockable, f) {
			line, col := keyPos(doc.Content[0], "locked")
			return nil, &PosError{name, line, col, fmt.Sprintf("locked: unknown field %s: lock a section (crypto, build, …), a setting such as build.max_glibc, or a rule such as rules.XC101", quote(f))}
		}
	}
	return p, nil
}

// parserProblems are the errors of the YAML parser proper (not its
// scanner): go.yaml.in/yaml/v3 gives their line counted from 0, so a flow
// mapping left open on line 2 was reported on line 1.
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected key",
	"did not find expected node content", "did not find expected <document start>",
	"did not find expected <stream-start>", "found undefined tag handle",
	"found duplicate %TAG directive", "found incompatible YAML document",
}

// syntaxError gives a YAML parser error the file:line form of every other error.
// The parser leaves out the line when it is the first; an unknown alias is
// found in the text.
func syntaxError(name string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 1, 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, after
				if slices.Contains(parserProblems, msg) {
					line++
				}
			}
		}
	} else if anchor, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		anchor, _, _ = strings.Cut(anchor, "'")
		if i := bytes.Index(data, []byte("*"+anchor)); i >= 0 {
			line = 1 + bytes.Count(data[:i], []byte("\n"))
			col = 1 + i - (bytes.LastIndexByte(data[:i], '\n') + 1)
		}
	}
	return &PosError{File: name, Line: line, Col: col, Msg: "YAML syntax: " + msg}
}

func keyPos(m *yaml.Node, key string) (int, int) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1].Line, m.Content[i+1].Column
		}
	}
	return m.Line, m.Column
}

type decoder struct{ file string }

func (d decoder) errorf(n *yaml.Node, format string, args ...any) error {
	return &PosError{d.file, n.Line, n.Column, fmt.Sprintf(format, args...)}
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// value decodes n into v; field names the place for messages ("crypto.require_gm").
func (d decoder) value(n *yaml.Node, v reflect.Value, field string) error {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	where := ""
	if field != "" {
		where = " for " + field
	}
	if reflect.PointerTo(v.Type()).Implements(textUnmarshaler) {
		if n.Kind != yaml.ScalarNode {
			return d.errorf(n, "expected a single value%s, found %s", where, kindName(n))
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			return d.errorf(n, "%v", err)
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		return d.value(n, v.Elem(), field)
	case reflect.Struct:
		return d.structure(n, v, field)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return d.errorf(n, "expected a list%s, found %s", where, kindName(n))
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			if err := d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", field, i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return d.errorf(n, "expected a mapping%s, found %s", where, kindName(n))
		}
		m := reflect.MakeMap(v.Type())
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn, vn := n.Content[i], n.Content[i+1]
			key := reflect.New(v.Type().Key()).Elem()
			if err := d.value(kn, key, field); err != nil {
				return err
			}
			if m.MapIndex(key).IsValid() {
				return d.errorf(kn, "duplicate key %s%s", quote(kn.Value), where)
			}
			val := reflect.New(v.Type().Elem()).Elem()
			if err := d.value(vn, val, field+"."+kn.Value); err != nil {
				return err
			}
			m.SetMapIndex(key, val)
		}
		v.Set(m)
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		return d.errorf(n, "expected a single value%s, found %s", where, kindName(n))
	}
	switch v.Kind() {
	case reflect.String:
		if n.Tag != "!!str" {
			return d.errorf(n, "expected a string%s, found %s: quote it", where, quote(n.Value))
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Tag != "!!bool" || err != nil {
			return d.errorf(n, "expected true or false%s, found %s", where, quote(n.Value))
		}
		v.SetBool(b)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Tag != "!!int" || err != nil {
			return d.errorf(n, "expected a whole number%s, found %s", where, quote(n.Value))
		}
		v.SetInt(int64(i))
	default:
		panic("policy: no decoder for " + v.Type().String())
	}
	return nil
}

// structure decodes a mapping into a struct by its yaml tags.
func (d decoder) structure(n *yaml.Node, v reflect.Value, field string) error {
	if n.Kind != yaml.MappingNode {
		name := field
		if name == "" {
			name = "the policy"
		}
		return d.errorf(n, "expected a mapping for %s, found %s", name, kindName(n))
	}
	fields := structFields(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		idx, ok := fields[kn.Value]
		if !ok {
			return d.errorf(kn, "unknown field %s%s (known: %s)", quote(kn.Value), in(field), strings.Join(sortedKeys(fields), ", "))
		}
		if seen[kn.Value] {
			return d.errorf(kn, "duplicate field %s%s", quote(kn.Value), in(field))
		}
		seen[kn.Value] = true
		name := kn.Value
		if field != "" {
			name = field + "." + kn.Value
		}
		if err := d.value(vn, v.Field(idx), name); err != nil {
			return err
		}
	}
	if c, ok := v.Addr().Interface().(checker); ok {
		if err := c.check(); err != nil {
			return d.errorf(n, "%s%s", err, in(field))
		}
	}
	return nil
}

// A checker validates a decoded struct as a whole.
type checker interface{ check() error }

func in(field string) string {
	if field == "" {
		return ""
	}
	return " in " + field
}

// structFields maps yaml names to field indexes; fields tagged "-" are not decoded.
func structFields(t reflect.Type) map[string]int {
	m := map[string]int{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return quote(n.Value)
}

// quoteMax is how much of a value an error quotes. A policy file may be
// anything a pull request points extends at (a .env file, a private key):
// errors name the place and a short prefix, never the content.
const quoteMax = 40

// quote quotes a value from a policy file for an error, cut to quoteMax
// bytes (on a rune boundary) and to its first line.
func quote(s string) string {
	cut := false
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s, cut = s[:i], true
	}
	if len(s) > quoteMax {
		n := quoteMax
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s, cut = s[:n], true
	}
	if cut {
		return strconv.Quote(s) + "…"
	}
	return strconv.Quote(s)
}
