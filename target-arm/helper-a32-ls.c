/*
 * target-arm/helper-a32-ls.c: run-time helpers of the AArch32 load/store
 * class (trans-a32-ls.c.inc): the store half of the exclusive monitor,
 * the legacy swp/swpb exchange and the virtual counter.  Each helper is
 * paired with the TCGHelperInfo the translator passes to gen_call().
 *
 * Atomicity comes from host atomics on guest memory (g2h), so other
 * guest threads, which are host threads, see the single-copy atomic
 * behaviour of hardware.  A bad access raises the guest exception at
 * the guest instruction (state restored from the host return address)
 * instead of faulting inside the helper.
 */
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "qemu/atomic-sized.h"
#include "user/guest-mem.h"
#include "internals.h"
#include "tcg/helper-info.h"

#define P   TCG_CALL_PTR
#define I32 TCG_CALL_I32
#define I64 TCG_CALL_I64

/* Fault syndromes (ESR data abort, DFSC alignment / translation). */
#define LS_SYN_ALIGN   ((0x24u << 26) | 0x21)
#define LS_SYN_FAULT   ((0x24u << 26) | 0x07)
#define LS_SYN_WNR     (1u << 6)

static void ls_fault(CPUARMState *env, int excp, uint32_t syndrome,
                     uint32_t addr, uintptr_t ra)
{
    env->exception.vaddress = addr;
    env->exception.syndrome = syndrome;
    cpu_raise_exception(env_cpu(env), excp, ra);
}

/* The host address of a guest access the helper is about to make. */
static void *ls_access(CPUARMState *env, uint32_t addr, unsigned size,
                       int prot, uintptr_t ra)
{
    if (addr & (size - 1)) {
        ls_fault(env, EXCP_UNALIGNED,
                 LS_SYN_ALIGN | ((prot & PAGE_WRITE) ? LS_SYN_WNR : 0),
                 addr, ra);
    }
    if (!page_check_range(addr, size, prot)) {
        ls_fault(env, EXCP_DATA_ABORT,
                 LS_SYN_FAULT | ((prot & PAGE_WRITE) ? LS_SYN_WNR : 0),
                 addr, ra);
    }
    return g2h(addr);
}

/*
 * STREX{B,H,D}, STLEX*: 2^sz bytes of val at addr.  An unaligned address
 * faults whatever the monitor says (ExclusiveMonitorsPass checks the
 * alignment first).  The store happens (status 0) only if the monitor
 * holds addr and memory still holds the value the ldrex loaded; the
 * compare-and-swap makes that atomic against other threads (ABA is
 * accepted, as everywhere without a per-address monitor).  The monitor
 * is clear afterwards either way.
 */
static uint32_t helper_ls_strex(CPUARMState *env, uint32_t addr,
                                uint64_t val, uint32_t sz)
{
    uint64_t expected = env->exclusive_val;
    uintptr_t ra = GETPC();
    void *p;

    if (addr & ((1u << sz) - 1)) {
        ls_fault(env, EXCP_UNALIGNED, LS_SYN_ALIGN | LS_SYN_WNR, addr, ra);
    }
    if (env->exclusive_addr != addr) {
        env->exclusive_addr = -1;
        return 1;
    }
    env->exclusive_addr = -1;
    p = ls_access(env, addr, 1u << sz, PAGE_WRITE, ra);
    return !atomic_cmpxchg_sized(p, sz, &expected, val);
}
DEF_HELPER_INFO(ls_strex, 0, I32, 4, P, I32, I64, I32);

/* SWP/SWPB: exchange a word (aligned) or a byte; returns the old value. */
static uint32_t helper_ls_swp(CPUARMState *env, uint32_t addr, uint32_t val,
                              uint32_t sz)
{
    void *p = ls_access(env, addr, 1u << sz, PAGE_READ | PAGE_WRITE,
                        GETPC());

    if (sz == 0) {
        return __atomic_exchange_n((uint8_t *)p, (uint8_t)val,
                                   __ATOMIC_SEQ_CST);
    }
    return __atomic_exchange_n((uint32_t *)p, val, __ATOMIC_SEQ_CST);
}
DEF_HELPER_INFO(ls_swp, 0, I32, 4, P, I32, I32, I32);

/* CNTVCT at 62.5 MHz (CNTFRQ) from the host monotonic clock. */
static uint64_t helper_ls_cntvct(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 62500000u + (uint64_t)ts.tv_nsec / 16;
}
DEF_HELPER_INFO(ls_cntvct, TCG_CALL_NO_RWG, I64, 0, 0);
