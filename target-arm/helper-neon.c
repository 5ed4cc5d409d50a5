/*
 * target-arm/helper-neon.c: run-time helpers of the AArch32 Advanced
 * SIMD classes translated by trans-a32-neon.c.inc: two registers and a
 * shift amount, two registers miscellaneous, the permutes (vswp, vtrn,
 * vuzp, vzip), vext and vtbl/vtbx.  (The three-register classes live in
 * helper-neon3.c.)
 *
 * Every helper gets pointers to the D registers it works on (a Q
 * register is two consecutive D registers, so a pointer to D(2n) covers
 * Qn) and a constant descriptor, NM_DESC(op, size, q, imm), built at
 * translation time, so nothing is decoded here.  Elements are addressed
 * as on a little-endian host (element i of size s at bits i << (s + 3)
 * of the register).  Sources are copied before the destination is
 * written, so overlapping registers behave as the Arm ARM pseudo-code
 * says (all reads first).  Each helper is compiled once per element
 * size (and Q) with its element loop unrolled, which is what makes a
 * helper call cost about as much as the inline TCG it replaces.
 *
 * Floating point follows the "standard FPSCR value" of Advanced SIMD:
 * env->standard_fp_status (round to nearest, flush-to-zero, default
 * NaN); its exception flags show up in FPSCR.  Saturation sets
 * FPSCR.QC (set_qc).  The estimates (vrecpe, vrsqrte) follow the Arm
 * ARM's RecipEstimate()/RecipSqrtEstimate() exactly.
 */
#include <string.h>

#include "internals.h"
#include "simd-elem.h"
#include "tcg/helper-info.h"
#include "a32-neon-ops.h"

#define P   TCG_CALL_PTR
#define I32 TCG_CALL_I32

/* ----------------------------------------------------------- elements */

/*
 * The helpers work on local copies held as 64-bit words: the registers
 * in env are written by generated code as 64-bit stores, and a wider
 * or narrower access pattern than that would defeat the host's store
 * forwarding.  Element i of size sz of a word array:
 */
static inline uint64_t nm_get(const uint64_t *w, int i, int sz)
{
    int bit = i << (sz + 3);

    if (sz == 3) {
        return w[i];
    }
    return (w[bit >> 6] >> (bit & 63)) & emask(sz);
}

static inline void nm_put(uint64_t *w, int i, int sz, uint64_t x)
{
    int bit = i << (sz + 3);
    uint64_t m;

    if (sz == 3) {
        w[i] = x;
        return;
    }
    m = emask(sz) << (bit & 63);
    w[bit >> 6] = (w[bit >> 6] & ~m) | ((x << (bit & 63)) & m);
}

/* n words from and to a register in env (8-byte aligned). */
static inline void nm_ld(uint64_t *w, const void *p, int n)
{
    const uint64_t *q = p;
    int i;

    for (i = 0; i < n; i++) {
        w[i] = q[i];
    }
}

static inline void nm_st(void *p, const uint64_t *w, int n)
{
    uint64_t *q = p;
    int i;

    for (i = 0; i < n; i++) {
        q[i] = w[i];
    }
}

#define D_OP(desc)    ((desc) & 0xff)
#define D_SIZE(desc)  (((desc) >> 8) & 3)
#define D_Q(desc)     (((desc) >> 10) & 1)
#define D_IMM(desc)   (((desc) >> 16) & 0xffff)

/*
 * Run body(..., SZ, QQ) with the element size and the Q bit constants,
 * so that the element accessors and the loop bounds fold: one
 * specialised copy per element size and register width.
 */
#define NM_BY_SIZE_Q(desc, CALL)                                         \
    do {                                                                 \
        switch (D_SIZE(desc) * 2 + D_Q(desc)) {                          \
        case 0: { const int SZ = 0, QQ = 0; CALL; break; }               \
        case 1: { const int SZ = 0, QQ = 1; CALL; break; }               \
        case 2: { const int SZ = 1, QQ = 0; CALL; break; }               \
        case 3: { const int SZ = 1, QQ = 1; CALL; break; }               \
        case 4: { const int SZ = 2, QQ = 0; CALL; break; }               \
        case 5: { const int SZ = 2, QQ = 1; CALL; break; }               \
        case 6: { const int SZ = 3, QQ = 0; CALL; break; }               \
        default: { const int SZ = 3, QQ = 1; CALL; break; }              \
        }                                                                \
    } while (0)

