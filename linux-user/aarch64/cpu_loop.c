/*
 * linux-user/aarch64/cpu_loop.c: running an AArch64 guest thread.
 *
 * cpu_exec() runs translated code until something needs the emulator:
 * a system call (SVC), a guest fault or a request to come back
 * (EXCP_INTERRUPT: a host signal was queued).  Each case becomes what
 * the Linux kernel would do for a process at EL0, then pending signals
 * are delivered before the guest runs on.
 */
#include <stdio.h>
#include <stdlib.h>

#include "qemu.h"
#include "qemu/log.h"

#ifndef TRAP_BRKPT
#define TRAP_BRKPT 1
#endif

void cpu_loop(CPUArchState *env)
{
    CPUState *cs = env_cpu(env);

    for (;;) {
        int trapnr;
        abi_long ret;

        cpu_loop_set_in_exec(true);
        trapnr = cpu_exec(cs);
        cpu_loop_set_in_exec(false);

        switch (trapnr) {
        case EXCP_SWI:
            /* pc already points after the svc. */
            ret = do_syscall(env, env->xregs[8], env->xregs[0],
                             env->xregs[1], env->xregs[2], env->xregs[3],
                             env->xregs[4], env->xregs[5]);
            if (ret == -QEMU_ERESTARTSYS) {
                env->pc -= TARGET_SVC_LEN;
            } else if (ret != -QEMU_ESIGRETURN) {
                env->xregs[0] = ret;
            }
            break;
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case EXCP_UDEF:
            env->exception.syndrome = 0;     /* EC 0: unknown reason */
            force_sig_fault(SIGILL, ILL_ILLOPC, env->pc);
            break;
        case EXCP_PREFETCH_ABORT:
        case EXCP_DATA_ABORT: {
            abi_ulong addr = env->exception.vaddress;

            force_sig_fault(SIGSEGV, page_get_flags(addr) ? SEGV_ACCERR
                                                           : SEGV_MAPERR,
                            addr);
            break;
        }
        case EXCP_UNALIGNED:
            force_sig_fault(SIGBUS, BUS_ADRALN, env->exception.vaddress);
            break;
        case EXCP_BKPT:
        case EXCP_DEBUG:
            force_sig_fault(SIGTRAP, TRAP_BRKPT, env->pc);
            break;
        default:
            /* An exception the engine should never return in user mode. */
            qemu_log_mask(LOG_GUEST_ERROR, "qemu: unhandled CPU exception "
                          "0x%x at pc 0x%" PRIx64 "\n", trapnr, env->pc);
            force_sig_fault(SIGILL, ILL_ILLOPC, env->pc);
            break;
        }
        process_pending_signals(env);
    }
}

/* AArch64 has only the generic table: no calls of its own. */
bool do_syscall_arch(CPUArchState *env, int num, abi_long *args,
                     abi_long *ret)
{
    (void)env;
    (void)num;
    (void)args;
    (void)ret;
    return false;
}
