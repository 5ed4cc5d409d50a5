/*
 * target-arm/helper-vec.c: one helper per AdvSIMD operation and element
 * size, called from trans-a64-vec.c.inc with the register numbers
 * already decoded, so nothing is decoded at run time.  The FP ones call
 * the fpu library on env->fp_status itself: its flags accumulate (they
 * are FPSR's cumulative bits), so once inexact is set the host fast path
 * applies.  None of them raises or touches a TCG global.
 *
 * Argument p packs VEC_ARGS(rd, rn, rm, q, imm) (see internals.h).
 */
#include <float.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internals.h"
#include "fpsimd.h"
#include "simd-elem.h"

#define RD(p)   ((p) & 31)
#define RN(p)   (((p) >> 5) & 31)
#define RM(p)   (((p) >> 10) & 31)
#define Q(p)    (((p) >> 15) & 1)
#define IMM(p)  ((int)((p) >> 16))

/*
 * The common case of the fpu library's host fast path (docs/fpu.md),
 * inline: round to nearest, inexact already set, normal or zero
 * operands, and a result that is normal (or an exact zero) need no flag
 * and round as the host does.  Anything else goes to the library.
 */
static inline bool fast64_ok(const FloatStatus *s, float64 a, float64 b)
{
    uint64_t ea = ((a >> 52) & 0x7ff) - 1, eb = ((b >> 52) & 0x7ff) - 1;

    return !s->soft_only && s->rounding_mode == float_round_nearest_even &&
           (s->flags & float_flag_inexact) &&
           (ea < 0x7fe || (a << 1) == 0) && (eb < 0x7fe || (b << 1) == 0);
}

static inline double dbl(float64 a)
{
    double d;

    memcpy(&d, &a, 8);
    return d;
}

static inline float64 f64(double d)
{
    float64 a;

    memcpy(&a, &d, 8);
    return a;
}

static inline bool normal_result(double r)
{
    double m = __builtin_fabs(r);

    return m > DBL_MIN && m <= DBL_MAX;
}

static inline float64 fast_add64(float64 a, float64 b, bool sub,
                                 FloatStatus *s)
{
    if (fast64_ok(s, a, b)) {
        double r = sub ? dbl(a) - dbl(b) : dbl(a) + dbl(b);
        /* a zero sum of two normals or zeros is exact */
        if (normal_result(r) || r == 0) {
            return f64(r);
        }
    }
    return sub ? float64_sub(a, b, s) : float64_add(a, b, s);
}

static inline float64 fast_mul64(float64 a, float64 b, FloatStatus *s)
{
    if (fast64_ok(s, a, b)) {
        double x = dbl(a), y = dbl(b), r = x * y;
        if (normal_result(r) || x == 0 || y == 0) {
            return f64(r);
        }
    }
    return float64_mul(a, b, s);
}

/*
 * Results are built in two uint64_t, in registers, and stored as two
 * 64-bit words (lane-sized stores then wider loads would stall).
 * Lane i of size sz goes to r[] (zero-initialised).
 */
static inline void lset(uint64_t *r, int i, int sz, uint64_t x)
{
    int per = 8 >> sz;

    r[i / per] |= (x & emask(sz)) << ((i % per) << (sz + 3));
}

static inline void rput(CPUARMState *env, uint64_t p, const uint64_t *r)
{
    env->vregs[RD(p)].d[0] = r[0];
    env->vregs[RD(p)].d[1] = Q(p) ? r[1] : 0;
}

/* ----------------------------------------------------- FP, per lane */

/* op(n[i], m[i]) on every lane; results go through a temporary (rd may
 * be rn or rm). */
