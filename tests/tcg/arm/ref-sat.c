/*
 * tests/tcg/arm/ref-sat.c: native reference model for test-sat.c: the
 * saturating instructions qadd/qsub/qdadd/qdsub, ssat/usat (with their
 * shifts), ssat16/usat16 and the parallel saturating q/uq add/sub, with
 * the Q flag they set (Arm ARM SignedSatQ/UnsignedSatQ).  Each case of
 * each pair of vals[] gives two words: result, Q.
 */
#include "ref.h"

static int32_t ssatq(int64_t x, int bits, int *q)
{
    int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -max - 1;
    if (x > max) { *q = 1; return (int32_t)max; }
    if (x < min) { *q = 1; return (int32_t)min; }
    return (int32_t)x;
}

static uint32_t usatq(int64_t x, int bits, int *q)
{
    int64_t max = ((int64_t)1 << bits) - 1;
    if (x > max) { *q = 1; return (uint32_t)max; }
    if (x < 0) { *q = 1; return 0; }
    return (uint32_t)x;
}

typedef uint32_t RefOp(uint32_t a, uint32_t b, int *q);

static void emit(const char *name, RefOp *op)
{
    int i, j, q;

    ref_begin(name);
    for (i = 0; i < NVALS; i++) {
        for (j = 0; j < NVALS; j++) {
            q = 0;
            ref_u32(op(vals[i], vals[j], &q));
            ref_u32(q);
        }
    }
    ref_end();
}

#define S32(x) ((int64_t)(int32_t)(x))
static uint32_t op_qadd(uint32_t a, uint32_t b, int *q)
{ return ssatq(S32(a) + S32(b), 32, q); }
static uint32_t op_qsub(uint32_t a, uint32_t b, int *q)
{ return ssatq(S32(a) - S32(b), 32, q); }
static uint32_t op_qdadd(uint32_t a, uint32_t b, int *q)
{ return ssatq(S32(a) + ssatq(2 * S32(b), 32, q), 32, q); }
static uint32_t op_qdsub(uint32_t a, uint32_t b, int *q)
{ return ssatq(S32(a) - ssatq(2 * S32(b), 32, q), 32, q); }

/* The saturate-immediate forms use only a (b is ignored). */
#define SSAT(n, sh) \
static uint32_t op_ssat_##n##_##sh(uint32_t a, uint32_t b, int *q) \
{ return ssatq(sh >= 0 ? (int64_t)(int32_t)(a << sh) : S32(a) >> -sh, n, q); }
#define USAT(n, sh) \
static uint32_t op_usat_##n##_##sh(uint32_t a, uint32_t b, int *q) \
{ return usatq(sh >= 0 ? (int64_t)(int32_t)(a << sh) : S32(a) >> -sh, n, q); }
#define m1 (-1)
#define m31 (-31)
SSAT(1, 0) SSAT(8, 0) SSAT(16, 4) SSAT(31, 0) SSAT(32, 0) SSAT(24, m1)
SSAT(12, m31)
USAT(0, 0) USAT(1, 0) USAT(8, 0) USAT(16, 4) USAT(31, 0) USAT(24, m1)

static uint32_t op_ssat16_9(uint32_t a, uint32_t b, int *q)
{
    return (uint16_t)ssatq((int16_t)a, 9, q) |
           (uint32_t)(uint16_t)ssatq((int16_t)(a >> 16), 9, q) << 16;
}
static uint32_t op_usat16_7(uint32_t a, uint32_t b, int *q)
{
    return usatq((int16_t)a, 7, q) | usatq((int16_t)(a >> 16), 7, q) << 16;
}

/* Parallel saturating: no Q.  Lanes of 16 or 8 bits. */
static uint32_t lanes(uint32_t a, uint32_t b, int w, int sgn, int sub)
{
    uint32_t r = 0;
    int q = 0, i;
    for (i = 0; i < 32; i += w) {
        uint32_t m = (1u << w) - 1;
        int64_t x = (a >> i) & m, y = (b >> i) & m, s;
        if (sgn) {
            x = x >> (w - 1) ? x - (1 << w) : x;
            y = y >> (w - 1) ? y - (1 << w) : y;
        }
        s = sub ? x - y : x + y;
        s = sgn ? ssatq(s, w, &q) : usatq(s, w, &q);
        r |= ((uint32_t)s & m) << i;
    }
    return r;
}
/* asx: top = a.top + b.bottom, bottom = a.bottom - b.top; sax the
 * other way round. */
static uint32_t asx(uint32_t a, uint32_t b, int sgn, int sax)
{
    int q = 0;
    /* (Both arms of each ?: are int64_t: no unsigned promotion.) */
    int64_t at = sgn ? (int64_t)(int16_t)(a >> 16) : (int64_t)(a >> 16);
    int64_t ab = sgn ? (int64_t)(int16_t)a : (int64_t)(a & 0xffff);
    int64_t bt = sgn ? (int64_t)(int16_t)(b >> 16) : (int64_t)(b >> 16);
    int64_t bb = sgn ? (int64_t)(int16_t)b : (int64_t)(b & 0xffff);
    int64_t top = sax ? at - bb : at + bb, bot = sax ? ab + bt : ab - bt;
    top = sgn ? ssatq(top, 16, &q) : usatq(top, 16, &q);
    bot = sgn ? ssatq(bot, 16, &q) : usatq(bot, 16, &q);
    return ((uint32_t)top & 0xffff) << 16 | ((uint32_t)bot & 0xffff);
}
static uint32_t op_qadd16(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 16, 1, 0); }
static uint32_t op_qsub16(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 16, 1, 1); }
static uint32_t op_qadd8(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 8, 1, 0); }
static uint32_t op_qsub8(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 8, 1, 1); }
static uint32_t op_uqadd16(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 16, 0, 0); }
static uint32_t op_uqsub16(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 16, 0, 1); }
static uint32_t op_uqadd8(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 8, 0, 0); }
static uint32_t op_uqsub8(uint32_t a, uint32_t b, int *q) { return lanes(a, b, 8, 0, 1); }
static uint32_t op_qasx(uint32_t a, uint32_t b, int *q) { return asx(a, b, 1, 0); }
static uint32_t op_qsax(uint32_t a, uint32_t b, int *q) { return asx(a, b, 1, 1); }
static uint32_t op_uqasx(uint32_t a, uint32_t b, int *q) { return asx(a, b, 0, 0); }
static uint32_t op_uqsax(uint32_t a, uint32_t b, int *q) { return asx(a, b, 0, 1); }

#define EMIT(name) emit("exp_" #name, op_##name)

int main(void)
{
    printf("/* Generated by ref-sat.c: do not edit. */\n");
    EMIT(qadd); EMIT(qsub); EMIT(qdadd); EMIT(qdsub);
    EMIT(ssat_1_0); EMIT(ssat_8_0); EMIT(ssat_16_4); EMIT(ssat_31_0);
    EMIT(ssat_32_0); EMIT(ssat_24_m1); EMIT(ssat_12_m31);
    EMIT(usat_0_0); EMIT(usat_1_0); EMIT(usat_8_0); EMIT(usat_16_4);
    EMIT(usat_31_0); EMIT(usat_24_m1);
    EMIT(ssat16_9); EMIT(usat16_7);
    EMIT(qadd16); EMIT(qsub16); EMIT(qadd8); EMIT(qsub8);
    EMIT(uqadd16); EMIT(uqsub16); EMIT(uqadd8); EMIT(uqsub8);
    EMIT(qasx); EMIT(qsax); EMIT(uqasx); EMIT(uqsax);
    return 0;
}
