/*
 * hw/intc/arm_gicv3.h: the ARM Generic Interrupt Controller v3 (Arm
 * IHI 0069, "GIC architecture specification v3 and v4"): distributor,
 * one redistributor per CPU and the system-register CPU interface, for
 * 1..64 CPUs.  No LPIs, no ITS, no virtualisation (ICH_*), single
 * security state (GICD_CTLR.DS = 1) with affinity routing always
 * enabled (GICD_CTLR.ARE reads as one).
 *
 * Wiring (the board does this):
 *
 *     GICv3State gic;
 *     gicv3_init(&gic, "gic", ncpus, 288);          // 256 SPIs
 *     memory_region_add_subregion(sysmem, 0x08000000, gicv3_dist_mmio(&gic));
 *     memory_region_add_subregion(sysmem, 0x080a0000, gicv3_redist_mmio(&gic));
 *     for (c = 0; c < ncpus; c++) {
 *         gicv3_set_cpu_affinity(&gic, c, cpu[c]->mpidr);
 *         cpu[c]->icc_read = gicv3_icc_read;
 *         cpu[c]->icc_write = gicv3_icc_write;
 *         cpu[c]->icc_opaque = &gic;
 *         qemu_irq_connect(&gic.cpu[c].irq_out, &cpu[c]->irq_in[ARM_CPU_IRQ]);
 *         qemu_irq_connect(&gic.cpu[c].fiq_out, &cpu[c]->irq_in[ARM_CPU_FIQ]);
 *         qemu_irq_connect(&cpu[c]->gt_irq[ARM_GT_PHYS],
 *                          gicv3_ppi(&gic, c, 16 + 14));
 *     }
 *     qemu_irq_connect(&uart.irq[PL011_IRQ_INTR], gicv3_spi(&gic, 32 + 1));
 *     ... gicv3_reset(&gic) at every system reset ...
 *
 * Both regions are shared by every CPU: with affinity routing the
 * distributor holds no banked registers, and each CPU's redistributor
 * frame sits at its own address (frame n = 128 KiB at n * 0x20000 in
 * the redistributor region, RD_base then SGI_base; the last one has
 * GICR_TYPER.Last set).  The region is num_cpu * 128 KiB long.  The
 * CPU interface is reached only through the ICC_* system registers,
 * given the accessing CPU's number (its index, 0..num_cpu-1).
 *
 * Interrupt IDs: 0-15 SGIs and 16-31 PPIs (per CPU, configured through
 * that CPU's redistributor SGI_base frame), 32..num_irq-1 SPIs
 * (distributor, routed by GICD_IROUTER<n>).  IDs 1020-1023 are special
 * (1023: spurious).  Inputs are level lines (hw/irq.h): an interrupt
 * configured edge-triggered (ICFGR bit 2n+1) latches pending on a 0->1
 * transition; a level-sensitive one is pending while its input is high
 * or while a pending bit set by ISPENDR (or an edge before reconfig) is
 * latched.
 *
 * Choices within the spec's latitude (report these to the guest):
 * - 5 priority bits (IPRIORITYR/PMR keep bits 7:3), ICC_CTLR_EL1.PRIbits
 *   = 4, IDbits = 0 (16-bit INTIDs), A3V = 1, SEIS = 0, PMHE = 0,
 *   RSS = 0 (SGI targets Aff0 0..15 of each cluster);
 *   minimum binary points: ICC_BPR0 2, ICC_BPR1 3 (writes below clamp);
 *   32 preemption levels, so only ICC_AP0R0/AP1R0 hold state;
 *   AP0R1-3/AP1R1-3 are RAZ/WI;
 * - GICD_TYPER: ITLinesNumber = num_irq/32 - 1, CPUNumber =
 *   min(num_cpu, 8) - 1, IDbits = 9, A3V = 1, No1N = 0, no LPIs/MBIS/
 *   ESPI/RSS; GICD_IIDR = GICR_IIDR = 0x0000043b (Arm, product 0);
 * - with DS = 1, GICD_IGRPMODR, GICR_IGRPMODR0 and GICR_NSACR are
 *   RAZ/WI (IHI 0069 12.9.15, 12.11.15); Group 0 interrupts are
 *   signalled on fiq_out and Group 1 on irq_out;
 * - SGIs are always edge (GICR_ICFGR0 reads 0xaaaaaaaa); PPI and SPI
 *   configuration bits are writable; PPIs reset to level;
 * - GICD_IROUTER.IRM = 1 (1 of N): the SPI is a candidate for every
 *   awake CPU; the first to acknowledge it takes it;
 * - a CPU whose GICR_WAKER.ProcessorSleep is 1 (the reset state) is not
 *   signalled; writing 0 clears ChildrenAsleep at once;
 * - ICC_ASGI1R_EL1 behaves as ICC_SGI1R_EL1 (no second security state);
 *   an SGI is made pending only on targets where that SGI's group
 *   (GICR_IGROUPR0) matches the register used (SGI0R: 0, SGI1R: 1);
 * - ties between equal priorities go to the lowest INTID;
 * - ICC_HPPIRn_EL1 report the highest-priority pending interrupt of
 *   an enabled group whatever the PMR and the running priority;
 * - the ICC_SRE_EL1/EL2 registers read 0x7 (0xf for EL2: Enable) and
 *   ignore writes; reading a write-only or writing a read-only ICC
 *   register returns false like an unknown key (the CPU: UNDEF).
 * Bad MMIO accesses (wrong size, reserved offsets, writes to read-only
 * registers) are logged (LOG_GUEST_ERROR) and ignored; reads give 0.
 */
