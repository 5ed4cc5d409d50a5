/*
 * qemu-img.c: the image utility (option syntax, output and exit codes
 * follow QEMU's qemu-img).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "block/block.h"
#include "block/qemu-img.h"

void img_error(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "qemu-img: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* QEMU's size suffixes: k M G T P E (powers of 1024), optional 'B'. */
int img_parse_size(const char *str, uint64_t *out)
{
    char *end;
    double d;
    uint64_t mul = 1;

    if (!str || !*str || *str == '-') {
        return -EINVAL;
    }
    errno = 0;
    d = strtod(str, &end);
    if (errno || end == str || d < 0) {
        return -EINVAL;
    }
    switch (*end) {
    case 'b': case 'B': mul = 1; end++; break;
    case 'k': case 'K': mul = 1ULL << 10; end++; break;
    case 'm': case 'M': mul = 1ULL << 20; end++; break;
    case 'g': case 'G': mul = 1ULL << 30; end++; break;
    case 't': case 'T': mul = 1ULL << 40; end++; break;
    case 'p': case 'P': mul = 1ULL << 50; end++; break;
    case 'e': case 'E': mul = 1ULL << 60; end++; break;
    case 0: break;
    default: return -EINVAL;
    }
    if (*end) {
        return -EINVAL;
    }
    if (mul == 1 && d != floor(d)) {
        return -EINVAL;
    }
    if (d * mul >= 18446744073709551616.0) {
        return -ERANGE;
    }
    *out = (uint64_t)(d * mul);
    return 0;
}

/* QEMU's wording, on one line. */
void img_size_error(void)
{
    img_error("Invalid image size specified. You may use k, M, G, T, P or "
              "E suffixes for kilobytes, megabytes, gigabytes, terabytes, "
              "petabytes and exabytes.");
}

char *img_size_to_str(uint64_t val, char *buf, size_t len)
{
    static const char *suffixes[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi",
                                      "Ei" };
    int i;

    frexp(val / (1000.0 / 1024.0), &i);
    i = (i - 1) / 10;
    if (i < 0) {
        i = 0;
    }
    if (i > 6) {
        i = 6;
    }
    snprintf(buf, len, "%0.3g %sB", (double)val / (double)(1ULL << (i * 10)),
             suffixes[i]);
    return buf;
}

