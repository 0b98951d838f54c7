// Package cibuild is xcguard's build wrapper and binary inspector: it
// cross-compiles a package as the policy's build section says, reads what
// the result really is (ELF header, dynamic symbol versions, pclntab, Go
// build info), judges it against the policy (rules XC501–XC508), and writes
// the dist/ directory: the binaries, SM3SUMS and manifest.json.
//
// Inspection reads only the file: it works the same on binaries built
// elsewhere (xcguard inspect) and on stripped and PIE binaries.
package cibuild

import (
	"bytes"
	"cmp"
	"debug/buildinfo"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/xcguard/xcguard/policy"
)

// A Binary is what inspection reads from one executable.
type Binary struct {
	Path    string
	Size    int64
	Class   elf.Class
	Machine elf.Machine
	OSABI   elf.OSABI
	// GOOS and GOARCH are the platform the file is for: from the Go build
	// info when present, else from the ELF header.
	GOOS, GOARCH string

	// Build is the Go build info; nil for a binary Go did not build.
	Build *buildinfo.BuildInfo

	// Symtab and DWARF are the bytes of the symbol table (.symtab,
	// .strtab: not linked with -s) and of the DWARF sections (.debug_*,
	// .zdebug_*: not linked with -w); zero when absent.
	Symtab, DWARF int64

	// Flags is the ELF header's e_flags (the ABI of a LoongArch or MIPS
	// binary); Interpreter the dynamic loader it names (PT_INTERP), ""
	// for a static binary.
	Flags       uint32
	Interpreter string

	// Static is true for a binary with no dynamic section.
	Static bool
	// Libraries are the NEEDED shared libraries.
	Libraries []string
	// Versions maps each symbol version a library must provide
	// ("GLIBC_2.34") to the imported symbols that need it, sorted.
	Versions map[string][]string

	// Packages are the Go packages linked into the binary with the size of
	// their code, largest first; nil when the pclntab could not be read.
	Packages []Package
	// PclntabFrom says where the pclntab was found: a section name, or
	// "scan" when it was found by its magic number.
	PclntabFrom string

	// GodebugMismatch is set when the build info records GODEBUG
	// defaults (DefaultGODEBUG) that the runtime's own copy in the binary
	// does not hold: the file was changed after the build.
	GodebugMismatch bool
}

// Platform is the binary's GOOS/GOARCH.
func (b *Binary) Platform() policy.Target { return policy.Target(b.GOOS + "/" + b.GOARCH) }

// A Package is a Go package linked into a binary.
type Package struct {
	Path string `json:"path"`
	Size int64  `json:"size"` // bytes of machine code in its functions
}

// A FileError is a file that cannot be inspected (not ELF, truncated); its
// message says what the file is and what to do.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }

// Read inspects the executable at path. A file that is not a readable ELF
// executable is a *FileError.
func Read(path string) (b *Binary, err error) {
	// O_NONBLOCK: a FIFO is refused below instead of waited on.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &FileError{path, unwrapPath(err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &FileError{path, unwrapPath(err)}
	}
	if fi.IsDir() {
		return nil, &FileError{path, errors.New("is a directory: name a binary")}
	}
	if !fi.Mode().IsRegular() {
		return nil, &FileError{path, errors.New("is not a regular file (a device, FIFO or socket): name a binary")}
	}
	// debug/elf trusts offsets in the file more than it should; a crafted
	// or truncated file must be a clear error, never a crash.
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, &FileError{path, fmt.Errorf("malformed ELF file (%v)", r)}
		}
	}()
	ef, err := elf.NewFile(f)
	if err != nil {
		return nil, &FileError{path, notELF(f, err)}
	}
	b = &Binary{
		Path:    path,
		Size:    fi.Size(),
		Class:   ef.Class,
		Machine: ef.Machine,
		OSABI:   ef.OSABI,
	}
	if ef.Type != elf.ET_EXEC && ef.Type != elf.ET_DYN {
		return nil, &FileError{path, fmt.Errorf("is an ELF %s, not an executable: name the program itself (an object file is linked into one, a core file is what a crash leaves)", strings.TrimPrefix(ef.Type.String(), "ET_"))}
	}
	if b.Flags, err = elfFlags(f, ef); err != nil {
		return nil, &FileError{path, err}
	}
	if b.Interpreter, err = interpreter(ef); err != nil {
		return nil, &FileError{path, err}
	}
	// The ELF header is what the kernel loads by: it decides the
	// architecture. The build info's GOARCH is a claim checked against it
	// (XC501), and its GOOS tells Linux from Android.
	b.GOOS, b.GOARCH = elfPlatform(ef)
	if bi, err := buildinfo.Read(f); err == nil {
		b.Build = bi
		if s := setting(bi, "GOOS"); s != "" {
			b.GOOS = s
		}
	}
	for _, s := range ef.Sections {
		switch {
		case s.Name == ".symtab":
			b.Symtab += int64(s.FileSize)
			if st := ef.Section(".strtab"); st != nil {
				b.Symtab += int64(st.FileSize)
			}
		case strings.HasPrefix(s.Name, ".debug_") || strings.HasPrefix(s.Name, ".zdebug_"):
			b.DWARF += int64(s.FileSize)
		}
	}
	if b.GOOS != "linux" {
		return nil, &FileError{path, fmt.Errorf("is a %s executable, not Linux: xcguard inspects Linux binaries", b.Platform())}
	}
	if err := b.readDynamic(ef); err != nil {
		return nil, &FileError{path, err}
	}
	// What the loader will ask of glibc, whatever the section headers say.
	need, err := neededVersions(ef, f)
	if err != nil {
		return nil, &FileError{path, fmt.Errorf("malformed ELF file (%v): rebuild or copy it again", err)}
	}
	for v := range need {
		if _, ok := b.Versions[v]; !ok {
			if b.Versions == nil {
				b.Versions = map[string][]string{}
			}
			b.Versions[v] = nil
		}
	}
	if isSharedLibrary(ef) {
		return nil, &FileError{path, errors.New("is a shared library, not an executable: name the program that loads it")}
	}
	b.Packages, b.PclntabFrom = readPackages(ef, f, fi.Size())
	if b.Build != nil {
		if v := setting(b.Build, "DefaultGODEBUG"); v != "" {
			b.GodebugMismatch = !runtimeHolds(f, fi.Size(), v)
		}
	}
	return b, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// notELF turns debug/elf's error into one that says what the file is.
