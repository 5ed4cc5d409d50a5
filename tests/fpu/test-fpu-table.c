/*
 * test-fpu-table.c: hand-worked expected values for what the x86 host
 * cannot check: binary128, binary16 (IEEE and ARM AHP), bfloat16, the
 * ARM/MIPS/PPC rules (default NaN, flush-to-zero, saturation, NaN order,
 * quiet-bit sense), ties-away and round-to-odd.
 *
 * Each expected value carries a short derivation.  One TAP line per group.
 */
#include <inttypes.h>
#include <stdio.h>
#include "fpu/softfloat.h"
#include "../unit/tap.h"

typedef struct {
    const char *name;
    int cases, fails;
} Group;

static void check(Group *g, const char *what, uint64_t hi, uint64_t lo,
                  uint64_t want_hi, uint64_t want_lo, int flags, int want_flags)
{
    g->cases++;
    if (hi != want_hi || lo != want_lo || flags != want_flags) {
        if (g->fails++ < 5) {
            tap_diag("%s: %s: got %016" PRIx64 ":%016" PRIx64 " flags %02x, "
                     "want %016" PRIx64 ":%016" PRIx64 " flags %02x",
                     g->name, what, hi, lo, flags, want_hi, want_lo,
                     want_flags);
        }
    }
}

static void group_end(Group *g)
{
    tap_report(g->fails == 0, "%s, %d hand-worked cases", g->name, g->cases);
}

/* Evaluate expr with cleared flags; compare value and flags. */
#define T(g, s, expr, want, wflags) do {                                  \
        uint64_t r_;                                                      \
        (s)->flags = 0;                                                   \
        r_ = (uint64_t)(expr);                                            \
        check((g), #expr, 0, r_, 0, (uint64_t)(want), (s)->flags, (wflags)); \
    } while (0)

#define T128(g, s, expr, whi, wlo, wflags) do {                           \
        float128 r_;                                                      \
        (s)->flags = 0;                                                   \
        r_ = (expr);                                                      \
        check((g), #expr, r_.high, r_.low, (whi), (wlo), (s)->flags, (wflags)); \
    } while (0)

#define TX80(g, s, expr, whi, wlo, wflags) do {                           \
        floatx80 r_;                                                      \
        (s)->flags = 0;                                                   \
        r_ = (expr);                                                      \
        check((g), #expr, r_.high, r_.low, (whi), (wlo), (s)->flags, (wflags)); \
    } while (0)

#define IV float_flag_invalid
#define DZ float_flag_divbyzero
#define OF float_flag_overflow
#define UF float_flag_underflow
#define IX float_flag_inexact
#define FL float_flag_input_flushed
#define DE float_flag_input_denormal

/* binary128 constants: high word, low word */
#define Q(h, l) make_float128(h, l)
#define Q_ONE Q(0x3fff000000000000ull, 0)
#define Q_TWO Q(0x4000000000000000ull, 0)
#define Q_THREE Q(0x4000800000000000ull, 0)
#define Q_TEN Q(0x4002400000000000ull, 0)
#define Q_HALF Q(0x3ffe000000000000ull, 0)
#define Q_MAX Q(0x7ffeffffffffffffull, ~0ull)
#define Q_MIN_NORMAL Q(0x0001000000000000ull, 0)
#define Q_MIN_SUB Q(0, 1)
#define Q_INF Q(0x7fff000000000000ull, 0)
#define Q_ULP1 Q(0x3f8f000000000000ull, 0)   /* 2^-112: 16383-112 = 0x3f8f */
#define Q_HALFULP1 Q(0x3f8e000000000000ull, 0) /* 2^-113 */

