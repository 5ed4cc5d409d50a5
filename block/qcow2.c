/*
 * qcow2.c: the qcow2 format driver: header, open/create, request entry
 * points and the driver table.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "qcow2.h"

static int qcow2_probe(const uint8_t *buf, int len, const char *filename)
{
    if (len >= 8 && qcow2_be32(buf) == QCOW_MAGIC &&
        qcow2_be32(buf + 4) >= 2) {
        return 100;
    }
    return 0;
}

int qcow2_write_header_field(BlockDriverState *bs, int offset,
                             const void *buf, int len)
{
    return bdrv_pwrite(bs->file, offset, buf, len);
}

static const struct {
    uint8_t type;
    uint8_t bit;
    const char *name;
} qcow2_features[] = {
    { 0, 0, "dirty bit" },
    { 0, 1, "corrupt bit" },
    { 0, 2, "external data file" },
    { 0, 3, "compression type" },
    { 0, 4, "extended L2 entries" },
    { 1, 0, "lazy refcounts" },
    { 2, 0, "bitmaps" },
    { 2, 1, "raw external data" },
};

/* Rewrite the whole header cluster from the in-memory state. */
int qcow2_update_header(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *h = calloc(1, s->cluster_size);
    size_t p, blen = strlen(bs->backing_file);
    size_t i;
    int ret;

    if (!h) {
        return -ENOMEM;
    }
    qcow2_st32(h, QCOW_MAGIC);
    qcow2_st32(h + 4, s->version);
    qcow2_st32(h + 20, s->cluster_bits);
    qcow2_st64(h + 24, s->size);
    qcow2_st32(h + 36, s->l1_size);
    qcow2_st64(h + 40, s->l1_table_offset);
    qcow2_st64(h + 48, s->refcount_table_offset);
    qcow2_st32(h + 56, s->refcount_table_clusters);
    qcow2_st32(h + 60, s->nb_snapshots);
    qcow2_st64(h + 64, s->snapshots_offset);
    if (s->version >= 3) {
        qcow2_st64(h + 72, s->incompat);
        qcow2_st64(h + 80, s->compat);
        qcow2_st64(h + 88, s->autoclear);
        qcow2_st32(h + 96, s->refcount_order);
        qcow2_st32(h + 100, 112);
        h[104] = s->compression_type;
        p = 112;
    } else {
        p = 72;
    }
    if (bs->backing_format[0]) {
        size_t fl = strlen(bs->backing_format);
        qcow2_st32(h + p, QCOW2_EXT_BACKING_FMT);
        qcow2_st32(h + p + 4, fl);
        memcpy(h + p + 8, bs->backing_format, fl);
        p += 8 + qcow2_align_up(fl, 8);
    }
    if (s->version >= 3) {
        size_t n = sizeof(qcow2_features) / sizeof(qcow2_features[0]);
        qcow2_st32(h + p, QCOW2_EXT_FEATURES);
        qcow2_st32(h + p + 4, n * 48);
        p += 8;
        for (i = 0; i < n; i++) {
            h[p] = qcow2_features[i].type;
            h[p + 1] = qcow2_features[i].bit;
            strncpy((char *)h + p + 2, qcow2_features[i].name, 46);
            p += 48;
        }
    }
    if (s->unknown_ext_len) {
        if (p + s->unknown_ext_len + 8 > (size_t)s->cluster_size) {
            free(h);
            return -ENOSPC;
        }
        memcpy(h + p, s->unknown_ext, s->unknown_ext_len);
        p += s->unknown_ext_len;
    }
    p += 8;                     /* end of extensions */
    if (blen) {
        if (p + blen > (size_t)s->cluster_size) {
            free(h);
            return -ENOSPC;
        }
        qcow2_st64(h + 8, p);
        qcow2_st32(h + 16, blen);
        memcpy(h + p, bs->backing_file, blen);
        p += blen;
    }
    ret = bdrv_pwrite(bs->file, 0, h, p);
    free(h);
    return ret;
}

