/*
 * test-fpu-host.c: differential test of the soft-float library against
 * the x86-64 host: SSE binary32/binary64 under every MXCSR rounding mode
 * with and without FTZ/DAZ, and x87 80-bit under every precision and
 * rounding control, plus binary16 against F16C, unsigned conversions
 * against AVX-512F, and binary128 against binary64 through an exact
 * embedding.  Result bits and exception flags must match.
 *
 * Each case runs three ways: soft path only, fast path allowed, and fast
 * path with inexact already set (the host's flags plus inexact expected).
 *
 *   test-fpu-host [--seed N] [--count N]   (count: random cases per op)
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fpu/softfloat.h"
#include "../unit/tap.h"
#if defined(__x86_64__)

#include "fpu-gen.h"

#define MAX_DIAG 5

static long random_count = 20000;

/* ---- the host as oracle ----------------------------------------------
 *
 * Every operation runs inside one asm statement that loads the MXCSR
 * (SSE) or control word (x87), computes, and reads the flags back, so
 * the compiler cannot move or fold it.
 */

#define MXCSR_DEFAULT 0x1f80u   /* all exceptions masked, nearest even */
#define MXCSR_DAZ 0x0040u
#define MXCSR_FTZ 0x8000u

static inline uint32_t mxcsr_for(int rc, bool ftz, bool daz)
{
    return MXCSR_DEFAULT | (uint32_t)rc << 13 | (ftz ? MXCSR_FTZ : 0)
        | (daz ? MXCSR_DAZ : 0);
}

/* One SSE instruction "insn src, dst" with dst read and written. */
#define SSE_RMW(insn, dst, src, csr, fl) do {                            \
        uint32_t out_, def_ = MXCSR_DEFAULT;                             \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[s], %[d]\n\t"       \
                         "stmxcsr %[o]\n\tldmxcsr %[df]"                 \
                         : [d] "+x"(dst), [o] "=m"(out_)                 \
                         : [s] "x"(src), [c] "m"(csr), [df] "m"(def_));  \
        *(fl) = out_ & 0x3f;                                             \
    } while (0)

/* One SSE instruction "insn src, dst" with dst only written. */
#define SSE_CONV(insn, dcons, dst, scons, src, csr, fl) do {             \
        uint32_t out_, def_ = MXCSR_DEFAULT;                             \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[s], %[d]\n\t"       \
                         "stmxcsr %[o]\n\tldmxcsr %[df]"                 \
                         : [d] dcons(dst), [o] "=m"(out_)                \
                         : [s] scons(src), [c] "m"(csr), [df] "m"(def_)); \
        *(fl) = out_ & 0x3f;                                             \
    } while (0)

static inline double hd(uint64_t a)
{
    double d;

    memcpy(&d, &a, 8);
    return d;
}

static inline uint64_t hbits(double d)
{
    uint64_t a;

    memcpy(&a, &d, 8);
    return a;
}

static inline float hf(uint64_t a)
{
    uint32_t v = (uint32_t)a;
    float f;

    memcpy(&f, &v, 4);
    return f;
}

static inline uint64_t hfbits(float f)
{
    uint32_t a;

    memcpy(&a, &f, 4);
    return a;
}

/* comisd/ucomisd and friends: map ZF, PF, CF to a FloatRelation. */
#define SSE_COMPARE(insn, x, y, csr, fl, rel) do {                       \
        uint32_t out_, def_ = MXCSR_DEFAULT;                             \
        uint8_t z_, p_, c_;                                              \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[y], %[x]\n\t"       \
                         "setz %[z]\n\tsetp %[p]\n\tsetc %[cf]\n\t"      \
                         "stmxcsr %[o]\n\tldmxcsr %[df]"                 \
                         : [z] "=q"(z_), [p] "=q"(p_), [cf] "=q"(c_),    \
                           [o] "=m"(out_)                                \
                         : [x] "x"(x), [y] "x"(y), [c] "m"(csr),         \
                           [df] "m"(def_)                                \
                         : "cc");                                        \
        *(fl) = out_ & 0x3f;                                             \
        rel = p_ ? 2 : z_ ? 0 : c_ ? -1 : 1;                             \
    } while (0)

/* ---- x87 ------------------------------------------------------------ */

static inline uint16_t x87_cw(int pc_bits, int rc)
{
    int pc = pc_bits == 24 ? 0 : pc_bits == 53 ? 2 : 3;

    /* all exceptions masked (0x7f), precision control, rounding control */
    return (uint16_t)(0x007f | pc << 8 | rc << 10);
}

/* st0 = a, st1 = b; run insn; store st0 to *r; return the status word. */
#define X87_BINOP(insn, a_, b_, r_, cw_) ({                                  \
        uint16_t sw_;                                                    \
        __asm__ volatile("fninit\n\tfldcw %[c]\n\tfldt %[b]\n\tfldt %[a]\n\t" \
                         insn "\n\tfnstsw %[s]\n\tfstpt %[r]\n\t"        \
                         "fstp %%st(0)"                                  \
                         : [r] "=m"(*(r_)), [s] "=m"(sw_)                 \
                         : [a] "m"(*(a_)), [b] "m"(*(b_)), [c] "m"(cw_)     \
                         : "st", "st(1)", "memory");                     \
        sw_;                                                             \
    })

#define X87_UNOP(insn, a_, r_, cw_) ({                                      \
        uint16_t sw_;                                                    \
        __asm__ volatile("fninit\n\tfldcw %[c]\n\tfldt %[a]\n\t"         \
                         insn "\n\tfnstsw %[s]\n\tfstpt %[r]"            \
                         : [r] "=m"(*(r_)), [s] "=m"(sw_)                 \
                         : [a] "m"(*(a_)), [c] "m"(cw_)                    \
                         : "st", "memory");                              \
        sw_;                                                             \
    })

/* Load 80-bit a, store with insn to memory *r (fistp, fstps, ...). */
#define X87_STORE(insn, a_, r_, cw_) ({                                     \
        uint16_t sw_;                                                    \
        __asm__ volatile("fninit\n\tfldcw %[c]\n\tfldt %[a]\n\t"         \
                         insn " %[r]\n\tfnstsw %[s]"                     \
                         : [r] "=m"(*(r_)), [s] "=m"(sw_)                 \
                         : [a] "m"(*(a_)), [c] "m"(cw_)                    \
                         : "st", "memory");                              \
        sw_;                                                             \
    })

/* Load memory *a with insn (flds, fldl, fildll), store the 80-bit value. */
#define X87_LOAD(insn, a_, r_, cw_) ({                                      \
        uint16_t sw_;                                                    \
        __asm__ volatile("fninit\n\tfldcw %[c]\n\t" insn " %[a]\n\t"     \
                         "fnstsw %[s]\n\tfstpt %[r]"                     \
                         : [r] "=m"(*(r_)), [s] "=m"(sw_)                 \
                         : [a] "m"(*(a_)), [c] "m"(cw_)                    \
                         : "st", "memory");                              \
        sw_;                                                             \
    })

/* ---- SSE operations: host and soft adapters --------------------------- */

typedef uint64_t HostFn(uint64_t a, uint64_t b, uint64_t c, int arg,
                        uint32_t csr, uint32_t *fl);
