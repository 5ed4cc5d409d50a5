/*
 * hw/arm/virt.c: the `virt` board of qemu-system-aarch64.
 *
 * The machine every arm64 distribution kernel boots without firmware
 * tables: RAM at 0x40000000, a GICv2 or GICv3, the PL011 UART, the
 * PL031 RTC, the PL061 GPIO with the power button, 32 virtio-mmio
 * slots, the generic timer and PSCI through HVC, all described to the
 * guest by a device tree (hw/arm/virt-fdt.c) whose address in x0 starts
 * the kernel (hw/arm/boot.c places it).  Without -kernel, CPU 0 starts
 * at 0 with the DTB at the bottom of RAM, as QEMU does for firmware.
 *
 * Wiring:
 *   - Each CPU sees the system address space through its own root; with
 *     a GICv2 that root adds the CPU's banked view of the GIC registers
 *     (the memory API has no requester ID).  A GICv3 sits in the system
 *     space and its CPU interface is the CPUs' ICC_* system registers.
 *     Devices doing DMA (virtio) use the system space.
 *   - GIC outputs -> the CPU's IRQ input; the timers -> GIC PPIs 30
 *     (EL1 physical) and 27 (virtual); UART SPI 1, RTC SPI 2, virtio
 *     slot i SPI 16 + i.
 *   - PSCI CPU_ON/OFF/SYSTEM_OFF/RESET go to sysemu/cpus.h and
 *     sysemu/runstate.h.  Secondary CPUs start powered off.
 *   - The kernel, initrd and DTB are copied into RAM at every reset, so
 *     system_reset reboots the same kernel.
 *
 * -device and if=virtio -drive devices take virtio-mmio slots from the
 * highest address down, as QEMU's virt does, so the first one is the
 * first the guest probes (/dev/vda).
 *
 * Machine properties: gic-version=2|3|max (max = 3), dumpdtb=FILE
 * (write the DTB and exit); QEMU's secure/virtualization/mte/acpi/its/
 * iommu are accepted when off, highmem is accepted and ignored.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/arm/boot.h"
#include "hw/arm/virt-fdt.h"
#include "hw/boards.h"
#include "hw/char/pl011.h"
#include "hw/gpio/pl061.h"
#include "hw/intc/arm_gicv2.h"
#include "hw/intc/arm_gicv3.h"
#include "hw/irq.h"
#include "hw/qdev.h"
#include "hw/rtc/pl031.h"
#include "hw/virtio/virtio.h"
#include "qemu/error-report.h"
#include "qemu/timer.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "cpu-sys.h"

#define VIRT_MAX_CPUS_GICV2 8
#define VIRT_MAX_CPUS       64          /* GICv3 */
#define VIRT_GIC_NUM_IRQS   288         /* 32 private + 256 SPIs */
#define VIRT_RAM_MAX        (255ull << 30)
#define VIRT_POWER_BUTTON_PIN 3         /* as virt_fdt_config_init says */

typedef struct VirtMachine {
    MachineState *ms;
    unsigned ncpus;
    ARMCPU *cpu[VIRT_MAX_CPUS];
    MemoryRegion cpu_root[VIRT_MAX_CPUS];
    MemoryRegion cpu_sysmem_alias[VIRT_MAX_CPUS];
    AddressSpace cpu_as[VIRT_MAX_CPUS];

    MemoryRegion ram;
    unsigned gic_version;
    GICv2State gic;
    GICv3State gic3;
    PL011State uart;
    PL031State rtc;
    QEMUTimer *rtc_timer;
    PL061State gpio;
    VirtIOMMIOProxy *virtio[VIRT_MMIO_SLOTS_MAX];
    int next_virtio_slot;               /* counts down */
    ArmPSCI psci;

    ArmKernel kernel;
    uint8_t *initrd;
    size_t initrd_size;
    void *dtb;
    ArmBootInfo boot;

    DeviceState dev_gic, dev_uart, dev_rtc, dev_gpio;
} VirtMachine;

