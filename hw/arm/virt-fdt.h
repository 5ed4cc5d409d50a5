/*
 * hw/arm/virt-fdt.h: the device tree of the `virt` board.
 *
 * The `virt` board has no firmware tables of its own: everything the
 * guest kernel learns about the machine comes from a flattened device
 * tree (DTB) built here with libfdt from a plain description
 * (VirtFdtConfig).  The board (hw/arm/virt.c) fills the description
 * from its memory map, its -smp/-m/-machine options and the devices it
 * created, calls virt_fdt_build(), then hands the blob to the kernel
 * loader (hw/arm/boot.h), which places it in guest RAM and passes its
 * address in x0.
 *
 * The standard memory map and interrupt numbers live here too
 * (virt_fdt_config_init() fills them in), so the board, its devices and
 * the tree agree on one table.  The addresses are those every `virt`
 * guest expects (firmware, bare-metal tests and kernels hard-code the
 * UART at 0x09000000 and RAM at 0x40000000).
 *
 * Other entry points: virt_fdt_set_chosen() rewrites /chosen (bootargs,
 * initrd range) of a built tree or of a user's `-dtb` file;
 * virt_fdt_load_file() reads and checks a `-dtb` file;
 * virt_fdt_dump() is `-machine dumpdtb=file`.
 *
 * Errors: functions returning a pointer give NULL, functions returning
 * int give 0 or -1; either way one line explaining why (without a
 * trailing newline) is written to err[0..err_len) when err is not NULL.
 * The caller prints it, naming the option.  No function here prints or
 * exits.  Blobs are malloc'd; free them with free().
 *
 * Specifications: Devicetree Specification v0.4; the Linux bindings
 * (arm/cpus.yaml, arm/psci.yaml, arm/arch_timer.yaml,
 * interrupt-controller/arm,gic.yaml and arm,gic-v3.yaml,
 * serial/pl011.yaml, rtc/arm,pl031.yaml, gpio/pl061-gpio.yaml,
 * input/gpio-keys.yaml, virtio/mmio.yaml, chosen.yaml);
 * Documentation/arch/arm64/booting.rst.
 */
#ifndef HW_ARM_VIRT_FDT_H
#define HW_ARM_VIRT_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The arm64 boot protocol: a DTB is at most 2 MiB. */
#define VIRT_FDT_MAX_SIZE       (2u * 1024 * 1024)

/* Regions of the standard memory map (VirtFdtConfig.map[]). */
typedef enum VirtRegionIndex {
    VIRT_GIC_DIST,      /* GIC distributor (v2 and v3), 64 KiB */
    VIRT_GIC_CPU,       /* GICv2 CPU interface, 64 KiB */
    VIRT_GIC_REDIST,    /* GICv3 redistributors, 128 KiB per CPU */
    VIRT_UART,          /* PL011, 4 KiB */
    VIRT_RTC,           /* PL031, 4 KiB */
    VIRT_GPIO,          /* PL061, 4 KiB */
    VIRT_MMIO,          /* virtio-mmio slots, VIRT_MMIO_SLOT_SIZE each */
    VIRT_MEM,           /* RAM; size = -m */
    VIRT_NR_REGIONS
} VirtRegionIndex;

typedef struct VirtRegion {
    uint64_t base;
    uint64_t size;
} VirtRegion;

/* Standard addresses (virt_fdt_config_init() copies these). */
#define VIRT_GIC_DIST_BASE      0x08000000ull
#define VIRT_GIC_CPU_BASE       0x08010000ull
#define VIRT_GIC_REDIST_BASE    0x080a0000ull
#define VIRT_GIC_REDIST_SIZE    0x00f60000ull   /* room for 123 CPUs */
#define VIRT_GICR_STRIDE        0x20000ull      /* RD_base + SGI_base frames */
#define VIRT_UART_BASE          0x09000000ull
#define VIRT_RTC_BASE           0x09010000ull
#define VIRT_GPIO_BASE          0x09030000ull
#define VIRT_MMIO_BASE          0x0a000000ull
#define VIRT_MMIO_SLOT_SIZE     0x200ull
#define VIRT_MMIO_SLOTS_MAX     32
#define VIRT_MEM_BASE           0x40000000ull

/*
 * Shared peripheral interrupts, as SPI numbers (GIC INTID = SPI + 32;
 * the device tree's second interrupt cell is the SPI number).
 * virtio-mmio slot i uses VIRT_SPI_MMIO + i.
 */
#define VIRT_SPI_UART           1
#define VIRT_SPI_RTC            2
#define VIRT_SPI_GPIO           7
#define VIRT_SPI_MMIO           16

/*
 * Private peripheral interrupts of the architected timer, as PPI
 * numbers (INTID = PPI + 16), from the Arm Base System Architecture
 * recommended assignments.
 */
#define VIRT_PPI_TIMER_SEC      13      /* CNTPS: secure EL1 physical */
#define VIRT_PPI_TIMER_NS       14      /* CNTP: non-secure EL1 physical */
#define VIRT_PPI_TIMER_VIRT     11      /* CNTV: virtual */
#define VIRT_PPI_TIMER_HYP      10      /* CNTHP: EL2 physical */

/* PSCI: how the kernel calls firmware (the "method" property). */
typedef enum VirtPsciConduit {
    VIRT_PSCI_NONE,     /* no /psci node, CPUs without enable-method */
    VIRT_PSCI_HVC,
    VIRT_PSCI_SMC,
} VirtPsciConduit;

