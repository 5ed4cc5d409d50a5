/*
 * target-arm/helper-crypto.c: the Armv8 Cryptographic Extension (AES,
 * SHA-1, SHA-256), one helper per instruction, called from
 * trans-a64-crypto.c.inc as (env, p) with p = VEC_ARGS(rd, rn, rm, 0, 0).
 * The AES S-box is computed at start-up from its FIPS-197 definition
 * (multiplicative inverse in GF(2^8) followed by the affine map); the
 * SHA round functions follow FIPS-180-4 and the Arm ARM pseudocode.
 *
 * The 128-bit registers are treated as four 32-bit words (element 0 =
 * bits [31:0]) or sixteen bytes (byte 0 = bits [7:0]); for AES byte i is
 * state row i % 4, column i / 4, as in FIPS-197.
 */
#include <string.h>

#include "internals.h"

#define RD(p)   ((p) & 31)
#define RN(p)   (((p) >> 5) & 31)
#define RM(p)   (((p) >> 10) & 31)

typedef struct {
    uint8_t b[16];
} AESState;

typedef struct {
    uint32_t w[4];
} Words;

static void get_bytes(CPUARMState *env, int r, AESState *s)
{
    int i;

    for (i = 0; i < 16; i++) {
        s->b[i] = env->vregs[r].d[i / 8] >> (8 * (i % 8));
    }
}

static void put_bytes(CPUARMState *env, int r, const AESState *s)
{
    uint64_t d[2] = { 0, 0 };
    int i;

    for (i = 0; i < 16; i++) {
        d[i / 8] |= (uint64_t)s->b[i] << (8 * (i % 8));
    }
    env->vregs[r].d[0] = d[0];
    env->vregs[r].d[1] = d[1];
}

static void get_words(CPUARMState *env, int r, Words *w)
{
    int i;

    for (i = 0; i < 4; i++) {
        w->w[i] = env->vregs[r].d[i / 2] >> (32 * (i % 2));
    }
}

static void put_words(CPUARMState *env, int r, const Words *w)
{
    env->vregs[r].d[0] = w->w[0] | ((uint64_t)w->w[1] << 32);
    env->vregs[r].d[1] = w->w[2] | ((uint64_t)w->w[3] << 32);
}

/* ---------------------------------------------------------------- AES */

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static uint8_t rotl8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

static uint8_t sbox[256], inv_sbox[256];
/* Built once at start-up, before any guest code runs. */
static void __attribute__((constructor)) sbox_init(void)
{
    int x;

    for (x = 0; x < 256; x++) {
        uint8_t inv = 0, s;
        int y;

        /* the inverse: the y with x * y == 1 (0 maps to 0) */
        for (y = 1; x && y < 256; y++) {
            if (gf_mul(x, y) == 1) {
                inv = y;
                break;
            }
        }
        s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
            rotl8(inv, 4) ^ 0x63;
        sbox[x] = s;
        inv_sbox[s] = x;
    }
}

static void h_aese_aesd(CPUARMState *env, uint64_t p, bool decrypt)
{
    AESState d, n, r;
    int i, row, col;

    get_bytes(env, RD(p), &d);
    get_bytes(env, RN(p), &n);
    for (i = 0; i < 16; i++) {
        d.b[i] ^= n.b[i];
    }
    for (col = 0; col < 4; col++) {
        for (row = 0; row < 4; row++) {
            if (decrypt) {
                /* InvShiftRows: row r moves right by r; InvSubBytes */
                r.b[row + 4 * ((col + row) % 4)] = inv_sbox[d.b[row + 4 * col]];
            } else {
                /* ShiftRows: row r moves left by r; SubBytes */
                r.b[row + 4 * col] = sbox[d.b[row + 4 * ((col + row) % 4)]];
            }
        }
    }
    put_bytes(env, RD(p), &r);
}

static void h_aese(CPUARMState *env, uint64_t p)
{
    h_aese_aesd(env, p, false);
}

static void h_aesd(CPUARMState *env, uint64_t p)
{
    h_aese_aesd(env, p, true);
}

