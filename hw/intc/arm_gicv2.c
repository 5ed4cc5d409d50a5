/*
 * hw/intc/arm_gicv2.c: the GICv2 distributor and CPU interface (see
 * include/hw/intc/arm_gicv2.h for the API, wiring and simplifications).
 *
 * Reference: ARM Generic Interrupt Controller Architecture Specification
 * v2.0 (ARM IHI 0048B), chapters 3 (interrupt handling and
 * prioritization) and 4 (programmers' model).
 *
 * Model.  Every change (register write, input line, acknowledge, EOI)
 * re-evaluates every CPU interface and drives its irq_out: high when the
 * CPU interface and distributor are enabled and the highest-priority
 * pending interrupt for that CPU (enabled, pending, not active, targeted
 * at it; lowest ID wins ties, for SGIs the lowest source CPU) has a
 * priority below GICC_PMR and a group priority (GICC_BPR) below the
 * running priority.  The running priority is the priority of the most
 * recently acknowledged interrupt not yet EOI'd (0xff when idle).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hw/intc/arm_gicv2.h"
#include "qemu/log.h"

/* The shared state (GICCore) holds every CPU and ID of this model. */
_Static_assert(GICV2_MAX_CPUS <= GIC_MAX_CPUS &&
               GICV2_MAX_IRQS <= GIC_MAX_IRQS &&
               GICV2_NR_PRIVATE == GIC_NR_PRIVATE, "GICCore too small");

#define IDLE_PRIO 0x100     /* no interrupt running: below every priority */

/* ---- per-interrupt state ---- */

/*
 * Pending bits of word w as the guest sees them: for the SGIs (IDs
 * 0-15) whether any source CPU has one pending.
 */
static uint32_t pending_word(GICv2State *s, int cpu, int w)
{
    uint32_t pend = gic_pending_word(&s->core, cpu, w);

    if (w == 0) {
        GICv2CPU *c = &s->cpu[cpu];
        int i;

        pend &= 0xffff0000u;
        for (i = 0; i < GICV2_NR_SGIS; i++) {
            if (c->sgi_pending[i]) {
                pend |= 1u << i;
            }
        }
    }
    return pend;
}

static bool targets(GICv2State *s, int cpu, int irq)
{
    if (irq < GICV2_NR_PRIVATE || s->num_cpu == 1) {
        return true;
    }
    return (s->target[irq] >> cpu) & 1;
}

static uint32_t group_mask(uint32_t bpr)
{
    return ~((2u << bpr) - 1) & 0xff;
}

static unsigned running_prio(GICv2CPU *c)
{
    return c->nr_running ? c->running[c->nr_running - 1].prio : IDLE_PRIO;
}

/*
 * The highest-priority pending interrupt for cpu: its ID (and SGI
 * source in *src), or GICV2_SPURIOUS; its priority in *prio.
 */
static int best_pending(GICv2State *s, int cpu, unsigned *prio, int *src)
{
    GICv2CPU *c = &s->cpu[cpu];
    int best = GICV2_SPURIOUS, irq, w;
    unsigned best_prio = IDLE_PRIO;

    *src = 0;
    if (!(s->ctlr & 3)) {
        *prio = best_prio;
        return best;
    }
    for (w = 0; w * 32 < gic_nr_ids(&s->core); w++) {
        uint32_t cand = *gic_word(&s->core, cpu, GIC_ENABLED, w) &
                        ~*gic_word(&s->core, cpu, GIC_ACTIVE, w);

        cand &= pending_word(s, cpu, w);
        while (cand) {
            int bit = __builtin_ctz(cand);

            cand &= cand - 1;
            irq = w * 32 + bit;
            if (irq >= gic_nr_ids(&s->core) || !targets(s, cpu, irq)) {
                continue;
            }
            if (*gic_prio(&s->core, cpu, irq) < best_prio) {
                best_prio = *gic_prio(&s->core, cpu, irq);
                best = irq;
            }
        }
    }
    if (best < GICV2_NR_SGIS) {
        *src = __builtin_ctz(c->sgi_pending[best]);
    }
    *prio = best_prio;
    return best;
}

/* Whether the best pending interrupt may be signalled to the CPU. */
static bool can_signal(GICv2CPU *c, unsigned prio)
{
    unsigned mask = group_mask(c->bpr);
    unsigned run = running_prio(c);

    if (!(c->ctlr & 3) || prio >= c->pmr) {
        return false;
    }
    return run == IDLE_PRIO || (prio & mask) < (run & mask);
}

