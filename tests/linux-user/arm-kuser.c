/*
 * tests/linux-user/arm-kuser.c (adopted from the linux-user helper's
 * t_kuser.c): the kernel user helpers of the vectors page, called by
 * address as documented in the kernel's kernel_user_helpers.rst
 * (version, get_tls, cmpxchg with its carry, cmpxchg64, memory
 * barrier), the page's protection against stores, munmap, mprotect,
 * MAP_FIXED and read(), and AT_PLATFORM/AT_HWCAP.  TAP output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

static int n, fails;

static void ok(int c, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void ok(int c, const char *name, const char *fmt, ...)
{
    n++;
    if (c) {
        printf("ok %d - %s\n", n, name);
    } else {
        va_list ap;
        fails++;
        printf("not ok %d - %s: ", n, name);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
    }
}

typedef int (kuser_cmpxchg_t)(int oldval, int newval, volatile int *ptr);
typedef int (kuser_cmpxchg64_t)(const int64_t *oldval, const int64_t *newval,
                                volatile int64_t *ptr);
typedef void (kuser_dmb_t)(void);
typedef void *(kuser_get_tls_t)(void);

#define kuser_helper_version (*(int32_t *)0xffff0ffc)
#define kuser_cmpxchg (*(kuser_cmpxchg_t *)0xffff0fc0)
#define kuser_cmpxchg64 (*(kuser_cmpxchg64_t *)0xffff0f60)
#define kuser_memory_barrier (*(kuser_dmb_t *)0xffff0fa0)
#define kuser_get_tls (*(kuser_get_tls_t *)0xffff0fe0)

/* cmpxchg also reports success in C: read it right after the call. */
static int cmpxchg_carry(int old, int new, volatile int *p, int *ret)
{
    register int r0 __asm__("r0") = old;
    register int r1 __asm__("r1") = new;
    register volatile int *r2 __asm__("r2") = p;
    uint32_t apsr;

    __asm__ volatile("ldr ip, =0xffff0fc0\n\t"
                     "blx ip\n\t"
                     "mrs %[apsr], APSR\n\t"
                     : "+r"(r0), "+r"(r1), "+r"(r2), [apsr] "=r"(apsr)
                     : : "r3", "ip", "lr", "cc", "memory");
    *ret = r0;
    return (apsr >> 29) & 1;
}

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

int main(int argc, char **argv)
{
    volatile int v = 5;
    volatile int64_t v64 = 0x1111222233334444ll;
    int64_t o64, n64;
    int r, c;
    uint32_t tls;
    struct sigaction sa;

    ok(kuser_helper_version == 5, "__kuser_helper_version", "%d",
       kuser_helper_version);
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(tls));
    ok((uint32_t)(uintptr_t)kuser_get_tls() == tls && tls != 0,
       "__kuser_get_tls = TPIDRURO", "%p vs %x", kuser_get_tls(), tls);
    ok((uintptr_t)kuser_get_tls() == (uintptr_t)__builtin_thread_pointer(),
       "__kuser_get_tls = thread pointer", "%p", kuser_get_tls());

    r = kuser_cmpxchg(5, 9, &v);
    ok(r == 0 && v == 9, "__kuser_cmpxchg success", "r=%d v=%d", r, v);
    r = kuser_cmpxchg(5, 11, &v);
    ok(r != 0 && v == 9, "__kuser_cmpxchg failure", "r=%d v=%d", r, v);
    c = cmpxchg_carry(9, 12, &v, &r);
    ok(c == 1 && r == 0 && v == 12, "__kuser_cmpxchg sets C on success",
       "c=%d r=%d v=%d", c, r, v);
    c = cmpxchg_carry(9, 13, &v, &r);
    ok(c == 0 && r != 0 && v == 12, "__kuser_cmpxchg clears C on failure",
       "c=%d r=%d v=%d", c, r, v);

    o64 = 0x1111222233334444ll;
    n64 = 0x5555666677778888ll;
    r = kuser_cmpxchg64(&o64, &n64, &v64);
    ok(r == 0 && v64 == 0x5555666677778888ll, "__kuser_cmpxchg64 success",
       "r=%d v=%llx", r, (long long)v64);
    o64 = 0x5555666677778889ll;                 /* low word differs */
    r = kuser_cmpxchg64(&o64, &n64, &v64);
    ok(r != 0 && v64 == 0x5555666677778888ll, "__kuser_cmpxchg64 low differs",
       "r=%d", r);
    o64 = 0x5555666777778888ll;                 /* high word differs */
    r = kuser_cmpxchg64(&o64, &n64, &v64);
    ok(r != 0, "__kuser_cmpxchg64 high differs", "r=%d", r);
    kuser_memory_barrier();
    ok(1, "__kuser_memory_barrier returns", "%s", "");

    /* The page: readable, not writable, not unmappable, not replaceable. */
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    got_sig = 0;
    if (!sigsetjmp(jb, 1)) {
        *(volatile uint32_t *)0xffff0ffc = 6;
    }
    ok(got_sig == SIGSEGV && got_addr == 0xffff0ffc && got_code == SEGV_ACCERR,
       "store to the vectors page faults", "sig=%d addr=%lx code=%d", got_sig,
       (unsigned long)got_addr, got_code);
    ok(kuser_helper_version == 5, "vectors page unchanged", "%d",
       kuser_helper_version);
    r = munmap((void *)0xffff0000, 4096);
    ok(r == -1 && errno == EINVAL, "munmap of the vectors page fails",
       "r=%d errno=%d", r, errno);
    r = mprotect((void *)0xffff0000, 4096, PROT_READ | PROT_WRITE);
    ok(r == -1, "mprotect of the vectors page fails", "r=%d errno=%d", r,
       errno);
    ok(mmap((void *)0xffff0000, 4096, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED,
       "MAP_FIXED over the vectors page fails", "errno=%d", errno);
    {
        int p[2];

        pipe(p);
        write(p[1], "z", 1);
        r = read(p[0], (void *)0xffff0f00, 1);
    }
    ok(r == -1 && errno == EFAULT, "read() into the vectors page: EFAULT",
       "r=%d errno=%d", r, errno);
    ok(kuser_helper_version == 5 && kuser_cmpxchg(12, 14, &v) == 0 && v == 14,
       "helpers still work", "v=%d", v);

    /* Auxiliary vector. */
    {
        const char *plat = (const char *)getauxval(AT_PLATFORM);
        unsigned long hw = getauxval(AT_HWCAP);

        const char *want = argc > 1 ? argv[1] : NULL;

        ok(plat && (want ? !strcmp(plat, want)
                         : !strcmp(plat, "v8l") || !strcmp(plat, "v7l")),
           "AT_PLATFORM", "%s", plat ? plat : "(null)");
        ok((hw & (1 << 6)) && (hw & (1 << 15)), "AT_HWCAP has VFP and TLS",
           "%lx", hw);
    }
    printf("1..%d\n", n);
    return fails != 0;
}
