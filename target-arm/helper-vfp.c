/*
 * target-arm/helper-vfp.c: the run-time side of the AArch32 VFP
 * instructions (trans-a32-vfp.c.inc), and FPSCR.
 *
 * FPSCR is kept as its AArch64 halves: the control bits (AHP DN FZ
 * RMode FZ16) in env->fpcr, which drive env->fp_status, and the status
 * bits (NZCV QC and the cumulative IDC IXC UFC OFC DZC IOC) in
 * env->fpsr plus the flags the fpu library accumulates in the three
 * FloatStatus.  Len and Stride (short vectors) and the trap enables
 * read as zero, as on every ARMv7-A/ARMv8 core with Advanced SIMD.
 *
 * Every helper takes its operands as values (i32 for single, i64 for
 * double precision) and returns the result, so the translator keeps the
 * registers in env and calls one helper per operation; none of them
 * touches a TCG global (FPSCR.NZCV of VCMP lives in env->fpsr).  They
 * run on env->fp_status, the state the guest's FPSCR describes (the
 * double-precision arithmetic and compare helpers compute on the host
 * FPU inline when that is provably identical, see vf_fast_ok); the
 * Neon "standard FPSCR value" (round to nearest, FZ, DN) is
 * env->standard_fp_status, which vfp_set_fpscr keeps that way.
 *
 * Half precision (VCVTB/VCVTT) follows the Arm ARM: FZ never flushes a
 * half-precision input or result (only FZ16 would, and that applies to
 * half-precision arithmetic, not to conversions), while a single or
 * double input is flushed by FZ as usual.
 */
#include "internals.h"
#include "fpsimd.h"
#include "tcg/helper-info.h"
#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------- FPSCR */

uint32_t vfp_get_fpscr(CPUARMState *env)
{
    return (vfp_get_fpcr(env) & FPCR_MASK) | (vfp_get_fpsr(env) & FPSR_MASK);
}

void vfp_set_fpscr(CPUARMState *env, uint32_t val)
{
    FloatStatus *std = &env->standard_fp_status;

    vfp_set_fpcr(env, val & FPCR_MASK);
    vfp_set_fpsr(env, val & FPSR_MASK);
    /* StandardFPSCRValue(): RMode = RN, FZ = 1, DN = 1 whatever FPSCR says */
    std->rounding_mode = float_round_nearest_even;
    std->flush_to_zero = true;
    std->flush_inputs_to_zero = true;
    std->default_nan_mode = true;
}

static uint32_t helper_vfp_get_fpscr(CPUARMState *env)
{
    return vfp_get_fpscr(env);
}

static void helper_vfp_set_fpscr(CPUARMState *env, uint32_t val)
{
    vfp_set_fpscr(env, val);
}

/* ----------------------------------------------------------- arithmetic */

#define FST (&env->fp_status)

static uint32_t helper_vfp_adds(CPUARMState *env, uint32_t a, uint32_t b)
{
    return float32_add(a, b, FST);
}

static uint32_t helper_vfp_subs(CPUARMState *env, uint32_t a, uint32_t b)
{
    return float32_sub(a, b, FST);
}

static uint32_t helper_vfp_muls(CPUARMState *env, uint32_t a, uint32_t b)
{
    return float32_mul(a, b, FST);
}

static uint32_t helper_vfp_divs(CPUARMState *env, uint32_t a, uint32_t b)
{
    return float32_div(a, b, FST);
}

/*
 * Double precision on the host FPU, inline in the helpers (one call per
 * guest instruction, no fma() library call): taken only when the host
 * result and every flag are sure to be those of the soft path, which is
 * the fallback.  Conditions: round to nearest even, operands normal or
 * zero (no NaN, infinity, denormal: so no IDC, IOC, no flushing, no NaN
 * choice), every rounded result normal and finite or an exact zero (no
 * OFC, UFC, no flushing).  The one flag left is IXC: skipped when it is
 * already set (sticky), otherwise decided exactly by integer or
 * error-free tests (reading MXCSR.PE instead measured slower).  The host
 * rounds to nearest even (MXCSR default); vf_mul keeps the compiler from
 * fusing its product with a following add, whatever -march says.
 */
