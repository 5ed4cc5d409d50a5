/* tests/tcg/i386/test-misc.c: conversions and moves (cbw.., movzx/movsx,
 * bswap, movbe, crc32, xlat, lahf/sahf), lea with every addressing form,
 * the stack (push/pop, enter/leave, pusha/popa, pushf/popf) and
 * jcc/setcc/cmovcc/loop/jcxz. */
#include <unistd.h>
#include "test.h"

#ifdef __x86_64__
#define SP "%%rsp"
#define BP "%%rbp"
#else
#define SP "%%esp"
#define BP "%%ebp"
#endif

static const uint64_t mvals[] = {
    0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
    0xffffffff, 0x8000000000000000ull, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
};

static void test_convert(void)
{
    for (int i = 0; i < N_ELEM(mvals); i++) {
        reg_t v = (reg_t)mvals[i], a, d;
#define CONV(insn) a = v; d = 0x5555; asm(insn : "+a"(a), "+d"(d)); \
        printf("%-5s %0*lx -> a=%0*lx d=%0*lx\n", insn, REG_BITS / 4, v, REG_BITS / 4, a, \
               REG_BITS / 4, d);
        CONV("cbtw") CONV("cwtl") CONV("cwtd") CONV("cltd")
#ifdef __x86_64__
        CONV("cltq") CONV("cqto")
#endif
#define MOVX(insn, smod, dmod) asm(insn " %" smod "1, %" dmod "0" : "=r"(d) : "q"(v)); \
        printf("%-7s %0*lx -> %0*lx\n", insn, REG_BITS / 4, v, REG_BITS / 4, d);
        d = ~(reg_t)0;
        asm("movzbw %b1, %w0" : "+r"(d) : "q"(v));
        printf("movzbw %0*lx -> %0*lx\n", REG_BITS / 4, v, REG_BITS / 4, d);
        d = ~(reg_t)0;
        asm("movsbw %b1, %w0" : "+r"(d) : "q"(v));
        printf("movsbw %0*lx -> %0*lx\n", REG_BITS / 4, v, REG_BITS / 4, d);
        MOVX("movzbl", "b", "k") MOVX("movsbl", "b", "k") MOVX("movzwl", "w", "k")
        MOVX("movswl", "w", "k")
#ifdef __x86_64__
        MOVX("movzbq", "b", "q") MOVX("movsbq", "b", "q") MOVX("movzwq", "w", "q")
        MOVX("movswq", "w", "q") MOVX("movslq", "k", "q")
        /* a 32-bit move zero-extends into the 64-bit register */
        d = ~(reg_t)0;
        asm("movl %k1, %k0" : "+r"(d) : "r"(v));
        printf("movl-zext %016lx -> %016lx\n", v, d);
#endif
        d = v;
        asm("bswap %k0" : "+r"(d));
        printf("bswapl %0*lx -> %0*lx\n", REG_BITS / 4, v, REG_BITS / 4, d);
#ifdef __x86_64__
        d = v;
        asm("bswap %q0" : "+r"(d));
        printf("bswapq %016lx -> %016lx\n", v, d);
#endif
    }
}

static void test_movbe_crc(void)
{
    for (int i = 0; i < N_ELEM(mvals); i++) {
        reg_t v = (reg_t)mvals[i] ^ 0x0102030405060708ull, m = v, d = ~(reg_t)0;
        asm("movbe %1, %w0" : "+r"(d) : "m"(m));
        printf("movbew load %0*lx -> %0*lx\n", REG_BITS / 4, v, REG_BITS / 4, d);
        asm("movbe %1, %k0" : "=r"(d) : "m"(m));
        printf("movbel load %0*lx -> %0*lx\n", REG_BITS / 4, v, REG_BITS / 4, d);
        m = ~(reg_t)0;
        asm("movbe %w1, %0" : "+m"(m) : "r"(v));
        printf("movbew store %0*lx -> %0*lx\n", REG_BITS / 4, v, REG_BITS / 4, m);
        asm("movbe %k1, %0" : "+m"(m) : "r"(v));
        printf("movbel store %0*lx -> %0*lx\n", REG_BITS / 4, v, REG_BITS / 4, m);
#ifdef __x86_64__
        asm("movbe %1, %q0" : "=r"(d) : "m"(v));
        printf("movbeq load %016lx -> %016lx\n", v, d);
#endif
        for (int j = 0; j < 3; j++) {
            uint32_t c0 = j == 0 ? 0 : j == 1 ? 0xffffffff : 0x12345678, c;
            c = c0; asm("crc32b %b1, %0" : "+r"(c) : "q"(v));
            printf("crc32b %08x,%02lx -> %08x\n", c0, v & 0xff, c);
            c = c0; asm("crc32w %w1, %0" : "+r"(c) : "r"(v));
            printf("crc32w %08x,%04lx -> %08x\n", c0, v & 0xffff, c);
            c = c0; asm("crc32l %k1, %0" : "+r"(c) : "r"(v));
            printf("crc32l %08x,%08lx -> %08x\n", c0, v & 0xffffffff, c);
#ifdef __x86_64__
            uint64_t c6 = c0;
            asm("crc32q %1, %0" : "+r"(c6) : "r"(v));
            printf("crc32q %08x,%016lx -> %016lx\n", c0, v, c6);
#endif
        }
    }
}

