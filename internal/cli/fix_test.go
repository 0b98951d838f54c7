package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/report"
)

func TestUnifiedDiff(t *testing.T) {
	lines := func(n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString("l" + string(rune('a'+i-1)) + "\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{name: "equal", old: "a\nb\n", new: "a\nb\n", want: ""},
		{
			name: "one line changed in the middle: three lines of context",
			old:  lines(9),
			new:  strings.Replace(lines(9), "le\n", "LE\n", 1),
			want: "--- a/f.go\n+++ b/f.go\n@@ -2,7 +2,7 @@\n lb\n lc\n ld\n-le\n+LE\n lf\n lg\n lh\n",
		},
		{
			name: "changes far apart: two hunks",
			old:  lines(12),
			new:  strings.Replace(strings.Replace(lines(12), "la\n", "LA\n", 1), "ll\n", "LL\n", 1),
			want: "--- a/f.go\n+++ b/f.go\n@@ -1,4 +1,4 @@\n-la\n+LA\n lb\n lc\n ld\n@@ -9,4 +9,4 @@\n li\n lj\n lk\n-ll\n+LL\n",
		},
		{
			name: "insertion at the start, deletion at the end",
			old:  "a\nb\n",
			new:  "x\na\n",
			want: "--- a/f.go\n+++ b/f.go\n@@ -1,2 +1,2 @@\n+x\n a\n-b\n",
		},
		{
			name: "no newline at the end",
			old:  "a\nb",
			new:  "a\nc",
			want: "--- a/f.go\n+++ b/f.go\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
		{
			name: "from nothing",
			old:  "",
			new:  "a\n",
			want: "--- a/f.go\n+++ b/f.go\n@@ -0,0 +1,1 @@\n+a\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(unifiedDiff("f.go", []byte(tc.old), []byte(tc.new)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("unifiedDiff (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMergeEdits(t *testing.T) {
	ins := func(at int, s string) report.Edit { return report.Edit{Start: at, End: at, New: s} }
	rep := func(start, end int, s string) report.Edit { return report.Edit{Start: start, End: end, New: s} }
	for _, tc := range []struct {
		name string
		a, b report.Edit
		want bool
	}{
		{"disjoint replacements", rep(0, 2, "x"), rep(2, 4, "y"), false},
		{"overlapping replacements", rep(0, 3, "x"), rep(2, 4, "y"), true},
		{"insertions at one offset are joined, not refused", ins(5, "a"), ins(5, "b"), false},
		{"an insertion at a replacement's start", ins(2, "a"), rep(2, 4, "y"), false},
		{"an insertion at a replacement's end", ins(4, "a"), rep(2, 4, "y"), false},
		{"an insertion inside a replacement", ins(3, "a"), rep(2, 4, "y"), true},
	} {
		if got := overlaps(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: overlaps = %v, want %v", tc.name, got, tc.want)
		}
		if got := overlaps(tc.b, tc.a); got != tc.want {
			t.Errorf("%s (swapped): overlaps = %v, want %v", tc.name, got, tc.want)
		}
	}

	// Two migrations that each open an import group before ")" share one.
	src := []byte("import (\n\t\"a\"\n)\n")
	edits := joinInsertions([]report.Edit{ins(14, "\n\t\"x/sm4\"\n"), ins(14, "\n\t\"x/sm3\"\n")})
	got, err := applyEdits(src, edits)
	if err != nil {
		t.Fatal(err)
	}
	if want := "import (\n\t\"a\"\n\n\t\"x/sm4\"\n\t\"x/sm3\"\n)\n"; string(got) != want {
		t.Errorf("joined insertions = %q, want %q", got, want)
	}
	if _, err := applyEdits(src, []report.Edit{rep(0, 100, "")}); err == nil {
		t.Errorf("an edit past the end of the file applied")
	}
}
