/*
 * linux-user/syscall-time.c: clocks, sleeping, timers, and the system
 * identity calls (uname, sysinfo, getrandom).  timespec, timeval,
 * itimerval and struct sysinfo have the same layout on the 64-bit targets
 * and the host, so buffers are passed through once checked.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "qemu.h"
#include "syscall_nr.h"

#define TS_SIZE 16          /* struct timespec on a 64-bit target */

static abi_long do_uname(abi_ulong addr)
{
    struct utsname *u = lock_user(VERIFY_WRITE, addr, sizeof(struct utsname));

    if (!u) {
        return -EFAULT;
    }
    if (uname(u) != 0) {
        return -errno;
    }
    /* The guest runs on a machine of its own architecture. */
    snprintf(u->machine, sizeof(u->machine), "%s", ELF_PLATFORM);
    return 0;
}

bool do_syscall_time(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;
    void *p, *q;

    switch (num) {
    case TARGET_NR_clock_gettime:
    case TARGET_NR_clock_getres:
        p = a[1] ? lock_user(VERIFY_WRITE, a[1], TS_SIZE) : NULL;
        if (a[1] && !p) {
            r = -EFAULT;
        } else {
            /* Raw calls: NULL buffers are the guest's to pass. */
            r = get_errno(syscall(num == TARGET_NR_clock_gettime ?
                                  SYS_clock_gettime : SYS_clock_getres,
                                  (clockid_t)a[0], p));
        }
        break;
    case TARGET_NR_clock_settime:
        p = lock_user(VERIFY_READ, a[1], TS_SIZE);
        r = p ? get_errno(clock_settime(a[0], p)) : -EFAULT;
        break;
    case TARGET_NR_gettimeofday:
        p = a[0] ? lock_user(VERIFY_WRITE, a[0], 16) : NULL;
        q = a[1] ? lock_user(VERIFY_WRITE, a[1], 8) : NULL;
        r = ((a[0] && !p) || (a[1] && !q)) ? -EFAULT :
            get_errno(syscall(SYS_gettimeofday, p, q));
        break;
    case TARGET_NR_nanosleep:
        p = lock_user(VERIFY_READ, a[0], TS_SIZE);
        q = a[1] ? lock_user(VERIFY_WRITE, a[1], TS_SIZE) : NULL;
        r = (!p || (a[1] && !q)) ? -EFAULT : safe_syscall3(SYS_nanosleep, p, q, 0);
        break;
    case TARGET_NR_clock_nanosleep:
        p = lock_user(VERIFY_READ, a[2], TS_SIZE);
        q = a[3] ? lock_user(VERIFY_WRITE, a[3], TS_SIZE) : NULL;
        if (!p || (a[3] && !q)) {
            r = -EFAULT;
            break;
        }
        r = safe_syscall4(SYS_clock_nanosleep, a[0], a[1], p, q);
        break;
    case TARGET_NR_times:
        p = a[0] ? lock_user(VERIFY_WRITE, a[0], sizeof(struct tms)) : NULL;
        if (a[0] && !p) {
            r = -EFAULT;
        } else {
            struct tms t;

            r = get_errno(times(&t));
            if (p) {
                memcpy(p, &t, sizeof(t));
            }
        }
        break;
    case TARGET_NR_getitimer:
        p = lock_user(VERIFY_WRITE, a[1], 32);
        r = p ? get_errno(getitimer(a[0], p)) : -EFAULT;
        break;
    case TARGET_NR_setitimer:
        p = a[1] ? lock_user(VERIFY_READ, a[1], 32) : NULL;
        q = a[2] ? lock_user(VERIFY_WRITE, a[2], 32) : NULL;
        r = ((a[1] && !p) || (a[2] && !q)) ? -EFAULT :
            get_errno(syscall(SYS_setitimer, (int)a[0], p, q));
        break;
    case TARGET_NR_uname:
        r = do_uname(a[0]);
        break;
    case TARGET_NR_sysinfo:
        p = lock_user(VERIFY_WRITE, a[0], sizeof(struct sysinfo));
        r = p ? get_errno(sysinfo(p)) : -EFAULT;
        break;
    case TARGET_NR_getrandom: {
        /* One call returns at most 32 MB - 1, as in the kernel. */
        abi_ulong len = a[1] > 0x1ffffff ? 0x1ffffff : a[1];

        p = lock_user(VERIFY_WRITE, a[0], len);
        r = p ? guest_random(p, len, a[2]) : -EFAULT;
        break;
    }
    case TARGET_NR_sethostname:
        p = lock_user(VERIFY_READ, a[0], a[1]);
        r = p ? get_errno(sethostname(p, a[1])) : -EFAULT;
        break;
    case TARGET_NR_sched_yield:
        r = get_errno(sched_yield());
        break;
    case TARGET_NR_getcpu: {
        unsigned *c = a[0] ? lock_user(VERIFY_WRITE, a[0], 4) : NULL;
        unsigned *n = a[1] ? lock_user(VERIFY_WRITE, a[1], 4) : NULL;

        r = ((a[0] && !c) || (a[1] && !n)) ? -EFAULT :
            get_errno(syscall(SYS_getcpu, c, n, NULL));
        break;
    }
    case TARGET_NR_timer_create: {
        /* struct sigevent has one layout; its signal number is the same
         * on host and target for the signals that exist on both. */
        void *sev = a[1] ? lock_user(VERIFY_READ, a[1], 64) : NULL;
        int *id = lock_user(VERIFY_WRITE, a[2], 4);

        r = ((a[1] && !sev) || !id) ? -EFAULT :
            get_errno(syscall(SYS_timer_create, (clockid_t)a[0], sev, id));
        break;
    }
    case TARGET_NR_timer_settime:
        p = lock_user(VERIFY_READ, a[2], 32);
        q = a[3] ? lock_user(VERIFY_WRITE, a[3], 32) : NULL;
        r = (!p || (a[3] && !q)) ? -EFAULT :
            get_errno(syscall(SYS_timer_settime, (int)a[0], (int)a[1], p, q));
        break;
    case TARGET_NR_timer_gettime:
        p = lock_user(VERIFY_WRITE, a[1], 32);
        r = p ? get_errno(syscall(SYS_timer_gettime, (int)a[0], p)) : -EFAULT;
        break;
    case TARGET_NR_timer_getoverrun:
        r = get_errno(syscall(SYS_timer_getoverrun, (int)a[0]));
        break;
    case TARGET_NR_timer_delete:
        r = get_errno(syscall(SYS_timer_delete, (int)a[0]));
        break;
    default:
        return false;
    }
    *ret = r;
    return true;
}
