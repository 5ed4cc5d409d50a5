/*
 * linux-user/arm/syscall-arm.c: the system calls only 32-bit ARM (EABI)
 * has, offered before the generic families; everything the 32-bit ABIs
 * share goes on to linux-user/syscall32-common.c (do_syscall32).
 *
 * The ARM-private calls (0xf0000 + n: cacheflush, set_tls...) are
 * handled in arm/cpu_loop.c, since they are not in the call table.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "qemu.h"
#include "syscall_nr.h"
#include "syscall32.h"
#include "arm-user.h"

/* A guest thread ends: its scratch page for 32-bit conversions goes. */
void target_cpu_thread_exit(CPUArchState *env)
{
    (void)env;
    syscall32_thread_exit();
}

/*
 * The vectors page lies above the 32-bit kernel's TASK_SIZE: no call
 * maps over it, unmaps, reprotects or discards it.  Does
 * [start, start + len) reach it?
 */
static bool hits_vectors(abi_ulong start, abi_ulong len)
{
    uint64_t end = (uint64_t)start + len;

    return arm_sigreturn_base == ARM_VECTORS_BASE + 0x500 &&
           end > ARM_VECTORS_BASE && start < ARM_VECTORS_BASE + 4096;
}

bool do_syscall_arch(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;

    syscall32_begin();
    switch (num) {
    case TARGET_NR_munmap:
        if (!hits_vectors(a[0], a[1])) {
            return false;
        }
        r = -EINVAL;
        break;
    case TARGET_NR_mprotect:
    case TARGET_NR_madvise:
        if (!hits_vectors(a[0], a[1])) {
            return false;
        }
        r = -ENOMEM;
        break;
    case TARGET_NR_mmap2:
        if (!(a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) ||
            !hits_vectors(a[0], a[1])) {
            return do_syscall32(env, num, a, ret);
        }
        r = (a[3] & MAP_FIXED) ? -ENOMEM : -EEXIST;
        break;
    case TARGET_NR_mremap:
        /* Growing in place stops at the page like at any mapping. */
        if (hits_vectors(a[0], a[1])) {
            r = -EFAULT;
        } else if ((a[3] & MREMAP_FIXED) && hits_vectors(a[4], a[2])) {
            r = -ENOMEM;
        } else {
            return false;
        }
        break;
    case TARGET_NR_sigreturn:
        r = arm_sigreturn(env);
        break;
    case TARGET_NR_statfs64:
    case TARGET_NR_fstatfs64:
        /* The kernel's EABI wrapper takes glibc's padded size (88) for
         * the packed 84-byte struct statfs64. */
        if (a[1] == 88) {
            a[1] = 84;
        }
        return do_syscall32(env, num, a, ret);
    case TARGET_NR_uname:
        /* The machine is "armv7l" / "armv8l": "arm", then AT_PLATFORM. */
        r = syscall32_generic(env, num, a[0], 0, 0, 0, 0, 0);
        if (r == 0) {
            char *m = lock_user(VERIFY_WRITE, a[0] + 4 * 65, 65);

            if (m) {
                snprintf(m, 65, "arm%s", ELF_PLATFORM_OF(env));
            }
        }
        break;
    case TARGET_NR_arm_fadvise64_64:
        /* fd, advice, offset (r2/r3), len (r4/r5): reordered so that
         * the 64-bit values land in register pairs. */
        r = -posix_fadvise(a[0], pair64(a[2], a[3]), pair64(a[4], a[5]),
                           a[1]);
        break;
    case TARGET_NR_arm_sync_file_range:
        /* sync_file_range2: fd, flags, offset (r2/r3), nbytes (r4/r5). */
        r = get_errno(sync_file_range(a[0], pair64(a[2], a[3]),
                                      pair64(a[4], a[5]), a[1]));
        break;
    default:
        return do_syscall32(env, num, a, ret);
    }
    *ret = r;
    return true;
}
