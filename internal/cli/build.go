package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xcguard/xcguard/cibuild"
	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/policy"
	"github.com/xcguard/xcguard/report"
)

func runBuild(ctx context.Context, e *env, args []string) error {
	c := common{parts: []string{"build"}}
	fs := newFlagSet("build", "[package] | -verify [dist]", 1)
	c.registerOutput(fs)
	c.registerBaseline(fs)
	dist := fs.String("dist", "dist", "directory for the binaries, SM3SUMS and manifest.json")
	ldflags := fs.String("ldflags", "", "linker flags, added after the policy's build.ldflags")
	tags := fs.String("tags", "", "comma-separated build tags")
	smoke := fs.Bool("smoke", false, "run each binary after the build (XC506): natively, or under qemu-user with the target's sysroot and CPU model")
	signKey := fs.String("sign-key", "", "SM2 private key (PEM) to sign manifest.json with (manifest.json.sig)")
	verify := fs.Bool("verify", false, "verify a dist directory instead of building: SM3 digests, manifest, and with -verify-key its signature")
	verifyKey := fs.String("verify-key", "", "SM2 public key (PEM) that manifest.json.sig must verify with (with -verify)")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *verify {
		return verifyDist(e, &c, cmp.Or(fs.Arg(0), *dist), *verifyKey)
	}
	if *verifyKey != "" {
		return inputf("build: -verify-key needs -verify")
	}
	pol, err := buildPolicy(&c, *smoke)
	if err != nil {
		return err
	}
	runSmoke, err := smokeRun(pol, *smoke)
	if err != nil {
		return err
	}
	var key *gm.PrivateKey
	if *signKey != "" {
		if key, err = readPrivateKey("sign-key", c.path(*signKey)); err != nil {
			return err
		}
	}
	out, err := openOutputs(ctx, &c)
	if err != nil {
		return err
	}
	defer out.close()
	opt := cibuild.Options{
		Dir:     c.workDir(),
		Package: fs.Arg(0),
		Policy:  pol,
		Dist:    c.path(*dist),
		LDFlags: *ldflags,
		Tags:    *tags,
		Smoke:   runSmoke,
		SignKey: key,
		Version: version(),
		Cache:   linkCache(),
	}
	findings, err := buildFindings(ctx, e, opt)
	var partial *cibuild.PartialError
	if errors.As(err, &partial) {
		// The run fails (exit 2). In text the findings of the targets
		// that built are printed first; a machine-read report is the
		// failure document, one per file, and those findings are in the
		// manifest with each artifact's checks.
		if c.format == report.Text && c.sarif == "" {
			if ferr := out.finish(e, findings); ferr != nil && !errors.Is(ferr, errFindings) {
				return ferr
			}
		}
		return inputf("build: %v", partial)
	}
	if err != nil {
		return err
	}
	return out.finish(e, findings)
}

// buildPolicy loads the policy of a build: its compiler must be one the
// pipeline chose, and a smoke run asked for on the command line counts
// even where the profile does not ask for one (gov-cloud).
func buildPolicy(c *common, smoke bool) (*policy.Policy, error) {
	pol, err := loadPolicy(c, c.workDir())
	if err != nil {
		return nil, err
	}
	if err := checkCompiler(pol); err != nil {
		return nil, err
	}
	if smoke && !pol.Enabled("XC506") {
		pol.Rules["XC506"] = policy.Error
	}
	return pol, nil
}

// buildFindings builds and inspects, with progress on a terminal.
func buildFindings(ctx context.Context, e *env, opt cibuild.Options) ([]report.Finding, error) {
	if isTerminal(e.stderr) {
		opt.Progress = e.stderr
	}
	res, err := cibuild.Build(ctx, opt)
	var in *cibuild.InputError
	var fe *cibuild.FileError
	var partial *cibuild.PartialError
	switch {
	case errors.As(err, &partial):
		return res.Findings, partial
	case errors.As(err, &in):
		return nil, inputf("build: %v", in)
	case errors.As(err, &fe):
		return nil, inputf("build: %v", fe)
	case err != nil:
		return nil, err
	}
	return res.Findings, nil
}

// verifyDist checks a dist directory; a dist that does not verify is a
// failed check (exit 1), with one line saying which file and why.
func verifyDist(e *env, c *common, dist, keyFile string) error {
	var pub *gm.PublicKey
	if keyFile != "" {
		var err error
		if pub, err = readPublicKey("build -verify", "verify-key", c.path(keyFile)); err != nil {
			return err
		}
	}
	files, err := cibuild.Verify(c.path(dist), pub)
	var ve *cibuild.VerifyError
	var in *cibuild.InputError
	switch {
	case errors.As(err, &ve):
		fmt.Fprintf(e.stderr, "xcguard: %s does not verify: %v\n", dist, ve)
		return errFindings
	case errors.As(err, &in):
		return inputf("build -verify: %v", in)
	case err != nil:
		return err
	}
	signed := "unsigned"
	switch _, err := os.Lstat(filepath.Join(c.path(dist), cibuild.SignatureFile)); {
	case pub != nil:
		signed = "signature verified"
	case err == nil:
		signed = "signed, but the signature was not checked: pass -verify-key"
	}
	fmt.Fprintf(e.stderr, "xcguard: %s verified: %s, SM3 digests match, %s\n", dist, plural(len(files), "file", "files"), signed)
	return nil
}

// readPublicKey reads the SM2 public key a -flag of command cmd names.
func readPublicKey(cmd, flag, path string) (*gm.PublicKey, error) {
	data, err := inputfile.Read(path, inputfile.PolicyMax)
	if err != nil {
		return nil, inputf("%s: cannot read -%s %s: %v", cmd, flag, path, unwrapPathError(err))
	}
	k, err := gm.ParsePublicKeyPEM(data)
	if err != nil {
		return nil, inputf("%s: -%s %s: %v", cmd, flag, path, err)
	}
	return k, nil
}

// readPrivateKey reads the SM2 private key a -flag names.
func readPrivateKey(flag, path string) (*gm.PrivateKey, error) {
	data, err := inputfile.Read(path, inputfile.PolicyMax)
	if err != nil {
		return nil, inputf("cannot read -%s %s: %v", flag, path, unwrapPathError(err))
	}
	k, err := gm.ParsePrivateKeyPEM(data)
	if err != nil {
		return nil, inputf("-%s %s: %v", flag, path, err)
	}
	return k, nil
}

// isTerminal reports whether w is a terminal, for progress lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// linkCache is the build wrapper's link cache: $XCGUARD_CACHE, none when
// that is "off", else xcguard/link in the user's cache directory.
func linkCache() string {
	dir := os.Getenv("XCGUARD_CACHE")
	switch strings.ToLower(dir) {
	case "off", "0", "false", "none":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "xcguard", "link")
	default:
		return dir
	}
}
