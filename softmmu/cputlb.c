/*
 * cputlb.c: the soft TLB of system mode (see exec/cputlb.h for the
 * layout and the fast path that generated code inlines).
 *
 * Design:
 * - Per CPU and MMU index, a direct-mapped table of CPUTLBEntry (what
 *   the fast path reads) and a parallel table of CPUTLBEntryFull (what
 *   the slow path needs: physical address, region).  An empty slot has
 *   all three comparators at -1, so no page-aligned address matches.
 * - Sizes adapt at full flushes of an index: a table more than 70% used
 *   since the last flush doubles; one that stayed under 30% over a
 *   window of TLB_RESIZE_WINDOW flushes halves.
 * - Large pages are cached as 4 KiB pieces; the range they cover is
 *   remembered per index so that a flush by page inside it flushes the
 *   whole index (the pieces may sit in any slot).
 * - Pages with translated code: exec/ calls protect_code (tb_sys_ops)
 *   when a physical page gets its first TB; its writable entries get
 *   TLB_NOTDIRTY in every CPU, and entries made later see it in the
 *   code-page set.  A store there invalidates the TBs it overlaps;
 *   when the page has no code left, NOTDIRTY is dropped again.
 * - MMIO (and pages that are not one RAM range) get TLB_MMIO: every
 *   access goes through the memory API with the global lock held.
 * - Masked flushes (an ASID switch, a new table base for one half of
 *   the address space) drop only the entries they select: each index
 *   logs the slots filled since its last flush, and keeps bounds of the
 *   pages (and whether any is TLB_ATTR_NG) of the entries outside the
 *   log, so most masked flushes check a few hundred slots instead of
 *   scanning the table.
 *
 * The slow paths are also the cpu_ld*_mmu / probe_access services
 * helpers use, and the instruction fetch of translators.
 */
#include <glib.h>
#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cputlb.h"
#include "exec/tb.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"

#define TLB_RESIZE_WINDOW 32     /* full flushes before a shrink decision */
#define TLB_LOG_SIZE      512    /* slots a masked flush checks without a scan */
#define TLB_VICTIM_SIZE   8      /* evicted entries kept per index */
#define TLB_WFILTER_BITS  12     /* log2 bits of the writable-page filter */

TLBStats tlb_stats;

struct CPUTLBDesc {
    uint64_t large_page_addr;    /* -1: no large page cached */
    uint64_t large_page_mask;
    size_t n_used;               /* slots filled since the last flush */
    size_t window_max;           /* most slots used in the window */
    unsigned window_flushes;
    CPUTLBEntryFull *fulltlb;
    /*
     * For masked flushes: the slots filled since the last flush or
     * scan (log_n > TLB_LOG_SIZE: too many to list), and bounds of the
     * other entries (AND and OR of their pages, whether any is
     * TLB_ATTR_NG), so a flush that cannot hit those checks the log.
     */
    unsigned log_n;
    uint32_t log[TLB_LOG_SIZE];
    uint64_t old_and, old_or;
    bool old_ng;
    /*
     * The victim TLB: entries a fill of another page pushed out of
     * their slot, probed by the slow path before it asks tlb_fill (a
     * hit swaps the entry back into the table).  Flushes treat them as
     * table entries; vtable[i].addr_* are -1 when slot i is empty.
     */
    unsigned vnext;              /* the slot the next eviction takes */
    bool vused;                  /* some slot may be non-empty */
    CPUTLBEntry vtable[TLB_VICTIM_SIZE];
    CPUTLBEntryFull vfull[TLB_VICTIM_SIZE];
    /*
     * The physical pages (hashed) of writable RAM entries filled since
     * the last flush of the index: tlb_protect_code skips an index
     * whose filter does not have its page.
     */
    uint64_t wfilter[(1u << TLB_WFILTER_BITS) / 64];
};

/* cs->tlb.d points at d[0] of this. */
typedef struct CPUTLBPriv {
    CPUTLBDesc d[NB_MMU_MODES];
    uint64_t fill_addr;          /* the address tlb_fill was asked for */
    bool filling;
    /*
     * AND and OR of the pages of every TLB_ATTR_NG entry inserted since
     * the last flush that dropped them all: the bits where they agree
     * bound which jump-cache entries a flush of them must drop.
     */
    uint64_t ng_and, ng_or;
    MemoryListener listener;     /* flushes when the memory map changes */
} CPUTLBPriv;

/*
 * async_run_on_cpu lives in softmmu/cpus.c; unit tests run without it
 * (every CPU on the caller's thread), hence the weak reference.
 */
extern void async_run_on_cpu(CPUState *cs, run_on_cpu_func fn, void *data)
    __attribute__((weak));
extern CPUState *current_cpu_get(void) __attribute__((weak));

/*
 * Physical pages (page numbers) with translated code; each key is
 * gint64[2]: the page and the stores it took (tlb_notdirty_write).
 */
static pthread_mutex_t tlb_code_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *tlb_code_pages;
/*
 * How many pages of tlb_code_pages hash to each bucket (changed under
 * tlb_code_lock): a zero answers "no code" without the lock, which is
 * what almost every fill of a writable page and most stores ask.
 */
#define TLB_CODE_FILTER_BITS 16
static uint16_t tlb_code_filter[1u << TLB_CODE_FILTER_BITS];

static unsigned tlb_code_filter_hash(uint64_t page)
{
    return (unsigned)((page * 0x9e3779b97f4a7c15ull) >>
                      (64 - TLB_CODE_FILTER_BITS));
}

static unsigned tlb_wfilter_hash(uint64_t phys_page)
{
    return (unsigned)((phys_page * 0x9e3779b97f4a7c15ull) >>
                      (64 - TLB_WFILTER_BITS));
}

static CPUTLBPriv *tlb_priv(CPUState *cs)
{
    return (CPUTLBPriv *)cs->tlb.d;
}

static size_t tlb_n_entries(const CPUTLBDescFast *f)
{
    return (f->mask >> CPU_TLB_ENTRY_BITS) + 1;
}

static CPUTLBEntry *tlb_entry(CPUState *cs, unsigned idx, uint64_t addr)
{
    CPUTLBDescFast *f = &cs->tlb.f[idx];
    uintptr_t i = (addr >> TLB_PAGE_BITS) & (f->mask >> CPU_TLB_ENTRY_BITS);

    return &f->table[i];
}

static CPUTLBEntryFull *tlb_full(CPUState *cs, unsigned idx, CPUTLBEntry *e)
{
    return &cs->tlb.d[idx].fulltlb[e - cs->tlb.f[idx].table];
}

/* Does a comparator match addr's page (flags other than INVALID aside)? */
static bool tlb_hit(uint64_t cmp, uint64_t addr)
{
    return (cmp & (TLB_PAGE_MASK | TLB_INVALID_MASK)) == (addr & TLB_PAGE_MASK);
}

static uint64_t tlb_cmp(const CPUTLBEntry *e, MMUAccessType type)
{
    switch (type) {
    case MMU_DATA_STORE:
        return e->addr_write;
    case MMU_INST_FETCH:
        return e->addr_code;
    default:
        return e->addr_read;
    }
}

static bool tlb_code_page_test(uint64_t page)
{
    bool r;

    if (!__atomic_load_n(&tlb_code_filter[tlb_code_filter_hash(page)],
                         __ATOMIC_SEQ_CST)) {
        return false;
    }
    pthread_mutex_lock(&tlb_code_lock);
    r = tlb_code_pages && g_hash_table_contains(tlb_code_pages, &page);
    pthread_mutex_unlock(&tlb_code_lock);
    return r;
}

/* ------------------------------------------------------- victim TLB */

