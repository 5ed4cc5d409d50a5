/*
 * tests/tcg/arm/test-v8.c: the ARMv8 AArch32 additions of -cpu max:
 * lda/stl and ldaex/stlex (by hand), crc32/crc32c (ref-v8.c over
 * vals[]), vrint{a,n,p,m,z,x},
 * vcvt{a,n,p,m} and vmaxnm/vminnm (ref-v8.c over fvals), vsel and
 * vmaxnm with NaN (by hand), vmull.p64 (ref-v8.c), and the crypto
 * extension by known answers: AES-128 encryption and decryption of the
 * FIPS-197 appendix C.1 vector, SHA-1 and SHA-256 of "abc" (FIPS 180-2
 * examples).
 * cflags: -march=armv8-a+crc -mfpu=crypto-neon-fp-armv8
 */
#include "arm-test.h"
#include "fvals.h"
#include "nvals.h"
#include "expect-v8.h"
#include <arm_acle.h>
#include <arm_neon.h>

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t bits_f(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

static void test_crc(void)
{
    int i, j, k = 0;

    group("crc32/crc32c");
    for (i = 0; i < NVALS; i++) {
        for (j = 0; j < NVALS; j++, k++) {
            uint32_t a = vals[i], d = vals[j];
            CHECK(__crc32b(a, d), exp_crc32b[k], "crc32b 0x%x, 0x%x", a, d);
            CHECK(__crc32h(a, d), exp_crc32h[k], "crc32h 0x%x, 0x%x", a, d);
            CHECK(__crc32w(a, d), exp_crc32w[k], "crc32w 0x%x, 0x%x", a, d);
            CHECK(__crc32cb(a, d), exp_crc32cb[k], "crc32cb 0x%x, 0x%x", a, d);
            CHECK(__crc32ch(a, d), exp_crc32ch[k], "crc32ch 0x%x, 0x%x", a, d);
            CHECK(__crc32cw(a, d), exp_crc32cw[k], "crc32cw 0x%x, 0x%x", a, d);
        }
    }
    group_end();
}

#define VR(insn, x) ({ float d_; \
    __asm__ volatile(insn " %[d], %[a]" : [d] "=t"(d_) : [a] "t"(x)); \
    bits_f(d_); })
/* With FPSCR cleared first; flags read after. */
#define VRF(insn, x, fl) ({ float d_; uint32_t f_; \
    __asm__ volatile("vmsr fpscr, %[z]\n\t" insn " %[d], %[a]\n\t" \
                     "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]" \
                     : [d] "=&t"(d_), [f] "=&r"(f_) : [a] "t"(x), [z] "r"(0)); \
    (fl) = f_ & 0x9f; bits_f(d_); })

static void test_vrint(void)
{
    int i;
    uint32_t fl, r;

    group("vrint and vcvt with a rounding direction");
    for (i = 0; i < NFVALS; i++) {
        float x = f_of(fvals[i]);
        const uint32_t *e = &exp_vrint[6 * i], *c = &exp_vcvt_dir[8 * i];
        CHECK(VR("vrinta.f32", x), e[0], "vrinta 0x%08x", fvals[i]);
        CHECK(VR("vrintn.f32", x), e[1], "vrintn 0x%08x", fvals[i]);
        CHECK(VR("vrintp.f32", x), e[2], "vrintp 0x%08x", fvals[i]);
        CHECK(VR("vrintm.f32", x), e[3], "vrintm 0x%08x", fvals[i]);
        r = VRF("vrintz.f32", x, fl);
        CHECK(r, e[4], "vrintz 0x%08x", fvals[i]);
        CHECK(fl, 0, "vrintz 0x%08x flags", fvals[i]);
        r = VRF("vrintx.f32", x, fl);
        CHECK(r, e[1], "vrintx 0x%08x", fvals[i]);
        CHECK(fl, e[5], "vrintx 0x%08x flags", fvals[i]);
        r = VRF("vrintr.f32", x, fl);
        CHECK(r, e[1], "vrintr 0x%08x", fvals[i]);
        CHECK(fl, 0, "vrintr 0x%08x flags", fvals[i]);
        r = VRF("vcvta.s32.f32", x, fl);
        CHECK(r, c[0], "vcvta 0x%08x", fvals[i]);
        CHECK(fl, c[1], "vcvta 0x%08x flags", fvals[i]);
        r = VRF("vcvtn.s32.f32", x, fl);
        CHECK(r, c[2], "vcvtn 0x%08x", fvals[i]);
        CHECK(fl, c[3], "vcvtn 0x%08x flags", fvals[i]);
        r = VRF("vcvtp.s32.f32", x, fl);
        CHECK(r, c[4], "vcvtp 0x%08x", fvals[i]);
        CHECK(fl, c[5], "vcvtp 0x%08x flags", fvals[i]);
        r = VRF("vcvtm.s32.f32", x, fl);
        CHECK(r, c[6], "vcvtm 0x%08x", fvals[i]);
        CHECK(fl, c[7], "vcvtm 0x%08x flags", fvals[i]);
    }
    group_end();
}

