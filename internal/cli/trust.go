package cli

import (
	"strings"

	"github.com/xcguard/xcguard/policy"
)

// A policy file found in the project may have been written by the pull
// request under judgement. It may choose checks and budgets (within what
// the pipeline's profiles and an organisation's locks allow), but it cannot
// make xcguard run a program: a C compiler it names, or the binary it
// builds. Those come from the pipeline: its flags, environment and the
// policies it names, or an organisation policy its key verifies.

// checkCompiler refuses a build or doctor run whose C compiler (build.cc)
// a project file names, unless the pipeline trusts the project.
func checkCompiler(pol *policy.Policy) error {
	files := pol.SetByProject("build.cc")
	if len(files) == 0 || pol.Provenance.Signed {
		return nil
	}
	return inputf("build.cc is set by %s, a policy file found in the project: xcguard runs a compiler that a project file names only when the pipeline trusts the project: pass -trust-project (or set XCGUARD_TRUST_PROJECT=1) if it does, or name the compiler in a policy the pipeline passes (-policy, -profile)", strings.Join(files, ", "))
}

// smokeRun decides whether the build runs its binaries (XC506): when the
// command line asks (-smoke), or when the policy has smoke arguments and
// the rule on, and the pipeline chose them. A project file alone asking
// for a smoke run would make xcguard run the pull request's code beside
// the pipeline's secrets (the signing key): that is refused, not skipped,
// so the policy's check is never silently left out.
func smokeRun(pol *policy.Policy, asked bool) (bool, error) {
	if asked {
		return true, nil
	}
	if len(pol.Build.Smoke.Args) == 0 || !pol.Enabled("XC506") {
		return false, nil
	}
	files := pol.SetByProject("build.smoke.args")
	if len(files) == 0 || pol.Provenance.Signed || pol.SetByPipeline("build.smoke.args") {
		return true, nil
	}
	return false, inputf("build.smoke.args in %s asks for a smoke run, which runs the binary this build makes: a policy file found in the project cannot start programs: pass -smoke to run it (or -trust-project), or remove build.smoke.args", strings.Join(files, ", "))
}
