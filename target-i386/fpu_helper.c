/*
 * target-i386/fpu_helper.c: run-time helpers of the x87 FPU.
 *
 * The register stack lives in env (fpregs by physical register, TOP in
 * fpstt, tags in fptags).  Arithmetic goes through soft-float with the
 * rounding and precision of the control word (cpu_set_fpuc); the
 * transcendental instructions run on the host x87 when there is one, so
 * their results are bit-identical to the hardware.
 *
 * Exception flags: each helper starts with fp_status.flags clear and
 * folds what it raised into fpus at the end (x87_end), together with
 * ES/B when one of them is unmasked.  An unmasked invalid, zero-divide or
 * denormal exception suppresses the result, as the hardware does; a
 * pending unmasked exception makes the next waiting instruction raise
 * #MF (EXCP10_COPR).  Unmasked overflow/underflow deliver the result
 * with its exponent wrapped by 2^-+24576, as the hardware does.
 *
 * trans-x87.c.inc calls four helpers: x87_arith (the D8-group binary
 * operations and the compares), x87_op (register-only instructions,
 * fldcw, fnstsw, fwait) and x87_fld / x87_fst (memory operands loaded
 * and stored by the translator).
 */
#include <math.h>
#include <string.h>

#include "cpu.h"

/*
 * The helpers take the instruction's own encoding, enc = opcode << 8 |
 * modrm (0x9b00 for fwait), so the translator and the helpers share no
 * private numbering: trans-x87.c.inc decides validity, the helpers
 * decode the operation again here.
 */

/* Memory operand kinds. */
enum {
    X87_STI, X87_M32, X87_M64, X87_M80, X87_I16, X87_I32, X87_I64,
    X87_I16T, X87_I32T, X87_I64T, X87_BCD,
};

/* Register-only operations. */
enum {
    X87_BAD, X87_FNOP, X87_FWAIT, X87_FNSTSW, X87_FNCLEX, X87_FNINIT,
    X87_FLDCW, X87_FLD_STI, X87_FST_STI, X87_FSTP_STI, X87_FXCH,
    X87_FCMOV, X87_FFREE, X87_FFREEP, X87_FINCSTP, X87_FDECSTP,
    X87_FLD1, X87_FLDL2T, X87_FLDL2E, X87_FLDPI, X87_FLDLG2, X87_FLDLN2,
    X87_FLDZ, X87_FCHS, X87_FABS, X87_FTST, X87_FXAM, X87_FSQRT,
    X87_FRNDINT, X87_FXTRACT, X87_FSCALE, X87_FPREM, X87_FPREM1,
    X87_F2XM1, X87_FYL2X, X87_FPTAN, X87_FPATAN, X87_FYL2XP1,
    X87_FSINCOS, X87_FSIN, X87_FCOS, X87_POP, X87_FSTPNCE,
};

/* D9 E0..FF */
static const uint8_t x87_d9_ops[32] = {
    X87_FCHS, X87_FABS, X87_BAD, X87_BAD, X87_FTST, X87_FXAM, X87_BAD,
    X87_BAD,
    X87_FLD1, X87_FLDL2T, X87_FLDL2E, X87_FLDPI, X87_FLDLG2, X87_FLDLN2,
    X87_FLDZ, X87_BAD,
    X87_F2XM1, X87_FYL2X, X87_FPTAN, X87_FPATAN, X87_FXTRACT, X87_FPREM1,
    X87_FDECSTP, X87_FINCSTP,
    X87_FPREM, X87_FYL2XP1, X87_FSQRT, X87_FSINCOS, X87_FRNDINT,
    X87_FSCALE, X87_FSIN, X87_FCOS,
};

/* The register-only operation of an encoding. */
static int x87_decode_op(unsigned enc)
{
    unsigned b = enc >> 8, modrm = enc & 0xff, reg = (modrm >> 3) & 7;
    bool mem = (modrm >> 6) != 3;

    if (enc == 0x9b00) {
        return X87_FWAIT;
    }
    if (mem) {
        if (b == 0xd9 && reg == 5) {
            return X87_FLDCW;
        }
        if (b == 0xdd && reg == 7) {
            return X87_FNSTSW;
        }
        /* a popping store's own encoding: the pop after the store */
        return X87_POP;
    }
    switch (b) {
    case 0xd9:
        if (modrm >= 0xe0) {
            return x87_d9_ops[modrm - 0xe0];
        }
        return (const uint8_t[]){ X87_FLD_STI, X87_FXCH, X87_FNOP,
                                  X87_FSTPNCE }[reg];
    case 0xda:
    case 0xdb:
        if (reg < 4) {
            return X87_FCMOV;
        }
        if (modrm == 0xe2) {
            return X87_FNCLEX;
        }
        if (modrm == 0xe3) {
            return X87_FNINIT;
        }
        return X87_FNOP;            /* feni, fdisi, fsetpm: no-ops */
    case 0xdd:
        return (const uint8_t[]){ X87_FFREE, X87_FXCH, X87_FST_STI,
                                  X87_FSTP_STI, X87_BAD, X87_BAD, X87_BAD,
                                  X87_BAD }[reg];
    case 0xdf:
        return (const uint8_t[]){ X87_FFREEP, X87_FXCH, X87_FSTP_STI,
                                  X87_FSTP_STI, X87_FNSTSW, X87_BAD,
                                  X87_BAD, X87_BAD }[reg];
    default:
        return X87_BAD;
    }
}

/* The memory operand kind of a load (fld/fild/fbld) or store encoding. */
static int x87_mem_kind(unsigned enc)
{
    unsigned b = enc >> 8, reg = (enc >> 3) & 7;

    switch (b) {
    case 0xd9:
        return X87_M32;
    case 0xdd:
        return reg == 1 ? X87_I64T : X87_M64;
    case 0xdb:
        return reg == 1 ? X87_I32T : reg >= 5 ? X87_M80 : X87_I32;
    default:      /* 0xdf */
        return (const uint8_t[]){ X87_I16, X87_I16T, X87_I16, X87_I16,
                                  X87_BCD, X87_I64, X87_BCD, X87_I64 }[reg];
    }
}

#define FPUS_IE 0x0001
#define FPUS_DE 0x0002
#define FPUS_ZE 0x0004
#define FPUS_SF 0x0040
#define FPUS_ES 0x0080
#define FPUS_C0 0x0100
#define FPUS_C1 0x0200
#define FPUS_C2 0x0400
#define FPUS_TOP 0x3800
#define FPUS_C3 0x4000
#define FPUS_B  0x8000
#define FPUS_CC (FPUS_C0 | FPUS_C1 | FPUS_C2 | FPUS_C3)

#define X87_EXC_MASK 0x3f