static bool tlb_entry_empty(const CPUTLBEntry *e)
{
    return e->addr_read == (uint64_t)-1 && e->addr_write == (uint64_t)-1 &&
           e->addr_code == (uint64_t)-1;
}

static void tlb_victim_clear(CPUTLBDesc *d)
{
    if (d->vused) {
        memset(d->vtable, -1, sizeof(d->vtable));
        d->vused = false;
    }
    d->vnext = 0;
}

/* Keep the entry a fill is about to overwrite (e, of index idx). */
static void tlb_victim_save(CPUState *cs, unsigned idx, CPUTLBEntry *e)
{
    CPUTLBDesc *d = &cs->tlb.d[idx];
    unsigned v = d->vnext;

    d->vtable[v] = *e;
    d->vfull[v] = *tlb_full(cs, idx, e);
    d->vnext = (v + 1) % TLB_VICTIM_SIZE;
    d->vused = true;
}

/*
 * A miss in the table: is addr's page, allowing type, in the victim
 * TLB?  Then swap it with the table's entry, which becomes a victim.
 */
static bool tlb_victim_hit(CPUState *cs, unsigned idx, uint64_t addr,
                           MMUAccessType type, CPUTLBEntry *e)
{
    CPUTLBDesc *d = &cs->tlb.d[idx];
    CPUTLBEntry tmp;
    CPUTLBEntryFull tmpf, *full;
    unsigned v;

    if (!d->vused) {
        return false;
    }
    for (v = 0; v < TLB_VICTIM_SIZE; v++) {
        if (tlb_hit(tlb_cmp(&d->vtable[v], type), addr)) {
            break;
        }
    }
    if (v == TLB_VICTIM_SIZE) {
        return false;
    }
    full = tlb_full(cs, idx, e);
    tmp = *e;
    tmpf = *full;
    if (tlb_entry_empty(e)) {
        d->n_used++;
    }
    /* The slot now holds a page a masked flush must see: log it. */
    if (d->log_n < TLB_LOG_SIZE) {
        d->log[d->log_n] = (uint32_t)(e - cs->tlb.f[idx].table);
    }
    if (d->log_n <= TLB_LOG_SIZE) {
        d->log_n++;
    }
    *full = d->vfull[v];
    *e = d->vtable[v];
    d->vtable[v] = tmp;
    d->vfull[v] = tmpf;
    tlb_stats.victim_hits++;
    return true;
}

/* ------------------------------------------------------------ tables */

static void tlb_alloc_table(CPUState *cs, unsigned idx, size_t n)
{
    CPUTLBDescFast *f = &cs->tlb.f[idx];
    CPUTLBDesc *d = &cs->tlb.d[idx];

    free(f->table);
    free(d->fulltlb);
    f->table = malloc(n * sizeof(CPUTLBEntry));
    d->fulltlb = calloc(n, sizeof(CPUTLBEntryFull));
    if (!f->table || !d->fulltlb) {
        fprintf(stderr, "qemu: out of memory for the TLB\n");
        exit(1);
    }
    f->mask = (n - 1) << CPU_TLB_ENTRY_BITS;
    memset(f->table, -1, n * sizeof(CPUTLBEntry));
}

/* Empty one index, resizing it first if its use since the last says so. */
static void tlb_flush_one_mmuidx(CPUState *cs, unsigned idx)
{
    CPUTLBDescFast *f = &cs->tlb.f[idx];
    CPUTLBDesc *d = &cs->tlb.d[idx];
    size_t n = tlb_n_entries(f), new_n = n;

    if (d->n_used > d->window_max) {
        d->window_max = d->n_used;
    }
    d->window_flushes++;
    if (d->n_used * 10 > n * 7 && n < ((size_t)1 << CPU_TLB_DYN_MAX_BITS)) {
        new_n = n * 2;
    } else if (d->window_flushes >= TLB_RESIZE_WINDOW) {
        if (d->window_max * 10 < n * 3 &&
            n > ((size_t)1 << CPU_TLB_DYN_MIN_BITS)) {
            new_n = n / 2;
        }
        d->window_flushes = 0;
        d->window_max = 0;
    }
    if (new_n != n) {
        tlb_alloc_table(cs, idx, new_n);
        d->window_flushes = 0;
        d->window_max = 0;
        tlb_stats.resizes++;
    } else if (d->n_used) {
        memset(f->table, -1, n * sizeof(CPUTLBEntry));
    }
    d->n_used = 0;
    d->log_n = 0;
    d->old_and = ~(uint64_t)0;
    d->old_or = 0;
    d->old_ng = false;
    d->large_page_addr = (uint64_t)-1;
    d->large_page_mask = (uint64_t)-1;
    tlb_victim_clear(d);
    memset(d->wfilter, 0, sizeof(d->wfilter));
}

/* Empty the jump cache: the blocks that may hold entries, and both maps. */
static void tlb_jmp_cache_clear(CPUState *cs)
{
    uint64_t *bmap = tb_jmp_cache_blockmap(cs->tb_jmp_cache);
    unsigned w;

    for (w = 0; w < TB_JMP_BLOCKMAP_WORDS; w++) {
        uint64_t m = bmap[w];

        while (m) {
            unsigned b = w * 64 + __builtin_ctzll(m);

            m &= m - 1;
            memset(&cs->tb_jmp_cache[b * TB_JMP_BLOCK_SIZE], 0,
                   TB_JMP_BLOCK_SIZE * sizeof(CPUJumpCacheEntry));
        }
    }
    /* (a block's bounds restart when its bit is next set) */
    memset(tb_jmp_cache_pagemap(cs->tb_jmp_cache), 0,
           (TB_JMP_PAGEMAP_WORDS + TB_JMP_BLOCKMAP_WORDS) * sizeof(uint64_t));
}

static bool tlb_jmp_page_maybe(CPUState *cs, uint64_t pc)
{
    unsigned h = tb_jmp_page_hash(pc);

    return tb_jmp_cache_pagemap(cs->tb_jmp_cache)[h / 64] & (1ull << (h % 64));
}

/*
 * Drop the entries of [first, first + n) (whole blocks) whose TB may
 * have code in a page dropped: keep(pc page, span) says which survive.
 * skip(and, or), when given, says a block with these bounds has none
 * to drop.  A block scanned gets its bounds anew, or loses its bit when
 * left empty.
 */
typedef bool TLBJmpKeep(uint64_t pc_page, bool span, const void *opaque);
typedef bool TLBJmpSkip(uint64_t b_and, uint64_t b_or, const void *opaque);

static void tlb_jmp_cache_drop(CPUState *cs, unsigned first, unsigned n,
                               TLBJmpKeep *keep, TLBJmpSkip *skip,
                               const void *opaque)
{
    uint64_t *bmap = tb_jmp_cache_blockmap(cs->tb_jmp_cache);
    uint64_t *bounds = tb_jmp_cache_bounds(cs->tb_jmp_cache);
    unsigned w, i;

    /* Groups and the cache are whole words of the block map. */
    _Static_assert(TB_JMP_GROUP_SIZE % (64 * TB_JMP_BLOCK_SIZE) == 0,
                   "a group is whole words of the block map");
    for (w = first / TB_JMP_BLOCK_SIZE / 64;
         w < (first + n) / TB_JMP_BLOCK_SIZE / 64; w++) {
        uint64_t m = bmap[w];

        while (m) {
            unsigned b = w * 64 + __builtin_ctzll(m);
            uint64_t b_and = ~(uint64_t)0, b_or = 0;
            bool kept = false;

            m &= m - 1;
            if (skip && skip(bounds[2 * b], bounds[2 * b + 1], opaque)) {
                continue;
            }
            for (i = b * TB_JMP_BLOCK_SIZE; i < (b + 1) * TB_JMP_BLOCK_SIZE;
                 i++) {
                CPUJumpCacheEntry *e = &cs->tb_jmp_cache[i];
                uint64_t page = e->pc & TLB_PAGE_MASK;

                if (!e->tc_ptr) {
                    continue;
                }
                if (keep(page, e->span, opaque)) {
                    kept = true;
                    b_and &= page;
                    b_or |= page;
                    if (e->span) {
                        b_and &= page + TLB_PAGE_SIZE;
                        b_or |= page + TLB_PAGE_SIZE;
                    }
                } else {
                    __atomic_store_n(&e->tc_ptr, NULL, __ATOMIC_RELEASE);
                }
            }
            if (!kept) {
                bmap[w] &= ~(1ull << (b % 64));
            } else {
                bounds[2 * b] = b_and;
                bounds[2 * b + 1] = b_or;
            }
        }
    }
}

