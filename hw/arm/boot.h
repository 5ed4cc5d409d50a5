/*
 * hw/arm/boot.h: loading an arm64 Linux kernel (`-kernel`, `-initrd`,
 * the DTB) the way Documentation/arch/arm64/booting.rst requires.
 *
 * Three steps, so the board can build its device tree once the initrd
 * address is known:
 *
 *   ArmKernel k;
 *   arm_kernel_load_file(&k, "vmlinuz", 0, err, sizeof(err));
 *   ArmBootInfo bi;
 *   arm_boot_plan(&bi, &k, ram_base, ram_size, initrd_size, err, ...);
 *       -> bi.kernel_addr, bi.initrd_addr, bi.dtb_addr, bi.entry
 *   ... build the DTB with linux,initrd-start = bi.initrd_addr ...
 *   arm_boot_set_payloads(&bi, &k, initrd, initrd_size, dtb, dtb_size, ...);
 *       -> bi.blobs[]: what to copy where
 *   arm_boot_copy(&bi, write_fn, opaque, ...);  (again at every reset)
 *   CPU 0: pc = bi.entry, x0 = bi.x0 (the DTB), x1..x3 = 0, EL1h (or
 *   EL2h) with interrupts masked, MMU and D-cache off, SCTLR.EE =
 *   bi.big_endian.  Secondary CPUs stay off until PSCI CPU_ON.
 *
 * Copying goes through a callback (ArmBootWriteFn) so this code knows
 * nothing of the memory API; the blobs point into buffers the caller
 * (and ArmKernel) keep alive, so a system reset can copy them again.
 *
 * Kernel formats (arm_kernel_parse):
 * - arm64 Image: 64-byte header, "ARM\x64" (0x644d5241 little-endian)
 *   at offset 56; text_offset, image_size and flags little-endian.
 *   image_size 0 marks a kernel older than 3.17: text_offset is then
 *   taken as 0x80000 and the size as the file's.
 * - gzip of an Image (Image.gz; Debian bookworm's signed vmlinuz is a
 *   plain Image with an EFI stub), inflated with zlib up to
 *   ARM_BOOT_MAX_KERNEL_SIZE bytes.  EFI zboot images are refused
 *   with a hint: only UEFI firmware unpacks them.
 * - ELF64 little-endian EM_AARCH64 (bare-metal test programs): its
 *   PT_LOAD segments at their physical addresses, entry e_entry.
 * - with ARM_KERNEL_ALLOW_RAW, anything else is a raw binary loaded
 *   (and entered) at RAM base + 0x80000.
 *
 * Placement (arm_boot_plan), for an Image: the lowest 2 MiB-aligned
 * base in RAM, the kernel at base + text_offset (so kernels with flags
 * bit 3 clear, which must sit near the start of RAM, are happy too);
 * the DTB at the first 2 MiB boundary after the kernel's image_size
 * (it then never crosses a 2 MiB block, is 8-byte aligned and within
 * 512 MiB of the kernel as old kernels want); the initrd 2 MiB after
 * the DTB, 64 KiB-aligned, inside the 1 GiB-aligned 32 GiB window
 * that covers the kernel.  For an ELF the DTB and initrd follow the
 * highest segment the same way.  Everything must fit in RAM.
 *
 * Errors: functions return 0 or -1 and write one line (no newline)
 * into err[0..err_len) when err is not NULL; nothing here prints or
 * exits, and no file content can crash it.
 */
#ifndef HW_ARM_BOOT_H
#define HW_ARM_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARM64_IMAGE_MAGIC           0x644d5241u     /* "ARM\x64" */
#define ARM64_IMAGE_MAGIC_OFFSET    56
#define ARM64_IMAGE_HEADER_SIZE     64
#define ARM64_IMAGE_FLAG_BE         (1u << 0)
#define ARM64_IMAGE_FLAG_PAGE_SHIFT 1               /* bits [2:1] */
#define ARM64_IMAGE_FLAG_ANYWHERE   (1u << 3)
#define ARM64_LEGACY_TEXT_OFFSET    0x80000u

/* Largest kernel after decompression, and largest image_size. */
#define ARM_BOOT_MAX_KERNEL_SIZE    (512ull << 20)
/* Largest -initrd file arm_boot_read_file() takes by default. */
#define ARM_BOOT_MAX_INITRD_SIZE    (2ull << 30)
#define ARM_BOOT_MAX_DTB_SIZE       (2u << 20)
#define ARM_BOOT_MAX_SEGMENTS       32
#define ARM_BOOT_MAX_BLOBS          (2 * ARM_BOOT_MAX_SEGMENTS + 2)

/* arm_kernel_parse() flags */
#define ARM_KERNEL_ALLOW_RAW        (1u << 0)

typedef enum ArmKernelFormat {
    ARM_KERNEL_IMAGE,
    ARM_KERNEL_ELF,
    ARM_KERNEL_RAW,
} ArmKernelFormat;

