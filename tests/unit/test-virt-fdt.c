/*
 * test-virt-fdt.c: the `virt` board's device tree (hw/arm/virt-fdt.c),
 * read back with libfdt.  Expected values come from the bindings
 * (interrupt specifiers <type number flags>, PSCI function IDs, ...)
 * and the standard memory map, written out by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <libfdt.h>

#include "hw/arm/virt-fdt.h"
#include "tests/unit/tap.h"

static char err[256];

/* Does node `path` have property `name` equal to the given u32 cells? */
static bool cells_eq(const void *fdt, const char *path, const char *name,
                     const uint32_t *want, int n)
{
    int node = fdt_path_offset(fdt, path);
    const fdt32_t *v;
    int len, i;

    if (node < 0) {
        tap_diag("%s: no such node", path);
        return false;
    }
    v = fdt_getprop(fdt, node, name, &len);
    if (!v || len != n * 4) {
        tap_diag("%s %s: length %d, want %d", path, name, v ? len : -1,
                 n * 4);
        return false;
    }
    for (i = 0; i < n; i++) {
        if (fdt32_to_cpu(v[i]) != want[i]) {
            tap_diag("%s %s[%d] = 0x%x, want 0x%x", path, name, i,
                     fdt32_to_cpu(v[i]), want[i]);
            return false;
        }
    }
    return true;
}

#define CELLS_EQ(fdt, path, name, ...) \
    cells_eq(fdt, path, name, (const uint32_t[]){ __VA_ARGS__ }, \
             sizeof((const uint32_t[]){ __VA_ARGS__ }) / 4)

/* Property equal to these bytes (strings lists: NUL-separated, + NUL). */
static bool bytes_eq(const void *fdt, const char *path, const char *name,
                     const void *want, int n)
{
    int node = fdt_path_offset(fdt, path);
    const void *v;
    int len;

    if (node < 0) {
        tap_diag("%s: no such node", path);
        return false;
    }
    v = fdt_getprop(fdt, node, name, &len);
    if (!v || len != n || memcmp(v, want, n) != 0) {
        tap_diag("%s %s: length %d, want %d", path, name, v ? len : -1, n);
        return false;
    }
    return true;
}

#define STR_EQ(fdt, path, name, lit) bytes_eq(fdt, path, name, lit, sizeof(lit))

static bool has_prop(const void *fdt, const char *path, const char *name)
{
    int node = fdt_path_offset(fdt, path);

    return node >= 0 && fdt_getprop(fdt, node, name, NULL) != NULL;
}

static bool has_node(const void *fdt, const char *path)
{
    return fdt_path_offset(fdt, path) >= 0;
}

static uint64_t get_u64(const void *fdt, const char *path, const char *name)
{
    int node = fdt_path_offset(fdt, path);
    const void *v;
    fdt64_t x;
    int len;

    /* Properties are only 4-byte aligned: copy before converting. */
    v = node < 0 ? NULL : fdt_getprop(fdt, node, name, &len);
    if (!v || len != 8) {
        return ~0ull;
    }
    memcpy(&x, v, 8);
    return fdt64_to_cpu(x);
}

static void *build(VirtFdtConfig *cfg)
{
    void *fdt;

    err[0] = 0;
    fdt = virt_fdt_build(cfg, err, sizeof(err));
    if (!fdt) {
        tap_diag("build failed: %s", err);
    }
    return fdt;
}

