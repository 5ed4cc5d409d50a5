/*
 * util/qemu-timer.c: the clocks and timers of system mode.
 *
 * Three clocks (qemu/timer.h): REALTIME is the host's monotonic clock,
 * HOST its wall clock, and VIRTUAL the guest's time.  The virtual clock
 * is the monotonic clock minus an offset while the VM runs; when it
 * stops (qemu_clock_virtual_stop, from cpus.c's vm_stop) its value is
 * frozen, and when it starts again the offset absorbs the time spent
 * stopped, so guest time never jumps.  It starts stopped at 0: vm_start
 * sets it going, so guest time 0 is the moment the guest first runs.
 *
 * Each clock keeps its pending timers in a singly linked list sorted by
 * expiry (equal expiries fire in the order they were armed).  The lists
 * are guarded by a private mutex so that reading and arming are safe
 * from any thread; callbacks run without it, on the main loop thread,
 * with the global lock held (util/main-loop.c calls qemu_timers_run).
 * A timer armed from another thread that becomes the first of its clock
 * wakes the main loop (qemu_notify_event), which recomputes its poll
 * timeout from qemu_timers_deadline_ns.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"

typedef struct TimerClock {
    QEMUTimer *head;
} TimerClock;

static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;
static TimerClock timer_clocks[QEMU_CLOCK_MAX];

/* Virtual clock state (under timer_lock). */
static bool vclock_running;
static int64_t vclock_offset;     /* running: value = monotonic - offset */
static int64_t vclock_frozen;     /* stopped: the value */

static int64_t timer_host_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

static int64_t vclock_get_locked(void)
{
    if (vclock_running) {
        return timer_host_ns(CLOCK_MONOTONIC) - vclock_offset;
    }
    return vclock_frozen;
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    int64_t v;

    switch (type) {
    case QEMU_CLOCK_REALTIME:
        return timer_host_ns(CLOCK_MONOTONIC);
    case QEMU_CLOCK_HOST:
        return timer_host_ns(CLOCK_REALTIME);
    case QEMU_CLOCK_VIRTUAL:
        pthread_mutex_lock(&timer_lock);
        v = vclock_get_locked();
        pthread_mutex_unlock(&timer_lock);
        return v;
    default:
        abort();
    }
}

void qemu_clock_virtual_stop(void)
{
    pthread_mutex_lock(&timer_lock);
    if (vclock_running) {
        vclock_frozen = vclock_get_locked();
        vclock_running = false;
    }
    pthread_mutex_unlock(&timer_lock);
}

void qemu_clock_virtual_start(void)
{
    bool wake;

    pthread_mutex_lock(&timer_lock);
    wake = !vclock_running && timer_clocks[QEMU_CLOCK_VIRTUAL].head;
    if (!vclock_running) {
        vclock_offset = timer_host_ns(CLOCK_MONOTONIC) - vclock_frozen;
        vclock_running = true;
    }
    pthread_mutex_unlock(&timer_lock);
    /* Virtual timers count again: the loop must look at their deadline. */
    if (wake && !qemu_main_loop_is_current_thread()) {
        qemu_notify_event();
    }
}

/* Current value of a clock, with timer_lock held. */
static int64_t clock_now_locked(QEMUClockType type)
{
    if (type == QEMU_CLOCK_VIRTUAL) {
        return vclock_get_locked();
    }
    return qemu_clock_get_ns(type);
}

/* ------------------------------------------------------------- timers */

void timer_init(QEMUTimer *t, QEMUClockType type, int scale,
                QEMUTimerCB *cb, void *opaque)
{
    if ((unsigned)type >= QEMU_CLOCK_MAX || scale <= 0) {
        abort();
    }
    t->type = type;
    t->scale = scale;
    t->cb = cb;
    t->opaque = opaque;
    t->expire_time = -1;
    t->next = NULL;
}

static QEMUTimer *timer_new_scale(QEMUClockType type, int scale,
                                  QEMUTimerCB *cb, void *opaque)
{
    QEMUTimer *t = calloc(1, sizeof(*t));

    if (!t) {
        abort();
    }
    timer_init(t, type, scale, cb, opaque);
    return t;
}

QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new_scale(type, SCALE_NS, cb, opaque);
}

QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new_scale(type, SCALE_MS, cb, opaque);
}

