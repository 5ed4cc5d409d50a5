/*
 * tests/tcg/arm/test-ldst.c: loads and stores in every addressing mode
 * (immediate and register offsets, scaled and negative, pre-indexed with
 * write-back and post-indexed), every size and sign extension, ldrd/strd,
 * unaligned word and halfword accesses, ldrt and friends, the VFP
 * loads and stores, PC-relative literals.  Checks
 * the value loaded, the written-back base and the memory stored.
 *
 * Expected values by hand: src[] holds byte k at offset k for k < 32 and
 * 0xc0 + k for k >= 32, so the little-endian word at offset k < 29 is
 * (k+3)<<24 | (k+2)<<16 | (k+1)<<8 | k, e.g. offset 8 -> 0x0b0a0908.
 */
#include "arm-test.h"

static uint8_t src[64] __attribute__((aligned(8))) = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
    0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0xe0, 0xe1, 0xe2, 0xe3,
    0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb,
    0xfc, 0xfd, 0xfe, 0xff,
};
static uint32_t dst[16] __attribute__((aligned(8)));

#define S ((uint32_t)(uintptr_t)src)
#define D ((uint32_t)(uintptr_t)dst)

/* One load: r = result, b = base (in/out), i = index register. */
#define LD(desc, insn, base, idx, want, want_base) do { \
    uint32_t r_, b_ = (base), i_ = (idx); \
    __asm__ volatile(insn : [r] "=&r"(r_), [b] "+r"(b_) : [i] "r"(i_) \
                     : "memory"); \
    CHECK(r_, want, "%s value", desc); \
    CHECK(b_ - S, (want_base) - S, "%s base - src", desc); \
} while (0)

static void test_loads(void)
{
    group("ldr addressing modes");
    LD("ldr [b, #8]", "ldr %[r], [%[b], #8]", S, 0, 0x0b0a0908, S);
    LD("ldr [b, #-4]", "ldr %[r], [%[b], #-4]", S + 12, 0, 0x0b0a0908, S + 12);
    LD("ldr [b, #4]!", "ldr %[r], [%[b], #4]!", S, 0, 0x07060504, S + 4);
    LD("ldr [b, #-8]!", "ldr %[r], [%[b], #-8]!", S + 24, 0, 0x13121110, S + 16);
    LD("ldr [b], #8", "ldr %[r], [%[b]], #8", S + 16, 0, 0x13121110, S + 24);
    LD("ldr [b], #-4", "ldr %[r], [%[b]], #-4", S + 4, 0, 0x07060504, S);
    LD("ldr [b, i]", "ldr %[r], [%[b], %[i]]", S, 20, 0x17161514, S);
    LD("ldr [b, i, lsl #2]", "ldr %[r], [%[b], %[i], lsl #2]", S, 3,
       0x0f0e0d0c, S);
#ifndef __thumb__
    LD("ldr [b, -i]", "ldr %[r], [%[b], -%[i]]", S + 32, 8, 0x1b1a1918, S + 32);
    LD("ldr [b, i]!", "ldr %[r], [%[b], %[i]]!", S, 12, 0x0f0e0d0c, S + 12);
    LD("ldr [b], -i", "ldr %[r], [%[b]], -%[i]", S + 24, 16, 0x1b1a1918, S + 8);
    LD("ldr [b, i, lsr #1]", "ldr %[r], [%[b], %[i], lsr #1]", S, 16,
       0x0b0a0908, S);
    LD("ldr [b, -i, asr #2]!", "ldr %[r], [%[b], -%[i], asr #2]!", S + 16, 16,
       0x0f0e0d0c, S + 12);
#endif
    /* Unaligned (SCTLR.A is clear for Linux processes). */
    LD("ldr [b, #1] unaligned", "ldr %[r], [%[b], #1]", S, 0, 0x04030201, S);
    LD("ldrh [b, #3] unaligned", "ldrh %[r], [%[b], #3]", S, 0, 0x0403, S);
    group_end();

    group("ldrb/ldrh/ldrsb/ldrsh");
    LD("ldrb [b, #5]", "ldrb %[r], [%[b], #5]", S, 0, 0x05, S);
    LD("ldrb [b, #40]", "ldrb %[r], [%[b], #40]", S, 0, 0xe8, S);
    LD("ldrsb [b, #33]", "ldrsb %[r], [%[b], #33]", S, 0, 0xffffffe1, S);
    LD("ldrsb [b, #7]", "ldrsb %[r], [%[b], #7]", S, 0, 0x07, S);
    LD("ldrh [b, #2]", "ldrh %[r], [%[b], #2]", S, 0, 0x0302, S);
    LD("ldrh [b, #60]", "ldrh %[r], [%[b], #60]", S, 0, 0xfdfc, S);
    LD("ldrsh [b, #34]", "ldrsh %[r], [%[b], #34]", S, 0, 0xffffe3e2, S);
    LD("ldrsh [b, #6]", "ldrsh %[r], [%[b], #6]", S, 0, 0x0706, S);
    LD("ldrb [b], #1", "ldrb %[r], [%[b]], #1", S + 9, 0, 0x09, S + 10);
    LD("ldrh [b, #2]!", "ldrh %[r], [%[b], #2]!", S + 10, 0, 0x0d0c, S + 12);
    LD("ldrsb [b, i]", "ldrsb %[r], [%[b], %[i]]", S, 63, 0xffffffff, S);
    LD("ldrsh [b, i]", "ldrsh %[r], [%[b], %[i]]", S, 48, 0xfffff1f0, S);
    LD("ldrsh [b], #-2", "ldrsh %[r], [%[b]], #-2", S + 62, 0, 0xfffffffe,
       S + 60);
    LD("ldrb [b, #-1]!", "ldrb %[r], [%[b], #-1]!", S + 32, 0, 0x1f, S + 31);
#ifndef __thumb__
    LD("ldrh [b, -i]", "ldrh %[r], [%[b], -%[i]]", S + 40, 4, 0xe5e4, S + 40);
    LD("ldrsb [b], i", "ldrsb %[r], [%[b]], %[i]", S + 44, 4, 0xffffffec,
       S + 48);
#endif
    group_end();
}

