/*
 * tests/tcg/arm/ref-vfp.c: native reference model for test-vfp.c: VFP
 * arithmetic, square root, multiply-accumulate, conversions and compares
 * in each rounding mode, with the cumulative exception flags, computed
 * by the host's IEEE 754 arithmetic (fesetround/fetestexcept) and mapped
 * to the AArch32 rules where they differ from the host's:
 *   - a NaN produced from non-NaN inputs is the default NaN 0x7fc00000
 *     (x86 gives a negative one);
 *   - float to integer saturates (x86 gives 0x80000000) and sets only
 *     IOC when out of range; NaN converts to 0;
 *   - underflow: AArch32 detects tininess before rounding, x86 after;
 *     the inputs avoid results that round up to the smallest normal, and
 *     the model refuses (#error) to emit such a case.
 * FPSCR flag bits: IOC 0, DZC 1, OFC 2, UFC 3, IXC 4.
 * Compiled with -frounding-math -ffp-contract=off; the operands go
 * through volatiles so that nothing is folded at compile time.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "ref.h"
#include "fvals.h"

static const int host_mode[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD,
                                  FE_TOWARDZERO };

static uint32_t host_flags(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    return (e & FE_INVALID ? 1u : 0) | (e & FE_DIVBYZERO ? 2u : 0) |
           (e & FE_OVERFLOW ? 4u : 0) | (e & FE_UNDERFLOW ? 8u : 0) |
           (e & FE_INEXACT ? 16u : 0);
}

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t bits_f(float f)
{
    uint32_t b;
    if (isnan(f)) {
        return 0x7fc00000;
    }
    memcpy(&b, &f, 4);
    return b;
}
static double d_of(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static uint64_t bits_d(double d)
{
    uint64_t b;
    if (isnan(d)) {
        return 0x7ff8000000000000ull;
    }
    memcpy(&b, &d, 8);
    return b;
}

static void check_tiny_f(float r, uint32_t fl)
{
    if (fabsf(r) == FLT_MIN && (fl & 16)) {
        printf("\n#error \"ref-vfp: ambiguous tininess (float)\"\n");
    }
}
static void check_tiny_d(double r, uint32_t fl)
{
    if (fabs(r) == DBL_MIN && (fl & 16)) {
        printf("\n#error \"ref-vfp: ambiguous tininess (double)\"\n");
    }
}

enum { ADD, SUB, MUL, DIV, MLA, FMA, SQRT, MLS, NMLA, NMLS, NMUL, FMS, FNMA,
       FNMS };

static volatile float vf1, vf2, vf3, vfr;
static volatile double vd1, vd2, vd3, vdr;

/* Per rounding mode, per pair (i, j): result, flags.  The accumulator of
 * MLA/FMA is fvals[(i + j) % NFVALS]; SQRT walks i only. */
static void f32_op(const char *name, int op)
{
    int m, i, j;

    ref_begin(name);
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NFVALS; i++) {
            for (j = 0; j < (op == SQRT ? 1 : NFVALS); j++) {
                float p;
                uint32_t fl, b;

                vf1 = f_of(fvals[i]);
                vf2 = f_of(fvals[j]);
                vf3 = f_of(fvals[(i + j) % NFVALS]);
                fesetround(host_mode[m]);
                feclearexcept(FE_ALL_EXCEPT);
                switch (op) {
                case ADD: vfr = vf1 + vf2; break;
                case SUB: vfr = vf1 - vf2; break;
                case MUL: vfr = vf1 * vf2; break;
                case DIV: vfr = vf1 / vf2; break;
                case MLA: p = vf1 * vf2; check_tiny_f(p, host_flags());
                          vfr = vf3 + p; break;
                case FMA: vfr = fmaf(vf1, vf2, vf3); break;
                /* vmls: d + -(n*m); vnmla: -d + -(n*m); vnmls: -d + n*m;
                 * vnmul: -(n*m), each product rounded first.  The
                 * fused vfms: d + (-n)*m; vfnma: -d + (-n)*m; vfnms:
                 * -d + n*m, rounded once. */
                case MLS: p = vf1 * vf2; check_tiny_f(p, host_flags());
                          vfr = vf3 + -p; break;
                case NMLA: p = vf1 * vf2; check_tiny_f(p, host_flags());
                           vfr = -vf3 + -p; break;
                case NMLS: p = vf1 * vf2; check_tiny_f(p, host_flags());
                           vfr = -vf3 + p; break;
                case NMUL: vfr = -(vf1 * vf2); break;
                case FMS: vfr = fmaf(-vf1, vf2, vf3); break;
                case FNMA: vfr = fmaf(-vf1, vf2, -vf3); break;
                case FNMS: vfr = fmaf(vf1, vf2, -vf3); break;
                default: vfr = sqrtf(vf1); break;
                }
                fl = host_flags();
                fesetround(FE_TONEAREST);
                check_tiny_f(vfr, fl);
                b = bits_f(vfr);
                /* An invalid product is the default NaN 0x7fc00000;
                 * FPNeg of it (vmls, vnmla, vnmul) flips its sign, and
                 * the add then returns that NaN operand. */
                if ((op == MLS || op == NMLA || op == NMUL) &&
                    isnan(vf1 * vf2)) {
                    b = 0xffc00000;
                }
                ref_u32(b);
                ref_u32(op == FMA || op >= FMS ? 0 : fl);
            }
        }
    }
    ref_end();
}

