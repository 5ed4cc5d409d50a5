/*
 * hw/net/virtio-net.h: the network device (hw/net/virtio-net.c),
 * "virtio-net-device": one rx and one tx queue, MAC and link status in
 * config space, VERSION_1 headers (12 bytes) on every buffer.
 */
#ifndef HW_NET_VIRTIO_NET_H
#define HW_NET_VIRTIO_NET_H

#include "hw/virtio/virtio.h"
#include "net/net.h"

#define VIRTIO_NET_F_MAC        5
#define VIRTIO_NET_F_STATUS     16
#define VIRTIO_NET_S_LINK_UP    1
#define VIRTIO_NET_HDR_LEN      12      /* struct virtio_net_hdr_v1 */
#define VIRTIO_NET_CONFIG_LEN   8       /* mac[6], status (le16) */

/*
 * A device on peer (a -netdev backend, or NULL: frames sent go nowhere)
 * with the given MAC (NULL: qemu_macaddr_default).  Not plugged yet:
 * the caller plugs it into a transport (virtio_mmio_plug).
 */
VirtIODevice *virtio_net_new(const char *id, NetClientState *peer,
                             const uint8_t *mac);
NetClientState *virtio_net_get_client(VirtIODevice *vdev);

/* Register the -device driver "virtio-net-device" (also done by a
 * constructor; calling it again is harmless). */
void virtio_net_register(void);

#endif
