/*
 * tests/tcg/aarch64/test-int.c: A64 integer data processing: add/sub
 * in every form with flags and all 16 conditions, logical immediates,
 * bitfields, shifts, multiply/divide edge cases, bit operations,
 * conditional select and compare.
 */
#include "a64-test.h"

#define OP2(insn, a, b) ({ uint64_t r_; \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), \
                     "r"((uint64_t)(b))); r_; })
#define OP2W(insn, a, b) ({ uint64_t r_; \
    __asm__ volatile(insn " %w0, %w1, %w2" : "=r"(r_) : "r"((uint64_t)(a)), \
                     "r"((uint64_t)(b))); r_; })
#define OP1(insn, a) ({ uint64_t r_; \
    __asm__ volatile(insn " %0, %1" : "=r"(r_) : "r"((uint64_t)(a))); r_; })
#define OP1W(insn, a) ({ uint64_t r_; \
    __asm__ volatile(insn " %w0, %w1" : "=r"(r_) : "r"((uint64_t)(a))); r_; })
/* flags after "insn a, b" as NZCV in bits 31:28 */
#define FLAGS(insn, a, b) ({ uint64_t f_; \
    __asm__ volatile(insn " %1, %2\n mrs %0, nzcv" : "=r"(f_) \
                     : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "cc"); f_ >> 28; })
#define FLAGSW(insn, a, b) ({ uint64_t f_; \
    __asm__ volatile(insn " %w1, %w2\n mrs %0, nzcv" : "=r"(f_) \
                     : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "cc"); f_ >> 28; })
#define N 8
#define Z 4
#define C 2
#define V 1

/* All 16 conditions after cmp a, b: bit i set when cond i holds. */
static uint64_t conds(uint64_t a, uint64_t b)
{
    uint64_t r = 0, t;
#define COND(cc, i) \
    __asm__ volatile("cmp %1, %2\n cset %0, " cc : "=r"(t) : "r"(a), "r"(b) : "cc"); \
    r |= t << i;
    COND("eq", 0) COND("ne", 1) COND("cs", 2) COND("cc", 3)
    COND("mi", 4) COND("pl", 5) COND("vs", 6) COND("vc", 7)
    COND("hi", 8) COND("ls", 9) COND("ge", 10) COND("lt", 11)
    COND("gt", 12) COND("le", 13)
    return r;
}

/* Reference: the conditions from the flags of a - b. */
static uint64_t conds_ref(unsigned f)
{
    int n = !!(f & N), z = !!(f & Z), c = !!(f & C), v = !!(f & V);
    return (uint64_t)z | (uint64_t)!z << 1 | (uint64_t)c << 2 |
           (uint64_t)!c << 3 | (uint64_t)n << 4 | (uint64_t)!n << 5 |
           (uint64_t)v << 6 | (uint64_t)!v << 7 | (uint64_t)(c && !z) << 8 |
           (uint64_t)!(c && !z) << 9 | (uint64_t)(n == v) << 10 |
           (uint64_t)(n != v) << 11 | (uint64_t)(!z && n == v) << 12 |
           (uint64_t)!(!z && n == v) << 13;
}