/* A page flush: page and vmask of it. */
typedef struct TLBJmpPage {
    uint64_t page, vmask;
} TLBJmpPage;

static bool tlb_jmp_keep_page(uint64_t pc_page, bool span, const void *opaque)
{
    const TLBJmpPage *p = opaque;
    uint64_t pg = pc_page & p->vmask;

    /* A TB may start on the page before and run into this one. */
    return pg != p->page &&
           !(span && ((pc_page + TLB_PAGE_SIZE) & p->vmask) == p->page);
}

/* Drop the jump-cache entries of TBs that may have code in addr's page. */
static void tlb_jmp_cache_clear_page(CPUState *cs, uint64_t addr,
                                     uint64_t vmask)
{
    TLBJmpPage p = { addr & TLB_PAGE_MASK & vmask, vmask };
    unsigned g = tb_jmp_cache_group(addr);
    unsigned gp = tb_jmp_cache_group(addr - TLB_PAGE_SIZE);

    /* The maps and groups hash bits 12..47: usable when those count. */
    if ((vmask | ~(((uint64_t)1 << 48) - 1)) != ~(uint64_t)0) {
        tlb_jmp_cache_drop(cs, 0, TB_JMP_CACHE_SIZE, tlb_jmp_keep_page, NULL,
                           &p);
        return;
    }
    /* (one check of the group covers both pages when they share it) */
    if (tlb_jmp_page_maybe(cs, addr) ||
        (gp == g && tlb_jmp_page_maybe(cs, addr - TLB_PAGE_SIZE))) {
        tlb_jmp_cache_drop(cs, g, TB_JMP_GROUP_SIZE, tlb_jmp_keep_page, NULL,
                           &p);
    }
    if (gp != g && tlb_jmp_page_maybe(cs, addr - TLB_PAGE_SIZE)) {
        tlb_jmp_cache_drop(cs, gp, TB_JMP_GROUP_SIZE, tlb_jmp_keep_page, NULL,
                           &p);
    }
}

/* ---------------------------------------------------------- life cycle */

static void tlb_ram_written(void *opaque, MemoryRegion *mr, hwaddr addr,
                            uint64_t len);
typedef struct TLBFlushReq TLBFlushReq;
static void tlb_flush_req_do(CPUState *cs, void *data);
static void tlb_flush_on_cpu(CPUState *src, CPUState *cs,
                             const TLBFlushReq *req);

/* The address space's map changed: cached host pointers may be stale. */
static void tlb_map_changed(MemoryListener *l, AddressSpace *as,
                            FlatView *old_view, FlatView *new_view)
{
    CPUState *cs = l->opaque;

    (void)as;
    (void)new_view;
    if (old_view) {
        tlb_flush_on_cpu(current_cpu_get ? current_cpu_get() : NULL, cs,
                         NULL);
    }
}

static uint64_t tlb_sys_code_phys(CPUState *cs, uint64_t pc, void **hostp,
                                  bool probe);
static void tlb_sys_code_read(CPUState *cs, uint64_t pc, void *dest,
                              size_t len);
static void tlb_sys_protect_code(uint64_t phys_page_addr);

static const TBSysOps tlb_sys_ops = {
    .code_phys = tlb_sys_code_phys,
    .code_read = tlb_sys_code_read,
    .protect_code = tlb_sys_protect_code,
};

intptr_t tlb_fast_offset(unsigned mmu_idx)
{
    return (intptr_t)offsetof(CPUState, tlb.f) +
           (intptr_t)(mmu_idx * sizeof(CPUTLBDescFast)) - cpu_env_offset;
}

void tlb_init(CPUState *cs, AddressSpace *as)
{
    CPUTLBPriv *p = calloc(1, sizeof(*p));
    unsigned i;

    if (!p) {
        fprintf(stderr, "qemu: out of memory for the TLB\n");
        exit(1);
    }
    cs->as = as;
    cs->tlb.d = p->d;
    if (as) {
        p->listener.commit = tlb_map_changed;
        p->listener.opaque = cs;
        memory_listener_register(&p->listener, as);
    }
    for (i = 0; i < NB_MMU_MODES; i++) {
        cs->tlb.f[i].table = NULL;
        tlb_alloc_table(cs, i, (size_t)1 << CPU_TLB_DYN_DEFAULT_BITS);
        p->d[i].large_page_addr = (uint64_t)-1;
        p->d[i].large_page_mask = (uint64_t)-1;
        p->d[i].old_and = ~(uint64_t)0;
        memset(p->d[i].vtable, -1, sizeof(p->d[i].vtable));
    }
    p->ng_and = ~(uint64_t)0;
    p->ng_or = 0;
    pthread_mutex_lock(&tlb_code_lock);
    if (!tlb_code_pages) {
        tlb_code_pages = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                               g_free, NULL);
    }
    pthread_mutex_unlock(&tlb_code_lock);

    /* The generated code's slow paths, and exec/'s view of the TLB. */
    tcg_softmmu_helpers.ld[MO_8] = helper_ldub_mmu;
    tcg_softmmu_helpers.ld[MO_16] = helper_lduw_mmu;
    tcg_softmmu_helpers.ld[MO_32] = helper_ldul_mmu;
    tcg_softmmu_helpers.ld[MO_64] = helper_ldq_mmu;
    tcg_softmmu_helpers.st[MO_8] = helper_stb_mmu;
    tcg_softmmu_helpers.st[MO_16] = helper_stw_mmu;
    tcg_softmmu_helpers.st[MO_32] = helper_stl_mmu;
    tcg_softmmu_helpers.st[MO_64] = helper_stq_mmu;
    tb_sys_ops = &tlb_sys_ops;
    memory_set_ram_write_hook(tlb_ram_written, NULL);
}

void tlb_destroy(CPUState *cs)
{
    unsigned i;

    if (!cs->tlb.d) {
        return;
    }
    if (cs->as) {
        memory_listener_unregister(&tlb_priv(cs)->listener, cs->as);
    }
    for (i = 0; i < NB_MMU_MODES; i++) {
        free(cs->tlb.f[i].table);
        free(cs->tlb.d[i].fulltlb);
        cs->tlb.f[i].table = NULL;
        cs->tlb.f[i].mask = 0;
    }
    free(tlb_priv(cs));
    cs->tlb.d = NULL;
}

/* ------------------------------------------------------------ filling */

static uint64_t tlb_entry_page(const CPUTLBEntry *e);

