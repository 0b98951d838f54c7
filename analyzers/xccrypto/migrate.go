package xccrypto

import (
	"cmp"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"go/version"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/xcguard/xcguard/analyzers/internal/localvar"
	"github.com/xcguard/xcguard/analyzers/internal/srcline"
	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/policy"
)

// A migration moves one file's uses of a standard package to its GM
// counterpart in the policy's GM library: every use rewritten and the
// import replaced, or, where one use cannot be proven to keep its
// meaning, nothing and the reason at that use.
type migration struct {
	pass    *analysis.Pass
	pkg     *pkgFacts
	file    *ast.File
	spec    *ast.ImportSpec
	lib     policy.GMLibrary
	to      string // the GM package's path
	name    string // the GM package's name in the file
	parents map[ast.Node]ast.Node
	uses    []*ast.SelectorExpr
	edits   []analysis.TextEdit
	refused []analysis.RelatedInformation
}

// pkgFacts are what the migrations of one package's files share, each
// computed once, when first needed: they read the whole package, its
// unloaded tests too.
type pkgFacts struct {
	pinned  *string                // where the package pins a digest
	named   map[string]string      // where it names an algorithm, by algorithm
	signing map[*types.Func]string // the functions bound declarations call
	parents map[*ast.File]map[ast.Node]ast.Node
}

// A migrator rewrites one use, sel (pkg.Name), or refuses it.
type migrator struct {
	to  string // the GM package, under the library's module path
	use func(m *migration, sel *ast.SelectorExpr)
}

var migrators = map[string]migrator{
	"crypto/sha256": {"sm3", (*migration).sha256},
	"crypto/aes":    {"sm4", (*migration).aes},
}

// migrate is the fix for an XC102 import spec of file, or the refusals
// that keep it a finding a person must decide. Neither, for a package
// xcguard does not migrate.
func migrate(pass *analysis.Pass, pkg *pkgFacts, file *ast.File, spec *ast.ImportSpec, from, use string, lib policy.GMLibrary) ([]analysis.SuggestedFix, []analysis.RelatedInformation) {
	mg, ok := migrators[from]
	if !ok || path.Base(use) != mg.to {
		return nil, nil
	}
	pkgName := pass.TypesInfo.PkgNameOf(spec)
	if pkgName == nil {
		return nil, nil
	}
	m := &migration{pass: pass, pkg: pkg, file: file, spec: spec, lib: lib.Or(), to: string(lib.Or()) + "/" + mg.to, name: mg.to}
	switch pkgName.Name() {
	case "_":
		m.refuse(spec, "a blank import links %s for code that asks crypto.Hash for it; remove it by hand once nothing does", from)
		return nil, m.refused
	case ".":
		m.refuse(spec, "a dot import: name the package, then run the fix again")
		return nil, m.refused
	}
	for _, other := range file.Imports {
		if p, _ := strconv.Unquote(other.Path.Value); other != spec && p == from {
			m.refuse(spec, "the file imports %s twice: keep one import, then run the fix again", from)
			return nil, m.refused
		}
	}
	if !m.ownLine(spec) {
		m.refuse(spec, "the import shares its line with other code: put it on a line of its own (gofmt does), then run the fix again")
		return nil, m.refused
	}
	if m.pkg.parents == nil {
		m.pkg.parents = map[*ast.File]map[ast.Node]ast.Node{}
	}
	if m.pkg.parents[file] == nil { // once per file, for its sha256 and aes imports
		m.pkg.parents[file] = parents(file)
	}
	m.parents = m.pkg.parents[file]
	uses := 0
	ast.Inspect(file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && pass.TypesInfo.Uses[x] == pkgName {
			uses++
			m.uses = append(m.uses, sel)
			mg.use(m, sel)
			return false
		}
		return true
	})
	// A file whose uses all move must not leave crypto.SHA256 behind.
	if id := m.asksCrypto(); from == "crypto/sha256" && len(m.refused) == 0 && id != nil {
		m.refuse(id, "crypto.%s at line %d asks package crypto for SHA-256, which nothing may link once this import goes (a panic at run time): move that use first", id.Name, m.pass.Fset.Position(id.Pos()).Line)
	}
	m.importEdit(from)
	if len(m.refused) > 0 || uses == 0 {
		return nil, m.refused
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("migrate %s to %s", from, m.to),
		TextEdits: m.edits,
	}}, nil
}

