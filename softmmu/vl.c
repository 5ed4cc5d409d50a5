/*
 * softmmu/vl.c: main() of qemu-system-<arch>: the command line, the
 * machine's creation and the I/O thread's main loop.
 *
 * The options follow QEMU's (scripts and habits carry over).  Start-up
 * runs in three phases:
 *
 *  1. parse: every option is checked as it is read and recorded in
 *     VlConfig; "help" forms print and exit 0; a bad option prints one
 *     line, "qemu-system-aarch64: -opt arg: reason", and exits 1.
 *  2. create: main loop and global lock, TCG, -chardev/-serial/-monitor
 *     backends, -netdev, -drive images, then the board's init() (CPUs,
 *     RAM, devices, kernel), then the monitors (whose backends the
 *     board's serial port may share through a mux).
 *  3. run: vCPUs started (and resumed unless -S); the main loop runs
 *     until main_loop_should_exit(); drives are flushed and terminals
 *     restored on the way out.
 *
 * While an option is being acted on, error_set_context() names it, so
 * errors from option parsing, chardevs or the block layer carry it.
 *
 * Per-target parts (binary name, -cpu help) come from config-target.h
 * and the target's own functions, selected at the top.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "block/block.h"
#include "chardev/char.h"
#include "exec/tb.h"
#include "hw/boards.h"
#include "hw/qdev.h"
#include "monitor/monitor.h"
#include "net/net.h"
#include "qemu/accel-opts.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "qemu/perfmap.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

#if defined(TARGET_AARCH64) || defined(TARGET_ARM)
#include "cpu.h"
#define vl_target_cpu_list arm_cpu_list
#endif

#define VL_BINARY_NAME "qemu-system-" TARGET_NAME
#define VL_VERSION "7.2.0"
#define VL_MAX_MONITORS 8
/* QEMU rounds -m up to 8 KiB. */
#define VL_RAM_ALIGN 8192ull

/* ---------------------------------------------------------- weak fallbacks */

/*
 * Until net/ exists: -netdev is refused with one line.  The real
 * definitions (in a whole-linked SYSTEM_LIBS archive) override these.
 */
__attribute__((weak)) bool net_init_netdev(QemuOpts *opts)
{
    (void)opts;
    error_report("not supported yet");
    return false;
}

__attribute__((weak)) void net_check_clients(void)
{
}

/*
 * hw/virtio/virtio-blk.c: wait for in-flight asynchronous requests, so
 * no worker writes to an image after vl_drives_cleanup closed it.
 */
__attribute__((weak)) void virtio_blk_drain_all(void)
{
}

/* Owned by chardev/ (chardev/char.h); weak in case nothing defines it. */
__attribute__((weak)) bool display_nographic;

/* ------------------------------------------------------------------ options */

typedef enum VlOptIndex {
    OPT_MACHINE, OPT_CPU, OPT_M, OPT_SMP, OPT_KERNEL, OPT_INITRD, OPT_APPEND,
    OPT_DTB, OPT_NOGRAPHIC, OPT_SERIAL, OPT_MONITOR, OPT_CHARDEV, OPT_MON,
    OPT_DRIVE, OPT_SNAPSHOT, OPT_DEVICE, OPT_NETDEV, OPT_NIC, OPT_NET,
    OPT_NO_REBOOT, OPT_NO_SHUTDOWN, OPT_S, OPT_D, OPT_DFILE, OPT_PERFMAP, OPT_ACCEL,
    OPT_ENABLE_KVM, OPT_VERSION, OPT_HELP, OPT_DISPLAY, OPT_VGA,
    OPT_PARALLEL, OPT_NO_USER_CONFIG, OPT_NODEFAULTS, OPT_RTC, OPT_PIDFILE,
    OPT_DAEMONIZE, OPT_NAME, OPT_L,
} VlOptIndex;

typedef struct VlOption {
    const char *name;
    bool has_arg;
    VlOptIndex index;
    const char *args;            /* for -help */
    const char *help;            /* NULL: not listed */
} VlOption;

