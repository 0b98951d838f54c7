package xcuse

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/internal/tlstype"
)

// A Reached is an endpoint or a crypto operation a function reaches,
// itself or through the functions it calls, with the chain of calls down
// to the one that performs it. Facts carry it across packages, so its
// fields are plain values.
type Reached struct {
	// Func is the endpoint or crypto call at the end of the chain, as
	// code names it: tls.Dial, sm4.NewCipher.
	Func string
	// Chain names the functions from the caller's callee down to the one
	// that calls Func: [redis.NewClient redis.dialTLS]. Empty when the
	// function calls Func itself.
	Chain []string

	Endpoint bool // an endpoint; else an operation
	// Always: every call of the function that returns reaches it. Each
	// call of the chain, down to Func, is made by its function's body
	// outside any condition, loop or function literal (see straightLine);
	// a library that dials TLS only when an option asks for it does not.
	Always bool
	Side   Side
	Flavor tlstype.Flavor
	Config Config
	// Versions (with where it comes from) and Suites of an endpoint, as
	// its package's code shows them; MinVersion the constant its
	// configuration sets, 0 when none is in sight.
	Versions, Suites string
	MinVersion       uint16

	Algorithm, Primitive, Mode, Function, Library, Package string
	KeyBits                                                int
	GM                                                     bool
}

// key identifies what is reached, whatever the chain.
func (r Reached) key() string {
	if r.Endpoint {
		return strings.Join([]string{"e", r.Func, string(rune('0' + r.Side)), string(rune('0' + r.Flavor)), string(rune('0' + r.Config))}, "|")
	}
	return strings.Join([]string{"o", r.Func, r.Algorithm, r.Function}, "|")
}

// What describes what is reached, in the words the show test and the
// inventory use: "dials std TLS via tls.Dial", "SM4 block-cipher via
// sm4.NewCipher".
func (r Reached) What() string {
	if r.Endpoint {
		return verbs[r.Side] + " " + flavors[r.Flavor] + " via " + r.Func
	}
	return r.Algorithm + " " + r.Primitive + " via " + r.Func
}

var (
	verbs   = map[Side]string{Server: "serves", Client: "dials"}
	flavors = map[tlstype.Flavor]string{tlstype.Std: "TLS", tlstype.GM: "gmtls", tlstype.TLCP: "TLCP"}
)

// A Call is a call from the package into another package's function that
// reaches endpoints or crypto operations: the chain starts at the callee.
type Call struct {
	Call    *ast.CallExpr
	Callee  string // as code names it: redis.NewClient
	Package string // the callee's import path
	Reached []Reached
}

// ReachFact is what a function reaches, for the packages that call it.
type ReachFact struct{ Reached []Reached }

func (*ReachFact) AFact() {}

func (f *ReachFact) String() string {
	var parts []string
	for _, r := range f.Reached {
		s := r.What()
		if r.Always {
			s = "always " + s
		}
		if len(r.Chain) > 0 {
			s += " (" + strings.Join(r.Chain, " → ") + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// Bounds keep facts small on large dependency graphs: what a function
// reaches beyond them is left out (the inventory says it is capped).
const (
	maxReached = 32
	maxChain   = 8
)

// libraryPackage reports whether a package is one whose calls are the
// model's endpoints and operations themselves (the standard library, the
// crypto and TLS libraries, grpc's credentials): what they do inside is
// theirs, and is not carried up as facts. The standard library is the
// packages outside any module whose path has no dot; a module's own path
// may have none ("module gateway").
func libraryPackage(pass *analysis.Pass) bool {
	path := pass.Pkg.Path()
	first, _, _ := strings.Cut(path, "/")
	std := pass.Module == nil || pass.Module.Path == "" || pass.Module.Path == "std"
	return std && !strings.Contains(first, ".") || cryptoLibrary(path) != "" ||
		strings.HasPrefix(path, "gitee.com/Trisia/gotlcp/") || path == "google.golang.org/grpc/credentials"
}

// reach computes what the package's functions reach, exports it as facts
// for their callers, and lists the package's calls into other packages
// that reach something.
func reach(pass *analysis.Pass, u *Uses) {
	if libraryPackage(pass) {
		return
	}
	info := pass.TypesInfo
	type localCall struct {
		callee *types.Func
		always bool // the call is on its function's straight line
	}
	type node struct {
		reached []Reached
		local   []localCall // callees in this package
	}
	nodes := map[*types.Func]*node{}
	var order []*types.Func
	owner := map[ast.Node]*types.Func{} // endpoint and op nodes → their function
	always := map[ast.Node]bool{}       // … made on that function's straight line
	for _, e := range u.Endpoints {
		owner[e.Call] = nil
	}
	for _, op := range u.Ops {
		owner[op.Node] = nil
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			n := &node{}
			nodes[fn], order = n, append(order, fn)
			straightWalk(fd.Body, func(x ast.Node, straight bool) bool {
				if _, ok := owner[x]; ok {
					owner[x] = fn
					always[x] = straight
				}
				call, ok := x.(*ast.CallExpr)
				if !ok {
					return true
				}
				callee := typeutil.StaticCallee(info, call)
				if callee == nil || callee.Pkg() == nil {
					return true
				}
				callee = callee.Origin()
				if callee.Pkg() == pass.Pkg {
					n.local = append(n.local, localCall{callee, straight})
					return true
				}
				var fact ReachFact
				if !pass.ImportObjectFact(callee, &fact) {
					return true
				}
				name := shortName(callee)
				var via []Reached
				for _, r := range fact.Reached {
					via = append(via, r.prefixed(name, straight))
				}
				n.reached, _ = merge(n.reached, via)
				u.Calls = append(u.Calls, Call{Call: call, Callee: name, Package: callee.Pkg().Path(), Reached: fact.Reached})
				return true
			})
		}
	}
	for _, e := range u.Endpoints {
		if fn := owner[e.Call]; fn != nil {
			r := Reached{Func: e.Func, Endpoint: true, Always: always[e.Call], Side: e.Side, Flavor: e.Flavor, Config: e.Config}
			// Go's defaults are the main module's GODEBUG, not this
			// module's: only what the code itself says is carried.
			if e.Versions != "" && (e.VersionsFrom == "its configuration" || e.Flavor != tlstype.Std) {
				r.Versions = e.Versions + " (" + e.VersionsFrom + ")"
				r.MinVersion = e.MinVersion
			}
			if e.Suites != "" && !strings.HasPrefix(e.Suites, "Go's defaults") {
				r.Suites = e.Suites
			}
			nodes[fn].reached, _ = merge(nodes[fn].reached, []Reached{r})
		}
	}
	for _, op := range u.Ops {
		if fn := owner[op.Node]; fn != nil {
			nodes[fn].reached, _ = merge(nodes[fn].reached, []Reached{{Func: op.Func, Always: always[op.Node], Algorithm: op.Algorithm, Primitive: op.Primitive, Mode: op.Mode, Function: op.Function, Library: op.Library, Package: op.Package, KeyBits: op.KeyBits, GM: op.GM}})
		}
	}
	// Propagate through the package's own calls until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, fn := range order {
			n := nodes[fn]
			for _, lc := range n.local {
				c := nodes[lc.callee]
				if c == nil || c == n {
					continue
				}
				var via []Reached
				for _, r := range c.reached {
					via = append(via, r.prefixed(shortName(lc.callee), lc.always))
				}
				if m, grew := merge(n.reached, via); grew {
					n.reached, changed = m, true
				}
			}
		}
	}
	for _, fn := range order {
		if n := nodes[fn]; len(n.reached) > 0 && fn.Exported() {
			pass.ExportObjectFact(fn, &ReachFact{Reached: n.reached})
		}
	}
}