#define FP3(name, expr32, expr64)                                        \
static void h_##name##_s(CPUARMState *env, uint64_t p)                   \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];          \
    const V *vd = &env->vregs[RD(p)];                                    \
    FloatStatus *s = &env->fp_status;                                    \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = Q(p) ? 4 : 2;                                             \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        float32 a = eget(vn, i, 2), b = eget(vm, i, 2);                  \
        float32 d = eget(vd, i, 2);                                      \
        (void)d;                                                         \
        r[i >> 1] |= (uint64_t)(uint32_t)(expr32) << (32 * (i & 1));     \
    }                                                                    \
    env->vregs[RD(p)].d[0] = r[0];                                       \
    env->vregs[RD(p)].d[1] = r[1];                                       \
}                                                                        \
static void h_##name##_d(CPUARMState *env, uint64_t p)                   \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];          \
    const V *vd = &env->vregs[RD(p)];                                    \
    FloatStatus *s = &env->fp_status;                                    \
    float64 r0, r1;                                                      \
    float64 a, b, d;                                                     \
                                                                         \
    a = vn->d[0], b = vm->d[0], d = vd->d[0];                            \
    (void)d;                                                             \
    r0 = expr64;                                                         \
    a = vn->d[1], b = vm->d[1], d = vd->d[1];                            \
    r1 = expr64;                                                         \
    env->vregs[RD(p)].d[0] = r0;                                         \
    env->vregs[RD(p)].d[1] = r1;                                         \
}

FP3(fadd, float32_add(a, b, s), fast_add64(a, b, false, s))
FP3(fsub, float32_sub(a, b, s), fast_add64(a, b, true, s))
FP3(fmul, float32_mul(a, b, s), fast_mul64(a, b, s))
FP3(fdiv, float32_div(a, b, s), float64_div(a, b, s))
FP3(fmla, float32_muladd(a, b, d, 0, s), float64_muladd(a, b, d, 0, s))
/* FMLS negates the first operand (FPNeg: a NaN's sign flips too) */
FP3(fmls, float32_muladd(float32_chs(a), b, d, 0, s),
    float64_muladd(float64_chs(a), b, d, 0, s))

/* By element: the second operand is element IMM(p) of rm for all lanes. */
#define FPIDX(name, expr32, expr64)                                      \
static void h_##name##_idx_s(CPUARMState *env, uint64_t p)               \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vd = &env->vregs[RD(p)];          \
    FloatStatus *s = &env->fp_status;                                    \
    float32 b = eget(&env->vregs[RM(p)], IMM(p), 2);                     \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = Q(p) ? 4 : 2;                                             \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        float32 a = eget(vn, i, 2), d = eget(vd, i, 2);                  \
        (void)d;                                                         \
        r[i >> 1] |= (uint64_t)(uint32_t)(expr32) << (32 * (i & 1));     \
    }                                                                    \
    env->vregs[RD(p)].d[0] = r[0];                                       \
    env->vregs[RD(p)].d[1] = r[1];                                       \
}                                                                        \
static void h_##name##_idx_d(CPUARMState *env, uint64_t p)               \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vd = &env->vregs[RD(p)];          \
    FloatStatus *s = &env->fp_status;                                    \
    float64 b = env->vregs[RM(p)].d[IMM(p)];                             \
    float64 r0, r1, a, d;                                                \
                                                                         \
    a = vn->d[0], d = vd->d[0];                                          \
    (void)d;                                                             \
    r0 = expr64;                                                         \
    a = vn->d[1], d = vd->d[1];                                          \
    r1 = expr64;                                                         \
    env->vregs[RD(p)].d[0] = r0;                                         \
    env->vregs[RD(p)].d[1] = r1;                                         \
}

FPIDX(fmul, float32_mul(a, b, s), fast_mul64(a, b, s))
FPIDX(fmla, float32_muladd(a, b, d, 0, s), float64_muladd(a, b, d, 0, s))
FPIDX(fmls, float32_muladd(float32_chs(a), b, d, 0, s),
      float64_muladd(float64_chs(a), b, d, 0, s))

/* SCVTF, UCVTF (vector, integer): lane-wise, no fixed point. */
#define CVTF(name, sz, is_unsigned)                                      \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)];                                    \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = (Q(p) ? 16 : 8) >> (sz);                                  \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        uint64_t x = eget(vn, i, sz);                                    \
        if (!(is_unsigned)) {                                            \
            x = sx(x, sz);                                               \
        }                                                                \
        lset(r, i, sz, int_to_fp(env, sz, x, is_unsigned, 0));           \
    }                                                                    \
    rput(env, p, r);                                                     \
}

