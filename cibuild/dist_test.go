package cibuild

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A move into dist/ that fails half-way puts everything back: dist/ keeps
// the earlier build's binary, SM3SUMS, manifest and signature together,
// and the files that are not the build's are untouched.
func TestWriteDistRollsBack(t *testing.T) {
	dist := t.TempDir()
	earlier := map[string]string{"app": "old binary", SumsFile: "old sums", ManifestFile: "old manifest", SignatureFile: "old signature", "notes.txt": "mine"}
	for name, data := range earlier {
		if err := os.WriteFile(filepath.Join(dist, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tmp, err := os.MkdirTemp(dist, ".xcguard-build-*")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "app"), []byte("new binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	res := &Result{Manifest: &Manifest{}, Artifacts: []*Artifact{{File: "app", SM3: "0123"}}}

	n := 0
	moveIn = func(from, to string) error {
		if n++; n == 2 {
			return errors.New("disk full")
		}
		return os.Rename(from, to)
	}
	defer func() { moveIn = os.Rename }()
	err = writeDist(tmp, dist, res, "test", nil)
	if err == nil {
		t.Fatal("writeDist succeeded with a failing move")
	}
	os.RemoveAll(tmp)
	got := map[string]string{}
	entries, _ := os.ReadDir(dist)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dist, e.Name()))
		got[e.Name()] = string(data)
	}
	if diff := cmp.Diff(earlier, got); diff != "" {
		t.Errorf("dist/ after a failed write (-earlier +got):\n%s", diff)
	}

	// And when every move succeeds, the new set is complete; without a key
	// the earlier signature is gone, and notes.txt stays.
	tmp, _ = os.MkdirTemp(dist, ".xcguard-build-*")
	os.WriteFile(filepath.Join(tmp, "app"), []byte("new binary"), 0o755)
	if err := writeDist(tmp, dist, res, "test", nil); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(tmp)
	if _, err := os.Stat(filepath.Join(dist, SignatureFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an unsigned build kept the earlier signature: %v", err)
	}
	for name, want := range map[string]string{"app": "new binary", SumsFile: "0123  app\n", "notes.txt": "mine"} {
		if data, _ := os.ReadFile(filepath.Join(dist, name)); string(data) != want {
			t.Errorf("%s = %q, want %q", name, data, want)
		}
	}
}
