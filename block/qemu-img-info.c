/*
 * qemu-img-info.c: qemu-img info, map, measure and the snapshot listing.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "block/block.h"
#include "block/qemu-img.h"

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = *s;
        if (c == '"' || c == '\\') {
            printf("\\%c", c);
        } else if (c < 0x20) {
            printf("\\u%04x", c);
        } else {
            putchar(c);
        }
    }
    putchar('"');
}

static void snapshot_row(const QEMUSnapshotInfo *sn)
{
    char date[64], clock[64], size[64], icount[32];
    time_t t = sn->date_sec;
    struct tm tm;
    uint64_t secs = sn->vm_clock_nsec / 1000000000ULL;

    localtime_r(&t, &tm);
    strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(clock, sizeof(clock), "%02d:%02d:%02d.%03d",
             (int)(secs / 3600), (int)((secs / 60) % 60), (int)(secs % 60),
             (int)((sn->vm_clock_nsec / 1000000) % 1000));
    img_size_to_str(sn->vm_state_size, size, sizeof(size));
    if (sn->icount == UINT64_MAX) {
        icount[0] = 0;
    } else {
        snprintf(icount, sizeof(icount), "%" PRIu64, sn->icount);
    }
    printf("%-9s %-16s %8s%20s%13s%11s\n", sn->id_str, sn->name, size, date,
           clock, icount);
}

void img_dump_snapshots(BlockDriverState *bs)
{
    QEMUSnapshotInfo *l = NULL;
    int n, i;

    n = bs->drv->snapshot_list ? bs->drv->snapshot_list(bs, &l) : 0;
    if (n > 0) {
        printf("Snapshot list:\n");
        printf("%-10s%-17s%8s%20s%13s%11s\n", "ID", "TAG", "VM SIZE", "DATE",
               "VM CLOCK", "ICOUNT");
        for (i = 0; i < n; i++) {
            snapshot_row(&l[i]);
        }
    }
    free(l);
}

static void info_human(BlockDriverState *bs, const char *filename)
{
    char b1[64], b2[64];
    BdrvInfo fi;
    int64_t len = bdrv_getlength(bs);
    int64_t actual = bdrv_get_allocated_file_size(bs);
    bool have = bs->drv->get_info && bs->drv->get_info(bs, &fi) == 0;

    printf("image: %s\n", filename);
    printf("file format: %s\n", bs->drv->format_name);
    printf("virtual size: %s (%" PRId64 " bytes)\n",
           img_size_to_str(len, b1, sizeof(b1)), len);
    printf("disk size: %s\n", img_size_to_str(actual, b2, sizeof(b2)));
    if (have && fi.cluster_size) {
        printf("cluster_size: %d\n", fi.cluster_size);
    }
    if (have && fi.dirty) {
        printf("cleanly shut down: no\n");
    }
    if (bs->backing_file[0]) {
        char full[8192];
        bdrv_backing_path(filename, bs->backing_file, full, sizeof(full));
        if (strcmp(full, bs->backing_file)) {
            printf("backing file: %s (actual path: %s)\n", bs->backing_file,
                   full);
        } else {
            printf("backing file: %s\n", bs->backing_file);
        }
        if (bs->backing_format[0]) {
            printf("backing file format: %s\n", bs->backing_format);
        }
    }
    img_dump_snapshots(bs);
    if (have && fi.compat) {
        printf("Format specific information:\n");
        printf("    compat: %s\n", fi.compat >= 3 ? "1.1" : "0.10");
        printf("    compression type: zlib\n");
        if (fi.compat >= 3) {
            printf("    lazy refcounts: %s\n",
                   fi.lazy_refcounts ? "true" : "false");
        }
        printf("    refcount bits: %d\n", fi.refcount_bits);
        if (fi.compat >= 3) {
            printf("    corrupt: %s\n", fi.corrupt ? "true" : "false");
            printf("    extended l2: false\n");
        }
    }
}

static void info_json(BlockDriverState *bs, const char *filename, int ind)
{
    BdrvInfo fi;
    bool have = bs->drv->get_info && bs->drv->get_info(bs, &fi) == 0;
    QEMUSnapshotInfo *l = NULL;
    int n = bs->drv->snapshot_list ? bs->drv->snapshot_list(bs, &l) : 0;
    char pad[16];
    int i;

    snprintf(pad, sizeof(pad), "%*s", ind, "");
    printf("%s{\n", pad);
    if (bs->backing_file[0] && bs->backing_format[0]) {
        printf("%s    \"backing-filename-format\": ", pad);
        json_str(bs->backing_format);
        printf(",\n");
    }
    if (n > 0) {
        printf("%s    \"snapshots\": [\n", pad);
        for (i = 0; i < n; i++) {
            printf("%s        {\n", pad);
            if (l[i].icount != UINT64_MAX) {
                printf("%s            \"icount\": %" PRIu64 ",\n", pad,
                       l[i].icount);
            }
            printf("%s            \"vm-clock-nsec\": %" PRIu64 ",\n", pad,
                   (uint64_t)(l[i].vm_clock_nsec % 1000000000ULL));
            printf("%s            \"name\": ", pad);
            json_str(l[i].name);
            printf(",\n%s            \"date-sec\": %u,\n", pad,
                   l[i].date_sec);
            printf("%s            \"date-nsec\": %u,\n", pad, l[i].date_nsec);
            printf("%s            \"vm-clock-sec\": %" PRIu64 ",\n", pad,
                   (uint64_t)(l[i].vm_clock_nsec / 1000000000ULL));
            printf("%s            \"id\": ", pad);
            json_str(l[i].id_str);
            printf(",\n%s            \"vm-state-size\": %" PRIu64 "\n", pad,
                   l[i].vm_state_size);
            printf("%s        }%s\n", pad, i + 1 < n ? "," : "");
        }
        printf("%s    ],\n", pad);
    }
    free(l);
    printf("%s    \"virtual-size\": %" PRId64 ",\n", pad, bdrv_getlength(bs));
    printf("%s    \"filename\": ", pad);
    json_str(filename);
    printf(",\n");
    if (have && fi.cluster_size) {
        printf("%s    \"cluster-size\": %d,\n", pad, fi.cluster_size);
    }
    printf("%s    \"format\": \"%s\",\n", pad, bs->drv->format_name);
    printf("%s    \"actual-size\": %" PRId64 ",\n", pad,
           bdrv_get_allocated_file_size(bs));
    if (have && fi.compat) {
        printf("%s    \"format-specific\": {\n", pad);
        printf("%s        \"type\": \"qcow2\",\n", pad);
        printf("%s        \"data\": {\n", pad);
        printf("%s            \"compat\": \"%s\",\n", pad,
               fi.compat >= 3 ? "1.1" : "0.10");
        printf("%s            \"compression-type\": \"zlib\",\n", pad);
        if (fi.compat >= 3) {
            printf("%s            \"lazy-refcounts\": %s,\n", pad,
                   fi.lazy_refcounts ? "true" : "false");
            printf("%s            \"refcount-bits\": %d,\n", pad,
                   fi.refcount_bits);
            printf("%s            \"corrupt\": %s,\n", pad,
                   fi.corrupt ? "true" : "false");
            printf("%s            \"extended-l2\": false\n", pad);
        } else {
            printf("%s            \"refcount-bits\": %d\n", pad,
                   fi.refcount_bits);
        }
        printf("%s        }\n", pad);
        printf("%s    },\n", pad);
    }
    if (bs->backing_file[0]) {
        char full[8192];
        bdrv_backing_path(filename, bs->backing_file, full, sizeof(full));
        printf("%s    \"full-backing-filename\": ", pad);
        json_str(full);
        printf(",\n%s    \"backing-filename\": ", pad);
        json_str(bs->backing_file);
        printf(",\n");
    }
    printf("%s    \"dirty-flag\": %s\n", pad, (have && fi.dirty) ? "true" :
           "false");
    printf("%s}", pad);
}

int img_info(int argc, char **argv)
{
    const char *fmt = NULL, *output = "human";
    bool chain = false;
    int c, flags = BDRV_O_NO_BACKING;
    BlockDriverState *bs, *cur;
    char name[8192];
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "output", required_argument, NULL, 'O' },
        { "backing-chain", no_argument, NULL, 'B' },
        { "force-share", no_argument, NULL, 'U' },
        { "object", required_argument, NULL, 'j' },
        { "image-opts", no_argument, NULL, 'I' },
        { NULL, 0, NULL, 0 },
    };

    optind = 1;
    while ((c = getopt_long(argc, argv, ":hf:U", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'O': output = optarg; break;
        case 'B': chain = true; break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'h': img_help(); return 0;
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
    if (chain) {
        flags &= ~BDRV_O_NO_BACKING;
    }
    bs = img_open(argv[optind], fmt, flags);
    if (!bs) {
        return 1;
    }
    if (!chain) {
        if (!strcmp(output, "json")) {
            info_json(bs, argv[optind], 0);
            printf("\n");
        } else {
            info_human(bs, argv[optind]);
        }
        bdrv_close(bs);
        return 0;
    }
    if (!strcmp(output, "json")) {
        printf("[\n");
    }
    snprintf(name, sizeof(name), "%s", argv[optind]);
    for (cur = bs; cur; cur = cur->backing) {
        if (!strcmp(output, "json")) {
            info_json(cur, name, 4);
            printf("%s\n", cur->backing ? "," : "");
        } else {
            if (cur != bs) {
                printf("\n");
            }
            info_human(cur, name);
        }
        if (cur->backing) {
            char next[8192];
            bdrv_backing_path(name, cur->backing_file, next, sizeof(next));
            snprintf(name, sizeof(name), "%s", next);
        }
    }
    if (!strcmp(output, "json")) {
        printf("]\n");
    }
    bdrv_close(bs);
    return 0;
}

/* ---------------------------------------------------------------------- */

