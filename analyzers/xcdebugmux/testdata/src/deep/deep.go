package deep // want package:"links net/http/pprof via mid -> b; expvar via mid -> vars}"

// Package deep links both debug packages two imports down.
import (
	"log"
	"net/http"

	_ "mid"
)

func Main() {
	log.Fatal(http.ListenAndServe(":8080", nil)) // want `^XC203: http.ListenAndServe serves http.DefaultServeMux, which exposes /debug/pprof \(net/http/pprof via mid -> b\) and /debug/vars \(expvar via mid -> vars\)$`
}
