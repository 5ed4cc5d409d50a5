/*
 * hw/net/virtio-net.c: the network device (virtio 1.x, 5.1),
 * "virtio-net-device".
 *
 * Features: MAC (config space mac), STATUS (link up), VERSION_1 (the
 * 12-byte virtio_net_hdr_v1 leads every buffer, both ways).  No offloads,
 * no mergeable buffers, no control queue: queue 0 receives, queue 1
 * transmits.
 *
 * TX: every element is header + frame in the driver's buffers; the frame
 * goes to the peer with qemu_send_packet (the net layer copies what it
 * must queue), the element comes back with 0 bytes written.
 * RX: a frame from the peer takes one rx element: header (num_buffers 1)
 * and frame are written, the element pushed and the driver notified.
 * With no element available receive returns 0 and the net layer keeps
 * the frame; adding rx buffers (the rx queue's notification) flushes it.
 * Frames arriving before DRIVER_OK are dropped, as a real NIC would.
 *
 *   -device virtio-net-device[,netdev=ID][,mac=52:54:00:12:34:56][,id=]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/net/virtio-net.h"
#include "qemu/error-report.h"
#include "qemu/log.h"

#define VIRTIO_NET_QUEUE_SIZE   256
#define VIRTIO_NET_MAX_FRAME    (65536 + 14)

typedef struct VirtIONet {
    VirtIODevice vdev;
    VirtQueue *rx_vq, *tx_vq;
    NetClientState *nc;
    uint8_t mac[6];
    char *netdev;                /* the peer's id, for info qtree */
    uint8_t *tx_buf;
} VirtIONet;

static unsigned virtio_net_count;

static VirtIONet *virtio_net_of(VirtIODevice *vdev)
{
    return (VirtIONet *)vdev;
}

static void virtio_net_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIONet *n = virtio_net_of(vdev);
    uint16_t status = n->nc && n->nc->link_down ? 0 : VIRTIO_NET_S_LINK_UP;

    memcpy(config, n->mac, 6);
    config[6] = status & 0xff;
    config[7] = status >> 8;
}

static void virtio_net_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    (void)vdev;
    (void)config;                /* mac is read-only without CTRL_MAC_ADDR */
}

static void virtio_net_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIONet *n = virtio_net_of(vdev);

    if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
        qemu_flush_queued_packets(n->nc);
    }
}

static const VirtIODeviceOps virtio_net_ops = {
    .get_config = virtio_net_get_config,
    .set_config = virtio_net_set_config,
    .set_status = virtio_net_set_status,
};

static void virtio_net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    (void)vq;
    qemu_flush_queued_packets(virtio_net_of(vdev)->nc);
}

static void virtio_net_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = virtio_net_of(vdev);
    VirtQueueElement *elem;
    bool done = false;

    while ((elem = virtqueue_pop(vq)) != NULL) {
        size_t total = iov_size(elem->out_sg, elem->out_num);
        size_t len;

        if (total < VIRTIO_NET_HDR_LEN) {
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: tx buffer of %zu "
                          "bytes has no header\n", total);
        } else {
            len = total - VIRTIO_NET_HDR_LEN;
            if (len > VIRTIO_NET_MAX_FRAME) {
                qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: tx frame of %zu "
                              "bytes dropped\n", len);
            } else if (len > 0) {
                iov_to_buf(elem->out_sg, elem->out_num, VIRTIO_NET_HDR_LEN,
                           n->tx_buf, len);
                qemu_send_packet(n->nc, n->tx_buf, len);
            }
        }
        virtqueue_push(vq, elem, 0);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

static ssize_t virtio_net_receive(NetClientState *nc, const uint8_t *buf,
                                  size_t size)
{
    VirtIONet *n = nc->opaque;
    VirtQueueElement *elem;
    uint8_t hdr[VIRTIO_NET_HDR_LEN];
    size_t room, written;

    if (!(n->vdev.status & VIRTIO_CONFIG_S_DRIVER_OK) ||
        !virtio_queue_ready(n->rx_vq) || n->vdev.broken) {
        return size;             /* nobody is listening: dropped */
    }
    elem = virtqueue_pop(n->rx_vq);
    if (!elem) {
        return 0;                /* queued until the driver adds buffers */
    }
    room = iov_size(elem->in_sg, elem->in_num);
    if (room < VIRTIO_NET_HDR_LEN + size) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: rx buffer of %zu bytes "
                      "for a %zu-byte frame: truncated\n", room, size);
    }
    memset(hdr, 0, sizeof(hdr));
    hdr[10] = 1;                 /* num_buffers (le16) */
    written = iov_from_buf(elem->in_sg, elem->in_num, 0, hdr, sizeof(hdr));
    if (written == sizeof(hdr)) {
        written += iov_from_buf(elem->in_sg, elem->in_num, sizeof(hdr),
                                buf, size);
    }
    virtqueue_push(n->rx_vq, elem, written);
    virtio_notify(&n->vdev, n->rx_vq);
    return size;
}