/* The same for the classes whose elements are at most 32 bits wide. */
#define NM_BY_SIZE012(desc, CALL)                                        \
    do {                                                                 \
        switch (D_SIZE(desc)) {                                          \
        case 0: { const int SZ = 0; CALL; break; }                       \
        case 1: { const int SZ = 1; CALL; break; }                       \
        default: { const int SZ = 2; CALL; break; }                      \
        }                                                                \
    } while (0)

#define NM_INLINE static inline __attribute__((always_inline))
/* Loops over the elements are unrolled so the lanes become registers. */
#define NM_UNROLL _Pragma("GCC unroll 32")

/* ------------------------------------------------------ shifts by imm */

/*
 * x shifted right by sh (1..64, the element already sign/zero extended
 * to 64 bits as the signedness says), rounded when round is set: the
 * Arm ARM adds 1 << (sh - 1) in unbounded precision.
 */
static inline __int128 nm_shr(__int128 x, int sh, bool round)
{
    if (round) {
        x += (__int128)1 << (sh - 1);
    }
    return x >> sh;
}

static inline __int128 nm_ext(uint64_t x, int sz, bool is_signed)
{
    return is_signed ? (__int128)sx(x, sz) : (__int128)(x & emask(sz));
}

NM_INLINE void nm_shift_sz(CPUARMState *env, void *vd, void *vm,
                            uint32_t desc, int sz, int q)
{
    int op = D_OP(desc), sh = D_IMM(desc);
    int i, n = (q ? 16 : 8) >> sz;
    uint64_t m = emask(sz), src[2], d[2];

    nm_ld(src, vm, 1 + q);
    nm_ld(d, vd, 1 + q);
    NM_UNROLL
    for (i = 0; i < n; i++) {
        uint64_t x = nm_get(src, i, sz), r, old = nm_get(d, i, sz);
        switch (op) {
        case NM_SHR_S: case NM_SHR_U: case NM_RSHR_S: case NM_RSHR_U:
        case NM_SRA_S: case NM_SRA_U: case NM_RSRA_S: case NM_RSRA_U: {
            bool s = op == NM_SHR_S || op == NM_RSHR_S || op == NM_SRA_S ||
                     op == NM_RSRA_S;
            bool rnd = op == NM_RSHR_S || op == NM_RSHR_U ||
                       op == NM_RSRA_S || op == NM_RSRA_U;
            r = (uint64_t)nm_shr(nm_ext(x, sz, s), sh, rnd);
            if (op >= NM_SRA_S) {
                r += old;
            }
            break;
        }
        case NM_SRI: {
            uint64_t mask = sh == 64 ? 0 : m >> sh;
            r = sh == 64 ? old : (old & ~mask) | ((x >> sh) & mask);
            break;
        }
        case NM_SHL:
            r = x << sh;
            break;
        case NM_SLI: {
            uint64_t mask = (m << sh) & m;
            r = (old & ~mask) | ((x << sh) & mask);
            break;
        }
        case NM_QSHL_S:
            r = sat_s(env, (__int128)sx(x, sz) * ((__int128)1 << sh), sz);
            break;
        case NM_QSHL_U:
            r = sat_u(env, (__int128)(x & m) << sh, sz);
            break;
        case NM_QSHLU:
            r = sat_u(env, (__int128)sx(x, sz) * ((__int128)1 << sh), sz);
            break;
        default:
            r = x;
            break;
        }
        nm_put(d, i, sz, r & m);
    }
    nm_st(vd, d, 1 + q);
}

static void helper_nm_shift(CPUARMState *env, void *vd, void *vm,
                            uint32_t desc)
{
    NM_BY_SIZE_Q(desc, nm_shift_sz(env, vd, vm, desc, SZ, QQ));
}
DEF_HELPER_INFO(nm_shift, TCG_CALL_NO_RWG, TCG_CALL_VOID, 4, P, P, P, I32);

/*
 * Narrowing: the source is a Q register of 2N-bit elements, the result
 * a D register of N-bit elements (size = log2 of N bytes).  The plain
 * moves (vqmovn, vqmovun) are the shifts by 0.  With 16- or 32-bit
 * source lanes an int64_t holds every step.
 */
