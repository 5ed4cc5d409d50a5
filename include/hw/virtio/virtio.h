/*
 * hw/virtio/virtio.h: virtio 1.x devices (hw/virtio/virtio.c) and the
 * virtio-mmio transport (hw/virtio/virtio-mmio.c), split ring only.
 *
 * A device (blk, net, rng, console) embeds a VirtIODevice, fills the
 * id, features, config space and queues in its create function, and
 * handles guest notifications in its queues' handle_output: pop
 * elements, read the driver's buffers (out_sg), write its own (in_sg),
 * push the element back with the number of bytes written, then notify.
 * Guest memory is reached through the transport's DMA address space
 * with address_space_map: elements hold host iovecs valid until push.
 *
 * All of it runs under the global lock (MMIO handlers and main-loop
 * callbacks).  The legacy (version 1) mmio interface is not offered:
 * the transport is virtio-mmio version 2 with VIRTIO_F_VERSION_1.
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev.h"

#define VIRTIO_ID_NET       1
#define VIRTIO_ID_BLOCK     2
#define VIRTIO_ID_CONSOLE   3
#define VIRTIO_ID_RNG       4

#define VIRTIO_F_VERSION_1          32
#define VIRTIO_RING_F_INDIRECT_DESC 28
#define VIRTIO_RING_F_EVENT_IDX     29

#define VIRTQUEUE_MAX_SIZE  1024

/* Device status bits (virtio 1.x, 2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE     0x01
#define VIRTIO_CONFIG_S_DRIVER          0x02
#define VIRTIO_CONFIG_S_DRIVER_OK       0x04
#define VIRTIO_CONFIG_S_FEATURES_OK     0x08
#define VIRTIO_CONFIG_S_NEEDS_RESET     0x40
#define VIRTIO_CONFIG_S_FAILED          0x80

/* Interrupt status (ISR) bits. */
#define VIRTIO_ISR_VQ       0x1
#define VIRTIO_ISR_CONFIG   0x2

/* Split ring descriptor and ring flags. */
#define VRING_DESC_F_NEXT       1
#define VRING_DESC_F_WRITE      2
#define VRING_DESC_F_INDIRECT   4
#define VRING_AVAIL_F_NO_INTERRUPT  1
#define VRING_USED_F_NO_NOTIFY      1

typedef struct VirtIODevice VirtIODevice;
typedef struct VirtQueue VirtQueue;

typedef struct VirtQueueElement {
    unsigned index;              /* head descriptor */
    unsigned out_num, in_num;    /* driver->device, device->driver */
    struct iovec *out_sg, *in_sg;
    hwaddr *out_addr, *in_addr;
} VirtQueueElement;

typedef void VirtIOHandleOutput(VirtIODevice *vdev, VirtQueue *vq);

typedef struct VirtIODeviceOps {
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    void (*set_config)(VirtIODevice *vdev, const uint8_t *config);
    void (*reset)(VirtIODevice *vdev);
    /* The driver wrote the status register (DRIVER_OK etc.). */
    void (*set_status)(VirtIODevice *vdev, uint8_t status);
    /* Feature negotiation finished (FEATURES_OK). */
    void (*set_features)(VirtIODevice *vdev, uint64_t features);
} VirtIODeviceOps;

struct VirtIODevice {
    DeviceState qdev;
    const char *name;
    uint16_t device_id;
    uint64_t host_features;      /* offered (VERSION_1 added by virtio.c) */
    uint64_t guest_features;     /* accepted */
    uint8_t status;
    uint8_t isr;
    uint32_t config_generation;
    size_t config_len;
    const VirtIODeviceOps *ops;
    VirtQueue *vq;               /* VIRTIO_MAX_QUEUES of them */
    int num_queues;
    AddressSpace *dma_as;        /* set when plugged into a transport */
    /* Set by the transport: raise/lower its interrupt from isr. */
    void (*update_irq)(VirtIODevice *vdev);
    void *transport;
    /* virtio.c's own: a bad chain was seen, NEEDS_RESET until reset. */
    bool broken;
};

#define VIRTIO_MAX_QUEUES 64

/*
 * Set up vdev (queues added after).  It resets the virtio state, so set
 * host_features after it; qdev fields set before it are kept (qdev.type
 * defaults to name).
 */
void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 size_t config_len, const VirtIODeviceOps *ops);
/* Free what virtio_init allocated (the device frees its own state). */
void virtio_cleanup(VirtIODevice *vdev);
VirtQueue *virtio_add_queue(VirtIODevice *vdev, int queue_size,
                            VirtIOHandleOutput *handle_output);
VirtQueue *virtio_get_queue(VirtIODevice *vdev, int n);
int virtio_queue_index(VirtQueue *vq);
bool virtio_queue_ready(VirtQueue *vq);
/* Next available element (NULL: none; a malformed chain marks the
 * device broken: status NEEDS_RESET, logged with -d guest_errors). */
