/*
 * test-arm-boot.c: the arm64 kernel loader (hw/arm/boot.c) on
 * synthetic kernels: Image headers (good, bad magic, huge or zero
 * image_size, flags), gzip'd Images (good, truncated, corrupt, too
 * big), small ELF files (good and malformed), raw binaries; the
 * addresses chosen are worked out by hand from booting.rst's rules.
 *
 * ARM_BOOT_TEST_KERNEL=/path/to/vmlinuz adds one case that parses and
 * places a real kernel and prints what it found (not run by default).
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "hw/arm/boot.h"
#include "tests/unit/tap.h"

#define RAM_BASE    0x40000000ull
#define MiB         (1ull << 20)

static char err[256];

static void st32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void st64(uint8_t *p, uint64_t v)
{
    st32(p, v);
    st32(p + 4, v >> 32);
}

/* A synthetic Image: header + a recognisable pattern, malloc'd. */
static uint8_t *make_image(size_t size, uint64_t text_offset,
                           uint64_t image_size, uint64_t flags)
{
    uint8_t *p = calloc(1, size);

    for (size_t i = 64; i < size; i++) {
        p[i] = i * 13 + 1;
    }
    st32(p, 0x91005a4d);                /* code0: "MZ" + add x13, x18, #0x16 */
    st64(p + 8, text_offset);
    st64(p + 16, image_size);
    st64(p + 24, flags);
    st32(p + 56, ARM64_IMAGE_MAGIC);
    return p;
}

static uint8_t *gzip_buf(const uint8_t *in, size_t len, size_t *out_len)
{
    z_stream zs;
    size_t cap = len + len / 100 + 1024;
    uint8_t *out = malloc(cap);

    memset(&zs, 0, sizeof(zs));
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (Bytef *)in;
    zs.avail_in = len;
    zs.next_out = out;
    zs.avail_out = cap;
    deflate(&zs, Z_FINISH);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    return out;
}

/* ------------------------------------------------------------------ */
/* A fake guest RAM for arm_boot_copy: 16 MiB at RAM_BASE.            */

#define FAKE_RAM_SIZE   (16 * MiB)
static uint8_t *fake_ram;
static unsigned fake_writes;

static int fake_write(void *opaque, uint64_t gpa, const void *data,
                      size_t len)
{
    if (gpa < RAM_BASE || gpa - RAM_BASE > FAKE_RAM_SIZE ||
        len > FAKE_RAM_SIZE - (gpa - RAM_BASE)) {
        return -1;
    }
    memcpy(fake_ram + (gpa - RAM_BASE), data, len);
    fake_writes++;
    return 0;
}

/* ------------------------------------------------------------------ */