NM_INLINE uint64_t nm_narrow_small(CPUARMState *env, const uint64_t *src,
                                   int sz, bool s, int sat, int64_t round,
                                   int sh)
{
    int bits = 8 << sz, i;
    int64_t hs = (1ll << (bits - 1)) - 1, ls = -hs - 1;
    int64_t hu = (1ll << bits) - 1;
    uint64_t res = 0;
    bool q = false;

    NM_UNROLL
    for (i = 0; i < (8 >> sz); i++) {
        uint64_t x = nm_get(src, i, sz + 1);
        int64_t v = s ? sx(x, sz + 1) : (int64_t)x;

        v = (v + round) >> sh;
        if (sat == 1 && (v > hs || v < ls)) {
            v = v > hs ? hs : ls;
            q = true;
        } else if (sat == 2 && (v > hu || v < 0)) {
            v = v > hu ? hu : 0;
            q = true;
        }
        res |= ((uint64_t)v & emask(sz)) << (i * bits);
    }
    if (q) {
        set_qc(env);
    }
    return res;
}

NM_INLINE void nm_narrow_sz(CPUARMState *env, void *vd, void *vm,
                            uint32_t desc, int sz)
{
    int op = D_OP(desc), sh = D_IMM(desc), i;
    bool s = op == NM_QSHRN_S || op == NM_QRSHRN_S || op == NM_QSHRUN ||
             op == NM_QRSHRUN;
    bool rnd = sh && (op == NM_RSHRN || op == NM_QRSHRN_S ||
                      op == NM_QRSHRN_U || op == NM_QRSHRUN);
    int sat = (op == NM_QSHRN_S || op == NM_QRSHRN_S) ? 1 :
              (op == NM_SHRN || op == NM_RSHRN) ? 0 : 2;
    uint64_t src[2], res[1] = { 0 };

    nm_ld(src, vm, 2);
    if (sz < 2) {
        int64_t round = rnd ? 1ll << (sh - 1) : 0;

        /* one copy per saturation kind and signedness */
        switch (sat * 2 + s) {
        case 0: res[0] = nm_narrow_small(env, src, sz, 0, 0, round, sh); break;
        case 3: res[0] = nm_narrow_small(env, src, sz, 1, 1, round, sh); break;
        case 4: res[0] = nm_narrow_small(env, src, sz, 0, 2, round, sh); break;
        default:
            res[0] = nm_narrow_small(env, src, sz, 1, 2, round, sh);
            break;
        }
    } else {
        NM_UNROLL
        for (i = 0; i < 2; i++) {
            __int128 v = nm_ext(src[i], 3, s);

            if (sh) {
                v = nm_shr(v, sh, rnd);
            }
            nm_put(res, i, 2, sat == 1 ? sat_s(env, v, 2) :
                              sat == 2 ? sat_u(env, v, 2) : (uint32_t)v);
        }
    }
    nm_st(vd, res, 1);
}

static void helper_nm_narrow(CPUARMState *env, void *vd, void *vm,
                             uint32_t desc)
{
    NM_BY_SIZE012(desc, nm_narrow_sz(env, vd, vm, desc, SZ));
}
DEF_HELPER_INFO(nm_narrow, TCG_CALL_NO_RWG, TCG_CALL_VOID, 4, P, P, P, I32);

/* --------------------------------------------------------- estimates */

