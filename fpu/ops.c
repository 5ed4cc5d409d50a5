/*
 * ops.c: the public functions of every format, generated from one
 * template over the FloatParts core.  float32/float64 add, sub, mul,
 * div, sqrt and muladd get a host-FPU fast path in hostfast.c; here they
 * are the *_soft versions.
 */
#include "internal.h"

bool floatx80_invalid_encoding(floatx80 a)
{
    unsigned e = a.high & 0x7fff;

    /* nonzero exponent without the integer bit: unnormal, pseudo-inf/NaN */
    return e != 0 && !(a.low >> 63);
}

/* Unpack; x87 encodings the hardware rejects behave like an SNaN that
 * yields the default NaN. */
static FloatParts unpack_x80(floatx80 a, const FloatStatus *s)
{
    if (floatx80_invalid_encoding(a)) {
        FloatParts p = fpu_parts_default_nan(s);
        p.cls = FC_SNAN;
        p.bad = true;
        return p;
    }
    return fpu_parts_unpack(&floatx80_fmt, floatx80_raw(a), s);
}

#define float16_unpack(a, s) fpu_parts_unpack(&float16_fmt, (a), (s))
#define bfloat16_unpack(a, s) fpu_parts_unpack(&bfloat16_fmt, (a), (s))
#define float32_unpack(a, s) fpu_parts_unpack(&float32_fmt, (a), (s))
#define float64_unpack(a, s) fpu_parts_unpack(&float64_fmt, (a), (s))
#define floatx80_unpack(a, s) unpack_x80((a), (s))
#define float128_unpack(a, s)                                          \
    fpu_parts_unpack(&float128_fmt, float128_raw(a), (s))

#define float16_fmtp (&float16_fmt)
#define bfloat16_fmtp (&bfloat16_fmt)
#define float32_fmtp (&float32_fmt)
#define float64_fmtp (&float64_fmt)
#define floatx80_fmtp (&floatx80_fmt)
#define float128_fmtp (&float128_fmt)

/* Precision of arithmetic results: x87 precision control for floatx80. */
static inline int arith_prec(const FloatFmt *f, const FloatStatus *s)
{
    if (f->explicit_int && s->floatx80_precision) {
        return s->floatx80_precision;
    }
    return fmt_prec(f);
}

/* Denormal inputs of conversions are flushed but not reported as used. */
static inline void flush_only(FloatParts *p, FloatStatus *s)
{
    if (p->denormal && s->flush_inputs_to_zero) {
        p->cls = FC_ZERO;
        p->frac = 0;
        float_raise(s, float_flag_input_flushed);
    }
}

/* Start an operation: flush inputs, remember denormal use (x86 DE). */
#define IN_BEGIN(...)                                                  \
    uint8_t sv_ = fpu_parts_op_begin(s);                               \
    bool den_ = fpu_parts_input_check(__VA_ARGS__, s)

/* The same where only some formats report DE: x87 frndint does, SSE
 * roundsd does not; SSE cvtsd2ss does, x87 fst m32 does not. */
#define IN_BEGIN_DE(de, p)                                             \
    uint8_t sv_ = fpu_parts_op_begin(s);                               \
    bool den_ = (de) ? fpu_parts_input_check((p), NULL, NULL, s)       \
                     : (flush_only((p), s), false)

#define RETURN_END(expr) do {                                          \
        __typeof__(expr) r_ = (expr);                                  \
        fpu_parts_op_end(s, sv_, den_);                                \
        return r_;                                                     \
    } while (0)

/* Packing into each format, exact width or with the arithmetic width. */
#define PACK(T, p, s)                                                  \
    T##_from_raw(fpu_pack_##T((p), fmt_prec(T##_fmtp), (s)))
#define PACK_ARITH(T, p, s)                                            \
    T##_from_raw(fpu_pack_##T((p), arith_prec(T##_fmtp, (s)), (s)))

/* Conversion into T from parts of another format. */
#define CONVERT_TO(T, p, s) T##_from_raw(fpu_parts_convert(T##_fmtp, (p), (s)))