static void test_image_good(void)
{
    uint8_t *img = make_image(0x10000, 0, 0x200000, 0xa);
    uint8_t *copy = malloc(0x10000);
    uint8_t initrd[0x3000], dtb[0x100];
    ArmKernel k;
    ArmBootInfo bi;

    memcpy(copy, img, 0x10000);
    memset(initrd, 0x11, sizeof(initrd));
    memset(dtb, 0x22, sizeof(dtb));
    tap_report(arm_kernel_parse(&k, img, 0x10000, 0, err, sizeof(err)) == 0 &&
               k.format == ARM_KERNEL_IMAGE && !k.gzipped && !k.legacy &&
               k.text_offset == 0 && k.image_size == 0x200000 &&
               k.page_size == 4096 && k.place_anywhere && !k.big_endian,
               "Image: flags 0xa = little-endian, 4K pages, anywhere");
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 128 * MiB, sizeof(initrd),
                             err, sizeof(err)) == 0 &&
               bi.kernel_addr == 0x40000000 && bi.entry == 0x40000000 &&
               bi.kernel_end == 0x40200000 && bi.dtb_addr == 0x40200000 &&
               bi.x0 == 0x40200000 && bi.initrd_addr == 0x40400000 &&
               bi.initrd_size == 0x3000 && !bi.big_endian,
               "Image text_offset 0: kernel 0x40000000, dtb 0x40200000, "
               "initrd 0x40400000");
    tap_report(arm_boot_set_payloads(&bi, &k, initrd, sizeof(initrd),
                                     dtb, sizeof(dtb), err, sizeof(err)) == 0 &&
               bi.nblobs == 3 &&
               bi.blobs[0].addr == 0x40000000 && bi.blobs[0].size == 0x10000 &&
               !strcmp(bi.blobs[0].name, "kernel") &&
               bi.blobs[1].addr == 0x40400000 && bi.blobs[1].size == 0x3000 &&
               bi.blobs[2].addr == 0x40200000 && bi.blobs[2].size == 0x100,
               "Image: blobs kernel, initrd, dtb at the planned addresses");
    memset(fake_ram, 0xee, FAKE_RAM_SIZE);
    fake_writes = 0;
    tap_report(arm_boot_copy(&bi, fake_write, NULL, err, sizeof(err)) == 0 &&
               fake_writes == 3 &&
               memcmp(fake_ram, copy, 0x10000) == 0 &&
               fake_ram[0x10000] == 0xee &&
               fake_ram[0x200000] == 0x22 && fake_ram[0x2000ff] == 0x22 &&
               fake_ram[0x200100] == 0xee &&
               fake_ram[0x400000] == 0x11 && fake_ram[0x402fff] == 0x11 &&
               fake_ram[0x403000] == 0xee,
               "Image: copy puts the bytes there and nowhere else");
    tap_report(arm_boot_set_payloads(&bi, &k, initrd, 0x2000, dtb,
                                     sizeof(dtb), err, sizeof(err)) == -1,
               "set_payloads: an initrd size other than planned is refused");
    tap_report(arm_boot_set_payloads(&bi, &k, initrd, sizeof(initrd), dtb,
                                     3 * MiB, err, sizeof(err)) == -1,
               "set_payloads: a 3 MiB DTB is refused (%s)", err);
    arm_boot_set_payloads(&bi, &k, initrd, sizeof(initrd), dtb, sizeof(dtb),
                          err, sizeof(err));
    bi.blobs[1].addr = 0x80000000;
    tap_report(arm_boot_copy(&bi, fake_write, NULL, err, sizeof(err)) == -1 &&
               strstr(err, "initrd"),
               "copy: a failed write names the blob (%s)", err);
    arm_kernel_free(&k);
    free(copy);
}

static void test_image_placement(void)
{
    ArmKernel k;
    ArmBootInfo bi;

    /* text_offset 0x80000 and an odd image_size. */
    arm_kernel_parse(&k, make_image(0x1000, 0x80000, 0x1234567, 0x2),
                     0x1000, 0, err, sizeof(err));
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 256 * MiB, 0x1000,
                             err, sizeof(err)) == 0 &&
               bi.kernel_addr == 0x40080000 && bi.entry == 0x40080000 &&
               bi.kernel_end == 0x412b4567 && bi.dtb_addr == 0x41400000 &&
               bi.initrd_addr == 0x41600000 && !k.place_anywhere,
               "text_offset 0x80000: kernel 0x40080000-0x412b4567, dtb "
               "0x41400000, initrd 0x41600000");

    /* RAM not 2 MiB aligned: the base moves up to the next boundary. */
    tap_report(arm_boot_plan(&bi, &k, 0x40100000, 256 * MiB, 0,
                             err, sizeof(err)) == 0 &&
               bi.kernel_addr == 0x40280000 && bi.initrd_addr == 0 &&
               bi.dtb_addr == 0x41600000,
               "RAM at 0x40100000: kernel at 0x40200000 + 0x80000");

    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 16 * MiB, 0,
                             err, sizeof(err)) == -1 && strstr(err, "small"),
               "19 MiB kernel in 16 MiB RAM refused (%s)", err);
    /* 0x412b4567 -> dtb 0x41400000 + 2 MiB = exactly 22 MiB of RAM. */
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 22 * MiB, 0,
                             err, sizeof(err)) == 0 &&
               arm_boot_plan(&bi, &k, RAM_BASE, 22 * MiB - 4096, 0,
                             err, sizeof(err)) == -1,
               "kernel + DTB fill 22 MiB exactly; one page less fails");
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 128 * MiB, 200 * MiB,
                             err, sizeof(err)) == -1,
               "a 200 MiB initrd in 128 MiB RAM refused (%s)", err);
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 64ull << 30, 40ull << 30,
                             err, sizeof(err)) == -1 && strstr(err, "32 GiB"),
               "an initrd ending past the 32 GiB window refused (%s)", err);
    tap_report(arm_boot_plan(&bi, &k, ~0ull - MiB, 2 * MiB, 0,
                             err, sizeof(err)) == -1,
               "a RAM range that wraps is refused");
    arm_kernel_free(&k);

    /* Big-endian kernel with 16K and 64K pages. */
    arm_kernel_parse(&k, make_image(0x1000, 0, 0x10000, 0x5), 0x1000, 0,
                     err, sizeof(err));
    tap_report(k.big_endian && k.page_size == 16384 &&
               arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0, err,
                             sizeof(err)) == 0 && bi.big_endian,
               "flags 0x5: big-endian, 16K pages; boot info asks for EE");
    arm_kernel_free(&k);
    arm_kernel_parse(&k, make_image(0x1000, 0, 0x10000, 0x6), 0x1000, 0,
                     err, sizeof(err));
    tap_report(!k.big_endian && k.page_size == 65536,
               "flags 0x6: 64K pages");
    arm_kernel_free(&k);
    arm_kernel_parse(&k, make_image(0x1000, 0, 0x10000, 0x0), 0x1000, 0,
                     err, sizeof(err));
    tap_report(k.page_size == 0 && !k.place_anywhere,
               "flags 0: page size unspecified, base near start of RAM");
    arm_kernel_free(&k);
}

