/*
 * hw/virtio/virtio.c: the device half of virtio 1.x (split virtqueues),
 * shared by every virtio device (blk, net, rng, console) and driven by a
 * transport (virtio-mmio.c) through the functions in hw/virtio/virtio.h.
 *
 * A split virtqueue is three areas of guest memory the driver allocates:
 *
 *   descriptor table  num x { le64 addr; le32 len; le16 flags; le16 next }
 *   driver area       le16 flags; le16 idx; le16 ring[num]; le16 used_event
 *   device area       le16 flags; le16 idx; { le32 id; le32 len }[num];
 *                     le16 avail_event
 *
 * The driver publishes chain heads in the avail ring and bumps avail idx;
 * the device pops them in order (last_avail_idx), maps the buffers, and
 * returns each head with the number of bytes it wrote through the used
 * ring.  With VIRTIO_RING_F_EVENT_IDX the two sides tell each other when
 * to bother: the driver wants an interrupt once used idx passes
 * used_event, the device wants a notification once avail idx passes
 * avail_event (which we keep at last_avail_idx, i.e. "tell me about
 * anything new").  Without it, the driver's VRING_AVAIL_F_NO_INTERRUPT
 * suppresses interrupts and we never ask to suppress notifications.
 *
 * Every guest memory access goes through vdev->dma_as: ring fields with
 * address_space_ld/st (little-endian), descriptors with
 * address_space_read, buffers with address_space_map (a descriptor
 * spanning two RAM regions becomes two iovecs).  Buffers written by the
 * device are unmapped with the length written, which marks them dirty
 * and lets exec.c drop translated code the guest read from disk.
 *
 * The guest controls all of this memory, so nothing is trusted: a head
 * or next index out of the table, a chain longer than the queue (a
 * loop), a zero-length or unmapped buffer, a readable descriptor after a
 * writable one, nested or empty indirect tables, an avail idx that ran
 * more than num ahead: each is logged under -d guest_errors and puts the
 * device in the "broken" state (status NEEDS_RESET, config interrupt),
 * where it pops nothing until the driver resets it.  That is what the
 * spec (2.1.2) asks for, and it keeps a hostile guest from reaching
 * anything outside its RAM.
 *
 * Everything runs under the global lock.  The driver runs on vCPU
 * threads concurrently with us, so ring reads and writes are ordered
 * with fences as the spec's memory model requires.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/virtio/virtio.h"
#include "qemu/log.h"

struct VirtQueue {
    VirtIODevice *vdev;
    int index;
    unsigned num_max;            /* what the device supports */
    unsigned num;                /* what the driver chose */
    bool ready;
    hwaddr desc, avail, used;
    uint16_t last_avail_idx;     /* next avail ring slot to pop */
    uint16_t used_idx;           /* our copy of used->idx */
    uint16_t signalled_used;     /* used idx at the last interrupt */
    bool signalled_used_valid;
    unsigned inuse;
    VirtIOHandleOutput *handle_output;
};

/*
 * An element with the transport's bookkeeping: the regions to unmap.
 * One allocation: this header, then the iovec, address and region
 * arrays, so that free(elem) alone releases everything.
 */
typedef struct VirtQueueElementFull {
    VirtQueueElement elem;       /* first: the device sees only this */
    MemoryRegion **out_mr, **in_mr;
} VirtQueueElementFull;

typedef struct VRingDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VRingDesc;

static void *virtio_alloc(size_t size)
{
    void *p = calloc(1, size);

    if (!p) {
        fprintf(stderr, "qemu: virtio: out of memory\n");
        abort();
    }
    return p;
}

