/*
 * linux-user/x86-common/cpu_loop.c: running an x86 guest thread (both
 * qemu-x86_64 and qemu-i386).
 *
 * cpu_exec() returns the x86 vector of a fault, EXCP_SYSCALL for
 * syscall/sysenter, EXCP_INT for int n, or EXCP_INTERRUPT when a host
 * signal wants delivering.  Each becomes what Linux does for a user
 * process: a system call (syscall in 64-bit code, int $0x80 in 32-bit
 * code), or the signal the kernel's trap handlers send, with the
 * kernel's si_code and the trap number / error code / cr2 that the
 * signal frame reports.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "qemu.h"
#include "qemu/log.h"
#include "syscall_nr.h"
#include "x86-common/x86-user.h"

#ifndef TRAP_BRKPT
#define TRAP_BRKPT 1
#endif
#ifndef TRAP_TRACE
#define TRAP_TRACE 2
#endif

__thread X86FaultInfo x86_fault;

void x86_cpu_init_regs(CPUArchState *env, uint64_t entry, uint64_t sp)
{
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_ESP] = sp;
    env->eip = entry;
    /* EFLAGS = IF only (0x202 with the always-one bit). */
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = 0;
    env->cc_dst = 0;
    env->df = 1;
    env->eflags = IF_MASK;
    cpu_set_fpuc(env, 0x37f);
    cpu_set_mxcsr(env, 0x1f80);
    x86_gdt_init(env);      /* 64-bit processes can far-jump to 0x23 too */
}

void target_record_fault(CPUArchState *env, uint64_t addr, bool is_write,
                         bool present, bool in_space)
{
    if (!in_space) {
        x86_fault.trapno = EXCP0D_GPF;
        x86_fault.err = 0;
        force_sig_fault(SIGSEGV, SI_KERNEL, 0);
        return;
    }
    env->cr2 = addr;
    env->error_code = (present ? 1 : 0) | (is_write ? 2 : 0) | 4;
    x86_fault.trapno = EXCP0E_PAGE;
    x86_fault.err = env->error_code;
    x86_fault.cr2 = addr;
}

/* The trap as the kernel records it, and its signal. */
static void x86_trap_signal(CPUArchState *env, int trapno, int err, int sig,
                            int code, abi_ulong addr)
{
    x86_fault.trapno = trapno;
    x86_fault.err = err;
    force_sig_fault(sig, code, addr);
}

int x86_fpe_code(CPUArchState *env, bool sse)
{
    unsigned st, mask;

    if (sse) {
        st = env->mxcsr & 0x3f;
        mask = (env->mxcsr >> 7) & 0x3f;
    } else {
        st = cpu_get_fpus(env) & 0x3f;
        mask = env->fpuc & 0x3f;
    }
    st &= ~mask;
    /* The kernel's order of precedence (math_error()). */
    if (st & 0x01) {
        return FPE_FLTINV;
    }
    if (st & 0x04) {
        return FPE_FLTDIV;
    }
    if (st & 0x08) {
        return FPE_FLTOVF;
    }
    if (st & 0x12) {
        return FPE_FLTUND;
    }
    if (st & 0x20) {
        return FPE_FLTRES;
    }
    return 0;
}

#if TARGET_X86_LM
/*
 * The legacy vsyscall page: a call to 0xffffffffff600000 (gettimeofday),
 * ...400 (time) or ...800 (getcpu) faults on the instruction fetch; do
 * the call and return to the caller, as the kernel's emulation does.
 */
#define VSYSCALL_ADDR 0xffffffffff600000ull