/* ldrd/strd take an even/odd register pair in A32: a 64-bit operand
 * (%Q low, %R high) gets one. */
static void test_ldrd(void)
{
    uint64_t v;
    uint32_t b;

    group("ldrd/strd");
    b = S;
    __asm__ volatile("ldrd %Q[v], %R[v], [%[b], #8]"
                     : [v] "=&r"(v) : [b] "r"(b) : "memory");
    CHECK((uint32_t)v, 0x0b0a0908, "ldrd [b, #8] low");
    CHECK(v >> 32, 0x0f0e0d0c, "ldrd [b, #8] high");
    b = S;
    __asm__ volatile("ldrd %Q[v], %R[v], [%[b], #16]!"
                     : [v] "=&r"(v), [b] "+r"(b) :: "memory");
    CHECK((uint32_t)v, 0x13121110, "ldrd [b, #16]! low");
    CHECK(v >> 32, 0x17161514, "ldrd [b, #16]! high");
    CHECK(b - S, 16, "ldrd [b, #16]! base");
    b = S + 32;
    __asm__ volatile("ldrd %Q[v], %R[v], [%[b]], #-8"
                     : [v] "=&r"(v), [b] "+r"(b) :: "memory");
    CHECK((uint32_t)v, 0xe3e2e1e0, "ldrd [b], #-8 low");
    CHECK(v >> 32, 0xe7e6e5e4, "ldrd [b], #-8 high");
    CHECK(b - S, 24, "ldrd [b], #-8 base");

    memset(dst, 0, sizeof(dst));
    b = D + 8;
    v = 0x2222222211111111ull;
    __asm__ volatile("strd %Q[v], %R[v], [%[b], #-8]!"
                     : [b] "+r"(b) : [v] "r"(v) : "memory");
    CHECK(b - D, 0, "strd [b, #-8]! base");
    CHECK(dst[0], 0x11111111, "strd [b, #-8]! word 0");
    CHECK(dst[1], 0x22222222, "strd [b, #-8]! word 1");
    CHECK(dst[2], 0, "strd [b, #-8]! word 2 untouched");
    b = D + 16;
    v = 0x4444444433333333ull;
    __asm__ volatile("strd %Q[v], %R[v], [%[b]], #16"
                     : [b] "+r"(b) : [v] "r"(v) : "memory");
    CHECK(b - D, 32, "strd [b], #16 base");
    CHECK(dst[4], 0x33333333, "strd [b], #16 word 4");
    CHECK(dst[5], 0x44444444, "strd [b], #16 word 5");
    group_end();
}

