/*
 * memory.c: memory regions, their flattening into address spaces, and
 * accesses through them (see exec/memory.h for the model and rules).
 *
 * Rendering.  A FlatView is built by walking the tree from the root,
 * highest-priority (and, among equals, latest-added) subregions first,
 * and letting each terminal region fill only the holes left by what was
 * rendered before it: so whatever is rendered first wins an overlap.
 * Addresses are computed in 128-bit arithmetic so aliases whose offset
 * exceeds their own address, and regions reaching 2^64, need no special
 * cases; everything is clipped to [0, 2^64 - 1].  Adjacent ranges that
 * continue the same region linearly are merged.  A view identical to the
 * current one is dropped, so listeners only hear about real changes.
 *
 * Lookup is a binary search over the sorted ranges.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "qemu/log.h"

typedef __int128 i128;

#define I128_2_64 ((i128)1 << 64)

static AddressSpace *address_spaces;
static unsigned txn_depth;
static bool txn_pending;
static uint64_t subregion_seq;
static RamWriteHook *ram_write_hook;
static void *ram_write_opaque;

static i128 size128(const MemoryRegion *mr)
{
    return mr->size == MEMORY_SIZE_ALL ? I128_2_64 : (i128)mr->size;
}

static bool is_ram_like(const MemoryRegion *mr)
{
    return mr->type == MR_RAM || mr->type == MR_ROM;
}

/* ------------------------------------------------------------------ */
/* Creating and destroying regions                                     */
/* ------------------------------------------------------------------ */

static void region_init(MemoryRegion *mr, const char *name, uint64_t size,
                        MemoryRegionType type)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = strdup(name ? name : "anonymous");
    mr->size = size;
    mr->type = type;
    mr->enabled = true;
}

void memory_region_init_container(MemoryRegion *mr, const char *name,
                                  uint64_t size)
{
    region_init(mr, name, size, MR_CONTAINER);
}

static bool init_ram_common(MemoryRegion *mr, const char *name,
                            uint64_t size, MemoryRegionType type)
{
    region_init(mr, name, size, type);
    if (size == 0 || size >= SIZE_MAX) {
        mr->ram = NULL;
    } else {
        mr->ram = calloc(1, size);
    }
    if (!mr->ram) {
        free(mr->name);
        mr->name = NULL;
        return false;
    }
    mr->ram_owned = true;
    mr->readonly = type == MR_ROM;
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, const char *name,
                            uint64_t size)
{
    return init_ram_common(mr, name, size, MR_RAM);
}

bool memory_region_init_rom(MemoryRegion *mr, const char *name,
                            uint64_t size)
{
    return init_ram_common(mr, name, size, MR_ROM);
}

void memory_region_init_ram_ptr(MemoryRegion *mr, const char *name,
                                uint64_t size, void *host)
{
    region_init(mr, name, size, MR_RAM);
    mr->ram = host;
}

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    static const MemoryRegionOps no_ops;

    region_init(mr, name, size, MR_IO);
    mr->ops = ops ? ops : &no_ops;
    mr->opaque = opaque;
}

void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset,
                              uint64_t size)
{
    region_init(mr, name, size, MR_ALIAS);
    mr->alias = orig;
    mr->alias_offset = offset;
}

void memory_region_destroy(MemoryRegion *mr)
{
    unsigned c;

    assert(!mr->container && !mr->subregions);
    for (c = 0; c < DIRTY_MEMORY_NUM; c++) {
        free(mr->dirty[c]);
        mr->dirty[c] = NULL;
    }
    if (mr->ram_owned) {
        free(mr->ram);
    }
    mr->ram = NULL;
    free(mr->name);
    mr->name = NULL;
}

/* ------------------------------------------------------------------ */
/* Changes and transactions                                            */
/* ------------------------------------------------------------------ */

static void address_space_update(AddressSpace *as);

static void memory_changed(void)
{
    AddressSpace *as;

    if (txn_depth) {
        txn_pending = true;
        return;
    }
    for (as = address_spaces; as; as = as->next) {
        address_space_update(as);
    }
}

