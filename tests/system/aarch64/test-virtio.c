/*
 * test-virtio.c: a minimal virtio driver for the virtio-rng device
 * (-device virtio-rng-device) over virtio-mmio, legacy (Version 1, as
 * QEMU's virt board has by default) or modern (Version 2): the status
 * handshake, one split virtqueue of 8 entries built here, two requests
 * for random bytes, completion seen through the used ring and through
 * the device's interrupt (SPI 16 + slot, INTID 48 + slot) pending in the
 * GICv2 distributor and InterruptStatus.
 * Register offsets from the virtio 1.2 spec, section 4.2.2 (modern) and
 * 4.2.4 (legacy).
 */
#include "runtime.h"

#define VIRTIO_BASE         0x0a000000ul
#define VIRTIO_MAGIC        0x74726976u
#define VIRTIO_ID_RNG       4

#define VMMIO_MAGIC         0x000
#define VMMIO_VERSION       0x004
#define VMMIO_DEVICE_ID     0x008
#define VMMIO_DEV_FEATURES  0x010
#define VMMIO_DEV_FEAT_SEL  0x014
#define VMMIO_DRV_FEATURES  0x020
#define VMMIO_DRV_FEAT_SEL  0x024
#define VMMIO_GUEST_PAGE_SIZE 0x028     /* legacy */
#define VMMIO_QUEUE_SEL     0x030
#define VMMIO_QUEUE_NUM_MAX 0x034
#define VMMIO_QUEUE_NUM     0x038
#define VMMIO_QUEUE_ALIGN   0x03c       /* legacy */
#define VMMIO_QUEUE_PFN     0x040       /* legacy */
#define VMMIO_QUEUE_READY   0x044
#define VMMIO_QUEUE_NOTIFY  0x050
#define VMMIO_INT_STATUS    0x060
#define VMMIO_INT_ACK       0x064
#define VMMIO_STATUS        0x070
#define VMMIO_QUEUE_DESC_LO 0x080
#define VMMIO_QUEUE_DESC_HI 0x084
#define VMMIO_QUEUE_DRV_LO  0x090
#define VMMIO_QUEUE_DRV_HI  0x094
#define VMMIO_QUEUE_DEV_LO  0x0a0
#define VMMIO_QUEUE_DEV_HI  0x0a4

#define ST_ACK          1u
#define ST_DRIVER       2u
#define ST_DRIVER_OK    4u
#define ST_FEATURES_OK  8u
#define ST_FAILED       128u

#define QSIZE           8
#define VRING_DESC_F_WRITE 2

typedef struct VringDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} VringDesc;

/* Legacy layout: descriptors, then the available ring, then (at the next
   4K boundary, QueueAlign) the used ring; modern uses the same memory. */
static struct {
    VringDesc desc[QSIZE];
    uint16_t avail_flags, avail_idx, avail_ring[QSIZE], used_event;
    uint8_t pad[4096 - 16 * QSIZE - 2 * (3 + QSIZE)];
    uint16_t used_flags;
    volatile uint16_t used_idx;
    struct { uint32_t id, len; } used_ring[QSIZE];
    uint16_t avail_event;
} vq __attribute__((aligned(4096)));

static uint8_t buf[2][64] __attribute__((aligned(64)));

static uintptr_t dev;
static uint32_t version;

static uint32_t rd(unsigned off) { return mmio_read32(dev + off); }
static void wr(unsigned off, uint32_t v) { mmio_write32(dev + off, v); }

static bool request(unsigned n, uint8_t *b, uint32_t len)
{
    vq.desc[n].addr = (uintptr_t)b;
    vq.desc[n].len = len;
    vq.desc[n].flags = VRING_DESC_F_WRITE;
    vq.desc[n].next = 0;
    vq.avail_ring[vq.avail_idx % QSIZE] = n;
    dsb(sy);
    vq.avail_idx++;
    dsb(sy);
    wr(VMMIO_QUEUE_NOTIFY, 0);
    uint64_t freq = read_sysreg(cntfrq_el0), t0 = read_sysreg(cntvct_el0);
    while (vq.used_idx != vq.avail_idx) {
        if (read_sysreg(cntvct_el0) - t0 > 5 * freq) {
            return false;
        }
    }
    dsb(sy);
    return true;
}

