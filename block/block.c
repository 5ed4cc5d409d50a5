/*
 * block.c: opening image graphs and the generic request API.
 *
 * bdrv_open() opens the protocol node (a host file), probes or looks up
 * the format driver, opens the format on top, and then the backing chain
 * (read-only, each layer's format from the image or probed).  Chains are
 * bounded in depth and checked for loops by device/inode.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "block/block.h"

#define BDRV_MAX_CHAIN 64

static const BlockDriver *const format_drivers[] = {
    &bdrv_qcow2,
    &bdrv_raw,
};

const BlockDriver *bdrv_find_format(const char *name)
{
    size_t i;

    if (!strcmp(name, "file")) {
        return &bdrv_file;
    }
    for (i = 0; i < sizeof(format_drivers) / sizeof(format_drivers[0]); i++) {
        if (!strcmp(format_drivers[i]->format_name, name)) {
            return format_drivers[i];
        }
    }
    return NULL;
}

int bdrv_parse_cache_mode(const char *mode, int *flags)
{
    *flags &= ~(BDRV_O_NOCACHE | BDRV_O_WRITETHRU | BDRV_O_NO_FLUSH);
    if (!strcmp(mode, "writeback")) {
        return 0;
    } else if (!strcmp(mode, "none") || !strcmp(mode, "off")) {
        *flags |= BDRV_O_NOCACHE;
    } else if (!strcmp(mode, "writethrough")) {
        *flags |= BDRV_O_WRITETHRU;
    } else if (!strcmp(mode, "directsync")) {
        *flags |= BDRV_O_NOCACHE | BDRV_O_WRITETHRU;
    } else if (!strcmp(mode, "unsafe")) {
        *flags |= BDRV_O_NO_FLUSH;
    } else {
        return -EINVAL;
    }
    return 0;
}

static BlockDriverState *bdrv_new(const BlockDriver *drv, const char *filename,
                                  int flags)
{
    BlockDriverState *bs = calloc(1, sizeof(*bs));

    if (!bs) {
        return NULL;
    }
    bs->drv = drv;
    bs->fd = -1;
    bs->open_flags = flags;
    bs->read_only = !(flags & BDRV_O_RDWR);
    snprintf(bs->filename, sizeof(bs->filename), "%s", filename);
    pthread_mutex_init(&bs->lock, NULL);
    if (drv->instance_size) {
        bs->opaque = calloc(1, drv->instance_size);
        if (!bs->opaque) {
            free(bs);
            return NULL;
        }
    }
    return bs;
}

static void bdrv_free(BlockDriverState *bs)
{
    pthread_mutex_destroy(&bs->lock);
    free(bs->opaque);
    free(bs);
}

BlockDriverState *bdrv_open_protocol(const char *filename, int flags,
                                     char *err, size_t errlen)
{
    BlockDriverState *bs = bdrv_new(&bdrv_file, filename, flags);

    if (!bs) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (bdrv_file.open(bs, flags, err, errlen) < 0) {
        bdrv_free(bs);
        return NULL;
    }
    return bs;
}

static const BlockDriver *bdrv_probe_buf(const uint8_t *buf, int len,
                                         const char *filename)
{
    const BlockDriver *best = &bdrv_raw;
    int best_score = 0;
    size_t i;

    for (i = 0; i < sizeof(format_drivers) / sizeof(format_drivers[0]); i++) {
        if (format_drivers[i]->probe) {
            int score = format_drivers[i]->probe(buf, len, filename);
            if (score > best_score) {
                best_score = score;
                best = format_drivers[i];
            }
        }
    }
    return best;
}

const BlockDriver *bdrv_probe_format(const char *filename)
{
    char err[256];
    uint8_t buf[512] = { 0 };
    BlockDriverState *file;
    const BlockDriver *drv;

    file = bdrv_open_protocol(filename, BDRV_O_NO_LOCK, err, sizeof(err));
    if (!file) {
        return NULL;
    }
    bdrv_pread(file, 0, buf, sizeof(buf));
    drv = bdrv_probe_buf(buf, sizeof(buf), filename);
    bdrv_close(file);
    return drv;
}

void bdrv_backing_path(const char *image, const char *backing, char *out,
                       size_t outlen)
{
    const char *slash;

    if (backing[0] == '/' || !(slash = strrchr(image, '/'))) {
        snprintf(out, outlen, "%s", backing);
        return;
    }
    snprintf(out, outlen, "%.*s%s", (int)(slash - image + 1), image, backing);
}

typedef struct ChainIds {
    int n;
    dev_t dev[BDRV_MAX_CHAIN + 1];
    ino_t ino[BDRV_MAX_CHAIN + 1];
} ChainIds;

static BlockDriverState *bdrv_open_chain(const char *filename, const char *fmt,
                                         int flags, ChainIds *ids,
                                         char *err, size_t errlen)
{
    BlockDriverState *file, *bs;
    const BlockDriver *drv;
    struct stat st;
    int i;

    if (ids->n > BDRV_MAX_CHAIN) {
        snprintf(err, errlen, "Backing chain of '%s' is too deep (more than "
                 "%d images)", filename, BDRV_MAX_CHAIN);
        return NULL;
    }
    if (stat(filename, &st) == 0) {
        for (i = 0; i < ids->n; i++) {
            if (ids->dev[i] == st.st_dev && ids->ino[i] == st.st_ino) {
                snprintf(err, errlen, "Backing file loop detected at '%s'",
                         filename);
                return NULL;
            }
        }
        ids->dev[ids->n] = st.st_dev;
        ids->ino[ids->n] = st.st_ino;
    }
    ids->n++;

    if (fmt) {
        drv = bdrv_find_format(fmt);
        if (!drv) {
            snprintf(err, errlen, "Unknown driver '%s'", fmt);
            return NULL;
        }
    } else {
        drv = NULL;
    }
    file = bdrv_open_protocol(filename, flags, err, errlen);
    if (!file) {
        return NULL;
    }
    if (drv == &bdrv_file) {
        return file;
    }
    if (!drv) {
        uint8_t buf[512] = { 0 };
        if (bdrv_pread(file, 0, buf, sizeof(buf)) < 0) {
            snprintf(err, errlen, "Could not read '%s'", filename);
            bdrv_close(file);
            return NULL;
        }
        drv = bdrv_probe_buf(buf, sizeof(buf), filename);
    }
    bs = bdrv_new(drv, filename, flags);
    if (!bs) {
        bdrv_close(file);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    bs->file = file;
    if (drv->open(bs, flags, err, errlen) < 0) {
        if (drv->close) {
            drv->close(bs);     /* frees whatever open got to */
        }
        bdrv_close(file);
        bdrv_free(bs);
        return NULL;
    }
    if (bs->backing_file[0] && !(flags & BDRV_O_NO_BACKING)) {
        char path[4096 + 1024];
        char sub[1024];
        int bflags = (flags & ~(BDRV_O_RDWR | BDRV_O_CHECK)) | BDRV_O_NO_LOCK;

        bdrv_backing_path(filename, bs->backing_file, path, sizeof(path));
        bs->backing = bdrv_open_chain(path, bs->backing_format[0] ?
                                      bs->backing_format : NULL,
                                      bflags, ids, sub, sizeof(sub));
        if (!bs->backing) {
            if (strstr(sub, "loop") || strstr(sub, "too deep")) {
                snprintf(err, errlen, "%s", sub);
            } else {
                snprintf(err, errlen, "Could not open backing file: %s", sub);
            }
            bdrv_close(bs);
            return NULL;
        }
    }
    return bs;
}

