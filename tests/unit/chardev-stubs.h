/*
 * tests/unit/chardev-stubs.h: stand-ins for what other parts own, so
 * the chardev and monitor tests link on their own.  TEST STUBS ONLY:
 * included once by each test program, never part of libchardev.a or
 * libmonitor.a.  They are weak: the test binaries do not link the real
 * main loop, run state or option parser, and if one ever gets linked in
 * its definitions win.
 *
 *  - a main loop: fd handlers polled with poll(), bottom halves;
 *  - run state: records the requests;
 *  - options: a minimal QemuOpts lookup over hand-built option lists.
 */
#ifndef TESTS_CHARDEV_STUBS_H
#define TESTS_CHARDEV_STUBS_H

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "sysemu/runstate.h"

#define WEAK __attribute__((weak))

/* ---- main loop -------------------------------------------------------- */

typedef struct FakeFd {
    int fd;
    IOHandler *rd;
    void *opaque;
} FakeFd;

static FakeFd fake_fds[64];
static int fake_nfds;

struct QEMUBH {
    QEMUBHFunc *cb;
    void *opaque;
    bool scheduled;
    struct QEMUBH *next;
};
static struct QEMUBH *fake_bhs;

WEAK void qemu_set_fd_handler(int fd, IOHandler *fd_read,
                              IOHandler *fd_write, void *opaque)
{
    int i;

    (void)fd_write;
    for (i = 0; i < fake_nfds; i++) {
        if (fake_fds[i].fd == fd) {
            break;
        }
    }
    if (!fd_read) {
        if (i < fake_nfds) {
            fake_fds[i] = fake_fds[--fake_nfds];
        }
        return;
    }
    if (i == fake_nfds) {
        fake_nfds++;
    }
    fake_fds[i].fd = fd;
    fake_fds[i].rd = fd_read;
    fake_fds[i].opaque = opaque;
}

/* Whether fd has a read handler now (flow control checks). */
static inline bool fake_fd_watched(int fd)
{
    int i;

    for (i = 0; i < fake_nfds; i++) {
        if (fake_fds[i].fd == fd) {
            return true;
        }
    }
    return false;
}

WEAK QEMUBH *qemu_bh_new(QEMUBHFunc *cb, void *opaque)
{
    struct QEMUBH *bh = calloc(1, sizeof(*bh));

    bh->cb = cb;
    bh->opaque = opaque;
    bh->next = fake_bhs;
    fake_bhs = bh;
    return bh;
}

WEAK void qemu_bh_schedule(QEMUBH *bh)
{
    bh->scheduled = true;
}

WEAK void qemu_bh_cancel(QEMUBH *bh)
{
    bh->scheduled = false;
}

WEAK void qemu_bh_delete(QEMUBH *bh)
{
    bh->scheduled = false;
}

WEAK void qemu_init_main_loop(void)
{
}

WEAK void qemu_notify_event(void)
{
}

/* One iteration: due bottom halves, then ready fds (100 ms at most). */
WEAK void main_loop_wait(bool nonblocking)
{
    struct pollfd pfd[64];
    struct QEMUBH *bh;
    int i, n = fake_nfds;

    for (bh = fake_bhs; bh; bh = bh->next) {
        if (bh->scheduled) {
            bh->scheduled = false;
            bh->cb(bh->opaque);
        }
    }
    n = fake_nfds;
    for (i = 0; i < n; i++) {
        pfd[i].fd = fake_fds[i].fd;
        pfd[i].events = POLLIN;
        pfd[i].revents = 0;
    }
    if (poll(pfd, n, nonblocking ? 0 : 100) <= 0) {
        return;
    }
    for (i = 0; i < n; i++) {
        if (pfd[i].revents) {
            int j;

            /* the table may have changed under an earlier handler */
            for (j = 0; j < fake_nfds; j++) {
                if (fake_fds[j].fd == pfd[i].fd) {
                    fake_fds[j].rd(fake_fds[j].opaque);
                    break;
                }
            }
        }
    }
}

/* Run the loop a few times (data in flight on a local socket or pty). */
static inline void fake_loop(int iterations)
{
    int i;

    for (i = 0; i < iterations; i++) {
        main_loop_wait(true);
        if (i + 1 < iterations) {
            struct timespec ts = { 0, 2000000 };

            nanosleep(&ts, NULL);
        }
    }
}

/* ---- run state -------------------------------------------------------- */

static ShutdownCause fake_shutdown_cause;
static int fake_shutdown_requests, fake_reset_requests;
static int fake_powerdown_requests;
static RunState fake_runstate = RUN_STATE_RUNNING;

WEAK void qemu_system_shutdown_request(ShutdownCause cause)
{
    fake_shutdown_cause = cause;
    fake_shutdown_requests++;
}

WEAK void qemu_system_reset_request(ShutdownCause cause)
{
    (void)cause;
    fake_reset_requests++;
}

WEAK void qemu_system_powerdown_request(void)
{
    fake_powerdown_requests++;
}

WEAK RunState runstate_get(void)
{
    return fake_runstate;
}

WEAK bool runstate_is_running(void)
{
    return fake_runstate == RUN_STATE_RUNNING;
}

WEAK const char *runstate_name(RunState s)
{
    static const char *const names[] = {
        "prelaunch", "running", "paused", "shutdown", "guest-panicked",
        "internal-error",
    };
    return s < RUN_STATE__MAX ? names[s] : "?";
}

WEAK void runstate_set(RunState s)
{
    fake_runstate = s;
}

/* ---- options ---------------------------------------------------------- */

WEAK const char *qemu_opt_get(QemuOpts *opts, const char *name)
{
    int i;

    for (i = opts->n - 1; i >= 0; i--) {
        if (!strcmp(opts->opt[i].name, name)) {
            opts->opt[i].used = true;
            return opts->opt[i].value;
        }
    }
    return NULL;
}

WEAK bool qemu_parse_bool(const char *name, const char *str, bool *val)
{
    (void)name;
    *val = !strcmp(str, "on");
    return !strcmp(str, "on") || !strcmp(str, "off");
}

WEAK bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool def,
                            bool *val)
{
    const char *v = qemu_opt_get(opts, name);

    *val = v ? !strcmp(v, "on") : def;
    return !v || !strcmp(v, "on") || !strcmp(v, "off");
}

WEAK bool qemu_opts_check_unused(QemuOpts *opts, const char *what)
{
    int i;

    (void)what;
    for (i = 0; i < opts->n; i++) {
        if (!opts->opt[i].used) {
            error_report("Invalid parameter '%s'", opts->opt[i].name);
            return false;
        }
    }
    return true;
}

#endif
