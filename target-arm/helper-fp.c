/*
 * target-arm/helper-fp.c: A64 scalar floating point, run as helpers on
 * the fpu library with env->fp_status (rounding mode, FZ and DN from
 * FPCR; the exception flags accumulate there and show up in FPSR).
 *
 * The scalar FP encodings are executed by a64_fp_scalar(), called from
 * helper_fpsimd() (helper-simd.c) with the raw instruction: the
 * translator only routes the instruction class here.  The element
 * primitives (fp_op2, fp_cvt_to_int...) are shared with the AdvSIMD
 * code.  Sizes are log2 of bytes: 1 half, 2 single, 3 double.
 *
 * Not emulated: FEAT_FP16 arithmetic (not advertised); half precision
 * is supported only by FCVT, as in ARMv8.0.
 */
#include <string.h>

#include "internals.h"
#include "fpsimd.h"

/* -------------------------------------------------------- primitives */

#define FP_BINOP(T)                                                      \
static uint64_t T##_op2(int op, T a, T b, FloatStatus *s)                \
{                                                                        \
    switch (op) {                                                        \
    case FP_ADD: return T##_add(a, b, s);                                \
    case FP_SUB: return T##_sub(a, b, s);                                \
    case FP_MUL: return T##_mul(a, b, s);                                \
    case FP_DIV: return T##_div(a, b, s);                                \
    case FP_MAX: return T##_max(a, b, s);                                \
    case FP_MIN: return T##_min(a, b, s);                                \
    case FP_MAXNM: return T##_maxnum(a, b, s);                           \
    case FP_MINNM: return T##_minnum(a, b, s);                           \
    case FP_NMUL: return T##_chs(T##_mul(a, b, s));                      \
    case FP_ABD: return T##_abs(T##_sub(a, b, s));                       \
    default: return 0;                                                   \
    }                                                                    \
}
FP_BINOP(float32)
FP_BINOP(float64)

uint64_t fp_op2(CPUARMState *env, int op, int sz, uint64_t a, uint64_t b)
{
    if (sz == 2) {
        return float32_op2(op, a, b, &env->fp_status);
    }
    return float64_op2(op, a, b, &env->fp_status);
}

/* a * b + c with the muladd flags of the fpu library. */
uint64_t fp_muladd(CPUARMState *env, int sz, uint64_t a, uint64_t b,
                   uint64_t c, int flags)
{
    if (sz == 2) {
        return float32_muladd(a, b, c, flags, &env->fp_status);
    }
    return float64_muladd(a, b, c, flags, &env->fp_status);
}

int fp_compare(CPUARMState *env, int sz, uint64_t a, uint64_t b, bool signal)
{
    FloatStatus *s = &env->fp_status;

    if (sz == 2) {
        return signal ? float32_compare(a, b, s) : float32_compare_quiet(a, b, s);
    }
    return signal ? float64_compare(a, b, s) : float64_compare_quiet(a, b, s);
}

uint64_t fp_abs(int sz, uint64_t a)
{
    return a & ~(1ull << ((8 << sz) - 1));
}

uint64_t fp_neg(int sz, uint64_t a)
{
    return a ^ (1ull << ((8 << sz) - 1));
}

uint64_t fp_sqrt(CPUARMState *env, int sz, uint64_t a)
{
    if (sz == 2) {
        return float32_sqrt(a, &env->fp_status);
    }
    return float64_sqrt(a, &env->fp_status);
}

/* FRINT*: mode < 0 means the FPCR mode; exact raises inexact (FRINTX). */
uint64_t fp_round(CPUARMState *env, int sz, uint64_t a, int mode, bool exact)
{
    FloatStatus *s = &env->fp_status;

    if (mode < 0) {
        mode = s->rounding_mode;
    }
    if (sz == 2) {
        return float32_round_to_int_mode(a, mode, exact, s);
    }
    return float64_round_to_int_mode(a, mode, exact, s);
}