typedef uint64_t SoftFn(uint64_t a, uint64_t b, uint64_t c, int arg,
                        FloatStatus *s);

#define SSE_BIN(NAME, INSN, SOFT)                                         \
    static uint64_t h64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        double x = hd(a), y = hd(b);                                      \
        SSE_RMW(INSN "sd", x, y, csr, fl);                                \
        return hbits(x);                                                  \
    }                                                                     \
    static uint64_t h32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        float x = hf(a), y = hf(b);                                       \
        SSE_RMW(INSN "ss", x, y, csr, fl);                                \
        return hfbits(x);                                                 \
    }                                                                     \
    static uint64_t s64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return float64_##SOFT(a, b, s);                                   \
    }                                                                     \
    static uint64_t s32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return float32_##SOFT((float32)a, (float32)b, s);                 \
    }

SSE_BIN(add, "add", add)
SSE_BIN(sub, "sub", sub)
SSE_BIN(mul, "mul", mul)
SSE_BIN(div, "div", div)
SSE_BIN(min, "min", min_x86)
SSE_BIN(max, "max", max_x86)

static uint64_t h64_sqrt(uint64_t a, uint64_t b, uint64_t c, int arg,
                         uint32_t csr, uint32_t *fl)
{
    double x = 0, y = hd(a);

    SSE_RMW("sqrtsd", x, y, csr, fl);
    return hbits(x);
}

static uint64_t h32_sqrt(uint64_t a, uint64_t b, uint64_t c, int arg,
                         uint32_t csr, uint32_t *fl)
{
    float x = 0, y = hf(a);

    SSE_RMW("sqrtss", x, y, csr, fl);
    return hfbits(x);
}

static uint64_t s64_sqrt(uint64_t a, uint64_t b, uint64_t c, int arg,
                         FloatStatus *s)
{
    return float64_sqrt(a, s);
}

static uint64_t s32_sqrt(uint64_t a, uint64_t b, uint64_t c, int arg,
                         FloatStatus *s)
{
    return float32_sqrt((float32)a, s);
}

/* vfmadd213 x, y, z computes y * x + z; its NaN choice follows that
 * formula order, so the soft call is muladd(y, x, z). */
static uint64_t h64_fma(uint64_t a, uint64_t b, uint64_t c, int arg,
                        uint32_t csr, uint32_t *fl)
{
    double x = hd(a), y = hd(b), z = hd(c);
    uint32_t out, def = MXCSR_DEFAULT;

    __asm__ volatile("ldmxcsr %[c]\n\tvfmadd213sd %[z], %[y], %[x]\n\t"
                     "stmxcsr %[o]\n\tldmxcsr %[df]"
                     : [x] "+x"(x), [o] "=m"(out)
                     : [y] "x"(y), [z] "x"(z), [c] "m"(csr), [df] "m"(def));
    *fl = out & 0x3f;
    return hbits(x);
}

static uint64_t h32_fma(uint64_t a, uint64_t b, uint64_t c, int arg,
                        uint32_t csr, uint32_t *fl)
{
    float x = hf(a), y = hf(b), z = hf(c);
    uint32_t out, def = MXCSR_DEFAULT;

    __asm__ volatile("ldmxcsr %[c]\n\tvfmadd213ss %[z], %[y], %[x]\n\t"
                     "stmxcsr %[o]\n\tldmxcsr %[df]"
                     : [x] "+x"(x), [o] "=m"(out)
                     : [y] "x"(y), [z] "x"(z), [c] "m"(csr), [df] "m"(def));
    *fl = out & 0x3f;
    return hfbits(x);
}

static uint64_t s64_fma(uint64_t a, uint64_t b, uint64_t c, int arg,
                        FloatStatus *s)
{
    return float64_muladd(b, a, c, 0, s);
}

static uint64_t s32_fma(uint64_t a, uint64_t b, uint64_t c, int arg,
                        FloatStatus *s)
{
    return float32_muladd((float32)b, (float32)a, (float32)c, 0, s);
}

#define SSE_CMP(NAME, INSN, SOFT)                                         \
    static uint64_t h64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        double x = hd(a), y = hd(b);                                      \
        int rel;                                                          \
        SSE_COMPARE(INSN "sd", x, y, csr, fl, rel);                       \
        return (uint64_t)(int64_t)rel;                                    \
    }                                                                     \
    static uint64_t h32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        float x = hf(a), y = hf(b);                                       \
        int rel;                                                          \
        SSE_COMPARE(INSN "ss", x, y, csr, fl, rel);                       \
        return (uint64_t)(int64_t)rel;                                    \
    }                                                                     \
    static uint64_t s64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return (uint64_t)(int64_t)float64_##SOFT(a, b, s);                \
    }                                                                     \
    static uint64_t s32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return (uint64_t)(int64_t)float32_##SOFT((float32)a, (float32)b, s); \
    }

SSE_CMP(comi, "comi", compare)
SSE_CMP(ucomi, "ucomi", compare_quiet)

/* float to integer: cvt (current mode) and cvtt (truncate). */
#define SSE_TOINT(NAME, INSN, ITYPE, SOFT)                                \
    static uint64_t h64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        double y = hd(a);                                                 \
        ITYPE r;                                                          \
        SSE_CONV(INSN "sd2si", "=r", r, "x", y, csr, fl);                 \
        return (uint64_t)r;                                               \
    }                                                                     \
    static uint64_t h32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        float y = hf(a);                                                  \
        ITYPE r;                                                          \
        SSE_CONV(INSN "ss2si", "=r", r, "x", y, csr, fl);                 \
        return (uint64_t)r;                                               \
    }                                                                     \
    static uint64_t s64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return (uint64_t)(ITYPE)float64_##SOFT(a, s);                     \
    }                                                                     \
    static uint64_t s32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return (uint64_t)(ITYPE)float32_##SOFT((float32)a, s);            \
    }

/* AVX-512F unsigned conversions: vcvt[t]sd2usi and vcvtusi2sd */
#define AVX_TOUINT(NAME, INSN, ITYPE, SOFT)                               \
    static uint64_t h64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        double y = hd(a);                                                 \
        ITYPE r;                                                          \
        SSE_CONV(INSN "sd2usi", "=r", r, "x", y, csr, fl);                \
        return (uint64_t)r;                                               \
    }                                                                     \
    static uint64_t h32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        float y = hf(a);                                                  \
        ITYPE r;                                                          \
        SSE_CONV(INSN "ss2usi", "=r", r, "x", y, csr, fl);                \
        return (uint64_t)r;                                               \
    }                                                                     \
    static uint64_t s64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return (uint64_t)(ITYPE)float64_##SOFT(a, s);                     \
    }                                                                     \
    static uint64_t s32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return (uint64_t)(ITYPE)float32_##SOFT((float32)a, s);            \
    }

AVX_TOUINT(cvt_u32, "vcvt", uint32_t, to_uint32)
AVX_TOUINT(cvtt_u32, "vcvtt", uint32_t, to_uint32_round_to_zero)
AVX_TOUINT(cvt_u64, "vcvt", uint64_t, to_uint64)
AVX_TOUINT(cvtt_u64, "vcvtt", uint64_t, to_uint64_round_to_zero)

