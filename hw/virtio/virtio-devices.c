/*
 * hw/virtio/virtio-devices.c: the -device drivers of the virtio devices
 * (include/hw/qdev.h), registered from a constructor: the qemu-system
 * binaries link libhw-virtio.a whole, so they are always there.
 *
 *   virtio-blk-device   drive=ID (a -drive, claimed), serial=, id=,
 *                       x-aio=on|off (default on: requests run on a
 *                       shared aio pool completing on the main loop;
 *                       off: synchronously in the MMIO handler)
 *   virtio-rng-device   id=
 *   virtio-serial-device  id=: a console device with no port yet
 *   virtconsole         chardev=ID, name=, id=: port 0 of the latest
 *                       virtio-serial-device still without one (or, if
 *                       there is none, a console device of its own)
 *
 * Each create() gets the board's free virtio-mmio transport as `plug`.
 * virtconsole attaches to an existing device, so the slot the board
 * reserved for it stays empty (reads DeviceID 0) in that case.
 * virtio-net-device is registered by hw/net/virtio-net.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chardev/char.h"
#include "hw/boards.h"
#include "hw/qdev.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-console.h"
#include "hw/virtio/virtio-rng.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"

#define VIRTIO_SERIAL_MAX 32
#define VIRTIO_BLK_AIO_THREADS 4

/*
 * One aio pool for every virtio-blk device: its completions run on the
 * main loop (with the global lock), from the pool's eventfd.
 */
static BdrvAioPool *virtio_blk_pool;

static void virtio_blk_pool_ready(void *opaque)
{
    bdrv_aio_pool_complete(opaque);
}

void virtio_blk_drain_all(void)
{
    if (virtio_blk_pool) {
        bdrv_aio_pool_drain(virtio_blk_pool);
    }
}

static BdrvAioPool *virtio_blk_get_pool(void)
{
    if (!virtio_blk_pool) {
        virtio_blk_pool = bdrv_aio_pool_new(VIRTIO_BLK_AIO_THREADS);
        if (!virtio_blk_pool) {
            warn_report("virtio-blk: no aio pool, requests run "
                        "synchronously");
            return NULL;
        }
        qemu_set_fd_handler(bdrv_aio_pool_fd(virtio_blk_pool),
                            virtio_blk_pool_ready, NULL, virtio_blk_pool);
    }
    return virtio_blk_pool;
}

/* virtio-serial-devices made so far, for virtconsole to find. */
static VirtIODevice *virtio_serials[VIRTIO_SERIAL_MAX];
static int virtio_serial_count;

static bool virtio_devices_plug(void *plug, VirtIODevice *vdev,
                                const char *driver)
{
    if (!plug || !virtio_mmio_plug(plug, vdev)) {
        error_report("-device %s: no free virtio-mmio transport", driver);
        return false;
    }
    return true;
}

static DeviceState *virtio_blk_device_create(QemuOpts *opts, void *plug)
{
    const char *drive = qemu_opt_get(opts, "drive");
    const char *serial = qemu_opt_get(opts, "serial");
    const char *id = qemu_opt_get(opts, "id");
    DriveInfo *d;
    VirtIODevice *vdev;
    BdrvAioPool *pool;
    bool aio = true;

    if (!qemu_opt_get_bool(opts, "x-aio", true, &aio)) {
        return NULL;
    }
    if (!drive) {
        error_report("-device virtio-blk-device: drive property not set");
        return NULL;
    }
    if (!current_machine) {
        error_report("-device virtio-blk-device: no machine");
        return NULL;
    }
    for (d = current_machine->drives; d; d = d->next) {
        if (d->id && strcmp(d->id, drive) == 0) {
            break;
        }
    }
    if (!d) {
        error_report("-device virtio-blk-device: Property "
                     "'virtio-blk-device.drive' can't find value '%s'",
                     drive);
        return NULL;
    }
    if (d->claimed) {
        error_report("-device virtio-blk-device: Drive '%s' is already in "
                     "use by another device", drive);
        return NULL;
    }
    if (!d->bs) {
        error_report("-device virtio-blk-device: drive '%s' has no open "
                     "image", drive);
        return NULL;
    }
    if (serial && strlen(serial) > VIRTIO_BLK_ID_BYTES) {
        error_report("-device virtio-blk-device: serial '%s' is longer "
                     "than %d bytes", serial, VIRTIO_BLK_ID_BYTES);
        return NULL;
    }
    drive_claim(current_machine, drive);
    vdev = virtio_blk_new(id, d->bs, d->readonly, serial);
    pool = aio ? virtio_blk_get_pool() : NULL;
    if (pool) {
        virtio_blk_set_aio_pool(vdev, pool);
    }
    if (!virtio_devices_plug(plug, vdev, "virtio-blk-device")) {
        return NULL;
    }
    return &vdev->qdev;
}