/* The "real indefinite" QNaN that masked invalid operations produce. */
static const floatx80 x87_indefinite = { .low = 0xc000000000000000ull,
                                         .high = 0xffff };

/* ------------------------------------------------- control and status */

void cpu_set_fpuc(CPUX86State *env, uint16_t fpuc)
{
    static const uint8_t rc_mode[4] = {
        float_round_nearest_even, float_round_down, float_round_up,
        float_round_to_zero,
    };
    /* PC 01 is reserved: it behaves as 64 bits */
    static const uint8_t pc_bits[4] = { 24, 64, 53, 64 };

    /* bit 6 reads as one, bits 13-15 as zero */
    fpuc = (fpuc & 0x1f3f) | 0x40;
    env->fpuc = fpuc;
    float_status_init_x87(&env->fp_status);
    env->fp_status.rounding_mode = rc_mode[(fpuc >> 10) & 3];
    env->fp_status.floatx80_precision = pc_bits[(fpuc >> 8) & 3];
    /* ES and B follow the unmasked exceptions that are pending */
    if (env->fpus & ~fpuc & X87_EXC_MASK) {
        env->fpus |= FPUS_ES | FPUS_B;
    } else {
        env->fpus &= ~(FPUS_ES | FPUS_B);
    }
}

uint16_t cpu_get_fpus(CPUX86State *env)
{
    uint16_t f = env->fp_status.flags & X87_EXC_MASK;

    env->fpus |= f;
    if (f & ~env->fpuc & X87_EXC_MASK) {
        env->fpus |= FPUS_ES | FPUS_B;
    }
    env->fp_status.flags = 0;
    return (env->fpus & ~FPUS_TOP) | ((env->fpstt & 7) << 11);
}

/* Tag of a non-empty register: 0 valid, 1 zero, 2 special. */
static unsigned x87_tag_of(floatx80 v)
{
    unsigned e = v.high & 0x7fff;

    if (e == 0) {
        return v.low == 0 ? 1 : 2;
    }
    if (e == 0x7fff || !(v.low >> 63)) {
        return 2;
    }
    return 0;
}

uint16_t cpu_get_fptag_full(CPUX86State *env)
{
    uint16_t tag = 0;
    int i;

    for (i = 0; i < 8; i++) {
        unsigned t = env->fptags[i] ? 3 : x87_tag_of(env->fpregs[i].d);
        tag |= t << (2 * i);
    }
    return tag;
}

/* ---------------------------------------------------------- the stack */

static inline int x87_phys(CPUX86State *env, int i)
{
    return (env->fpstt + i) & 7;
}

static inline floatx80 x87_get(CPUX86State *env, int i)
{
    return env->fpregs[x87_phys(env, i)].d;
}

static inline bool x87_is_empty(CPUX86State *env, int i)
{
    return env->fptags[x87_phys(env, i)] != 0;
}

static inline void x87_set(CPUX86State *env, int i, floatx80 v)
{
    int p = x87_phys(env, i);

    env->fpregs[p].d = v;
    env->fptags[p] = 0;
}

static inline void x87_pop(CPUX86State *env)
{
    env->fptags[env->fpstt & 7] = 1;
    env->fpstt = (env->fpstt + 1) & 7;
}

static inline void x87_set_cc(CPUX86State *env, uint16_t cc)
{
    env->fpus = (env->fpus & ~FPUS_CC) | cc;
}

static inline bool x87_ie_masked(CPUX86State *env)
{
    return env->fpuc & FPUS_IE;
}

/* Stack underflow (reading an empty register): IE + SF, C1 = 0. */
static void x87_underflow(CPUX86State *env)
{
    float_raise(&env->fp_status, float_flag_invalid);
    env->fpus = (env->fpus | FPUS_SF) & ~FPUS_C1;
}

/* Push v; on overflow (ST7 in use) IE + SF + C1 and, when masked, the
 * indefinite value is pushed instead. */
static void x87_push(CPUX86State *env, floatx80 v)
{
    int top = (env->fpstt - 1) & 7;

    env->fpus &= ~FPUS_C1;
    if (!env->fptags[top]) {
        float_raise(&env->fp_status, float_flag_invalid);
        env->fpus |= FPUS_SF | FPUS_C1;
        if (!x87_ie_masked(env)) {
            return;
        }
        v = x87_indefinite;
    }
    env->fpstt = top;
    env->fpregs[top].d = v;
    env->fptags[top] = 0;
}

/*
 * Start a waiting instruction: a pending unmasked exception raises #MF
 * here (the FPU reports errors at the next FP instruction).
 */
static void x87_begin(CPUX86State *env, uintptr_t ra)
{
    if (env->fpus & FPUS_ES) {
        cpu_raise_exception(env_cpu(env), EXCP10_COPR, ra);
    }
    env->fp_status.flags = 0;
}

/* Did the operation raise an unmasked IE, ZE or DE (no result)? */
static bool x87_blocked(CPUX86State *env)
{
    uint8_t *f = &env->fp_status.flags;
    uint8_t pre = *f & (FPUS_IE | FPUS_ZE | FPUS_DE);

    if (!(pre & ~env->fpuc)) {
        return false;
    }
    /* the operation never ran: only the operand exceptions remain */
    *f = pre;
    env->fpus &= ~FPUS_C1;
    return true;
}

/* Fold the flags raised by the operation into the status word. */
static void x87_end(CPUX86State *env)
{
    cpu_get_fpus(env);
}

/* ----------------------------------------------------- rounding and C1 */

typedef floatx80 X87BinFn(floatx80, floatx80, FloatStatus *);

/*
 * C1 says whether an inexact result was rounded up (away from zero):
 * computed by doing the operation again toward zero and comparing.
 */
static bool x87_rounded_up(CPUX86State *env, floatx80 r, X87BinFn *fn,
                           floatx80 a, floatx80 b)
{
    FloatStatus tz = env->fp_status;
    floatx80 t;

    if (!(env->fp_status.flags & float_flag_inexact)) {
        return false;
    }
    tz.rounding_mode = float_round_to_zero;
    t = fn(a, b, &tz);
    return t.low != r.low || t.high != r.high;
}

static floatx80 x87_sqrt2(floatx80 a, floatx80 b, FloatStatus *s)
{
    return floatx80_sqrt(a, s);
}

static floatx80 x87_rndint2(floatx80 a, floatx80 b, FloatStatus *s)
{
    return floatx80_round_to_int(a, s);
}

/* ------------------------------------------------ memory operand kinds */

