//go:build debug

package gatedimp

import _ "net/http/pprof"
