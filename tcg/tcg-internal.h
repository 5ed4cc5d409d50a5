/*
 * tcg-internal.h: what the files of tcg/ share and frontends don't see.
 */
#ifndef TCG_INTERNAL_H
#define TCG_INTERNAL_H

#include "tcg/tcg.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * Bit sets of temps (bit i stands for s->temps[i]), as the register
 * allocator and liveness keep them.  temp_word_mask: the bits of word w
 * that stand for temps [lo, hi).
 */
static inline uint64_t temp_word_mask(int w, int lo, int hi)
{
    uint64_t m = UINT64_MAX;

    if (lo > w * 64) {
        m &= lo - w * 64 >= 64 ? 0 : UINT64_MAX << (lo - w * 64);
    }
    if (hi < w * 64 + 64) {
        m &= hi <= w * 64 ? 0 : UINT64_MAX >> (w * 64 + 64 - hi);
    }
    return m;
}

/*
 * For each index i in [lo, hi) whose bit is set in the uint64_t array
 * set, in increasing order.  Each word is read before its bits are
 * visited, so the body may clear bits of set.  No break in the body.
 */
#define TEMP_BITS_FOREACH(i, set, lo, hi)                                  \
    for (int w_ = (lo) / 64; w_ * 64 < (hi); w_++)                         \
        for (uint64_t b_ = (set)[w_] & temp_word_mask(w_, (lo), (hi));     \
             b_ && ((i) = w_ * 64 + __builtin_ctzll(b_), 1); b_ &= b_ - 1)

/* Clear the bits of [lo, hi) in set. */
static inline void temp_bits_clear(uint64_t *set, int lo, int hi)
{
    for (int w = lo / 64; w * 64 < hi; w++) {
        set[w] &= ~temp_word_mask(w, lo, hi);
    }
}

/* Print the op list to the log with a heading (-d op, -d op_opt). */
void tcg_log_ops(TCGContext *s, const char *heading);

#endif
