/*
 * host-oracle.h: the x86-64 host as the reference for the soft-float
 * tests.  Every operation runs inside one asm statement that loads the
 * MXCSR (SSE) or control word (x87), computes, and reads the flags back,
 * so the compiler cannot move or fold it.
 */
#ifndef TESTS_FPU_HOST_ORACLE_H
#define TESTS_FPU_HOST_ORACLE_H

#include <stdint.h>
#include <string.h>

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

#endif