static void test_image_bad(void)
{
    ArmKernel k;
    ArmBootInfo bi;
    uint8_t *img;

    img = make_image(0x1000, 0, 0x10000, 0xa);
    img[56] = 'X';
    tap_report(arm_kernel_parse(&k, img, 0x1000, 0, err, sizeof(err)) == -1 &&
               strstr(err, "not an arm64 Image") && k.data == NULL,
               "bad magic refused (%s)", err);
    img = calloc(1, 0x1000);
    memcpy(img, "MZ\0\0zimg", 8);
    tap_report(arm_kernel_parse(&k, img, 0x1000, 0, err, sizeof(err)) == -1 &&
               strstr(err, "zboot"),
               "EFI zboot kernel refused with a hint (%s)", err);
    tap_report(arm_kernel_parse(&k, make_image(64, 0, 0x10000, 0xa), 63, 0,
                                err, sizeof(err)) == -1,
               "63-byte file (header cut short) refused");
    tap_report(arm_kernel_parse(&k, make_image(0x1000, 0, 1ull << 32, 0xa),
                                0x1000, 0, err, sizeof(err)) == -1 &&
               strstr(err, "too large"),
               "image_size 4 GiB refused (%s)", err);
    tap_report(arm_kernel_parse(&k, make_image(0x1000, ~0ull - 0xfff,
                                               0x10000, 0xa),
                                0x1000, 0, err, sizeof(err)) == -1,
               "text_offset near 2^64 refused (no wrap-around)");
    tap_report(arm_kernel_parse(&k, make_image(0x1000, 0x80001, 0x10000, 0xa),
                                0x1000, 0, err, sizeof(err)) == -1,
               "text_offset not 8-byte aligned refused");
    /* 200 MiB image_size parses, but does not fit 128 MiB of RAM. */
    tap_report(arm_kernel_parse(&k, make_image(0x1000, 0, 200 * MiB, 0xa),
                                0x1000, 0, err, sizeof(err)) == 0 &&
               arm_boot_plan(&bi, &k, RAM_BASE, 128 * MiB, 0,
                             err, sizeof(err)) == -1,
               "image_size 200 MiB in 128 MiB RAM refused (%s)", err);
    arm_kernel_free(&k);
}

static void test_image_legacy(void)
{
    ArmKernel k;
    ArmBootInfo bi;

    /* image_size 0: text_offset ignored (0x80000), size = file. */
    tap_report(arm_kernel_parse(&k, make_image(0x30000, 0x12345, 0, 0xff),
                                0x30000, 0, err, sizeof(err)) == 0 &&
               k.legacy && k.text_offset == 0x80000 &&
               k.image_size == 0x30000 && k.flags == 0 && !k.big_endian,
               "image_size 0: pre-3.17 kernel, text_offset 0x80000");
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0x1000,
                             err, sizeof(err)) == 0 &&
               bi.kernel_addr == 0x40080000 && bi.entry == 0x40080000 &&
               bi.kernel_end == 0x400e0000 && bi.dtb_addr == 0x40200000 &&
               bi.initrd_addr == 0x40400000,
               "old kernel: room for a bss as big as the file, dtb 0x40200000");
    arm_kernel_free(&k);
}