// importEdit replaces the import of from with the GM package, or removes it
// where the file already imports the GM package.
func (m *migration) importEdit(from string) {
	for _, s := range m.file.Imports {
		if p, _ := strconv.Unquote(s.Path.Value); p == m.to {
			if n := m.pass.TypesInfo.PkgNameOf(s); n != nil && n.Name() != "_" && n.Name() != "." {
				m.name = n.Name()
				for _, sel := range m.uses {
					if _, obj := m.pass.Pkg.Scope().Innermost(sel.Pos()).LookupParent(m.name, sel.Pos()); obj != n {
						m.refuse(sel, "%s, the file's name for %s, means something else here: rename that, then run the fix again", m.name, m.to)
						return
					}
				}
				m.deleteSpec()
				m.renameUses()
				return
			}
		}
	}
	if taken := m.nameTaken(m.name); taken.IsValid() {
		m.refuse(m.spec, "the name %s is already used in this file (line %d): rename that, then run the fix again", m.name, m.pass.Fset.Position(taken).Line)
		return
	}
	m.addImport()
}

// addImport puts the GM import in place of the standard one: in the
// group of the declaration's other non-standard imports, else in a group
// of its own at the end; in the spec's place when it is the declaration's
// only one.
func (m *migration) addImport() {
	g := m.importDecl()
	quoted := strconv.Quote(m.to)
	if g == nil || !g.Lparen.IsValid() || len(g.Specs) == 1 {
		m.edit(m.spec.Pos(), m.spec.End(), quoted)
		return
	}
	m.deleteLine(m.spec)
	var after ast.Spec
	for _, s := range g.Specs {
		if s != m.spec && !isStd(s.(*ast.ImportSpec)) {
			after = s
		}
	}
	if after != nil {
		m.edit(after.End(), after.End(), "\n\t"+quoted)
		return
	}
	// Before the closing parenthesis, which no other migration's
	// deletion of a spec line reaches.
	m.edit(g.Rparen, g.Rparen, "\n\t"+quoted+"\n")
}

// isStd reports whether the import is of a standard package: no dot in
// its first path element.
func isStd(s *ast.ImportSpec) bool {
	p, _ := strconv.Unquote(s.Path.Value)
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// importDecl is the import declaration of the migrated spec.
func (m *migration) importDecl() *ast.GenDecl {
	for _, d := range m.file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT && slices.Contains(g.Specs, ast.Spec(m.spec)) {
			return g
		}
	}
	return nil
}

// deleteLine removes the spec's line: the spec, a comment after it, and the
// line break.
func (m *migration) deleteLine(s *ast.ImportSpec) {
	start, end := srcline.Span(m.pass.Fset.File(s.Pos()), s.Pos(), s.End())
	m.edit(start, end, "")
}

// renameUses puts the name the file's own GM import binds in the edits made
// before it was known.
func (m *migration) renameUses() {
	re := regexp.MustCompile(`\b` + path.Base(m.to) + `\.`)
	for i := range m.edits {
		m.edits[i].NewText = re.ReplaceAll(m.edits[i].NewText, []byte(m.name+"."))
	}
}

// deleteSpec removes the import spec, with its declaration when it is the
// declaration's only spec.
func (m *migration) deleteSpec() {
	switch g := m.importDecl(); {
	case g != nil && len(g.Specs) == 1:
		m.edit(g.Pos(), g.End(), "")
	case g != nil && g.Lparen.IsValid():
		m.deleteLine(m.spec)
	default:
		m.edit(m.spec.Pos(), m.spec.End(), "")
	}
}

