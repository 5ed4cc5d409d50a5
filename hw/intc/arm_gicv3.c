/*
 * hw/intc/arm_gicv3.c: the GICv3 distributor, redistributors and
 * system-register CPU interface (see include/hw/intc/arm_gicv3.h for
 * the API, wiring and the choices made).
 *
 * Reference: Arm Generic Interrupt Controller Architecture
 * Specification, GIC architecture version 3 and version 4 (Arm IHI
 * 0069), chapters 2 (affinity routing), 4 (interrupt handling and
 * prioritization), 12 (programmers' model).
 *
 * Model.  Every change (register write, input line, acknowledge, EOI)
 * re-evaluates every CPU interface.  For each CPU, the highest-priority
 * pending interrupt (HPPI) is the one of lowest priority value (lowest
 * INTID on ties) among the interrupts that are enabled, pending, not
 * active, of a group enabled both in GICD_CTLR and in the CPU's
 * ICC_IGRPEN<g>_EL1, and routed to it: SGIs/PPIs of its own
 * redistributor, SPIs whose GICD_IROUTER names its affinity (or any
 * awake CPU with IRM = 1).  A CPU whose redistributor is asleep
 * (GICR_WAKER.ProcessorSleep) gets nothing.  The HPPI is signalled
 * (fiq_out for Group 0, irq_out for Group 1) when its priority is below
 * ICC_PMR_EL1 and its group priority below the running priority.
 *
 * Active priorities.  Acknowledging (ICC_IAR<g>) sets bit (group
 * priority >> 3) of ICC_AP<g>R0; the running priority is the lowest set
 * bit of both registers (ICC_RPR_EL1), and a priority drop (ICC_EOIR<g>)
 * clears that bit.  Deactivation clears the interrupt's active bit:
 * with ICC_CTLR_EL1.EOImode = 0 at EOIR, with EOImode = 1 at ICC_DIR.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hw/intc/arm_gicv3.h"
#include "qemu/log.h"

/* The shared state (GICCore) holds every CPU and ID of this model. */
_Static_assert(GICV3_MAX_CPUS <= GIC_MAX_CPUS &&
               GICV3_MAX_IRQS <= GIC_MAX_IRQS &&
               GICV3_NR_PRIVATE == GIC_NR_PRIVATE, "GICCore too small");

#define IDLE_PRIO   0x100   /* nothing pending: below every priority */
#define ROUTE_NONE  (-1)
#define ROUTE_ANY   (-2)

/* ---- per-interrupt state ---- */

static bool awake(GICv3CPU *c)
{
    return !(c->waker & GICV3_GICR_WAKER_PROCESSOR_SLEEP);
}

static bool group_enabled(GICv3State *s, GICv3CPU *c, int grp)
{
    return grp ? (s->ctlr & GICV3_GICD_CTLR_EN_GRP1) && (c->igrpen1 & 1)
               : (s->ctlr & GICV3_GICD_CTLR_EN_GRP0) && (c->igrpen0 & 1);
}

static bool routed_to(GICv3State *s, int cpu, int irq)
{
    if (irq < GICV3_NR_PRIVATE) {
        return true;
    }
    return s->route[irq] == cpu || s->route[irq] == ROUTE_ANY;
}

/* Group-priority mask of a Group grp interrupt on CPU c (IHI 0069 4.8). */
static unsigned group_mask(GICv3CPU *c, int grp)
{
    if (grp && !(c->ctlr & ICC_CTLR_CBPR)) {
        return ~((1u << c->bpr1) - 1) & 0xff;
    }
    return ~((2u << c->bpr0) - 1) & 0xff;
}

/* The running priority, or IDLE_PRIO when no priority is active. */
static unsigned running_prio(GICv3CPU *c)
{
    uint32_t ap = c->apr[0] | c->apr[1];

    return ap ? (unsigned)__builtin_ctz(ap) << GICV3_PRIO_SHIFT : IDLE_PRIO;
}

/*
 * The HPPI of cpu: its ID (GICV3_SPURIOUS if none), priority in *prio
 * and group in *grp.
 */
