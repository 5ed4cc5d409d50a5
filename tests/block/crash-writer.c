/*
 * crash-writer: helper for the block layer's script tests.
 *
 *   crash-writer write IMG SEED NOPS ACKFILE [snap]
 *       Random writes / write-zeroes / discards through the block layer,
 *       flushing every few operations; after each completed flush the
 *       index of the last operation it covers is appended to ACKFILE (and
 *       ACKFILE is fdatasync'ed).  With "snap", internal snapshots are
 *       also created (and the oldest deleted beyond three) between
 *       flushes.  Meant to be killed with SIGKILL.
 *   crash-writer verify RAW SEED NOPS ACKFILE [BASE_RAW]
 *       Check a raw copy of the image (read with plain pread, so the
 *       checker does not depend on our qcow2 code): every 512-byte sector
 *       must hold either the content of an operation at least as new as
 *       the last acknowledged one that touched it, or zeroes when that is
 *       allowed (or the backing file's content, BASE_RAW, where nothing
 *       acknowledged wrote).  Exit status 0 = ok.
 *   crash-writer randio IMG N
 *       N random 4 KiB writes then reads; prints write and read IOPS.
 *   crash-writer io IMG FMT OP...
 *       Apply operations "w:OFF:LEN:BYTE", "z:OFF:LEN", "d:OFF:LEN",
 *       "c:OFF:LEN:BYTE" (compressed) and "f" (flush) to an image.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"

#define BLK 4096
#define IMG_SIZE (16 * 1024 * 1024)
#define NBLK (IMG_SIZE / BLK)

typedef struct Op {
    int type;                   /* 0 write, 1 zero, 2 discard */
    uint32_t start, n;          /* in blocks */
} Op;

static uint64_t rng_state;
static uint32_t seed_tag;     /* tells runs with different seeds apart */

static uint32_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return rng_state >> 33;
}

static void gen_ops(Op *ops, int nops, uint64_t seed)
{
    int i;

    rng_state = seed * 2654435761ULL + 1;
    seed_tag = (uint32_t)(seed * 0x9e3779b1u) | 0x80000000u;
    for (i = 0; i < nops; i++) {
        uint32_t r = rng() % 100;
        ops[i].type = r < 80 ? 0 : r < 90 ? 1 : 2;
        ops[i].n = (rng() % 8 == 0) ? 1 + rng() % 40 : 1 + rng() % 3;
        ops[i].start = rng() % NBLK;
        if (ops[i].start + ops[i].n > NBLK) {
            ops[i].n = NBLK - ops[i].start;
        }
    }
}

static void fill_sector(uint8_t *p, uint32_t op, uint32_t sector)
{
    int k;

    for (k = 0; k < 512; k += 8) {
        uint32_t a = op + 1, b = sector ^ seed_tag;
        memcpy(p + k, &a, 4);
        memcpy(p + k + 4, &b, 4);
    }
}

/* Snapshot n: create "sN", and delete "s(N-3)" so three remain. */
static int snapshot_step(BlockDriverState *bs, int n)
{
    char name[16], err[512];
    int ret;

    if (!bs->drv->snapshot_create) {
        return 0;
    }
    snprintf(name, sizeof(name), "s%d", n);
    ret = bs->drv->snapshot_create(bs, name, err, sizeof(err));
    if (ret == 0 && n >= 3) {
        snprintf(name, sizeof(name), "s%d", n - 3);
        ret = bs->drv->snapshot_delete(bs, name, err, sizeof(err));
    }
    if (ret < 0) {
        fprintf(stderr, "crash-writer: %s\n", err);
    }
    return ret;
}

