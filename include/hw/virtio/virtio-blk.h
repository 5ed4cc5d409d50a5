/*
 * hw/virtio/virtio-blk.h: the virtio block device (hw/virtio/virtio-blk.c),
 * "virtio-blk-device" on a virtio-mmio transport, backed by a block
 * layer node (a -drive's bs).
 */
#ifndef HW_VIRTIO_VIRTIO_BLK_H
#define HW_VIRTIO_VIRTIO_BLK_H

#include "block/block.h"
#include "hw/virtio/virtio.h"

/* Feature bits (virtio 1.x, 5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX       1
#define VIRTIO_BLK_F_SEG_MAX        2
#define VIRTIO_BLK_F_GEOMETRY       4
#define VIRTIO_BLK_F_RO             5
#define VIRTIO_BLK_F_BLK_SIZE       6
#define VIRTIO_BLK_F_FLUSH          9
#define VIRTIO_BLK_F_TOPOLOGY       10
#define VIRTIO_BLK_F_CONFIG_WCE     11
#define VIRTIO_BLK_F_DISCARD        13
#define VIRTIO_BLK_F_WRITE_ZEROES   14

/* Request types and status bytes. */
#define VIRTIO_BLK_T_IN             0
#define VIRTIO_BLK_T_OUT            1
#define VIRTIO_BLK_T_FLUSH          4
#define VIRTIO_BLK_T_GET_ID         8
#define VIRTIO_BLK_T_DISCARD        11
#define VIRTIO_BLK_T_WRITE_ZEROES   13
#define VIRTIO_BLK_S_OK             0
#define VIRTIO_BLK_S_IOERR          1
#define VIRTIO_BLK_S_UNSUPP         2

#define VIRTIO_BLK_ID_BYTES         20
#define VIRTIO_BLK_QUEUE_SIZE       256
#define VIRTIO_BLK_CONFIG_SIZE      60

/*
 * A block device on bs (not owned: the -drive keeps it).  read_only
 * offers VIRTIO_BLK_F_RO and fails writes; serial (may be NULL, at most
 * 20 bytes used) answers GET_ID.  Requests are served synchronously in
 * the notify (MMIO) handler unless a pool is set (below).  qdev id: id
 * (may be NULL).
 */
VirtIODevice *virtio_blk_new(const char *id, BlockDriverState *bs,
                             bool read_only, const char *serial);

/*
 * Serve requests on pool from now on (NULL: synchronously again).
 * Completions arrive when the pool's owner calls bdrv_aio_pool_complete
 * (the main loop does, on bdrv_aio_pool_fd), under the global lock.
 * A FLUSH then waits for every request started before it.
 */
void virtio_blk_set_aio_pool(VirtIODevice *vdev, BdrvAioPool *pool);

/*
 * Wait for every request the -device drivers' shared pool has in
 * flight and complete them (hw/virtio/virtio-devices.c).  vl.c calls it
 * with the vCPUs paused before flushing and closing the drives, so no
 * worker thread touches a closed image.
 */
void virtio_blk_drain_all(void);

#endif
