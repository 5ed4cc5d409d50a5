/*
 * linux-user/syscall-legacy.c: the old system calls that architectures
 * older than the generic table keep (x86: open, stat, pipe, fork,
 * getdents, select, time...).
 *
 * Most are a newer call with a fixed argument (open = openat(AT_FDCWD,
 * ...)), so they are rewritten and offered again to the families; the
 * rest are done here.  Each case exists only if the target's
 * syscall_nr.h has the number, so on AArch64 this family is empty.
 * Layouts built from "long" (timeval, utimbuf, linux_dirent) are read
 * with abi_long fields, which covers 32- and 64-bit targets alike.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "qemu.h"
#include "struct-conv.h"
#include "syscall_nr.h"

#define ABI_LONG_SIZE ((abi_ulong)sizeof(abi_long))

/* Offer the call num with these arguments to the families. */
__attribute__((unused))
static abi_long legacy_redo(CPUArchState *env, int num, abi_long a1,
                            abi_long a2, abi_long a3, abi_long a4,
                            abi_long a5, abi_long a6)
{
    abi_long args[6] = { a1, a2, a3, a4, a5, a6 };
    abi_long ret;

    if (!syscall_dispatch(env, num, args, &ret)) {
        return -ENOSYS;
    }
    return ret;
}

/* A guest path (with the -L rule), or NULL for a bad pointer. */
__attribute__((unused))
static const char *legacy_path(abi_ulong addr)
{
    static __thread char buf[PATH_MAX];
    const char *p = addr ? lock_user_string(addr) : NULL;

    return p ? path_for_host(p, buf, sizeof(buf)) : NULL;
}

/* struct timeval of the target: two longs. */
static bool get_guest_timeval(struct timeval *tv, abi_ulong addr)
{
    abi_ulong s, us;

    if (!get_user_ual(&s, addr) || !get_user_ual(&us, addr + ABI_LONG_SIZE)) {
        return false;
    }
    tv->tv_sec = (abi_long)s;
    tv->tv_usec = (abi_long)us;
    return true;
}

static bool put_guest_timeval(const struct timeval *tv, abi_ulong addr)
{
    return put_user_ual(tv->tv_sec, addr) &&
           put_user_ual(tv->tv_usec, addr + ABI_LONG_SIZE);
}

/* utimes/futimesat: two timevals (or NULL = now). */
__attribute__((unused))
static abi_long legacy_futimesat(int dirfd, abi_ulong path, abi_ulong times)
{
    const char *p = legacy_path(path);
    struct timespec ts[2];
    int i;

    if (!p) {
        return -EFAULT;
    }
    if (times) {
        for (i = 0; i < 2; i++) {
            struct timeval tv;

            if (!get_guest_timeval(&tv, times + i * 2 * ABI_LONG_SIZE)) {
                return -EFAULT;
            }
            if (tv.tv_usec < 0 || tv.tv_usec >= 1000000) {
                return -EINVAL;
            }
            ts[i].tv_sec = tv.tv_sec;
            ts[i].tv_nsec = tv.tv_usec * 1000;
        }
    }
    return get_errno(utimensat(dirfd, p, times ? ts : NULL, 0));
}

/* utime: struct utimbuf { long actime, modtime; } (or NULL = now). */
__attribute__((unused))
static abi_long legacy_utime(abi_ulong path, abi_ulong times)
{
    const char *p = legacy_path(path);
    struct timespec ts[2];
    abi_ulong a, m;

    if (!p) {
        return -EFAULT;
    }
    if (times) {
        if (!get_user_ual(&a, times) ||
            !get_user_ual(&m, times + ABI_LONG_SIZE)) {
            return -EFAULT;
        }
        ts[0].tv_sec = (abi_long)a;
        ts[1].tv_sec = (abi_long)m;
        ts[0].tv_nsec = ts[1].tv_nsec = 0;
    }
    return get_errno(utimensat(AT_FDCWD, p, times ? ts : NULL, 0));
}

/*
 * select(2): fd_set is an array of longs, so n bits occupy
 * roundup(n, bits per long) / 8 bytes in the guest; copied through host
 * sets.  The timeval is updated with the time left, as Linux does.
 */
