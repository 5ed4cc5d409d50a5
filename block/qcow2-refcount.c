/*
 * qcow2-refcount.c: refcount table / refcount blocks, cluster allocation
 * and the consistency check.
 *
 * Crash safety: a refcount is increased (and written) before anything
 * refers to the cluster, and decreased only after the last reference is
 * gone, so an interrupted update can only leak clusters.  New refcount
 * blocks describe themselves; a grown refcount table is written complete
 * in fresh clusters before the header is switched to it in one write.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcow2.h"

/* Power-failure ordering applies to all cache modes but unsafe. */
static bool power_safe(BlockDriverState *bs)
{
    return !(bs->open_flags & BDRV_O_NO_FLUSH);
}

uint64_t qcow2_get_refcount_entry(const uint8_t *block, int order,
                                  uint64_t i)
{
    switch (order) {
    case 0:
        return (block[i / 8] >> (i % 8)) & 1;
    case 1:
        return (block[i / 4] >> (2 * (i % 4))) & 3;
    case 2:
        return (block[i / 2] >> (4 * (i % 2))) & 15;
    case 3:
        return block[i];
    case 4:
        return qcow2_be16(block + 2 * i);
    case 5:
        return qcow2_be32(block + 4 * i);
    default:
        return qcow2_be64(block + 8 * i);
    }
}

void qcow2_set_refcount_entry(uint8_t *block, int order, uint64_t i,
                              uint64_t v)
{
    int shift;

    switch (order) {
    case 0:
    case 1:
    case 2: {
        int bits = 1 << order;
        int per = 8 / bits;
        uint8_t mask = (1 << bits) - 1;
        shift = bits * (i % per);
        block[i / per] = (block[i / per] & ~(mask << shift)) |
                         ((v & mask) << shift);
        break;
    }
    case 3:
        block[i] = v;
        break;
    case 4:
        qcow2_st16(block + 2 * i, v);
        break;
    case 5:
        qcow2_st32(block + 4 * i, v);
        break;
    default:
        qcow2_st64(block + 8 * i, v);
        break;
    }
}

/* Byte range of a refcount block holding entries [first, last]. */
static void entry_bytes(int order, uint64_t first, uint64_t last,
                        uint64_t *lo, uint64_t *hi)
{
    *lo = (first << order) / 8;
    *hi = ((last << order) + (1u << order) + 7) / 8;
}

int qcow2_refcount_init(BlockDriverState *bs, char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t bytes = (uint64_t)s->refcount_table_clusters << s->cluster_bits;
    int64_t flen = bdrv_getlength(bs->file);
    uint8_t *buf;
    uint64_t i;
    int ret;

    if (bytes == 0 || bytes > QCOW2_MAX_RT_BYTES) {
        snprintf(err, errlen, "Reference count table too large");
        return -EINVAL;
    }
    if ((s->refcount_table_offset & (s->cluster_size - 1)) ||
        s->refcount_table_offset == 0 ||
        (flen >= 0 && s->refcount_table_offset + bytes > (uint64_t)flen)) {
        snprintf(err, errlen, "Reference count table offset invalid");
        return -EINVAL;
    }
    s->refcount_table_size = bytes / 8;
    s->refcount_table = malloc(bytes);
    buf = malloc(bytes);
    if (!s->refcount_table || !buf) {
        free(buf);
        snprintf(err, errlen, "Could not allocate refcount table");
        return -ENOMEM;
    }
    ret = bdrv_pread(bs->file, s->refcount_table_offset, buf, bytes);
    if (ret < 0) {
        free(buf);
        snprintf(err, errlen, "Could not read refcount table: %s",
                 strerror(-ret));
        return ret;
    }
    for (i = 0; i < s->refcount_table_size; i++) {
        s->refcount_table[i] = qcow2_be64(buf + 8 * i);
    }
    free(buf);
    return 0;
}

/* The refcount block covering cluster index c, or NULL (not allocated). */
static uint8_t *refblock_for(BlockDriverState *bs, uint64_t c, int *err)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t rt_i = c >> s->refblock_bits;
    uint64_t off;
    uint8_t *blk;

    *err = 0;
    if (rt_i >= s->refcount_table_size) {
        return NULL;
    }
    off = s->refcount_table[rt_i] & REFT_OFFSET_MASK;
    if (off == 0) {
        return NULL;
    }
    if (off & (s->cluster_size - 1)) {
        *err = -EIO;
        return NULL;
    }
    blk = qcow2_cache_get(bs, &s->rb_cache, off, true);
    if (!blk) {
        *err = -EIO;
    }
    return blk;
}

int qcow2_get_refcount(BlockDriverState *bs, uint64_t c, uint64_t *refcount)
{
    BDRVQcow2State *s = bs->opaque;
    int err;
    uint8_t *blk = refblock_for(bs, c, &err);

    if (!blk) {
        *refcount = 0;
        return err;
    }
    *refcount = qcow2_get_refcount_entry(blk, s->refcount_order,
                                         c & ((1ULL << s->refblock_bits) - 1));
    return 0;
}

