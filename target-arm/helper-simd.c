/*
 * target-arm/helper-simd.c: AdvSIMD (and the FP class as a whole) run
 * by helpers that take the raw instruction word.
 *
 * The translator sends the instructions of the "scalar FP and AdvSIMD"
 * class that it does not inline to helper_fpsimd(), which decodes the
 * fields again and loops over the elements of env->vregs (the common
 * integer operations on whole vectors with GCC vector types).  An
 * unallocated encoding raises EXCP_UDEF from here, at the instruction
 * (GETPC); a64_fpsimd_allocated() lets the translator find those first.
 * Moves, permutes, tables and structure loads/stores are in
 * helper-simd-move.c; scalar FP in helper-fp.c.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "user/guest-mem.h"
#include "internals.h"
#include "fpsimd.h"
#include "simd-elem.h"

#define F(pos, len) ((insn >> (pos)) & ((1u << (len)) - 1))


/* Shift by a signed register amount (SSHL/USHL and rounding forms). */
static uint64_t shl_reg(uint64_t a, int64_t sh, int sz, bool is_signed,
                        bool round)
{
    int bits = 8 << sz;
    __int128 v = is_signed ? (__int128)sx(a, sz) : (__int128)a;

    if (sh >= 0) {
        if (sh >= bits) {
            return 0;
        }
        return (uint64_t)(v << sh) & emask(sz);
    }
    sh = -sh;
    if (sh > bits) {
        return round ? 0 : (is_signed && v < 0 ? emask(sz) : 0);
    }
    if (round) {
        v += (__int128)1 << (sh - 1);
    }
    return (uint64_t)(v >> sh) & emask(sz);
}

/* --------------------------------------------------------- three same */

/*
 * Whole-vector forms of the common integer operations, with GCC vector
 * types (SSE on x86-64).  Lanes beyond a 64-bit result are computed and
 * then cleared by put().  Returns false to take the element loop.
 */
typedef uint8_t vu8 __attribute__((vector_size(16)));
typedef int8_t vs8 __attribute__((vector_size(16)));
typedef uint16_t vu16 __attribute__((vector_size(16)));
typedef int16_t vs16 __attribute__((vector_size(16)));
typedef uint32_t vu32 __attribute__((vector_size(16)));
typedef int32_t vs32 __attribute__((vector_size(16)));
typedef uint64_t vu64 __attribute__((vector_size(16)));
typedef int64_t vs64 __attribute__((vector_size(16)));

#define VEC_INT3(VU, VS)                                                     \
    do {                                                                     \
        VU x, y, z, m, res;                                                  \
        memcpy(&x, a, 16);                                                   \
        memcpy(&y, b, 16);                                                   \
        memcpy(&z, d, 16);                                                   \
        switch (key) {                                                       \
        case 0x10: res = x + y; break;                     /* ADD */         \
        case 0x30: res = x - y; break;                     /* SUB */         \
        case 0x31: res = (VU)(x == y); break;              /* CMEQ */        \
        case 0x11: res = (VU)((x & y) != 0); break;        /* CMTST */       \
        case 0x06: res = (VU)((VS)x > (VS)y); break;       /* CMGT */        \
        case 0x26: res = (VU)(x > y); break;               /* CMHI */        \
        case 0x07: res = (VU)((VS)x >= (VS)y); break;      /* CMGE */        \
        case 0x27: res = (VU)(x >= y); break;              /* CMHS */        \
        case 0x0c: m = (VU)((VS)x > (VS)y); res = (x & m) | (y & ~m); break; \
        case 0x2c: m = (VU)(x > y); res = (x & m) | (y & ~m); break;         \
        case 0x0d: m = (VU)((VS)x < (VS)y); res = (x & m) | (y & ~m); break; \
        case 0x2d: m = (VU)(x < y); res = (x & m) | (y & ~m); break;         \
        case 0x13: res = x * y; break;                     /* MUL */         \
        case 0x12: res = z + x * y; break;                 /* MLA */         \
        case 0x32: res = z - x * y; break;                 /* MLS */         \
        default: return false;                                               \
        }                                                                    \
        memcpy(r, &res, 16);                                                 \
    } while (0)

static bool int3_vec(int key, int size, const V *a, const V *b, const V *d,
                     V *r)
{
    switch (size) {
    case 0: VEC_INT3(vu8, vs8); break;
    case 1: VEC_INT3(vu16, vs16); break;
    case 2: VEC_INT3(vu32, vs32); break;
    default:
        if (key == 0x13 || key == 0x12 || key == 0x32) {
            return false;
        }
        VEC_INT3(vu64, vs64);
        break;
    }
    return true;
}


static bool int3(CPUARMState *env, int op, bool u, int sz, uint64_t a,
                 uint64_t b, uint64_t d, uint64_t *out)
{
    int64_t sa = sx(a, sz), sb = sx(b, sz);
    uint64_t m = emask(sz), r;

    switch (op) {
    case 0x00:                                /* SHADD, UHADD */
        r = u ? (uint64_t)(((__int128)a + b) >> 1) : (uint64_t)(((__int128)sa + sb) >> 1);
        break;
    case 0x01:                                /* SQADD, UQADD */
        r = u ? sat_u(env, (__int128)a + b, sz) : sat_s(env, (__int128)sa + sb, sz);
        break;
    case 0x02:                                /* SRHADD, URHADD */
        r = u ? (uint64_t)(((__int128)a + b + 1) >> 1) : (uint64_t)(((__int128)sa + sb + 1) >> 1);
        break;
    case 0x04:                                /* SHSUB, UHSUB */
        r = u ? (uint64_t)(((__int128)a - b) >> 1) : (uint64_t)(((__int128)sa - sb) >> 1);
        break;
    case 0x05:                                /* SQSUB, UQSUB */
        r = u ? sat_u(env, (__int128)a - b, sz) : sat_s(env, (__int128)sa - sb, sz);
        break;
    case 0x06:                                /* CMGT, CMHI */
        r = (u ? a > b : sa > sb) ? m : 0;
        break;
    case 0x07:                                /* CMGE, CMHS */
        r = (u ? a >= b : sa >= sb) ? m : 0;
        break;
    case 0x08:                                /* SSHL, USHL */
        r = shl_reg(a, (int8_t)b, sz, !u, false);
        break;
    case 0x0a:                                /* SRSHL, URSHL */
        r = shl_reg(a, (int8_t)b, sz, !u, true);
        break;
    case 0x09:                                /* SQSHL, UQSHL */
    case 0x0b: {                              /* SQRSHL, UQRSHL */
        int sh = (int8_t)b, bits = 8 << sz;
        __int128 v = u ? (__int128)a : (__int128)sa;
        if (sh >= 0) {
            if (sh >= bits) {
                sh = bits;                    /* saturates unless zero */
            }
            v = v == 0 ? 0 : v * ((__int128)1 << sh);
        } else {
            sh = -sh > bits ? bits + 1 : -sh;
            if (op == 0x0b) {
                v += (__int128)1 << (sh - 1);
            }
            v >>= sh;
        }
        r = u ? sat_u(env, v, sz) : sat_s(env, v, sz);
        break;
    }
    case 0x16: {                              /* SQDMULH, SQRDMULH */
        __int128 p = (__int128)sa * sb * 2;
        if (sz == 0 || sz == 3) {
            return false;
        }
        if (u) {
            p += (__int128)1 << ((8 << sz) - 1);
        }
        r = sat_s(env, p >> (8 << sz), sz);
        break;
    }
    case 0x0c:                                /* SMAX, UMAX */
        r = u ? (a > b ? a : b) : (sa > sb ? a : b);
        break;
    case 0x0d:                                /* SMIN, UMIN */
        r = u ? (a < b ? a : b) : (sa < sb ? a : b);
        break;
    case 0x0e:                                /* SABD, UABD */
        r = u ? (a > b ? a - b : b - a) : (uint64_t)(sa > sb ? sa - sb : sb - sa);
        break;
    case 0x0f:                                /* SABA, UABA */
        r = d + (u ? (a > b ? a - b : b - a) : (uint64_t)(sa > sb ? sa - sb : sb - sa));
        break;
    case 0x10:                                /* ADD, SUB */
        r = u ? a - b : a + b;
        break;
    case 0x11:                                /* CMTST, CMEQ */
        r = (u ? a == b : (a & b) != 0) ? m : 0;
        break;
    case 0x12:                                /* MLA, MLS */
        r = u ? d - a * b : d + a * b;
        break;
    case 0x13:                                /* MUL, PMUL */
        if (u) {
            int i;
            if (sz != 0) {
                return false;
            }
            r = 0;
            for (i = 0; i < 8; i++) {
                if ((b >> i) & 1) {
                    r ^= a << i;
                }
            }
        } else {
            r = a * b;
        }
        break;
    default:
        return false;
    }
    *out = r & m;
    return true;
}