static void virtio_net_info_str(NetClientState *nc, char *buf, size_t len)
{
    VirtIONet *n = nc->opaque;

    snprintf(buf, len, "model=virtio-net-device,macaddr="
             "%02x:%02x:%02x:%02x:%02x:%02x", n->mac[0], n->mac[1],
             n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
}

static const NetClientInfo virtio_net_info = {
    .type = "virtio-net-device",
    .receive = virtio_net_receive,
    .info_str = virtio_net_info_str,
};

static void virtio_net_print_props(DeviceState *dev, FILE *f, int indent)
{
    VirtIONet *n = dev->opaque;

    fprintf(f, "%*smac = \"%02x:%02x:%02x:%02x:%02x:%02x\"\n", indent, "",
            n->mac[0], n->mac[1], n->mac[2], n->mac[3], n->mac[4],
            n->mac[5]);
    fprintf(f, "%*snetdev = \"%s\"\n", indent, "",
            n->netdev ? n->netdev : "");
}

VirtIODevice *virtio_net_new(const char *id, NetClientState *peer,
                             const uint8_t *mac)
{
    VirtIONet *n = calloc(1, sizeof(*n));
    char name[64];

    if (!n || !(n->tx_buf = malloc(VIRTIO_NET_MAX_FRAME))) {
        fprintf(stderr, "qemu: virtio-net: out of memory\n");
        abort();
    }
    if (mac) {
        memcpy(n->mac, mac, 6);
    } else {
        qemu_macaddr_default(n->mac);
    }
    n->netdev = peer ? strdup(peer->name) : NULL;
    n->vdev.qdev.type = "virtio-net-device";
    n->vdev.qdev.id = id ? strdup(id) : NULL;
    n->vdev.qdev.opaque = n;
    n->vdev.qdev.print_props = virtio_net_print_props;
    virtio_init(&n->vdev, "virtio-net", VIRTIO_ID_NET,
                VIRTIO_NET_CONFIG_LEN, &virtio_net_ops);
    n->vdev.host_features = 1ULL << VIRTIO_NET_F_MAC |
                            1ULL << VIRTIO_NET_F_STATUS;
    n->rx_vq = virtio_add_queue(&n->vdev, VIRTIO_NET_QUEUE_SIZE,
                                virtio_net_handle_rx);
    n->tx_vq = virtio_add_queue(&n->vdev, VIRTIO_NET_QUEUE_SIZE,
                                virtio_net_handle_tx);
    if (id) {
        snprintf(name, sizeof(name), "%s", id);
    } else {
        snprintf(name, sizeof(name), "virtio-net-device.%u",
                 virtio_net_count);
    }
    virtio_net_count++;
    n->nc = qemu_new_net_client(&virtio_net_info, peer, name, n);
    return &n->vdev;
}

NetClientState *virtio_net_get_client(VirtIODevice *vdev)
{
    return virtio_net_of(vdev)->nc;
}

/* ---- -device virtio-net-device ---- */

static DeviceState *virtio_net_device_create(QemuOpts *opts, void *plug)
{
    const char *netdev = qemu_opt_get(opts, "netdev");
    const char *macstr = qemu_opt_get(opts, "mac");
    const char *id = qemu_opt_get(opts, "id");
    NetClientState *peer = NULL;
    VirtIODevice *vdev;
    uint8_t mac[6];

    if (macstr && !qemu_parse_macaddr(macstr, mac)) {
        error_report("Property 'virtio-net-device.mac' doesn't take value "
                     "'%s'", macstr);
        return NULL;
    }
    if (netdev) {
        peer = qemu_find_netdev(netdev);
        if (!peer) {
            error_report("Property 'virtio-net-device.netdev' can't find "
                         "value '%s'", netdev);
            return NULL;
        }
        if (peer->peer) {
            error_report("Property 'virtio-net-device.netdev' can't take "
                         "value '%s', it's in use", netdev);
            return NULL;
        }
    }
    if (!plug || virtio_mmio_device(plug)) {
        error_report("-device virtio-net-device: no free virtio-mmio "
                     "transport");
        return NULL;
    }
    vdev = virtio_net_new(id, peer, macstr ? mac : NULL);
    if (!virtio_mmio_plug(plug, vdev)) {
        error_report("-device virtio-net-device: no free virtio-mmio "
                     "transport");
        qemu_del_net_client(virtio_net_get_client(vdev));
        return NULL;
    }
    return &vdev->qdev;
}

static const DeviceDriver virtio_net_driver = {
    .name = "virtio-net-device",
    .bus = "virtio-bus",
    .desc = "Virtio network device (rx/tx, MAC, link status)",
    .create = virtio_net_device_create,
};

void virtio_net_register(void)
{
    device_driver_register(&virtio_net_driver);
}

static void __attribute__((constructor)) virtio_net_register_ctor(void)
{
    virtio_net_register();
}