static void test_xlat_lahf(void)
{
    static uint8_t table[256];
    for (int i = 0; i < 256; i++)
        table[i] = (uint8_t)(i * 7 + 3);
    for (int i = 0; i < 256; i += 17) {
        reg_t a = 0x12345600 | i;
        asm("xlat" : "+a"(a) : "b"(table) : "memory");
        printf("xlat %02x -> %0*lx\n", i, REG_BITS / 4, a);
    }
    /* sahf loads SF ZF AF PF CF from ah; lahf stores them (bit 1 set). */
    for (int ah = 0; ah < 256; ah++) {
        reg_t a = (reg_t)ah << 8, fl = ah & 1 ? F_OF : 0;
        asm volatile(FL_IN "sahf" FL_OUT : "+a"(a), [fl] "+r"(fl) : : "cc");
        reg_t l;
        asm volatile(FL_IN "mov $0, %%eax\n\tlahf" FL_OUT : "=&a"(l), [fl] "+r"(fl) : : "cc");
        printf("sahf %02x -> fl=%03lx lahf=%04lx\n", ah, fl & F_ALL, l & 0xffff);
    }
}

/* ------------------------------------------------------------------ lea */
/* ebp and edi get their values inside the asm (ebp saved in a global):
 * every other register is an input, so the output must be edi. */
#ifdef __x86_64__
#define LEA_BASE "mov %%rbp, misc_save_bp(%%rip)\n\tmov $0x4444555566667777, %%rbp\n\t" \
    "mov $0x8000ffff, %%edi\n\t"
#define LEA_END "\n\tmov misc_save_bp(%%rip), %%rbp"
#define LEA_REGS "a"((reg_t)0x1000000000000001ull), "b"((reg_t)0x2000000000000203ull), \
    "c"((reg_t)0xfffffffffffffff0ull), "d"((reg_t)0x7ffffffffffffff8ull), "S"((reg_t)0x40000)
#else
#define LEA_BASE "mov %%ebp, misc_save_bp\n\tmov $0x66667777, %%ebp\n\tmov $0x8000ffff, %%edi\n\t"
#define LEA_END "\n\tmov misc_save_bp, %%ebp"
#define LEA_REGS "a"(0x10000001), "b"(0x20000203), "c"(0xfffffff0), "d"(0x7ffffff8), \
    "S"(0x4fffe)
#endif
reg_t misc_save_bp;
#define LEA(addr, dmod)                                                    \
    do {                                                                   \
        reg_t r;                                                           \
        asm volatile(LEA_BASE "lea " addr ", %" dmod "[r]" LEA_END         \
                     : [r] "=&D"(r) : LEA_REGS : "memory");                \
        if (dmod[0] == 'w')                                                \
            r &= 0xffff;                                                   \
        printf("lea%s %-20s -> %0*lx\n", dmod, addr, REG_BITS / 4, r);     \
    } while (0)
/* esp-based: printed relative to esp */
#define LEA_SP(addr)                                                       \
    do {                                                                   \
        reg_t r;                                                           \
        asm("lea " addr ", %[r]\n\tsub " SP ", %[r]" : [r] "=&r"(r) : LEA_REGS); \
        printf("lea %-20s -> sp%+ld\n", addr, (long)r);                    \
    } while (0)

static int lea_target;

