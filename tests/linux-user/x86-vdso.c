/*
 * tests/linux-user/x86-vdso.c: the x86 vDSO, found and parsed by hand.
 *
 * Finds the vDSO through getauxval(AT_SYSINFO_EHDR), checks its ELF
 * header, walks PT_DYNAMIC to the symbol, string, SYSV hash and version
 * tables, looks each symbol up through the hash buckets and checks its
 * version (LINUX_2.6; i386's __kernel_* LINUX_2.5), then calls the
 * functions and compares them with the plain system calls made just
 * before and after (the oracle).  i386 also: a syscall through
 * __kernel_vsyscall (and one with six arguments, mmap2 of page 1 of a
 * memfd), the sigreturn trampolines the kernel puts in signal frames
 * without SA_RESTORER, and a sysenter outside the vDSO (which returns
 * through the vDSO's landing point) when the vDSO itself uses
 * sysenter.  Built with -DTEST_DYNAMIC it also asks the dynamic linker
 * (dlopen RTLD_NOLOAD + dlvsym) for the versioned symbols.
 *
 * Runs natively (the host kernel's vDSO has the same symbols) and under
 * qemu-x86_64 / qemu-i386; prints TAP and exits 0 when all passed.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef TEST_DYNAMIC
#include <dlfcn.h>
#endif

static int n_test, n_fail;

static void ok(int cond, const char *fmt, const char *arg)
{
    n_test++;
    printf("%sok %d - ", cond ? "" : "not ", n_test);
    printf(fmt, arg);
    putchar('\n');
    if (!cond) {
        n_fail++;
    }
}

/* ------------------------------------------------------ the parser */

static uintptr_t load_offset;
static const ElfW(Sym) *symtab;
static const char *strtab;
static const Elf32_Word *hashtab;
static const ElfW(Half) *versym;
static const ElfW(Verdef) *verdef;
static const char *soname;

static uint32_t elf_hash(const char *name)
{
    uint32_t h = 0, g;

    while (*name) {
        h = (h << 4) + (unsigned char)*name++;
        g = h & 0xf0000000u;
        if (g) {
            h ^= g >> 24;
        }
        h &= ~g;
    }
    return h;
}

static int parse_vdso(const ElfW(Ehdr) *eh)
{
    const ElfW(Phdr) *ph = (const void *)((const char *)eh + eh->e_phoff);
    const ElfW(Dyn) *dyn = NULL;
    uintptr_t soname_off = 0;
    int i, have_load = 0;

    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64
                                                     : ELFCLASS32) ||
        eh->e_type != ET_DYN ||
        eh->e_machine != (sizeof(void *) == 8 ? EM_X86_64 : EM_386)) {
        return 0;
    }
    for (i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD && !have_load) {
            load_offset = (uintptr_t)eh - ph[i].p_vaddr;
            have_load = 1;
        } else if (ph[i].p_type == PT_DYNAMIC) {
            dyn = (const void *)ph[i].p_vaddr;
        }
    }
    if (!have_load || !dyn) {
        return 0;
    }
    dyn = (const void *)((uintptr_t)dyn + load_offset);
    for (; dyn->d_tag != DT_NULL; dyn++) {
        const void *p = (const void *)(dyn->d_un.d_ptr + load_offset);

        switch (dyn->d_tag) {
        case DT_SYMTAB:
            symtab = p;
            break;
        case DT_STRTAB:
            strtab = p;
            break;
        case DT_HASH:
            hashtab = p;
            break;
        case DT_VERSYM:
            versym = p;
            break;
        case DT_VERDEF:
            verdef = p;
            break;
        case DT_SONAME:
            soname_off = dyn->d_un.d_val;
            break;
        }
    }
    if (!symtab || !strtab || !hashtab) {
        return 0;
    }
    soname = soname_off ? strtab + soname_off : "";
    return 1;
}

/* The version name of symbol i ("" without version tables). */
static const char *sym_version(uint32_t i)
{
    const ElfW(Verdef) *d = verdef;
    unsigned ndx;

    if (!versym || !verdef) {
        return "";
    }
    ndx = versym[i] & 0x7fff;
    for (;;) {
        if (d->vd_ndx == ndx) {
            const ElfW(Verdaux) *a =
                (const void *)((const char *)d + d->vd_aux);
            return strtab + a->vda_name;
        }
        if (!d->vd_next) {
            return "?";
        }
        d = (const void *)((const char *)d + d->vd_next);
    }
}

