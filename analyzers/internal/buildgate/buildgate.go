// Package buildgate tells whether a file is compiled only when a build tag
// allows it, as the debug-exposure rules (XC201–XC203) judge default builds.
package buildgate

import (
	"go/ast"
	"go/build/constraint"
	"slices"
	"strings"
)

// maxFree bounds the tags left free when Gated searches for a way to build
// the file without an allowed tag. Real constraints name a handful; beyond
// the bound the file counts as built by default.
const maxFree = 16

// Gated reports whether the file's build constraint can only be satisfied
// with one of tags set: with every tag of tags false it is unsatisfiable,
// whatever the other tags (GOOS, GOARCH, cgo, go1.N, custom tags) are. So
// "//go:build debug" and "//go:build debug && linux" are gated by [debug],
// "//go:build debug || linux" and "//go:build !debug" are not. The
// constraint is judged, not the build that loaded the file: a file loaded
// with -tags debug is still gated. With no tags, nothing is gated.
func Gated(f *ast.File, tags []string) bool {
	if len(tags) == 0 {
		return false
	}
	expr := fileConstraint(f)
	if expr == nil {
		return false
	}
	var free []string
	seen := map[string]bool{}
	collect(expr, func(tag string) {
		if !seen[tag] && !slices.Contains(tags, tag) {
			seen[tag] = true
			free = append(free, tag)
		}
	})
	if len(free) > maxFree {
		return false
	}
	for set := 0; set < 1<<len(free); set++ {
		ok := expr.Eval(func(tag string) bool {
			i := slices.Index(free, tag)
			return i >= 0 && set&(1<<i) != 0
		})
		if ok {
			return false // built without any allowed tag
		}
	}
	return true
}

// fileConstraint returns the file's //go:build constraint, else the
// conjunction of its // +build lines, else nil. Only comments before the
// package clause count, as for the go command.
func fileConstraint(f *ast.File) constraint.Expr {
	var plus constraint.Expr
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			line := strings.TrimRight(c.Text, " \t")
			switch {
			case constraint.IsGoBuild(line):
				if x, err := constraint.Parse(line); err == nil {
					return x
				}
			case constraint.IsPlusBuild(line):
				if x, err := constraint.Parse(line); err == nil {
					if plus == nil {
						plus = x
					} else {
						plus = &constraint.AndExpr{X: plus, Y: x}
					}
				}
			}
		}
	}
	return plus
}

// collect calls fn for every tag the expression names.
func collect(x constraint.Expr, fn func(string)) {
	switch x := x.(type) {
	case *constraint.TagExpr:
		fn(x.Tag)
	case *constraint.NotExpr:
		collect(x.X, fn)
	case *constraint.AndExpr:
		collect(x.X, fn)
		collect(x.Y, fn)
	case *constraint.OrExpr:
		collect(x.X, fn)
		collect(x.Y, fn)
	}
}