void test_lea(void)
{
#define L32(a) LEA(a, "k");
    L32("(%%eax)") L32("1(%%eax)") L32("-1(%%ebx)") L32("0x12345678(%%ecx)")
    L32("-0x80(%%edx)") L32("0x7f(%%esi)") L32("(%%eax,%%ebx)") L32("(%%eax,%%ebx,2)")
    L32("4(%%ecx,%%edx,4)") L32("-0x80(%%esi,%%edi,8)") L32("0x1000(,%%esi,8)")
    L32("0x1000(,%%eax,1)") L32("0x12345678") L32("(%%ebp)") L32("0x10(%%ebp)")
    L32("(%%ebp,%%eax,4)") L32("0x7fffffff(%%edi,%%edi,8)") L32("(,%%ebp,2)")
    L32("-0x7fffffff(%%ecx,%%ecx)") L32("0x80(%%ebx,%%ebp)")
    LEA("(%%eax,%%ebx,2)", "w"); LEA("0x1234(%%ecx,%%edx)", "w");
#ifndef __x86_64__
    /* 16-bit addressing in 32-bit code (0x67 prefix): the address wraps at 64K */
    L32("(%%bx,%%si)") L32("(%%bx,%%di)") L32("(%%bp,%%si)") L32("(%%bp,%%di)")
    L32("(%%si)") L32("(%%di)") L32("0x1234(%%bp)") L32("(%%bx)") L32("-1(%%bx,%%si)")
    L32("0xffff(%%bx,%%di)") L32("0x7f(%%bp,%%di)") L32("-0x80(%%si)")
    L32("0x8000(%%bx)")
    LEA("(%%bx,%%si)", "w"); LEA("0x4321(%%bp,%%di)", "w");
    LEA_SP("(%%esp)"); LEA_SP("8(%%esp,%%eax,2)"); LEA_SP("-4(%%esp)");
    asm("lea lea_target, %0" : "=r"(lea_target));
#else
#define L64(a) LEA(a, "q");
    L64("(%%rax)") L64("1(%%rax)") L64("-1(%%rbx)") L64("0x12345678(%%rcx)")
    L64("(%%rax,%%rbx,2)") L64("-0x80(%%rsi,%%rdi,8)") L64("0x1000(,%%rsi,8)")
    L64("(%%rbp)") L64("0x10(%%rbp,%%rax,4)") L64("0x7fffffff(%%rdx,%%rdx,8)")
    L64("-0x80000000(%%rcx)") L64("0x12345678")
    /* addr32: 32-bit address computed, zero-extended */
    LEA("(%%eax,%%ebx,2)", "q"); LEA("-1(%%ecx)", "q"); LEA("0x10(%%ebp,%%edx,8)", "q");
    LEA_SP("(%%rsp)"); LEA_SP("8(%%rsp,%%rax,2)"); LEA_SP("-4(%%rsp)");
    {
        register reg_t r12 asm("r12") = 0x1200, r13 asm("r13") = 0x13000;
        reg_t r;
        asm("lea 0x10(%%r12,%%r13,8), %0" : "=r"(r) : "r"(r12), "r"(r13));
        printf("lea 0x10(%%r12,%%r13,8) -> %lx\n", r);
        asm("lea (%%r13), %0" : "=r"(r) : "r"(r13));
        printf("lea (%%r13) -> %lx\n", r);
        asm("lea (%%r12), %0" : "=r"(r) : "r"(r12));
        printf("lea (%%r12) -> %lx\n", r);
        asm("lea -8(%%r13,%%r12), %0" : "=r"(r) : "r"(r12), "r"(r13));
        printf("lea -8(%%r13,%%r12) -> %lx\n", r);
    }
    {
        /* RIP-relative: equal to the absolute address of the symbol */
        reg_t r, abs = (reg_t)&lea_target;
        asm("lea lea_target(%%rip), %0" : "=r"(r));
        printf("lea lea_target(%%rip) -> abs%+ld\n", (long)(r - abs));
        asm("lea lea_target+0x100(%%rip), %0" : "=r"(r));
        printf("lea lea_target+0x100(%%rip) -> abs%+ld\n", (long)(r - abs));
        lea_target = 0x1234567;
        int v;
        asm("mov lea_target(%%rip), %0" : "=r"(v));
        printf("mov lea_target(%%rip) -> %x\n", v);
        asm("addl $5, lea_target(%%rip)" ::: "memory", "cc");
        printf("addl $5, lea_target(%%rip) -> %x\n", lea_target);
    }
#endif
}

/* ---------------------------------------------------------------- stack */

/* Prints n words starting at w (copied from the stack): values between
 * lo and hi are stack addresses, printed relative to base. */
static void print_stack_words(const reg_t *w, int n, reg_t base)
{
    for (int i = 0; i < n; i++) {
        if (w[i] - base + 4096 < 8192)
            printf(" sp%+ld", (long)(w[i] - base));
        else
            printf(" %lx", w[i]);
    }
}

/* enter/leave and pusha/popa change esp and ebp, so their results go to
 * globals addressed absolutely (non-PIE), never esp/ebp-relative. */
#ifdef __x86_64__
#define G(sym) #sym "(%%rip)"
#define SI "%%rsi"
#define DI "%%rdi"
#define MOVS "movsq"
#else
#define G(sym) #sym
#define SI "%%esi"
#define DI "%%edi"
#define MOVS "movsl"
#endif
reg_t misc_frame[40], misc_copy[40], misc_sp0, misc_sp1, misc_bp1, misc_sp2;

/* enter with a nesting level copies level-1 frame pointers from the
 * chain at ebp (misc_frame); frame pointers print relative to esp0. */
#define ENTER(size, level)                                                 \
    static void enter_##size##_##level(void)                               \
    {                                                                      \
        asm volatile("mov " SP ", " G(misc_sp0) "\n\t"                     \
                     "push " BP "\n\t"                                     \
                     "mov $misc_frame+36*%c[ws], " BP "\n\t"               \
                     "enter $" #size ", $" #level "\n\t"                   \
                     "mov " SP ", " G(misc_sp1) "\n\t"                     \
                     "mov " BP ", " G(misc_bp1) "\n\t"                     \
                     "mov " SP ", " SI "\n\t"                                \
                     "mov $misc_copy, " DI "\n\t"                          \
                     "mov $40, %%ecx\n\tcld\n\trep " MOVS "\n\t"           \
                     "leave\n\t"                                           \
                     "mov " SP ", " G(misc_sp2) "\n\t"                     \
                     "pop " BP                                             \
                     : : [ws] "i"(sizeof(reg_t))                            \
                     : "ecx", "esi", "edi", "memory");                     \
        reg_t sp0 = misc_sp0;                                              \
        printf("enter $%d,$%d: sp=sp%+ld bp=sp%+ld after-leave=sp%+ld words:", size, \
               level, (long)(misc_sp1 - sp0), (long)(misc_bp1 - sp0),      \
               (long)(misc_sp2 - sp0));                                    \
        /* the words enter pushed: old ebp at bp1, then the copied frame \
         * pointers and the new one below it (locals are uninitialized) */ \
        for (int k = 0; k <= (level & 31); k++) {                          \
            reg_t w;                                                       \
            memcpy(&w, (char *)misc_copy + (misc_bp1 - misc_sp1) - k * sizeof(reg_t), \
                   sizeof(w));                                             \
            print_stack_words(&w, 1, sp0);                                 \
        }                                                                  \
        printf("\n");                                                     \
    }
