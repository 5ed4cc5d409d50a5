/*
 * test-memory.c: the memory API (softmmu/memory.c): overlaps and
 * priorities, aliases, moving and disabling, access splitting and
 * widening, unassigned accesses, byte order, dirty tracking,
 * transactions, big FlatViews and the "info mtree" text.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "qemu/log.h"
#include "tests/unit/tap.h"

/* ---- a test device: bytes in its own byte order, every call logged ---- */

typedef struct DevCall {
    bool write;
    hwaddr addr;
    unsigned size;
    uint64_t val;
} DevCall;

typedef struct TestDev {
    MemEndian endian;
    uint8_t mem[32];
    unsigned ncalls;
    DevCall calls[16];
} TestDev;

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size && addr + i < sizeof(d->mem); i++) {
        unsigned sh = d->endian == DEVICE_LITTLE_ENDIAN ? i : size - 1 - i;

        v |= (uint64_t)d->mem[addr + i] << (8 * sh);
    }
    if (d->ncalls < 16) {
        d->calls[d->ncalls++] = (DevCall){ false, addr, size, v };
    }
    return v;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
    TestDev *d = opaque;
    unsigned i;

    for (i = 0; i < size && addr + i < sizeof(d->mem); i++) {
        unsigned sh = d->endian == DEVICE_LITTLE_ENDIAN ? i : size - 1 - i;

        d->mem[addr + i] = v >> (8 * sh);
    }
    if (d->ncalls < 16) {
        d->calls[d->ncalls++] = (DevCall){ true, addr, size, v };
    }
}

static void dev_fill(TestDev *d, MemEndian e)
{
    unsigned i;

    memset(d, 0, sizeof(*d));
    d->endian = e;
    for (i = 0; i < sizeof(d->mem); i++) {
        d->mem[i] = 0x11 * (i % 15 + 1);    /* 11 22 33 ... ff 11 22 ... */
    }
}

static bool call_is(const TestDev *d, unsigned i, bool w, hwaddr a,
                    unsigned s, uint64_t v)
{
    return i < d->ncalls && d->calls[i].write == w && d->calls[i].addr == a &&
           d->calls[i].size == s && d->calls[i].val == v;
}

/* ---- the log, captured ---- */

static char *log_buf;
static size_t log_size, log_mark;

static void log_start(void)
{
    qemu_logfile = open_memstream(&log_buf, &log_size);
    qemu_set_log(LOG_GUEST_ERROR | LOG_UNIMP);
}

/* Whether the log grew by a line containing s since the last call. */
static bool log_has(const char *s)
{
    bool found;

    fflush(qemu_logfile);
    found = log_size > log_mark && strstr(log_buf + log_mark, s) != NULL;
    log_mark = log_size;
    return found;
}

/* ---- a listener that counts ---- */

static unsigned commits;

static void count_commit(MemoryListener *l, AddressSpace *as,
                         FlatView *old_view, FlatView *new_view)
{
    (void)l;
    (void)as;
    (void)old_view;
    (void)new_view;
    commits++;
}

static MemoryListener counter = { .commit = count_commit };

static MemoryRegion *region_at(AddressSpace *as, hwaddr addr, hwaddr *off)
{
    MemoryRegionSection sec;

    if (!address_space_lookup(as, addr, &sec)) {
        return NULL;
    }
    if (off) {
        *off = sec.offset;
    }
    return sec.mr;
}

/* ------------------------------------------------------------------ */

static void test_ram_rom(void)
{
    MemoryRegion sys, ram, rom;
    AddressSpace as;
    uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, out[8];
    MemoryRegionSection sec;
    uint8_t *host;

    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&ram, "ram", 0x10000);
    memory_region_init_rom(&rom, "rom", 0x1000);
    memory_region_add_subregion(&sys, 0x40000000, &ram);
    memory_region_add_subregion(&sys, 0, &rom);
    address_space_init(&as, &sys, "mem");
    host = memory_region_get_ram_ptr(&ram);

    tap_report(address_space_write(&as, 0x40000010, buf, 8) == MEMTX_OK &&
               memcmp(host + 0x10, buf, 8) == 0,
               "RAM: a write lands in host memory");
    tap_report(address_space_lookup(&as, 0x40000013, &sec) &&
               sec.mr == &ram && sec.offset == 0x13 &&
               sec.host == host + 0x13 && sec.start == 0x40000000 &&
               sec.last == 0x4000ffff && !sec.readonly,
               "lookup gives region, offset, host pointer and range");
    tap_report(address_space_ldl_le(&as, 0x40000010, NULL) == 0x04030201 &&
               address_space_ldl_be(&as, 0x40000010, NULL) == 0x01020304 &&
               address_space_ldq_le(&as, 0x40000010, NULL) ==
               0x0807060504030201ull &&
               address_space_ldw_be(&as, 0x40000012, NULL) == 0x0304 &&
               address_space_ldb(&as, 0x40000017, NULL) == 8,
               "RAM loads in both byte orders");
    address_space_stw_be(&as, 0x40000020, 0xabcd);
    address_space_stq_le(&as, 0x40000028, 0x1122334455667788ull);
    tap_report(host[0x20] == 0xab && host[0x21] == 0xcd &&
               host[0x28] == 0x88 && host[0x2f] == 0x11,
               "RAM stores in both byte orders");

    log_has("");
    tap_report(address_space_write(&as, 0x10, buf, 4) == MEMTX_OK &&
               ((uint8_t *)memory_region_get_ram_ptr(&rom))[0x10] == 0 &&
               log_has("read-only region 'rom'"),
               "ROM: a guest write is dropped and logged");
    tap_report(address_space_write_rom(&as, 0x10, buf, 4) == MEMTX_OK &&
               address_space_read(&as, 0x10, out, 4) == MEMTX_OK &&
               memcmp(out, buf, 4) == 0 &&
               address_space_lookup(&as, 0x10, &sec) && sec.readonly,
               "ROM: the loader path writes it, the guest reads it");
    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &ram);
    memory_region_del_subregion(&sys, &rom);
    memory_region_destroy(&ram);
    memory_region_destroy(&rom);
    memory_region_destroy(&sys);
}

