/*
 * linux-user/syscall-file.c: file and descriptor system calls.
 *
 * open/read/write/stat and friends, directories, links, ioctl for
 * terminals, fcntl, pipes, poll/select/epoll.  Guest buffers are checked
 * against the guest's page protections before the host call gets their
 * host address (lock_user), so a bad pointer is -EFAULT, never a host
 * fault.  open(2) flags and struct stat/epoll_event differ between the
 * target and the host and are converted; /proc/self/exe, maps and auxv
 * show the guest's view.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <termios.h>
#include <unistd.h>

#include "qemu.h"
#include "qemu/log.h"
#include "struct-conv.h"
#include "syscall_nr.h"

#define T_PTR(type, addr, len) lock_user((type), (addr), (len))

/* ------------------------------------------------------------ open flags */

static const struct {
    int target, host;
} open_flag_map[] = {
    { TARGET_O_DIRECTORY, O_DIRECTORY },
    { TARGET_O_NOFOLLOW, O_NOFOLLOW },
    { TARGET_O_DIRECT, O_DIRECT },
    { TARGET_O_LARGEFILE, O_LARGEFILE },
};

#define OPEN_DIFF_TARGET (TARGET_O_DIRECTORY | TARGET_O_NOFOLLOW | \
                          TARGET_O_DIRECT | TARGET_O_LARGEFILE)
#define OPEN_DIFF_HOST (O_DIRECTORY | O_NOFOLLOW | O_DIRECT | O_LARGEFILE)

int target_to_host_open_flags(int t)
{
    int h = t & ~OPEN_DIFF_TARGET;
    size_t i;

    for (i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++) {
        if (t & open_flag_map[i].target) {
            h |= open_flag_map[i].host;
        }
    }
    return h;
}

int host_to_target_open_flags(int h)
{
    int t = h & ~OPEN_DIFF_HOST;
    size_t i;

    for (i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++) {
        if (h & open_flag_map[i].host) {
            t |= open_flag_map[i].target;
        }
    }
    /* The kernel reports O_LARGEFILE on 64-bit; the guest expects it. */
    return t;
}

/* --------------------------------------------------------------- helpers */

/*
 * A guest path argument, or NULL (-EFAULT).  Absolute paths that exist
 * under the -L prefix are taken from there, as the guest's libraries
 * and configuration live there (QEMU's rule).
 */
static const char *guest_path(abi_ulong addr)
{
    static __thread char bufs[2][PATH_MAX];
    static __thread int next;
    const char *p = addr ? lock_user_string(addr) : NULL;

    if (!p) {
        return NULL;
    }
    next ^= 1;
    return path_for_host(p, bufs[next], sizeof(bufs[next]));
}

static abi_long do_openat(int dirfd, abi_ulong pathaddr, int tflags, int mode)
{
    const char *path = guest_path(pathaddr);
    int hflags = target_to_host_open_flags(tflags);
    bool handled;
    int fd;

    if (!path) {
        return -EFAULT;
    }
    if (path[0] == '/' || dirfd == AT_FDCWD) {
        fd = open_proc_self_file(path, hflags, &handled);
        if (handled) {
            return fd;
        }
    }
    return get_errno(openat(dirfd, path, hflags, mode));
}

static abi_long do_readlinkat(int dirfd, abi_ulong pathaddr, abi_ulong buf,
                              abi_ulong size)
{
    const char *path = guest_path(pathaddr);
    char *out;
    size_t len;

    if (!path) {
        return -EFAULT;
    }
    if ((abi_long)size <= 0) {
        return -EINVAL;
    }
    out = T_PTR(VERIFY_WRITE, buf, size);
    if (!out) {
        return -EFAULT;
    }
    if (is_proc_self_exe(path)) {
        len = strlen(exec_path_abs);
        if (len > size) {
            len = size;
        }
        memcpy(out, exec_path_abs, len);
        return len;
    }
    return get_errno(readlinkat(dirfd, path, out, size));
}

