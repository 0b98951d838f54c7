package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Formats are the renderings Write knows.
var Formats = []string{"json", "cyclonedx", "markdown", "html"}

// Write renders the inventory in a format of Formats. The same inventory
// gives the same bytes.
func Write(w io.Writer, format string, inv *Inventory, toolVersion string) error {
	switch format {
	case "json":
		return writeJSON(w, inv)
	case "cyclonedx":
		return writeJSON(w, cycloneDX(inv, toolVersion))
	case "markdown":
		return writeMarkdown(w, inv)
	case "html":
		return writeHTML(w, inv)
	}
	return fmt.Errorf("unknown inventory format %q: use %s", format, strings.Join(Formats, ", "))
}

func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// The CycloneDX 1.6 document: only what xcguard fills in.
type (
	bom struct {
		BOMFormat    string       `json:"bomFormat"`
		SpecVersion  string       `json:"specVersion"`
		Version      int          `json:"version"`
		Metadata     bomMetadata  `json:"metadata"`
		Components   []component  `json:"components"`
		Dependencies []dependency `json:"dependencies"`
	}
	bomMetadata struct {
		Tools     bomTools  `json:"tools"`
		Component component `json:"component"`
	}
	bomTools struct {
		Components []component `json:"components"`
	}
	component struct {
		Type             string            `json:"type"`
		BOMRef           string            `json:"bom-ref,omitempty"`
		Name             string            `json:"name"`
		Version          string            `json:"version,omitempty"`
		CryptoProperties *cryptoProperties `json:"cryptoProperties,omitempty"`
		Evidence         *evidence         `json:"evidence,omitempty"`
		Properties       []property        `json:"properties,omitempty"`
	}
	cryptoProperties struct {
		AssetType                       string                           `json:"assetType"`
		AlgorithmProperties             *algorithmProperties             `json:"algorithmProperties,omitempty"`
		CertificateProperties           *certificateProperties           `json:"certificateProperties,omitempty"`
		RelatedCryptoMaterialProperties *relatedCryptoMaterialProperties `json:"relatedCryptoMaterialProperties,omitempty"`
		ProtocolProperties              *protocolProperties              `json:"protocolProperties,omitempty"`
	}
	certificateProperties struct {
		SubjectName          string `json:"subjectName"`
		IssuerName           string `json:"issuerName"`
		NotValidBefore       string `json:"notValidBefore"`
		NotValidAfter        string `json:"notValidAfter"`
		CertificateFormat    string `json:"certificateFormat"`
		CertificateExtension string `json:"certificateExtension,omitempty"`
	}
	relatedCryptoMaterialProperties struct {
		Type   string `json:"type"`
		Format string `json:"format"`
	}
	algorithmProperties struct {
		Primitive              string   `json:"primitive"`
		Mode                   string   `json:"mode,omitempty"`
		CryptoFunctions        []string `json:"cryptoFunctions,omitempty"`
		ParameterSetIdentifier string   `json:"parameterSetIdentifier,omitempty"`
	}
	protocolProperties struct {
		Type string `json:"type"`
	}
	evidence struct {
		Occurrences []bomOccurrence `json:"occurrences"`
	}
	bomOccurrence struct {
		Location          string `json:"location"`
		Line              int    `json:"line,omitempty"`
		Symbol            string `json:"symbol,omitempty"`
		AdditionalContext string `json:"additionalContext,omitempty"`
	}
	property struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	dependency struct {
		Ref       string   `json:"ref"`
		DependsOn []string `json:"dependsOn"`
	}
)

// cryptoFunctions are CycloneDX's; others are "unknown".
var cryptoFunctions = map[string]bool{
	"generate": true, "keygen": true, "encrypt": true, "decrypt": true, "digest": true, "tag": true,
	"keyderive": true, "sign": true, "verify": true, "encapsulate": true, "decapsulate": true, "other": true, "unknown": true,
}

// modes are CycloneDX's block cipher modes; others are "other".
var modes = map[string]bool{"cbc": true, "ecb": true, "ccm": true, "gcm": true, "cfb": true, "ofb": true, "ctr": true}