static void test_float128(void)
{
    Group g = { "binary128 arithmetic" };
    FloatStatus st, *s = &st;

    float_status_init_x86_sse(s);
    T128(&g, s, float128_add(Q_ONE, Q_ONE, s), 0x4000000000000000ull, 0, 0);
    /* 1 + 2^-112: the last fraction bit */
    T128(&g, s, float128_add(Q_ONE, Q_ULP1, s), 0x3fff000000000000ull, 1, 0);
    /* 1 + 2^-113: a tie, the even neighbour 1.0 wins */
    T128(&g, s, float128_add(Q_ONE, Q_HALFULP1, s), 0x3fff000000000000ull, 0,
         IX);
    /* (1 + 2^-112) + 2^-113: a tie with odd lsb rounds up to 1 + 2^-111 */
    T128(&g, s, float128_add(Q(0x3fff000000000000ull, 1), Q_HALFULP1, s),
         0x3fff000000000000ull, 2, IX);
    /* 1 - 2^-113 is exact: 0x3ffe, fraction all ones */
    T128(&g, s, float128_sub(Q_ONE, Q_HALFULP1, s), 0x3ffeffffffffffffull,
         ~0ull, 0);
    /* 1/3 = 2^-2 * 1.0101..: fraction 0x5555..., the rest 0.0101 < half */
    T128(&g, s, float128_div(Q_ONE, Q_THREE, s), 0x3ffd555555555555ull,
         0x5555555555555555ull, IX);
    /* 2/3 = 2^-1 * 1.0101..: same fraction */
    T128(&g, s, float128_div(Q_TWO, Q_THREE, s), 0x3ffe555555555555ull,
         0x5555555555555555ull, IX);
    /* 10/3 = 2^1 * 1.101010..: fraction 0xaaaa..., the rest 0.1010 > half */
    T128(&g, s, float128_div(Q_TEN, Q_THREE, s), 0x4000aaaaaaaaaaaaull,
         0xaaaaaaaaaaaaaaabull, IX);
    /* sqrt(2) = 1.6a09e667f3bcc908b2fb1366ea95|7d3e...: next bit 0 */
    T128(&g, s, float128_sqrt(Q_TWO, s), 0x3fff6a09e667f3bcull,
         0xc908b2fb1366ea95ull, IX);
    T128(&g, s, float128_sqrt(Q(0x4001000000000000ull, 0), s),
         0x4000000000000000ull, 0, 0);
    /* (1 + 2^-56)^2 = 1 + 2^-55 + 2^-112: fraction 2^57 + 1, exact */
    T128(&g, s, float128_mul(Q(0x3fff000000000000ull, 1ull << 56),
                             Q(0x3fff000000000000ull, 1ull << 56), s),
         0x3fff000000000000ull, (1ull << 57) + 1, 0);
    /* (1 + 2^-60)(1 - 2^-60) - 1 = -2^-120 exactly: exponent 0x3f87 */
    T128(&g, s, float128_muladd(Q(0x3fff000000000000ull, 1ull << 52),
                                Q(0x3ffeffffffffffffull, 0xffe0000000000000ull),
                                Q(0xbfff000000000000ull, 0), 0, s),
         0xbf87000000000000ull, 0, 0);
    /* the same without fusing rounds the product to 1: result 0 */
    T128(&g, s, float128_sub(float128_mul(Q(0x3fff000000000000ull, 1ull << 52),
                                          Q(0x3ffeffffffffffffull,
                                            0xffe0000000000000ull), s),
                             Q_ONE, s), 0, 0, IX);
    T128(&g, s, float128_mul(Q_MAX, Q_TWO, s), 0x7fff000000000000ull, 0,
         OF | IX);
    /* min normal / 2 = 2^-16383: subnormal with fraction msb, exact */
    T128(&g, s, float128_div(Q_MIN_NORMAL, Q_TWO, s), 0x0000800000000000ull,
         0, 0);
    /* min subnormal / 2: a tie between 0 and 2^-16494, even is 0; the x86
     * preset also reports the denormal operand */
    T128(&g, s, float128_mul(Q_MIN_SUB, Q_HALF, s), 0, 0, UF | IX | DE);
    /* 10 rem 3 = 10 - 3*3 = 1; 5 rem 2: 2.5 ties to 2, 5 - 4 = 1 */
    T128(&g, s, float128_rem(Q_TEN, Q_THREE, s), 0x3fff000000000000ull, 0, 0);
    T128(&g, s, float128_rem(Q(0x4001400000000000ull, 0), Q_TWO, s),
         0x3fff000000000000ull, 0, 0);
    /* inf - inf: invalid, x86 default NaN (sign set, quiet bit) */
    T128(&g, s, float128_sub(Q_INF, Q_INF, s), 0xffff800000000000ull, 0, IV);
    T128(&g, s, float128_div(Q_ONE, Q(0, 0), s), 0x7fff000000000000ull, 0, DZ);
    T(&g, s, float128_compare(Q_ONE, Q_TWO, s), float_relation_less, 0);
    T(&g, s, float128_compare_quiet(Q(0x7fff800000000000ull, 0), Q_ONE, s),
      float_relation_unordered, 0);
    T(&g, s, float128_compare(Q(0x7fff800000000000ull, 0), Q_ONE, s),
      float_relation_unordered, IV);
    /* round up mode: 1 + 2^-113 goes to 1 + 2^-112 */
    s->rounding_mode = float_round_up;
    T128(&g, s, float128_add(Q_ONE, Q_HALFULP1, s), 0x3fff000000000000ull, 1,
         IX);
    s->rounding_mode = float_round_to_zero;
    T128(&g, s, float128_div(Q_TEN, Q_THREE, s), 0x4000aaaaaaaaaaaaull,
         0xaaaaaaaaaaaaaaaaull, IX);
    group_end(&g);
}

