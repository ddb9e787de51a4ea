#!/usr/bin/python3
"""Which GPUs can run a CUDA library's own kernels: read its fat binaries, and try one on a real GPU.

A CUDA shared library keeps its kernels in the ELF section .nv_fatbin as a run of fat-binary
containers. Each container (header magic 0xBA55ED50) holds entries, each a cubin (machine code for
one compute capability, entry kind 2) or PTX (virtual-ISA text the driver can compile for newer GPUs,
kind 1). A cubin for compute capability X.y runs only on GPUs X.z with z >= y; only PTX reaches
later architectures (CUDA C++ Programming Guide, section "Binary Compatibility" and "Application
Compatibility"). The container layout (16-byte header: magic u32, version u16, header size u16,
payload size u64; entries: kind u16, unused u16, entry-header size u32, payload size u64, ...,
architecture u32 at byte 28) is the one NVIDIA's own cuobjdump walks; it is undocumented, so the
command `archs` checks every container's magic and sizes and fails on anything else.

Commands (python3 from Debian or any other; no packages needed):
  archs LIB.so|JAR|FATBIN    count the entries per (kind, architecture), e.g. of
                             ~/.m2/.../nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar
  extract LIB.so|JAR DIR N   write the first N containers to DIR/container-K.fatbin
  load FILE...               on GPU 0, through the driver API (libcuda.so.1): cuModuleLoadData
                             each file (a .fatbin container or a .cubin) and print the result,
                             0 when the driver found code it can run on this GPU

`dev.muonlab.host.CudaSupport` holds the table that `archs` printed for ND4J's CUDA backend; `load`
is how that table's consequence was checked on a real GPU (README, "GPU").
"""
import collections
import ctypes
import io
import os
import struct
import sys
import zipfile

FATBIN_MAGIC = 0xBA55ED50
KINDS = {1: "ptx", 2: "cubin"}


def read_library(path):
    """@return the bytes of the CUDA library at path, or of the first *.so in a jar that has .nv_fatbin"""
    if not path.endswith(".jar"):
        with open(path, "rb") as f:
            data = f.read()
        if struct.unpack_from("<I", data, 0)[0] != FATBIN_MAGIC and fatbin_section(data) is None:
            sys.exit(f"{path}: neither a fat binary nor an ELF library with a .nv_fatbin section")
        return data
    with zipfile.ZipFile(path) as jar:
        names = sorted((i.file_size, i.filename) for i in jar.infolist() if i.filename.endswith(".so"))
        for _, name in reversed(names):                 # the kernels live in the largest library
            data = jar.read(name)
            if fatbin_section(data) is not None:
                return data
    sys.exit(f"{path}: no shared library with a .nv_fatbin section")


def fatbin_section(elf):
    """@return (offset, size) of the ELF64 section .nv_fatbin, or None"""
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        return None
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    def section(i):
        name, _, _, _, offset, size = struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize)
        return name, offset, size
    _, strtab, _ = section(shstrndx)
    for i in range(shnum):
        name, offset, size = section(i)
        end = elf.index(b"\0", strtab + name)
        if elf[strtab + name:end] == b".nv_fatbin":
            return offset, size
    return None


def containers(elf):
    """Yields (offset, length) of each fat-binary container in .nv_fatbin (or in a bare .fatbin file);
    containers are 8-byte aligned."""
    bare = struct.unpack_from("<I", elf, 0)[0] == FATBIN_MAGIC
    offset, size = (0, len(elf)) if bare else fatbin_section(elf)
    pos, end = offset, offset + size
    while pos + 16 <= end:
        magic, _, header, payload = struct.unpack_from("<IHHQ", elf, pos)
        if magic != FATBIN_MAGIC:
            if any(elf[pos:pos + 8]):
                sys.exit(f"unexpected bytes at {pos:#x} in .nv_fatbin: not a container")
            pos += 8                                    # padding between containers
            continue
        if pos + header + payload > end:
            sys.exit(f"container at {pos:#x} runs past .nv_fatbin")
        yield pos, header + payload
        pos += header + payload


def entries(elf, pos, length):
    """Yields (kind, architecture) of each entry of the container at pos."""
    header, = struct.unpack_from("<H", elf, pos + 6)
    p, end = pos + header, pos + length
    while p < end:
        kind, _, entry_header, payload = struct.unpack_from("<HHIQ", elf, p)
        arch, = struct.unpack_from("<I", elf, p + 28)
        if kind not in KINDS or entry_header < 32:
            sys.exit(f"unexpected entry kind {kind} at {p:#x}")
        yield KINDS[kind], arch
        p += entry_header + payload


def archs(path):
    elf = read_library(path)
    counts, n = collections.Counter(), 0
    for pos, length in containers(elf):
        n += 1
        counts.update(entries(elf, pos, length))
    print(f"{n} containers")
    for (kind, arch), count in sorted(counts.items()):
        print(f"{kind:5s} sm_{arch:<3d} {count}")


def extract(path, outdir, n):
    elf = read_library(path)
    os.makedirs(outdir, exist_ok=True)
    for k, (pos, length) in enumerate(containers(elf)):
        if k == n:
            break
        with open(os.path.join(outdir, f"container-{k}.fatbin"), "wb") as f:
            f.write(elf[pos:pos + length])


def load(files):
    cuda = ctypes.CDLL("libcuda.so.1")
    def check(call, result):
        if result != 0:
            sys.exit(f"{call} failed: CUresult {result}")
    check("cuInit", cuda.cuInit(0))
    device, context = ctypes.c_int(), ctypes.c_void_p()
    check("cuDeviceGet", cuda.cuDeviceGet(ctypes.byref(device), 0))
    major, minor, name = ctypes.c_int(), ctypes.c_int(), ctypes.create_string_buffer(256)
    cuda.cuDeviceGetAttribute(ctypes.byref(major), 75, device)      # CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
    cuda.cuDeviceGetAttribute(ctypes.byref(minor), 76, device)      # ..._MINOR
    cuda.cuDeviceGetName(name, 256, device)
    print(f"GPU 0: {name.value.decode()}, compute capability {major.value}.{minor.value}")
    check("cuCtxCreate", cuda.cuCtxCreate_v2(ctypes.byref(context), 0, device))
    for path in files:
        with open(path, "rb") as f:
            image = ctypes.create_string_buffer(f.read())
        module = ctypes.c_void_p()
        result = cuda.cuModuleLoadData(ctypes.byref(module), image)
        text = ctypes.c_char_p()
        cuda.cuGetErrorName(result, ctypes.byref(text))
        print(f"{path}: cuModuleLoadData -> {result} ({text.value.decode()})")
        if result == 0:
            cuda.cuModuleUnload(module)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "archs" and len(sys.argv) == 3:
        archs(sys.argv[2])
    elif command == "extract" and len(sys.argv) == 5:
        extract(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif command == "load" and len(sys.argv) > 2:
        load(sys.argv[2:])
    else:
        sys.exit(__doc__)
