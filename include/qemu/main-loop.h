/*
 * qemu/main-loop.h: the I/O thread's main loop (util/main-loop.c),
 * the global device lock, bottom halves and fd handlers.
 *
 * The main loop is glib's default GMainContext run on the thread that
 * called main(): chardevs, the monitor, slirp and the block layer's
 * completion fd add their sources there; timers (qemu/timer.h) and
 * bottom halves are polled by a source of ours.  Everything that runs
 * from the loop holds the global lock (bql).
 *
 * The global lock ("big QEMU lock") serialises device state: vCPU
 * threads run guest code without it and take it around MMIO dispatch,
 * device-touching helpers (timer and GIC system registers, PSCI), and
 * everything in cpus.c that changes run state.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Call once from main() before creating devices; takes the lock, and
 * makes the calling thread the main loop's.
 */
void qemu_init_main_loop(void);

void bql_lock(void);
void bql_unlock(void);
bool bql_locked(void);            /* by this thread */
/* Condition waits on the global lock (cpus.c's halt/pause). */
typedef struct QemuCond QemuCond;
QemuCond *qemu_cond_new(void);
void qemu_cond_wait_bql(QemuCond *c);
/* Wait at most timeout_ns (-1: forever); false on timeout. */
bool qemu_cond_timedwait_bql(QemuCond *c, int64_t timeout_ns);
void qemu_cond_broadcast(QemuCond *c);

/*
 * One iteration: wait for fds, timers or a notification (at most
 * until the next timer, forever with nonblocking false and nothing
 * due), then dispatch.  Called by vl.c's loop until a shutdown request.
 */
void main_loop_wait(bool nonblocking);
/* Wake main_loop_wait from another thread (or a signal handler). */
void qemu_notify_event(void);
/* Is the caller the thread that called qemu_init_main_loop? */
bool qemu_main_loop_is_current_thread(void);

/*
 * Bottom halves: deferred work run by the main loop soon after
 * qemu_bh_schedule (several schedules before it runs: one call).
 */
typedef void QEMUBHFunc(void *opaque);
typedef struct QEMUBH QEMUBH;
QEMUBH *qemu_bh_new(QEMUBHFunc *cb, void *opaque);
void qemu_bh_schedule(QEMUBH *bh);        /* any thread */
void qemu_bh_cancel(QEMUBH *bh);
void qemu_bh_delete(QEMUBH *bh);

/*
 * fd handlers on the main loop (read and/or write readiness; NULL
 * removes that side; both NULL removes the fd).
 */
/* Called on the main loop thread (or with the global lock held). */
typedef void IOHandler(void *opaque);
void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque);

#endif
