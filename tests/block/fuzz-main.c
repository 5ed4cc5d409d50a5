/*
 * fuzz-main.c: replay driver for fuzz-qcow2-open.c.
 *
 * With file arguments, replays them (e.g. libFuzzer crash files).  Without,
 * builds a few valid images, derives a corpus of damaged ones from them
 * (truncations, every header field set to edge values, broken L1/L2/
 * refcount entries, bogus extensions, random byte flips) and feeds each to
 * the fuzz target under an alarm: a crash or a hang fails the test.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "block/block.h"
#include "tests/unit/tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct Img {
    uint8_t *d;
    size_t len;
} Img;

/* Run one input in a child process so a crash is reported, not fatal. */
static bool run_case(const uint8_t *d, size_t len)
{
    pid_t pid = fork();
    int st;

    if (pid == 0) {
        alarm(20);
        if (!getenv("FUZZ_VERBOSE")) {
            freopen("/dev/null", "w", stderr);
        }
        LLVMFuzzerTestOneInput(d, len);
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &st, 0) < 0) {
        return false;
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static uint64_t be(const uint8_t *p, int n)
{
    uint64_t v = 0;
    int i;

    for (i = 0; i < n; i++) {
        v = (v << 8) | p[i];
    }
    return v;
}

static void st_be(uint8_t *p, int n, uint64_t v)
{
    int i;

    for (i = n - 1; i >= 0; i--) {
        p[i] = v & 0xff;
        v >>= 8;
    }
}

static bool make_base(const char *opts_cs, int cs, int compat, Img *img)
{
    char path[64], err[512];
    BlockCreateOpts o;
    BlockDriverState *bs;
    uint8_t buf[8192];
    struct stat stt;
    int fd, i;

    snprintf(path, sizeof(path), "/tmp/fuzz-base-%d.qcow2", (int)getpid());
    memset(&o, 0, sizeof(o));
    o.size = 4 * 1024 * 1024;
    o.cluster_size = cs;
    o.compat = compat;
    if (bdrv_create("qcow2", path, &o, err, sizeof(err)) < 0) {
        tap_diag("create %s: %s", opts_cs, err);
        return false;
    }
    bs = bdrv_open(path, "qcow2", BDRV_O_RDWR, err, sizeof(err));
    if (!bs) {
        return false;
    }
    for (i = 0; i < (int)sizeof(buf); i++) {
        buf[i] = i * 7;
    }
    bdrv_pwrite(bs, 0, buf, sizeof(buf));
    bdrv_pwrite(bs, 1 << 20, buf, 4096);
    {
        uint8_t *cb = calloc(1, cs);
        memcpy(cb, buf, cs < (int)sizeof(buf) ? cs : (int)sizeof(buf));
        bdrv_pwrite_compressed(bs, 2 << 20, cb, cs);
        free(cb);
    }
    bs->drv->snapshot_create(bs, "s", err, sizeof(err));
    bdrv_pwrite(bs, 512, buf, 512);
    bdrv_write_zeroes(bs, 3 << 20, cs);
    bdrv_close(bs);
    fd = open(path, O_RDONLY);
    fstat(fd, &stt);
    img->len = stt.st_size;
    img->d = malloc(img->len);
    if (read(fd, img->d, img->len) != (ssize_t)img->len) {
        close(fd);
        return false;
    }
    close(fd);
    unlink(path);
    return true;
}

static int failures;

static void check_case(Img *b, const char *what, void (*mut)(uint8_t *, Img *,
                                                            uint64_t),
                       uint64_t arg, size_t len)
{
    uint8_t *d = malloc(b->len);

    memcpy(d, b->d, b->len);
    if (mut) {
        mut(d, b, arg);
    }
    if (!run_case(d, len)) {
        tap_diag("crash or hang: %s (arg 0x%llx)", what,
                 (unsigned long long)arg);
        failures++;
    }
    free(d);
}

static int g_field_off, g_field_len;

static void mut_field(uint8_t *d, Img *b, uint64_t v)
{
    st_be(d + g_field_off, g_field_len, v);
}

static uint64_t g_at;

static void mut_at(uint8_t *d, Img *b, uint64_t v)
{
    if (g_at + 8 <= b->len) {
        st_be(d + g_at, 8, v);
    }
}

static void mut_flip(uint8_t *d, Img *b, uint64_t seed)
{
    uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
    size_t lim = b->len < 16384 ? b->len : 16384;
    int i, n = 1 + seed % 8;

    for (i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        d[x % lim] ^= 1 + (x >> 32) % 255;
    }
}

static const struct {
    int off, len;
    const char *name;
} fields[] = {
    { 4, 4, "version" }, { 8, 8, "backing_file_offset" },
    { 16, 4, "backing_file_size" }, { 20, 4, "cluster_bits" },
    { 24, 8, "size" }, { 32, 4, "crypt_method" }, { 36, 4, "l1_size" },
    { 40, 8, "l1_table_offset" }, { 48, 8, "refcount_table_offset" },
    { 56, 4, "refcount_table_clusters" }, { 60, 4, "nb_snapshots" },
    { 64, 8, "snapshots_offset" }, { 72, 8, "incompatible_features" },
    { 80, 8, "compatible_features" }, { 88, 8, "autoclear_features" },
    { 96, 4, "refcount_order" }, { 100, 4, "header_length" },
    { 104, 1, "compression_type" }, { 112, 4, "extension type" },
    { 116, 4, "extension length" },
};

static const uint64_t edge[] = {
    0, 1, 2, 3, 7, 9, 21, 22, 63, 64, 0x200, 0x201, 0xfff, 0x10000,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL, 1ULL << 40,
    1ULL << 56, 0x7fffffffffffffffULL, 0xffffffffffffffffULL,
};

static void fuzz_image(Img *b, const char *name, int cs)
{
    size_t i, j;
    uint64_t l1_off = be(b->d + 40, 8), rt_off = be(b->d + 48, 8);
    uint64_t l2_off, rb_off;
    int before = failures;
    static const size_t cuts[] = { 0, 4, 8, 71, 72, 100, 104, 111, 112,
                                   511, 512 };

    /* truncations */
    for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
        check_case(b, "truncated", NULL, cuts[i], cuts[i] < b->len ?
                   cuts[i] : b->len);
    }
    for (i = 1; i < 8; i++) {
        check_case(b, "truncated", NULL, i, b->len * i / 8);
    }
    tap_report(failures == before, "%s: truncated images", name);

    before = failures;
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        g_field_off = fields[i].off;
        g_field_len = fields[i].len;
        for (j = 0; j < sizeof(edge) / sizeof(edge[0]); j++) {
            check_case(b, fields[i].name, mut_field, edge[j], b->len);
        }
    }
    tap_report(failures == before, "%s: header fields at edge values "
               "(%zu cases)", name, sizeof(fields) / sizeof(fields[0]) *
               sizeof(edge) / sizeof(edge[0]));

    /* broken L1, L2 and refcount entries */
    before = failures;
    l2_off = l1_off + 8 <= b->len ? be(b->d + l1_off, 8) & 0x00fffffffffffe00ULL
             : 0;
    rb_off = rt_off + 8 <= b->len ? be(b->d + rt_off, 8) : 0;
    {
        const uint64_t ents[] = {
            0x8000000000000000ULL | (uint64_t)b->len * 4,
            0x8000000000000200ULL, 0x8000000000000000ULL,
            0x8000000000000000ULL | rt_off, 0x8000000000000000ULL | l1_off,
            0x00fffffffffffe00ULL,
            0x4000000000000000ULL | 0x3fffffffffffffffULL,
            0x4000000000000000ULL | (uint64_t)b->len, 0x0000000000010001ULL,
            0x7f000000000001ffULL, rb_off, (uint64_t)cs * 3 + 1,
        };
        uint64_t where[6];
        int k;
        where[0] = l1_off;
        where[1] = l2_off;
        where[2] = l2_off + 8;
        where[3] = rt_off;
        where[4] = rb_off;
        where[5] = be(b->d + 64, 8);    /* snapshot table */
        for (k = 0; k < 6; k++) {
            if (!where[k]) {
                continue;
            }
            g_at = where[k];
            for (j = 0; j < sizeof(ents) / sizeof(ents[0]); j++) {
                check_case(b, "table entry", mut_at, ents[j], b->len);
            }
        }
    }
    tap_report(failures == before, "%s: L1/L2/refcount/snapshot entries "
               "out of range, misaligned or looping", name);

    before = failures;
    for (i = 0; i < 150; i++) {
        check_case(b, "random flips", mut_flip, i + 1, b->len);
    }
    tap_report(failures == before, "%s: 150 images with random byte flips",
               name);
}