/* Float (size sz) to a 32- or 64-bit integer, value * 2^fbits. */
uint64_t fp_to_int(CPUARMState *env, int sz, uint64_t a, int mode,
                   bool is_unsigned, bool to64, int fbits)
{
    FloatStatus *s = &env->fp_status;

    if (mode < 0) {
        mode = s->rounding_mode;
    }
    if (sz == 2) {
        if (to64) {
            return is_unsigned ? float32_to_uint64_scalbn(a, mode, fbits, s)
                               : (uint64_t)float32_to_int64_scalbn(a, mode, fbits, s);
        }
        return is_unsigned ? float32_to_uint32_scalbn(a, mode, fbits, s)
                           : (uint32_t)float32_to_int32_scalbn(a, mode, fbits, s);
    }
    if (to64) {
        return is_unsigned ? float64_to_uint64_scalbn(a, mode, fbits, s)
                           : (uint64_t)float64_to_int64_scalbn(a, mode, fbits, s);
    }
    return is_unsigned ? float64_to_uint32_scalbn(a, mode, fbits, s)
                       : (uint32_t)float64_to_int32_scalbn(a, mode, fbits, s);
}

/* A (sign- or zero-extended) 64-bit integer / 2^fbits to float. */
uint64_t int_to_fp(CPUARMState *env, int sz, uint64_t v, bool is_unsigned,
                   int fbits)
{
    FloatStatus *s = &env->fp_status;
    int64_t sv = (int64_t)v;

    /* Exact conversions (the common case) need no rounding or flags. */
    if (fbits == 0 && (is_unsigned ? v < (1ull << 24)
                                   : sv > -(1ll << 24) && sv < (1ll << 24))) {
        union { float f; uint32_t u; } f32 = {
            .f = is_unsigned ? (float)v : (float)sv,
        };
        union { double d; uint64_t u; } f64 = {
            .d = is_unsigned ? (double)v : (double)sv,
        };
        return sz == 2 ? f32.u : f64.u;
    }
    if (fbits == 0 && sz == 3 && (is_unsigned ? v < (1ull << 53)
                                  : sv > -(1ll << 53) && sv < (1ll << 53))) {
        union { double d; uint64_t u; } f64 = {
            .d = is_unsigned ? (double)v : (double)sv,
        };
        return f64.u;
    }
    if (sz == 2) {
        return is_unsigned ? uint64_to_float32_scalbn(v, -fbits, s)
                           : int64_to_float32_scalbn(v, -fbits, s);
    }
    return is_unsigned ? uint64_to_float64_scalbn(v, -fbits, s)
                       : int64_to_float64_scalbn(v, -fbits, s);
}

/* FCVT between half (1), single (2) and double (3). */
uint64_t fp_convert(CPUARMState *env, int from, int to, uint64_t a)
{
    FloatStatus *s = &env->fp_status;
    bool ieee = !((env->fpcr >> 26) & 1);    /* AHP */

    switch (from * 4 + to) {
    case 1 * 4 + 2: return float16_to_float32(a, ieee, s);
    case 1 * 4 + 3: return float16_to_float64(a, ieee, s);
    case 2 * 4 + 1: return float32_to_float16(a, ieee, s);
    case 2 * 4 + 3: return float32_to_float64(a, s);
    case 3 * 4 + 1: return float64_to_float16(a, ieee, s);
    case 3 * 4 + 2: return float64_to_float32(a, s);
    default: return a;
    }
}

/* NZCV (bits 31:28) of a comparison result. */
static uint32_t nzcv_of(int rel)
{
    switch (rel) {
    case float_relation_equal: return 0x6u << 28;
    case float_relation_less: return 0x8u << 28;
    case float_relation_greater: return 0x2u << 28;
    default: return 0x3u << 28;
    }
}

/* The condition cc (0..15) on the current flags. */
bool arm_cond_holds(CPUARMState *env, int cc)
{
    uint32_t f = pstate_read_nzcv(env);
    bool n = f >> 31, z = (f >> 30) & 1, c = (f >> 29) & 1, v = (f >> 28) & 1;
    bool r;

    switch (cc >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = !z && n == v; break;
    default: return true;
    }
    return (cc & 1) ? !r : r;
}

/* ------------------------------------------------------ register access */

static uint64_t fpreg(CPUARMState *env, int r, int sz)
{
    uint64_t v = env->vregs[r].d[0];

    return sz == 3 ? v : v & ((1ull << (8 << sz)) - 1);
}

/* Scalar write: the rest of the vector register is zeroed. */
static void set_fpreg(CPUARMState *env, int r, int sz, uint64_t v)
{
    env->vregs[r].d[0] = sz == 3 ? v : v & ((1ull << (8 << sz)) - 1);
    env->vregs[r].d[1] = 0;
}

