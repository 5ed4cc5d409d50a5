/*
 * target-arm/helper-neon3.c: the AArch32 Advanced SIMD (Neon) operations
 * with three register operands that trans-a32-neon3.c.inc does not
 * inline: three registers of the same length, of different lengths, and
 * two registers and a scalar.
 *
 * One helper per operation, (env, vd, vn, vm, desc): pointers to the
 * first byte of Dd, Dn, Dm in env->vregs (a Q register is two
 * consecutive D registers), or with N3_SC to the scalar element of the
 * by-scalar forms, and desc (N3_SIZE... below; the translator builds it
 * with N3_DESC) with the element size and the shape, so nothing of the
 * instruction is decoded at run time.  Every operand is read before the
 * result is written: the registers may overlap.  The common integer
 * operations on whole registers use GCC vector types (SSE2 on the
 * host); the rest loops over the elements with simd-elem.h's accessors.
 *
 * Element semantics follow the Arm ARM pseudo-code; saturation sets
 * FPSCR.QC (set_qc, simd-elem.h).  Floating point is single precision on
 * env->standard_fp_status (the "standard FPSCR value": round to nearest,
 * flush to zero, default NaN), whose flags are FPSCR's cumulative bits.
 * None of these helpers raises or touches a TCG global.
 *
 * Not emulated: half-precision arithmetic (FEAT_FP16, the sz = 1 forms
 * UNDEF) and the v8.1 VQRDMLAH/VQRDMLSH.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "tcg/helper-info.h"
#include "internals.h"
#include "simd-elem.h"

/* desc: must match N3_DESC in trans-a32-neon3.c.inc */
#define N3_SIZE(desc)  ((desc) & 3)          /* log2 bytes of an element */
#define N3_U(desc)     (((desc) >> 2) & 1)   /* unsigned; rounding (xHN) */
#define N3_Q(desc)     (((desc) >> 3) & 1)   /* 128-bit operation */
#define N3_SC(desc)    (((desc) >> 4) & 1)   /* vm points at a scalar */
#define N3_WIDE(desc)  (((desc) >> 5) & 1)   /* vn is a Q register (W forms) */

#define P   TCG_CALL_PTR
#define I32 TCG_CALL_I32

#define N3_INFO(nm) \
    DEF_HELPER_INFO(n3_##nm, TCG_CALL_NO_RWG, TCG_CALL_VOID, 5, P, P, P, P, I32)

static inline void n3_load(V *v, const void *p, int bytes)
{
    if (bytes == 16) {
        memcpy(v->d, p, 16);
    } else {
        memcpy(v->d, p, 8);
        v->d[1] = 0;
    }
}

/* The element at p (a by-scalar operand), zero-extended. */
static inline uint64_t n3_scalar(const void *p, int sz)
{
    uint64_t x = 0;

    memcpy(&x, p, 1 << sz);
    return x;
}

/* ----------------------------------------------------- integer elements */

/* Shift by a signed byte amount (VSHL, VRSHL; register), exact, truncated. */
static inline uint64_t n3_shl(uint64_t x, int sh, int sz, bool u, bool round)
{
    int bits = 8 << sz;
    __int128 v = u ? (__int128)x : (__int128)sx(x, sz);

    if (sh >= 0) {
        return sh >= bits ? 0 : (uint64_t)(v << sh) & emask(sz);
    }
    sh = -sh;
    if (sh > bits + 1) {
        sh = bits + 1;             /* the same result for any larger shift */
    }
    if (round) {
        v += (__int128)1 << (sh - 1);
    }
    return (uint64_t)(v >> sh) & emask(sz);
}

/* VQSHL, VQRSHL (register): saturate the exact shifted value. */
static inline uint64_t n3_qshl(CPUARMState *env, uint64_t x, int sh, int sz,
                               bool u, bool round)
{
    int bits = 8 << sz;
    __int128 v = u ? (__int128)x : (__int128)sx(x, sz);

    if (sh >= bits) {
        /* anything non-zero shifted out of the element saturates */
        v = v == 0 ? 0 : v > 0 ? (__int128)1 << 100 : -((__int128)1 << 100);
    } else if (sh >= 0) {
        v *= (__int128)1 << sh;
    } else {
        sh = -sh > bits + 1 ? bits + 1 : -sh;
        if (round) {
            v += (__int128)1 << (sh - 1);
        }
        v >>= sh;
    }
    return u ? sat_u(env, v, sz) : sat_s(env, v, sz);
}

/* VQDMULH, VQRDMULH: the high half of 2 * x * y, saturated. */
static inline uint64_t n3_qdmulh(CPUARMState *env, uint64_t x, uint64_t y,
                                 int sz, bool round)
{
    __int128 p = (__int128)sx(x, sz) * sx(y, sz) * 2;

    if (round) {
        p += (__int128)1 << ((8 << sz) - 1);
    }
    return sat_s(env, p >> (8 << sz), sz);
}

/* Polynomial (carry-less) product of two bytes, 16 bits. */
static inline uint64_t n3_pmul8(uint64_t x, uint64_t y)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        if ((y >> i) & 1) {
            r ^= (x & 0xff) << i;
        }
    }
    return r;
}

