/*
 * linux-user/syscall-proc.c: processes and threads.
 *
 * Identity (getpid, getuid...), resource limits, exit, fork and threads
 * (clone), execve, wait, futex and prctl.
 *
 * clone without CLONE_VM (or a vfork, whose shared memory we cannot give)
 * is a host fork: the child is a copy of the whole emulator.  clone with
 * CLONE_VM|CLONE_THREAD is a host thread running its own copy of the CPU
 * (target_cpu_clone) through cpu_loop(); guest memory is shared because
 * it is host memory, and guest futexes are host futexes on the same
 * words.  A thread's exit clears and wakes its CLONE_CHILD_CLEARTID word
 * as the kernel does, which is what pthread_join waits for.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu.h"
#include "exec/tb.h"
#include "qemu/log.h"
#include "syscall_nr.h"

#define TARGET_CLONE_FLAGS_FORK_OK (CSIGNAL | CLONE_VFORK | CLONE_VM | \
    CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | \
    CLONE_SETTLS | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | CLONE_IO)
#define TARGET_CLONE_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | \
    CLONE_SIGHAND | CLONE_THREAD)

__thread TaskState *thread_ts;
pthread_mutex_t thread_list_lock = PTHREAD_MUTEX_INITIALIZER;
TaskState *thread_list;
int guest_thread_count;

/* ------------------------------------------------------------ threads */

typedef struct CloneStart {
    CPUArchState *env;
    TaskState *ts;
    abi_ulong parent_tid, child_tid;
    unsigned long flags;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pid_t tid;
    bool ready;
} CloneStart;

static void *clone_thread_main(void *arg)
{
    CloneStart *cs = arg;
    CPUArchState *env = cs->env;
    TaskState *ts = cs->ts;
    sigset_t all;

    thread_ts = ts;
    ts->tid = gettid();
    if (cs->flags & CLONE_CHILD_SETTID) {
        put_user_u32(ts->tid, cs->child_tid);
    }
    if (cs->flags & CLONE_PARENT_SETTID) {
        put_user_u32(ts->tid, cs->parent_tid);
    }
    pthread_mutex_lock(&cs->mu);
    cs->tid = ts->tid;
    cs->ready = true;
    pthread_cond_signal(&cs->cv);
    pthread_mutex_unlock(&cs->mu);
    /* cs belongs to the parent from here on. */
    sigemptyset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    cpu_loop(env);
    return NULL;
}

