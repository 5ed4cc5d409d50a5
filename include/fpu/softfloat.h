/*
 * softfloat.h: software IEEE-754 floating point, independent of any guest.
 *
 * Every operation takes a FloatStatus that holds the rounding mode, the
 * accumulated exception flags and the target's rules (NaN propagation,
 * default NaN, flush-to-zero, out-of-range integer results).  A target
 * fills one FloatStatus per FP unit (float_status_init_*), then changes
 * only the rounding mode and flags at run time.
 *
 * Formats: float16 (IEEE binary16, or ARM AHP), bfloat16, float32,
 * float64, floatx80 (x87 80-bit extended), float128 (binary128).
 * Values are passed as raw bit patterns.
 */
#ifndef FPU_SOFTFLOAT_H
#define FPU_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

typedef uint16_t float16;
typedef uint16_t bfloat16;
typedef uint32_t float32;
typedef uint64_t float64;

/* x87 80-bit: high = sign and 15-bit exponent, low = 64-bit significand
 * with an explicit integer bit. */
typedef struct {
    uint64_t low;
    uint16_t high;
} floatx80;

typedef struct {
    uint64_t low;
    uint64_t high;
} float128;

/* Rounding modes. */
typedef enum {
    float_round_nearest_even = 0,
    float_round_down = 1,          /* toward -inf */
    float_round_up = 2,            /* toward +inf */
    float_round_to_zero = 3,
    float_round_ties_away = 4,     /* nearest, ties away from zero */
    float_round_to_odd = 5,        /* jam: inexact results get an odd lsb */
} FloatRoundMode;

/* Exception flags; the low six bits match the x86 MXCSR/x87 layout. */
enum {
    float_flag_invalid = 0x01,
    float_flag_input_denormal = 0x02,  /* denormal operand used (x86 DE) */
    float_flag_divbyzero = 0x04,
    float_flag_overflow = 0x08,
    float_flag_underflow = 0x10,
    float_flag_inexact = 0x20,
    float_flag_input_flushed = 0x40,   /* denormal input flushed (ARM IDC) */
};

/* x87 precision control: significand bits of floatx80 results. */
typedef enum {
    floatx80_precision_x = 64,
    floatx80_precision_d = 53,
    floatx80_precision_s = 24,
} FloatX80Precision;

/* Which NaN a two-operand operation returns when both could be chosen. */
typedef enum {
    float_nan_first,        /* first NaN operand in order (x86 SSE, PPC) */
    float_nan_snan_first,   /* SNaNs in order, then QNaNs (ARM, MIPS, SPARC) */
    float_nan_x87,          /* QNaN over SNaN, else larger significand (x87) */
} FloatNanProp;

/* What fma(inf, 0, qnan) and fma(0, inf, qnan) return. */
typedef enum {
    float_infzero_nan_c,           /* the QNaN addend, no flag (x86) */
    float_infzero_nan_c_invalid,   /* the QNaN addend, invalid (PPC, MIPS R6) */
    float_infzero_default_invalid, /* default NaN, invalid (ARM, MIPS legacy) */
} FloatInfZeroRule;

/* Float to integer when the value is NaN or out of range (always invalid). */
typedef enum {
    float_int_indefinite,     /* x86: INT_MIN signed, all ones unsigned */
    float_int_saturate,       /* ARM: saturate, NaN -> 0 */
    float_int_saturate_nanmin,/* PPC: saturate, NaN -> most negative */
    float_int_maxint,         /* MIPS legacy: always the largest signed */
} FloatIntOverflow;

/* The NaN rules of one target, set once. */
typedef struct {
    FloatNanProp prop;
    bool order_ba;            /* consider operand b before a (SPARC) */
    uint8_t fma_order[3];     /* NaN order for 3 inputs: 0=a 1=b 2=c */
    FloatInfZeroRule infzero;
    bool snan_bit_is_one;     /* MIPS legacy, PA-RISC: msb set = signalling */
    bool default_nan_sign;
    /* fraction of the default NaN, left-aligned: bit 63 = fraction msb */
    uint64_t default_nan_frac;
} FloatNanRules;

