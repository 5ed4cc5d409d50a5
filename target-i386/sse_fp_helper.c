/*
 * target-i386/sse_fp_helper.c: SSE/AVX floating point, MXCSR, FMA and
 * F16C, as run-time helpers on the fpu library with env->sse_status.
 *
 * Vector helpers take (env, d, a, b, desc): d, a and b are offsets in
 * env of X86YMMReg (or MMXReg) operands; the result is built in a local
 * copy (operands may alias) and written back to d.  desc describes the
 * shape (the translator, trans-sse-fp.c.inc, builds it):
 *
 *   bits 0-1   format: 0 ps, 1 pd, 2 ss, 3 sd (scalars keep a's other
 *              elements: legacy SSE passes a = d, VEX passes vvvv)
 *   bits 2-3   bytes written to d: 0 = 8 (MMX), 1 = 16, 2 = 32
 *   bit 4      zero d's bytes from there up to 32 (VEX results)
 *   bits 8-15  the instruction's imm8
 *   bits 16-31 another register offset (blendv mask)
 *   bits 32-39 a sub-operation (conversion kind, FMA kind...)
 *   bits 40-47 an element count where the shape alone does not say it
 *
 * MXCSR: env->mxcsr is always exact (STMXCSR, fxsave and signal frames
 * read it directly); cpu_set_mxcsr is its only writer besides the
 * helpers here.  sse_status.flags holds only the flags of the current
 * instruction: a computing helper starts with it clear and ORs it into
 * env->mxcsr on the way out, raising #XM (EXCP13_XMM) when one of them
 * is unmasked; the destination is then left unchanged, as on hardware.
 */
#include <string.h>

#include "cpu.h"
#include "tcg/tcg.h"

#define SSEF_FMT(desc)     ((int)(desc) & 3)
#define SSEF_OPRSZ(desc)   (8 << (((desc) >> 2) & 3))
#define SSEF_ZERO          (1u << 4)
#define SSEF_IMM(desc)     ((int)((desc) >> 8) & 0xff)
#define SSEF_OFS_C(desc)   (((desc) >> 16) & 0xffff)
#define SSEF_SUB(desc)     ((int)((desc) >> 32) & 0xff)
#define SSEF_COUNT(desc)   ((int)((desc) >> 40) & 0xff)

enum { FMT_PS, FMT_PD, FMT_SS, FMT_SD };

/* MXCSR bits. */
#define MXCSR_FLAGS  0x003fu
#define MXCSR_DAZ    0x0040u
#define MXCSR_RC_SHIFT 13
#define MXCSR_FTZ    0x8000u
#define MXCSR_VALID  0xffffu      /* MXCSR_MASK of the CPUs we model */

static inline X86YMMReg *ssef_reg(CPUX86State *env, uint64_t off)
{
    return (X86YMMReg *)((char *)env + off);
}

static inline void ssef_merge_flags(CPUX86State *env)
{
    env->mxcsr |= env->sse_status.flags & MXCSR_FLAGS;
}

/*
 * Flags.  With every exception masked (the usual MXCSR), sse_status.flags
 * is sticky and mirrors the MXCSR flags: a set inexact flag lets fpu/
 * take the host FPU without proving each result exact, which is most of
 * the speed of SSE code.  With an exception unmasked (#XM), a computing
 * helper starts with clear sse_status.flags (env->mxcsr keeps the
 * accumulated ones), does not write its destination when an unmasked
 * exception came up, and raises EXCP13_XMM on the way out (ssef_finish).
 */
static inline bool ssef_all_masked(const CPUX86State *env)
{
    return (env->mxcsr & 0x1f80u) == 0x1f80u;
}

static inline void ssef_start(CPUX86State *env)
{
    if (!ssef_all_masked(env)) {
        env->sse_status.flags = 0;
    }
}

static inline uint32_t ssef_unmasked(CPUX86State *env)
{
    return env->sse_status.flags & ~(env->mxcsr >> 7) & MXCSR_FLAGS;
}

static void ssef_finish(CPUX86State *env, uintptr_t ra)
{
    uint32_t unmasked = ssef_unmasked(env);

    ssef_merge_flags(env);
    if (!ssef_all_masked(env)) {
        env->sse_status.flags = 0;
    }
    if (unmasked) {
        env->error_code = 0;
        cpu_raise_exception(env_cpu(env), EXCP13_XMM, ra);
    }
}

/* Write the result r to d as desc says (unless #XM is coming). */
static void ssef_put(CPUX86State *env, uint64_t d, const X86YMMReg *r,
                     uint64_t desc)
{
    int sz = SSEF_OPRSZ(desc);
    char *p = (char *)env + d;

    if (ssef_unmasked(env)) {
        return;
    }
    memcpy(p, r, sz);
    if ((desc & SSEF_ZERO) && sz < 32) {
        memset(p + sz, 0, 32 - sz);
    }
}

/* Elements the operation covers: 1 for scalars, else oprsz / size. */
static int ssef_nelem(uint64_t desc)
{
    int fmt = SSEF_FMT(desc);

    if (fmt >= FMT_SS) {
        return 1;
    }
    return SSEF_OPRSZ(desc) / (fmt == FMT_PD ? 8 : 4);
}

