package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/xcguard/xcguard/internal/inputfile"
)

// signMax bounds a file sign reads whole: release archives and checksum
// files, not disk images.
const signMax = 4 << 30

// runSign writes an SM2 signature of any file (a release checksum file, an
// archive): what goreleaser's signs: runs, and what OpenSSL 3 verifies.
func runSign(_ context.Context, e *env, args []string) error {
	fs := newFlagSet("sign", "FILE", 1)
	keyFile := fs.String("key", "", "SM2 private key (PEM), from xcguard policy keygen or openssl genpkey -algorithm SM2")
	output := fs.String("o", "", "signature file (default FILE.sig)")
	verifyKey := fs.String("verify", "", "instead of signing, check the signature with this SM2 public key (PEM)")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return inputf("sign: name one file: xcguard sign -key org.key -o app.tar.gz.sig app.tar.gz")
	}
	file := fs.Arg(0)
	sigFile := *output
	if sigFile == "" {
		sigFile = file + ".sig"
	}
	data, err := inputfile.Read(file, signMax)
	if err != nil {
		return inputf("sign: cannot read %s: %v", file, unwrapPathError(err))
	}
	if in, err := os.Stat(file); err == nil {
		if out, err := os.Stat(sigFile); err == nil && os.SameFile(in, out) {
			return inputf("sign: -o %s is the file being signed: name another signature file (default %s.sig)", sigFile, file)
		}
	}
	if *verifyKey != "" && *keyFile != "" {
		return inputf("sign: -key signs and -verify checks: give one of them")
	}
	if *verifyKey != "" {
		pub, err := readPublicKey("sign", "verify", *verifyKey)
		if err != nil {
			return err
		}
		sig, err := inputfile.Read(sigFile, inputfile.PolicyMax)
		if err != nil {
			return inputf("sign -verify: cannot read the signature %s: %v: name it with -o", sigFile, unwrapPathError(err))
		}
		if err := pub.Verify(data, sig); err != nil {
			fmt.Fprintf(e.stderr, "xcguard: %s: %v\n", file, err)
			return errFindings
		}
		fmt.Fprintf(e.stdout, "%s: signature verified\n", file)
		return nil
	}
	if *keyFile == "" {
		return inputf("sign: name the key: xcguard sign -key org.key FILE")
	}
	key, err := readPrivateKey("key", *keyFile)
	if err != nil {
		return err
	}
	sig, err := key.Sign(data)
	if err != nil {
		return err
	}
	out, err := createOut("o", sigFile)
	if err != nil {
		return err
	}
	return out.commit(sig)
}
