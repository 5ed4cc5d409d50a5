/*
 * softmmu/cpus.c: the vCPU thread, VM start/stop, CPU power state and
 * cross-thread work (sysemu/cpus.h).
 *
 * Scheme: one host thread ("CPU 0/TCG") runs every registered CPU in
 * turn (round-robin).  A CPU runs in cpu_exec() WITHOUT the global lock
 * until cpu_exec returns: it halted (EXCP_HLT: WFI, PSCI CPU_OFF), or
 * someone asked it to leave (EXCP_INTERRUPT after cpu_exit).  The thread
 * then takes the lock, runs queued run_on_cpu work, acknowledges pause
 * requests and picks the next runnable CPU.  While more than one CPU is
 * runnable, a REALTIME timer kicks the running one every
 * CPUS_SLICE_NS so that a CPU spinning on a lock cannot starve the one
 * holding it; with one runnable CPU there is no timer at all.
 *
 * Sleeping: when no CPU can run (all halted without work, paused or
 * powered off) the thread releases the lock and waits on wake_cond, a
 * condition of its own leaf mutex, until kick_seq changes.  Everything
 * that can make a CPU runnable bumps kick_seq and signals the condition
 * (cpus_wake): cpu_interrupt/cpu_exit through cpu_kick_hook (from any
 * thread, with or without the global lock), vm_start, cpu_power_on,
 * run_on_cpu, pause requests.  The waiter reads kick_seq before it looks
 * at the CPUs, so a wake-up between the look and the wait is never
 * lost; an idle guest costs no host CPU.
 *
 * Per-CPU state lives in CPUState (stop, stopped, halted, work_list) and
 * in cs->thread (CPUSVcpu: power, the thread that runs it), so a thread
 * per vCPU can later replace the round-robin thread without changing
 * callers: each CPUSThread would then own one CPU.
 */
#include <errno.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

/* Host time a CPU runs before the next runnable one gets its turn. */
#define CPUS_SLICE_NS (10 * SCALE_MS)

typedef struct CPUSThread {
    pthread_t thread;
    bool created;
    int tid;                    /* host thread id, for `info cpus` */
} CPUSThread;

typedef struct CPUSVcpu {
    CPUSThread *thread;
    int index;                  /* in cpus[] */
    bool powered;
} CPUSVcpu;

typedef struct CPUWorkItem {
    run_on_cpu_func fn;
    void *data;
    bool done;
    bool free_after;
    struct CPUWorkItem *next;
} CPUWorkItem;

/* Defined by exec/ normally; weak so that either side may own it. */
void (*cpu_kick_hook)(CPUState *cs) __attribute__((weak));

static int (*cpus_exec_fn)(CPUState *cs) = cpu_exec;

static CPUState **cpus;
static int cpus_n;
static CPUSThread rr_thread;
static CPUState *rr_running;            /* atomic: in cpus_exec_fn now */
static QEMUTimer *rr_kick_timer;
static __thread CPUState *current_cpu;
static __thread bool on_vcpu_thread;

/* Pause acknowledgements and run_on_cpu completions (global lock). */
static QemuCond *pause_cond, *work_cond;

/* The thread's sleep (see the header comment). */
static pthread_mutex_t wake_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_cond = PTHREAD_COND_INITIALIZER;
static unsigned kick_seq;
static int rr_sleeping;

/* run_on_cpu queues (short critical sections, leaf lock). */
static pthread_mutex_t work_mutex = PTHREAD_MUTEX_INITIALIZER;

void cpus_set_exec_fn(int (*fn)(CPUState *cs))
{
    cpus_exec_fn = fn ? fn : cpu_exec;
}

CPUState *current_cpu_get(void)
{
    return current_cpu;
}

/* ------------------------------------------------------------ waking */

static void cpus_wake(void)
{
    __atomic_fetch_add(&kick_seq, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&rr_sleeping, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&wake_mutex);
        pthread_cond_broadcast(&wake_cond);
        pthread_mutex_unlock(&wake_mutex);
    }
}

