package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xcguard/xcguard/audit"
	"github.com/xcguard/xcguard/report"
)

func runAudit(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlagSet("audit", "[dir]", 1)
	c.register(fs)
	c.registerBaseline(fs)
	why := fs.Bool("why", false, "show the import chain (or requirement path) that brings each module in, with file:line")
	c.parts = []string{"audit"}
	if err := fs.parse(e, args); err != nil {
		return err
	}
	out, err := openOutputs(ctx, &c)
	if err != nil {
		return err
	}
	defer out.close()
	findings, err := auditModule(ctx, e, &c, fs.Arg(0), *why)
	if err != nil {
		return err
	}
	return out.finish(e, findings)
}

// auditModule audits the module in dir (default: the working directory,
// or -C) against the policy. When a view cannot be read it says so in one
// line on stderr and reports what the others show.
func auditModule(ctx context.Context, e *env, c *common, dir string, why bool) ([]report.Finding, error) {
	if c.dir != "" {
		if fi, err := os.Stat(c.dir); err != nil || !fi.IsDir() {
			return nil, inputf("-C %s: not a directory", c.dir)
		}
	}
	if dir == "" {
		modules, err := workspaceModules(c.workDir())
		if err != nil {
			return nil, err
		}
		if modules != nil {
			return auditWorkspace(ctx, e, c, modules, why)
		}
		dir = c.workDir()
	} else {
		dir = c.path(dir)
	}
	res, err := auditOne(ctx, e, c, dir, why)
	if err != nil {
		return nil, err
	}
	if c.root == "" {
		c.root = res.Root
	}
	return res.Findings, nil
}

// auditWorkspace audits each module of the workspace at the working
// directory on its own go.mod and policy (as it is built and released:
// GOWORK=off), with paths from the workspace root.
func auditWorkspace(ctx context.Context, e *env, c *common, modules []string, why bool) ([]report.Finding, error) {
	root := absPath(c.workDir())
	var all []report.Finding
	for _, m := range modules {
		res, err := auditOne(ctx, e, c, filepath.Join(root, filepath.FromSlash(m)), why)
		if err != nil {
			return nil, err
		}
		inModule(m, res.Findings)
		all = append(all, res.Findings...)
	}
	if c.root == "" {
		c.root = root
	}
	return all, nil
}

// auditOne audits the module in dir against its policy.
func auditOne(ctx context.Context, e *env, c *common, dir string, why bool) (*audit.Result, error) {
	pol, err := loadPolicy(c, dir)
	if err != nil {
		return nil, err
	}
	res, err := audit.Run(ctx, audit.Options{Dir: dir, Policy: pol, Tests: c.tests, Tags: c.tags, Why: why})
	var in *audit.InputError
	if errors.As(err, &in) {
		return nil, inputf("audit: %v", in)
	}
	if err != nil {
		return nil, err
	}
	if res.Degraded != "" {
		fmt.Fprintf(e.stderr, "xcguard: audit: %s\n", res.Degraded)
		c.notes = append(c.notes, "audit: "+res.Degraded)
	}
	return res, nil
}