static bool range_is(const FlatView *fv, unsigned i, hwaddr start,
                     hwaddr last, const MemoryRegion *mr, hwaddr off)
{
    return i < fv->nr && fv->ranges[i].start == start &&
           fv->ranges[i].last == last && fv->ranges[i].mr == mr &&
           fv->ranges[i].offset == off;
}

static void test_overlap_priority(void)
{
    static const MemoryRegionOps ops = { .read = dev_read, .write = dev_write };
    MemoryRegion sys, low, hidden, bg, dev, under;
    AddressSpace as;
    TestDev d;
    FlatView *fv;

    dev_fill(&d, DEVICE_LITTLE_ENDIAN);
    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&low, "low", 0x10000);
    memory_region_init_io(&dev, &ops, &d, "dev", 0x1000);
    memory_region_init_ram(&hidden, "hidden", 0x1000);
    memory_region_init_ram(&bg, "bg", 0x20000);
    memory_region_init_ram(&under, "under", 0x1000);
    memory_region_add_subregion(&sys, 0, &low);
    memory_region_add_subregion_overlap(&sys, 0x1000, &dev, 1);
    /* Same priority as low but added later: wins over low, not over dev. */
    memory_region_add_subregion(&sys, 0x1800, &hidden);
    address_space_init(&as, &sys, "overlap");

    fv = address_space_get_flatview(&as);
    tap_report(fv->nr == 4 &&
               range_is(fv, 0, 0x0000, 0x0fff, &low, 0) &&
               range_is(fv, 1, 0x1000, 0x1fff, &dev, 0) &&
               range_is(fv, 2, 0x2000, 0x27ff, &hidden, 0x800) &&
               range_is(fv, 3, 0x2800, 0xffff, &low, 0x2800),
               "overlap: higher priority wins, later-added wins a tie");

    memory_region_add_subregion_overlap(&sys, 0, &bg, -1);
    fv = address_space_get_flatview(&as);
    tap_report(fv->nr == 5 && range_is(fv, 4, 0x10000, 0x1ffff, &bg, 0x10000),
               "a negative-priority background only fills holes");

    /* Added last but with a lower priority: invisible under low. */
    memory_region_add_subregion_overlap(&sys, 0x3000, &under, -1);
    fv = address_space_get_flatview(&as);
    tap_report(fv->nr == 5 && region_at(&as, 0x3000, NULL) == &low,
               "a later but lower-priority region stays hidden");

    memory_region_del_subregion(&sys, &dev);
    fv = address_space_get_flatview(&as);
    tap_report(fv->nr == 4 &&
               range_is(fv, 0, 0x0000, 0x17ff, &low, 0) &&
               range_is(fv, 1, 0x1800, 0x27ff, &hidden, 0),
               "deleting the winner uncovers what was below it");

    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &low);
    memory_region_del_subregion(&sys, &hidden);
    memory_region_del_subregion(&sys, &bg);
    memory_region_del_subregion(&sys, &under);
    memory_region_destroy(&low);
    memory_region_destroy(&hidden);
    memory_region_destroy(&bg);
    memory_region_destroy(&under);
    memory_region_destroy(&dev);
    memory_region_destroy(&sys);
}

static void test_aliases(void)
{
    MemoryRegion sys, ram, a, b, c;
    AddressSpace as;
    MemoryRegionSection sec;
    uint8_t *host;
    hwaddr off;

    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&ram, "ram", 0x4000);
    host = memory_region_get_ram_ptr(&ram);
    host[0x1800] = 0x5a;
    host[0x0800] = 0xa5;
    memory_region_init_alias(&a, "a", &ram, 0x1000, 0x2000);
    memory_region_init_alias(&b, "b", &a, 0x800, 0x1000);
    memory_region_init_alias(&c, "c", &ram, 0x3000, 0x2000);
    memory_region_add_subregion(&sys, 0x100000, &b);
    memory_region_add_subregion(&sys, 0x200000, &c);
    address_space_init(&as, &sys, "alias");
    memory_listener_register(&counter, &as);
    commits = 0;

    tap_report(region_at(&as, 0x100000, &off) == &ram && off == 0x1800 &&
               address_space_ldb(&as, 0x100000, NULL) == 0x5a &&
               region_at(&as, 0x100fff, &off) == &ram && off == 0x27ff &&
               region_at(&as, 0x101000, NULL) == NULL,
               "alias of an alias: offsets add up, the window clips");
    tap_report(region_at(&as, 0x200fff, &off) == &ram && off == 0x3fff &&
               region_at(&as, 0x201000, NULL) == NULL,
               "an alias longer than its target stops at the target's end");

    memory_region_set_alias_offset(&a, 0);
    tap_report(commits == 1 && region_at(&as, 0x100000, &off) == &ram &&
               off == 0x800 && address_space_ldb(&as, 0x100000, NULL) == 0xa5,
               "moving the inner alias's offset moves the outer window");

    memory_region_set_readonly(&b, true);
    address_space_stb(&as, 0x100001, 0x77);
    tap_report(host[0x801] == 0 && address_space_lookup(&as, 0x100000, &sec) &&
               sec.readonly && address_space_lookup(&as, 0x200000, &sec) &&
               !sec.readonly,
               "a read-only alias drops writes; other mappings stay writable");
    memory_listener_unregister(&counter, &as);
    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &b);
    memory_region_del_subregion(&sys, &c);
    memory_region_destroy(&a);
    memory_region_destroy(&b);
    memory_region_destroy(&c);
    memory_region_destroy(&ram);
    memory_region_destroy(&sys);
}