static uint64_t xreg(CPUARMState *env, int r)
{
    return r == 31 ? 0 : env->xregs[r];
}

static void set_xreg(CPUARMState *env, int r, uint64_t v, bool sf)
{
    if (r != 31) {
        env->xregs[r] = sf ? v : (uint32_t)v;
    }
}

/* ftype field to log2 size: 00 single, 01 double, 11 half; -1 if none. */
static int ftype_size(int ftype)
{
    static const int8_t map[4] = { 2, 3, -1, 1 };

    return map[ftype];
}

/* VFPExpandImm: the 8-bit FMOV immediate as a float of size sz. */
uint64_t fp_expand_imm(int sz, uint32_t imm8)
{
    uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, frac = imm8 & 15;
    uint64_t exp;

    if (sz == 2) {
        exp = ((b6 ^ 1) << 7) | (b6 ? 0x7c : 0) | ((imm8 >> 4) & 3);
        return (sign << 31) | (exp << 23) | (frac << 19);
    }
    exp = ((b6 ^ 1) << 10) | (b6 ? 0x3fc : 0) | ((imm8 >> 4) & 3);
    return (sign << 63) | (exp << 52) | (frac << 48);
}

/* ----------------------------------------------------------- decoding */

#define F(pos, len) ((insn >> (pos)) & ((1u << (len)) - 1))

/* Float <-> integer, including FMOV general and fixed point. */
static bool fp_int_conv(CPUARMState *env, uint32_t insn, bool fixed)
{
    int sf = F(31, 1), ftype = F(22, 2), rmode = F(19, 2), opc = F(16, 3);
    int rn = F(5, 5), rd = F(0, 5), sz = ftype_size(ftype);
    int fbits = fixed ? 64 - F(10, 6) : 0;
    static const int8_t rmodes[4] = {
        float_round_nearest_even, float_round_up, float_round_down,
        float_round_to_zero,
    };

    if (fixed) {
        if (sz < 2 || (!sf && fbits > 32) || (rmode != 0 && rmode != 3) ||
            (opc & 4) || (rmode == 0) != ((opc & 6) == 2) ||
            (rmode == 3 && (opc & 6) != 0)) {
            return false;
        }
    }
    if ((opc & 6) == 6) {                     /* FMOV */
        if (rmode == 0 && ftype != 2 && (sf ? ftype == 1 : ftype == 0)) {
            if (opc == 6) {
                set_xreg(env, rd, fpreg(env, rn, sz), sf);
            } else {
                set_fpreg(env, rd, sz, xreg(env, rn));
            }
            return true;
        }
        if (rmode == 1 && sf && ftype == 2) {  /* FMOV Xd, Vn.D[1] and back */
            if (opc == 6) {
                set_xreg(env, rd, env->vregs[rn].d[1], true);
            } else {
                env->vregs[rd].d[1] = xreg(env, rn);
            }
            return true;
        }
        return false;
    }
    if (sz < 2) {
        return false;                         /* FP16 conversions */
    }
    if ((opc & 6) == 2) {                     /* SCVTF, UCVTF */
        uint64_t v = xreg(env, rn);
        if (rmode != 0) {
            return false;
        }
        if (!sf) {
            v = (opc & 1) ? (uint32_t)v : (uint64_t)(int64_t)(int32_t)v;
        }
        set_fpreg(env, rd, sz, int_to_fp(env, sz, v, opc & 1, fbits));
        return true;
    }
    /* FCVT[NPMZ][SU] (opc 0/1), FCVTA[SU] (opc 4/5, rmode 0) */
    if ((opc & 6) == 4 && rmode != 0) {
        return false;
    }
    set_xreg(env, rd,
             fp_to_int(env, sz, fpreg(env, rn, sz),
                       (opc & 4) ? float_round_ties_away : rmodes[rmode],
                       opc & 1, sf, fbits), sf);
    return true;
}

