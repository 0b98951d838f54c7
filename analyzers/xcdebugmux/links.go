package xcdebugmux

import (
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers/internal/buildgate"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
)

// linked returns the shortest import chain to each debug package the
// package links, in debugPkgs order, through the imports of its files that
// a default build compiles (and of its _test.go files when tests are
// analyzed). Ties go to the chain that sorts first, so the fact is the same
// in every driver.
func linked(pass *analysis.Pass, tags []string, tests bool) [][]string {
	best := make([][]string, len(debugPkgs))
	offer := func(chain []string) {
		i := slices.IndexFunc(debugPkgs, func(d debugPkg) bool { return d.path == chain[len(chain)-1] })
		if i < 0 {
			return
		}
		if b := best[i]; b == nil || len(chain) < len(b) || len(chain) == len(b) && slices.Compare(chain, b) < 0 {
			best[i] = chain
		}
	}
	seen := map[string]bool{}
	for _, f := range pass.Files {
		if !tests && xcconfig.IsTestFile(pass.Fset.File(f.Pos()).Name()) || buildgate.Gated(f, tags) {
			continue
		}
		for _, spec := range f.Imports {
			pn := pass.TypesInfo.PkgNameOf(spec)
			if pn == nil || seen[pn.Imported().Path()] {
				continue
			}
			imp := pn.Imported()
			seen[imp.Path()] = true
			offer([]string{imp.Path()})
			var fact links
			if pass.ImportPackageFact(imp, &fact) {
				for _, c := range fact.Chains {
					offer(append([]string{imp.Path()}, c...))
				}
			}
		}
	}
	var chains [][]string
	for _, c := range best {
		if c != nil {
			chains = append(chains, c)
		}
	}
	return chains
}
