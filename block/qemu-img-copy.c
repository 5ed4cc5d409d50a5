/*
 * qemu-img-copy.c: the qemu-img commands that move data: convert,
 * compare, commit, rebase, dd and bench.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qemu-img.h"

#define COPY_CHUNK (2 * 1024 * 1024)

static bool is_zero(const uint8_t *p, size_t len)
{
    size_t i;

    for (i = 0; i < len && ((uintptr_t)(p + i) & 7); i++) {
        if (p[i]) {
            return false;
        }
    }
    for (; i + 8 <= len; i += 8) {
        if (*(const uint64_t *)(p + i)) {
            return false;
        }
    }
    for (; i < len; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* How many bytes from off (at most len) certainly read as zeroes. */
static uint64_t zero_extent(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    int depth;

    for (depth = 0; bs && depth < 128; depth++) {
        uint64_t pnum, map;
        int64_t blen = bdrv_getlength(bs);
        int st;

        if (blen >= 0 && off >= (uint64_t)blen) {
            return len;
        }
        if (blen >= 0 && off + len > (uint64_t)blen) {
            len = blen - off;
        }
        st = bdrv_block_status(bs, off, len, &pnum, &map);
        if (st < 0 || pnum == 0) {
            return 0;
        }
        if (pnum < len) {
            len = pnum;
        }
        if (st & BDRV_BLOCK_ALLOCATED) {
            return (st & BDRV_BLOCK_ZERO) ? len : 0;
        }
        if (!bs->backing) {
            return len;
        }
        bs = bs->backing;
    }
    return 0;
}

static bool known_zero(BlockDriverState *bs, uint64_t off, uint64_t len)
{
    return zero_extent(bs, off, len) == len;
}

/*
 * convert -c: clusters are read in batches, compressed on all CPUs, then
 * written in order (allocation stays sequential and deterministic).
 */
typedef struct CompJob {
    uint64_t off;
    size_t n;
    uint8_t *in;
    uint8_t *out;
    size_t clen;
    bool zero;
} CompJob;

typedef struct CompBatch {
    BlockDriverState *dst;
    CompJob *jobs;
    int n, max, next;
    pthread_mutex_t lock;
} CompBatch;

static void *comp_worker(void *opaque)
{
    CompBatch *b = opaque;

    for (;;) {
        CompJob *j;
        int k;

        pthread_mutex_lock(&b->lock);
        k = b->next++;
        pthread_mutex_unlock(&b->lock);
        if (k >= b->n) {
            return NULL;
        }
        j = &b->jobs[k];
        j->clen = 0;
        if (!j->zero && bdrv_compress(b->dst, j->in, j->n, j->out,
                                      &j->clen) < 0) {
            j->clen = 0;
        }
    }
}

static int comp_batch_init(CompBatch *b, BlockDriverState *dst, size_t cs)
{
    int i;

    memset(b, 0, sizeof(*b));
    b->dst = dst;
    b->max = (32 * 1024 * 1024) / cs;
    if (b->max < 4) {
        b->max = 4;
    }
    if (b->max > 256) {
        b->max = 256;
    }
    b->jobs = calloc(b->max, sizeof(CompJob));
    if (!b->jobs) {
        return -ENOMEM;
    }
    for (i = 0; i < b->max; i++) {
        b->jobs[i].in = malloc(cs);
        b->jobs[i].out = malloc(cs);
        if (!b->jobs[i].in || !b->jobs[i].out) {
            return -ENOMEM;
        }
    }
    pthread_mutex_init(&b->lock, NULL);
    return 0;
}

static void comp_batch_free(CompBatch *b)
{
    int i;

    for (i = 0; b->jobs && i < b->max; i++) {
        free(b->jobs[i].in);
        free(b->jobs[i].out);
    }
    free(b->jobs);
    if (b->jobs) {
        pthread_mutex_destroy(&b->lock);
    }
    b->jobs = NULL;
}