/* Signed/unsigned max/min/add of a pair (the P forms and across-lanes). */
static uint64_t pair_int(int op, bool u, int sz, uint64_t a, uint64_t b)
{
    int64_t sa = sx(a, sz), sb = sx(b, sz);

    switch (op) {
    case 0x14: return u ? (a > b ? a : b) : (sa > sb ? a : b);
    case 0x15: return u ? (a < b ? a : b) : (sa < sb ? a : b);
    default: return (a + b) & emask(sz);
    }
}

static uint64_t fmulx(CPUARMState *env, int sz, uint64_t a, uint64_t b)
{
    uint64_t inf = sz == 2 ? 0x7f800000ull : 0x7ff0000000000000ull;
    uint64_t sign = 1ull << ((8 << sz) - 1);
    bool a0 = !(a & ~sign), b0 = !(b & ~sign);
    bool ainf = (a & ~sign) == inf, binf = (b & ~sign) == inf;

    if ((a0 && binf) || (ainf && b0)) {
        uint64_t two = sz == 2 ? 0x40000000ull : 0x4000000000000000ull;
        return two | ((a ^ b) & sign);
    }
    return fp_op2(env, FP_MUL, sz, a, b);
}

/* FP three-same; op = opcode, hi = size<1>. */
static bool fp3(CPUARMState *env, int op, bool u, bool hi, int sz, uint64_t a,
                uint64_t b, uint64_t d, uint64_t *out)
{
    uint64_t m = emask(sz);
    int rel;

    switch ((u << 6) | (hi << 5) | op) {
    case 0x18: *out = fp_op2(env, FP_MAXNM, sz, a, b); return true;
    case 0x19: *out = fp_muladd(env, sz, a, b, d, 0); return true;
    case 0x1a: *out = fp_op2(env, FP_ADD, sz, a, b); return true;
    case 0x1b: *out = fmulx(env, sz, a, b); return true;
    case 0x1c:                                /* FCMEQ */
        rel = fp_compare(env, sz, a, b, false);
        *out = rel == float_relation_equal ? m : 0;
        return true;
    case 0x1e: *out = fp_op2(env, FP_MAX, sz, a, b); return true;
    case 0x1f: {                              /* FRECPS: 2 - a*b */
        uint64_t two = sz == 2 ? 0x40000000ull : 0x4000000000000000ull;
        /* the pseudocode negates operand 1 (FPNeg flips a NaN too) */
        *out = fp_muladd(env, sz, fp_neg(sz, a), b, two, 0);
        return true;
    }
    case 0x38: *out = fp_op2(env, FP_MINNM, sz, a, b); return true;
    case 0x39: *out = fp_muladd(env, sz, fp_neg(sz, a), b, d, 0);
        return true;
    case 0x3a: *out = fp_op2(env, FP_SUB, sz, a, b); return true;
    case 0x3e: *out = fp_op2(env, FP_MIN, sz, a, b); return true;
    case 0x3f: {                              /* FRSQRTS: (3 - a*b) / 2 */
        uint64_t three = sz == 2 ? 0x40400000ull : 0x4008000000000000ull;
        *out = fp_muladd(env, sz, fp_neg(sz, a), b, three,
                         float_muladd_halve_result);
        return true;
    }
    case 0x5b: *out = fp_op2(env, FP_MUL, sz, a, b); return true;
    case 0x5c:                                /* FCMGE */
        rel = fp_compare(env, sz, a, b, true);
        *out = (rel == float_relation_equal || rel == float_relation_greater) ? m : 0;
        return true;
    case 0x5d:                                /* FACGE */
        rel = fp_compare(env, sz, fp_abs(sz, a), fp_abs(sz, b), true);
        *out = (rel == float_relation_equal || rel == float_relation_greater) ? m : 0;
        return true;
    case 0x5f: *out = fp_op2(env, FP_DIV, sz, a, b); return true;
    case 0x7a: *out = fp_op2(env, FP_ABD, sz, a, b); return true;
    case 0x7c:                                /* FCMGT */
        rel = fp_compare(env, sz, a, b, true);
        *out = rel == float_relation_greater ? m : 0;
        return true;
    case 0x7d:                                /* FACGT */
        rel = fp_compare(env, sz, fp_abs(sz, a), fp_abs(sz, b), true);
        *out = rel == float_relation_greater ? m : 0;
        return true;
    default:
        return false;
    }
}

/* The pairwise FP ops (FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP). */
static bool fp_pair_op(int op, bool hi, int *fop)
{
    switch ((hi << 5) | op) {
    case 0x18: *fop = FP_MAXNM; return true;
    case 0x1a: *fop = FP_ADD; return true;
    case 0x1e: *fop = FP_MAX; return true;
    case 0x38: *fop = FP_MINNM; return true;
    case 0x3e: *fop = FP_MIN; return true;
    default: return false;
    }
}

