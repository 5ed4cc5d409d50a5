/*
 * tests/tcg/i386-mini/misc.c: the non-ALU instructions of the translator
 * core: addressing modes (SIB, RIP-relative with immediates, 16-bit
 * address size), push/pop, pusha/popa, call/ret, jcc/loop/jcxz, cmov,
 * movzx/movsx/movsxd, xchg, cbw/cwd, lahf/sahf, pushf/popf, cmc/clc/stc,
 * byte registers AH..BH.  Binary records: an 8-byte name and 6 values.
 */
#include "mini.h"

#ifdef __x86_64__
typedef u64 reg_t;
#else
typedef ulong reg_t;
#endif

static void rec(const char *name, u64 a, u64 b, u64 c, u64 d, u64 e, u64 f)
{
    u64 r[6] = { a, b, c, d, e, f };
    const char *p = (const char *)r;
    unsigned i;

    for (i = 0; i < 8 && name[i]; i++) {
        mini_putc(name[i]);
    }
    for (; i < 8; i++) {
        mini_putc(' ');
    }
    for (i = 0; i < sizeof(r); i++) {
        mini_putc(p[i]);
    }
}

static volatile unsigned int g32 = 0x11223344;
static volatile unsigned char g8 = 0x80;
static volatile reg_t garr[8] = { 10, 20, 30, 40, 50, 60, 70, 80 };