static void gicv2_update(GICv2State *s)
{
    int i;

    for (i = 0; i < s->num_cpu; i++) {
        GICv2CPU *c = &s->cpu[i];
        unsigned prio;
        int src, irq = best_pending(s, i, &prio, &src);
        int level = irq != GICV2_SPURIOUS && can_signal(c, prio);

        c->level = level;
        qemu_set_irq(c->irq_out, level);
    }
}

/* ---- inputs ---- */

static void spi_handler(void *opaque, int n, int level)
{
    GICv2State *s = opaque;

    gic_set_level(&s->core, 0, n, level);
    gicv2_update(s);
}

static void ppi_handler(void *opaque, int n, int level)
{
    GICv2CPU *c = opaque;

    gic_set_level(&c->gic->core, c->id, n, level);
    gicv2_update(c->gic);
}

qemu_irq gicv2_spi(GICv2State *s, int id)
{
    if (id < GICV2_NR_PRIVATE || id >= gic_nr_ids(&s->core)) {
        return NULL;
    }
    return &s->spi_in[id - GICV2_NR_PRIVATE];
}

qemu_irq gicv2_ppi(GICv2State *s, int cpu, int id)
{
    if (cpu < 0 || cpu >= s->num_cpu || id < 16 || id >= 32) {
        return NULL;
    }
    return &s->cpu[cpu].ppi_in[id - 16];
}

/* ---- distributor ---- */

static uint32_t typer(GICv2State *s)
{
    return ((s->num_cpu - 1) << 5) | (s->num_irq / 32 - 1);
}

/* One byte of IPRIORITYR/ITARGETSR/xPENDSGIR. */
static uint32_t dist_read_byte(GICv2State *s, int cpu, hwaddr off)
{
    int irq;

    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) {
        irq = off - GICD_IPRIORITYR;
        return gic_read_prio(&s->core, cpu, irq, 0, 1);
    }
    if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) {
        irq = off - GICD_ITARGETSR;
        if (irq < GICV2_NR_PRIVATE) {
            return s->num_cpu == 1 ? 0 : 1u << cpu;
        }
        return irq < gic_nr_ids(&s->core) && s->num_cpu > 1 ? s->target[irq]
                                                            : 0;
    }
    if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10) {
        return s->cpu[cpu].sgi_pending[off & 0xf];
    }
    return 0;
}

static void dist_write_byte(GICv2State *s, int cpu, hwaddr off, uint8_t v)
{
    int irq;

    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) {
        irq = off - GICD_IPRIORITYR;
        gic_write_prio(&s->core, cpu, irq, 0, 1, v, GICV2_PRIO_MASK);
    } else if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) {
        irq = off - GICD_ITARGETSR;
        if (irq >= GICV2_NR_PRIVATE && irq < gic_nr_ids(&s->core)) {
            s->target[irq] = v & ((1u << s->num_cpu) - 1);
        }
    } else if (off >= GICD_CPENDSGIR && off < GICD_CPENDSGIR + 0x10) {
        s->cpu[cpu].sgi_pending[off & 0xf] &= ~v;
    } else if (off >= GICD_SPENDSGIR && off < GICD_SPENDSGIR + 0x10) {
        s->cpu[cpu].sgi_pending[off & 0xf] |= v & ((1u << s->num_cpu) - 1);
    }
}

static bool byte_reg(hwaddr off)
{
    return (off >= GICD_IPRIORITYR && off < GICD_ICFGR) ||
           (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10);
}