int qcow2_update_refcount(BlockDriverState *bs, uint64_t offset,
                          uint64_t length, int64_t delta)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t first, last, c;
    uint64_t per = 1ULL << s->refblock_bits;
    uint8_t *blk = NULL;
    uint64_t blk_off = 0, dlo = 0, dhi = 0;
    bool dirty = false;
    int ret = 0;

    if (length == 0) {
        return 0;
    }
    first = offset >> s->cluster_bits;
    last = (offset + length - 1) >> s->cluster_bits;
    for (c = first; c <= last; c++) {
        uint64_t idx = c & (per - 1);
        uint64_t v, nv, lo, hi;
        uint64_t this_off;
        int err;

        if (!blk || idx == 0) {
            if (dirty) {
                ret = bdrv_pwrite(bs->file, blk_off + dlo, blk + dlo,
                                  dhi - dlo);
                if (ret < 0) {
                    return ret;
                }
                dirty = false;
            }
            blk = refblock_for(bs, c, &err);
            if (!blk) {
                return err ? err : -EIO;    /* no refcount block there */
            }
            blk_off = s->refcount_table[c >> s->refblock_bits] &
                      REFT_OFFSET_MASK;
        }
        this_off = blk_off;
        v = qcow2_get_refcount_entry(blk, s->refcount_order, idx);
        if (delta < 0 && v < (uint64_t)(-delta)) {
            return -EIO;
        }
        nv = v + delta;
        if (delta > 0 && (nv > s->refcount_max || nv < v)) {
            return -ERANGE;
        }
        qcow2_set_refcount_entry(blk, s->refcount_order, idx, nv);
        entry_bytes(s->refcount_order, idx, idx, &lo, &hi);
        if (!dirty) {
            dlo = lo;
            dhi = hi;
            dirty = true;
        } else {
            dlo = lo < dlo ? lo : dlo;
            dhi = hi > dhi ? hi : dhi;
        }
        (void)this_off;
        if (nv == 0 && c < s->free_cluster_index) {
            s->free_cluster_index = c;
        }
    }
    if (dirty) {
        ret = bdrv_pwrite(bs->file, blk_off + dlo, blk + dlo, dhi - dlo);
    }
    return ret;
}

/*
 * Grow the refcount table so that it has an entry need_i.  The new table
 * and one refcount block describing it go into range need_i, which is not
 * covered yet and therefore entirely free.
 */
static int grow_refcount_table(BlockDriverState *bs, uint64_t need_i)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t per_cluster = s->cluster_size / 8;
    uint64_t entries = s->refcount_table_size * 2;
    uint64_t k, i, base, old_off, old_clusters;
    uint64_t *nt;
    uint8_t *buf;
    uint8_t hdr[12];
    int ret;

    if (entries < need_i + 1) {
        entries = need_i + 1;
    }
    entries = qcow2_align_up(entries, per_cluster);
    k = entries / per_cluster;
    if (entries * 8 > QCOW2_MAX_RT_BYTES ||
        k + 1 > (1ULL << s->refblock_bits)) {
        return -EFBIG;
    }
    base = need_i << s->refblock_bits;
    buf = calloc(k + 1, s->cluster_size);
    nt = calloc(entries, 8);
    if (!buf || !nt) {
        free(buf);
        free(nt);
        return -ENOMEM;
    }
    for (i = 0; i <= k; i++) {
        qcow2_set_refcount_entry(buf, s->refcount_order, i, 1);
    }
    memcpy(nt, s->refcount_table, s->refcount_table_size * 8);
    nt[need_i] = base << s->cluster_bits;
    for (i = 0; i < entries; i++) {
        qcow2_st64(buf + s->cluster_size + 8 * i, nt[i]);
    }
    qcow2_cache_drop(&s->rb_cache, base << s->cluster_bits);
    ret = bdrv_pwrite(bs->file, base << s->cluster_bits, buf,
                      (k + 1) * s->cluster_size);
    free(buf);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        free(nt);
        return ret;
    }
    qcow2_st64(hdr, (base + 1) << s->cluster_bits);
    qcow2_st32(hdr + 8, k);
    ret = qcow2_write_header_field(bs, 48, hdr, 12);
    if (ret < 0) {
        free(nt);
        return ret;
    }
    old_off = s->refcount_table_offset;
    old_clusters = s->refcount_table_clusters;
    free(s->refcount_table);
    s->refcount_table = nt;
    s->refcount_table_size = entries;
    s->refcount_table_offset = (base + 1) << s->cluster_bits;
    s->refcount_table_clusters = k;
    qcow2_free_clusters(bs, old_off, old_clusters << s->cluster_bits);
    return 0;
}

static bool range_covered(BDRVQcow2State *s, uint64_t r)
{
    return r < s->refcount_table_size &&
           (s->refcount_table[r] & REFT_OFFSET_MASK) != 0;
}

/* Free = refcount 0; clusters in ranges without a refcount block are. */
static int cluster_free(BlockDriverState *bs, uint64_t c, bool *is_free)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t rc;
    int ret;

    if (!range_covered(s, c >> s->refblock_bits)) {
        *is_free = true;
        return 0;
    }
    ret = qcow2_get_refcount(bs, c, &rc);
    *is_free = rc == 0;
    return ret;
}

/* Ranges in [first, last] (cluster indexes) without a refcount block. */
static uint64_t uncovered_ranges(BDRVQcow2State *s, uint64_t first,
                                 uint64_t last)
{
    uint64_t r, n = 0;

    for (r = first >> s->refblock_bits; r <= last >> s->refblock_bits; r++) {
        n += !range_covered(s, r);
    }
    return n;
}

/*
 * Give the clusters [start, start+n) refcount 1.  Ranges that have no
 * refcount block yet get one, placed right after the run at
 * [start+n, start+n+m) (the caller checked those are free).  Order:
 * increments in ranges that have a block; then the new blocks, complete
 * (counting the run and themselves); then, after a sync, all their
 * refcount table entries in one write -- a new block may live in another
 * new block's range, so they must appear together.
 */
