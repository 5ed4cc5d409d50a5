/*
 * hw/intc/arm_gicv2.h: the ARM Generic Interrupt Controller v2
 * (ARM IHI 0048B), distributor and CPU interface, for 1..8 CPUs,
 * modelled on a GIC-400 without the Security Extensions.
 *
 * Wiring (the board does this):
 *
 *     GICv2State gic;
 *     gicv2_init(&gic, "gic", ncpus, 288);           // 256 SPIs
 *     for (c = 0; c < ncpus; c++) {
 *         // each CPU sees its own banked view of both blocks
 *         memory_region_add_subregion(cpu_as_root[c], 0x08000000,
 *                                     gicv2_dist_mmio(&gic, c));
 *         memory_region_add_subregion(cpu_as_root[c], 0x08010000,
 *                                     gicv2_cpu_mmio(&gic, c));
 *         qemu_irq_connect(&gic.cpu[c].irq_out, cpu_irq_pin(c));
 *         qemu_irq_connect(&timer[c], gicv2_ppi(&gic, c, 16 + 14));
 *     }
 *     qemu_irq_connect(&uart.irq[PL011_IRQ_INTR], gicv2_spi(&gic, 32 + 1));
 *     ... gicv2_reset(&gic) at every system reset ...
 *
 * Banking: the GIC banks SGI/PPI registers and the whole CPU interface
 * by the CPU making the access.  The memory API carries no requester
 * ID, so the model exposes one MMIO region per CPU for each block
 * (same state behind them); a board whose vCPUs share one address
 * space can instead route accesses itself through gicv2_dist_read /
 * gicv2_dist_write / gicv2_cpu_read / gicv2_cpu_write, which take the
 * accessing CPU's number.
 *
 * Interrupt IDs as in the spec: 0-15 SGIs, 16-31 PPIs (banked per
 * CPU), 32..num_irq-1 SPIs.  Inputs are level lines (hw/irq.h): an SPI
 * or PPI configured edge-triggered in GICD_ICFGR latches pending on a
 * 0->1 transition; a level-triggered one is pending while its input is
 * high or while a pending bit set by GICD_ISPENDR is latched.
 *
 * Simplifications (documented choices within the spec's latitude):
 * - no Security Extensions; GICD_IGROUPR is stored and read back, but
 *   every interrupt is signalled as IRQ (irq_out; fiq_out is never
 *   driven); the distributor forwards when GICD_CTLR bit 0 or 1 is set,
 *   the CPU interface signals when GICC_CTLR bit 0 or 1 is set;
 * - 5 priority bits like the GIC-400 (IPRIORITYR/PMR keep bits 7:3),
 *   minimum binary point 2 (GICC_BPR resets to 2);
 * - SGI enables are RAO/WI; GICD_ICFGR0 (SGIs) reads 0xaaaaaaaa,
 *   GICD_ICFGR1 (PPIs) reads 0 (level) and ignores writes; SPI config
 *   bits are writable;
 * - EOImode 0 only: GICC_EOIR drops priority and deactivates;
 *   GICC_DIR, the aliased (A*) registers and GICC_APRn are RAZ/WI with
 *   a LOG_UNIMP note;
 * - GICC_HPPIR reports the highest-priority pending enabled
 *   interrupt for the CPU whatever GICC_PMR and the running priority.
 * Bad accesses (wrong size, reserved offsets, read-only/write-only
 * registers, EOI of an interrupt that is not active) are logged
 * (LOG_GUEST_ERROR) and ignored; reads give 0.
 */
#ifndef HW_INTC_ARM_GICV2_H
#define HW_INTC_ARM_GICV2_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/intc/arm_gic-common.h"
#include "hw/irq.h"

#define GICV2_MAX_CPUS      8
#define GICV2_MAX_IRQS      1024    /* IDs 1020-1023 are special */
#define GICV2_NR_SGIS       16
#define GICV2_NR_PRIVATE    32
#define GICV2_SPURIOUS      1023
#define GICV2_DIST_SIZE     0x1000
#define GICV2_CPU_SIZE      0x2000
#define GICV2_PRIO_MASK     0xf8    /* 5 implemented priority bits */
#define GICV2_MIN_BPR       2
/* Deepest nesting: one entry per group-priority level, plus slack. */
#define GICV2_MAX_RUNNING   40

#define GICV2_GICD_IIDR     0x0200143bu   /* GIC-400 r0p1, ARM */
#define GICV2_GICC_IIDR     0x0202143bu

