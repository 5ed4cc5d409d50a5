/*
 * hw/irq.h: interrupt lines between devices and interrupt controllers.
 *
 * A line is the INPUT end: an IRQState owned by whoever receives the
 * signal (an interrupt controller's input n, a CPU's IRQ/FIQ pin, a
 * test's recorder), naming a handler(opaque, n, level).  A device's
 * OUTPUT is a qemu_irq field (a pointer to someone's IRQState), NULL
 * while unconnected; the board connects it:
 *
 *     qemu_irq_connect(&uart->irq[PL011_IRQ_INTR], gic_input(gic, 33));
 *
 * and the device drives it with qemu_set_irq / qemu_irq_raise /
 * qemu_irq_lower.  Driving NULL does nothing, so an unconnected output
 * is harmless.
 *
 * Lines are level-sensitive: a device calls qemu_set_irq with its
 * current output level whenever its state may have changed, possibly
 * with the same level as before; handlers must treat a repeated level
 * as no change (edge-triggered controller inputs detect edges
 * themselves).  qemu_irq_pulse is a raise followed by a lower, for
 * the rare edge-only sources.
 *
 * Handlers run in the caller's thread, under the global device lock
 * (see DESIGN.md, "System mode"); they must not block.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include <stdbool.h>
#include <stddef.h>

typedef void IRQHandler(void *opaque, int n, int level);

typedef struct IRQState {
    IRQHandler *handler;
    void *opaque;
    int n;
} IRQState;

typedef IRQState *qemu_irq;

/* ---- the input end -------------------------------------------------- */

/* An IRQState embedded in the receiver's own state. */
void qemu_init_irq(IRQState *irq, IRQHandler *handler, void *opaque, int n);
/* Allocated lines (abort on out-of-memory, like any start-up failure). */
qemu_irq qemu_allocate_irq(IRQHandler *handler, void *opaque, int n);
void qemu_free_irq(qemu_irq irq);
/* count lines numbered 0..count-1 in one array, freed by qemu_free_irqs. */
qemu_irq *qemu_allocate_irqs(IRQHandler *handler, void *opaque, int count);
void qemu_free_irqs(qemu_irq *irqs, int count);

/* ---- the output end ------------------------------------------------- */

/* Points a device's output at an input (NULL disconnects). */
static inline void qemu_irq_connect(qemu_irq *out, qemu_irq in)
{
    *out = in;
}

static inline void qemu_set_irq(qemu_irq irq, int level)
{
    if (irq) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

static inline void qemu_irq_raise(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
}

static inline void qemu_irq_lower(qemu_irq irq)
{
    qemu_set_irq(irq, 0);
}

static inline void qemu_irq_pulse(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
    qemu_set_irq(irq, 0);
}

/*
 * One output driving two inputs (e.g. a line wired to two controllers):
 * an allocated line forwarding every level to both; NULLs are skipped.
 */
qemu_irq qemu_irq_split(qemu_irq a, qemu_irq b);
/* A line forwarding the inverted level (active-low wiring). */
qemu_irq qemu_irq_invert(qemu_irq irq);
/* (Both adapters are freed with qemu_free_irq.) */

/* ---- a recording line for tests -------------------------------------- */

/*
 * Keeps the last level and counts what it saw: `calls` every
 * qemu_set_irq, `rises` 0->1 and `falls` 1->0 transitions (level
 * compared as "non-zero").  Starts low with all counts 0.
 */
typedef struct IRQRecorder {
    IRQState irq;
    int level;
    unsigned calls, rises, falls;
} IRQRecorder;

void irq_recorder_init(IRQRecorder *r);
static inline qemu_irq irq_recorder_line(IRQRecorder *r)
{
    return &r->irq;
}
/* Resets the counts (not the level). */
static inline void irq_recorder_clear_counts(IRQRecorder *r)
{
    r->calls = r->rises = r->falls = 0;
}

#endif
