package cibuild

import (
	"bytes"
	"cmp"
	"debug/elf"
	"debug/gosym"
	"encoding/binary"
	"io"
	"slices"
	"strings"
)

// pclntab magic numbers of Go 1.2, 1.16, 1.18 and 1.20 onwards.
var pclntabMagics = []uint32{0xfffffffb, 0xfffffffa, 0xfffffff0, 0xfffffff1}

// readPackages lists the Go packages linked into the binary, from its
// pclntab. Stripping (-s -w) removes .symtab and DWARF but never the
// pclntab, which the runtime needs. It is the .gopclntab section, or in a
// PIE binary .data.rel.ro.gopclntab; when the section headers are gone it
// is found by its magic number in the loaded segments. A binary without
// one (not Go, or damaged) gives nil.
func readPackages(f *elf.File, r io.ReaderAt, size int64) (pkgs []Package, from string) {
	for _, name := range []string{".gopclntab", ".data.rel.ro.gopclntab"} {
		s := f.Section(name)
		if s == nil || s.Type == elf.SHT_NOBITS || s.Size > uint64(size) {
			continue
		}
		data, err := s.Data()
		if err != nil {
			continue
		}
		if pkgs := packagesOf(data, f.ByteOrder); pkgs != nil {
			return pkgs, name
		}
	}
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Filesz == 0 || p.Filesz > uint64(size) {
			continue
		}
		data := make([]byte, p.Filesz)
		if _, err := r.ReadAt(data, int64(p.Off)); err != nil {
			continue
		}
		for off := range magicOffsets(data, f.ByteOrder) {
			if pkgs := packagesOf(data[off:], f.ByteOrder); pkgs != nil {
				return pkgs, "scan"
			}
		}
	}
	return nil, ""
}

// magicOffsets yields the offsets in data where a pclntab header could
// start: a known magic, two zero bytes, an instruction size of 1, 2 or 4
// and a pointer size of 4 or 8.
func magicOffsets(data []byte, bo binary.ByteOrder) func(func(int) bool) {
	return func(yield func(int) bool) {
		for _, m := range pclntabMagics {
			var pat [4]byte
			bo.PutUint32(pat[:], m)
			for off := 0; ; {
				i := bytes.Index(data[off:], pat[:])
				if i < 0 {
					break
				}
				at := off + i
				off = at + 1
				if at+8 > len(data) || data[at+4] != 0 || data[at+5] != 0 {
					continue
				}
				if lc, ps := data[at+6], data[at+7]; (lc == 1 || lc == 2 || lc == 4) && (ps == 4 || ps == 8) {
					if !yield(at) {
						return
					}
				}
			}
		}
	}
}

// packagesOf decodes a pclntab and sums function sizes by package; nil when
// data is not a pclntab debug/gosym can read.
func packagesOf(data []byte, bo binary.ByteOrder) (pkgs []Package) {
	if len(data) < 8 || !slices.Contains(pclntabMagics, bo.Uint32(data)) {
		return nil
	}
	// debug/gosym indexes the table with offsets from the table itself; a
	// damaged one panics.
	defer func() {
		if recover() != nil {
			pkgs = nil
		}
	}()
	tab, err := gosym.NewTable(nil, gosym.NewLineTable(data, textStart(data, bo)))
	if err != nil || len(tab.Funcs) == 0 {
		return nil
	}
	sizes := map[string]int64{}
	for _, fn := range tab.Funcs {
		p := packagePath(fn.Name)
		if p == "" || fn.End < fn.Entry {
			continue
		}
		sizes[p] += int64(fn.End - fn.Entry)
	}
	for p, n := range sizes {
		pkgs = append(pkgs, Package{Path: p, Size: n})
	}
	slices.SortFunc(pkgs, func(a, b Package) int {
		return cmp.Or(cmp.Compare(b.Size, a.Size), cmp.Compare(a.Path, b.Path))
	})
	return pkgs
}

// textStart is the text address a Go 1.18+ pclntab header records; function
// sizes do not depend on it.
func textStart(data []byte, bo binary.ByteOrder) uint64 {
	ptr := int(data[7])
	at := 8 + 2*ptr
	if m := bo.Uint32(data); m != 0xfffffff0 && m != 0xfffffff1 || len(data) < at+ptr {
		return 0
	}
	if ptr == 4 {
		return uint64(bo.Uint32(data[at:]))
	}
	return bo.Uint64(data[at:])
}

// packagePath is the import path of the package that defines the function
// named name ("net/http/pprof.Index", "main.(*T).M", "p.F[...]",
// "gopkg.in/yaml%2ev3.Marshal" with the linker's escaped dot); "" for
// linker-made names (type:.eq.…, go:buildid).
func packagePath(name string) string {
	if strings.HasPrefix(name, "type:") || strings.HasPrefix(name, "go:") || strings.HasPrefix(name, "go.") {
		return ""
	}
	head, _, _ := strings.Cut(name, "[")
	slash := strings.LastIndex(head, "/")
	dot := strings.IndexByte(head[slash+1:], '.')
	if dot < 0 {
		return ""
	}
	return strings.ReplaceAll(head[:slash+1+dot], "%2e", ".")
}