static qemu_irq virt_spi(VirtMachine *vms, unsigned spi)
{
    return vms->gic_version == 3 ? gicv3_spi(&vms->gic3, 32 + spi)
                                 : gicv2_spi(&vms->gic, 32 + spi);
}

/* ------------------------------------------------------------------ PSCI */

static int virt_psci_cpu_on(void *opaque, unsigned cpu, uint64_t entry,
                            uint64_t context_id)
{
    VirtMachine *vms = opaque;
    ARMCPU *c = vms->cpu[cpu];

    c->reset_pc = entry;
    c->reset_x0 = context_id;
    c->reset_el = 1;
    arm_cpu_reset(c);
    cpu_power_on(&c->parent);
    return 0;
}

static void virt_psci_cpu_off(void *opaque, unsigned cpu)
{
    VirtMachine *vms = opaque;

    cpu_power_off(&vms->cpu[cpu]->parent);
}

static void virt_psci_system_off(void *opaque)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
}

static void virt_psci_system_reset(void *opaque)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
}

static int virt_psci_find_cpu(void *opaque, uint64_t mpidr)
{
    VirtMachine *vms = opaque;
    unsigned i;

    mpidr &= 0xff00ffffffull;
    for (i = 0; i < vms->ncpus; i++) {
        if (virt_cpu_mpidr(i) == mpidr) {
            return (int)i;
        }
    }
    return -1;
}

static const ArmPSCIOps virt_psci_ops = {
    .cpu_on = virt_psci_cpu_on,
    .cpu_off = virt_psci_cpu_off,
    .system_off = virt_psci_system_off,
    .system_reset = virt_psci_system_reset,
    .find_cpu = virt_psci_find_cpu,
};

/* ------------------------------------------------------------------- RTC */

static int64_t virt_rtc_now(void *opaque)
{
    return qemu_clock_get_ns(QEMU_CLOCK_HOST);
}

static void virt_rtc_arm(void *opaque, int64_t deadline_ns)
{
    VirtMachine *vms = opaque;

    if (deadline_ns < 0) {
        timer_del(vms->rtc_timer);
    } else {
        timer_mod_ns(vms->rtc_timer, deadline_ns);
    }
}

static void virt_rtc_expired(void *opaque)
{
    VirtMachine *vms = opaque;

    pl031_timer_expired(&vms->rtc);
}

/* ------------------------------------------------------------- qtree */

static void virt_dev_register(DeviceState *dev, const char *type, void *opaque,
                              void (*reset)(DeviceState *))
{
    memset(dev, 0, sizeof(*dev));
    dev->type = type;
    dev->bus = "main-system-bus";
    dev->opaque = opaque;
    dev->reset = reset;
    qdev_register(dev);
}

static void virt_gic_reset(DeviceState *dev)
{
    gicv2_reset(dev->opaque);
}

static void virt_gic3_reset(DeviceState *dev)
{
    gicv3_reset(dev->opaque);
}

static void virt_uart_reset(DeviceState *dev)
{
    pl011_reset(dev->opaque);
}

static void virt_rtc_reset(DeviceState *dev)
{
    pl031_reset(dev->opaque);
}

static void virt_gpio_reset(DeviceState *dev)
{
    pl061_reset(dev->opaque);
}

/* -------------------------------------------------------------- virtio */

static VirtIOMMIOProxy *virt_take_virtio_slot(VirtMachine *vms)
{
    if (vms->next_virtio_slot < 0) {
        return NULL;
    }
    return vms->virtio[vms->next_virtio_slot--];
}