#define VF_LIKELY(x) __builtin_expect(!!(x), 1)

static inline double vf_d(uint64_t a)
{
    double d;

    memcpy(&d, &a, sizeof(d));
    return d;
}

static inline uint64_t vf_u(double d)
{
    uint64_t a;

    memcpy(&a, &d, sizeof(a));
    return a;
}

/* Normal or zero: exponent field neither 0 nor 0x7ff, or +-0. */
static inline bool vf_plain(uint64_t a)
{
    return ((a >> 52) & 0x7ff) - 1 < 0x7fe || (a << 1) == 0;
}

/* Both operands normal or zero. */
static inline bool vf_plain2(uint64_t a, uint64_t b)
{
    return vf_plain(a) && vf_plain(b);
}

/*
 * Not a denormal (zero, normal, infinity or NaN).  Enough for the
 * operands of add, sub, mul and mla, whose results are checked: an
 * infinite or NaN operand never gives a normal result or an exact zero.
 */
static inline bool vf_nodenorm(uint64_t a)
{
    return (a << 1) - 1 >= (1ull << 53) - 1;
}

static inline bool vf_nodenorm2(uint64_t a, uint64_t b)
{
    return vf_nodenorm(a) & vf_nodenorm(b);
}

/* A rounded host result that is normal and finite (not zero). */
static inline bool vf_normal(uint64_t r)
{
    return ((r >> 52) & 0x7ff) - 1 < 0x7fe;
}

static inline bool vf_fast_ok(const FloatStatus *s)
{
    return s->rounding_mode == float_round_nearest_even && !s->soft_only;
}

/*
 * The exact product of two nonzero normal significands fits in binary64
 * (given a normal result) iff the product of their odd parts is below
 * 2^53: an odd integer of 54 bits or more is not representable.
 */
static inline bool vf_mul_exact(uint64_t a, uint64_t b)
{
    uint64_t ma = (a & 0x000fffffffffffffull) | 0x0010000000000000ull;
    uint64_t mb = (b & 0x000fffffffffffffull) | 0x0010000000000000ull;

    ma >>= __builtin_ctzll(ma);
    mb >>= __builtin_ctzll(mb);
    return (unsigned __int128)ma * mb < (1ull << 53);
}

/* x + y with a normal or exact zero result; false: take the soft path. */
static inline bool vf_add(FloatStatus *s, double x, double y, double *res)
{
    double r = x + y;
    uint64_t ru = vf_u(r);

    if (!vf_normal(ru)) {
        if ((ru << 1) != 0) {
            return false;         /* inf, NaN or subnormal */
        }
        /* an exact zero: x == -y, or both zero */
        *res = r;
        return true;
    }
    if (!(s->flags & float_flag_inexact)) {
        /*
         * Fast2Sum: for the operand of larger magnitude, say x, r - x is
         * computed exactly (round to nearest, no overflow), so it equals
         * y iff r is exact.  Both differences are tested, in parallel and
         * without a branch on which operand is larger: when r is exact
         * both hold, when it is not the exact one fails.
         */
        bool ok = (r - x == y) & (r - y == x);

        if (!ok) {
            s->flags |= float_flag_inexact;
        }
    }
    *res = r;
    return true;
}

/* x * y (a, b their encodings): normal or exact-zero result, or false. */
static inline bool vf_mul(FloatStatus *s, uint64_t a, uint64_t b,
                          double *res)
{
    double r = vf_d(a) * vf_d(b);

    /* a rounded product: no FMA contraction with the caller's add */
#if defined(__x86_64__) || defined(__i386__)
    __asm__("" : "+x"(r));
#else
    __asm__("" : "+m"(r));
#endif
    if (!vf_normal(vf_u(r))) {
        /* only an exact signed zero (0 * finite) is fine */
        if ((vf_u(r) << 1) == 0 && ((a << 1) == 0 || (b << 1) == 0)) {
            *res = r;
            return true;
        }
        return false;
    }
    /* r normal: a and b are normal */
    if (!(s->flags & float_flag_inexact) && !vf_mul_exact(a, b)) {
        s->flags |= float_flag_inexact;
    }
    *res = r;
    return true;
}

