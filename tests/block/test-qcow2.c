/*
 * test-qcow2.c: unit tests of the block layer and qcow2 internals on
 * small images.  The oracle for image content is an in-memory model of
 * the guest disk; for metadata, our check plus direct refcount lookups.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "block/block.h"
#include "../../block/qcow2.h"
#include "tests/unit/tap.h"

static char dir[64];

static const char *path(const char *name)
{
    static char buf[4][128];
    static int k;

    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
    return buf[k];
}

static uint64_t rng_s = 88172645463325252ULL;

static uint64_t rnd(void)
{
    rng_s ^= rng_s << 13;
    rng_s ^= rng_s >> 7;
    rng_s ^= rng_s << 17;
    return rng_s;
}

static BlockDriverState *create_open(const char *name, int cs, int order,
                                     int compat, uint64_t size,
                                     const char *backing, const char *bfmt)
{
    BlockCreateOpts o;
    char err[512];
    BlockDriverState *bs;

    memset(&o, 0, sizeof(o));
    o.size = size;
    o.cluster_size = cs;
    o.refcount_bits = 1 << order;
    o.compat = compat;
    o.backing_file = backing;
    o.backing_fmt = bfmt;
    if (bdrv_create("qcow2", path(name), &o, err, sizeof(err)) < 0) {
        tap_diag("create %s: %s", name, err);
        return NULL;
    }
    bs = bdrv_open(path(name), NULL, BDRV_O_RDWR | BDRV_O_NO_FLUSH, err,
                   sizeof(err));
    if (!bs) {
        tap_diag("open %s: %s", name, err);
    }
    return bs;
}

static bool check_clean(BlockDriverState *bs)
{
    BdrvCheckResult r;

    if (bs->drv->check(bs, &r, 0) < 0) {
        return false;
    }
    if (r.corruptions || r.leaks || r.check_errors) {
        tap_diag("check: %d corruptions, %d leaks, %d errors", r.corruptions,
                 r.leaks, r.check_errors);
        return false;
    }
    return true;
}

static bool same(BlockDriverState *bs, const uint8_t *model, uint64_t size)
{
    uint8_t *buf = malloc(size);
    bool ok = bdrv_pread(bs, 0, buf, size) == 0 && !memcmp(buf, model, size);
    uint64_t i;

    if (!ok) {
        for (i = 0; i < size && buf[i] == model[i]; i++) {
        }
        tap_diag("first difference at %llu", (unsigned long long)i);
    }
    free(buf);
    return ok;
}

/* Random writes of random sizes and offsets, mirrored into a model. */
static bool random_writes(BlockDriverState *bs, uint8_t *model, uint64_t size,
                          int n, uint64_t maxlen)
{
    uint8_t *buf = malloc(maxlen);
    int i;

    for (i = 0; i < n; i++) {
        uint64_t len = 1 + rnd() % maxlen;
        uint64_t off = rnd() % (size - len + 1);
        uint64_t j;
        int kind = rnd() % 10;

        if (kind == 0) {
            off &= ~511ULL;
            len = (len + 511) & ~511ULL;
            if (off + len > size) {
                len = size - off;
            }
            if (bdrv_write_zeroes(bs, off, len) < 0) {
                free(buf);
                return false;
            }
            memset(model + off, 0, len);
            continue;
        }
        for (j = 0; j < len; j++) {
            buf[j] = rnd();
        }
        if (bdrv_pwrite(bs, off, buf, len) < 0) {
            free(buf);
            return false;
        }
        memcpy(model + off, buf, len);
    }
    free(buf);
    return true;
}

static void test_refcount_entries(void)
{
    uint8_t blk[64 * 8];
    int order;

    for (order = 0; order <= 6; order++) {
        uint64_t max = order == 6 ? UINT64_MAX : (1ULL << (1 << order)) - 1;
        bool ok = true;
        uint64_t i;

        memset(blk, 0, sizeof(blk));
        for (i = 0; i < 64; i++) {
            qcow2_set_refcount_entry(blk, order, i, (i * 37) & max);
        }
        qcow2_set_refcount_entry(blk, order, 5, max);
        for (i = 0; i < 64; i++) {
            uint64_t want = i == 5 ? max : (i * 37) & max;
            ok &= qcow2_get_refcount_entry(blk, order, i) == want;
        }
        tap_report(ok, "refcount entries of %d bits pack and unpack",
                   1 << order);
    }
    /* bit order inside a byte: entry 0 is the least significant bit */
    memset(blk, 0, 8);
    qcow2_set_refcount_entry(blk, 0, 0, 1);
    qcow2_set_refcount_entry(blk, 2, 3, 0xf);
    tap_report(blk[0] == 0x01 && blk[1] == 0xf0,
               "sub-byte refcounts: lowest bits first");
}