static inline bool ssef_is_double(uint64_t desc)
{
    return SSEF_FMT(desc) & 1;
}

void cpu_set_mxcsr(CPUX86State *env, uint32_t mxcsr)
{
    FloatStatus *s = &env->sse_status;

    /* Re-create the status so the x86 NaN/overflow rules always hold. */
    float_status_init_x86_sse(s);
    s->rounding_mode = (mxcsr >> MXCSR_RC_SHIFT) & 3;   /* RC = ours */
    s->flush_to_zero = (mxcsr & MXCSR_FTZ) != 0;
    s->flush_inputs_to_zero = (mxcsr & MXCSR_DAZ) != 0;
    env->mxcsr = mxcsr;
    /* The accumulated flags are in mxcsr; sticky here when all masked. */
    s->flags = ssef_all_masked(env) ? (mxcsr & MXCSR_FLAGS) : 0;
}

/* ------------------------------------------------ helper descriptors */

#define SSEF_ARGS5 { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64, \
                     TCG_CALL_I64, TCG_CALL_I64 }

/*
 * A computing vector helper (env, d, a, b, desc): it may raise #XM, so
 * it may read the TCG globals (they must be in env for the exception).
 */
#define SSEF_VV(NAME)                                                     \
    static void ssef_do_##NAME(CPUX86State *env, uint64_t d, uint64_t a,  \
                               uint64_t b, uint64_t desc);                \
    static void helper_ssef_##NAME(CPUX86State *env, uint64_t d,         \
                                   uint64_t a, uint64_t b, uint64_t desc) \
    {                                                                     \
        ssef_start(env);                                                  \
        ssef_do_##NAME(env, d, a, b, desc);                               \
        ssef_finish(env, GETPC());                                        \
    }                                                                     \
    const TCGHelperInfo helper_info_ssef_##NAME = {                       \
        .func = (void *)helper_ssef_##NAME, .name = "ssef_" #NAME,        \
        .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_VOID, .nargs = 5,        \
        .args = SSEF_ARGS5,                                               \
    };                                                                    \
    static void ssef_do_##NAME(CPUX86State *env, uint64_t d, uint64_t a,  \
                               uint64_t b, uint64_t desc)

/* A data-movement helper: no FP flags, touches only env. */
#define SSEF_VM(NAME)                                                     \
    static void helper_ssef_##NAME(CPUX86State *env, uint64_t d,         \
                                   uint64_t a, uint64_t b, uint64_t desc); \
    const TCGHelperInfo helper_info_ssef_##NAME = {                       \
        .func = (void *)helper_ssef_##NAME, .name = "ssef_" #NAME,        \
        .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_VOID, .nargs = 5,       \
        .args = SSEF_ARGS5,                                               \
    };                                                                    \
    static void helper_ssef_##NAME(CPUX86State *env, uint64_t d,         \
                                   uint64_t a, uint64_t b, uint64_t desc)

/* ------------------------------------------------ element-wise ops */

typedef float32 (*SsefBin32)(float32, float32, FloatStatus *);
typedef float64 (*SsefBin64)(float64, float64, FloatStatus *);

static void ssef_binop(CPUX86State *env, uint64_t d, uint64_t a, uint64_t b,
                       uint64_t desc, SsefBin32 f32, SsefBin64 f64)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r = *A;
    FloatStatus *s = &env->sse_status;
    int i, n = ssef_nelem(desc);

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            r.d[i] = f64(A->d[i], B->d[i], s);
        } else {
            r.s[i] = f32(A->s[i], B->s[i], s);
        }
    }
    ssef_put(env, d, &r, desc);
}

#define SSEF_BINOP(NAME, F32, F64)                                        \
    SSEF_VV(NAME) { ssef_binop(env, d, a, b, desc, F32, F64); }

SSEF_BINOP(add, float32_add, float64_add)
SSEF_BINOP(sub, float32_sub, float64_sub)
SSEF_BINOP(mul, float32_mul, float64_mul)
SSEF_BINOP(div, float32_div, float64_div)
SSEF_BINOP(min, float32_min_x86, float64_min_x86)
SSEF_BINOP(max, float32_max_x86, float64_max_x86)

SSEF_VV(sqrt)
{
    X86YMMReg *B = ssef_reg(env, b), r = *ssef_reg(env, a);
    FloatStatus *s = &env->sse_status;
    int i, n = ssef_nelem(desc);

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            r.d[i] = float64_sqrt(B->d[i], s);
        } else {
            r.s[i] = float32_sqrt(B->s[i], s);
        }
    }
    ssef_put(env, d, &r, desc);
}

/*
 * rcpps / rsqrtps: the hardware's tables are not public; it promises a
 * relative error of at most 1.5 * 2^-12.  We return the exact value
 * rounded to 12 significant bits (error <= 2^-12).  Denormal inputs
 * count as zero and tiny results flush to zero, as on the hardware;
 * no MXCSR flag is ever raised.
 */