static void test_float128_convert(void)
{
    Group g = { "binary128 conversions" };
    FloatStatus st, *s = &st;

    float_status_init_x86_sse(s);
    /* 1.5 in binary64 widens exactly */
    T128(&g, s, float64_to_float128(0x3ff8000000000000ull, s),
         0x3fff800000000000ull, 0, 0);
    /* 1 + 2^-53 + 2^-112 narrows to binary64: just above the tie, up */
    T(&g, s, float128_to_float64(Q(0x3fff000000000000ull,
                                   (1ull << 59) | 1), s),
      0x3ff0000000000001ull, IX);
    /* 1 + 2^-53 exactly: a tie, even 1.0 */
    T(&g, s, float128_to_float64(Q(0x3fff000000000000ull, 1ull << 59), s),
      0x3ff0000000000000ull, IX);
    /* -2^63 = exponent 16383 + 63 = 0x403e */
    T128(&g, s, int64_to_float128(INT64_MIN, s), 0xc03e000000000000ull, 0, 0);
    T(&g, s, float128_to_int64(Q(0x403e000000000000ull, 0), s),
      0x8000000000000000ull, IV);
    /* 2.5 to int: RNE gives 2, inexact */
    T(&g, s, (uint32_t)float128_to_int32(Q(0x4000400000000000ull, 0), s), 2, IX);
    /* SNaN narrows: the top 52 fraction bits 0x123456789abc0, quiet bit
     * 0x8000000000000 set */
    T(&g, s, float128_to_float64(Q(0x7fff000000000000ull | 0x123456789abcull,
                                   0), s),
      0x7ff923456789abc0ull, IV);
    /* x87 1/3 widened to binary128: the 63 fraction bits 0101..1011 at
     * the top, so the low word is 0101 0101 0101 0110 then zeros */
    T128(&g, s, floatx80_to_float128(make_floatx80(0x3ffd,
                                                   0xaaaaaaaaaaaaaaabull), s),
         0x3ffd555555555555ull, 0x5556000000000000ull, 0);
    group_end(&g);
}