static int best_pending(GICv3State *s, int cpu, unsigned *prio, int *grp)
{
    GICv3CPU *c = &s->cpu[cpu];
    int best = GICV3_SPURIOUS, w;
    unsigned best_prio = IDLE_PRIO;
    bool en0 = group_enabled(s, c, 0), en1 = group_enabled(s, c, 1);

    *grp = 0;
    if (!awake(c) || (!en0 && !en1)) {
        *prio = best_prio;
        return best;
    }
    for (w = 0; w * 32 < gic_nr_ids(&s->core); w++) {
        uint32_t g = *gic_word(&s->core, cpu, GIC_GROUP, w);
        uint32_t cand = *gic_word(&s->core, cpu, GIC_ENABLED, w) &
                        ~*gic_word(&s->core, cpu, GIC_ACTIVE, w) &
                        gic_pending_word(&s->core, cpu, w);

        if (!en0) {
            cand &= g;
        }
        if (!en1) {
            cand &= ~g;
        }
        while (cand) {
            int irq = w * 32 + __builtin_ctz(cand);

            cand &= cand - 1;
            if (irq >= gic_nr_ids(&s->core) || !routed_to(s, cpu, irq)) {
                continue;
            }
            if (*gic_prio(&s->core, cpu, irq) < best_prio) {
                best_prio = *gic_prio(&s->core, cpu, irq);
                best = irq;
            }
        }
    }
    if (best != GICV3_SPURIOUS) {
        *grp = gic_test_bit(&s->core, cpu, GIC_GROUP, best);
    }
    *prio = best_prio;
    return best;
}

/* Whether an interrupt of priority prio, group grp may be signalled. */
static bool can_signal(GICv3CPU *c, unsigned prio, int grp)
{
    unsigned mask = group_mask(c, grp);
    unsigned run = running_prio(c);

    if (prio >= c->pmr) {
        return false;
    }
    return run == IDLE_PRIO || (prio & mask) < run;
}

static void gicv3_update(GICv3State *s)
{
    int i;

    for (i = 0; i < s->num_cpu; i++) {
        GICv3CPU *c = &s->cpu[i];
        unsigned prio;
        int grp, irq = best_pending(s, i, &prio, &grp);
        bool sig = irq != GICV3_SPURIOUS && can_signal(c, prio, grp);

        c->irq_level = sig && grp == 1;
        c->fiq_level = sig && grp == 0;
        qemu_set_irq(c->irq_out, c->irq_level);
        qemu_set_irq(c->fiq_out, c->fiq_level);
    }
}

/* ---- routing ---- */

static int route_of(GICv3State *s, uint64_t irouter)
{
    int i;

    if (irouter & GICV3_IROUTER_IRM) {
        return ROUTE_ANY;
    }
    for (i = 0; i < s->num_cpu; i++) {
        if (s->cpu[i].mpidr == (irouter & GICV3_AFF_MASK)) {
            return i;
        }
    }
    return ROUTE_NONE;
}

static void recompute_routes(GICv3State *s)
{
    int irq;

    for (irq = GICV3_NR_PRIVATE; irq < GICV3_MAX_IRQS; irq++) {
        s->route[irq] = route_of(s, s->irouter[irq]);
    }
}

void gicv3_set_cpu_affinity(GICv3State *s, int cpu, uint64_t mpidr)
{
    if (cpu < 0 || cpu >= s->num_cpu) {
        return;
    }
    s->cpu[cpu].mpidr = mpidr & GICV3_AFF_MASK;
    recompute_routes(s);
    gicv3_update(s);
}

/* ---- inputs ---- */

static void spi_handler(void *opaque, int n, int level)
{
    GICv3State *s = opaque;

    gic_set_level(&s->core, 0, n, level);
    gicv3_update(s);
}

static void ppi_handler(void *opaque, int n, int level)
{
    GICv3CPU *c = opaque;

    gic_set_level(&c->gic->core, c->id, n, level);
    gicv3_update(c->gic);
}

qemu_irq gicv3_spi(GICv3State *s, int id)
{
    if (id < GICV3_NR_PRIVATE || id >= gic_nr_ids(&s->core)) {
        return NULL;
    }
    return &s->spi_in[id - GICV3_NR_PRIVATE];
}

qemu_irq gicv3_ppi(GICv3State *s, int cpu, int id)
{
    if (cpu < 0 || cpu >= s->num_cpu || id < 16 || id >= 32) {
        return NULL;
    }
    return &s->cpu[cpu].ppi_in[id - 16];
}

/* ---- shared register banks (distributor SPIs, redistributor 0-31) ---- */

/* ---- distributor ---- */

static uint32_t dist_typer(GICv3State *s)
{
    int cpus = s->num_cpu > 8 ? 8 : s->num_cpu;

    return (1u << 24) |                 /* A3V */
           (9u << 19) |                 /* IDbits: 10 bits */
           ((uint32_t)(cpus - 1) << 5) |
           (uint32_t)(s->num_irq / 32 - 1);
}

