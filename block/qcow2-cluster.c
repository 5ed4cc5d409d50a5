/*
 * qcow2-cluster.c: the L1/L2 mapping of guest clusters to host clusters,
 * the metadata table cache, compressed clusters and cluster allocation
 * for writes.
 *
 * Ordering of a write that allocates: (1) refcounts of the new clusters
 * are raised (qcow2_alloc_clusters), (2) the data, completed with the old
 * content of partially written clusters, goes to the new clusters, (3) the
 * L2 entries are written (a new L2 table is written whole before the L1
 * entry points to it), (4) the clusters the old entries referred to are
 * released.  A SIGKILL between any two steps leaves only leaked clusters.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "qcow2.h"

#define QCOW2_MAX_RUN_BYTES (4 * 1024 * 1024)

int qcow2_cache_init(Qcow2Cache *c, int n, int size)
{
    c->n = n;
    c->size = size;
    c->clock = 0;
    c->offset = calloc(n, sizeof(uint64_t));
    c->used = calloc(n, sizeof(uint64_t));
    c->data = calloc(n, sizeof(uint8_t *));
    if (!c->offset || !c->used || !c->data) {
        qcow2_cache_destroy(c);
        return -ENOMEM;
    }
    return 0;
}

void qcow2_cache_destroy(Qcow2Cache *c)
{
    int i;

    for (i = 0; c->data && i < c->n; i++) {
        free(c->data[i]);
    }
    free(c->offset);
    free(c->used);
    free(c->data);
    c->offset = NULL;
    c->used = NULL;
    c->data = NULL;
}

/*
 * Return the cached table at host offset, loading it when read is set
 * (otherwise the slot is zeroed for the caller to fill).  The pointer is
 * valid until the next qcow2_cache_get() on the same cache.
 */
uint8_t *qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c,
                         uint64_t offset, bool read)
{
    int i, victim = 0;
    int64_t flen;
    uint8_t *p;

    for (i = 0; i < c->n; i++) {
        if (c->offset[i] == offset && c->data[i]) {
            c->used[i] = ++c->clock;
            return c->data[i];
        }
        if (c->used[i] < c->used[victim]) {
            victim = i;
        }
    }
    if (read) {
        /* Tables live inside the file; this also bounds our memory use. */
        flen = bdrv_getlength(bs->file);
        if (flen < 0 || offset + c->size > (uint64_t)flen ||
            offset + c->size < offset) {
            return NULL;
        }
    }
    if (!c->data[victim]) {
        c->data[victim] = malloc(c->size);
        if (!c->data[victim]) {
            return NULL;
        }
    }
    p = c->data[victim];
    c->offset[victim] = 0;
    if (read) {
        if (bdrv_pread(bs->file, offset, p, c->size) < 0) {
            return NULL;
        }
    } else {
        memset(p, 0, c->size);
    }
    c->offset[victim] = offset;
    c->used[victim] = ++c->clock;
    return p;
}

void qcow2_cache_drop(Qcow2Cache *c, uint64_t offset)
{
    int i;

    for (i = 0; i < c->n; i++) {
        if (c->offset[i] == offset) {
            c->offset[i] = 0;
            c->used[i] = 0;
        }
    }
}

Qcow2ClusterType qcow2_entry_type(BDRVQcow2State *s, uint64_t e)
{
    if (e & QCOW_OFLAG_COMPRESSED) {
        return QCOW2_CLUSTER_COMPRESSED;
    }
    if (s->version >= 3 && (e & QCOW_OFLAG_ZERO)) {
        return (e & L2E_OFFSET_MASK) ? QCOW2_CLUSTER_ZERO_ALLOC :
               QCOW2_CLUSTER_ZERO_PLAIN;
    }
    return (e & L2E_OFFSET_MASK) ? QCOW2_CLUSTER_NORMAL :
           QCOW2_CLUSTER_UNALLOCATED;
}

void qcow2_compressed_range(BDRVQcow2State *s, uint64_t e, uint64_t *off,
                            uint64_t *len)
{
    uint64_t coff = e & s->cluster_offset_mask;
    uint64_t nb = ((e >> s->csize_shift) & s->csize_mask) + 1;

    *off = coff;
    *len = nb * 512 - (coff & 511);
}

/*
 * Look up the mapping of guest offset off: returns the type and L2 entry
 * of its cluster and in *bytes how many bytes from off (at most len) are
 * mapped the same way (contiguous on the host for normal clusters).
 */
