//go:build debug

package noallow

import _ "net/http/pprof"