/* A view already rendered in this pass for the same root (-smp N). */
static FlatView *shared_view(AddressSpace *as)
{
    AddressSpace *prev;

    for (prev = address_spaces; prev && prev != as; prev = prev->next) {
        if (prev->root == as->root && prev->current) {
            return prev->current;
        }
    }
    return NULL;
}

void memory_region_transaction_begin(void)
{
    txn_depth++;
}

void memory_region_transaction_commit(void)
{
    assert(txn_depth > 0);
    if (--txn_depth == 0 && txn_pending) {
        txn_pending = false;
        memory_changed();
    }
}

/* Sibling order: priority descending, then most recently added first. */
static void link_subregion(MemoryRegion *mr, MemoryRegion *sub)
{
    MemoryRegion **p = &mr->subregions;

    while (*p && (*p)->priority > sub->priority) {
        p = &(*p)->next;
    }
    sub->next = *p;
    *p = sub;
}

void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    MemoryRegion *up;

    /* Board bugs: mapped twice, or into its own subtree. */
    assert(!sub->container);
    for (up = mr; up; up = up->container) {
        assert(up != sub);
    }
    sub->container = mr;
    sub->addr = offset;
    sub->priority = priority;
    sub->seq = ++subregion_seq;
    link_subregion(mr, sub);
    memory_changed();
}

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(mr, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub)
{
    MemoryRegion **p = &mr->subregions;

    assert(sub->container == mr);
    while (*p != sub) {
        p = &(*p)->next;
    }
    *p = sub->next;
    sub->next = NULL;
    sub->container = NULL;
    memory_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        memory_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr != addr) {
        mr->addr = addr;
        memory_changed();
    }
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    assert(mr->type == MR_ALIAS);
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        memory_changed();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->type != MR_ROM && mr->readonly != readonly) {
        mr->readonly = readonly;
        memory_changed();
    }
}

/* ------------------------------------------------------------------ */
/* Dirty tracking                                                      */
/* ------------------------------------------------------------------ */

#define BITS_PER_LONG (8 * sizeof(unsigned long))

static uint64_t dirty_pages(const MemoryRegion *mr)
{
    return (mr->size + MEMORY_DIRTY_PAGE_SIZE - 1) >> MEMORY_DIRTY_PAGE_BITS;
}

void memory_region_set_log(MemoryRegion *mr, bool log, unsigned client)
{
    uint64_t words;

    if (!is_ram_like(mr) || client >= DIRTY_MEMORY_NUM) {
        return;
    }
    free(mr->dirty[client]);
    mr->dirty[client] = NULL;
    if (log) {
        words = (dirty_pages(mr) + BITS_PER_LONG - 1) / BITS_PER_LONG;
        mr->dirty[client] = calloc(words ? words : 1, sizeof(unsigned long));
        if (!mr->dirty[client]) {
            log = false;
        }
    }
    if (log) {
        mr->dirty_log_mask |= 1u << client;
    } else {
        mr->dirty_log_mask &= ~(1u << client);
    }
    memory_changed();
}

/* The page span of [addr, addr + size) clipped to mr; false if empty. */
static bool dirty_span(const MemoryRegion *mr, hwaddr addr, uint64_t size,
                       uint64_t *first, uint64_t *last)
{
    uint64_t end;

    if (size == 0 || addr >= mr->size) {
        return false;
    }
    end = size > mr->size - addr ? mr->size : addr + size;
    *first = addr >> MEMORY_DIRTY_PAGE_BITS;
    *last = (end - 1) >> MEMORY_DIRTY_PAGE_BITS;
    return true;
}