static bool virt_add_device(VirtMachine *vms, QemuOpts *opts)
{
    const char *driver = qemu_opt_get(opts, "driver");
    const DeviceDriver *drv;
    VirtIOMMIOProxy *slot;

    if (!driver) {
        error_report("-device: no driver name given");
        return false;
    }
    drv = device_driver_find(driver);
    if (!drv) {
        error_report("-device %s: '%s' is not a valid device model name",
                     driver, driver);
        return false;
    }
    if (strcmp(drv->bus, "virtio-bus") != 0) {
        error_report("-device %s: no '%s' bus on this machine", driver,
                     drv->bus);
        return false;
    }
    slot = virt_take_virtio_slot(vms);
    if (!slot) {
        error_report("-device %s: all %d virtio-mmio slots are taken",
                     driver, VIRT_MMIO_SLOTS_MAX);
        return false;
    }
    if (!drv->create(opts, slot)) {
        return false;
    }
    return qemu_opts_check_unused(opts, driver);
}

static bool virt_add_devices(VirtMachine *vms)
{
    MachineState *ms = vms->ms;
    DriveInfo *d;
    QemuOpts *o;

    for (d = ms->drives; d; d = d->next) {
        char spec[256];
        QemuOpts *opts;
        bool ok;

        if (!d->if_virtio) {
            continue;
        }
        snprintf(spec, sizeof(spec), "virtio-blk-device,drive=%s", d->id);
        opts = qemu_opts_parse(spec, "driver");
        if (!opts) {
            return false;
        }
        ok = virt_add_device(vms, opts);
        qemu_opts_free(opts);
        if (!ok) {
            return false;
        }
    }
    for (o = ms->devices; o; o = o->next) {
        if (!virt_add_device(vms, o)) {
            return false;
        }
    }
    for (d = ms->drives; d; d = d->next) {
        if (!d->claimed) {
            warn_report("-drive id=%s: no device uses this drive", d->id);
        }
    }
    return true;
}

/* ---------------------------------------------------------------- boot */

static int virt_boot_write(void *opaque, uint64_t gpa, const void *data,
                           size_t len)
{
    MachineState *ms = opaque;

    return address_space_write_rom(ms->system_as, gpa, data, len) == MEMTX_OK
           ? 0 : -1;
}

static bool virt_load_boot(VirtMachine *vms, const char *cpu_compatible,
                           unsigned gic_version)
{
    MachineState *ms = vms->ms;
    VirtFdtConfig cfg;
    char err[256];

    if (!ms->kernel_filename && ms->initrd_filename) {
        error_report("-initrd only allowed with -kernel option");
        return false;
    }
    if (ms->kernel_filename &&
        arm_kernel_load_file(&vms->kernel, ms->kernel_filename, 0,
                             err, sizeof(err)) < 0) {
        error_report("-kernel %s: %s", ms->kernel_filename, err);
        return false;
    }
    if (ms->initrd_filename &&
        arm_boot_read_file(ms->initrd_filename, "initrd",
                           ARM_BOOT_MAX_INITRD_SIZE, &vms->initrd,
                           &vms->initrd_size, err, sizeof(err)) < 0) {
        error_report("-initrd %s: %s", ms->initrd_filename, err);
        return false;
    }
    if (ms->kernel_filename &&
        arm_boot_plan(&vms->boot, &vms->kernel, VIRT_MEM_BASE, ms->ram_size,
                      vms->initrd_size, err, sizeof(err)) < 0) {
        error_report("-kernel %s: %s", ms->kernel_filename, err);
        return false;
    }

    if (ms->dtb_filename) {
        vms->dtb = virt_fdt_load_file(ms->dtb_filename, err, sizeof(err));
        if (!vms->dtb) {
            error_report("-dtb %s: %s", ms->dtb_filename, err);
            return false;
        }
    } else {
        virt_fdt_config_init(&cfg, ms->ram_size, vms->ncpus, gic_version);
        cfg.cpu_compatible = cpu_compatible;
        virt_fdt_fill_seeds(&cfg);
        vms->dtb = virt_fdt_build(&cfg, err, sizeof(err));
        if (!vms->dtb) {
            error_report("cannot build the device tree: %s", err);
            return false;
        }
    }
    if (virt_fdt_set_chosen(&vms->dtb, ms->kernel_cmdline,
                            vms->initrd_size ? vms->boot.initrd_addr : 0,
                            vms->initrd_size, err, sizeof(err)) < 0) {
        error_report("cannot set /chosen in the device tree: %s", err);
        return false;
    }
    if (!ms->kernel_filename) {
        /*
         * No kernel: as QEMU does for firmware, the DTB goes at the
         * bottom of RAM and CPU 0 starts at 0, where a flash image would
         * be (there is none: the guest finds nothing to run).
         */
        memset(&vms->boot, 0, sizeof(vms->boot));
        vms->boot.ram_base = VIRT_MEM_BASE;
        vms->boot.ram_size = ms->ram_size;
        vms->boot.dtb_addr = VIRT_MEM_BASE;
        vms->boot.blobs[0] = (ArmBootBlob){ "dtb", VIRT_MEM_BASE, vms->dtb,
                                            fdt_totalsize(vms->dtb) };
        vms->boot.nblobs = 1;
        return true;
    }
    if (arm_boot_set_payloads(&vms->boot, &vms->kernel, vms->initrd,
                              vms->initrd_size, vms->dtb,
                              fdt_totalsize(vms->dtb), err, sizeof(err)) < 0) {
        error_report("-kernel %s: %s", ms->kernel_filename, err);
        return false;
    }
    return true;
}

