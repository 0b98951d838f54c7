package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/xcguard/xcguard/analyzers/xcconfig"
	"github.com/xcguard/xcguard/analyzers/xcuse"
	"github.com/xcguard/xcguard/cibuild"
	"github.com/xcguard/xcguard/inventory"
	"github.com/xcguard/xcguard/report"
)

// runInventory lists the crypto the packages use: the algorithms and
// TLS/TLCP endpoints, in their code and in the dependencies they call,
// each judged by the policy.
func runInventory(ctx context.Context, e *env, args []string) error {
	c := common{parts: []string{"inventory"}}
	fs := newFlagSet("inventory", "[packages | BINARY]", -1)
	format := fs.String("format", "json", "output format: "+strings.Join(inventory.Formats, ", ")+" (CycloneDX 1.6 CBOM)")
	fs.StringVar(&c.output, "o", "", "write the inventory to this file instead of standard output")
	c.registerPolicy(fs)
	fs.BoolVar(&c.tests, "tests", false, "also list the crypto of _test.go files")
	fs.StringVar(&c.tags, "tags", "", "comma-separated build tags to load packages with")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if !slices.Contains(inventory.Formats, *format) {
		return inputf("-format %s: an inventory is one of %s", *format, strings.Join(inventory.Formats, ", "))
	}
	out, err := createOut("o", c.path(c.output))
	if err != nil {
		return err
	}
	defer out.discard()
	var inv *inventory.Inventory
	var findings []report.Finding
	if file, ok := binaryArg(&c, fs.Args()); ok {
		// A binary built anywhere: what is linked into it.
		pol, err := loadPolicy(&c, c.workDir())
		if err != nil {
			return err
		}
		b, err := cibuild.Read(c.path(file))
		if err != nil {
			return inputf("%v: name a Go binary, or packages", err)
		}
		inv = inventory.FromBinary(b, file, "xcguard "+version(), pol)
		inv.Policy = c.profile
	} else {
		r, err := analyze(ctx, &c, fs.Args(), xcuse.Analyzer)
		if err != nil {
			return err
		}
		inv, findings = buildInventory(r, c.profile), r.findings
	}
	var buf bytes.Buffer
	if err := inventory.Write(&buf, *format, inv, version()); err != nil {
		return err
	}
	if out != nil {
		if err := out.commit(buf.Bytes()); err != nil {
			return err
		}
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing the inventory: %v", err)
	}
	if report.Summarize(findings).Errors > 0 {
		return errFindings
	}
	return nil
}

// binaryArg reports whether the one argument names a file that is not Go
// source: a binary to inventory rather than packages.
func binaryArg(c *common, args []string) (string, bool) {
	if len(args) != 1 || strings.HasSuffix(args[0], ".go") {
		return "", false
	}
	fi, err := os.Stat(c.path(args[0]))
	return args[0], err == nil && !fi.IsDir()
}

// buildInventory reads xcuse's results on the root packages.
func buildInventory(r *vetRun, profile string) *inventory.Inventory {
	modules := map[string]string{} // package path → module@version, "" for the main module
	mainModule := ""
	packages.Visit(r.pkgs, nil, func(p *packages.Package) {
		switch m := p.Module; {
		case m == nil:
			modules[p.PkgPath] = "std"
		case m.Main:
			modules[p.PkgPath], mainModule = "", m.Path
		case m.Replace != nil && m.Replace.Version == "":
			modules[p.PkgPath] = m.Path + " => " + m.Replace.Path
		default:
			modules[p.PkgPath] = m.Path + "@" + m.Version
		}
	})
	configs := map[*packages.Package]*xcconfig.Config{}
	for _, act := range r.graph.Roots {
		if cfg, ok := act.Result.(*xcconfig.Config); ok && act.Analyzer == xcconfig.Analyzer {
			configs[act.Package] = cfg
		}
	}
	rel := func(file string) string { return relPath(r.root, file) }
	b := inventory.NewBuilder(mainModule, "xcguard "+version(), rel, r.findings)
	for _, act := range r.graph.Roots {
		uses, ok := act.Result.(*xcuse.Uses)
		if !ok || act.Analyzer != xcuse.Analyzer || configs[act.Package] == nil {
			continue
		}
		p := act.Package
		b.Add(inventory.Package{
			Path:   p.PkgPath,
			Fset:   p.Fset,
			Files:  p.Syntax,
			Info:   p.TypesInfo,
			Uses:   uses,
			Policy: configs[act.Package].Policy,
			Module: func(path string) string { return modules[path] },
		})
	}
	var embedded []string
	for _, p := range r.pkgs {
		embedded = append(embedded, p.EmbedFiles...)
	}
	b.AddFiles(inventory.ScanFiles(r.root, embedded, time.Now()))
	inv := b.Inventory()
	inv.Policy = profile
	return inv
}