int main(void)
{
    unsigned slot = 0, i;

    /* With the MMU off every access is Device-nGnRnE: fine for the rings
       (the device sees memory, not caches). */
    for (i = 0; i < 32; i++) {
        uintptr_t b = VIRTIO_BASE + 0x200ul * i;
        if (mmio_read32(b + VMMIO_MAGIC) == VIRTIO_MAGIC &&
            mmio_read32(b + VMMIO_DEVICE_ID) == VIRTIO_ID_RNG) {
            dev = b;
            slot = i;
        }
    }
    if (!tap_check(dev != 0, "found a virtio-rng device")) {
        return 0;
    }
    version = rd(VMMIO_VERSION);
    rt_printf("# virtio-rng in slot %u, virtio-mmio version %u\n", slot, version);
    tap_check(version == 1 || version == 2, "virtio-mmio version 1 or 2");

    wr(VMMIO_STATUS, 0);
    tap_eq(rd(VMMIO_STATUS), 0, "status reads 0 after reset");
    wr(VMMIO_STATUS, ST_ACK);
    wr(VMMIO_STATUS, ST_ACK | ST_DRIVER);
    if (version == 2) {
        wr(VMMIO_DEV_FEAT_SEL, 1);
        uint32_t hi = rd(VMMIO_DEV_FEATURES);
        tap_check(hi & 1, "modern device offers VIRTIO_F_VERSION_1");
        wr(VMMIO_DRV_FEAT_SEL, 0);
        wr(VMMIO_DRV_FEATURES, 0);
        wr(VMMIO_DRV_FEAT_SEL, 1);
        wr(VMMIO_DRV_FEATURES, 1);
        wr(VMMIO_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
        tap_check(rd(VMMIO_STATUS) & ST_FEATURES_OK, "FEATURES_OK accepted");
    } else {
        wr(VMMIO_DRV_FEAT_SEL, 0);
        wr(VMMIO_DRV_FEATURES, 0);
        wr(VMMIO_GUEST_PAGE_SIZE, 4096);
    }
    wr(VMMIO_QUEUE_SEL, 0);
    uint32_t max = rd(VMMIO_QUEUE_NUM_MAX);
    rt_printf("# QueueNumMax %u\n", max);
    tap_check(max >= QSIZE, "queue 0 holds at least 8 entries");
    wr(VMMIO_QUEUE_NUM, QSIZE);
    if (version == 2) {
        uintptr_t d = (uintptr_t)&vq.desc, a = (uintptr_t)&vq.avail_flags;
        uintptr_t u = (uintptr_t)&vq.used_flags;
        wr(VMMIO_QUEUE_DESC_LO, (uint32_t)d);
        wr(VMMIO_QUEUE_DESC_HI, (uint32_t)(d >> 32));
        wr(VMMIO_QUEUE_DRV_LO, (uint32_t)a);
        wr(VMMIO_QUEUE_DRV_HI, (uint32_t)(a >> 32));
        wr(VMMIO_QUEUE_DEV_LO, (uint32_t)u);
        wr(VMMIO_QUEUE_DEV_HI, (uint32_t)(u >> 32));
        wr(VMMIO_QUEUE_READY, 1);
        tap_eq(rd(VMMIO_QUEUE_READY), 1, "QueueReady reads 1");
    } else {
        wr(VMMIO_QUEUE_ALIGN, 4096);
        wr(VMMIO_QUEUE_PFN, (uint32_t)((uintptr_t)&vq >> 12));
        tap_eq(rd(VMMIO_QUEUE_PFN), (uintptr_t)&vq >> 12, "QueuePFN reads back");
    }
    wr(VMMIO_STATUS, rd(VMMIO_STATUS) | ST_DRIVER_OK);
    tap_check(!(rd(VMMIO_STATUS) & ST_FAILED) && (rd(VMMIO_STATUS) & ST_DRIVER_OK),
              "DRIVER_OK set, device not failed");

    memset(buf, 0, sizeof(buf));
    tap_check(request(0, buf[0], 64), "first request completes (used idx 1)");
    tap_eq(vq.used_ring[0].id, 0, "used ring entry 0: descriptor 0");
    tap_eq(vq.used_ring[0].len, 64, "used ring entry 0: 64 bytes written");
    unsigned zeros = 0;
    for (i = 0; i < 64; i++) {
        zeros += buf[0][i] == 0;
    }
    tap_check(zeros < 16, "the 64 bytes are not mostly zero (%u zero bytes)", zeros);

    /* The interrupt: InterruptStatus bit 0 (used buffer), and the SPI
       pending in the GICv2 distributor (GICD_ISPENDR1 + n). */
    tap_check(rd(VMMIO_INT_STATUS) & 1, "InterruptStatus: used buffer notification");
    unsigned intid = 48 + slot;
    uint32_t pend = mmio_read32(VIRT_GICD + 0x200 + 4 * (intid / 32));
    if (((mmio_read32(VIRT_GICD + 0xfe8) >> 4) & 0xf) == 2) {
        tap_check(pend & (1u << (intid % 32)), "SPI %u (INTID %u) pending in the GIC",
                  16 + slot, intid);
    } else {
        tap_skip("SPI pending in the GIC", "not a GICv2");
    }
    wr(VMMIO_INT_ACK, rd(VMMIO_INT_STATUS));
    tap_eq(rd(VMMIO_INT_STATUS) & 1, 0, "InterruptACK clears it");

    tap_check(request(1, buf[1], 32), "second request completes (used idx 2)");
    tap_eq(vq.used_ring[1].len, 32, "used ring entry 1: 32 bytes written");
    unsigned same = 0;
    for (i = 0; i < 32; i++) {
        same += buf[0][i] == buf[1][i];
    }
    tap_check(same < 8, "two requests give different bytes");
    tap_eq(buf[1][32] | buf[1][63], 0, "nothing written past the 32-byte buffer");

    wr(VMMIO_STATUS, 0);
    tap_eq(rd(VMMIO_STATUS), 0, "device reset");
    return 0;
}