/* Sleep until kick_seq moves from seen; called with the global lock. */
static void cpus_sleep(unsigned seen)
{
    bql_unlock();
    __atomic_store_n(&rr_sleeping, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_lock(&wake_mutex);
    while (__atomic_load_n(&kick_seq, __ATOMIC_SEQ_CST) == seen) {
        pthread_cond_wait(&wake_cond, &wake_mutex);
    }
    pthread_mutex_unlock(&wake_mutex);
    __atomic_store_n(&rr_sleeping, 0, __ATOMIC_SEQ_CST);
    bql_lock();
}

/*
 * cpu_kick_hook: cs got an interrupt or exit request.  Its flags are
 * already set; wake the thread, and if another CPU holds the thread,
 * make that one return so the round-robin looks at cs again.  Safe
 * from any thread, with or without the global lock.
 */
static void cpus_kick_hook(CPUState *cs)
{
    CPUState *running = __atomic_load_n(&rr_running, __ATOMIC_SEQ_CST);

    cpus_wake();
    if (running && running != cs && cs->halted && cpu_is_powered(cs)) {
        cpu_exit(running);
    }
}

/*
 * Make the thread that runs cs come back to its loop soon: with the
 * round-robin thread, whichever CPU it is running now leaves cpu_exec
 * (an exit request left on a CPU that is not running would only cost
 * it an empty turn later).
 */
static void cpus_kick(CPUState *cs)
{
    CPUState *running = __atomic_load_n(&rr_running, __ATOMIC_SEQ_CST);

    if (running) {
        cpu_exit(running);
    }
    cpus_wake();
}

static void cpus_kick_timer_cb(void *opaque)
{
    CPUState *running = __atomic_load_n(&rr_running, __ATOMIC_SEQ_CST);

    if (running) {
        cpu_exit(running);
    }
}

static void cpus_init_once(void)
{
    if (pause_cond) {
        return;
    }
    pause_cond = qemu_cond_new();
    work_cond = qemu_cond_new();
    rr_kick_timer = timer_new_ns(QEMU_CLOCK_REALTIME, cpus_kick_timer_cb,
                                 NULL);
    cpu_kick_hook = cpus_kick_hook;
}

/* --------------------------------------------------------------- work */

static void cpus_queue_work(CPUState *cs, CPUWorkItem *wi)
{
    CPUWorkItem **p;

    pthread_mutex_lock(&work_mutex);
    for (p = &cs->work_list; *p; p = &(*p)->next) {
        /* append: items run in the order they were queued */
    }
    wi->next = NULL;
    *p = wi;
    pthread_mutex_unlock(&work_mutex);
}

static void cpus_run_work_item(CPUState *cs, run_on_cpu_func fn, void *data)
{
    CPUState *saved = current_cpu;

    current_cpu = cs;
    fn(cs, data);
    current_cpu = saved;
}

/* Run cs's queued work with the global lock held; true if any ran. */
static bool cpus_process_work(CPUState *cs)
{
    bool ran = false;

    for (;;) {
        CPUWorkItem *wi;

        pthread_mutex_lock(&work_mutex);
        wi = cs->work_list;
        if (wi) {
            cs->work_list = wi->next;
        }
        pthread_mutex_unlock(&work_mutex);
        if (!wi) {
            return ran;
        }
        cpus_run_work_item(cs, wi->fn, wi->data);
        ran = true;
        if (wi->free_after) {
            free(wi);
        } else {
            wi->done = true;
            qemu_cond_broadcast(work_cond);
        }
    }
}

static bool cpus_thread_running(void)
{
    return rr_thread.created;
}

void run_on_cpu(CPUState *cs, run_on_cpu_func fn, void *data)
{
    CPUWorkItem wi = { .fn = fn, .data = data };
    bool took = false;

    /* Before the thread exists, or on it: nothing runs cs concurrently. */
    if (!cpus_thread_running() || on_vcpu_thread) {
        cpus_run_work_item(cs, fn, data);
        return;
    }
    if (!bql_locked()) {
        bql_lock();
        took = true;
    }
    cpus_queue_work(cs, &wi);
    cpus_kick(cs);
    while (!wi.done) {
        qemu_cond_wait_bql(work_cond);
    }
    if (took) {
        bql_unlock();
    }
}

void async_run_on_cpu(CPUState *cs, run_on_cpu_func fn, void *data)
{
    CPUWorkItem *wi;

    if (!cpus_thread_running()) {
        cpus_run_work_item(cs, fn, data);
        return;
    }
    wi = calloc(1, sizeof(*wi));
    if (!wi) {
        abort();
    }
    wi->fn = fn;
    wi->data = data;
    wi->free_after = true;
    cpus_queue_work(cs, wi);
    cpus_kick(cs);
}

/* ------------------------------------------------------- power state */

static CPUSVcpu *cpus_vcpu(const CPUState *cs)
{
    return cs->thread;
}

void qemu_cpu_add(CPUState *cs)
{
    CPUSVcpu *v = calloc(1, sizeof(*v));
    CPUState **l = realloc(cpus, (cpus_n + 1) * sizeof(*cpus));

    if (!v || !l) {
        abort();
    }
    cpus_init_once();
    cpus = l;
    cs->cpu_index = cpus_n;
    cpus[cpus_n++] = cs;
    v->thread = &rr_thread;
    v->index = cs->cpu_index;
    /* The boot CPU is powered; secondaries wait for PSCI CPU_ON. */
    v->powered = cs->cpu_index == 0;
    cs->thread = v;
    cs->stop = false;
    cs->stopped = !runstate_is_running();
}

bool cpu_is_powered(const CPUState *cs)
{
    return cpus_vcpu(cs) && __atomic_load_n(&cpus_vcpu(cs)->powered,
                                            __ATOMIC_ACQUIRE);
}

void cpu_power_off(CPUState *cs)
{
    CPUSVcpu *v = cpus_vcpu(cs);

    if (!v) {
        return;
    }
    __atomic_store_n(&v->powered, false, __ATOMIC_RELEASE);
    cs->halted = true;
    /* Off its own thread's cpu_exec now, if it is running. */
    if (__atomic_load_n(&rr_running, __ATOMIC_SEQ_CST) == cs) {
        cpu_exit(cs);
    }
}

void cpu_power_on(CPUState *cs)
{
    CPUSVcpu *v = cpus_vcpu(cs);

    if (!v) {
        return;
    }
    cs->halted = false;
    __atomic_store_n(&v->powered, true, __ATOMIC_RELEASE);
    /* The running CPU yields so the round-robin picks this one up. */
    cpus_kick(cs);
}

/* ------------------------------------------------------ pause, resume */

static bool all_vcpus_stopped(void)
{
    int i;

    for (i = 0; i < cpus_n; i++) {
        if (!cpus[i]->stopped) {
            return false;
        }
    }
    return true;
}

void pause_all_vcpus(void)
{
    int i;

    qemu_clock_virtual_stop();
    if (!cpus_thread_running()) {
        for (i = 0; i < cpus_n; i++) {
            cpus[i]->stop = false;
            cpus[i]->stopped = true;
        }
        return;
    }
    for (i = 0; i < cpus_n; i++) {
        if (!cpus[i]->stopped) {
            cpus[i]->stop = true;
        }
    }
    if (cpus_n) {
        cpus_kick(cpus[0]);
    }
    /*
     * On the vCPU thread (a device or helper stopping the VM) nobody
     * else can acknowledge: the CPUs stop when cpu_exec returns.
     */
    if (on_vcpu_thread) {
        return;
    }
    while (!all_vcpus_stopped()) {
        qemu_cond_wait_bql(pause_cond);
    }
}

void resume_all_vcpus(void)
{
    int i;

    qemu_clock_virtual_start();
    for (i = 0; i < cpus_n; i++) {
        cpus[i]->stop = false;
        cpus[i]->stopped = false;
    }
    cpus_wake();
}

void vm_start(void)
{
    if (runstate_is_running()) {
        return;
    }
    runstate_set(RUN_STATE_RUNNING);
    resume_all_vcpus();
}

void vm_stop(RunState state)
{
    if (runstate_is_running()) {
        pause_all_vcpus();
    }
    runstate_set(state);
}

/* ------------------------------------------------------ the vCPU thread */

static bool cpus_has_work(CPUState *cs)
{
    if (cs->cc && cs->cc->has_work) {
        return cs->cc->has_work(cs);
    }
    return __atomic_load_n(&cs->interrupt_request, __ATOMIC_SEQ_CST) != 0;
}

static bool cpus_can_run(CPUState *cs)
{
    if (cs->stop || cs->stopped || !cpu_is_powered(cs)) {
        return false;
    }
    return !cs->halted || cpus_has_work(cs);
}

/* Acknowledge pause requests: the thread is outside cpu_exec here. */
static void cpus_handle_stops(void)
{
    bool any = false;
    int i;

    for (i = 0; i < cpus_n; i++) {
        if (cpus[i]->stop) {
            cpus[i]->stop = false;
            cpus[i]->stopped = true;
            any = true;
        }
    }
    if (any) {
        qemu_cond_broadcast(pause_cond);
    }
}

static void *cpus_rr_thread_fn(void *arg)
{
    int next = 0;

    on_vcpu_thread = true;
    __atomic_store_n(&rr_thread.tid, (int)syscall(SYS_gettid),
                     __ATOMIC_RELEASE);
    bql_lock();
    for (;;) {
        unsigned seen = __atomic_load_n(&kick_seq, __ATOMIC_SEQ_CST);
        CPUState *cs = NULL;
        int i, runnable = 0, r;

        for (i = 0; i < cpus_n; i++) {
            cpus_process_work(cpus[i]);
        }
        cpus_handle_stops();
        for (i = 0; i < cpus_n; i++) {
            CPUState *c = cpus[(next + i) % cpus_n];

            if (cpus_can_run(c)) {
                runnable++;
                if (!cs) {
                    cs = c;
                }
            }
        }
        if (!cs) {
            timer_del(rr_kick_timer);
            cpus_sleep(seen);
            continue;
        }
        if (runnable > 1) {
            /* A full slice for this CPU, whatever the last one used. */
            timer_mod_ns(rr_kick_timer,
                         qemu_clock_get_ns(QEMU_CLOCK_REALTIME) +
                         CPUS_SLICE_NS);
        } else if (timer_pending(rr_kick_timer)) {
            timer_del(rr_kick_timer);
        }
        cs->halted = false;
        current_cpu = cs;
        __atomic_store_n(&rr_running, cs, __ATOMIC_SEQ_CST);
        bql_unlock();

        r = cpus_exec_fn(cs);

        bql_lock();
        __atomic_store_n(&rr_running, NULL, __ATOMIC_SEQ_CST);
        current_cpu = NULL;
        if (r == EXCP_HLT || r == EXCP_HALTED) {
            cs->halted = true;
        }
        next = (cpus_vcpu(cs)->index + 1) % cpus_n;
    }
    return NULL;
}

/* The host thread running cs (monitor `info cpus`); the process id before. */
int qemu_cpu_thread_id(CPUState *cs)
{
    int tid = __atomic_load_n(&rr_thread.tid, __ATOMIC_ACQUIRE);

    (void)cs;
    return tid ? tid : (int)getpid();
}

void qemu_start_vcpus(void)
{
    sigset_t block, old;
    int err;

    cpus_init_once();
    if (rr_thread.created) {
        return;
    }
    /* Termination signals go to the main loop's thread. */
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    err = pthread_create(&rr_thread.thread, NULL, cpus_rr_thread_fn, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        fprintf(stderr, "qemu: cannot create the vCPU thread: %s\n",
                strerror(err));
        exit(1);
    }
    pthread_setname_np(rr_thread.thread, "CPU 0/TCG");
    rr_thread.created = true;
}
