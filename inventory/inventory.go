// Package inventory lists the crypto a program uses, for a 密评
// (GB/T 39786-2021) assessment: every algorithm and every TLS or TLCP
// endpoint, where it occurs (first-party code, or a dependency reached
// through a call), whether it is a GM algorithm, and whether the policy
// finds it compliant. It renders xcguard's JSON form, a CycloneDX 1.6
// CBOM and a markdown report for assessors. It is built from the
// crypto-use model (analyzers/xcuse), the same analysis the rules judge.
package inventory

import (
	"cmp"
	"slices"
	"strings"
)

// An Inventory is the crypto one program (a module's packages) uses.
type Inventory struct {
	// Module is the main module's path; Tool names xcguard and its version.
	Module string `json:"module"`
	Tool   string `json:"tool"`
	// Profile is the policy the compliance is judged by, as given
	// (-profile), "" for the project's or the embedded default.
	Policy     string       `json:"policy,omitempty"`
	Algorithms []*Algorithm `json:"algorithms"`
	Protocols  []*Protocol  `json:"protocols"`
	// Certificates and Keys are the files of the repository that hold
	// them; a key's material is never read out.
	Certificates []*Certificate `json:"certificates"`
	Keys         []*Key         `json:"keys"`
	// Binary is set for the inventory of a built program.
	Binary *Binary `json:"binary,omitempty"`
	// Notes say what the inventory could not fully read.
	Notes []string `json:"notes,omitempty"`
}

// An Algorithm is one crypto algorithm the program uses, with every place
// it is used.
type Algorithm struct {
	Name      string   `json:"name"`      // SM4, AES-128-GCM, HMAC-SM3
	Primitive string   `json:"primitive"` // CycloneDX's: hash, mac, block-cipher, ae, signature, pke, ...
	Mode      string   `json:"mode,omitempty"`
	Functions []string `json:"functions"` // digest, encrypt, sign, ...
	KeyBits   int      `json:"keyBits,omitempty"`
	GM        bool     `json:"gm"`
	// Compliant: no occurrence breaks the policy; Rules are the rule IDs
	// that say it does.
	Compliant bool     `json:"compliant"`
	Rules     []string `json:"rules,omitempty"`
	// Certified: every occurrence comes from a certified crypto module.
	Certified   bool          `json:"certified"`
	Occurrences []*Occurrence `json:"occurrences"`
}

// A Protocol is one kind of TLS endpoint (library and side) the program
// opens, with every place it opens one.
type Protocol struct {
	Name    string `json:"name"`    // TLS, TLCP, GM TLS (gmtls)
	Side    string `json:"side"`    // server, client
	Library string `json:"library"` // crypto/tls, github.com/tjfoc/gmsm/gmtls, gitee.com/Trisia/gotlcp/tlcp
	GM      bool   `json:"gm"`
	// Undetermined: GM or standard TLS is decided out of sight (a gmtls
	// configuration not in the code); GM is false then, and means nothing.
	Undetermined bool          `json:"undetermined,omitempty"`
	Compliant    bool          `json:"compliant"`
	Rules        []string      `json:"rules,omitempty"`
	Occurrences  []*Occurrence `json:"occurrences"`
}

// An Occurrence is one use: a call in the program's own code, or a call
// into a dependency that reaches the use (Chain says how).
type Occurrence struct {
	File     string `json:"file"` // relative to the module root
	Line     int    `json:"line"`
	Package  string `json:"package"`
	Function string `json:"function,omitempty"` // the enclosing function
	// Call is the call at File:Line: the crypto call itself, or the call
	// into the dependency.
	Call string `json:"call"`
	// Provenance is "first-party", or the module (path@version) the use
	// is inside.
	Provenance string `json:"provenance"`
	// Chain is the calls from Call down to the crypto call, for a use
	// inside a dependency.
	Chain []string `json:"chain,omitempty"`
	// Config says what configures an endpoint: "Go's defaults", "a
	// configuration in sight", "not in sight".
	Config string `json:"config,omitempty"`
	// Versions and Suites are what an endpoint accepts, with where that
	// comes from (its configuration, Go's default, a GODEBUG setting).
	Versions string   `json:"versions,omitempty"`
	Suites   string   `json:"suites,omitempty"`
	Rules    []string `json:"rules,omitempty"`
	// Certified names the certified crypto module (crypto.certified_modules)
	// the use's code is in, with its certificate.
	Certified string `json:"certified,omitempty"`
}