static void test_addsub(void)
{
    CHECK(OP2("add", 5, 7), 12);
    CHECK(OP2W("add", 0xffffffffull, 2), 1);
    CHECK(OP2("sub", 5, 7), (uint64_t)-2);
    CHECK(OP2W("sub", 5, 7), 0xfffffffeull);
    CHECK(FLAGS("cmp", 5, 5), Z | C);
    CHECK(FLAGS("cmp", 5, 7), N);
    CHECK(FLAGS("cmp", 7, 5), C);
    CHECK(FLAGS("cmp", 0x8000000000000000ull, 1), C | V);
    CHECK(FLAGS("cmn", 0x7fffffffffffffffull, 1), N | V);
    CHECK(FLAGS("cmn", -1ull, 1), Z | C);
    CHECK(FLAGSW("cmp", 0x80000000ull, 1), C | V);
    CHECK(FLAGSW("cmn", 0x7fffffffull, 1), N | V);
    CHECK(FLAGSW("cmn", 0xffffffffull, 1), Z | C);
    CHECK(FLAGSW("cmp", 0x100000000ull, 0), Z | C);
    CHECK(FLAGS("tst", 0xf0, 0x0f), Z);
    CHECK(FLAGS("tst", 0x8000000000000000ull, -1ull), N);
    CHECK(FLAGSW("tst", 0x80000000ull, -1ull), N);

    /* every condition on a spread of operand pairs */
    static const uint64_t vals[] = {
        0, 1, 2, 0x7fffffffffffffffull, 0x8000000000000000ull, -1ull, -2ull,
        0x123456789ull,
    };
    static const uint8_t flags[8][8] = {
        /* filled below from the definition of SUBS */
    };
    (void)flags;
    for (unsigned i = 0; i < 8; i++) {
        for (unsigned j = 0; j < 8; j++) {
            uint64_t a = vals[i], b = vals[j], r = a - b;
            unsigned f = (r >> 63 ? N : 0) | (r == 0 ? Z : 0) |
                         (a >= b ? C : 0) |
                         ((((a ^ b) & (a ^ r)) >> 63) ? V : 0);
            CHECK(conds(a, b), conds_ref(f));
            CHECK(FLAGS("cmp", a, b), f);
        }
    }

    /* immediates, shifted, extended */
    uint64_t r;
    __asm__("add %0, %1, #0xabc, lsl #12" : "=r"(r) : "r"(1ull));
    CHECK(r, 0xabc001);
    __asm__("sub %0, %1, #1" : "=r"(r) : "r"(0ull));
    CHECK(r, -1ull);
    __asm__("add %0, %1, %2, lsl #4" : "=r"(r) : "r"(1ull), "r"(2ull));
    CHECK(r, 33);
    __asm__("sub %0, %1, %2, asr #1" : "=r"(r) : "r"(0ull), "r"(-4ull));
    CHECK(r, 2);
    __asm__("add %w0, %w1, %w2, lsr #31" : "=r"(r) : "r"(1ull), "r"(0x80000000ull));
    CHECK(r, 2);
    __asm__("add %0, %1, %w2, sxtw #2" : "=r"(r) : "r"(0x100ull), "r"(0xffffffffull));
    CHECK(r, 0xfc);
    __asm__("add %0, %1, %w2, uxtb" : "=r"(r) : "r"(0x100ull), "r"(0x1ffull));
    CHECK(r, 0x1ff);
    __asm__("add %0, %1, %w2, sxth #1" : "=r"(r) : "r"(0ull), "r"(0x8000ull));
    CHECK(r, (uint64_t)-0x10000);
    __asm__("sub %0, %1, %2, uxtx #3" : "=r"(r) : "r"(100ull), "r"(2ull));
    CHECK(r, 84);
    /* SP as operand and destination */
    __asm__("mov x9, sp\n add sp, sp, #16\n mov %0, sp\n sub sp, sp, #16\n"
            "sub %0, %0, x9" : "=r"(r) : : "x9");
    CHECK(r, 16);
    __asm__("mov x9, sp\n add %0, sp, %w1, uxtw\n sub %0, %0, x9" : "=r"(r)
            : "r"(0x10ull) : "x9");
    CHECK(r, 16);
    /* adc/sbc with carry in and out */
    __asm__("cmp %1, %1\n adc %0, %1, %2" : "=r"(r) : "r"(5ull), "r"(6ull) : "cc");
    CHECK(r, 12);
    __asm__("cmn %1, %1\n adc %0, %1, %2" : "=r"(r) : "r"(5ull), "r"(6ull) : "cc");
    CHECK(r, 11);
    __asm__("cmp %1, %1\n sbc %0, %1, %2" : "=r"(r) : "r"(5ull), "r"(6ull) : "cc");
    CHECK(r, -1ull);
    __asm__("cmn %1, %1\n sbc %0, %1, %2" : "=r"(r) : "r"(5ull), "r"(6ull) : "cc");
    CHECK(r, -2ull);
    __asm__("cmp %1, %1\n adcs %0, %1, %2\n mrs %1, nzcv" : "=r"(r), "+r"(*(uint64_t[]){-1ull})
            : "r"(0ull) : "cc");
    /* 128-bit add via adds/adc */
    uint64_t lo, hi;
    __asm__("adds %0, %2, %3\n adc %1, %4, %5" : "=&r"(lo), "=r"(hi)
            : "r"(-1ull), "r"(1ull), "r"(5ull), "r"(6ull) : "cc");
    CHECK(lo, 0);
    CHECK(hi, 12);
    __asm__("subs %0, %2, %3\n sbc %1, %4, %5" : "=&r"(lo), "=r"(hi)
            : "r"(0ull), "r"(1ull), "r"(5ull), "r"(1ull) : "cc");
    CHECK(lo, -1ull);
    CHECK(hi, 3);
    __asm__("subs %w0, %w2, %w3\n sbcs %w1, %w4, %w5\n cset %0, mi" : "=&r"(lo), "=r"(hi)
            : "r"(0ull), "r"(1ull), "r"(5ull), "r"(5ull) : "cc");
    CHECK(lo, 1);
    CHECK(hi, 0xffffffffull);
    /* adr/adrp */
    uint64_t p1, p2;
    __asm__("adr %0, 1f\n 1: adr %1, 1b" : "=r"(p1), "=r"(p2));
    CHECK(p1, p2);
    __asm__("adrp %0, test_main\n" : "=r"(p1));
    CHECK(p1, (uint64_t)&test_main & ~0xfffull);
}