static uint64_t helper_vfp_addd(CPUARMState *env, uint64_t a, uint64_t b)
{
    double r;

    if (VF_LIKELY(vf_fast_ok(FST) && vf_nodenorm2(a, b))
        && vf_add(FST, vf_d(a), vf_d(b), &r)) {
        return vf_u(r);
    }
    return float64_add(a, b, FST);
}

static uint64_t helper_vfp_subd(CPUARMState *env, uint64_t a, uint64_t b)
{
    double r;

    if (VF_LIKELY(vf_fast_ok(FST) && vf_nodenorm2(a, b))
        && vf_add(FST, vf_d(a), -vf_d(b), &r)) {
        return vf_u(r);
    }
    return float64_sub(a, b, FST);
}

static uint64_t helper_vfp_muld(CPUARMState *env, uint64_t a, uint64_t b)
{
    double r;

    if (VF_LIKELY(vf_fast_ok(FST) && vf_nodenorm2(a, b))
        && vf_mul(FST, a, b, &r)) {
        return vf_u(r);
    }
    return float64_mul(a, b, FST);
}

/*
 * VDIV and VSQRT on the host only once IXC is set (sticky): then the
 * result alone must match, which it does for plain operands and a
 * normal result (correctly rounded to nearest by the host).  Until IXC
 * is set, the fpu library decides exactness (fpu/hostfast.c).
 */
static uint64_t helper_vfp_divd(CPUARMState *env, uint64_t a, uint64_t b)
{
    if (VF_LIKELY(vf_fast_ok(FST) && (FST->flags & float_flag_inexact)
                  && vf_plain2(a, b) && (b << 1) != 0)) {
        double r = vf_d(a) / vf_d(b);

        if ((a << 1) == 0 || vf_normal(vf_u(r))) {
            return vf_u(r);
        }
    }
    return float64_div(a, b, FST);
}

/* FP_MAXNM, FP_MINNM... of fpsimd.h */
static uint32_t helper_vfp_op2s(CPUARMState *env, uint32_t a, uint32_t b,
                                uint32_t op)
{
    return fp_op2(env, op, 2, a, b);
}

static uint64_t helper_vfp_op2d(CPUARMState *env, uint64_t a, uint64_t b,
                                uint32_t op)
{
    return fp_op2(env, op, 3, a, b);
}

/*
 * VMLA, VMLS, VNMLA, VNMLS: the product is rounded, then added (two
 * roundings, flags of both).  neg: bit 0 negates the product, bit 1 the
 * accumulator (FPNeg, which flips the sign of a NaN too).
 */
static uint32_t helper_vfp_mlas(CPUARMState *env, uint32_t d, uint32_t n,
                                uint32_t m, uint32_t neg)
{
    uint32_t p = float32_mul(n, m, FST);

    if (neg & 1) {
        p = float32_chs(p);
    }
    if (neg & 2) {
        d = float32_chs(d);
    }
    return float32_add(d, p, FST);
}

static uint64_t helper_vfp_mlad(CPUARMState *env, uint64_t d, uint64_t n,
                                uint64_t m, uint32_t neg)
{
    uint64_t p;
    double pd, r;

    /*
     * Fast: both roundings on the host; IXC of the product is decided
     * before the sum's, as the soft path raises them (both sticky, so
     * the order only matters for skipping the second test).
     */
    if (VF_LIKELY(vf_fast_ok(FST) && vf_nodenorm2(n, m)
                  && vf_nodenorm(d))) {
        uint8_t saved = FST->flags;

        if (vf_mul(FST, n, m, &pd)) {
            double dd = vf_d(d);

            if (neg & 1) {
                pd = -pd;
            }
            if (neg & 2) {
                dd = -dd;
            }
            if (vf_add(FST, dd, pd, &r)) {
                return vf_u(r);
            }
        }
        FST->flags = saved;       /* redo it all on the soft path */
    }
    p = float64_mul(n, m, FST);

    if (neg & 1) {
        p = float64_chs(p);
    }
    if (neg & 2) {
        d = float64_chs(d);
    }
    return float64_add(d, p, FST);
}

