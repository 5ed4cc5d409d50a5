/*
 * qcow2.h: internal state shared by the qcow2 driver's files.
 *
 * On-disk layout facts follow the published qcow2 specification: a
 * big-endian header in cluster 0, a two-level L1/L2 mapping of guest
 * clusters to host clusters, and a two-level refcount table / refcount
 * block structure counting references to every host cluster.
 */
#ifndef BLOCK_QCOW2_H
#define BLOCK_QCOW2_H

#include <stdint.h>

#include "block/block.h"

#define QCOW_MAGIC 0x514649fbu        /* "QFI\xfb" */

#define QCOW2_INCOMPAT_DIRTY       (1ULL << 0)
#define QCOW2_INCOMPAT_CORRUPT     (1ULL << 1)
#define QCOW2_INCOMPAT_DATA_FILE   (1ULL << 2)
#define QCOW2_INCOMPAT_COMPRESSION (1ULL << 3)
#define QCOW2_INCOMPAT_EXTL2       (1ULL << 4)
#define QCOW2_INCOMPAT_SUPPORTED   (QCOW2_INCOMPAT_DIRTY | \
                                    QCOW2_INCOMPAT_CORRUPT | \
                                    QCOW2_INCOMPAT_COMPRESSION)
#define QCOW2_COMPAT_LAZY_REFCOUNTS (1ULL << 0)

#define QCOW2_EXT_END          0x00000000u
#define QCOW2_EXT_BACKING_FMT  0xe2792acau
#define QCOW2_EXT_FEATURES     0x6803f857u

#define QCOW_OFLAG_COPIED      (1ULL << 63)
#define QCOW_OFLAG_COMPRESSED  (1ULL << 62)
#define QCOW_OFLAG_ZERO        (1ULL << 0)
#define L1E_OFFSET_MASK        0x00fffffffffffe00ULL
#define L2E_OFFSET_MASK        0x00fffffffffffe00ULL
#define L1E_RESERVED_MASK      0x7f000000000001ffULL
#define L2E_RESERVED_MASK      0x3f000000000001feULL
#define REFT_OFFSET_MASK       0xfffffffffffffe00ULL

#define QCOW2_MAX_L1_BYTES     (32 * 1024 * 1024)
#define QCOW2_MAX_RT_BYTES     (8 * 1024 * 1024)
#define QCOW2_MAX_SNAPSHOTS    65536
#define QCOW2_MAX_SIZE         (1ULL << 56)

typedef enum {
    QCOW2_CLUSTER_UNALLOCATED,
    QCOW2_CLUSTER_ZERO_PLAIN,
    QCOW2_CLUSTER_ZERO_ALLOC,
    QCOW2_CLUSTER_NORMAL,
    QCOW2_CLUSTER_COMPRESSED,
} Qcow2ClusterType;

/* A tiny write-through cache of cluster-sized metadata tables. */
typedef struct Qcow2Cache {
    int n;
    int size;                   /* bytes per table */
    uint64_t *offset;           /* host offset of each slot, 0 = empty */
    uint64_t *used;             /* LRU stamps */
    uint8_t **data;             /* allocated on first use */
    uint64_t clock;
} Qcow2Cache;

typedef struct Qcow2Snapshot {
    uint64_t l1_table_offset;
    uint32_t l1_size;
    char *id_str;
    char *name;
    uint32_t date_sec;
    uint32_t date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t vm_state_size;
    uint64_t disk_size;
    uint64_t icount;
    uint32_t extra_size;
    uint8_t *extra;             /* extra data beyond what we interpret */
} Qcow2Snapshot;

typedef struct BDRVQcow2State {
    int version;
    int cluster_bits;
    int cluster_size;
    int l2_bits;
    int l2_size;                /* entries per L2 table */
    uint64_t size;              /* virtual disk size */
    uint32_t header_length;
    uint64_t incompat;
    uint64_t compat;
    uint64_t autoclear;
    uint8_t compression_type;

    uint32_t l1_size;
    uint64_t l1_table_offset;
    uint64_t *l1_table;         /* host byte order */

    int refcount_order;
    int refcount_bits;
    int refblock_bits;          /* log2 of entries per refcount block */
    uint64_t refcount_max;
    uint64_t refcount_table_offset;
    uint32_t refcount_table_clusters;
    uint64_t refcount_table_size;   /* entries */
    uint64_t *refcount_table;       /* host byte order */

    uint32_t nb_snapshots;
    uint64_t snapshots_offset;
    Qcow2Snapshot *snapshots;

    uint64_t free_cluster_index;
    uint64_t free_byte_offset;  /* compressed writes: next free byte */

    int csize_shift;
    uint64_t csize_mask;
    uint64_t cluster_offset_mask;

    Qcow2Cache l2_cache;
    Qcow2Cache rb_cache;

    uint8_t *cbuf;              /* decompression cache */
    uint64_t cbuf_entry;        /* L2 entry cached in cbuf, 0 = none */

    uint8_t *unknown_ext;       /* header extensions we keep verbatim */
    size_t unknown_ext_len;
    bool corrupt;
    bool set_dirty;             /* we set the dirty bit (lazy refcounts) */

    /* Power-failure ordering (qcow2-refcount.c) */
    uint64_t pool_start, pool_len;  /* reserved clusters (indexes) */
    uint64_t cslot_cluster, cslots; /* pre-counted compressed slots */
    struct {
        uint64_t off, len, count;
    } *pending;                     /* decrements waiting for a flush */
    size_t n_pending;
} BDRVQcow2State;

static inline uint64_t qcow2_be64(const uint8_t *p)
{
    return ((uint64_t)p[0] << 56) | ((uint64_t)p[1] << 48) |
           ((uint64_t)p[2] << 40) | ((uint64_t)p[3] << 32) |
           ((uint64_t)p[4] << 24) | ((uint64_t)p[5] << 16) |
           ((uint64_t)p[6] << 8) | p[7];
}