static const VlOption vl_options[] = {
    { "machine", true, OPT_MACHINE, "TYPE[,prop=value...]",
      "select the machine (-machine help, -machine TYPE,help)" },
    { "M", true, OPT_MACHINE, "TYPE[,prop=value...]", "same as -machine" },
    { "cpu", true, OPT_CPU, "MODEL", "select the CPU model (-cpu help)" },
    { "m", true, OPT_M, "[size=]SIZE[M|G]",
      "guest RAM size (MiB without a suffix)" },
    { "smp", true, OPT_SMP,
      "[cpus=]N[,maxcpus=N][,sockets=N][,cores=N][,threads=N]",
      "number of CPUs and their topology" },
    { "kernel", true, OPT_KERNEL, "FILE", "the kernel image to boot" },
    { "initrd", true, OPT_INITRD, "FILE", "the initial ram disk" },
    { "append", true, OPT_APPEND, "CMDLINE", "the kernel command line" },
    { "dtb", true, OPT_DTB, "FILE", "use this device tree blob" },
    { "nographic", false, OPT_NOGRAPHIC, "",
      "no display: serial port and monitor on stdio (Ctrl-A h for help)" },
    { "serial", true, OPT_SERIAL, "DEV",
      "next serial port on DEV (stdio, mon:stdio, null, none, file:F, pty, "
      "tcp:..., telnet:..., chardev:ID)" },
    { "monitor", true, OPT_MONITOR, "DEV", "the human monitor on DEV" },
    { "chardev", true, OPT_CHARDEV, "BACKEND,id=ID[,...]",
      "a character device" },
    { "mon", true, OPT_MON, "[chardev=]ID[,mode=readline]",
      "a monitor on the character device ID" },
    { "drive", true, OPT_DRIVE,
      "file=F[,format=raw|qcow2][,if=none|virtio][,id=ID][,readonly=on|off]"
      "[,cache=MODE][,snapshot=on|off][,media=disk]", "a disk image" },
    { "snapshot", false, OPT_SNAPSHOT, "",
      "write to temporary overlays instead of the disk images" },
    { "device", true, OPT_DEVICE, "DRIVER[,prop=value...]",
      "add a device (-device help)" },
    { "netdev", true, OPT_NETDEV, "user|tap,id=ID[,...]", "a network backend" },
    { "nic", true, OPT_NIC, NULL, NULL },
    { "net", true, OPT_NET, NULL, NULL },
    { "no-reboot", false, OPT_NO_REBOOT, "", "exit instead of rebooting" },
    { "no-shutdown", false, OPT_NO_SHUTDOWN, "",
      "stop instead of exiting when the guest powers off" },
    { "S", false, OPT_S, "", "do not start the CPUs (monitor `cont`)" },
    { "d", true, OPT_D, "ITEM[,...]", "log these items (-d help)" },
    { "D", true, OPT_DFILE, "FILE", "log to FILE instead of stderr" },
    { "perfmap", false, OPT_PERFMAP, "",
      "name translated code for perf in /tmp/perf-PID.map" },
    { "accel", true, OPT_ACCEL, "tcg[,tb-size=MB][,one-insn-per-tb=on]",
      "accelerator (-accel help)" },
    { "enable-kvm", false, OPT_ENABLE_KVM, NULL, NULL },
    { "version", false, OPT_VERSION, "", "print the version and exit" },
    { "h", false, OPT_HELP, "", "print this help and exit" },
    { "help", false, OPT_HELP, "", "print this help and exit" },
    { "display", true, OPT_DISPLAY, "none", "display type (only none)" },
    { "vga", true, OPT_VGA, "none", "video card (only none)" },
    { "parallel", true, OPT_PARALLEL, "none", "parallel port (only none)" },
    { "no-user-config", false, OPT_NO_USER_CONFIG, "",
      "accepted: there are no user config files" },
    { "nodefaults", false, OPT_NODEFAULTS, "",
      "no default serial port or monitor" },
    { "rtc", true, OPT_RTC, "base=utc|localtime[,clock=host|rt|vm]",
      "accepted; the RTC follows the host clock in UTC" },
    { "pidfile", true, OPT_PIDFILE, "FILE", "write the process id to FILE" },
    { "daemonize", false, OPT_DAEMONIZE, NULL, NULL },
    { "name", true, OPT_NAME, "NAME[,process=NAME]", "name the guest" },
    { "L", true, OPT_L, "DIR", "accepted (no firmware is needed)" },
};

typedef struct VlDrive {
    const char *arg;             /* the -drive argument, for errors */
    DriveInfo *info;             /* checked at parse time, opened later */
    struct VlDrive *next;
} VlDrive;

typedef struct VlConfig {
    QemuOpts *machine_opts;
    const MachineClass *mc;
    const char *cpu_model;
    uint64_t ram_size;           /* 0 = the machine's default */
    unsigned smp_cpus, max_cpus;
    const char *kernel, *initrd, *append, *dtb;
    const char *serial[MAX_SERIAL_PORTS];
    int nserial;
    const char *monitor_spec[VL_MAX_MONITORS];
    int nmonitor_spec;
    const char *mon_arg[VL_MAX_MONITORS];
    QemuOpts *mon_opts[VL_MAX_MONITORS];
    int nmon;
    const char *chardev_arg[64];
    QemuOpts *chardev_opts[64];
    int nchardev;
    const char *netdev_arg[16];
    QemuOpts *netdev_opts[16];
    int nnetdev;
    VlDrive *drives, **drives_tail;
    bool snapshot_all;
    QemuOpts *devices, **devices_tail;
    bool nographic;
    bool autostart;
    bool nodefaults;
    bool default_serial, default_monitor;
    const char *log_items, *log_file;
    int log_mask;
    AccelOpts accel;
    const char *pidfile;
    QemuOpts *name_opts;         /* -name: name and process_name */
    const char *name, *process_name;
} VlConfig;

static VlConfig vl_cfg;

/* ------------------------------------------------------------- messages */

static void vl_print_version(void)
{
    printf("QEMU emulator version " VL_VERSION " (emulator-from-scratch)\n");
    printf("Copyright (c) 2026 the project authors\n");
}

static void vl_print_help(void)
{
    size_t i;

    vl_print_version();
    printf("usage: %s [options]\n\n", error_get_progname());
    for (i = 0; i < sizeof(vl_options) / sizeof(vl_options[0]); i++) {
        const VlOption *o = &vl_options[i];
        char head[160];

        if (!o->help) {
            continue;
        }
        snprintf(head, sizeof(head), "-%s%s%s", o->name,
                 o->args && *o->args ? " " : "", o->args ? o->args : "");
        if (strlen(head) < 26) {
            printf("%-26s %s\n", head, o->help);
        } else {
            printf("%s\n%-26s %s\n", head, "", o->help);
        }
    }
    printf("\nDuring emulation with -nographic: Ctrl-A h lists the keys, "
           "Ctrl-A x quits,\nCtrl-A c switches between the serial console "
           "and the monitor.\n");
}

/* Report an error about the option in the current context and exit 1. */
static void __attribute__((noreturn, format(printf, 1, 2)))
vl_fatal(const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    error_report("%s", buf);
    exit(1);
}

static void vl_set_context(const char *opt, const char *arg)
{
    char buf[1024];

    if (arg) {
        snprintf(buf, sizeof(buf), "-%s %s", opt, arg);
    } else {
        snprintf(buf, sizeof(buf), "-%s", opt);
    }
    error_set_context(buf);
}

static bool vl_is_help(const char *s)
{
    return s && (!strcmp(s, "help") || !strcmp(s, "?"));
}

/*
 * util/log.c and util/accel-opts.c (shared with qemu-<arch>) print their
 * own "qemu: ..." lines.  Catch them and say the same thing in this
 * binary's form: "qemu-system-aarch64: -opt arg: reason".
 */