typedef struct MapEntry {
    uint64_t start, length, offset;
    int depth;
    bool present, zero, data, has_offset;
    const char *file;
} MapEntry;

/* Status of [off, off+len) looked up through the backing chain. */
static int map_status(BlockDriverState *bs, uint64_t off, uint64_t len,
                      MapEntry *e)
{
    BlockDriverState *cur = bs;
    int depth = 0;

    for (;;) {
        uint64_t pnum, map;
        int64_t clen = bdrv_getlength(cur);
        int st;

        if (clen >= 0 && off >= (uint64_t)clen) {
            /* Past the end of a backing file: the overlay answers. */
            e->depth = depth > 0 ? depth - 1 : 0;
            e->present = false;
            e->zero = true;
            e->data = false;
            e->has_offset = false;
            e->length = len;
            e->file = cur->filename;
            return 0;
        }
        if (clen >= 0 && off + len > (uint64_t)clen) {
            len = clen - off;
        }
        st = bdrv_block_status(cur, off, len, &pnum, &map);
        if (st < 0) {
            return st;
        }
        if (pnum == 0) {
            pnum = len;
        }
        len = pnum;
        if ((st & BDRV_BLOCK_ALLOCATED) || !cur->backing) {
            e->depth = depth;
            e->present = (st & BDRV_BLOCK_ALLOCATED) != 0;
            e->zero = (st & BDRV_BLOCK_ZERO) || !(st & BDRV_BLOCK_ALLOCATED);
            e->data = (st & BDRV_BLOCK_DATA) != 0;
            e->has_offset = (st & BDRV_BLOCK_OFFSET_VALID) != 0;
            e->offset = map;
            e->length = len;
            e->file = cur->filename;
            return 0;
        }
        cur = cur->backing;
        depth++;
    }
}

