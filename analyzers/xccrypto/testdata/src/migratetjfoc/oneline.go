package migratetjfoc

// next line refused `the import shares its line with other code: put it on a line of its own \(gofmt does\), then run the fix again`
import ("crypto/sha256"; "fmt") // want `^XC102: import of crypto/sha256,`

func Hex(b []byte) string { return fmt.Sprintf("%x", sha256.Sum256(b)) }