static bool fp_dp1(CPUARMState *env, uint32_t insn, int sz)
{
    int opc = F(15, 6), rn = F(5, 5), rd = F(0, 5);
    uint64_t a = fpreg(env, rn, sz), r;
    static const int8_t rint_mode[8] = {
        float_round_nearest_even, float_round_up, float_round_down,
        float_round_to_zero, float_round_ties_away, -1, -1, -1,
    };

    switch (opc) {
    case 0: r = a; break;                               /* FMOV */
    case 1: r = fp_abs(sz, a); break;                   /* FABS */
    case 2: r = fp_neg(sz, a); break;                   /* FNEG */
    case 3:                                             /* FSQRT */
        if (sz < 2) {
            return false;
        }
        r = fp_sqrt(env, sz, a);
        break;
    case 4: case 5: case 7: {                           /* FCVT */
        int to = opc == 4 ? 2 : opc == 5 ? 3 : 1;
        if (to == sz) {
            return false;
        }
        set_fpreg(env, rd, to, fp_convert(env, sz, to, a));
        return true;
    }
    case 8: case 9: case 10: case 11: case 12: case 14: case 15:
        if (sz < 2) {
            return false;
        }
        /* FRINTN, P, M, Z, A, X (exact, FPCR mode), I (FPCR mode) */
        r = fp_round(env, sz, a, rint_mode[opc - 8], opc == 14);
        break;
    default:
        return false;
    }
    set_fpreg(env, rd, sz, r);
    return true;
}

static bool fp_dp2(CPUARMState *env, uint32_t insn, int sz)
{
    static const int8_t ops[9] = {
        FP_MUL, FP_DIV, FP_ADD, FP_SUB, FP_MAX, FP_MIN, FP_MAXNM, FP_MINNM,
        FP_NMUL,
    };
    int opc = F(12, 4), rm = F(16, 5), rn = F(5, 5), rd = F(0, 5);

    if (opc > 8 || sz < 2) {
        return false;
    }
    set_fpreg(env, rd, sz, fp_op2(env, ops[opc], sz, fpreg(env, rn, sz),
                                  fpreg(env, rm, sz)));
    return true;
}

static bool fp_dp3(CPUARMState *env, uint32_t insn)
{
    int sz = ftype_size(F(22, 2)), o1 = F(21, 1), o0 = F(15, 1);
    int rm = F(16, 5), ra = F(10, 5), rn = F(5, 5), rd = F(0, 5);
    /* the Arm ARM negates operands (so a NaN operand keeps the flip) */
    static const int flags[4] = {
        0,                                    /* FMADD: n*m + a */
        float_muladd_negate_product,          /* FMSUB: a - n*m */
        float_muladd_negate_product |
        float_muladd_negate_c,                /* FNMADD: -(n*m) - a */
        float_muladd_negate_c,                /* FNMSUB: n*m - a */
    };

    if (sz < 2 || F(31, 1) || F(29, 1)) {
        return false;
    }
    set_fpreg(env, rd, sz, fp_muladd(env, sz, fpreg(env, rn, sz),
                                     fpreg(env, rm, sz), fpreg(env, ra, sz),
                                     flags[o1 * 2 + o0]));
    return true;
}

bool a64_fp_scalar(CPUARMState *env, uint32_t insn)
{
    int sz = ftype_size(F(22, 2));

    if (F(29, 1)) {
        return false;
    }
    if (F(24, 1)) {
        return fp_dp3(env, insn);
    }
    if (!F(21, 1)) {
        return fp_int_conv(env, insn, true);
    }
    if (F(10, 6) == 0) {
        return fp_int_conv(env, insn, false);
    }
    if (F(31, 1) || sz < 0) {
        return false;
    }
    if (F(10, 5) == 0x10) {                   /* data processing, 1 source */
        return fp_dp1(env, insn, sz);
    }
    if (F(10, 4) == 0x8) {                    /* compare */
        int op2 = F(0, 5), rm = F(16, 5), rn = F(5, 5);
        uint64_t b;
        if (F(14, 2) != 0 || (op2 & 7) || sz < 2) {
            return false;
        }
        b = (op2 & 8) ? 0 : fpreg(env, rm, sz);
        pstate_write_nzcv(env, nzcv_of(fp_compare(env, sz, fpreg(env, rn, sz),
                                                  b, op2 & 16)));
        return true;
    }
    if (F(10, 3) == 0x4) {                    /* FMOV (scalar, immediate) */
        if (F(5, 5) != 0 || sz < 2) {
            return false;
        }
        set_fpreg(env, F(0, 5), sz, fp_expand_imm(sz, F(13, 8)));
        return true;
    }
    switch (F(10, 2)) {
    case 1: {                                 /* FCCMP, FCCMPE */
        int rm = F(16, 5), rn = F(5, 5);
        if (sz < 2) {
            return false;
        }
        if (arm_cond_holds(env, F(12, 4))) {
            pstate_write_nzcv(env, nzcv_of(fp_compare(env, sz,
                                                      fpreg(env, rn, sz),
                                                      fpreg(env, rm, sz),
                                                      F(4, 1))));
        } else {
            pstate_write_nzcv(env, F(0, 4) << 28);
        }
        return true;
    }
    case 2:
        return fp_dp2(env, insn, sz);
    case 3: {                                 /* FCSEL */
        int rm = F(16, 5), rn = F(5, 5), rd = F(0, 5);
        if (sz < 2) {
            return false;
        }
        set_fpreg(env, rd, sz, fpreg(env, arm_cond_holds(env, F(12, 4)) ? rn : rm,
                                     sz));
        return true;
    }
    default:
        return false;
    }
}

