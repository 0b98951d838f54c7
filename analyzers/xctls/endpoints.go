package xctls

import (
	"crypto/tls"
	"fmt"
	"go/ast"
	"strings"

	"github.com/xcguard/xcguard/analyzers/xcuse"
	"github.com/xcguard/xcguard/internal/tlstype"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

// endpoints judges the TLS endpoints xcuse found: XC103 where Go's default
// configuration (no tls.Config, or a nil one) accepts a version below the
// policy's minimum, and XC106 where a standard-TLS endpoint stands where
// the policy requires GM TLS. Endpoints with a configuration in sight are
// judged at their tls.Config literal.
func (c *checker) endpoints(uses *xcuse.Uses) {
	crypto := c.cfg.Policy.Crypto
	dual := policy.True(crypto.AllowDualMode) && uses.GM
	for _, e := range uses.Endpoints {
		if e.Flavor != tlstype.Std && !e.StdOnly {
			continue // GM TLS: judged by its Config literal
		}
		switch {
		case e.Config == xcuse.Default && e.StdOnly:
			c.gmtlsDefault(e)
		case e.Config == xcuse.Default:
			c.defaultConfig(e)
		}
		if policy.True(crypto.RequireGM) && !dual {
			why := ""
			if e.StdOnly {
				why = " (its gmtls.Config has no GMSupport)"
			}
			c.standardOnly(e.Call, e.Func, e.Side, why)
		}
	}
	c.calls(uses)
}

// standardOnly reports XC106 at node, an endpoint named name that speaks
// standard TLS only; why says more (a gmtls.Config without GMSupport, the
// chain into a dependency).
func (c *checker) standardOnly(node ast.Node, name string, side xcuse.Side, why string) {
	dualNote := ""
	if policy.True(c.cfg.Policy.Crypto.AllowDualMode) {
		dualNote = "; dual mode (crypto.allow_dual_mode) accepts it only in a package that also serves, dials or configures GM TLS"
	}
	const how = "gitee.com/Trisia/gotlcp for TLCP (GB/T 38636), whose pa listener serves crypto/tls beside it on one port, or github.com/tjfoc/gmsm/gmtls with GMSupport (its standard side stops at TLS 1.2)"
	c.report("XC106", node, "%s %s standard TLS only%s, where the policy requires GM TLS (crypto.require_gm)%s%s%s", name, verb(side, "serves", "dials"), why, dualNote, report.HintPrefix, how)
}

// calls judges the package's calls into other modules' functions that
// serve or dial standard TLS on every call that returns (xcuse's Always):
// the endpoint is this program's, with its GODEBUG, though the code is
// the dependency's. A function that opens TLS only when an option asks
// for it (a database or cache client) is not judged: whether it does is
// not in sight. Calls within the module are not judged here: the
// endpoint is reported where the module's own code opens it.
func (c *checker) calls(uses *xcuse.Uses) {
	crypto := c.cfg.Policy.Crypto
	for _, call := range uses.Calls {
		if c.sameModule(call.Package) {
			continue
		}
		var std []xcuse.Reached
		gm := false
		for _, r := range call.Reached {
			switch {
			case !r.Endpoint:
			case r.Flavor != tlstype.Std:
				gm = true
			case r.Always:
				std = append(std, r)
			}
		}
		if len(std) == 0 {
			continue
		}
		first := std[0]
		if policy.True(crypto.RequireGM) && !(policy.True(crypto.AllowDualMode) && (uses.GM || gm)) {
			c.standardOnly(call.Call, call.Callee, first.Side, " (through "+chain(call, first)+" in "+call.Package+")")
		}
		for _, r := range std {
			if r.Config == xcuse.Given && r.MinVersion != 0 && policy.TLSVersion(r.MinVersion) < c.min {
				c.report("XC103", call.Call, "%s %s (through %s in %s) with a MinVersion of %s, below the policy minimum TLS %s%sin place of %s, an endpoint the program configures, with MinVersion: %s",
					call.Callee, verb(r.Side, "serves", "dials"), chain(call, r), call.Package, versionName(uint64(r.MinVersion)), c.min, report.HintPrefix, call.Callee, c.recommended(stdTLS))
				break
			}
			if r.Config != xcuse.Default || r.Side == xcuse.EitherSide {
				continue
			}
			hint := fmt.Sprintf("in place of %s, an endpoint the program configures, with MinVersion: %s", call.Callee, c.recommended(stdTLS))
			if r.Side == xcuse.Server && (strings.HasPrefix(r.Func, "http.") || strings.HasPrefix(r.Func, "(*http.Server)")) {
				hint = fmt.Sprintf("in place of %s, an http.Server whose TLSConfig has MinVersion: %s", call.Callee, c.recommended(stdTLS))
			}
			c.defaults(call.Call, call.Callee, r.Side, " (through "+chain(call, r)+" in "+call.Package+")", hint)
			break
		}
	}
}

// chain is the calls from call's callee down to r's endpoint.
func chain(call xcuse.Call, r xcuse.Reached) string {
	return strings.Join(append(append([]string{call.Callee}, r.Chain...), r.Func), " → ")
}

// sameModule reports whether the package at path is in the analyzed
// package's module.
func (c *checker) sameModule(path string) bool {
	m := c.pass.Module
	if m == nil || m.Path == "" {
		return false
	}
	return path == m.Path || strings.HasPrefix(path, m.Path+"/")
}

// defaultConfig reports an endpoint whose Go defaults accept a version
// below the policy's minimum.
func (c *checker) defaultConfig(e xcuse.Endpoint) {
	c.defaults(e.Call, e.Func, e.Side, "", "")
}

// defaults reports XC103 and XC105 at node, an endpoint named name with
// Go's default configuration; via is " (through …)" for an endpoint inside
// a dependency, whose hint is hint instead of the one for name.
func (c *checker) defaults(node ast.Node, name string, side xcuse.Side, via, hint string) {
	def, why := uint64(tls.VersionTLS12), "Go's default"
	if from, ok := c.debug["tls10server"]; ok && side == xcuse.Server {
		def, why = tls.VersionTLS10, "tls10server=1 from "+from
	}
	c.defaultSuites(node, name, side, via)
	if def >= uint64(c.min) {
		return
	}
	fix := fmt.Sprintf("a tls.Config with MinVersion: %s", c.recommended(stdTLS))
	switch {
	case hint != "":
		fix = hint
	case strings.HasPrefix(name, "http.") && side == xcuse.Server, strings.HasPrefix(name, "(*http.Server)"):
		fix = fmt.Sprintf("an http.Server whose TLSConfig has MinVersion: %s", c.recommended(stdTLS))
	case strings.HasPrefix(name, "http."), strings.HasPrefix(name, "(*http.Client)"):
		fix = fmt.Sprintf("an http.Client whose Transport's TLSClientConfig has MinVersion: %s", c.recommended(stdTLS))
	}
	c.report("XC103", node, "%s %s%s with Go's default TLS configuration, which accepts TLS %s (%s), below the policy minimum TLS %s%s%s",
		name, verb(side, "serves", "dials"), via, versionName(def)[len("TLS "):], why, c.min, report.HintPrefix, fix)
}

// gmtlsDefault reports a gmtls endpoint with no configuration: gmtls's
// defaults have no GMSupport, so it speaks standard TLS from SSL 3.0 to
// TLS 1.2.
func (c *checker) gmtlsDefault(e xcuse.Endpoint) {
	if c.min <= versionSSL30 {
		return
	}
	c.report("XC103", e.Call, "%s %s with gmtls's default configuration, which has no GMSupport and accepts SSL 3.0 to TLS 1.2, starting below the policy minimum TLS %s%sa gmtls.Config with GMSupport: gmtls.NewGMSupport()", e.Func, verb(e.Side, "serves", "dials"), c.min, report.HintPrefix)
}

// defaultSuites reports an endpoint whose Go default cipher suites
// include what GODEBUG re-enables and the policy forbids: RSA key exchange
// (tlsrsakex=1) and 3DES (tls3des=1), before Go 1.22 and 1.23 the default.
func (c *checker) defaultSuites(node ast.Node, name string, side xcuse.Side, via string) {
	parts, strong := c.weakDefaults()
	if len(parts) == 0 {
		return
	}
	c.report("XC105", node, "%s %s%s with Go's default cipher suites, which include %s%sa tls.Config with the policy's CipherSuites, or undo what restores them (GODEBUG %s)",
		name, verb(side, "serves", "dials"), via, strings.Join(parts, " and "), report.HintPrefix, strings.Join(strong, ","))
}

func verb(s xcuse.Side, server, client string) string {
	if s == xcuse.Server {
		return server
	}
	return client
}