ENTER(0, 0) ENTER(8, 0) ENTER(16, 1) ENTER(4, 2) ENTER(12, 3) ENTER(0, 5) ENTER(0x20, 31)

void test_stack(void)
{
    for (int i = 0; i < 40; i++)
        misc_frame[i] = (reg_t)(0x1110 + i * 0x1111);
    enter_0_0(); enter_8_0(); enter_16_1(); enter_4_2(); enter_12_3(); enter_0_5();
    enter_0x20_31();

    /* push forms: stack delta and value pushed */
#define PUSH(insn, ...)                                                    \
    do {                                                                   \
        reg_t sp0, sp1, v = 0;                                             \
        asm volatile("mov " SP ", %[sp0]\n\t" insn "\n\tmov " SP ", %[sp1]\n\t" \
                     "mov (" SP "), %[v]\n\tmov %[sp0], " SP               \
                     : [sp0] "=&r"(sp0), [sp1] "=&r"(sp1), [v] "+&r"(v) : __VA_ARGS__); \
        if (sp0 - sp1 == 2)                                                \
            v &= 0xffff;                                                   \
        printf("%-24s -> sp%+ld val=%lx\n", insn, (long)(sp1 - sp0), v);    \
    } while (0)
    static reg_t mem_word = (reg_t)0x8765432112345678ull;
    PUSH("push $0x7f");
    PUSH("push $-2");
    PUSH("push $0x12345678");
    PUSH("pushw $0x1234");
    PUSH("push %[m]", [m] "m"(mem_word));
    PUSH("pushw %[m]", [m] "m"(mem_word));
    PUSH("push %[r]", [r] "r"((reg_t)0xabcdef01));
    PUSH("pushw %w[r]", [r] "r"((reg_t)0xabcdef01));
    /* pop forms */
#define POP(insn, ...)                                                     \
    do {                                                                   \
        reg_t sp0, sp1, r = ~(reg_t)0;                                     \
        static reg_t m;                                                    \
        m = ~(reg_t)0;                                                     \
        asm volatile("mov " SP ", %[sp0]\n\tpush %[v]\n\t" insn "\n\tmov " SP ", %[sp1]\n\t" \
                     "mov %[sp0], " SP                                     \
                     : [sp0] "=&r"(sp0), [sp1] "=&r"(sp1), [r] "+&r"(r), [m] "+m"(m) \
                     : [v] "r"((reg_t)0x1122334455667788ull));             \
        printf("%-24s -> sp%+ld r=%lx m=%lx\n", insn, (long)(sp1 - sp0), r, m); \
    } while (0)
    POP("pop %[r]");
    POP("popw %w[r]");
    POP("pop %[m]");
    POP("popw %[m]");
    /* pop into esp-relative memory uses esp after the pop */
#ifndef __x86_64__
    {
        reg_t *regs = misc_copy;
        asm volatile("push %%ebp\n\t"
                     "mov $0x11, %%eax\n\tmov $0x22, %%ecx\n\tmov $0x33, %%edx\n\t"
                     "mov $0x44, %%ebx\n\tmov $0x66, %%ebp\n\tmov $0x77, %%esi\n\t"
                     "mov $0x88, %%edi\n\t"
                     "pusha\n\t"
                     "mov 0(%%esp), %%eax\n\tmov %%eax, misc_copy+0\n\t"
                     "mov 4(%%esp), %%eax\n\tmov %%eax, misc_copy+4\n\t"
                     "mov 8(%%esp), %%eax\n\tmov %%eax, misc_copy+8\n\t"
                     "mov 12(%%esp), %%eax\n\tsub %%esp, %%eax\n\tmov %%eax, misc_copy+12\n\t"
                     "mov 16(%%esp), %%eax\n\tmov %%eax, misc_copy+16\n\t"
                     "mov 20(%%esp), %%eax\n\tmov %%eax, misc_copy+20\n\t"
                     "mov 24(%%esp), %%eax\n\tmov %%eax, misc_copy+24\n\t"
                     "mov 28(%%esp), %%eax\n\tmov %%eax, misc_copy+28\n\t"
                     "movl $0x99, 12(%%esp)\n\t"   /* popa ignores the esp slot */
                     "popa\n\t"
                     "pop %%ebp"
                     : : : "eax", "ecx", "edx", "ebx", "esi", "edi", "memory");
        printf("pusha: edi=%lx esi=%lx ebp=%lx esp=sp%+ld ebx=%lx edx=%lx ecx=%lx eax=%lx\n",
               regs[0], regs[1], regs[2], (long)regs[3], regs[4], regs[5], regs[6], regs[7]);
        reg_t a, b, c, d, s, di;
        asm volatile("push %%ebp\n\tmov %%esp, misc_sp0\n\t"
                     "push $1\n\tpush $2\n\tpush $3\n\tpush $4\n\t"
                     "push $5\n\tpush $6\n\tpush $7\n\tpush $8\n\t"
                     "popa\n\tmov %%esp, misc_sp1\n\tmov %%ebp, misc_bp1\n\tpop %%ebp"
                     : "=a"(a), "=b"(b), "=c"(c), "=d"(d), "=S"(s), "=D"(di) : : "memory");
        printf("popa: eax=%lx ebx=%lx ecx=%lx edx=%lx esi=%lx edi=%lx ebp=%lx sp%+ld\n",
               a, b, c, d, s, di, misc_bp1, (long)(misc_sp1 - misc_sp0));
        /* 16-bit pushaw/popaw */
        asm volatile("push %%ebp\n\tmov %%esp, misc_sp0\n\t"
                     "mov $0xaaaa1111, %%eax\n\tmov $0xbbbb2222, %%ebx\n\t"
                     "pushw $1\n\tpushw $2\n\tpushw $3\n\tpushw $4\n\t"
                     "pushw $5\n\tpushw $6\n\tpushw $7\n\tpushw $8\n\t"
                     "popaw\n\tmov %%esp, misc_sp1\n\tpop %%ebp"
                     : "=a"(a), "=b"(b), "=c"(c), "=d"(d), "=S"(s), "=D"(di) : : "memory");
        printf("popaw: eax=%lx ebx=%lx sp%+ld\n", a, b, (long)(misc_sp1 - misc_sp0));
    }
#endif
    /* pushf/popf: which bits a user program can change */
    static const reg_t fl_in[] = { 0, F_ALL, F_DF, 0x40000, 0x200000, 0x3000, 0x4000,
                                   0x240cd5, 0xffffffff };
    for (int i = 0; i < N_ELEM(fl_in); i++) {
        reg_t fl = fl_in[i] & ~(reg_t)0x100;
        asm volatile("pushf\n\tpush %[fl]\n\tpopf\n\tpushf\n\tpop %[fl]\n\tpopf"
                     : [fl] "+r"(fl) : : "cc", "memory");
        /* TF (0x100) is never set: it would trap */
        printf("popf %08lx -> pushf %08lx\n", fl_in[i] & ~(reg_t)0x100, fl);
    }
    {
        reg_t f1, f2;
        asm volatile("pushf\n\tpush $0\n\tpopf\n\tstd\n\tpushf\n\tpop %0\n\tcld\n\tpushf\n\tpop %1\n\tpopf"
                     : "=r"(f1), "=r"(f2) : : "cc");
        printf("std -> %08lx cld -> %08lx\n", f1, f2);
        asm volatile("pushf\n\tpush $0\n\tpopf\n\tstc\n\tpushf\n\tpop %0\n\tcmc\n\tpushf\n\tpop %1\n\tpopf"
                     : "=r"(f1), "=r"(f2) : : "cc");
        printf("stc -> %03lx cmc -> %03lx\n", f1 & F_ALL, f2 & F_ALL);
        asm volatile("pushf\n\tpush $0\n\tpopf\n\tclc\n\tpushf\n\tpop %0\n\tcmc\n\tpushf\n\tpop %1\n\tpopf"
                     : "=r"(f1), "=r"(f2) : : "cc");
        printf("clc -> %03lx cmc -> %03lx\n", f1 & F_ALL, f2 & F_ALL);
    }
}