typedef struct VlCapture {
    int saved;
    FILE *tmp;
} VlCapture;

static void vl_capture_begin(VlCapture *c)
{
    fflush(stderr);
    c->tmp = tmpfile();
    c->saved = c->tmp ? dup(STDERR_FILENO) : -1;
    if (c->saved < 0) {
        if (c->tmp) {
            fclose(c->tmp);
            c->tmp = NULL;
        }
        return;
    }
    dup2(fileno(c->tmp), STDERR_FILENO);
}

static void vl_capture_end(VlCapture *c, bool relay)
{
    char line[1024];

    if (!c->tmp) {
        return;
    }
    fflush(stderr);
    dup2(c->saved, STDERR_FILENO);
    close(c->saved);
    rewind(c->tmp);
    while (relay && fgets(line, sizeof(line), c->tmp)) {
        char *msg = line;

        line[strcspn(line, "\n")] = '\0';
        if (!strncmp(msg, "qemu: ", 6)) {
            msg += 6;
        }
        if (msg[0] == '-') {
            /* It names the option itself. */
            fprintf(stderr, "%s: %s\n", error_get_progname(), msg);
        } else if (*msg) {
            error_report("%s", msg);
        }
    }
    fclose(c->tmp);
}

/* --------------------------------------------------------- option parsers */

static void vl_opt_drive(const char *arg);

static QemuOpts *vl_parse_opts(const char *arg, const char *implied)
{
    QemuOpts *opts = qemu_opts_parse(arg, implied);

    if (!opts) {
        exit(1);
    }
    return opts;
}

static void vl_opt_machine(const char *arg)
{
    QemuOpts *opts;
    const char *type;

    if (!vl_cfg.machine_opts) {
        vl_cfg.machine_opts = vl_parse_opts(arg, "type");
    } else if (!qemu_opts_parse_append(vl_cfg.machine_opts, arg, "type")) {
        exit(1);
    }
    opts = vl_cfg.machine_opts;
    type = qemu_opt_get(opts, "type");
    if (vl_is_help(type)) {
        machine_list(stdout);
        exit(0);
    }
    if (type) {
        vl_cfg.mc = machine_find(type);
        if (!vl_cfg.mc) {
            vl_fatal("unsupported machine type '%s' (-machine help lists "
                     "them)", type);
        }
    }
    if (qemu_opt_has(opts, "help")) {
        bool help;

        if (!qemu_opt_get_bool(opts, "help", false, &help)) {
            exit(1);
        }
        if (help) {
            if (!vl_cfg.mc) {
                vl_fatal("no machine type given before 'help'");
            }
            if (vl_cfg.mc->print_props) {
                vl_cfg.mc->print_props(stdout);
            }
            exit(0);
        }
    }
}

static void vl_opt_cpu(const char *arg)
{
    const char *comma = strchr(arg, ',');

    if (vl_is_help(arg)) {
        printf("Available CPUs:\n");
#ifdef vl_target_cpu_list
        vl_target_cpu_list(stdout);
#endif
        exit(0);
    }
    if (comma == arg || !*arg) {
        vl_fatal("no CPU model given");
    }
    if (comma) {
        warn_report("CPU properties '%s' are ignored", comma + 1);
        vl_cfg.cpu_model = strndup(arg, comma - arg);
    } else {
        vl_cfg.cpu_model = arg;
    }
}

static void vl_opt_m(const char *arg)
{
    QemuOpts *opts = vl_parse_opts(arg, "size");
    const char *size = qemu_opt_get(opts, "size");
    uint64_t v;

    if (!size) {
        vl_fatal("missing 'size' option value");
    }
    if (!qemu_parse_size(size, true, &v)) {
        vl_fatal("invalid RAM size '%s' (a number of MiB, or with a K, M, "
                 "G or T suffix)", size);
    }
    if (v == 0) {
        vl_fatal("ram size too small");
    }
    if (v > UINT64_MAX - VL_RAM_ALIGN) {
        vl_fatal("ram size too large");
    }
    if (!qemu_opts_check_unused(opts, NULL)) {
        exit(1);
    }
    qemu_opts_free(opts);
    vl_cfg.ram_size = (v + VL_RAM_ALIGN - 1) & ~(VL_RAM_ALIGN - 1);
}

/* One -smp number: absent gives 0; given, it must be 1..4096. */
static unsigned vl_smp_number(QemuOpts *opts, const char *name)
{
    uint64_t v;

    if (!qemu_opt_get_number(opts, name, 0, &v)) {
        exit(1);
    }
    if (qemu_opt_has(opts, name) && (v == 0 || v > 4096)) {
        vl_fatal("Invalid SMP value %s=%llu (1 to 4096)", name,
                 (unsigned long long)v);
    }
    return (unsigned)v;
}

static void vl_opt_smp(const char *arg)
{
    QemuOpts *opts = vl_parse_opts(arg, "cpus");
    unsigned cpus = vl_smp_number(opts, "cpus");
    unsigned maxcpus = vl_smp_number(opts, "maxcpus");
    unsigned sockets = vl_smp_number(opts, "sockets");
    unsigned dies = vl_smp_number(opts, "dies");
    unsigned clusters = vl_smp_number(opts, "clusters");
    unsigned cores = vl_smp_number(opts, "cores");
    unsigned threads = vl_smp_number(opts, "threads");
    unsigned long long product;

    if (!qemu_opts_check_unused(opts, NULL)) {
        exit(1);
    }
    qemu_opts_free(opts);
    dies = dies ? dies : 1;
    clusters = clusters ? clusters : 1;
    threads = threads ? threads : 1;
    cores = cores ? cores : 1;
    if (!sockets) {
        unsigned want = maxcpus ? maxcpus : cpus ? cpus : 1;
        unsigned per = dies * clusters * cores * threads;

        sockets = (want + per - 1) / per;
    }
    product = (unsigned long long)sockets * dies * clusters * cores * threads;
    if (product > 4096) {
        vl_fatal("Invalid CPU topology: too many CPUs (%llu)", product);
    }
    if (!maxcpus) {
        maxcpus = (unsigned)product;
    }
    if (!cpus) {
        cpus = maxcpus;
    }
    if (product != maxcpus) {
        vl_fatal("Invalid CPU topology: product of the hierarchy must match "
                 "maxcpus: sockets (%u) * dies (%u) * clusters (%u) * "
                 "cores (%u) * threads (%u) != maxcpus (%u)", sockets, dies,
                 clusters, cores, threads, maxcpus);
    }
    if (cpus > maxcpus) {
        vl_fatal("Invalid CPU topology: maxcpus must be equal to or greater "
                 "than smp: cpus (%u) > maxcpus (%u)", cpus, maxcpus);
    }
    vl_cfg.smp_cpus = cpus;
    vl_cfg.max_cpus = maxcpus;
}

