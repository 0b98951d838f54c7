// Command floor loads and type-checks packages from source, as every
// analysis driver must before it analyzes anything: the lower bound the
// bench/compare.sh ratios are measured against.
//
//	go run ./bench/floor net/... crypto/...
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"
)

func main() {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax}
	pkgs, err := packages.Load(cfg, os.Args[1:]...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	n := 0
	packages.Visit(pkgs, nil, func(*packages.Package) { n++ })
	fmt.Printf("%d packages loaded and type-checked\n", n)
}
