/*
 * tests/tcg/arm/test-it.c: IT blocks (T32) and conditional execution
 * (A32, where the assembler drops the IT instructions and the same code
 * runs as conditional A32 instructions): every condition over all 16
 * NZCV values, IT with 1 to 4 instructions in every then/else shape for
 * a firstcond with bit 0 clear (EQ) and set (NE), flags set inside a
 * block changing the later instructions of the block, a branch ending a
 * block.  Expected values from ref-it.c, the rest by hand.
 */
#include "arm-test.h"
#include "expect-it.h"

#ifdef __thumb__
#define LO "l"          /* low registers: 16-bit encodings inside IT */
#else
#define LO "r"
#endif

/* All 16 NZCV values under one condition: bit f of the result set when
 * "mov<cc> r, #1" ran with NZCV = f. */
#define COND(cc, idx) do { \
    uint32_t f_, m_ = 0, r_; \
    for (f_ = 0; f_ < 16; f_++) { \
        r_ = 0; \
        __asm__ volatile("msr APSR_nzcvq, %[fl]\n\tit " cc "\n\t" \
                         "mov" cc " %[r], #1" \
                         : [r] "+" LO(r_) : [fl] "r"(f_ << 28) : "cc"); \
        m_ |= r_ << f_; \
    } \
    CHECK(m_, exp_cond[idx], "condition %s: NZCV values that hold", cc); \
} while (0)

static void test_conds(void)
{
    group("every condition, every NZCV");
    COND("eq", 0); COND("ne", 1); COND("cs", 2); COND("cc", 3);
    COND("mi", 4); COND("pl", 5); COND("vs", 6); COND("vc", 7);
    COND("hi", 8); COND("ls", 9); COND("ge", 10); COND("lt", 11);
    COND("gt", 12); COND("le", 13);
    group_end();

    group("IT AL");
    {
        uint32_t f, m = 0, r, fl;
        /* The assembler refuses "it al": 0xbfe8 is IT with firstcond AL
         * and mask 1000.  The 16-bit "movs r, #1" inside it is MOV
         * (no flags).  All 16 NZCV: it always runs, NZCV kept. */
        for (f = 0; f < 16; f++) {
            r = 0;
#ifdef __thumb__
            __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t.inst.n 0xbfe8\n\t"
                             "movs %[r], #1\n\tmrs %[fo], APSR"
                             : [r] "+l"(r), [fo] "=&r"(fl)
                             : [fi] "r"(f << 28) : "cc");
#else
            __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tmov %[r], #1\n\t"
                             "mrs %[fo], APSR"
                             : [r] "+r"(r), [fo] "=&r"(fl)
                             : [fi] "r"(f << 28) : "cc");
#endif
            m |= r << f;
            CHECK(fl >> 28, f, "IT AL; mov: NZCV kept (entered 0x%x)", f);
        }
        CHECK(m, exp_cond[14], "IT AL: NZCV values where it ran");
    }
    group_end();
}

/* One IT shape run with Z = 0 and Z = 1. */
#define IT_RUN(name, code) do { \
    uint32_t z_, r_; \
    for (z_ = 0; z_ < 2; z_++, k++) { \
        r_ = 0; \
        __asm__ volatile("msr APSR_nzcvq, %[fl]\n\t" code \
                         : [r] "+" LO(r_) : [fl] "r"(z_ << 30) : "cc"); \
        CHECK(r_, exp_it[k], "%s with Z=%u: sum of the adds that ran", \
              name, z_); \
    } \
} while (0)

static void test_shapes(void)
{
    int k = 0;

    group("IT with 1 to 4 instructions, every shape");
    IT_RUN("it eq",
        "it eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itt eq",
        "itt eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ite eq",
        "ite eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittt eq",
        "ittt eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itte eq",
        "itte eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itet eq",
        "itet eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itee eq",
        "itee eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itttt eq",
        "itttt eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittte eq",
        "ittte eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittet eq",
        "ittet eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittee eq",
        "ittee eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itett eq",
        "itett eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itete eq",
        "itete eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("iteet eq",
        "iteet eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("iteee eq",
        "iteee eq\n\t"
        "addeq %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("it ne",
        "it ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itt ne",
        "itt ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ite ne",
        "ite ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittt ne",
        "ittt ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itte ne",
        "itte ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itet ne",
        "itet ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itee ne",
        "itee ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itttt ne",
        "itttt ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittte ne",
        "ittte ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittet ne",
        "ittet ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("ittee ne",
        "ittee ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addne %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itett ne",
        "itett ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("itete ne",
        "itete ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addne %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("iteet ne",
        "iteet ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addne %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    IT_RUN("iteee ne",
        "iteee ne\n\t"
        "addne %[r], %[r], #1\n\t"
        "addeq %[r], %[r], #2\n\t"
        "addeq %[r], %[r], #4\n\t"
        "addeq %[r], %[r], #8\n\t"
        "add %[r], %[r], #16");
    group_end();
}