/* PSCI versions as PSCI_VERSION returns them (major << 16 | minor). */
#define VIRT_PSCI_VERSION_0_2   0x00000002u
#define VIRT_PSCI_VERSION_1_0   0x00010000u

/* PSCI function IDs (PSCI spec DEN0022, SMC64 where an address is taken). */
#define PSCI_0_2_FN_CPU_SUSPEND64   0xc4000001u
#define PSCI_0_2_FN_CPU_OFF         0x84000002u
#define PSCI_0_2_FN_CPU_ON64        0xc4000003u
#define PSCI_0_2_FN_MIGRATE64       0xc4000005u

/* Phandles the builder assigns (fixed, so tests and overlays know them). */
#define VIRT_PHANDLE_GIC        1
#define VIRT_PHANDLE_APB_PCLK   2
#define VIRT_PHANDLE_GPIO       3

/* Linux input event code of the power button (KEY_POWER). */
#define VIRT_KEY_POWER          116

typedef struct VirtFdtConfig {
    VirtRegion map[VIRT_NR_REGIONS];
    unsigned spi_uart, spi_rtc, spi_gpio, spi_mmio;

    unsigned num_cpus;              /* GICv2: 1..8; v3: what the redist fits */
    const char *cpu_compatible;     /* "arm,cortex-a57"; "arm,armv8" for max */
    unsigned gic_version;           /* 2 or 3 */

    VirtPsciConduit psci;
    uint32_t psci_version;          /* VIRT_PSCI_VERSION_* */

    unsigned num_virtio_mmio;       /* slots described, <= fits in map */
    bool has_rtc;
    bool has_gpio;                  /* PL061 + gpio-keys power button */
    unsigned power_button_pin;      /* PL061 line of the button (0..7) */
    uint32_t apb_pclk_hz;           /* the fixed 24 MHz peripheral clock */

    /* /chosen */
    const char *bootargs;           /* NULL: no bootargs property */
    uint64_t initrd_start;          /* guest physical; size 0: no initrd */
    uint64_t initrd_size;
    bool has_rng_seed;              /* rng-seed: entropy for the kernel */
    uint8_t rng_seed[32];
    bool has_kaslr_seed;
    uint64_t kaslr_seed;
} VirtFdtConfig;

/*
 * Fill cfg with the standard map, interrupts and devices: RAM of
 * ram_size bytes at VIRT_MEM_BASE, num_cpus "arm,cortex-a57" CPUs, the
 * given GIC version, PSCI 1.0 through HVC, 32 virtio-mmio slots, RTC,
 * GPIO power button on pin 3, no bootargs, no initrd, no seeds.
 */
void virt_fdt_config_init(VirtFdtConfig *cfg, uint64_t ram_size,
                          unsigned num_cpus, unsigned gic_version);

/*
 * Fill rng_seed and kaslr_seed from the host's entropy (getrandom);
 * false if none was available (the seeds stay off).
 */
bool virt_fdt_fill_seeds(VirtFdtConfig *cfg);

/*
 * MPIDR_EL1 affinity of CPU index i as the tree describes it (the reg
 * of /cpus/cpu@N): Aff0 = i % 16, Aff1 = i / 16, the 16-CPU clusters a
 * GICv3 target list can address.  The CPU models must report the same.
 */
uint64_t virt_cpu_mpidr(unsigned i);

/* Node paths the board needs (e.g. for stdout-path or -machine dumpdtb). */
void virt_fdt_uart_path(const VirtFdtConfig *cfg, char *buf, size_t len);

/*
 * Build the tree.  Returns a malloc'd blob (fdt_totalsize() bytes,
 * with some free space so virt_fdt_set_chosen() rarely needs to grow
 * it), or NULL if cfg is inconsistent (too many CPUs for the GIC,
 * devices outside their regions, a blob over VIRT_FDT_MAX_SIZE).
 */
void *virt_fdt_build(const VirtFdtConfig *cfg, char *err, size_t err_len);

/*
 * Set the /chosen properties of *blob, creating /chosen if needed:
 * bootargs (NULL leaves an existing value alone), and the initrd
 * range linux,initrd-start/-end (initrd_size 0 removes them).  *blob
 * may be reallocated to make room.  Works on any valid blob, such as
 * one from virt_fdt_load_file().
 */
int virt_fdt_set_chosen(void **blob, const char *bootargs,
                        uint64_t initrd_start, uint64_t initrd_size,
                        char *err, size_t err_len);

/*
 * Check a blob of size bytes from outside (a -dtb file): a valid
 * header (fdt_check_header), totalsize within size and within
 * VIRT_FDT_MAX_SIZE, and a well-formed structure (fdt_check_full).
 * Only a blob that passed may be given to virt_fdt_set_chosen().
 */
int virt_fdt_validate(const void *blob, size_t size, char *err,
                      size_t err_len);

/*
 * `-dtb file`: read the file and check it with virt_fdt_validate().
 * Returns a malloc'd blob.
 */
void *virt_fdt_load_file(const char *path, char *err, size_t err_len);

/* `-machine dumpdtb=file`: write the blob (fdt_totalsize bytes). */
int virt_fdt_dump(const void *blob, const char *path,
                  char *err, size_t err_len);

#endif
