package policy

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fragment decodes the body of a policy file named name (after "version: 1").
func fragment(t *testing.T, name, body string) *Policy {
	t.Helper()
	p, err := decodeFile(name, []byte("version: 1\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	p.Sources = []string{name}
	return p
}

// unordered compares policies as sets: the order of list entries, of
// constraint terms and of linker flags carries no meaning when combining.
var unordered = cmp.Options{
	cmpopts.IgnoreFields(Policy{}, "Sources", "Origins", "Provenance"),
	cmp.AllowUnexported(Constraint{}, term{}),
	cmpopts.SortSlices(func(a, b string) bool { return a < b }),
	cmpopts.SortSlices(func(a, b Target) bool { return a < b }),
	cmpopts.SortSlices(func(a, b CipherName) bool { return a < b }),
	cmpopts.SortSlices(func(a, b Glob) bool { return a < b }),
	cmpopts.SortSlices(func(a, b ImportRule) bool { return a.key() < b.key() }),
	cmpopts.SortSlices(func(a, b ModuleRule) bool {
		return a.key()+a.Version.String() < b.key()+b.Version.String()
	}),
	cmpopts.SortSlices(func(a, b term) bool { return a.op+a.version < b.op+b.version }),
	cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".LDFlags" },
		cmp.Transformer("ldflagArgs", func(f LinkFlags) []string { return ldflagArgs(string(f)) })),
}

