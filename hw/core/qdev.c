/*
 * hw/core/qdev.c: the device list and the -device driver registry (see
 * hw/qdev.h).
 *
 * Devices are kept in creation order: system_reset walks that order, and
 * `info qtree` rebuilds the bus tree from each device's bus name and
 * parent.  Drivers register from constructors, so `-device help` and
 * lookups work before main() parses the command line.
 */
#include <stdlib.h>
#include <string.h>

#include "hw/qdev.h"

#define QDEV_MAX_DRIVERS 64

static DeviceState *qdev_head, *qdev_tail;
static const DeviceDriver *qdev_drivers[QDEV_MAX_DRIVERS];
static int qdev_ndrivers;

void qdev_register(DeviceState *dev)
{
    dev->next = NULL;
    if (qdev_tail) {
        qdev_tail->next = dev;
    } else {
        qdev_head = dev;
    }
    qdev_tail = dev;
}

DeviceState *qdev_first(void)
{
    return qdev_head;
}

DeviceState *qdev_find_id(const char *id)
{
    DeviceState *d;

    for (d = qdev_head; d && id; d = d->next) {
        if (d->id && !strcmp(d->id, id)) {
            return d;
        }
    }
    return NULL;
}

void qdev_reset_all(void)
{
    DeviceState *d;

    for (d = qdev_head; d; d = d->next) {
        if (d->reset) {
            d->reset(d);
        }
    }
}

/* ------------------------------------------------------------- qtree */

static const char *qdev_bus_name(const DeviceState *d)
{
    return d->bus ? d->bus : "main-system-bus";
}

/* "virtio-mmio-bus.3" -> "virtio-mmio-bus"; the root bus is "System". */
static void qdev_print_bus_type(FILE *f, const char *bus, int indent)
{
    const char *dot = strrchr(bus, '.');
    int len = dot ? (int)(dot - bus) : (int)strlen(bus);

    if (!strcmp(bus, "main-system-bus")) {
        fprintf(f, "%*stype System\n", indent, "");
    } else {
        fprintf(f, "%*stype %.*s\n", indent, "", len, bus);
    }
}

static void qdev_print_bus(FILE *f, DeviceState *parent, const char *bus,
                           int indent);

static void qdev_print_dev(FILE *f, DeviceState *dev, int indent)
{
    DeviceState *c, *e;

    fprintf(f, "%*sdev: %s, id \"%s\"\n", indent, "", dev->type,
            dev->id ? dev->id : "");
    if (dev->print_props) {
        dev->print_props(dev, f, indent + 2);
    }
    /* Each child bus once, in the order its first device was created. */
    for (c = qdev_head; c; c = c->next) {
        bool seen = false;

        if (c->parent != dev) {
            continue;
        }
        for (e = qdev_head; e != c; e = e->next) {
            if (e->parent == dev &&
                !strcmp(qdev_bus_name(e), qdev_bus_name(c))) {
                seen = true;
                break;
            }
        }
        if (!seen) {
            qdev_print_bus(f, dev, qdev_bus_name(c), indent + 2);
        }
    }
}

static void qdev_print_bus(FILE *f, DeviceState *parent, const char *bus,
                           int indent)
{
    DeviceState *d;

    fprintf(f, "%*sbus: %s\n", indent, "", bus);
    qdev_print_bus_type(f, bus, indent + 2);
    for (d = qdev_head; d; d = d->next) {
        if (d->parent == parent && !strcmp(qdev_bus_name(d), bus)) {
            qdev_print_dev(f, d, indent + 2);
        }
    }
}

void qdev_print_tree(FILE *f)
{
    DeviceState *d, *e;

    /* Root buses: those of parentless devices, in creation order. */
    for (d = qdev_head; d; d = d->next) {
        bool seen = false;

        if (d->parent) {
            continue;
        }
        for (e = qdev_head; e != d; e = e->next) {
            if (!e->parent && !strcmp(qdev_bus_name(e), qdev_bus_name(d))) {
                seen = true;
                break;
            }
        }
        if (!seen) {
            qdev_print_bus(f, NULL, qdev_bus_name(d), 0);
        }
    }
}

/* ----------------------------------------------------------- drivers */

void device_driver_register(const DeviceDriver *drv)
{
    if (qdev_ndrivers < QDEV_MAX_DRIVERS && !device_driver_find(drv->name)) {
        qdev_drivers[qdev_ndrivers++] = drv;
    }
}

const DeviceDriver *device_driver_find(const char *name)
{
    int i;

    for (i = 0; name && i < qdev_ndrivers; i++) {
        if (!strcmp(qdev_drivers[i]->name, name)) {
            return qdev_drivers[i];
        }
    }
    return NULL;
}

static int qdev_driver_cmp(const void *a, const void *b)
{
    const DeviceDriver *const *x = a, *const *y = b;

    return strcmp((*x)->name, (*y)->name);
}

void device_driver_list(FILE *f)
{
    const DeviceDriver *sorted[QDEV_MAX_DRIVERS];
    int i;

    memcpy(sorted, qdev_drivers, qdev_ndrivers * sizeof(sorted[0]));
    qsort(sorted, qdev_ndrivers, sizeof(sorted[0]), qdev_driver_cmp);
    for (i = 0; i < qdev_ndrivers; i++) {
        fprintf(f, "name \"%s\", bus %s", sorted[i]->name, sorted[i]->bus);
        if (sorted[i]->desc) {
            fprintf(f, ", desc \"%s\"", sorted[i]->desc);
        }
        fputc('\n', f);
    }
}
