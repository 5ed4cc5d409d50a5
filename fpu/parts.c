/*
 * parts.c: unpacking, rounding and packing for every format, plus the
 * NaN rules and the per-target status presets.
 */
#include "internal.h"

/* ---- status presets ------------------------------------------------- */

static void status_common(FloatStatus *s)
{
    *s = (FloatStatus){ 0 };
    s->nan.fma_order[0] = 0;
    s->nan.fma_order[1] = 1;
    s->nan.fma_order[2] = 2;
    s->nan.default_nan_frac = 1ull << 63;
}

void float_status_init_x86_sse(FloatStatus *s)
{
    status_common(s);
    s->nan.prop = float_nan_first;
    s->nan.infzero = float_infzero_nan_c;
    s->nan.default_nan_sign = true;
    s->ftz_sets_inexact = true;
    s->int_overflow = float_int_indefinite;
}

void float_status_init_x87(FloatStatus *s)
{
    float_status_init_x86_sse(s);
    s->nan.prop = float_nan_x87;
    s->floatx80_precision = floatx80_precision_x;
}

void float_status_init_arm(FloatStatus *s)
{
    status_common(s);
    s->nan.prop = float_nan_snan_first;
    /* FPMulAdd(addend, op1, op2) looks at the addend first */
    s->nan.fma_order[0] = 2;
    s->nan.fma_order[1] = 0;
    s->nan.fma_order[2] = 1;
    s->nan.infzero = float_infzero_default_invalid;
    s->tininess_before_rounding = true;
    s->int_overflow = float_int_saturate;
}

void float_status_init_mips_legacy(FloatStatus *s)
{
    status_common(s);
    s->nan.prop = float_nan_snan_first;
    s->nan.infzero = float_infzero_default_invalid;
    s->nan.snan_bit_is_one = true;
    /* 0x7fbfffff / 0x7ff7ffffffffffff: quiet bit clear, the rest set */
    s->nan.default_nan_frac = ~0ull >> 1;
    s->int_overflow = float_int_maxint;
}

void float_status_init_mips2008(FloatStatus *s)
{
    float_status_init_arm(s);
    s->tininess_before_rounding = false;
    s->nan.infzero = float_infzero_nan_c_invalid;
}

void float_status_init_ppc(FloatStatus *s)
{
    status_common(s);
    s->nan.prop = float_nan_first;
    /* fmadd FRT = FRA*FRC + FRB: precedence FRA, FRB, FRC */
    s->nan.fma_order[0] = 0;
    s->nan.fma_order[1] = 2;
    s->nan.fma_order[2] = 1;
    s->nan.infzero = float_infzero_nan_c_invalid;
    s->tininess_before_rounding = true;
    s->int_overflow = float_int_saturate_nanmin;
}

void float_status_init_sparc(FloatStatus *s)
{
    status_common(s);
    s->nan.prop = float_nan_snan_first;
    s->nan.order_ba = true;
    s->nan.infzero = float_infzero_nan_c_invalid;
    s->nan.default_nan_frac = ~0ull;
    s->tininess_before_rounding = true;
    s->int_overflow = float_int_saturate;
}

/* ---- rounding and packing ------------------------------------------- */

static inline __attribute__((always_inline))
u128 encode(const FloatFmt *f, bool sign, unsigned biased, u128 sig)
{
    int sig_bits = f->frac_bits + f->explicit_int;

    if (!f->explicit_int) {
        sig &= (((u128)1) << f->frac_bits) - 1;
    }
    return ((u128)sign << (sig_bits + f->exp_bits))
        | ((u128)biased << sig_bits) | sig;
}

/* Whether the kept bits are incremented, given the discarded bits rem. */
static inline bool round_up(int mode, bool sign, u128 kept, u128 rem, u128 half)
{
    switch (mode) {
    case float_round_nearest_even:
        return rem > half || (rem == half && (kept & 1));
    case float_round_ties_away:
        return rem >= half;
    case float_round_up:
        return rem != 0 && !sign;
    case float_round_down:
        return rem != 0 && sign;
    default:
        return false;
    }
}

static u128 pack_overflow(const FloatFmt *f, bool sign, int prec,
                          FloatStatus *s)
{
    int mode = s->rounding_mode;
    int fprec = fmt_prec(f);
    unsigned emask = (1u << f->exp_bits) - 1;
    u128 maxsig = ((((u128)1) << prec) - 1) << (fprec - prec);
    bool to_inf;

    if (f->ahp) {
        /* AHP has no infinity: saturate, and that is an invalid operation */
        float_raise(s, float_flag_invalid);
        return encode(f, sign, emask, maxsig);
    }
    float_raise(s, float_flag_overflow | float_flag_inexact);
    to_inf = mode == float_round_nearest_even
        || mode == float_round_ties_away
        || (mode == float_round_up && !sign)
        || (mode == float_round_down && sign);
    if (to_inf) {
        return encode(f, sign, emask,
                      f->explicit_int ? ((u128)1) << 63 : 0);
    }
    return encode(f, sign, emask - 1, maxsig);
}

