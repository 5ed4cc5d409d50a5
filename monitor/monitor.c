/*
 * monitor/monitor.c: the human monitor's terminal side: a frontend on a
 * Chardev, the line editor, output, and the command tables.
 *
 * A monitor on a mux (mon:stdio, -nographic) prints its banner the
 * first time it gets the focus (Ctrl-A c) and says nothing while it
 * does not have it; on a socket it greets each client as it connects;
 * on anything else at once.  Output turns "\n" into "\r\n", as the
 * terminal is raw.
 *
 * Line editing: printable characters insert at the cursor, backspace
 * (DEL or ^H) and ESC [ 3 ~ delete, ^U kills the line, ^A/^E and
 * Home/End move to its ends, left/right arrows move, up/down walk the
 * history (the last 32 distinct lines).  Enter is CR or LF (a CR LF
 * pair is one Enter).
 *
 * Commands live in two tables (top level and `info`); the built-in ones
 * (monitor/hmp-cmds.c) and those other parts add with
 * monitor_register_cmd/monitor_register_info.  A line is split at
 * blanks into argv; "x/4x" style commands may glue the format on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chardev/char.h"
#include "monitor/monitor-int.h"

#define MON_LINE_MAX 1024
#define MON_HIST_MAX 32
#define MON_MAX_ARGS 64

enum {
    MON_ESC_NONE,
    MON_ESC_ESC,                /* after ESC */
    MON_ESC_CSI,                /* after ESC [ (digits may follow) */
    MON_ESC_SS3,                /* after ESC O */
};

struct Monitor {
    CharBackend be;
    Chardev *chr;               /* as given to monitor_init_hmp */
    bool on_mux;
    bool banner_done;
    char line[MON_LINE_MAX];
    int len, pos;
    char *hist[MON_HIST_MAX];
    int hist_count, hist_pos;
    int esc_state, esc_arg;
    bool last_cr;
    int cpu_index;
    MonitorFormat fmt;          /* remembered by x, xp, p */
    Monitor *next;
};

static Monitor *mon_list;

/* ---- command tables -------------------------------------------------- */

typedef struct MonCmd {
    const char *name;
    const char *args;
    const char *help;
    MonitorCmdFunc *fn;
} MonCmd;

typedef struct MonTable {
    MonCmd *cmds;
    int n, cap;
} MonTable;

static MonTable mon_cmds, mon_infos;

static void mon_table_add(MonTable *t, const char *name, const char *args,
                          const char *help, MonitorCmdFunc *fn, bool replace)
{
    int i;

    for (i = 0; i < t->n; i++) {
        if (!strcmp(t->cmds[i].name, name)) {
            if (!replace) {
                return;         /* a built-in does not displace others */
            }
            break;              /* a later registration replaces it */
        }
    }
    if (i == t->n) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 32;
            t->cmds = realloc(t->cmds, t->cap * sizeof(*t->cmds));
        }
        t->n++;
    }
    t->cmds[i].name = name;
    t->cmds[i].args = args ? args : "";
    t->cmds[i].help = help ? help : "";
    t->cmds[i].fn = fn;
}

void monitor_register_cmd(const char *name, const char *args,
                          const char *help, MonitorCmdFunc *fn)
{
    mon_table_add(&mon_cmds, name, args, help, fn, true);
}

void monitor_register_info(const char *name, const char *help,
                           MonitorCmdFunc *fn)
{
    mon_table_add(&mon_infos, name, "", help, fn, true);
}

void monitor_register_builtin(bool info, const char *name, const char *args,
                              const char *help, MonitorCmdFunc *fn)
{
    mon_table_add(info ? &mon_infos : &mon_cmds, name, args,
                  help, fn, false);
}

/*
 * "name|alias" names: the entry matches either; help shows the whole
 * string, as QEMU does ("cont|c").
 */
static bool mon_name_matches(const char *names, const char *word)
{
    size_t n = strlen(word);

    while (*names) {
        const char *bar = strchr(names, '|');
        size_t len = bar ? (size_t)(bar - names) : strlen(names);

        if (len == n && !strncmp(names, word, n)) {
            return true;
        }
        if (!bar) {
            break;
        }
        names = bar + 1;
    }
    return false;
}

static const MonCmd *mon_table_find(const MonTable *t, const char *word)
{
    int i;

    for (i = t->n - 1; i >= 0; i--) {
        if (mon_name_matches(t->cmds[i].name, word)) {
            return &t->cmds[i];
        }
    }
    return NULL;
}

static int mon_cmd_cmp(const void *a, const void *b)
{
    return strcmp(((const MonCmd *)a)->name, ((const MonCmd *)b)->name);
}