static void test_cluster_sizes(void)
{
    int bits;

    for (bits = 9; bits <= 21; bits++) {
        uint64_t size = 6 << 20;
        int order = bits % 7;       /* a different width for each size */
        uint8_t *model = calloc(1, size);
        BlockDriverState *bs;
        char name[32];
        char err[256];
        bool ok;

        snprintf(name, sizeof(name), "cs%d.qcow2", bits);
        bs = create_open(name, 1 << bits, order, 3, size, NULL, NULL);
        if (!bs) {
            tap_report(false, "cluster size %d", 1 << bits);
            free(model);
            continue;
        }
        ok = random_writes(bs, model, size, 60, 3 * (1 << bits) + 1000);
        ok = ok && same(bs, model, size);
        ok = ok && check_clean(bs);
        bdrv_close(bs);
        bs = bdrv_open(path(name), NULL, 0, err, sizeof(err));
        ok = ok && bs && same(bs, model, size) && check_clean(bs);
        bdrv_close(bs);
        tap_report(ok, "cluster size %d, refcount width %d: random writes "
                   "read back after reopen, check clean", 1 << bits,
                   1 << order);
        free(model);
    }
}

static void test_allocation(void)
{
    BlockDriverState *bs = create_open("alloc.qcow2", 65536, 4, 3, 8 << 20,
                                       NULL, NULL);
    BDRVQcow2State *s = bs->opaque;
    uint8_t buf[65536];
    uint64_t pnum, map1, map2, map3, rc;
    int st;

    memset(buf, 0x11, sizeof(buf));
    bdrv_pwrite(bs, 65536, buf, 65536);
    st = bdrv_block_status(bs, 65536, 65536, &pnum, &map1);
    tap_report((st & BDRV_BLOCK_DATA) && (st & BDRV_BLOCK_OFFSET_VALID) &&
               !(map1 & 65535), "write allocates a cluster-aligned host "
               "cluster");
    qcow2_get_refcount(bs, map1 >> 16, &rc);
    tap_report(rc == 1, "new data cluster has refcount 1");
    memset(buf, 0x22, 4096);
    bdrv_pwrite(bs, 65536 + 8192, buf, 4096);
    bdrv_block_status(bs, 65536, 65536, &pnum, &map2);
    tap_report(map2 == map1, "overwrite happens in place (COPIED set)");
    bdrv_discard(bs, 65536, 65536);
    qcow2_get_refcount(bs, map1 >> 16, &rc);
    st = bdrv_block_status(bs, 65536, 65536, &pnum, &map3);
    tap_report(rc == 0 && !(st & BDRV_BLOCK_ALLOCATED),
               "discard frees the cluster (refcount 0, unallocated)");
    bdrv_pwrite(bs, 3 << 20, buf, 4096);
    bdrv_block_status(bs, 3 << 20, 4096, &pnum, &map3);
    tap_report(map3 == map1, "freed cluster is reused by the next "
               "allocation");
    bdrv_write_zeroes(bs, 3 << 20, 65536);
    st = bdrv_block_status(bs, 3 << 20, 65536, &pnum, &map3);
    tap_report((st & BDRV_BLOCK_ZERO) && !(st & BDRV_BLOCK_DATA),
               "write_zeroes on v3 makes a zero cluster");
    tap_report(check_clean(bs), "check clean after alloc/free/zero");
    (void)s;
    bdrv_close(bs);

    bs = create_open("v2zero.qcow2", 65536, 4, 2, 1 << 20, NULL, NULL);
    memset(buf, 0x33, sizeof(buf));
    bdrv_pwrite(bs, 0, buf, 65536);
    bdrv_write_zeroes(bs, 0, 65536);
    bdrv_pread(bs, 0, buf, 65536);
    st = bdrv_block_status(bs, 0, 65536, &pnum, &map3);
    tap_report(buf[0] == 0 && buf[65535] == 0 && (st & BDRV_BLOCK_DATA),
               "write_zeroes on v2 writes zero data (no zero flag in v2)");
    tap_report(check_clean(bs), "v2 image check clean");
    bdrv_close(bs);
}

