// Package cli implements the xcguard command: its subcommands, flags, exit
// codes and output. Run is the whole command; Main adds the process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

// Main runs xcguard with the process's arguments and returns the exit code.
// When go vet runs xcguard as its -vettool, Main speaks the unitchecker
// protocol instead and does not return.
//
// SIGINT and SIGTERM (Ctrl-C, timeout, a CI cancel) end the run: what it
// started (go build, a smoke run and whatever that started) is killed, its
// scratch files are removed, and it exits 3. A second signal, or a run
// that has not stopped within interruptGrace, ends the process at once.
func Main() int {
	args := os.Args[1:]
	if isVetTool(args) {
		return vetTool(args, os.Stdout)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal has its default effect
		time.Sleep(interruptGrace)
		fmt.Fprintf(os.Stderr, "xcguard: interrupted, and did not stop within %s\n", interruptGrace)
		os.Exit(exitInternal)
	}()
	err := Run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
	if err != nil && ctx.Err() != nil {
		err = errInterrupted
	}
	if err != nil && err != errFindings {
		fmt.Fprintf(os.Stderr, "xcguard: %s\n", oneLine(err.Error()))
	}
	return exitCode(err)
}

// interruptGrace is how long an interrupted run has to stop what it
// started and clean up.
const interruptGrace = 10 * time.Second

// errInterrupted ends a run stopped by a signal.
var errInterrupted = errors.New("interrupted: stopped what the run had started and removed its scratch files")

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
		{"fix", "apply the mechanical GM migrations (SM3, SM4); -diff prints them, -plan the checklist of the rest", runFix},
		{"inventory", "the crypto the program uses, for 密评: json, CycloneDX 1.6 CBOM or markdown", runInventory},
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
		if len(args) == 2 {
			// help vet: the subcommand's own help.
			return Run(ctx, []string{args[1], "-h"}, stdin, stdout, stderr)
		}
		usage(stdout)
		return nil
	}
	if strings.HasPrefix(args[0], "-") {
		return inputf("%s before the subcommand: write flags after it (xcguard vet %s …)", args[0], args[0])
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