/* Through the hash buckets, as a dynamic linker does. */
static void *vdso_sym(const char *name, const char *version)
{
    uint32_t nbucket = hashtab[0];
    const Elf32_Word *bucket = hashtab + 2, *chain = bucket + nbucket;
    uint32_t i;

    for (i = bucket[elf_hash(name) % nbucket]; i; i = chain[i]) {
        const ElfW(Sym) *s = &symtab[i];

        if (strcmp(strtab + s->st_name, name) == 0 &&
            ELF64_ST_TYPE(s->st_info) == STT_FUNC &&
            s->st_shndx != SHN_UNDEF &&
            strcmp(sym_version(i), version) == 0) {
            return (void *)(s->st_value + load_offset);
        }
    }
    return NULL;
}

/* ------------------------------------------------------ time calls */

/* struct __kernel_timespec: 64-bit seconds and nanoseconds on both
 * (i386's own struct timespec is 32-bit: only the 64-bit calls use this). */
typedef struct ts64 {
    int64_t tv_sec, tv_nsec;
} ts64;

static long long ts_ns(const ts64 *t)
{
    return t->tv_sec * 1000000000ll + t->tv_nsec;
}

typedef int (*clock_gettime_fn)(clockid_t, ts64 *);
typedef int (*gettimeofday_fn)(struct timeval *, void *);
typedef time_t (*time_fn)(time_t *);
typedef int (*getcpu_fn)(unsigned *, unsigned *, void *);
typedef int (*clock_getres_fn)(clockid_t, ts64 *);

/* The syscalls, whatever libc would do. */
static void sys_clock_gettime(clockid_t c, ts64 *t)
{
#if defined(__i386__)
    syscall(403 /* clock_gettime64 */, c, t);
#else
    syscall(SYS_clock_gettime, c, t);
#endif
}

static void test_clock(clock_gettime_fn f, clockid_t c, const char *name)
{
    ts64 a, v, b;
    int r;

    sys_clock_gettime(c, &a);
    r = f(c, &v);
    sys_clock_gettime(c, &b);
    ok(r == 0 && ts_ns(&a) <= ts_ns(&v) && ts_ns(&v) <= ts_ns(&b),
       "%s between two clock_gettime syscalls", name);
}