static void test_gicv3_one_cpu(void)
{
    VirtFdtConfig cfg;
    void *fdt;
    int node, n;
    uint64_t prev;

    virt_fdt_config_init(&cfg, 128 << 20, 1, 3);
    fdt = build(&cfg);
    if (!tap_report(fdt && fdt_check_header(fdt) == 0 &&
                    fdt_totalsize(fdt) <= VIRT_FDT_MAX_SIZE,
                    "v3/1 cpu: builds a valid blob")) {
        return;
    }
    tap_report(CELLS_EQ(fdt, "/", "#address-cells", 2) &&
               CELLS_EQ(fdt, "/", "#size-cells", 2) &&
               CELLS_EQ(fdt, "/", "interrupt-parent", 1) &&
               STR_EQ(fdt, "/", "compatible", "linux,dummy-virt"),
               "v3/1 cpu: root cells, interrupt-parent = GIC phandle 1");
    tap_report(STR_EQ(fdt, "/memory@40000000", "device_type", "memory") &&
               CELLS_EQ(fdt, "/memory@40000000", "reg",
                        0, 0x40000000, 0, 0x08000000),
               "v3/1 cpu: /memory@40000000 reg = 128 MiB at 1 GiB");
    tap_report(CELLS_EQ(fdt, "/cpus", "#address-cells", 1) &&
               CELLS_EQ(fdt, "/cpus", "#size-cells", 0) &&
               STR_EQ(fdt, "/cpus/cpu@0", "device_type", "cpu") &&
               STR_EQ(fdt, "/cpus/cpu@0", "compatible", "arm,cortex-a57") &&
               STR_EQ(fdt, "/cpus/cpu@0", "enable-method", "psci") &&
               CELLS_EQ(fdt, "/cpus/cpu@0", "reg", 0) &&
               !has_node(fdt, "/cpus/cpu@1"),
               "v3/1 cpu: one cpu@0, cortex-a57, enable-method psci");
    tap_report(STR_EQ(fdt, "/psci", "compatible",
                      "arm,psci-1.0\0arm,psci-0.2\0arm,psci") &&
               STR_EQ(fdt, "/psci", "method", "hvc") &&
               CELLS_EQ(fdt, "/psci", "cpu_suspend", 0xc4000001) &&
               CELLS_EQ(fdt, "/psci", "cpu_off", 0x84000002) &&
               CELLS_EQ(fdt, "/psci", "cpu_on", 0xc4000003) &&
               CELLS_EQ(fdt, "/psci", "migrate", 0xc4000005),
               "v3/1 cpu: /psci 1.0 via hvc with the SMC64 function IDs");
    tap_report(STR_EQ(fdt, "/timer", "compatible",
                      "arm,armv8-timer\0arm,armv7-timer") &&
               CELLS_EQ(fdt, "/timer", "interrupts",
                        1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4) &&
               has_prop(fdt, "/timer", "always-on"),
               "v3/1 cpu: timer PPIs 13 14 11 10, level high, no CPU mask");
    tap_report(STR_EQ(fdt, "/intc@8000000", "compatible", "arm,gic-v3") &&
               CELLS_EQ(fdt, "/intc@8000000", "reg",
                        0, 0x08000000, 0, 0x10000,
                        0, 0x080a0000, 0, 0x20000) &&
               CELLS_EQ(fdt, "/intc@8000000", "#interrupt-cells", 3) &&
               CELLS_EQ(fdt, "/intc@8000000", "#redistributor-regions", 1) &&
               CELLS_EQ(fdt, "/intc@8000000", "phandle", 1) &&
               has_prop(fdt, "/intc@8000000", "interrupt-controller"),
               "v3/1 cpu: GICv3 distributor + one 128 KiB redistributor");
    tap_report(fdt_node_offset_by_phandle(fdt, 1) ==
               fdt_path_offset(fdt, "/intc@8000000") &&
               fdt_node_offset_by_phandle(fdt, 2) ==
               fdt_path_offset(fdt, "/apb-pclk") &&
               fdt_node_offset_by_phandle(fdt, 3) ==
               fdt_path_offset(fdt, "/gpio@9030000"),
               "v3/1 cpu: phandles 1 GIC, 2 clock, 3 GPIO resolve");
    tap_report(STR_EQ(fdt, "/apb-pclk", "compatible", "fixed-clock") &&
               CELLS_EQ(fdt, "/apb-pclk", "#clock-cells", 0) &&
               CELLS_EQ(fdt, "/apb-pclk", "clock-frequency", 24000000),
               "v3/1 cpu: 24 MHz apb_pclk fixed clock");
    tap_report(STR_EQ(fdt, "/serial@9000000", "compatible",
                      "arm,pl011\0arm,primecell") &&
               CELLS_EQ(fdt, "/serial@9000000", "reg",
                        0, 0x09000000, 0, 0x1000) &&
               CELLS_EQ(fdt, "/serial@9000000", "interrupts", 0, 1, 4) &&
               CELLS_EQ(fdt, "/serial@9000000", "clocks", 2, 2) &&
               STR_EQ(fdt, "/serial@9000000", "clock-names",
                      "uartclk\0apb_pclk"),
               "v3/1 cpu: PL011 at 0x9000000, SPI 1, both clocks");
    tap_report(STR_EQ(fdt, "/chosen", "stdout-path", "/serial@9000000") &&
               fdt_path_offset(fdt, "/serial@9000000") >= 0 &&
               !has_prop(fdt, "/chosen", "bootargs") &&
               !has_prop(fdt, "/chosen", "linux,initrd-start") &&
               !has_prop(fdt, "/chosen", "rng-seed"),
               "v3/1 cpu: /chosen stdout-path names the UART, nothing else");
    tap_report(STR_EQ(fdt, "/rtc@9010000", "compatible",
                      "arm,pl031\0arm,primecell") &&
               CELLS_EQ(fdt, "/rtc@9010000", "interrupts", 0, 2, 4) &&
               CELLS_EQ(fdt, "/rtc@9010000", "clocks", 2),
               "v3/1 cpu: PL031 at 0x9010000, SPI 2");
    tap_report(STR_EQ(fdt, "/gpio@9030000", "compatible",
                      "arm,pl061\0arm,primecell") &&
               CELLS_EQ(fdt, "/gpio@9030000", "interrupts", 0, 7, 4) &&
               CELLS_EQ(fdt, "/gpio@9030000", "#gpio-cells", 2) &&
               has_prop(fdt, "/gpio@9030000", "gpio-controller") &&
               STR_EQ(fdt, "/gpio-keys", "compatible", "gpio-keys") &&
               CELLS_EQ(fdt, "/gpio-keys/poweroff", "linux,code", 116) &&
               CELLS_EQ(fdt, "/gpio-keys/poweroff", "gpios", 3, 3, 0),
               "v3/1 cpu: PL061 SPI 7, power button KEY_POWER on line 3");

    /* virtio-mmio: 32 slots, ascending, SPI 16..47. */
    n = 0;
    prev = 0;
    node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio");
    while (node >= 0) {
        const fdt32_t *reg = fdt_getprop(fdt, node, "reg", NULL);
        uint64_t base = reg ? ((uint64_t)fdt32_to_cpu(reg[0]) << 32 |
                               fdt32_to_cpu(reg[1])) : 0;

        if (base <= prev) {
            break;
        }
        prev = base;
        n++;
        node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio");
    }
    tap_report(n == 32 && prev == 0x0a003e00,
               "v3/1 cpu: 32 virtio-mmio nodes in ascending order (%d)", n);
    tap_report(CELLS_EQ(fdt, "/virtio_mmio@a000000", "reg",
                        0, 0x0a000000, 0, 0x200) &&
               CELLS_EQ(fdt, "/virtio_mmio@a000000", "interrupts", 0, 16, 4) &&
               CELLS_EQ(fdt, "/virtio_mmio@a003e00", "interrupts", 0, 47, 4) &&
               has_prop(fdt, "/virtio_mmio@a003e00", "dma-coherent"),
               "v3/1 cpu: virtio-mmio slot 0 SPI 16, slot 31 SPI 47");
    free(fdt);
}

