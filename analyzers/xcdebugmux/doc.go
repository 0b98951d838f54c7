// Package xcdebugmux defines the analyzer for debug endpoints served on
// http.DefaultServeMux.
//
// # Analyzer xcdebugmux
//
// xcdebugmux: report servers of http.DefaultServeMux in programs that link net/http/pprof or expvar
//
// net/http/pprof registers /debug/pprof and expvar registers /debug/vars on
// http.DefaultServeMux when they are linked, whoever imports them. A package
// fact marks every package that links either of them, directly or through
// any import, with one import chain per debug package (the shortest; the
// package's own imports in _test.go files and in files gated by a tag of
// pprof.allow_build_tags do not count). In a package so marked, XC203
// reports each serving of the default mux: http.ListenAndServe,
// ListenAndServeTLS, Serve and ServeTLS, fcgi.Serve and cgi.Serve whose
// handler is nil or built on http.DefaultServeMux, and an http.Server
// composite literal without a Handler or whose Handler is nil or built on
// the default mux, unless the variable or field the literal is bound to
// gets another Handler assigned elsewhere in the package. A handler is
// built on the default mux when it names http.DefaultServeMux (the mux, a
// wrapper around it, a function that calls it) or a variable assigned such
// a handler somewhere in the package; a handler not known here, such as a
// parameter, is not judged. The message names the chain.
//
// The mux is global, so the pattern is reported in any package where the
// fact holds, a library as much as a main package. A server whose code
// does not itself link pprof or expvar is not reported even when the
// program that imports it does: the fact flows from imports to importers,
// not back. Serving calls in files gated by an allowed tag are debug builds
// and are not reported.
package xcdebugmux