// nameTaken is where the file, or its package, already has an identifier
// called name; NoPos if nowhere.
func (m *migration) nameTaken(name string) token.Pos {
	if obj := m.pass.Pkg.Scope().Lookup(name); obj != nil {
		return obj.Pos()
	}
	found := token.NoPos
	ast.Inspect(m.file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name && found == token.NoPos {
			found = id.Pos()
		}
		return found == token.NoPos
	})
	if found.IsValid() {
		return found
	}
	// A package-level name in a test file the run did not load.
	forPackage(m.pass, func(fset *token.FileSet, f *ast.File) bool {
		if fset != m.pass.Fset && declares(f, name) {
			found = m.spec.Pos()
		}
		return !found.IsValid()
	})
	return found
}

// asksCrypto is the first crypto.SHA224 or crypto.SHA256 of the file: its
// New (called by rsa.SignPSS, x509, hkdf …) needs crypto/sha256 linked.
// Other files are the module gate's (xcguard fix).
func (m *migration) asksCrypto() *ast.Ident {
	var found *ast.Ident
	for _, d := range m.file.Decls {
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && found == nil {
				if c, ok := m.pass.TypesInfo.Uses[id].(*types.Const); ok && c.Pkg() != nil && c.Pkg().Path() == "crypto" && (c.Name() == "SHA256" || c.Name() == "SHA224") {
					found = id
				}
			}
			return found == nil
		})
	}
	return found
}

