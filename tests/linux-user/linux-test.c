/*
 * tests/linux-user/linux-test.c: a guest program that exercises the
 * system call families of linux-user and checks every result.
 *
 * Built for each target (aarch64-linux-gnu-gcc, gcc, i686-linux-gnu-gcc;
 * static, and dynamic run with -L <sysroot>) by linux-test.sh and run
 * under qemu-aarch64, qemu-x86_64 and qemu-i386; it also builds and
 * passes natively, which is how the
 * test itself is checked.  Prints one TAP line per check.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int test_no;
static int failures;

static void check(int cond, const char *what)
{
    test_no++;
    if (cond) {
        printf("ok %d - %s\n", test_no, what);
    } else {
        printf("not ok %d - %s (errno %d: %s)\n", test_no, what, errno,
               strerror(errno));
        failures++;
    }
    fflush(stdout);
}

/* ---------------------------------------------------------------- files */

static void test_files(const char *dir)
{
    char path[512], path2[512], buf[64];
    struct stat st;
    struct iovec iov[2];
    int fd, n, found = 0;
    DIR *d;
    struct dirent *de;

    snprintf(path, sizeof(path), "%s/file", dir);
    snprintf(path2, sizeof(path2), "%s/renamed", dir);
    fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0640);
    check(fd >= 0, "open O_CREAT");
    check(write(fd, "hello, world", 12) == 12, "write");
    check(lseek(fd, 0, SEEK_SET) == 0, "lseek");
    memset(buf, 0, sizeof(buf));
    check(read(fd, buf, sizeof(buf)) == 12 && !strcmp(buf, "hello, world"),
          "read back");
    check(fstat(fd, &st) == 0 && st.st_size == 12 && S_ISREG(st.st_mode) &&
          (st.st_mode & 0777) == 0640, "fstat size and mode");
    iov[0].iov_base = "ab";
    iov[0].iov_len = 2;
    iov[1].iov_base = "cde";
    iov[1].iov_len = 3;
    check(writev(fd, iov, 2) == 5, "writev");
    check(pread(fd, buf, 5, 12) == 5 && !memcmp(buf, "abcde", 5), "pread");
    check((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, "fcntl F_GETFL");
    check(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND) == 0 &&
          (fcntl(fd, F_GETFL) & (O_NONBLOCK | O_APPEND)) ==
          (O_NONBLOCK | O_APPEND), "fcntl F_SETFL");
    n = dup(fd);
    check(n >= 0 && dup2(n, 50) == 50 && close(n) == 0, "dup and dup2");
    check(close(50) == 0 && close(fd) == 0, "close");
    check(close(fd) == -1 && errno == EBADF, "close twice gives EBADF");
    check(stat(path, &st) == 0 && st.st_size == 17, "stat");
    check(lstat(path, &st) == 0 && S_ISREG(st.st_mode), "lstat");
    check(access(path, R_OK | W_OK) == 0, "access");
    check(rename(path, path2) == 0 && access(path, F_OK) == -1 &&
          errno == ENOENT, "rename");
    snprintf(path, sizeof(path), "%s/sub", dir);
    check(mkdir(path, 0755) == 0, "mkdir");
    fd = open(path, O_RDONLY | O_DIRECTORY);
    check(fd >= 0, "open O_DIRECTORY on a directory");
    close(fd);
    fd = open(path2, O_RDONLY | O_DIRECTORY);
    check(fd == -1 && errno == ENOTDIR, "open O_DIRECTORY on a file");
    d = opendir(dir);
    check(d != NULL, "opendir");
    while (d && (de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, "renamed") || !strcmp(de->d_name, "sub")) {
            found++;
        }
    }
    if (d) {
        closedir(d);
    }
    check(found == 2, "readdir finds the entries");
    check(symlink("renamed", path) == -1 && errno == EEXIST, "symlink EEXIST");
    snprintf(path, sizeof(path), "%s/link", dir);
    check(symlink("renamed", path) == 0, "symlink");
    n = readlink(path, buf, sizeof(buf));
    check(n == 7 && !memcmp(buf, "renamed", 7), "readlink");
    check(unlink(path) == 0 && unlink(path2) == 0, "unlink");
    snprintf(path, sizeof(path), "%s/sub", dir);
    check(rmdir(path) == 0, "rmdir");
    check(open("/nonexistent/x", O_RDONLY) == -1 && errno == ENOENT,
          "open missing file gives ENOENT");
    {
        int pfd[2];
        void *volatile bad = (void *)16;

        check(pipe(pfd) == 0 && write(pfd[1], "x", 1) == 1 &&
              read(pfd[0], bad, 1) == -1 && errno == EFAULT,
              "read into a bad pointer gives EFAULT");
        close(pfd[0]);
        close(pfd[1]);
    }
    check(getcwd(buf, sizeof(buf)) != NULL, "getcwd");
}