int qcow2_get_cluster(BlockDriverState *bs, uint64_t off, uint64_t len,
                      Qcow2ClusterType *type, uint64_t *l2e, uint64_t *bytes)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t in = off & (s->cluster_size - 1);
    uint64_t l1_index = off >> (s->cluster_bits + s->l2_bits);
    uint64_t i = (off >> s->cluster_bits) & (s->l2_size - 1);
    uint64_t avail = ((uint64_t)(s->l2_size - i) << s->cluster_bits) - in;
    uint64_t l2_off, e, n;
    uint8_t *t;
    Qcow2ClusterType ty;

    if (avail > len) {
        avail = len;
    }
    *l2e = 0;
    if (l1_index >= s->l1_size ||
        (l2_off = s->l1_table[l1_index] & L1E_OFFSET_MASK) == 0) {
        /* Extend over following unallocated L1 entries (sparse images). */
        uint64_t range = (uint64_t)s->cluster_size << s->l2_bits;
        uint64_t k = l1_index + 1;
        while (avail < len && (k >= s->l1_size ||
                               !(s->l1_table[k] & L1E_OFFSET_MASK))) {
            avail = len - avail < range ? len : avail + range;
            if (k >= s->l1_size) {
                avail = len;
                break;
            }
            k++;
        }
        *type = QCOW2_CLUSTER_UNALLOCATED;
        *bytes = avail;
        return 0;
    }
    if (l2_off & (s->cluster_size - 1)) {
        return -EIO;
    }
    t = qcow2_cache_get(bs, &s->l2_cache, l2_off, true);
    if (!t) {
        return -EIO;
    }
    e = qcow2_be64(t + 8 * i);
    ty = qcow2_entry_type(s, e);
    if ((ty == QCOW2_CLUSTER_NORMAL || ty == QCOW2_CLUSTER_ZERO_ALLOC) &&
        (e & L2E_OFFSET_MASK & (s->cluster_size - 1))) {
        return -EIO;
    }
    n = 1;
    if (ty != QCOW2_CLUSTER_COMPRESSED) {
        while (i + n < (uint64_t)s->l2_size &&
               (n << s->cluster_bits) - in < avail) {
            uint64_t e2 = qcow2_be64(t + 8 * (i + n));
            if (qcow2_entry_type(s, e2) != ty) {
                break;
            }
            if (ty == QCOW2_CLUSTER_NORMAL &&
                (e2 & L2E_OFFSET_MASK) != (e & L2E_OFFSET_MASK) +
                (n << s->cluster_bits)) {
                break;
            }
            n++;
        }
    }
    *type = ty;
    *l2e = e;
    *bytes = (n << s->cluster_bits) - in;
    if (*bytes > avail) {
        *bytes = avail;
    }
    return 0;
}

/* Decompress the cluster described by l2e into s->cbuf. */
int qcow2_read_compressed(BlockDriverState *bs, uint64_t l2e)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off, len;
    uint8_t *in;
    z_stream z;
    int ret, zr;

    if (s->cbuf_entry == l2e && l2e) {
        return 0;
    }
    if (!s->cbuf) {
        s->cbuf = malloc(s->cluster_size);
        if (!s->cbuf) {
            return -ENOMEM;
        }
    }
    s->cbuf_entry = 0;
    qcow2_compressed_range(s, l2e, &off, &len);
    in = malloc(len);
    if (!in) {
        return -ENOMEM;
    }
    ret = bdrv_pread(bs->file, off, in, len);
    if (ret < 0) {
        free(in);
        return ret;
    }
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, -12) != Z_OK) {
        free(in);
        return -EIO;
    }
    z.next_in = in;
    z.avail_in = len;
    z.next_out = s->cbuf;
    z.avail_out = s->cluster_size;
    zr = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    free(in);
    if ((zr != Z_STREAM_END && zr != Z_BUF_ERROR) || z.avail_out != 0) {
        return -EIO;
    }
    s->cbuf_entry = l2e;
    return 0;
}

int qcow2_write_l1_entry(BlockDriverState *bs, uint64_t index)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t be[8];

    qcow2_st64(be, s->l1_table[index]);
    return bdrv_pwrite(bs->file, s->l1_table_offset + 8 * index, be, 8);
}

