package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xcguard/xcguard/report"
)

// An outFile is written in full or not at all: the report goes to a
// temporary file beside the target, renamed over it only when complete.
type outFile struct {
	path string
	tmp  *os.File
}

// createOut opens the temporary file at once, so that an unwritable path is
// reported before any work is done.
func createOut(flag, path string) (*outFile, error) {
	if path == "" {
		return nil, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, inputf("-%s %s is a directory: name a file", flag, path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, inputf("cannot write -%s %s: %v: choose a writable path", flag, path, unwrapPathError(err))
	}
	return &outFile{path: path, tmp: tmp}, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// commit writes data and renames the file into place.
func (o *outFile) commit(data []byte) error {
	if _, err := o.tmp.Write(data); err != nil {
		o.discard()
		return inputf("writing %s: %v", o.path, err)
	}
	if err := o.tmp.Close(); err != nil {
		os.Remove(o.tmp.Name())
		return inputf("writing %s: %v", o.path, err)
	}
	if err := os.Chmod(o.tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(o.tmp.Name(), o.path); err != nil {
		os.Remove(o.tmp.Name())
		return inputf("writing %s: %v", o.path, err)
	}
	return nil
}

// discard removes the temporary file, leaving any earlier report in place.
func (o *outFile) discard() {
	if o != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
	}
}

// outputs are the places a report goes: the main format to stdout or -o,
// and SARIF to -sarif.
type outputs struct {
	format report.Format
	main   *outFile
	sarif  *outFile
	// parts are the parts of xcguard the command ran (vet, audit, build):
	// one SARIF run each.
	parts []string
}

func openOutputs(c *common) (*outputs, error) {
	main, err := createOut("o", c.path(c.output))
	if err != nil {
		return nil, err
	}
	sarif, err := createOut("sarif", c.path(c.sarif))
	if err != nil {
		main.discard()
		return nil, err
	}
	return &outputs{format: c.format, main: main, sarif: sarif}, nil
}

// close discards what was not committed (after an error).
func (o *outputs) close() {
	o.main.discard()
	o.sarif.discard()
}

var tool = report.Tool{Name: "xcguard", URI: "https://github.com/xcguard/xcguard"}

// write renders the findings to every output.
func (o *outputs) write(e *env, findings []report.Finding) error {
	t := tool
	t.Version = version()
	t.Parts = o.parts
	var buf bytes.Buffer
	if err := report.Write(&buf, o.format, t, findings); err != nil {
		return err
	}
	if o.main != nil {
		if err := o.main.commit(buf.Bytes()); err != nil {
			return err
		}
		o.main = nil
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing report: %v", err)
	}
	if o.sarif != nil {
		buf.Reset()
		if err := report.Write(&buf, report.SARIF, t, findings); err != nil {
			return err
		}
		if err := o.sarif.commit(buf.Bytes()); err != nil {
			return err
		}
		o.sarif = nil
	}
	return nil
}

// finish writes the report and turns error-severity findings into exit 1.
func (o *outputs) finish(e *env, findings []report.Finding) error {
	if err := o.write(e, findings); err != nil {
		return err
	}
	if report.Summarize(findings).Errors > 0 {
		return errFindings
	}
	return nil
}
