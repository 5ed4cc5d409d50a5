/*
 * qemu/atomic-sized.h: compare-and-swap on 1, 2, 4 or 8 bytes of host
 * memory chosen at run time, for the helpers that give guest atomics
 * (LOCK-prefixed x86 instructions, AArch64 exclusives and LSE) real host
 * atomicity.
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

#endif
