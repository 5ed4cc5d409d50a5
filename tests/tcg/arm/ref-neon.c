/*
 * tests/tcg/arm/ref-neon.c: native reference model for test-neon.c:
 * every operation of NEON_INT_OPS (nvals.h) over every pair of nvecs[]
 * with its accumulator, and of NEON_FP_OPS over the float vectors of
 * fvals.h, from the Arm ARM's Advanced SIMD pseudo-code.  Each case
 * gives five words: the 128-bit q2 afterwards (4 words, lane 0 first)
 * and FPSCR.QC.  Float lanes follow the Neon standard FPSCR value:
 * denormal inputs and results flushed to (signed) zero, default NaN
 * 0x7fc00000, round to nearest; the model refuses (#error) a result that
 * only the tininess-before-rounding rule would flush.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "ref.h"
#include "fvals.h"
#include "nvals.h"

static int qc;

static uint64_t get(const uint8_t *v, int es, int i)
{
    uint64_t x = 0;
    int k;
    for (k = es - 1; k >= 0; k--) {
        x = x << 8 | v[i * es + k];
    }
    return x;
}
static void put(uint8_t *v, int es, int i, uint64_t x)
{
    int k;
    for (k = 0; k < es; k++) {
        v[i * es + k] = (uint8_t)(x >> (8 * k));
    }
}
static int64_t sx(uint64_t x, int bits)
{
    return bits == 64 ? (int64_t)x
                      : (int64_t)(x << (64 - bits)) >> (64 - bits);
}
static int64_t sget(const uint8_t *v, int es, int i) { return sx(get(v, es, i), es * 8); }
static int64_t sat_s(int64_t x, int bits)
{
    int64_t max = (int64_t)((1ull << (bits - 1)) - 1), min = -max - 1;
    if (x > max) { qc = 1; return max; }
    if (x < min) { qc = 1; return min; }
    return x;
}
static uint64_t sat_u(int64_t x, int bits)
{
    uint64_t max = bits == 64 ? ~0ull : (1ull << bits) - 1;
    if (x < 0) { qc = 1; return 0; }
    if ((uint64_t)x > max) { qc = 1; return max; }
    return (uint64_t)x;
}

typedef void Op(const uint8_t *a, const uint8_t *b, uint8_t *d);

#define LANES(es) for (i = 0; i < 16 / (es); i++)

/* Element-wise binary op on es-byte lanes: f(x, y, acc) with x, y, acc
 * signed or not as asked. */
#define BIN(name, es, sgn, expr) \
static void op_##name(const uint8_t *a, const uint8_t *b, uint8_t *d) \
{ \
    int i; \
    LANES(es) { \
        int64_t x = sgn ? sget(a, es, i) : (int64_t)get(a, es, i); \
        int64_t y = sgn ? sget(b, es, i) : (int64_t)get(b, es, i); \
        int64_t acc = sgn ? sget(d, es, i) : (int64_t)get(d, es, i); \
        uint64_t ux = get(a, es, i), uy = get(b, es, i); \
        (void)x; (void)y; (void)acc; (void)ux; (void)uy; \
        put(d, es, i, (uint64_t)(expr)); \
    } \
}