static inline uint16_t lduw_le_p(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static inline uint32_t ldl_le_p(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t ldq_le_p(const uint8_t *p)
{
    return ldl_le_p(p) | ((uint64_t)ldl_le_p(p + 4) << 32);
}

/* ------------------------------------------------------------ device */

void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 size_t config_len, const VirtIODeviceOps *ops)
{
    vdev->name = name;
    vdev->device_id = device_id;
    vdev->host_features = 0;
    vdev->guest_features = 0;
    vdev->status = 0;
    vdev->isr = 0;
    vdev->config_generation = 0;
    vdev->config_len = config_len;
    vdev->ops = ops;
    vdev->vq = virtio_alloc(VIRTIO_MAX_QUEUES * sizeof(VirtQueue));
    vdev->num_queues = 0;
    vdev->broken = false;
    if (!vdev->qdev.type) {
        vdev->qdev.type = name;
    }
}

void virtio_cleanup(VirtIODevice *vdev)
{
    free(vdev->vq);
    vdev->vq = NULL;
    vdev->num_queues = 0;
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, int queue_size,
                            VirtIOHandleOutput *handle_output)
{
    VirtQueue *vq;

    /* Device bugs, not guest input. */
    if (vdev->num_queues >= VIRTIO_MAX_QUEUES || queue_size <= 0 ||
        queue_size > VIRTQUEUE_MAX_SIZE ||
        (queue_size & (queue_size - 1)) != 0) {
        fprintf(stderr, "qemu: %s: bad virtqueue (number %d, size %d)\n",
                vdev->name, vdev->num_queues, queue_size);
        abort();
    }
    vq = &vdev->vq[vdev->num_queues];
    memset(vq, 0, sizeof(*vq));
    vq->vdev = vdev;
    vq->index = vdev->num_queues++;
    vq->num_max = queue_size;
    vq->num = queue_size;
    vq->handle_output = handle_output;
    return vq;
}

VirtQueue *virtio_get_queue(VirtIODevice *vdev, int n)
{
    if (n < 0 || n >= vdev->num_queues) {
        return NULL;
    }
    return &vdev->vq[n];
}

int virtio_queue_index(VirtQueue *vq)
{
    return vq->index;
}

bool virtio_queue_ready(VirtQueue *vq)
{
    return vq->ready;
}

bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit)
{
    return bit < 64 && ((vdev->guest_features >> bit) & 1);
}

uint64_t virtio_host_features(const VirtIODevice *vdev)
{
    return vdev->host_features | (1ULL << VIRTIO_F_VERSION_1) |
           (1ULL << VIRTIO_RING_F_INDIRECT_DESC) |
           (1ULL << VIRTIO_RING_F_EVENT_IDX);
}

void virtio_update_irq(VirtIODevice *vdev)
{
    if (vdev->update_irq) {
        vdev->update_irq(vdev);
    }
}

static void virtio_queue_reset(VirtQueue *vq)
{
    vq->num = vq->num_max;
    vq->ready = false;
    vq->desc = vq->avail = vq->used = 0;
    vq->last_avail_idx = 0;
    vq->used_idx = 0;
    vq->signalled_used = 0;
    vq->signalled_used_valid = false;
    vq->inuse = 0;
}

void virtio_reset(VirtIODevice *vdev)
{
    int i;

    /* The device first, so it can drop the elements it holds. */
    if (vdev->ops && vdev->ops->reset) {
        vdev->ops->reset(vdev);
    }
    vdev->status = 0;
    vdev->isr = 0;
    vdev->guest_features = 0;
    vdev->broken = false;
    for (i = 0; i < vdev->num_queues; i++) {
        virtio_queue_reset(&vdev->vq[i]);
    }
    virtio_update_irq(vdev);
}