/* Every system reset: devices, then RAM contents, then the CPUs. */
static void virt_reset(void *opaque)
{
    VirtMachine *vms = opaque;
    char err[256];
    unsigned i;

    qdev_reset_all();
    if (arm_boot_copy(&vms->boot, virt_boot_write, vms->ms,
                      err, sizeof(err)) < 0) {
        error_report("cannot load the kernel: %s", err);
        exit(1);
    }
    arm_psci_reset(&vms->psci, 0);
    for (i = 0; i < vms->ncpus; i++) {
        ARMCPU *c = vms->cpu[i];

        c->reset_pc = i == 0 ? vms->boot.entry : 0;
        c->reset_x0 = i == 0 ? vms->boot.x0 : 0;
        c->reset_el = 1;
        arm_cpu_reset(c);
        if (i == 0) {
            cpu_power_on(&c->parent);
        } else {
            cpu_power_off(&c->parent);
        }
    }
}

/* system_powerdown: press the gpio-keys power button (KEY_POWER). */
static void virt_powerdown(void *opaque)
{
    VirtMachine *vms = opaque;

    pl061_press_button(&vms->gpio, VIRT_POWER_BUTTON_PIN);
}

/* ----------------------------------------------------------- properties */

static bool virt_parse_props(MachineState *ms, unsigned *gic_version,
                             const char **dumpdtb)
{
    static const char *const must_be_off[] = {
        "secure", "virtualization", "mte", "acpi", "its", "iommu",
    };
    const char *v;
    size_t i;

    *gic_version = 2;
    *dumpdtb = NULL;
    if (!ms->opts) {
        return true;
    }
    v = qemu_opt_get(ms->opts, "gic-version");
    if (v) {
        if (!strcmp(v, "2")) {
            *gic_version = 2;
        } else if (!strcmp(v, "3") || !strcmp(v, "max")) {
            *gic_version = 3;
        } else if (!strcmp(v, "host")) {
            error_report("gic-version=host requires KVM");
            return false;
        } else {
            error_report("Invalid gic-version value '%s' (valid values: "
                         "2, 3, host, max)", v);
            return false;
        }
    }
    *dumpdtb = qemu_opt_get(ms->opts, "dumpdtb");
    for (i = 0; i < sizeof(must_be_off) / sizeof(must_be_off[0]); i++) {
        bool on;

        if (!qemu_opt_get_bool(ms->opts, must_be_off[i], false, &on)) {
            return false;
        }
        if (on) {
            error_report("%s=on is not supported by this machine",
                         must_be_off[i]);
            return false;
        }
    }
    /* Accepted, meaningless here. */
    v = qemu_opt_get(ms->opts, "highmem");
    v = qemu_opt_get(ms->opts, "accel");
    (void)v;
    return true;
}