static int qcow2_read_extensions(BlockDriverState *bs, const uint8_t *h,
                                 uint64_t start, uint64_t end, char *err,
                                 size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t p = start;
    int count = 0;

    while (p + 8 <= end) {
        uint32_t type = qcow2_be32(h + p);
        uint32_t len = qcow2_be32(h + p + 4);

        if (type == QCOW2_EXT_END) {
            return 0;
        }
        if (++count > 1024 || len > end - p - 8) {
            snprintf(err, errlen, "Invalid header extension (type 0x%08x, "
                     "length %u)", type, len);
            return -EINVAL;
        }
        if (type == QCOW2_EXT_BACKING_FMT) {
            if (len >= sizeof(bs->backing_format)) {
                snprintf(err, errlen, "Backing format name too long");
                return -EINVAL;
            }
            memcpy(bs->backing_format, h + p + 8, len);
            bs->backing_format[len] = 0;
        } else if (type != QCOW2_EXT_FEATURES) {
            size_t sz = 8 + qcow2_align_up(len, 8);
            uint8_t *n;
            if (p + sz > end) {
                sz = end - p;
            }
            n = realloc(s->unknown_ext, s->unknown_ext_len + sz);
            if (!n) {
                return -ENOMEM;
            }
            memcpy(n + s->unknown_ext_len, h + p, sz);
            s->unknown_ext = n;
            s->unknown_ext_len += sz;
        }
        p += 8 + qcow2_align_up(len, 8);
    }
    return 0;
}

/*
 * Metadata found inconsistent while writing: set the corrupt bit (the
 * image is then refused read-write until check -r all repairs it) and
 * stop writing.  Returns -EIO for the caller to pass on.
 */
int qcow2_signal_corruption(BlockDriverState *bs, const char *what)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t be[8];

    if (!s->corrupt) {
        fprintf(stderr, "qcow2: Marking image as corrupt: %s; further "
                "corruption events will be suppressed\n", what);
        s->corrupt = true;
        if (s->version >= 3 && !bs->read_only) {
            s->incompat |= QCOW2_INCOMPAT_CORRUPT;
            qcow2_st64(be, s->incompat);
            if (qcow2_write_header_field(bs, 72, be, 8) == 0) {
                bdrv_flush(bs->file);
            }
        }
    }
    return -EIO;
}

/*
 * Lazy refcounts: the first write of a session sets the dirty bit (and
 * makes it durable); a clean close clears it.  An image found dirty is
 * checked and repaired before it is written again.
 */
int qcow2_mark_dirty(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t be[8];
    int ret;

    if (!(s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) || s->version < 3 ||
        (s->incompat & QCOW2_INCOMPAT_DIRTY)) {
        return 0;
    }
    qcow2_st64(be, s->incompat | QCOW2_INCOMPAT_DIRTY);
    ret = qcow2_write_header_field(bs, 72, be, 8);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret == 0) {
        s->incompat |= QCOW2_INCOMPAT_DIRTY;
        s->set_dirty = true;
    }
    return ret;
}

static void qcow2_mark_clean(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t be[8];

    if (!s->set_dirty) {
        return;
    }
    if (bdrv_flush(bs->file) < 0) {
        return;
    }
    s->incompat &= ~QCOW2_INCOMPAT_DIRTY;
    qcow2_st64(be, s->incompat);
    if (qcow2_write_header_field(bs, 72, be, 8) == 0) {
        bdrv_flush(bs->file);
        s->set_dirty = false;
    }
}

static void qcow2_close(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    if (!s) {
        return;
    }
    if (!bs->read_only && s->l1_table) {
        qcow2_release_reservations(bs);
        qcow2_apply_pending(bs);
        bdrv_flush(bs->file);
        qcow2_mark_clean(bs);
    }
    free(s->pending);
    free(s->l1_table);
    free(s->refcount_table);
    free(s->cbuf);
    free(s->unknown_ext);
    qcow2_free_snapshots(s);
    qcow2_cache_destroy(&s->l2_cache);
    qcow2_cache_destroy(&s->rb_cache);
    memset(s, 0, sizeof(*s));
}