static inline uint64_t n3_absdiff(uint64_t x, uint64_t y, int sz, bool u)
{
    int64_t a = sx(x, sz), b = sx(y, sz);

    if (u) {
        return x > y ? x - y : y - x;
    }
    return a > b ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a;
}

/*
 * Whole-register forms of the common operations with GCC vector types
 * (SSE2 on x86-64), for 8-, 16- and 32-bit elements without a scalar:
 * x, y, z are Vn, Vm, Vd as vectors of signed (U = 0) or unsigned
 * elements, masks are all-ones lanes.  A D-register operation computes
 * the zero upper half too and drops it.
 */
typedef int8_t n3_vs8 __attribute__((vector_size(16)));
typedef uint8_t n3_vu8 __attribute__((vector_size(16)));
typedef int16_t n3_vs16 __attribute__((vector_size(16)));
typedef uint16_t n3_vu16 __attribute__((vector_size(16)));
typedef int32_t n3_vs32 __attribute__((vector_size(16)));
typedef uint32_t n3_vu32 __attribute__((vector_size(16)));

#define N3_SEL(m, p, q) (((p) & (m)) | ((q) & ~(m)))

/* Operands straight from the registers (8 or 16 bytes, no stack copy). */
#define N3_V(T, VEXPR)                                                       \
    do {                                                                     \
        T x = { 0 }, y = { 0 }, z = { 0 }, res;                              \
        if (q) {                                                             \
            memcpy(&x, vn, 16);                                              \
            memcpy(&y, vm, 16);                                              \
            memcpy(&z, vd, 16);                                              \
        } else {                                                             \
            memcpy(&x, vn, 8);                                               \
            memcpy(&y, vm, 8);                                               \
            memcpy(&z, vd, 8);                                               \
        }                                                                    \
        (void)z;                                                             \
        res = (T)(VEXPR);                                                    \
        memcpy(vd, &res, q ? 16 : 8);                                        \
    } while (0)

#define N3_VEC(NAME, VEXPR)                                                  \
static inline bool n3_vec_##NAME(CPUARMState *env, void *vd, const void *vn, \
                                 const void *vm, int sz, bool u, bool q)     \
{                                                                            \
    switch (sz * 2 + u) {                                                    \
    case 0: N3_V(n3_vs8, VEXPR); return true;                                \
    case 1: N3_V(n3_vu8, VEXPR); return true;                                \
    case 2: N3_V(n3_vs16, VEXPR); return true;                               \
    case 3: N3_V(n3_vu16, VEXPR); return true;                               \
    case 4: N3_V(n3_vs32, VEXPR); return true;                               \
    case 5: N3_V(n3_vu32, VEXPR); return true;                               \
    default: return false;                                                   \
    }                                                                        \
}

#define N3_NOVEC(NAME)                                                       \
static inline bool n3_vec_##NAME(CPUARMState *env, void *vd, const void *vn, \
                                 const void *vm, int sz, bool u, bool q)     \
{                                                                            \
    return false;                                                            \
}

N3_VEC(hadd, (x >> 1) + (y >> 1) + (x & y & 1))
N3_VEC(rhadd, (x >> 1) + (y >> 1) + ((x | y) & 1))
N3_VEC(hsub, (x >> 1) - (y >> 1) - (~x & y & 1))
N3_VEC(cgt, x > y)
N3_VEC(cge, x >= y)
N3_VEC(ceq, x == y)
N3_VEC(tst, (x & y) != 0)
N3_VEC(max, N3_SEL((__typeof__(x))(x > y), x, y))
N3_VEC(min, N3_SEL((__typeof__(x))(x < y), x, y))
N3_VEC(abd, N3_SEL((__typeof__(x))(x > y), x - y, y - x))
N3_VEC(aba, z + N3_SEL((__typeof__(x))(x > y), x - y, y - x))
N3_VEC(mul, x * y)
N3_VEC(mla, z + x * y)
N3_VEC(mls, z - x * y)
N3_NOVEC(shl)
N3_NOVEC(rshl)
N3_NOVEC(qshl)
N3_NOVEC(qrshl)
N3_NOVEC(pmul)

/*
 * VQDMULH, VQRDMULH .s16: (2 * x * y (+ 0x8000)) >> 16 is the 32-bit
 * product (+ 0x4000) >> 15, packed with signed saturation; only
 * -32768 * -32768 saturates.
 */
