/*
 * monitor/hmp-cmds.c: the built-in monitor commands, with QEMU 7.2's
 * output formats: run control (stop, cont, system_reset,
 * system_powerdown, quit), `info` (registers, cpus, mtree, qtree,
 * status, version, chardev, network, history), memory dumps (x, xp),
 * `p`, `cpu`, `log` and `logfile`.
 *
 * Memory dumps read guest memory as little-endian items (the only byte
 * order of the system targets so far).  Not emulated: the 'i' (disas)
 * and 's' formats, $register operands in expressions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chardev/char.h"
#include "exec/cpu.h"
#include "exec/memory.h"
#include "hw/qdev.h"
#include "monitor/monitor-int.h"
#include "qemu/log.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

/* Provided by other parts when they are linked in. */
extern int qemu_cpu_thread_id(CPUState *cs) __attribute__((weak));
extern void net_info(FILE *f) __attribute__((weak));

static CPUState *hmp_cpu(Monitor *mon)
{
    int i = monitor_cpu_index(mon);

    if (i < 0 || i >= cpu_count) {
        return NULL;
    }
    return cpu_list[i];
}

/* ---- expressions ----------------------------------------------------- */

typedef struct HmpExpr {
    const char *p;
    bool err;
} HmpExpr;

static uint64_t hmp_expr_or(HmpExpr *e);

static void hmp_skip(HmpExpr *e)
{
    while (*e->p == ' ' || *e->p == '\t') {
        e->p++;
    }
}

static uint64_t hmp_expr_unary(HmpExpr *e)
{
    uint64_t v;
    char *end;

    hmp_skip(e);
    switch (*e->p) {
    case '-':
        e->p++;
        return -hmp_expr_unary(e);
    case '+':
        e->p++;
        return hmp_expr_unary(e);
    case '~':
        e->p++;
        return ~hmp_expr_unary(e);
    case '(':
        e->p++;
        v = hmp_expr_or(e);
        hmp_skip(e);
        if (*e->p != ')') {
            e->err = true;
            return 0;
        }
        e->p++;
        return v;
    default:
        if (*e->p < '0' || *e->p > '9') {
            e->err = true;
            return 0;
        }
        v = strtoull(e->p, &end, 0);
        e->p = end;
        return v;
    }
}

static uint64_t hmp_expr_mul(HmpExpr *e)
{
    uint64_t v = hmp_expr_unary(e), r;

    for (;;) {
        char op;

        hmp_skip(e);
        op = *e->p;
        if (op != '*' && op != '/' && op != '%') {
            return v;
        }
        e->p++;
        r = hmp_expr_unary(e);
        if (op == '*') {
            v *= r;
        } else if (r == 0) {
            e->err = true;
            return 0;
        } else {
            v = op == '/' ? v / r : v % r;
        }
    }
}

static uint64_t hmp_expr_add(HmpExpr *e)
{
    uint64_t v = hmp_expr_mul(e);

    for (;;) {
        hmp_skip(e);
        if (*e->p == '+') {
            e->p++;
            v += hmp_expr_mul(e);
        } else if (*e->p == '-') {
            e->p++;
            v -= hmp_expr_mul(e);
        } else {
            return v;
        }
    }
}

static uint64_t hmp_expr_shift(HmpExpr *e)
{
    uint64_t v = hmp_expr_add(e), r;

    for (;;) {
        hmp_skip(e);
        if (e->p[0] == '<' && e->p[1] == '<') {
            e->p += 2;
            r = hmp_expr_add(e);
            v = r < 64 ? v << r : 0;
        } else if (e->p[0] == '>' && e->p[1] == '>') {
            e->p += 2;
            r = hmp_expr_add(e);
            v = r < 64 ? v >> r : 0;
        } else {
            return v;
        }
    }
}

static uint64_t hmp_expr_and(HmpExpr *e)
{
    uint64_t v = hmp_expr_shift(e);

    for (hmp_skip(e); *e->p == '&'; hmp_skip(e)) {
        e->p++;
        v &= hmp_expr_shift(e);
    }
    return v;
}

