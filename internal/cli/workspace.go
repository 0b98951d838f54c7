package cli

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/internal/proc"
	"github.com/xcguard/xcguard/report"
)

// workspaceModules returns the directories of the modules of the go.work
// whose root is dir (slash-separated, relative to dir: "a", ".",
// "../shared"), or nil when dir is not a workspace root. Inside one of the
// workspace's modules everything works as for a module (-C module).
// GOWORK=off turns workspaces off, and GOWORK=FILE names the go.work, as
// for the go command.
func workspaceModules(dir string) ([]string, error) {
	file := filepath.Join(dir, "go.work")
	switch env := os.Getenv("GOWORK"); {
	case env == "off":
		return nil, nil
	case env != "":
		file = env
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	absFile, err := filepath.Abs(file)
	if err != nil || filepath.Dir(absFile) != absDir {
		return nil, nil
	}
	data, err := inputfile.Read(absFile, inputfile.PolicyMax)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, inputf("cannot read %s: %v", file, unwrapPathError(err))
	}
	wf, err := modfile.ParseWork(file, data, nil)
	if err != nil {
		return nil, inputf("%s does not parse (%v): fix it as go work edit would", file, proc.Lines(err.Error(), 1, 200)[0])
	}
	var dirs []string
	for _, u := range wf.Use {
		d := path.Clean(filepath.ToSlash(u.Path))
		if filepath.IsAbs(u.Path) {
			d = filepath.ToSlash(relPath(absDir, u.Path))
		}
		dirs = append(dirs, d)
	}
	if len(dirs) == 0 {
		return nil, inputf("%s uses no module: add one with go work use", file)
	}
	return dirs, nil
}

// workspacePatterns turns ./... at a workspace root, which the go command
// refuses there ("directory prefix . does not contain modules listed in
// go.work"), into the pattern of every module of the workspace.
func workspacePatterns(patterns, modules []string) []string {
	var out []string
	for _, p := range patterns {
		if p != "./..." {
			out = append(out, p)
			continue
		}
		for _, m := range modules {
			switch {
			case m == ".":
				out = append(out, "./...")
			case filepath.IsAbs(m), strings.HasPrefix(m, "../"):
				out = append(out, m+"/...")
			default:
				out = append(out, "./"+m+"/...")
			}
		}
	}
	return out
}

// inModule makes a module's findings name files from the workspace root.
func inModule(module string, fs []report.Finding) {
	if module == "." {
		return
	}
	join := func(f string) string {
		if f == "" || filepath.IsAbs(filepath.FromSlash(f)) || strings.HasPrefix(f, "/") {
			return f
		}
		return path.Join(module, f)
	}
	for i := range fs {
		fs[i].File = join(fs[i].File)
		for j := range fs[i].Related {
			fs[i].Related[j].File = join(fs[i].Related[j].File)
		}
		if fs[i].Fix != nil {
			for j := range fs[i].Fix.Edits {
				fs[i].Fix.Edits[j].File = join(fs[i].Fix.Edits[j].File)
			}
		}
	}
}
