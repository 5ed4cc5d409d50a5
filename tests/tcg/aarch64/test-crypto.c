/*
 * tests/tcg/aarch64/test-crypto.c: the Cryptographic Extension.  The
 * oracles are the published test vectors: AES-128 of FIPS-197 Appendix
 * C.1 (encrypted with AESE/AESMC, decrypted with AESD/AESIMC), SHA-256
 * and SHA-1 of "abc" (FIPS-180-4 examples) through the SHA instructions;
 * PMULL/PMULL2 against a bit-at-a-time carry-less multiply in C, and a
 * few products worked out by hand.  Also checks HWCAP via ID_AA64ISAR0.
 */
#include "a64-test.h"

typedef struct { uint64_t lo, hi; } Q;

/* Run "code" with v0 = a, v1 = b, v2 = c; return v0 (the result). */
#define V3(code, a, b, c) ({ Q r_, a_ = (a), b_ = (b), c_ = (c); \
    __asm__ volatile(".arch armv8-a+crypto\n" \
                     "ldr q0, [%1]\n ldr q1, [%2]\n ldr q2, [%3]\n" code "\n str q0, [%0]" \
                     : : "r"(&r_), "r"(&a_), "r"(&b_), "r"(&c_) : "v0", "v1", "v2", "memory"); r_; })
#define QV(l, h) ((Q){ (l), (h) })
#define CHECKQ(q, l, h) do { Q q_ = (q); CHECK(q_.lo, l); CHECK(q_.hi, h); } while (0)

static const Q Z0 = { 0, 0 };

static Q qxor(Q a, Q b)
{
    return QV(a.lo ^ b.lo, a.hi ^ b.hi);
}

/* bytes b[0..15] as a register value (b[0] in bits [7:0]) */
static Q qbytes(const uint8_t *b)
{
    Q r = { 0, 0 };
    for (int i = 0; i < 8; i++) {
        r.lo |= (uint64_t)b[i] << (8 * i);
        r.hi |= (uint64_t)b[8 + i] << (8 * i);
    }
    return r;
}

static Q qwords(const uint32_t *w)
{
    return QV(w[0] | (uint64_t)w[1] << 32, w[2] | (uint64_t)w[3] << 32);
}

static uint32_t qword(Q q, int i)
{
    return (uint32_t)((i < 2 ? q.lo : q.hi) >> (32 * (i & 1)));
}

/* ---------------------------------------------------------------- AES */

