/*
 * target-arm/helper-a64.c: run-time helpers of the A64 translator
 * (integer and system side): exceptions, CRC32, DC ZVA, the counter,
 * exclusives and LSE atomics.  Each helper is paired with the
 * TCGHelperInfo that translate-a64.c passes to tcg_gen_call().
 *
 * Guest memory accessed from a helper is checked against the page
 * flags first: a bad access raises EXCP_DATA_ABORT (SIGSEGV for
 * linux-user) at the guest instruction, restored from the host return
 * address, instead of faulting inside the helper.  Atomicity comes
 * from host atomics on g2h(addr), so other guest threads (host threads)
 * see the same single-copy atomic behaviour as on hardware.
 *
 * System mode (CONFIG_SOFTMMU): the same helpers reach guest memory
 * through the soft TLB in the current MMU index (probe_access), so a
 * bad address raises the data abort the page tables say, and the host
 * atomics work on the host copy of guest RAM.
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "qemu/atomic-sized.h"
#ifdef CONFIG_SOFTMMU
#include "qemu/log.h"
#include "exec/cputlb.h"
#include "cpu-sys.h"
#else
#include "user/guest-mem.h"
#endif
#include "internals.h"
#include "tcg/helper-info.h"

#define P   TCG_CALL_PTR
#define I64 TCG_CALL_I64

/* ----------------------------------------------------------- exceptions */

static void helper_raise(CPUARMState *env, uint64_t excp, uint64_t syndrome)
{
    env->exception.syndrome = syndrome;
    cpu_raise_exception(env_cpu(env), excp, 0);
}
DEF_HELPER_INFO(raise, 0, TCG_CALL_VOID, 3, P, I64, I64);

#ifdef CONFIG_SOFTMMU
/*
 * System mode: the host address of an aligned access of a helper
 * (exclusives, atomics, DC ZVA) in the current MMU index, through the
 * soft TLB; a translation fault raises the data abort at the guest
 * instruction (tlb_fill), a misaligned address the alignment fault
 * (DFSC 0x21).  Atomics need RAM: anything else (MMIO) is reported as
 * an external abort (DFSC 0x10), as a bus without atomics would.
 */
static void *check_access(CPUARMState *env, uint64_t addr, unsigned size,
                          int prot, uintptr_t ra)
{
    bool store = prot & PAGE_WRITE;
    unsigned ec = env->excp.el ? ARM_EC_DABT_SAME : ARM_EC_DABT_LOWER;
    int idx = arm_mmu_idx(env);
    void *p;

    if (addr & (size - 1)) {
        env->exception.vaddress = addr;
        env->exception.syndrome = arm_esr(ec, (store ? ARM_ISS_WNR : 0)
                                               | 0x21);
        cpu_raise_exception(env_cpu(env), EXCP_UNALIGNED, ra);
    }
    if ((prot & PAGE_READ) && store) {
        /* A read-modify-write: fault as the store, also readable. */
        probe_access(env, addr, size, MMU_DATA_LOAD, idx, ra);
    }
    p = probe_access(env, addr, size, store ? MMU_DATA_STORE : MMU_DATA_LOAD,
                     idx, ra);
    if (!p) {
        qemu_log_mask(LOG_GUEST_ERROR, "atomic access to non-RAM address "
                      "0x%016llx\n", (unsigned long long)addr);
        env->exception.vaddress = addr;
        env->exception.syndrome = arm_esr(ec, (store ? ARM_ISS_WNR : 0)
                                               | 0x10);
        cpu_raise_exception(env_cpu(env), EXCP_DATA_ABORT, ra);
    }
    return p;
}
#else
/* Check a helper's guest access; raise at the guest insn if it is bad. */
static void *check_access(CPUARMState *env, uint64_t addr, unsigned size,
                          int prot, uintptr_t ra)
{
    if (addr & (size - 1)) {
        env->exception.vaddress = addr;
        env->exception.syndrome = (0x24u << 26) | 0x21;  /* alignment */
        cpu_raise_exception(env_cpu(env), EXCP_UNALIGNED, ra);
    }
    if (!page_check_range(addr, size, prot)) {
        env->exception.vaddress = addr;
        env->exception.syndrome = (0x24u << 26) |
                                  ((prot & PAGE_WRITE) ? 1u << 6 : 0) | 0x07;
        cpu_raise_exception(env_cpu(env), EXCP_DATA_ABORT, ra);
    }
    return g2h(addr);
}
#endif

/* ------------------------------------------------------------ CRC32 */