static void test_gicv2_four_cpus(void)
{
    VirtFdtConfig cfg;
    void *fdt;

    virt_fdt_config_init(&cfg, 1ull << 30, 4, 2);
    fdt = build(&cfg);
    if (!tap_report(fdt != NULL, "v2/4 cpus: builds")) {
        return;
    }
    tap_report(CELLS_EQ(fdt, "/cpus/cpu@0", "reg", 0) &&
               CELLS_EQ(fdt, "/cpus/cpu@3", "reg", 3) &&
               STR_EQ(fdt, "/cpus/cpu@3", "enable-method", "psci") &&
               !has_node(fdt, "/cpus/cpu@4"),
               "v2/4 cpus: cpu@0..cpu@3, reg = MPIDR");
    tap_report(STR_EQ(fdt, "/intc@8000000", "compatible",
                      "arm,cortex-a15-gic") &&
               CELLS_EQ(fdt, "/intc@8000000", "reg",
                        0, 0x08000000, 0, 0x10000,
                        0, 0x08010000, 0, 0x10000) &&
               !has_prop(fdt, "/intc@8000000", "#redistributor-regions"),
               "v2/4 cpus: GICv2 distributor + CPU interface");
    tap_report(CELLS_EQ(fdt, "/timer", "interrupts",
                        1, 13, 0xf04, 1, 14, 0xf04,
                        1, 11, 0xf04, 1, 10, 0xf04),
               "v2/4 cpus: timer PPIs carry CPU mask 0xf in bits 15:8");
    tap_report(CELLS_EQ(fdt, "/memory@40000000", "reg",
                        0, 0x40000000, 0, 0x40000000),
               "v2/4 cpus: 1 GiB of RAM");
    free(fdt);

    virt_fdt_config_init(&cfg, 1ull << 30, 8, 2);
    fdt = build(&cfg);
    tap_report(fdt && CELLS_EQ(fdt, "/timer", "interrupts",
                               1, 13, 0xff04, 1, 14, 0xff04,
                               1, 11, 0xff04, 1, 10, 0xff04),
               "v2/8 cpus: CPU mask 0xff");
    free(fdt);
}