/* Host iovec array for a guest one; NULL with *err set on failure. */
static struct iovec *lock_iovec(int type, abi_ulong addr, abi_long count,
                                abi_long *err)
{
    struct iovec *v;
    abi_long i;
    uint64_t total = 0;

    if (count < 0 || count > IOV_MAX) {
        *err = -EINVAL;
        return NULL;
    }
    v = calloc(count ? count : 1, sizeof(*v));
    for (i = 0; i < count; i++) {
        abi_ulong base, len;

        if (!get_user_ual(&base, addr + i * 2 * sizeof(abi_ulong)) ||
            !get_user_ual(&len, addr + i * 2 * sizeof(abi_ulong) +
                          sizeof(abi_ulong))) {
            *err = -EFAULT;
            free(v);
            return NULL;
        }
        if ((abi_long)len < 0 || (total += len) > SSIZE_MAX) {
            *err = -EINVAL;
            free(v);
            return NULL;
        }
        v[i].iov_len = len;
        v[i].iov_base = len ? T_PTR(type, base, len) : NULL;
        if (len && !v[i].iov_base) {
            /* Like the kernel: a bad buffer after good ones ends early. */
            if (i == 0) {
                *err = -EFAULT;
                free(v);
                return NULL;
            }
            v[i].iov_len = 0;
        }
    }
    return v;
}

struct iovec *guest_iovec(int type, abi_ulong addr, abi_long count,
                          abi_long *err)
{
    return lock_iovec(type, addr, count, err);
}

/* ---------------------------------------------------------------- ioctl */

static abi_long do_ioctl(int fd, unsigned long cmd, abi_ulong arg)
{
    void *p;
    size_t size;

    switch (cmd) {
    /* No argument, or an integer one. */
    case FIOCLEX:
    case FIONCLEX:
    case TIOCNOTTY:
    case TIOCSCTTY:
    case TCFLSH:
    case TCXONC:
    case TCSBRK:
    case TIOCSBRK:
    case TIOCCBRK:
        return get_errno(ioctl(fd, cmd, (unsigned long)arg));
    case TCGETS:
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        size = 36;                  /* struct termios: same on both */
        break;
    case TIOCGWINSZ:
    case TIOCSWINSZ:
        size = sizeof(struct winsize);
        break;
    case FIONREAD:
    case FIONBIO:
    case FIOASYNC:
    case TIOCGPGRP:
    case TIOCSPGRP:
    case TIOCOUTQ:
    case TIOCGPTN:
    case TIOCSPTLCK:
    case TIOCGSID:
    case TIOCMGET:
    case TIOCMSET:
    case TIOCGETD:
    case TIOCSETD:
        size = sizeof(int);
        break;
    default:
        qemu_log_mask(LOG_UNIMP, "Unsupported ioctl: cmd=0x%04lx\n", cmd);
        return -ENOTTY;
    }
    p = T_PTR(VERIFY_WRITE, arg, size);
    if (!p) {
        p = T_PTR(VERIFY_READ, arg, size);
        if (!p || (_IOC_DIR(cmd) & _IOC_READ)) {
            return -EFAULT;
        }
    }
    return get_errno(ioctl(fd, cmd, p));
}

/* ---------------------------------------------------------------- fcntl */

static abi_long do_fcntl(int fd, int cmd, abi_ulong arg)
{
    abi_long r;

    switch (cmd) {
    case F_GETFL:
        r = get_errno(fcntl(fd, cmd));
        return is_error(r) ? r : host_to_target_open_flags(r);
    case F_SETFL:
        return get_errno(fcntl(fd, cmd, target_to_host_open_flags(arg)));
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW: {
        struct flock *fl = T_PTR(cmd == F_GETLK || cmd == F_OFD_GETLK ?
                                 VERIFY_WRITE : VERIFY_READ, arg,
                                 sizeof(struct flock));
        if (!fl) {
            return -EFAULT;
        }
        return safe_syscall3(SYS_fcntl, fd, cmd, fl);
    }
    case F_GETOWN_EX:
    case F_SETOWN_EX: {
        void *p = T_PTR(cmd == F_GETOWN_EX ? VERIFY_WRITE : VERIFY_READ, arg,
                        sizeof(struct f_owner_ex));
        if (!p) {
            return -EFAULT;
        }
        return get_errno(fcntl(fd, cmd, p));
    }
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETSIG:
    case F_SETSIG:
    case F_SETPIPE_SZ:
    case F_GETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
    case F_SETLEASE:
    case F_GETLEASE:
    case F_NOTIFY:
        return get_errno(fcntl(fd, cmd, (unsigned long)arg));
    default:
        qemu_log_mask(LOG_UNIMP, "Unsupported fcntl: cmd=%d\n", cmd);
        return -EINVAL;
    }
}