static bool x86_vsyscall(CPUArchState *env)
{
    uint64_t off = env->eip - VSYSCALL_ADDR;
    static const int nr[3] = {
        TARGET_NR_gettimeofday, TARGET_NR_time, TARGET_NR_getcpu
    };
    abi_ulong ret_addr;
    abi_long r;

    if (env->cr2 != env->eip || off >= TARGET_PAGE_SIZE) {
        return false;
    }
    if ((off & 0x3ff) || off / 0x400 > 2) {
        x86_trap_signal(env, EXCP0E_PAGE, 0x15, SIGSEGV, SEGV_MAPERR,
                        env->eip);
        return true;
    }
    if (!get_user_u64(&ret_addr, env->regs[R_ESP])) {
        x86_trap_signal(env, EXCP0E_PAGE, 0x5, SIGSEGV, SEGV_MAPERR,
                        env->regs[R_ESP]);
        return true;
    }
    r = do_syscall(env, nr[off / 0x400], env->regs[R_EDI], env->regs[R_ESI],
                   env->regs[R_EDX], 0, 0, 0);
    if (r == -EFAULT) {
        force_sig_fault(SIGSEGV, SEGV_MAPERR, 0);
        return true;
    }
    env->regs[R_EAX] = r;
    env->eip = ret_addr;
    env->regs[R_ESP] += 8;
    return true;
}

/* syscall: rax = number, rdi rsi rdx r10 r8 r9; rcx/r11 clobbered. */
static void x86_do_syscall64(CPUArchState *env)
{
    abi_long ret;

    env->regs[R_ECX] = env->eip;
    env->regs[11] = cpu_compute_eflags(env);
    ret = do_syscall(env, env->regs[R_EAX], env->regs[R_EDI],
                     env->regs[R_ESI], env->regs[R_EDX], env->regs[10],
                     env->regs[8], env->regs[9]);
    if (ret == -QEMU_ERESTARTSYS) {
        env->eip -= TARGET_SVC_LEN;
    } else if (ret != -QEMU_ESIGRETURN) {
        env->regs[R_EAX] = ret;
    }
}
#endif

#if TARGET_X86_LM
/*
 * int $0x80 in a 64-bit process enters the kernel's 32-bit table.  The
 * calls whose arguments are plain integers and pointers (so no 32-bit
 * structure is involved) are mapped to their x86_64 numbers; the rest
 * return ENOSYS.  Pointers must lie below 4 GiB, as for the kernel.
 */
static const struct {
    uint16_t nr32, nr64;
} x86_int80_calls[] = {
    { 1, TARGET_NR_exit }, { 3, TARGET_NR_read }, { 4, TARGET_NR_write },
    { 5, TARGET_NR_open }, { 6, TARGET_NR_close }, { 10, TARGET_NR_unlink },
    { 12, TARGET_NR_chdir }, { 20, TARGET_NR_getpid },
    { 33, TARGET_NR_access }, { 37, TARGET_NR_kill },
    { 38, TARGET_NR_rename }, { 39, TARGET_NR_mkdir },
    { 40, TARGET_NR_rmdir }, { 41, TARGET_NR_dup }, { 45, TARGET_NR_brk },
    { 63, TARGET_NR_dup2 }, { 64, TARGET_NR_getppid },
    { 91, TARGET_NR_munmap }, { 125, TARGET_NR_mprotect },
    { 158, TARGET_NR_sched_yield }, { 199, TARGET_NR_getuid },
    { 200, TARGET_NR_getgid }, { 201, TARGET_NR_geteuid },
    { 202, TARGET_NR_getegid }, { 224, TARGET_NR_gettid },
    { 252, TARGET_NR_exit_group },
    { 8, TARGET_NR_creat }, { 9, TARGET_NR_link }, { 15, TARGET_NR_chmod },
    { 27, TARGET_NR_alarm }, { 29, TARGET_NR_pause },
    { 42, TARGET_NR_pipe }, { 57, TARGET_NR_setpgid },
    { 60, TARGET_NR_umask }, { 65, TARGET_NR_getpgrp },
    { 66, TARGET_NR_setsid }, { 83, TARGET_NR_symlink },
    { 85, TARGET_NR_readlink }, { 94, TARGET_NR_fchmod },
    { 118, TARGET_NR_fsync }, { 132, TARGET_NR_getpgid },
    { 133, TARGET_NR_fchdir }, { 143, TARGET_NR_flock },
    { 147, TARGET_NR_getsid }, { 148, TARGET_NR_fdatasync },
    { 183, TARGET_NR_getcwd }, { 198, TARGET_NR_lchown },
    { 207, TARGET_NR_fchown }, { 212, TARGET_NR_chown },
    { 213, TARGET_NR_setuid }, { 214, TARGET_NR_setgid },
    { 219, TARGET_NR_madvise }, { 238, TARGET_NR_tkill },
    { 270, TARGET_NR_tgkill }, { 295, TARGET_NR_openat },
    { 296, TARGET_NR_mkdirat }, { 301, TARGET_NR_unlinkat },
    { 302, TARGET_NR_renameat }, { 303, TARGET_NR_linkat },
    { 304, TARGET_NR_symlinkat }, { 305, TARGET_NR_readlinkat },
    { 306, TARGET_NR_fchmodat }, { 307, TARGET_NR_faccessat },
    { 330, TARGET_NR_dup3 }, { 331, TARGET_NR_pipe2 },
    { 355, TARGET_NR_getrandom }, { 356, TARGET_NR_memfd_create },
};
#endif

