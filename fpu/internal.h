/*
 * internal.h: the format-independent core of the soft-float library.
 *
 * Every format is unpacked into FloatParts, operated on with wide
 * integer arithmetic, then rounded and packed back.  One code path per
 * operation serves binary16 up to binary128; a FloatFmt says how wide the
 * fields are.
 */
#ifndef FPU_INTERNAL_H
#define FPU_INTERNAL_H

#include <stddef.h>
#include "fpu/softfloat.h"

typedef unsigned __int128 u128;

typedef enum {
    FC_ZERO,
    FC_NORMAL,   /* includes denormal inputs, normalised */
    FC_INF,
    FC_QNAN,
    FC_SNAN,
} FloatClass;

/*
 * Normal numbers: frac has its msb at bit 127 and the value is
 * frac * 2^(exp - 127).  NaNs: the stored fraction is left-aligned so its
 * top bit (the quiet bit) is at bit 126; exp is unused.
 */
typedef struct {
    FloatClass cls;
    bool sign;
    bool denormal;   /* was a denormal (or pseudo-denormal) encoding */
    bool bad;        /* x87 unsupported encoding: any NaN result is default */
    int32_t exp;
    u128 frac;
} FloatParts;

typedef struct {
    uint8_t exp_bits;
    uint8_t frac_bits;   /* stored fraction bits, without an explicit int bit */
    bool explicit_int;   /* floatx80 */
    bool ahp;            /* ARM alternative half precision */
} FloatFmt;

/* Static so that inlined unpacking folds the field widths. */
static const FloatFmt float16_fmt = { .exp_bits = 5, .frac_bits = 10 };
static const FloatFmt float16_ahp_fmt = { .exp_bits = 5, .frac_bits = 10,
                                          .ahp = true };
static const FloatFmt bfloat16_fmt = { .exp_bits = 8, .frac_bits = 7 };
static const FloatFmt float32_fmt = { .exp_bits = 8, .frac_bits = 23 };
static const FloatFmt float64_fmt = { .exp_bits = 11, .frac_bits = 52 };
static const FloatFmt floatx80_fmt = { .exp_bits = 15, .frac_bits = 63,
                                       .explicit_int = true };
static const FloatFmt float128_fmt = { .exp_bits = 15, .frac_bits = 112 };

#define QUIET_BIT ((u128)1 << 126)
#define TOP_BIT ((u128)1 << 127)

static inline int fmt_bias(const FloatFmt *f)
{
    return (1 << (f->exp_bits - 1)) - 1;
}

static inline int fmt_prec(const FloatFmt *f)
{
    return f->frac_bits + 1;
}

static inline bool is_nan(const FloatParts *p)
{
    return p->cls == FC_QNAN || p->cls == FC_SNAN;
}

static inline int clz128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);

    if (hi) {
        return __builtin_clzll(hi);
    }
    if ((uint64_t)x) {
        return 64 + __builtin_clzll((uint64_t)x);
    }
    return 128;
}

/* Right shift that ORs every bit shifted out into bit 0. */
static inline u128 shr_sticky(u128 x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return (x >> n) | ((x & ((((u128)1) << n) - 1)) != 0);
}

/* Unpack a raw encoding; inline so each format gets constant shifts. */