/* Unlink t from its clock's list if pending (timer_lock held). */
static void timer_unlink_locked(QEMUTimer *t)
{
    QEMUTimer **p;

    if (t->expire_time < 0) {
        return;
    }
    for (p = &timer_clocks[t->type].head; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->next = NULL;
    t->expire_time = -1;
}

void timer_free(QEMUTimer *t)
{
    if (!t) {
        return;
    }
    timer_del(t);
    free(t);
}

void timer_del(QEMUTimer *t)
{
    pthread_mutex_lock(&timer_lock);
    timer_unlink_locked(t);
    pthread_mutex_unlock(&timer_lock);
}

void timer_mod_ns(QEMUTimer *t, int64_t expire_ns)
{
    QEMUTimer **p;
    bool first;

    if (expire_ns < 0) {
        expire_ns = 0;
    }
    pthread_mutex_lock(&timer_lock);
    timer_unlink_locked(t);
    /* After every timer due no later: equal deadlines fire in arm order. */
    for (p = &timer_clocks[t->type].head; *p; p = &(*p)->next) {
        if ((*p)->expire_time > expire_ns) {
            break;
        }
    }
    t->expire_time = expire_ns;
    t->next = *p;
    *p = t;
    first = p == &timer_clocks[t->type].head;
    pthread_mutex_unlock(&timer_lock);
    /*
     * The earliest deadline moved earlier: a loop polling elsewhere
     * must recompute its timeout.  The loop's own thread does that
     * anyway before it polls again.
     */
    if (first && !qemu_main_loop_is_current_thread()) {
        qemu_notify_event();
    }
}

void timer_mod(QEMUTimer *t, int64_t expire_time)
{
    int64_t ns;

    if (expire_time <= 0) {
        ns = 0;
    } else if (expire_time > INT64_MAX / t->scale) {
        ns = INT64_MAX;
    } else {
        ns = expire_time * t->scale;
    }
    timer_mod_ns(t, ns);
}

bool timer_pending(const QEMUTimer *t)
{
    return __atomic_load_n(&t->expire_time, __ATOMIC_RELAXED) >= 0;
}

int64_t timer_expire_time_ns(const QEMUTimer *t)
{
    return __atomic_load_n(&t->expire_time, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------- for the loop */

int64_t qemu_timers_deadline_ns(void)
{
    int64_t best = -1;
    int i;

    pthread_mutex_lock(&timer_lock);
    for (i = 0; i < QEMU_CLOCK_MAX; i++) {
        QEMUTimer *t = timer_clocks[i].head;
        int64_t d;

        if (!t || (i == QEMU_CLOCK_VIRTUAL && !vclock_running)) {
            continue;
        }
        d = t->expire_time - clock_now_locked(i);
        if (d < 0) {
            d = 0;
        }
        if (best < 0 || d < best) {
            best = d;
        }
    }
    pthread_mutex_unlock(&timer_lock);
    return best;
}

/*
 * Run the due timers of one clock.  A callback may re-arm its own timer
 * for "now": the clock value is read once, so that cannot loop forever.
 */
static bool timers_run_clock(QEMUClockType type)
{
    bool ran = false;
    int64_t now;

    pthread_mutex_lock(&timer_lock);
    if (type == QEMU_CLOCK_VIRTUAL && !vclock_running) {
        pthread_mutex_unlock(&timer_lock);
        return false;
    }
    now = clock_now_locked(type);
    for (;;) {
        QEMUTimer *t = timer_clocks[type].head;
        QEMUTimerCB *cb;
        void *opaque;

        if (!t || t->expire_time > now ||
            (type == QEMU_CLOCK_VIRTUAL && !vclock_running)) {
            break;
        }
        timer_clocks[type].head = t->next;
        t->next = NULL;
        t->expire_time = -1;
        cb = t->cb;
        opaque = t->opaque;
        pthread_mutex_unlock(&timer_lock);
        /* t may be freed or re-armed by its callback. */
        cb(opaque);
        ran = true;
        pthread_mutex_lock(&timer_lock);
    }
    pthread_mutex_unlock(&timer_lock);
    return ran;
}

bool qemu_timers_run(void)
{
    bool ran = false;
    int i;

    for (i = 0; i < QEMU_CLOCK_MAX; i++) {
        ran |= timers_run_clock(i);
    }
    return ran;
}