static float32 ssef_approx(float32 x, bool rsqrt)
{
    FloatStatus t;
    float64 v, one = 0x3ff0000000000000ull;
    uint32_t sign = x & 0x80000000u;
    uint64_t bits;

    float_status_init_x86_sse(&t);
    if (float32_is_any_nan(x)) {
        return x | 0x00400000u;
    }
    if (float32_is_zero(x) || float32_is_denormal(x)) {
        return sign | 0x7f800000u;
    }
    if (rsqrt && sign) {
        return 0xffc00000u;                  /* the default NaN */
    }
    if (float32_is_infinity(x)) {
        return sign;
    }
    v = float32_to_float64(x, &t);
    if (rsqrt) {
        v = float64_sqrt(v, &t);
    }
    bits = float64_div(one, v, &t);
    bits += 1ull << 40;                       /* round to 12 bits */
    bits &= ~((1ull << 41) - 1);
    if (((bits >> 52) & 0x7ff) < 1023 - 126) {
        return sign;                          /* below FLT_MIN: flushed */
    }
    return float64_to_float32(bits, &t);
}

static void ssef_approx_op(CPUX86State *env, uint64_t d, uint64_t a,
                           uint64_t b, uint64_t desc, bool rsqrt)
{
    X86YMMReg *B = ssef_reg(env, b), r = *ssef_reg(env, a);
    int i, n = ssef_nelem(desc);

    for (i = 0; i < n; i++) {
        r.s[i] = ssef_approx(B->s[i], rsqrt);
    }
    ssef_put(env, d, &r, desc);
}

SSEF_VM(rcp) { ssef_approx_op(env, d, a, b, desc, false); }
SSEF_VM(rsqrt) { ssef_approx_op(env, d, a, b, desc, true); }

/* roundps/pd/ss/sd: imm bits 1:0 the mode, bit 2 use MXCSR.RC, bit 3
 * suppress inexact. */
SSEF_VV(round)
{
    X86YMMReg *B = ssef_reg(env, b), r = *ssef_reg(env, a);
    FloatStatus *s = &env->sse_status;
    int i, n = ssef_nelem(desc), imm = SSEF_IMM(desc);
    int mode = (imm & 4) ? s->rounding_mode : (imm & 3);
    bool exact = !(imm & 8);

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            r.d[i] = float64_round_to_int_mode(B->d[i], mode, exact, s);
        } else {
            r.s[i] = float32_round_to_int_mode(B->s[i], mode, exact, s);
        }
    }
    ssef_put(env, d, &r, desc);
}

/*
 * cmpps & co: the predicate imm8 (0..31; legacy SSE has 0..7).  For
 * predicates 0..15, which relations make it true (bit per relation:
 * 1 less, 2 equal, 4 greater, 8 unordered); 16..31 repeat them with
 * the signalling behaviour swapped.  Predicates with (imm & 3) == 1 or
 * 2 (LT LE NLT NLE NGE NGT GE GT) signal on QNaN.
 */
static const uint8_t ssef_cmp_true[16] = {
    0x2, 0x1, 0x3, 0x8, 0xd, 0xe, 0xc, 0x7,
    0xa, 0x9, 0xb, 0x0, 0x5, 0x6, 0x4, 0xf,
};

static bool ssef_cmp_signals(int imm)
{
    bool sig = (imm & 3) == 1 || (imm & 3) == 2;

    return (imm & 16) ? !sig : sig;
}

SSEF_VV(cmp)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r = *A;
    FloatStatus *s = &env->sse_status;
    int i, n = ssef_nelem(desc), imm = SSEF_IMM(desc) & 31, rel;
    bool sig = ssef_cmp_signals(imm);
    unsigned truth = ssef_cmp_true[imm & 15];

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            rel = sig ? float64_compare(A->d[i], B->d[i], s)
                      : float64_compare_quiet(A->d[i], B->d[i], s);
            r.q[i] = (truth >> (rel + 1)) & 1 ? ~0ull : 0;
        } else {
            rel = sig ? float32_compare(A->s[i], B->s[i], s)
                      : float32_compare_quiet(A->s[i], B->s[i], s);
            r.l[i] = (truth >> (rel + 1)) & 1 ? ~0u : 0;
        }
    }
    ssef_put(env, d, &r, desc);
}

/* ------------------------------------------------ SSE3 horizontal ops */

/* addsubps/pd: even elements a - b, odd elements a + b. */
SSEF_VV(addsub)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    FloatStatus *s = &env->sse_status;
    int i, n = ssef_nelem(desc);

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            r.d[i] = (i & 1) ? float64_add(A->d[i], B->d[i], s)
                             : float64_sub(A->d[i], B->d[i], s);
        } else {
            r.s[i] = (i & 1) ? float32_add(A->s[i], B->s[i], s)
                             : float32_sub(A->s[i], B->s[i], s);
        }
    }
    ssef_put(env, d, &r, desc);
}

/* haddps/hsubps/pd: within each 128-bit lane, pairs of a then pairs of
 * b; sub-op 1 subtracts. */
SSEF_VV(hop)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    FloatStatus *s = &env->sse_status;
    bool sub = SSEF_SUB(desc);
    int lane, i, lanes = SSEF_OPRSZ(desc) / 16;

    for (lane = 0; lane < lanes; lane++) {
        if (ssef_is_double(desc)) {
            int o = lane * 2;
            for (i = 0; i < 2; i++) {
                X86YMMReg *X = i ? B : A;
                r.d[o + i] = sub ? float64_sub(X->d[o], X->d[o + 1], s)
                                 : float64_add(X->d[o], X->d[o + 1], s);
            }
        } else {
            int o = lane * 4;
            for (i = 0; i < 4; i++) {
                X86YMMReg *X = i < 2 ? A : B;
                int j = o + (i & 1) * 2;
                r.s[o + i] = sub ? float32_sub(X->s[j], X->s[j + 1], s)
                                 : float32_add(X->s[j], X->s[j + 1], s);
            }
        }
    }
    ssef_put(env, d, &r, desc);
}

