/*
 * test-el.c: exception levels and vectors.  We start at EL1h; SVC, BRK
 * and UDF at EL1 reach the current-EL SPx vector (or SP0 with SPSel =
 * 0) with the ESR and ELR the architecture gives (SVC: ELR after the
 * instruction; BRK/UDF: ELR at it); ERET to EL0 then SVC back reaches the
 * lower-EL AArch64 vector with EC 0x15 and the immediate.
 */
#include "runtime.h"

/* Execute insn at a known address; return that address. */
#define PROVOKE(insn) ({ uint64_t a_; \
    __asm__ volatile("adr %0, 1f\n1: " insn : "=r"(a_) : : "memory"); a_; })

static uint64_t sp0_stack[256] __attribute__((aligned(16)));

static void check_exc(const char *what, int vec, unsigned ec, uint64_t iss,
                      uint64_t elr, unsigned spsr_mode)
{
    bool ok = exc_last.count == 1 && exc_last.vec == vec &&
        ESR_EC(exc_last.esr) == ec && ESR_ISS(exc_last.esr) == iss &&
        (exc_last.esr & ESR_IL) && exc_last.elr == elr &&
        (exc_last.spsr & 0xf) == spsr_mode;
    tap_check(ok, "%s: vector %d EC 0x%x ISS 0x%lx ELR exact", what, vec, ec, iss);
    if (!ok) {
        rt_printf("#   count %u vector %d ESR 0x%lx ELR 0x%lx (want 0x%lx) SPSR 0x%lx\n",
                  exc_last.count, exc_last.vec, exc_last.esr, exc_last.elr,
                  elr, exc_last.spsr);
    }
}

/* EL0 code: kept in .el0text. */
__attribute__((section(".el0text"), noinline))
static uint64_t el0_svc(uint64_t arg)
{
    __asm__ volatile("svc #0x77" ::: "memory");
    return arg + 1;
}

__attribute__((section(".el0text"), noinline))
static uint64_t el0_brk(uint64_t arg)
{
    __asm__ volatile("brk #0x99" ::: "memory");
    return arg * 2;
}

__attribute__((section(".el0text"), noinline))
static uint64_t el0_mrs(uint64_t arg)
{
    uint64_t v;
    __asm__ volatile("mov %0, #5\n\tmrs %0, sctlr_el1" : "=r"(v) : : "memory");
    return v;
}

__attribute__((section(".el0text"), noinline))
static uint64_t el0_hvc(uint64_t arg)
{
    register uint64_t x0 __asm__("x0") = 0x84000000u;
    __asm__ volatile("hvc #0" : "+r"(x0) : : "memory");
    return x0;
}

__attribute__((section(".el0text"), noinline))
static uint64_t el0_sp(uint64_t arg)
{
    uint64_t v;
    __asm__ volatile("mov %0, sp" : "=r"(v));
    return v;
}

extern char rt_el0_stack_top[];

int main(void)
{
    uint64_t a;

    tap_eq(read_sysreg(CurrentEL), 1 << 2, "CurrentEL is EL1");
    tap_eq(read_sysreg(spsel), 1, "SPSel is 1 (EL1h)");
    tap_eq(read_sysreg(vbar_el1) & 0x7ff, 0, "VBAR_EL1 2K-aligned and readable");
    uint64_t midr = read_sysreg(midr_el1), pfr0 = read_sysreg(id_aa64pfr0_el1);
    rt_printf("# MIDR_EL1 = 0x%lx, ID_AA64PFR0_EL1 = 0x%lx\n", midr, pfr0);
    tap_eq(midr >> 24, 0x41, "MIDR_EL1 implementer is Arm (0x41)");
    tap_check((pfr0 & 0xf) >= 1 && ((pfr0 >> 4) & 0xf) >= 1,
              "ID_AA64PFR0_EL1: EL0 and EL1 implement AArch64");
    tap_eq(read_sysreg(mpidr_el1) & 0xffffff, 0, "MPIDR_EL1 affinity of the boot CPU is 0");

    exc_reset();
    a = PROVOKE("svc #0x1234");
    check_exc("SVC #0x1234 at EL1", VEC_CUR_SPX_SYNC, EC_SVC64, 0x1234, a + 4, 5);

    exc_reset();
    a = PROVOKE("brk #0x42");
    check_exc("BRK #0x42 at EL1", VEC_CUR_SPX_SYNC, EC_BRK64, 0x42, a, 5);

    exc_reset();
    a = PROVOKE(".inst 0x00000000");
    check_exc("UDF #0 at EL1", VEC_CUR_SPX_SYNC, EC_UNKNOWN, 0, a, 5);

    /* A system register that does not exist (op0 3, op1 0, CRn 15, CRm 15,
       op2 7 is unallocated): UNDEFINED. */
    exc_reset();
    a = PROVOKE(".inst 0xd53fffe0");
    check_exc("MRS of an unallocated register", VEC_CUR_SPX_SYNC, EC_UNKNOWN, 0, a, 5);

    /* SPSel = 0: the exception is taken to the "current EL with SP0"
       vector, SPSR.M = EL1t, and SP_EL0 is what we set. */
    exc_reset();
    write_sysreg(sp_el0, (uintptr_t)&sp0_stack[256]);
    {
        uint64_t sp_seen;
        __asm__ volatile("msr spsel, #0\n\t"
                         "adr %0, 1f\n"
                         "1: svc #0x5\n\t"
                         "mov %1, sp\n\t"
                         "msr spsel, #1"
                         : "=&r"(a), "=&r"(sp_seen) : : "memory");
        check_exc("SVC with SPSel=0", VEC_CUR_SP0_SYNC, EC_SVC64, 5, a + 4, 4);
        tap_eq(sp_seen, (uintptr_t)&sp0_stack[256], "SP is SP_EL0 with SPSel=0");
    }

    /* EL0. */
    exc_reset();
    a = run_at_el0(el0_svc, 41);
    tap_eq(a, 42, "ERET to EL0 and back: result");
    check_exc("SVC #0x77 from EL0", VEC_LOW64_SYNC, EC_SVC64, 0x77,
              exc_last.elr, 0);
    tap_check(exc_last.elr >= (uintptr_t)el0_svc &&
              exc_last.elr < (uintptr_t)el0_svc + 64,
              "SVC from EL0: ELR inside the EL0 function");

    exc_reset();
    a = run_at_el0(el0_sp, 0);
    tap_eq(a, (uintptr_t)rt_el0_stack_top, "EL0 runs on SP_EL0");

    exc_reset();
    a = run_at_el0(el0_brk, 21);
    tap_eq(a, 42, "BRK at EL0: resumed after it");
    check_exc("BRK #0x99 from EL0", VEC_LOW64_SYNC, EC_BRK64, 0x99,
              exc_last.elr, 0);

    exc_reset();
    a = run_at_el0(el0_mrs, 0);
    tap_eq(a, 5, "MRS SCTLR_EL1 at EL0: no value returned");
    check_exc("MRS SCTLR_EL1 at EL0 is UNDEFINED", VEC_LOW64_SYNC, EC_UNKNOWN, 0,
              exc_last.elr, 0);

    exc_reset();
    a = run_at_el0(el0_hvc, 0);
    check_exc("HVC at EL0 is UNDEFINED", VEC_LOW64_SYNC, EC_UNKNOWN, 0,
              exc_last.elr, 0);

    tap_eq(read_sysreg(CurrentEL), 1 << 2, "back at EL1");
    return 0;
}
