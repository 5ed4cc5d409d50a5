/*
 * exec/memory.h: the memory API of system mode.
 *
 * A board describes what each bus master sees as a tree of memory
 * regions:
 *
 *   RAM        host memory the guest reads and writes directly;
 *   ROM        host memory the guest can only read (loaders fill it
 *              through memory_region_get_ram_ptr or
 *              address_space_write_rom);
 *   I/O        a device: read/write callbacks taking the device's
 *              opaque pointer, the offset in the region and the size;
 *   alias      a window onto another region starting at an offset;
 *   container  nothing of its own: subregions at offsets, with
 *              priorities.  Any region may have subregions; they cover
 *              the region's own contents where they overlap it.
 *
 * An AddressSpace (one per bus master: the CPUs' view, a DMA engine's)
 * flattens its root region into a FlatView: a sorted array of
 * non-overlapping ranges, each naming a terminal region (RAM, ROM or
 * I/O) and the offset within it.  Holes are unassigned: reads give 0,
 * writes are dropped, both are logged under -d guest_errors.
 *
 * Overlap rule.  Among the subregions of one region, the one with the
 * higher priority wins wherever they overlap; between equal priorities
 * the one added LATER wins.  Priorities only compare siblings: a
 * container's priority decides for its whole subtree against the
 * container's siblings.  Disabled subregions are not rendered at all.
 *
 * Access sizes of I/O regions.  `valid` says what the guest may do:
 * sizes outside [valid.min_access_size, valid.max_access_size], or
 * unaligned accesses when !valid.unaligned, are logged (guest_errors)
 * and ignored, and reads give 0.  `impl` says what the callbacks
 * handle: the core turns a valid access into accesses of
 * S = clamp(size, impl.min, impl.max) bytes at offsets aligned to S.
 * A wider access is split into several (an 8-byte read of a 4-byte
 * device is two 4-byte reads combined in the region's byte order); a
 * narrower one is widened: reads extract the wanted bytes, writes pass
 * the wanted bytes in their byte lanes and zeros in the other lanes.
 * Not emulated: byte strobes; a device that must see them declares
 * impl.min_access_size = 1.
 *
 * Byte order.  Callbacks see values in the region's `endianness`: for a
 * little-endian region the byte at offset `addr + i` is bits 8i..8i+7
 * of the value, for a big-endian one the byte at `addr` is the most
 * significant.  Accesses say their own order (MO_LE/MO_BE in the MemOp,
 * or the _le/_be load and store helpers); the core swaps as needed.
 *
 * Changes and transactions.  Every change to the tree (add, delete,
 * enable, move, alias offset, readonly, dirty logging) re-renders the
 * FlatView of every address space, unless it happens between
 * memory_region_transaction_begin() and _commit(): then the views are
 * re-rendered once, at the outermost commit.  A view whose ranges did
 * not change is kept; when a view changes, the address space's
 * listeners are called (the soft TLB flushes there).  A region that
 * contains itself through aliases is a board bug: the inner copy is
 * skipped with a message in the log (stderr unless -D), whatever -d says.
 *
 * Dirty tracking.  A RAM region keeps a bitmap of written
 * MEMORY_DIRTY_PAGE_SIZE pages per client (display, migration) only
 * while that client has logging on.  Writes through this API set the
 * bits; the soft TLB sends writes to logged pages down its slow path
 * (FlatRange.dirty_log_mask says which) and calls
 * memory_region_set_dirty().
 *
 * Thread-safety.  The tree, the address spaces and the listener lists
 * change only under the global device lock (one thread at a time).
 * The current FlatView pointer is published with an atomic release
 * store and read with an acquire load, so lookups need no lock.  A
 * replaced view is unreferenced at once: a reader that keeps a view
 * across a point where the lock holder may change the tree must hold a
 * reference (flatview_ref) taken while the lock is held.  Today every
 * vCPU runs under the lock (round-robin on one thread), so this is
 * enough; free-running vCPU threads will need the old view's release
 * deferred until every vCPU has passed a quiescent point (the TLB flush
 * the listener triggers is a natural one).  Dirty bitmaps are updated
 * with atomic OR so a vCPU may mark pages without the lock.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/memop.h"

typedef uint64_t hwaddr;
#define HWADDR_MAX UINT64_MAX
/* A region size of MEMORY_SIZE_ALL means 2^64 bytes: the whole space. */
#define MEMORY_SIZE_ALL UINT64_MAX