static int qcow2_open(BlockDriverState *bs, int flags, char *err,
                      size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t h[112];
    uint8_t *hc = NULL;
    int64_t flen = bdrv_getlength(bs->file);
    uint64_t backing_off, l1_bytes, need, i;
    uint32_t backing_len, crypt;
    int ret, ncache;

    memset(h, 0, sizeof(h));
    if (flen < 0) {
        snprintf(err, errlen, "Could not get the size of '%s'", bs->filename);
        return -EIO;
    }
    if (flen < 72) {
        snprintf(err, errlen, "Image is not in qcow2 format (file too "
                 "short)");
        return -EINVAL;
    }
    ret = bdrv_pread(bs->file, 0, h, flen < 112 ? flen : 112);
    if (ret < 0) {
        snprintf(err, errlen, "Could not read qcow2 header: %s",
                 strerror(-ret));
        return ret;
    }
    if (qcow2_be32(h) != QCOW_MAGIC) {
        snprintf(err, errlen, "Image is not in qcow2 format");
        return -EINVAL;
    }
    s->version = qcow2_be32(h + 4);
    if (s->version < 2 || s->version > 3) {
        snprintf(err, errlen, "Unsupported qcow2 version %d", s->version);
        return -ENOTSUP;
    }
    s->cluster_bits = qcow2_be32(h + 20);
    if (s->cluster_bits < 9 || s->cluster_bits > 21) {
        snprintf(err, errlen, "Unsupported cluster size: 2^%u",
                 (unsigned)s->cluster_bits);
        return -EINVAL;
    }
    s->cluster_size = 1 << s->cluster_bits;
    s->l2_bits = s->cluster_bits - 3;
    s->l2_size = 1 << s->l2_bits;
    s->size = qcow2_be64(h + 24);
    crypt = qcow2_be32(h + 32);
    s->l1_size = qcow2_be32(h + 36);
    s->l1_table_offset = qcow2_be64(h + 40);
    s->refcount_table_offset = qcow2_be64(h + 48);
    s->refcount_table_clusters = qcow2_be32(h + 56);
    s->nb_snapshots = qcow2_be32(h + 60);
    s->snapshots_offset = qcow2_be64(h + 64);
    backing_off = qcow2_be64(h + 8);
    backing_len = qcow2_be32(h + 16);
    if (s->version >= 3) {
        s->incompat = qcow2_be64(h + 72);
        s->compat = qcow2_be64(h + 80);
        s->autoclear = qcow2_be64(h + 88);
        s->refcount_order = qcow2_be32(h + 96) > 6 ? 7 :
                            (int)qcow2_be32(h + 96);
        s->header_length = qcow2_be32(h + 100);
        if (s->header_length < 104 || s->header_length > s->cluster_size ||
            s->header_length > flen) {
            snprintf(err, errlen, "qcow2 header length %u invalid",
                     s->header_length);
            return -EINVAL;
        }
        if (s->header_length > 104) {
            s->compression_type = h[104];
        }
    } else {
        s->refcount_order = 4;
        s->header_length = 72;
    }
    if (s->incompat & ~QCOW2_INCOMPAT_SUPPORTED) {
        uint64_t bad = s->incompat & ~QCOW2_INCOMPAT_SUPPORTED;
        snprintf(err, errlen, "Unsupported qcow2 feature(s): incompatible "
                 "bits 0x%" PRIx64 "%s", bad,
                 (bad & QCOW2_INCOMPAT_DATA_FILE) ? " (external data file)" :
                 (bad & QCOW2_INCOMPAT_EXTL2) ? " (extended L2 entries)" : "");
        return -ENOTSUP;
    }
    if (s->compression_type != 0) {
        snprintf(err, errlen, "Unsupported compression type %u (only zlib)",
                 s->compression_type);
        return -ENOTSUP;
    }
    if (crypt != 0) {
        snprintf(err, errlen, "Encrypted qcow2 images are not supported");
        return -ENOTSUP;
    }
    if (s->refcount_order > 6) {
        snprintf(err, errlen, "Reference count entry width too large; may "
                 "not exceed 64 bits");
        return -EINVAL;
    }
    s->refcount_bits = 1 << s->refcount_order;
    s->refcount_max = s->refcount_bits == 64 ? UINT64_MAX :
                      (1ULL << s->refcount_bits) - 1;
    s->refblock_bits = s->cluster_bits + 3 - s->refcount_order;
    s->csize_shift = 62 - (s->cluster_bits - 8);
    s->csize_mask = (1ULL << (s->cluster_bits - 8)) - 1;
    s->cluster_offset_mask = (1ULL << s->csize_shift) - 1;
    if ((s->incompat & QCOW2_INCOMPAT_CORRUPT) && (flags & BDRV_O_RDWR) &&
        !(flags & BDRV_O_CHECK)) {
        snprintf(err, errlen, "qcow2: Image is corrupt; cannot be opened "
                 "read/write");
        return -EACCES;
    }
    s->corrupt = (s->incompat & QCOW2_INCOMPAT_CORRUPT) != 0;

    /* Header extensions and backing file name, all in cluster 0. */
    hc = malloc(s->cluster_size);
    if (!hc) {
        return -ENOMEM;
    }
    memset(hc, 0, s->cluster_size);
    ret = bdrv_pread(bs->file, 0, hc, flen < s->cluster_size ?
                     flen : s->cluster_size);
    if (ret < 0) {
        free(hc);
        snprintf(err, errlen, "Could not read qcow2 header");
        return ret;
    }
    ret = qcow2_read_extensions(bs, hc, s->header_length,
                                backing_off && backing_off < s->cluster_size ?
                                backing_off : s->cluster_size, err, errlen);
    if (ret < 0) {
        free(hc);
        return ret;
    }
    if (backing_off) {
        if (backing_len > 1023 || backing_off > s->cluster_size ||
            backing_off + backing_len > s->cluster_size) {
            free(hc);
            snprintf(err, errlen, "Backing file name too long or outside "
                     "the header cluster");
            return -EINVAL;
        }
        memcpy(bs->backing_file, hc + backing_off, backing_len);
        bs->backing_file[backing_len] = 0;
    }
    free(hc);

    /* Size and L1 table. */
    if (s->size > QCOW2_MAX_SIZE) {
        snprintf(err, errlen, "Image size %" PRIu64 " is too large",
                 s->size);
        return -EFBIG;
    }
    need = (s->size + ((uint64_t)s->cluster_size << s->l2_bits) - 1) >>
           (s->cluster_bits + s->l2_bits);
    if ((uint64_t)s->l1_size * 8 > QCOW2_MAX_L1_BYTES) {
        snprintf(err, errlen, "Active L1 table too large");
        return -EFBIG;
    }
    if (s->l1_size < need) {
        snprintf(err, errlen, "L1 table is too small");
        return -EINVAL;
    }
    l1_bytes = (uint64_t)s->l1_size * 8;
    if (s->l1_size && ((s->l1_table_offset & (s->cluster_size - 1)) ||
                       s->l1_table_offset + l1_bytes > (uint64_t)flen ||
                       s->l1_table_offset + l1_bytes < s->l1_table_offset)) {
        snprintf(err, errlen, "Invalid L1 table offset");
        return -EINVAL;
    }
    s->l1_table = calloc(1, l1_bytes ? l1_bytes : 8);
    if (!s->l1_table) {
        return -ENOMEM;
    }
    if (l1_bytes) {
        uint8_t *raw = malloc(l1_bytes);
        if (!raw) {
            return -ENOMEM;
        }
        ret = bdrv_pread(bs->file, s->l1_table_offset, raw, l1_bytes);
        if (ret < 0) {
            free(raw);
            snprintf(err, errlen, "Could not read L1 table");
            return ret;
        }
        for (i = 0; i < s->l1_size; i++) {
            s->l1_table[i] = qcow2_be64(raw + 8 * i);
        }
        free(raw);
    }
    ret = qcow2_refcount_init(bs, err, errlen);
    if (ret < 0) {
        return ret;
    }
    ncache = (16 * 1024 * 1024) / s->cluster_size;
    if (ncache > 64) {
        ncache = 64;
    }
    if (ncache < 4) {
        ncache = 4;
    }
    if (qcow2_cache_init(&s->l2_cache, ncache, s->cluster_size) < 0 ||
        qcow2_cache_init(&s->rb_cache, ncache, s->cluster_size) < 0) {
        return -ENOMEM;
    }
    ret = qcow2_read_snapshots(bs, err, errlen);
    if (ret < 0) {
        return ret;
    }

    if ((flags & BDRV_O_RDWR) && !(flags & BDRV_O_CHECK)) {
        if (s->incompat & QCOW2_INCOMPAT_DIRTY) {
            BdrvCheckResult res;
            ret = qcow2_check(bs, &res, BDRV_FIX_LEAKS | BDRV_FIX_ERRORS);
            if (ret < 0 || res.corruptions) {
                snprintf(err, errlen, "Could not repair dirty image");
                return ret < 0 ? ret : -EIO;
            }
        }
        if (s->autoclear) {
            uint8_t be[8];
            s->autoclear = 0;
            qcow2_st64(be, 0);
            ret = qcow2_write_header_field(bs, 88, be, 8);
            if (ret < 0) {
                snprintf(err, errlen, "Could not update qcow2 header");
                return ret;
            }
        }
    }
    return 0;
}

