/*
 * arith.c: format-independent arithmetic on FloatParts.
 *
 * Results of class FC_NORMAL are exact or carry a sticky bit in bit 0,
 * with at least two guard bits below the widest precision (113 bits of
 * binary128 out of 128), so one final rounding in fpu_parts_pack is correct.
 */
#include "internal.h"

/* 256-bit unsigned integer for products and fused multiply-add. */
typedef struct {
    u128 hi, lo;
} U256;

static U256 mul128(u128 a, u128 b)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
    u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    U256 r;

    r.lo = (mid << 64) | (uint64_t)p00;
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

static U256 shr256_sticky(U256 x, int n)
{
    U256 r;

    if (n <= 0) {
        return x;
    }
    if (n >= 256) {
        r.hi = 0;
        r.lo = (x.hi | x.lo) != 0;
        return r;
    }
    if (n >= 128) {
        r.hi = 0;
        r.lo = shr_sticky(x.hi, n - 128) | (x.lo != 0);
        return r;
    }
    r.lo = (x.lo >> n) | (x.hi << (128 - n)) | ((x.lo << (128 - n)) != 0);
    r.hi = x.hi >> n;
    return r;
}

static int cmp256(U256 a, U256 b)
{
    if (a.hi != b.hi) {
        return a.hi < b.hi ? -1 : 1;
    }
    if (a.lo != b.lo) {
        return a.lo < b.lo ? -1 : 1;
    }
    return 0;
}

static U256 add256(U256 a, U256 b)
{
    U256 r = { a.hi + b.hi, a.lo + b.lo };

    r.hi += r.lo < a.lo;
    return r;
}

static U256 sub256(U256 a, U256 b)
{
    U256 r = { a.hi - b.hi, a.lo - b.lo };

    r.hi -= a.lo < b.lo;
    return r;
}

static FloatParts make_zero(bool sign)
{
    FloatParts p = { .cls = FC_ZERO, .sign = sign };
    return p;
}

static FloatParts make_inf(bool sign)
{
    FloatParts p = { .cls = FC_INF, .sign = sign };
    return p;
}

static FloatParts invalid_nan(FloatStatus *s)
{
    float_raise(s, float_flag_invalid);
    return fpu_parts_default_nan(s);
}

/* ---- add / sub ------------------------------------------------------ */

FloatParts fpu_parts_addsub(FloatParts a, FloatParts b, bool sub,
                            FloatStatus *s)
{
    bool round_down = s->rounding_mode == float_round_down;

    if (is_nan(&a) || is_nan(&b)) {
        return fpu_parts_pick_nan2(&a, &b, s);
    }
    b.sign ^= sub;
    if (a.cls == FC_INF) {
        if (b.cls == FC_INF && a.sign != b.sign) {
            return invalid_nan(s);
        }
        return a;
    }
    if (b.cls == FC_INF) {
        return b;
    }
    if (a.cls == FC_ZERO && b.cls == FC_ZERO) {
        return make_zero(a.sign == b.sign ? a.sign : round_down);
    }
    if (a.cls == FC_ZERO) {
        return b;
    }
    if (b.cls == FC_ZERO) {
        return a;
    }

    /* one bit of headroom for the carry; inputs have zero low bits */
    a.frac >>= 1;
    b.frac >>= 1;
    a.exp++;
    b.exp++;
    if (a.sign == b.sign) {
        if (a.exp < b.exp) {
            FloatParts t = a;
            a = b;
            b = t;
        }
        a.frac += shr_sticky(b.frac, a.exp - b.exp);
        return a;
    }
    if (a.exp < b.exp || (a.exp == b.exp && a.frac < b.frac)) {
        FloatParts t = a;
        a = b;
        b = t;
    }
    a.frac -= shr_sticky(b.frac, a.exp - b.exp);
    if (a.frac == 0) {
        return make_zero(round_down);
    }
    return a;
}

/* ---- mul ------------------------------------------------------------ */

