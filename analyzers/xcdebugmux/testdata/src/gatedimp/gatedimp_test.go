package gatedimp

import (
	_ "net/http/pprof"
	"testing"
)

func TestMain(t *testing.T) {}