/* Peripheral/component ID registers (0xffd0-0xfffc) of both blocks. */
static uint32_t id_reg(hwaddr off)
{
    switch (off & 0xffff) {
    case 0xffe8:
        return 0x3b;                /* PIDR2: ArchRev 3, JEDEC */
    case 0xfff0:
        return 0x0d;                /* CIDR0..3: a PrimeCell-style ID */
    case 0xfff4:
        return 0xf0;
    case 0xfff8:
        return 0x05;
    case 0xfffc:
        return 0xb1;
    }
    return 0;
}

static bool is_id_reg(hwaddr off)
{
    return (off & 0xffff) >= 0xffd0;
}

static bool is_spi(GICv3State *s, int irq)
{
    return irq >= GICV3_NR_PRIVATE && irq < gic_nr_ids(&s->core);
}

uint64_t gicv3_dist_read(GICv3State *s, hwaddr off, unsigned size)
{
    bool set;
    int kind, w;

    if (off >= GICV3_GICD_IPRIORITYR && off < GICV3_GICD_IPRIORITYR + 0x400) {
        if (!gic_byte_access_ok(&s->core, "bad access size to distributor",
                                off, size)) {
            return 0;
        }
        return gic_read_prio(&s->core, 0, off - GICV3_GICD_IPRIORITYR,
                             GICV3_NR_PRIVATE, size);
    }
    if (off >= GICV3_GICD_IROUTER && off < GICV3_GICD_IROUTER + 8 * 1024) {
        int irq = (off - GICV3_GICD_IROUTER) / 8;

        if ((size != 4 && size != 8) || (off & (size - 1))) {
            gic_bad(&s->core, "bad access size to GICD_IROUTER", off, size);
            return 0;
        }
        if (!is_spi(s, irq)) {
            return 0;
        }
        if (size == 8) {
            return s->irouter[irq];
        }
        return (uint32_t)(s->irouter[irq] >> (off & 4 ? 32 : 0));
    }
    if (!gic_word_access_ok(&s->core, "bad access size to distributor",
                            off, size)) {
        return 0;
    }
    kind = gic_bit_reg(off, &set);
    if (kind >= 0) {
        w = (off & 0x7f) / 4;
        /* IDs 0-31 live in the redistributors (ARE): RAZ/WI here. */
        return w == 0 ? 0 : gic_read_bits(&s->core, 0, kind, w) &
                            gic_valid_mask(&s->core, w);
    }
    if (off >= GICV3_GICD_ICFGR && off < GICV3_GICD_ICFGR + 0x100) {
        w = (off - GICV3_GICD_ICFGR) / 4;     /* 16 IDs per register */
        return w < 2 || w * 16 >= gic_nr_ids(&s->core)
               ? 0 : gic_read_cfg(&s->core, 0, w);
    }
    if (off >= GICV3_GICD_IGRPMODR && off < GICV3_GICD_SGIR) {
        return 0;                   /* IGRPMODR, NSACR: RAZ/WI with DS */
    }
    if (off >= GICV3_GICD_ITARGETSR && off < GICV3_GICD_ICFGR) {
        return 0;                   /* ITARGETSR: RAZ/WI with ARE */
    }
    if (is_id_reg(off)) {
        return id_reg(off);
    }
    switch (off) {
    case GICV3_GICD_CTLR:
        return s->ctlr | GICV3_GICD_CTLR_ARE | GICV3_GICD_CTLR_DS;
    case GICV3_GICD_TYPER:
        return dist_typer(s);
    case GICV3_GICD_IIDR:
        return GICV3_IIDR;
    case GICV3_GICD_TYPER2:
    case GICV3_GICD_STATUSR:
        return 0;
    case GICV3_GICD_SGIR:
        gic_bad(&s->core, "read of write-only GICD_SGIR", off, size);
        return 0;
    }
    gic_bad(&s->core, "read of reserved distributor offset", off, size);
    return 0;
}

