// Package tlstype recognises the TLS library types xcguard's analyzers read:
// crypto/tls, github.com/tjfoc/gmsm/gmtls and gitee.com/Trisia/gotlcp/tlcp.
package tlstype

import "go/types"

// Flavor is which TLS library a type belongs to.
type Flavor int

const (
	None Flavor = iota
	Std         // crypto/tls
	GM          // github.com/tjfoc/gmsm/gmtls: GM TLS and standard TLS up to 1.2
	TLCP        // gitee.com/Trisia/gotlcp/tlcp: TLCP (GB/T 38636) only
)

const (
	// GMTLSPath is tjfoc gmsm's TLS package.
	GMTLSPath = "github.com/tjfoc/gmsm/gmtls"
	// TLCPPath is gotlcp's TLCP package.
	TLCPPath = "gitee.com/Trisia/gotlcp/tlcp"
	// PAPath is gotlcp's listener that serves TLCP and standard TLS on one
	// port, telling them apart by the record's version.
	PAPath = "gitee.com/Trisia/gotlcp/pa"
)

// PkgName is the package name code uses for the flavor.
func (f Flavor) PkgName() string {
	switch f {
	case GM:
		return "gmtls"
	case TLCP:
		return "tlcp"
	}
	return "tls"
}

// Path is the flavor's package, the inverse of ForPath; "" for None.
func (f Flavor) Path() string {
	switch f {
	case Std:
		return "crypto/tls"
	case GM:
		return GMTLSPath
	case TLCP:
		return TLCPPath
	}
	return ""
}

// SpeaksGM reports whether the flavor can speak a GM protocol.
func (f Flavor) SpeaksGM() bool { return f == GM || f == TLCP }

// Of tells whether t (or what it points to) is the named type name of
// crypto/tls, gmtls or tlcp, e.g. Of(t, "Config").
func Of(t types.Type, name string) Flavor {
	if t == nil {
		return None
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Name() != name || n.Obj().Pkg() == nil {
		return None
	}
	return ForPath(n.Obj().Pkg().Path())
}

// ForPath tells the flavor of a package path.
func ForPath(path string) Flavor {
	switch path {
	case "crypto/tls":
		return Std
	case GMTLSPath:
		return GM
	case TLCPPath:
		return TLCP
	}
	return None
}

// Reaches reports whether the package can name a TLS type: it imports
// crypto/tls, gmtls or tlcp, or a package that does (net/http's Transport).
func Reaches(pkg *types.Package) bool {
	is := func(p *types.Package) bool { return ForPath(p.Path()) != None }
	for _, imp := range pkg.Imports() {
		if is(imp) {
			return true
		}
		for _, imp2 := range imp.Imports() {
			if is(imp2) {
				return true
			}
		}
	}
	return false
}
