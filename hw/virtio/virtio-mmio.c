/*
 * hw/virtio/virtio-mmio.c: the virtio-mmio transport, version 2 (virtio
 * 1.x spec, 4.2.2), as the virt board's 32 slots at 0x0a000000 +
 * 0x200 * i use it.
 *
 * One MMIO region of 0x200 bytes (little-endian, 32-bit registers, the
 * device config space at 0x100 accessed with 1, 2 or 4 bytes) and one
 * interrupt output whose level is "ISR != 0".  A slot with no device
 * plugged reads MagicValue, Version 2 and DeviceID 0, which Linux skips.
 *
 * Registers (offset, access):
 *   0x000 MagicValue R   0x74726976 ("virt")
 *   0x004 Version R      2
 *   0x008 DeviceID R     0x00c VendorID R 0x554d4551 ("QEMU")
 *   0x010 DeviceFeatures R      0x014 DeviceFeaturesSel W
 *   0x020 DriverFeatures W      0x024 DriverFeaturesSel W
 *   0x030 QueueSel W   0x034 QueueNumMax R   0x038 QueueNum W
 *   0x044 QueueReady RW  0x050 QueueNotify W
 *   0x060 InterruptStatus R     0x064 InterruptACK W
 *   0x070 Status RW
 *   0x080/0x084 QueueDescLow/High W   0x090/0x094 QueueDriverLow/High W
 *   0x0a0/0x0a4 QueueDeviceLow/High W
 *   0x0ac SHMSel W, 0x0b0..0x0bc SHMLen/SHMBase R: no shared memory
 *         regions, so the lengths read as all ones ("none")
 *   0x0fc ConfigGeneration R
 *   0x100 config space
 * Not emulated: the legacy (version 1) interface.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/virtio/virtio.h"
#include "qemu/log.h"

#define VIRTIO_MMIO_MAGIC_VALUE         0x000
#define VIRTIO_MMIO_VERSION             0x004
#define VIRTIO_MMIO_DEVICE_ID           0x008
#define VIRTIO_MMIO_VENDOR_ID           0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES     0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES     0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL           0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX       0x034
#define VIRTIO_MMIO_QUEUE_NUM           0x038
#define VIRTIO_MMIO_QUEUE_READY         0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY        0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS    0x060
#define VIRTIO_MMIO_INTERRUPT_ACK       0x064
#define VIRTIO_MMIO_STATUS              0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW      0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH     0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW    0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH   0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW    0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH   0x0a4
#define VIRTIO_MMIO_SHM_SEL             0x0ac
#define VIRTIO_MMIO_SHM_LEN_LOW         0x0b0
#define VIRTIO_MMIO_SHM_LEN_HIGH        0x0b4
#define VIRTIO_MMIO_SHM_BASE_LOW        0x0b8
#define VIRTIO_MMIO_SHM_BASE_HIGH       0x0bc
#define VIRTIO_MMIO_CONFIG_GENERATION   0x0fc
#define VIRTIO_MMIO_CONFIG              0x100

#define VIRTIO_MMIO_SIZE                0x200
#define VIRTIO_MMIO_MAGIC               0x74726976
#define VIRTIO_MMIO_VENDOR              0x554d4551

struct VirtIOMMIOProxy {
    DeviceState qdev;
    char *name;
    char *bus_name;              /* "virtio-mmio-bus.<N>" for the device */
    MemoryRegion mmio;
    qemu_irq irq;
    AddressSpace *dma_as;
    VirtIODevice *vdev;
    uint32_t device_features_sel;
    uint32_t driver_features_sel;
    uint32_t queue_sel;
};

static void virtio_mmio_update_irq(VirtIODevice *vdev)
{
    VirtIOMMIOProxy *proxy = vdev->transport;

    qemu_set_irq(proxy->irq, vdev->isr != 0);
}