void gicv3_dist_write(GICv3State *s, hwaddr off, uint64_t val, unsigned size)
{
    bool set;
    int kind, w;

    if (off >= GICV3_GICD_IPRIORITYR && off < GICV3_GICD_IPRIORITYR + 0x400) {
        if (!gic_byte_access_ok(&s->core, "bad access size to distributor",
                                off, size)) {
            return;
        }
        gic_write_prio(&s->core, 0, off - GICV3_GICD_IPRIORITYR,
                       GICV3_NR_PRIVATE, size, val, GICV3_PRIO_MASK);
        gicv3_update(s);
        return;
    }
    if (off >= GICV3_GICD_IROUTER && off < GICV3_GICD_IROUTER + 8 * 1024) {
        int irq = (off - GICV3_GICD_IROUTER) / 8;
        uint64_t v;

        if ((size != 4 && size != 8) || (off & (size - 1))) {
            gic_bad(&s->core, "bad access size to GICD_IROUTER", off, size);
            return;
        }
        if (!is_spi(s, irq)) {
            return;
        }
        v = s->irouter[irq];
        if (size == 8) {
            v = val;
        } else if (off & 4) {
            v = (v & 0xffffffffull) | ((uint64_t)(uint32_t)val << 32);
        } else {
            v = (v & ~0xffffffffull) | (uint32_t)val;
        }
        s->irouter[irq] = v & GICV3_IROUTER_MASK;
        s->route[irq] = route_of(s, s->irouter[irq]);
        gicv3_update(s);
        return;
    }
    if (!gic_word_access_ok(&s->core, "bad access size to distributor",
                            off, size)) {
        return;
    }
    kind = gic_bit_reg(off, &set);
    if (kind >= 0) {
        w = (off & 0x7f) / 4;
        if (w > 0) {
            gic_write_bits(&s->core, 0, kind, set, w,
                           val & gic_valid_mask(&s->core, w));
            gicv3_update(s);
        }
        return;
    }
    if (off >= GICV3_GICD_ICFGR && off < GICV3_GICD_ICFGR + 0x100) {
        w = (off - GICV3_GICD_ICFGR) / 4;
        if (w >= 2 && w * 16 < gic_nr_ids(&s->core)) {
            gic_write_cfg(&s->core, 0, w, val);
            gicv3_update(s);
        }
        return;
    }
    if ((off >= GICV3_GICD_IGRPMODR && off < GICV3_GICD_SGIR) ||
        (off >= GICV3_GICD_ITARGETSR && off < GICV3_GICD_ICFGR)) {
        return;                     /* RAZ/WI (DS = 1, ARE = 1) */
    }
    switch (off) {
    case GICV3_GICD_CTLR:
        s->ctlr = val & (GICV3_GICD_CTLR_EN_GRP0 | GICV3_GICD_CTLR_EN_GRP1);
        gicv3_update(s);
        return;
    case GICV3_GICD_STATUSR:
        return;
    case GICV3_GICD_SGIR:
        gic_bad(&s->core, "GICD_SGIR write with affinity routing enabled",
                off, size);
        return;
    case GICV3_GICD_TYPER:
    case GICV3_GICD_IIDR:
    case GICV3_GICD_TYPER2:
        gic_bad(&s->core, "write to read-only distributor register",
                off, size);
        return;
    }
    if (is_id_reg(off)) {
        gic_bad(&s->core, "write to read-only distributor ID register",
                off, size);
        return;
    }
    gic_bad(&s->core, "write to reserved distributor offset", off, size);
}

/* ---- redistributors ---- */

static uint64_t redist_typer(GICv3State *s, int cpu)
{
    GICv3CPU *c = &s->cpu[cpu];
    /* Affinity_Value 63:32 = Aff3.Aff2.Aff1.Aff0 */
    uint64_t aff = (c->mpidr & 0xffffff) | ((c->mpidr >> 32) & 0xff) << 24;

    return aff << 32 | (uint64_t)cpu << 8 |
           (cpu == s->num_cpu - 1 ? GICV3_GICR_TYPER_LAST : 0);
}

static uint64_t rd_read(GICv3State *s, int cpu, hwaddr off, unsigned size)
{
    GICv3CPU *c = &s->cpu[cpu];

    if (off == GICV3_GICR_TYPER || off == GICV3_GICR_TYPER + 4) {
        uint64_t v = redist_typer(s, cpu);

        if (size == 8 && off == GICV3_GICR_TYPER) {
            return v;
        }
        if (size == 4) {
            return (uint32_t)(v >> (off & 4 ? 32 : 0));
        }
        gic_bad(&s->core, "bad access size to GICR_TYPER", off, size);
        return 0;
    }
    if (!gic_word_access_ok(&s->core, "bad access size to redistributor",
                            off, size)) {
        return 0;
    }
    if (is_id_reg(off)) {
        return id_reg(off);
    }
    switch (off) {
    case GICV3_GICR_CTLR:
    case GICV3_GICR_STATUSR:
        return 0;                   /* no LPIs; RWP/UWP never set */
    case GICV3_GICR_IIDR:
        return GICV3_IIDR;
    case GICV3_GICR_WAKER:
        return c->waker & GICV3_GICR_WAKER_PROCESSOR_SLEEP
               ? GICV3_GICR_WAKER_PROCESSOR_SLEEP |
                 GICV3_GICR_WAKER_CHILDREN_ASLEEP
               : 0;
    }
    gic_bad(&s->core, "read of reserved redistributor offset", off, size);
    return 0;
}