static void t_addr(void)
{
    reg_t r1, r2, r3;
    reg_t base = (reg_t)garr, idx = 3;

    __asm__ volatile("mov (%[b],%[i],4), %[r1]\n"
                     "lea 8(%[b],%[i],8), %[r2]\n"
                     "lea -4(%[i],%[i],2), %[r3]\n"
                     : [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=&r"(r3)
                     : [b] "r"(base), [i] "r"(idx) : "memory");
    rec("addr", r1, r2 - base, r3, 0, 0, 0);
#ifdef __x86_64__
    {
        reg_t fl;
        unsigned int v;

        /* RIP-relative with an immediate after the displacement */
        __asm__ volatile("movl $0x55667788, g32(%%rip)\n"
                         "addl $0x10, g32(%%rip)\n"
                         "cmpb $0x7f, g8(%%rip)\n"
                         "pushfq; popq %[fl]\n"
                         "imull $3, g32(%%rip), %[v]\n"
                         : [fl] "=&r"(fl), [v] "=&r"(v) : : "memory", "cc");
        rec("riprel", g32, fl & 0x8d5, v, 0, 0, 0);
        __asm__ volatile("testl $0x80000000, g32(%%rip)\n"
                         "pushfq; popq %[fl]\n"
                         "movw $0x1234, g32(%%rip)\n"
                         "movb $0x99, g8(%%rip)\n"
                         : [fl] "=&r"(fl) : : "memory", "cc");
        rec("riprel2", g32, fl & 0x8d5, g8, 0, 0, 0);
    }
#else
    {
        unsigned int lo, out;

        /* 16-bit addressing: [bx+si+disp8] inside the low 64K is not
         * mapped in a static binary, so only check lea forms. */
        __asm__ volatile("mov $0x1234, %%ebx\n"
                         "mov $0xff00, %%esi\n"
                         "addr16 lea 0x10(%%bx,%%si), %[lo]\n"
                         "addr16 lea -2(%%bp,%%di), %[out]\n"
                         : [lo] "=&r"(lo), [out] "=&r"(out)
                         : : "ebx", "esi", "memory");
        rec("addr16", lo, out & 0, 0, 0, 0, 0);
    }
#endif
}

static void t_stack(void)
{
    reg_t a, b, sp0, sp1;

    __asm__ volatile("mov %%" 
#ifdef __x86_64__
                     "rsp"
#else
                     "esp"
#endif
                     ", %[sp0]\n"
                     "push $-5\n"
                     "pushw $0x1234\n"
                     "popw %w[a]\n"
                     "pop %[b]\n"
                     "mov %%"
#ifdef __x86_64__
                     "rsp"
#else
                     "esp"
#endif
                     ", %[sp1]\n"
                     : [a] "=&r"(a), [b] "=&r"(b), [sp0] "=&r"(sp0),
                       [sp1] "=&r"(sp1)
                     : "0"(0) : "memory");
    rec("stack", a & 0xffff, b, sp0 - sp1, 0, 0, 0);
#ifndef __x86_64__
    {
        reg_t r[8];

        __asm__ volatile("push %%ebp\n"
                         "mov $1, %%eax; mov $2, %%ecx; mov $3, %%edx\n"
                         "mov $4, %%ebx; mov $6, %%ebp; mov $7, %%esi\n"
                         "mov $8, %%edi\n"
                         "pusha\n"
                         "xor %%eax, %%eax; xor %%ecx, %%ecx; xor %%edx, %%edx\n"
                         "xor %%ebx, %%ebx; xor %%ebp, %%ebp; xor %%esi, %%esi\n"
                         "xor %%edi, %%edi\n"
                         "addl $1, 28(%%esp)\n"
                         "popa\n"
                         "mov %%ebp, %%esi\n"
                         "pop %%ebp\n"
                         : "=a"(r[0]), "=c"(r[1]), "=d"(r[2]), "=b"(r[3]),
                           "=S"(r[5]), "=D"(r[7])
                         : : "memory");
        rec("pusha", r[0], r[1], r[2], r[3], r[5], r[7]);
    }
#endif
}

static reg_t callee(reg_t x)
{
    return x * 3 + 1;
}

static reg_t (*volatile fptr)(reg_t) = callee;

static void t_flow(void)
{
    reg_t n = 0, i, c;

    for (i = 0; i < 20; i++) {
        n += fptr(i);
    }
    c = 7;
    n = 0;
    __asm__ volatile("1: add $2, %[n]\n"
                     "loop 1b\n"
                     : [n] "+r"(n), "+c"(c) : : "cc");
    rec("loop", n, c, fptr(5), 0, 0, 0);
    c = 0;
    n = 0;
    __asm__ volatile("jecxz 1f\n"
                     "mov $1, %[n]\n"
                     "1:\n"
                     "mov $5, %%ecx\n"
                     "2: inc %[n]\n"
                     "cmp $3, %[n]\n"
                     "loopne 2b\n"
                     : [n] "+r"(n), "+c"(c) : : "cc");
    rec("loopne", n, c, 0, 0, 0, 0);
}

static void t_cmov(void)
{
    reg_t r = 0, a = 5, b = 9, out1 = 1, out2 = 2;

    __asm__ volatile("cmp %[b], %[a]\n"
                     "cmovl %[b], %[o1]\n"
                     "cmovg %[b], %[o2]\n"
                     "setl %b[r]\n"
                     : [o1] "+r"(out1), [o2] "+r"(out2), [r] "+q"(r)
                     : [a] "r"(a), [b] "r"(b) : "cc");
    rec("cmov", out1, out2, r, 0, 0, 0);
#ifdef __x86_64__
    {
        reg_t x = 0xffffffff00000001ull, y = 0x22;

        /* a 32-bit cmov writes (zero-extends) even when false */
        __asm__ volatile("xor %%eax, %%eax\n"
                         "cmovnz %k[y], %k[x]\n"
                         : [x] "+r"(x) : [y] "r"(y) : "eax", "cc");
        rec("cmov32", x, 0, 0, 0, 0, 0);
    }
#endif
}

static void t_ext(void)
{
    reg_t a = 0, b = 0, c = 0, d = 0, e = 0;
    reg_t v = (reg_t)0x8182838485868788ull;

    __asm__ volatile("movzbl %b[v], %k[a]\n"
                     "movsbl %b[v], %k[b]\n"
                     "movzwl %w[v], %k[c]\n"
                     "movswl %w[v], %k[d]\n"
                     : [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c),
                       [d] "=&r"(d)
                     : [v] "q"(v));
#ifdef __x86_64__
    __asm__ volatile("movslq %k[v], %[e]\n" : [e] "=r"(e) : [v] "r"(v));
#endif
    rec("movx", a, b, c, d, e, 0);
    {
        reg_t ax = 0x1234ff80, dx = 0;

        __asm__ volatile("cbw\n" : "+a"(ax));
        a = ax;
        ax = 0x12348000;
        __asm__ volatile("cwde\n" : "+a"(ax));
        b = ax;
        ax = 0x80000000;
        __asm__ volatile("cltd\n" : "+a"(ax), "=d"(dx));
        c = dx;
        ax = 0x8000;
        __asm__ volatile("cwtd\n" : "+a"(ax), "+d"(dx));
        d = dx;
#ifdef __x86_64__
        ax = 0x80000000;
        __asm__ volatile("cltq\n" : "+a"(ax));
        e = ax;
        __asm__ volatile("cqto\n" : "+a"(ax), "=d"(dx));
        rec("cbw", a, b, c, d, e, dx);
#else
        rec("cbw", a, b, c, d, 0, 0);
#endif
    }
}

static void t_bytes(void)
{
    reg_t a = 0x11223344, b = 0x55667788;

    __asm__ volatile("xchg %%ah, %%bl\n"
                     "add %%bh, %%al\n"
                     "mov %%al, %%bh\n"
                     : "+a"(a), "+b"(b) : : "cc");
    rec("bytes", a, b, 0, 0, 0, 0);
    {
        reg_t m = 7, r = 9;
        static volatile reg_t mem = 3;

        __asm__ volatile("xchg %[r], %[mem]\n" : [r] "+r"(r), [mem] "+m"(mem));
        __asm__ volatile("xchg %[m], %%"
#ifdef __x86_64__
                         "rdx"
#else
                         "edx"
#endif
                         "\n" : [m] "+a"(m) : "d"(1));
        rec("xchg", r, mem, m, 0, 0, 0);
    }
}

static void t_flags(void)
{
    reg_t f1, f2, f3, ah;

    /* flags from a known op first (not from the stack address) */
    __asm__ volatile("mov $0x7f, %%ah\n"
                     "add $1, %%ah\n"
                     "stc\n"
                     "cmc\n"
                     "pushf; pop %[f1]\n"
                     "mov $0xd5, %%ah\n"
                     "sahf\n"
                     "pushf; pop %[f2]\n"
                     "clc\n"
                     "lahf\n"
                     "std\n"
                     "pushf; pop %[f3]\n"
                     "cld\n"
                     : [f1] "=&r"(f1), [f2] "=&r"(f2), [f3] "=&r"(f3),
                       "=&a"(ah) : : "cc");
    rec("flags", f1 & 0xcd5, f2 & 0xcd5, f3 & 0xcd5, (ah >> 8) & 0xff, 0, 0);
    {
        reg_t in = 0x8c5 | 0x400 | 0x40000, out;

        __asm__ volatile("push %[in]\n"
                         "popf\n"
                         "pushf\n"
                         "pop %[out]\n"
                         "cld\n"
                         "push $0x202\n"
                         "popf\n"
                         : [out] "=&r"(out) : [in] "r"(in) : "cc", "memory");
        rec("popf", out & 0x40cd5, 0, 0, 0, 0, 0);
    }
}

static void t_jcc(void)
{
    static const reg_t vals[] = { 0, 1, 0x7f, 0x80, (reg_t)-1, (reg_t)-128 };
    unsigned i, j;
    reg_t hits = 0;

    for (i = 0; i < 6; i++) {
        for (j = 0; j < 6; j++) {
            reg_t a = vals[i], b = vals[j], m = 0;

            __asm__ volatile("cmp %[b], %[a]\n"
                             "jb 1f\n"
                             "or $1, %[m]\n"
                             "1: cmp %[b], %[a]\n"
                             "jle 2f\n"
                             "or $2, %[m]\n"
                             "2: cmpb %b[b], %b[a]\n"
                             "jg 3f\n"
                             "or $4, %[m]\n"
                             "3: testb %b[b], %b[a]\n"
                             "js 4f\n"
                             "or $8, %[m]\n"
                             "4: cmpw %w[b], %w[a]\n"
                             "jo 5f\n"
                             "or $16, %[m]\n"
                             "5: add %[b], %[a]\n"
                             "jc 6f\n"
                             "or $32, %[m]\n"
                             "6: dec %[a]\n"
                             "jp 7f\n"
                             "or $64, %[m]\n"
                             "7:\n"
                             : [m] "+r"(m), [a] "+q"(a)
                             : [b] "q"(b) : "cc");
            hits = hits * 131 + m;
        }
    }
    rec("jcc", hits, 0, 0, 0, 0, 0);
}

int main(void)
{
    t_addr();
    t_stack();
    t_flow();
    t_cmov();
    t_ext();
    t_bytes();
    t_flags();
    t_jcc();
    return 0;
}