static floatx80 x87_bcd_to_fx(uint64_t lo, uint64_t hi, FloatStatus *s)
{
    int64_t v = 0;
    int i;
    floatx80 r;

    for (i = 8; i >= 0; i--) {
        unsigned byte = (lo >> (i * 8)) & 0xff;
        if (i == 8) {
            byte = hi & 0xff;
        }
        v = v * 100 + (byte >> 4) * 10 + (byte & 15);
    }
    r = int64_to_floatx80(v, s);
    if (hi & 0x8000) {
        r = floatx80_chs(r);    /* -0 stays -0 */
    }
    return r;
}

/* A memory operand (or integer) of kind k as a floatx80. */
static floatx80 x87_from_mem_quiet(int k, uint64_t lo, FloatStatus *s)
{
    switch (k) {
    case X87_I16:
        return int32_to_floatx80((int16_t)lo, s);
    case X87_I32:
        return int32_to_floatx80((int32_t)lo, s);
    default:
        return int64_to_floatx80((int64_t)lo, s);
    }
}

static floatx80 x87_from_mem(CPUX86State *env, int k, uint64_t lo,
                             uint64_t hi)
{
    FloatStatus *s = &env->fp_status;

    switch (k) {
    case X87_M32:
        return float32_to_floatx80((float32)lo, s);
    case X87_M64:
        return float64_to_floatx80(lo, s);
    case X87_M80:
        return make_floatx80(hi, lo);
    case X87_I16:
        return int32_to_floatx80((int16_t)lo, s);
    case X87_I32:
        return int32_to_floatx80((int32_t)lo, s);
    case X87_I64:
        return int64_to_floatx80((int64_t)lo, s);
    default:
        return x87_bcd_to_fx(lo, hi, s);
    }
}

/*
 * The m32/m64 operand of an arithmetic instruction, exactly: an SNaN
 * stays signalling (the operation applies the NaN rules to it) and a
 * denormal raises DE only if the operation looks at it (*den).
 */
static floatx80 x87_arith_operand(int k, uint64_t v, bool *den)
{
    FloatStatus quiet;
    bool neg;
    uint64_t frac;

    *den = false;
    if (k != X87_M32 && k != X87_M64) {
        float_status_init_x87(&quiet);
        return x87_from_mem_quiet(k, v, &quiet);
    }
    neg = k == X87_M32 ? (v >> 31) & 1 : v >> 63;
    frac = k == X87_M32 ? (v & 0x7fffff) << 40 : (v & 0xfffffffffffffull) << 11;
    if (k == X87_M32 ? float32_is_any_nan(v) : float64_is_any_nan(v)) {
        return make_floatx80((neg << 15) | 0x7fff, (1ull << 63) | frac);
    }
    *den = k == X87_M32 ? float32_is_denormal(v) : float64_is_denormal(v);
    float_status_init_x87(&quiet);
    return k == X87_M32 ? float32_to_floatx80(v, &quiet)
                        : float64_to_floatx80(v, &quiet);
}

/* ------------------------------------------------------------ FLD mem */

static void helper_x87_fld(CPUX86State *env, uint64_t enc, uint64_t lo,
                           uint64_t hi)
{
    floatx80 v;

    x87_begin(env, GETPC());
    if (!env->fptags[(env->fpstt - 1) & 7]) {
        x87_push(env, x87_indefinite);      /* overflow: nothing loaded */
        x87_end(env);
        return;
    }
    v = x87_from_mem(env, x87_mem_kind(enc), lo, hi);
    /* an unmasked denormal does not stop the load (as the hardware) */
    if (!(env->fp_status.flags & ~env->fpuc & FPUS_IE)) {
        x87_push(env, v);
    }
    x87_end(env);
}

/* ------------------------------------------------------------ FST mem */

static uint64_t x87_fx_to_bcd(CPUX86State *env, floatx80 v, uint16_t *hi)
{
    FloatStatus *s = &env->fp_status;
    floatx80 r = floatx80_round_to_int(v, s);
    uint64_t lo = 0, m;
    int i;

    /* fbstp, like fist, does not report a denormal operand */
    s->flags &= ~float_flag_input_denormal;
    if (x87_rounded_up(env, r, x87_rndint2, v, v)) {
        env->fpus |= FPUS_C1;
    }
    /* |value| < 10^18 after rounding, else invalid */
    if (floatx80_is_any_nan(r) || (r.high & 0x7fff) == 0x7fff ||
        floatx80_invalid_encoding(r) ||
        (r.high & 0x7fff) > 0x3fff + 59) {
        goto invalid;
    }
    m = (uint64_t)floatx80_to_int64(floatx80_abs(r), s);
    if (m >= 1000000000000000000ull) {
        goto invalid;
    }
    for (i = 0; i < 8; i++) {
        unsigned d = m % 100;
        m /= 100;
        lo |= (uint64_t)(((d / 10) << 4) | (d % 10)) << (i * 8);
    }
    /* byte 8 (the top two digits) and the sign byte go to hi */
    *hi = (v.high & 0x8000) | ((m / 10) << 4) | (m % 10);
    return lo;
invalid:
    env->fpus &= ~FPUS_C1;
    float_raise(s, float_flag_invalid);
    *hi = 0xffff;
    return 0xc000000000000000ull;
}

/* ST0 converted to kind k: returns the low 8 bytes, ft0.high gets bytes
 * 8-9 of m80 / packed BCD.  No pop: the translator stores first. */
static uint64_t helper_x87_fst(CPUX86State *env, uint64_t enc)
{
    int kind = x87_mem_kind(enc);
    FloatStatus *s = &env->fp_status;
    floatx80 v = x87_get(env, 0);
    uint64_t r = 0;
    uint16_t hi = 0;
    FloatStatus tz;
    uint64_t t;

    x87_begin(env, GETPC());
    env->fpus &= ~FPUS_C1;
    if (x87_is_empty(env, 0)) {
        x87_underflow(env);
        v = x87_indefinite;
    }
    tz = *s;
    tz.rounding_mode = float_round_to_zero;
    switch (kind) {
    case X87_M32:
        r = floatx80_to_float32(v, s);
        t = floatx80_to_float32(v, &tz);
        break;
    case X87_M64:
        r = floatx80_to_float64(v, s);
        t = floatx80_to_float64(v, &tz);
        break;
    case X87_M80:
        r = v.low;
        hi = v.high;
        t = r;
        break;
    case X87_I16:
        r = (uint16_t)floatx80_to_int16(v, s);
        t = (uint16_t)floatx80_to_int16(v, &tz);
        break;
    case X87_I32:
        r = (uint32_t)floatx80_to_int32(v, s);
        t = (uint32_t)floatx80_to_int32(v, &tz);
        break;
    case X87_I64:
        r = floatx80_to_int64(v, s);
        t = floatx80_to_int64(v, &tz);
        break;
    case X87_I16T:
        r = (uint16_t)floatx80_to_int16_round_to_zero(v, s);
        t = r;
        break;
    case X87_I32T:
        r = (uint32_t)floatx80_to_int32_round_to_zero(v, s);
        t = r;
        break;
    case X87_I64T:
        r = floatx80_to_int64_round_to_zero(v, s);
        t = r;
        break;
    default:
        r = x87_fx_to_bcd(env, v, &hi);
        t = r;
        break;
    }
    if ((s->flags & float_flag_inexact) && t != r &&
        !(s->flags & float_flag_invalid)) {
        env->fpus |= FPUS_C1;
    }
    env->ft0.high = hi;
    /* an unmasked overflow/underflow of m32/m64 stores nothing either
     * (the biased result does not fit) */
    if (!(env->fpuc & float_flag_underflow) &&
        ((kind == X87_M32 && float32_is_denormal(r)) ||
         (kind == X87_M64 && float64_is_denormal(r)))) {
        /* an unmasked underflow is signalled even when exact */
        float_raise(s, float_flag_underflow);
    }
    if ((kind == X87_M32 || kind == X87_M64) &&
        (s->flags & ~env->fpuc & (float_flag_overflow |
                                  float_flag_underflow))) {
        s->flags &= float_flag_overflow | float_flag_underflow;
        env->fpus &= ~FPUS_C1;
        env->ft0.low = 1;
        x87_end(env);
        return r;
    }
    /* ft0.low = 1: an unmasked exception, nothing is stored or popped */
    env->ft0.low = x87_blocked(env);
    x87_end(env);
    return r;
}