/* ------------------------------------------------ data movement */

/* unpcklps/pd (sub 0) and unpckhps/pd (sub 1), per 128-bit lane. */
SSEF_VM(unpck)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    int lane, i, lanes = SSEF_OPRSZ(desc) / 16, hi = SSEF_SUB(desc);

    for (lane = 0; lane < lanes; lane++) {
        if (ssef_is_double(desc)) {
            r.q[lane * 2] = A->q[lane * 2 + hi];
            r.q[lane * 2 + 1] = B->q[lane * 2 + hi];
        } else {
            for (i = 0; i < 2; i++) {
                r.l[lane * 4 + i * 2] = A->l[lane * 4 + hi * 2 + i];
                r.l[lane * 4 + i * 2 + 1] = B->l[lane * 4 + hi * 2 + i];
            }
        }
    }
    ssef_put(env, d, &r, desc);
}

/* shufps/pd: the same imm8 for every 128-bit lane (shufpd: 2 bits per
 * lane). */
SSEF_VM(shuf)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    int lane, lanes = SSEF_OPRSZ(desc) / 16, imm = SSEF_IMM(desc);

    for (lane = 0; lane < lanes; lane++) {
        if (ssef_is_double(desc)) {
            int bits = imm >> (lane * 2);
            r.q[lane * 2] = A->q[lane * 2 + (bits & 1)];
            r.q[lane * 2 + 1] = B->q[lane * 2 + ((bits >> 1) & 1)];
        } else {
            int o = lane * 4;
            r.l[o] = A->l[o + (imm & 3)];
            r.l[o + 1] = A->l[o + ((imm >> 2) & 3)];
            r.l[o + 2] = B->l[o + ((imm >> 4) & 3)];
            r.l[o + 3] = B->l[o + ((imm >> 6) & 3)];
        }
    }
    ssef_put(env, d, &r, desc);
}

/* movsldup (sub 0), movshdup (sub 1), movddup (sub 2) of b. */
SSEF_VM(dup)
{
    X86YMMReg *B = ssef_reg(env, b), r;
    int i, n = SSEF_OPRSZ(desc) / 8, sub = SSEF_SUB(desc);

    for (i = 0; i < n; i++) {
        if (sub == 2) {
            r.q[i] = B->q[i & ~1];
        } else {
            r.l[i * 2] = r.l[i * 2 + 1] = B->l[i * 2 + sub];
        }
    }
    ssef_put(env, d, &r, desc);
}

/* blendps/pd: imm bit i picks b's element i. */
SSEF_VM(blend)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    int i, n = ssef_nelem(desc), imm = SSEF_IMM(desc);

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            r.q[i] = (imm >> i) & 1 ? B->q[i] : A->q[i];
        } else {
            r.l[i] = (imm >> i) & 1 ? B->l[i] : A->l[i];
        }
    }
    ssef_put(env, d, &r, desc);
}

/* blendvps/pd: the sign of the mask's element i picks b's element i. */
SSEF_VM(blendv)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b);
    X86YMMReg *M = ssef_reg(env, SSEF_OFS_C(desc)), r;
    int i, n = ssef_nelem(desc);

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            r.q[i] = M->sq[i] < 0 ? B->q[i] : A->q[i];
        } else {
            r.l[i] = M->sl[i] < 0 ? B->l[i] : A->l[i];
        }
    }
    ssef_put(env, d, &r, desc);
}

/* insertps: b's element imm[7:6] (memory: the loaded m32 is element 0
 * and the translator clears those bits) into element imm[5:4], then
 * zero the elements in imm[3:0]. */
SSEF_VM(insertps)
{
    X86YMMReg *B = ssef_reg(env, b), r = *ssef_reg(env, a);
    int i, imm = SSEF_IMM(desc);
    uint32_t v = B->l[(imm >> 6) & 3];

    r.l[(imm >> 4) & 3] = v;
    for (i = 0; i < 4; i++) {
        if ((imm >> i) & 1) {
            r.l[i] = 0;
        }
    }
    ssef_put(env, d, &r, desc);
}

/*
 * vpermilps/pd: sub 0 takes the controls from b's elements (table a),
 * sub 1 from imm8 (table b).  Selection stays within each 128-bit lane.
 */
SSEF_VM(permil)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    bool by_imm = SSEF_SUB(desc);
    X86YMMReg *T = by_imm ? B : A;
    int i, n = ssef_nelem(desc), imm = SSEF_IMM(desc);

    for (i = 0; i < n; i++) {
        if (ssef_is_double(desc)) {
            int sel = by_imm ? (imm >> i) & 1 : (B->q[i] >> 1) & 1;
            r.q[i] = T->q[(i & ~1) + sel];
        } else {
            int sel = by_imm ? (imm >> ((i & 3) * 2)) & 3 : B->l[i] & 3;
            r.l[i] = T->l[(i & ~3) + sel];
        }
    }
    ssef_put(env, d, &r, desc);
}

