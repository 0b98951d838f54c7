package audit

import (
	"bufio"
	"bytes"
	"slices"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// modGraph is the module requirement graph of go mod graph: the main
// module, then path@version nodes.
type modGraph struct {
	main     string
	edges    map[string][]module.Version // node → its requirements, in output order
	selected map[string]string           // module path → version minimal version selection picks
}

// parseGraph reads go mod graph output. The build list is, for every
// module path in the graph, its highest version: minimal version selection
// over the (pruned) graph the go command prints.
func parseGraph(out []byte) *modGraph {
	g := &modGraph{edges: map[string][]module.Version{}, selected: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		from, to, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		if g.main == "" && !strings.Contains(from, "@") {
			g.main = from
		}
		path, version, _ := strings.Cut(to, "@")
		if path == "go" || path == "toolchain" {
			continue
		}
		g.edges[from] = append(g.edges[from], module.Version{Path: path, Version: version})
		if semver.Compare(version, g.selected[path]) > 0 || g.selected[path] == "" {
			g.selected[path] = version
		}
	}
	return g
}

// path returns the requirement path from the main module to the module,
// preferring its selected version: main, a direct requirement, …, the
// module. Nil when the graph does not reach it.
func (g *modGraph) path(target string) []module.Version {
	start := module.Version{Path: g.main}
	parent := map[module.Version]module.Version{}
	seen := map[module.Version]bool{start: true}
	queue := []module.Version{start}
	var found, fallback *module.Version
	for len(queue) > 0 && found == nil {
		n := queue[0]
		queue = queue[1:]
		key := n.Path
		if n.Version != "" {
			key += "@" + n.Version
		}
		for _, m := range g.edges[key] {
			if seen[m] {
				continue
			}
			seen[m], parent[m] = true, n
			if m.Path == target {
				if m.Version == g.selected[target] {
					found = &m
					break
				}
				if fallback == nil {
					fallback = &m
				}
			}
			queue = append(queue, m)
		}
	}
	if found == nil {
		found = fallback
	}
	if found == nil {
		return nil
	}
	var p []module.Version
	for n := *found; n != start; n = parent[n] {
		p = append(p, n)
	}
	p = append(p, start)
	slices.Reverse(p)
	return p
}

// pkgGraph is the used view: the packages of the build and their imports.
type pkgGraph struct {
	byPath   map[string]*listPkg
	roots    []string            // the main module's packages, sorted
	byModule map[string][]string // module path → its packages in the build, sorted
	ids      map[string][]string // module path → its go list ImportPaths
	vendor   bool                // dependencies come from the vendor directory

	parent map[string]string // shortest-import-chain tree, from the roots
	dist   map[string]int
}

// hasMain reports whether the main module has a main package.
func (pg *pkgGraph) hasMain() bool {
	for _, r := range pg.roots {
		if p := pg.byPath[r]; p != nil && p.Name == "main" {
			return true
		}
	}
	return false
}

func (pg *pkgGraph) add(p *listPkg) {
	pg.byPath[p.ImportPath] = p
	if p.Standard || p.Module == nil {
		return
	}
	if p.Module.Main {
		// The test main packages go list -test synthesizes import the
		// packages under test, which are roots themselves.
		if !(p.Name == "main" && p.ForTest == "" && strings.HasSuffix(p.ImportPath, ".test")) {
			pg.roots = append(pg.roots, p.ImportPath)
		}
		return
	}
	name := pkgName(p.ImportPath)
	if !slices.Contains(pg.byModule[p.Module.Path], name) {
		pg.byModule[p.Module.Path] = append(pg.byModule[p.Module.Path], name)
	}
	pg.ids[p.Module.Path] = append(pg.ids[p.Module.Path], p.ImportPath)
	if p.Module.Dir == "" {
		pg.vendor = true // go list -mod=vendor knows no module directories
	}
}

// finish sorts what add gathered and finds the shortest import chains,
// breadth first from the main module's packages in sorted order.
func (pg *pkgGraph) finish() {
	slices.Sort(pg.roots)
	for _, pkgs := range pg.byModule {
		slices.Sort(pkgs)
	}
	pg.parent = map[string]string{}
	pg.dist = map[string]int{}
	queue := slices.Clone(pg.roots)
	for _, r := range queue {
		pg.dist[r] = 0
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		p := pg.byPath[n]
		if p == nil {
			continue
		}
		for _, imp := range p.Imports {
			q := pg.byPath[imp]
			if q == nil || q.Standard {
				continue
			}
			if _, ok := pg.dist[imp]; ok {
				continue
			}
			pg.dist[imp], pg.parent[imp] = pg.dist[n]+1, n
			queue = append(queue, imp)
		}
	}
}

// chain returns the shortest import chain from a main-module package to
// the nearest of the module's packages (restricted to pkgs when given),
// as go list names the packages (test variants included).
func (pg *pkgGraph) chain(modPath string, pkgs []string) []string {
	best := ""
	for _, id := range pg.ids[modPath] {
		if pkgs != nil && !slices.Contains(pkgs, pkgName(id)) {
			continue
		}
		d, ok := pg.dist[id]
		if !ok {
			continue
		}
		if best == "" || d < pg.dist[best] || d == pg.dist[best] && id < best {
			best = id
		}
	}
	if best == "" {
		return nil
	}
	var c []string
	for n := best; ; n = pg.parent[n] {
		c = append(c, n)
		if pg.dist[n] == 0 {
			break
		}
	}
	slices.Reverse(c)
	return c
}

// pkgName drops the test-variant suffix of a go list ImportPath:
// "example.com/a [example.com/a.test]" is example.com/a.
func pkgName(id string) string {
	name, _, _ := strings.Cut(id, " [")
	return name
}