static bool three_same(CPUARMState *env, uint32_t insn, bool scalar)
{
    bool q = F(30, 1), u = F(29, 1);
    int size = F(22, 2), op = F(11, 5);
    int rm = F(16, 5), rn = F(5, 5), rd = F(0, 5);
    V a = env->vregs[rn], b = env->vregs[rm], d = env->vregs[rd], r = { { 0, 0 } };
    int i, n;

    if (op == 0x03) {                         /* logical */
        if (scalar) {
            return false;
        }
        for (i = 0; i < 2; i++) {
            uint64_t x = a.d[i], y = b.d[i], z = d.d[i];
            switch ((u << 2) | size) {
            case 0: r.d[i] = x & y; break;
            case 1: r.d[i] = x & ~y; break;
            case 2: r.d[i] = x | y; break;
            case 3: r.d[i] = x | ~y; break;
            case 4: r.d[i] = x ^ y; break;
            case 5: r.d[i] = (x & z) | (y & ~z); break;        /* BSL */
            case 6: r.d[i] = (z & ~y) | (x & y); break;        /* BIT */
            default: r.d[i] = (z & y) | (x & ~y); break;       /* BIF */
            }
        }
        put(env, rd, &r, q);
        return true;
    }
    if (op >= 0x18) {                         /* floating point */
        int sz = 2 + (size & 1), fop;
        bool hi = size >> 1;
        if (!scalar && sz == 3 && !q) {
            return false;
        }
        if (scalar) {
            /* scalar forms: FMULX FCMEQ FRECPS FRSQRTS FCMGE FACGE FABD
             * FCMGT FACGT */
            switch ((u << 6) | (hi << 5) | op) {
            case 0x1b: case 0x1c: case 0x1f: case 0x3f: case 0x5c:
            case 0x5d: case 0x7a: case 0x7c: case 0x7d:
                break;
            default:
                return false;
            }
        }
        n = scalar ? 1 : (q ? 16 : 8) >> sz;
        if (u && !scalar && fp_pair_op(op, hi, &fop)) {
            for (i = 0; i < n; i++) {
                const V *src = i < n / 2 ? &a : &b;
                int j = (i % (n / 2)) * 2;
                eset(&r, i, sz, fp_op2(env, fop, sz, eget(src, j, sz),
                                       eget(src, j + 1, sz)));
            }
            put(env, rd, &r, q);
            return true;
        }
        for (i = 0; i < n; i++) {
            uint64_t x;
            if (!fp3(env, op, u, hi, sz, eget(&a, i, sz), eget(&b, i, sz),
                     eget(&d, i, sz), &x)) {
                return false;
            }
            eset(&r, i, sz, x);
        }
        put(env, rd, &r, q && !scalar);
        return true;
    }
    if (scalar) {
        /* scalar integer forms: 64-bit only, except saturating ones */
        if (size != 3 && op != 0x01 && op != 0x05 && op != 0x09 &&
            op != 0x0b && op != 0x16) {
            return false;
        }
        n = 1;
    } else {
        if (size == 3 && !q) {
            return false;
        }
        n = (q ? 16 : 8) >> size;
    }
    if (op == 0x17 || op == 0x14 || op == 0x15) {   /* ADDP, [SU]MAXP, [SU]MINP */
        if (scalar || (op == 0x17 && u) || (op != 0x17 && size == 3)) {
            return false;
        }
#ifdef __SSE2__
        if (size == 0 && q && (u || op == 0x17)) {
            /* 16 bytes, unsigned (glibc's strlen/memchr reductions) */
            __m128i m = _mm_set1_epi16(0xff);
            __m128i va = _mm_loadu_si128((const __m128i *)a.d);
            __m128i vb = _mm_loadu_si128((const __m128i *)b.d);
            __m128i ea = _mm_and_si128(va, m), oa = _mm_srli_epi16(va, 8);
            __m128i eb = _mm_and_si128(vb, m), ob = _mm_srli_epi16(vb, 8);
            __m128i ra, rb;
            if (op == 0x17) {
                ra = _mm_and_si128(_mm_add_epi16(ea, oa), m);
                rb = _mm_and_si128(_mm_add_epi16(eb, ob), m);
            } else if (op == 0x14) {
                ra = _mm_max_epu8(ea, oa);
                rb = _mm_max_epu8(eb, ob);
            } else {
                ra = _mm_min_epu8(ea, oa);
                rb = _mm_min_epu8(eb, ob);
            }
            _mm_storeu_si128((__m128i *)r.d, _mm_packus_epi16(ra, rb));
            put(env, rd, &r, q);
            return true;
        }
#endif
        if (size == 0 && (u || op == 0x17)) {
            /* bytes, unsigned (the strlen/memchr reductions): direct loop */
            const uint8_t *pa = (const uint8_t *)a.d, *pb = (const uint8_t *)b.d;
            uint8_t *pr = (uint8_t *)r.d;
            int half = n / 2;
            for (i = 0; i < n; i++) {
                const uint8_t *src = (i < half ? pa : pb) + 2 * (i & (half - 1));
                uint8_t x = src[0], y = src[1];
                pr[i] = op == 0x17 ? (uint8_t)(x + y)
                      : op == 0x14 ? (x > y ? x : y) : (x < y ? x : y);
            }
            put(env, rd, &r, q);
            return true;
        }
        for (i = 0; i < n; i++) {
            const V *src = i < n / 2 ? &a : &b;
            int j = (i % (n / 2)) * 2;
            eset(&r, i, size, pair_int(op, u, size, eget(src, j, size),
                                       eget(src, j + 1, size)));
        }
        put(env, rd, &r, q);
        return true;
    }
    if (size == 3) {
        /* only these have 64-bit element forms */
        switch (op) {
        case 0x01: case 0x05: case 0x06: case 0x07: case 0x08: case 0x09:
        case 0x0a: case 0x0b: case 0x10: case 0x11:
            break;
        default:
            return false;
        }
    }
    if (!scalar && int3_vec((u << 5) | op, size, &a, &b, &d, &r)) {
        put(env, rd, &r, q);
        return true;
    }
    for (i = 0; i < n; i++) {
        uint64_t x;
        if (!int3(env, op, u, size, eget(&a, i, size), eget(&b, i, size),
                  eget(&d, i, size), &x)) {
            return false;
        }
        eset(&r, i, size, x);
    }
    put(env, rd, &r, q && !scalar);
    return true;
}

/* ------------------------------------------------------ three different */