/* ---------------------------------------------------------------- memory */

static sigjmp_buf segv_jmp;
static volatile void *segv_addr;
static volatile int segv_code;

static void segv_handler(int sig, siginfo_t *info, void *uc)
{
    segv_addr = info->si_addr;
    segv_code = info->si_code;
    siglongjmp(segv_jmp, 1);
}

static void test_memory(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p, *q;
    void *b0, *b1;
    struct sigaction sa;

    check(pg == 4096, "page size is 4096");
    p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "mmap anonymous");
    p[0] = 1;
    p[4 * pg - 1] = 2;
    check(p[0] == 1 && p[4 * pg - 1] == 2, "mmap memory is usable");
    q = mremap(p, 4 * pg, 16 * pg, MREMAP_MAYMOVE);
    check(q != MAP_FAILED && q[0] == 1 && q[4 * pg - 1] == 2,
          "mremap keeps the contents");
    q[16 * pg - 1] = 3;
    check(mprotect(q, pg, PROT_READ) == 0, "mprotect");

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(segv_jmp, 1) == 0) {
        *(volatile char *)q = 5;
        check(0, "write to a read-only page faults");
    } else {
        check(segv_addr == q && segv_code == SEGV_ACCERR,
              "write to a read-only page: SIGSEGV, SEGV_ACCERR, si_addr");
    }
    check(munmap(q, 16 * pg) == 0, "munmap");
    if (sigsetjmp(segv_jmp, 1) == 0) {
        (void)*(volatile char *)(q + pg);
        check(0, "read of an unmapped page faults");
    } else {
        check(segv_addr == q + pg && segv_code == SEGV_MAPERR,
              "read of an unmapped page: SIGSEGV, SEGV_MAPERR, si_addr");
    }
    signal(SIGSEGV, SIG_DFL);
    p = mmap(q, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
             MAP_FIXED_NOREPLACE, -1, 0);
    check(p == q, "MAP_FIXED_NOREPLACE on a free range");
    check(mmap(q, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
               MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED && errno == EEXIST,
          "MAP_FIXED_NOREPLACE on a used range gives EEXIST");
    munmap(p, pg);
    check(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
          MAP_FAILED && errno == EINVAL, "mmap of length 0 gives EINVAL");
    b0 = sbrk(0);
    check(b0 != (void *)-1 && sbrk(3 * pg) == b0, "sbrk grows");
    b1 = sbrk(0);
    memset(b0, 7, 3 * pg);
    check((char *)b1 - (char *)b0 == 3 * pg, "brk moved by the request");
    p = malloc(1 << 20);
    check(p != NULL, "malloc of 1 MB");
    memset(p, 1, 1 << 20);
    free(p);
}

/* --------------------------------------------------------------- signals */

static volatile int usr1_count;
static volatile int usr1_on_altstack;
static char altstack[65536];

static void usr1_handler(int sig)
{
    char here;

    usr1_count++;
    usr1_on_altstack = &here >= altstack && &here < altstack + sizeof(altstack);
}

static volatile int rt_n, rt_vals[4];

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
    if (rt_n < 4) {
        rt_vals[rt_n] = si->si_value.sival_int;
    }
    rt_n++;
}

/* Real-time signals queue every instance, in order, with their values. */
static void test_rt_signals(void)
{
    struct sigaction sa;
    sigset_t set;
    int i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = rt_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (i = 0; i < 3; i++) {
        sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 10 + i });
    }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    check(rt_n == 3 && rt_vals[0] == 10 && rt_vals[1] == 11 &&
          rt_vals[2] == 12, "queued real-time signals arrive in order");
}

static volatile int alrm_count;

static void alrm_handler(int sig)
{
    alrm_count++;
}

/* Many signals hitting blocking reads: each read ends with EINTR, none
 * hangs (a signal just before the host call must not be lost). */
/* A blocked signal whose action is the default stays pending (and is
 * taken by sigtimedwait with its data); waitid reports a child. */
