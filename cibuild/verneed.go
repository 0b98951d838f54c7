package cibuild

import (
	"debug/elf"
	"errors"
	"fmt"
	"io"
)

// The symbol versions a binary needs, as the dynamic loader reads them: from
// DT_VERNEED in the dynamic segment, found through the program headers.
// debug/elf reads them through the section headers, which the loader never
// looks at: a binary whose .gnu.version_r section header is rewritten (or
// stripped) would otherwise seem to need no glibc version at all.

// maxVerneed bounds the entries read: real binaries have a few dozen.
const maxVerneed = 4096

// neededVersions returns the version names (GLIBC_2.34) DT_VERNEED lists;
// none for a static binary or one without version needs. A table that
// cannot be read is an error: its needs are unknown.
func neededVersions(f *elf.File, r io.ReaderAt) (map[string]bool, error) {
	dyn := dynamicEntries(f, r)
	verneed, ok := dyn[elf.DT_VERNEED]
	if !ok {
		return nil, nil
	}
	num, strtab, strsz := dyn[elf.DT_VERNEEDNUM], dyn[elf.DT_STRTAB], dyn[elf.DT_STRSZ]
	if num == 0 || num > maxVerneed || strsz == 0 || strsz > 16<<20 {
		return nil, fmt.Errorf("DT_VERNEED with %d entries and a %d-byte string table", num, strsz)
	}
	strOff, ok := fileOffset(f, strtab)
	if !ok {
		return nil, errors.New("DT_STRTAB outside the loaded segments")
	}
	strs := make([]byte, strsz)
	if _, err := r.ReadAt(strs, int64(strOff)); err != nil {
		return nil, fmt.Errorf("reading the dynamic string table: %v", err)
	}
	name := func(i uint32) (string, error) {
		if uint64(i) >= strsz {
			return "", errors.New("a version name outside the string table")
		}
		end := i
		for end < uint32(len(strs)) && strs[end] != 0 {
			end++
		}
		return string(strs[i:end]), nil
	}
	off, ok := fileOffset(f, verneed)
	if !ok {
		return nil, errors.New("DT_VERNEED outside the loaded segments")
	}
	bo := f.ByteOrder
	need := map[string]bool{}
	seen := 0
	for i := uint64(0); i < num; i++ {
		var vn [16]byte // vn_version, vn_cnt, vn_file, vn_aux, vn_next
		if _, err := r.ReadAt(vn[:], int64(off)); err != nil {
			return nil, fmt.Errorf("reading DT_VERNEED: %v", err)
		}
		cnt, aux, next := bo.Uint16(vn[2:]), bo.Uint32(vn[8:]), bo.Uint32(vn[12:])
		a := off + uint64(aux)
		for j := uint16(0); j < cnt; j++ {
			if seen++; seen > maxVerneed {
				return nil, errors.New("DT_VERNEED entries loop")
			}
			var vna [16]byte // vna_hash, vna_flags, vna_other, vna_name, vna_next
			if _, err := r.ReadAt(vna[:], int64(a)); err != nil {
				return nil, fmt.Errorf("reading DT_VERNEED: %v", err)
			}
			n, err := name(bo.Uint32(vna[8:]))
			if err != nil {
				return nil, err
			}
			need[n] = true
			step := bo.Uint32(vna[12:])
			if step == 0 && j+1 < cnt {
				return nil, errors.New("DT_VERNEED auxiliary entries end early")
			}
			a += uint64(step)
		}
		if next == 0 && i+1 < num {
			return nil, errors.New("DT_VERNEED entries end early")
		}
		off += uint64(next)
	}
	return need, nil
}

// dynamicEntries reads the PT_DYNAMIC segment's tags (the first value of
// each), by the program headers.
func dynamicEntries(f *elf.File, r io.ReaderAt) map[elf.DynTag]uint64 {
	out := map[elf.DynTag]uint64{}
	for _, p := range f.Progs {
		if p.Type != elf.PT_DYNAMIC || p.Filesz > 1<<20 {
			continue
		}
		data := make([]byte, p.Filesz)
		if _, err := r.ReadAt(data, int64(p.Off)); err != nil {
			return out
		}
		size := 16
		if f.Class == elf.ELFCLASS32 {
			size = 8
		}
		for i := 0; i+size <= len(data); i += size {
			var tag, val uint64
			if size == 16 {
				tag, val = f.ByteOrder.Uint64(data[i:]), f.ByteOrder.Uint64(data[i+8:])
			} else {
				tag, val = uint64(f.ByteOrder.Uint32(data[i:])), uint64(f.ByteOrder.Uint32(data[i+4:]))
			}
			if elf.DynTag(tag) == elf.DT_NULL {
				break
			}
			if _, dup := out[elf.DynTag(tag)]; !dup {
				out[elf.DynTag(tag)] = val
			}
		}
	}
	return out
}

// fileOffset maps a virtual address to a file offset through the PT_LOAD
// segments.
func fileOffset(f *elf.File, vaddr uint64) (uint64, bool) {
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && vaddr >= p.Vaddr && vaddr < p.Vaddr+p.Filesz {
			return p.Off + vaddr - p.Vaddr, true
		}
	}
	return 0, false
}
