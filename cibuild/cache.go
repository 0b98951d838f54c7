package cibuild

import (
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/xcguard/xcguard/policy"
)

// The link cache keeps the last binary xcguard build made for each
// (directory, package, target, environment, flags), in a directory of the
// user's cache. go build is pointed at that file: when nothing changed, it
// sees the binary is up to date from its build ID and does not link again,
// as it does for a plain go build -o. The binary is then copied out before
// it is hashed and inspected, so dist/ never shares a file that a later
// build rewrites.
//
// dist/ itself is never the output of go build: it lives in the project
// tree, where a checked-in or planted binary with the right build ID would
// be kept, hashed and signed. The cache has the trust of GOCACHE, which go
// build also takes without re-checking: it is used only when the cache
// directory and the entry are the user's own and nobody else can write
// them.

// cacheEntry is the cache directory for one build, "" without a cache. A
// cache that cannot be written is no reason to fail a build: it builds
// without one.
func cacheEntry(opt Options, tc *toolchain) string {
	if opt.Cache == "" || !canLock {
		return ""
	}
	key, err := json.Marshal(struct {
		Dir, Package, LDFlags, Tags string
		Trimpath                    bool
		Env                         []string // GOFLAGS as go build gets it, too
	}{opt.Dir, opt.Package, string(opt.Policy.Build.LDFlags) + " " + opt.LDFlags, opt.Tags, policy.True(opt.Policy.Build.Trimpath), tc.env})
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(key)
	dir := filepath.Join(opt.Cache, hex.EncodeToString(sum[:16]))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	// go build keeps any file with the right build ID: the cache is only
	// as safe as nobody else can write to it.
	if !private(opt.Cache) || !private(dir) {
		return ""
	}
	return dir
}

// clearEntry removes what an earlier, interrupted build left in a cache
// entry (go build's own scratch files), keeping the lock.
func clearEntry(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// singleBinary is the one binary in dir, "" when it holds none or several.
func singleBinary(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	var found string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			if found != "" {
				return ""
			}
			found = e.Name()
		}
	}
	if found == "" {
		return ""
	}
	return filepath.Join(dir, found)
}

// namedAsGoWould reports whether the binary at bin has the name go build
// gives its main package now: a renamed module or package needs a fresh
// link under the new name.
func namedAsGoWould(bin string) bool {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return false
	}
	elem := path.Base(info.Path)
	if isMajor(elem) && strings.Contains(info.Path, "/") {
		elem = path.Base(path.Dir(info.Path)) // example.com/app/v2 is "app"
	}
	name := filepath.Base(bin)
	return name == elem || name == elem+".exe"
}

// isMajor is go's isVersionElement: v2, v3, ... but not v0, v1 or v01.
func isMajor(elem string) bool {
	if len(elem) < 2 || elem[0] != 'v' || elem[1] == '0' || elem[1] == '1' && len(elem) == 2 {
		return false
	}
	for _, c := range elem[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// copyFile copies the file src to the new file dst.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