static uint64_t hmp_expr_xor(HmpExpr *e)
{
    uint64_t v = hmp_expr_and(e);

    for (hmp_skip(e); *e->p == '^'; hmp_skip(e)) {
        e->p++;
        v ^= hmp_expr_and(e);
    }
    return v;
}

static uint64_t hmp_expr_or(HmpExpr *e)
{
    uint64_t v = hmp_expr_xor(e);

    for (hmp_skip(e); *e->p == '|'; hmp_skip(e)) {
        e->p++;
        v |= hmp_expr_xor(e);
    }
    return v;
}

bool monitor_eval(Monitor *mon, const char *expr, uint64_t *val)
{
    HmpExpr e = { .p = expr };

    *val = hmp_expr_or(&e);
    hmp_skip(&e);
    if (e.err || *e.p || !*expr) {
        monitor_printf(mon, "invalid expression: '%s'\n", expr);
        return false;
    }
    return true;
}

/* argv[from..] joined with blanks (the expression may have spaces). */
static char *hmp_join(int argc, char **argv, int from)
{
    size_t n = 1;
    char *s;
    int i;

    for (i = from; i < argc; i++) {
        n += strlen(argv[i]) + 1;
    }
    s = calloc(1, n);
    for (i = from; i < argc; i++) {
        if (i > from) {
            strcat(s, " ");
        }
        strcat(s, argv[i]);
    }
    return s;
}

/* ---- formats --------------------------------------------------------- */

/* "/[count][fmt][size]": updates *f (count back to 1 unless given). */
static bool hmp_parse_format(Monitor *mon, const char *s, MonitorFormat *f)
{
    f->count = 1;
    s++;                        /* the '/' */
    if (*s >= '0' && *s <= '9') {
        f->count = (int)strtol(s, (char **)&s, 10);
    }
    for (; *s; s++) {
        switch (*s) {
        case 'x': case 'd': case 'u': case 'o': case 'c':
            f->format = *s;
            break;
        case 'b':
            f->size = 1;
            break;
        case 'h':
            f->size = 2;
            break;
        case 'w':
            f->size = 4;
            break;
        case 'g':
            f->size = 8;
            break;
        default:
            monitor_printf(mon, "invalid char in format: '%c'\n", *s);
            return false;
        }
    }
    return true;
}

static int hmp_digits(char format, int size)
{
    switch (format) {
    case 'o':
        return (size * 8 + 2) / 3;
    case 'd':
    case 'u':
        return (size * 8 * 10 + 32) / 33;
    default:
        return size * 2;
    }
}

static void hmp_print_char(Monitor *mon, uint8_t c)
{
    switch (c) {
    case '\'':
        monitor_printf(mon, "'\\''");
        break;
    case '\\':
        monitor_printf(mon, "'\\\\'");
        break;
    case '\n':
        monitor_printf(mon, "'\\n'");
        break;
    case '\r':
        monitor_printf(mon, "'\\r'");
        break;
    default:
        if (c >= 32 && c < 127) {
            monitor_printf(mon, "'%c'", c);
        } else {
            monitor_printf(mon, "'\\x%02x'", c);
        }
        break;
    }
}

static void hmp_print_item(Monitor *mon, char format, int size, uint64_t v)
{
    int w = hmp_digits(format, size);

    switch (format) {
    case 'o':
        monitor_printf(mon, " %#*" PRIo64, w, v);
        break;
    case 'd':
        /* Items are read zero-extended: QEMU 7.2 shows byte 0xd0 as 208. */
        monitor_printf(mon, " %*" PRId64, w, (int64_t)v);
        break;
    case 'u':
        monitor_printf(mon, " %*" PRIu64, w, v);
        break;
    case 'c':
        monitor_printf(mon, " ");
        hmp_print_char(mon, (uint8_t)v);
        break;
    default:
        monitor_printf(mon, " 0x%0*" PRIx64, w, v);
        break;
    }
}

