package xcpprof

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// profilingPkgs are the packages whose own code calls into profiling by
// design; they are not reported for it.
var profilingPkgs = []string{"runtime", "runtime/pprof", httpPprof}

// rates are the runtime functions that turn a profile on with a positive
// rate, and the profile each turns on.
var rates = map[string]string{
	"SetCPUProfileRate":       "CPU",
	"SetBlockProfileRate":     "block",
	"SetMutexProfileFraction": "mutex",
}

// profilers recognizes the calls that turn profiling on (XC202).
type profilers struct {
	info  *types.Info
	extra []string // the policy's extra profilers
}

// newProfilers returns nil when the package cannot call a profiler: it
// imports none of runtime, runtime/pprof and the extra profilers, or it is
// one of the profiling packages itself.
func newProfilers(pass *analysis.Pass, extra []string) *profilers {
	self := pass.Pkg.Path()
	if slices.Contains(profilingPkgs, self) || slices.ContainsFunc(extra, func(p string) bool { return under(self, p) }) {
		return nil
	}
	relevant := imports(pass, func(path string) bool {
		return path == "runtime" || path == "runtime/pprof" || slices.ContainsFunc(extra, func(p string) bool { return under(path, p) })
	})
	if !relevant {
		return nil
	}
	return &profilers{info: pass.TypesInfo, extra: extra}
}

// profiling describes what the call switches on, or returns "" when it is
// not a profiling call.
func (p *profilers) profiling(call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(p.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return ""
	}
	path, name := fn.Pkg().Path(), fn.Name()
	recv := fn.Signature().Recv()
	switch {
	case path == "runtime/pprof" && recv == nil:
		switch name {
		case "StartCPUProfile":
			return "runtime/pprof.StartCPUProfile turns on CPU profiling"
		case "WriteHeapProfile":
			return "runtime/pprof.WriteHeapProfile writes a heap profile"
		}
	case path == "runtime/pprof" && name == "WriteTo": // (*Profile).WriteTo, the package's one WriteTo
		if profile, ok := p.lookupName(call.Fun); ok {
			return fmt.Sprintf("runtime/pprof.Lookup(%q).WriteTo writes the %s profile", profile, profile)
		}
		return "(*runtime/pprof.Profile).WriteTo writes a profile"
	case path == "runtime" && recv == nil:
		kind, ok := rates[name]
		if !ok || len(call.Args) != 1 {
			return ""
		}
		// A rate that is zero or negative turns the profile off (or, for
		// SetMutexProfileFraction(-1), only reads it); one that is not
		// constant is unknown here, so it is not reported.
		if v := p.info.Types[call.Args[0]].Value; v != nil && constant.Sign(v) > 0 {
			return fmt.Sprintf("runtime.%s(%s) turns on %s profiling", name, v, kind)
		}
	case recv == nil:
		// Package functions only: a method (profile.Stop) acts on a
		// profiler that a reported function started.
		for _, prefix := range p.extra {
			if under(path, prefix) {
				return fmt.Sprintf("%s.%s runs the profiler %s (pprof.extra_profilers)", path, name, prefix)
			}
		}
	}
	return ""
}

// lookupName returns the profile name when fun is pprof.Lookup("name").WriteTo.
func (p *profilers) lookupName(fun ast.Expr) (string, bool) {
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok || len(inner.Args) != 1 {
		return "", false
	}
	fn, ok := typeutil.Callee(p.info, inner).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "runtime/pprof" || fn.Name() != "Lookup" {
		return "", false
	}
	v := p.info.Types[inner.Args[0]].Value
	if v == nil || v.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(v), true
}