static void test_gzip(void)
{
    uint8_t *img = make_image(0x40000, 0, 0x100000, 0xa);
    uint8_t *gz, *bad, *out;
    size_t gz_len, out_len;
    ArmKernel k;
    ArmBootInfo bi;

    gz = gzip_buf(img, 0x40000, &gz_len);
    bad = malloc(gz_len);
    memcpy(bad, gz, gz_len);
    tap_report(arm_kernel_parse(&k, gz, gz_len, 0, err, sizeof(err)) == 0 &&
               k.gzipped && k.format == ARM_KERNEL_IMAGE &&
               k.size == 0x40000 && memcmp(k.data, img, 0x40000) == 0 &&
               k.image_size == 0x100000,
               "gzip'd Image (%zu bytes) inflates to the 256 KiB original",
               gz_len);
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0,
                             err, sizeof(err)) == 0 &&
               arm_boot_set_payloads(&bi, &k, NULL, 0, NULL, 0,
                                     err, sizeof(err)) == 0 &&
               bi.nblobs == 1 && bi.blobs[0].size == 0x40000 &&
               bi.dtb_addr == 0x40200000,
               "gzip'd Image: the inflated kernel is what gets copied");
    arm_kernel_free(&k);

    out = malloc(gz_len);
    memcpy(out, bad, gz_len);
    tap_report(arm_kernel_parse(&k, out, gz_len / 2, 0, err,
                                sizeof(err)) == -1 && strstr(err, "truncated"),
               "truncated gzip refused (%s)", err);
    out = malloc(gz_len);
    memcpy(out, bad, gz_len);
    out[gz_len - 6] ^= 0xff;            /* the CRC32 in the trailer */
    tap_report(arm_kernel_parse(&k, out, gz_len, 0, err, sizeof(err)) == -1 &&
               strstr(err, "corrupt"),
               "gzip with a bad CRC refused (%s)", err);
    out = malloc(gz_len);
    memcpy(out, bad, gz_len);
    out[20] ^= 0x55;                    /* inside the deflate data */
    tap_report(arm_kernel_parse(&k, out, gz_len, 0, err, sizeof(err)) == -1,
               "gzip with corrupt data refused (%s)", err);
    tap_report(arm_boot_gunzip(bad, gz_len, 0x3ffff, &out, &out_len,
                               err, sizeof(err)) == -1 &&
               strstr(err, "more than"),
               "gunzip: output over the cap refused (%s)", err);
    tap_report(arm_boot_gunzip(bad, gz_len, 0x40000, &out, &out_len,
                               err, sizeof(err)) == 0 && out_len == 0x40000,
               "gunzip: output exactly at the cap accepted");
    free(out);
    free(bad);

    /* A gzip of something that is not a kernel. */
    memset(img, 'A', 0x1000);
    gz = gzip_buf(img, 0x1000, &gz_len);
    tap_report(arm_kernel_parse(&k, gz, gz_len, 0, err, sizeof(err)) == -1 &&
               strstr(err, "not an arm64 Image"),
               "gzip of a text file refused");
    free(img);
}

/* ------------------------------------------------------------------ */
/* ELF                                                                */

typedef struct ElfSeg {
    uint64_t vaddr, paddr, filesz, memsz;
    uint8_t fill;
} ElfSeg;

/* Segment i's data at file offset 0x1000 * (i + 1). */
static uint8_t *make_elf(const ElfSeg *segs, int n, uint64_t entry,
                         size_t *size)
{
    size_t len = 0x1000 * (n + 1);
    uint8_t *p;
    Elf64_Ehdr eh;
    int i;

    for (i = 0; i < n; i++) {
        if (0x1000 * (i + 1) + segs[i].filesz > len) {
            len = 0x1000 * (i + 1) + segs[i].filesz;
        }
    }
    p = calloc(1, len);
    memset(&eh, 0, sizeof(eh));
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_AARCH64;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_phoff = sizeof(eh);
    eh.e_ehsize = sizeof(eh);
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = n + 1;
    memcpy(p, &eh, sizeof(eh));     /* the test host is little-endian */
    for (i = 0; i < n; i++) {
        Elf64_Phdr ph = {
            .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
            .p_offset = 0x1000 * (i + 1), .p_vaddr = segs[i].vaddr,
            .p_paddr = segs[i].paddr, .p_filesz = segs[i].filesz,
            .p_memsz = segs[i].memsz, .p_align = 0x1000,
        };
        memcpy(p + sizeof(eh) + i * sizeof(ph), &ph, sizeof(ph));
        memset(p + ph.p_offset, segs[i].fill, ph.p_filesz);
    }
    /* A trailing PT_NOTE, which the loader skips. */
    {
        Elf64_Phdr ph = { .p_type = PT_NOTE, .p_offset = 0, .p_filesz = 4,
                          .p_memsz = 4 };
        memcpy(p + sizeof(eh) + n * sizeof(ph), &ph, sizeof(ph));
    }
    *size = len;
    return p;
}