/* ---------------------------------------------------------------- epoll */

static abi_long do_epoll_ctl(int epfd, int op, int fd, abi_ulong ev)
{
    struct epoll_event h;
    uint8_t *t;

    if (op == EPOLL_CTL_DEL && !ev) {
        return get_errno(epoll_ctl(epfd, op, fd, NULL));
    }
    t = T_PTR(VERIFY_READ, ev, TARGET_EPOLL_EVENT_SIZE);
    if (!t) {
        return -EFAULT;
    }
    h.events = conv_get(t, 4, false);
    h.data.u64 = conv_get(t + TARGET_EPOLL_DATA_OFFSET, 8, false);
    return get_errno(epoll_ctl(epfd, op, fd, &h));
}

static abi_long do_epoll_pwait(int epfd, abi_ulong evs, int maxevents,
                               int timeout)
{
    struct epoll_event *h;
    uint8_t *t;
    abi_long r;
    int i;

    if (maxevents <= 0 || maxevents > 65536) {
        return -EINVAL;
    }
    t = T_PTR(VERIFY_WRITE, evs, (abi_ulong)maxevents *
              TARGET_EPOLL_EVENT_SIZE);
    if (!t) {
        return -EFAULT;
    }
    h = calloc(maxevents, sizeof(*h));
    r = safe_syscall6(SYS_epoll_pwait, epfd, h, maxevents, timeout, 0, 0);
    for (i = 0; !is_error(r) && i < r; i++) {
        uint8_t *e = t + i * TARGET_EPOLL_EVENT_SIZE;

        conv_put(e, 4, h[i].events);
        conv_put(e + TARGET_EPOLL_DATA_OFFSET, 8, h[i].data.u64);
    }
    free(h);
    return r;
}

/* -------------------------------------------------------------- the table */

