package xctls

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/xcguard/xcguard/analyzers/internal/srcline"
)

// The XC103 fixes: MinVersion set or raised to the policy minimum in a
// crypto/tls Config, and //go:debug settings that weaken TLS removed. A
// MinVersion read from a variable, a MaxVersion below the minimum, a
// default-config endpoint and gmtls configs (whose standard side stops at
// TLS 1.2) are left to a person: the finding has no fix.

func (c *checker) reportFix(rule string, node ast.Node, fix *analysis.SuggestedFix, format string, args ...any) {
	d := analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Category: rule, Message: fmt.Sprintf(format, args...)}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.cfg.ReportDiagnostic(c.pass, d)
}

// minimum is the policy minimum's constant as the file around n names
// crypto/tls, "" when the file binds no usable name for it.
func (c *checker) minimum(n ast.Node) string {
	for _, f := range c.pass.Files {
		if f.FileStart > n.Pos() || n.Pos() >= f.FileEnd {
			continue
		}
		for _, spec := range f.Imports {
			if p, _ := strconv.Unquote(spec.Path.Value); p != "crypto/tls" {
				continue
			}
			if name := c.pass.TypesInfo.PkgNameOf(spec); name != nil && name.Name() != "_" && name.Name() != "." {
				return c.minConst(name.Name())
			}
		}
	}
	return ""
}

// raiseMinVersion replaces a constant MinVersion value with the minimum.
// A value read from a variable keeps the finding without a fix: the
// variable may be used elsewhere, or left unused.
func (c *checker) raiseMinVersion(fl flavor, f field) *analysis.SuggestedFix {
	if fl != stdTLS {
		return nil
	}
	if _, ok := constUint(c.pass.TypesInfo, f.value); !ok {
		return nil
	}
	v := c.minimum(f.value)
	if v == "" {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "raise MinVersion to " + v,
		TextEdits: []analysis.TextEdit{{Pos: f.value.Pos(), End: f.value.End(), NewText: []byte(v)}},
	}
}

// setMinVersion adds MinVersion to a keyed crypto/tls Config literal.
func (c *checker) setMinVersion(fl flavor, lit ast.Expr) *analysis.SuggestedFix {
	cl, ok := lit.(*ast.CompositeLit)
	if !ok || fl != stdTLS {
		return nil
	}
	for _, e := range cl.Elts {
		kv, keyed := e.(*ast.KeyValueExpr)
		if !keyed {
			return nil
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "MinVersion" {
			return nil // MinVersion: 0, set: raising it is a person's edit
		}
	}
	v := c.minimum(cl)
	if v == "" {
		return nil
	}
	text, at := "MinVersion: "+v, cl.Lbrace+1
	tf := c.pass.Fset.File(cl.Pos())
	switch {
	case len(cl.Elts) == 0 && tf.Line(cl.Rbrace) > tf.Line(cl.Lbrace):
		// A line of its own before the closing brace's, below whatever
		// comments the literal holds.
		at = tf.LineStart(tf.Line(cl.Rbrace))
		text = c.indent(cl.Rbrace) + "\t" + text + ",\n"
	case len(cl.Elts) == 0:
	case tf.Line(cl.Elts[0].Pos()) > tf.Line(cl.Lbrace):
		// A line of its own before the first field's, indented as it is
		// (a file that is not gofmt'd stays as it is), so that a comment
		// after the brace stays there.
		at = tf.LineStart(tf.Line(cl.Elts[0].Pos()))
		text = c.indent(cl.Elts[0].Pos()) + text + ",\n"
	default:
		text += ", "
	}
	return &analysis.SuggestedFix{
		Message:   "set MinVersion to " + v,
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}
}

// dropGoDebug removes a //go:debug directive (one setting per line, as
// the go command reads them) with its line break.
func (c *checker) dropGoDebug(cm *ast.Comment, name, value string) *analysis.SuggestedFix {
	start, end := srcline.Span(c.pass.Fset.File(cm.Pos()), cm.Pos(), cm.End())
	if start != cm.Pos() {
		return nil // not a directive the go command reads
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("remove //go:debug %s=%s", name, value),
		TextEdits: []analysis.TextEdit{{Pos: start, End: end}},
	}
}

// indent is the white space from a line's start to pos, "" if there is
// anything else.
func (c *checker) indent(pos token.Pos) string {
	before, _, ok := srcline.Around(c.pass, pos, pos)
	if !ok || strings.Trim(before, " \t") != "" {
		return ""
	}
	return before
}
