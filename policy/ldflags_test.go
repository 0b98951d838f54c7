package policy_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xcguard/xcguard/policy"
)

// build.ldflags in a policy file shapes the binary and nothing else: no
// flag that names a program to run, a file to write or an interpreter, and
// external linker flags only as Go's #cgo LDFLAGS allowlist takes them.
func TestLinkFlags(t *testing.T) {
	accepted := []string{
		"-s -w",
		"-s=true -w=false",
		"-X main.version=1.2.3 -X=main.commit=abc",
		`-X 'main.banner=hello world'`,
		"-buildid= -B gobuildid",
		"--s --w",
		"-linkmode=external -extldflags '-static -Wl,-z,relro,-z,now'",
		`-linkmode external -extldflags "-Wl,--strip-all -Wl,--hash-style=gnu"`,
		"-extldflags '-L /usr/aarch64-linux-gnu/lib -lm -pthread'",
		"-bindnow -compressdwarf=false",
	}
	for _, flags := range accepted {
		if _, err := policy.LoadBytes("p.yml", "", []byte("version: 1\nbuild:\n  ldflags: "+strconv.Quote(flags)+"\n")); err != nil {
			t.Errorf("ldflags %s: refused: %v", flags, err)
		}
	}
	refused := []struct{ flags, want string }{
		{"-linkmode=external -extld=/tmp/evil", "-extld is not accepted in a policy file"},
		{"--extld=/tmp/evil", "-extld is not accepted"},
		{"-extar /tmp/evil", "-extar is not accepted"},
		{"-I /tmp/evil-ld.so", "-I is not accepted"},
		{"-o /etc/passwd", "-o is not accepted"},
		{"-tmpdir=/tmp/x", "-tmpdir is not accepted"},
		{"-cpuprofile /etc/cron.d/x", "-cpuprofile is not accepted"},
		{"-extldflags '-fuse-ld=/tmp/evil'", `-extldflags "-fuse-ld=/tmp/evil" is not accepted in a policy file: the external linker's flags must pass Go's cgo LDFLAGS allowlist`},
		{"-extldflags=-B/tmp/evil", `-extldflags "-B/tmp/evil" is not accepted`},
		{"-extldflags '-Wl,--dynamic-linker,/tmp/x'", "is not accepted"},
		{"-extldflags '-Wl,-z,now,-plugin,/tmp/x.so'", "is not accepted"},
		{"-extldflags '@/tmp/response-file'", "is not accepted"},
		{"-extldflags '-L -B/tmp'", "is not accepted"},
		{"-linkmode=wild", `-linkmode "wild": not a value xcguard accepts`},
		{"-s main.go", `"main.go" is not a flag`},
		{"-X", "-X needs a value"},
		{"-extldflags '-static", "unterminated ' string"},
		{"-s -w -s=false", `-s is given twice, as "true" and "false": give it once (the linker takes the last)`},
		{"-X main.mode=release -X main.mode=debug", `-X main.mode is given twice`},
	}
	for _, tt := range refused {
		_, err := policy.LoadBytes("p.yml", "", []byte("version: 1\nbuild:\n  ldflags: "+strconv.Quote(tt.flags)+"\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "p.yml:3:12: build.ldflags: ") {
			t.Errorf("ldflags %s: got %v, want p.yml:3:12 and %q", tt.flags, err, tt.want)
		}
	}
}