static inline bool n3_vec_qdmulh16(CPUARMState *env, void *vd,
                                   const void *vn, const void *vm, int sz,
                                   bool q, bool round)
{
#ifdef __SSE2__
    __m128i x, y, lo, hi, p0, p1, res, min;

    if (sz != 1) {
        return false;
    }
    if (q) {
        x = _mm_loadu_si128((const __m128i *)vn);
        y = _mm_loadu_si128((const __m128i *)vm);
    } else {
        x = _mm_loadl_epi64((const __m128i *)vn);
        y = _mm_loadl_epi64((const __m128i *)vm);
    }
    lo = _mm_mullo_epi16(x, y);
    hi = _mm_mulhi_epi16(x, y);
    p0 = _mm_unpacklo_epi16(lo, hi);
    p1 = _mm_unpackhi_epi16(lo, hi);
    if (round) {
        p0 = _mm_add_epi32(p0, _mm_set1_epi32(0x4000));
        p1 = _mm_add_epi32(p1, _mm_set1_epi32(0x4000));
    }
    res = _mm_packs_epi32(_mm_srai_epi32(p0, 15), _mm_srai_epi32(p1, 15));
    min = _mm_set1_epi16(-0x8000);
    if (_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi16(x, min),
                                        _mm_cmpeq_epi16(y, min)))) {
        set_qc(env);
    }
    if (q) {
        _mm_storeu_si128((__m128i *)vd, res);
    } else {
        _mm_storel_epi64((__m128i *)vd, res);
    }
    return true;
#else
    return false;
#endif
}

static inline bool n3_vec_qdmulh(CPUARMState *env, void *vd, const void *vn,
                                 const void *vm, int sz, bool u, bool q)
{
    return n3_vec_qdmulh16(env, vd, vn, vm, sz, q, false);
}

static inline bool n3_vec_qrdmulh(CPUARMState *env, void *vd, const void *vn,
                                  const void *vm, int sz, bool u, bool q)
{
    return n3_vec_qdmulh16(env, vd, vn, vm, sz, q, true);
}

/*
 * VQADD, VQSUB: saturate lane by lane, and QC if any lane did (the
 * zero upper half of a D operation never saturates).
 */
static inline bool n3_vec_qaddsub(CPUARMState *env, void *vd, const void *vn,
                                  const void *vm, int sz, bool u, bool q,
                                  bool sub)
{
    n3_vs32 sx_ = { 0 }, sy_ = { 0 }, ss, ov;
    n3_vu32 ux = { 0 }, uy = { 0 }, us, m;
    int i;

    switch (sz) {
#ifdef __SSE2__
    case 0:
    case 1: {
        __m128i x, y, res, wrap;

        if (q) {
            x = _mm_loadu_si128((const __m128i *)vn);
            y = _mm_loadu_si128((const __m128i *)vm);
        } else {
            x = _mm_loadl_epi64((const __m128i *)vn);
            y = _mm_loadl_epi64((const __m128i *)vm);
        }
        if (sz == 0) {
            res = sub ? (u ? _mm_subs_epu8(x, y) : _mm_subs_epi8(x, y))
                      : (u ? _mm_adds_epu8(x, y) : _mm_adds_epi8(x, y));
            wrap = sub ? _mm_sub_epi8(x, y) : _mm_add_epi8(x, y);
        } else {
            res = sub ? (u ? _mm_subs_epu16(x, y) : _mm_subs_epi16(x, y))
                      : (u ? _mm_adds_epu16(x, y) : _mm_adds_epi16(x, y));
            wrap = sub ? _mm_sub_epi16(x, y) : _mm_add_epi16(x, y);
        }
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(res, wrap)) != 0xffff) {
            set_qc(env);
        }
        if (q) {
            _mm_storeu_si128((__m128i *)vd, res);
        } else {
            _mm_storel_epi64((__m128i *)vd, res);
        }
        return true;
    }
#endif
    case 2:
        if (u) {
            memcpy(&ux, vn, q ? 16 : 8);
            memcpy(&uy, vm, q ? 16 : 8);
            us = sub ? ux - uy : ux + uy;
            m = (n3_vu32)(sub ? ux < uy : us < ux);
            us = sub ? us & ~m : us | m;
            memcpy(vd, &us, q ? 16 : 8);
        } else {
            memcpy(&sx_, vn, q ? 16 : 8);
            memcpy(&sy_, vm, q ? 16 : 8);
            ss = sub ? sx_ - sy_ : sx_ + sy_;
            /* overflow: the result's sign differs from what it must be */
            ov = sub ? (sx_ ^ sy_) & (sx_ ^ ss) : (sx_ ^ ss) & (sy_ ^ ss);
            ov >>= 31;
            m = (n3_vu32)ov;
            ss = N3_SEL(ov, (sx_ >> 31) ^ INT32_MAX, ss);
            memcpy(vd, &ss, q ? 16 : 8);
        }
        for (i = 0; i < 4; i++) {
            if (m[i]) {
                set_qc(env);
                break;
            }
        }
        return true;
    default:
        return false;
    }
}

static inline bool n3_vec_qadd(CPUARMState *env, void *vd, const void *vn,
                               const void *vm, int sz, bool u, bool q)
{
    return n3_vec_qaddsub(env, vd, vn, vm, sz, u, q, false);
}

static inline bool n3_vec_qsub(CPUARMState *env, void *vd, const void *vn,
                               const void *vm, int sz, bool u, bool q)
{
    return n3_vec_qaddsub(env, vd, vn, vm, sz, u, q, true);
}

/*
 * Same-length integer operations: res from x (Dn element), y (Dm
 * element or the scalar), acc (Dd element), sz and u.  The loop is
 * instantiated once per element size (a constant sz folds eget/eset).
 */