/*
 * VFMA, VFMS, VFNMA, VFNMS: FPMulAdd(addend, op1, op2) with one rounding;
 * neg: bit 0 negates op1, bit 1 the addend (before any NaN is chosen).
 */
static uint32_t helper_vfp_fmas(CPUARMState *env, uint32_t d, uint32_t n,
                                uint32_t m, uint32_t neg)
{
    if (neg & 1) {
        n = float32_chs(n);
    }
    if (neg & 2) {
        d = float32_chs(d);
    }
    return float32_muladd(n, m, d, 0, FST);
}

static uint64_t helper_vfp_fmad(CPUARMState *env, uint64_t d, uint64_t n,
                                uint64_t m, uint32_t neg)
{
    if (neg & 1) {
        n = float64_chs(n);
    }
    if (neg & 2) {
        d = float64_chs(d);
    }
    return float64_muladd(n, m, d, 0, FST);
}

static uint32_t helper_vfp_sqrts(CPUARMState *env, uint32_t a)
{
    return float32_sqrt(a, FST);
}

static uint64_t helper_vfp_sqrtd(CPUARMState *env, uint64_t a)
{
    /* a positive normal (or +0): the root is normal (or +0), no flag but IXC */
    if (VF_LIKELY(vf_fast_ok(FST) && (FST->flags & float_flag_inexact)
                  && vf_plain(a) && !(a >> 63))) {
        double x = vf_d(a), r;

#if defined(__x86_64__) || defined(__i386__)
        __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
#else
        r = sqrt(x);
#endif
        return vf_u(r);
    }
    return float64_sqrt(a, FST);
}

/* ------------------------------------------------------------- compare */

/* FPSCR.NZCV of FPCompare: = 0110, < 1000, > 0010, unordered 0011. */
static void vfp_set_nzcv(CPUARMState *env, int rel)
{
    uint32_t nzcv;

    switch (rel) {
    case float_relation_equal: nzcv = 0x6; break;
    case float_relation_less: nzcv = 0x8; break;
    case float_relation_greater: nzcv = 0x2; break;
    default: nzcv = 0x3; break;
    }
    env->fpsr = (env->fpsr & 0x0fffffffu) | (nzcv << 28);
}

/* VCMP (e = 0: only a signalling NaN is invalid) and VCMPE (e = 1). */
static void helper_vfp_cmps(CPUARMState *env, uint32_t a, uint32_t b,
                            uint32_t e)
{
    vfp_set_nzcv(env, fp_compare(env, 2, a, b, e));
}

static void helper_vfp_cmpd(CPUARMState *env, uint64_t a, uint64_t b,
                            uint32_t e)
{
    /*
     * No NaN and no denormal to flush: no flag, an ordered relation.
     * (A denormal operand without FZ raises nothing either, but is rare.)
     */
    if (VF_LIKELY(vf_plain2(a, b))) {
        double x = vf_d(a), y = vf_d(b);

        vfp_set_nzcv(env, x == y ? float_relation_equal
                     : x < y ? float_relation_less : float_relation_greater);
        return;
    }
    vfp_set_nzcv(env, fp_compare(env, 3, a, b, e));
}

/* --------------------------------------------------------- conversions */

static uint64_t helper_vfp_f32_to_f64(CPUARMState *env, uint32_t a)
{
    return float32_to_float64(a, FST);
}

static uint32_t helper_vfp_f64_to_f32(CPUARMState *env, uint64_t a)
{
    return float64_to_float32(a, FST);
}

/* FPSCR.AHP: the alternative half-precision format (no inf/NaN). */
static bool vfp_ahp(CPUARMState *env)
{
    return (env->fpcr >> 26) & 1;
}