void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, uint64_t size)
{
    uint64_t first, last, pg;
    unsigned c;

    if (!mr->dirty_log_mask || !dirty_span(mr, addr, size, &first, &last)) {
        return;
    }
    for (c = 0; c < DIRTY_MEMORY_NUM; c++) {
        unsigned long *bm = mr->dirty[c];

        if (!bm) {
            continue;
        }
        for (pg = first; pg <= last; pg++) {
            __atomic_fetch_or(&bm[pg / BITS_PER_LONG],
                              1ul << (pg % BITS_PER_LONG), __ATOMIC_RELAXED);
        }
    }
}

static bool dirty_scan(MemoryRegion *mr, hwaddr addr, uint64_t size,
                       unsigned client, bool clear)
{
    uint64_t first, last, pg;
    unsigned long *bm;
    bool found = false;

    if (client >= DIRTY_MEMORY_NUM || !(bm = mr->dirty[client]) ||
        !dirty_span(mr, addr, size, &first, &last)) {
        return false;
    }
    for (pg = first; pg <= last; pg++) {
        unsigned long bit = 1ul << (pg % BITS_PER_LONG);
        unsigned long *w = &bm[pg / BITS_PER_LONG];

        if (clear) {
            found |= (__atomic_fetch_and(w, ~bit, __ATOMIC_RELAXED) & bit) != 0;
        } else if (__atomic_load_n(w, __ATOMIC_RELAXED) & bit) {
            return true;
        }
    }
    return found;
}

bool memory_region_get_dirty(MemoryRegion *mr, hwaddr addr, uint64_t size,
                             unsigned client)
{
    return dirty_scan(mr, addr, size, client, false);
}

bool memory_region_test_and_clear_dirty(MemoryRegion *mr, hwaddr addr,
                                        uint64_t size, unsigned client)
{
    return dirty_scan(mr, addr, size, client, true);
}

void memory_region_reset_dirty(MemoryRegion *mr, hwaddr addr, uint64_t size,
                               unsigned client)
{
    dirty_scan(mr, addr, size, client, true);
}

/* ------------------------------------------------------------------ */
/* Rendering FlatViews                                                 */
/* ------------------------------------------------------------------ */

typedef struct Builder {
    FlatRange *r;
    unsigned nr, cap;
} Builder;

static void builder_insert(Builder *b, unsigned i, const FlatRange *fr)
{
    if (b->nr == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->r = realloc(b->r, b->cap * sizeof(*b->r));
        if (!b->r) {
            fprintf(stderr, "qemu: out of memory rendering a FlatView\n");
            abort();
        }
    }
    memmove(&b->r[i + 1], &b->r[i], (b->nr - i) * sizeof(*b->r));
    b->r[i] = *fr;
    b->nr++;
}