int qcow2_set_l2_entries(BlockDriverState *bs, uint64_t l2_offset, int index,
                         const uint64_t *entries, int n)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *t = qcow2_cache_get(bs, &s->l2_cache, l2_offset, true);
    int k;

    if (!t) {
        return -EIO;
    }
    for (k = 0; k < n; k++) {
        qcow2_st64(t + 8 * (index + k), entries[k]);
    }
    return bdrv_pwrite(bs->file, l2_offset + 8 * (uint64_t)index,
                       t + 8 * index, 8 * (size_t)n);
}

/*
 * Make L1 entry l1_index point to an L2 table that may be modified in
 * place: allocate one, or copy one shared with a snapshot.
 */
int qcow2_l2_for_write(BlockDriverState *bs, uint64_t l1_index,
                       uint64_t *l2_offset)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1e, old;
    int64_t nw;
    uint8_t *buf, *t;
    int i, ret;

    if (l1_index >= s->l1_size) {
        return -EINVAL;
    }
    l1e = s->l1_table[l1_index];
    old = l1e & L1E_OFFSET_MASK;
    if (old && (old & (s->cluster_size - 1))) {
        return qcow2_signal_corruption(bs, "L2 table offset misaligned");
    }
    if (old && (l1e & QCOW_OFLAG_COPIED)) {
        *l2_offset = old;
        return 0;
    }
    buf = calloc(1, s->cluster_size);
    if (!buf) {
        return -ENOMEM;
    }
    if (old) {
        t = qcow2_cache_get(bs, &s->l2_cache, old, true);
        if (!t) {
            free(buf);
            return -EIO;
        }
        memcpy(buf, t, s->cluster_size);
        for (i = 0; i < s->l2_size; i++) {
            uint64_t e = qcow2_be64(buf + 8 * i);
            Qcow2ClusterType ty = qcow2_entry_type(s, e);
            uint64_t rc;
            if (ty == QCOW2_CLUSTER_NORMAL || ty == QCOW2_CLUSTER_ZERO_ALLOC) {
                if (qcow2_get_refcount(bs, (e & L2E_OFFSET_MASK) >>
                                       s->cluster_bits, &rc) < 0) {
                    rc = 0;
                }
                e = rc == 1 ? e | QCOW_OFLAG_COPIED : e & ~QCOW_OFLAG_COPIED;
                qcow2_st64(buf + 8 * i, e);
            }
        }
    }
    nw = qcow2_alloc_clusters(bs, 1);
    if (nw < 0) {
        free(buf);
        return nw;
    }
    ret = bdrv_pwrite(bs->file, nw, buf, s->cluster_size);
    if (ret < 0) {
        free(buf);
        return ret;
    }
    t = qcow2_cache_get(bs, &s->l2_cache, nw, false);
    if (t) {
        memcpy(t, buf, s->cluster_size);
    }
    free(buf);
    if (!(bs->open_flags & BDRV_O_NO_FLUSH)) {
        ret = bdrv_flush(bs->file);     /* the table before the pointer */
        if (ret < 0) {
            return ret;
        }
    }
    s->l1_table[l1_index] = (uint64_t)nw | QCOW_OFLAG_COPIED;
    ret = qcow2_write_l1_entry(bs, l1_index);
    if (ret < 0) {
        return ret;
    }
    if (old) {
        qcow2_free_clusters(bs, old, s->cluster_size);
    }
    *l2_offset = nw;
    return 0;
}