static void test_gicv3_many_cpus(void)
{
    VirtFdtConfig cfg;
    void *fdt;

    virt_fdt_config_init(&cfg, 6ull << 30, 4, 3);
    fdt = build(&cfg);
    tap_report(fdt && CELLS_EQ(fdt, "/intc@8000000", "reg",
                               0, 0x08000000, 0, 0x10000,
                               0, 0x080a0000, 0, 0x80000) &&
               CELLS_EQ(fdt, "/timer", "interrupts",
                        1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4) &&
               CELLS_EQ(fdt, "/memory@40000000", "reg",
                        0, 0x40000000, 1, 0x80000000),
               "v3/4 cpus: redistributors 4 x 128 KiB, 6 GiB RAM in 2 cells");
    free(fdt);

    virt_fdt_config_init(&cfg, 1ull << 30, 20, 3);
    fdt = build(&cfg);
    tap_report(fdt && CELLS_EQ(fdt, "/cpus/cpu@f", "reg", 0xf) &&
               CELLS_EQ(fdt, "/cpus/cpu@100", "reg", 0x100) &&
               CELLS_EQ(fdt, "/cpus/cpu@103", "reg", 0x103) &&
               !has_node(fdt, "/cpus/cpu@10") &&
               virt_cpu_mpidr(19) == 0x103 && virt_cpu_mpidr(15) == 0xf,
               "v3/20 cpus: CPU 16 starts cluster Aff1 = 1 (reg 0x100)");
    free(fdt);

    virt_fdt_config_init(&cfg, 1ull << 30, 123, 3);
    fdt = build(&cfg);
    tap_report(fdt != NULL, "v3/123 cpus: the redistributor region is full");
    free(fdt);
}