/*
 * Rounding and packing are inlined into one specialised copy per format
 * (fpu_pack_float32 ...), where the field widths are constants.
 */
static inline __attribute__((always_inline))
u128 round_pack(const FloatFmt *f, bool sign, int32_t exp, u128 frac,
                int prec, FloatStatus *s)
{
    int bias = fmt_bias(f);
    int emin = 1 - bias;
    int emax = f->ahp ? bias + 1 : bias;
    int shift = 128 - prec;
    int mode = s->rounding_mode;
    u128 half = ((u128)1) << (shift - 1);
    u128 mask = (((u128)1) << shift) - 1;
    u128 kept, rem;
    int n;

    if (frac == 0) {
        return encode(f, sign, 0, 0);
    }
    n = clz128(frac);
    frac <<= n;
    exp -= n;

    if (exp < emin) {
        bool tiny = true;
        unsigned biased;

        if (!s->tininess_before_rounding) {
            /* tiny unless rounding to an unbounded exponent reaches 2^emin */
            kept = frac >> shift;
            rem = frac & mask;
            if (exp == emin - 1 && round_up(mode, sign, kept, rem, half)
                && ((kept + 1) >> prec)) {
                tiny = false;
            }
        }
        if (tiny && s->flush_to_zero) {
            float_raise(s, float_flag_underflow
                        | (s->ftz_sets_inexact ? float_flag_inexact : 0));
            return encode(f, sign, 0, 0);
        }
        frac = shr_sticky(frac, emin - exp);
        kept = frac >> shift;
        rem = frac & mask;
        if (rem) {
            float_raise(s, float_flag_inexact
                        | (tiny ? float_flag_underflow : 0));
            if (mode == float_round_to_odd) {
                kept |= 1;
            } else if (round_up(mode, sign, kept, rem, half)) {
                kept++;
            }
        }
        biased = (kept >> (prec - 1)) ? 1 : 0;
        return encode(f, sign, biased, kept << (fmt_prec(f) - prec));
    }

    kept = frac >> shift;
    rem = frac & mask;
    if (rem) {
        if (mode == float_round_to_odd) {
            kept |= 1;
        } else if (round_up(mode, sign, kept, rem, half)) {
            kept++;
            if (kept >> prec) {
                kept >>= 1;
                exp++;
            }
        }
    }
    if (exp > emax) {
        return pack_overflow(f, sign, prec, s);
    }
    if (rem) {
        float_raise(s, float_flag_inexact);
    }
    return encode(f, sign, exp + bias, kept << (fmt_prec(f) - prec));
}

void fpu_parts_normalize(FloatParts *p)
{
    if (p->cls == FC_NORMAL && p->frac) {
        int n = clz128(p->frac);

        p->frac <<= n;
        p->exp -= n;
    }
}

u128 fpu_round_pack(const FloatFmt *f, bool sign, int32_t exp, u128 frac,
                    int prec, FloatStatus *s)
{
    return round_pack(f, sign, exp, frac, prec, s);
}

static inline __attribute__((always_inline))
u128 parts_pack(const FloatFmt *f, FloatParts *p, int prec, FloatStatus *s)
{
    unsigned emask = (1u << f->exp_bits) - 1;
    int fb = f->frac_bits;

    switch (p->cls) {
    case FC_ZERO:
        return encode(f, p->sign, 0, 0);
    case FC_INF:
        return encode(f, p->sign, emask,
                      f->explicit_int ? ((u128)1) << 63 : 0);
    case FC_QNAN:
    case FC_SNAN: {
        u128 frac = p->frac >> (127 - fb);
        if (frac == 0) {
            /* the payload did not survive narrowing */
            FloatParts d = fpu_parts_default_nan(s);
            frac = d.frac >> (127 - fb);
            return encode(f, d.sign, emask,
                          frac | (f->explicit_int ? ((u128)1) << 63 : 0));
        }
        return encode(f, p->sign, emask,
                      frac | (f->explicit_int ? ((u128)1) << 63 : 0));
    }
    default:
        return round_pack(f, p->sign, p->exp, p->frac, prec, s);
    }
}

u128 fpu_parts_pack(const FloatFmt *f, FloatParts *p, int prec, FloatStatus *s)
{
    return parts_pack(f, p, prec, s);
}