static uint64_t virtio_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOMMIOProxy *proxy = opaque;
    VirtIODevice *vdev = proxy->vdev;
    uint64_t features;

    if (addr >= VIRTIO_MMIO_CONFIG) {
        if (!vdev) {
            return 0;
        }
        return virtio_config_read(vdev, addr - VIRTIO_MMIO_CONFIG, size);
    }
    if (size != 4 || (addr & 3)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %u-byte read at 0x%" PRIx64
                      ": registers are 32-bit\n", proxy->name, size, addr);
        return 0;
    }
    switch (addr) {
    case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION:
        return 2;
    case VIRTIO_MMIO_DEVICE_ID:
        return vdev ? vdev->device_id : 0;
    case VIRTIO_MMIO_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    }
    if (!vdev) {
        return 0;
    }
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES:
        features = virtio_host_features(vdev);
        if (proxy->device_features_sel > 1) {
            return 0;
        }
        return (uint32_t)(features >> (32 * proxy->device_features_sel));
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        return virtio_queue_get_num_max(vdev, proxy->queue_sel);
    case VIRTIO_MMIO_QUEUE_READY:
        return virtio_queue_get_ready(vdev, proxy->queue_sel);
    case VIRTIO_MMIO_INTERRUPT_STATUS:
        return vdev->isr;
    case VIRTIO_MMIO_STATUS:
        return vdev->status;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
        return 0xffffffff;       /* no shared memory region */
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        return 0xffffffff;
    case VIRTIO_MMIO_CONFIG_GENERATION:
        return vdev->config_generation;
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
    case VIRTIO_MMIO_DRIVER_FEATURES:
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
    case VIRTIO_MMIO_QUEUE_SEL:
    case VIRTIO_MMIO_QUEUE_NUM:
    case VIRTIO_MMIO_QUEUE_NOTIFY:
    case VIRTIO_MMIO_INTERRUPT_ACK:
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
    case VIRTIO_MMIO_SHM_SEL:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: read of write-only register "
                      "0x%" PRIx64 "\n", proxy->name, addr);
        return 0;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: read of unknown register 0x%"
                      PRIx64 "\n", proxy->name, addr);
        return 0;
    }
}

/* Replace one 32-bit half of a queue address. */
static void virtio_mmio_set_addr_half(VirtIODevice *vdev, int n, int which,
                                      bool high, uint32_t val)
{
    uint64_t a = virtio_queue_get_addr(vdev, n, which);

    if (high) {
        a = (a & 0xffffffffULL) | ((uint64_t)val << 32);
    } else {
        a = (a & ~0xffffffffULL) | val;
    }
    virtio_queue_set_addr(vdev, n, which, a);
}

static void virtio_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    VirtIOMMIOProxy *proxy = opaque;
    VirtIODevice *vdev = proxy->vdev;

    if (addr >= VIRTIO_MMIO_CONFIG) {
        if (vdev) {
            virtio_config_write(vdev, addr - VIRTIO_MMIO_CONFIG, val, size);
        }
        return;
    }
    if (size != 4 || (addr & 3)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %u-byte write at 0x%" PRIx64
                      ": registers are 32-bit\n", proxy->name, size, addr);
        return;
    }
    if (!vdev) {
        return;                  /* an empty slot ignores writes */
    }
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        proxy->device_features_sel = val;
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        virtio_set_driver_features(vdev, proxy->driver_features_sel, val);
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        proxy->driver_features_sel = val;
        break;
    case VIRTIO_MMIO_QUEUE_SEL:
        proxy->queue_sel = val;
        break;
    case VIRTIO_MMIO_QUEUE_NUM:
        virtio_queue_set_num(vdev, proxy->queue_sel, val);
        break;
    case VIRTIO_MMIO_QUEUE_READY:
        virtio_queue_set_ready(vdev, proxy->queue_sel, val & 1);
        break;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        virtio_queue_notify(vdev, val & 0xffff);
        break;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        vdev->isr &= ~val;
        virtio_update_irq(vdev);
        break;
    case VIRTIO_MMIO_STATUS:
        virtio_set_status(vdev, val & 0xff);
        if (vdev->status == 0) {
            proxy->device_features_sel = 0;
            proxy->driver_features_sel = 0;
            proxy->queue_sel = 0;
        }
        break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        virtio_mmio_set_addr_half(vdev, proxy->queue_sel, 0,
                                  addr == VIRTIO_MMIO_QUEUE_DESC_HIGH, val);
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        virtio_mmio_set_addr_half(vdev, proxy->queue_sel, 1,
                                  addr == VIRTIO_MMIO_QUEUE_DRIVER_HIGH, val);
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        virtio_mmio_set_addr_half(vdev, proxy->queue_sel, 2,
                                  addr == VIRTIO_MMIO_QUEUE_DEVICE_HIGH, val);
        break;
    case VIRTIO_MMIO_SHM_SEL:
        break;                   /* no regions to select */
    case VIRTIO_MMIO_MAGIC_VALUE:
    case VIRTIO_MMIO_VERSION:
    case VIRTIO_MMIO_DEVICE_ID:
    case VIRTIO_MMIO_VENDOR_ID:
    case VIRTIO_MMIO_DEVICE_FEATURES:
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
    case VIRTIO_MMIO_INTERRUPT_STATUS:
    case VIRTIO_MMIO_CONFIG_GENERATION:
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write of read-only register "
                      "0x%" PRIx64 "\n", proxy->name, addr);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write of unknown register 0x%"
                      PRIx64 "\n", proxy->name, addr);
        break;
    }
}