FloatParts fpu_parts_mul(FloatParts a, FloatParts b, FloatStatus *s)
{
    bool sign = a.sign ^ b.sign;
    FloatParts r;
    U256 p;

    if (is_nan(&a) || is_nan(&b)) {
        return fpu_parts_pick_nan2(&a, &b, s);
    }
    if ((a.cls == FC_INF && b.cls == FC_ZERO)
        || (a.cls == FC_ZERO && b.cls == FC_INF)) {
        return invalid_nan(s);
    }
    if (a.cls == FC_INF || b.cls == FC_INF) {
        return make_inf(sign);
    }
    if (a.cls == FC_ZERO || b.cls == FC_ZERO) {
        return make_zero(sign);
    }
    r.cls = FC_NORMAL;
    r.sign = sign;
    r.denormal = false;
    if ((uint64_t)a.frac == 0 && (uint64_t)b.frac == 0) {
        /* up to 64-bit significands: one 64x64 product is exact */
        r.frac = (u128)(uint64_t)(a.frac >> 64) * (uint64_t)(b.frac >> 64);
    } else {
        p = mul128(a.frac, b.frac);
        r.frac = p.hi | (p.lo != 0);
    }
    r.exp = a.exp + b.exp + 1;
    return r;
}

/* ---- div ------------------------------------------------------------ */

FloatParts fpu_parts_div(FloatParts a, FloatParts b, int prec, FloatStatus *s)
{
    bool sign = a.sign ^ b.sign;
    FloatParts r;

    if (is_nan(&a) || is_nan(&b)) {
        return fpu_parts_pick_nan2(&a, &b, s);
    }
    if ((a.cls == FC_INF && b.cls == FC_INF)
        || (a.cls == FC_ZERO && b.cls == FC_ZERO)) {
        return invalid_nan(s);
    }
    if (a.cls == FC_INF) {
        return make_inf(sign);
    }
    if (b.cls == FC_ZERO) {
        float_raise(s, float_flag_divbyzero);
        return make_inf(sign);
    }
    if (a.cls == FC_ZERO || b.cls == FC_INF) {
        return make_zero(sign);
    }
    r.cls = FC_NORMAL;
    r.sign = sign;
    r.denormal = false;
    if (prec <= 62 && (uint64_t)b.frac == 0) {
        /* 64-bit operands give at least 64 quotient bits */
        uint64_t na = (uint64_t)(a.frac >> 64), nb = (uint64_t)(b.frac >> 64);
        u128 num = (u128)na << 64;
        u128 q = num / nb;

        r.frac = q | (num - q * nb != 0);
        r.exp = a.exp - b.exp + 63;
    } else if ((uint64_t)a.frac == 0 && (uint64_t)b.frac == 0) {
        /* 64-bit significands (x87): two 128/64 divisions give at
         * least 128 quotient bits; keep 126 and a sticky bit */
        uint64_t na = (uint64_t)(a.frac >> 64), nb = (uint64_t)(b.frac >> 64);
        u128 num = (u128)na << 64;
        u128 q1 = num / nb, r1 = num - q1 * nb;
        u128 q2 = (r1 << 64) / nb, r2 = (r1 << 64) - q2 * nb;

        r.frac = (q1 << 62) | (q2 >> 2) | ((q2 & 3) != 0 || r2 != 0);
        r.exp = a.exp - b.exp + 1;
    } else {
        /* restoring division, one quotient bit per step */
        u128 x = a.frac >> 1, d = b.frac >> 1, q = 0;
        int n = prec + 3, i;

        for (i = 0; i < n; i++) {
            q <<= 1;
            if (x >= d) {
                x -= d;
                q |= 1;
            }
            x <<= 1;
        }
        r.frac = q | (x != 0);
        r.exp = a.exp - b.exp - n + 128;
    }
    return r;
}

/* ---- sqrt ----------------------------------------------------------- */