// FirstParty is the provenance of the program's own code.
const FirstParty = "first-party"

// Accepts lists the versions the protocol's endpoints accept, once each.
func (p *Protocol) Accepts() []string {
	var out []string
	for _, o := range p.Occurrences {
		if o.Versions != "" && !slices.Contains(out, o.Versions) {
			out = append(out, o.Versions)
		}
	}
	slices.Sort(out)
	return out
}

// sort puts everything in a stable order: same input, same bytes.
func (inv *Inventory) sort() {
	slices.SortFunc(inv.Algorithms, func(a, b *Algorithm) int {
		return cmp.Or(cmp.Compare(a.Primitive, b.Primitive), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(inv.Protocols, func(a, b *Protocol) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Side, b.Side), cmp.Compare(a.Library, b.Library))
	})
	for _, a := range inv.Algorithms {
		sortOccurrences(a.Occurrences)
		slices.Sort(a.Functions)
		a.Functions = slices.Compact(a.Functions)
		a.Rules, a.Compliant = rulesOf(a.Occurrences)
		a.Certified = len(a.Occurrences) > 0 && !slices.ContainsFunc(a.Occurrences, func(o *Occurrence) bool { return o.Certified == "" })
	}
	for _, p := range inv.Protocols {
		sortOccurrences(p.Occurrences)
		p.Rules, p.Compliant = rulesOf(p.Occurrences)
	}
	slices.SortFunc(inv.Certificates, func(a, b *Certificate) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Index, b.Index))
	})
	slices.SortStableFunc(inv.Keys, func(a, b *Key) int { return cmp.Compare(a.File, b.File) })
}

func sortOccurrences(occ []*Occurrence) {
	slices.SortFunc(occ, func(a, b *Occurrence) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Call, b.Call), slices.Compare(a.Chain, b.Chain))
	})
}

// rulesOf is the union of the occurrences' rules; none means compliant.
func rulesOf(occ []*Occurrence) ([]string, bool) {
	var rules []string
	for _, o := range occ {
		slices.Sort(o.Rules)
		o.Rules = slices.Compact(o.Rules)
		rules = append(rules, o.Rules...)
	}
	slices.Sort(rules)
	rules = slices.Compact(rules)
	return rules, len(rules) == 0
}

// Counts are GM and non-GM uses (occurrences) in one layer of the report;
// Undetermined ones the code does not show to be either (a gmtls
// configuration out of sight).
type Counts struct{ GM, NonGM, Undetermined int }

// Layers counts uses per GB/T 39786 layer: network and communication
// (the endpoints), application and data (the algorithms).
func (inv *Inventory) Layers() (network, application Counts) {
	for _, p := range inv.Protocols {
		if p.Undetermined {
			network.Undetermined += len(p.Occurrences)
			continue
		}
		add(&network, p.GM, len(p.Occurrences))
	}
	for _, a := range inv.Algorithms {
		if a.Primitive == "drbg" || a.Primitive == "other" {
			continue // randomness, and a certified module's calls, are neither GM nor not
		}
		add(&application, a.GM, len(a.Occurrences))
	}
	return network, application
}

func add(c *Counts, gm bool, n int) {
	if gm {
		c.GM += n
	} else {
		c.NonGM += n
	}
}

// protocolName names an endpoint's protocol by its library.
func protocolName(library string) (name string, gm bool) {
	switch {
	case strings.HasPrefix(library, "gitee.com/Trisia/gotlcp"):
		return "TLCP", true
	case strings.HasPrefix(library, "github.com/tjfoc/gmsm"):
		return "GM TLS (gmtls)", true
	}
	return "TLS", false
}