static void test_blocked_default(void)
{
    sigset_t set, old, pend;
    siginfo_t si;
    struct timespec ts = { 1, 0 };
    union sigval v = { .sival_int = 77 };
    pid_t pid;

    signal(SIGUSR2, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    sigqueue(getpid(), SIGUSR2, v);
    check(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR2),
          "a blocked default-action signal stays pending");
    memset(&si, 0, sizeof(si));
    check(sigtimedwait(&set, &si, &ts) == SIGUSR2 &&
          si.si_signo == SIGUSR2 && si.si_code == SI_QUEUE &&
          si.si_value.sival_int == 77, "sigtimedwait takes it with its data");
    sigprocmask(SIG_SETMASK, &old, NULL);
    pid = fork();
    if (pid == 0) {
        _exit(5);
    }
    memset(&si, 0, sizeof(si));
    check(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_signo == SIGCHLD &&
          si.si_code == CLD_EXITED && si.si_pid == pid && si.si_status == 5,
          "waitid reports the child's exit");
}

static void test_signal_race(void)
{
    struct sigaction sa;
    struct itimerval it = { { 0, 300 }, { 0, 300 } }, off = { { 0, 0 },
                                                               { 0, 0 } };
    int fds[2], i, eintr = 0;
    char c;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = alrm_handler;
    sigaction(SIGALRM, &sa, NULL);
    pipe(fds);
    setitimer(ITIMER_REAL, &it, NULL);
    for (i = 0; i < 1000; i++) {
        if (read(fds[0], &c, 1) == -1 && errno == EINTR) {
            eintr++;
        }
    }
    setitimer(ITIMER_REAL, &off, NULL);
    signal(SIGALRM, SIG_IGN);
    close(fds[0]);
    close(fds[1]);
    check(eintr == 1000 && alrm_count >= 1000,
          "1000 blocking reads each interrupted by SIGALRM");
}

static void test_signals(void)
{
    struct sigaction sa, old;
    sigset_t set, pend;
    stack_t ss;
    pid_t pid;
    int status;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = usr1_handler;
    check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
    check(sigaction(SIGUSR1, NULL, &old) == 0 &&
          old.sa_handler == usr1_handler, "sigaction reads back");
    check(raise(SIGUSR1) == 0 && usr1_count == 1, "raise runs the handler");
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    check(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "sigprocmask block");
    kill(getpid(), SIGUSR1);
    check(usr1_count == 1, "blocked signal is not delivered");
    check(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1),
          "sigpending shows it");
    check(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0 && usr1_count == 2,
          "unblocking delivers it");
    ss.ss_sp = altstack;
    ss.ss_size = sizeof(altstack);
    ss.ss_flags = 0;
    check(sigaltstack(&ss, NULL) == 0, "sigaltstack");
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    check(usr1_count == 3 && usr1_on_altstack, "SA_ONSTACK handler runs on "
          "the alternate stack");
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &old);
    check(usr1_count == 4 && old.sa_handler == SIG_DFL, "SA_RESETHAND");

    pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    check(pid > 0 && waitpid(pid, &status, 0) == pid &&
          WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
          "child killed by SIGTERM");
    pid = fork();
    if (pid == 0) {
        *(volatile int *)8 = 1;
        _exit(0);
    }
    check(pid > 0 && waitpid(pid, &status, 0) == pid &&
          WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV &&
          !WCOREDUMP(status), "child dies of SIGSEGV without a core");
}

/* ------------------------------------------------------------- processes */

static void test_processes(const char *self)
{
    int fds[2], status;
    char buf[32];
    pid_t pid;
    struct utsname u;
    unsigned char rnd[16];
    char exe[4096];
    ssize_t n;
    FILE *f;
    int found_stack = 0;

    check(pipe(fds) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        write(fds[1], "from child", 10);
        _exit(3);
    }
    close(fds[1]);
    memset(buf, 0, sizeof(buf));
    check(read(fds[0], buf, sizeof(buf)) == 10 && !strcmp(buf, "from child"),
          "pipe between fork()ed processes");
    close(fds[0]);
    check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 3, "waitpid gets the exit status");

    pid = fork();
    if (pid == 0) {
        execl(self, self, "--child", NULL);
        _exit(100);
    }
    check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 42, "execve of a guest program");

    pid = fork();
    if (pid == 0) {
        int fd = open(self, O_RDONLY | O_CLOEXEC);
        char *av[] = { (char *)self, "--child", NULL };

        fexecve(fd, av, environ);
        _exit(100);
    }
    check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 42, "fexecve (execveat) of a guest program");
    status = system("exit 3");
    check(WIFEXITED(status) && WEXITSTATUS(status) == 3,
          "system() runs the shell (posix_spawn, execve)");
    check(uname(&u) == 0 && !strcmp(u.machine, "aarch64") + 1 > 0,
          "uname");