void virtio_set_status(VirtIODevice *vdev, uint8_t val)
{
    if (val == 0) {
        virtio_reset(vdev);
        return;
    }
    /* NEEDS_RESET is the device's to set and clear. */
    val &= ~VIRTIO_CONFIG_S_NEEDS_RESET;
    if ((val & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
        if (!virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
            /* A legacy driver: this transport has no legacy interface. */
            qemu_log_mask(LOG_GUEST_ERROR, "%s: FEATURES_OK without "
                          "VIRTIO_F_VERSION_1: refused\n", vdev->name);
            val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
        } else if (vdev->ops && vdev->ops->set_features) {
            vdev->ops->set_features(vdev, vdev->guest_features);
        }
    }
    if (vdev->broken) {
        val |= VIRTIO_CONFIG_S_NEEDS_RESET;
    }
    vdev->status = val;
    if (vdev->ops && vdev->ops->set_status) {
        vdev->ops->set_status(vdev, val);
    }
}

void virtio_set_driver_features(VirtIODevice *vdev, unsigned sel,
                                uint32_t val)
{
    uint64_t offered = virtio_host_features(vdev);

    if (sel > 1) {
        /* No features there: writes of 0 are what drivers do. */
        if (val) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: driver features word %u "
                          "= 0x%x: no such features\n", vdev->name, sel, val);
        }
        return;
    }
    if (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: driver features written after "
                      "FEATURES_OK: ignored\n", vdev->name);
        return;
    }
    if (sel == 0) {
        vdev->guest_features = (vdev->guest_features & ~0xffffffffULL) |
                               (val & (uint32_t)offered);
    } else {
        vdev->guest_features = (vdev->guest_features & 0xffffffffULL) |
                               ((uint64_t)val << 32 & offered &
                                ~0xffffffffULL);
    }
}

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;
    char msg[256];

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %s\n", vdev->name, msg);
    if (vdev->broken) {
        return;
    }
    vdev->broken = true;
    vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
    if (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) {
        virtio_notify_config(vdev);
    }
}

void virtio_notify_config(VirtIODevice *vdev)
{
    vdev->config_generation++;
    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_CONFIG;
    virtio_update_irq(vdev);
}

/* ------------------------------------------------------ config space */

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t addr, unsigned size)
{
    uint8_t buf[256];
    uint32_t val = 0;
    unsigned i;

    if (size == 0 || size > 4 || addr >= vdev->config_len ||
        size > vdev->config_len - addr || vdev->config_len > sizeof(buf)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: config read of %u bytes at "
                      "0x%x out of range\n", vdev->name, size, addr);
        return 0;
    }
    memset(buf, 0, sizeof(buf));
    if (vdev->ops && vdev->ops->get_config) {
        vdev->ops->get_config(vdev, buf);
    }
    for (i = 0; i < size; i++) {
        val |= (uint32_t)buf[addr + i] << (8 * i);
    }
    return val;
}

void virtio_config_write(VirtIODevice *vdev, uint32_t addr, uint32_t val,
                         unsigned size)
{
    uint8_t buf[256];
    unsigned i;

    if (size == 0 || size > 4 || addr >= vdev->config_len ||
        size > vdev->config_len - addr || vdev->config_len > sizeof(buf)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: config write of %u bytes at "
                      "0x%x out of range\n", vdev->name, size, addr);
        return;
    }
    if (!vdev->ops || !vdev->ops->set_config) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: config write at 0x%x: "
                      "read-only\n", vdev->name, addr);
        return;
    }
    memset(buf, 0, sizeof(buf));
    if (vdev->ops->get_config) {
        vdev->ops->get_config(vdev, buf);
    }
    for (i = 0; i < size; i++) {
        buf[addr + i] = val >> (8 * i);
    }
    vdev->ops->set_config(vdev, buf);
}

/* --------------------------------------------------- queue registers */

unsigned virtio_queue_get_num_max(VirtIODevice *vdev, int n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    return vq ? vq->num_max : 0;
}

unsigned virtio_queue_get_num(VirtIODevice *vdev, int n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    return vq ? vq->num : 0;
}

void virtio_queue_set_num(VirtIODevice *vdev, int n, unsigned num)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: QueueNum for missing queue "
                      "%d\n", vdev->name, n);
        return;
    }
    vq->num = num;          /* checked when the queue is made ready */
}

uint64_t virtio_queue_get_addr(VirtIODevice *vdev, int n, int which)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        return 0;
    }
    return which == 0 ? vq->desc : which == 1 ? vq->avail : vq->used;
}

void virtio_queue_set_addr(VirtIODevice *vdev, int n, int which,
                           uint64_t addr)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: queue address for missing "
                      "queue %d\n", vdev->name, n);
        return;
    }
    if (which == 0) {
        vq->desc = addr;
    } else if (which == 1) {
        vq->avail = addr;
    } else {
        vq->used = addr;
    }
}

bool virtio_queue_get_ready(VirtIODevice *vdev, int n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    return vq && vq->ready;
}

