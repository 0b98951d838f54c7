package policy_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/policy"
)

var update = flag.Bool("update", false, "rewrite xcguard.schema.json from JSONSchema()")

const schemaFile = "xcguard.schema.json"

func TestSchemaUpToDate(t *testing.T) {
	got, err := policy.JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	again, err := policy.JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Fatal("JSONSchema() is not deterministic")
	}
	if !bytes.HasSuffix(got, []byte("}\n")) || !json.Valid(got) {
		t.Fatal("JSONSchema() is not one JSON document ending in a newline")
	}
	if *update {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is stale; run go test ./policy -run TestSchemaUpToDate -update (-file +generated):\n%s", schemaFile, diff)
	}
}

// compileSchema compiles the committed schema (checking it against the
// draft 2020-12 meta-schema on the way).
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(policy.SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(policy.SchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlInstance turns a YAML document into the JSON value an editor's YAML
// language server validates.
func yamlInstance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func TestSchemaAcceptsProfilesAndExample(t *testing.T) {
	s := compileSchema(t)
	docs := map[string][]byte{}
	for _, name := range policy.Profiles() {
		docs["profile "+name], _ = policy.ProfileSource(name)
	}
	full, err := os.ReadFile(filepath.Join("testdata", "full.yml"))
	if err != nil {
		t.Fatal(err)
	}
	docs["testdata/full.yml"] = full
	for name, src := range docs {
		t.Run(name, func(t *testing.T) {
			if err := s.Validate(yamlInstance(t, src)); err != nil {
				t.Errorf("schema rejects %s: %v", name, err)
			}
		})
	}
}

// TestSchemaAgreesWithDecoder: on each document the schema accepts what the
// strict decoder accepts and rejects what it rejects.
func TestSchemaAgreesWithDecoder(t *testing.T) {
	tests := []struct {
		name  string
		valid bool
		doc   string // after "version: 1\nextends: []\n"
	}{
		{"unknown top-level key", false, "crytpo: {}"},
		{"unknown nested key", false, "crypto: {tls_min: \"1.3\"}"},
		{"unknown key in a list entry", false, "crypto: {forbidden_imports: [{path: crypto/md5, replacement: x}]}"},
		{"unknown key in smoke", false, "build: {smoke: {argv: [x]}}"},
		{"known rule", true, "rules: {XC101: warning}"},
		{"unknown rule", false, "rules: {XC999: error}"},
		{"bad severity", false, "rules: {XC101: fatal}"},
		{"wrong type for a boolean", false, "crypto: {require_gm: \"yes\"}"},
		{"list for a value", false, "crypto: {tls_min_version: [\"1.3\"]}"},
		{"TLS 1.3", true, "crypto: {tls_min_version: \"1.3\"}"},
		{"TLS 1.4", false, "crypto: {tls_min_version: \"1.4\"}"},
		{"GM cipher suite", true, "crypto: {cipher_suites: [ECC_SM4_GCM_SM3, TLS_AES_128_GCM_SHA256]}"},
		{"unknown cipher suite", false, "crypto: {cipher_suites: [ECC_SM4_GCM_SM4]}"},
		{"allowlist", true, "modules: {mode: allowlist}"},
		{"unknown mode", false, "modules: {mode: whitelist}"},
		{"module by path", true, "modules: {allow: [{path: github.com/tjfoc/gmsm}]}"},
		{"module by path and prefix", false, "modules: {allow: [{path: github.com/tjfoc/gmsm, prefix: github.com/tjfoc/}]}"},
		{"module by nothing", false, "modules: {deny: [{reason: old}]}"},
		{"import entry without path", false, "crypto: {forbidden_imports: [{reason: broken}]}"},
		{"constraint range", true, `modules: {allow: [{path: a.b/c, version: ">= v1.4.1, < v2.0.0"}]}`},
		{"constraint on a pseudo-version", true, `modules: {allow: [{path: a.b/c, version: ">= v0.0.0-20201012173705-84dcc777aaee"}]}`},
		{"constraint on an incompatible version", true, `modules: {allow: [{path: a.b/c, version: "<= v2.0.0+incompatible"}]}`},
		{"constraint without v", false, `modules: {allow: [{path: a.b/c, version: ">= 1.4.1"}]}`},
		{"constraint with a split operator", false, `modules: {allow: [{path: a.b/c, version: "> = v1.4.1"}]}`},
		{"constraint with a trailing comma", false, `modules: {allow: [{path: a.b/c, version: ">= v1.4.1,"}]}`},
		{"go_min", true, `modules: {go_min: "1.21", toolchain_min: "1.22.3"}`},
		{"go_min release candidate", true, `modules: {go_min: "1.21rc1"}`},
		{"go_min with go prefix", false, `modules: {go_min: "go1.21"}`},
		{"go_min wildcard", false, `modules: {go_min: "1.21.x"}`},
		{"target", true, "build: {targets: [linux/arm64, linux/loong64]}"},
		{"GNU arch name", false, "build: {targets: [linux/aarch64]}"},
		{"cc by target", true, "build: {cc: {linux/arm64: aarch64-linux-gnu-gcc}}"},
		{"cc by bad target", false, "build: {cc: {kylin/arm64: gcc}}"},
		{"goarm64", true, "build: {goarm64: \"v8.0,lse\"}"},
		{"goarm64 too high", false, "build: {goarm64: v9.6}"},
		{"sizes", true, "build: {max_size: 20MiB, smoke: {max_rss: 1.5MiB}}"},
		{"decimal size", true, "build: {max_size: 20MB}"},
		{"size with an unknown unit", false, "build: {max_size: 20XB}"},
		{"size zero", false, "build: {max_size: 0MiB}"},
		{"size without a unit", false, "build: {max_size: \"20\"}"},
		{"glibc", true, `build: {max_glibc: "2.28"}`},
		{"glibc patch level", false, `build: {max_glibc: "2.28.1"}`},
		{"duration", true, "build: {smoke: {timeout: 1m30s}}"},
		{"duration without unit", false, "build: {smoke: {timeout: \"10\"}}"},
		{"duration negative", false, "build: {smoke: {timeout: -5s}}"},
		{"extends a profile and a file", true, "extends: [gov-cloud, ../org.yml]"},
		{"locked", true, "locked: [crypto, build.max_glibc, modules.replace.allow_local]"},
	}
	s := compileSchema(t)
	root := t.TempDir()
	writePolicy(t, root, "org.yml", "version: 1\nextends: []\n")
	dir := filepath.Join(root, "svc")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "version: 1\nextends: []\n" + tc.doc + "\n"
			if strings.HasPrefix(tc.doc, "extends:") {
				src = "version: 1\n" + tc.doc + "\n"
			}
			_, decodeErr := policy.LoadBytes("p.yml", dir, []byte(src))
			schemaErr := s.Validate(yamlInstance(t, []byte(src)))
			if (decodeErr == nil) != tc.valid {
				t.Errorf("decoder: valid = %v, want %v (%v)", decodeErr == nil, tc.valid, decodeErr)
			}
			if (schemaErr == nil) != tc.valid {
				t.Errorf("schema: valid = %v, want %v (%v)", schemaErr == nil, tc.valid, schemaErr)
			}
		})
	}
}

