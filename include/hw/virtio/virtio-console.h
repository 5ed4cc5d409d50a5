/*
 * hw/virtio/virtio-console.h: a virtio console (hw/virtio/virtio-console.c),
 * VIRTIO_ID_CONSOLE without VIRTIO_CONSOLE_F_MULTIPORT: one port (port
 * 0, Linux's hvc0) on a character backend.  "-device
 * virtio-serial-device -device virtconsole,chardev=ID" builds it.
 *
 * Queues: 0 receiveq (host input to the guest), 1 transmitq.
 */
#ifndef HW_VIRTIO_VIRTIO_CONSOLE_H
#define HW_VIRTIO_VIRTIO_CONSOLE_H

#include "hw/char/chr-be.h"
#include "hw/virtio/virtio.h"

#define VIRTIO_CONSOLE_QUEUE_SIZE   128
#define VIRTIO_CONSOLE_CONFIG_SIZE  12

/* chr may be NULL (output dropped) and attached later. */
VirtIODevice *virtio_console_new(const char *id, Chardev *chr);
/* Attach the backend; false if one is attached already or chr has a
 * frontend. */
bool virtio_console_set_chardev(VirtIODevice *vdev, Chardev *chr);
bool virtio_console_has_chardev(VirtIODevice *vdev);
/* The attached backend's label ("" without one), for info qtree. */
const char *virtio_console_chardev_label(VirtIODevice *vdev);

#endif