static int do_write(const char *img, uint64_t seed, int nops,
                    const char *ackfile, bool snap)
{
    char err[512];
    BlockDriverState *bs = bdrv_open(img, NULL, BDRV_O_RDWR, err,
                                     sizeof(err));
    Op *ops = calloc(nops, sizeof(Op));
    uint8_t *buf = malloc(40 * BLK);
    int ack, i, ret;

    if (!bs) {
        fprintf(stderr, "crash-writer: %s\n", err);
        return 1;
    }
    ack = open(ackfile, O_WRONLY | O_CREAT | O_APPEND, 0644);
    gen_ops(ops, nops, seed);
    for (i = 0; i < nops; i++) {
        uint64_t off = (uint64_t)ops[i].start * BLK;
        uint64_t len = (uint64_t)ops[i].n * BLK;
        uint32_t s;

        if (ops[i].type == 0) {
            for (s = 0; s < len / 512; s++) {
                fill_sector(buf + s * 512, i, off / 512 + s);
            }
            ret = bdrv_pwrite(bs, off, buf, len);
        } else if (ops[i].type == 1) {
            ret = bdrv_write_zeroes(bs, off, len);
        } else {
            ret = bdrv_discard(bs, off, len);
        }
        if (ret < 0) {
            fprintf(stderr, "crash-writer: op %d failed: %s\n", i,
                    strerror(-ret));
            return 1;
        }
        if (i % 5 == 4 || i == nops - 1) {
            char line[32];
            int n;
            ret = bdrv_flush(bs);
            if (ret < 0) {
                fprintf(stderr, "crash-writer: flush failed\n");
                return 1;
            }
            n = snprintf(line, sizeof(line), "%d\n", i);
            if (write(ack, line, n) != n || fdatasync(ack) < 0) {
                return 1;
            }
            if (snap && i % 20 == 9 && snapshot_step(bs, i / 20) < 0) {
                return 1;
            }
        }
    }
    bdrv_close(bs);
    free(buf);
    free(ops);
    close(ack);
    return 0;
}

static int do_verify(const char *raw, uint64_t seed, int nops,
                     const char *ackfile, const char *base)
{
    int bfd = base ? open(base, O_RDONLY) : -1;
    uint8_t init[512];
    Op *ops = calloc(nops, sizeof(Op));
    int *last = malloc(sizeof(int) * (IMG_SIZE / 512));
    FILE *f = fopen(ackfile, "r");
    int acked = -1, v, fd, i, bad = 0;
    uint8_t sec[512], want[512];
    uint32_t s;

    while (f && fscanf(f, "%d", &v) == 1) {
        acked = v;
    }
    if (f) {
        fclose(f);
    }
    gen_ops(ops, nops, seed);
    for (s = 0; s < IMG_SIZE / 512; s++) {
        last[s] = -1;
    }
    /* Discards may leave the old data: only writes and zeroes count. */
    for (i = 0; i <= acked && i < nops; i++) {
        if (ops[i].type == 2) {
            continue;
        }
        for (s = ops[i].start * (BLK / 512);
             s < (ops[i].start + ops[i].n) * (BLK / 512); s++) {
            last[s] = i;
        }
    }
    fd = open(raw, O_RDONLY);
    if (fd < 0) {
        perror(raw);
        return 2;
    }
    for (s = 0; s < IMG_SIZE / 512 && bad < 5; s++) {
        uint32_t op;
        bool zero = true;
        int k;

        if (pread(fd, sec, 512, (off_t)s * 512) != 512) {
            memset(sec, 0, 512);
        }
        for (k = 0; k < 512; k++) {
            if (sec[k]) {
                zero = false;
                break;
            }
        }
        /* What the sector held before the run: the backing file's data. */
        if (bfd < 0 || pread(bfd, init, 512, (off_t)s * 512) != 512) {
            memset(init, 0, 512);
        }
        if (last[s] < 0 && !memcmp(sec, init, 512)) {
            continue;           /* never (acknowledged) written */
        }
        if (zero) {
            /* Zero is fine if the newest acked op here zeroed it, or some
             * zero/discard op may have come later (or, with no acked op,
             * anywhere). */
            bool ok = last[s] >= 0 && ops[last[s]].type != 0;
            for (i = last[s] + 1; !ok && i < nops; i++) {
                if (ops[i].type != 0 && s >= ops[i].start * (BLK / 512) &&
                    s < (ops[i].start + ops[i].n) * (BLK / 512)) {
                    ok = true;
                }
            }
            if (!ok) {
                printf("# sector %u: zero, but op %d (acked %d) wrote it\n",
                       s, last[s], acked);
                bad++;
            }
            continue;
        }
        memcpy(&op, sec, 4);
        op -= 1;
        if (op >= (uint32_t)nops || ops[op].type != 0 ||
            s < ops[op].start * (BLK / 512) ||
            s >= (ops[op].start + ops[op].n) * (BLK / 512)) {
            printf("# sector %u: garbage (op field %u)\n", s, op);
            bad++;
            continue;
        }
        fill_sector(want, op, s);
        if (memcmp(want, sec, 512)) {
            printf("# sector %u: torn/garbage content of op %u\n", s, op);
            bad++;
            continue;
        }
        if ((int)op < last[s]) {
            printf("# sector %u: stale content of op %u, acked op %d wrote "
                   "it\n", s, op, last[s]);
            bad++;
        }
    }
    close(fd);
    if (bfd >= 0) {
        close(bfd);
    }
    free(ops);
    free(last);
    return bad ? 1 : 0;
}

