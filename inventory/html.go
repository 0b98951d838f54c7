package inventory

import (
	"html/template"
	"io"
	"strings"
)

// The HTML report is the markdown one for a browser, with an SVG chart of
// GM against non-GM uses per layer. html/template escapes every value: file
// names, certificate subjects and call chains come from the repository.
var htmlReport = template.Must(template.New("inventory").Funcs(template.FuncMap{
	"yes":     yes,
	"join":    strings.Join,
	"chain":   chainSuffix,
	"verdict": verdict,
}).Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>密码应用清单 · Crypto inventory: {{.Inv.Module}}</title>
<style>
body{font-family:sans-serif;margin:2em;max-width:72em}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
code{font-size:.9em}
.no{color:#b00}
</style>
</head>
<body>
<h1>密码应用清单 · Crypto inventory: {{.Inv.Module}}</h1>
<p>Made by xcguard from the code, for a GB/T 39786-2021 (密评) assessment{{with .Inv.Policy}}; compliance judged by the policy {{.}}{{end}}.</p>
{{with .Inv.Binary}}<p>Binary <code>{{.File}}</code> ({{.Platform}}{{with .GoVersion}}, built by {{.}}{{end}}): its algorithms and protocols are the crypto packages linked into it, from the pclntab.</p>
{{range .Godebug}}<p>DefaultGODEBUG <code>{{.Setting}}</code>: {{.Does}}{{with .Rule}} <span class="no">({{.}})</span>{{end}}</p>
{{end}}{{end}}
<table>
<tr><th>层面 · Layer</th><th>GM uses</th><th>non-GM uses</th><th>undetermined</th></tr>
{{range .Layers}}<tr><td>{{.Name}}</td><td>{{.GM}}</td><td>{{.NonGM}}</td><td>{{.Undetermined}}</td></tr>
{{end}}</table>
<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{{.ChartHeight}}" role="img" aria-label="GM and non-GM uses per layer">
{{range $i, $l := .Layers}}<text x="0" y="{{$l.Y}}" font-size="12" dominant-baseline="middle">{{$l.Short}}</text>
<rect x="160" y="{{$l.Top}}" width="{{$l.GMWidth}}" height="20" fill="#2a7"><title>GM: {{$l.GM}}</title></rect>
<rect x="{{$l.NonGMX}}" y="{{$l.Top}}" width="{{$l.NonGMWidth}}" height="20" fill="#c44"><title>non-GM: {{$l.NonGM}}</title></rect>
<rect x="{{$l.UndeterminedX}}" y="{{$l.Top}}" width="{{$l.UndeterminedWidth}}" height="20" fill="#aaa"><title>undetermined: {{$l.Undetermined}}</title></rect>
{{end}}</svg>
<h2>网络和通信安全 · Network and communication</h2>
{{if .Inv.Protocols}}<table>
<tr><th>Protocol</th><th>Side</th><th>Library</th><th>Accepts</th><th>GM</th><th>Compliant</th><th>Uses</th></tr>
{{range .Inv.Protocols}}<tr><td>{{.Name}}</td><td>{{.Side}}</td><td><code>{{.Library}}</code></td><td>{{with .Accepts}}{{join . "; "}}{{else}}not in sight{{end}}</td><td>{{.GMLabel}}</td><td>{{verdict .Compliant .Rules}}</td><td>{{len .Occurrences}}</td></tr>
{{end}}</table>{{else}}<p>No TLS or TLCP endpoint.</p>{{end}}
<h2>应用和数据安全 · Application and data</h2>
{{if .Inv.Algorithms}}<table>
<tr><th>Algorithm</th><th>Primitive</th><th>Functions</th><th>GM</th><th>Certified module</th><th>Compliant</th><th>Uses</th></tr>
{{range .Inv.Algorithms}}<tr><td>{{.Name}}</td><td>{{.Primitive}}</td><td>{{join .Functions ", "}}</td><td>{{.GMLabel}}</td><td>{{yes .Certified}}</td><td>{{verdict .Compliant .Rules}}</td><td>{{len .Occurrences}}</td></tr>
{{end}}</table>{{else}}<p>No crypto algorithm.</p>{{end}}
<h2>证书和密钥 · Certificates and keys in the repository</h2>
{{if .Inv.Binary}}<p>Not read from a binary: run the inventory on the source.</p>{{else}}{{if .Inv.Certificates}}<table>
<tr><th>File</th><th>Subject</th><th>Key</th><th>Signature</th><th>GM</th><th>Not after</th><th>Status</th></tr>
{{range .Inv.Certificates}}<tr><td><code>{{.File}}</code>{{if .Embedded}} (embedded){{else if .Test}} (test fixture){{end}}</td><td>{{.Subject}}</td><td>{{.KeyAlgorithm}}</td><td>{{.SignatureAlgorithm}}</td><td>{{yes .GM}}</td><td>{{.NotAfter}}</td><td>{{.Status}}</td></tr>
{{end}}</table>{{else}}<p>No certificate.</p>{{end}}
{{if .Inv.Keys}}<table>
<tr><th>File</th><th>Key</th><th>Algorithm</th><th>GM</th></tr>
{{range .Inv.Keys}}<tr><td><code>{{.File}}</code>{{if .Embedded}} (embedded){{else if .Test}} (test fixture){{end}}</td><td>{{if .Private}}private (present; its content is not shown){{else}}public{{end}}</td><td>{{.Algorithm}}</td><td>{{yes .GM}}</td></tr>
{{end}}</table>{{else}}<p>No key.</p>{{end}}{{end}}
{{range .Inv.Notes}}<p>Note: {{.}}.</p>
{{end}}<h2>Uses the policy does not accept</h2>
{{if .Rejected}}<ul>
{{range .Rejected}}<li><code>{{.Occurrence.At}}</code>{{with .Occurrence.Function}} in <code>{{.}}</code>{{end}}: {{.Asset}}, <code>{{.Occurrence.Call}}{{chain .Occurrence.Chain}}</code> ({{.Occurrence.Provenance}}): {{join .Occurrence.Rules ", "}}</li>
{{end}}</ul>{{else}}<p>None.</p>{{end}}
</body>
</html>
`))

// chartLayer is one layer's row of the report: its counts and its bar.
type chartLayer struct {
	Name, Short       string
	Counts            // GM, NonGM, Undetermined
	Top, Y            int
	GMWidth           int
	NonGMX            int
	NonGMWidth        int
	UndeterminedX     int
	UndeterminedWidth int
}

func writeHTML(w io.Writer, inv *Inventory) error {
	network, application := inv.Layers()
	layers := []chartLayer{
		{Name: "网络和通信安全 · network and communication", Short: "网络和通信安全", Counts: network},
		{Name: "应用和数据安全 · application and data", Short: "应用和数据安全", Counts: application},
	}
	most := 1
	for _, l := range layers {
		most = max(most, l.GM+l.NonGM+l.Undetermined)
	}
	const width = 460
	for i := range layers {
		l := &layers[i]
		l.Top = 10 + i*30
		l.Y = l.Top + 10
		l.GMWidth = l.GM * width / most
		l.NonGMX = 160 + l.GMWidth
		l.NonGMWidth = l.NonGM * width / most
		l.UndeterminedX = l.NonGMX + l.NonGMWidth
		l.UndeterminedWidth = l.Undetermined * width / most
	}
	return htmlReport.Execute(w, struct {
		Inv         *Inventory
		Layers      []chartLayer
		ChartHeight int
		Rejected    []rejected
	}{inv, layers, 10 + 30*len(layers), inv.rejected()})
}