#ifndef HW_INTC_ARM_GICV3_H
#define HW_INTC_ARM_GICV3_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/intc/arm_gic-common.h"
#include "hw/irq.h"

#define GICV3_MAX_CPUS      64
#define GICV3_MAX_IRQS      1024    /* IDs 1020-1023 are special */
#define GICV3_NR_SGIS       16
#define GICV3_NR_PRIVATE    32
#define GICV3_SPURIOUS      1023
#define GICV3_DIST_SIZE     0x10000
#define GICV3_REDIST_SIZE   0x20000 /* per CPU: RD_base + SGI_base */
#define GICV3_SGI_BASE      0x10000 /* SGI_base within a CPU's frame */
#define GICV3_PRIO_MASK     0xf8    /* 5 implemented priority bits */
#define GICV3_PRIO_SHIFT    3       /* priority >> 3: preemption level */
#define GICV3_MIN_BPR0      2
#define GICV3_MIN_BPR1      3
#define GICV3_IDLE_PRIO     0xff    /* ICC_RPR_EL1 when nothing active */

#define GICV3_IIDR          0x0000043bu   /* Arm, product 0, r0p0 */

/*
 * System register keys: op0:op1:CRn:CRm:op2 packed as MRS/MSR encode
 * them (the same value as target-arm/internals.h SYSREG_KEY).
 */
