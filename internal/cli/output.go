package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/xcguard/xcguard/internal/baseline"
	"github.com/xcguard/xcguard/internal/gitdiff"
	"github.com/xcguard/xcguard/report"
)

// An outFile is where a report or signature goes. Over a regular file (or
// where none exists yet) it is written in full or not at all: the data goes
// to a temporary file beside the target, renamed over it only when complete,
// with the mode the file had. A symbolic link is followed, so its target is
// what changes. A device, FIFO, socket or /dev/fd path cannot be replaced:
// it is opened and written straight into (-o /dev/stdout, -o >(cat)).
type outFile struct {
	path   string   // as given, for messages
	target string   // the file written: path with symbolic links resolved
	tmp    *os.File // the temporary file beside target; nil when direct
	direct *os.File // the special file written straight into
	mode   os.FileMode
}

// createOut prepares the output at once, so that an unwritable path is
// reported before any work is done.
func createOut(flag, path string) (*outFile, error) {
	if path == "" {
		return nil, nil
	}
	o := &outFile{path: path, mode: 0o644}
	target, fi, err := resolveOut(path)
	if err != nil {
		return nil, inputf("cannot write -%s %s: %v: choose a writable path", flag, path, unwrapPathError(err))
	}
	o.target = target
	switch {
	case fi != nil && fi.IsDir():
		return nil, inputf("-%s %s is a directory: name a file", flag, path)
	case fi != nil && !fi.Mode().IsRegular(), fi != nil && target == "":
		// A device, FIFO or socket, or a /dev/fd or /proc link that names
		// no path: write into it. O_NONBLOCK makes a FIFO without a reader
		// an error instead of a hang; writes still wait for the reader.
		f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK|appendIf(fi.Mode().IsRegular()), 0)
		if err != nil {
			if errors.Is(err, syscall.ENXIO) {
				return nil, inputf("cannot write -%s %s: a FIFO with no reader: start its reader first", flag, path)
			}
			return nil, inputf("cannot write -%s %s: %v: choose a writable path", flag, path, unwrapPathError(err))
		}
		o.direct = f
		return o, nil
	case fi != nil:
		o.mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return nil, inputf("cannot write -%s %s: %v: choose a writable path", flag, path, unwrapPathError(err))
	}
	o.tmp = tmp
	return o, nil
}

// appendIf: a regular file behind /dev/stdout is the shell's redirection,
// which already truncated it (>) or means to keep it (>>): write at its
// end, never over it.
func appendIf(regular bool) int {
	if regular {
		return os.O_APPEND
	}
	return 0
}