static uint64_t h64_from_u64(uint64_t a, uint64_t b, uint64_t c, int arg,
                             uint32_t csr, uint32_t *fl)
{
    double r = 0;
    uint32_t out, def = MXCSR_DEFAULT;

    __asm__ volatile("ldmxcsr %[c]\n\tvcvtusi2sdq %[s], %[d], %[d]\n\t"
                     "stmxcsr %[o]\n\tldmxcsr %[df]"
                     : [d] "+x"(r), [o] "=m"(out)
                     : [s] "r"(a), [c] "m"(csr), [df] "m"(def));
    *fl = out & 0x3f;
    return hbits(r);
}

static uint64_t h32_from_u64(uint64_t a, uint64_t b, uint64_t c, int arg,
                             uint32_t csr, uint32_t *fl)
{
    float r = 0;
    uint32_t out, def = MXCSR_DEFAULT;

    __asm__ volatile("ldmxcsr %[c]\n\tvcvtusi2ssq %[s], %[d], %[d]\n\t"
                     "stmxcsr %[o]\n\tldmxcsr %[df]"
                     : [d] "+x"(r), [o] "=m"(out)
                     : [s] "r"(a), [c] "m"(csr), [df] "m"(def));
    *fl = out & 0x3f;
    return hfbits(r);
}

static uint64_t s64_from_u64(uint64_t a, uint64_t b, uint64_t c, int arg,
                             FloatStatus *s)
{
    return uint64_to_float64(a, s);
}

static uint64_t s32_from_u64(uint64_t a, uint64_t b, uint64_t c, int arg,
                             FloatStatus *s)
{
    return uint64_to_float32(a, s);
}

SSE_TOINT(cvt_i32, "cvt", uint32_t, to_int32)
SSE_TOINT(cvtt_i32, "cvtt", uint32_t, to_int32_round_to_zero)
SSE_TOINT(cvt_i64, "cvt", uint64_t, to_int64)
SSE_TOINT(cvtt_i64, "cvtt", uint64_t, to_int64_round_to_zero)

/* float <-> double */
static uint64_t h64_cvtf(uint64_t a, uint64_t b, uint64_t c, int arg,
                         uint32_t csr, uint32_t *fl)
{
    double y = hd(a);
    float r;

    SSE_CONV("cvtsd2ss", "=x", r, "x", y, csr, fl);
    return hfbits(r);
}

static uint64_t h32_cvtf(uint64_t a, uint64_t b, uint64_t c, int arg,
                         uint32_t csr, uint32_t *fl)
{
    float y = hf(a);
    double r;

    SSE_CONV("cvtss2sd", "=x", r, "x", y, csr, fl);
    return hbits(r);
}

static uint64_t s64_cvtf(uint64_t a, uint64_t b, uint64_t c, int arg,
                         FloatStatus *s)
{
    return float64_to_float32(a, s);
}

static uint64_t s32_cvtf(uint64_t a, uint64_t b, uint64_t c, int arg,
                         FloatStatus *s)
{
    return float32_to_float64((float32)a, s);
}

/* integer to float: a holds the integer */
#define SSE_FROMINT(NAME, ITYPE, SOFT)                                    \
    static uint64_t h64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        ITYPE y = (ITYPE)a;                                               \
        double r;                                                         \
        SSE_CONV("cvtsi2sd", "=x", r, "r", y, csr, fl);                   \
        return hbits(r);                                                  \
    }                                                                     \
    static uint64_t h32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        ITYPE y = (ITYPE)a;                                               \
        float r;                                                          \
        SSE_CONV("cvtsi2ss", "=x", r, "r", y, csr, fl);                   \
        return hfbits(r);                                                 \
    }                                                                     \
    static uint64_t s64_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return SOFT##_to_float64((ITYPE)a, s);                            \
    }                                                                     \
    static uint64_t s32_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return SOFT##_to_float32((ITYPE)a, s);                            \
    }

SSE_FROMINT(from_i32, int32_t, int32)
SSE_FROMINT(from_i64, int64_t, int64)

/* roundsd/roundss: arg is the immediate (mode, bit 2 = MXCSR, bit 3 =
 * no inexact); asm needs a constant, hence the switch. */
#define ROUND_CASE(I, INSN, T)                                            \
    case I:                                                               \
        __asm__ volatile("ldmxcsr %[c]\n\t" INSN " $" #I ", %[y], %[x]\n\t" \
                         "stmxcsr %[o]\n\tldmxcsr %[df]"                  \
                         : [x] "=x"(x), [o] "=m"(out)                     \
                         : [y] "x"(y), [c] "m"(csr), [df] "m"(def));      \
        break;

#define ROUND_SWITCH(INSN)                                                \
    switch (arg) {                                                        \
        ROUND_CASE(0, INSN, T) ROUND_CASE(1, INSN, T)                     \
        ROUND_CASE(2, INSN, T) ROUND_CASE(3, INSN, T)                     \
        ROUND_CASE(4, INSN, T) ROUND_CASE(8, INSN, T)                     \
        ROUND_CASE(9, INSN, T) ROUND_CASE(10, INSN, T)                    \
        ROUND_CASE(11, INSN, T) ROUND_CASE(12, INSN, T)                   \
    default:                                                              \
        abort();                                                          \
    }

static uint64_t h64_round(uint64_t a, uint64_t b, uint64_t c, int arg,
                          uint32_t csr, uint32_t *fl)
{
    double x, y = hd(a);
    uint32_t out, def = MXCSR_DEFAULT;

    ROUND_SWITCH("roundsd")
    *fl = out & 0x3f;
    return hbits(x);
}

static uint64_t h32_round(uint64_t a, uint64_t b, uint64_t c, int arg,
                          uint32_t csr, uint32_t *fl)
{
    float x, y = hf(a);
    uint32_t out, def = MXCSR_DEFAULT;

    ROUND_SWITCH("roundss")
    *fl = out & 0x3f;
    return hfbits(x);
}

static int round_mode_of(int arg, FloatStatus *s)
{
    return arg & 4 ? s->rounding_mode : arg & 3;
}

static uint64_t s64_round(uint64_t a, uint64_t b, uint64_t c, int arg,
                          FloatStatus *s)
{
    return float64_round_to_int_mode(a, round_mode_of(arg, s), !(arg & 8), s);
}

static uint64_t s32_round(uint64_t a, uint64_t b, uint64_t c, int arg,
                          FloatStatus *s)
{
    return float32_round_to_int_mode((float32)a, round_mode_of(arg, s),
                                     !(arg & 8), s);
}

/* ---- SSE runner ------------------------------------------------------ */

enum { NEED_NONE, NEED_FMA, NEED_SSE41, NEED_AVX512 };

typedef struct {
    const char *name;
    int nargs;
    int kind;
    int need;
    HostFn *h64, *h32;
    SoftFn *s64, *s32;
} SseOp;