/* Instructions whose values differ between runs: print properties only. */
static void test_properties(void)
{
    uint32_t lo1, hi1, lo2, hi2;
    asm volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
    for (volatile int i = 0; i < 1000; i++)
        ;
    asm volatile("rdtsc" : "=a"(lo2), "=d"(hi2));
    uint64_t t1 = (uint64_t)hi1 << 32 | lo1, t2 = (uint64_t)hi2 << 32 | lo2;
    printf("rdtsc increases: %d\n", t2 > t1);
    reg_t fl = 0, r;
    asm volatile(FL_IN "rdrand %[r]" FL_OUT : [r] "=r"(r), [fl] "+r"(fl) : : "cc");
    printf("rdrand: CF=%ld other flags=%03lx\n", fl & F_CF, fl & F_ALL & ~F_CF);
    uint32_t a, b, c, d;
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
    char vendor[13];
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    vendor[12] = 0;
    printf("cpuid 0: max leaf >= 1: %d vendor is 12 chars: %d\n", a >= 1, (int)strlen(vendor) == 12);
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    /* the features these tests use: SSE2 SSE4.2 POPCNT */
    printf("cpuid 1: sse2=%d sse4.2=%d popcnt=%d\n", (d >> 26) & 1, (c >> 20) & 1, (c >> 23) & 1);
    /* no-operation forms */
    static int mem;
    asm volatile("nop\n\tpause\n\tlfence\n\tsfence\n\tmfence\n\t"
                 ".byte 0x0f, 0x1f, 0x00\n\t"                 /* nopl (%eax) */
                 ".byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t" /* nopw 0(%eax,%eax) */
                 ".byte 0x0f, 0x1f, 0x80, 0, 0, 0, 0\n\t"      /* nopl 0(%eax) */
                 "prefetcht0 %0\n\tprefetchnta %0\n\tclflush %0\n\t"
                 "xchg %%eax, %%eax" : "+m"(mem) : : "eax");
    printf("nops, fences, prefetch, clflush: ok\n");
    /* system calls from asm: the result matches the libc call */
    reg_t pid;
#ifdef __x86_64__
    asm volatile("syscall" : "=a"(pid) : "a"(39) : "rcx", "r11", "memory");
#else
    asm volatile("int $0x80" : "=a"(pid) : "a"(20) : "memory");
#endif
    printf("getpid by syscall instruction matches: %d\n", (long)pid == (long)getpid());
    /* an invalid system call number */
    reg_t bad;
#ifdef __x86_64__
    asm volatile("syscall" : "=a"(bad) : "a"(100000) : "rcx", "r11", "memory");
#else
    asm volatile("int $0x80" : "=a"(bad) : "a"(100000) : "memory");
#endif
    printf("syscall 100000 -> %ld\n", (long)bad);
}

