/*
 * tests/linux-user/x86-int80-64.c: int $0x80 from a 64-bit process
 * enters the kernel's 32-bit (compat) table.  Only calls whose
 * arguments are integers and pointers to data laid out the same in both
 * ABIs; pointers are to static data (below 4 GiB in a static non-PIE
 * program).  Run natively (the oracle) and under qemu-x86_64 by
 * x86-signals.sh: the outputs must be identical.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __x86_64__
static long int80(long nr, long a, long b, long c)
{
    long r;

    __asm__ volatile("int $0x80"
                     : "=a"(r)
                     : "0"(nr), "b"(a), "c"(b), "d"(c)
                     : "memory", "cc", "r8", "r9", "r10", "r11");
    return r;
}

static int fds[2];
static char buf[256], cwd[256];
static char path[64], path2[80];

int main(void)
{
    long r, old;

    setvbuf(stdout, NULL, _IONBF, 0);
    printf("getpid %d\n", int80(20, 0, 0, 0) == getpid());
    printf("getppid %d\n", int80(64, 0, 0, 0) == getppid());
    printf("getpgrp %d\n", int80(65, 0, 0, 0) == getpgrp());
    printf("getsid %d\n", int80(147, 0, 0, 0) == getsid(0));
    old = int80(60, 027, 0, 0);                     /* umask */
    r = int80(60, old, 0, 0);
    printf("umask %o\n", (unsigned)r);
    r = int80(42, (long)fds, 0, 0);                 /* pipe */
    printf("pipe %ld %d\n", r, fds[0] > 2 && fds[1] > 2);
    r = int80(4, fds[1], (long)"int80", 5);         /* write */
    printf("write %ld\n", r);
    r = int80(3, fds[0], (long)buf, sizeof(buf));   /* read */
    printf("read %ld %.5s\n", r, buf);
    r = int80(41, fds[0], 0, 0);                    /* dup */
    printf("dup %d\n", r > fds[1]);
    printf("close %ld\n", int80(6, r, 0, 0));
    printf("close again %ld\n", int80(6, r, 0, 0));
    close(fds[0]);
    close(fds[1]);
    r = int80(183, (long)buf, sizeof(buf), 0);      /* getcwd */
    getcwd(cwd, sizeof(cwd));
    printf("getcwd %d %d\n", r == (long)strlen(cwd) + 1,
           strcmp(buf, cwd) == 0);
    snprintf(path, sizeof(path), "/tmp/x86-int80-%d", getpid());
    snprintf(path2, sizeof(path2), "%s.l", path);
    r = int80(8, (long)path, 0600, 0);              /* creat */
    printf("creat %d\n", r > 2);
    printf("fsync %ld\n", int80(118, r, 0, 0));
    printf("fchmod %ld\n", int80(94, r, 0640, 0));
    close(r);
    printf("chmod %ld\n", int80(15, (long)path, 0644, 0));
    printf("symlink %ld\n", int80(83, (long)path, (long)path2, 0));
    r = int80(85, (long)path2, (long)buf, sizeof(buf)); /* readlink */
    printf("readlink %d\n", r == (long)strlen(path) &&
           memcmp(buf, path, r) == 0);
    printf("unlink %ld %ld\n", int80(10, (long)path2, 0, 0),
           int80(10, (long)path, 0, 0));
    printf("unlink missing %ld\n", int80(10, (long)path, 0, 0));
    r = int80(295, AT_FDCWD, (long)path, O_CREAT | O_WRONLY);  /* openat */
    printf("openat AT_FDCWD %d\n", r > 2);
    old = int80(331, (long)fds, O_CLOEXEC, 0);      /* pipe2 */
    printf("pipe2 %ld %d\n", old, fcntl(fds[0], F_GETFD) == FD_CLOEXEC);
    old = int80(330, fds[0], r, O_CLOEXEC);         /* dup3 */
    printf("dup3 %d %d\n", old == r, fcntl(r, F_GETFD) == FD_CLOEXEC);
    close(r);
    close(fds[0]);
    close(fds[1]);
    printf("getrandom %ld\n", int80(355, (long)buf, 16, 0));
    r = int80(301, AT_FDCWD, (long)path, 0);        /* unlinkat */
    printf("unlinkat %ld", r);
    printf(" again %ld\n", int80(301, AT_FDCWD, (long)path, 0));
    printf("kill 0 %ld\n", int80(37, getpid(), 0, 0));
    printf("sched_yield %ld\n", int80(158, 0, 0, 0));
    printf("alarm %ld %ld\n", int80(27, 100, 0, 0), int80(27, 0, 0, 0));
    printf("done\n");
    return 0;
}
#else
int main(void)
{
    printf("done\n");
    return 0;
}
#endif
