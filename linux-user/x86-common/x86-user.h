/*
 * x86-common/x86-user.h: what the x86 linux-user files (x86-common/,
 * x86_64/, i386/) share beyond the generic qemu.h.
 */
#ifndef X86_COMMON_X86_USER_H
#define X86_COMMON_X86_USER_H

#include "qemu.h"

/*
 * The trap the kernel would have recorded for the last fault of this
 * thread (thread.trap_nr, error_code, cr2): signal frames show them in
 * the sigcontext.
 */
typedef struct X86FaultInfo {
    int trapno;
    int err;
    uint64_t cr2;
} X86FaultInfo;
extern __thread X86FaultInfo x86_fault;

/* The Linux user selectors: the 32-bit code segment is GDT entry 4
 * (as on an x86_64 kernel), the 64-bit one entry 6, data entry 5. */
#define X86_USER32_CS 0x23
#define X86_USER_DS   0x2b
#define X86_USER64_CS 0x33

/* GDT entries of set_thread_area: 12..14, as an x86_64 kernel (which
 * runs today's i386 programs, and is this project's oracle) numbers them;
 * an i386 kernel uses 6..8. */
#define X86_TLS_MIN 12
#define X86_TLS_COUNT 3
#define X86_GDT_ENTRIES 16

/* i386/tls.c: allocate the GDT in guest memory; set_thread_area. */
bool x86_gdt_init(CPUArchState *env);
abi_long do_set_thread_area(CPUArchState *env, abi_ulong uinfo);
abi_long do_get_thread_area(CPUArchState *env, abi_ulong uinfo);
abi_long do_modify_ldt(CPUArchState *env, int func, abi_ulong ptr,
                       abi_ulong count);

/* Release the calling thread's conversion scratch area (i386). */
void x86_thread_scratch_free(void);

/* The 32-bit system call of int $0x80 (i386 processes). */
void x86_do_int80(CPUArchState *env);

/*
 * The vDSO (x86-common/vdso.c): its address, and for i386 the landing
 * point of __kernel_vsyscall (where sysenter returns) and the sigreturn
 * trampolines the signal frames return to; 0 when there is none.
 */
extern abi_ulong x86_vdso_base;
extern abi_ulong x86_vdso_landing;
extern abi_ulong x86_vdso_sigreturn;
extern abi_ulong x86_vdso_rt_sigreturn;

/*
 * vm86 (i386/vm86.c, qemu-i386 only): the vm86old/vm86 calls; an
 * exception taken in vm86 mode (true: handled, the task goes on or the
 * call returned); leaving vm86 mode with a vm86() result (the signal
 * frames use X86_VM86_SIGNAL).
 */
#define X86_VM86_SIGNAL 0
abi_long x86_vm86_syscall(CPUArchState *env, int num, abi_ulong a0,
                          abi_ulong a1);
bool x86_vm86_exception(CPUArchState *env, int trapnr);
void x86_vm86_leave(CPUArchState *env, int retval);

/* si_code of a SIGFPE from #MF/#XM: the first unmasked exception. */
int x86_fpe_code(CPUArchState *env, bool sse);

/* The EFLAGS bits sigreturn takes from the frame (Linux FIX_EFLAGS). */
#define X86_FIX_EFLAGS (CC_MASK | TF_MASK | DF_MASK | RF_MASK | AC_MASK)

/*
 * The FP state of a signal frame (x86-common/fpframe.c), at a 64-byte
 * aligned guest address: the FXSAVE area and, with XSAVE, the XSAVE
 * header, the AVX upper halves and X86_FP_XSTATE_MAGIC2, the software
 * reserved bytes of the FXSAVE area saying so.
 */
#define X86_FP_XSTATE_MAGIC1 0x46505853u
#define X86_FP_XSTATE_MAGIC2 0x46505845u
#define X86_FXSAVE_SIZE 512
uint32_t x86_fpframe_size(CPUArchState *env);
/* Store the state (true: the extended XSAVE form was written). */
bool x86_fpframe_save(CPUArchState *env, abi_ulong addr);
/* Load it back; false for a malformed frame. */
bool x86_fpframe_restore(CPUArchState *env, abi_ulong addr);
/* What a handler starts with: the FPU in its initial state. */
void x86_fpu_reset(CPUArchState *env);

#endif
