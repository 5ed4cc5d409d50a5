/*
 * tests/tcg/aarch64/test-fp.c: A64 scalar floating point: arithmetic,
 * fused multiply-add, compares and the flags they set, conditional
 * select/compare, conversions (sizes, integers, fixed point, rounding
 * modes), FRINT*, min/max with NaNs and signed zeros, FPCR rounding,
 * and the cumulative FPSR flags.  Values are exact bit patterns.
 */
#include "a64-test.h"

/* double and single bit patterns */
#define D1    0x3ff0000000000000ull   /* 1.0 */
#define D1_5  0x3ff8000000000000ull   /* 1.5 */
#define D2    0x4000000000000000ull   /* 2.0 */
#define D2_25 0x4002000000000000ull   /* 2.25 */
#define D2_5  0x4004000000000000ull   /* 2.5 */
#define D3    0x4008000000000000ull   /* 3.0 */
#define D3_75 0x400e000000000000ull   /* 3.75 */
#define DM1   0xbff0000000000000ull   /* -1.0 */
#define DM2_5 0xc004000000000000ull   /* -2.5 */
#define D0    0ull
#define DM0   0x8000000000000000ull
#define DINF  0x7ff0000000000000ull
#define DNAN  0x7ff8000000000000ull
#define S1    0x3f800000u
#define S1_5  0x3fc00000u
#define S2    0x40000000u
#define S2_5  0x40200000u
#define S3    0x40400000u
#define S0_1  0x3dcccccdu             /* 0.1f */
#define SNAN  0x7fc00000u

#define FOP2D(insn, a, b) ({ uint64_t r_; __asm__ volatile("fmov d0, %1\n fmov d1, %2\n" insn " d0, d0, d1\n fmov %0, d0" \
    : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "v0", "v1"); r_; })
#define FOP2S(insn, a, b) ({ uint64_t r_; __asm__ volatile("fmov s0, %w1\n fmov s1, %w2\n" insn " s0, s0, s1\n fmov %w0, s0" \
    : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "v0", "v1"); r_; })
#define FOP1D(insn, a) ({ uint64_t r_; __asm__ volatile("fmov d0, %1\n" insn " d0, d0\n fmov %0, d0" \
    : "=r"(r_) : "r"((uint64_t)(a)) : "v0"); r_; })
#define FCMPD(insn, a, b) ({ uint64_t r_; __asm__ volatile("fmov d0, %1\n fmov d1, %2\n" insn " d0, d1\n mrs %0, nzcv" \
    : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "v0", "v1", "cc"); r_ >> 28; })
#define CVT_TO_X(insn, a) ({ uint64_t r_; __asm__ volatile("fmov d0, %1\n" insn " %0, d0" \
    : "=r"(r_) : "r"((uint64_t)(a)) : "v0"); r_; })
#define CVT_TO_W(insn, a) ({ uint64_t r_; __asm__ volatile("fmov d0, %1\n" insn " %w0, d0" \
    : "=r"(r_) : "r"((uint64_t)(a)) : "v0"); r_; })

static uint64_t fpsr_get(void)
{
    uint64_t r;
    __asm__ volatile("mrs %0, fpsr" : "=r"(r));
    return r;
}

static void fpsr_clear(void)
{
    __asm__ volatile("msr fpsr, xzr");
}