#define N3_SAME(NAME, EXPR)                                                  \
static inline __attribute__((always_inline)) void                            \
n3_loop_##NAME(CPUARMState *env, const V *a, const V *b, const V *d, V *r,   \
               int n, const int sz, bool u, bool sc, uint64_t y0)            \
{                                                                            \
    int i;                                                                   \
                                                                             \
    (void)env; (void)u;                                                      \
    for (i = 0; i < n; i++) {                                                \
        uint64_t x = eget(a, i, sz), acc = eget(d, i, sz);                   \
        uint64_t y = sc ? y0 : eget(b, i, sz);                               \
        int64_t sx_ = sx(x, sz), sy_ = sx(y, sz);                            \
        uint64_t res;                                                        \
        (void)acc; (void)sx_; (void)sy_;                                     \
        res = (EXPR);                                                        \
        eset(r, i, sz, res & emask(sz));                                     \
    }                                                                        \
}                                                                            \
static void n3_loops_##NAME(CPUARMState *env, const V *a, const V *b,        \
                            const V *d, V *r, int n, int sz, bool u,         \
                            bool sc, uint64_t y0)                            \
{                                                                            \
    switch (sz) {                                                            \
    case 0: n3_loop_##NAME(env, a, b, d, r, n, 0, u, sc, y0); break;         \
    case 1: n3_loop_##NAME(env, a, b, d, r, n, 1, u, sc, y0); break;         \
    case 2: n3_loop_##NAME(env, a, b, d, r, n, 2, u, sc, y0); break;         \
    default: n3_loop_##NAME(env, a, b, d, r, n, 3, u, sc, y0); break;        \
    }                                                                        \
}                                                                            \
static void helper_n3_##NAME(CPUARMState *env, void *vd, void *vn,           \
                             void *vm, uint32_t desc)                        \
{                                                                            \
    int sz = N3_SIZE(desc), bytes = N3_Q(desc) ? 16 : 8, n = bytes >> sz;    \
    bool u = N3_U(desc), sc = N3_SC(desc);                                   \
    uint64_t y0 = sc ? n3_scalar(vm, sz) : 0;                                \
    V a, b, d, r = { { 0, 0 } };                                             \
                                                                             \
    if (!sc && n3_vec_##NAME(env, vd, vn, vm, sz, u, N3_Q(desc))) {          \
        return;                                                              \
    }                                                                        \
    n3_load(&a, vn, bytes);                                                  \
    n3_load(&b, sc ? (const void *)&a : vm, bytes);                          \
    n3_load(&d, vd, bytes);                                                  \
    n3_loops_##NAME(env, &a, &b, &d, &r, n, sz, u, sc, y0);                  \
    memcpy(vd, r.d, bytes);                                                  \
}                                                                            \
N3_INFO(NAME);

#define ONES(c) ((c) ? ~0ull : 0)

N3_SAME(hadd, u ? (uint64_t)(((__int128)x + y) >> 1)
                : (uint64_t)(((__int128)sx_ + sy_) >> 1))
N3_SAME(rhadd, u ? (uint64_t)(((__int128)x + y + 1) >> 1)
                 : (uint64_t)(((__int128)sx_ + sy_ + 1) >> 1))
N3_SAME(hsub, u ? (uint64_t)(((__int128)x - y) >> 1)
                : (uint64_t)(((__int128)sx_ - sy_) >> 1))
N3_SAME(qadd, u ? sat_u(env, (__int128)x + y, sz)
                : sat_s(env, (__int128)sx_ + sy_, sz))
N3_SAME(qsub, u ? sat_u(env, (__int128)x - y, sz)
                : sat_s(env, (__int128)sx_ - sy_, sz))
N3_SAME(cgt, ONES(u ? x > y : sx_ > sy_))
N3_SAME(cge, ONES(u ? x >= y : sx_ >= sy_))
N3_SAME(ceq, ONES(x == y))
N3_SAME(tst, ONES((x & y) != 0))
N3_SAME(shl, n3_shl(x, (int8_t)y, sz, u, false))
N3_SAME(rshl, n3_shl(x, (int8_t)y, sz, u, true))
N3_SAME(qshl, n3_qshl(env, x, (int8_t)y, sz, u, false))
N3_SAME(qrshl, n3_qshl(env, x, (int8_t)y, sz, u, true))
N3_SAME(max, u ? (x > y ? x : y) : (sx_ > sy_ ? x : y))
N3_SAME(min, u ? (x < y ? x : y) : (sx_ < sy_ ? x : y))
N3_SAME(abd, n3_absdiff(x, y, sz, u))
N3_SAME(aba, acc + n3_absdiff(x, y, sz, u))
N3_SAME(mul, x * y)
N3_SAME(mla, acc + x * y)
N3_SAME(mls, acc - x * y)
N3_SAME(pmul, n3_pmul8(x, y))
N3_SAME(qdmulh, n3_qdmulh(env, x, y, sz, false))
N3_SAME(qrdmulh, n3_qdmulh(env, x, y, sz, true))

/*
 * Pairwise (D registers only): the low half of the result from the
 * pairs of Dn, the high half from the pairs of Dm.
 */
