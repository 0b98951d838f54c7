package cli

import (
	"context"
	"fmt"

	"github.com/xcguard/xcguard/cibuild"
	"github.com/xcguard/xcguard/policy"
)

func runDoctor(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlagSet("doctor", "", 0)
	fs.StringVar(&c.dir, "C", "", "run as if in this directory: the policy search starts there")
	fs.StringVar(&c.policy, "policy", "", "policy file (default: $XCGUARD_POLICY, else the nearest .xcguard.yml upward, else the embedded default)")
	fs.StringVar(&c.profile, "profile", "", "embedded profiles to apply, comma-separated (default: $XCGUARD_PROFILE)")
	c.registerTrust(fs)
	var target targetFlag
	fs.Var(&target, "target", "GOOS/GOARCH to check (default: the policy's build.targets)")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	pol, err := loadPolicy(&c, c.workDir())
	if err != nil {
		return err
	}
	if err := checkCompiler(pol); err != nil {
		return err
	}
	var targets []policy.Target
	if target.Target != "" {
		targets = []policy.Target{target.Target}
	}
	checks := cibuild.Doctor(ctx, pol, targets)
	failed, warned := 0, 0
	for _, ch := range checks {
		mark := "ok  "
		switch {
		case !ch.OK:
			mark = "FAIL"
			failed++
		case ch.Warn:
			mark = "warn"
			warned++
		}
		name := ch.Name
		if ch.Target != "" {
			name = string(ch.Target) + " " + name
		}
		fmt.Fprintf(e.stdout, "%s  %s: %s\n", mark, name, ch.Detail)
		if (!ch.OK || ch.Warn) && ch.Fix != "" {
			fmt.Fprintf(e.stdout, "      fix: %s\n", ch.Fix)
		}
	}
	if failed > 0 {
		return inputf("doctor: %d of %d checks failed: fix them and run xcguard doctor again", failed, len(checks))
	}
	if warned > 0 {
		fmt.Fprintf(e.stdout, "xcguard doctor: all %d checks passed, %d with a warning\n", len(checks), warned)
		return nil
	}
	fmt.Fprintf(e.stdout, "xcguard doctor: all %d checks passed\n", len(checks))
	return nil
}