static const MemoryRegionOps virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

void virtio_mmio_reset(VirtIOMMIOProxy *proxy)
{
    proxy->device_features_sel = 0;
    proxy->driver_features_sel = 0;
    proxy->queue_sel = 0;
    if (proxy->vdev) {
        virtio_reset(proxy->vdev);
    }
}

static void virtio_mmio_qdev_reset(DeviceState *dev)
{
    virtio_mmio_reset(dev->opaque);
}

static void virtio_mmio_print_props(DeviceState *dev, FILE *f, int indent)
{
    VirtIOMMIOProxy *proxy = dev->opaque;

    fprintf(f, "%*sforce-legacy = false\n", indent, "");
    fprintf(f, "%*smmio %016" PRIx64 "/%016" PRIx64 "\n", indent, "",
            (uint64_t)proxy->mmio.addr, (uint64_t)VIRTIO_MMIO_SIZE);
}

static char *virtio_mmio_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (!p) {
        fprintf(stderr, "qemu: virtio-mmio: out of memory\n");
        abort();
    }
    return memcpy(p, s, n);
}

VirtIOMMIOProxy *virtio_mmio_create(const char *name, AddressSpace *dma_as)
{
    VirtIOMMIOProxy *proxy = calloc(1, sizeof(*proxy));
    const char *dot = strrchr(name, '.');
    char bus[64];

    if (!proxy) {
        fprintf(stderr, "qemu: virtio-mmio: out of memory\n");
        abort();
    }
    proxy->name = virtio_mmio_strdup(name);
    snprintf(bus, sizeof(bus), "virtio-mmio-bus.%s", dot ? dot + 1 : name);
    proxy->bus_name = virtio_mmio_strdup(bus);
    proxy->dma_as = dma_as;
    memory_region_init_io(&proxy->mmio, &virtio_mmio_ops, proxy, name,
                          VIRTIO_MMIO_SIZE);
    proxy->qdev.type = "virtio-mmio";
    proxy->qdev.id = NULL;
    proxy->qdev.bus = "main-system-bus";
    proxy->qdev.reset = virtio_mmio_qdev_reset;
    proxy->qdev.print_props = virtio_mmio_print_props;
    proxy->qdev.opaque = proxy;
    qdev_register(&proxy->qdev);
    return proxy;
}

MemoryRegion *virtio_mmio_region(VirtIOMMIOProxy *proxy)
{
    return &proxy->mmio;
}

qemu_irq *virtio_mmio_irq_out(VirtIOMMIOProxy *proxy)
{
    return &proxy->irq;
}

bool virtio_mmio_plug(VirtIOMMIOProxy *proxy, VirtIODevice *vdev)
{
    if (proxy->vdev) {
        return false;
    }
    proxy->vdev = vdev;
    vdev->dma_as = proxy->dma_as;
    vdev->transport = proxy;
    vdev->update_irq = virtio_mmio_update_irq;
    vdev->qdev.bus = proxy->bus_name;
    vdev->qdev.parent = &proxy->qdev;
    if (!vdev->qdev.type) {
        vdev->qdev.type = vdev->name;
    }
    qdev_register(&vdev->qdev);
    virtio_mmio_reset(proxy);
    return true;
}

VirtIODevice *virtio_mmio_device(VirtIOMMIOProxy *proxy)
{
    return proxy->vdev;
}
