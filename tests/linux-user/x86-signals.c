/*
 * tests/linux-user/x86-signals.c: x86 faults, traps and signal frames.
 *
 * Each case makes the CPU raise an exception (page fault, #UD, #DE, #BP,
 * #GP from int n and hlt), and the SA_SIGINFO handler prints what the
 * kernel reports: signal, si_code, si_addr, and the sigcontext's trapno,
 * err and cr2; it then resumes at a label after the faulting
 * instruction by changing the saved instruction pointer (so sigreturn's
 * restore is tested too).  A last case checks that XMM registers and the
 * FP state in the frame survive a handler.  x86-signals.sh builds it for
 * x86_64 (gcc) and i386 (i686-linux-gnu-gcc), static, and compares the
 * emulator's output with the same binary run natively.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#ifdef __x86_64__
#define REG_PC REG_RIP
#define PTR "q"
#else
#define REG_PC REG_EIP
#define PTR "l"
#endif

/* Fault sites and their resume points, defined in the asm below. */
extern char segv_at[], segv_resume[], ud_at[], ud_resume[], div_at[],
            div_resume[], int3_resume[], int40_at[], int40_resume[],
            hlt_at[], hlt_resume[];
static char *resume_to;

static void handler(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    mcontext_t *mc = &uc->uc_mcontext;
    char *pc = (char *)mc->gregs[REG_PC];

    printf("sig %d code %d addr %s trapno %ld err %#lx cr2 %s pc-at %s\n",
           sig, si->si_code,
           si->si_addr == NULL ? "0" :
           (char *)si->si_addr == segv_at || (uintptr_t)si->si_addr == 16 ?
           "fault-address" : (char *)si->si_addr == pc ? "pc" : "other",
           (long)mc->gregs[REG_TRAPNO], (unsigned long)mc->gregs[REG_ERR],
#ifdef __x86_64__
           mc->gregs[REG_CR2] == 16 ? "fault-address" :
           mc->gregs[REG_CR2] ? "set" : "0",
#else
           mc->cr2 == 16 ? "fault-address" : mc->cr2 ? "set" : "0",
#endif
           pc == resume_to ? "resume" : pc == segv_at || pc == ud_at ||
           pc == div_at ||
           pc == int40_at || pc == hlt_at ? "insn" : "other");
    mc->gregs[REG_PC] = (uintptr_t)resume_to;
}

static void faults(void)
{
    resume_to = segv_resume;
    __asm__ volatile(".globl segv_at, segv_resume\n"
                     "segv_at: mov" PTR " $1, 16\n"
                     "segv_resume:\n" ::: "memory");
    resume_to = ud_resume;
    __asm__ volatile(".globl ud_at, ud_resume\n"
                     "ud_at: ud2\n"
                     "ud_resume:\n" ::: "memory");
    resume_to = div_resume;
    __asm__ volatile(".globl div_at, div_resume\n"
                     "xor %%ecx, %%ecx\n"
                     "mov $1, %%eax\n"
                     "xor %%edx, %%edx\n"
                     "div_at: div %%ecx\n"
                     "div_resume:\n" ::: "eax", "ecx", "edx", "memory");
    resume_to = int3_resume;
    __asm__ volatile(".globl int3_resume\n"
                     "int3\n"
                     "int3_resume:\n" ::: "memory");
    resume_to = int40_resume;
    __asm__ volatile(".globl int40_at, int40_resume\n"
                     "int40_at: int $0x40\n"
                     "int40_resume:\n" ::: "memory");
    resume_to = hlt_resume;
    __asm__ volatile(".globl hlt_at, hlt_resume\n"
                     "hlt_at: hlt\n"
                     "hlt_resume:\n" ::: "memory");
}

/* The XMM registers are the handler's own and come back afterwards;
 * a value the handler writes into the frame's FP state is loaded. */
static void fp_handler(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    float x = 2.0f;

    __asm__ volatile("movss %0, %%xmm1" :: "m"(x) : "xmm1");
#ifdef __x86_64__
    printf("fpstate %s mxcsr %#x\n", uc->uc_mcontext.fpregs ? "yes" : "no",
           uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->mxcsr : 0);
    if (uc->uc_mcontext.fpregs) {
        uc->uc_mcontext.fpregs->_xmm[2].element[0] = 0x40490fdb; /* pi */
    }
#else
    printf("fpstate %s cw %#lx\n", uc->uc_mcontext.fpregs ? "yes" : "no",
           uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->cw & 0xffff : 0);
    if (uc->uc_mcontext.fpregs) {
        /* The FXSAVE image follows the 112-byte FSAVE header. */
        uint32_t *fx = (uint32_t *)((char *)uc->uc_mcontext.fpregs + 112);

        fx[(160 + 2 * 16) / 4] = 0x40490fdb;
    }
#endif
    (void)sig;
    (void)si;
}

