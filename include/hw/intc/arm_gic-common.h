/*
 * include/hw/intc/arm_gic-common.h: the per-interrupt state both GIC
 * models (hw/intc/arm_gicv2.c, hw/intc/arm_gicv3.c) keep the same way,
 * and the helpers that read and change it.
 *
 * Each model embeds one GICCore.  Interrupt IDs 0-31 (SGIs, PPIs) are
 * banked per CPU (bank[cpu]), SPIs are shared: one 32-bit word per
 * state kind and 32 IDs, word 0 always the accessing CPU's bank.
 * The small accessors are inline: they run on every interrupt.
 */
#ifndef HW_INTC_ARM_GIC_COMMON_H
#define HW_INTC_ARM_GIC_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"

#define GIC_MAX_CPUS        64
#define GIC_MAX_IRQS        1024    /* IDs 1020-1023 are special */
#define GIC_NR_SGIS         16
#define GIC_NR_PRIVATE      32

/* Per-interrupt state bits, one bitmap per kind. */
enum {
    GIC_ENABLED,
    GIC_PENDING,        /* the latched pending bit (edge, ISPENDR) */
    GIC_ACTIVE,
    GIC_LEVEL,          /* the input line's current level */
    GIC_GROUP,          /* GICv3: 1 = Group 1 (IRQ), 0 = Group 0 (FIQ) */
    GIC_EDGE,           /* ICFGR: edge-triggered */
    GIC_NR_BITS,
};

typedef struct GICCore {
    /* The model's name, CPU and ID counts (copies, fixed at init). */
    const char *name;
    int num_cpu;
    int num_irq;                /* multiple of 32, up to GIC_MAX_IRQS */
    int addr_digits;            /* hex digits of offsets in log messages */
    /* Shared state for SPIs, word w covering IDs 32w..32w+31 (w >= 1). */
    uint32_t bits[GIC_NR_BITS][GIC_MAX_IRQS / 32];
    uint8_t priority[GIC_MAX_IRQS];     /* IDs >= 32 */
    /* Banked state of IDs 0-31, one per CPU. */
    struct {
        uint32_t bits[GIC_NR_BITS];
        uint8_t priority[GIC_NR_PRIVATE];
    } bank[GIC_MAX_CPUS];
} GICCore;

/* The word of kind `kind` covering IDs 32w..32w+31 as CPU cpu sees it. */
static inline uint32_t *gic_word(GICCore *g, int cpu, int kind, int w)
{
    return w == 0 ? &g->bank[cpu].bits[kind] : &g->bits[kind][w];
}

static inline bool gic_test_bit(GICCore *g, int cpu, int kind, int irq)
{
    return (*gic_word(g, cpu, kind, irq / 32) >> (irq % 32)) & 1;
}

static inline void gic_put_bit(GICCore *g, int cpu, int kind, int irq,
                               bool v)
{
    uint32_t *p = gic_word(g, cpu, kind, irq / 32);

    if (v) {
        *p |= 1u << (irq % 32);
    } else {
        *p &= ~(1u << (irq % 32));
    }
}

static inline uint8_t *gic_prio(GICCore *g, int cpu, int irq)
{
    return irq < GIC_NR_PRIVATE ? &g->bank[cpu].priority[irq]
                                : &g->priority[irq];
}

/* The number of usable IDs (1020-1023 are special). */
static inline int gic_nr_ids(GICCore *g)
{
    return g->num_irq > 1020 ? 1020 : g->num_irq;
}

/* Pending bits of word w: latched, or level-triggered with line high. */
static inline uint32_t gic_pending_word(GICCore *g, int cpu, int w)
{
    return *gic_word(g, cpu, GIC_PENDING, w) |
           (*gic_word(g, cpu, GIC_LEVEL, w) & ~*gic_word(g, cpu, GIC_EDGE, w));
}

/* The IDs of word w that exist (below gic_nr_ids). */
static inline uint32_t gic_valid_mask(GICCore *g, int w)
{
    int left = gic_nr_ids(g) - w * 32;

    return left >= 32 ? ~0u : left <= 0 ? 0 : (1u << left) - 1;
}

/*
 * An input line of irq (banked for cpu if irq < 32) goes to level: the
 * level is recorded and a rising edge of an edge-triggered interrupt
 * latches it pending.  The caller re-evaluates its outputs.
 */
static inline void gic_set_level(GICCore *g, int cpu, int irq, int level)
{
    bool old = gic_test_bit(g, cpu, GIC_LEVEL, irq);

    gic_put_bit(g, cpu, GIC_LEVEL, irq, level != 0);
    if (level && !old && gic_test_bit(g, cpu, GIC_EDGE, irq)) {
        gic_put_bit(g, cpu, GIC_PENDING, irq, true);
    }
}

/*
 * Life cycle: init after zeroing the model state; name stays the
 * model's (it must outlive the core).
 */
void gic_core_init(GICCore *g, const char *name, int num_cpu, int num_irq,
                   int addr_digits);
/*
 * Reset: every state bit but the input levels cleared, priorities 0,
 * SGIs edge-triggered.
 */
void gic_core_reset(GICCore *g);

/* Logs a bad guest access (LOG_GUEST_ERROR) to offset off. */
void gic_bad(GICCore *g, const char *what, hwaddr off, unsigned size);

/*
 * The state kind behind a set/clear register bank (IGROUPR, ISENABLER,
 * ..., ICACTIVER: the same offsets in GICD and GICR SGI_base) at off,
 * with *set telling set from clear; -1 if off is none of them.
 */
int gic_bit_reg(hwaddr off, bool *set);
/* Word w of kind as the guest reads it (pending: latched or level). */
uint32_t gic_read_bits(GICCore *g, int cpu, int kind, int w);
/* A write of v to the set/clear (or, for GIC_GROUP, plain) bank. */
void gic_write_bits(GICCore *g, int cpu, int kind, bool set, int w,
                    uint32_t v);
/* ICFGR word w (16 IDs, bit 2i+1 = edge) from / into the edge bitmap. */
uint32_t gic_read_cfg(GICCore *g, int cpu, int w);
void gic_write_cfg(GICCore *g, int cpu, int w, uint32_t val);

/* Aligned 32-bit accesses only: false (logged as `what`) for others. */
bool gic_word_access_ok(GICCore *g, const char *what, hwaddr off,
                        unsigned size);
/*
 * Byte-wide register banks (IPRIORITYR...) take 1- and 4-byte aligned
 * accesses: false (logged as `what`) for any other.
 */
bool gic_byte_access_ok(GICCore *g, const char *what, hwaddr off,
                        unsigned size);
/*
 * IPRIORITYR bytes of IDs irq..irq+size-1 (those from lo up to
 * gic_nr_ids; the others read as zero and ignore writes).
 */
uint64_t gic_read_prio(GICCore *g, int cpu, int irq, int lo, unsigned size);
void gic_write_prio(GICCore *g, int cpu, int irq, int lo, unsigned size,
                    uint64_t val, uint8_t mask);

#endif
