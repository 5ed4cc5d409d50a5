/*
 * tests/tcg/arm/ref-mul.c: native reference model for test-mul.c:
 * 32- and 64-bit multiplies, multiply-accumulates, the halfword and
 * dual multiplies (with the sticky Q flag), the most-significant-word
 * multiplies and the divides, from the Arm ARM pseudo-code.  Every op
 * runs over every pair (a, b) of vals[] with accumulators
 * acc1(i, j) and acc2(i, j); each case gives two words (result and
 * high word, or result and Q).
 */
#include "ref.h"

#define ACC1(i, j) vals[((i) + (j)) % NVALS]
#define ACC2(i, j) vals[((i) * 3 + (j) + 5) % NVALS]

static int32_t hi16(uint32_t x) { return (int16_t)(x >> 16); }
static int32_t lo16(uint32_t x) { return (int16_t)x; }

/* Signed 32-bit add that reports overflow (sets Q). */
static uint32_t sadd_q(int64_t a, int64_t b, int *q)
{
    int64_t s = a + b;
    if (s != (int32_t)s) {
        *q = 1;
    }
    return (uint32_t)s;
}

typedef void RefOp(uint32_t a, uint32_t b, uint32_t c, uint32_t d,
                   uint32_t out[2]);

static void emit(const char *name, RefOp *op)
{
    int i, j;
    uint32_t out[2];

    ref_begin(name);
    for (i = 0; i < NVALS; i++) {
        for (j = 0; j < NVALS; j++) {
            out[0] = out[1] = 0;
            op(vals[i], vals[j], ACC1(i, j), ACC2(i, j), out);
            ref_u32(out[0]);
            ref_u32(out[1]);
        }
    }
    ref_end();
}

static void op_mul(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = a * b; o[1] = NZ(a * b) | 3u; /* muls: C, V kept (entered set) */ }
static void op_mla(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = a * b + c; }
static void op_mls(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = c - a * b; }
static void op_umull(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ uint64_t r = (uint64_t)a * b; o[0] = r; o[1] = r >> 32; }
static void op_smull(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ uint64_t r = (uint64_t)((int64_t)(int32_t)a * (int32_t)b); o[0] = r; o[1] = r >> 32; }
static void op_umlal(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ uint64_t r = (uint64_t)a * b + ((uint64_t)d << 32 | c); o[0] = r; o[1] = r >> 32; }
static void op_smlal(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    uint64_t r = (uint64_t)((int64_t)(int32_t)a * (int32_t)b) +
                 ((uint64_t)d << 32 | c);
    o[0] = r; o[1] = r >> 32;
}
static void op_umaal(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ uint64_t r = (uint64_t)a * b + c + d; o[0] = r; o[1] = r >> 32; }
/* umulls (A32): NZ of the 64-bit result, C and V kept (entered clear). */
static void op_umulls(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    uint64_t r = (uint64_t)a * b;
    o[0] = r >> 32;
    o[1] = (r >> 63 ? 8u : 0u) | (r == 0 ? 4u : 0u);
}
static void op_smulbb(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)(lo16(a) * lo16(b)); }
static void op_smultb(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)(hi16(a) * lo16(b)); }
static void op_smulbt(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)(lo16(a) * hi16(b)); }
static void op_smultt(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)(hi16(a) * hi16(b)); }
static void op_smlabb(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ int q = 0; o[0] = sadd_q(lo16(a) * lo16(b), (int32_t)c, &q); o[1] = q; }
static void op_smlatt(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ int q = 0; o[0] = sadd_q(hi16(a) * hi16(b), (int32_t)c, &q); o[1] = q; }
static void op_smulwb(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)(((int64_t)(int32_t)a * lo16(b)) >> 16); }
static void op_smulwt(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)(((int64_t)(int32_t)a * hi16(b)) >> 16); }
static void op_smlawb(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    int q = 0;
    int64_t p = ((int64_t)(int32_t)a * lo16(b)) >> 16;
    o[0] = sadd_q(p, (int32_t)c, &q); o[1] = q;
}
static void op_smlalbb(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    uint64_t r = (uint64_t)(int64_t)(lo16(a) * lo16(b)) + ((uint64_t)d << 32 | c);
    o[0] = r; o[1] = r >> 32;
}
/* smuad: the sum of the two products overflows only for
 * 0x8000 * 0x8000 twice; Q set then. */