func cycloneDX(inv *Inventory, toolVersion string) bom {
	module := inv.Module
	if module == "" {
		module = "program"
	}
	b := bom{
		BOMFormat:   "CycloneDX",
		SpecVersion: "1.6",
		Version:     1,
		Metadata: bomMetadata{
			Tools:     bomTools{Components: []component{{Type: "application", Name: "xcguard", Version: toolVersion}}},
			Component: component{Type: "application", BOMRef: module, Name: module},
		},
		Components: []component{},
	}
	if bin := inv.Binary; bin != nil {
		c := &b.Metadata.Component
		c.Properties = append(c.Properties, property{"xcguard:binary", bin.File}, property{"xcguard:platform", bin.Platform})
		if bin.GoVersion != "" {
			c.Properties = append(c.Properties, property{"xcguard:goVersion", bin.GoVersion})
		}
		for _, g := range bin.Godebug {
			c.Properties = append(c.Properties, property{"xcguard:defaultGODEBUG", g.Setting})
		}
	}
	deps := dependency{Ref: module, DependsOn: []string{}}
	for _, a := range inv.Algorithms {
		mode := a.Mode
		if mode != "" && !modes[mode] {
			mode = "other"
		}
		var fns []string
		for _, f := range a.Functions {
			if !cryptoFunctions[f] {
				f = "unknown" // "linked", in a binary: which calls it makes is not known
			}
			if !slices.Contains(fns, f) {
				fns = append(fns, f)
			}
		}
		props := &algorithmProperties{Primitive: a.Primitive, Mode: mode, CryptoFunctions: fns}
		if a.KeyBits > 0 {
			props.ParameterSetIdentifier = strconv.Itoa(a.KeyBits)
		}
		c := component{
			Type:             "cryptographic-asset",
			BOMRef:           "crypto/algorithm/" + a.Primitive + "/" + a.Name,
			Name:             a.Name,
			CryptoProperties: &cryptoProperties{AssetType: "algorithm", AlgorithmProperties: props},
			Evidence:         occurrences(a.Occurrences),
			Properties:       assessment(a.GM, a.Compliant, a.Rules, certifiedOf(a.Occurrences)...),
		}
		b.Components = append(b.Components, c)
		deps.DependsOn = append(deps.DependsOn, c.BOMRef)
	}
	for _, p := range inv.Protocols {
		typ := "tls"
		if p.Name != "TLS" && !strings.HasPrefix(p.Name, "TLS ") {
			typ = "other" // TLCP (GB/T 38636) and GM TLS are not TLS
		}
		c := component{
			Type:             "cryptographic-asset",
			BOMRef:           "crypto/protocol/" + p.Library + "/" + p.Side,
			Name:             p.Name + " (" + p.Side + ")",
			CryptoProperties: &cryptoProperties{AssetType: "protocol", ProtocolProperties: &protocolProperties{Type: typ}},
			Evidence:         occurrences(p.Occurrences),
			Properties:       append(assessment(p.GM, p.Compliant, p.Rules), property{"xcguard:library", p.Library}),
		}
		b.Components = append(b.Components, c)
		deps.DependsOn = append(deps.DependsOn, c.BOMRef)
	}
	for _, c := range inv.Certificates {
		ref := "crypto/certificate/" + c.File
		if c.Index > 0 {
			ref += "#" + strconv.Itoa(c.Index)
		}
		bc := component{
			Type:   "cryptographic-asset",
			BOMRef: ref,
			Name:   c.Subject,
			CryptoProperties: &cryptoProperties{AssetType: "certificate", CertificateProperties: &certificateProperties{
				SubjectName: c.Subject, IssuerName: c.Issuer, NotValidBefore: c.NotBefore, NotValidAfter: c.NotAfter,
				CertificateFormat: "X.509", CertificateExtension: strings.TrimPrefix(path.Ext(c.File), "."),
			}},
			Evidence: &evidence{Occurrences: []bomOccurrence{{Location: c.File}}},
			Properties: []property{
				{"xcguard:gm", strconv.FormatBool(c.GM)}, {"xcguard:keyAlgorithm", c.KeyAlgorithm},
				{"xcguard:signatureAlgorithm", c.SignatureAlgorithm}, {"xcguard:status", c.Status},
				{"xcguard:embedded", strconv.FormatBool(c.Embedded)},
			},
		}
		b.Components = append(b.Components, bc)
		deps.DependsOn = append(deps.DependsOn, bc.BOMRef)
	}
	for i, k := range inv.Keys {
		kind, name := "public-key", "public key"
		if k.Private {
			kind, name = "private-key", "private key"
		}
		bc := component{
			Type:             "cryptographic-asset",
			BOMRef:           "crypto/key/" + k.File + "#" + strconv.Itoa(i+1),
			Name:             k.Algorithm + " " + name,
			CryptoProperties: &cryptoProperties{AssetType: "related-crypto-material", RelatedCryptoMaterialProperties: &relatedCryptoMaterialProperties{Type: kind, Format: "PEM"}},
			Evidence:         &evidence{Occurrences: []bomOccurrence{{Location: k.File}}},
			Properties:       []property{{"xcguard:gm", strconv.FormatBool(k.GM)}, {"xcguard:embedded", strconv.FormatBool(k.Embedded)}},
		}
		b.Components = append(b.Components, bc)
		deps.DependsOn = append(deps.DependsOn, bc.BOMRef)
	}
	b.Dependencies = []dependency{deps}
	return b
}