void virtio_queue_set_ready(VirtIODevice *vdev, int n, bool ready)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: QueueReady for missing queue "
                      "%d\n", vdev->name, n);
        return;
    }
    if (!ready) {
        vq->ready = false;
        return;
    }
    if (vq->num == 0 || vq->num > vq->num_max ||
        (vq->num & (vq->num - 1)) != 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: queue %d: size %u is not a "
                      "power of 2 up to %u: not made ready\n", vdev->name,
                      n, vq->num, vq->num_max);
        return;
    }
    if ((vq->desc & 15) || (vq->avail & 1) || (vq->used & 3)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: queue %d: misaligned rings "
                      "(desc 0x%" PRIx64 ", driver 0x%" PRIx64 ", device 0x%"
                      PRIx64 "): not made ready\n", vdev->name, n,
                      vq->desc, vq->avail, vq->used);
        return;
    }
    vq->ready = true;
    vq->last_avail_idx = 0;
    vq->used_idx = 0;
    vq->signalled_used_valid = false;
    vq->inuse = 0;
}

void virtio_queue_notify(VirtIODevice *vdev, int n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: notify for missing queue %d\n",
                      vdev->name, n);
        return;
    }
    if (!vq->ready || vdev->broken || !vq->handle_output) {
        return;
    }
    vq->handle_output(vdev, vq);
}

/* --------------------------------------------------------- the rings */

static uint16_t vring_avail_flags(VirtQueue *vq, MemTxResult *res)
{
    return address_space_ldw_le(vq->vdev->dma_as, vq->avail, res);
}

static uint16_t vring_avail_idx(VirtQueue *vq, MemTxResult *res)
{
    return address_space_ldw_le(vq->vdev->dma_as, vq->avail + 2, res);
}

static uint16_t vring_avail_ring(VirtQueue *vq, unsigned i, MemTxResult *res)
{
    return address_space_ldw_le(vq->vdev->dma_as, vq->avail + 4 + 2 * i,
                                 res);
}

static uint16_t vring_used_event(VirtQueue *vq, MemTxResult *res)
{
    return vring_avail_ring(vq, vq->num, res);
}

static void vring_set_avail_event(VirtQueue *vq, uint16_t val)
{
    address_space_stw_le(vq->vdev->dma_as, vq->used + 4 + 8 * vq->num, val);
}

/* Whether the ring's avail idx has news; broken/unready queues have none. */
static int virtqueue_num_heads(VirtQueue *vq)
{
    MemTxResult res;
    uint16_t idx, n;

    idx = vring_avail_idx(vq, &res);
    if (res != MEMTX_OK) {
        virtio_error(vq->vdev, "queue %d: driver area at 0x%" PRIx64
                     " is not memory", vq->index, vq->avail);
        return -1;
    }
    n = idx - vq->last_avail_idx;
    if (n > vq->num) {
        virtio_error(vq->vdev, "queue %d: avail idx %u is %u ahead of %u "
                     "(queue size %u)", vq->index, idx, n,
                     vq->last_avail_idx, vq->num);
        return -1;
    }
    if (n) {
        /* Read the ring entries only after seeing the index. */
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    }
    return n;
}

bool virtio_queue_empty(VirtQueue *vq)
{
    if (!vq->ready || vq->vdev->broken) {
        return true;
    }
    return virtqueue_num_heads(vq) <= 0;
}

unsigned virtqueue_inuse(VirtQueue *vq)
{
    return vq->inuse;
}

static bool vring_read_desc(VirtIODevice *vdev, hwaddr table, unsigned i,
                            VRingDesc *d)
{
    uint8_t raw[16];

    if (address_space_read(vdev->dma_as, table + 16 * (hwaddr)i, raw,
                           sizeof(raw)) != MEMTX_OK) {
        return false;
    }
    d->addr = ldq_le_p(raw);
    d->len = ldl_le_p(raw + 8);
    d->flags = lduw_le_p(raw + 12);
    d->next = lduw_le_p(raw + 14);
    return true;
}