#define MEMORY_DIRTY_PAGE_BITS 12
#define MEMORY_DIRTY_PAGE_SIZE (1u << MEMORY_DIRTY_PAGE_BITS)

/* Dirty-logging clients (bit numbers; masks are 1 << client). */
enum {
    DIRTY_MEMORY_VGA = 0,       /* framebuffers */
    DIRTY_MEMORY_MIGRATION = 1, /* migration and snapshots */
    DIRTY_MEMORY_NUM = 2,
};

/* Reverse the bytes of an access of size 1, 2, 4 or 8 bytes. */
static inline uint64_t memory_bswap(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:
        return __builtin_bswap16(v);
    case 4:
        return __builtin_bswap32(v);
    case 8:
        return __builtin_bswap64(v);
    default:
        return v;
    }
}

/* Result of an access through an address space. */
typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,        /* a device refused it (invalid size...) */
    MEMTX_DECODE_ERROR = 2, /* nothing at that address */
} MemTxResult;

typedef enum MemEndian {
    DEVICE_LITTLE_ENDIAN = 0,
    DEVICE_BIG_ENDIAN = 1,
} MemEndian;

typedef enum MemoryRegionType {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM,
    MR_IO,
    MR_ALIAS,
} MemoryRegionType;

typedef struct MemoryRegionOps {
    /* Either may be NULL: reads then give 0, writes are dropped (unimp). */
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    MemEndian endianness;
    /* What the guest may do.  0 means the default: min 1, max 4. */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
    } valid;
    /* What the callbacks implement.  0 means: the valid size. */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
    } impl;
} MemoryRegionOps;

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;
typedef struct MemoryListener MemoryListener;

/*
 * The region.  Callers allocate it (usually inside the device state) and
 * use it only through the functions below; the fields are private.
 */
struct MemoryRegion {
    char *name;
    MemoryRegionType type;
    uint64_t size;              /* MEMORY_SIZE_ALL = 2^64 */
    bool readonly;
    bool enabled;
    bool rendering;             /* on the render path: catches alias loops */
    /* RAM/ROM */
    uint8_t *ram;
    bool ram_owned;
    unsigned long *dirty[DIRTY_MEMORY_NUM];
    uint8_t dirty_log_mask;
    /* I/O */
    const MemoryRegionOps *ops;
    void *opaque;
    /* alias */
    MemoryRegion *alias;
    hwaddr alias_offset;
    /* as a subregion */
    MemoryRegion *container;
    hwaddr addr;
    int priority;
    uint64_t seq;               /* when it was added: later wins ties */
    MemoryRegion *next;         /* sibling list: priority desc, seq desc */
    /* subregions */
    MemoryRegion *subregions;
};

/* One piece of a FlatView. */
typedef struct FlatRange {
    hwaddr start;               /* first address in the address space */
    hwaddr last;                /* last address (inclusive) */
    MemoryRegion *mr;           /* terminal region: RAM, ROM or I/O */
    hwaddr offset;              /* offset in mr of `start` */
    bool readonly;              /* ROM, or read-only RAM/alias on the path */
    uint8_t dirty_log_mask;     /* mr's logging clients when rendered */
} FlatRange;

struct FlatView {
    int ref;
    unsigned nr;
    FlatRange *ranges;          /* sorted by start, non-overlapping */
};

/*
 * What is at one address: the answer of address_space_lookup and the
 * data the soft TLB caches.  `host` points at `addr`'s byte for RAM and
 * ROM, NULL for I/O.  [start, last] is the whole flat range holding
 * `addr`; the same region continues linearly over it.
 */
typedef struct MemoryRegionSection {
    MemoryRegion *mr;
    hwaddr offset;              /* offset in mr of the looked-up addr */
    hwaddr start, last;
    uint8_t *host;
    bool readonly;
    uint8_t dirty_log_mask;
} MemoryRegionSection;

/*
 * Called after an address space's FlatView changed (new_view is already
 * current; old_view is still valid during the call and may be NULL the
 * first time).
 */
struct MemoryListener {
    void (*commit)(MemoryListener *l, AddressSpace *as,
                   FlatView *old_view, FlatView *new_view);
    void *opaque;
    MemoryListener *next;       /* private */
};

