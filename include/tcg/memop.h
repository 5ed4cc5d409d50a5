/*
 * memop.h: the descriptor of a guest memory access (size, sign, byte
 * order, alignment), and MemOpIdx which adds the MMU index.
 *
 * Frontends build MemOps with MO_TE (the target's byte order) so the
 * same translation works on any host; the backend swaps bytes when the
 * access's order differs from the host's.
 */
#ifndef TCG_MEMOP_H
#define TCG_MEMOP_H

#include <stdint.h>

typedef enum MemOp {
    MO_8 = 0,
    MO_16 = 1,
    MO_32 = 2,
    MO_64 = 3,
    MO_128 = 4,
    MO_SIZE = 7,

    MO_SIGN = 8,            /* sign-extend the loaded value */
    MO_BSWAP = 16,          /* byte order opposite to the host's */

    /* Alignment: 0 none, 1 natural, k >= 2 means 2^(k-1) bytes. */
    MO_ASHIFT = 5,
    MO_AMASK = 7 << 5,
    MO_UNALN = 0,
    MO_ALIGN = 1 << 5,
    MO_ALIGN_2 = 2 << 5,
    MO_ALIGN_4 = 3 << 5,
    MO_ALIGN_8 = 4 << 5,
    MO_ALIGN_16 = 5 << 5,
    MO_ALIGN_32 = 6 << 5,
    MO_ALIGN_64 = 7 << 5,

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    MO_LE = 0,
    MO_BE = MO_BSWAP,
#else
    MO_LE = MO_BSWAP,
    MO_BE = 0,
#endif

    MO_UB = MO_8,
    MO_UW = MO_16,
    MO_UL = MO_32,
    MO_UQ = MO_64,
    MO_SB = MO_SIGN | MO_8,
    MO_SW = MO_SIGN | MO_16,
    MO_SL = MO_SIGN | MO_32,
    MO_SQ = MO_SIGN | MO_64,
} MemOp;

/* A MemOp plus an MMU index (0..15), packed into a constant op argument. */
typedef uint32_t MemOpIdx;

static inline MemOpIdx make_memop_idx(MemOp op, unsigned idx)
{
    return ((uint32_t)op << 4) | (idx & 15);
}

static inline MemOp get_memop(MemOpIdx oi)
{
    return (MemOp)(oi >> 4);
}

static inline unsigned get_mmuidx(MemOpIdx oi)
{
    return oi & 15;
}

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

/* Required alignment in bytes (1 when unaligned accesses are allowed). */
static inline unsigned memop_alignment(MemOp op)
{
    unsigned a = (op & MO_AMASK) >> MO_ASHIFT;

    if (a == 0) {
        return 1;
    }
    return a == 1 ? memop_size(op) : 1u << (a - 1);
}

#endif