#define OP(N, NARGS, KIND, NEED) \
    { #N, NARGS, KIND, NEED, h64_##N, h32_##N, s64_##N, s32_##N }

static const SseOp sse_ops[] = {
    OP(add, 2, K_ADD, NEED_NONE),
    OP(sub, 2, K_ADD, NEED_NONE),
    OP(mul, 2, K_MUL, NEED_NONE),
    OP(div, 2, K_DIV, NEED_NONE),
    OP(sqrt, 1, K_UNARY, NEED_NONE),
    OP(fma, 3, K_MUL, NEED_FMA),
    OP(min, 2, K_ADD, NEED_NONE),
    OP(max, 2, K_ADD, NEED_NONE),
    OP(comi, 2, K_ADD, NEED_NONE),
    OP(ucomi, 2, K_ADD, NEED_NONE),
    OP(cvt_i32, 1, K_UNARY, NEED_NONE),
    OP(cvtt_i32, 1, K_UNARY, NEED_NONE),
    OP(cvt_i64, 1, K_UNARY, NEED_NONE),
    OP(cvtt_i64, 1, K_UNARY, NEED_NONE),
    OP(cvtf, 1, K_UNARY, NEED_NONE),
    OP(from_i32, 1, K_INT, NEED_NONE),
    OP(from_i64, 1, K_INT, NEED_NONE),
    OP(round, 1, K_UNARY, NEED_SSE41),
    OP(cvt_u32, 1, K_UNARY, NEED_AVX512),
    OP(cvtt_u32, 1, K_UNARY, NEED_AVX512),
    OP(cvt_u64, 1, K_UNARY, NEED_AVX512),
    OP(cvtt_u64, 1, K_UNARY, NEED_AVX512),
    OP(from_u64, 1, K_INT, NEED_AVX512),
};

typedef struct {
    long cases, fails;
} Tally;

static const char *const rc_name[] = { "near", "down", "up", "zero" };

static void sse_case(const SseOp *op, bool is64, uint64_t a, uint64_t b,
                     uint64_t c, int arg, int cfg, Tally *t)
{
    int rc = cfg & 3;
    bool ftz = cfg & 4, daz = cfg & 8;
    uint32_t hfl, sfl;
    uint64_t hr, sr;
    int variant;

    hr = (is64 ? op->h64 : op->h32)(a, b, c, arg, mxcsr_for(rc, ftz, daz),
                                    &hfl);
    t->cases++;
    for (variant = 0; variant < 3; variant++) {
        FloatStatus s;
        uint32_t want = hfl;

        float_status_init_x86_sse(&s);
        s.rounding_mode = rc;
        s.flush_to_zero = ftz;
        s.flush_inputs_to_zero = daz;
        s.soft_only = variant == 0;
        if (variant == 2) {
            s.flags = float_flag_inexact;
            want |= float_flag_inexact;
        }
        sr = (is64 ? op->s64 : op->s32)(a, b, c, arg, &s);
        sfl = s.flags & 0x3f;
        if (sr != hr || sfl != want) {
            if (t->fails++ < MAX_DIAG) {
                tap_diag("%s%s %016llx %016llx %016llx arg=%d rc=%s%s%s "
                         "%s: host %llx flags %02x, soft %llx flags %02x",
                         op->name, is64 ? "/64" : "/32",
                         (unsigned long long)a, (unsigned long long)b,
                         (unsigned long long)c, arg, rc_name[rc],
                         ftz ? " FTZ" : "", daz ? " DAZ" : "",
                         variant == 0 ? "soft" : variant == 1 ? "fast"
                         : "fast+inexact",
                         (unsigned long long)hr, want,
                         (unsigned long long)sr, sfl);
            }
            return;
        }
    }
}

static int rand_arg(const SseOp *op)
{
    static const int imms[] = { 0, 1, 2, 3, 4, 8, 9, 10, 11, 12 };

    return op->need == NEED_SSE41 ? imms[rnd() % 10] : 0;
}

static void run_sse_op(const SseOp *op, bool is64)
{
    const Fmt *f = is64 ? &fmt64 : &fmt32;
    uint64_t sp[40];
    int n = nspecials(f, sp), i, j, k, cfg;
    Tally t = { 0 };
    long r;
    char name[80];

    snprintf(name, sizeof(name), "SSE %s %s", is64 ? "float64" : "float32",
             op->name);
    if (op->need == NEED_FMA && !__builtin_cpu_supports("fma")) {
        tap_skip("host has no FMA3", name);
        return;
    }
    if (op->need == NEED_SSE41 && !__builtin_cpu_supports("sse4.1")) {
        tap_skip("host has no SSE4.1", name);
        return;
    }
    if (op->need == NEED_AVX512 && !__builtin_cpu_supports("avx512f")) {
        tap_skip("host has no AVX-512F", name);
        return;
    }
    /* hard classes: every pair of special values in every mode */
    for (cfg = 0; cfg < 16; cfg++) {
        if (op->kind == K_INT) {
            break;
        }
        for (i = 0; i < n; i++) {
            for (j = 0; j < (op->nargs > 1 ? n : 1); j++) {
                int kmax = op->nargs > 2 ? 6 : 1;
                for (k = 0; k < kmax; k++) {
                    uint64_t c = op->nargs > 2 ? sp[(k * 7 + cfg) % n] : 0;
                    sse_case(op, is64, sp[i], sp[j], c, rand_arg(op), cfg, &t);
                }
            }
        }
    }
    for (r = 0; r < random_count; r++) {
        uint64_t a, b, c;

        cfg = rnd() % 16;
        if (op->kind == K_INT) {
            a = gen_int();
        } else {
            a = gen(f);
        }
        b = (rnd() % 3 == 0) ? gen_related(f, op->kind, a) : gen(f);
        c = gen(f);
        if (op->nargs > 2 && rnd() % 3 == 0) {
            /* addend near the product: cancellation */
            FloatStatus s;
            float_status_init_x86_sse(&s);
            s.soft_only = true;
            c = is64 ? float64_mul(a, b, &s) : float32_mul(a, b, &s);
            c ^= (uint64_t)1 << (is64 ? 63 : 31);
            c += rnd() % 3;
        }
        sse_case(op, is64, a, b, c, rand_arg(op), cfg, &t);
    }
    tap_report(t.fails == 0, "%s, %ld hard-class + random cases, 4 rounding "
               "modes x FTZ/DAZ, soft and fast paths (%ld failed)",
               name, t.cases, t.fails);
}

/* ---- x87 ----------------------------------------------------------- */

typedef struct {
    floatx80 v;
    uint64_t i;
    uint16_t cc;     /* fprem: C2 and the quotient bits */
} X87Res;

typedef uint16_t X87Host(const floatx80 *a, const floatx80 *b, uint64_t ia,
                         uint16_t cw, X87Res *r);
typedef void X87Soft(floatx80 a, floatx80 b, uint64_t ia, FloatStatus *s,
                     X87Res *r);

#define X87_BIN(NAME, INSN, SOFT)                                         \
    static uint16_t hx_##NAME(const floatx80 *a, const floatx80 *b,       \
                              uint64_t ia, uint16_t cw, X87Res *r)        \
    {                                                                     \
        return X87_BINOP(INSN, a, b, &r->v, cw);                          \
    }                                                                     \
    static void sx_##NAME(floatx80 a, floatx80 b, uint64_t ia,            \
                          FloatStatus *s, X87Res *r)                      \
    {                                                                     \
        r->v = floatx80_##SOFT(a, b, s);                                  \
    }

X87_BIN(add, "fadd %%st(1), %%st", add)
X87_BIN(sub, "fsub %%st(1), %%st", sub)
X87_BIN(mul, "fmul %%st(1), %%st", mul)
X87_BIN(div, "fdiv %%st(1), %%st", div)

