package mid // want package:"links net/http/pprof via b; expvar via vars}"

import (
	_ "b"
	_ "vars"
)
