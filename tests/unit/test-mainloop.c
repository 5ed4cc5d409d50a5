/*
 * test-mainloop.c: the main loop, timers, bottom halves, fd handlers
 * and run-state requests (util/main-loop.c, util/qemu-timer.c,
 * softmmu/runstate.c).
 *
 * The vCPU side (softmmu/cpus.c) is linked in because runstate.c pauses
 * CPUs; no CPU is registered here, so pausing is immediate.
 * tests/unit/test-cpus.c covers cpus.c.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "tap.h"

/* cpus.c's default run function and exec's kick: not used here. */
int cpu_exec(CPUState *cs)
{
    abort();
}

void cpu_exit(CPUState *cs)
{
    __atomic_store_n(&cs->exit_request, true, __ATOMIC_SEQ_CST);
    if (cpu_kick_hook) {
        cpu_kick_hook(cs);
    }
}

static int64_t now_ms(void)
{
    return qemu_clock_get_ms(QEMU_CLOCK_REALTIME);
}

static void sleep_ms_unlocked(int ms)
{
    bql_unlock();
    usleep(ms * 1000);
    bql_lock();
}

/* ------------------------------------------------------------- timers */

static int order[8], n_order;
static int64_t fired_at[8];

static void order_cb(void *opaque)
{
    int id = (int)(intptr_t)opaque;

    fired_at[id] = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    order[n_order++] = id;
}

static void test_timers_order(void)
{
    QEMUTimer t1, t2, t3, guard;
    int64_t base = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    int64_t start_ms = now_ms();

    n_order = 0;
    timer_init(&t1, QEMU_CLOCK_REALTIME, SCALE_NS, order_cb, (void *)1);
    timer_init(&t2, QEMU_CLOCK_REALTIME, SCALE_NS, order_cb, (void *)2);
    timer_init(&t3, QEMU_CLOCK_REALTIME, SCALE_MS, order_cb, (void *)3);
    timer_init(&guard, QEMU_CLOCK_REALTIME, SCALE_MS, order_cb, (void *)4);
    timer_mod_ns(&t1, base + 30 * SCALE_MS);
    timer_mod_ns(&t2, base + 10 * SCALE_MS);
    /* ms scale: expire_time counts milliseconds. */
    timer_mod(&t3, base / SCALE_MS + 20);
    /* re-arming replaces: t1 is now last at 40 ms */
    timer_mod_ns(&t1, base + 40 * SCALE_MS);
    timer_mod(&guard, start_ms + 2000);
    tap_report(timer_pending(&t1) && timer_expire_time_ns(&t1) ==
               base + 40 * SCALE_MS, "timer_mod: pending, expiry in ns");
    tap_report(timer_expire_time_ns(&t3) == (base / SCALE_MS + 20) * SCALE_MS,
               "timer_mod on a ms timer scales to ns");
    while (n_order < 3 && now_ms() < start_ms + 2000) {
        main_loop_wait(false);
    }
    timer_del(&guard);
    tap_report(n_order == 3 && order[0] == 2 && order[1] == 3 &&
               order[2] == 1, "timers fire in deadline order (got %d: %d %d %d)",
               n_order, order[0], order[1], order[2]);
    tap_report(fired_at[2] >= base + 10 * SCALE_MS &&
               fired_at[3] >= (base / SCALE_MS + 20) * SCALE_MS &&
               fired_at[1] >= base + 40 * SCALE_MS,
               "no timer fires before its deadline");
    tap_report(fired_at[1] < base + 40 * SCALE_MS + 250 * SCALE_MS,
               "the last timer fires on time (%lld us late)",
               (long long)(fired_at[1] - base - 40 * SCALE_MS) / 1000);
    tap_report(!timer_pending(&t1) && timer_expire_time_ns(&t1) == -1,
               "a fired timer is no longer pending");
}

