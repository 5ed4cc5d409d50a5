/*
 * monitor/monitor.h: the human monitor (HMP, monitor/) on a Chardev.
 *
 * "(qemu) " prompt, line editing (backspace, Ctrl-U, history with
 * arrows), commands: help, info registers|cpus|mtree [-f]|qtree|status|
 * version|chardev[|network], stop, cont|c, system_reset,
 * system_powerdown, quit|q, x/xp (memory dump), p (print), cpu N, log,
 * logfile.  Other parts add commands and info subcommands with these
 * calls, so each lives next to what it shows; theirs take precedence
 * over a built-in of the same name.
 *
 * Optional hooks, weak references resolved at link time:
 *   int qemu_cpu_thread_id(CPUState *cs);   `info cpus` thread_id
 *                                           (getpid() without it)
 *   void net_info(FILE *f);                 `info network`
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <stdbool.h>
#include <stdio.h>

#include "hw/char/chr-be.h"

typedef struct Monitor Monitor;

/*
 * Create a monitor on chr (a mux: attach as one of its frontends; it
 * greets with the banner when it first gets the focus, Ctrl-A c).  A
 * second call for the same chr returns the same monitor ("mon:" specs
 * get theirs inside qemu_chr_new already).  NULL when chr already has
 * a frontend (not a mux) or the mux is full.
 */
Monitor *monitor_init_hmp(Chardev *chr);

void monitor_printf(Monitor *mon, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A FILE * writing to the monitor (for dump_state, mtree printers). */
FILE *monitor_fopen(Monitor *mon);

/* The CPU `info registers` etc. act on (monitor `cpu N`; default 0). */
int monitor_cpu_index(Monitor *mon);

typedef void MonitorCmdFunc(Monitor *mon, int argc, char **argv);
/*
 * help text: "name args -- what it does"; name may list aliases
 * ("cont|c").  Commands run on the main loop with the global lock held.
 */
void monitor_register_cmd(const char *name, const char *args,
                          const char *help, MonitorCmdFunc *fn);
void monitor_register_info(const char *name, const char *help,
                           MonitorCmdFunc *fn);

#endif