// prefixed is r as seen from a caller of fn, whose call of fn is on its
// straight line or not.
func (r Reached) prefixed(fn string, straight bool) Reached {
	r.Always = r.Always && straight
	r.Chain = append([]string{fn}, r.Chain...)
	if len(r.Chain) > maxChain {
		r.Chain = r.Chain[:maxChain]
	}
	return r
}

// merge adds what add holds that have does not, up to maxReached, and
// reports whether have grew. The first chain found for a thing is kept,
// unless a later one reaches it always and the first does not.
func merge(have, add []Reached) ([]Reached, bool) {
	grew := false
	for _, r := range add {
		i := slices.IndexFunc(have, func(h Reached) bool { return h.key() == r.key() })
		switch {
		case i >= 0 && r.Always && !have[i].Always:
			have[i], grew = r, true
		case i < 0 && len(have) < maxReached:
			have, grew = append(have, r), true
		}
	}
	return have, grew
}

// straightWalk walks a function body as ast.Inspect does, telling visit
// whether each node is on the body's straight line: evaluated on every run
// that gets past it. Off it are the bodies of if, for, range, switch and
// select statements (their init, condition, tag and range expression are
// on it), the right side of && and ||, and function literals, except the
// body of one called where it stands (go func() { … }()). A statement
// after an early return counts: the function reaches it whenever it does
// not fail first.
func straightWalk(body *ast.BlockStmt, visit func(n ast.Node, straight bool) bool) {
	type frame struct {
		n        ast.Node
		straight bool
	}
	stack := []frame{{nil, true}}
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		top := stack[len(stack)-1]
		var grand ast.Node
		if len(stack) > 1 {
			grand = stack[len(stack)-2].n
		}
		straight := top.straight && straightEdge(top.n, n, grand)
		if !visit(n, straight) {
			return false
		}
		stack = append(stack, frame{n, straight})
		return true
	})
}

// straightEdge reports whether child is evaluated whenever parent is
// (grand is parent's parent, for a function literal called in place).
func straightEdge(parent, child, grand ast.Node) bool {
	switch p := parent.(type) {
	case *ast.IfStmt:
		return child == p.Init || child == p.Cond
	case *ast.ForStmt:
		return child == p.Init || child == p.Cond
	case *ast.RangeStmt:
		return child == p.X
	case *ast.SwitchStmt:
		return child == p.Init || child == p.Tag
	case *ast.TypeSwitchStmt:
		return child == p.Init || child == p.Assign
	case *ast.SelectStmt, *ast.CaseClause, *ast.CommClause:
		return false
	case *ast.BinaryExpr:
		return child != p.Y || p.Op != token.LAND && p.Op != token.LOR
	case *ast.FuncLit:
		call, ok := grand.(*ast.CallExpr)
		return ok && ast.Unparen(call.Fun) == parent
	}
	return true
}
