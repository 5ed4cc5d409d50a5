/*
 * test-virtio.c: the virtio core (hw/virtio/virtio.c), the virtio-mmio
 * transport and the blk, rng and console devices, driven by a fake
 * guest: RAM in an address space, the mmio registers programmed the way
 * Linux's virtio_mmio driver does it (reset, ACKNOWLEDGE, DRIVER,
 * features, FEATURES_OK, queue setup, DRIVER_OK), descriptor chains
 * built by hand, notifications, and checks of the used ring, the data
 * in a temporary raw image, status bytes and the interrupt line.  Then
 * EVENT_IDX and NO_INTERRUPT suppression, indirect tables, buffers
 * spanning two RAM regions, and malformed chains (loops, addresses
 * outside RAM, zero lengths, bad heads and indices, nested indirect
 * tables), each of which must set NEEDS_RESET without crashing.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-console.h"
#include "hw/virtio/virtio-rng.h"
#include "hw/virtio/virtio.h"
#include "qemu/log.h"
#include "tests/unit/tap.h"

/* The device list lives in hw/core/qdev.c; the tests need none of it. */
static unsigned qdev_registered;
void qdev_register(DeviceState *dev)
{
    (void)dev;
    qdev_registered++;
}

/* ---- the log, captured ---- */

static char *log_buf;
static size_t log_size, log_mark;

static void log_start(void)
{
    qemu_logfile = open_memstream(&log_buf, &log_size);
    qemu_set_log(LOG_GUEST_ERROR | LOG_UNIMP);
}

static bool log_has(const char *s)
{
    bool found;

    fflush(qemu_logfile);
    found = log_size > log_mark && strstr(log_buf + log_mark, s) != NULL;
    log_mark = log_size;
    return found;
}

static bool log_quiet(void)
{
    bool quiet;

    fflush(qemu_logfile);
    quiet = log_size == log_mark;
    if (!quiet) {
        tap_diag("log: %.*s", (int)(log_size - log_mark), log_buf + log_mark);
    }
    log_mark = log_size;
    return quiet;
}

/* ---- the machine: RAM in two regions, four transports ---- */

#define RAM_BASE    0x40000000ULL
#define RAM_SIZE    0x100000ULL      /* 1 MiB, then RAM2 right after */
#define RAM2_SIZE   0x10000ULL
#define MMIO_BASE   0x0a000000ULL
#define SLOT(i)     (MMIO_BASE + 0x200 * (i))

enum { SLOT_BLK, SLOT_EMPTY, SLOT_RNG, SLOT_CON, SLOT_RO, NSLOTS };

static MemoryRegion sysmem, ram, ram2;
static AddressSpace as;
static uint8_t *ram_ptr, *ram2_ptr;
static VirtIOMMIOProxy *proxy[NSLOTS];
static IRQRecorder irq[NSLOTS];
static char img_path[] = "/tmp/test-virtio-XXXXXX";
static char ro_path[] = "/tmp/test-virtio-ro-XXXXXX";
static int img_fd;
static BlockDriverState *bs, *ro_bs;

#define IMG_SIZE (64 * 1024)

static uint8_t *gp(hwaddr gpa)
{
    if (gpa >= RAM_BASE + RAM_SIZE) {
        return ram2_ptr + (gpa - RAM_BASE - RAM_SIZE);
    }
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

static void wr(int slot, hwaddr off, uint32_t v)
{
    address_space_stl_le(&as, SLOT(slot) + off, v);
}

/* ---- a console backend that records output ---- */

typedef struct TestChr {
    Chardev chr;
    char out[256];
    size_t out_len;
    unsigned accept_calls;
} TestChr;

static TestChr tchr;

static int test_chr_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    TestChr *t = chr->opaque;
    size_t i;

    for (i = 0; i < len && t->out_len < sizeof(t->out) - 1; i++) {
        t->out[t->out_len++] = buf[i];
    }
    t->out[t->out_len] = 0;
    return (int)len;
}

static void test_chr_accept(Chardev *chr)
{
    TestChr *t = chr->opaque;

    t->accept_calls++;
}

static const ChardevOps test_chr_ops = {
    .write = test_chr_write,
    .accept_input = test_chr_accept,
};

/* ---- the guest driver ---- */

typedef struct GuestQueue {
    int slot, index;
    unsigned num;
    hwaddr desc, avail, used;
    uint16_t avail_idx;          /* the driver's next avail slot */
    uint16_t used_seen;          /* used entries consumed */
} GuestQueue;

/* Where each queue's rings go: 16 KiB apart, from RAM_BASE + 0x10000. */
static hwaddr queue_area(int slot, int index)
{
    return RAM_BASE + 0x10000 + (slot * 4 + index) * 0x4000;
}

/* Linux: vm_setup_vq().  Returns false if the device refused. */
static bool guest_queue_setup(GuestQueue *q, int slot, int index,
                              unsigned num)
{
    hwaddr base = queue_area(slot, index);

    memset(q, 0, sizeof(*q));
    q->slot = slot;
    q->index = index;
    q->num = num;
    q->desc = base;
    q->avail = base + 16 * num;
    q->used = (q->avail + 6 + 2 * num + 3) & ~3ULL;
    memset(gp(base), 0, 0x4000);
    wr(slot, 0x030, index);                     /* QueueSel */
    if (rd(slot, 0x044) != 0) {                 /* QueueReady */
        return false;
    }
    if (rd(slot, 0x034) < num) {                /* QueueNumMax */
        return false;
    }
    wr(slot, 0x038, num);                       /* QueueNum */
    wr(slot, 0x080, (uint32_t)q->desc);
    wr(slot, 0x084, q->desc >> 32);
    wr(slot, 0x090, (uint32_t)q->avail);
    wr(slot, 0x094, q->avail >> 32);
    wr(slot, 0x0a0, (uint32_t)q->used);
    wr(slot, 0x0a4, q->used >> 32);
    wr(slot, 0x044, 1);
    return rd(slot, 0x044) == 1;
}

