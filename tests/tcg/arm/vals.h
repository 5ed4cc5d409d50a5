/*
 * tests/tcg/arm/vals.h: input tables shared by the guest tests and the
 * native reference models (ref-*.c), so both walk the same cases in the
 * same order.
 */
#ifndef ARM_VALS_H
#define ARM_VALS_H

#include <stdint.h>

/* 32-bit corner values: zero, one, the signed and unsigned limits and
 * their neighbours, and a few mixed patterns. */
static const uint32_t vals[] = {
    0x00000000, 0x00000001, 0x00000002, 0x7ffffffe, 0x7fffffff,
    0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678,
    0xedcba987, 0x0000ffff, 0xffff0000, 0x55555555, 0x00008000,
    0x00007fff,
};
#define NVALS ((int)(sizeof(vals) / sizeof(vals[0])))

/* Register shift counts: only the bottom byte counts, so 256 acts as 0. */
static const uint32_t shift_counts[] = {
    0, 1, 2, 31, 32, 33, 255, 256, 257,
};
#define NSHIFTS ((int)(sizeof(shift_counts) / sizeof(shift_counts[0])))

/* Bitfield (lsb, width) pairs for bfi/bfc/sbfx/ubfx: immediates, so a
 * macro list that both sides expand. */
#define BF_LIST(X) X(0, 1) X(0, 32) X(4, 8) X(31, 1) X(8, 16) X(16, 16) \
    X(1, 31) X(3, 5)

#endif