/* --------------------------------------------- binary ops and compares */

#define X87_BIAS 24576

static int x87_exp(floatx80 v)
{
    return v.high & 0x7fff;
}

/*
 * Unmasked overflow / underflow: the hardware delivers the result with
 * its exponent wrapped by 2^-24576 / 2^24576.  Redo the operation on
 * operands scaled so that the result lands in range, choosing operands
 * whose scaling is exact.  op is the D8 row (0 add, 1 mul, 4/5 sub,
 * 6/7 div); x, y the operands in the order fn takes them.
 */
static floatx80 x87_bias_result(CPUX86State *env, int op, X87BinFn *fn,
                                floatx80 x, floatx80 y, floatx80 r)
{
    FloatStatus *s = &env->fp_status;
    FloatStatus t = *s;
    bool oe = (s->flags & float_flag_overflow) &&
              !(env->fpuc & float_flag_overflow);
    bool ue = !(env->fpuc & float_flag_underflow) && !oe &&
              x87_exp(r) == 0 && !floatx80_is_any_nan(r);
    int k = oe ? -X87_BIAS : X87_BIAS;
    floatx80 rs;

    if (!oe && !ue) {
        return r;
    }
    if (ue && !(r.low) && !(s->flags & float_flag_inexact)) {
        return r;       /* an exact zero is not an underflow */
    }
    t.flags = 0;
    if (op == 0 || op >= 4) {
        if (op >= 6) {
            /* x / y: scale the divisor (dividend) when that is exact */
            if (oe ? x87_exp(y) < 0x1fff : x87_exp(x) >= 0x1fff) {
                y = floatx80_scalbn(y, -k, &t);
            } else {
                x = floatx80_scalbn(x, k, &t);
            }
        } else {
            x = floatx80_scalbn(x, k, &t);
            y = floatx80_scalbn(y, k, &t);
        }
    } else if (oe == (x87_exp(x) >= x87_exp(y))) {
        x = floatx80_scalbn(x, k, &t);
    } else {
        y = floatx80_scalbn(y, k, &t);
    }
    t.flags = 0;
    rs = fn(x, y, &t);
    if (ue && x87_exp(rs) > X87_BIAS) {
        return r;               /* not tiny after all */
    }
    s->flags = (oe ? float_flag_overflow : float_flag_underflow) |
               (t.flags & float_flag_inexact) |
               (s->flags & float_flag_input_denormal);
    env->fpus &= ~FPUS_C1;
    if (x87_rounded_up(env, rs, fn, x, y)) {
        env->fpus |= FPUS_C1;
    }
    return rs;
}


/* Compare result as C3 C2 C0 and as ZF PF CF. */
static uint16_t x87_rel_cc(FloatRelation rel)
{
    switch (rel) {
    case float_relation_less:
        return FPUS_C0;
    case float_relation_equal:
        return FPUS_C3;
    case float_relation_greater:
        return 0;
    default:
        return FPUS_C0 | FPUS_C2 | FPUS_C3;
    }
}

static uint64_t x87_rel_eflags(FloatRelation rel)
{
    switch (rel) {
    case float_relation_less:
        return CC_C;
    case float_relation_equal:
        return CC_Z;
    case float_relation_greater:
        return 0;
    default:
        return CC_Z | CC_P | CC_C;
    }
}

static X87BinFn *const x87_binfn[8] = {
    floatx80_add, floatx80_mul, NULL, NULL,
    floatx80_sub, floatx80_sub, floatx80_div, floatx80_div,
};

/* A decoded binary operation or compare. */
typedef struct X87Arith {
    int op;             /* 0 add, 1 mul, 2 com, 3 comp, 4 sub, 5 subr,
                         * 6 div, 7 divr: dst = dst op src */
    int src;            /* X87_STI or a memory kind */
    int i;              /* ST(i) */
    bool dst_sti;       /* dst = ST(i), src = ST0 (DC/DE forms) */
    int pops;
    bool quiet;         /* fucom*: only SNaN is invalid */
    bool eflags;        /* fcomi*: result in ZF PF CF */
} X87Arith;

static X87Arith x87_decode_arith(unsigned enc)
{
    unsigned b = enc >> 8, modrm = enc & 0xff;
    X87Arith d = { .op = (modrm >> 3) & 7, .i = modrm & 7 };
    bool mem = (modrm >> 6) != 3;
    bool cmp = d.op == 2 || d.op == 3;

    if (mem) {
        d.src = b == 0xd8 ? X87_M32 : b == 0xdc ? X87_M64
              : b == 0xda ? X87_I32 : X87_I16;
        d.pops = d.op == 3;
        return d;
    }
    d.src = X87_STI;
    switch (b) {
    case 0xd8:
        d.pops = d.op == 3;
        break;
    case 0xdc:
    case 0xde:
        /* fsub/fsubr and fdiv/fdivr swap places in the DC/DE rows */
        if (!cmp) {
            d.dst_sti = true;
            d.op ^= d.op >= 4;
        }
        d.pops = b == 0xde ? (modrm == 0xd9 ? 2 : 1) : d.op == 3;
        break;
    case 0xda:              /* fucompp */
        d.op = 3;
        d.quiet = true;
        d.pops = 2;
        break;
    case 0xdd:              /* fucom / fucomp */
        d.quiet = true;
        d.pops = d.op == 5;
        d.op = 2 + d.pops;
        break;
    default:                /* DB / DF: fucomi(p) / fcomi(p) */
        d.quiet = d.op == 5;
        d.eflags = true;
        d.pops = b == 0xdf;
        d.op = 2;
        break;
    }
    return d;
}