static void mon_table_help(Monitor *mon, MonTable *t, const char *prefix,
                           const char *only)
{
    int i;

    qsort(t->cmds, t->n, sizeof(*t->cmds), mon_cmd_cmp);
    for (i = 0; i < t->n; i++) {
        if (only && !mon_name_matches(t->cmds[i].name, only)) {
            continue;
        }
        monitor_printf(mon, "%s%s %s -- %s\n", prefix, t->cmds[i].name,
                       t->cmds[i].args, t->cmds[i].help);
    }
}

void monitor_help(Monitor *mon, const char *what, const char *sub)
{
    if (what && !strcmp(what, "info")) {
        mon_table_help(mon, &mon_infos, "info ", sub);
    } else if (what) {
        mon_table_help(mon, &mon_cmds, "", what);
    } else {
        mon_table_help(mon, &mon_cmds, "", NULL);
    }
}

void monitor_info(Monitor *mon, int argc, char **argv)
{
    const MonCmd *c;

    if (argc < 2) {
        mon_table_help(mon, &mon_infos, "info ", NULL);
        return;
    }
    c = mon_table_find(&mon_infos, argv[1]);
    if (!c) {
        monitor_printf(mon, "unknown command: 'info %s'\n", argv[1]);
        return;
    }
    c->fn(mon, argc - 1, argv + 1);
}

/* ---- output ---------------------------------------------------------- */

static bool mon_can_print(Monitor *mon)
{
    return !mon->on_mux || qemu_chr_mux_has_focus(mon->be.chr, &mon->be);
}

static void mon_write_raw(Monitor *mon, const char *s, size_t len)
{
    if (mon_can_print(mon)) {
        qemu_chr_fe_write_all(&mon->be, (const uint8_t *)s, len);
    }
}

static void mon_puts(Monitor *mon, const char *s)
{
    const char *nl;

    while ((nl = strchr(s, '\n'))) {
        mon_write_raw(mon, s, nl - s);
        mon_write_raw(mon, "\r\n", 2);
        s = nl + 1;
    }
    mon_write_raw(mon, s, strlen(s));
}

void monitor_vprintf(Monitor *mon, const char *fmt, va_list ap)
{
    char buf[512];
    char *p = buf;
    va_list aq;
    int n;

    va_copy(aq, ap);
    n = vsnprintf(buf, sizeof(buf), fmt, aq);
    va_end(aq);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= sizeof(buf)) {
        p = malloc(n + 1);
        vsnprintf(p, n + 1, fmt, ap);
    }
    mon_puts(mon, p);
    if (p != buf) {
        free(p);
    }
}

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    monitor_vprintf(mon, fmt, ap);
    va_end(ap);
}

static ssize_t mon_cookie_write(void *cookie, const char *buf, size_t size)
{
    Monitor *mon = cookie;
    const char *end = buf + size;

    while (buf < end) {
        const char *nl = memchr(buf, '\n', end - buf);

        if (!nl) {
            mon_write_raw(mon, buf, end - buf);
            break;
        }
        mon_write_raw(mon, buf, nl - buf);
        mon_write_raw(mon, "\r\n", 2);
        buf = nl + 1;
    }
    return size;
}

FILE *monitor_fopen(Monitor *mon)
{
    cookie_io_functions_t io = { .write = mon_cookie_write };

    return fopencookie(mon, "w", io);
}

int monitor_cpu_index(Monitor *mon)
{
    return mon->cpu_index;
}

void monitor_set_cpu_index(Monitor *mon, int index)
{
    mon->cpu_index = index;
}

MonitorFormat *monitor_last_format(Monitor *mon)
{
    return &mon->fmt;
}

/* ---- the line editor ------------------------------------------------- */

static const char mon_prompt[] = "(qemu) ";

static void mon_show_prompt(Monitor *mon)
{
    mon_write_raw(mon, mon_prompt, strlen(mon_prompt));
    mon_write_raw(mon, mon->line, mon->len);
    if (mon->pos < mon->len) {
        monitor_printf(mon, "\033[%dD", mon->len - mon->pos);
    }
}

/* Redraw from the start: after edits in the middle of the line. */
static void mon_redraw(Monitor *mon)
{
    mon_write_raw(mon, "\r", 1);
    mon_write_raw(mon, mon_prompt, strlen(mon_prompt));
    mon_write_raw(mon, mon->line, mon->len);
    mon_write_raw(mon, "\033[K", 3);
    if (mon->pos < mon->len) {
        monitor_printf(mon, "\033[%dD", mon->len - mon->pos);
    }
}

static void mon_set_line(Monitor *mon, const char *s)
{
    size_t n = strlen(s);

    if (n >= MON_LINE_MAX) {
        n = MON_LINE_MAX - 1;
    }
    memcpy(mon->line, s, n);
    mon->len = mon->pos = (int)n;
    mon_write_raw(mon, "\r", 1);
    mon_write_raw(mon, mon_prompt, strlen(mon_prompt));
    mon_write_raw(mon, mon->line, mon->len);
    mon_write_raw(mon, "\033[K", 3);
}

