/*
 * block.h: the block layer API.
 *
 * A BlockDriverState is one node of an image graph: a format driver
 * (raw, qcow2) sitting on a protocol node (a host file) and optionally on
 * a backing node.  Every call is synchronous and byte addressed; devices
 * that want asynchronous I/O submit requests with bdrv_aio_submit(),
 * which runs them on a worker pool and signals completions through an
 * eventfd that a main loop polls (see block/aio-pool.c).
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/types.h>

typedef struct BlockDriver BlockDriver;
typedef struct BlockDriverState BlockDriverState;

/* Open flags. */
#define BDRV_O_RDWR        0x0001
#define BDRV_O_NOCACHE     0x0002   /* O_DIRECT */
#define BDRV_O_WRITETHRU   0x0004   /* flush after every write */
#define BDRV_O_NO_FLUSH    0x0008   /* cache=unsafe: flushes are no-ops */
#define BDRV_O_NO_BACKING  0x0010   /* do not open the backing file */
#define BDRV_O_NO_LOCK     0x0020   /* skip OFD locking (-U) */
#define BDRV_O_CHECK       0x0040   /* opened for check: tolerate damage */

/* block_status result bits. */
#define BDRV_BLOCK_DATA    0x01     /* data is stored in this layer */
#define BDRV_BLOCK_ZERO    0x02     /* reads as zeroes */
#define BDRV_BLOCK_OFFSET_VALID 0x04 /* *map is the host offset */
#define BDRV_BLOCK_ALLOCATED 0x08   /* this layer defines the content */
#define BDRV_BLOCK_COMPRESSED 0x10

/* Preallocation modes. */
typedef enum {
    PREALLOC_OFF,
    PREALLOC_METADATA,
    PREALLOC_FALLOC,
    PREALLOC_FULL,
} PreallocMode;

/* Options for bdrv_create(); zero means "default". */
typedef struct BlockCreateOpts {
    uint64_t size;
    bool size_set;
    int cluster_size;
    int compat;                 /* 2 = 0.10, 3 = 1.1 (default) */
    bool lazy_refcounts;
    bool lazy_refcounts_set;    /* given explicitly (amend) */
    int refcount_bits;          /* 0 -> 16 */
    PreallocMode prealloc;
    const char *backing_file;
    const char *backing_fmt;
} BlockCreateOpts;

/* Result of a consistency check. */
typedef struct BdrvCheckResult {
    int corruptions;
    int leaks;
    int check_errors;
    int corruptions_fixed;
    int leaks_fixed;
    int64_t image_end_offset;
    int64_t total_clusters;
    int64_t allocated_clusters;
    int64_t fragmented_clusters;
    int64_t compressed_clusters;
} BdrvCheckResult;

#define BDRV_FIX_LEAKS   1
#define BDRV_FIX_ERRORS  2

/* Internal snapshot description. */
typedef struct QEMUSnapshotInfo {
    char id_str[128];
    char name[256];
    uint64_t vm_state_size;
    uint32_t date_sec;
    uint32_t date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t icount;            /* UINT64_MAX when unknown */
} QEMUSnapshotInfo;

/* Format-specific facts for `qemu-img info`. */
typedef struct BdrvInfo {
    int cluster_size;           /* 0: none */
    int compat;                 /* qcow2: 2 or 3 */
    bool lazy_refcounts;
    int refcount_bits;
    bool corrupt;
    bool dirty;
    bool extended_l2;
} BdrvInfo;

struct BlockDriver {
    const char *format_name;
    size_t instance_size;
    bool is_protocol;
    /* Returns a probe score for a header; 0 = not this format. */
    int (*probe)(const uint8_t *buf, int len, const char *filename);
    int (*open)(BlockDriverState *bs, int flags, char *err, size_t errlen);
    void (*close)(BlockDriverState *bs);
    int (*preadv)(BlockDriverState *bs, uint64_t off, void *buf, size_t len);
    int (*pwritev)(BlockDriverState *bs, uint64_t off, const void *buf,
                   size_t len);
    int (*pwrite_compressed)(BlockDriverState *bs, uint64_t off,
                             const void *buf, size_t len);
    /* Compression split in two so that callers can compress in parallel:
     * compress touches no image state; clen 0 means "store plainly". */
    size_t (*compress)(BlockDriverState *bs, const void *buf, size_t len,
                       void *out);
    int (*pwrite_precompressed)(BlockDriverState *bs, uint64_t off,
                                const void *cdata, size_t clen,
                                const void *buf, size_t len);
    int (*flush)(BlockDriverState *bs);
    int (*discard)(BlockDriverState *bs, uint64_t off, uint64_t len);
    int (*write_zeroes)(BlockDriverState *bs, uint64_t off, uint64_t len);
    int64_t (*getlength)(BlockDriverState *bs);
    int (*truncate)(BlockDriverState *bs, uint64_t size, bool shrink,
                    PreallocMode prealloc, char *err, size_t errlen);
    /* Status of [off, off+len): returns flags, sets *pnum and *map. */
    int (*block_status)(BlockDriverState *bs, uint64_t off, uint64_t len,
                        uint64_t *pnum, uint64_t *map);
    int (*create)(const char *filename, BlockCreateOpts *opts, char *err,
                  size_t errlen);
    int (*check)(BlockDriverState *bs, BdrvCheckResult *res, int fix);
    int (*get_info)(BlockDriverState *bs, BdrvInfo *info);
    int (*snapshot_create)(BlockDriverState *bs, const char *name,
                           char *err, size_t errlen);
    int (*snapshot_apply)(BlockDriverState *bs, const char *name,
                          char *err, size_t errlen);
    int (*snapshot_delete)(BlockDriverState *bs, const char *name,
                           char *err, size_t errlen);
    int (*snapshot_list)(BlockDriverState *bs, QEMUSnapshotInfo **list);
    /* Read-only nodes: show a snapshot's content from now on. */
    int (*snapshot_load_tmp)(BlockDriverState *bs, const char *name,
                             char *err, size_t errlen);
    int (*change_backing)(BlockDriverState *bs, const char *file,
                          const char *fmt);
    int (*amend)(BlockDriverState *bs, BlockCreateOpts *opts, char *err,
                 size_t errlen);
};