static void test_logical(void)
{
    uint64_t r;
#define LIMM(imm) ({ __asm__("mov %0, #" #imm : "=r"(r)); CHECK(r, imm); })
    LIMM(0x5555555555555555);
    LIMM(0xaaaaaaaaaaaaaaaa);
    LIMM(0x0f0f0f0f0f0f0f0f);
    LIMM(0x00ff00ff00ff00ff);
    LIMM(0x0000ffff0000ffff);
    LIMM(0x00000000ffffffff);
    LIMM(0x7ffffffffffffffe);
    LIMM(0x8000000000000001);
    LIMM(0xfffffffffffff000);
    LIMM(0x1111111111111111);
    LIMM(0xeeeeeeeeeeeeeeee);
    LIMM(0x3c3c3c3c3c3c3c3c);
    LIMM(0x8000000000000000);
    LIMM(0x7fffffffffffffff);
    LIMM(0x0001000100010001);
    LIMM(0xc000000000000003);
    __asm__("orr %w0, wzr, #0xff00ff00" : "=r"(r));
    CHECK(r, 0xff00ff00);
    __asm__("orr %w0, wzr, #0x80000001" : "=r"(r));
    CHECK(r, 0x80000001);
    __asm__("and %0, %1, #0xfffffffffffffff8" : "=r"(r) : "r"(0x1234567full));
    CHECK(r, 0x12345678);
    __asm__("eor %w0, %w1, #0x1" : "=r"(r) : "r"(0xffffffffffffffffull));
    CHECK(r, 0xfffffffe);
    __asm__("ands %0, %1, #0x8000000000000000\n cset %0, mi" : "=r"(r)
            : "r"(-1ull) : "cc");
    CHECK(r, 1);
    __asm__("ands %w0, %w1, #0xff\n cset %w0, eq" : "=r"(r) : "r"(0x100ull) : "cc");
    CHECK(r, 1);
    __asm__("mov x9, sp\n and sp, x9, #0xfffffffffffffff0\n mov %0, sp\n mov sp, x9"
            : "=r"(r) : : "x9");
    CHECK(r & 15, 0);
    CHECK(OP2("bic", 0xff, 0x0f), 0xf0);
    CHECK(OP2("orn", 0, 0xffffffff00000000ull), 0xffffffffull);
    CHECK(OP2("eon", 0xf, 0xff), 0xffffffffffffff0full);
    CHECK(OP2W("eon", 0xf, 0xff), 0xffffff0full);
    CHECK(OP2W("orr", 0xf0000000ffull, 0x100), 0x1ffull);
    __asm__("orr %0, %1, %2, ror #4" : "=r"(r) : "r"(0ull), "r"(0x1ull));
    CHECK(r, 0x1000000000000000ull);
    __asm__("orr %w0, %w1, %w2, ror #4" : "=r"(r) : "r"(0ull), "r"(0x1ull));
    CHECK(r, 0x10000000ull);
    __asm__("and %w0, %w1, %w2, asr #4" : "=r"(r) : "r"(-1ull), "r"(0x80000000ull));
    CHECK(r, 0xf8000000ull);
    __asm__("bics %0, %1, %2\n cset %0, eq" : "=r"(r) : "r"(0xffull), "r"(0xffull) : "cc");
    CHECK(r, 1);
    /* movz/movn/movk */
    __asm__("movz %0, #0x1234, lsl #48\n movk %0, #0x5678, lsl #16" : "=r"(r));
    CHECK(r, 0x1234000056780000ull);
    __asm__("movn %0, #0x1234, lsl #16" : "=r"(r));
    CHECK(r, ~0x12340000ull);
    __asm__("movn %w0, #0x1" : "=r"(r));
    CHECK(r, 0xfffffffeull);
    __asm__("mov %0, #-1\n movk %w0, #0x1, lsl #16" : "=r"(r));
    CHECK(r, 0x1ffffull);
}

