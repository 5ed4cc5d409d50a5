/*
 * tests/tcg/arm/test-alu.c: integer add/subtract and logical
 * instructions with flags: adds/subs/adcs/sbcs/rsbs/rscs, cmp/cmn,
 * ands/orrs/eors/bics/tst/teq over every pair of corner values (results
 * and NZCV from ref-alu.c), in T32 also their 16-bit encodings, and the
 * shifter carry of modified immediates (by hand).
 */
#include "arm-test.h"
#include "expect-alu.h"

/* "insn r, a, b" entered with the APSR flags fin; NZCV out in *fl. */
#define DP(insn, a, b, fin, fl) ({ uint32_t r_, f_; \
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t" insn " %[r], %[x], %[y]\n\t" \
                     "mrs %[f], APSR" \
                     : [r] "=&r"(r_), [f] "=&r"(f_) \
                     : [x] "r"(a), [y] "r"(b), [fi] "r"(fin) : "cc"); \
    *(fl) = f_ >> 28; r_; })
/* "insn a, b" (a compare) entered with fin. */
#define CMPF(insn, a, b, fin) ({ uint32_t f_; \
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t" insn " %[x], %[y]\n\t" \
                     "mrs %[f], APSR" \
                     : [f] "=&r"(f_) : [x] "r"(a), [y] "r"(b), [fi] "r"(fin) \
                     : "cc"); f_ >> 28; })

/* Flags on entry: carry-in c (and V = c, so that kept flags show). */
#define FIN(c) ((c) ? 0x30000000u : 0u)

#define RUN_DP(insn, exp, c) do { \
    int i_, j_, k_ = 0; \
    group(insn " c=" #c); \
    for (i_ = 0; i_ < NVALS; i_++) { \
        for (j_ = 0; j_ < NVALS; j_++, k_ += 2) { \
            uint32_t f, r = DP(insn, vals[i_], vals[j_], FIN(c), &f); \
            CHECK(r, exp[k_], insn " 0x%x, 0x%x", vals[i_], vals[j_]); \
            CHECK(f, exp[k_ + 1], insn " 0x%x, 0x%x NZCV", vals[i_], \
                  vals[j_]); \
        } \
    } \
    group_end(); \
} while (0)

#define RUN_CMP(insn, exp, c) do { \
    int i_, j_, k_ = 0; \
    group(insn " c=" #c); \
    for (i_ = 0; i_ < NVALS; i_++) { \
        for (j_ = 0; j_ < NVALS; j_++, k_ += 2) { \
            CHECK(CMPF(insn, vals[i_], vals[j_], FIN(c)), exp[k_ + 1], \
                  insn " 0x%x, 0x%x NZCV", vals[i_], vals[j_]); \
        } \
    } \
    group_end(); \
} while (0)

#ifdef __thumb__
/* The 16-bit T32 forms: low registers, the destination also the first
 * source ("adcs rdn, rm"), outside IT so that they set the flags. */
#define DP16(insn, a, b, fin, fl) ({ uint32_t r_ = (a), f_; \
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t" insn " %[r], %[y]\n\t" \
                     "mrs %[f], APSR" \
                     : [r] "+l"(r_), [f] "=&r"(f_) \
                     : [y] "l"(b), [fi] "r"(fin) : "cc"); \
    *(fl) = f_ >> 28; r_; })

#define RUN_DP16(insn, exp, c) do { \
    int i_, j_, k_ = 0; \
    group("16-bit " insn " c=" #c); \
    for (i_ = 0; i_ < NVALS; i_++) { \
        for (j_ = 0; j_ < NVALS; j_++, k_ += 2) { \
            uint32_t f, r = DP16(insn, vals[i_], vals[j_], FIN(c), &f); \
            CHECK(r, exp[k_], insn " 0x%x, 0x%x", vals[i_], vals[j_]); \
            CHECK(f, exp[k_ + 1], insn " 0x%x, 0x%x NZCV", vals[i_], \
                  vals[j_]); \
        } \
    } \
    group_end(); \
} while (0)

static void test_t16(void)
{
    int i, k;

    RUN_DP16("adds", exp_adds, 0);
    RUN_DP16("subs", exp_subs, 0);
    RUN_DP16("adcs", exp_adcs1, 1);
    RUN_DP16("sbcs", exp_sbcs0, 0);
    RUN_DP16("ands", exp_ands0, 0);
    RUN_DP16("orrs", exp_orrs1, 1);
    RUN_DP16("eors", exp_eors0, 0);
    RUN_DP16("bics", exp_bics1, 1);
    group("16-bit cmp/cmn/tst/negs");
    for (i = 0, k = 0; i < NVALS * NVALS; i++, k += 2) {
        uint32_t a = vals[i / NVALS], b = vals[i % NVALS], f;
        __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tcmp %[x], %[y]\n\tmrs %[f], APSR"
                         : [f] "=&r"(f) : [x] "l"(a), [y] "l"(b), [fi] "r"(0)
                         : "cc");
        CHECK(f >> 28, exp_cmp[k + 1], "cmp 0x%x, 0x%x", a, b);
        __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tcmn %[x], %[y]\n\tmrs %[f], APSR"
                         : [f] "=&r"(f) : [x] "l"(a), [y] "l"(b), [fi] "r"(0)
                         : "cc");
        CHECK(f >> 28, exp_cmn[k + 1], "cmn 0x%x, 0x%x", a, b);
        __asm__ volatile("msr APSR_nzcvq, %[fi]\n\ttst %[x], %[y]\n\tmrs %[f], APSR"
                         : [f] "=&r"(f) : [x] "l"(a), [y] "l"(b),
                           [fi] "r"(0x30000000) : "cc");
        CHECK(f >> 28, exp_tst1[k + 1], "tst 0x%x, 0x%x", a, b);
    }
    /* negs r, x = rsbs r, x, #0 = 0 - x: the rsbs row with b = 0 is
     * rsbs x, 0 = exp_rsbs[(i * NVALS + 0) * 2]. */
    for (i = 0; i < NVALS; i++) {
        uint32_t r, f;
        __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tnegs %[r], %[x]\n\tmrs %[f], APSR"
                         : [r] "=l"(r), [f] "=&r"(f) : [x] "l"(vals[i]),
                           [fi] "r"(0) : "cc");
        CHECK(r, exp_rsbs[i * NVALS * 2], "negs 0x%x", vals[i]);
        CHECK(f >> 28, exp_rsbs[i * NVALS * 2 + 1], "negs 0x%x NZCV", vals[i]);
    }
    group_end();
}
#endif

