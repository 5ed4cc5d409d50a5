/*
 * linux-user/arm/cpu_loop.c: running an AArch32 guest thread (qemu-arm).
 *
 * cpu_exec() runs translated code until something needs the emulator: a
 * system call (svc), a guest fault, or a request to come back
 * (EXCP_INTERRUPT: a host signal was queued).  Each case becomes what
 * the 32-bit ARM Linux kernel does for a user process, then pending
 * signals are delivered before the guest runs on.
 *
 * System calls are EABI: svc 0 with the number in r7 and arguments in
 * r0..r5.  An svc in A32 state whose immediate is in the old-ABI range
 * 0x900000..0x9fffff is an OABI call, which an EABI-only kernel refuses
 * with SIGILL; other immediates are ignored, as there.  Numbers from
 * 0xf0000 are the ARM-private calls (breakpoint, cacheflush, set_tls,
 * get_tls...), handled here since they touch the CPU state directly.
 */
#include <stdio.h>
#include <stdlib.h>

#include "qemu.h"
#include "qemu/log.h"
#include "exec/tb.h"
#include "syscall_nr.h"
#include "arm-user.h"

#ifndef TRAP_BRKPT
#define TRAP_BRKPT 1
#endif
#ifndef ILL_ILLTRP
#define ILL_ILLTRP 4
#endif

#define ARM_NR_BASE     0xf0000
#define ARM_NR_LAST     0xf07ff         /* end of the -ENOSYS range */
#define TRAP_UNDEF      6
#define TRAP_ABORT      14

__thread ArmFault arm_fault;

/*
 * cacheflush(start, end, flags): drop translations of the range.  As in
 * the kernel, flags must be 0 and some of the range must be mapped.
 */
static abi_long do_cacheflush(abi_ulong start, abi_ulong end, abi_ulong flags)
{
    uint64_t p, lo = start & TARGET_PAGE_MASK;
    uint64_t hi = TARGET_PAGE_ALIGN((uint64_t)end);

    if (flags || end < start) {
        return -EINVAL;
    }
    if (hi > reserved_va) {
        hi = reserved_va;
    }
    for (p = lo; p < hi; p += TARGET_PAGE_SIZE) {
        if (page_get_flags(p) & PAGE_VALID) {
            break;
        }
    }
    if (p >= hi) {
        return -EINVAL;
    }
    /*
     * Code written by the guest is caught by page protection already;
     * this is for code changed behind our back (shared mappings).
     */
    mmap_lock();
    tb_invalidate_phys_range(lo, hi);
    mmap_unlock();
    return 0;
}

/*
 * An ARM-private call (number in r7 >= 0xf0000).  Returns true with the
 * result in *ret, false when a signal was raised instead.
 */
static bool do_arm_private(CPUArchState *env, uint32_t nr, abi_long *ret)
{
    switch (nr) {
    case TARGET_ARM_NR_breakpoint:
        env->regs[15] -= arm_svc_len(env);
        force_sig_fault(SIGTRAP, TRAP_BRKPT, env->regs[15]);
        return false;
    case TARGET_ARM_NR_cacheflush:
        *ret = do_cacheflush(env->regs[0], env->regs[1], env->regs[2]);
        return true;
    case TARGET_ARM_NR_set_tls:
        env->tpidrro_el0 = env->regs[0];
        *ret = 0;
        return true;
    case TARGET_ARM_NR_get_tls:
        *ret = (uint32_t)env->tpidrro_el0;
        return true;
    default:
        if (nr <= ARM_NR_LAST) {
            /* usr26/usr32 and unassigned numbers of the range. */
            *ret = -ENOSYS;
            return true;
        }
        arm_fault.trap_no = TRAP_UNDEF;
        arm_fault.error_code = 0;
        force_sig_fault(SIGILL, ILL_ILLTRP,
                        env->regs[15] - arm_svc_len(env));
        return false;
    }
}

static void do_svc(CPUArchState *env)
{
    uint32_t imm = env->exception.syndrome & 0xffffff;
    uint32_t nr = env->regs[7];
    abi_long ret;

    if (!env->thumb && imm >= 0x900000 && imm <= 0x9fffff) {
        /* OABI: not supported by this (EABI) kernel. */
        arm_fault.trap_no = TRAP_UNDEF;
        arm_fault.error_code = 0;
        force_sig_fault(SIGILL, ILL_ILLTRP, env->regs[15] - 4);
        return;
    }
    if (nr >= ARM_NR_BASE && nr < 0x100000) {
        if (do_arm_private(env, nr, &ret)) {
            env->regs[0] = ret;
        }
        return;
    }
    ret = do_syscall(env, nr, env->regs[0], env->regs[1], env->regs[2],
                     env->regs[3], env->regs[4], env->regs[5]);
    if (ret == -QEMU_ERESTARTSYS) {
        /* pc points after the svc: run it again. */
        env->regs[15] -= arm_svc_len(env);
    } else if (ret != -QEMU_ESIGRETURN) {
        env->regs[0] = ret;
    }
}

void cpu_loop(CPUArchState *env)
{
    CPUState *cs = env_cpu(env);

    for (;;) {
        int trapnr;

        cpu_loop_set_in_exec(true);
        trapnr = cpu_exec(cs);
        cpu_loop_set_in_exec(false);

        switch (trapnr) {
        case EXCP_SWI:
            do_svc(env);
            break;
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case EXCP_UDEF:
            arm_fault.trap_no = TRAP_UNDEF;
            arm_fault.error_code = 0;
            force_sig_fault(SIGILL, ILL_ILLOPC, env->regs[15]);
            break;
        case EXCP_PREFETCH_ABORT:
        case EXCP_DATA_ABORT: {
            abi_ulong addr = env->exception.vaddress;
            bool mapped = page_get_flags(addr) & PAGE_VALID;

            arm_fault.trap_no = TRAP_ABORT;
            arm_fault.error_code = trapnr == EXCP_DATA_ABORT
                                   ? env->exception.syndrome
                                   : (mapped ? 0xf : 0x5);
            force_sig_fault(SIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR,
                            addr);
            break;
        }
        case EXCP_UNALIGNED:
            arm_fault.trap_no = TRAP_ABORT;
            arm_fault.error_code = 0x1;     /* FS 0b00001: alignment */
            force_sig_fault(SIGBUS, BUS_ADRALN, env->exception.vaddress);
            break;
        case EXCP_BKPT:
        case EXCP_DEBUG:
            arm_fault.trap_no = TRAP_UNDEF;
            arm_fault.error_code = 0;
            force_sig_fault(SIGTRAP, TRAP_BRKPT, env->regs[15]);
            break;
        default:
            /* An exception the engine should never return in user mode. */
            qemu_log_mask(LOG_GUEST_ERROR, "qemu: unhandled CPU exception "
                          "0x%x at pc 0x%08x\n", trapnr, env->regs[15]);
            arm_fault.trap_no = TRAP_UNDEF;
            arm_fault.error_code = 0;
            force_sig_fault(SIGILL, ILL_ILLOPC, env->regs[15]);
            break;
        }
        process_pending_signals(env);
    }
}