void x86_do_int80(CPUArchState *env)
{
#if TARGET_X86_LM
    uint32_t nr = env->regs[R_EAX];
    abi_long ret = -ENOSYS;
    size_t i;

    for (i = 0; i < sizeof(x86_int80_calls) / sizeof(x86_int80_calls[0]);
         i++) {
        if (x86_int80_calls[i].nr32 == nr) {
            ret = do_syscall(env, x86_int80_calls[i].nr64,
                             (uint32_t)env->regs[R_EBX],
                             (uint32_t)env->regs[R_ECX],
                             (uint32_t)env->regs[R_EDX],
                             (uint32_t)env->regs[R_ESI],
                             (uint32_t)env->regs[R_EDI],
                             (uint32_t)env->regs[R_EBP]);
            break;
        }
    }
    if (ret == -QEMU_ERESTARTSYS) {
        env->eip -= TARGET_SVC_LEN;
    } else if (ret != -QEMU_ESIGRETURN) {
        /* The 32-bit entry returns a 32-bit value, sign-extended. */
        env->regs[R_EAX] = (int64_t)(int32_t)ret;
    }
#else
    abi_long ret;

    ret = do_syscall(env, (uint32_t)env->regs[R_EAX],
                     (uint32_t)env->regs[R_EBX], (uint32_t)env->regs[R_ECX],
                     (uint32_t)env->regs[R_EDX], (uint32_t)env->regs[R_ESI],
                     (uint32_t)env->regs[R_EDI], (uint32_t)env->regs[R_EBP]);
    if (ret == -QEMU_ERESTARTSYS) {
        env->eip -= TARGET_SVC_LEN;
    } else if (ret != -QEMU_ESIGRETURN) {
        env->regs[R_EAX] = (uint32_t)ret;
    }
#endif
}

#if !TARGET_X86_LM
/*
 * sysenter, as the kernel's fast system call entry takes it: the vDSO's
 * __kernel_vsyscall pushed ecx, edx, ebp and copied esp to ebp, so the
 * sixth argument is the saved ebp at [ebp]; the call returns to the
 * vDSO's landing point with esp = ebp, wherever the sysenter was (a
 * restarted call re-executes the int $0x80 just before the landing).
 */
static void x86_do_sysenter(CPUArchState *env)
{
    uint32_t arg6;

    env->eip = x86_vdso_landing;
    env->regs[R_ESP] = (uint32_t)env->regs[R_EBP];
    if (!get_user_u32(&arg6, env->regs[R_ESP])) {
        env->regs[R_EAX] = (uint32_t)-EFAULT;
        return;
    }
    env->regs[R_EBP] = arg6;
    x86_do_int80(env);
}
#endif