static void f64_op(const char *name, int op)
{
    int m, i, j;

    ref_begin(name);
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NDVALS; i++) {
            for (j = 0; j < (op == SQRT ? 1 : NDVALS); j++) {
                uint32_t fl;
                uint64_t b;

                vd1 = d_of(dvals[i]);
                vd2 = d_of(dvals[j]);
                fesetround(host_mode[m]);
                feclearexcept(FE_ALL_EXCEPT);
                switch (op) {
                case ADD: vdr = vd1 + vd2; break;
                case SUB: vdr = vd1 - vd2; break;
                case MUL: vdr = vd1 * vd2; break;
                case DIV: vdr = vd1 / vd2; break;
                default: vdr = sqrt(vd1); break;
                }
                fl = host_flags();
                fesetround(FE_TONEAREST);
                check_tiny_d(vdr, fl);
                b = bits_d(vdr);
                ref_u32((uint32_t)b);
                ref_u32((uint32_t)(b >> 32));
                ref_u32(fl);
            }
        }
    }
    ref_end();
}

/* FPToFixed to 32 bits (no fraction bits): round with the mode, then
 * saturate with IOC, else IXC when inexact. */
static uint32_t to_int(double v, int mode, int is_signed, uint32_t *fl)
{
    double r, lo = is_signed ? -2147483648.0 : 0.0;
    double hi = is_signed ? 2147483647.0 : 4294967295.0;

    *fl = 0;
    if (isnan(v)) {
        *fl = 1;
        return 0;
    }
    fesetround(host_mode[mode]);
    r = nearbyint(v);
    fesetround(FE_TONEAREST);
    if (r < lo || r > hi) {
        *fl = 1;
        r = r < lo ? lo : hi;
    } else if (r != v) {
        *fl = 16;
    }
    return is_signed ? (uint32_t)(int32_t)r : (uint32_t)r;
}

