/*
 * hw/boards.h: machines (boards) and what vl.c hands them.
 *
 * A board registers a MachineClass (machine_register, from a
 * constructor); vl.c picks one with -M, fills a MachineState from the
 * command line, and calls init() once, with the global lock held,
 * before the main loop starts.  init() creates CPUs (qemu_cpu_add),
 * RAM, devices and their wiring, loads the kernel, and registers its
 * reset handler (qemu_register_reset).  It reports problems with
 * error_report() and returns false; vl.c then exits with status 1.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/memory.h"
#include "qemu/option.h"

typedef struct Chardev Chardev;
typedef struct BlockDriverState BlockDriverState;

#define MAX_SERIAL_PORTS 4

/* One -drive. */
typedef struct DriveInfo {
    char *id;                    /* id= (default "drive<N>") */
    char *file;
    char *format;                /* "raw" (qcow2 later), NULL = probe */
    bool if_virtio;              /* if=virtio: the board makes a
                                    virtio-blk-device for it; if=none:
                                    only -device drive=<id> uses it */
    bool readonly;
    bool snapshot;               /* writes go to a temporary overlay */
    int bdrv_flags;              /* BDRV_O_* from cache= and readonly */
    BlockDriverState *bs;        /* opened by vl.c */
    bool claimed;                /* a device took it */
    struct DriveInfo *next;
} DriveInfo;

typedef struct MachineState {
    const char *type;            /* -M name */
    QemuOpts *opts;              /* -M/-machine properties for the board
                                    (gic-version, dumpdtb...): the board
                                    must qemu_opt_get each it knows; vl.c
                                    reports the rest as invalid */
    uint64_t ram_size;           /* -m, bytes */
    unsigned smp_cpus;           /* -smp */
    unsigned max_cpus;
    const char *cpu_type;        /* -cpu (the board's default if NULL) */
    const char *kernel_filename;
    const char *initrd_filename;
    const char *kernel_cmdline;  /* -append ("" if none) */
    const char *dtb_filename;    /* -dtb */
    Chardev *serial[MAX_SERIAL_PORTS];  /* -serial, in order; NULL = none */
    DriveInfo *drives;           /* -drive, in order */
    QemuOpts *devices;           /* -device, in order (next-linked) */
    MemoryRegion *system_memory; /* root of the physical address space */
    AddressSpace *system_as;
} MachineState;

typedef struct MachineClass {
    const char *name;            /* "virt" */
    const char *alias;           /* "virt-7.2" style, may be NULL */
    const char *desc;
    bool is_default;
    uint64_t default_ram_size;
    unsigned max_cpus;
    const char *default_cpu_type;
    bool (*init)(MachineState *ms);
    /* -M virt,help: the whole text ("virt-7.2 options:" and then
     * the properties, one per line). */
    void (*print_props)(FILE *f);
} MachineClass;

void machine_register(const MachineClass *mc);
const MachineClass *machine_find(const char *name);   /* name or alias */
const MachineClass *machine_default(void);
/*
 * -M help: "Supported machines are:" then "name  desc" per line, sorted
 * by name, an alias on its own line "(alias of <name>)" before it.
 */
void machine_list(FILE *f);

/* The created machine (NULL before init), for the monitor. */
extern MachineState *current_machine;

/*
 * The drive with this id (NULL if none, or if another device already
 * claimed it: the caller says "drive 'x' not found or in use");
 * marks it claimed.
 */
DriveInfo *drive_claim(MachineState *ms, const char *id);

#endif
