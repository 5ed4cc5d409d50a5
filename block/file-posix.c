/*
 * file-posix.c: the host file / block device protocol.
 *
 * Cache modes map to open flags: cache=none and directsync use O_DIRECT
 * (unaligned requests go through aligned bounce buffers), writethrough and
 * directsync flush after every write, unsafe turns flushes into no-ops.
 * A flush returns only after fdatasync() succeeded.
 *
 * Locking: an OFD lock on byte 100 of the file, exclusive for read-write
 * opens and shared for read-only ones, so two processes cannot both open
 * an image read-write (nor read it while another one writes it).  OFD
 * locks belong to the open file description, so they are dropped by the
 * kernel when the process dies, however it dies.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "block/block.h"

#define FILE_LOCK_BYTE 100

static int file_lock(int fd, bool write)
{
    struct flock fl = {
        .l_type = write ? F_WRLCK : F_RDLCK,
        .l_whence = SEEK_SET,
        .l_start = FILE_LOCK_BYTE,
        .l_len = 1,
    };

    if (fcntl(fd, F_OFD_SETLK, &fl) < 0) {
        if (errno == EINVAL || errno == ENOSYS) {
            return 0;           /* filesystem without OFD locks */
        }
        return -errno;
    }
    return 0;
}

static int file_open(BlockDriverState *bs, int flags, char *err, size_t errlen)
{
    int oflags = O_CLOEXEC;
    struct stat st;
    int fd, ret;

    oflags |= (flags & BDRV_O_RDWR) ? O_RDWR : O_RDONLY;
    if (flags & BDRV_O_NOCACHE) {
        oflags |= O_DIRECT;
    }
    fd = open(bs->filename, oflags);
    if (fd < 0) {
        ret = -errno;
        snprintf(err, errlen, "Could not open '%s': %s", bs->filename,
                 strerror(errno));
        return ret;
    }
    if (fstat(fd, &st) < 0 || (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))) {
        snprintf(err, errlen, "Could not open '%s': not a regular file or "
                 "block device", bs->filename);
        close(fd);
        return -EINVAL;
    }
    if (!(flags & BDRV_O_NO_LOCK)) {
        ret = file_lock(fd, flags & BDRV_O_RDWR);
        if (ret < 0) {
            snprintf(err, errlen, "Failed to get \"%s\" lock on '%s': "
                     "Is another process using the image?",
                     (flags & BDRV_O_RDWR) ? "write" : "shared",
                     bs->filename);
            close(fd);
            return ret;
        }
    }
    bs->fd = fd;
    bs->align = (flags & BDRV_O_NOCACHE) ? 4096 : 1;
    bs->read_only = !(flags & BDRV_O_RDWR);
    return 0;
}

static void file_close(BlockDriverState *bs)
{
    if (bs->fd >= 0) {
        close(bs->fd);
        bs->fd = -1;
    }
}

/* Plain positional I/O: retries on EINTR and short transfers. */
static int file_rw_raw(int fd, uint64_t off, void *buf, size_t len, bool write)
{
    uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = write ? pwrite(fd, p, len, off) : pread(fd, p, len, off);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            if (write) {
                return -EIO;
            }
            memset(p, 0, len);  /* reads past EOF see zeroes */
            return 0;
        }
        p += n;
        off += n;
        len -= n;
    }
    return 0;
}

static bool file_aligned(BlockDriverState *bs, uint64_t off, const void *buf,
                         size_t len)
{
    uint64_t a = bs->align;

    return (off % a) == 0 && (len % a) == 0 && ((uintptr_t)buf % a) == 0;
}

/* O_DIRECT with an unaligned request: go through an aligned bounce buffer. */
static int file_rw_bounce(BlockDriverState *bs, uint64_t off, void *buf,
                          size_t len, bool write)
{
    uint64_t a = bs->align;
    uint64_t start = off & ~(a - 1);
    uint64_t end = (off + len + a - 1) & ~(a - 1);
    size_t blen = end - start;
    void *bounce;
    int ret;

    if (posix_memalign(&bounce, a, blen)) {
        return -ENOMEM;
    }
    if (write && (start != off || end != off + len)) {
        /* Read-modify-write of the partial edge blocks. */
        ret = file_rw_raw(bs->fd, start, bounce, blen, false);
        if (ret < 0) {
            free(bounce);
            return ret;
        }
    }
    if (write) {
        struct stat st;
        uint64_t size0 = fstat(bs->fd, &st) == 0 ? (uint64_t)st.st_size : 0;

        memcpy((uint8_t *)bounce + (off - start), buf, len);
        ret = file_rw_raw(bs->fd, start, bounce, blen, true);
        if (ret == 0 && end > size0) {
            /* The padded tail block must not grow the file past the data. */
            uint64_t want = size0 > off + len ? size0 : off + len;
            if (want < end) {
                ret = ftruncate(bs->fd, want) < 0 ? -errno : 0;
            }
        }
    } else {
        ret = file_rw_raw(bs->fd, start, bounce, blen, false);
        if (ret == 0) {
            memcpy(buf, (uint8_t *)bounce + (off - start), len);
        }
    }
    free(bounce);
    return ret;
}