static int comp_batch_flush(CompBatch *b, bool write_zeroes)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    pthread_t th[16];
    int nt, t, k, ret = 0;

    nt = ncpu < 1 ? 1 : ncpu > 16 ? 16 : ncpu;
    if (nt > b->n) {
        nt = b->n;
    }
    b->next = 0;
    for (t = 0; t < nt; t++) {
        if (pthread_create(&th[t], NULL, comp_worker, b) != 0) {
            break;
        }
    }
    if (t == 0) {
        comp_worker(b);
    }
    nt = t;
    for (t = 0; t < nt; t++) {
        pthread_join(th[t], NULL);
    }
    for (k = 0; k < b->n && ret == 0; k++) {
        CompJob *j = &b->jobs[k];
        if (j->zero) {
            ret = write_zeroes ? bdrv_write_zeroes(b->dst, j->off, j->n) : 0;
        } else {
            ret = bdrv_pwrite_precompressed(b->dst, j->off, j->out, j->clen,
                                            j->in, j->n);
        }
        if (ret < 0) {
            img_error("error while writing at byte %" PRIu64 ": %s", j->off,
                      strerror(-ret));
        }
    }
    b->n = 0;
    return ret;
}

static void progress(bool on, uint64_t done, uint64_t total)
{
    if (on) {
        printf("    (%.2f/100%%)\r", total ? done * 100.0 / total : 100.0);
        fflush(stdout);
    }
}