CVTF(scvtf_s, 2, false)
CVTF(scvtf_d, 3, false)
CVTF(ucvtf_s, 2, true)
CVTF(ucvtf_d, 3, true)

/* ------------------------------------------------- integer, per size */

/*
 * SSHLL (SXTL) of bytes and halfwords: the low (Q=0) or high (Q=1) half
 * of rn widened to twice the size, shifted left by IMM(p).  The other
 * widenings are inline (gen_shll).
 */
#define SHLL(name, sz, is_signed)                                        \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)];                                    \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = 8 >> (sz), base = Q(p) ? n : 0, sh = IMM(p);              \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        uint64_t x = eget(vn, base + i, sz);                             \
        if (is_signed) {                                                 \
            x = sx(x, sz);                                               \
        }                                                                \
        lset(r, i, (sz) + 1, (x << sh) & emask((sz) + 1));               \
    }                                                                    \
    env->vregs[RD(p)].d[0] = r[0];                                       \
    env->vregs[RD(p)].d[1] = r[1];                                       \
}

SHLL(sshll_b, 0, true)
SHLL(sshll_h, 1, true)

/* [SU]MULL{2}: widening multiply of the low or high halves. */
#define MULL(name, sz, is_signed)                                        \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];          \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = 8 >> (sz), base = Q(p) ? n : 0;                           \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        uint64_t a = eget(vn, base + i, sz), b = eget(vm, base + i, sz); \
        if (is_signed) {                                                 \
            a = sx(a, sz);                                               \
            b = sx(b, sz);                                               \
        }                                                                \
        lset(r, i, (sz) + 1, (a * b) & emask((sz) + 1));                 \
    }                                                                    \
    env->vregs[RD(p)].d[0] = r[0];                                       \
    env->vregs[RD(p)].d[1] = r[1];                                       \
}

MULL(umull_b, 0, false)
MULL(umull_h, 1, false)
MULL(umull_s, 2, false)
MULL(smull_b, 0, true)
MULL(smull_h, 1, true)
MULL(smull_s, 2, true)

/* MUL, MLA, MLS (vector): the low bits only, so sign does not matter. */
#define MULOP(name, sz, acc)                                             \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];          \
    const V *vd = &env->vregs[RD(p)];                                    \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = (Q(p) ? 16 : 8) >> (sz);                                  \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        uint64_t x = eget(vn, i, sz) * eget(vm, i, sz);                  \
        if ((acc) > 0) {                                                 \
            x = eget(vd, i, sz) + x;                                     \
        } else if ((acc) < 0) {                                          \
            x = eget(vd, i, sz) - x;                                     \
        }                                                                \
        lset(r, i, sz, x & emask(sz));                                   \
    }                                                                    \
    rput(env, p, r);                                                     \
}

MULOP(mul_b, 0, 0)
MULOP(mul_h, 1, 0)
MULOP(mul_s, 2, 0)
MULOP(mla_b, 0, 1)
MULOP(mla_h, 1, 1)
MULOP(mla_s, 2, 1)
MULOP(mls_b, 0, -1)
MULOP(mls_h, 1, -1)
MULOP(mls_s, 2, -1)

/*
 * UZP1/UZP2/ZIP1/ZIP2/TRN1/TRN2; part is 0 for the "1" forms, 1 for
 * the "2" forms.  n elements per register (8 or 16 bytes).
 */
#define PERM(name, sz, kind, part)                                       \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];          \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = (Q(p) ? 16 : 8) >> (sz), h = n / 2;                       \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        uint64_t x;                                                      \
        if ((kind) == 0) {              /* UZP: even/odd of n:m */       \
            int j = 2 * i + (part);                                      \
            x = j < n ? eget(vn, j, sz) : eget(vm, j - n, sz);           \
        } else if ((kind) == 1) {       /* ZIP: interleave halves */     \
            int j = (part) * h + i / 2;                                  \
            x = (i & 1) ? eget(vm, j, sz) : eget(vn, j, sz);             \
        } else {                        /* TRN */                        \
            int j = (i & ~1) + (part);                                   \
            x = (i & 1) ? eget(vm, j, sz) : eget(vn, j, sz);             \
        }                                                                \
        lset(r, i, sz, x);                                               \
    }                                                                    \
    rput(env, p, r);                                                     \
}

