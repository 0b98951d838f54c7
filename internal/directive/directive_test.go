package directive

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		want    Directive
		ok      bool
	}{
		{"plain comment", "// just a comment", Directive{}, false},
		{"block comment", "/* xcguard:ignore XC101 x */", Directive{Problem: "a suppression directive must be a // line comment, not /* */: write //xcguard:ignore XCnnn reason"}, true},
		{"block comment that mentions it", "/* see the xcguard:ignore docs */", Directive{}, false},
		{"one rule", "//xcguard:ignore XC101 legacy checksum of public data", Directive{Rules: []string{"XC101"}, Reason: "legacy checksum of public data"}, true},
		{"space after slashes", "// xcguard:ignore XC402 vendored fork approved in ticket 42", Directive{Rules: []string{"XC402"}, Reason: "vendored fork approved in ticket 42"}, true},
		{"two rules", "//xcguard:ignore XC101,XC102 interop with a foreign bank", Directive{Rules: []string{"XC101", "XC102"}, Reason: "interop with a foreign bank"}, true},
		{"two rules, a space after the comma", "//xcguard:ignore XC101, XC201 interop with a foreign bank", Directive{Rules: []string{"XC101", "XC201"}, Reason: "interop with a foreign bank"}, true},
		{"a list ending in a comma", "//xcguard:ignore XC101, because", Directive{Problem: "suppression directive has an empty entry in its rule list XC101,: write the rules as XC101,XC201"}, true},
		{"trailing comment is not reason", "//xcguard:ignore XC101 needed // want `x`", Directive{Rules: []string{"XC101"}, Reason: "needed"}, true},
		{"no rule", "//xcguard:ignore", Directive{Problem: "suppression directive names no rule: write //xcguard:ignore XCnnn reason"}, true},
		{"reason but no rule", "//xcguard:ignore because", Directive{Problem: `suppression directive names no rule ("because" is not a rule ID): write //xcguard:ignore XCnnn reason`}, true},
		{"unknown rule", "//xcguard:ignore XC999 why", Directive{Problem: "suppression directive names unknown rule XC999 (see 'xcguard list')"}, true},
		{"no reason", "//xcguard:ignore XC201", Directive{Rules: []string{"XC201"}, Problem: "suppression directive for XC201 gives no reason: write //xcguard:ignore XC201 <why this is safe>"}, true},
		{"unknown verb", "//xcguard:disable XC201 x", Directive{Problem: "unknown directive xcguard:disable: write //xcguard:ignore XCnnn reason"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Parse(tt.comment)
			if ok != tt.ok {
				t.Fatalf("Parse(%q) ok = %v, want %v", tt.comment, ok, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.comment, diff)
			}
		})
	}
}