static void rd_write(GICv3State *s, int cpu, hwaddr off, uint64_t val,
                     unsigned size)
{
    GICv3CPU *c = &s->cpu[cpu];

    if (!gic_word_access_ok(&s->core, "bad access size to redistributor",
                            off, size)) {
        return;
    }
    switch (off) {
    case GICV3_GICR_CTLR:
        if (val & 1) {
            gic_bad(&s->core, "GICR_CTLR.EnableLPIs set: no LPIs", off, size);
        }
        return;
    case GICV3_GICR_STATUSR:
        return;
    case GICV3_GICR_WAKER:
        c->waker = val & GICV3_GICR_WAKER_PROCESSOR_SLEEP;
        gicv3_update(s);
        return;
    case GICV3_GICR_IIDR:
    case GICV3_GICR_TYPER:
    case GICV3_GICR_TYPER + 4:
        gic_bad(&s->core, "write to read-only redistributor register",
                off, size);
        return;
    }
    gic_bad(&s->core, "write to reserved redistributor offset", off, size);
}

static uint64_t sgi_read(GICv3State *s, int cpu, hwaddr off, unsigned size)
{
    bool set;
    int kind;

    if (off >= GICV3_GICR_IPRIORITYR0 && off < GICV3_GICR_IPRIORITYR0 + 32) {
        if (!gic_byte_access_ok(&s->core, "bad access size to redistributor",
                                off, size)) {
            return 0;
        }
        return gic_read_prio(&s->core, cpu, off - GICV3_GICR_IPRIORITYR0, 0,
                             size);
    }
    if (!gic_word_access_ok(&s->core, "bad access size to redistributor",
                            off, size)) {
        return 0;
    }
    kind = gic_bit_reg(off, &set);
    if (kind >= 0 && (off & 0x7f) == 0) {
        return gic_read_bits(&s->core, cpu, kind, 0);
    }
    switch (off) {
    case GICV3_GICR_ICFGR0:
        return 0xaaaaaaaau;         /* SGIs: edge, read-only */
    case GICV3_GICR_ICFGR1:
        return gic_read_cfg(&s->core, cpu, 1);
    case GICV3_GICR_IGRPMODR0:
    case GICV3_GICR_NSACR:
        return 0;
    }
    gic_bad(&s->core, "read of reserved redistributor SGI_base offset",
            off, size);
    return 0;
}

static void sgi_write(GICv3State *s, int cpu, hwaddr off, uint64_t val,
                      unsigned size)
{
    bool set;
    int kind;

    if (off >= GICV3_GICR_IPRIORITYR0 && off < GICV3_GICR_IPRIORITYR0 + 32) {
        if (!gic_byte_access_ok(&s->core, "bad access size to redistributor",
                                off, size)) {
            return;
        }
        gic_write_prio(&s->core, cpu, off - GICV3_GICR_IPRIORITYR0, 0, size,
                       val, GICV3_PRIO_MASK);
        gicv3_update(s);
        return;
    }
    if (!gic_word_access_ok(&s->core, "bad access size to redistributor",
                            off, size)) {
        return;
    }
    kind = gic_bit_reg(off, &set);
    if (kind >= 0 && (off & 0x7f) == 0) {
        gic_write_bits(&s->core, cpu, kind, set, 0, val);
        gicv3_update(s);
        return;
    }
    switch (off) {
    case GICV3_GICR_ICFGR0:
        return;                     /* SGIs: always edge, WI */
    case GICV3_GICR_ICFGR1:
        gic_write_cfg(&s->core, cpu, 1, val);
        gicv3_update(s);
        return;
    case GICV3_GICR_IGRPMODR0:
    case GICV3_GICR_NSACR:
        return;                     /* RAZ/WI with DS = 1 */
    }
    gic_bad(&s->core, "write to reserved redistributor SGI_base offset",
            off, size);
}

uint64_t gicv3_redist_read(GICv3State *s, hwaddr off, unsigned size)
{
    int cpu = off / GICV3_REDIST_SIZE;

    if (cpu >= s->num_cpu) {
        gic_bad(&s->core, "read beyond the last redistributor", off, size);
        return 0;
    }
    off %= GICV3_REDIST_SIZE;
    if (off >= GICV3_SGI_BASE) {
        return sgi_read(s, cpu, off - GICV3_SGI_BASE, size);
    }
    return rd_read(s, cpu, off, size);
}

