/*
 * tests/tcg/aarch64/test-recip.c: the AdvSIMD estimate instructions
 * FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE and the round-to-odd
 * narrowing FCVTXN/FCVTXN2.  Expected values were worked by hand from
 * the Arm ARM pseudocode (RecipEstimate / RecipSqrtEstimate tables,
 * FPRecipEstimate, FPRSqrtEstimate, FPRecpX, FPConvert with
 * FPRounding_ODD) and agree with a reference implementation.
 */
#include "a64-test.h"

#define FPCR_RZ (3ull << 22)
#define FPCR_RP (1ull << 22)
#define FPCR_RM (2ull << 22)
#define FPCR_FZ (1ull << 24)
#define FPCR_DN (1ull << 25)
#define IOC 0x1
#define DZC 0x2
#define OFC 0x4
#define UFC 0x8
#define IXC 0x10
#define IDC 0x80

/* scalar, on s0 / d0 */
#define S1OP(insn, a) ({ uint64_t r_; __asm__ volatile("fmov s0, %w1\n" insn " s0, s0\n fmov %w0, s0" \
    : "=r"(r_) : "r"((uint64_t)(a)) : "v0"); r_; })
#define D1OP(insn, a) ({ uint64_t r_; __asm__ volatile("fmov d0, %1\n" insn " d0, d0\n fmov %0, d0" \
    : "=r"(r_) : "r"((uint64_t)(a)) : "v0"); r_; })

typedef struct { uint64_t lo, hi; } Q;

/* vector: v1 = (lo, hi); v0 preset to all ones; insn "v0.T, v1.T" */
#define VOP(insn, lo_, hi_) ({ Q r_; __asm__ volatile( \
    "fmov d1, %2\n mov v1.d[1], %3\n movi v0.16b, #0xff\n" insn \
    "\n mov %0, v0.d[0]\n mov %1, v0.d[1]" \
    : "=r"(r_.lo), "=r"(r_.hi) : "r"((uint64_t)(lo_)), "r"((uint64_t)(hi_)) \
    : "v0", "v1"); r_; })

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

static void fpcr_set(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" : : "r"(v));
}

static void test_frecpe(void)
{
    Q v;

    fpsr_clear();
    CHECK(S1OP("frecpe", 0x40000000u), 0x3eff8000u);  /* 2.0: 0.4990234375 */
    CHECK(S1OP("frecpe", 0x3f800000u), 0x3f7f8000u);    /* 1.0 -> 0.998046875 */
    CHECK(S1OP("frecpe", 0xbf800000u), 0xbf7f8000u);
    CHECK(S1OP("frecpe", 0x40400000u), 0x3eaa8000u);    /* 3.0 */
    CHECK(D1OP("frecpe", 0x3ff0000000000000ull), 0x3feff00000000000ull);
    CHECK(D1OP("frecpe", 0x4008000000000000ull), 0x3fd5500000000000ull);
    CHECK(fpsr_get(), 0);
    /* large inputs give denormal results, without flags */
    CHECK(S1OP("frecpe", 0x7f000000u), 0x003fe000u);    /* 2^127 */
    CHECK(S1OP("frecpe", 0x7e800000u), 0x007fc000u);    /* 2^126 */
    CHECK(D1OP("frecpe", 0x7fe0000000000000ull), 0x0007fc0000000000ull);
    CHECK(fpsr_get(), 0);
    /* denormal inputs */
    CHECK(S1OP("frecpe", 0x00400000u), 0x7eff8000u);    /* 2^-127 */
    CHECK(S1OP("frecpe", 0x00200000u), 0x7f7f8000u);    /* 2^-128 */
    CHECK(fpsr_get(), 0);
    /* zeros, infinities */
    CHECK(S1OP("frecpe", 0), 0x7f800000u);
    CHECK(fpsr_get(), DZC);
    fpsr_clear();
    CHECK(D1OP("frecpe", 0x8000000000000000ull), 0xfff0000000000000ull);
    CHECK(fpsr_get(), DZC);
    fpsr_clear();
    CHECK(S1OP("frecpe", 0x7f800000u), 0);
    CHECK(S1OP("frecpe", 0xff800000u), 0x80000000u);
    CHECK(D1OP("frecpe", 0x7ff0000000000000ull), 0);
    CHECK(fpsr_get(), 0);
    /* NaNs */
    CHECK(S1OP("frecpe", 0x7fc00123u), 0x7fc00123u);
    CHECK(fpsr_get(), 0);
    CHECK(S1OP("frecpe", 0xff800123u), 0xffc00123u);
    CHECK(fpsr_get(), IOC);
    fpsr_clear();
    CHECK(D1OP("frecpe", 0x7ff0000000000001ull), 0x7ff8000000000001ull);
    CHECK(fpsr_get(), IOC);
    fpcr_set(FPCR_DN);
    CHECK(S1OP("frecpe", 0xffc00123u), 0x7fc00000u);
    fpcr_set(0);
    fpsr_clear();
    /* tiny: overflow to infinity or the largest normal by rounding mode */
    CHECK(S1OP("frecpe", 0x00000001u), 0x7f800000u);
    CHECK(fpsr_get(), OFC | IXC);
    CHECK(S1OP("frecpe", 0x801fffffu), 0xff800000u);
    CHECK(D1OP("frecpe", 0x0003ffffffffffffull), 0x7ff0000000000000ull);
    fpcr_set(FPCR_RZ);
    CHECK(S1OP("frecpe", 0x00000001u), 0x7f7fffffu);
    CHECK(S1OP("frecpe", 0x80000001u), 0xff7fffffu);
    CHECK(D1OP("frecpe", 0x1ull), 0x7fefffffffffffffull);
    fpcr_set(FPCR_RP);
    CHECK(S1OP("frecpe", 0x00000001u), 0x7f800000u);
    CHECK(S1OP("frecpe", 0x80000001u), 0xff7fffffu);
    fpcr_set(FPCR_RM);
    CHECK(S1OP("frecpe", 0x00000001u), 0x7f7fffffu);
    CHECK(S1OP("frecpe", 0x80000001u), 0xff800000u);
    fpcr_set(0);
    fpsr_clear();
    /* flush to zero: big inputs underflow, denormal inputs are zeros */
    fpcr_set(FPCR_FZ);
    CHECK(S1OP("frecpe", 0x7e800000u), 0);
    CHECK(fpsr_get(), UFC);
    fpsr_clear();
    CHECK(S1OP("frecpe", 0xfe800000u), 0x80000000u);
    CHECK(D1OP("frecpe", 0x7fd0000000000000ull), 0);
    CHECK(S1OP("frecpe", 0x7e7fffffu), 0x00800000u);
    fpsr_clear();
    CHECK(S1OP("frecpe", 0x00400000u), 0x7f800000u);
    CHECK(fpsr_get(), DZC | IDC);
    fpcr_set(0);
    fpsr_clear();
    /* vectors */
    v = VOP("frecpe v0.4s, v1.4s", 0x3f80000040000000ull,
            0x7f80000000000000ull);
    CHECK(v.lo, 0x3f7f80003eff8000ull);
    CHECK(v.hi, 0x000000007f800000ull);
    v = VOP("frecpe v0.2s, v1.2s", 0x3f80000040000000ull, 1);
    CHECK(v.lo, 0x3f7f80003eff8000ull);
    CHECK(v.hi, 0);
    v = VOP("frecpe v0.2d, v1.2d", 0x3ff0000000000000ull,
            0xc008000000000000ull);
    CHECK(v.lo, 0x3feff00000000000ull);
    CHECK(v.hi, 0xbfd5500000000000ull);
    fpsr_clear();
}