int img_convert(int argc, char **argv)
{
    const char *fmt = NULL, *ofmt = "raw", *backing = NULL, *bfmt = NULL;
    const char *cache = "writeback", *snap = NULL;
    char *options = NULL;
    bool compress = false, prog = false, skip_create = false, quiet = false;
    uint64_t sparse = 4096, total = 0, done = 0;
    BlockDriverState **src = NULL, *dst = NULL;
    BlockCreateOpts o;
    char err[1024] = "";
    uint8_t *buf = NULL;
    CompBatch cb = { 0 };
    int nsrc, i, c, ret = 1, dflags = BDRV_O_RDWR, sflags = 0;
    size_t chunk;
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "target-is-zero", no_argument, NULL, 'z' },
        { "force-share", no_argument, NULL, 'U' },
        { "salvage", no_argument, NULL, 'v' },
        { "object", required_argument, NULL, 'j' },
        { NULL, 0, NULL, 0 },
    };

    memset(&o, 0, sizeof(o));
    optind = 1;
    while ((c = getopt_long(argc, argv, ":hf:O:B:F:co:l:S:pt:T:qnm:WUCr:",
                            lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'O': ofmt = optarg; break;
        case 'B': backing = optarg; break;
        case 'F': bfmt = optarg; break;
        case 'c': compress = true; break;
        case 'o': options = optarg; break;
        case 'p': prog = true; break;
        case 't': cache = optarg; break;
        case 'q': quiet = true; break;
        case 'n': skip_create = true; break;
        case 'S':
            if (img_parse_size(optarg, &sparse) < 0 ||
                (sparse % 512 && sparse != 0) || sparse > 0x7fffffff) {
                img_error("Invalid buffer size for sparse output specified. "
                          "Valid sizes are multiples of 512 up to 16M.");
                return 1;
            }
            break;
        case 'm': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 16) {
                img_error("Invalid number of coroutines. Allowed number of "
                          "coroutines is between 1 and 16");
                return 1;
            }
            break;
        }
        case 'l':
            snap = optarg;
            break;
        case 'T':
            if (!img_cache_flags(optarg, &sflags)) {
                return 1;
            }
            break;
        case 'W': case 'U': case 'C': case 'r': case 'z':
        case 'v': case 'j':
            break;
        case 'h': img_help(); return 0;
        case ':': img_error("option '%s' requires an argument",
                            argv[optind - 1]);
            return 1;
        default: img_error("unrecognized option '%s'", argv[optind - 1]);
            return 1;
        }
    }
    (void)quiet;
    nsrc = argc - optind - 1;
    if (nsrc < 1) {
        img_error("Expecting image file name");
        return 1;
    }
    if (!bdrv_find_format(ofmt) || !strcmp(ofmt, "file")) {
        img_error("Unknown file format '%s'", ofmt);
        return 1;
    }
    if (compress && strcmp(ofmt, "qcow2")) {
        img_error("Compression not supported for this file format");
        return 1;
    }
    if (bdrv_parse_cache_mode(cache, &dflags) < 0) {
        img_error("Invalid cache option: %s", cache);
        return 1;
    }
    if (options && img_parse_create_opts(options, &o, ofmt) < 0) {
        return 1;
    }
    src = calloc(nsrc, sizeof(*src));
    if (snap && nsrc > 1) {
        img_error("No support for concatenating multiple snapshot");
        goto out;
    }
    for (i = 0; i < nsrc; i++) {
        src[i] = img_open(argv[optind + i], fmt, sflags);
        if (!src[i]) {
            goto out;
        }
        if (snap) {
            /* "snapshot.id=ID,snapshot.name=NAME" or "ID_OR_NAME" */
            char name[256];
            const char *p = strstr(snap, "snapshot.name=");
            if (!p) {
                p = strstr(snap, "snapshot.id=");
                p = p ? p + strlen("snapshot.id=") : snap;
            } else {
                p += strlen("snapshot.name=");
            }
            snprintf(name, sizeof(name), "%.*s", (int)strcspn(p, ","), p);
            if (!src[i]->drv->snapshot_load_tmp ||
                src[i]->drv->snapshot_load_tmp(src[i], name, err,
                                               sizeof(err)) < 0) {
                img_error("Failed to load snapshot: %s",
                          err[0] ? err : "not supported by the format");
                goto out;
            }
        }
        total += bdrv_getlength(src[i]);
    }
    if (!skip_create) {
        o.size = total;
        o.size_set = true;
        if (backing) {
            o.backing_file = backing;
            o.backing_fmt = bfmt;
            if (!bfmt) {
                img_error("Backing file specified without backing format");
                goto out;
            }
        }
        if (bdrv_create(ofmt, argv[argc - 1], &o, err, sizeof(err)) < 0) {
            img_error("%s: %s", argv[argc - 1], err);
            goto out;
        }
    }
    dst = img_open(argv[argc - 1], skip_create ? NULL : ofmt,
                   dflags | (skip_create ? 0 : BDRV_O_NO_BACKING));
    if (!dst) {
        goto out;
    }
    if (skip_create && (uint64_t)bdrv_getlength(dst) < total) {
        img_error("output file is smaller than input file");
        goto out;
    }
    chunk = COPY_CHUNK;
    if (compress) {
        BdrvInfo fi;
        dst->drv->get_info(dst, &fi);
        chunk = fi.cluster_size;
    }
    buf = malloc(chunk);
    if (!buf || (compress && comp_batch_init(&cb, dst, chunk) < 0)) {
        img_error("out of memory");
        goto out;
    }
    progress(prog, 0, total);
    {
        uint64_t doff = 0;
        for (i = 0; i < nsrc; i++) {
            uint64_t len = bdrv_getlength(src[i]), off;
            for (off = 0; off < len; off += chunk) {
                size_t n = len - off < chunk ? len - off : chunk;
                size_t p;

                if (sparse && !backing && !skip_create) {
                    /* Skip whole zero chunks in one step (sparse images). */
                    uint64_t z = zero_extent(src[i], off, len - off);
                    z = z / chunk * chunk;
                    if (z > 0 || known_zero(src[i], off, n)) {
                        if (z == 0) {
                            z = n;
                        }
                        done += z;
                        off += z - chunk;
                        progress(prog, done, total);
                        continue;
                    }
                }
                if (compress) {
                    CompJob *j = &cb.jobs[cb.n++];
                    ret = bdrv_pread(src[i], off, j->in, n);
                    if (ret < 0) {
                        img_error("error while reading at byte %" PRIu64
                                  ": %s", off, strerror(-ret));
                        ret = 1;
                        goto out;
                    }
                    j->off = doff + off;
                    j->n = n;
                    j->zero = is_zero(j->in, n);
                    if (cb.n == cb.max &&
                        comp_batch_flush(&cb, skip_create) < 0) {
                        ret = 1;
                        goto out;
                    }
                    done += n;
                    progress(prog, done, total);
                    continue;
                }
                ret = bdrv_pread(src[i], off, buf, n);
                if (ret < 0) {
                    img_error("error while reading at byte %" PRIu64 ": %s",
                              off, strerror(-ret));
                    ret = 1;
                    goto out;
                }
                if (sparse == 0) {
                    ret = bdrv_pwrite(dst, doff + off, buf, n);
                } else {
                    for (p = 0; p < n && ret >= 0;) {
                        size_t q = p;
                        bool z = is_zero(buf + p, n - p < sparse ? n - p :
                                         sparse);
                        while (q < n && is_zero(buf + q, n - q < sparse ?
                                                n - q : sparse) == z) {
                            q += n - q < sparse ? n - q : sparse;
                        }
                        if (!z) {
                            ret = bdrv_pwrite(dst, doff + off + p, buf + p,
                                              q - p);
                        } else if (skip_create || backing) {
                            ret = bdrv_write_zeroes(dst, doff + off + p,
                                                    q - p);
                        }
                        p = q;
                    }
                }
                if (ret < 0) {
                    img_error("error while writing at byte %" PRIu64 ": %s",
                              doff + off, strerror(-ret));
                    ret = 1;
                    goto out;
                }
                done += n;
                progress(prog, done, total);
            }
            if (compress && cb.n && comp_batch_flush(&cb, skip_create) < 0) {
                ret = 1;
                goto out;
            }
            doff += len;
        }
    }
    ret = bdrv_flush(dst);
    if (ret < 0) {
        img_error("error while flushing: %s", strerror(-ret));
        ret = 1;
        goto out;
    }
    progress(prog, total, total);
    if (prog) {
        printf("\n");
    }
    ret = 0;