void tlb_set_page(CPUState *cs, uint64_t vaddr, uint64_t paddr, int prot,
                  unsigned mmu_idx, unsigned lg_page_size, uint32_t attrs)
{
    CPUTLBPriv *priv = tlb_priv(cs);
    CPUTLBDesc *d;
    CPUTLBEntry *e;
    CPUTLBEntryFull *full;
    MemoryRegionSection sec;
    uint64_t size, vbase, pbase, off, page, ppage, flags = 0;
    bool ram;

    if (mmu_idx >= NB_MMU_MODES || !priv) {
        return;
    }
    if (lg_page_size < TLB_PAGE_BITS || lg_page_size > 63) {
        lg_page_size = TLB_PAGE_BITS;
    }
    d = &cs->tlb.d[mmu_idx];
    size = (uint64_t)1 << lg_page_size;
    vbase = vaddr & ~(size - 1);
    pbase = paddr & ~(size - 1);
    /*
     * The 4 KiB piece: the one tlb_fill was asked for when it lies in
     * this page, else the one vaddr names (callers may pass either the
     * large page's base or the exact page).
     */
    if (priv->filling && (priv->fill_addr & ~(size - 1)) == vbase) {
        off = priv->fill_addr & (size - 1) & TLB_PAGE_MASK;
    } else {
        off = vaddr & (size - 1) & TLB_PAGE_MASK;
    }
    page = vbase + off;
    ppage = pbase + off;
    if (size > TLB_PAGE_SIZE) {
        if (d->large_page_addr == (uint64_t)-1) {
            d->large_page_addr = vbase;
            d->large_page_mask = ~(size - 1);
        } else {
            uint64_t mask = d->large_page_mask & ~(size - 1);

            while (mask && ((d->large_page_addr ^ vbase) & mask)) {
                mask <<= 1;
            }
            d->large_page_mask = mask;
            d->large_page_addr &= mask;
        }
    }

    e = tlb_entry(cs, mmu_idx, page);
    full = tlb_full(cs, mmu_idx, e);
    if (tlb_entry_empty(e)) {
        d->n_used++;
    } else if (tlb_entry_page(e) != page) {
        tlb_victim_save(cs, mmu_idx, e);
    }
    if (d->log_n < TLB_LOG_SIZE) {
        d->log[d->log_n] = (uint32_t)(e - cs->tlb.f[mmu_idx].table);
    }
    if (d->log_n <= TLB_LOG_SIZE) {
        d->log_n++;
    }
    tlb_stats.fills++;

    memset(&sec, 0, sizeof(sec));
    ram = cs->as && address_space_lookup(cs->as, ppage, &sec) && sec.host &&
          sec.start <= ppage && sec.last >= ppage + TLB_PAGE_SIZE - 1;
    if (!ram) {
        /* I/O, a hole, or a page split between ranges: all slow. */
        flags = TLB_MMIO;
        if (!(sec.mr && !sec.host && sec.start <= ppage &&
              sec.last >= ppage + TLB_PAGE_SIZE - 1)) {
            sec.mr = NULL;      /* go through the address space */
        }
        e->addend = 0;
    } else {
        e->addend = (uintptr_t)sec.host - (uintptr_t)page;
    }
    if (attrs & TLB_ATTR_NG) {
        priv->ng_and &= page;
        priv->ng_or |= page;
    }
    full->phys_addr = ppage;
    full->mr = sec.mr;
    full->mr_offset = sec.offset;
    full->prot = prot;
    full->lg_page_size = lg_page_size;
    full->attrs = attrs;

    e->addr_read = (prot & PAGE_READ) ? page | flags : (uint64_t)-1;
    e->addr_code = (prot & PAGE_EXEC) ? page | flags : (uint64_t)-1;
    if (prot & PAGE_WRITE) {
        uint64_t w = page | flags;
        unsigned h = tlb_wfilter_hash(ppage >> TLB_PAGE_BITS);

        d->wfilter[h / 64] |= 1ull << (h % 64);
        if (ram && sec.readonly) {
            w |= TLB_DISCARD_WRITE;
        } else if (ram && (sec.dirty_log_mask ||
                           tlb_code_page_test(ppage >> TLB_PAGE_BITS))) {
            w |= TLB_NOTDIRTY;
        }
        e->addr_write = w;
    } else {
        e->addr_write = (uint64_t)-1;
    }
}

/*
 * Make sure the entry for addr in mmu_idx allows type, filling it; false
 * if tlb_fill could not (only when probe).
 */
static bool tlb_fill_entry(CPUState *cs, uint64_t addr, int size,
                           MMUAccessType type, unsigned mmu_idx, bool probe,
                           uintptr_t ra, CPUTLBEntry **pe)
{
    CPUTLBPriv *priv = tlb_priv(cs);
    CPUTLBEntry *e = tlb_entry(cs, mmu_idx, addr);
    bool ok;

    if (tlb_hit(tlb_cmp(e, type), addr) ||
        tlb_victim_hit(cs, mmu_idx, addr, type, e)) {
        *pe = e;
        return true;
    }
    if (!cs->cc->tlb_fill) {
        return false;
    }
    priv->fill_addr = addr;
    priv->filling = true;
    ok = cs->cc->tlb_fill(cs, addr, size, type, mmu_idx, probe, ra);
    priv->filling = false;
    if (!ok) {
        return false;
    }
    /* The table may have been resized by a flush inside tlb_fill. */
    e = tlb_entry(cs, mmu_idx, addr);
    if (!tlb_hit(tlb_cmp(e, type), addr)) {
        qemu_log_mask(LOG_GUEST_ERROR, "tlb: fill of 0x%" PRIx64
                      " (mmu_idx %u) gave no entry\n", addr, mmu_idx);
        return false;
    }
    *pe = e;
    return true;
}

/* ---------------------------------------------------------- code pages */

static void tlb_set_notdirty_one(CPUTLBEntry *e, const CPUTLBEntryFull *full,
                                 uint64_t phys_page, bool set)
{
    uint64_t w = e->addr_write;

    if (w == (uint64_t)-1 || (w & (TLB_MMIO | TLB_DISCARD_WRITE)) ||
        (full->phys_addr >> TLB_PAGE_BITS) != phys_page) {
        return;
    }
    if (set) {
        w |= TLB_NOTDIRTY;
    } else if (!(full->mr && full->mr->dirty_log_mask)) {
        w &= ~(uint64_t)TLB_NOTDIRTY;
    }
    __atomic_store_n(&e->addr_write, w, __ATOMIC_RELEASE);
}

static void tlb_set_notdirty_all(uint64_t phys_page, bool set)
{
    unsigned h = tlb_wfilter_hash(phys_page);
    int c;
    unsigned i;
    size_t j;

    for (c = 0; c < cpu_count; c++) {
        CPUState *cs = cpu_list[c];

        if (!cs->tlb.d) {
            continue;
        }
        for (i = 0; i < NB_MMU_MODES; i++) {
            CPUTLBDescFast *f = &cs->tlb.f[i];
            CPUTLBDesc *d = &cs->tlb.d[i];
            size_t n = tlb_n_entries(f);

            if (!(d->wfilter[h / 64] & (1ull << (h % 64)))) {
                continue;   /* no writable entry of the page since a flush */
            }
            if (d->vused) {
                for (j = 0; j < TLB_VICTIM_SIZE; j++) {
                    tlb_set_notdirty_one(&d->vtable[j], &d->vfull[j],
                                         phys_page, set);
                }
            }
            if (!d->n_used) {
                continue;
            }
            for (j = 0; j < n; j++) {
                tlb_set_notdirty_one(&f->table[j], &d->fulltlb[j], phys_page,
                                     set);
            }
        }
    }
}

void tlb_protect_code(uint64_t phys_page)
{
    uint64_t page = phys_page >> TLB_PAGE_BITS;
    bool added = false;

    pthread_mutex_lock(&tlb_code_lock);
    if (!tlb_code_pages) {
        tlb_code_pages = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                               g_free, NULL);
    }
    if (!g_hash_table_contains(tlb_code_pages, &page)) {
        gint64 *k = g_new0(gint64, 2);  /* page, stores seen */

        *k = page;
        g_hash_table_add(tlb_code_pages, k);
        __atomic_add_fetch(&tlb_code_filter[tlb_code_filter_hash(page)], 1,
                           __ATOMIC_SEQ_CST);
        added = true;
    }
    pthread_mutex_unlock(&tlb_code_lock);
    if (added) {
        tlb_set_notdirty_all(page, true);
    }
}