BIN(vadd_i8, 1, 0, x + y)
BIN(vadd_i16, 2, 0, x + y)
BIN(vadd_i32, 4, 0, x + y)
BIN(vadd_i64, 8, 0, ux + uy)
BIN(vsub_i8, 1, 0, x - y)
BIN(vsub_i32, 4, 0, x - y)
BIN(vmul_i8, 1, 0, x * y)
BIN(vmul_i16, 2, 0, x * y)
BIN(vmul_i32, 4, 0, ux * uy)
BIN(vmla_i16, 2, 0, acc + x * y)
BIN(vmls_i32, 4, 0, (uint64_t)acc - ux * uy)
BIN(vqadd_s8, 1, 1, sat_s(x + y, 8))
BIN(vqadd_u8, 1, 0, sat_u(x + y, 8))
BIN(vqadd_s16, 2, 1, sat_s(x + y, 16))
BIN(vqadd_u32, 4, 0, sat_u(x + y, 32))
BIN(vqsub_s16, 2, 1, sat_s(x - y, 16))
BIN(vqsub_u8, 1, 0, sat_u(x - y, 8))
BIN(vqsub_s32, 4, 1, sat_s(x - y, 32))
BIN(vqdmulh_s16, 2, 1, sat_s((2 * x * y) >> 16, 16))
BIN(vqrdmulh_s16, 2, 1, sat_s((2 * x * y + (1 << 15)) >> 16, 16))
BIN(vqdmulh_s32, 4, 1, sat_s((int64_t)(((__int128)2 * x * y) >> 32), 32))
BIN(vqrdmulh_s32, 4, 1,
    sat_s((int64_t)(((__int128)2 * x * y + ((int64_t)1 << 31)) >> 32), 32))
BIN(vhadd_s8, 1, 1, (x + y) >> 1)
BIN(vrhadd_u16, 2, 0, (x + y + 1) >> 1)
BIN(vhsub_u32, 4, 0, (x - y) >> 1)
BIN(vabd_s16, 2, 1, x > y ? x - y : y - x)
BIN(vaba_u8, 1, 0, acc + (x > y ? x - y : y - x))
BIN(vmax_u8, 1, 0, x > y ? x : y)
BIN(vmin_s32, 4, 1, x < y ? x : y)
BIN(vmax_s16, 2, 1, x > y ? x : y)
BIN(vceq_i16, 2, 0, x == y ? -1 : 0)
BIN(vcgt_s8, 1, 1, x > y ? -1 : 0)
BIN(vcge_u32, 4, 0, x >= y ? -1 : 0)
BIN(vtst_i8, 1, 0, (x & y) ? -1 : 0)
BIN(vand, 8, 0, ux & uy)
BIN(vorr, 8, 0, ux | uy)
BIN(veor, 8, 0, ux ^ uy)
BIN(vbic, 8, 0, ux & ~uy)
BIN(vorn, 8, 0, ux | ~uy)
BIN(vbsl, 8, 0, ((uint64_t)acc & ux) | (~(uint64_t)acc & uy))
BIN(vbit, 8, 0, ((uint64_t)acc & ~uy) | (ux & uy))
BIN(vbif, 8, 0, ((uint64_t)acc & uy) | (ux & ~uy))

/* 64-bit saturating add: in 128 bits. */
static void op_vqadd_s64(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(8) {
        __int128 s = (__int128)(int64_t)get(a, 8, i) + (int64_t)get(b, 8, i);
        if (s > INT64_MAX) { qc = 1; s = INT64_MAX; }
        if (s < INT64_MIN) { qc = 1; s = INT64_MIN; }
        put(d, 8, i, (uint64_t)(int64_t)s);
    }
}

/* Shift by a signed register count (the bottom byte of each lane of b):
 * left when positive, right when negative; rnd adds the rounding
 * constant; sat saturates (left shifts only can). */