func notELF(r io.ReaderAt, err error) error {
	var magic [4]byte
	n, _ := r.ReadAt(magic[:], 0)
	switch {
	case n < 4 && string(magic[:n]) == "\x7fELF"[:n]:
		return errors.New("truncated ELF file: rebuild or copy it again")
	case n == 4 && string(magic[:]) == "\x7fELF":
		return fmt.Errorf("malformed ELF file (%v): rebuild or copy it again", err)
	case n >= 2 && string(magic[:2]) == "MZ":
		return errors.New("is a Windows PE file, not ELF: xcguard inspects Linux binaries")
	case n == 4 && (string(magic[:]) == "\xcf\xfa\xed\xfe" || string(magic[:]) == "\xca\xfe\xba\xbe"):
		return errors.New("is a Mach-O file, not ELF: xcguard inspects Linux binaries")
	}
	return errors.New("not an ELF binary: name an executable built for Linux")
}

// elfFlags reads e_flags, which debug/elf does not keep: at byte 36 of a
// 32-bit header, 48 of a 64-bit one.
func elfFlags(r io.ReaderAt, f *elf.File) (uint32, error) {
	off := int64(48)
	if f.Class == elf.ELFCLASS32 {
		off = 36
	}
	var b [4]byte
	if _, err := r.ReadAt(b[:], off); err != nil {
		return 0, errors.New("truncated ELF file: rebuild or copy it again")
	}
	return f.ByteOrder.Uint32(b[:]), nil
}

// maxInterpreter bounds the loader path read from PT_INTERP (the kernel
// refuses one longer than a page).
const maxInterpreter = 4096

// interpreter is the dynamic loader a binary names, "" for none.
func interpreter(f *elf.File) (string, error) {
	for _, p := range f.Progs {
		if p.Type != elf.PT_INTERP {
			continue
		}
		if p.Filesz > maxInterpreter {
			return "", fmt.Errorf("malformed ELF file (its PT_INTERP is %d bytes): rebuild or copy it again", p.Filesz)
		}
		data, err := io.ReadAll(io.LimitReader(p.Open(), maxInterpreter))
		if err != nil || uint64(len(data)) != p.Filesz {
			return "", errors.New("malformed ELF file (its PT_INTERP cannot be read): rebuild or copy it again")
		}
		return strings.TrimRight(string(data), "\x00"), nil
	}
	return "", nil
}

// LoongArch worlds. An old-world binary (Loongson's toolchains for Kylin V10
// and UOS 20) has ELF object ABI v0 and the loader /lib64/ld.so.1; a
// new-world one (upstream Go, GCC 12 and later) object ABI v1 and
// /lib64/ld-linux-loongarch-lp64d.so.1.
const (
	larchObjABIMask = 0xc0
	larchObjABIv1   = 0x40
	oldWorldLoader  = "/lib64/ld.so.1"
)

// LoongWorld is the LoongArch world a linux/loong64 binary is for, and
// what says so; "" for another architecture.
func (b *Binary) LoongWorld() (world policy.LoongWorld, why string) {
	if b.Machine != elf.EM_LOONGARCH {
		return "", ""
	}
	switch {
	case b.Interpreter == oldWorldLoader:
		return policy.OldWorld, "its ELF interpreter is " + oldWorldLoader
	case b.Interpreter != "":
		return policy.NewWorld, "its ELF interpreter is " + b.Interpreter
	case b.Flags&larchObjABIMask == larchObjABIv1:
		return policy.NewWorld, "a static binary with ELF object ABI v1"
	}
	return policy.OldWorld, fmt.Sprintf("a static binary with ELF object ABI v%d", b.Flags&larchObjABIMask>>6)
}