static int do_io(int argc, char **argv)
{
    char err[512];
    BlockDriverState *bs;
    int i, ret = 0;

    bs = bdrv_open(argv[0], strcmp(argv[1], "-") ? argv[1] : NULL,
                   BDRV_O_RDWR, err, sizeof(err));
    if (!bs) {
        fprintf(stderr, "crash-writer: %s\n", err);
        return 1;
    }
    for (i = 2; i < argc && ret == 0; i++) {
        char t;
        unsigned long long off = 0, len = 0;
        int byte = 0;
        uint8_t *buf;

        if (!strcmp(argv[i], "f")) {
            ret = bdrv_flush(bs);
            continue;
        }
        if (sscanf(argv[i], "%c:%lli:%lli:%i", &t, &off, &len, &byte) < 3) {
            fprintf(stderr, "crash-writer: bad op '%s'\n", argv[i]);
            return 1;
        }
        switch (t) {
        case 'w':
        case 'c':
            buf = malloc(len);
            memset(buf, byte, len);
            if (t == 'w') {
                ret = bdrv_pwrite(bs, off, buf, len);
            } else {
                BdrvInfo fi = { .cluster_size = 65536 };
                uint64_t p, cs;
                if (bs->drv->get_info) {
                    bs->drv->get_info(bs, &fi);
                }
                cs = fi.cluster_size;
                for (p = 0; p < len && ret == 0; p += cs) {
                    ret = bdrv_pwrite_compressed(bs, off + p, buf + p,
                                                 len - p < cs ? len - p : cs);
                }
            }
            free(buf);
            break;
        case 'z':
            ret = bdrv_write_zeroes(bs, off, len);
            break;
        case 'd':
            ret = bdrv_discard(bs, off, len);
            break;
        default:
            fprintf(stderr, "crash-writer: bad op '%s'\n", argv[i]);
            return 1;
        }
    }
    if (ret == 0) {
        ret = bdrv_flush(bs);
    }
    bdrv_close(bs);
    if (ret < 0) {
        fprintf(stderr, "crash-writer: %s\n", strerror(-ret));
        return 1;
    }
    return 0;
}

/* randio IMG N: N random 4 KiB writes, then N random 4 KiB reads. */
static int do_randio(const char *img, int n)
{
    char err[512];
    BlockDriverState *bs = bdrv_open(img, NULL, BDRV_O_RDWR, err,
                                     sizeof(err));
    uint8_t buf[4096];
    struct timespec t0, t1, t2;
    int64_t len;
    int i;

    if (!bs) {
        fprintf(stderr, "crash-writer: %s\n", err);
        return 1;
    }
    len = bdrv_getlength(bs) / 4096;
    memset(buf, 0x5a, sizeof(buf));
    rng_state = 12345;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < n; i++) {
        if (bdrv_pwrite(bs, (uint64_t)(rng() % len) * 4096, buf, 4096) < 0) {
            return 1;
        }
    }
    bdrv_flush(bs);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    rng_state = 12345;          /* read back the blocks just written */
    for (i = 0; i < n; i++) {
        if (bdrv_pread(bs, (uint64_t)(rng() % len) * 4096, buf, 4096) < 0) {
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t2);
    printf("%.0f %.0f\n",
           n / ((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9),
           n / ((t2.tv_sec - t1.tv_sec) + (t2.tv_nsec - t1.tv_nsec) / 1e9));
    bdrv_close(bs);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "randio")) {
        return do_randio(argv[2], atoi(argv[3]));
    }
    if (argc >= 6 && !strcmp(argv[1], "write")) {
        return do_write(argv[2], strtoull(argv[3], NULL, 0), atoi(argv[4]),
                        argv[5], argc >= 7 && !strcmp(argv[6], "snap"));
    }
    if (argc >= 6 && !strcmp(argv[1], "verify")) {
        return do_verify(argv[2], strtoull(argv[3], NULL, 0), atoi(argv[4]),
                         argv[5], argc >= 7 ? argv[6] : NULL);
    }
    if (argc >= 4 && !strcmp(argv[1], "io")) {
        return do_io(argc - 2, argv + 2);
    }
    fprintf(stderr, "usage: crash-writer write|verify IMG SEED NOPS ACKFILE"
            "\n       crash-writer io IMG FMT OP...\n");
    return 2;
}