/*
 * Called for accesses to unassigned addresses (after logging), e.g. so a
 * board can count them or a CPU can raise an external abort later.
 */
typedef void UnassignedHook(void *opaque, hwaddr addr, unsigned size,
                            bool is_write);

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current;          /* atomic; see "Thread-safety" */
    MemoryListener *listeners;
    UnassignedHook *unassigned_hook;
    void *unassigned_opaque;
    AddressSpace *next;         /* private: the global list */
};

/* ---- creating regions ------------------------------------------------ */

void memory_region_init_container(MemoryRegion *mr, const char *name,
                                  uint64_t size);
/* Zeroed host memory; false (nothing allocated) if it cannot be had. */
bool memory_region_init_ram(MemoryRegion *mr, const char *name,
                            uint64_t size);
bool memory_region_init_rom(MemoryRegion *mr, const char *name,
                            uint64_t size);
/* RAM backed by caller memory (not freed by memory_region_destroy). */
void memory_region_init_ram_ptr(MemoryRegion *mr, const char *name,
                                uint64_t size, void *host);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
/* size bytes of `orig` starting at `offset`. */
void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset,
                              uint64_t size);
/*
 * Frees the name, owned RAM and bitmaps.  The region must not be mapped
 * (deleted from its container), have no subregions left and be the
 * target of no alias still rendered.
 */
void memory_region_destroy(MemoryRegion *mr);

/* ---- building the tree ----------------------------------------------- */

/* Maps sub at `offset` in mr, priority 0. */
void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
/* Moves a mapped subregion to a new offset in its container. */
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
/* Guest writes to a read-only RAM region or alias are dropped. */
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);

static inline const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name;
}
static inline uint64_t memory_region_size(const MemoryRegion *mr)
{
    return mr->size;
}
/* Host memory of a RAM or ROM region, NULL otherwise. */
static inline void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    return mr->ram;
}

void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/* ---- dirty tracking (RAM and ROM regions) ----------------------------- */

/* Starts (clearing the bitmap) or stops logging for one client. */
void memory_region_set_log(MemoryRegion *mr, bool log, unsigned client);
static inline bool memory_region_is_logging(const MemoryRegion *mr,
                                            unsigned client)
{
    return (mr->dirty_log_mask >> client) & 1;
}
/* Marks [addr, addr + size) dirty for every logging client. */
void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, uint64_t size);
/* Whether a page of [addr, addr + size) is dirty for `client`. */
bool memory_region_get_dirty(MemoryRegion *mr, hwaddr addr, uint64_t size,
                             unsigned client);
/* Same, and clears the bits of those pages. */
bool memory_region_test_and_clear_dirty(MemoryRegion *mr, hwaddr addr,
                                        uint64_t size, unsigned client);
void memory_region_reset_dirty(MemoryRegion *mr, hwaddr addr, uint64_t size,
                               unsigned client);

/* ---- dispatch to a region -------------------------------------------- */

/*
 * One access of (1 << (op & MO_SIZE)) bytes, op's byte order, at offset
 * addr of a terminal region: the soft TLB's slow path uses these with the
 * section it looked up.  Invalid accesses are logged and give 0.  ROM
 * drops writes here; a read-only alias of RAM is the caller's to enforce
 * (MemoryRegionSection.readonly).  RAM writes set dirty bits.
 */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *pval, MemOp op);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t val, MemOp op);

/* ---- address spaces --------------------------------------------------- */

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name);
void address_space_destroy(AddressSpace *as);
void address_space_set_unassigned_hook(AddressSpace *as, UnassignedHook *fn,
                                       void *opaque);

void memory_listener_register(MemoryListener *l, AddressSpace *as);
void memory_listener_unregister(MemoryListener *l, AddressSpace *as);

/*
 * The current view, and counted references to keep one alive.  Address
 * spaces with the same root share one view (one render for -smp N).
 */
FlatView *address_space_get_flatview(AddressSpace *as);
void flatview_ref(FlatView *fv);
void flatview_unref(FlatView *fv);
/* The range holding addr (binary search), or NULL in a hole. */
const FlatRange *flatview_find(const FlatView *fv, hwaddr addr);
/* What is at addr; false (sec untouched) when unassigned. */
bool address_space_lookup(AddressSpace *as, hwaddr addr,
                          MemoryRegionSection *sec);