void test_misc(void)
{
    test_convert();
    test_movbe_crc();
    test_xlat_lahf();
    test_properties();
}

/* ------------------------------------------------------ jcc setcc cmovcc */
#define CONDS(X) X(o) X(no) X(b) X(ae) X(e) X(ne) X(be) X(a) X(s) X(ns) X(p) X(np) \
    X(l) X(ge) X(le) X(g)
/* one function per condition: after cmp a,b returns jcc taken, setcc
 * and cmovcc (in 16/32-bit forms) as bits. */
#define COND_ASM(cmp, cc, ac)                                              \
    asm(cmp "\n\t"                                                         \
        "set" #cc " %[s]\n\t"                                              \
        "cmov" #cc " %[one], %[mv]\n\t"                                    \
        "cmov" #cc " %w[one], %w[mv16]\n\t"                                \
        "mov $0, %[t]\n\t"                                                 \
        "j" #cc " 1f\n\t"                                                  \
        "jmp 2f\n"                                                         \
        "1:\tmov $1, %[t]\n"                                               \
        "2:"                                                               \
        : [s] "=&q"(set), [mv] "+r"(mv), [mv16] "+r"(mv16), [t] "=&r"(taken) \
        : [one] "r"(one), [a] ac(a), [b] ac(b) : "cc")
#define COND_FN(cc)                                                        \
    static int cond_##cc(reg_t a, reg_t b, int bits)                       \
    {                                                                      \
        uint8_t set;                                                       \
        reg_t mv = 0x1111, mv16 = 0x2222, one = 0xffff;                    \
        int taken;                                                         \
        if (bits == 8)                                                     \
            COND_ASM("cmp %b[b], %b[a]", cc, "q");                         \
        else if (bits == 16)                                               \
            COND_ASM("cmp %w[b], %w[a]", cc, "r");                         \
        else if (bits == 32)                                               \
            COND_ASM("cmp %k[b], %k[a]", cc, "r");                         \
        else                                                               \
            COND_ASM("cmp %[b], %[a]", cc, "r");                           \
        return taken | set << 1 | (mv == one) << 2 | (mv16 == 0x2222 ? 0 : 1 << 3); \
    }
CONDS(COND_FN)
#define COND_ROW(cc) { #cc, cond_##cc },
static const struct { const char *name; int (*fn)(reg_t, reg_t, int); } conds[] = { CONDS(COND_ROW) };

void test_jcc(void)
{
    static const uint64_t v[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fffffff,
                                  0x80000000, 0xffffffff, 0x8000000000000000ull,
                                  0xffffffffffffffffull };
    for (int bits = 8; bits <= REG_BITS; bits *= 2)
        for (int i = 0; i < N_ELEM(v); i++)
            for (int j = 0; j < N_ELEM(v); j++) {
                printf("cmp%d %lx,%lx:", bits, (reg_t)v[i], (reg_t)v[j]);
                for (int c = 0; c < N_ELEM(conds); c++)
                    printf(" %s=%x", conds[c].name, conds[c].fn((reg_t)v[i], (reg_t)v[j], bits));
                printf("\n");
            }
    /* loop/loope/loopne and jecxz: count iterations */
    static const reg_t counts[] = { 0, 1, 2, 5, 0x10000 };
    for (int i = 0; i < N_ELEM(counts); i++) {
        reg_t c = counts[i], n = 0;
        if (c && c <= 5) {
            asm("1:\tinc %[n]\n\tloop 1b" : [n] "+r"(n), "+c"(c) : : "cc");
            printf("loop %lx -> iterations=%lx ecx=%lx\n", counts[i], n, c);
        }
#ifndef __x86_64__
        /* with 0x67 the count is cx: 0 means 65536 iterations */
        c = counts[i] | 0x30000;
        n = 0;
        asm("1:\tinc %[n]\n\t.byte 0x67\n\tloop 1b" : [n] "+r"(n), "+c"(c) : : "cc");
        printf("loopw %lx -> iterations=%lx ecx=%lx\n", counts[i] | 0x30000, n, c);
#endif
        /* loopne: stops at ZF=1 (n reaching 3) or ecx 0 */
        c = counts[i] ? counts[i] : 7; n = 0;
        asm("1:\tinc %[n]\n\tcmp $3, %[n]\n\tloopne 1b" : [n] "+r"(n), "+c"(c) : : "cc");
        printf("loopne %lx -> n=%lx ecx=%lx\n", counts[i], n, c);
        c = counts[i]; n = 0;
        asm("1:\tinc %[n]\n\tcmp $1, %[n]\n\tloope 1b" : [n] "+r"(n), "+c"(c) : : "cc");
        printf("loope %lx -> n=%lx ecx=%lx\n", counts[i], n, c);
        c = counts[i]; n = 0;
#ifdef __x86_64__
        asm("jrcxz 1f\n\tmov $1, %[n]\n1:" : [n] "+r"(n) : "c"(c));
        printf("jrcxz %lx -> %lx\n", counts[i], n);
        n = 0;
        asm("jecxz 1f\n\tmov $1, %[n]\n1:" : [n] "+r"(n) : "c"(c | 0x100000000ull));
        printf("jecxz %lx -> %lx\n", counts[i] | (reg_t)0x100000000ull, n);
#else
        asm("jecxz 1f\n\tmov $1, %[n]\n1:" : [n] "+r"(n) : "c"(c));
        printf("jecxz %lx -> %lx\n", counts[i], n);
        /* jcxz (0x67 prefix) tests cx only */
        n = 0;
        asm(".byte 0x67\n\tjecxz 1f\n\tmov $1, %[n]\n1:" : [n] "+r"(n) : "c"(c));
        printf("jcxz %lx -> %lx\n", counts[i], n);
#endif
    }
}

