package policy_test

import (
	"crypto/tls"
	"encoding"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/docs"
	"github.com/xcguard/xcguard/policy"
)

// parseCase is one input to a scalar type's UnmarshalText: either the value it
// must parse to, or an error naming the input.
type parseCase[T any] struct {
	name    string
	in      string
	want    T
	wantErr bool
}

// checkParse runs parse cases against the type's UnmarshalText.
func checkParse[T any, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, cases []parseCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got T
			err := P(&got).UnmarshalText([]byte(tc.in))
			if tc.wantErr {
				if err == nil {
					t.Fatalf("UnmarshalText(%q) = %v, want an error", tc.in, got)
				}
				if !strings.Contains(err.Error(), strconv.Quote(tc.in)) {
					t.Errorf("UnmarshalText(%q) error %q does not quote the input", tc.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("UnmarshalText(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("UnmarshalText(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestSizeParse(t *testing.T) {
	checkParse(t, []parseCase[policy.Size]{
		{name: "mebibytes", in: "20MiB", want: 20 << 20},
		{name: "kibibytes", in: "512KiB", want: 512 << 10},
		{name: "gibibytes", in: "1GiB", want: 1 << 30},
		{name: "decimal megabytes", in: "20MB", want: 20_000_000},
		{name: "decimal kilobytes", in: "3KB", want: 3000},
		{name: "bytes", in: "4096B", want: 4096},
		{name: "fraction", in: "1.5MiB", want: 3 << 19},
		{name: "space before the unit", in: "45 MiB", want: 45 << 20},
		{name: "unknown unit", in: "20XB", wantErr: true},
		{name: "lowercase unit", in: "20mib", wantErr: true},
		{name: "zero", in: "0MiB", wantErr: true},
		{name: "negative", in: "-1MiB", wantErr: true},
		{name: "no number", in: "MiB", wantErr: true},
		{name: "no unit", in: "20", wantErr: true},
		{name: "empty", in: "", wantErr: true},
		{name: "less than a byte would read as unset", in: "0.5B", wantErr: true},
		{name: "beyond int64", in: "9999999999GiB", wantErr: true},
	})
}

func TestSizeStringIsCanonical(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "already canonical", in: "20MiB", want: "20MiB"},
		{name: "largest whole binary unit", in: "20480KiB", want: "20MiB"},
		{name: "gibibyte", in: "1024MiB", want: "1GiB"},
		{name: "fraction becomes a smaller unit", in: "1.5MiB", want: "1536KiB"},
		{name: "decimal units print as bytes", in: "20MB", want: "20000000B"},
		{name: "odd bytes", in: "1025B", want: "1025B"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s policy.Size
			if err := s.UnmarshalText([]byte(tc.in)); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, s.String()); diff != "" {
				t.Errorf("String() (-want +got):\n%s", diff)
			}
			var back policy.Size
			if err := back.UnmarshalText([]byte(s.String())); err != nil {
				t.Fatalf("String() %q does not parse: %v", s, err)
			}
			if back != s {
				t.Errorf("String() %q parses to %d bytes, want %d", s, back, s)
			}
		})
	}
}

func TestDurationParse(t *testing.T) {
	checkParse(t, []parseCase[policy.Duration]{
		{name: "seconds", in: "10s", want: policy.Duration(10 * time.Second)},
		{name: "compound", in: "1m30s", want: policy.Duration(90 * time.Second)},
		{name: "milliseconds", in: "250ms", want: policy.Duration(250 * time.Millisecond)},
		{name: "zero", in: "0s", wantErr: true},
		{name: "negative", in: "-5s", wantErr: true},
		{name: "no unit", in: "10", wantErr: true},
		{name: "words", in: "ten seconds", wantErr: true},
	})
	canonical := []struct {
		in, want string
	}{{"10s", "10s"}, {"90s", "1m30s"}, {"1h", "1h0m0s"}, {"0.25s", "250ms"}}
	for _, tc := range canonical {
		var d, back policy.Duration
		if err := d.UnmarshalText([]byte(tc.in)); err != nil {
			t.Fatal(err)
		}
		if d.String() != tc.want {
			t.Errorf("Duration(%q).String() = %q, want %q", tc.in, d, tc.want)
		}
		if err := back.UnmarshalText([]byte(d.String())); err != nil || back != d {
			t.Errorf("Duration(%q).String() = %q does not parse back (%v)", tc.in, d, err)
		}
	}
}

func TestTLSVersionParse(t *testing.T) {
	checkParse(t, []parseCase[policy.TLSVersion]{
		{name: "TLS 1.2", in: "1.2", want: tls.VersionTLS12},
		{name: "TLS 1.3", in: "1.3", want: tls.VersionTLS13},
		{name: "TLS 1.0", in: "1.0", want: tls.VersionTLS10},
		{name: "no such version", in: "1.4", wantErr: true},
		{name: "with a prefix", in: "TLS1.3", wantErr: true},
		{name: "major only", in: "1", wantErr: true},
	})
	for _, in := range []string{"1.0", "1.1", "1.2", "1.3"} {
		var v policy.TLSVersion
		if err := v.UnmarshalText([]byte(in)); err != nil {
			t.Fatal(err)
		}
		if v.String() != in {
			t.Errorf("TLSVersion(%q).String() = %q", in, v)
		}
	}
}

func TestGoVersion(t *testing.T) {
	checkParse(t, []parseCase[policy.GoVersion]{
		{name: "language version", in: "1.21", want: "1.21"},
		{name: "patch release", in: "1.22.3", want: "1.22.3"},
		{name: "release candidate", in: "1.21rc1", want: "1.21rc1"},
		{name: "go prefix", in: "go1.21", wantErr: true},
		{name: "v prefix", in: "v1.21", wantErr: true},
		{name: "wildcard", in: "1.21.x", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	})
	compare := []struct {
		name string
		a, b policy.GoVersion
		want int
	}{
		{name: "numeric, not lexical", a: "1.21", b: "1.9", want: 1},
		{name: "patch above minor", a: "1.21.3", b: "1.21", want: 1},
		{name: "patch 10 above patch 3", a: "1.21.3", b: "1.21.10", want: -1},
		{name: "release candidate below release", a: "1.21rc1", b: "1.21.0", want: -1},
		{name: "equal", a: "1.19", b: "1.19", want: 0},
		{name: "unset is lowest", a: "", b: "1.0", want: -1},
		{name: "anything above unset", a: "1.0", b: "", want: 1},
	}
	for _, tc := range compare {
		t.Run("Compare/"+tc.name, func(t *testing.T) {
			if got := tc.a.Compare(tc.b); got != tc.want {
				t.Errorf("GoVersion(%q).Compare(%q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestGlibcVersion(t *testing.T) {
	checkParse(t, []parseCase[policy.GlibcVersion]{
		{name: "Kylin V10 SP3", in: "2.28", want: "2.28"},
		{name: "CentOS 7", in: "2.17", want: "2.17"},
		{name: "one-digit minor", in: "2.9", want: "2.9"},
		{name: "patch level", in: "2.28.1", wantErr: true},
		{name: "major 3", in: "3.0", wantErr: true},
		{name: "major only", in: "2", wantErr: true},
		{name: "wildcard", in: "2.x", wantErr: true},
	})
	minor := []struct {
		in   policy.GlibcVersion
		want int
	}{{"2.28", 28}, {"2.17", 17}, {"2.9", 9}, {"", -1}}
	for _, tc := range minor {
		if got := tc.in.Minor(); got != tc.want {
			t.Errorf("GlibcVersion(%q).Minor() = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestARM64Level(t *testing.T) {
	checkParse(t, []parseCase[policy.ARM64Level]{
		{name: "Phytium FT-2000/4", in: "v8.0", want: "v8.0"},
		{name: "highest", in: "v9.5", want: "v9.5"},
		{name: "with LSE", in: "v8.2,lse", want: "v8.2,lse"},
		{name: "with LSE and crypto", in: "v8.0,lse,crypto", want: "v8.0,lse,crypto"},
		{name: "ARMv7", in: "v7.0", wantErr: true},
		{name: "beyond v9.5", in: "v9.6", wantErr: true},
		{name: "no v", in: "8.0", wantErr: true},
		{name: "options out of order", in: "v8.0,crypto,lse", wantErr: true},
		{name: "major only", in: "v8", wantErr: true},
	})
	compare := []struct {
		name string
		a, b policy.ARM64Level
		want int
	}{
		{name: "v8.0 below v8.1", a: "v8.0", b: "v8.1", want: -1},
		{name: "v8.1 below v9.0", a: "v8.1", b: "v9.0", want: -1},
		{name: "v8.9 below v9.0", a: "v8.9", b: "v9.0", want: -1},
		{name: "v9.0 above v8.0", a: "v9.0", b: "v8.0", want: 1},
		{name: "equal", a: "v8.0", b: "v8.0", want: 0},
		{name: "options order after the level", a: "v8.0", b: "v8.0,lse", want: -1},
		{name: "unset is highest", a: "", b: "v9.5", want: 1},
	}
	for _, tc := range compare {
		t.Run("Compare/"+tc.name, func(t *testing.T) {
			if got := tc.a.Compare(tc.b); got != tc.want {
				t.Errorf("ARM64Level(%q).Compare(%q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestTarget(t *testing.T) {
	checkParse(t, []parseCase[policy.Target]{
		{name: "Kylin on Phytium", in: "linux/arm64", want: "linux/arm64"},
		{name: "Loongson", in: "linux/loong64", want: "linux/loong64"},
		{name: "Hygon", in: "linux/amd64", want: "linux/amd64"},
		{name: "not Linux", in: "windows/amd64", wantErr: true},
		{name: "wasm", in: "linux/wasm", wantErr: true},
		{name: "no arch", in: "linux", wantErr: true},
		{name: "arch variant", in: "linux/arm64/v8", wantErr: true},
		{name: "unknown OS", in: "kylin/arm64", wantErr: true},
		{name: "GNU arch name", in: "linux/aarch64", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	})
	tg := policy.Target("linux/arm64")
	if diff := cmp.Diff([2]string{"linux", "arm64"}, [2]string{tg.OS(), tg.Arch()}); diff != "" {
		t.Errorf("OS, Arch (-want +got):\n%s", diff)
	}
}

func TestConstraintAllows(t *testing.T) {
	tests := []struct {
		name       string
		constraint string
		version    string
		want       bool
	}{
		{name: "at least, equal", constraint: ">= v1.4.1", version: "v1.4.1", want: true},
		{name: "at least, newer", constraint: ">= v1.4.1", version: "v1.5.0", want: true},
		{name: "at least, older", constraint: ">= v1.4.1", version: "v1.4.0", want: false},
		{name: "below, older", constraint: "< v2.0.0", version: "v1.9.9", want: true},
		{name: "below, equal", constraint: "< v2.0.0", version: "v2.0.0", want: false},
		{name: "no operator means equal", constraint: "v1.2.3", version: "v1.2.3", want: true},
		{name: "no space after the operator", constraint: ">=v1.4.1", version: "v1.4.1", want: true},
		{name: "not equal", constraint: "!= v1.4.2", version: "v1.4.2", want: false},
		{name: "range, inside", constraint: ">= v1.4.1, < v2.0.0", version: "v1.9.0", want: true},
		{name: "range, below", constraint: ">= v1.4.1, < v2.0.0", version: "v1.4.0", want: false},
		{name: "range, at the top", constraint: ">= v1.4.1, < v2.0.0", version: "v2.0.0", want: false},
		{name: "pseudo-version below a release", constraint: ">= v0.0.1", version: "v0.0.0-20201012173705-84dcc777aaee", want: false},
		{name: "pseudo-version in range", constraint: "< v0.1.0", version: "v0.0.0-20201012173705-84dcc777aaee", want: true},
		{name: "pseudo-version against a pseudo-version", constraint: ">= v0.0.0-20200101000000-000000000000", version: "v0.0.0-20201012173705-84dcc777aaee", want: true},
		{name: "later pseudo-version is newer", constraint: "< v0.0.0-20201012173705-84dcc777aaee", version: "v0.0.0-20210101000000-000000000000", want: false},
		{name: "incompatible counts as its version", constraint: ">= v2.0.0", version: "v2.0.0+incompatible", want: true},
		{name: "incompatible below v2", constraint: "< v2.0.0", version: "v2.0.0+incompatible", want: false},
		{name: "constraint on an incompatible version", constraint: "= v2.0.0+incompatible", version: "v2.0.0+incompatible", want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c policy.Constraint
			if err := c.UnmarshalText([]byte(tc.constraint)); err != nil {
				t.Fatal(err)
			}
			if got := c.Allows(tc.version); got != tc.want {
				t.Errorf("%q.Allows(%q) = %v, want %v", tc.constraint, tc.version, got, tc.want)
			}
		})
	}
}

func TestConstraintParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // String(): canonical form
		wantErr bool
	}{
		{name: "canonical", in: ">= v1.4.1", want: ">= v1.4.1"},
		{name: "spacing normalised", in: ">=v1.4.1 ,<  v2.0.0", want: ">= v1.4.1, < v2.0.0"},
		{name: "bare version is equality", in: "v1.2.3", want: "= v1.2.3"},
		{name: "pseudo-version", in: "= v0.0.0-20201012173705-84dcc777aaee", want: "= v0.0.0-20201012173705-84dcc777aaee"},
		{name: "incompatible", in: "<= v2.0.0+incompatible", want: "<= v2.0.0+incompatible"},
		{name: "no v", in: ">= 1.4.1", wantErr: true},
		{name: "operator split by a space", in: "> = v1.4.1, < v2.0.0", wantErr: true},
		{name: "unknown operator", in: "~> v1.4.1", wantErr: true},
		{name: "missing comma", in: ">= v1.0.0 < v2.0.0", wantErr: true},
		{name: "trailing comma", in: ">= v1.4.1,", wantErr: true},
		{name: "not semver", in: ">= v1.4.1.7", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c policy.Constraint
			err := c.UnmarshalText([]byte(tc.in))
			if tc.wantErr {
				if err == nil {
					t.Fatalf("UnmarshalText(%q) = %q, want an error", tc.in, c)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, c.String()); diff != "" {
				t.Errorf("String() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestConstraintAnd(t *testing.T) {
	parse := func(s string) policy.Constraint {
		var c policy.Constraint
		if err := c.UnmarshalText([]byte(s)); err != nil {
			t.Fatal(err)
		}
		return c
	}
	var unset policy.Constraint
	if !unset.IsZero() || !unset.Allows("v0.0.1") {
		t.Errorf("the zero Constraint must be unset and allow every version")
	}
	got := parse(">= v1.4.1").And(parse("< v2.0.0"))
	if diff := cmp.Diff(">= v1.4.1, < v2.0.0", got.String()); diff != "" {
		t.Errorf("And (-want +got):\n%s", diff)
	}
	if got := parse(">= v1.4.1").And(parse(">= v1.4.1")).String(); got != ">= v1.4.1" {
		t.Errorf("And of a constraint with itself = %q, want it once", got)
	}
	if got := unset.And(parse("< v2.0.0")).String(); got != "< v2.0.0" {
		t.Errorf("unset.And(< v2.0.0) = %q", got)
	}
}

func TestGlob(t *testing.T) {
	checkParse(t, []parseCase[policy.Glob]{
		{name: "one path element", in: "github.com/acme/*", want: "github.com/acme/*"},
		{name: "everything in one element", in: "*", want: "*"},
		{name: "character class", in: "golang.org/x/[a-c]*", want: "golang.org/x/[a-c]*"},
		{name: "open class", in: "github.com/acme/[", wantErr: true},
		{name: "trailing escape", in: `github.com/acme\`, wantErr: true},
		{name: "empty", in: "", wantErr: true},
	})
	match := []struct {
		glob policy.Glob
		path string
		want bool
	}{
		{"github.com/acme/*", "github.com/acme/lib", true},
		{"github.com/acme/*", "github.com/acme/lib/sub", false},
		{"github.com/acme/*", "github.com/other/lib", false},
		{"golang.org/x/[a-c]*", "golang.org/x/crypto", true},
	}
	for _, tc := range match {
		if got := tc.glob.Match(tc.path); got != tc.want {
			t.Errorf("Glob(%q).Match(%q) = %v, want %v", tc.glob, tc.path, got, tc.want)
		}
	}
}

func TestCipherName(t *testing.T) {
	checkParse(t, []parseCase[policy.CipherName]{
		{name: "TLS 1.3 suite", in: "TLS_AES_128_GCM_SHA256", want: "TLS_AES_128_GCM_SHA256"},
		{name: "TLS 1.2 ECDHE suite", in: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", want: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
		{name: "insecure but known to Go", in: "TLS_RSA_WITH_RC4_128_SHA", want: "TLS_RSA_WITH_RC4_128_SHA"},
		{name: "GM ECC GCM", in: "ECC_SM4_GCM_SM3", want: "ECC_SM4_GCM_SM3"},
		{name: "GM ECDHE CBC", in: "ECDHE_SM4_CBC_SM3", want: "ECDHE_SM4_CBC_SM3"},
		{name: "not a GM suite", in: "ECC_SM4_GCM_SM4", wantErr: true},
		{name: "lowercase", in: "tls_aes_128_gcm_sha256", wantErr: true},
		{name: "OpenSSL name", in: "ECDHE-RSA-AES128-GCM-SHA256", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	})
}

func TestSeverity(t *testing.T) {
	checkParse(t, []parseCase[policy.Severity]{
		{name: "error", in: "error", want: policy.Error},
		{name: "warning", in: "warning", want: policy.Warning},
		{name: "off", in: "off", want: policy.Off},
		{name: "capitalised", in: "Error", wantErr: true},
		{name: "abbreviated", in: "warn", wantErr: true},
		{name: "other word", in: "none", wantErr: true},
	})
	for _, s := range []policy.Severity{policy.Off, policy.Warning, policy.Error} {
		var back policy.Severity
		if err := back.UnmarshalText([]byte(s.String())); err != nil || back != s {
			t.Errorf("Severity %d prints as %q, which parses to %d (%v)", s, s, back, err)
		}
	}
	// "Stricter wins" takes the maximum.
	if !(policy.Off < policy.Warning && policy.Warning < policy.Error) {
		t.Errorf("severities are not ordered off < warning < error")
	}
}

func TestModuleMode(t *testing.T) {
	checkParse(t, []parseCase[policy.ModuleMode]{
		{name: "allowlist", in: "allowlist", want: policy.Allowlist},
		{name: "denylist", in: "denylist", want: policy.Denylist},
		{name: "other word", in: "whitelist", wantErr: true},
	})
}

func TestRuleID(t *testing.T) {
	var cases []parseCase[policy.RuleID]
	for _, id := range docs.IDs() {
		cases = append(cases, parseCase[policy.RuleID]{name: id, in: id, want: policy.RuleID(id)})
	}
	cases = append(cases,
		parseCase[policy.RuleID]{name: "undocumented number", in: "XC999", wantErr: true},
		parseCase[policy.RuleID]{name: "lowercase", in: "xc101", wantErr: true},
		parseCase[policy.RuleID]{name: "short", in: "XC10", wantErr: true},
		parseCase[policy.RuleID]{name: "empty", in: "", wantErr: true},
	)
	checkParse(t, cases)
}