static bool three_diff(CPUARMState *env, uint32_t insn, bool scalar)
{
    bool q = F(30, 1) && !scalar, u = F(29, 1);
    int size = F(22, 2), op = F(12, 4);
    int rm = F(16, 5), rn = F(5, 5), rd = F(0, 5);
    V a = env->vregs[rn], b = env->vregs[rm], d = env->vregs[rd], r = d;
    int i, n = scalar ? 1 : 8 >> size, base = q ? n : 0, wsz = size + 1;

    if (scalar && (u || (op != 9 && op != 0xb && op != 0xd))) {
        return false;
    }
    if (size == 3) {
        if (scalar) {
            return false;
        }
        if (op == 0xe && !u) {                /* PMULL 64x64 -> 128 */
            uint64_t x = a.d[q], y = b.d[q], lo = 0, hi = 0;
            for (i = 0; i < 64; i++) {
                if ((y >> i) & 1) {
                    lo ^= x << i;
                    hi ^= i ? x >> (64 - i) : 0;
                }
            }
            r.d[0] = lo;
            r.d[1] = hi;
            put(env, rd, &r, true);
            return true;
        }
        return false;
    }
    if (op == 4 || op == 6) {                 /* ADDHN, SUBHN (+R) */
        if (!q) {
            r.d[0] = r.d[1] = 0;
        }
        for (i = 0; i < n; i++) {
            uint64_t x = eget(&a, i, wsz), y = eget(&b, i, wsz);
            uint64_t s = op == 4 ? x + y : x - y;
            if (u) {
                s += 1ull << ((8 << size) - 1);
            }
            eset(&r, base + i, size, (s & emask(wsz)) >> (8 << size));
        }
        put(env, rd, &r, q);
        return true;
    }
    memset(&r, 0, sizeof(r));
    for (i = 0; i < n; i++) {
        uint64_t x = eget(&a, base + i, size), y = eget(&b, base + i, size);
        int64_t sxv = sx(x, size), syv = sx(y, size);
        uint64_t acc = eget(&d, i, wsz), res;
        uint64_t wx = u ? x : (uint64_t)sxv, wy = u ? y : (uint64_t)syv;
        if (op == 1 || op == 3) {             /* wide: first operand wide */
            wx = eget(&a, i, wsz);
        }
        switch (op) {
        case 0: case 1: res = wx + wy; break;
        case 2: case 3: res = wx - wy; break;
        case 5: case 7: {
            uint64_t ad = u ? (x > y ? x - y : y - x)
                            : (uint64_t)(sxv > syv ? sxv - syv : syv - sxv);
            res = op == 5 ? acc + ad : ad;
            break;
        }
        case 9: case 0xb: case 0xd: {         /* SQDMLAL, SQDMLSL, SQDMULL */
            uint64_t p;
            if (u || size == 0) {
                return false;
            }
            p = sat_s(env, (__int128)sxv * syv * 2, wsz);
            if (op == 0xd) {
                res = p;
            } else if (op == 9) {
                res = sat_s(env, (__int128)sx(acc, wsz) + sx(p, wsz), wsz);
            } else {
                res = sat_s(env, (__int128)sx(acc, wsz) - sx(p, wsz), wsz);
            }
            break;
        }
        case 8: res = acc + wx * wy; break;
        case 0xa: res = acc - wx * wy; break;
        case 0xc: res = wx * wy; break;
        case 0xe: {                           /* PMULL 8x8 -> 16 */
            int k;
            if (u || size != 0) {
                return false;
            }
            res = 0;
            for (k = 0; k < 8; k++) {
                if ((y >> k) & 1) {
                    res ^= x << k;
                }
            }
            break;
        }
        default:
            return false;
        }
        eset(&r, i, wsz, res & emask(wsz));
    }
    put(env, rd, &r, true);
    return true;
}

/* -------------------------------------------------------- two-reg misc */

static uint64_t rbit8(uint64_t x)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        r |= ((x >> i) & 1) << (7 - i);
    }
    return r;
}

static int clz_sz(uint64_t x, int sz)
{
    int bits = 8 << sz;

    return x ? __builtin_clzll(x) - (64 - bits) : bits;
}

/* ------------------------------------------- reciprocal estimates (Arm ARM) */

/* RecipEstimate(): a in [256, 512) -> estimate in [256, 512) */
static uint32_t recip_estimate(uint32_t a)
{
    uint32_t b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate(): a in [128, 512) -> estimate in [256, 512) */
static uint32_t rsqrt_estimate(uint32_t a)
{
    uint64_t b = 512;

    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28)) {
        b++;
    }
    return (b + 1) / 2;
}

enum { EST_RECPE, EST_RSQRTE, EST_RECPX };

/*
 * FPRecipEstimate / FPRSqrtEstimate / FPRecpX on a single (sz 2) or
 * double (sz 3) bit pattern.
 */
static uint64_t fp_estimate(CPUARMState *env, int kind, int sz, uint64_t x)
{
    FloatStatus *s = &env->fp_status;
    int ebits = sz == 2 ? 8 : 11, fbits = sz == 2 ? 23 : 52;
    int emax = (1 << ebits) - 1, bias = (1 << (ebits - 1)) - 1;
    uint64_t sign = (x >> (ebits + fbits)) & 1;
    int64_t exp = (x >> fbits) & emax;
    uint64_t frac = x & ((1ull << fbits) - 1);
    uint64_t f52, est;
    int64_t rexp;
    bool fz = (env->fpcr >> 24) & 1;

    if (exp == emax && frac) {                        /* NaN */
        bool snan = !(frac >> (fbits - 1));
        if (snan) {
            float_raise(s, float_flag_invalid);
        }
        if (s->default_nan_mode) {
            return sz == 2 ? 0x7fc00000ull : 0x7ff8000000000000ull;
        }
        return x | (1ull << (fbits - 1));
    }
    if (exp == 0 && frac && fz) {                     /* flush the input */
        frac = 0;
        float_raise(s, float_flag_input_flushed);
    }
    if (kind == EST_RECPX) {
        if (exp == 0) {
            return (sign << (ebits + fbits)) | ((uint64_t)(emax - 1) << fbits);
        }
        return (sign << (ebits + fbits)) | ((uint64_t)(~exp & emax) << fbits);
    }
    if (exp == 0 && frac == 0) {                      /* zero -> inf */
        float_raise(s, float_flag_divbyzero);
        return (sign << (ebits + fbits)) | ((uint64_t)emax << fbits);
    }
    if (kind == EST_RSQRTE && sign) {                 /* negative: invalid */
        float_raise(s, float_flag_invalid);
        return sz == 2 ? 0x7fc00000ull : 0x7ff8000000000000ull;
    }
    if (exp == emax) {                                /* inf -> zero */
        return sign << (ebits + fbits);
    }
    f52 = frac << (52 - fbits);
    if (kind == EST_RECPE) {
        if (exp == 0 && !(f52 >> 50)) {               /* < 2^-(bias+1) */
            bool to_inf;
            switch (s->rounding_mode) {
            case float_round_nearest_even: to_inf = true; break;
            case float_round_up: to_inf = !sign; break;
            case float_round_down: to_inf = sign; break;
            default: to_inf = false; break;
            }
            float_raise(s, float_flag_overflow | float_flag_inexact);
            return (sign << (ebits + fbits)) |
                   (to_inf ? (uint64_t)emax << fbits
                           : ((uint64_t)(emax - 1) << fbits) |
                             ((1ull << fbits) - 1));
        }
        if (fz && exp >= 2 * bias - 1) {              /* >= 2^(bias-1) */
            float_raise(s, float_flag_underflow);
            return sign << (ebits + fbits);
        }
        if (exp == 0) {
            if (!((f52 >> 51) & 1)) {
                exp = -1;
                f52 = (f52 << 2) & ((1ull << 52) - 1);
            } else {
                f52 = (f52 << 1) & ((1ull << 52) - 1);
            }
        }
        est = recip_estimate(256 | (f52 >> 44));
        rexp = 2 * bias - 1 - exp;
        f52 = (est & 0xff) << 44;
        if (rexp == 0) {
            f52 = (1ull << 51) | (f52 >> 1);
        } else if (rexp == -1) {
            f52 = (1ull << 50) | (f52 >> 2);
            rexp = 0;
        }
        return (sign << (ebits + fbits)) | ((uint64_t)rexp << fbits) |
               (f52 >> (52 - fbits));
    }
    /* FRSQRTE of a positive finite non-zero value */
    if (exp == 0) {
        while (!((f52 >> 51) & 1)) {
            f52 = (f52 << 1) & ((1ull << 52) - 1);
            exp--;
        }
        f52 = (f52 << 1) & ((1ull << 52) - 1);
    }
    if (!(exp & 1)) {
        est = rsqrt_estimate(256 | (f52 >> 44));
    } else {
        est = rsqrt_estimate(128 | (f52 >> 45));
    }
    rexp = (3 * bias - 1 - exp) / 2;                  /* numerator > 0 */
    f52 = (est & 0xff) << 44;
    return ((uint64_t)rexp << fbits) | (f52 >> (52 - fbits));
}

