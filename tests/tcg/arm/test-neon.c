/*
 * tests/tcg/arm/test-neon.c: Advanced SIMD data processing, one
 * instruction at a time over every pair of nvals.h vectors (q0, q1)
 * with an accumulator in q2: integer lanes of every size (add, sub,
 * multiply, accumulate, halving, absolute difference, min/max, compares,
 * bitwise selects, pairwise, unary, long, narrow, widening, shifts by
 * register and by immediate, polynomial multiply, scalar forms), the
 * saturating ones with the sticky FPSCR.QC flag, and float lanes under
 * the Neon standard FPSCR (flush-to-zero, default NaN).  q2 afterwards
 * and QC from ref-neon.c.
 */
#include "arm-test.h"
#include "fvals.h"
#include "nvals.h"
#include "expect-neon.h"

typedef uint32_t GuestOp(const void *a, const void *b, const void *acc,
                         uint32_t *r);

/* q0 = *a, q1 = *b, q2 = *acc, FPSCR = 0; run; *r = q2; returns QC. */
#define G(name, insn) \
static uint32_t g_##name(const void *a, const void *b, const void *acc, \
                         uint32_t *r) \
{ \
    uint32_t f; \
    __asm__ volatile("vld1.8 {d0, d1}, [%[a]]\n\tvld1.8 {d2, d3}, [%[b]]\n\t" \
                     "vld1.8 {d4, d5}, [%[c]]\n\tvmsr fpscr, %[z]\n\t" \
                     insn "\n\tvmrs %[f], fpscr\n\tvst1.8 {d4, d5}, [%[r]]" \
                     : [f] "=&r"(f) \
                     : [a] "r"(a), [b] "r"(b), [c] "r"(acc), [r] "r"(r), \
                       [z] "r"(0) \
                     : "d0", "d1", "d2", "d3", "d4", "d5", "memory"); \
    return (f >> 27) & 1; \
}
NEON_INT_OPS(G)
NEON_FP_OPS(G)

static void run(const char *name, const char *insn, GuestOp *op,
                const uint32_t *exp)
{
    int i, j, k, n = 0;
    uint32_t r[4], q;

    group(insn);
    for (i = 0; i < NNVECS; i++) {
        for (j = 0; j < NNVECS; j++, n += 5) {
            q = op(nvecs[i], nvecs[j], nvecs[NACC(i, j)], r);
            for (k = 0; k < 4; k++) {
                CHECK(r[k], exp[n + k], "%s vectors %d, %d (acc %d) word %d",
                      name, i, j, NACC(i, j), k);
            }
            CHECK(q, exp[n + 4], "%s vectors %d, %d QC", name, i, j);
        }
    }
    group_end();
}

#define NFVECS (NFVALS / 4)

static void run_fp(const char *name, const char *insn, GuestOp *op,
                   const uint32_t *exp)
{
    int i, j, k, n = 0;
    uint32_t r[4];

    group(insn);
    for (i = 0; i < NFVECS; i++) {
        for (j = 0; j < NFVECS; j++, n += 5) {
            op(&fvals[4 * i], &fvals[4 * j], &fvals[4 * ((i + j) % NFVECS)], r);
            for (k = 0; k < 4; k++) {
                CHECK(r[k], exp[n + k], "%s 0x%08x, 0x%08x (acc 0x%08x)",
                      name, fvals[4 * i + k], fvals[4 * j + k],
                      fvals[4 * ((i + j) % NFVECS) + k]);
            }
        }
    }
    group_end();
}

/* QC is sticky: a saturating op sets it, a later one that does not
 * saturate leaves it set (by hand: 0x7f + 1 saturates in s8, 1 + 1 does
 * not). */
static void test_qc_sticky(void)
{
    uint32_t f;

    group("QC is sticky");
    __asm__ volatile("vmsr fpscr, %[z]\n\tvmov.i8 d0, #0x7f\n\tvmov.i8 d1, #1\n\t"
                     "vqadd.s8 d2, d0, d1\n\tvqadd.s8 d2, d1, d1\n\t"
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                     : [f] "=&r"(f) : [z] "r"(0) : "d0", "d1", "d2");
    CHECK((f >> 27) & 1, 1, "QC after a saturating then a plain vqadd");
    __asm__ volatile("vmsr fpscr, %[z]\n\tvmov.i8 d0, #0x7f\n\tvmov.i8 d1, #1\n\t"
                     "vqadd.s8 d2, d1, d1\n\tvmrs %[f], fpscr"
                     : [f] "=&r"(f) : [z] "r"(0) : "d0", "d1", "d2");
    CHECK((f >> 27) & 1, 0, "no QC without saturation");
    group_end();
}

#define RUN(name, insn) run(#name, insn, g_##name, exp_##name);
#define RUN_FP(name, insn) run_fp(#name, insn, g_##name, exp_##name);

int main(void)
{
    NEON_INT_OPS(RUN)
    NEON_FP_OPS(RUN_FP)
    test_qc_sticky();
    return test_exit();
}