/*
 * len bytes at addr, any length, across regions.  I/O regions get the
 * biggest naturally aligned accesses their `valid` sizes allow.  Holes
 * read as 0.  The result is the worst one met (OK < ERROR < DECODE).
 * Bytes past the top of the 64-bit space count as unassigned (reported
 * at address 0).
 */
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf,
                             size_t len, bool is_write);
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               size_t len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                const void *buf, size_t len);
/* Like address_space_write, but also writes ROM (for loaders). */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, size_t len);

/*
 * Direct access to guest RAM for device DMA (virtio rings and buffers):
 * the host pointer for addr when it is RAM (and writable, for is_write),
 * with *plen cut down to what is contiguous there; NULL and *plen = 0
 * otherwise (the caller then falls back on address_space_rw).  *pmr
 * receives the region for address_space_unmap, which marks the
 * access_len bytes written dirty and tells the RAM write hook.  The
 * pointer stays valid while the region exists, whatever the tree does.
 */
void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write, MemoryRegion **pmr);
void address_space_unmap(MemoryRegion *mr, void *host, hwaddr access_len,
                         bool is_write);

/*
 * Called after RAM changes through this API (address_space_* writes,
 * dispatch, unmap; not the soft TLB's fast path), with the region and
 * the byte range: exec.c invalidates translated code there, e.g. after
 * a disk read DMAs new code into memory.  One hook; NULL removes it.
 */
typedef void RamWriteHook(void *opaque, MemoryRegion *mr, hwaddr addr,
                          uint64_t len);
void memory_set_ram_write_hook(RamWriteHook *fn, void *opaque);

/*
 * Loads and stores of 1/2/4/8 bytes.  Inside one I/O range the device
 * gets a single access of that size; res may be NULL.
 */
MemTxResult address_space_ld(AddressSpace *as, hwaddr addr, uint64_t *pval,
                             MemOp op);
MemTxResult address_space_st(AddressSpace *as, hwaddr addr, uint64_t val,
                             MemOp op);

#define MEMORY_LD_ST(name, type, op)                                        \
static inline type address_space_ld##name(AddressSpace *as, hwaddr addr,   \
                                          MemTxResult *res)                \
{                                                                           \
    uint64_t v;                                                             \
    MemTxResult r = address_space_ld(as, addr, &v, op);                     \
    if (res) {                                                              \
        *res = r;                                                           \
    }                                                                       \
    return (type)v;                                                         \
}                                                                           \
static inline MemTxResult address_space_st##name(AddressSpace *as,         \
                                                 hwaddr addr, type val)    \
{                                                                           \
    return address_space_st(as, addr, val, op);                             \
}
MEMORY_LD_ST(b, uint8_t, MO_8)
MEMORY_LD_ST(w_le, uint16_t, MO_16 | MO_LE)
MEMORY_LD_ST(w_be, uint16_t, MO_16 | MO_BE)
MEMORY_LD_ST(l_le, uint32_t, MO_32 | MO_LE)
MEMORY_LD_ST(l_be, uint32_t, MO_32 | MO_BE)
MEMORY_LD_ST(q_le, uint64_t, MO_64 | MO_LE)
MEMORY_LD_ST(q_be, uint64_t, MO_64 | MO_BE)
#undef MEMORY_LD_ST

/* ---- printing (monitor "info mtree") ---------------------------------- */

/*
 * The region tree of one address space:
 *
 *   address-space: <name>
 *     <first>-<last> (prio <p>, <kind>): <name>[ @<target> <first>-<last>][ [disabled]]
 *
 * indented two spaces per level, 16 hex digits per address, siblings by
 * address then priority (highest first).  <kind> is container, ram, rom,
 * i/o or alias; an alias line names its target and the target's offsets
 * it shows.  Alias targets not mapped anywhere follow as
 * "memory-region: <name>" trees.
 */
void memory_region_print_tree(FILE *f, AddressSpace *as);
/*
 * The flat view: "FlatView for <name>:" then one line per range,
 *   <first>-<last> (<kind>[, ro]): <region> @<offset>
 */
void flatview_print(FILE *f, AddressSpace *as);
/* Every address space's tree (info mtree), or flat view (-f). */
void mtree_info(FILE *f, bool flatview);

#endif