static void test_arith(void)
{
    CHECK(FOP2D("fadd", D1_5, D2_25), D3_75);
    CHECK(FOP2D("fsub", D1_5, D2_25), 0xbfe8000000000000ull);
    CHECK(FOP2D("fmul", D1_5, D2_5), D3_75);
    CHECK(FOP2D("fdiv", D3_75, D2_5), D1_5);
    CHECK(FOP2D("fnmul", D1_5, D2_5), 0xc00e000000000000ull);
    CHECK(FOP2D("fmax", D1_5, D2_5), D2_5);
    CHECK(FOP2D("fmin", D1_5, DM2_5), DM2_5);
    CHECK(FOP2D("fmax", D0, DM0), D0);
    CHECK(FOP2D("fmin", D0, DM0), DM0);
    CHECK(FOP2D("fmax", D1, DNAN), DNAN);
    CHECK(FOP2D("fmaxnm", D1, DNAN), D1);
    CHECK(FOP2D("fminnm", DNAN, DM1), DM1);
    CHECK(FOP2D("fabd", D1, D2_5), D1_5);
    CHECK(FOP2S("fadd", S1_5, S1), S2_5);
    CHECK(FOP2S("fmul", S1_5, S2), S3);
    CHECK(FOP2S("fdiv", S3, S2), S1_5);
    CHECK(FOP2S("fsub", S1, S3), 0xc0000000u);
    CHECK(FOP1D("fsqrt", 0x4022000000000000ull), D3);   /* sqrt(9) */
    CHECK(FOP1D("fabs", DM2_5), D2_5);
    CHECK(FOP1D("fneg", D2_5), DM2_5);
    CHECK(FOP1D("fneg", DNAN), 0xfff8000000000000ull);
    CHECK(FOP1D("fmov", D3), D3);
    uint64_t r;
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n fmov d2, %3\n fmadd d0, d0, d1, d2\n fmov %0, d0"
                     : "=r"(r) : "r"(D1_5), "r"(D2), "r"(D1) : "v0", "v1", "v2");
    CHECK(r, 0x4010000000000000ull);    /* 1.5*2+1 = 4 */
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n fmov d2, %3\n fmsub d0, d0, d1, d2\n fmov %0, d0"
                     : "=r"(r) : "r"(D1_5), "r"(D2), "r"(D1) : "v0", "v1", "v2");
    CHECK(r, 0xc000000000000000ull);    /* 1 - 3 = -2 */
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n fmov d2, %3\n fnmadd d0, d0, d1, d2\n fmov %0, d0"
                     : "=r"(r) : "r"(D1_5), "r"(D2), "r"(D1) : "v0", "v1", "v2");
    CHECK(r, 0xc010000000000000ull);    /* -(3) - 1 = -4 */
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n fmov d2, %3\n fnmsub d0, d0, d1, d2\n fmov %0, d0"
                     : "=r"(r) : "r"(D1_5), "r"(D2), "r"(D1) : "v0", "v1", "v2");
    CHECK(r, D2);                       /* 3 - 1 = 2 */
    /* immediates */
    __asm__ volatile("fmov d0, #2.5\n fmov %0, d0" : "=r"(r) : : "v0");
    CHECK(r, D2_5);
    __asm__ volatile("fmov s0, #-1.0\n fmov %w0, s0" : "=r"(r) : : "v0");
    CHECK(r, 0xbf800000u);
    __asm__ volatile("fmov d0, #0.125\n fmov %0, d0" : "=r"(r) : : "v0");
    CHECK(r, 0x3fc0000000000000ull);
    __asm__ volatile("fmov d0, #31.0\n fmov %0, d0" : "=r"(r) : : "v0");
    CHECK(r, 0x403f000000000000ull);
    /* a scalar write zeroes the rest of the register */
    uint64_t hi;
    __asm__ volatile("movi v0.2d, #-1\n fmov s1, #1.0\n fadd s0, s1, s1\n mov %0, v0.d[1]\n fmov %1, d0"
                     : "=r"(hi), "=r"(r) : : "v0", "v1");
    CHECK(hi, 0);
    CHECK(r, S2);
    __asm__ volatile("fmov d0, %1\n fmov v0.d[1], %1\n mov %0, v0.d[1]" : "=r"(r) : "r"(D3) : "v0");
    CHECK(r, D3);
    __asm__ volatile("fmov v0.d[1], %1\n fmov %0, v0.d[1]" : "=r"(r) : "r"(D2) : "v0");
    CHECK(r, D2);
}

