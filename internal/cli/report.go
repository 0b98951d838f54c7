package cli

import (
	"bytes"
	"context"
	"errors"
	"path"
	"path/filepath"
	"slices"

	"github.com/xcguard/xcguard/internal/inputfile"
	"github.com/xcguard/xcguard/report"
)

// runReport renders saved JSON reports (the canonical form) in another
// format: a pipeline runs the checks once and renders annotations, a job
// summary and SARIF from the same findings. Several reports are merged.
func runReport(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlagSet("report", "REPORT.json...", -1)
	c.registerReport(fs)
	prefix := fs.String("prefix", "", "directory to put before every file path: the module's directory inside the repository, for annotations")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return inputf("report: name the JSON reports to render: xcguard report -format markdown report.json")
	}
	var findings []report.Finding
	for _, name := range fs.Args() {
		data, err := inputfile.Read(name, inputfile.ReportMax)
		if err != nil {
			return inputf("report: cannot read %s: %v", name, unwrapPathError(err))
		}
		saved, err := report.ReadReport(bytes.NewReader(data))
		c.notes = append(c.notes, saved.Notes...)
		for _, p := range saved.Parts {
			if !slices.Contains(c.parts, p) {
				c.parts = append(c.parts, p)
			}
		}
		var failed *report.FailedRunError
		if errors.As(err, &failed) {
			return inputf("report: %s: %v", name, err)
		}
		if err != nil {
			return inputf("report: %s: %v: write it with -format json", name, err)
		}
		findings = append(findings, saved.Findings...)
	}
	if *prefix != "" {
		for i := range findings {
			findings[i].File = path.Join(filepath.ToSlash(*prefix), findings[i].File)
			for j := range findings[i].Related {
				findings[i].Related[j].File = path.Join(filepath.ToSlash(*prefix), findings[i].Related[j].File)
			}
		}
	}
	out, err := openOutputs(ctx, &c)
	if err != nil {
		return err
	}
	defer out.close()
	return out.finish(e, findings)
}
