/*
 * tests/tcg/aarch64/test-ldst.c: A64 loads and stores in every
 * addressing mode and size, pairs, literals, exclusives, LSE atomics,
 * acquire/release, DC ZVA and the EL0 system registers.
 */
#include "a64-test.h"

static uint8_t buf[256] __attribute__((aligned(64)));

static void fill(void)
{
    for (int i = 0; i < 256; i++) {
        buf[i] = i;
    }
}

static void test_single(void)
{
    uint64_t r, p;
    uint8_t *b = buf;

    fill();
    __asm__("ldrb %w0, [%1, #3]" : "=r"(r) : "r"(b)); CHECK(r, 3);
    __asm__("ldrsb %0, [%1, #255]" : "=r"(r) : "r"(b)); CHECK(r, -1ull);
    __asm__("ldrsb %w0, [%1, #255]" : "=r"(r) : "r"(b)); CHECK(r, 0xffffffffull);
    __asm__("ldrh %w0, [%1, #2]" : "=r"(r) : "r"(b)); CHECK(r, 0x0302);
    __asm__("ldrsh %0, [%1, #254]" : "=r"(r) : "r"(b)); CHECK(r, (uint64_t)(int16_t)0xfffe);
    __asm__("ldrsh %w0, [%1, #128]" : "=r"(r) : "r"(b)); CHECK(r, 0xffff8180ull);
    __asm__("ldr %w0, [%1, #4]" : "=r"(r) : "r"(b)); CHECK(r, 0x07060504);
    __asm__("ldrsw %0, [%1, #252]" : "=r"(r) : "r"(b)); CHECK(r, 0xfffffffffffefdfcull);
    __asm__("ldr %0, [%1, #8]" : "=r"(r) : "r"(b)); CHECK(r, 0x0f0e0d0c0b0a0908ull);
    __asm__("ldur %0, [%1, #1]" : "=r"(r) : "r"(b)); CHECK(r, 0x0807060504030201ull);
    __asm__("ldur %0, [%1, #-1]" : "=r"(r) : "r"(b + 8)); CHECK(r, 0x0e0d0c0b0a090807ull);
    __asm__("ldursw %0, [%1, #-4]" : "=r"(r) : "r"(b + 256)); CHECK(r, 0xfffffffffffefdfcull);
    /* pre/post index */
    p = (uint64_t)b;
    __asm__("ldr %0, [%1, #16]!" : "=r"(r), "+r"(p)); CHECK(r, 0x1716151413121110ull); CHECK(p, (uint64_t)b + 16);
    __asm__("ldrb %w0, [%1], #-3" : "=r"(r), "+r"(p)); CHECK(r, 0x10); CHECK(p, (uint64_t)b + 13);
    __asm__("ldrh %w0, [%1, #-1]!" : "=r"(r), "+r"(p)); CHECK(r, 0x0d0c); CHECK(p, (uint64_t)b + 12);
    /* register offsets */
    __asm__("ldr %0, [%1, %2]" : "=r"(r) : "r"(b), "r"(8ull)); CHECK(r, 0x0f0e0d0c0b0a0908ull);
    __asm__("ldr %0, [%1, %2, lsl #3]" : "=r"(r) : "r"(b), "r"(2ull)); CHECK(r, 0x1716151413121110ull);
    __asm__("ldr %w0, [%1, %w2, uxtw #2]" : "=r"(r) : "r"(b), "r"(0x100000001ull)); CHECK(r, 0x07060504);
    __asm__("ldrb %w0, [%1, %w2, sxtw]" : "=r"(r) : "r"(b + 16), "r"(0xffffffffull)); CHECK(r, 15);
    __asm__("ldrh %w0, [%1, %2, sxtx #1]" : "=r"(r) : "r"(b + 16), "r"(-1ull)); CHECK(r, 0x0f0e);
    __asm__("ldrsw %0, [%1, %2, lsl #2]" : "=r"(r) : "r"(b), "r"(63ull)); CHECK(r, 0xfffffffffffefdfcull);
    /* stores */
    __asm__ volatile("strb %w1, [%0, #1]\n strh %w1, [%0, #2]\n str %w1, [%0, #4]\n str %1, [%0, #8]"
                     : : "r"(b), "r"(0x1122334455667788ull) : "memory");
    CHECK(*(uint64_t *)b, 0x5566778877888800ull);
    CHECK(*(uint64_t *)(b + 8), 0x1122334455667788ull);
    p = (uint64_t)b + 32;
    __asm__ volatile("str %1, [%0], #8\n str %1, [%0, #8]!\n stur %w1, [%0, #-1]"
                     : "+r"(p) : "r"(0xaabbccddeeff0011ull) : "memory");
    CHECK(p, (uint64_t)b + 48);
    CHECK(*(uint64_t *)(b + 32), 0xaabbccddeeff0011ull);
    CHECK(*(uint64_t *)(b + 40), 0x112e2d2c2b2a2928ull);
    CHECK(*(uint64_t *)(b + 48), 0xaabbccddeeeeff00ull);
    __asm__ volatile("str %w1, [%0, %2, lsl #2]" : : "r"(b), "r"(0xdeadbeefull), "r"(20ull) : "memory");
    CHECK(*(uint32_t *)(b + 80), 0xdeadbeef);
    /* xzr stores zero, loads into xzr are discarded */
    __asm__ volatile("str xzr, [%0]\n ldr xzr, [%0, #8]" : : "r"(b) : "memory");
    CHECK(*(uint64_t *)b, 0);
    /* SP-based */
    __asm__ volatile("sub sp, sp, #32\n str %1, [sp, #8]\n ldr %0, [sp, #8]\n add sp, sp, #32"
                     : "=r"(r) : "r"(0x1234ull) : "memory");
    CHECK(r, 0x1234);
    __asm__ volatile("str %1, [sp, #-16]!\n ldr %0, [sp], #16" : "=r"(r) : "r"(0x4321ull) : "memory");
    CHECK(r, 0x4321);
    /* prefetch is a no-op */
    __asm__ volatile("prfm pldl1keep, [%0]\n prfm pstl2strm, [%0, #64]\n prfum pldl1keep, [%0, #1]" : : "r"(b));
}