static int qcow2_preadv(BlockDriverState *bs, uint64_t off, void *vbuf,
                        size_t len)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *buf = vbuf;
    int ret;

    while (len > 0) {
        Qcow2ClusterType type;
        uint64_t l2e, bytes;

        ret = qcow2_get_cluster(bs, off, len, &type, &l2e, &bytes);
        if (ret < 0) {
            return ret;
        }
        switch (type) {
        case QCOW2_CLUSTER_UNALLOCATED:
            if (bs->backing) {
                int64_t blen = bdrv_getlength(bs->backing);
                uint64_t n = 0;
                if (blen > 0 && off < (uint64_t)blen) {
                    n = (uint64_t)blen - off < bytes ? blen - off : bytes;
                    ret = bdrv_pread(bs->backing, off, buf, n);
                    if (ret < 0) {
                        return ret;
                    }
                }
                memset(buf + n, 0, bytes - n);
            } else {
                memset(buf, 0, bytes);
            }
            break;
        case QCOW2_CLUSTER_ZERO_PLAIN:
        case QCOW2_CLUSTER_ZERO_ALLOC:
            memset(buf, 0, bytes);
            break;
        case QCOW2_CLUSTER_NORMAL:
            ret = bdrv_pread(bs->file, (l2e & L2E_OFFSET_MASK) +
                             (off & (s->cluster_size - 1)), buf, bytes);
            if (ret < 0) {
                return ret;
            }
            break;
        case QCOW2_CLUSTER_COMPRESSED:
            ret = qcow2_read_compressed(bs, l2e);
            if (ret < 0) {
                return ret;
            }
            memcpy(buf, s->cbuf + (off & (s->cluster_size - 1)), bytes);
            break;
        }
        off += bytes;
        buf += bytes;
        len -= bytes;
    }
    return 0;
}