/* UnsignedRecipEstimate / UnsignedRSqrtEstimate on a 32-bit lane */
static uint32_t u32_estimate(bool rsqrt, uint32_t x)
{
    if (rsqrt) {
        if (!(x >> 30)) {
            return 0xffffffffu;
        }
        return (rsqrt_estimate(x >> 23) & 0x1ff) << 23;
    }
    if (!(x >> 31)) {
        return 0xffffffffu;
    }
    return (recip_estimate(x >> 23) & 0x1ff) << 23;
}

static bool fp_misc(CPUARMState *env, uint32_t insn, bool scalar, V *r,
                    const V *a)
{
    bool q = F(30, 1), u = F(29, 1), hi = F(23, 1);
    int sz = 2 + F(22, 1), op = F(12, 5);
    int i, n = scalar ? 1 : (q ? 16 : 8) >> sz;
    static const int8_t rnd[4] = {
        float_round_nearest_even, float_round_up, float_round_down,
        float_round_to_zero,
    };

    if (!scalar && sz == 3 && !q) {
        return false;
    }
    if (scalar && (op == 0x18 || op == 0x19 || op == 0x0f ||
                   (op == 0x1f && (u || !hi)))) {
        return false;                         /* FRINT*, FABS, FNEG, FSQRT */
    }
    if (op == 0x1f && !u && hi && !scalar) {
        return false;                         /* FRECPX is scalar only */
    }
    if (op == 0x1c && hi && (scalar || sz != 2)) {
        return false;                         /* URECPE, URSQRTE: 4S, 2S */
    }
    for (i = 0; i < n; i++) {
        uint64_t x = eget(a, i, sz), res, m = emask(sz);
        int rel;
        switch ((u << 6) | (hi << 5) | op) {
        case 0x18: res = fp_round(env, sz, x, float_round_nearest_even, false); break;
        case 0x38: res = fp_round(env, sz, x, float_round_up, false); break;
        case 0x19: res = fp_round(env, sz, x, float_round_down, false); break;
        case 0x39: res = fp_round(env, sz, x, float_round_to_zero, false); break;
        case 0x58: res = fp_round(env, sz, x, float_round_ties_away, false); break;
        case 0x59: res = fp_round(env, sz, x, -1, true); break;
        case 0x79: res = fp_round(env, sz, x, -1, false); break;
        case 0x1a: case 0x1b: case 0x3a: case 0x3b:
        case 0x5a: case 0x5b: case 0x7a: case 0x7b:   /* FCVT[NMPZ][SU] */
            /* op bit 0 : size<1> -> N (00), P (01), M (10), Z (11) */
            res = fp_to_int(env, sz, x, rnd[((op & 1) << 1) | hi], u, sz == 3,
                            0);
            break;
        case 0x1c: case 0x5c:                 /* FCVTA[SU] */
            res = fp_to_int(env, sz, x, float_round_ties_away, u, sz == 3, 0);
            break;
        case 0x1d: case 0x5d:                 /* SCVTF, UCVTF */
            res = int_to_fp(env, sz, u ? x : (uint64_t)sx(x, sz), u, 0);
            break;
        case 0x2c: case 0x6c:                 /* FCMGT, FCMGE #0 */
            rel = fp_compare(env, sz, x, 0, true);
            res = (rel == float_relation_greater ||
                   (u && rel == float_relation_equal)) ? m : 0;
            break;
        case 0x2d: case 0x6d:                 /* FCMEQ, FCMLE #0 */
            rel = fp_compare(env, sz, x, 0, u);
            res = (rel == float_relation_equal ||
                   (u && rel == float_relation_less)) ? m : 0;
            break;
        case 0x2e:                            /* FCMLT #0 */
            rel = fp_compare(env, sz, x, 0, true);
            res = rel == float_relation_less ? m : 0;
            break;
        case 0x2f: res = fp_abs(sz, x); break;
        case 0x6f: res = fp_neg(sz, x); break;
        case 0x7f: res = fp_sqrt(env, sz, x); break;
        case 0x3d: res = fp_estimate(env, EST_RECPE, sz, x); break;
        case 0x7d: res = fp_estimate(env, EST_RSQRTE, sz, x); break;
        case 0x3f: res = fp_estimate(env, EST_RECPX, sz, x); break;
        case 0x3c: case 0x7c:                 /* URECPE, URSQRTE */
            res = u32_estimate(u, (uint32_t)x);
            break;
        default:
            return false;
        }
        eset(r, i, sz, res);
    }
    return true;
}

