/*
 * tests/tcg/arm/test-excl.c: exclusive loads and stores.  Single-thread
 * semantics by hand (strex succeeds after ldrex to the same address and
 * returns 0, fails with 1 after clrex or without a reservation and then
 * leaves memory alone; byte/halfword/doubleword forms), then four
 * threads increment shared counters with ldrex/strex, ldrexd/strexd and
 * ldrexh/strexh retry loops: the totals must be exact (4 * ITERS).
 */
#include "arm-test.h"
#include <pthread.h>

#define THREADS 4
#define ITERS 500000

static volatile uint32_t counter32 __attribute__((aligned(8)));
static volatile uint64_t counter64 __attribute__((aligned(8)));
static volatile uint16_t counter16 __attribute__((aligned(8)));

static void *worker(void *arg)
{
    int i;
    uint32_t tmp, fail;
    uint64_t t64;

    for (i = 0; i < ITERS; i++) {
        __asm__ volatile("1: ldrex %[t], [%[p]]\n\t"
                         "add %[t], %[t], #1\n\t"
                         "strex %[f], %[t], [%[p]]\n\t"
                         "cmp %[f], #0\n\t"
                         "bne 1b"
                         : [t] "=&r"(tmp), [f] "=&r"(fail)
                         : [p] "r"(&counter32) : "cc", "memory");
        __asm__ volatile("1: ldrexd %Q[t], %R[t], [%[p]]\n\t"
                         "adds %Q[t], %Q[t], #3\n\t"
                         "adc %R[t], %R[t], #0\n\t"
                         "strexd %[f], %Q[t], %R[t], [%[p]]\n\t"
                         "cmp %[f], #0\n\t"
                         "bne 1b"
                         : [t] "=&r"(t64), [f] "=&r"(fail)
                         : [p] "r"(&counter64) : "cc", "memory");
        __asm__ volatile("1: ldrexh %[t], [%[p]]\n\t"
                         "add %[t], %[t], #1\n\t"
                         "strexh %[f], %[t], [%[p]]\n\t"
                         "cmp %[f], #0\n\t"
                         "bne 1b"
                         : [t] "=&r"(tmp), [f] "=&r"(fail)
                         : [p] "r"(&counter16) : "cc", "memory");
    }
    return arg;
}

static void test_threads(void)
{
    pthread_t th[THREADS];
    int i, created = 0;

    group("ldrex/strex, 4 threads");
    for (i = 0; i < THREADS; i++) {
        created += pthread_create(&th[i], NULL, worker, NULL) == 0;
    }
    CHECK(created, THREADS, "threads created");
    for (i = 0; i < created; i++) {
        pthread_join(th[i], NULL);
    }
    /* 4 * 500000 = 2000000; 3 * 2000000 = 6000000; 2000000 mod 65536 =
     * 2000000 - 30 * 65536 = 33920. */
    CHECK(counter32, 2000000, "ldrex/strex word counter");
    CHECK(counter64, 6000000, "ldrexd/strexd doubleword counter");
    CHECK(counter16, 33920, "ldrexh/strexh halfword counter (mod 2^16)");
    group_end();
}

static void test_single(void)
{
    static uint32_t w __attribute__((aligned(8)));
    static uint8_t b[4];
    static uint64_t d __attribute__((aligned(8)));
    uint32_t v, f;
    uint64_t v64;

    group("ldrex/strex single thread");
    w = 0x1234;
    __asm__ volatile("ldrex %[v], [%[p]]\n\tstrex %[f], %[n], [%[p]]"
                     : [v] "=&r"(v), [f] "=&r"(f)
                     : [p] "r"(&w), [n] "r"(0x5678) : "memory");
    CHECK(v, 0x1234, "ldrex value");
    CHECK(f, 0, "strex after ldrex succeeds");
    CHECK(w, 0x5678, "strex stored");
    __asm__ volatile("ldrex %[v], [%[p]]\n\tclrex\n\tstrex %[f], %[n], [%[p]]"
                     : [v] "=&r"(v), [f] "=&r"(f)
                     : [p] "r"(&w), [n] "r"(0x9abc) : "memory");
    CHECK(f, 1, "strex after clrex fails");
    CHECK(w, 0x5678, "failed strex stores nothing");
    /* A second strex without a new ldrex fails too. */
    __asm__ volatile("ldrex %[v], [%[p]]\n\tstrex %[f], %[n], [%[p]]\n\t"
                     "strex %[f], %[m], [%[p]]"
                     : [v] "=&r"(v), [f] "=&r"(f)
                     : [p] "r"(&w), [n] "r"(1), [m] "r"(2) : "memory");
    CHECK(f, 1, "second strex fails");
    CHECK(w, 1, "only the first strex stored");

    b[0] = 0x11; b[1] = 0x22; b[2] = 0x33; b[3] = 0x44;
    __asm__ volatile("ldrexb %[v], [%[p]]\n\tstrexb %[f], %[n], [%[p]]"
                     : [v] "=&r"(v), [f] "=&r"(f)
                     : [p] "r"(&b[1]), [n] "r"(0x1ff) : "memory");
    CHECK(v, 0x22, "ldrexb value");
    CHECK(f, 0, "strexb succeeds");
    CHECK(b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24, 0x4433ff11,
          "strexb stores one byte");

    d = 0x1111111122222222ull;
    __asm__ volatile("ldrexd %Q[v], %R[v], [%[p]]\n\t"
                     "strexd %[f], %Q[n], %R[n], [%[p]]"
                     : [v] "=&r"(v64), [f] "=&r"(f)
                     : [p] "r"(&d), [n] "r"(0xaaaaaaaabbbbbbbbull) : "memory");
    CHECK(v64, 0x1111111122222222ull, "ldrexd value");
    CHECK(f, 0, "strexd succeeds");
    CHECK(d, 0xaaaaaaaabbbbbbbbull, "strexd stored");
    group_end();
}

int main(void)
{
    test_single();
    test_threads();
    return test_exit();
}