abi_long do_select(int n, abi_ulong r, abi_ulong w, abi_ulong e,
                   abi_ulong tvaddr)
{
    abi_ulong addrs[3] = { r, w, e };
    fd_set sets[3];
    struct timeval tv;
    size_t bytes;
    abi_long ret;
    int i;

    if (n < 0 || n > FD_SETSIZE) {
        return -EINVAL;
    }
    bytes = (n + ABI_LONG_SIZE * 8 - 1) / (ABI_LONG_SIZE * 8) * ABI_LONG_SIZE;
    for (i = 0; i < 3; i++) {
        void *p;

        FD_ZERO(&sets[i]);
        if (!addrs[i]) {
            continue;
        }
        p = lock_user(VERIFY_WRITE, addrs[i], bytes);
        if (!p) {
            return -EFAULT;
        }
        memcpy(&sets[i], p, bytes);
    }
    if (tvaddr) {
        if (!get_guest_timeval(&tv, tvaddr)) {
            return -EFAULT;
        }
        if (tv.tv_sec < 0 || tv.tv_usec < 0) {
            return -EINVAL;
        }
    }
    ret = safe_syscall6(SYS_select, n, r ? &sets[0] : NULL,
                        w ? &sets[1] : NULL, e ? &sets[2] : NULL,
                        tvaddr ? &tv : NULL, 0);
    if (is_error(ret)) {
        return ret;
    }
    for (i = 0; i < 3; i++) {
        if (addrs[i]) {
            memcpy(lock_user(VERIFY_WRITE, addrs[i], bytes), &sets[i], bytes);
        }
    }
    if (tvaddr && !put_guest_timeval(&tv, tvaddr)) {
        return -EFAULT;
    }
    return ret;
}

/*
 * getdents(2): struct linux_dirent { long d_ino; long d_off;
 * unsigned short d_reclen; char d_name[]; ... char d_type (last byte) },
 * made from the host's getdents64.  An entry that does not fit puts the
 * directory offset back so that the next call returns it.
 */
abi_long do_getdents_legacy(int fd, abi_ulong addr, abi_ulong count)
{
    size_t hsize = count < 65536 ? count : 65536;
    char *hbuf = malloc(hsize);
    uint8_t *t = lock_user(VERIFY_WRITE, addr, count);
    abi_ulong out = 0;
    long n, off = 0;
    int64_t resume = 0;

    if (!hbuf) {
        return -ENOMEM;
    }
    if (!t) {
        free(hbuf);
        return -EFAULT;
    }
    n = syscall(SYS_getdents64, fd, hbuf, hsize);
    if (n < 0) {
        n = -errno;
        free(hbuf);
        return n;
    }
    while (off < n) {
        struct {
            uint64_t d_ino;
            int64_t d_off;
            uint16_t d_reclen;
            uint8_t d_type;
        } h;
        const char *name = hbuf + off + 19;
        size_t namelen, reclen;
        uint8_t *d = t + out;

        memcpy(&h.d_ino, hbuf + off, 8);
        memcpy(&h.d_off, hbuf + off + 8, 8);
        memcpy(&h.d_reclen, hbuf + off + 16, 2);
        h.d_type = hbuf[off + 18];
        namelen = strlen(name);
        reclen = (2 * ABI_LONG_SIZE + 2 + namelen + 2 + ABI_LONG_SIZE - 1) &
                 ~(size_t)(ABI_LONG_SIZE - 1);
        if (out + reclen > count) {
            if (out == 0) {
                free(hbuf);
                return -EINVAL;
            }
            /* Resume at this entry next time. */
            lseek(fd, resume, SEEK_SET);
            break;
        }
        if (ABI_LONG_SIZE == 4 && h.d_ino != (uint32_t)h.d_ino) {
            free(hbuf);
            return -EOVERFLOW;
        }
        memset(d, 0, reclen);
        conv_put(d, ABI_LONG_SIZE, h.d_ino);
        conv_put(d + ABI_LONG_SIZE, ABI_LONG_SIZE, h.d_off);
        d[2 * ABI_LONG_SIZE] = reclen & 0xff;
        d[2 * ABI_LONG_SIZE + 1] = reclen >> 8;
        memcpy(d + 2 * ABI_LONG_SIZE + 2, name, namelen);
        d[reclen - 1] = h.d_type;
        out += reclen;
        off += h.d_reclen;
        resume = h.d_off;
    }
    free(hbuf);
    return out;
}

