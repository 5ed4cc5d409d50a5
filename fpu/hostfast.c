/*
 * hostfast.c: float32/float64 arithmetic on the host FPU when the result
 * and the flags are sure to match the soft path.
 *
 * Conditions: round to nearest even; every operand normal or zero (so no
 * denormal flag, no flushing, no NaN rules); the host result finite and
 * above the smallest normal (so no overflow, underflow or flush), or an
 * exact zero.  The only flag left is inexact: either it is already set,
 * or the result is checked exact with an error-free transformation.
 * This file is built with -ffp-contract=off so a*b+c stays two roundings.
 */
#include <float.h>
#include <math.h>
#include <string.h>
#include "internal.h"

static inline double d_of(float64 a)
{
    double d;

    memcpy(&d, &a, sizeof(d));
    return d;
}

static inline float64 f64_of(double d)
{
    float64 a;

    memcpy(&a, &d, sizeof(a));
    return a;
}

static inline float f_of(float32 a)
{
    float f;

    memcpy(&f, &a, sizeof(f));
    return f;
}

static inline float32 f32_of(float f)
{
    float32 a;

    memcpy(&a, &f, sizeof(a));
    return a;
}

static inline bool host_ok(const FloatStatus *s)
{
    return !s->soft_only && s->rounding_mode == float_round_nearest_even;
}

/* Normal or zero: exponent field neither 0 nor all ones, or all zero. */
static inline bool f64_plain(float64 a)
{
    uint64_t e = (a >> 52) & 0x7ff;

    return (e - 1) < 0x7fe || (a << 1) == 0;
}

static inline bool f32_plain(float32 a)
{
    uint32_t e = (a >> 23) & 0xff;

    return (e - 1) < 0xfe || (a << 1) == 0;
}

static inline bool d_safe(double r)
{
    double m = fabs(r);

    return m > DBL_MIN && m <= DBL_MAX;
}

static inline bool f_safe(float r)
{
    float m = fabsf(r);

    return m > FLT_MIN && m <= FLT_MAX;
}

static inline bool need_exact(const FloatStatus *s)
{
    return !(s->flags & float_flag_inexact);
}

/*
 * The fma-based exactness tests for binary64 need the error term to be
 * representable: it is a multiple of about 2^-106 times the result (or
 * the dividend), so that must stay far above the subnormal range.
 */
#define EXACT_CHECK_MIN 0x1p-900

/*
 * Those tests, and the fast muladd, call fma(); without FMA hardware the
 * C library emulates it slowly, so then binary64 mul/div/sqrt only take
 * the fast path when inexact is already set, and muladd never does.
 */
static bool host_fma;

static void __attribute__((constructor)) hostfast_init(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    host_fma = __builtin_cpu_supports("fma");
#elif defined(__aarch64__) || defined(__powerpc64__) || defined(__s390x__)
    host_fma = true;    /* fused multiply-add is in the base ISA */
#endif
}

static inline bool can_check_exact(const FloatStatus *s)
{
    return !need_exact(s) || host_fma;
}

/* ---- float64 -------------------------------------------------------- */

static float64 f64_addsub(float64 a, float64 b, bool sub, FloatStatus *s)
{
    if (host_ok(s) && f64_plain(a) && f64_plain(b)) {
        double x = d_of(a), y = sub ? -d_of(b) : d_of(b);
        double r = x + y;

        if (d_safe(r) || r == 0) {
            if (need_exact(s)) {
                /* two-sum: err is the exact rounding error */
                double yy = r - x;
                double err = (x - (r - yy)) + (y - yy);
                if (err != 0) {
                    float_raise(s, float_flag_inexact);
                }
            }
            return f64_of(r);
        }
    }
    return sub ? float64_sub_soft(a, b, s) : float64_add_soft(a, b, s);
}

float64 float64_add(float64 a, float64 b, FloatStatus *s)
{
    return f64_addsub(a, b, false, s);
}

float64 float64_sub(float64 a, float64 b, FloatStatus *s)
{
    return f64_addsub(a, b, true, s);
}

float64 float64_mul(float64 a, float64 b, FloatStatus *s)
{
    if (host_ok(s) && can_check_exact(s) && f64_plain(a) && f64_plain(b)) {
        double x = d_of(a), y = d_of(b), r = x * y;

        if (x == 0 || y == 0) {
            return f64_of(r);
        }
        if (d_safe(r) && (!need_exact(s) || fabs(r) >= EXACT_CHECK_MIN)) {
            if (need_exact(s) && fma(x, y, -r) != 0) {
                float_raise(s, float_flag_inexact);
            }
            return f64_of(r);
        }
    }
    return float64_mul_soft(a, b, s);
}

float64 float64_div(float64 a, float64 b, FloatStatus *s)
{
    if (host_ok(s) && can_check_exact(s) && f64_plain(a) && f64_plain(b)
        && (b << 1) != 0) {
        double x = d_of(a), y = d_of(b), r = x / y;

        if (x == 0) {
            return f64_of(r);
        }
        if (d_safe(r) && (!need_exact(s) || fabs(x) >= EXACT_CHECK_MIN)) {
            /* the remainder x - r*y is exact in binary64 */
            if (need_exact(s) && fma(r, y, -x) != 0) {
                float_raise(s, float_flag_inexact);
            }
            return f64_of(r);
        }
    }
    return float64_div_soft(a, b, s);
}

