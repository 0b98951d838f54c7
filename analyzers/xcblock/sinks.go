package xcblock

import (
	"go/ast"
	"go/constant"
	"go/types"
	"net"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/typesutil"
	"github.com/xcguard/xcguard/internal/tlstype"
)

// Sinks are hard-coded: facts about the standard library are not
// available in every driver.
var (
	httpFuncs   = []string{"Get", "Head", "Post", "PostForm"}
	clientCalls = []string{"Do", "Get", "Head", "Post", "PostForm"}
	// netFuncs block: a TCP connect (DialTCP, DialUnix to a stream
	// socket), or a DNS lookup without a context. DialUDP and DialIP take
	// resolved addresses and send nothing: they only bind a socket.
	netFuncs = []string{
		"DialTCP", "DialUnix",
		"LookupHost", "LookupIP", "LookupAddr", "LookupCNAME", "LookupMX", "LookupNS", "LookupTXT", "LookupSRV", "LookupPort",
	}
	// resolvers look a host name up without a context; with an IP
	// literal they do not.
	resolvers = []string{"ResolveTCPAddr", "ResolveUDPAddr", "ResolveIPAddr"}
	verifiers = []string{
		"(*crypto/x509.Certificate).Verify",
		"(*github.com/tjfoc/gmsm/x509.Certificate).Verify",
		"(*github.com/emmansun/gmsm/smx509.Certificate).Verify",
	}
)

// receiverName is the name of fn's receiver type, "" for a function.
func receiverName(fn *types.Func) string {
	name, _ := typesutil.Receiver(fn)
	return name
}

// sink reports whether call is blocking network I/O with no deadline.
func (s *scope) sink(call *ast.CallExpr) (step, bool) {
	fn := typeutil.StaticCallee(s.info, call)
	if fn == nil || fn.Pkg() == nil {
		return step{}, false
	}
	pkg, name, recv := fn.Pkg().Path(), fn.Name(), receiverName(fn)
	var x ast.Expr // the receiver expression of a method call
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && recv != "" {
		x = sel.X
	}
	switch {
	case pkg == "net/http" && recv == "" && slices.Contains(httpFuncs, name):
		return step{pkg, name}, true
	case pkg == "net/http" && recv == "Client" && slices.Contains(clientCalls, name) && x != nil:
		who := "Client"
		switch {
		case isDefaultClient(s.info, x):
			who = "DefaultClient"
		case !s.unbounded(x, "net/http", "Client", "Timeout"):
			return step{}, false
		}
		if name == "Do" && len(call.Args) == 1 {
			if known, deadline := s.requestDeadline(call.Args[0]); !known || deadline {
				return step{}, false
			}
		}
		return step{pkg, who + "." + name}, true
	case pkg == "net" && recv == "" && slices.Contains(netFuncs, name):
		return step{pkg, name}, true
	case pkg == "net" && recv == "" && name == "Dial" && len(call.Args) == 2:
		// A connectionless dial to an IP literal only binds a socket; to a
		// host name it looks the name up first.
		if connectionless(s.info, call.Args[0]) && ipLiteral(s.info, call.Args[1]) {
			return step{}, false
		}
		return step{pkg, name}, true
	case pkg == "net" && recv == "" && slices.Contains(resolvers, name) && len(call.Args) == 2:
		if ipLiteral(s.info, call.Args[1]) {
			return step{}, false
		}
		return step{pkg, name}, true
	case pkg == "net" && recv == "Dialer" && name == "Dial" && x != nil:
		if s.unbounded(x, "net", "Dialer", "Timeout", "Deadline") {
			return step{pkg, "Dialer.Dial"}, true
		}
	case tlstype.ForPath(pkg) != tlstype.None && recv == "" && name == "Dial":
		return step{pkg, name}, true
	case tlstype.ForPath(pkg) != tlstype.None && recv == "" && name == "DialWithDialer" && len(call.Args) > 0:
		if s.unbounded(call.Args[0], "net", "Dialer", "Timeout", "Deadline") {
			return step{pkg, name}, true
		}
	}
	return step{}, false
}

// connectionless reports whether a network name is constant and not
// connection-oriented: udp, ip and unixgram dials send nothing on Dial.
func connectionless(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	n := constant.StringVal(tv.Value)
	return strings.HasPrefix(n, "udp") || strings.HasPrefix(n, "ip") || n == "unixgram"
}

// ipLiteral reports whether an address is a constant whose host is an IP
// address (or empty): no name to look up.
func ipLiteral(info *types.Info, e ast.Expr) bool {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 2 {
		// net.JoinHostPort("0.0.0.0", port): the host is what counts.
		if fn := typeutil.StaticCallee(info, call); fn != nil && fn.FullName() == "net.JoinHostPort" {
			return ipHost(info, call.Args[0])
		}
	}
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	addr := constant.StringVal(tv.Value)
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr // ResolveIPAddr takes a bare host
	}
	return isIPHost(host)
}

// isIPHost reports whether a host is an IP address (a zone allowed) or
// empty: no name to look up.
func isIPHost(host string) bool {
	host, _, _ = strings.Cut(host, "%")
	return host == "" || net.ParseIP(host) != nil
}

func isDefaultClient(info *types.Info, x ast.Expr) bool {
	var id *ast.Ident
	switch x := ast.Unparen(x).(type) {
	case *ast.SelectorExpr:
		id = x.Sel
	case *ast.Ident:
		id = x
	default:
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && v.Name() == "DefaultClient" && v.Pkg() != nil && v.Pkg().Path() == "net/http"
}

// verifier reports whether call verifies a certificate chain itself.
func (s *scope) verifier(call *ast.CallExpr) (step, bool) {
	fn := typeutil.StaticCallee(s.info, call)
	if fn == nil || !slices.Contains(verifiers, fn.FullName()) {
		return step{}, false
	}
	return step{fn.Pkg().Path(), "Certificate.Verify"}, true
}

// ipHost reports whether a host is a constant IP address (or empty).
func ipHost(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	return isIPHost(constant.StringVal(tv.Value))
}