static int64_t shl_reg(int64_t x, int es, int sgn, int sh, int rnd, int sat)
{
    int bits = es * 8;
    if (sh >= 0) {
        __int128 r;
        if (sh >= 64 + bits) {
            sh = 64 + bits;
        }
        r = sh >= 100 ? (x ? (x < 0 ? -((__int128)1 << 100) : ((__int128)1 << 100)) : 0)
                      : (__int128)x << sh;
        if (sat) {
            __int128 max = sgn ? ((__int128)1 << (bits - 1)) - 1
                               : ((__int128)1 << bits) - 1;
            __int128 min = sgn ? -max - 1 : 0;
            if (r > max) { qc = 1; r = max; }
            if (r < min) { qc = 1; r = min; }
        }
        return (int64_t)r;
    }
    sh = -sh;
    if (sh > bits + 1) {
        return rnd ? 0 : (sgn && x < 0 ? -1 : 0);
    }
    if (rnd) {
        return (int64_t)(((__int128)x + ((__int128)1 << (sh - 1))) >> sh);
    }
    return sh >= 64 ? (x < 0 ? -1 : 0) : x >> sh;
}
#define SHL(name, es, sgn, rnd, sat) \
static void op_##name(const uint8_t *a, const uint8_t *b, uint8_t *d) \
{ \
    int i; \
    LANES(es) { \
        int64_t x = sgn ? sget(a, es, i) : (int64_t)get(a, es, i); \
        int sh = (int8_t)get(b, es, i); \
        put(d, es, i, (uint64_t)shl_reg(x, es, sgn, sh, rnd, sat)); \
    } \
}
SHL(vshl_s8, 1, 1, 0, 0)
SHL(vshl_u16, 2, 0, 0, 0)
SHL(vrshl_s32, 4, 1, 1, 0)
SHL(vqshl_u8, 1, 0, 0, 1)
SHL(vqshl_s16, 2, 1, 0, 1)
SHL(vqrshl_s8, 1, 1, 1, 1)

/* Pairwise on D registers: d4 = op over (da, db) pairs; d5 kept. */
#define PAIR(name, es, sgn, offa, offb, expr) \
static void op_##name(const uint8_t *a, const uint8_t *b, uint8_t *d) \
{ \
    uint8_t cat[16]; \
    int i, n = 8 / (es); \
    memcpy(cat, a + (offa), 8); \
    memcpy(cat + 8, b + (offb), 8); \
    for (i = 0; i < n; i++) { \
        int64_t x = sgn ? sget(cat, es, 2 * i) : (int64_t)get(cat, es, 2 * i); \
        int64_t y = sgn ? sget(cat, es, 2 * i + 1) \
                        : (int64_t)get(cat, es, 2 * i + 1); \
        put(d, es, i, (uint64_t)(expr)); \
    } \
}
PAIR(vpadd_i16, 2, 0, 0, 0, x + y)
PAIR(vpmax_s8, 1, 1, 0, 0, x > y ? x : y)
PAIR(vpmin_u16, 2, 0, 8, 8, x < y ? x : y)