static int commit_run(BlockDriverState *bs, uint64_t start, uint64_t n,
                      uint64_t m)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t per = 1ULL << s->refblock_bits;
    uint64_t end = start + n + m, r, c, j = 0;
    uint64_t r0 = start >> s->refblock_bits, r1 = (end - 1) >> s->refblock_bits;
    uint64_t first_new = UINT64_MAX, last_new = 0;
    uint8_t *buf, *be;
    int ret;

    /* 1. plain increments where a block exists */
    for (c = start; c < end;) {
        uint64_t r2 = c >> s->refblock_bits;
        uint64_t rend = (r2 + 1) * per < end ? (r2 + 1) * per : end;

        if (range_covered(s, r2)) {
            ret = qcow2_update_refcount(bs, c << s->cluster_bits,
                                        (rend - c) << s->cluster_bits, 1);
            if (ret < 0) {
                return ret;
            }
        }
        c = rend;
    }
    if (m == 0) {
        return 0;
    }
    /* 2. the new blocks */
    buf = malloc(s->cluster_size);
    if (!buf) {
        return -ENOMEM;
    }
    for (r = r0; r <= r1; r++) {
        uint64_t pos;

        if (range_covered(s, r)) {
            continue;
        }
        pos = start + n + j++;
        memset(buf, 0, s->cluster_size);
        for (c = r * per; c < (r + 1) * per; c++) {
            if (c >= start && c < end) {
                qcow2_set_refcount_entry(buf, s->refcount_order, c - r * per,
                                         1);
            }
        }
        qcow2_cache_drop(&s->rb_cache, pos << s->cluster_bits);
        ret = bdrv_pwrite(bs->file, pos << s->cluster_bits, buf,
                          s->cluster_size);
        if (ret < 0) {
            free(buf);
            return ret;
        }
        first_new = r < first_new ? r : first_new;
        last_new = r;
    }
    free(buf);
    if (power_safe(bs)) {
        ret = bdrv_flush(bs->file);     /* blocks before the pointers */
        if (ret < 0) {
            return ret;
        }
    }
    /* 3. link them all at once */
    j = 0;
    for (r = r0; r <= r1; r++) {
        if (!range_covered(s, r)) {
            s->refcount_table[r] = (start + n + j++) << s->cluster_bits;
        }
    }
    be = malloc((last_new - first_new + 1) * 8);
    if (!be) {
        return -ENOMEM;
    }
    for (r = first_new; r <= last_new; r++) {
        qcow2_st64(be + 8 * (r - first_new), s->refcount_table[r]);
    }
    ret = bdrv_pwrite(bs->file, s->refcount_table_offset + 8 * first_new, be,
                      (last_new - first_new + 1) * 8);
    free(be);
    return ret;
}

static int64_t alloc_raw(BlockDriverState *bs, uint64_t n)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t limit = QCOW2_MAX_SIZE >> s->cluster_bits;
    int64_t flen = bdrv_getlength(bs->file);
    uint64_t idx, start = 0, run, first_free, m, scan_limit;
    int ret, restarts = 0;
    bool is_free;

    if (n == 0 || n > (1ULL << 30)) {
        return -EINVAL;
    }
    /*
     * Clusters past the end of the file can only be in use after a crash
     * between a refcount update and the data write: a few of them.  A long
     * run of used clusters there means broken refcounts; don't scan on.
     */
    scan_limit = (flen > 0 ? (uint64_t)flen >> s->cluster_bits : 0) + 2 * n +
                 (1ULL << 20);
    if (scan_limit < limit) {
        limit = scan_limit;
    }
restart:
    idx = s->free_cluster_index;
    run = 0;
    first_free = UINT64_MAX;
    for (;;) {
        uint64_t k, last_range;

        if (idx >= limit) {
            return -EFBIG;
        }
        ret = cluster_free(bs, idx, &is_free);
        if (ret < 0) {
            return ret;
        }
        idx++;
        if (!is_free) {
            run = 0;
            continue;
        }
        if (first_free == UINT64_MAX) {
            first_free = idx - 1;
        }
        if (run++ == 0) {
            start = idx - 1;
        }
        if (run < n) {
            continue;
        }
        /* How many new refcount blocks, placed after the run? */
        m = 0;
        for (k = 0; k < 8; k++) {
            uint64_t need = uncovered_ranges(s, start, start + n + m - 1);
            if (need == m) {
                break;
            }
            m = need;
        }
        for (k = 0; k < m; k++) {
            ret = cluster_free(bs, start + n + k, &is_free);
            if (ret < 0) {
                return ret;
            }
            if (!is_free) {
                break;
            }
        }
        if (k < m) {
            run = 0;
            idx = start + n + k + 1;
            continue;
        }
        last_range = (start + n + m - 1) >> s->refblock_bits;
        if (last_range >= s->refcount_table_size) {
            if (++restarts > 8) {
                return -EFBIG;
            }
            ret = grow_refcount_table(bs, last_range);
            if (ret < 0) {
                return ret;
            }
            goto restart;
        }
        break;
    }
    ret = commit_run(bs, start, n, m);
    if (ret < 0) {
        return ret;
    }
    s->free_cluster_index = (first_free == start) ? start + n + m : first_free;
    return (int64_t)(start << s->cluster_bits);
}

/*
 * Power-failure ordering (all cache modes but unsafe):
 *  - clusters are handed out from a reserved pool whose refcounts were
 *    made durable (fdatasync) when it was reserved, so no reference can
 *    reach the disk before the refcount it needs;
 *  - decrements are queued and applied only after the next fdatasync, so
 *    they reach the disk after the reference removal they follow;
 *  - leftovers of both are at most leaks.
 */
#define QCOW2_MAX_PENDING 4096

