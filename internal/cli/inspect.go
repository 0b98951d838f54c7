package cli

import (
	"context"
	"errors"

	"github.com/xcguard/xcguard/cibuild"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

func runInspect(ctx context.Context, e *env, args []string) error {
	c := common{parts: []string{"build"}}
	fs := newFlagSet("inspect", "BINARY...", -1)
	c.registerOutput(fs)
	c.registerBaseline(fs)
	var target targetFlag
	fs.Var(&target, "target", "GOOS/GOARCH to judge the binaries against (default: the policy's build.targets)")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return inputf("inspect: name the binaries to inspect: xcguard inspect dist/app")
	}
	pol, err := loadPolicy(&c, c.workDir())
	if err != nil {
		return err
	}
	out, err := openOutputs(ctx, &c)
	if err != nil {
		return err
	}
	defer out.close()
	var findings []report.Finding
	for _, path := range fs.Args() {
		b, err := cibuild.Read(c.path(path))
		var fe *cibuild.FileError
		if errors.As(err, &fe) {
			return inputf("inspect: %s: %v", path, fe.Err)
		}
		if err != nil {
			return err
		}
		t := target.Target
		if t == "" {
			t = cibuild.TargetFor(b, pol)
		}
		findings = append(findings, cibuild.Inspect(b, pol, t, path)...)
	}
	return out.finish(e, findings)
}

// targetFlag is a -target GOOS/GOARCH flag.
type targetFlag struct{ policy.Target }

func (t *targetFlag) String() string     { return string(t.Target) }
func (t *targetFlag) Set(s string) error { return t.UnmarshalText([]byte(s)) }
