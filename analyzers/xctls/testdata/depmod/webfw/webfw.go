// Package webfw is a dependency in a module of its own, with no godebug
// line: the program's godebug lines decide the defaults its endpoints run
// with.
package webfw

import "net/http"

func RunTLS(addr, cert, key string) error {
	return http.ListenAndServeTLS(addr, cert, key, nil)
}
