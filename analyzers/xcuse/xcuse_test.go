package xcuse_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/internal/tlstype"
	"github.com/xcguard/xcguard/analyzers/xcuse"
)

// show reports each endpoint xcuse finds, so that the model is specified
// line by line: "endpoint: FUNC SIDE LIBRARY CONFIG[ dual]".
var show = &analysis.Analyzer{
	Name:     "showuses",
	Doc:      "report the endpoints xcuse finds",
	Requires: []*analysis.Analyzer{xcuse.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		uses := pass.ResultOf[xcuse.Analyzer].(*xcuse.Uses)
		for _, e := range uses.Endpoints {
			side := map[xcuse.Side]string{xcuse.Server: "server", xcuse.Client: "client"}[e.Side]
			lib := map[tlstype.Flavor]string{tlstype.Std: "std", tlstype.GM: "gmtls", tlstype.TLCP: "tlcp"}[e.Flavor]
			config := map[xcuse.Config]string{xcuse.Given: "given", xcuse.Default: "default", xcuse.Unknown: "unknown"}[e.Config]
			if e.Config == xcuse.Given && e.Expr == nil {
				config = "given without an expression"
			}
			msg := fmt.Sprintf("endpoint: %s %s %s %s", e.Func, side, lib, config)
			if e.Dual {
				msg += " dual"
			}
			pass.Reportf(e.Call.Pos(), "%s", msg)
		}
		if uses.GM {
			pass.Reportf(pass.Files[0].Package, "speaks GM TLS")
		}
		return nil, nil
	},
}

func TestEndpoints(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), show, "uses", "gm")
}