static uint64_t crc32_bytes(uint32_t crc, uint64_t val, unsigned bytes,
                            uint32_t poly)
{
    unsigned i, b;

    for (i = 0; i < bytes; i++) {
        crc ^= (uint8_t)(val >> (i * 8));
        for (b = 0; b < 8; b++) {
            crc = (crc >> 1) ^ ((crc & 1) ? poly : 0);
        }
    }
    return crc;
}

static uint64_t helper_crc32(uint64_t acc, uint64_t val, uint64_t bytes)
{
    return crc32_bytes(acc, val, bytes, 0xedb88320u);
}
DEF_HELPER_INFO(crc32, TCG_CALL_NO_RWG_SE, I64, 3, I64, I64, I64);

static uint64_t helper_crc32c(uint64_t acc, uint64_t val, uint64_t bytes)
{
    return crc32_bytes(acc, val, bytes, 0x82f63b78u);
}
DEF_HELPER_INFO(crc32c, TCG_CALL_NO_RWG_SE, I64, 3, I64, I64, I64);

/* ------------------------------------------------------- system side */

static void helper_dc_zva(CPUARMState *env, uint64_t addr)
{
    ARMCPU *cpu = env_archcpu(env);
#ifdef CONFIG_SOFTMMU
    uint64_t dczid = cpu->ids.dczid ? cpu->ids.dczid : cpu->dczid;
    unsigned block = 4u << (dczid & 15);
    uint64_t base = addr & ~(uint64_t)(block - 1);
    int idx = arm_mmu_idx(env);
    void *p;
    unsigned i;

    /* One block never crosses a page (at most 2 KiB). */
    p = probe_access(env, base, block, MMU_DATA_STORE, idx, GETPC());
    if (p) {
        memset(p, 0, block);
        return;
    }
    for (i = 0; i < block; i += 8) {
        cpu_stq_mmu(env, base + i, 0, make_memop_idx(MO_64 | MO_LE, idx),
                    GETPC());
    }
#else
    unsigned block = 4u << (cpu->dczid & 15);
    uint64_t base = addr & ~(uint64_t)(block - 1);

    if (!page_check_range(base, block, PAGE_WRITE)) {
        env->exception.vaddress = addr;
        env->exception.syndrome = (0x24u << 26) | (1u << 6) | 0x07;
        cpu_raise_exception(env_cpu(env), EXCP_DATA_ABORT, GETPC());
    }
    memset(g2h(base), 0, block);
#endif
}
DEF_HELPER_INFO(dc_zva, TCG_CALL_NO_WG, TCG_CALL_VOID, 2, P, I64);

/* The generic timer at 1 GHz / 16 = 62.5 MHz, from the host clock. */
#define CNTFRQ_HZ 62500000ull

static uint64_t helper_cntvct(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * CNTFRQ_HZ + (uint64_t)ts.tv_nsec / 16;
}
DEF_HELPER_INFO(cntvct, TCG_CALL_NO_RWG, I64, 0, 0);

static void helper_set_fpcr(CPUARMState *env, uint64_t val)
{
    vfp_set_fpcr(env, val);
}
DEF_HELPER_INFO(set_fpcr, TCG_CALL_NO_RWG, TCG_CALL_VOID, 2, P, I64);

static uint64_t helper_get_fpsr(CPUARMState *env)
{
    return vfp_get_fpsr(env);
}
DEF_HELPER_INFO(get_fpsr, TCG_CALL_NO_RWG, I64, 1, P);

static void helper_set_fpsr(CPUARMState *env, uint64_t val)
{
    vfp_set_fpsr(env, val);
}
DEF_HELPER_INFO(set_fpsr, TCG_CALL_NO_RWG, TCG_CALL_VOID, 2, P, I64);

/* ------------------------------------------------- exclusives, atomics */

/*
 * STXR: succeed (0) only if the monitor holds addr and memory still has
 * the value LDXR saw; the compare-and-swap makes the pair atomic with
 * respect to other threads (ABA is accepted, as in every user-mode
 * emulator without a per-address monitor).
 */
static uint64_t helper_exclusive_store(CPUARMState *env, uint64_t addr,
                                       uint64_t val, uint64_t size_log)
{
    uint64_t expected = env->exclusive_val;
    void *p;
    bool ok;

    if (env->exclusive_addr != addr) {
        env->exclusive_addr = -1;
        return 1;
    }
    env->exclusive_addr = -1;
    p = check_access(env, addr, 1u << size_log, PAGE_WRITE, GETPC());
    ok = atomic_cmpxchg_sized(p, size_log, &expected, val);
    return !ok;
}
DEF_HELPER_INFO(exclusive_store, 0, I64, 4, P, I64, I64, I64);