int qcow2_write_clusters(BlockDriverState *bs, uint64_t off, const void *vbuf,
                         size_t len)
{
    BDRVQcow2State *s = bs->opaque;
    const uint8_t *buf = vbuf;
    uint64_t max_run = QCOW2_MAX_RUN_BYTES >> s->cluster_bits;
    uint64_t *olde = NULL, *newe = NULL;
    uint8_t *tmp = NULL;
    int ret = 0;

    if (max_run < 1) {
        max_run = 1;
    }
    olde = malloc(max_run * 8);
    newe = malloc(max_run * 8);
    tmp = malloc(max_run << s->cluster_bits);
    if (!olde || !newe || !tmp) {
        ret = -ENOMEM;
        goto out;
    }
    while (len > 0) {
        uint64_t l1_index = off >> (s->cluster_bits + s->l2_bits);
        uint64_t i = (off >> s->cluster_bits) & (s->l2_size - 1);
        uint64_t in = off & (s->cluster_size - 1);
        uint64_t l2_off, e, n, bytes, k;
        int64_t host;
        uint8_t *t;

        ret = qcow2_l2_for_write(bs, l1_index, &l2_off);
        if (ret < 0) {
            goto out;
        }
        t = qcow2_cache_get(bs, &s->l2_cache, l2_off, true);
        if (!t) {
            ret = -EIO;
            goto out;
        }
        e = qcow2_be64(t + 8 * i);
        if (qcow2_entry_type(s, e) == QCOW2_CLUSTER_NORMAL &&
            (e & QCOW_OFLAG_COPIED)) {
            /* Overwrite in place, as many contiguous clusters as we can. */
            int64_t flen = bdrv_getlength(bs->file);
            if ((e & L2E_OFFSET_MASK & (s->cluster_size - 1)) ||
                flen < 0 || (e & L2E_OFFSET_MASK) >= (uint64_t)flen) {
                /* Our data clusters always exist in the file: this entry
                 * is corrupt.  Don't write through it. */
                ret = qcow2_signal_corruption(bs, "data cluster offset "
                                              "misaligned or past the end "
                                              "of the file");
                goto out;
            }
            n = 1;
            while (i + n < (uint64_t)s->l2_size &&
                   (n << s->cluster_bits) - in < len) {
                uint64_t e2 = qcow2_be64(t + 8 * (i + n));
                if (qcow2_entry_type(s, e2) != QCOW2_CLUSTER_NORMAL ||
                    !(e2 & QCOW_OFLAG_COPIED) ||
                    (e2 & L2E_OFFSET_MASK) !=
                    (e & L2E_OFFSET_MASK) + (n << s->cluster_bits)) {
                    break;
                }
                n++;
            }
            bytes = (n << s->cluster_bits) - in;
            if (bytes > len) {
                bytes = len;
            }
            ret = bdrv_pwrite(bs->file, (e & L2E_OFFSET_MASK) + in, buf,
                              bytes);
            if (ret < 0) {
                goto out;
            }
            off += bytes;
            buf += bytes;
            len -= bytes;
            continue;
        }

        /* Allocate a run of clusters that can't be written in place. */
        n = 0;
        while (n < max_run && i + n < (uint64_t)s->l2_size &&
               (n << s->cluster_bits) < in + len) {
            uint64_t e2 = qcow2_be64(t + 8 * (i + n));
            if (n > 0 && qcow2_entry_type(s, e2) == QCOW2_CLUSTER_NORMAL &&
                (e2 & QCOW_OFLAG_COPIED)) {
                break;
            }
            olde[n] = e2;
            n++;
        }
        bytes = (n << s->cluster_bits) - in;
        if (bytes > len) {
            bytes = len;
        }
        /* Old content of partially written first and last clusters. */
        if (in != 0) {
            ret = bs->drv->preadv(bs, off - in, tmp, s->cluster_size);
            if (ret < 0) {
                goto out;
            }
        }
        if (((in + bytes) & (s->cluster_size - 1)) && !(n == 1 && in != 0)) {
            uint64_t last = (n - 1) << s->cluster_bits;
            ret = bs->drv->preadv(bs, off - in + last, tmp + last,
                                  s->cluster_size);
            if (ret < 0) {
                goto out;
            }
        }
        host = qcow2_alloc_clusters(bs, n);
        if (host < 0) {
            ret = host;
            goto out;
        }
        if (in == 0 && bytes == (n << s->cluster_bits)) {
            /* whole clusters: no copy needed */
            ret = bdrv_pwrite(bs->file, host, buf, bytes);
        } else {
            memcpy(tmp + in, buf, bytes);
            ret = bdrv_pwrite(bs->file, host, tmp, n << s->cluster_bits);
        }
        if (ret < 0) {
            goto out;
        }
        for (k = 0; k < n; k++) {
            newe[k] = ((uint64_t)host + (k << s->cluster_bits)) |
                      QCOW_OFLAG_COPIED;
        }
        ret = qcow2_set_l2_entries(bs, l2_off, i, newe, n);
        if (ret < 0) {
            goto out;
        }
        for (k = 0; k < n; k++) {
            qcow2_free_entry(bs, olde[k]);
        }
        s->cbuf_entry = 0;
        off += bytes;
        buf += bytes;
        len -= bytes;
    }
out:
    free(olde);
    free(newe);
    free(tmp);
    return ret;
}