#define GICV3_ICC_KEY(op0, op1, crn, crm, op2) \
    (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

#define ICC_PMR_EL1         GICV3_ICC_KEY(3, 0, 4, 6, 0)
#define ICC_IAR0_EL1        GICV3_ICC_KEY(3, 0, 12, 8, 0)
#define ICC_EOIR0_EL1       GICV3_ICC_KEY(3, 0, 12, 8, 1)
#define ICC_HPPIR0_EL1      GICV3_ICC_KEY(3, 0, 12, 8, 2)
#define ICC_BPR0_EL1        GICV3_ICC_KEY(3, 0, 12, 8, 3)
#define ICC_AP0R0_EL1       GICV3_ICC_KEY(3, 0, 12, 8, 4)   /* ..AP0R3: +3 */
#define ICC_AP1R0_EL1       GICV3_ICC_KEY(3, 0, 12, 9, 0)   /* ..AP1R3: +3 */
#define ICC_DIR_EL1         GICV3_ICC_KEY(3, 0, 12, 11, 1)
#define ICC_RPR_EL1         GICV3_ICC_KEY(3, 0, 12, 11, 3)
#define ICC_SGI1R_EL1       GICV3_ICC_KEY(3, 0, 12, 11, 5)
#define ICC_ASGI1R_EL1      GICV3_ICC_KEY(3, 0, 12, 11, 6)
#define ICC_SGI0R_EL1       GICV3_ICC_KEY(3, 0, 12, 11, 7)
#define ICC_IAR1_EL1        GICV3_ICC_KEY(3, 0, 12, 12, 0)
#define ICC_EOIR1_EL1       GICV3_ICC_KEY(3, 0, 12, 12, 1)
#define ICC_HPPIR1_EL1      GICV3_ICC_KEY(3, 0, 12, 12, 2)
#define ICC_BPR1_EL1        GICV3_ICC_KEY(3, 0, 12, 12, 3)
#define ICC_CTLR_EL1        GICV3_ICC_KEY(3, 0, 12, 12, 4)
#define ICC_SRE_EL1         GICV3_ICC_KEY(3, 0, 12, 12, 5)
#define ICC_IGRPEN0_EL1     GICV3_ICC_KEY(3, 0, 12, 12, 6)
#define ICC_IGRPEN1_EL1     GICV3_ICC_KEY(3, 0, 12, 12, 7)
#define ICC_SRE_EL2         GICV3_ICC_KEY(3, 4, 12, 9, 5)

/* ICC_CTLR_EL1 fields. */
#define ICC_CTLR_CBPR       (1u << 0)
#define ICC_CTLR_EOIMODE    (1u << 1)
#define ICC_CTLR_PRIBITS_SHIFT 8
#define ICC_CTLR_IDBITS_SHIFT  11
#define ICC_CTLR_A3V        (1u << 15)

/* GICD_IROUTER<n>: Aff0 7:0, Aff1 15:8, Aff2 23:16, IRM 31, Aff3 39:32. */
#define GICV3_IROUTER_IRM   (1ull << 31)
#define GICV3_IROUTER_MASK  0xff80ffffffull
#define GICV3_AFF_MASK      0xff00ffffffull     /* affinity bits of MPIDR */

/* GICR_WAKER bits. */
#define GICV3_GICR_WAKER_PROCESSOR_SLEEP  (1u << 1)
#define GICV3_GICR_WAKER_CHILDREN_ASLEEP  (1u << 2)

typedef struct GICv3State GICv3State;

typedef struct GICv3CPU {
    GICv3State *gic;
    int id;
    uint64_t mpidr;             /* affinity bits only (GICV3_AFF_MASK) */
    IRQState ppi_in[16];        /* inputs for PPIs 16..31 */
    /* Outputs, connected by the board: Group 1 -> IRQ, Group 0 -> FIQ. */
    qemu_irq irq_out;
    qemu_irq fiq_out;

    /* Redistributor (IHI 0069 12.10, 12.11). */
    uint32_t waker;             /* GICR_WAKER.ProcessorSleep (bit 1) */
    /* (the state of IDs 0-31 is gic->core.bank[id]) */

    /* CPU interface (IHI 0069 12.2): ICC_*_EL1. */
    uint32_t ctlr;              /* ICC_CTLR_EL1: CBPR and EOImode only */
    uint32_t pmr;
    uint32_t bpr0, bpr1;
    uint32_t igrpen0, igrpen1;
    /*
     * Active priorities (ICC_AP0R0/AP1R0): bit n = a Group 0/1
     * interrupt of group priority n << 3 was acknowledged and its
     * priority not yet dropped.
     */
    uint32_t apr[2];
    int irq_level, fiq_level;   /* what the outputs were last driven to */
} GICv3CPU;

struct GICv3State {
    char *name;
    int num_cpu;
    int num_irq;                /* multiple of 32, 64..1024 */
    GICCore core;               /* the per-interrupt state */
    uint32_t ctlr;              /* GICD_CTLR: EnableGrp0/EnableGrp1 */
    uint64_t irouter[GICV3_MAX_IRQS];
    /* Derived from irouter: target CPU, -1 none, -2 any (IRM = 1). */
    int8_t route[GICV3_MAX_IRQS];
    IRQState spi_in[GICV3_MAX_IRQS - GICV3_NR_PRIVATE];
    MemoryRegion dist_mr;
    MemoryRegion redist_mr;     /* num_cpu * GICV3_REDIST_SIZE */
    GICv3CPU cpu[GICV3_MAX_CPUS];
};

/*
 * Sets up a GIC for num_cpu CPUs (1..64) and num_irq interrupt IDs (a
 * multiple of 32 from 64 to 1024; 288 is 256 SPIs) and resets it.  CPU
 * i gets the default affinity Aff1 = i / 16, Aff0 = i % 16 until
 * gicv3_set_cpu_affinity says otherwise.  Returns false (nothing to
 * free) on bad parameters.
 */
bool gicv3_init(GICv3State *s, const char *name, int num_cpu, int num_irq);
/* Frees what gicv3_init allocated (unmap the regions first). */
void gicv3_destroy(GICv3State *s);
/* The reset state; input levels and CPU affinities are kept. */
void gicv3_reset(GICv3State *s);
/* CPU cpu's MPIDR_EL1 (only Aff3..Aff0 matter): SGI and SPI routing. */
void gicv3_set_cpu_affinity(GICv3State *s, int cpu, uint64_t mpidr);

static inline MemoryRegion *gicv3_dist_mmio(GICv3State *s)
{
    return &s->dist_mr;
}

/* All redistributors, num_cpu * 128 KiB. */
static inline MemoryRegion *gicv3_redist_mmio(GICv3State *s)
{
    return &s->redist_mr;
}

/* The input line of SPI `id` (32 <= id < num_irq); NULL if out of range. */
qemu_irq gicv3_spi(GICv3State *s, int id);
/* The input line of PPI `id` (16..31) of CPU `cpu`; NULL if out of range. */
qemu_irq gicv3_ppi(GICv3State *s, int cpu, int id);

/*
 * The CPU interface: ICC_* system register access by CPU `cpu`
 * (opaque = the GICv3State).  False: no such register (or the wrong
 * direction), the CPU raises UNDEF.  Matches ARMCPU's icc_read/icc_write.
 */
bool gicv3_icc_read(void *opaque, int cpu, uint32_t key, uint64_t *val);
bool gicv3_icc_write(void *opaque, int cpu, uint32_t key, uint64_t val);

/* MMIO, also callable directly (offsets within each region; size 1-8). */
uint64_t gicv3_dist_read(GICv3State *s, hwaddr off, unsigned size);
void gicv3_dist_write(GICv3State *s, hwaddr off, uint64_t val, unsigned size);
uint64_t gicv3_redist_read(GICv3State *s, hwaddr off, unsigned size);
void gicv3_redist_write(GICv3State *s, hwaddr off, uint64_t val,
                        unsigned size);

/*
 * Register offsets (GICV3_ prefix: the GICv2 header defines GICD_*).
 * Distributor (IHI 0069 12.9).
 */
#define GICV3_GICD_CTLR           0x0000
#define GICV3_GICD_TYPER          0x0004
#define GICV3_GICD_IIDR           0x0008
#define GICV3_GICD_TYPER2         0x000c
#define GICV3_GICD_STATUSR        0x0010
#define GICV3_GICD_IGROUPR        0x0080
#define GICV3_GICD_ISENABLER      0x0100
#define GICV3_GICD_ICENABLER      0x0180
#define GICV3_GICD_ISPENDR        0x0200
#define GICV3_GICD_ICPENDR        0x0280
#define GICV3_GICD_ISACTIVER      0x0300
#define GICV3_GICD_ICACTIVER      0x0380
#define GICV3_GICD_IPRIORITYR     0x0400
#define GICV3_GICD_ITARGETSR      0x0800
#define GICV3_GICD_ICFGR          0x0c00
#define GICV3_GICD_IGRPMODR       0x0d00
#define GICV3_GICD_NSACR          0x0e00
#define GICV3_GICD_SGIR           0x0f00
#define GICV3_GICD_IROUTER        0x6000
#define GICV3_GICD_PIDR2          0xffe8

#define GICV3_GICD_CTLR_EN_GRP0   (1u << 0)
#define GICV3_GICD_CTLR_EN_GRP1   (1u << 1)
#define GICV3_GICD_CTLR_ARE       (1u << 4)
#define GICV3_GICD_CTLR_DS        (1u << 6)

/* Redistributor RD_base register offsets (IHI 0069 12.10). */
#define GICV3_GICR_CTLR           0x0000
#define GICV3_GICR_IIDR           0x0004
#define GICV3_GICR_TYPER          0x0008
#define GICV3_GICR_STATUSR        0x0010
#define GICV3_GICR_WAKER          0x0014
#define GICV3_GICR_PIDR2          0xffe8

/* Redistributor SGI_base register offsets (add GICV3_SGI_BASE). */
#define GICV3_GICR_IGROUPR0       0x0080
#define GICV3_GICR_ISENABLER0     0x0100
#define GICV3_GICR_ICENABLER0     0x0180
#define GICV3_GICR_ISPENDR0       0x0200
#define GICV3_GICR_ICPENDR0       0x0280
#define GICV3_GICR_ISACTIVER0     0x0300
#define GICV3_GICR_ICACTIVER0     0x0380
#define GICV3_GICR_IPRIORITYR0    0x0400
#define GICV3_GICR_ICFGR0         0x0c00
#define GICV3_GICR_ICFGR1         0x0c04
#define GICV3_GICR_IGRPMODR0      0x0d00
#define GICV3_GICR_NSACR          0x0e00

#define GICV3_GICR_TYPER_LAST     (1u << 4)

#endif