static void test_pairs(void)
{
    uint64_t a, c, p;
    uint8_t *b = buf;

    fill();
    __asm__("ldp %0, %1, [%2, #8]" : "=r"(a), "=r"(c) : "r"(b)); CHECK(a, 0x0f0e0d0c0b0a0908ull); CHECK(c, 0x1716151413121110ull);
    __asm__("ldp %w0, %w1, [%2, #-8]" : "=r"(a), "=r"(c) : "r"(b + 8)); CHECK(a, 0x03020100); CHECK(c, 0x07060504);
    __asm__("ldpsw %0, %1, [%2]" : "=r"(a), "=r"(c) : "r"(b + 248)); CHECK(a, 0xfffffffffbfaf9f8ull); CHECK(c, 0xfffffffffffefdfcull);
    __asm__("ldnp %0, %1, [%2]" : "=r"(a), "=r"(c) : "r"(b)); CHECK(a, 0x0706050403020100ull); CHECK(c, 0x0f0e0d0c0b0a0908ull);
    p = (uint64_t)b;
    __asm__("ldp %0, %1, [%2, #16]!" : "=r"(a), "=r"(c), "+r"(p)); CHECK(a, 0x1716151413121110ull); CHECK(p, (uint64_t)b + 16);
    __asm__("ldp %w0, %w1, [%2], #-16" : "=r"(a), "=r"(c), "+r"(p)); CHECK(a, 0x13121110); CHECK(c, 0x17161514); CHECK(p, (uint64_t)b);
    __asm__ volatile("stp %1, %2, [%0, #64]" : : "r"(b), "r"(1ull), "r"(2ull) : "memory");
    CHECK(*(uint64_t *)(b + 64), 1); CHECK(*(uint64_t *)(b + 72), 2);
    __asm__ volatile("stp %w1, %w2, [%0, #4]!" : "+r"(p) : "r"(3ull), "r"(4ull) : "memory");
    CHECK(*(uint64_t *)(b + 4), 0x400000003ull); CHECK(p, (uint64_t)b + 4);
    __asm__ volatile("stnp %1, %2, [%0, #128]" : : "r"(b), "r"(5ull), "r"(6ull) : "memory");
    CHECK(*(uint64_t *)(b + 136), 6);
    /* the usual prologue/epilogue */
    __asm__ volatile("stp x29, x30, [sp, #-32]!\n mov x29, sp\n stp %2, %3, [sp, #16]\n"
                     "ldp %0, %1, [sp, #16]\n ldp x29, x30, [sp], #32"
                     : "=r"(a), "=r"(c) : "r"(7ull), "r"(8ull) : "memory");
    CHECK(a, 7); CHECK(c, 8);
}