#define GEN_BINOP(T, NAME, EXPR)                                       \
    T T##_##NAME(T a, T b, FloatStatus *s)                             \
    {                                                                  \
        FloatParts pa = T##_unpack(a, s), pb = T##_unpack(b, s);       \
        FloatParts r;                                                  \
        IN_BEGIN(&pa, &pb, NULL);                                      \
        r = EXPR;                                                      \
        RETURN_END(PACK_ARITH(T, &r, s));                              \
    }

#define GEN_MINMAX(T, NAME, KIND)                                      \
    T T##_##NAME(T a, T b, FloatStatus *s)                             \
    {                                                                  \
        FloatParts pa = T##_unpack(a, s), pb = T##_unpack(b, s);       \
        FloatParts r, *pick;                                           \
        int i;                                                         \
        IN_BEGIN(&pa, &pb, NULL);                                      \
        i = fpu_parts_minmax(pa, pb, (KIND), &r, s);                   \
        if (i < 0) {                                                   \
            RETURN_END(PACK(T, &r, s));                                \
        }                                                              \
        pick = i ? &pb : &pa;                                          \
        if (pick->denormal && pick->cls == FC_ZERO) {                  \
            RETURN_END(PACK(T, pick, s));                              \
        }                                                              \
        RETURN_END(i ? b : a);                                         \
    }

#define GEN_TO_INT(T, ITYPE, NAME, MIN, MAX)                           \
    ITYPE T##_to_##NAME##_scalbn(T a, int mode, int scale, FloatStatus *s) \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        flush_only(&p, s);                                             \
        return (ITYPE)fpu_parts_to_sint(p, mode, scale, (MIN), (MAX), s); \
    }                                                                  \
    ITYPE T##_to_##NAME(T a, FloatStatus *s)                           \
    {                                                                  \
        return T##_to_##NAME##_scalbn(a, s->rounding_mode, 0, s);      \
    }                                                                  \
    ITYPE T##_to_##NAME##_round_to_zero(T a, FloatStatus *s)           \
    {                                                                  \
        return T##_to_##NAME##_scalbn(a, float_round_to_zero, 0, s);   \
    }

#define GEN_TO_UINT(T, ITYPE, NAME, MAX)                               \
    ITYPE T##_to_##NAME##_scalbn(T a, int mode, int scale, FloatStatus *s) \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        flush_only(&p, s);                                             \
        return (ITYPE)fpu_parts_to_uint(p, mode, scale, (MAX), s);     \
    }                                                                  \
    ITYPE T##_to_##NAME(T a, FloatStatus *s)                           \
    {                                                                  \
        return T##_to_##NAME##_scalbn(a, s->rounding_mode, 0, s);      \
    }                                                                  \
    ITYPE T##_to_##NAME##_round_to_zero(T a, FloatStatus *s)           \
    {                                                                  \
        return T##_to_##NAME##_scalbn(a, float_round_to_zero, 0, s);   \
    }

#define GEN_FROM_INT(T, ITYPE, NAME, CONV)                             \
    T NAME##_to_##T(ITYPE v, FloatStatus *s)                           \
    {                                                                  \
        FloatParts p = CONV(v, 0);                                     \
        return PACK(T, &p, s);                                         \
    }