static void test_compare(void)
{
    CHECK(FCMPD("fcmp", D1, D1), 6);
    CHECK(FCMPD("fcmp", D1, D2), 8);
    CHECK(FCMPD("fcmp", D2, D1), 2);
    CHECK(FCMPD("fcmp", D2, DNAN), 3);
    CHECK(FCMPD("fcmp", D0, DM0), 6);
    CHECK(FCMPD("fcmpe", DINF, D1), 2);
    uint64_t r;
    __asm__ volatile("fmov d0, %1\n fcmp d0, #0.0\n mrs %0, nzcv" : "=r"(r) : "r"(DM1) : "v0", "cc");
    CHECK(r >> 28, 8);
    __asm__ volatile("fmov s0, %w1\n fcmp s0, #0.0\n cset %0, eq" : "=r"(r) : "r"(0x80000000ull) : "v0", "cc");
    CHECK(r, 1);
    /* fcsel, fccmp */
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n cmp %3, #2\n fcsel d2, d0, d1, lt\n fmov %0, d2"
                     : "=r"(r) : "r"(D1), "r"(D2), "r"(0ull) : "v0", "v1", "v2", "cc");
    CHECK(r, D1);
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n cmp %3, #2\n fcsel d2, d0, d1, ge\n fmov %0, d2"
                     : "=r"(r) : "r"(D1), "r"(D2), "r"(0ull) : "v0", "v1", "v2", "cc");
    CHECK(r, D2);
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n cmp %1, %1\n fccmp d0, d1, #0, eq\n mrs %0, nzcv"
                     : "=r"(r) : "r"(D1), "r"(D2) : "v0", "v1", "cc");
    CHECK(r >> 28, 8);
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n cmp %1, %1\n fccmp d0, d1, #5, ne\n mrs %0, nzcv"
                     : "=r"(r) : "r"(D1), "r"(D2) : "v0", "v1", "cc");
    CHECK(r >> 28, 5);
}

static void test_convert(void)
{
    uint64_t r;
    CHECK(CVT_TO_X("fcvtzs", D2_5), 2);
    CHECK(CVT_TO_X("fcvtzs", DM2_5), -2ull);
    CHECK(CVT_TO_X("fcvtms", DM2_5), -3ull);
    CHECK(CVT_TO_X("fcvtps", D2_25), 3);
    CHECK(CVT_TO_X("fcvtns", D2_5), 2);
    CHECK(CVT_TO_X("fcvtns", 0x400c000000000000ull), 4);   /* 3.5 -> 4 */
    CHECK(CVT_TO_X("fcvtas", D2_5), 3);
    CHECK(CVT_TO_X("fcvtas", DM2_5), -3ull);
    CHECK(CVT_TO_X("fcvtzu", DM2_5), 0);
    CHECK(CVT_TO_X("fcvtzs", DINF), 0x7fffffffffffffffull);
    CHECK(CVT_TO_X("fcvtzs", DNAN), 0);
    CHECK(CVT_TO_W("fcvtzs", 0x41f0000000000000ull), 0x7fffffff);   /* 2^32 */
    CHECK(CVT_TO_W("fcvtzu", 0x41f0000000000000ull), 0xffffffff);
    CHECK(CVT_TO_W("fcvtzs", DM2_5), 0xfffffffe);
    CHECK(CVT_TO_X("fcvtzu", 0x43f0000000000000ull), -1ull);        /* 2^64 */
    __asm__ volatile("scvtf d0, %1\n fmov %0, d0" : "=r"(r) : "r"(-3ull) : "v0");
    CHECK(r, 0xc008000000000000ull);
    __asm__ volatile("ucvtf d0, %1\n fmov %0, d0" : "=r"(r) : "r"(-1ull) : "v0");
    CHECK(r, 0x43f0000000000000ull);
    __asm__ volatile("scvtf d0, %w1\n fmov %0, d0" : "=r"(r) : "r"(0xfffffffdull) : "v0");
    CHECK(r, 0xc008000000000000ull);
    __asm__ volatile("ucvtf s0, %w1\n fmov %w0, s0" : "=r"(r) : "r"(0xfffffffdull) : "v0");
    CHECK(r, 0x4f800000u);
    __asm__ volatile("scvtf s0, %1\n fmov %w0, s0" : "=r"(r) : "r"(3ull) : "v0");
    CHECK(r, S3);
    /* fixed point */
    __asm__ volatile("scvtf d0, %1, #4\n fmov %0, d0" : "=r"(r) : "r"(40ull) : "v0");
    CHECK(r, D2_5);
    __asm__ volatile("fmov d0, %1\n fcvtzs %0, d0, #8" : "=r"(r) : "r"(D1_5) : "v0");
    CHECK(r, 384);
    /* between sizes */
    __asm__ volatile("fmov d0, %1\n fcvt s0, d0\n fmov %w0, s0" : "=r"(r) : "r"(D2_5) : "v0");
    CHECK(r, S2_5);
    __asm__ volatile("fmov s0, %w1\n fcvt d0, s0\n fmov %0, d0" : "=r"(r) : "r"((uint64_t)S1_5) : "v0");
    CHECK(r, D1_5);
    __asm__ volatile("fmov s0, %w1\n fcvt h0, s0\n fmov %w0, s0" : "=r"(r) : "r"((uint64_t)S1_5) : "v0");
    CHECK(r, 0x3e00);
    __asm__ volatile("fmov s0, %w1\n fcvt d0, h0\n fmov %0, d0" : "=r"(r) : "r"(0x4100ull) : "v0");
    CHECK(r, D2_5);
    /* frint */
    CHECK(FOP1D("frintn", D2_5), D2);
    CHECK(FOP1D("frinta", D2_5), D3);
    CHECK(FOP1D("frintp", D2_25), D3);
    CHECK(FOP1D("frintm", DM2_5), 0xc008000000000000ull);
    CHECK(FOP1D("frintz", DM2_5), 0xc000000000000000ull);
    CHECK(FOP1D("frinti", D2_5), D2);
    CHECK(FOP1D("frintx", D1_5), D2);
}