typedef struct {
    uint8_t rounding_mode;        /* FloatRoundMode */
    uint8_t floatx80_precision;   /* FloatX80Precision (0 means 64) */
    uint8_t flags;                /* accumulated float_flag_* */
    bool tininess_before_rounding;
    bool flush_to_zero;           /* tiny results -> zero (ARM FZ, x86 FTZ) */
    bool flush_inputs_to_zero;    /* denormal inputs -> zero (ARM FZ, x86 DAZ) */
    bool ftz_sets_inexact;        /* flushing also raises inexact (x86) */
    bool default_nan_mode;        /* NaN results are the default NaN (ARM DN) */
    bool soft_only;               /* never use the host FPU fast path */
    uint8_t int_overflow;         /* FloatIntOverflow */
    FloatNanRules nan;
} FloatStatus;

typedef FloatStatus float_status;

/* Comparison results. */
typedef enum {
    float_relation_less = -1,
    float_relation_equal = 0,
    float_relation_greater = 1,
    float_relation_unordered = 2,
} FloatRelation;

/* Classification bits returned by *_classify. */
enum {
    float_class_snan = 1 << 0,
    float_class_qnan = 1 << 1,
    float_class_neg_inf = 1 << 2,
    float_class_neg_normal = 1 << 3,
    float_class_neg_subnormal = 1 << 4,
    float_class_neg_zero = 1 << 5,
    float_class_pos_zero = 1 << 6,
    float_class_pos_subnormal = 1 << 7,
    float_class_pos_normal = 1 << 8,
    float_class_pos_inf = 1 << 9,
};

/* Flags for the fused multiply-add variants. */
enum {
    float_muladd_negate_c = 1,
    float_muladd_negate_product = 2,
    float_muladd_negate_result = 4,
    float_muladd_halve_result = 8,
};

/* Status presets for the common targets. */
void float_status_init_x86_sse(FloatStatus *s);
void float_status_init_x87(FloatStatus *s);
void float_status_init_arm(FloatStatus *s);
void float_status_init_mips_legacy(FloatStatus *s);
void float_status_init_mips2008(FloatStatus *s);
void float_status_init_ppc(FloatStatus *s);
void float_status_init_sparc(FloatStatus *s);

static inline void float_raise(FloatStatus *s, int flags)
{
    s->flags |= flags;
}

/* Accessors, for code that prefers calls to field writes. */
static inline void set_float_rounding_mode(int mode, FloatStatus *s)
{
    s->rounding_mode = mode;
}

static inline int get_float_rounding_mode(const FloatStatus *s)
{
    return s->rounding_mode;
}

static inline int get_float_exception_flags(const FloatStatus *s)
{
    return s->flags;
}

static inline void set_float_exception_flags(int flags, FloatStatus *s)
{
    s->flags = flags;
}

static inline void set_floatx80_rounding_precision(int bits, FloatStatus *s)
{
    s->floatx80_precision = bits;
}

static inline void set_flush_to_zero(bool on, FloatStatus *s)
{
    s->flush_to_zero = on;
}

static inline void set_flush_inputs_to_zero(bool on, FloatStatus *s)
{
    s->flush_inputs_to_zero = on;
}

static inline void set_default_nan_mode(bool on, FloatStatus *s)
{
    s->default_nan_mode = on;
}