#define X87_UN(NAME, INSN, SOFT)                                          \
    static uint16_t hx_##NAME(const floatx80 *a, const floatx80 *b,       \
                              uint64_t ia, uint16_t cw, X87Res *r)        \
    {                                                                     \
        return X87_UNOP(INSN, a, &r->v, cw);                              \
    }                                                                     \
    static void sx_##NAME(floatx80 a, floatx80 b, uint64_t ia,            \
                          FloatStatus *s, X87Res *r)                      \
    {                                                                     \
        r->v = SOFT;                                                      \
    }

X87_UN(sqrt, "fsqrt", floatx80_sqrt(a, s))
X87_UN(rndint, "frndint", floatx80_round_to_int(a, s))

/* fprem/fprem1: C2 = incomplete, quotient bits Q2 = C0, Q1 = C3, Q0 = C1. */
#define X87_PREM(NAME, INSN, SOFT)                                        \
    static uint16_t hx_##NAME(const floatx80 *a, const floatx80 *b,       \
                              uint64_t ia, uint16_t cw, X87Res *r)        \
    {                                                                     \
        uint16_t sw = X87_BINOP(INSN, a, b, &r->v, cw);                   \
        r->cc = sw & 0x0400 ? 8 : ((sw >> 8 & 1) << 2 | (sw >> 14 & 1) << 1 \
                                   | (sw >> 9 & 1));                      \
        return sw;                                                        \
    }                                                                     \
    static void sx_##NAME(floatx80 a, floatx80 b, uint64_t ia,            \
                          FloatStatus *s, X87Res *r)                      \
    {                                                                     \
        uint64_t q;                                                       \
        bool done;                                                        \
        r->v = floatx80_##SOFT(a, b, &q, &done, s);                       \
        r->cc = done ? (q & 7) : 8;                                       \
    }

/* fcomi/fucomi: ZF, PF, CF to a relation in r->i */
#define X87_CMP(NAME, INSN, SOFT)                                         \
    static uint16_t hx_##NAME(const floatx80 *a, const floatx80 *b,       \
                              uint64_t ia, uint16_t cw, X87Res *r)        \
    {                                                                     \
        uint16_t sw;                                                      \
        uint8_t z, p, c;                                                  \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" \
                         INSN " %%st(1), %%st\n\tsetz %[z]\n\tsetp %[p]\n\t" \
                         "setc %[c]\n\tfnstsw %[sw]\n\tfstp %%st(0)\n\t"   \
                         "fstp %%st(0)"                                   \
                         : [z] "=q"(z), [p] "=q"(p), [c] "=q"(c),         \
                           [sw] "=m"(sw)                                  \
                         : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw)         \
                         : "st", "st(1)", "cc", "memory");                \
        r->i = (uint64_t)(int64_t)(p ? 2 : z ? 0 : c ? -1 : 1);           \
        return sw;                                                        \
    }                                                                     \
    static void sx_##NAME(floatx80 a, floatx80 b, uint64_t ia,            \
                          FloatStatus *s, X87Res *r)                      \
    {                                                                     \
        r->i = (uint64_t)(int64_t)floatx80_##SOFT(a, b, s);               \
    }

X87_CMP(fcomi, "fcomi", compare)
X87_CMP(fucomi, "fucomi", compare_quiet)

X87_PREM(prem, "fprem", prem)
X87_PREM(prem1, "fprem1", prem1)

#define X87_FIST(NAME, INSN, ITYPE, SOFT)                                 \
    static uint16_t hx_##NAME(const floatx80 *a, const floatx80 *b,       \
                              uint64_t ia, uint16_t cw, X87Res *r)        \
    {                                                                     \
        ITYPE v;                                                          \
        uint16_t sw = X87_STORE(INSN, a, &v, cw);                         \
        r->i = (uint64_t)v;                                               \
        return sw;                                                        \
    }                                                                     \
    static void sx_##NAME(floatx80 a, floatx80 b, uint64_t ia,            \
                          FloatStatus *s, X87Res *r)                      \
    {                                                                     \
        r->i = (uint64_t)(ITYPE)SOFT(a, s);                               \
    }

X87_FIST(fist16, "fistps", uint16_t, floatx80_to_int16)
X87_FIST(fist32, "fistpl", uint32_t, floatx80_to_int32)
X87_FIST(fist64, "fistpll", uint64_t, floatx80_to_int64)
X87_FIST(fisttp64, "fisttpll", uint64_t, floatx80_to_int64_round_to_zero)
X87_FIST(fst32, "fstps", uint32_t, floatx80_to_float32)
X87_FIST(fst64, "fstpl", uint64_t, floatx80_to_float64)

/* loads: ia holds the memory operand */
#define X87_LD(NAME, INSN, ITYPE, SOFT)                                   \
    static uint16_t hx_##NAME(const floatx80 *a, const floatx80 *b,       \
                              uint64_t ia, uint16_t cw, X87Res *r)        \
    {                                                                     \
        ITYPE v = (ITYPE)ia;                                              \
        return X87_LOAD(INSN, &v, &r->v, cw);                             \
    }                                                                     \
    static void sx_##NAME(floatx80 a, floatx80 b, uint64_t ia,            \
                          FloatStatus *s, X87Res *r)                      \
    {                                                                     \
        r->v = SOFT((ITYPE)ia, s);                                        \
    }

X87_LD(fld32, "flds", uint32_t, float32_to_floatx80)
X87_LD(fld64, "fldl", uint64_t, float64_to_floatx80)
X87_LD(fild64, "fildll", int64_t, int64_to_floatx80)

enum { LD_NONE, LD_F32, LD_F64, LD_INT };

typedef struct {
    const char *name;
    int nargs;
    int kind;
    int load;
    X87Host *host;
    X87Soft *soft;
} X87Op;

#define XOP(N, NARGS, KIND, LOAD) { #N, NARGS, KIND, LOAD, hx_##N, sx_##N }

static const X87Op x87_ops[] = {
    XOP(add, 2, K_ADD, LD_NONE),
    XOP(sub, 2, K_ADD, LD_NONE),
    XOP(mul, 2, K_MUL, LD_NONE),
    XOP(div, 2, K_DIV, LD_NONE),
    XOP(sqrt, 1, K_UNARY, LD_NONE),
    XOP(fcomi, 2, K_ADD, LD_NONE),
    XOP(fucomi, 2, K_ADD, LD_NONE),
    XOP(prem, 2, K_ADD, LD_NONE),
    XOP(prem1, 2, K_ADD, LD_NONE),
    XOP(rndint, 1, K_UNARY, LD_NONE),
    XOP(fist16, 1, K_UNARY, LD_NONE),
    XOP(fist32, 1, K_UNARY, LD_NONE),
    XOP(fist64, 1, K_UNARY, LD_NONE),
    XOP(fisttp64, 1, K_UNARY, LD_NONE),
    XOP(fst32, 1, K_UNARY, LD_NONE),
    XOP(fst64, 1, K_UNARY, LD_NONE),
    XOP(fld32, 1, K_UNARY, LD_F32),
    XOP(fld64, 1, K_UNARY, LD_F64),
    XOP(fild64, 1, K_UNARY, LD_INT),
};