static void mon_hist_add(Monitor *mon, const char *s)
{
    if (!*s || (mon->hist_count &&
                !strcmp(mon->hist[mon->hist_count - 1], s))) {
        return;
    }
    if (mon->hist_count == MON_HIST_MAX) {
        free(mon->hist[0]);
        memmove(mon->hist, mon->hist + 1,
                (MON_HIST_MAX - 1) * sizeof(mon->hist[0]));
        mon->hist_count--;
    }
    mon->hist[mon->hist_count++] = strdup(s);
}

static void mon_insert(Monitor *mon, char c)
{
    if (mon->len >= MON_LINE_MAX - 1) {
        return;
    }
    memmove(mon->line + mon->pos + 1, mon->line + mon->pos,
            mon->len - mon->pos);
    mon->line[mon->pos++] = c;
    mon->len++;
    if (mon->pos == mon->len) {
        mon_write_raw(mon, &c, 1);
    } else {
        mon_redraw(mon);
    }
}

static void mon_backspace(Monitor *mon)
{
    if (mon->pos == 0) {
        return;
    }
    memmove(mon->line + mon->pos - 1, mon->line + mon->pos,
            mon->len - mon->pos);
    mon->pos--;
    mon->len--;
    if (mon->pos == mon->len) {
        mon_write_raw(mon, "\b \b", 3);
    } else {
        mon_redraw(mon);
    }
}

static void mon_delete(Monitor *mon)
{
    if (mon->pos == mon->len) {
        return;
    }
    memmove(mon->line + mon->pos, mon->line + mon->pos + 1,
            mon->len - mon->pos - 1);
    mon->len--;
    mon_redraw(mon);
}

static void mon_move(Monitor *mon, int to)
{
    if (to < 0) {
        to = 0;
    }
    if (to > mon->len) {
        to = mon->len;
    }
    if (to < mon->pos) {
        monitor_printf(mon, "\033[%dD", mon->pos - to);
    } else if (to > mon->pos) {
        monitor_printf(mon, "\033[%dC", to - mon->pos);
    }
    mon->pos = to;
}

static void mon_history(Monitor *mon, int dir)
{
    int p = mon->hist_pos + dir;

    if (p < 0 || p > mon->hist_count) {
        return;
    }
    mon->hist_pos = p;
    mon_set_line(mon, p == mon->hist_count ? "" : mon->hist[p]);
}

static void mon_enter(Monitor *mon)
{
    char *cmd;

    mon->line[mon->len] = 0;
    cmd = strdup(mon->line);
    mon_write_raw(mon, "\r\n", 2);
    mon_hist_add(mon, cmd);
    mon->hist_pos = mon->hist_count;
    mon->len = mon->pos = 0;
    monitor_execute(mon, cmd);
    free(cmd);
    mon_show_prompt(mon);
}

static void mon_csi(Monitor *mon, char c)
{
    switch (c) {
    case 'A':
        mon_history(mon, -1);
        break;
    case 'B':
        mon_history(mon, 1);
        break;
    case 'C':
        mon_move(mon, mon->pos + 1);
        break;
    case 'D':
        mon_move(mon, mon->pos - 1);
        break;
    case 'H':
        mon_move(mon, 0);
        break;
    case 'F':
        mon_move(mon, mon->len);
        break;
    case '~':
        if (mon->esc_arg == 3) {
            mon_delete(mon);
        } else if (mon->esc_arg == 1 || mon->esc_arg == 7) {
            mon_move(mon, 0);
        } else if (mon->esc_arg == 4 || mon->esc_arg == 8) {
            mon_move(mon, mon->len);
        }
        break;
    default:
        break;
    }
}

void monitor_input_byte(Monitor *mon, uint8_t c)
{
    bool cr = mon->last_cr;

    mon->last_cr = false;
    switch (mon->esc_state) {
    case MON_ESC_ESC:
        mon->esc_arg = 0;
        mon->esc_state = c == '[' ? MON_ESC_CSI
                       : c == 'O' ? MON_ESC_SS3 : MON_ESC_NONE;
        return;
    case MON_ESC_CSI:
        if (c >= '0' && c <= '9') {
            mon->esc_arg = mon->esc_arg * 10 + (c - '0');
            return;
        }
        mon->esc_state = MON_ESC_NONE;
        mon_csi(mon, c);
        return;
    case MON_ESC_SS3:
        mon->esc_state = MON_ESC_NONE;
        mon_csi(mon, c);
        return;
    default:
        break;
    }
    switch (c) {
    case 27:
        mon->esc_state = MON_ESC_ESC;
        break;
    case '\r':
        mon->last_cr = true;
        mon_enter(mon);
        break;
    case '\n':
        if (!cr) {
            mon_enter(mon);
        }
        break;
    case 127:
    case 8:
        mon_backspace(mon);
        break;
    case 1:                     /* ^A */
        mon_move(mon, 0);
        break;
    case 5:                     /* ^E */
        mon_move(mon, mon->len);
        break;
    case 21:                    /* ^U */
        mon->len = mon->pos = 0;
        mon_set_line(mon, "");
        break;
    case 16:                    /* ^P */
        mon_history(mon, -1);
        break;
    case 14:                    /* ^N */
        mon_history(mon, 1);
        break;
    default:
        if (c >= 32 && c < 127) {
            mon_insert(mon, (char)c);
        }
        break;
    }
}