BlockDriverState *bdrv_open(const char *filename, const char *fmt, int flags,
                            char *err, size_t errlen)
{
    ChainIds ids;

    ids.n = 0;
    return bdrv_open_chain(filename, fmt, flags, &ids, err, errlen);
}

void bdrv_close(BlockDriverState *bs)
{
    if (!bs) {
        return;
    }
    if (bs->drv->close) {
        bs->drv->close(bs);
    }
    if (bs->backing) {
        bdrv_close(bs->backing);
    }
    if (bs->file) {
        bdrv_close(bs->file);
    }
    bdrv_free(bs);
}

int bdrv_pread(BlockDriverState *bs, uint64_t off, void *buf, size_t len)
{
    if (len == 0) {
        return 0;
    }
    return bs->drv->preadv(bs, off, buf, len);
}

int bdrv_pwrite(BlockDriverState *bs, uint64_t off, const void *buf,
                size_t len)
{
    if (bs->read_only) {
        return -EACCES;
    }
    if (len == 0) {
        return 0;
    }
    return bs->drv->pwritev(bs, off, buf, len);
}

int bdrv_pwrite_compressed(BlockDriverState *bs, uint64_t off,
                           const void *buf, size_t len)
{
    if (bs->read_only) {
        return -EACCES;
    }
    if (!bs->drv->pwrite_compressed) {
        return -ENOTSUP;
    }
    return bs->drv->pwrite_compressed(bs, off, buf, len);
}

