package inputfile_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/xcguard/xcguard/internal/inputfile"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.yml")
	if err := os.WriteFile(small, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		max        int64
		want       string
		wantErr    func(error) bool
	}{
		{name: "regular file within the bound", path: small, max: 11, want: "version: 1\n"},
		{name: "one byte over", path: small, max: 10, wantErr: func(err error) bool {
			var tl *inputfile.TooLargeError
			return errors.As(err, &tl) && tl.Max == 10
		}},
		{name: "device of endless zeros", path: "/dev/zero", max: 1 << 20, wantErr: isNotRegular},
		{name: "FIFO with no writer: refused, not waited on", path: fifo, max: 1 << 20, wantErr: isNotRegular},
		{name: "directory", path: dir, max: 1 << 20, wantErr: isNotRegular},
		{name: "missing", path: filepath.Join(dir, "none"), max: 1, wantErr: func(err error) bool { return errors.Is(err, fs.ErrNotExist) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := inputfile.Read(tt.path, tt.max)
			if tt.wantErr != nil {
				if !tt.wantErr(err) {
					t.Fatalf("Read(%s, %d) = %q, %v: not the error wanted", tt.path, tt.max, got, err)
				}
				var pe *fs.PathError
				if !errors.As(err, &pe) || pe.Path != tt.path {
					t.Errorf("error %v does not name the path %s", err, tt.path)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("Read(%s, %d) = %q, %v; want %q", tt.path, tt.max, got, err, tt.want)
			}
		})
	}
}

func isNotRegular(err error) bool { return errors.Is(err, inputfile.ErrNotRegular) }

// TestReadIn: a file named relative to a root is read only from inside it.
func TestReadIn(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret")
	if err := os.WriteFile(secret, []byte("key"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "link.go")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if got, err := inputfile.ReadIn(root, "a.go", 100); err != nil || string(got) != "package a\n" {
		t.Errorf("ReadIn(a.go) = %q, %v", got, err)
	}
	if _, err := inputfile.ReadIn(root, "a.go", 5); !errors.As(err, new(*inputfile.TooLargeError)) {
		t.Errorf("ReadIn(a.go, 5) = %v, want too large", err)
	}
	for _, name := range []string{"link.go", "../" + filepath.Base(outside) + "/secret", secret} {
		if got, err := inputfile.ReadIn(root, name, 100); err == nil {
			t.Errorf("ReadIn(%s) = %q: read outside the root", name, got)
		}
	}
}
