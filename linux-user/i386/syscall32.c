/*
 * linux-user/i386/syscall32.c: the i386 system calls whose arguments or
 * structures differ from the 64-bit layouts the generic families use.
 *
 * Offered before the generic families.  Three kinds of cases:
 *  - calls with 32-bit structures (timespec, timeval, rlimit, rusage,
 *    statfs64, flock64, sysinfo, tms, old sigaction, msghdr...):
 *    converted here, often by building the 64-bit structure in a small
 *    per-thread scratch area of guest memory and handing the generic
 *    call its address;
 *  - the _time64 calls, whose structures are the 64-bit ones: the
 *    generic call of the same name (syscall_dispatch_generic);
 *  - i386-only calls: mmap (arguments in memory), mmap2, _llseek,
 *    64-bit offsets split across two registers, the *32 uid calls,
 *    socketcall and ipc multiplexers, set/get_thread_area, modify_ldt,
 *    sigreturn.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/resource.h>
#include <sys/socket.h>
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
#include "x86-common/x86-user.h"

/* i386 signal frames (i386/signal.c). */
abi_long i386_sigreturn(CPUArchState *env);
void i386_siginfo_to_32(uint8_t *t, int sig, const TargetSigInfo *info);

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
        i386_siginfo_to_32(t, info.si_signo, &info);
    }
    return true;
}