/* MixColumns with the matrix whose first row is m[0..3] (circulant). */
static void mix_columns(CPUARMState *env, uint64_t p, const uint8_t m[4])
{
    AESState n, r;
    int row, col, k;

    get_bytes(env, RN(p), &n);
    for (col = 0; col < 4; col++) {
        for (row = 0; row < 4; row++) {
            uint8_t v = 0;
            for (k = 0; k < 4; k++) {
                v ^= gf_mul(m[(k - row + 4) % 4], n.b[k + 4 * col]);
            }
            r.b[row + 4 * col] = v;
        }
    }
    put_bytes(env, RD(p), &r);
}

static void h_aesmc(CPUARMState *env, uint64_t p)
{
    static const uint8_t m[4] = { 2, 3, 1, 1 };

    mix_columns(env, p, m);
}

static void h_aesimc(CPUARMState *env, uint64_t p)
{
    static const uint8_t m[4] = { 0x0e, 0x0b, 0x0d, 0x09 };

    mix_columns(env, p, m);
}

/* -------------------------------------------------------------- SHA-1 */

static uint32_t rol32(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static uint32_t ror32(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static uint32_t sha1_f(int kind, uint32_t x, uint32_t y, uint32_t z)
{
    switch (kind) {
    case 0:
        return (x & y) | (~x & z);              /* Ch */
    case 1:
        return x ^ y ^ z;                       /* Parity */
    default:
        return (x & y) | (x & z) | (y & z);     /* Maj */
    }
}

/* SHA1C/SHA1P/SHA1M Qd, Sn, Vm.4S: four rounds, {a,b,c,d} in Vd, e in Sn */
static void sha1_rounds(CPUARMState *env, uint64_t p, int kind)
{
    Words x, w;
    uint32_t y = (uint32_t)env->vregs[RN(p)].d[0], t;
    int e;

    get_words(env, RD(p), &x);
    get_words(env, RM(p), &w);
    for (e = 0; e < 4; e++) {
        y += rol32(x.w[0], 5) + sha1_f(kind, x.w[1], x.w[2], x.w[3]) + w.w[e];
        x.w[1] = rol32(x.w[1], 30);
        /* rotate Y:X left by 32 bits */
        t = x.w[3];
        x.w[3] = x.w[2];
        x.w[2] = x.w[1];
        x.w[1] = x.w[0];
        x.w[0] = y;
        y = t;
    }
    put_words(env, RD(p), &x);
}

static void h_sha1c(CPUARMState *env, uint64_t p)
{
    sha1_rounds(env, p, 0);
}

static void h_sha1p(CPUARMState *env, uint64_t p)
{
    sha1_rounds(env, p, 1);
}

static void h_sha1m(CPUARMState *env, uint64_t p)
{
    sha1_rounds(env, p, 2);
}

static void h_sha1h(CPUARMState *env, uint64_t p)
{
    uint32_t x = (uint32_t)env->vregs[RN(p)].d[0];

    env->vregs[RD(p)].d[0] = rol32(x, 30);
    env->vregs[RD(p)].d[1] = 0;
}

static void h_sha1su0(CPUARMState *env, uint64_t p)
{
    Words d, n, m, r;
    int i;

    get_words(env, RD(p), &d);
    get_words(env, RN(p), &n);
    get_words(env, RM(p), &m);
    r.w[0] = d.w[2];
    r.w[1] = d.w[3];
    r.w[2] = n.w[0];
    r.w[3] = n.w[1];
    for (i = 0; i < 4; i++) {
        r.w[i] ^= d.w[i] ^ m.w[i];
    }
    put_words(env, RD(p), &r);
}

static void h_sha1su1(CPUARMState *env, uint64_t p)
{
    Words d, n, t, r;
    int i;

    get_words(env, RD(p), &d);
    get_words(env, RN(p), &n);
    for (i = 0; i < 4; i++) {
        t.w[i] = d.w[i] ^ (i < 3 ? n.w[i + 1] : 0);
        r.w[i] = rol32(t.w[i], 1);
    }
    r.w[3] ^= rol32(t.w[0], 2);
    put_words(env, RD(p), &r);
}

/* ------------------------------------------------------------ SHA-256 */

static uint32_t sha256_ch(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (~x & z);
}

static uint32_t sha256_maj(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (x & z) ^ (y & z);
}

static uint32_t big_sigma0(uint32_t x)
{
    return ror32(x, 2) ^ ror32(x, 13) ^ ror32(x, 22);
}

static uint32_t big_sigma1(uint32_t x)
{
    return ror32(x, 6) ^ ror32(x, 11) ^ ror32(x, 25);
}

static uint32_t small_sigma0(uint32_t x)
{
    return ror32(x, 7) ^ ror32(x, 18) ^ (x >> 3);
}

static uint32_t small_sigma1(uint32_t x)
{
    return ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
}

/*
 * Four rounds on X = {a,b,c,d}, Y = {e,f,g,h} with the W+K words of w;
 * returns X (SHA256H) or Y (SHA256H2) in the destination.
 */
static void sha256_rounds(Words *x, Words *y, const Words *w)
{
    uint32_t t, s[8];
    int e, i;

    for (e = 0; e < 4; e++) {
        t = y->w[3] + big_sigma1(y->w[0]) +
            sha256_ch(y->w[0], y->w[1], y->w[2]) + w->w[e];
        x->w[3] += t;
        y->w[3] = t + big_sigma0(x->w[0]) +
                  sha256_maj(x->w[0], x->w[1], x->w[2]);
        /* rotate Y:X (Y high) left by 32 bits */
        for (i = 0; i < 4; i++) {
            s[i] = x->w[i];
            s[4 + i] = y->w[i];
        }
        for (i = 0; i < 4; i++) {
            x->w[i] = s[(i + 7) % 8];
            y->w[i] = s[(i + 3) % 8];
        }
    }
}

static void h_sha256h(CPUARMState *env, uint64_t p)
{
    Words x, y, w;

    get_words(env, RD(p), &x);
    get_words(env, RN(p), &y);
    get_words(env, RM(p), &w);
    sha256_rounds(&x, &y, &w);
    put_words(env, RD(p), &x);
}

static void h_sha256h2(CPUARMState *env, uint64_t p)
{
    Words x, y, w;

    get_words(env, RN(p), &x);
    get_words(env, RD(p), &y);
    get_words(env, RM(p), &w);
    sha256_rounds(&x, &y, &w);
    put_words(env, RD(p), &y);
}

static void h_sha256su0(CPUARMState *env, uint64_t p)
{
    Words d, n, r;
    int i;

    get_words(env, RD(p), &d);
    get_words(env, RN(p), &n);
    for (i = 0; i < 4; i++) {
        uint32_t t = i < 3 ? d.w[i + 1] : n.w[0];
        r.w[i] = small_sigma0(t) + d.w[i];
    }
    put_words(env, RD(p), &r);
}

static void h_sha256su1(CPUARMState *env, uint64_t p)
{
    Words d, n, m, r;
    uint32_t t0[4];
    int i;

    get_words(env, RD(p), &d);
    get_words(env, RN(p), &n);
    get_words(env, RM(p), &m);
    t0[0] = n.w[1];
    t0[1] = n.w[2];
    t0[2] = n.w[3];
    t0[3] = m.w[0];
    for (i = 0; i < 2; i++) {
        r.w[i] = small_sigma1(m.w[2 + i]) + d.w[i] + t0[i];
    }
    for (i = 2; i < 4; i++) {
        r.w[i] = small_sigma1(r.w[i - 2]) + d.w[i] + t0[i];
    }
    put_words(env, RD(p), &r);
}

/* --------------------------------------------------------- the table */

#define CH(nm) [CH_##nm] = {                                             \
    .func = (void *)h_##nm, .name = #nm, .flags = TCG_CALL_NO_RWG,       \
    .ret = TCG_CALL_VOID, .nargs = 2,                                    \
    .args = { TCG_CALL_PTR, TCG_CALL_I64 },                              \
}

const TCGHelperInfo crypto_helpers[CH_COUNT] = {
    CH(aese), CH(aesd), CH(aesmc), CH(aesimc),
    CH(sha1c), CH(sha1p), CH(sha1m), CH(sha1su0),
    CH(sha256h), CH(sha256h2), CH(sha256su1),
    CH(sha1h), CH(sha1su1), CH(sha256su0),
};