static void vl_opt_serial(const char *arg)
{
    if (vl_cfg.nserial >= MAX_SERIAL_PORTS) {
        vl_fatal("too many serial ports (at most %d)", MAX_SERIAL_PORTS);
    }
    vl_cfg.serial[vl_cfg.nserial++] = arg;
    vl_cfg.default_serial = false;
    if (!strncmp(arg, "mon:", 4)) {
        vl_cfg.default_monitor = false;
    }
}

static void vl_opt_monitor(const char *arg)
{
    if (vl_cfg.nmonitor_spec >= VL_MAX_MONITORS) {
        vl_fatal("too many monitors");
    }
    vl_cfg.default_monitor = false;
    vl_cfg.monitor_spec[vl_cfg.nmonitor_spec++] = arg;
}

static void vl_opt_mon(const char *arg)
{
    QemuOpts *opts = vl_parse_opts(arg, "chardev");
    const char *mode = qemu_opt_get(opts, "mode");
    bool pretty;

    if (vl_cfg.nmon >= VL_MAX_MONITORS) {
        vl_fatal("too many monitors");
    }
    if (!qemu_opt_get(opts, "chardev")) {
        vl_fatal("Parameter 'chardev' is missing");
    }
    if (mode && strcmp(mode, "readline") != 0) {
        if (!strcmp(mode, "control")) {
            vl_fatal("mode=control: QMP is not supported");
        }
        vl_fatal("Parameter 'mode' does not accept value '%s'", mode);
    }
    if (!qemu_opt_get_bool(opts, "pretty", false, &pretty)) {
        exit(1);
    }
    qemu_opt_get(opts, "id");
    if (!qemu_opts_check_unused(opts, NULL)) {
        exit(1);
    }
    vl_cfg.default_monitor = false;
    vl_cfg.mon_arg[vl_cfg.nmon] = arg;
    vl_cfg.mon_opts[vl_cfg.nmon++] = opts;
}

static void vl_opt_chardev(const char *arg)
{
    if (vl_cfg.nchardev >= (int)(sizeof(vl_cfg.chardev_opts) /
                                 sizeof(vl_cfg.chardev_opts[0]))) {
        vl_fatal("too many character devices");
    }
    vl_cfg.chardev_arg[vl_cfg.nchardev] = arg;
    vl_cfg.chardev_opts[vl_cfg.nchardev++] = vl_parse_opts(arg, "backend");
}

static void vl_opt_netdev(const char *arg)
{
    if (vl_cfg.nnetdev >= (int)(sizeof(vl_cfg.netdev_opts) /
                                sizeof(vl_cfg.netdev_opts[0]))) {
        vl_fatal("too many network backends");
    }
    vl_cfg.netdev_arg[vl_cfg.nnetdev] = arg;
    vl_cfg.netdev_opts[vl_cfg.nnetdev++] = vl_parse_opts(arg, "type");
}

static void vl_opt_device(const char *arg)
{
    QemuOpts *opts = vl_parse_opts(arg, "driver");
    const char *driver = qemu_opt_get(opts, "driver");
    const DeviceDriver *drv;

    if (vl_is_help(driver)) {
        device_driver_list(stdout);
        exit(0);
    }
    if (!driver || !*driver) {
        vl_fatal("Parameter 'driver' is missing");
    }
    drv = device_driver_find(driver);
    if (!drv) {
        vl_fatal("'%s' is not a valid device model name (-device help "
                 "lists them)", driver);
    }
    if (qemu_opt_has(opts, "help")) {
        printf("%s options:\n", drv->name);
        printf("  (bus %s)%s%s\n", drv->bus, drv->desc ? " " : "",
               drv->desc ? drv->desc : "");
        exit(0);
    }
    /* The board looks "driver" up again; the rest is the device's. */
    opts->next = NULL;
    *vl_cfg.devices_tail = opts;
    vl_cfg.devices_tail = &opts->next;
}

static void vl_opt_log(const char *arg)
{
    VlCapture c;
    int mask;

    if (vl_is_help(arg)) {
        qemu_print_log_usage(stdout);
        exit(0);
    }
    vl_capture_begin(&c);
    mask = qemu_str_to_log_mask(arg);
    vl_capture_end(&c, mask < 0);
    if (mask < 0) {
        exit(1);
    }
    vl_cfg.log_mask = mask;
    vl_cfg.log_items = arg;
}

static void vl_opt_accel(const char *arg)
{
    VlCapture c;
    bool ok;

    if (vl_is_help(arg)) {
        accel_print_help(stdout);
        exit(0);
    }
    vl_capture_begin(&c);
    ok = accel_parse_opts(arg, &vl_cfg.accel);
    vl_capture_end(&c, !ok);
    if (!ok) {
        exit(1);
    }
}

static void vl_opt_only_none(const char *what, const char *arg)
{
    if (strcmp(arg, "none") != 0) {
        vl_fatal("%s '%s' is not available (only none)", what, arg);
    }
}

