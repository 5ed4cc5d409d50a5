/*
 * hw/virtio/virtio-rng.h: the entropy device (hw/virtio/virtio-rng.c),
 * "virtio-rng-device": fills the driver's buffers with getrandom().
 */
#ifndef HW_VIRTIO_VIRTIO_RNG_H
#define HW_VIRTIO_VIRTIO_RNG_H

#include "hw/virtio/virtio.h"

VirtIODevice *virtio_rng_new(const char *id);

#endif
