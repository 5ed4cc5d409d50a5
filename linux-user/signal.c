/*
 * linux-user/signal.c: guest signals on top of host signals.
 *
 * Dispositions: where the guest asks for SIG_DFL or SIG_IGN, the host
 * disposition is set the same, so the kernel itself terminates, stops or
 * ignores (and exec inherits ignored signals) exactly as for a native
 * program.  Where the guest installs a handler, the host handler below
 * queues the signal on the guest thread that received it and asks that
 * CPU to leave generated code (cpu_exit); the cpu loop then calls
 * process_pending_signals(), which builds the target's signal frame
 * (<arch>/signal.c) and points the CPU at the guest handler.  The guest's
 * blocked set is kept per thread here; host signals stay unblocked and a
 * signal the guest blocks just waits in the queue.
 *
 * SIGSEGV and SIGBUS always have our handler: a write to a page holding
 * translated code is self-modifying code (mmap.c), a fault in generated
 * code is a guest fault, made precise with cpu_restore_state() and
 * delivered as a synchronous signal.
 *
 * Guest signals 32 and 33 are the host C library's own; they cannot be
 * mapped to host signals and only reach threads of this process
 * (kill/tgkill to ourselves are queued directly).
 *
 * Blocking host calls go through safe_syscall() (safe-syscall.c), so a
 * signal that arrives just before such a call starts makes it return at
 * once and the guest's call is restarted after the handler; one that
 * arrives during it interrupts it (our handlers have no SA_RESTART) and
 * the syscall layer returns EINTR or restarts as signal(7) says.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "qemu.h"
#include "qemu/log.h"

TargetSigaction sigact_table[TARGET_NSIG + 1];
static __thread volatile bool in_guest_exec;

#define SIGBIT(s) (1ull << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

void cpu_loop_set_in_exec(bool on)
{
    in_guest_exec = on;
}

int target_to_host_signal(int sig)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return -1;
    }
    if (sig == 32 || sig == 33) {
        return -1;
    }
    return sig;
}

int host_to_target_signal(int sig)
{
    return (sig >= 1 && sig <= TARGET_NSIG && sig != 32 && sig != 33) ? sig
                                                                       : -1;
}

void host_to_target_siginfo(TargetSigInfo *t, const siginfo_t *h)
{
    /* The 64-bit Linux siginfo layout is shared by host and target. */
    memcpy(t, h, sizeof(*t) < sizeof(*h) ? sizeof(*t) : sizeof(*h));
    t->si_signo = host_to_target_signal(h->si_signo);
}

static bool default_ignored(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
           sig == SIGCONT;
}

/* ------------------------------------------------------------ queueing */

void queue_signal(TaskState *ts, int sig, const TargetSigInfo *info)
{
    if (sig < 1 || sig > TARGET_NSIG || !ts) {
        return;
    }
    if (sig < TARGET_SIGRTMIN || !ts->sigtab[sig].pending) {
        ts->sigtab[sig].head = 0;
        ts->sigtab[sig].count = 1;
        ts->sigtab[sig].info[0] = *info;
    } else if (ts->sigtab[sig].count < SIGQUEUE_RT) {
        int slot = (ts->sigtab[sig].head + ts->sigtab[sig].count++) %
                   SIGQUEUE_RT;

        ts->sigtab[sig].info[slot] = *info;
    }
    ts->sigtab[sig].pending = true;
    __atomic_store_n(&ts->signal_pending, 1, __ATOMIC_SEQ_CST);
    cpu_exit(env_cpu(ts->env));
}

bool sigtab_take(TaskState *ts, int sig, TargetSigInfo *info)
{
    if (!ts->sigtab[sig].pending || ts->sigtab[sig].count == 0) {
        ts->sigtab[sig].pending = false;
        return false;
    }
    *info = ts->sigtab[sig].info[ts->sigtab[sig].head];
    ts->sigtab[sig].head = (ts->sigtab[sig].head + 1) % SIGQUEUE_RT;
    if (--ts->sigtab[sig].count == 0) {
        ts->sigtab[sig].pending = false;
    }
    return true;
}

void force_sig_fault(int sig, int code, abi_ulong addr)
{
    TaskState *ts = thread_ts;

    memset(&ts->sync_info, 0, sizeof(ts->sync_info));
    ts->sync_info.si_signo = sig;
    ts->sync_info.si_code = code;
    memcpy(ts->sync_info.u.raw, &addr, sizeof(addr));
    target_set_fault_addr(ts->env, addr);
    ts->sync_pending = true;
    ts->signal_pending = 1;
}

