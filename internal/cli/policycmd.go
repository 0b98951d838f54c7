package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xcguard/xcguard/internal/gm"
	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/policy"
)

func runPolicy(_ context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return inputf("policy: name an action: show, validate, keygen, sign or verify (e.g. 'xcguard policy show -profile gov-cloud'); 'xcguard explain policy' explains the file")
	}
	switch args[0] {
	case "show":
		return policyShow(e, args[1:])
	case "validate":
		return policyValidate(e, args[1:])
	case "keygen":
		return policyKeygen(e, args[1:])
	case "sign":
		return policySign(e, args[1:])
	case "verify":
		return policyVerify(e, args[1:])
	}
	return inputf("policy: unknown action %q: use show, validate, keygen, sign or verify", args[0])
}

// policyShow prints the effective policy: the file (or the nearest
// .xcguard.yml) combined with the profiles, every field resolved.
func policyShow(e *env, args []string) error {
	fs := newFlagSet("policy show", "", 0)
	file := fs.String("policy", "", "policy file (default: $XCGUARD_POLICY, else the nearest .xcguard.yml upward, else the embedded default)")
	profile := fs.String("profile", "", "embedded profiles to apply, comma-separated (default: $XCGUARD_PROFILE)")
	format := fs.String("format", "yaml", "yaml or json")
	var c common
	c.registerTrust(fs)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *format != "yaml" && *format != "json" {
		return inputf("policy show: unknown format %q: use yaml or json", *format)
	}
	c.policy, c.profile = *file, *profile
	p, err := loadPolicy(&c, ".")
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	data, err := p.YAML()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "# effective policy, from: %s\n", strings.Join(unique(p.Sources), ", "))
	_, err = e.stdout.Write(data)
	return err
}

// policyValidate checks policy files (default: the nearest .xcguard.yml).
func policyValidate(e *env, args []string) error {
	fs := newFlagSet("policy validate", "[FILE...]", -1)
	var c common
	c.registerTrust(fs)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	files := fs.Args()
	named := true
	if len(files) == 0 {
		f, ok := policy.Find(".")
		if !ok {
			return inputf("policy validate: no %s here or above: name a file", policy.FileName)
		}
		files, named = []string{f}, false
	}
	for _, f := range files {
		req, err := c.request(".")
		if err != nil {
			return err
		}
		req.File, req.Named, req.Profiles = f, named, nil
		if _, err := req.Load(); err != nil {
			return inputf("invalid policy: %v", err)
		}
		fmt.Fprintf(e.stdout, "%s: valid\n", f)
	}
	return nil
}

// unique drops repeated entries, keeping the first of each.
func unique(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// policyKeygen writes a new SM2 key pair: NAME.key (PKCS #8 PEM, mode 0600)
// and NAME.pub. It never overwrites a key and never prints the private one.
func policyKeygen(e *env, args []string) error {
	fs := newFlagSet("policy keygen", "", 0)
	name := fs.String("o", "", "write the key pair to NAME.key and NAME.pub")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *name == "" {
		return inputf("policy keygen: name the key pair: xcguard policy keygen -o org")
	}
	key, err := gm.GenerateKey()
	if err != nil {
		return err
	}
	priv, err := key.MarshalPEM()
	if err != nil {
		return err
	}
	pub, err := key.Public().MarshalPEM()
	if err != nil {
		return err
	}
	if fi, err := os.Lstat(*name); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		// /dev/stdout: -o is a name, not a place to write.
		return inputf("policy keygen: -o %s is a device or link, not a name: -o takes a name and writes NAME.key and NAME.pub (e.g. -o org)", *name)
	}
	if dir := filepath.Dir(*name); dir != "." {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return inputf("policy keygen: -o %s: %s is not a directory: create it first, or name the pair in an existing one", *name, dir)
		}
	}
	keyFile, pubFile := *name+".key", *name+".pub"
	for _, f := range []string{keyFile, pubFile} {
		if _, err := os.Lstat(f); err == nil {
			return inputf("policy keygen: %s exists: choose another name, or move it away first (a key is never overwritten)", f)
		}
	}
	if err := writeNew(keyFile, priv, 0o600); err != nil {
		return inputf("policy keygen: %v", err)
	}
	if err := writeNew(pubFile, pub, 0o644); err != nil {
		os.Remove(keyFile)
		return inputf("policy keygen: %v", err)
	}
	fmt.Fprintf(e.stderr, "xcguard: wrote %s (private, mode 0600: keep it out of the repository) and %s\n", keyFile, pubFile)
	return nil
}

// writeNew creates a file that must not exist yet.
func writeNew(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// policySign writes FILE.sig: an SM2 signature of the file's exact bytes.
func policySign(e *env, args []string) error {
	fs := newFlagSet("policy sign", "FILE...", -1)
	keyFile := fs.String("key", "", "SM2 private key (PEM), from xcguard policy keygen or openssl genpkey -algorithm SM2")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *keyFile == "" || fs.NArg() == 0 {
		return inputf("policy sign: name the key and the files: xcguard policy sign -key org.key org.yml")
	}
	key, err := readPrivateKey("key", *keyFile)
	if err != nil {
		return err
	}
	for _, f := range fs.Args() {
		data, err := inputfile.Read(f, inputfile.PolicyMax)
		if err != nil {
			return inputf("policy sign: cannot read %s: %v", f, unwrapPathError(err))
		}
		// A file that does not load is not worth signing.
		if _, err := policy.Load(f, nil); err != nil {
			return inputf("policy sign: invalid policy: %v", err)
		}
		sig, err := key.Sign(data)
		if err != nil {
			return err
		}
		out, err := createOut("sig", f+policy.SignatureSuffix)
		if err != nil {
			return err
		}
		if err := out.commit(sig); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "xcguard: signed %s: %s\n", f, f+policy.SignatureSuffix)
	}
	return nil
}

// policyVerify checks FILE.sig against FILE with a public key; a signature
// that does not verify is a failed check (exit 1).
func policyVerify(e *env, args []string) error {
	fs := newFlagSet("policy verify", "FILE...", -1)
	keyFile := fs.String("key", "", "SM2 public key (PEM) the files were signed with")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if *keyFile == "" || fs.NArg() == 0 {
		return inputf("policy verify: name the key and the files: xcguard policy verify -key org.pub org.yml")
	}
	pub, err := readPublicKey("policy verify", "key", *keyFile)
	if err != nil {
		return err
	}
	failed := false
	for _, f := range fs.Args() {
		data, err := inputfile.Read(f, inputfile.PolicyMax)
		if err != nil {
			return inputf("policy verify: cannot read %s: %v", f, unwrapPathError(err))
		}
		sig, err := inputfile.Read(f+policy.SignatureSuffix, inputfile.PolicyMax)
		if err != nil {
			fmt.Fprintf(e.stderr, "xcguard: %s: no signature %s\n", f, f+policy.SignatureSuffix)
			failed = true
			continue
		}
		if err := pub.Verify(data, sig); err != nil {
			fmt.Fprintf(e.stderr, "xcguard: %s: %v\n", f, err)
			failed = true
			continue
		}
		fmt.Fprintf(e.stdout, "%s: signature verified\n", f)
	}
	if failed {
		return errFindings
	}
	return nil
}