/*
 * D8-group operations and the compares (enc = opcode << 8 | modrm; mem
 * is the loaded m32/m64/m16/m32 operand).  Returns ZF PF CF for the
 * fcomi family.
 */
static uint64_t helper_x87_arith(CPUX86State *env, uint64_t enc, uint64_t mem)
{
    X87Arith d = x87_decode_arith(enc);
    int op = d.op, i = d.i, src = d.src;
    int dst = d.dst_sti ? i : 0;
    int pops = d.pops;
    floatx80 a, b, r;
    bool empty;
    FloatStatus *s = &env->fp_status;
    uint64_t eflags = 0;
    bool den = false;

    x87_begin(env, GETPC());
    empty = x87_is_empty(env, 0);
    a = x87_get(env, 0);
    if (src == X87_STI) {
        empty |= x87_is_empty(env, i);
        b = x87_get(env, i);
    } else {
        b = x87_arith_operand(src, mem, &den);
        /* DE for a denormal m32/m64, unless a NaN or 0-divide wins */
        den &= !empty && !floatx80_is_any_nan(a) &&
               !floatx80_invalid_encoding(a);
    }
    if (d.dst_sti) {
        r = a;
        a = b;
        b = r;
    }
    env->fpus &= ~FPUS_C1;
    if (op == 2 || op == 3) {
        FloatRelation rel;
        if (den) {
            float_raise(s, float_flag_input_denormal);
        }
        if (empty) {
            x87_underflow(env);
            rel = float_relation_unordered;
        } else if (d.quiet) {
            rel = floatx80_compare_quiet(a, b, s);
        } else {
            rel = floatx80_compare(a, b, s);
        }
        if (d.eflags) {
            eflags = x87_rel_eflags(rel);
        } else {
            x87_set_cc(env, (env->fpus & FPUS_C1) | x87_rel_cc(rel));
        }
    } else {
        if (empty) {
            x87_underflow(env);
            r = x87_indefinite;
        } else {
            X87BinFn *fn = x87_binfn[op];
            floatx80 x = a, y = b;
            if (op == 5 || op == 7) {
                x = b;
                y = a;
            }
            r = fn(x, y, s);
            if (x87_rounded_up(env, r, fn, x, y)) {
                env->fpus |= FPUS_C1;
            }
            r = x87_bias_result(env, op, fn, x, y, r);
            if (den && !(s->flags & float_flag_divbyzero)) {
                float_raise(s, float_flag_input_denormal);
            }
        }
        if (x87_blocked(env)) {
            x87_end(env);
            return 0;
        }
        x87_set(env, dst, r);
    }
    if (x87_blocked(env)) {
        x87_end(env);
        return eflags;
    }
    while (pops--) {
        x87_pop(env);
    }
    x87_end(env);
    return eflags;
}

/* ------------------------------------------------ transcendental ops */

/*
 * Run one transcendental instruction with ST0 (and ST1) as inputs;
 * out[0] = new ST0 after the instruction, out[1] = the value below it
 * when the instruction leaves two; returns the host status word.
 */
#if (defined(__x86_64__) || defined(__i386__)) && !defined(X87_NO_HOST_X87)
typedef struct X87Host {
    uint8_t b[10];
} __attribute__((aligned(16))) X87Host;

static void x87_to_host(X87Host *h, floatx80 v)
{
    memcpy(h->b, &v.low, 8);
    memcpy(h->b + 8, &v.high, 2);
}

static floatx80 x87_from_host(const X87Host *h)
{
    floatx80 v;

    memcpy(&v.low, h->b, 8);
    memcpy(&v.high, h->b + 8, 2);
    return v;
}

/*
 * The guest's control word, unmasked exceptions included: the host then
 * delivers the same biased results for unmasked overflow/underflow.  The
 * exception is cleared (fnclex) before the next waiting instruction, and
 * fninit leaves the host stack empty whatever the instruction did.
 */
#define X87_HOST_1TO1(insn)                                             \
    asm volatile("fnstcw %[old]\n\tfldcw %[cw]\n\tfnclex\n\t"            \
                 "fldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfnclex\n\t"   \
                 "fstpt %[r0]\n\tfninit\n\tfldcw %[old]"                 \
                 : [old] "=m"(oldcw), [sw] "=m"(sw), [r0] "=m"(r0)       \
                 : [cw] "m"(cw), [a] "m"(ha) : "st")
#define X87_HOST_2TO1(insn)                                             \
    asm volatile("fnstcw %[old]\n\tfldcw %[cw]\n\tfnclex\n\t"            \
                 "fldt %[b]\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\t" \
                 "fnclex\n\tfstpt %[r0]\n\tfninit\n\tfldcw %[old]"       \
                 : [old] "=m"(oldcw), [sw] "=m"(sw), [r0] "=m"(r0)       \
                 : [cw] "m"(cw), [a] "m"(ha), [b] "m"(hb) : "st", "st(1)")
/* fptan / fsincos leave two values, or only ST0 when out of range */
#define X87_HOST_1TO2(insn)                                             \
    asm volatile("fnstcw %[old]\n\tfldcw %[cw]\n\tfnclex\n\t"            \
                 "fldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfnclex\n\t"   \
                 "fstpt %[r0]\n\ttestw $0x400, %[sw]\n\tjnz 1f\n\t"      \
                 "fstpt %[r1]\n1:\n\tfninit\n\tfldcw %[old]"             \
                 : [old] "=m"(oldcw), [sw] "=m"(sw), [r0] "=m"(r0),      \
                   [r1] "=m"(r1)                                         \
                 : [cw] "m"(cw), [a] "m"(ha) : "st", "st(1)", "cc")