// resolveOut follows symbolic links from path to the file they name, which
// need not exist yet (a dangling link names the file to create). It returns
// that file's info, nil when it does not exist, and target "" when the path
// leads to a file that has no path of its own (/dev/stdout to a pipe).
func resolveOut(path string) (target string, fi os.FileInfo, err error) {
	target = path
	for range 40 {
		lfi, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			return target, nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		if lfi.Mode()&os.ModeSymlink == 0 {
			return target, lfi, nil
		}
		if isMagicLink(target) {
			// /proc/self/fd/1 names an open file, which may have no path
			// ("pipe:[1234]") or one another process holds open: write
			// into what it is.
			fi, err := os.Stat(path)
			return "", fi, err
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
	return "", nil, errors.New("too many levels of symbolic links")
}

// isMagicLink reports whether a link is one of the kernel's links to an
// open file (/proc/self/fd/N, /dev/fd/N).
func isMagicLink(path string) bool {
	return strings.HasPrefix(path, "/proc/") || strings.HasPrefix(path, "/dev/fd/")
}

// sameOutput reports whether two outputs are the same file, other than a
// character device: writing /dev/null twice is fine, writing one file (or
// /dev/stdout redirected to one) twice loses a report.
func sameOutput(a, b *outFile) bool {
	if a == nil || b == nil {
		return false
	}
	if a.direct != nil && b.direct != nil {
		fa, erra := a.direct.Stat()
		fb, errb := b.direct.Stat()
		return erra == nil && errb == nil && os.SameFile(fa, fb) && fa.Mode()&os.ModeCharDevice == 0
	}
	if a.target != "" && b.target != "" {
		// Equal names are one file even when the working directory is
		// gone and Abs cannot say so.
		x, errx := filepath.Abs(a.target)
		y, erry := filepath.Abs(b.target)
		if a.target == b.target || errx == nil && erry == nil && x == y {
			return true
		}
	}
	fa, erra := os.Stat(a.path)
	fb, errb := os.Stat(b.path)
	return erra == nil && errb == nil && os.SameFile(fa, fb)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// commit writes data and, over a regular file, renames it into place.
func (o *outFile) commit(data []byte) error {
	if o.direct != nil {
		_, err := o.direct.Write(data)
		if cerr := o.direct.Close(); err == nil {
			err = cerr
		}
		o.direct = nil
		if err != nil {
			return inputf("writing %s: %v", o.path, unwrapPathError(err))
		}
		return nil
	}
	if _, err := o.tmp.Write(data); err != nil {
		o.discard()
		return inputf("writing %s: %v", o.path, unwrapPathError(err))
	}
	if err := o.tmp.Chmod(o.mode); err != nil {
		o.discard()
		return inputf("writing %s: %v", o.path, unwrapPathError(err))
	}
	if err := o.tmp.Close(); err != nil {
		os.Remove(o.tmp.Name())
		return inputf("writing %s: %v", o.path, unwrapPathError(err))
	}
	if err := os.Rename(o.tmp.Name(), o.target); err != nil {
		os.Remove(o.tmp.Name())
		return inputf("writing %s: %v", o.path, unwrapPathError(err))
	}
	o.tmp = nil
	return nil
}

// discard removes the temporary file, leaving any earlier file in place.
func (o *outFile) discard() {
	if o == nil {
		return
	}
	if o.tmp != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
		o.tmp = nil
	}
	if o.direct != nil {
		o.direct.Close()
		o.direct = nil
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
	c     *common // for the notes the run gathers
	// tree reads the files the findings point at (fingerprints, SARIF
	// columns); baselined says the findings were compared with a baseline.
	tree      *baseline.Tree
	baselined bool
	// changes are the lines changed since -new-from-rev; nil without it.
	changes *gitdiff.Changes
	newNote string // what -new-from-rev left out, for stderr
}

func openOutputs(ctx context.Context, c *common) (*outputs, error) {
	if err := c.checkBaseline(); err != nil {
		return nil, err
	}
	changes, err := c.changedSince(ctx)
	if err != nil {
		return nil, err
	}
	main, err := createOut("o", c.path(c.output))
	if err != nil {
		return nil, err
	}
	sarif, err := createOut("sarif", c.path(c.sarif))
	if err != nil {
		main.discard()
		return nil, err
	}
	if sameOutput(main, sarif) {
		main.discard()
		sarif.discard()
		return nil, inputf("-o %s and -sarif %s are the same file: name two files", c.output, c.sarif)
	}
	return &outputs{format: c.format, main: main, sarif: sarif, parts: c.parts, c: c, changes: changes}, nil
}

// close discards what was not committed (after an error).
func (o *outputs) close() {
	o.main.discard()
	o.sarif.discard()
	if o.tree != nil {
		o.tree.Close()
	}
}

var tool = report.Tool{Name: "xcguard", URI: "https://github.com/xcguard/xcguard"}

// write renders the findings to every output.
func (o *outputs) write(e *env, findings []report.Finding) error {
	t := tool
	t.Version = version()
	t.Parts = o.parts
	t.Notes = o.c.notes
	t.Baseline = o.baselined
	if o.tree != nil {
		t.Lines = o.tree.Line
	}
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

// writeFailure writes, for a run that ends in err, the document a report
// consumer expects (see report.WriteFailure) to -o and -sarif when they do
// not exist yet (a fresh CI workspace), else, for the main format, to
// stdout: a report already written is never lost. The one clear line is
// on stderr.
func writeFailure(e *env, c *common, err error) {
	if c.format == report.Text && c.sarif == "" {
		return
	}
	// The document holds the whole message on one line: the continuation
	// lines (each package that does not load) are the useful part.
	msg := strings.ReplaceAll(oneLine(err.Error()), ":\n\t", ": ")
	msg = strings.ReplaceAll(msg, "\n\t", "; ")
	t := tool
	t.Version = version()
	t.Parts = c.parts
	write := func(flag, path string, format report.Format) {
		var buf bytes.Buffer
		if report.WriteFailure(&buf, format, t, msg) != nil || buf.Len() == 0 {
			return
		}
		if fi, err := os.Stat(c.path(path)); err == nil && fi.Mode().IsRegular() {
			if flag == "o" {
				e.stdout.Write(buf.Bytes())
			}
			return
		}
		out, oerr := createOut(flag, c.path(path))
		if out == nil || oerr != nil {
			if flag == "o" {
				e.stdout.Write(buf.Bytes())
			}
			return
		}
		if out.commit(buf.Bytes()) != nil && flag == "o" {
			e.stdout.Write(buf.Bytes())
		}
	}
	write("o", c.output, c.format)
	if c.sarif != "" && (c.output == "" || c.path(c.sarif) != c.path(c.output)) {
		write("sarif", c.sarif, report.SARIF)
	}
}

// finish writes the report and turns error-severity findings into exit 1.
func (o *outputs) finish(e *env, findings []report.Finding) error {
	findings, err := o.judge(findings)
	if err != nil {
		return err
	}
	if o.newNote != "" {
		fmt.Fprintf(e.stderr, "xcguard: %s\n", o.newNote)
	}
	if err := o.write(e, findings); err != nil {
		return err
	}
	if report.Summarize(findings).Errors > 0 {
		return errFindings
	}
	return nil
}
