/*
 * softmmu/runstate.c: the VM's run state and the requests that change it
 * (sysemu/runstate.h).
 *
 * Shutdown, reset and powerdown requests come from any thread (a vCPU
 * doing PSCI, the monitor) or a signal handler: each is one atomic store
 * plus qemu_notify_event, both async-signal-safe.  The main loop acts on
 * them between two iterations (main_loop_should_exit), with the global
 * lock held and never re-entrantly:
 *
 *   shutdown   host causes (signal, quit, Ctrl-A x) exit with status 0;
 *              guest causes do the same unless -no-shutdown, which stops
 *              the VM in state "shutdown" instead.
 *   reset      vCPUs paused, reset handlers run in registration order,
 *              vCPUs resumed if the VM was running (else it is left in
 *              "prelaunch", as after -S).  With -no-reboot a reset is a
 *              shutdown of the same cause.
 *   powerdown  the powerdown notifiers (the board's power button);
 *              without any, a guest shutdown.
 *
 * Before returning "exit", the vCPUs are paused, so the caller may tear
 * things down without guest code running.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

bool no_reboot, no_shutdown;

static RunState current_run_state = RUN_STATE_PRELAUNCH;
static int shutdown_request;        /* ShutdownCause, atomic */
static int reset_request;           /* ShutdownCause, atomic */
static int powerdown_request;       /* atomic */
static volatile sig_atomic_t shutdown_signal;

typedef struct RunstateHandler {
    void (*fn)(void *opaque);
    void *opaque;
} RunstateHandler;

static RunstateHandler *reset_handlers, *powerdown_handlers;
static int n_reset_handlers, n_powerdown_handlers;

static const char *const run_state_names[RUN_STATE__MAX] = {
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
};

RunState runstate_get(void)
{
    return __atomic_load_n(&current_run_state, __ATOMIC_ACQUIRE);
}

bool runstate_is_running(void)
{
    return runstate_get() == RUN_STATE_RUNNING;
}

const char *runstate_name(RunState s)
{
    if ((unsigned)s >= RUN_STATE__MAX) {
        return "unknown";
    }
    return run_state_names[s];
}

void runstate_set(RunState s)
{
    __atomic_store_n(&current_run_state, s, __ATOMIC_RELEASE);
}

/* ------------------------------------------------------------ requests */

void qemu_system_shutdown_request(ShutdownCause cause)
{
    if (cause == SHUTDOWN_CAUSE_NONE) {
        return;
    }
    __atomic_store_n(&shutdown_request, cause, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

void qemu_system_reset_request(ShutdownCause cause)
{
    if (cause == SHUTDOWN_CAUSE_NONE) {
        cause = SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET;
    }
    __atomic_store_n(&reset_request, cause, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

void qemu_system_powerdown_request(void)
{
    __atomic_store_n(&powerdown_request, 1, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

static void runstate_signal_handler(int sig)
{
    shutdown_signal = sig;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
}

void os_setup_signal_handling(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = runstate_signal_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A chardev peer closing its socket is an I/O error, not a kill. */
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

/* ------------------------------------------------- handlers, notifiers */

static void runstate_add_handler(RunstateHandler **list, int *n,
                                 void (*fn)(void *), void *opaque)
{
    RunstateHandler *l = realloc(*list, (*n + 1) * sizeof(**list));

    if (!l) {
        abort();
    }
    l[*n].fn = fn;
    l[*n].opaque = opaque;
    *list = l;
    (*n)++;
}

void qemu_register_reset(void (*fn)(void *opaque), void *opaque)
{
    runstate_add_handler(&reset_handlers, &n_reset_handlers, fn, opaque);
}

void qemu_devices_reset(void)
{
    int i;

    for (i = 0; i < n_reset_handlers; i++) {
        reset_handlers[i].fn(reset_handlers[i].opaque);
    }
}

void qemu_register_powerdown_notifier(void (*fn)(void *opaque),
                                      void *opaque)
{
    runstate_add_handler(&powerdown_handlers, &n_powerdown_handlers,
                         fn, opaque);
}

/* ------------------------------------------------------ the main loop */

static bool shutdown_cause_is_host(ShutdownCause cause)
{
    return cause == SHUTDOWN_CAUSE_HOST_QMP_QUIT ||
           cause == SHUTDOWN_CAUSE_HOST_SIGNAL ||
           cause == SHUTDOWN_CAUSE_HOST_UI;
}

/* Act on a shutdown of this cause: true when the process must exit. */
static bool runstate_do_shutdown(ShutdownCause cause)
{
    if (cause == SHUTDOWN_CAUSE_HOST_SIGNAL && shutdown_signal) {
        error_report("terminating on signal %d", (int)shutdown_signal);
        shutdown_signal = 0;
    }
    if (no_shutdown && !shutdown_cause_is_host(cause)) {
        vm_stop(RUN_STATE_SHUTDOWN);
        return false;
    }
    pause_all_vcpus();
    return true;
}

bool main_loop_should_exit(int *status)
{
    int cause;

    *status = 0;
    cause = __atomic_exchange_n(&shutdown_request, SHUTDOWN_CAUSE_NONE,
                                __ATOMIC_SEQ_CST);
    if (cause != SHUTDOWN_CAUSE_NONE && runstate_do_shutdown(cause)) {
        return true;
    }
    cause = __atomic_exchange_n(&reset_request, SHUTDOWN_CAUSE_NONE,
                                __ATOMIC_SEQ_CST);
    if (cause != SHUTDOWN_CAUSE_NONE) {
        if (no_reboot) {
            if (runstate_do_shutdown(cause)) {
                return true;
            }
        } else {
            pause_all_vcpus();
            qemu_devices_reset();
            if (runstate_is_running()) {
                resume_all_vcpus();
            } else {
                runstate_set(RUN_STATE_PRELAUNCH);
            }
        }
    }
    if (__atomic_exchange_n(&powerdown_request, 0, __ATOMIC_SEQ_CST)) {
        int i;

        if (n_powerdown_handlers == 0) {
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        }
        for (i = 0; i < n_powerdown_handlers; i++) {
            powerdown_handlers[i].fn(powerdown_handlers[i].opaque);
        }
    }
    return false;
}
