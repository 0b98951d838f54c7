// Package inputfile reads the files xcguard is given (policies, signatures,
// keys, reports) as untrusted input: only regular files, only up to a
// bound, and never blocking on a FIFO. A pull request may turn any of them
// into /dev/zero, a FIFO with no writer or a gigabyte of YAML.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// Sizes for the kinds of input.
const (
	PolicyMax = 1 << 20  // a policy file, its signature, a key
	ReportMax = 64 << 20 // a saved JSON report
	// SourceMax bounds a source file read for the text of a finding's
	// line (fingerprints, SARIF columns).
	SourceMax = 16 << 20
	// BaselineMax bounds a -baseline file.
	BaselineMax = 16 << 20
)

// ErrNotRegular is a path that names a device, FIFO, socket or directory.
var ErrNotRegular = errors.New("not a regular file")

// A TooLargeError is a file over the bound.
type TooLargeError struct{ Max int64 }

func (e *TooLargeError) Error() string { return fmt.Sprintf("larger than %s", size(e.Max)) }

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Read returns the content of the regular file at path, if it has at most
// max bytes. Errors are *os.PathError with the path, as os.ReadFile's.
func Read(path string, max int64) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO for reading does not wait for a writer;
	// it is refused just after, as not a regular file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return readOpen(f, path, max)
}

// ReadIn is Read for a file named relative to root: the name may not leave
// root, by "..", an absolute path or a symbolic link.
func ReadIn(root *os.Root, name string, max int64) ([]byte, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return readOpen(f, name, max)
}

// readOpen reads the open file f, and closes it.
func readOpen(f *os.File, path string, max int64) ([]byte, error) {
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	if fi.Size() > max {
		return nil, &os.PathError{Op: "read", Path: path, Err: &TooLargeError{max}}
	}
	// The file may grow between Stat and Read: read at most max+1 bytes.
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: path, Err: err}
	}
	if int64(len(data)) > max {
		return nil, &os.PathError{Op: "read", Path: path, Err: &TooLargeError{max}}
	}
	return data, nil
}