int bdrv_compress(BlockDriverState *bs, const void *buf, size_t len,
                  void *out, size_t *clen)
{
    if (!bs->drv->compress) {
        return -ENOTSUP;
    }
    *clen = bs->drv->compress(bs, buf, len, out);
    return 0;
}

int bdrv_pwrite_precompressed(BlockDriverState *bs, uint64_t off,
                              const void *cdata, size_t clen,
                              const void *buf, size_t len)
{
    if (bs->read_only) {
        return -EACCES;
    }
    if (!bs->drv->pwrite_precompressed) {
        return -ENOTSUP;
    }
    return bs->drv->pwrite_precompressed(bs, off, cdata, clen, buf, len);
}

int bdrv_flush(BlockDriverState *bs)
{
    int ret = 0;

    if (bs->drv->flush) {
        ret = bs->drv->flush(bs);
    }
    if (ret == 0 && bs->file && !bs->read_only) {
        ret = bdrv_flush(bs->file);
    }
    return ret;
}

int bdrv_discard(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    if (bs->read_only) {
        return -EACCES;
    }
    if (!bs->drv->discard) {
        return 0;
    }
    return bs->drv->discard(bs, off, len);
}

int bdrv_write_zeroes(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    static const uint8_t zero[65536];

    if (bs->read_only) {
        return -EACCES;
    }
    if (bs->drv->write_zeroes) {
        return bs->drv->write_zeroes(bs, off, len);
    }
    while (len > 0) {
        size_t n = len > sizeof(zero) ? sizeof(zero) : len;
        int ret = bdrv_pwrite(bs, off, zero, n);
        if (ret < 0) {
            return ret;
        }
        off += n;
        len -= n;
    }
    return 0;
}

int64_t bdrv_getlength(BlockDriverState *bs)
{
    return bs->drv->getlength(bs);
}

int bdrv_truncate(BlockDriverState *bs, uint64_t size, bool shrink,
                  PreallocMode prealloc, char *err, size_t errlen)
{
    if (bs->read_only) {
        snprintf(err, errlen, "Image is read-only");
        return -EACCES;
    }
    if (!bs->drv->truncate) {
        snprintf(err, errlen, "Image format driver does not support resize");
        return -ENOTSUP;
    }
    return bs->drv->truncate(bs, size, shrink, prealloc, err, errlen);
}

int bdrv_block_status(BlockDriverState *bs, uint64_t off, uint64_t len,
                      uint64_t *pnum, uint64_t *map)
{
    int ret;

    *map = 0;
    if (!bs->drv->block_status) {
        *pnum = len;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED;
    }
    ret = bs->drv->block_status(bs, off, len, pnum, map);
    /* Data mapped to a hole of the host file reads as zeroes. */
    if (ret > 0 && (ret & BDRV_BLOCK_DATA) && (ret & BDRV_BLOCK_OFFSET_VALID)
        && bs->file && bs->file->drv->block_status && *pnum > 0) {
        uint64_t fpnum, fmap;
        int fret = bs->file->drv->block_status(bs->file, *map, *pnum,
                                               &fpnum, &fmap);
        if (fret >= 0 && fpnum > 0) {
            *pnum = fpnum;
            if (fret & BDRV_BLOCK_ZERO) {
                ret |= BDRV_BLOCK_ZERO;
            }
        }
    }
    return ret;
}

int64_t bdrv_get_allocated_file_size(BlockDriverState *bs)
{
    struct stat st;

    while (bs->file) {
        bs = bs->file;
    }
    if (fstat(bs->fd, &st) < 0) {
        return -errno;
    }
    return (int64_t)st.st_blocks * 512;
}

int bdrv_create(const char *fmt, const char *filename, BlockCreateOpts *opts,
                char *err, size_t errlen)
{
    const BlockDriver *drv = bdrv_find_format(fmt);

    if (!drv || !drv->create) {
        snprintf(err, errlen, "Unknown file format '%s'", fmt);
        return -EINVAL;
    }
    return drv->create(filename, opts, err, errlen);
}
