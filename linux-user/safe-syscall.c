/*
 * linux-user/safe-syscall.c: blocking host system calls that a guest
 * signal can interrupt without a race.
 *
 * The problem: a host signal for the guest is queued by our handler and
 * acted on when the cpu loop looks at the queue.  If it arrives after the
 * loop last looked but before a blocking host call (read, futex wait...)
 * has entered the kernel, the call blocks with the signal still queued,
 * perhaps for ever.
 *
 * The fix: safe_syscall_base() tests the thread's signal_pending flag
 * and then executes the syscall instruction.  If a signal arrives
 * anywhere between the test and the syscall instruction, the host signal
 * handler (signal.c) sees the interrupted pc inside
 * [safe_syscall_start, safe_syscall_end) and moves it to
 * safe_syscall_restart, which returns -QEMU_ERESTARTSYS: the guest's
 * syscall is restarted after its signal handler ran, exactly as if the
 * signal had come before the guest's svc.  Once the kernel is in the
 * call, it returns EINTR itself (our handlers have no SA_RESTART).
 *
 * The assembly is for x86-64 hosts; elsewhere the call is a plain
 * syscall(2) and the window stays open.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "qemu.h"

#ifdef __x86_64__
/*
 * long safe_syscall_base(volatile sig_atomic_t *pending, long number,
 *                        long a1, long a2, long a3, long a4, long a5,
 *                        long a6);  returns the raw result (-errno).
 */
__asm__(
    ".text\n"
    ".globl safe_syscall_base\n"
    ".type safe_syscall_base, @function\n"
    "safe_syscall_base:\n"
    "    .cfi_startproc\n"
    "    push %rbp\n"
    "    .cfi_adjust_cfa_offset 8\n"
    "    .cfi_rel_offset %rbp, 0\n"
    "    mov %rdi, %rbp\n"            /* pending flag (callee-saved) */
    "    mov %rsi, %rax\n"            /* number */
    "    mov %rdx, %rdi\n"
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 16(%rsp), %r8\n"
    "    mov 24(%rsp), %r9\n"
    ".globl safe_syscall_start\n"
    "safe_syscall_start:\n"
    "    cmpl $0, (%rbp)\n"
    "    jnz safe_syscall_restart\n"
    "    syscall\n"
    ".globl safe_syscall_end\n"
    "safe_syscall_end:\n"
    "    pop %rbp\n"
    "    .cfi_adjust_cfa_offset -8\n"
    "    .cfi_restore %rbp\n"
    "    ret\n"
    "    .cfi_adjust_cfa_offset 8\n"
    "    .cfi_rel_offset %rbp, 0\n"
    ".globl safe_syscall_restart\n"
    "safe_syscall_restart:\n"
    "    mov $-512, %rax\n"           /* -QEMU_ERESTARTSYS */
    "    pop %rbp\n"
    "    .cfi_adjust_cfa_offset -8\n"
    "    .cfi_restore %rbp\n"
    "    ret\n"
    "    .cfi_endproc\n"
    ".size safe_syscall_base, .-safe_syscall_base\n");

long safe_syscall_base(volatile sig_atomic_t *pending, long number, long a1,
                       long a2, long a3, long a4, long a5, long a6);
extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_restart[];

_Static_assert(QEMU_ERESTARTSYS == 512, "safe_syscall_restart returns -512");

void safe_syscall_fixup(void *puc)
{
    ucontext_t *uc = puc;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];

    if (pc >= (uintptr_t)safe_syscall_start &&
        pc < (uintptr_t)safe_syscall_end) {
        uc->uc_mcontext.gregs[REG_RIP] = (uintptr_t)safe_syscall_restart;
    }
}

abi_long safe_syscall(long number, long a1, long a2, long a3, long a4,
                      long a5, long a6)
{
    static volatile sig_atomic_t never;
    volatile sig_atomic_t *pending = thread_ts ? &thread_ts->signal_pending
                                               : &never;

    return safe_syscall_base(pending, number, a1, a2, a3, a4, a5, a6);
}

#else

void safe_syscall_fixup(void *puc)
{
}

abi_long safe_syscall(long number, long a1, long a2, long a3, long a4,
                      long a5, long a6)
{
    long r = syscall(number, a1, a2, a3, a4, a5, a6);

    return r == -1 ? -errno : r;
}

#endif
