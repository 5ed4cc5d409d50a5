/*
 * tests/tcg/arm/fvals.h: floating-point inputs (bit patterns) shared by
 * test-vfp.c and ref-vfp.c.  No NaNs: the reference model runs on the
 * host FPU, whose NaN rules differ; NaN handling is tested by hand.
 */
#ifndef ARM_FVALS_H
#define ARM_FVALS_H

#include <stdint.h>

static const uint32_t fvals[] = {
    0x00000000, /* +0 */          0x80000000, /* -0 */
    0x3f800000, /* 1 */           0xbf800000, /* -1 */
    0x3fc00000, /* 1.5 */         0x40400000, /* 3 */
    0x3dcccccd, /* 0.1 */         0x3eaaaaab, /* 1/3 */
    0x4b800001, /* 2^24 + 2 */    0x7149f2ca, /* 1e30 */
    0xf149f2ca, /* -1e30 */       0x7f7fffff, /* FLT_MAX */
    0x00800000, /* FLT_MIN */     0x00400000, /* denormal 2^-127 */
    0x80000001, /* -smallest denormal */
    0x7f800000, /* +inf */        0xff800000, /* -inf */
    0xc0e00000, /* -7 */          0x4f000000, /* 2^31 */
    0xcf000000, /* -2^31 */       0x4f800000, /* 2^32 */
    0x3f000000, /* 0.5 */         0xbfc00000, /* -1.5 */
    0x40200000, /* 2.5 */
};
#define NFVALS ((int)(sizeof(fvals) / sizeof(fvals[0])))

static const uint64_t dvals[] = {
    0x0000000000000000ull, /* +0 */    0x8000000000000000ull, /* -0 */
    0x3ff0000000000000ull, /* 1 */     0xbff8000000000000ull, /* -1.5 */
    0x3fb999999999999aull, /* 0.1 */   0x3fd5555555555555ull, /* 1/3 */
    0x7fefffffffffffffull, /* DBL_MAX */
    0x0010000000000000ull, /* DBL_MIN */
    0x0008000000000000ull, /* denormal */
    0x7ff0000000000000ull, /* +inf */  0xfff0000000000000ull, /* -inf */
    0x4340000000000001ull, /* 2^53 + 2 */
    0x36a0000000000000ull, /* 2^-149: rounds to the smallest float denormal */
    0x47efffffe0000000ull, /* FLT_MAX + 1/2 ulp: float overflow boundary */
    0x3ff0000010000000ull, /* 1 + 2^-24: a float tie */
    0xc1e0000000200000ull, /* -2^31 - 1: below INT32_MIN */
};
#define NDVALS ((int)(sizeof(dvals) / sizeof(dvals[0])))

/* FPSCR.RMode values, in the order the tests walk them. */
static const uint32_t rmodes[4] = { 0, 1, 2, 3 };    /* RN RP RM RZ */

#endif