#define PERM_SIZES(name, kind, part)                                     \
    PERM(name##_b, 0, kind, part) PERM(name##_h, 1, kind, part)          \
    PERM(name##_s, 2, kind, part) PERM(name##_d, 3, kind, part)

PERM_SIZES(uzp1, 0, 0)
PERM_SIZES(uzp2, 0, 1)
PERM_SIZES(zip1, 1, 0)
PERM_SIZES(zip2, 1, 1)
PERM_SIZES(trn1, 2, 0)
PERM_SIZES(trn2, 2, 1)

/* SSHR for bytes and halfwords (the wider sizes are inlined). */
#define SSHR(name, sz)                                                   \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)];                                    \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = (Q(p) ? 16 : 8) >> (sz), sh = IMM(p);                     \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        lset(r, i, sz, (uint64_t)(sx(eget(vn, i, sz), sz) >> sh)         \
                        & emask(sz));                                    \
    }                                                                    \
    rput(env, p, r);                                                     \
}

SSHR(sshr_b, 0)
SSHR(sshr_h, 1)

enum { PAIR_OTHER, PAIR_ADD, PAIR_UMAX, PAIR_UMIN };

/*
 * Byte ADDP, UMAXP, UMINP (glibc's strlen/memchr reductions) with SSE2:
 * false if not done here.
 */
static inline bool pair_b16(CPUARMState *env, uint64_t p, int kind)
{
#ifdef __SSE2__
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];
    __m128i m = _mm_set1_epi16(0xff), va, vb;
    __m128i ea, oa, eb, ob, ra, rb;

    if (Q(p)) {
        va = _mm_loadu_si128((const __m128i *)vn->d);
        vb = _mm_loadu_si128((const __m128i *)vm->d);
    } else {
        /* 8 bytes each: both low halves in va, nothing left for vb */
        va = _mm_set_epi64x(vm->d[0], vn->d[0]);
        vb = _mm_setzero_si128();
    }
    ea = _mm_and_si128(va, m);
    oa = _mm_srli_epi16(va, 8);
    eb = _mm_and_si128(vb, m);
    ob = _mm_srli_epi16(vb, 8);
    switch (kind) {
    case PAIR_ADD:
        ra = _mm_and_si128(_mm_add_epi16(ea, oa), m);
        rb = _mm_and_si128(_mm_add_epi16(eb, ob), m);
        break;
    case PAIR_UMAX:
        ra = _mm_max_epu8(ea, oa);
        rb = _mm_max_epu8(eb, ob);
        break;
    case PAIR_UMIN:
        ra = _mm_min_epu8(ea, oa);
        rb = _mm_min_epu8(eb, ob);
        break;
    default:
        return false;
    }
    _mm_storeu_si128((__m128i *)env->vregs[RD(p)].d,
                     _mm_packus_epi16(ra, rb));
    return true;
#else
    return false;
#endif
}

/*
 * Pairwise ops: lane i of the result combines lanes 2i and 2i+1 of the
 * concatenation n:m (low half from rn, high half from rm).  x, y are
 * the pair, zero-extended.
 */
#define PAIR(name, sz, kind, expr)                                       \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];          \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = (Q(p) ? 16 : 8) >> (sz), h = n / 2;                       \
                                                                         \
    if ((sz) == 0 && pair_b16(env, p, kind)) {                           \
        return;                                                          \
    }                                                                    \
    for (i = 0; i < n; i++) {                                            \
        const V *src = i < h ? vn : vm;                                  \
        int j = 2 * (i % h);                                             \
        uint64_t x = eget(src, j, sz), y = eget(src, j + 1, sz);         \
        lset(r, i, sz, expr);                                            \
    }                                                                    \
    rput(env, p, r);                                                     \
}

