/*
 * tests/linux-user/arm-signals.c: ARM signal delivery under qemu-arm
 * (adopted from the linux-user helper's t_signals.c).  Built -marm and
 * -mthumb by arm-signals.sh; the "other state" handlers use the target
 * attribute, so ARM and Thumb handlers run in each build.  Covers plain
 * and SA_SIGINFO handlers, the frame's VFP record, returns without
 * SA_RESTORER, SIGSEGV (si_addr, MAPERR/ACCERR, the pc in the frame,
 * registers edited in the frame), SIGSEGV from T32 code, inside an IT
 * block (the IT state kept across the handler) and from an ldm (base
 * not written back), SIGILL from udf (A32 and T32), SIGBUS
 * from misaligned ldrex, vldr and vstm and from a vld1 with an
 * alignment qualifier, VFP/FPSCR/flags restored after a clobbering
 * handler, sigaltstack, the mask, and restarted or interrupted svc in
 * A32 and T32.  TAP output; every expected value is fixed by the
 * program (what it stored or where it faulted).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
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
    fflush(stdout);
}

static volatile int hits, hit_sig, hit_code;
static volatile uintptr_t hit_addr, hit_lr, hit_sp;
static volatile uint32_t frame_magic, frame_size, frame_cpsr;

#define ARMFN __attribute__((target("arm"), noinline))
#define THUMBFN __attribute__((target("thumb"), noinline))

static ARMFN void h_arm(int sig)
{
    hits++;
    hit_sig = sig;
}

static THUMBFN void h_thumb(int sig)
{
    hits += 10;
    hit_sig = sig;
}

static ARMFN void h_arm_info(int sig, siginfo_t *si, void *ucp)
{
    ucontext_t *uc = ucp;

    hits++;
    hit_sig = sig;
    hit_code = si->si_code;
    frame_magic = ((uint32_t *)uc->uc_regspace)[0];
    frame_size = ((uint32_t *)uc->uc_regspace)[1];
    frame_cpsr = uc->uc_mcontext.arm_cpsr;
}

static THUMBFN void h_thumb_info(int sig, siginfo_t *si, void *ucp)
{
    (void)ucp;
    hits += 10;
    hit_sig = sig;
    hit_code = si->si_code;
}

static void install(int sig, void *h, int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = h;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

/* rt_sigaction without SA_RESTORER: our return code is used. */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static ARMFN void h_raw(int sig)
{
    hits++;
    hit_sig = sig;
    hit_lr = (uintptr_t)__builtin_return_address(0);
}

static THUMBFN void h_raw_thumb(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    hits += 10;
    hit_sig = sig;
    hit_lr = (uintptr_t)__builtin_return_address(0);
}

/* Fault handlers: skip the faulting instruction (4 bytes in A32, or
 * `skip` bytes when set, for T32). */
static volatile int set_r0, skip;
static ARMFN void h_segv(int sig, siginfo_t *si, void *ucp)
{
    ucontext_t *uc = ucp;

    hits++;
    hit_sig = sig;
    hit_code = si->si_code;
    hit_addr = (uintptr_t)si->si_addr;
    hit_lr = uc->uc_mcontext.arm_pc;
    if (set_r0) {
        uc->uc_mcontext.arm_r0 = 42;
    }
    uc->uc_mcontext.arm_pc += skip ? skip : 4;
}

/* The faulting instructions, always A32 (4 bytes to skip). */
static ARMFN uint32_t fault_load(uintptr_t addr, uintptr_t *where)
{
    register uint32_t r0 __asm__("r0");
    uintptr_t w;

    set_r0 = 1;
    __asm__ volatile("adr %1, 1f\n"
                     "1: ldr %0, [%2]\n\t"
                     : "=&r"(r0), "=&r"(w) : "r"(addr) : "memory");
    set_r0 = 0;
    *where = w;
    return r0;
}

/* A 16-bit T32 load that faults: the frame's pc is the instruction
 * (without the Thumb bit), CPSR.T is set in the frame. */