out:
    comp_batch_free(&cb);
    free(buf);
    for (i = 0; src && i < nsrc; i++) {
        bdrv_close(src[i]);
    }
    free(src);
    bdrv_close(dst);
    return ret;
}

/* ---------------------------------------------------------------------- */

int img_compare(int argc, char **argv)
{
    const char *f1 = NULL, *f2 = NULL;
    bool strict = false, quiet = false;
    BlockDriverState *a = NULL, *b = NULL;
    uint8_t *ba = NULL, *bb = NULL;
    uint64_t la, lb, common, off;
    int c, ret = 2, sflags = 0;
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };

    optind = 1;
    while ((c = getopt_long(argc, argv, ":hf:F:T:pqsU", lo, NULL)) != -1) {
        switch (c) {
        case 'f': f1 = optarg; break;
        case 'F': f2 = optarg; break;
        case 's': strict = true; break;
        case 'q': quiet = true; break;
        case 'T':
            if (!img_cache_flags(optarg, &sflags)) {
                return 2;
            }
            break;
        case 'p': case 'U': break;
        case 'h': img_help(); return 0;
        default: img_error("unrecognized option '%s'", argv[optind - 1]);
            return 2;
        }
    }
    if (optind != argc - 2) {
        img_error("Expecting two image file names");
        return 2;
    }
    a = img_open(argv[optind], f1, sflags);
    b = a ? img_open(argv[optind + 1], f2 ? f2 : f1, sflags) : NULL;
    ba = malloc(COPY_CHUNK);
    bb = malloc(COPY_CHUNK);
    if (!a || !b || !ba || !bb) {
        goto out;
    }
    la = bdrv_getlength(a);
    lb = bdrv_getlength(b);
    common = la < lb ? la : lb;
    for (off = 0; off < common; off += COPY_CHUNK) {
        size_t n = common - off < COPY_CHUNK ? common - off : COPY_CHUNK;
        size_t i;
        uint64_t za = zero_extent(a, off, common - off);
        uint64_t zb = zero_extent(b, off, common - off);
        uint64_t z = (za < zb ? za : zb) / COPY_CHUNK * COPY_CHUNK;
        if (z > 0) {
            off += z - COPY_CHUNK;
            continue;
        }
        if (known_zero(a, off, n) && known_zero(b, off, n)) {
            continue;
        }
        if (bdrv_pread(a, off, ba, n) < 0 || bdrv_pread(b, off, bb, n) < 0) {
            img_error("Error while reading offset %" PRIu64, off);
            goto out;
        }
        if (memcmp(ba, bb, n)) {
            for (i = 0; i < n && ba[i] == bb[i]; i++) {
            }
            if (!quiet) {
                printf("Content mismatch at offset %" PRIu64 "!\n",
                       (uint64_t)((off + i) & ~511ULL));
            }
            ret = 1;
            goto out;
        }
    }
    if (la != lb) {
        BlockDriverState *big = la > lb ? a : b;
        uint64_t blen = la > lb ? la : lb;
        if (strict) {
            if (!quiet) {
                printf("Strict mode: Image size mismatch!\n");
            }
            ret = 1;
            goto out;
        }
        for (off = common; off < blen; off += COPY_CHUNK) {
            size_t n = blen - off < COPY_CHUNK ? blen - off : COPY_CHUNK;
            size_t i;
            uint64_t z = zero_extent(big, off, blen - off);
            if (z >= COPY_CHUNK) {
                off += z / COPY_CHUNK * COPY_CHUNK - COPY_CHUNK;
                continue;
            }
            if (known_zero(big, off, n)) {
                continue;
            }
            if (bdrv_pread(big, off, ba, n) < 0) {
                img_error("Error while reading offset %" PRIu64, off);
                goto out;
            }
            for (i = 0; i < n && !ba[i]; i++) {
            }
            if (i < n) {
                if (!quiet) {
                    printf("Content mismatch at offset %" PRIu64 "!\n",
                           (uint64_t)((off + i) & ~511ULL));
                }
                ret = 1;
                goto out;
            }
        }
    }
    if (!quiet) {
        printf("Images are identical.\n");
    }
    ret = 0;