static void test_time_calls(const char *ver)
{
    clock_gettime_fn cg = vdso_sym("__vdso_clock_gettime", ver);
    gettimeofday_fn gtod = vdso_sym("__vdso_gettimeofday", ver);
    time_fn tm = vdso_sym("__vdso_time", ver);
    getcpu_fn gc = vdso_sym("__vdso_getcpu", ver);
    clock_getres_fn gr = vdso_sym("__vdso_clock_getres", ver);
    ts64 r1, r2, a, b;
    struct timeval tv;
    unsigned cpu = ~0u, node = ~0u, scpu = ~1u, snode = ~1u;
    cpu_set_t set;
    time_t t1, t2;
    int r;

    ok(cg && gtod && tm && gc && gr, "all %s time symbols found", ver);
    if (!(cg && gtod && tm && gc && gr)) {
        return;
    }
#if defined(__i386__)
    {
        /* the 32-bit clock_gettime fills a 32-bit timespec */
        struct { int32_t s, ns; } t32;
        int (*cg32)(clockid_t, void *) = (void *)cg;

        sys_clock_gettime(CLOCK_MONOTONIC, &a);
        r = cg32(CLOCK_MONOTONIC, &t32);
        sys_clock_gettime(CLOCK_MONOTONIC, &b);
        ok(r == 0 && a.tv_sec <= t32.s && t32.s <= b.tv_sec,
           "%s", "__vdso_clock_gettime (32-bit timespec) monotonic");
        cg = vdso_sym("__vdso_clock_gettime64", ver);
        ok(cg != NULL, "%s", "__vdso_clock_gettime64 found");
        if (!cg) {
            return;
        }
    }
#endif
    test_clock(cg, CLOCK_MONOTONIC, "vdso clock_gettime(CLOCK_MONOTONIC)");
    test_clock(cg, CLOCK_REALTIME, "vdso clock_gettime(CLOCK_REALTIME)");
    test_clock(cg, CLOCK_PROCESS_CPUTIME_ID,
               "vdso clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");

    sys_clock_gettime(CLOCK_REALTIME, &a);
    r = gtod(&tv, NULL);
    sys_clock_gettime(CLOCK_REALTIME, &b);
    ok(r == 0 && a.tv_sec * 1000000ll + a.tv_nsec / 1000 <=
                 tv.tv_sec * 1000000ll + tv.tv_usec &&
       tv.tv_sec * 1000000ll + tv.tv_usec <=
                 b.tv_sec * 1000000ll + b.tv_nsec / 1000,
       "%s", "vdso gettimeofday between two clock_gettime syscalls");

    t1 = syscall(SYS_time, NULL);
#if defined(__i386__)
    {
        int32_t t32 = 0;
        int32_t (*tm32)(int32_t *) = (void *)tm;
        int32_t v = tm32(&t32);

        t2 = syscall(SYS_time, NULL);
        ok(v == t32 && t1 <= v && v <= t2, "%s",
           "vdso time between two time syscalls, and stored");
    }
#else
    {
        time_t tv_t = 0, v = tm(&tv_t);

        t2 = syscall(SYS_time, NULL);
        ok(v == tv_t && t1 <= v && v <= t2, "%s",
           "vdso time between two time syscalls, and stored");
    }
#endif

    /* Pin the thread so that the CPU cannot change between the calls. */
    syscall(SYS_getcpu, &scpu, &snode, NULL);
    CPU_ZERO(&set);
    CPU_SET(scpu, &set);
    sched_setaffinity(0, sizeof(set), &set);
    syscall(SYS_getcpu, &scpu, &snode, NULL);
    r = gc(&cpu, &node, NULL);
    ok(r == 0 && cpu == scpu && node == snode, "%s",
       "vdso getcpu equals the getcpu syscall");

#if defined(__i386__)
    {
        struct { int32_t s, ns; } g32;
        int (*gr32)(clockid_t, void *) = (void *)gr;

        syscall(SYS_clock_getres, CLOCK_MONOTONIC, &g32);
        r1.tv_sec = g32.s;
        r1.tv_nsec = g32.ns;
        memset(&g32, 0x55, sizeof(g32));
        r = gr32(CLOCK_MONOTONIC, &g32);
        r2.tv_sec = g32.s;
        r2.tv_nsec = g32.ns;
    }
#else
    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &r1);
    memset(&r2, 0x55, sizeof(r2));
    r = gr(CLOCK_MONOTONIC, &r2);
#endif
    ok(r == 0 && r1.tv_sec == r2.tv_sec && r1.tv_nsec == r2.tv_nsec, "%s",
       "vdso clock_getres equals the clock_getres syscall");
}

/* ------------------------------------------------------------ i386 */

#if defined(__i386__)
static void *k_vsyscall, *k_sigreturn, *k_rt_sigreturn;
static volatile uintptr_t ret_addr;

/*
 * long vsys6_asm(fn, nr, a, b, c, d, e, f): the system call nr with
 * arguments in ebx ecx edx esi edi ebp, made by calling fn
 * (__kernel_vsyscall) as libc does.
 */
long vsys6_asm(void *fn, long nr, long a, long b, long c, long d, long e,
               long f);
__asm__(".text\n"
        ".globl vsys6_asm\n"
        "vsys6_asm:\n\t"
        "push %ebp\n\t"
        "push %ebx\n\t"
        "push %esi\n\t"
        "push %edi\n\t"
        "mov 24(%esp), %eax\n\t"
        "mov 28(%esp), %ebx\n\t"
        "mov 32(%esp), %ecx\n\t"
        "mov 36(%esp), %edx\n\t"
        "mov 40(%esp), %esi\n\t"
        "mov 44(%esp), %edi\n\t"
        "mov 48(%esp), %ebp\n\t"
        "call *20(%esp)\n\t"
        "pop %edi\n\t"
        "pop %esi\n\t"
        "pop %ebx\n\t"
        "pop %ebp\n\t"
        "ret\n");