/* Without cache=unsafe, decrements wait for a flush (power-loss order). */
static void test_power_safe_order(void)
{
    BlockCreateOpts o;
    char err[256];
    BlockDriverState *bs;
    uint8_t buf[65536];
    uint64_t pnum, map, rc;
    BDRVQcow2State *s;

    memset(&o, 0, sizeof(o));
    o.size = 8 << 20;
    bdrv_create("qcow2", path("ps.qcow2"), &o, err, sizeof(err));
    bs = bdrv_open(path("ps.qcow2"), NULL, BDRV_O_RDWR, err, sizeof(err));
    s = bs->opaque;
    memset(buf, 0x42, sizeof(buf));
    bdrv_pwrite(bs, 0, buf, sizeof(buf));
    bdrv_block_status(bs, 0, 65536, &pnum, &map);
    tap_report(s->pool_len > 0, "allocations come from a reserved pool "
               "(%llu clusters left)", (unsigned long long)s->pool_len);
    bdrv_discard(bs, 0, 65536);
    qcow2_get_refcount(bs, map >> 16, &rc);
    tap_report(rc == 1, "a freed cluster keeps its refcount until a flush");
    bdrv_flush(bs);
    qcow2_get_refcount(bs, map >> 16, &rc);
    tap_report(rc == 0, "the flush applies the decrement");
    bdrv_pwrite_compressed(bs, 65536, buf, 65536);
    bdrv_pwrite_compressed(bs, 131072, buf, 65536);
    bdrv_close(bs);
    bs = bdrv_open(path("ps.qcow2"), NULL, 0, err, sizeof(err));
    memset(buf, 0, sizeof(buf));
    bdrv_pread(bs, 131072, buf, 65536);
    tap_report(bs && check_clean(bs) && buf[0] == 0x42 && buf[65535] == 0x42,
               "after close: pool and compressed slots given back, clean");
    bdrv_close(bs);
}

static void test_refcount_growth(void)
{
    int order;

    for (order = 5; order <= 6; order++) {
        uint64_t size = 8 << 20;
        uint8_t *model = calloc(1, size);
        BlockDriverState *bs = create_open("grow.qcow2", 512, order, 3, size,
                                           NULL, NULL);
        BDRVQcow2State *s = bs->opaque;
        uint64_t rt0 = s->refcount_table_offset;
        bool ok;

        ok = random_writes(bs, model, size, 40, 256 * 1024);
        tap_report(ok && s->refcount_table_offset != rt0 && same(bs, model,
                   size) && check_clean(bs), "512-byte clusters, %d-bit "
                   "refcounts: the refcount table grows and moves, image "
                   "stays consistent", s->refcount_bits);
        bdrv_close(bs);
        free(model);
    }
}

static void test_backing_chain(void)
{
    uint64_t size = 4 << 20;
    uint8_t *model = calloc(1, size);
    BlockDriverState *bs;
    BlockCreateOpts o;
    char err[256];
    uint8_t buf[100000];
    int i;

    memset(&o, 0, sizeof(o));
    o.size = size;
    bdrv_create("raw", path("base.raw"), &o, err, sizeof(err));
    bs = bdrv_open(path("base.raw"), "raw", BDRV_O_RDWR, err, sizeof(err));
    for (i = 0; i < (int)sizeof(buf); i++) {
        buf[i] = i * 3 + 1;
    }
    bdrv_pwrite(bs, 1000, buf, sizeof(buf));
    memcpy(model + 1000, buf, sizeof(buf));
    bdrv_close(bs);

    bs = create_open("mid.qcow2", 4096, 4, 3, size, "base.raw", "raw");
    for (i = 0; i < (int)sizeof(buf); i++) {
        buf[i] = i * 5 + 2;
    }
    bdrv_pwrite(bs, 50000, buf, 3000);         /* partial clusters: COW */
    memcpy(model + 50000, buf, 3000);
    bdrv_write_zeroes(bs, 8192, 4096);
    memset(model + 8192, 0, 4096);
    tap_report(bs->backing && same(bs, model, size) && check_clean(bs),
               "qcow2 over raw: partial writes copy the backing data");
    bdrv_close(bs);

    bs = create_open("top.qcow2", 65536, 4, 2, size, "mid.qcow2", NULL);
    bdrv_pwrite(bs, 2 << 20, buf, 70000);
    memcpy(model + (2 << 20), buf, 70000);
    bdrv_pwrite(bs, 500, buf + 7, 1000);
    memcpy(model + 500, buf + 7, 1000);
    tap_report(bs->backing && bs->backing->backing && same(bs, model, size)
               && check_clean(bs), "three-level chain (v2 over v3 over raw, "
               "backing format probed) reads through");
    bdrv_close(bs);

    /* a shorter backing file reads as zeroes past its end */
    bs = create_open("long.qcow2", 65536, 4, 3, 2 * size, "mid.qcow2",
                     "qcow2");
    memset(buf, 1, sizeof(buf));
    bdrv_pread(bs, size + 1000, buf, 4096);
    tap_report(buf[0] == 0 && buf[4095] == 0, "past the backing file's end "
               "reads zeroes");
    bdrv_close(bs);
    free(model);
}