static void map_print(const MapEntry *e, bool json, bool first)
{
    if (json) {
        printf("%s{ \"start\": %" PRIu64 ", \"length\": %" PRIu64
               ", \"depth\": %d, \"present\": %s, \"zero\": %s, "
               "\"data\": %s", first ? "" : ",\n", e->start, e->length,
               e->depth, e->present ? "true" : "false",
               e->zero ? "true" : "false", e->data ? "true" : "false");
        if (e->has_offset) {
            printf(", \"offset\": %" PRIu64, e->offset);
        }
        printf("}");
    } else if (e->data && e->has_offset) {
        printf("%#-16" PRIx64 "%#-16" PRIx64 "%#-16" PRIx64 "%s\n",
               e->start, e->length, e->offset, e->file);
    }
}

int img_map(int argc, char **argv)
{
    const char *fmt = NULL, *output = "human";
    uint64_t start = 0, maxlen = UINT64_MAX, off, end;
    BlockDriverState *bs;
    MapEntry cur, e;
    bool have = false, json, first = true;
    int c, ret;
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "output", required_argument, NULL, 'O' },
        { "start-offset", required_argument, NULL, 's' },
        { "max-length", required_argument, NULL, 'l' },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };

    optind = 1;
    while ((c = getopt_long(argc, argv, ":hf:U", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'O': output = optarg; break;
        case 's':
            if (img_parse_size(optarg, &start) < 0) {
                img_error("Invalid start offset specified! You may use k, M,"
                          " G, T, P or E suffixes for ");
                return 1;
            }
            break;
        case 'l':
            if (img_parse_size(optarg, &maxlen) < 0) {
                img_error("Invalid length specified! You may use k, M, G, T,"
                          " P or E suffixes for ");
                return 1;
            }
            break;
        case 'U': break;
        case 'h': img_help(); return 0;
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
    json = !strcmp(output, "json");
    bs = img_open(argv[optind], fmt, 0);
    if (!bs) {
        return 1;
    }
    end = bdrv_getlength(bs);
    if (maxlen != UINT64_MAX && start + maxlen < end) {
        end = start + maxlen;
    }
    if (json) {
        printf("[");
    } else {
        printf("%-16s%-16s%-16s%s\n", "Offset", "Length", "Mapped to",
               "File");
    }
    for (off = start; off < end; off += e.length) {
        uint64_t chunk = end - off > (1ULL << 30) ? (1ULL << 30) : end - off;
        ret = map_status(bs, off, chunk, &e);
        if (ret < 0) {
            img_error("Could not read file metadata: %s", strerror(-ret));
            bdrv_close(bs);
            return 1;
        }
        e.start = off;
        if (have && cur.depth == e.depth && cur.present == e.present &&
            cur.zero == e.zero && cur.data == e.data &&
            cur.has_offset == e.has_offset && cur.file == e.file &&
            (!e.has_offset || cur.offset + cur.length == e.offset)) {
            cur.length += e.length;
            continue;
        }
        if (have) {
            map_print(&cur, json, first);
            first = false;
        }
        cur = e;
        have = true;
    }
    if (have) {
        map_print(&cur, json, first);
    } else if (json) {
        /* QEMU reports an empty image as one empty extent */
        printf("{ \"start\": %" PRIu64 ", \"length\": 0, \"depth\": 0, "
               "\"present\": false, \"zero\": false, \"data\": false}",
               start);
    }
    if (json) {
        printf("]\n");
    }
    bdrv_close(bs);
    return 0;
}

/* ---------------------------------------------------------------------- */

static uint64_t div_up(uint64_t a, uint64_t b)
{
    return (a + b - 1) / b;
}

/* Metadata + data size of a fully allocated qcow2 image. */
static uint64_t qcow2_full_size(uint64_t size, uint64_t cs, int order,
                                uint64_t *meta_out)
{
    uint64_t aligned = div_up(size, cs) * cs;
    uint64_t meta = cs, nl2e, nl1e, clusters, table = 0, blocks = 0, last;
    uint64_t per_block = cs * 8 / (1u << order);

    nl2e = aligned / cs;
    nl2e = div_up(nl2e, cs / 8) * (cs / 8);
    meta += nl2e * 8;
    nl1e = nl2e * 8 / cs;
    meta += div_up(nl1e * 8, cs) * cs;
    clusters = div_up(meta + aligned, cs);
    do {
        last = table;
        blocks = div_up(clusters + table + blocks, per_block);
        table = div_up(blocks, cs / 8);
    } while (last != table);
    meta += (blocks + table) * cs;
    *meta_out = meta;
    return meta + aligned;
}

int img_measure(int argc, char **argv)
{
    const char *fmt = NULL, *ofmt = "raw", *output = "human";
    char *options = NULL;
    BlockCreateOpts o;
    uint64_t size = 0, data = 0, meta, full, req;
    bool have_size = false;
    int c;
    static const struct option lo[] = {
        { "help", no_argument, NULL, 'h' },
        { "output", required_argument, NULL, 'J' },
        { "size", required_argument, NULL, 's' },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };

    memset(&o, 0, sizeof(o));
    optind = 1;
    while ((c = getopt_long(argc, argv, ":hf:O:o:l:U", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'O': ofmt = optarg; break;
        case 'o': options = optarg; break;
        case 'J': output = optarg; break;
        case 'l': case 'U': break;
        case 's':
            if (img_parse_size(optarg, &size) < 0) {
                img_size_error();
                return 1;
            }
            have_size = true;
            break;
        case 'h': img_help(); return 0;
        default: img_error("unrecognized option '%s'", argv[optind - 1]);
            return 1;
        }
    }
    if (options && img_parse_create_opts(options, &o, ofmt) < 0) {
        return 1;
    }
    if (have_size == (optind < argc)) {
        img_error(have_size ? "--size N cannot be used together with a "
                  "filename." : "Either --size N or one filename must be "
                  "specified.");
        return 1;
    }
    if (!bdrv_find_format(ofmt)) {
        img_error("Unknown file format '%s'", ofmt);
        return 1;
    }
    if (!have_size) {
        BlockDriverState *bs = img_open(argv[optind], fmt, 0);
        uint64_t off, cs = o.cluster_size ? o.cluster_size : 65536;
        if (!bs) {
            return 1;
        }
        size = bdrv_getlength(bs);
        for (off = 0; off < size;) {
            MapEntry e;
            uint64_t chunk = size - off > (1ULL << 30) ? 1ULL << 30 :
                             size - off;
            if (map_status(bs, off, chunk, &e) < 0) {
                img_error("Could not read file metadata");
                bdrv_close(bs);
                return 1;
            }
            if (e.present && e.data) {
                uint64_t a = off / cs * cs;
                uint64_t b = div_up(off + e.length, cs) * cs;
                data += b - a;
            }
            off += e.length;
        }
        bdrv_close(bs);
    }
    if (!strcmp(ofmt, "qcow2")) {
        full = qcow2_full_size(size, o.cluster_size ? o.cluster_size : 65536,
                               o.refcount_bits ? __builtin_ctz(
                                   o.refcount_bits) : 4, &meta);
        req = meta + data;
        if (o.prealloc == PREALLOC_FULL || o.prealloc == PREALLOC_FALLOC) {
            req = full;
        }
    } else {
        full = size;
        req = have_size ? size : size;
    }
    if (!strcmp(output, "json")) {
        printf("{\n    \"required\": %" PRIu64 ",\n    \"fully-allocated\": %"
               PRIu64 "%s\n}\n", req, full,
               (!have_size && !strcmp(ofmt, "qcow2")) ?
               ",\n    \"bitmaps\": 0" : "");
    } else {
        printf("required size: %" PRIu64 "\nfully allocated size: %" PRIu64
               "\n", req, full);
        if (!have_size && !strcmp(ofmt, "qcow2")) {
            printf("bitmaps size: 0\n");
        }
    }
    return 0;
}
