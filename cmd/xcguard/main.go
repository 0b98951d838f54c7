// Command xcguard is the compliance gate for Go code shipped into xinchuang
// (信创) environments. See the README and docs/rules.
package main

import (
	"os"

	"github.com/xcguard/xcguard/internal/cli"
)

func main() { os.Exit(cli.Main()) }