static inline uint32_t qcow2_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | p[3];
}

static inline uint16_t qcow2_be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static inline void qcow2_st64(uint8_t *p, uint64_t v)
{
    int i;

    for (i = 7; i >= 0; i--) {
        p[i] = v & 0xff;
        v >>= 8;
    }
}

static inline void qcow2_st32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

static inline void qcow2_st16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v;
}

static inline uint64_t qcow2_align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* qcow2-cache (in qcow2-cluster.c) */
int qcow2_cache_init(Qcow2Cache *c, int n, int size);
void qcow2_cache_destroy(Qcow2Cache *c);
uint8_t *qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c,
                         uint64_t offset, bool read);
void qcow2_cache_drop(Qcow2Cache *c, uint64_t offset);

/* qcow2-cluster.c */
Qcow2ClusterType qcow2_entry_type(BDRVQcow2State *s, uint64_t l2e);
int qcow2_get_cluster(BlockDriverState *bs, uint64_t off, uint64_t len,
                      Qcow2ClusterType *type, uint64_t *l2e,
                      uint64_t *bytes);
int qcow2_read_compressed(BlockDriverState *bs, uint64_t l2e);
void qcow2_compressed_range(BDRVQcow2State *s, uint64_t l2e, uint64_t *off,
                            uint64_t *len);
int qcow2_write_clusters(BlockDriverState *bs, uint64_t off, const void *buf,
                         size_t len);
int qcow2_write_compressed(BlockDriverState *bs, uint64_t off,
                           const void *buf, size_t len);
size_t qcow2_compress_cluster(int cluster_size, const void *buf, size_t len,
                              uint8_t *out);
int qcow2_write_precompressed(BlockDriverState *bs, uint64_t off,
                              const uint8_t *out, size_t clen,
                              const void *buf, size_t len);
#define QCOW2_ZERO_WRITE   0    /* whole clusters read as zero */
#define QCOW2_ZERO_DISCARD 1    /* dropped; backing shows through unless v3 */
#define QCOW2_ZERO_DROP    2    /* dropped, always unallocated (shrink) */
int qcow2_zero_clusters(BlockDriverState *bs, uint64_t off, uint64_t len,
                        int mode);
int qcow2_l2_for_write(BlockDriverState *bs, uint64_t l1_index,
                       uint64_t *l2_offset);
int qcow2_set_l2_entries(BlockDriverState *bs, uint64_t l2_offset,
                         int index, const uint64_t *entries, int n);
int qcow2_write_l1_entry(BlockDriverState *bs, uint64_t index);
int qcow2_grow_l1(BlockDriverState *bs, uint64_t min_size);

/* qcow2-refcount.c */
int qcow2_refcount_init(BlockDriverState *bs, char *err, size_t errlen);
int qcow2_get_refcount(BlockDriverState *bs, uint64_t cluster,
                       uint64_t *refcount);
int qcow2_update_refcount(BlockDriverState *bs, uint64_t offset,
                          uint64_t length, int64_t delta);
int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t n);
int64_t qcow2_alloc_bytes(BlockDriverState *bs, uint64_t len);
void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset,
                         uint64_t length);
void qcow2_free_entry(BlockDriverState *bs, uint64_t l2e);
int qcow2_apply_pending(BlockDriverState *bs);
void qcow2_release_reservations(BlockDriverState *bs);
int qcow2_check(BlockDriverState *bs, BdrvCheckResult *res, int fix);
uint64_t qcow2_get_refcount_entry(const uint8_t *block, int order,
                                  uint64_t index);
void qcow2_set_refcount_entry(uint8_t *block, int order, uint64_t index,
                              uint64_t value);

/* qcow2.c */
int qcow2_write_header_field(BlockDriverState *bs, int offset,
                             const void *buf, int len);
int qcow2_update_header(BlockDriverState *bs);
int qcow2_mark_dirty(BlockDriverState *bs);
int qcow2_signal_corruption(BlockDriverState *bs, const char *what);

/* qcow2-snapshot.c */
int qcow2_read_snapshots(BlockDriverState *bs, char *err, size_t errlen);
void qcow2_free_snapshots(BDRVQcow2State *s);
int qcow2_snapshot_create(BlockDriverState *bs, const char *name,
                          char *err, size_t errlen);
int qcow2_snapshot_apply(BlockDriverState *bs, const char *name,
                         char *err, size_t errlen);
int qcow2_snapshot_delete(BlockDriverState *bs, const char *name,
                          char *err, size_t errlen);
int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list);
int qcow2_snapshot_load_tmp(BlockDriverState *bs, const char *name,
                            char *err, size_t errlen);
int qcow2_serialize_snapshots(const Qcow2Snapshot *sn, uint32_t n,
                              uint8_t **buf, size_t *len);

/*
 * qcow2-commit.c: make w the image's metadata with one header write
 * (crash-atomic; see there).  The snapshots' L1 tables must be on disk,
 * except the last one's when new_sn_l1 is given: commit writes it and
 * sets its l1_table_offset.  On success the image owns w->sn (strings of
 * old snapshots missing from it are freed); w->l1 stays the caller's.
 */
typedef struct Qcow2World {
    uint64_t *l1;              /* active L1, host order (flags ignored) */
    uint32_t l1_size;
    Qcow2Snapshot *sn;
    uint32_t nb_sn;
    const uint64_t *new_sn_l1; /* L1 of sn[nb_sn - 1] to write, or NULL */
    uint64_t size;             /* virtual disk size */
} Qcow2World;
int qcow2_commit_world(BlockDriverState *bs, Qcow2World *w);

#endif
