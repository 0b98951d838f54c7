package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// LinkFlags are build.ldflags: flags for the Go linker, as go build's
// -ldflags takes them. A policy file may be written by the pull request it
// judges, so only flags that shape the binary are accepted: never one that
// names a program to run (-extld, -extar), a file to write (-o, -tmpdir,
// -cpuprofile) or an interpreter (-I), and -extldflags only with what Go's
// own allowlist accepts in #cgo LDFLAGS. Flags given on the command line
// (xcguard build -ldflags) are the pipeline's and are not checked.
type LinkFlags string

func (f *LinkFlags) UnmarshalText(b []byte) error {
	if err := checkLinkFlags(string(b)); err != nil {
		return err
	}
	*f = LinkFlags(b)
	return nil
}

// Go linker flags a policy may set: those without a value, and those with
// one, with the values each accepts ("" any).
var (
	linkBoolFlags  = []string{"s", "w", "bindnow", "compressdwarf"}
	linkValueFlags = map[string]*regexp.Regexp{
		"X":          regexp.MustCompile(`^[^=\s]+=.*$`),
		"B":          regexp.MustCompile(`^(gobuildid|none|0x[0-9a-fA-F]+)$`),
		"buildid":    regexp.MustCompile(`^[^\s]*$`),
		"linkmode":   regexp.MustCompile(`^(internal|external|auto)$`),
		"extldflags": nil, // checked flag by flag
	}
)

const linkFlagsAllowed = "-s, -w, -X, -B, -buildid, -linkmode, -bindnow, -compressdwarf and -extldflags with Go's cgo linker-flag allowlist"

func checkLinkFlags(s string) error {
	args, err := splitQuoted(s)
	if err != nil {
		return fmt.Errorf("build.ldflags: %v", err)
	}
	if err := linkFlagConflict(args); err != nil {
		return fmt.Errorf("build.ldflags: %v", err)
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, ok := strings.CutPrefix(arg, "-")
		if !ok {
			return fmt.Errorf("build.ldflags: %s is not a flag: %s", quote(arg), linkFlagsHint)
		}
		name = strings.TrimPrefix(name, "-")
		name, value, hasValue := strings.Cut(name, "=")
		if slices.Contains(linkBoolFlags, name) {
			if hasValue && value != "true" && value != "false" {
				return fmt.Errorf("build.ldflags: -%s takes true or false, not %s", name, quote(value))
			}
			continue
		}
		re, known := linkValueFlags[name]
		if !known {
			return fmt.Errorf("build.ldflags: -%s is not accepted in a policy file: %s", name, linkFlagsHint)
		}
		if !hasValue {
			if i+1 >= len(args) {
				return fmt.Errorf("build.ldflags: -%s needs a value", name)
			}
			i++
			value = args[i]
		}
		if name == "extldflags" {
			if err := checkExtLinkerFlags(value); err != nil {
				return err
			}
			continue
		}
		if !re.MatchString(value) {
			return fmt.Errorf("build.ldflags: -%s %s: not a value xcguard accepts in a policy file", name, quote(value))
		}
	}
	return nil
}

const linkFlagsHint = "a policy file may set only " + linkFlagsAllowed + " (flags that name programs or files are the pipeline's: pass them with xcguard build -ldflags)"

// linkFlagConflict refuses a flag given twice with different values
// ("-s -s=false", "-X main.mode=release -X main.mode=debug"): the linker
// takes the last, so a list compared as a set could hide a change.
func linkFlagConflict(args []string) error {
	seen := map[string]string{}
	for i := 0; i < len(args); i++ {
		name, value, has := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if _, isValue := linkValueFlags[name]; isValue && !has && i+1 < len(args) {
			i++
			value = args[i]
		} else if !has {
			value = "true"
		}
		key := name
		if name == "X" {
			v, _, _ := strings.Cut(value, "=")
			key = "X " + v
		}
		if prev, ok := seen[key]; ok && prev != value {
			return fmt.Errorf("-%s is given twice, as %s and %s: give it once (the linker takes the last)", key, quote(prev), quote(value))
		}
		seen[key] = value
	}
	return nil
}

// linkFlagsConflict reports flags that combined policies give different
// values.
func linkFlagsConflict(s string) error {
	args, err := splitQuoted(s)
	if err != nil {
		return err
	}
	return linkFlagConflict(args)
}

// splitQuoted splits a flag string as go build splits -ldflags: fields
// separated by spaces, each optionally in single or double quotes.
func splitQuoted(s string) ([]string, error) {
	var f []string
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t\n\r")
		if len(s) == 0 {
			break
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return nil, fmt.Errorf("unterminated %c string", q)
			}
			f = append(f, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t\n\r")
		if end < 0 {
			end = len(s)
		}
		f = append(f, s[:end])
		s = s[end:]
	}
	return f, nil
}

