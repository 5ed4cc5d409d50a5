/*
 * hw/core/irq.c: interrupt lines (see include/hw/irq.h): allocation,
 * the split and invert adapters, and the recording line tests use.
 */
#include <stdio.h>
#include <stdlib.h>

#include "hw/irq.h"

static void *irq_alloc(size_t size)
{
    void *p = calloc(1, size);

    if (!p) {
        fprintf(stderr, "qemu: out of memory allocating interrupt lines\n");
        abort();
    }
    return p;
}

void qemu_init_irq(IRQState *irq, IRQHandler *handler, void *opaque, int n)
{
    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
}

qemu_irq qemu_allocate_irq(IRQHandler *handler, void *opaque, int n)
{
    IRQState *irq = irq_alloc(sizeof(*irq));

    qemu_init_irq(irq, handler, opaque, n);
    return irq;
}

void qemu_free_irq(qemu_irq irq)
{
    free(irq);
}

/*
 * One block: the pointer array followed by the IRQStates, so a single
 * free releases everything.
 */
qemu_irq *qemu_allocate_irqs(IRQHandler *handler, void *opaque, int count)
{
    qemu_irq *irqs;
    IRQState *states;
    int i;

    if (count <= 0) {
        return NULL;
    }
    irqs = irq_alloc(count * (sizeof(qemu_irq) + sizeof(IRQState)));
    states = (IRQState *)(irqs + count);
    for (i = 0; i < count; i++) {
        qemu_init_irq(&states[i], handler, opaque, i);
        irqs[i] = &states[i];
    }
    return irqs;
}

void qemu_free_irqs(qemu_irq *irqs, int count)
{
    (void)count;
    free(irqs);
}

/* ---- adapters --------------------------------------------------------- */

typedef struct IRQSplit {
    IRQState irq;               /* first: the line is the allocation */
    qemu_irq out[2];
} IRQSplit;

static void irq_split_handler(void *opaque, int n, int level)
{
    IRQSplit *s = opaque;

    (void)n;
    qemu_set_irq(s->out[0], level);
    qemu_set_irq(s->out[1], level);
}

qemu_irq qemu_irq_split(qemu_irq a, qemu_irq b)
{
    IRQSplit *s = irq_alloc(sizeof(*s));

    s->out[0] = a;
    s->out[1] = b;
    qemu_init_irq(&s->irq, irq_split_handler, s, 0);
    return &s->irq;
}

typedef struct IRQInvert {
    IRQState irq;
    qemu_irq out;
} IRQInvert;

static void irq_invert_handler(void *opaque, int n, int level)
{
    IRQInvert *s = opaque;

    (void)n;
    qemu_set_irq(s->out, !level);
}

qemu_irq qemu_irq_invert(qemu_irq irq)
{
    IRQInvert *s = irq_alloc(sizeof(*s));

    s->out = irq;
    qemu_init_irq(&s->irq, irq_invert_handler, s, 0);
    return &s->irq;
}

/* ---- recorder --------------------------------------------------------- */

static void irq_recorder_handler(void *opaque, int n, int level)
{
    IRQRecorder *r = opaque;
    int old = r->level != 0;
    int new = level != 0;

    (void)n;
    r->calls++;
    if (!old && new) {
        r->rises++;
    } else if (old && !new) {
        r->falls++;
    }
    r->level = level;
}

void irq_recorder_init(IRQRecorder *r)
{
    r->level = 0;
    irq_recorder_clear_counts(r);
    qemu_init_irq(&r->irq, irq_recorder_handler, r, 0);
}
