// Command edge-gateway is a small but realistic edge service of the kind
// xcguard gates: it signs device reports, forwards them to a provincial
// platform over TLS, and exposes a status page. It breaks several rules on
// purpose; run xcguard on it to see them (README: "Try it").
package main

import (
	"encoding/json"
	"log"
	"net/http"
	_ "net/http/pprof" // debugging left in from the pilot
	"os"
)

func main() {
	up, err := newUpstream(os.Getenv("PLATFORM_URL"))
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		var rep Report
		if err := json.NewDecoder(r.Body).Decode(&rep); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		rep.Signature = sign(rep.Device, rep.Payload)
		if err := up.forward(r.Context(), rep); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	})
	http.HandleFunc("/status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag([]byte("ok")))
		w.Write([]byte("ok\n"))
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
