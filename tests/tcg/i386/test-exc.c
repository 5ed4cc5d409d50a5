/* tests/tcg/i386/test-exc.c: faults and traps reach the program as
 * signals with the right number, si_code, si_addr and eip/rip. */
#include <sys/mman.h>
#include "test.h"

/* A fixed address (the same natively and emulated) for page faults. */
#define FAULT_PAGE 0x50000000ul

/* Runs the asm statement body given after the name (its template has
 * SET_FAULT_BASE before the faulting instruction) and prints what
 * happened. */
#define EXC(name, ...)                                                     \
    do {                                                                   \
        printf("%s:\n", name);                                             \
        if (!CATCH()) {                                                    \
            asm volatile(__VA_ARGS__);                                     \
            END_CATCH();                                                   \
            printf("  no fault\n");                                        \
        }                                                                  \
    } while (0)

void test_exc(void)
{
    void *p = mmap((void *)FAULT_PAGE, 4096, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED)
        printf("mmap failed\n");
    /* a second page, read-only, for write faults */
    mmap((void *)(FAULT_PAGE + 4096), 4096, PROT_READ,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    /* writable pages below the PROT_NONE one and above the read-only one,
     * for string instructions that fault after some progress */
    mmap((void *)(FAULT_PAGE - 4096), 4096, PROT_READ | PROT_WRITE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    mmap((void *)(FAULT_PAGE + 8192), 4096, PROT_READ | PROT_WRITE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    fault_print_addr = 1;
    EXC("read PROT_NONE", SET_FAULT_BASE "mov (%0), %%eax" : : "r"(FAULT_PAGE + 8) : "eax", "memory");
    EXC("write PROT_NONE", SET_FAULT_BASE "movl $1, (%0)" : : "r"(FAULT_PAGE + 0x10) : "memory");
    EXC("write PROT_READ", SET_FAULT_BASE "movl $1, (%0)" : : "r"(FAULT_PAGE + 4100) : "memory");
    EXC("read PROT_READ", SET_FAULT_BASE "mov (%0), %%eax" : : "r"(FAULT_PAGE + 4100) : "eax", "memory");
    EXC("read unmapped", SET_FAULT_BASE "mov (%0), %%eax" : : "r"(FAULT_PAGE + 5 * 4096 + 5)
        : "eax", "memory");
    EXC("rep stosb into PROT_NONE", "cld\n\t" SET_FAULT_BASE "rep stosb"
        : : "D"(FAULT_PAGE - 4), "c"(16), "a"(0) : "memory");
    /* the handler runs on the alternate stack; siglongjmp restores esp */
#ifdef __x86_64__
    EXC("push to PROT_READ", "mov %%rsp, %%rbx\n\tmov %0, %%rsp\n\t" SET_FAULT_BASE
        "push %%rax\n\tmov %%rbx, %%rsp" : : "r"(FAULT_PAGE + 4104) : "rbx", "memory");
#else
    EXC("push to PROT_READ", "mov %%esp, %%ebx\n\tmov %0, %%esp\n\t" SET_FAULT_BASE
        "push %%eax\n\tmov %%ebx, %%esp" : : "r"(FAULT_PAGE + 4104) : "ebx", "memory");
#endif
    EXC("jump to PROT_NONE", SET_FAULT_BASE "call *%0" : : "r"(FAULT_PAGE + 0x20) : "memory");
    EXC("ud2", SET_FAULT_BASE "ud2" : );
    EXC("ud0 (0f ff)", SET_FAULT_BASE ".byte 0x0f, 0xff, 0xc0" : );
    EXC("lock nop", SET_FAULT_BASE ".byte 0xf0, 0x90" : );
    EXC("lock add reg,reg", SET_FAULT_BASE ".byte 0xf0, 0x01, 0xc0" : );
    EXC("lock add mem", SET_FAULT_BASE "lock addl $1, (%0)" : : "r"(&fault_armed) : "memory");
    EXC("mov to cs (8e c8)", SET_FAULT_BASE ".byte 0x8e, 0xc8" : );
    EXC("lds reg form", SET_FAULT_BASE ".byte 0xc5, 0xc0" : );
    EXC("0f 0b prefixed by 66", SET_FAULT_BASE ".byte 0x66, 0x0f, 0x0b" : );
    EXC("16 prefixes (too long)", SET_FAULT_BASE
        ".byte 0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x90" : );
    EXC("15 bytes (ok)", SET_FAULT_BASE
        ".byte 0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x90" : );
    fault_print_addr = 0;     /* si_addr is 0 or the kernel's choice below */
    EXC("int3", SET_FAULT_BASE "int3" : );
    EXC("int $3 (cd 03)", SET_FAULT_BASE ".byte 0xcd, 0x03" : );
    EXC("int $0x30", SET_FAULT_BASE "int $0x30" : );
    EXC("int $0xff", SET_FAULT_BASE "int $0xff" : );
    EXC("hlt", SET_FAULT_BASE "hlt" : );
    EXC("cli", SET_FAULT_BASE "cli" : );
    EXC("sti", SET_FAULT_BASE "sti" : );
    EXC("inb $0x80", SET_FAULT_BASE "inb $0x80, %%al" : : : "eax");
    EXC("outb dx", SET_FAULT_BASE "outb %%al, %%dx" : : "a"(0), "d"(0x80));
    EXC("mov cr0", SET_FAULT_BASE ".byte 0x0f, 0x20, 0xc0" : : : "eax");
    EXC("rdmsr", SET_FAULT_BASE "rdmsr" : : "c"(0x10) : "eax", "edx");
    EXC("lgdt", SET_FAULT_BASE "lgdt (%0)" : : "r"(&fault_armed) : "memory");
    static __attribute__((aligned(16))) char buf[48];
    EXC("movaps misaligned", SET_FAULT_BASE "movaps (%0), %%xmm0" : : "r"(buf + 4) : "xmm0");
    EXC("movaps aligned", SET_FAULT_BASE "movaps (%0), %%xmm0" : : "r"(buf + 16) : "xmm0");
    EXC("movups misaligned", SET_FAULT_BASE "movups (%0), %%xmm0" : : "r"(buf + 4) : "xmm0");
    EXC("divl 0", SET_FAULT_BASE "divl %0" : : "r"(0), "a"(1), "d"(0));
    EXC("idivl INT_MIN/-1", SET_FAULT_BASE "idivl %0" : : "r"(-1), "a"(0x80000000), "d"(-1));
    EXC("divb overflow", SET_FAULT_BASE "divb %b0" : : "q"(2), "a"(0x400));
    EXC("aam 0", SET_FAULT_BASE ".byte 0xd4, 0x00" : : : "eax");
#ifndef __x86_64__
    {
        static int bounds[2] = { 10, 20 };
        EXC("bound in range", SET_FAULT_BASE "bound %0, (%1)" : : "r"(15), "r"(bounds));
        EXC("bound below", SET_FAULT_BASE "bound %0, (%1)" : : "r"(9), "r"(bounds));
        EXC("bound above", SET_FAULT_BASE "bound %0, (%1)" : : "r"(21), "r"(bounds));
        EXC("into OF=0", "xor %%eax, %%eax\n\t" SET_FAULT_BASE "into" : : : "eax");
        EXC("into OF=1", "mov $0x7f, %%al\n\tadd $1, %%al\n\t" SET_FAULT_BASE "into" : : : "eax");
    }
#else
    EXC("non-canonical read", SET_FAULT_BASE "mov (%0), %%eax"
        : : "r"(0x8000000000000000ull) : "eax", "memory");
    EXC("push es (06) invalid", SET_FAULT_BASE ".byte 0x06" : );
    EXC("daa (27) invalid", SET_FAULT_BASE ".byte 0x27" : );
    EXC("into (ce) invalid", SET_FAULT_BASE ".byte 0xce" : );
    EXC("bound (62 in 64-bit is EVEX)", SET_FAULT_BASE ".byte 0x62, 0x00" : );
#endif
    /* precise state at a fault in the middle of a block */
    fault_print_regs = 1;
    EXC("regs before fault", "mov $0x1234, %%ecx\n\tadd $5, %%edx\n\tcmp %%edx, %%ecx\n\t"
        SET_FAULT_BASE "mov (%%esi), %%eax" : : "S"(FAULT_PAGE + 12), "d"(-5), "D"(0), "a"(0)
        : "ecx", "memory");
    EXC("flags from sub before ud2", "sub %%edx, %%ecx\n\t" SET_FAULT_BASE "ud2"
        : : "c"(0x80000000), "d"(1), "a"(0), "S"(0), "D"(0));
    EXC("rep movsb into PROT_NONE", "cld\n\t" SET_FAULT_BASE "rep movsb"
        : : "S"(FAULT_PAGE + 4096), "D"(FAULT_PAGE - 3), "c"(4), "a"(0), "d"(0) : "memory");
    EXC("rep stosl backwards into PROT_NONE", "std\n\t" SET_FAULT_BASE "rep stosl\n\tcld"
        : : "D"(FAULT_PAGE + 8192 + 8), "c"(5), "a"(0), "d"(0), "S"(0) : "memory");
    asm volatile("cld");
    EXC("lock cmpxchg to PROT_READ", "mov $7, %%eax\n\t" SET_FAULT_BASE "lock cmpxchg %%ecx, (%%esi)"
        : : "S"(FAULT_PAGE + 4096), "c"(1), "d"(2), "D"(3) : "eax", "memory");
    fault_print_regs = 0;
    /* the handler edits the context and returns: execution resumes */
    {
        reg_t a = 0;
        fault_resume_len = 2;
        fault_armed = 1;
        asm volatile("ud2\n\tadd $1, %0" : "+a"(a));
        fault_armed = 0;
        printf("after resume: eax=%lx\n", a);
        fault_resume_len = 2;   /* movl (%esi), %eax is 8b 06 */
        fault_armed = 1;
        asm volatile("mov $1, %0\n\tmovl (%1), %k0\n\tadd $2, %0" : "+a"(a) : "S"(FAULT_PAGE));
        fault_armed = 0;
        printf("after resume: eax=%lx\n", a);
    }
    munmap((void *)(FAULT_PAGE - 4096), 4 * 4096);
}
