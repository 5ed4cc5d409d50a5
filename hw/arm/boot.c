/*
 * hw/arm/boot.c: the arm64 Linux boot protocol (see boot.h): identify
 * and check the kernel file (Image, gzip'd Image, ELF, raw), choose
 * where the kernel, the DTB and the initrd go in RAM, and copy them
 * through the board's callback.
 *
 * Every field read from a file is bounds-checked before use: a
 * kernel file is untrusted input, and a malformed one gets an error
 * line, never a crash or a huge allocation.  Multi-byte fields are
 * read with explicit little-endian loads, so this works on any host.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "hw/arm/boot.h"

#define SZ_64K      0x10000ull
#define SZ_2M       0x200000ull
#define SZ_512M     0x20000000ull
#define SZ_1G       0x40000000ull
#define SZ_32G      (32ull << 30)

static void set_err(char *err, size_t err_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t err_len, const char *fmt, ...)
{
    va_list ap;

    if (!err || !err_len) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
}

static uint16_t ld16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static uint32_t ld32(const uint8_t *p)
{
    return ld16(p) | ((uint32_t)ld16(p + 2) << 16);
}

static uint64_t ld64(const uint8_t *p)
{
    return ld32(p) | ((uint64_t)ld32(p + 4) << 32);
}

static uint64_t align_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

/* ------------------------------------------------------------------ */
/* Files and gzip                                                     */