/* Linux: virtio_dev_probe + vm_finalize_features + find_vqs. */
static bool guest_init(int slot, uint64_t want, GuestQueue *qs, int nq,
                       unsigned num)
{
    uint64_t offered;
    int i;

    if (rd(slot, 0x000) != 0x74726976 || rd(slot, 0x004) != 2) {
        return false;
    }
    wr(slot, 0x070, 0);                         /* reset */
    wr(slot, 0x070, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    wr(slot, 0x070, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    wr(slot, 0x014, 1);
    offered = (uint64_t)rd(slot, 0x010) << 32;
    wr(slot, 0x014, 0);
    offered |= rd(slot, 0x010);
    want &= offered;
    wr(slot, 0x024, 1);
    wr(slot, 0x020, want >> 32);
    wr(slot, 0x024, 0);
    wr(slot, 0x020, (uint32_t)want);
    wr(slot, 0x070, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
                    VIRTIO_CONFIG_S_FEATURES_OK);
    if (!(rd(slot, 0x070) & VIRTIO_CONFIG_S_FEATURES_OK)) {
        return false;
    }
    for (i = 0; i < nq; i++) {
        if (!guest_queue_setup(&qs[i], slot, i, num)) {
            return false;
        }
    }
    wr(slot, 0x070, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
                    VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
    return rd(slot, 0x070) == 0xf;
}

static void set_desc(hwaddr table, unsigned i, uint64_t addr, uint32_t len,
                     uint16_t flags, uint16_t next)
{
    st64(table + 16 * i, addr);
    st32(table + 16 * i + 8, len);
    st16(table + 16 * i + 12, flags);
    st16(table + 16 * i + 14, next);
}

/* With an aio pool on the blk device: where completions come from. */
static BdrvAioPool *test_pool;
static VirtIODevice *blk_vdev;

/* The main loop's part: run the completions of finished requests. */
static void settle(void)
{
    if (test_pool) {
        bdrv_aio_pool_drain(test_pool);
    }
}

/* Publish head and notify. */
static void guest_kick_nowait(GuestQueue *q, unsigned head)
{
    st16(q->avail + 4 + 2 * (q->avail_idx % q->num), head);
    q->avail_idx++;
    st16(q->avail + 2, q->avail_idx);
    wr(q->slot, 0x050, q->index);               /* QueueNotify */
}

static void guest_kick(GuestQueue *q, unsigned head)
{
    guest_kick_nowait(q, head);
    settle();
}

static uint16_t used_idx(GuestQueue *q)
{
    return ld16(q->used + 2);
}

/* The next used entry: false if there is none. */
static bool guest_get_used(GuestQueue *q, uint32_t *id, uint32_t *len)
{
    hwaddr e;

    if (used_idx(q) == q->used_seen) {
        return false;
    }
    e = q->used + 4 + 8 * (q->used_seen % q->num);
    *id = ld32(e);
    *len = ld32(e + 4);
    q->used_seen++;
    return true;
}

static void guest_ack(int slot)
{
    wr(slot, 0x064, rd(slot, 0x060));
}

/* ---- block requests ---- */

/* Buffers: header at HDR, data at DATA, status at STATUS. */
#define HDR     (RAM_BASE + 0x80000)
#define DATA    (RAM_BASE + 0x81000)
#define STATUS  (RAM_BASE + 0x90000)
#define IND     (RAM_BASE + 0x91000)

static void blk_header(uint32_t type, uint64_t sector)
{
    st32(HDR, type);
    st32(HDR + 4, 0);
    st64(HDR + 8, sector);
}

/*
 * A three-descriptor request at descriptors 0..2: header, data (read or
 * written by the device), status.  Returns the used length, or -1 when
 * nothing came back.
 */
static int blk_request(GuestQueue *q, uint32_t type, uint64_t sector,
                       uint32_t len, bool dev_writes)
{
    uint32_t id, ulen;
    unsigned n = 0;

    blk_header(type, sector);
    *gp(STATUS) = 0xee;
    set_desc(q->desc, n++, HDR, 16, VRING_DESC_F_NEXT, 1);
    if (len) {
        set_desc(q->desc, n, DATA, len,
                 VRING_DESC_F_NEXT | (dev_writes ? VRING_DESC_F_WRITE : 0),
                 n + 1);
        n++;
    }
    set_desc(q->desc, n, STATUS, 1, VRING_DESC_F_WRITE, 0);
    guest_kick(q, 0);
    if (!guest_get_used(q, &id, &ulen) || id != 0) {
        return -1;
    }
    return ulen;
}

static void file_read(int fd, off_t off, void *buf, size_t len)
{
    if (pread(fd, buf, len, off) != (ssize_t)len) {
        memset(buf, 0xcc, len);
    }
}

/* ---- tests ---- */

static void test_identity(void)
{
    tap_report(rd(SLOT_BLK, 0x000) == 0x74726976, "MagicValue is 'virt'");
    tap_report(rd(SLOT_BLK, 0x004) == 2, "Version is 2");
    tap_report(rd(SLOT_BLK, 0x008) == VIRTIO_ID_BLOCK, "blk DeviceID 2");
    tap_report(rd(SLOT_BLK, 0x00c) == 0x554d4551, "VendorID 'QEMU'");
    tap_report(rd(SLOT_RNG, 0x008) == VIRTIO_ID_RNG, "rng DeviceID 4");
    tap_report(rd(SLOT_CON, 0x008) == VIRTIO_ID_CONSOLE,
               "console DeviceID 3");
    tap_report(rd(SLOT_EMPTY, 0x000) == 0x74726976 &&
               rd(SLOT_EMPTY, 0x004) == 2 && rd(SLOT_EMPTY, 0x008) == 0,
               "empty slot: magic, version 2, DeviceID 0");
    wr(SLOT_EMPTY, 0x070, 0xf);
    tap_report(rd(SLOT_EMPTY, 0x070) == 0 && rd(SLOT_EMPTY, 0x034) == 0,
               "empty slot ignores writes, QueueNumMax 0");
    tap_report(log_quiet(), "no guest errors so far");
}

static void test_features_and_config(void)
{
    uint32_t lo, hi;

    wr(SLOT_BLK, 0x070, 0);
    wr(SLOT_BLK, 0x014, 0);
    lo = rd(SLOT_BLK, 0x010);
    wr(SLOT_BLK, 0x014, 1);
    hi = rd(SLOT_BLK, 0x010);
    tap_report(lo == ((1u << VIRTIO_BLK_F_SEG_MAX) |
                      (1u << VIRTIO_BLK_F_BLK_SIZE) |
                      (1u << VIRTIO_BLK_F_FLUSH) |
                      (1u << VIRTIO_BLK_F_DISCARD) |
                      (1u << VIRTIO_BLK_F_WRITE_ZEROES) |
                      (1u << VIRTIO_RING_F_INDIRECT_DESC) |
                      (1u << VIRTIO_RING_F_EVENT_IDX)),
               "blk features word 0 = 0x%08x", lo);
    tap_report(hi == 1, "features word 1 = VERSION_1 (0x%x)", hi);
    wr(SLOT_BLK, 0x014, 2);
    tap_report(rd(SLOT_BLK, 0x010) == 0, "features word 2 reads 0");

    tap_report(rd(SLOT_BLK, 0x100) == IMG_SIZE / 512 &&
               rd(SLOT_BLK, 0x104) == 0, "capacity 128 sectors");
    tap_report(rd(SLOT_BLK, 0x10c) == VIRTIO_BLK_QUEUE_SIZE - 2,
               "seg_max = queue size - 2");
    tap_report(rd(SLOT_BLK, 0x114) == 512, "blk_size 512");
    tap_report(address_space_ldb(&as, SLOT(SLOT_BLK) + 0x100, NULL) == 128 &&
               address_space_ldw_le(&as, SLOT(SLOT_BLK) + 0x114, NULL) ==
               512, "config space byte and halfword reads");
    tap_report(rd(SLOT_BLK, 0x0fc) == 0, "ConfigGeneration 0");
    tap_report(rd(SLOT_BLK, 0x13c) == 0 && log_has("out of range"),
               "config read past 60 bytes: 0, logged");

    /* A legacy driver: FEATURES_OK without VERSION_1 is refused. */
    wr(SLOT_BLK, 0x070, 3);
    wr(SLOT_BLK, 0x024, 0);
    wr(SLOT_BLK, 0x020, 1u << VIRTIO_BLK_F_FLUSH);
    wr(SLOT_BLK, 0x024, 1);
    wr(SLOT_BLK, 0x020, 0);
    wr(SLOT_BLK, 0x070, 0xb);
    tap_report(rd(SLOT_BLK, 0x070) == 3 && log_has("VERSION_1"),
               "FEATURES_OK without VERSION_1 stays clear");
    wr(SLOT_BLK, 0x070, 0);
    tap_report(rd(SLOT_BLK, 0x070) == 0, "status 0 resets");

    wr(SLOT_BLK, 0x030, 0);
    tap_report(rd(SLOT_BLK, 0x034) == VIRTIO_BLK_QUEUE_SIZE,
               "QueueNumMax 256 for queue 0");
    wr(SLOT_BLK, 0x030, 1);
    tap_report(rd(SLOT_BLK, 0x034) == 0, "QueueNumMax 0 for queue 1");
    tap_report(rd(SLOT_BLK, 0x020) == 0 && log_has("write-only"),
               "read of a write-only register: 0, logged");
    wr(SLOT_BLK, 0x000, 1);
    tap_report(log_has("read-only"), "write of MagicValue logged");
    tap_report(address_space_ldw_le(&as, SLOT(SLOT_BLK) + 0x70, NULL) == 0 &&
               log_has("32-bit"), "16-bit register read logged");
}

static void test_blk_io(void)
{
    GuestQueue q;
    uint8_t buf[1024], want[1024];
    uint64_t feat = (1ULL << VIRTIO_F_VERSION_1) |
                    (1ULL << VIRTIO_BLK_F_FLUSH) |
                    (1ULL << VIRTIO_BLK_F_WRITE_ZEROES);
    int i, len;

    tap_report(guest_init(SLOT_BLK, feat, &q, 1, 16),
               "blk: Linux-style initialisation reaches DRIVER_OK");
    irq_recorder_clear_counts(&irq[SLOT_BLK]);

    for (i = 0; i < 1024; i++) {
        want[i] = i * 7 + 3;
    }
    memcpy(gp(DATA), want, sizeof(want));
    len = blk_request(&q, VIRTIO_BLK_T_OUT, 2, 1024, false);
    tap_report(len == 1, "write: used len 1 (%d)", len);
    tap_report(*gp(STATUS) == VIRTIO_BLK_S_OK, "write: status OK");
    file_read(img_fd, 1024, buf, sizeof(buf));
    tap_report(memcmp(buf, want, sizeof(buf)) == 0,
               "write: data at byte 1024 of the image");
    tap_report(irq[SLOT_BLK].level == 1 && irq[SLOT_BLK].rises == 1 &&
               rd(SLOT_BLK, 0x060) == VIRTIO_ISR_VQ,
               "write: interrupt raised, InterruptStatus 1");
    guest_ack(SLOT_BLK);
    tap_report(irq[SLOT_BLK].level == 0 && rd(SLOT_BLK, 0x060) == 0,
               "InterruptACK lowers the line");

    memset(gp(DATA), 0, 1024);
    len = blk_request(&q, VIRTIO_BLK_T_IN, 2, 1024, true);
    tap_report(len == 1025 && *gp(STATUS) == VIRTIO_BLK_S_OK &&
               memcmp(gp(DATA), want, 1024) == 0,
               "read: data back, used len 1025 (%d)", len);
    guest_ack(SLOT_BLK);

    len = blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_OK, "flush: OK");

    memset(gp(DATA), 0xff, 32);
    len = blk_request(&q, VIRTIO_BLK_T_GET_ID, 0, 32, true);
    tap_report(len == 21 && *gp(STATUS) == VIRTIO_BLK_S_OK &&
               memcmp(gp(DATA), "SERIAL-0123", 12) == 0 &&
               *gp(DATA + 19) == 0 && *gp(DATA + 20) == 0xff,
               "GET_ID: 20 bytes of serial, zero padded (len %d)", len);

    len = blk_request(&q, VIRTIO_BLK_T_IN, 127, 1024, true);
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_IOERR,
               "read past the end: IOERR");
    len = blk_request(&q, VIRTIO_BLK_T_OUT, 128, 512, false);
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_IOERR,
               "write at the capacity: IOERR");
    len = blk_request(&q, VIRTIO_BLK_T_OUT, ~0ULL, 512, false);
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_IOERR,
               "write at sector 2^64-1: IOERR");
    len = blk_request(&q, VIRTIO_BLK_T_IN, 0, 100, true);
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_IOERR,
               "read of 100 bytes (not whole sectors): IOERR");
    len = blk_request(&q, 99, 0, 0, false);
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_UNSUPP,
               "unknown request type: UNSUPP");
    tap_report(!(rd(SLOT_BLK, 0x070) & VIRTIO_CONFIG_S_NEEDS_RESET),
               "failed requests do not break the device");
    log_has("");

    /* WRITE_ZEROES over the data written above (sectors 2-3). */
    st64(DATA, 2);
    st32(DATA + 8, 2);
    st32(DATA + 12, 0);
    len = blk_request(&q, VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false);
    file_read(img_fd, 1024, buf, sizeof(buf));
    memset(want, 0, sizeof(want));
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_OK &&
               memcmp(buf, want, sizeof(buf)) == 0,
               "WRITE_ZEROES clears sectors 2-3 of the image");

    /* A request split over four descriptors: 2 data buffers. */
    for (i = 0; i < 1024; i++) {
        want[i] = i ^ 0x5a;
    }
    memcpy(gp(DATA), want, 512);
    memcpy(gp(DATA + 0x2000), want + 512, 512);
    blk_header(VIRTIO_BLK_T_OUT, 10);
    set_desc(q.desc, 5, HDR, 16, VRING_DESC_F_NEXT, 9);
    set_desc(q.desc, 9, DATA, 512, VRING_DESC_F_NEXT, 3);
    set_desc(q.desc, 3, DATA + 0x2000, 512, VRING_DESC_F_NEXT, 4);
    set_desc(q.desc, 4, STATUS, 1, VRING_DESC_F_WRITE, 0);
    *gp(STATUS) = 0xee;
    guest_kick(&q, 5);
    {
        uint32_t id = 0, ulen = 0;

        tap_report(guest_get_used(&q, &id, &ulen) && id == 5 && ulen == 1 &&
                   *gp(STATUS) == 0, "scattered write: used id 5");
    }
    file_read(img_fd, 10 * 512, buf, sizeof(buf));
    tap_report(memcmp(buf, want, sizeof(buf)) == 0,
               "scattered write: both buffers in the image in order");
    tap_report(log_quiet(), "no guest errors from valid requests");
}