#define UN(name, es, sgn, expr) \
static void op_##name(const uint8_t *a, const uint8_t *b, uint8_t *d) \
{ \
    int i; \
    LANES(es) { \
        int64_t x = sgn ? sget(a, es, i) : (int64_t)get(a, es, i); \
        (void)x; \
        put(d, es, i, (uint64_t)(expr)); \
    } \
}
static int popc(uint64_t x) { int n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
static int clzn(uint64_t x, int bits)
{
    int n = 0;
    while (n < bits && !((x >> (bits - 1 - n)) & 1)) {
        n++;
    }
    return n;
}
UN(vabs_s8, 1, 1, x < 0 ? -x : x)
UN(vqabs_s8, 1, 1, sat_s(x < 0 ? -x : x, 8))
UN(vneg_s16, 2, 1, -x)
UN(vqneg_s32, 4, 1, sat_s(-x, 32))
UN(vcnt_8, 1, 0, popc(x))
UN(vclz_i16, 2, 0, clzn(x, 16))
UN(vcls_s8, 1, 1, clzn((uint64_t)(x ^ (x >> 1)) & 0x7f, 7))
UN(vmvn, 8, 0, ~(uint64_t)x)
UN(vshr_s16_3, 2, 1, x >> 3)
UN(vshr_u32_32, 4, 0, (uint64_t)x >> 32)
UN(vrshr_s8_1, 1, 1, (x + 1) >> 1)
UN(vshl_i32_31, 4, 0, x << 31)
UN(vqshlu_s8_2, 1, 1, sat_u(x * 4, 8))
UN(vqshl_s16_9, 2, 1, sat_s(x * 512, 16))

static void op_vsra_u16_5(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(2) put(d, 2, i, get(d, 2, i) + (get(a, 2, i) >> 5));
}
static void op_vsli_8_3(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(1) put(d, 1, i, (get(a, 1, i) << 3) | (get(d, 1, i) & 7));
}
static void op_vsri_16_4(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(2) put(d, 2, i, (get(a, 2, i) >> 4) | (get(d, 2, i) & 0xf000));
}

static void rev(const uint8_t *a, uint8_t *d, int block, int es)
{
    int i, j, n = block / es;
    for (i = 0; i < 16; i += block) {
        for (j = 0; j < n; j++) {
            memcpy(d + i + j * es, a + i + (n - 1 - j) * es, es);
        }
    }
}
static void op_vrev64_8(const uint8_t *a, const uint8_t *b, uint8_t *d) { rev(a, d, 8, 1); }
static void op_vrev32_16(const uint8_t *a, const uint8_t *b, uint8_t *d) { rev(a, d, 4, 2); }
static void op_vrev16_8(const uint8_t *a, const uint8_t *b, uint8_t *d) { rev(a, d, 2, 1); }

/* Long: src lanes of es bytes from the D register at byte offset off of
 * a (and of b), results of 2*es bytes in q2. */
#define LONG(name, es, sgn, offa, offb, expr) \
static void op_##name(const uint8_t *a, const uint8_t *b, uint8_t *d) \
{ \
    int i; \
    for (i = 0; i < 8 / (es); i++) { \
        int64_t x = sgn ? sget(a + (offa), es, i) : (int64_t)get(a + (offa), es, i); \
        int64_t y = sgn ? sget(b + (offb), es, i) : (int64_t)get(b + (offb), es, i); \
        int64_t acc = sgn ? sget(d, 2 * (es), i) : (int64_t)get(d, 2 * (es), i); \
        (void)y; (void)acc; \
        put(d, 2 * (es), i, (uint64_t)(expr)); \
    } \
}
LONG(vmovl_s8, 1, 1, 0, 0, x)
LONG(vmovl_u16, 2, 0, 8, 0, x)
LONG(vshll_u8_8, 1, 0, 0, 0, x << 8)
LONG(vshll_s16_5, 2, 1, 0, 0, x * 32)
LONG(vmull_s16, 2, 1, 0, 0, x * y)
LONG(vmull_u32, 4, 0, 8, 8, (uint64_t)x * (uint64_t)y)
LONG(vmlal_u8, 1, 0, 0, 0, acc + x * y)
LONG(vqdmull_s16, 2, 1, 0, 0, sat_s(2 * x * y, 32))
LONG(vaddl_s8, 1, 1, 0, 0, x + y)
LONG(vabdl_u8, 1, 0, 8, 8, x > y ? x - y : y - x)

static uint64_t pmul(uint64_t x, uint64_t y)
{
    uint64_t r = 0;
    int i;
    for (i = 0; i < 8; i++) {
        if ((y >> i) & 1) {
            r ^= x << i;
        }
    }
    return r;
}
LONG(vmull_p8, 1, 0, 0, 0, pmul(x, y))
BIN(vmul_p8, 1, 0, pmul(x, y))

static void op_vsubw_u16(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(4) put(d, 4, i, get(a, 4, i) - get(b, 2, i));
}
static void op_vpaddl_s8(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(2) put(d, 2, i, (uint64_t)(sget(a, 1, 2 * i) + sget(a, 1, 2 * i + 1)));
}
static void op_vpadal_u16(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(4) put(d, 4, i, get(d, 4, i) + get(a, 2, 2 * i) + get(a, 2, 2 * i + 1));
}

/* Narrow: from q0's lanes of es bytes into d4 (d5 kept). */
#define NARROW(name, es, sgn, expr) \
static void op_##name(const uint8_t *a, const uint8_t *b, uint8_t *d) \
{ \
    int i; \
    for (i = 0; i < 16 / (es); i++) { \
        int64_t x = sgn ? sget(a, es, i) : (int64_t)get(a, es, i); \
        uint64_t ux = get(a, es, i); \
        (void)x; (void)ux; \
        put(d, (es) / 2, i, (uint64_t)(expr)); \
    } \
}
NARROW(vmovn_i32, 4, 0, x)
NARROW(vqmovn_s32, 4, 1, sat_s(x, 16))
NARROW(vqmovun_s16, 2, 1, sat_u(x, 8))
NARROW(vqmovn_u64, 8, 0, ux > 0xffffffffu ? (qc = 1, 0xffffffffu) : ux)
NARROW(vshrn_i32_16, 4, 0, x >> 16)
NARROW(vqrshrn_s32_4, 4, 1, sat_s((x + 8) >> 4, 16))
NARROW(vqshrun_s16_3, 2, 1, sat_u(x >> 3, 8))

static void op_vext_3(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    memcpy(d, a + 3, 13);
    memcpy(d + 13, b, 3);
}
static void op_vdup_16(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(2) put(d, 2, i, get(a + 8, 2, 2));
}
static void op_vmul_s16_scalar(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(2) put(d, 2, i, get(a, 2, i) * get(b, 2, 3));
}
static void op_vqdmulh_s32_scalar(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    int64_t y = sget(b + 8, 4, 1);
    LANES(4) put(d, 4, i, (uint64_t)sat_s((int64_t)(((__int128)2 * sget(a, 4, i) * y) >> 32), 32));
}

UN(vceq_i8_0, 1, 0, x == 0 ? -1 : 0)
UN(vcgt_s16_0, 2, 1, x > 0 ? -1 : 0)
UN(vcle_s32_0, 4, 1, x <= 0 ? -1 : 0)
UN(vclt_s8_0, 1, 1, x < 0 ? -1 : 0)
UN(vcge_s8_0, 1, 1, x >= 0 ? -1 : 0)
/* The doubling product saturates first (QC), then the accumulation. */
LONG(vqdmlal_s16, 2, 1, 0, 0, sat_s(acc + sat_s(2 * x * y, 32), 32))
LONG(vmlsl_s8, 1, 1, 0, 0, acc - x * y)
LONG(vabal_u16, 2, 0, 8, 8, acc + (x > y ? x - y : y - x))

static void op_vqdmlsl_s32(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    for (i = 0; i < 2; i++) {
        __int128 p = (__int128)2 * sget(a + 8, 4, i) * sget(b + 8, 4, i);
        __int128 r;
        if (p > INT64_MAX) { qc = 1; p = INT64_MAX; }
        r = (__int128)(int64_t)get(d, 8, i) - p;
        if (r > INT64_MAX) { qc = 1; r = INT64_MAX; }
        if (r < INT64_MIN) { qc = 1; r = INT64_MIN; }
        put(d, 8, i, (uint64_t)(int64_t)r);
    }
}
static void op_vrsra_s32_7(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(4) put(d, 4, i, get(d, 4, i) + (uint64_t)((sget(a, 4, i) + 64) >> 7));
}
/* 64-bit lanes, shift by the signed bottom byte of each lane of b. */
static void op_vshl_s64(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(8) {
        int64_t x = (int64_t)get(a, 8, i);
        int sh = (int8_t)get(b, 8, i);
        uint64_t r;
        if (sh >= 64) r = 0;
        else if (sh >= 0) r = (uint64_t)x << sh;
        else if (sh <= -64) r = x < 0 ? ~0ull : 0;
        else r = (uint64_t)(x >> -sh);
        put(d, 8, i, r);
    }
}
static void op_vqrshl_u64(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(8) {
        unsigned __int128 x = get(a, 8, i), r;
        int sh = (int8_t)get(b, 8, i);
        if (sh >= 0) {
            if (x && (sh >= 64 || (x >> (64 - sh)) != 0)) {
                qc = 1;
                r = ~0ull;
            } else {
                r = x << sh;
            }
        } else if (-sh > 65) {
            r = 0;
        } else {
            r = (x + ((unsigned __int128)1 << (-sh - 1))) >> -sh;
        }
        put(d, 8, i, (uint64_t)r);
    }
}
UN(vshr_s64_63, 8, 1, x >> 63)
static void op_vrshr_u64_1(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(8) put(d, 8, i, (uint64_t)(((unsigned __int128)get(a, 8, i) + 1) >> 1));
}
static void op_vqshlu_s64_3(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(8) {
        __int128 x = (__int128)(int64_t)get(a, 8, i) * 8;
        uint64_t r;
        if (x < 0) { qc = 1; r = 0; }
        else if (x > (__int128)UINT64_MAX) { qc = 1; r = UINT64_MAX; }
        else r = (uint64_t)x;
        put(d, 8, i, r);
    }
}
static void op_vmlal_s16_scalar(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    int64_t y = sget(b + 8, 2, 2);
    for (i = 0; i < 4; i++) {
        put(d, 4, i, (uint64_t)(sget(d, 4, i) + sget(a, 2, i) * y));
    }
}
static void op_vqrdmulh_s16_scalar(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    int64_t y = sget(b, 2, 1);
    LANES(2) put(d, 2, i, (uint64_t)sat_s((2 * sget(a, 2, i) * y + (1 << 15)) >> 16, 16));
}
static void op_vpaddl_u32(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(8) put(d, 8, i, get(a, 4, 2 * i) + get(a, 4, 2 * i + 1));
}
static void op_vpadal_s8(const uint8_t *a, const uint8_t *b, uint8_t *d)
{
    int i;
    LANES(2) put(d, 2, i, get(d, 2, i) + (uint64_t)(sget(a, 1, 2 * i) + sget(a, 1, 2 * i + 1)));
}

/* ---- float lanes ---- */

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t bits_f(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static float flush(float x)
{
    return fpclassify(x) == FP_SUBNORMAL ? copysignf(0.0f, x) : x;
}
static volatile float vx, vy, vr;
static float out(float r)
{
    if (fabsf(r) == FLT_MIN && fetestexcept(FE_INEXACT)) {
        printf("\n#error \"ref-neon: ambiguous tininess\"\n");
    }
    return flush(r);
}
static uint32_t fbits(float r) { return isnan(r) ? 0x7fc00000 : bits_f(r); }

#define FOP(name, expr) \
static uint32_t fop_##name(float x, float y, float acc) \
{ \
    (void)x; (void)y; (void)acc; \
    feclearexcept(FE_ALL_EXCEPT); \
    return (expr); \
}
static float fadd(float x, float y) { vx = flush(x); vy = flush(y); vr = vx + vy; return out(vr); }
static float fsub(float x, float y) { vx = flush(x); vy = flush(y); vr = vx - vy; return out(vr); }
static float fmul(float x, float y) { vx = flush(x); vy = flush(y); vr = vx * vy; return out(vr); }
static uint32_t fmax_(float x, float y, int is_max)
{
    x = flush(x);
    y = flush(y);
    if (isnan(x) || isnan(y)) {
        return 0x7fc00000;
    }
    if (x == 0 && y == 0) {
        /* max(-0, +0) = +0, min(-0, +0) = -0 */
        int neg = is_max ? (signbit(x) && signbit(y)) : (signbit(x) || signbit(y));
        return neg ? 0x80000000 : 0;
    }
    return bits_f(is_max ? (x > y ? x : y) : (x < y ? x : y));
}
static uint32_t fcvt_int(float x, int sgn)
{
    double v = flush(x), r, lo = sgn ? -2147483648.0 : 0, hi = sgn ? 2147483647.0 : 4294967295.0;
    if (isnan(v)) {
        return 0;
    }
    r = trunc(v);
    r = r < lo ? lo : r > hi ? hi : r;
    return sgn ? (uint32_t)(int32_t)r : (uint32_t)r;
}
FOP(vadd_f32, fbits(fadd(x, y)))
FOP(vsub_f32, fbits(fsub(x, y)))
FOP(vmul_f32, fbits(fmul(x, y)))
FOP(vmla_f32, fbits(fadd(acc, fmul(x, y))))
FOP(vmax_f32, fmax_(x, y, 1))
FOP(vmin_f32, fmax_(x, y, 0))
FOP(vceq_f32, flush(x) == flush(y) ? 0xffffffffu : 0)
FOP(vcge_f32, flush(x) >= flush(y) ? 0xffffffffu : 0)
FOP(vcgt_f32, flush(x) > flush(y) ? 0xffffffffu : 0)
FOP(vabs_f32, bits_f(x) & 0x7fffffffu)
FOP(vneg_f32, bits_f(x) ^ 0x80000000u)
FOP(vcvt_s32_f32, fcvt_int(x, 1))
FOP(vcvt_u32_f32, fcvt_int(x, 0))
FOP(vcvt_f32_s32, bits_f((float)(int32_t)bits_f(x)))
FOP(vcvt_f32_u32, bits_f((float)bits_f(x)))
/* Fixed point: x * 2^8 towards zero, saturated; u32 / 2^4 to nearest. */
static uint32_t fcvt_fx(float x)
{
    double v = flush(x), r;
    if (isnan(v)) {
        return 0;
    }
    r = trunc(v * 256.0);
    r = r < -2147483648.0 ? -2147483648.0 : r > 2147483647.0 ? 2147483647.0 : r;
    return (uint32_t)(int32_t)r;
}
FOP(vcvt_s32_f32_fx8, fcvt_fx(x))
FOP(vcvt_f32_u32_fx4, bits_f((float)((double)bits_f(x) / 16.0)))
FOP(vacgt_f32, fabsf(flush(x)) > fabsf(flush(y)) ? 0xffffffffu : 0)
FOP(vabd_f32, fbits(fabsf(fsub(x, y))))
FOP(vmul_f32_scalar, 0)            /* lane-crossing: see emit_fp */
FOP(vpadd_f32, 0)

#define NFVECS (NFVALS / 4)

static void emit_fp(const char *name, uint32_t (*op)(float, float, float))
{
    int i, j, k;

    ref_begin(name);
    for (i = 0; i < NFVECS; i++) {
        for (j = 0; j < NFVECS; j++) {
            const uint32_t *a = &fvals[4 * i], *b = &fvals[4 * j];
            const uint32_t *c = &fvals[4 * ((i + j) % NFVECS)];
            for (k = 0; k < 4; k++) {
                feclearexcept(FE_ALL_EXCEPT);
                if (strcmp(name, "exp_vpadd_f32") == 0) {
                    /* d4 = a0+a1, b0+b1; d5 keeps the accumulator. */
                    ref_u32(k == 0 ? fbits(fadd(f_of(a[0]), f_of(a[1])))
                            : k == 1 ? fbits(fadd(f_of(b[0]), f_of(b[1])))
                            : c[k]);
                } else if (strcmp(name, "exp_vmul_f32_scalar") == 0) {
                    /* d3[1] is lane 3 of q1. */
                    ref_u32(fbits(fmul(f_of(a[k]), f_of(b[3]))));
                } else {
                    ref_u32(op(f_of(a[k]), f_of(b[k]), f_of(c[k])));
                }
            }
            ref_u32(0);
        }
    }
    ref_end();
}

static void emit(const char *name, Op *op)
{
    int i, j, k;

    ref_begin(name);
    for (i = 0; i < NNVECS; i++) {
        for (j = 0; j < NNVECS; j++) {
            uint8_t d[16];
            memcpy(d, nvecs[NACC(i, j)], 16);
            qc = 0;
            op(nvecs[i], nvecs[j], d);
            for (k = 0; k < 4; k++) {
                ref_u32((uint32_t)get(d, 4, k));
            }
            ref_u32(qc);
        }
    }
    ref_end();
}

#define EMIT(name, insn) emit("exp_" #name, op_##name);
#define EMIT_FP(name, insn) emit_fp("exp_" #name, fop_##name);

int main(void)
{
    printf("/* Generated by ref-neon.c: do not edit. */\n");
    NEON_INT_OPS(EMIT)
    NEON_FP_OPS(EMIT_FP)
    return 0;
}
