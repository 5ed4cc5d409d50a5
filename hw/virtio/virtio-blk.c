/*
 * hw/virtio/virtio-blk.c: the virtio block device (virtio 1.x, 5.2),
 * "virtio-blk-device", on a block layer node (include/block/block.h).
 *
 * One request queue of VIRTIO_BLK_QUEUE_SIZE entries.  A request is a
 * chain: a 16-byte header the device reads (le32 type, le32 reserved,
 * le64 sector), the data (read for OUT/DISCARD/WRITE_ZEROES, written
 * for IN/GET_ID), and one status byte the device writes last.
 *
 * Offered: SEG_MAX (queue size - 2), BLK_SIZE (512), FLUSH, RO for a
 * read-only drive, DISCARD and WRITE_ZEROES (one segment per request)
 * for a writable one.  Capacity is in 512-byte sectors; a request
 * reaching past it, or not a whole number of sectors, fails with IOERR,
 * as do block layer errors; unknown types get UNSUPP.  A chain without
 * a header or a status byte is a driver bug: the device needs a reset.
 *
 * By default requests are served synchronously from the queue notify
 * (the MMIO write, under the global lock): the vCPU waits for the host
 * I/O.  With an aio pool (virtio_blk_set_aio_pool; the -device driver
 * sets one up) each buffer becomes one pool operation and the request
 * completes, into the used ring, from the pool's completion callback on
 * the main loop.  A FLUSH completes only after bdrv_flush succeeded and,
 * with a pool, is started only once every request before it completed,
 * so data the guest was told is on disk is in the host file.
 * Not emulated: CONFIG_WCE (the cache mode is the -drive's), multiple
 * queues, geometry and topology hints.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/virtio/virtio-blk.h"
#include "qemu/log.h"

#define SECTOR_SIZE     512
#define MAX_DISCARD_SECTORS (1u << 22)      /* 2 GiB per request */
#define BOUNCE_MAX      (4u << 20)

typedef struct VirtIOBlock {
    VirtIODevice vdev;
    BlockDriverState *bs;
    VirtQueue *vq;
    bool read_only;
    char serial[VIRTIO_BLK_ID_BYTES];
    uint64_t capacity;           /* sectors */
    BdrvAioPool *pool;           /* NULL: synchronous requests */
    unsigned inflight;           /* requests started, not completed */
    struct VirtIOBlockReq *flush_wait;  /* flushes waiting for them */
    bool batching;               /* in handle_output: notify at the end */
    bool need_notify;
} VirtIOBlock;

static void blk_stq(uint8_t *p, uint64_t v)
{
    int i;

    for (i = 0; i < 8; i++) {
        p[i] = v >> (8 * i);
    }
}