/* Parse "-o" options into a BlockCreateOpts (strings point into opt). */
int img_parse_create_opts(char *opt, BlockCreateOpts *o, const char *fmt)
{
    char *save = NULL, *tok;

    for (tok = strtok_r(opt, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *val = strchr(tok, '=');
        uint64_t v;

        if (!val) {
            if (!strcmp(tok, "help") || !strcmp(tok, "?")) {
                printf("Supported options:\n  size\n  backing_file\n"
                       "  backing_fmt\n  cluster_size\n  compat\n"
                       "  lazy_refcounts\n  preallocation\n"
                       "  refcount_bits\n");
                exit(0);
            }
            img_error("Invalid parameter '%s'", tok);
            return -EINVAL;
        }
        *val++ = 0;
        if (!strcmp(tok, "size")) {
            if (img_parse_size(val, &v) < 0) {
                img_error("Parameter 'size' expects a non-negative number "
                          "below 2^64");
                return -EINVAL;
            }
            o->size = v;
            o->size_set = true;
        } else if (!strcmp(tok, "cluster_size")) {
            if (img_parse_size(val, &v) < 0 || v > INT32_MAX) {
                img_error("Parameter 'cluster_size' expects a size");
                return -EINVAL;
            }
            o->cluster_size = v;
        } else if (!strcmp(tok, "compat")) {
            if (!strcmp(val, "0.10") || !strcmp(val, "v2")) {
                o->compat = 2;
            } else if (!strcmp(val, "1.1") || !strcmp(val, "v3")) {
                o->compat = 3;
            } else {
                img_error("Invalid parameter '%s'", val);
                return -EINVAL;
            }
        } else if (!strcmp(tok, "lazy_refcounts")) {
            if (strcmp(val, "on") && strcmp(val, "off")) {
                img_error("Parameter 'lazy_refcounts' expects 'on' or "
                          "'off'");
                return -EINVAL;
            }
            o->lazy_refcounts = !strcmp(val, "on");
            o->lazy_refcounts_set = true;
        } else if (!strcmp(tok, "refcount_bits")) {
            o->refcount_bits = atoi(val);
            if (o->refcount_bits <= 0) {
                img_error("Parameter 'refcount_bits' expects a number");
                return -EINVAL;
            }
        } else if (!strcmp(tok, "preallocation")) {
            if (!strcmp(val, "off")) {
                o->prealloc = PREALLOC_OFF;
            } else if (!strcmp(val, "metadata")) {
                o->prealloc = PREALLOC_METADATA;
            } else if (!strcmp(val, "falloc")) {
                o->prealloc = PREALLOC_FALLOC;
            } else if (!strcmp(val, "full")) {
                o->prealloc = PREALLOC_FULL;
            } else {
                img_error("Invalid parameter '%s'", val);
                return -EINVAL;
            }
        } else if (!strcmp(tok, "backing_file")) {
            o->backing_file = val;
        } else if (!strcmp(tok, "backing_fmt")) {
            o->backing_fmt = val;
        } else if (!strcmp(tok, "compression_type") ||
                   !strcmp(tok, "extended_l2")) {
            if (strcmp(val, "zlib") && strcmp(val, "off")) {
                img_error("Unsupported value '%s' for '%s'", val, tok);
                return -EINVAL;
            }
        } else {
            img_error("Invalid parameter '%s'", tok);
            return -EINVAL;
        }
    }
    (void)fmt;
    return 0;
}

/* -t / -T: add a cache mode's open flags; false (and a message) if bad. */
bool img_cache_flags(const char *mode, int *flags)
{
    if (mode && bdrv_parse_cache_mode(mode, flags) < 0) {
        img_error("Invalid cache option: %s", mode);
        return false;
    }
    return true;
}

BlockDriverState *img_open(const char *filename, const char *fmt, int flags)
{
    char err[1024];
    BlockDriverState *bs = bdrv_open(filename, fmt, flags, err, sizeof(err));

    if (!bs) {
        img_error("Could not open '%s': %s", filename, err);
    }
    return bs;
}

/* ---------------------------------------------------------------------- */

static int img_create(int argc, char **argv)
{
    const char *fmt = "raw", *base = NULL, *base_fmt = NULL;
    char *options = NULL;
    BlockCreateOpts o;
    char err[1024];
    bool quiet = false, unsafe = false;
    uint64_t size;
    int c, ret;

    memset(&o, 0, sizeof(o));
    optind = 1;
    while ((c = getopt(argc, argv, ":hf:b:F:o:qu")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'b': base = optarg; break;
        case 'F': base_fmt = optarg; break;
        case 'o': options = optarg; break;
        case 'q': quiet = true; break;
        case 'u': unsafe = true; break;
        case 'h': img_help(); return 0;
        case ':': img_error("option '-%c' requires an argument", optopt);
            return 1;
        default: img_error("unrecognized option '%s'", argv[optind - 1]);
            return 1;
        }
    }
    if (optind >= argc) {
        img_error("Expecting image file name");
        return 1;
    }
    if (!bdrv_find_format(fmt) || !strcmp(fmt, "file")) {
        img_error("Unknown file format '%s'", fmt);
        return 1;
    }
    if (options && img_parse_create_opts(options, &o, fmt) < 0) {
        return 1;
    }
    if (base) {
        o.backing_file = base;
    }
    if (base_fmt) {
        o.backing_fmt = base_fmt;
    }
    if (optind + 1 < argc) {
        if (optind + 2 < argc) {
            img_error("Unexpected argument: %s", argv[optind + 2]);
            return 1;
        }
        ret = img_parse_size(argv[optind + 1], &size);
        if (ret < 0) {
            img_size_error();
            return 1;
        }
        o.size = size;
        o.size_set = true;
    }
    if (o.size_set) {
        /* Like QEMU: image sizes are whole 512-byte sectors. */
        if (o.size > UINT64_MAX - 511) {
            img_size_error();
            return 1;
        }
        o.size = (o.size + 511) & ~511ULL;
    }
    if (o.backing_file && !o.backing_fmt) {
        img_error("Backing file specified without backing format");
        return 1;
    }
    if (o.backing_file && !(unsafe && o.size_set)) {
        char path[8192];
        BlockDriverState *b;
        bdrv_backing_path(argv[optind], o.backing_file, path, sizeof(path));
        b = bdrv_open(path, o.backing_fmt, BDRV_O_NO_LOCK, err, sizeof(err));
        if (!b) {
            img_error("Could not open backing image: %s", err);
            return 1;
        }
        if (!o.size_set) {
            o.size = bdrv_getlength(b);
            o.size_set = true;
        }
        bdrv_close(b);
    }
    if (!o.size_set) {
        img_error("%s: Image creation needs a size parameter", argv[optind]);
        return 1;
    }
    if (!quiet) {
        if (!strcmp(fmt, "qcow2")) {
            static const char *const pn[] = { "off", "metadata",
                                              "falloc", "full" };
            printf("Formatting '%s', fmt=qcow2 cluster_size=%d "
                   "extended_l2=off", argv[optind],
                   o.cluster_size ? o.cluster_size : 65536);
            if (o.prealloc != PREALLOC_OFF) {
                printf(" preallocation=%s", pn[o.prealloc]);
            }
            printf(" compression_type=zlib size=%" PRIu64, o.size);
            if (o.backing_file) {
                printf(" backing_file=%s", o.backing_file);
            }
            if (o.backing_fmt) {
                printf(" backing_fmt=%s", o.backing_fmt);
            }
            if (o.compat == 2) {
                printf(" compat=0.10");
            } else if (o.compat == 3) {
                printf(" compat=1.1");
            }
            printf(" lazy_refcounts=%s refcount_bits=%d\n",
                   o.lazy_refcounts ? "on" : "off",
                   o.refcount_bits ? o.refcount_bits : 16);
        } else {
            printf("Formatting '%s', fmt=%s size=%" PRIu64 "\n", argv[optind],
                   fmt, o.size);
        }
        fflush(stdout);
    }
    err[0] = 0;
    ret = bdrv_create(fmt, argv[optind], &o, err, sizeof(err));
    if (ret < 0) {
        img_error("%s: %s", argv[optind], err[0] ? err : strerror(-ret));
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */

static int img_check(int argc, char **argv)
{
    const char *fmt = NULL, *output = "human";
    int fix = 0, flags = BDRV_O_CHECK | BDRV_O_NO_BACKING, c, ret;
    bool quiet = false;
    BlockDriverState *bs;
    BdrvCheckResult r;
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "output", required_argument, NULL, 'O' },
        { "object", required_argument, NULL, 'j' },
        { "image-opts", no_argument, NULL, 'I' },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };

    optind = 1;
    while ((c = getopt_long(argc, argv, ":hf:r:T:qU", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'r':
            flags |= BDRV_O_RDWR;
            if (!strcmp(optarg, "leaks")) {
                fix = BDRV_FIX_LEAKS;
            } else if (!strcmp(optarg, "all")) {
                fix = BDRV_FIX_LEAKS | BDRV_FIX_ERRORS;
            } else {
                img_error("Unknown option value for -r (expecting 'leaks' "
                          "or 'all'): %s", optarg);
                return 1;
            }
            break;
        case 'O': output = optarg; break;
        case 'T':
            if (!img_cache_flags(optarg, &flags)) {
                return 1;
            }
            break;
        case 'q': quiet = true; break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'h': img_help(); return 0;
        case ':': img_error("option requires an argument"); return 1;
        default: img_error("unrecognized option '%s'", argv[optind - 1]);
            return 1;
        }
    }
    if (strcmp(output, "human") && strcmp(output, "json")) {
        img_error("--output must be used with human or json as argument.");
        return 1;
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    bs = img_open(argv[optind], fmt, flags);
    if (!bs) {
        return 1;
    }
    if (!bs->drv->check) {
        if (!strcmp(output, "json")) {
            bdrv_close(bs);
        }
        img_error("This image format does not support checks");
        bdrv_close(bs);
        return 63;
    }
    ret = bs->drv->check(bs, &r, fix);
    if (ret < 0) {
        img_error("Check failed: %s", strerror(-ret));
        bdrv_close(bs);
        return 1;
    }
    if (!strcmp(output, "json")) {
        printf("{\n");
        if (r.image_end_offset) {
            printf("    \"image-end-offset\": %" PRId64 ",\n",
                   r.image_end_offset);
        }
        if (r.corruptions) {
            printf("    \"corruptions\": %d,\n", r.corruptions);
        }
        if (r.leaks) {
            printf("    \"leaks\": %d,\n", r.leaks);
        }
        if (fix && r.corruptions_fixed) {
            printf("    \"corruptions-fixed\": %d,\n", r.corruptions_fixed);
        }
        if (fix && r.leaks_fixed) {
            printf("    \"leaks-fixed\": %d,\n", r.leaks_fixed);
        }
        printf("    \"total-clusters\": %" PRId64 ",\n", r.total_clusters);
        if (r.allocated_clusters) {
            printf("    \"allocated-clusters\": %" PRId64 ",\n",
                   r.allocated_clusters);
        }
        if (r.fragmented_clusters) {
            printf("    \"fragmented-clusters\": %" PRId64 ",\n",
                   r.fragmented_clusters);
        }
        if (r.compressed_clusters) {
            printf("    \"compressed-clusters\": %" PRId64 ",\n",
                   r.compressed_clusters);
        }
        printf("    \"check-errors\": %d,\n", r.check_errors);
        printf("    \"filename\": \"%s\",\n", argv[optind]);
        printf("    \"format\": \"%s\"\n}\n", bs->drv->format_name);
    } else if (!quiet) {
        if (r.leaks_fixed || r.corruptions_fixed) {
            printf("The following inconsistencies were found and repaired:"
                   "\n\n    %d leaked clusters\n    %d corruptions\n\n"
                   "Double checking the fixed image now...\n",
                   r.leaks_fixed, r.corruptions_fixed);
        }
        if (!r.corruptions && !r.leaks && !r.check_errors) {
            printf("No errors were found on the image.\n");
        } else {
            if (r.corruptions) {
                printf("\n%d errors were found on the image.\n"
                       "Data may be corrupted, or further writes to the "
                       "image may corrupt it.\n", r.corruptions);
            }
            if (r.leaks) {
                printf("\n%d leaked clusters were found on the image.\n"
                       "This means waste of disk space, but no harm to "
                       "data.\n", r.leaks);
            }
            if (r.check_errors) {
                printf("\n%d internal errors have occurred during the "
                       "check.\n", r.check_errors);
            }
        }
        if (r.total_clusters && r.allocated_clusters) {
            printf("%" PRId64 "/%" PRId64 " = %0.2f%% allocated, %0.2f%% "
                   "fragmented, %0.2f%% compressed clusters\n",
                   r.allocated_clusters, r.total_clusters,
                   r.allocated_clusters * 100.0 / r.total_clusters,
                   r.fragmented_clusters * 100.0 / r.allocated_clusters,
                   r.compressed_clusters * 100.0 / r.allocated_clusters);
        }
        if (r.image_end_offset) {
            printf("Image end offset: %" PRId64 "\n", r.image_end_offset);
        }
    }
    bdrv_close(bs);
    if (r.check_errors) {
        return 1;
    }
    if (r.corruptions) {
        return 2;
    }
    if (r.leaks) {
        return 3;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */

static int img_resize(int argc, char **argv)
{
    const char *fmt = NULL, *sz;
    bool shrink = false, quiet = false;
    PreallocMode pa = PREALLOC_OFF;
    BlockDriverState *bs;
    uint64_t size, cur;
    char err[1024] = "";
    int c, ret, rel = 0;
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "shrink", no_argument, NULL, 'S' },
        { "preallocation", required_argument, NULL, 'P' },
        { "object", required_argument, NULL, 'j' },
        { "image-opts", no_argument, NULL, 'I' },
        { NULL, 0, NULL, 0 },
    };

    /* A negative size like "-1G" must not be taken for an option. */
    if (argc >= 3 && argv[argc - 1][0] == '-' && argv[argc - 1][1] >= '0' &&
        argv[argc - 1][1] <= '9') {
        argv[argc - 1][0] = '~';
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, ":hf:q", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'q': quiet = true; break;
        case 'S': shrink = true; break;
        case 'P':
            if (!strcmp(optarg, "off")) {
                pa = PREALLOC_OFF;
            } else if (!strcmp(optarg, "metadata")) {
                pa = PREALLOC_METADATA;
            } else if (!strcmp(optarg, "falloc")) {
                pa = PREALLOC_FALLOC;
            } else if (!strcmp(optarg, "full")) {
                pa = PREALLOC_FULL;
            } else {
                img_error("Invalid preallocation mode '%s'", optarg);
                return 1;
            }
            break;
        case 'h': img_help(); return 0;
        default: img_error("unrecognized option '%s'", argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 2) {
        img_error("Expecting image file name and size");
        return 1;
    }
    sz = argv[optind + 1];
    if (sz[0] == '+') {
        rel = 1;
        sz++;
    } else if (sz[0] == '~') {
        rel = -1;
        sz++;
    }
    if (img_parse_size(sz, &size) < 0) {
        img_error("Invalid size specified. You may use k, M, G, T, P or E "
                  "suffixes for kilobytes, megabytes, gigabytes, terabytes, "
                  "petabytes and exabytes.");
        return 1;
    }
    bs = img_open(argv[optind], fmt, BDRV_O_RDWR);
    if (!bs) {
        return 1;
    }
    cur = bdrv_getlength(bs);
    if (rel > 0) {
        size = cur + size;
    } else if (rel < 0) {
        if (size > cur) {
            img_error("New image size must be positive");
            bdrv_close(bs);
            return 1;
        }
        size = cur - size;
    }
    ret = bdrv_truncate(bs, size, shrink, pa, err, sizeof(err));
    if (ret == 0) {
        ret = bdrv_flush(bs);
    }
    bdrv_close(bs);
    if (ret < 0) {
        img_error("%s", err[0] ? err : strerror(-ret));
        return 1;
    }
    if (!quiet) {
        printf("Image resized.\n");
    }
    return 0;
}

/* ---------------------------------------------------------------------- */

static int img_snapshot(int argc, char **argv)
{
    int c, action = 0, ret = 0, flags = BDRV_O_RDWR;
    const char *name = NULL;
    BlockDriverState *bs;
    char err[1024] = "";

    optind = 1;
    while ((c = getopt(argc, argv, ":la:c:d:hqU")) != -1) {
        switch (c) {
        case 'l':
            action = 'l';
            flags = BDRV_O_NO_BACKING;
            break;
        case 'a': case 'c': case 'd':
            if (action) {
                img_error("Cannot mix '-l', '-a', '-c', '-d'");
                return 1;
            }
            action = c;
            name = optarg;
            break;
        case 'q': break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'h': img_help(); return 0;
        default: img_error("invalid option -- '%c'", optopt); return 1;
        }
    }
    if (optind != argc - 1 || !action) {
        img_error("Expecting one image file name");
        return 1;
    }
    bs = img_open(argv[optind], NULL, flags | BDRV_O_NO_BACKING);
    if (!bs) {
        return 1;
    }
    if (!bs->drv->snapshot_list) {
        img_error("Could not %s snapshot: Operation not supported",
                  action == 'l' ? "list" : "handle");
        bdrv_close(bs);
        return 1;
    }
    switch (action) {
    case 'l':
        img_dump_snapshots(bs);
        break;
    case 'c':
        ret = bs->drv->snapshot_create(bs, name, err, sizeof(err));
        break;
    case 'a':
        ret = bs->drv->snapshot_apply(bs, name, err, sizeof(err));
        break;
    case 'd':
        ret = bs->drv->snapshot_delete(bs, name, err, sizeof(err));
        break;
    }
    if (ret == 0) {
        ret = bdrv_flush(bs);
    }
    bdrv_close(bs);
    if (ret < 0) {
        img_error("%s", err[0] ? err : strerror(-ret));
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */

static int img_amend(int argc, char **argv)
{
    const char *fmt = NULL;
    char *options = NULL;
    BlockCreateOpts o;
    BlockDriverState *bs;
    char err[1024] = "";
    int c, ret, flags = BDRV_O_RDWR | BDRV_O_NO_BACKING;

    memset(&o, 0, sizeof(o));
    optind = 1;
    while ((c = getopt(argc, argv, ":ho:f:t:pq")) != -1) {
        switch (c) {
        case 'o': options = optarg; break;
        case 'f': fmt = optarg; break;
        case 't':
            if (!img_cache_flags(optarg, &flags)) {
                return 1;
            }
            break;
        case 'p': case 'q': break;
        case 'h': img_help(); return 0;
        default: img_error("invalid option -- '%c'", optopt); return 1;
        }
    }
    if (!options) {
        img_error("Must specify options (-o)");
        return 1;
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    if (img_parse_create_opts(options, &o, fmt) < 0) {
        return 1;
    }
    bs = img_open(argv[optind], fmt, flags);
    if (!bs) {
        return 1;
    }
    if (!bs->drv->amend) {
        img_error("Format driver '%s' does not support option amendment",
                  bs->drv->format_name);
        bdrv_close(bs);
        return 1;
    }
    ret = bs->drv->amend(bs, &o, err, sizeof(err));
    if (ret == 0) {
        ret = bdrv_flush(bs);
    }
    bdrv_close(bs);
    if (ret < 0) {
        img_error("Error while amending options: %s",
                  err[0] ? err : strerror(-ret));
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */

void img_help(void)
{
    printf("qemu-img version 7.2.0 (block layer reimplementation)\n"
           "usage: qemu-img [standard options] command [command options]\n"
           "QEMU disk image utility\n\n"
           "    '-h', '--help'       display this help and exit\n"
           "    '-V', '--version'    output version information and exit\n"
           "\nCommand syntax:\n"
           "  amend [-p] [-q] [-f fmt] [-t cache] -o options filename\n"
           "  bench [-c count] [-d depth] [-f fmt] [-n] [-o offset] "
           "[--pattern=pattern] [-q] [-s buffer_size] [-S step_size] "
           "[-t cache] [-w] [-U] filename\n"
           "  check [-q] [-f fmt] [--output=ofmt] [-r [leaks | all]] "
           "[-T src_cache] [-U] filename\n"
           "  commit [-q] [-f fmt] [-t cache] [-b base] [-d] [-p] filename\n"
           "  compare [-f fmt] [-F fmt] [-T src_cache] [-p] [-q] [-s] [-U] "
           "filename1 filename2\n"
           "  convert [-U] [-c] [-p] [-q] [-n] [-f fmt] [-t cache] "
           "[-T src_cache] [-O output_fmt] [-B backing_file [-F backing_fmt]]"
           " [-o options] [-S sparse_size] [-m num_coroutines] [-W] "
           "filename [filename2 [...]] output_filename\n"
           "  create [-q] [-f fmt] [-b backing_file [-F backing_fmt]] [-u] "
           "[-o options] filename [size]\n"
           "  dd [-U] [-f fmt] [-O output_fmt] [bs=block_size] "
           "[count=blocks] [skip=blocks] if=input of=output\n"
           "  info [-f fmt] [--output=ofmt] [--backing-chain] [-U] filename\n"
           "  map [-f fmt] [--start-offset=offset] [--max-length=len] "
           "[--output=ofmt] [-U] filename\n"
           "  measure [--output=ofmt] [-O output_fmt] [-o options] "
           "[--size N | [-f fmt] filename]\n"
           "  snapshot [-U] [-q] [-l | -a snapshot | -c snapshot | "
           "-d snapshot] filename\n"
           "  rebase [-U] [-q] [-f fmt] [-t cache] [-T src_cache] [-p] [-u] "
           "-b backing_file [-F backing_fmt] filename\n"
           "  resize [-f fmt] [--preallocation=prealloc] [-q] [--shrink] "
           "filename [+ | -]size\n"
           "\nSupported formats: qcow2 raw\n");
}

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} img_cmds[] = {
    { "amend", img_amend },
    { "bench", img_bench },
    { "check", img_check },
    { "commit", img_commit },
    { "compare", img_compare },
    { "convert", img_convert },
    { "create", img_create },
    { "dd", img_dd },
    { "info", img_info },
    { "map", img_map },
    { "measure", img_measure },
    { "rebase", img_rebase },
    { "resize", img_resize },
    { "snapshot", img_snapshot },
};

int main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        img_error("Not enough arguments; try 'qemu-img --help' for more "
                  "information");
        return 1;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        img_help();
        return 0;
    }
    if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
        printf("qemu-img version 7.2.0 (block layer reimplementation)\n");
        return 0;
    }
    for (i = 0; i < sizeof(img_cmds) / sizeof(img_cmds[0]); i++) {
        if (!strcmp(argv[1], img_cmds[i].name)) {
            return img_cmds[i].fn(argc - 1, argv + 1);
        }
    }
    img_error("Command not found: %s", argv[1]);
    return 1;
}
