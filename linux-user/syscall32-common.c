/*
 * linux-user/syscall32-common.c: the system calls of the 32-bit guest
 * ABIs (i386, ARM EABI) whose arguments or structures differ from the
 * 64-bit layouts the generic families use, where every 32-bit ABI does
 * the same thing (see syscall32.h for the per-ABI facts).
 *
 * Reached through do_syscall32() from the target's do_syscall_arch,
 * after the target's own calls.  Three kinds of cases:
 *  - calls with 32-bit structures (timespec, timeval, rlimit, rusage,
 *    statfs64, flock64, sysinfo, tms, old sigaction, msghdr, SysV IPC
 *    *_ds, siginfo...): converted here, often by building the 64-bit
 *    structure in a small per-thread scratch area of guest memory and
 *    handing the generic call its address;
 *  - the _time64 calls, whose structures are the 64-bit ones: the
 *    generic call of the same name (syscall_dispatch_generic);
 *  - 32-bit-only calls: mmap2, _llseek, 64-bit offsets split across two
 *    registers (aligned to an even register on EABI), the *32 uid calls,
 *    the old stat/statfs/fcntl/select/sigaction calls.
 * The socket-message and SysV IPC structures are in syscall32-ipc.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qemu.h"
#include "struct-conv.h"
#include "syscall_nr.h"
#include "syscall32.h"

/* ------------------------------------------------------------ siginfo */

static void put32(uint8_t *t, size_t off, uint32_t v)
{
    v = tswap32(v);
    memcpy(t + off, &v, 4);
}

/*
 * The 64-bit siginfo union (at 16, 8-byte pointers and longs) to the
 * 32-bit one (at 12, 4-byte pointers and longs); the layouts of the
 * union members are the generic Linux ones on every 32-bit ABI here.
 */
void siginfo_to_32(uint8_t *t, int sig, const TargetSigInfo *info)
{
    const uint8_t *u = info->u.raw;
    uint64_t v;
    int code = info->si_code;

    put32(t, 0, sig);
    put32(t, 4, info->si_errno);
    put32(t, 8, code);
    if (code > 0 && (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
                     sig == SIGFPE || sig == SIGTRAP)) {
        memcpy(&v, u, 8);
        put32(t, 12, tswap64(v));                   /* si_addr */
    } else if (code > 0 && sig == SIGCHLD) {
        memcpy(t + 12, u, 12);                      /* pid, uid, status */
        memcpy(&v, u + 16, 8);
        put32(t, 24, tswap64(v));                   /* utime */
        memcpy(&v, u + 24, 8);
        put32(t, 28, tswap64(v));                   /* stime */
    } else if (code > 0 && sig == SIGIO) {
        memcpy(&v, u, 8);
        put32(t, 12, tswap64(v));                   /* band */
        memcpy(t + 16, u + 8, 4);                   /* fd */
    } else {
        /* kill, sigqueue, timers: two ints and a sigval. */
        memcpy(t + 12, u, 8);
        memcpy(&v, u + 8, 8);
        put32(t, 20, tswap64(v));
    }
}

/* A 64-bit siginfo the generic code wrote at s, to the guest's g. */
static bool narrow_siginfo(abi_ulong g, abi_ulong s)
{
    TargetSigInfo info;
    uint8_t *t = lock_user(VERIFY_WRITE, g, 128);

    if (!t) {
        return false;
    }
    memcpy(&info, g2h(s), sizeof(info));
    memset(t, 0, 128);
    if (info.si_signo) {
        siginfo_to_32(t, info.si_signo, &info);
    }
    return true;
}

/* ------------------------------------------------------------ scratch */

/*
 * A per-thread piece of guest memory where a call's 64-bit structures
 * are built; reset at every call (calls do not nest beyond one rewrite).
 */
#define SCRATCH_SIZE (16 * 1024)
static __thread abi_ulong scratch_base, scratch_used;