static inline __attribute__((always_inline))
FloatParts fpu_parts_unpack(const FloatFmt *f, u128 raw, const FloatStatus *s)
{
    int fb = f->frac_bits;
    int sig_bits = fb + f->explicit_int;
    unsigned emask = (1u << f->exp_bits) - 1;
    unsigned e = (unsigned)(raw >> sig_bits) & emask;
    u128 frac = raw & ((((u128)1) << fb) - 1);
    u128 sig = raw & ((((u128)1) << sig_bits) - 1);
    FloatParts p = { .sign = (raw >> (sig_bits + f->exp_bits)) & 1 };

    if (e == emask && !f->ahp) {
        if (frac == 0) {
            p.cls = FC_INF;
            return p;
        }
        p.frac = frac << (127 - fb);
        bool quiet = (p.frac & QUIET_BIT) != 0;
        p.cls = quiet != s->nan.snan_bit_is_one ? FC_QNAN : FC_SNAN;
        return p;
    }
    if (e == 0) {
        if (sig == 0) {
            p.cls = FC_ZERO;
            return p;
        }
        /* denormal, or an x87 pseudo-denormal with the integer bit set */
        int n;
        p.cls = FC_NORMAL;
        p.denormal = true;
        p.frac = sig << (127 - fb);
        n = clz128(p.frac);
        p.frac <<= n;
        p.exp = 1 - fmt_bias(f) - n;
        return p;
    }
    p.cls = FC_NORMAL;
    p.frac = (frac | (((u128)1) << fb)) << (127 - fb);
    p.exp = (int)e - fmt_bias(f);
    return p;
}

/* parts.c: pack/unpack, rounding, NaNs. */
u128 fpu_parts_pack(const FloatFmt *f, FloatParts *p, int prec, FloatStatus *s);
u128 fpu_pack_float16(FloatParts *p, int prec, FloatStatus *s);
u128 fpu_pack_bfloat16(FloatParts *p, int prec, FloatStatus *s);
u128 fpu_pack_float32(FloatParts *p, int prec, FloatStatus *s);
u128 fpu_pack_float64(FloatParts *p, int prec, FloatStatus *s);
u128 fpu_pack_floatx80(FloatParts *p, int prec, FloatStatus *s);
u128 fpu_pack_float128(FloatParts *p, int prec, FloatStatus *s);
u128 fpu_round_pack(const FloatFmt *f, bool sign, int32_t exp, u128 frac,
                    int prec, FloatStatus *s);
void fpu_parts_normalize(FloatParts *p);
FloatParts fpu_parts_default_nan(const FloatStatus *s);
FloatParts fpu_parts_silence_nan(FloatParts p, const FloatStatus *s);
FloatParts fpu_parts_pick_nan2(FloatParts *a, FloatParts *b, FloatStatus *s);
FloatParts fpu_parts_pick_nan3(FloatParts *a, FloatParts *b, FloatParts *c,
                               bool infzero, FloatStatus *s);
FloatParts fpu_parts_return_nan(FloatParts a, FloatStatus *s);
bool fpu_parts_input_check_slow(FloatParts *a, FloatParts *b,
                                FloatParts *c, FloatStatus *s);

/* Denormal operands are rare: test for them inline. */
static inline bool fpu_parts_input_check(FloatParts *a, FloatParts *b,
                                         FloatParts *c, FloatStatus *s)
{
    if (!(a && a->denormal) && !(b && b->denormal) && !(c && c->denormal)) {
        return false;
    }
    return fpu_parts_input_check_slow(a, b, c, s);
}

/*
 * Bracket an operation so the x86 denormal-operand flag can be dropped
 * when the operation raised invalid or divide-by-zero instead.
 */
static inline uint8_t fpu_parts_op_begin(FloatStatus *s)
{
    uint8_t saved = s->flags;

    s->flags = 0;
    return saved;
}

static inline void fpu_parts_op_end(FloatStatus *s, uint8_t saved, bool den)
{
    if (den && !(s->flags & (float_flag_invalid | float_flag_divbyzero))) {
        s->flags |= float_flag_input_denormal;
    }
    s->flags |= saved;
}

/*
 * arith.c: arithmetic on unpacked values.  Results of class FC_NORMAL are
 * not yet rounded: frac may be unnormalised and carries a sticky bit 0.
 */
FloatParts fpu_parts_addsub(FloatParts a, FloatParts b, bool sub,
                            FloatStatus *s);
FloatParts fpu_parts_mul(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts fpu_parts_div(FloatParts a, FloatParts b, int prec, FloatStatus *s);
FloatParts fpu_parts_sqrt(FloatParts a, int prec, FloatStatus *s);
FloatParts fpu_parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags,
                            FloatStatus *s);