#ifdef __aarch64__
    check(!strcmp(u.machine, "aarch64"), "uname machine is aarch64");
#elif defined(__x86_64__)
    check(!strcmp(u.machine, "x86_64"), "uname machine is x86_64");
#elif defined(__i386__)
    /* i686 under the emulator, x86_64 natively on a 64-bit kernel. */
    check(!strcmp(u.machine, "i686") || !strcmp(u.machine, "x86_64"),
          "uname machine is i686");
#endif
    check(getrandom(rnd, sizeof(rnd), 0) == sizeof(rnd), "getrandom");
    check(getpid() > 0 && getppid() > 0 && gettid() == getpid(),
          "getpid/getppid/gettid");
    check(getuid() == geteuid() && getgid() == getegid(), "getuid/getgid");
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
    }
    check(n > 0 && strstr(exe, strrchr(self, '/') ? strrchr(self, '/') + 1
                                                  : self) != NULL,
          "/proc/self/exe is the guest program");
    f = fopen("/proc/self/cmdline", "r");
    n = f ? (ssize_t)fread(exe, 1, sizeof(exe) - 1, f) : -1;
    if (f) {
        fclose(f);
    }
    check(n > 0 && !strcmp(exe, self), "/proc/self/cmdline starts with argv[0]");
    f = fopen("/proc/self/maps", "r");
    check(f != NULL, "open /proc/self/maps");
    while (f && fgets(exe, sizeof(exe), f)) {
        unsigned long lo, hi;

        if (sscanf(exe, "%lx-%lx", &lo, &hi) == 2 &&
            (unsigned long)&found_stack >= lo &&
            (unsigned long)&found_stack < hi) {
            found_stack = 1;
        }
    }
    if (f) {
        fclose(f);
    }
    check(found_stack, "/proc/self/maps shows the stack at guest addresses");
}

/* ------------------------------------------------------------------ time */

static void test_time(void)
{
    struct timespec a, b, d = { 0, 20 * 1000 * 1000 };
    struct timeval tv;
    long ns;

    check(clock_gettime(CLOCK_MONOTONIC, &a) == 0, "clock_gettime");
    check(nanosleep(&d, NULL) == 0, "nanosleep");
    clock_gettime(CLOCK_MONOTONIC, &b);
    ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
    check(ns >= 20 * 1000 * 1000, "nanosleep slept long enough");
    check(gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1600000000,
          "gettimeofday");
    check(time(NULL) > 1600000000, "time");
}

/* --------------------------------------------------------------- threads */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread int tls_value;

static void *thread_body(void *arg)
{
    int i;

    tls_value = (int)(long)arg;
    for (i = 0; i < 10000; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    }
    return (void *)(long)(tls_value * 2);
}

static void test_threads(void)
{
    pthread_t t[4];
    void *ret;
    int i, ok = 1;

    tls_value = 99;
    for (i = 0; i < 4; i++) {
        ok &= pthread_create(&t[i], NULL, thread_body, (void *)(long)i) == 0;
    }
    check(ok, "pthread_create");
    for (i = 0; i < 4; i++) {
        ok &= pthread_join(t[i], &ret) == 0 && ret == (void *)(long)(i * 2);
    }
    check(ok, "pthread_join returns each thread's value");
    check(counter == 40000, "mutex-protected counter");
    check(tls_value == 99, "thread-local storage is per thread");
}

/* ------------------------------------------------------------ descriptors */

