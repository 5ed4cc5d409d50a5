/*
 * exc.c: the C side of the exception vectors (start.S) and the EL0
 * trampoline.
 */
#include "runtime.h"

ExcHandler *exc_handler;
volatile ExcRecord exc_last;

/* run_at_el0 state (start.S): the EL1 stack to return to, the result. */
extern uint64_t rt_el0_saved_sp, rt_el0_result;
extern char rt_el0_return[];

void exc_reset(void)
{
    exc_last.count = 0;
    exc_last.vec = -1;
    exc_last.esr = exc_last.elr = exc_last.far = exc_last.spsr = 0;
}

/* Continue in el0_return (below) at EL1h, as if run_at_el0 returned. */
static void el0_finish(ExcFrame *f)
{
    rt_el0_result = f->x[0];
    f->x[0] = rt_el0_saved_sp;
    f->elr = (uintptr_t)rt_el0_return;
    f->spsr = 0x3c5;            /* EL1h, DAIF masked */
}

void exc_dispatch(ExcFrame *f, int vec);
void exc_dispatch(ExcFrame *f, int vec)
{
    unsigned type = vec & 3;    /* 0 sync, 1 IRQ, 2 FIQ, 3 SError */
    uint64_t ec = ESR_EC(f->esr);

    if (type == 0 && vec == VEC_LOW64_SYNC && ec == EC_SVC64 &&
        (f->esr & 0xffff) == SVC_EL0_RETURN) {
        el0_finish(f);
        return;
    }
    if (exc_handler && exc_handler(f, vec)) {
        return;
    }
    if (type != 0) {
        rt_printf("not ok - unexpected %s exception (vector %d) at 0x%lx\n",
                  type == 1 ? "IRQ" : type == 2 ? "FIQ" : "SError",
                  vec, f->elr);
        tap_done();
    }
    exc_last.count++;
    exc_last.vec = vec;
    exc_last.esr = f->esr;
    exc_last.elr = f->elr;
    exc_last.far = f->far;
    exc_last.spsr = f->spsr;
    if (exc_last.count > 100) {
        rt_printf("not ok - exception loop: ESR 0x%lx ELR 0x%lx FAR 0x%lx\n",
                  f->esr, f->elr, f->far);
        tap_done();
    }
    if (ec != EC_SVC64 && ec != EC_HVC64) {
        f->elr += 4;
    }
}

/* Programs that start secondary CPUs define their own. */
__attribute__((weak)) void secondary_main(uint64_t arg)
{
    for (;;) {
        __asm__ volatile("wfi");
    }
}