static void test_bitfield(void)
{
    uint64_t x = 0xfedcba9876543210ull, r;
    __asm__("ubfx %0, %1, #8, #12" : "=r"(r) : "r"(x)); CHECK(r, 0x432);
    __asm__("sbfx %0, %1, #60, #4" : "=r"(r) : "r"(x)); CHECK(r, -1ull);
    __asm__("sbfx %0, %1, #4, #8" : "=r"(r) : "r"(x)); CHECK(r, 0x21);
    __asm__("sbfx %w0, %w1, #28, #4" : "=r"(r) : "r"(x)); CHECK(r, 0x7);
    __asm__("sbfx %w0, %w1, #4, #8" : "=r"(r) : "r"(0xf00ull)); CHECK(r, 0xfffffff0ull);
    __asm__("ubfiz %0, %1, #60, #4" : "=r"(r) : "r"(x)); CHECK(r, 0ull);
    __asm__("ubfiz %0, %1, #4, #8" : "=r"(r) : "r"(x)); CHECK(r, 0x100);
    __asm__("sbfiz %0, %1, #4, #8" : "=r"(r) : "r"(0x80ull)); CHECK(r, -0x800ull);
    __asm__("sbfiz %w0, %w1, #4, #8" : "=r"(r) : "r"(0x80ull)); CHECK(r, 0xfffff800ull);
    __asm__("lsl %0, %1, #36" : "=r"(r) : "r"(x)); CHECK(r, x << 36);
    __asm__("lsr %0, %1, #36" : "=r"(r) : "r"(x)); CHECK(r, x >> 36);
    __asm__("asr %0, %1, #36" : "=r"(r) : "r"(x)); CHECK(r, (uint64_t)((int64_t)x >> 36));
    __asm__("lsl %w0, %w1, #4" : "=r"(r) : "r"(x)); CHECK(r, 0x65432100ull);
    __asm__("lsr %w0, %w1, #4" : "=r"(r) : "r"(x)); CHECK(r, 0x07654321ull);
    __asm__("asr %w0, %w1, #4" : "=r"(r) : "r"(0x80000000ull)); CHECK(r, 0xf8000000ull);
    __asm__("sxtb %0, %w1" : "=r"(r) : "r"(0x80ull)); CHECK(r, -0x80ull);
    __asm__("sxth %w0, %w1" : "=r"(r) : "r"(0x8000ull)); CHECK(r, 0xffff8000ull);
    __asm__("sxtw %0, %w1" : "=r"(r) : "r"(0x80000000ull)); CHECK(r, 0xffffffff80000000ull);
    __asm__("uxtb %w0, %w1" : "=r"(r) : "r"(0x1234ull)); CHECK(r, 0x34);
    __asm__("uxth %w0, %w1" : "=r"(r) : "r"(0x12345ull)); CHECK(r, 0x2345);
    r = 0xffffffffffffffffull;
    __asm__("bfi %0, %1, #8, #4" : "+r"(r) : "r"(0ull)); CHECK(r, 0xfffffffffffff0ffull);
    r = 0;
    __asm__("bfxil %0, %1, #60, #4" : "+r"(r) : "r"(x)); CHECK(r, 0xf);
    r = 0xffffffffffffffffull;
    __asm__("bfi %w0, %w1, #28, #4" : "+r"(r) : "r"(0ull)); CHECK(r, 0x0fffffffull);
    r = 0x1111;
    __asm__("bfi %0, xzr, #4, #8" : "+r"(r)); CHECK(r, 0x1001);
    __asm__("extr %0, %1, %2, #8" : "=r"(r) : "r"(0x11ull), "r"(0xaabbull)); CHECK(r, 0x11000000000000aaull);
    __asm__("extr %w0, %w1, %w2, #8" : "=r"(r) : "r"(0x11ull), "r"(0xaabbull)); CHECK(r, 0x110000aaull);
    __asm__("ror %0, %1, #4" : "=r"(r) : "r"(0x1ull)); CHECK(r, 0x1000000000000000ull);
    __asm__("ror %w0, %w1, #4" : "=r"(r) : "r"(0x1ull)); CHECK(r, 0x10000000ull);
    /* shifts by register: amount taken modulo the width */
    CHECK(OP2("lsl", 1, 65), 2);
    CHECK(OP2W("lsl", 1, 33), 2);
    CHECK(OP2("lsr", 0x8000000000000000ull, 63), 1);
    CHECK(OP2W("lsr", 0xf80000000ull, 31), 1);
    CHECK(OP2("asr", 0x8000000000000000ull, 63), -1ull);
    CHECK(OP2W("asr", 0x80000000ull, 31), 0xffffffffull);
    CHECK(OP2("ror", 0x1, 1), 0x8000000000000000ull);
    CHECK(OP2W("ror", 0x1, 33), 0x80000000ull);
}