static uint8_t xtime(uint8_t a)
{
    return (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
}

/* The S-box entry of x, from FIPS-197 5.1.1 (inverse, then affine). */
static uint8_t sub_byte(uint8_t x)
{
    uint8_t inv = 0;
    /* x^254 = x^-1 by repeated multiplication */
    if (x) {
        uint8_t r = 1, base = x;
        for (int e = 254; e; e >>= 1) {
            if (e & 1) {
                uint8_t a = r, b = base, p = 0;
                while (b) {
                    if (b & 1) {
                        p ^= a;
                    }
                    a = xtime(a);
                    b >>= 1;
                }
                r = p;
            }
            uint8_t a = base, b = base, p = 0;
            while (b) {
                if (b & 1) {
                    p ^= a;
                }
                a = xtime(a);
                b >>= 1;
            }
            base = p;
        }
        inv = r;
    }
    uint8_t s = 0x63;
    for (int i = 0; i < 5; i++) {
        s ^= (uint8_t)((inv << i) | (inv >> ((8 - i) & 7)));
    }
    return s;
}

static void test_aes(void)
{
    static const uint8_t key[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
    static const uint8_t pt[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
    uint8_t w[176];
    uint8_t rcon = 1;
    Q rk[11], dk[11], s;

    CHECK(sub_byte(0x00), 0x63);
    CHECK(sub_byte(0x53), 0xed);
    /* FIPS-197 5.2 key expansion */
    for (int i = 0; i < 16; i++) {
        w[i] = key[i];
    }
    for (int i = 16; i < 176; i += 4) {
        uint8_t t[4] = { w[i - 4], w[i - 3], w[i - 2], w[i - 1] };
        if (i % 16 == 0) {
            uint8_t t0 = t[0];
            t[0] = sub_byte(t[1]) ^ rcon;
            t[1] = sub_byte(t[2]);
            t[2] = sub_byte(t[3]);
            t[3] = sub_byte(t0);
            rcon = xtime(rcon);
        }
        for (int j = 0; j < 4; j++) {
            w[i + j] = w[i - 16 + j] ^ t[j];
        }
    }
    for (int r = 0; r < 11; r++) {
        rk[r] = qbytes(w + 16 * r);
    }
    /* FIPS-197 C.1 round[10].k_sch: 13111d7fe3944a17f307a78b4d2b30c5 */
    CHECKQ(rk[10], 0x174a94e37f1d1113ull, 0xc5302b4d8ba707f3ull);
    s = qbytes(pt);
    for (int r = 0; r < 9; r++) {
        s = V3("aese v0.16b, v1.16b\n aesmc v0.16b, v0.16b", s, rk[r], Z0);
    }
    s = V3("aese v0.16b, v1.16b", s, rk[9], Z0);
    s = qxor(s, rk[10]);
    /* 69c4e0d86a7b0430d8cdb78070b4c55a */
    CHECKQ(s, 0x30047b6ad8e0c469ull, 0x5ac5b47080b7cdd8ull);

    /* the equivalent inverse cipher (FIPS-197 5.3.5) */
    dk[0] = rk[10];
    for (int r = 1; r < 10; r++) {
        dk[r] = V3("aesimc v0.16b, v1.16b", Z0, rk[10 - r], Z0);
    }
    dk[10] = rk[0];
    for (int r = 0; r < 9; r++) {
        s = V3("aesd v0.16b, v1.16b\n aesimc v0.16b, v0.16b", s, dk[r], Z0);
    }
    s = V3("aesd v0.16b, v1.16b", s, dk[9], Z0);
    s = qxor(s, dk[10]);
    CHECKQ(s, 0x7766554433221100ull, 0xffeeddccbbaa9988ull);

    /* single steps: MixColumns of the columns db 13 53 45 -> 8e 4d a1 bc,
       f2 0a 22 5c -> 9f dc 58 9d and 01 01 01 01 (unchanged) */
    CHECKQ(V3("aesmc v0.16b, v1.16b", Z0, QV(0x455313db455313dbull, 0x010101015c220af2ull), Z0),
           0xbca14d8ebca14d8eull, 0x010101019d58dc9full);
    CHECKQ(V3("aesimc v0.16b, v1.16b", Z0, QV(0xbca14d8ebca14d8eull, 0x010101019d58dc9full), Z0),
           0x455313db455313dbull, 0x010101015c220af2ull);
    /* AESE of zero state and key: every byte is S(0) = 0x63 */
    CHECKQ(V3("aese v0.16b, v1.16b", Z0, Z0, Z0), 0x6363636363636363ull, 0x6363636363636363ull);
    CHECKQ(V3("aesd v0.16b, v1.16b", Z0, Z0, Z0), 0x5252525252525252ull, 0x5252525252525252ull);
}

/* ------------------------------------------------------------ SHA-256 */

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The one padded block of "abc", as big-endian words. */
static void abc_block(uint32_t m[16])
{
    for (int i = 0; i < 16; i++) {
        m[i] = 0;
    }
    m[0] = 0x61626380;
    m[15] = 24;
}

static Q qadd32(Q a, const uint32_t *k)
{
    uint32_t r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = qword(a, i) + k[i];
    }
    return qwords(r);
}

static void test_sha256(void)
{
    static const uint32_t h0[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    uint32_t m[16];
    Q w[16], s0, s1, t, wk;

    abc_block(m);
    for (int i = 0; i < 4; i++) {
        w[i] = qwords(m + 4 * i);
    }
    for (int i = 0; i < 12; i++) {
        t = V3("sha256su0 v0.4s, v1.4s", w[i], w[i + 1], Z0);
        w[i + 4] = V3("sha256su1 v0.4s, v1.4s, v2.4s", t, w[i + 2], w[i + 3]);
    }
    /* W[16] of "abc" is 0x61626380 + sigma0(0) + 0 + sigma1(0) = 0x61626380 */
    CHECK(qword(w[4], 0), 0x61626380);
    s0 = qwords(h0);
    s1 = qwords(h0 + 4);
    for (int i = 0; i < 16; i++) {
        wk = qadd32(w[i], K256 + 4 * i);
        t = s0;
        s0 = V3("sha256h q0, q1, v2.4s", s0, s1, wk);
        s1 = V3("sha256h2 q0, q1, v2.4s", s1, t, wk);
    }
    s0 = qadd32(s0, h0);
    s1 = qadd32(s1, h0 + 4);
    /* ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad */
    CHECK(qword(s0, 0), 0xba7816bf);
    CHECK(qword(s0, 1), 0x8f01cfea);
    CHECK(qword(s0, 2), 0x414140de);
    CHECK(qword(s0, 3), 0x5dae2223);
    CHECK(qword(s1, 0), 0xb00361a3);
    CHECK(qword(s1, 1), 0x96177a9c);
    CHECK(qword(s1, 2), 0xb410ff61);
    CHECK(qword(s1, 3), 0xf20015ad);
}

/* -------------------------------------------------------------- SHA-1 */

static void test_sha1(void)
{
    static const uint32_t h0[5] = {
        0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
    };
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    uint32_t m[16], kk[4];
    Q w[20], abcd, t, wk, e, en;

    abc_block(m);
    for (int i = 0; i < 4; i++) {
        w[i] = qwords(m + 4 * i);
    }
    for (int i = 0; i < 16; i++) {
        t = V3("sha1su0 v0.4s, v1.4s, v2.4s", w[i], w[i + 1], w[i + 2]);
        w[i + 4] = V3("sha1su1 v0.4s, v1.4s", t, w[i + 3], Z0);
    }
    abcd = qwords(h0);
    e = QV(h0[4], 0);
    for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 4; j++) {
            kk[j] = k[i / 5];
        }
        wk = qadd32(w[i], kk);
        en = V3("sha1h s0, s1", QV(-1ull, -1ull), abcd, Z0);
        if (i < 5) {
            abcd = V3("sha1c q0, s1, v2.4s", abcd, e, wk);
        } else if (i < 10 || i >= 15) {
            abcd = V3("sha1p q0, s1, v2.4s", abcd, e, wk);
        } else {
            abcd = V3("sha1m q0, s1, v2.4s", abcd, e, wk);
        }
        e = en;
    }
    CHECK(e.hi, 0);
    CHECK(e.lo >> 32, 0);
    abcd = qadd32(abcd, h0);
    /* a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d */
    CHECK(qword(abcd, 0), 0xa9993e36);
    CHECK(qword(abcd, 1), 0x4706816a);
    CHECK(qword(abcd, 2), 0xba3e2571);
    CHECK(qword(abcd, 3), 0x7850c26c);
    CHECK((uint32_t)(e.lo + h0[4]), 0x9cd0d89d);
    CHECKQ(V3("sha1h s0, s1", QV(-1ull, -1ull), QV(0x80000001ull, 5), Z0), 0x60000000ull, 0);
}

/* -------------------------------------------------------------- PMULL */

static Q clmul64(uint64_t x, uint64_t y)
{
    Q r = { 0, 0 };
    for (int i = 0; i < 64; i++) {
        if ((y >> i) & 1) {
            r.lo ^= x << i;
            if (i) {
                r.hi ^= x >> (64 - i);
            }
        }
    }
    return r;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void test_pmull(void)
{
    /* by hand: (x+1)(x+1) = x^2+1; x^63 * x^63 = x^126; all-ones squared */
    CHECKQ(V3("pmull v0.1q, v1.1d, v2.1d", Z0, QV(3, 0), QV(3, 0)), 5, 0);
    CHECKQ(V3("pmull v0.1q, v1.1d, v2.1d", Z0, QV(1ull << 63, 7), QV(1ull << 63, 9)), 0, 1ull << 62);
    CHECKQ(V3("pmull2 v0.1q, v1.2d, v2.2d", Z0, QV(3, -1ull), QV(3, -1ull)),
           0x5555555555555555ull, 0x5555555555555555ull);
    /* 8-bit form: 0xff * 0xff = 0x5555, 0x80 * 0x02 = 0x100 */
    CHECKQ(V3("pmull v0.8h, v1.8b, v2.8b", Z0, QV(0x80ff, 0), QV(0x02ff, 0)), 0x01005555ull, 0);
    CHECKQ(V3("pmull2 v0.8h, v1.16b, v2.16b", Z0, QV(0, 0x03), QV(0, 0x03)), 5, 0);
    for (int i = 0; i < 32; i++) {
        Q a = QV(next(), next()), b = QV(next(), next());
        Q r = clmul64(a.lo, b.lo), r2 = clmul64(a.hi, b.hi);
        CHECKQ(V3("pmull v0.1q, v1.1d, v2.1d", Z0, a, b), r.lo, r.hi);
        CHECKQ(V3("pmull2 v0.1q, v1.2d, v2.2d", Z0, a, b), r2.lo, r2.hi);
    }
}

static void test_idregs(void)
{
    uint64_t isar0;
    __asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
    CHECK((isar0 >> 4) & 15, 2);
    CHECK((isar0 >> 8) & 15, 1);
    CHECK(((isar0 >> 12) & 15) >= 1, 1);   /* 2 adds SHA-512 */
}

static void test_main(void)
{
    test_aes();
    test_sha256();
    test_sha1();
    test_pmull();
    test_idregs();
}
