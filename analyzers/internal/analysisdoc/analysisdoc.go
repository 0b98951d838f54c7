// Package analysisdoc extracts an analyzer's documentation from its
// package's doc.go, so that the text is written once.
package analysisdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract returns the "# Analyzer name" section of the package comment
// of the Go source content, without its heading. It panics when the section
// is missing (a defect the registry test catches).
func MustExtract(content, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic(fmt.Sprintf("analysisdoc: %s: no package comment", name))
	}
	_, section, ok := strings.Cut(f.Doc.Text(), "\n# Analyzer "+name+"\n")
	if !ok {
		panic(fmt.Sprintf("analysisdoc: no \"# Analyzer %s\" section", name))
	}
	if i := strings.Index(section, "\n# "); i >= 0 {
		section = section[:i]
	}
	return strings.TrimSpace(section)
}