#define SMAX(sz) (sx(x, sz) > sx(y, sz) ? x : y)
#define SMIN(sz) (sx(x, sz) < sx(y, sz) ? x : y)

PAIR(addp_b, 0, PAIR_ADD, x + y)
PAIR(addp_h, 1, PAIR_ADD, x + y)
PAIR(addp_s, 2, PAIR_ADD, x + y)
PAIR(addp_d, 3, PAIR_ADD, x + y)
PAIR(umaxp_b, 0, PAIR_UMAX, x > y ? x : y)
PAIR(umaxp_h, 1, PAIR_UMAX, x > y ? x : y)
PAIR(umaxp_s, 2, PAIR_UMAX, x > y ? x : y)
PAIR(uminp_b, 0, PAIR_UMIN, x < y ? x : y)
PAIR(uminp_h, 1, PAIR_UMIN, x < y ? x : y)
PAIR(uminp_s, 2, PAIR_UMIN, x < y ? x : y)
PAIR(smaxp_b, 0, PAIR_OTHER, SMAX(0))
PAIR(smaxp_h, 1, PAIR_OTHER, SMAX(1))
PAIR(smaxp_s, 2, PAIR_OTHER, SMAX(2))
PAIR(sminp_b, 0, PAIR_OTHER, SMIN(0))
PAIR(sminp_h, 1, PAIR_OTHER, SMIN(1))
PAIR(sminp_s, 2, PAIR_OTHER, SMIN(2))

/* CMGT, CMGE, CMHI, CMHS (register): all ones where the test holds. */
#define CMP(name, sz, test)                                              \
static void h_##name(CPUARMState *env, uint64_t p)                       \
{                                                                        \
    const V *vn = &env->vregs[RN(p)], *vm = &env->vregs[RM(p)];          \
    uint64_t r[2] = { 0, 0 };                                            \
    int i, n = (Q(p) ? 16 : 8) >> (sz);                                  \
                                                                         \
    for (i = 0; i < n; i++) {                                            \
        uint64_t x = eget(vn, i, sz), y = eget(vm, i, sz);               \
        lset(r, i, sz, (test) ? ~0ull : 0);                              \
    }                                                                    \
    rput(env, p, r);                                                     \
}