abi_long do_clone_thread(CPUArchState *env, unsigned long flags,
                         abi_ulong newsp, abi_ulong parent_tid,
                         abi_ulong tls, abi_ulong child_tid)
{
    CloneStart cs;
    CPUArchState *nenv;
    TaskState *ts;
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all, old;
    int err;

    nenv = target_cpu_clone(env, newsp);
    if (!nenv) {
        return -ENOMEM;
    }
    if (flags & CLONE_SETTLS) {
        target_cpu_set_tls(nenv, tls);
    }
    ts = calloc(1, sizeof(*ts));
    ts->env = nenv;
    ts->sigmask = thread_ts->sigmask;
    if (flags & CLONE_CHILD_CLEARTID) {
        ts->child_tidptr = child_tid;
    }

    memset(&cs, 0, sizeof(cs));
    cs.env = nenv;
    cs.ts = ts;
    cs.flags = flags;
    cs.parent_tid = parent_tid;
    cs.child_tid = child_tid;
    pthread_mutex_init(&cs.mu, NULL);
    pthread_cond_init(&cs.cv, NULL);

    pthread_mutex_lock(&thread_list_lock);
    ts->next = thread_list;
    thread_list = ts;
    guest_thread_count++;
    pthread_mutex_unlock(&thread_list_lock);

    /* The new thread starts with every host signal blocked. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1 << 20);
    pthread_mutex_lock(&cs.mu);
    err = pthread_create(&th, &attr, clone_thread_main, &cs);
    if (err == 0) {
        ts->thread = th;
        while (!cs.ready) {
            pthread_cond_wait(&cs.cv, &cs.mu);
        }
    }
    pthread_mutex_unlock(&cs.mu);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err) {
        pthread_mutex_lock(&thread_list_lock);
        thread_list = ts->next;
        guest_thread_count--;
        pthread_mutex_unlock(&thread_list_lock);
        free(ts);
        return -err;
    }
    return cs.tid;
}

static abi_long do_fork(CPUArchState *env, unsigned long flags,
                        abi_ulong newsp, abi_ulong parent_tid,
                        abi_ulong tls, abi_ulong child_tid)
{
    pid_t pid;
    int sig = flags & CSIGNAL;

    if (flags & ~TARGET_CLONE_FLAGS_FORK_OK) {
        return -EINVAL;
    }
    if (sig && target_to_host_signal(sig) < 0) {
        return -EINVAL;
    }
    preexit_cleanup(0);
    mmap_fork_start();
    tb_lock();
    if (sig == SIGCHLD) {
        pid = fork();
    } else {
        pid = syscall(SYS_clone, (unsigned long)target_to_host_signal(sig),
                      0, 0, 0, 0);
    }
    tb_unlock();
    if (pid < 0) {
        int err = errno;

        mmap_fork_end(false);
        return -err;
    }
    if (pid == 0) {
        TaskState *ts = thread_ts;

        mmap_fork_end(true);
        pthread_mutex_init(&thread_list_lock, NULL);
        ts->tid = gettid();
        ts->next = NULL;
        thread_list = ts;
        guest_thread_count = 1;
        if (newsp) {
            target_set_sp(env, newsp);
        }
        if (flags & CLONE_SETTLS) {
            target_cpu_set_tls(env, tls);
        }
        if (flags & CLONE_CHILD_SETTID) {
            put_user_u32(ts->tid, child_tid);
        }
        if (flags & CLONE_CHILD_CLEARTID) {
            ts->child_tidptr = child_tid;
        }
        return 0;
    }
    mmap_fork_end(false);
    if (flags & CLONE_PARENT_SETTID) {
        put_user_u32(pid, parent_tid);
    }
    return pid;
}

static abi_long do_clone(CPUArchState *env, unsigned long flags,
                         abi_ulong newsp, abi_ulong parent_tid,
                         abi_ulong tls, abi_ulong child_tid)
{
    if (flags & CLONE_THREAD) {
        if ((flags & TARGET_CLONE_THREAD_FLAGS) != TARGET_CLONE_THREAD_FLAGS ||
            (flags & CLONE_VFORK)) {
            return -EINVAL;
        }
        return do_clone_thread(env, flags, newsp, parent_tid, tls, child_tid);
    }
    /* A vfork shares memory; a copy behaves the same for correct users. */
    if (flags & CLONE_VM) {
        if (!(flags & CLONE_VFORK)) {
            qemu_log_mask(LOG_UNIMP, "clone: CLONE_VM without CLONE_THREAD "
                          "or CLONE_VFORK is not supported\n");
            return -EINVAL;
        }
        flags &= ~(CLONE_VM | CLONE_VFORK);
    }
    return do_fork(env, flags & ~(CLONE_FS | CLONE_FILES | CLONE_SYSVSEM |
                                  CLONE_IO), newsp, parent_tid, tls, child_tid);
}