static void conversions(void)
{
    int m, i;
    uint32_t fl;

    /* vcvt.s32.f32 / vcvt.u32.f32 round towards zero; vcvtr.* use the
     * FPSCR mode: per mode, per fvals[]: s32, flags, u32, flags (the
     * truncating ones are emitted for mode 3 = RZ). */
    ref_begin("exp_cvtr_f32");
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NFVALS; i++) {
            double v = f_of(fvals[i]);
            ref_u32(to_int(v, m, 1, &fl));
            ref_u32(fl);
            ref_u32(to_int(v, m, 0, &fl));
            ref_u32(fl);
        }
    }
    ref_end();
    ref_begin("exp_cvtr_f64");
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NDVALS; i++) {
            double v = d_of(dvals[i]);
            ref_u32(to_int(v, m, 1, &fl));
            ref_u32(fl);
            ref_u32(to_int(v, m, 0, &fl));
            ref_u32(fl);
        }
    }
    ref_end();

    /* vcvt.f32.s32 and vcvt.f32.u32 over vals[], per mode: f32 of the
     * signed, flags, f32 of the unsigned, flags. */
    ref_begin("exp_cvt_from_int");
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NVALS; i++) {
            volatile int32_t s = (int32_t)vals[i];
            volatile uint32_t u = vals[i];
            fesetround(host_mode[m]);
            feclearexcept(FE_ALL_EXCEPT);
            vfr = (float)s;
            fl = host_flags();
            ref_u32(bits_f(vfr));
            ref_u32(fl);
            feclearexcept(FE_ALL_EXCEPT);
            vfr = (float)u;
            fl = host_flags();
            fesetround(FE_TONEAREST);
            ref_u32(bits_f(vfr));
            ref_u32(fl);
        }
    }
    ref_end();

    /* vcvt.f32.f64 (rounds) per mode over dvals[]: f32, flags; then
     * vcvt.f64.f32 (exact) over fvals[]: low, high, flags. */
    ref_begin("exp_cvt_f32_f64");
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NDVALS; i++) {
            vd1 = d_of(dvals[i]);
            fesetround(host_mode[m]);
            feclearexcept(FE_ALL_EXCEPT);
            vfr = (float)vd1;
            fl = host_flags();
            fesetround(FE_TONEAREST);
            check_tiny_f(vfr, fl);
            ref_u32(bits_f(vfr));
            ref_u32(fl);
        }
    }
    ref_end();
    ref_begin("exp_cvt_f64_f32");
    for (i = 0; i < NFVALS; i++) {
        uint64_t b;
        vf1 = f_of(fvals[i]);
        feclearexcept(FE_ALL_EXCEPT);
        vdr = vf1;
        fl = host_flags();
        b = bits_d(vdr);
        ref_u32((uint32_t)b);
        ref_u32((uint32_t)(b >> 32));
        ref_u32(fl);
    }
    ref_end();
}

/* Fixed point with 16 fraction bits: vcvt.s32.f32 #16 (x * 2^16,
 * rounded towards zero, saturated) and vcvt.f32.s32 #16 (the int / 2^16,
 * rounded by the mode), per mode over fvals[]: s32 result, flags,
 * f32 result, flags. */
static void fixed_point(void)
{
    int m, i;
    uint32_t fl;

    ref_begin("exp_cvt_fixed");
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NFVALS; i++) {
            volatile double q;
            ref_u32(to_int((double)f_of(fvals[i]) * 65536.0, 3, 1, &fl));
            ref_u32(fl);
            q = (double)(int32_t)fvals[i] / 65536.0;     /* exact */
            fesetround(host_mode[m]);
            feclearexcept(FE_ALL_EXCEPT);
            vfr = (float)q;
            fl = host_flags();
            fesetround(FE_TONEAREST);
            ref_u32(bits_f(vfr));
            ref_u32(fl);
        }
    }
    ref_end();
}

/* vcmp.f32 over all pairs: FPSCR NZCV (N = less, Z C = equal, C =
 * greater, C V = unordered, which never happens without NaN inputs). */
static void compares(void)
{
    int i, j;

    ref_begin("exp_vcmp_f32");
    for (i = 0; i < NFVALS; i++) {
        for (j = 0; j < NFVALS; j++) {
            float a = f_of(fvals[i]), b = f_of(fvals[j]);
            ref_u32(a < b ? 8u : a == b ? 6u : a > b ? 2u : 3u);
        }
    }
    ref_end();
}

int main(void)
{
    printf("/* Generated by ref-vfp.c: do not edit. */\n");
    f32_op("exp_vadd_f32", ADD);
    f32_op("exp_vsub_f32", SUB);
    f32_op("exp_vmul_f32", MUL);
    f32_op("exp_vdiv_f32", DIV);
    f32_op("exp_vmla_f32", MLA);
    f32_op("exp_vfma_f32", FMA);
    f32_op("exp_vsqrt_f32", SQRT);
    f32_op("exp_vmls_f32", MLS);
    f32_op("exp_vnmla_f32", NMLA);
    f32_op("exp_vnmls_f32", NMLS);
    f32_op("exp_vnmul_f32", NMUL);
    f32_op("exp_vfms_f32", FMS);
    f32_op("exp_vfnma_f32", FNMA);
    f32_op("exp_vfnms_f32", FNMS);
    f64_op("exp_vadd_f64", ADD);
    f64_op("exp_vsub_f64", SUB);
    f64_op("exp_vmul_f64", MUL);
    f64_op("exp_vdiv_f64", DIV);
    f64_op("exp_vsqrt_f64", SQRT);
    conversions();
    fixed_point();
    compares();
    return 0;
}