/* Declarations for one of bfloat16/float32/float64/floatx80/float128. */
#define FPU_DECLARE_COMMON(T)                                           \
    T T##_add(T a, T b, FloatStatus *s);                                \
    T T##_sub(T a, T b, FloatStatus *s);                                \
    T T##_mul(T a, T b, FloatStatus *s);                                \
    T T##_div(T a, T b, FloatStatus *s);                                \
    T T##_sqrt(T a, FloatStatus *s);                                    \
    T T##_rem(T a, T b, FloatStatus *s);                                \
    T T##_muladd(T a, T b, T c, int flags, FloatStatus *s);             \
    T T##_round_to_int(T a, FloatStatus *s);                            \
    T T##_round_to_int_mode(T a, int mode, bool exact, FloatStatus *s); \
    T T##_scalbn(T a, int n, FloatStatus *s);                           \
    T T##_min(T a, T b, FloatStatus *s);                                \
    T T##_max(T a, T b, FloatStatus *s);                                \
    T T##_minnum(T a, T b, FloatStatus *s);                             \
    T T##_maxnum(T a, T b, FloatStatus *s);                             \
    T T##_minimum_number(T a, T b, FloatStatus *s);                     \
    T T##_maximum_number(T a, T b, FloatStatus *s);                     \
    T T##_min_x86(T a, T b, FloatStatus *s);                            \
    T T##_max_x86(T a, T b, FloatStatus *s);                            \
    FloatRelation T##_compare(T a, T b, FloatStatus *s);                \
    FloatRelation T##_compare_quiet(T a, T b, FloatStatus *s);          \
    int T##_classify(T a, FloatStatus *s);                              \
    bool T##_is_quiet_nan(T a, FloatStatus *s);                         \
    bool T##_is_signaling_nan(T a, FloatStatus *s);                     \
    bool T##_is_any_nan(T a);                                           \
    T T##_silence_nan(T a, FloatStatus *s);                             \
    T T##_default_nan(FloatStatus *s);                                  \
    int16_t T##_to_int16_scalbn(T a, int mode, int scale, FloatStatus *s); \
    int32_t T##_to_int32_scalbn(T a, int mode, int scale, FloatStatus *s); \
    int64_t T##_to_int64_scalbn(T a, int mode, int scale, FloatStatus *s); \
    uint16_t T##_to_uint16_scalbn(T a, int mode, int scale, FloatStatus *s); \
    uint32_t T##_to_uint32_scalbn(T a, int mode, int scale, FloatStatus *s); \
    uint64_t T##_to_uint64_scalbn(T a, int mode, int scale, FloatStatus *s); \
    int16_t T##_to_int16(T a, FloatStatus *s);                          \
    int32_t T##_to_int32(T a, FloatStatus *s);                          \
    int64_t T##_to_int64(T a, FloatStatus *s);                          \
    uint16_t T##_to_uint16(T a, FloatStatus *s);                        \
    uint32_t T##_to_uint32(T a, FloatStatus *s);                        \
    uint64_t T##_to_uint64(T a, FloatStatus *s);                        \
    int16_t T##_to_int16_round_to_zero(T a, FloatStatus *s);            \
    int32_t T##_to_int32_round_to_zero(T a, FloatStatus *s);            \
    int64_t T##_to_int64_round_to_zero(T a, FloatStatus *s);            \
    uint16_t T##_to_uint16_round_to_zero(T a, FloatStatus *s);          \
    uint32_t T##_to_uint32_round_to_zero(T a, FloatStatus *s);          \
    uint64_t T##_to_uint64_round_to_zero(T a, FloatStatus *s);          \
    T int64_to_##T##_scalbn(int64_t v, int scale, FloatStatus *s);      \
    T uint64_to_##T##_scalbn(uint64_t v, int scale, FloatStatus *s);    \
    T int16_to_##T(int16_t v, FloatStatus *s);                          \
    T int32_to_##T(int32_t v, FloatStatus *s);                          \
    T int64_to_##T(int64_t v, FloatStatus *s);                          \
    T uint16_to_##T(uint16_t v, FloatStatus *s);                        \
    T uint32_to_##T(uint32_t v, FloatStatus *s);                        \
    T uint64_to_##T(uint64_t v, FloatStatus *s);                        \
    float32 T##_to_float32(T a, FloatStatus *s);                        \
    float64 T##_to_float64(T a, FloatStatus *s);                        \
    floatx80 T##_to_floatx80(T a, FloatStatus *s);                      \
    float128 T##_to_float128(T a, FloatStatus *s);                      \
    float16 T##_to_float16(T a, bool ieee, FloatStatus *s);             \
    bfloat16 T##_to_bfloat16(T a, FloatStatus *s);

FPU_DECLARE_COMMON(float32)
FPU_DECLARE_COMMON(float64)
FPU_DECLARE_COMMON(floatx80)
FPU_DECLARE_COMMON(float128)
FPU_DECLARE_COMMON(bfloat16)