FloatParts fpu_parts_rem(FloatParts a, FloatParts b, bool ieee, int max_steps,
                         uint64_t *quot, bool *complete, FloatStatus *s);
FloatParts fpu_parts_round_to_int(FloatParts a, int mode, bool exact,
                                  FloatStatus *s);
FloatParts fpu_parts_scalbn(FloatParts a, int n, FloatStatus *s);
FloatRelation fpu_parts_compare(FloatParts a, FloatParts b, bool quiet,
                                FloatStatus *s);

enum {
    MINMAX_MIN = 0,
    MINMAX_MAX = 1,
    MINMAX_NUM = 2,       /* 754-2008 minNum/maxNum: a QNaN loses */
    MINMAX_NUMBER = 4,    /* 754-2019 minimumNumber: any NaN loses */
    MINMAX_X86 = 8,       /* SSE: b if either is NaN or both are zero */
};
/* Returns the chosen operand index (0 = a, 1 = b) or -1 with *r set. */
int fpu_parts_minmax(FloatParts a, FloatParts b, int kind, FloatParts *r,
                     FloatStatus *s);

/* convert.c: integers. */
int64_t fpu_parts_to_sint(FloatParts p, int mode, int scale, int64_t min,
                          int64_t max, FloatStatus *s);
uint64_t fpu_parts_to_uint(FloatParts p, int mode, int scale, uint64_t max,
                           FloatStatus *s);
FloatParts fpu_parts_from_sint(int64_t v, int scale);
FloatParts fpu_parts_from_uint(uint64_t v, int scale);
int fpu_parts_classify(const FloatFmt *f, u128 raw, const FloatStatus *s);
u128 fpu_parts_convert(const FloatFmt *f, FloatParts p, FloatStatus *s);
float16 fpu_parts_to_float16(FloatParts p, bool ieee, FloatStatus *s);

/* ---- raw bit access per format --------------------------------------- */

static inline u128 float16_raw(float16 a)
{
    return a;
}

static inline float16 float16_from_raw(u128 r)
{
    return (float16)r;
}

static inline u128 bfloat16_raw(bfloat16 a)
{
    return a;
}

static inline bfloat16 bfloat16_from_raw(u128 r)
{
    return (bfloat16)r;
}

static inline u128 float32_raw(float32 a)
{
    return a;
}

static inline float32 float32_from_raw(u128 r)
{
    return (float32)r;
}

static inline u128 float64_raw(float64 a)
{
    return a;
}

static inline float64 float64_from_raw(u128 r)
{
    return (float64)r;
}

static inline u128 floatx80_raw(floatx80 a)
{
    return ((u128)a.high << 64) | a.low;
}

static inline floatx80 floatx80_from_raw(u128 r)
{
    floatx80 a = { .low = (uint64_t)r, .high = (uint16_t)(r >> 64) };
    return a;
}

static inline u128 float128_raw(float128 a)
{
    return ((u128)a.high << 64) | a.low;
}

static inline float128 float128_from_raw(u128 r)
{
    float128 a = { .low = (uint64_t)r, .high = (uint64_t)(r >> 64) };
    return a;
}

/* The soft versions of the operations hostfast.c may do on the host. */
#define FPU_DECLARE_SOFT(T)                                            \
    T T##_add_soft(T a, T b, FloatStatus *s);                          \
    T T##_sub_soft(T a, T b, FloatStatus *s);                          \
    T T##_mul_soft(T a, T b, FloatStatus *s);                          \
    T T##_div_soft(T a, T b, FloatStatus *s);                          \
    T T##_sqrt_soft(T a, FloatStatus *s);                              \
    T T##_muladd_soft(T a, T b, T c, int flags, FloatStatus *s);

FPU_DECLARE_SOFT(float32)
FPU_DECLARE_SOFT(float64)
FPU_DECLARE_SOFT(floatx80)
FPU_DECLARE_SOFT(float128)
FPU_DECLARE_SOFT(bfloat16)

#endif
