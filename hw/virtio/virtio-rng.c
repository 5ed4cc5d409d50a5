/*
 * hw/virtio/virtio-rng.c: the entropy device (virtio 1.x, 5.4),
 * "virtio-rng-device".  One request queue; every buffer the driver
 * posts is filled completely from the host's getrandom() and returned
 * at once.  No features, no config space.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "hw/virtio/virtio-rng.h"
#include "qemu/log.h"

#define VIRTIO_RNG_QUEUE_SIZE 64

typedef struct VirtIORNG {
    VirtIODevice vdev;
    VirtQueue *vq;
} VirtIORNG;

/* Fill len bytes; returns how many the host gave (len unless it fails). */
static size_t virtio_rng_fill(void *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = getrandom((uint8_t *)buf + done, len - done, 0);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        done += n;
    }
    return done;
}

static void virtio_rng_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtQueueElement *elem;
    bool done = false;

    while ((elem = virtqueue_pop(vq)) != NULL) {
        size_t total = 0;
        unsigned i;

        for (i = 0; i < elem->in_num; i++) {
            size_t n = virtio_rng_fill(elem->in_sg[i].iov_base,
                                       elem->in_sg[i].iov_len);

            total += n;
            if (n < elem->in_sg[i].iov_len) {
                break;
            }
        }
        virtqueue_push(vq, elem, total);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

static void virtio_rng_print_props(DeviceState *dev, FILE *f, int indent)
{
    (void)dev;
    fprintf(f, "%*srng = \"getrandom\"\n", indent, "");
}

static const VirtIODeviceOps virtio_rng_ops = {
    .get_config = NULL,
};

VirtIODevice *virtio_rng_new(const char *id)
{
    VirtIORNG *s = calloc(1, sizeof(*s));

    if (!s) {
        fprintf(stderr, "qemu: virtio-rng: out of memory\n");
        abort();
    }
    s->vdev.qdev.type = "virtio-rng-device";
    s->vdev.qdev.id = id ? strdup(id) : NULL;
    s->vdev.qdev.opaque = s;
    s->vdev.qdev.print_props = virtio_rng_print_props;
    virtio_init(&s->vdev, "virtio-rng", VIRTIO_ID_RNG, 0, &virtio_rng_ops);
    s->vq = virtio_add_queue(&s->vdev, VIRTIO_RNG_QUEUE_SIZE,
                             virtio_rng_handle_output);
    return &s->vdev;
}