static bool two_misc(CPUARMState *env, uint32_t insn, bool scalar)
{
    bool q = F(30, 1), u = F(29, 1);
    int size = F(22, 2), op = F(12, 5), rn = F(5, 5), rd = F(0, 5);
    V a = env->vregs[rn], d = env->vregs[rd], r = { { 0, 0 } };
    int i, n = scalar ? 1 : (q ? 16 : 8) >> size;
    bool is_fp;

    is_fp = (op >= 0x0c && op <= 0x0f && (size & 2)) || op >= 0x18 ||
            ((op == 0x16 || op == 0x17) && !(size & 2));
    if (is_fp && (op == 0x16 || op == 0x17)) {
        int sz = 2 + (size & 1);              /* the wide element size */
        int half = 16 >> sz;                  /* wide elements per vector */
        if (u) {                              /* FCVTXN, FCVTXN2 */
            FloatStatus *fs = &env->fp_status;
            int mode = fs->rounding_mode;
            if (op != 0x16 || sz != 3) {
                return false;
            }
            r = d;
            if (!q || scalar) {
                r.d[0] = r.d[1] = 0;
            }
            fs->rounding_mode = float_round_to_odd;
            for (i = 0; i < (scalar ? 1 : 2); i++) {
                eset(&r, (q && !scalar ? 2 : 0) + i, 2,
                     fp_convert(env, 3, 2, eget(&a, i, 3)));
            }
            fs->rounding_mode = mode;
            put(env, rd, &r, q && !scalar);
            return true;
        }
        if (scalar) {
            return false;
        }
        if (op == 0x17) {                     /* FCVTL: a half of a, widened */
            for (i = 0; i < half; i++) {
                eset(&r, i, sz, fp_convert(env, sz - 1, sz,
                                           eget(&a, (q ? half : 0) + i, sz - 1)));
            }
            put(env, rd, &r, true);
        } else {                              /* FCVTN: into a half of d */
            r = d;
            if (!q) {
                r.d[0] = r.d[1] = 0;
            }
            for (i = 0; i < half; i++) {
                eset(&r, (q ? half : 0) + i, sz - 1,
                     fp_convert(env, sz, sz - 1, eget(&a, i, sz)));
            }
            put(env, rd, &r, q);
        }
        return true;
    }
    if (is_fp) {
        if (!fp_misc(env, insn, scalar, &r, &a)) {
            return false;
        }
        put(env, rd, &r, q && !scalar);
        return true;
    }
    if (op == 0x12 || op == 0x14) {           /* XTN, SQXTN, SQXTUN, UQXTN */
        int nn = 8 >> size;
        if (size == 3) {
            return false;
        }
        r = d;
        if (!q || scalar) {
            r.d[0] = r.d[1] = 0;
        }
        if (scalar) {
            nn = 1;
        }
        for (i = 0; i < nn; i++) {
            uint64_t x = eget(&a, i, size + 1), res;
            if (op == 0x12 && !u) {
                if (scalar) {
                    return false;
                }
                res = x & emask(size);
            } else if (op == 0x12) {          /* SQXTUN */
                res = sat_u(env, sx(x, size + 1), size);
            } else if (u) {
                res = sat_u(env, x, size);
            } else {
                res = sat_s(env, sx(x, size + 1), size);
            }
            eset(&r, (q && !scalar ? nn : 0) + i, size, res);
        }
        put(env, rd, &r, q && !scalar);
        return true;
    }
    if (op == 0x13) {                         /* SHLL */
        if (!u || scalar || size == 3) {
            return false;
        }
        for (i = 0; i < 8 >> size; i++) {
            eset(&r, i, size + 1,
                 eget(&a, (q ? 8 >> size : 0) + i, size) << (8 << size));
        }
        put(env, rd, &r, true);
        return true;
    }
    if (op == 0x02 || op == 0x06) {           /* [SU]ADDLP, [SU]ADALP */
        if (scalar || size == 3) {
            return false;
        }
        for (i = 0; i < n / 2; i++) {
            uint64_t x = eget(&a, 2 * i, size), y = eget(&a, 2 * i + 1, size);
            uint64_t s = u ? x + y : (uint64_t)(sx(x, size) + sx(y, size));
            if (op == 0x06) {
                s += eget(&d, i, size + 1);
            }
            eset(&r, i, size + 1, s & emask(size + 1));
        }
        put(env, rd, &r, q);
        return true;
    }
    if (scalar && size != 3 && op != 0x07 && op != 0x03) {
        return false;
    }
    if (!scalar && size == 3 && !q) {
        return false;
    }
    for (i = 0; i < n; i++) {
        uint64_t x = eget(&a, i, size), m = emask(size), res;
        int64_t s = sx(x, size);
        switch ((u << 5) | op) {
        case 0x00:                            /* REV64 */
        case 0x01:                            /* REV16 */
        case 0x20: {                          /* REV32 */
            int group = op == 0x01 ? 1 : (u ? 2 : 3);  /* log2 bytes */
            int per = (1 << group) >> size;   /* elements per group */
            if (size >= group || scalar) {
                return false;
            }
            res = eget(&a, (i / per) * per + (per - 1 - i % per), size);
            break;
        }
        case 0x04: res = clz_sz(((s < 0 ? ~x : x) & m) << 1 | 1, size) ; break; /* CLS */
        case 0x24: res = clz_sz(x, size); break;                 /* CLZ */
        case 0x05:                            /* CNT */
            if (size) {
                return false;
            }
            res = __builtin_popcountll(x);
            break;
        case 0x25:                            /* NOT, RBIT */
            if (size > 1) {
                return false;
            }
            res = size ? rbit8(x) : ~x;
            break;
        case 0x03:                            /* SUQADD */
            res = sat_s(env, (__int128)sx(eget(&d, i, size), size) + x, size);
            break;
        case 0x23:                            /* USQADD */
            res = sat_u(env, (__int128)eget(&d, i, size) + s, size);
            break;
        case 0x07: res = sat_s(env, s < 0 ? -(__int128)s : s, size); break;  /* SQABS */
        case 0x27: res = sat_s(env, -(__int128)s, size); break;               /* SQNEG */
        case 0x08: res = s > 0 ? m : 0; break;         /* CMGT #0 */
        case 0x28: res = s >= 0 ? m : 0; break;        /* CMGE #0 */
        case 0x09: res = x == 0 ? m : 0; break;        /* CMEQ #0 */
        case 0x29: res = s <= 0 ? m : 0; break;        /* CMLE #0 */
        case 0x0a: res = s < 0 ? m : 0; break;         /* CMLT #0 */
        case 0x0b: res = s < 0 ? -x : x; break;        /* ABS */
        case 0x2b: res = -x; break;                    /* NEG */
        default:
            return false;
        }
        eset(&r, i, size, res & m);
    }
    put(env, rd, &r, q && !scalar);
    return true;
}

/* -------------------------------------------------------- across lanes */

static bool across(CPUARMState *env, uint32_t insn)
{
    bool q = F(30, 1), u = F(29, 1);
    int size = F(22, 2), op = F(12, 5), rn = F(5, 5), rd = F(0, 5);
    V a = env->vregs[rn], r = { { 0, 0 } };
    int i, n = (q ? 16 : 8) >> size;
    uint64_t acc;

    if (op == 0x0c || op == 0x0f) {           /* FP max/min across */
        int fop, sz = 2;
        if (!u || !q || (size & 1)) {
            return false;
        }
        fop = op == 0x0c ? ((size & 2) ? FP_MINNM : FP_MAXNM)
                         : ((size & 2) ? FP_MIN : FP_MAX);
        {
            uint64_t x0 = fp_op2(env, fop, sz, eget(&a, 0, sz), eget(&a, 1, sz));
            uint64_t x1 = fp_op2(env, fop, sz, eget(&a, 2, sz), eget(&a, 3, sz));
            acc = fp_op2(env, fop, sz, x0, x1);
        }
        eset(&r, 0, sz, acc);
        put(env, rd, &r, false);
        return true;
    }
    if (size == 3 || (size == 2 && !q)) {
        return false;
    }
    acc = eget(&a, 0, size);
    if (op == 0x03) {                         /* [SU]ADDLV */
        acc = u ? acc : (uint64_t)sx(acc, size);
        for (i = 1; i < n; i++) {
            uint64_t x = eget(&a, i, size);
            acc += u ? x : (uint64_t)sx(x, size);
        }
        eset(&r, 0, size + 1, acc & emask(size + 1));
        put(env, rd, &r, false);
        return true;
    }
    for (i = 1; i < n; i++) {
        uint64_t x = eget(&a, i, size);
        switch (op) {
        case 0x0a: acc = pair_int(0x14, u, size, acc, x); break;
        case 0x1a: acc = pair_int(0x15, u, size, acc, x); break;
        case 0x1b:
            if (u) {
                return false;
            }
            acc = (acc + x) & emask(size);
            break;
        default:
            return false;
        }
    }
    eset(&r, 0, size, acc);
    put(env, rd, &r, false);
    return true;
}

