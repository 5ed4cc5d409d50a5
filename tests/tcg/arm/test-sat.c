/*
 * tests/tcg/arm/test-sat.c: saturating arithmetic and the Q flag:
 * qadd/qsub/qdadd/qdsub, ssat/usat with lsl/asr shifts, ssat16/usat16,
 * and the parallel saturating qadd16/qsub16/qadd8/qsub8/qasx/qsax and
 * their unsigned uq* forms (which never set Q).  Every op over every
 * pair of vals[]; expected result and Q from ref-sat.c.  Q stickiness
 * by hand.
 */
#include "arm-test.h"
#include "expect-sat.h"

typedef uint32_t GuestOp(uint32_t a, uint32_t b, uint32_t *q);

/* Q cleared on entry, returned in *q. */
#define OP(name, insn) \
static uint32_t g_##name(uint32_t a, uint32_t b, uint32_t *q) \
{ \
    uint32_t r, f; \
    __asm__ volatile("msr APSR_nzcvq, %[z]\n\t" insn "\n\t" \
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f) \
                     : [a] "r"(a), [b] "r"(b), [z] "r"(0) : "cc"); \
    *q = (f >> 27) & 1; \
    return r; \
}
OP(qadd, "qadd %[r], %[a], %[b]")
OP(qsub, "qsub %[r], %[a], %[b]")
OP(qdadd, "qdadd %[r], %[a], %[b]")
OP(qdsub, "qdsub %[r], %[a], %[b]")
OP(ssat_1_0, "ssat %[r], #1, %[a]")
OP(ssat_8_0, "ssat %[r], #8, %[a]")
OP(ssat_16_4, "ssat %[r], #16, %[a], lsl #4")
OP(ssat_31_0, "ssat %[r], #31, %[a]")
OP(ssat_32_0, "ssat %[r], #32, %[a]")
OP(ssat_24_m1, "ssat %[r], #24, %[a], asr #1")
OP(ssat_12_m31, "ssat %[r], #12, %[a], asr #31")
OP(usat_0_0, "usat %[r], #0, %[a]")
OP(usat_1_0, "usat %[r], #1, %[a]")
OP(usat_8_0, "usat %[r], #8, %[a]")
OP(usat_16_4, "usat %[r], #16, %[a], lsl #4")
OP(usat_31_0, "usat %[r], #31, %[a]")
OP(usat_24_m1, "usat %[r], #24, %[a], asr #1")
OP(ssat16_9, "ssat16 %[r], #9, %[a]")
OP(usat16_7, "usat16 %[r], #7, %[a]")
OP(qadd16, "qadd16 %[r], %[a], %[b]")
OP(qsub16, "qsub16 %[r], %[a], %[b]")
OP(qadd8, "qadd8 %[r], %[a], %[b]")
OP(qsub8, "qsub8 %[r], %[a], %[b]")
OP(uqadd16, "uqadd16 %[r], %[a], %[b]")
OP(uqsub16, "uqsub16 %[r], %[a], %[b]")
OP(uqadd8, "uqadd8 %[r], %[a], %[b]")
OP(uqsub8, "uqsub8 %[r], %[a], %[b]")
OP(qasx, "qasx %[r], %[a], %[b]")
OP(qsax, "qsax %[r], %[a], %[b]")
OP(uqasx, "uqasx %[r], %[a], %[b]")
OP(uqsax, "uqsax %[r], %[a], %[b]")

static void run(const char *name, GuestOp *op, const uint32_t *exp)
{
    int i, j, k = 0;
    uint32_t q, r;

    group(name);
    for (i = 0; i < NVALS; i++) {
        for (j = 0; j < NVALS; j++, k += 2) {
            r = op(vals[i], vals[j], &q);
            CHECK(r, exp[k], "%s 0x%x, 0x%x", name, vals[i], vals[j]);
            CHECK(q, exp[k + 1], "%s 0x%x, 0x%x Q", name, vals[i], vals[j]);
        }
    }
    group_end();
}

#define RUN(name) run(#name, g_##name, exp_##name)

/* Q is sticky: nothing but an explicit msr clears it. */
static void test_q_sticky(void)
{
    uint32_t r, f;

    group("Q is sticky");
    /* qadd 1 + 2 = 3 does not saturate; Q set on entry stays set, and
     * the flags NZCV (clear on entry) are untouched. */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tqadd %[r], %[a], %[b]\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [a] "r"(1), [b] "r"(2), [fi] "r"(APSR_Q) : "cc");
    CHECK(r, 3, "qadd 1, 2");
    CHECK(f & 0xf8000000, APSR_Q, "qadd 1, 2 with Q set: NZCVQ");
    /* Saturating sets Q, then adds/subs leave it alone. */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tqadd %[r], %[a], %[a]\n\t"
                     "adds %[r], %[r], #1\n\tmrs %[f], APSR"
                     : [r] "=&r"(r), [f] "=&r"(f)
                     : [a] "r"(0x7fffffff), [fi] "r"(0) : "cc");
    /* 0x7fffffff saturated, + 1 = 0x80000000: N and V set, Q still set. */
    CHECK(r, 0x80000000, "qadd max, max; adds #1");
    CHECK(f & 0xf8000000, 0x90000000 | APSR_Q, "qadd max, max; adds #1 NZCVQ");
    /* msr APSR_nzcvq clears it. */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tmsr APSR_nzcvq, %[z]\n\t"
                     "mrs %[f], APSR" : [f] "=&r"(f)
                     : [fi] "r"(APSR_Q), [z] "r"(0) : "cc");
    CHECK(f & 0xf8000000, 0, "msr clears Q");
    group_end();
}

int main(void)
{
    RUN(qadd); RUN(qsub); RUN(qdadd); RUN(qdsub);
    RUN(ssat_1_0); RUN(ssat_8_0); RUN(ssat_16_4); RUN(ssat_31_0);
    RUN(ssat_32_0); RUN(ssat_24_m1); RUN(ssat_12_m31);
    RUN(usat_0_0); RUN(usat_1_0); RUN(usat_8_0); RUN(usat_16_4);
    RUN(usat_31_0); RUN(usat_24_m1);
    RUN(ssat16_9); RUN(usat16_7);
    RUN(qadd16); RUN(qsub16); RUN(qadd8); RUN(qsub8);
    RUN(uqadd16); RUN(uqsub16); RUN(uqadd8); RUN(uqsub8);
    RUN(qasx); RUN(qsax); RUN(uqasx); RUN(uqsax);
    test_q_sticky();
    return test_exit();
}