static int qcow2_pwritev(BlockDriverState *bs, uint64_t off, const void *buf,
                         size_t len)
{
    BDRVQcow2State *s = bs->opaque;

    int ret;

    if (off + len > qcow2_align_up(s->size, 512) || off + len < off) {
        return -EINVAL;
    }
    if (s->corrupt) {
        return -EIO;
    }
    ret = qcow2_mark_dirty(bs);
    if (ret < 0) {
        return ret;
    }
    return qcow2_write_clusters(bs, off, buf, len);
}

static int qcow2_pwrite_compressed(BlockDriverState *bs, uint64_t off,
                                   const void *buf, size_t len)
{
    int ret = qcow2_mark_dirty(bs);

    return ret < 0 ? ret : qcow2_write_compressed(bs, off, buf, len);
}

static size_t qcow2_compress(BlockDriverState *bs, const void *buf,
                             size_t len, void *out)
{
    BDRVQcow2State *s = bs->opaque;

    if (len > (size_t)s->cluster_size) {
        return 0;
    }
    return qcow2_compress_cluster(s->cluster_size, buf, len, out);
}

static int qcow2_pwrite_precompressed(BlockDriverState *bs, uint64_t off,
                                      const void *cdata, size_t clen,
                                      const void *buf, size_t len)
{
    int ret = qcow2_mark_dirty(bs);

    return ret < 0 ? ret : qcow2_write_precompressed(bs, off, cdata, clen,
                                                     buf, len);
}

static int qcow2_flush(BlockDriverState *bs)
{
    /* Metadata is write-through; deferred decrements go after a sync. */
    return bs->read_only ? 0 : qcow2_apply_pending(bs);
}

static int qcow2_discard(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    int ret = qcow2_mark_dirty(bs);

    return ret < 0 ? ret : qcow2_zero_clusters(bs, off, len,
                                               QCOW2_ZERO_DISCARD);
}

static int qcow2_write_zeroes(BlockDriverState *bs, uint64_t off,
                              uint64_t len)
{
    static const uint8_t zero[65536];
    int ret = qcow2_mark_dirty(bs);

    if (ret < 0) {
        return ret;
    }
    ret = qcow2_zero_clusters(bs, off, len, QCOW2_ZERO_WRITE);
    if (ret != -ENOTSUP) {
        return ret;
    }
    while (len > 0) {
        size_t n = len > sizeof(zero) ? sizeof(zero) : len;
        ret = qcow2_write_clusters(bs, off, zero, n);
        if (ret < 0) {
            return ret;
        }
        off += n;
        len -= n;
    }
    return 0;
}

static int64_t qcow2_getlength(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    return s->size;
}

static int qcow2_set_size(BlockDriverState *bs, uint64_t size)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t be[8];
    int ret;

    qcow2_st64(be, size);
    ret = qcow2_write_header_field(bs, 24, be, 8);
    if (ret == 0) {
        s->size = size;
    }
    return ret;
}