/* One store of v: b = base (in/out), i = index. */
#define ST(desc, insn, base, idx, val, want_base) do { \
    uint32_t b_ = (base), i_ = (idx); \
    __asm__ volatile(insn : [b] "+r"(b_) : [i] "r"(i_), [v] "r"(val) \
                     : "memory"); \
    CHECK(b_ - D, (want_base) - D, "%s base - dst", desc); \
} while (0)

static void test_stores(void)
{
    group("str/strb/strh addressing modes");
    memset(dst, 0, sizeof(dst));
    ST("str [b, #4]", "str %[v], [%[b], #4]", D, 0, 0xa1a2a3a4, D);
    CHECK(dst[1], 0xa1a2a3a4, "str [b, #4] memory");
    ST("str [b, #8]!", "str %[v], [%[b], #8]!", D, 0, 0xb1b2b3b4, D + 8);
    CHECK(dst[2], 0xb1b2b3b4, "str [b, #8]! memory");
    ST("str [b], #-4", "str %[v], [%[b]], #-4", D + 12, 0, 0xc1c2c3c4, D + 8);
    CHECK(dst[3], 0xc1c2c3c4, "str [b], #-4 memory");
    ST("str [b, i, lsl #2]", "str %[v], [%[b], %[i], lsl #2]", D, 4,
       0xd1d2d3d4, D);
    CHECK(dst[4], 0xd1d2d3d4, "str [b, i, lsl #2] memory");
    ST("strb [b, #21]", "strb %[v], [%[b], #21]", D, 0, 0x12345678, D);
    CHECK(dst[5], 0x00007800, "strb [b, #21] memory");
    ST("strh [b, #26]", "strh %[v], [%[b], #26]", D, 0, 0x12345678, D);
    CHECK(dst[6], 0x56780000, "strh [b, #26] memory");
    ST("strh [b], #2", "strh %[v], [%[b]], #2", D + 28, 0, 0xabcd, D + 30);
    CHECK(dst[7], 0x0000abcd, "strh [b], #2 memory");
    ST("strb [b, #-1]!", "strb %[v], [%[b], #-1]!", D + 36, 0, 0xee, D + 35);
    CHECK(dst[8], 0xee000000, "strb [b, #-1]! memory");
    /* Unaligned word store across a word boundary. */
    ST("str [b, #38] unaligned", "str %[v], [%[b], #38]", D, 0, 0x44332211, D);
    CHECK(dst[9], 0x22110000, "str unaligned: low word");
    CHECK(dst[10], 0x00004433, "str unaligned: high word");
#ifndef __thumb__
    ST("str [b, -i]!", "str %[v], [%[b], -%[i]]!", D + 52, 8, 0x0badcafe,
       D + 44);
    CHECK(dst[11], 0x0badcafe, "str [b, -i]! memory");
    ST("strb [b], i", "strb %[v], [%[b]], %[i]", D + 48, 3, 0x5a, D + 51);
    CHECK(dst[12], 0x5a, "strb [b], i memory");
#endif
    group_end();
}

