/*
 * hw/arm/virt-fdt.c: build, patch, load and dump the `virt` board's
 * device tree (see virt-fdt.h for the API and the bindings followed).
 *
 * The tree is written with libfdt's sequential-write functions, so
 * nodes appear in the blob in the order written here: root
 * properties, /chosen, /memory, /cpus, /psci, the timer, the clock,
 * the GIC, then the devices by ascending address.  The kernel probes
 * virtio-mmio nodes in that order, so slot 0 (lowest address) is found
 * first.  Phandles are fixed numbers (VIRT_PHANDLE_*) assigned here.
 *
 * Interrupt specifiers have three cells (GIC binding): type (0 SPI,
 * 1 PPI), number within the type, flags (1 edge rising, 4 level high;
 * for GICv2 PPIs bits [15:8] are the mask of CPUs the PPI is wired to).
 * Every device interrupt is a level-high SPI: the UART, RTC, GPIO and
 * virtio-mmio models hold their line up while an interrupt is pending.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <libfdt.h>

#include "hw/arm/virt-fdt.h"

#define IRQ_TYPE_SPI            0
#define IRQ_TYPE_PPI            1
#define IRQ_FLAGS_LEVEL_HIGH    4

#define GICV2_MAX_CPUS          8
#define CHOSEN_SLACK            4096

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

void virt_fdt_config_init(VirtFdtConfig *cfg, uint64_t ram_size,
                          unsigned num_cpus, unsigned gic_version)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->map[VIRT_GIC_DIST] = (VirtRegion){ VIRT_GIC_DIST_BASE, 0x10000 };
    cfg->map[VIRT_GIC_CPU] = (VirtRegion){ VIRT_GIC_CPU_BASE, 0x10000 };
    cfg->map[VIRT_GIC_REDIST] = (VirtRegion){ VIRT_GIC_REDIST_BASE,
                                              VIRT_GIC_REDIST_SIZE };
    cfg->map[VIRT_UART] = (VirtRegion){ VIRT_UART_BASE, 0x1000 };
    cfg->map[VIRT_RTC] = (VirtRegion){ VIRT_RTC_BASE, 0x1000 };
    cfg->map[VIRT_GPIO] = (VirtRegion){ VIRT_GPIO_BASE, 0x1000 };
    cfg->map[VIRT_MMIO] = (VirtRegion){
        VIRT_MMIO_BASE, VIRT_MMIO_SLOT_SIZE * VIRT_MMIO_SLOTS_MAX };
    cfg->map[VIRT_MEM] = (VirtRegion){ VIRT_MEM_BASE, ram_size };
    cfg->spi_uart = VIRT_SPI_UART;
    cfg->spi_rtc = VIRT_SPI_RTC;
    cfg->spi_gpio = VIRT_SPI_GPIO;
    cfg->spi_mmio = VIRT_SPI_MMIO;
    cfg->num_cpus = num_cpus;
    cfg->cpu_compatible = "arm,cortex-a57";
    cfg->gic_version = gic_version;
    cfg->psci = VIRT_PSCI_HVC;
    cfg->psci_version = VIRT_PSCI_VERSION_1_0;
    cfg->num_virtio_mmio = VIRT_MMIO_SLOTS_MAX;
    cfg->has_rtc = true;
    cfg->has_gpio = true;
    cfg->power_button_pin = 3;
    cfg->apb_pclk_hz = 24000000;
}

bool virt_fdt_fill_seeds(VirtFdtConfig *cfg)
{
    uint8_t buf[sizeof(cfg->rng_seed) + sizeof(cfg->kaslr_seed)];

    if (getrandom(buf, sizeof(buf), GRND_NONBLOCK) != (ssize_t)sizeof(buf)) {
        return false;
    }
    memcpy(cfg->rng_seed, buf, sizeof(cfg->rng_seed));
    memcpy(&cfg->kaslr_seed, buf + sizeof(cfg->rng_seed),
           sizeof(cfg->kaslr_seed));
    cfg->has_rng_seed = true;
    cfg->has_kaslr_seed = true;
    return true;
}

uint64_t virt_cpu_mpidr(unsigned i)
{
    return ((uint64_t)(i / 16) << 8) | (i % 16);
}

void virt_fdt_uart_path(const VirtFdtConfig *cfg, char *buf, size_t len)
{
    snprintf(buf, len, "/serial@%llx",
             (unsigned long long)cfg->map[VIRT_UART].base);
}

/* ------------------------------------------------------------------ */
/* Checking the description                                           */