struct BlockDriverState {
    const BlockDriver *drv;
    void *opaque;
    char filename[4096];
    int open_flags;
    bool read_only;
    BlockDriverState *file;     /* protocol child (format drivers) */
    BlockDriverState *backing;  /* backing node, or NULL */
    char backing_file[1024];    /* as recorded in the image */
    char backing_format[32];
    pthread_mutex_t lock;       /* serialises the async pool's requests */
    int fd;                     /* protocol nodes: the host fd */
    int align;                  /* protocol nodes: O_DIRECT alignment */
};

extern const BlockDriver bdrv_file;
extern const BlockDriver bdrv_raw;
extern const BlockDriver bdrv_qcow2;

const BlockDriver *bdrv_find_format(const char *name);

/*
 * Open an image.  fmt NULL probes.  On failure returns NULL and writes a
 * one-line message to err.
 */
BlockDriverState *bdrv_open(const char *filename, const char *fmt, int flags,
                            char *err, size_t errlen);
BlockDriverState *bdrv_open_protocol(const char *filename, int flags,
                                     char *err, size_t errlen);
void bdrv_close(BlockDriverState *bs);
int bdrv_parse_cache_mode(const char *mode, int *flags);

int bdrv_pread(BlockDriverState *bs, uint64_t off, void *buf, size_t len);
int bdrv_pwrite(BlockDriverState *bs, uint64_t off, const void *buf,
                size_t len);
int bdrv_pwrite_compressed(BlockDriverState *bs, uint64_t off,
                           const void *buf, size_t len);
/*
 * Parallel compressed writes: bdrv_compress() may run on any thread (out
 * must hold one cluster); bdrv_pwrite_precompressed() stores the result.
 */
int bdrv_compress(BlockDriverState *bs, const void *buf, size_t len,
                  void *out, size_t *clen);
int bdrv_pwrite_precompressed(BlockDriverState *bs, uint64_t off,
                              const void *cdata, size_t clen,
                              const void *buf, size_t len);
int bdrv_flush(BlockDriverState *bs);
int bdrv_discard(BlockDriverState *bs, uint64_t off, uint64_t len);
int bdrv_write_zeroes(BlockDriverState *bs, uint64_t off, uint64_t len);
int64_t bdrv_getlength(BlockDriverState *bs);
int bdrv_truncate(BlockDriverState *bs, uint64_t size, bool shrink,
                  PreallocMode prealloc, char *err, size_t errlen);
int bdrv_block_status(BlockDriverState *bs, uint64_t off, uint64_t len,
                      uint64_t *pnum, uint64_t *map);
/* Host bytes used by the protocol file (st_blocks * 512). */
int64_t bdrv_get_allocated_file_size(BlockDriverState *bs);

int bdrv_create(const char *fmt, const char *filename, BlockCreateOpts *opts,
                char *err, size_t errlen);

/* Probe a file's format by its first bytes ("raw" when nothing matches). */
const BlockDriver *bdrv_probe_format(const char *filename);

/* Resolve a backing file name relative to the image that names it. */
void bdrv_backing_path(const char *image, const char *backing, char *out,
                       size_t outlen);

/* Protocol-level helpers used by format drivers. */
int file_fallocate(BlockDriverState *bs, uint64_t off, uint64_t len);

/* ---- asynchronous requests (block/aio-pool.c) ---- */

typedef enum {
    BDRV_AIO_READ,
    BDRV_AIO_WRITE,
    BDRV_AIO_FLUSH,
    BDRV_AIO_DISCARD,
    BDRV_AIO_WRITE_ZEROES,
} BdrvAioOp;

typedef void BdrvAioCompletionFunc(void *opaque, int ret);

typedef struct BdrvAioPool BdrvAioPool;

BdrvAioPool *bdrv_aio_pool_new(int nthreads);
void bdrv_aio_pool_free(BdrvAioPool *pool);
/* The fd to poll for readability; then call bdrv_aio_pool_complete(). */
int bdrv_aio_pool_fd(BdrvAioPool *pool);
int bdrv_aio_submit(BdrvAioPool *pool, BlockDriverState *bs, BdrvAioOp op,
                    uint64_t off, void *buf, size_t len,
                    BdrvAioCompletionFunc *cb, void *opaque);
/* Run the callbacks of finished requests in the caller's thread. */
int bdrv_aio_pool_complete(BdrvAioPool *pool);
/* Block until every submitted request has completed and been reported. */
void bdrv_aio_pool_drain(BdrvAioPool *pool);

#endif