static void test_timer_del(void)
{
    QEMUTimer t, guard;
    int64_t start = now_ms();

    n_order = 0;
    timer_init(&t, QEMU_CLOCK_REALTIME, SCALE_MS, order_cb, (void *)5);
    timer_init(&guard, QEMU_CLOCK_REALTIME, SCALE_MS, order_cb, (void *)6);
    timer_mod(&t, start + 10);
    timer_mod(&guard, start + 40);
    timer_del(&t);
    while (n_order < 1) {
        main_loop_wait(false);
    }
    tap_report(n_order == 1 && order[0] == 6 && now_ms() >= start + 40,
               "a deleted timer does not fire; the loop sleeps until the next");
}

/* --------------------------------------------------------- virtual clock */

static void test_virtual_clock(void)
{
    int64_t v0, v1, v2, v3, t0;
    QEMUTimer vt;

    v0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    tap_report(v0 == 0, "the virtual clock starts stopped at 0 (%lld)",
               (long long)v0);
    usleep(20000);
    tap_report(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) == 0,
               "it does not run before it is started");
    qemu_clock_virtual_start();
    usleep(30000);
    v1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    tap_report(v1 >= 30 * SCALE_MS && v1 < 300 * SCALE_MS,
               "running, it follows host time (%lld ms after 30 ms)",
               (long long)(v1 / SCALE_MS));
    qemu_clock_virtual_stop();
    v2 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    usleep(50000);
    tap_report(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) == v2 && v2 >= v1,
               "stopped, it stands still");

    /* A virtual timer due while the clock is stopped does not fire. */
    n_order = 0;
    timer_init(&vt, QEMU_CLOCK_VIRTUAL, SCALE_NS, order_cb, (void *)7);
    timer_mod_ns(&vt, v2 + 10 * SCALE_MS);
    tap_report(qemu_timers_deadline_ns() == -1,
               "a stopped clock's timers give the loop no deadline");
    t0 = now_ms();
    while (now_ms() < t0 + 40) {
        main_loop_wait(true);
        sleep_ms_unlocked(2);
    }
    tap_report(n_order == 0, "virtual timers do not fire while stopped");

    qemu_clock_virtual_start();
    v3 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    tap_report(v3 >= v2 && v3 < v2 + 50 * SCALE_MS,
               "resuming does not jump (%lld us)",
               (long long)(v3 - v2) / 1000);
    t0 = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    while (n_order == 0 && now_ms() < t0 / SCALE_MS + 2000) {
        main_loop_wait(false);
    }
    t0 = fired_at[7] - t0;
    tap_report(n_order == 1 && qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) >=
               v2 + 10 * SCALE_MS,
               "after resuming, the virtual timer fires at its guest time");
    tap_report(t0 >= 5 * SCALE_MS && t0 < 500 * SCALE_MS,
               "... about 10 ms of host time after the restart (%lld us)",
               (long long)t0 / 1000);
    qemu_clock_virtual_stop();
}

/* ---------------------------------------------------------- bottom halves */

static int bh_calls, bh2_calls;
static QEMUBH *bh_self;

static void bh_cb(void *opaque)
{
    bh_calls++;
}

static void bh_self_delete_cb(void *opaque)
{
    bh2_calls++;
    qemu_bh_delete(bh_self);
}

static void test_bh(void)
{
    QEMUBH *bh = qemu_bh_new(bh_cb, NULL);

    qemu_bh_schedule(bh);
    qemu_bh_schedule(bh);
    qemu_bh_schedule(bh);
    main_loop_wait(false);
    tap_report(bh_calls == 1, "three schedules, one call (%d)", bh_calls);
    main_loop_wait(true);
    tap_report(bh_calls == 1, "not called again unless scheduled");
    qemu_bh_schedule(bh);
    qemu_bh_cancel(bh);
    main_loop_wait(true);
    tap_report(bh_calls == 1, "a cancelled BH does not run");
    qemu_bh_schedule(bh);
    qemu_bh_delete(bh);
    main_loop_wait(true);
    tap_report(bh_calls == 1, "a deleted BH does not run");

    bh_self = qemu_bh_new(bh_self_delete_cb, NULL);
    qemu_bh_schedule(bh_self);
    main_loop_wait(false);
    main_loop_wait(true);
    tap_report(bh2_calls == 1, "a BH may delete itself");
}