/* x and xp: argv = {cmd, ["/fmt"], expr...} */
static void hmp_memory_dump(Monitor *mon, int argc, char **argv, bool phys)
{
    MonitorFormat *f = monitor_last_format(mon);
    MonitorFormat nf = *f;
    CPUState *cs = hmp_cpu(mon);
    uint64_t addr, total;
    int line_size, item, first = 1;
    char *expr;
    bool ok;

    nf.count = 1;
    if (argc > 1 && argv[1][0] == '/') {
        if (!hmp_parse_format(mon, argv[1], &nf)) {
            return;
        }
        first = 2;
    }
    if (argc <= first) {
        monitor_printf(mon, "%s: address expected\n", argv[0]);
        return;
    }
    expr = hmp_join(argc, argv, first);
    ok = monitor_eval(mon, expr, &addr);
    free(expr);
    if (!ok) {
        return;
    }
    *f = nf;
    if (!cs) {
        monitor_printf(mon, "No CPU available\n");
        return;
    }
    /* 'c' shows count * size bytes one by one, 16 a line. */
    item = nf.format == 'c' ? 1 : nf.size;
    line_size = (item == 1 && nf.format != 'c') ? 8 : 16;
    total = (uint64_t)nf.count * nf.size;
    while (total > 0) {
        uint8_t buf[16];
        int l = total < (uint64_t)line_size ? (int)total : line_size;
        int i, j;

        monitor_printf(mon, "%016" PRIx64 ":", addr);
        if (phys) {
            if (!cs->as) {
                monitor_printf(mon, " Cannot access memory\n");
                return;
            }
            address_space_read(cs->as, addr, buf, l);
        } else if (!cs->cc->memory_rw_debug ||
                   cs->cc->memory_rw_debug(cs, addr, buf, l, false) < 0) {
            monitor_printf(mon, " Cannot access memory\n");
            return;
        }
        for (i = 0; i < l; i += item) {
            uint64_t v = 0;

            for (j = item - 1; j >= 0; j--) {
                v = (v << 8) | buf[i + j];
            }
            hmp_print_item(mon, nf.format, item, v);
        }
        monitor_printf(mon, "\n");
        addr += l;
        total -= l;
    }
}

static void hmp_x(Monitor *mon, int argc, char **argv)
{
    hmp_memory_dump(mon, argc, argv, false);
}

static void hmp_xp(Monitor *mon, int argc, char **argv)
{
    hmp_memory_dump(mon, argc, argv, true);
}

static void hmp_print(Monitor *mon, int argc, char **argv)
{
    MonitorFormat *f = monitor_last_format(mon);
    MonitorFormat nf = *f;
    uint64_t v;
    char *expr;
    int first = 1;
    bool ok;

    if (argc > 1 && argv[1][0] == '/') {
        if (!hmp_parse_format(mon, argv[1], &nf)) {
            return;
        }
        first = 2;
    }
    if (argc <= first) {
        monitor_printf(mon, "%s: expression expected\n", argv[0]);
        return;
    }
    expr = hmp_join(argc, argv, first);
    ok = monitor_eval(mon, expr, &v);
    free(expr);
    if (!ok) {
        return;
    }
    nf.count = 1;
    *f = nf;
    switch (nf.format) {
    case 'o':
        monitor_printf(mon, "%#" PRIo64 "\n", v);
        break;
    case 'd':
        monitor_printf(mon, "%" PRId64 "\n", (int64_t)v);
        break;
    case 'u':
        monitor_printf(mon, "%" PRIu64 "\n", v);
        break;
    case 'c':
        hmp_print_char(mon, (uint8_t)v);
        monitor_printf(mon, "\n");
        break;
    default:
        monitor_printf(mon, "%#" PRIx64 "\n", v);
        break;
    }
}

/* ---- run control ----------------------------------------------------- */

static void hmp_stop(Monitor *mon, int argc, char **argv)
{
    (void)mon, (void)argc, (void)argv;
    vm_stop(RUN_STATE_PAUSED);
}