static void test_half(void)
{
    Group g = { "binary16 IEEE and ARM AHP conversions" };
    FloatStatus st, *s = &st;

    float_status_init_arm(s);
    T(&g, s, float32_to_float16(0x3f800000, true, s), 0x3c00, 0);
    T(&g, s, float16_to_float32(0x3c00, true, s), 0x3f800000, 0);
    /* 65504 = max binary16 */
    T(&g, s, float32_to_float16(0x477fe000, true, s), 0x7bff, 0);
    /* 65520: a tie between 65504 (odd) and 65536, which overflows */
    T(&g, s, float32_to_float16(0x477ff000, true, s), 0x7c00, OF | IX);
    /* in AHP 65536 = 0x7c00 is a number: only inexact */
    T(&g, s, float32_to_float16(0x477ff000, false, s), 0x7c00, IX);
    /* AHP 0x7fff = 2^15 * (2 - 2^-10) = 131008 = 0x47ffe000 */
    T(&g, s, float16_to_float32(0x7fff, false, s), 0x47ffe000, 0);
    T(&g, s, float16_to_float32(0x7c00, false, s), 0x47800000, 0);
    /* AHP has no inf/NaN: saturate or zero, invalid, never overflow */
    T(&g, s, float32_to_float16(0x7f800000, false, s), 0x7fff, IV);
    T(&g, s, float32_to_float16(0xff800000, false, s), 0xffff, IV);
    T(&g, s, float32_to_float16(0x7fc00000, false, s), 0x0000, IV);
    /* FPConvert: a NaN to AHP is FPZero(sign) */
    T(&g, s, float32_to_float16(0xffc00000, false, s), 0x8000, IV);
    T(&g, s, float64_to_float16(0xfff8000000000000ull, false, s), 0x8000, IV);
    T(&g, s, float32_to_float16(0x49742400, false, s), 0x7fff, IV); /* 1e6 */
    /* 2^-24 is the smallest subnormal, exact */
    T(&g, s, float32_to_float16(0x33800000, true, s), 0x0001, 0);
    /* 2^-25: a tie between 0 and 2^-24, even is 0; tiny and inexact */
    T(&g, s, float32_to_float16(0x33000000, true, s), 0x0000, UF | IX);
    /* 1.5 * 2^-25 is above the tie */
    T(&g, s, float32_to_float16(0x33400000, true, s), 0x0001, UF | IX);
    /* SNaN 0x7c01 widens: fraction 1 << 13, quiet bit 0x400000 */
    T(&g, s, float16_to_float32(0x7c01, true, s), 0x7fc02000, IV);
    /* binary64 1/3 to binary16: 0x3555 (fraction 0101..., rest < half) */
    T(&g, s, float64_to_float16(0x3fd5555555555555ull, true, s), 0x3555, IX);
    T(&g, s, float16_to_float64(0x3555, true, s), 0x3fd5540000000000ull, 0);
    /* binary16 arithmetic: 1 + 2^-11 is a tie, 1 + 3*2^-11 rounds up */
    T(&g, s, float16_add(0x3c00, 0x1000, s), 0x3c00, IX);
    T(&g, s, float16_add(0x3c00, 0x1200, s), 0x3c01, IX);
    T(&g, s, float16_mul(0x4200, 0x4200, s), 0x4880, 0); /* 3 * 3 = 9 */
    group_end(&g);
}

static void test_bfloat16(void)
{
    Group g = { "bfloat16 conversions and arithmetic" };
    FloatStatus st, *s = &st;

    float_status_init_arm(s);
    /* 1 + 2^-8: a tie between 0x3f80 and 0x3f81, even wins */
    T(&g, s, float32_to_bfloat16(0x3f808000, s), 0x3f80, IX);
    /* 0x3f818000: a tie with odd 0x3f81, rounds to 0x3f82 */
    T(&g, s, float32_to_bfloat16(0x3f818000, s), 0x3f82, IX);
    T(&g, s, float32_to_bfloat16(0x3f818001, s), 0x3f82, IX);
    /* FLT_MAX rounds past the largest bfloat16: overflow */
    T(&g, s, float32_to_bfloat16(0x7f7fffff, s), 0x7f80, OF | IX);
    T(&g, s, bfloat16_to_float32(0x4049, s), 0x40490000, 0);
    T(&g, s, bfloat16_to_float64(0xc049, s), 0xc009200000000000ull, 0);
    T(&g, s, bfloat16_add(0x3f80, 0x3f80, s), 0x4000, 0);
    T(&g, s, bfloat16_mul(0x4040, 0x4040, s), 0x4110, 0);   /* 3 * 3 = 9 */
    T(&g, s, bfloat16_add(0x3f80, 0x3b80, s), 0x3f80, IX);  /* 1 + 2^-8 */
    T(&g, s, bfloat16_div(0x3f80, 0x4040, s), 0x3eab, IX);  /* 1/3 */
    T(&g, s, bfloat16_sqrt(0x4080, s), 0x4000, 0);          /* sqrt 4 */
    T(&g, s, bfloat16_sub(0x7f80, 0x7f80, s), 0x7fc0, IV);  /* ARM dNaN */
    group_end(&g);
}