FloatParts fpu_parts_sqrt(FloatParts a, int prec, FloatStatus *s)
{
    u128 x, root = 0, rem = 0;
    int e, k, steps, i;

    if (is_nan(&a)) {
        return fpu_parts_return_nan(a, s);
    }
    if (a.cls == FC_ZERO) {
        return a;
    }
    if (a.sign) {
        return invalid_nan(s);
    }
    if (a.cls == FC_INF) {
        return a;
    }
    /* value = x * 2^e with e even */
    x = a.frac;
    e = a.exp - 127;
    if (e & 1) {
        x >>= 1;
        e++;
    }
    if (prec <= 60) {
        /* n = prec + 2 root bits from the top 2n radicand bits; the rest
         * of the radicand only feeds the sticky bit.  64-bit is enough. */
        int n = prec + 2;
        uint64_t r64 = 0, rem64 = 0;
        u128 low = x & ((((u128)1) << (128 - 2 * n)) - 1);

        for (i = 0; i < n; i++) {
            unsigned two = (unsigned)(x >> (126 - 2 * i)) & 3;
            uint64_t t;

            rem64 = (rem64 << 2) | two;
            t = (r64 << 2) | 1;
            r64 <<= 1;
            if (rem64 >= t) {
                rem64 -= t;
                r64 |= 1;
            }
        }
        a.frac = r64 | (rem64 != 0 || low != 0);
        a.exp = 64 - n + e / 2 + 127;
        a.denormal = false;
        return a;
    }
    /* sqrt(x * 2^2k) has 64 + k bits: enough for prec plus two */
    k = prec + 2 > 64 ? prec + 2 - 64 : 0;
    steps = 64 + k;
    for (i = 0; i < steps; i++) {
        unsigned two = i < 64 ? (unsigned)(x >> (126 - 2 * i)) & 3 : 0;
        u128 t;

        rem = (rem << 2) | two;
        t = (root << 2) | 1;
        root <<= 1;
        if (rem >= t) {
            rem -= t;
            root |= 1;
        }
    }
    a.frac = root | (rem != 0);
    a.exp = (e - 2 * k) / 2 + 127;
    a.denormal = false;
    return a;
}

/* ---- fused multiply-add --------------------------------------------- */

FloatParts fpu_parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags,
                            FloatStatus *s)
{
    bool infzero = (a.cls == FC_INF && b.cls == FC_ZERO)
        || (a.cls == FC_ZERO && b.cls == FC_INF);
    bool psign = a.sign ^ b.sign ^ !!(flags & float_muladd_negate_product);
    bool round_down = s->rounding_mode == float_round_down;
    FloatParts r;
    U256 p, q;
    int32_t ep, ec;

    if (is_nan(&a) || is_nan(&b) || is_nan(&c)) {
        return fpu_parts_pick_nan3(&a, &b, &c, infzero, s);
    }
    if (flags & float_muladd_negate_c) {
        c.sign ^= 1;
    }
    if (infzero) {
        return invalid_nan(s);
    }
    if (a.cls == FC_INF || b.cls == FC_INF) {
        if (c.cls == FC_INF && c.sign != psign) {
            return invalid_nan(s);
        }
        r = make_inf(psign);
    } else if (c.cls == FC_INF) {
        r = c;
    } else if (a.cls == FC_ZERO || b.cls == FC_ZERO) {
        if (c.cls == FC_ZERO) {
            r = make_zero(psign == c.sign ? psign : round_down);
        } else {
            r = c;
        }
    } else {
        /* exact product, msb at bit 255 or 254: value p * 2^(ep - 255) */
        p = mul128(a.frac, b.frac);
        ep = a.exp + b.exp + 1;
        r.cls = FC_NORMAL;
        r.denormal = false;
        if (c.cls == FC_ZERO) {
            r.sign = psign;
        } else {
            q.hi = c.frac;
            q.lo = 0;
            ec = c.exp;
            /* headroom for the carry, then align to the larger exponent */
            p = shr256_sticky(p, 1);
            q = shr256_sticky(q, 1);
            ep++;
            ec++;
            if (ep >= ec) {
                q = shr256_sticky(q, ep - ec);
            } else {
                p = shr256_sticky(p, ec - ep);
                ep = ec;
            }
            if (psign == c.sign) {
                p = add256(p, q);
                r.sign = psign;
            } else if (cmp256(p, q) >= 0) {
                p = sub256(p, q);
                r.sign = psign;
            } else {
                p = sub256(q, p);
                r.sign = c.sign;
            }
            if (p.hi == 0 && p.lo == 0) {
                r = make_zero(round_down);
                goto finish;
            }
        }
        /* normalise so the sticky compression keeps every needed bit */
        while (p.hi == 0) {
            p.hi = p.lo;
            p.lo = 0;
            ep -= 128;
        }
        {
            int n = clz128(p.hi);
            if (n) {
                p.hi = (p.hi << n) | (p.lo >> (128 - n));
                p.lo <<= n;
                ep -= n;
            }
        }
        r.frac = p.hi | (p.lo != 0);
        r.exp = ep;
    }
finish:
    if (flags & float_muladd_halve_result && r.cls == FC_NORMAL) {
        r.exp--;
    }
    if (flags & float_muladd_negate_result) {
        r.sign ^= 1;
    }
    return r;
}