static void test_blk_batch_and_interrupts(void)
{
    GuestQueue q;
    uint32_t id, len;
    int i;

    /* Without EVENT_IDX: the driver's NO_INTERRUPT flag. */
    tap_report(guest_init(SLOT_BLK, 1ULL << VIRTIO_F_VERSION_1, &q, 1, 16),
               "blk re-initialised without EVENT_IDX");
    irq_recorder_clear_counts(&irq[SLOT_BLK]);
    st16(q.avail, VRING_AVAIL_F_NO_INTERRUPT);
    blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(irq[SLOT_BLK].calls == 0 && used_idx(&q) == 1,
               "NO_INTERRUPT: request completed without interrupt");
    st16(q.avail, 0);
    blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(irq[SLOT_BLK].rises == 1, "flags 0: interrupt again");
    guest_ack(SLOT_BLK);

    /* Three chains published at once, one notification. */
    for (i = 0; i < 3; i++) {
        set_desc(q.desc, 2 * i, HDR, 16, VRING_DESC_F_NEXT, 2 * i + 1);
        set_desc(q.desc, 2 * i + 1, STATUS + i, 1, VRING_DESC_F_WRITE, 0);
        st16(q.avail + 4 + 2 * (q.avail_idx % q.num), 2 * i);
        q.avail_idx++;
    }
    blk_header(VIRTIO_BLK_T_FLUSH, 0);
    st16(q.avail + 2, q.avail_idx);
    irq_recorder_clear_counts(&irq[SLOT_BLK]);
    wr(SLOT_BLK, 0x050, 0);
    settle();
    tap_report(used_idx(&q) == 5 && irq[SLOT_BLK].rises == 1,
               "three requests, one kick: used idx 5, one interrupt");
    {
        unsigned seen = 0;

        /* In order when synchronous; in any order on the pool. */
        for (i = 0; i < 3; i++) {
            if (!guest_get_used(&q, &id, &len) || len != 1 || id > 4 ||
                (!test_pool && id != 2u * i)) {
                break;
            }
            seen |= 1u << id;
        }
        tap_report(i == 3 && seen == 0x15,
                   "used entries for heads 0, 2, 4%s",
                   test_pool ? "" : ", in order");
    }
    guest_ack(SLOT_BLK);
}

