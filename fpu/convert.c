/*
 * convert.c: conversions between FloatParts and integers (with an
 * optional binary scale, for fixed point), between formats (including
 * ARM's alternative half precision), and classification.
 */
#include "internal.h"

/*
 * Round p * 2^scale to an integer magnitude.  Returns false when the
 * magnitude does not fit in 64 bits; *inexact says whether bits were lost.
 */
static bool round_magnitude(FloatParts p, int mode, int scale, uint64_t *mag,
                            bool *inexact)
{
    FloatStatus tmp = { 0 };
    FloatParts r;
    int32_t exp;

    *inexact = false;
    *mag = 0;
    if (p.cls == FC_ZERO) {
        return true;
    }
    if (scale > 0x10000) {
        scale = 0x10000;
    } else if (scale < -0x10000) {
        scale = -0x10000;
    }
    p.exp += scale;
    if (p.exp >= 64) {
        return false;
    }
    r = fpu_parts_round_to_int(p, mode, true, &tmp);
    *inexact = (tmp.flags & float_flag_inexact) != 0;
    if (r.cls == FC_ZERO) {
        return true;
    }
    exp = r.exp;
    if (exp >= 64) {
        return false;
    }
    *mag = (uint64_t)(r.frac >> (127 - exp));
    return true;
}

static int64_t sint_overflow(const FloatParts *p, int64_t min, int64_t max,
                             FloatStatus *s)
{
    float_raise(s, float_flag_invalid);
    switch (s->int_overflow) {
    case float_int_saturate:
        return is_nan(p) ? 0 : p->sign ? min : max;
    case float_int_saturate_nanmin:
        return is_nan(p) ? min : p->sign ? min : max;
    case float_int_maxint:
        return max;
    default:
        return min;
    }
}

int64_t fpu_parts_to_sint(FloatParts p, int mode, int scale, int64_t min,
                          int64_t max, FloatStatus *s)
{
    uint64_t mag;
    bool inexact;

    if (is_nan(&p) || p.cls == FC_INF) {
        return sint_overflow(&p, min, max, s);
    }
    if (!round_magnitude(p, mode, scale, &mag, &inexact)) {
        return sint_overflow(&p, min, max, s);
    }
    if (p.sign ? mag > (uint64_t)0 - (uint64_t)min : mag > (uint64_t)max) {
        return sint_overflow(&p, min, max, s);
    }
    if (inexact) {
        float_raise(s, float_flag_inexact);
    }
    return p.sign ? (int64_t)(0 - mag) : (int64_t)mag;
}

static uint64_t uint_overflow(const FloatParts *p, uint64_t max,
                              FloatStatus *s)
{
    float_raise(s, float_flag_invalid);
    switch (s->int_overflow) {
    case float_int_saturate:
    case float_int_saturate_nanmin:
        return is_nan(p) || p->sign ? 0 : max;
    default:
        return max;
    }
}

uint64_t fpu_parts_to_uint(FloatParts p, int mode, int scale, uint64_t max,
                           FloatStatus *s)
{
    uint64_t mag;
    bool inexact;

    if (is_nan(&p) || p.cls == FC_INF) {
        return uint_overflow(&p, max, s);
    }
    if (!round_magnitude(p, mode, scale, &mag, &inexact)) {
        return uint_overflow(&p, max, s);
    }
    if (mag > max || (p.sign && mag != 0)) {
        return uint_overflow(&p, max, s);
    }
    if (inexact) {
        float_raise(s, float_flag_inexact);
    }
    return mag;
}

FloatParts fpu_parts_from_uint(uint64_t v, int scale)
{
    FloatParts p = { .cls = FC_ZERO };

    if (v) {
        p.cls = FC_NORMAL;
        p.frac = (u128)v << 64;
        if (scale > 0x10000) {
            scale = 0x10000;
        } else if (scale < -0x10000) {
            scale = -0x10000;
        }
        p.exp = 63 + scale;
        fpu_parts_normalize(&p);
    }
    return p;
}

