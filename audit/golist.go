package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/xcguard/xcguard/internal/gomsg"
	"github.com/xcguard/xcguard/internal/proc"
)

// A GoRunner runs the go command in dir with args and returns its standard
// output, or an error that holds its standard error. The environment is the
// process's, with GOWORK=off: a module is audited on its own go.mod.
type GoRunner func(ctx context.Context, dir string, args ...string) ([]byte, error)

// A GoError is the go command failing; Stderr is what it said.
type GoError struct {
	Args   []string
	Stderr string
	Err    error
}

func (e *GoError) Error() string {
	return fmt.Sprintf("go %s: %s", strings.Join(e.Args, " "), firstLine(e.Stderr, e.Err))
}

// firstLine is what the go command said, as one line (gomsg.Line).
func firstLine(stderr string, err error) string {
	if msg := gomsg.Line(stderr); msg != "" {
		return msg
	}
	if err != nil {
		return err.Error()
	}
	return "failed"
}

func execGo(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := proc.Command(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout bytes.Buffer
	var stderr proc.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, inputf("the go command is not on PATH: install Go or add its bin directory to PATH (the audit runs go list)")
		}
		return nil, &GoError{Args: args, Stderr: stderr.String(), Err: err}
	}
	return stdout.Bytes(), nil
}

// listFields are the go list -json fields the used view reads.
const listFields = "ImportPath,Name,Dir,ForTest,Standard,DepOnly,Module,Imports,ImportMap,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,Error"

// load runs the go commands of the graph and used views, side by side.
// They read copies of go.mod and go.sum (-modfile), so that nothing they
// might update (under GOFLAGS=-mod=mod) touches the module.
func (a *auditor) load(ctx context.Context) error {
	tmp, err := os.MkdirTemp("", "xcguard-audit-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	modfile := func(name string) (string, error) {
		dir := filepath.Join(tmp, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return "", err
		}
		for _, f := range []string{"go.mod", "go.sum"} {
			data, err := os.ReadFile(filepath.Join(a.root, f))
			if err != nil && f == "go.sum" {
				continue // no dependencies, or -mod=mod will write one
			}
			if err != nil {
				return "", err
			}
			if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
				return "", err
			}
		}
		return "-modfile=" + filepath.Join(dir, "go.mod"), nil
	}
	graphMod, err := modfile("graph")
	if err != nil {
		return err
	}
	listMod, err := modfile("list")
	if err != nil {
		return err
	}
	listArgs := []string{"list", listMod, "-e", "-deps", "-json=" + listFields}
	if a.opt.Tests {
		listArgs = append(listArgs, "-test")
	}
	if a.opt.Tags != "" {
		listArgs = append(listArgs, "-tags="+a.opt.Tags)
	}
	listArgs = append(listArgs, "./...")

	var (
		wg                        sync.WaitGroup
		graphOut, listOut, envOut []byte
		graphErr, listErr, envErr error
	)
	wg.Add(2)
	go func() { defer wg.Done(); graphOut, graphErr = a.opt.Go(ctx, a.root, "mod", "graph", graphMod) }()
	go func() { defer wg.Done(); listOut, listErr = a.opt.Go(ctx, a.root, listArgs...) }()
	if a.opt.Why {
		wg.Add(1)
		go func() { defer wg.Done(); envOut, envErr = a.opt.Go(ctx, a.root, "env", "GOMODCACHE") }()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range []error{listErr, graphErr, envErr} {
		var in *InputError
		if errors.As(err, &in) {
			return err // the go command is missing
		}
	}
	if envErr == nil {
		a.modcache = strings.TrimSpace(string(envOut))
	}

	var listProblem string
	if listErr != nil {
		var ge *GoError
		if !errors.As(listErr, &ge) {
			return listErr
		}
		msg := firstLine(ge.Stderr, ge.Err)
		switch {
		case strings.Contains(ge.Stderr, "inconsistent vendoring"):
			msg, _, _ := strings.Cut(oneLine(ge.Stderr), " To ignore the vendor directory")
			return inputf("the vendor directory is out of sync with go.mod: run go mod vendor (go list: %s)", msg)
		case !unresolvable(ge.Stderr):
			return inputf("go list cannot load the packages: %s", msg)
		}
		listProblem = msg
	} else {
		pg, problem, err := decodePackages(listOut)
		if err != nil {
			return err
		}
		if problem == "" {
			a.pkgs = pg
		}
		listProblem = problem
	}

	var graphProblem string
	if graphErr != nil {
		var ge *GoError
		if !errors.As(graphErr, &ge) {
			return graphErr
		}
		switch {
		case a.pkgs != nil && a.pkgs.vendor:
			// A vendored build needs no module cache: the used view is
			// the build list.
		case !unresolvable(ge.Stderr):
			return inputf("go mod graph cannot read the module graph: %s", firstLine(ge.Stderr, ge.Err))
		default:
			graphProblem = firstLine(ge.Stderr, ge.Err)
		}
	} else {
		a.graph = parseGraph(graphOut)
	}

	const fix = "for the full audit, run go mod download where the module proxy is reachable"
	switch {
	case graphProblem != "" && a.pkgs == nil:
		a.degraded = fmt.Sprintf("cannot resolve the module graph (%s): auditing go.mod alone (declared view); %s", graphProblem, fix)
	case graphProblem != "":
		a.degraded = fmt.Sprintf("cannot resolve the module graph (%s): auditing go.mod and the packages that load (declared and used views); %s", graphProblem, fix)
	case listProblem != "":
		a.degraded = fmt.Sprintf("cannot load the packages (%s): auditing the build list without package use or import chains (graph view); %s", listProblem, fix)
	}
	return nil
}