/* -------------------------------------------------- shift by immediate */

static bool shift_imm(CPUARMState *env, uint32_t insn, bool scalar)
{
    bool q = F(30, 1), u = F(29, 1);
    int immh = F(19, 4), immhb = F(16, 7), op = F(11, 5);
    int rn = F(5, 5), rd = F(0, 5);
    int size = 31 - __builtin_clz(immh), bits = 8 << size;
    int rsh = 2 * bits - immhb, lsh = immhb - bits;
    V a = env->vregs[rn], d = env->vregs[rd], r = { { 0, 0 } };
    int i, n = scalar ? 1 : (q ? 16 : 8) >> size;

    if (op >= 0x10 && op <= 0x14) {           /* narrowing and widening */
        if (size == 3 || (scalar && (op == 0x14 || (op < 0x12 && !u)))) {
            return false;
        }
        if (op == 0x14) {                     /* SSHLL, USHLL */
            for (i = 0; i < 8 >> size; i++) {
                uint64_t x = eget(&a, (q ? 8 >> size : 0) + i, size);
                x = u ? x : (uint64_t)sx(x, size);
                eset(&r, i, size + 1, (x << lsh) & emask(size + 1));
            }
            put(env, rd, &r, true);
            return true;
        }
        r = d;
        if (!q || scalar) {
            r.d[0] = r.d[1] = 0;
        }
        for (i = 0; i < (scalar ? 1 : 8 >> size); i++) {
            uint64_t x = eget(&a, i, size + 1), res;
            bool round = op & 1;
            __int128 v;
            bool sgn = (op >= 0x12 && !u) || (op < 0x12 && u);  /* SQSHRUN: signed src */
            if (op < 0x12 && !u) {            /* SHRN, RSHRN */
                v = x;
                if (round) {
                    v += (__int128)1 << (rsh - 1);
                }
                res = (uint64_t)(v >> rsh) & emask(size);
            } else {
                v = sgn ? (__int128)sx(x, size + 1) : (__int128)x;
                if (round) {
                    v += (__int128)1 << (rsh - 1);
                }
                v >>= rsh;
                res = (op >= 0x12 && !u) ? sat_s(env, v, size) : sat_u(env, v, size);
            }
            eset(&r, (q && !scalar ? 8 >> size : 0) + i, size, res);
        }
        put(env, rd, &r, q && !scalar);
        return true;
    }
    if (!scalar && size == 3 && !q) {
        return false;
    }
    if (scalar && size != 3 && op != 0x0e && op != 0x0c) {
        if (!(op == 0x1c || op == 0x1f)) {
            return false;
        }
    }
    for (i = 0; i < n; i++) {
        uint64_t x = eget(&a, i, size), acc = eget(&d, i, size), m = emask(size);
        uint64_t res;
        switch (op) {
        case 0x00: case 0x02: case 0x04: case 0x06: {  /* [SU][R]SHR[A] */
            __int128 v = u ? (__int128)x : (__int128)sx(x, size);
            if (op & 4) {
                v += (__int128)1 << (rsh - 1);
            }
            res = (uint64_t)(v >> rsh) & m;
            if (op & 2) {
                res = (res + acc) & m;
            }
            break;
        }
        case 0x08:                            /* SRI */
            if (!u) {
                return false;
            }
            {
                uint64_t keep = rsh == bits ? m : ~(m >> rsh) & m;
                res = (acc & keep) | (rsh == bits ? 0 : x >> rsh);
            }
            break;
        case 0x0a:                            /* SHL, SLI */
            res = (x << lsh) & m;
            if (u) {
                res |= acc & ((1ull << lsh) - 1);
            }
            break;
        case 0x0c:                            /* SQSHLU */
            if (!u) {
                return false;
            }
            res = sat_u(env, (__int128)sx(x, size) << lsh, size);
            break;
        case 0x0e:                            /* SQSHL, UQSHL */
            res = u ? sat_u(env, (__int128)x << lsh, size)
                    : sat_s(env, (__int128)sx(x, size) << lsh, size);
            break;
        case 0x1c:                            /* SCVTF, UCVTF (fixed) */
            if (size < 2) {
                return false;
            }
            res = int_to_fp(env, size, u ? x : (uint64_t)sx(x, size), u, rsh);
            break;
        case 0x1f:                            /* FCVTZS, FCVTZU (fixed) */
            if (size < 2) {
                return false;
            }
            res = fp_to_int(env, size, x, float_round_to_zero, u, size == 3, rsh);
            break;
        default:
            return false;
        }
        eset(&r, i, size, res & m);
    }
    put(env, rd, &r, q && !scalar);
    return true;
}

/* ------------------------------------------------------- by element */

static bool by_elem(CPUARMState *env, uint32_t insn, bool scalar)
{
    bool q = F(30, 1), u = F(29, 1);
    int size = F(22, 2), op = F(12, 4), rn = F(5, 5), rd = F(0, 5);
    int h = F(11, 1), l = F(21, 1), m = F(20, 1), rm = F(16, 4);
    V a = env->vregs[rn], d = env->vregs[rd], r = { { 0, 0 } };
    int i, n, idx;
    uint64_t e;

    if (op == 1 || op == 5 || op == 9) {      /* FMLA, FMLS, FMUL(X) */
        int sz = 2 + (size & 1);
        if (size < 2 || (sz == 3 && (l || (!q && !scalar)))) {
            return false;
        }
        idx = sz == 2 ? (h << 1) | l : h;
        rm |= m << 4;
        e = eget(&env->vregs[rm], idx, sz);
        n = scalar ? 1 : (q ? 16 : 8) >> sz;
        for (i = 0; i < n; i++) {
            uint64_t x = eget(&a, i, sz), res;
            if (op == 9) {
                res = u ? fmulx(env, sz, x, e) : fp_op2(env, FP_MUL, sz, x, e);
            } else if (u) {
                return false;
            } else {
                res = fp_muladd(env, sz, op == 5 ? fp_neg(sz, x) : x, e,
                                eget(&d, i, sz), 0);
            }
            eset(&r, i, sz, res);
        }
        put(env, rd, &r, q && !scalar);
        return true;
    }
    if (size == 0 || size == 3) {
        return false;
    }
    if (size == 1) {
        idx = (h << 2) | (l << 1) | m;
    } else {
        idx = (h << 1) | l;
        rm |= m << 4;
    }
    e = eget(&env->vregs[rm], idx, size);
    if (!u && (op == 3 || op == 7 || op == 0xb)) {
        /* SQDMLAL, SQDMLSL, SQDMULL (by element; vector and scalar) */
        int wsz = size + 1, base = (q && !scalar) ? 8 >> size : 0;
        n = scalar ? 1 : 8 >> size;
        for (i = 0; i < n; i++) {
            int64_t x = sx(eget(&a, base + i, size), size);
            uint64_t p = sat_s(env, (__int128)x * sx(e, size) * 2, wsz);
            int64_t acc = sx(eget(&d, i, wsz), wsz);
            uint64_t res = op == 0xb ? p
                : sat_s(env, op == 3 ? (__int128)acc + sx(p, wsz)
                                     : (__int128)acc - sx(p, wsz), wsz);
            eset(&r, i, wsz, res);
        }
        put(env, rd, &r, true);
        return true;
    }
    if (scalar && (u || (op != 0xc && op != 0xd))) {
        return false;
    }
    if (op == 2 || op == 6 || op == 0xa) {    /* [SU]MLAL, [SU]MLSL, [SU]MULL */
        int wsz = size + 1;
        n = 8 >> size;
        for (i = 0; i < n; i++) {
            uint64_t x = eget(&a, (q ? n : 0) + i, size);
            uint64_t p = u ? x * e : (uint64_t)(sx(x, size) * sx(e, size));
            uint64_t acc = eget(&d, i, wsz);
            eset(&r, i, wsz, (op == 2 ? acc + p : op == 6 ? acc - p : p) &
                 emask(wsz));
        }
        put(env, rd, &r, true);
        return true;
    }
    n = scalar ? 1 : (q ? 16 : 8) >> size;
    for (i = 0; i < n; i++) {
        uint64_t x = eget(&a, i, size), acc = eget(&d, i, size), res;
        switch ((u << 4) | op) {
        case 0x08: res = x * e; break;                /* MUL */
        case 0x10: res = acc + x * e; break;          /* MLA */
        case 0x14: res = acc - x * e; break;          /* MLS */
        case 0x0c: case 0x0d: {                       /* SQDMULH, SQRDMULH */
            __int128 p = (__int128)sx(x, size) * sx(e, size) * 2;
            if (op == 0x0d) {
                p += (__int128)1 << ((8 << size) - 1);
            }
            res = sat_s(env, p >> (8 << size), size);
            break;
        }
        default:
            return false;
        }
        eset(&r, i, size, res & emask(size));
    }
    put(env, rd, &r, q && !scalar);
    return true;
}