static void test_muldiv(void)
{
    uint64_t r;
    CHECK(OP2("mul", 0x123456789ull, 0x987654321ull), 0x123456789ull * 0x987654321ull);
    CHECK(OP2W("mul", 0x12345678ull, 0x9abcdefull), (uint32_t)(0x12345678u * 0x9abcdefu));
    __asm__("madd %0, %1, %2, %3" : "=r"(r) : "r"(3ull), "r"(4ull), "r"(5ull)); CHECK(r, 17);
    __asm__("msub %0, %1, %2, %3" : "=r"(r) : "r"(3ull), "r"(4ull), "r"(5ull)); CHECK(r, -7ull);
    __asm__("msub %w0, %w1, %w2, %w3" : "=r"(r) : "r"(3ull), "r"(4ull), "r"(5ull)); CHECK(r, 0xfffffff9ull);
    __asm__("smaddl %0, %w1, %w2, %3" : "=r"(r) : "r"(-3ull), "r"(4ull), "r"(5ull)); CHECK(r, -7ull);
    __asm__("umaddl %0, %w1, %w2, %3" : "=r"(r) : "r"(0xffffffffull), "r"(2ull), "r"(0ull)); CHECK(r, 0x1fffffffeull);
    __asm__("smsubl %0, %w1, %w2, %3" : "=r"(r) : "r"(-3ull), "r"(4ull), "r"(5ull)); CHECK(r, 17);
    __asm__("umsubl %0, %w1, %w2, %3" : "=r"(r) : "r"(2ull), "r"(4ull), "r"(5ull)); CHECK(r, -3ull);
    __asm__("smull %0, %w1, %w2" : "=r"(r) : "r"(0x80000000ull), "r"(2ull)); CHECK(r, -0x100000000ull);
    CHECK(OP2("smulh", -1ull, -1ull), 0);
    CHECK(OP2("smulh", 0x8000000000000000ull, 2), -1ull);
    CHECK(OP2("umulh", -1ull, -1ull), 0xfffffffffffffffeull);
    CHECK(OP2("umulh", 0x123456789abcdefull, 0xfedcba987654321ull),
          (uint64_t)(((unsigned __int128)0x123456789abcdefull * 0xfedcba987654321ull) >> 64));
    CHECK(OP2("udiv", 100, 7), 14);
    CHECK(OP2("udiv", 100, 0), 0);
    CHECK(OP2("udiv", -1ull, 1), -1ull);
    CHECK(OP2W("udiv", 0xffffffffull, 2), 0x7fffffff);
    CHECK(OP2W("udiv", 0x1ffffffffull, 0x100000001ull), 0xffffffffull);
    CHECK(OP2("sdiv", -100ull, 7), -14ull);
    CHECK(OP2("sdiv", 100, -7ull), -14ull);
    CHECK(OP2("sdiv", 100, 0), 0);
    CHECK(OP2("sdiv", 0x8000000000000000ull, -1ull), 0x8000000000000000ull);
    CHECK(OP2("sdiv", 5, -1ull), -5ull);
    CHECK(OP2W("sdiv", 0x80000000ull, 0xffffffffull), 0x80000000ull);
    CHECK(OP2W("sdiv", 0xffffff9cull, 7), 0xfffffff2ull);
    CHECK(OP2W("sdiv", 7, 0), 0);
}