static void test_frsqrte(void)
{
    Q v;

    fpsr_clear();
    CHECK(S1OP("frsqrte", 0x40800000u), 0x3eff8000u); /* 4.0: 0.4990234375 */
    CHECK(S1OP("frsqrte", 0x3f800000u), 0x3f7f8000u);   /* 1.0 */
    CHECK(S1OP("frsqrte", 0x40000000u), 0x3f348000u);   /* 2.0 */
    CHECK(D1OP("frsqrte", 0x4010000000000000ull), 0x3fdff00000000000ull);
    CHECK(D1OP("frsqrte", 0x4000000000000000ull), 0x3fe6900000000000ull);
    CHECK(S1OP("frsqrte", 0x00000001u), 0x64b48000u);   /* 2^-149 */
    CHECK(S1OP("frsqrte", 0x7f7fffffu), 0x1f800000u);
    CHECK(fpsr_get(), 0);
    CHECK(S1OP("frsqrte", 0x7f800000u), 0);
    CHECK(fpsr_get(), 0);
    CHECK(S1OP("frsqrte", 0x80000000u), 0xff800000u);
    CHECK(fpsr_get(), DZC);
    fpsr_clear();
    CHECK(S1OP("frsqrte", 0xbf800000u), 0x7fc00000u);
    CHECK(fpsr_get(), IOC);
    fpsr_clear();
    CHECK(D1OP("frsqrte", 0xfff0000000000000ull), 0x7ff8000000000000ull);
    CHECK(fpsr_get(), IOC);
    fpsr_clear();
    CHECK(S1OP("frsqrte", 0xff800001u), 0xffc00001u);
    CHECK(fpsr_get(), IOC);
    fpsr_clear();
    fpcr_set(FPCR_FZ);
    CHECK(S1OP("frsqrte", 0x80000001u), 0xff800000u);
    CHECK(fpsr_get(), DZC | IDC);
    fpcr_set(0);
    fpsr_clear();
    v = VOP("frsqrte v0.4s, v1.4s", 0x3f80000040800000ull,
            0x0000000040000000ull);
    CHECK(v.lo, 0x3f7f80003eff8000ull);
    CHECK(v.hi, 0x7f8000003f348000ull);
    v = VOP("frsqrte v0.2d, v1.2d", 0x4010000000000000ull,
            0x7ff0000000000000ull);
    CHECK(v.lo, 0x3fdff00000000000ull);
    CHECK(v.hi, 0);
    fpsr_clear();
}