/*
 * Compress one guest cluster (buf, len <= cluster size, zero padded) into
 * out (cluster_size bytes).  Returns the compressed length, or 0 when it
 * would not shrink.  Touches no image state: safe from any thread.
 */
size_t qcow2_compress_cluster(int cluster_size, const void *buf, size_t len,
                              uint8_t *out)
{
    uint8_t *in = calloc(1, cluster_size);
    z_stream z;
    size_t clen = 0;
    int zr;

    if (!in) {
        return 0;
    }
    memcpy(in, buf, len);
    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9,
                     Z_DEFAULT_STRATEGY) == Z_OK) {
        z.next_in = in;
        z.avail_in = cluster_size;
        z.next_out = out;
        z.avail_out = cluster_size - 1;
        zr = deflate(&z, Z_FINISH);
        if (zr == Z_STREAM_END) {
            clen = (cluster_size - 1) - z.avail_out;
        }
        deflateEnd(&z);
    }
    free(in);
    return clen;
}

int qcow2_write_compressed(BlockDriverState *bs, uint64_t off,
                           const void *buf, size_t len)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *out;
    size_t clen;
    int ret;

    if ((off & (s->cluster_size - 1)) || len > (size_t)s->cluster_size) {
        return -EINVAL;
    }
    out = malloc(s->cluster_size);
    if (!out) {
        return -ENOMEM;
    }
    clen = qcow2_compress_cluster(s->cluster_size, buf, len, out);
    ret = qcow2_write_precompressed(bs, off, out, clen, buf, len);
    free(out);
    return ret;
}

/*
 * Store one guest cluster from already compressed data (clen bytes), or
 * plainly from buf when clen is 0 (it did not compress).
 */
int qcow2_write_precompressed(BlockDriverState *bs, uint64_t off,
                              const uint8_t *out, size_t clen,
                              const void *buf, size_t len)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2_off, e, i, nb;
    int64_t host;
    int ret;

    if ((off & (s->cluster_size - 1)) || len > (size_t)s->cluster_size ||
        clen >= (size_t)s->cluster_size) {
        return -EINVAL;
    }
    if (clen == 0) {
        uint8_t *in = calloc(1, s->cluster_size);
        if (!in) {
            return -ENOMEM;
        }
        memcpy(in, buf, len);
        ret = qcow2_write_clusters(bs, off, in, s->cluster_size);
        free(in);
        return ret;
    }
    ret = qcow2_l2_for_write(bs, off >> (s->cluster_bits + s->l2_bits),
                             &l2_off);
    if (ret < 0) {
        return ret;
    }
    host = qcow2_alloc_bytes(bs, clen);
    if (host < 0) {
        ret = host;
        return ret;
    }
    ret = bdrv_pwrite(bs->file, host, out, clen);
    if (ret < 0) {
        return ret;
    }
    i = (off >> s->cluster_bits) & (s->l2_size - 1);
    {
        uint8_t *t = qcow2_cache_get(bs, &s->l2_cache, l2_off, true);
        if (!t) {
            return -EIO;
        }
        e = qcow2_be64(t + 8 * i);
    }
    nb = ((host & 511) + clen + 511) / 512;
    {
        uint64_t ne = QCOW_OFLAG_COMPRESSED | (uint64_t)host |
                      ((nb - 1) << s->csize_shift);
        ret = qcow2_set_l2_entries(bs, l2_off, i, &ne, 1);
    }
    if (ret == 0) {
        qcow2_free_entry(bs, e);
    }
    s->cbuf_entry = 0;
    return ret;
}

/*
 * Whole clusters in [off, off+len) become zero (write_zeroes) or are
 * dropped (discard).  Partial clusters are zeroed by writing / ignored.
 */
