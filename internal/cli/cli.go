// Package cli implements the xcguard command: its subcommands, flags, exit
// codes and output. Run is the whole command; Main adds the process.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Main runs xcguard with the process's arguments and returns the exit code.
// When go vet runs xcguard as its -vettool, Main speaks the unitchecker
// protocol instead and does not return.
func Main() int {
	args := os.Args[1:]
	if isVetTool(args) {
		return vetTool(args, os.Stdout)
	}
	err := Run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr)
	if err != nil && err != errFindings {
		fmt.Fprintf(os.Stderr, "xcguard: %v\n", err)
	}
	return exitCode(err)
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// env is what a subcommand reads and writes.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// report is set once a command that writes a report has parsed its
	// flags: where a failure document goes.
	report *common
}

var commands []command

func init() {
	commands = []command{
		{"vet", "run the analyzers on packages (default ./...)", runVet},
		{"audit", "audit go.mod and the build list against the policy (XC401–XC405)", runAudit},
		{"build", "cross-compile per policy into dist/, inspect, SM3SUMS, manifest (XC501–XC508)", runBuild},
		{"inspect", "check binaries built elsewhere against the build policy (XC501–XC508)", runInspect},
		{"check", "what CI runs: the module audit and vet, one report", runCheck},
		{"doctor", "check the toolchain for the policy's targets: Go, C compiler, sysroot, qemu, GM self-test", runDoctor},
		{"sign", "SM2-sign a release file (goreleaser signs:), or -verify one", runSign},
		{"report", "render saved JSON reports as text, sarif, github or markdown", runReport},
		{"list", "every rule: ID, severity per embedded profile, title", runList},
		{"explain", "print a rule's documentation: xcguard explain XC101", runExplain},
		{"policy", "policy show|validate: the effective policy, or check a file", runPolicy},
		{"version", "print the version", runVersion},
	}
}

// Run runs xcguard with args (without the program name). It returns nil,
// errFindings, an *inputError, or another error (internal).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v (please report this with the command you ran)", r)
		}
	}()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return inputf("no subcommand: run 'xcguard help' for the list")
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			switch {
			case err == errHelp:
				return nil
			case err != nil && err != errFindings && e.report != nil:
				writeFailure(e, e.report, err)
			}
			return err
		}
	}
	return inputf("unknown subcommand %q: run 'xcguard help' for the list", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "xcguard: compliance gate for Go code shipped into xinchuang (信创) environments")
	fmt.Fprintln(w, "\nUsage: xcguard <subcommand> [flags] [arguments]")
	fmt.Fprintln(w, "\nSubcommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'xcguard <subcommand> -h' for its flags. As a go vet tool: go vet -vettool=$(which xcguard) ./...")
}

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlagSet("version", "", 0)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "xcguard %s\n", version())
	return nil
}

// version is the module version from build info ("(devel)" in a work tree),
// with the Go toolchain that built the binary.
func version() string {
	v := "(devel)"
	bi, ok := debug.ReadBuildInfo()
	if ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	goVersion := "unknown"
	if ok {
		goVersion = bi.GoVersion
	}
	return fmt.Sprintf("%s %s", v, goVersion)
}