/* ------------------------------------------------------------- fd handlers */

static int fd_reads, fd_writes;
static char fd_got;

static void fd_read_cb(void *opaque)
{
    int fd = (int)(intptr_t)opaque;

    if (read(fd, &fd_got, 1) == 1) {
        fd_reads++;
    }
}

static void fd_write_cb(void *opaque)
{
    int fd = (int)(intptr_t)opaque;

    fd_writes++;
    qemu_set_fd_handler(fd, NULL, NULL, NULL);
}

static void test_fd_handlers(void)
{
    int p[2];
    int64_t t0;

    if (pipe(p) < 0) {
        tap_report(false, "pipe");
        return;
    }
    qemu_set_fd_handler(p[0], fd_read_cb, NULL, (void *)(intptr_t)p[0]);
    main_loop_wait(true);
    tap_report(fd_reads == 0, "no read handler call without data");
    if (write(p[1], "x", 1) != 1) {
        abort();
    }
    t0 = now_ms();
    main_loop_wait(false);
    tap_report(fd_reads == 1 && fd_got == 'x' && now_ms() - t0 < 500,
               "data on the fd wakes the loop and runs the read handler");
    qemu_set_fd_handler(p[0], NULL, NULL, NULL);
    if (write(p[1], "y", 1) != 1) {
        abort();
    }
    main_loop_wait(true);
    tap_report(fd_reads == 1, "a removed handler is not called");

    qemu_set_fd_handler(p[1], NULL, fd_write_cb, (void *)(intptr_t)p[1]);
    main_loop_wait(false);
    main_loop_wait(true);
    tap_report(fd_writes == 1, "a write handler runs when writable, and may "
               "remove itself");
    close(p[0]);
    close(p[1]);
}

/* ----------------------------------------------------- cross-thread wakes */

static QEMUTimer *wake_timer;
static int wake_fired;

static void wake_timer_cb(void *opaque)
{
    wake_fired = 1;
}

static void *notify_thread(void *arg)
{
    usleep(50000);
    qemu_notify_event();
    return NULL;
}

static void *timer_thread(void *arg)
{
    usleep(30000);
    bql_lock();
    timer_mod(wake_timer, now_ms() + 20);
    bql_unlock();
    return NULL;
}

static void test_notify(void)
{
    pthread_t th;
    QEMUTimer far;
    int64_t t0, dt;

    /* Nothing else pending but a timer 3 s away. */
    timer_init(&far, QEMU_CLOCK_REALTIME, SCALE_MS, bh_cb, NULL);
    timer_mod(&far, now_ms() + 3000);
    pthread_create(&th, NULL, notify_thread, NULL);
    t0 = now_ms();
    main_loop_wait(false);
    dt = now_ms() - t0;
    pthread_join(th, NULL);
    tap_report(dt >= 40 && dt < 1000,
               "qemu_notify_event from a thread wakes a blocked loop (%lld ms)",
               (long long)dt);

    wake_timer = timer_new_ms(QEMU_CLOCK_REALTIME, wake_timer_cb, NULL);
    pthread_create(&th, NULL, timer_thread, NULL);
    t0 = now_ms();
    while (!wake_fired && now_ms() - t0 < 2500) {
        main_loop_wait(false);
    }
    dt = now_ms() - t0;
    pthread_join(th, NULL);
    tap_report(wake_fired && dt >= 45 && dt < 1000,
               "an earlier timer armed by another thread wakes the loop "
               "(%lld ms)", (long long)dt);
    timer_del(&far);
    timer_free(wake_timer);
    tap_report(qemu_timers_deadline_ns() == -1, "no timer left pending");
}

/* ------------------------------------------------------------ conditions */

static QemuCond *cond;
static int cond_flag;

static void *cond_thread(void *arg)
{
    usleep(30000);
    bql_lock();
    cond_flag = 1;
    qemu_cond_broadcast(cond);
    bql_unlock();
    return NULL;
}

