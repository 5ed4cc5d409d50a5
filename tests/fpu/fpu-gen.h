/*
 * fpu-gen.h: operands for the soft-float tests: a seeded generator, the
 * hard classes of each format (zeros, subnormals, infinities, NaNs,
 * extreme normals, halfway patterns) and random values biased toward
 * the cases that break rounding: carries, ties, cancellation, products
 * and quotients near overflow and underflow.
 */
#ifndef TESTS_FPU_GEN_H
#define TESTS_FPU_GEN_H

#include <stdbool.h>
#include <stdint.h>
#include "fpu/softfloat.h"

static uint64_t rng_state = 0x5eed1234abcdull;

static uint64_t rnd(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* ---- operand generation --------------------------------------------- */

typedef struct {
    int exp_bits, frac_bits;
} Fmt;

static const Fmt fmt32 = { 8, 23 };
static const Fmt fmt64 = { 11, 52 };

static uint64_t mk(const Fmt *f, int sign, int64_t e, uint64_t frac)
{
    uint64_t emax = (1u << f->exp_bits) - 1;

    if (e < 0) {
        e = 0;
    } else if (e > (int64_t)emax) {
        e = emax;
    }
    frac &= (1ull << f->frac_bits) - 1;
    return (uint64_t)sign << (f->exp_bits + f->frac_bits)
        | (uint64_t)e << f->frac_bits | frac;
}

static int nspecials(const Fmt *f, uint64_t *v)
{
    uint64_t fm = (1ull << f->frac_bits) - 1, q = 1ull << (f->frac_bits - 1);
    int64_t emax = (1 << f->exp_bits) - 1, bias = emax / 2;
    int n = 0, s;

    for (s = 0; s < 2; s++) {
        v[n++] = mk(f, s, 0, 0);                  /* zero */
        v[n++] = mk(f, s, emax, 0);               /* infinity */
        v[n++] = mk(f, s, 0, 1);                  /* smallest subnormal */
        v[n++] = mk(f, s, 0, fm);                 /* largest subnormal */
        v[n++] = mk(f, s, 1, 0);                  /* smallest normal */
        v[n++] = mk(f, s, emax - 1, fm);          /* largest normal */
        v[n++] = mk(f, s, bias, 0);               /* 1.0 */
        v[n++] = mk(f, s, bias, 1);               /* 1 + ulp */
        v[n++] = mk(f, s, bias, q);               /* 1.5 */
        v[n++] = mk(f, s, bias - 1, fm);          /* 1 - ulp/2 */
        v[n++] = mk(f, s, 1, fm);                 /* 2 * min normal - ulp */
    }
    v[n++] = mk(f, 0, emax, q);                   /* default-like QNaN */
    v[n++] = mk(f, 1, emax, q | 0x15);            /* QNaN with payload */
    v[n++] = mk(f, 0, emax, 1);                   /* SNaN */
    v[n++] = mk(f, 1, emax, q - 3);               /* SNaN with payload */
    v[n++] = mk(f, 0, bias + f->frac_bits, 1);    /* large integer */
    v[n++] = mk(f, 0, bias + 30, 0);              /* 2^30 */
    v[n++] = mk(f, 1, bias + 31, 0);              /* -2^31 */
    v[n++] = mk(f, 0, bias + 63, 0);              /* 2^63 */
    return n;
}

static uint64_t rnd_frac(const Fmt *f)
{
    uint64_t fm = (1ull << f->frac_bits) - 1;

    switch (rnd() % 5) {
    case 0:
        return fm - rnd() % 4;                    /* all ones: carries */
    case 1:
        return (rnd() & fm) & ~(fm >> (rnd() % 8 + 1)); /* few bits */
    case 2:
        return rnd() % 4;                         /* near a power of two */
    default:
        return rnd() & fm;
    }
}

static uint64_t gen(const Fmt *f)
{
    uint64_t sp[40];
    int64_t emax = (1 << f->exp_bits) - 1, bias = emax / 2;
    int sign = rnd() & 1;

    switch (rnd() % 10) {
    case 0:
        return rnd() & ((2ull << (f->exp_bits + f->frac_bits)) - 1);
    case 1:
        return sp[rnd() % nspecials(f, sp)];
    case 2:
        return mk(f, sign, 0, rnd_frac(f) | 1);
    case 3:
        return mk(f, sign, emax - 1 - rnd() % 3, rnd_frac(f));
    case 4:
        return mk(f, sign, 1 + rnd() % 3, rnd_frac(f));
    case 5:
        return mk(f, sign, 1 + rnd() % (emax - 1), rnd_frac(f));
    default:
        return mk(f, sign, bias - 40 + rnd() % 80, rnd_frac(f));
    }
}

enum { K_ADD, K_MUL, K_DIV, K_UNARY, K_INT };

/* A second operand related to the first: cancellation, halfway cases,
 * products and quotients near overflow and underflow. */
static uint64_t gen_related(const Fmt *f, int kind, uint64_t a)
{
    int64_t emax = (1 << f->exp_bits) - 1, bias = emax / 2;
    int64_t ea = (a >> f->frac_bits) & emax;
    int64_t targets[5] = { bias, emax - 1, 1, 1 - f->frac_bits / 2, 0 };
    int64_t t = targets[rnd() % 5] + (int64_t)(rnd() % 5) - 2;
    int sign = rnd() & 1;

    switch (kind) {
    case K_ADD: {
        int64_t d = (int64_t)(rnd() % (f->frac_bits + 4)) - 1;
        uint64_t fr = a + (rnd() % 5) - 2;
        if (rnd() & 1) {
            d = 0;
        }
        return mk(f, sign, ea - d, fr);
    }
    case K_MUL:
        return mk(f, sign, t + bias - ea, rnd_frac(f));
    case K_DIV:
        return mk(f, sign, ea - t + bias, rnd_frac(f));
    default:
        return gen(f);
    }
}

static uint64_t gen_int(void)
{
    static const uint64_t edge[] = {
        0, 1, 0xffffffffffffffffull, 0x7fffffff, 0x80000000,
        0x7fffffffffffffffull, 0x8000000000000000ull, (1ull << 53) + 1,
        (1ull << 24) + 1, 0xffffffff, (1ull << 63) + 1,
    };

    switch (rnd() % 4) {
    case 0:
        return edge[rnd() % (sizeof(edge) / sizeof(edge[0]))];
    case 1:
        return (uint64_t)(int64_t)(int32_t)rnd();
    case 2:
        return rnd() >> (rnd() % 64);
    default:
        return rnd();
    }
}

/* ---- x87 80-bit operands --------------------------------------------- */

static floatx80 x80(int sign, int64_t e, uint64_t sig)
{
    if (e < 0) {
        e = 0;
    } else if (e > 0x7fff) {
        e = 0x7fff;
    }
    return make_floatx80((uint16_t)(sign << 15 | e), sig);
}

#define X80_BIAS 16383
#define INT_BIT (1ull << 63)

static int x80_specials(floatx80 *v)
{
    int n = 0, s;

    for (s = 0; s < 2; s++) {
        v[n++] = x80(s, 0, 0);                          /* zero */
        v[n++] = x80(s, 0x7fff, INT_BIT);               /* infinity */
        v[n++] = x80(s, 0, 1);                          /* min denormal */
        v[n++] = x80(s, 0, INT_BIT - 1);                /* max denormal */
        v[n++] = x80(s, 1, INT_BIT);                    /* min normal */
        v[n++] = x80(s, 0x7ffe, ~0ull);                 /* max normal */
        v[n++] = x80(s, X80_BIAS, INT_BIT);             /* 1.0 */
        v[n++] = x80(s, X80_BIAS, INT_BIT | 1);         /* 1 + ulp */
        v[n++] = x80(s, X80_BIAS, INT_BIT | 1ull << 39); /* 1 + 2^-24 */
        v[n++] = x80(s, X80_BIAS, INT_BIT | 1ull << 10); /* 1 + 2^-53 */
    }
    v[n++] = x80(0, 0x7fff, 0xc000000000000000ull);     /* QNaN */
    v[n++] = x80(1, 0x7fff, 0xc000000000001234ull);     /* QNaN payload */
    v[n++] = x80(0, 0x7fff, INT_BIT | 1);               /* SNaN */
    v[n++] = x80(1, 0x7fff, INT_BIT | 0x4321);          /* SNaN payload */
    v[n++] = x80(0, X80_BIAS + 62, INT_BIT | 1);        /* big integer */
    v[n++] = x80(1, X80_BIAS + 15, INT_BIT);            /* -32768 */
    v[n++] = x80(0, X80_BIAS + 31, INT_BIT);            /* 2^31 */
    v[n++] = x80(0, X80_BIAS - 1, INT_BIT);             /* 0.5 */
    v[n++] = x80(0, 0, INT_BIT | 5);                    /* pseudo-denormal */
    v[n++] = x80(1, 0, INT_BIT);                        /* pseudo-denormal */
    v[n++] = x80(0, X80_BIAS, INT_BIT >> 1);            /* unnormal */
    v[n++] = x80(0, 0x7fff, 1ull << 62);                /* pseudo-NaN */
    v[n++] = x80(1, 0x7fff, 0);                         /* pseudo-infinity */
    return n;
}

static uint64_t x80_sig(void)
{
    uint64_t r = rnd();

    switch (rnd() % 6) {
    case 0:
        return INT_BIT | (~0ull >> 1) >> (rnd() % 4);   /* all ones */
    case 1:
        return INT_BIT | (r & ~(~0ull >> (rnd() % 60 + 2))); /* few bits */
    case 2:
        /* exactly halfway at 24 or 53 bits */
        return (r & ~0ull << (rnd() & 1 ? 40 : 11))
            | (rnd() & 1 ? 1ull << 39 : 1ull << 10) | INT_BIT;
    default:
        return r | INT_BIT;
    }
}

static floatx80 gen_x80(void)
{
    floatx80 sp[40];
    int sign = rnd() & 1;

    switch (rnd() % 11) {
    case 0:
        return sp[rnd() % x80_specials(sp)];
    case 1:
        return x80(sign, 0, rnd() >> (rnd() % 63 + 1));   /* denormal */
    case 10:
        /* any encoding, unnormals and pseudo-denormals included */
        return make_floatx80((uint16_t)rnd(), rnd());
    case 2:
        return x80(sign, 0x7ffe - rnd() % 3, x80_sig());
    case 3:
        return x80(sign, 1 + rnd() % 3, x80_sig());
    case 4:
        return x80(sign, 1 + rnd() % 0x7ffe, x80_sig());
    default:
        return x80(sign, X80_BIAS - 40 + rnd() % 80, x80_sig());
    }
}

static floatx80 gen_x80_related(int kind, floatx80 a)
{
    int64_t ea = a.high & 0x7fff;
    int64_t targets[4] = { X80_BIAS, 0x7ffe, 1, -30 };
    int64_t t = targets[rnd() % 4] + (int64_t)(rnd() % 5) - 2;
    int sign = rnd() & 1;

    switch (kind) {
    case K_ADD:
        return x80(sign, ea - (rnd() & 1 ? 0 : rnd() % 70),
                   a.low + rnd() % 5 - 2);
    case K_MUL:
        return x80(sign, t + X80_BIAS - ea, x80_sig());
    case K_DIV:
        return x80(sign, ea - t + X80_BIAS, x80_sig());
    default:
        return gen_x80();
    }
}

#endif