static const int pc_bits[3] = { 24, 53, 64 };

static void x87_case(const X87Op *op, floatx80 a, floatx80 b, uint64_t ia,
                     int cfg, Tally *t)
{
    int rc = cfg & 3, pc = pc_bits[(cfg >> 2) % 3];
    X87Res hr = { { 0 } }, sr = { { 0 } };
    FloatStatus s;
    uint16_t sw;

    sw = op->host(&a, &b, ia, x87_cw(pc, rc), &hr);
    float_status_init_x87(&s);
    s.rounding_mode = rc;
    s.floatx80_precision = pc;
    op->soft(a, b, ia, &s, &sr);
    t->cases++;
    if (hr.v.low != sr.v.low || hr.v.high != sr.v.high || hr.i != sr.i
        || hr.cc != sr.cc || (sw & 0x3f) != (s.flags & 0x3f)) {
        if (t->fails++ < MAX_DIAG) {
            tap_diag("x87 %s %04x:%016llx %04x:%016llx i=%llx pc=%d rc=%s: "
                     "host %04x:%016llx i=%llx cc=%x flags %02x, "
                     "soft %04x:%016llx i=%llx cc=%x flags %02x",
                     op->name, a.high, (unsigned long long)a.low, b.high,
                     (unsigned long long)b.low, (unsigned long long)ia, pc,
                     rc_name[rc], hr.v.high, (unsigned long long)hr.v.low,
                     (unsigned long long)hr.i, hr.cc, sw & 0x3f, sr.v.high,
                     (unsigned long long)sr.v.low, (unsigned long long)sr.i,
                     sr.cc, s.flags & 0x3f);
        }
    }
}

static uint64_t x87_load_operand(int load)
{
    switch (load) {
    case LD_F32:
        return gen(&fmt32);
    case LD_F64:
        return gen(&fmt64);
    default:
        return gen_int();
    }
}

static void run_x87_op(const X87Op *op)
{
    floatx80 sp[40];
    uint64_t fsp[40];
    int n = x80_specials(sp), i, j, cfg;
    Tally t = { 0 };
    long r;

    for (cfg = 0; cfg < 12; cfg++) {
        if (op->load != LD_NONE) {
            int m = op->load == LD_INT ? 0
                : nspecials(op->load == LD_F32 ? &fmt32 : &fmt64, fsp);
            for (i = 0; i < m; i++) {
                x87_case(op, sp[0], sp[0], fsp[i], cfg, &t);
            }
            continue;
        }
        for (i = 0; i < n; i++) {
            for (j = 0; j < (op->nargs > 1 ? n : 1); j++) {
                x87_case(op, sp[i], sp[j], 0, cfg, &t);
            }
        }
    }
    for (r = 0; r < random_count; r++) {
        floatx80 a = gen_x80();
        floatx80 b = rnd() % 3 == 0 ? gen_x80_related(op->kind, a)
            : gen_x80();
        uint64_t ia = op->load != LD_NONE ? x87_load_operand(op->load) : 0;

        x87_case(op, a, b, ia, rnd() % 12, &t);
    }
    tap_report(t.fails == 0, "x87 floatx80 %s, %ld hard-class + random "
               "cases, precision 24/53/64 x 4 rounding modes (%ld failed)",
               op->name, t.cases, t.fails);
}

static void run_x87_tests(void)
{
    size_t i;

    for (i = 0; i < sizeof(x87_ops) / sizeof(x87_ops[0]); i++) {
        run_x87_op(&x87_ops[i]);
    }
}

/* ---- binary16 through F16C, binary128 through binary64 ----------------- */

static const Fmt fmt16 = { 5, 10 };

static uint64_t h16_from32(uint64_t a, uint64_t b, uint64_t c, int arg,
                           uint32_t csr, uint32_t *fl)
{
    float x = hf(a);
    uint32_t r, out, def = MXCSR_DEFAULT;

    __asm__ volatile("ldmxcsr %[c]\n\tvcvtps2ph $4, %[x], %[x]\n\t"
                     "vmovd %[x], %[r]\n\tstmxcsr %[o]\n\tldmxcsr %[df]"
                     : [x] "+x"(x), [r] "=r"(r), [o] "=m"(out)
                     : [c] "m"(csr), [df] "m"(def));
    *fl = out & 0x3f;
    return r & 0xffff;
}

static uint64_t s16_from32(uint64_t a, uint64_t b, uint64_t c, int arg,
                           FloatStatus *s)
{
    return float32_to_float16((float32)a, true, s);
}

static uint64_t h16_to32(uint64_t a, uint64_t b, uint64_t c, int arg,
                         uint32_t csr, uint32_t *fl)
{
    uint32_t in = (uint32_t)a, out, def = MXCSR_DEFAULT;
    float r;

    __asm__ volatile("ldmxcsr %[c]\n\tvmovd %[i], %[r]\n\t"
                     "vcvtph2ps %[r], %[r]\n\tstmxcsr %[o]\n\tldmxcsr %[df]"
                     : [r] "=&x"(r), [o] "=m"(out)
                     : [i] "r"(in), [c] "m"(csr), [df] "m"(def));
    *fl = out & 0x3f;
    return hfbits(r);
}

static uint64_t s16_to32(uint64_t a, uint64_t b, uint64_t c, int arg,
                         FloatStatus *s)
{
    return float16_to_float32((float16)a, true, s);
}

/*
 * binary16 arithmetic on the host: widen exactly, one binary32 operation,
 * narrow.  The double rounding is innocuous (24 >= 2 * 11 + 2), so this
 * is the correctly rounded binary16 result.
 */
#define H16_OP(NAME, INSN, SOFT)                                          \
    static uint64_t h16_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               uint32_t csr, uint32_t *fl)                \
    {                                                                     \
        uint32_t ia = (uint32_t)a, ib = (uint32_t)b, r, out;              \
        uint32_t def = MXCSR_DEFAULT;                                     \
        float x, y;                                                       \
        __asm__ volatile("ldmxcsr %[c]\n\tvmovd %[ia], %[x]\n\t"          \
                         "vmovd %[ib], %[y]\n\tvcvtph2ps %[x], %[x]\n\t"  \
                         "vcvtph2ps %[y], %[y]\n\t"                       \
                         INSN " %[y], %[x]\n\t"                           \
                         "vcvtps2ph $4, %[x], %[x]\n\tvmovd %[x], %[r]\n\t" \
                         "stmxcsr %[o]\n\tldmxcsr %[df]"                  \
                         : [x] "=&x"(x), [y] "=&x"(y), [r] "=r"(r),       \
                           [o] "=m"(out)                                  \
                         : [ia] "r"(ia), [ib] "r"(ib), [c] "m"(csr),      \
                           [df] "m"(def));                                \
        *fl = out & 0x3f;                                                 \
        return r & 0xffff;                                                \
    }                                                                     \
    static uint64_t s16_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                               FloatStatus *s)                            \
    {                                                                     \
        return SOFT;                                                      \
    }

H16_OP(add, "addss", float16_add((float16)a, (float16)b, s))
H16_OP(sub, "subss", float16_sub((float16)a, (float16)b, s))
H16_OP(mul, "mulss", float16_mul((float16)a, (float16)b, s))
H16_OP(div, "divss", float16_div((float16)a, (float16)b, s))
H16_OP(sqrt, "sqrtss", float16_sqrt((float16)b, s))

