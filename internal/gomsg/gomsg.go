// Package gomsg turns what the go command prints when it fails into one
// line that says what to do: go's messages run over several lines ("to add
// it:\n\tgo get …"), start with "go: ", and name the temporary copies of
// go.mod xcguard hands it.
package gomsg

import (
	"regexp"
	"runtime"
	"strings"

	"golang.org/x/mod/semver"
)

var (
	// A temporary go.mod or go.sum xcguard made (-modfile): the module's own.
	tempModfile = regexp.MustCompile(`\S*xcguard-[a-z]+-[0-9]+/[a-z]+/(go\.(mod|sum))`)
	// go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)
	tooNew = regexp.MustCompile(`(\S*go\.mod) requires go >= (\S+) \(running go (\S+); GOTOOLCHAIN=(\S+)\)`)
)

// Line is the message of the go command's output: its lines that are not
// progress ("go: downloading …"), joined into one, with the go.mod it
// names as the module's own, and a known failure rewritten to say what to
// do.
func Line(stderr string) string {
	if i := strings.Index(stderr, "panic: "); i >= 0 && strings.Contains(stderr, "goroutine ") {
		// The go command crashed: its goroutine dump is no use here.
		p, _, _ := strings.Cut(stderr[i:], "\n")
		if len(p) > 200 {
			p = p[:200] + "…"
		}
		return "the go command crashed (" + p + "): a bug in Go, or an environment it does not expect (run go list ./... to see it)"
	}
	var parts []string
	for l := range strings.SplitSeq(stderr, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "go: downloading ") || strings.HasPrefix(l, "go: finding ") || strings.HasPrefix(l, "go: found ") {
			continue
		}
		parts = append(parts, strings.TrimPrefix(l, "go: "))
	}
	msg := strings.Join(parts, " ")
	msg = strings.ReplaceAll(msg, ": to add it: ", "; to add it: ")
	msg = tempModfile.ReplaceAllString(msg, "$1")
	if m := tooNew.FindStringSubmatch(msg); m != nil {
		return m[1] + " requires go >= " + m[2] + ", newer than the go command (go " + m[3] + ", GOTOOLCHAIN=" + m[4] + "): install Go " + m[2] + ", or set GOTOOLCHAIN=auto so that the go command fetches it"
	}
	for _, h := range hints {
		if strings.Contains(msg, h.says) {
			return msg + ": " + h.do
		}
	}
	return msg
}

// hints say what to do about the go command's failures that say only what
// went wrong.
var hints = []struct{ says, do string }{
	{"invalid GOTOOLCHAIN", "set GOTOOLCHAIN to local, auto, or a release such as go1.26.0"},
	{"golang.org/toolchain@", "the go command cannot fetch the toolchain GOTOOLCHAIN or go.mod asks for: install it, or set GOTOOLCHAIN=local"},
	{"unsupported GOOS/GOARCH pair", "unset GOOS and GOARCH, or name a pair that go tool dist list shows"},
	{"error loading go.mod", "fix go.mod (the go command reports the same)"},
	{"errors parsing go.mod", "fix go.mod (go mod edit -fmt reports the same)"},
	{"error obtaining VCS status", "the repository's git cannot be read here (another owner, a broken .git): fix it, or pass -buildvcs=false in GOFLAGS"},
	{"error obtaining buildID", "a -toolexec, GOROOT or toolchain in the environment does not work: check GOFLAGS and GOROOT"},
}

// NewerThanXcguard says, when the go command (goVersion, "go1.27.1") is of
// a newer release than the Go xcguard was built with, that xcguard must be
// rebuilt: its type checker cannot read that release's standard library,
// and the run would end in hundreds of type errors. "" when it is not.
func NewerThanXcguard(goVersion string) string {
	return newer(goVersion, runtime.Version())
}

func newer(goVersion, built string) string {
	release := func(v string) string {
		v, _, _ = strings.Cut(strings.TrimPrefix(v, "go"), " ")
		return semver.MajorMinor("v" + strings.SplitN(v, "-", 2)[0])
	}
	g, b := release(goVersion), release(built)
	if g == "" || b == "" || semver.Compare(g, b) <= 0 {
		return ""
	}
	want := "go" + strings.TrimPrefix(g, "v")
	return "the go command is " + strings.TrimSpace(goVersion) + ", newer than the " + built + " xcguard was built with, whose type checker cannot read " + want + "'s standard library: rebuild xcguard with " + want + " (go install github.com/xcguard/xcguard/cmd/xcguard@latest with " + want + ")"
}