/* ---- remainder ------------------------------------------------------ */

/*
 * IEEE remainder (ieee) or the truncating remainder of the x87 fprem.
 * When the exponents differ by more than max_steps, only a partial
 * reduction is done and *complete is cleared (x87 C2 set).
 */
FloatParts fpu_parts_rem(FloatParts a, FloatParts b, bool ieee, int max_steps,
                         uint64_t *quot, bool *complete, FloatStatus *s)
{
    u128 r, m;
    uint64_t q = 0;
    int d, steps, i;
    int32_t scale;

    *complete = true;
    *quot = 0;
    if (is_nan(&a) || is_nan(&b)) {
        return fpu_parts_pick_nan2(&a, &b, s);
    }
    if (a.cls == FC_INF || b.cls == FC_ZERO) {
        return invalid_nan(s);
    }
    if (a.cls == FC_ZERO || b.cls == FC_INF) {
        return a;
    }
    d = a.exp - b.exp;
    if (d < -1) {
        return a;
    }
    /* significands with the msb at bit 124: exact, room to double */
    r = a.frac >> 3;
    m = b.frac >> 3;
    scale = b.exp;
    if (d == -1) {
        r >>= 1;
    } else {
        steps = d;
        if (max_steps > 0 && d >= max_steps) {
            /* x87 partial remainder: reduce the exponent by 32..63 */
            steps = (d - max_steps) % 32 + 32;
            *complete = false;
            scale = a.exp - steps;
        }
        for (i = 0; i <= steps; i++) {
            q <<= 1;
            if (r >= m) {
                r -= m;
                q |= 1;
            }
            if (i < steps) {
                r <<= 1;
            }
        }
    }
    if (ieee && *complete) {
        u128 r2 = r << 1;
        if (r2 > m || (r2 == m && (q & 1))) {
            r = m - r;
            a.sign ^= 1;
            q++;
        }
    }
    *quot = q;
    if (r == 0) {
        return make_zero(a.sign);
    }
    a.frac = r;
    a.exp = scale + 3;
    a.denormal = false;
    return a;
}

/* ---- round to integral ---------------------------------------------- */

FloatParts fpu_parts_round_to_int(FloatParts a, int mode, bool exact,
                                  FloatStatus *s)
{
    u128 ip, rem, half;
    int shift;
    bool inc;

    if (is_nan(&a)) {
        return fpu_parts_return_nan(a, s);
    }
    if (a.cls != FC_NORMAL || a.exp >= 127) {
        return a;
    }
    shift = 127 - a.exp;
    if (shift < 128) {
        ip = a.frac >> shift;
        rem = a.frac & ((((u128)1) << shift) - 1);
        half = ((u128)1) << (shift - 1);
    } else if (shift == 128) {
        ip = 0;
        rem = a.frac;
        half = TOP_BIT;
    } else {
        /* below one half: any nonzero remainder smaller than half */
        ip = 0;
        rem = 1;
        half = 2;
    }
    if (rem == 0) {
        return a;
    }
    if (exact) {
        float_raise(s, float_flag_inexact);
    }
    switch (mode) {
    case float_round_nearest_even:
        inc = rem > half || (rem == half && (ip & 1));
        break;
    case float_round_ties_away:
        inc = rem >= half;
        break;
    case float_round_up:
        inc = !a.sign;
        break;
    case float_round_down:
        inc = a.sign;
        break;
    case float_round_to_odd:
        inc = !(ip & 1);
        break;
    default:
        inc = false;
        break;
    }
    ip += inc;
    if (ip == 0) {
        return make_zero(a.sign);
    }
    a.frac = ip;
    a.exp = 127;
    fpu_parts_normalize(&a);
    return a;
}

