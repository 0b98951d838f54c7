// Package lazyinspect is inspect.Analyzer built on first use: the checker
// runs an analyzer's requirements on every package it visits, the
// dependencies it visits only for facts too, where most analyzers have
// nothing to look at. Building the inspector for those was half of the
// analyzers' time on the standard library.
package lazyinspect

import (
	"go/ast"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer provides an *Inspector for the package's files.
var Analyzer = &analysis.Analyzer{
	Name:             "lazyinspect",
	Doc:              "an AST inspector for the package, built when first asked for",
	URL:              "https://github.com/xcguard/xcguard/blob/main/analyzers/internal/lazyinspect",
	Run:              func(pass *analysis.Pass) (any, error) { return &Inspector{files: pass.Files}, nil },
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Inspector](),
}

// An Inspector builds the package's inspector.Inspector once, when Get is
// first called.
type Inspector struct {
	files []*ast.File
	once  sync.Once
	ins   *inspector.Inspector
}

// Get returns the package's inspector.
func (l *Inspector) Get() *inspector.Inspector {
	l.once.Do(func() { l.ins = inspector.New(l.files) })
	return l.ins
}

// Of is the package's inspector, for an analyzer that requires Analyzer.
func Of(pass *analysis.Pass) *inspector.Inspector {
	return pass.ResultOf[Analyzer].(*Inspector).Get()
}