/* First index whose range ends at or after addr. */
static unsigned builder_first_from(const Builder *b, i128 addr)
{
    unsigned lo = 0, hi = b->nr;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;

        if ((i128)b->r[mid].last < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Fills the holes of [lo, hi] with mr, whose offset 0 sits at base. */
static void render_terminal(Builder *b, MemoryRegion *mr, i128 base,
                            i128 lo, i128 hi, bool readonly)
{
    unsigned i = builder_first_from(b, lo);
    i128 cur = lo;

    while (cur <= hi) {
        FlatRange fr;
        i128 end;

        if (i < b->nr && (i128)b->r[i].start <= cur) {
            cur = (i128)b->r[i].last + 1;
            i++;
            continue;
        }
        end = hi;
        if (i < b->nr && (i128)b->r[i].start - 1 < end) {
            end = (i128)b->r[i].start - 1;
        }
        fr.start = (hwaddr)cur;
        fr.last = (hwaddr)end;
        fr.mr = mr;
        fr.offset = (hwaddr)(cur - base);
        fr.readonly = readonly || mr->type == MR_ROM;
        fr.dirty_log_mask = mr->dirty_log_mask;
        builder_insert(b, i, &fr);
        i++;
        cur = end + 1;
    }
}

static void render(Builder *b, MemoryRegion *mr, i128 base, i128 clip_lo,
                   i128 clip_hi, bool readonly)
{
    MemoryRegion *sub;
    i128 lo, hi;

    if (mr->rendering) {
        /* A board bug: always logged (stderr unless -D), never fatal. */
        qemu_log("memory: region '%s' contains itself through an alias"
                 " cycle; ignoring the inner copy\n", mr->name);
        return;
    }
    lo = base > clip_lo ? base : clip_lo;
    hi = base + size128(mr) - 1;
    if (hi > clip_hi) {
        hi = clip_hi;
    }
    if (lo > hi) {
        return;
    }
    readonly |= mr->readonly;
    mr->rendering = true;
    for (sub = mr->subregions; sub; sub = sub->next) {
        if (sub->enabled) {
            render(b, sub, base + sub->addr, lo, hi, readonly);
        }
    }
    switch (mr->type) {
    case MR_ALIAS:
        render(b, mr->alias, base - (i128)mr->alias_offset, lo, hi, readonly);
        break;
    case MR_RAM:
    case MR_ROM:
    case MR_IO:
        render_terminal(b, mr, base, lo, hi, readonly);
        break;
    case MR_CONTAINER:
        break;
    }
    mr->rendering = false;
}

static bool ranges_continue(const FlatRange *a, const FlatRange *n)
{
    return a->mr == n->mr && a->last + 1 == n->start &&
           a->offset + (a->last - a->start) + 1 == n->offset &&
           a->readonly == n->readonly &&
           a->dirty_log_mask == n->dirty_log_mask;
}

static FlatView *generate_flatview(MemoryRegion *root)
{
    Builder b = { 0 };
    FlatView *fv = calloc(1, sizeof(*fv));
    unsigned i, n = 0;

    if (!fv) {
        fprintf(stderr, "qemu: out of memory rendering a FlatView\n");
        abort();
    }
    if (root) {
        render(&b, root, 0, 0, I128_2_64 - 1, false);
    }
    for (i = 0; i < b.nr; i++) {
        if (n && ranges_continue(&b.r[n - 1], &b.r[i])) {
            b.r[n - 1].last = b.r[i].last;
        } else {
            b.r[n++] = b.r[i];
        }
    }
    fv->ref = 1;
    fv->nr = n;
    fv->ranges = b.r;
    return fv;
}

static bool flatview_equal(const FlatView *a, const FlatView *b)
{
    unsigned i;

    if (a->nr != b->nr) {
        return false;
    }
    for (i = 0; i < a->nr; i++) {
        const FlatRange *x = &a->ranges[i], *y = &b->ranges[i];

        if (x->start != y->start || x->last != y->last || x->mr != y->mr ||
            x->offset != y->offset || x->readonly != y->readonly ||
            x->dirty_log_mask != y->dirty_log_mask) {
            return false;
        }
    }
    return true;
}

void flatview_ref(FlatView *fv)
{
    __atomic_fetch_add(&fv->ref, 1, __ATOMIC_RELAXED);
}

void flatview_unref(FlatView *fv)
{
    if (fv && __atomic_sub_fetch(&fv->ref, 1, __ATOMIC_ACQ_REL) == 0) {
        free(fv->ranges);
        free(fv);
    }
}

const FlatRange *flatview_find(const FlatView *fv, hwaddr addr)
{
    unsigned lo = 0, hi = fv->nr;

    /* The last range starting at or below addr. */
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;

        if (fv->ranges[mid].start <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0 || fv->ranges[lo - 1].last < addr) {
        return NULL;
    }
    return &fv->ranges[lo - 1];
}

/* The first range starting above addr, or NULL. */
static const FlatRange *flatview_next(const FlatView *fv, hwaddr addr)
{
    unsigned lo = 0, hi = fv->nr;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;

        if (fv->ranges[mid].start <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < fv->nr ? &fv->ranges[lo] : NULL;
}

/* ------------------------------------------------------------------ */
/* Address spaces and listeners                                        */
/* ------------------------------------------------------------------ */

FlatView *address_space_get_flatview(AddressSpace *as)
{
    return __atomic_load_n(&as->current, __ATOMIC_ACQUIRE);
}

static void address_space_update(AddressSpace *as)
{
    FlatView *old = as->current;
    FlatView *fv = shared_view(as);
    MemoryListener *l;

    if (fv) {
        flatview_ref(fv);
    } else {
        fv = generate_flatview(as->root);
    }
    if (old && flatview_equal(old, fv)) {
        flatview_unref(fv);
        return;
    }
    __atomic_store_n(&as->current, fv, __ATOMIC_RELEASE);
    for (l = as->listeners; l; l = l->next) {
        l->commit(l, as, old, fv);
    }
    flatview_unref(old);
}

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name)
{
    AddressSpace **p;

    memset(as, 0, sizeof(*as));
    as->name = strdup(name ? name : "anonymous");
    as->root = root;
    for (p = &address_spaces; *p; p = &(*p)->next) {
        /* Appended: mtree_info prints in creation order. */
    }
    *p = as;
    address_space_update(as);
}

void address_space_destroy(AddressSpace *as)
{
    AddressSpace **p = &address_spaces;

    while (*p && *p != as) {
        p = &(*p)->next;
    }
    if (*p) {
        *p = as->next;
    }
    flatview_unref(as->current);
    as->current = NULL;
    free(as->name);
    as->name = NULL;
}

void address_space_set_unassigned_hook(AddressSpace *as, UnassignedHook *fn,
                                       void *opaque)
{
    as->unassigned_hook = fn;
    as->unassigned_opaque = opaque;
}

void memory_listener_register(MemoryListener *l, AddressSpace *as)
{
    MemoryListener **p = &as->listeners;

    /* Called in registration order. */
    while (*p) {
        p = &(*p)->next;
    }
    l->next = NULL;
    *p = l;
}

void memory_listener_unregister(MemoryListener *l, AddressSpace *as)
{
    MemoryListener **p = &as->listeners;

    while (*p && *p != l) {
        p = &(*p)->next;
    }
    if (*p) {
        *p = l->next;
    }
    l->next = NULL;
}

bool address_space_lookup(AddressSpace *as, hwaddr addr,
                          MemoryRegionSection *sec)
{
    const FlatRange *fr = flatview_find(address_space_get_flatview(as), addr);

    if (!fr) {
        return false;
    }
    sec->mr = fr->mr;
    sec->offset = fr->offset + (addr - fr->start);
    sec->start = fr->start;
    sec->last = fr->last;
    sec->host = fr->mr->ram ? fr->mr->ram + sec->offset : NULL;
    sec->readonly = fr->readonly;
    sec->dirty_log_mask = fr->dirty_log_mask;
    return true;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */
/* ------------------------------------------------------------------ */

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
}

static bool op_big_endian(MemOp op)
{
    return (op & MO_BSWAP) == MO_BE;
}

static void io_sizes(const MemoryRegionOps *ops, unsigned *vmin,
                     unsigned *vmax, unsigned *imin, unsigned *imax)
{
    *vmin = ops->valid.min_access_size ? ops->valid.min_access_size : 1;
    *vmax = ops->valid.max_access_size ? ops->valid.max_access_size : 4;
    *imin = ops->impl.min_access_size ? ops->impl.min_access_size : *vmin;
    *imax = ops->impl.max_access_size ? ops->impl.max_access_size : *vmax;
    if (*imax > 8) {
        *imax = 8;
    }
    if (*imin > *imax) {
        *imin = *imax;
    }
}

static const char *access_name(bool is_write)
{
    return is_write ? "write" : "read";
}

/*
 * One access to an I/O region.  *memval holds the bytes in memory order
 * (byte at addr + i in bits 8i..8i+7).
 */
static MemTxResult io_access(MemoryRegion *mr, hwaddr addr, uint64_t *memval,
                             unsigned size, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned vmin, vmax, imin, imax, s, i;
    uint64_t blk, nblk, v = is_write ? *memval : 0;

    io_sizes(ops, &vmin, &vmax, &imin, &imax);
    if (size == 0 || size > 8 || (size & (size - 1)) || size < vmin ||
        size > vmax || (!ops->valid.unaligned && (addr & (size - 1))) ||
        (i128)addr + size > size128(mr)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "memory: invalid %s of size %u at offset 0x%" PRIx64
                      " of region '%s'\n", access_name(is_write), size,
                      addr, mr->name);
        if (!is_write) {
            *memval = 0;
        }
        return MEMTX_ERROR;
    }
    if ((is_write && !ops->write) || (!is_write && !ops->read)) {
        qemu_log_mask(LOG_UNIMP,
                      "memory: region '%s' does not implement %ss"
                      " (offset 0x%" PRIx64 ", size %u)\n", mr->name,
                      access_name(is_write), addr, size);
        if (!is_write) {
            *memval = 0;
        }
        return MEMTX_OK;
    }
    s = size < imin ? imin : size > imax ? imax : size;
    blk = addr & ~(hwaddr)(s - 1);
    nblk = ((addr + size - 1) - blk) / s + 1;
    for (; nblk; nblk--, blk += s) {
        uint64_t d = 0;

        if (is_write) {
            for (i = 0; i < s; i++) {
                hwaddr a = blk + i;

                if (a >= addr && a - addr < size) {
                    d |= ((v >> (8 * (a - addr))) & 0xff) << (8 * i);
                }
            }
            if (ops->endianness == DEVICE_BIG_ENDIAN) {
                d = memory_bswap(d, s);
            }
            ops->write(mr->opaque, blk, d, s);
        } else {
            d = ops->read(mr->opaque, blk, s) & size_mask(s);
            if (ops->endianness == DEVICE_BIG_ENDIAN) {
                d = memory_bswap(d, s);
            }
            for (i = 0; i < s; i++) {
                hwaddr a = blk + i;

                if (a >= addr && a - addr < size) {
                    v |= ((d >> (8 * i)) & 0xff) << (8 * (a - addr));
                }
            }
        }
    }
    if (!is_write) {
        *memval = v;
    }
    return MEMTX_OK;
}

static uint64_t load_le_bytes(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static void store_le_bytes(uint8_t *p, uint64_t v, unsigned size)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        p[i] = v >> (8 * i);
    }
}

