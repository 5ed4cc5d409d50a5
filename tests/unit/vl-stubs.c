/*
 * vl-stubs.c: stand-ins for everything softmmu/vl.c calls outside the
 * command line (main loop, TCG, chardevs, monitor, vCPUs, run state, the
 * board), so that tests/unit/test-vl-main is vl.c's own main() running
 * against a fake "virt" board.  Each stand-in prints one trace line
 * "[...]" on stderr; tests/unit/vl-wiring.sh checks the trace: the
 * start-up order, the defaults (-nographic...), what the board is handed
 * (RAM, CPUs, drives and their open flags), and the exit path.
 *
 * Environment: VL_STUB_SHUTDOWN=1 makes the board request a guest
 * shutdown (exit status 0); otherwise the loop ends after 3 iterations
 * with status 3.  VL_STUB_WRITE=1 makes the board write "written!" at
 * the start of the first drive and read it back.  VL_STUB_FILE=path
 * makes it print the first line of that file (or "missing").
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "chardev/char.h"
#include "hw/boards.h"
#include "hw/qdev.h"
#include "monitor/monitor.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

static void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void trace(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

bool no_reboot, no_shutdown;
uint32_t tb_default_cflags;
static int stub_loops;
static ShutdownCause stub_shutdown;

void qemu_init_main_loop(void)
{
    trace("[main loop]");
}

void main_loop_wait(bool nonblocking)
{
    (void)nonblocking;
    stub_loops++;
}

void qemu_notify_event(void)
{
}

void tcg_exec_init(size_t tb_size, bool system_mode)
{
    trace("[tcg %zu %d]", tb_size, system_mode);
}

/* Chardevs: opaque holds the spec, for the board's trace. */
static Chardev *stub_chardevs[16];
static int stub_nchardevs;

static Chardev *stub_chr(const char *label, const char *spec)
{
    Chardev *c = calloc(1, sizeof(*c));

    c->label = strdup(label);
    c->opaque = strdup(spec);
    if (stub_nchardevs < 16) {
        stub_chardevs[stub_nchardevs++] = c;
    }
    return c;
}

Chardev *qemu_chr_new(const char *label, const char *spec, bool *none)
{
    if (!strcmp(spec, "none")) {
        *none = true;
        trace("[chr %s none]", label);
        return NULL;
    }
    if (!strcmp(spec, "bad")) {
        error_report("'bad' is not a valid char driver");
        return NULL;
    }
    trace("[chr %s %s]", label, spec);
    return stub_chr(label, spec);
}

Chardev *qemu_chr_new_from_opts(QemuOpts *opts)
{
    const char *backend = qemu_opt_get(opts, "backend");
    const char *id = qemu_opt_get(opts, "id");

    if (!id) {
        error_report("chardev: no id specified");
        return NULL;
    }
    qemu_opts_mark_all_used(opts);
    trace("[chardev %s %s]", id, backend);
    return stub_chr(id, backend);
}

Chardev *qemu_chr_find(const char *id)
{
    int i;

    for (i = 0; i < stub_nchardevs; i++) {
        if (!strcmp(stub_chardevs[i]->label, id)) {
            return stub_chardevs[i];
        }
    }
    return NULL;
}

void qemu_chr_cleanup(void)
{
    trace("[chr cleanup]");
}

Monitor *monitor_init_hmp(Chardev *chr)
{
    trace("[monitor %s]", chr->label);
    return (Monitor *)chr;
}

void qemu_start_vcpus(void)
{
    if (tb_default_cflags) {
        trace("[tb cflags %u]", tb_default_cflags);
    }
    trace("[start vcpus]");
}

void vm_start(void)
{
    trace("[vm_start]");
}

void pause_all_vcpus(void)
{
    trace("[pause]");
}

void qemu_system_shutdown_request(ShutdownCause cause)
{
    stub_shutdown = cause;
}

void os_setup_signal_handling(void)
{
}

bool main_loop_should_exit(int *status)
{
    if (stub_shutdown || stub_loops >= 3) {
        *status = stub_shutdown ? 0 : 3;
        trace("[exit loops %d no_reboot %d no_shutdown %d]", stub_loops,
              no_reboot, no_shutdown);
        return true;
    }
    return false;
}

/* ------------------------------------------------------- the fake board */

static void stub_print_props(FILE *f)
{
    fprintf(f, "  gic-version=<2|3>\n");
}

static bool stub_board_init(MachineState *ms)
{
    const char *gic = qemu_opt_get(ms->opts, "gic-version");
    DriveInfo *d;
    QemuOpts *o;
    int i;

    trace("[board %s ram %llu smp %u/%u cpu %s kernel %s initrd %s "
          "append '%s' dtb %s gic %s nographic %d]", ms->type,
          (unsigned long long)ms->ram_size, ms->smp_cpus, ms->max_cpus,
          ms->cpu_type ? ms->cpu_type : "-",
          ms->kernel_filename ? ms->kernel_filename : "-",
          ms->initrd_filename ? ms->initrd_filename : "-",
          ms->kernel_cmdline, ms->dtb_filename ? ms->dtb_filename : "-",
          gic ? gic : "-", display_nographic);
    if (current_machine != ms || !ms->system_memory || !ms->system_as) {
        trace("[board: machine state incomplete]");
        return false;
    }
    for (i = 0; i < MAX_SERIAL_PORTS; i++) {
        if (ms->serial[i]) {
            trace("[serial%d %s]", i, (const char *)ms->serial[i]->opaque);
        }
    }
    for (d = ms->drives; d; d = d->next) {
        trace("[drive %s %s format %s virtio %d ro %d snapshot %d "
              "flags %#x node %s]", d->id, d->file,
              d->format ? d->format : "-", d->if_virtio, d->readonly,
              d->snapshot, d->bdrv_flags,
              d->bs ? d->bs->drv->format_name : "-");
    }
    for (o = ms->devices; o; o = o->next) {
        trace("[device %s]", qemu_opt_get(o, "driver"));
        qemu_opts_mark_all_used(o);
    }
    if (getenv("VL_STUB_WRITE") && ms->drives) {
        char buf[16] = "written!";

        if (bdrv_pwrite(ms->drives->bs, 0, buf, 8) < 0) {
            trace("[write failed]");
        }
        memset(buf, 0, sizeof(buf));
        bdrv_pread(ms->drives->bs, 0, buf, 8);
        trace("[read back %s]", buf);
    }
    if (getenv("VL_STUB_FILE")) {
        FILE *f = fopen(getenv("VL_STUB_FILE"), "r");
        char line[64] = "";

        if (f) {
            if (!fgets(line, sizeof(line), f)) {
                line[0] = '\0';
            }
            fclose(f);
            line[strcspn(line, "\n")] = '\0';
        }
        trace("[file %s]", f ? line : "missing");
    }
    if (getenv("VL_STUB_SHUTDOWN")) {
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    }
    return true;
}

static const MachineClass stub_virt = {
    .name = "virt-7.2",
    .alias = "virt",
    .desc = "QEMU 7.2 ARM Virtual Machine",
    .default_ram_size = 128ull << 20,
    .max_cpus = 8,
    .init = stub_board_init,
    .print_props = stub_print_props,
};

static DeviceState *stub_create(QemuOpts *opts, void *plug)
{
    (void)opts;
    (void)plug;
    return NULL;
}

static const DeviceDriver stub_blk = {
    "virtio-blk-device", "virtio-bus", "Virtio Block Device", stub_create
};

static void __attribute__((constructor)) stub_register(void)
{
    machine_register(&stub_virt);
    device_driver_register(&stub_blk);
}
