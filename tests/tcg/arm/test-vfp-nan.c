/*
 * tests/tcg/arm/test-vfp-nan.c: the FPSCR controls and special values,
 * by hand from the Arm ARM (FPProcessNaN, FPRound, FPUnpack):
 *   FZ (bit 24): denormal inputs flushed to zero with IDC (bit 7),
 *     denormal results flushed to zero with UFC only;
 *   DN (bit 25): any NaN result is the default NaN 0x7fc00000;
 *   NaN propagation without DN: a signalling NaN operand wins (quieted,
 *     IOC), else the first quiet NaN;
 *   vcmp/vcmpe and NaN, vmrs APSR_nzcv; vneg/vabs never touch NaNs;
 *   the cumulative flags accumulate until written;
 *   half-precision conversions vcvtb/vcvtt, IEEE and alternative (AHP).
 * Flags: IOC 0x01 DZC 0x02 OFC 0x04 UFC 0x08 IXC 0x10 IDC 0x80.
 * (ARMv8 for vcvtb.f16.f64.)
 * cflags: -march=armv8-a -mfpu=neon-fp-armv8
 */
#include "arm-test.h"

#define FZ (1u << 24)
#define DN (1u << 25)

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t bits_f(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static double d_of(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static uint64_t bits_d(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

/* "insn d, a, b" under FPSCR = fpscr: result bits; *fl = FPSCR & 0x9f. */
#define OP2(insn, a, b, fpscr, fl) ({ \
    float d_ = 0, a_ = f_of(a), b_ = f_of(b); \
    uint32_t f_; \
    __asm__ volatile("vmsr fpscr, %[m]\n\t" insn " %[d], %[x], %[y]\n\t" \
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]" \
                     : [d] "=&t"(d_), [f] "=&r"(f_) \
                     : [x] "t"(a_), [y] "t"(b_), [m] "r"(fpscr), [z] "r"(0)); \
    (fl) = f_ & 0x9f; bits_f(d_); })
#define OP1(insn, a, fpscr, fl) ({ \
    float d_ = 0, a_ = f_of(a); \
    uint32_t f_; \
    __asm__ volatile("vmsr fpscr, %[m]\n\t" insn " %[d], %[x]\n\t" \
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]" \
                     : [d] "=&t"(d_), [f] "=&r"(f_) \
                     : [x] "t"(a_), [m] "r"(fpscr), [z] "r"(0)); \
    (fl) = f_ & 0x9f; bits_f(d_); })

static void test_fz(void)
{
    uint32_t r, fl;
    uint64_t r64;

    group("FZ flush-to-zero");
    /* Smallest denormal + 0: flushed input, +0 + +0 = +0, IDC. */
    r = OP2("vadd.f32", 0x00000001, 0x00000000, FZ, fl);
    CHECK(r, 0x00000000, "FZ vadd denormal + 0");
    CHECK(fl, 0x80, "FZ vadd denormal + 0 flags");
    /* -denormal + -0: the flushed input keeps its sign: -0. */
    r = OP2("vadd.f32", 0x80000001, 0x80000000, FZ, fl);
    CHECK(r, 0x80000000, "FZ vadd -denormal + -0");
    CHECK(fl, 0x80, "FZ vadd -denormal + -0 flags");
    /* Denormal * 2^100 would be normal, but the input is flushed: +0. */
    r = OP2("vmul.f32", 0x00400000, 0x71800000, FZ, fl);
    CHECK(r, 0x00000000, "FZ vmul denormal * 2^100");
    CHECK(fl, 0x80, "FZ vmul denormal * 2^100 flags");
    /* Without FZ: 2^-127 * 2^100 = 2^-27 = 0x32000000, exact. */
    r = OP2("vmul.f32", 0x00400000, 0x71800000, 0, fl);
    CHECK(r, 0x32000000, "no FZ vmul denormal * 2^100");
    CHECK(fl, 0, "no FZ vmul denormal * 2^100 flags");
    /* FLT_MIN * 0.5 = 2^-127, a denormal result: flushed to +0, UFC only. */
    r = OP2("vmul.f32", 0x00800000, 0x3f000000, FZ, fl);
    CHECK(r, 0x00000000, "FZ vmul FLT_MIN * 0.5");
    CHECK(fl, 0x08, "FZ vmul FLT_MIN * 0.5 flags");
    /* Without FZ the denormal is exact: no flags at all. */
    r = OP2("vmul.f32", 0x00800000, 0x3f000000, 0, fl);
    CHECK(r, 0x00400000, "no FZ vmul FLT_MIN * 0.5");
    CHECK(fl, 0, "no FZ vmul FLT_MIN * 0.5 flags");
    /* -FLT_MIN * 0.5 under FZ: -0. */
    r = OP2("vmul.f32", 0x80800000, 0x3f000000, FZ, fl);
    CHECK(r, 0x80000000, "FZ vmul -FLT_MIN * 0.5");
    /* Double: DBL_MIN * 0.5 -> +0 with UFC. */
    {
        double d = 0, a = d_of(0x0010000000000000ull), b = 0.5;
        uint32_t f;
        __asm__ volatile("vmsr fpscr, %[m]\n\tvmul.f64 %P[d], %P[x], %P[y]\n\t"
                         "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                         : [d] "=&w"(d), [f] "=&r"(f)
                         : [x] "w"(a), [y] "w"(b), [m] "r"(FZ), [z] "r"(0));
        r64 = bits_d(d);
        CHECK(r64, 0, "FZ vmul.f64 DBL_MIN * 0.5");
        CHECK(f & 0x9f, 0x08, "FZ vmul.f64 DBL_MIN * 0.5 flags");
    }
    group_end();
}

static void test_nan(void)
{
    uint32_t r, fl;

    group("NaN propagation and DN");
    /* Quiet NaN operand: returned as is, no flags. */
    r = OP2("vadd.f32", 0x7fc12345, 0x3f800000, 0, fl);
    CHECK(r, 0x7fc12345, "qNaN + 1");
    CHECK(fl, 0, "qNaN + 1 flags");
    /* Signalling NaN: quieted (bit 22 set), IOC. */
    r = OP2("vadd.f32", 0x7f812345, 0x3f800000, 0, fl);
    CHECK(r, 0x7fc12345, "sNaN + 1");
    CHECK(fl, 0x01, "sNaN + 1 flags");
    /* The second operand signalling beats a first quiet NaN. */
    r = OP2("vmul.f32", 0x7fc11111, 0xff822222, 0, fl);
    CHECK(r, 0xffc22222, "qNaN * sNaN");
    CHECK(fl, 0x01, "qNaN * sNaN flags");
    /* Two quiet NaNs: the first. */
    r = OP2("vsub.f32", 0x7fc11111, 0xffc22222, 0, fl);
    CHECK(r, 0x7fc11111, "qNaN - qNaN");
    CHECK(fl, 0, "qNaN - qNaN flags");
    /* 1 + qNaN: the NaN operand, wherever it is. */
    r = OP2("vdiv.f32", 0x3f800000, 0xffc33333, 0, fl);
    CHECK(r, 0xffc33333, "1 / qNaN");
    /* DN: default NaN for NaN operands, IOC only if signalling. */
    r = OP2("vadd.f32", 0x7fc12345, 0x3f800000, DN, fl);
    CHECK(r, 0x7fc00000, "DN qNaN + 1");
    CHECK(fl, 0, "DN qNaN + 1 flags");
    r = OP2("vadd.f32", 0xff812345, 0x3f800000, DN, fl);
    CHECK(r, 0x7fc00000, "DN -sNaN + 1");
    CHECK(fl, 0x01, "DN -sNaN + 1 flags");
    /* Invalid operation without NaN inputs: default NaN, positive. */
    r = OP2("vmul.f32", 0x00000000, 0xff800000, 0, fl);
    CHECK(r, 0x7fc00000, "0 * -inf");
    CHECK(fl, 0x01, "0 * -inf flags");
    r = OP1("vsqrt.f32", 0x7f800005, 0, fl);
    CHECK(r, 0x7fc00005, "vsqrt sNaN");
    CHECK(fl, 0x01, "vsqrt sNaN flags");
    /* vneg/vabs/vmov flip or clear the sign only: even with DN, no IOC. */
    r = OP1("vneg.f32", 0x7f812345, DN, fl);
    CHECK(r, 0xff812345, "vneg sNaN");
    CHECK(fl, 0, "vneg sNaN flags");
    r = OP1("vabs.f32", 0xff812345, DN, fl);
    CHECK(r, 0x7f812345, "vabs -sNaN");
    CHECK(fl, 0, "vabs -sNaN flags");
    /* NaN to integer: 0, IOC. */
    r = OP1("vcvt.s32.f32", 0x7fc00000, 0, fl);
    CHECK(r, 0, "vcvt.s32.f32 NaN");
    CHECK(fl, 0x01, "vcvt.s32.f32 NaN flags");
    group_end();
}

static void test_compare(void)
{
    uint32_t f, apsr;

    group("vcmp/vcmpe with NaN, vmrs APSR_nzcv");
    /* Unordered: NZCV = 0011; vcmp with a quiet NaN raises nothing. */
    __asm__ volatile("vmsr fpscr, %[z]\n\tvcmp.f32 %[a], %[b]\n\t"
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                     : [f] "=&r"(f) : [a] "t"(f_of(0x7fc00000)),
                       [b] "t"(f_of(0x3f800000)), [z] "r"(0));
    CHECK(f >> 28, 3, "vcmp qNaN, 1 NZCV");
    CHECK(f & 0x9f, 0, "vcmp qNaN, 1 flags");
    /* vcmpe raises IOC for a quiet NaN too. */
    __asm__ volatile("vmsr fpscr, %[z]\n\tvcmpe.f32 %[a], %[b]\n\t"
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                     : [f] "=&r"(f) : [a] "t"(f_of(0x7fc00000)),
                       [b] "t"(f_of(0x3f800000)), [z] "r"(0));
    CHECK(f >> 28, 3, "vcmpe qNaN, 1 NZCV");
    CHECK(f & 0x9f, 0x01, "vcmpe qNaN, 1 flags");
    /* vcmp with a signalling NaN raises IOC. */
    __asm__ volatile("vmsr fpscr, %[z]\n\tvcmp.f32 %[a], %[b]\n\t"
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                     : [f] "=&r"(f) : [a] "t"(f_of(0x3f800000)),
                       [b] "t"(f_of(0x7f800001)), [z] "r"(0));
    CHECK(f & 0x9f, 0x01, "vcmp 1, sNaN flags");
    /* vcmp with #0: -1 < 0: N.  Then vmrs APSR_nzcv copies it to the
     * APSR, where a conditional instruction sees it. */
    __asm__ volatile("msr APSR_nzcvq, %[z]\n\tvcmp.f32 %[a], #0\n\t"
                     "vmrs APSR_nzcv, fpscr\n\tmrs %[f], APSR"
                     : [f] "=&r"(apsr) : [a] "t"(f_of(0xbf800000)), [z] "r"(0)
                     : "cc");
    CHECK(apsr >> 28, NF, "vcmp -1, #0; vmrs APSR_nzcv");
    /* -0 == +0: Z C. */
    __asm__ volatile("vcmp.f32 %[a], #0\n\tvmrs APSR_nzcv, fpscr\n\t"
                     "mrs %[f], APSR"
                     : [f] "=&r"(apsr) : [a] "t"(f_of(0x80000000)) : "cc");
    CHECK(apsr >> 28, ZF | CF, "vcmp -0, #0; vmrs APSR_nzcv");
    group_end();
}

static void test_sticky(void)
{
    uint32_t f;
    float d;

    group("cumulative flags");
    /* 1/0 (DZC) then 1/3 (IXC): both stay; a write clears them. */
    __asm__ volatile("vmsr fpscr, %[z]\n\tvdiv.f32 %[d], %[one], %[zero]\n\t"
                     "vdiv.f32 %[d], %[one], %[three]\n\tvmrs %[f], fpscr"
                     : [d] "=&t"(d), [f] "=&r"(f)
                     : [one] "t"(1.0f), [zero] "t"(0.0f), [three] "t"(3.0f),
                       [z] "r"(0));
    CHECK(f & 0x9f, 0x12, "1/0 then 1/3: DZC | IXC");
    __asm__ volatile("vmsr fpscr, %[z]\n\tvmrs %[f], fpscr" : [f] "=r"(f)
                     : [z] "r"(0));
    CHECK(f & 0x9f, 0, "vmsr fpscr clears them");
    /* FLT_MAX * 2 (RN): +inf, OFC | IXC; in RZ: FLT_MAX. */
    __asm__ volatile("vmsr fpscr, %[z]\n\tvmul.f32 %[d], %[a], %[two]\n\t"
                     "vmrs %[f], fpscr"
                     : [d] "=&t"(d), [f] "=&r"(f)
                     : [a] "t"(f_of(0x7f7fffff)), [two] "t"(2.0f), [z] "r"(0));
    CHECK(bits_f(d), 0x7f800000, "FLT_MAX * 2 RN");
    CHECK(f & 0x9f, 0x14, "FLT_MAX * 2 RN flags");
    __asm__ volatile("vmsr fpscr, %[m]\n\tvmul.f32 %[d], %[a], %[two]\n\t"
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                     : [d] "=&t"(d), [f] "=&r"(f)
                     : [a] "t"(f_of(0x7f7fffff)), [two] "t"(2.0f),
                       [m] "r"(3u << 22), [z] "r"(0));
    CHECK(bits_f(d), 0x7f7fffff, "FLT_MAX * 2 RZ");
    CHECK(f & 0x9f, 0x14, "FLT_MAX * 2 RZ flags");
    /* The RMode, FZ, DN bits read back as written. */
    __asm__ volatile("vmsr fpscr, %[m]\n\tvmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                     : [f] "=&r"(f) : [m] "r"(FZ | DN | (2u << 22)), [z] "r"(0));
    CHECK(f & 0x03c00000, FZ | DN | (2u << 22), "FPSCR control bits read back");
    group_end();
}

static void test_half(void)
{
    float d;
    uint32_t f;

    group("half precision vcvtb/vcvtt");
    /* 1.0 -> 0x3c00 into the bottom half; the top half is kept. */
    d = f_of(0xaaaa5555);
    __asm__ volatile("vcvtb.f16.f32 %[d], %[a]" : [d] "+t"(d)
                     : [a] "t"(1.0f));
    CHECK(bits_f(d), 0xaaaa3c00, "vcvtb.f16.f32 1.0");
    /* -2.5 -> 0xc100 into the top half. */
    __asm__ volatile("vcvtt.f16.f32 %[d], %[a]" : [d] "+t"(d)
                     : [a] "t"(-2.5f));
    CHECK(bits_f(d), 0xc1003c00, "vcvtt.f16.f32 -2.5");
    /* And back: top half 0xc100 = -2.5, bottom 0x3c00 = 1.0. */
    {
        float lo, hi;
        __asm__ volatile("vcvtb.f32.f16 %[l], %[a]\n\tvcvtt.f32.f16 %[h], %[a]"
                         : [l] "=&t"(lo), [h] "=&t"(hi) : [a] "t"(d));
        CHECK(bits_f(lo), 0x3f800000, "vcvtb.f32.f16 0x3c00");
        CHECK(bits_f(hi), 0xc0200000, "vcvtt.f32.f16 0xc100");
    }
    /* 65520 is halfway between 65504 (max) and 65536: ties to even
     * rounds up, overflow: +inf 0x7c00, OFC | IXC. */
    d = 0;
    __asm__ volatile("vmsr fpscr, %[z]\n\tvcvtb.f16.f32 %[d], %[a]\n\t"
                     "vmrs %[f], fpscr"
                     : [d] "+t"(d), [f] "=&r"(f)
                     : [a] "t"(f_of(0x477ff000)), [z] "r"(0));
    CHECK(bits_f(d) & 0xffff, 0x7c00, "vcvtb.f16.f32 65520");
    CHECK(f & 0x9f, 0x14, "vcvtb.f16.f32 65520 flags");
    group_end();

    /* FPSCR.AHP (bit 26): the alternative format has no infinities or
     * NaNs, exponent 31 is a normal one (max 131008).  FPConvert: a NaN
     * gives FPZero(sign) and IOC, an infinity sign:Ones and IOC; FPRound:
     * overflow gives sign:Ones and IOC (no OFC, no IXC). */
    group("half precision, alternative format (AHP)");
#define AHP_TO16(in, want, wantfl) do { \
    float d_ = 0; \
    uint32_t f_; \
    __asm__ volatile("vmsr fpscr, %[m]\n\tvcvtb.f16.f32 %[d], %[a]\n\t" \
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]" \
                     : [d] "+t"(d_), [f] "=&r"(f_) \
                     : [a] "t"(f_of(in)), [m] "r"(1u << 26), [z] "r"(0)); \
    CHECK(bits_f(d_), want, "AHP vcvtb.f16.f32 0x%08x", in); \
    CHECK(f_ & 0x9f, wantfl, "AHP vcvtb.f16.f32 0x%08x flags", in); \
} while (0)
    AHP_TO16(0xffc00000, 0x8000, 0x01);     /* -NaN: -0 */
    AHP_TO16(0x7fc00000, 0x0000, 0x01);     /* +NaN: +0 */
    AHP_TO16(0x7f800000, 0x7fff, 0x01);     /* +inf: largest */
    AHP_TO16(0xff800000, 0xffff, 0x01);     /* -inf */
    AHP_TO16(0x477ff000, 0x7c00, 0x10);     /* 65520 rounds to 65536 */
    AHP_TO16(0x48000000, 0x7fff, 0x01);     /* 2^17 overflows */
    /* And back: 0x7c00 = 65536, 0xffff = -131008. */
    __asm__ volatile("vmsr fpscr, %[m]\n\tvcvtb.f32.f16 %[d], %[a]\n\t"
                     "vmsr fpscr, %[z]"
                     : [d] "=&t"(d) : [a] "t"(f_of(0x7c00)), [m] "r"(1u << 26),
                       [z] "r"(0));
    CHECK(bits_f(d), 0x47800000, "AHP vcvtb.f32.f16 0x7c00");
    __asm__ volatile("vmsr fpscr, %[m]\n\tvcvtb.f32.f16 %[d], %[a]\n\t"
                     "vmsr fpscr, %[z]"
                     : [d] "=&t"(d) : [a] "t"(f_of(0xffff)), [m] "r"(1u << 26),
                       [z] "r"(0));
    CHECK(bits_f(d), 0xc7ffe000, "AHP vcvtb.f32.f16 0xffff");
    /* From double: -NaN gives -0 too. */
    {
        double dn = d_of(0xfff8000000000000ull);
        uint32_t f;
        d = 0;
        __asm__ volatile("vmsr fpscr, %[m]\n\tvcvtb.f16.f64 %[d], %P[a]\n\t"
                         "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                         : [d] "+t"(d), [f] "=&r"(f)
                         : [a] "w"(dn), [m] "r"(1u << 26), [z] "r"(0));
        CHECK(bits_f(d), 0x8000, "AHP vcvtb.f16.f64 -NaN");
        CHECK(f & 0x9f, 0x01, "AHP vcvtb.f16.f64 -NaN flags");
    }
    /* The Neon form follows FPSCR.AHP as well: lanes -NaN, +NaN, -inf,
     * 65520 -> 0x8000, 0x0000, 0xffff, 0x7c00; IOC and IXC. */
    {
        static const uint32_t in[4] __attribute__((aligned(16))) = {
            0xffc00000, 0x7fc00000, 0xff800000, 0x477ff000 };
        uint32_t out[2], f;
        __asm__ volatile("vmsr fpscr, %[m]\n\tvld1.32 {d0, d1}, [%[i]]\n\t"
                         "vcvt.f16.f32 d2, q0\n\tvst1.32 {d2}, [%[o]]\n\t"
                         "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                         : [f] "=&r"(f)
                         : [i] "r"(in), [o] "r"(out), [m] "r"(1u << 26),
                           [z] "r"(0)
                         : "d0", "d1", "d2", "memory");
        CHECK(out[0], 0x00008000, "AHP Neon vcvt.f16.f32 lanes 0-1");
        CHECK(out[1], 0x7c00ffff, "AHP Neon vcvt.f16.f32 lanes 2-3");
        CHECK(f & 0x9f, 0x11, "AHP Neon vcvt.f16.f32 flags");
    }
    group_end();
}

int main(void)
{
    test_fz();
    test_nan();
    test_compare();
    test_sticky();
    test_half();
    return test_exit();
}