static int file_flush(BlockDriverState *bs)
{
    if (bs->open_flags & BDRV_O_NO_FLUSH) {
        return 0;
    }
    if (fdatasync(bs->fd) < 0) {
        return -errno;
    }
    return 0;
}

static int file_preadv(BlockDriverState *bs, uint64_t off, void *buf,
                       size_t len)
{
    if (bs->align > 1 && !file_aligned(bs, off, buf, len)) {
        return file_rw_bounce(bs, off, buf, len, false);
    }
    return file_rw_raw(bs->fd, off, buf, len, false);
}

static int file_pwritev(BlockDriverState *bs, uint64_t off, const void *buf,
                        size_t len)
{
    int ret;

    if (bs->read_only) {
        return -EACCES;
    }
    if (bs->align > 1 && !file_aligned(bs, off, buf, len)) {
        ret = file_rw_bounce(bs, off, (void *)buf, len, true);
    } else {
        ret = file_rw_raw(bs->fd, off, (void *)buf, len, true);
    }
    if (ret == 0 && (bs->open_flags & BDRV_O_WRITETHRU)) {
        ret = file_flush(bs);
    }
    return ret;
}

static int64_t file_getlength(BlockDriverState *bs)
{
    struct stat st;

    if (fstat(bs->fd, &st) < 0) {
        return -errno;
    }
    if (S_ISBLK(st.st_mode)) {
        uint64_t size;
        if (ioctl(bs->fd, BLKGETSIZE64, &size) < 0) {
            return -errno;
        }
        return size;
    }
    return st.st_size;
}

static int file_discard(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    if (fallocate(bs->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  off, len) < 0) {
        return errno == EOPNOTSUPP ? 0 : -errno;
    }
    return 0;
}

static int file_write_zeroes(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    int64_t flen = file_getlength(bs);
    static const uint8_t zero[65536];

    if (fallocate(bs->fd, FALLOC_FL_ZERO_RANGE, off, len) == 0) {
        return 0;
    }
    if (flen >= 0 && off + len <= (uint64_t)flen &&
        fallocate(bs->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  off, len) == 0) {
        return 0;
    }
    while (len > 0) {
        size_t n = len > sizeof(zero) ? sizeof(zero) : len;
        int ret = file_pwritev(bs, off, zero, n);
        if (ret < 0) {
            return ret;
        }
        off += n;
        len -= n;
    }
    return 0;
}

int file_fallocate(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    if (posix_fallocate(bs->fd, off, len) != 0) {
        return -EIO;
    }
    return 0;
}

static int file_truncate(BlockDriverState *bs, uint64_t size, bool shrink,
                         PreallocMode prealloc, char *err, size_t errlen)
{
    int64_t cur = file_getlength(bs);

    if (cur < 0) {
        return cur;
    }
    if (size < (uint64_t)cur && !shrink) {
        snprintf(err, errlen, "Use the --shrink option to perform a shrink "
                 "operation.");
        return -EINVAL;
    }
    if (ftruncate(bs->fd, size) < 0) {
        snprintf(err, errlen, "Failed to resize file: %s", strerror(errno));
        return -errno;
    }
    if (size > (uint64_t)cur && prealloc == PREALLOC_FALLOC) {
        return file_fallocate(bs, cur, size - cur);
    }
    if (size > (uint64_t)cur && prealloc == PREALLOC_FULL) {
        static const uint8_t zero[65536];
        uint64_t off = cur;
        while (off < size) {
            size_t n = size - off > sizeof(zero) ? sizeof(zero) : size - off;
            int ret = file_pwritev(bs, off, zero, n);
            if (ret < 0) {
                return ret;
            }
            off += n;
        }
    }
    return 0;
}

static int file_block_status(BlockDriverState *bs, uint64_t off, uint64_t len,
                             uint64_t *pnum, uint64_t *map)
{
    off_t data, hole;

    *map = off;
    data = lseek(bs->fd, off, SEEK_DATA);
    if (data < 0) {
        /* ENXIO: no data after off (a hole up to EOF). */
        if (errno == ENXIO) {
            *pnum = len;
            return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET_VALID;
        }
        *pnum = len;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
    }
    if ((uint64_t)data > off) {
        *pnum = (uint64_t)data - off < len ? (uint64_t)data - off : len;
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET_VALID;
    }
    hole = lseek(bs->fd, off, SEEK_HOLE);
    if (hole < 0 || (uint64_t)hole <= off) {
        *pnum = len;
    } else {
        *pnum = (uint64_t)hole - off < len ? (uint64_t)hole - off : len;
    }
    return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
}

const BlockDriver bdrv_file = {
    .format_name = "file",
    .is_protocol = true,
    .open = file_open,
    .close = file_close,
    .preadv = file_preadv,
    .pwritev = file_pwritev,
    .flush = file_flush,
    .discard = file_discard,
    .write_zeroes = file_write_zeroes,
    .getlength = file_getlength,
    .truncate = file_truncate,
    .block_status = file_block_status,
};
