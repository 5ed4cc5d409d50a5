/*
 * test-qdev: the device list (creation order, ids, reset order), the
 * `info qtree` text and the -device driver registry (hw/core/qdev.c).
 */
#include "hw/qdev.h"
#include "tap.h"
#include "vl-capture.h"

static char reset_log[64];

static void log_reset(DeviceState *dev)
{
    strcat(reset_log, dev->opaque);
}

static void print_uart(DeviceState *dev, FILE *f, int indent)
{
    (void)dev;
    fprintf(f, "%*schardev = \"serial0\"\n", indent, "");
}

static void print_blk(DeviceState *dev, FILE *f, int indent)
{
    (void)dev;
    fprintf(f, "%*sdrive = \"drive0\"\n", indent, "");
}

static DeviceState *create_none(QemuOpts *opts, void *plug)
{
    (void)opts;
    (void)plug;
    return NULL;
}

static const DeviceDriver drv_rng = {
    "virtio-rng-device", "virtio-bus", "VirtIO RNG", create_none };
static const DeviceDriver drv_blk = {
    "virtio-blk-device", "virtio-bus", "Virtio Block Device", create_none };
static const DeviceDriver drv_blk2 = {
    "virtio-blk-device", "other-bus", "a duplicate", create_none };
static const DeviceDriver drv_nodesc = {
    "plain", "virtio-bus", NULL, create_none };

int main(void)
{
    DeviceState uart = { .type = "pl011", .bus = "main-system-bus",
                         .reset = log_reset, .print_props = print_uart,
                         .opaque = "u" };
    DeviceState mmio0 = { .type = "virtio-mmio", .reset = log_reset,
                          .opaque = "0" };
    DeviceState mmio1 = { .type = "virtio-mmio", .bus = "main-system-bus",
                          .opaque = "1" };
    DeviceState blk = { .type = "virtio-blk-device", .id = "disk0",
                        .bus = "virtio-mmio-bus.1", .parent = &mmio1,
                        .reset = log_reset, .print_props = print_blk,
                        .opaque = "b" };
    Capture c;
    const char *out;

    tap_report(qdev_first() == NULL && qdev_find_id("disk0") == NULL,
               "empty list");
    qdev_register(&uart);
    qdev_register(&mmio0);
    qdev_register(&mmio1);
    qdev_register(&blk);
    tap_report(qdev_first() == &uart && uart.next == &mmio0 &&
               mmio1.next == &blk && blk.next == NULL,
               "devices are listed in creation order");
    tap_report(qdev_find_id("disk0") == &blk && !qdev_find_id("disk1") &&
               !qdev_find_id(NULL), "find by id");
    qdev_reset_all();
    tap_report(!strcmp(reset_log, "u0b"),
               "reset runs in creation order, skipping NULL resets (%s)",
               reset_log);

    capture_begin(&c, stdout);
    qdev_print_tree(stdout);
    out = capture_end(&c);
    tap_report(!strcmp(out,
                       "bus: main-system-bus\n"
                       "  type System\n"
                       "  dev: pl011, id \"\"\n"
                       "    chardev = \"serial0\"\n"
                       "  dev: virtio-mmio, id \"\"\n"
                       "  dev: virtio-mmio, id \"\"\n"
                       "    bus: virtio-mmio-bus.1\n"
                       "      type virtio-mmio-bus\n"
                       "      dev: virtio-blk-device, id \"disk0\"\n"
                       "        drive = \"drive0\"\n"),
               "info qtree text");
    if (tap_failed) {
        tap_diag("%s", out);
    }

    tap_report(device_driver_find("virtio-blk-device") == NULL,
               "no drivers yet");
    device_driver_register(&drv_rng);
    device_driver_register(&drv_blk);
    device_driver_register(&drv_blk2);
    device_driver_register(&drv_nodesc);
    tap_report(device_driver_find("virtio-blk-device") == &drv_blk &&
               device_driver_find("virtio-rng-device") == &drv_rng &&
               !device_driver_find("virtio-net-device") &&
               !device_driver_find(NULL),
               "drivers by name; the first registration of a name wins");
    capture_begin(&c, stdout);
    device_driver_list(stdout);
    out = capture_end(&c);
    tap_report(!strcmp(out,
                       "name \"plain\", bus virtio-bus\n"
                       "name \"virtio-blk-device\", bus virtio-bus, desc "
                       "\"Virtio Block Device\"\n"
                       "name \"virtio-rng-device\", bus virtio-bus, desc "
                       "\"VirtIO RNG\"\n"),
               "-device help lists drivers sorted by name");
    return tap_exit_status();
}
