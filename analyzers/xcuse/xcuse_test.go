package xcuse_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/xcguard/xcguard/analyzers/xcuse"
	"github.com/xcguard/xcguard/internal/tlstype"
)

// show reports each endpoint and crypto operation xcuse finds, so that the
// model is specified line by line: "endpoint: FUNC SIDE LIBRARY CONFIG[ dual][ std-only]"
// and "op: FUNC ALGORITHM PRIMITIVE[ mode=M] FUNCTION[ bits=N][ gm][ value] LIBRARY".
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
			if e.StdOnly {
				msg += " std-only"
			}
			pass.Reportf(e.Call.Pos(), "%s", msg)
		}
		for _, op := range uses.Ops {
			msg := fmt.Sprintf("op: %s %s %s", op.Func, op.Algorithm, op.Primitive)
			if op.Mode != "" {
				msg += " mode=" + op.Mode
			}
			msg += " " + op.Function
			if op.KeyBits != 0 {
				msg += fmt.Sprintf(" bits=%d", op.KeyBits)
			}
			if op.GM {
				msg += " gm"
			}
			if op.Value {
				msg += " value"
			}
			pass.Reportf(op.Node.Pos(), "%s %s", msg, op.Library)
		}
		for _, c := range uses.Configs {
			side := map[xcuse.Side]string{xcuse.Server: "server", xcuse.Client: "client", xcuse.EitherSide: "either"}[c.Side]
			lib := map[tlstype.Flavor]string{tlstype.Std: "std", tlstype.GM: "gmtls", tlstype.TLCP: "tlcp"}[c.Flavor]
			msg := fmt.Sprintf("config: %s %s", lib, side)
			if c.Endpoint {
				msg += " endpoint"
			}
			pass.Reportf(c.Lit.Pos(), "%s", msg)
		}
		for _, c := range uses.Calls {
			pass.Reportf(c.Call.Pos(), "call: %s reaches %s", c.Callee, (&xcuse.ReachFact{Reached: c.Reached}).String())
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

// Facts carry what a dependency's functions reach to their callers, with
// the chain: store's exported functions get facts, svc's calls into them
// are listed, and app sees store's endpoint two packages down.
func TestReach(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), xcuse.Analyzer, "example.com/store")
	analysistest.Run(t, analysistest.TestData(), show, "example.com/svc", "example.com/app")
}

// showTLS reports what each endpoint accepts: "tls: VERSIONS (FROM); suites: SUITES".
var showTLS = &analysis.Analyzer{
	Name:     "showtls",
	Doc:      "report the versions and suites xcuse finds for each endpoint",
	Requires: []*analysis.Analyzer{xcuse.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		uses := pass.ResultOf[xcuse.Analyzer].(*xcuse.Uses)
		for _, e := range uses.Endpoints {
			if e.Versions != "" {
				pass.Reportf(e.Call.Pos(), "tls: %s (%s); suites: %s", e.Versions, e.VersionsFrom, e.Suites)
			}
		}
		for _, c := range uses.Configs {
			if c.Versions != "" {
				pass.Reportf(c.Lit.Pos(), "config: %s (%s); suites: %s", c.Versions, c.VersionsFrom, c.Suites)
			}
		}
		return nil, nil
	},
}

// The versions and suites an endpoint accepts come from its configuration
// literal, else from its library's defaults and the program's GODEBUG.
func TestVersions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), showTLS, "tlsversions")
	analysistest.Run(t, analysistest.TestData()+"/go121", showTLS, "./...")
}

func TestOps(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), show, "ops")
}