static void test_arm(void)
{
    Group g = { "ARM default NaN, flush-to-zero, saturation, NaN order" };
    FloatStatus st, *s = &st;

    float_status_init_arm(s);
    /* NaN order: SNaN before QNaN, then a before b */
    T(&g, s, float32_add(0x7fc00001, 0x7f800002, s), 0x7fc00002, IV);
    T(&g, s, float32_add(0x7f800001, 0x7f800002, s), 0x7fc00001, IV);
    T(&g, s, float32_add(0x7fc00001, 0x7fc00002, s), 0x7fc00001, 0);
    /* FMA looks at the addend first: c, a, b */
    T(&g, s, float32_muladd(0x7fc00001, 0x7fc00002, 0x7fc00003, 0, s),
      0x7fc00003, 0);
    T(&g, s, float32_muladd(0x7f800001, 0x3f800000, 0x7fc00003, 0, s),
      0x7fc00001, IV);
    /* inf * 0 + QNaN: default NaN and invalid */
    T(&g, s, float32_muladd(0x7f800000, 0, 0x7fc00003, 0, s), 0x7fc00000, IV);
    /* ... but a signalling addend is propagated, quieted */
    T(&g, s, float32_muladd(0x7f800000, 0, 0x7f800003, 0, s), 0x7fc00003, IV);
    /* default NaN mode (FPSCR.DN) */
    s->default_nan_mode = true;
    T(&g, s, float32_add(0x7f800001, 0x3f800000, s), 0x7fc00000, IV);
    T(&g, s, float32_add(0xffc00123, 0x3f800000, s), 0x7fc00000, 0);
    T(&g, s, float64_sqrt(0xbff0000000000000ull, s), 0x7ff8000000000000ull,
      IV);
    s->default_nan_mode = false;
    /* FZ: denormal inputs read as zero (IDC), tiny results flush (UFC
     * without inexact) */
    s->flush_to_zero = true;
    s->flush_inputs_to_zero = true;
    T(&g, s, float32_add(0x00000001, 0x80000000, s), 0x00000000, FL);
    T(&g, s, float32_mul(0x00800000, 0x3f000000, s), 0x00000000, UF);
    T(&g, s, float64_mul(0x0010000000000000ull, 0xbfe0000000000000ull, s),
      0x8000000000000000ull, UF);
    /* tininess before rounding: (2 - 2^-23) * 2^-127 rounds to 2^-126 but
     * is tiny before rounding, so it flushes */
    T(&g, s, float32_mul(0x00ffffff, 0x3f000000, s), 0, UF);
    s->flush_to_zero = false;
    s->flush_inputs_to_zero = false;
    /* without FZ the same product rounds up to min normal: tiny before
     * rounding and inexact, so underflow */
    T(&g, s, float32_mul(0x00ffffff, 0x3f000000, s), 0x00800000, UF | IX);
    /* saturating conversions, NaN -> 0 */
    T(&g, s, (uint32_t)float32_to_int32(0x501502f9, s), 0x7fffffff, IV); /* 1e10 */
    T(&g, s, (uint32_t)float32_to_int32(0xd01502f9, s), 0x80000000, IV);
    T(&g, s, (uint32_t)float32_to_int32(0x7fc00000, s), 0, IV);
    T(&g, s, float32_to_uint32(0xbf800000, s), 0, IV);         /* -1 */
    T(&g, s, float32_to_uint32(0xbf000000, s), 0, IX);         /* -0.5 -> -0 */
    T(&g, s, float64_to_int64(0x43e0000000000000ull, s),
      0x7fffffffffffffffull, IV);                               /* 2^63 */
    T(&g, s, float64_to_uint16(0x40f0000000000000ull, s), 0xffff, IV);
    /* fixed point: 1.75 * 2^4 = 28; 0.1f * 2^16 = 6553.6 -> 6553 */
    T(&g, s, (uint32_t)float32_to_int32_scalbn(0x3fe00000, float_round_to_zero, 4, s),
      28, 0);
    T(&g, s, (uint32_t)float32_to_int32_scalbn(0x3dcccccd, float_round_to_zero, 16, s),
      6553, IX);
    T(&g, s, int64_to_float32_scalbn(3, -1, s), 0x3fc00000, 0); /* 1.5 */
    T(&g, s, uint64_to_float64_scalbn(1, -1074, s), 1, 0);
    group_end(&g);
}

