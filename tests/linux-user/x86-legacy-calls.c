/*
 * tests/linux-user/x86-legacy-calls.c: the old system calls x86 keeps
 * beside the generic table (open, stat, pipe, dup2, poll, select,
 * getdents, readlink, unlink, rename, chmod, link, symlink, utime,
 * utimes, time, alarm, epoll_create, inotify_init, eventfd...), called
 * through syscall(2) so that glibc cannot pick a newer one, plus the
 * i386-only ones (_llseek, fcntl64 locks, stat64, statfs64, old stat,
 * socketcall, ugetrlimit, sysinfo, times).  Prints one line per call with
 * values that do not vary between runs; x86-signals.sh compares the
 * emulator's output with the native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long r(long v)
{
    return v < 0 ? -errno : v;
}

#define CALL(name, ...) printf("%s: %ld\n", name, r(syscall(__VA_ARGS__)))

int main(void)
{
    char dir[] = "/tmp/x86-legacy-XXXXXX", path[256], buf[4096];
    int fds[2], fd;
    long n, i, names = 0;
    struct pollfd pfd;
    fd_set rs;
    struct timeval tv = { 0, 1000 };
    struct { long a, m; } ut = { 1000000000, 1200000000 };
    struct timeval tvs[2] = { { 1100000000, 5 }, { 1300000000, 7 } };
    struct stat st;

    if (!mkdtemp(dir) || chdir(dir) != 0) {
        return 1;
    }
    fd = syscall(SYS_open, "f", O_CREAT | O_WRONLY, 0640);
    printf("open: %d\n", fd >= 0);
    printf("write: %ld\n", r(write(fd, "hello", 5)));
    close(fd);
    fd = syscall(SYS_creat, "g", 0600);
    printf("creat: %d\n", fd >= 0);
    close(fd);
#ifdef __x86_64__
    memset(&st, 0, sizeof(st));
    CALL("stat", SYS_stat, "f", &st);
    printf("stat size mode: %ld %o\n", (long)st.st_size, st.st_mode & 07777);
#else
    {
        /* The old struct stat: mode (16 bits) at 8, size at 20. */
        unsigned char old[64];
        uint16_t mode;
        uint32_t size;

        CALL("stat", SYS_stat, "f", old);
        memcpy(&mode, old + 8, 2);
        memcpy(&size, old + 20, 4);
        printf("stat size mode: %u %o\n", size, mode & 07777);
    }
#endif
#ifdef SYS_stat64
    {
        /* struct stat64 is what glibc's stat uses with 64-bit offsets. */
        memset(&st, 0, sizeof(st));
        CALL("stat64", SYS_stat64, "f", &st);
        printf("stat64 size mode: %ld %o\n", (long)st.st_size,
               st.st_mode & 07777);
    }
#endif
    CALL("access", SYS_access, "f", R_OK);
    CALL("access-missing", SYS_access, "nope", R_OK);
    CALL("pipe", SYS_pipe, fds);
    CALL("dup2", SYS_dup2, fds[0], 50);
    CALL("dup2-same", SYS_dup2, 50, 50);
    CALL("dup2-bad", SYS_dup2, 77, 77);
    printf("write-pipe: %ld\n", r(write(fds[1], "x", 1)));
    pfd.fd = 50;
    pfd.events = POLLIN;
    CALL("poll", SYS_poll, &pfd, 1, 1000);
    printf("poll revents: %d\n", pfd.revents);
#ifdef SYS_select
    FD_ZERO(&rs);
    FD_SET(50, &rs);
    CALL("select", SYS_select, 51, &rs, NULL, NULL, &tv);
    printf("select set: %d\n", FD_ISSET(50, &rs));
#endif
#ifdef SYS__newselect
    FD_ZERO(&rs);
    FD_SET(50, &rs);
    CALL("_newselect", SYS__newselect, 51, &rs, NULL, NULL, &tv);
    printf("_newselect set: %d\n", FD_ISSET(50, &rs));