static void test_ldm_stm(void)
{
    uint32_t b, o[4];

    group("ldm/stm");
#define LDM(insn, base) \
    b = (base); \
    __asm__ volatile(insn "\n\tstr r4, [%[o]]\n\tstr r5, [%[o], #4]\n\t" \
                     "str r6, [%[o], #8]\n\tstr r8, [%[o], #12]" \
                     : [b] "+r"(b) : [o] "r"(o) \
                     : "r4", "r5", "r6", "r8", "memory")
    LDM("ldmia %[b]!, {r4, r5, r6, r8}", S);
    CHECK(o[0], 0x03020100, "ldmia! r4");
    CHECK(o[1], 0x07060504, "ldmia! r5");
    CHECK(o[2], 0x0b0a0908, "ldmia! r6");
    CHECK(o[3], 0x0f0e0d0c, "ldmia! r8");
    CHECK(b - S, 16, "ldmia! base");
    LDM("ldmdb %[b]!, {r4, r5, r6, r8}", S + 32);
    CHECK(o[0], 0x13121110, "ldmdb! r4");
    CHECK(o[3], 0x1f1e1d1c, "ldmdb! r8");
    CHECK(b - S, 16, "ldmdb! base");
    LDM("ldmia %[b], {r4, r5, r6, r8}", S + 32);
    CHECK(o[0], 0xe3e2e1e0, "ldmia r4");
    CHECK(o[3], 0xefeeedec, "ldmia r8");
    CHECK(b - S, 32, "ldmia (no write-back) base");
#ifndef __thumb__
    LDM("ldmib %[b]!, {r4, r5, r6, r8}", S);
    CHECK(o[0], 0x07060504, "ldmib! r4");
    CHECK(o[3], 0x13121110, "ldmib! r8");
    CHECK(b - S, 16, "ldmib! base");
    LDM("ldmda %[b]!, {r4, r5, r6, r8}", S + 16);
    CHECK(o[0], 0x07060504, "ldmda! r4");
    CHECK(o[3], 0x13121110, "ldmda! r8");
    CHECK(b - S, 0, "ldmda! base");
#endif
#undef LDM

#define STM(insn, base) \
    memset(dst, 0, sizeof(dst)); \
    b = (base); \
    __asm__ volatile("mov r4, #1\n\tmov r5, #2\n\tmov r6, #3\n\tmov r8, #4\n\t" \
                     insn : [b] "+r"(b) :: "r4", "r5", "r6", "r8", "memory")
    STM("stmia %[b]!, {r4, r5, r6, r8}", D + 4);
    CHECK(dst[0], 0, "stmia! word 0");
    CHECK(dst[1], 1, "stmia! word 1");
    CHECK(dst[4], 4, "stmia! word 4");
    CHECK(dst[5], 0, "stmia! word 5");
    CHECK(b - D, 20, "stmia! base");
    STM("stmdb %[b]!, {r4, r5, r6, r8}", D + 32);
    CHECK(dst[4], 1, "stmdb! word 4");
    CHECK(dst[7], 4, "stmdb! word 7");
    CHECK(dst[8], 0, "stmdb! word 8");
    CHECK(b - D, 16, "stmdb! base");
#ifndef __thumb__
    STM("stmib %[b]!, {r4, r5, r6, r8}", D);
    CHECK(dst[0], 0, "stmib! word 0");
    CHECK(dst[1], 1, "stmib! word 1");
    CHECK(dst[4], 4, "stmib! word 4");
    CHECK(b - D, 16, "stmib! base");
    STM("stmda %[b], {r4, r5, r6, r8}", D + 16);
    CHECK(dst[1], 1, "stmda word 1");
    CHECK(dst[4], 4, "stmda word 4");
    CHECK(dst[5], 0, "stmda word 5");
    CHECK(b - D, 16, "stmda (no write-back) base");
#endif
#undef STM

    /* push/pop of many registers through sp. */
    __asm__ volatile("mov r4, #0x44\n\tmov r5, #0x55\n\tmov r6, #0x66\n\t"
                     "mov r8, #0x88\n\tpush {r4, r5, r6, r8}\n\t"
                     "mov r4, #0\n\tmov r5, #0\n\tmov r6, #0\n\tmov r8, #0\n\t"
                     "pop {r5, r6, r8, r9}\n\t"
                     "str r5, [%[o]]\n\tstr r6, [%[o], #4]\n\t"
                     "str r8, [%[o], #8]\n\tstr r9, [%[o], #12]"
                     :: [o] "r"(o) : "r4", "r5", "r6", "r8", "r9", "memory");
    /* pop fills the lowest-numbered register from the lowest address. */
    CHECK(o[0], 0x44, "push {r4,r5,r6,r8}; pop {r5,r6,r8,r9}: r5");
    CHECK(o[1], 0x55, "... r6");
    CHECK(o[2], 0x66, "... r8");
    CHECK(o[3], 0x88, "... r9");
    group_end();
}