// elfPlatform is GOOS/GOARCH as the ELF header tells them.
func elfPlatform(f *elf.File) (goos, goarch string) {
	goos = "linux"
	switch f.OSABI {
	case elf.ELFOSABI_FREEBSD:
		goos = "freebsd"
	case elf.ELFOSABI_NETBSD:
		goos = "netbsd"
	case elf.ELFOSABI_OPENBSD:
		goos = "openbsd"
	case elf.ELFOSABI_SOLARIS:
		goos = "solaris"
	}
	goarch = elfArch(f.Machine, f.Class, f.ByteOrder) // "unknown": machineName says which
	return goos, goarch
}

// setting returns a build setting of the Go build info ("" when absent).
func setting(bi *buildinfo.BuildInfo, key string) string {
	if bi == nil {
		return ""
	}
	for _, s := range bi.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// readDynamic reads the NEEDED libraries and which imported symbols need
// which symbol version.
func (b *Binary) readDynamic(f *elf.File) error {
	if f.Section(".dynamic") == nil && !hasProg(f, elf.PT_DYNAMIC) {
		b.Static = true
		return nil
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		return fmt.Errorf("reading its dynamic section: %v", err)
	}
	b.Libraries = slices.Sorted(slices.Values(libs))
	b.Versions = map[string][]string{}
	// One pass over the dynamic symbols: each undefined one carries the
	// version it needs (a binary that links the plugin package exports
	// every symbol, 100k of them, so the table is read once only).
	syms, err := f.DynamicSymbols()
	if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
		return fmt.Errorf("reading its dynamic symbols: %v", err)
	}
	for _, s := range syms {
		if s.Section == elf.SHN_UNDEF && s.HasVersion && s.Version != "" {
			b.Versions[s.Version] = append(b.Versions[s.Version], s.Name)
		}
	}
	for v, names := range b.Versions {
		slices.Sort(names)
		b.Versions[v] = slices.Compact(names)
	}
	return nil
}

// isSharedLibrary tells a shared library from a position-independent
// executable: both are ET_DYN, but an executable has an interpreter or, when
// static-pie, the DF_1_PIE flag.
func isSharedLibrary(f *elf.File) bool {
	if f.Type != elf.ET_DYN || hasProg(f, elf.PT_INTERP) {
		return false
	}
	flags, err := f.DynValue(elf.DT_FLAGS_1)
	if err == nil && len(flags) > 0 && flags[0]&uint64(elf.DF_1_PIE) != 0 {
		return false
	}
	// A static PIE from an old linker may carry neither; it needs no
	// library either, where a shared library gcc or Go makes needs libc.
	libs, err := f.ImportedLibraries()
	return err == nil && len(libs) > 0
}

func hasProg(f *elf.File, t elf.ProgType) bool {
	return slices.ContainsFunc(f.Progs, func(p *elf.Prog) bool { return p.Type == t })
}

// glibcVersion parses "GLIBC_2.34" or "GLIBC_2.3.4" into comparable parts.
func glibcVersion(v string) ([]int, bool) {
	s, ok := strings.CutPrefix(v, "GLIBC_")
	if !ok {
		return nil, false
	}
	var parts []int
	for f := range strings.SplitSeq(s, ".") {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, false
		}
		parts = append(parts, n)
	}
	return parts, len(parts) >= 2
}

// compareGlibc orders two parsed glibc versions.
func compareGlibc(a, b []int) int {
	for i := range max(len(a), len(b)) {
		x, y := 0, 0
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// runtimeHolds reports whether the binary holds the GODEBUG defaults v
// outside its build info: the linker writes them twice into the build info
// ("DefaultGODEBUG=" + v) and once as the runtime's godebugDefault, which
// is what the program obeys. Build info edited to hide a weak default no
// longer matches that copy.
func runtimeHolds(r io.ReaderAt, size int64, v string) bool {
	want := []byte(v)
	recorded := []byte("DefaultGODEBUG=" + v)
	const chunk = 4 << 20
	buf := make([]byte, chunk+len(recorded))
	all, inInfo := 0, 0
	for off := int64(0); off < size; off += chunk {
		n, err := r.ReadAt(buf, off)
		if n == 0 && err != nil {
			break
		}
		// Count matches that start in this chunk only; the overlap
		// finishes those that cross into the next.
		data := buf[:n]
		for i := 0; ; {
			j := bytes.Index(data[i:], want)
			if j < 0 || i+j >= chunk {
				break
			}
			all++
			i += j + 1
		}
		for i := 0; ; {
			j := bytes.Index(data[i:], recorded)
			if j < 0 || i+j >= chunk {
				break
			}
			inInfo++
			i += j + 1
		}
	}
	return all > inInfo
}
