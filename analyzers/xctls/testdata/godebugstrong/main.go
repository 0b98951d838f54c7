// Command godebugstrong is at go 1.21, whose defaults are weak, but its
// godebug lines set each back: Go's default configuration is the current
// one, and nothing is reported.
package main

import "net/http"

func main() {
	http.ListenAndServeTLS(":8443", "c.pem", "k.pem", nil)
	http.Get("https://example.cn/")
}
