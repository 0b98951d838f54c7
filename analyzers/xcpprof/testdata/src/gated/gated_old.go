// +build debug

package gated

import _ "net/http/pprof"