bool do_syscall_legacy(CPUArchState *env, int num, abi_long *a,
                       abi_long *ret)
{
    abi_long r;

    (void)env;
    switch (num) {
#ifdef TARGET_NR_open
    case TARGET_NR_open:
        r = legacy_redo(env, TARGET_NR_openat, AT_FDCWD, a[0], a[1], a[2],
                        0, 0);
        break;
#endif
#ifdef TARGET_NR_creat
    case TARGET_NR_creat:
        r = legacy_redo(env, TARGET_NR_openat, AT_FDCWD, a[0],
                        O_CREAT | O_WRONLY | O_TRUNC, a[1], 0, 0);
        break;
#endif
#if defined(TARGET_NR_stat) && defined(TARGET_NR_newfstatat)
    case TARGET_NR_stat:
        r = legacy_redo(env, TARGET_NR_newfstatat, AT_FDCWD, a[0], a[1], 0,
                        0, 0);
        break;
    case TARGET_NR_lstat:
        r = legacy_redo(env, TARGET_NR_newfstatat, AT_FDCWD, a[0], a[1],
                        AT_SYMLINK_NOFOLLOW, 0, 0);
        break;
#endif
#ifdef TARGET_NR_access
    case TARGET_NR_access:
        r = legacy_redo(env, TARGET_NR_faccessat, AT_FDCWD, a[0], a[1], 0,
                        0, 0);
        break;
#endif
#ifdef TARGET_NR_pipe
    case TARGET_NR_pipe:
        r = legacy_redo(env, TARGET_NR_pipe2, a[0], 0, 0, 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_dup2
    case TARGET_NR_dup2:
        if (a[0] == a[1]) {
            /* dup3 refuses equal fds; dup2 checks the fd is open. */
            r = fcntl(a[0], F_GETFD) < 0 ? -EBADF : a[1];
        } else {
            r = legacy_redo(env, TARGET_NR_dup3, a[0], a[1], 0, 0, 0, 0);
        }
        break;
#endif
#ifdef TARGET_NR_poll
    case TARGET_NR_poll: {
        struct pollfd *fds;

        if ((abi_ulong)a[1] > 1u << 20) {
            r = -EINVAL;
            break;
        }
        fds = lock_user(VERIFY_WRITE, a[0],
                        (abi_ulong)a[1] * sizeof(struct pollfd));
        if (a[1] && !fds) {
            r = -EFAULT;
            break;
        }
        r = safe_syscall3(SYS_poll, fds, a[1], (int)a[2]);
        break;
    }
#endif
#ifdef TARGET_NR_select
    case TARGET_NR_select:
        r = do_select(a[0], a[1], a[2], a[3], a[4]);
        break;
#endif
#ifdef TARGET_NR_fork
    case TARGET_NR_fork:
        r = legacy_redo(env, TARGET_NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_vfork
    case TARGET_NR_vfork:
        r = legacy_redo(env, TARGET_NR_clone, CLONE_VM | CLONE_VFORK | SIGCHLD,
                        0, 0, 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_getdents
    case TARGET_NR_getdents:
        r = do_getdents_legacy(a[0], a[1], a[2]);
        break;
#endif
#ifdef TARGET_NR_readlink
    case TARGET_NR_readlink:
        r = legacy_redo(env, TARGET_NR_readlinkat, AT_FDCWD, a[0], a[1], a[2],
                        0, 0);
        break;
#endif
#ifdef TARGET_NR_unlink
    case TARGET_NR_unlink:
        r = legacy_redo(env, TARGET_NR_unlinkat, AT_FDCWD, a[0], 0, 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_rmdir
    case TARGET_NR_rmdir:
        r = legacy_redo(env, TARGET_NR_unlinkat, AT_FDCWD, a[0], AT_REMOVEDIR,
                        0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_mkdir
    case TARGET_NR_mkdir:
        r = legacy_redo(env, TARGET_NR_mkdirat, AT_FDCWD, a[0], a[1], 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_rename
    case TARGET_NR_rename:
        r = legacy_redo(env, TARGET_NR_renameat, AT_FDCWD, a[0], AT_FDCWD,
                        a[1], 0, 0);
        break;
#endif
#ifdef TARGET_NR_chmod
    case TARGET_NR_chmod:
        r = legacy_redo(env, TARGET_NR_fchmodat, AT_FDCWD, a[0], a[1], 0, 0,
                        0);
        break;
#endif
#ifdef TARGET_NR_chown
    case TARGET_NR_chown:
        r = legacy_redo(env, TARGET_NR_fchownat, AT_FDCWD, a[0], a[1], a[2],
                        0, 0);
        break;
#endif
#ifdef TARGET_NR_lchown
    case TARGET_NR_lchown:
        r = legacy_redo(env, TARGET_NR_fchownat, AT_FDCWD, a[0], a[1], a[2],
                        AT_SYMLINK_NOFOLLOW, 0);
        break;
#endif
#ifdef TARGET_NR_link
    case TARGET_NR_link:
        r = legacy_redo(env, TARGET_NR_linkat, AT_FDCWD, a[0], AT_FDCWD, a[1],
                        0, 0);
        break;
#endif
#ifdef TARGET_NR_symlink
    case TARGET_NR_symlink:
        r = legacy_redo(env, TARGET_NR_symlinkat, a[0], AT_FDCWD, a[1], 0, 0,
                        0);
        break;
#endif
#ifdef TARGET_NR_mknod
    case TARGET_NR_mknod:
        r = legacy_redo(env, TARGET_NR_mknodat, AT_FDCWD, a[0], a[1], a[2], 0,
                        0);
        break;
#endif
#ifdef TARGET_NR_alarm
    case TARGET_NR_alarm:
        r = alarm(a[0]);
        break;
#endif
#ifdef TARGET_NR_pause
    case TARGET_NR_pause:
        r = safe_syscall3(SYS_pause, 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_time
    case TARGET_NR_time: {
        time_t t = time(NULL);

        r = (abi_long)t;
        if (a[0] && !put_user_ual(t, a[0])) {
            r = -EFAULT;
        }
        break;
    }
#endif
#ifdef TARGET_NR_utime
    case TARGET_NR_utime:
        r = legacy_utime(a[0], a[1]);
        break;
#endif
#ifdef TARGET_NR_utimes
    case TARGET_NR_utimes:
        r = legacy_futimesat(AT_FDCWD, a[0], a[1]);
        break;
#endif
#ifdef TARGET_NR_futimesat
    case TARGET_NR_futimesat:
        r = legacy_futimesat(a[0], a[1], a[2]);
        break;
#endif
#ifdef TARGET_NR_getpgrp
    case TARGET_NR_getpgrp:
        r = getpgrp();
        break;
#endif
#ifdef TARGET_NR_epoll_create
    case TARGET_NR_epoll_create:
        r = a[0] <= 0 ? -EINVAL
                      : legacy_redo(env, TARGET_NR_epoll_create1, 0, 0, 0, 0,
                                    0, 0);
        break;
#endif
#ifdef TARGET_NR_epoll_wait
    case TARGET_NR_epoll_wait:
        r = legacy_redo(env, TARGET_NR_epoll_pwait, a[0], a[1], a[2], a[3], 0,
                        TARGET_SIGSET_SIZE);
        break;
#endif
#ifdef TARGET_NR_inotify_init
    case TARGET_NR_inotify_init:
        r = legacy_redo(env, TARGET_NR_inotify_init1, 0, 0, 0, 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_eventfd
    case TARGET_NR_eventfd:
        r = legacy_redo(env, TARGET_NR_eventfd2, a[0], 0, 0, 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_signalfd
    case TARGET_NR_signalfd:
        r = legacy_redo(env, TARGET_NR_signalfd4, a[0], a[1], a[2], 0, 0, 0);
        break;
#endif
    default:
        return false;
    }
    *ret = r;
    return true;
}