#define N3_PAIR(NAME, EXPR)                                                  \
static void helper_n3_##NAME(CPUARMState *env, void *vd, void *vn,           \
                             void *vm, uint32_t desc)                        \
{                                                                            \
    int sz = N3_SIZE(desc), i, n = 8 >> sz;                                  \
    bool u = N3_U(desc);                                                     \
    V a, b, r = { { 0, 0 } };                                                \
                                                                             \
    (void)env; (void)u;                                                      \
    n3_load(&a, vn, 8);                                                      \
    n3_load(&b, vm, 8);                                                      \
    for (i = 0; i < n; i++) {                                                \
        const V *src = i < n / 2 ? &a : &b;                                  \
        int j = (i % (n / 2)) * 2;                                           \
        uint64_t x = eget(src, j, sz), y = eget(src, j + 1, sz), res;        \
        int64_t sx_ = sx(x, sz), sy_ = sx(y, sz);                            \
        (void)sx_; (void)sy_;                                                \
        res = (EXPR);                                                        \
        eset(&r, i, sz, res & emask(sz));                                    \
    }                                                                        \
    memcpy(vd, r.d, 8);                                                      \
}                                                                            \
N3_INFO(NAME);

N3_PAIR(padd, x + y)
N3_PAIR(pmax, u ? (x > y ? x : y) : (sx_ > sy_ ? x : y))
N3_PAIR(pmin, u ? (x < y ? x : y) : (sx_ < sy_ ? x : y))

/* ------------------------------------------------------ floating point */

static inline float32 n3_flush(float32 a, FloatStatus *st)
{
    if (st->flush_inputs_to_zero && float32_is_denormal(a)) {
        float_raise(st, float_flag_input_flushed);
        return a & 0x80000000u;
    }
    return a;
}

/*
 * FPRecipStep / FPRSqrtStep: the product is rounded (not fused), and an
 * infinity times a zero (after flushing) is a zero product, so 2.0 and
 * 1.5 without an invalid operation.
 */
static float32 n3_step(float32 a, float32 b, bool rsqrt, FloatStatus *st)
{
    float32 p;

    a = n3_flush(a, st);
    b = n3_flush(b, st);
    if (float32_is_any_nan(a) || float32_is_any_nan(b)) {
        return float32_mul(a, b, st);          /* FPProcessNaNs */
    }
    if ((float32_is_infinity(a) && float32_is_zero(b)) ||
        (float32_is_zero(a) && float32_is_infinity(b))) {
        p = 0;
    } else {
        p = float32_mul(a, b, st);
    }
    if (!rsqrt) {
        return float32_sub(0x40000000u, p, st);              /* 2 - p */
    }
    /* (3 - p) / 2 rounded once */
    return float32_muladd(float32_chs(p), 0x3f800000u, 0x40400000u,
                          float_muladd_halve_result, st);
}

static inline uint64_t n3_fcmp(float32 a, float32 b, int kind,
                               FloatStatus *st)
{
    FloatRelation rel;

    switch (kind) {
    case 0:                                    /* VCEQ: quiet */
        return ONES(float32_compare_quiet(a, b, st) == float_relation_equal);
    case 1:                                    /* VCGE */
        rel = float32_compare(a, b, st);
        return ONES(rel == float_relation_equal ||
                    rel == float_relation_greater);
    case 2:                                    /* VCGT */
        return ONES(float32_compare(a, b, st) == float_relation_greater);
    case 3:                                    /* VACGE */
        rel = float32_compare(float32_abs(a), float32_abs(b), st);
        return ONES(rel == float_relation_equal ||
                    rel == float_relation_greater);
    default:                                   /* VACGT */
        rel = float32_compare(float32_abs(a), float32_abs(b), st);
        return ONES(rel == float_relation_greater);
    }
}

/*
 * The host FPU for whole vectors when it must give the soft path's
 * results and flags (as fpu/hostfast.c does per value): round to
 * nearest, inexact already set (sticky, so nothing else can be raised
 * by an exact or inexact normal result), every operand normal or zero
 * and every result normal or an exact zero: no NaN, flushing, overflow
 * or underflow rule applies.  Lanes beyond a D register are zeros.
 */
typedef float n3_vf32 __attribute__((vector_size(16)));

enum { N3F_NONE, N3F_ADD, N3F_SUB, N3F_MUL, N3F_MLA, N3F_MLS, N3F_ABD };

static inline bool n3_all(n3_vs32 m)
{
    return (m[0] & m[1] & m[2] & m[3]) != 0;
}

/* lanes holding a normal number or a zero */
static inline n3_vs32 n3_plain(n3_vu32 v)
{
    n3_vu32 e = (v >> 23) & 0xff;

    return (n3_vs32)((e - 1 < 0xfe) | ((v << 1) == 0));
}

/*
 * One operation on the host; false if a lane leaves the safe range.
 * Not inlined, so a multiply and an add are never contracted.
 */