static void test_move_disable(void)
{
    static const MemoryRegionOps ops = { .read = dev_read, .write = dev_write };
    MemoryRegion sys, board, r, dev, big;
    AddressSpace as;
    TestDev d;
    hwaddr off;
    FlatView *fv;

    dev_fill(&d, DEVICE_LITTLE_ENDIAN);
    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_container(&board, "board", 0x10000);
    memory_region_init_ram(&r, "r", 0x1000);
    memory_region_init_io(&dev, &ops, &d, "d", 0x1000);
    memory_region_add_subregion(&board, 0x100, &r);
    memory_region_add_subregion(&board, 0x2000, &dev);
    memory_region_add_subregion(&sys, 0x10000, &board);
    address_space_init(&as, &sys, "move");
    memory_listener_register(&counter, &as);

    tap_report(region_at(&as, 0x10100, &off) == &r && off == 0 &&
               region_at(&as, 0x12000, NULL) == &dev,
               "a container places its subregions at its own address");
    commits = 0;
    memory_region_set_address(&board, 0x30000);
    tap_report(commits == 1 && region_at(&as, 0x10100, NULL) == NULL &&
               region_at(&as, 0x30100, &off) == &r && off == 0 &&
               region_at(&as, 0x32fff, &off) == &dev && off == 0xfff,
               "moving a container moves everything in it");
    memory_region_set_enabled(&board, false);
    tap_report(commits == 2 && address_space_get_flatview(&as)->nr == 0,
               "a disabled container maps nothing");
    memory_region_set_enabled(&board, true);
    memory_region_set_enabled(&r, false);
    tap_report(region_at(&as, 0x30100, NULL) == NULL &&
               region_at(&as, 0x32000, NULL) == &dev,
               "disabling one subregion leaves its siblings");
    memory_region_set_enabled(&r, true);

    memory_region_init_ram(&big, "big", 0x20000);
    memory_region_add_subregion_overlap(&board, 0x8000, &big, -1);
    fv = address_space_get_flatview(&as);
    tap_report(fv->nr == 3 && range_is(fv, 2, 0x38000, 0x3ffff, &big, 0),
               "a subregion is clipped to its container");

    memory_listener_unregister(&counter, &as);
    address_space_destroy(&as);
    memory_region_del_subregion(&board, &big);
    memory_region_del_subregion(&board, &r);
    memory_region_del_subregion(&board, &dev);
    memory_region_del_subregion(&sys, &board);
    memory_region_destroy(&big);
    memory_region_destroy(&r);
    memory_region_destroy(&dev);
    memory_region_destroy(&board);
    memory_region_destroy(&sys);
}