static void vl_opt_display(const char *arg)
{
    QemuOpts *opts = vl_parse_opts(arg, "type");
    const char *type = qemu_opt_get(opts, "type");

    if (vl_is_help(type)) {
        printf("Available display backend types:\nnone\n");
        exit(0);
    }
    vl_opt_only_none("display", type ? type : "");
    if (!qemu_opts_check_unused(opts, NULL)) {
        exit(1);
    }
    qemu_opts_free(opts);
}

static void vl_opt_rtc(const char *arg)
{
    QemuOpts *opts = vl_parse_opts(arg, NULL);
    const char *base = qemu_opt_get(opts, "base");
    const char *clock = qemu_opt_get(opts, "clock");
    const char *drift = qemu_opt_get(opts, "driftfix");

    if (base && strcmp(base, "utc") != 0 && strcmp(base, "localtime") != 0) {
        vl_fatal("base=%s: only utc and localtime are supported", base);
    }
    if (clock && strcmp(clock, "host") != 0 && strcmp(clock, "rt") != 0 &&
        strcmp(clock, "vm") != 0) {
        vl_fatal("invalid option value '%s' for clock", clock);
    }
    if (drift && strcmp(drift, "none") != 0 && strcmp(drift, "slew") != 0) {
        vl_fatal("invalid option value '%s' for driftfix", drift);
    }
    if (!qemu_opts_check_unused(opts, NULL)) {
        exit(1);
    }
    qemu_opts_free(opts);
}

static void vl_opt_name(const char *arg)
{
    QemuOpts *opts = vl_parse_opts(arg, "guest");
    bool dbg;

    vl_cfg.name = qemu_opt_get(opts, "guest");
    vl_cfg.process_name = qemu_opt_get(opts, "process");
    if (!qemu_opt_get_bool(opts, "debug-threads", false, &dbg)) {
        exit(1);
    }
    if (!qemu_opts_check_unused(opts, NULL)) {
        exit(1);
    }
    /* Kept: the names point into it. */
    qemu_opts_free(vl_cfg.name_opts);
    vl_cfg.name_opts = opts;
}

static const VlOption *vl_find_option(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(vl_options) / sizeof(vl_options[0]); i++) {
        if (!strcmp(vl_options[i].name, name)) {
            return &vl_options[i];
        }
    }
    return NULL;
}

static void vl_handle_option(const VlOption *o, const char *arg)
{
    switch (o->index) {
    case OPT_MACHINE:
        vl_opt_machine(arg);
        break;
    case OPT_CPU:
        vl_opt_cpu(arg);
        break;
    case OPT_M:
        vl_opt_m(arg);
        break;
    case OPT_SMP:
        vl_opt_smp(arg);
        break;
    case OPT_KERNEL:
        vl_cfg.kernel = arg;
        break;
    case OPT_INITRD:
        vl_cfg.initrd = arg;
        break;
    case OPT_APPEND:
        vl_cfg.append = arg;
        break;
    case OPT_DTB:
        vl_cfg.dtb = arg;
        break;
    case OPT_NOGRAPHIC:
        vl_cfg.nographic = true;
        break;
    case OPT_SERIAL:
        vl_opt_serial(arg);
        break;
    case OPT_MONITOR:
        vl_opt_monitor(arg);
        break;
    case OPT_CHARDEV:
        vl_opt_chardev(arg);
        break;
    case OPT_MON:
        vl_opt_mon(arg);
        break;
    case OPT_DRIVE:
        vl_opt_drive(arg);
        break;
    case OPT_SNAPSHOT:
        vl_cfg.snapshot_all = true;
        break;
    case OPT_DEVICE:
        vl_opt_device(arg);
        break;
    case OPT_NETDEV:
        vl_opt_netdev(arg);
        break;
    case OPT_NIC:
    case OPT_NET:
        /* "none" asks for what we do anyway: no default network card. */
        if (!strcmp(arg, "none")) {
            break;
        }
        vl_fatal("not supported; use -netdev user,id=n0 "
                 "-device virtio-net-device,netdev=n0");
    case OPT_NO_REBOOT:
        no_reboot = true;
        break;
    case OPT_NO_SHUTDOWN:
        no_shutdown = true;
        break;
    case OPT_S:
        vl_cfg.autostart = false;
        break;
    case OPT_D:
        vl_opt_log(arg);
        break;
    case OPT_DFILE:
        vl_cfg.log_file = arg;
        break;
    case OPT_PERFMAP:
        if (!perfmap_enable()) {
            exit(1);
        }
        break;
    case OPT_ACCEL:
        vl_opt_accel(arg);
        break;
    case OPT_ENABLE_KVM:
        vl_fatal("KVM is not supported (only TCG)");
    case OPT_VERSION:
        vl_print_version();
        exit(0);
    case OPT_HELP:
        vl_print_help();
        exit(0);
    case OPT_DISPLAY:
        vl_opt_display(arg);
        break;
    case OPT_VGA:
        vl_opt_only_none("VGA card", arg);
        break;
    case OPT_PARALLEL:
        vl_opt_only_none("parallel port", arg);
        break;
    case OPT_NO_USER_CONFIG:
    case OPT_L:
        break;
    case OPT_NODEFAULTS:
        vl_cfg.nodefaults = true;
        break;
    case OPT_RTC:
        vl_opt_rtc(arg);
        break;
    case OPT_PIDFILE:
        vl_cfg.pidfile = arg;
        break;
    case OPT_DAEMONIZE:
        vl_fatal("not supported (run it in the background from the shell)");
    case OPT_NAME:
        vl_opt_name(arg);
        break;
    }
}

static void vl_parse_args(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *name;
        const VlOption *o;
        const char *arg = NULL;

        if (a[0] != '-' || !a[1]) {
            error_report("%s: a disk image argument is not supported (use "
                         "-drive file=%s)", a, a);
            exit(1);
        }
        name = a + 1 + (a[1] == '-');
        o = vl_find_option(name);
        if (!o) {
            error_report("-%s: invalid option", name);
            exit(1);
        }
        if (o->has_arg) {
            if (i + 1 >= argc) {
                error_report("-%s: requires an argument", o->name);
                exit(1);
            }
            arg = argv[++i];
        }
        vl_set_context(o->name, arg);
        vl_handle_option(o, arg);
        error_set_context(NULL);
    }
}

