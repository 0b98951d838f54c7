package xcblock

import (
	"go/types"
	"strings"

	"github.com/xcguard/xcguard/analyzers/internal/typesutil"
)

// A step is one function on a call chain, named by package path and name.
type step struct {
	Pkg  string // import path
	Name string // "Get", "fetch", "Checker.verify"
}

// display names the step as seen from package from: bare in its own package,
// qualified by package name elsewhere.
func (s step) display(from string) string {
	if s.Pkg == from {
		return s.Name
	}
	name := s.Pkg[strings.LastIndex(s.Pkg, "/")+1:]
	return name + "." + s.Name
}

// funcFact marks a function from which blocking network I/O without a
// deadline (Block) or certificate verification (Verify) is reachable, with
// the call chain down to it. Facts stay small: two short chains.
type funcFact struct {
	Block  []step
	Verify []step
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	var parts []string
	if f.Block != nil {
		parts = append(parts, "blocks via "+chainString(f.Block, ""))
	}
	if f.Verify != nil {
		parts = append(parts, "verifies via "+chainString(f.Verify, ""))
	}
	return strings.Join(parts, "; ")
}

func chainString(chain []step, from string) string {
	names := make([]string, len(chain))
	for i, s := range chain {
		names[i] = s.display(from)
	}
	return strings.Join(names, " → ")
}

// funcStep names a function for chains: "F", or "T.M" for a method.
func funcStep(fn *types.Func) step {
	name := fn.Name()
	if recv, _ := typesutil.Receiver(fn); recv != "" {
		name = recv + "." + name
	}
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path()
	}
	return step{pkg, name}
}
