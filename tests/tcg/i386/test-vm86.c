/*
 * tests/tcg/i386/test-vm86.c: vm86old / vm86 under qemu-i386.
 *
 * vm86 cannot run natively here (a 64-bit kernel has no vm86 mode), so
 * every expected value below is worked out by hand from the Intel SDM
 * (virtual-8086 mode, IOPL-sensitive instructions) and the Linux vm86
 * ABI (asm/vm86.h; the kernel's monitor: the virtual IF is VIF, pushf
 * shows IOPL = 3 and IF = VIF, only the flags in 0xdd5 come from the
 * task, int n goes through the IVT at linear 0 unless revectored).  The
 * comment next to each value says where it comes from.
 *
 * Memory (one mapping at linear 0):
 *   0x00000  IVT: int 0x60 -> 1000:0200, int 0 (#DE) -> 1000:0300
 *   0x10000  code, CS = 0x1000
 *   0x20000  stack, SS = 0x2000, SP = 0x1000 at entry
 *   0x30000  data, DS = 0x3000: "vm86 says hello$" at 3000:0020
 * int 0x21 is revectored in every run, so it comes back as VM86_INTx
 * and the C side plays DOS: AH = 09 prints the $-terminated string at
 * DS:DX, AH = 02 prints DL, AH = 4C ends the run.
 *
 * Prints TAP; exit status 0 when every check passed.
 */
#include <asm/vm86.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#define CODE_SEG  0x1000
#define STACK_SEG 0x2000
#define DATA_SEG  0x3000
#define LIN(seg, off) ((uint8_t *)(uintptr_t)(((seg) << 4) + (off)))

static int n_test, n_fail;

static void check(int ok, const char *what, unsigned long got,
                  unsigned long want)
{
    n_test++;
    if (ok) {
        printf("ok %d - %s = 0x%lx\n", n_test, what, got);
    } else {
        n_fail++;
        printf("not ok %d - %s = 0x%lx, expected 0x%lx\n", n_test, what,
               got, want);
    }
}

#define CHECK(what, got, want) \
    check((unsigned long)(got) == (unsigned long)(want), what, \
          (unsigned long)(got), (unsigned long)(want))

/*
 * The code, at 1000:0000.  Offsets on the left; the blob is copied as
 * is, so each line's bytes must match its offset.
 */
static const uint8_t code_main[] = {
    /* run 1 (vm86old, CPU_386) */
    0xb8, 0x34, 0x12,           /* 0000 mov ax, 0x1234 */
    0xbb, 0x00, 0x30,           /* 0003 mov bx, 0x3000 */
    0x8e, 0xdb,                 /* 0006 mov ds, bx */
    0xa3, 0x10, 0x00,           /* 0008 mov [0x0010], ax   ; lin 0x30010 */
    0xb9, 0x01, 0x30,           /* 000b mov cx, 0x3001 */
    0x8e, 0xc1,                 /* 000e mov es, cx */
    0x26, 0x8b, 0x16, 0x00, 0x00, /* 0010 mov dx, es:[0]  ; lin 0x30010 */
    0x81, 0xc2, 0x11, 0x11,     /* 0015 add dx, 0x1111 */
    0x89, 0x16, 0x12, 0x00,     /* 0019 mov [0x0012], dx */
    0xba, 0x20, 0x00,           /* 001d mov dx, 0x0020 */
    0xb4, 0x09,                 /* 0020 mov ah, 9 */
    0xcd, 0x21,                 /* 0022 int 0x21           ; stage 1 */
    0x9c,                       /* 0024 pushf */
    0x58,                       /* 0025 pop ax */
    0xfa,                       /* 0026 cli */
    0x9c,                       /* 0027 pushf */
    0x5b,                       /* 0028 pop bx */
    0xfb,                       /* 0029 sti */
    0x9c,                       /* 002a pushf */
    0x59,                       /* 002b pop cx */
    0x68, 0xd5, 0x08,           /* 002c push 0x08d5 */
    0x9d,                       /* 002f popf */
    0x9c,                       /* 0030 pushf */
    0x5e,                       /* 0031 pop si */
    0xfb,                       /* 0032 sti */
    0x39, 0xc0,                 /* 0033 cmp ax, ax */
    0xcd, 0x60,                 /* 0035 int 0x60           ; IVT */
    0x9c,                       /* 0037 pushf */
    0x5a,                       /* 0038 pop dx */
    0x9a, 0x80, 0x00, 0x20, 0x10, /* 0039 call far 1020:0080 */
    0xb9, 0x0a, 0x00,           /* 003e mov cx, 10 */
    0x31, 0xf6,                 /* 0041 xor si, si */
    0x01, 0xce,                 /* 0043 add si, cx */
    0xe2, 0xfc,                 /* 0045 loop 0x0043 */
    0xb2, 0x21,                 /* 0047 mov dl, '!' */
    0xb4, 0x02,                 /* 0049 mov ah, 2 */
    0xcd, 0x21,                 /* 004b int 0x21           ; stage 2 */
    0xfa,                       /* 004d cli */
    0xfb,                       /* 004e sti                ; stage 3 */
    0xb8, 0x07, 0x4c,           /* 004f mov ax, 0x4c07 */
    0xcd, 0x21,                 /* 0052 int 0x21           ; stage 4 */
};