/*
 * Half (low 16 bits of a) to single (dp = 0) or double (dp = 1): the
 * half input is never flushed.
 */
static uint64_t helper_vfp_f16_to_f(CPUARMState *env, uint32_t a,
                                    uint32_t dp)
{
    FloatStatus *s = FST;
    bool fz_in = s->flush_inputs_to_zero;
    uint64_t r;

    s->flush_inputs_to_zero = false;
    if (dp) {
        r = float16_to_float64(a & 0xffff, !vfp_ahp(env), s);
    } else {
        r = float16_to_float32(a & 0xffff, !vfp_ahp(env), s);
    }
    s->flush_inputs_to_zero = fz_in;
    return r;
}

/*
 * Single (dp = 0, in the low 32 bits) or double (dp = 1) to half: the
 * input is flushed by FZ, the half result never is.
 */
static uint32_t helper_vfp_f_to_f16(CPUARMState *env, uint64_t a,
                                    uint32_t dp)
{
    FloatStatus *s = FST;
    bool fz_out = s->flush_to_zero;
    uint32_t r;

    if (s->flush_inputs_to_zero) {
        if (dp ? float64_is_denormal(a) : float32_is_denormal((uint32_t)a)) {
            a = dp ? a & (1ull << 63) : a & (1u << 31);
            float_raise(s, float_flag_input_flushed);
        }
    }
    s->flush_to_zero = false;
    if (dp) {
        r = float64_to_float16(a, !vfp_ahp(env), s);
    } else {
        r = float32_to_float16((uint32_t)a, !vfp_ahp(env), s);
    }
    s->flush_to_zero = fz_out;
    return r & 0xffff;
}

/*
 * Float to integer or fixed point.  desc: mode (FloatRoundMode, or 7
 * for FPSCR's) | unsigned << 8 | fbits << 16 | 16-bit result << 24.
 * A 16-bit result saturates to 16 bits and is sign- or zero-extended.
 */
static uint32_t vfp_to_int(CPUARMState *env, int sz, uint64_t a,
                           uint32_t desc)
{
    FloatStatus *s = FST;
    int mode = desc & 0xff, fbits = (desc >> 16) & 0xff;
    bool uns = (desc >> 8) & 1;

    if (mode == 7) {
        mode = s->rounding_mode;
    }
    if (!((desc >> 24) & 1)) {
        return fp_to_int(env, sz, a, mode, uns, false, fbits);
    }
    if (sz == 2) {
        return uns ? float32_to_uint16_scalbn(a, mode, fbits, s)
                   : (uint32_t)(int32_t)float32_to_int16_scalbn(a, mode,
                                                                fbits, s);
    }
    return uns ? float64_to_uint16_scalbn(a, mode, fbits, s)
               : (uint32_t)(int32_t)float64_to_int16_scalbn(a, mode, fbits,
                                                            s);
}

static uint32_t helper_vfp_tosi_s(CPUARMState *env, uint32_t a,
                                  uint32_t desc)
{
    return vfp_to_int(env, 2, a, desc);
}

static uint32_t helper_vfp_tosi_d(CPUARMState *env, uint64_t a,
                                  uint32_t desc)
{
    return vfp_to_int(env, 3, a, desc);
}

/*
 * Integer or fixed point to float, in FPSCR's rounding mode.  desc:
 * unsigned | fbits << 16 | 16-bit operand << 24 (the low half of v).
 */
static uint64_t vfp_from_int(CPUARMState *env, int sz, uint32_t v,
                             uint32_t desc)
{
    bool uns = desc & 1;
    int fbits = (desc >> 16) & 0xff;
    uint64_t x;

    if ((desc >> 24) & 1) {
        x = uns ? (uint64_t)(uint16_t)v : (uint64_t)(int64_t)(int16_t)v;
    } else {
        x = uns ? (uint64_t)v : (uint64_t)(int64_t)(int32_t)v;
    }
    return int_to_fp(env, sz, x, uns, fbits);
}

