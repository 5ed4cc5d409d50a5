/*
 * tests/tcg/aarch64/test-simd.c: the AdvSIMD subset that glibc's string
 * routines and GCC's vectorised code use: structure loads/stores,
 * DUP/INS/UMOV/SMOV, MOVI/MVNI/ORR/BIC immediates, compares, logic,
 * add/sub, pairwise and across-lanes reductions, shifts and narrowing,
 * EXT, TBL/TBX, ZIP/UZP/TRN, XTN/UXTL, CNT, REV, BSL/BIT/BIF, widening
 * multiplies and vector FP.  Expected values worked out by hand.
 */
#include "a64-test.h"

typedef struct { uint64_t lo, hi; } Q;

static uint8_t src[64] __attribute__((aligned(16)));
static uint8_t dst[64] __attribute__((aligned(16)));

/* Run "code" with v0 = a, v1 = b, v2 = c; return v0 (the result). */
#define V3(code, a, b, c) ({ Q r_, a_ = (a), b_ = (b), c_ = (c); \
    __asm__ volatile("ldr q0, [%1]\n ldr q1, [%2]\n ldr q2, [%3]\n" code "\n str q0, [%0]" \
                     : : "r"(&r_), "r"(&a_), "r"(&b_), "r"(&c_) : "v0", "v1", "v2", "memory"); r_; })
#define QV(l, h) ((Q){ (l), (h) })
#define CHECKQ(q, l, h) do { Q q_ = (q); CHECK(q_.lo, l); CHECK(q_.hi, h); } while (0)

static const Q A = { 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull };
static const Q B = { 0x8090a0b0c0d0e0f0ull, 0x0010203040506070ull };
static const Q Z0 = { 0, 0 };