/* Everything but the six operations that may have a fast path. */
#define GEN_FORMAT(T)                                                  \
    GEN_BINOP(T, add_soft, fpu_parts_addsub(pa, pb, false, s))         \
    GEN_BINOP(T, sub_soft, fpu_parts_addsub(pa, pb, true, s))          \
    GEN_BINOP(T, mul_soft, fpu_parts_mul(pa, pb, s))                   \
    GEN_BINOP(T, div_soft,                                             \
              fpu_parts_div(pa, pb, arith_prec(T##_fmtp, s), s))       \
    T T##_sqrt_soft(T a, FloatStatus *s)                               \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN(&p, NULL, NULL);                                      \
        p = fpu_parts_sqrt(p, arith_prec(T##_fmtp, s), s);             \
        RETURN_END(PACK_ARITH(T, &p, s));                              \
    }                                                                  \
    T T##_muladd_soft(T a, T b, T c, int flags, FloatStatus *s)        \
    {                                                                  \
        FloatParts pa = T##_unpack(a, s), pb = T##_unpack(b, s);       \
        FloatParts pc = T##_unpack(c, s), r;                           \
        IN_BEGIN(&pa, &pb, &pc);                                       \
        r = fpu_parts_muladd(pa, pb, pc, flags, s);                    \
        RETURN_END(PACK_ARITH(T, &r, s));                              \
    }                                                                  \
    T T##_rem(T a, T b, FloatStatus *s)                                \
    {                                                                  \
        FloatParts pa = T##_unpack(a, s), pb = T##_unpack(b, s), r;    \
        uint64_t q;                                                    \
        bool done;                                                     \
        IN_BEGIN(&pa, &pb, NULL);                                      \
        r = fpu_parts_rem(pa, pb, true, 0, &q, &done, s);              \
        RETURN_END(PACK(T, &r, s));                                    \
    }                                                                  \
    T T##_round_to_int_mode(T a, int mode, bool exact, FloatStatus *s) \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN_DE(T##_fmtp->explicit_int, &p);                       \
        p = fpu_parts_round_to_int(p, mode, exact, s);                 \
        RETURN_END(PACK(T, &p, s));                                    \
    }                                                                  \
    T T##_round_to_int(T a, FloatStatus *s)                            \
    {                                                                  \
        return T##_round_to_int_mode(a, s->rounding_mode, true, s);    \
    }                                                                  \
    T T##_scalbn(T a, int n, FloatStatus *s)                           \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN(&p, NULL, NULL);                                      \
        p = fpu_parts_scalbn(p, n, s);                                 \
        RETURN_END(PACK(T, &p, s));                                    \
    }                                                                  \
    GEN_MINMAX(T, min, MINMAX_MIN)                                     \
    GEN_MINMAX(T, max, MINMAX_MAX)                                     \
    GEN_MINMAX(T, minnum, MINMAX_MIN | MINMAX_NUM)                     \
    GEN_MINMAX(T, maxnum, MINMAX_MAX | MINMAX_NUM)                     \
    GEN_MINMAX(T, minimum_number, MINMAX_MIN | MINMAX_NUMBER)          \
    GEN_MINMAX(T, maximum_number, MINMAX_MAX | MINMAX_NUMBER)          \
    GEN_MINMAX(T, min_x86, MINMAX_MIN | MINMAX_X86)                    \
    GEN_MINMAX(T, max_x86, MINMAX_MAX | MINMAX_X86)                    \
    FloatRelation T##_compare(T a, T b, FloatStatus *s)                \
    {                                                                  \
        FloatParts pa = T##_unpack(a, s), pb = T##_unpack(b, s);       \
        IN_BEGIN(&pa, &pb, NULL);                                      \
        RETURN_END(fpu_parts_compare(pa, pb, false, s));               \
    }                                                                  \
    FloatRelation T##_compare_quiet(T a, T b, FloatStatus *s)          \
    {                                                                  \
        FloatParts pa = T##_unpack(a, s), pb = T##_unpack(b, s);       \
        IN_BEGIN(&pa, &pb, NULL);                                      \
        RETURN_END(fpu_parts_compare(pa, pb, true, s));                \
    }                                                                  \
    int T##_classify(T a, FloatStatus *s)                              \
    {                                                                  \
        return fpu_parts_classify(T##_fmtp, T##_raw(a), s);            \
    }                                                                  \
    bool T##_is_quiet_nan(T a, FloatStatus *s)                         \
    {                                                                  \
        return T##_unpack(a, s).cls == FC_QNAN;                        \
    }                                                                  \
    bool T##_is_signaling_nan(T a, FloatStatus *s)                     \
    {                                                                  \
        return T##_unpack(a, s).cls == FC_SNAN;                        \
    }                                                                  \
    T T##_silence_nan(T a, FloatStatus *s)                             \
    {                                                                  \
        FloatParts p = fpu_parts_silence_nan(T##_unpack(a, s), s);     \
        return PACK(T, &p, s);                                         \
    }                                                                  \
    T T##_default_nan(FloatStatus *s)                                  \
    {                                                                  \
        FloatParts p = fpu_parts_default_nan(s);                       \
        return PACK(T, &p, s);                                         \
    }                                                                  \
    GEN_TO_INT(T, int16_t, int16, INT16_MIN, INT16_MAX)                \
    GEN_TO_INT(T, int32_t, int32, INT32_MIN, INT32_MAX)                \
    GEN_TO_INT(T, int64_t, int64, INT64_MIN, INT64_MAX)                \
    GEN_TO_UINT(T, uint16_t, uint16, UINT16_MAX)                       \
    GEN_TO_UINT(T, uint32_t, uint32, UINT32_MAX)                       \
    GEN_TO_UINT(T, uint64_t, uint64, UINT64_MAX)                       \
    T int64_to_##T##_scalbn(int64_t v, int scale, FloatStatus *s)      \
    {                                                                  \
        FloatParts p = fpu_parts_from_sint(v, scale);                  \
        return PACK(T, &p, s);                                         \
    }                                                                  \
    T uint64_to_##T##_scalbn(uint64_t v, int scale, FloatStatus *s)    \
    {                                                                  \
        FloatParts p = fpu_parts_from_uint(v, scale);                  \
        return PACK(T, &p, s);                                         \
    }                                                                  \
    GEN_FROM_INT(T, int16_t, int16, fpu_parts_from_sint)               \
    GEN_FROM_INT(T, int32_t, int32, fpu_parts_from_sint)               \
    GEN_FROM_INT(T, int64_t, int64, fpu_parts_from_sint)               \
    GEN_FROM_INT(T, uint16_t, uint16, fpu_parts_from_uint)             \
    GEN_FROM_INT(T, uint32_t, uint32, fpu_parts_from_uint)             \
    GEN_FROM_INT(T, uint64_t, uint64, fpu_parts_from_uint)             \
    float32 T##_to_float32(T a, FloatStatus *s)                        \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN_DE(!T##_fmtp->explicit_int, &p);                      \
        RETURN_END(CONVERT_TO(float32, p, s));                         \
    }                                                                  \
    float64 T##_to_float64(T a, FloatStatus *s)                        \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN_DE(!T##_fmtp->explicit_int, &p);                      \
        RETURN_END(CONVERT_TO(float64, p, s));                         \
    }                                                                  \
    floatx80 T##_to_floatx80(T a, FloatStatus *s)                      \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN_DE(!T##_fmtp->explicit_int, &p);                      \
        RETURN_END(CONVERT_TO(floatx80, p, s));                        \
    }                                                                  \
    float128 T##_to_float128(T a, FloatStatus *s)                      \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN_DE(!T##_fmtp->explicit_int, &p);                      \
        RETURN_END(CONVERT_TO(float128, p, s));                        \
    }                                                                  \
    bfloat16 T##_to_bfloat16(T a, FloatStatus *s)                      \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN_DE(!T##_fmtp->explicit_int, &p);                      \
        RETURN_END(CONVERT_TO(bfloat16, p, s));                        \
    }                                                                  \
    float16 T##_to_float16(T a, bool ieee, FloatStatus *s)             \
    {                                                                  \
        FloatParts p = T##_unpack(a, s);                               \
        IN_BEGIN_DE(!T##_fmtp->explicit_int, &p);                      \
        RETURN_END(fpu_parts_to_float16(p, ieee, s));                  \
    }

/* Formats without a fast path: the public names are the soft versions. */
#define GEN_PLAIN(T)                                                   \
    T T##_add(T a, T b, FloatStatus *s)                                \
    {                                                                  \
        return T##_add_soft(a, b, s);                                  \
    }                                                                  \
    T T##_sub(T a, T b, FloatStatus *s)                                \
    {                                                                  \
        return T##_sub_soft(a, b, s);                                  \
    }                                                                  \
    T T##_mul(T a, T b, FloatStatus *s)                                \
    {                                                                  \
        return T##_mul_soft(a, b, s);                                  \
    }                                                                  \
    T T##_div(T a, T b, FloatStatus *s)                                \
    {                                                                  \
        return T##_div_soft(a, b, s);                                  \
    }                                                                  \
    T T##_sqrt(T a, FloatStatus *s)                                    \
    {                                                                  \
        return T##_sqrt_soft(a, s);                                    \
    }                                                                  \
    T T##_muladd(T a, T b, T c, int flags, FloatStatus *s)             \
    {                                                                  \
        return T##_muladd_soft(a, b, c, flags, s);                     \
    }

GEN_FORMAT(float32)
GEN_FORMAT(float64)
GEN_FORMAT(floatx80)
GEN_FORMAT(float128)
GEN_FORMAT(bfloat16)

GEN_PLAIN(floatx80)
GEN_PLAIN(float128)
GEN_PLAIN(bfloat16)

GEN_BINOP(float16, add, fpu_parts_addsub(pa, pb, false, s))
GEN_BINOP(float16, sub, fpu_parts_addsub(pa, pb, true, s))
GEN_BINOP(float16, mul, fpu_parts_mul(pa, pb, s))
GEN_BINOP(float16, div, fpu_parts_div(pa, pb, 11, s))

float16 float16_sqrt(float16 a, FloatStatus *s)
{
    FloatParts p = float16_unpack(a, s);

    IN_BEGIN(&p, NULL, NULL);
    p = fpu_parts_sqrt(p, 11, s);
    RETURN_END(PACK(float16, &p, s));
}

float16 float16_muladd(float16 a, float16 b, float16 c, int flags,
                       FloatStatus *s)
{
    FloatParts pa = float16_unpack(a, s), pb = float16_unpack(b, s);
    FloatParts pc = float16_unpack(c, s), r;

    IN_BEGIN(&pa, &pb, &pc);
    r = fpu_parts_muladd(pa, pb, pc, flags, s);
    RETURN_END(PACK(float16, &r, s));
}

FloatRelation float16_compare(float16 a, float16 b, FloatStatus *s)
{
    FloatParts pa = float16_unpack(a, s), pb = float16_unpack(b, s);

    IN_BEGIN(&pa, &pb, NULL);
    RETURN_END(fpu_parts_compare(pa, pb, false, s));
}

FloatRelation float16_compare_quiet(float16 a, float16 b, FloatStatus *s)
{
    FloatParts pa = float16_unpack(a, s), pb = float16_unpack(b, s);

    IN_BEGIN(&pa, &pb, NULL);
    RETURN_END(fpu_parts_compare(pa, pb, true, s));
}

/* ---- x87 partial remainders ----------------------------------------- */

static floatx80 prem_common(floatx80 a, floatx80 b, bool ieee, uint64_t *quot,
                            bool *complete, FloatStatus *s)
{
    FloatParts pa = floatx80_unpack(a, s), pb = floatx80_unpack(b, s), r;

    IN_BEGIN(&pa, &pb, NULL);
    r = fpu_parts_rem(pa, pb, ieee, 64, quot, complete, s);
    RETURN_END(PACK(floatx80, &r, s));
}

floatx80 floatx80_prem(floatx80 a, floatx80 b, uint64_t *quot,
                       bool *complete, FloatStatus *s)
{
    return prem_common(a, b, false, quot, complete, s);
}

floatx80 floatx80_prem1(floatx80 a, floatx80 b, uint64_t *quot,
                        bool *complete, FloatStatus *s)
{
    return prem_common(a, b, true, quot, complete, s);
}

bool float32_is_any_nan(float32 a)
{
    return (a & 0x7fffffffu) > 0x7f800000u;
}

bool float64_is_any_nan(float64 a)
{
    return (a & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}

bool floatx80_is_any_nan(floatx80 a)
{
    return (a.high & 0x7fff) == 0x7fff && (a.low << 1) != 0;
}

bool float128_is_any_nan(float128 a)
{
    return (a.high & 0x7fff000000000000ull) == 0x7fff000000000000ull
        && ((a.high & 0xffffffffffffull) | a.low) != 0;
}

bool bfloat16_is_any_nan(bfloat16 a)
{
    return (a & 0x7fff) > 0x7f80;
}
