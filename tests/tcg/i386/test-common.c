/* tests/tcg/i386/test-common.c: section dispatch, fault catching and
 * printing helpers shared by test-i386 and test-x86_64. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>
#include "test.h"

sigjmp_buf fault_jmp;
volatile int fault_armed;
volatile uintptr_t fault_base;
volatile int fault_print_addr;
volatile int fault_print_regs;
volatile int fault_resume_len;

static void fault_handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
#ifdef __x86_64__
    uintptr_t ip = uc->uc_mcontext.gregs[REG_RIP];
#else
    uintptr_t ip = uc->uc_mcontext.gregs[REG_EIP];
#endif
    if (!fault_armed) {
        printf("unexpected signal %d at ip=%#lx\n", sig, (unsigned long)ip);
        fflush(stdout);
        _exit(3);
    }
    if (fault_resume_len) {
        /* resume after the instruction with a register changed: tests
         * that sigreturn restores the edited context */
#ifdef __x86_64__
        uc->uc_mcontext.gregs[REG_RIP] += fault_resume_len;
        uc->uc_mcontext.gregs[REG_RAX] = 0x5a5a;
#else
        uc->uc_mcontext.gregs[REG_EIP] += fault_resume_len;
        uc->uc_mcontext.gregs[REG_EAX] = 0x5a5a;
#endif
        printf("  sig=%d resumed\n", sig);
        fault_resume_len = 0;
        return;
    }
    fault_armed = 0;
    printf("  sig=%d code=%d", sig, si->si_code);
    if (fault_print_regs) {
        /* the state at the fault: earlier instructions of the same block
         * must be visible, flags included */
#ifdef __x86_64__
        greg_t *g = uc->uc_mcontext.gregs;
        printf(" ax=%llx cx=%llx dx=%llx si=%llx di=%llx fl=%03llx", (long long)g[REG_RAX],
               (long long)g[REG_RCX], (long long)g[REG_RDX], (long long)g[REG_RSI],
               (long long)g[REG_RDI], (long long)g[REG_EFL] & F_ALL);
#else
        greg_t *g = uc->uc_mcontext.gregs;
        printf(" ax=%x cx=%x dx=%x si=%x di=%x fl=%03x", g[REG_EAX], g[REG_ECX], g[REG_EDX],
               g[REG_ESI], g[REG_EDI], g[REG_EFL] & F_ALL);
#endif
    }
    if (fault_print_addr)
        printf(" addr=%#lx", (unsigned long)(uintptr_t)si->si_addr);
    printf(" ip=%+ld\n", (long)(ip - fault_base));
    siglongjmp(fault_jmp, 1);
}

void fault_install(void)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa;
    sigaltstack(&ss, NULL);     /* for faults with a bad esp */
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    for (int i = 0; i < N_ELEM(sigs); i++)
        sigaction(sigs[i], &sa, NULL);
}

static uint64_t rand_state = 0x9e3779b97f4a7c15ull;

uint64_t test_rand(void)
{
    /* xorshift64*: the same sequence natively and emulated */
    rand_state ^= rand_state >> 12;
    rand_state ^= rand_state << 25;
    rand_state ^= rand_state >> 27;
    return rand_state * 0x2545f4914f6cdd1dull;
}

void test_rand_seed(uint64_t seed)
{
    rand_state = seed ? seed : 1;
}

uint64_t test_rand_value(void)
{
    uint64_t r = test_rand();
    switch (r & 7) {
    case 0:     /* a power of two, +-1 */
        return (1ull << (r >> 8 & 63)) + (int64_t)((r >> 16 & 3) - 1);
    case 1:     /* small, possibly negative */
        return (uint64_t)(int64_t)(int8_t)(r >> 8);
    case 2:     /* sign-bit boundaries of every size */
        return (0x80ull << (8 * (r >> 8 & 7))) - (r >> 16 & 1);
    default:
        return test_rand();
    }
}

uint32_t test_rand_float_bits(void)
{
    uint64_t r = test_rand();
    uint32_t sign = (uint32_t)(r >> 63) << 31, mant = (uint32_t)(r >> 8) & 0x7fffff;
    switch (r & 7) {
    case 0: return sign | mant;                                 /* denormal */
    case 1: return sign | 0x7f800000 | (r & 8 ? mant : 0);       /* inf/nan */
    case 2: return sign | (uint32_t)(r >> 32 & 0xfe) << 23 | mant; /* any exponent */
    case 3: return sign | (0x4e000000 + ((uint32_t)(r >> 40) & 0x01ffffff)); /* near 2^31 */
    default: return sign | (uint32_t)(0x70 + (r >> 32 & 0x1f)) << 23 | mant; /* ~1 */
    }
}

uint64_t test_rand_double_bits(void)
{
    uint64_t r = test_rand(), m = test_rand() & 0xfffffffffffffull;
    uint64_t sign = r >> 63 << 63;
    switch (r & 7) {
    case 0: return sign | m;
    case 1: return sign | 0x7ff0000000000000ull | (r & 8 ? m : 0);
    case 2: return sign | (r >> 32 & 0x7fe) << 52 | m;
    case 3: return sign | (0x43c0000000000000ull + (r >> 20 & 0x3fffffffffffull)); /* ~2^63 */
    default: return sign | (0x3f0 + (r >> 32 & 0x1f)) << 52 | m;
    }
}

void print_f80(const char *label, long double x)
{
    unsigned char b[10];
    memcpy(b, &x, 10);
    printf("%s=%02x%02x_", label, b[9], b[8]);
    for (int i = 7; i >= 0; i--)
        printf("%02x", b[i]);
}

int run_sections(const struct section *s, int n, int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* keep what was printed on a crash */
    fault_install();
    if (argc > 1 && !strcmp(argv[1], "--list")) {
        for (int i = 0; i < n; i++)
            printf("%s\n", s[i].name);
        return 0;
    }
    for (int a = 1; a < argc; a++) {
        int known = 0;
        for (int i = 0; i < n; i++)
            known |= !strcmp(argv[a], s[i].name);
        if (!known) {
            fprintf(stderr, "unknown section %s (--list names them)\n", argv[a]);
            return 2;
        }
    }
    for (int i = 0; i < n; i++) {
        int wanted = argc <= 1;
        for (int a = 1; a < argc; a++)
            wanted |= !strcmp(argv[a], s[i].name);
        if (!wanted)
            continue;
        printf("== %s\n", s[i].name);
        s[i].run();
    }
    return 0;
}
