/*
 * linux-user/x86_64/syscall64.c: the system calls only x86_64 has
 * (arch_prctl), and its CLONE_SETTLS.  Everything else is the generic
 * families': the x86_64 layouts are the host's.
 */
#include <errno.h>

#include "qemu.h"
#include "syscall_nr.h"
#include "x86-common/x86-user.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* FS/GS bases must be canonical user addresses. */
#define X86_64_TASK_SIZE (1ull << 47)

void target_cpu_set_tls(CPUArchState *env, uint64_t tls)
{
    env->segs[R_FS].base = tls;
}

/* x86_64 converts nothing through guest memory. */
void x86_thread_scratch_free(void)
{
}

static abi_long do_arch_prctl(CPUArchState *env, int code, abi_ulong addr)
{
    switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (addr >= X86_64_TASK_SIZE) {
            return -EPERM;
        }
        /* Like the kernel: the selector goes to 0, the base stays. */
        env->segs[code == ARCH_SET_FS ? R_FS : R_GS].selector = 0;
        env->segs[code == ARCH_SET_FS ? R_FS : R_GS].base = addr;
        return 0;
    case ARCH_GET_FS:
    case ARCH_GET_GS:
        return put_user_u64(env->segs[code == ARCH_GET_FS ? R_FS : R_GS].base,
                            addr) ? 0 : -EFAULT;
    default:
        /* CPUID faulting, CET, AMX permissions...: not offered. */
        return -EINVAL;
    }
}

bool do_syscall_arch(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    switch (num) {
    case TARGET_NR_arch_prctl:
        *ret = do_arch_prctl(env, a[0], a[1]);
        return true;
    case TARGET_NR_modify_ldt:
        *ret = do_modify_ldt(env, a[0], a[1], a[2]);
        return true;
    default:
        return false;
    }
}