static DeviceState *virtio_rng_device_create(QemuOpts *opts, void *plug)
{
    VirtIODevice *vdev = virtio_rng_new(qemu_opt_get(opts, "id"));

    if (!virtio_devices_plug(plug, vdev, "virtio-rng-device")) {
        return NULL;
    }
    return &vdev->qdev;
}

static DeviceState *virtio_serial_device_create(QemuOpts *opts, void *plug)
{
    VirtIODevice *vdev;

    if (virtio_serial_count >= VIRTIO_SERIAL_MAX) {
        error_report("-device virtio-serial-device: at most %d of them",
                     VIRTIO_SERIAL_MAX);
        return NULL;
    }
    /* Accepted for compatibility: this device always has one port. */
    qemu_opt_get(opts, "max_ports");
    vdev = virtio_console_new(qemu_opt_get(opts, "id"), NULL);
    if (!virtio_devices_plug(plug, vdev, "virtio-serial-device")) {
        return NULL;
    }
    virtio_serials[virtio_serial_count++] = vdev;
    return &vdev->qdev;
}

static void virtconsole_print_props(DeviceState *dev, FILE *f, int indent)
{
    fprintf(f, "%*snr = 0\n", indent, "");
    fprintf(f, "%*schardev = \"%s\"\n", indent, "",
            virtio_console_chardev_label(dev->opaque));
}

static DeviceState *virtconsole_create(QemuOpts *opts, void *plug)
{
    const char *chardev = qemu_opt_get(opts, "chardev");
    const char *id = qemu_opt_get(opts, "id");
    VirtIODevice *vdev = NULL;
    DeviceState *port;
    Chardev *chr = NULL;
    int i;

    qemu_opt_get(opts, "name");     /* the port name: no MULTIPORT */
    if (chardev) {
        chr = qemu_chr_find(chardev);
        if (!chr) {
            error_report("-device virtconsole: Property "
                         "'virtconsole.chardev' can't find value '%s'",
                         chardev);
            return NULL;
        }
        if (chr->fe) {
            error_report("-device virtconsole: chardev '%s' is already in "
                         "use", chardev);
            return NULL;
        }
    }
    for (i = virtio_serial_count - 1; i >= 0; i--) {
        if (!virtio_console_has_chardev(virtio_serials[i])) {
            vdev = virtio_serials[i];
            break;
        }
    }
    if (!vdev) {
        /* No virtio-serial-device to sit on: be one. */
        vdev = virtio_console_new(NULL, NULL);
        if (!virtio_devices_plug(plug, vdev, "virtconsole")) {
            return NULL;
        }
        if (virtio_serial_count < VIRTIO_SERIAL_MAX) {
            virtio_serials[virtio_serial_count++] = vdev;
        }
    }
    if (chr) {
        virtio_console_set_chardev(vdev, chr);
    }
    port = calloc(1, sizeof(*port));
    if (!port) {
        error_report("out of memory");
        return NULL;
    }
    port->type = "virtconsole";
    port->id = id ? strdup(id) : NULL;
    port->bus = "virtio-serial-bus";
    port->parent = &vdev->qdev;
    port->opaque = vdev;
    port->print_props = virtconsole_print_props;
    qdev_register(port);
    return port;
}

static const DeviceDriver virtio_device_drivers[] = {
    {
        .name = "virtio-blk-device",
        .bus = "virtio-bus",
        .desc = "Virtio block device",
        .create = virtio_blk_device_create,
    }, {
        .name = "virtio-rng-device",
        .bus = "virtio-bus",
        .desc = "Virtio entropy source (host getrandom)",
        .create = virtio_rng_device_create,
    }, {
        .name = "virtio-serial-device",
        .bus = "virtio-bus",
        .desc = "Virtio console device (one port, no multiport)",
        .create = virtio_serial_device_create,
    }, {
        /* Its port sits on a virtio-serial-device; the board only knows
         * virtio-bus drivers, so it is listed as one. */
        .name = "virtconsole",
        .bus = "virtio-bus",
        .desc = "Virtio console port (hvc0) on a chardev",
        .create = virtconsole_create,
    },
};

static void __attribute__((constructor)) virtio_devices_register(void)
{
    size_t i;

    for (i = 0; i < sizeof(virtio_device_drivers) /
                    sizeof(virtio_device_drivers[0]); i++) {
        device_driver_register(&virtio_device_drivers[i]);
    }
}
