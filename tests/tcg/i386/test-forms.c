/* tests/tcg/i386/test-forms.c: the encodings the register-register cases
 * of test-alu.c do not reach: memory operands, immediates (imm8
 * sign-extended and full), the short accumulator forms, high byte
 * registers (ah ch dh bh), and on x86-64 REX byte registers, r8-r15 and
 * zero-extension of 32-bit results.  Each case runs one instruction on a
 * fixed register file and prints all of it. */
#include "test.h"

/* Global, so the asm addresses it absolutely (no register needed). */
static struct {
    reg_t a, b, c, d, si, di, fl;
    reg_t mem[2];
} fr;

static const reg_t form_init[2][9] = {
    { (reg_t)0xffffffff80000001ull, 0x12345678, 0x00000003, 0x7fff807f, ~(reg_t)0, 0x8000,
      0, (reg_t)0x0000000080ff7f01ull, 0x11223344 },
    { 0x000000ff, 0x7fffffff, 0x00000021, 0x0000fffe, 0x00000100, (reg_t)0x80000000ull,
      F_ALL, (reg_t)0xffffffffffffffffull, 0x55555555 },
};

static void form_print(const char *insn, int set)
{
    int w = REG_BITS / 4;
    for (const char *p = insn; *p; p++) {    /* one line: "\n\t" as "; " */
        if (*p == '\n')
            printf("; ");
        else if (*p != '\t')
            putchar(*p);
    }
    printf(" %d: a=%0*lx b=%0*lx c=%0*lx d=%0*lx si=%0*lx di=%0*lx m=%0*lx:%0*lx fl=%03lx\n",
           set, w, fr.a, w, fr.b, w, fr.c, w, fr.d, w, fr.si, w, fr.di, w, fr.mem[1], w,
           fr.mem[0], fr.fl & F_ALL);
}

#ifdef __x86_64__
#define EXTRA_CLOBBERS , "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"
#else
#define EXTRA_CLOBBERS
#endif
#define FORM(insn, mask)                                                   \
    for (int set = 0; set < 2; set++) {                                    \
        memcpy(&fr, form_init[set], sizeof(fr));                           \
        asm volatile(FL_IN insn FL_OUT                                     \
                     : "+a"(fr.a), "+b"(fr.b), "+c"(fr.c), "+d"(fr.d), "+S"(fr.si), \
                       "+D"(fr.di), [fl] "+m"(fr.fl), [m] "+m"(fr.mem[0]), \
                       [m1] "+m"(fr.mem[1]) : : "cc" EXTRA_CLOBBERS);      \
        fr.fl &= (mask);                                                   \
        form_print(insn, set);                                             \
    }
/* flags undefined after these (see test-alu.c) */
#define NO_AF (F_ALL & ~F_AF)
#define SHIFT_FL (F_ALL & ~F_AF & ~F_OF)
#define MUL_FL (F_CF | F_OF)
#define BT_FL (F_CF | F_ZF)