static const uint8_t code_plus[] = {
    /* run 2 (vm86plus, CPU_586), at 1000:0100 */
    0xcc,                       /* 0100 int3               ; stage P1 */
    0xb8, 0x64, 0x00,           /* 0101 mov ax, 100 */
    0xb3, 0x00,                 /* 0104 mov bl, 0 */
    0xf6, 0xf3,                 /* 0106 div bl             ; #DE -> IVT */
    0xba, 0x34, 0x12,           /* 0108 mov dx, 0x1234 */
    0xec,                       /* 010b in al, dx          ; stage P2 */
    0xf4,                       /* 010c hlt                ; stage P3 */
    0xeb, 0xfe,                 /* 010d jmp $              ; stage P4 */
    0xb8, 0x00, 0x4c,           /* 010f mov ax, 0x4c00 */
    0xcd, 0x21,                 /* 0112 int 0x21           ; stage P5 */
};

static const uint8_t code_int60[] = {
    0x9c,                       /* 0200 pushf */
    0x5d,                       /* 0201 pop bp */
    0x89, 0xe7,                 /* 0202 mov di, sp */
    0xcf,                       /* 0204 iret */
};

static const uint8_t code_far[] = {
    0x8c, 0xc8,                 /* 1020:0080 (0280) mov ax, cs */
    0xcb,                       /* 0282 retf */
};

static const uint8_t code_de[] = {
    0x89, 0xe5,                 /* 0300 mov bp, sp */
    0x83, 0x46, 0x00, 0x02,     /* 0302 add word [bp+0], 2  ; skip div */
    0xcf,                       /* 0306 iret */
};

static const uint8_t code_old_div[] = {
    /* run 3 (vm86old), at 1000:0400 */
    0xb8, 0x2a, 0x00,           /* 0400 mov ax, 42 */
    0xb3, 0x00,                 /* 0403 mov bl, 0 */
    0xf6, 0xf3,                 /* 0405 div bl             ; SIGFPE */
    0xb8, 0x01, 0x4c,           /* 0407 mov ax, 0x4c01 */
    0xcd, 0x21,                 /* 040a int 0x21 */
};

static const uint8_t code_flags32[] = {
    /* run 4 (vm86plus, CPU_586), at 1000:0500 */
    0x66, 0x9c,                 /* 0500 pushfd */
    0x66, 0x58,                 /* 0502 pop eax */
    0x66, 0x68, 0x01, 0x02, 0x24, 0x00, /* 0504 push dword 0x00240201 */
    0x66, 0x9d,                 /* 050a popfd */
    0x66, 0x9c,                 /* 050c pushfd */
    0x66, 0x5b,                 /* 050e pop ebx */
    0xb4, 0x30,                 /* 0510 mov ah, 0x30 */
    0xcd, 0x21,                 /* 0512 int 0x21          ; IVT -> 0600 */
    0xcd, 0x10,                 /* 0514 int 0x10          ; stage Q1 */
    0xb4, 0x4c,                 /* 0516 mov ah, 0x4c */
    0xcd, 0x21,                 /* 0518 int 0x21          ; stage Q2 */
};

static const uint8_t code_int21[] = {
    0x2e, 0xff, 0x06, 0xf0, 0x06, /* 0600 inc word cs:[0x06f0] */
    0xcf,                       /* 0605 iret */
};

static const uint8_t code_fpu[] = {
    /* run 5 (vm86plus), at 1000:0700 */
    0xdb, 0xe3,                 /* 0700 fninit */
    0xd9, 0xe8,                 /* 0702 fld1 */
    0xd9, 0x36, 0x00, 0x01,     /* 0704 fnstenv [0x0100]  ; lin 0x30100 */
    0xb4, 0x4c,                 /* 0708 mov ah, 0x4c */
    0xcd, 0x21,                 /* 070a int 0x21 */
};