static int qcow2_preallocate(BlockDriverState *bs, uint64_t from,
                             uint64_t to, PreallocMode mode)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off = from & ~((uint64_t)s->cluster_size - 1);
    uint64_t end_host = 0;
    int64_t flen;
    int ret;

    while (off < to) {
        uint64_t l1_index = off >> (s->cluster_bits + s->l2_bits);
        uint64_t i = (off >> s->cluster_bits) & (s->l2_size - 1);
        uint64_t n = s->l2_size - i, k, l2_off;
        uint64_t left = (qcow2_align_up(to, s->cluster_size) - off) >>
                        s->cluster_bits;
        uint64_t *ents;
        uint8_t *t;
        int64_t host;

        if (n > left) {
            n = left;
        }
        ret = qcow2_l2_for_write(bs, l1_index, &l2_off);
        if (ret < 0) {
            return ret;
        }
        t = qcow2_cache_get(bs, &s->l2_cache, l2_off, true);
        if (!t) {
            return -EIO;
        }
        /* Only unallocated entries; keep the run contiguous. */
        for (k = 0; k < n; k++) {
            if (qcow2_be64(t + 8 * (i + k)) != 0) {
                break;
            }
        }
        if (k == 0) {
            off += s->cluster_size;
            continue;
        }
        n = k;
        host = qcow2_alloc_clusters(bs, n);
        if (host < 0) {
            return host;
        }
        if (mode == PREALLOC_FALLOC) {
            ret = file_fallocate(bs->file, host, n << s->cluster_bits);
        } else if (mode == PREALLOC_FULL) {
            ret = bdrv_write_zeroes(bs->file, host, n << s->cluster_bits);
            if (ret == 0) {
                ret = file_fallocate(bs->file, host, n << s->cluster_bits);
            }
        } else {
            ret = 0;
        }
        if (ret < 0) {
            return ret;
        }
        if ((uint64_t)host + (n << s->cluster_bits) > end_host) {
            end_host = host + (n << s->cluster_bits);
        }
        ents = malloc(n * 8);
        if (!ents) {
            return -ENOMEM;
        }
        for (k = 0; k < n; k++) {
            ents[k] = (host + (k << s->cluster_bits)) | QCOW_OFLAG_COPIED;
        }
        /* The referenced clusters must exist in the file. */
        flen = bdrv_getlength(bs->file);
        if (flen >= 0 && (uint64_t)flen < end_host) {
            if (ftruncate(bs->file->fd, end_host) < 0) {
                free(ents);
                return -errno;
            }
        }
        ret = qcow2_set_l2_entries(bs, l2_off, i, ents, n);
        free(ents);
        if (ret < 0) {
            return ret;
        }
        off += n << s->cluster_bits;
    }
    return 0;
}

static int qcow2_truncate(BlockDriverState *bs, uint64_t size, bool shrink,
                          PreallocMode prealloc, char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t need, old = s->size;
    int ret;

    if (size > QCOW2_MAX_SIZE) {
        snprintf(err, errlen, "Image size too large");
        return -EFBIG;
    }
    if (size < old) {
        if (!shrink) {
            snprintf(err, errlen, "Use the --shrink option to perform a "
                     "shrink operation.");
            return -EINVAL;
        }
        if (s->nb_snapshots) {
            snprintf(err, errlen, "Can't shrink an image with internal "
                     "snapshots");
            return -ENOTSUP;
        }
        ret = qcow2_zero_clusters(bs, qcow2_align_up(size, s->cluster_size),
                                  qcow2_align_up(old, s->cluster_size) -
                                  qcow2_align_up(size, s->cluster_size),
                                  QCOW2_ZERO_DROP);
        if (ret == 0) {
            ret = bdrv_flush(bs->file);
        }
        if (ret == 0) {
            ret = qcow2_set_size(bs, size);
        }
        if (ret < 0) {
            snprintf(err, errlen, "Failed to shrink image: %s",
                     strerror(-ret));
        }
        return ret;
    }
    need = (size + ((uint64_t)s->cluster_size << s->l2_bits) - 1) >>
           (s->cluster_bits + s->l2_bits);
    ret = qcow2_grow_l1(bs, need);
    if (ret == 0 && prealloc != PREALLOC_OFF) {
        ret = qcow2_preallocate(bs, old, size, prealloc);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret == 0) {
        ret = qcow2_set_size(bs, size);
    }
    if (ret < 0) {
        snprintf(err, errlen, "Failed to grow the image: %s", strerror(-ret));
    }
    return ret;
}

static int qcow2_block_status(BlockDriverState *bs, uint64_t off,
                              uint64_t len, uint64_t *pnum, uint64_t *map)
{
    Qcow2ClusterType type;
    uint64_t l2e, bytes;
    int ret;

    ret = qcow2_get_cluster(bs, off, len, &type, &l2e, &bytes);
    if (ret < 0) {
        return ret;
    }
    *pnum = bytes;
    *map = 0;
    switch (type) {
    case QCOW2_CLUSTER_UNALLOCATED:
        return 0;
    case QCOW2_CLUSTER_ZERO_PLAIN:
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_ALLOCATED;
    case QCOW2_CLUSTER_ZERO_ALLOC:
        *map = (l2e & L2E_OFFSET_MASK) +
               (off & (((BDRVQcow2State *)bs->opaque)->cluster_size - 1));
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_ALLOCATED |
               BDRV_BLOCK_OFFSET_VALID;
    case QCOW2_CLUSTER_NORMAL:
        *map = (l2e & L2E_OFFSET_MASK) +
               (off & (((BDRVQcow2State *)bs->opaque)->cluster_size - 1));
        return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED |
               BDRV_BLOCK_OFFSET_VALID;
    default:
        return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED |
               BDRV_BLOCK_COMPRESSED;
    }
}