float64 float64_sqrt(float64 a, FloatStatus *s)
{
    if (host_ok(s) && can_check_exact(s) && f64_plain(a) && !(a >> 63)) {
        double x = d_of(a), r = sqrt(x);

        if (!need_exact(s) || x == 0) {
            return f64_of(r);
        }
        if (x >= EXACT_CHECK_MIN) {
            if (fma(r, r, -x) != 0) {
                float_raise(s, float_flag_inexact);
            }
            return f64_of(r);
        }
    }
    return float64_sqrt_soft(a, s);
}

float64 float64_muladd(float64 a, float64 b, float64 c, int flags,
                       FloatStatus *s)
{
    /* no cheap exactness test for fma: only when inexact is already set */
    if (host_ok(s) && host_fma && !need_exact(s)
        && !(flags & float_muladd_halve_result)
        && f64_plain(a) && f64_plain(b) && f64_plain(c)) {
        double x = d_of(a), y = d_of(b), z = d_of(c), r;

        if (flags & float_muladd_negate_product) {
            x = -x;
        }
        if (flags & float_muladd_negate_c) {
            z = -z;
        }
        r = fma(x, y, z);
        if (d_safe(r) || (r == 0 && (x == 0 || y == 0))) {
            if (flags & float_muladd_negate_result) {
                r = -r;
            }
            return f64_of(r);
        }
    }
    return float64_muladd_soft(a, b, c, flags, s);
}

/* ---- float32 -------------------------------------------------------- */

static float32 f32_addsub(float32 a, float32 b, bool sub, FloatStatus *s)
{
    if (host_ok(s) && f32_plain(a) && f32_plain(b)) {
        float x = f_of(a), y = sub ? -f_of(b) : f_of(b);
        float r = x + y;

        if (f_safe(r) || r == 0) {
            if (need_exact(s)) {
                float yy = r - x;
                float err = (x - (r - yy)) + (y - yy);
                if (err != 0) {
                    float_raise(s, float_flag_inexact);
                }
            }
            return f32_of(r);
        }
    }
    return sub ? float32_sub_soft(a, b, s) : float32_add_soft(a, b, s);
}

float32 float32_add(float32 a, float32 b, FloatStatus *s)
{
    return f32_addsub(a, b, false, s);
}

float32 float32_sub(float32 a, float32 b, FloatStatus *s)
{
    return f32_addsub(a, b, true, s);
}

float32 float32_mul(float32 a, float32 b, FloatStatus *s)
{
    if (host_ok(s) && f32_plain(a) && f32_plain(b)) {
        float x = f_of(a), y = f_of(b), r = x * y;

        if (x == 0 || y == 0) {
            return f32_of(r);
        }
        if (f_safe(r)) {
            /* 24 x 24 bits: the double product is exact */
            if (need_exact(s) && (double)x * (double)y != (double)r) {
                float_raise(s, float_flag_inexact);
            }
            return f32_of(r);
        }
    }
    return float32_mul_soft(a, b, s);
}

float32 float32_div(float32 a, float32 b, FloatStatus *s)
{
    if (host_ok(s) && f32_plain(a) && f32_plain(b) && (b << 1) != 0) {
        float x = f_of(a), y = f_of(b), r = x / y;

        if (x == 0) {
            return f32_of(r);
        }
        if (f_safe(r)) {
            if (need_exact(s) && (double)r * (double)y != (double)x) {
                float_raise(s, float_flag_inexact);
            }
            return f32_of(r);
        }
    }
    return float32_div_soft(a, b, s);
}

float32 float32_sqrt(float32 a, FloatStatus *s)
{
    if (host_ok(s) && f32_plain(a) && !(a >> 31)) {
        float x = f_of(a), r = sqrtf(x);

        if (need_exact(s) && (double)r * (double)r != (double)x) {
            float_raise(s, float_flag_inexact);
        }
        return f32_of(r);
    }
    return float32_sqrt_soft(a, s);
}

float32 float32_muladd(float32 a, float32 b, float32 c, int flags,
                       FloatStatus *s)
{
    if (host_ok(s) && host_fma && !need_exact(s)
        && !(flags & float_muladd_halve_result)
        && f32_plain(a) && f32_plain(b) && f32_plain(c)) {
        float x = f_of(a), y = f_of(b), z = f_of(c), r;

        if (flags & float_muladd_negate_product) {
            x = -x;
        }
        if (flags & float_muladd_negate_c) {
            z = -z;
        }
        r = fmaf(x, y, z);
        if (f_safe(r) || (r == 0 && (x == 0 || y == 0))) {
            if (flags & float_muladd_negate_result) {
                r = -r;
            }
            return f32_of(r);
        }
    }
    return float32_muladd_soft(a, b, c, flags, s);
}