static void test_elf(void)
{
    static const ElfSeg two[2] = {
        { 0x40080000, 0x40080000, 0x100, 0x100, 0xc0 },
        { 0x40100000, 0x40100000, 0x10, 0x2000, 0xd0 },
    };
    ElfSeg segs[2];
    ArmKernel k;
    ArmBootInfo bi;
    uint8_t *p, dtb[64];
    size_t size;

    memset(dtb, 0x33, sizeof(dtb));
    p = make_elf(two, 2, 0x40080040, &size);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == 0 &&
               k.format == ARM_KERNEL_ELF && k.nsegs == 2 &&
               k.entry == 0x40080040 && k.segs[1].memsz == 0x2000,
               "ELF: two PT_LOAD segments, entry 0x40080040");
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0x800,
                             err, sizeof(err)) == 0 &&
               bi.entry == 0x40080040 && bi.kernel_addr == 0x40080000 &&
               bi.kernel_end == 0x40102000 && bi.dtb_addr == 0x40200000 &&
               bi.initrd_addr == 0x40400000,
               "ELF: dtb after the highest segment, at 0x40200000");
    arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0, err, sizeof(err));
    tap_report(arm_boot_set_payloads(&bi, &k, NULL, 0, dtb, sizeof(dtb),
                                     err, sizeof(err)) == 0 &&
               bi.nblobs == 4 &&
               bi.blobs[0].addr == 0x40080000 && bi.blobs[0].size == 0x100 &&
               bi.blobs[1].addr == 0x40100000 && bi.blobs[1].size == 0x10 &&
               bi.blobs[2].addr == 0x40100010 && bi.blobs[2].size == 0x1ff0 &&
               bi.blobs[2].data == NULL && !strcmp(bi.blobs[2].name, "bss") &&
               bi.blobs[3].addr == 0x40200000,
               "ELF: blobs = segment, segment, zeroed bss tail, dtb");
    memset(fake_ram, 0xaa, FAKE_RAM_SIZE);
    tap_report(arm_boot_copy(&bi, fake_write, NULL, err, sizeof(err)) == 0 &&
               fake_ram[0x80000] == 0xc0 && fake_ram[0x800ff] == 0xc0 &&
               fake_ram[0x80100] == 0xaa &&
               fake_ram[0x100000] == 0xd0 && fake_ram[0x10000f] == 0xd0 &&
               fake_ram[0x100010] == 0 && fake_ram[0x101fff] == 0 &&
               fake_ram[0x102000] == 0xaa && fake_ram[0x200000] == 0x33,
               "ELF: copy writes the segments and zeroes the bss");
    arm_kernel_free(&k);

    /* Entry as a virtual address in a segment linked high. */
    segs[0] = (ElfSeg){ 0xffff000000080000ull, 0x40080000, 0x100, 0x100, 1 };
    p = make_elf(segs, 1, 0xffff000000080040ull, &size);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == 0 &&
               k.entry == 0x40080040,
               "ELF: virtual entry 0xffff000000080040 -> physical 0x40080040");
    arm_kernel_free(&k);

    p = make_elf(two, 2, 0x50000000, &size);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1 &&
               strstr(err, "entry"),
               "ELF: entry outside the segments refused (%s)", err);

    p = make_elf(two, 2, 0x40080000, &size);
    st32(p + offsetof(Elf64_Ehdr, e_machine), EM_X86_64);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1 &&
               strstr(err, "AArch64"),
               "ELF: x86-64 machine refused (%s)", err);

    p = make_elf(two, 2, 0x40080000, &size);
    p[EI_CLASS] = ELFCLASS32;
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1,
               "ELF: 32-bit class refused");

    p = make_elf(two, 2, 0x40080000, &size);
    st64(p + offsetof(Elf64_Ehdr, e_phoff), size - 8);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1 &&
               strstr(err, "program headers"),
               "ELF: program headers past the end refused");

    segs[0] = (ElfSeg){ 0x40080000, 0x40080000, 0x200, 0x100, 1 };
    p = make_elf(segs, 1, 0x40080000, &size);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1,
               "ELF: filesz > memsz refused (%s)", err);

    p = make_elf(two, 2, 0x40080000, &size);
    /* Second header's p_filesz beyond the file. */
    st64(p + sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) +
         offsetof(Elf64_Phdr, p_filesz), 1ull << 40);
    st64(p + sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) +
         offsetof(Elf64_Phdr, p_memsz), 1ull << 40);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1,
               "ELF: segment data past the end of the file refused");

    segs[0] = (ElfSeg){ 0x40080000, 0x40080000, 0x100, 0x1000, 1 };
    segs[1] = (ElfSeg){ 0x40080800, 0x40080800, 0x100, 0x100, 2 };
    p = make_elf(segs, 2, 0x40080000, &size);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1 &&
               strstr(err, "overlap"),
               "ELF: overlapping segments refused");

    segs[0] = (ElfSeg){ 0x1000, 0x1000, 0x100, 0x100, 1 };
    p = make_elf(segs, 1, 0x1000, &size);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == 0 &&
               arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0,
                             err, sizeof(err)) == -1 &&
               strstr(err, "outside RAM"),
               "ELF: a segment below RAM refused at planning (%s)", err);
    arm_kernel_free(&k);

    p = make_elf(two, 0, 0x40080000, &size);
    tap_report(arm_kernel_parse(&k, p, size, 0, err, sizeof(err)) == -1 &&
               strstr(err, "no PT_LOAD"),
               "ELF: no PT_LOAD segment refused");
}