static void test_bad_configs(void)
{
    VirtFdtConfig cfg;
    void *fdt;

    virt_fdt_config_init(&cfg, 1ull << 30, 9, 2);
    fdt = virt_fdt_build(&cfg, err, sizeof(err));
    tap_report(!fdt && strstr(err, "GICv2"), "9 CPUs on GICv2: refused (%s)",
               err);
    virt_fdt_config_init(&cfg, 1ull << 30, 124, 3);
    fdt = virt_fdt_build(&cfg, err, sizeof(err));
    tap_report(!fdt && strstr(err, "at most 123"),
               "124 CPUs on GICv3: refused (%s)", err);
    virt_fdt_config_init(&cfg, 1ull << 30, 1, 4);
    tap_report(!virt_fdt_build(&cfg, err, sizeof(err)),
               "gic-version 4 refused");
    virt_fdt_config_init(&cfg, 1ull << 30, 0, 3);
    tap_report(!virt_fdt_build(&cfg, err, sizeof(err)), "0 CPUs refused");
    virt_fdt_config_init(&cfg, 0, 1, 3);
    tap_report(!virt_fdt_build(&cfg, err, sizeof(err)), "0 bytes RAM refused");
    virt_fdt_config_init(&cfg, 1ull << 30, 1, 3);
    cfg.num_virtio_mmio = 33;
    tap_report(!virt_fdt_build(&cfg, err, sizeof(err)),
               "33 virtio-mmio slots in a 32-slot region refused");
    virt_fdt_config_init(&cfg, 1ull << 30, 1, 3);
    cfg.spi_mmio = 980;
    tap_report(!virt_fdt_build(&cfg, err, sizeof(err)),
               "virtio-mmio SPIs past 987 refused");
    virt_fdt_config_init(&cfg, 1ull << 30, 1, 3);
    cfg.power_button_pin = 8;
    tap_report(!virt_fdt_build(&cfg, err, sizeof(err)),
               "power button on PL061 line 8 refused");
}

static void test_options(void)
{
    VirtFdtConfig cfg;
    void *fdt;

    virt_fdt_config_init(&cfg, 1ull << 30, 2, 3);
    cfg.psci = VIRT_PSCI_SMC;
    cfg.psci_version = VIRT_PSCI_VERSION_0_2;
    cfg.cpu_compatible = "arm,cortex-a72";
    fdt = build(&cfg);
    tap_report(fdt && STR_EQ(fdt, "/psci", "compatible",
                             "arm,psci-0.2\0arm,psci") &&
               STR_EQ(fdt, "/psci", "method", "smc") &&
               STR_EQ(fdt, "/cpus/cpu@1", "compatible", "arm,cortex-a72"),
               "PSCI 0.2 via smc; cortex-a72 compatible");
    free(fdt);

    virt_fdt_config_init(&cfg, 1ull << 30, 2, 3);
    cfg.psci = VIRT_PSCI_NONE;
    cfg.has_rtc = false;
    cfg.has_gpio = false;
    cfg.num_virtio_mmio = 0;
    fdt = build(&cfg);
    tap_report(fdt && !has_node(fdt, "/psci") &&
               !has_prop(fdt, "/cpus/cpu@1", "enable-method") &&
               !has_node(fdt, "/rtc@9010000") &&
               !has_node(fdt, "/gpio@9030000") &&
               !has_node(fdt, "/gpio-keys") &&
               fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio") < 0 &&
               has_node(fdt, "/serial@9000000"),
               "no PSCI, RTC, GPIO or virtio-mmio: nodes left out");
    free(fdt);
}