void target_cpu_set_tls(CPUArchState *env, uint64_t tls)
{
    do_set_thread_area(env, tls);
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

void x86_thread_scratch_free(void)
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

static uint64_t pair64(abi_ulong lo, abi_ulong hi)
{
    return (uint64_t)lo | ((uint64_t)hi << 32);
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
 * fcntl64 locks: struct flock64 on i386 is packed (l_type, l_whence,
 * l_start @4, l_len @12, l_pid @20: 24 bytes); struct flock (fcntl)
 * has 32-bit l_start/l_len (16 bytes).
 */
#define I386_F_GETLK64  12
#define I386_F_SETLK64  13
#define I386_F_SETLKW64 14

static abi_long do_fcntl_lock32(int fd, int hcmd, abi_ulong addr, bool is64)
{
    struct flock fl;
    uint8_t *t = lock_user(VERIFY_WRITE, addr, is64 ? 24 : 16);
    abi_long r;

    if (!t) {
        return -EFAULT;
    }
    fl.l_type = (int16_t)conv_get(t, 2, true);
    fl.l_whence = (int16_t)conv_get(t + 2, 2, true);
    fl.l_start = is64 ? (int64_t)conv_get(t + 4, 8, true)
                      : (int32_t)conv_get(t + 4, 4, true);
    fl.l_len = is64 ? (int64_t)conv_get(t + 12, 8, true)
                    : (int32_t)conv_get(t + 8, 4, true);
    fl.l_pid = (int32_t)conv_get(t + (is64 ? 20 : 12), 4, true);
    if (hcmd == F_SETLKW || hcmd == F_OFD_SETLKW) {
        r = safe_syscall3(SYS_fcntl, fd, hcmd, &fl);
    } else {
        r = get_errno(fcntl(fd, hcmd, &fl));
    }
    if (r == 0 && (hcmd == F_GETLK || hcmd == F_OFD_GETLK)) {
        conv_put(t, 2, fl.l_type);
        conv_put(t + 2, 2, fl.l_whence);
        if (is64) {
            conv_put(t + 4, 8, fl.l_start);
            conv_put(t + 12, 8, fl.l_len);
            conv_put(t + 20, 4, fl.l_pid);
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
    case I386_F_GETLK64:
        return is64 ? do_fcntl_lock32(a[0], F_GETLK, a[2], true) : -EINVAL;
    case I386_F_SETLK64:
        return is64 ? do_fcntl_lock32(a[0], F_SETLK, a[2], true) : -EINVAL;
    case I386_F_SETLKW64:
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

/* struct sysinfo for i386: longs are 4 bytes (64 bytes in all). */
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

/* ------------------------------------------------------------- sockets */

/*
 * A 32-bit msghdr (name, namelen, iov, iovlen, control, controllen,
 * flags: 28 bytes) as a 64-bit one in scratch memory.  The iovec array
 * is read by the generic code (in target longs) as it is; control
 * data is passed through: SCM_RIGHTS with one descriptor has the same
 * payload but a 12-byte header instead of 16, so it is rebuilt.
 */
static abi_ulong widen_msghdr(abi_ulong g, abi_ulong *ctl32, abi_ulong *ctl64,
                              uint32_t *ctllen)
{
    uint32_t f[7];
    abi_ulong s = scratch(56);
    int i;

    for (i = 0; i < 7; i++) {
        if (!get_user_u32(&f[i], g + 4 * i)) {
            return BAD_PTR;
        }
    }
    if (!s) {
        return BAD_PTR;
    }
    *ctl32 = f[4];
    *ctllen = f[5];
    *ctl64 = 0;
    if (f[4] && f[5]) {
        /* Room for the 64-bit form: headers grow from 12 to 16. */
        *ctl64 = scratch(f[5] * 2 + 64);
        if (!*ctl64) {
            return BAD_PTR;
        }
    }
    put_user_u64(f[0], s);
    put_user_u32(f[1], s + 8);
    /* The iovec array stays: the generic code reads target longs. */
    put_user_u64(f[2], s + 16);
    put_user_u64(f[3], s + 24);
    put_user_u64(*ctl64, s + 32);
    put_user_u64(0, s + 40);
    put_user_u32(f[6], s + 48);
    return s;
}

/* cmsg: 32-bit {len, level, type} headers, 4-aligned, to 64-bit ones. */
static uint32_t cmsg_widen(abi_ulong c32, uint32_t len32, abi_ulong c64)
{
    uint32_t off = 0, out = 0;

    while (off + 12 <= len32) {
        uint32_t l = 0, lv = 0, ty = 0, data;

        get_user_u32(&l, c32 + off);
        get_user_u32(&lv, c32 + off + 4);
        get_user_u32(&ty, c32 + off + 8);
        if (l < 12 || off + l > len32) {
            break;
        }
        data = l - 12;
        put_user_u64(data + 16, c64 + out);
        put_user_u32(lv, c64 + out + 8);
        put_user_u32(ty, c64 + out + 12);
        memcpy(g2h(c64 + out + 16), g2h(c32 + off + 12), data);
        out += (data + 16 + 7) & ~7u;
        off += (l + 3) & ~3u;
    }
    return out;
}

static uint32_t cmsg_narrow(abi_ulong c64, uint32_t len64, abi_ulong c32,
                            uint32_t room)
{
    uint32_t off = 0, out = 0;

    while (off + 16 <= len64) {
        uint64_t l = 0;
        uint32_t lv = 0, ty = 0, data;

        get_user_u64(&l, c64 + off);
        get_user_u32(&lv, c64 + off + 8);
        get_user_u32(&ty, c64 + off + 12);
        if (l < 16 || off + l > len64) {
            break;
        }
        data = l - 16;
        if (out + 12 + data > room) {
            break;
        }
        put_user_u32(data + 12, c32 + out);
        put_user_u32(lv, c32 + out + 4);
        put_user_u32(ty, c32 + out + 8);
        memcpy(g2h(c32 + out + 12), g2h(c64 + off + 16), data);
        out += (data + 12 + 3) & ~3u;
        off += (l + 7) & ~7u;
    }
    return out;
}

static abi_long do_msg32(CPUArchState *env, int num, int fd, abi_ulong g,
                         int flags)
{
    abi_ulong c32, c64;
    uint32_t clen;
    abi_ulong s = widen_msghdr(g, &c32, &c64, &clen);
    bool send = num == TARGET_NR_sendmsg;
    abi_long r;

    if (s == BAD_PTR) {
        return -EFAULT;
    }
    if (c64) {
        put_user_u64(send ? cmsg_widen(c32, clen, c64) : clen * 2 + 64,
                     s + 40);
    }
    r = generic(env, num, fd, s, flags, 0, 0, 0);
    if (!is_error(r) && !send) {
        uint64_t namelen = 0, clen64 = 0;
        uint32_t mflags = 0;

        get_user_u64(&namelen, s + 8);
        get_user_u64(&clen64, s + 40);
        get_user_u32(&mflags, s + 48);
        put_user_u32((uint32_t)namelen, g + 4);
        put_user_u32(c64 ? cmsg_narrow(c64, clen64, c32, clen) : 0, g + 20);
        put_user_u32(mflags, g + 24);
    }
    return r;
}

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
    return generic(env, calls[call].nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* ------------------------------------------------------ System V IPC */

/*
 * The i386 *id64_ds structures: struct ipc64_perm (key, uid, gid, cuid,
 * cgid, mode, seq, 2 unused: 36 bytes) then 32-bit longs, times split in
 * low/high words.
 */
static void put_perm32(uint8_t *t, const struct ipc_perm *p)
{
    conv_put(t, 4, p->__key);
    conv_put(t + 4, 4, p->uid);
    conv_put(t + 8, 4, p->gid);
    conv_put(t + 12, 4, p->cuid);
    conv_put(t + 16, 4, p->cgid);
    conv_put(t + 20, 2, p->mode);
    conv_put(t + 24, 2, p->__seq);
}

static void get_perm32(struct ipc_perm *p, const uint8_t *t)
{
    p->uid = conv_get(t + 4, 4, false);
    p->gid = conv_get(t + 8, 4, false);
    p->mode = conv_get(t + 20, 2, false);
}

static void put_time32(uint8_t *t, uint64_t v)
{
    conv_put(t, 4, v);
    conv_put(t + 4, 4, v >> 32);
}

static abi_long do_semctl32(int id, int num, int cmd, abi_ulong arg)
{
    struct semid_ds ds;
    uint8_t *t;
    int ncmd = cmd & 0xff;          /* without IPC_64 */
    abi_long r;

    switch (ncmd) {
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY:
    case IPC_SET:
        t = lock_user(VERIFY_WRITE, arg, 64);
        if (!t) {
            return -EFAULT;
        }
        if (ncmd == IPC_SET) {
            get_perm32(&ds.sem_perm, t);
        }
        r = get_errno(semctl(id, num, ncmd, &ds));
        if (!is_error(r) && ncmd != IPC_SET) {
            memset(t, 0, 64);
            put_perm32(t, &ds.sem_perm);
            put_time32(t + 36, ds.sem_otime);
            put_time32(t + 44, ds.sem_ctime);
            conv_put(t + 52, 4, ds.sem_nsems);
        }
        return r;
    case GETALL:
    case SETALL: {
        struct semid_ds d2;
        void *p;

        if (semctl(id, 0, IPC_STAT, &d2) != 0) {
            return -errno;
        }
        p = lock_user(VERIFY_WRITE, arg, d2.sem_nsems * 2);
        return p ? get_errno(semctl(id, num, ncmd, p)) : -EFAULT;
    }
    case IPC_INFO:
    case SEM_INFO: {
        void *p = lock_user(VERIFY_WRITE, arg, sizeof(struct seminfo));

        return p ? get_errno(semctl(id, num, ncmd, p)) : -EFAULT;
    }
    case SETVAL:
        return get_errno(semctl(id, num, ncmd, (int)arg));
    default:
        return get_errno(semctl(id, num, ncmd));
    }
}

static abi_long do_shmctl32(int id, int cmd, abi_ulong buf)
{
    struct shmid_ds ds;
    int ncmd = cmd & 0xff;
    uint8_t *t;
    abi_long r;

    switch (ncmd) {
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY:
    case IPC_SET:
        t = lock_user(VERIFY_WRITE, buf, 84);
        if (!t) {
            return -EFAULT;
        }
        if (ncmd == IPC_SET) {
            get_perm32(&ds.shm_perm, t);
        }
        r = get_errno(shmctl(id, ncmd, &ds));
        if (!is_error(r) && ncmd != IPC_SET) {
            memset(t, 0, 84);
            put_perm32(t, &ds.shm_perm);
            conv_put(t + 36, 4, ds.shm_segsz);
            put_time32(t + 40, ds.shm_atime);
            put_time32(t + 48, ds.shm_dtime);
            put_time32(t + 56, ds.shm_ctime);
            conv_put(t + 64, 4, ds.shm_cpid);
            conv_put(t + 68, 4, ds.shm_lpid);
            conv_put(t + 72, 4, ds.shm_nattch);
        }
        return r;
    case IPC_RMID:
    case SHM_LOCK:
    case SHM_UNLOCK:
        return get_errno(shmctl(id, ncmd, NULL));
    default:
        return -EINVAL;
    }
}

static abi_long do_msgctl32(int id, int cmd, abi_ulong buf)
{
    struct msqid_ds ds;
    int ncmd = cmd & 0xff;
    uint8_t *t;
    abi_long r;

    switch (ncmd) {
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY:
    case IPC_SET:
        t = lock_user(VERIFY_WRITE, buf, 88);
        if (!t) {
            return -EFAULT;
        }
        if (ncmd == IPC_SET) {
            get_perm32(&ds.msg_perm, t);
            ds.msg_qbytes = conv_get(t + 68, 4, false);
        }
        r = get_errno(msgctl(id, ncmd, &ds));
        if (!is_error(r) && ncmd != IPC_SET) {
            memset(t, 0, 88);
            put_perm32(t, &ds.msg_perm);
            put_time32(t + 36, ds.msg_stime);
            put_time32(t + 44, ds.msg_rtime);
            put_time32(t + 52, ds.msg_ctime);
            conv_put(t + 60, 4, ds.__msg_cbytes);
            conv_put(t + 64, 4, ds.msg_qnum);
            conv_put(t + 68, 4, ds.msg_qbytes);
            conv_put(t + 72, 4, ds.msg_lspid);
            conv_put(t + 76, 4, ds.msg_lrpid);
        }
        return r;
    case IPC_RMID:
        return get_errno(msgctl(id, ncmd, NULL));
    default:
        return -EINVAL;
    }
}

/* struct msgbuf: a 32-bit long mtype, then the text. */
static abi_long do_msgsnd32(int id, abi_ulong msgp, abi_ulong size, int flags)
{
    uint8_t *t = lock_user(VERIFY_READ, msgp, 4 + size);
    long *h;
    abi_long r;

    if (size > 1u << 20) {
        return -EINVAL;
    }
    if (!t) {
        return -EFAULT;
    }
    h = malloc(sizeof(long) + size);
    if (!h) {
        return -ENOMEM;
    }
    h[0] = (int32_t)conv_get(t, 4, true);
    memcpy(h + 1, t + 4, size);
    r = safe_syscall4(SYS_msgsnd, id, h, size, flags);
    free(h);
    return r;
}

static abi_long do_msgrcv32(int id, abi_ulong msgp, abi_ulong size,
                            abi_long type, int flags)
{
    uint8_t *t = lock_user(VERIFY_WRITE, msgp, 4 + size);
    long *h;
    abi_long r;

    if (size > 1u << 20) {
        return -EINVAL;
    }
    if (!t) {
        return -EFAULT;
    }
    h = malloc(sizeof(long) + size);
    if (!h) {
        return -ENOMEM;
    }
    r = safe_syscall6(SYS_msgrcv, id, h, size, (long)type, flags, 0);
    if (r >= 0) {
        conv_put(t, 4, h[0]);
        memcpy(t + 4, h + 1, r);
    }
    free(h);
    return r;
}

/* semtimedop with a timespec of the given width (4: old, 8: time64). */
static abi_long do_semtimedop32(int id, abi_ulong sops, abi_ulong n,
                                abi_ulong ts, int width)
{
    struct timespec h;
    void *p;

    if (n > 65536) {
        return -E2BIG;
    }
    p = lock_user(VERIFY_READ, sops, n * 6);
    if (!p) {
        return -EFAULT;
    }
    if (ts) {
        uint8_t *t = lock_user(VERIFY_READ, ts, 2 * width);

        if (!t) {
            return -EFAULT;
        }
        h.tv_sec = conv_get(t, width, true);
        h.tv_nsec = conv_get(t + width, width, true);
    }
    return safe_syscall4(SYS_semtimedop, id, p, n, ts ? &h : NULL);
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
        return generic(env, TARGET_NR_semget, a[1], a[2], a[3], 0, 0, 0);
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
        return generic(env, TARGET_NR_msgget, a[1], a[2], 0, 0, 0, 0);
    case 14:                                /* msgctl */
        return do_msgctl32(a[1], a[2], a[4]);
    case 21: {                              /* shmat: result via *third */
        abi_long r = generic(env, TARGET_NR_shmat, a[1], a[4], a[2], 0, 0, 0);

        if (is_error(r)) {
            return r;
        }
        return put_user_u32(r, a[3]) ? 0 : -EFAULT;
    }
    case 22:                                /* shmdt */
        return generic(env, TARGET_NR_shmdt, a[4], 0, 0, 0, 0, 0);
    case 23:                                /* shmget */
        return generic(env, TARGET_NR_shmget, a[1], a[2], a[3], 0, 0, 0);
    case 24:                                /* shmctl */
        return do_shmctl32(a[1], a[2], a[4]);
    default:
        return -ENOSYS;
    }
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

/* The _time64 calls: the generic call with the same 64-bit layouts. */
static const struct {
    int nr64, nr;
} time64_calls[] = {
    { TARGET_NR_clock_gettime64, TARGET_NR_clock_gettime },
    { TARGET_NR_clock_settime64, TARGET_NR_clock_settime },
    { TARGET_NR_clock_getres_time64, TARGET_NR_clock_getres },
    { TARGET_NR_clock_nanosleep_time64, TARGET_NR_clock_nanosleep },
    { TARGET_NR_timer_gettime64, TARGET_NR_timer_gettime },
    { TARGET_NR_timer_settime64, TARGET_NR_timer_settime },
    { TARGET_NR_timerfd_gettime64, TARGET_NR_timerfd_gettime },
    { TARGET_NR_timerfd_settime64, TARGET_NR_timerfd_settime },
    { TARGET_NR_utimensat_time64, TARGET_NR_utimensat },
    { TARGET_NR_pselect6_time64, TARGET_NR_pselect6 },
    { TARGET_NR_ppoll_time64, TARGET_NR_ppoll },
    { TARGET_NR_futex_time64, TARGET_NR_futex },
    { TARGET_NR_sched_rr_get_interval_time64,
      TARGET_NR_sched_rr_get_interval },
    { TARGET_NR_io_pgetevents_time64, TARGET_NR_io_pgetevents },
    { TARGET_NR_recvmmsg_time64, TARGET_NR_recvmmsg },
    { TARGET_NR_mq_timedsend_time64, TARGET_NR_mq_timedsend },
    { TARGET_NR_mq_timedreceive_time64, TARGET_NR_mq_timedreceive },
};

#define FUTEX_CMD_MASK 0x7f

bool do_syscall_arch(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;
    size_t i;

    scratch_used = 0;
    for (i = 0; i < sizeof(uid32_calls) / sizeof(uid32_calls[0]); i++) {
        if (uid32_calls[i].nr32 == num) {
            *ret = generic(env, uid32_calls[i].nr, a[0], a[1], a[2], a[3],
                           a[4], a[5]);
            return true;
        }
    }
    for (i = 0; i < sizeof(time64_calls) / sizeof(time64_calls[0]); i++) {
        if (time64_calls[i].nr64 == num) {
            *ret = generic(env, time64_calls[i].nr, a[0], a[1], a[2], a[3],
                           a[4], a[5]);
            return true;
        }
    }

    switch (num) {
    /* ------------------------------------------------ memory, offsets */
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
    case TARGET_NR_mmap2:
        r = target_mmap(a[0], a[1], a[2], a[3], a[4],
                        (off_t)(abi_ulong)a[5] << TARGET_PAGE_BITS);
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
    case TARGET_NR_pread64:
    case TARGET_NR_pwrite64: {
        bool rd = num == TARGET_NR_pread64;
        void *p = lock_user(rd ? VERIFY_WRITE : VERIFY_READ, a[1], a[2]);

        if (!p && a[2]) {
            r = -EFAULT;
        } else if (rd) {
            r = safe_syscall4(SYS_pread64, a[0], p, (abi_ulong)a[2],
                              pair64(a[3], a[4]));
        } else {
            r = safe_syscall4(SYS_pwrite64, a[0], p, (abi_ulong)a[2],
                              pair64(a[3], a[4]));
        }
        break;
    }
    case TARGET_NR_truncate64: {
        char pbuf[4096];
        const char *p = lock_user_string(a[0]);

        r = p ? get_errno(truncate(path_for_host(p, pbuf, sizeof(pbuf)),
                                   pair64(a[1], a[2]))) : -EFAULT;
        break;
    }
    case TARGET_NR_ftruncate64:
        r = get_errno(ftruncate(a[0], pair64(a[1], a[2])));
        break;
    case TARGET_NR_fallocate:
        r = get_errno(fallocate(a[0], a[1], pair64(a[2], a[3]),
                                pair64(a[4], a[5])));
        break;
    case TARGET_NR_fadvise64:
        r = -posix_fadvise(a[0], pair64(a[1], a[2]), (abi_ulong)a[3], a[4]);
        break;
    case TARGET_NR_fadvise64_64:
        r = -posix_fadvise(a[0], pair64(a[1], a[2]), pair64(a[3], a[4]),
                           a[5]);
        break;
    case TARGET_NR_readahead:
        r = get_errno(readahead(a[0], pair64(a[1], a[2]), (abi_ulong)a[3]));
        break;
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

    /* ------------------------------------------------------- time */
    case TARGET_NR_gettimeofday:
        r = do_gettimeofday32(a[0], a[1]);
        break;
    case TARGET_NR_clock_gettime:
    case TARGET_NR_clock_getres:
        r = out_time32(env, num, a, 1);
        break;
    case TARGET_NR_nanosleep:
        r = with_time32(env, num, a, 0, 1, false);
        if (r == -EINTR || r == -QEMU_ERESTARTSYS) {
            /* the remaining time is not reported (rare use) */
        }
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
    case TARGET_NR_futex: {
        int cmd = a[1] & FUTEX_CMD_MASK;

        /* Only the WAIT-type commands take a timespec in a[3]. */
        if (cmd == 0 || cmd == 9 || cmd == 6 || cmd == 11 || cmd == 12 ||
            cmd == 13) {
            r = with_time32(env, num, a, 3, 1, false);
        } else {
            r = generic(env, num, a[0], a[1], a[2], a[3], a[4], a[5]);
        }
        break;
    }
    case TARGET_NR_times:
        r = do_times32(a[0]);
        break;
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
    case TARGET_NR_getrlimit:
        r = do_getrlimit32(a[0], a[1], true);
        break;
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
    case TARGET_NR_waitpid: {
        abi_long w[6] = { a[0], a[1], a[2], 0, 0, 0 };

        r = do_wait4_32(env, w);
        break;
    }
    case TARGET_NR_sysinfo:
        r = do_sysinfo32(a[0]);
        break;
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
        r = -ENOSYS;
        break;

    /* ---------------------------------------------------- signals */
    case TARGET_NR_sigaction:
        r = do_old_sigaction(a[0], a[1], a[2]);
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
    case TARGET_NR_sigprocmask:
        r = do_old_sigprocmask(a[0], a[1], a[2]);
        break;
    case TARGET_NR_sgetmask: {
        uint64_t o;

        do_sigprocmask(SIG_BLOCK, NULL, &o);
        r = (uint32_t)o;
        break;
    }
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
    case TARGET_NR_sigreturn:
        r = i386_sigreturn(env);
        break;

    /* ---------------------------------------------- multiplexers */
    case TARGET_NR_socketcall:
        r = do_socketcall(env, a[0], a[1]);
        break;
    case TARGET_NR_sendmsg:
    case TARGET_NR_recvmsg:
        r = do_msg32(env, num, a[0], a[1], a[2]);
        break;
    case TARGET_NR_ipc:
        r = do_ipc(env, a);
        break;
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
    case TARGET_NR_semtimedop_time64:
        r = do_semtimedop32(a[0], a[1], a[2], a[3], 8);
        break;
    default:
        return false;
    }
    *ret = r;
    return true;
}