#define GEN_PACK(T)                                                    \
    u128 fpu_pack_##T(FloatParts *p, int prec, FloatStatus *s)         \
    {                                                                  \
        return parts_pack(&T##_fmt, p, prec, s);                       \
    }

GEN_PACK(float16)
GEN_PACK(bfloat16)
GEN_PACK(float32)
GEN_PACK(float64)
GEN_PACK(floatx80)
GEN_PACK(float128)

/* ---- NaNs ----------------------------------------------------------- */

FloatParts fpu_parts_default_nan(const FloatStatus *s)
{
    FloatParts p = {
        .cls = FC_QNAN,
        .sign = s->nan.default_nan_sign,
        .frac = ((u128)s->nan.default_nan_frac) << 63,
    };
    return p;
}

FloatParts fpu_parts_silence_nan(FloatParts p, const FloatStatus *s)
{
    if (p.cls != FC_SNAN) {
        return p;
    }
    if (s->nan.snan_bit_is_one) {
        /* clearing the bit could leave no payload: use the default NaN */
        return fpu_parts_default_nan(s);
    }
    p.frac |= QUIET_BIT;
    p.cls = FC_QNAN;
    return p;
}

FloatParts fpu_parts_return_nan(FloatParts a, FloatStatus *s)
{
    if (a.cls == FC_SNAN) {
        float_raise(s, float_flag_invalid);
    }
    if (s->default_nan_mode || a.bad) {
        return fpu_parts_default_nan(s);
    }
    return fpu_parts_silence_nan(a, s);
}

FloatParts fpu_parts_pick_nan2(FloatParts *a, FloatParts *b, FloatStatus *s)
{
    FloatParts *x = s->nan.order_ba ? b : a;
    FloatParts *y = s->nan.order_ba ? a : b;
    FloatParts *pick;

    if (a->cls == FC_SNAN || b->cls == FC_SNAN) {
        float_raise(s, float_flag_invalid);
    }
    if (s->default_nan_mode || a->bad || b->bad) {
        return fpu_parts_default_nan(s);
    }
    switch (s->nan.prop) {
    case float_nan_snan_first:
        if (x->cls == FC_SNAN) {
            pick = x;
        } else if (y->cls == FC_SNAN) {
            pick = y;
        } else {
            pick = is_nan(x) ? x : y;
        }
        break;
    case float_nan_x87:
        if (is_nan(x) && is_nan(y)) {
            if (x->cls != y->cls) {
                pick = x->cls == FC_QNAN ? x : y;
            } else {
                u128 fx = x->frac & ~QUIET_BIT, fy = y->frac & ~QUIET_BIT;
                if (fx != fy) {
                    pick = fx > fy ? x : y;
                } else {
                    /* equal significands: the positive one */
                    pick = !x->sign ? x : y;
                }
            }
        } else {
            pick = is_nan(x) ? x : y;
        }
        break;
    default:
        pick = is_nan(x) ? x : y;
        break;
    }
    return fpu_parts_silence_nan(*pick, s);
}

FloatParts fpu_parts_pick_nan3(FloatParts *a, FloatParts *b, FloatParts *c,
                               bool infzero, FloatStatus *s)
{
    FloatParts *ops[3] = { a, b, c };
    FloatParts *pick = NULL;
    int i;

    if (a->cls == FC_SNAN || b->cls == FC_SNAN || c->cls == FC_SNAN) {
        float_raise(s, float_flag_invalid);
    }
    if (infzero && c->cls == FC_QNAN) {
        /* only c can be the NaN here; a signalling c propagates as usual
         * (the ARM pseudocode tests for a quiet addend) */
        switch (s->nan.infzero) {
        case float_infzero_default_invalid:
            float_raise(s, float_flag_invalid);
            return fpu_parts_default_nan(s);
        case float_infzero_nan_c_invalid:
            float_raise(s, float_flag_invalid);
            break;
        default:
            break;
        }
    }
    if (s->default_nan_mode || a->bad || b->bad || c->bad) {
        return fpu_parts_default_nan(s);
    }
    if (s->nan.prop == float_nan_snan_first) {
        for (i = 0; i < 3 && !pick; i++) {
            if (ops[s->nan.fma_order[i]]->cls == FC_SNAN) {
                pick = ops[s->nan.fma_order[i]];
            }
        }
    }
    for (i = 0; i < 3 && !pick; i++) {
        if (is_nan(ops[s->nan.fma_order[i]])) {
            pick = ops[s->nan.fma_order[i]];
        }
    }
    return fpu_parts_silence_nan(*pick, s);
}

/*
 * Flush denormal inputs when asked (ARM IDC).  Returns true when an
 * unflushed denormal operand is used and no operand is a NaN: the x86
 * then reports DE, unless the operation turns out invalid or a division
 * by zero (see fpu_parts_input_done).
 */
bool fpu_parts_input_check_slow(FloatParts *a, FloatParts *b,
                                FloatParts *c, FloatStatus *s)
{
    FloatParts *ops[3] = { a, b, c };
    bool any_nan = false, any_den = false, used = false;
    int i;

    for (i = 0; i < 3; i++) {
        if (ops[i]) {
            any_nan |= is_nan(ops[i]);
            any_den |= ops[i]->denormal;
        }
    }
    if (!any_den) {
        return false;
    }
    for (i = 0; i < 3; i++) {
        if (ops[i] && ops[i]->denormal) {
            if (s->flush_inputs_to_zero) {
                ops[i]->cls = FC_ZERO;
                ops[i]->frac = 0;
                float_raise(s, float_flag_input_flushed);
            } else {
                used = true;
            }
        }
    }
    return used && !any_nan;
}
