/*
 * hw/qdev.h: the device list (hw/core/qdev.c): every device a board
 * creates registers itself here, so `info qtree` can print the tree,
 * system_reset can reset devices in creation order, and -device can
 * find drivers by name.
 *
 * A device keeps its own state struct (PL011State, VirtIOMMIOProxy...)
 * and embeds a DeviceState naming it.  No object model beyond this.
 */
#ifndef HW_QDEV_H
#define HW_QDEV_H

#include <stdbool.h>
#include <stdio.h>

#include "qemu/option.h"

typedef struct DeviceState DeviceState;

struct DeviceState {
    const char *type;            /* "pl011", "virtio-blk-device"... */
    char *id;                    /* -device id=, or NULL */
    const char *bus;             /* "main-system-bus", "virtio-mmio-bus.3" */
    DeviceState *parent;         /* the device whose bus it sits on */
    void (*reset)(DeviceState *dev);             /* may be NULL */
    /* info qtree: print "name = value" lines at this indent. */
    void (*print_props)(DeviceState *dev, FILE *f, int indent);
    void *opaque;                /* the device state */
    DeviceState *next;           /* creation order */
};

/* Add dev to the list (fields already set). */
void qdev_register(DeviceState *dev);
DeviceState *qdev_first(void);
DeviceState *qdev_find_id(const char *id);
void qdev_reset_all(void);
/* The `info qtree` text: buses and devices with their properties. */
void qdev_print_tree(FILE *f);

/*
 * -device drivers the board can instantiate by name.  create() consumes
 * the options it knows (qemu_opt_get) and returns the device or NULL
 * after error_report().  plug is board-specific context (for virt: the
 * free virtio-mmio transport).
 */
typedef struct DeviceDriver {
    const char *name;            /* "virtio-blk-device" */
    const char *bus;             /* the bus kind it needs: "virtio-bus" */
    const char *desc;
    DeviceState *(*create)(QemuOpts *opts, void *plug);
} DeviceDriver;

void device_driver_register(const DeviceDriver *drv);
const DeviceDriver *device_driver_find(const char *name);
/* -device help: "name "<name>", bus <bus>, desc "<desc>"" per line. */
void device_driver_list(FILE *f);

#endif