// TestCombine specifies "stricter wins" for policies side by side (several
// profiles, or the entries of one extends list), field by field. Each row
// holds in both orders.
func TestCombine(t *testing.T) {
	tests := []struct {
		name    string
		a, b    string
		want    string
		ordered bool // entries that both sides have keep the first side's details
	}{
		{name: "nothing set", a: "", b: "", want: ""},

		// rules
		{
			name: "rules: the higher severity of each rule",
			a:    "rules: {XC101: warning, XC102: off, XC202: error}",
			b:    "rules: {XC101: error, XC102: warning}",
			want: "rules: {XC101: error, XC102: warning, XC202: error}",
		},

		// crypto
		{
			name: "crypto.forbidden_imports: union by path",
			a:    "crypto: {forbidden_imports: [{path: crypto/md5}]}",
			b:    "crypto: {forbidden_imports: [{path: crypto/sha1}]}",
			want: "crypto: {forbidden_imports: [{path: crypto/md5}, {path: crypto/sha1}]}",
		},
		{
			name:    "crypto.forbidden_imports: a path both forbid keeps the first reason",
			a:       "crypto: {forbidden_imports: [{path: crypto/md5, reason: first}]}",
			b:       "crypto: {forbidden_imports: [{path: crypto/md5, reason: second}, {path: crypto/des}]}",
			want:    "crypto: {forbidden_imports: [{path: crypto/md5, reason: first}, {path: crypto/des}]}",
			ordered: true,
		},
		{
			name: "crypto.gm_counterparts: union by path",
			a:    "crypto: {gm_counterparts: [{path: crypto/tls, use: github.com/tjfoc/gmsm/gmtls}]}",
			b:    "crypto: {gm_counterparts: [{path: crypto/aes, use: github.com/tjfoc/gmsm/sm4}]}",
			want: "crypto: {gm_counterparts: [{path: crypto/tls, use: github.com/tjfoc/gmsm/gmtls}, {path: crypto/aes, use: github.com/tjfoc/gmsm/sm4}]}",
		},
		{
			name: "crypto.gm_libraries: union",
			a:    "crypto: {gm_libraries: [github.com/tjfoc/gmsm]}",
			b:    "crypto: {gm_libraries: [github.com/emmansun/gmsm, github.com/tjfoc/gmsm]}",
			want: "crypto: {gm_libraries: [github.com/tjfoc/gmsm, github.com/emmansun/gmsm]}",
		},
		{
			name: "crypto.require_gm: required by either",
			a:    "crypto: {require_gm: false}",
			b:    "crypto: {require_gm: true}",
			want: "crypto: {require_gm: true}",
		},
		{
			name: "crypto.require_gm: false and false",
			a:    "crypto: {require_gm: false}",
			b:    "crypto: {require_gm: false}",
			want: "crypto: {require_gm: false}",
		},
		{
			name: "crypto.allow_dual_mode: forbidden by either",
			a:    "crypto: {allow_dual_mode: true}",
			b:    "crypto: {allow_dual_mode: false}",
			want: "crypto: {allow_dual_mode: false}",
		},
		{
			name: "crypto.allow_dual_mode: unset does not count",
			a:    "crypto: {allow_dual_mode: true}",
			b:    "",
			want: "crypto: {allow_dual_mode: true}",
		},
		{
			name: "crypto.tls_min_version: the higher",
			a:    `crypto: {tls_min_version: "1.2"}`,
			b:    `crypto: {tls_min_version: "1.3"}`,
			want: `crypto: {tls_min_version: "1.3"}`,
		},
		{
			name: "crypto.tls_min_version: unset does not count",
			a:    `crypto: {tls_min_version: "1.2"}`,
			b:    "",
			want: `crypto: {tls_min_version: "1.2"}`,
		},
		{
			name: "crypto.allow_godebug: intersection",
			a:    "crypto: {allow_godebug: [tlsrsakex=1, tls3des=1]}",
			b:    "crypto: {allow_godebug: [tls3des=1]}",
			want: "crypto: {allow_godebug: [tls3des=1]}",
		},
		{
			name: "crypto.allow_godebug: unset allows none, so a profile is a floor",
			a:    "crypto: {allow_godebug: [tlssha1=1]}",
			b:    "crypto: {}",
			want: "crypto: {allow_godebug: []}",
		},
		{
			name: "crypto.certified_modules: certified where both policies say so",
			a:    "crypto: {certified_modules: [{path: example.com/sdf, name: SDF}, {path: example.com/hsm, name: HSM}]}",
			b:    "crypto: {certified_modules: [{path: example.com/hsm, name: HSM}]}",
			want: "crypto: {certified_modules: [{path: example.com/hsm, name: HSM}]}",
		},
		{
			name: "crypto.certified_modules: unset certifies none",
			a:    "crypto: {certified_modules: [{path: example.com/sdf, name: SDF}]}",
			b:    "crypto: {}",
			want: "crypto: {certified_modules: []}",
		},
		{
			name: "crypto.gm_library: agreeing",
			a:    "crypto: {gm_library: github.com/emmansun/gmsm}",
			b:    "crypto: {gm_library: github.com/emmansun/gmsm}",
			want: "crypto: {gm_library: github.com/emmansun/gmsm}",
		},
		{
			name: "crypto.gm_library: unset takes the other",
			a:    "",
			b:    "crypto: {gm_library: github.com/emmansun/gmsm}",
			want: "crypto: {gm_library: github.com/emmansun/gmsm}",
		},
		{
			name: "crypto.cipher_suites: intersection",
			a:    "crypto: {cipher_suites: [TLS_AES_128_GCM_SHA256, ECC_SM4_GCM_SM3]}",
			b:    "crypto: {cipher_suites: [ECC_SM4_GCM_SM3, ECDHE_SM4_GCM_SM3]}",
			want: "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}",
		},
		{
			name: "crypto.cipher_suites: unset approves everything",
			a:    "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}",
			b:    "",
			want: "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}",
		},
		{
			name: "crypto.cipher_suites: nothing in common approves nothing",
			a:    "crypto: {cipher_suites: [TLS_AES_128_GCM_SHA256]}",
			b:    "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}",
			want: "crypto: {cipher_suites: []}",
		},
		{
			name: "crypto.cipher_suites: an empty list approves nothing",
			a:    "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}",
			b:    "crypto: {cipher_suites: []}",
			want: "crypto: {cipher_suites: []}",
		},

		// pprof
		{
			name: "pprof.allow_build_tags: intersection",
			a:    "pprof: {allow_build_tags: [debug, pprof]}",
			b:    "pprof: {allow_build_tags: [pprof, profile]}",
			want: "pprof: {allow_build_tags: [pprof]}",
		},
		{
			name: "pprof.allow_build_tags: an empty list allows none",
			a:    "pprof: {allow_build_tags: [debug, pprof]}",
			b:    "pprof: {allow_build_tags: []}",
			want: "pprof: {allow_build_tags: []}",
		},
		{
			name: "pprof.allow_build_tags: unset allows what the other allows",
			a:    "pprof: {allow_build_tags: [debug]}",
			b:    "",
			want: "pprof: {allow_build_tags: [debug]}",
		},
		{
			name: "pprof.extra_profilers: union",
			a:    "pprof: {extra_profilers: [github.com/felixge/fgprof]}",
			b:    "pprof: {extra_profilers: [github.com/pkg/profile]}",
			want: "pprof: {extra_profilers: [github.com/felixge/fgprof, github.com/pkg/profile]}",
		},

		// modules
		{
			name: "modules.mode: allowlist wins",
			a:    "modules: {mode: denylist}",
			b:    "modules: {mode: allowlist}",
			want: "modules: {mode: allowlist}",
		},
		{
			name: "modules.mode: denylist over unset",
			a:    "modules: {mode: denylist}",
			b:    "",
			want: "modules: {mode: denylist}",
		},
		{
			name: "modules.allow: approved by both, under both constraints",
			a:    `modules: {allow: [{path: github.com/tjfoc/gmsm, version: ">= v1.4.1"}, {prefix: golang.org/x/}, {path: github.com/emmansun/gmsm}]}`,
			b:    `modules: {allow: [{path: github.com/tjfoc/gmsm, version: "< v2.0.0"}, {prefix: golang.org/x/}, {prefix: github.com/acme/}]}`,
			want: `modules: {allow: [{path: github.com/tjfoc/gmsm, version: ">= v1.4.1, < v2.0.0"}, {prefix: golang.org/x/}]}`,
		},
		{
			name: "modules.allow: a shared constraint appears once",
			a:    `modules: {allow: [{path: github.com/tjfoc/gmsm, version: ">= v1.4.1"}]}`,
			b:    `modules: {allow: [{path: github.com/tjfoc/gmsm, version: ">= v1.4.1"}]}`,
			want: `modules: {allow: [{path: github.com/tjfoc/gmsm, version: ">= v1.4.1"}]}`,
		},
		{
			name: "modules.allow: packages approved by both",
			a:    `modules: {allow: [{glob: "github.com/acme/*", packages: ["github.com/acme/*/api", "github.com/acme/*/log"]}]}`,
			b:    `modules: {allow: [{glob: "github.com/acme/*", packages: ["github.com/acme/*/log"]}]}`,
			want: `modules: {allow: [{glob: "github.com/acme/*", packages: ["github.com/acme/*/log"]}]}`,
		},
		{
			name: "modules.allow: unset approves what the other approves",
			a:    `modules: {allow: [{prefix: golang.org/x/}]}`,
			b:    "",
			want: `modules: {allow: [{prefix: golang.org/x/}]}`,
		},
		{
			name: "modules.deny: union, one entry per module and versions",
			a:    `modules: {deny: [{path: github.com/dgrijalva/jwt-go}, {path: github.com/satori/go.uuid, version: "< v1.2.0"}]}`,
			b:    `modules: {deny: [{path: github.com/dgrijalva/jwt-go}, {path: github.com/satori/go.uuid, version: ">= v1.2.0"}]}`,
			want: `modules: {deny: [{path: github.com/dgrijalva/jwt-go}, {path: github.com/satori/go.uuid, version: "< v1.2.0"}, {path: github.com/satori/go.uuid, version: ">= v1.2.0"}]}`,
		},
		{
			name: "modules.replace.allow_local: forbidden by either",
			a:    "modules: {replace: {allow_local: true}}",
			b:    "modules: {replace: {allow_local: false}}",
			want: "modules: {replace: {allow_local: false}}",
		},
		{
			name: "modules.replace.allow_local: unset does not count",
			a:    "modules: {replace: {allow_local: true}}",
			b:    "",
			want: "modules: {replace: {allow_local: true}}",
		},
		{
			name: "modules.go_min: the higher, compared as versions",
			a:    `modules: {go_min: "1.9"}`,
			b:    `modules: {go_min: "1.21"}`,
			want: `modules: {go_min: "1.21"}`,
		},
		{
			name: "modules.go_min: unset does not count",
			a:    `modules: {go_min: "1.19"}`,
			b:    "",
			want: `modules: {go_min: "1.19"}`,
		},
		{
			name: "modules.toolchain_min: the higher",
			a:    `modules: {toolchain_min: "1.22.3"}`,
			b:    `modules: {toolchain_min: "1.22.10"}`,
			want: `modules: {toolchain_min: "1.22.10"}`,
		},

		// build
		{
			name: "build.targets: union",
			a:    "build: {targets: [linux/arm64]}",
			b:    "build: {targets: [linux/amd64, linux/arm64]}",
			want: "build: {targets: [linux/arm64, linux/amd64]}",
		},
		{
			name: "build.cgo: agreeing",
			a:    "build: {cgo: true}",
			b:    "build: {cgo: true}",
			want: "build: {cgo: true}",
		},
		{
			name: "build.cgo: unset takes the other",
			a:    "build: {cgo: false}",
			b:    "",
			want: "build: {cgo: false}",
		},
		{
			name: "build.cc: per target, agreeing",
			a:    "build: {cc: {linux/arm64: aarch64-linux-gnu-gcc}}",
			b:    "build: {cc: {linux/arm64: aarch64-linux-gnu-gcc, linux/loong64: loongarch64-linux-gnu-gcc}}",
			want: "build: {cc: {linux/arm64: aarch64-linux-gnu-gcc, linux/loong64: loongarch64-linux-gnu-gcc}}",
		},
		{
			name: "build.sysroot: per target, agreeing",
			a:    "build: {sysroot: {linux/arm64: /usr/aarch64-linux-gnu}}",
			b:    "build: {sysroot: {linux/mips64le: /usr/mips64el-linux-gnuabi64}}",
			want: "build: {sysroot: {linux/arm64: /usr/aarch64-linux-gnu, linux/mips64le: /usr/mips64el-linux-gnuabi64}}",
		},
		{
			name: "build.ldflags: union of flags",
			a:    `build: {ldflags: "-s -w"}`,
			b:    `build: {ldflags: "-w -buildid="}`,
			want: `build: {ldflags: "-s -w -buildid="}`,
		},
		{
			name: "build.ldflags: a flag keeps its argument",
			a:    `build: {ldflags: "-s -X main.version=1"}`,
			b:    `build: {ldflags: "-s -X main.commit=abc"}`,
			want: `build: {ldflags: "-s -X main.version=1 -X main.commit=abc"}`,
		},
		{
			name: "build.trimpath: required by either",
			a:    "build: {trimpath: false}",
			b:    "build: {trimpath: true}",
			want: "build: {trimpath: true}",
		},
		{
			name: "build.goarm64: the lower level runs on both CPUs",
			a:    "build: {goarm64: v8.1}",
			b:    "build: {goarm64: v8.0}",
			want: "build: {goarm64: v8.0}",
		},
		{
			name: "build.goarm64: unset does not count",
			a:    "build: {goarm64: v9.0}",
			b:    "",
			want: "build: {goarm64: v9.0}",
		},
		{
			name: "build.goamd64: the lower level runs on both CPUs",
			a:    "build: {goamd64: v3}",
			b:    "build: {goamd64: v1}",
			want: "build: {goamd64: v1}",
		},
		{
			name: "build.gomips64: the same on both",
			a:    "build: {gomips64: hardfloat}",
			b:    "build: {gomips64: hardfloat}",
			want: "build: {gomips64: hardfloat}",
		},
		{
			name: "build.per_target: a target's own glibc against the other's section: the older wins for that target",
			a:    `build: {per_target: {linux/amd64: {max_glibc: "2.34"}}}`,
			b:    `build: {max_glibc: "2.28"}`,
			want: `build: {max_glibc: "2.28", per_target: {linux/amd64: {max_glibc: "2.28"}}}`,
		},
		{
			name: "build.per_target: a target's own value stays where the other policy is silent",
			a:    `build: {max_glibc: "2.28", per_target: {linux/amd64: {max_glibc: "2.34", goamd64: v2}}}`,
			b:    "",
			want: `build: {max_glibc: "2.28", per_target: {linux/amd64: {max_glibc: "2.34", goamd64: v2}}}`,
		},
		{
			name: "build.per_target: levels per target, lower wins; smoke CPU and world agree",
			a:    `build: {per_target: {linux/arm64: {goarm64: v8.2}, linux/loong64: {world: old, smoke_cpu: la464-loongarch-cpu}}}`,
			b:    `build: {goarm64: v8.0, per_target: {linux/loong64: {world: old}, linux/mips64le: {gomips64: hardfloat}}}`,
			want: `build: {goarm64: v8.0, per_target: {linux/arm64: {goarm64: v8.0}, linux/loong64: {world: old, smoke_cpu: la464-loongarch-cpu}, linux/mips64le: {gomips64: hardfloat}}}`,
		},
		{
			name: "build.max_size: the smaller budget",
			a:    "build: {max_size: 20MiB}",
			b:    "build: {max_size: 8MiB}",
			want: "build: {max_size: 8MiB}",
		},
		{
			name: "build.max_size: unset does not count",
			a:    "build: {max_size: 20MiB}",
			b:    "",
			want: "build: {max_size: 20MiB}",
		},
		{
			name: "build.max_glibc: the older glibc, compared as versions",
			a:    `build: {max_glibc: "2.28"}`,
			b:    `build: {max_glibc: "2.9"}`,
			want: `build: {max_glibc: "2.9"}`,
		},
		{
			name: "build.max_glibc: unset does not count",
			a:    `build: {max_glibc: "2.28"}`,
			b:    "",
			want: `build: {max_glibc: "2.28"}`,
		},
		{
			name: "build.allowed_libs: intersection",
			a:    "build: {allowed_libs: [libc.so.6, libpthread.so.0]}",
			b:    "build: {allowed_libs: [libc.so.6, libssl.so.3]}",
			want: "build: {allowed_libs: [libc.so.6]}",
		},
		{
			name: "build.allowed_libs: unset allows what the other allows",
			a:    "build: {allowed_libs: [libc.so.6]}",
			b:    "",
			want: "build: {allowed_libs: [libc.so.6]}",
		},
		{
			name: "build.forbid_linked: union",
			a:    "build: {forbid_linked: [net/http/pprof, expvar]}",
			b:    "build: {forbid_linked: [runtime/trace, expvar]}",
			want: "build: {forbid_linked: [net/http/pprof, expvar, runtime/trace]}",
		},
		{
			name: "build.smoke.args: agreeing",
			a:    "build: {smoke: {args: [--selftest]}}",
			b:    "build: {smoke: {args: [--selftest]}}",
			want: "build: {smoke: {args: [--selftest]}}",
		},
		{
			name: "build.smoke.timeout: the shorter",
			a:    "build: {smoke: {timeout: 10s}}",
			b:    "build: {smoke: {timeout: 1m}}",
			want: "build: {smoke: {timeout: 10s}}",
		},
		{
			name: "build.smoke.timeout: unset does not count",
			a:    "build: {smoke: {timeout: 1m}}",
			b:    "",
			want: "build: {smoke: {timeout: 1m}}",
		},
		{
			name: "build.smoke.max_rss: the smaller budget",
			a:    "build: {smoke: {max_rss: 64MiB}}",
			b:    "build: {smoke: {max_rss: 45MiB}}",
			want: "build: {smoke: {max_rss: 45MiB}}",
		},
		{
			name: "build.smoke.max_rss: unset does not count",
			a:    "build: {smoke: {max_rss: 45MiB}}",
			b:    "",
			want: "build: {smoke: {max_rss: 45MiB}}",
		},

		// locked
		{
			name: "locked: union",
			a:    "locked: [crypto]",
			b:    "locked: [build.max_glibc, crypto]",
			want: "locked: [crypto, build.max_glibc]",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := fragment(t, "want.yml", tc.want)
			a, b := fragment(t, "a.yml", tc.a), fragment(t, "b.yml", tc.b)
			got, err := combine(a, b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, unordered); diff != "" {
				t.Errorf("combine(a, b) (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"a.yml", "b.yml"}, got.Sources); diff != "" {
				t.Errorf("combine(a, b).Sources (-want +got):\n%s", diff)
			}
			if tc.ordered {
				return
			}
			got, err = combine(b, a)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, unordered); diff != "" {
				t.Errorf("combine(b, a) (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("every field has a row", func(t *testing.T) {
		covered := map[string]bool{}
		for _, tc := range tests {
			setFields(reflect.ValueOf(fragment(t, "a.yml", tc.a)).Elem(), "", covered)
			setFields(reflect.ValueOf(fragment(t, "b.yml", tc.b)).Elem(), "", covered)
		}
		var missing []string
		for _, f := range allFields(reflect.TypeFor[Policy](), "") {
			// version and extends are not combined; signed is not either
			// (combine leaves it unset).
			if !covered[f] && !slices.Contains([]string{"version", "extends", "signed"}, f) {
				missing = append(missing, f)
			}
		}
		if len(missing) > 0 {
			t.Errorf("no combine row sets %s", strings.Join(missing, ", "))
		}
	})
}

// TestCombineDisagreement specifies the fields with no stricter value: two
// policies that set them differently cannot be combined.
func TestCombineDisagreement(t *testing.T) {
	tests := []struct {
		name    string
		a, b    string
		wantErr string
	}{
		{
			name:    "crypto.gm_library",
			a:       "crypto: {gm_library: github.com/tjfoc/gmsm}",
			b:       "crypto: {gm_library: github.com/emmansun/gmsm}",
			wantErr: "a.yml and b.yml disagree on crypto.gm_library (github.com/tjfoc/gmsm and github.com/emmansun/gmsm): extend only one of them and set crypto.gm_library in your own policy file",
		},
		{
			name:    "build.cgo",
			a:       "build: {cgo: true}",
			b:       "build: {cgo: false}",
			wantErr: "a.yml and b.yml disagree on build.cgo (true and false): extend only one of them and set build.cgo in your own policy file",
		},
		{
			name:    "build.cc",
			a:       "build: {cc: {linux/arm64: aarch64-linux-gnu-gcc}}",
			b:       "build: {cc: {linux/arm64: aarch64-kylin-linux-gcc}}",
			wantErr: "a.yml and b.yml disagree on build.cc (aarch64-linux-gnu-gcc and aarch64-kylin-linux-gcc): extend only one of them and set build.cc in your own policy file",
		},
		{
			name:    "build.sysroot",
			a:       "build: {sysroot: {linux/arm64: /usr/aarch64-linux-gnu}}",
			b:       "build: {sysroot: {linux/arm64: /opt/kylin}}",
			wantErr: "a.yml and b.yml disagree on build.sysroot (/usr/aarch64-linux-gnu and /opt/kylin): extend only one of them and set build.sysroot in your own policy file",
		},
		{
			name:    "build.gomips64",
			a:       "build: {gomips64: hardfloat}",
			b:       "build: {gomips64: softfloat}",
			wantErr: "a.yml and b.yml disagree on build.gomips64 (hardfloat and softfloat): extend only one of them and set build.gomips64 in your own policy file",
		},
		{
			name:    "build.per_target.linux/loong64.world",
			a:       "build: {per_target: {linux/loong64: {world: old}}}",
			b:       "build: {per_target: {linux/loong64: {world: new}}}",
			wantErr: "a.yml and b.yml disagree on build.per_target.linux/loong64.world (old and new): extend only one of them and set build.per_target.linux/loong64.world in your own policy file",
		},
		{
			name:    "build.per_target.linux/amd64.smoke_cpu",
			a:       "build: {per_target: {linux/amd64: {smoke_cpu: Dhyana}}}",
			b:       "build: {per_target: {linux/amd64: {smoke_cpu: EPYC}}}",
			wantErr: "a.yml and b.yml disagree on build.per_target.linux/amd64.smoke_cpu (Dhyana and EPYC): extend only one of them and set build.per_target.linux/amd64.smoke_cpu in your own policy file",
		},
		{
			name:    "build.smoke.args",
			a:       "build: {smoke: {args: [--selftest]}}",
			b:       "build: {smoke: {args: [--selftest, --quick]}}",
			wantErr: "a.yml and b.yml disagree on build.smoke.args ([--selftest] and [--selftest --quick]): extend only one of them and set build.smoke.args in your own policy file",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := fragment(t, "a.yml", tc.a), fragment(t, "b.yml", tc.b)
			_, err := combine(a, b)
			if err == nil {
				t.Fatal("combine(a, b) succeeded")
			}
			if diff := cmp.Diff(tc.wantErr, err.Error()); diff != "" {
				t.Errorf("combine(a, b) error (-want +got):\n%s", diff)
			}
			if _, err := combine(b, a); err == nil || !strings.Contains(err.Error(), "disagree on "+tc.name+" ") {
				t.Errorf("combine(b, a) error = %v, want a disagreement on %s", err, tc.name)
			}
		})
	}
}

// TestOverlay specifies how a file's own settings apply over what it extends.
func TestOverlay(t *testing.T) {
	tests := []struct {
		name      string
		base, own string
		want      string
	}{
		{
			name: "a set value replaces, even a looser one",
			base: `crypto: {tls_min_version: "1.3", require_gm: true}`,
			own:  `crypto: {tls_min_version: "1.2"}`,
			want: `crypto: {tls_min_version: "1.2", require_gm: true}`,
		},
		{
			name: "false replaces true",
			base: "crypto: {require_gm: true}",
			own:  "crypto: {require_gm: false}",
			want: "crypto: {require_gm: false}",
		},
		{
			name: "rule severities replace per rule",
			base: "rules: {XC101: error, XC202: warning}",
			own:  "rules: {XC202: off, XC303: error}",
			want: "rules: {XC101: error, XC202: off, XC303: error}",
		},
		{
			name: "a list replaces the whole list",
			base: "crypto: {forbidden_imports: [{path: crypto/md5}, {path: crypto/sha1}]}",
			own:  "crypto: {forbidden_imports: [{path: crypto/des}]}",
			want: "crypto: {forbidden_imports: [{path: crypto/des}]}",
		},
		{
			name: "an empty list is set",
			base: "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}\npprof: {allow_build_tags: [debug]}",
			own:  "crypto: {cipher_suites: []}",
			want: "crypto: {cipher_suites: []}\npprof: {allow_build_tags: [debug]}",
		},
		{
			name: "an unset list is inherited",
			base: "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}",
			own:  "",
			want: "crypto: {cipher_suites: [ECC_SM4_GCM_SM3]}",
		},
		{
			name: "cc and sysroot replace per target",
			base: "build: {cc: {linux/arm64: aarch64-linux-gnu-gcc, linux/amd64: gcc}, sysroot: {linux/arm64: /usr/aarch64-linux-gnu}}",
			own:  "build: {cc: {linux/arm64: aarch64-kylin-linux-gcc}, sysroot: {linux/loong64: /opt/loong}}",
			want: "build: {cc: {linux/arm64: aarch64-kylin-linux-gcc, linux/amd64: gcc}, sysroot: {linux/arm64: /usr/aarch64-linux-gnu, linux/loong64: /opt/loong}}",
		},
		{
			name: "locked fields accumulate",
			base: "locked: [crypto]",
			own:  "locked: [build.max_glibc]",
			want: "locked: [crypto, build.max_glibc]",
		},
		{
			name: "signed is the file's own",
			base: "signed: true",
			own:  "",
			want: "",
		},
		{
			name: "nested sections replace field by field",
			base: "build: {smoke: {args: [--selftest], timeout: 10s, max_rss: 45MiB}}",
			own:  "build: {smoke: {timeout: 30s}}",
			want: "build: {smoke: {args: [--selftest], timeout: 30s, max_rss: 45MiB}}",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := fragment(t, "want.yml", tc.want)
			got := overlay(fragment(t, "base.yml", tc.base), fragment(t, "own.yml", tc.own))
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Policy{}, "Sources", "Origins", "Provenance"), cmp.AllowUnexported(Constraint{}, term{})); diff != "" {
				t.Errorf("overlay (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"base.yml", "own.yml"}, got.Sources); diff != "" {
				t.Errorf("overlay Sources (-want +got):\n%s", diff)
			}
		})
	}
}