static uint16_t x87_host_op(CPUX86State *env, int op, floatx80 a,
                            floatx80 b, floatx80 *out)
{
    X87Host ha, hb, r0, r1;
    uint16_t cw = env->fpuc, oldcw, sw;

    x87_to_host(&ha, a);
    x87_to_host(&hb, b);
    memset(&r0, 0, sizeof(r0));
    memset(&r1, 0, sizeof(r1));
    switch (op) {
    case X87_F2XM1:
        X87_HOST_1TO1("f2xm1");
        break;
    case X87_FSIN:
        X87_HOST_1TO1("fsin");
        break;
    case X87_FCOS:
        X87_HOST_1TO1("fcos");
        break;
    case X87_FYL2X:
        X87_HOST_2TO1("fyl2x");
        break;
    case X87_FYL2XP1:
        X87_HOST_2TO1("fyl2xp1");
        break;
    case X87_FPATAN:
        X87_HOST_2TO1("fpatan");
        break;
    case X87_FPTAN:
        X87_HOST_1TO2("fptan");
        break;
    default:
        X87_HOST_1TO2("fsincos");
        break;
    }
    out[0] = x87_from_host(&r0);
    out[1] = x87_from_host(&r1);
    return sw;
}
#else
/* No host x87: long double approximations (not bit-exact). */
static uint16_t x87_host_op(CPUX86State *env, int op, floatx80 a,
                            floatx80 b, floatx80 *out)
{
    FloatStatus st;
    double x, y, r0 = 0, r1 = 0;
    union { uint64_t u; double d; } ux, uy, ur;
    uint16_t sw = 0x20;

    float_status_init_x87(&st);
    ux.u = floatx80_to_float64(a, &st);
    uy.u = floatx80_to_float64(b, &st);
    x = ux.d;
    y = uy.d;
    switch (op) {
    case X87_F2XM1:
        r0 = exp2(x) - 1;
        break;
    case X87_FSIN:
        r0 = sin(x);
        break;
    case X87_FCOS:
        r0 = cos(x);
        break;
    case X87_FYL2X:
        r0 = y * log2(x);
        break;
    case X87_FYL2XP1:
        r0 = y * log2(1 + x);
        break;
    case X87_FPATAN:
        r0 = atan2(y, x);
        break;
    case X87_FPTAN:
        r1 = tan(x);
        r0 = 1.0;
        break;
    default:
        r1 = sin(x);
        r0 = cos(x);
        break;
    }
    ur.d = r0;
    out[0] = float64_to_floatx80(ur.u, &st);
    ur.d = r1;
    out[1] = float64_to_floatx80(ur.u, &st);
    return sw;
}
#endif

static void x87_transcendental(CPUX86State *env, int op)
{
    bool two_in = op == X87_FYL2X || op == X87_FYL2XP1 || op == X87_FPATAN;
    bool two_out = op == X87_FPTAN || op == X87_FSINCOS;
    floatx80 out[2];
    uint16_t sw;

    env->fpus &= ~(FPUS_C1 | FPUS_C2);
    if (x87_is_empty(env, 0) || (two_in && x87_is_empty(env, 1))) {
        x87_underflow(env);
        if (!x87_ie_masked(env)) {
            return;
        }
        if (two_out) {
            x87_set(env, 0, x87_indefinite);
            x87_push(env, x87_indefinite);
        } else if (two_in) {
            x87_set(env, 1, x87_indefinite);
            x87_pop(env);
        } else {
            x87_set(env, 0, x87_indefinite);
        }
        return;
    }
    if (two_out && !x87_is_empty(env, 7)) {
        /* the push would overflow: nothing changes but the flags */
        float_raise(&env->fp_status, float_flag_invalid);
        env->fpus |= FPUS_SF | FPUS_C1;
        if (x87_ie_masked(env)) {
            x87_set(env, 0, x87_indefinite);
            x87_push(env, x87_indefinite);
            env->fpus |= FPUS_C1;
        }
        return;
    }
    sw = x87_host_op(env, op, x87_get(env, 0), x87_get(env, 1), out);
    float_raise(&env->fp_status, sw & X87_EXC_MASK & ~FPUS_SF);
    env->fpus |= sw & (FPUS_C1 | FPUS_C2);
    if (x87_blocked(env)) {
        return;
    }
    if (sw & FPUS_C2) {
        return;                 /* out of range: operand unchanged */
    }
    if (two_in) {
        x87_set(env, 1, out[0]);
        x87_pop(env);
    } else if (two_out) {
        x87_set(env, 0, out[1]);
        x87_push(env, out[0]);
        env->fpus |= sw & FPUS_C1;
    } else {
        x87_set(env, 0, out[0]);
    }
}

/* ----------------------------------------------- other register ops */

/* The constants of FLD1..FLDZ, rounded to nearest; the entries of
 * x87_const_down are one ulp lower when rounding down/toward zero (or
 * higher for ...up) gives a different last bit. */
static const floatx80 x87_consts[7] = {
    { 0x8000000000000000ull, 0x3fff },     /* 1 */
    { 0xd49a784bcd1b8afeull, 0x4000 },     /* log2(10) */
    { 0xb8aa3b295c17f0bcull, 0x3fff },     /* log2(e) */
    { 0xc90fdaa22168c235ull, 0x4000 },     /* pi */
    { 0x9a209a84fbcff799ull, 0x3ffd },     /* log10(2) */
    { 0xb17217f7d1cf79acull, 0x3ffe },     /* ln(2) */
    { 0, 0 },                              /* +0 */
};
/* -1 / 0 / +1 to the last bit for RC = down, up, toward zero. */
static const int8_t x87_const_adjust[7][3] = {
    { 0, 0, 0 },
    { 0, 1, 0 },
    { -1, 0, -1 },
    { -1, 0, -1 },
    { -1, 0, -1 },
    { -1, 0, -1 },
    { 0, 0, 0 },
};

static void x87_fldconst(CPUX86State *env, int which)
{
    floatx80 v = x87_consts[which];
    int rc = (env->fpuc >> 10) & 3;

    if (rc) {
        v.low += x87_const_adjust[which][rc - 1];
    }
    x87_push(env, v);
}

/* FXAM: the class in C3 C2 C0, the sign in C1. */
static uint16_t x87_fxam(CPUX86State *env)
{
    floatx80 v = x87_get(env, 0);
    unsigned e = v.high & 0x7fff;
    uint16_t cc = (v.high & 0x8000) ? FPUS_C1 : 0;

    if (x87_is_empty(env, 0)) {
        return cc | FPUS_C3 | FPUS_C0;
    }
    if (e == 0) {
        return cc | (v.low ? FPUS_C3 | FPUS_C2 : FPUS_C3);
    }
    if (!(v.low >> 63)) {
        return cc;                              /* unsupported */
    }
    if (e == 0x7fff) {
        return cc | ((v.low << 1) ? FPUS_C0 : FPUS_C2 | FPUS_C0);
    }
    return cc | FPUS_C2;
}

