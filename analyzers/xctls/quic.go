package xctls

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/xcguard/xcguard/analyzers/xcuse"
	"github.com/xcguard/xcguard/internal/tlstype"
)

// quicOnly reports whether the package's TLS is QUIC's alone: it speaks
// QUIC (imports quic-go, or calls crypto/tls's QUICClient or QUICServer),
// its standard-TLS endpoints are all QUIC ones, and it makes no
// net/http.Server or Transport (TLS over TCP). QUIC negotiates TLS 1.3
// only (RFC 9001 section 4.2); crypto/tls and quic-go refuse anything
// lower, so a Config there that leaves MinVersion unset accepts TLS 1.3.
func quicOnly(pass *analysis.Pass, uses *xcuse.Uses, ins *inspector.Inspector) bool {
	quic := false
	for _, imp := range pass.Pkg.Imports() {
		if strings.HasPrefix(imp.Path(), "github.com/quic-go/") {
			quic = true
		}
	}
	for _, e := range uses.Endpoints {
		if e.Flavor != tlstype.Std {
			continue
		}
		if e.Func != "tls.QUICClient" && e.Func != "tls.QUICServer" {
			return false
		}
		quic = true
	}
	if !quic {
		return false
	}
	tcp := false
	ins.Preorder([]ast.Node{(*ast.CompositeLit)(nil)}, func(n ast.Node) {
		t := pass.TypesInfo.TypeOf(n.(*ast.CompositeLit))
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" {
			tcp = tcp || n.Obj().Name() == "Server" || n.Obj().Name() == "Transport"
		}
	})
	return !tcp
}