static void test_ppc(void)
{
    Group g = { "PowerPC NaN order and conversions" };
    FloatStatus st, *s = &st;

    float_status_init_ppc(s);
    /* first NaN operand wins, signalling or not */
    T(&g, s, float64_add(0x7ff8000000000001ull, 0x7ff0000000000002ull, s),
      0x7ff8000000000001ull, IV);
    T(&g, s, float64_add(0x3ff0000000000000ull, 0x7ff0000000000002ull, s),
      0x7ff8000000000002ull, IV);
    /* fmadd FRA*FRC+FRB checks FRA, FRB, FRC: here b=FRC, c=FRB */
    T(&g, s, float64_muladd(0x3ff0000000000000ull, 0x7ff8000000000002ull,
                            0x7ff8000000000003ull, 0, s),
      0x7ff8000000000003ull, 0);
    T(&g, s, float64_muladd(0x7ff8000000000001ull, 0x7ff8000000000002ull,
                            0x7ff8000000000003ull, 0, s),
      0x7ff8000000000001ull, 0);
    /* inf * 0 + QNaN: the addend, with invalid (VXIMZ) */
    T(&g, s, float64_muladd(0x7ff0000000000000ull, 0,
                            0x7ff8000000000003ull, 0, s),
      0x7ff8000000000003ull, IV);
    T(&g, s, float64_div(0, 0, s), 0x7ff8000000000000ull, IV);
    /* NaN converts to the most negative integer */
    T(&g, s, (uint32_t)float64_to_int32(0x7ff8000000000000ull, s), 0x80000000, IV);
    T(&g, s, (uint32_t)float64_to_int32(0x41f0000000000000ull, s), 0x7fffffff, IV);
    group_end(&g);
}

static void test_mips(void)
{
    Group g = { "MIPS legacy quiet-bit sense and default NaN" };
    FloatStatus st, *s = &st;

    float_status_init_mips_legacy(s);
    /* legacy: fraction msb set means signalling */
    T(&g, s, float32_is_signaling_nan(0x7fc00000, s), 1, 0);
    T(&g, s, float32_is_quiet_nan(0x7fbfffff, s), 1, 0);
    /* default NaN: quiet bit clear, the rest set */
    T(&g, s, float32_div(0, 0, s), 0x7fbfffff, IV);
    T(&g, s, float64_sqrt(0xbff0000000000000ull, s), 0x7ff7ffffffffffffull,
      IV);
    /* an SNaN cannot be quieted by clearing the bit: default NaN */
    T(&g, s, float32_add(0x7fc00000, 0x3f800000, s), 0x7fbfffff, IV);
    /* a QNaN propagates unchanged */
    T(&g, s, float32_add(0x7f800001, 0x3f800000, s), 0x7f800001, 0);
    T(&g, s, float32_to_float64(0x7f800001, s), 0x7ff0000020000000ull, 0);
    /* out of range or NaN converts to 2^31 - 1 */
    T(&g, s, (uint32_t)float32_to_int32(0xd01502f9, s), 0x7fffffff, IV);
    T(&g, s, (uint32_t)float32_to_int32(0x7f800001, s), 0x7fffffff, IV);
    /* inf * 0 + QNaN: default NaN, invalid */
    T(&g, s, float32_muladd(0x7f800000, 0, 0x7f800005, 0, s), 0x7fbfffff,
      IV);

    float_status_init_mips2008(s);
    T(&g, s, float32_div(0, 0, s), 0x7fc00000, IV);
    T(&g, s, float32_add(0x7f800001, 0x3f800000, s), 0x7fc00001, IV);
    group_end(&g);
}