/* vperm2f128: each half of the result is one of a.lo a.hi b.lo b.hi
 * (imm[1:0], imm[5:4]) or zero (imm bit 3, 7). */
SSEF_VM(perm2f128)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    int h, imm = SSEF_IMM(desc);

    for (h = 0; h < 2; h++) {
        int ctl = imm >> (h * 4);
        X86YMMReg *X = (ctl & 2) ? B : A;
        if (ctl & 8) {
            r.q[h * 2] = r.q[h * 2 + 1] = 0;
        } else {
            r.q[h * 2] = X->q[(ctl & 1) * 2];
            r.q[h * 2 + 1] = X->q[(ctl & 1) * 2 + 1];
        }
    }
    ssef_put(env, d, &r, desc);
}

/* vinsertf128 (sub 0): a with half imm[0] replaced by b's low half;
 * vextractf128 (sub 1): b's half imm[0] to d's low half. */
SSEF_VM(f128)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    int h = SSEF_IMM(desc) & 1;

    if (SSEF_SUB(desc) == 0) {
        r = *A;
        r.q[h * 2] = B->q[0];
        r.q[h * 2 + 1] = B->q[1];
    } else {
        memset(&r, 0, sizeof(r));
        r.q[0] = B->q[h * 2];
        r.q[1] = B->q[h * 2 + 1];
    }
    ssef_put(env, d, &r, desc);
}

/* vpermps (sub 0): element i = b[a[i] & 7]; vpermpd (sub 1): element
 * i = b[imm >> 2i & 3]. */
SSEF_VM(perm)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    int i, imm = SSEF_IMM(desc);

    for (i = 0; i < 8; i++) {
        if (SSEF_SUB(desc)) {
            if (i < 4) {
                r.q[i] = B->q[(imm >> (i * 2)) & 3];
            }
        } else {
            r.l[i] = B->l[A->l[i] & 7];
        }
    }
    ssef_put(env, d, &r, desc);
}

/* vbroadcastss (sub 0), vbroadcastsd (sub 1), vbroadcastf128 (sub 2)
 * of b's low element. */
SSEF_VM(bcast)
{
    X86YMMReg *B = ssef_reg(env, b), r;
    int i, sub = SSEF_SUB(desc), n = SSEF_OPRSZ(desc) / 4;

    for (i = 0; i < n; i++) {
        r.l[i] = B->l[sub == 0 ? 0 : sub == 1 ? (i & 1) : (i & 3)];
    }
    ssef_put(env, d, &r, desc);
}

/* ------------------------------------------------ dot products */

/* dpps/dppd: imm[7:4] select the products (others +0.0), summed pairwise
 * as the hardware does; imm[3:0] select where the sum goes (others
 * +0.0).  Per 128-bit lane. */
SSEF_VV(dp)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b), r;
    FloatStatus *s = &env->sse_status;
    int lane, i, lanes = SSEF_OPRSZ(desc) / 16, imm = SSEF_IMM(desc);

    for (lane = 0; lane < lanes; lane++) {
        if (ssef_is_double(desc)) {
            float64 p[2], sum;
            int o = lane * 2;
            for (i = 0; i < 2; i++) {
                p[i] = (imm >> (4 + i)) & 1
                       ? float64_mul(A->d[o + i], B->d[o + i], s) : 0;
            }
            sum = float64_add(p[0], p[1], s);
            for (i = 0; i < 2; i++) {
                r.d[o + i] = (imm >> i) & 1 ? sum : 0;
            }
        } else {
            float32 p[4], sum;
            int o = lane * 4;
            for (i = 0; i < 4; i++) {
                p[i] = (imm >> (4 + i)) & 1
                       ? float32_mul(A->s[o + i], B->s[o + i], s) : 0;
            }
            sum = float32_add(float32_add(p[0], p[1], s),
                              float32_add(p[2], p[3], s), s);
            for (i = 0; i < 4; i++) {
                r.s[o + i] = (imm >> i) & 1 ? sum : 0;
            }
        }
    }
    ssef_put(env, d, &r, desc);
}

/* ------------------------------------------------ FMA */

/*
 * Sub-op: bits 0-2 the kind (0 fmaddsub, 1 fmsubadd, 2 fmadd, 3 fmsub,
 * 4 fnmadd, 5 fnmsub), bits 4-5 the form (0 = 132, 1 = 213, 2 = 231).
 * Operands: op1 = d, op2 = a (vvvv), op3 = b (r/m).
 *   132: op1 * op3 + op2   213: op2 * op1 + op3   231: op2 * op3 + op1
 * Scalar forms keep op1's other elements.
 */
enum { FMA_ADDSUB, FMA_SUBADD, FMA_ADD, FMA_SUB, FMA_NADD, FMA_NSUB };

static int ssef_fma_flags(int kind, int i)
{
    switch (kind) {
    case FMA_ADDSUB: return (i & 1) ? 0 : float_muladd_negate_c;
    case FMA_SUBADD: return (i & 1) ? float_muladd_negate_c : 0;
    case FMA_SUB: return float_muladd_negate_c;
    case FMA_NADD: return float_muladd_negate_product;
    case FMA_NSUB: return float_muladd_negate_product | float_muladd_negate_c;
    default: return 0;
    }
}