/* RecipEstimate(): a in [256, 512) -> an estimate in [256, 512). */
static uint32_t nm_recip_estimate(uint32_t a)
{
    uint32_t b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

/*
 * RecipSqrtEstimate(): a in [128, 512) -> an estimate in [256, 512).
 * The Arm ARM's search loop runs once per input at start-up.
 */
static uint16_t nm_rsqrt_table[512];

static void __attribute__((constructor)) nm_rsqrt_init(void)
{
    uint32_t i;

    for (i = 128; i < 512; i++) {
        uint64_t a = i, b = 512;

        if (a < 256) {
            a = a * 2 + 1;
        } else {
            a = ((a >> 1) << 1);
            a = (a + 1) * 2;
        }
        while (a * (b + 1) * (b + 1) < (1ull << 28)) {
            b++;
        }
        nm_rsqrt_table[i] = (b + 1) / 2;
    }
}

static uint32_t nm_rsqrt_estimate(uint32_t a)
{
    return nm_rsqrt_table[a & 511];
}

static uint32_t nm_urecpe(uint32_t x)
{
    if (!(x >> 31)) {
        return 0xffffffffu;
    }
    return (nm_recip_estimate(x >> 23) & 0x1ff) << 23;
}

static uint32_t nm_ursqrte(uint32_t x)
{
    if (!(x >> 30)) {
        return 0xffffffffu;
    }
    return (nm_rsqrt_estimate(x >> 23) & 0x1ff) << 23;
}

#define NM_DEFAULT_NAN 0x7fc00000u

/*
 * FPRecipEstimate / FPRSqrtEstimate on a single, under the standard
 * FPSCR (FZ = 1, DN = 1, round to nearest): denormal inputs are
 * flushed, so the "tiny input" overflow case cannot happen.
 */
static uint32_t nm_frecpe(FloatStatus *s, uint32_t x, bool rsqrt)
{
    uint32_t sign = x >> 31, exp = (x >> 23) & 0xff, frac = x & 0x7fffff;
    uint64_t f52;
    int rexp;
    uint32_t est;

    if (exp == 0xff && frac) {
        if (!(frac >> 22)) {
            float_raise(s, float_flag_invalid);
        }
        return NM_DEFAULT_NAN;
    }
    if (exp == 0 && frac) {
        float_raise(s, float_flag_input_flushed);
        frac = 0;
    }
    if (exp == 0) {
        float_raise(s, float_flag_divbyzero);
        return (sign << 31) | 0x7f800000u;
    }
    if (rsqrt && sign) {
        float_raise(s, float_flag_invalid);
        return NM_DEFAULT_NAN;
    }
    if (exp == 0xff) {
        return sign << 31;
    }
    f52 = (uint64_t)frac << 29;
    if (!rsqrt) {
        if (exp >= 253) {                     /* >= 2^126: underflows */
            float_raise(s, float_flag_underflow);
            return sign << 31;
        }
        est = nm_recip_estimate(256 | (uint32_t)(f52 >> 44));
        rexp = 253 - (int)exp;
        f52 = (uint64_t)(est & 0xff) << 44;
        if (rexp == 0) {
            f52 = (1ull << 51) | (f52 >> 1);
        } else if (rexp == -1) {
            f52 = (1ull << 50) | (f52 >> 2);
            rexp = 0;
        }
        return (sign << 31) | ((uint32_t)rexp << 23) | (uint32_t)(f52 >> 29);
    }
    if (!(exp & 1)) {
        est = nm_rsqrt_estimate(256 | (uint32_t)(f52 >> 44));
    } else {
        est = nm_rsqrt_estimate(128 | (uint32_t)(f52 >> 45));
    }
    rexp = (380 - (int)exp) / 2;
    return ((uint32_t)rexp << 23) | ((est & 0xff) << 15);
}

/* ------------------------------------------------------------ misc ops */

static int nm_clz(uint64_t x, int bits)
{
    return x ? __builtin_clzll(x) - (64 - bits) : bits;
}

/* FPCompare{GT,GE,EQ} of a and b: invalid on any NaN unless quiet. */
static bool nm_fcmp(FloatStatus *s, uint32_t a, uint32_t b, int kind)
{
    FloatRelation rel = kind == 2 ? float32_compare_quiet(a, b, s)
                                  : float32_compare(a, b, s);

    switch (kind) {
    case 0: return rel == float_relation_greater;
    case 1: return rel == float_relation_greater ||
                   rel == float_relation_equal;
    default: return rel == float_relation_equal;
    }
}

/*
 * vcvt between 32-bit fixed point (fbits fraction bits) and single on
 * the host FPU (round to nearest, as the standard FPSCR says): a 32-bit
 * integer and its scaling by 2^-fbits are exact in a double, so one
 * conversion to float rounds once; results are never tiny.  The other
 * way, normal inputs in range truncate exactly on the host; zeros,
 * denormals (flushed), NaNs and out-of-range values take softfloat.
 */
static uint32_t nm_i2f(FloatStatus *fs, double d, int fbits)
{
    union { float f; uint32_t u; } r;

    d *= 1.0 / (double)(1ull << fbits);
    r.f = (float)d;
    if ((double)r.f != d) {
        float_raise(fs, float_flag_inexact);
    }
    return r.u;
}

static uint32_t nm_f2i(FloatStatus *fs, uint32_t x, int fbits, bool u)
{
    union { uint32_t u; float f; } a = { .u = x };
    uint32_t exp = (x >> 23) & 0xff;
    double d = (double)a.f * (double)(1ull << fbits);

    if (exp != 0 && exp != 0xff &&
        (u ? d > -1.0 && d < 4294967296.0
           : d > -2147483649.0 && d < 2147483648.0)) {
        int64_t r = (int64_t)d;               /* truncates */
        if ((double)r != d) {
            float_raise(fs, float_flag_inexact);
        }
        return (uint32_t)r;
    }
    if (u) {
        return float32_to_uint32_scalbn(x, float_round_to_zero, fbits, fs);
    }
    return (uint32_t)float32_to_int32_scalbn(x, float_round_to_zero, fbits,
                                             fs);
}

static uint64_t nm_misc1(CPUARMState *env, int op, int sz, uint64_t x,
                         int imm)
{
    FloatStatus *fs = &env->standard_fp_status;
    int bits = 8 << sz;
    uint64_t m = emask(sz);
    int64_t v = sx(x, sz);
    static const int8_t rmode[4] = {
        float_round_ties_away, float_round_nearest_even, float_round_up,
        float_round_down,
    };

    switch (op) {
    case NM_CLS:
        return nm_clz((x ^ (x >> 1)) & (m >> 1), bits - 1);
    case NM_CLZ:
        return nm_clz(x & m, bits);
    case NM_CNT:
        return __builtin_popcountll(x & m);
    case NM_MVN:
        return ~x & m;
    case NM_QABS:
        return sat_s(env, v < 0 ? -(__int128)v : v, sz);
    case NM_QNEG:
        return sat_s(env, -(__int128)v, sz);
    case NM_CGT0: return v > 0 ? m : 0;
    case NM_CGE0: return v >= 0 ? m : 0;
    case NM_CEQ0: return v == 0 ? m : 0;
    case NM_CLE0: return v <= 0 ? m : 0;
    case NM_CLT0: return v < 0 ? m : 0;
    case NM_ABS: return (v < 0 ? -(uint64_t)v : (uint64_t)v) & m;
    case NM_NEG: return -(uint64_t)v & m;
    case NM_FCGT0: return nm_fcmp(fs, x, 0, 0) ? m : 0;
    case NM_FCGE0: return nm_fcmp(fs, x, 0, 1) ? m : 0;
    case NM_FCEQ0: return nm_fcmp(fs, x, 0, 2) ? m : 0;
    case NM_FCLE0: return nm_fcmp(fs, 0, x, 1) ? m : 0;
    case NM_FCLT0: return nm_fcmp(fs, 0, x, 0) ? m : 0;
    case NM_FABS: return x & 0x7fffffffu;
    case NM_FNEG: return (x ^ 0x80000000u) & m;
    case NM_URECPE: return nm_urecpe(x);
    case NM_URSQRTE: return nm_ursqrte(x);
    case NM_FRECPE: return nm_frecpe(fs, x, false);
    case NM_FRSQRTE: return nm_frecpe(fs, x, true);
    case NM_SCVTF:
        return nm_i2f(fs, (double)(int32_t)x, imm);
    case NM_UCVTF:
        return nm_i2f(fs, (double)(uint32_t)x, imm);
    case NM_FTOSI:
        return nm_f2i(fs, x, imm, false);
    case NM_FTOUI:
        return nm_f2i(fs, x, imm, true);
    case NM_FCVT_S + 0: case NM_FCVT_S + 1:
    case NM_FCVT_S + 2: case NM_FCVT_S + 3:
        return (uint32_t)float32_to_int32_scalbn(x, rmode[op - NM_FCVT_S],
                                                 0, fs);
    case NM_FCVT_U + 0: case NM_FCVT_U + 1:
    case NM_FCVT_U + 2: case NM_FCVT_U + 3:
        return float32_to_uint32_scalbn(x, rmode[op - NM_FCVT_U], 0, fs);
    case NM_RINTN:
        return float32_round_to_int_mode(x, float_round_nearest_even, false,
                                         fs);
    case NM_RINTX:
        return float32_round_to_int_mode(x, float_round_nearest_even, true,
                                         fs);
    case NM_RINTA:
        return float32_round_to_int_mode(x, float_round_ties_away, false, fs);
    case NM_RINTZ:
        return float32_round_to_int_mode(x, float_round_to_zero, false, fs);
    case NM_RINTM:
        return float32_round_to_int_mode(x, float_round_down, false, fs);
    case NM_RINTP:
        return float32_round_to_int_mode(x, float_round_up, false, fs);
    default:
        return x;
    }
}

NM_INLINE void nm_misc_sz(CPUARMState *env, void *vd, void *vm,
                           uint32_t desc, int sz, int q)
{
    int op = D_OP(desc), imm = D_IMM(desc);
    int nw = 1 + q, n = (8 * nw) >> sz, i;
    uint64_t src[2], res[2] = { 0, 0 }, acc[2];

    nm_ld(src, vm, nw);
    switch (op) {
    case NM_PADDL_S: case NM_PADDL_U: case NM_PADAL_S: case NM_PADAL_U: {
        bool s = op == NM_PADDL_S || op == NM_PADAL_S;
        bool a2 = op == NM_PADAL_S || op == NM_PADAL_U;
        nm_ld(acc, vd, nw);
        NM_UNROLL
        for (i = 0; i < n / 2; i++) {
            uint64_t a = nm_get(src, 2 * i, sz), b = nm_get(src, 2 * i + 1, sz);
            uint64_t r = s ? (uint64_t)(sx(a, sz) + sx(b, sz)) : a + b;
            if (a2) {
                r += nm_get(acc, i, sz + 1);
            }
            nm_put(res, i, sz + 1, r & emask(sz + 1));
        }
        break;
    }
    default:
        NM_UNROLL
        for (i = 0; i < n; i++) {
            nm_put(res, i, sz, nm_misc1(env, op, sz, nm_get(src, i, sz), imm));
        }
        break;
    }
    nm_st(vd, res, nw);
}

static void helper_nm_misc(CPUARMState *env, void *vd, void *vm,
                           uint32_t desc)
{
    NM_BY_SIZE_Q(desc, nm_misc_sz(env, vd, vm, desc, SZ > 2 ? 2 : SZ, QQ));
}
DEF_HELPER_INFO(nm_misc, TCG_CALL_NO_RWG, TCG_CALL_VOID, 4, P, P, P, I32);

/*
 * vcvt.f16.f32 (op 0: Q -> D) and vcvt.f32.f16 (op 1: D -> Q).  The
 * Arm ARM converts with FPUnpackCV/FPRoundCV, which ignore FZ16: the
 * standard FPSCR's FZ flushes single inputs, never half inputs or
 * half results.
 */
static void helper_nm_fcvt_h(CPUARMState *env, void *vd, void *vm,
                             uint32_t desc)
{
    FloatStatus st = env->standard_fp_status, *fs = &st;
    bool ieee = !((env->fpcr >> 26) & 1);         /* FPSCR.AHP */
    uint64_t src[2], res[2] = { 0, 0 };
    int i;

    st.flush_inputs_to_zero = !D_OP(desc);
    st.flush_to_zero = false;
    st.flags = 0;

    nm_ld(src, vm, D_OP(desc) ? 1 : 2);
    NM_UNROLL
    for (i = 0; i < 4; i++) {
        if (D_OP(desc)) {
            nm_put(res, i, 2, float16_to_float32(nm_get(src, i, 1), ieee, fs));
        } else {
            nm_put(res, i, 1, float32_to_float16(nm_get(src, i, 2), ieee, fs));
        }
    }
    nm_st(vd, res, D_OP(desc) ? 2 : 1);
    env->standard_fp_status.flags |= st.flags;
}
DEF_HELPER_INFO(nm_fcvt_h, TCG_CALL_NO_RWG, TCG_CALL_VOID, 4, P, P, P, I32);

/* ------------------------------------------------------------ permutes */

NM_INLINE void nm_perm_sz(CPUARMState *env, void *vd, void *vm,
                           uint32_t desc, int sz, int q)
{
    int op = D_OP(desc), nw = 1 + q;
    int n = (8 * nw) >> sz, i;
    uint64_t a[4], r[4] = { 0 };     /* a = d then m, r = new d then m */

    (void)env;
    nm_ld(a, vd, nw);
    nm_ld(a + nw, vm, nw);
    switch (op) {
    case NM_SWP:
        NM_UNROLL
        for (i = 0; i < nw; i++) {
            r[i] = a[nw + i];
            r[nw + i] = a[i];
        }
        break;
    case NM_TRN:
        memcpy(r, a, sizeof(r));
        NM_UNROLL
        for (i = 0; i < n; i += 2) {
            nm_put(r, i + 1, sz, nm_get(a, n + i, sz));       /* d[i+1] */
            nm_put(r, n + i, sz, nm_get(a, i + 1, sz));       /* m[i] */
        }
        break;
    case NM_UZP:
        NM_UNROLL
        for (i = 0; i < n; i++) {
            nm_put(r, i, sz, nm_get(a, 2 * i, sz));
            nm_put(r, n + i, sz, nm_get(a, 2 * i + 1, sz));
        }
        break;
    default:                                                  /* NM_ZIP */
        NM_UNROLL
        for (i = 0; i < n; i++) {
            nm_put(r, 2 * i, sz, nm_get(a, i, sz));
            nm_put(r, 2 * i + 1, sz, nm_get(a, n + i, sz));
        }
        break;
    }
    nm_st(vd, r, nw);
    nm_st(vm, r + nw, nw);
}

static void helper_nm_perm(CPUARMState *env, void *vd, void *vm,
                           uint32_t desc)
{
    NM_BY_SIZE_Q(desc, nm_perm_sz(env, vd, vm, desc, SZ > 2 ? 2 : SZ, QQ));
}
DEF_HELPER_INFO(nm_perm, TCG_CALL_NO_RWG, TCG_CALL_VOID, 4, P, P, P, I32);

/* vext: bytes imm.. of (Vm:Vn), Vn the low part. */
static void helper_nm_ext(CPUARMState *env, void *vd, void *vn, void *vm,
                          uint32_t desc)
{
    int nw = 1 + D_Q(desc), imm = D_IMM(desc), sh = 8 * (imm & 7), i;
    uint64_t a[5], r[2];

    (void)env;
    nm_ld(a, vn, nw);
    nm_ld(a + nw, vm, nw);
    a[2 * nw] = 0;
    NM_UNROLL
    for (i = 0; i < nw; i++) {
        uint64_t lo = a[i + (imm >> 3)], hi = a[i + (imm >> 3) + 1];
        r[i] = sh ? (lo >> sh) | (hi << (64 - sh)) : lo;
    }
    nm_st(vd, r, nw);
}
DEF_HELPER_INFO(nm_ext, TCG_CALL_NO_RWG, TCG_CALL_VOID, 5, P, P, P, P, I32);

/*
 * vtbl/vtbx: vn points at the first of imm + 1 table registers (they
 * are consecutive in env); op 1 (vtbx) keeps out-of-range bytes.
 */
static void helper_nm_tbl(CPUARMState *env, void *vd, void *vn, void *vm,
                          uint32_t desc)
{
    int nt = D_IMM(desc) + 1, len = 8 * nt, i;
    uint64_t tab[4], idx, old, r = 0;

    (void)env;
    nm_ld(tab, vn, nt);
    nm_ld(&idx, vm, 1);
    nm_ld(&old, vd, 1);
    NM_UNROLL
    for (i = 0; i < 8; i++) {
        unsigned j = (idx >> (8 * i)) & 0xff;
        uint64_t b;

        if (j < (unsigned)len) {
            b = (tab[j >> 3] >> (8 * (j & 7))) & 0xff;
        } else {
            b = D_OP(desc) ? (old >> (8 * i)) & 0xff : 0;
        }
        r |= b << (8 * i);
    }
    nm_st(vd, &r, 1);
}
DEF_HELPER_INFO(nm_tbl, TCG_CALL_NO_RWG, TCG_CALL_VOID, 5, P, P, P, P, I32);