/* ---- execution ------------------------------------------------------- */

void monitor_execute(Monitor *mon, const char *cmdline)
{
    char *copy = strdup(cmdline);
    char *argv[MON_MAX_ARGS + 1];
    char *p = copy, *slash;
    const MonCmd *c;
    int argc = 0;

    while (argc < MON_MAX_ARGS) {
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (!*p) {
            break;
        }
        argv[argc++] = p;
        while (*p && *p != ' ' && *p != '\t') {
            p++;
        }
        if (*p) {
            *p++ = 0;
        }
    }
    argv[argc] = NULL;
    if (argc == 0) {
        free(copy);
        return;
    }
    c = mon_table_find(&mon_cmds, argv[0]);
    if (!c && (slash = strchr(argv[0], '/')) && slash != argv[0]) {
        /* "x/4x addr": the format glued on */
        static char fmtbuf[64];

        snprintf(fmtbuf, sizeof(fmtbuf), "%s", slash);
        *slash = 0;
        c = mon_table_find(&mon_cmds, argv[0]);
        if (c && argc < MON_MAX_ARGS) {
            memmove(argv + 2, argv + 1, argc * sizeof(argv[0]));
            argv[1] = fmtbuf;
            argc++;
        }
    }
    if (!c) {
        monitor_printf(mon, "unknown command: '%s'\n", argv[0]);
    } else {
        c->fn(mon, argc, argv);
    }
    free(copy);
}

/* ---- the chardev frontend -------------------------------------------- */

static void mon_banner(Monitor *mon)
{
    if (!mon->banner_done) {
        monitor_printf(mon, "QEMU %s monitor - type 'help' for more "
                       "information\n", MONITOR_QEMU_VERSION);
        mon->banner_done = true;
    }
    mon_show_prompt(mon);
}

static int mon_can_receive(void *opaque)
{
    (void)opaque;
    return 256;
}

static void mon_receive(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;
    int i;

    for (i = 0; i < size; i++) {
        monitor_input_byte(mon, buf[i]);
    }
}

static void mon_event(void *opaque, QEMUChrEvent event)
{
    Monitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        if (!mon->on_mux) {
            mon->len = mon->pos = 0;
            mon->esc_state = MON_ESC_NONE;
            mon_banner(mon);
        }
        break;
    case CHR_EVENT_CLOSED:
        if (!mon->on_mux) {
            mon->banner_done = false;
        }
        break;
    case CHR_EVENT_MUX_IN:
        mon_banner(mon);
        break;
    case CHR_EVENT_MUX_OUT:
        mon_write_raw(mon, "\r\n", 2);
        break;
    default:
        break;
    }
}

Monitor *monitor_init_hmp(Chardev *chr)
{
    Monitor *mon, **pp;
    bool ok;

    for (mon = mon_list; mon; mon = mon->next) {
        if (mon->chr == chr) {
            return mon;         /* mon:stdio already got its monitor */
        }
    }
    monitor_cmds_init();
    mon = calloc(1, sizeof(*mon));
    mon->chr = chr;
    mon->fmt.format = 'x';
    mon->fmt.size = 4;
    mon->fmt.count = 1;
    if (chr && qemu_chr_is_mux(chr)) {
        mon->on_mux = true;
        ok = qemu_chr_mux_add_fe(chr, &mon->be);
    } else {
        ok = qemu_chr_fe_init(&mon->be, chr);
    }
    if (!ok) {
        free(mon);
        return NULL;
    }
    qemu_chr_fe_set_handlers(&mon->be, mon_can_receive, mon_receive,
                             mon_event, mon);
    for (pp = &mon_list; *pp; pp = &(*pp)->next) {
        continue;
    }
    *pp = mon;
    if (!mon->on_mux && qemu_chr_is_connected(chr)) {
        mon_banner(mon);
    }
    qemu_chr_fe_accept_input(&mon->be);
    return mon;
}

static void *monitor_hook(Chardev *chr)
{
    return monitor_init_hmp(chr);
}

static void __attribute__((constructor)) monitor_register_hook(void)
{
    qemu_chr_monitor_hook = monitor_hook;
}
