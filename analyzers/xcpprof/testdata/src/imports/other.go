package imports

// Other packages of the same family are not XC201.
import (
	_ "expvar"
	_ "runtime/pprof"
)