static uint32_t helper_vfp_sito_s(CPUARMState *env, uint32_t v,
                                  uint32_t desc)
{
    return vfp_from_int(env, 2, v, desc);
}

static uint64_t helper_vfp_sito_d(CPUARMState *env, uint32_t v,
                                  uint32_t desc)
{
    return vfp_from_int(env, 3, v, desc);
}

/* VRINT*: desc = mode (FloatRoundMode, 7 = FPSCR's) | exact << 8 */
static uint32_t helper_vfp_rint_s(CPUARMState *env, uint32_t a,
                                  uint32_t desc)
{
    int mode = desc & 0xff;

    return fp_round(env, 2, a, mode == 7 ? -1 : mode, (desc >> 8) & 1);
}

static uint64_t helper_vfp_rint_d(CPUARMState *env, uint64_t a,
                                  uint32_t desc)
{
    int mode = desc & 0xff;

    return fp_round(env, 3, a, mode == 7 ? -1 : mode, (desc >> 8) & 1);
}

/* -------------------------------------------------------- descriptors */

#define I32 TCG_CALL_I32
#define I64 TCG_CALL_I64
#define PTR TCG_CALL_PTR
#define RWG TCG_CALL_NO_RWG

DEF_HELPER_INFO(vfp_get_fpscr, RWG, I32, 1, PTR);
DEF_HELPER_INFO(vfp_set_fpscr, RWG, TCG_CALL_VOID, 2, PTR, I32);
DEF_HELPER_INFO(vfp_adds, RWG, I32, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_subs, RWG, I32, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_muls, RWG, I32, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_divs, RWG, I32, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_addd, RWG, I64, 3, PTR, I64, I64);
DEF_HELPER_INFO(vfp_subd, RWG, I64, 3, PTR, I64, I64);
DEF_HELPER_INFO(vfp_muld, RWG, I64, 3, PTR, I64, I64);
DEF_HELPER_INFO(vfp_divd, RWG, I64, 3, PTR, I64, I64);
DEF_HELPER_INFO(vfp_op2s, RWG, I32, 4, PTR, I32, I32, I32);
DEF_HELPER_INFO(vfp_op2d, RWG, I64, 4, PTR, I64, I64, I32);
DEF_HELPER_INFO(vfp_mlas, RWG, I32, 5, PTR, I32, I32, I32, I32);
DEF_HELPER_INFO(vfp_mlad, RWG, I64, 5, PTR, I64, I64, I64, I32);
DEF_HELPER_INFO(vfp_fmas, RWG, I32, 5, PTR, I32, I32, I32, I32);
DEF_HELPER_INFO(vfp_fmad, RWG, I64, 5, PTR, I64, I64, I64, I32);
DEF_HELPER_INFO(vfp_sqrts, RWG, I32, 2, PTR, I32);
DEF_HELPER_INFO(vfp_sqrtd, RWG, I64, 2, PTR, I64);
DEF_HELPER_INFO(vfp_cmps, RWG, TCG_CALL_VOID, 4, PTR, I32, I32, I32);
DEF_HELPER_INFO(vfp_cmpd, RWG, TCG_CALL_VOID, 4, PTR, I64, I64, I32);
DEF_HELPER_INFO(vfp_f32_to_f64, RWG, I64, 2, PTR, I32);
DEF_HELPER_INFO(vfp_f64_to_f32, RWG, I32, 2, PTR, I64);
DEF_HELPER_INFO(vfp_f16_to_f, RWG, I64, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_f_to_f16, RWG, I32, 3, PTR, I64, I32);
DEF_HELPER_INFO(vfp_tosi_s, RWG, I32, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_tosi_d, RWG, I32, 3, PTR, I64, I32);
DEF_HELPER_INFO(vfp_sito_s, RWG, I32, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_sito_d, RWG, I64, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_rint_s, RWG, I32, 3, PTR, I32, I32);
DEF_HELPER_INFO(vfp_rint_d, RWG, I64, 3, PTR, I64, I32);