// declares reports whether the file declares name at package level.
func declares(f *ast.File, name string) bool {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == name {
				return true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch sp := spec.(type) {
				case *ast.TypeSpec:
					if sp.Name.Name == name {
						return true
					}
				case *ast.ValueSpec:
					for _, id := range sp.Names {
						if id.Name == name {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// ownLine reports whether the spec is alone on its line, a comment after
// it aside.
func (m *migration) ownLine(spec *ast.ImportSpec) bool {
	before, after, ok := srcline.Around(m.pass, spec.Pos(), spec.End())
	before, after = strings.TrimSpace(before), strings.TrimSpace(after)
	return ok && (before == "" || before == "import") && (after == "" || strings.HasPrefix(after, "//"))
}

func (m *migration) edit(pos, end token.Pos, text string) {
	m.edits = append(m.edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

func (m *migration) refuse(n ast.Node, format string, args ...any) {
	m.refused = append(m.refused, analysis.RelatedInformation{Pos: n.Pos(), End: n.End(), Message: "not migrated: " + fmt.Sprintf(format, args...)})
}

// sha256 migrates crypto/sha256 to SM3, whose digest has SHA-256's size.
func (m *migration) sha256(sel *ast.SelectorExpr) {
	gm := m.name + "."
	switch sel.Sel.Name {
	case "Size", "BlockSize":
		// Untyped constants, as sha256's: tjfoc's sm3 exports none, and
		// emmansun's older releases declare them int.
		m.edit(sel.Pos(), sel.End(), map[string]string{"Size": "32", "BlockSize": "64"}[sel.Sel.Name])
	case "New":
		if !m.unbound(sel) || !m.notPinned(sel) || !m.notNamed(sel, "SHA-256", sha256Words) {
			return
		}
		if m.lib == policy.Tjfoc && !m.tjfocHash(sel) {
			return
		}
		m.edit(sel.Pos(), sel.End(), gm+"New")
	case "Sum256":
		if !m.unbound(sel) || !m.notPinned(sel) || !m.notNamed(sel, "SHA-256", sha256Words) {
			return
		}
		if m.lib == policy.Emmansun { // func([]byte) [32]byte, like Sum256
			m.edit(sel.Pos(), sel.End(), gm+"Sum")
			return
		}
		call := m.callOf(sel)
		switch {
		case call == nil:
			m.refuse(sel, "sha256.Sum256 as a value: tjfoc/gmsm's Sm3Sum returns a slice, not a [32]byte")
		case !m.goAtLeast("go1.20"):
			m.refuse(sel, "tjfoc/gmsm's Sm3Sum returns a slice, and converting it to a [32]byte needs go 1.20 in go.mod")
		case m.isStmt(call):
			m.refuse(sel, "a call whose digest nothing uses: remove it")
		default:
			m.edit(sel.Pos(), sel.End(), "[32]byte("+gm+"Sm3Sum")
			m.edit(call.End(), call.End(), ")")
		}
	case "New224", "Sum224", "Size224":
		m.refuse(sel, "SHA-224's digest is 28 bytes and SM3's 32: every user of the digest changes")
	default:
		m.refuse(sel, "sha256.%s has no SM3 counterpart", sel.Sel.Name)
	}
}

// aes migrates crypto/aes to SM4, a 128-bit block cipher with 128-bit keys:
// the cipher.Block flows on unchanged into GCM, CTR or CBC.
func (m *migration) aes(sel *ast.SelectorExpr) {
	switch sel.Sel.Name {
	case "BlockSize":
		m.edit(sel.Pos(), sel.End(), m.name+".BlockSize")
	case "NewCipher":
		call := m.callOf(sel)
		if call == nil || len(call.Args) != 1 {
			m.refuse(sel, "aes.NewCipher as a value: xcguard cannot see the keys it is given")
			return
		}
		if !m.sixteen(call.Args[0], 0) {
			m.refuse(call.Args[0], "the key is not provably 16 bytes: SM4 keys are 128-bit, and an AES-192 or AES-256 key makes sm4.NewCipher fail at run time")
			return
		}
		if !m.notNamed(sel, "AES", aesWords) {
			return
		}
		if m.lib == policy.Tjfoc && !m.tjfocBlock(call) {
			return
		}
		m.edit(sel.Pos(), sel.End(), m.name+".NewCipher")
	default:
		m.refuse(sel, "aes.%s has no SM4 counterpart", sel.Sel.Name)
	}
}

var (
	sha256Words = regexp.MustCompile(`(?i)sha-?256|\b[hrep]s256\b`)
	aesWords    = regexp.MustCompile(`(?i)\baes|\ba(128|192|256)(gcm|kw|cbc|ctr)`)
	// signers are the packages whose calls sign or verify a digest with a
	// hash the other side expects.
	signers = map[string]bool{"crypto/rsa": true, "crypto/ecdsa": true, "crypto/ed25519": true, "crypto/x509": true, "crypto/tls": true}
)

// unbound reports whether the declaration around a SHA-256 use hands no
// digest to an API that names its hash (a crypto.SHA256 constant) or to a
// signer (crypto/rsa, ecdsa, ed25519, x509, tls), whose other side hashes
// with SHA-256. Where it does it refuses: the use stays SHA-256 with its
// signature.
func (m *migration) unbound(sel *ast.SelectorExpr) bool {
	decl := m.declOf(sel)
	why := boundReason(m.pass.TypesInfo, decl, m.pass.Fset)
	if fd, ok := decl.(*ast.FuncDecl); ok && why == "" {
		if m.pkg.signing == nil {
			m.pkg.signing = signingCallees(m.pass)
		}
		if fn, ok := m.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			why = m.pkg.signing[fn]
		}
	}
	if why != "" {
		m.refuse(sel, "%s", why)
		return false
	}
	return true
}

// signingCallees are the package's functions whose results a bound
// declaration (see boundReason) may sign: those it calls, and those they
// call, three calls deep; each with the reason, naming the signer.
func signingCallees(pass *analysis.Pass) map[*types.Func]string {
	decls := map[*types.Func]*ast.FuncDecl{}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
	}
	out := map[*types.Func]string{}
	var walk func(d ast.Node, why string, depth int)
	walk = func(d ast.Node, why string, depth int) {
		if depth == 3 {
			return
		}
		ast.Inspect(d, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn := typeutil.StaticCallee(pass.TypesInfo, call)
			if fd := decls[fn]; fd != nil && out[fn] == "" {
				out[fn] = why
				walk(fd.Body, why, depth+1)
			}
			return true
		})
	}
	for _, fd := range decls {
		if why := boundReason(pass.TypesInfo, fd, pass.Fset); why != "" {
			walk(fd.Body, fmt.Sprintf("its digest may reach %s, where %s", fd.Name.Name, why), 0)
		}
	}
	return out
}

// boundReason says why the declaration's digests are bound to a signature
// (see unbound), "" if they are not.
func boundReason(info *types.Info, decl ast.Decl, fset *token.FileSet) string {
	if decl == nil {
		return ""
	}
	var named, signed string
	ast.Inspect(decl, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		line := fset.Position(id.Pos()).Line
		switch obj := info.Uses[id].(type) {
		case *types.Const:
			if named == "" && obj.Pkg() != nil && obj.Pkg().Path() == "crypto" && sha256Words.MatchString(obj.Name()) {
				named = fmt.Sprintf("crypto.%s at line %d: %s", obj.Name(), line, boundToAPI)
			}
		case *types.Func:
			if signed == "" && obj.Pkg() != nil && signers[obj.Pkg().Path()] {
				signed = fmt.Sprintf("%s.%s at line %d%s", obj.Pkg().Name(), obj.Name(), line, boundToSigner)
			}
		}
		return true
	})
	return cmp.Or(named, signed)
}

// The reasons of a use bound to its signature: it stays SHA-256 by design,
// beside digests that move (see Bound).
const (
	boundToAPI    = "the digest goes to an API that says which hash made it"
	boundToSigner = " signs or verifies: the other side hashes with SHA-256; move the signature to SM2 by hand"
)

// Bound reports whether a refusal's message says the use stays SHA-256
// with the signature it is bound to, rather than that its meaning is
// unknown or elsewhere.
func Bound(message string) bool {
	return strings.Contains(message, boundToAPI) || strings.Contains(message, boundToSigner)
}

// Migrated is the standard package an XC102 finding's message is about,
// when xcguard fix migrates that package's uses (crypto/sha256,
// crypto/aes); "" otherwise.
func Migrated(message string) string {
	rest, ok := strings.CutPrefix(message, "import of ")
	p, _, _ := strings.Cut(rest, ",")
	if _, migrates := migrators[p]; ok && migrates {
		return p
	}
	return ""
}

// notNamed reports whether the package never names the algorithm (see
// namesAlgorithm). Where it does it refuses.
func (m *migration) notNamed(sel *ast.SelectorExpr, alg string, words *regexp.Regexp) bool {
	where, ok := m.pkg.named[alg]
	if !ok {
		where = namesAlgorithm(m.pass, words)
		if m.pkg.named == nil {
			m.pkg.named = map[string]string{}
		}
		m.pkg.named[alg] = where
	}
	if where == "" {
		return true
	}
	m.refuse(sel, "the package names %s (%s): its values are part of a contract that says %s (an API, a header, a field, a format); move the package and its peers by hand", alg, where, alg)
	return false
}

// namesAlgorithm is where the package, its _test.go files included, names
// the algorithm outside its imports: in a string, a doc comment, or the
// name of a function, type, package-level variable or constant, or struct
// field ("file.go:12, the function SHA256"); "" if nowhere. A name that
// says SHA-256 is a promise to whoever reads it. A declaration bound to a
// signature (see unbound) names the hash it signs with, and is passed over.
func namesAlgorithm(pass *analysis.Pass, words *regexp.Regexp) string {
	var found string
	skip := map[ast.Decl]bool{}
	scan := func(fset *token.FileSet, f *ast.File) {
		loaded := fset == pass.Fset // type-checked: bound declarations are known
		at := func(n ast.Node, what string) {
			if found == "" {
				p := fset.Position(n.Pos())
				found = fmt.Sprintf("%s:%d, %s", filepath.Base(p.Filename), p.Line, what)
			}
		}
		doc := func(cg *ast.CommentGroup) {
			if cg != nil && words.MatchString(cg.Text()) {
				at(cg, "a doc comment")
			}
		}
		name := func(id *ast.Ident, kind string) {
			if id != nil && words.MatchString(id.Name) {
				at(id, kind+" "+id.Name)
			}
		}
		doc(f.Doc)
		imports := map[ast.Node]bool{}
		for _, imp := range f.Imports {
			imports[imp.Path] = true
		}
		for _, d := range f.Decls {
			if loaded && boundReason(pass.TypesInfo, d, fset) != "" {
				skip[d] = true // it names the hash of its signature
				continue
			}
			switch d := d.(type) {
			case *ast.FuncDecl:
				doc(d.Doc)
				name(d.Name, "the function")
			case *ast.GenDecl:
				doc(d.Doc)
				for _, spec := range d.Specs {
					switch sp := spec.(type) {
					case *ast.TypeSpec:
						doc(sp.Doc)
						name(sp.Name, "the type")
					case *ast.ValueSpec:
						doc(sp.Doc)
						for _, id := range sp.Names {
							name(id, "the package-level name")
						}
					}
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if d, ok := n.(ast.Decl); ok && skip[d] {
				return false
			}
			switch n := n.(type) {
			case *ast.Field:
				doc(n.Doc)
				for _, id := range n.Names {
					if _, isStruct := n.Type.(*ast.StructType); !isStruct {
						name(id, "the field or parameter")
					}
				}
			case *ast.BasicLit:
				if n.Kind == token.STRING && !imports[n] && words.MatchString(n.Value) {
					at(n, "a string")
				}
			}
			return found == ""
		})
	}
	forPackage(pass, func(fset *token.FileSet, f *ast.File) bool {
		scan(fset, f)
		return found == ""
	})
	return found
}

// declOf is the top-level declaration around n.
func (m *migration) declOf(n ast.Node) ast.Decl {
	for _, d := range m.file.Decls {
		if d.Pos() <= n.Pos() && n.End() <= d.End() {
			return d
		}
	}
	return nil
}

// bodyOf is the body of the function around n (a function literal's, if
// one is innermost).
func (m *migration) bodyOf(n ast.Node) *ast.BlockStmt {
	for p := m.parents[n]; p != nil; p = m.parents[p] {
		switch f := p.(type) {
		case *ast.FuncDecl:
			return f.Body
		case *ast.FuncLit:
			return f.Body
		}
	}
	return nil
}

// isStmt reports whether call is a statement of its own (an expression
// statement, or deferred, or a goroutine), whose value nothing uses.
func (m *migration) isStmt(call *ast.CallExpr) bool {
	switch m.parents[call].(type) {
	case *ast.ExprStmt, *ast.DeferStmt, *ast.GoStmt:
		return true
	}
	return false
}

// callOf is the call whose function sel is, or nil.
func (m *migration) callOf(sel *ast.SelectorExpr) *ast.CallExpr {
	if call, ok := m.parents[sel].(*ast.CallExpr); ok && call.Fun == sel {
		return call
	}
	return nil
}

// goAtLeast reports whether the file's Go version is at least v (an
// unknown version counts as new enough: the go command gives every
// module one).
func (m *migration) goAtLeast(v string) bool {
	fv := m.pass.TypesInfo.FileVersions[m.file]
	if fv == "" {
		fv = m.pass.Pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}

// sixteen reports whether the []byte expression e is provably 16 bytes
// long: a slice of a [16]byte, a conversion of a 16-byte constant, a
// make([]byte, 16), or a local variable given one of them once.
func (m *migration) sixteen(e ast.Expr, depth int) bool {
	info := m.pass.TypesInfo
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return tv.Value.Kind() == constant.String && len(constant.StringVal(tv.Value)) == 16
	}
	switch e := e.(type) {
	case *ast.SliceExpr:
		t := info.TypeOf(e.X)
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		a, ok := t.Underlying().(*types.Array)
		return ok && a.Len() == 16 && e.Max == nil && m.intIs(e.Low, 0, true) && m.intIs(e.High, 16, true)
	case *ast.CallExpr:
		if len(e.Args) == 1 && info.Types[e.Fun].IsType() {
			return m.sixteen(e.Args[0], depth)
		}
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && info.Uses[id] == types.Universe.Lookup("make") {
			return len(e.Args) == 2 && m.intIs(e.Args[1], 16, false)
		}
	case *ast.Ident:
		if depth < 4 {
			if def := localvar.Definition(info, e, m.bodyOf(e)); def != nil {
				return m.sixteen(def, depth+1)
			}
		}
	}
	return false
}

// intIs reports whether e is the integer constant n, or absent when
// absentOK.
func (m *migration) intIs(e ast.Expr, n int64, absentOK bool) bool {
	if e == nil {
		return absentOK
	}
	tv := m.pass.TypesInfo.Types[e]
	if tv.Value == nil {
		return false
	}
	v, ok := constant.Int64Val(constant.ToInt(tv.Value))
	return ok && v == n
}

func parents(f *ast.File) map[ast.Node]ast.Node {
	out := map[ast.Node]ast.Node{}
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if len(stack) > 0 {
			out[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		return true
	})
	return out
}

// notPinned reports whether the package holds no SHA-256-sized hex
// constant (64 hex digits), its tests included: a known answer that a
// test, or a peer, checks the digest against (a content address, a file
// name another tool computes). Where it holds one it refuses.
func (m *migration) notPinned(sel *ast.SelectorExpr) bool {
	if m.pkg.pinned == nil {
		where := pinnedDigest(m.pass)
		m.pkg.pinned = &where
	}
	if *m.pkg.pinned == "" {
		return true
	}
	m.refuse(sel, "%s holds a SHA-256 value (64 hex digits): something checks the digest against a known answer", *m.pkg.pinned)
	return false
}

// hex64 is a run of 64 hex digits in a string literal ("output/ffc7b8…"
// too).
var hex64 = regexp.MustCompile(`(^|[^0-9a-fA-F])([0-9a-fA-F]{64})([^0-9a-fA-F]|$)`)

// pinnedDigest is the file:line of the first 64-hex-digit run in a string
// constant of the package or of its _test.go files (which a run without
// tests does not load, read here, bounded), "" if none. A run that is the
// SM3 digest of a string in the same file is a known answer the migrated
// code meets (a test written for SM3 ahead of the move).
func pinnedDigest(pass *analysis.Pass) string {
	scan := func(fset *token.FileSet, f *ast.File) string {
		var lits []*ast.BasicLit
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && len(lits) < 10000 {
				lits = append(lits, lit)
			}
			return true
		})
		var sm3s map[string]bool // hex SM3 digests of the file's strings
		for _, lit := range lits {
			m := hex64.FindStringSubmatch(lit.Value)
			if m == nil {
				continue
			}
			if sm3s == nil {
				sm3s = map[string]bool{}
				for _, l := range lits {
					if v, err := strconv.Unquote(l.Value); err == nil {
						h := gm.NewSM3()
						h.Write([]byte(v))
						sm3s[hex.EncodeToString(h.Sum(nil))] = true
					}
				}
			}
			if !sm3s[strings.ToLower(m[2])] {
				p := fset.Position(lit.Pos())
				return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
			}
		}
		return ""
	}
	where := ""
	forPackage(pass, func(fset *token.FileSet, f *ast.File) bool {
		where = scan(fset, f)
		return where == ""
	})
	return where
}

// forPackage calls visit on each file of the package and on its _test.go
// files that the run did not load (read here: at most 100, each at most
// 4 MiB), until visit returns false.
func forPackage(pass *analysis.Pass, visit func(*token.FileSet, *ast.File) bool) {
	seen := map[string]bool{}
	for _, f := range pass.Files {
		seen[pass.Fset.File(f.Pos()).Name()] = true
		if !visit(pass.Fset, f) {
			return
		}
	}
	if len(pass.Files) == 0 {
		return
	}
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
	tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	for i, name := range tests {
		if i == 100 {
			break
		}
		if seen[name] {
			continue
		}
		src, err := inputfile.Read(name, 4<<20)
		if err != nil {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		if !visit(fset, f) {
			return
		}
	}
}