static void test_literal(void)
{
    uint64_t r;
    __asm__("ldr %0, 1f\n b 2f\n .align 3\n1: .quad 0x1122334455667788\n2:" : "=r"(r)); CHECK(r, 0x1122334455667788ull);
    __asm__("ldr %w0, 1f\n b 2f\n .align 3\n1: .quad 0x1122334455667788\n2:" : "=r"(r)); CHECK(r, 0x55667788);
    __asm__("ldrsw %0, 1f\n b 2f\n .align 3\n1: .quad 0x11223344f5667788\n2:" : "=r"(r)); CHECK(r, 0xfffffffff5667788ull);
    __asm__("prfm pldl1keep, 1f\n1: ldr %0, =0xcafebabe12345678" : "=r"(r)); CHECK(r, 0xcafebabe12345678ull);
}

static void test_exclusive(void)
{
    uint64_t v, s, w = 5, q[2] __attribute__((aligned(16))) = { 1, 2 };
    uint32_t h = 7;

    __asm__ volatile("ldxr %0, [%2]\n add %0, %0, #1\n stxr %w1, %0, [%2]"
                     : "=&r"(v), "=&r"(s) : "r"(&w) : "memory");
    CHECK(s, 0); CHECK(w, 6);
    __asm__ volatile("ldaxr %w0, [%2]\n add %w0, %w0, #1\n stlxr %w1, %w0, [%2]"
                     : "=&r"(v), "=&r"(s) : "r"(&h) : "memory");
    CHECK(s, 0); CHECK(h, 8);
    /* store without a matching load fails */
    __asm__ volatile("clrex\n stxr %w0, %2, [%1]" : "=&r"(s) : "r"(&w), "r"(99ull) : "memory");
    CHECK(s, 1); CHECK(w, 6);
    /* value changed between ldxr and stxr: fails */
    __asm__ volatile("ldxr %0, [%2]\n str %3, [%2]\n stxr %w1, %0, [%2]"
                     : "=&r"(v), "=&r"(s) : "r"(&w), "r"(77ull) : "memory");
    CHECK(s, 1); CHECK(w, 77);
    /* the retry loop shape glibc uses */
    __asm__ volatile("1: ldaxr %0, [%2]\n add %0, %0, #3\n stlxr %w1, %0, [%2]\n cbnz %w1, 1b"
                     : "=&r"(v), "=&r"(s) : "r"(&w) : "memory");
    CHECK(w, 80);
    uint64_t lo, hi;
    __asm__ volatile("ldxp %0, %1, [%3]\n add %0, %0, #10\n add %1, %1, #20\n stxp %w2, %0, %1, [%3]"
                     : "=&r"(lo), "=&r"(hi), "=&r"(s) : "r"(q) : "memory");
    CHECK(s, 0); CHECK(q[0], 11); CHECK(q[1], 22);
    __asm__ volatile("ldaxp %w0, %w1, [%3]\n stlxp %w2, %w1, %w0, [%3]"
                     : "=&r"(lo), "=&r"(hi), "=&r"(s) : "r"(q) : "memory");
    CHECK(s, 0); CHECK(lo, 11); CHECK(hi, 0); CHECK(q[0], 11ull << 32);
    /* acquire/release */
    __asm__ volatile("stlr %1, [%2]\n ldar %0, [%2]" : "=r"(v) : "r"(123ull), "r"(&w) : "memory");
    CHECK(v, 123);
    __asm__ volatile("stlrb %w1, [%2]\n ldarb %w0, [%2]" : "=r"(v) : "r"(0x1ffull), "r"(&w) : "memory");
    CHECK(v, 0xff); CHECK(w, 0xff);
    __asm__ volatile(".arch armv8.3-a\n ldapr %0, [%1]" : "=r"(v) : "r"(&w) : "memory");
    CHECK(v, 0xff);
    __asm__ volatile("dmb ish\n dsb sy\n isb\n dmb ishld");
}