static void test_ldst(void)
{
    for (int i = 0; i < 64; i++) {
        src[i] = i;
        dst[i] = 0;
    }
    uint64_t p = (uint64_t)src;
    Q r0, r1;
    __asm__ volatile("ld1 {v0.16b, v1.16b}, [%0], #32\n str q0, [%1]\n str q1, [%2]"
                     : "+r"(p) : "r"(&r0), "r"(&r1) : "v0", "v1", "memory");
    CHECK(p, (uint64_t)src + 32);
    CHECKQ(r0, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    CHECKQ(r1, 0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull);
    __asm__ volatile("ld2 {v0.8b, v1.8b}, [%0]\n str q0, [%1]\n str q1, [%2]"
                     : : "r"(src), "r"(&r0), "r"(&r1) : "v0", "v1", "memory");
    CHECKQ(r0, 0x0e0c0a0806040200ull, 0);
    CHECKQ(r1, 0x0f0d0b0907050301ull, 0);
    __asm__ volatile("ld4 {v0.4s, v1.4s, v2.4s, v3.4s}, [%0]\n str q0, [%1]\n str q3, [%2]"
                     : : "r"(src), "r"(&r0), "r"(&r1) : "v0", "v1", "v2", "v3", "memory");
    CHECKQ(r0, 0x1312111003020100ull, 0x3332313023222120ull);
    CHECKQ(r1, 0x1f1e1d1c0f0e0d0cull, 0x3f3e3d3c2f2e2d2cull);
    __asm__ volatile("ld1r {v0.8h}, [%0]\n str q0, [%1]" : : "r"(src + 6), "r"(&r0) : "v0", "memory");
    CHECKQ(r0, 0x0706070607060706ull, 0x0706070607060706ull);
    __asm__ volatile("movi v0.16b, #0xff\n ld1 {v0.s}[2], [%0]\n str q0, [%1]" : : "r"(src + 4), "r"(&r0) : "v0", "memory");
    CHECKQ(r0, -1ull, 0xffffffff07060504ull);
    __asm__ volatile("ldr q0, [%0]\n ldr q1, [%0, #16]\n st2 {v0.16b, v1.16b}, [%1]"
                     : : "r"(src), "r"(dst) : "v0", "v1", "memory");
    CHECK(*(uint64_t *)dst, 0x1303120211011000ull);
    __asm__ volatile("ldr q0, [%0]\n st1 {v0.h}[5], [%1]" : : "r"(src), "r"(dst + 40) : "v0", "memory");
    CHECK(*(uint16_t *)(dst + 40), 0x0b0a);
    __asm__ volatile("ldr q0, [%0]\n ldr q1, [%0, #16]\n st1 {v0.2d, v1.2d}, [%1]"
                     : : "r"(src), "r"(dst) : "v0", "v1", "memory");
    CHECK(*(uint64_t *)(dst + 24), 0x1f1e1d1c1b1a1918ull);
    p = (uint64_t)dst;
    __asm__ volatile("ldr q0, [%1]\n st1 {v0.8b}, [%0], %2" : "+r"(p) : "r"(src + 32), "r"(3ull) : "v0", "memory");
    CHECK(p, (uint64_t)dst + 3);
    CHECK(*(uint64_t *)dst, 0x2726252423222120ull);
    /* LD1/ST1 of 3 and 4 registers, 64-bit forms, LD1R with writeback */
    __asm__ volatile("movi v1.16b, #0xff\n ld1 {v0.8b, v1.8b, v2.8b}, [%0]\n"
                     " str q1, [%1]\n str q2, [%2]"
                     : : "r"(src + 1), "r"(&r0), "r"(&r1) : "v0", "v1", "v2", "memory");
    CHECKQ(r0, 0x100f0e0d0c0b0a09ull, 0);
    CHECKQ(r1, 0x1817161514131211ull, 0);
    p = (uint64_t)dst;
    __asm__ volatile("ld1 {v28.4s, v29.4s, v30.4s, v31.4s}, [%1]\n"
                     " st1 {v29.4s, v30.4s, v31.4s, v0.4s}, [%0], #64"
                     : "+r"(p) : "r"(src) : "v0", "v28", "v29", "v30", "v31", "memory");
    CHECK(p, (uint64_t)dst + 64);
    CHECK(*(uint64_t *)dst, 0x1716151413121110ull);
    CHECK(*(uint64_t *)(dst + 40), 0x3f3e3d3c3b3a3938ull);
    p = (uint64_t)src + 8;
    __asm__ volatile("movi v0.16b, #0xff\n ld1r {v0.2s}, [%0], %2\n str q0, [%1]"
                     : "+r"(p) : "r"(&r0), "r"(5ull) : "v0", "memory");
    CHECK(p, (uint64_t)src + 13);
    CHECKQ(r0, 0x0b0a09080b0a0908ull, 0);
    __asm__ volatile("ld1r {v0.2d}, [%0], #8\n str q0, [%1]"
                     : "+r"(p) : "r"(&r0) : "v0", "memory");
    CHECK(p, (uint64_t)src + 21);
    CHECKQ(r0, 0x14131211100f0e0dull, 0x14131211100f0e0dull);
    /* q/d/s register loads, pairs of q */
    __asm__ volatile("ldp q0, q1, [%0]\n stp q1, q0, [%1]" : : "r"(src), "r"(dst) : "v0", "v1", "memory");
    CHECK(*(uint64_t *)dst, 0x1716151413121110ull);
    CHECK(*(uint64_t *)(dst + 16), 0x0706050403020100ull);
    __asm__ volatile("movi v0.16b, #1\n ldr s0, [%0]\n str q0, [%1]" : : "r"(src), "r"(&r0) : "v0", "memory");
    CHECKQ(r0, 0x03020100ull, 0);
    __asm__ volatile("ldr d0, [%0, #8]\n ldr b1, [%0, #3]\n ldr h2, [%0, #4]\n str d0, [%1]\n str b1, [%1, #8]\n str h2, [%1, #10]"
                     : : "r"(src), "r"(dst) : "v0", "v1", "v2", "memory");
    CHECK(*(uint64_t *)dst, 0x0f0e0d0c0b0a0908ull);
    CHECK(*(uint32_t *)(dst + 8), 0x05040003u | (dst[9] << 8));
}

static void test_moves(void)
{
    uint64_t r;
    CHECKQ(V3("dup v0.16b, v1.b[3]", Z0, B, Z0), 0xc0c0c0c0c0c0c0c0ull, 0xc0c0c0c0c0c0c0c0ull);
    CHECKQ(V3("dup v0.4h, v1.h[7]", Z0, B, Z0), 0x0010001000100010ull, 0);
    Q q;
    __asm__ volatile("dup v0.4s, %w1\n str q0, [%0]" : : "r"(&q), "r"(0x12345678ull) : "v0", "memory");
    CHECKQ(q, 0x1234567812345678ull, 0x1234567812345678ull);
    __asm__ volatile("movi v0.2d, #0\n ins v0.d[1], %1\n ins v0.b[2], %w1\n str q0, [%0]" : : "r"(&q), "r"(0x1122ull) : "v0", "memory");
    CHECKQ(q, 0x220000ull, 0x1122ull);
    CHECKQ(V3("mov v0.s[1], v1.s[3]", A, B, Z0), 0x0010203003020100ull, 0x0f0e0d0c0b0a0908ull);
    __asm__ volatile("ldr q0, [%1]\n umov %w0, v0.b[15]" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0x00);
    __asm__ volatile("ldr q0, [%1]\n smov %0, v0.b[7]" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, -0x80ull);
    __asm__ volatile("ldr q0, [%1]\n smov %w0, v0.h[3]" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0xffff8090ull);
    __asm__ volatile("ldr q0, [%1]\n mov %0, v0.d[1]" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, B.hi);
    __asm__ volatile("ldr q0, [%1]\n mov %w0, v0.s[1]" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0x8090a0b0ull);
    /* immediates */
    CHECKQ(V3("movi v0.16b, #0x2a", A, Z0, Z0), 0x2a2a2a2a2a2a2a2aull, 0x2a2a2a2a2a2a2a2aull);
    CHECKQ(V3("movi v0.4s, #0x12, lsl #8", A, Z0, Z0), 0x0000120000001200ull, 0x0000120000001200ull);
    CHECKQ(V3("movi v0.2s, #0x12, msl #8", A, Z0, Z0), 0x000012ff000012ffull, 0);
    CHECKQ(V3("movi v0.2d, #0xff00ff0000ff00ff", A, Z0, Z0), 0xff00ff0000ff00ffull, 0xff00ff0000ff00ffull);
    CHECKQ(V3("movi d0, #0xff000000000000ff", A, Z0, Z0), 0xff000000000000ffull, 0);
    CHECKQ(V3("mvni v0.8h, #0x1", A, Z0, Z0), 0xfffefffefffefffeull, 0xfffefffefffefffeull);
    CHECKQ(V3("orr v0.4h, #0x80, lsl #8", A, Z0, Z0), 0x8706850483028100ull, 0);
    CHECKQ(V3("bic v0.4s, #0x1", A, Z0, Z0), 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    CHECKQ(V3("bic v0.4s, #0x3", A, Z0, Z0), 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    CHECKQ(V3("fmov v0.4s, #1.0", A, Z0, Z0), 0x3f8000003f800000ull, 0x3f8000003f800000ull);
    CHECKQ(V3("fmov v0.2d, #-2.0", A, Z0, Z0), 0xc000000000000000ull, 0xc000000000000000ull);
}

static void test_logic_cmp(void)
{
    CHECKQ(V3("and v0.16b, v0.16b, v1.16b", A, B, Z0), A.lo & B.lo, A.hi & B.hi);
    CHECKQ(V3("orr v0.16b, v0.16b, v1.16b", A, B, Z0), A.lo | B.lo, A.hi | B.hi);
    CHECKQ(V3("eor v0.8b, v0.8b, v1.8b", A, B, Z0), A.lo ^ B.lo, 0);
    CHECKQ(V3("bic v0.16b, v0.16b, v1.16b", A, B, Z0), A.lo & ~B.lo, A.hi & ~B.hi);
    CHECKQ(V3("orn v0.16b, v0.16b, v1.16b", A, B, Z0), A.lo | ~B.lo, A.hi | ~B.hi);
    CHECKQ(V3("mvn v0.16b, v1.16b", A, B, Z0), ~B.lo, ~B.hi);
    /* bsl: v0 is the mask */
    CHECKQ(V3("bsl v0.16b, v1.16b, v2.16b", QV(0xff00ff00ff00ff00ull, 0), B, A),
           (B.lo & 0xff00ff00ff00ff00ull) | (A.lo & 0x00ff00ff00ff00ffull), A.hi);
    CHECKQ(V3("bit v0.16b, v1.16b, v2.16b", A, B, QV(0xffffffff00000000ull, -1ull)),
           (B.lo & 0xffffffff00000000ull) | (A.lo & 0xffffffffull), B.hi);
    CHECKQ(V3("bif v0.16b, v1.16b, v2.16b", A, B, QV(0xffffffff00000000ull, -1ull)),
           (A.lo & 0xffffffff00000000ull) | (B.lo & 0xffffffffull), A.hi);
    CHECKQ(V3("cmeq v0.16b, v0.16b, #0", A, Z0, Z0), 0xffull, 0);
    CHECKQ(V3("cmeq v0.16b, v0.16b, v1.16b", A, QV(0x0700000000000000ull, 0x0f00ull), Z0), 0xff000000000000ffull, 0x0000000000000000ull);
    CHECKQ(V3("cmhi v0.16b, v0.16b, v1.16b", A, B, Z0), 0x0000000000000000ull, 0xff00000000000000ull);
    CHECKQ(V3("cmgt v0.16b, v0.16b, v1.16b", A, B, Z0), 0xffffffffffffffffull, 0xff00000000000000ull);
    CHECKQ(V3("cmhs v0.8h, v0.8h, v1.8h", A, A, Z0), -1ull, -1ull);
    CHECKQ(V3("cmge v0.4s, v0.4s, v1.4s", A, B, Z0), 0xffffffffffffffffull, 0xffffffff00000000ull);
    CHECKQ(V3("cmtst v0.16b, v0.16b, v1.16b", A, QV(0x0101010101010101ull, 0), Z0), 0xff00ff00ff00ff00ull, 0);
    CHECKQ(V3("cmlt v0.16b, v1.16b, #0", Z0, B, Z0), 0xffffffffffffffffull, 0);
    CHECKQ(V3("cmgt v0.2d, v1.2d, #0", Z0, B, Z0), 0, -1ull);
}

static void test_inline_sizes(void)
{
    /* CMEQ per element size, register and zero forms (inlined as i64) */
    CHECKQ(V3("cmeq v0.8h, v0.8h, #0", QV(0x0000000100000100ull, 0xff00000000000000ull), Z0, Z0),
           0xffff0000ffff0000ull, 0x0000ffffffffffffull);
    CHECKQ(V3("cmeq v0.4s, v0.4s, #0", QV(0x0000000080000000ull, 0x00000001ull), Z0, Z0),
           0xffffffff00000000ull, 0xffffffff00000000ull);
    CHECKQ(V3("cmeq v0.2d, v0.2d, #0", QV(0, 0x8000000000000000ull), Z0, Z0), -1ull, 0);
    CHECKQ(V3("cmeq v0.2s, v0.2s, v1.2s", QV(0x1234567800000001ull, 5), QV(0x1234567800000002ull, 5), Z0),
           0xffffffff00000000ull, 0);
    CHECKQ(V3("cmeq v0.8b, v0.8b, v1.8b", QV(0x8000ff7f01000080ull, 1), QV(0x8001ff7f02000080ull, 1), Z0),
           0xff00ffff00ffffffull, 0);
    /* byte pairwise reductions, 16 and 8 lanes */
    CHECKQ(V3("uminp v0.16b, v0.16b, v1.16b", A, B, Z0), 0x0e0c0a0806040200ull, 0x0020406080a0c0e0ull);
    CHECKQ(V3("uminp v0.8b, v0.8b, v1.8b", A, B, Z0), 0x80a0c0e006040200ull, 0);
    CHECKQ(V3("addp v0.8b, v0.8b, v1.8b", A, B, Z0), 0x105090d00d090501ull, 0);
    /* vector integer ops on whole registers */
    CHECKQ(V3("umax v0.8h, v0.8h, v1.8h", A, B, Z0), 0x8090a0b0c0d0e0f0ull, 0x0f0e203040506070ull);
    CHECKQ(V3("smin v0.4s, v0.4s, v1.4s", A, B, Z0), 0x8090a0b0c0d0e0f0ull, 0x001020300b0a0908ull);
    CHECKQ(V3("mla v0.16b, v1.16b, v2.16b", A, B, QV(0x0101010101010101ull, 0)), 0x8796a5b4c3d2e1f0ull, 0x0f0e0d0c0b0a0908ull);
}

static void test_arith(void)
{
    CHECKQ(V3("add v0.16b, v0.16b, v1.16b", A, B, Z0), 0x8796a5b4c3d2e1f0ull, 0x0f1e2d3c4b5a6978ull);
    CHECKQ(V3("add v0.2d, v0.2d, v1.2d", A, B, Z0), A.lo + B.lo, A.hi + B.hi);
    CHECKQ(V3("sub v0.4s, v0.4s, v1.4s", A, B, Z0), 0x8675645442312010ull, 0x0efdecdccab9a898ull);
}

static void test_reduce(void)
{
    uint64_t r;
    __asm__ volatile("ldr q0, [%1]\n addv b0, v0.16b\n umov %w0, v0.b[0]" : "=r"(r) : "r"(&A) : "v0");
    CHECK(r, 120);
    __asm__ volatile("ldr q0, [%1]\n uminv b0, v0.16b\n fmov %w0, s0" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0);
    __asm__ volatile("ldr q0, [%1]\n umaxv b0, v0.16b\n fmov %w0, s0" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0xf0);
    __asm__ volatile("ldr q0, [%1]\n smaxv h0, v0.8h\n fmov %w0, s0" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0x6070);
    __asm__ volatile("ldr q0, [%1]\n sminv s0, v0.4s\n fmov %w0, s0" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0x8090a0b0);
    __asm__ volatile("ldr q0, [%1]\n uaddlv h0, v0.16b\n fmov %w0, s0" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0x0000000000000780ull);
    __asm__ volatile("ldr q0, [%1]\n cnt v0.16b, v0.16b\n addv b0, v0.16b\n fmov %w0, s0" : "=r"(r) : "r"(&B) : "v0");
    CHECK(r, 0x0000000000000020ull);
    CHECKQ(V3("addp v0.16b, v0.16b, v1.16b", A, B, Z0), 0x1d1915110d090501ull, 0x105090d0105090d0ull);
    CHECKQ(V3("umaxp v0.16b, v0.16b, v1.16b", A, B, Z0), 0x0f0d0b0907050301ull, 0x1030507090b0d0f0ull);
    CHECKQ(V3("uminp v0.8h, v0.8h, v1.8h", A, B, Z0), 0x0d0c090805040100ull, 0x001040508090c0d0ull);
    __asm__ volatile("ldr q0, [%1]\n addp d0, v0.2d\n fmov %0, d0" : "=r"(r) : "r"(&A) : "v0");
    CHECK(r, A.lo + A.hi);
}

static void test_shift_narrow(void)
{
    CHECKQ(V3("ushr v0.16b, v1.16b, #4", Z0, B, Z0), 0x08090a0b0c0d0e0full, 0x0001020304050607ull);
    CHECKQ(V3("sshr v0.8h, v1.8h, #8", Z0, B, Z0), 0xff80ffa0ffc0ffe0ull, 0x0000002000400060ull);
    CHECKQ(V3("shl v0.2d, v1.2d, #4", Z0, B, Z0), B.lo << 4, B.hi << 4);
    CHECKQ(V3("usra v0.2d, v1.2d, #60", A, B, Z0), A.lo + 8, A.hi);
    CHECKQ(V3("shrn v0.8b, v1.8h, #4", A, B, Z0), 0x01030507090b0d0full, 0x0000000000000000ull);
    CHECKQ(V3("shrn2 v0.16b, v1.8h, #8", A, B, Z0), 0x0706050403020100ull, 0x0020406080a0c0e0ull);
    CHECKQ(V3("xtn v0.8b, v1.8h", A, B, Z0), 0x1030507090b0d0f0ull, 0x0000000000000000ull);
    CHECKQ(V3("uxtl v0.8h, v1.8b", A, B, Z0), 0x00c000d000e000f0ull, 0x0080009000a000b0ull);
    CHECKQ(V3("sxtl v0.4s, v1.4h", A, B, Z0), 0xffffc0d0ffffe0f0ull, 0xffff8090ffffa0b0ull);
    CHECKQ(V3("uxtl2 v0.2d, v1.4s", A, B, Z0), 0x40506070ull, 0x00102030ull);
    CHECKQ(V3("sli v0.2d, v1.2d, #8", A, B, Z0), (B.lo << 8) | 0x00, (B.hi << 8) | 0x08);
    CHECKQ(V3("sri v0.2d, v1.2d, #56", A, B, Z0), (A.lo & 0xffffffffffffff00ull) | 0x80, (A.hi & 0xffffffffffffff00ull) | 0x00);
    CHECKQ(V3("uqxtn v0.8b, v1.8h", A, QV(0x0100000000ff0010ull, 0), Z0), 0x00000000ff00ff10ull, 0x0000000000000000ull);
}

static void test_permute(void)
{
    CHECKQ(V3("ext v0.16b, v0.16b, v1.16b, #3", A, B, Z0), 0x0a09080706050403ull, 0xd0e0f00f0e0d0c0bull);
    CHECKQ(V3("ext v0.8b, v0.8b, v1.8b, #2", A, B, Z0), 0xe0f0070605040302ull, 0);
    CHECKQ(V3("zip1 v0.16b, v0.16b, v1.16b", A, B, Z0), 0xc003d002e001f000ull, 0x80079006a005b004ull);
    CHECKQ(V3("zip2 v0.4s, v0.4s, v1.4s", A, B, Z0), 0x405060700b0a0908ull, 0x001020300f0e0d0cull);
    CHECKQ(V3("uzp1 v0.8h, v0.8h, v1.8h", A, B, Z0), 0x0d0c090805040100ull, 0x20306070a0b0e0f0ull);
    CHECKQ(V3("uzp2 v0.16b, v0.16b, v1.16b", A, B, Z0), 0x0f0d0b0907050301ull, 0x0020406080a0c0e0ull);
    CHECKQ(V3("trn1 v0.16b, v0.16b, v1.16b", A, B, Z0), 0x9006b004d002f000ull, 0x100e300c500a7008ull);
    CHECKQ(V3("rev64 v0.16b, v1.16b", A, B, Z0), 0xf0e0d0c0b0a09080ull, 0x7060504030201000ull);
    CHECKQ(V3("rev32 v0.8h, v1.8h", A, B, Z0), 0xa0b08090e0f0c0d0ull, 0x2030001060704050ull);
    CHECKQ(V3("rev16 v0.16b, v1.16b", A, B, Z0), 0x9080b0a0d0c0f0e0ull, 0x1000302050407060ull);
    /* tbl / tbx */
    CHECKQ(V3("tbl v0.16b, {v1.16b}, v2.16b", A, B, QV(0x00010203ff101112ull, 0x0f0e0d0c0b0a0908ull)),
           0xf0e0d0c000000000ull, 0x0010203040506070ull);
    CHECKQ(V3("tbx v0.16b, {v1.16b}, v2.16b", A, B, QV(0x00010203ff101112ull, 0x0f0e0d0c0b0a0908ull)),
           0xf0e0d0c003020100ull, 0x0010203040506070ull);
    CHECKQ(V3("tbl v0.16b, {v1.16b, v2.16b}, v0.16b", QV(0x1f10000000000000ull, 0x2000000000000000ull), B, A),
           0x0f00f0f0f0f0f0f0ull, 0x00f0f0f0f0f0f0f0ull);
}

static void test_mul_fp(void)
{
    CHECKQ(V3("mul v0.8h, v0.8h, v1.8h", QV(0x0003000200010000ull, 0), QV(0x0100000500040003ull, 0), Z0), 0x0300000a00040000ull, 0);
    CHECKQ(V3("umull v0.2d, v1.2s, v2.2s", Z0, QV(0xffffffff00000002ull, 0), QV(0x0000000200000003ull, 0)), 6, 0x1fffffffeull);
    CHECKQ(V3("smull v0.2d, v1.2s, v2.2s", Z0, QV(0xffffffff00000002ull, 0), QV(0x0000000200000003ull, 0)), 6, -2ull);
    CHECKQ(V3("mla v0.4s, v1.4s, v2.s[1]", QV(1, 0), QV(3, 0), QV(0x0000000500000000ull, 0)), 16, 0);
    CHECKQ(V3("fadd v0.4s, v0.4s, v1.4s", QV(0x3f8000003f800000ull, 0x4000000040000000ull), QV(0x3f8000003f800000ull, 0x3f8000003f800000ull), Z0),
           0x4000000040000000ull, 0x4040000040400000ull);
    CHECKQ(V3("fmul v0.2d, v0.2d, v1.2d", QV(0x3ff8000000000000ull, 0x4000000000000000ull), QV(0x4000000000000000ull, 0x4000000000000000ull), Z0),
           0x4008000000000000ull, 0x4010000000000000ull);
    CHECKQ(V3("fmla v0.2d, v1.2d, v2.d[1]", QV(0x3ff0000000000000ull, 0), QV(0x4000000000000000ull, 0x3ff0000000000000ull), QV(0, 0x4000000000000000ull)),
           0x4014000000000000ull, 0x4000000000000000ull);
    CHECKQ(V3("scvtf v0.4s, v1.4s", Z0, QV(0xffffffff00000002ull, 0), Z0), 0xbf80000040000000ull, 0);
    CHECKQ(V3("fcvtzs v0.2d, v1.2d", Z0, QV(0xc004000000000000ull, 0x4004000000000000ull), Z0), -2ull, 2);
    CHECKQ(V3("fcmgt v0.4s, v1.4s, #0.0", Z0, QV(0xbf80000040000000ull, 0x7fc0000000000000ull), Z0), 0xffffffffull, 0);
    CHECKQ(V3("faddp v0.4s, v1.4s, v2.4s", Z0, QV(0x3f8000003f800000ull, 0x4000000040000000ull), Z0), 0x4080000040000000ull, 0);
    CHECKQ(V3("fcvtl v0.2d, v1.2s", Z0, QV(0x3fc00000bf800000ull, 0), Z0), 0xbff0000000000000ull, 0x3ff8000000000000ull);
    CHECKQ(V3("fcvtn v0.2s, v1.2d", Z0, QV(0xbff0000000000000ull, 0x3ff8000000000000ull), Z0), 0x3fc00000bf800000ull, 0);
}

static void test_main(void)
{
    test_ldst();
    test_moves();
    test_logic_cmp();
    test_arith();
    test_inline_sizes();
    test_reduce();
    test_shift_narrow();
    test_permute();
    test_mul_fp();
}