static void test_sparc(void)
{
    Group g = { "SPARC NaN order (b before a) and default NaN" };
    FloatStatus st, *s = &st;

    float_status_init_sparc(s);
    /* two QNaNs: rs2 (b) wins */
    T(&g, s, float32_add(0x7fc00001, 0x7fc00002, s), 0x7fc00002, 0);
    /* an SNaN still beats a QNaN, wherever it is */
    T(&g, s, float32_add(0x7f800001, 0x7fc00002, s), 0x7fc00001, IV);
    T(&g, s, float64_mul(0x7ff0000000000001ull, 0x7ff0000000000002ull, s),
      0x7ff8000000000002ull, IV);
    /* default NaN: all fraction bits set */
    T(&g, s, float32_sub(0x7f800000, 0x7f800000, s), 0x7fffffff, IV);
    T(&g, s, float64_div(0, 0, s), 0x7fffffffffffffffull, IV);
    group_end(&g);
}

static void test_rounding(void)
{
    Group g = { "ties-away and round-to-odd" };
    FloatStatus st, *s = &st;

    float_status_init_arm(s);
    s->rounding_mode = float_round_ties_away;
    /* 1 + 2^-24 is a tie: away gives 1 + 2^-23 */
    T(&g, s, float32_add(0x3f800000, 0x33800000, s), 0x3f800001, IX);
    T(&g, s, float32_add(0xbf800000, 0xb3800000, s), 0xbf800001, IX);
    T(&g, s, float64_round_to_int(0x4004000000000000ull, s),
      0x4008000000000000ull, IX);                            /* 2.5 -> 3 */
    T(&g, s, float64_round_to_int(0xc004000000000000ull, s),
      0xc008000000000000ull, IX);                            /* -2.5 -> -3 */
    T(&g, s, (uint32_t)float32_to_int32(0x40200000, s), 3, IX);        /* 2.5 */
    T128(&g, s, float128_add(Q_ONE, Q_HALFULP1, s), 0x3fff000000000000ull, 1,
         IX);
    s->rounding_mode = float_round_nearest_even;
    T(&g, s, float32_add(0x3f800000, 0x33800000, s), 0x3f800000, IX);
    T(&g, s, float64_round_to_int(0x4004000000000000ull, s),
      0x4000000000000000ull, IX);                            /* 2.5 -> 2 */
    /* round to odd: 1 + 2^-60 keeps a sticky lsb */
    s->rounding_mode = float_round_to_odd;
    T(&g, s, float64_add(0x3ff0000000000000ull, 0x3c30000000000000ull, s),
      0x3ff0000000000001ull, IX);
    /* exact results are untouched */
    T(&g, s, float64_add(0x3ff0000000000000ull, 0x3ff0000000000000ull, s),
      0x4000000000000000ull, 0);
    /* overflow in round-to-odd gives the largest finite */
    T(&g, s, float64_mul(0x7fefffffffffffffull, 0x4000000000000000ull, s),
      0x7fefffffffffffffull, OF | IX);
    group_end(&g);
}