/* exit(2) of one thread; the last one ends the process. */
static void do_exit_thread(int code)
{
    TaskState *ts = thread_ts, **pp;
    bool last;

    pthread_mutex_lock(&thread_list_lock);
    last = guest_thread_count <= 1;
    if (!last) {
        for (pp = &thread_list; *pp; pp = &(*pp)->next) {
            if (*pp == ts) {
                *pp = ts->next;
                break;
            }
        }
        guest_thread_count--;
    }
    pthread_mutex_unlock(&thread_list_lock);
    if (last) {
        preexit_cleanup(code);
        _exit(code & 0xff);
    }
    if (ts->child_tidptr && put_user_u32(0, ts->child_tidptr)) {
        syscall(SYS_futex, g2h(ts->child_tidptr), FUTEX_WAKE, INT32_MAX,
                NULL, NULL, 0);
    }
    /* The CPU and ts stay allocated: the engine may still list the CPU;
     * guest memory the target keeps for the thread goes. */
    target_cpu_thread_exit(ts->env);
    pthread_exit(NULL);
}

/* ----------------------------------------------------------------- futex */

static abi_long do_futex(abi_ulong uaddr, int op, int val, abi_ulong timeout,
                         abi_ulong uaddr2, int val3)
{
    int cmd = op & FUTEX_CMD_MASK;
    void *ts = NULL, *u2 = NULL;
    unsigned long val2 = 0;

    if ((uaddr & 3) || !page_check_range(uaddr, 4, PAGE_READ)) {
        return -EFAULT;
    }
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (timeout) {
            ts = lock_user(VERIFY_READ, timeout, 16);
            if (!ts) {
                return -EFAULT;
            }
        }
        break;
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
    case FUTEX_CMP_REQUEUE_PI:
        val2 = (unsigned long)timeout;
        break;
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        break;
    default:
        return -ENOSYS;
    }
    switch (cmd) {
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
    case FUTEX_CMP_REQUEUE_PI:
    case FUTEX_WAIT_REQUEUE_PI:
        if ((uaddr2 & 3) || !page_check_range(uaddr2, 4, PAGE_READ)) {
            return -EFAULT;
        }
        u2 = g2h(uaddr2);
        unprotect_guest_range(uaddr2, 4);
        break;
    }
    unprotect_guest_range(uaddr, 4);
    return safe_syscall6(SYS_futex, g2h(uaddr), op, val,
                         ts ? ts : (void *)val2, u2, val3);
}

/* ----------------------------------------------------------------- prctl */

static abi_long do_prctl(int option, abi_ulong a2, abi_ulong a3, abi_ulong a4,
                         abi_ulong a5)
{
    void *p;

    switch (option) {
    case PR_SET_NAME:
        p = lock_user_string(a2);
        return p ? get_errno(prctl(option, p)) : -EFAULT;
    case PR_GET_NAME:
        p = lock_user(VERIFY_WRITE, a2, 16);
        return p ? get_errno(prctl(option, p)) : -EFAULT;
    case PR_GET_PDEATHSIG:
    case PR_GET_CHILD_SUBREAPER:
        p = lock_user(VERIFY_WRITE, a2, 4);
        return p ? get_errno(prctl(option, p)) : -EFAULT;
    case PR_SET_PDEATHSIG:
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_SET_CHILD_SUBREAPER:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_TIMERSLACK:
    case PR_GET_TIMERSLACK:
    case PR_CAPBSET_READ:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
        return get_errno(prctl(option, a2, a3, a4, a5));
    default:
        /* SECCOMP would filter the emulator itself; SVE/PAC/MTE controls
         * belong to CPU features the guest CPU does not have here. */
        qemu_log_mask(LOG_UNIMP, "Unsupported prctl: %d\n", option);
        return -EINVAL;
    }
}

/* ------------------------------------------------------------- the table */