#define CMP_SIZES(name, test0, test1, test2, test3)                      \
    CMP(name##_b, 0, test0) CMP(name##_h, 1, test1)                      \
    CMP(name##_s, 2, test2) CMP(name##_d, 3, test3)

CMP_SIZES(cmhi, x > y, x > y, x > y, x > y)
CMP_SIZES(cmhs, x >= y, x >= y, x >= y, x >= y)
CMP_SIZES(cmgt, sx(x, 0) > sx(y, 0), sx(x, 1) > sx(y, 1),
          sx(x, 2) > sx(y, 2), sx(x, 3) > sx(y, 3))
CMP_SIZES(cmge, sx(x, 0) >= sx(y, 0), sx(x, 1) >= sx(y, 1),
          sx(x, 2) >= sx(y, 2), sx(x, 3) >= sx(y, 3))

/* --------------------------------------------------------- the table */

#define VH(nm) [VH_##nm] = {                                             \
    .func = (void *)h_##nm, .name = #nm, .flags = TCG_CALL_NO_RWG,       \
    .ret = TCG_CALL_VOID, .nargs = 2,                                    \
    .args = { TCG_CALL_PTR, TCG_CALL_I64 },                              \
}

const TCGHelperInfo vec_helpers[VH_COUNT] = {
    VH(fadd_s), VH(fadd_d), VH(fsub_s), VH(fsub_d),
    VH(fmul_s), VH(fmul_d), VH(fdiv_s), VH(fdiv_d),
    VH(fmla_s), VH(fmla_d), VH(fmls_s), VH(fmls_d),
    VH(fmul_idx_s), VH(fmul_idx_d), VH(fmla_idx_s), VH(fmla_idx_d),
    VH(fmls_idx_s), VH(fmls_idx_d),
    VH(scvtf_s), VH(scvtf_d), VH(ucvtf_s), VH(ucvtf_d),
    VH(sshll_b), VH(sshll_h),
    VH(umull_b), VH(umull_h), VH(umull_s),
    VH(smull_b), VH(smull_h), VH(smull_s),
    VH(mul_b), VH(mul_h), VH(mul_s),
    VH(mla_b), VH(mla_h), VH(mla_s),
    VH(mls_b), VH(mls_h), VH(mls_s),
    VH(uzp1_b), VH(uzp1_h), VH(uzp1_s), VH(uzp1_d),
    VH(uzp2_b), VH(uzp2_h), VH(uzp2_s), VH(uzp2_d),
    VH(zip1_b), VH(zip1_h), VH(zip1_s), VH(zip1_d),
    VH(zip2_b), VH(zip2_h), VH(zip2_s), VH(zip2_d),
    VH(trn1_b), VH(trn1_h), VH(trn1_s), VH(trn1_d),
    VH(trn2_b), VH(trn2_h), VH(trn2_s), VH(trn2_d),
    VH(sshr_b), VH(sshr_h),
    VH(addp_b), VH(addp_h), VH(addp_s), VH(addp_d),
    VH(umaxp_b), VH(umaxp_h), VH(umaxp_s),
    VH(uminp_b), VH(uminp_h), VH(uminp_s),
    VH(smaxp_b), VH(smaxp_h), VH(smaxp_s),
    VH(sminp_b), VH(sminp_h), VH(sminp_s),
    VH(cmhi_b), VH(cmhi_h), VH(cmhi_s), VH(cmhi_d),
    VH(cmhs_b), VH(cmhs_h), VH(cmhs_s), VH(cmhs_d),
    VH(cmgt_b), VH(cmgt_h), VH(cmgt_s), VH(cmgt_d),
    VH(cmge_b), VH(cmge_h), VH(cmge_s), VH(cmge_d),
};

/* ---------------------------------------------------- scalar FSQRT */

/* desc: size (2 single, 3 double) */
static uint64_t helper_fp_sqrt(CPUARMState *env, uint64_t a, uint64_t desc)
{
    return fp_sqrt(env, desc, a);
}

const TCGHelperInfo helper_info_fp_sqrt = {
    .func = (void *)helper_fp_sqrt, .name = "fp_sqrt",
    .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_I64, .nargs = 3,
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64 },
};

/* ------------------------------------------ scalar FP, one per op */

#define SFP2(nm, expr)                                                   \
static uint64_t hs_##nm(CPUARMState *env, uint64_t a, uint64_t b)        \
{                                                                        \
    FloatStatus *s = &env->fp_status;                                    \
    return expr;                                                         \
}

SFP2(fadd_s, float32_add(a, b, s))
SFP2(fadd_d, fast_add64(a, b, false, s))
SFP2(fsub_d, fast_add64(a, b, true, s))
SFP2(fmul_d, fast_mul64(a, b, s))
SFP2(fsub_s, float32_sub(a, b, s))
SFP2(fmul_s, float32_mul(a, b, s))
SFP2(fdiv_s, float32_div(a, b, s))

#define SH(nm) [SH_##nm] = {                                             \
    .func = (void *)hs_##nm, .name = #nm, .flags = TCG_CALL_NO_RWG,      \
    .ret = TCG_CALL_I64, .nargs = 3,                                     \
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64 },                \
}

/*
 * Binary64 calls the fpu library directly, (a, b, &env->fp_status): one
 * call fewer.  Binary32 keeps a wrapper, as the library returns 32 bits.
 */
#define SHD(nm, fn) [SH_##nm] = {                                        \
    .func = (void *)fn, .name = #fn, .flags = TCG_CALL_NO_RWG,           \
    .ret = TCG_CALL_I64, .nargs = 3,                                     \
    .args = { TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_PTR },                \
}

const TCGHelperInfo sfp_helpers[SH_COUNT] = {
    SH(fadd_s), SH(fadd_d), SH(fsub_s), SH(fsub_d),
    SH(fmul_s), SH(fmul_d), SH(fdiv_s), SHD(fdiv_d, float64_div),
};