void gicv3_redist_write(GICv3State *s, hwaddr off, uint64_t val,
                        unsigned size)
{
    int cpu = off / GICV3_REDIST_SIZE;

    if (cpu >= s->num_cpu) {
        gic_bad(&s->core, "write beyond the last redistributor", off, size);
        return;
    }
    off %= GICV3_REDIST_SIZE;
    if (off >= GICV3_SGI_BASE) {
        sgi_write(s, cpu, off - GICV3_SGI_BASE, val, size);
    } else {
        rd_write(s, cpu, off, val, size);
    }
}

/* ---- CPU interface ---- */

static uint32_t acknowledge(GICv3State *s, int cpu, int want_grp)
{
    GICv3CPU *c = &s->cpu[cpu];
    unsigned prio;
    int grp, irq = best_pending(s, cpu, &prio, &grp);

    if (irq == GICV3_SPURIOUS || grp != want_grp ||
        !can_signal(c, prio, grp)) {
        return GICV3_SPURIOUS;
    }
    gic_put_bit(&s->core, cpu, GIC_PENDING, irq, false);
    gic_put_bit(&s->core, cpu, GIC_ACTIVE, irq, true);
    c->apr[grp] |= 1u << ((prio & group_mask(c, grp)) >> GICV3_PRIO_SHIFT);
    gicv3_update(s);
    return irq;
}

static void deactivate(GICv3State *s, int cpu, uint32_t irq)
{
    if (irq >= (uint32_t)gic_nr_ids(&s->core)) {
        return;                     /* special IDs, out of range: ignore */
    }
    if (!gic_test_bit(&s->core, cpu, GIC_ACTIVE, irq)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: cpu %d deactivates INTID %u, "
                      "which is not active\n", s->name, cpu, irq);
        return;
    }
    gic_put_bit(&s->core, cpu, GIC_ACTIVE, irq, false);
}

static void end_of_interrupt(GICv3State *s, int cpu, int grp, uint64_t val)
{
    GICv3CPU *c = &s->cpu[cpu];
    uint32_t irq = val & 0xffffff;
    uint32_t ap = c->apr[0] | c->apr[1];

    if (irq >= 1020 && irq <= 1023) {
        return;                     /* special INTIDs: ignored */
    }
    if (!ap) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: cpu %d ICC_EOIR%d_EL1 (INTID %u) "
                      "with no active priority\n", s->name, cpu, grp, irq);
        return;
    }
    if (!(c->apr[grp] & (ap & -ap))) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: cpu %d ICC_EOIR%d_EL1 (INTID %u) "
                      "while the highest active priority is of the other "
                      "group\n", s->name, cpu, grp, irq);
        return;
    }
    c->apr[grp] &= ap - 1;          /* drop the highest active priority */
    if (!(c->ctlr & ICC_CTLR_EOIMODE)) {
        deactivate(s, cpu, irq);
    }
    gicv3_update(s);
}

/*
 * ICC_SGI0R/SGI1R/ASGI1R: TargetList 15:0, Aff1 23:16, INTID 27:24,
 * Aff2 39:32, IRM 40, RS 47:44, Aff3 55:48 (IHI 0069 12.2.21).
 */
static void send_sgi(GICv3State *s, int cpu, int grp, uint64_t val)
{
    int id = (val >> 24) & 0xf, t;
    bool irm = (val >> 40) & 1;
    uint64_t aff_hi = ((val >> 16) & 0xff) << 8 |      /* Aff1 */
                      ((val >> 32) & 0xff) << 16 |     /* Aff2 */
                      ((val >> 48) & 0xff) << 32;      /* Aff3 */
    unsigned rs = (val >> 44) & 0xf;

    for (t = 0; t < s->num_cpu; t++) {
        uint64_t m = s->cpu[t].mpidr;
        unsigned aff0 = m & 0xff;

        if (irm) {
            if (t == cpu) {
                continue;
            }
        } else if ((m & ~0xffull) != aff_hi || aff0 / 16 != rs ||
                   !((val >> (aff0 % 16)) & 1)) {
            continue;
        }
        if (gic_test_bit(&s->core, t, GIC_GROUP, id) != grp) {
            continue;               /* the SGI is of the other group there */
        }
        gic_put_bit(&s->core, t, GIC_PENDING, id, true);
    }
    gicv3_update(s);
}