#define F2(insn, x, y) ({ float d_; \
    __asm__ volatile(insn " %[d], %[a], %[b]" : [d] "=t"(d_) \
                     : [a] "t"(x), [b] "t"(y)); bits_f(d_); })

static void test_maxnm_vsel(void)
{
    int i, j, k = 0;
    uint32_t r, f;

    group("vmaxnm/vminnm");
    for (i = 0; i < NFVALS; i++) {
        for (j = 0; j < NFVALS; j++, k += 2) {
            float x = f_of(fvals[i]), y = f_of(fvals[j]);
            CHECK(F2("vmaxnm.f32", x, y), exp_vmaxnm[k], "vmaxnm 0x%08x, 0x%08x",
                  fvals[i], fvals[j]);
            CHECK(F2("vminnm.f32", x, y), exp_vmaxnm[k + 1],
                  "vminnm 0x%08x, 0x%08x", fvals[i], fvals[j]);
        }
    }
    /* A quiet NaN loses against a number (maxNum), either side. */
    CHECK(F2("vmaxnm.f32", f_of(0x7fc01234), 2.0f), 0x40000000, "vmaxnm qNaN, 2");
    CHECK(F2("vminnm.f32", -3.0f, f_of(0xffc01234)), 0xc0400000, "vminnm -3, qNaN");
    /* Two quiet NaNs: the first. */
    CHECK(F2("vmaxnm.f32", f_of(0x7fc01234), f_of(0x7fc05678)), 0x7fc01234,
          "vmaxnm qNaN, qNaN");
    group_end();

    group("vsel");
    /* vsel<cc> d, n, m: n when cc holds, else m. */
#define SEL(cc, nzcv, want) do { \
    float d_; \
    __asm__ volatile("msr APSR_nzcvq, %[fl]\n\tvsel" cc ".f32 %[d], %[a], %[b]" \
                     : [d] "=t"(d_) : [a] "t"(1.0f), [b] "t"(2.0f), \
                       [fl] "r"((uint32_t)(nzcv) << 28) : "cc"); \
    CHECK(bits_f(d_), want, "vsel%s with NZCV=0x%x", cc, nzcv); \
} while (0)
    SEL("eq", ZF, 0x3f800000);
    SEL("eq", 0, 0x40000000);
    SEL("ge", NF | VF, 0x3f800000);
    SEL("ge", NF, 0x40000000);
    SEL("gt", 0, 0x3f800000);
    SEL("gt", ZF, 0x40000000);
    SEL("vs", VF, 0x3f800000);
    SEL("vs", CF, 0x40000000);
    (void)r; (void)f;
    group_end();
}

static void test_pmull(void)
{
    int i, j, k = 0;

    group("vmull.p64");
    for (i = 0; i < NNVECS; i++) {
        for (j = 0; j < NNVECS; j++, k += 4) {
            uint64_t a, b;
            uint32_t w[4];
            poly128_t p;
            memcpy(&a, nvecs[i], 8);
            memcpy(&b, nvecs[j] + 8, 8);
            p = vmull_p64((poly64_t)a, (poly64_t)b);
            memcpy(w, &p, 16);
            CHECK(w[0], exp_pmull64[k], "vmull.p64 vectors %d, %d word 0", i, j);
            CHECK(w[1], exp_pmull64[k + 1], "vmull.p64 vectors %d, %d word 1", i, j);
            CHECK(w[2], exp_pmull64[k + 2], "vmull.p64 vectors %d, %d word 2", i, j);
            CHECK(w[3], exp_pmull64[k + 3], "vmull.p64 vectors %d, %d word 3", i, j);
        }
    }
    group_end();
}

