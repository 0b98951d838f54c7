package xcdirective_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers"
)

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzers.Directive, "directives")
}
