/*
 * tests/tcg/arm/test-sys.c: control flow between the instruction sets
 * and the user-visible system state, by hand:
 *   interworking calls in both directions (blx/bx register, bl/blx to a
 *   function of the other set), ldr pc and pop {pc} with a Thumb
 *   address, A32 "mov pc" (which interworks since ARMv7);
 *   code written at run time into an RWX page, called, rewritten,
 *   flushed (cacheflush) and called again, in A32 and T32;
 *   the thread ID registers: TPIDRURO set by the set_tls call and read
 *   by mrc, TPIDRURW written and read by the program;
 *   mrs of the CPSR in user mode.
 */
#include "arm-test.h"
#include <sys/mman.h>
#include <unistd.h>

#define ARMFN __attribute__((target("arm"), noinline, noclone))
#define THUMBFN __attribute__((target("thumb"), noinline, noclone))

THUMBFN int t_add(int a, int b) { return a + b + 1000; }
ARMFN int a_add(int a, int b) { return a + b + 2000; }
THUMBFN int t_seven(void) { return 7; }
ARMFN int a_eight(void) { return 8; }

static int (*volatile p_t_add)(int, int) = t_add;
static int (*volatile p_a_add)(int, int) = a_add;

ARMFN int call_from_arm(void)
{
    /* blx register to Thumb, then to A32; plus a direct bl/blx. */
    return p_t_add(1, 2) + p_a_add(3, 4) * 10 + t_add(0, 0) * 100;
}

THUMBFN int call_from_thumb(void)
{
    return p_t_add(1, 2) + p_a_add(3, 4) * 10 + a_add(0, 0) * 100;
}

/* The return label: Thumb code needs bit 0 set in lr. */
#ifdef __thumb__
#define SET_LR "adr lr, 1f\n\torr lr, lr, #1\n\t"
#else
#define SET_LR "adr lr, 1f\n\t"
#endif
#define CALL_CLOBBERS "r0", "r1", "r2", "r3", "ip", "lr", "memory", "cc"

static void test_interworking(void)
{
    uint32_t r, target;

    group("interworking");
    /* 1003 + 2007 * 10 + 1000 * 100 = 121073. */
    CHECK(call_from_arm(), 121073, "A32 caller: blx to T32 and A32");
    /* 1003 + 2007 * 10 + 2000 * 100 = 221073. */
    CHECK(call_from_thumb(), 221073, "T32 caller: blx to T32 and A32");

    /* ldr pc, [p] with a Thumb address (bit 0 set). */
    target = (uint32_t)(uintptr_t)t_seven;
    __asm__ volatile(SET_LR "ldr pc, [%[p]]\n\t.align 2\n1:\n\tmov %[r], r0"
                     : [r] "=r"(r) : [p] "r"(&target) : CALL_CLOBBERS);
    CHECK(r, 7, "ldr pc to a Thumb function");
    target = (uint32_t)(uintptr_t)a_eight;
    __asm__ volatile(SET_LR "ldr pc, [%[p]]\n\t.align 2\n1:\n\tmov %[r], r0"
                     : [r] "=r"(r) : [p] "r"(&target) : CALL_CLOBBERS);
    CHECK(r, 8, "ldr pc to an A32 function");
    /* pop {pc}. */
    __asm__ volatile(SET_LR "push {%[f]}\n\tpop {pc}\n\t.align 2\n1:\n\t"
                     "mov %[r], r0"
                     : [r] "=r"(r) : [f] "r"(t_seven) : CALL_CLOBBERS);
    CHECK(r, 7, "pop {pc} to a Thumb function");
    __asm__ volatile(SET_LR "push {%[f]}\n\tpop {pc}\n\t.align 2\n1:\n\t"
                     "mov %[r], r0"
                     : [r] "=r"(r) : [f] "r"(a_eight) : CALL_CLOBBERS);
    CHECK(r, 8, "pop {pc} to an A32 function");
    /* bx to the other set. */
    __asm__ volatile(SET_LR "bx %[f]\n\t.align 2\n1:\n\tmov %[r], r0"
                     : [r] "=r"(r)
                     : [f] "r"(MODE[0] == 'a' ? (void *)t_seven : (void *)a_eight)
                     : CALL_CLOBBERS);
    CHECK(r, MODE[0] == 'a' ? 7 : 8, "bx to the other instruction set");
#ifndef __thumb__
    /* A32 "mov pc, r" interworks (ALUWritePC in ARMv7). */
    __asm__ volatile(SET_LR "mov pc, %[f]\n\t.align 2\n1:\n\tmov %[r], r0"
                     : [r] "=r"(r) : [f] "r"(t_seven) : CALL_CLOBBERS);
    CHECK(r, 7, "A32 mov pc to a Thumb address");
#endif
    group_end();
}