static long vsys6(long nr, long a, long b, long c, long d, long e, long f)
{
    return vsys6_asm(k_vsyscall, nr, a, b, c, d, e, f);
}

static volatile int n_alarm;

static void on_alarm(int sig)
{
    (void)sig;
    n_alarm++;
}

/*
 * A blocking read through __kernel_vsyscall, interrupted by a SA_RESTART
 * signal: the kernel restarts it at the int $0x80 before the landing
 * point, with the registers (ebp = the sixth argument) as they were.
 */
static void test_restart(void)
{
    struct sigaction sa;
    struct itimerval it;
    int fds[2];
    char c = 0;
    long r;
    pid_t pid;

    if (pipe(fds) != 0) {
        ok(0, "%s", "pipe");
        return;
    }
    pid = fork();
    if (pid == 0) {
        usleep(200000);
        write(fds[1], "x", 1);
        _exit(0);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    memset(&it, 0, sizeof(it));
    it.it_value.tv_usec = 50000;
    setitimer(ITIMER_REAL, &it, NULL);
    r = vsys6(SYS_read, fds[0], (long)&c, 1, 0, 0, 0x5a5a);
    ok(r == 1 && c == 'x' && n_alarm == 1, "%s",
       "read through __kernel_vsyscall restarted after SA_RESTART signal");
    waitpid(pid, NULL, 0);
    close(fds[0]);
    close(fds[1]);
}

static void on_sig(int sig)
{
    (void)sig;
    ret_addr = (uintptr_t)__builtin_return_address(0);
}

/* The kernel's struct sigaction for rt_sigaction / the old sigaction. */
struct k_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask[2];
};

struct k_old_sigaction {
    void (*handler)(int);
    unsigned long mask;
    unsigned long flags;
    void (*restorer)(void);
};

static void test_i386(void)
{
    char name[] = "/x86-vdso";
    long pid = syscall(SYS_getpid);
    long r;
    int fd;
    unsigned char page[4096];
    unsigned char *m;
    struct k_sigaction ka;
    struct k_old_sigaction oka;

    k_vsyscall = vdso_sym("__kernel_vsyscall", "LINUX_2.5");
    k_sigreturn = vdso_sym("__kernel_sigreturn", "LINUX_2.5");
    k_rt_sigreturn = vdso_sym("__kernel_rt_sigreturn", "LINUX_2.5");
    ok(k_vsyscall && k_sigreturn && k_rt_sigreturn, "%s",
       "__kernel_vsyscall/sigreturn/rt_sigreturn found (LINUX_2.5)");
    if (!k_vsyscall || !k_sigreturn || !k_rt_sigreturn) {
        return;
    }
    ok((uintptr_t)k_vsyscall == getauxval(AT_SYSINFO), "%s",
       "AT_SYSINFO is __kernel_vsyscall");

    r = vsys6(SYS_getpid, 0, 0, 0, 0, 0, 0);
    ok(r == pid, "%s", "getpid through __kernel_vsyscall");
    r = vsys6(SYS_getpid + 100000, 0, 0, 0, 0, 0, 0);
    ok(r == -38, "%s", "bad number through __kernel_vsyscall: -ENOSYS");

    /* Six arguments: mmap2(0, 4096, PROT_READ, MAP_SHARED, fd, 1). */
    fd = syscall(SYS_memfd_create, name + 1, 0);
    memset(page, 'a', sizeof(page));
    write(fd, page, sizeof(page));
    memset(page, 'b', sizeof(page));
    write(fd, page, sizeof(page));
    m = (unsigned char *)vsys6(192 /* mmap2 */, 0, 4096, PROT_READ,
                               MAP_SHARED, fd, 1);
    ok((uintptr_t)m < (uintptr_t)-4096 && m[0] == 'b' && m[4095] == 'b',
       "%s", "mmap2 through __kernel_vsyscall: the 6th argument (page 1)");
    close(fd);

    /* Handlers without SA_RESTORER return through the vDSO. */
    memset(&ka, 0, sizeof(ka));
    ka.handler = on_sig;
    ka.flags = SA_SIGINFO;
    syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8);
    ret_addr = 0;
    raise(SIGUSR1);
    ok(ret_addr == (uintptr_t)k_rt_sigreturn, "%s",
       "rt frame returns to __kernel_rt_sigreturn");
    memset(&oka, 0, sizeof(oka));
    oka.handler = on_sig;
    syscall(SYS_sigaction, SIGUSR2, &oka, NULL);
    ret_addr = 0;
    raise(SIGUSR2);
    ok(ret_addr == (uintptr_t)k_sigreturn, "%s",
       "sigframe returns to __kernel_sigreturn");

    test_restart();

    /* sysenter outside the vDSO comes back through its landing point. */
    if (memmem(k_vsyscall, 16, "\x0f\x34", 2)) {
        __asm__ volatile("push %%ebx\n\t"
                         "mov $0, %%ebx\n\t"
                         "call 1f\n\t"
                         "jmp 2f\n"
                         "1:\tpush %%ecx\n\t"
                         "push %%edx\n\t"
                         "push %%ebp\n\t"
                         "mov %%esp, %%ebp\n\t"
                         "sysenter\n"
                         "2:\tpop %%ebx"
                         : "=a"(r)
                         : "0"(SYS_getpid)
                         : "memory", "cc", "ecx", "edx");
        ok(r == pid, "%s", "sysenter outside the vDSO (getpid)");
    } else {
        n_test++;
        printf("ok %d - sysenter outside the vDSO # SKIP the vDSO does "
               "not use sysenter\n", n_test);
    }
}
#endif

