package noallow // want package:"links net/http/pprof, imported by this package}"

// Package noallow runs under iot-edge, where no build tag allows pprof: the
// debug-only import counts (run with -tags debug).
import "net/http"

func Main() {
	http.ListenAndServe(":8080", nil) // want `^XC203: http.ListenAndServe serves http.DefaultServeMux, which exposes /debug/pprof \(net/http/pprof, imported by this package\)$`
}