typedef int Fn(void);

static void test_smc(void)
{
    uint32_t *code;
    uint16_t *tcode;
    Fn *f;

    group("code written at run time, cacheflush");
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(code != MAP_FAILED, 1, "mmap RWX");
    if (code == MAP_FAILED) {
        group_end();
        return;
    }
    /* A32: mov r0, #1 (0xe3a00001); bx lr (0xe12fff1e). */
    code[0] = 0xe3a00001;
    code[1] = 0xe12fff1e;
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    f = (Fn *)(uintptr_t)code;
    CHECK(f(), 1, "A32 code, first version");
    code[0] = 0xe3a00002;           /* mov r0, #2 */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    CHECK(f(), 2, "A32 code, rewritten");
    /* T32 at +64: movs r0, #3 (0x2003); bx lr (0x4770). */
    tcode = (uint16_t *)(code + 16);
    tcode[0] = 0x2003;
    tcode[1] = 0x4770;
    __builtin___clear_cache((char *)tcode, (char *)(tcode + 2));
    f = (Fn *)((uintptr_t)tcode | 1);
    CHECK(f(), 3, "T32 code, first version");
    tcode[0] = 0x2004;              /* movs r0, #4 */
    __builtin___clear_cache((char *)tcode, (char *)(tcode + 2));
    CHECK(f(), 4, "T32 code, rewritten");
    /* The same page, A32 again: a loop rewritten between calls. */
    code[0] = 0xe3a00005;           /* mov r0, #5 */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    f = (Fn *)(uintptr_t)code;
    CHECK(f(), 5, "A32 code, third version");
    munmap(code, 4096);
    group_end();
}

static void test_tls(void)
{
    uint32_t orig, got, rw;
    long r1, r2;

    group("thread ID registers");
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(orig));
    /* set_tls (0xf0005) to a new value, read it, and put it back
     * before anything uses the thread pointer (syscall() does not on
     * success). */
    r1 = syscall(0xf0005, 0x12345678);
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(got));
    r2 = syscall(0xf0005, orig);
    CHECK(r1, 0, "set_tls returns 0");
    CHECK(r2, 0, "set_tls (restore) returns 0");
    CHECK(got, 0x12345678, "set_tls then mrc TPIDRURO");
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(got));
    CHECK(got, orig, "TPIDRURO restored");
    CHECK(orig == (uint32_t)(uintptr_t)__builtin_thread_pointer(), 1,
          "TPIDRURO is the thread pointer");
    /* TPIDRURW: user read/write. */
    __asm__ volatile("mcr p15, 0, %1, c13, c0, 2\n\tmrc p15, 0, %0, c13, c0, 2"
                     : "=r"(rw) : "r"(0xcafef00d));
    CHECK(rw, 0xcafef00d, "TPIDRURW write then read");
    group_end();
}

static void test_cpsr(void)
{
    uint32_t c;

    group("mrs CPSR in user mode");
    __asm__ volatile("msr APSR_nzcvqg, %1\n\tmrs %0, APSR" : "=r"(c)
                     : "r"(0x980f0000) : "cc");
    /* NZCVQ and GE as written, mode bits 0x10 (User). */
    CHECK(c & 0xf80f0000, 0x980f0000, "NZCVQ and GE read back");
    CHECK(c & 0x1f, 0x10, "mode: User");
    /* The execution state bits (IT, J, T) read as zero. */
    CHECK(c & 0x0700fc20, 0, "IT/J/T read as zero");
    __asm__ volatile("msr APSR_nzcvqg, %0" :: "r"(0) : "cc");
    group_end();
}

int main(void)
{
    test_interworking();
    test_smc();
    test_tls();
    test_cpsr();
    return test_exit();
}