// unresolvable reports whether the go command failed for want of modules it
// could not fetch (offline, proxy off or unreachable, not in the cache),
// rather than because of the module itself.
func unresolvable(stderr string) bool {
	for _, s := range []string{
		"module lookup disabled",
		"dial tcp", "no such host", "connection refused", "i/o timeout", "network is unreachable", "proxyconnect",
		"unrecognized import path", "reading http", "404 Not Found", "410 Gone", "Get \"http",
		"terminal prompts disabled", "git ls-remote", "verifying module", "checksum database",
		"cannot find module providing package",
	} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// oneLine joins the go command's lines into one.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// listPkg is a package as go list -json prints it.
type listPkg struct {
	ImportPath   string
	Name         string
	Dir          string
	ForTest      string
	Standard     bool
	DepOnly      bool
	Module       *listModule
	Imports      []string
	ImportMap    map[string]string
	GoFiles      []string
	CgoFiles     []string
	TestGoFiles  []string
	XTestGoFiles []string
	Error        *struct{ Pos, Err string }
}

type listModule struct {
	Path    string
	Version string
	Main    bool
	Dir     string
	GoMod   string
	Replace *listModule
}

// decodePackages reads go list -deps -json output. problem is a package
// error for want of modules; other package errors are bad input.
func decodePackages(out []byte) (pg *pkgGraph, problem string, err error) {
	pg = &pkgGraph{byPath: map[string]*listPkg{}, byModule: map[string][]string{}, ids: map[string][]string{}}
	dec := json.NewDecoder(bytes.NewReader(out))
	var broken []string
	for {
		p := new(listPkg)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, "", fmt.Errorf("reading go list output: %v", err)
		}
		if p.Error != nil {
			msg := oneLine(p.Error.Err)
			if p.Error.Pos != "" {
				msg = p.Error.Pos + ": " + msg
			}
			if unresolvable(p.Error.Err) {
				return nil, msg, nil
			}
			broken = append(broken, msg)
			continue
		}
		pg.add(p)
	}
	if len(broken) > 0 {
		more := ""
		if len(broken) > 1 {
			more = fmt.Sprintf(" (and %d more)", len(broken)-1)
		}
		return nil, "", inputf("packages do not load: %s%s: fix them, or run go mod tidy", broken[0], more)
	}
	pg.finish()
	return pg, "", nil
}