/* The lowest pending signal not blocked by mask, or 0. */
static int next_deliverable(TaskState *ts, uint64_t mask)
{
    int sig;

    for (sig = 1; sig <= TARGET_NSIG; sig++) {
        if (ts->sigtab[sig].pending && !(mask & SIGBIT(sig))) {
            return sig;
        }
    }
    return 0;
}

bool signal_restart_wanted(bool sa_restart_applies)
{
    TaskState *ts = thread_ts;
    int sig = next_deliverable(ts, ts->sigmask);

    /* No handler will run: the guest must not see the interruption. */
    if (sig == 0) {
        return true;
    }
    return sa_restart_applies && (sigact_table[sig].flags & TARGET_SA_RESTART);
}

/* ---------------------------------------------------------------- death */

void dump_and_die(int sig)
{
    int hsig = target_to_host_signal(sig);
    struct rlimit nocore = { 0, 0 };
    struct sigaction sa;
    sigset_t set;

    preexit_cleanup(128 + sig);
    if (hsig < 0) {
        hsig = SIGKILL;
    }
    setrlimit(RLIMIT_CORE, &nocore);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(hsig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, hsig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), hsig);
    syscall(SYS_tgkill, getpid(), gettid(), hsig);
    /* A signal whose default is to stop or ignore: exit as if killed. */
    _exit(128 + sig);
}

/* ------------------------------------------------------------- delivery */

static void deliver_signal(CPUArchState *env, int sig,
                           const TargetSigInfo *info, bool sync)
{
    TaskState *ts = thread_ts;
    TargetSigaction *ka = &sigact_table[sig];
    uint64_t old_mask;

    if (qemu_loglevel_mask(LOG_STRACE)) {
        qemu_log("--- SIG%d (si_code=%d) ---\n", sig, info->si_code);
    }
    if (ka->handler == TARGET_SIG_DFL || ka->handler == TARGET_SIG_IGN) {
        if (sync || (ka->handler == TARGET_SIG_DFL && !default_ignored(sig))) {
            if (ka->handler == TARGET_SIG_DFL &&
                (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) &&
                !sync) {
                kill(getpid(), SIGSTOP);
                return;
            }
            dump_and_die(sig);
        }
        return;
    }
    if (sync && (ts->sigmask & SIGBIT(sig))) {
        /* A blocked synchronous fault kills, as on Linux. */
        dump_and_die(sig);
    }
    old_mask = ts->in_sigsuspend ? ts->saved_sigmask : ts->sigmask;
    ts->in_sigsuspend = false;
    target_setup_rt_frame(env, sig, ka, info, old_mask);
    ts->sigmask |= ka->mask & ~UNBLOCKABLE;
    if (!(ka->flags & TARGET_SA_NODEFER)) {
        ts->sigmask |= SIGBIT(sig);
    }
    if (ka->flags & TARGET_SA_RESETHAND) {
        do_sigaction(sig, &(TargetSigaction){ .handler = TARGET_SIG_DFL },
                     NULL);
    }
}