static void test_compressed(void)
{
    int cs;

    for (cs = 512; cs <= 2 * 1024 * 1024; cs *= 16) {
        uint64_t size = 4 * (uint64_t)cs + 8192;
        uint8_t *model = calloc(1, size);
        uint8_t *buf = malloc(cs);
        BlockDriverState *bs = create_open("comp.qcow2", cs, 4, 3, size, NULL,
                                           NULL);
        uint64_t pnum, map, rc, c;
        int st, i;
        bool ok = true;

        for (c = 0; c < 4; c++) {
            for (i = 0; i < cs; i++) {
                buf[i] = (i / 64) + c;
            }
            ok &= bdrv_pwrite_compressed(bs, c * cs, buf, cs) == 0;
            memcpy(model + c * cs, buf, cs);
        }
        st = bdrv_block_status(bs, 0, cs, &pnum, &map);
        ok &= (st & BDRV_BLOCK_COMPRESSED) != 0;
        ok &= same(bs, model, size) && check_clean(bs);
        tap_report(ok, "cluster size %d: compressed clusters read back, "
                   "check clean", cs);
        /* two compressed clusters share a host cluster: refcount 2 */
        {
            BDRVQcow2State *s = bs->opaque;
            uint8_t *t = qcow2_cache_get(bs, &s->l2_cache,
                                         s->l1_table[0] & L1E_OFFSET_MASK,
                                         true);
            uint64_t e = qcow2_be64(t);
            qcow2_get_refcount(bs, (e & s->cluster_offset_mask) >>
                               s->cluster_bits, &rc);
            /* (a 512-byte cluster holds one 512-byte-aligned stream) */
            tap_report(rc >= 2 || cs == 512, "cluster size %d: compressed "
                       "clusters pack into one host cluster (refcount %llu)",
                       cs, (unsigned long long)rc);
        }
        memset(buf, 0x77, 100);
        bdrv_pwrite(bs, cs + 10, buf, 100);
        memcpy(model + cs + 10, buf, 100);
        tap_report(same(bs, model, size) && check_clean(bs),
                   "cluster size %d: overwriting part of a compressed "
                   "cluster decompresses and copies", cs);
        bdrv_close(bs);
        free(model);
        free(buf);
    }
}

