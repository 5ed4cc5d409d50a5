/*
 * linux-user/i386/syscall32.c: the i386-only system calls.
 *
 * Offered before the generic families; what every 32-bit ABI shares
 * (32-bit structures, the _time64 calls, split 64-bit offsets, the *32
 * uid calls...) is in linux-user/syscall32-common.c, reached through
 * do_syscall32().  Here: the old mmap (arguments in memory), the old
 * select, fadvise64, the socketcall and ipc multiplexers,
 * set/get_thread_area, modify_ldt, vm86 and sigreturn.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "qemu.h"
#include "syscall_nr.h"
#include "syscall32.h"
#include "x86-common/x86-user.h"

/* i386 signal frames (i386/signal.c). */
abi_long i386_sigreturn(CPUArchState *env);

void target_cpu_set_tls(CPUArchState *env, uint64_t tls)
{
    do_set_thread_area(env, tls);
}

void x86_thread_scratch_free(void)
{
    syscall32_thread_exit();
}

/* ------------------------------------------------------- multiplexers */

/* socketcall(call, args): the arguments are longs in guest memory. */
static abi_long do_socketcall(CPUArchState *env, int call, abi_ulong args)
{
    static const struct {
        int nr, nargs;
    } calls[] = {
        [1] = { TARGET_NR_socket, 3 },
        [2] = { TARGET_NR_bind, 3 },
        [3] = { TARGET_NR_connect, 3 },
        [4] = { TARGET_NR_listen, 2 },
        [5] = { TARGET_NR_accept4, 3 },     /* accept = accept4(..., 0) */
        [6] = { TARGET_NR_getsockname, 3 },
        [7] = { TARGET_NR_getpeername, 3 },
        [8] = { TARGET_NR_socketpair, 4 },
        [9] = { TARGET_NR_sendto, 4 },      /* send = sendto(..., 0, 0) */
        [10] = { TARGET_NR_recvfrom, 4 },   /* recv = recvfrom(..., 0, 0) */
        [11] = { TARGET_NR_sendto, 6 },
        [12] = { TARGET_NR_recvfrom, 6 },
        [13] = { TARGET_NR_shutdown, 2 },
        [14] = { TARGET_NR_setsockopt, 5 },
        [15] = { TARGET_NR_getsockopt, 5 },
        [16] = { TARGET_NR_sendmsg, 3 },
        [17] = { TARGET_NR_recvmsg, 3 },
        [18] = { TARGET_NR_accept4, 4 },
    };
    abi_long a[6] = { 0 };
    int i;

    if (call < 1 || call >= (int)(sizeof(calls) / sizeof(calls[0]))) {
        return -EINVAL;
    }
    for (i = 0; i < calls[call].nargs; i++) {
        abi_ulong v;

        if (!get_user_ual(&v, args + 4 * i)) {
            return -EFAULT;
        }
        a[i] = v;
    }
    if (calls[call].nr == TARGET_NR_sendmsg ||
        calls[call].nr == TARGET_NR_recvmsg) {
        return do_msg32(env, calls[call].nr, a[0], a[1], a[2]);
    }
    return syscall32_generic(env, calls[call].nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* ipc(call, first, second, third, ptr, fifth). */
static abi_long do_ipc(CPUArchState *env, abi_long *a)
{
    int call = a[0] & 0xffff, version = (abi_ulong)a[0] >> 16;
    uint32_t v;

    switch (call) {
    case 1:                                 /* semop */
        return do_semtimedop32(a[1], a[4], a[2], 0, 4);
    case 4:                                 /* semtimedop */
        return do_semtimedop32(a[1], a[4], a[2], a[5], 4);
    case 2:                                 /* semget */
        return syscall32_generic(env, TARGET_NR_semget, a[1], a[2], a[3], 0, 0, 0);
    case 3:                                 /* semctl: ptr -> union semun */
        if (!get_user_u32(&v, a[4])) {
            v = 0;
        }
        return do_semctl32(a[1], a[2], a[3], v);
    case 11:                                /* msgsnd */
        return do_msgsnd32(a[1], a[4], a[2], a[3]);
    case 12:                                /* msgrcv */
        if (version == 0) {
            /* struct ipc_kludge { msgp, msgtyp } at ptr */
            uint32_t kl[2];

            if (!get_user_u32(&kl[0], a[4]) ||
                !get_user_u32(&kl[1], a[4] + 4)) {
                return -EFAULT;
            }
            return do_msgrcv32(a[1], kl[0], a[2], (int32_t)kl[1], a[3]);
        }
        return do_msgrcv32(a[1], a[4], a[2], a[5], a[3]);
    case 13:                                /* msgget */
        return syscall32_generic(env, TARGET_NR_msgget, a[1], a[2], 0, 0, 0, 0);
    case 14:                                /* msgctl */
        return do_msgctl32(a[1], a[2], a[4]);
    case 21: {                              /* shmat: result via *third */
        abi_long r = syscall32_generic(env, TARGET_NR_shmat, a[1], a[4], a[2],
                                       0, 0, 0);

        if (is_error(r)) {
            return r;
        }
        return put_user_u32(r, a[3]) ? 0 : -EFAULT;
    }
    case 22:                                /* shmdt */
        return syscall32_generic(env, TARGET_NR_shmdt, a[4], 0, 0, 0, 0, 0);
    case 23:                                /* shmget */
        return syscall32_generic(env, TARGET_NR_shmget, a[1], a[2], a[3], 0, 0, 0);
    case 24:                                /* shmctl */
        return do_shmctl32(a[1], a[2], a[4]);
    default:
        return -ENOSYS;
    }
}

/* ------------------------------------------------------------- the table */

bool do_syscall_arch(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;
    size_t i;

    syscall32_begin();
    switch (num) {
    case TARGET_NR_mmap: {                  /* old_mmap: a struct of 6 */
        uint32_t v[6];

        for (i = 0; i < 6; i++) {
            if (!get_user_u32(&v[i], a[0] + 4 * i)) {
                *ret = -EFAULT;
                return true;
            }
        }
        r = (v[5] & ~TARGET_PAGE_MASK) ? -EINVAL
            : target_mmap(v[0], v[1], v[2], v[3], v[4], v[5]);
        break;
    }
    case TARGET_NR_fadvise64:
        r = -posix_fadvise(a[0], pair64(a[1], a[2]), (abi_ulong)a[3], a[4]);
        break;
    case TARGET_NR_fadvise64_64:
        r = -posix_fadvise(a[0], pair64(a[1], a[2]), pair64(a[3], a[4]),
                           a[5]);
        break;
    case TARGET_NR_select: {                /* old: arguments in memory */
        uint32_t v[5];

        for (i = 0; i < 5; i++) {
            if (!get_user_u32(&v[i], a[0] + 4 * i)) {
                *ret = -EFAULT;
                return true;
            }
        }
        r = do_select(v[0], v[1], v[2], v[3], v[4]);
        break;
    }
    case TARGET_NR_set_thread_area:
        r = do_set_thread_area(env, a[0]);
        break;
    case TARGET_NR_get_thread_area:
        r = do_get_thread_area(env, a[0]);
        break;
    case TARGET_NR_modify_ldt:
        r = do_modify_ldt(env, a[0], a[1], a[2]);
        break;
    case TARGET_NR_vm86:
    case TARGET_NR_vm86old:
        r = x86_vm86_syscall(env, num, a[0], a[1]);     /* i386/vm86.c */
        break;
    case TARGET_NR_signal: {
        TargetSigaction n = { .handler = a[1],
                              .flags = TARGET_SA_RESETHAND |
                                       TARGET_SA_NODEFER }, o;

        r = do_sigaction(a[0], &n, &o);
        if (r == 0) {
            r = o.handler;
        }
        break;
    }
    case TARGET_NR_sgetmask: {
        uint64_t o;

        do_sigprocmask(SIG_BLOCK, NULL, &o);
        r = (uint32_t)o;
        break;
    }
    case TARGET_NR_sigreturn:
        r = i386_sigreturn(env);
        break;
    case TARGET_NR_socketcall:
        r = do_socketcall(env, a[0], a[1]);
        break;
    case TARGET_NR_ipc:
        r = do_ipc(env, a);
        break;
    default:
        return do_syscall32(env, num, a, ret);
    }
    *ret = r;
    return true;
}