typedef struct GICv2State GICv2State;

typedef struct GICv2CPU {
    GICv2State *gic;
    int id;
    MemoryRegion dist_mr;       /* this CPU's view of the distributor */
    MemoryRegion cpu_mr;        /* this CPU's CPU interface */
    IRQState ppi_in[16];        /* inputs for PPIs 16..31 */
    /* Outputs, connected by the board. */
    qemu_irq irq_out;
    qemu_irq fiq_out;           /* never driven (see above) */

    /* Banked distributor state for IDs 0-31: the rest in gic->core. */
    uint8_t sgi_pending[GICV2_NR_SGIS];   /* bit n: from CPU n */

    /* CPU interface. */
    uint32_t ctlr, pmr, bpr, abpr;
    /* Acknowledged, not yet EOI'd interrupts, oldest first. */
    int nr_running;
    struct {
        uint16_t irq;
        uint8_t prio;
    } running[GICV2_MAX_RUNNING];
    int level;                  /* what irq_out was last driven to */
} GICv2CPU;

struct GICv2State {
    char *name;
    int num_cpu;
    int num_irq;                /* multiple of 32, 32..1024 */
    GICCore core;               /* the per-interrupt state */
    uint32_t ctlr;
    uint8_t target[GICV2_MAX_IRQS];
    IRQState spi_in[GICV2_MAX_IRQS - GICV2_NR_PRIVATE];
    GICv2CPU cpu[GICV2_MAX_CPUS];
};

/*
 * Sets up a GIC for num_cpu CPUs (1..8) and num_irq interrupt IDs
 * (a multiple of 32 from 32 to 1024; 288 is 256 SPIs) and resets it.
 * Returns false (nothing to free) on bad parameters.
 */
bool gicv2_init(GICv2State *s, const char *name, int num_cpu, int num_irq);
/* Frees what gicv2_init allocated (unmap the regions first). */
void gicv2_destroy(GICv2State *s);
/* The reset state; input levels are kept (they belong to the devices). */
void gicv2_reset(GICv2State *s);

static inline MemoryRegion *gicv2_dist_mmio(GICv2State *s, int cpu)
{
    return &s->cpu[cpu].dist_mr;
}

static inline MemoryRegion *gicv2_cpu_mmio(GICv2State *s, int cpu)
{
    return &s->cpu[cpu].cpu_mr;
}

/* The input line of SPI `id` (32 <= id < num_irq); NULL if out of range. */
qemu_irq gicv2_spi(GICv2State *s, int id);
/* The input line of PPI `id` (16..31) of CPU `cpu`; NULL if out of range. */
qemu_irq gicv2_ppi(GICv2State *s, int cpu, int id);

/* Register access by a given CPU (offsets within each block; size 1/2/4). */
uint64_t gicv2_dist_read(GICv2State *s, int cpu, hwaddr off, unsigned size);
void gicv2_dist_write(GICv2State *s, int cpu, hwaddr off, uint64_t val,
                      unsigned size);
uint64_t gicv2_cpu_read(GICv2State *s, int cpu, hwaddr off, unsigned size);
void gicv2_cpu_write(GICv2State *s, int cpu, hwaddr off, uint64_t val,
                     unsigned size);

/* Register offsets: distributor. */
#define GICD_CTLR           0x000
#define GICD_TYPER          0x004
#define GICD_IIDR           0x008
#define GICD_IGROUPR        0x080
#define GICD_ISENABLER      0x100
#define GICD_ICENABLER      0x180
#define GICD_ISPENDR        0x200
#define GICD_ICPENDR        0x280
#define GICD_ISACTIVER      0x300
#define GICD_ICACTIVER      0x380
#define GICD_IPRIORITYR     0x400
#define GICD_ITARGETSR      0x800
#define GICD_ICFGR          0xc00
#define GICD_SGIR           0xf00
#define GICD_CPENDSGIR      0xf10
#define GICD_SPENDSGIR      0xf20
#define GICD_ICPIDR2        0xfe8

/* Register offsets: CPU interface. */
#define GICC_CTLR           0x00
#define GICC_PMR            0x04
#define GICC_BPR            0x08
#define GICC_IAR            0x0c
#define GICC_EOIR           0x10
#define GICC_RPR            0x14
#define GICC_HPPIR          0x18
#define GICC_ABPR           0x1c
#define GICC_IIDR           0xfc
#define GICC_DIR            0x1000

#endif