static void test_access_sizes(void)
{
    static const MemoryRegionOps ops4 = {
        .read = dev_read, .write = dev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = 8 },
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };
    static const MemoryRegionOps ops4be = {
        .read = dev_read, .write = dev_write,
        .endianness = DEVICE_BIG_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = 8 },
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };
    static const MemoryRegionOps ops1 = {
        .read = dev_read, .write = dev_write,
        .valid = { .min_access_size = 1, .max_access_size = 4 },
        .impl = { .min_access_size = 1, .max_access_size = 1 },
    };
    static const MemoryRegionOps ops_strict = {
        .read = dev_read, .write = dev_write,
        .valid = { .min_access_size = 4, .max_access_size = 4 },
    };
    static const MemoryRegionOps ops_wo = { .write = dev_write };
    MemoryRegion sys, m4, m4be, m1, mstrict, mwo;
    TestDev d4, d4be, d1, dstrict, dwo;
    AddressSpace as;
    MemTxResult res;
    uint64_t v;
    uint8_t buf[12];

    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_io(&m4, &ops4, &d4, "le4", 0x20);
    memory_region_init_io(&m4be, &ops4be, &d4be, "be4", 0x20);
    memory_region_init_io(&m1, &ops1, &d1, "byte", 0x20);
    memory_region_init_io(&mstrict, &ops_strict, &dstrict, "strict", 0x20);
    memory_region_init_io(&mwo, &ops_wo, &dwo, "wo", 0x20);
    memory_region_add_subregion(&sys, 0x1000, &m4);
    memory_region_add_subregion(&sys, 0x2000, &m4be);
    memory_region_add_subregion(&sys, 0x3000, &m1);
    memory_region_add_subregion(&sys, 0x4000, &mstrict);
    memory_region_add_subregion(&sys, 0x5000, &mwo);
    address_space_init(&as, &sys, "sizes");

    dev_fill(&d4, DEVICE_LITTLE_ENDIAN);
    v = address_space_ldq_le(&as, 0x1000, &res);
    tap_report(res == MEMTX_OK && v == 0x8877665544332211ull &&
               d4.ncalls == 2 && call_is(&d4, 0, false, 0, 4, 0x44332211) &&
               call_is(&d4, 1, false, 4, 4, 0x88776655),
               "8-byte read of a 4-byte device: two reads, combined LE");
    dev_fill(&d4, DEVICE_LITTLE_ENDIAN);
    tap_report(address_space_ldq_be(&as, 0x1000, NULL) ==
               0x1122334455667788ull && d4.ncalls == 2,
               "the same read in big-endian order");

    dev_fill(&d4, DEVICE_LITTLE_ENDIAN);
    res = address_space_stb(&as, 0x1002, 0xab);
    tap_report(res == MEMTX_OK && d4.ncalls == 1 &&
               call_is(&d4, 0, true, 0, 4, 0x00ab0000),
               "1-byte write to a 4-byte device: one 4-byte write, lane 2");

    dev_fill(&d4, DEVICE_LITTLE_ENDIAN);
    tap_report(address_space_ldb(&as, 0x1007, NULL) == 0x88 &&
               address_space_ldw_le(&as, 0x1006, NULL) == 0x8877 &&
               d4.ncalls == 2 && call_is(&d4, 0, false, 4, 4, 0x88776655),
               "narrow reads are widened to the aligned 4-byte word");

    dev_fill(&d4be, DEVICE_BIG_ENDIAN);
    tap_report(address_space_ldq_be(&as, 0x2000, NULL) ==
               0x1122334455667788ull &&
               call_is(&d4be, 0, false, 0, 4, 0x11223344) &&
               call_is(&d4be, 1, false, 4, 4, 0x55667788) &&
               address_space_ldl_le(&as, 0x2000, NULL) == 0x44332211 &&
               address_space_ldb(&as, 0x2001, NULL) == 0x22,
               "big-endian device: values and byte lanes");
    dev_fill(&d4be, DEVICE_BIG_ENDIAN);
    address_space_stw_be(&as, 0x2002, 0xbeef);
    tap_report(d4be.ncalls == 1 &&
               call_is(&d4be, 0, true, 0, 4, 0x0000beef) &&
               d4be.mem[2] == 0xbe && d4be.mem[3] == 0xef,
               "big-endian device: 2-byte write widened to lanes 2-3");

    dev_fill(&d1, DEVICE_LITTLE_ENDIAN);
    address_space_stl_le(&as, 0x3000, 0xddccbbaa);
    tap_report(d1.ncalls == 4 && call_is(&d1, 0, true, 0, 1, 0xaa) &&
               call_is(&d1, 1, true, 1, 1, 0xbb) &&
               call_is(&d1, 2, true, 2, 1, 0xcc) &&
               call_is(&d1, 3, true, 3, 1, 0xdd),
               "4-byte write to a byte device: four byte writes in order");

    dev_fill(&d4, DEVICE_LITTLE_ENDIAN);
    res = address_space_read(&as, 0x1000, buf, 12);
    tap_report(res == MEMTX_OK && d4.ncalls == 3 &&
               call_is(&d4, 2, false, 8, 4, 0xccbbaa99) &&
               buf[0] == 0x11 && buf[7] == 0x88 && buf[8] == 0x99 &&
               buf[11] == 0xcc,
               "a 12-byte read becomes 8+4, i.e. three 4-byte reads");

    dev_fill(&dstrict, DEVICE_LITTLE_ENDIAN);
    log_has("");
    v = address_space_ldw_le(&as, 0x4000, &res);
    tap_report(res == MEMTX_ERROR && v == 0 && dstrict.ncalls == 0 &&
               log_has("invalid read of size 2 at offset 0x0 of region"
                       " 'strict'"),
               "a size outside `valid` is logged, ignored and reads 0");
    v = address_space_ldl_le(&as, 0x4002, &res);
    tap_report(res == MEMTX_ERROR && v == 0 && dstrict.ncalls == 0 &&
               log_has("invalid read of size 4 at offset 0x2"),
               "an unaligned access is refused when !valid.unaligned");
    res = address_space_stq_le(&as, 0x4000, 1);
    tap_report(res == MEMTX_ERROR && dstrict.ncalls == 0 &&
               log_has("invalid write of size 8"),
               "an 8-byte write to a 4-byte-only device is refused");
    tap_report(address_space_ldl_le(&as, 0x4004, NULL) == 0x88776655 &&
               dstrict.ncalls == 1, "a valid access still goes through");

    dev_fill(&dwo, DEVICE_LITTLE_ENDIAN);
    v = address_space_ldl_le(&as, 0x5000, &res);
    tap_report(res == MEMTX_OK && v == 0 && log_has("does not implement reads"),
               "a device without a read callback reads 0 (logged unimp)");
    tap_report(address_space_ld(&as, 0x1000, &v, MO_SW | MO_LE) == MEMTX_OK &&
               v == 0x2211 &&
               address_space_ld(&as, 0x1006, &v, MO_SW | MO_LE) == MEMTX_OK &&
               v == 0xffffffffffff8877ull,
               "MO_SIGN loads sign-extend");

    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &m4);
    memory_region_del_subregion(&sys, &m4be);
    memory_region_del_subregion(&sys, &m1);
    memory_region_del_subregion(&sys, &mstrict);
    memory_region_del_subregion(&sys, &mwo);
    memory_region_destroy(&m4);
    memory_region_destroy(&m4be);
    memory_region_destroy(&m1);
    memory_region_destroy(&mstrict);
    memory_region_destroy(&mwo);
    memory_region_destroy(&sys);
}

typedef struct HookLog {
    unsigned n;
    hwaddr addr;
    unsigned size;
    bool write;
} HookLog;

static void hook(void *opaque, hwaddr addr, unsigned size, bool is_write)
{
    HookLog *h = opaque;

    h->n++;
    h->addr = addr;
    h->size = size;
    h->write = is_write;
}