static void test_event_idx(void)
{
    GuestQueue q;
    uint64_t feat = (1ULL << VIRTIO_F_VERSION_1) |
                    (1ULL << VIRTIO_RING_F_EVENT_IDX);
    hwaddr used_event, avail_event;

    tap_report(guest_init(SLOT_BLK, feat, &q, 1, 16),
               "blk initialised with EVENT_IDX");
    used_event = q.avail + 4 + 2 * q.num;
    avail_event = q.used + 4 + 8 * q.num;
    irq_recorder_clear_counts(&irq[SLOT_BLK]);

    /* used_event 0: interrupt when used idx goes 0 -> 1. */
    st16(used_event, 0);
    blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(irq[SLOT_BLK].rises == 1, "EVENT_IDX: first entry interrupts");
    tap_report(ld16(avail_event) == 1,
               "device publishes avail_event = 1 (%u)", ld16(avail_event));
    guest_ack(SLOT_BLK);
    irq_recorder_clear_counts(&irq[SLOT_BLK]);

    /* used_event 3: no interrupt for entries 2 and 3, one for the 4th. */
    st16(used_event, 3);
    blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(irq[SLOT_BLK].calls == 0 && used_idx(&q) == 3,
               "EVENT_IDX: used_event 3 suppresses entries 2 and 3");
    blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(irq[SLOT_BLK].rises == 1 && used_idx(&q) == 4,
               "EVENT_IDX: entry 4 crosses used_event and interrupts");
    guest_ack(SLOT_BLK);
    tap_report(ld16(avail_event) == 4, "avail_event follows (4)");
    tap_report(log_quiet(), "no guest errors");
}

static void test_indirect(void)
{
    GuestQueue q;
    uint8_t want[512];
    uint32_t id = 99, len = 0;
    uint64_t feat = (1ULL << VIRTIO_F_VERSION_1) |
                    (1ULL << VIRTIO_RING_F_INDIRECT_DESC);
    int i;

    tap_report(guest_init(SLOT_BLK, feat, &q, 1, 16),
               "blk initialised with INDIRECT_DESC");
    for (i = 0; i < 512; i++) {
        want[i] = 255 - i;
    }
    memcpy(gp(DATA), want, 512);
    blk_header(VIRTIO_BLK_T_OUT, 20);
    bdrv_flush(bs);
    /* Table order 0 -> 2 -> 1 to follow next links. */
    set_desc(IND, 0, HDR, 16, VRING_DESC_F_NEXT, 2);
    set_desc(IND, 2, DATA, 512, VRING_DESC_F_NEXT, 1);
    set_desc(IND, 1, STATUS, 1, VRING_DESC_F_WRITE, 0);
    set_desc(q.desc, 7, IND, 48, VRING_DESC_F_INDIRECT, 0);
    *gp(STATUS) = 0xee;
    guest_kick(&q, 7);
    tap_report(guest_get_used(&q, &id, &len) && id == 7 && len == 1 &&
               *gp(STATUS) == 0, "indirect write: used id 7, status OK");
    {
        uint8_t buf[512];

        file_read(img_fd, 20 * 512, buf, sizeof(buf));
        tap_report(memcmp(buf, want, 512) == 0, "indirect write: data");
    }
    guest_ack(SLOT_BLK);
    tap_report(log_quiet(), "no guest errors");
}