static void test_modes_flags(void)
{
    uint64_t r;
    /* 1/3 in single: RN rounds to 0x3eaaaaab, RZ/RM to 0x3eaaaaaa */
    fpsr_clear();
    CHECK(FOP2S("fdiv", S1, S3), 0x3eaaaaabu);
    CHECK(fpsr_get() & 0x10, 0x10);     /* IXC */
    __asm__ volatile("msr fpcr, %0" : : "r"(3ull << 22));    /* RZ */
    CHECK(FOP2S("fdiv", S1, S3), 0x3eaaaaaau);
    __asm__ volatile("msr fpcr, %0" : : "r"(1ull << 22));    /* RP */
    CHECK(FOP2S("fdiv", S1, S3), 0x3eaaaaabu);
    CHECK(FOP1D("frinti", D2_25), D3);
    __asm__ volatile("msr fpcr, %0" : : "r"(2ull << 22));    /* RM */
    CHECK(FOP2S("fdiv", 0xbf800000u, S3), 0xbeaaaaabu);
    __asm__ volatile("msr fpcr, xzr");
    fpsr_clear();
    CHECK(FOP2D("fdiv", D1, D0), DINF);
    CHECK(fpsr_get() & 0x1f, 0x2);      /* DZC */
    fpsr_clear();
    CHECK(FOP2D("fsub", DINF, DINF), DNAN);
    CHECK(fpsr_get() & 0x1f, 0x1);      /* IOC */
    fpsr_clear();
    CHECK(FOP2D("fmul", 0x7fe0000000000000ull, D2), DINF);
    CHECK(fpsr_get() & 0x1f, 0x14);     /* OFC | IXC */
    fpsr_clear();
    CHECK(FOP2D("fadd", D1, D2), D3);
    CHECK(fpsr_get(), 0);
    /* default NaN mode */
    __asm__ volatile("msr fpcr, %0" : : "r"(1ull << 25));
    CHECK(FOP2D("fadd", 0x7ff8000000000123ull, D1), DNAN);
    __asm__ volatile("msr fpcr, xzr");
    CHECK(FOP2D("fadd", 0x7ff8000000000123ull, D1), 0x7ff8000000000123ull);
    CHECK(FOP2D("fadd", 0x7ff0000000000123ull, D1), 0x7ff8000000000123ull);
    /* flush to zero */
    __asm__ volatile("msr fpcr, %0" : : "r"(1ull << 24));
    CHECK(FOP2D("fadd", 0x0000000000000001ull, D0), D0);
    __asm__ volatile("msr fpcr, xzr");
    CHECK(FOP2D("fadd", 0x0000000000000001ull, D0), 1);
    fpsr_clear();
    (void)r;
}

static void test_main(void)
{
    test_arith();
    test_compare();
    test_convert();
    test_modes_flags();
}