static void blk_stl(uint8_t *p, uint32_t v)
{
    int i;

    for (i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static uint32_t blk_ldl(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t blk_ldq(const uint8_t *p)
{
    return blk_ldl(p) | ((uint64_t)blk_ldl(p + 4) << 32);
}

static void virtio_blk_update_capacity(VirtIOBlock *s)
{
    int64_t len = bdrv_getlength(s->bs);

    s->capacity = len > 0 ? (uint64_t)len / SECTOR_SIZE : 0;
}

static void virtio_blk_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;

    memset(config, 0, VIRTIO_BLK_CONFIG_SIZE);
    blk_stq(config + 0, s->capacity);                   /* capacity */
    blk_stl(config + 12, VIRTIO_BLK_QUEUE_SIZE - 2);    /* seg_max */
    blk_stl(config + 20, SECTOR_SIZE);                  /* blk_size */
    config[34] = 1;                                     /* num_queues */
    if (!s->read_only) {
        blk_stl(config + 36, MAX_DISCARD_SECTORS);  /* max_discard_sectors */
        blk_stl(config + 40, 1);                    /* max_discard_seg */
        blk_stl(config + 44, 1);                /* discard_sector_alignment */
        blk_stl(config + 48, MAX_DISCARD_SECTORS); /* max_write_zeroes_sectors */
        blk_stl(config + 52, 1);                   /* max_write_zeroes_seg */
    }
}

/* Whether [sector, sector + bytes) is whole sectors inside the disk. */
static bool virtio_blk_range_ok(VirtIOBlock *s, uint64_t sector,
                                uint64_t bytes)
{
    uint64_t n = bytes / SECTOR_SIZE;

    return bytes % SECTOR_SIZE == 0 && sector <= s->capacity &&
           n <= s->capacity - sector;
}

/* ------------------------------------------------------------ requests */

/*
 * A request in flight.  `pending` counts block operations not yet
 * finished plus one for the code issuing them, so the request completes
 * exactly once, when the last of them is done.
 */
typedef struct VirtIOBlockReq {
    VirtIOBlock *s;
    VirtQueueElement *elem;
    uint8_t status;
    size_t written;              /* bytes of in data, if it succeeds */
    unsigned pending;
    bool counted;                /* in s->inflight (not a flush) */
    uint8_t *bounce;             /* one pool operation for many buffers */
    size_t bounce_len;
    bool bounce_read;            /* copy into in_sg when it completes */
    struct VirtIOBlockReq *next; /* s->flush_wait */
} VirtIOBlockReq;

static void virtio_blk_submit_flush(VirtIOBlockReq *req);

static void virtio_blk_complete(VirtIOBlockReq *req)
{
    VirtIOBlock *s = req->s;
    VirtQueueElement *elem = req->elem;
    struct iovec *last = &elem->in_sg[elem->in_num - 1];

    if (req->bounce) {
        if (req->bounce_read && req->status == VIRTIO_BLK_S_OK) {
            iov_from_buf(elem->in_sg, elem->in_num, 0, req->bounce,
                         req->bounce_len);
        }
        free(req->bounce);
    }

    /* The status byte: the last byte the driver gave us to write. */
    ((uint8_t *)last->iov_base)[last->iov_len - 1] = req->status;
    virtqueue_push(s->vq, elem,
                   (req->status == VIRTIO_BLK_S_OK ? req->written : 0) + 1);
    if (s->batching) {
        s->need_notify = true;
    } else {
        virtio_notify(&s->vdev, s->vq);
    }
    if (req->counted && --s->inflight == 0) {
        /* Flushes waiting for earlier requests may go now. */
        VirtIOBlockReq *w = s->flush_wait;

        s->flush_wait = NULL;
        while (w) {
            VirtIOBlockReq *next = w->next;

            virtio_blk_submit_flush(w);
            w = next;
        }
    }
    free(req);
}

static void virtio_blk_put(VirtIOBlockReq *req)
{
    if (--req->pending == 0) {
        virtio_blk_complete(req);
    }
}

static void virtio_blk_aio_cb(void *opaque, int ret)
{
    VirtIOBlockReq *req = opaque;

    if (ret < 0) {
        req->status = VIRTIO_BLK_S_IOERR;
    }
    virtio_blk_put(req);
}

/* One block operation: at once without a pool, else on the pool. */
static void virtio_blk_op(VirtIOBlockReq *req, BdrvAioOp op, uint64_t off,
                          void *buf, size_t len)
{
    VirtIOBlock *s = req->s;
    int ret;

    if (req->status != VIRTIO_BLK_S_OK) {
        return;                 /* an earlier part failed */
    }
    if (s->pool) {
        req->pending++;
        if (bdrv_aio_submit(s->pool, s->bs, op, off, buf, len,
                            virtio_blk_aio_cb, req) < 0) {
            req->pending--;
            req->status = VIRTIO_BLK_S_IOERR;
        }
        return;
    }
    switch (op) {
    case BDRV_AIO_READ:
        ret = bdrv_pread(s->bs, off, buf, len);
        break;
    case BDRV_AIO_WRITE:
        ret = bdrv_pwrite(s->bs, off, buf, len);
        break;
    case BDRV_AIO_FLUSH:
        ret = bdrv_flush(s->bs);
        break;
    case BDRV_AIO_DISCARD:
        ret = bdrv_discard(s->bs, off, len);
        break;
    case BDRV_AIO_WRITE_ZEROES:
        ret = bdrv_write_zeroes(s->bs, off, len);
        break;
    default:
        ret = -EINVAL;
        break;
    }
    if (ret < 0) {
        req->status = VIRTIO_BLK_S_IOERR;
    }
}

static void virtio_blk_submit_flush(VirtIOBlockReq *req)
{
    virtio_blk_op(req, BDRV_AIO_FLUSH, 0, NULL, 0);
    virtio_blk_put(req);
}

/*
 * On the pool, a request of several buffers goes through one bounce
 * buffer: one pool operation (and one thread hand-off) instead of one
 * per guest page.
 */
static bool virtio_blk_use_bounce(VirtIOBlockReq *req, unsigned cnt,
                                  size_t len)
{
    if (!req->s->pool || cnt < 2 || len > BOUNCE_MAX || len == 0) {
        return false;
    }
    req->bounce = malloc(len);
    req->bounce_len = len;
    return req->bounce != NULL;
}

/* Read `len` bytes at `off` into the iovecs (the status byte excluded). */
static void virtio_blk_read_iov(VirtIOBlockReq *req, uint64_t off,
                                const struct iovec *iov, unsigned cnt,
                                size_t len)
{
    unsigned i;

    if (virtio_blk_use_bounce(req, cnt, len)) {
        req->bounce_read = true;
        virtio_blk_op(req, BDRV_AIO_READ, off, req->bounce, len);
        return;
    }

    for (i = 0; i < cnt && len; i++) {
        size_t n = iov[i].iov_len < len ? iov[i].iov_len : len;

        virtio_blk_op(req, BDRV_AIO_READ, off, iov[i].iov_base, n);
        off += n;
        len -= n;
    }
}

/* Write the iovecs' bytes from `skip` on to the disk at off. */
static void virtio_blk_write_iov(VirtIOBlockReq *req, uint64_t off,
                                 const struct iovec *iov, unsigned cnt,
                                 size_t skip)
{
    size_t len = iov_size(iov, cnt) - skip;
    unsigned i;

    if (virtio_blk_use_bounce(req, cnt, len)) {
        iov_to_buf(iov, cnt, skip, req->bounce, len);
        virtio_blk_op(req, BDRV_AIO_WRITE, off, req->bounce, len);
        return;
    }

    for (i = 0; i < cnt; i++) {
        uint8_t *p = iov[i].iov_base;
        size_t n = iov[i].iov_len;

        if (skip >= n) {
            skip -= n;
            continue;
        }
        p += skip;
        n -= skip;
        skip = 0;
        virtio_blk_op(req, BDRV_AIO_WRITE, off, p, n);
        off += n;
    }
}

/* DISCARD and WRITE_ZEROES: one 16-byte segment after the header. */
static void virtio_blk_discard(VirtIOBlockReq *req, uint32_t type)
{
    VirtIOBlock *s = req->s;
    VirtQueueElement *elem = req->elem;
    size_t payload = iov_size(elem->out_sg, elem->out_num) - 16;
    uint8_t seg[16];
    uint64_t sector;
    uint32_t num, flags;

    if (s->read_only) {
        req->status = VIRTIO_BLK_S_IOERR;
        return;
    }
    if (payload != sizeof(seg)) {
        /* We offer max_*_seg = 1. */
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: %s with %zu bytes of "
                      "segments\n", type == VIRTIO_BLK_T_DISCARD ?
                      "DISCARD" : "WRITE_ZEROES", payload);
        req->status = VIRTIO_BLK_S_UNSUPP;
        return;
    }
    iov_to_buf(elem->out_sg, elem->out_num, 16, seg, sizeof(seg));
    sector = blk_ldq(seg);
    num = blk_ldl(seg + 8);
    flags = blk_ldl(seg + 12);
    if ((flags & ~1u) ||
        (type == VIRTIO_BLK_T_DISCARD && (flags & 1))) {
        req->status = VIRTIO_BLK_S_UNSUPP;  /* the spec's answer */
        return;
    }
    if (num > MAX_DISCARD_SECTORS ||
        !virtio_blk_range_ok(s, sector, (uint64_t)num * SECTOR_SIZE)) {
        req->status = VIRTIO_BLK_S_IOERR;
        return;
    }
    virtio_blk_op(req, type == VIRTIO_BLK_T_DISCARD ? BDRV_AIO_DISCARD
                                                    : BDRV_AIO_WRITE_ZEROES,
                  sector * SECTOR_SIZE, NULL, (uint64_t)num * SECTOR_SIZE);
}

/*
 * Start one request; false when the chain is malformed (the device is
 * then broken and processing stops).
 */
static bool virtio_blk_handle_request(VirtIOBlock *s, VirtQueueElement *elem)
{
    size_t in_size = iov_size(elem->in_sg, elem->in_num);
    size_t out_size = iov_size(elem->out_sg, elem->out_num);
    VirtIOBlockReq *req;
    uint8_t hdr[16];
    size_t data_len;
    uint64_t sector;
    uint32_t type;

    if (out_size < sizeof(hdr) || in_size < 1) {
        virtio_error(&s->vdev, "virtio-blk: request of %zu readable and "
                     "%zu writable bytes lacks a header or status byte",
                     out_size, in_size);
        virtqueue_detach_element(s->vq, elem);
        return false;
    }
    iov_to_buf(elem->out_sg, elem->out_num, 0, hdr, sizeof(hdr));
    type = blk_ldl(hdr);
    sector = blk_ldq(hdr + 8);
    data_len = in_size - 1;

    req = calloc(1, sizeof(*req));
    if (!req) {
        fprintf(stderr, "qemu: virtio-blk: out of memory\n");
        abort();
    }
    req->s = s;
    req->elem = elem;
    req->status = VIRTIO_BLK_S_OK;
    req->pending = 1;

    if (type == VIRTIO_BLK_T_FLUSH) {
        /*
         * Completes only once the data is on the host's disk; with a
         * pool, only after every request before it has completed.
         */
        if (s->read_only) {
            virtio_blk_put(req);
        } else if (s->inflight) {
            req->next = s->flush_wait;
            s->flush_wait = req;
        } else {
            virtio_blk_submit_flush(req);
        }
        return true;
    }
    req->counted = true;
    s->inflight++;

    switch (type) {
    case VIRTIO_BLK_T_IN:
        if (!virtio_blk_range_ok(s, sector, data_len)) {
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: read of %zu bytes "
                          "at sector %" PRIu64 " outside the %" PRIu64
                          "-sector disk\n", data_len, sector, s->capacity);
            req->status = VIRTIO_BLK_S_IOERR;
            break;
        }
        req->written = data_len;
        virtio_blk_read_iov(req, sector * SECTOR_SIZE, elem->in_sg,
                            elem->in_num, data_len);
        break;
    case VIRTIO_BLK_T_OUT:
        if (s->read_only) {
            req->status = VIRTIO_BLK_S_IOERR;
            break;
        }
        if (!virtio_blk_range_ok(s, sector, out_size - sizeof(hdr))) {
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: write of %zu bytes "
                          "at sector %" PRIu64 " outside the %" PRIu64
                          "-sector disk\n", out_size - sizeof(hdr), sector,
                          s->capacity);
            req->status = VIRTIO_BLK_S_IOERR;
            break;
        }
        virtio_blk_write_iov(req, sector * SECTOR_SIZE, elem->out_sg,
                             elem->out_num, sizeof(hdr));
        break;
    case VIRTIO_BLK_T_GET_ID: {
        size_t n = data_len < VIRTIO_BLK_ID_BYTES ? data_len
                                                  : VIRTIO_BLK_ID_BYTES;

        req->written = iov_from_buf(elem->in_sg, elem->in_num, 0,
                                    s->serial, n);
        break;
    }
    case VIRTIO_BLK_T_DISCARD:
    case VIRTIO_BLK_T_WRITE_ZEROES:
        virtio_blk_discard(req, type);
        break;
    default:
        req->status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    virtio_blk_put(req);
    return true;
}