out:
    free(ba);
    free(bb);
    bdrv_close(a);
    bdrv_close(b);
    return ret;
}

/* ---------------------------------------------------------------------- */

int img_commit(int argc, char **argv)
{
    const char *fmt = NULL, *base_name = NULL;
    bool keep = false, quiet = false;
    BlockDriverState *top = NULL, *base = NULL;
    char err[1024], path[8192];
    uint8_t *buf = NULL;
    uint64_t len, off;
    int c, ret = 1, cflags = 0;

    optind = 1;
    while ((c = getopt(argc, argv, ":hf:t:b:dpqr:")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'b': base_name = optarg; break;
        case 'd': keep = true; break;
        case 'q': quiet = true; break;
        case 't':
            if (!img_cache_flags(optarg, &cflags)) {
                return 1;
            }
            break;
        case 'p': case 'r': break;
        case 'h': img_help(); return 0;
        default: img_error("invalid option -- '%c'", optopt); return 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    top = img_open(argv[optind], fmt, cflags | BDRV_O_RDWR |
                   BDRV_O_NO_BACKING);
    if (!top) {
        return 1;
    }
    if (!top->backing_file[0]) {
        img_error("Image does not have a backing file");
        goto out;
    }
    bdrv_backing_path(argv[optind], top->backing_file, path, sizeof(path));
    if (base_name && strcmp(base_name, path) &&
        strcmp(base_name, top->backing_file)) {
        img_error("Only the immediate backing file can be used as base");
        goto out;
    }
    base = bdrv_open(path, top->backing_format[0] ? top->backing_format :
                     NULL, cflags | BDRV_O_RDWR, err, sizeof(err));
    if (!base) {
        img_error("Could not open backing file: %s", err);
        goto out;
    }
    buf = malloc(COPY_CHUNK);
    len = bdrv_getlength(top);
    if ((uint64_t)bdrv_getlength(base) < len) {
        if (bdrv_truncate(base, len, false, PREALLOC_OFF, err,
                          sizeof(err)) < 0) {
            img_error("Could not resize backing file: %s", err);
            goto out;
        }
    }
    for (off = 0; off < len;) {
        uint64_t pnum, map;
        uint64_t n = len - off < COPY_CHUNK ? len - off : COPY_CHUNK;
        int st = bdrv_block_status(top, off, n, &pnum, &map);
        if (st < 0 || pnum == 0) {
            img_error("Could not read image metadata");
            goto out;
        }
        if (st & BDRV_BLOCK_ALLOCATED) {
            if (st & BDRV_BLOCK_ZERO) {
                ret = bdrv_write_zeroes(base, off, pnum);
            } else {
                ret = bdrv_pread(top, off, buf, pnum);
                if (ret == 0) {
                    ret = bdrv_pwrite(base, off, buf, pnum);
                }
            }
            if (ret < 0) {
                img_error("Error while committing: %s", strerror(-ret));
                ret = 1;
                goto out;
            }
        }
        off += pnum;
    }
    ret = bdrv_flush(base);
    if (ret == 0 && !keep) {
        ret = bdrv_discard(top, 0, len);
        if (ret == 0) {
            ret = bdrv_flush(top);
        }
    }
    if (ret < 0) {
        img_error("Error while committing: %s", strerror(-ret));
        ret = 1;
        goto out;
    }
    if (!quiet) {
        printf("Image committed.\n");
    }
    ret = 0;
out:
    free(buf);
    bdrv_close(base);
    bdrv_close(top);
    return ret;
}

/* ---------------------------------------------------------------------- */

int img_rebase(int argc, char **argv)
{
    const char *fmt = NULL, *nb = NULL, *nbfmt = NULL;
    bool unsafe = false, quiet = false;
    BlockDriverState *top = NULL, *newb = NULL;
    char err[1024], path[8192];
    uint8_t *ba = NULL, *bb = NULL;
    int c, ret = 1, tflags = 0, sflags = 0;

    optind = 1;
    while ((c = getopt(argc, argv, ":hf:F:b:ut:T:pqU")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'b': nb = optarg; break;
        case 'F': nbfmt = optarg; break;
        case 'u': unsafe = true; break;
        case 'q': quiet = true; break;
        case 't':
            if (!img_cache_flags(optarg, &tflags)) {
                return 1;
            }
            break;
        case 'T':
            if (!img_cache_flags(optarg, &sflags)) {
                return 1;
            }
            break;
        case 'p': case 'U': break;
        case 'h': img_help(); return 0;
        default: img_error("invalid option -- '%c'", optopt); return 1;
        }
    }
    (void)quiet;
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    if (!nb) {
        img_error("Must specify backing file (-b)");
        return 1;
    }
    top = img_open(argv[optind], fmt, tflags | BDRV_O_RDWR |
                   (unsafe ? BDRV_O_NO_BACKING : 0));
    if (!top) {
        return 1;
    }
    if (!top->drv->change_backing) {
        img_error("Format does not support backing files");
        goto out;
    }
    if (*nb) {
        bdrv_backing_path(argv[optind], nb, path, sizeof(path));
        if (!nbfmt) {
            const BlockDriver *d = bdrv_probe_format(path);
            nbfmt = d ? d->format_name : NULL;
        }
    }
    if (!unsafe) {
        uint64_t len = bdrv_getlength(top), off, nlen = 0;
        if (*nb) {
            newb = bdrv_open(path, nbfmt, sflags | BDRV_O_NO_LOCK, err,
                             sizeof(err));
            if (!newb) {
                img_error("Could not open new backing file '%s': %s", path,
                          err);
                goto out;
            }
            nlen = bdrv_getlength(newb);
        }
        ba = malloc(65536);
        bb = malloc(65536);
        for (off = 0; off < len;) {
            uint64_t pnum, map;
            uint64_t n = len - off < 65536 ? len - off : 65536;
            int st = bdrv_block_status(top, off, n, &pnum, &map);
            if (st < 0 || pnum == 0) {
                img_error("error while reading image metadata");
                goto out;
            }
            n = pnum;
            if (!(st & BDRV_BLOCK_ALLOCATED)) {
                if (bdrv_pread(top, off, ba, n) < 0) {
                    img_error("error while reading from old backing file");
                    goto out;
                }
                memset(bb, 0, n);
                if (newb && off < nlen) {
                    uint64_t m = nlen - off < n ? nlen - off : n;
                    if (bdrv_pread(newb, off, bb, m) < 0) {
                        img_error("error while reading from new backing "
                                  "file");
                        goto out;
                    }
                }
                if (memcmp(ba, bb, n) &&
                    bdrv_pwrite(top, off, ba, n) < 0) {
                    img_error("error while writing to COW image");
                    goto out;
                }
            }
            off += n;
        }
    }
    if (top->drv->change_backing(top, *nb ? nb : NULL, nbfmt) < 0 ||
        bdrv_flush(top) < 0) {
        img_error("Could not change the backing file to '%s'", nb);
        goto out;
    }
    ret = 0;
out:
    free(ba);
    free(bb);
    bdrv_close(newb);
    bdrv_close(top);
    return ret;
}

/* ---------------------------------------------------------------------- */

int img_dd(int argc, char **argv)
{
    const char *fmt = NULL, *ofmt = "raw", *in = NULL, *out = NULL;
    uint64_t bs_ = 512, count = UINT64_MAX, skip = 0, len, off, end;
    BlockDriverState *src = NULL, *dst = NULL;
    BlockCreateOpts o;
    char err[1024];
    uint8_t *buf = NULL;
    int c, i, ret = 1;

    optind = 1;
    while ((c = getopt(argc, argv, ":hf:O:U")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'O': ofmt = optarg; break;
        case 'U': break;
        case 'h': img_help(); return 0;
        default: img_error("invalid option -- '%c'", optopt); return 1;
        }
    }
    for (i = optind; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) {
            img_error("unrecognized operand %s", argv[i]);
            return 1;
        }
        *eq++ = 0;
        if (!strcmp(argv[i], "if")) {
            in = eq;
        } else if (!strcmp(argv[i], "of")) {
            out = eq;
        } else if (!strcmp(argv[i], "bs")) {
            if (img_parse_size(eq, &bs_) < 0 || bs_ == 0 ||
                bs_ > (1ULL << 30)) {
                img_error("invalid number: '%s'", eq);
                return 1;
            }
        } else if (!strcmp(argv[i], "count")) {
            if (img_parse_size(eq, &count) < 0) {
                img_error("invalid number: '%s'", eq);
                return 1;
            }
        } else if (!strcmp(argv[i], "skip")) {
            if (img_parse_size(eq, &skip) < 0) {
                img_error("invalid number: '%s'", eq);
                return 1;
            }
        } else {
            img_error("unrecognized operand %s", argv[i]);
            return 1;
        }
    }
    if (!in || !out) {
        img_error("Must specify both input and output files");
        return 1;
    }
    src = img_open(in, fmt, 0);
    if (!src) {
        return 1;
    }
    len = bdrv_getlength(src);
    off = skip * bs_;
    if (off > len) {
        off = len;
    }
    end = len;
    if (count != UINT64_MAX && off + count * bs_ < end) {
        end = off + count * bs_;
    }
    memset(&o, 0, sizeof(o));
    o.size = end - off;
    o.size_set = true;
    if (bdrv_create(ofmt, out, &o, err, sizeof(err)) < 0) {
        img_error("%s: %s", out, err);
        goto done;
    }
    dst = img_open(out, ofmt, BDRV_O_RDWR);
    buf = malloc(bs_);
    if (!dst || !buf) {
        goto done;
    }
    for (; off < end; off += bs_) {
        size_t n = end - off < bs_ ? end - off : bs_;
        if (bdrv_pread(src, off, buf, n) < 0 ||
            bdrv_pwrite(dst, off - skip * bs_, buf, n) < 0) {
            img_error("error while copying at offset %" PRIu64, off);
            goto done;
        }
    }
    ret = bdrv_flush(dst) < 0;
done:
    free(buf);
    bdrv_close(src);
    bdrv_close(dst);
    return ret;
}

/* ---------------------------------------------------------------------- */

typedef struct BenchState {
    int inflight;
    int done;
    int failed;
} BenchState;

static void bench_cb(void *opaque, int ret)
{
    BenchState *b = opaque;

    b->inflight--;
    b->done++;
    if (ret < 0) {
        b->failed++;
    }
}

int img_bench(int argc, char **argv)
{
    const char *fmt = NULL, *cache = "writeback";
    int count = 75000, depth = 64, c, flags = 0, i, submitted = 0;
    uint64_t off0 = 0, bufsize = 4096, step = 0, len, off;
    bool write = false, quiet = false;
    int pattern = 0;
    BlockDriverState *bs;
    BdrvAioPool *pool;
    BenchState st = { 0 };
    struct timespec t0, t1;
    uint8_t **bufs;
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "pattern", required_argument, NULL, 'P' },
        { "flush-interval", required_argument, NULL, 'F' },
        { "no-drain", no_argument, NULL, 'D' },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };

    optind = 1;
    while ((c = getopt_long(argc, argv, ":hc:d:f:ni:o:qs:S:t:wU", lo,
                            NULL)) != -1) {
        switch (c) {
        case 'c': count = atoi(optarg); break;
        case 'd': depth = atoi(optarg); break;
        case 'f': fmt = optarg; break;
        case 'n': cache = "none"; break;
        case 'o':
            if (img_parse_size(optarg, &off0) < 0) {
                img_error("Invalid offset specified");
                return 1;
            }
            break;
        case 'q': quiet = true; break;
        case 's':
            if (img_parse_size(optarg, &bufsize) < 0 || !bufsize ||
                bufsize > (1 << 30)) {
                img_error("Invalid buffer size specified");
                return 1;
            }
            break;
        case 'S':
            if (img_parse_size(optarg, &step) < 0) {
                img_error("Invalid step size specified");
                return 1;
            }
            break;
        case 't': cache = optarg; break;
        case 'w': write = true; break;
        case 'P': pattern = atoi(optarg); break;
        case 'i': case 'F': case 'D': case 'U': break;
        case 'h': img_help(); return 0;
        default: img_error("unrecognized option '%s'", argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 1 || count <= 0 || depth <= 0 || depth > 1024) {
        img_error("Expecting one image file name");
        return 1;
    }
    if (!step) {
        step = bufsize;
    }
    if (bdrv_parse_cache_mode(cache, &flags) < 0) {
        img_error("Invalid cache mode");
        return 1;
    }
    bs = img_open(argv[optind], fmt, flags | (write ? BDRV_O_RDWR : 0));
    if (!bs) {
        return 1;
    }
    len = bdrv_getlength(bs);
    if (len < bufsize) {
        img_error("Image too small for the buffer size");
        bdrv_close(bs);
        return 1;
    }
    pool = bdrv_aio_pool_new(4);
    bufs = calloc(depth, sizeof(*bufs));
    for (i = 0; i < depth; i++) {
        if (posix_memalign((void **)&bufs[i], 4096, bufsize)) {
            img_error("out of memory");
            return 1;
        }
        memset(bufs[i], pattern, bufsize);
    }
    if (!quiet) {
        printf("Sending %d %s requests, %" PRIu64 " bytes each, %d in "
               "parallel (starting at offset %" PRIu64 ", step size %" PRIu64
               ")\n", count, write ? "write" : "read", bufsize, depth, off0,
               step);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    off = off0;
    while (st.done < count) {
        while (st.inflight < depth && submitted < count) {
            if (off + bufsize > len) {
                off = 0;
            }
            st.inflight++;
            bdrv_aio_submit(pool, bs, write ? BDRV_AIO_WRITE : BDRV_AIO_READ,
                            off, bufs[submitted % depth], bufsize, bench_cb,
                            &st);
            submitted++;
            off += step;
        }
        {
            struct pollfd pfd = { .fd = bdrv_aio_pool_fd(pool),
                                  .events = POLLIN };
            poll(&pfd, 1, 1000);
        }
        bdrv_aio_pool_complete(pool);
    }
    bdrv_aio_pool_free(pool);
    if (write) {
        bdrv_flush(bs);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!quiet) {
        printf("Run completed in %3.3f seconds.\n",
               (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    for (i = 0; i < depth; i++) {
        free(bufs[i]);
    }
    free(bufs);
    bdrv_close(bs);
    return st.failed ? 1 : 0;
}