static void test_imm_carry(void)
{
    uint32_t f, r, x = 0xf0f0f0f0;

    group("modified immediate shifter carry");
    /* 0xff000000 is a rotated constant: C = its bit 31 = 1; V kept (0). */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tands %[r], %[x], #0xff000000\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [x] "r"(x), [fi] "r"(0) : "cc");
    CHECK(r, 0xf0000000, "ands #0xff000000 result");
    CHECK(f >> 28, NF | CF, "ands #0xff000000 NZCV");
    /* 0xff is not rotated: C and V kept (both 1 on entry). */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tands %[r], %[x], #0xff\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [x] "r"(x), [fi] "r"(0x30000000) : "cc");
    CHECK(r, 0xf0, "ands #0xff result");
    CHECK(f >> 28, CF | VF, "ands #0xff NZCV");
    /* 0x0f000000 rotated, bit 31 = 0: C cleared; result 0 sets Z. */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\ttst %[x], #0x0f000000\n\t"
                     "mrs %[f], APSR" : [f] "=&r"(f)
                     : [x] "r"(x), [fi] "r"(0x20000000) : "cc");
    CHECK(f >> 28, ZF, "tst #0x0f000000 NZCV");
    /* movs #0x80000000: N=1, C=1 (rotated constant), V kept (1). */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tmovs %[r], #0x80000000\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [fi] "r"(0x10000000) : "cc");
    CHECK(r, 0x80000000, "movs #0x80000000 result");
    CHECK(f >> 28, NF | CF | VF, "movs #0x80000000 NZCV");
    /* mvns #0: 0xffffffff, N=1, unrotated so C kept (0), V kept (0). */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tmvns %[r], #0\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [fi] "r"(0) : "cc");
    CHECK(r, 0xffffffff, "mvns #0 result");
    CHECK(f >> 28, NF, "mvns #0 NZCV");
    /* adds with an immediate: 0xfffffff0 + 0x10 = 0, C=1, Z=1. */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tadds %[r], %[x], #0x10\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [x] "r"(0xfffffff0), [fi] "r"(0) : "cc");
    CHECK(r, 0, "adds #0x10 result");
    CHECK(f >> 28, ZF | CF, "adds #0x10 NZCV");
    /* subs r, x, #1 with x = 0x80000000: 0x7fffffff, C=1 (no borrow), V=1. */
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tsubs %[r], %[x], #1\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [x] "r"(0x80000000), [fi] "r"(0) : "cc");
    CHECK(r, 0x7fffffff, "subs #1 result");
    CHECK(f >> 28, CF | VF, "subs #1 NZCV");
    group_end();
}

/* Flag-less forms leave the APSR alone. */
static void test_noflags(void)
{
    uint32_t r, f;

    group("add/sub without S keep NZCV");
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tadd %[r], %[x], %[y]\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [x] "r"(0xffffffff), [y] "r"(1), [fi] "r"(0x90000000)
                     : "cc");
    CHECK(r, 0, "add result");
    CHECK(f >> 28, NF | VF, "add NZCV");
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\tsub %[r], %[x], %[y]\n\t"
                     "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                     : [x] "r"(0), [y] "r"(1), [fi] "r"(0x60000000) : "cc");
    CHECK(r, 0xffffffff, "sub result");
    CHECK(f >> 28, ZF | CF, "sub NZCV");
    group_end();
}

int main(void)
{
    RUN_DP("adds", exp_adds, 0);
    RUN_DP("subs", exp_subs, 0);
    RUN_DP("adcs", exp_adcs0, 0);
    RUN_DP("adcs", exp_adcs1, 1);
    RUN_DP("sbcs", exp_sbcs0, 0);
    RUN_DP("sbcs", exp_sbcs1, 1);
    RUN_DP("rsbs", exp_rsbs, 0);
#ifndef __thumb__
    RUN_DP("rscs", exp_rscs0, 0);
    RUN_DP("rscs", exp_rscs1, 1);
#else
    skip("rscs", "no RSC in T32");
    (void)exp_rscs0;
    (void)exp_rscs1;
#endif
    RUN_CMP("cmn", exp_cmn, 0);
    RUN_CMP("cmp", exp_cmp, 0);
    RUN_DP("ands", exp_ands0, 0);
    RUN_DP("orrs", exp_orrs1, 1);
    RUN_DP("eors", exp_eors0, 0);
    RUN_DP("bics", exp_bics1, 1);
    RUN_CMP("tst", exp_tst1, 1);
    RUN_CMP("teq", exp_teq0, 0);
    test_imm_carry();
    test_noflags();
#ifdef __thumb__
    test_t16();
#else
    skip("16-bit forms", "T32 only");
#endif
    return test_exit();
}