static void test_unassigned(void)
{
    MemoryRegion sys, r1, r2, top;
    AddressSpace as;
    HookLog h = { 0 };
    MemTxResult res;
    uint8_t buf[0x3000], *h1, *h2;
    uint64_t v;
    unsigned i;

    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&r1, "r1", 0x1000);
    memory_region_init_ram(&r2, "r2", 0x1000);
    memory_region_init_ram(&top, "top", 0x1000);
    memory_region_add_subregion(&sys, 0x1000, &r1);
    memory_region_add_subregion(&sys, 0x3000, &r2);
    memory_region_add_subregion(&sys, 0xfffffffffffff000ull, &top);
    address_space_init(&as, &sys, "holes");
    address_space_set_unassigned_hook(&as, hook, &h);
    h1 = memory_region_get_ram_ptr(&r1);
    h2 = memory_region_get_ram_ptr(&r2);
    memset(h1, 0xaa, 0x1000);

    log_has("");
    v = address_space_ldl_le(&as, 0, &res);
    tap_report(v == 0 && res == MEMTX_DECODE_ERROR && h.n == 1 &&
               h.addr == 0 && h.size == 4 && !h.write &&
               log_has("unassigned read of 4 bytes at 0x0 in address space"
                       " 'holes'"),
               "an unassigned load reads 0, is logged and hooked");

    memset(buf, 0x55, sizeof(buf));
    res = address_space_read(&as, 0x1ff8, buf, 16);
    tap_report(res == MEMTX_DECODE_ERROR && buf[7] == 0xaa && buf[8] == 0 &&
               buf[15] == 0 && buf[16] == 0x55 && h.n == 2 &&
               h.addr == 0x2000 && h.size == 8,
               "a read running off RAM into a hole: RAM bytes, then zeros");

    for (i = 0; i < sizeof(buf); i++) {
        buf[i] = i;
    }
    res = address_space_write(&as, 0x1800, buf, 0x3000);
    tap_report(res == MEMTX_DECODE_ERROR && h1[0x7ff] == 0xaa &&
               h1[0x800] == 0x00 && h1[0xfff] == 0xff &&
               h2[0] == 0x00 && h2[1] == 0x01 && h2[0xfff] == 0xff &&
               h.n == 4 && h.write && h.addr == 0x4000 && h.size == 0x800,
               "a write across RAM, hole, RAM, hole lands in both RAMs");

    memset(memory_region_get_ram_ptr(&top), 0x7e, 0x1000);
    memset(buf, 0x55, 16);
    res = address_space_read(&as, 0xfffffffffffffffcull, buf, 8);
    tap_report(res == MEMTX_DECODE_ERROR && buf[3] == 0x7e && buf[4] == 0 &&
               buf[7] == 0 && buf[8] == 0x55,
               "bytes past the top of the space read as unassigned");
    v = address_space_ldq_le(&as, 0xfffffffffffffffcull, &res);
    tap_report(v == 0x7e7e7e7e && res == MEMTX_DECODE_ERROR,
               "a load straddling the top keeps the mapped half");

    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &r1);
    memory_region_del_subregion(&sys, &r2);
    memory_region_del_subregion(&sys, &top);
    memory_region_destroy(&r1);
    memory_region_destroy(&r2);
    memory_region_destroy(&top);
    memory_region_destroy(&sys);
}

static void test_cross_region(void)
{
    static const MemoryRegionOps ops = {
        .read = dev_read, .write = dev_write,
        .valid = { .min_access_size = 1, .max_access_size = 4 },
    };
    MemoryRegion sys, ram, dev;
    AddressSpace as;
    TestDev d;
    uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    uint8_t *host;

    dev_fill(&d, DEVICE_LITTLE_ENDIAN);
    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&ram, "ram", 0x1000);
    memory_region_init_io(&dev, &ops, &d, "dev", 0x20);
    memory_region_add_subregion(&sys, 0, &ram);
    memory_region_add_subregion(&sys, 0x1000, &dev);
    address_space_init(&as, &sys, "cross");
    host = memory_region_get_ram_ptr(&ram);

    tap_report(address_space_write(&as, 0xffd, buf, 8) == MEMTX_OK &&
               host[0xffd] == 1 && host[0xfff] == 3 && d.ncalls == 2 &&
               call_is(&d, 0, true, 0, 4, 0x07060504) &&
               call_is(&d, 1, true, 4, 1, 0x08),
               "a write from RAM into a device: memcpy, then 4+1 bytes");
    d.ncalls = 0;
    tap_report(address_space_ldl_le(&as, 0xffe, NULL) == 0x05040302 &&
               d.ncalls == 1 && call_is(&d, 0, false, 0, 2, 0x0504),
               "an unaligned load across the boundary splits per region");

    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &ram);
    memory_region_del_subregion(&sys, &dev);
    memory_region_destroy(&ram);
    memory_region_destroy(&dev);
    memory_region_destroy(&sys);
}

static void test_dirty(void)
{
    MemoryRegion sys, vram;
    AddressSpace as;
    MemoryRegionSection sec;

    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&vram, "vram", 0x10000);
    memory_region_add_subregion(&sys, 0x100000, &vram);
    address_space_init(&as, &sys, "dirty");
    memory_listener_register(&counter, &as);
    commits = 0;

    address_space_stb(&as, 0x100000, 1);
    tap_report(!vram.dirty[DIRTY_MEMORY_VGA] &&
               !vram.dirty[DIRTY_MEMORY_MIGRATION] &&
               !memory_region_get_dirty(&vram, 0, 0x10000, DIRTY_MEMORY_VGA),
               "no bitmap until a client asks");

    memory_region_set_log(&vram, true, DIRTY_MEMORY_VGA);
    tap_report(commits == 1 && address_space_lookup(&as, 0x100000, &sec) &&
               sec.dirty_log_mask == 1 << DIRTY_MEMORY_VGA &&
               memory_region_is_logging(&vram, DIRTY_MEMORY_VGA) &&
               !memory_region_get_dirty(&vram, 0, 0x10000, DIRTY_MEMORY_VGA),
               "starting a log tells the listeners; the bitmap starts clean");

    address_space_stb(&as, 0x101005, 1);
    tap_report(memory_region_get_dirty(&vram, 0x1000, 0x1000,
                                       DIRTY_MEMORY_VGA) &&
               !memory_region_get_dirty(&vram, 0, 0x1000, DIRTY_MEMORY_VGA) &&
               !memory_region_get_dirty(&vram, 0x2000, 0xe000,
                                        DIRTY_MEMORY_VGA) &&
               !memory_region_get_dirty(&vram, 0, 0x10000,
                                        DIRTY_MEMORY_MIGRATION),
               "a write marks its page for the logging client only");

    address_space_stl_le(&as, 0x102ffe, 0);
    memory_region_set_dirty(&vram, 0x5000, 1);
    tap_report(memory_region_get_dirty(&vram, 0x2fff, 1, DIRTY_MEMORY_VGA) &&
               memory_region_get_dirty(&vram, 0x3000, 1, DIRTY_MEMORY_VGA) &&
               !memory_region_get_dirty(&vram, 0x4000, 0x1000,
                                        DIRTY_MEMORY_VGA) &&
               memory_region_get_dirty(&vram, 0x5fff, 1, DIRTY_MEMORY_VGA),
               "a store across a page boundary marks both; set_dirty marks");

    tap_report(memory_region_test_and_clear_dirty(&vram, 0x2000, 0x2000,
                                                  DIRTY_MEMORY_VGA) &&
               !memory_region_get_dirty(&vram, 0x2000, 0x2000,
                                        DIRTY_MEMORY_VGA) &&
               memory_region_get_dirty(&vram, 0x1000, 1, DIRTY_MEMORY_VGA) &&
               !memory_region_test_and_clear_dirty(&vram, 0x2000, 0x2000,
                                                   DIRTY_MEMORY_VGA),
               "test-and-clear clears only the pages asked for");

    memory_region_set_log(&vram, false, DIRTY_MEMORY_VGA);
    tap_report(commits == 2 && !vram.dirty[DIRTY_MEMORY_VGA] &&
               !memory_region_get_dirty(&vram, 0, 0x10000, DIRTY_MEMORY_VGA),
               "stopping the log frees the bitmap");

    memory_listener_unregister(&counter, &as);
    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &vram);
    memory_region_destroy(&vram);
    memory_region_destroy(&sys);
}