SSEF_VV(fma)
{
    X86YMMReg *X = ssef_reg(env, d), *Y = ssef_reg(env, a);
    X86YMMReg *Z = ssef_reg(env, b), r = *X;
    FloatStatus *s = &env->sse_status;
    int sub = SSEF_SUB(desc), kind = sub & 7, form = (sub >> 4) & 3;
    X86YMMReg *m1 = form == 0 ? X : Y;
    X86YMMReg *m2 = form == 1 ? X : Z;
    X86YMMReg *ad = form == 0 ? Y : form == 1 ? Z : X;
    int i, n = ssef_nelem(desc);

    /* NaN priority: the first NaN among the two multiplicands and the
     * addend, in that order (the library's default). */
    for (i = 0; i < n; i++) {
        int fl = ssef_fma_flags(kind, i);
        if (ssef_is_double(desc)) {
            r.d[i] = float64_muladd(m1->d[i], m2->d[i], ad->d[i], fl, s);
        } else {
            r.s[i] = float32_muladd(m1->s[i], m2->s[i], ad->s[i], fl, s);
        }
    }
    ssef_put(env, d, &r, desc);
}

/* ------------------------------------------------ conversions */

enum {
    CV_PS2PD, CV_PD2PS, CV_SS2SD, CV_SD2SS, CV_DQ2PS, CV_PS2DQ, CV_TPS2DQ,
    CV_DQ2PD, CV_PD2DQ, CV_TPD2DQ, CV_PI2PS, CV_PI2PD, CV_PS2PI, CV_TPS2PI,
    CV_PD2PI, CV_TPD2PI, CV_PH2PS, CV_PS2PH,
};

/*
 * The element count (desc bits 40-47) is the number of elements
 * converted; results not written by them are zero, except cvtpi2ps
 * (keeps d's high half) and the scalar forms (keep a's other elements).
 */
SSEF_VV(cvt)
{
    X86YMMReg *B = ssef_reg(env, b), r;
    FloatStatus *s = &env->sse_status;
    int i, n = SSEF_COUNT(desc), kind = SSEF_SUB(desc);
    int save_rm = s->rounding_mode, imm = SSEF_IMM(desc);

    switch (kind) {
    case CV_SS2SD:
    case CV_SD2SS:
        r = *ssef_reg(env, a);
        break;
    case CV_PI2PS:
        r = *ssef_reg(env, d);
        break;
    default:
        memset(&r, 0, sizeof(r));
        break;
    }
    uint8_t save_flags = s->flags;
    bool save_ftz = s->flush_to_zero, save_daz = s->flush_inputs_to_zero;

    /* Half precision ignores FTZ and DAZ, and its denormals are no DE. */
    if (kind == CV_PS2PH) {
        s->flush_to_zero = false;
        if (!(imm & 4)) {
            s->rounding_mode = imm & 3;
        }
    } else if (kind == CV_PH2PS) {
        s->flush_inputs_to_zero = false;
    }
    for (i = 0; i < n; i++) {
        switch (kind) {
        case CV_PS2PD: r.d[i] = float32_to_float64(B->s[i], s); break;
        case CV_PD2PS: r.s[i] = float64_to_float32(B->d[i], s); break;
        case CV_SS2SD: r.d[i] = float32_to_float64(B->s[i], s); break;
        case CV_SD2SS: r.s[i] = float64_to_float32(B->d[i], s); break;
        case CV_DQ2PS: r.s[i] = int32_to_float32(B->sl[i], s); break;
        case CV_PS2DQ:
        case CV_PS2PI: r.sl[i] = float32_to_int32(B->s[i], s); break;
        case CV_TPS2DQ:
        case CV_TPS2PI:
            r.sl[i] = float32_to_int32_round_to_zero(B->s[i], s);
            break;
        case CV_DQ2PD:
        case CV_PI2PD: r.d[i] = int32_to_float64(B->sl[i], s); break;
        case CV_PD2DQ:
        case CV_PD2PI: r.sl[i] = float64_to_int32(B->d[i], s); break;
        case CV_TPD2DQ:
        case CV_TPD2PI:
            r.sl[i] = float64_to_int32_round_to_zero(B->d[i], s);
            break;
        case CV_PI2PS: r.s[i] = int32_to_float32(B->sl[i], s); break;
        case CV_PH2PS: r.s[i] = float16_to_float32(B->w[i], true, s); break;
        case CV_PS2PH: r.w[i] = float32_to_float16(B->s[i], true, s); break;
        }
    }
    s->rounding_mode = save_rm;
    s->flush_to_zero = save_ftz;
    s->flush_inputs_to_zero = save_daz;
    if (kind == CV_PH2PS) {
        s->flags = (s->flags & ~float_flag_input_denormal)
                   | (save_flags & float_flag_input_denormal);
    }
    ssef_put(env, d, &r, desc);
}

/* cvtsi2ss/sd: a with element 0 = the (sign-extended) integer v. */
SSEF_VV(cvtsi)
{
    X86YMMReg r = *ssef_reg(env, a);
    FloatStatus *s = &env->sse_status;

    if (ssef_is_double(desc)) {
        r.d[0] = int64_to_float64((int64_t)b, s);
    } else {
        r.s[0] = int64_to_float32((int64_t)b, s);
    }
    ssef_put(env, d, &r, desc);
}