/* Checks that need the whole command line. */
static void vl_check_config(void)
{
    const MachineClass *mc;

    if (!vl_cfg.mc) {
        vl_cfg.mc = machine_default();
        if (!vl_cfg.mc) {
            error_report("No machine specified, and there is no default "
                         "(-machine help lists the machines)");
            exit(1);
        }
    }
    mc = vl_cfg.mc;
    if (!vl_cfg.kernel) {
        if (vl_cfg.initrd) {
            error_report("-initrd only allowed with -kernel option");
            exit(1);
        }
        if (vl_cfg.append) {
            error_report("-append only allowed with -kernel option");
            exit(1);
        }
        if (vl_cfg.dtb) {
            error_report("-dtb only allowed with -kernel option");
            exit(1);
        }
    }
    if (!vl_cfg.ram_size) {
        vl_cfg.ram_size = mc->default_ram_size ? mc->default_ram_size
                                               : 128ull << 20;
    }
    if (!vl_cfg.smp_cpus) {
        vl_cfg.smp_cpus = vl_cfg.max_cpus = 1;
    }
    if (mc->max_cpus && vl_cfg.max_cpus > mc->max_cpus) {
        error_report("Invalid SMP CPUs %u. The max CPUs supported by "
                     "machine '%s' is %u", vl_cfg.max_cpus, mc->name,
                     mc->max_cpus);
        exit(1);
    }
    if (vl_cfg.machine_opts) {
        const char *accel = qemu_opt_get(vl_cfg.machine_opts, "accel");

        qemu_opt_get(vl_cfg.machine_opts, "type");
        if (accel && strcmp(accel, "tcg") != 0) {
            error_report("-machine accel=%s: accelerator not available "
                         "(only tcg)", accel);
            exit(1);
        }
    }
}

/* ----------------------------------------------------------------- drives */

/*
 * snapshot=on: a temporary qcow2 overlay over the image, deleted at once
 * (its fd stays open), so the image itself is never written.
 */
static BlockDriverState *vl_open_snapshot(const char *file, const char *fmt,
                                          int flags, char *err, size_t errlen)
{
    BlockDriverState *base, *bs;
    BlockCreateOpts co;
    const char *tmpdir = getenv("TMPDIR");
    char tmp[4096], *abs;
    char base_fmt[32];
    int64_t len;
    int fd;

    base = bdrv_open(file, fmt, flags & ~BDRV_O_RDWR, err, errlen);
    if (!base) {
        return NULL;
    }
    len = bdrv_getlength(base);
    snprintf(base_fmt, sizeof(base_fmt), "%s", base->drv->format_name);
    bdrv_close(base);
    if (len < 0) {
        snprintf(err, errlen, "Could not get the size of '%s'", file);
        return NULL;
    }
    abs = realpath(file, NULL);
    if (!abs) {
        snprintf(err, errlen, "Could not open '%s': %s", file,
                 strerror(errno));
        return NULL;
    }
    snprintf(tmp, sizeof(tmp), "%s/vl-snapshot.XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/var/tmp");
    fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "Could not create a temporary overlay in %s: "
                 "%s", tmpdir && *tmpdir ? tmpdir : "/var/tmp",
                 strerror(errno));
        free(abs);
        return NULL;
    }
    close(fd);
    memset(&co, 0, sizeof(co));
    co.size = (uint64_t)len;
    co.size_set = true;
    co.backing_file = abs;
    co.backing_fmt = base_fmt;
    bs = NULL;
    if (bdrv_create("qcow2", tmp, &co, err, errlen) >= 0) {
        bs = bdrv_open(tmp, "qcow2", flags | BDRV_O_RDWR, err, errlen);
    }
    unlink(tmp);
    free(abs);
    return bs;
}

/* Check one -drive and describe it; the image is opened later. */
static DriveInfo *vl_drive_parse(const char *arg, int index)
{
    QemuOpts *opts = vl_parse_opts(arg, NULL);
    DriveInfo *d = calloc(1, sizeof(*d));
    const char *file = qemu_opt_get(opts, "file");
    const char *format = qemu_opt_get(opts, "format");
    const char *iface = qemu_opt_get(opts, "if");
    const char *id = qemu_opt_get(opts, "id");
    const char *cache = qemu_opt_get(opts, "cache");
    const char *media = qemu_opt_get(opts, "media");
    const char *aio = qemu_opt_get(opts, "aio");
    const char *discard = qemu_opt_get(opts, "discard");
    VlDrive *vd;
    int flags = 0;

    if (!d) {
        vl_fatal("out of memory");
    }
    if (!file || !*file) {
        vl_fatal("Parameter 'file' is missing (empty drives are not "
                 "supported)");
    }
    if (format && strcmp(format, "raw") != 0 && strcmp(format, "qcow2") != 0) {
        vl_fatal("Unknown driver '%s' (raw and qcow2 are supported)", format);
    }
    if (iface && strcmp(iface, "none") != 0 && strcmp(iface, "virtio") != 0) {
        vl_fatal("if=%s: interface not supported by this machine (none, "
                 "virtio)", iface);
    }
    if (media && strcmp(media, "disk") != 0) {
        vl_fatal("media=%s is not supported (only disk)", media);
    }
    if (aio && strcmp(aio, "threads") != 0 && strcmp(aio, "native") != 0 &&
        strcmp(aio, "io_uring") != 0) {
        vl_fatal("invalid aio option '%s'", aio);
    }
    if (discard && strcmp(discard, "ignore") != 0 &&
        strcmp(discard, "off") != 0 && strcmp(discard, "unmap") != 0 &&
        strcmp(discard, "on") != 0) {
        vl_fatal("Invalid discard option '%s'", discard);
    }
    if (!qemu_opt_get_bool(opts, "readonly", false, &d->readonly) ||
        !qemu_opt_get_bool(opts, "snapshot", false, &d->snapshot)) {
        exit(1);
    }
    if (cache && bdrv_parse_cache_mode(cache, &flags) < 0) {
        vl_fatal("invalid cache option '%s' (writeback, writethrough, none, "
                 "directsync, unsafe)", cache);
    }
    if (!qemu_opts_check_unused(opts, NULL)) {
        exit(1);
    }
    if (id) {
        for (vd = vl_cfg.drives; vd; vd = vd->next) {
            if (!strcmp(vd->info->id, id)) {
                vl_fatal("Duplicate ID '%s' for drive", id);
            }
        }
        d->id = strdup(id);
    } else {
        char buf[32];

        snprintf(buf, sizeof(buf), "drive%d", index);
        d->id = strdup(buf);
    }
    d->file = strdup(file);
    d->format = format ? strdup(format) : NULL;
    d->if_virtio = !iface || !strcmp(iface, "virtio");
    if (!d->readonly) {
        flags |= BDRV_O_RDWR;
    }
    d->bdrv_flags = flags;
    qemu_opts_free(opts);
    return d;
}