/*
 * fnstenv in vm86 mode, 16-bit operand size: the 14-byte real-address
 * format (SDM vol. 1, "16-bit real-address mode" FPU environment).
 */
static const uint16_t fpu_env_want[7] = {
    0x037f,     /* FCW: fninit's value (the store comes before masking) */
    0x3800,     /* FSW: TOP = 7 after one push, nothing else */
    0x3fff,     /* FTW: physical register 7 valid (00), the rest empty */
    0x0702,     /* FIP[15:0] of fld1: linear 0x10702 (1000:0702) */
    0x11e8,     /* FIP[19:16] = 1 in bits 12-15 | FOP 0x1e8 (d9 e8) */
    0x0000,     /* FDP[15:0]: no memory operand since fninit */
    0x0000,     /* FDP[19:16] << 12 */
};

static volatile int n_alarm, n_fpe, fpe_code;

static void on_alarm(int sig)
{
    n_alarm++;
}

static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    n_fpe++;
    fpe_code = si->si_code;
}

static void set_bit(struct revectored_struct *r, int n)
{
    r->__map[n >> 5] |= 1ul << (n & 31);
}

/* Print a DOS $-terminated string at DS:DX. */
static void dos_print(const struct vm86_regs *r)
{
    const char *s = (const char *)LIN(r->ds, r->edx & 0xffff);

    while (*s != '$') {
        putchar(*s++);
    }
    putchar('\n');
}

static long do_vm86old(struct vm86_struct *v)
{
    return syscall(SYS_vm86old, v);
}

static long do_vm86plus(struct vm86plus_struct *v)
{
    return syscall(SYS_vm86, VM86_ENTER, v);
}

/* The checks of one stop: which registers to compare (want == -1: not
 * compared). */
typedef struct Stop {
    const char *name;
    long ret;
    long eax, ebx, ecx, edx, esi, edi, ebp, esp, eip, eflags, cs;
} Stop;

