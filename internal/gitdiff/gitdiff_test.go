package gitdiff_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/internal/gitdiff"
)

// A diff as git diff -U0 -M --find-copies prints it: a changed file, a new
// one, a renamed one with an edit, a deleted one, a pure deletion inside
// a file, and a quoted path.
const diff = `diff --git a/digest.go b/digest.go
index 1111111..2222222 100644
--- a/digest.go
+++ b/digest.go
@@ -3 +3 @@ package legacy
-import "crypto/sha256"
+import "crypto/md5"
@@ -10,0 +11,3 @@ func Sum(b []byte) {
+	a
+	b
+	c
@@ -20,2 +22,0 @@ func gone() {
-	x
-	y
diff --git a/new.go b/new.go
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.go
@@ -0,0 +1,5 @@
+package legacy
diff --git a/old/name.go b/pkg/name.go
similarity index 90%
rename from old/name.go
rename to pkg/name.go
index 4444444..5555555 100644
--- a/old/name.go
+++ b/pkg/name.go
@@ -2 +2 @@
-x
+y
diff --git a/removed.go b/removed.go
deleted file mode 100644
index 6666666..0000000
--- a/removed.go
+++ /dev/null
@@ -1,4 +0,0 @@
-package legacy
diff --git "a/\344\270\255\346\226\207.go" "b/\344\270\255\346\226\207.go"
index 7777777..8888888 100644
--- "a/\344\270\255\346\226\207.go"
+++ "b/\344\270\255\346\226\207.go"
@@ -7,0 +8 @@
+	h := md5.New()
`

func TestParse(t *testing.T) {
	c, err := gitdiff.Parse([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]bool{"new.go": true, "pkg/name.go": true}, c.Whole); diff != "" {
		t.Errorf("whole files (-want +got):\n%s", diff)
	}
	want := map[string][][2]int{
		"digest.go":   {{3, 3}, {11, 13}},
		"new.go":      {{1, 5}},
		"pkg/name.go": {{2, 2}},
		"中文.go":       {{8, 8}},
	}
	if diff := cmp.Diff(want, c.Lines); diff != "" {
		t.Errorf("changed lines (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		file string
		line int
		want bool
	}{
		{"digest.go", 3, true},
		{"digest.go", 4, false},
		{"digest.go", 13, true},
		{"digest.go", 22, false}, // only lines were deleted there
		{"new.go", 40, true},
		{"pkg/name.go", 9, true},
		{"中文.go", 8, true},
		{"untouched.go", 1, false},
		{"dist/app", 0, true}, // no line: never hidden
	} {
		if got := c.Changed(tt.file, tt.line); got != tt.want {
			t.Errorf("Changed(%s, %d) = %v, want %v", tt.file, tt.line, got, tt.want)
		}
	}
}

func TestParseRejectsBadHunk(t *testing.T) {
	if _, err := gitdiff.Parse([]byte("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +x,y @@\n")); err == nil {
		t.Error("a malformed hunk header parsed")
	}
}
