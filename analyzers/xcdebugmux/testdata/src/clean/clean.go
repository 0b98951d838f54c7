// Package clean serves the default mux but links no debug package: silent,
// and no fact.
package clean

import "net/http"

func Main() {
	http.ListenAndServe(":8080", nil)
	srv := &http.Server{Addr: ":8080"}
	srv.ListenAndServe()
}
