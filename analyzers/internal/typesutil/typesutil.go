// Package typesutil holds the type questions several analyzers ask, so
// that each is answered one way.
package typesutil

import "go/types"

// IsNamed reports whether t (through aliases) is the named type name of
// the package with import path pkg.
func IsNamed(t types.Type, pkg, name string) bool {
	if t == nil {
		return false
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg
}

// IsNamedOrPointer reports whether t is pkg.name or a pointer to it.
func IsNamedOrPointer(t types.Type, pkg, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return IsNamed(t, pkg, name)
}

// Receiver returns the name of a method's receiver type and whether the
// receiver is a pointer; "" for a function or an unnamed receiver.
func Receiver(fn *types.Func) (name string, pointer bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return "", false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t, pointer = p.Elem(), true
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name(), pointer
	}
	return "", false
}
