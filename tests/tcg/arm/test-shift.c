/*
 * tests/tcg/arm/test-shift.c: shifts by register (lsls/lsrs/asrs/rors
 * with counts 0, 1, 2, 31, 32, 33, 255, 256, 257: only the bottom byte
 * counts) and rrxs, with carry-in 0 and 1 and the carry-out (in T32
 * also the 16-bit encodings); in A32 also data processing with a
 * register-shifted register operand (adds, where the carry comes from
 * the add, and ands, where it is the shifter's).
 * Immediate shifts by hand.  Expected values from ref-shift.c.
 */
#include "arm-test.h"
#include "expect-shift.h"

#define SHIFT(insn, x_, n_, fin, fl) ({ uint32_t r_, f_; \
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t" insn " %[r], %[x], %[n]\n\t" \
                     "mrs %[f], APSR" \
                     : [r] "=&r"(r_), [f] "=&r"(f_) \
                     : [x] "r"(x_), [n] "r"(n_), [fi] "r"(fin) : "cc"); \
    *(fl) = f_ >> 28; r_; })

#define RUN_SHIFT(insn, exp) do { \
    int c_, i_, j_, k_ = 0; \
    group(insn " by register"); \
    for (c_ = 0; c_ < 2; c_++) { \
        for (i_ = 0; i_ < NVALS; i_++) { \
            for (j_ = 0; j_ < NSHIFTS; j_++, k_ += 2) { \
                uint32_t f, r = SHIFT(insn, vals[i_], shift_counts[j_], \
                                      (c_ ? 0x30000000u : 0x10000000u), &f); \
                CHECK(r, exp[k_], insn " 0x%x by %u (c=%d)", vals[i_], \
                      shift_counts[j_], c_); \
                CHECK(f, exp[k_ + 1], insn " 0x%x by %u (c=%d) NZCV", \
                      vals[i_], shift_counts[j_], c_); \
            } \
        } \
    } \
    group_end(); \
} while (0)

#ifndef __thumb__
#define DPSHIFT(insn, sh, rn, x_, n_, fin, fl) ({ uint32_t r_, f_; \
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t" \
                     insn " %[r], %[a], %[x], " sh " %[n]\n\t" \
                     "mrs %[f], APSR" \
                     : [r] "=&r"(r_), [f] "=&r"(f_) \
                     : [a] "r"(rn), [x] "r"(x_), [n] "r"(n_), [fi] "r"(fin) \
                     : "cc"); \
    *(fl) = f_ >> 28; r_; })

#define RUN_DPSHIFT(insn, sh, rn, fin, exp) do { \
    int i_, j_, k_ = 0; \
    group(insn " with " sh " by register"); \
    for (i_ = 0; i_ < NVALS; i_++) { \
        for (j_ = 0; j_ < NSHIFTS; j_++, k_ += 2) { \
            uint32_t f, r = DPSHIFT(insn, sh, rn, vals[i_], shift_counts[j_], \
                                    fin, &f); \
            CHECK(r, exp[k_], insn " 0x%x, 0x%x " sh " %u", rn, vals[i_], \
                  shift_counts[j_]); \
            CHECK(f, exp[k_ + 1], insn " 0x%x, 0x%x " sh " %u NZCV", rn, \
                  vals[i_], shift_counts[j_]); \
        } \
    } \
    group_end(); \
} while (0)
#endif

#ifdef __thumb__
/* The 16-bit T32 register shifts: "lsls rdn, rm" with low registers. */
#define SHIFT16(insn, x_, n_, fin, fl) ({ uint32_t r_ = (x_), f_; \
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t" insn " %[r], %[n]\n\t" \
                     "mrs %[f], APSR" \
                     : [r] "+l"(r_), [f] "=&r"(f_) \
                     : [n] "l"(n_), [fi] "r"(fin) : "cc"); \
    *(fl) = f_ >> 28; r_; })

#define RUN_SHIFT16(insn, exp) do { \
    int c_, i_, j_, k_ = 0; \
    group("16-bit " insn " by register"); \
    for (c_ = 0; c_ < 2; c_++) { \
        for (i_ = 0; i_ < NVALS; i_++) { \
            for (j_ = 0; j_ < NSHIFTS; j_++, k_ += 2) { \
                uint32_t f, r = SHIFT16(insn, vals[i_], shift_counts[j_], \
                                        (c_ ? 0x30000000u : 0x10000000u), &f); \
                CHECK(r, exp[k_], insn " 0x%x by %u (c=%d)", vals[i_], \
                      shift_counts[j_], c_); \
                CHECK(f, exp[k_ + 1], insn " 0x%x by %u (c=%d) NZCV", \
                      vals[i_], shift_counts[j_], c_); \
            } \
        } \
    } \
    group_end(); \
} while (0)
#endif

static void test_rrx(void)
{
    int c, i, k = 0;

    group("rrxs");
    for (c = 0; c < 2; c++) {
        for (i = 0; i < NVALS; i++, k += 2) {
            uint32_t r, f;
            __asm__ volatile("msr APSR_nzcvq, %[fi]\n\trrxs %[r], %[x]\n\t"
                             "mrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f)
                             : [x] "r"(vals[i]),
                               [fi] "r"(c ? 0x30000000u : 0x10000000u)
                             : "cc");
            CHECK(r, exp_rrxs[k], "rrxs 0x%x (c=%d)", vals[i], c);
            CHECK(f >> 28, exp_rrxs[k + 1], "rrxs 0x%x (c=%d) NZCV", vals[i], c);
        }
    }
    group_end();
}