/* AES-128, FIPS-197 appendix C.1.  The key schedule's SubWord uses
 * aese on four copies of the word with a zero round key (ShiftRows
 * then moves nothing); wrong aese still fails the known answer. */
static void test_aes(void)
{
    static const uint8_t key[16] = {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
        0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
    static const uint8_t pt[16] = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
        0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
    static const uint8_t ct_want[16] = {
        0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
        0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a };
    static const uint8_t rcon[10] = { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20,
                                      0x40, 0x80, 0x1b, 0x36 };
    uint8_t w[176], t[4], out[16];
    uint8x16_t s, rk[11];
    int i, k;

    group("AES-128 (FIPS-197 C.1)");
    memcpy(w, key, 16);
    for (i = 4; i < 44; i++) {
        memcpy(t, &w[4 * (i - 1)], 4);
        if (i % 4 == 0) {
            uint8_t rot[16];
            uint8x16_t v;
            for (k = 0; k < 16; k++) {
                rot[k] = t[(k + 1) % 4];
            }
            v = vaeseq_u8(vld1q_u8(rot), vdupq_n_u8(0));
            vst1q_u8(rot, v);
            memcpy(t, rot, 4);
            t[0] ^= rcon[i / 4 - 1];
        }
        for (k = 0; k < 4; k++) {
            w[4 * i + k] = w[4 * (i - 4) + k] ^ t[k];
        }
    }
    for (i = 0; i < 11; i++) {
        rk[i] = vld1q_u8(&w[16 * i]);
    }
    /* The last round key of the appendix A.1-style schedule for this
     * key: 13 11 1d 7f e3 94 4a 17 f3 07 a7 8b 4d 2b 30 c5. */
    CHECK(w[160] << 24 | w[161] << 16 | w[162] << 8 | w[163], 0x13111d7f,
          "round key 10, word 0");
    CHECK(w[172] << 24 | w[173] << 16 | w[174] << 8 | w[175], 0x4d2b30c5,
          "round key 10, word 3");
    s = vld1q_u8(pt);
    for (i = 0; i < 9; i++) {
        s = vaesmcq_u8(vaeseq_u8(s, rk[i]));
    }
    s = veorq_u8(vaeseq_u8(s, rk[9]), rk[10]);
    vst1q_u8(out, s);
    for (i = 0; i < 16; i++) {
        CHECK(out[i], ct_want[i], "ciphertext byte %d", i);
    }
    /* Equivalent inverse cipher with aesd/aesimc. */
    s = vaesdq_u8(vld1q_u8(ct_want), rk[10]);
    for (i = 9; i >= 1; i--) {
        s = vaesdq_u8(vaesimcq_u8(s), vaesimcq_u8(rk[i]));
    }
    s = veorq_u8(s, rk[0]);
    vst1q_u8(out, s);
    for (i = 0; i < 16; i++) {
        CHECK(out[i], pt[i], "decrypted byte %d", i);
    }
    group_end();
}

/* One padded block of "abc" as big-endian words. */
static void abc_block(uint32x4_t m[4])
{
    uint32_t b[16] = { 0x61626380 };
    int i;
    for (i = 1; i < 15; i++) {
        b[i] = 0;
    }
    b[15] = 24;
    for (i = 0; i < 4; i++) {
        m[i] = vld1q_u32(&b[4 * i]);
    }
}

static void test_sha1(void)
{
    static const uint32_t h0[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
                                    0x10325476, 0xc3d2e1f0 };
    static const uint32_t want[5] = { 0xa9993e36, 0x4706816a, 0xba3e2571,
                                      0x7850c26c, 0x9cd0d89d };
    static const uint32_t kc[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc,
                                    0xca62c1d6 };
    uint32x4_t m[4], abcd, wk;
    uint32_t e, e1, d[4];
    int g;

    group("SHA-1 of \"abc\"");
    abc_block(m);
    abcd = vld1q_u32(h0);
    e = h0[4];
    for (g = 0; g < 20; g++) {
        if (g >= 4) {
            m[g % 4] = vsha1su1q_u32(vsha1su0q_u32(m[g % 4], m[(g + 1) % 4],
                                                   m[(g + 2) % 4]),
                                     m[(g + 3) % 4]);
        }
        wk = vaddq_u32(m[g % 4], vdupq_n_u32(kc[g / 5]));
        e1 = vsha1h_u32(vgetq_lane_u32(abcd, 0));
        if (g < 5) {
            abcd = vsha1cq_u32(abcd, e, wk);
        } else if (g < 10 || g >= 15) {
            abcd = vsha1pq_u32(abcd, e, wk);
        } else {
            abcd = vsha1mq_u32(abcd, e, wk);
        }
        e = e1;
    }
    abcd = vaddq_u32(abcd, vld1q_u32(h0));
    vst1q_u32(d, abcd);
    for (g = 0; g < 4; g++) {
        CHECK(d[g], want[g], "SHA-1 word %d", g);
    }
    CHECK(e + h0[4], want[4], "SHA-1 word 4");
    group_end();
}

static void test_sha256(void)
{
    static const uint32_t h0[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    static const uint32_t want[8] = {
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad };
    static const uint32_t kc[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
        0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
        0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2 };
    uint32x4_t m[4], abcd, efgh, wk, tmp;
    uint32_t d[8];
    int g;

    group("SHA-256 of \"abc\"");
    abc_block(m);
    abcd = vld1q_u32(h0);
    efgh = vld1q_u32(h0 + 4);
    for (g = 0; g < 16; g++) {
        if (g >= 4) {
            m[g % 4] = vsha256su1q_u32(vsha256su0q_u32(m[g % 4], m[(g + 1) % 4]),
                                       m[(g + 2) % 4], m[(g + 3) % 4]);
        }
        wk = vaddq_u32(m[g % 4], vld1q_u32(&kc[4 * g]));
        tmp = abcd;
        abcd = vsha256hq_u32(abcd, efgh, wk);
        efgh = vsha256h2q_u32(efgh, tmp, wk);
    }
    vst1q_u32(d, vaddq_u32(abcd, vld1q_u32(h0)));
    vst1q_u32(d + 4, vaddq_u32(efgh, vld1q_u32(h0 + 4)));
    for (g = 0; g < 8; g++) {
        CHECK(d[g], want[g], "SHA-256 word %d", g);
    }
    group_end();
}

/* Load-acquire/store-release: the values only (ordering is not
 * observable in one thread); the exclusive forms as ldrex/strex. */
static void test_acq_rel(void)
{
    static uint32_t w __attribute__((aligned(8)));
    static uint8_t b[4];
    static uint16_t h[2];
    uint32_t v, f;

    group("lda/stl and ldaex/stlex");
    w = 0x11223344;
    __asm__ volatile("lda %0, [%1]" : "=r"(v) : "r"(&w) : "memory");
    CHECK(v, 0x11223344, "lda");
    __asm__ volatile("stl %0, [%1]" :: "r"(0x55667788), "r"(&w) : "memory");
    CHECK(w, 0x55667788, "stl");
    b[0] = 0; b[1] = 0x9a; b[2] = 0; b[3] = 0;
    __asm__ volatile("ldab %0, [%1]" : "=r"(v) : "r"(&b[1]) : "memory");
    CHECK(v, 0x9a, "ldab");
    __asm__ volatile("stlb %0, [%1]" :: "r"(0x1bc), "r"(&b[2]) : "memory");
    CHECK(b[2], 0xbc, "stlb");
    CHECK(b[3], 0, "stlb stores one byte");
    h[1] = 0xfedc;
    __asm__ volatile("ldah %0, [%1]" : "=r"(v) : "r"(&h[1]) : "memory");
    CHECK(v, 0xfedc, "ldah");
    __asm__ volatile("stlh %0, [%1]" :: "r"(0x12345), "r"(&h[0]) : "memory");
    CHECK(h[0], 0x2345, "stlh");
    __asm__ volatile("ldaex %0, [%2]\n\tstlex %1, %3, [%2]"
                     : "=&r"(v), "=&r"(f) : "r"(&w), "r"(0xabcdef01) : "memory");
    CHECK(v, 0x55667788, "ldaex");
    CHECK(f, 0, "stlex after ldaex succeeds");
    CHECK(w, 0xabcdef01, "stlex stored");
    __asm__ volatile("clrex\n\tstlex %0, %2, [%1]"
                     : "=&r"(f) : "r"(&w), "r"(0) : "memory");
    CHECK(f, 1, "stlex without a reservation fails");
    CHECK(w, 0xabcdef01, "failed stlex stores nothing");
    group_end();
}

int main(void)
{
    test_acq_rel();
    test_crc();
    test_vrint();
    test_maxnm_vsel();
    test_pmull();
    test_aes();
    test_sha1();
    test_sha256();
    return test_exit();
}
