/*
 * hw/virtio/virtio-console.c: a virtio console (virtio 1.x, 5.3) in its
 * simplest form: VIRTIO_ID_CONSOLE without VIRTIO_CONSOLE_F_MULTIPORT,
 * so the driver sees exactly one port, port 0 (Linux: hvc0), and no
 * control queues.  Queue 0 (receiveq) carries host input into buffers
 * the guest posts, queue 1 (transmitq) the guest's output, which goes
 * straight to the Chardev.
 *
 * Input flow control: the backend asks can_receive; we answer with the
 * room left in the receive buffer we hold (popping one when we hold
 * none), 0 before DRIVER_OK or without buffers.  Every chunk received
 * is returned to the guest at once.  When the guest posts buffers we
 * call qemu_chr_fe_accept_input so the backend sends what it kept.
 *
 * Config space: le16 cols, le16 rows, le32 max_nr_ports, le32 emerg_wr;
 * none of the features that give them meaning is offered, so they read
 * as 0 and a write of emerg_wr is ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/virtio/virtio-console.h"
#include "qemu/log.h"

typedef struct VirtIOConsole {
    VirtIODevice vdev;
    VirtQueue *rx, *tx;
    CharBackend chr;
    VirtQueueElement *rx_elem;   /* receive buffer being filled */
    size_t rx_used;              /* bytes of it written */
} VirtIOConsole;

static bool virtio_console_rx_ok(VirtIOConsole *s)
{
    return (s->vdev.status & VIRTIO_CONFIG_S_DRIVER_OK) &&
           !s->vdev.broken && virtio_queue_ready(s->rx);
}

/* Hold a receive buffer if the guest posted one. */
static bool virtio_console_get_rx(VirtIOConsole *s)
{
    if (!s->rx_elem) {
        s->rx_elem = virtqueue_pop(s->rx);
        s->rx_used = 0;
        if (s->rx_elem && s->rx_elem->in_num == 0) {
            /* Nothing to write into: give it back empty. */
            virtqueue_push(s->rx, s->rx_elem, 0);
            s->rx_elem = NULL;
            virtio_notify(&s->vdev, s->rx);
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-console: receive "
                          "buffer with no writable part\n");
        }
    }
    return s->rx_elem != NULL;
}

static int virtio_console_can_receive(void *opaque)
{
    VirtIOConsole *s = opaque;
    size_t room;

    if (!virtio_console_rx_ok(s) || !virtio_console_get_rx(s)) {
        return 0;
    }
    room = iov_size(s->rx_elem->in_sg, s->rx_elem->in_num) - s->rx_used;
    return room > 65536 ? 65536 : (int)room;
}

static void virtio_console_receive(void *opaque, const uint8_t *buf,
                                   int size)
{
    VirtIOConsole *s = opaque;

    while (size > 0 && virtio_console_rx_ok(s) &&
           virtio_console_get_rx(s)) {
        size_t n = iov_from_buf(s->rx_elem->in_sg, s->rx_elem->in_num,
                                s->rx_used, buf, size);

        s->rx_used += n;
        buf += n;
        size -= n;
        virtqueue_push(s->rx, s->rx_elem, s->rx_used);
        s->rx_elem = NULL;
        virtio_notify(&s->vdev, s->rx);
    }
    if (size > 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-console: %d input bytes "
                      "dropped: no receive buffer\n", size);
    }
}

static void virtio_console_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    (void)vq;
    /* New buffers: the backend may push what it held back. */
    qemu_chr_fe_accept_input(&s->chr);
}

static void virtio_console_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;
    VirtQueueElement *elem;
    bool done = false;

    while ((elem = virtqueue_pop(vq)) != NULL) {
        unsigned i;

        for (i = 0; i < elem->out_num; i++) {
            qemu_chr_fe_write_all(&s->chr, elem->out_sg[i].iov_base,
                                  elem->out_sg[i].iov_len);
        }
        virtqueue_push(vq, elem, 0);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

static void virtio_console_get_config(VirtIODevice *vdev, uint8_t *config)
{
    (void)vdev;
    memset(config, 0, VIRTIO_CONSOLE_CONFIG_SIZE);
}

static void virtio_console_set_config(VirtIODevice *vdev,
                                      const uint8_t *config)
{
    (void)vdev;
    (void)config;               /* emerg_wr without F_EMERG_WRITE */
}

static void virtio_console_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
        qemu_chr_fe_accept_input(&s->chr);
    }
}

static void virtio_console_reset(VirtIODevice *vdev)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    if (s->rx_elem) {
        virtqueue_detach_element(s->rx, s->rx_elem);
        s->rx_elem = NULL;
    }
}

static void virtio_console_print_props(DeviceState *dev, FILE *f, int indent)
{
    (void)dev;
    fprintf(f, "%*smax_ports = 1\n", indent, "");
}

const char *virtio_console_chardev_label(VirtIODevice *vdev)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    return s->chr.chr && s->chr.chr->label ? s->chr.chr->label : "";
}

static const VirtIODeviceOps virtio_console_ops = {
    .get_config = virtio_console_get_config,
    .set_config = virtio_console_set_config,
    .reset = virtio_console_reset,
    .set_status = virtio_console_set_status,
};

bool virtio_console_set_chardev(VirtIODevice *vdev, Chardev *chr)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    if (s->chr.chr || !chr) {
        return false;
    }
    if (!qemu_chr_fe_init(&s->chr, chr)) {
        return false;
    }
    qemu_chr_fe_set_handlers(&s->chr, virtio_console_can_receive,
                             virtio_console_receive, NULL, s);
    return true;
}

bool virtio_console_has_chardev(VirtIODevice *vdev)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    return s->chr.chr != NULL;
}

VirtIODevice *virtio_console_new(const char *id, Chardev *chr)
{
    VirtIOConsole *s = calloc(1, sizeof(*s));

    if (!s) {
        fprintf(stderr, "qemu: virtio-console: out of memory\n");
        abort();
    }
    s->vdev.qdev.type = "virtio-serial-device";
    s->vdev.qdev.id = id ? strdup(id) : NULL;
    s->vdev.qdev.opaque = s;
    s->vdev.qdev.print_props = virtio_console_print_props;
    virtio_init(&s->vdev, "virtio-console", VIRTIO_ID_CONSOLE,
                VIRTIO_CONSOLE_CONFIG_SIZE, &virtio_console_ops);
    s->rx = virtio_add_queue(&s->vdev, VIRTIO_CONSOLE_QUEUE_SIZE,
                             virtio_console_handle_rx);
    s->tx = virtio_add_queue(&s->vdev, VIRTIO_CONSOLE_QUEUE_SIZE,
                             virtio_console_handle_tx);
    qemu_chr_fe_init(&s->chr, NULL);
    if (chr && !virtio_console_set_chardev(&s->vdev, chr)) {
        fprintf(stderr, "qemu: virtio-console: chardev '%s' is in use\n",
                chr->label ? chr->label : "");
    }
    return &s->vdev;
}