VirtQueueElement *virtqueue_pop(VirtQueue *vq);
/* Return elem with len bytes written to its in_sg; frees elem. */
void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, unsigned len);
/* Give elem back unused (it will be popped again); frees elem. */
void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem);
bool virtio_queue_empty(VirtQueue *vq);
/* Interrupt the driver if it wants one for vq (EVENT_IDX aware). */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
void virtio_notify_config(VirtIODevice *vdev);
bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit);
void virtio_reset(VirtIODevice *vdev);

/*
 * The driver did something no correct driver does (a malformed chain, a
 * bad request header): logged under -d guest_errors, the device stops
 * processing queues and sets NEEDS_RESET (with a config interrupt once
 * DRIVER_OK) until the driver resets it.
 */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Drop elem without returning it to the driver (device reset while a
 * device holds buffers): unmaps and frees it.
 */
void virtqueue_detach_element(VirtQueue *vq, VirtQueueElement *elem);
/* Buffers popped and not yet pushed. */
unsigned virtqueue_inuse(VirtQueue *vq);

/* ---- the transport's side of a device (virtio-mmio.c uses these) ---- */

/* What the device offers: host_features plus what virtio.c itself
 * implements (VERSION_1, INDIRECT_DESC, EVENT_IDX). */
uint64_t virtio_host_features(const VirtIODevice *vdev);
/* The driver's status write (0 resets; FEATURES_OK is refused, i.e.
 * left clear, when the accepted features lack VERSION_1). */
void virtio_set_status(VirtIODevice *vdev, uint8_t val);
/* The driver's feature bits, one 32-bit half (sel 0 or 1) at a time;
 * masked with what is offered.  Ignored after FEATURES_OK. */
void virtio_set_driver_features(VirtIODevice *vdev, unsigned sel,
                                uint32_t val);
/* Config space accesses of 1, 2 or 4 bytes (little-endian values);
 * out of range reads give 0 and writes are dropped (logged). */
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t addr, unsigned size);
void virtio_config_write(VirtIODevice *vdev, uint32_t addr, uint32_t val,
                         unsigned size);
/* Queue registers; n out of range or a missing queue: reads give 0. */
unsigned virtio_queue_get_num_max(VirtIODevice *vdev, int n);
unsigned virtio_queue_get_num(VirtIODevice *vdev, int n);
void virtio_queue_set_num(VirtIODevice *vdev, int n, unsigned num);
/* which: 0 descriptor table, 1 driver (avail) area, 2 device (used) area */
uint64_t virtio_queue_get_addr(VirtIODevice *vdev, int n, int which);
void virtio_queue_set_addr(VirtIODevice *vdev, int n, int which,
                           uint64_t addr);
bool virtio_queue_get_ready(VirtIODevice *vdev, int n);
/* Ready = 1 checks the size (power of 2, <= max) and alignments. */
void virtio_queue_set_ready(VirtIODevice *vdev, int n, bool ready);
/* The driver's QueueNotify: runs the queue's handle_output. */
void virtio_queue_notify(VirtIODevice *vdev, int n);
/* isr and the interrupt line. */
void virtio_update_irq(VirtIODevice *vdev);

/* Copy between iovecs and flat buffers; return bytes copied. */
size_t iov_to_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                  void *buf, size_t len);
size_t iov_from_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                    const void *buf, size_t len);
size_t iov_size(const struct iovec *iov, unsigned cnt);

/* ---- virtio-mmio transport ---- */

typedef struct VirtIOMMIOProxy VirtIOMMIOProxy;

/* A transport (0x200 bytes of registers) with nothing plugged in: reads
 * DeviceID 0, as the virt board's empty slots do.  Registers itself
 * with qdev ("virtio-mmio" on main-system-bus; its reset resets the
 * transport and the device). */
VirtIOMMIOProxy *virtio_mmio_create(const char *name, AddressSpace *dma_as);
MemoryRegion *virtio_mmio_region(VirtIOMMIOProxy *proxy);
qemu_irq *virtio_mmio_irq_out(VirtIOMMIOProxy *proxy);   /* board wires */
/* Plug vdev; false if the slot is taken.  Registers vdev's DeviceState
 * (qdev_register) on the transport's bus "virtio-mmio-bus.<N>". */
bool virtio_mmio_plug(VirtIOMMIOProxy *proxy, VirtIODevice *vdev);
VirtIODevice *virtio_mmio_device(VirtIOMMIOProxy *proxy);
/* Transport and device back to their reset state (system_reset; the
 * proxy's DeviceState.reset does this too). */
void virtio_mmio_reset(VirtIOMMIOProxy *proxy);

/*
 * Device constructors used by the board (also registered as -device
 * drivers virtio-blk-device, virtio-net-device, virtio-rng-device,
 * virtio-serial-device with a virtconsole).  The plug argument of the
 * DeviceDriver.create is the VirtIOMMIOProxy to plug into.
 */

#endif