static THUMBFN uint32_t fault_load_thumb(uintptr_t addr, uintptr_t *where)
{
    register uint32_t r0 __asm__("r0");
    register uintptr_t r1 __asm__("r1") = addr;
    uintptr_t w;

    set_r0 = 1;
    skip = 2;
    __asm__ volatile("adr %1, 1f\n\t.align 2\n"
                     "1: ldr %0, [%2]\n\t"
                     : "=&l"(r0), "=&r"(w) : "l"(r1) : "memory");
    skip = 0;
    set_r0 = 0;
    *where = w;
    return r0;
}

/* udf in T32 (the 16-bit form 0xde00 | imm8). */
static THUMBFN uintptr_t fault_udf_thumb(void)
{
    uintptr_t w;

    skip = 2;
    __asm__ volatile("adr %0, 1f\n\t.align 2\n1:\tudf #7\n\t" : "=&r"(w) :: "memory");
    skip = 0;
    return w;
}

/* ldm with write-back whose third word is on an unmapped page: the
 * fault leaves the base register as it was. */
static ARMFN uint32_t fault_ldm(uintptr_t base)
{
    register uintptr_t b __asm__("r0") = base;

    __asm__ volatile("ldm %0!, {r1, r2, r3, r12}" : "+r"(b)
                     :: "r1", "r2", "r3", "r12", "memory");
    return b;
}

/* VFP and Neon accesses that must be aligned whatever SCTLR.A says
 * (vldr/vstr/vldm use MemA; an alignment qualifier on vld1 too), and
 * which the kernel's alignment fixup does not emulate: SIGBUS. */
static ARMFN uintptr_t fault_vldr(uintptr_t addr)
{
    uintptr_t w;

    __asm__ volatile("adr %0, 1f\n1:\tvldr d0, [%1]\n\t"
                     : "=&r"(w) : "r"(addr) : "d0", "memory");
    return w;
}

static ARMFN uintptr_t fault_vstm(uintptr_t addr)
{
    uintptr_t w;

    __asm__ volatile("adr %0, 1f\n1:\tvstmia %1, {d0-d1}\n\t"
                     : "=&r"(w) : "r"(addr) : "memory");
    return w;
}

static ARMFN uintptr_t fault_vld1_aligned(uintptr_t addr)
{
    uintptr_t w;

    __asm__ volatile("adr %0, 1f\n1:\tvld1.64 {d0}, [%1 :64]\n\t"
                     : "=&r"(w) : "r"(addr) : "d0", "memory");
    return w;
}

/* A fault inside an IT block, retried after the handler makes the page
 * readable: the frame keeps the IT state, so that after sigreturn the
 * rest of the block stays conditional.  Z = 1: ldreq and addeq run,
 * addne does not. */
static volatile uint32_t it_cpsr;
static void *it_page;
static void h_it(int sig, siginfo_t *si, void *ucp)
{
    ucontext_t *uc = ucp;

    (void)si;
    hits++;
    hit_sig = sig;
    it_cpsr = uc->uc_mcontext.arm_cpsr;
    mprotect(it_page, 4096, PROT_READ | PROT_WRITE);
}

static THUMBFN uint32_t it_fault(void *p)
{
    register uint32_t r1 __asm__("r1") = 0;
    register void *r2 __asm__("r2") = p;
    register uint32_t r3 __asm__("r3") = 0;

    __asm__ volatile("movs r0, #0\n\t"
                     "itte eq\n\t"
                     "ldreq r1, [r2]\n\t"
                     "addeq r3, r3, #1\n\t"
                     "addne r3, r3, #2"
                     : "+l"(r1), "+l"(r3) : "l"(r2) : "r0", "cc", "memory");
    return r3 << 8 | r1;
}

/* ldrex from a misaligned address: an alignment fault, SIGBUS. */
static ARMFN uintptr_t fault_ldrex(uintptr_t addr)
{
    uintptr_t w;
    uint32_t v;

    __asm__ volatile("adr %0, 1f\n1:\tldrex %1, [%2]\n\t"
                     : "=&r"(w), "=&r"(v) : "r"(addr) : "memory");
    return w;
}

static ARMFN void fault_store(uint32_t *p)
{
    __asm__ volatile("str %1, [%0, #8]\n\t" :: "r"(p), "r"(5) : "memory");
}