static void virtio_blk_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;
    VirtQueueElement *elem;

    /* One interrupt for what completes during the batch. */
    s->batching = true;
    s->need_notify = false;
    while ((elem = virtqueue_pop(vq)) != NULL) {
        if (!virtio_blk_handle_request(s, elem)) {
            break;
        }
    }
    s->batching = false;
    if (s->need_notify) {
        virtio_notify(vdev, vq);
    }
}

void virtio_blk_set_aio_pool(VirtIODevice *vdev, BdrvAioPool *pool)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;

    if (s->pool) {
        bdrv_aio_pool_drain(s->pool);
    }
    s->pool = pool;
}

static void virtio_blk_reset(VirtIODevice *vdev)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;

    /* Requests in flight complete (into the old rings) first. */
    if (s->pool) {
        bdrv_aio_pool_drain(s->pool);
    }
    virtio_blk_update_capacity(s);
}

static void virtio_blk_print_props(DeviceState *dev, FILE *f, int indent)
{
    VirtIOBlock *s = dev->opaque;

    fprintf(f, "%*sdrive = \"%s\"\n", indent, "", s->bs->filename);
    fprintf(f, "%*sserial = \"%.*s\"\n", indent, "", VIRTIO_BLK_ID_BYTES,
            s->serial);
    fprintf(f, "%*sread-only = %s\n", indent, "",
            s->read_only ? "on" : "off");
}

