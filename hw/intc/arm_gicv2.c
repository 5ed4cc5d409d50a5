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

#define IDLE_PRIO 0x100     /* no interrupt running: below every priority */

/* ---- per-interrupt state ---- */

static uint32_t *word(GICv2State *s, int cpu, int kind, int w)
{
    return w == 0 ? &s->cpu[cpu].bits[kind] : &s->bits[kind][w];
}

static bool test_bit(GICv2State *s, int cpu, int kind, int irq)
{
    return (*word(s, cpu, kind, irq / 32) >> (irq % 32)) & 1;
}

static void put_bit(GICv2State *s, int cpu, int kind, int irq, bool v)
{
    uint32_t *p = word(s, cpu, kind, irq / 32);

    if (v) {
        *p |= 1u << (irq % 32);
    } else {
        *p &= ~(1u << (irq % 32));
    }
}

static uint8_t *prio_of(GICv2State *s, int cpu, int irq)
{
    return irq < GICV2_NR_PRIVATE ? &s->cpu[cpu].priority[irq]
                                  : &s->priority[irq];
}

/* Pending as seen by the guest (cpu selects the bank for IDs < 32). */
static bool is_pending(GICv2State *s, int cpu, int irq)
{
    if (irq < GICV2_NR_SGIS) {
        return s->cpu[cpu].sgi_pending[irq] != 0;
    }
    return test_bit(s, cpu, GICV2_PENDING, irq) ||
           (!test_bit(s, cpu, GICV2_EDGE, irq) &&
            test_bit(s, cpu, GICV2_LEVEL, irq));
}