FloatParts fpu_parts_from_sint(int64_t v, int scale)
{
    FloatParts p = fpu_parts_from_uint(v < 0 ? 0 - (uint64_t)v : (uint64_t)v,
                                   scale);

    p.sign = v < 0;
    return p;
}

int fpu_parts_classify(const FloatFmt *f, u128 raw, const FloatStatus *s)
{
    FloatParts p = fpu_parts_unpack(f, raw, s);

    switch (p.cls) {
    case FC_SNAN:
        return float_class_snan;
    case FC_QNAN:
        return float_class_qnan;
    case FC_INF:
        return p.sign ? float_class_neg_inf : float_class_pos_inf;
    case FC_ZERO:
        return p.sign ? float_class_neg_zero : float_class_pos_zero;
    default:
        if (p.denormal) {
            return p.sign ? float_class_neg_subnormal
                : float_class_pos_subnormal;
        }
        return p.sign ? float_class_neg_normal : float_class_pos_normal;
    }
}

/* ---- between formats -------------------------------------------------- */

/* Parts of one format into another: NaNs are quieted (or become the
 * default NaN), numbers rounded to the destination's full precision. */
u128 fpu_parts_convert(const FloatFmt *f, FloatParts p, FloatStatus *s)
{
    if (is_nan(&p)) {
        p = fpu_parts_return_nan(p, s);
    }
    return fpu_parts_pack(f, &p, fmt_prec(f), s);
}

/*
 * To binary16, IEEE or ARM alternative half precision.  AHP has no
 * infinity or NaN: as in the ARM pseudocode, a NaN becomes a zero of its
 * sign and an infinity or an overflow the largest value, all as invalid
 * operations without overflow or inexact.
 */
float16 fpu_parts_to_float16(FloatParts p, bool ieee, FloatStatus *s)
{
    if (ieee) {
        return (float16)fpu_parts_convert(&float16_fmt, p, s);
    }
    if (is_nan(&p)) {
        float_raise(s, float_flag_invalid);
        return p.sign ? 0x8000 : 0;         /* FPZero(sign) */
    }
    if (p.cls == FC_INF) {
        float_raise(s, float_flag_invalid);
        return (p.sign ? 0x8000 : 0) | 0x7fff;
    }
    return (float16)fpu_parts_pack(&float16_ahp_fmt, &p, 11, s);
}

/* Unpack binary16 or AHP as an operand (input flushing, x86 DE). */
static FloatParts unpack_f16(float16 a, bool ieee, FloatStatus *s)
{
    const FloatFmt *f = ieee ? &float16_fmt : &float16_ahp_fmt;
    FloatParts p = fpu_parts_unpack(f, a, s);
    uint8_t saved = fpu_parts_op_begin(s);
    bool den = fpu_parts_input_check(&p, NULL, NULL, s);

    fpu_parts_op_end(s, saved, den);
    return p;
}

float32 float16_to_float32(float16 a, bool ieee, FloatStatus *s)
{
    return (float32)fpu_parts_convert(&float32_fmt, unpack_f16(a, ieee, s), s);
}

float64 float16_to_float64(float16 a, bool ieee, FloatStatus *s)
{
    return (float64)fpu_parts_convert(&float64_fmt, unpack_f16(a, ieee, s), s);
}

int32_t float16_to_int32(float16 a, FloatStatus *s)
{
    FloatParts p = fpu_parts_unpack(&float16_fmt, a, s);

    if (p.denormal && s->flush_inputs_to_zero) {
        p.cls = FC_ZERO;
        float_raise(s, float_flag_input_flushed);
    }
    return (int32_t)fpu_parts_to_sint(p, s->rounding_mode, 0, INT32_MIN,
                                  INT32_MAX, s);
}

float16 int32_to_float16(int32_t v, FloatStatus *s)
{
    FloatParts p = fpu_parts_from_sint(v, 0);

    return (float16)fpu_parts_pack(&float16_fmt, &p, 11, s);
}