static void x87_fxtract(CPUX86State *env)
{
    floatx80 v = x87_get(env, 0), ex, sig;
    FloatStatus *s = &env->fp_status;
    unsigned e = v.high & 0x7fff;
    uint16_t sign = v.high & 0x8000;

    if (floatx80_is_any_nan(v) || floatx80_invalid_encoding(v)) {
        ex = sig = floatx80_add(v, v, s);       /* quiet / indefinite */
    } else if (e == 0x7fff) {
        ex = make_floatx80(0x7fff, 0x8000000000000000ull);
        sig = v;
    } else if (e == 0 && v.low == 0) {
        float_raise(s, float_flag_divbyzero);
        ex = make_floatx80(0xffff, 0x8000000000000000ull);
        sig = v;
    } else {
        int exp = (int)e - 0x3fff;
        uint64_t m = v.low;
        if (e == 0) {
            int sh = __builtin_clzll(m);
            float_raise(s, float_flag_input_denormal);
            exp = 1 - 0x3fff - sh;
            m <<= sh;
        }
        ex = int32_to_floatx80(exp, s);
        sig = make_floatx80(sign | 0x3fff, m);
    }
    if (x87_blocked(env)) {
        return;
    }
    x87_set(env, 0, ex);
    x87_push(env, sig);
}

/* fscale with an unmasked overflow/underflow: the exponent wrapped by
 * 24576; a result out of range even so is infinity / zero. */
static floatx80 x87_fscale_bias(CPUX86State *env, floatx80 a, int n,
                                floatx80 r)
{
    FloatStatus *s = &env->fp_status;
    FloatStatus t = *s;
    bool oe = (s->flags & float_flag_overflow) &&
              !(env->fpuc & float_flag_overflow);
    bool ue = !oe && !(env->fpuc & float_flag_underflow) &&
              (r.high & 0x7fff) == 0 && (a.low || (a.high & 0x7fff));
    floatx80 rs;

    if (!oe && !ue) {
        return r;
    }
    t.flags = 0;
    rs = floatx80_scalbn(a, oe ? n - X87_BIAS : n + X87_BIAS, &t);
    if (ue && (rs.high & 0x7fff) > X87_BIAS) {
        return r;                       /* not tiny after all */
    }
    s->flags = (oe ? float_flag_overflow : float_flag_underflow) |
               (t.flags & float_flag_inexact) |
               (s->flags & float_flag_input_denormal);
    if (oe && (t.flags & float_flag_overflow)) {
        return make_floatx80((a.high & 0x8000) | 0x7fff,
                             0x8000000000000000ull);
    }
    if (ue && (rs.high & 0x7fff) == 0) {
        return make_floatx80(a.high & 0x8000, 0);
    }
    return rs;
}

static void x87_fscale(CPUX86State *env)
{
    floatx80 a = x87_get(env, 0), b = x87_get(env, 1), r;
    FloatStatus *s = &env->fp_status;
    unsigned eb = b.high & 0x7fff;
    bool a_zero = (a.high & 0x7fff) == 0 && a.low == 0;
    bool a_inf = (a.high & 0x7fff) == 0x7fff && !(a.low << 1);

    if (floatx80_is_any_nan(a) || floatx80_is_any_nan(b) ||
        floatx80_invalid_encoding(a) || floatx80_invalid_encoding(b)) {
        r = floatx80_add(a, b, s);
    } else if (eb == 0x7fff) {                  /* b = +-inf */
        bool neg = b.high & 0x8000;
        if ((neg && a_inf) || (!neg && a_zero)) {
            float_raise(s, float_flag_invalid);
            r = x87_indefinite;
        } else if (neg) {
            r = make_floatx80(a.high & 0x8000, 0);
            if ((a.high & 0x7fff) == 0 && a.low) {
                float_raise(s, float_flag_input_denormal);
            }
        } else {
            r = make_floatx80((a.high & 0x8000) | 0x7fff,
                              0x8000000000000000ull);
            if ((a.high & 0x7fff) == 0 && a.low) {
                float_raise(s, float_flag_input_denormal);
            }
        }
    } else {
        int n;
        if (eb >= 0x3fff + 30) {
            n = (b.high & 0x8000) ? -(1 << 30) : (1 << 30);
            if ((b.high & 0x7fff) == 0 && b.low) {
                float_raise(s, float_flag_input_denormal);
            }
        } else {
            FloatStatus q = *s;
            n = floatx80_to_int32_round_to_zero(b, &q);
            if (eb == 0 && b.low) {
                float_raise(s, float_flag_input_denormal);
            }
        }
        r = floatx80_scalbn(a, n, s);
        r = x87_fscale_bias(env, a, n, r);
        if (s->flags & float_flag_inexact) {
            FloatStatus tz = *s;
            floatx80 t;
            tz.rounding_mode = float_round_to_zero;
            t = floatx80_scalbn(a, n, &tz);
            if (t.low != r.low || t.high != r.high) {
                env->fpus |= FPUS_C1;
            }
        }
    }
    if (!x87_blocked(env)) {
        x87_set(env, 0, r);
    }
}

static void x87_fprem(CPUX86State *env, bool ieee)
{
    floatx80 a = x87_get(env, 0), b = x87_get(env, 1), r;
    uint64_t q = 0;
    bool complete = true;

    r = ieee ? floatx80_prem1(a, b, &q, &complete, &env->fp_status)
             : floatx80_prem(a, b, &q, &complete, &env->fp_status);
    if (x87_blocked(env)) {
        return;
    }
    if (!(env->fpuc & float_flag_underflow) && !(r.high & 0x7fff) && r.low) {
        /* unmasked underflow: the (exact) tiny remainder, normalised
         * with its exponent wrapped by 24576 */
        int sh = __builtin_clzll(r.low);
        r = make_floatx80((r.high & 0x8000) | (1 - sh + X87_BIAS),
                          r.low << sh);
        float_raise(&env->fp_status, float_flag_underflow);
    }
    x87_set(env, 0, r);
    if (!complete) {
        x87_set_cc(env, FPUS_C2);
    } else {
        x87_set_cc(env, ((q & 4) ? FPUS_C0 : 0) | ((q & 2) ? FPUS_C3 : 0) |
                        ((q & 1) ? FPUS_C1 : 0));
    }
}

/* Operations that need ST0 present (and ST1 for the two-operand ones). */
static bool x87_needs_st1(int op)
{
    return op == X87_FSCALE || op == X87_FPREM || op == X87_FPREM1;
}

/*
 * Register-only instructions, and fldcw / fnstsw / fwait: arg is the
 * condition for fcmov, the new control word for fldcw.  Returns the
 * status word for fnstsw.  dd d8 (fstp st0) pops after a store.
 */