static int nr_ids(GICv2State *s)
{
    return s->num_irq > 1020 ? 1020 : s->num_irq;
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
    for (w = 0; w * 32 < nr_ids(s); w++) {
        uint32_t cand = *word(s, cpu, GICV2_ENABLED, w) &
                        ~*word(s, cpu, GICV2_ACTIVE, w);
        uint32_t pend = *word(s, cpu, GICV2_PENDING, w) |
                        (*word(s, cpu, GICV2_LEVEL, w) &
                         ~*word(s, cpu, GICV2_EDGE, w));
        if (w == 0) {
            int i;

            pend &= 0xffff0000u;
            for (i = 0; i < GICV2_NR_SGIS; i++) {
                if (c->sgi_pending[i]) {
                    pend |= 1u << i;
                }
            }
        }
        cand &= pend;
        while (cand) {
            int bit = __builtin_ctz(cand);

            cand &= cand - 1;
            irq = w * 32 + bit;
            if (irq >= nr_ids(s) || !targets(s, cpu, irq)) {
                continue;
            }
            if (*prio_of(s, cpu, irq) < best_prio) {
                best_prio = *prio_of(s, cpu, irq);
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

static void set_input(GICv2State *s, int cpu, int irq, int level)
{
    bool old = test_bit(s, cpu, GICV2_LEVEL, irq);

    put_bit(s, cpu, GICV2_LEVEL, irq, level != 0);
    if (level && !old && test_bit(s, cpu, GICV2_EDGE, irq)) {
        put_bit(s, cpu, GICV2_PENDING, irq, true);
    }
    gicv2_update(s);
}

static void spi_handler(void *opaque, int n, int level)
{
    set_input(opaque, 0, n, level);
}

static void ppi_handler(void *opaque, int n, int level)
{
    GICv2CPU *c = opaque;

    set_input(c->gic, c->id, n, level);
}

qemu_irq gicv2_spi(GICv2State *s, int id)
{
    if (id < GICV2_NR_PRIVATE || id >= nr_ids(s)) {
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

static void bad(GICv2State *s, const char *what, hwaddr off, unsigned size)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %s at 0x%03" PRIx64 " (size %u)\n",
                  s->name, what, (uint64_t)off, size);
}

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
        return irq < nr_ids(s) ? *prio_of(s, cpu, irq) : 0;
    }
    if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) {
        irq = off - GICD_ITARGETSR;
        if (irq < GICV2_NR_PRIVATE) {
            return s->num_cpu == 1 ? 0 : 1u << cpu;
        }
        return irq < nr_ids(s) && s->num_cpu > 1 ? s->target[irq] : 0;
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
        if (irq < nr_ids(s)) {
            *prio_of(s, cpu, irq) = v & GICV2_PRIO_MASK;
        }
    } else if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) {
        irq = off - GICD_ITARGETSR;
        if (irq >= GICV2_NR_PRIVATE && irq < nr_ids(s)) {
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

/* The bitmap kind behind a set/clear register bank at off, or -1. */
static int bit_reg(hwaddr off, bool *set)
{
    static const struct { hwaddr base; int kind; bool set; } regs[] = {
        { GICD_IGROUPR, GICV2_GROUP, false },
        { GICD_ISENABLER, GICV2_ENABLED, true },
        { GICD_ICENABLER, GICV2_ENABLED, false },
        { GICD_ISPENDR, GICV2_PENDING, true },
        { GICD_ICPENDR, GICV2_PENDING, false },
        { GICD_ISACTIVER, GICV2_ACTIVE, true },
        { GICD_ICACTIVER, GICV2_ACTIVE, false },
    };
    size_t i;

    for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        if (off >= regs[i].base && off < regs[i].base + 0x80) {
            *set = regs[i].set;
            return regs[i].kind;
        }
    }
    return -1;
}

/* A word of pending bits as the guest sees them. */
static uint32_t pending_word(GICv2State *s, int cpu, int w)
{
    uint32_t v = 0;
    int i;

    for (i = 0; i < 32; i++) {
        if (w * 32 + i < nr_ids(s) && is_pending(s, cpu, w * 32 + i)) {
            v |= 1u << i;
        }
    }
    return v;
}

static uint32_t valid_mask(GICv2State *s, int w)
{
    int left = nr_ids(s) - w * 32;

    return left >= 32 ? ~0u : left <= 0 ? 0 : (1u << left) - 1;
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

        if ((size != 1 && size != 4) || (off & (size - 1))) {
            bad(s, "bad access size to distributor", off, size);
            return 0;
        }
        for (i = 0; i < size; i++) {
            v |= (uint64_t)dist_read_byte(s, cpu, off + i) << (8 * i);
        }
        return v;
    }
    if (size != 4 || (off & 3)) {
        bad(s, "bad access size to distributor", off, size);
        return 0;
    }
    kind = bit_reg(off, &set);
    if (kind >= 0) {
        w = (off & 0x7f) / 4;
        if (kind == GICV2_PENDING) {
            return pending_word(s, cpu, w);
        }
        return *word(s, cpu, kind, w) & valid_mask(s, w);
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        w = (off - GICD_ICFGR) / 4;     /* 16 IDs per register */
        if (w == 0) {
            return 0xaaaaaaaau;
        }
        if (w == 1 || w * 16 >= nr_ids(s)) {
            return 0;
        } else {
            uint32_t edge = *word(s, cpu, GICV2_EDGE, w / 2) >> (16 * (w & 1));
            uint32_t v = 0;
            int i;

            for (i = 0; i < 16; i++) {
                v |= ((edge >> i) & 1) << (2 * i + 1);
            }
            return v;
        }
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
        bad(s, "read of write-only GICD_SGIR", off, size);
        return 0;
    }
    bad(s, "read of reserved distributor offset", off, size);
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
        bad(s, "GICD_SGIR with reserved target list filter", GICD_SGIR, 4);
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

        if ((size != 1 && size != 4) || (off & (size - 1))) {
            bad(s, "bad access size to distributor", off, size);
            return;
        }
        for (i = 0; i < size; i++) {
            dist_write_byte(s, cpu, off + i, val >> (8 * i));
        }
        gicv2_update(s);
        return;
    }
    if (size != 4 || (off & 3)) {
        bad(s, "bad access size to distributor", off, size);
        return;
    }
    kind = bit_reg(off, &set);
    if (kind >= 0) {
        uint32_t *p, v = val & valid_mask(s, (off & 0x7f) / 4);

        w = (off & 0x7f) / 4;
        if (w == 0 && kind == GICV2_ENABLED) {
            v &= 0xffff0000u;       /* SGI enables are RAO/WI */
        }
        if (w == 0 && kind == GICV2_PENDING) {
            v &= 0xffff0000u;       /* SGIs: use xPENDSGIR */
        }
        p = word(s, cpu, kind, w);
        if (kind == GICV2_GROUP) {
            *p = v;
        } else if (set) {
            *p |= v;
        } else {
            *p &= ~v;
        }
        gicv2_update(s);
        return;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        w = (off - GICD_ICFGR) / 4;
        if (w >= 2 && w * 16 < nr_ids(s)) {
            uint32_t *p = word(s, cpu, GICV2_EDGE, w / 2);
            int shift = 16 * (w & 1), i;

            for (i = 0; i < 16; i++) {
                uint32_t b = 1u << (shift + i);

                if ((val >> (2 * i + 1)) & 1) {
                    *p |= b;
                } else {
                    *p &= ~b;
                }
            }
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
        bad(s, "write to read-only distributor register", off, size);
        return;
    default:
        bad(s, "write to reserved distributor offset", off, size);
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
        put_bit(s, cpu, GICV2_PENDING, irq, false);
    }
    put_bit(s, cpu, GICV2_ACTIVE, irq, true);
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
        bad(s, "GICC_EOIR for an interrupt not acknowledged", irq, 4);
        return;
    }
    if (i != c->nr_running - 1) {
        bad(s, "GICC_EOIR out of order", irq, 4);
    }
    memmove(&c->running[i], &c->running[i + 1],
            (c->nr_running - i - 1) * sizeof(c->running[0]));
    c->nr_running--;
    put_bit(s, cpu, GICV2_ACTIVE, irq, false);
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
    if (size != 4 || (off & 3)) {
        bad(s, "bad access size to CPU interface", off, size);
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
        bad(s, "read of write-only GICC_EOIR", off, size);
        return 0;
    }
    if ((off >= 0x20 && off < 0x2c) || (off >= 0xd0 && off < 0xf0)) {
        qemu_log_mask(LOG_UNIMP, "%s: CPU interface register 0x%03" PRIx64
                      " not implemented\n", s->name, (uint64_t)off);
        return 0;
    }
    bad(s, "read of reserved CPU interface offset", off, size);
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
    if (size != 4 || (off & 3)) {
        bad(s, "bad access size to CPU interface", off, size);
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
        bad(s, "write to read-only CPU interface register", off, size);
        return;
    default:
        if ((off >= 0x20 && off < 0x2c) || (off >= 0xd0 && off < 0xf0) ||
            off == GICC_DIR) {
            qemu_log_mask(LOG_UNIMP, "%s: CPU interface register 0x%03"
                          PRIx64 " not implemented\n", s->name,
                          (uint64_t)off);
            return;
        }
        bad(s, "write to reserved CPU interface offset", off, size);
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
    int i, k, w;

    s->ctlr = 0;
    for (k = 0; k < GICV2_NR_BITS; k++) {
        for (w = 1; w < GICV2_MAX_IRQS / 32; w++) {
            if (k != GICV2_LEVEL) {
                s->bits[k][w] = 0;
            }
        }
    }
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->target, 0, sizeof(s->target));
    for (i = 0; i < s->num_cpu; i++) {
        GICv2CPU *c = &s->cpu[i];

        for (k = 0; k < GICV2_NR_BITS; k++) {
            if (k != GICV2_LEVEL) {
                c->bits[k] = 0;
            }
        }
        c->bits[GICV2_ENABLED] = 0xffff;        /* SGIs: RAO */
        c->bits[GICV2_EDGE] = 0xffff;           /* SGIs: edge */
        memset(c->priority, 0, sizeof(c->priority));
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