static __attribute__((noinline)) bool n3_fhost(int op, n3_vu32 x, n3_vu32 y,
                                               n3_vu32 *out)
{
    n3_vf32 fx, fy, fr;
    n3_vu32 r, mag;
    n3_vs32 ok;

    memcpy(&fx, &x, 16);
    memcpy(&fy, &y, 16);
    fr = op == N3F_ADD ? fx + fy : op == N3F_SUB ? fx - fy : fx * fy;
    memcpy(&r, &fr, 16);
    /* finite and above the smallest normal: rounding did not decide */
    mag = r & 0x7fffffffu;
    ok = (n3_vs32)(mag > 0x00800000u) & (n3_vs32)(mag < 0x7f800000u);
    if (op == N3F_MUL) {
        /* a zero product is exact only from a zero operand */
        ok |= (n3_vs32)(mag == 0) &
              (n3_vs32)(((x << 1) == 0) | ((y << 1) == 0));
    } else {
        ok |= (n3_vs32)(mag == 0);   /* a zero sum of normals is exact */
    }
    *out = r;
    return n3_all(ok);
}

/* 8 or 16 bytes at p into a vector (the upper half zero for 8) */
static inline n3_vu32 n3_vload(const void *p, bool q)
{
    n3_vu32 v = { 0 };

    if (q) {
        memcpy(&v, p, 16);
    } else {
        memcpy(&v, p, 8);
    }
    return v;
}

static bool n3_ffast(FloatStatus *st, int kind, void *vd, const void *vn,
                     const void *vm, bool q, bool sc)
{
    n3_vu32 x, y, z, r;

    if (kind == N3F_NONE || st->soft_only ||
        st->rounding_mode != float_round_nearest_even ||
        !(st->flags & float_flag_inexact)) {
        return false;
    }
    x = n3_vload(vn, q);
    if (sc) {
        uint32_t e;

        memcpy(&e, vm, 4);
        y = (n3_vu32){ e, e, q ? e : 0, q ? e : 0 };
    } else {
        y = n3_vload(vm, q);
    }
    if (!n3_all(n3_plain(x) & n3_plain(y))) {
        return false;
    }
    switch (kind) {
    case N3F_MLA:
    case N3F_MLS:
        z = n3_vload(vd, q);
        if (!n3_all(n3_plain(z)) || !n3_fhost(N3F_MUL, x, y, &r) ||
            !n3_fhost(kind == N3F_MLA ? N3F_ADD : N3F_SUB, z, r, &r)) {
            return false;
        }
        break;
    case N3F_ABD:
        if (!n3_fhost(N3F_SUB, x, y, &r)) {
            return false;
        }
        r &= 0x7fffffffu;
        break;
    default:
        if (!n3_fhost(kind, x, y, &r)) {
            return false;
        }
        break;
    }
    if (q) {
        memcpy(vd, &r, 16);
    } else {
        memcpy(vd, &r, 8);
    }
    return true;
}

/* Single-precision elements: x, y, acc as float32, st the status. */
#define N3_FP(NAME, FAST, EXPR)                                              \
static void helper_n3_##NAME(CPUARMState *env, void *vd, void *vn,           \
                             void *vm, uint32_t desc)                        \
{                                                                            \
    int bytes = N3_Q(desc) ? 16 : 8, i, n = bytes >> 2;                      \
    bool sc = N3_SC(desc);                                                   \
    FloatStatus *st = &env->standard_fp_status;                              \
    uint32_t a[4], b[4] = { 0 }, d[4], r[4], y0 = 0;                         \
                                                                             \
    if (n3_ffast(st, FAST, vd, vn, vm, N3_Q(desc), sc)) {                    \
        return;                                                              \
    }                                                                        \
    memcpy(a, vn, bytes);                                                    \
    if (sc) {                                                                \
        memcpy(&y0, vm, 4);                                                  \
    } else {                                                                 \
        memcpy(b, vm, bytes);                                                \
    }                                                                        \
    memcpy(d, vd, bytes);                                                    \
    for (i = 0; i < n; i++) {                                                \
        float32 x = a[i], y = sc ? y0 : b[i], acc = d[i];                    \
        (void)acc;                                                           \
        r[i] = (EXPR);                                                       \
    }                                                                        \
    memcpy(vd, r, bytes);                                                    \
}                                                                            \
N3_INFO(NAME);

N3_FP(fadd, N3F_ADD, float32_add(x, y, st))
N3_FP(fsub, N3F_SUB, float32_sub(x, y, st))
N3_FP(fabd, N3F_ABD, float32_abs(float32_sub(x, y, st)))
N3_FP(fmul, N3F_MUL, float32_mul(x, y, st))
N3_FP(fmla, N3F_MLA, float32_add(acc, float32_mul(x, y, st), st))
N3_FP(fmls, N3F_MLS, float32_sub(acc, float32_mul(x, y, st), st))
N3_FP(fma, N3F_NONE, float32_muladd(x, y, acc, 0, st))
N3_FP(fms, N3F_NONE, float32_muladd(float32_chs(x), y, acc, 0, st))
N3_FP(fceq, N3F_NONE, n3_fcmp(x, y, 0, st))
N3_FP(fcge, N3F_NONE, n3_fcmp(x, y, 1, st))
N3_FP(fcgt, N3F_NONE, n3_fcmp(x, y, 2, st))
N3_FP(facge, N3F_NONE, n3_fcmp(x, y, 3, st))
N3_FP(facgt, N3F_NONE, n3_fcmp(x, y, 4, st))
N3_FP(fmax, N3F_NONE, float32_max(x, y, st))
N3_FP(fmin, N3F_NONE, float32_min(x, y, st))
N3_FP(fmaxnm, N3F_NONE, float32_maxnum(x, y, st))
N3_FP(fminnm, N3F_NONE, float32_minnum(x, y, st))
N3_FP(frecps, N3F_NONE, n3_step(x, y, false, st))
N3_FP(frsqrts, N3F_NONE, n3_step(x, y, true, st))

