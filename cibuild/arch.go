package cibuild

import (
	"debug/elf"
	"encoding/binary"
	"strings"
)

// An arch is what build, inspect, smoke and doctor need to know of one
// GOARCH, in one place: the names other tools give it, and how its ELF
// binaries look.
type arch struct {
	goarch string
	// gnu is the machine of GNU triples (aarch64, mips64el) and abi their
	// last part on linux (gnu, gnuabi64, gnueabihf): gcc, zig and glibc
	// name targets gnu-linux-abi.
	gnu, abi string
	// deb is the Debian architecture, which names the cross sysroot
	// package libc6-dev-DEB-cross.
	deb string
	// qemu is the qemu-user binary that runs it on another host.
	qemu string
	// cpu is the qemu CPU model a smoke run uses: the weakest CPU the
	// xinchuang lists ship for it (Phytium FT-2000/4 is ARMv8.0 without LSE
	// atomics, like the Cortex-A72; Loongson 3A4000 for mips64el; LA464 is
	// the 3A5000's core; Hygon Dhyana, a Zen 1 without AVX-512, also stands
	// for Zhaoxin), or "" for qemu's default.
	cpu string
	// zig is set where zig cc 0.11 builds cgo binaries for it against an
	// older glibc (zig cc -target aarch64-linux-gnu.2.28); it does not for
	// mips64el (it refuses Go's -mhard-float) or loongarch64 (no glibc).
	zig bool
	// machine, class and order identify its ELF binaries.
	machine elf.Machine
	class   elf.Class
	order   binary.ByteOrder
}

var arches = []arch{
	{"arm64", "aarch64", "gnu", "arm64", "qemu-aarch64", "cortex-a72", true, elf.EM_AARCH64, elf.ELFCLASS64, binary.LittleEndian},
	{"amd64", "x86_64", "gnu", "amd64", "qemu-x86_64", "Dhyana", true, elf.EM_X86_64, elf.ELFCLASS64, binary.LittleEndian},
	{"386", "i686", "gnu", "i386", "qemu-i386", "", false, elf.EM_386, elf.ELFCLASS32, binary.LittleEndian},
	{"arm", "arm", "gnueabihf", "armhf", "qemu-arm", "", false, elf.EM_ARM, elf.ELFCLASS32, binary.LittleEndian},
	{"loong64", "loongarch64", "gnu", "loong64", "qemu-loongarch64", "la464-loongarch-cpu", false, elf.EM_LOONGARCH, elf.ELFCLASS64, binary.LittleEndian},
	{"mips64le", "mips64el", "gnuabi64", "mips64el", "qemu-mips64el", "Loongson-3A4000", false, elf.EM_MIPS, elf.ELFCLASS64, binary.LittleEndian},
	{"mips64", "mips64", "gnuabi64", "mips64", "qemu-mips64", "", false, elf.EM_MIPS, elf.ELFCLASS64, binary.BigEndian},
	{"mipsle", "mipsel", "gnu", "mipsel", "qemu-mipsel", "", false, elf.EM_MIPS, elf.ELFCLASS32, binary.LittleEndian},
	{"mips", "mips", "gnu", "mips", "qemu-mips", "", false, elf.EM_MIPS, elf.ELFCLASS32, binary.BigEndian},
	{"riscv64", "riscv64", "gnu", "riscv64", "qemu-riscv64", "", false, elf.EM_RISCV, elf.ELFCLASS64, binary.LittleEndian},
	{"ppc64le", "powerpc64le", "gnu", "ppc64el", "qemu-ppc64le", "", false, elf.EM_PPC64, elf.ELFCLASS64, binary.LittleEndian},
	{"ppc64", "powerpc64", "gnu", "ppc64", "qemu-ppc64", "", false, elf.EM_PPC64, elf.ELFCLASS64, binary.BigEndian},
	{"s390x", "s390x", "gnu", "s390x", "qemu-s390x", "", false, elf.EM_S390, elf.ELFCLASS64, binary.BigEndian},
}

// qemuCPU is how a CPU model is passed to qemu-user: Dhyana without the
// features qemu's TCG cannot emulate (none of which user-mode code uses),
// for which qemu-x86_64 would print a warning per feature and thread.
func qemuCPU(model string) string {
	if model == "Dhyana" {
		return "Dhyana,-rdseed,-fxsr-opt,-misalignsse,-3dnowprefetch,-osvw,-topoext,-ibpb,-nrip-save,-xsavec"
	}
	return model
}

// archOf returns the facts of a GOARCH; for one xcguard does not know,
// the GOARCH itself stands for every name.
func archOf(goarch string) arch {
	for _, a := range arches {
		if a.goarch == goarch {
			return a
		}
	}
	return arch{goarch: goarch, gnu: goarch, abi: "gnu", deb: goarch, qemu: "qemu-" + goarch}
}

// elfArch is the GOARCH of an ELF header, "unknown" when none matches.
func elfArch(m elf.Machine, c elf.Class, o binary.ByteOrder) string {
	for _, a := range arches {
		if a.machine == m && a.class == c && a.order == o {
			return a.goarch
		}
	}
	return "unknown"
}

// triple is the GNU triple of a linux target: aarch64-linux-gnu,
// mips64el-linux-gnuabi64.
func (a arch) triple(goos string) string { return a.gnu + "-" + goos + "-" + a.abi }

// gccPackage is Debian's cross compiler package: gcc-aarch64-linux-gnu,
// gcc-x86-64-linux-gnu, gcc-mips64el-linux-gnuabi64.
func (a arch) gccPackage(goos string) string {
	return "gcc-" + strings.ReplaceAll(a.triple(goos), "_", "-")
}

// sysrootPackage is Debian's cross sysroot package: libc6-dev-arm64-cross.
func (a arch) sysrootPackage() string { return "libc6-dev-" + a.deb + "-cross" }