static void queue_decrement(BlockDriverState *bs, uint64_t off, uint64_t len,
                            uint64_t count)
{
    BDRVQcow2State *s = bs->opaque;

    if (s->n_pending == QCOW2_MAX_PENDING) {
        qcow2_apply_pending(bs);
    }
    if (!s->pending) {
        s->pending = calloc(QCOW2_MAX_PENDING, sizeof(*s->pending));
        if (!s->pending) {
            return;             /* a leak, nothing worse */
        }
    }
    s->pending[s->n_pending].off = off;
    s->pending[s->n_pending].len = len;
    s->pending[s->n_pending].count = count;
    s->n_pending++;
}

int qcow2_apply_pending(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    size_t i, n = s->n_pending;
    int ret;

    if (n == 0) {
        return 0;
    }
    ret = bdrv_flush(bs->file);     /* the reference removals first */
    if (ret < 0) {
        return ret;
    }
    s->n_pending = 0;
    for (i = 0; i < n; i++) {
        /* A failure only leaks clusters (check -r leaks). */
        qcow2_update_refcount(bs, s->pending[i].off, s->pending[i].len,
                              -(int64_t)s->pending[i].count);
    }
    return 0;
}

/* Give back the reserved pool and the compressed-cluster slots. */
void qcow2_release_reservations(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    if (s->pool_len) {
        queue_decrement(bs, s->pool_start << s->cluster_bits,
                        s->pool_len << s->cluster_bits, 1);
        s->pool_len = 0;
    }
    if (s->cslots) {
        queue_decrement(bs, s->cslot_cluster << s->cluster_bits, 1,
                        s->cslots);
        s->cslots = 0;
    }
    s->free_byte_offset = 0;
}

int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t n)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t want, batch;
    int64_t off;
    int ret;

    if (!power_safe(bs)) {
        return alloc_raw(bs, n);
    }
    if (n <= s->pool_len) {
        off = s->pool_start << s->cluster_bits;
        s->pool_start += n;
        s->pool_len -= n;
        return off;
    }
    if (s->pool_len) {
        queue_decrement(bs, s->pool_start << s->cluster_bits,
                        s->pool_len << s->cluster_bits, 1);
        s->pool_len = 0;
    }
    /* ~8 MiB per reservation, more for big sequential requests. */
    batch = (8 * 1024 * 1024) >> s->cluster_bits;
    batch = batch < 16 ? 16 : batch > 1024 ? 1024 : batch;
    want = 4 * n > batch ? 4 * n : batch;
    if (want > 4096 && want > n) {
        want = n > 4096 ? n : 4096;
    }
    off = alloc_raw(bs, want);
    if (off < 0 && want > n) {
        want = n;
        off = alloc_raw(bs, n);
    }
    if (off < 0) {
        return off;
    }
    ret = bdrv_flush(bs->file);     /* refcounts durable before any use */
    if (ret < 0) {
        return ret;
    }
    s->pool_start = ((uint64_t)off >> s->cluster_bits) + n;
    s->pool_len = want - n;
    return off;
}

int64_t qcow2_alloc_bytes(BlockDriverState *bs, uint64_t len)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off = s->free_byte_offset;
    uint64_t in = off & (s->cluster_size - 1);
    uint64_t rc = UINT64_MAX;
    int64_t noff;
    int ret;

    if (len > (uint64_t)s->cluster_size) {
        return -EINVAL;
    }
    if (power_safe(bs)) {
        /*
         * A new host cluster gets, up front and durably, one reference
         * per 512-byte slot it could hold; each compressed cluster placed
         * in it takes a slot; unused slots are given back (deferred).
         */
        if (off != 0 && in != 0 && in + len <= (uint64_t)s->cluster_size &&
            s->cslots > 0 && (off >> s->cluster_bits) == s->cslot_cluster) {
            s->cslots--;
        } else {
            uint64_t slots = s->cluster_size / 512;
            if (slots > s->refcount_max) {
                slots = s->refcount_max;
            }
            if (s->cslots) {
                queue_decrement(bs, s->cslot_cluster << s->cluster_bits, 1,
                                s->cslots);
                s->cslots = 0;
            }
            noff = qcow2_alloc_clusters(bs, 1);
            if (noff < 0) {
                return noff;
            }
            off = noff;
            if (slots > 1) {
                ret = qcow2_update_refcount(bs, off, 1, slots - 1);
                if (ret == 0) {
                    ret = bdrv_flush(bs->file);
                }
                if (ret < 0) {
                    return ret;
                }
            }
            s->cslot_cluster = off >> s->cluster_bits;
            s->cslots = slots - 1;
        }
    } else {
        if (off != 0 && in != 0) {
            qcow2_get_refcount(bs, off >> s->cluster_bits, &rc);
        }
        if (off != 0 && in != 0 && in + len <= (uint64_t)s->cluster_size &&
            rc < s->refcount_max) {
            ret = qcow2_update_refcount(bs, off, 1, 1);
            if (ret < 0) {
                return ret;
            }
        } else {
            noff = qcow2_alloc_clusters(bs, 1);
            if (noff < 0) {
                return noff;
            }
            off = noff;
        }
    }
    s->free_byte_offset = qcow2_align_up(off + len, 512);
    if ((s->free_byte_offset & (s->cluster_size - 1)) == 0) {
        s->free_byte_offset = 0;
    }
    return off;
}

void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset,
                         uint64_t length)
{
    if (power_safe(bs)) {
        queue_decrement(bs, offset, length, 1);
        return;
    }
    /* A failure here only leaks clusters, which check -r leaks repairs. */
    qcow2_update_refcount(bs, offset, length, -1);
}

