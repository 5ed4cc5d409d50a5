/* tests/tcg/i386/test-sse.h: the harness of the SSE tests: an operation
 * runs on xmm1 (destination) and xmm2 or memory (source), with xmm0
 * preloaded (the implicit blendv mask) and MXCSR set from *mx and read
 * back into it. */
#ifndef TESTS_TCG_I386_TEST_SSE_H
#define TESTS_TCG_I386_TEST_SSE_H

#include "test.h"

typedef union {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
    float f[4];
    double d[2];
} __attribute__((aligned(16))) xmm_t;

typedef void (*sse_fn)(xmm_t *d, const xmm_t *s, uint32_t *mx);

extern xmm_t sse_xmm0;
extern const uint32_t sse_mxcsr_default;

/* sse_r_NAME: "INSN %xmm2, %xmm1";  sse_m_NAME: "INSN mem, %xmm1".
 * INSN may end with an immediate ("pshufd $0x1b,"). */
#define SSE_FN(name, insn)                                                 \
    static void sse_r_##name(xmm_t *d, const xmm_t *s, uint32_t *mx)       \
    {                                                                      \
        asm volatile("ldmxcsr %[mx]\n\tmovdqu %[d], %%xmm1\n\tmovdqu %[s], %%xmm2\n\t" \
                     "movdqu %[x0], %%xmm0\n\t" insn " %%xmm2, %%xmm1\n\t" \
                     "movdqu %%xmm1, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]" \
                     : [d] "+m"(*d), [mx] "+m"(*mx)                        \
                     : [s] "m"(*s), [x0] "m"(sse_xmm0), [def] "m"(sse_mxcsr_default) \
                     : "xmm0", "xmm1", "xmm2");                            \
    }                                                                      \
    static void sse_m_##name(xmm_t *d, const xmm_t *s, uint32_t *mx)       \
    {                                                                      \
        asm volatile("ldmxcsr %[mx]\n\tmovdqu %[d], %%xmm1\n\t"            \
                     "movdqu %[x0], %%xmm0\n\t" insn " %[s], %%xmm1\n\t"   \
                     "movdqu %%xmm1, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]" \
                     : [d] "+m"(*d), [mx] "+m"(*mx)                        \
                     : [s] "m"(*s), [x0] "m"(sse_xmm0), [def] "m"(sse_mxcsr_default) \
                     : "xmm0", "xmm1", "xmm2");                            \
    }
#define SSE_FN_R(name, insn)                                               \
    static void sse_r_##name(xmm_t *d, const xmm_t *s, uint32_t *mx)       \
    {                                                                      \
        asm volatile("ldmxcsr %[mx]\n\tmovdqu %[d], %%xmm1\n\tmovdqu %[s], %%xmm2\n\t" \
                     insn " %%xmm2, %%xmm1\n\t"                            \
                     "movdqu %%xmm1, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]" \
                     : [d] "+m"(*d), [mx] "+m"(*mx)                        \
                     : [s] "m"(*s), [def] "m"(sse_mxcsr_default) : "xmm1", "xmm2"); \
    }
#define SSE_FN_M(name, insn)                                               \
    static void sse_m_##name(xmm_t *d, const xmm_t *s, uint32_t *mx)       \
    {                                                                      \
        asm volatile("ldmxcsr %[mx]\n\tmovdqu %[d], %%xmm1\n\t"            \
                     insn " %[s], %%xmm1\n\t"                               \
                     "movdqu %%xmm1, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]" \
                     : [d] "+m"(*d), [mx] "+m"(*mx)                        \
                     : [s] "m"(*s), [def] "m"(sse_mxcsr_default) : "xmm1"); \
    }
#define SSE_DEF(name, insn, kind) SSE_FN(name, insn)
#define SSE_ROW(name, insn, kind) { #name, sse_r_##name, sse_m_##name, kind },

/* input kinds: which vectors, and whether MXCSR modes matter */
enum { K_INT, K_PS, K_PD, K_SS2SD, K_SD2SS };

struct sse_op {
    const char *name;
    sse_fn r, m;
    int kind;
};
void sse_run_ops(const struct sse_op *ops, int n);
void sse_print(const char *label, const xmm_t *x);
extern const xmm_t sse_int_vecs[], sse_ps_vecs[], sse_pd_vecs[];
extern const int sse_n_int, sse_n_ps, sse_n_pd;

#endif
