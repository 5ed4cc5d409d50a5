/*
 * tests/tcg/arm/test-tbb.c: the T32 table branches tbb and tbh, with
 * the table after the instruction (base PC) and elsewhere (base
 * register), forwards over more than 510 bytes with tbh; each case
 * lands on a distinct "mov r, #value", worked out by hand from the
 * table; and cbz/cbnz, near and far.  A32 has neither: the A32 build
 * reports a skip.
 */
#include "arm-test.h"

#ifdef __thumb__
static uint32_t tbb_pc(uint32_t i)
{
    uint32_t r;
    __asm__ volatile("tbb [pc, %[i]]\n"
                     "1:\n\t.byte (10f-1b)/2, (11f-1b)/2, (12f-1b)/2, (13f-1b)/2, (14f-1b)/2\n\t"
                     ".align 1\n"
                     "10:\tmov %[r], #100\n\tb 9f\n"
                     "11:\tmov %[r], #101\n\tb 9f\n"
                     "12:\tmov %[r], #102\n\tb 9f\n"
                     "13:\tmov %[r], #103\n\tb 9f\n"
                     "14:\tmov %[r], #104\n"
                     "9:" : [r] "=r"(r) : [i] "r"(i));
    return r;
}

static uint32_t tbh_pc(uint32_t i)
{
    uint32_t r;
    __asm__ volatile("tbh [pc, %[i], lsl #1]\n"
                     "1:\n\t.hword (10f-1b)/2, (11f-1b)/2, (12f-1b)/2\n\t"
                     ".align 1\n"
                     "10:\tmov %[r], #200\n\tb 9f\n"
                     "11:\tmov %[r], #201\n\tb 9f\n"
                     "\t.space 1000\n"
                     "12:\tmov %[r], #202\n"
                     "9:" : [r] "=r"(r) : [i] "r"(i));
    return r;
}

/* The table in another place, reached through a register. */
static uint32_t tbb_reg(uint32_t i)
{
    uint32_t r, t;
    __asm__ volatile("adr %[t], 2f\n\t"
                     "tbb [%[t], %[i]]\n"
                     "1:\n"
                     "10:\tmov %[r], #50\n\tb 9f\n"
                     "11:\tmov %[r], #51\n\tb 9f\n"
                     "12:\tmov %[r], #52\n\tb 9f\n"
                     "\t.align 2\n"
                     "2:\t.byte (12b-1b)/2, (10b-1b)/2, (11b-1b)/2, 0\n"
                     "9:" : [r] "=&r"(r), [t] "=&r"(t) : [i] "r"(i));
    return r;
}

/* cbz/cbnz: forward only, over 0 to 126 bytes. */
static uint32_t cbz_cbnz(uint32_t x)
{
    uint32_t r = 0;
    __asm__ volatile("cbz %[x], 1f\n\t"
                     "orr %[r], %[r], #1\n"
                     "1:\tcbnz %[x], 2f\n\t"
                     "orr %[r], %[r], #2\n"
                     "2:\tcbz %[x], 3f\n\t"
                     ".rept 60\n\tnop\n\t.endr\n\t"
                     "orr %[r], %[r], #4\n"
                     "3:" : [r] "+l"(r) : [x] "l"(x));
    return r;
}
#endif

int main(void)
{
#ifdef __thumb__
    uint32_t i;

    group("tbb [pc, i]");
    for (i = 0; i < 5; i++) {
        CHECK(tbb_pc(i), 100 + i, "tbb index %u", i);
    }
    group_end();
    group("tbh [pc, i, lsl #1]");
    for (i = 0; i < 3; i++) {
        CHECK(tbh_pc(i), 200 + i, "tbh index %u", i);
    }
    group_end();
    group("tbb [r, i]");
    /* The table maps 0 -> 52, 1 -> 50, 2 -> 51. */
    CHECK(tbb_reg(0), 52, "tbb index 0");
    CHECK(tbb_reg(1), 50, "tbb index 1");
    CHECK(tbb_reg(2), 51, "tbb index 2");
    group_end();
    group("cbz/cbnz");
    /* x = 0: cbz taken (skip 1), cbnz falls through (2), cbz taken over
     * 120 bytes of nops (skip 4): 2.  x != 0: 1 and 4: 5. */
    CHECK(cbz_cbnz(0), 2, "x = 0");
    CHECK(cbz_cbnz(7), 5, "x = 7");
    CHECK(cbz_cbnz(0x80000000), 5, "x = 0x80000000");
    group_end();
#else
    skip("tbb/tbh", "T32 only");
#endif
    return test_exit();
}