static uint64_t helper_x87_op(CPUX86State *env, uint64_t enc, uint64_t arg)
{
    int op = x87_decode_op(enc), i = enc & 7;
    FloatStatus *s = &env->fp_status;
    floatx80 v;

    /* the non-waiting ones first */
    switch (op) {
    case X87_FNSTSW:
        return cpu_get_fpus(env);
    case X87_FNCLEX:
        env->fpus &= 0x7f00;                   /* keep C0-C3 and TOP */
        return 0;
    case X87_POP:
        /* after a store: no #MF check, C1 stays as the store set it */
        x87_pop(env);
        return 0;
    case X87_FNINIT:
        env->fpus = 0;
        env->fpstt = 0;
        memset(env->fptags, 1, sizeof(env->fptags));
        env->fpip = env->fpdp = 0;
        env->fpop = 0;
        cpu_set_fpuc(env, 0x37f);
        return 0;
    default:
        break;
    }

    x87_begin(env, GETPC());
    switch (op) {
    case X87_FWAIT:
    case X87_FNOP:
        break;
    case X87_FLDCW:
        cpu_set_fpuc(env, arg);
        return 0;
    case X87_FLD_STI:
        v = x87_get(env, i);
        if (x87_is_empty(env, i)) {
            x87_underflow(env);
            v = x87_indefinite;
            if (!x87_ie_masked(env)) {
                break;
            }
        }
        x87_push(env, v);
        break;
    case X87_FSTPNCE:
        /* d9 d8+i: fstp that ignores an empty ST0 (no underflow) */
        if (x87_is_empty(env, 0)) {
            x87_pop(env);
            break;
        }
        /* fallthrough */
    case X87_FST_STI:
    case X87_FSTP_STI:
        env->fpus &= ~FPUS_C1;
        v = x87_get(env, 0);
        if (x87_is_empty(env, 0)) {
            x87_underflow(env);
            if (!x87_ie_masked(env)) {
                break;
            }
            v = x87_indefinite;
        }
        x87_set(env, i, v);
        if (op != X87_FST_STI) {
            x87_pop(env);
        }
        break;
    case X87_FXCH: {
        floatx80 a = x87_get(env, 0), b = x87_get(env, i);
        env->fpus &= ~FPUS_C1;
        if (x87_is_empty(env, 0) || x87_is_empty(env, i)) {
            x87_underflow(env);
            if (!x87_ie_masked(env)) {
                break;
            }
            if (x87_is_empty(env, 0)) {
                a = x87_indefinite;
            }
            if (x87_is_empty(env, i)) {
                b = x87_indefinite;
            }
        }
        x87_set(env, 0, b);
        x87_set(env, i, a);
        break;
    }
    case X87_FCMOV:
        env->fpus &= ~FPUS_C1;
        if (x87_is_empty(env, 0) || x87_is_empty(env, i)) {
            /* underflow whatever the condition */
            x87_underflow(env);
            if (x87_ie_masked(env)) {
                x87_set(env, 0, x87_indefinite);
            }
        } else if (arg) {
            x87_set(env, 0, x87_get(env, i));
        }
        break;
    case X87_FFREE:
    case X87_FFREEP:
        env->fptags[x87_phys(env, i)] = 1;
        if (op == X87_FFREEP) {
            x87_pop(env);
        }
        break;
    case X87_FINCSTP:
        env->fpstt = (env->fpstt + 1) & 7;
        env->fpus &= ~FPUS_C1;
        break;
    case X87_FDECSTP:
        env->fpstt = (env->fpstt - 1) & 7;
        env->fpus &= ~FPUS_C1;
        break;
    case X87_FLD1: case X87_FLDL2T: case X87_FLDL2E: case X87_FLDPI:
    case X87_FLDLG2: case X87_FLDLN2: case X87_FLDZ:
        x87_fldconst(env, op - X87_FLD1);
        break;
    case X87_FXAM:
        x87_set_cc(env, x87_fxam(env));
        break;
    case X87_F2XM1: case X87_FYL2X: case X87_FPTAN: case X87_FPATAN:
    case X87_FYL2XP1: case X87_FSINCOS: case X87_FSIN: case X87_FCOS:
        x87_transcendental(env, op);
        break;
    default:
        /* unary/binary operations on ST0 (and ST1) */
        env->fpus &= ~FPUS_C1;
        if (x87_is_empty(env, 0) ||
            (x87_needs_st1(op) && x87_is_empty(env, 1))) {
            x87_underflow(env);
            if (op == X87_FTST) {
                x87_set_cc(env, FPUS_C0 | FPUS_C2 | FPUS_C3);
            } else if (op == X87_FXTRACT) {
                if (x87_ie_masked(env)) {
                    x87_set(env, 0, x87_indefinite);
                    x87_push(env, x87_indefinite);
                }
            } else if (x87_ie_masked(env)) {
                x87_set(env, 0, x87_indefinite);
            }
            break;
        }
        v = x87_get(env, 0);
        switch (op) {
        case X87_FCHS:
            x87_set(env, 0, floatx80_chs(v));
            break;
        case X87_FABS:
            x87_set(env, 0, floatx80_abs(v));
            break;
        case X87_FTST:
            x87_set_cc(env, x87_rel_cc(floatx80_compare(v,
                                       make_floatx80(0, 0), s)));
            break;
        case X87_FSQRT:
        case X87_FRNDINT: {
            X87BinFn *fn = op == X87_FSQRT ? x87_sqrt2 : x87_rndint2;
            floatx80 r = fn(v, v, s);
            if (x87_blocked(env)) {
                break;
            }
            if (x87_rounded_up(env, r, fn, v, v)) {
                env->fpus |= FPUS_C1;
            }
            x87_set(env, 0, r);
            break;
        }
        case X87_FXTRACT:
            if (!x87_is_empty(env, 7)) {
                if (x87_ie_masked(env)) {
                    x87_set(env, 0, x87_indefinite);
                }
                x87_push(env, x87_indefinite);
                break;
            }
            x87_fxtract(env);
            break;
        case X87_FSCALE:
            x87_fscale(env);
            break;
        case X87_FPREM:
        case X87_FPREM1:
            x87_fprem(env, op == X87_FPREM1);
            break;
        default:
            break;
        }
        break;
    }
    x87_end(env);
    return 0;
}

/* ------------------------------------------------------- descriptors */

#define X87_HELPER(NM, rt, n, ...)                                         \
    const TCGHelperInfo helper_info_##NM = {                               \
        .func = (void *)helper_##NM, .name = #NM,                          \
        .flags = TCG_CALL_NO_WG, .ret = (rt), .nargs = (n),                \
        .args = { __VA_ARGS__ },                                           \
    }

X87_HELPER(x87_fld, TCG_CALL_VOID, 4, TCG_CALL_PTR, TCG_CALL_I64,
           TCG_CALL_I64, TCG_CALL_I64);
X87_HELPER(x87_fst, TCG_CALL_I64, 2, TCG_CALL_PTR, TCG_CALL_I64);
X87_HELPER(x87_arith, TCG_CALL_I64, 3, TCG_CALL_PTR, TCG_CALL_I64,
           TCG_CALL_I64);
X87_HELPER(x87_op, TCG_CALL_I64, 3, TCG_CALL_PTR, TCG_CALL_I64,
           TCG_CALL_I64);