static void test_cond(void)
{
    pthread_t th;
    int64_t t0 = now_ms();
    bool r;

    cond = qemu_cond_new();
    r = qemu_cond_timedwait_bql(cond, 20 * SCALE_MS);
    tap_report(!r && now_ms() - t0 >= 19 && bql_locked(),
               "qemu_cond_timedwait_bql times out, lock retaken");
    pthread_create(&th, NULL, cond_thread, NULL);
    t0 = now_ms();
    while (!cond_flag) {
        r = qemu_cond_timedwait_bql(cond, 5000 * (int64_t)SCALE_MS);
    }
    tap_report(r && now_ms() - t0 < 2000,
               "a broadcast under the lock ends the wait; the waiter "
               "released the lock meanwhile");
    pthread_join(th, NULL);
}

/* ---------------------------------------------------------------- runstate */

static int reset_log[4], n_reset_log, powerdowns;

static void reset_a(void *opaque)
{
    reset_log[n_reset_log++] = 1;
}

static void reset_b(void *opaque)
{
    reset_log[n_reset_log++] = 2;
}

static void powerdown_cb(void *opaque)
{
    powerdowns++;
}

static void test_runstate(void)
{
    int status = -1;
    bool exited;

    tap_report(runstate_get() == RUN_STATE_PRELAUNCH &&
               !strcmp(runstate_name(runstate_get()), "prelaunch"),
               "the VM starts in prelaunch");
    tap_report(!main_loop_should_exit(&status) && status == 0,
               "no request: the loop goes on");

    vm_start();
    tap_report(runstate_is_running() &&
               !strcmp(runstate_name(RUN_STATE_RUNNING), "running"),
               "vm_start: running");

    qemu_register_reset(reset_a, NULL);
    qemu_register_reset(reset_b, NULL);
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    tap_report(!main_loop_should_exit(&status) && n_reset_log == 2 &&
               reset_log[0] == 1 && reset_log[1] == 2 && runstate_is_running(),
               "reset: handlers in registration order, VM still running");

    qemu_system_powerdown_request();
    tap_report(!main_loop_should_exit(&status) && powerdowns == 0,
               "powerdown without notifiers: no exit yet...");
    tap_report(main_loop_should_exit(&status) && status == 0,
               "... it becomes a guest shutdown");
    vm_start();

    qemu_register_powerdown_notifier(powerdown_cb, NULL);
    qemu_system_powerdown_request();
    tap_report(!main_loop_should_exit(&status) && powerdowns == 1 &&
               !main_loop_should_exit(&status),
               "powerdown runs the notifiers");

    no_shutdown = true;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    exited = main_loop_should_exit(&status);
    tap_report(!exited && runstate_get() == RUN_STATE_SHUTDOWN,
               "-no-shutdown: a guest shutdown stops the VM (state %s)",
               runstate_name(runstate_get()));
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    tap_report(!main_loop_should_exit(&status) && n_reset_log == 4 &&
               runstate_get() == RUN_STATE_PRELAUNCH,
               "reset of a stopped VM: handlers run, state prelaunch");
    vm_start();
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    tap_report(main_loop_should_exit(&status) && status == 0,
               "-no-shutdown: quit still exits");
    no_shutdown = false;
    vm_start();

    no_reboot = true;
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    tap_report(main_loop_should_exit(&status) && status == 0 &&
               n_reset_log == 4, "-no-reboot: a reset exits");
    no_reboot = false;
    vm_start();

    os_setup_signal_handling();
    raise(SIGTERM);
    tap_report(main_loop_should_exit(&status) && status == 0,
               "SIGTERM is a shutdown request");
    tap_report(!main_loop_should_exit(&status), "requests are taken once");
}

int main(void)
{
    alarm(60);
    qemu_init_main_loop();
    tap_report(bql_locked(), "qemu_init_main_loop takes the lock");
    test_timers_order();
    test_timer_del();
    test_virtual_clock();
    test_bh();
    test_fd_handlers();
    test_notify();
    test_cond();
    test_runstate();
    return tap_exit_status();
}