static int qcow2_create(const char *filename, BlockCreateOpts *o, char *err,
                        size_t errlen)
{
    int cs = o->cluster_size ? o->cluster_size : 65536;
    int compat = o->compat ? o->compat : 3;
    int rbits = o->refcount_bits ? o->refcount_bits : 16;
    int cbits, order;
    BlockDriverState *bs, *file;
    BDRVQcow2State *s;
    uint8_t *buf;
    int fd, ret;

    if (cs < 512 || cs > 2 * 1024 * 1024 || (cs & (cs - 1))) {
        snprintf(err, errlen, "Cluster size must be a power of two between "
                 "512 and 2048k");
        return -EINVAL;
    }
    if (rbits < 1 || rbits > 64 || (rbits & (rbits - 1))) {
        snprintf(err, errlen, "Refcount width must be a power of two and "
                 "may not exceed 64 bits");
        return -EINVAL;
    }
    if (compat == 2 && rbits != 16) {
        snprintf(err, errlen, "Different refcount widths than 16 bits "
                 "require compatibility level 1.1 or above (use compat=1.1 "
                 "or greater)");
        return -EINVAL;
    }
    if (compat == 2 && o->lazy_refcounts) {
        snprintf(err, errlen, "Lazy refcounts only supported with "
                 "compatibility level 1.1 and above (use compat=1.1 or "
                 "greater)");
        return -EINVAL;
    }
    if (o->backing_fmt && !o->backing_file) {
        snprintf(err, errlen, "Backing format cannot be used without "
                 "backing file");
        return -EINVAL;
    }
    if (o->backing_file && strlen(o->backing_file) > 1023) {
        snprintf(err, errlen, "Backing file name too long");
        return -EINVAL;
    }
    if (o->backing_file && o->prealloc != PREALLOC_OFF) {
        snprintf(err, errlen, "Backing file and preallocation can only be "
                 "used at the same time if extended_l2 is on");
        return -EINVAL;
    }
    for (cbits = 0; (1 << cbits) < cs; cbits++) {
    }
    for (order = 0; (1 << order) < rbits; order++) {
    }

    fd = open(filename, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        ret = -errno;
        snprintf(err, errlen, "Could not create '%s': %s", filename,
                 strerror(errno));
        return ret;
    }
    close(fd);
    file = bdrv_open_protocol(filename, BDRV_O_RDWR, err, errlen);
    if (!file) {
        return -EIO;
    }
    /* Empty image: header, refcount table, one refcount block. */
    buf = calloc(3, cs);
    if (!buf) {
        bdrv_close(file);
        return -ENOMEM;
    }
    qcow2_st32(buf, QCOW_MAGIC);
    qcow2_st32(buf + 4, compat);
    qcow2_st32(buf + 20, cbits);
    qcow2_st64(buf + 48, cs);
    qcow2_st32(buf + 56, 1);
    if (compat >= 3) {
        qcow2_st32(buf + 96, order);
        qcow2_st32(buf + 100, 112);
    }
    qcow2_st64(buf + cs, 2 * (uint64_t)cs);
    qcow2_set_refcount_entry(buf + 2 * cs, order, 0, 1);
    qcow2_set_refcount_entry(buf + 2 * cs, order, 1, 1);
    qcow2_set_refcount_entry(buf + 2 * cs, order, 2, 1);
    ret = bdrv_pwrite(file, 0, buf, 3 * cs);
    free(buf);
    bdrv_close(file);
    if (ret < 0) {
        snprintf(err, errlen, "Could not write '%s': %s", filename,
                 strerror(-ret));
        return ret;
    }

    bs = bdrv_open(filename, "qcow2", BDRV_O_RDWR | BDRV_O_NO_BACKING,
                   err, errlen);
    if (!bs) {
        return -EIO;
    }
    s = bs->opaque;
    if (o->lazy_refcounts) {
        s->compat |= QCOW2_COMPAT_LAZY_REFCOUNTS;
    }
    if (o->backing_file) {
        snprintf(bs->backing_file, sizeof(bs->backing_file), "%s",
                 o->backing_file);
        snprintf(bs->backing_format, sizeof(bs->backing_format), "%s",
                 o->backing_fmt ? o->backing_fmt : "");
    }
    ret = qcow2_update_header(bs);
    if (ret == 0) {
        ret = qcow2_truncate(bs, o->size, false, o->prealloc, err, errlen);
    } else {
        snprintf(err, errlen, "Could not write qcow2 header");
    }
    if (ret == 0) {
        ret = bdrv_flush(bs);
    }
    bdrv_close(bs);
    return ret;
}

