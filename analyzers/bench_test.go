package analyzers_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/xcguard/xcguard/analyzers"
)

// benchFiles is the size of the generated package: about 30,000 lines in
// the shape of a service (TLS configs and dialers, handlers, locks, weak
// crypto in every tenth file), so each analyzer has work on every file. It
// is correct code but for what the finance profile forbids: TLS 1.2, MD5,
// and crypto/tls and crypto/x509 where GM is required.
const benchFiles = 200

const benchFile = `package big

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
%[2]s)

type server%[1]d struct {
	mu    sync.Mutex
	seen  map[string]int
	certs [][]byte
}

func (s *server%[1]d) config() *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS13,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.certs = append(s.certs, raw...)
			return nil
		},
	}
}

// legacy is below the finance profile's TLS 1.3 (XC103), and with go 1.22
// its default suites keep 3DES (XC105).
func (s *server%[1]d) legacy() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12}
}

func (s *server%[1]d) dial(ctx context.Context, addr string) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	d := &tls.Dialer{Config: s.config()}
	return d.DialContext(ctx, "tcp", addr)
}

func (s *server%[1]d) handle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.seen[r.URL.Path]++
	n := s.seen[r.URL.Path]
	s.mu.Unlock()
	fmt.Fprintf(w, "%%s %%d\n", r.URL.Path, n)
}

func (s *server%[1]d) routes(mux *http.ServeMux) {
	mux.HandleFunc("/status/%[1]d", s.handle)
}

func (s *server%[1]d) report() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.seen))
	for k := range s.seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%%s=%%d", k, s.seen[k])
	}
	return b.String()
}
%[3]s`

const benchWeak = `
func fingerprint%d(b []byte) string {
	return fmt.Sprintf("%%x", md5.Sum(b))
}
`

// benchPackages writes the generated module and loads it the way xcguard
// vet does (with its dependencies from source, for the facts).
func benchPackages(b *testing.B) []*packages.Package {
	b.Helper()
	dir := b.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("go.mod", "module example.com/big\n\ngo 1.22\n")
	for i := range benchFiles {
		imp, weak := "", ""
		if i%10 == 0 {
			imp, weak = "\t\"crypto/md5\"\n", fmt.Sprintf(benchWeak, i)
		}
		write(fmt.Sprintf("f%03d.go", i), fmt.Sprintf(benchFile, i, imp, weak))
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("the generated package does not type-check")
	}
	if err := analyzers.Config.Flags.Set("profile", "finance"); err != nil {
		b.Fatal(err)
	}
	return pkgs
}

// BenchmarkAnalyzers runs each rule analyzer alone, then all of them as
// xcguard vet does, on one loaded package: the load is outside the timing.
// Analyzers with facts also analyze the standard library packages the
// generated one imports, as they must. Each run checks the findings it
// expects, so a benchmark of an analyzer that stopped working fails.
func BenchmarkAnalyzers(b *testing.B) {
	pkgs := benchPackages(b)
	type run struct {
		name string
		as   []*analysis.Analyzer
		want map[string]int // the findings of the root package, by rule
	}
	xc101 := benchFiles / 10 // the md5 imports
	xc102 := 2 * benchFiles  // crypto/tls and crypto/x509: finance requires GM
	xc106 := benchFiles      // each tls.Dialer dials standard TLS only
	runs := []run{
		{"xccrypto", []*analysis.Analyzer{analyzers.All[0]}, map[string]int{"XC101": xc101, "XC102": xc102}},
		{"xcpprof", []*analysis.Analyzer{analyzers.All[1]}, nil},
		{"xcdebugmux", []*analysis.Analyzer{analyzers.All[2]}, nil},
		{"xctls", []*analysis.Analyzer{analyzers.All[3]}, map[string]int{"XC103": benchFiles, "XC105": benchFiles, "XC106": xc106}},
		{"xcblock", []*analysis.Analyzer{analyzers.All[4]}, nil},
		{"all", analyzers.All, map[string]int{"XC101": xc101, "XC102": xc102, "XC103": benchFiles, "XC105": benchFiles, "XC106": xc106}},
	}
	for _, r := range runs {
		if r.name != "all" && r.as[0].Name != r.name {
			b.Fatalf("analyzers.All has %s where the benchmark expects %s", r.as[0].Name, r.name)
		}
		b.Run(r.name, func(b *testing.B) {
			for b.Loop() {
				graph, err := checker.Analyze(r.as, pkgs, nil)
				if err != nil {
					b.Fatal(err)
				}
				if got := byRule(graph); !maps.Equal(got, r.want) && len(got)+len(r.want) > 0 {
					b.Fatalf("%s reported %v, want %v", r.name, got, r.want)
				}
			}
		})
	}
}

// byRule counts the diagnostics of the root package by rule ID (the
// message's first word).
func byRule(graph *checker.Graph) map[string]int {
	n := map[string]int{}
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			rule, _, _ := strings.Cut(d.Message, " ")
			rule = strings.TrimSuffix(rule, ":")
			n[rule]++
		}
	}
	return n
}