/* The chain being collected, before it becomes an element. */
typedef struct ChainBuilder {
    unsigned out_num, in_num;
    struct iovec iov[VIRTQUEUE_MAX_SIZE];
    hwaddr addr[VIRTQUEUE_MAX_SIZE];
    MemoryRegion *mr[VIRTQUEUE_MAX_SIZE];
    bool is_write[VIRTQUEUE_MAX_SIZE];
} ChainBuilder;

static ChainBuilder chain_scratch;

static void chain_unmap(ChainBuilder *cb)
{
    unsigned i, n = cb->out_num + cb->in_num;

    for (i = 0; i < n; i++) {
        address_space_unmap(cb->mr[i], cb->iov[i].iov_base, 0,
                            cb->is_write[i]);
    }
}

/* Map one descriptor's buffer, maybe as several iovecs. */
static bool chain_map(VirtQueue *vq, ChainBuilder *cb, const VRingDesc *d)
{
    VirtIODevice *vdev = vq->vdev;
    bool is_write = d->flags & VRING_DESC_F_WRITE;
    hwaddr addr = d->addr;
    uint64_t left = d->len;

    if (d->len == 0) {
        virtio_error(vdev, "queue %d: zero-length buffer", vq->index);
        return false;
    }
    if (addr + left < addr) {
        virtio_error(vdev, "queue %d: buffer 0x%" PRIx64 "+0x%x wraps",
                     vq->index, addr, d->len);
        return false;
    }
    if (!is_write && cb->in_num) {
        virtio_error(vdev, "queue %d: device-readable buffer after a "
                     "device-writable one", vq->index);
        return false;
    }
    while (left) {
        unsigned n = cb->out_num + cb->in_num;
        hwaddr len = left;
        MemoryRegion *mr = NULL;
        void *p;

        if (n >= VIRTQUEUE_MAX_SIZE) {
            virtio_error(vdev, "queue %d: chain has too many buffers",
                         vq->index);
            return false;
        }
        p = address_space_map(vdev->dma_as, addr, &len, is_write, &mr);
        if (!p || len == 0) {
            virtio_error(vdev, "queue %d: buffer 0x%" PRIx64 "+0x%x is not "
                         "%sRAM", vq->index, d->addr, d->len,
                         is_write ? "writable " : "");
            return false;
        }
        cb->iov[n].iov_base = p;
        cb->iov[n].iov_len = len;
        cb->addr[n] = addr;
        cb->mr[n] = mr;
        cb->is_write[n] = is_write;
        if (is_write) {
            cb->in_num++;
        } else {
            cb->out_num++;
        }
        addr += len;
        left -= len;
    }
    return true;
}

