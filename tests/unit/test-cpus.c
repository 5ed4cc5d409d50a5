/*
 * test-cpus.c: the vCPU thread (softmmu/cpus.c) with toy CPUs.
 *
 * Each toy CPU's "guest code" (toy_exec, installed through
 * cpus_set_exec_fn) either spins until an exit request, as a busy guest
 * does, or halts at once, as WFI does; an interrupt (cpu_interrupt) is
 * taken by the next toy_exec.  The test checks the scheduling contract
 * of sysemu/cpus.h from outside: CPUs stay stopped until vm_start,
 * secondaries are powered off, the round-robin shares the thread
 * between spinning CPUs, a lone CPU is never kicked, vm_stop returns
 * with no guest code running, halted CPUs cost no host CPU and are
 * woken by interrupts from any thread, run_on_cpu runs on the vCPU
 * thread with the lock held, guest code runs without it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "tap.h"

/* exec/'s side of the contract, reduced to its flags and the kick. */
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

void cpu_interrupt(CPUState *cs, int mask)
{
    __atomic_fetch_or(&cs->interrupt_request, mask, __ATOMIC_SEQ_CST);
    if (cpu_kick_hook) {
        cpu_kick_hook(cs);
    }
}

enum { TOY_SPIN, TOY_HALT };

typedef struct ToyCPU {
    CPUState parent;
    int mode;
    int turns;          /* toy_exec calls */
    long spins;
    int irqs;           /* interrupts taken */
    int inside;         /* in toy_exec now */
    int violations;     /* ran with the lock, or current_cpu wrong */
} ToyCPU;

static ToyCPU toy[2];
static pthread_t main_thread;

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)
#define INC(x) __atomic_fetch_add(&(x), 1, __ATOMIC_SEQ_CST)

static bool toy_has_work(CPUState *cs)
{
    return LOAD(cs->interrupt_request) != 0;
}

static const CPUClass toy_cc = {
    .name = "toy",
    .has_work = toy_has_work,
};

static bool toy_take_irq(ToyCPU *t)
{
    if (__atomic_exchange_n(&t->parent.interrupt_request, 0,
                            __ATOMIC_SEQ_CST)) {
        INC(t->irqs);
        return true;
    }
    return false;
}

static int toy_exec(CPUState *cs)
{
    ToyCPU *t = (ToyCPU *)cs;
    int r;

    INC(t->turns);
    STORE(t->inside, 1);
    if (bql_locked() || current_cpu_get() != cs ||
        pthread_equal(pthread_self(), main_thread)) {
        INC(t->violations);
    }
    toy_take_irq(t);
    if (__atomic_exchange_n(&cs->exit_request, false, __ATOMIC_SEQ_CST)) {
        r = EXCP_INTERRUPT;
    } else if (LOAD(t->mode) == TOY_HALT) {
        cs->halted = true;
        r = EXCP_HLT;
    } else {
        while (!__atomic_exchange_n(&cs->exit_request, false,
                                    __ATOMIC_SEQ_CST)) {
            INC(t->spins);
            toy_take_irq(t);
        }
        r = EXCP_INTERRUPT;
    }
    STORE(t->inside, 0);
    return r;
}

/* ------------------------------------------------------------- helpers */

static int64_t now_ms(void)
{
    return qemu_clock_get_ms(QEMU_CLOCK_REALTIME);
}

static int64_t cpu_time_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A 5 ms tick, so waits re-check their condition. */
static QEMUTimer *tick;

static void tick_cb(void *opaque)
{
    timer_mod(tick, now_ms() + 5);
}

/* Run the main loop (it runs the slice timer) for ms milliseconds. */
static void run_loop_ms(int ms)
{
    int64_t end = now_ms() + ms;

    timer_mod(tick, now_ms() + 5);
    while (now_ms() < end) {
        main_loop_wait(false);
    }
    timer_del(tick);
}

/* Run the loop until pred() or ms milliseconds; pred's value. */
static bool run_loop_until(bool (*pred)(void), int ms)
{
    int64_t end = now_ms() + ms;

    timer_mod(tick, now_ms() + 5);
    while (!pred() && now_ms() < end) {
        main_loop_wait(false);
    }
    timer_del(tick);
    return pred();
}

static long spin_base;

static bool c0_spinning(void)
{
    return LOAD(toy[0].spins) > spin_base + 1000 && LOAD(toy[0].inside);
}

static bool both_halted(void)
{
    return toy[0].parent.halted && toy[1].parent.halted &&
           !LOAD(toy[0].inside) && !LOAD(toy[1].inside);
}

static int irq_target;
static int irq_base;

static bool irq_taken(void)
{
    return LOAD(toy[irq_target].irqs) > irq_base;
}

/* ------------------------------------------------------------- work */

static int work_ran;
static CPUState *work_cpu;
static bool work_on_main, work_locked;

static void work_fn(CPUState *cs, void *data)
{
    work_cpu = current_cpu_get();
    work_on_main = pthread_equal(pthread_self(), main_thread);
    work_locked = bql_locked();
    INC(work_ran);
    *(int *)data += 1;
}

