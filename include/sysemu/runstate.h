/*
 * sysemu/runstate.h: the VM's run state and the requests that change it
 * (softmmu/runstate.c).  Requests may come from any thread (a vCPU
 * doing PSCI SYSTEM_OFF, the monitor, a signal): they are recorded and
 * acted on by the main loop (vl.c's main_loop), never re-entrantly.
 */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

#include <stdbool.h>

typedef enum RunState {
    RUN_STATE_PRELAUNCH,        /* -S: created, not started */
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,           /* stop */
    RUN_STATE_SHUTDOWN,         /* guest powered off with -no-shutdown */
    RUN_STATE_GUEST_PANICKED,
    RUN_STATE_INTERNAL_ERROR,
    RUN_STATE__MAX
} RunState;

typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,     /* monitor `quit` */
    SHUTDOWN_CAUSE_HOST_SIGNAL,       /* SIGINT/SIGTERM/SIGHUP */
    SHUTDOWN_CAUSE_HOST_UI,           /* Ctrl-A x */
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,    /* PSCI SYSTEM_OFF */
    SHUTDOWN_CAUSE_GUEST_RESET,       /* PSCI SYSTEM_RESET */
    SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET,
    SHUTDOWN_CAUSE_GUEST_PANIC,
} ShutdownCause;

RunState runstate_get(void);
bool runstate_is_running(void);
const char *runstate_name(RunState s);   /* "running", "paused"... */
void runstate_set(RunState s);

void qemu_system_shutdown_request(ShutdownCause cause);
void qemu_system_reset_request(ShutdownCause cause);
void qemu_system_powerdown_request(void);   /* ACPI-style button */

/*
 * The board's handlers: system_reset resets every device and CPU
 * (with the kernel boot state reloaded); powerdown presses the power
 * button (PL061 GPIO 3 on virt) or, without one, shuts down.
 */
void qemu_register_reset(void (*fn)(void *opaque), void *opaque);
void qemu_devices_reset(void);          /* runs them in order */
void qemu_register_powerdown_notifier(void (*fn)(void *opaque),
                                      void *opaque);

/* -no-reboot (reset becomes shutdown), -no-shutdown (stop instead). */
extern bool no_reboot, no_shutdown;

/*
 * Install the handlers of SIGINT, SIGTERM and SIGHUP (a shutdown
 * request, cause HOST_SIGNAL: the process exits with status 0 after
 * "<progname>: terminating on signal N") and ignore SIGPIPE.  vl.c
 * calls it once, after qemu_init_main_loop.
 */
void os_setup_signal_handling(void);

/*
 * For vl.c's loop: handle pending requests; returns true when the VM
 * must exit, with *status the process exit status.
 */
bool main_loop_should_exit(int *status);

#endif
