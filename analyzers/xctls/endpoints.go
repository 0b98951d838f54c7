package xctls

import (
	"crypto/tls"
	"fmt"
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
			why, dualNote := "", ""
			if e.StdOnly {
				why = " (its gmtls.Config has no GMSupport)"
			}
			if policy.True(crypto.AllowDualMode) {
				dualNote = "; dual mode (crypto.allow_dual_mode) accepts it only in a package that also serves, dials or configures GM TLS"
			}
			const how = "gitee.com/Trisia/gotlcp for TLCP (GB/T 38636), whose pa listener serves crypto/tls beside it on one port, or github.com/tjfoc/gmsm/gmtls with GMSupport (its standard side stops at TLS 1.2)"
			c.report("XC106", e.Call, "%s %s standard TLS only%s, where the policy requires GM TLS (crypto.require_gm)%s%s%s", e.Func, verb(e.Side, "serves", "dials"), why, dualNote, report.HintPrefix, how)
		}
	}
}

// defaultConfig reports an endpoint whose Go defaults accept a version
// below the policy's minimum.
func (c *checker) defaultConfig(e xcuse.Endpoint) {
	def, why := uint64(tls.VersionTLS12), "Go's default"
	if from, ok := c.debug["tls10server"]; ok && e.Side == xcuse.Server {
		def, why = tls.VersionTLS10, "tls10server=1 from "+from
	}
	c.defaultSuites(e)
	if def >= uint64(c.min) {
		return
	}
	fix := fmt.Sprintf("a tls.Config with MinVersion: %s", c.recommended(stdTLS))
	switch {
	case strings.HasPrefix(e.Func, "http.") && e.Side == xcuse.Server, strings.HasPrefix(e.Func, "(*http.Server)"):
		fix = fmt.Sprintf("an http.Server whose TLSConfig has MinVersion: %s", c.recommended(stdTLS))
	case strings.HasPrefix(e.Func, "http."), strings.HasPrefix(e.Func, "(*http.Client)"):
		fix = fmt.Sprintf("an http.Client whose Transport's TLSClientConfig has MinVersion: %s", c.recommended(stdTLS))
	}
	c.report("XC103", e.Call, "%s %s with Go's default TLS configuration, which accepts TLS %s (%s), below the policy minimum TLS %s%s%s",
		e.Func, verb(e.Side, "serves", "dials"), versionName(def)[len("TLS "):], why, c.min, report.HintPrefix, fix)
}

// gmtlsDefault reports a gmtls endpoint with no configuration: gmtls's
// defaults have no GMSupport, so it speaks standard TLS from SSL 3.0 to
// TLS 1.2.
func (c *checker) gmtlsDefault(e xcuse.Endpoint) {
	if c.min <= versionSSL30 {
		return
	}
	c.report("XC103", e.Call, "%s %s with gmtls's default configuration, which has no GMSupport and accepts SSL 3.0 to TLS 1.2, below the policy minimum TLS %s%sa gmtls.Config with GMSupport: gmtls.NewGMSupport()", e.Func, verb(e.Side, "serves", "dials"), c.min, report.HintPrefix)
}

// defaultSuites reports an endpoint whose Go default cipher suites
// include what GODEBUG re-enables and the policy forbids: RSA key exchange
// (tlsrsakex=1) and 3DES (tls3des=1), before Go 1.22 and 1.23 the default.
func (c *checker) defaultSuites(e xcuse.Endpoint) {
	var parts, strong []string
	for _, s := range []struct{ name, what string }{{"tlsrsakex", "RSA key exchange"}, {"tls3des", "3DES"}} {
		from, weak := c.debug[s.name]
		if _, forbidden := c.cfg.Policy.ForbidsGodebug(s.name, "1"); weak && forbidden {
			parts = append(parts, fmt.Sprintf("%s (%s=1 from %s)", s.what, s.name, from))
			strong = append(strong, s.name+"=0")
		}
	}
	if len(parts) == 0 {
		return
	}
	c.report("XC105", e.Call, "%s %s with Go's default cipher suites, which include %s%sa tls.Config with the policy's CipherSuites, or undo what restores them (GODEBUG %s)",
		e.Func, verb(e.Side, "serves", "dials"), strings.Join(parts, " and "), report.HintPrefix, strings.Join(strong, ","))
}

func verb(s xcuse.Side, server, client string) string {
	if s == xcuse.Server {
		return server
	}
	return client
}
