/*
 * test-virtio-net.c: hw/net/virtio-net.c driven by a fake guest through
 * the virtio-mmio registers (as Linux's virtio_mmio + virtio_net drivers
 * program them), with a fake backend as the peer: config space (MAC,
 * link up), one frame sent (header stripped, frame at the backend),
 * frames received (into a posted buffer at once, or queued until the
 * guest posts one), drops before DRIVER_OK, short tx buffers, and the
 * -device driver's option errors.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/net/virtio-net.h"
#include "hw/qdev.h"
#include "hw/virtio/virtio.h"
#include "net/net.h"
#include "qemu/log.h"
#include "qemu/option.h"
#include "tests/unit/tap.h"

#define RAM_BASE    0x40000000ULL
#define RAM_SIZE    0x100000ULL
#define MMIO_BASE   0x0a000000ULL
#define SLOT(i)     (MMIO_BASE + 0x200 * (i))
#define NSLOTS      2

static MemoryRegion sysmem, ram;
static AddressSpace as;
static uint8_t *ram_ptr;
static VirtIOMMIOProxy *proxy[NSLOTS];
static IRQRecorder irq[NSLOTS];

static uint8_t *gp(hwaddr gpa)
{
    return ram_ptr + (gpa - RAM_BASE);
}

static void st16(hwaddr gpa, uint16_t v)
{
    uint8_t *p = gp(gpa);

    p[0] = v;
    p[1] = v >> 8;
}

static void st32(hwaddr gpa, uint32_t v)
{
    st16(gpa, v);
    st16(gpa + 2, v >> 16);
}

static void st64(hwaddr gpa, uint64_t v)
{
    st32(gpa, v);
    st32(gpa + 4, v >> 32);
}

static uint16_t ld16(hwaddr gpa)
{
    uint8_t *p = gp(gpa);

    return p[0] | (p[1] << 8);
}

static uint32_t ld32(hwaddr gpa)
{
    return ld16(gpa) | ((uint32_t)ld16(gpa + 2) << 16);
}

static uint32_t rd(int slot, hwaddr off)
{
    return address_space_ldl_le(&as, SLOT(slot) + off, NULL);
}

static uint8_t rd8(int slot, hwaddr off)
{
    return address_space_ldb(&as, SLOT(slot) + off, NULL);
}

static void wr(int slot, hwaddr off, uint32_t v)
{
    address_space_stl_le(&as, SLOT(slot) + off, v);
}

/* ---- the fake backend ---- */

typedef struct Backend {
    int n;
    size_t len[8];
    uint8_t data[8][256];
} Backend;

static ssize_t backend_receive(NetClientState *nc, const uint8_t *buf,
                               size_t size)
{
    Backend *b = nc->opaque;

    if (b->n < 8) {
        b->len[b->n] = size;
        memcpy(b->data[b->n], buf, size < 256 ? size : 256);
        b->n++;
    }
    return size;
}

static void backend_info_str(NetClientState *nc, char *buf, size_t len)
{
    (void)nc;
    snprintf(buf, len, "fake");
}

/* Type "user" so qemu_find_netdev sees it as a -netdev. */
static const NetClientInfo backend_info = {
    .type = "user",
    .receive = backend_receive,
    .info_str = backend_info_str,
};

/* ---- the guest driver ---- */

typedef struct GuestQueue {
    int slot, index;
    unsigned num;
    hwaddr desc, avail, used;
    uint16_t avail_idx, used_seen;
} GuestQueue;

static bool guest_queue_setup(GuestQueue *q, int slot, int index,
                              unsigned num)
{
    hwaddr base = RAM_BASE + 0x10000 + (slot * 2 + index) * 0x4000;

    memset(q, 0, sizeof(*q));
    q->slot = slot;
    q->index = index;
    q->num = num;
    q->desc = base;
    q->avail = base + 16 * num;
    q->used = (q->avail + 6 + 2 * num + 3) & ~3ULL;
    memset(gp(base), 0, 0x4000);
    wr(slot, 0x030, index);
    if (rd(slot, 0x034) < num) {
        return false;
    }
    wr(slot, 0x038, num);
    wr(slot, 0x080, (uint32_t)q->desc);
    wr(slot, 0x084, q->desc >> 32);
    wr(slot, 0x090, (uint32_t)q->avail);
    wr(slot, 0x094, q->avail >> 32);
    wr(slot, 0x0a0, (uint32_t)q->used);
    wr(slot, 0x0a4, q->used >> 32);
    wr(slot, 0x044, 1);
    return rd(slot, 0x044) == 1;
}