// Two policies that set every field, to different values.
const (
	everyFieldA = `
extends: [baseline]
signed: false
rules: {XC101: error, XC202: warning}
crypto:
  forbidden_imports: [{path: crypto/md5, reason: broken, use: github.com/tjfoc/gmsm/sm3}]
  gm_counterparts: [{path: crypto/tls, use: github.com/tjfoc/gmsm/gmtls}]
  gm_libraries: [github.com/tjfoc/gmsm]
  require_gm: false
  allow_dual_mode: false
  tls_min_version: "1.2"
  cipher_suites: [TLS_AES_128_GCM_SHA256]
  allow_godebug: [tlsrsakex=1]
  certified_modules: [{path: example.com/sdf, name: SDF SDK, certificate: GM-0001}]
  gm_library: github.com/tjfoc/gmsm
pprof: {allow_build_tags: [debug], extra_profilers: [github.com/felixge/fgprof]}
modules:
  mode: denylist
  allow: [{path: github.com/tjfoc/gmsm, version: ">= v1.4.1"}]
  deny: [{path: github.com/dgrijalva/jwt-go}]
  replace: {allow_local: true}
  go_min: "1.19"
  toolchain_min: "1.21.0"
build:
  targets: [linux/amd64]
  cgo: false
  cc: {linux/amd64: gcc}
  sysroot: {linux/amd64: /}
  ldflags: "-w"
  trimpath: false
  goarm64: v8.1
  goamd64: v3
  gomips64: softfloat
  per_target:
    linux/amd64: {max_glibc: "2.34", goamd64: v2, smoke_cpu: max}
    linux/loong64: {world: new}
  max_size: 40MiB
  max_glibc: "2.31"
  allowed_libs: [libc.so.6]
  forbid_linked: [expvar]
  smoke: {args: [--version], timeout: 1m, max_rss: 64MiB}
locked: [crypto]
`
	everyFieldB = `
extends: [gov-cloud]
signed: true
rules: {XC202: error, XC303: error}
crypto:
  forbidden_imports: [{path: crypto/sha1}]
  gm_counterparts: [{path: crypto/aes, use: github.com/tjfoc/gmsm/sm4}]
  gm_libraries: [github.com/emmansun/gmsm]
  require_gm: true
  allow_dual_mode: true
  tls_min_version: "1.3"
  cipher_suites: []
  allow_godebug: []
  certified_modules: []
  gm_library: github.com/emmansun/gmsm
pprof: {allow_build_tags: [], extra_profilers: []}
modules:
  mode: allowlist
  allow: [{prefix: golang.org/x/}]
  deny: []
  replace: {allow_local: false}
  go_min: "1.21"
  toolchain_min: "1.22.3"
build:
  targets: [linux/arm64]
  cgo: true
  cc: {linux/arm64: aarch64-linux-gnu-gcc}
  sysroot: {linux/arm64: /usr/aarch64-linux-gnu}
  ldflags: "-s -w"
  trimpath: true
  goarm64: v8.0
  goamd64: v1
  gomips64: hardfloat
  per_target:
    linux/amd64: {smoke_cpu: Dhyana}
    linux/loong64: {world: old, max_glibc: "2.28"}
  max_size: 20MiB
  max_glibc: "2.28"
  allowed_libs: []
  forbid_linked: [net/http/pprof]
  smoke: {args: [--selftest], timeout: 10s, max_rss: 45MiB}
locked: [build.max_glibc]
`
)