static bool opens(const uint8_t *d, size_t len, const char *path)
{
    char err[512];
    BlockDriverState *bs;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd < 0 || write(fd, d, len) != (ssize_t)len) {
        return false;
    }
    close(fd);
    bs = bdrv_open(path, "qcow2", BDRV_O_NO_BACKING | BDRV_O_NO_LOCK, err,
                   sizeof(err));
    unlink(path);
    if (bs) {
        bdrv_close(bs);
        return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int cs, compat;
    } bases[] = {
        { "v3 512B clusters", 512, 3 },
        { "v3 64k clusters", 65536, 3 },
        { "v2 4k clusters", 4096, 2 },
    };
    char path[64];
    size_t i;

    if (argc > 1) {
        int k;
        for (k = 1; k < argc; k++) {
            FILE *f = fopen(argv[k], "rb");
            uint8_t *d = malloc(1 << 24);
            size_t n = f ? fread(d, 1, 1 << 24, f) : 0;
            if (f) {
                fclose(f);
            }
            tap_report(f && run_case(d, n), "replay %s", argv[k]);
            free(d);
        }
        return tap_exit_status();
    }
    snprintf(path, sizeof(path), "/tmp/fuzz-open-%d.img", (int)getpid());
    for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
        Img b;
        if (!tap_report(make_base(bases[i].name, bases[i].cs,
                                  bases[i].compat, &b),
                        "build base image (%s)", bases[i].name)) {
            continue;
        }
        tap_report(opens(b.d, b.len, path), "%s: the intact image opens",
                   bases[i].name);
        /* A few damaged headers must be refused outright. */
        {
            uint8_t *d = malloc(b.len);
            memcpy(d, b.d, b.len);
            st_be(d + 4, 4, 4);
            tap_report(!opens(d, b.len, path), "%s: version 4 refused",
                       bases[i].name);
            memcpy(d, b.d, b.len);
            st_be(d + 20, 4, 30);
            tap_report(!opens(d, b.len, path), "%s: 1 GB clusters refused",
                       bases[i].name);
            memcpy(d, b.d, b.len);
            st_be(d + 24, 8, 1ULL << 62);
            tap_report(!opens(d, b.len, path), "%s: absurd size refused",
                       bases[i].name);
            memcpy(d, b.d, b.len);
            st_be(d + 40, 8, 0x201);
            tap_report(!opens(d, b.len, path), "%s: misaligned L1 refused",
                       bases[i].name);
            if (bases[i].compat == 3) {
                memcpy(d, b.d, b.len);
                st_be(d + 72, 8, 1ULL << 20);
                tap_report(!opens(d, b.len, path), "%s: unknown incompatible "
                           "feature refused", bases[i].name);
            }
            free(d);
        }
        fuzz_image(&b, bases[i].name, bases[i].cs);
        free(b.d);
    }
    return tap_exit_status();
}