/* Unprivileged loads and stores: at PL0 the same as the plain ones. */
static void test_unpriv(void)
{
    uint32_t r, b;

    group("ldrt/strt and friends");
#ifdef __thumb__
    /* T32: [b, #imm8], no write-back. */
    b = S;
    __asm__ volatile("ldrt %[r], [%[b], #8]" : [r] "=r"(r) : [b] "r"(b) : "memory");
    CHECK(r, 0x0b0a0908, "ldrt [b, #8]");
    __asm__ volatile("ldrsbt %[r], [%[b], #34]" : [r] "=r"(r) : [b] "r"(b) : "memory");
    CHECK(r, 0xffffffe2, "ldrsbt [b, #34]");
    __asm__ volatile("ldrht %[r], [%[b], #6]" : [r] "=r"(r) : [b] "r"(b) : "memory");
    CHECK(r, 0x0706, "ldrht [b, #6]");
    memset(dst, 0, sizeof(dst));
    __asm__ volatile("strbt %[v], [%[b], #5]" :: [v] "r"(0x1234), [b] "r"(D) : "memory");
    CHECK(dst[1], 0x3400, "strbt [b, #5]");
#else
    /* A32: post-indexed only. */
    b = S + 8;
    __asm__ volatile("ldrt %[r], [%[b]], #4" : [r] "=r"(r), [b] "+r"(b) :: "memory");
    CHECK(r, 0x0b0a0908, "ldrt [b], #4");
    CHECK(b - S, 12, "ldrt [b], #4 base");
    b = S + 34;
    __asm__ volatile("ldrsbt %[r], [%[b]], #-2" : [r] "=r"(r), [b] "+r"(b) :: "memory");
    CHECK(r, 0xffffffe2, "ldrsbt [b], #-2");
    CHECK(b - S, 32, "ldrsbt [b], #-2 base");
    b = S + 6;
    __asm__ volatile("ldrht %[r], [%[b]], #2" : [r] "=r"(r), [b] "+r"(b) :: "memory");
    CHECK(r, 0x0706, "ldrht [b], #2");
    memset(dst, 0, sizeof(dst));
    b = D + 5;
    __asm__ volatile("strbt %[v], [%[b]], #1" : [b] "+r"(b) : [v] "r"(0x1234) : "memory");
    CHECK(dst[1], 0x3400, "strbt [b], #1");
    CHECK(b - D, 6, "strbt [b], #1 base");
#endif
    group_end();
}

/* VFP loads and stores: vldr/vstr with offsets, vldm/vstm with
 * write-back, vpush/vpop. */