/* ------------------------------------------------ to general registers */

/* cvt(t)ss2si / cvt(t)sd2si of b's element 0: desc sub bit 0 truncates,
 * bit 1 gives a 64-bit result. */
static uint64_t helper_ssef_cvt2si(CPUX86State *env, uint64_t b,
                                   uint64_t desc)
{
    X86YMMReg *B = ssef_reg(env, b);
    FloatStatus *s = &env->sse_status;
    int sub = SSEF_SUB(desc);
    int mode = (sub & 1) ? float_round_to_zero : s->rounding_mode;
    uint64_t v;

    ssef_start(env);
    if (ssef_is_double(desc)) {
        v = (sub & 2) ? (uint64_t)float64_to_int64_scalbn(B->d[0], mode, 0, s)
                      : (uint32_t)float64_to_int32_scalbn(B->d[0], mode, 0, s);
    } else {
        v = (sub & 2) ? (uint64_t)float32_to_int64_scalbn(B->s[0], mode, 0, s)
                      : (uint32_t)float32_to_int32_scalbn(B->s[0], mode, 0, s);
    }
    ssef_finish(env, GETPC());
    return v;
}

const TCGHelperInfo helper_info_ssef_cvt2si = {
    .func = (void *)helper_ssef_cvt2si, .name = "ssef_cvt2si",
    .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_I64, .nargs = 3,
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64 },
};

/* comiss/ucomiss/comisd/ucomisd: ZF PF CF as CC_* bits; desc sub 1 =
 * signalling (comis*: invalid on QNaN too). */
static uint64_t helper_ssef_comi(CPUX86State *env, uint64_t a, uint64_t b,
                                 uint64_t desc)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b);
    FloatStatus *s = &env->sse_status;
    bool sig = SSEF_SUB(desc);
    int rel;
    static const uint8_t cc[4] = { CC_C, CC_Z, 0, CC_Z | CC_P | CC_C };

    ssef_start(env);
    if (ssef_is_double(desc)) {
        rel = sig ? float64_compare(A->d[0], B->d[0], s)
                  : float64_compare_quiet(A->d[0], B->d[0], s);
    } else {
        rel = sig ? float32_compare(A->s[0], B->s[0], s)
                  : float32_compare_quiet(A->s[0], B->s[0], s);
    }
    ssef_finish(env, GETPC());
    return cc[rel + 1];
}

const TCGHelperInfo helper_info_ssef_comi = {
    .func = (void *)helper_ssef_comi, .name = "ssef_comi",
    .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_I64, .nargs = 4,
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_I64 },
};

/* movmskps/pd: the sign bits of b's elements. */
static uint64_t helper_ssef_movmsk(CPUX86State *env, uint64_t b,
                                   uint64_t desc)
{
    X86YMMReg *B = ssef_reg(env, b);
    int i, n = ssef_nelem(desc);
    uint64_t m = 0;

    for (i = 0; i < n; i++) {
        m |= (ssef_is_double(desc) ? B->q[i] >> 63 : B->l[i] >> 31) << i;
    }
    return m;
}

const TCGHelperInfo helper_info_ssef_movmsk = {
    .func = (void *)helper_ssef_movmsk, .name = "ssef_movmsk",
    .flags = TCG_CALL_NO_RWG_SE, .ret = TCG_CALL_I64, .nargs = 3,
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64 },
};

/* vtestps/pd: ZF = no element has both signs set, CF = no element has
 * b's sign set and a's clear. */
static uint64_t helper_ssef_vtest(CPUX86State *env, uint64_t a, uint64_t b,
                                  uint64_t desc)
{
    X86YMMReg *A = ssef_reg(env, a), *B = ssef_reg(env, b);
    int i, n = SSEF_OPRSZ(desc) / 8;
    uint64_t sign = ssef_is_double(desc) ? 0x8000000000000000ull
                                         : 0x8000000080000000ull;
    uint64_t and = 0, andn = 0;

    for (i = 0; i < n; i++) {
        and |= A->q[i] & B->q[i] & sign;
        andn |= ~A->q[i] & B->q[i] & sign;
    }
    return (and ? 0 : CC_Z) | (andn ? 0 : CC_C);
}

const TCGHelperInfo helper_info_ssef_vtest = {
    .func = (void *)helper_ssef_vtest, .name = "ssef_vtest",
    .flags = TCG_CALL_NO_RWG_SE, .ret = TCG_CALL_I64, .nargs = 4,
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_I64 },
};

/* ------------------------------------------------ MXCSR */

/* LDMXCSR: reserved bits set -> #GP(0). */
static void helper_ssef_ldmxcsr(CPUX86State *env, uint64_t v)
{
    if (v & ~(uint64_t)MXCSR_VALID) {
        env->error_code = 0;
        cpu_raise_exception(env_cpu(env), EXCP0D_GPF, GETPC());
    }
    cpu_set_mxcsr(env, (uint32_t)v);
}

const TCGHelperInfo helper_info_ssef_ldmxcsr = {
    .func = (void *)helper_ssef_ldmxcsr, .name = "ssef_ldmxcsr",
    .flags = 0, .ret = TCG_CALL_VOID, .nargs = 2,
    .args = { TCG_CALL_PTR, TCG_CALL_I64 },
};