/* Walk an indirect table (already checked: len a multiple of 16). */
static bool chain_indirect(VirtQueue *vq, ChainBuilder *cb,
                           const VRingDesc *ind)
{
    VirtIODevice *vdev = vq->vdev;
    unsigned count = ind->len / 16, i = 0, seen = 0;
    VRingDesc d;

    for (;;) {
        if (++seen > count) {
            virtio_error(vdev, "queue %d: indirect table loops", vq->index);
            return false;
        }
        if (!vring_read_desc(vdev, ind->addr, i, &d)) {
            virtio_error(vdev, "queue %d: indirect table at 0x%" PRIx64
                         " is not memory", vq->index, ind->addr);
            return false;
        }
        if (d.flags & VRING_DESC_F_INDIRECT) {
            virtio_error(vdev, "queue %d: nested indirect table",
                         vq->index);
            return false;
        }
        if (!chain_map(vq, cb, &d)) {
            return false;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        if (d.next >= count) {
            virtio_error(vdev, "queue %d: indirect next %u beyond table of "
                         "%u", vq->index, d.next, count);
            return false;
        }
        i = d.next;
    }
}

static bool chain_collect(VirtQueue *vq, ChainBuilder *cb, unsigned head)
{
    VirtIODevice *vdev = vq->vdev;
    unsigned i = head, seen = 0;
    VRingDesc d;

    for (;;) {
        if (++seen > vq->num) {
            virtio_error(vdev, "queue %d: chain from head %u loops or is "
                         "longer than the queue", vq->index, head);
            return false;
        }
        if (!vring_read_desc(vdev, vq->desc, i, &d)) {
            virtio_error(vdev, "queue %d: descriptor table at 0x%" PRIx64
                         " is not memory", vq->index, vq->desc);
            return false;
        }
        if (d.flags & VRING_DESC_F_INDIRECT) {
            if (!virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC)) {
                virtio_error(vdev, "queue %d: indirect descriptor without "
                             "VIRTIO_RING_F_INDIRECT_DESC", vq->index);
                return false;
            }
            if (d.flags & VRING_DESC_F_NEXT) {
                virtio_error(vdev, "queue %d: indirect descriptor with "
                             "NEXT", vq->index);
                return false;
            }
            if (d.len == 0 || d.len % 16 ||
                d.len / 16 > VIRTQUEUE_MAX_SIZE) {
                virtio_error(vdev, "queue %d: indirect table of %u bytes",
                             vq->index, d.len);
                return false;
            }
            return chain_indirect(vq, cb, &d);
        }
        if (!chain_map(vq, cb, &d)) {
            return false;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        if (d.next >= vq->num) {
            virtio_error(vdev, "queue %d: next %u beyond queue size %u",
                         vq->index, d.next, vq->num);
            return false;
        }
        i = d.next;
    }
}

static VirtQueueElement *element_from_chain(const ChainBuilder *cb,
                                            unsigned head)
{
    unsigned n = cb->out_num + cb->in_num;
    size_t size = sizeof(VirtQueueElementFull) +
                  n * (sizeof(struct iovec) + sizeof(hwaddr) +
                       sizeof(MemoryRegion *));
    VirtQueueElementFull *full = virtio_alloc(size);
    VirtQueueElement *elem = &full->elem;
    struct iovec *iov = (struct iovec *)(full + 1);
    hwaddr *addr = (hwaddr *)(iov + n);
    MemoryRegion **mr = (MemoryRegion **)(addr + n);

    elem->index = head;
    elem->out_num = cb->out_num;
    elem->in_num = cb->in_num;
    elem->out_sg = iov;
    elem->in_sg = iov + cb->out_num;
    elem->out_addr = addr;
    elem->in_addr = addr + cb->out_num;
    full->out_mr = mr;
    full->in_mr = mr + cb->out_num;
    memcpy(iov, cb->iov, n * sizeof(*iov));
    memcpy(addr, cb->addr, n * sizeof(*addr));
    memcpy(mr, cb->mr, n * sizeof(*mr));
    return elem;
}

VirtQueueElement *virtqueue_pop(VirtQueue *vq)
{
    VirtIODevice *vdev = vq->vdev;
    ChainBuilder *cb;
    VirtQueueElement *elem;
    MemTxResult res;
    unsigned head;
    int n;

    if (!vq->ready || vdev->broken) {
        return NULL;
    }
    n = virtqueue_num_heads(vq);
    if (n <= 0) {
        if (n == 0 && virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
            vring_set_avail_event(vq, vq->last_avail_idx);
        }
        return NULL;
    }
    head = vring_avail_ring(vq, vq->last_avail_idx % vq->num, &res);
    if (res != MEMTX_OK) {
        virtio_error(vdev, "queue %d: driver area at 0x%" PRIx64 " is not "
                     "memory", vq->index, vq->avail);
        return NULL;
    }
    vq->last_avail_idx++;
    if (virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
        vring_set_avail_event(vq, vq->last_avail_idx);
    }
    if (head >= vq->num) {
        virtio_error(vdev, "queue %d: head %u beyond queue size %u",
                     vq->index, head, vq->num);
        return NULL;
    }
    /* One scratch builder: every caller holds the global lock. */
    cb = &chain_scratch;
    cb->out_num = cb->in_num = 0;
    if (!chain_collect(vq, cb, head)) {
        chain_unmap(cb);
        return NULL;
    }
    elem = element_from_chain(cb, head);
    vq->inuse++;
    return elem;
}

/* Unmap elem's buffers: `written` bytes of its in_sg were written. */
static void element_unmap(VirtQueueElement *elem, size_t written)
{
    VirtQueueElementFull *full = (VirtQueueElementFull *)elem;
    unsigned i;

    for (i = 0; i < elem->out_num; i++) {
        address_space_unmap(full->out_mr[i], elem->out_sg[i].iov_base,
                            elem->out_sg[i].iov_len, false);
    }
    for (i = 0; i < elem->in_num; i++) {
        size_t len = elem->in_sg[i].iov_len;

        if (len > written) {
            len = written;
        }
        address_space_unmap(full->in_mr[i], elem->in_sg[i].iov_base, len,
                            true);
        written -= len;
    }
}

void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, unsigned len)
{
    VirtIODevice *vdev = vq->vdev;
    size_t in_size = iov_size(elem->in_sg, elem->in_num);
    hwaddr slot;

    if (len > in_size) {
        /* A device bug; the guest must not be told more than it gave. */
        len = in_size;
    }
    element_unmap(elem, len);
    if (vq->inuse) {
        vq->inuse--;
    }
    if (vq->ready && !vdev->broken) {
        slot = vq->used + 4 + 8 * (hwaddr)(vq->used_idx % vq->num);
        address_space_stl_le(vdev->dma_as, slot, elem->index);
        address_space_stl_le(vdev->dma_as, slot + 4, len);
        /* The entry before the index that publishes it. */
        __atomic_thread_fence(__ATOMIC_RELEASE);
        vq->used_idx++;
        address_space_stw_le(vdev->dma_as, vq->used + 2, vq->used_idx);
    }
    free(elem);
}