static void virt_print_props(FILE *f)
{
    fprintf(f, "virt-7.2 options:\n");
    fprintf(f, "  dumpdtb=<str>          - Dump current dtb to a file and quit\n");
    fprintf(f, "  gic-version=<str>      - Set GIC version. Valid values are 2, 3, host and max\n");
    fprintf(f, "  highmem=<bool>         - Set on/off to enable/disable using physical address space above 32 bits\n");
    fprintf(f, "  secure=<bool>          - Set on/off to enable/disable the ARM Security Extensions (TrustZone)\n");
    fprintf(f, "  virtualization=<bool>  - Set on/off to enable/disable emulating a guest CPU which implements the ARM Virtualization Extensions\n");
}

/* ----------------------------------------------------------------- init */

static const char *virt_cpu_compatible(const char *model)
{
    static char buf[64];

    if (!strcmp(model, "max")) {
        return "arm,arm-v8";
    }
    snprintf(buf, sizeof(buf), "arm,%s", model);
    return buf;
}

static bool virt_create_cpus(VirtMachine *vms, const char *model)
{
    MachineState *ms = vms->ms;
    unsigned i;

    for (i = 0; i < vms->ncpus; i++) {
        ARMCPU *c = arm_cpu_create(model);
        char name[32];

        if (!c) {
            error_report("unable to find CPU model '%s'", model);
            return false;
        }
        vms->cpu[i] = c;
        c->mpidr = (1ull << 31) | virt_cpu_mpidr(i);
        c->psci = &vms->psci;

        snprintf(name, sizeof(name), "cpu-memory-%u", i);
        memory_region_init_container(&vms->cpu_root[i], name,
                                     MEMORY_SIZE_ALL);
        memory_region_init_alias(&vms->cpu_sysmem_alias[i], "system",
                                 ms->system_memory, 0, MEMORY_SIZE_ALL);
        memory_region_add_subregion(&vms->cpu_root[i], 0,
                                    &vms->cpu_sysmem_alias[i]);
        address_space_init(&vms->cpu_as[i], &vms->cpu_root[i], name);
        arm_cpu_set_address_space(c, &vms->cpu_as[i]);
        qemu_cpu_add(&c->parent);
    }
    return true;
}

static void virt_wire_cpu(VirtMachine *vms, unsigned i, qemu_irq *irq_out,
                          qemu_irq *fiq_out, qemu_irq ppi_phys,
                          qemu_irq ppi_virt)
{
    ARMCPU *c = vms->cpu[i];

    qemu_irq_connect(irq_out, arm_cpu_irq(c, ARM_CPU_IRQ));
    qemu_irq_connect(fiq_out, arm_cpu_irq(c, ARM_CPU_FIQ));
    qemu_irq_connect(&c->gt_irq[ARM_GT_PHYS], ppi_phys);
    qemu_irq_connect(&c->gt_irq[ARM_GT_VIRT], ppi_virt);
}

/* GICv2: each CPU reaches its own bank of the registers. */
static bool virt_create_gicv2(VirtMachine *vms)
{
    unsigned i;

    if (!gicv2_init(&vms->gic, "gic", vms->ncpus, VIRT_GIC_NUM_IRQS)) {
        error_report("cannot create the GICv2");
        return false;
    }
    for (i = 0; i < vms->ncpus; i++) {
        memory_region_add_subregion_overlap(&vms->cpu_root[i],
                                            VIRT_GIC_DIST_BASE,
                                            gicv2_dist_mmio(&vms->gic, i), 1);
        memory_region_add_subregion_overlap(&vms->cpu_root[i],
                                            VIRT_GIC_CPU_BASE,
                                            gicv2_cpu_mmio(&vms->gic, i), 1);
        virt_wire_cpu(vms, i, &vms->gic.cpu[i].irq_out,
                      &vms->gic.cpu[i].fiq_out,
                      gicv2_ppi(&vms->gic, i, 16 + VIRT_PPI_TIMER_NS),
                      gicv2_ppi(&vms->gic, i, 16 + VIRT_PPI_TIMER_VIRT));
    }
    virt_dev_register(&vms->dev_gic, "arm_gic", &vms->gic, virt_gic_reset);
    return true;
}