static abi_ulong scratch(abi_ulong size)
{
    abi_ulong a;

    if (!scratch_base) {
        abi_long r = target_mmap(0, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (is_error(r)) {
            return 0;
        }
        scratch_base = r;
    }
    size = (size + 15) & ~(abi_ulong)15;
    if (scratch_used + size > SCRATCH_SIZE) {
        return 0;
    }
    a = scratch_base + scratch_used;
    scratch_used += size;
    memset(g2h(a), 0, size);
    return a;
}

abi_ulong syscall32_scratch(abi_ulong size)
{
    return scratch(size);
}

void syscall32_begin(void)
{
    scratch_used = 0;
}

void syscall32_thread_exit(void)
{
    if (scratch_base) {
        target_munmap(scratch_base, SCRATCH_SIZE);
        scratch_base = 0;
    }
}

/* The generic call num with these (already converted) arguments. */
static abi_long generic(CPUArchState *env, int num, abi_long a1, abi_long a2,
                        abi_long a3, abi_long a4, abi_long a5, abi_long a6)
{
    abi_long args[6] = { a1, a2, a3, a4, a5, a6 };
    abi_long ret;

    if (!syscall_dispatch_generic(env, num, args, &ret)) {
        return -ENOSYS;
    }
    return ret;
}

abi_long syscall32_generic(CPUArchState *env, int num, abi_long a1,
                           abi_long a2, abi_long a3, abi_long a4, abi_long a5,
                           abi_long a6)
{
    return generic(env, num, a1, a2, a3, a4, a5, a6);
}

/* ------------------------------------------------------- time layouts */

/*
 * A 32-bit timespec/timeval (two 32-bit longs) at g to a 64-bit one in
 * scratch memory; 0 for g == 0, -1 for a bad pointer.
 */
static abi_ulong widen_time(abi_ulong g, int n)
{
    abi_ulong s;
    int i;

    if (!g) {
        return 0;
    }
    s = scratch(16 * n);
    for (i = 0; i < n; i++) {
        uint32_t sec, frac;

        if (!s || !get_user_u32(&sec, g + 8 * i) ||
            !get_user_u32(&frac, g + 8 * i + 4)) {
            return (abi_ulong)-1;
        }
        put_user_u64((int64_t)(int32_t)sec, s + 16 * i);
        put_user_u64((int64_t)(int32_t)frac, s + 16 * i + 8);
    }
    return s;
}

/* And back (for calls that write the time). */
static bool narrow_time(abi_ulong g, abi_ulong s, int n)
{
    int i;

    for (i = 0; g && i < n; i++) {
        uint64_t sec, frac;

        if (!get_user_u64(&sec, s + 16 * i) ||
            !get_user_u64(&frac, s + 16 * i + 8) ||
            !put_user_u32(sec, g + 8 * i) || !put_user_u32(frac, g + 8 * i + 4)) {
            return false;
        }
    }
    return true;
}

#define BAD_PTR ((abi_ulong)-1)

/* A call with a timespec/timeval argument at index idx (in/out). */
static abi_long with_time32(CPUArchState *env, int num, abi_long *a, int idx,
                            int n, bool out)
{
    abi_long args[6];
    abi_ulong s = widen_time(a[idx], n);
    abi_long r;

    if (s == BAD_PTR) {
        return -EFAULT;
    }
    if (out && a[idx] && !s) {
        s = scratch(16 * n);
    }
    memcpy(args, a, sizeof(args));
    args[idx] = s;
    r = generic(env, num, args[0], args[1], args[2], args[3], args[4],
                args[5]);
    if (!is_error(r) && out && a[idx] && !narrow_time(a[idx], s, n)) {
        return -EFAULT;
    }
    return r;
}

/* A call that only writes a timespec at index idx. */
static abi_long out_time32(CPUArchState *env, int num, abi_long *a, int idx)
{
    abi_long args[6];
    abi_ulong s = a[idx] ? scratch(16) : 0;
    abi_long r;

    memcpy(args, a, sizeof(args));
    args[idx] = s;
    r = generic(env, num, args[0], args[1], args[2], args[3], args[4],
                args[5]);
    if (!is_error(r) && a[idx] && !narrow_time(a[idx], s, 1)) {
        return -EFAULT;
    }
    return r;
}

/*
 * A call with n 32-bit timespecs read at index in (or -1) and n written
 * at index out (or -1): itimerspec calls, clock_settime...
 */
static abi_long time32_inout(CPUArchState *env, int num, abi_long *a,
                             int in, int out, int n)
{
    abi_long args[6];
    abi_ulong si = in >= 0 ? widen_time(a[in], n) : 0;
    abi_ulong so = out >= 0 && a[out] ? scratch(16 * n) : 0;
    abi_long r;

    if (si == BAD_PTR) {
        return -EFAULT;
    }
    memcpy(args, a, sizeof(args));
    if (in >= 0) {
        args[in] = si;
    }
    if (out >= 0) {
        args[out] = so;
    }
    r = generic(env, num, args[0], args[1], args[2], args[3], args[4],
                args[5]);
    if (!is_error(r) && so && !narrow_time(a[out], so, n)) {
        return -EFAULT;
    }
    return r;
}

static abi_long do_gettimeofday32(abi_ulong tv, abi_ulong tz)
{
    struct timeval t;

    gettimeofday(&t, NULL);
    if (tv && (!put_user_u32(t.tv_sec, tv) ||
               !put_user_u32(t.tv_usec, tv + 4))) {
        return -EFAULT;
    }
    if (tz && (!put_user_u32(0, tz) || !put_user_u32(0, tz + 4))) {
        return -EFAULT;
    }
    return 0;
}

/* ------------------------------------------------------------- limits */

#define RLIM32_INF 0xffffffffu

static abi_long do_getrlimit32(int res, abi_ulong addr, bool old)
{
    struct rlimit r;
    rlim_t v[2];
    int i;

    if (getrlimit(res, &r) != 0) {
        return -errno;
    }
    v[0] = r.rlim_cur;
    v[1] = r.rlim_max;
    for (i = 0; i < 2; i++) {
        uint32_t x = v[i] >= (old ? 0x7fffffffu : RLIM32_INF)
                     ? (old ? 0x7fffffffu : RLIM32_INF) : (uint32_t)v[i];

        if (!put_user_u32(x, addr + 4 * i)) {
            return -EFAULT;
        }
    }
    return 0;
}

static abi_long do_setrlimit32(int res, abi_ulong addr)
{
    uint32_t c, m;
    struct rlimit r;

    if (!get_user_u32(&c, addr) || !get_user_u32(&m, addr + 4)) {
        return -EFAULT;
    }
    r.rlim_cur = c == RLIM32_INF ? RLIM_INFINITY : c;
    r.rlim_max = m == RLIM32_INF ? RLIM_INFINITY : m;
    return get_errno(setrlimit(res, &r));
}

/* struct rusage: two 32-bit timevals and 14 longs (72 bytes). */
static bool put_rusage32(abi_ulong addr, const struct rusage *ru)
{
    uint8_t *t = lock_user(VERIFY_WRITE, addr, 72);
    const long *rest = &ru->ru_maxrss;
    int i;

    if (!t) {
        return false;
    }
    conv_put(t, 4, ru->ru_utime.tv_sec);
    conv_put(t + 4, 4, ru->ru_utime.tv_usec);
    conv_put(t + 8, 4, ru->ru_stime.tv_sec);
    conv_put(t + 12, 4, ru->ru_stime.tv_usec);
    for (i = 0; i < 14; i++) {
        conv_put(t + 16 + 4 * i, 4, rest[i]);
    }
    return true;
}

static abi_long do_wait4_32(CPUArchState *env, abi_long *a)
{
    abi_ulong ru = a[3], s = ru ? scratch(sizeof(struct rusage)) : 0;
    abi_long r;

    r = generic(env, TARGET_NR_wait4, a[0], a[1], a[2], s, 0, 0);
    if (!is_error(r) && ru) {
        struct rusage h;

        memcpy(&h, g2h(s), sizeof(h));
        if (!put_rusage32(ru, &h)) {
            return -EFAULT;
        }
    }
    return r;
}

/* ------------------------------------------------------------- files */

/* struct statfs64 (packed to 4: 84 bytes) / struct statfs (64 bytes). */
static abi_long put_statfs32(abi_ulong addr, const struct statfs *h, bool is64)
{
    uint8_t *t = lock_user(VERIFY_WRITE, addr, is64 ? 84 : 64);
    int w = is64 ? 8 : 4, o = 8;

    if (!t) {
        return -EFAULT;
    }
    memset(t, 0, is64 ? 84 : 64);
    conv_put(t, 4, h->f_type);
    conv_put(t + 4, 4, h->f_bsize);
    conv_put(t + o, w, h->f_blocks);
    conv_put(t + o + w, w, h->f_bfree);
    conv_put(t + o + 2 * w, w, h->f_bavail);
    conv_put(t + o + 3 * w, w, h->f_files);
    conv_put(t + o + 4 * w, w, h->f_ffree);
    o += 5 * w;
    memcpy(t + o, &h->f_fsid, 8);
    conv_put(t + o + 8, 4, h->f_namelen);
    conv_put(t + o + 12, 4, h->f_frsize);
    conv_put(t + o + 16, 4, h->f_flags);
    return 0;
}

static abi_long do_statfs32(abi_ulong path, int fd, abi_ulong size,
                            abi_ulong buf, bool is64)
{
    struct statfs h;
    int r;

    if (is64 && size != 84) {
        return -EINVAL;
    }
    if (path) {
        char pbuf[4096];
        const char *p = lock_user_string(path);

        if (!p) {
            return -EFAULT;
        }
        r = statfs(path_for_host(p, pbuf, sizeof(pbuf)), &h);
    } else {
        r = fstatfs(fd, &h);
    }
    if (r != 0) {
        return -errno;
    }
    return put_statfs32(buf, &h, is64);
}

/* struct stat (the old one, 64 bytes), for stat/lstat/fstat 106-108. */
static abi_long put_oldstat32(abi_ulong addr, const struct stat *h)
{
    uint8_t *t = lock_user(VERIFY_WRITE, addr, 64);

    if (!t) {
        return -EFAULT;
    }
    memset(t, 0, 64);
    if (h->st_ino != (uint32_t)h->st_ino ||
        h->st_size != (int32_t)h->st_size) {
        return -EOVERFLOW;
    }
    conv_put(t, 4, h->st_dev);
    conv_put(t + 4, 4, h->st_ino);
    conv_put(t + 8, 2, h->st_mode);
    conv_put(t + 10, 2, h->st_nlink);
    conv_put(t + 12, 2, h->st_uid);
    conv_put(t + 14, 2, h->st_gid);
    conv_put(t + 16, 4, h->st_rdev);
    conv_put(t + 20, 4, h->st_size);
    conv_put(t + 24, 4, h->st_blksize);
    conv_put(t + 28, 4, h->st_blocks);
    conv_put(t + 32, 4, h->st_atim.tv_sec);
    conv_put(t + 36, 4, h->st_atim.tv_nsec);
    conv_put(t + 40, 4, h->st_mtim.tv_sec);
    conv_put(t + 44, 4, h->st_mtim.tv_nsec);
    conv_put(t + 48, 4, h->st_ctim.tv_sec);
    conv_put(t + 52, 4, h->st_ctim.tv_nsec);
    return 0;
}

static abi_long do_oldstat(abi_ulong path, int fd, abi_ulong buf, int flags)
{
    struct stat st;
    int r;

    if (path) {
        char pbuf[4096];
        const char *p = lock_user_string(path);

        if (!p) {
            return -EFAULT;
        }
        r = fstatat(AT_FDCWD, path_for_host(p, pbuf, sizeof(pbuf)), &st,
                    flags);
    } else {
        r = fstat(fd, &st);
    }
    return r ? -errno : put_oldstat32(buf, &st);
}

/*
 * fcntl64 locks: struct flock64 is l_type, l_whence, then l_start at
 * TARGET_FLOCK64_START (4 on i386, packed; 8 on EABI), l_len and l_pid
 * after it; struct flock (fcntl) has 32-bit l_start/l_len (16 bytes).
 * F_GETLK64..F_SETLKW64 are 12..14 on every 32-bit ABI.
 */
#define TARGET32_F_GETLK64  12
#define TARGET32_F_SETLK64  13
#define TARGET32_F_SETLKW64 14
#define FL64_START          TARGET_FLOCK64_START
#define FL64_LEN            (TARGET_FLOCK64_START + 8)
#define FL64_PID            (TARGET_FLOCK64_START + 16)

static abi_long do_fcntl_lock32(int fd, int hcmd, abi_ulong addr, bool is64)
{
    struct flock fl;
    uint8_t *t = lock_user(VERIFY_WRITE, addr,
                           is64 ? TARGET_FLOCK64_SIZE : 16);
    abi_long r;

    if (!t) {
        return -EFAULT;
    }
    fl.l_type = (int16_t)conv_get(t, 2, true);
    fl.l_whence = (int16_t)conv_get(t + 2, 2, true);
    fl.l_start = is64 ? (int64_t)conv_get(t + FL64_START, 8, true)
                      : (int32_t)conv_get(t + 4, 4, true);
    fl.l_len = is64 ? (int64_t)conv_get(t + FL64_LEN, 8, true)
                    : (int32_t)conv_get(t + 8, 4, true);
    fl.l_pid = (int32_t)conv_get(t + (is64 ? FL64_PID : 12), 4, true);
    if (hcmd == F_SETLKW || hcmd == F_OFD_SETLKW) {
        r = safe_syscall3(SYS_fcntl, fd, hcmd, &fl);
    } else {
        r = get_errno(fcntl(fd, hcmd, &fl));
    }
    if (r == 0 && (hcmd == F_GETLK || hcmd == F_OFD_GETLK)) {
        conv_put(t, 2, fl.l_type);
        conv_put(t + 2, 2, fl.l_whence);
        if (is64) {
            conv_put(t + FL64_START, 8, fl.l_start);
            conv_put(t + FL64_LEN, 8, fl.l_len);
            conv_put(t + FL64_PID, 4, fl.l_pid);
        } else {
            conv_put(t + 4, 4, fl.l_start);
            conv_put(t + 8, 4, fl.l_len);
            conv_put(t + 12, 4, fl.l_pid);
        }
    }
    return r;
}

static abi_long do_fcntl32(CPUArchState *env, abi_long *a, bool is64)
{
    switch (a[1]) {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        return do_fcntl_lock32(a[0], a[1], a[2], false);
    case TARGET32_F_GETLK64:
        return is64 ? do_fcntl_lock32(a[0], F_GETLK, a[2], true) : -EINVAL;
    case TARGET32_F_SETLK64:
        return is64 ? do_fcntl_lock32(a[0], F_SETLK, a[2], true) : -EINVAL;
    case TARGET32_F_SETLKW64:
        return is64 ? do_fcntl_lock32(a[0], F_SETLKW, a[2], true) : -EINVAL;
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        return do_fcntl_lock32(a[0], a[1], a[2], true);
    default:
        return generic(env, TARGET_NR_fcntl, a[0], a[1], a[2], 0, 0, 0);
    }
}

/* ---------------------------------------------------------- processes */

/* struct sysinfo with 4-byte longs (64 bytes in all). */
static abi_long do_sysinfo32(abi_ulong addr)
{
    struct sysinfo h;
    uint8_t *t = lock_user(VERIFY_WRITE, addr, 64);
    unsigned long unit = 1;
    int i;

    if (!t) {
        return -EFAULT;
    }
    if (sysinfo(&h) != 0) {
        return -errno;
    }
    /* Scale the byte counts so they fit in 32 bits, as the kernel does. */
    unit = h.mem_unit;
    while (h.totalram > 0xffffffffu || h.totalswap > 0xffffffffu) {
        h.totalram >>= 1;
        h.freeram >>= 1;
        h.sharedram >>= 1;
        h.bufferram >>= 1;
        h.totalswap >>= 1;
        h.freeswap >>= 1;
        h.totalhigh >>= 1;
        h.freehigh >>= 1;
        unit <<= 1;
    }
    memset(t, 0, 64);
    conv_put(t, 4, h.uptime);
    for (i = 0; i < 3; i++) {
        conv_put(t + 4 + 4 * i, 4, h.loads[i]);
    }
    conv_put(t + 16, 4, h.totalram);
    conv_put(t + 20, 4, h.freeram);
    conv_put(t + 24, 4, h.sharedram);
    conv_put(t + 28, 4, h.bufferram);
    conv_put(t + 32, 4, h.totalswap);
    conv_put(t + 36, 4, h.freeswap);
    conv_put(t + 40, 2, h.procs);
    conv_put(t + 44, 4, h.totalhigh);
    conv_put(t + 48, 4, h.freehigh);
    conv_put(t + 52, 4, unit);
    return 0;
}

static abi_long do_times32(abi_ulong addr)
{
    struct tms h;
    clock_t r = times(&h);

    if (r == (clock_t)-1) {
        return -errno;
    }
    if (addr && (!put_user_u32(h.tms_utime, addr) ||
                 !put_user_u32(h.tms_stime, addr + 4) ||
                 !put_user_u32(h.tms_cutime, addr + 8) ||
                 !put_user_u32(h.tms_cstime, addr + 12))) {
        return -EFAULT;
    }
    return (abi_long)r;
}

/* ------------------------------------------------------------- signals */

/* struct old_sigaction: handler, mask (32 bits), flags, restorer. */
static abi_long do_old_sigaction(int sig, abi_ulong act, abi_ulong oact)
{
    TargetSigaction n, o;
    uint32_t h, m, f, rs;
    abi_long r;

    if (act) {
        if (!get_user_u32(&h, act) || !get_user_u32(&m, act + 4) ||
            !get_user_u32(&f, act + 8) || !get_user_u32(&rs, act + 12)) {
            return -EFAULT;
        }
        n.handler = h;
        n.mask = m;
        n.flags = f;
        n.restorer = rs;
    }
    r = do_sigaction(sig, act ? &n : NULL, oact ? &o : NULL);
    if (r == 0 && oact &&
        (!put_user_u32(o.handler, oact) || !put_user_u32(o.mask, oact + 4) ||
         !put_user_u32(o.flags, oact + 8) ||
         !put_user_u32(o.restorer, oact + 12))) {
        return -EFAULT;
    }
    return r;
}

static abi_long do_old_sigprocmask(int how, abi_ulong set, abi_ulong oset)
{
    uint64_t n = 0, o;
    uint32_t v;
    abi_long r;

    if (set) {
        if (!get_user_u32(&v, set)) {
            return -EFAULT;
        }
        /* The old call only reaches the first 32 signals. */
        n = v;
        if (how == SIG_SETMASK) {
            do_sigprocmask(SIG_BLOCK, NULL, &o);
            n |= o & ~0xffffffffull;
        }
    }
    r = do_sigprocmask(how, set ? &n : NULL, &o);
    if (r == 0 && oset && !put_user_u32(o, oset)) {
        return -EFAULT;
    }
    return r;
}

/* ------------------------------------------------------------- the table */

/* The *32 uid/gid calls are the generic ones (32-bit ids everywhere). */
static const struct {
    int nr32, nr;
} uid32_calls[] = {
    { TARGET_NR_getuid32, TARGET_NR_getuid },
    { TARGET_NR_getgid32, TARGET_NR_getgid },
    { TARGET_NR_geteuid32, TARGET_NR_geteuid },
    { TARGET_NR_getegid32, TARGET_NR_getegid },
    { TARGET_NR_setreuid32, TARGET_NR_setreuid },
    { TARGET_NR_setregid32, TARGET_NR_setregid },
    { TARGET_NR_getgroups32, TARGET_NR_getgroups },
    { TARGET_NR_setgroups32, TARGET_NR_setgroups },
    { TARGET_NR_fchown32, TARGET_NR_fchown },
    { TARGET_NR_setresuid32, TARGET_NR_setresuid },
    { TARGET_NR_getresuid32, TARGET_NR_getresuid },
    { TARGET_NR_setresgid32, TARGET_NR_setresgid },
    { TARGET_NR_getresgid32, TARGET_NR_getresgid },
    { TARGET_NR_setuid32, TARGET_NR_setuid },
    { TARGET_NR_setgid32, TARGET_NR_setgid },
    { TARGET_NR_setfsuid32, TARGET_NR_setfsuid },
    { TARGET_NR_setfsgid32, TARGET_NR_setfsgid },
};

/*
 * The _time64 calls: the generic call with the same 64-bit layouts,
 * except that a 32-bit task's struct __kernel_timespec has a 32-bit
 * tv_nsec: the kernel ignores the upper half (C libraries leave
 * padding there), so input timespecs are copied with it cleared.
 * ts: the argument holding n input timespecs (-1: none); inout: the
 * call writes the remaining time back there.
 */
static const struct {
    int nr64, nr;
    int8_t ts, n;
    bool inout;
} time64_calls[] = {
    { TARGET_NR_clock_gettime64, TARGET_NR_clock_gettime, -1, 0, false },
    { TARGET_NR_clock_settime64, TARGET_NR_clock_settime, 1, 1, false },
    { TARGET_NR_clock_getres_time64, TARGET_NR_clock_getres, -1, 0, false },
    { TARGET_NR_clock_nanosleep_time64, TARGET_NR_clock_nanosleep, 2, 1,
      false },
    { TARGET_NR_timer_gettime64, TARGET_NR_timer_gettime, -1, 0, false },
    { TARGET_NR_timer_settime64, TARGET_NR_timer_settime, 2, 2, false },
    { TARGET_NR_timerfd_gettime64, TARGET_NR_timerfd_gettime, -1, 0, false },
    { TARGET_NR_timerfd_settime64, TARGET_NR_timerfd_settime, 2, 2, false },
    { TARGET_NR_utimensat_time64, TARGET_NR_utimensat, 2, 2, false },
    { TARGET_NR_pselect6_time64, TARGET_NR_pselect6, 4, 1, true },
    { TARGET_NR_ppoll_time64, TARGET_NR_ppoll, 2, 1, true },
    { TARGET_NR_futex_time64, TARGET_NR_futex, 3, 1, false },
    { TARGET_NR_sched_rr_get_interval_time64,
      TARGET_NR_sched_rr_get_interval, -1, 0, false },
    { TARGET_NR_io_pgetevents_time64, TARGET_NR_io_pgetevents, 4, 1, false },
    { TARGET_NR_recvmmsg_time64, TARGET_NR_recvmmsg, 4, 1, false },
    { TARGET_NR_mq_timedsend_time64, TARGET_NR_mq_timedsend, 4, 1, false },
    { TARGET_NR_mq_timedreceive_time64, TARGET_NR_mq_timedreceive, 4, 1,
      false },
};

#define FUTEX_CMD_MASK 0x7f

/* Does this futex command take a timeout (not val2) in its 4th argument? */
static bool futex_has_timeout(abi_long op)
{
    int cmd = op & FUTEX_CMD_MASK;

    /* WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2 */
    return cmd == 0 || cmd == 6 || cmd == 9 || cmd == 11 || cmd == 13;
}

/* n 64-bit timespecs at g into scratch memory with tv_nsec's upper half
 * cleared: 0 for g == 0, BAD_PTR for a bad pointer. */
static abi_ulong clean_time64(abi_ulong g, int n)
{
    abi_ulong s;
    int i;

    if (!g) {
        return 0;
    }
    s = scratch(16 * n);
    for (i = 0; i < n; i++) {
        uint64_t sec, nsec;

        if (!s || !get_user_u64(&sec, g + 16 * i) ||
            !get_user_u64(&nsec, g + 16 * i + 8)) {
            return BAD_PTR;
        }
        put_user_u64(sec, s + 16 * i);
        put_user_u64((uint32_t)nsec, s + 16 * i + 8);
    }
    return s;
}

static abi_long do_time64(CPUArchState *env, int k, abi_long *a)
{
    abi_long args[6];
    int idx = time64_calls[k].ts;
    abi_ulong s;
    abi_long r;

    memcpy(args, a, sizeof(args));
    if (time64_calls[k].nr64 == TARGET_NR_futex_time64 &&
        !futex_has_timeout(a[1])) {
        idx = -1;
    }
    if (idx >= 0) {
        s = clean_time64(a[idx], time64_calls[k].n);
        if (s == BAD_PTR) {
            return -EFAULT;
        }
        args[idx] = s;
    }
    r = generic(env, time64_calls[k].nr, args[0], args[1], args[2], args[3],
                args[4], args[5]);
    if (idx >= 0 && time64_calls[k].inout && a[idx] && !is_error(r)) {
        void *d = lock_user(VERIFY_WRITE, a[idx], 16 * time64_calls[k].n);

        if (!d) {
            return -EFAULT;
        }
        memcpy(d, g2h(args[idx]), 16 * time64_calls[k].n);
    }
    return r;
}


/* Index of the first register of a 64-bit argument that would start at
 * register i (EABI skips to the next even register). */
#define P64(i) ((i) + TARGET_ABI32_PAIR_PAD)

bool do_syscall32(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;
    size_t i;

    for (i = 0; i < sizeof(uid32_calls) / sizeof(uid32_calls[0]); i++) {
        if (uid32_calls[i].nr32 == num) {
            *ret = generic(env, uid32_calls[i].nr, a[0], a[1], a[2], a[3],
                           a[4], a[5]);
            return true;
        }
    }
    for (i = 0; i < sizeof(time64_calls) / sizeof(time64_calls[0]); i++) {
        if (time64_calls[i].nr64 == num) {
            *ret = do_time64(env, i, a);
            return true;
        }
    }

    switch (num) {
    /* ------------------------------------------------ memory, offsets */
    case TARGET_NR_mmap2:                   /* the offset in 4096 units */
        r = target_mmap(a[0], a[1], a[2], a[3], a[4],
                        (off_t)(abi_ulong)a[5] << 12);
        break;
    case TARGET_NR__llseek: {
        off_t o = lseek(a[0], pair64(a[2], a[1]), a[4]);

        if (o < 0) {
            r = -errno;
        } else {
            r = put_user_u64(o, a[3]) ? 0 : -EFAULT;
        }
        break;
    }
    case TARGET_NR_pread64:                 /* fd, buf, count, [pad], off */
    case TARGET_NR_pwrite64: {
        bool rd = num == TARGET_NR_pread64;
        void *p = lock_user(rd ? VERIFY_WRITE : VERIFY_READ, a[1], a[2]);
        uint64_t off = pair64(a[P64(3)], a[P64(3) + 1]);

        if (!p && a[2]) {
            r = -EFAULT;
        } else if (rd) {
            r = safe_syscall4(SYS_pread64, a[0], p, (abi_ulong)a[2], off);
        } else {
            r = safe_syscall4(SYS_pwrite64, a[0], p, (abi_ulong)a[2], off);
        }
        break;
    }
    case TARGET_NR_truncate64: {            /* path, [pad], length */
        char pbuf[4096];
        const char *p = lock_user_string(a[0]);

        r = p ? get_errno(truncate(path_for_host(p, pbuf, sizeof(pbuf)),
                                   pair64(a[P64(1)], a[P64(1) + 1])))
              : -EFAULT;
        break;
    }
    case TARGET_NR_ftruncate64:             /* fd, [pad], length */
        r = get_errno(ftruncate(a[0], pair64(a[P64(1)], a[P64(1) + 1])));
        break;
    case TARGET_NR_fallocate:               /* fd, mode, offset, len */
        r = get_errno(fallocate(a[0], a[1], pair64(a[2], a[3]),
                                pair64(a[4], a[5])));
        break;
    case TARGET_NR_readahead:               /* fd, [pad], offset, count */
        r = get_errno(readahead(a[0], pair64(a[P64(1)], a[P64(1) + 1]),
                                (abi_ulong)a[P64(1) + 2]));
        break;
#ifdef TARGET_NR_sync_file_range             /* EABI has sync_file_range2 */
    case TARGET_NR_sync_file_range:         /* fd, offset, nbytes, flags */
        r = get_errno(sync_file_range(a[0], pair64(a[1], a[2]),
                                      pair64(a[3], a[4]), a[5]));
        break;
#endif
    case TARGET_NR_sendfile64:
        r = generic(env, TARGET_NR_sendfile, a[0], a[1], a[2], a[3], 0, 0);
        break;
    case TARGET_NR_sendfile: {              /* off_t * is 32 bits here */
        abi_ulong s = a[2] ? scratch(8) : 0;
        uint32_t o;

        if (a[2]) {
            if (!get_user_u32(&o, a[2])) {
                r = -EFAULT;
                break;
            }
            put_user_u64((int32_t)o, s);
        }
        r = generic(env, TARGET_NR_sendfile, a[0], a[1], s, a[3], 0, 0);
        if (a[2] && !is_error(r)) {
            uint64_t n = 0;

            get_user_u64(&n, s);
            put_user_u32(n, a[2]);
        }
        break;
    }

    /* ------------------------------------------------------ files */
    case TARGET_NR_stat64:
    case TARGET_NR_lstat64:
        r = generic(env, TARGET_NR_fstatat64, AT_FDCWD, a[0], a[1],
                    num == TARGET_NR_lstat64 ? AT_SYMLINK_NOFOLLOW : 0, 0, 0);
        break;
    case TARGET_NR_stat:
    case TARGET_NR_lstat:
        r = do_oldstat(a[0], -1, a[1],
                       num == TARGET_NR_lstat ? AT_SYMLINK_NOFOLLOW : 0);
        break;
    case TARGET_NR_fstat:
        r = do_oldstat(0, a[0], a[1], 0);
        break;
    case TARGET_NR_statfs:
        r = do_statfs32(a[0], -1, 84, a[1], false);
        break;
    case TARGET_NR_fstatfs:
        r = do_statfs32(0, a[0], 84, a[1], false);
        break;
    case TARGET_NR_statfs64:
        r = do_statfs32(a[0], -1, a[1], a[2], true);
        break;
    case TARGET_NR_fstatfs64:
        r = do_statfs32(0, a[0], a[1], a[2], true);
        break;
    case TARGET_NR_fcntl:
        r = do_fcntl32(env, a, false);
        break;
    case TARGET_NR_fcntl64:
        r = do_fcntl32(env, a, true);
        break;
    case TARGET_NR_chown32:
        r = generic(env, TARGET_NR_fchownat, AT_FDCWD, a[0], a[1], a[2], 0,
                    0);
        break;
    case TARGET_NR_lchown32:
        r = generic(env, TARGET_NR_fchownat, AT_FDCWD, a[0], a[1], a[2],
                    AT_SYMLINK_NOFOLLOW, 0);
        break;
    case TARGET_NR__newselect:
        r = do_select(a[0], a[1], a[2], a[3], a[4]);
        break;

    /* ------------------------------------------------------- time */
    case TARGET_NR_gettimeofday:
        r = do_gettimeofday32(a[0], a[1]);
        break;
    case TARGET_NR_clock_gettime:
    case TARGET_NR_clock_getres:
        r = out_time32(env, num, a, 1);
        break;
    case TARGET_NR_nanosleep:
        /* The remaining time is not reported (rare use). */
        r = with_time32(env, num, a, 0, 1, false);
        break;
    case TARGET_NR_clock_nanosleep:
        r = with_time32(env, num, a, 2, 1, false);
        break;
    case TARGET_NR_utimensat:
        r = with_time32(env, num, a, 2, 2, false);
        break;
    case TARGET_NR_ppoll:
        r = with_time32(env, num, a, 2, 1, true);
        break;
    case TARGET_NR_pselect6:
        r = with_time32(env, num, a, 4, 1, true);
        break;
    case TARGET_NR_rt_sigtimedwait:
    case TARGET_NR_rt_sigtimedwait_time64: {
        abi_long args[6];
        abi_ulong ts = num == TARGET_NR_rt_sigtimedwait ? widen_time(a[2], 1)
                                                         : (abi_ulong)a[2];
        abi_ulong si = a[1] ? scratch(128) : 0;

        if (ts == BAD_PTR) {
            r = -EFAULT;
            break;
        }
        memcpy(args, a, sizeof(args));
        args[1] = si;
        args[2] = ts;
        r = generic(env, TARGET_NR_rt_sigtimedwait, args[0], args[1],
                    args[2], args[3], 0, 0);
        if (!is_error(r) && a[1] && !narrow_siginfo(a[1], si)) {
            r = -EFAULT;
        }
        break;
    }
    case TARGET_NR_waitid: {
        abi_ulong si = a[2] ? scratch(128) : 0;
        abi_ulong ru = a[4] ? scratch(sizeof(struct rusage)) : 0;

        r = generic(env, num, a[0], a[1], si, a[3], ru, 0);
        if (!is_error(r) && a[2]) {
            /* The host wrote a host siginfo_t: make it a target one. */
            TargetSigInfo info;
            siginfo_t h;

            memcpy(&h, g2h(si), sizeof(h));
            host_to_target_siginfo(&info, &h);
            memcpy(g2h(si), &info, sizeof(info));
            if (!narrow_siginfo(a[2], si)) {
                r = -EFAULT;
            }
        }
        if (!is_error(r) && a[4]) {
            struct rusage h;

            memcpy(&h, g2h(ru), sizeof(h));
            if (!put_rusage32(a[4], &h)) {
                r = -EFAULT;
            }
        }
        break;
    }
    case TARGET_NR_futex:
        /* Only the WAIT-type commands take a timespec in a[3] (the
         * requeue ones have a count there). */
        if (futex_has_timeout(a[1])) {
            r = with_time32(env, num, a, 3, 1, false);
        } else {
            r = generic(env, num, a[0], a[1], a[2], a[3], a[4], a[5]);
        }
        break;
    case TARGET_NR_times:
        r = do_times32(a[0]);
        break;
    case TARGET_NR_timer_create: {
        /*
         * struct sigevent: sigval (4 bytes), signo, notify, then the
         * union (the thread id) at 12; the 64-bit one has them at 0, 8,
         * 12 and 16.
         */
        abi_ulong s = a[1] ? scratch(64) : 0;
        uint32_t w[4];

        if (a[1]) {
            for (i = 0; i < 4; i++) {
                if (!get_user_u32(&w[i], a[1] + 4 * i)) {
                    *ret = -EFAULT;
                    return true;
                }
            }
            put_user_u64(w[0], s);
            put_user_u32(w[1], s + 8);
            put_user_u32(w[2], s + 12);
            put_user_u32(w[3], s + 16);
        }
        r = generic(env, num, a[0], s, a[2], 0, 0, 0);
        break;
    }
    case TARGET_NR_timer_settime:
    case TARGET_NR_timerfd_settime:
        r = time32_inout(env, num, a, 2, 3, 2);
        break;
    case TARGET_NR_timer_gettime:
    case TARGET_NR_timerfd_gettime:
        r = time32_inout(env, num, a, -1, 1, 2);
        break;
    case TARGET_NR_clock_settime:
        r = time32_inout(env, num, a, 1, -1, 1);
        break;
    case TARGET_NR_sched_rr_get_interval:
        r = time32_inout(env, num, a, -1, 1, 1);
        break;
    case TARGET_NR_setitimer:
    case TARGET_NR_getitimer: {
        /* struct itimerval: two 32-bit timevals in, two out. */
        bool set = num == TARGET_NR_setitimer;
        abi_ulong in = set ? widen_time(a[1], 2) : 0;
        abi_ulong outg = set ? a[2] : a[1];
        abi_ulong out = outg ? scratch(32) : 0;

        if (in == BAD_PTR) {
            r = -EFAULT;
            break;
        }
        r = set ? generic(env, num, a[0], in, out, 0, 0, 0)
                : generic(env, num, a[0], out, 0, 0, 0, 0);
        if (!is_error(r) && outg && !narrow_time(outg, out, 2)) {
            r = -EFAULT;
        }
        break;
    }

    /* -------------------------------------------------- processes */
    case TARGET_NR_ugetrlimit:
        r = do_getrlimit32(a[0], a[1], false);
        break;
#ifdef TARGET_NR_getrlimit
    case TARGET_NR_getrlimit:
        r = do_getrlimit32(a[0], a[1], true);
        break;
#endif
    case TARGET_NR_setrlimit:
        r = do_setrlimit32(a[0], a[1]);
        break;
    case TARGET_NR_getrusage: {
        struct rusage ru;

        r = get_errno(getrusage(a[0], &ru));
        if (!is_error(r) && !put_rusage32(a[1], &ru)) {
            r = -EFAULT;
        }
        break;
    }
    case TARGET_NR_wait4:
        r = do_wait4_32(env, a);
        break;
#ifdef TARGET_NR_waitpid
    case TARGET_NR_waitpid: {
        abi_long w[6] = { a[0], a[1], a[2], 0, 0, 0 };

        r = do_wait4_32(env, w);
        break;
    }
#endif
    case TARGET_NR_sysinfo:
        r = do_sysinfo32(a[0]);
        break;

    /* ---------------------------------------------------- signals */
    case TARGET_NR_sigaction:
        r = do_old_sigaction(a[0], a[1], a[2]);
        break;
    case TARGET_NR_sigprocmask:
        r = do_old_sigprocmask(a[0], a[1], a[2]);
        break;
    case TARGET_NR_sigsuspend: {
        /* sigsuspend(int, int, old_sigset_t mask) */
        abi_ulong s = scratch(8);

        put_user_u64((uint32_t)a[2], s);
        r = generic(env, TARGET_NR_rt_sigsuspend, s, 8, 0, 0, 0, 0);
        break;
    }
    case TARGET_NR_sigpending: {
        abi_ulong s = scratch(8);
        uint64_t v = 0;

        r = generic(env, TARGET_NR_rt_sigpending, s, 8, 0, 0, 0, 0);
        if (!is_error(r)) {
            get_user_u64(&v, s);
            r = put_user_u32(v, a[0]) ? 0 : -EFAULT;
        }
        break;
    }
    case TARGET_NR_rt_sigqueueinfo:
    case TARGET_NR_rt_tgsigqueueinfo: {
        /* A 32-bit siginfo (union at 12, sigval 4 bytes) to the 64-bit
         * one (union at 16). */
        int idx = num == TARGET_NR_rt_sigqueueinfo ? 2 : 3;
        abi_ulong s = scratch(128);
        uint32_t w[6];
        abi_long args[6];

        for (i = 0; i < 6; i++) {
            if (!get_user_u32(&w[i], a[idx] + 4 * i)) {
                *ret = -EFAULT;
                return true;
            }
        }
        put_user_u32(w[0], s);
        put_user_u32(w[1], s + 4);
        put_user_u32(w[2], s + 8);
        put_user_u32(w[3], s + 16);
        put_user_u32(w[4], s + 20);
        put_user_u64(w[5], s + 24);
        memcpy(args, a, sizeof(args));
        args[idx] = s;
        r = generic(env, num, args[0], args[1], args[2], args[3], 0, 0);
        break;
    }

    /* ---------------------------------------------- sockets, IPC */
    case TARGET_NR_sendmsg:
    case TARGET_NR_recvmsg:
        r = do_msg32(env, num, a[0], a[1], a[2]);
        break;
#ifdef TARGET_NR_accept
    case TARGET_NR_accept:                  /* the direct calls of EABI */
        r = generic(env, TARGET_NR_accept4, a[0], a[1], a[2], 0, 0, 0);
        break;
#endif
#ifdef TARGET_NR_send
    case TARGET_NR_send:
        r = generic(env, TARGET_NR_sendto, a[0], a[1], a[2], a[3], 0, 0);
        break;
#endif
#ifdef TARGET_NR_recv
    case TARGET_NR_recv:
        r = generic(env, TARGET_NR_recvfrom, a[0], a[1], a[2], a[3], 0, 0);
        break;
#endif
    case TARGET_NR_semctl:
        r = do_semctl32(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_shmctl:
        r = do_shmctl32(a[0], a[1], a[2]);
        break;
    case TARGET_NR_msgctl:
        r = do_msgctl32(a[0], a[1], a[2]);
        break;
    case TARGET_NR_msgsnd:
        r = do_msgsnd32(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_msgrcv:
        r = do_msgrcv32(a[0], a[1], a[2], a[3], a[4]);
        break;
#ifdef TARGET_NR_semtimedop
    case TARGET_NR_semtimedop:              /* a 32-bit timespec */
        r = do_semtimedop32(a[0], a[1], a[2], a[3], 4);
        break;
#endif
    case TARGET_NR_semtimedop_time64:
        r = do_semtimedop32(a[0], a[1], a[2], a[3], 8);
        break;
    default:
        return false;
    }
    *ret = r;
    return true;
}