void qcow2_free_entry(BlockDriverState *bs, uint64_t l2e)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off, len;

    switch (qcow2_entry_type(s, l2e)) {
    case QCOW2_CLUSTER_NORMAL:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        qcow2_free_clusters(bs, l2e & L2E_OFFSET_MASK, s->cluster_size);
        break;
    case QCOW2_CLUSTER_COMPRESSED:
        qcow2_compressed_range(s, l2e, &off, &len);
        if (s->free_byte_offset &&
            (s->free_byte_offset >> s->cluster_bits) ==
            ((off + len - 1) >> s->cluster_bits)) {
            /* Don't keep appending to a cluster that may become free. */
            s->free_byte_offset = 0;
            if (s->cslots) {
                queue_decrement(bs, s->cslot_cluster << s->cluster_bits, 1,
                                s->cslots);
                s->cslots = 0;
            }
        }
        qcow2_free_clusters(bs, off, len);
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------------- */
/* Consistency check                                                       */

typedef struct CheckState {
    uint32_t *ref;              /* computed references per cluster */
    uint64_t nb;
    uint64_t next_contiguous;   /* fragmentation statistics */
    BdrvCheckResult *res;
} CheckState;

static void check_inc(BlockDriverState *bs, CheckState *cs, uint64_t off,
                      uint64_t len, const char *what)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t c, last;

    if (len == 0) {
        return;
    }
    last = (off + len - 1) >> s->cluster_bits;
    for (c = off >> s->cluster_bits; c <= last; c++) {
        if (c >= cs->nb) {
            fprintf(stderr, "ERROR %s offset=%" PRIx64 " is beyond the end "
                    "of the image file\n", what, c << s->cluster_bits);
            cs->res->corruptions++;
            return;
        }
        if (cs->ref[c] < UINT32_MAX) {
            cs->ref[c]++;
        }
    }
}

/* Walk one L1 table; active marks the image's current L1 (COPIED check). */
/* Drop a broken entry of the active L1 table (check -r all). */
static bool check_fix_l1(BlockDriverState *bs, CheckState *cs, uint64_t i,
                         bool active, int fix)
{
    BDRVQcow2State *s = bs->opaque;

    if (!active || !(fix & BDRV_FIX_ERRORS) || i >= s->l1_size) {
        cs->res->corruptions++;
        return false;
    }
    s->l1_table[i] = 0;
    if (qcow2_write_l1_entry(bs, i) < 0) {
        cs->res->corruptions++;
        return false;
    }
    fprintf(stderr, "Repairing: L1 entry %" PRIu64 " dropped\n", i);
    cs->res->corruptions_fixed++;
    return true;
}

/* Is an L2 entry's target inside the file and aligned? */
static const char *check_l2_entry(BDRVQcow2State *s, CheckState *cs,
                                  uint64_t l2e)
{
    uint64_t off, len;

    switch (qcow2_entry_type(s, l2e)) {
    case QCOW2_CLUSTER_COMPRESSED:
        qcow2_compressed_range(s, l2e, &off, &len);
        if (((off + len - 1) >> s->cluster_bits) >= cs->nb) {
            return "compressed data beyond the end of the image file";
        }
        return NULL;
    case QCOW2_CLUSTER_NORMAL:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        off = l2e & L2E_OFFSET_MASK;
        if (off & (s->cluster_size - 1)) {
            return "Cluster is not properly aligned; L2 entry corrupted";
        }
        if ((off >> s->cluster_bits) >= cs->nb) {
            return "data cluster beyond the end of the image file";
        }
        return NULL;
    default:
        return NULL;
    }
}