static void test_misc(void)
{
    Group g = { "min/max, muladd variants, remainder, classify, x87 encodings" };
    FloatStatus st, *s = &st;

    float_status_init_arm(s);
    /* 754-2008 minNum: a QNaN loses; an SNaN gives a NaN */
    T(&g, s, float64_minnum(0x7ff8000000000000ull, 0x3ff0000000000000ull, s),
      0x3ff0000000000000ull, 0);
    T(&g, s, float64_minnum(0x7ff0000000000001ull, 0x3ff0000000000000ull, s),
      0x7ff8000000000001ull, IV);
    /* 754-2019 minimumNumber: any NaN loses */
    T(&g, s, float64_minimum_number(0x7ff0000000000001ull,
                                    0x3ff0000000000000ull, s),
      0x3ff0000000000000ull, IV);
    /* 754-2019 minimum: NaN wins; -0 < +0 */
    T(&g, s, float64_min(0x7ff8000000000000ull, 0x3ff0000000000000ull, s),
      0x7ff8000000000000ull, 0);
    T(&g, s, float64_min(0, 0x8000000000000000ull, s), 0x8000000000000000ull,
      0);
    T(&g, s, float64_max(0x8000000000000000ull, 0, s), 0, 0);
    /* x86 semantics: the second operand for NaN or both zero */
    T(&g, s, float64_max_x86(0x7ff8000000000000ull, 0x3ff0000000000000ull,
                             s), 0x3ff0000000000000ull, IV);
    T(&g, s, float64_min_x86(0, 0x8000000000000000ull, s),
      0x8000000000000000ull, 0);
    T(&g, s, float64_min_x86(0x8000000000000000ull, 0, s), 0, 0);
    /* muladd variants on 2 * 3 + 1 */
    T(&g, s, float64_muladd(0x4000000000000000ull, 0x4008000000000000ull,
                            0x3ff0000000000000ull,
                            float_muladd_negate_product, s),
      0xc014000000000000ull, 0);                             /* -6 + 1 */
    T(&g, s, float64_muladd(0x4000000000000000ull, 0x4008000000000000ull,
                            0x3ff0000000000000ull, float_muladd_negate_c, s),
      0x4014000000000000ull, 0);                             /* 6 - 1 */
    T(&g, s, float64_muladd(0x4000000000000000ull, 0x4008000000000000ull,
                            0x3ff0000000000000ull,
                            float_muladd_negate_result, s),
      0xc01c000000000000ull, 0);                             /* -(7) */
    T(&g, s, float64_muladd(0x4000000000000000ull, 0x4008000000000000ull,
                            0x3ff0000000000000ull,
                            float_muladd_halve_result, s),
      0x400c000000000000ull, 0);                             /* 7 / 2 */
    /* IEEE remainder: 5 rem 3 = -1 (5/3 rounds to 2); 7 rem 2 = -1 (3.5
     * ties to 4); 5 rem 2 = 1 (2.5 ties to 2) */
    T(&g, s, float64_rem(0x4014000000000000ull, 0x4008000000000000ull, s),
      0xbff0000000000000ull, 0);
    T(&g, s, float64_rem(0x401c000000000000ull, 0x4000000000000000ull, s),
      0xbff0000000000000ull, 0);
    T(&g, s, float64_rem(0x4014000000000000ull, 0x4000000000000000ull, s),
      0x3ff0000000000000ull, 0);
    T(&g, s, float32_rem(0x7f800000, 0x3f800000, s), 0x7fc00000, IV);
    T(&g, s, float64_classify(1, s), float_class_pos_subnormal, 0);
    T(&g, s, float64_classify(0xfff0000000000000ull, s), float_class_neg_inf,
      0);
    T(&g, s, float32_classify(0x7f800001, s), float_class_snan, 0);
    T(&g, s, float32_is_denormal(0x00000001), 1, 0);
    T(&g, s, float32_is_zero(0x80000000) + float32_is_neg(0x80000000), 2, 0);
    T(&g, s, float64_is_infinity(0xfff0000000000000ull), 1, 0);
    T(&g, s, float64_is_denormal(0x0010000000000000ull), 0, 0);
    T(&g, s, float32_scalbn(0x3f800000, -149, s), 1, 0);     /* 2^-149 */
    T(&g, s, float32_scalbn(0x3f800000, 128, s), 0x7f800000, OF | IX);

    float_status_init_x87(s);
    /* unnormal (exponent set, integer bit clear): invalid, indefinite */
    TX80(&g, s, floatx80_add(make_floatx80(0x3fff, 0x4000000000000000ull),
                             make_floatx80(0x3fff, 0x8000000000000000ull), s),
         0xffff, 0xc000000000000000ull, IV);
    /* pseudo-infinity likewise */
    TX80(&g, s, floatx80_mul(make_floatx80(0x7fff, 0),
                             make_floatx80(0x3fff, 0x8000000000000000ull), s),
         0xffff, 0xc000000000000000ull, IV);
    /* pseudo-denormal 0000:8000... is 2^-16382: normalises, denormal used */
    TX80(&g, s, floatx80_add(make_floatx80(0, 0x8000000000000000ull),
                             make_floatx80(0, 0), s),
         0x0001, 0x8000000000000000ull, DE);
    group_end(&g);
}

int main(void)
{
    test_float128();
    test_float128_convert();
    test_half();
    test_bfloat16();
    test_arm();
    test_ppc();
    test_mips();
    test_sparc();
    test_rounding();
    test_misc();
    return tap_exit_status();
}