// TestOverlayEveryField specifies overlay for every field at once: what the
// file sets replaces the inherited value (rules, cc and sysroot key by key,
// locked accumulating), and what it leaves unset is inherited.
func TestOverlayEveryField(t *testing.T) {
	a, b := fragment(t, "a.yml", everyFieldA), fragment(t, "b.yml", everyFieldB)
	all := allFields(reflect.TypeFor[Policy](), "")
	for name, p := range map[string]*Policy{"a": a, "b": b} {
		set := map[string]bool{}
		setFields(reflect.ValueOf(p).Elem(), "", set)
		for _, f := range all {
			if !set[f] {
				t.Errorf("everyField%s does not set %s", strings.ToUpper(name), f)
			}
		}
	}

	got := overlay(a, b)
	merged := map[string]bool{"rules": true, "build.cc": true, "build.sysroot": true, "build.per_target": true, "locked": true}
	for _, f := range all {
		if f == "version" || f == "extends" {
			continue // resolved before overlay; not the file's settings
		}
		va, vb, vgot := field(a, f), field(b, f), field(got, f)
		if reflect.DeepEqual(va, vb) {
			t.Errorf("everyFieldA and everyFieldB agree on %s: the test cannot tell them apart", f)
		}
		if merged[f] {
			continue
		}
		if diff := cmp.Diff(vb, vgot, cmp.AllowUnexported(Constraint{}, term{})); diff != "" {
			t.Errorf("overlay: %s is not the file's (-want +got):\n%s", f, diff)
		}
	}
	wantMerged := fragment(t, "want.yml", `
rules: {XC101: error, XC202: error, XC303: error}
build:
  cc: {linux/amd64: gcc, linux/arm64: aarch64-linux-gnu-gcc}
  sysroot: {linux/amd64: /, linux/arm64: /usr/aarch64-linux-gnu}
  per_target:
    linux/amd64: {max_glibc: "2.34", goamd64: v2, smoke_cpu: Dhyana}
    linux/loong64: {world: old, max_glibc: "2.28"}
locked: [crypto, build.max_glibc]
`)
	for f := range merged {
		if diff := cmp.Diff(field(wantMerged, f), field(got, f)); diff != "" {
			t.Errorf("overlay: %s (-want +got):\n%s", f, diff)
		}
	}

	// A file that sets nothing inherits everything.
	got = overlay(a, fragment(t, "empty.yml", ""))
	if diff := cmp.Diff(a, got, cmpopts.IgnoreFields(Policy{}, "Sources", "Signed", "Origins"), cmp.AllowUnexported(Constraint{}, term{})); diff != "" {
		t.Errorf("overlay with an empty file (-want +got):\n%s", diff)
	}
}