static void test_snapshots(void)
{
    uint64_t size = 2 << 20;
    uint8_t *m1 = calloc(1, size), *m2;
    BlockDriverState *bs = create_open("snap.qcow2", 4096, 4, 3, size, NULL,
                                       NULL);
    char err[256];
    uint64_t pnum, map, rc;
    QEMUSnapshotInfo *l;
    bool ok;

    random_writes(bs, m1, size, 30, 20000);
    ok = bs->drv->snapshot_create(bs, "one", err, sizeof(err)) == 0;
    bdrv_block_status(bs, 0, 4096, &pnum, &map);
    qcow2_get_refcount(bs, map >> 12, &rc);
    tap_report(ok && check_clean(bs) && (rc == 2 || map == 0),
               "snapshot create: shared clusters have refcount 2");
    m2 = malloc(size);
    memcpy(m2, m1, size);
    random_writes(bs, m2, size, 30, 20000);
    tap_report(same(bs, m2, size) && check_clean(bs),
               "writes after a snapshot copy on write");
    ok = bs->drv->snapshot_apply(bs, "one", err, sizeof(err)) == 0;
    tap_report(ok && same(bs, m1, size) && check_clean(bs),
               "snapshot apply restores the old content");
    ok = bs->drv->snapshot_create(bs, "two", err, sizeof(err)) == 0;
    ok &= bs->drv->snapshot_list(bs, &l) == 2;
    ok &= !strcmp(l[0].name, "one") && !strcmp(l[1].name, "two") &&
          !strcmp(l[1].id_str, "2");
    free(l);
    tap_report(ok, "snapshot list: names and ids");
    ok = bs->drv->snapshot_delete(bs, "one", err, sizeof(err)) == 0;
    ok &= bs->drv->snapshot_delete(bs, "2", err, sizeof(err)) == 0;
    ok &= bs->drv->snapshot_delete(bs, "nope", err, sizeof(err)) < 0;
    bdrv_block_status(bs, 0, 4096, &pnum, &map);
    qcow2_get_refcount(bs, map >> 12, &rc);
    tap_report(ok && check_clean(bs) && same(bs, m1, size) &&
               (rc == 1 || map == 0), "snapshot delete (by name and by id) "
               "frees the shared references");
    bdrv_close(bs);
    free(m1);
    free(m2);
}

static void test_truncate_and_dirty(void)
{
    BlockDriverState *bs = create_open("trunc.qcow2", 65536, 4, 3, 1 << 20,
                                       NULL, NULL);
    char err[256];
    uint8_t buf[4096];
    BDRVQcow2State *s;
    uint8_t be[8];
    int fd;

    memset(buf, 9, sizeof(buf));
    bdrv_pwrite(bs, 1000000, buf, 4096);
    tap_report(bdrv_truncate(bs, 5ULL << 30, false, PREALLOC_OFF, err,
                             sizeof(err)) == 0 &&
               bdrv_getlength(bs) == 5LL << 30 && check_clean(bs),
               "grow to 5 GiB (L1 table grows)");
    tap_report(bdrv_truncate(bs, 1 << 19, false, PREALLOC_OFF, err,
                             sizeof(err)) < 0, "shrink refused without the "
               "shrink flag");
    tap_report(bdrv_truncate(bs, 1 << 19, true, PREALLOC_OFF, err,
                             sizeof(err)) == 0 && check_clean(bs),
               "shrink frees the clusters past the end");
    s = bs->opaque;
    bdrv_close(bs);
    (void)s;

    /* Dirty bit plus a leaked cluster: an RW open repairs and clears it. */
    bs = create_open("dirty.qcow2", 65536, 4, 3, 1 << 20, NULL, NULL);
    bdrv_pwrite(bs, 0, buf, 4096);
    qcow2_alloc_clusters(bs, 1);        /* leak one cluster */
    bdrv_close(bs);
    fd = open(path("dirty.qcow2"), O_WRONLY);
    qcow2_st64(be, QCOW2_INCOMPAT_DIRTY);
    tap_report(pwrite(fd, be, 8, 72) == 8, "set the dirty bit by hand");
    close(fd);
    bs = bdrv_open(path("dirty.qcow2"), NULL, BDRV_O_RDWR, err, sizeof(err));
    s = bs ? bs->opaque : NULL;
    tap_report(bs && !(s->incompat & QCOW2_INCOMPAT_DIRTY) && check_clean(bs),
               "opening a dirty image read-write repairs the refcounts");
    bdrv_close(bs);
}