void tlb_unprotect_code(uint64_t phys_page)
{
    uint64_t page = phys_page >> TLB_PAGE_BITS;
    bool removed;

    pthread_mutex_lock(&tlb_code_lock);
    removed = tlb_code_pages && g_hash_table_remove(tlb_code_pages, &page);
    if (removed) {
        __atomic_sub_fetch(&tlb_code_filter[tlb_code_filter_hash(page)], 1,
                           __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&tlb_code_lock);
    if (removed) {
        tlb_set_notdirty_all(page, false);
    }
}

static void tlb_sys_protect_code(uint64_t phys_page_addr)
{
    tlb_protect_code(phys_page_addr);
}

/* A store to [phys, phys + len) of a page marked NOTDIRTY. */
/*
 * Stores a code page may take, each invalidating the TBs it overlaps,
 * before the next one drops every TB of the page (so stores there run
 * fast again): a page of code being overwritten (freed init code, a
 * page reused for data) would otherwise take one slow store per word.
 */
#define TLB_CODE_WRITES_MAX 64

/* Count a store to a code page: false when the page has no code. */
static bool tlb_code_page_written(uint64_t page, unsigned *count)
{
    gint64 *kv;
    bool r = false;

    if (!__atomic_load_n(&tlb_code_filter[tlb_code_filter_hash(page)],
                         __ATOMIC_SEQ_CST)) {
        return false;
    }
    pthread_mutex_lock(&tlb_code_lock);
    kv = tlb_code_pages ? g_hash_table_lookup(tlb_code_pages, &page) : NULL;
    if (kv) {
        *count = (unsigned)++kv[1];
        r = true;
    }
    pthread_mutex_unlock(&tlb_code_lock);
    return r;
}

static void tlb_notdirty_write(CPUTLBEntryFull *full, uint64_t phys,
                               unsigned len)
{
    uint64_t page = phys & TLB_PAGE_MASK;
    unsigned count = 0;

    if (tlb_code_page_written(page >> TLB_PAGE_BITS, &count)) {
        if (count > TLB_CODE_WRITES_MAX) {
            tb_invalidate_phys_range(page, page + TLB_PAGE_SIZE);
        } else {
            tb_invalidate_phys_range(phys, phys + len);
        }
        tlb_stats.code_invalidations++;
        if (!tb_page_has_code(page)) {
            tlb_unprotect_code(page);
        }
    }
    if (full->mr && full->mr->dirty_log_mask) {
        memory_region_set_dirty(full->mr, full->mr_offset +
                                (phys - full->phys_addr), len);
    }
}

/* DMA and other memory-API writes into RAM: drop the code they hit. */
static void tlb_ram_written(void *opaque, MemoryRegion *mr, hwaddr addr,
                            uint64_t len)
{
    FlatView *fv;
    unsigned i;

    (void)opaque;
    if (len == 0 || cpu_count == 0 || !cpu_list[0]->as) {
        return;
    }
    pthread_mutex_lock(&tlb_code_lock);
    i = tlb_code_pages ? g_hash_table_size(tlb_code_pages) : 0;
    pthread_mutex_unlock(&tlb_code_lock);
    if (i == 0) {
        return;
    }
    fv = address_space_get_flatview(cpu_list[0]->as);
    for (i = 0; i < fv->nr; i++) {
        const FlatRange *fr = &fv->ranges[i];
        uint64_t rlen = fr->last - fr->start + 1;
        uint64_t s, e, p;

        if (fr->mr != mr || addr + len <= fr->offset ||
            addr >= fr->offset + rlen) {
            continue;
        }
        s = addr > fr->offset ? addr : fr->offset;
        e = addr + len < fr->offset + rlen ? addr + len : fr->offset + rlen;
        s = fr->start + (s - fr->offset);
        e = fr->start + (e - fr->offset);
        for (p = s & TLB_PAGE_MASK; p < e; p += TLB_PAGE_SIZE) {
            if (tlb_code_page_test(p >> TLB_PAGE_BITS)) {
                uint64_t a = p > s ? p : s;
                uint64_t b = p + TLB_PAGE_SIZE < e ? p + TLB_PAGE_SIZE : e;

                tb_invalidate_phys_range(a, b);
                tlb_stats.code_invalidations++;
            }
        }
    }
}

/* ------------------------------------------------------------ flushes */

/* A flush queued to another CPU's thread. */
struct TLBFlushReq {
    uint64_t addr;              /* the page, or va_mask of a masked flush */
    uint64_t match;             /* va_match of a masked flush */
    uint16_t idxmap;
    uint8_t bits;
    bool page;
    bool ng;
};

/*
 * Every TLB_ATTR_NG entry of the indexes in idxmap is gone: when no
 * other index holds entries, restart the ng page bounds.
 */
static void tlb_ng_flushed(CPUState *cs, uint16_t idxmap)
{
    CPUTLBPriv *priv = tlb_priv(cs);
    unsigned i;

    for (i = 0; i < NB_MMU_MODES; i++) {
        if (!(idxmap & (1u << i)) &&
            (cs->tlb.d[i].n_used || cs->tlb.d[i].vused)) {
            return;
        }
    }
    priv->ng_and = ~(uint64_t)0;
    priv->ng_or = 0;
}

void tlb_flush_by_mmuidx(CPUState *cs, uint16_t idxmap)
{
    unsigned i;

    if (!cs->tlb.d) {
        return;
    }
    for (i = 0; i < NB_MMU_MODES; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_one_mmuidx(cs, i);
        }
    }
    tlb_ng_flushed(cs, idxmap);
    tlb_jmp_cache_clear(cs);
    tlb_stats.flushes_full++;
}

/* The page an entry maps (-1 for an empty one). */
static uint64_t tlb_entry_page(const CPUTLBEntry *e)
{
    if (e->addr_read != (uint64_t)-1) {
        return e->addr_read & TLB_PAGE_MASK;
    }
    if (e->addr_write != (uint64_t)-1) {
        return e->addr_write & TLB_PAGE_MASK;
    }
    if (e->addr_code != (uint64_t)-1) {
        return e->addr_code & TLB_PAGE_MASK;
    }
    return (uint64_t)-1;
}

/* A masked flush, for the jump cache. */
typedef struct TLBJmpMasked {
    uint64_t va_mask, va_match;
    bool ng_any;
    uint64_t ng_common, ng_page;
} TLBJmpMasked;

static bool tlb_jmp_keep_masked(uint64_t pc, bool span, const void *opaque)
{
    const TLBJmpMasked *m = opaque;

    /* A TB may start on the page before the one dropped. */
    return !((m->va_mask &&
              ((pc & m->va_mask) == m->va_match ||
               (span &&
                ((pc + TLB_PAGE_SIZE) & m->va_mask) == m->va_match))) ||
             (m->ng_any &&
              ((pc & m->ng_common) == m->ng_page ||
               (span &&
                ((pc + TLB_PAGE_SIZE) & m->ng_common) == m->ng_page))));
}

/* Can no address within these bounds match (addr & mask) == match? */
static bool tlb_bounds_miss(uint64_t b_and, uint64_t b_or, uint64_t mask,
                            uint64_t match)
{
    return ((b_or ^ match) & mask & ~(b_and ^ b_or)) != 0;
}