#endif
    CALL("mkdir", SYS_mkdir, "d", 0755);
    CALL("rename", SYS_rename, "g", "d/g");
    CALL("link", SYS_link, "f", "h");
    CALL("symlink", SYS_symlink, "f", "s");
    n = syscall(SYS_readlink, "s", path, sizeof(path));
    printf("readlink: %ld %.*s\n", n, (int)(n > 0 ? n : 0), path);
    CALL("chmod", SYS_chmod, "f", 0600);
    CALL("utime", SYS_utime, "f", &ut);
    stat("f", &st);
    printf("utime mtime: %ld\n", (long)st.st_mtime);
    CALL("utimes", SYS_utimes, "h", tvs);
    stat("h", &st);
    printf("utimes mtime: %ld\n", (long)st.st_mtime);
    fd = open(".", O_RDONLY | O_DIRECTORY);
    n = syscall(SYS_getdents, fd, buf, sizeof(buf));
    for (i = 0; i < n;) {
        unsigned short reclen;

        memcpy(&reclen, buf + i + 2 * sizeof(long), 2);
        names++;
        if (!reclen) {
            break;
        }
        i += reclen;
    }
    printf("getdents entries: %ld\n", names);
    close(fd);
    CALL("unlink", SYS_unlink, "h");
    CALL("unlink-missing", SYS_unlink, "h");
    CALL("rmdir-notempty", SYS_rmdir, "d");
    CALL("unlink2", SYS_unlink, "d/g");
    CALL("rmdir", SYS_rmdir, "d");
    n = syscall(SYS_time, NULL);
    printf("time: %d\n", n > 1700000000);
    CALL("alarm", SYS_alarm, 0);
    printf("getpgrp: %d\n", syscall(SYS_getpgrp) == getpgrp());
    fd = syscall(SYS_epoll_create, 1);
    printf("epoll_create: %d\n", fd >= 0);
    close(fd);
    CALL("epoll_create-0", SYS_epoll_create, 0);
    fd = syscall(SYS_inotify_init);
    printf("inotify_init: %d\n", fd >= 0);
    close(fd);
    fd = syscall(SYS_eventfd, 3);
    printf("eventfd: %d\n", fd >= 0);
    {
        uint64_t v = 0;

        n = read(fd, &v, 8);
        printf("eventfd read: %ld %llu\n", n, (unsigned long long)v);
    }
    close(fd);
#ifdef SYS__llseek
    {
        long long off = 0;

        fd = open("f", O_RDONLY);
        CALL("_llseek", SYS__llseek, fd, 0, 3, &off, SEEK_SET);
        printf("_llseek off: %lld\n", off);
        close(fd);
    }
#endif
#ifdef SYS_fcntl64
    {
        struct flock64 fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                              .l_start = 1, .l_len = 2 };

        fd = open("f", O_RDWR);
        CALL("fcntl64-setlk", SYS_fcntl64, fd, F_SETLK64, &fl);
        fl.l_type = F_RDLCK;
        CALL("fcntl64-getlk", SYS_fcntl64, fd, F_GETLK64, &fl);
        printf("getlk type: %d\n", fl.l_type);
        close(fd);
    }
#endif
#ifdef SYS_ugetrlimit
    {
        unsigned long rl[2];

        CALL("ugetrlimit", SYS_ugetrlimit, RLIMIT_NOFILE, rl);
        printf("nofile: %d\n", rl[0] > 0 && rl[0] <= rl[1]);
    }
#endif
#ifdef __i386__
    {
        /* The 32-bit time calls (glibc would use the _time64 ones). */
        int32_t its[4] = { 0, 0, 0, 20000000 }, cur[4] = { 0 }, old[4];
        int32_t ts[2] = { -1, -1 }, tv[2] = { 0, 0 };
        uint64_t ticks = 0;

        fd = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
        CALL("timerfd_settime", SYS_timerfd_settime, fd, 0, its, old);
        CALL("timerfd_gettime", SYS_timerfd_gettime, fd, cur);
        printf("timerfd left: %d\n", cur[2] == 0 && cur[3] > 0 &&
               cur[3] <= 20000000);
        n = read(fd, &ticks, 8);
        printf("timerfd read: %ld %llu\n", n, (unsigned long long)ticks);
        close(fd);
        CALL("sched_rr_get_interval", SYS_sched_rr_get_interval, 0, ts);
        CALL("clock_gettime", SYS_clock_gettime, CLOCK_REALTIME, ts);
        CALL("gettimeofday", SYS_gettimeofday, tv, NULL);
        printf("times agree: %d\n", tv[0] - ts[0] >= 0 && tv[0] - ts[0] <= 1);
        ts[0] = 0;
        ts[1] = 1000000;
        CALL("nanosleep", SYS_nanosleep, ts, NULL);
    }
    {
        /* An LDT data segment based on a variable, read through %fs;
         * then a TLS slot of the GDT, read back by get_thread_area. */
        static int var = 0x1234;
        struct {
            unsigned int entry, base, limit, flags;
        } d = { 0, (unsigned int)(uintptr_t)&var, 0xfff, 1 | 1 << 6 };
        unsigned int v, oldfs;

        CALL("modify_ldt", SYS_modify_ldt, 0x11, &d, sizeof(d));
        __asm__ volatile("mov %%fs, %1\n"
                         "mov %2, %%fs\n"
                         "movl %%fs:0, %0\n"
                         "mov %1, %%fs\n"
                         : "=r"(v), "=&r"(oldfs) : "r"(7) : "memory");
        printf("ldt read: %#x\n", v);
        d.entry = -1;
        d.base = 0x1000;
        CALL("set_thread_area", SYS_set_thread_area, &d);
        printf("tls entry: %s\n", d.entry >= 6 && d.entry <= 14 ? "ok" : "bad");
        d.base = d.limit = d.flags = 0;
        CALL("get_thread_area", SYS_get_thread_area, &d);
        printf("tls base limit flags: %#x %#x %#x\n", d.base, d.limit,
               d.flags);
    }
#endif
    unlink("f");
    unlink("s");
    chdir("/");
    rmdir(dir);
    printf("done\n");
    return 0;
}
