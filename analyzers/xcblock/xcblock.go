package xcblock

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/analysisdoc"
	"github.com/xcguard/xcguard/analyzers/internal/goroot"
	"github.com/xcguard/xcguard/analyzers/internal/lazyinspect"
	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/internal/tlstype"
)

//go:embed doc.go
var doc string

// Analyzer reports XC301, XC302 and XC303.
var Analyzer = &analysis.Analyzer{
	Name:      "xcblock",
	Doc:       analysisdoc.MustExtract(doc, "xcblock"),
	URL:       "https://github.com/xcguard/xcguard/blob/main/docs/rules/XC301.md",
	Requires:  []*analysis.Analyzer{xcconfig.Analyzer, lazyinspect.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(funcFact)},
}

// Rules are the rule IDs this analyzer reports.
var Rules = []string{"XC301", "XC302", "XC303"}

// maxChain bounds the chains kept in facts and messages.
const maxChain = 8

// callbacks are the Config fields called during a handshake.
var callbacks = []string{"VerifyPeerCertificate", "VerifyConnection", "GetCertificate", "GetKECertificate", "GetClientCertificate", "GetConfigForClient"}

// fnode is a function of this package in the call graph.
type fnode struct {
	fn      *types.Func
	fact    funcFact
	callers []*fnode
}

type checker struct {
	pass     *analysis.Pass
	cfg      *xcconfig.Config
	nodes    map[*types.Func]*fnode
	closures map[*types.Var]*ast.FuncLit // built on first use
	stored   *stored
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, nodes: map[*types.Func]*fnode{}}
	// Facts do not depend on the policy: importers need them whatever it
	// says. The standard library gets none: its sinks are hard-coded, and
	// its internals (net dials UDP to sort addresses) are not first-party
	// calls to follow.
	if !goroot.Has(pass) {
		c.computeFacts(lazyinspect.Of(pass))
	}
	c.cfg = xcconfig.Get(pass)
	if c.cfg == nil || !slices.ContainsFunc(Rules, c.cfg.Enabled) || !xcconfig.Reported(pass) {
		return nil, nil
	}
	ins := lazyinspect.Of(pass)
	tls := tlstype.Reaches(pass.Pkg)
	locks := lockCalls(ins)
	ins.WithStack([]ast.Node{(*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.CompositeLit:
			if tls {
				c.callbackLiteral(n)
			}
		case *ast.AssignStmt:
			if tls {
				c.callbackAssign(n)
			}
		case *ast.FuncDecl:
			if n.Body != nil && (tls || locks.within(n)) {
				c.function(c.newScope(n.Type, n.Body), tls)
			}
		case *ast.FuncLit:
			if tls || locks.within(n) {
				c.function(c.newScope(n.Type, n.Body), tls)
			}
		}
		return true
	})
	return nil, nil
}

// calls visits the calls a function body makes itself: not those in
// function literals (they may run later, or never) nor go statements.
func calls(body ast.Node, visit func(*ast.CallExpr)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.CallExpr:
			visit(n)
		}
		return true
	})
}

// factOf returns what is known of a function: from this package's graph,
// else from the facts of the package that declares it.
func (c *checker) factOf(fn *types.Func) funcFact {
	if n, ok := c.nodes[fn]; ok {
		return n.fact
	}
	var f funcFact
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg {
		c.pass.ImportObjectFact(fn, &f)
	}
	return f
}

// prepend puts step s before chain, within maxChain.
func prepend(s step, chain []step) []step {
	out := append([]step{s}, chain...)
	if len(out) > maxChain {
		out = out[:maxChain]
	}
	return out
}

// evaluate finds what a body reaches directly: sinks, verifications, and
// calls to functions already known to reach them. The first found is kept.
func (c *checker) evaluate(sc *scope, self *types.Func) (f funcFact, local []*types.Func) {
	calls(sc.body, func(call *ast.CallExpr) {
		if s, ok := sc.sink(call); ok && f.Block == nil {
			f.Block = []step{s}
		}
		if s, ok := sc.verifier(call); ok && f.Verify == nil {
			f.Verify = []step{s}
		}
		callee := typeutil.StaticCallee(c.pass.TypesInfo, call)
		if callee == nil || callee == self {
			return
		}
		if _, ok := c.nodes[callee]; ok {
			local = append(local, callee)
		}
		g := c.factOf(callee)
		if handshaken(sc, call, callee) {
			g.Verify = nil
		}
		if f.Block == nil && g.Block != nil {
			f.Block = prepend(funcStep(callee), g.Block)
		}
		if f.Verify == nil && g.Verify != nil {
			f.Verify = prepend(funcStep(callee), g.Verify)
		}
	})
	return f, local
}

// computeFacts marks every function of the package from which blocking I/O
// or verification is reachable, then exports the marks as facts. Each
// function body is read once; marks spread to callers along the package's
// call graph, each edge once.
func (c *checker) computeFacts(ins *inspector.Inspector) {
	var decls []*ast.FuncDecl
	ins.Preorder([]ast.Node{(*ast.FuncDecl)(nil)}, func(n ast.Node) {
		d := n.(*ast.FuncDecl)
		if fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func); ok && d.Body != nil {
			c.nodes[fn] = &fnode{fn: fn}
			decls = append(decls, d)
		}
	})
	var work []*fnode
	for _, d := range decls {
		fn := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
		n := c.nodes[fn]
		f, local := c.evaluate(c.newScope(d.Type, d.Body), fn)
		n.fact = f
		for _, callee := range local {
			c.nodes[callee].callers = append(c.nodes[callee].callers, n)
		}
		if f.Block != nil || f.Verify != nil {
			work = append(work, n)
		}
	}
	for len(work) > 0 {
		n := work[0]
		work = work[1:]
		for _, caller := range n.callers {
			changed := false
			if caller.fact.Block == nil && n.fact.Block != nil {
				caller.fact.Block = prepend(funcStep(n.fn), n.fact.Block)
				changed = true
			}
			if caller.fact.Verify == nil && n.fact.Verify != nil {
				caller.fact.Verify = prepend(funcStep(n.fn), n.fact.Verify)
				changed = true
			}
			if changed {
				work = append(work, caller)
			}
		}
	}
	for _, d := range decls {
		fn := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if f := c.nodes[fn].fact; f.Block != nil || f.Verify != nil {
			c.pass.ExportObjectFact(fn, &funcFact{Block: f.Block, Verify: f.Verify})
		}
	}
}

// positions are the sorted positions of calls that may take a lock.
type positions []token.Pos

// lockCalls are the package's calls of a method named Lock or RLock: the
// only functions whose blocks XC302 walks are those holding one (the
// lock analysis is most of this analyzer's time, and most functions
// take no lock).
func lockCalls(ins *inspector.Inspector) positions {
	var out positions
	ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		if sel, ok := ast.Unparen(n.(*ast.CallExpr).Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Lock" || sel.Sel.Name == "RLock") {
			out = append(out, n.Pos())
		}
	})
	slices.Sort(out)
	return out
}

// within reports whether one of the calls is inside n.
func (p positions) within(n ast.Node) bool {
	i, _ := slices.BinarySearch(p, n.Pos())
	return i < len(p) && p[i] < n.End()
}