/* ------------------------------------------ conditions after each producer
 * setcc for all 16 conditions right after a flag-setting instruction (the
 * translator may compute each condition directly from the operation,
 * without materializing EFLAGS).  Conditions reading undefined flags are
 * left out: mask bit n allows condition n (o no b ae e ne be a s ns p np
 * l ge le g). */
#define ALL_CC 0xffff
#define CC_CF 0x000f            /* o no b ae: after imul/mul (OF, CF) */
#define CC_ONLY_CF 0x000c       /* b ae: bt */
#define CC_ONLY_ZF 0x0030       /* e ne: bsf */
#define CC_NO_OF 0x0ffc       /* b..np: shifts by cl, sahf (OF undefined) */
#define CC_NO_PF 0xf3ff       /* BMI: AF PF undefined */
#ifdef __x86_64__
#define PUSH_DX "push %%rdx"
#define CC_DX "%%rdx"
#else
#define PUSH_DX "push %%edx"
#define CC_DX "%%edx"
#endif
#define SETCC_ALL                                                          \
    "seto 0(%[o])\n\tsetno 1(%[o])\n\tsetb 2(%[o])\n\tsetae 3(%[o])\n\t"   \
    "sete 4(%[o])\n\tsetne 5(%[o])\n\tsetbe 6(%[o])\n\tseta 7(%[o])\n\t"   \
    "sets 8(%[o])\n\tsetns 9(%[o])\n\tsetp 10(%[o])\n\tsetnp 11(%[o])\n\t" \
    "setl 12(%[o])\n\tsetge 13(%[o])\n\tsetle 14(%[o])\n\tsetg 15(%[o])"
#define CC_AFTER(name, prod)                                               \
    static void ccafter_##name(reg_t a, reg_t b, uint8_t *o)               \
    {                                                                      \
        asm volatile(prod "\n\t" SETCC_ALL                                 \
                     : "+a"(a), "+b"(b) : [o] "D"(o), "c"(b) : "cc", "memory", "edx"); \
    }
