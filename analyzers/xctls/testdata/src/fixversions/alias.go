package fixversions

import stdtls "crypto/tls"

// The fix names the package as the file does.
var aliased = &stdtls.Config{ServerName: "x"} // want `XC103: tls.Config leaves MinVersion unset`