static void fp_state(void)
{
    struct sigaction sa;
    float a = 1.5f, b = 0, c = 0;
    long pid = getpid();

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fp_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    /* kill(getpid(), SIGUSR1) as a raw system call: nothing between the
     * register setup and the check may touch the XMM registers. */
#ifdef __x86_64__
    __asm__ volatile("movss %2, %%xmm1\n"
                     "xorps %%xmm2, %%xmm2\n"
                     "mov $62, %%eax\n"
                     "syscall\n"
                     "movss %%xmm1, %0\n"
                     "movss %%xmm2, %1\n"
                     : "=m"(b), "=m"(c) : "m"(a), "D"(pid), "S"(10L)
                     : "rax", "rcx", "r11", "xmm1", "xmm2", "memory", "cc");
#else
    __asm__ volatile("movss %2, %%xmm1\n"
                     "xorps %%xmm2, %%xmm2\n"
                     "push %%ebx\n"
                     "mov %3, %%ebx\n"
                     "mov $37, %%eax\n"
                     "int $0x80\n"
                     "pop %%ebx\n"
                     "movss %%xmm1, %0\n"
                     "movss %%xmm2, %1\n"
                     : "=m"(b), "=m"(c) : "m"(a), "r"(pid), "c"(10L)
                     : "eax", "xmm1", "xmm2", "memory", "cc");
#endif
    printf("xmm1 %g xmm2 %.5f\n", b, c);
}

/*
 * A handler that edits the saved x87 control/status word: on return the
 * edited values must be in force (on i386 the kernel takes the x87 part
 * from the frame's FSAVE header), so the unmasked #MF does not repeat.
 */
static int x87_fpe_count;

static void x87_fpe_handler(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    struct _libc_fpstate *f = uc->uc_mcontext.fpregs;

    x87_fpe_count++;
#ifdef __x86_64__
    printf("x87 #MF: sig %d code %d cw %04x sw %04x\n", sig, si->si_code,
           f->cwd, f->swd & 0xbfff);
    f->cwd |= 0x3f;
    f->swd &= ~0x80bf;
#else
    printf("x87 #MF: sig %d code %d cw %04lx sw %04lx\n", sig, si->si_code,
           f->cw & 0xffff, f->sw & 0xbfff);
    f->cw |= 0x3f;
    f->sw &= ~0x80bf;
#endif
    if (x87_fpe_count > 3) {
        printf("x87 #MF repeats\n");
        _exit(1);
    }
}

static void empty_handler(int sig)
{
    (void)sig;
}

static void x87_across_signals(void)
{
    struct sigaction sa, old;
    unsigned short cw = 0x037b, sw;
    unsigned long long mm = 0x1122334455667788ull, back = 0;
    long double r;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = x87_fpe_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, &old);
    __asm__ volatile("fninit\n\tfldcw %2\n\tfld1\n\tfldz\n\tfdivrp\n\t"
                     "fwait\n\tfnstsw %1\n\tfstpt %0"
                     : "=m"(r), "=m"(sw) : "m"(cw));
    printf("after the handler: sw %04x inf %d, %d signal(s)\n", sw & 0xbfff,
           r > 1e4000L, x87_fpe_count);
    sigaction(SIGFPE, &old, NULL);

    /* An MMX value left after EMMS is register state a signal keeps. */
    signal(SIGUSR1, empty_handler);
    __asm__ volatile("movq %0, %%mm0\n\temms" : : "m"(mm));
    kill(getpid(), SIGUSR1);
    __asm__ volatile("movq %%mm0, %0\n\temms" : "=m"(back));
    printf("mm0 after EMMS and a signal: %016llx\n", back);
}

int main(void)
{
    struct sigaction sa;
    int s;
    int sigs[] = { SIGSEGV, SIGILL, SIGFPE, SIGTRAP };

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    for (s = 0; s < 4; s++) {
        sigaction(sigs[s], &sa, NULL);
    }
    faults();
    fp_state();
    x87_across_signals();
    printf("done\n");
    return 0;
}