static void test_chosen(void)
{
    VirtFdtConfig cfg;
    void *fdt;
    int i;
    uint8_t seed[32];
    char *longargs;

    virt_fdt_config_init(&cfg, 1ull << 30, 1, 3);
    cfg.bootargs = "console=ttyAMA0 root=/dev/vda";
    cfg.initrd_start = 0x48000000;
    cfg.initrd_size = 0x1234;
    cfg.has_rng_seed = true;
    for (i = 0; i < 32; i++) {
        cfg.rng_seed[i] = seed[i] = i * 7;
    }
    cfg.has_kaslr_seed = true;
    cfg.kaslr_seed = 0x1122334455667788ull;
    fdt = build(&cfg);
    if (!tap_report(fdt != NULL, "chosen: builds")) {
        return;
    }
    tap_report(STR_EQ(fdt, "/chosen", "bootargs",
                      "console=ttyAMA0 root=/dev/vda") &&
               get_u64(fdt, "/chosen", "linux,initrd-start") == 0x48000000 &&
               get_u64(fdt, "/chosen", "linux,initrd-end") == 0x48001234,
               "chosen: bootargs, initrd 0x48000000-0x48001234 as u64");
    tap_report(bytes_eq(fdt, "/chosen", "rng-seed", seed, 32) &&
               get_u64(fdt, "/chosen", "kaslr-seed") == 0x1122334455667788ull,
               "chosen: 32-byte rng-seed and kaslr-seed");

    /* A long command line forces the buffer to grow. */
    longargs = malloc(6001);
    memset(longargs, 'x', 6000);
    longargs[6000] = 0;
    tap_report(virt_fdt_set_chosen(&fdt, longargs, 0x50000000, 0x100,
                                   err, sizeof(err)) == 0 &&
               bytes_eq(fdt, "/chosen", "bootargs", longargs, 6001) &&
               get_u64(fdt, "/chosen", "linux,initrd-end") == 0x50000100 &&
               STR_EQ(fdt, "/chosen", "stdout-path", "/serial@9000000") &&
               fdt_check_header(fdt) == 0,
               "set_chosen: 6000-byte bootargs and a new initrd range");
    free(longargs);
    tap_report(virt_fdt_set_chosen(&fdt, NULL, 0, 0, err, sizeof(err)) == 0 &&
               has_prop(fdt, "/chosen", "bootargs") &&
               !has_prop(fdt, "/chosen", "linux,initrd-start") &&
               !has_prop(fdt, "/chosen", "linux,initrd-end"),
               "set_chosen: NULL keeps bootargs, size 0 drops the initrd");
    tap_report(virt_fdt_set_chosen(&fdt, NULL, ~0ull - 4, 0x10,
                                   err, sizeof(err)) == -1,
               "set_chosen: a wrapping initrd range is refused");
    free(fdt);

    /* A user's tree without /chosen. */
    fdt = malloc(256);
    fdt_create_empty_tree(fdt, 256);
    tap_report(virt_fdt_set_chosen(&fdt, "quiet", 0x40000000, 16,
                                   err, sizeof(err)) == 0 &&
               STR_EQ(fdt, "/chosen", "bootargs", "quiet") &&
               get_u64(fdt, "/chosen", "linux,initrd-start") == 0x40000000,
               "set_chosen: creates /chosen in a tree without one");
    free(fdt);
}

static bool write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok;

    if (!f) {
        return false;
    }
    ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