// TestSchemaRejects: what the schema refuses that an editor should flag.
func TestSchemaRejects(t *testing.T) {
	tests := []struct {
		name string
		doc  string
	}{
		{"unknown top-level key", "version: 1\ncrytpo: {}\n"},
		{"unknown key in a section", "version: 1\nbuild: {ldflag: -s}\n"},
		{"version 2", "version: 2\n"},
		{"no version", "crypto: {}\n"},
		{"unknown profile", "version: 1\nextends: [fintech]\n"},
		{"lock of no field", "version: 1\nlocked: [crypto.tls_min]\n"},
	}
	s := compileSchema(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.Validate(yamlInstance(t, []byte(tc.doc))); err == nil {
				t.Errorf("schema accepts:\n%s", tc.doc)
			}
		})
	}
}

// TestSchemaShape: every object is closed and every setting described; the
// rules object offers exactly the documented rule IDs.
func TestSchemaShape(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		if s["type"] == "object" && s["additionalProperties"] != false {
			t.Errorf("%s: object without additionalProperties: false", path)
		}
		props, _ := s["properties"].(map[string]any)
		for name, p := range props {
			p := p.(map[string]any)
			if d, _ := p["description"].(string); d == "" {
				t.Errorf("%s.%s: no description", path, name)
			}
			walk(path+"."+name, p)
		}
		for _, key := range []string{"items", "additionalProperties"} {
			if sub, ok := s[key].(map[string]any); ok {
				walk(path+"["+key+"]", sub)
			}
		}
		for _, key := range []string{"$defs", "patternProperties"} {
			subs, _ := s[key].(map[string]any)
			for name, sub := range subs {
				walk(path+"."+key+"."+name, sub.(map[string]any))
			}
		}
	}
	walk("$", root)

	rules := root["properties"].(map[string]any)["rules"].(map[string]any)["properties"].(map[string]any)
	if diff := cmp.Diff(docs.IDs(), slices.Sorted(maps.Keys(rules))); diff != "" {
		t.Errorf("rules keys (-want +got):\n%s", diff)
	}

	enums := map[string][]any{}
	defs := root["$defs"].(map[string]any)
	for _, name := range []string{"Severity", "ModuleMode", "TLSVersion"} {
		enums[name] = defs[name].(map[string]any)["enum"].([]any)
	}
	want := map[string][]any{
		"Severity":   {"off", "warning", "error"},
		"ModuleMode": {"allowlist", "denylist"},
		"TLSVersion": {"1.0", "1.1", "1.2", "1.3"},
	}
	if diff := cmp.Diff(want, enums); diff != "" {
		t.Errorf("enums (-want +got):\n%s", diff)
	}
	for _, name := range []string{"Size", "Duration", "GoVersion", "GlibcVersion", "ARM64Level", "Target", "Constraint"} {
		if p, _ := defs[name].(map[string]any)["pattern"].(string); p == "" {
			t.Errorf("$defs.%s has no pattern", name)
		}
	}
	top := slices.Sorted(maps.Keys(root["properties"].(map[string]any)))
	if diff := cmp.Diff([]string{"build", "crypto", "extends", "locked", "modules", "pprof", "rules", "signed", "version"}, top); diff != "" {
		t.Errorf("top-level keys (-want +got):\n%s", diff)
	}
}