static uint64_t icc_ctlr(GICv3CPU *c)
{
    return (c->ctlr & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE)) |
           (4u << ICC_CTLR_PRIBITS_SHIFT) |     /* 5 priority bits */
           (0u << ICC_CTLR_IDBITS_SHIFT) |      /* 16-bit INTIDs */
           ICC_CTLR_A3V;
}

static uint64_t hppir(GICv3State *s, int cpu, int want_grp)
{
    unsigned prio;
    int grp, irq = best_pending(s, cpu, &prio, &grp);

    return irq != GICV3_SPURIOUS && grp == want_grp ? irq : GICV3_SPURIOUS;
}

bool gicv3_icc_read(void *opaque, int cpu, uint32_t key, uint64_t *val)
{
    GICv3State *s = opaque;
    GICv3CPU *c;

    if (cpu < 0 || cpu >= s->num_cpu) {
        return false;
    }
    c = &s->cpu[cpu];
    switch (key) {
    case ICC_PMR_EL1:
        *val = c->pmr;
        return true;
    case ICC_IAR0_EL1:
        *val = acknowledge(s, cpu, 0);
        return true;
    case ICC_IAR1_EL1:
        *val = acknowledge(s, cpu, 1);
        return true;
    case ICC_HPPIR0_EL1:
        *val = hppir(s, cpu, 0);
        return true;
    case ICC_HPPIR1_EL1:
        *val = hppir(s, cpu, 1);
        return true;
    case ICC_BPR0_EL1:
        *val = c->bpr0;
        return true;
    case ICC_BPR1_EL1:
        if (c->ctlr & ICC_CTLR_CBPR) {
            *val = c->bpr0 + 1 > 7 ? 7 : c->bpr0 + 1;
        } else {
            *val = c->bpr1;
        }
        return true;
    case ICC_AP0R0_EL1:
        *val = c->apr[0];
        return true;
    case ICC_AP1R0_EL1:
        *val = c->apr[1];
        return true;
    case ICC_AP0R0_EL1 + 1:
    case ICC_AP0R0_EL1 + 2:
    case ICC_AP0R0_EL1 + 3:
    case ICC_AP1R0_EL1 + 1:
    case ICC_AP1R0_EL1 + 2:
    case ICC_AP1R0_EL1 + 3:
        *val = 0;                   /* 32 preemption levels: RAZ/WI */
        return true;
    case ICC_RPR_EL1:
        *val = c->apr[0] | c->apr[1] ? running_prio(c) : GICV3_IDLE_PRIO;
        return true;
    case ICC_CTLR_EL1:
        *val = icc_ctlr(c);
        return true;
    case ICC_SRE_EL1:
        *val = 7;                   /* SRE RAO/WI, DFB, DIB */
        return true;
    case ICC_SRE_EL2:
        *val = 0xf;                 /* and Enable */
        return true;
    case ICC_IGRPEN0_EL1:
        *val = c->igrpen0;
        return true;
    case ICC_IGRPEN1_EL1:
        *val = c->igrpen1;
        return true;
    }
    return false;                   /* unknown or write-only */
}

bool gicv3_icc_write(void *opaque, int cpu, uint32_t key, uint64_t val)
{
    GICv3State *s = opaque;
    GICv3CPU *c;

    if (cpu < 0 || cpu >= s->num_cpu) {
        return false;
    }
    c = &s->cpu[cpu];
    switch (key) {
    case ICC_PMR_EL1:
        c->pmr = val & GICV3_PRIO_MASK;
        break;
    case ICC_EOIR0_EL1:
        end_of_interrupt(s, cpu, 0, val);
        return true;
    case ICC_EOIR1_EL1:
        end_of_interrupt(s, cpu, 1, val);
        return true;
    case ICC_DIR_EL1:
        deactivate(s, cpu, val & 0xffffff);
        break;
    case ICC_BPR0_EL1:
        c->bpr0 = (val & 7) < GICV3_MIN_BPR0 ? GICV3_MIN_BPR0 : (val & 7);
        break;
    case ICC_BPR1_EL1:
        if (!(c->ctlr & ICC_CTLR_CBPR)) {
            c->bpr1 = (val & 7) < GICV3_MIN_BPR1 ? GICV3_MIN_BPR1 : (val & 7);
        }
        break;
    case ICC_AP0R0_EL1:
        c->apr[0] = val;
        break;
    case ICC_AP1R0_EL1:
        c->apr[1] = val;
        break;
    case ICC_AP0R0_EL1 + 1:
    case ICC_AP0R0_EL1 + 2:
    case ICC_AP0R0_EL1 + 3:
    case ICC_AP1R0_EL1 + 1:
    case ICC_AP1R0_EL1 + 2:
    case ICC_AP1R0_EL1 + 3:
        return true;
    case ICC_SGI0R_EL1:
        send_sgi(s, cpu, 0, val);
        return true;
    case ICC_SGI1R_EL1:
    case ICC_ASGI1R_EL1:
        send_sgi(s, cpu, 1, val);
        return true;
    case ICC_CTLR_EL1:
        c->ctlr = val & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE);
        break;
    case ICC_SRE_EL1:
    case ICC_SRE_EL2:
        return true;                /* fixed */
    case ICC_IGRPEN0_EL1:
        c->igrpen0 = val & 1;
        break;
    case ICC_IGRPEN1_EL1:
        c->igrpen1 = val & 1;
        break;
    default:
        return false;               /* unknown or read-only */
    }
    gicv3_update(s);
    return true;
}