static ARMFN uintptr_t fault_udf(void)
{
    uintptr_t w;

    __asm__ volatile("adr %0, 1f\n1:\tudf #0\n\t" : "=&r"(w) :: "memory");
    return w;
}

/* VFP and flags across a handler that clobbers them. */
static THUMBFN void h_clobber(int sig)
{
    hits++;
    hit_sig = sig;
    __asm__ volatile(
        "vmov.f64 d8, #-3.0\n\t"
        "vmov.f64 d16, #-5.0\n\t"
        "vmov.f64 d31, #-7.0\n\t"
        "mov r0, #0x00c00000\n\t"          /* RZ rounding */
        "vmsr fpscr, r0\n\t"
        "movs r0, #0\n\t"                   /* Z set, N C V clear */
        ::: "r0", "d8", "d16", "d31", "cc");
}

static stack_t alt;
static ARMFN void h_alt(int sig)
{
    char here;

    hits++;
    hit_sig = sig;
    hit_sp = (uintptr_t)&here;
}

/* read(2) through an svc in A32 state (the restart steps back 4). */
static ARMFN int arm_read(int fd, void *buf, int len)
{
    register int r0 __asm__("r0") = fd;
    register void *r1 __asm__("r1") = buf;
    register int r2 __asm__("r2") = len;
    register int r7 __asm__("r7") = 3;

    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7)
                     : "memory");
    return r0;
}

/* The same in T32 state (the restart steps back 2). */
static THUMBFN int thumb_read(int fd, void *buf, int len)
{
    register int r0 __asm__("r0") = fd;
    register void *r1 __asm__("r1") = buf;
    register int r2 __asm__("r2") = len;
    register int r7 __asm__("r7") = 3;

    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7)
                     : "memory");
    return r0;
}

static void h_count(int sig)
{
    (void)sig;
    hits++;
}

/*
 * A read blocked on a pipe, interrupted by SIGALRM after 100 ms; a
 * child writes 300 ms later.  With SA_RESTART the read completes with
 * the data, without it fails with EINTR.
 */
static int blocked_read(int (*rd)(int, void *, int), int restart,
                        char *got)
{
    int p[2], r;
    pid_t pid;
    struct itimerval it = { .it_value = { 0, 100000 } };
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_count;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    pipe(p);
    pid = fork();
    if (pid == 0) {
        usleep(400000);
        write(p[1], "R", 1);
        _exit(0);
    }
    hits = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    r = rd(p[0], got, 1);
    waitpid(pid, NULL, 0);
    close(p[0]);
    close(p[1]);
    return r;
}