/* ------------------------------------------------ scalar fast path */

/*
 * addss & co. on element-0 values the translator loads and stores
 * itself (no vector copies): desc bits 0-1 the format (ss/sd), sub-op
 * the operation in the order of ssef_sop32/64; sub-op 6 is sqrt(b).
 */
static const SsefBin32 ssef_sop32[6] = {
    float32_add, float32_sub, float32_mul, float32_div, float32_min_x86,
    float32_max_x86,
};
static const SsefBin64 ssef_sop64[6] = {
    float64_add, float64_sub, float64_mul, float64_div, float64_min_x86,
    float64_max_x86,
};

static uint64_t ssef_scalar(CPUX86State *env, uint64_t a, uint64_t b,
                            uint64_t desc, uintptr_t ra)
{
    FloatStatus *s = &env->sse_status;
    int op = SSEF_SUB(desc);
    uint64_t r;

    ssef_start(env);
    if (ssef_is_double(desc)) {
        r = op == 6 ? float64_sqrt(b, s) : ssef_sop64[op](a, b, s);
    } else {
        r = op == 6 ? float32_sqrt(b, s) : ssef_sop32[op](a, b, s);
    }
    ssef_finish(env, ra);
    return r;
}

static uint64_t helper_ssef_scalar(CPUX86State *env, uint64_t a, uint64_t b,
                                   uint64_t desc)
{
    return ssef_scalar(env, a, b, desc, GETPC());
}

/*
 * addsd/subsd/mulsd/divsd and the ss forms, one helper each so the usual
 * case (every exception masked) is a direct call into fpu/ and a flag
 * merge; otherwise the general path above.  desc as for ssef_scalar.
 */
#define SSEF_SCALAR_FAST(NAME, FN, T)                                     \
    static uint64_t helper_ssef_##NAME(CPUX86State *env, uint64_t a,     \
                                       uint64_t b, uint64_t desc)        \
    {                                                                     \
        if (ssef_all_masked(env)) {                                       \
            uint64_t r = FN((T)a, (T)b, &env->sse_status);                \
            ssef_merge_flags(env);                                        \
            return r;                                                     \
        }                                                                 \
        return ssef_scalar(env, a, b, desc, GETPC());                     \
    }                                                                     \
    const TCGHelperInfo helper_info_ssef_##NAME = {                       \
        .func = (void *)helper_ssef_##NAME, .name = "ssef_" #NAME,        \
        .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_I64, .nargs = 4,         \
        .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_I64 },\
    };

SSEF_SCALAR_FAST(addsd, float64_add, float64)
SSEF_SCALAR_FAST(subsd, float64_sub, float64)
SSEF_SCALAR_FAST(mulsd, float64_mul, float64)
SSEF_SCALAR_FAST(divsd, float64_div, float64)
SSEF_SCALAR_FAST(addss, float32_add, float32)
SSEF_SCALAR_FAST(subss, float32_sub, float32)
SSEF_SCALAR_FAST(mulss, float32_mul, float32)
SSEF_SCALAR_FAST(divss, float32_div, float32)

const TCGHelperInfo helper_info_ssef_scalar = {
    .func = (void *)helper_ssef_scalar, .name = "ssef_scalar",
    .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_I64, .nargs = 4,
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_I64 },
};

/*
 * Packed add/sub/mul/div (the bulk of vectorised FP code) with every
 * exception masked: element-wise in place, no staging copy.  Otherwise
 * (an exception unmasked) the general helpers run, which may leave the
 * destination untouched.  desc as ssef_desc, sub-op = the index in
 * ssef_sop32/64 (0..3).
 */
static void helper_ssef_arith(CPUX86State *env, uint64_t d, uint64_t a,
                              uint64_t b, uint64_t desc)
{
    static void (*const general[4])(CPUX86State *, uint64_t, uint64_t,
                                    uint64_t, uint64_t) = {
        helper_ssef_add, helper_ssef_sub, helper_ssef_mul, helper_ssef_div,
    };
    X86YMMReg *D = ssef_reg(env, d), *A = ssef_reg(env, a);
    X86YMMReg *B = ssef_reg(env, b);
    FloatStatus *s = &env->sse_status;
    int op = SSEF_SUB(desc) & 3, sz = SSEF_OPRSZ(desc), i;

    if (!ssef_all_masked(env)) {
        general[op](env, d, a, b, desc);
        return;
    }
    if (ssef_is_double(desc)) {
        SsefBin64 f = ssef_sop64[op];
        for (i = 0; i < sz / 8; i++) {
            D->d[i] = f(A->d[i], B->d[i], s);
        }
    } else {
        SsefBin32 f = ssef_sop32[op];
        for (i = 0; i < sz / 4; i++) {
            D->s[i] = f(A->s[i], B->s[i], s);
        }
    }
    if ((desc & SSEF_ZERO) && sz < 32) {
        memset((char *)D + sz, 0, 32 - sz);
    }
    ssef_merge_flags(env);
}

const TCGHelperInfo helper_info_ssef_arith = {
    .func = (void *)helper_ssef_arith, .name = "ssef_arith",
    .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_VOID, .nargs = 5,
    .args = SSEF_ARGS5,
};
