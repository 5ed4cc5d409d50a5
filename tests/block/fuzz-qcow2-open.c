/*
 * fuzz-qcow2-open.c: fuzz target for opening and using qcow2 images.
 *
 * Build with libFuzzer:
 *   clang -fsanitize=fuzzer,address -Iinclude tests/block/fuzz-qcow2-open.c \
 *       block/{block,file-posix,raw,aio-pool,qcow2*}.c -lz -lpthread
 * The normal build links it with fuzz-main.c, which replays a corpus of
 * damaged images as a test.
 *
 * Every input is written to a temporary file and opened read-only (info,
 * reads, block status, check) and then read-write (a few writes, discard,
 * write-zeroes, check with repair).  Backing files are never opened.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(BlockDriverState *bs, bool rw)
{
    static uint8_t buf[65536];
    int64_t len = bdrv_getlength(bs);
    uint64_t off = 0, pnum, map;
    BdrvCheckResult res;
    QEMUSnapshotInfo *sn = NULL;
    BdrvInfo info;
    int i;

    if (bs->drv->get_info) {
        bs->drv->get_info(bs, &info);
    }
    if (bs->drv->snapshot_list && bs->drv->snapshot_list(bs, &sn) >= 0) {
        free(sn);
    }
    if (len <= 0) {
        return;
    }
    for (i = 0; i < 64 && off < (uint64_t)len; i++) {
        if (bdrv_block_status(bs, off, len - off, &pnum, &map) < 0 ||
            pnum == 0) {
            break;
        }
        off += pnum;
    }
    for (off = 0; off < (uint64_t)len && off < (1 << 20); off += sizeof(buf)) {
        size_t n = len - off < sizeof(buf) ? len - off : sizeof(buf);
        bdrv_pread(bs, off, buf, n);
    }
    bdrv_pread(bs, (len / 2) & ~511ULL, buf, len - (len / 2 & ~511ULL) <
               4096 ? len - (len / 2 & ~511ULL) : 4096);
    if (rw) {
        memset(buf, 0xa5, sizeof(buf));
        bdrv_pwrite(bs, 0, buf, len < 4096 ? len : 4096);
        bdrv_pwrite(bs, (len / 2) & ~511ULL, buf, 512 < len / 2 ? 512 : 0);
        bdrv_pwrite_compressed(bs, 0, buf, len < 512 ? len : 512);
        bdrv_discard(bs, 0, len < 1048576 ? len : 1048576);
        bdrv_write_zeroes(bs, 0, len < 65536 ? len : 65536);
        bdrv_flush(bs);
    }
    if (bs->drv->check) {
        bs->drv->check(bs, &res, rw ? BDRV_FIX_LEAKS | BDRV_FIX_ERRORS : 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64], err[512];
    BlockDriverState *bs;
    int fd;

    snprintf(path, sizeof(path), "/tmp/fuzz-qcow2-%d.img", (int)getpid());
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        return 0;
    }
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    bs = bdrv_open(path, "qcow2", BDRV_O_NO_BACKING | BDRV_O_NO_LOCK, err,
                   sizeof(err));
    if (bs) {
        exercise(bs, false);
        bdrv_close(bs);
    }
    /* Odd sizes run the cache=unsafe paths, even ones the ordered ones. */
    bs = bdrv_open(path, "qcow2", BDRV_O_RDWR | BDRV_O_NO_BACKING |
                   ((size & 1) ? BDRV_O_NO_FLUSH : 0) | BDRV_O_NO_LOCK, err,
                   sizeof(err));
    if (bs) {
        exercise(bs, true);
        bdrv_close(bs);
    }
    unlink(path);
    return 0;
}