uint64_t gicv2_dist_read(GICv2State *s, int cpu, hwaddr off, unsigned size)
{
    bool set;
    int kind, w;

    if (cpu < 0 || cpu >= s->num_cpu) {
        return 0;
    }
    if (byte_reg(off)) {
        uint64_t v = 0;
        unsigned i;

        if (!gic_byte_access_ok(&s->core, "bad access size to distributor",
                                off, size)) {
            return 0;
        }
        for (i = 0; i < size; i++) {
            v |= (uint64_t)dist_read_byte(s, cpu, off + i) << (8 * i);
        }
        return v;
    }
    if (!gic_word_access_ok(&s->core, "bad access size to distributor",
                            off, size)) {
        return 0;
    }
    kind = gic_bit_reg(off, &set);
    if (kind >= 0) {
        uint32_t v;

        w = (off & 0x7f) / 4;
        v = kind == GIC_PENDING ? pending_word(s, cpu, w)
                                : *gic_word(&s->core, cpu, kind, w);
        return v & gic_valid_mask(&s->core, w);
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        w = (off - GICD_ICFGR) / 4;     /* 16 IDs per register */
        if (w == 0) {
            return 0xaaaaaaaau;
        }
        if (w == 1 || w * 16 >= gic_nr_ids(&s->core)) {
            return 0;
        }
        return gic_read_cfg(&s->core, cpu, w);
    }
    switch (off) {
    case GICD_CTLR:
        return s->ctlr;
    case GICD_TYPER:
        return typer(s);
    case GICD_IIDR:
        return GICV2_GICD_IIDR;
    case GICD_ICPIDR2:
        return 0x2b;                /* ArchRev 2 */
    case GICD_SGIR:
        gic_bad(&s->core, "read of write-only GICD_SGIR", off, size);
        return 0;
    }
    gic_bad(&s->core, "read of reserved distributor offset", off, size);
    return 0;
}

static void send_sgi(GICv2State *s, int cpu, uint32_t val)
{
    int id = val & 0xf, filter = (val >> 24) & 3, t;
    uint32_t list;

    switch (filter) {
    case 0:
        list = (val >> 16) & 0xff;
        break;
    case 1:
        list = 0xff & ~(1u << cpu);
        break;
    case 2:
        list = 1u << cpu;
        break;
    default:
        gic_bad(&s->core, "GICD_SGIR with reserved target list filter",
                GICD_SGIR, 4);
        return;
    }
    for (t = 0; t < s->num_cpu; t++) {
        if ((list >> t) & 1) {
            s->cpu[t].sgi_pending[id] |= 1u << cpu;
        }
    }
}

void gicv2_dist_write(GICv2State *s, int cpu, hwaddr off, uint64_t val,
                      unsigned size)
{
    bool set;
    int kind, w;

    if (cpu < 0 || cpu >= s->num_cpu) {
        return;
    }
    if (byte_reg(off)) {
        unsigned i;

        if (!gic_byte_access_ok(&s->core, "bad access size to distributor",
                                off, size)) {
            return;
        }
        for (i = 0; i < size; i++) {
            dist_write_byte(s, cpu, off + i, val >> (8 * i));
        }
        gicv2_update(s);
        return;
    }
    if (!gic_word_access_ok(&s->core, "bad access size to distributor",
                            off, size)) {
        return;
    }
    kind = gic_bit_reg(off, &set);
    if (kind >= 0) {
        uint32_t v = val & gic_valid_mask(&s->core, (off & 0x7f) / 4);

        w = (off & 0x7f) / 4;
        if (w == 0 && kind == GIC_ENABLED) {
            v &= 0xffff0000u;       /* SGI enables are RAO/WI */
        }
        if (w == 0 && kind == GIC_PENDING) {
            v &= 0xffff0000u;       /* SGIs: use xPENDSGIR */
        }
        gic_write_bits(&s->core, cpu, kind, set, w, v);
        gicv2_update(s);
        return;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        w = (off - GICD_ICFGR) / 4;
        if (w >= 2 && w * 16 < gic_nr_ids(&s->core)) {
            gic_write_cfg(&s->core, cpu, w, val);
        }
        gicv2_update(s);
        return;
    }
    switch (off) {
    case GICD_CTLR:
        s->ctlr = val & 3;
        break;
    case GICD_SGIR:
        send_sgi(s, cpu, val);
        break;
    case GICD_TYPER:
    case GICD_IIDR:
    case GICD_ICPIDR2:
        gic_bad(&s->core, "write to read-only distributor register",
                off, size);
        return;
    default:
        gic_bad(&s->core, "write to reserved distributor offset", off, size);
        return;
    }
    gicv2_update(s);
}

/* ---- CPU interface ---- */

/* The ID as GICC_IAR/HPPIR report it: SGIs with the source CPU in 12:10. */
static uint32_t iar_value(int irq, int src)
{
    return (uint32_t)(irq < GICV2_NR_SGIS ? irq | (src << 10) : irq);
}