/* Pairwise single precision (D registers only). */
#define N3_FPAIR(NAME, EXPR)                                                 \
static void helper_n3_##NAME(CPUARMState *env, void *vd, void *vn,           \
                             void *vm, uint32_t desc)                        \
{                                                                            \
    FloatStatus *st = &env->standard_fp_status;                              \
    uint32_t a[2], b[2], r[2];                                               \
    float32 x, y;                                                            \
                                                                             \
    (void)desc;                                                              \
    memcpy(a, vn, 8);                                                        \
    memcpy(b, vm, 8);                                                        \
    x = a[0], y = a[1];                                                      \
    r[0] = (EXPR);                                                           \
    x = b[0], y = b[1];                                                      \
    r[1] = (EXPR);                                                           \
    memcpy(vd, r, 8);                                                        \
}                                                                            \
N3_INFO(NAME);

N3_FPAIR(fpadd, float32_add(x, y, st))
N3_FPAIR(fpmax, float32_max(x, y, st))
N3_FPAIR(fpmin, float32_min(x, y, st))

/* ------------------------------------------------ different lengths */

/*
 * Whole-register long forms for the plain arithmetic: the D operands
 * (or the scalar, broadcast) widened to vectors x, y of the wide element
 * type, z = Qd; with N3_WIDE, x is Qn as it is.
 */
typedef int8_t n3_hs8 __attribute__((vector_size(8)));
typedef uint8_t n3_hu8 __attribute__((vector_size(8)));
typedef int16_t n3_hs16 __attribute__((vector_size(8)));
typedef uint16_t n3_hu16 __attribute__((vector_size(8)));
typedef int32_t n3_hs32 __attribute__((vector_size(8)));
typedef uint32_t n3_hu32 __attribute__((vector_size(8)));
typedef int64_t n3_vs64 __attribute__((vector_size(16)));
typedef uint64_t n3_vu64 __attribute__((vector_size(16)));

#define N3_LV(TN, EN, TW, VEXPR)                                             \
    do {                                                                     \
        TN xn, yn;                                                           \
        TW x, y, z, res;                                                     \
        if (wide) {                                                          \
            memcpy(&x, vn, 16);                                              \
        } else {                                                             \
            memcpy(&xn, vn, 8);                                              \
            x = __builtin_convertvector(xn, TW);                             \
        }                                                                    \
        if (sc) {                                                            \
            yn = (TN){ 0 } + (EN)y0;                                         \
        } else {                                                             \
            memcpy(&yn, vm, 8);                                              \
        }                                                                    \
        y = __builtin_convertvector(yn, TW);                                 \
        memcpy(&z, vd, 16);                                                  \
        (void)z;                                                             \
        res = (TW)(VEXPR);                                                   \
        memcpy(vd, &res, 16);                                                \
    } while (0)

#define N3_LVEC(NAME, VEXPR)                                                 \
static inline bool n3_lvec_##NAME(void *vd, const void *vn, const void *vm,  \
                                  int sz, bool u, bool wide, bool sc,        \
                                  uint64_t y0)                               \
{                                                                            \
    switch (sz * 2 + u) {                                                    \
    case 0: N3_LV(n3_hs8, int8_t, n3_vs16, VEXPR); return true;              \
    case 1: N3_LV(n3_hu8, uint8_t, n3_vu16, VEXPR); return true;             \
    case 2: N3_LV(n3_hs16, int16_t, n3_vs32, VEXPR); return true;            \
    case 3: N3_LV(n3_hu16, uint16_t, n3_vu32, VEXPR); return true;           \
    case 4: N3_LV(n3_hs32, int32_t, n3_vs64, VEXPR); return true;            \
    default: N3_LV(n3_hu32, uint32_t, n3_vu64, VEXPR); return true;          \
    }                                                                        \
}

#define N3_NOLVEC(NAME)                                                      \
static inline bool n3_lvec_##NAME(void *vd, const void *vn, const void *vm,  \
                                  int sz, bool u, bool wide, bool sc,        \
                                  uint64_t y0)                               \
{                                                                            \
    return false;                                                            \
}

#define N3_ABD(x, y) N3_SEL((__typeof__(x))((x) > (y)), (x) - (y), (y) - (x))

N3_LVEC(addl, x + y)
N3_LVEC(subl, x - y)
N3_LVEC(abal, z + N3_ABD(x, y))
N3_LVEC(abdl, N3_ABD(x, y))
N3_LVEC(mlal, z + x * y)
N3_LVEC(mlsl, z - x * y)
N3_LVEC(mull, x * y)
N3_NOLVEC(pmull)
N3_NOLVEC(qdmull)
N3_NOLVEC(qdmlal)
N3_NOLVEC(qdmlsl)