static void op_smuad(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    int q = 0;
    o[0] = sadd_q((int64_t)lo16(a) * lo16(b), (int64_t)hi16(a) * hi16(b), &q);
    o[1] = q;
}
static void op_smuadx(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    int q = 0;
    o[0] = sadd_q((int64_t)lo16(a) * hi16(b), (int64_t)hi16(a) * lo16(b), &q);
    o[1] = q;
}
static void op_smusd(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)((int64_t)lo16(a) * lo16(b) - (int64_t)hi16(a) * hi16(b)); }
static void op_smlad(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    int64_t s = (int64_t)lo16(a) * lo16(b) + (int64_t)hi16(a) * hi16(b) +
                (int32_t)c;
    o[0] = (uint32_t)s;
    o[1] = s != (int32_t)s;
}
static void op_smlsd(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    int64_t s = (int64_t)lo16(a) * lo16(b) - (int64_t)hi16(a) * hi16(b) +
                (int32_t)c;
    o[0] = (uint32_t)s;
    o[1] = s != (int32_t)s;
}
static void op_smlald(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    uint64_t r = (uint64_t)((int64_t)lo16(a) * lo16(b) +
                            (int64_t)hi16(a) * hi16(b)) +
                 ((uint64_t)d << 32 | c);
    o[0] = r; o[1] = r >> 32;
}
static int64_t smul64(uint32_t a, uint32_t b)
{
    return (int64_t)(int32_t)a * (int32_t)b;
}
static void op_smmul(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)((uint64_t)smul64(a, b) >> 32); }
static void op_smmulr(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)(((uint64_t)smul64(a, b) + 0x80000000u) >> 32); }
static void op_smmla(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)((((uint64_t)c << 32) + (uint64_t)smul64(a, b)) >> 32); }
static void op_smmls(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = (uint32_t)((((uint64_t)c << 32) - (uint64_t)smul64(a, b)) >> 32); }
static void op_smmlsr(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    o[0] = (uint32_t)((((uint64_t)c << 32) - (uint64_t)smul64(a, b) +
                       0x80000000u) >> 32);
}
/* Divides: x / 0 = 0 (no trap in user mode by default); the quotient
 * rounds towards zero; INT_MIN / -1 = INT_MIN. */
static void op_udiv(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{ o[0] = b ? a / b : 0; }
static void op_sdiv(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t o[2])
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) o[0] = 0;
    else if (x == INT32_MIN && y == -1) o[0] = 0x80000000u;
    else o[0] = (uint32_t)(x / y);
}

int main(void)
{
    printf("/* Generated by ref-mul.c: do not edit. */\n");
    emit("exp_muls", op_mul);
    emit("exp_mla", op_mla);
    emit("exp_mls", op_mls);
    emit("exp_umull", op_umull);
    emit("exp_smull", op_smull);
    emit("exp_umlal", op_umlal);
    emit("exp_smlal", op_smlal);
    emit("exp_umaal", op_umaal);
    emit("exp_umulls", op_umulls);
    emit("exp_smulbb", op_smulbb);
    emit("exp_smultb", op_smultb);
    emit("exp_smulbt", op_smulbt);
    emit("exp_smultt", op_smultt);
    emit("exp_smlabb", op_smlabb);
    emit("exp_smlatt", op_smlatt);
    emit("exp_smulwb", op_smulwb);
    emit("exp_smulwt", op_smulwt);
    emit("exp_smlawb", op_smlawb);
    emit("exp_smlalbb", op_smlalbb);
    emit("exp_smuad", op_smuad);
    emit("exp_smuadx", op_smuadx);
    emit("exp_smusd", op_smusd);
    emit("exp_smlad", op_smlad);
    emit("exp_smlsd", op_smlsd);
    emit("exp_smlald", op_smlald);
    emit("exp_smmul", op_smmul);
    emit("exp_smmulr", op_smmulr);
    emit("exp_smmla", op_smmla);
    emit("exp_smmls", op_smmls);
    emit("exp_smmlsr", op_smmlsr);
    emit("exp_udiv", op_udiv);
    emit("exp_sdiv", op_sdiv);
    return 0;
}
