/*
 * monitor/monitor-int.h: what monitor/monitor.c (terminal, tables) and
 * monitor/hmp-cmds.c (the built-in commands) share, and what the unit
 * tests drive directly.
 */
#ifndef MONITOR_INT_H
#define MONITOR_INT_H

#include <stdarg.h>
#include <stdint.h>

#include "monitor/monitor.h"

#define MONITOR_QEMU_VERSION "7.2.0"

/* The format x, xp and p remember between uses: /count format size. */
typedef struct MonitorFormat {
    char format;                /* x d u o c */
    int size;                   /* 1 2 4 8 */
    int count;
} MonitorFormat;

/* Register the built-in commands (once; later calls do nothing). */
void monitor_cmds_init(void);
/* Like monitor_register_cmd/info, but never replaces an entry. */
void monitor_register_builtin(bool info, const char *name, const char *args,
                              const char *help, MonitorCmdFunc *fn);
/* Run one command line as if typed. */
void monitor_execute(Monitor *mon, const char *cmdline);
/* Feed one byte to the line editor. */
void monitor_input_byte(Monitor *mon, uint8_t c);
void monitor_vprintf(Monitor *mon, const char *fmt, va_list ap);

/* help [cmd], help info [sub]; `info` itself. */
void monitor_help(Monitor *mon, const char *what, const char *sub);
void monitor_info(Monitor *mon, int argc, char **argv);

void monitor_set_cpu_index(Monitor *mon, int index);
MonitorFormat *monitor_last_format(Monitor *mon);

/*
 * Expressions of `p` and addresses of `x`: numbers (decimal, 0x hex,
 * 0 octal... as C), + - * / % & | ^ ~ << >> and parentheses.  false
 * after printing the problem.
 */
bool monitor_eval(Monitor *mon, const char *expr, uint64_t *val);

#endif
