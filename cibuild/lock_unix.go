//go:build unix

package cibuild

import (
	"os"
	"path/filepath"
	"syscall"
)

const canLock = true

// lockEntry holds a cache entry for one build at a time: two builds of the
// same target would otherwise link into the same file.
func lockEntry(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