static uint64_t guest_offered(int slot)
{
    uint64_t f;

    wr(slot, 0x014, 1);
    f = (uint64_t)rd(slot, 0x010) << 32;
    wr(slot, 0x014, 0);
    return f | rd(slot, 0x010);
}

/* Up to FEATURES_OK and the queues; DRIVER_OK separately. */
static bool guest_init(int slot, uint64_t want, GuestQueue *qs)
{
    wr(slot, 0x070, 0);
    wr(slot, 0x070, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    wr(slot, 0x070, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    want &= guest_offered(slot);
    wr(slot, 0x024, 1);
    wr(slot, 0x020, want >> 32);
    wr(slot, 0x024, 0);
    wr(slot, 0x020, (uint32_t)want);
    wr(slot, 0x070, 0x0b);
    if (!(rd(slot, 0x070) & VIRTIO_CONFIG_S_FEATURES_OK)) {
        return false;
    }
    return guest_queue_setup(&qs[0], slot, 0, 16) &&
           guest_queue_setup(&qs[1], slot, 1, 16);
}

static void set_desc(hwaddr table, unsigned i, uint64_t addr, uint32_t len,
                     uint16_t flags, uint16_t next)
{
    st64(table + 16 * i, addr);
    st32(table + 16 * i + 8, len);
    st16(table + 16 * i + 12, flags);
    st16(table + 16 * i + 14, next);
}

static void guest_kick(GuestQueue *q, unsigned head)
{
    st16(q->avail + 4 + 2 * (q->avail_idx % q->num), head);
    q->avail_idx++;
    st16(q->avail + 2, q->avail_idx);
    wr(q->slot, 0x050, q->index);
}

static bool guest_get_used(GuestQueue *q, uint32_t *id, uint32_t *len)
{
    hwaddr e;

    if (ld16(q->used + 2) == q->used_seen) {
        return false;
    }
    e = q->used + 4 + 8 * (q->used_seen % q->num);
    *id = ld32(e);
    *len = ld32(e + 4);
    q->used_seen++;
    return true;
}

#define TXBUF   (RAM_BASE + 0x80000)
#define RXBUF(i) (RAM_BASE + 0x90000 + 0x1000 * (i))
#define RXLEN   1526             /* Linux's small buffer: hdr + 1514 */

static void make_frame(uint8_t *f, size_t len, uint8_t seed)
{
    size_t i;

    for (i = 0; i < len; i++) {
        f[i] = (uint8_t)(seed + i * 7);
    }
}

/* Post rx buffer i as descriptor i of the rx queue. */
static void guest_post_rx(GuestQueue *rx, unsigned i)
{
    memset(gp(RXBUF(i)), 0xee, RXLEN);
    set_desc(rx->desc, i, RXBUF(i), RXLEN, VRING_DESC_F_WRITE, 0);
    guest_kick(rx, i);
}

static bool rx_matches(unsigned i, const uint8_t *frame, size_t len)
{
    static const uint8_t hdr[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 };

    return memcmp(gp(RXBUF(i)), hdr, 12) == 0 &&
           memcmp(gp(RXBUF(i)) + 12, frame, len) == 0 &&
           gp(RXBUF(i))[12 + len] == 0xee;
}

static DeviceState *try_create(const char *str, int slot, bool *err_ok)
{
    const DeviceDriver *drv = device_driver_find("virtio-net-device");
    QemuOpts *opts = qemu_opts_parse(str, "driver");
    DeviceState *dev;

    *err_ok = drv != NULL && opts != NULL;
    if (!*err_ok) {
        return NULL;
    }
    dev = drv->create(opts, proxy[slot]);
    qemu_opts_free(opts);
    return dev;
}

int main(void)
{
    static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
    Backend *be = calloc(1, sizeof(*be)), *be2 = calloc(1, sizeof(*be2));
    NetClientState *b, *b2;
    VirtIODevice *vdev;
    GuestQueue q[2];
    uint8_t frame[200], frame2[200];
    uint32_t id, len;
    DeviceState *dev;
    bool ok;
    int i;

    qemu_logfile = fopen("/dev/null", "w");
    qemu_set_log(LOG_GUEST_ERROR);
    memory_region_init_container(&sysmem, "system", MEMORY_SIZE_ALL);
    address_space_init(&as, &sysmem, "memory");
    memory_region_init_ram(&ram, "ram", RAM_SIZE);
    memory_region_add_subregion(&sysmem, RAM_BASE, &ram);
    ram_ptr = memory_region_get_ram_ptr(&ram);
    for (i = 0; i < NSLOTS; i++) {
        char name[32];

        snprintf(name, sizeof(name), "virtio-mmio.%d", i);
        proxy[i] = virtio_mmio_create(name, &as);
        memory_region_add_subregion(&sysmem, SLOT(i),
                                    virtio_mmio_region(proxy[i]));
        irq_recorder_init(&irq[i]);
        qemu_irq_connect(virtio_mmio_irq_out(proxy[i]),
                         irq_recorder_line(&irq[i]));
    }

    b = qemu_new_net_client(&backend_info, NULL, "nb", be);
    vdev = virtio_net_new("net0", b, mac);
    tap_report(virtio_mmio_plug(proxy[0], vdev) && b->peer ==
               virtio_net_get_client(vdev), "plugged, peer of the backend");
    tap_report(rd(0, 0x008) == VIRTIO_ID_NET, "DeviceID 1 (net)");
    tap_report(guest_offered(0) == (1ULL << VIRTIO_NET_F_MAC |
                                    1ULL << VIRTIO_NET_F_STATUS |
                                    1ULL << VIRTIO_F_VERSION_1 |
                                    (guest_offered(0) &
                                     (1ULL << VIRTIO_RING_F_INDIRECT_DESC |
                                      1ULL << VIRTIO_RING_F_EVENT_IDX))),
               "features: MAC, STATUS, VERSION_1 (+ the core's ring ones)");
    ok = true;
    for (i = 0; i < 6; i++) {
        ok &= rd8(0, 0x100 + i) == mac[i];
    }
    tap_report(ok && rd8(0, 0x106) == 1 && rd8(0, 0x107) == 0,
               "config: mac 52:54:00:aa:bb:cc, status LINK_UP");

    make_frame(frame, 60, 1);
    tap_report(qemu_send_packet(b, frame, 60) == 60 && net_queue_length(b) == 0,
               "frame before DRIVER_OK: dropped, not queued");

    if (!tap_report(guest_init(0, ~0ULL, q), "feature negotiation, queues")) {
        return tap_exit_status();
    }
    wr(0, 0x070, 0x0f);
    tap_report(rd(0, 0x070) == 0x0f, "DRIVER_OK");

    /* TX: header and frame in two descriptors. */
    memset(gp(TXBUF), 0, 12);
    make_frame(frame, 100, 9);
    memcpy(gp(TXBUF + 0x100), frame, 100);
    set_desc(q[1].desc, 0, TXBUF, 12, VRING_DESC_F_NEXT, 1);
    set_desc(q[1].desc, 1, TXBUF + 0x100, 100, 0, 0);
    irq_recorder_clear_counts(&irq[0]);
    guest_kick(&q[1], 0);
    tap_report(be->n == 1 && be->len[0] == 100 &&
               memcmp(be->data[0], frame, 100) == 0,
               "tx: the 100-byte frame reaches the backend, header stripped");
    tap_report(guest_get_used(&q[1], &id, &len) && id == 0 && len == 0,
               "tx: used entry head 0, 0 bytes written");
    tap_report(irq[0].level == 1 && (rd(0, 0x060) & VIRTIO_ISR_VQ),
               "tx: interrupt raised");
    wr(0, 0x064, rd(0, 0x060));

    /* TX of a buffer shorter than the header: nothing sent. */
    set_desc(q[1].desc, 2, TXBUF, 8, 0, 0);
    guest_kick(&q[1], 2);
    tap_report(be->n == 1 && guest_get_used(&q[1], &id, &len) && id == 2,
               "tx: an 8-byte buffer is returned, nothing sent");

    /* RX with no buffer: the frame waits in the backend's queue. */
    make_frame(frame, 60, 40);
    tap_report(qemu_send_packet(b, frame, 60) == 0 && net_queue_length(b) == 1,
               "rx without buffers: queued (send returns 0)");
    irq_recorder_clear_counts(&irq[0]);
    guest_post_rx(&q[0], 0);
    tap_report(net_queue_length(b) == 0 &&
               guest_get_used(&q[0], &id, &len) && id == 0 && len == 72,
               "posting a buffer flushes it: used head 0, 12 + 60 bytes");
    tap_report(rx_matches(0, frame, 60), "rx: header num_buffers 1, frame");
    tap_report(irq[0].rises == 1, "rx: interrupt");
    wr(0, 0x064, rd(0, 0x060));

    /* RX into a buffer already posted. */
    guest_post_rx(&q[0], 1);
    make_frame(frame2, 150, 77);
    tap_report(qemu_send_packet(b, frame2, 150) == 150 &&
               guest_get_used(&q[0], &id, &len) && id == 1 && len == 162 &&
               rx_matches(1, frame2, 150), "rx into a posted buffer at once");

    /* Two frames queued, two buffers posted in one go. */
    qemu_send_packet(b, frame, 60);
    qemu_send_packet(b, frame2, 150);
    tap_report(net_queue_length(b) == 2, "two frames queued");
    memset(gp(RXBUF(2)), 0xee, RXLEN);
    memset(gp(RXBUF(3)), 0xee, RXLEN);
    set_desc(q[0].desc, 2, RXBUF(2), RXLEN, VRING_DESC_F_WRITE, 0);
    set_desc(q[0].desc, 3, RXBUF(3), RXLEN, VRING_DESC_F_WRITE, 0);
    st16(q[0].avail + 4 + 2 * (q[0].avail_idx++ % 16), 2);
    st16(q[0].avail + 4 + 2 * (q[0].avail_idx++ % 16), 3);
    st16(q[0].avail + 2, q[0].avail_idx);
    wr(0, 0x050, 0);
    ok = guest_get_used(&q[0], &id, &len) && id == 2 && len == 72;
    ok &= guest_get_used(&q[0], &id, &len) && id == 3 && len == 162;
    tap_report(ok && rx_matches(2, frame, 60) && rx_matches(3, frame2, 150),
               "both delivered in order into the two buffers");

    /* The -device driver. */
    tap_report(device_driver_find("virtio-net-device") != NULL,
               "driver virtio-net-device registered");
    b2 = qemu_new_net_client(&backend_info, NULL, "nb2", be2);
    tap_report(!try_create("virtio-net-device,netdev=zz", 1, &ok) && ok,
               "netdev=zz: unknown netdev refused");
    tap_report(!try_create("virtio-net-device,netdev=nb", 1, &ok) && ok,
               "netdev=nb: in use, refused");
    tap_report(!try_create("virtio-net-device,netdev=nb2,mac=12:34", 1, &ok)
               && ok && b2->peer == NULL, "mac=12:34 refused");
    dev = try_create("virtio-net-device,netdev=nb2,mac=52:54:00:00:00:07,"
                     "id=n1", 1, &ok);
    tap_report(dev && strcmp(dev->type, "virtio-net-device") == 0 &&
               dev->id && strcmp(dev->id, "n1") == 0 && b2->peer &&
               rd(1, 0x008) == VIRTIO_ID_NET && rd8(1, 0x105) == 7,
               "create: plugged in slot 1 with mac ..:07 on nb2");
    tap_report(!try_create("virtio-net-device", 1, &ok) && ok,
               "slot taken: refused");
    return tap_exit_status();
}