/* ------------------------------------------- helpers for inline calls */

/*
 * The translator calls these directly for the hottest scalar forms,
 * with operands in TCG values, so they neither decode nor touch TCG
 * globals (the encodings are validated at translation time).
 * desc: op | size << 8 (| more fields, per helper).
 */
static uint64_t helper_fp_binop(CPUARMState *env, uint64_t a, uint64_t b,
                                uint64_t desc)
{
    return fp_op2(env, desc & 0xff, desc >> 8, a, b);
}

/* desc: rmode (FloatRoundMode) | size << 8 | unsigned << 12 | to64 << 13 */
static uint64_t helper_fp_to_int(CPUARMState *env, uint64_t a, uint64_t desc)
{
    return fp_to_int(env, (desc >> 8) & 15, a, desc & 0xff, (desc >> 12) & 1,
                     (desc >> 13) & 1, 0);
}

/* desc: size << 8 | unsigned << 12 (the value is already extended) */
static uint64_t helper_int_to_fp(CPUARMState *env, uint64_t v, uint64_t desc)
{
    return int_to_fp(env, (desc >> 8) & 15, v, (desc >> 12) & 1, 0);
}

/* Normal or zero (exponent neither 0 nor all ones, or all zero). */
static inline bool fp64_plain(uint64_t a)
{
    uint64_t e = (a >> 52) & 0x7ff;

    return (e - 1) < 0x7fe || (a << 1) == 0;
}

static inline bool fp32_plain(uint32_t a)
{
    uint32_t e = (a >> 23) & 0xff;

    return (e - 1) < 0xfe || (uint32_t)(a << 1) == 0;
}

/* desc: size << 8 | signalling << 12; returns NZCV in bits 31:28 */
static uint64_t helper_fp_compare(CPUARMState *env, uint64_t a, uint64_t b,
                                  uint64_t desc)
{
    int sz = (desc >> 8) & 15;

    /*
     * Normal or zero operands raise no flag (no NaN, nothing to flush):
     * the host comparison gives the answer.
     */
    if (sz == 3 && fp64_plain(a) && fp64_plain(b)) {
        union { uint64_t u; double d; } x = { .u = a }, y = { .u = b };
        return nzcv_of(x.d < y.d ? float_relation_less :
                       x.d > y.d ? float_relation_greater :
                       float_relation_equal);
    }
    if (sz == 2 && fp32_plain(a) && fp32_plain(b)) {
        union { uint32_t u; float f; } x = { .u = a }, y = { .u = b };
        return nzcv_of(x.f < y.f ? float_relation_less :
                       x.f > y.f ? float_relation_greater :
                       float_relation_equal);
    }
    return nzcv_of(fp_compare(env, sz, a, b, (desc >> 12) & 1));
}

#define FP_HELPER(NM, n, ...)                                              \
    const TCGHelperInfo helper_info_##NM = {                               \
        .func = (void *)helper_##NM, .name = #NM,                          \
        .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_I64, .nargs = (n),       \
        .args = { __VA_ARGS__ },                                           \
    }

FP_HELPER(fp_binop, 4, TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_I64);
FP_HELPER(fp_to_int, 3, TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64);
FP_HELPER(int_to_fp, 3, TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64);
FP_HELPER(fp_compare, 4, TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_I64);