// allFields lists the dotted yaml paths of a policy's settings: every field,
// descending into sections but not into list entries or parsed scalars.
func allFields(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		if ft := t.Field(i).Type; isSection(ft) {
			out = append(out, allFields(ft, prefix+name+".")...)
			continue
		}
		out = append(out, prefix+name)
	}
	return out
}

// setFields records the settings v sets: non-nil lists and maps (empty ones
// too), non-zero scalars.
func setFields(v reflect.Value, prefix string, out map[string]bool) {
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		f := v.Field(i)
		switch {
		case isSection(f.Type()):
			setFields(f, prefix+name+".", out)
		case f.Kind() == reflect.Slice || f.Kind() == reflect.Map:
			out[prefix+name] = out[prefix+name] || !f.IsNil()
		default:
			out[prefix+name] = out[prefix+name] || !f.IsZero()
		}
	}
}

// field returns the value at a dotted yaml path.
func field(p *Policy, path string) any {
	v := reflect.ValueOf(p).Elem()
	for _, name := range strings.Split(path, ".") {
		i := slices.IndexFunc(reflect.VisibleFields(v.Type()), func(f reflect.StructField) bool {
			n, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			return n == name
		})
		v = v.Field(i)
	}
	return v.Interface()
}

func isSection(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && !reflect.PointerTo(t).Implements(textUnmarshaler)
}