void cpu_loop(CPUArchState *env)
{
    CPUState *cs = env_cpu(env);

    for (;;) {
        int trapnr;

        cpu_loop_set_in_exec(true);
        trapnr = cpu_exec(cs);
        cpu_loop_set_in_exec(false);

#if !TARGET_X86_LM
        /* vm86 mode: the kernel's vm86 monitor sees the trap first. */
        if ((env->eflags & VM_MASK) && x86_vm86_exception(env, trapnr)) {
            process_pending_signals(env);
            continue;
        }
#endif
        switch (trapnr) {
        case EXCP_SYSCALL:
#if TARGET_X86_LM
            if (env->hflags & HF_CS64_MASK) {
                x86_do_syscall64(env);
                break;
            }
#endif
#if !TARGET_X86_LM
            if (x86_vdso_landing) {
                x86_do_sysenter(env);
                break;
            }
#endif
            /* no vDSO to return through (a 32-bit far jump of a 64-bit
             * process) */
            x86_trap_signal(env, EXCP0D_GPF, 0, SIGSEGV, SI_KERNEL, 0);
            break;
        case EXCP_INT:
            if (env->error_code == 0x80) {
                x86_do_int80(env);
            } else {
                /* int n through a gate of DPL 0: #GP(n << 3 | 2). */
                x86_trap_signal(env, EXCP0D_GPF, (env->error_code << 3) | 2,
                                SIGSEGV, SI_KERNEL, 0);
            }
            break;
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_HLT:
        case EXCP_HALTED:
        case EXCP_DEBUG:
            break;
        case EXCP00_DIVZ:
            x86_trap_signal(env, trapnr, 0, SIGFPE, FPE_INTDIV, env->eip);
            break;
        case EXCP01_DB:
            x86_trap_signal(env, trapnr, 0, SIGTRAP, TRAP_TRACE, env->eip);
            break;
        case EXCP03_INT3:
            /* eip is already after the int3. */
            x86_trap_signal(env, trapnr, 0, SIGTRAP, SI_KERNEL, 0);
            break;
        case EXCP04_INTO:
        case EXCP05_BOUND:
            x86_trap_signal(env, trapnr, 0, SIGSEGV, SI_KERNEL, 0);
            break;
        case EXCP06_ILLOP:
            x86_trap_signal(env, trapnr, 0, SIGILL, ILL_ILLOPN, env->eip);
            break;
        case EXCP07_PREX:
            x86_trap_signal(env, trapnr, 0, SIGSEGV, SI_KERNEL, 0);
            break;
        case EXCP0B_NOSEG:
        case EXCP0C_STACK:
        case EXCP0D_GPF:
            x86_trap_signal(env, trapnr, env->error_code, SIGSEGV, SI_KERNEL,
                            0);
            break;
        case EXCP0E_PAGE:
#if TARGET_X86_LM
            if (x86_vsyscall(env)) {
                break;
            }
#endif
            x86_fault.cr2 = env->cr2;
            x86_trap_signal(env, trapnr, env->error_code | 4, SIGSEGV,
                            (env->error_code & 1) ? SEGV_ACCERR : SEGV_MAPERR,
                            env->cr2);
            break;
        case EXCP10_COPR:
            x86_trap_signal(env, trapnr, 0, SIGFPE, x86_fpe_code(env, false),
                            env->eip);
            break;
        case EXCP13_XMM:
            x86_trap_signal(env, trapnr, 0, SIGFPE, x86_fpe_code(env, true),
                            env->eip);
            break;
        case EXCP11_ALGN:
            x86_trap_signal(env, trapnr, 0, SIGBUS, BUS_ADRALN, 0);
            break;
        default:
            qemu_log_mask(LOG_GUEST_ERROR, "qemu: unhandled CPU exception "
                          "0x%x at eip 0x%" PRIx64 "\n", trapnr, env->eip);
            x86_trap_signal(env, EXCP06_ILLOP, 0, SIGILL, ILL_ILLOPN,
                            env->eip);
            break;
        }
        process_pending_signals(env);
    }
}