static void vl_opt_drive(const char *arg)
{
    VlDrive *d = calloc(1, sizeof(*d)), *o;
    int index = 0;

    if (!d) {
        vl_fatal("out of memory");
    }
    for (o = vl_cfg.drives; o; o = o->next) {
        index++;
    }
    d->arg = arg;
    d->info = vl_drive_parse(arg, index);
    *vl_cfg.drives_tail = d;
    vl_cfg.drives_tail = &d->next;
}

/* Open a checked drive's image: one line naming the -drive on failure. */
static void vl_drive_open(DriveInfo *d)
{
    char err[512];

    if (d->snapshot) {
        d->bs = vl_open_snapshot(d->file, d->format, d->bdrv_flags, err,
                                 sizeof(err));
    } else {
        d->bs = bdrv_open(d->file, d->format, d->bdrv_flags, err,
                          sizeof(err));
    }
    if (!d->bs) {
        vl_fatal("%s", err);
    }
    if (!d->format && !d->snapshot && d->bs->drv &&
        !strcmp(d->bs->drv->format_name, "raw")) {
        warn_report("Image format was not specified for '%s' and probing "
                    "guessed raw; specify format=raw to silence this "
                    "warning", d->file);
    }
}

static void vl_drives_init(MachineState *ms)
{
    DriveInfo **tail = &ms->drives;
    VlDrive *vd;

    for (vd = vl_cfg.drives; vd; vd = vd->next) {
        vl_set_context("drive", vd->arg);
        if (vl_cfg.snapshot_all) {
            vd->info->snapshot = true;
        }
        vl_drive_open(vd->info);
        *tail = vd->info;
        tail = &vd->info->next;
        error_set_context(NULL);
    }
}

static void vl_drives_cleanup(MachineState *ms)
{
    DriveInfo *d;

    for (d = ms->drives; d; d = d->next) {
        if (d->bs) {
            if (!d->readonly && bdrv_flush(d->bs) < 0) {
                error_report("-drive id=%s: flush failed", d->id);
            }
            bdrv_close(d->bs);
            d->bs = NULL;
        }
    }
}

/* ----------------------------------------------- chardevs and monitors */

static Chardev *vl_monitor_chr[VL_MAX_MONITORS * 2];
static int vl_nmonitor_chr;

static void vl_add_monitor_chr(Chardev *chr)
{
    int i;

    for (i = 0; i < vl_nmonitor_chr; i++) {
        if (vl_monitor_chr[i] == chr) {
            return;                     /* one monitor per backend */
        }
    }
    if (vl_nmonitor_chr < (int)(sizeof(vl_monitor_chr) /
                                sizeof(vl_monitor_chr[0]))) {
        vl_monitor_chr[vl_nmonitor_chr++] = chr;
    }
}

/*
 * QEMU's defaults: with -nographic the first serial port and the monitor
 * share stdio (mon:stdio); without a display there is nowhere for the
 * default "vc" to go, so the serial port is a null backend and there is
 * no monitor.
 */
static void vl_apply_defaults(void)
{
    if (vl_cfg.nodefaults) {
        vl_cfg.default_serial = vl_cfg.default_monitor = false;
    }
    display_nographic = vl_cfg.nographic;
    if (vl_cfg.nographic) {
        if (vl_cfg.default_serial && vl_cfg.default_monitor) {
            vl_cfg.serial[vl_cfg.nserial++] = "mon:stdio";
        } else if (vl_cfg.default_serial) {
            vl_cfg.serial[vl_cfg.nserial++] = "stdio";
        } else if (vl_cfg.default_monitor) {
            vl_cfg.monitor_spec[vl_cfg.nmonitor_spec++] = "stdio";
        }
    } else if (vl_cfg.default_serial) {
        vl_cfg.serial[vl_cfg.nserial++] = "null";
    }
}

