/*
 * qemu/atomic-sized.h: compare-and-swap on 1, 2, 4 or 8 bytes of host
 * memory chosen at run time, for the helpers that give guest atomics
 * (LOCK-prefixed x86 instructions, AArch64 exclusives and LSE) real host
 * atomicity; and a 16-byte one (cmpxchg16b, CASP, 128-bit exclusives).
 */
#ifndef QEMU_ATOMIC_SIZED_H
#define QEMU_ATOMIC_SIZED_H

#include <stdbool.h>
#include <stdint.h>

/*
 * If the 2^size_log bytes at p hold *expected, store desired; otherwise
 * put what they hold in *expected.  True on success.
 */
static inline bool atomic_cmpxchg_sized(void *p, unsigned size_log,
                                        uint64_t *expected, uint64_t desired)
{
    switch (size_log) {
    case 0: {
        uint8_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint8_t *)p, &e, desired, false,
                                              __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    case 1: {
        uint16_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint16_t *)p, &e, desired,
                                              false, __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    case 2: {
        uint32_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint32_t *)p, &e, desired,
                                              false, __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    default:
        return __atomic_compare_exchange_n((uint64_t *)p, expected, desired,
                                           false, __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST);
    }
}

/*
 * The same for 16 bytes (16-byte aligned): lo and hi hold the expected
 * value and receive the old one on failure.
 */
static inline bool atomic_cmpxchg16(void *p, uint64_t *lo, uint64_t *hi,
                                    uint64_t nlo, uint64_t nhi)
{
#if defined(__x86_64__)
    /* without -mcx16 the compiler would call libatomic's locked version */
    bool ok;
    __asm__ volatile("lock cmpxchg16b %1"
                     : "=@ccz"(ok), "+m"(*(volatile __int128 *)p),
                       "+a"(*lo), "+d"(*hi)
                     : "b"(nlo), "c"(nhi)
                     : "memory");
    return ok;
#else
    __int128 e = ((unsigned __int128)*hi << 64) | *lo;
    __int128 n = ((unsigned __int128)nhi << 64) | nlo;
    bool ok = __atomic_compare_exchange_n((__int128 *)p, &e, n, false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    *lo = (uint64_t)e;
    *hi = (uint64_t)((unsigned __int128)e >> 64);
    return ok;
#endif
}

#endif