static void test_frecpx(void)
{
    fpsr_clear();
    CHECK(D1OP("frecpx", 0x4020000000000000ull), 0x3fd0000000000000ull);
    CHECK(S1OP("frecpx", 0x41000000u), 0x3e800000u);    /* 8.0 -> 0.25 */
    CHECK(S1OP("frecpx", 0x3fc00000u), 0x40000000u);    /* 1.5 -> 2.0 */
    CHECK(S1OP("frecpx", 0xc1234567u), 0xbe800000u);
    CHECK(S1OP("frecpx", 0), 0x7f000000u);
    CHECK(S1OP("frecpx", 0x80000000u), 0xff000000u);
    CHECK(S1OP("frecpx", 0x00000001u), 0x7f000000u);
    CHECK(D1OP("frecpx", 0x8000000000000001ull), 0xffe0000000000000ull);
    CHECK(S1OP("frecpx", 0x7f800000u), 0);
    CHECK(D1OP("frecpx", 0xfff0000000000000ull), 0x8000000000000000ull);
    CHECK(fpsr_get(), 0);
    CHECK(S1OP("frecpx", 0x7f800001u), 0x7fc00001u);
    CHECK(fpsr_get(), IOC);
    fpsr_clear();
    CHECK(D1OP("frecpx", 0x7ff8000000000002ull), 0x7ff8000000000002ull);
    CHECK(fpsr_get(), 0);
    fpcr_set(FPCR_FZ);
    CHECK(S1OP("frecpx", 0x00000001u), 0x7f000000u);
    CHECK(fpsr_get(), IDC);
    fpcr_set(0);
    fpsr_clear();
}

static void test_urecpe(void)
{
    Q v;

    v = VOP("urecpe v0.4s, v1.4s", 0x7fffffff80000000ull,
            0xffffffffc0000000ull);
    CHECK(v.lo, 0xffffffffff800000ull);
    CHECK(v.hi, 0x80000000aa800000ull);
    v = VOP("urecpe v0.2s, v1.2s", 0x0000000080000000ull, 5);
    CHECK(v.lo, 0xffffffffff800000ull);
    CHECK(v.hi, 0);
    v = VOP("ursqrte v0.4s, v1.4s", 0x3fffffff40000000ull,
            0xffffffff80000000ull);
    CHECK(v.lo, 0xffffffffff800000ull);
    CHECK(v.hi, 0x80000000b4800000ull);
    v = VOP("ursqrte v0.2s, v1.2s", 0xc000000000000000ull, 5);
    CHECK(v.lo, 0x93800000ffffffffull);
    CHECK(v.hi, 0);
}

static void test_fcvtxn(void)
{
    Q v;
    uint64_t r;

    fpsr_clear();
    __asm__ volatile("movi v0.16b, #0xff\n fmov d1, %1\n fcvtxn s0, d1\n"
                     "mov %0, v0.d[0]" : "=r"(r)
                     : "r"(0x3ff0000000000000ull) : "v0", "v1");
    CHECK(r, 0x3f800000u);
    CHECK(fpsr_get(), 0);
    CHECK(D1OP("fcvtxn s0, d0 //", 0x3ff0000010000000ull), 0x3f800001u);
    CHECK(fpsr_get(), IXC);
    fpsr_clear();
    CHECK(D1OP("fcvtxn s0, d0 //", 0x3ff0000050000000ull), 0x3f800003u);
    CHECK(D1OP("fcvtxn s0, d0 //", 0x3ff0000030000000ull), 0x3f800001u);
    CHECK(D1OP("fcvtxn s0, d0 //", 0xbff0000000000001ull), 0xbf800001u);
    CHECK(D1OP("fcvtxn s0, d0 //", 0x3fefffffffffffffull), 0x3f7fffffu);
    CHECK(D1OP("fcvtxn s0, d0 //", 0x7ff0000000000000ull), 0x7f800000u);
    fpsr_clear();
    CHECK(D1OP("fcvtxn s0, d0 //", 0x7e37e43c8800759cull), 0x7f7fffffu);
    CHECK(fpsr_get(), OFC | IXC);
    fpsr_clear();
    CHECK(D1OP("fcvtxn s0, d0 //", 0x7ff4000000000000ull), 0x7fe00000u);
    CHECK(fpsr_get(), IOC);
    fpsr_clear();
    /* vector: FCVTXN writes the low half, FCVTXN2 the high half */
    v = VOP("fcvtxn v0.2s, v1.2d", 0x3ff0000010000000ull,
            0xc000000000000000ull);
    CHECK(v.lo, 0xc00000003f800001ull);
    CHECK(v.hi, 0);
    v = VOP("fcvtxn2 v0.4s, v1.2d", 0x3ff0000010000000ull,
            0xc000000000000000ull);
    CHECK(v.lo, 0xffffffffffffffffull);
    CHECK(v.hi, 0xc00000003f800001ull);
    fpsr_clear();
}

static void test_main(void)
{
    test_frecpe();
    test_frsqrte();
    test_frecpx();
    test_urecpe();
    test_fcvtxn();
}