/* Walk one L1 table; active marks the image's current L1 (COPIED check). */
static int check_l1(BlockDriverState *bs, CheckState *cs, uint64_t l1_off,
                    uint32_t l1_size, bool active, int fix)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *l1raw, *l2raw, *seen;
    uint64_t i, j;
    int ret = 0;

    if (l1_size == 0) {
        return 0;
    }
    if ((uint64_t)l1_size * 8 > QCOW2_MAX_L1_BYTES ||
        (l1_off & (s->cluster_size - 1))) {
        fprintf(stderr, "ERROR L1 table offset or size invalid\n");
        cs->res->corruptions++;
        return 0;
    }
    check_inc(bs, cs, l1_off, (uint64_t)l1_size * 8, "L1 table");
    l1raw = malloc((size_t)l1_size * 8);
    l2raw = malloc(s->cluster_size);
    seen = calloc((cs->nb + 7) / 8 + 1, 1);
    if (!l1raw || !l2raw || !seen) {
        free(l1raw);
        free(l2raw);
        free(seen);
        return -ENOMEM;
    }
    ret = bdrv_pread(bs->file, l1_off, l1raw, (size_t)l1_size * 8);
    if (ret < 0) {
        cs->res->check_errors++;
        goto out;
    }
    for (i = 0; i < l1_size; i++) {
        uint64_t l1e = qcow2_be64(l1raw + 8 * i);
        uint64_t l2_off = l1e & L1E_OFFSET_MASK;
        uint64_t c = l2_off >> s->cluster_bits;
        bool l2_dirty = false;

        if (l2_off == 0) {
            continue;
        }
        if (l2_off & (s->cluster_size - 1)) {
            fprintf(stderr, "ERROR l2_offset=%" PRIx64 ": Table is not "
                    "cluster aligned; L1 entry corrupted\n", l2_off);
            check_fix_l1(bs, cs, i, active, fix);
            continue;
        }
        if (c >= cs->nb) {
            fprintf(stderr, "ERROR l2_offset=%" PRIx64 " beyond the end of "
                    "the image file\n", l2_off);
            check_fix_l1(bs, cs, i, active, fix);
            continue;
        }
        if (seen[c / 8] & (1 << (c % 8))) {
            fprintf(stderr, "ERROR l2_offset=%" PRIx64 ": L2 table used "
                    "twice by one L1 table\n", l2_off);
            check_fix_l1(bs, cs, i, active, fix);
            continue;
        }
        seen[c / 8] |= 1 << (c % 8);
        check_inc(bs, cs, l2_off, s->cluster_size, "L2 table");
        ret = bdrv_pread(bs->file, l2_off, l2raw, s->cluster_size);
        if (ret < 0) {
            cs->res->check_errors++;
            continue;
        }
        cs->next_contiguous = 0;    /* contiguity is judged per L2 table */
        for (j = 0; j < (uint64_t)s->l2_size; j++) {
            uint64_t l2e = qcow2_be64(l2raw + 8 * j);
            const char *bad = check_l2_entry(s, cs, l2e);
            uint64_t off, len;

            if (bad) {
                fprintf(stderr, "%s l2_entry=%" PRIx64 ": %s\n",
                        active && (fix & BDRV_FIX_ERRORS) ? "Repairing" :
                        "ERROR", l2e, bad);
                if (active && (fix & BDRV_FIX_ERRORS)) {
                    qcow2_st64(l2raw + 8 * j,
                               s->version >= 3 ? QCOW_OFLAG_ZERO : 0);
                    l2_dirty = true;
                    cs->res->corruptions_fixed++;
                } else {
                    cs->res->corruptions++;
                }
                continue;
            }
            switch (qcow2_entry_type(s, l2e)) {
            case QCOW2_CLUSTER_COMPRESSED:
                qcow2_compressed_range(s, l2e, &off, &len);
                check_inc(bs, cs, off, len, "compressed cluster");
                cs->res->allocated_clusters += active;
                cs->res->compressed_clusters += active;
                cs->res->fragmented_clusters += active;
                break;
            case QCOW2_CLUSTER_NORMAL:
            case QCOW2_CLUSTER_ZERO_ALLOC:
                off = l2e & L2E_OFFSET_MASK;
                if (active) {
                    cs->res->allocated_clusters++;
                    if (cs->next_contiguous && off != cs->next_contiguous) {
                        cs->res->fragmented_clusters++;
                    }
                    cs->next_contiguous = off + s->cluster_size;
                }
                check_inc(bs, cs, off, s->cluster_size, "data cluster");
                break;
            default:
                break;
            }
        }
        if (l2_dirty) {
            /* The table may be shared with a snapshot: fine, the entries
             * were unusable for everyone. */
            qcow2_cache_drop(&s->l2_cache, l2_off);
            if (bdrv_pwrite(bs->file, l2_off, l2raw, s->cluster_size) < 0) {
                cs->res->check_errors++;
            }
        }
    }
    ret = 0;
out:
    free(l1raw);
    free(l2raw);
    free(seen);
    return ret;
}

/*
 * COPIED flags of the active tables must say "refcount is exactly 1";
 * like QEMU, judged against the refcounts on disk (after any repair).
 */
static int check_copied(BlockDriverState *bs, CheckState *cs, int fix)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *l2raw = malloc(s->cluster_size);
    uint64_t i, j, rc;

    if (!l2raw) {
        return -ENOMEM;
    }
    for (i = 0; i < s->l1_size; i++) {
        uint64_t l1e = s->l1_table[i];
        uint64_t l2_off = l1e & L1E_OFFSET_MASK;
        uint64_t c = l2_off >> s->cluster_bits;
        bool l2_dirty = false;

        if (l2_off == 0 || (l2_off & (s->cluster_size - 1)) || c >= cs->nb) {
            continue;
        }
        if (qcow2_get_refcount(bs, c, &rc) < 0) {
            rc = 0;
        }
        if ((rc == 1) != !!(l1e & QCOW_OFLAG_COPIED)) {
            fprintf(stderr, "%s OFLAG_COPIED L2 cluster: l1_index=%" PRIu64
                    " l1_entry=%" PRIx64 " refcount=%" PRIu64 "\n",
                    fix & BDRV_FIX_ERRORS ? "Repairing" : "ERROR", i, l1e,
                    rc);
            if (fix & BDRV_FIX_ERRORS) {
                s->l1_table[i] = rc == 1 ? l1e | QCOW_OFLAG_COPIED :
                                 l1e & ~QCOW_OFLAG_COPIED;
                if (qcow2_write_l1_entry(bs, i) == 0) {
                    cs->res->corruptions_fixed++;
                }
            } else {
                cs->res->corruptions++;
            }
        }
        if (bdrv_pread(bs->file, l2_off, l2raw, s->cluster_size) < 0) {
            cs->res->check_errors++;
            continue;
        }
        for (j = 0; j < (uint64_t)s->l2_size; j++) {
            uint64_t l2e = qcow2_be64(l2raw + 8 * j);
            Qcow2ClusterType t = qcow2_entry_type(s, l2e);
            uint64_t dc = (l2e & L2E_OFFSET_MASK) >> s->cluster_bits;

            if ((t != QCOW2_CLUSTER_NORMAL && t != QCOW2_CLUSTER_ZERO_ALLOC) ||
                ((l2e & L2E_OFFSET_MASK) & (s->cluster_size - 1)) ||
                dc >= cs->nb) {
                continue;
            }
            if (qcow2_get_refcount(bs, dc, &rc) < 0) {
                rc = 0;
            }
            if ((rc == 1) != !!(l2e & QCOW_OFLAG_COPIED)) {
                fprintf(stderr, "%s OFLAG_COPIED data cluster: l2_entry=%"
                        PRIx64 " refcount=%" PRIu64 "\n",
                        fix & BDRV_FIX_ERRORS ? "Repairing" : "ERROR", l2e,
                        rc);
                if (fix & BDRV_FIX_ERRORS) {
                    l2e = rc == 1 ? l2e | QCOW_OFLAG_COPIED :
                          l2e & ~QCOW_OFLAG_COPIED;
                    qcow2_st64(l2raw + 8 * j, l2e);
                    l2_dirty = true;
                    cs->res->corruptions_fixed++;
                } else {
                    cs->res->corruptions++;
                }
            }
        }
        if (l2_dirty) {
            qcow2_cache_drop(&s->l2_cache, l2_off);
            if (bdrv_pwrite(bs->file, l2_off, l2raw, s->cluster_size) < 0) {
                cs->res->check_errors++;
            }
        }
    }
    free(l2raw);
    return 0;
}

