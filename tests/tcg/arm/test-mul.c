/*
 * tests/tcg/arm/test-mul.c: multiplies: mul(s)/mla/mls, the long
 * multiplies umull/smull/umlal/smlal/umaal (and umulls in A32), the
 * halfword multiplies smul<x><y>/smla<x><y>/smulw<y>/smlaw<y>/smlal<x><y>,
 * the dual multiplies smuad(x)/smusd/smlad/smlsd/smlald with the sticky
 * Q flag, smmul(r)/smmla/smmls(r), and udiv/sdiv (divide by zero gives 0,
 * INT_MIN / -1 gives INT_MIN).  Every op over every pair of vals[] with
 * the accumulators of ref-mul.c, which computes the expected values.
 */
#include "arm-test.h"
#include "expect-mul.h"

#define ACC1(i, j) vals[((i) + (j)) % NVALS]
#define ACC2(i, j) vals[((i) * 3 + (j) + 5) % NVALS]

typedef void GuestOp(uint32_t a, uint32_t b, uint32_t c, uint32_t d,
                     uint32_t o[2]);

/* Q cleared on entry; o[1] = Q on exit. */
#define OP3Q(name, insn) \
static void g_##name(uint32_t a, uint32_t b, uint32_t c, uint32_t d, \
                     uint32_t o[2]) \
{ \
    uint32_t r, f; \
    __asm__ volatile("msr APSR_nzcvq, %[z]\n\t" insn " %[r], %[a], %[b]\n\t" \
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f) \
                     : [a] "r"(a), [b] "r"(b), [z] "r"(0) : "cc"); \
    o[0] = r; \
    o[1] = (f >> 27) & 1; \
}
#define OP4Q(name, insn) \
static void g_##name(uint32_t a, uint32_t b, uint32_t c, uint32_t d, \
                     uint32_t o[2]) \
{ \
    uint32_t r, f; \
    __asm__ volatile("msr APSR_nzcvq, %[z]\n\t" \
                     insn " %[r], %[a], %[b], %[c]\n\t" \
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f) \
                     : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0) : "cc"); \
    o[0] = r; \
    o[1] = (f >> 27) & 1; \
}
/* insn lo, hi, a, b with lo = c and hi = d on entry. */
#define OPL(name, insn) \
static void g_##name(uint32_t a, uint32_t b, uint32_t c, uint32_t d, \
                     uint32_t o[2]) \
{ \
    uint32_t lo = c, hi = d; \
    __asm__ volatile(insn " %[lo], %[hi], %[a], %[b]" \
                     : [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b)); \
    o[0] = lo; \
    o[1] = hi; \
}

/* muls entered with C = V = 1: N, Z from the result, C, V kept. */
static void g_muls(uint32_t a, uint32_t b, uint32_t c, uint32_t d,
                   uint32_t o[2])
{
    uint32_t r = b, f;
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tmuls %[r], %[a], %[r]\n\t"
                     "mrs %[f], APSR" : [r] "+&l"(r), [f] "=&r"(f)
                     : [a] "l"(a), [fi] "r"(0x30000000) : "cc");
    o[0] = r;
    o[1] = f >> 28;
}

#ifndef __thumb__
/* umulls entered with NZCV clear: o[0] = high word, o[1] = NZCV. */
static void g_umulls(uint32_t a, uint32_t b, uint32_t c, uint32_t d,
                     uint32_t o[2])
{
    uint32_t lo, hi, f;
    __asm__ volatile("msr APSR_nzcvq, %[z]\n\tumulls %[lo], %[hi], %[a], %[b]\n\t"
                     "mrs %[f], APSR"
                     : [lo] "=&r"(lo), [hi] "=&r"(hi), [f] "=&r"(f)
                     : [a] "r"(a), [b] "r"(b), [z] "r"(0) : "cc");
    o[0] = hi;
    o[1] = f >> 28;
}
#endif

OP4Q(mla, "mla")
OP4Q(mls, "mls")
OPL(umull, "umull")
OPL(smull, "smull")
OPL(umlal, "umlal")
OPL(smlal, "smlal")
OPL(umaal, "umaal")
OP3Q(smulbb, "smulbb")
OP3Q(smultb, "smultb")
OP3Q(smulbt, "smulbt")
OP3Q(smultt, "smultt")
OP4Q(smlabb, "smlabb")
OP4Q(smlatt, "smlatt")
OP3Q(smulwb, "smulwb")
OP3Q(smulwt, "smulwt")
OP4Q(smlawb, "smlawb")
OPL(smlalbb, "smlalbb")
OP3Q(smuad, "smuad")
OP3Q(smuadx, "smuadx")
OP3Q(smusd, "smusd")
OP4Q(smlad, "smlad")
OP4Q(smlsd, "smlsd")
OPL(smlald, "smlald")
OP3Q(smmul, "smmul")
OP3Q(smmulr, "smmulr")
OP4Q(smmla, "smmla")
OP4Q(smmls, "smmls")
OP4Q(smmlsr, "smmlsr")
OP3Q(udiv, "udiv")
OP3Q(sdiv, "sdiv")

static void run(const char *name, GuestOp *op, const uint32_t *exp)
{
    int i, j, k = 0;
    uint32_t o[2];

    group(name);
    for (i = 0; i < NVALS; i++) {
        for (j = 0; j < NVALS; j++, k += 2) {
            op(vals[i], vals[j], ACC1(i, j), ACC2(i, j), o);
            CHECK(o[0], exp[k], "%s 0x%x, 0x%x (acc 0x%x, 0x%x)", name,
                  vals[i], vals[j], ACC1(i, j), ACC2(i, j));
            CHECK(o[1], exp[k + 1], "%s 0x%x, 0x%x (acc 0x%x, 0x%x) word 2",
                  name, vals[i], vals[j], ACC1(i, j), ACC2(i, j));
        }
    }
    group_end();
}

#define RUN(name) run(#name, g_##name, exp_##name)

int main(void)
{
    RUN(muls);
    RUN(mla);
    RUN(mls);
    RUN(umull);
    RUN(smull);
    RUN(umlal);
    RUN(smlal);
    RUN(umaal);
#ifndef __thumb__
    RUN(umulls);
#else
    skip("umulls", "A32 only");
    (void)exp_umulls;
#endif
    RUN(smulbb);
    RUN(smultb);
    RUN(smulbt);
    RUN(smultt);
    RUN(smlabb);
    RUN(smlatt);
    RUN(smulwb);
    RUN(smulwt);
    RUN(smlawb);
    RUN(smlalbb);
    RUN(smuad);
    RUN(smuadx);
    RUN(smusd);
    RUN(smlad);
    RUN(smlsd);
    RUN(smlald);
    RUN(smmul);
    RUN(smmulr);
    RUN(smmla);
    RUN(smmls);
    RUN(smmlsr);
    RUN(udiv);
    RUN(sdiv);
    return test_exit();
}