static void test_two_regions(void)
{
    GuestQueue q;
    uint8_t buf[1024], want[1024];
    hwaddr data = RAM_BASE + RAM_SIZE - 512;    /* 512 in each region */
    uint32_t id, len;
    int i;

    guest_init(SLOT_BLK, 1ULL << VIRTIO_F_VERSION_1, &q, 1, 16);
    for (i = 0; i < 1024; i++) {
        want[i] = i * 13;
        *gp(data + i) = want[i];
    }
    blk_header(VIRTIO_BLK_T_OUT, 30);
    set_desc(q.desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(q.desc, 1, data, 1024, VRING_DESC_F_NEXT, 2);
    set_desc(q.desc, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
    guest_kick(&q, 0);
    file_read(img_fd, 30 * 512, buf, sizeof(buf));
    tap_report(guest_get_used(&q, &id, &len) && *gp(STATUS) == 0 &&
               memcmp(buf, want, 1024) == 0,
               "a buffer across two RAM regions is written whole");
    memset(gp(data), 0, 512);
    memset(gp(data + 512), 0, 512);
    set_desc(q.desc, 1, data, 1024, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE,
             2);
    blk_header(VIRTIO_BLK_T_IN, 30);
    guest_kick(&q, 0);
    tap_report(guest_get_used(&q, &id, &len) && len == 1025 &&
               memcmp(gp(data), want, 512) == 0 &&
               memcmp(gp(data + 512), want + 512, 512) == 0,
               "... and read back whole (len %u)", len);
    guest_ack(SLOT_BLK);
    tap_report(log_quiet(), "no guest errors");
}

/*
 * Set up a fresh queue, let `build` write a bad chain at head 0, kick,
 * and check the device went to NEEDS_RESET with nothing used and a
 * config interrupt; then a reset makes it work again.
 */
typedef void BuildChain(GuestQueue *q);

static void check_malformed(const char *name, BuildChain *build,
                            const char *log_text)
{
    GuestQueue q;
    uint64_t feat = (1ULL << VIRTIO_F_VERSION_1) |
                    (1ULL << VIRTIO_RING_F_INDIRECT_DESC);
    bool ok;
    int len;

    guest_init(SLOT_BLK, feat, &q, 1, 16);
    irq_recorder_clear_counts(&irq[SLOT_BLK]);
    blk_header(VIRTIO_BLK_T_IN, 0);
    build(&q);
    ok = used_idx(&q) == 0 &&
         (rd(SLOT_BLK, 0x070) & VIRTIO_CONFIG_S_NEEDS_RESET) &&
         (rd(SLOT_BLK, 0x060) & VIRTIO_ISR_CONFIG) &&
         irq[SLOT_BLK].level == 1 && rd(SLOT_BLK, 0x0fc) != 0;
    tap_report(ok, "%s: NEEDS_RESET, config interrupt, nothing used", name);
    tap_report(log_has(log_text), "%s: logged (\"%s\")", name, log_text);
    /* Nothing more is processed until reset. */
    blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(used_idx(&q) == 0, "%s: broken device ignores kicks", name);
    guest_ack(SLOT_BLK);
    ok = guest_init(SLOT_BLK, feat, &q, 1, 16);
    len = blk_request(&q, VIRTIO_BLK_T_FLUSH, 0, 0, false);
    tap_report(ok && len == 1 && *gp(STATUS) == 0 &&
               !(rd(SLOT_BLK, 0x070) & VIRTIO_CONFIG_S_NEEDS_RESET),
               "%s: works again after reset", name);
    guest_ack(SLOT_BLK);
    log_has("");
}

static void bad_loop(GuestQueue *q)
{
    set_desc(q->desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(q->desc, 1, DATA, 512, VRING_DESC_F_NEXT, 0);
    guest_kick(q, 0);
}

static void bad_self_loop(GuestQueue *q)
{
    set_desc(q->desc, 0, HDR, 16, VRING_DESC_F_NEXT, 0);
    guest_kick(q, 0);
}

static void bad_out_of_ram(GuestQueue *q)
{
    set_desc(q->desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(q->desc, 1, 0x1000, 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE,
             2);
    set_desc(q->desc, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
    guest_kick(q, 0);
}

static void bad_past_ram_end(GuestQueue *q)
{
    set_desc(q->desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(q->desc, 1, RAM_BASE + RAM_SIZE + RAM2_SIZE - 256, 512,
             VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
    set_desc(q->desc, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
    guest_kick(q, 0);
}

static void bad_wrap(GuestQueue *q)
{
    set_desc(q->desc, 0, ~0ULL - 7, 16, 0, 0);
    guest_kick(q, 0);
}

static void bad_into_mmio(GuestQueue *q)
{
    /* A device buffer over the transport's own registers. */
    set_desc(q->desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(q->desc, 1, SLOT(SLOT_BLK), 512,
             VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
    set_desc(q->desc, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
    guest_kick(q, 0);
}

static void bad_zero_len(GuestQueue *q)
{
    set_desc(q->desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(q->desc, 1, DATA, 0, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
    set_desc(q->desc, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
    guest_kick(q, 0);
}

static void bad_head(GuestQueue *q)
{
    guest_kick(q, 16);
}

static void bad_next(GuestQueue *q)
{
    set_desc(q->desc, 0, HDR, 16, VRING_DESC_F_NEXT, 200);
    guest_kick(q, 0);
}

static void bad_avail_idx(GuestQueue *q)
{
    st16(q->avail + 2, 17);
    wr(q->slot, 0x050, 0);
}

static void bad_read_after_write(GuestQueue *q)
{
    set_desc(q->desc, 0, STATUS, 1, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE,
             1);
    set_desc(q->desc, 1, HDR, 16, 0, 0);
    guest_kick(q, 0);
}

static void bad_nested_indirect(GuestQueue *q)
{
    set_desc(IND, 0, IND + 64, 32, VRING_DESC_F_INDIRECT, 0);
    set_desc(q->desc, 0, IND, 16, VRING_DESC_F_INDIRECT, 0);
    guest_kick(q, 0);
}

static void bad_indirect_len(GuestQueue *q)
{
    set_desc(q->desc, 0, IND, 20, VRING_DESC_F_INDIRECT, 0);
    guest_kick(q, 0);
}

static void bad_indirect_loop(GuestQueue *q)
{
    set_desc(IND, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(IND, 1, DATA, 16, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 0);
    set_desc(q->desc, 0, IND, 32, VRING_DESC_F_INDIRECT, 0);
    guest_kick(q, 0);
}

static void bad_indirect_out_of_ram(GuestQueue *q)
{
    set_desc(q->desc, 0, 0x2000, 32, VRING_DESC_F_INDIRECT, 0);
    guest_kick(q, 0);
}

static void bad_no_status(GuestQueue *q)
{
    /* Only a header: virtio-blk has nowhere to put the status. */
    set_desc(q->desc, 0, HDR, 16, 0, 0);
    guest_kick(q, 0);
}

static void bad_desc_table(GuestQueue *q)
{
    /* The driver moves the table out of RAM after setting up. */
    wr(SLOT_BLK, 0x044, 0);
    wr(SLOT_BLK, 0x080, 0x3000);
    wr(SLOT_BLK, 0x084, 0);
    wr(SLOT_BLK, 0x044, 1);
    guest_kick(q, 0);
}

static void test_malformed(void)
{
    check_malformed("two-descriptor loop", bad_loop, "loops");
    check_malformed("self loop", bad_self_loop, "loops");
    check_malformed("buffer outside RAM", bad_out_of_ram, "is not");
    check_malformed("buffer past the end of RAM", bad_past_ram_end,
                    "is not");
    check_malformed("buffer wrapping 2^64", bad_wrap, "wraps");
    check_malformed("buffer over MMIO", bad_into_mmio, "is not");
    check_malformed("zero-length buffer", bad_zero_len, "zero-length");
    check_malformed("head beyond the queue", bad_head, "head 16");
    check_malformed("next beyond the queue", bad_next, "next 200");
    check_malformed("avail idx 17 ahead", bad_avail_idx, "ahead");
    check_malformed("readable after writable", bad_read_after_write,
                    "after a device-writable");
    check_malformed("nested indirect", bad_nested_indirect, "nested");
    check_malformed("indirect table of 20 bytes", bad_indirect_len,
                    "20 bytes");
    check_malformed("indirect loop", bad_indirect_loop, "loops");
    check_malformed("indirect table outside RAM", bad_indirect_out_of_ram,
                    "not memory");
    check_malformed("request without status", bad_no_status, "lacks");
    check_malformed("descriptor table outside RAM", bad_desc_table,
                    "not memory");
}

/* xorshift64*: a fixed sequence, so failures reproduce. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

/* An address a fuzzed descriptor points at: mostly RAM, some not. */
static uint64_t rnd_addr(void)
{
    switch (rnd() % 8) {
    case 0:
        return rnd();
    case 1:
        return SLOT(rnd() % NSLOTS) + (rnd() % 0x200);
    case 2:
        return RAM_BASE + RAM_SIZE + RAM2_SIZE - (rnd() % 0x1000);
    default:
        return DATA + (rnd() % 0x8000);
    }
}

/*
 * Random descriptor tables, rings and indices against blk and rng: the
 * device must either use the chain or go to NEEDS_RESET, never crash
 * (run it under ASan to see out-of-bounds accesses).
 */
static void test_fuzz(void)
{
    static const int slots[] = { SLOT_BLK, SLOT_RNG };
    uint64_t feat = (1ULL << VIRTIO_F_VERSION_1) |
                    (1ULL << VIRTIO_RING_F_INDIRECT_DESC) |
                    (1ULL << VIRTIO_RING_F_EVENT_IDX) |
                    (1ULL << VIRTIO_BLK_F_FLUSH);
    unsigned iter, used = 0, broken = 0, odd = 0;

    for (iter = 0; iter < 3000; iter++) {
        int slot = slots[iter % 2];
        GuestQueue q;
        unsigned i, n = 4 + rnd() % 12;

        guest_init(slot, feat, &q, 1, 16);
        blk_header(rnd() % 16, rnd() % 160);
        for (i = 0; i < 16; i++) {
            uint32_t len = rnd() % 4 ? rnd() % 2048 : (uint32_t)rnd();

            set_desc(q.desc, i, rnd_addr(), len, rnd() % 8, rnd() % 20);
            set_desc(IND, i, rnd_addr(), len, rnd() % 8, rnd() % 20);
        }
        if (iter % 3) {
            /* A plausible request with one field broken, sometimes. */
            bool w = rnd() % 2;

            n = 1;
            set_desc(q.desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
            set_desc(q.desc, 1, DATA, 512 * (1 + rnd() % 4),
                     VRING_DESC_F_NEXT | (w ? VRING_DESC_F_WRITE : 0), 2);
            set_desc(q.desc, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
            switch (rnd() % 6) {
            case 0:
                st64(q.desc + 16 * (rnd() % 3), rnd_addr());
                break;
            case 1:
                st32(q.desc + 16 * (rnd() % 3) + 8, rnd() % 4096);
                break;
            case 2:
                st16(q.desc + 16 * (rnd() % 3) + 12, rnd() % 8);
                break;
            case 3:
                st16(q.desc + 16 * (rnd() % 3) + 14, rnd() % 20);
                break;
            }
        }
        for (i = 0; i < n; i++) {
            st16(q.avail + 4 + 2 * i,
                 iter % 3 ? 0 : rnd() % 4 ? rnd() % 16 : rnd());
        }
        st16(q.avail + 4 + 2 * 16, rnd());      /* used_event */
        if (rnd() % 8 == 0) {
            n = rnd() % 64;
        }
        st16(q.avail + 2, n);
        wr(slot, 0x050, 0);
        settle();
        if (rd(slot, 0x070) & VIRTIO_CONFIG_S_NEEDS_RESET) {
            broken++;
        } else if (used_idx(&q) == n) {
            used++;
        } else {
            odd++;
        }
    }
    tap_diag("fuzz: %u all used, %u broken", used, broken);
    tap_report(odd == 0 && used > 0 && broken > 0,
               "3000 random rings: each fully used or NEEDS_RESET "
               "(%u neither)", odd);
    log_has("");
    wr(SLOT_BLK, 0x070, 0);
    wr(SLOT_RNG, 0x070, 0);
}

static void test_queue_setup_checks(void)
{
    GuestQueue q;

    guest_init(SLOT_BLK, 1ULL << VIRTIO_F_VERSION_1, &q, 1, 16);
    wr(SLOT_BLK, 0x070, 0);
    wr(SLOT_BLK, 0x030, 0);
    wr(SLOT_BLK, 0x038, 12);
    wr(SLOT_BLK, 0x044, 1);
    tap_report(rd(SLOT_BLK, 0x044) == 0 && log_has("power of 2"),
               "QueueNum 12: QueueReady stays 0");
    wr(SLOT_BLK, 0x038, 512);
    wr(SLOT_BLK, 0x044, 1);
    tap_report(rd(SLOT_BLK, 0x044) == 0 && log_has("power of 2"),
               "QueueNum 512 > QueueNumMax: QueueReady stays 0");
    wr(SLOT_BLK, 0x038, 16);
    wr(SLOT_BLK, 0x080, RAM_BASE + 8);
    wr(SLOT_BLK, 0x044, 1);
    tap_report(rd(SLOT_BLK, 0x044) == 0 && log_has("misaligned"),
               "misaligned descriptor table: QueueReady stays 0");
    wr(SLOT_BLK, 0x030, 5);
    wr(SLOT_BLK, 0x044, 1);
    wr(SLOT_BLK, 0x050, 5);
    tap_report(rd(SLOT_BLK, 0x044) == 0 && log_has("missing queue"),
               "queue 5 of a one-queue device: logged, ignored");
}

static void test_readonly(void)
{
    GuestQueue q;
    uint64_t feat = (1ULL << VIRTIO_F_VERSION_1) |
                    (1ULL << VIRTIO_BLK_F_RO);
    int len;

    wr(SLOT_RO, 0x014, 0);
    tap_report(rd(SLOT_RO, 0x010) & (1u << VIRTIO_BLK_F_RO),
               "read-only drive offers VIRTIO_BLK_F_RO");
    tap_report(!(rd(SLOT_RO, 0x010) & (1u << VIRTIO_BLK_F_DISCARD)),
               "... and no DISCARD");
    guest_init(SLOT_RO, feat, &q, 1, 8);
    memset(gp(DATA), 0x11, 512);
    len = blk_request(&q, VIRTIO_BLK_T_OUT, 0, 512, false);
    tap_report(len == 1 && *gp(STATUS) == VIRTIO_BLK_S_IOERR,
               "write to a read-only drive: IOERR");
    len = blk_request(&q, VIRTIO_BLK_T_IN, 0, 512, true);
    tap_report(len == 513 && *gp(STATUS) == 0 && *gp(DATA) == 0x52,
               "read from a read-only drive works");
    guest_ack(SLOT_RO);
}

static void test_aio(void)
{
    GuestQueue q;
    uint8_t buf[512], want[512];
    uint32_t id[2], len[2];
    bool ok;
    int i;

    tap_diag("the blk tests again, with requests on an aio pool");
    test_pool = bdrv_aio_pool_new(2);
    virtio_blk_set_aio_pool(blk_vdev, test_pool);
    test_blk_io();
    test_blk_batch_and_interrupts();
    test_indirect();
    test_two_regions();

    /* Nothing is used before the main loop runs the completions. */
    guest_init(SLOT_BLK, 1ULL << VIRTIO_F_VERSION_1, &q, 1, 16);
    irq_recorder_clear_counts(&irq[SLOT_BLK]);
    for (i = 0; i < 512; i++) {
        want[i] = i * 3 + 1;
    }
    memcpy(gp(DATA), want, 512);
    /* A write (head 0) and a flush (head 3) in one kick. */
    blk_header(VIRTIO_BLK_T_OUT, 40);
    set_desc(q.desc, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(q.desc, 1, DATA, 512, VRING_DESC_F_NEXT, 2);
    set_desc(q.desc, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
    st32(HDR + 0x100, VIRTIO_BLK_T_FLUSH);
    set_desc(q.desc, 3, HDR + 0x100, 16, VRING_DESC_F_NEXT, 4);
    set_desc(q.desc, 4, STATUS + 1, 1, VRING_DESC_F_WRITE, 0);
    *gp(STATUS) = *gp(STATUS + 1) = 0xee;
    st16(q.avail + 4, 0);
    st16(q.avail + 6, 3);
    q.avail_idx = 2;
    st16(q.avail + 2, 2);
    wr(SLOT_BLK, 0x050, 0);
    tap_report(used_idx(&q) == 0 && irq[SLOT_BLK].calls == 0 &&
               *gp(STATUS) == 0xee,
               "aio: nothing used before the completions run");
    settle();
    ok = guest_get_used(&q, &id[0], &len[0]) &&
         guest_get_used(&q, &id[1], &len[1]);
    tap_report(ok && id[0] == 0 && id[1] == 3 && len[0] == 1 && len[1] == 1,
               "aio: the flush completes after the write before it");
    tap_report(*gp(STATUS) == 0 && *gp(STATUS + 1) == 0 &&
               irq[SLOT_BLK].level == 1, "aio: both OK, interrupt");
    file_read(img_fd, 40 * 512, buf, sizeof(buf));
    tap_report(memcmp(buf, want, 512) == 0, "aio: data in the image");
    guest_ack(SLOT_BLK);

    /* A reset with a request in flight waits for it. */
    blk_header(VIRTIO_BLK_T_IN, 40);
    memset(gp(DATA), 0, 512);
    set_desc(q.desc, 1, DATA, 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE,
             2);
    guest_kick_nowait(&q, 0);
    wr(SLOT_BLK, 0x070, 0);
    tap_report(used_idx(&q) == 3 && memcmp(gp(DATA), want, 512) == 0 &&
               rd(SLOT_BLK, 0x070) == 0,
               "aio: reset completes the request in flight first");
    tap_report(log_quiet(), "no guest errors");

    virtio_blk_set_aio_pool(blk_vdev, NULL);
    bdrv_aio_pool_free(test_pool);
    test_pool = NULL;
}

static void test_rng(void)
{
    GuestQueue q;
    uint32_t id, len;
    int i, zeros = 0;

    tap_report(guest_init(SLOT_RNG, 1ULL << VIRTIO_F_VERSION_1, &q, 1, 8),
               "rng: initialised");
    memset(gp(DATA), 0, 256);
    set_desc(q.desc, 0, DATA, 64, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
    set_desc(q.desc, 1, DATA + 128, 64, VRING_DESC_F_WRITE, 0);
    guest_kick(&q, 0);
    tap_report(guest_get_used(&q, &id, &len) && id == 0 && len == 128,
               "rng: 128 bytes returned in one element (%u)", len);
    for (i = 0; i < 64; i++) {
        zeros += *gp(DATA + i) == 0;
        zeros += *gp(DATA + 128 + i) == 0;
    }
    tap_report(zeros < 16, "rng: both buffers filled (%d zero bytes)",
               zeros);
    tap_report(*gp(DATA + 64) == 0 && *gp(DATA + 192) == 0,
               "rng: nothing written past the buffers");
    tap_report(irq[SLOT_RNG].level == 1, "rng: interrupt");
    guest_ack(SLOT_RNG);
}

static void test_console(void)
{
    GuestQueue q[2];
    uint32_t id, len;

    tap_report(guest_init(SLOT_CON, 1ULL << VIRTIO_F_VERSION_1, q, 2, 8),
               "console: initialised with two queues");
    tap_report(rd(SLOT_CON, 0x100) == 0 && rd(SLOT_CON, 0x104) == 0,
               "console: config reads 0 (no size, no multiport)");

    memcpy(gp(DATA), "hello, ", 7);
    memcpy(gp(DATA + 0x100), "hvc0\n", 5);
    set_desc(q[1].desc, 0, DATA, 7, VRING_DESC_F_NEXT, 1);
    set_desc(q[1].desc, 1, DATA + 0x100, 5, 0, 0);
    guest_kick(&q[1], 0);
    tap_report(strcmp(tchr.out, "hello, hvc0\n") == 0,
               "console: transmitq output reaches the chardev");
    tap_report(guest_get_used(&q[1], &id, &len) && id == 0 && len == 0,
               "console: tx element returned with len 0");
    guest_ack(SLOT_CON);

    tap_report(qemu_chr_be_can_write(&tchr.chr) == 0,
               "console: no receive buffer, can_write 0");
    set_desc(q[0].desc, 0, DATA + 0x200, 16, VRING_DESC_F_WRITE, 0);
    set_desc(q[0].desc, 1, DATA + 0x300, 16, VRING_DESC_F_WRITE, 0);
    tchr.accept_calls = 0;
    guest_kick(&q[0], 0);
    guest_kick(&q[0], 1);
    tap_report(tchr.accept_calls >= 1, "console: posting buffers calls "
               "accept_input");
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 16,
               "console: can_write 16 with a 16-byte buffer");
    qemu_chr_be_write(&tchr.chr, (const uint8_t *)"ls\n", 3);
    tap_report(guest_get_used(&q[0], &id, &len) && id == 0 && len == 3 &&
               memcmp(gp(DATA + 0x200), "ls\n", 3) == 0,
               "console: input in the first receive buffer, len 3");
    tap_report(irq[SLOT_CON].level == 1, "console: interrupt for input");
    guest_ack(SLOT_CON);
    qemu_chr_be_write(&tchr.chr, (const uint8_t *)"0123456789abcdefXY", 16);
    tap_report(guest_get_used(&q[0], &id, &len) && id == 1 && len == 16,
               "console: second buffer filled");
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 0,
               "console: buffers used up: can_write 0");
    tap_report(log_quiet(), "no guest errors");
}

static void setup(void)
{
    char err[256];
    VirtIODevice *vdev;
    uint8_t sector[512];
    int fd, i;

    log_start();
    memory_region_init_container(&sysmem, "system", MEMORY_SIZE_ALL);
    address_space_init(&as, &sysmem, "memory");
    memory_region_init_ram(&ram, "ram", RAM_SIZE);
    memory_region_init_ram(&ram2, "ram2", RAM2_SIZE);
    memory_region_add_subregion(&sysmem, RAM_BASE, &ram);
    memory_region_add_subregion(&sysmem, RAM_BASE + RAM_SIZE, &ram2);
    ram_ptr = memory_region_get_ram_ptr(&ram);
    ram2_ptr = memory_region_get_ram_ptr(&ram2);

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

    img_fd = mkstemp(img_path);
    if (img_fd < 0 || ftruncate(img_fd, IMG_SIZE) < 0) {
        perror("test image");
        exit(1);
    }
    bs = bdrv_open(img_path, "raw", BDRV_O_RDWR, err, sizeof(err));
    if (!bs) {
        fprintf(stderr, "bdrv_open: %s\n", err);
        exit(1);
    }
    fd = mkstemp(ro_path);
    memset(sector, 0x52, sizeof(sector));
    if (fd < 0 || ftruncate(fd, IMG_SIZE) < 0 ||
        pwrite(fd, sector, sizeof(sector), 0) != sizeof(sector)) {
        perror("read-only image");
        exit(1);
    }
    close(fd);
    ro_bs = bdrv_open(ro_path, "raw", 0, err, sizeof(err));
    if (!ro_bs) {
        fprintf(stderr, "bdrv_open: %s\n", err);
        exit(1);
    }

    vdev = blk_vdev = virtio_blk_new("disk0", bs, false, "SERIAL-0123");
    tap_report(virtio_mmio_plug(proxy[SLOT_BLK], vdev), "plug blk");
    vdev = virtio_rng_new(NULL);
    tap_report(!virtio_mmio_plug(proxy[SLOT_BLK], vdev),
               "a second plug into a taken slot fails");
    virtio_cleanup(vdev);
    free(vdev);
    tap_report(virtio_mmio_plug(proxy[SLOT_RNG], virtio_rng_new("rng0")),
               "plug rng");
    qemu_chr_init(&tchr.chr, &test_chr_ops, "con0", &tchr);
    tap_report(virtio_mmio_plug(proxy[SLOT_CON],
                                virtio_console_new("con", &tchr.chr)),
               "plug console");
    tap_report(virtio_mmio_plug(proxy[SLOT_RO],
                                virtio_blk_new(NULL, ro_bs, true, NULL)),
               "plug read-only blk");
    tap_report(qdev_registered == NSLOTS + 4,
               "transports and devices registered with qdev (%u)",
               qdev_registered);
    log_quiet();
}

int main(void)
{
    setup();
    test_identity();
    test_features_and_config();
    test_blk_io();
    test_blk_batch_and_interrupts();
    test_event_idx();
    test_indirect();
    test_two_regions();
    test_malformed();
    test_queue_setup_checks();
    test_fuzz();
    test_readonly();
    test_aio();
    test_rng();
    test_console();
    bdrv_close(bs);
    bdrv_close(ro_bs);
    close(img_fd);
    unlink(img_path);
    unlink(ro_path);
    printf("1..%d\n", tap_count);
    return tap_exit_status();
}
