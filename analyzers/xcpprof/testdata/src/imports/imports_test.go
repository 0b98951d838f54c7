package imports

// Test files are not default builds: silent unless -xcconfig.tests.
import _ "net/http/pprof"