func assessment(gm, compliant bool, rules []string, certified ...string) []property {
	props := []property{{"xcguard:gm", strconv.FormatBool(gm)}, {"xcguard:compliant", strconv.FormatBool(compliant)}}
	if len(rules) > 0 {
		props = append(props, property{"xcguard:rules", strings.Join(rules, ",")})
	}
	for _, c := range certified {
		props = append(props, property{"xcguard:certifiedModule", c})
	}
	return props
}

// certifiedOf lists the certified modules of the occurrences, once each.
func certifiedOf(occ []*Occurrence) []string {
	var out []string
	for _, o := range occ {
		if o.Certified != "" && !slices.Contains(out, o.Certified) {
			out = append(out, o.Certified)
		}
	}
	slices.Sort(out)
	return out
}

func occurrences(occ []*Occurrence) *evidence {
	e := &evidence{Occurrences: []bomOccurrence{}}
	for _, o := range occ {
		e.Occurrences = append(e.Occurrences, bomOccurrence{Location: o.File, Line: o.Line, Symbol: o.Function, AdditionalContext: o.context()})
	}
	return e
}

// context says in one line how the use is made: the call, where it comes
// from, and the findings.
func (o *Occurrence) context() string {
	s := o.Call
	if len(o.Chain) > 0 {
		s += " → " + strings.Join(o.Chain, " → ")
	}
	s += "; " + o.Provenance
	if o.Config != "" {
		s += "; configuration: " + o.Config
	}
	if o.Versions != "" {
		s += "; accepts " + o.Versions + "; suites: " + o.Suites
	}
	if len(o.Rules) > 0 {
		s += "; " + strings.Join(o.Rules, ", ")
	}
	if o.Certified != "" {
		s += "; certified module " + o.Certified
	}
	return s
}