#define CC_PRODUCERS(X)                                                    \
    X(addl, "addl %%ebx, %%eax", ALL_CC) X(addb, "addb %%bl, %%al", ALL_CC) \
    X(subw, "subw %%bx, %%ax", ALL_CC) X(subl, "subl %%ebx, %%eax", ALL_CC) \
    X(stc_sbbl, "stc\n\tsbbl %%ebx, %%eax", ALL_CC)                       \
    X(stc_adcb, "stc\n\tadcb %%bl, %%al", ALL_CC)                         \
    X(clc_adcw, "clc\n\tadcw %%bx, %%ax", ALL_CC)                         \
    X(incl, "incl %%eax", ALL_CC) X(decb, "decb %%al", ALL_CC)             \
    X(add_inc, "addl %%ebx, %%eax\n\tincl %%ebx", ALL_CC)                  \
    X(sub_dec, "subb %%bl, %%al\n\tdecw %%bx", ALL_CC)                     \
    X(negl, "negl %%eax", ALL_CC) X(negw, "negw %%ax", ALL_CC)             \
    X(andl, "andl %%ebx, %%eax", ALL_CC) X(testb, "testb %%bl, %%al", ALL_CC) \
    X(orw, "orw %%bx, %%ax", ALL_CC) X(xorl, "xorl %%ebx, %%eax", ALL_CC)  \
    X(cmpb, "cmpb %%bl, %%al", ALL_CC) X(cmpw_imm, "cmpw $0x7fff, %%ax", ALL_CC) \
    X(shll1, "shll $1, %%eax", ALL_CC) X(shrb1, "shrb $1, %%al", ALL_CC)   \
    X(sarw1, "sarw $1, %%ax", ALL_CC)                                      \
    X(shll_cl, "testl %%eax, %%eax\n\tshll %%cl, %%eax", CC_NO_OF)         \
    X(sarl_cl, "testl %%eax, %%eax\n\tsarl %%cl, %%eax", CC_NO_OF)         \
    X(shrw_cl, "testl %%eax, %%eax\n\tshrw %%cl, %%ax", CC_NO_OF)          \
    X(shl0, "addl %%ebx, %%eax\n\tmov $0, %%ecx\n\tshll %%cl, %%eax", ALL_CC) \
    X(sub_shl0, "subb %%bl, %%al\n\tmov $0, %%ecx\n\tshll %%cl, %%eax", ALL_CC) \
    X(inc_shr0, "incw %%ax\n\tmov $0, %%ecx\n\tshrl %%cl, %%eax", ALL_CC) \
    X(and_sar0, "andl %%ebx, %%eax\n\tmov $0, %%ecx\n\tsarb %%cl, %%al", ALL_CC) \
    X(test_rol0, "testl %%ebx, %%eax\n\tmov $0, %%ecx\n\troll %%cl, %%eax", ALL_CC) \
    X(neg_rcl0, "negl %%eax\n\tmov $0, %%ecx\n\trclw %%cl, %%ax", ALL_CC) \
    X(imul_shl0, "imull %%ebx, %%eax\n\tmov $0, %%ecx\n\tshll %%cl, %%eax", CC_CF) \
    X(shl1_shl0, "shll $1, %%eax\n\tmov $0, %%ecx\n\tshll %%cl, %%eax", ALL_CC) \
    X(call_shl0, "cmpl %%ebx, %%eax\n\tcall 1f\n\tjmp 2f\n1:\tmov $0, %%ecx\n\t"     \
      "shll %%cl, %%eax\n\tret\n2:", ALL_CC)                                \
    X(icall_shl0, "cmpl %%ebx, %%eax\n\tmov $1f, %%edx\n\tcall *" CC_DX "\n\tjmp 2f\n"  \
      "1:\tmov $0, %%ecx\n\tshll %%cl, %%eax\n\tret\n2:", ALL_CC)           \
    X(jmp_shl0, "addb %%bl, %%al\n\tjmp 1f\n\t.p2align 6\n1:\tmov $0, %%ecx\n\t"   \
      "shll %%cl, %%eax", ALL_CC)                                          \
    X(shl32, "cmpl %%ebx, %%eax\n\tmov $32, %%ecx\n\tshll %%cl, %%eax", ALL_CC) \
    X(shld0, "subl %%ebx, %%eax\n\tmov $0, %%ecx\n\tshldl %%cl, %%ebx, %%eax", ALL_CC) \
    X(roll1, "roll $1, %%eax", CC_CF) X(rcrl1, "rcrl $1, %%eax", CC_CF)    \
    X(imull, "imull %%ebx, %%eax", CC_CF) X(mulb, "mulb %%bl", CC_CF)      \
    X(btl, "btl %%ebx, %%eax", CC_ONLY_CF) X(btsw, "btsw %%bx, %%ax", CC_ONLY_CF) \
    X(bsfl, "bsfl %%ebx, %%eax", CC_ONLY_ZF) X(popcntl, "popcntl %%ebx, %%eax", ALL_CC) \
    X(lzcntl, "lzcntl %%ebx, %%eax", 0x00fc)                               \
    X(cmpxchgl, "lea 1(%%ebx), %%edx\n\tcmpxchgl %%ecx, %%edx", ALL_CC)    \
    X(xaddb, "xaddb %%bl, %%al", ALL_CC)                                   \
    X(sahf, "mov %%bl, %%ah\n\tsahf", CC_NO_OF)                            \
    X(popf, "mov %%ebx, %%edx\n\tand $0x8d5, %%edx\n\t" PUSH_DX "\n\tpopf", ALL_CC) \
    X(cmc, "cmpl %%ebx, %%eax\n\tcmc", ALL_CC)                             \
    X(andn, "andn %%ebx, %%eax, %%edx", CC_NO_PF)                          \
    X(blsr, "blsr %%ebx, %%eax", CC_NO_PF)                                 \
    CC_PRODUCERS64(X)
#ifdef __x86_64__
#define CC_PRODUCERS64(X) X(addq, "addq %%rbx, %%rax", ALL_CC)             \
    X(subq, "subq %%rbx, %%rax", ALL_CC) X(negq, "negq %%rax", ALL_CC)     \
    X(shlq_cl, "shlq %%cl, %%rax", CC_NO_OF) X(imulq, "imulq %%rbx, %%rax", CC_CF) \
    X(incq, "incq %%rax", ALL_CC) X(testq, "testq %%rbx, %%rax", ALL_CC)
#else
#define CC_PRODUCERS64(X)
#endif
#define CC_DEF(name, prod, mask) CC_AFTER(name, prod)
CC_PRODUCERS(CC_DEF)
#define CC_ROW(name, prod, mask) { #name, ccafter_##name, mask },
static const struct { const char *name; void (*fn)(reg_t, reg_t, uint8_t *); int mask; } cc_after[] = {
    CC_PRODUCERS(CC_ROW)
};

void test_cc_after(void)
{
    static const uint64_t v[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fffffff,
                                  0x80000000, 0xffffffff, 0x8000000000000000ull,
                                  0x0000000100000001ull, 0xffffffffffffffffull };
    for (int p = 0; p < N_ELEM(cc_after); p++)
        for (int i = 0; i < N_ELEM(v); i++)
            for (int j = 0; j < N_ELEM(v); j++) {
                uint8_t out[16];
                cc_after[p].fn((reg_t)v[i], (reg_t)v[j], out);
                printf("%s %lx,%lx:", cc_after[p].name, (reg_t)v[i], (reg_t)v[j]);
                for (int c = 0; c < 16; c++)
                    putchar(cc_after[p].mask >> c & 1 ? '0' + out[c] : '-');
                printf("\n");
            }
}
