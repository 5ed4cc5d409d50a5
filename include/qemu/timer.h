/*
 * qemu/timer.h: clocks and timers of system mode (util/qemu-timer.c).
 *
 * QEMU_CLOCK_VIRTUAL   guest time: runs only while the VM runs (stops
 *                      with `stop`, -S, and at every pause), in ns from
 *                      an arbitrary origin.  Guest timers (the generic
 *                      timer, RTC alarms, device delays) use it.
 * QEMU_CLOCK_HOST      the host's wall clock (CLOCK_REALTIME), ns since
 *                      the Unix epoch: the RTC's time of day.
 * QEMU_CLOCK_REALTIME  host monotonic time, ns: runs when the VM is
 *                      stopped (monitor, chardev reconnects).
 *
 * Timer callbacks run in the main loop thread with the global lock
 * held.  timer_mod/timer_del may be called from any thread holding the
 * global lock (a vCPU programming its timer): they wake the main loop
 * when the earliest deadline changes.
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef enum QEMUClockType {
    QEMU_CLOCK_REALTIME = 0,
    QEMU_CLOCK_VIRTUAL = 1,
    QEMU_CLOCK_HOST = 2,
    QEMU_CLOCK_MAX
} QEMUClockType;

#define NANOSECONDS_PER_SECOND 1000000000LL
#define SCALE_MS 1000000
#define SCALE_US 1000
#define SCALE_NS 1

typedef void QEMUTimerCB(void *opaque);

typedef struct QEMUTimer {
    QEMUClockType type;
    int scale;
    QEMUTimerCB *cb;
    void *opaque;
    int64_t expire_time;        /* ns; -1 when not pending */
    struct QEMUTimer *next;     /* the clock's list, sorted by expiry */
} QEMUTimer;

int64_t qemu_clock_get_ns(QEMUClockType type);
static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_MS;
}

/* The virtual clock stops and resumes with the VM (cpus.c calls these). */
void qemu_clock_virtual_stop(void);
void qemu_clock_virtual_start(void);

void timer_init(QEMUTimer *t, QEMUClockType type, int scale,
                QEMUTimerCB *cb, void *opaque);
QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque);
QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb, void *opaque);
void timer_free(QEMUTimer *t);
/* Fire at expire_time (in the timer's scale), replacing any earlier one. */
void timer_mod(QEMUTimer *t, int64_t expire_time);
void timer_mod_ns(QEMUTimer *t, int64_t expire_ns);
void timer_del(QEMUTimer *t);
bool timer_pending(const QEMUTimer *t);
int64_t timer_expire_time_ns(const QEMUTimer *t);

/*
 * For the main loop: ns until the first pending timer of any running
 * clock is due (-1: none), and run those that are due.
 */
int64_t qemu_timers_deadline_ns(void);
bool qemu_timers_run(void);

#endif