/*
 * binary128 through binary64: widen exactly, one binary128 operation,
 * narrow.  113 >= 2 * 53 + 2, so the double rounding is innocuous and the
 * result must equal the host's binary64 operation.
 */
#define Q_OP(NAME, EXPR)                                                  \
    static uint64_t sq_##NAME(uint64_t a, uint64_t b, uint64_t c, int arg, \
                              FloatStatus *s)                             \
    {                                                                     \
        float128 qa = float64_to_float128(a, s);                          \
        float128 qb = float64_to_float128(b, s);                          \
        float128 qr = EXPR;                                               \
        (void)qb;                                                         \
        return float128_to_float64(qr, s);                                \
    }

Q_OP(add, float128_add(qa, qb, s))
Q_OP(sub, float128_sub(qa, qb, s))
Q_OP(mul, float128_mul(qa, qb, s))
Q_OP(div, float128_div(qa, qb, s))
Q_OP(sqrt, float128_sqrt(qa, s))

/*
 * binary128 fma through binary64: fma's exact result can sit just off a
 * binary64 tie, so the binary128 step rounds to odd; with 113 >= 53 + 2
 * the final rounding is then correct in every mode.  The host computes
 * vfmadd213 x, y, z = y * x + z, hence muladd(b, a, c).
 */
static uint64_t sq_fma(uint64_t a, uint64_t b, uint64_t c, int arg,
                       FloatStatus *s)
{
    float128 qa = float64_to_float128(a, s);
    float128 qb = float64_to_float128(b, s);
    float128 qc = float64_to_float128(c, s);
    int mode = s->rounding_mode;
    float128 qr;

    s->rounding_mode = float_round_to_odd;
    qr = float128_muladd(qb, qa, qc, 0, s);
    s->rounding_mode = mode;
    if ((qr.high << 1 | qr.low) == 0) {
        /* an exact zero takes its sign from the real mode (-0 if down) */
        qr = float128_muladd(qb, qa, qc, 0, s);
    }
    return float128_to_float64(qr, s);
}

/*
 * binary32/64 IEEE remainder against x87 fprem1, repeated until complete:
 * the remainder is exact, so storing it back is exact too.  The x87 picks
 * between NaNs by its own rule, so the soft side uses that rule as well.
 */
#define X87_REM(NAME, LD, ST, T, CONV, BITS, SOFT)                        \
    static uint64_t h##BITS##_##NAME(uint64_t a, uint64_t b, uint64_t c,  \
                                     int arg, uint32_t csr, uint32_t *fl) \
    {                                                                     \
        T x = (T)a, y = (T)b, r;                                          \
        uint16_t cw = x87_cw(64, (csr >> 13) & 3), sw;                    \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\t" LD " %[y]\n\t"      \
                         LD " %[x]\n"                                     \
                         "1:\n\tfprem1\n\tfnstsw %%ax\n\t"                \
                         "testw $0x400, %%ax\n\tjnz 1b\n\t"               \
                         ST " %[r]\n\tfstp %%st(0)\n\tfnstsw %[sw]"        \
                         : [r] "=m"(r), [sw] "=m"(sw)                     \
                         : [x] "m"(x), [y] "m"(y), [cw] "m"(cw)           \
                         : "ax", "st", "st(1)", "cc", "memory");          \
        *fl = sw & 0x3f;                                                  \
        return r;                                                         \
    }                                                                     \
    static uint64_t s##BITS##_##NAME(uint64_t a, uint64_t b, uint64_t c,  \
                                     int arg, FloatStatus *s)             \
    {                                                                     \
        CONV x = (CONV)a, y = (CONV)b;                                    \
        s->nan.prop = float_nan_x87;                                      \
        /* the loads already quiet SNaNs, raising invalid */              \
        if (CONV##_is_signaling_nan(x, s)) {                              \
            x = CONV##_silence_nan(x, s);                                 \
            float_raise(s, float_flag_invalid);                           \
        }                                                                 \
        if (CONV##_is_signaling_nan(y, s)) {                              \
            y = CONV##_silence_nan(y, s);                                 \
            float_raise(s, float_flag_invalid);                           \
        }                                                                 \
        return SOFT(x, y, s);                                             \
    }

X87_REM(rem, "fldl", "fstpl", uint64_t, float64, 64, float64_rem)
X87_REM(rem, "flds", "fstps", uint32_t, float32, 32, float32_rem)

typedef struct {
    const char *name;
    const Fmt *fmt;
    int nargs, kind, ncfg;
    uint8_t flag_mask;
    uint8_t ignores;    /* MXCSR bits the instruction ignores: 1 FTZ, 2 DAZ */
    HostFn *host;
    SoftFn *soft;
} ViaOp;

static const ViaOp via_ops[] = {
    /* conversions: all four modes with FTZ/DAZ */
    /* vcvtps2ph ignores MXCSR.FTZ; vcvtph2ps ignores DAZ, reports no DE */
    { "F16C float32->float16", &fmt32, 1, K_UNARY, 16, 0x3f, 1,
      h16_from32, s16_from32 },
    { "F16C float16->float32", &fmt16, 1, K_UNARY, 16, 0x3d, 2,
      h16_to32, s16_to32 },
    /* arithmetic: the host sees binary32 operands, so no DE to compare */
    { "float16 add (F16C + addss)", &fmt16, 2, K_ADD, 4, 0x3d, 0,
      h16_add, s16_add },
    { "float16 sub (F16C + subss)", &fmt16, 2, K_ADD, 4, 0x3d, 0,
      h16_sub, s16_sub },
    { "float16 mul (F16C + mulss)", &fmt16, 2, K_MUL, 4, 0x3d, 0,
      h16_mul, s16_mul },
    { "float16 div (F16C + divss)", &fmt16, 2, K_DIV, 4, 0x3d, 0,
      h16_div, s16_div },
    { "float16 sqrt (F16C + sqrtss)", &fmt16, 1, K_UNARY, 4, 0x3d, 0,
      h16_sqrt, s16_sqrt },
    { "float128 add (vs binary64 addsd)", &fmt64, 2, K_ADD, 4, 0x3d, 0,
      h64_add, sq_add },
    { "float128 sub (vs binary64 subsd)", &fmt64, 2, K_ADD, 4, 0x3d, 0,
      h64_sub, sq_sub },
    { "float128 mul (vs binary64 mulsd)", &fmt64, 2, K_MUL, 4, 0x3d, 0,
      h64_mul, sq_mul },
    { "float128 div (vs binary64 divsd)", &fmt64, 2, K_DIV, 4, 0x3d, 0,
      h64_div, sq_div },
    { "float128 sqrt (vs binary64 sqrtsd)", &fmt64, 1, K_UNARY, 4, 0x3d, 0,
      h64_sqrt, sq_sqrt },
    { "float64 IEEE remainder (vs x87 fprem1 loop)", &fmt64, 2, K_ADD, 4,
      0x3d, 0, h64_rem, s64_rem },
    { "float32 IEEE remainder (vs x87 fprem1 loop)", &fmt32, 2, K_ADD, 4,
      0x3d, 0, h32_rem, s32_rem },
    { "float128 fma, round-to-odd (vs binary64 vfmadd213sd)", &fmt64, 3,
      K_MUL, 4, 0x3d, 0, h64_fma, sq_fma },
};

static void via_case(const ViaOp *op, uint64_t a, uint64_t b, uint64_t c,
                     int cfg, Tally *t)
{
    int rc = cfg & 3;
    bool ftz = cfg & 4, daz = cfg & 8;
    uint32_t hfl;
    uint64_t hr, sr;
    FloatStatus s;

    hr = op->host(a, b, c, 0, mxcsr_for(rc, ftz, daz), &hfl);
    float_status_init_x86_sse(&s);
    s.rounding_mode = rc;
    s.flush_to_zero = ftz && !(op->ignores & 1);
    s.flush_inputs_to_zero = daz && !(op->ignores & 2);
    sr = op->soft(a, b, c, 0, &s);
    t->cases++;
    hfl &= op->flag_mask;
    if (sr != hr || (s.flags & op->flag_mask) != hfl) {
        if (t->fails++ < MAX_DIAG) {
            tap_diag("%s %llx %llx %llx rc=%s%s%s: host %llx flags %02x, "
                     "soft %llx flags %02x", op->name,
                     (unsigned long long)a, (unsigned long long)b,
                     (unsigned long long)c,
                     rc_name[rc], ftz ? " FTZ" : "", daz ? " DAZ" : "",
                     (unsigned long long)hr, hfl, (unsigned long long)sr,
                     s.flags & op->flag_mask);
        }
    }
}

static void run_via_op(const ViaOp *op)
{
    uint64_t sp[40];
    int n = nspecials(op->fmt, sp), i, j, cfg;
    Tally t = { 0 };
    long r;

    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
        /* F16C has no cpu_supports name; every AVX2 host has it */
        tap_skip("host lacks AVX2/F16C/FMA3", op->name);
        return;
    }
    for (cfg = 0; cfg < op->ncfg; cfg++) {
        for (i = 0; i < n; i++) {
            for (j = 0; j < (op->nargs > 1 ? n : 1); j++) {
                via_case(op, sp[i], op->nargs > 1 ? sp[j] : sp[i],
                         sp[(i * 7 + j * 3 + cfg) % n], cfg, &t);
            }
        }
    }
    for (r = 0; r < random_count; r++) {
        uint64_t a = gen(op->fmt);
        uint64_t b = rnd() % 3 == 0 ? gen_related(op->fmt, op->kind, a)
            : gen(op->fmt);

        uint64_t c = gen(op->fmt);

        if (op->nargs > 2 && rnd() % 3 == 0) {
            /* addend near minus the product: cancellation */
            FloatStatus ps;
            float_status_init_x86_sse(&ps);
            c = float64_mul(a, b, &ps) ^ (1ull << 63);
            c += rnd() % 3;
        }
        /* unary ops: the host widens b as well, so make it a */
        via_case(op, a, op->nargs > 1 ? b : a, c, rnd() % op->ncfg, &t);
    }
    tap_report(t.fails == 0, "%s, %ld hard-class + random cases, %s "
               "(%ld failed)", op->name, t.cases,
               op->ncfg > 4 ? "4 rounding modes x FTZ/DAZ"
               : "4 rounding modes, DE not compared", t.fails);
}