int arm_boot_read_file(const char *path, const char *what,
                       uint64_t max_size, uint8_t **data, size_t *size,
                       char *err, size_t err_len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    uint8_t *buf;

    if (!f) {
        set_err(err, err_len, "%s %s: %s", what, path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        set_err(err, err_len, "%s %s: not a regular file", what, path);
        fclose(f);
        return -1;
    }
    if ((uint64_t)st.st_size > max_size) {
        set_err(err, err_len, "%s %s: %lld bytes, more than the %llu "
                "allowed", what, path, (long long)st.st_size,
                (unsigned long long)max_size);
        fclose(f);
        return -1;
    }
    buf = malloc(st.st_size ? st.st_size : 1);
    if (!buf) {
        set_err(err, err_len, "%s %s: out of memory", what, path);
        fclose(f);
        return -1;
    }
    if (fread(buf, 1, st.st_size, f) != (size_t)st.st_size) {
        set_err(err, err_len, "%s %s: read error", what, path);
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    *data = buf;
    *size = st.st_size;
    return 0;
}

int arm_boot_gunzip(const uint8_t *in, size_t in_len, uint64_t max_out,
                    uint8_t **out, size_t *out_len,
                    char *err, size_t err_len)
{
    z_stream zs;
    uint8_t *buf = NULL;
    size_t cap;
    int r;

    if (in_len > 0xffffffffu) {
        set_err(err, err_len, "gzip: input too large");
        return -1;
    }
    memset(&zs, 0, sizeof(zs));
    /* 16 + window bits: expect a gzip header and check its trailer. */
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        set_err(err, err_len, "gzip: cannot initialise zlib");
        return -1;
    }
    zs.next_in = (Bytef *)in;
    zs.avail_in = in_len;
    cap = in_len < (1u << 20) ? (4u << 20) : in_len * 4;
    if (cap > max_out) {
        cap = max_out;
    }
    for (;;) {
        if (!buf || zs.avail_out == 0) {
            uint8_t *nbuf;
            size_t used = buf ? cap : 0;

            if (buf) {
                if (cap >= max_out) {
                    set_err(err, err_len, "gzip: inflates to more than "
                            "%llu bytes", (unsigned long long)max_out);
                    goto fail;
                }
                cap = cap * 2 > max_out ? max_out : cap * 2;
            }
            nbuf = realloc(buf, cap ? cap : 1);
            if (!nbuf) {
                set_err(err, err_len, "gzip: out of memory");
                goto fail;
            }
            buf = nbuf;
            zs.next_out = buf + used;
            zs.avail_out = cap - used;
        }
        r = inflate(&zs, Z_NO_FLUSH);
        if (r == Z_STREAM_END) {
            break;
        }
        if (r == Z_OK) {
            continue;
        }
        if (r == Z_BUF_ERROR && zs.avail_out == 0) {
            continue;               /* needs room: grow */
        }
        if (r == Z_BUF_ERROR) {
            set_err(err, err_len, "gzip: truncated stream");
        } else {
            set_err(err, err_len, "gzip: corrupt stream (%s)",
                    zs.msg ? zs.msg : "zlib error");
        }
        goto fail;
    }
    *out_len = zs.total_out;
    /* The unused part of the last doubling stays: the caller copies the
     * image into guest RAM and frees it soon after. */
    *out = buf;
    inflateEnd(&zs);
    return 0;

fail:
    inflateEnd(&zs);
    free(buf);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Kernel formats                                                     */

static int parse_image(ArmKernel *k, char *err, size_t err_len)
{
    const uint8_t *h = k->data;
    uint64_t text_offset = ld64(h + 8);
    uint64_t image_size = ld64(h + 16);
    uint64_t flags = ld64(h + 24);

    k->format = ARM_KERNEL_IMAGE;
    if (image_size == 0) {
        /*
         * Before 3.17 the header had no image_size or flags and
         * text_offset's endianness was the kernel's: the protocol says
         * to assume 0x80000 and little-endian, 4K pages.
         */
        k->legacy = true;
        k->text_offset = ARM64_LEGACY_TEXT_OFFSET;
        k->image_size = k->size;
        k->flags = 0;
        return 0;
    }
    if (image_size > ARM_BOOT_MAX_KERNEL_SIZE ||
        text_offset > ARM_BOOT_MAX_KERNEL_SIZE - image_size) {
        set_err(err, err_len, "arm64 Image: text_offset 0x%llx + "
                "image_size 0x%llx is too large",
                (unsigned long long)text_offset,
                (unsigned long long)image_size);
        return -1;
    }
    if (text_offset & 7) {
        set_err(err, err_len, "arm64 Image: text_offset 0x%llx is not "
                "8-byte aligned", (unsigned long long)text_offset);
        return -1;
    }
    k->text_offset = text_offset;
    /* A signature may follow the image in the file: cover both. */
    k->image_size = image_size > k->size ? image_size : k->size;
    k->flags = flags;
    k->big_endian = flags & ARM64_IMAGE_FLAG_BE;
    switch ((flags >> ARM64_IMAGE_FLAG_PAGE_SHIFT) & 3) {
    case 1:
        k->page_size = 4096;
        break;
    case 2:
        k->page_size = 16384;
        break;
    case 3:
        k->page_size = 65536;
        break;
    default:
        k->page_size = 0;
        break;
    }
    k->place_anywhere = flags & ARM64_IMAGE_FLAG_ANYWHERE;
    return 0;
}

static int parse_elf(ArmKernel *k, char *err, size_t err_len)
{
    const uint8_t *p = k->data;
    uint64_t phoff, entry;
    unsigned phnum, phentsize, i, j;
    bool entry_ok = false;

    k->format = ARM_KERNEL_ELF;
    if (k->size < sizeof(Elf64_Ehdr) || p[EI_CLASS] != ELFCLASS64) {
        set_err(err, err_len, "ELF kernel: not a 64-bit ELF file");
        return -1;
    }
    if (p[EI_DATA] != ELFDATA2LSB) {
        set_err(err, err_len, "ELF kernel: big-endian ELF not supported");
        return -1;
    }
    if (ld16(p + offsetof(Elf64_Ehdr, e_machine)) != EM_AARCH64) {
        set_err(err, err_len, "ELF kernel: machine %u is not AArch64",
                ld16(p + offsetof(Elf64_Ehdr, e_machine)));
        return -1;
    }
    i = ld16(p + offsetof(Elf64_Ehdr, e_type));
    if (i != ET_EXEC && i != ET_DYN) {
        set_err(err, err_len, "ELF kernel: not an executable (type %u)", i);
        return -1;
    }
    phoff = ld64(p + offsetof(Elf64_Ehdr, e_phoff));
    phnum = ld16(p + offsetof(Elf64_Ehdr, e_phnum));
    phentsize = ld16(p + offsetof(Elf64_Ehdr, e_phentsize));
    entry = ld64(p + offsetof(Elf64_Ehdr, e_entry));
    if (phentsize != sizeof(Elf64_Phdr) || phoff > k->size ||
        (uint64_t)phnum * phentsize > k->size - phoff) {
        set_err(err, err_len, "ELF kernel: program headers out of the file");
        return -1;
    }

    for (i = 0; i < phnum; i++) {
        const uint8_t *ph = p + phoff + (uint64_t)i * phentsize;
        uint64_t off = ld64(ph + offsetof(Elf64_Phdr, p_offset));
        uint64_t vaddr = ld64(ph + offsetof(Elf64_Phdr, p_vaddr));
        uint64_t paddr = ld64(ph + offsetof(Elf64_Phdr, p_paddr));
        uint64_t filesz = ld64(ph + offsetof(Elf64_Phdr, p_filesz));
        uint64_t memsz = ld64(ph + offsetof(Elf64_Phdr, p_memsz));
        ArmKernelSegment *s;

        if (ld32(ph + offsetof(Elf64_Phdr, p_type)) != PT_LOAD ||
            memsz == 0) {
            continue;
        }
        if (filesz > memsz || off > k->size || filesz > k->size - off ||
            memsz > ARM_BOOT_MAX_KERNEL_SIZE || paddr + memsz < paddr) {
            set_err(err, err_len, "ELF kernel: bad PT_LOAD segment %u "
                    "(offset 0x%llx, filesz 0x%llx, memsz 0x%llx)", i,
                    (unsigned long long)off, (unsigned long long)filesz,
                    (unsigned long long)memsz);
            return -1;
        }
        if (k->nsegs == ARM_BOOT_MAX_SEGMENTS) {
            set_err(err, err_len, "ELF kernel: more than %d PT_LOAD "
                    "segments", ARM_BOOT_MAX_SEGMENTS);
            return -1;
        }
        for (j = 0; j < k->nsegs; j++) {
            if (paddr < k->segs[j].paddr + k->segs[j].memsz &&
                k->segs[j].paddr < paddr + memsz) {
                set_err(err, err_len, "ELF kernel: PT_LOAD segments "
                        "overlap at 0x%llx", (unsigned long long)paddr);
                return -1;
            }
        }
        s = &k->segs[k->nsegs++];
        s->paddr = paddr;
        s->data = p + off;
        s->filesz = filesz;
        s->memsz = memsz;
        /* Entry given as a virtual address: take the physical one. */
        if (entry - paddr < memsz) {
            entry_ok = true;
        } else if (entry - vaddr < memsz) {
            entry = paddr + (entry - vaddr);
            entry_ok = true;
        }
    }
    if (k->nsegs == 0) {
        set_err(err, err_len, "ELF kernel: no PT_LOAD segment");
        return -1;
    }
    if (!entry_ok) {
        set_err(err, err_len, "ELF kernel: entry 0x%llx is outside its "
                "segments", (unsigned long long)entry);
        return -1;
    }
    k->entry = entry;
    return 0;
}

int arm_kernel_parse(ArmKernel *k, uint8_t *data, size_t size,
                     unsigned flags, char *err, size_t err_len)
{
    int r;

    memset(k, 0, sizeof(*k));
    k->data = data;
    k->size = size;
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        uint8_t *out;
        size_t out_len;

        if (arm_boot_gunzip(data, size, ARM_BOOT_MAX_KERNEL_SIZE,
                            &out, &out_len, err, err_len) != 0) {
            arm_kernel_free(k);
            return -1;
        }
        free(data);
        k->data = out;
        k->size = out_len;
        k->gzipped = true;
    }

    if (k->size >= SELFMAG && memcmp(k->data, ELFMAG, SELFMAG) == 0) {
        r = parse_elf(k, err, err_len);
    } else if (k->size >= ARM64_IMAGE_HEADER_SIZE &&
               ld32(k->data + ARM64_IMAGE_MAGIC_OFFSET) ==
               ARM64_IMAGE_MAGIC) {
        r = parse_image(k, err, err_len);
    } else if ((flags & ARM_KERNEL_ALLOW_RAW) && k->size > 0 &&
               k->size <= ARM_BOOT_MAX_KERNEL_SIZE) {
        k->format = ARM_KERNEL_RAW;
        k->text_offset = ARM64_LEGACY_TEXT_OFFSET;
        k->image_size = k->size;
        r = 0;
    } else if (k->size >= 8 && memcmp(k->data, "MZ", 2) == 0 &&
               memcmp(k->data + 4, "zimg", 4) == 0) {
        /* CONFIG_EFI_ZBOOT: a PE file that only EFI firmware unpacks. */
        set_err(err, err_len, "kernel: an EFI zboot image (vmlinuz.efi) "
                "needs UEFI firmware; pass the Image or Image.gz instead");
        r = -1;
    } else {
        set_err(err, err_len, "kernel: not an arm64 Image, gzip'd Image "
                "or AArch64 ELF file (no \"ARM\\x64\" magic at offset 56)");
        r = -1;
    }
    if (r != 0) {
        arm_kernel_free(k);
    }
    return r;
}

int arm_kernel_load_file(ArmKernel *k, const char *path, unsigned flags,
                         char *err, size_t err_len)
{
    uint8_t *data;
    size_t size;
    char why[200];

    memset(k, 0, sizeof(*k));
    if (arm_boot_read_file(path, "-kernel", ARM_BOOT_MAX_KERNEL_SIZE,
                           &data, &size, err, err_len) != 0) {
        return -1;
    }
    if (arm_kernel_parse(k, data, size, flags, why, sizeof(why)) != 0) {
        set_err(err, err_len, "-kernel %s: %s", path, why);
        return -1;
    }
    return 0;
}

void arm_kernel_free(ArmKernel *k)
{
    free(k->data);
    memset(k, 0, sizeof(*k));
}

/* ------------------------------------------------------------------ */
/* Placement                                                          */

int arm_boot_plan(ArmBootInfo *bi, const ArmKernel *k, uint64_t ram_base,
                  uint64_t ram_size, uint64_t initrd_size,
                  char *err, size_t err_len)
{
    uint64_t ram_end = ram_base + ram_size;
    uint64_t kaddr, kend, need;
    unsigned i;

    memset(bi, 0, sizeof(*bi));
    if (ram_size == 0 || ram_end < ram_base) {
        set_err(err, err_len, "boot: bad RAM range");
        return -1;
    }
    bi->ram_base = ram_base;
    bi->ram_size = ram_size;

    if (k->format == ARM_KERNEL_ELF) {
        kaddr = UINT64_MAX;
        kend = 0;
        for (i = 0; i < k->nsegs; i++) {
            const ArmKernelSegment *s = &k->segs[i];

            if (s->paddr < ram_base || s->paddr + s->memsz > ram_end) {
                set_err(err, err_len, "boot: ELF segment 0x%llx-0x%llx is "
                        "outside RAM 0x%llx-0x%llx",
                        (unsigned long long)s->paddr,
                        (unsigned long long)(s->paddr + s->memsz),
                        (unsigned long long)ram_base,
                        (unsigned long long)ram_end);
                return -1;
            }
            kaddr = s->paddr < kaddr ? s->paddr : kaddr;
            kend = s->paddr + s->memsz > kend ? s->paddr + s->memsz : kend;
        }
        bi->entry = k->entry;
    } else {
        /*
         * The kernel's 2 MiB-aligned base as low in RAM as possible
         * (required without flags bit 3, harmless with it).  An old
         * kernel does not say how big its bss is: assume no bigger
         * than the file.
         */
        uint64_t size = k->legacy ? 2 * k->image_size : k->image_size;

        kaddr = align_up(ram_base, SZ_2M) + k->text_offset;
        if (kaddr < ram_base || kaddr > ram_end ||
            size > ram_end - kaddr) {
            set_err(err, err_len, "boot: RAM of %llu MiB is too small for "
                    "the kernel (0x%llx bytes at 0x%llx)",
                    (unsigned long long)(ram_size >> 20),
                    (unsigned long long)size, (unsigned long long)kaddr);
            return -1;
        }
        kend = kaddr + size;
        bi->entry = kaddr;
    }
    bi->kernel_addr = kaddr;
    bi->kernel_end = kend;
    bi->big_endian = k->big_endian;

    /* The DTB in a 2 MiB block of its own, right after the kernel. */
    bi->dtb_addr = align_up(kend, SZ_2M);
    bi->x0 = bi->dtb_addr;
    need = ARM_BOOT_MAX_DTB_SIZE;
    if (initrd_size) {
        bi->initrd_addr = bi->dtb_addr + SZ_2M;
        bi->initrd_size = initrd_size;
        need += initrd_size;
    }
    if (bi->dtb_addr < kend || bi->dtb_addr > ram_end ||
        need > ram_end - bi->dtb_addr || need < initrd_size) {
        set_err(err, err_len, "boot: RAM of %llu MiB is too small for the "
                "kernel, the device tree and a %llu-byte initrd",
                (unsigned long long)(ram_size >> 20),
                (unsigned long long)initrd_size);
        return -1;
    }
    if (k->legacy && bi->dtb_addr + SZ_2M - kaddr > SZ_512M) {
        set_err(err, err_len, "boot: the device tree would be more than "
                "512 MiB from an old (pre-3.17) kernel");
        return -1;
    }
    if (initrd_size &&
        bi->initrd_addr + initrd_size > (kaddr & ~(SZ_1G - 1)) + SZ_32G) {
        set_err(err, err_len, "boot: the initrd would end outside the "
                "32 GiB window that holds the kernel");
        return -1;
    }
    return 0;
}

static void add_blob(ArmBootInfo *bi, const char *name, uint64_t addr,
                     const void *data, uint64_t size)
{
    ArmBootBlob *b = &bi->blobs[bi->nblobs++];

    b->name = name;
    b->addr = addr;
    b->data = data;
    b->size = size;
}

int arm_boot_set_payloads(ArmBootInfo *bi, const ArmKernel *k,
                          const void *initrd, uint64_t initrd_size,
                          const void *dtb, uint64_t dtb_size,
                          char *err, size_t err_len)
{
    unsigned i;

    bi->nblobs = 0;
    if (initrd_size != bi->initrd_size || (initrd_size && !initrd)) {
        set_err(err, err_len, "boot: initrd of %llu bytes, %llu planned",
                (unsigned long long)initrd_size,
                (unsigned long long)bi->initrd_size);
        return -1;
    }
    if (dtb && (dtb_size == 0 || dtb_size > ARM_BOOT_MAX_DTB_SIZE)) {
        set_err(err, err_len, "boot: device tree of %llu bytes (at most "
                "2 MiB)", (unsigned long long)dtb_size);
        return -1;
    }
    if (k->format == ARM_KERNEL_ELF) {
        for (i = 0; i < k->nsegs; i++) {
            const ArmKernelSegment *s = &k->segs[i];

            if (s->filesz) {
                add_blob(bi, "kernel", s->paddr, s->data, s->filesz);
            }
            if (s->memsz > s->filesz) {
                add_blob(bi, "bss", s->paddr + s->filesz, NULL,
                         s->memsz - s->filesz);
            }
        }
    } else {
        add_blob(bi, "kernel", bi->kernel_addr, k->data, k->size);
    }
    if (initrd_size) {
        add_blob(bi, "initrd", bi->initrd_addr, initrd, initrd_size);
    }
    if (dtb) {
        add_blob(bi, "dtb", bi->dtb_addr, dtb, dtb_size);
    }
    return 0;
}

int arm_boot_copy(const ArmBootInfo *bi, ArmBootWriteFn write, void *opaque,
                  char *err, size_t err_len)
{
    static const uint8_t zeros[64 * 1024];
    unsigned i;

    for (i = 0; i < bi->nblobs; i++) {
        const ArmBootBlob *b = &bi->blobs[i];
        int r = 0;

        if (b->data) {
            r = write(opaque, b->addr, b->data, b->size);
        } else {
            uint64_t done;

            for (done = 0; done < b->size && r == 0; done += sizeof(zeros)) {
                uint64_t n = b->size - done;

                r = write(opaque, b->addr + done, zeros,
                          n < sizeof(zeros) ? n : sizeof(zeros));
            }
        }
        if (r != 0) {
            set_err(err, err_len, "boot: cannot write the %s to guest "
                    "memory at 0x%llx (0x%llx bytes)", b->name,
                    (unsigned long long)b->addr,
                    (unsigned long long)b->size);
            return -1;
        }
    }
    return 0;
}