static void test_raw_and_files(void)
{
    char path[] = "/tmp/test-arm-boot-XXXXXX";
    ArmKernel k;
    ArmBootInfo bi;
    uint8_t *p, *img, *gz, *data;
    size_t gz_len, size;
    FILE *f;
    int fd;

    p = malloc(5);
    memcpy(p, "hello", 5);
    tap_report(arm_kernel_parse(&k, p, 5, 0, err, sizeof(err)) == -1,
               "raw binary refused without ARM_KERNEL_ALLOW_RAW");
    p = malloc(5);
    memcpy(p, "hello", 5);
    tap_report(arm_kernel_parse(&k, p, 5, ARM_KERNEL_ALLOW_RAW, err,
                                sizeof(err)) == 0 &&
               k.format == ARM_KERNEL_RAW &&
               arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0, err,
                             sizeof(err)) == 0 &&
               bi.entry == 0x40080000 && bi.kernel_addr == 0x40080000 &&
               bi.dtb_addr == 0x40200000,
               "raw binary: loaded and entered at RAM + 0x80000");
    arm_kernel_free(&k);
    tap_report(arm_kernel_parse(&k, malloc(1), 0, ARM_KERNEL_ALLOW_RAW, err,
                                sizeof(err)) == -1,
               "empty kernel file refused");

    fd = mkstemp(path);
    close(fd);
    img = make_image(0x8000, 0, 0x20000, 0xa);
    gz = gzip_buf(img, 0x8000, &gz_len);
    f = fopen(path, "wb");
    fwrite(gz, 1, gz_len, f);
    fclose(f);
    tap_report(arm_kernel_load_file(&k, path, 0, err, sizeof(err)) == 0 &&
               k.gzipped && k.size == 0x8000 &&
               memcmp(k.data, img, 0x8000) == 0,
               "load_file: a gzip'd Image from disk");
    arm_kernel_free(&k);
    tap_report(arm_boot_read_file(path, "-initrd", gz_len - 1, &data, &size,
                                  err, sizeof(err)) == -1 &&
               strstr(err, "-initrd"),
               "read_file: one byte over the limit refused (%s)", err);
    tap_report(arm_boot_read_file(path, "-initrd", gz_len, &data, &size,
                                  err, sizeof(err)) == 0 && size == gz_len &&
               memcmp(data, gz, gz_len) == 0,
               "read_file: at the limit accepted");
    free(data);
    tap_report(arm_kernel_load_file(&k, "/nonexistent/vmlinuz", 0, err,
                                    sizeof(err)) == -1 &&
               strstr(err, "-kernel /nonexistent/vmlinuz"),
               "load_file: a missing file names the option (%s)", err);
    tap_report(arm_kernel_load_file(&k, "/tmp", 0, err, sizeof(err)) == -1,
               "load_file: a directory refused");
    unlink(path);
    free(img);
    free(gz);
}