/* ---- fast path against soft path under the other targets' rules ------- */

typedef void StatusInit(FloatStatus *s);

static void run_fast_vs_soft(const char *name, StatusInit *init)
{
    Tally t = { 0 };
    long r;

    for (r = 0; r < random_count * 4; r++) {
        bool is64 = rnd() & 1;
        const Fmt *f = is64 ? &fmt64 : &fmt32;
        int op = rnd() % 6, kind = op == 2 ? K_MUL : op == 3 ? K_DIV : K_ADD;
        uint64_t a = gen(f), b = rnd() % 3 ? gen(f) : gen_related(f, kind, a);
        uint64_t c = gen(f), res[2];
        uint8_t fl[2];
        int v;

        for (v = 0; v < 2; v++) {
            FloatStatus s;

            init(&s);
            s.soft_only = v == 0;
            s.flush_to_zero = s.flush_inputs_to_zero = (r >> 1) & 1;
            s.default_nan_mode = (r >> 2) & 1;
            s.flags = (r >> 3) & 1 ? float_flag_inexact : 0;
            switch (op) {
            case 0:
                res[v] = is64 ? float64_add(a, b, &s)
                    : float32_add((float32)a, (float32)b, &s);
                break;
            case 1:
                res[v] = is64 ? float64_sub(a, b, &s)
                    : float32_sub((float32)a, (float32)b, &s);
                break;
            case 2:
                res[v] = is64 ? float64_mul(a, b, &s)
                    : float32_mul((float32)a, (float32)b, &s);
                break;
            case 3:
                res[v] = is64 ? float64_div(a, b, &s)
                    : float32_div((float32)a, (float32)b, &s);
                break;
            case 4:
                res[v] = is64 ? float64_sqrt(a, &s)
                    : float32_sqrt((float32)a, &s);
                break;
            default:
                res[v] = is64 ? float64_muladd(a, b, c, r & 15, &s)
                    : float32_muladd((float32)a, (float32)b, (float32)c,
                                     r & 15, &s);
                break;
            }
            fl[v] = s.flags;
        }
        t.cases++;
        if (res[0] != res[1] || fl[0] != fl[1]) {
            if (t.fails++ < MAX_DIAG) {
                tap_diag("%s op %d %llx %llx %llx: soft %llx flags %02x, "
                         "fast %llx flags %02x", name, op,
                         (unsigned long long)a, (unsigned long long)b,
                         (unsigned long long)c, (unsigned long long)res[0],
                         fl[0], (unsigned long long)res[1], fl[1]);
            }
        }
    }
    tap_report(t.fails == 0, "fast path = soft path under %s rules (FZ, DN, "
               "muladd variants), %ld random cases", name, t.cases);
}

int main(int argc, char **argv)
{
    size_t i;
    int k;

    for (k = 1; k + 1 < argc; k += 2) {
        if (!strcmp(argv[k], "--seed")) {
            rng_state = strtoull(argv[k + 1], NULL, 0);
        } else if (!strcmp(argv[k], "--count")) {
            random_count = strtol(argv[k + 1], NULL, 0);
        } else {
            fprintf(stderr, "usage: %s [--seed N] [--count N]\n", argv[0]);
            return 2;
        }
    }
    for (i = 0; i < sizeof(sse_ops) / sizeof(sse_ops[0]); i++) {
        run_sse_op(&sse_ops[i], true);
        run_sse_op(&sse_ops[i], false);
    }
    run_x87_tests();
    for (i = 0; i < sizeof(via_ops) / sizeof(via_ops[0]); i++) {
        run_via_op(&via_ops[i]);
    }
    run_fast_vs_soft("ARM", float_status_init_arm);
    run_fast_vs_soft("PowerPC", float_status_init_ppc);
    run_fast_vs_soft("MIPS legacy", float_status_init_mips_legacy);
    return tap_exit_status();
}

#else

int main(void)
{
    tap_skip("needs an x86-64 host", "soft-float against the host FPU");
    return tap_exit_status();
}

#endif