void memory_set_ram_write_hook(RamWriteHook *fn, void *opaque)
{
    ram_write_hook = fn;
    ram_write_opaque = opaque;
}

/* After host memory of mr changed through this API (not the TLB). */
static void ram_written(MemoryRegion *mr, hwaddr addr, uint64_t len)
{
    memory_region_set_dirty(mr, addr, len);
    if (ram_write_hook) {
        ram_write_hook(ram_write_opaque, mr, addr, len);
    }
}

static void log_readonly_write(MemoryRegion *mr, hwaddr addr, uint64_t size)
{
    qemu_log_mask(LOG_GUEST_ERROR,
                  "memory: write of %" PRIu64 " bytes to read-only region"
                  " '%s' at offset 0x%" PRIx64 " ignored\n", size, mr->name,
                  addr);
}

/* A sized access to any terminal region, memory-order value. */
static MemTxResult region_access(MemoryRegion *mr, hwaddr addr,
                                 uint64_t *memval, unsigned size,
                                 bool is_write, bool readonly)
{
    if (mr->type == MR_IO) {
        return io_access(mr, addr, memval, size, is_write);
    }
    if (!mr->ram || (i128)addr + size > size128(mr)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "memory: %s of size %u outside region '%s'"
                      " (offset 0x%" PRIx64 ")\n", access_name(is_write),
                      size, mr->name, addr);
        if (!is_write) {
            *memval = 0;
        }
        return MEMTX_ERROR;
    }
    if (!is_write) {
        *memval = load_le_bytes(mr->ram + addr, size);
    } else if (readonly || mr->readonly) {
        log_readonly_write(mr, addr, size);
    } else {
        store_le_bytes(mr->ram + addr, *memval, size);
        ram_written(mr, addr, size);
    }
    return MEMTX_OK;
}