/*
 * float16: the `ieee` argument selects IEEE binary16 (true) or ARM's
 * alternative half precision (false: no inf/NaN, exponent 31 is normal).
 * Arithmetic is IEEE only.
 */
float16 float16_add(float16 a, float16 b, FloatStatus *s);
float16 float16_sub(float16 a, float16 b, FloatStatus *s);
float16 float16_mul(float16 a, float16 b, FloatStatus *s);
float16 float16_div(float16 a, float16 b, FloatStatus *s);
float16 float16_sqrt(float16 a, FloatStatus *s);
float16 float16_muladd(float16 a, float16 b, float16 c, int flags,
                       FloatStatus *s);
FloatRelation float16_compare(float16 a, float16 b, FloatStatus *s);
FloatRelation float16_compare_quiet(float16 a, float16 b, FloatStatus *s);
float32 float16_to_float32(float16 a, bool ieee, FloatStatus *s);
float64 float16_to_float64(float16 a, bool ieee, FloatStatus *s);
int32_t float16_to_int32(float16 a, FloatStatus *s);
float16 int32_to_float16(int32_t v, FloatStatus *s);

/* floatx80 only: x87 partial remainder (fprem), quotient low bits in *quot;
 * returns true when the reduction is complete (C2 clear). */
floatx80 floatx80_prem(floatx80 a, floatx80 b, uint64_t *quot,
                       bool *complete, FloatStatus *s);
/* floatx80 only: IEEE partial remainder (fprem1). */
floatx80 floatx80_prem1(floatx80 a, floatx80 b, uint64_t *quot,
                        bool *complete, FloatStatus *s);
/* true for encodings the x87 rejects: unnormals, pseudo-NaN/inf. */
bool floatx80_invalid_encoding(floatx80 a);

/* Sign manipulation never raises flags. */
static inline float32 float32_chs(float32 a)
{
    return a ^ 0x80000000u;
}

static inline float64 float64_chs(float64 a)
{
    return a ^ 0x8000000000000000ull;
}

/* Class tests on the encoding alone. */
static inline bool float32_is_zero(float32 a)
{
    return (a & 0x7fffffffu) == 0;
}

static inline bool float32_is_infinity(float32 a)
{
    return (a & 0x7fffffffu) == 0x7f800000u;
}

static inline bool float32_is_neg(float32 a)
{
    return a >> 31;
}

static inline bool float32_is_denormal(float32 a)
{
    return (a & 0x7f800000u) == 0 && (a & 0x007fffffu) != 0;
}

static inline bool float64_is_zero(float64 a)
{
    return (a & 0x7fffffffffffffffull) == 0;
}

static inline bool float64_is_infinity(float64 a)
{
    return (a & 0x7fffffffffffffffull) == 0x7ff0000000000000ull;
}

static inline bool float64_is_neg(float64 a)
{
    return a >> 63;
}

static inline bool float64_is_denormal(float64 a)
{
    return (a & 0x7ff0000000000000ull) == 0
        && (a & 0x000fffffffffffffull) != 0;
}

static inline float32 float32_abs(float32 a)
{
    return a & 0x7fffffffu;
}

static inline float64 float64_abs(float64 a)
{
    return a & 0x7fffffffffffffffull;
}

static inline floatx80 floatx80_chs(floatx80 a)
{
    a.high ^= 0x8000;
    return a;
}

static inline floatx80 floatx80_abs(floatx80 a)
{
    a.high &= 0x7fff;
    return a;
}

static inline float128 float128_chs(float128 a)
{
    a.high ^= 0x8000000000000000ull;
    return a;
}

static inline float128 float128_abs(float128 a)
{
    a.high &= 0x7fffffffffffffffull;
    return a;
}

static inline float16 float16_chs(float16 a)
{
    return a ^ 0x8000;
}

static inline bfloat16 bfloat16_chs(bfloat16 a)
{
    return a ^ 0x8000;
}

static inline floatx80 make_floatx80(uint16_t high, uint64_t low)
{
    floatx80 r = { .low = low, .high = high };
    return r;
}

static inline float128 make_float128(uint64_t high, uint64_t low)
{
    float128 r = { .low = low, .high = high };
    return r;
}

#endif