static uint32_t acknowledge(GICv2State *s, int cpu)
{
    GICv2CPU *c = &s->cpu[cpu];
    unsigned prio;
    int src, irq = best_pending(s, cpu, &prio, &src);

    if (irq == GICV2_SPURIOUS || !can_signal(c, prio) ||
        c->nr_running == GICV2_MAX_RUNNING) {
        return GICV2_SPURIOUS;
    }
    if (irq < GICV2_NR_SGIS) {
        c->sgi_pending[irq] &= ~(1u << src);
    } else {
        gic_put_bit(&s->core, cpu, GIC_PENDING, irq, false);
    }
    gic_put_bit(&s->core, cpu, GIC_ACTIVE, irq, true);
    c->running[c->nr_running].irq = irq;
    c->running[c->nr_running].prio = prio;
    c->nr_running++;
    gicv2_update(s);
    return iar_value(irq, src);
}

static void end_of_interrupt(GICv2State *s, int cpu, uint32_t val)
{
    GICv2CPU *c = &s->cpu[cpu];
    int irq = val & 0x3ff, i;

    for (i = c->nr_running - 1; i >= 0; i--) {
        if (c->running[i].irq == irq) {
            break;
        }
    }
    if (i < 0) {
        gic_bad(&s->core, "GICC_EOIR for an interrupt not acknowledged",
                irq, 4);
        return;
    }
    if (i != c->nr_running - 1) {
        gic_bad(&s->core, "GICC_EOIR out of order", irq, 4);
    }
    memmove(&c->running[i], &c->running[i + 1],
            (c->nr_running - i - 1) * sizeof(c->running[0]));
    c->nr_running--;
    gic_put_bit(&s->core, cpu, GIC_ACTIVE, irq, false);
    gicv2_update(s);
}

uint64_t gicv2_cpu_read(GICv2State *s, int cpu, hwaddr off, unsigned size)
{
    GICv2CPU *c;
    unsigned prio;
    int src, irq;

    if (cpu < 0 || cpu >= s->num_cpu) {
        return 0;
    }
    c = &s->cpu[cpu];
    if (!gic_word_access_ok(&s->core, "bad access size to CPU interface",
                            off, size)) {
        return 0;
    }
    switch (off) {
    case GICC_CTLR:
        return c->ctlr;
    case GICC_PMR:
        return c->pmr;
    case GICC_BPR:
        return c->bpr;
    case GICC_ABPR:
        return c->abpr;
    case GICC_IAR:
        return acknowledge(s, cpu);
    case GICC_RPR:
        return c->nr_running ? running_prio(c) : 0xff;
    case GICC_HPPIR:
        irq = best_pending(s, cpu, &prio, &src);
        return iar_value(irq, src);
    case GICC_IIDR:
        return GICV2_GICC_IIDR;
    case GICC_EOIR:
        gic_bad(&s->core, "read of write-only GICC_EOIR", off, size);
        return 0;
    }
    if ((off >= 0x20 && off < 0x2c) || (off >= 0xd0 && off < 0xf0)) {
        qemu_log_mask(LOG_UNIMP, "%s: CPU interface register 0x%03" PRIx64
                      " not implemented\n", s->name, (uint64_t)off);
        return 0;
    }
    gic_bad(&s->core, "read of reserved CPU interface offset", off, size);
    return 0;
}

void gicv2_cpu_write(GICv2State *s, int cpu, hwaddr off, uint64_t val,
                     unsigned size)
{
    GICv2CPU *c;

    if (cpu < 0 || cpu >= s->num_cpu) {
        return;
    }
    c = &s->cpu[cpu];
    if (!gic_word_access_ok(&s->core, "bad access size to CPU interface",
                            off, size)) {
        return;
    }
    switch (off) {
    case GICC_CTLR:
        c->ctlr = val & 3;
        break;
    case GICC_PMR:
        c->pmr = val & GICV2_PRIO_MASK;
        break;
    case GICC_BPR:
        c->bpr = (val & 7) < GICV2_MIN_BPR ? GICV2_MIN_BPR : (val & 7);
        break;
    case GICC_ABPR:
        c->abpr = val & 7;
        break;
    case GICC_EOIR:
        end_of_interrupt(s, cpu, val);
        return;
    case GICC_IAR:
    case GICC_RPR:
    case GICC_HPPIR:
    case GICC_IIDR:
        gic_bad(&s->core, "write to read-only CPU interface register",
                off, size);
        return;
    default:
        if ((off >= 0x20 && off < 0x2c) || (off >= 0xd0 && off < 0xf0) ||
            off == GICC_DIR) {
            qemu_log_mask(LOG_UNIMP, "%s: CPU interface register 0x%03"
                          PRIx64 " not implemented\n", s->name,
                          (uint64_t)off);
            return;
        }
        gic_bad(&s->core, "write to reserved CPU interface offset", off, size);
        return;
    }
    gicv2_update(s);
}