static const VirtIODeviceOps virtio_blk_ops = {
    .get_config = virtio_blk_get_config,
    .reset = virtio_blk_reset,
};

VirtIODevice *virtio_blk_new(const char *id, BlockDriverState *bs,
                             bool read_only, const char *serial)
{
    VirtIOBlock *s = calloc(1, sizeof(*s));
    VirtIODevice *vdev;

    if (!s) {
        fprintf(stderr, "qemu: virtio-blk: out of memory\n");
        abort();
    }
    vdev = &s->vdev;
    vdev->qdev.type = "virtio-blk-device";
    vdev->qdev.id = id ? strdup(id) : NULL;
    vdev->qdev.opaque = s;
    vdev->qdev.print_props = virtio_blk_print_props;
    virtio_init(vdev, "virtio-blk", VIRTIO_ID_BLOCK, VIRTIO_BLK_CONFIG_SIZE,
                &virtio_blk_ops);
    s->bs = bs;
    s->read_only = read_only || bs->read_only;
    if (serial) {
        memcpy(s->serial, serial, strnlen(serial, sizeof(s->serial)));
    }
    vdev->host_features = (1ULL << VIRTIO_BLK_F_SEG_MAX) |
                          (1ULL << VIRTIO_BLK_F_BLK_SIZE) |
                          (1ULL << VIRTIO_BLK_F_FLUSH);
    if (s->read_only) {
        vdev->host_features |= 1ULL << VIRTIO_BLK_F_RO;
    } else {
        vdev->host_features |= (1ULL << VIRTIO_BLK_F_DISCARD) |
                               (1ULL << VIRTIO_BLK_F_WRITE_ZEROES);
    }
    s->vq = virtio_add_queue(vdev, VIRTIO_BLK_QUEUE_SIZE,
                             virtio_blk_handle_output);
    virtio_blk_update_capacity(s);
    return vdev;
}