static bool tlb_jmp_skip_masked(uint64_t b_and, uint64_t b_or,
                                const void *opaque)
{
    const TLBJmpMasked *m = opaque;

    return (!m->va_mask ||
            tlb_bounds_miss(b_and, b_or, m->va_mask, m->va_match)) &&
           (!m->ng_any ||
            tlb_bounds_miss(b_and, b_or, m->ng_common, m->ng_page));
}

void tlb_flush_masked_by_mmuidx(CPUState *cs, uint16_t idxmap,
                                uint64_t va_mask, uint64_t va_match, bool ng)
{
    CPUTLBPriv *priv = tlb_priv(cs);
    uint64_t ng_common = 0, ng_page = 0;
    bool ng_any;
    unsigned i;
    size_t j;

    if (!priv) {
        return;
    }
    va_match &= va_mask;
    ng_any = ng && priv->ng_or != 0;
    if (ng_any) {
        ng_common = ~(priv->ng_and ^ priv->ng_or) & TLB_PAGE_MASK;
        ng_page = priv->ng_or & ng_common;
    }
    for (i = 0; i < NB_MMU_MODES; i++) {
        CPUTLBDescFast *f = &cs->tlb.f[i];
        CPUTLBDesc *d = &cs->tlb.d[i];
        size_t n = tlb_n_entries(f), cnt;
        bool scan;

        if (!(idxmap & (1u << i))) {
            continue;
        }
        if (d->vused) {
            for (j = 0; j < TLB_VICTIM_SIZE; j++) {
                uint64_t page = tlb_entry_page(&d->vtable[j]);

                if (page != (uint64_t)-1 &&
                    ((va_mask && (page & va_mask) == va_match) ||
                     (ng && (d->vfull[j].attrs & TLB_ATTR_NG)))) {
                    memset(&d->vtable[j], -1, sizeof(d->vtable[j]));
                }
            }
        }
        if (!d->n_used) {
            continue;
        }
        /* May an entry outside the log be hit? Then scan the table. */
        scan = d->log_n > TLB_LOG_SIZE;
        if (!scan && !(d->old_and & ~d->old_or)) {
            uint64_t fixed = ~(d->old_and ^ d->old_or);

            scan = (ng && d->old_ng) ||
                   (va_mask && !((d->old_or ^ va_match) & va_mask & fixed));
        }
        if (scan) {
            d->old_and = ~(uint64_t)0;
            d->old_or = 0;
            d->old_ng = false;
            cnt = n;
        } else {
            cnt = d->log_n;
        }
        for (j = 0; j < cnt; j++) {
            size_t k = scan ? j : d->log[j];
            CPUTLBEntry *e = &f->table[k];
            uint64_t page = tlb_entry_page(e);
            bool e_ng = d->fulltlb[k].attrs & TLB_ATTR_NG;

            if (page == (uint64_t)-1) {
                continue;
            }
            if ((va_mask && (page & va_mask) == va_match) || (ng && e_ng)) {
                memset(e, -1, sizeof(*e));
                if (d->n_used) {
                    d->n_used--;
                }
            } else {
                d->old_and &= page;
                d->old_or |= page;
                d->old_ng |= e_ng;
            }
        }
        d->log_n = 0;
    }
    if (ng) {
        tlb_ng_flushed(cs, idxmap);
    }
    /* The jump cache: TBs whose pc may lie in a page just dropped. */
    if (va_mask || ng_any) {
        TLBJmpMasked m = { va_mask, va_match, ng_any, ng_common, ng_page };

        tlb_jmp_cache_drop(cs, 0, TB_JMP_CACHE_SIZE, tlb_jmp_keep_masked,
                           tlb_jmp_skip_masked, &m);
    }
    tlb_stats.flushes_masked++;
}

static void tlb_flush_masked_req(CPUState *cs, void *data)
{
    TLBFlushReq *r = data;

    tlb_flush_masked_by_mmuidx(cs, r->idxmap, r->addr, r->match, r->ng);
    g_free(r);
}

void tlb_flush_masked_by_mmuidx_all_cpus_synced(CPUState *src,
                                                uint16_t idxmap,
                                                uint64_t va_mask,
                                                uint64_t va_match, bool ng)
{
    TLBFlushReq r = { .addr = va_mask, .match = va_match, .idxmap = idxmap,
                      .ng = ng };
    int c;

    for (c = 0; c < cpu_count; c++) {
        CPUState *cs = cpu_list[c];
        void *data = g_memdup2(&r, sizeof(r));

        if (cs != src && __atomic_load_n(&cs->running, __ATOMIC_SEQ_CST) &&
            async_run_on_cpu) {
            async_run_on_cpu(cs, tlb_flush_masked_req, data);
        } else {
            tlb_flush_masked_req(cs, data);
        }
    }
}

void tlb_flush(CPUState *cs)
{
    tlb_flush_by_mmuidx(cs, (1u << NB_MMU_MODES) - 1);
}

/* Empty e if it maps page (both compared under vmask). */
static void tlb_drop_if_page(CPUTLBEntry *e, uint64_t page, uint64_t vmask)
{
    if ((e->addr_read != (uint64_t)-1 &&
         (e->addr_read & TLB_PAGE_MASK & vmask) == page) ||
        (e->addr_write != (uint64_t)-1 &&
         (e->addr_write & TLB_PAGE_MASK & vmask) == page) ||
        (e->addr_code != (uint64_t)-1 &&
         (e->addr_code & TLB_PAGE_MASK & vmask) == page)) {
        memset(e, -1, sizeof(*e));
    }
}

void tlb_flush_page_bits_by_mmuidx(CPUState *cs, uint64_t addr,
                                   uint16_t idxmap, unsigned bits)
{
    uint64_t vmask = bits >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1;
    uint64_t page = addr & TLB_PAGE_MASK & vmask;
    unsigned i;
    bool large = false;

    if (!cs->tlb.d) {
        return;
    }
    for (i = 0; i < NB_MMU_MODES; i++) {
        CPUTLBDesc *d = &cs->tlb.d[i];

        if (!(idxmap & (1u << i))) {
            continue;
        }
        if (d->large_page_addr != (uint64_t)-1 &&
            ((addr ^ d->large_page_addr) & d->large_page_mask & vmask) == 0) {
            tlb_flush_one_mmuidx(cs, i);
            tlb_stats.flushes_large++;
            large = true;
            continue;
        }
        /* Addresses differing only above `bits` share the slot. */
        tlb_drop_if_page(tlb_entry(cs, i, addr), page, vmask);
        if (d->vused) {
            unsigned v;

            for (v = 0; v < TLB_VICTIM_SIZE; v++) {
                tlb_drop_if_page(&d->vtable[v], page, vmask);
            }
        }
    }
    if (large) {
        /* Code anywhere in the large page may have changed mapping. */
        tlb_jmp_cache_clear(cs);
    } else {
        tlb_jmp_cache_clear_page(cs, addr, vmask);
    }
    tlb_stats.flushes_page++;
}

void tlb_flush_page_by_mmuidx(CPUState *cs, uint64_t addr, uint16_t idxmap)
{
    tlb_flush_page_bits_by_mmuidx(cs, addr, idxmap, 64);
}

void tlb_flush_page(CPUState *cs, uint64_t addr)
{
    tlb_flush_page_bits_by_mmuidx(cs, addr, (1u << NB_MMU_MODES) - 1, 64);
}


static void tlb_flush_req_do(CPUState *cs, void *data)
{
    TLBFlushReq *r = data;

    if (!r) {
        tlb_flush(cs);
    } else if (r->page) {
        tlb_flush_page_bits_by_mmuidx(cs, r->addr, r->idxmap, r->bits);
    } else {
        tlb_flush_by_mmuidx(cs, r->idxmap);
    }
    g_free(r);
}