static uint64_t sign_extend(uint64_t v, MemOp op)
{
    unsigned bits = 8u << (op & MO_SIZE);

    if ((op & MO_SIGN) && bits < 64) {
        return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return v;
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *pval, MemOp op)
{
    unsigned size = 1u << (op & MO_SIZE);
    uint64_t v = 0;
    MemTxResult r = MEMTX_ERROR;

    if (size <= 8) {
        r = region_access(mr, addr, &v, size, false, false);
    }
    if (op_big_endian(op)) {
        v = memory_bswap(v, size);
    }
    *pval = sign_extend(v, op);
    return r;
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t val, MemOp op)
{
    unsigned size = 1u << (op & MO_SIZE);

    if (size > 8) {
        return MEMTX_ERROR;
    }
    val &= size_mask(size);
    if (op_big_endian(op)) {
        val = memory_bswap(val, size);
    }
    return region_access(mr, addr, &val, size, true, false);
}

/* ------------------------------------------------------------------ */
/* Accesses through an address space                                   */
/* ------------------------------------------------------------------ */

static MemTxResult worst(MemTxResult a, MemTxResult b)
{
    return a > b ? a : b;
}

static void unassigned(AddressSpace *as, hwaddr addr, uint64_t len,
                       bool is_write)
{
    qemu_log_mask(LOG_GUEST_ERROR,
                  "memory: unassigned %s of %" PRIu64 " bytes at 0x%" PRIx64
                  " in address space '%s'\n", access_name(is_write), len,
                  addr, as->name);
    if (as->unassigned_hook) {
        as->unassigned_hook(as->unassigned_opaque, addr,
                            len > UINT32_MAX ? UINT32_MAX : (unsigned)len,
                            is_write);
    }
}

/* Splits [off, off + len) of an I/O region into valid-sized accesses. */
static MemTxResult io_rw_bytes(MemoryRegion *mr, hwaddr off, uint8_t *buf,
                               uint64_t len, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned vmin, vmax, imin, imax;
    MemTxResult res = MEMTX_OK;

    io_sizes(ops, &vmin, &vmax, &imin, &imax);
    if (vmax > 8) {
        vmax = 8;
    }
    while (len) {
        unsigned sz = 8;
        uint64_t v = 0;

        while (sz > len || sz > vmax ||
               (!ops->valid.unaligned && (off & (sz - 1)))) {
            sz >>= 1;
        }
        if (is_write) {
            v = load_le_bytes(buf, sz);
        }
        res = worst(res, io_access(mr, off, &v, sz, is_write));
        if (!is_write) {
            store_le_bytes(buf, v, sz);
        }
        buf += sz;
        off += sz;
        len -= sz;
    }
    return res;
}

static MemTxResult as_rw(AddressSpace *as, hwaddr addr, uint8_t *buf,
                         size_t len, bool is_write, bool rom_ok)
{
    FlatView *fv = address_space_get_flatview(as);
    MemTxResult res = MEMTX_OK;

    while (len) {
        const FlatRange *fr = flatview_find(fv, addr);
        i128 avail;
        uint64_t chunk;

        if (!fr) {
            const FlatRange *next = flatview_next(fv, addr);

            avail = next ? (i128)next->start - addr : I128_2_64 - addr;
        } else {
            avail = (i128)fr->last - addr + 1;
        }
        chunk = avail < (i128)len ? (uint64_t)avail : len;

        if (!fr) {
            unassigned(as, addr, chunk, is_write);
            if (!is_write) {
                memset(buf, 0, chunk);
            }
            res = worst(res, MEMTX_DECODE_ERROR);
        } else {
            MemoryRegion *mr = fr->mr;
            hwaddr off = fr->offset + (addr - fr->start);

            if (mr->type == MR_IO) {
                res = worst(res, io_rw_bytes(mr, off, buf, chunk, is_write));
            } else if (!is_write) {
                memcpy(buf, mr->ram + off, chunk);
            } else if (fr->readonly && !rom_ok) {
                log_readonly_write(mr, off, chunk);
            } else {
                memcpy(mr->ram + off, buf, chunk);
                ram_written(mr, off, chunk);
            }
        }
        buf += chunk;
        len -= chunk;
        if (len && (i128)addr + chunk >= I128_2_64) {
            /* Past the top of the space. */
            unassigned(as, 0, len, is_write);
            if (!is_write) {
                memset(buf, 0, len);
            }
            return worst(res, MEMTX_DECODE_ERROR);
        }
        addr += chunk;
    }
    return res;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf,
                             size_t len, bool is_write)
{
    return as_rw(as, addr, buf, len, is_write, false);
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               size_t len)
{
    return as_rw(as, addr, buf, len, false, false);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                const void *buf, size_t len)
{
    return as_rw(as, addr, (uint8_t *)buf, len, true, false);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, size_t len)
{
    return as_rw(as, addr, (uint8_t *)buf, len, true, true);
}

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write, MemoryRegion **pmr)
{
    const FlatRange *fr = flatview_find(address_space_get_flatview(as), addr);
    hwaddr off;

    if (!fr || !is_ram_like(fr->mr) || !fr->mr->ram ||
        (is_write && fr->readonly)) {
        *plen = 0;
        return NULL;
    }
    if (*plen && fr->last - addr < *plen - 1) {
        *plen = fr->last - addr + 1;
    }
    off = fr->offset + (addr - fr->start);
    if (pmr) {
        *pmr = fr->mr;
    }
    return fr->mr->ram + off;
}

