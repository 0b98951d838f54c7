// A directive outside a main package sets nothing (the go command refuses
// it in a build); it is not judged.

//go:debug tls10server=1

package godebuglib