/* ---- MMIO glue ---- */

static uint64_t dist_mmio_read(void *opaque, hwaddr off, unsigned size)
{
    return gicv3_dist_read(opaque, off, size);
}

static void dist_mmio_write(void *opaque, hwaddr off, uint64_t val,
                            unsigned size)
{
    gicv3_dist_write(opaque, off, val, size);
}

static uint64_t redist_mmio_read(void *opaque, hwaddr off, unsigned size)
{
    return gicv3_redist_read(opaque, off, size);
}

static void redist_mmio_write(void *opaque, hwaddr off, uint64_t val,
                              unsigned size)
{
    gicv3_redist_write(opaque, off, val, size);
}

static const MemoryRegionOps dist_ops = {
    .read = dist_mmio_read,
    .write = dist_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

static const MemoryRegionOps redist_ops = {
    .read = redist_mmio_read,
    .write = redist_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- life cycle ---- */

void gicv3_reset(GICv3State *s)
{
    int i;

    s->ctlr = 0;
    gic_core_reset(&s->core);
    memset(s->irouter, 0, sizeof(s->irouter));
    recompute_routes(s);
    for (i = 0; i < s->num_cpu; i++) {
        GICv3CPU *c = &s->cpu[i];

        c->waker = GICV3_GICR_WAKER_PROCESSOR_SLEEP;
        c->ctlr = 0;
        c->pmr = 0;
        c->bpr0 = GICV3_MIN_BPR0;
        c->bpr1 = GICV3_MIN_BPR1;
        c->igrpen0 = 0;
        c->igrpen1 = 0;
        c->apr[0] = c->apr[1] = 0;
    }
    gicv3_update(s);
}

bool gicv3_init(GICv3State *s, const char *name, int num_cpu, int num_irq)
{
    char buf[64];
    int i;

    if (num_cpu < 1 || num_cpu > GICV3_MAX_CPUS || num_irq < 64 ||
        num_irq > GICV3_MAX_IRQS || num_irq % 32) {
        return false;
    }
    memset(s, 0, sizeof(*s));
    s->name = strdup(name);
    if (!s->name) {
        abort();
    }
    s->num_cpu = num_cpu;
    s->num_irq = num_irq;
    gic_core_init(&s->core, s->name, num_cpu, num_irq, 5);
    for (i = GICV3_NR_PRIVATE; i < GICV3_MAX_IRQS; i++) {
        qemu_init_irq(&s->spi_in[i - GICV3_NR_PRIVATE], spi_handler, s, i);
    }
    for (i = 0; i < num_cpu; i++) {
        GICv3CPU *c = &s->cpu[i];
        int p;

        c->gic = s;
        c->id = i;
        c->mpidr = (uint64_t)(i / 16) << 8 | (i % 16);
        for (p = 0; p < 16; p++) {
            qemu_init_irq(&c->ppi_in[p], ppi_handler, c, 16 + p);
        }
    }
    snprintf(buf, sizeof(buf), "%s-dist", name);
    memory_region_init_io(&s->dist_mr, &dist_ops, s, buf, GICV3_DIST_SIZE);
    snprintf(buf, sizeof(buf), "%s-redist", name);
    memory_region_init_io(&s->redist_mr, &redist_ops, s, buf,
                          (uint64_t)num_cpu * GICV3_REDIST_SIZE);
    gicv3_reset(s);
    return true;
}

void gicv3_destroy(GICv3State *s)
{
    memory_region_destroy(&s->dist_mr);
    memory_region_destroy(&s->redist_mr);
    free(s->name);
    s->name = NULL;
}