/*
 * GICv3: one distributor and the redistributors in system memory; the
 * CPU interface is the ICC_* system registers, which the CPU forwards.
 */
static bool virt_create_gicv3(VirtMachine *vms)
{
    MachineState *ms = vms->ms;
    unsigned i;

    if (!gicv3_init(&vms->gic3, "gicv3", vms->ncpus, VIRT_GIC_NUM_IRQS)) {
        error_report("cannot create the GICv3");
        return false;
    }
    memory_region_add_subregion(ms->system_memory, VIRT_GIC_DIST_BASE,
                                gicv3_dist_mmio(&vms->gic3));
    memory_region_add_subregion(ms->system_memory, VIRT_GIC_REDIST_BASE,
                                gicv3_redist_mmio(&vms->gic3));
    for (i = 0; i < vms->ncpus; i++) {
        ARMCPU *c = vms->cpu[i];

        gicv3_set_cpu_affinity(&vms->gic3, i, virt_cpu_mpidr(i));
        c->icc_read = gicv3_icc_read;
        c->icc_write = gicv3_icc_write;
        c->icc_opaque = &vms->gic3;
        virt_wire_cpu(vms, i, &vms->gic3.cpu[i].irq_out,
                      &vms->gic3.cpu[i].fiq_out,
                      gicv3_ppi(&vms->gic3, i, 16 + VIRT_PPI_TIMER_NS),
                      gicv3_ppi(&vms->gic3, i, 16 + VIRT_PPI_TIMER_VIRT));
    }
    virt_dev_register(&vms->dev_gic, "arm-gicv3", &vms->gic3,
                      virt_gic3_reset);
    return true;
}

static bool virt_create_gic(VirtMachine *vms)
{
    return vms->gic_version == 3 ? virt_create_gicv3(vms)
                                 : virt_create_gicv2(vms);
}

static bool virt_create_peripherals(VirtMachine *vms)
{
    MachineState *ms = vms->ms;
    unsigned i;

    if (!pl011_init(&vms->uart, "pl011", ms->serial[0])) {
        error_report("-serial: the character device is already in use");
        return false;
    }
    memory_region_add_subregion(ms->system_memory, VIRT_UART_BASE,
                                pl011_mmio(&vms->uart));
    qemu_irq_connect(&vms->uart.irq[PL011_IRQ_INTR],
                     virt_spi(vms, VIRT_SPI_UART));
    virt_dev_register(&vms->dev_uart, "pl011", &vms->uart, virt_uart_reset);

    vms->rtc_timer = timer_new_ns(QEMU_CLOCK_HOST, virt_rtc_expired, vms);
    pl031_init(&vms->rtc, "pl031", virt_rtc_now, virt_rtc_arm, vms);
    memory_region_add_subregion(ms->system_memory, VIRT_RTC_BASE,
                                pl031_mmio(&vms->rtc));
    qemu_irq_connect(&vms->rtc.irq, virt_spi(vms, VIRT_SPI_RTC));
    virt_dev_register(&vms->dev_rtc, "pl031", &vms->rtc, virt_rtc_reset);

    pl061_init(&vms->gpio, "pl061");
    memory_region_add_subregion(ms->system_memory, VIRT_GPIO_BASE,
                                pl061_mmio(&vms->gpio));
    qemu_irq_connect(&vms->gpio.irq, virt_spi(vms, VIRT_SPI_GPIO));
    virt_dev_register(&vms->dev_gpio, "pl061", &vms->gpio, virt_gpio_reset);

    for (i = 0; i < VIRT_MMIO_SLOTS_MAX; i++) {
        char name[32];

        snprintf(name, sizeof(name), "virtio-mmio.%u", i);
        vms->virtio[i] = virtio_mmio_create(name, ms->system_as);
        memory_region_add_subregion(ms->system_memory,
                                    VIRT_MMIO_BASE + i * VIRT_MMIO_SLOT_SIZE,
                                    virtio_mmio_region(vms->virtio[i]));
        qemu_irq_connect(virtio_mmio_irq_out(vms->virtio[i]),
                         virt_spi(vms, VIRT_SPI_MMIO + i));
    }
    vms->next_virtio_slot = VIRT_MMIO_SLOTS_MAX - 1;
    return true;
}

