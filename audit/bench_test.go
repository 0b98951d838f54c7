package audit

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xcguard/xcguard/policy"
)

// synthetic is a module requiring n modules, each providing one package
// the main package imports, with its go mod graph and go list output: the
// audit's own work (go.mod, graph, packages, judging) without the go
// command's.
func synthetic(b *testing.B, n int) (dir string, fake *fakeGo) {
	var gomod, graph strings.Builder
	gomod.WriteString("module example.com/app\n\ngo 1.22\n\nrequire (\n")
	imports := []string{"example.com/app main"}
	var lines []string
	for i := range n {
		mod := fmt.Sprintf("gitee.com/vendor%03d/lib", i)
		if i%4 == 0 {
			mod = fmt.Sprintf("golang.org/x/m%03d", i)
		}
		fmt.Fprintf(&gomod, "\t%s v1.%d.0\n", mod, i%10)
		fmt.Fprintf(&graph, "example.com/app %s@v1.%d.0\n", mod, i%10)
		imports[0] += " " + mod
		lines = append(lines, fmt.Sprintf("%s %s@v1.%d.0 fmt", mod, mod, i%10))
	}
	gomod.WriteString(")\n")
	graph.WriteString("example.com/app go@1.22\n")
	lines = append(append(imports, lines...), "fmt std")
	return writeModule(b, gomod.String()), &fakeGo{graph: graph.String(), list: pkgJSON(b, lines...)}
}

// BenchmarkAudit400 audits a go.mod with 400 requirements under gov-cloud
// (allowlist: three in four modules unapproved), with and without -why.
func BenchmarkAudit400(b *testing.B) {
	dir, fake := synthetic(b, 400)
	p, err := policy.Load("", []string{"gov-cloud"})
	if err != nil {
		b.Fatal(err)
	}
	for _, why := range []bool{false, true} {
		b.Run(fmt.Sprintf("why=%v", why), func(b *testing.B) {
			for range b.N {
				res, err := Run(context.Background(), Options{Dir: dir, Policy: p, Go: fake.run, Why: why})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Findings) != 300 {
					b.Fatalf("%d findings, want 300", len(res.Findings))
				}
			}
		})
	}
}

// BenchmarkMatcher judges one module against gov-cloud's lists.
func BenchmarkMatcher(b *testing.B) {
	p, err := policy.Load("", []string{"gov-cloud"})
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(p)
	pkgs := []string{"golang.org/x/crypto/sm3x", "golang.org/x/crypto/md4"}
	for range b.N {
		// md4 is on gov-cloud's package deny list.
		if v := m.Check("golang.org/x/crypto", "v0.31.0", pkgs); len(v) != 1 {
			b.Fatalf("%d verdicts, want 1 (the md4 deny): %v", len(v), v)
		}
	}
}