static void test_flags_inside(void)
{
    uint32_t r, f;

    group("flags set inside an IT block");
    /* Z = 1 on entry: cmpeq 1, 2 runs and clears Z (N = 1, C = 0), so
     * addeq is skipped and addne runs: r = 2, NZCV = N. */
    r = 0;
    __asm__ volatile("msr APSR_nzcvq, %[fl]\n\titte eq\n\t"
                     "cmpeq %[a], %[b]\n\taddeq %[r], %[r], #1\n\t"
                     "addne %[r], %[r], #2\n\tmrs %[f], APSR"
                     : [r] "+" LO(r), [f] "=&r"(f)
                     : [a] "r"(1), [b] "r"(2), [fl] "r"(0x40000000) : "cc");
    CHECK(r, 2, "itte eq; cmpeq 1, 2; addeq; addne");
    CHECK(f >> 28, NF, "itte eq; cmpeq 1, 2 NZCV");
    /* adds inside the block: Z = 1 on entry, 0 + 1 clears Z, so the
     * next addeq of the block is skipped: r = 1, NZCV = 0. */
    r = 0;
    __asm__ volatile("msr APSR_nzcvq, %[fl]\n\titt eq\n\t"
                     "addseq %[r], %[r], #1\n\taddeq %[r], %[r], #7\n\t"
                     "mrs %[f], APSR"
                     : [r] "+r"(r), [f] "=&r"(f) : [fl] "r"(0x40000000)
                     : "cc");
    CHECK(r, 1, "itt eq; addseq; addeq");
    CHECK(f >> 28, 0, "itt eq; addseq NZCV");
    /* Instructions inside a block without S leave the flags alone
     * (16-bit add in T32 does not set flags inside IT). */
    r = 5;
    __asm__ volatile("msr APSR_nzcvq, %[fl]\n\titt mi\n\t"
                     "addmi %[r], %[r], #1\n\tsubmi %[r], %[r], #6\n\t"
                     "mrs %[f], APSR"
                     : [r] "+" LO(r), [f] "=&r"(f) : [fl] "r"(0x80000000)
                     : "cc");
    CHECK(r, 0, "itt mi; addmi; submi");
    CHECK(f >> 28, NF, "itt mi; addmi; submi NZCV unchanged");
    group_end();

    group("branches in IT blocks");
    /* A taken conditional branch last in the block skips the mov. */
    r = 1;
    __asm__ volatile("cmp %[r], %[r]\n\tit eq\n\tbeq 1f\n\t"
                     "mov %[r], #5\n1:" : [r] "+r"(r) :: "cc");
    CHECK(r, 1, "it eq; beq (taken)");
    /* Not taken: falls through to the mov. */
    r = 1;
    __asm__ volatile("cmp %[r], #0\n\tit eq\n\tbeq 1f\n\t"
                     "mov %[r], #5\n1:" : [r] "+r"(r) :: "cc");
    CHECK(r, 5, "it eq; beq (not taken)");
    /* After the block, execution is unconditional again. */
    r = 0;
    __asm__ volatile("msr APSR_nzcvq, %[fl]\n\tit ne\n\taddne %[r], %[r], #1\n\t"
                     "add %[r], %[r], #2\n\tadd %[r], %[r], #4"
                     : [r] "+" LO(r) : [fl] "r"(0x40000000) : "cc");
    CHECK(r, 6, "it ne (false), then two unconditional adds");
    group_end();
}

int main(void)
{
    test_conds();
    test_shapes();
    test_flags_inside();
    return test_exit();
}