/* Flush cs (req NULL: all) from src's thread (NULL: not a vCPU). */
static void tlb_flush_on_cpu(CPUState *src, CPUState *cs,
                             const TLBFlushReq *req)
{
    void *data = req ? g_memdup2(req, sizeof(*req)) : NULL;

    if (cs != src && __atomic_load_n(&cs->running, __ATOMIC_SEQ_CST) &&
        async_run_on_cpu) {
        /* Possibly in generated code on its own thread: queue it. */
        async_run_on_cpu(cs, tlb_flush_req_do, data);
    } else {
        tlb_flush_req_do(cs, data);
    }
}

static void tlb_flush_all_cpus(CPUState *src, const TLBFlushReq *req)
{
    int c;

    for (c = 0; c < cpu_count; c++) {
        tlb_flush_on_cpu(src, cpu_list[c], req);
    }
}

void tlb_flush_all_cpus_synced(CPUState *src)
{
    TLBFlushReq r = { .idxmap = (1u << NB_MMU_MODES) - 1 };

    tlb_flush_all_cpus(src, &r);
}

void tlb_flush_by_mmuidx_all_cpus_synced(CPUState *src, uint16_t idxmap)
{
    TLBFlushReq r = { .idxmap = idxmap };

    tlb_flush_all_cpus(src, &r);
}

void tlb_flush_page_by_mmuidx_all_cpus_synced(CPUState *src, uint64_t addr,
                                              uint16_t idxmap)
{
    TLBFlushReq r = { .addr = addr, .idxmap = idxmap, .bits = 64,
                      .page = true };

    tlb_flush_all_cpus(src, &r);
}

void tlb_flush_page_bits_by_mmuidx_all_cpus_synced(CPUState *src,
                                                   uint64_t addr,
                                                   uint16_t idxmap,
                                                   unsigned bits)
{
    TLBFlushReq r = { .addr = addr, .idxmap = idxmap,
                      .bits = bits > 64 ? 64 : bits, .page = true };

    tlb_flush_all_cpus(src, &r);
}

/* --------------------------------------------------------- slow paths */

static uint64_t tlb_io_read(CPUState *cs, CPUTLBEntryFull *full,
                            uint64_t addr, MemOp op)
{
    uint64_t off = addr & ~TLB_PAGE_MASK;
    uint64_t v = 0;
    bool locked = bql_locked();

    if (!locked) {
        bql_lock();
    }
    if (full->mr) {
        memory_region_dispatch_read(full->mr, full->mr_offset + off, &v,
                                    op & (MO_SIZE | MO_BSWAP));
    } else {
        address_space_ld(cs->as, full->phys_addr + off, &v,
                         op & (MO_SIZE | MO_BSWAP));
    }
    if (!locked) {
        bql_unlock();
    }
    tlb_stats.mmio_loads++;
    return v;
}

static void tlb_io_write(CPUState *cs, CPUTLBEntryFull *full, uint64_t addr,
                         uint64_t val, MemOp op)
{
    uint64_t off = addr & ~TLB_PAGE_MASK;
    bool locked = bql_locked();

    if (!locked) {
        bql_lock();
    }
    if (full->mr) {
        memory_region_dispatch_write(full->mr, full->mr_offset + off, val,
                                     op & (MO_SIZE | MO_BSWAP));
    } else {
        address_space_st(cs->as, full->phys_addr + off, val,
                         op & (MO_SIZE | MO_BSWAP));
    }
    if (!locked) {
        bql_unlock();
    }
    tlb_stats.mmio_stores++;
}

static void tlb_check_align(CPUState *cs, uint64_t addr, MemOpIdx oi,
                            uintptr_t ra)
{
    unsigned a = memop_alignment(get_memop(oi));

    if (a > 1 && (addr & (a - 1)) && tcg_ctx->unaligned_helper) {
        tcg_ctx->unaligned_helper(cs->env_ptr, addr, oi, ra);
    }
}

/* A load within one page, value in op's byte order, zero-extended. */
static uint64_t tlb_load_page(CPUState *cs, uint64_t addr, MemOp op,
                              unsigned mmu_idx, MMUAccessType type,
                              uintptr_t ra)
{
    unsigned size = memop_size(op);
    CPUTLBEntry *e;
    uint64_t cmp, v = 0;

    if (!tlb_fill_entry(cs, addr, size, type, mmu_idx, false, ra, &e)) {
        return 0;
    }
    cmp = tlb_cmp(e, type);
    if (cmp & TLB_MMIO) {
        return tlb_io_read(cs, tlb_full(cs, mmu_idx, e), addr, op);
    }
    memcpy(&v, (void *)(uintptr_t)(addr + e->addend), size);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v >>= 64 - 8 * size;
#endif
    if (op & MO_BSWAP) {
        v = memory_bswap(v, size);
    }
    return v;
}

static uint64_t tlb_do_load(CPUState *cs, uint64_t addr, MemOpIdx oi,
                            uintptr_t ra, MMUAccessType type)
{
    MemOp op = get_memop(oi);
    unsigned size = memop_size(op), mmu_idx = get_mmuidx(oi), i;
    uint64_t v = 0;
    uint8_t b[8];

    if (mmu_idx >= NB_MMU_MODES || size > 8) {
        qemu_log_mask(LOG_GUEST_ERROR, "tlb: bad load op 0x%x\n", oi);
        return 0;
    }
    if (type != MMU_INST_FETCH) {
        tlb_stats.slow_loads++;
        tlb_check_align(cs, addr, oi, ra);
    }
    if ((addr & ~TLB_PAGE_MASK) + size <= TLB_PAGE_SIZE) {
        return tlb_load_page(cs, addr, op, mmu_idx, type, ra);
    }
    /* Across two pages: byte by byte, in address order. */
    for (i = 0; i < size; i++) {
        b[i] = tlb_load_page(cs, addr + i, MO_8, mmu_idx, type, ra);
    }
    for (i = 0; i < size; i++) {
        unsigned k = (op & MO_BSWAP) ? i : size - 1 - i;

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        k = size - 1 - k;
#endif
        v = v << 8 | b[k];
    }
    return v;
}

/* A store within one page. */
static void tlb_store_page(CPUState *cs, uint64_t addr, uint64_t val,
                           MemOp op, unsigned mmu_idx, uintptr_t ra)
{
    unsigned size = memop_size(op);
    CPUTLBEntry *e;
    CPUTLBEntryFull *full;
    uint64_t cmp;

    if (!tlb_fill_entry(cs, addr, size, MMU_DATA_STORE, mmu_idx, false, ra,
                        &e)) {
        return;
    }
    cmp = e->addr_write;
    full = tlb_full(cs, mmu_idx, e);
    if (cmp & TLB_MMIO) {
        tlb_io_write(cs, full, addr, val, op);
        return;
    }
    if (cmp & TLB_DISCARD_WRITE) {
        qemu_log_mask(LOG_GUEST_ERROR, "tlb: write to ROM at 0x%" PRIx64
                      " ignored\n", full->phys_addr + (addr & ~TLB_PAGE_MASK));
        return;
    }
    if (cmp & TLB_NOTDIRTY) {
        tlb_notdirty_write(full, full->phys_addr + (addr & ~TLB_PAGE_MASK),
                           size);
        /* Invalidation may have resized nothing, but re-read the entry. */
        e = tlb_entry(cs, mmu_idx, addr);
        if (!tlb_hit(e->addr_write, addr)) {
            tlb_store_page(cs, addr, val, op, mmu_idx, ra);
            return;
        }
    }
    if (op & MO_BSWAP) {
        val = memory_bswap(val, size);
    }
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    val <<= 64 - 8 * size;
#endif
    memcpy((void *)(uintptr_t)(addr + e->addend), &val, size);
}