static void test_lse(void)
{
    uint64_t m = 10, old;
    uint32_t m32 = 0xf0;
    uint8_t m8 = 0x80;
    __asm__ volatile(".arch armv8.1-a\n ldadd %1, %0, [%2]" : "=r"(old) : "r"(5ull), "r"(&m) : "memory");
    CHECK(old, 10); CHECK(m, 15);
    __asm__ volatile(".arch armv8.1-a\n ldaddal %1, %0, [%2]" : "=r"(old) : "r"(-20ull), "r"(&m) : "memory");
    CHECK(old, 15); CHECK(m, -5ull);
    __asm__ volatile(".arch armv8.1-a\n ldclr %w1, %w0, [%2]" : "=r"(old) : "r"(0x30ull), "r"(&m32) : "memory");
    CHECK(old, 0xf0); CHECK(m32, 0xc0);
    __asm__ volatile(".arch armv8.1-a\n ldeor %w1, %w0, [%2]" : "=r"(old) : "r"(0xffull), "r"(&m32) : "memory");
    CHECK(old, 0xc0); CHECK(m32, 0x3f);
    __asm__ volatile(".arch armv8.1-a\n ldset %w1, %w0, [%2]" : "=r"(old) : "r"(0x100ull), "r"(&m32) : "memory");
    CHECK(old, 0x3f); CHECK(m32, 0x13f);
    __asm__ volatile(".arch armv8.1-a\n ldsmaxb %w1, %w0, [%2]" : "=r"(old) : "r"(0x7full), "r"(&m8) : "memory");
    CHECK(old, 0x80); CHECK(m8, 0x7f);
    __asm__ volatile(".arch armv8.1-a\n ldsminb %w1, %w0, [%2]" : "=r"(old) : "r"(0xfeull), "r"(&m8) : "memory");
    CHECK(old, 0x7f); CHECK(m8, 0xfe);
    __asm__ volatile(".arch armv8.1-a\n ldumaxb %w1, %w0, [%2]" : "=r"(old) : "r"(0x7full), "r"(&m8) : "memory");
    CHECK(old, 0xfe); CHECK(m8, 0xfe);
    __asm__ volatile(".arch armv8.1-a\n lduminb %w1, %w0, [%2]" : "=r"(old) : "r"(0x7full), "r"(&m8) : "memory");
    CHECK(old, 0xfe); CHECK(m8, 0x7f);
    m = 3;
    __asm__ volatile(".arch armv8.1-a\n ldsmax %1, %0, [%2]" : "=r"(old) : "r"(-1ull), "r"(&m) : "memory");
    CHECK(old, 3); CHECK(m, 3);
    __asm__ volatile(".arch armv8.1-a\n ldumax %1, %0, [%2]" : "=r"(old) : "r"(-1ull), "r"(&m) : "memory");
    CHECK(old, 3); CHECK(m, -1ull);
    __asm__ volatile(".arch armv8.1-a\n swp %1, %0, [%2]" : "=r"(old) : "r"(42ull), "r"(&m) : "memory");
    CHECK(old, -1ull); CHECK(m, 42);
    __asm__ volatile(".arch armv8.1-a\n stadd %0, [%1]" : : "r"(1ull), "r"(&m) : "memory");
    CHECK(m, 43);
    uint64_t cmp = 43;
    __asm__ volatile(".arch armv8.1-a\n casal %0, %1, [%2]" : "+r"(cmp) : "r"(50ull), "r"(&m) : "memory");
    CHECK(cmp, 43); CHECK(m, 50);
    cmp = 1;
    __asm__ volatile(".arch armv8.1-a\n cas %0, %1, [%2]" : "+r"(cmp) : "r"(60ull), "r"(&m) : "memory");
    CHECK(cmp, 50); CHECK(m, 50);
    uint64_t c32 = 0x1000000f0ull;
    m32 = 0xf0;
    __asm__ volatile(".arch armv8.1-a\n casb %w0, %w1, [%2]" : "+r"(c32) : "r"(0x1ull), "r"(&m32) : "memory");
    CHECK(c32, 0xf0); CHECK(m32, 0x1);
    uint64_t pr[2] __attribute__((aligned(16))) = { 1, 2 };
    uint64_t o0, o1;
    __asm__ volatile(".arch armv8.1-a\n mov x0, #1\n mov x1, #2\n mov x2, #3\n mov x3, #4\n"
                     " caspal x0, x1, x2, x3, [%2]\n mov %0, x0\n mov %1, x1"
                     : "=r"(o0), "=r"(o1) : "r"(pr) : "x0", "x1", "x2", "x3", "memory");
    CHECK(o0, 1); CHECK(o1, 2); CHECK(pr[0], 3); CHECK(pr[1], 4);
    __asm__ volatile(".arch armv8.1-a\n mov x0, #9\n mov x1, #2\n mov x2, #5\n mov x3, #6\n"
                     " casp x0, x1, x2, x3, [%2]\n mov %0, x0\n mov %1, x1"
                     : "=r"(o0), "=r"(o1) : "r"(pr) : "x0", "x1", "x2", "x3", "memory");
    CHECK(o0, 3); CHECK(o1, 4); CHECK(pr[0], 3);
    __asm__ volatile(".arch armv8.1-a\n mov w4, #3\n mov w5, #4\n mov w6, #7\n mov w7, #8\n"
                     " casp w4, w5, w6, w7, [%2]\n mov %0, x4\n mov %1, x5"
                     : "=r"(o0), "=r"(o1) : "r"(pr) : "x4", "x5", "x6", "x7", "memory");
    CHECK(o0, 3); CHECK(o1, 0); CHECK(pr[0], 3);
}