static void hmp_cont(Monitor *mon, int argc, char **argv)
{
    (void)mon, (void)argc, (void)argv;
    vm_start();
}

static void hmp_system_reset(Monitor *mon, int argc, char **argv)
{
    (void)mon, (void)argc, (void)argv;
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
}

static void hmp_system_powerdown(Monitor *mon, int argc, char **argv)
{
    (void)mon, (void)argc, (void)argv;
    qemu_system_powerdown_request();
}

static void hmp_quit(Monitor *mon, int argc, char **argv)
{
    (void)mon, (void)argc, (void)argv;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void hmp_cpu_cmd(Monitor *mon, int argc, char **argv)
{
    char *end;
    long i;

    if (argc < 2) {
        monitor_printf(mon, "cpu: index expected\n");
        return;
    }
    i = strtol(argv[1], &end, 0);
    if (*end || i < 0 || i >= cpu_count) {
        monitor_printf(mon, "invalid CPU index\n");
        return;
    }
    monitor_set_cpu_index(mon, (int)i);
}

static void hmp_help(Monitor *mon, int argc, char **argv)
{
    monitor_help(mon, argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL);
}

static void hmp_log(Monitor *mon, int argc, char **argv)
{
    int mask;

    if (argc < 2) {
        monitor_printf(mon, "log: items expected\n");
        return;
    }
    if (!strcmp(argv[1], "none")) {
        mask = 0;
    } else {
        mask = qemu_str_to_log_mask(argv[1]);
        if (mask < 0) {
            FILE *f = monitor_fopen(mon);

            if (f) {
                qemu_print_log_usage(f);
                fclose(f);
            }
            return;
        }
    }
    qemu_set_log(mask);
}

static void hmp_logfile(Monitor *mon, int argc, char **argv)
{
    if (argc < 2) {
        monitor_printf(mon, "logfile: filename expected\n");
        return;
    }
    if (!qemu_set_log_filename(argv[1])) {
        monitor_printf(mon, "could not open '%s'\n", argv[1]);
    }
}

/* ---- info ------------------------------------------------------------ */

static void hmp_info_status(Monitor *mon, int argc, char **argv)
{
    RunState s = runstate_get();

    (void)argc, (void)argv;
    if (runstate_is_running()) {
        monitor_printf(mon, "VM status: running\n");
    } else if (s == RUN_STATE_PAUSED) {
        monitor_printf(mon, "VM status: paused\n");
    } else {
        monitor_printf(mon, "VM status: paused (%s)\n", runstate_name(s));
    }
}

static void hmp_info_cpus(Monitor *mon, int argc, char **argv)
{
    int i;

    (void)argc, (void)argv;
    for (i = 0; i < cpu_count; i++) {
        int tid = qemu_cpu_thread_id ? qemu_cpu_thread_id(cpu_list[i])
                                     : (int)getpid();

        monitor_printf(mon, "%c CPU #%d: thread_id=%d\n",
                       i == monitor_cpu_index(mon) ? '*' : ' ',
                       cpu_list[i]->cpu_index, tid);
    }
}

static void hmp_dump_cpu(Monitor *mon, CPUState *cs)
{
    FILE *f;

    if (!cs->cc->dump_state) {
        return;
    }
    f = monitor_fopen(mon);
    if (f) {
        cs->cc->dump_state(cs, f);
        fclose(f);
    }
}

static void hmp_info_registers(Monitor *mon, int argc, char **argv)
{
    CPUState *cs;
    int i;

    if (argc > 1 && !strcmp(argv[1], "-a")) {
        for (i = 0; i < cpu_count; i++) {
            monitor_printf(mon, "\nCPU#%d\n", i);
            hmp_dump_cpu(mon, cpu_list[i]);
        }
        return;
    }
    if (argc > 1) {
        char *end;
        long n = strtol(argv[1], &end, 0);

        if (*end || n < 0 || n >= cpu_count) {
            monitor_printf(mon, "CPU#%s not available\n", argv[1]);
            return;
        }
        hmp_dump_cpu(mon, cpu_list[n]);
        return;
    }
    cs = hmp_cpu(mon);
    if (!cs) {
        monitor_printf(mon, "No CPU available\n");
        return;
    }
    hmp_dump_cpu(mon, cs);
}

static void hmp_info_mtree(Monitor *mon, int argc, char **argv)
{
    FILE *f = monitor_fopen(mon);

    if (f) {
        mtree_info(f, argc > 1 && !strcmp(argv[1], "-f"));
        fclose(f);
    }
}

static void hmp_info_qtree(Monitor *mon, int argc, char **argv)
{
    FILE *f = monitor_fopen(mon);

    (void)argc, (void)argv;
    if (f) {
        qdev_print_tree(f);
        fclose(f);
    }
}

static void hmp_info_network(Monitor *mon, int argc, char **argv)
{
    FILE *f;

    (void)argc, (void)argv;
    if (!net_info) {
        return;
    }
    f = monitor_fopen(mon);
    if (f) {
        net_info(f);
        fclose(f);
    }
}

static void hmp_info_version(Monitor *mon, int argc, char **argv)
{
    (void)argc, (void)argv;
    monitor_printf(mon, "%s\n", MONITOR_QEMU_VERSION);
}

static void hmp_chardev_line(void *opaque, const char *line)
{
    monitor_printf(opaque, "%s\n", line);
}

static void hmp_info_chardev(Monitor *mon, int argc, char **argv)
{
    (void)argc, (void)argv;
    qemu_chr_info(hmp_chardev_line, mon);
}

typedef struct HmpBuiltin {
    bool info;
    const char *name, *args, *help;
    MonitorCmdFunc *fn;
} HmpBuiltin;

static const HmpBuiltin hmp_builtins[] = {
    { false, "help|?", "[cmd]", "show the help", hmp_help },
    { false, "info", "[subcommand]",
      "show various information about the system state", monitor_info },
    { false, "stop", "", "stop emulation", hmp_stop },
    { false, "cont|c", "", "resume emulation", hmp_cont },
    { false, "system_reset", "", "reset the system", hmp_system_reset },
    { false, "system_powerdown", "", "send system power down event",
      hmp_system_powerdown },
    { false, "quit|q", "", "quit the emulator", hmp_quit },
    { false, "x", "/fmt addr", "virtual memory dump starting at 'addr'",
      hmp_x },
    { false, "xp", "/fmt addr", "physical memory dump starting at 'addr'",
      hmp_xp },
    { false, "print|p", "/fmt expr", "print expression value", hmp_print },
    { false, "cpu", "index", "set the default CPU", hmp_cpu_cmd },
    { false, "log", "item1[,...]", "activate logging of the specified items",
      hmp_log },
    { false, "logfile", "filename", "output logs to 'filename'",
      hmp_logfile },
    { true, "chardev", "", "show the character devices", hmp_info_chardev },
    { true, "cpus", "", "show infos for each CPU", hmp_info_cpus },
    { true, "mtree", "[-f]",
      "show memory tree (-f: dump flat view for address spaces)",
      hmp_info_mtree },
    { true, "qtree", "", "show device tree", hmp_info_qtree },
    { true, "registers", "[-a|vcpu]",
      "show the cpu registers (-a: all cpus; vcpu: that vCPU)",
      hmp_info_registers },
    { true, "status", "", "show the current VM status (running|paused)",
      hmp_info_status },
    { true, "version", "", "show the version of QEMU", hmp_info_version },
};

void monitor_cmds_init(void)
{
    static bool done;
    size_t i;

    if (done) {
        return;
    }
    done = true;
    for (i = 0; i < sizeof(hmp_builtins) / sizeof(hmp_builtins[0]); i++) {
        const HmpBuiltin *b = &hmp_builtins[i];

        monitor_register_builtin(b->info, b->name, b->args, b->help, b->fn);
    }
    if (net_info) {
        monitor_register_builtin(true, "network", "",
                                 "show the network state", hmp_info_network);
    }
}
