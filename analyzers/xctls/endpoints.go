package xctls

import (
	"crypto/tls"
	"fmt"
	"go/version"

	"github.com/xcguard/xcguard/analyzers/internal/tlstype"
	"github.com/xcguard/xcguard/analyzers/xcuse"
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
		if e.Flavor != tlstype.Std {
			continue // GM TLS: judged by its Config literal
		}
		if e.Config == xcuse.Default {
			c.defaultConfig(e)
		}
		if policy.True(crypto.RequireGM) && !dual {
			how := "serve or dial GM TLS with gitee.com/Trisia/gotlcp (TLCP, GB/T 38636; TLS 1.3 on the standard side) or github.com/tjfoc/gmsm/gmtls (TLS 1.2 at most)"
			if policy.True(crypto.AllowDualMode) {
				how += ", beside it in this package: dual mode (crypto.allow_dual_mode) accepts standard TLS only where GM TLS is served too"
			}
			c.report("XC106", e.Call, "%s %s standard TLS only, where the policy requires GM TLS (crypto.require_gm)%s%s", e.Func, verb(e.Side, "serves", "dials"), report.HintPrefix, how)
		}
	}
}

// defaultConfig reports an endpoint whose Go defaults accept a version
// below the policy's minimum.
func (c *checker) defaultConfig(e xcuse.Endpoint) {
	def, why := uint64(tls.VersionTLS12), "Go's default"
	if e.Side == xcuse.Server && c.goVersion != "" && version.Compare("go"+c.goVersion, "go1.22") < 0 {
		def, why = tls.VersionTLS10, fmt.Sprintf("Go's default for servers with go %s in go.mod", c.goVersion)
	}
	if e.Side == xcuse.Server && c.tls10server {
		def, why = tls.VersionTLS10, "this package's //go:debug directives restore tls10server=1"
	}
	if def >= uint64(c.min) {
		return
	}
	fix := fmt.Sprintf("a TLSConfig with MinVersion: %s", c.recommended(stdTLS))
	if e.Side == xcuse.Client {
		fix = fmt.Sprintf("an http.Client or tls.Dialer whose tls.Config has MinVersion: %s", c.recommended(stdTLS))
	}
	c.report("XC103", e.Call, "%s %s with Go's default TLS configuration, which accepts TLS %s (%s), below the policy minimum TLS %s%s%s",
		e.Func, verb(e.Side, "serves", "dials"), versionName(def)[len("TLS "):], why, c.min, report.HintPrefix, fix)
}

func verb(s xcuse.Side, server, client string) string {
	if s == xcuse.Server {
		return server
	}
	return client
}