bool do_syscall_file(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;
    void *p;

    switch (num) {
    case TARGET_NR_read:
        p = T_PTR(VERIFY_WRITE, a[1], a[2]);
        r = p ? safe_syscall3(SYS_read, a[0], p, a[2]) : -EFAULT;
        break;
    case TARGET_NR_write:
        p = T_PTR(VERIFY_READ, a[1], a[2]);
        r = p ? safe_syscall3(SYS_write, a[0], p, a[2]) : -EFAULT;
        break;
    case TARGET_NR_pread64:
        p = T_PTR(VERIFY_WRITE, a[1], a[2]);
        r = p ? safe_syscall4(SYS_pread64, a[0], p, a[2], a[3]) : -EFAULT;
        break;
    case TARGET_NR_pwrite64:
        p = T_PTR(VERIFY_READ, a[1], a[2]);
        r = p ? safe_syscall4(SYS_pwrite64, a[0], p, a[2], a[3]) : -EFAULT;
        break;
    case TARGET_NR_readv:
    case TARGET_NR_writev:
    case TARGET_NR_preadv:
    case TARGET_NR_pwritev: {
        bool rd = num == TARGET_NR_readv || num == TARGET_NR_preadv;
        struct iovec *v = lock_iovec(rd ? VERIFY_WRITE : VERIFY_READ, a[1],
                                     a[2], &r);
#if TARGET_LONG_BITS == 32
        /* 32-bit ABIs pass the offset as two registers, low first. */
        off_t off = (off_t)((uint64_t)(abi_ulong)a[3] |
                            ((uint64_t)(abi_ulong)a[4] << 32));
#else
        off_t off = a[3];
#endif
        if (!v) {
            break;
        }
        switch (num) {
        case TARGET_NR_readv: r = safe_syscall3(SYS_readv, a[0], v, a[2]); break;
        case TARGET_NR_writev: r = safe_syscall3(SYS_writev, a[0], v, a[2]); break;
        case TARGET_NR_preadv: r = get_errno(preadv(a[0], v, a[2], off)); break;
        default: r = get_errno(pwritev(a[0], v, a[2], off)); break;
        }
        free(v);
        break;
    }
    case TARGET_NR_openat:
        r = do_openat(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_close:
        r = get_errno(close(a[0]));
        break;
    case TARGET_NR_close_range:
        r = get_errno(syscall(SYS_close_range, (unsigned)a[0], (unsigned)a[1],
                              (unsigned)a[2]));
        break;
    case TARGET_NR_lseek:
        r = get_errno(lseek(a[0], a[1], a[2]));
        break;
#ifdef TARGET_NR_fstat64
    case TARGET_NR_fstat64:         /* the target's stat is stat64 */
#else
    case TARGET_NR_fstat:
#endif
    {
        struct stat st;

        r = get_errno(fstat(a[0], &st));
        if (!is_error(r)) {
            r = host_to_target_stat(a[1], &st);
        }
        break;
    }
#ifdef TARGET_NR_newfstatat
    case TARGET_NR_newfstatat:
#else
    case TARGET_NR_fstatat64:
#endif
    {
        struct stat st;
        const char *path = guest_path(a[1]);

        if (!path) {
            r = -EFAULT;
            break;
        }
        if (is_proc_self_exe(path)) {
            path = exec_path_abs;
        }
        r = get_errno(fstatat(a[0], path, &st, a[3]));
        if (!is_error(r)) {
            r = host_to_target_stat(a[2], &st);
        }
        break;
    }
    case TARGET_NR_statx: {
        const char *path = guest_path(a[1]);

        p = T_PTR(VERIFY_WRITE, a[4], 256);
        if (!path || !p) {
            r = -EFAULT;
            break;
        }
        if (is_proc_self_exe(path)) {
            path = exec_path_abs;
        }
        r = get_errno(syscall(SYS_statx, (int)a[0], path, (int)a[2],
                              (unsigned)a[3], p));
        break;
    }
    case TARGET_NR_statfs:
    case TARGET_NR_fstatfs: {
        p = T_PTR(VERIFY_WRITE, a[1], sizeof(struct statfs));
        if (!p) {
            r = -EFAULT;
        } else if (num == TARGET_NR_statfs) {
            const char *path = guest_path(a[0]);

            r = path ? get_errno(statfs(path, p)) : -EFAULT;
        } else {
            r = get_errno(fstatfs(a[0], p));
        }
        break;
    }
    case TARGET_NR_getdents64:
        p = T_PTR(VERIFY_WRITE, a[1], a[2]);
        r = p ? get_errno(syscall(SYS_getdents64, (int)a[0], p,
                                  (unsigned)a[2])) : -EFAULT;
#if TARGET_LONG_BITS == 32
        if (r > 0) {
            /*
             * A 32-bit process gets 32-bit directory offsets from the
             * kernel (ext4 hashes); ours are 64-bit, which the guest's
             * readdir() would refuse with EOVERFLOW.  Keep them in range
             * (only seekdir to such an offset loses).
             */
            abi_long off;

            for (off = 0; off + 19 <= r;) {
                int64_t d_off;
                uint16_t reclen;

                memcpy(&d_off, (char *)p + off + 8, 8);
                memcpy(&reclen, (char *)p + off + 16, 2);
                if (d_off != (int32_t)d_off) {
                    d_off = d_off & 0x7fffffff;
                    memcpy((char *)p + off + 8, &d_off, 8);
                }
                if (reclen == 0) {
                    break;
                }
                off += reclen;
            }
        }
#endif
        break;
    case TARGET_NR_ioctl:
        r = do_ioctl(a[0], (unsigned long)a[1], a[2]);
        break;
    case TARGET_NR_fcntl:
        r = do_fcntl(a[0], a[1], a[2]);
        break;
    case TARGET_NR_flock:
        r = safe_syscall3(SYS_flock, a[0], a[1], 0);
        break;
    case TARGET_NR_dup:
        r = get_errno(dup(a[0]));
        break;
    case TARGET_NR_dup3:
        r = get_errno(dup3(a[0], a[1], target_to_host_open_flags(a[2])));
        break;
    case TARGET_NR_pipe2: {
        int fds[2];

        p = T_PTR(VERIFY_WRITE, a[0], 8);
        if (!p) {
            r = -EFAULT;
            break;
        }
        r = get_errno(pipe2(fds, target_to_host_open_flags(a[1])));
        if (!is_error(r)) {
            put_user_u32(fds[0], a[0]);
            put_user_u32(fds[1], a[0] + 4);
        }
        break;
    }
    case TARGET_NR_readlinkat:
        r = do_readlinkat(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_faccessat:
    case TARGET_NR_faccessat2: {
        const char *path = guest_path(a[1]);

        if (!path) {
            r = -EFAULT;
        } else {
            r = get_errno(syscall(SYS_faccessat2, (int)a[0], path, (int)a[2],
                                  num == TARGET_NR_faccessat2 ? (int)a[3] : 0));
            if (r == -ENOSYS && num == TARGET_NR_faccessat) {
                r = get_errno(faccessat(a[0], path, a[2], 0));
            }
        }
        break;
    }
    case TARGET_NR_getcwd:
        p = T_PTR(VERIFY_WRITE, a[0], a[1]);
        r = p ? get_errno(syscall(SYS_getcwd, p, (size_t)a[1])) : -EFAULT;
        break;
    case TARGET_NR_chdir: {
        /* The working directory stays in the host's tree. */
        const char *path = lock_user_string(a[0]);

        r = path ? get_errno(chdir(path)) : -EFAULT;
        break;
    }
    case TARGET_NR_fchdir:
        r = get_errno(fchdir(a[0]));
        break;
    case TARGET_NR_chroot: {
        const char *path = guest_path(a[0]);

        r = path ? get_errno(chroot(path)) : -EFAULT;
        break;
    }
    case TARGET_NR_unlinkat: {
        const char *path = guest_path(a[1]);

        r = path ? get_errno(unlinkat(a[0], path, a[2])) : -EFAULT;
        break;
    }
    case TARGET_NR_mkdirat: {
        const char *path = guest_path(a[1]);

        r = path ? get_errno(mkdirat(a[0], path, a[2])) : -EFAULT;
        break;
    }
    case TARGET_NR_mknodat: {
        const char *path = guest_path(a[1]);

        r = path ? get_errno(mknodat(a[0], path, a[2], a[3])) : -EFAULT;
        break;
    }
    case TARGET_NR_renameat:
    case TARGET_NR_renameat2: {
        const char *o = guest_path(a[1]), *n = guest_path(a[3]);

        r = (o && n) ? get_errno(syscall(SYS_renameat2, (int)a[0], o,
                                         (int)a[2], n,
                                         num == TARGET_NR_renameat2 ?
                                         (unsigned)a[4] : 0u)) : -EFAULT;
        break;
    }
    case TARGET_NR_linkat: {
        const char *o = guest_path(a[1]), *n = guest_path(a[3]);

        r = (o && n) ? get_errno(linkat(a[0], o, a[2], n, a[4])) : -EFAULT;
        break;
    }
    case TARGET_NR_symlinkat: {
        /* The link's contents are stored as given. */
        const char *o = lock_user_string(a[0]), *n = guest_path(a[2]);

        r = (o && n) ? get_errno(symlinkat(o, a[1], n)) : -EFAULT;
        break;
    }
    case TARGET_NR_fchmod:
        r = get_errno(fchmod(a[0], a[1]));
        break;
    case TARGET_NR_fchmodat: {
        const char *path = guest_path(a[1]);

        r = path ? get_errno(syscall(SYS_fchmodat, (int)a[0], path,
                                     (mode_t)a[2])) : -EFAULT;
        break;
    }
    case TARGET_NR_fchown:
        r = get_errno(fchown(a[0], a[1], a[2]));
        break;
    case TARGET_NR_fchownat: {
        const char *path = guest_path(a[1]);

        r = path ? get_errno(fchownat(a[0], path, a[2], a[3], a[4])) : -EFAULT;
        break;
    }
    case TARGET_NR_truncate: {
        const char *path = guest_path(a[0]);

        r = path ? get_errno(truncate(path, a[1])) : -EFAULT;
        break;
    }
    case TARGET_NR_ftruncate:
        r = get_errno(ftruncate(a[0], a[1]));
        break;
    case TARGET_NR_fallocate:
        r = get_errno(fallocate(a[0], a[1], a[2], a[3]));
        break;
    case TARGET_NR_fsync:
        r = get_errno(fsync(a[0]));
        break;
    case TARGET_NR_fdatasync:
        r = get_errno(fdatasync(a[0]));
        break;
    case TARGET_NR_sync:
        sync();
        r = 0;
        break;
    case TARGET_NR_syncfs:
        r = get_errno(syncfs(a[0]));
        break;
#ifdef TARGET_NR_fadvise64                  /* ARM: arm_fadvise64_64 */
    case TARGET_NR_fadvise64:
        r = -posix_fadvise(a[0], a[1], a[2], a[3]);
        break;
#endif
    case TARGET_NR_readahead:
        r = get_errno(readahead(a[0], a[1], a[2]));
        break;
    case TARGET_NR_umask:
        r = umask(a[0]);
        break;
    case TARGET_NR_utimensat: {
        const char *path = a[1] ? guest_path(a[1]) : NULL;
        void *ts = a[2] ? T_PTR(VERIFY_READ, a[2], 32) : NULL;

        if ((a[1] && !path) || (a[2] && !ts)) {
            r = -EFAULT;
            break;
        }
        r = get_errno(syscall(SYS_utimensat, (int)a[0], path, ts, (int)a[3]));
        break;
    }
    case TARGET_NR_sendfile: {
        off_t *off = a[2] ? T_PTR(VERIFY_WRITE, a[2], 8) : NULL;

        r = (a[2] && !off) ? -EFAULT :
            get_errno(sendfile(a[0], a[1], off, a[3]));
        break;
    }
    case TARGET_NR_copy_file_range: {
        loff_t *oi = a[1] ? T_PTR(VERIFY_WRITE, a[1], 8) : NULL;
        loff_t *oo = a[3] ? T_PTR(VERIFY_WRITE, a[3], 8) : NULL;

        r = ((a[1] && !oi) || (a[3] && !oo)) ? -EFAULT :
            get_errno(copy_file_range(a[0], oi, a[2], oo, a[4], a[5]));
        break;
    }
    case TARGET_NR_ppoll: {
        struct pollfd *fds = T_PTR(VERIFY_WRITE, a[0],
                                   (abi_ulong)a[1] * sizeof(struct pollfd));
        struct timespec *ts = a[2] ? T_PTR(VERIFY_WRITE, a[2], 16) : NULL;

        if ((a[1] && !fds) || (a[2] && !ts)) {
            r = -EFAULT;
            break;
        }
        if ((abi_ulong)a[1] > 1u << 20) {
            r = -EINVAL;
            break;
        }
        r = safe_syscall6(SYS_ppoll, fds, a[1], ts, 0, 0, 0);
        break;
    }
    case TARGET_NR_pselect6: {
        fd_set *s[3];
        struct timespec *ts = a[4] ? T_PTR(VERIFY_WRITE, a[4], 16) : NULL;
        int i, n = a[0];

        if (n < 0 || n > FD_SETSIZE) {
            r = -EINVAL;
            break;
        }
        r = 0;
        for (i = 0; i < 3; i++) {
            s[i] = a[1 + i] ? T_PTR(VERIFY_WRITE, a[1 + i], (n + 7) / 8) : NULL;
            if (a[1 + i] && !s[i]) {
                r = -EFAULT;
            }
        }
        if (r || (a[4] && !ts)) {
            r = -EFAULT;
            break;
        }
        r = safe_syscall6(SYS_pselect6, n, s[0], s[1], s[2], ts, 0);
        break;
    }
    case TARGET_NR_epoll_create1:
        r = get_errno(epoll_create1(target_to_host_open_flags(a[0])));
        break;
    case TARGET_NR_epoll_ctl:
        r = do_epoll_ctl(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_epoll_pwait:
        r = do_epoll_pwait(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_eventfd2:
        r = get_errno(eventfd(a[0], target_to_host_open_flags(a[1])));
        break;
    case TARGET_NR_timerfd_create:
        r = get_errno(timerfd_create(a[0], target_to_host_open_flags(a[1])));
        break;
    case TARGET_NR_timerfd_settime: {
        void *n = T_PTR(VERIFY_READ, a[2], 32);
        void *o = a[3] ? T_PTR(VERIFY_WRITE, a[3], 32) : NULL;

        r = (!n || (a[3] && !o)) ? -EFAULT :
            get_errno(timerfd_settime(a[0], a[1], n, o));
        break;
    }
    case TARGET_NR_timerfd_gettime:
        p = T_PTR(VERIFY_WRITE, a[1], 32);
        r = p ? get_errno(timerfd_gettime(a[0], p)) : -EFAULT;
        break;
    case TARGET_NR_inotify_init1:
        r = get_errno(inotify_init1(target_to_host_open_flags(a[0])));
        break;
    case TARGET_NR_inotify_add_watch: {
        const char *path = guest_path(a[1]);

        r = path ? get_errno(inotify_add_watch(a[0], path, a[2])) : -EFAULT;
        break;
    }
    case TARGET_NR_inotify_rm_watch:
        r = get_errno(inotify_rm_watch(a[0], a[1]));
        break;
    case TARGET_NR_memfd_create: {
        const char *name = lock_user_string(a[0]);

        r = name ? get_errno(memfd_create(name, a[1])) : -EFAULT;
        break;
    }
    case TARGET_NR_splice: {
        loff_t *oi = a[1] ? T_PTR(VERIFY_WRITE, a[1], 8) : NULL;
        loff_t *oo = a[3] ? T_PTR(VERIFY_WRITE, a[3], 8) : NULL;

        r = ((a[1] && !oi) || (a[3] && !oo)) ? -EFAULT :
            get_errno(splice(a[0], oi, a[2], oo, a[4], a[5]));
        break;
    }
    case TARGET_NR_getxattr:
    case TARGET_NR_lgetxattr:
    case TARGET_NR_fgetxattr: {
        const char *path = num == TARGET_NR_fgetxattr ? "" : guest_path(a[0]);
        const char *name = lock_user_string(a[1]);

        p = a[3] ? T_PTR(VERIFY_WRITE, a[2], a[3]) : NULL;
        if (!path || !name || (a[3] && !p)) {
            r = -EFAULT;
        } else if (num == TARGET_NR_getxattr) {
            r = get_errno(getxattr(path, name, p, a[3]));
        } else if (num == TARGET_NR_lgetxattr) {
            r = get_errno(lgetxattr(path, name, p, a[3]));
        } else {
            r = get_errno(fgetxattr(a[0], name, p, a[3]));
        }
        break;
    }
    case TARGET_NR_setxattr:
    case TARGET_NR_lsetxattr:
    case TARGET_NR_fsetxattr: {
        const char *path = num == TARGET_NR_fsetxattr ? "" : guest_path(a[0]);
        const char *name = lock_user_string(a[1]);

        p = a[3] ? T_PTR(VERIFY_READ, a[2], a[3]) : NULL;
        if (!path || !name || (a[3] && !p)) {
            r = -EFAULT;
        } else if (num == TARGET_NR_setxattr) {
            r = get_errno(setxattr(path, name, p, a[3], a[4]));
        } else if (num == TARGET_NR_lsetxattr) {
            r = get_errno(lsetxattr(path, name, p, a[3], a[4]));
        } else {
            r = get_errno(fsetxattr(a[0], name, p, a[3], a[4]));
        }
        break;
    }
    case TARGET_NR_listxattr:
    case TARGET_NR_llistxattr:
    case TARGET_NR_flistxattr: {
        const char *path = num == TARGET_NR_flistxattr ? "" : guest_path(a[0]);

        p = a[2] ? T_PTR(VERIFY_WRITE, a[1], a[2]) : NULL;
        if (!path || (a[2] && !p)) {
            r = -EFAULT;
        } else if (num == TARGET_NR_listxattr) {
            r = get_errno(listxattr(path, p, a[2]));
        } else if (num == TARGET_NR_llistxattr) {
            r = get_errno(llistxattr(path, p, a[2]));
        } else {
            r = get_errno(flistxattr(a[0], p, a[2]));
        }
        break;
    }
    case TARGET_NR_removexattr:
    case TARGET_NR_lremovexattr:
    case TARGET_NR_fremovexattr: {
        const char *path = num == TARGET_NR_fremovexattr ? ""
                                                         : guest_path(a[0]);
        const char *name = lock_user_string(a[1]);

        if (!path || !name) {
            r = -EFAULT;
        } else if (num == TARGET_NR_removexattr) {
            r = get_errno(removexattr(path, name));
        } else if (num == TARGET_NR_lremovexattr) {
            r = get_errno(lremovexattr(path, name));
        } else {
            r = get_errno(fremovexattr(a[0], name));
        }
        break;
    }
#ifdef TARGET_NR_sync_file_range            /* ARM: sync_file_range2 */
    case TARGET_NR_sync_file_range:
        r = get_errno(sync_file_range(a[0], a[1], a[2], a[3]));
        break;
#endif
    default:
        return false;
    }
    *ret = r;
    return true;
}