static void tlb_do_store(CPUState *cs, uint64_t addr, uint64_t val,
                         MemOpIdx oi, uintptr_t ra)
{
    MemOp op = get_memop(oi);
    unsigned size = memop_size(op), mmu_idx = get_mmuidx(oi), i;
    uint64_t last;
    CPUTLBEntry *e;

    if (mmu_idx >= NB_MMU_MODES || size > 8) {
        qemu_log_mask(LOG_GUEST_ERROR, "tlb: bad store op 0x%x\n", oi);
        return;
    }
    tlb_stats.slow_stores++;
    tlb_check_align(cs, addr, oi, ra);
    if ((addr & ~TLB_PAGE_MASK) + size <= TLB_PAGE_SIZE) {
        tlb_store_page(cs, addr, val, op, mmu_idx, ra);
        return;
    }
    /* Across two pages: both must be writable before any byte changes. */
    last = addr + size - 1;
    tlb_fill_entry(cs, addr, 1, MMU_DATA_STORE, mmu_idx, false, ra, &e);
    tlb_fill_entry(cs, last, 1, MMU_DATA_STORE, mmu_idx, false, ra, &e);
    for (i = 0; i < size; i++) {
        unsigned sh = (op & MO_BSWAP) ? size - 1 - i : i;

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        sh = size - 1 - sh;
#endif
        tlb_store_page(cs, addr + i, (val >> (8 * sh)) & 0xff, MO_8, mmu_idx,
                       ra);
    }
}

uint64_t helper_ldub_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, oi, ra, MMU_DATA_LOAD);
}

uint64_t helper_lduw_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, oi, ra, MMU_DATA_LOAD);
}

uint64_t helper_ldul_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, oi, ra, MMU_DATA_LOAD);
}

uint64_t helper_ldq_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, oi, ra, MMU_DATA_LOAD);
}

void helper_stb_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, oi, ra);
}

void helper_stw_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, oi, ra);
}

void helper_stl_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, oi, ra);
}

void helper_stq_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, oi, ra);
}

/* cpu_*_mmu: the same, with the size taken from the function. */
static MemOpIdx tlb_oi_size(MemOpIdx oi, MemOp size)
{
    return make_memop_idx((get_memop(oi) & ~(MO_SIZE | MO_SIGN)) | size,
                          get_mmuidx(oi));
}

uint8_t cpu_ldb_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, tlb_oi_size(oi, MO_8), ra,
                       MMU_DATA_LOAD);
}

uint16_t cpu_ldw_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, tlb_oi_size(oi, MO_16), ra,
                       MMU_DATA_LOAD);
}

uint32_t cpu_ldl_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, tlb_oi_size(oi, MO_32), ra,
                       MMU_DATA_LOAD);
}

uint64_t cpu_ldq_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, tlb_oi_size(oi, MO_64), ra,
                       MMU_DATA_LOAD);
}

void cpu_stb_mmu(void *env, uint64_t addr, uint8_t val, MemOpIdx oi,
                 uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, tlb_oi_size(oi, MO_8), ra);
}

void cpu_stw_mmu(void *env, uint64_t addr, uint16_t val, MemOpIdx oi,
                 uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, tlb_oi_size(oi, MO_16), ra);
}

void cpu_stl_mmu(void *env, uint64_t addr, uint32_t val, MemOpIdx oi,
                 uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, tlb_oi_size(oi, MO_32), ra);
}

void cpu_stq_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                 uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, tlb_oi_size(oi, MO_64), ra);
}

/* ------------------------------------------------------------- probes */

static void *tlb_probe(void *env, uint64_t addr, int size,
                       MMUAccessType type, unsigned mmu_idx, bool nofault,
                       uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    CPUTLBEntry *e;
    uint64_t cmp;

    if (mmu_idx >= NB_MMU_MODES) {
        return NULL;
    }
    if (size <= 0) {
        size = 1;
    }
    if (!tlb_fill_entry(cs, addr, size, type, mmu_idx, nofault, ra, &e)) {
        return NULL;
    }
    cmp = tlb_cmp(e, type);
    if (cmp & (TLB_MMIO | TLB_DISCARD_WRITE)) {
        return NULL;
    }
    if (type == MMU_DATA_STORE && (cmp & TLB_NOTDIRTY)) {
        CPUTLBEntryFull *full = tlb_full(cs, mmu_idx, e);

        tlb_notdirty_write(full, full->phys_addr + (addr & ~TLB_PAGE_MASK),
                           size);
        e = tlb_entry(cs, mmu_idx, addr);
        if (!tlb_hit(e->addr_write, addr)) {
            return NULL;
        }
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

void *probe_access(void *env, uint64_t addr, int size,
                   MMUAccessType access_type, unsigned mmu_idx,
                   uintptr_t retaddr)
{
    return tlb_probe(env, addr, size, access_type, mmu_idx, false, retaddr);
}

void *probe_access_nofault(void *env, uint64_t addr, int size,
                           MMUAccessType access_type, unsigned mmu_idx)
{
    return tlb_probe(env, addr, size, access_type, mmu_idx, true, 0);
}

/* ----------------------------------------------------- instruction fetch */

static uint64_t tlb_sys_code_phys(CPUState *cs, uint64_t pc, void **hostp,
                                  bool probe)
{
    unsigned mmu_idx = cs->cc->mmu_index_code ? cs->cc->mmu_index_code(cs) : 0;
    CPUTLBEntry *e;
    CPUTLBEntryFull *full;

    *hostp = NULL;
    if (mmu_idx >= NB_MMU_MODES) {
        mmu_idx = 0;
    }
    if (!tlb_fill_entry(cs, pc, 1, MMU_INST_FETCH, mmu_idx, probe, 0, &e)) {
        if (!probe) {
            /* tlb_fill returned without an entry: stop this CPU. */
            cs->exception_index = EXCP_HLT;
            cs->halted = true;
            cpu_loop_exit(cs);
        }
        return (uint64_t)-1;
    }
    full = tlb_full(cs, mmu_idx, e);
    if (!(e->addr_code & TLB_MMIO)) {
        *hostp = (void *)(uintptr_t)(pc + e->addend);
    }
    return full->phys_addr + (pc & ~TLB_PAGE_MASK);
}

uint64_t get_page_addr_code_hostp(void *env, uint64_t pc, void **hostp)
{
    void *host;
    uint64_t phys = tlb_sys_code_phys(env_cpu(env), pc, &host, false);

    if (hostp) {
        *hostp = host;
    }
    return phys;
}

static void tlb_sys_code_read(CPUState *cs, uint64_t pc, void *dest,
                              size_t len)
{
    unsigned mmu_idx = cs->cc->mmu_index_code ? cs->cc->mmu_index_code(cs) : 0;
    uint8_t *d = dest;
    size_t i;

    for (i = 0; i < len; i++) {
        d[i] = tlb_do_load(cs, pc + i, make_memop_idx(MO_8, mmu_idx), 0,
                           MMU_INST_FETCH);
    }
}

uint32_t cpu_ldl_code(void *env, uint64_t pc)
{
    CPUState *cs = env_cpu(env);
    unsigned mmu_idx = cs->cc->mmu_index_code ? cs->cc->mmu_index_code(cs) : 0;

    return tlb_do_load(cs, pc, make_memop_idx(MO_32 | MO_LE, mmu_idx), 0,
                       MMU_INST_FETCH);
}

uint16_t cpu_lduw_code(void *env, uint64_t pc)
{
    CPUState *cs = env_cpu(env);
    unsigned mmu_idx = cs->cc->mmu_index_code ? cs->cc->mmu_index_code(cs) : 0;

    return tlb_do_load(cs, pc, make_memop_idx(MO_16 | MO_LE, mmu_idx), 0,
                       MMU_INST_FETCH);
}