static void vl_chardevs_init(MachineState *ms)
{
    int i;

    for (i = 0; i < vl_cfg.nchardev; i++) {
        vl_set_context("chardev", vl_cfg.chardev_arg[i]);
        if (!qemu_chr_new_from_opts(vl_cfg.chardev_opts[i])) {
            exit(1);
        }
        error_set_context(NULL);
    }
    for (i = 0; i < vl_cfg.nserial; i++) {
        char label[16];
        bool none = false;
        Chardev *chr;

        snprintf(label, sizeof(label), "serial%d", i);
        vl_set_context("serial", vl_cfg.serial[i]);
        chr = qemu_chr_new(label, vl_cfg.serial[i], &none);
        if (!chr && !none) {
            exit(1);
        }
        ms->serial[i] = chr;
        if (chr && !strncmp(vl_cfg.serial[i], "mon:", 4)) {
            vl_add_monitor_chr(chr);
        }
        error_set_context(NULL);
    }
    for (i = 0; i < vl_cfg.nmonitor_spec; i++) {
        char label[32];
        bool none = false;
        Chardev *chr;

        snprintf(label, sizeof(label), "compat_monitor%d", i);
        vl_set_context("monitor", vl_cfg.monitor_spec[i]);
        chr = qemu_chr_new(label, vl_cfg.monitor_spec[i], &none);
        if (!chr && !none) {
            exit(1);
        }
        if (chr) {
            vl_add_monitor_chr(chr);
        }
        error_set_context(NULL);
    }
    for (i = 0; i < vl_cfg.nmon; i++) {
        const char *id = qemu_opt_get(vl_cfg.mon_opts[i], "chardev");
        Chardev *chr = qemu_chr_find(id);

        vl_set_context("mon", vl_cfg.mon_arg[i]);
        if (!chr) {
            vl_fatal("chardev \"%s\" not found", id);
        }
        vl_add_monitor_chr(chr);
        error_set_context(NULL);
    }
}

static void vl_monitors_init(void)
{
    int i;

    for (i = 0; i < vl_nmonitor_chr; i++) {
        if (!monitor_init_hmp(vl_monitor_chr[i])) {
            exit(1);
        }
    }
}

static void vl_netdevs_init(void)
{
    int i;

    for (i = 0; i < vl_cfg.nnetdev; i++) {
        vl_set_context("netdev", vl_cfg.netdev_arg[i]);
        if (!net_init_netdev(vl_cfg.netdev_opts[i])) {
            exit(1);
        }
        error_set_context(NULL);
    }
}

/* ---------------------------------------------------------------- pidfile */

static void vl_remove_pidfile(void)
{
    if (vl_cfg.pidfile) {
        unlink(vl_cfg.pidfile);
    }
}

static void vl_write_pidfile(void)
{
    FILE *f = fopen(vl_cfg.pidfile, "w");

    if (!f) {
        error_report("-pidfile %s: cannot create the file: %s",
                     vl_cfg.pidfile, strerror(errno));
        exit(1);
    }
    fprintf(f, "%d\n", (int)getpid());
    if (fclose(f) != 0) {
        error_report("-pidfile %s: cannot write the file", vl_cfg.pidfile);
        exit(1);
    }
    atexit(vl_remove_pidfile);
}

/* ------------------------------------------------------------------- main */

static MemoryRegion vl_system_memory;
static AddressSpace vl_system_as;

int main(int argc, char **argv)
{
    MachineState *ms;
    int status = 0;

    error_set_progname(argv[0] ? argv[0] : VL_BINARY_NAME);
    vl_cfg.autostart = true;
    vl_cfg.default_serial = vl_cfg.default_monitor = true;
    vl_cfg.drives_tail = &vl_cfg.drives;
    vl_cfg.devices_tail = &vl_cfg.devices;

    /* 1. Parse and check the command line. */
    vl_parse_args(argc, argv);
    vl_check_config();
    vl_apply_defaults();

    if (vl_cfg.log_file) {
        VlCapture c;
        bool ok;

        vl_set_context("D", vl_cfg.log_file);
        vl_capture_begin(&c);
        ok = qemu_set_log_filename(vl_cfg.log_file);
        vl_capture_end(&c, !ok);
        if (!ok) {
            exit(1);
        }
        error_set_context(NULL);
    }
    qemu_set_log(vl_cfg.log_mask);
    if (vl_cfg.process_name) {
        prctl(PR_SET_NAME, vl_cfg.process_name);
    }
    if (vl_cfg.pidfile) {
        vl_write_pidfile();
    }

    /* 2. Create the machine. */
    ms = calloc(1, sizeof(*ms));
    if (!ms) {
        error_report("out of memory");
        exit(1);
    }
    ms->type = vl_cfg.mc->name;
    ms->opts = vl_cfg.machine_opts;
    ms->ram_size = vl_cfg.ram_size;
    ms->smp_cpus = vl_cfg.smp_cpus;
    ms->max_cpus = vl_cfg.max_cpus;
    ms->cpu_type = vl_cfg.cpu_model;
    ms->kernel_filename = vl_cfg.kernel;
    ms->initrd_filename = vl_cfg.initrd;
    ms->kernel_cmdline = vl_cfg.append ? vl_cfg.append : "";
    ms->dtb_filename = vl_cfg.dtb;
    ms->devices = vl_cfg.devices;
    current_machine = ms;

    qemu_init_main_loop();
    os_setup_signal_handling();
    tcg_exec_init(vl_cfg.accel.tb_size, true);
    if (vl_cfg.accel.one_insn_per_tb) {
        tb_default_cflags = 1;          /* CF_COUNT_MASK: one insn per TB */
    }

    vl_chardevs_init(ms);
    vl_netdevs_init();
    vl_drives_init(ms);

    memory_region_init_container(&vl_system_memory, "system",
                                 MEMORY_SIZE_ALL);
    address_space_init(&vl_system_as, &vl_system_memory, "memory");
    ms->system_memory = &vl_system_memory;
    ms->system_as = &vl_system_as;

    if (!vl_cfg.mc->init(ms)) {
        exit(1);
    }
    if (ms->opts) {
        char what[64];

        snprintf(what, sizeof(what), "-machine %s", ms->type);
        if (!qemu_opts_check_unused(ms->opts, what)) {
            exit(1);
        }
    }
    vl_monitors_init();
    net_check_clients();

    /* 3. Run. */
    qemu_start_vcpus();
    if (vl_cfg.autostart) {
        vm_start();
    }
    for (;;) {
        if (main_loop_should_exit(&status)) {
            break;
        }
        main_loop_wait(false);
    }

    pause_all_vcpus();
    virtio_blk_drain_all();
    vl_drives_cleanup(ms);
    qemu_chr_cleanup();
    exit(status);
}