/* ------------------------------------------------------------ main */

#ifdef TEST_DYNAMIC
static void test_dlvsym(const char *lib, const char *sym, const char *ver)
{
    void *h = dlopen(lib, RTLD_NOW | RTLD_NOLOAD);
    void *p = h ? dlvsym(h, sym, ver) : NULL;

    ok(p != NULL && p == vdso_sym(sym, ver),
       "the dynamic linker binds %s to the vDSO", sym);
}
#endif

int main(void)
{
    const ElfW(Ehdr) *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
    const char *want_soname = sizeof(void *) == 8 ? "linux-vdso.so.1"
                                                  : "linux-gate.so.1";

    setvbuf(stdout, NULL, _IONBF, 0);
    ok(eh != NULL, "%s", "AT_SYSINFO_EHDR");
    if (!eh) {
        return 1;
    }
    ok(parse_vdso(eh), "%s", "a valid ELF with PT_DYNAMIC, symbols, hash");
    if (!symtab) {
        return 1;
    }
    ok(strcmp(soname, want_soname) == 0, "soname %s", soname);
#if defined(__x86_64__)
    test_time_calls("LINUX_2.6");
    ok(vdso_sym("clock_gettime", "LINUX_2.6") ==
           vdso_sym("__vdso_clock_gettime", "LINUX_2.6") &&
       vdso_sym("gettimeofday", "LINUX_2.6") ==
           vdso_sym("__vdso_gettimeofday", "LINUX_2.6") &&
       vdso_sym("time", "LINUX_2.6") == vdso_sym("__vdso_time", "LINUX_2.6")
       && vdso_sym("getcpu", "LINUX_2.6") ==
           vdso_sym("__vdso_getcpu", "LINUX_2.6") &&
       vdso_sym("clock_getres", "LINUX_2.6") ==
           vdso_sym("__vdso_clock_getres", "LINUX_2.6"),
       "%s", "the unprefixed aliases");
    ok(vdso_sym("__vdso_time", "LINUX_2.5") == NULL, "%s",
       "a symbol with the wrong version is not found");
#ifdef TEST_DYNAMIC
    test_dlvsym("linux-vdso.so.1", "__vdso_clock_gettime", "LINUX_2.6");
    test_dlvsym("linux-vdso.so.1", "__vdso_time", "LINUX_2.6");
#endif
#else
    test_time_calls("LINUX_2.6");
    test_i386();
#ifdef TEST_DYNAMIC
    test_dlvsym("linux-gate.so.1", "__vdso_clock_gettime64", "LINUX_2.6");
    test_dlvsym("linux-gate.so.1", "__kernel_vsyscall", "LINUX_2.5");
#endif
#endif
    printf("1..%d\n", n_test);
    return n_fail != 0;
}