/* ---- MMIO glue ---- */

static uint64_t dist_mmio_read(void *opaque, hwaddr off, unsigned size)
{
    GICv2CPU *c = opaque;

    return gicv2_dist_read(c->gic, c->id, off, size);
}

static void dist_mmio_write(void *opaque, hwaddr off, uint64_t val,
                            unsigned size)
{
    GICv2CPU *c = opaque;

    gicv2_dist_write(c->gic, c->id, off, val, size);
}

static uint64_t cpu_mmio_read(void *opaque, hwaddr off, unsigned size)
{
    GICv2CPU *c = opaque;

    return gicv2_cpu_read(c->gic, c->id, off, size);
}

static void cpu_mmio_write(void *opaque, hwaddr off, uint64_t val,
                           unsigned size)
{
    GICv2CPU *c = opaque;

    gicv2_cpu_write(c->gic, c->id, off, val, size);
}

static const MemoryRegionOps dist_ops = {
    .read = dist_mmio_read,
    .write = dist_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps cpu_ops = {
    .read = cpu_mmio_read,
    .write = cpu_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- life cycle ---- */

void gicv2_reset(GICv2State *s)
{
    int i;

    s->ctlr = 0;
    gic_core_reset(&s->core);
    memset(s->target, 0, sizeof(s->target));
    for (i = 0; i < s->num_cpu; i++) {
        GICv2CPU *c = &s->cpu[i];

        s->core.bank[i].bits[GIC_ENABLED] = 0xffff;     /* SGIs: RAO */
        memset(c->sgi_pending, 0, sizeof(c->sgi_pending));
        c->ctlr = 0;
        c->pmr = 0;
        c->bpr = GICV2_MIN_BPR;
        c->abpr = 3;
        c->nr_running = 0;
    }
    gicv2_update(s);
}

bool gicv2_init(GICv2State *s, const char *name, int num_cpu, int num_irq)
{
    int i;

    if (num_cpu < 1 || num_cpu > GICV2_MAX_CPUS || num_irq < 32 ||
        num_irq > GICV2_MAX_IRQS || num_irq % 32) {
        return false;
    }
    memset(s, 0, sizeof(*s));
    s->name = strdup(name);
    if (!s->name) {
        abort();
    }
    s->num_cpu = num_cpu;
    s->num_irq = num_irq;
    gic_core_init(&s->core, s->name, num_cpu, num_irq, 3);
    for (i = GICV2_NR_PRIVATE; i < GICV2_MAX_IRQS; i++) {
        qemu_init_irq(&s->spi_in[i - GICV2_NR_PRIVATE], spi_handler, s, i);
    }
    for (i = 0; i < num_cpu; i++) {
        GICv2CPU *c = &s->cpu[i];
        char buf[64];
        int p;

        c->gic = s;
        c->id = i;
        for (p = 0; p < 16; p++) {
            qemu_init_irq(&c->ppi_in[p], ppi_handler, c, 16 + p);
        }
        snprintf(buf, sizeof(buf), "%s-dist-cpu%d", name, i);
        memory_region_init_io(&c->dist_mr, &dist_ops, c, buf,
                              GICV2_DIST_SIZE);
        snprintf(buf, sizeof(buf), "%s-cpuif-cpu%d", name, i);
        memory_region_init_io(&c->cpu_mr, &cpu_ops, c, buf, GICV2_CPU_SIZE);
    }
    gicv2_reset(s);
    return true;
}

void gicv2_destroy(GICv2State *s)
{
    int i;

    for (i = 0; i < s->num_cpu; i++) {
        memory_region_destroy(&s->cpu[i].dist_mr);
        memory_region_destroy(&s->cpu[i].cpu_mr);
    }
    free(s->name);
    s->name = NULL;
}