static void check_stop(const Stop *w, long ret, const struct vm86_regs *r)
{
    char what[96];

#define REG(f)                                                      \
    if (w->f != -1) {                                               \
        snprintf(what, sizeof(what), "%s: " #f, w->name);           \
        CHECK(what, r->f, w->f);                                    \
    }
    snprintf(what, sizeof(what), "%s: vm86 result", w->name);
    CHECK(what, ret, w->ret);
    REG(eax) REG(ebx) REG(ecx) REG(edx) REG(esi) REG(edi) REG(ebp)
    REG(esp) REG(eip) REG(eflags)
    if (w->cs != -1) {
        snprintf(what, sizeof(what), "%s: cs", w->name);
        CHECK(what, r->cs, w->cs);
    }
#undef REG
}

#define X -1

/*
 * Run 1, vm86old, CPU_386 (the task owns NT and IOPL in the virtual
 * flags), entered with eflags = VIF | 2.  The returned eflags are the
 * real ones (bit 1, IF = 1 from the 32-bit caller, VM = 0x20000) with
 * VIF, NT and IOPL taken from the virtual flags: 0xa0202 plus the
 * arithmetic flags, plus 0x3000 once the task has written IOPL 3.
 */
static const Stop run1[] = {
    /*
     * Stage 1, int 0x21 at 0022: VM86_INTx | 0x21 << 8 = 0x2102,
     * ip after the int.  ax = 0x0934 (ah = 9, al = 0x34 of 0x1234);
     * bx = 0x3000; cx = 0x3001; dx = 0x0020 (the string); the add
     * 0x1234 + 0x1111 = 0x2345 left every arithmetic flag clear (0x45
     * has three bits set: PF = 0; 4 + 1: no AF): eflags = 0xa0202.
     */
    { "int 0x21 print", 0x2102, 0x0934, 0x3000, 0x3001, 0x0020, 0, 0, 0,
      0x1000, 0x0024, 0xa0202, 0x1000 },
    /*
     * Stage 2, int 0x21 at 004b.
     * ax = 0x0220: 0x1020 (mov ax, cs in the far procedure) with ah = 2.
     * bx = 0x3002: pushf after cli: no arithmetic flag, bit 1, IF (= VIF)
     *   clear, IOPL shown as 3.
     * cx = 0: the loop ran it down (the pushf after sti gave 0x3202).
     * dx = 0x3221: pushf after the int 0x60 handler's iret gave 0x3246
     *   (ZF PF of cmp ax, ax, IF, IOPL 3), dl = '!'.
     * si = 0x37 = 55 = 10 + 9 + ... + 1 (it held 0x38d7 from the
     *   popf 0x08d5 / pushf before: 0x8d5 | bit 1 | IOPL 3, IF clear).
     * di = 0x0ffa: sp inside the int 0x60 handler (0x1000 - 6: flags,
     *   cs, ip).
     * bp = 0x3046: the handler's pushf: the int cleared VIF, so IF = 0;
     *   ZF PF from the cmp before the int, IOPL 3.
     * sp = 0x1000 again, ip = 004d.
     * eflags: the last add (54 + 1 = 0x37: five bits, PF = 0) left the
     *   arithmetic flags clear; VIF set (the handler's iret popped IF);
     *   that iret also wrote IOPL = 3 into the virtual flags (CPU_386
     *   owns IOPL), so 0xa0202 | 0x3000 = 0xa3202.
     */
    { "int 0x21 putchar", 0x2102, 0x0220, 0x3002, 0, 0x3221, 0x37, 0x0ffa,
      0x3046, 0x1000, 0x004d, 0xa3202, 0x1000 },
    /*
     * Stage 3: re-entered with VIP set; cli then sti with VIF and VIP
     * both set returns VM86_STI (3) after the sti, ip = 004f.  VIP is
     * not in the returned flags (it is not one the task owns).
     */
    { "sti with VIP", 3, 0x0220, X, X, X, X, X, X, 0x1000, 0x004f,
      0xa3202, 0x1000 },
    /* Stage 4: ax = 0x4c07, ip after the int at 0052. */
    { "int 0x21 exit", 0x2102, 0x4c07, X, X, X, X, X, X, 0x1000, 0x0054,
      0xa3202, 0x1000 },
};

/*
 * Run 2, vm86plus, CPU_586 (the task owns ID, AC, NT, IOPL), entered at
 * 1000:0100 with eflags = VIF | 2.
 */
static const Stop run2[] = {
    /* P1: int3 in vm86plus: VM86_TRAP | 3 << 8 = 0x0306, ip after it. */
    { "int3", 0x0306, 0, 0, 0, 0, 0, 0, 0, 0x1000, 0x0101, 0xa0202,
      0x1000 },
    /*
     * P2: div bl by 0 (#DE) went through IVT entry 0 to the handler at
     * 1000:0300, which stepped the return ip past the div; its iret
     * popped the flags the #DE pushed: 0x3202 (IF, IOPL 3), so IOPL 3
     * is now virtual.  in al, dx is #GP with IOPL 0: VM86_UNKNOWN (1)
     * at the in, ip = 010b.  ax = 100 (the div did not run), bx = 0,
     * dx = 0x1234, bp = 0x0ffa (sp in the handler).
     */
    { "#DE via IVT, in: unknown", 1, 0x0064, 0, 0, 0x1234, 0, 0, 0x0ffa,
      0x1000, 0x010b, 0xa3202, 0x1000 },
    /* P3: hlt (skipped the in): VM86_UNKNOWN at 010c. */
    { "hlt: unknown", 1, 0x0064, X, X, X, X, X, X, 0x1000, 0x010c, 0xa3202,
      0x1000 },
    /* P4: jmp $ until SIGALRM: VM86_SIGNAL (0), ip at the jmp. */
    { "signal", 0, 0x0064, X, X, X, X, X, X, 0x1000, 0x010d, 0xa3202,
      0x1000 },
    /* P5: resumed at 010f: ax = 0x4c00, ip after the int at 0112. */
    { "int 0x21 exit", 0x2102, 0x4c00, X, X, X, X, X, X, 0x1000, 0x0114,
      0xa3202, 0x1000 },
};

/*
 * Run 3, vm86old at 1000:0400: div bl by 0 is not reflected (vm86old):
 * SIGFPE (FPE_INTDIV) reaches the 32-bit handler, and vm86old returns
 * VM86_SIGNAL (0) with ip at the div (0405), ax = 42.  The arithmetic
 * flags are clear (entry flags VIF | 2, no arithmetic since).
 */
static const Stop run3[] = {
    { "div by 0: SIGFPE", 0, 42, 0, X, X, X, X, X, 0x1000, 0x0405, 0xa0202,
      0x1000 },
    { "int 0x21 exit", 0x2102, 0x4c01, X, X, X, X, X, X, 0x1000, 0x040c,
      0xa0202, 0x1000 },
};

/*
 * Run 4, vm86plus, CPU_586, at 1000:0500, entered with eflags = VIF | 2;
 * int 0x21 is not revectored as a whole, only AH = 0x4c in
 * int21_revectored.  IVT: int 0x21 -> 1000:0600 (counts in 1000:06f0),
 * int 0x10 -> f000:1234 (the BIOS segment: never vectored).
 */
static const Stop run4[] = {
    /*
     * Q1: int 0x10 returns VM86_INTx | 0x10 << 8 = 0x1002, ip = 0516.
     * eax: pushfd gave 0x3202 (IF = VIF, IOPL 3, bit 1), then ah = 0x30:
     *   0x3002.
     * ebx: popfd 0x00240201 set CF (a real flag), and AC, ID (virtual:
     *   CPU_586 owns ID AC NT IOPL; IOPL and NT from it are 0) and VIF;
     *   pushfd: CF | bit 1 | IF | IOPL 3 | AC | ID = 0x00243203.
     * eflags: the int 0x21 handler's iret popped the 16-bit 0x3203 its
     *   int pushed: CF, VIF, and IOPL 3 into the virtual flags (AC and
     *   ID stay, a 16-bit popf/iret cannot reach them): real CF | 2 |
     *   IF | VM = 0x20203, with VIF 0x80000, AC 0x40000, ID 0x200000,
     *   IOPL 0x3000 = 0x2e3203.
     */
    { "int 0x10 to the BIOS segment", 0x1002, 0x3002, 0x00243203, X, X, X,
      X, X, 0x1000, 0x0516, 0x2e3203, 0x1000 },
    /* Q2: AH = 0x4c is in int21_revectored: VM86_INTx | 0x21 << 8. */
    { "int 0x21 AH revectored", 0x2102, 0x4c02, X, X, X, X, X, X, 0x1000,
      0x051a, 0x2e3203, 0x1000 },
};

static void init_regs(struct vm86_regs *r, unsigned ip)
{
    memset(r, 0, sizeof(*r));
    r->cs = CODE_SEG;
    r->eip = ip;
    r->ss = STACK_SEG;
    r->esp = 0x1000;
    r->eflags = 0x80002;                /* VIF: virtual interrupts on */
}

int main(void)
{
    static struct vm86_struct v;
    static struct vm86plus_struct vp;
    struct sigaction sa;
    struct itimerval it;
    void *mem;
    long r;
    int i;

    setvbuf(stdout, NULL, _IONBF, 0);
    mem = mmap((void *)0, 0x40000, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (mem == MAP_FAILED) {
        printf("1..0 # SKIP cannot map linear 0 (%s)\n", strerror(errno));
        return 0;
    }
    memcpy(LIN(CODE_SEG, 0), code_main, sizeof(code_main));
    memcpy(LIN(CODE_SEG, 0x100), code_plus, sizeof(code_plus));
    memcpy(LIN(CODE_SEG, 0x200), code_int60, sizeof(code_int60));
    memcpy(LIN(CODE_SEG, 0x280), code_far, sizeof(code_far));
    memcpy(LIN(CODE_SEG, 0x300), code_de, sizeof(code_de));
    memcpy(LIN(CODE_SEG, 0x400), code_old_div, sizeof(code_old_div));
    memcpy(LIN(CODE_SEG, 0x500), code_flags32, sizeof(code_flags32));
    memcpy(LIN(CODE_SEG, 0x600), code_int21, sizeof(code_int21));
    memcpy(LIN(CODE_SEG, 0x700), code_fpu, sizeof(code_fpu));
    strcpy((char *)LIN(DATA_SEG, 0x20), "vm86 says hello$");
    ((uint32_t *)0)[0x60] = (CODE_SEG << 16) | 0x0200;
    ((uint32_t *)0)[0] = (CODE_SEG << 16) | 0x0300;
    ((uint32_t *)0)[0x21] = (CODE_SEG << 16) | 0x0600;
    ((uint32_t *)0)[0x10] = (0xf000u << 16) | 0x1234;

    /* The calls' own errors. */
    CHECK("vm86(VM86_PLUS_INSTALL_CHECK)", syscall(SYS_vm86, 0, 0), 0);
    errno = 0;
    r = syscall(SYS_vm86old, (void *)0xfffff000);
    CHECK("vm86old(bad pointer) errno", r == -1 ? errno : 0, EFAULT);
    init_regs(&v.regs, 0);
    v.flags = 1;                        /* VM86_SCREEN_BITMAP */
    errno = 0;
    r = do_vm86old(&v);
    CHECK("vm86old(VM86_SCREEN_BITMAP) errno", r == -1 ? errno : 0, EINVAL);
    errno = 0;
    r = syscall(SYS_vm86, VM86_REQUEST_IRQ, 0x0e05);
    CHECK("vm86(VM86_REQUEST_IRQ) errno", r == -1 ? errno : 0, EPERM);

    /* Run 1. */
    memset(&v, 0, sizeof(v));
    init_regs(&v.regs, 0);
    v.cpu_type = CPU_386;
    set_bit(&v.int_revectored, 0x21);
    for (i = 0; i < 4; i++) {
        if (i == 2) {
            v.regs.eflags |= 0x100000;  /* VIP: an interrupt is pending */
        }
        r = do_vm86old(&v);
        check_stop(&run1[i], r, &v.regs);
        if (i == 0) {
            /* the segment arithmetic: 3001:0000 read 3000:0010 */
            CHECK("word at 3000:0012", *(uint16_t *)LIN(DATA_SEG, 0x12),
                  0x2345);
        }
        if (r == 0x2102 && (v.regs.eax & 0xff00) == 0x0900) {
            dos_print(&v.regs);
        } else if (r == 0x2102 && (v.regs.eax & 0xff00) == 0x0200) {
            putchar(v.regs.edx & 0xff);
            putchar('\n');
        }
        if (r != run1[i].ret) {
            break;
        }
    }

    /* Run 2. */
    memset(&vp, 0, sizeof(vp));
    init_regs(&vp.regs, 0x100);
    vp.regs.ds = vp.regs.es = DATA_SEG;
    vp.cpu_type = CPU_586;
    set_bit(&vp.int_revectored, 0x21);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    for (i = 0; i < 5; i++) {
        if (i == 2 || i == 3) {
            vp.regs.eip++;              /* step over the in / the hlt */
        }
        if (i == 3) {
            memset(&it, 0, sizeof(it));
            it.it_value.tv_usec = 50000;
            setitimer(ITIMER_REAL, &it, NULL);
        }
        if (i == 4) {
            vp.regs.eip = 0x10f;        /* out of the jmp $ */
        }
        r = do_vm86plus(&vp);
        check_stop(&run2[i], r, &vp.regs);
        if (r != run2[i].ret) {
            break;
        }
    }
    CHECK("SIGALRM handler runs", n_alarm, 1);

    /* Run 3. */
    memset(&v, 0, sizeof(v));
    init_regs(&v.regs, 0x400);
    set_bit(&v.int_revectored, 0x21);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    for (i = 0; i < 2; i++) {
        if (i == 1) {
            v.regs.eip += 2;            /* step over the div */
        }
        r = do_vm86old(&v);
        check_stop(&run3[i], r, &v.regs);
        if (r != run3[i].ret) {
            break;
        }
    }
    CHECK("SIGFPE handler runs", n_fpe, 1);
    CHECK("SIGFPE si_code", fpe_code, FPE_INTDIV);

    /* Run 4. */
    memset(&vp, 0, sizeof(vp));
    init_regs(&vp.regs, 0x500);
    vp.regs.ds = vp.regs.es = DATA_SEG;
    vp.cpu_type = CPU_586;
    set_bit(&vp.int21_revectored, 0x4c);
    for (i = 0; i < 2; i++) {
        r = do_vm86plus(&vp);
        check_stop(&run4[i], r, &vp.regs);
        if (r != run4[i].ret) {
            break;
        }
    }
    CHECK("int 0x21 handler count at 1000:06f0",
          *(uint16_t *)LIN(CODE_SEG, 0x6f0), 1);

    /* Run 5. */
    memset(&vp, 0, sizeof(vp));
    init_regs(&vp.regs, 0x700);
    vp.regs.ds = vp.regs.es = DATA_SEG;
    set_bit(&vp.int_revectored, 0x21);
    r = do_vm86plus(&vp);
    CHECK("fnstenv run: vm86 result", r, 0x2102);
    for (i = 0; i < 7; i++) {
        char what[64];

        snprintf(what, sizeof(what), "fnstenv real-mode format word %d", i);
        CHECK(what, ((uint16_t *)LIN(DATA_SEG, 0x100))[i], fpu_env_want[i]);
    }

    printf("1..%d\n", n_test);
    return n_fail != 0;
}