static void test_vfp_ldst(void)
{
    uint32_t b, lo, hi, s1;

    group("vldr/vstr/vldm/vstm/vpush/vpop");
    __asm__ volatile("vldr s0, [%[b], #12]\n\tvldr d1, [%[b], #-8]\n\t"
                     "vmov %[s1], s0\n\tvmov %[lo], %[hi], d1"
                     : [s1] "=&r"(s1), [lo] "=&r"(lo), [hi] "=&r"(hi)
                     : [b] "r"(S + 16) : "d0", "d1", "memory");
    CHECK(s1, 0x1f1e1d1c, "vldr s0, [b, #12]");
    CHECK(lo, 0x0b0a0908, "vldr d1, [b, #-8] low");
    CHECK(hi, 0x0f0e0d0c, "vldr d1, [b, #-8] high");
    b = S + 4;
    __asm__ volatile("vldmia %[b]!, {s2-s4}\n\tvmov %[lo], s2\n\tvmov %[hi], s4"
                     : [b] "+r"(b), [lo] "=&r"(lo), [hi] "=&r"(hi)
                     :: "d1", "d2", "memory");
    CHECK(lo, 0x07060504, "vldmia! {s2-s4}: s2");
    CHECK(hi, 0x0f0e0d0c, "vldmia! {s2-s4}: s4");
    CHECK(b - S, 16, "vldmia! {s2-s4} base");
    b = S + 48;
    __asm__ volatile("vldmdb %[b]!, {d4-d5}\n\tvmov %[lo], %[hi], d4"
                     : [b] "+r"(b), [lo] "=&r"(lo), [hi] "=&r"(hi)
                     :: "d4", "d5", "memory");
    CHECK(lo, 0xe3e2e1e0, "vldmdb! {d4-d5}: d4 low");
    CHECK(hi, 0xe7e6e5e4, "vldmdb! {d4-d5}: d4 high");
    CHECK(b - S, 32, "vldmdb! base");
    memset(dst, 0, sizeof(dst));
    b = D;
    __asm__ volatile("vmov d6, %[lo], %[hi]\n\tvmov s14, %[lo]\n\t"
                     "vstmia %[b]!, {d6}\n\tvstr s14, [%[b], #8]\n\t"
                     "vstr d6, [%[b], #16]"
                     : [b] "+r"(b) : [lo] "r"(0x11112222), [hi] "r"(0x33334444)
                     : "d6", "d7", "memory");
    CHECK(b - D, 8, "vstmia! {d6} base");
    CHECK(dst[0], 0x11112222, "vstmia word 0");
    CHECK(dst[1], 0x33334444, "vstmia word 1");
    CHECK(dst[4], 0x11112222, "vstr s14, [b, #8]");
    CHECK(dst[6], 0x11112222, "vstr d6, [b, #16] low");
    CHECK(dst[7], 0x33334444, "vstr d6, [b, #16] high");
    /* vpush/vpop through sp. */
    __asm__ volatile("vmov d8, %[lo], %[hi]\n\tvpush {d8}\n\t"
                     "vmov d8, %[hi], %[lo]\n\tvpop {d9}\n\tvmov %[lo], %[hi], d9"
                     : [lo] "+r"(lo), [hi] "+r"(hi) :: "d8", "d9", "memory");
    CHECK(lo, 0xe3e2e1e0, "vpush {d8}; vpop {d9}: low");
    CHECK(hi, 0xe7e6e5e4, "vpush {d8}; vpop {d9}: high");
    group_end();
}

static void test_literal(void)
{
    uint32_t r, a, here;

    group("pc-relative literal and adr");
    __asm__ volatile("ldr %[r], =0x89abcdef" : [r] "=r"(r));
    CHECK(r, 0x89abcdef, "ldr =0x89abcdef");
    /* adr to a label 8 bytes on, against the label's address from a
     * literal (a relocation resolved by the linker). */
    __asm__ volatile("adr %[a], 1f\n\tldr %[h], =1f\n\tb 2f\n\t.ltorg\n"
                     "1: .word 0x5a5a5a5a\n2:\n\tldr %[r], [%[a]]"
                     : [a] "=&r"(a), [h] "=&r"(here), [r] "=&r"(r));
    CHECK(a, here, "adr label");
    CHECK(r, 0x5a5a5a5a, "ldr [adr label]");
    /* pld is a hint: no fault even on a wild address. */
    __asm__ volatile("pld [%[a]]" :: [a] "r"(0x10));
    CHECK(1, 1, "pld on an unmapped address");
    group_end();
}

int main(void)
{
    test_loads();
    test_ldrd();
    test_stores();
    test_ldm_stm();
    test_unpriv();
    test_vfp_ldst();
    test_literal();
    return test_exit();
}