// The flags of the external linker (gcc) that Go accepts in #cgo LDFLAGS
// and that apply to Linux targets: from cmd/go/internal/work/security.go
// (Copyright 2018 The Go Authors; BSD license), without the macOS and
// Windows ones. Wildcards in -Wl exclude commas, which would tunnel more
// linker arguments through.
var (
	extLinkerFlags = compileAll(
		`-l([^@\-].*)`,
		`-L([^@\-].*)`,
		`-O`,
		`-O([^@\-].*)`,
		`-f(no-)?(pic|PIC|pie|PIE)`,
		`-f(no-)?openmp(-simd)?`,
		`-fsanitize=([^@\-].*)`,
		`-g([^@\-].*)?`,
		`-m(abi|arch|cpu|fpu|simd|tls-dialect|tune)=([^@\-].*)`,
		`-mcmodel=[0-9a-z-]+`,
		`-mfloat-abi=([^@\-].*)`,
		`-m(soft|single|double)-float`,
		`-m(no-)?relax`,
		`-m(no-)?strict-align`,
		`-m(no-)?(lsx|lasx|frecipe|div32|lam-bh|lamcas|ld-seq-sa)`,
		`-mthreads`,
		`-(pic|PIC|pie|PIE)`,
		`-pthread`,
		`-rdynamic`,
		`-shared`,
		`-?-static([-a-z0-9+]*)`,
		`-?-stdlib=([^@\-].*)`,
		`-v`,
		`-Wl,--(no-)?allow-multiple-definition`,
		`-Wl,--(no-)?allow-shlib-undefined`,
		`-Wl,--(no-)?as-needed`,
		`-Wl,-Bdynamic`,
		`-Wl,-Bstatic`,
		`-Wl,-Bsymbolic-functions`,
		`-Wl,-O[0-9]+`,
		`-Wl,-d[ny]`,
		`-Wl,--disable-new-dtags`,
		`-Wl,-e[=,][a-zA-Z0-9]+`,
		`-Wl,--enable-new-dtags`,
		`-Wl,--end-group`,
		`-Wl,--(no-)?export-dynamic`,
		`-Wl,-E`,
		`-Wl,--hash-style=(sysv|gnu|both)`,
		`-Wl,--no-undefined`,
		`-Wl,--pop-state`,
		`-Wl,--push-state`,
		`-Wl,-R,?([^@\-,][^,@]*$)`,
		`-Wl,--just-symbols[=,]([^,@\-][^,@]*)`,
		`-Wl,-rpath(-link)?[=,]([^,@\-][^,]*)`,
		`-Wl,-s`,
		`-Wl,--strip-all`,
		`-Wl,--strip-debug`,
		`-Wl,--start-group`,
		`-Wl,-?-static`,
		`-Wl,-undefined[=,]([^,@\-][^,]*)`,
		`-Wl,-?-unresolved-symbols=[^,]+`,
		`-Wl,--(no-)?warn-([^,]+)`,
		`-Wl,-?-wrap[=,][^,@\-][^,]*`,
		`-Wl(,-z,(relro|now|(no)?execstack))+`,
		`[a-zA-Z0-9_/].*\.(a|o|so)`,
		`\./.*\.(a|o|so)`,
	)
	extLinkerFlagsWithNextArg = []string{"-l", "-L", "--sysroot", "-target", "-Wl,-rpath", "-Wl,-R", "-Wl,--just-symbols", "-Wl,-undefined"}
	safeArg                   = regexp.MustCompile(`^[^-@][^\s'"\\]*$`)
)

func compileAll(exprs ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(exprs))
	for i, e := range exprs {
		out[i] = regexp.MustCompile(`^(?:` + e + `)$`)
	}
	return out
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// checkExtLinkerFlags checks the flags -extldflags passes to the external
// linker, as go build checks #cgo LDFLAGS.
func checkExtLinkerFlags(s string) error {
	args, err := splitQuoted(s)
	if err != nil {
		return fmt.Errorf("build.ldflags: -extldflags: %v", err)
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if matchesAny(extLinkerFlags, arg) {
			continue
		}
		if rest, ok := strings.CutPrefix(arg, "-Wl,--push-state,"); ok {
			good := true
			for a := range strings.SplitSeq(rest, ",") {
				good = good && matchesAny(extLinkerFlags, "-Wl,"+a)
			}
			if good {
				continue
			}
		}
		if slices.Contains(extLinkerFlagsWithNextArg, arg) && i+1 < len(args) && safeArg.MatchString(args[i+1]) {
			i++
			continue
		}
		return fmt.Errorf("build.ldflags: -extldflags %s is not accepted in a policy file: the external linker's flags must pass Go's cgo LDFLAGS allowlist (https://go.dev/s/invalidflag); pass others with xcguard build -ldflags", quote(arg))
	}
	return nil
}