static uint64_t helper_exclusive_store_pair(CPUARMState *env, uint64_t addr,
                                            uint64_t lo, uint64_t hi)
{
    uint64_t elo = env->exclusive_val, ehi = env->exclusive_high;
    void *p;

    if (env->exclusive_addr != addr) {
        env->exclusive_addr = -1;
        return 1;
    }
    env->exclusive_addr = -1;
    p = check_access(env, addr, 16, PAGE_WRITE, GETPC());
    return !atomic_cmpxchg16(p, &elo, &ehi, lo, hi);
}
DEF_HELPER_INFO(exclusive_store_pair, 0, I64, 4, P, I64, I64, I64);

static int64_t sext(uint64_t v, unsigned size_log)
{
    unsigned sh = 64 - (8u << size_log);

    return (int64_t)(v << sh) >> sh;
}

/* LDADD..LDUMIN, SWP: returns the old value, zero-extended. */
static uint64_t helper_atomic_op(CPUARMState *env, uint64_t addr,
                                 uint64_t val, uint64_t desc)
{
    unsigned kind = desc & 0xff, size_log = (desc >> 8) & 3;
    uint64_t mask = size_log == 3 ? ~0ull : (1ull << (8u << size_log)) - 1;
    void *p = check_access(env, addr, 1u << size_log, PAGE_WRITE | PAGE_READ,
                           GETPC());
    uint64_t old, new;

    val &= mask;
    old = 0;
    switch (size_log) {
    case 0: old = __atomic_load_n((uint8_t *)p, __ATOMIC_RELAXED); break;
    case 1: old = __atomic_load_n((uint16_t *)p, __ATOMIC_RELAXED); break;
    case 2: old = __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED); break;
    default: old = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED); break;
    }
    do {
        switch (kind) {
        case ATOMIC_ADD: new = old + val; break;
        case ATOMIC_CLR: new = old & ~val; break;
        case ATOMIC_EOR: new = old ^ val; break;
        case ATOMIC_SET: new = old | val; break;
        case ATOMIC_SMAX:
            new = sext(old, size_log) > sext(val, size_log) ? old : val;
            break;
        case ATOMIC_SMIN:
            new = sext(old, size_log) < sext(val, size_log) ? old : val;
            break;
        case ATOMIC_UMAX: new = old > val ? old : val; break;
        case ATOMIC_UMIN: new = old < val ? old : val; break;
        default: new = val; break;
        }
        new &= mask;
    } while (!atomic_cmpxchg_sized(p, size_log, &old, new));
    return old & mask;
}
DEF_HELPER_INFO(atomic_op, 0, I64, 4, P, I64, I64, I64);

static uint64_t helper_cas(CPUARMState *env, uint64_t addr, uint64_t cmp,
                           uint64_t new, uint64_t size_log)
{
    uint64_t mask = size_log == 3 ? ~0ull : (1ull << (8u << size_log)) - 1;
    void *p = check_access(env, addr, 1u << size_log, PAGE_WRITE | PAGE_READ,
                           GETPC());
    uint64_t expected = cmp & mask;

    atomic_cmpxchg_sized(p, size_log, &expected, new & mask);
    return expected & mask;
}
DEF_HELPER_INFO(cas, 0, I64, 5, P, I64, I64, I64, I64);

/* CASP: desc = size_log of one element | rs << 8 | rt << 16. */
static void helper_casp(CPUARMState *env, uint64_t addr, uint64_t desc)
{
    unsigned size_log = desc & 0xff, rs = (desc >> 8) & 31, rt = desc >> 16;
    uint64_t *x = env->xregs;
    uint64_t s0 = x[rs], s1 = rs + 1 == 31 ? 0 : x[rs + 1];
    uint64_t t0 = rt == 31 ? 0 : x[rt], t1 = rt + 1 >= 31 ? 0 : x[rt + 1];
    void *p = check_access(env, addr, 2u << size_log, PAGE_WRITE | PAGE_READ,
                           GETPC());

    if (rs == 31) {
        s0 = 0;
    }
    if (size_log == 2) {
        uint64_t e = (uint32_t)s0 | (s1 << 32);
        atomic_cmpxchg_sized(p, 3, &e, (uint32_t)t0 | (t1 << 32));
        if (rs != 31) {
            x[rs] = (uint32_t)e;
            if (rs + 1 != 31) {
                x[rs + 1] = e >> 32;
            }
        }
    } else {
        atomic_cmpxchg16(p, &s0, &s1, t0, t1);
        if (rs != 31) {
            x[rs] = s0;
            if (rs + 1 != 31) {
                x[rs + 1] = s1;
            }
        }
    }
}
DEF_HELPER_INFO(casp, 0, TCG_CALL_VOID, 3, P, I64, I64);