FloatParts fpu_parts_scalbn(FloatParts a, int n, FloatStatus *s)
{
    if (is_nan(&a)) {
        return fpu_parts_return_nan(a, s);
    }
    if (a.cls == FC_NORMAL) {
        if (n > 0x10000) {
            n = 0x10000;
        } else if (n < -0x10000) {
            n = -0x10000;
        }
        a.exp += n;
    }
    return a;
}

/* ---- compare, min/max ----------------------------------------------- */

/* -1, 0, 1 for ordered a, b (neither NaN); zeros of either sign equal */
static int cmp_ordered(const FloatParts *a, const FloatParts *b)
{
    int mag;

    if (a->cls == FC_ZERO && b->cls == FC_ZERO) {
        return 0;
    }
    if (a->cls == FC_ZERO) {
        return b->sign ? 1 : -1;
    }
    if (b->cls == FC_ZERO) {
        return a->sign ? -1 : 1;
    }
    if (a->sign != b->sign) {
        return a->sign ? -1 : 1;
    }
    if (a->cls == FC_INF || b->cls == FC_INF) {
        mag = (a->cls == FC_INF) - (b->cls == FC_INF);
    } else if (a->exp != b->exp) {
        mag = a->exp < b->exp ? -1 : 1;
    } else {
        mag = a->frac < b->frac ? -1 : a->frac > b->frac;
    }
    return a->sign ? -mag : mag;
}

FloatRelation fpu_parts_compare(FloatParts a, FloatParts b, bool quiet,
                                FloatStatus *s)
{
    if (is_nan(&a) || is_nan(&b)) {
        if (!quiet || a.cls == FC_SNAN || b.cls == FC_SNAN) {
            float_raise(s, float_flag_invalid);
        }
        return float_relation_unordered;
    }
    return (FloatRelation)cmp_ordered(&a, &b);
}

int fpu_parts_minmax(FloatParts a, FloatParts b, int kind, FloatParts *r,
                     FloatStatus *s)
{
    bool want_max = kind & MINMAX_MAX;
    int c;

    if (kind & MINMAX_X86) {
        if (is_nan(&a) || is_nan(&b)) {
            float_raise(s, float_flag_invalid);
            return 1;
        }
        if (a.cls == FC_ZERO && b.cls == FC_ZERO) {
            return 1;
        }
        c = cmp_ordered(&a, &b);
        return (want_max ? c > 0 : c < 0) ? 0 : 1;
    }
    if (is_nan(&a) || is_nan(&b)) {
        bool both = is_nan(&a) && is_nan(&b);
        bool any_snan = a.cls == FC_SNAN || b.cls == FC_SNAN;

        if ((kind & MINMAX_NUMBER) && !both) {
            if (any_snan) {
                float_raise(s, float_flag_invalid);
            }
            return is_nan(&a) ? 1 : 0;
        }
        if ((kind & MINMAX_NUM) && !both && !any_snan) {
            return is_nan(&a) ? 1 : 0;
        }
        *r = fpu_parts_pick_nan2(&a, &b, s);
        return -1;
    }
    /* -0 is below +0 here */
    if (a.cls == FC_ZERO && b.cls == FC_ZERO) {
        c = (int)b.sign - (int)a.sign;
    } else {
        c = cmp_ordered(&a, &b);
    }
    if (c == 0) {
        return 0;
    }
    return (want_max ? c > 0 : c < 0) ? 0 : 1;
}
