/*
 * linux-user/syscall-mem.c: memory system calls (brk, mmap family,
 * msync/mlock) on top of the guest address space of mmap.c.
 */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "qemu.h"
#include "syscall_nr.h"

bool do_syscall_mem(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;

    switch (num) {
    case TARGET_NR_brk:
        r = target_brk(a[0]);
        break;
#ifdef TARGET_NR_mmap                       /* not in the ARM EABI table */
    case TARGET_NR_mmap:
        r = target_mmap(a[0], a[1], a[2], a[3], a[4], a[5]);
        break;
#endif
    case TARGET_NR_munmap:
        r = target_munmap(a[0], a[1]);
        break;
    case TARGET_NR_mprotect:
        r = target_mprotect(a[0], a[1], a[2]);
        break;
    case TARGET_NR_mremap:
        r = target_mremap(a[0], a[1], a[2], a[3], a[4]);
        break;
    case TARGET_NR_madvise:
        r = target_madvise(a[0], a[1], a[2]);
        break;
    case TARGET_NR_msync:
        r = page_check_range(a[0], a[1], 0) ?
            get_errno(msync(g2h(a[0]), a[1], a[2])) : -ENOMEM;
        break;
    case TARGET_NR_mlock:
    case TARGET_NR_munlock:
        r = page_check_range(a[0], a[1], 0) ? 0 : -ENOMEM;
        break;
    case TARGET_NR_mlockall:
    case TARGET_NR_munlockall:
        r = 0;
        break;
    case TARGET_NR_mincore: {
        abi_ulong pages = TARGET_PAGE_ALIGN(a[1]) >> TARGET_PAGE_BITS;
        unsigned char *vec = lock_user(VERIFY_WRITE, a[2], pages);

        if (a[0] & ~TARGET_PAGE_MASK) {
            r = -EINVAL;
        } else if (!vec) {
            r = -EFAULT;
        } else if (!page_check_range(a[0], a[1], 0)) {
            r = -ENOMEM;
        } else {
            r = get_errno(mincore(g2h(a[0]), a[1], vec));
        }
        break;
    }
    case TARGET_NR_membarrier:
        /* One host barrier is at least as strong as any the guest asks. */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        r = (a[0] == 0) ? 0 : 0;
        break;
    default:
        return false;
    }
    *ret = r;
    return true;
}