static bool async_done(void)
{
    return LOAD(work_ran) >= 1;
}

static int reset_calls, reset_saw_running;

static void reset_handler(void *opaque)
{
    reset_calls++;
    if (LOAD(toy[0].inside) || LOAD(toy[1].inside)) {
        reset_saw_running++;
    }
}

static void stop_from_vcpu(CPUState *cs, void *data)
{
    vm_stop(RUN_STATE_PAUSED);
    INC(work_ran);
}

static bool stopped_from_vcpu(void)
{
    return LOAD(work_ran) >= 1 && toy[0].parent.stopped;
}

static void *irq_thread_fn(void *arg)
{
    usleep(20000);
    cpu_interrupt(&toy[0].parent, CPU_INTERRUPT_HARD);
    return NULL;
}

int main(void)
{
    CPUState *c0 = &toy[0].parent, *c1 = &toy[1].parent;
    int i, turns0, turns1, data = 0;
    long spins0, spins1;
    int64_t v0, t0, cpu;
    pthread_t th;

    alarm(60);
    main_thread = pthread_self();
    qemu_init_main_loop();
    tick = timer_new_ms(QEMU_CLOCK_REALTIME, tick_cb, NULL);
    cpus_set_exec_fn(toy_exec);
    for (i = 0; i < 2; i++) {
        toy[i].parent.cc = &toy_cc;
        qemu_cpu_add(&toy[i].parent);
    }
    tap_report(c0->cpu_index == 0 && c1->cpu_index == 1,
               "qemu_cpu_add numbers CPUs in order");
    tap_report(cpu_is_powered(c0) && !cpu_is_powered(c1),
               "the boot CPU is powered, the secondary is off");

    /* Before the thread: run_on_cpu runs at once, on the caller. */
    run_on_cpu(c0, work_fn, &data);
    tap_report(data == 1 && work_on_main && work_cpu == c0,
               "run_on_cpu before qemu_start_vcpus runs at once");

    qemu_start_vcpus();
    run_loop_ms(50);
    tap_report(LOAD(toy[0].turns) == 0 && LOAD(toy[1].turns) == 0,
               "CPUs stay stopped until vm_start");

    data = 0;
    work_ran = 0;
    run_on_cpu(c1, work_fn, &data);
    tap_report(data == 1 && !work_on_main && work_cpu == c1 && work_locked,
               "run_on_cpu: on the vCPU thread, lock held, current_cpu set,"
               " done on return (even with the VM stopped)");

    STORE(toy[0].mode, TOY_SPIN);
    STORE(toy[1].mode, TOY_SPIN);
    vm_start();
    tap_report(runstate_is_running(), "vm_start: running");
    tap_report(run_loop_until(c0_spinning, 2000), "the boot CPU runs");
    run_loop_ms(100);
    tap_report(LOAD(toy[0].turns) == 1 && LOAD(toy[1].turns) == 0,
               "a lone runnable CPU is not kicked (%d turns); the powered-off"
               " one never runs", LOAD(toy[0].turns));

    cpu_power_on(c1);
    run_loop_ms(300);
    turns0 = LOAD(toy[0].turns);
    turns1 = LOAD(toy[1].turns);
    tap_report(cpu_is_powered(c1) && turns0 >= 3 && turns1 >= 3 &&
               LOAD(toy[1].spins) > 0 && turns0 < 60 && turns1 < 60,
               "two spinning CPUs take ~10 ms turns (%d and %d in 300 ms)",
               turns0, turns1);

    /* vm_stop: nothing runs when it returns, and nothing runs after. */
    v0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    vm_stop(RUN_STATE_PAUSED);
    tap_report(!LOAD(toy[0].inside) && !LOAD(toy[1].inside) &&
               c0->stopped && c1->stopped,
               "vm_stop returns with no CPU in guest code");
    turns0 = LOAD(toy[0].turns);
    spins0 = LOAD(toy[0].spins);
    spins1 = LOAD(toy[1].spins);
    v0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    run_loop_ms(50);
    tap_report(LOAD(toy[0].turns) == turns0 && LOAD(toy[0].spins) == spins0 &&
               LOAD(toy[1].spins) == spins1 &&
               runstate_get() == RUN_STATE_PAUSED,
               "paused: no guest code runs");
    tap_report(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) == v0,
               "paused: the virtual clock stands still");
    data = 0;
    run_on_cpu(c0, work_fn, &data);
    tap_report(data == 1, "run_on_cpu works while paused");
    vm_start();
    run_loop_ms(60);
    tap_report(LOAD(toy[0].spins) > spins0 && LOAD(toy[1].spins) > spins1,
               "vm_start resumes both CPUs");
    tap_report(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) > v0 &&
               qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) < v0 + 200 * SCALE_MS,
               "the virtual clock resumed where it stopped");

    /* run_on_cpu while the CPUs spin: the running one is kicked out. */
    data = 0;
    t0 = now_ms();
    run_on_cpu(c1, work_fn, &data);
    tap_report(data == 1 && !work_on_main && now_ms() - t0 < 500,
               "run_on_cpu interrupts running guest code (%lld ms)",
               (long long)(now_ms() - t0));

    /* Halt both: the thread must sleep, not spin. */
    STORE(toy[0].mode, TOY_HALT);
    STORE(toy[1].mode, TOY_HALT);
    cpu_exit(c0);
    cpu_exit(c1);
    tap_report(run_loop_until(both_halted, 2000), "both CPUs halt");
    turns0 = LOAD(toy[0].turns);
    turns1 = LOAD(toy[1].turns);
    cpu = cpu_time_ns();
    bql_unlock();
    usleep(300000);
    bql_lock();
    cpu = cpu_time_ns() - cpu;
    tap_report(LOAD(toy[0].turns) == turns0 && LOAD(toy[1].turns) == turns1,
               "halted CPUs are not re-run without work");
    tap_report(cpu < 20 * SCALE_MS,
               "an idle guest costs no host CPU (%lld us in 300 ms)",
               (long long)cpu / 1000);

    /* Interrupts wake a halted CPU, and only that one. */
    irq_target = 1;
    irq_base = LOAD(toy[1].irqs);
    t0 = now_ms();
    cpu_interrupt(c1, CPU_INTERRUPT_HARD);
    tap_report(run_loop_until(irq_taken, 1000) && now_ms() - t0 < 500,
               "cpu_interrupt wakes the halted CPU (%lld ms)",
               (long long)(now_ms() - t0));
    run_loop_until(both_halted, 1000);
    tap_report(LOAD(toy[0].turns) == turns0 && both_halted(),
               "the other CPU stays asleep; the woken one halts again");

    irq_target = 0;
    irq_base = LOAD(toy[0].irqs);
    pthread_create(&th, NULL, irq_thread_fn, NULL);
    tap_report(run_loop_until(irq_taken, 1000),
               "an interrupt from a thread without the lock wakes it too");
    pthread_join(th, NULL);

    /* A halted CPU's interrupt gets through while another one spins. */
    STORE(toy[0].mode, TOY_SPIN);
    spin_base = LOAD(toy[0].spins);
    cpu_interrupt(c0, CPU_INTERRUPT_HARD);
    tap_report(run_loop_until(c0_spinning, 1000) && c1->halted,
               "CPU 0 spins again, CPU 1 stays halted");
    run_loop_ms(30);
    irq_target = 1;
    irq_base = LOAD(toy[1].irqs);
    t0 = now_ms();
    cpu_interrupt(c1, CPU_INTERRUPT_HARD);
    tap_report(run_loop_until(irq_taken, 1000) && now_ms() - t0 < 500,
               "an interrupt for a halted CPU preempts the spinning one "
               "(%lld ms)", (long long)(now_ms() - t0));

    work_ran = 0;
    data = 0;
    async_run_on_cpu(c1, work_fn, &data);
    tap_report(run_loop_until(async_done, 1000) && data == 1 &&
               !work_on_main && work_cpu == c1,
               "async_run_on_cpu runs on the vCPU thread");

    /* Power off the secondary from outside. */
    STORE(toy[1].mode, TOY_SPIN);
    cpu_interrupt(c1, CPU_INTERRUPT_HARD);
    run_loop_ms(50);
    cpu_power_off(c1);
    run_loop_ms(30);
    turns1 = LOAD(toy[1].turns);
    spins1 = LOAD(toy[1].spins);
    run_loop_ms(60);
    tap_report(!cpu_is_powered(c1) && LOAD(toy[1].turns) == turns1 &&
               LOAD(toy[1].spins) == spins1 && LOAD(toy[0].spins) > 0,
               "a powered-off CPU does not run");

    /* system_reset: handlers run with every CPU out of guest code. */
    qemu_register_reset(reset_handler, NULL);
    spin_base = LOAD(toy[0].spins);
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    tap_report(!main_loop_should_exit(&i) && reset_calls == 1 &&
               reset_saw_running == 0 && runstate_is_running(),
               "reset: handlers run with the vCPUs paused");
    tap_report(run_loop_until(c0_spinning, 1000),
               "... and the vCPUs run again afterwards");

    /* vm_stop from the vCPU thread itself must not wait for itself. */
    work_ran = 0;
    async_run_on_cpu(c0, stop_from_vcpu, NULL);
    tap_report(run_loop_until(stopped_from_vcpu, 2000) &&
               runstate_get() == RUN_STATE_PAUSED,
               "vm_stop on the vCPU thread stops the VM without deadlock");
    run_loop_ms(20);
    spins0 = LOAD(toy[0].spins);
    run_loop_ms(30);
    tap_report(LOAD(toy[0].spins) == spins0 && !LOAD(toy[0].inside),
               "... and no guest code runs after it");

    vm_stop(RUN_STATE_PAUSED);
    tap_report(LOAD(toy[0].violations) == 0 && LOAD(toy[1].violations) == 0,
               "guest code ran on the vCPU thread, without the lock, with "
               "current_cpu set");
    tap_report(current_cpu_get() == NULL, "current_cpu is NULL on the main "
               "thread");
    return tap_exit_status();
}