void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem)
{
    element_unmap(elem, 0);
    vq->last_avail_idx--;
    if (vq->inuse) {
        vq->inuse--;
    }
    free(elem);
}

void virtqueue_detach_element(VirtQueue *vq, VirtQueueElement *elem)
{
    element_unmap(elem, 0);
    if (vq->inuse) {
        vq->inuse--;
    }
    free(elem);
}

/* vring_need_event of the spec (2.7.10): did new_idx pass event? */
static bool vring_need_event(uint16_t event, uint16_t new_idx, uint16_t old)
{
    return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old);
}

static bool virtio_should_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    MemTxResult res;
    uint16_t old, new_idx, event;
    bool valid;

    /* Our used idx store before the driver's flags or used_event. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (!virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
        return !(vring_avail_flags(vq, &res) & VRING_AVAIL_F_NO_INTERRUPT);
    }
    old = vq->signalled_used;
    valid = vq->signalled_used_valid;
    new_idx = vq->signalled_used = vq->used_idx;
    vq->signalled_used_valid = true;
    event = vring_used_event(vq, &res);
    if (res != MEMTX_OK) {
        return true;
    }
    return !valid || vring_need_event(event, new_idx, old);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (!vq->ready || vdev->broken) {
        return;
    }
    if (!virtio_should_notify(vdev, vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_VQ;
    virtio_update_irq(vdev);
}

/* ----------------------------------------------------------- iovecs */

size_t iov_size(const struct iovec *iov, unsigned cnt)
{
    size_t size = 0;
    unsigned i;

    for (i = 0; i < cnt; i++) {
        size += iov[i].iov_len;
    }
    return size;
}

size_t iov_to_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                  void *buf, size_t len)
{
    size_t done = 0;
    unsigned i;

    for (i = 0; i < cnt && done < len; i++) {
        size_t n;

        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        n = iov[i].iov_len - offset;
        if (n > len - done) {
            n = len - done;
        }
        memcpy((uint8_t *)buf + done, (uint8_t *)iov[i].iov_base + offset, n);
        done += n;
        offset = 0;
    }
    return done;
}

size_t iov_from_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                    const void *buf, size_t len)
{
    size_t done = 0;
    unsigned i;

    for (i = 0; i < cnt && done < len; i++) {
        size_t n;

        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        n = iov[i].iov_len - offset;
        if (n > len - done) {
            n = len - done;
        }
        memcpy((uint8_t *)iov[i].iov_base + offset,
               (const uint8_t *)buf + done, n);
        done += n;
        offset = 0;
    }
    return done;
}