static int qcow2_get_info(BlockDriverState *bs, BdrvInfo *info)
{
    BDRVQcow2State *s = bs->opaque;

    memset(info, 0, sizeof(*info));
    info->cluster_size = s->cluster_size;
    info->compat = s->version;
    info->lazy_refcounts = (s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) != 0;
    info->refcount_bits = s->refcount_bits;
    info->corrupt = s->corrupt;
    info->dirty = (s->incompat & QCOW2_INCOMPAT_DIRTY) != 0;
    return 0;
}

static int qcow2_change_backing(BlockDriverState *bs, const char *file,
                                const char *fmt)
{
    BDRVQcow2State *s = bs->opaque;

    if (file && strlen(file) > 1023) {
        return -EINVAL;
    }
    snprintf(bs->backing_file, sizeof(bs->backing_file), "%s",
             file ? file : "");
    snprintf(bs->backing_format, sizeof(bs->backing_format), "%s",
             (file && fmt) ? fmt : "");
    (void)s;
    return qcow2_update_header(bs);
}

static int qcow2_amend(BlockDriverState *bs, BlockCreateOpts *o, char *err,
                       size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    int ret;

    if (o->compat && o->compat != s->version) {
        if (o->compat == 3) {
            s->version = 3;
            s->refcount_order = 4;
        } else {
            if (s->refcount_bits != 16 || s->compat) {
                snprintf(err, errlen, "Cannot downgrade an image with "
                         "refcount_bits != 16 or lazy refcounts");
                return -ENOTSUP;
            }
            snprintf(err, errlen, "Downgrading to compat=0.10 is not "
                     "supported");
            return -ENOTSUP;
        }
    }
    if (o->refcount_bits && o->refcount_bits != s->refcount_bits) {
        snprintf(err, errlen, "Changing the refcount width is not "
                 "supported");
        return -ENOTSUP;
    }
    if (o->cluster_size && o->cluster_size != s->cluster_size) {
        snprintf(err, errlen, "Changing the cluster size is not supported");
        return -ENOTSUP;
    }
    if (o->lazy_refcounts_set && o->lazy_refcounts) {
        if (s->version < 3) {
            snprintf(err, errlen, "Lazy refcounts only supported with "
                     "compatibility level 1.1 and above (use compat=1.1 or "
                     "greater)");
            return -EINVAL;
        }
        s->compat |= QCOW2_COMPAT_LAZY_REFCOUNTS;
    } else if (o->lazy_refcounts_set) {
        /* turning lazy refcounts off: the refcounts are always current
         * here (we write them eagerly), so only the bit changes */
        s->compat &= ~QCOW2_COMPAT_LAZY_REFCOUNTS;
    }
    if (o->backing_file) {
        snprintf(bs->backing_file, sizeof(bs->backing_file), "%s",
                 o->backing_file);
        if (o->backing_fmt) {
            snprintf(bs->backing_format, sizeof(bs->backing_format), "%s",
                     o->backing_fmt);
        }
    }
    ret = qcow2_update_header(bs);
    if (ret == 0 && o->size_set && o->size != s->size) {
        ret = qcow2_truncate(bs, o->size, true, PREALLOC_OFF, err, errlen);
    }
    if (ret < 0 && !err[0]) {
        snprintf(err, errlen, "Could not update the image: %s",
                 strerror(-ret));
    }
    return ret;
}

static int qcow2_check_entry(BlockDriverState *bs, BdrvCheckResult *res,
                             int fix)
{
    return qcow2_check(bs, res, fix);
}

const BlockDriver bdrv_qcow2 = {
    .format_name = "qcow2",
    .instance_size = sizeof(BDRVQcow2State),
    .probe = qcow2_probe,
    .open = qcow2_open,
    .close = qcow2_close,
    .preadv = qcow2_preadv,
    .pwritev = qcow2_pwritev,
    .pwrite_compressed = qcow2_pwrite_compressed,
    .compress = qcow2_compress,
    .pwrite_precompressed = qcow2_pwrite_precompressed,
    .flush = qcow2_flush,
    .discard = qcow2_discard,
    .write_zeroes = qcow2_write_zeroes,
    .getlength = qcow2_getlength,
    .truncate = qcow2_truncate,
    .block_status = qcow2_block_status,
    .create = qcow2_create,
    .check = qcow2_check_entry,
    .get_info = qcow2_get_info,
    .snapshot_create = qcow2_snapshot_create,
    .snapshot_apply = qcow2_snapshot_apply,
    .snapshot_delete = qcow2_snapshot_delete,
    .snapshot_list = qcow2_snapshot_list,
    .snapshot_load_tmp = qcow2_snapshot_load_tmp,
    .change_backing = qcow2_change_backing,
    .amend = qcow2_amend,
};
