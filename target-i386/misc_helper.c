/*
 * target-i386/misc_helper.c: run-time helpers of the translator core
 * that are not flags: raising exceptions and the LOCKed read-modify-
 * write operations (host atomics on the guest memory, after checking the
 * guest page flags so a bad address becomes a guest #PF).
 */
#include "user/guest-mem.h"
#include "cpu.h"
#include "tcg/helper-info.h"

#define P   TCG_CALL_PTR
#define I64 TCG_CALL_I64

/* eip and cc_op were stored by the translator. */
static void helper_misc_raise_exception(CPUX86State *env, uint64_t excp)
{
    env->exception_is_int = 0;
    cpu_raise_exception(env_cpu(env), excp, 0);
}
DEF_HELPER_INFO(misc_raise_exception, 0, TCG_CALL_VOID, 2, P, I64);

/* The operations, as translate.c numbers them (desc >> 3). */
enum { RMW_ADD, RMW_SUB, RMW_AND, RMW_OR, RMW_XOR, RMW_XCHG, RMW_NEG };

#define RMW_SIZED(T)                                                       \
static T rmw_##T(T *p, T v, int op)                                        \
{                                                                          \
    T old, neg;                                                            \
                                                                           \
    switch (op) {                                                          \
    case RMW_ADD: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);       \
    case RMW_SUB: return __atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST);       \
    case RMW_AND: return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);       \
    case RMW_OR:  return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);        \
    case RMW_XOR: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);       \
    case RMW_XCHG: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);     \
    default:                                                               \
        old = __atomic_load_n(p, __ATOMIC_RELAXED);                        \
        do {                                                               \
            neg = (T)-old;                                                 \
        } while (!__atomic_compare_exchange_n(p, &old, neg, false,         \
                                              __ATOMIC_SEQ_CST,            \
                                              __ATOMIC_RELAXED));          \
        return old;                                                        \
    }                                                                      \
}

RMW_SIZED(uint8_t)
RMW_SIZED(uint16_t)
RMW_SIZED(uint32_t)
RMW_SIZED(uint64_t)

/* Atomic op on the guest memory at addr; returns the old value. */
static uint64_t helper_misc_atomic_rmw(CPUX86State *env, uint64_t addr,
                                       uint64_t val, uint64_t desc)
{
    int size = desc & 7, op = desc >> 3;
    void *p;

    if (!page_check_range(addr, 1u << size, PAGE_READ | PAGE_WRITE)) {
        env->cr2 = addr;
        env->error_code = 4 | 2 | ((page_get_flags(addr) & PAGE_VALID) ? 1 : 0);
        cpu_raise_exception(env_cpu(env), EXCP0E_PAGE, GETPC());
    }
    p = g2h(addr);
    switch (size) {
    case 0:
        return rmw_uint8_t(p, val, op);
    case 1:
        return rmw_uint16_t(p, val, op);
    case 2:
        return rmw_uint32_t(p, val, op);
    default:
        return rmw_uint64_t(p, val, op);
    }
}
DEF_HELPER_INFO(misc_atomic_rmw, 0, I64, 4, P, I64, I64, I64);

/*
 * An access through a data segment that needs checking (HF_SEGCHK, set
 * outside 64-bit mode for null, expand-down or short segments): offset
 * is the first byte accessed.  #SS for the stack segment, else #GP(0).
 */
static void helper_misc_check_seg(CPUX86State *env, uint64_t seg,
                                  uint64_t offset)
{
    const SegmentCache *sc = &env->segs[seg];
    bool bad;

    if (!(sc->flags & DESC_P_MASK)) {
        bad = true;
    } else if (!(sc->flags & DESC_CS_MASK) &&
               (sc->flags & (4u << DESC_TYPE_SHIFT))) {
        /* expand-down: valid above the limit, up to 64K or 4G */
        bad = offset <= sc->limit ||
              offset > ((sc->flags & DESC_B_MASK) ? 0xffffffffu : 0xffffu);
    } else {
        bad = offset > sc->limit;
    }
    if (bad) {
        env->error_code = 0;
        cpu_raise_exception(env_cpu(env),
                            seg == R_SS ? EXCP0C_STACK : EXCP0D_GPF, GETPC());
    }
}
DEF_HELPER_INFO(misc_check_seg, TCG_CALL_NO_WG, TCG_CALL_VOID, 3, P, I64, I64);