typedef struct ArmKernelSegment {
    uint64_t paddr;
    const uint8_t *data;    /* into ArmKernel.data */
    uint64_t filesz;
    uint64_t memsz;         /* >= filesz; the rest is zero-filled */
} ArmKernelSegment;

typedef struct ArmKernel {
    ArmKernelFormat format;
    bool gzipped;           /* the file was a gzip of the kernel */
    uint8_t *data;          /* the (inflated) file, owned */
    size_t size;

    /* Image and raw */
    uint64_t text_offset;   /* from a 2 MiB-aligned base */
    uint64_t image_size;    /* effective: header's, or size if legacy */
    uint64_t flags;
    bool legacy;            /* header image_size was 0 (pre-3.17) */
    bool big_endian;        /* flags bit 0 */
    unsigned page_size;     /* 4096, 16384, 65536, or 0 unspecified */
    bool place_anywhere;    /* flags bit 3 */

    /* ELF */
    uint64_t entry;         /* physical */
    unsigned nsegs;
    ArmKernelSegment segs[ARM_BOOT_MAX_SEGMENTS];
} ArmKernel;

typedef struct ArmBootBlob {
    const char *name;       /* "kernel", "initrd", "dtb", "bss" */
    uint64_t addr;          /* guest physical */
    const void *data;       /* NULL: size zero bytes */
    uint64_t size;
} ArmBootBlob;

typedef struct ArmBootInfo {
    uint64_t ram_base, ram_size;
    uint64_t entry;         /* pc of the boot CPU */
    uint64_t x0;            /* = dtb_addr */
    bool big_endian;        /* enter with SCTLR_ELx.EE set */
    uint64_t kernel_addr;   /* lowest byte the kernel occupies */
    uint64_t kernel_end;    /* one past the highest (incl. bss) */
    uint64_t dtb_addr;      /* 2 MiB aligned; ARM_BOOT_MAX_DTB_SIZE room */
    uint64_t initrd_addr;   /* 0 if no initrd */
    uint64_t initrd_size;
    unsigned nblobs;
    ArmBootBlob blobs[ARM_BOOT_MAX_BLOBS];
} ArmBootInfo;

/*
 * Write len bytes to guest physical address gpa (len may be large).
 * Returns 0, or -1 if the range is not writable RAM/ROM.
 */
typedef int (*ArmBootWriteFn)(void *opaque, uint64_t gpa,
                              const void *data, size_t len);

/*
 * Read a whole file (a kernel, an initrd) of at most max_size bytes
 * into a malloc'd buffer.  what names the option in the error line.
 */
int arm_boot_read_file(const char *path, const char *what,
                       uint64_t max_size, uint8_t **data, size_t *size,
                       char *err, size_t err_len);

/*
 * Identify and check a kernel file held in data[0..size) (malloc'd;
 * the ArmKernel takes ownership, also on failure).  A gzip file is
 * inflated first.
 */
int arm_kernel_parse(ArmKernel *k, uint8_t *data, size_t size,
                     unsigned flags, char *err, size_t err_len);

/* arm_boot_read_file() + arm_kernel_parse(). */
int arm_kernel_load_file(ArmKernel *k, const char *path, unsigned flags,
                         char *err, size_t err_len);

void arm_kernel_free(ArmKernel *k);

/*
 * Inflate a gzip stream into a malloc'd buffer of at most max_out
 * bytes.  Fails on truncated or corrupt input (CRC and length are
 * checked) and on output beyond max_out.
 */
int arm_boot_gunzip(const uint8_t *in, size_t in_len, uint64_t max_out,
                    uint8_t **out, size_t *out_len,
                    char *err, size_t err_len);

/*
 * Choose the addresses (see the header comment) for kernel k in RAM
 * [ram_base, ram_base + ram_size) with an initrd of initrd_size bytes
 * (0: none).  Fills bi's addresses; bi->nblobs = 0 until
 * arm_boot_set_payloads().
 */
int arm_boot_plan(ArmBootInfo *bi, const ArmKernel *k, uint64_t ram_base,
                  uint64_t ram_size, uint64_t initrd_size,
                  char *err, size_t err_len);

/*
 * Record what to copy: the kernel (or its segments and their zeroed
 * tails), the initrd (initrd_size must equal the planned size) and
 * the DTB (at most ARM_BOOT_MAX_DTB_SIZE bytes; NULL for none).  The
 * buffers must outlive bi.
 */
int arm_boot_set_payloads(ArmBootInfo *bi, const ArmKernel *k,
                          const void *initrd, uint64_t initrd_size,
                          const void *dtb, uint64_t dtb_size,
                          char *err, size_t err_len);

/* Copy every blob through write(); at start-up and at each reset. */
int arm_boot_copy(const ArmBootInfo *bi, ArmBootWriteFn write, void *opaque,
                  char *err, size_t err_len);

#endif