int main(void)
{
    pid_t me = getpid();

    /* Plain handlers, ARM and Thumb. */
    install(SIGUSR1, h_arm, 0);
    hits = 0;
    kill(me, SIGUSR1);
    ok(hits == 1 && hit_sig == SIGUSR1, "ARM handler", "hits=%d", hits);
    install(SIGUSR1, h_thumb, 0);
    hits = 0;
    kill(me, SIGUSR1);
    ok(hits == 10 && hit_sig == SIGUSR1, "Thumb handler", "hits=%d", hits);

    /* SA_SIGINFO, ARM and Thumb; the frame's VFP record and CPSR. */
    install(SIGUSR2, h_arm_info, SA_SIGINFO);
    hits = 0;
    kill(me, SIGUSR2);
    ok(hits == 1 && hit_code == SI_USER, "ARM SA_SIGINFO handler",
       "hits=%d code=%d", hits, hit_code);
    ok(frame_magic == 0x56465001 && frame_size == 0x120,
       "uc_regspace VFP record", "magic %x size %x", frame_magic, frame_size);
    ok((frame_cpsr & 0x1f) == 0x10, "frame cpsr user mode", "cpsr %x",
       frame_cpsr);
    install(SIGUSR2, h_thumb_info, SA_SIGINFO);
    hits = 0;
    sigqueue(me, SIGUSR2, (union sigval){ .sival_int = 7 });
    ok(hits == 10 && hit_code == SI_QUEUE, "Thumb SA_SIGINFO handler",
       "hits=%d code=%d", hits, hit_code);

    /* SIGSEGV: si_addr, MAPERR/ACCERR, pc in the frame, resumption. */
    install(SIGSEGV, h_segv, SA_SIGINFO);
    {
        uint32_t r0;
        uintptr_t where;

        hits = 0;
        r0 = fault_load(0x1234, &where);
        ok(hits == 1 && hit_sig == SIGSEGV, "SIGSEGV delivered", "hits=%d",
           hits);
        ok(hit_addr == 0x1234, "si_addr", "%lx", (unsigned long)hit_addr);
        ok(hit_code == SEGV_MAPERR, "SEGV_MAPERR", "%d", hit_code);
        ok(hit_lr == where, "arm_pc is the faulting insn", "%lx vs %lx",
           (unsigned long)hit_lr, (unsigned long)where);
        ok(r0 == 42, "registers restored from the edited frame", "r0=%u",
           r0);
    }
    {
        uint32_t *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
        hits = 0;
        fault_store(ro);
        ok(hits == 1 && hit_addr == (uintptr_t)ro + 8 &&
           hit_code == SEGV_ACCERR, "store to read-only page: SEGV_ACCERR",
           "hits=%d addr=%lx code=%d", hits, (unsigned long)hit_addr,
           hit_code);
    }
    /* SIGILL on udf: si_addr = the instruction. */
    install(SIGILL, h_segv, SA_SIGINFO);
    {
        uintptr_t where;

        hits = 0;
        where = fault_udf();
        ok(hits == 1 && hit_sig == SIGILL && hit_code == ILL_ILLOPC &&
           hit_addr == where, "udf: SIGILL ILL_ILLOPC at the insn",
           "hits=%d code=%d addr=%lx want %lx", hits, hit_code,
           (unsigned long)hit_addr, (unsigned long)where);
    }

    /* udf in T32. */
    install(SIGILL, h_segv, SA_SIGINFO);
    {
        uintptr_t where;

        hits = 0;
        where = fault_udf_thumb();
        ok(hits == 1 && hit_sig == SIGILL && hit_code == ILL_ILLOPC &&
           hit_addr == (where & ~(uintptr_t)1),
           "T32 udf: SIGILL ILL_ILLOPC at the insn",
           "hits=%d code=%d addr=%lx want %lx", hits, hit_code,
           (unsigned long)hit_addr, (unsigned long)where);
    }
    /* A faulting ldm does not write its base back. */
    install(SIGSEGV, h_segv, SA_SIGINFO);
    {
        char *pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        uintptr_t base, after;

        munmap(pg + 4096, 4096);
        base = (uintptr_t)pg + 4096 - 8;
        hits = 0;
        after = fault_ldm(base);
        ok(hits == 1 && hit_sig == SIGSEGV && hit_addr == (uintptr_t)pg + 4096,
           "ldm across into an unmapped page: SIGSEGV at the page",
           "hits=%d addr=%lx want %lx", hits, (unsigned long)hit_addr,
           (unsigned long)((uintptr_t)pg + 4096));
        ok(after == base, "faulting ldm! leaves the base unchanged",
           "base %lx, after %lx", (unsigned long)base, (unsigned long)after);
        munmap(pg, 4096);
    }
    /* SIGSEGV from T32 code. */
    install(SIGSEGV, h_segv, SA_SIGINFO);
    {
        uint32_t r0;
        uintptr_t where;

        hits = 0;
        r0 = fault_load_thumb(0x2468, &where);
        ok(hits == 1 && hit_sig == SIGSEGV && hit_addr == 0x2468,
           "T32 load fault: SIGSEGV, si_addr", "hits=%d addr=%lx", hits,
           (unsigned long)hit_addr);
        ok(hit_lr == (where & ~(uintptr_t)1), "T32 fault: arm_pc is the insn",
           "%lx vs %lx", (unsigned long)hit_lr, (unsigned long)where);
        ok(r0 == 42, "T32 fault: resumed after the 16-bit insn, r0 edited",
           "r0=%u", r0);
    }
    /* SIGBUS on a misaligned ldrex: BUS_ADRALN, si_addr the address. */
    install(SIGBUS, h_segv, SA_SIGINFO);
    {
        static uint32_t words[2] __attribute__((aligned(8)));
        uintptr_t where;

        hits = 0;
        where = fault_ldrex((uintptr_t)words + 1);
        ok(hits == 1 && hit_sig == SIGBUS, "misaligned ldrex: SIGBUS",
           "hits=%d sig=%d", hits, hit_sig);
        ok(hit_code == BUS_ADRALN && hit_addr == (uintptr_t)words + 1,
           "misaligned ldrex: BUS_ADRALN, si_addr", "code=%d addr=%lx want %lx",
           hit_code, (unsigned long)hit_addr,
           (unsigned long)((uintptr_t)words + 1));
        ok(hit_lr == where, "misaligned ldrex: arm_pc is the insn",
           "%lx vs %lx", (unsigned long)hit_lr, (unsigned long)where);
    }

    /* A fault in an IT block: IT state saved and restored. */
    install(SIGSEGV, h_it, SA_SIGINFO);
    {
        uint32_t r;

        it_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        *(volatile uint32_t *)it_page = 0x5a;
        mprotect(it_page, 4096, PROT_NONE);
        hits = 0;
        r = it_fault(it_page);
        ok(hits == 1 && r == 0x15a,
           "fault in an IT block, retried: the block stays conditional",
           "hits=%d result=%x (want 15a)", hits, r);
        /* At the ldreq, ITSTATE = firstcond EQ, mask 0110 = 0x06:
         * IT<1:0> in CPSR bits 26:25, IT<7:2> in bits 15:10; T set. */
        ok((it_cpsr & 0x0600fc20) == 0x04000420,
           "frame CPSR: T and the IT state of the faulting insn",
           "cpsr %08x", it_cpsr);
        munmap(it_page, 4096);
        install(SIGSEGV, h_segv, SA_SIGINFO);
    }

    /* SIGBUS on misaligned VFP/Neon accesses that require alignment. */
    {
        static uint32_t words[8] __attribute__((aligned(16)));
        uintptr_t where, a;

        a = (uintptr_t)words + 2;
        hits = 0;
        where = fault_vldr(a);
        ok(hits == 1 && hit_sig == SIGBUS && hit_code == BUS_ADRALN &&
           hit_addr == a && hit_lr == where,
           "misaligned vldr: SIGBUS BUS_ADRALN", "hits=%d sig=%d code=%d",
           hits, hit_sig, hit_code);
        hits = 0;
        where = fault_vstm(a);
        ok(hits == 1 && hit_sig == SIGBUS && hit_code == BUS_ADRALN &&
           hit_lr == where, "misaligned vstm: SIGBUS BUS_ADRALN",
           "hits=%d sig=%d code=%d", hits, hit_sig, hit_code);
        a = (uintptr_t)words + 4;
        hits = 0;
        where = fault_vld1_aligned(a);
        ok(hits == 1 && hit_sig == SIGBUS && hit_code == BUS_ADRALN &&
           hit_lr == where, "vld1.64 [r :64] on a 4-byte boundary: SIGBUS",
           "hits=%d sig=%d code=%d", hits, hit_sig, hit_code);
    }

    /* VFP registers, FPSCR and the flags survive a clobbering handler. */
    install(SIGUSR1, h_clobber, 0);
    {
        double d8 = 1.25, d16 = 2.5, d31 = 3.75;
        uint32_t fpscr_in = 0x03000000, fpscr_out, apsr;   /* FZ and DN */

        hits = 0;
        __asm__ volatile(
            "vmsr fpscr, %[fin]\n\t"
            "vmov d8, %Q[a], %R[a]\n\t"
            "vmov d16, %Q[b], %R[b]\n\t"
            "vmov d31, %Q[c], %R[c]\n\t"
            "mov r0, %[pid]\n\t"
            "mov r1, #10\n\t"
            "mov r7, #37\n\t"
            "msr APSR_nzcvqg, %[flags]\n\t"
            "svc 0\n\t"
            "mrs %[apsr], APSR\n\t"
            "vmov %Q[a], %R[a], d8\n\t"
            "vmov %Q[b], %R[b], d16\n\t"
            "vmov %Q[c], %R[c], d31\n\t"
            "vmrs %[fout], fpscr\n\t"
            : [a] "+r"(d8), [b] "+r"(d16), [c] "+r"(d31),
              [fout] "=r"(fpscr_out), [apsr] "=&r"(apsr)
            : [fin] "r"(fpscr_in), [pid] "r"(me),
              [flags] "r"(0xa80f0000u)
            : "r0", "r1", "r7", "d8", "d16", "d31", "cc", "memory");
        ok(hits == 1, "clobbering handler ran", "hits=%d", hits);
        ok(d8 == 1.25 && d16 == 2.5 && d31 == 3.75, "d8 d16 d31 restored",
           "%g %g %g", d8, d16, d31);
        ok(fpscr_out == fpscr_in, "FPSCR restored", "%08x", fpscr_out);
        ok((apsr & 0xf80f0000u) == 0xa80f0000u, "NZCVQ and GE restored",
           "%08x", apsr);
    }

    /* sigaltstack. */
    alt.ss_sp = malloc(65536);
    alt.ss_size = 65536;
    alt.ss_flags = 0;
    ok(sigaltstack(&alt, NULL) == 0, "sigaltstack", "errno=%d", errno);
    install(SIGUSR2, h_alt, SA_ONSTACK);
    hits = 0;
    kill(me, SIGUSR2);
    ok(hits == 1 && hit_sp >= (uintptr_t)alt.ss_sp &&
       hit_sp < (uintptr_t)alt.ss_sp + alt.ss_size, "handler on the altstack",
       "sp=%lx", (unsigned long)hit_sp);
    {
        stack_t cur;
        sigaltstack(NULL, &cur);
        ok(cur.ss_sp == alt.ss_sp && cur.ss_flags == 0, "altstack after return",
           "flags=%d", cur.ss_flags);
    }

    /* The mask is restored after the handler. */
    {
        sigset_t s;
        sigprocmask(SIG_BLOCK, NULL, &s);
        ok(!sigismember(&s, SIGUSR1) && !sigismember(&s, SIGUSR2),
           "mask restored", "%s", "");
    }
    /* Restarted and interrupted system calls, A32 and T32 svc. */
    {
        char c = 0;
        int r = blocked_read(arm_read, 1, &c);

        ok(r == 1 && c == 'R' && hits == 1, "A32 svc restarted (SA_RESTART)",
           "r=%d c=%d hits=%d", r, c, hits);
        c = 0;
        r = blocked_read(thumb_read, 1, &c);
        ok(r == 1 && c == 'R' && hits == 1, "T32 svc restarted (SA_RESTART)",
           "r=%d c=%d hits=%d", r, c, hits);
        r = blocked_read(arm_read, 0, &c);
        ok(r == -EINTR && hits == 1, "A32 svc: EINTR without SA_RESTART",
           "r=%d hits=%d", r, hits);
        r = blocked_read(thumb_read, 0, &c);
        ok(r == -EINTR && hits == 1, "T32 svc: EINTR without SA_RESTART",
           "r=%d hits=%d", r, hits);
    }
    /* No SA_RESTORER: the handler returns through the kernel's codes
     * (last: a crash here hides nothing else). */
    {
        struct ksigaction k = { .handler = (void *)h_raw, .flags = 0 };
        long r = syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 8);

        hits = 0;
        kill(me, SIGUSR1);
        ok(r == 0 && hits == 1, "return without SA_RESTORER (ARM)",
           "r=%ld hits=%d", r, hits);
        k.handler = (void *)h_raw_thumb;
        k.flags = SA_SIGINFO;
        r = syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 8);
        hits = 0;
        kill(me, SIGUSR1);
        ok(r == 0 && hits == 10 && (hit_lr & 1),
           "rt return without SA_RESTORER (Thumb, lr bit 0)",
           "r=%ld hits=%d lr=%lx", r, hits, (unsigned long)hit_lr);
    }

    printf("1..%d\n", n);
    return fails != 0;
}