int qcow2_zero_clusters(BlockDriverState *bs, uint64_t off, uint64_t len,
                        int mode)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cs = s->cluster_size;
    uint64_t start = qcow2_align_up(off, cs);
    uint64_t end = (off + len) & ~(cs - 1);
    bool discard = mode != QCOW2_ZERO_WRITE;
    uint64_t target;
    int ret;

    if (s->version < 3 && !discard) {
        return -ENOTSUP;        /* caller writes zeroes */
    }
    if (!discard) {
        target = QCOW_OFLAG_ZERO;
    } else if (bs->backing && mode == QCOW2_ZERO_DISCARD) {
        if (s->version < 3) {
            return 0;           /* can't hide the backing data: no-op */
        }
        target = QCOW_OFLAG_ZERO;
    } else {
        target = 0;
    }
    if (!discard) {
        static const uint8_t zero[65536];
        uint64_t head = start > off + len ? len : start - off;
        uint64_t p = off;
        if (start >= off + len || end <= start) {
            head = len;
        }
        while (head > 0) {
            size_t n = head > sizeof(zero) ? sizeof(zero) : head;
            ret = qcow2_write_clusters(bs, p, zero, n);
            if (ret < 0) {
                return ret;
            }
            p += n;
            head -= n;
        }
        if (end > start && off + len > end) {
            p = end;
            head = off + len - end;
            while (head > 0) {
                size_t n = head > sizeof(zero) ? sizeof(zero) : head;
                ret = qcow2_write_clusters(bs, p, zero, n);
                if (ret < 0) {
                    return ret;
                }
                p += n;
                head -= n;
            }
        }
    }
    while (start < end) {
        uint64_t l1_index = start >> (s->cluster_bits + s->l2_bits);
        uint64_t i = (start >> s->cluster_bits) & (s->l2_size - 1);
        uint64_t l2_off, e;
        uint8_t *t;

        if (target == 0 && (l1_index >= s->l1_size ||
                            !(s->l1_table[l1_index] & L1E_OFFSET_MASK))) {
            /* Nothing allocated in this whole L2 range. */
            start = (l1_index + 1) << (s->cluster_bits + s->l2_bits);
            continue;
        }
        ret = qcow2_l2_for_write(bs, l1_index, &l2_off);
        if (ret < 0) {
            return ret;
        }
        t = qcow2_cache_get(bs, &s->l2_cache, l2_off, true);
        if (!t) {
            return -EIO;
        }
        e = qcow2_be64(t + 8 * i);
        if (e != target) {
            ret = qcow2_set_l2_entries(bs, l2_off, i, &target, 1);
            if (ret < 0) {
                return ret;
            }
            qcow2_free_entry(bs, e);
        }
        start += cs;
    }
    s->cbuf_entry = 0;
    return 0;
}

/* Grow the L1 table to at least min_size entries (for resize). */
int qcow2_grow_l1(BlockDriverState *bs, uint64_t min_size)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t bytes, i, old_off, old_size;
    uint64_t *nt;
    uint8_t *buf;
    uint8_t hdr[12];
    int64_t nw;
    int ret;

    if (min_size <= s->l1_size) {
        return 0;
    }
    bytes = qcow2_align_up(min_size * 8, s->cluster_size);
    if (min_size * 8 > QCOW2_MAX_L1_BYTES) {
        return -EFBIG;
    }
    nt = calloc(1, bytes);
    buf = calloc(1, bytes);
    if (!nt || !buf) {
        free(nt);
        free(buf);
        return -ENOMEM;
    }
    memcpy(nt, s->l1_table, (size_t)s->l1_size * 8);
    for (i = 0; i < min_size; i++) {
        qcow2_st64(buf + 8 * i, nt[i]);
    }
    nw = qcow2_alloc_clusters(bs, bytes >> s->cluster_bits);
    if (nw < 0) {
        free(nt);
        free(buf);
        return nw;
    }
    /* Only the used part is written; the file covers whole clusters. */
    ret = bdrv_pwrite(bs->file, nw, buf, min_size * 8);
    free(buf);
    if (ret == 0 && bdrv_getlength(bs->file) < (int64_t)(nw + bytes)) {
        ret = ftruncate(bs->file->fd, nw + bytes) < 0 ? -errno : 0;
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        free(nt);
        return ret;
    }
    qcow2_st32(hdr, min_size);
    qcow2_st64(hdr + 4, nw);
    ret = qcow2_write_header_field(bs, 36, hdr, 12);
    if (ret < 0) {
        free(nt);
        return ret;
    }
    old_off = s->l1_table_offset;
    old_size = s->l1_size;
    free(s->l1_table);
    s->l1_table = nt;
    s->l1_size = min_size;
    s->l1_table_offset = nw;
    if (old_size) {
        qcow2_free_clusters(bs, old_off, qcow2_align_up(old_size * 8,
                                                        s->cluster_size));
    }
    return 0;
}
