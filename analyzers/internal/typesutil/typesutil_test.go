package typesutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/xcguard/xcguard/analyzers/internal/typesutil"
)

func TestIsNamed(t *testing.T) {
	const src = `package p

import "net/http"

type Server struct{}
type alias = http.Server
type ptr *http.Server

var (
	s   http.Server
	sp  *http.Server
	a   alias
	np  ptr
	own Server
	c   http.Client
	spp **http.Server
)
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	typeOf := map[string]types.Type{}
	for id, obj := range info.Defs {
		if v, ok := obj.(*types.Var); ok {
			typeOf[id.Name] = v.Type()
		}
	}
	for _, tt := range []struct {
		v              string
		named, orPoint bool
	}{
		{"s", true, true},
		{"sp", false, true},
		{"a", true, true},
		{"np", false, true},
		{"own", false, false}, // p.Server, not net/http's
		{"c", false, false},
		{"spp", false, false},
	} {
		ty := typeOf[tt.v]
		if got := typesutil.IsNamed(ty, "net/http", "Server"); got != tt.named {
			t.Errorf("IsNamed(%s %s) = %v", tt.v, ty, got)
		}
		if got := typesutil.IsNamedOrPointer(ty, "net/http", "Server"); got != tt.orPoint {
			t.Errorf("IsNamedOrPointer(%s %s) = %v", tt.v, ty, got)
		}
	}
	if typesutil.IsNamed(nil, "net/http", "Server") || typesutil.IsNamedOrPointer(nil, "net/http", "Server") {
		t.Error("nil is a type")
	}
}

func TestReceiver(t *testing.T) {
	const src = `package p

type T struct{}
type A = T

func (T) Value()    {}
func (*T) Pointer() {}
func F()            {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tt, _ := pkg.Scope().Lookup("T").Type().(*types.Named)
	method := func(name string) *types.Func {
		for m := range tt.Methods() {
			if m.Name() == name {
				return m
			}
		}
		t.Fatalf("no method %s", name)
		return nil
	}
	for _, c := range []struct {
		fn      *types.Func
		name    string
		pointer bool
	}{
		{method("Value"), "T", false},
		{method("Pointer"), "T", true},
		{pkg.Scope().Lookup("F").(*types.Func), "", false},
	} {
		if name, pointer := typesutil.Receiver(c.fn); name != c.name || pointer != c.pointer {
			t.Errorf("Receiver(%s) = %q, %v; want %q, %v", c.fn.Name(), name, pointer, c.name, c.pointer)
		}
	}
}