/*
 * Rebuild the refcount structure from the computed references: a new
 * table and blocks go past the end of everything, then the header is
 * switched to them.  The old structure simply becomes free space.
 */
static int rebuild_refcounts(BlockDriverState *bs, CheckState *cs)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t per = 1ULL << s->refblock_bits;
    uint64_t end = cs->nb, total, nblocks, tclusters, i, base;
    uint8_t *buf;
    uint64_t *nt;
    uint8_t hdr[12];
    int ret;

    /* The old refcount structure is not carried over. */
    for (i = 0; i < s->refcount_table_clusters; i++) {
        uint64_t c = (s->refcount_table_offset >> s->cluster_bits) + i;
        if (c < cs->nb && cs->ref[c]) {
            cs->ref[c]--;
        }
    }
    for (i = 0; i < s->refcount_table_size; i++) {
        uint64_t off = s->refcount_table[i] & REFT_OFFSET_MASK;
        uint64_t c = off >> s->cluster_bits;
        if (off && !(off & (s->cluster_size - 1)) && c < cs->nb &&
            cs->ref[c]) {
            cs->ref[c]--;
        }
    }
    /* Size the new structure so that it also covers itself. */
    nblocks = 1;
    tclusters = 1;
    for (i = 0; i < 64; i++) {
        total = end + nblocks + tclusters;
        uint64_t nb2 = (total + per - 1) / per;
        uint64_t tc2 = qcow2_align_up(nb2 * 8, s->cluster_size) >>
                       s->cluster_bits;
        if (nb2 == nblocks && tc2 == tclusters) {
            break;
        }
        nblocks = nb2;
        tclusters = tc2;
    }
    if (tclusters * s->cluster_size > QCOW2_MAX_RT_BYTES) {
        return -EFBIG;
    }
    base = end;
    buf = calloc(nblocks + tclusters, s->cluster_size);
    nt = calloc(tclusters * s->cluster_size / 8, 8);
    if (!buf || !nt) {
        free(buf);
        free(nt);
        return -ENOMEM;
    }
    for (i = 0; i < nblocks * per; i++) {
        uint64_t v = 0;
        if (i < end) {
            v = cs->ref[i];
        } else if (i < end + nblocks + tclusters) {
            v = 1;
        }
        if (v > s->refcount_max) {
            v = s->refcount_max;
        }
        qcow2_set_refcount_entry(buf + (i / per) * s->cluster_size,
                                 s->refcount_order, i % per, v);
    }
    for (i = 0; i < nblocks; i++) {
        nt[i] = (base + i) << s->cluster_bits;
        qcow2_st64(buf + (nblocks << s->cluster_bits) + 8 * i, nt[i]);
    }
    ret = bdrv_pwrite(bs->file, base << s->cluster_bits, buf,
                      (nblocks + tclusters) << s->cluster_bits);
    free(buf);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        free(nt);
        return ret;
    }
    qcow2_st64(hdr, (base + nblocks) << s->cluster_bits);
    qcow2_st32(hdr + 8, tclusters);
    ret = qcow2_write_header_field(bs, 48, hdr, 12);
    if (ret < 0) {
        free(nt);
        return ret;
    }
    free(s->refcount_table);
    s->refcount_table = nt;
    s->refcount_table_size = tclusters * s->cluster_size / 8;
    s->refcount_table_offset = (base + nblocks) << s->cluster_bits;
    s->refcount_table_clusters = tclusters;
    for (i = 0; i < (uint64_t)s->rb_cache.n; i++) {
        s->rb_cache.offset[i] = 0;
    }
    s->free_cluster_index = 0;
    return bdrv_flush(bs->file);
}

