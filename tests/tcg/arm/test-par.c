/*
 * tests/tcg/arm/test-par.c: the parallel add/subtract instructions
 * (s/u add16, sub16, asx, sax, add8, sub8 and the halving sh/uh forms)
 * over every pair of vals[]: the result, the APSR.GE bits they set
 * (halving forms leave GE alone), and "sel" right after, which picks
 * each byte by its GE bit.  Expected values from ref-par.c.
 */
#include "arm-test.h"
#include "expect-par.h"

typedef uint32_t GuestOp(uint32_t a, uint32_t b, uint32_t *ge, uint32_t *sel);

/* GE cleared on entry (msr APSR_g). */
#define OP(name) \
static uint32_t g_##name(uint32_t a, uint32_t b, uint32_t *ge, uint32_t *sel) \
{ \
    uint32_t r, f, s; \
    __asm__ volatile("msr APSR_nzcvqg, %[z]\n\t" #name " %[r], %[a], %[b]\n\t" \
                     "mrs %[f], APSR\n\tsel %[s], %[a], %[b]" \
                     : [r] "=&r"(r), [f] "=&r"(f), [s] "=&r"(s) \
                     : [a] "r"(a), [b] "r"(b), [z] "r"(0) : "cc"); \
    *ge = (f >> 16) & 15; \
    *sel = s; \
    return r; \
}
OP(sadd16) OP(ssub16) OP(sasx) OP(ssax) OP(sadd8) OP(ssub8)
OP(uadd16) OP(usub16) OP(uasx) OP(usax) OP(uadd8) OP(usub8)
OP(shadd16) OP(shsub8) OP(shasx) OP(uhadd8) OP(uhsub16) OP(uhsax)

static void run(const char *name, GuestOp *op, const uint32_t *exp)
{
    int i, j, k = 0;
    uint32_t r, ge, sel;

    group(name);
    for (i = 0; i < NVALS; i++) {
        for (j = 0; j < NVALS; j++, k += 3) {
            r = op(vals[i], vals[j], &ge, &sel);
            CHECK(r, exp[k], "%s 0x%x, 0x%x", name, vals[i], vals[j]);
            CHECK(ge, exp[k + 1], "%s 0x%x, 0x%x GE", name, vals[i], vals[j]);
            CHECK(sel, exp[k + 2], "sel after %s 0x%x, 0x%x", name, vals[i],
                  vals[j]);
        }
    }
    group_end();
}

#define RUN(name) run(#name, g_##name, exp_##name)

/* GE written by msr and read by sel, by hand. */
static void test_ge_msr(void)
{
    uint32_t s, f;

    group("msr APSR_g and sel");
    /* GE = 0b0101: bytes 0 and 2 from the first operand. */
    __asm__ volatile("msr APSR_nzcvqg, %[g]\n\tsel %[s], %[a], %[b]\n\t"
                     "mrs %[f], APSR" : [s] "=&r"(s), [f] "=&r"(f)
                     : [a] "r"(0x11223344), [b] "r"(0xaabbccdd),
                       [g] "r"(5u << 16) : "cc");
    CHECK(s, 0xaa22cc44, "sel with GE=0101");
    CHECK((f >> 16) & 15, 5, "GE read back");
    group_end();
}

int main(void)
{
    RUN(sadd16); RUN(ssub16); RUN(sasx); RUN(ssax); RUN(sadd8); RUN(ssub8);
    RUN(uadd16); RUN(usub16); RUN(uasx); RUN(usax); RUN(uadd8); RUN(usub8);
    RUN(shadd16); RUN(shsub8); RUN(shasx); RUN(uhadd8); RUN(uhsub16);
    RUN(uhsax);
    test_ge_msr();
    return test_exit();
}