static void test_sys(void)
{
    uint64_t r, old;
    __asm__("mrs %0, tpidr_el0" : "=r"(old));
    __asm__ volatile("msr tpidr_el0, %1\n mrs %0, tpidr_el0" : "=r"(r) : "r"(0x1234ull));
    CHECK(r, 0x1234);
    __asm__ volatile("msr tpidr_el0, %0" : : "r"(old));
    __asm__("mrs %0, dczid_el0" : "=r"(r)); CHECK(r, 4);
    __asm__("mrs %0, ctr_el0" : "=r"(r)); CHECK(r >> 31, 1);
    __asm__("mrs %0, cntfrq_el0" : "=r"(r)); CHECK(r != 0, 1);
    uint64_t t1, t2;
    __asm__ volatile("mrs %0, cntvct_el0" : "=r"(t1));
    __asm__ volatile("mrs %0, cntvct_el0" : "=r"(t2));
    CHECK(t2 >= t1, 1);
    __asm__("mrs %0, midr_el1" : "=r"(r)); CHECK(r != 0, 1);
    __asm__("mrs %0, id_aa64isar0_el1" : "=r"(r)); CHECK((r >> 16) & 15, 1);
    __asm__("mrs %0, fpcr" : "=r"(r)); CHECK(r, 0);
    __asm__ volatile("msr fpcr, %1\n mrs %0, fpcr\n msr fpcr, xzr" : "=r"(r) : "r"(0x3000000ull));
    CHECK(r, 0x3000000);
    __asm__ volatile("msr fpsr, %1\n mrs %0, fpsr\n msr fpsr, xzr" : "=r"(r) : "r"(0x9full));
    CHECK(r, 0x9f);
    /* dc zva zeroes 64 bytes around the address */
    fill();
    __asm__ volatile("dc zva, %0" : : "r"(buf + 64 + 13) : "memory");
    CHECK(buf[63], 63); CHECK(buf[64], 0); CHECK(buf[127], 0); CHECK(buf[128], 128);
    __asm__ volatile("dc cvau, %0\n ic ivau, %0\n dc civac, %0" : : "r"(buf));
    __asm__ volatile("nop\n yield\n hint #34\n hint #25\n hint #29");
}

static void test_main(void)
{
    test_single();
    test_pairs();
    test_literal();
    test_exclusive();
    test_lse();
    test_sys();
}