bool do_syscall_proc(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;
    void *p, *q;

    switch (num) {
    case TARGET_NR_exit:
        do_exit_thread(a[0]);
        r = 0;
        break;
    case TARGET_NR_exit_group:
        preexit_cleanup(a[0]);
        _exit(a[0] & 0xff);
    case TARGET_NR_set_tid_address:
        thread_ts->child_tidptr = a[0];
        r = thread_ts->tid;
        break;
    case TARGET_NR_set_robust_list:
        /* Not emulated: robust futex lists (the host kernel cannot walk
         * guest lists); glibc works without them. */
        thread_ts->robust_list = a[0];
        r = a[1] == 3 * sizeof(abi_ulong) ? 0 : -EINVAL;  /* head size */
        break;
    case TARGET_NR_get_robust_list:
        r = -ENOSYS;
        break;
    case TARGET_NR_rseq:
        /* Not emulated: restartable sequences; glibc falls back. */
        r = -ENOSYS;
        break;
    case TARGET_NR_getpid:
        r = getpid();
        break;
    case TARGET_NR_getppid:
        r = getppid();
        break;
    case TARGET_NR_gettid:
        r = gettid();
        break;
    case TARGET_NR_getuid:
        r = getuid();
        break;
    case TARGET_NR_geteuid:
        r = geteuid();
        break;
    case TARGET_NR_getgid:
        r = getgid();
        break;
    case TARGET_NR_getegid:
        r = getegid();
        break;
    case TARGET_NR_setuid:
        r = get_errno(syscall(SYS_setuid, (uid_t)a[0]));
        break;
    case TARGET_NR_setgid:
        r = get_errno(syscall(SYS_setgid, (gid_t)a[0]));
        break;
    case TARGET_NR_setreuid:
        r = get_errno(syscall(SYS_setreuid, (uid_t)a[0], (uid_t)a[1]));
        break;
    case TARGET_NR_setregid:
        r = get_errno(syscall(SYS_setregid, (gid_t)a[0], (gid_t)a[1]));
        break;
    case TARGET_NR_setresuid:
        r = get_errno(syscall(SYS_setresuid, (uid_t)a[0], (uid_t)a[1],
                              (uid_t)a[2]));
        break;
    case TARGET_NR_setresgid:
        r = get_errno(syscall(SYS_setresgid, (gid_t)a[0], (gid_t)a[1],
                              (gid_t)a[2]));
        break;
    case TARGET_NR_getresuid:
    case TARGET_NR_getresgid: {
        uint32_t *x = lock_user(VERIFY_WRITE, a[0], 4);
        uint32_t *y = lock_user(VERIFY_WRITE, a[1], 4);
        uint32_t *z = lock_user(VERIFY_WRITE, a[2], 4);

        if (!x || !y || !z) {
            r = -EFAULT;
        } else if (num == TARGET_NR_getresuid) {
            r = get_errno(getresuid(x, y, z));
        } else {
            r = get_errno(getresgid(x, y, z));
        }
        break;
    }
    case TARGET_NR_getgroups:
        if ((int)a[0] < 0 || a[0] > 65536) {
            r = -EINVAL;
            break;
        }
        p = a[0] ? lock_user(VERIFY_WRITE, a[1], a[0] * 4) : NULL;
        r = (a[0] && !p) ? -EFAULT : get_errno(getgroups(a[0], p));
        break;
    case TARGET_NR_setgroups:
        if ((int)a[0] < 0 || a[0] > 65536) {
            r = -EINVAL;
            break;
        }
        p = a[0] ? lock_user(VERIFY_READ, a[1], a[0] * 4) : NULL;
        r = (a[0] && !p) ? -EFAULT :
            get_errno(syscall(SYS_setgroups, (size_t)a[0], p));
        break;
    case TARGET_NR_setsid:
        r = get_errno(setsid());
        break;
    case TARGET_NR_getsid:
        r = get_errno(getsid(a[0]));
        break;
    case TARGET_NR_setpgid:
        r = get_errno(setpgid(a[0], a[1]));
        break;
    case TARGET_NR_getpgid:
        r = get_errno(getpgid(a[0]));
        break;
    case TARGET_NR_getpriority:
        /* The raw syscall returns 20 - nice, as the guest expects. */
        r = get_errno(syscall(SYS_getpriority, (int)a[0], (int)a[1]));
        break;
    case TARGET_NR_setpriority:
        r = get_errno(setpriority(a[0], a[1], a[2]));
        break;
    case TARGET_NR_prlimit64: {
        struct rlimit *n = a[2] ? lock_user(VERIFY_READ, a[2], 16) : NULL;
        struct rlimit *o = a[3] ? lock_user(VERIFY_WRITE, a[3], 16) : NULL;
        int res = a[1];

        if ((a[2] && !n) || (a[3] && !o)) {
            r = -EFAULT;
            break;
        }
        /* Limits on memory would bind the emulator, not just the guest. */
        if (n && (res == RLIMIT_AS || res == RLIMIT_DATA ||
                  res == RLIMIT_STACK)) {
            n = NULL;
        }
        r = get_errno(prlimit(a[0], res, n, o));
        break;
    }
#ifdef TARGET_NR_getrlimit                  /* not in the ARM EABI table */
    case TARGET_NR_getrlimit:
        p = lock_user(VERIFY_WRITE, a[1], 16);
        r = p ? get_errno(getrlimit(a[0], p)) : -EFAULT;
        break;
#endif
    case TARGET_NR_setrlimit:
        p = lock_user(VERIFY_READ, a[1], 16);
        if (!p) {
            r = -EFAULT;
        } else if (a[0] == RLIMIT_AS || a[0] == RLIMIT_DATA ||
                   a[0] == RLIMIT_STACK) {
            r = 0;
        } else {
            r = get_errno(setrlimit(a[0], p));
        }
        break;
    case TARGET_NR_getrusage:
        p = lock_user(VERIFY_WRITE, a[1], sizeof(struct rusage));
        r = p ? get_errno(getrusage(a[0], p)) : -EFAULT;
        break;
    case TARGET_NR_clone:
#ifdef TARGET_CLONE_TLS_LAST
        /* x86_64 order: flags, newsp, parent_tid, child_tid, tls. */
        r = do_clone(env, a[0], a[1], a[2], a[4], a[3]);
#else
        /* AArch64 and i386 order: flags, newsp, parent_tid, tls, child_tid. */
        r = do_clone(env, a[0], a[1], a[2], a[3], a[4]);
#endif
        break;
    case TARGET_NR_clone3:
        /* glibc falls back to clone when clone3 is missing. */
        r = -ENOSYS;
        break;
    case TARGET_NR_execve: {
        static __thread char buf[PATH_MAX];
        const char *path = lock_user_string(a[0]);

        r = path ? do_execve(path_for_host(path, buf, sizeof(buf)), a[1], a[2])
                 : -EFAULT;
        break;
    }
    case TARGET_NR_execveat: {
        /* Through /proc/self/fd: the new emulator needs a path. */
        static __thread char buf[PATH_MAX], full[PATH_MAX + 64];
        const char *path = lock_user_string(a[1]);
        int n;

        if (!path) {
            r = -EFAULT;
            break;
        }
        if (a[4] & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) {
            r = -EINVAL;
            break;
        }
        if (path[0] == '/' || ((int)a[0] == AT_FDCWD && path[0])) {
            n = snprintf(full, sizeof(full), "%s", path);
        } else if (!path[0]) {
            n = (a[4] & AT_EMPTY_PATH) ?
                snprintf(full, sizeof(full), "/proc/self/fd/%d", (int)a[0]) :
                -1;
        } else {
            n = snprintf(full, sizeof(full), "/proc/self/fd/%d/%s", (int)a[0],
                         path);
        }
        if (n < 0) {
            r = -ENOENT;
        } else if ((size_t)n >= sizeof(full)) {
            r = -ENAMETOOLONG;
        } else {
            r = do_execve(path_for_host(full, buf, sizeof(buf)), a[2], a[3]);
        }
        break;
    }
    case TARGET_NR_wait4:
        p = a[1] ? lock_user(VERIFY_WRITE, a[1], 4) : NULL;
        q = a[3] ? lock_user(VERIFY_WRITE, a[3], sizeof(struct rusage)) : NULL;
        if ((a[1] && !p) || (a[3] && !q)) {
            r = -EFAULT;
            break;
        }
        r = safe_syscall4(SYS_wait4, a[0], p, a[2], q);
        break;
    case TARGET_NR_waitid:
        p = a[2] ? lock_user(VERIFY_WRITE, a[2], 128) : NULL;
        q = a[4] ? lock_user(VERIFY_WRITE, a[4], sizeof(struct rusage)) : NULL;
        if ((a[2] && !p) || (a[4] && !q)) {
            r = -EFAULT;
            break;
        }
        r = safe_syscall6(SYS_waitid, a[0], a[1], p, a[3], q, 0);
        break;
    case TARGET_NR_futex:
        r = do_futex(a[0], a[1], a[2], a[3], a[4], a[5]);
        break;
    case TARGET_NR_prctl:
        r = do_prctl(a[0], a[1], a[2], a[3], a[4]);
        break;
    case TARGET_NR_personality:
        r = get_errno(syscall(SYS_personality, (unsigned long)a[0]));
        break;
    case TARGET_NR_sched_getaffinity:
        if ((abi_long)a[1] <= 0 || a[1] > 8192) {
            r = -EINVAL;
            break;
        }
        p = lock_user(VERIFY_WRITE, a[2], a[1]);
        r = p ? get_errno(syscall(SYS_sched_getaffinity, (pid_t)a[0],
                                  (size_t)a[1], p)) : -EFAULT;
        break;
    case TARGET_NR_sched_setaffinity:
        if ((abi_long)a[1] <= 0 || a[1] > 8192) {
            r = -EINVAL;
            break;
        }
        p = lock_user(VERIFY_READ, a[2], a[1]);
        r = p ? get_errno(syscall(SYS_sched_setaffinity, (pid_t)a[0],
                                  (size_t)a[1], p)) : -EFAULT;
        break;
    case TARGET_NR_sched_getscheduler:
        r = get_errno(sched_getscheduler(a[0]));
        break;
    case TARGET_NR_sched_getparam:
        p = lock_user(VERIFY_WRITE, a[1], 4);
        r = p ? get_errno(sched_getparam(a[0], p)) : -EFAULT;
        break;
    case TARGET_NR_sched_setparam:
    case TARGET_NR_sched_setscheduler:
        p = lock_user(VERIFY_READ, num == TARGET_NR_sched_setparam ? a[1] : a[2],
                      4);
        if (!p) {
            r = -EFAULT;
        } else if (num == TARGET_NR_sched_setparam) {
            r = get_errno(sched_setparam(a[0], p));
        } else {
            r = get_errno(sched_setscheduler(a[0], a[1], p));
        }
        break;
    case TARGET_NR_sched_get_priority_max:
        r = get_errno(sched_get_priority_max(a[0]));
        break;
    case TARGET_NR_sched_get_priority_min:
        r = get_errno(sched_get_priority_min(a[0]));
        break;
    case TARGET_NR_sched_rr_get_interval:
        /* struct timespec: the host's 64-bit layout. */
        p = lock_user(VERIFY_WRITE, a[1], sizeof(struct timespec));
        r = p ? get_errno(sched_rr_get_interval(a[0], p)) : -EFAULT;
        break;
    case TARGET_NR_capget:
    case TARGET_NR_capset:
        p = lock_user(VERIFY_WRITE, a[0], 8);
        q = a[1] ? lock_user(VERIFY_WRITE, a[1], 24) : NULL;
        r = (!p || (a[1] && !q)) ? -EFAULT :
            get_errno(syscall(num == TARGET_NR_capget ? SYS_capget : SYS_capset,
                              p, q));
        break;
    case TARGET_NR_ptrace:
        /* Not emulated: tracing a guest process. */
        r = -EPERM;
        break;
    default:
        return false;
    }
    *ret = r;
    return true;
}