static void test_bits(void)
{
    CHECK(OP1("rbit", 1), 0x8000000000000000ull);
    CHECK(OP1("rbit", 0x123456789abcdef0ull), 0x0f7b3d591e6a2c48ull);
    CHECK(OP1W("rbit", 0x1ull), 0x80000000ull);
    CHECK(OP1W("rbit", 0x12345678ull), 0x1e6a2c48ull);
    CHECK(OP1("rev", 0x0102030405060708ull), 0x0807060504030201ull);
    CHECK(OP1W("rev", 0x0102030405060708ull), 0x08070605ull);
    CHECK(OP1("rev16", 0x0102030405060708ull), 0x0201040306050807ull);
    CHECK(OP1W("rev16", 0x0102030405060708ull), 0x06050807ull);
    CHECK(OP1("rev32", 0x0102030405060708ull), 0x0403020108070605ull);
    CHECK(OP1("clz", 0), 64);
    CHECK(OP1("clz", 1), 63);
    CHECK(OP1("clz", -1ull), 0);
    CHECK(OP1W("clz", 0x100000000ull), 32);
    CHECK(OP1W("clz", 0x8000ull), 16);
    CHECK(OP1("cls", 0), 63);
    CHECK(OP1("cls", -1ull), 63);
    CHECK(OP1("cls", 1), 62);
    CHECK(OP1("cls", 0xc000000000000000ull), 1);
    CHECK(OP1W("cls", 0), 31);
    CHECK(OP1W("cls", 0xffffffffull), 31);
    CHECK(OP1W("cls", 0x0000ffffull), 15);
    CHECK(OP1W("cls", 0xffff0000ffffffffull), 31);
}

static void test_csel(void)
{
    uint64_t r;
#define CS(insn, cond, a, b, x, y) ({ \
    __asm__("cmp %3, %4\n " insn " %0, %1, %2, " cond : "=r"(r) \
            : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(x)), \
              "r"((uint64_t)(y)) : "cc"); r; })
    CHECK(CS("csel", "eq", 1, 2, 5, 5), 1);
    CHECK(CS("csel", "eq", 1, 2, 5, 6), 2);
    CHECK(CS("csinc", "lt", 1, 2, 5, 6), 1);
    CHECK(CS("csinc", "gt", 1, 2, 5, 6), 3);
    CHECK(CS("csinv", "hi", 1, 2, 5, 6), ~2ull);
    CHECK(CS("csneg", "hi", 1, 2, 5, 6), -2ull);
    CHECK(CS("csneg", "ls", 1, 2, 5, 6), 1);
    CHECK(CS("csel", "al", 1, 2, 5, 6), 1);
    __asm__("cmp %1, %1\n cinc %w0, %w2, eq" : "=r"(r) : "r"(0ull), "r"(0xffffffffull) : "cc");
    CHECK(r, 0);
    __asm__("cmp %1, %1\n csetm %0, eq" : "=r"(r) : "r"(0ull) : "cc");
    CHECK(r, -1ull);
    /* ccmp/ccmn */
    __asm__("cmp %1, #1\n ccmp %2, #3, #0, eq\n cset %0, eq" : "=r"(r) : "r"(1ull), "r"(3ull) : "cc");
    CHECK(r, 1);
    __asm__("cmp %1, #1\n ccmp %2, #3, #4, ne\n cset %0, eq" : "=r"(r) : "r"(1ull), "r"(5ull) : "cc");
    CHECK(r, 1);
    __asm__("cmp %1, #1\n ccmp %2, #3, #0, ne\n mrs %0, nzcv" : "=r"(r) : "r"(1ull), "r"(5ull) : "cc");
    CHECK(r >> 28, 0);
    __asm__("cmp %1, #1\n ccmp %2, #3, #0xf, ne\n mrs %0, nzcv" : "=r"(r) : "r"(1ull), "r"(5ull) : "cc");
    CHECK(r >> 28, 0xf);
    __asm__("cmp %1, #2\n ccmn %2, %3, #0, ne\n mrs %0, nzcv" : "=r"(r) : "r"(1ull), "r"(-1ull), "r"(1ull) : "cc");
    CHECK(r >> 28, Z | C);
    __asm__("cmp %w1, #2\n ccmp %w2, %w3, #0, ne\n mrs %0, nzcv" : "=r"(r) : "r"(1ull), "r"(0x80000000ull), "r"(1ull) : "cc");
    CHECK(r >> 28, C | V);
    /* msr nzcv round trip */
    __asm__("msr nzcv, %1\n mrs %0, nzcv" : "=r"(r) : "r"(0xa0000000ull) : "cc");
    CHECK(r, 0xa0000000ull);
    __asm__("msr nzcv, %1\n cset %0, ge" : "=r"(r) : "r"(0x90000000ull) : "cc");
    CHECK(r, 1);
}

static void test_main(void)
{
    test_addsub();
    test_logical();
    test_bitfield();
    test_muldiv();
    test_bits();
    test_csel();
}