void process_pending_signals(CPUArchState *env)
{
    TaskState *ts = thread_ts;
    sigset_t all, old;
    int sig;

    if (!ts->signal_pending && !ts->in_sigsuspend) {
        return;
    }
    /* The host handler must not change the queue under our feet. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    while (ts->signal_pending) {
        ts->signal_pending = 0;
        if (ts->sync_pending) {
            TargetSigInfo info = ts->sync_info;

            ts->sync_pending = false;
            deliver_signal(env, info.si_signo, &info, true);
            continue;
        }
        sig = next_deliverable(ts, ts->sigmask);
        if (sig) {
            TargetSigInfo info;

            if (sigtab_take(ts, sig, &info)) {
                deliver_signal(env, sig, &info, false);
            }
            ts->signal_pending = 1;    /* look again: there may be more */
        }
    }
    if (ts->in_sigsuspend) {
        ts->sigmask = ts->saved_sigmask;
        ts->in_sigsuspend = false;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* --------------------------------------------------------- host handler */

static void host_signal_handler(int hsig, siginfo_t *hinfo, void *puc)
{
    ucontext_t *uc = puc;
    TaskState *ts = thread_ts;
    TargetSigInfo info;
    int sig;

    if ((hsig == SIGSEGV || hsig == SIGBUS) && hinfo->si_code > 0) {
        uintptr_t host_pc = uc->uc_mcontext.gregs[REG_RIP];
        uintptr_t host_addr = (uintptr_t)hinfo->si_addr;
        bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
        uintptr_t gb = tcg_ctx->guest_base;
        bool in_space = host_addr >= gb && host_addr - gb < reserved_va;
        bool in_code;
        CPUState *cs;
        abi_ulong addr;
        sigset_t set;

        if (hsig == SIGSEGV && handle_smc_fault(host_addr, is_write)) {
            return;
        }
        if (ts && !in_guest_exec && ts->in_syscall && in_space) {
            set = uc->uc_sigmask;
            sigdelset(&set, hsig);
            pthread_sigmask(SIG_SETMASK, &set, NULL);
            ts->in_syscall = false;
            siglongjmp(ts->syscall_jmp, 1);
        }
        if (!ts || !in_guest_exec) {
            goto host_bug;
        }
        cs = env_cpu(ts->env);
        /* Only generated code can be mapped back to a guest pc; other
         * code (a helper, the translator) may hold the translation lock
         * that the lookup needs. */
        in_code = host_pc - (uintptr_t)tcg_ctx->code_gen_buffer <
                  tcg_ctx->code_gen_buffer_size;
        if (!(in_code && cpu_restore_state(cs, host_pc + 1)) && !in_space) {
            goto host_bug;
        }
        addr = in_space ? host_addr - gb : 0;
        if (hsig == SIGSEGV) {
            force_sig_fault(SIGSEGV, page_get_flags(addr) ? SEGV_ACCERR
                                                           : SEGV_MAPERR,
                            addr);
            /* What the CPU would have recorded (syndrome, cr2...). */
            target_record_fault(ts->env, addr, is_write,
                                page_get_flags(addr) != 0, in_space);
        } else {
            force_sig_fault(SIGBUS, BUS_ADRERR, addr);
        }
        /* Leaving by longjmp: put back the mask the handler replaced. */
        set = uc->uc_sigmask;
        sigdelset(&set, hsig);
        pthread_sigmask(SIG_SETMASK, &set, NULL);
        in_guest_exec = false;
        cs->exception_index = EXCP_INTERRUPT;
        cpu_loop_exit(cs);

    host_bug:
        /* A fault in the emulator itself: let it crash visibly. */
        signal(hsig, SIG_DFL);
        return;
    }

    sig = host_to_target_signal(hsig);
    if (sig < 0) {
        return;
    }
    host_to_target_siginfo(&info, hinfo);
    if (!ts) {
        queue_signal(thread_list, sig, &info);
        return;
    }
    queue_signal(ts, sig, &info);
    /* Interrupted just before a blocking call: make it return at once. */
    safe_syscall_fixup(puc);
}

/* Make the host disposition follow the guest's. */
static void set_host_action(int sig)
{
    int hsig = target_to_host_signal(sig);
    struct sigaction sa;

    if (hsig < 0 || hsig == SIGKILL || hsig == SIGSTOP) {
        return;
    }
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    if (hsig == SIGSEGV || hsig == SIGBUS) {
        sa.sa_sigaction = host_signal_handler;
        sa.sa_flags = SA_SIGINFO;
    } else if (sigact_table[sig].handler == TARGET_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else if (sigact_table[sig].handler == TARGET_SIG_DFL &&
               (default_ignored(sig) || hsig == SIGTSTP || hsig == SIGTTIN ||
                hsig == SIGTTOU)) {
        sa.sa_handler = SIG_DFL;
    } else {
        /*
         * A handler, or a default action that ends the process: queued
         * like any signal, so that a guest that blocks it finds it
         * pending (sigtimedwait, sigpending) instead of dying; the
         * delivery then carries the default action out.
         */
        sa.sa_sigaction = host_signal_handler;
        sa.sa_flags = SA_SIGINFO;
    }
    /* What the kernel does with children is the host kernel's job. */
    if (hsig == SIGCHLD) {
        if (sigact_table[sig].flags & TARGET_SA_NOCLDSTOP) {
            sa.sa_flags |= SA_NOCLDSTOP;
        }
        if (sigact_table[sig].flags & TARGET_SA_NOCLDWAIT) {
            sa.sa_flags |= SA_NOCLDWAIT;
        }
    }
    sigaction(hsig, &sa, NULL);
}

void signal_init(void)
{
    int sig;
    sigset_t none, inherited;

    /* The blocked set survives execve: it becomes the guest's. */
    pthread_sigmask(SIG_SETMASK, NULL, &inherited);
    for (sig = 1; sig <= TARGET_NSIG; sig++) {
        int hsig = target_to_host_signal(sig);

        if (hsig > 0 && sigismember(&inherited, hsig) &&
            sig != SIGKILL && sig != SIGSTOP) {
            thread_ts->sigmask |= SIGBIT(sig);
        }
    }
    for (sig = 1; sig <= TARGET_NSIG; sig++) {
        int hsig = target_to_host_signal(sig);
        struct sigaction old;

        sigact_table[sig].handler = TARGET_SIG_DFL;
        if (hsig > 0 && sigaction(hsig, NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN) {
            sigact_table[sig].handler = TARGET_SIG_IGN;
        }
        set_host_action(sig);
    }
    /* The guest inherits our blocked set; we keep host signals open. */
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    target_signal_init();
}

/* -------------------------------------------------- syscall back-ends */

abi_long do_sigaction(int sig, const TargetSigaction *act,
                      TargetSigaction *oact)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -EINVAL;
    }
    if (oact) {
        *oact = sigact_table[sig];
    }
    if (act) {
        sigact_table[sig] = *act;
        sigact_table[sig].mask &= ~UNBLOCKABLE;
        set_host_action(sig);
    }
    return 0;
}

abi_long do_sigprocmask(int how, const uint64_t *set, uint64_t *old)
{
    TaskState *ts = thread_ts;

    if (old) {
        *old = ts->sigmask;
    }
    if (!set) {
        return 0;
    }
    switch (how) {
    case SIG_BLOCK:
        ts->sigmask |= *set;
        break;
    case SIG_UNBLOCK:
        ts->sigmask &= ~*set;
        break;
    case SIG_SETMASK:
        ts->sigmask = *set;
        break;
    default:
        return -EINVAL;
    }
    ts->sigmask &= ~UNBLOCKABLE;
    if (next_deliverable(ts, ts->sigmask)) {
        ts->signal_pending = 1;
    }
    return 0;
}

bool on_sig_stack(abi_ulong sp)
{
    TaskState *ts = thread_ts;

    return ts->ss_size && sp > ts->ss_sp && sp - ts->ss_sp <= ts->ss_size;
}

abi_long do_sigaltstack(abi_ulong uss, abi_ulong uoss, abi_ulong sp)
{
    TaskState *ts = thread_ts;
    /* stack_t: ss_sp (long), ss_flags (int, padded to a long), ss_size. */
    const abi_ulong w = sizeof(abi_ulong);
    abi_ulong ss_sp, ss_size;
    uint32_t ss_flags;

    if (uoss) {
        if (!lock_user(VERIFY_WRITE, uoss, 3 * w)) {
            return -EFAULT;
        }
    }
    if (uss) {
        if (!get_user_ual(&ss_sp, uss) || !get_user_u32(&ss_flags, uss + w) ||
            !get_user_ual(&ss_size, uss + 2 * w)) {
            return -EFAULT;
        }
        if (on_sig_stack(sp)) {
            return -EPERM;
        }
        ss_flags &= ~(1u << 31);        /* SS_AUTODISARM */
        if (ss_flags != TARGET_SS_DISABLE && ss_flags != TARGET_SS_ONSTACK &&
            ss_flags != 0) {
            return -EINVAL;
        }
    }
    if (uoss) {
        put_user_ual(ts->ss_sp, uoss);
        put_user_ual(on_sig_stack(sp) ? TARGET_SS_ONSTACK :
                     (ts->ss_size ? 0 : TARGET_SS_DISABLE), uoss + w);
        put_user_ual(ts->ss_size, uoss + 2 * w);
    }
    if (uss) {
        if (ss_flags == TARGET_SS_DISABLE) {
            ts->ss_sp = 0;
            ts->ss_size = 0;
        } else {
            if (ss_size < TARGET_MINSIGSTKSZ) {
                return -ENOMEM;
            }
            ts->ss_sp = ss_sp;
            ts->ss_size = ss_size;
        }
    }
    return 0;
}
