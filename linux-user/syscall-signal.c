/*
 * linux-user/syscall-signal.c: the signal system calls (rt_sigaction,
 * rt_sigprocmask, sigaltstack, rt_sigsuspend, rt_sigtimedwait, kill,
 * tgkill, rt_sigreturn...).  The state they change lives in signal.c;
 * this file reads and writes the guest's structures.
 *
 * Guest struct sigaction (64-bit generic Linux with SA_RESTORER):
 * handler, flags, restorer, mask: four 8-byte words.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "qemu.h"
#include "syscall_nr.h"
#include "target_structs.h"

static bool get_sigset(uint64_t *set, abi_ulong addr)
{
    return get_user_u64(set, addr);
}

static sigset_t host_sigset(uint64_t set)
{
    sigset_t h;
    int sig;

    sigemptyset(&h);
    for (sig = 1; sig <= TARGET_NSIG; sig++) {
        int hs = target_to_host_signal(sig);

        if ((set & (1ull << (sig - 1))) && hs > 0) {
            sigaddset(&h, hs);
        }
    }
    return h;
}

static abi_long do_rt_sigaction(int sig, abi_ulong act, abi_ulong oact,
                                abi_ulong size)
{
    TargetSigaction n, o;
    abi_long r;

    if (size != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    /* struct sigaction: handler, flags, restorer (longs), then the
     * 8-byte mask. */
    const abi_ulong w = sizeof(abi_ulong);

    if (act) {
        if (!get_user_ual(&n.handler, act) || !get_user_ual(&n.flags, act + w) ||
            !get_user_ual(&n.restorer, act + 2 * w) ||
            !get_user_u64(&n.mask, act + 3 * w)) {
            return -EFAULT;
        }
    }
    if (oact && !lock_user(VERIFY_WRITE, oact, 3 * w + 8)) {
        return -EFAULT;
    }
    r = do_sigaction(sig, act ? &n : NULL, oact ? &o : NULL);
    if (r == 0 && oact) {
        put_user_ual(o.handler, oact);
        put_user_ual(o.flags, oact + w);
        put_user_ual(o.restorer, oact + 2 * w);
        put_user_u64(o.mask, oact + 3 * w);
    }
    return r;
}