static void test_io(void)
{
    int sv[2], ep, efd;
    char buf[16];
    struct pollfd pfd;
    struct epoll_event ev, out;
    struct msghdr mh;
    struct iovec iov;
    uint64_t v;

    check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
    check(send(sv[0], "ping", 4, 0) == 4, "send");
    pfd.fd = sv[1];
    pfd.events = POLLIN;
    check(poll(&pfd, 1, 1000) == 1 && (pfd.revents & POLLIN), "poll");
    check(recv(sv[1], buf, sizeof(buf), 0) == 4 && !memcmp(buf, "ping", 4),
          "recv");
    iov.iov_base = "msg!";
    iov.iov_len = 4;
    memset(&mh, 0, sizeof(mh));
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    check(sendmsg(sv[1], &mh, 0) == 4, "sendmsg");
    ep = epoll_create1(EPOLL_CLOEXEC);
    check(ep >= 0, "epoll_create1");
    ev.events = EPOLLIN;
    ev.data.u64 = 0x1122334455667788ull;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev) == 0, "epoll_ctl");
    check(epoll_wait(ep, &out, 1, 1000) == 1 &&
          out.data.u64 == 0x1122334455667788ull && (out.events & EPOLLIN),
          "epoll_wait returns the event data");
    iov.iov_base = buf;
    iov.iov_len = sizeof(buf);
    check(recvmsg(sv[0], &mh, 0) == 4 && !memcmp(buf, "msg!", 4), "recvmsg");
    efd = eventfd(0, EFD_NONBLOCK);
    check(efd >= 0, "eventfd");
    v = 5;
    check(write(efd, &v, 8) == 8 && read(efd, &v, 8) == 8 && v == 5,
          "eventfd counts");
    check(read(efd, &v, 8) == -1 && errno == EAGAIN, "eventfd nonblocking");
    close(efd);
    close(ep);
    close(sv[0]);
    close(sv[1]);
    check(isatty(-1) == 0, "isatty on a bad fd");
}

/* ------------------------------------------------------------- SysV IPC */

union semun_arg {
    int val;
    struct semid_ds *buf;
};

static void test_ipc(void)
{
    struct {
        long type;
        char text[16];
    } msg = { 3, "hello" }, got;
    struct sembuf op = { 1, -2, 0 };
    struct semid_ds ds;
    union semun_arg u;
    int id, s, q, status;
    char *p;
    pid_t pid;

    id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
    check(id >= 0, "shmget");
    p = shmat(id, NULL, 0);
    check(p != (void *)-1, "shmat");
    if (p != (void *)-1) {
        strcpy(p, "parent");
        pid = fork();
        if (pid == 0) {
            strcpy(p, "child");
            _exit(0);
        }
        waitpid(pid, &status, 0);
        check(!strcmp(p, "child"), "shared memory is shared with a child");
        check(shmdt(p) == 0, "shmdt");
    }
    shmctl(id, IPC_RMID, NULL);
    s = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    u.val = 5;
    check(s >= 0 && semctl(s, 1, SETVAL, u) == 0, "semget and SETVAL");
    u.buf = &ds;
    check(semctl(s, 0, IPC_STAT, u) == 0 && ds.sem_nsems == 2,
          "semctl IPC_STAT");
    check(semop(s, &op, 1) == 0 && semctl(s, 1, GETVAL) == 3, "semop");
    semctl(s, 0, IPC_RMID);
    q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    check(q >= 0 && msgsnd(q, &msg, sizeof(msg.text), 0) == 0 &&
          msgrcv(q, &got, sizeof(got.text), 0, 0) == sizeof(got.text) &&
          got.type == 3 && !strcmp(got.text, "hello"), "msgsnd and msgrcv");
    msgctl(q, IPC_RMID, NULL);
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/linux-test-XXXXXX";

    if (argc > 1 && !strcmp(argv[1], "--child")) {
        return 42;
    }
    if (argc > 1 && !strcmp(argv[1], "--random")) {
        unsigned char b[8];

        if (getrandom(b, sizeof(b), 0) != sizeof(b)) {
            return 1;
        }
        printf("%02x%02x%02x%02x%02x%02x%02x%02x\n", b[0], b[1], b[2], b[3],
               b[4], b[5], b[6], b[7]);
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "--env")) {
        /* For the -E/-U/-0 checks of linux-test.sh. */
        const char *a = getenv("LT_SET"), *b = getenv("LT_UNSET");

        printf("%s %s %s\n", argv[0], a ? a : "-", b ? b : "-");
        return 0;
    }
    if (!mkdtemp(dir)) {
        printf("not ok 1 - mkdtemp\n");
        return 1;
    }
    test_files(dir);
    rmdir(dir);
    test_memory();
    test_signals();
    test_signal_race();
    test_rt_signals();
    test_blocked_default();
    test_processes(argv[0]);
    test_time();
    test_threads();
    test_io();
    test_ipc();
    return failures != 0;
}