static int check_pass(BlockDriverState *bs, BdrvCheckResult *res, int fix,
                      bool *need_rebuild)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t flen = bdrv_getlength(bs->file);
    CheckState cs;
    uint64_t i, rc;
    uint32_t k;
    int ret;

    *need_rebuild = false;
    if (flen < 0) {
        return flen;
    }
    cs.nb = qcow2_align_up(flen, s->cluster_size) >> s->cluster_bits;
    cs.res = res;
    cs.next_contiguous = 0;
    cs.ref = calloc(cs.nb ? cs.nb : 1, sizeof(uint32_t));
    if (!cs.ref) {
        return -ENOMEM;
    }
    res->total_clusters = qcow2_align_up(s->size, s->cluster_size) >>
                          s->cluster_bits;

    check_inc(bs, &cs, 0, s->cluster_size, "header");
    ret = check_l1(bs, &cs, s->l1_table_offset, s->l1_size, true, fix);
    for (k = 0; ret == 0 && k < s->nb_snapshots; k++) {
        ret = check_l1(bs, &cs, s->snapshots[k].l1_table_offset,
                       s->snapshots[k].l1_size, false, fix);
    }
    if (ret < 0) {
        free(cs.ref);
        return ret;
    }
    if (s->nb_snapshots) {
        uint64_t len = 0;
        for (k = 0; k < s->nb_snapshots; k++) {
            len += qcow2_align_up(40 + s->snapshots[k].extra_size +
                                  strlen(s->snapshots[k].id_str) +
                                  strlen(s->snapshots[k].name), 8);
        }
        check_inc(bs, &cs, s->snapshots_offset, len, "snapshot table");
    }
    check_inc(bs, &cs, s->refcount_table_offset,
              (uint64_t)s->refcount_table_clusters << s->cluster_bits,
              "refcount table");
    for (i = 0; i < s->refcount_table_size; i++) {
        uint64_t off = s->refcount_table[i] & REFT_OFFSET_MASK;
        if (off == 0) {
            continue;
        }
        if (off & (s->cluster_size - 1)) {
            fprintf(stderr, "ERROR refcount block %" PRIu64 " is not "
                    "cluster aligned; refcount table entry corrupted\n", i);
            res->corruptions++;
            *need_rebuild = true;
            continue;
        }
        if ((off >> s->cluster_bits) >= cs.nb) {
            fprintf(stderr, "ERROR refcount block %" PRIu64 " is outside "
                    "image\n", i);
            res->corruptions++;
            *need_rebuild = true;
            continue;
        }
        check_inc(bs, &cs, off, s->cluster_size, "refcount block");
        if (cs.ref[off >> s->cluster_bits] > 1) {
            fprintf(stderr, "ERROR refcount block %" PRIu64 " refcount=%u\n",
                    i, cs.ref[off >> s->cluster_bits]);
            res->corruptions++;
            *need_rebuild = true;
        }
    }

    /* Compare with what is on disk. */
    for (i = 0; i < cs.nb; i++) {
        ret = qcow2_get_refcount(bs, i, &rc);
        if (ret < 0) {
            rc = 0;
            if (cs.ref[i]) {
                *need_rebuild = true;
            }
        }
        if (rc == cs.ref[i]) {
            if (cs.ref[i]) {
                res->image_end_offset = (int64_t)(i + 1) << s->cluster_bits;
            }
            continue;
        }
        if (cs.ref[i]) {
            res->image_end_offset = (int64_t)(i + 1) << s->cluster_bits;
        }
        if (rc > cs.ref[i]) {
            bool fixme = (fix & BDRV_FIX_LEAKS) != 0;
            fprintf(stderr, "%s cluster %" PRIu64 " refcount=%" PRIu64
                    " reference=%u\n",
                    fixme ? "Repairing" : "Leaked", i, rc, cs.ref[i]);
            if (fixme) {
                uint64_t left = rc - cs.ref[i];
                if (left > INT64_MAX || qcow2_update_refcount(
                        bs, i << s->cluster_bits, 1, -(int64_t)left) < 0) {
                    res->leaks++;
                    continue;
                }
                res->leaks_fixed++;
            } else {
                res->leaks++;
            }
        } else {
            fprintf(stderr, "%s cluster %" PRIu64 " refcount=%" PRIu64
                    " reference=%u\n",
                    (fix & BDRV_FIX_ERRORS) ? "Repairing" : "ERROR", i, rc,
                    cs.ref[i]);
            res->corruptions++;
            *need_rebuild = true;
        }
    }
    if (*need_rebuild && (fix & BDRV_FIX_ERRORS) && !bs->read_only) {
        ret = rebuild_refcounts(bs, &cs);
        if (ret == 0) {
            res->corruptions_fixed += res->corruptions;
            res->corruptions = 0;
        }
    }
    check_copied(bs, &cs, fix);
    free(cs.ref);
    return 0;
}

int qcow2_check(BlockDriverState *bs, BdrvCheckResult *res, int fix)
{
    BDRVQcow2State *s = bs->opaque;
    bool rebuild;
    int ret;

    memset(res, 0, sizeof(*res));
    if (bs->read_only) {
        fix = 0;
    } else {
        qcow2_release_reservations(bs);
        qcow2_apply_pending(bs);
    }
    ret = check_pass(bs, res, fix, &rebuild);
    if (ret < 0) {
        return ret;
    }
    if (fix && (res->leaks_fixed || res->corruptions_fixed)) {
        /* Re-run to report what is left, like QEMU does. */
        BdrvCheckResult again;
        memset(&again, 0, sizeof(again));
        ret = check_pass(bs, &again, 0, &rebuild);
        if (ret < 0) {
            return ret;
        }
        again.leaks_fixed = res->leaks_fixed;
        again.corruptions_fixed = res->corruptions_fixed;
        *res = again;
    }
    if ((fix & BDRV_FIX_ERRORS) && (s->incompat & QCOW2_INCOMPAT_CORRUPT) &&
        res->corruptions == 0 && res->check_errors == 0) {
        uint8_t be[8];
        bdrv_flush(bs->file);
        s->incompat &= ~QCOW2_INCOMPAT_CORRUPT;
        s->corrupt = false;
        qcow2_st64(be, s->incompat);
        qcow2_write_header_field(bs, 72, be, 8);
    }
    if (fix && (s->incompat & QCOW2_INCOMPAT_DIRTY) && res->corruptions == 0) {
        uint8_t be[8];
        bdrv_flush(bs->file);
        s->incompat &= ~QCOW2_INCOMPAT_DIRTY;
        qcow2_st64(be, s->incompat);
        qcow2_write_header_field(bs, 72, be, 8);
    }
    bdrv_flush(bs->file);
    return 0;
}