static void test_files(void)
{
    char path[] = "/tmp/test-virt-fdt-XXXXXX";
    VirtFdtConfig cfg;
    void *fdt, *back, *bad;
    size_t size;
    int fd = mkstemp(path);

    close(fd);
    virt_fdt_config_init(&cfg, 1ull << 30, 2, 2);
    fdt = build(&cfg);
    if (!fdt) {
        return;
    }
    size = fdt_totalsize(fdt);
    back = NULL;
    tap_report(virt_fdt_dump(fdt, path, err, sizeof(err)) == 0 &&
               (back = virt_fdt_load_file(path, err, sizeof(err))) != NULL &&
               fdt_totalsize(back) == size && memcmp(back, fdt, size) == 0,
               "dumpdtb then -dtb: the same %zu bytes (%s)", size, err);
    free(back);

    tap_report(!virt_fdt_load_file("/nonexistent/x.dtb", err, sizeof(err)),
               "-dtb: missing file refused (%s)", err);
    tap_report(write_file(path, "hello, world, this is no device tree!!!!"
                          "...............................", 72) &&
               !virt_fdt_load_file(path, err, sizeof(err)),
               "-dtb: a text file refused (%s)", err);
    tap_report(write_file(path, fdt, size / 2) &&
               !virt_fdt_load_file(path, err, sizeof(err)),
               "-dtb: a truncated blob refused (%s)", err);
    bad = malloc(size);
    memcpy(bad, fdt, size);
    /* Corrupt the first tag of the structure block. */
    memset((char *)bad + fdt_off_dt_struct(fdt), 0x5a, 4);
    tap_report(write_file(path, bad, size) &&
               !virt_fdt_load_file(path, err, sizeof(err)),
               "-dtb: a corrupt structure block refused (%s)", err);
    free(bad);
    fd = open(path, O_WRONLY | O_TRUNC);
    tap_report(fd >= 0 && ftruncate(fd, 3 << 20) == 0 &&
               !virt_fdt_load_file(path, err, sizeof(err)) &&
               strstr(err, "2 MiB"),
               "-dtb: a 3 MiB file refused (%s)", err);
    if (fd >= 0) {
        close(fd);
    }
    tap_report(virt_fdt_dump(fdt, "/nonexistent/out.dtb", err,
                             sizeof(err)) == -1,
               "dumpdtb into a missing directory fails (%s)", err);
    unlink(path);
    free(fdt);
}

/*
 * Random bit flips in a built blob: virt_fdt_validate() either refuses
 * it, or virt_fdt_set_chosen() then works on it (or fails cleanly) and
 * gives a blob that is valid again.  The sanitizer run checks memory.
 */
static void test_mutations(void)
{
    VirtFdtConfig cfg;
    void *fdt = NULL;
    size_t size;
    uint32_t seed = 777;
    unsigned iter, valid = 0, bad = 0;

    virt_fdt_config_init(&cfg, 1ull << 30, 2, 3);
    cfg.num_virtio_mmio = 2;
    fdt = build(&cfg);
    if (!fdt || virt_fdt_set_chosen(&fdt, "a", 0x48000000, 16, err,
                                    sizeof(err)) != 0) {
        tap_report(false, "mutations: base blob");
        free(fdt);
        return;
    }
    size = fdt_totalsize(fdt);
    for (iter = 0; iter < 3000; iter++) {
        void *m = malloc(size);
        int flips, i;

        memcpy(m, fdt, size);
        seed = seed * 1103515245 + 12345;
        flips = 1 + (seed >> 16) % 3;
        for (i = 0; i < flips; i++) {
            seed = seed * 1103515245 + 12345;
            ((uint8_t *)m)[(seed >> 8) % size] ^= 1u << ((seed >> 4) % 8);
        }
        if (virt_fdt_validate(m, size, NULL, 0) == 0) {
            valid++;
            if (virt_fdt_set_chosen(&m, "console=ttyAMA0", 0x48000000, 64,
                                    NULL, 0) == 0 &&
                fdt_check_full(m, fdt_totalsize(m)) != 0) {
                bad++;
            }
        }
        free(m);
    }
    tap_report(bad == 0, "3000 mutated blobs: validate + set_chosen stay "
               "consistent (%u passed validation)", valid);
    tap_report(virt_fdt_validate(fdt, size - 1, err, sizeof(err)) == -1 &&
               virt_fdt_validate(fdt, 10, err, sizeof(err)) == -1 &&
               virt_fdt_validate(fdt, size, err, sizeof(err)) == 0,
               "validate: a blob longer than its buffer is refused");
    free(fdt);
}

int main(void)
{
    test_gicv3_one_cpu();
    test_gicv2_four_cpus();
    test_gicv3_many_cpus();
    test_bad_configs();
    test_options();
    test_chosen();
    test_files();
    test_mutations();
    return tap_exit_status();
}