typedef struct WriteLog {
    unsigned n;
    MemoryRegion *mr;
    hwaddr addr;
    uint64_t len;
} WriteLog;

static void write_hook(void *opaque, MemoryRegion *mr, hwaddr addr,
                       uint64_t len)
{
    WriteLog *w = opaque;

    w->n++;
    w->mr = mr;
    w->addr = addr;
    w->len = len;
}

static void test_map_and_write_hook(void)
{
    static const MemoryRegionOps ops = { .read = dev_read, .write = dev_write };
    MemoryRegion sys, ram, rom, dev, *mr = NULL;
    AddressSpace as;
    WriteLog w = { 0 };
    TestDev d;
    hwaddr len;
    uint8_t *p, buf[4] = { 0 };

    dev_fill(&d, DEVICE_LITTLE_ENDIAN);
    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&ram, "ram", 0x4000);
    memory_region_init_rom(&rom, "rom", 0x1000);
    memory_region_init_io(&dev, &ops, &d, "dev", 0x1000);
    memory_region_add_subregion(&sys, 0x10000, &ram);
    memory_region_add_subregion(&sys, 0x14000, &dev);
    memory_region_add_subregion(&sys, 0, &rom);
    address_space_init(&as, &sys, "map");
    memory_set_ram_write_hook(write_hook, &w);

    len = 0x10000;
    p = address_space_map(&as, 0x13000, &len, true, &mr);
    tap_report(p == (uint8_t *)memory_region_get_ram_ptr(&ram) + 0x3000 &&
               len == 0x1000 && mr == &ram,
               "map: host pointer, length cut at the end of the RAM");
    memory_region_set_log(&ram, true, DIRTY_MEMORY_MIGRATION);
    address_space_unmap(mr, p, 0x10, true);
    tap_report(w.n == 1 && w.mr == &ram && w.addr == 0x3000 && w.len == 0x10 &&
               memory_region_get_dirty(&ram, 0x3000, 1,
                                       DIRTY_MEMORY_MIGRATION),
               "unmap after a write: dirty bits and the write hook");
    len = 8;
    tap_report(address_space_map(&as, 0x14000, &len, false, &mr) == NULL &&
               len == 0 &&
               (len = 8, address_space_map(&as, 0x10, &len, true, &mr)) ==
               NULL &&
               (len = 8, address_space_map(&as, 0x10, &len, false, &mr)) !=
               NULL && len == 8,
               "map refuses I/O, and ROM for writing");

    address_space_write(&as, 0x10100, buf, 4);
    address_space_stl_le(&as, 0x10200, 0);
    address_space_write(&as, 0x100, buf, 4);
    tap_report(w.n == 3 && w.addr == 0x200 && w.len == 4,
               "API writes to RAM call the write hook, ROM writes do not");
    memory_set_ram_write_hook(NULL, NULL);

    address_space_destroy(&as);
    memory_region_transaction_begin();
    memory_region_del_subregion(&sys, &ram);
    memory_region_del_subregion(&sys, &rom);
    memory_region_del_subregion(&sys, &dev);
    memory_region_transaction_commit();
    memory_region_destroy(&ram);
    memory_region_destroy(&rom);
    memory_region_destroy(&dev);
    memory_region_destroy(&sys);
}

