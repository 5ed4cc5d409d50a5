/*
 * hw/intc/arm_gic-common.c: the per-interrupt state and register-bank
 * helpers shared by the GICv2 and GICv3 models (see
 * include/hw/intc/arm_gic-common.h).
 */
#include <inttypes.h>
#include <string.h>

#include "hw/intc/arm_gic-common.h"
#include "qemu/log.h"

void gic_core_init(GICCore *g, const char *name, int num_cpu, int num_irq,
                   int addr_digits)
{
    g->name = name;
    g->num_cpu = num_cpu;
    g->num_irq = num_irq;
    g->addr_digits = addr_digits;
}

void gic_core_reset(GICCore *g)
{
    int i, k, w;

    for (k = 0; k < GIC_NR_BITS; k++) {
        if (k == GIC_LEVEL) {
            continue;
        }
        for (w = 1; w < GIC_MAX_IRQS / 32; w++) {
            g->bits[k][w] = 0;
        }
        for (i = 0; i < g->num_cpu; i++) {
            g->bank[i].bits[k] = 0;
        }
    }
    memset(g->priority, 0, sizeof(g->priority));
    for (i = 0; i < g->num_cpu; i++) {
        g->bank[i].bits[GIC_EDGE] = 0xffff;     /* SGIs: edge */
        memset(g->bank[i].priority, 0, sizeof(g->bank[i].priority));
    }
}

void gic_bad(GICCore *g, const char *what, hwaddr off, unsigned size)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %s at 0x%0*" PRIx64 " (size %u)\n",
                  g->name, what, g->addr_digits, (uint64_t)off, size);
}

int gic_bit_reg(hwaddr off, bool *set)
{
    /* Offsets of the banks, in GICD and in the GICR SGI_base frame. */
    static const struct { hwaddr base; int kind; bool set; } regs[] = {
        { 0x080, GIC_GROUP, false },        /* IGROUPR */
        { 0x100, GIC_ENABLED, true },       /* ISENABLER */
        { 0x180, GIC_ENABLED, false },      /* ICENABLER */
        { 0x200, GIC_PENDING, true },       /* ISPENDR */
        { 0x280, GIC_PENDING, false },      /* ICPENDR */
        { 0x300, GIC_ACTIVE, true },        /* ISACTIVER */
        { 0x380, GIC_ACTIVE, false },       /* ICACTIVER */
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

uint32_t gic_read_bits(GICCore *g, int cpu, int kind, int w)
{
    if (kind == GIC_PENDING) {
        return gic_pending_word(g, cpu, w);
    }
    return *gic_word(g, cpu, kind, w);
}

void gic_write_bits(GICCore *g, int cpu, int kind, bool set, int w,
                    uint32_t v)
{
    uint32_t *p = gic_word(g, cpu, kind, w);

    if (kind == GIC_GROUP) {
        *p = v;
    } else if (set) {
        *p |= v;
    } else {
        *p &= ~v;
    }
}

uint32_t gic_read_cfg(GICCore *g, int cpu, int w)
{
    uint32_t edge = *gic_word(g, cpu, GIC_EDGE, w / 2) >> (16 * (w & 1));
    uint32_t v = 0;
    int i;

    for (i = 0; i < 16; i++) {
        v |= ((edge >> i) & 1) << (2 * i + 1);
    }
    return v;
}

void gic_write_cfg(GICCore *g, int cpu, int w, uint32_t val)
{
    uint32_t *p = gic_word(g, cpu, GIC_EDGE, w / 2);
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

bool gic_word_access_ok(GICCore *g, const char *what, hwaddr off,
                        unsigned size)
{
    if (size != 4 || (off & 3)) {
        gic_bad(g, what, off, size);
        return false;
    }
    return true;
}

bool gic_byte_access_ok(GICCore *g, const char *what, hwaddr off,
                        unsigned size)
{
    if ((size != 1 && size != 4) || (off & (size - 1))) {
        gic_bad(g, what, off, size);
        return false;
    }
    return true;
}

uint64_t gic_read_prio(GICCore *g, int cpu, int irq, int lo, unsigned size)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        int id = irq + (int)i;

        if (id >= lo && id < gic_nr_ids(g)) {
            v |= (uint64_t)*gic_prio(g, cpu, id) << (8 * i);
        }
    }
    return v;
}

void gic_write_prio(GICCore *g, int cpu, int irq, int lo, unsigned size,
                    uint64_t val, uint8_t mask)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        int id = irq + (int)i;

        if (id >= lo && id < gic_nr_ids(g)) {
            *gic_prio(g, cpu, id) = (val >> (8 * i)) & mask;
        }
    }
}
