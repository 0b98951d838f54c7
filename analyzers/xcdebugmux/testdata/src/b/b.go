package b // want package:"links net/http/pprof, imported by this package}"

// Package b links net/http/pprof for whoever imports it.
import _ "net/http/pprof"
