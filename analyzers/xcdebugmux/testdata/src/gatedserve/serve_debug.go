//go:build debug

package gatedserve

import "net/http"

func init() { go http.ListenAndServe("127.0.0.1:6060", nil) }