static void test_protocol(void)
{
    char err[256];
    BlockDriverState *a, *b;
    BlockCreateOpts o;
    uint8_t *buf = malloc(10000), *rd = malloc(10000);
    int i;

    memset(&o, 0, sizeof(o));
    o.size = 1 << 20;
    bdrv_create("raw", path("lock.raw"), &o, err, sizeof(err));
    a = bdrv_open(path("lock.raw"), "raw", BDRV_O_RDWR, err, sizeof(err));
    b = bdrv_open(path("lock.raw"), "raw", BDRV_O_RDWR, err, sizeof(err));
    tap_report(a && !b && strstr(err, "lock"), "a second read-write open is "
               "refused by the OFD lock");
    bdrv_close(b);
    b = bdrv_open(path("lock.raw"), "raw", 0, err, sizeof(err));
    tap_report(!b, "a read-only open while a writer holds it is refused");
    bdrv_close(b);
    bdrv_close(a);
    b = bdrv_open(path("lock.raw"), "raw", BDRV_O_RDWR, err, sizeof(err));
    tap_report(b != NULL, "the lock goes away with the last close");
    bdrv_close(b);

    /* cache=none: O_DIRECT with unaligned requests through bounce buffers */
    a = bdrv_open(path("lock.raw"), "raw", BDRV_O_RDWR | BDRV_O_NOCACHE, err,
                  sizeof(err));
    if (!a) {
        tap_skip("O_DIRECT not supported here", "cache=none");
    } else {
        for (i = 0; i < 10000; i++) {
            buf[i] = i * 11;
        }
        tap_report(bdrv_pwrite(a, 1234, buf + 1, 9000) == 0 &&
                   bdrv_pread(a, 1234, rd, 9000) == 0 &&
                   !memcmp(buf + 1, rd, 9000) && bdrv_flush(a) == 0,
                   "cache=none: unaligned write/read through bounce buffers");
        tap_report(bdrv_pwrite(a, (1 << 20) + 100, buf, 1000) == 0 &&
                   bdrv_getlength(a) == (1 << 20) + 1100,
                   "cache=none: an unaligned write past the end grows the "
                   "file to exactly its end");
        bdrv_close(a);
    }
    {
        int flags = 0;
        tap_report(bdrv_parse_cache_mode("directsync", &flags) == 0 &&
                   (flags & BDRV_O_NOCACHE) && (flags & BDRV_O_WRITETHRU) &&
                   bdrv_parse_cache_mode("bogus", &flags) < 0,
                   "cache mode names");
    }
    free(buf);
    free(rd);
}

typedef struct AioCtx {
    int done;
    int errors;
} AioCtx;

static void aio_cb(void *opaque, int ret)
{
    AioCtx *c = opaque;

    c->done++;
    if (ret < 0) {
        c->errors++;
    }
}

static void test_aio(void)
{
    BlockDriverState *bs = create_open("aio.qcow2", 4096, 4, 3, 1 << 20, NULL,
                                       NULL);
    BdrvAioPool *pool = bdrv_aio_pool_new(4);
    static uint8_t wbuf[64][4096], rbuf[64][4096];
    AioCtx c = { 0 };
    int i, polls = 0;
    bool same_data = true;

    for (i = 0; i < 64; i++) {
        memset(wbuf[i], i + 1, 4096);
        bdrv_aio_submit(pool, bs, BDRV_AIO_WRITE, i * 8192, wbuf[i], 4096,
                        aio_cb, &c);
    }
    while (c.done < 64 && polls < 10000) {
        struct pollfd p = { .fd = bdrv_aio_pool_fd(pool), .events = POLLIN };
        poll(&p, 1, 100);
        bdrv_aio_pool_complete(pool);
        polls++;
    }
    tap_report(c.done == 64 && !c.errors, "64 async writes complete through "
               "the eventfd");
    for (i = 0; i < 64; i++) {
        bdrv_aio_submit(pool, bs, BDRV_AIO_READ, i * 8192, rbuf[i], 4096,
                        aio_cb, &c);
    }
    bdrv_aio_submit(pool, bs, BDRV_AIO_FLUSH, 0, NULL, 0, aio_cb, &c);
    bdrv_aio_pool_drain(pool);
    for (i = 0; i < 64; i++) {
        same_data &= !memcmp(wbuf[i], rbuf[i], 4096);
    }
    tap_report(c.done == 129 && !c.errors && same_data,
               "async reads see the data, drain waits for everything");
    bdrv_aio_pool_free(pool);
    tap_report(check_clean(bs), "image written by the pool is consistent");
    bdrv_close(bs);
}

int main(void)
{
    char cmd[128];

    snprintf(dir, sizeof(dir), "/tmp/test-qcow2.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_refcount_entries();
    test_cluster_sizes();
    test_allocation();
    test_power_safe_order();
    test_refcount_growth();
    test_backing_chain();
    test_compressed();
    test_snapshots();
    test_truncate_and_dirty();
    test_protocol();
    test_aio();
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0) {
        tap_diag("could not remove %s", dir);
    }
    return tap_exit_status();
}