static bool virt_init(MachineState *ms)
{
    VirtMachine *vms = calloc(1, sizeof(*vms));
    const char *model = ms->cpu_type ? ms->cpu_type : "cortex-a57";
    const char *dumpdtb;
    unsigned gic_version;
    char err[256];

    if (!vms) {
        error_report("out of memory");
        return false;
    }
    vms->ms = ms;
    if (!virt_parse_props(ms, &gic_version, &dumpdtb)) {
        return false;
    }
    vms->gic_version = gic_version;
    vms->ncpus = ms->smp_cpus ? ms->smp_cpus : 1;
    if (vms->ncpus > (gic_version == 3 ? VIRT_MAX_CPUS : VIRT_MAX_CPUS_GICV2)) {
        error_report("Number of SMP CPUs requested (%u) exceeds max CPUs "
                     "supported by machine 'mach-virt' (%u)", vms->ncpus,
                     gic_version == 3 ? VIRT_MAX_CPUS : VIRT_MAX_CPUS_GICV2);
        return false;
    }
    if (ms->ram_size > VIRT_RAM_MAX) {
        error_report("-m: RAM size %llu MiB exceeds the %llu GiB this "
                     "machine maps", (unsigned long long)(ms->ram_size >> 20),
                     (unsigned long long)(VIRT_RAM_MAX >> 30));
        return false;
    }

    if (!memory_region_init_ram(&vms->ram, "mach-virt.ram", ms->ram_size)) {
        error_report("cannot allocate %llu MiB of guest RAM",
                     (unsigned long long)(ms->ram_size >> 20));
        return false;
    }
    memory_region_add_subregion(ms->system_memory, VIRT_MEM_BASE, &vms->ram);

    if (!virt_create_cpus(vms, model) || !virt_create_gic(vms) ||
        !virt_create_peripherals(vms)) {
        return false;
    }
    arm_psci_init(&vms->psci, ARM_PSCI_CONDUIT_HVC, PSCI_VERSION_1_0,
                  vms->ncpus, &virt_psci_ops, vms);

    if (!virt_load_boot(vms, virt_cpu_compatible(model), gic_version)) {
        return false;
    }
    if (dumpdtb) {
        if (virt_fdt_dump(vms->dtb, dumpdtb, err, sizeof(err)) < 0) {
            error_report("dumpdtb=%s: %s", dumpdtb, err);
            exit(1);
        }
        exit(0);
    }
    if (!virt_add_devices(vms)) {
        return false;
    }
    qemu_register_reset(virt_reset, vms);
    qemu_register_powerdown_notifier(virt_powerdown, vms);
    virt_reset(vms);
    return true;
}

static const MachineClass virt_machine_class = {
    .name = "virt-7.2",
    .alias = "virt",
    .desc = "QEMU 7.2 ARM Virtual Machine",
    .is_default = false,
    .default_ram_size = 128ull << 20,
    .max_cpus = VIRT_MAX_CPUS,
    .default_cpu_type = "cortex-a57",
    .init = virt_init,
    .print_props = virt_print_props,
};

static void __attribute__((constructor)) virt_machine_register(void)
{
    machine_register(&virt_machine_class);
}