static abi_long do_rt_sigprocmask(int how, abi_ulong set, abi_ulong oset,
                                  abi_ulong size)
{
    uint64_t n, o;
    abi_long r;

    if (size != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    if (set && !get_sigset(&n, set)) {
        return -EFAULT;
    }
    if (oset && !lock_user(VERIFY_WRITE, oset, 8)) {
        return -EFAULT;
    }
    r = do_sigprocmask(how, set ? &n : NULL, &o);
    if (r == 0 && oset) {
        put_user_u64(o, oset);
    }
    return r;
}

/* Wait, with the guest mask temporarily set, until a signal is queued. */
static abi_long do_rt_sigsuspend(abi_ulong set, abi_ulong size)
{
    TaskState *ts = thread_ts;
    uint64_t n;
    sigset_t all, none;

    if (size != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    if (!get_sigset(&n, set)) {
        return -EFAULT;
    }
    ts->saved_sigmask = ts->sigmask;
    ts->sigmask = n & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    ts->in_sigsuspend = true;
    sigfillset(&all);
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    for (;;) {
        int sig;
        bool found = false;

        for (sig = 1; sig <= TARGET_NSIG; sig++) {
            if (ts->sigtab[sig].pending &&
                !(ts->sigmask & (1ull << (sig - 1)))) {
                found = true;
                break;
            }
        }
        if (found) {
            break;
        }
        sigsuspend(&none);
    }
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    ts->signal_pending = 1;
    return -EINTR;
}

static abi_long do_rt_sigtimedwait(abi_ulong set, abi_ulong uinfo,
                                   abi_ulong uts, abi_ulong size)
{
    TaskState *ts = thread_ts;
    uint64_t n;
    sigset_t hs, all, none;
    siginfo_t hinfo;
    struct timespec *tsp = NULL;
    TargetSigInfo info;
    int sig, r;

    if (size != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    if (!get_sigset(&n, set)) {
        return -EFAULT;
    }
    if (uts && !(tsp = lock_user(VERIFY_READ, uts, 16))) {
        return -EFAULT;
    }
    if (uinfo && !lock_user(VERIFY_WRITE, uinfo, 128)) {
        return -EFAULT;
    }
    sigfillset(&all);
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    for (sig = 1; sig <= TARGET_NSIG; sig++) {
        if ((n & (1ull << (sig - 1))) && sigtab_take(ts, sig, &info)) {
            pthread_sigmask(SIG_SETMASK, &none, NULL);
            goto got;
        }
    }
    hs = host_sigset(n);
    r = sigtimedwait(&hs, &hinfo, tsp);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    if (r < 0) {
        return -errno;
    }
    host_to_target_siginfo(&info, &hinfo);
    sig = info.si_signo;
got:
    if (uinfo) {
        memcpy(lock_user(VERIFY_WRITE, uinfo, 128), &info, 128);
    }
    return sig;
}

/* kill/tgkill: guest-only signals (32, 33) reach only our own threads. */
static abi_long do_kill(int num, abi_long a0, abi_long a1, abi_long a2)
{
    int sig = num == TARGET_NR_kill ? a1 : num == TARGET_NR_tkill ? a1 : a2;
    int hs = sig ? target_to_host_signal(sig) : 0;

    if (sig < 0 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (hs < 0) {
        pid_t target = num == TARGET_NR_tgkill ? a1 : a0;
        TaskState *t;
        TargetSigInfo info;

        memset(&info, 0, sizeof(info));
        info.si_signo = sig;
        info.si_code = num == TARGET_NR_kill ? SI_USER : SI_TKILL;
        pthread_mutex_lock(&thread_list_lock);
        for (t = thread_list; t; t = t->next) {
            if ((num == TARGET_NR_kill && target == getpid()) ||
                t->tid == target) {
                queue_signal(t, sig, &info);
                break;
            }
        }
        pthread_mutex_unlock(&thread_list_lock);
        return t ? 0 : -EINVAL;
    }
    switch (num) {
    case TARGET_NR_kill:
        return get_errno(kill(a0, hs));
    case TARGET_NR_tkill:
        return get_errno(syscall(SYS_tkill, (int)a0, hs));
    default:
        return get_errno(syscall(SYS_tgkill, (int)a0, (int)a1, hs));
    }
}

bool do_syscall_signal(CPUArchState *env, int num, abi_long *a,
                       abi_long *ret)
{
    abi_long r;

    switch (num) {
    case TARGET_NR_rt_sigaction:
        r = do_rt_sigaction(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_rt_sigprocmask:
        r = do_rt_sigprocmask(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_rt_sigpending: {
        TaskState *ts = thread_ts;
        uint64_t set = 0;
        int sig;

        for (sig = 1; sig <= TARGET_NSIG; sig++) {
            if (ts->sigtab[sig].pending) {
                set |= 1ull << (sig - 1);
            }
        }
        r = put_user_u64(set & ts->sigmask, a[0]) ? 0 : -EFAULT;
        break;
    }
    case TARGET_NR_rt_sigsuspend:
        r = do_rt_sigsuspend(a[0], a[1]);
        break;
    case TARGET_NR_rt_sigtimedwait:
        r = do_rt_sigtimedwait(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_rt_sigreturn:
        r = target_rt_sigreturn(env);
        break;
    case TARGET_NR_sigaltstack:
        r = do_sigaltstack(a[0], a[1], target_get_sp(env));
        break;
    case TARGET_NR_kill:
    case TARGET_NR_tkill:
    case TARGET_NR_tgkill:
        r = do_kill(num, a[0], a[1], a[2]);
        break;
    case TARGET_NR_rt_sigqueueinfo:
    case TARGET_NR_rt_tgsigqueueinfo: {
        bool tg = num == TARGET_NR_rt_tgsigqueueinfo;
        int sig = tg ? a[2] : a[1];
        int hs = target_to_host_signal(sig);
        void *info = lock_user(VERIFY_READ, tg ? a[3] : a[2], 128);

        if (!info) {
            r = -EFAULT;
        } else if (hs < 0) {
            r = -EINVAL;
        } else if (tg) {
            r = get_errno(syscall(SYS_rt_tgsigqueueinfo, (int)a[0], (int)a[1],
                                  hs, info));
        } else {
            r = get_errno(syscall(SYS_rt_sigqueueinfo, (int)a[0], hs, info));
        }
        break;
    }
    case TARGET_NR_signalfd4: {
        uint64_t set;
        sigset_t hs;

        /* Not emulated fully: the signals must also be blocked on the
         * host for the kernel to route them to the descriptor. */
        if (a[2] != TARGET_SIGSET_SIZE) {
            r = -EINVAL;
        } else if (!get_sigset(&set, a[1])) {
            r = -EFAULT;
        } else {
            hs = host_sigset(set);
            r = get_errno(signalfd(a[0], &hs,
                                   target_to_host_open_flags(a[3])));
        }
        break;
    }
    default:
        return false;
    }
    *ret = r;
    return true;
}