static void test_transactions(void)
{
    MemoryRegion sys, r[4], top;
    AddressSpace as;
    unsigned i;

    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_ram(&top, "top", 0x4000);
    for (i = 0; i < 4; i++) {
        memory_region_init_ram(&r[i], "r", 0x1000);
    }
    address_space_init(&as, &sys, "txn");
    memory_listener_register(&counter, &as);
    commits = 0;

    memory_region_transaction_begin();
    memory_region_add_subregion(&sys, 0x0000, &r[0]);
    memory_region_add_subregion(&sys, 0x1000, &r[1]);
    memory_region_add_subregion(&sys, 0x2000, &r[2]);
    memory_region_set_address(&r[2], 0x8000);
    tap_report(commits == 0 && address_space_get_flatview(&as)->nr == 0,
               "nothing changes before commit");
    memory_region_transaction_commit();
    tap_report(commits == 1 && address_space_get_flatview(&as)->nr == 3 &&
               region_at(&as, 0x8000, NULL) == &r[2],
               "a batch of changes rebuilds once");

    memory_region_transaction_begin();
    memory_region_transaction_begin();
    memory_region_add_subregion(&sys, 0x3000, &r[3]);
    memory_region_transaction_commit();
    tap_report(commits == 1, "an inner commit does not rebuild");
    memory_region_transaction_commit();
    tap_report(commits == 2 && region_at(&as, 0x3000, NULL) == &r[3],
               "the outermost commit does");

    memory_region_set_enabled(&r[0], true);
    memory_region_transaction_begin();
    memory_region_transaction_commit();
    memory_region_add_subregion_overlap(&sys, 0, &top, 1);
    tap_report(commits == 3, "no-op changes and empty batches are silent");
    commits = 0;
    memory_region_del_subregion(&sys, &r[1]);
    tap_report(commits == 0 && region_at(&as, 0x1000, NULL) == &top,
               "removing a fully hidden region keeps the view");

    memory_listener_unregister(&counter, &as);
    address_space_destroy(&as);
    memory_region_del_subregion(&sys, &top);
    memory_region_del_subregion(&sys, &r[0]);
    memory_region_del_subregion(&sys, &r[2]);
    memory_region_del_subregion(&sys, &r[3]);
    for (i = 0; i < 4; i++) {
        memory_region_destroy(&r[i]);
    }
    memory_region_destroy(&top);
    memory_region_destroy(&sys);
}

#define BIG_N 4096

static void test_big_view(void)
{
    static const MemoryRegionOps ops = { .read = dev_read, .write = dev_write };
    MemoryRegion sys, bg, *regs = calloc(BIG_N, sizeof(MemoryRegion));
    AddressSpace as;
    TestDev d;
    FlatView *fv;
    const FlatRange *fr;
    unsigned i, bad = 0;
    uint32_t seed = 12345;

    dev_fill(&d, DEVICE_LITTLE_ENDIAN);
    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    address_space_init(&as, &sys, "big");
    memory_region_transaction_begin();
    for (i = 0; i < BIG_N; i++) {
        memory_region_init_io(&regs[i], &ops, &d, "dev", 0x1000);
        memory_region_add_subregion(&sys, (hwaddr)i * 0x2000, &regs[i]);
    }
    memory_region_transaction_commit();
    fv = address_space_get_flatview(&as);
    for (i = 0; i < 200000; i++) {
        hwaddr a;
        unsigned k;

        seed = seed * 1103515245 + 12345;
        a = (seed >> 4) % ((hwaddr)BIG_N * 0x2000 + 0x4000);
        k = a / 0x2000;
        fr = flatview_find(fv, a);
        if (k < BIG_N && a % 0x2000 < 0x1000) {
            bad += !fr || fr->mr != &regs[k] ||
                   fr->offset + (a - fr->start) != a % 0x2000;
        } else {
            bad += fr != NULL;
        }
    }
    tap_report(fv->nr == BIG_N && bad == 0,
               "lookup in a FlatView of %u ranges (200000 random probes)",
               BIG_N);

    memory_region_init_ram(&bg, "bg", (hwaddr)BIG_N * 0x2000);
    memory_region_add_subregion_overlap(&sys, 0, &bg, -1);
    fv = address_space_get_flatview(&as);
    fr = flatview_find(fv, 0x2000 * 77 + 0x1234);
    tap_report(fv->nr == 2 * BIG_N && fr && fr->mr == &bg &&
               fr->offset + (0x2000 * 77 + 0x1234 - fr->start) ==
               0x2000 * 77 + 0x1234 &&
               flatview_find(fv, 0x2000 * 77 + 0x234)->mr == &regs[77],
               "a background fills the %u gaps", BIG_N);

    address_space_destroy(&as);
    memory_region_transaction_begin();
    memory_region_del_subregion(&sys, &bg);
    for (i = 0; i < BIG_N; i++) {
        memory_region_del_subregion(&sys, &regs[i]);
        memory_region_destroy(&regs[i]);
    }
    memory_region_transaction_commit();
    memory_region_destroy(&bg);
    memory_region_destroy(&sys);
    free(regs);
}

static const char expect_tree[] =
    "address-space: cpu\n"
    "  0000000000000000-ffffffffffffffff (prio 0, container): system\n"
    "    0000000000000000-0000000000000fff (prio 0, rom): boot.rom\n"
    "    0000000009000000-0000000009000fff (prio 1, i/o): uart\n"
    "    000000000a000000-000000000a00ffff (prio 0, container): bus\n"
    "      000000000a000200-000000000a0003ff (prio 0, i/o): virtio\n"
    "    0000000040000000-00000000400fffff (prio 0, ram): ram\n"
    "    0000000080000000-0000000080000fff (prio 0, alias): ram.hi"
    " @ram 0000000000001000-0000000000001fff [disabled]\n"
    "    00000000c0000000-00000000c00007ff (prio 0, alias): win"
    " @hidden 0000000000000800-0000000000000fff\n"
    "\n"
    "memory-region: hidden\n"
    "  0000000000000000-0000000000000fff (prio 0, ram): hidden\n"
    "\n";

static const char expect_flat[] =
    "FlatView for cpu:\n"
    "  0000000000000000-0000000000000fff (rom): boot.rom @0000000000000000\n"
    "  0000000009000000-0000000009000fff (i/o): uart @0000000000000000\n"
    "  000000000a000200-000000000a0003ff (i/o): virtio @0000000000000000\n"
    "  0000000040000000-00000000400fffff (ram): ram @0000000000000000\n"
    "  00000000c0000000-00000000c00007ff (ram, ro): hidden @0000000000000800\n"
    "\n";

