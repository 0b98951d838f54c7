package audit

import (
	"fmt"
	"go/version"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// goModPos is a range of go.mod, 1-based, the end exclusive.
type goModPos struct{ line, col, endLine, endCol int }

func linePos(l *modfile.Line) goModPos {
	return goModPos{l.Start.Line, l.Start.LineRune, l.End.Line, l.End.LineRune}
}

// buildMod is a module of the build list as the views know it.
type buildMod struct {
	path, version string
	pkgs          []string // the packages the build uses; nil when unknown
	view          View
}

// buildList is the build list of the best view available: the graph's,
// else go.mod's requires and the modules providing packages. The main
// module is left out.
func (a *auditor) buildList() []buildMod {
	main := a.gm.file.Module.Mod.Path
	versions := map[string]string{}
	if a.graph != nil {
		for path, v := range a.graph.selected {
			versions[path] = v
		}
	} else {
		for _, r := range a.gm.file.Require {
			versions[r.Mod.Path] = r.Mod.Version
		}
		if a.pkgs != nil {
			for path, ids := range a.pkgs.ids {
				versions[path] = a.pkgs.byPath[ids[0]].Module.Version
			}
		}
	}
	var mods []buildMod
	for path, v := range versions {
		if path == main {
			continue
		}
		m := buildMod{path: path, version: v, view: Declared}
		if a.graph != nil {
			m.view = Graph
		}
		if a.pkgs != nil {
			m.pkgs = a.pkgs.byModule[path]
			if m.pkgs == nil {
				m.pkgs = []string{}
			}
			if len(m.pkgs) > 0 {
				m.view = Used
			}
		}
		mods = append(mods, m)
	}
	slices.SortFunc(mods, func(x, y buildMod) int { return strings.Compare(x.path, y.path) })
	return mods
}

// requires reports whether go.mod requires the module.
func (a *auditor) requires(path string) bool {
	return slices.ContainsFunc(a.gm.file.Require, func(r *modfile.Require) bool { return r.Mod.Path == path })
}

// replacement is the go.mod replace directive that applies to a module
// version: one for that version, else one for every version.
func (a *auditor) replacement(path, version string) *modfile.Replace {
	var any *modfile.Replace
	for _, r := range a.gm.file.Replace {
		switch {
		case r.Old.Path != path:
		case r.Old.Version == version:
			return r
		case r.Old.Version == "":
			any = r
		}
	}
	return any
}

// judgeModules reports the modules of the build list that the matcher
// judges (XC401–XC403). A module replaced by another module is judged as
// that replacement (XC404); one replaced by a directory has no version.
func (a *auditor) judgeModules() {
	if !a.enabled(moduleRules...) {
		return
	}
	for _, m := range a.buildList() {
		if r := a.replacement(m.path, m.version); r != nil {
			switch {
			case r.New.Version == "":
				m.version = ""
			case r.New.Path != m.path:
				continue
			default:
				m.version = r.New.Version
			}
		}
		graphOnly := m.view == Graph && m.pkgs != nil && len(m.pkgs) == 0 && !a.requires(m.path)
		for _, v := range a.matcher.Check(m.path, m.version, m.pkgs) {
			if !a.opt.Policy.Enabled(v.Rule) {
				continue
			}
			// A module that only the requirement graph holds (an old
			// dependency's go.mod names it; no package of it is built,
			// go.mod does not require it) never reaches the binary:
			// approval and versions are about code that ships, so only an
			// explicit deny is reported for it.
			if graphOnly && v.Rule != "XC401" {
				continue
			}
			at, why, related := a.explain(m, v)
			a.add(v.Rule, at, fmt.Sprintf("%s (%s)", v.Message(), why), v.Hint(), related)
		}
	}
}

// explain places a module finding and says which view it comes from:
// where in go.mod, the view with its evidence for the message, and with
// -why the chain as related locations.
func (a *auditor) explain(m buildMod, v Verdict) (goModPos, string, []report.Location) {
	if m.view == Used {
		if chain := a.pkgs.chain(m.path, v.Packages); len(chain) > 1 {
			at := a.requireLine(m.path)
			if at == nil {
				at = a.requireLine(a.pkgs.byPath[chain[1]].Module.Path) // the direct dependency
			}
			if at == nil {
				at = a.pulledBy(m.path)
			}
			var related []report.Location
			if a.opt.Why {
				related = a.importLocations(chain)
			}
			return *at, "used: " + describeChain(chain), related
		}
	}
	if m.view == Declared {
		if at := a.requireLine(m.path); at != nil {
			return *at, string(Declared), nil
		}
	}
	var details []string
	at := a.requireLine(m.path)
	var path []module.Version
	if a.graph != nil {
		path = a.graph.path(m.path)
	}
	if at == nil {
		at = a.pulledBy(m.path)
		if len(path) > 2 {
			by := path[len(path)-2]
			details = append(details, "required by "+by.Path+" "+by.Version)
		}
	}
	if a.pkgs != nil {
		details = append(details, "no package of it is built")
	}
	why := string(Graph)
	if len(details) > 0 {
		why += ": " + strings.Join(details, "; ")
	}
	var related []report.Location
	if a.opt.Why && len(path) > 2 { // a direct requirement is the finding's own line
		related = a.requireLocations(path)
	}
	return *at, why, related
}

// requireLine is the position of the module's require in go.mod, or nil.
func (a *auditor) requireLine(path string) *goModPos {
	if r, ok := a.gm.require[path]; ok {
		at := linePos(r.Syntax)
		return &at
	}
	return nil
}

// pulledBy is the require line of the direct dependency that brings a
// module absent from go.mod into the graph, else the module line.
func (a *auditor) pulledBy(path string) *goModPos {
	if a.graph != nil {
		if p := a.graph.path(path); len(p) > 1 {
			if at := a.requireLine(p[1].Path); at != nil {
				return at
			}
		}
	}
	at := linePos(a.gm.file.Module.Syntax)
	return &at
}

// describeChain writes an import chain for a message, its ends in full:
// "a imports b", "a imports b imports c", "a imports b … y imports z"
// when more than four.
func describeChain(chain []string) string {
	names := make([]string, len(chain))
	for i, id := range chain {
		names[i] = pkgName(id)
	}
	if len(names) > 4 {
		names = []string{names[0], names[1] + " …", names[len(names)-2], names[len(names)-1]}
		return names[0] + " imports " + names[1] + " " + names[2] + " imports " + names[3]
	}
	return strings.Join(names, " imports ")
}

// judgeReplaces reports the replace directives the policy forbids (XC404):
// a local directory when modules.replace.allow_local is false, or a module
// that the matcher would not pass in the build list.
func (a *auditor) judgeReplaces() {
	if !a.enabled("XC404") {
		return
	}
	for _, r := range a.gm.file.Replace {
		at := linePos(r.Syntax)
		old := r.Old.Path
		if r.Old.Version != "" {
			old += " " + r.Old.Version
		}
		if r.New.Version == "" {
			if allow := a.opt.Policy.Modules.Replace.AllowLocal; allow != nil && !*allow {
				a.add("XC404", at, fmt.Sprintf("replace of %s by local directory %s: modules.replace.allow_local is false (declared)", old, r.New.Path), "", nil)
			}
			continue
		}
		if r.New.Path == r.Old.Path {
			continue // a version pin: the build list judges that version
		}
		var pkgs []string
		if a.pkgs != nil {
			pkgs = []string{}
			for _, p := range a.pkgs.byModule[r.Old.Path] {
				pkgs = append(pkgs, r.New.Path+strings.TrimPrefix(p, r.Old.Path))
			}
		}
		repl := r.New.Path + " " + r.New.Version
		for _, v := range a.matcher.Check(r.New.Path, r.New.Version, pkgs) {
			clause := strings.TrimPrefix(v.Message(), repl+" ")
			a.add("XC404", at, fmt.Sprintf("replace of %s by %s, which %s (declared)", old, repl, clause), v.Hint(), nil)
		}
	}
}

// judgeGoVersion reports go and toolchain directives below the policy's
// minimums (XC405). Without a go directive the go command assumes 1.16;
// without a toolchain directive the go directive is the toolchain minimum.
func (a *auditor) judgeGoVersion() {
	if !a.enabled("XC405") {
		return
	}
	f, mods := a.gm.file, a.opt.Policy.Modules
	goAt, goVersion := linePos(f.Module.Syntax), policy.GoVersion("1.16")
	what := "missing go directive (go 1.16 assumed)"
	if f.Go != nil {
		goAt, goVersion = linePos(f.Go.Syntax), policy.GoVersion(f.Go.Version)
		what = "go directive " + f.Go.Version
	}
	if mods.GoMin != "" && goVersion.Compare(mods.GoMin) < 0 {
		a.add("XC405", goAt, fmt.Sprintf("%s is below the policy minimum Go %s (modules.go_min) (declared)", what, mods.GoMin), "", nil)
	}
	if mods.ToolchainMin == "" && mods.GoMin == "" {
		return
	}
	min, field := mods.ToolchainMin, "modules.toolchain_min"
	if min == "" {
		min, field = mods.GoMin, "modules.go_min"
	}
	switch {
	case f.Toolchain != nil:
		if version.Compare(f.Toolchain.Name, "go"+string(min)) < 0 {
			a.add("XC405", linePos(f.Toolchain.Syntax), fmt.Sprintf("toolchain directive %s is below the policy minimum Go %s (%s) (declared)", f.Toolchain.Name, min, field), "", nil)
		}
	case mods.ToolchainMin != "" && goVersion.Compare(mods.ToolchainMin) < 0:
		a.add("XC405", goAt, fmt.Sprintf("%s, with no toolchain directive, is below the policy minimum toolchain Go %s (modules.toolchain_min) (declared)", what, mods.ToolchainMin), "", nil)
	}
}