void address_space_unmap(MemoryRegion *mr, void *host, hwaddr access_len,
                         bool is_write)
{
    if (is_write && access_len && mr->ram) {
        ram_written(mr, (uint8_t *)host - mr->ram, access_len);
    }
}

/*
 * A sized access: one region access when it fits in one flat range (so
 * a device sees a single access of the guest's size), else bytes.
 */
static MemTxResult as_access(AddressSpace *as, hwaddr addr, uint64_t *memval,
                             unsigned size, bool is_write)
{
    const FlatRange *fr = flatview_find(address_space_get_flatview(as), addr);
    uint8_t tmp[8];
    MemTxResult r;

    if (fr && fr->last - addr >= size - 1) {
        return region_access(fr->mr, fr->offset + (addr - fr->start), memval,
                             size, is_write, fr->readonly);
    }
    if (is_write) {
        store_le_bytes(tmp, *memval, size);
    }
    r = as_rw(as, addr, tmp, size, is_write, false);
    if (!is_write) {
        *memval = load_le_bytes(tmp, size);
    }
    return r;
}

MemTxResult address_space_ld(AddressSpace *as, hwaddr addr, uint64_t *pval,
                             MemOp op)
{
    unsigned size = 1u << (op & MO_SIZE);
    uint64_t v = 0;
    MemTxResult r;

    if (size > 8) {
        *pval = 0;
        return MEMTX_ERROR;
    }
    r = as_access(as, addr, &v, size, false);
    if (op_big_endian(op)) {
        v = memory_bswap(v, size);
    }
    *pval = sign_extend(v, op);
    return r;
}

MemTxResult address_space_st(AddressSpace *as, hwaddr addr, uint64_t val,
                             MemOp op)
{
    unsigned size = 1u << (op & MO_SIZE);

    if (size > 8) {
        return MEMTX_ERROR;
    }
    val &= size_mask(size);
    if (op_big_endian(op)) {
        val = memory_bswap(val, size);
    }
    return as_access(as, addr, &val, size, true);
}

void mtree_info(FILE *f, bool flatview)
{
    AddressSpace *as;

    for (as = address_spaces; as; as = as->next) {
        if (flatview) {
            flatview_print(f, as);
        } else {
            memory_region_print_tree(f, as);
        }
    }
}
