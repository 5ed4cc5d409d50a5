/*
 * raw.c: the raw format, a pass-through to the protocol node.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"

static int raw_probe(const uint8_t *buf, int len, const char *filename)
{
    return 1;                   /* anything is a raw image */
}

static int raw_open(BlockDriverState *bs, int flags, char *err, size_t errlen)
{
    return 0;
}

static int raw_preadv(BlockDriverState *bs, uint64_t off, void *buf,
                      size_t len)
{
    return bdrv_pread(bs->file, off, buf, len);
}

static int raw_pwritev(BlockDriverState *bs, uint64_t off, const void *buf,
                       size_t len)
{
    return bdrv_pwrite(bs->file, off, buf, len);
}

static int raw_flush(BlockDriverState *bs)
{
    return 0;                   /* bdrv_flush() flushes the file node */
}

static int raw_discard(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    return bdrv_discard(bs->file, off, len);
}

static int raw_write_zeroes(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    return bdrv_write_zeroes(bs->file, off, len);
}

static int64_t raw_getlength(BlockDriverState *bs)
{
    return bdrv_getlength(bs->file);
}

static int raw_truncate(BlockDriverState *bs, uint64_t size, bool shrink,
                        PreallocMode prealloc, char *err, size_t errlen)
{
    return bdrv_truncate(bs->file, size, shrink, prealloc, err, errlen);
}

static int raw_block_status(BlockDriverState *bs, uint64_t off, uint64_t len,
                            uint64_t *pnum, uint64_t *map)
{
    int ret = bdrv_block_status(bs->file, off, len, pnum, map);

    return ret | BDRV_BLOCK_ALLOCATED;
}

static int raw_create(const char *filename, BlockCreateOpts *opts, char *err,
                      size_t errlen)
{
    BlockDriverState *file;
    int fd, ret;

    if (opts->backing_file) {
        snprintf(err, errlen, "Backing file not supported for file format "
                 "'raw'");
        return -EINVAL;
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
    ret = bdrv_truncate(file, opts->size, true,
                        opts->prealloc == PREALLOC_METADATA ? PREALLOC_OFF :
                        opts->prealloc, err, errlen);
    bdrv_close(file);
    return ret;
}

const BlockDriver bdrv_raw = {
    .format_name = "raw",
    .probe = raw_probe,
    .open = raw_open,
    .preadv = raw_preadv,
    .pwritev = raw_pwritev,
    .flush = raw_flush,
    .discard = raw_discard,
    .write_zeroes = raw_write_zeroes,
    .getlength = raw_getlength,
    .truncate = raw_truncate,
    .block_status = raw_block_status,
    .create = raw_create,
};