/*
 * Random byte flips in the headers of an ELF and an Image: never a
 * crash (the sanitizer run checks memory safety), and whatever is
 * accepted stays inside the file and inside RAM.
 */
static void test_mutations(void)
{
    static const ElfSeg two[2] = {
        { 0x40080000, 0x40080000, 0x100, 0x100, 0xc0 },
        { 0x40100000, 0x40100000, 0x10, 0x2000, 0xd0 },
    };
    uint32_t seed = 12345;
    unsigned iter, accepted = 0, bad = 0;

    for (iter = 0; iter < 4000; iter++) {
        size_t size, hdr;
        uint8_t *p;
        ArmKernel k;
        ArmBootInfo bi;
        int flips, i;

        if (iter & 1) {
            p = make_elf(two, 2, 0x40080000, &size);
            hdr = sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr);
        } else {
            size = 0x1000;
            p = make_image(size, 0x80000, 0x10000, 0xa);
            hdr = 64;
        }
        seed = seed * 1103515245 + 12345;
        flips = 1 + (seed >> 16) % 4;
        for (i = 0; i < flips; i++) {
            seed = seed * 1103515245 + 12345;
            p[(seed >> 8) % hdr] ^= 1u << ((seed >> 4) % 8);
        }
        if (arm_kernel_parse(&k, p, size, 0, NULL, 0) != 0) {
            continue;
        }
        for (i = 0; i < (int)k.nsegs; i++) {
            if (k.segs[i].data < k.data ||
                k.segs[i].data + k.segs[i].filesz > k.data + k.size) {
                bad++;
            }
        }
        if (arm_boot_plan(&bi, &k, RAM_BASE, 64 * MiB, 0x1000, NULL, 0) == 0) {
            accepted++;
            if (bi.kernel_addr < RAM_BASE ||
                bi.initrd_addr + 0x1000 > RAM_BASE + 64 * MiB ||
                bi.dtb_addr % (2 * MiB) != 0) {
                bad++;
            }
        }
        arm_kernel_free(&k);
    }
    tap_report(bad == 0, "4000 mutated headers: nothing outside the file "
               "or RAM (%u accepted)", accepted);
}

/* Optional: a real kernel, by hand (ARM_BOOT_TEST_KERNEL=path). */
static void test_real_kernel(void)
{
    const char *path = getenv("ARM_BOOT_TEST_KERNEL");
    ArmKernel k;
    ArmBootInfo bi;

    if (!path) {
        tap_skip("set ARM_BOOT_TEST_KERNEL", "real kernel");
        return;
    }
    err[0] = 0;
    if (!tap_report(arm_kernel_load_file(&k, path, 0, err, sizeof(err)) == 0,
                    "real kernel %s loads (%s)", path, err)) {
        return;
    }
    tap_diag("format %d gzipped %d size 0x%zx text_offset 0x%llx "
             "image_size 0x%llx flags 0x%llx page %u anywhere %d be %d",
             k.format, k.gzipped, k.size,
             (unsigned long long)k.text_offset,
             (unsigned long long)k.image_size,
             (unsigned long long)k.flags, k.page_size, k.place_anywhere,
             k.big_endian);
    tap_report(arm_boot_plan(&bi, &k, RAM_BASE, 1ull << 30, 20 * MiB,
                             err, sizeof(err)) == 0,
               "real kernel placed in 1 GiB with a 20 MiB initrd (%s)", err);
    tap_diag("kernel 0x%llx-0x%llx entry 0x%llx dtb 0x%llx initrd 0x%llx",
             (unsigned long long)bi.kernel_addr,
             (unsigned long long)bi.kernel_end,
             (unsigned long long)bi.entry, (unsigned long long)bi.dtb_addr,
             (unsigned long long)bi.initrd_addr);
    arm_kernel_free(&k);
}

int main(void)
{
    fake_ram = malloc(FAKE_RAM_SIZE);
    test_image_good();
    test_image_placement();
    test_image_bad();
    test_image_legacy();
    test_gzip();
    test_elf();
    test_raw_and_files();
    test_mutations();
    test_real_kernel();
    free(fake_ram);
    return tap_exit_status();
}