static bool region_ok(const VirtFdtConfig *cfg, VirtRegionIndex i,
                      const char *what, char *err, size_t err_len)
{
    const VirtRegion *r = &cfg->map[i];

    if (r->size == 0 || r->base + r->size < r->base) {
        set_err(err, err_len, "virt: bad %s region 0x%llx+0x%llx", what,
                (unsigned long long)r->base, (unsigned long long)r->size);
        return false;
    }
    return true;
}

static bool spi_ok(unsigned spi, const char *what, char *err, size_t err_len)
{
    /* SPIs are INTIDs 32..1019. */
    if (spi > 987) {
        set_err(err, err_len, "virt: %s SPI %u out of range (0..987)",
                what, spi);
        return false;
    }
    return true;
}

static bool config_ok(const VirtFdtConfig *cfg, char *err, size_t err_len)
{
    if (cfg->gic_version != 2 && cfg->gic_version != 3) {
        set_err(err, err_len, "virt: gic-version %u not supported (2 or 3)",
                cfg->gic_version);
        return false;
    }
    if (cfg->num_cpus == 0) {
        set_err(err, err_len, "virt: at least one CPU is needed");
        return false;
    }
    if (cfg->gic_version == 2 && cfg->num_cpus > GICV2_MAX_CPUS) {
        set_err(err, err_len, "virt: %u CPUs, but GICv2 supports at most %d",
                cfg->num_cpus, GICV2_MAX_CPUS);
        return false;
    }
    if (!region_ok(cfg, VIRT_MEM, "RAM", err, err_len) ||
        !region_ok(cfg, VIRT_GIC_DIST, "GIC distributor", err, err_len) ||
        !region_ok(cfg, VIRT_UART, "UART", err, err_len)) {
        return false;
    }
    if (cfg->gic_version == 2 &&
        !region_ok(cfg, VIRT_GIC_CPU, "GIC CPU interface", err, err_len)) {
        return false;
    }
    if (cfg->gic_version == 3) {
        if (!region_ok(cfg, VIRT_GIC_REDIST, "GIC redistributor",
                       err, err_len)) {
            return false;
        }
        if ((uint64_t)cfg->num_cpus * VIRT_GICR_STRIDE >
            cfg->map[VIRT_GIC_REDIST].size) {
            set_err(err, err_len, "virt: %u CPUs do not fit the GICv3 "
                    "redistributor region (at most %llu)", cfg->num_cpus,
                    (unsigned long long)(cfg->map[VIRT_GIC_REDIST].size /
                                         VIRT_GICR_STRIDE));
            return false;
        }
    }
    if (cfg->has_rtc && !region_ok(cfg, VIRT_RTC, "RTC", err, err_len)) {
        return false;
    }
    if (cfg->has_gpio) {
        if (!region_ok(cfg, VIRT_GPIO, "GPIO", err, err_len)) {
            return false;
        }
        if (cfg->power_button_pin > 7) {
            set_err(err, err_len, "virt: PL061 has 8 lines, not pin %u",
                    cfg->power_button_pin);
            return false;
        }
    }
    if (cfg->num_virtio_mmio) {
        if (!region_ok(cfg, VIRT_MMIO, "virtio-mmio", err, err_len)) {
            return false;
        }
        if (cfg->num_virtio_mmio >
            cfg->map[VIRT_MMIO].size / VIRT_MMIO_SLOT_SIZE) {
            set_err(err, err_len, "virt: %u virtio-mmio slots do not fit "
                    "in 0x%llx bytes", cfg->num_virtio_mmio,
                    (unsigned long long)cfg->map[VIRT_MMIO].size);
            return false;
        }
    }
    if (!spi_ok(cfg->spi_uart, "UART", err, err_len) ||
        (cfg->has_rtc && !spi_ok(cfg->spi_rtc, "RTC", err, err_len)) ||
        (cfg->has_gpio && !spi_ok(cfg->spi_gpio, "GPIO", err, err_len)) ||
        (cfg->num_virtio_mmio &&
         !spi_ok(cfg->spi_mmio + cfg->num_virtio_mmio - 1, "virtio-mmio",
                 err, err_len))) {
        return false;
    }
    if (cfg->psci != VIRT_PSCI_NONE &&
        cfg->psci_version != VIRT_PSCI_VERSION_0_2 &&
        cfg->psci_version != VIRT_PSCI_VERSION_1_0) {
        set_err(err, err_len, "virt: PSCI version 0x%x not supported",
                cfg->psci_version);
        return false;
    }
    if (!cfg->cpu_compatible || !*cfg->cpu_compatible) {
        set_err(err, err_len, "virt: no CPU compatible string");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Sequential writing                                                 */

/*
 * Property helpers: each returns the libfdt error (0 on success); the
 * writers OR them together, since the first failure makes every later
 * call fail too and the only failure expected is FDT_ERR_NOSPACE.
 */
static int prop_cells(void *fdt, const char *name, const uint32_t *v,
                      int n)
{
    fdt32_t cells[16];
    int i;

    for (i = 0; i < n; i++) {
        cells[i] = cpu_to_fdt32(v[i]);
    }
    return fdt_property(fdt, name, cells, n * sizeof(fdt32_t));
}

/* reg with #address-cells = #size-cells = 2. */
static int prop_reg64(void *fdt, const VirtRegion *r, int n)
{
    fdt64_t cells[8];
    int i;

    for (i = 0; i < n; i++) {
        cells[2 * i] = cpu_to_fdt64(r[i].base);
        cells[2 * i + 1] = cpu_to_fdt64(r[i].size);
    }
    return fdt_property(fdt, "reg", cells, n * 2 * sizeof(fdt64_t));
}

static int prop_spi(void *fdt, unsigned spi)
{
    uint32_t v[3] = { IRQ_TYPE_SPI, spi, IRQ_FLAGS_LEVEL_HIGH };

    return prop_cells(fdt, "interrupts", v, 3);
}

/* "compatible" with several strings: pass them NUL-separated. */
static int prop_strings(void *fdt, const char *name, const char *s,
                        size_t len)
{
    return fdt_property(fdt, name, s, len);
}

#define PROP_STRINGS(fdt, name, lit) \
    prop_strings(fdt, name, lit, sizeof(lit))

static int begin_node_at(void *fdt, const char *name, uint64_t addr)
{
    char buf[64];

    snprintf(buf, sizeof(buf), "%s@%llx", name, (unsigned long long)addr);
    return fdt_begin_node(fdt, buf);
}

static int write_chosen(void *fdt, const VirtFdtConfig *cfg)
{
    char path[64];
    int r = fdt_begin_node(fdt, "chosen");

    virt_fdt_uart_path(cfg, path, sizeof(path));
    r |= fdt_property_string(fdt, "stdout-path", path);
    if (cfg->bootargs) {
        r |= fdt_property_string(fdt, "bootargs", cfg->bootargs);
    }
    if (cfg->initrd_size) {
        r |= fdt_property_u64(fdt, "linux,initrd-start", cfg->initrd_start);
        r |= fdt_property_u64(fdt, "linux,initrd-end",
                              cfg->initrd_start + cfg->initrd_size);
    }
    if (cfg->has_rng_seed) {
        r |= fdt_property(fdt, "rng-seed", cfg->rng_seed,
                          sizeof(cfg->rng_seed));
    }
    if (cfg->has_kaslr_seed) {
        r |= fdt_property_u64(fdt, "kaslr-seed", cfg->kaslr_seed);
    }
    return r | fdt_end_node(fdt);
}

static int write_cpus(void *fdt, const VirtFdtConfig *cfg)
{
    unsigned i;
    int r = fdt_begin_node(fdt, "cpus");

    /* MPIDRs use Aff0 and Aff1 only: one address cell, no size. */
    r |= fdt_property_u32(fdt, "#address-cells", 1);
    r |= fdt_property_u32(fdt, "#size-cells", 0);
    for (i = 0; i < cfg->num_cpus; i++) {
        uint64_t mpidr = virt_cpu_mpidr(i);

        r |= begin_node_at(fdt, "cpu", mpidr);
        r |= fdt_property_string(fdt, "device_type", "cpu");
        r |= fdt_property_string(fdt, "compatible", cfg->cpu_compatible);
        r |= fdt_property_u32(fdt, "reg", (uint32_t)mpidr);
        if (cfg->psci != VIRT_PSCI_NONE) {
            r |= fdt_property_string(fdt, "enable-method", "psci");
        }
        r |= fdt_end_node(fdt);
    }
    return r | fdt_end_node(fdt);
}

static int write_psci(void *fdt, const VirtFdtConfig *cfg)
{
    int r;

    if (cfg->psci == VIRT_PSCI_NONE) {
        return 0;
    }
    r = fdt_begin_node(fdt, "psci");
    if (cfg->psci_version == VIRT_PSCI_VERSION_1_0) {
        r |= PROP_STRINGS(fdt, "compatible",
                          "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
    } else {
        r |= PROP_STRINGS(fdt, "compatible", "arm,psci-0.2\0arm,psci");
    }
    r |= fdt_property_string(fdt, "method",
                             cfg->psci == VIRT_PSCI_HVC ? "hvc" : "smc");
    /*
     * The IDs are implied by "arm,psci-0.2"; kernels that only know
     * "arm,psci" (0.1) read them from these properties.
     */
    r |= fdt_property_u32(fdt, "cpu_suspend", PSCI_0_2_FN_CPU_SUSPEND64);
    r |= fdt_property_u32(fdt, "cpu_off", PSCI_0_2_FN_CPU_OFF);
    r |= fdt_property_u32(fdt, "cpu_on", PSCI_0_2_FN_CPU_ON64);
    r |= fdt_property_u32(fdt, "migrate", PSCI_0_2_FN_MIGRATE64);
    return r | fdt_end_node(fdt);
}

static int write_timer(void *fdt, const VirtFdtConfig *cfg)
{
    uint32_t flags = IRQ_FLAGS_LEVEL_HIGH;
    uint32_t v[12];
    static const unsigned ppis[4] = {
        VIRT_PPI_TIMER_SEC, VIRT_PPI_TIMER_NS,
        VIRT_PPI_TIMER_VIRT, VIRT_PPI_TIMER_HYP,
    };
    int i, r;

    if (cfg->gic_version == 2) {
        /* GICv2 PPI specifiers carry the mask of CPUs wired to them. */
        flags |= ((1u << cfg->num_cpus) - 1) << 8;
    }
    for (i = 0; i < 4; i++) {
        v[3 * i] = IRQ_TYPE_PPI;
        v[3 * i + 1] = ppis[i];
        v[3 * i + 2] = flags;
    }
    r = fdt_begin_node(fdt, "timer");
    r |= PROP_STRINGS(fdt, "compatible", "arm,armv8-timer\0arm,armv7-timer");
    r |= prop_cells(fdt, "interrupts", v, 12);
    r |= fdt_property(fdt, "always-on", NULL, 0);
    return r | fdt_end_node(fdt);
}

static int write_gic(void *fdt, const VirtFdtConfig *cfg)
{
    VirtRegion regs[2];
    int r;

    r = begin_node_at(fdt, "intc", cfg->map[VIRT_GIC_DIST].base);
    regs[0] = cfg->map[VIRT_GIC_DIST];
    if (cfg->gic_version == 3) {
        r |= fdt_property_string(fdt, "compatible", "arm,gic-v3");
        regs[1].base = cfg->map[VIRT_GIC_REDIST].base;
        regs[1].size = (uint64_t)cfg->num_cpus * VIRT_GICR_STRIDE;
        r |= fdt_property_u32(fdt, "#redistributor-regions", 1);
    } else {
        r |= fdt_property_string(fdt, "compatible", "arm,cortex-a15-gic");
        regs[1] = cfg->map[VIRT_GIC_CPU];
    }
    r |= prop_reg64(fdt, regs, 2);
    r |= fdt_property_u32(fdt, "#interrupt-cells", 3);
    r |= fdt_property(fdt, "interrupt-controller", NULL, 0);
    r |= fdt_property_u32(fdt, "#address-cells", 2);
    r |= fdt_property_u32(fdt, "#size-cells", 2);
    r |= fdt_property(fdt, "ranges", NULL, 0);
    r |= fdt_property_u32(fdt, "phandle", VIRT_PHANDLE_GIC);
    return r | fdt_end_node(fdt);
}

static int write_clock(void *fdt, const VirtFdtConfig *cfg)
{
    int r = fdt_begin_node(fdt, "apb-pclk");

    r |= fdt_property_string(fdt, "compatible", "fixed-clock");
    r |= fdt_property_u32(fdt, "#clock-cells", 0);
    r |= fdt_property_u32(fdt, "clock-frequency", cfg->apb_pclk_hz);
    r |= fdt_property_string(fdt, "clock-output-names", "clk24mhz");
    r |= fdt_property_u32(fdt, "phandle", VIRT_PHANDLE_APB_PCLK);
    return r | fdt_end_node(fdt);
}

static int write_uart(void *fdt, const VirtFdtConfig *cfg)
{
    uint32_t clocks[2] = { VIRT_PHANDLE_APB_PCLK, VIRT_PHANDLE_APB_PCLK };
    int r = begin_node_at(fdt, "serial", cfg->map[VIRT_UART].base);

    r |= PROP_STRINGS(fdt, "compatible", "arm,pl011\0arm,primecell");
    r |= prop_reg64(fdt, &cfg->map[VIRT_UART], 1);
    r |= prop_spi(fdt, cfg->spi_uart);
    r |= prop_cells(fdt, "clocks", clocks, 2);
    r |= PROP_STRINGS(fdt, "clock-names", "uartclk\0apb_pclk");
    return r | fdt_end_node(fdt);
}

static int write_rtc(void *fdt, const VirtFdtConfig *cfg)
{
    int r;

    if (!cfg->has_rtc) {
        return 0;
    }
    r = begin_node_at(fdt, "rtc", cfg->map[VIRT_RTC].base);
    r |= PROP_STRINGS(fdt, "compatible", "arm,pl031\0arm,primecell");
    r |= prop_reg64(fdt, &cfg->map[VIRT_RTC], 1);
    r |= prop_spi(fdt, cfg->spi_rtc);
    r |= fdt_property_u32(fdt, "clocks", VIRT_PHANDLE_APB_PCLK);
    r |= fdt_property_string(fdt, "clock-names", "apb_pclk");
    return r | fdt_end_node(fdt);
}

static int write_gpio(void *fdt, const VirtFdtConfig *cfg)
{
    uint32_t gpios[3] = { VIRT_PHANDLE_GPIO, cfg->power_button_pin, 0 };
    int r;

    if (!cfg->has_gpio) {
        return 0;
    }
    r = begin_node_at(fdt, "gpio", cfg->map[VIRT_GPIO].base);
    r |= PROP_STRINGS(fdt, "compatible", "arm,pl061\0arm,primecell");
    r |= prop_reg64(fdt, &cfg->map[VIRT_GPIO], 1);
    r |= prop_spi(fdt, cfg->spi_gpio);
    r |= fdt_property(fdt, "gpio-controller", NULL, 0);
    r |= fdt_property_u32(fdt, "#gpio-cells", 2);
    r |= fdt_property_u32(fdt, "clocks", VIRT_PHANDLE_APB_PCLK);
    r |= fdt_property_string(fdt, "clock-names", "apb_pclk");
    r |= fdt_property_u32(fdt, "phandle", VIRT_PHANDLE_GPIO);
    r |= fdt_end_node(fdt);

    /* The power button: a key on that line, active high. */
    r |= fdt_begin_node(fdt, "gpio-keys");
    r |= fdt_property_string(fdt, "compatible", "gpio-keys");
    r |= fdt_begin_node(fdt, "poweroff");
    r |= fdt_property_string(fdt, "label", "GPIO Key Poweroff");
    r |= fdt_property_u32(fdt, "linux,code", VIRT_KEY_POWER);
    r |= prop_cells(fdt, "gpios", gpios, 3);
    r |= fdt_end_node(fdt);
    return r | fdt_end_node(fdt);
}

static int write_virtio_mmio(void *fdt, const VirtFdtConfig *cfg)
{
    unsigned i;
    int r = 0;

    for (i = 0; i < cfg->num_virtio_mmio; i++) {
        VirtRegion slot = {
            cfg->map[VIRT_MMIO].base + i * VIRT_MMIO_SLOT_SIZE,
            VIRT_MMIO_SLOT_SIZE,
        };

        r |= begin_node_at(fdt, "virtio_mmio", slot.base);
        r |= fdt_property_string(fdt, "compatible", "virtio,mmio");
        r |= prop_reg64(fdt, &slot, 1);
        r |= prop_spi(fdt, cfg->spi_mmio + i);
        r |= fdt_property(fdt, "dma-coherent", NULL, 0);
        r |= fdt_end_node(fdt);
    }
    return r;
}

static int write_tree(void *buf, int size, const VirtFdtConfig *cfg)
{
    int r = fdt_create(buf, size);

    r |= fdt_finish_reservemap(buf);
    r |= fdt_begin_node(buf, "");
    r |= fdt_property_string(buf, "compatible", "linux,dummy-virt");
    r |= fdt_property_string(buf, "model", "linux,dummy-virt");
    r |= fdt_property_u32(buf, "#address-cells", 2);
    r |= fdt_property_u32(buf, "#size-cells", 2);
    r |= fdt_property_u32(buf, "interrupt-parent", VIRT_PHANDLE_GIC);

    r |= write_chosen(buf, cfg);
    r |= begin_node_at(buf, "memory", cfg->map[VIRT_MEM].base);
    r |= fdt_property_string(buf, "device_type", "memory");
    r |= prop_reg64(buf, &cfg->map[VIRT_MEM], 1);
    r |= fdt_end_node(buf);
    r |= write_cpus(buf, cfg);
    r |= write_psci(buf, cfg);
    r |= write_timer(buf, cfg);
    r |= write_clock(buf, cfg);
    r |= write_gic(buf, cfg);
    r |= write_uart(buf, cfg);
    r |= write_rtc(buf, cfg);
    r |= write_gpio(buf, cfg);
    r |= write_virtio_mmio(buf, cfg);

    r |= fdt_end_node(buf);
    r |= fdt_finish(buf);
    return r;
}

void *virt_fdt_build(const VirtFdtConfig *cfg, char *err, size_t err_len)
{
    int size = 16 * 1024;
    void *buf, *out;

    if (!config_ok(cfg, err, err_len)) {
        return NULL;
    }
    for (;;) {
        int r;

        buf = malloc(size);
        if (!buf) {
            set_err(err, err_len, "virt: out of memory for the device tree");
            return NULL;
        }
        r = write_tree(buf, size, cfg);
        if (r == 0) {
            break;
        }
        free(buf);
        /*
         * Errors are ORed together, so only their presence is known;
         * the one expected is running out of room: retry bigger.
         */
        if (size >= (int)VIRT_FDT_MAX_SIZE) {
            set_err(err, err_len, "virt: building the device tree failed "
                    "(more than 2 MiB?)");
            return NULL;
        }
        size *= 2;
    }

    /* Reopen in read-write form with room for /chosen edits. */
    size = fdt_totalsize(buf) + CHOSEN_SLACK;
    out = calloc(1, size);
    if (!out || fdt_open_into(buf, out, size) != 0) {
        free(buf);
        free(out);
        set_err(err, err_len, "virt: out of memory for the device tree");
        return NULL;
    }
    free(buf);
    if (fdt_totalsize(out) > VIRT_FDT_MAX_SIZE) {
        free(out);
        set_err(err, err_len, "virt: device tree larger than 2 MiB");
        return NULL;
    }
    return out;
}

/* ------------------------------------------------------------------ */
/* Editing /chosen                                                    */

static int try_set_chosen(void *fdt, const char *bootargs,
                          uint64_t initrd_start, uint64_t initrd_size)
{
    int node = fdt_path_offset(fdt, "/chosen");
    int r;

    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (node < 0) {
        return node;
    }
    if (bootargs) {
        r = fdt_setprop_string(fdt, node, "bootargs", bootargs);
        if (r) {
            return r;
        }
    }
    if (initrd_size) {
        r = fdt_setprop_u64(fdt, node, "linux,initrd-start", initrd_start);
        if (r == 0) {
            r = fdt_setprop_u64(fdt, node, "linux,initrd-end",
                                initrd_start + initrd_size);
        }
        return r;
    }
    r = fdt_delprop(fdt, node, "linux,initrd-start");
    if (r && r != -FDT_ERR_NOTFOUND) {
        return r;
    }
    r = fdt_delprop(fdt, node, "linux,initrd-end");
    return r == -FDT_ERR_NOTFOUND ? 0 : r;
}

int virt_fdt_set_chosen(void **blob, const char *bootargs,
                        uint64_t initrd_start, uint64_t initrd_size,
                        char *err, size_t err_len)
{
    void *fdt = *blob;
    int r = fdt_check_header(fdt);
    size_t size;

    if (r) {
        set_err(err, err_len, "device tree: %s", fdt_strerror(r));
        return -1;
    }
    if (initrd_size && initrd_start + initrd_size < initrd_start) {
        set_err(err, err_len, "device tree: initrd range wraps around");
        return -1;
    }
    /*
     * Grow the buffer by what the new properties can need (each at
     * most a tag, a header and the padded value, plus the names in
     * the strings block) before editing, so one pass suffices.
     */
    size = fdt_totalsize(fdt) + CHOSEN_SLACK +
           (bootargs ? strlen(bootargs) + 1 : 0);
    if (size > VIRT_FDT_MAX_SIZE) {
        set_err(err, err_len, "device tree: larger than 2 MiB with "
                "/chosen added");
        return -1;
    }
    fdt = calloc(1, size);
    if (!fdt) {
        set_err(err, err_len, "device tree: out of memory");
        return -1;
    }
    r = fdt_open_into(*blob, fdt, size);
    if (r == 0) {
        r = try_set_chosen(fdt, bootargs, initrd_start, initrd_size);
    }
    if (r == 0) {
        r = fdt_pack(fdt);
    }
    if (r) {
        free(fdt);
        set_err(err, err_len, "device tree: setting /chosen: %s",
                fdt_strerror(r));
        return -1;
    }
    free(*blob);
    *blob = fdt;
    return 0;
}

/* ------------------------------------------------------------------ */
/* -dtb and dumpdtb                                                   */

int virt_fdt_validate(const void *blob, size_t size, char *err,
                      size_t err_len)
{
    int r = size < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED
                                             : fdt_check_header(blob);

    if (r == 0 && fdt_totalsize(blob) > size) {
        r = -FDT_ERR_TRUNCATED;
    }
    if (r == 0 && fdt_totalsize(blob) > VIRT_FDT_MAX_SIZE) {
        set_err(err, err_len, "device tree larger than 2 MiB");
        return -1;
    }
    if (r == 0) {
        /* Walk the whole structure so a corrupt blob fails here. */
        r = fdt_check_full(blob, size);
    }
    if (r) {
        set_err(err, err_len, "not a valid device tree: %s",
                fdt_strerror(r));
        return -1;
    }
    return 0;
}

void *virt_fdt_load_file(const char *path, char *err, size_t err_len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    void *buf;
    char why[128];

    if (!f) {
        set_err(err, err_len, "-dtb %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        set_err(err, err_len, "-dtb %s: not a regular file", path);
        fclose(f);
        return NULL;
    }
    if (st.st_size > (off_t)VIRT_FDT_MAX_SIZE) {
        set_err(err, err_len, "-dtb %s: %lld bytes, more than the 2 MiB "
                "a device tree may have", path, (long long)st.st_size);
        fclose(f);
        return NULL;
    }
    if (st.st_size < (off_t)sizeof(struct fdt_header)) {
        set_err(err, err_len, "-dtb %s: too small for a device tree", path);
        fclose(f);
        return NULL;
    }
    buf = malloc(st.st_size);
    if (!buf) {
        set_err(err, err_len, "-dtb %s: out of memory", path);
        fclose(f);
        return NULL;
    }
    if (fread(buf, 1, st.st_size, f) != (size_t)st.st_size) {
        set_err(err, err_len, "-dtb %s: read error", path);
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    if (virt_fdt_validate(buf, st.st_size, why, sizeof(why)) != 0) {
        set_err(err, err_len, "-dtb %s: %s", path, why);
        free(buf);
        return NULL;
    }
    return buf;
}

int virt_fdt_dump(const void *blob, const char *path,
                  char *err, size_t err_len)
{
    FILE *f;
    size_t size;
    bool ok;

    if (fdt_check_header(blob) != 0) {
        set_err(err, err_len, "dumpdtb: invalid device tree");
        return -1;
    }
    size = fdt_totalsize(blob);
    f = fopen(path, "wb");
    if (!f) {
        set_err(err, err_len, "dumpdtb=%s: %s", path, strerror(errno));
        return -1;
    }
    ok = fwrite(blob, 1, size, f) == size;
    ok &= fclose(f) == 0;
    if (!ok) {
        set_err(err, err_len, "dumpdtb=%s: write error", path);
        return -1;
    }
    return 0;
}