/* ------------------------------------------------------- scalar pairwise */

static bool scalar_pair(CPUARMState *env, uint32_t insn)
{
    bool u = F(29, 1);
    int size = F(22, 2), op = F(12, 5), rn = F(5, 5), rd = F(0, 5);
    V a = env->vregs[rn], r = { { 0, 0 } };
    int fop;

    if (!u) {                                 /* ADDP (scalar) */
        if (op != 0x1b || size != 3) {
            return false;
        }
        r.d[0] = a.d[0] + a.d[1];
    } else {
        int sz = 2 + (size & 1);
        if (op == 0x0d && !(size >> 1)) {      /* FADDP */
            fop = FP_ADD;
        } else if (op == 0x0c) {
            fop = (size >> 1) ? FP_MINNM : FP_MAXNM;
        } else if (op == 0x0f) {
            fop = (size >> 1) ? FP_MIN : FP_MAX;
        } else {
            return false;
        }
        eset(&r, 0, sz, fp_op2(env, fop, sz, eget(&a, 0, sz), eget(&a, 1, sz)));
    }
    put(env, rd, &r, false);
    return true;
}

/* --------------------------------------------------------------- entry */

static bool a64_fpsimd(CPUARMState *env, uint32_t insn)
{
    if ((insn & 0x5e000000) == 0x1e000000) {
        return a64_fp_scalar(env, insn);
    }
    if ((insn & 0x9e000000) == 0x0e000000) {  /* vector */
        if ((insn & 0x9f200400) == 0x0e200400) {
            return three_same(env, insn, false);
        }
        if ((insn & 0x9f200c00) == 0x0e200000) {
            return three_diff(env, insn, false);
        }
        if ((insn & 0x9f3e0c00) == 0x0e200800) {
            return two_misc(env, insn, false);
        }
        if ((insn & 0x9f3e0c00) == 0x0e300800) {
            return across(env, insn);
        }
        if ((insn & 0x9fe08400) == 0x0e000400) {
            return simd_copy(env, insn, false);
        }
        if ((insn & 0x9ff80400) == 0x0f000400) {
            return simd_mod_imm(env, insn);
        }
        if ((insn & 0x9f800400) == 0x0f000400) {
            return shift_imm(env, insn, false);
        }
        if ((insn & 0x9f000400) == 0x0f000000) {
            return by_elem(env, insn, false);
        }
        if ((insn & 0xbf208c00) == 0x0e000800) {
            return simd_permute(env, insn);
        }
        if ((insn & 0xbf208400) == 0x2e000000) {
            return simd_ext(env, insn);
        }
        if ((insn & 0xbf208c00) == 0x0e000000) {
            return simd_tbl(env, insn);
        }
        return false;
    }
    if ((insn & 0xde000000) == 0x5e000000) {  /* scalar AdvSIMD */
        if ((insn & 0xdf200400) == 0x5e200400) {
            return three_same(env, insn, true);
        }
        if ((insn & 0xdf3e0c00) == 0x5e200800) {
            return two_misc(env, insn, true);
        }
        if ((insn & 0xdf200c00) == 0x5e200000) {
            return three_diff(env, insn, true);
        }
        if ((insn & 0xdf3e0c00) == 0x5e300800) {
            return scalar_pair(env, insn);
        }
        if ((insn & 0xdfe08400) == 0x5e000400) {
            return simd_copy(env, insn, true);
        }
        if ((insn & 0xdf800400) == 0x5f000400 && F(19, 4)) {
            return shift_imm(env, insn, true);
        }
        if ((insn & 0xdf000400) == 0x5f000000) {
            return by_elem(env, insn, true);
        }
        return false;
    }
    return false;
}

/*
 * Is the encoding allocated?  The interpreter only declines encodings by
 * their fields, never by data, so a dry run on a scratch state (at
 * translation time, under the translation lock) tells.
 */
bool a64_fpsimd_allocated(uint32_t insn)
{
    static CPUARMState scratch;
    static bool init;

    if (!init) {
        float_status_init_arm(&scratch.fp_status);
        float_status_init_arm(&scratch.fp_status_f16);
        float_status_init_arm(&scratch.standard_fp_status);
        init = true;
    }
    return a64_fpsimd(&scratch, insn);
}

static void helper_fpsimd(CPUARMState *env, uint64_t insn)
{
    if (!a64_fpsimd(env, insn)) {
        env->exception.syndrome = 1u << 25;
        cpu_raise_exception(env_cpu(env), EXCP_UDEF, GETPC());
    }
}

const TCGHelperInfo helper_info_fpsimd = {
    .func = (void *)helper_fpsimd, .name = "fpsimd", .flags = 0,
    .ret = TCG_CALL_VOID, .nargs = 2, .args = { TCG_CALL_PTR, TCG_CALL_I64 },
};

/*
 * The same for allocated encodings that touch no general register or
 * flag: it neither raises nor reads or writes a TCG global.
 */
const TCGHelperInfo helper_info_fpsimd_v = {
    .func = (void *)helper_fpsimd, .name = "fpsimd_v",
    .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_VOID, .nargs = 2, .args = { TCG_CALL_PTR, TCG_CALL_I64 },
};