func writeMarkdown(w io.Writer, inv *Inventory) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# 密码应用清单 · Crypto inventory: %s\n\n", md(inv.Module))
	b.WriteString("Made by xcguard from the code, for a GB/T 39786-2021 (密评) assessment")
	if inv.Policy != "" {
		fmt.Fprintf(&b, "; compliance judged by the policy %s", md(inv.Policy))
	}
	b.WriteString(".\n\n")
	if bin := inv.Binary; bin != nil {
		fmt.Fprintf(&b, "Binary %s (%s", code(bin.File), bin.Platform)
		if bin.GoVersion != "" {
			fmt.Fprintf(&b, ", built by %s", bin.GoVersion)
		}
		b.WriteString("): its algorithms and protocols are the crypto packages linked into it, from the pclntab.\n\n")
		if bin.Unread != "" {
			fmt.Fprintf(&b, "Note: %s.\n\n", md(bin.Unread))
		} else if len(bin.Godebug) == 0 {
			b.WriteString("DefaultGODEBUG sets no crypto setting.\n\n")
		} else {
			b.WriteString("| DefaultGODEBUG | does | policy |\n|---|---|---|\n")
			for _, g := range bin.Godebug {
				verdict := "accepted"
				if g.Rule != "" {
					verdict = "no: " + g.Rule
				}
				fmt.Fprintf(&b, "| %s | %s | %s |\n", code(g.Setting), md(g.Does), verdict)
			}
			b.WriteString("\n")
		}
	}
	network, application := inv.Layers()
	b.WriteString("| 层面 · Layer | GM uses | non-GM uses | undetermined |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| 网络和通信安全 · network and communication | %d | %d | %d |\n", network.GM, network.NonGM, network.Undetermined)
	fmt.Fprintf(&b, "| 应用和数据安全 · application and data | %d | %d | %d |\n\n", application.GM, application.NonGM, application.Undetermined)

	b.WriteString("## 网络和通信安全 · Network and communication\n\n")
	if len(inv.Protocols) == 0 {
		b.WriteString("No TLS or TLCP endpoint.\n\n")
	} else {
		b.WriteString("| Protocol | Side | Library | Accepts | GM | Compliant | Uses |\n|---|---|---|---|---|---|---:|\n")
		for _, p := range inv.Protocols {
			accepts := strings.Join(p.Accepts(), "; ")
			if accepts == "" {
				accepts = "not in sight"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %d |\n", md(p.Name), p.Side, code(p.Library), md(accepts), p.GMLabel(), verdict(p.Compliant, p.Rules), len(p.Occurrences))
		}
		b.WriteString("\n")
	}
	b.WriteString("## 应用和数据安全 · Application and data\n\n")
	if len(inv.Algorithms) == 0 {
		b.WriteString("No crypto algorithm.\n\n")
	} else {
		b.WriteString("| Algorithm | Primitive | Functions | GM | Certified module | Compliant | Uses |\n|---|---|---|---|---|---|---:|\n")
		for _, a := range inv.Algorithms {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %d |\n", md(a.Name), a.Primitive, strings.Join(a.Functions, ", "), a.GMLabel(), yes(a.Certified), verdict(a.Compliant, a.Rules), len(a.Occurrences))
		}
		b.WriteString("\n")
	}
	b.WriteString("## 证书和密钥 · Certificates and keys in the repository\n\n")
	if inv.Binary != nil {
		b.WriteString("Not read from a binary: run the inventory on the source.\n\n")
	} else if len(inv.Certificates) == 0 {
		b.WriteString("No certificate.\n\n")
	} else {
		b.WriteString("| File | Subject | Key | Signature | GM | Not after | Status |\n|---|---|---|---|---|---|---|\n")
		for _, c := range inv.Certificates {
			file := c.File
			if c.Index > 0 {
				file += "#" + strconv.Itoa(c.Index)
			}
			file = code(file) + marks(c.Embedded, c.Test)
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", file, md(c.Subject), c.KeyAlgorithm, md(c.SignatureAlgorithm), yes(c.GM), c.NotAfter, c.Status)
		}
		b.WriteString("\n")
	}
	if inv.Binary != nil {
		// nothing: see above
	} else if len(inv.Keys) == 0 {
		b.WriteString("No key.\n\n")
	} else {
		b.WriteString("| File | Key | Algorithm | GM |\n|---|---|---|---|\n")
		for _, k := range inv.Keys {
			kind := "public"
			if k.Private {
				kind = "private (present; its content is not shown)"
			}
			file := code(k.File) + marks(k.Embedded, k.Test)
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", file, kind, k.Algorithm, yes(k.GM))
		}
		b.WriteString("\n")
	}
	for _, n := range inv.Notes {
		fmt.Fprintf(&b, "Note: %s.\n\n", md(n))
	}
	b.WriteString("## Uses the policy does not accept\n\n")
	rejected := inv.rejected()
	for _, r := range rejected {
		o := r.Occurrence
		where := ""
		if o.Function != "" {
			where = " in " + code(o.Function)
		}
		fmt.Fprintf(&b, "- %s%s: %s, %s (%s): %s\n", code(o.At()), where, md(r.Asset), code(o.Call+chainSuffix(o.Chain)), md(o.Provenance), strings.Join(o.Rules, ", "))
	}
	if len(rejected) == 0 {
		b.WriteString("None.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// marks says of a file in the reports that it is embedded, or a test
// fixture.
func marks(embedded, test bool) string {
	switch {
	case embedded:
		return " (embedded)"
	case test:
		return " (test fixture)"
	}
	return ""
}

// GMLabel says in the reports whether the protocol is GM: undetermined
// when the code does not show it.
func (p *Protocol) GMLabel() string {
	if p.Undetermined {
		return "not in sight"
	}
	return yes(p.GM)
}

// GMLabel says in the reports whether the algorithm is GM: randomness is
// neither, and a certified module is what its certificate says.
func (a *Algorithm) GMLabel() string {
	switch a.Primitive {
	case "drbg":
		return "n/a"
	case "other":
		return "by its certificate"
	}
	return yes(a.GM)
}

// A rejected use is one the policy does not accept, with its asset.
type rejected struct {
	Asset      string
	Occurrence *Occurrence
}

// rejected lists the uses with findings: endpoints, then algorithms.
func (inv *Inventory) rejected() []rejected {
	var out []rejected
	for _, p := range inv.Protocols {
		for _, o := range p.Occurrences {
			if len(o.Rules) > 0 {
				out = append(out, rejected{p.Name + " " + p.Side, o})
			}
		}
	}
	for _, a := range inv.Algorithms {
		for _, o := range a.Occurrences {
			if len(o.Rules) > 0 {
				out = append(out, rejected{a.Name, o})
			}
		}
	}
	return out
}

// At is where an occurrence is: file:line, or the file (a binary).
func (o *Occurrence) At() string {
	if o.Line > 0 {
		return fmt.Sprintf("%s:%d", o.File, o.Line)
	}
	return o.File
}

func chainSuffix(chain []string) string {
	if len(chain) == 0 {
		return ""
	}
	return " → " + strings.Join(chain, " → ")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func verdict(ok bool, rules []string) string {
	if ok {
		return "yes"
	}
	return "no: " + strings.Join(rules, ", ")
}

// code is s as a code span: markup inside it is literal, but a pipe
// still ends a table cell and a backquote ends the span.
func code(s string) string {
	return "`" + strings.NewReplacer("|", `\|`, "`", "'", "\n", " ").Replace(s) + "`"
}

// md escapes what would break a table cell or start markup.
func md(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "*", `\*`, "_", `\_`, "<", "&lt;").Replace(s)
}