void test_forms(void)
{
    /* memory destinations with immediates: 0x80, 0x81, 0x83 groups */
    FORM("addl $0x7f, %[m]", F_ALL)
    FORM("addl $-128, %[m]", F_ALL)
    FORM("addl $0x12345678, %[m]", F_ALL)
    FORM("addw $-1, %[m]", F_ALL)
    FORM("addb $0x80, %[m]", F_ALL)
    FORM("adcl $1, %[m]", F_ALL)
    FORM("sbbw $0x100, %[m]", F_ALL)
    FORM("subb $1, %[m]", F_ALL)
    FORM("andl $-16, %[m]", F_ALL)
    FORM("orw $0x8000, %[m]", F_ALL)
    FORM("xorb $0xff, %[m]", F_ALL)
    FORM("cmpl $5, %[m]", F_ALL)
    FORM("cmpb $0x01, %[m]", F_ALL)
    FORM("testl $0x80000000, %[m]", F_ALL)
    FORM("testw $0x7f01, %[m]", F_ALL)
    /* register with memory, both directions */
    FORM("orl %%ebx, %[m]", F_ALL)
    FORM("subl %[m], %%ecx", F_ALL)
    FORM("adcw %[m], %%dx", F_ALL)
    FORM("sbbb %%ah, %[m]", F_ALL)
    FORM("cmpl %[m], %%esi", F_ALL)
    FORM("testl %%edi, %[m]", F_ALL)
    FORM("xchgl %%ebx, %[m]", F_ALL)
    FORM("xchgb %%dh, %[m]", F_ALL)
    FORM("lock addl %%ebx, %[m]", F_ALL)
    FORM("lock xaddl %%ecx, %[m]", F_ALL)
    FORM("lock orb %%bl, %[m]", F_ALL)
    FORM("lock andw $0x0ff0, %[m]", F_ALL)
    FORM("lock subl $1, %[m]", F_ALL)
    FORM("lock incl %[m]", F_ALL)
    FORM("lock decw %[m]", F_ALL)
    FORM("lock notl %[m]", F_ALL)
    FORM("lock negb %[m]", F_ALL)
    FORM("lock btsl $33, %[m]", BT_FL)
    FORM("lock btrl %%ecx, %[m]", BT_FL)
    FORM("lock cmpxchgl %%ecx, %[m]", F_ALL)
    FORM("cmpxchgw %%si, %[m]", F_ALL)
    FORM("notl %[m]", F_ALL)
    FORM("negw %[m]", F_ALL)
    FORM("incb %[m]", F_ALL)
    FORM("decl %[m]", F_ALL)
    FORM("imull $-5, %[m], %%edx", MUL_FL)
    FORM("imulw $300, %[m], %%di", MUL_FL)
    FORM("imulw %[m], %%si", MUL_FL)
    FORM("imull %[m]", MUL_FL)
    FORM("mull %[m]", MUL_FL)
    FORM("mulb %[m]", MUL_FL)
    FORM("shrl $3, %[m]", SHIFT_FL)
    FORM("shll %[m]", NO_AF)
    FORM("rolw %%cl, %[m]", SHIFT_FL)
    FORM("rcrl %[m]", F_ALL)
    FORM("rclb $3, %[m]", SHIFT_FL)
    FORM("sarb $7, %[m]", SHIFT_FL)
    FORM("shldl $4, %%ebx, %[m]", SHIFT_FL)
    FORM("shrdw %%cl, %%si, %[m]", SHIFT_FL)
    FORM("btsl $35, %[m]", BT_FL)
    FORM("btcl %%ecx, %[m]", BT_FL)
    FORM("btw $15, %[m]", BT_FL)
    FORM("bsfl %[m], %%edx", F_ZF)
    FORM("bsrw %[m], %%dx", F_ZF)
    FORM("popcntl %[m], %%edx", F_ALL)
    FORM("movzbl %[m], %%esi", F_ALL)
    FORM("movsbw %[m], %%di", F_ALL)
    FORM("movswl %[m], %%eax", F_ALL)
    FORM("cmovl %[m], %%eax", F_ALL)
    FORM("cmovnsw %[m], %%bx", F_ALL)
    FORM("setg %[m]", F_ALL)
    FORM("setb %%ah", F_ALL)
    FORM("movb %%ch, %[m]", F_ALL)
    FORM("movw %%bx, %[m]", F_ALL)
    FORM("movl $0x87654321, %[m]", F_ALL)
    FORM("movb $0x99, %[m]", F_ALL)
    FORM("movw $0x1234, %[m]", F_ALL)
    /* the accumulator short forms (04 05 0c 24 2c 3c a8 a9 ...) */
    FORM("addb $0x7f, %%al", F_ALL)
    FORM("addl $0x12345678, %%eax", F_ALL)
    FORM("addw $0x8000, %%ax", F_ALL)
    FORM("adcb $1, %%al", F_ALL)
    FORM("sbbl $-1, %%eax", F_ALL)
    FORM("andb $0x0f, %%al", F_ALL)
    FORM("orw $0x5555, %%ax", F_ALL)
    FORM("xorl $0xffff0000, %%eax", F_ALL)
    FORM("subw $1, %%ax", F_ALL)
    FORM("cmpw $0x7fff, %%ax", F_ALL)
    FORM("testb $0x80, %%al", F_ALL)
    FORM("testl $1, %%eax", F_ALL)
    FORM("xchgl %%eax, %%esi", F_ALL)
    FORM("xchgw %%ax, %%di", F_ALL)
    /* high byte registers */
    FORM("addb %%ah, %%bl", F_ALL)
    FORM("addb %%bh, %%ah", F_ALL)
    FORM("subb %%ch, %%dh", F_ALL)
    FORM("xchgb %%ah, %%al", F_ALL)
    FORM("movb %%ch, %%dh", F_ALL)
    FORM("incb %%ah", F_ALL)
    FORM("negb %%dh", F_ALL)
    FORM("notb %%bh", F_ALL)
    FORM("shlb %%cl, %%ah", SHIFT_FL)
    FORM("rorb $1, %%bh", F_ALL)
    FORM("cmpb %%ah, %%ch", F_ALL)
    FORM("testb %%dh, %%dh", F_ALL)
    FORM("movzbl %%ah, %%esi", F_ALL)
    FORM("movsbl %%bh, %%edi", F_ALL)
    FORM("movzbw %%dh, %%si", F_ALL)
    FORM("imulb %%ch", MUL_FL)
    FORM("adcb $0x10, %%ch", F_ALL)
    FORM("cmpxchgb %%ah, %%bl", F_ALL)
    FORM("xaddb %%ah, %%dh", F_ALL)
    FORM("bswap %%eax", F_ALL)
    FORM("bswap %%esi", F_ALL)
    /* 16-bit forms that keep the upper half */
    FORM("movw $0x1234, %%ax", F_ALL)
    FORM("incw %%si", F_ALL)
    FORM("leaw 3(%%esi,%%edi), %%bx", F_ALL)
    FORM("xchgw %%bx, %%cx", F_ALL)
    FORM("cwtl", F_ALL)
    FORM("cbtw", F_ALL)
#ifdef __x86_64__
    /* REX: 64-bit immediates and memory, sil/dil, r8-r15, zero-extension */
    FORM("addq $-1, %[m]", F_ALL)
    FORM("addq $0x7fffffff, %%rax", F_ALL)
    FORM("subq $-0x80000000, %%rbx", F_ALL)
    FORM("movabs $0x123456789abcdef0, %%rax", F_ALL)
    FORM("movq $-2, %%rcx", F_ALL)
    FORM("movl $-1, %%eax", F_ALL)
    FORM("incl %%eax", F_ALL)
    FORM("xchgl %%eax, %%ebx", F_ALL)
    FORM("xchgl %%eax, %%eax", F_ALL)
    FORM("cmpxchgl %%ecx, %[m]", F_ALL)
    FORM("cmovzl %%ebx, %%esi", F_ALL)
    FORM("cmovnzl %%ebx, %%esi", F_ALL)
    FORM("bsfl %%edi, %%eax", F_ZF)
    FORM("movl %%esi, %%esi", F_ALL)
    FORM("addl %%eax, %%eax", F_ALL)
    FORM("shll $0, %%edx", F_ALL)
    FORM("addb %%sil, %%dil", F_ALL)
    FORM("movb %%dil, %%sil", F_ALL)
    FORM("movzbl %%sil, %%eax", F_ALL)
    FORM("incb %%sil", F_ALL)
    FORM("movslq %%esi, %%rdi", F_ALL)
    FORM("movslq %[m], %%rax", F_ALL)
    FORM("imulq $-7, %[m], %%rdx", MUL_FL)
    FORM("shldq $60, %%rbx, %[m]", SHIFT_FL)
    FORM("btsq $63, %[m]", BT_FL)
    FORM("lock xaddq %%rcx, %[m]", F_ALL)
    FORM("lock cmpxchgq %%rsi, %[m]", F_ALL)
    FORM("mov %%rsi, %%r8\n\tadd %%r8, %%rdi", F_ALL)
    FORM("mov %%rbx, %%r9\n\tmov %%rcx, %%r10\n\tsub %%r9d, %%r10d\n\tmov %%r10, %%rax", F_ALL)
    FORM("mov %%rax, %%r11\n\tmovb %%r11b, %%dl\n\tmovw %%r11w, %%si", F_ALL)
    FORM("mov %%rdx, %%r12\n\tmov %%rbx, %%r13\n\tlea 7(%%r12,%%r13,4), %%rdi", F_ALL)
    FORM("mov %%rsi, %%r14\n\tnot %%r14b\n\tmov %%r14, %%rcx", F_ALL)
    FORM("mov %%rdi, %%r15\n\timul %%r15, %%rax", MUL_FL)
    FORM("mov %%rcx, %%r8\n\tshl %%cl, %%r8d\n\tmov %%r8, %%rbx", SHIFT_FL)
    FORM("push %[m]\n\tpop %%rbx", F_ALL)
    FORM("pushq $-3\n\tpop %%rdx", F_ALL)
    FORM("pushw %%si\n\tpopw %%ax", F_ALL)
    FORM("cltq", F_ALL)
    FORM("cqto", F_ALL)
    FORM("cwtl", F_ALL)
#else
    FORM("push %[m]\n\tpop %%ebx", F_ALL)
    FORM("pushl $-3\n\tpop %%edx", F_ALL)
    FORM("pushw %%si\n\tpopw %%ax", F_ALL)
    FORM("pushl %%esp\n\tpop %%eax\n\tsub %%esp, %%eax", F_ALL)
    FORM("cltd", F_ALL)
    FORM("cwtd", F_ALL)
    FORM("aaa\n\taas", F_CF | F_AF)
#endif
}