/* Immediate shifts, by hand; x = 0x80000001. */
static void test_imm_shifts(void)
{
    uint32_t r, f, x = 0x80000001;

    group("immediate shifts");
#define IMM(insn, fin) \
    __asm__ volatile("msr APSR_nzcvq, %[fi]\n\t" insn "\n\tmrs %[f], APSR" \
                     : [r] "=&r"(r), [f] "=&r"(f) : [x] "r"(x), [fi] "r"(fin) \
                     : "cc")
    /* lsls #1: 0x00000002, C = old bit 31 = 1. */
    IMM("lsls %[r], %[x], #1", 0);
    CHECK(r, 2, "lsls #1");
    CHECK(f >> 28, CF, "lsls #1 NZCV");
    /* lsls #31: bit 0 to bit 31 = 0x80000000, C = old bit 1 = 0. */
    IMM("lsls %[r], %[x], #31", 0x20000000);
    CHECK(r, 0x80000000, "lsls #31");
    CHECK(f >> 28, NF, "lsls #31 NZCV");
    /* lsrs #32 (encoded as 0): 0, C = old bit 31 = 1. */
    IMM("lsrs %[r], %[x], #32", 0);
    CHECK(r, 0, "lsrs #32");
    CHECK(f >> 28, ZF | CF, "lsrs #32 NZCV");
    /* asrs #32: all sign bits = 0xffffffff, C = 1. */
    IMM("asrs %[r], %[x], #32", 0);
    CHECK(r, 0xffffffff, "asrs #32");
    CHECK(f >> 28, NF | CF, "asrs #32 NZCV");
    /* asrs #1: 0xc0000000, C = old bit 0 = 1, V kept (1). */
    IMM("asrs %[r], %[x], #1", 0x10000000);
    CHECK(r, 0xc0000000, "asrs #1");
    CHECK(f >> 28, NF | CF | VF, "asrs #1 NZCV");
    /* rors #1: 0xc0000000, C = new bit 31 = 1. */
    IMM("rors %[r], %[x], #1", 0);
    CHECK(r, 0xc0000000, "rors #1");
    CHECK(f >> 28, NF | CF, "rors #1 NZCV");
    /* rors #4: 0x18000000, C = 0. */
    IMM("rors %[r], %[x], #4", 0x20000000);
    CHECK(r, 0x18000000, "rors #4");
    CHECK(f >> 28, 0, "rors #4 NZCV");
    /* lsrs #1: 0x40000000, C = 1. */
    IMM("lsrs %[r], %[x], #1", 0);
    CHECK(r, 0x40000000, "lsrs #1");
    CHECK(f >> 28, CF, "lsrs #1 NZCV");
    /* add with shifted operand, flags untouched: x + (x lsl #4) =
     * 0x80000001 + 0x00000010 = 0x80000011. */
    IMM("add %[r], %[x], %[x], lsl #4", 0x50000000);
    CHECK(r, 0x80000011, "add lsl #4");
    CHECK(f >> 28, ZF | VF, "add lsl #4 NZCV");
    /* subs r, x, x, asr #31: 0x80000001 - 0xffffffff = 0x80000002 with a
     * borrow (C = 0), no signed overflow: N. */
    IMM("subs %[r], %[x], %[x], asr #31", 0);
    CHECK(r, 0x80000002, "subs asr #31");
    CHECK(f >> 28, NF, "subs asr #31 NZCV");
#undef IMM
    group_end();
}

int main(void)
{
    RUN_SHIFT("lsls", exp_lsls);
    RUN_SHIFT("lsrs", exp_lsrs);
    RUN_SHIFT("asrs", exp_asrs);
    RUN_SHIFT("rors", exp_rors);
    test_rrx();
    test_imm_shifts();
#ifdef __thumb__
    RUN_SHIFT16("lsls", exp_lsls);
    RUN_SHIFT16("lsrs", exp_lsrs);
    RUN_SHIFT16("asrs", exp_asrs);
    RUN_SHIFT16("rors", exp_rors);
#endif
#ifndef __thumb__
    RUN_DPSHIFT("adds", "lsl", 0x40000000u, 0x20000000u, exp_add_lsl);
    RUN_DPSHIFT("adds", "lsr", 0x40000000u, 0x20000000u, exp_add_lsr);
    RUN_DPSHIFT("adds", "asr", 0x40000000u, 0x20000000u, exp_add_asr);
    RUN_DPSHIFT("adds", "ror", 0x40000000u, 0x20000000u, exp_add_ror);
    RUN_DPSHIFT("ands", "lsl", 0xffffffffu, 0x30000000u, exp_and_lsl);
    RUN_DPSHIFT("ands", "lsr", 0xffffffffu, 0x30000000u, exp_and_lsr);
    RUN_DPSHIFT("ands", "asr", 0xffffffffu, 0x30000000u, exp_and_asr);
    RUN_DPSHIFT("ands", "ror", 0xffffffffu, 0x30000000u, exp_and_ror);
#else
    skip("data processing with register-shifted register", "A32 only");
    (void)exp_add_lsl; (void)exp_add_lsr; (void)exp_add_asr;
    (void)exp_add_ror; (void)exp_and_lsl; (void)exp_and_lsr;
    (void)exp_and_asr; (void)exp_and_ror;
#endif
    return test_exit();
}