/*
 * Long forms: Qd elements of size sz + 1 from the D elements x, y of
 * size sz (N3_WIDE: x is already a wide element of Qn), widened signed
 * or unsigned as wx, wy; acc is the Qd element.
 */
#define N3_LONG(NAME, EXPR)                                                  \
static void helper_n3_##NAME(CPUARMState *env, void *vd, void *vn,           \
                             void *vm, uint32_t desc)                        \
{                                                                            \
    int sz = N3_SIZE(desc), wsz = sz + 1, i, n = 8 >> sz;                    \
    bool u = N3_U(desc), sc = N3_SC(desc), wide = N3_WIDE(desc);             \
    uint64_t y0 = sc ? n3_scalar(vm, sz) : 0;                                \
    V a, b, d, r = { { 0, 0 } };                                             \
                                                                             \
    if (n3_lvec_##NAME(vd, vn, vm, sz, u, wide, sc, y0)) {                   \
        return;                                                              \
    }                                                                        \
    n3_load(&a, vn, wide ? 16 : 8);                                          \
    n3_load(&b, sc ? (const void *)&a : vm, 8);                              \
    n3_load(&d, vd, 16);                                                     \
    for (i = 0; i < n; i++) {                                                \
        uint64_t x = eget(&a, i, wide ? wsz : sz);                           \
        uint64_t y = sc ? y0 : eget(&b, i, sz);                              \
        uint64_t acc = eget(&d, i, wsz), res;                                \
        uint64_t wx = wide || u ? x : (uint64_t)sx(x, sz);                   \
        uint64_t wy = u ? y : (uint64_t)sx(y, sz);                           \
        (void)acc; (void)wx; (void)wy;                                       \
        res = (EXPR);                                                        \
        eset(&r, i, wsz, res & emask(wsz));                                  \
    }                                                                        \
    memcpy(vd, r.d, 16);                                                     \
}                                                                            \
N3_INFO(NAME);

/* SignedSatQ(2 * x * y), the doubled product of the VQDM*L forms */
static inline uint64_t n3_qdmull1(CPUARMState *env, uint64_t x, uint64_t y,
                                  int sz)
{
    return sat_s(env, (__int128)sx(x, sz) * sx(y, sz) * 2, sz + 1);
}

N3_LONG(addl, wx + wy)
N3_LONG(subl, wx - wy)
N3_LONG(abal, acc + n3_absdiff(x, y, sz, u))
N3_LONG(abdl, n3_absdiff(x, y, sz, u))
N3_LONG(mlal, acc + wx * wy)
N3_LONG(mlsl, acc - wx * wy)
N3_LONG(mull, wx * wy)
N3_LONG(pmull, n3_pmul8(x, y))
N3_LONG(qdmull, n3_qdmull1(env, x, y, sz))
N3_LONG(qdmlal, sat_s(env, (__int128)sx(acc, wsz) +
                           sx(n3_qdmull1(env, x, y, sz), wsz), wsz))
N3_LONG(qdmlsl, sat_s(env, (__int128)sx(acc, wsz) -
                           sx(n3_qdmull1(env, x, y, sz), wsz), wsz))

/* VADDHN, VSUBHN (+ VRADDHN, VRSUBHN with U): Dd from Qn, Qm. */
#define N3_NARROW(NAME, OP)                                                  \
static void helper_n3_##NAME(CPUARMState *env, void *vd, void *vn,           \
                             void *vm, uint32_t desc)                        \
{                                                                            \
    int sz = N3_SIZE(desc), wsz = sz + 1, i, n = 8 >> sz;                    \
    uint64_t round = N3_U(desc) ? 1ull << ((8 << sz) - 1) : 0;               \
    V a, b, r = { { 0, 0 } };                                                \
                                                                             \
    (void)env;                                                               \
    n3_load(&a, vn, 16);                                                     \
    n3_load(&b, vm, 16);                                                     \
    for (i = 0; i < n; i++) {                                                \
        uint64_t s = eget(&a, i, wsz) OP eget(&b, i, wsz);                   \
        eset(&r, i, sz, ((s + round) & emask(wsz)) >> (8 << sz));            \
    }                                                                        \
    memcpy(vd, r.d, 8);                                                      \
}                                                                            \
N3_INFO(NAME);

N3_NARROW(addhn, +)
N3_NARROW(subhn, -)

/* VMULL.P64: Qd = Dn * Dm carry-less, 128 bits. */
static void helper_n3_pmull64(CPUARMState *env, void *vd, void *vn, void *vm,
                              uint32_t desc)
{
    uint64_t x, y, lo = 0, hi = 0;
    int i;

    (void)env;
    (void)desc;
    memcpy(&x, vn, 8);
    memcpy(&y, vm, 8);
    for (i = 0; i < 64; i++) {
        if ((y >> i) & 1) {
            lo ^= x << i;
            hi ^= i ? x >> (64 - i) : 0;
        }
    }
    memcpy(vd, &lo, 8);
    memcpy((uint8_t *)vd + 8, &hi, 8);
}
N3_INFO(pmull64);