static void test_print(void)
{
    static const MemoryRegionOps ops = { .read = dev_read, .write = dev_write };
    MemoryRegion sys, rom, uart, bus, virtio, ram, rhi, hidden, win;
    AddressSpace as;
    TestDev d;
    char *text;
    size_t len;
    FILE *f;

    memory_region_init_container(&sys, "system", MEMORY_SIZE_ALL);
    memory_region_init_rom(&rom, "boot.rom", 0x1000);
    memory_region_init_io(&uart, &ops, &d, "uart", 0x1000);
    memory_region_init_container(&bus, "bus", 0x10000);
    memory_region_init_io(&virtio, &ops, &d, "virtio", 0x200);
    memory_region_init_ram(&ram, "ram", 0x100000);
    memory_region_init_alias(&rhi, "ram.hi", &ram, 0x1000, 0x1000);
    memory_region_init_ram(&hidden, "hidden", 0x1000);
    memory_region_init_alias(&win, "win", &hidden, 0x800, 0x800);
    memory_region_set_readonly(&win, true);
    memory_region_add_subregion(&bus, 0x200, &virtio);
    /* Added out of address order: the printer sorts. */
    memory_region_add_subregion(&sys, 0x40000000, &ram);
    memory_region_add_subregion(&sys, 0, &rom);
    memory_region_add_subregion(&sys, 0xc0000000, &win);
    memory_region_add_subregion(&sys, 0x80000000, &rhi);
    memory_region_add_subregion_overlap(&sys, 0x9000000, &uart, 1);
    memory_region_add_subregion(&sys, 0xa000000, &bus);
    memory_region_set_enabled(&rhi, false);
    address_space_init(&as, &sys, "cpu");

    f = open_memstream(&text, &len);
    memory_region_print_tree(f, &as);
    fclose(f);
    if (!tap_report(strcmp(text, expect_tree) == 0, "info mtree text")) {
        tap_diag("got:\n%s", text);
    }
    free(text);
    f = open_memstream(&text, &len);
    flatview_print(f, &as);
    fclose(f);
    if (!tap_report(strcmp(text, expect_flat) == 0, "info mtree -f text")) {
        tap_diag("got:\n%s", text);
    }
    free(text);
    f = open_memstream(&text, &len);
    mtree_info(f, false);
    mtree_info(f, true);
    fclose(f);
    tap_report(strncmp(text, expect_tree, strlen(expect_tree)) == 0 &&
               strcmp(text + strlen(expect_tree), expect_flat) == 0,
               "mtree_info prints every address space (here one)");
    free(text);

    address_space_destroy(&as);
    memory_region_transaction_begin();
    memory_region_del_subregion(&bus, &virtio);
    memory_region_del_subregion(&sys, &ram);
    memory_region_del_subregion(&sys, &rom);
    memory_region_del_subregion(&sys, &win);
    memory_region_del_subregion(&sys, &rhi);
    memory_region_del_subregion(&sys, &uart);
    memory_region_del_subregion(&sys, &bus);
    memory_region_transaction_commit();
    memory_region_destroy(&virtio);
    memory_region_destroy(&ram);
    memory_region_destroy(&rom);
    memory_region_destroy(&win);
    memory_region_destroy(&rhi);
    memory_region_destroy(&uart);
    memory_region_destroy(&bus);
    memory_region_destroy(&hidden);
    memory_region_destroy(&sys);
}

static void test_alias_cycle_and_sharing(void)
{
    MemoryRegion sys, ram, loop, loop2;
    AddressSpace cpu0, cpu1, dma;
    FlatView *fv;

    memory_region_init_container(&sys, "system", 0x100000);
    memory_region_init_ram(&ram, "ram", 0x1000);
    memory_region_init_alias(&loop, "loop", &sys, 0, 0x10000);
    memory_region_init_alias(&loop2, "loop2", &sys, 0, 0x10000);
    memory_region_add_subregion(&sys, 0, &ram);
    memory_region_add_subregion(&sys, 0x10000, &loop);
    memory_region_add_subregion(&sys, 0x20000, &loop2);
    log_has("");
    address_space_init(&cpu0, &sys, "cpu0");
    fv = address_space_get_flatview(&cpu0);
    tap_report(fv->nr == 1 && range_is(fv, 0, 0, 0xfff, &ram, 0) &&
               !sys.rendering && !loop.rendering &&
               log_has("region 'system' contains itself through an alias"),
               "a region containing itself through aliases renders once");
    memory_region_del_subregion(&sys, &loop);
    memory_region_del_subregion(&sys, &loop2);

    memory_region_destroy(&loop);
    memory_region_init_container(&loop, "dma-root", 0x100000);
    address_space_init(&cpu1, &sys, "cpu1");
    address_space_init(&dma, &loop, "dma");
    tap_report(address_space_get_flatview(&cpu0) ==
               address_space_get_flatview(&cpu1) &&
               address_space_get_flatview(&dma) !=
               address_space_get_flatview(&cpu0),
               "address spaces with the same root share one FlatView");
    memory_region_set_address(&ram, 0x2000);
    tap_report(address_space_get_flatview(&cpu0) ==
               address_space_get_flatview(&cpu1) &&
               region_at(&cpu1, 0x2000, NULL) == &ram &&
               region_at(&cpu0, 0, NULL) == NULL,
               "... and keep sharing after a change");

    address_space_destroy(&cpu0);
    address_space_destroy(&cpu1);
    address_space_destroy(&dma);
    memory_region_del_subregion(&sys, &ram);
    memory_region_destroy(&ram);
    memory_region_destroy(&loop);
    memory_region_destroy(&loop2);
    memory_region_destroy(&sys);
}

int main(void)
{
    log_start();
    test_ram_rom();
    test_overlap_priority();
    test_aliases();
    test_move_disable();
    test_access_sizes();
    test_unassigned();
    test_cross_region();
    test_dirty();
    test_map_and_write_hook();
    test_transactions();
    test_big_view();
    test_alias_cycle_and_sharing();
    test_print();
    fclose(qemu_logfile);
    qemu_logfile = NULL;
    free(log_buf);
    return tap_exit_status();
}
