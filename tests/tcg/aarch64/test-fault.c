/*
 * tests/tcg/aarch64/test-fault.c: guest faults become exceptions at the
 * right instruction, never host crashes: jumps to unmapped or
 * misaligned addresses (fetch), misaligned exclusives and atomics
 * (alignment), atomics and DC ZVA on unmapped memory (data, raised from
 * helpers).  mini-run counts each kind and resumes at x30.
 */
#include "a64-test.h"

#define PREF(n)  ((uint64_t)(n))
#define UNAL(n)  ((uint64_t)(n) << 16)
#define DATA(n)  ((uint64_t)(n) << 32)

static uint64_t buf[4] __attribute__((aligned(16)));

static void __attribute__((noinline)) call_addr(uint64_t addr)
{
    __asm__ volatile("mov x9, x30\n blr %0\n mov x30, x9" : : "r"(addr)
                     : "x9", "x30", "memory");
}

static void __attribute__((noinline)) ldaxr_at(uint64_t addr)
{
    uint64_t v;
    __asm__ volatile("mov x9, x30\n adr x30, 1f\n ldaxr %0, [%1]\n1: mov x30, x9"
                     : "=&r"(v) : "r"(addr) : "x9", "x30", "memory");
}

static void __attribute__((noinline)) ldadd_at(uint64_t addr)
{
    uint64_t v;
    __asm__ volatile(".arch armv8.1-a\n mov x9, x30\n adr x30, 1f\n"
                     " ldadd %1, %0, [%2]\n1: mov x30, x9"
                     : "=&r"(v) : "r"(1ull), "r"(addr) : "x9", "x30", "memory");
}

static void __attribute__((noinline)) zva_at(uint64_t addr)
{
    __asm__ volatile("mov x9, x30\n adr x30, 1f\n dc zva, %0\n1: mov x30, x9"
                     : : "r"(addr) : "x9", "x30", "memory");
}

static void test_main(void)
{
    sys3(0x1001, 0, 0, 0);
    call_addr(0x10000);                      /* unmapped page */
    call_addr(0x7fff0000ull + 0x100000);     /* beyond the stack */
    CHECK(sys3(0x1002, 0, 0, 0), PREF(2));
    call_addr((uint64_t)&test_main + 2);     /* misaligned pc */
    CHECK(sys3(0x1002, 0, 0, 0), PREF(2) + UNAL(1));
    ldaxr_at((uint64_t)buf + 4);             /* misaligned exclusive */
    ldadd_at((uint64_t)buf + 2);             /* misaligned atomic */
    CHECK(sys3(0x1002, 0, 0, 0), PREF(2) + UNAL(3));
    ldadd_at(0x20000);                       /* unmapped, from a helper */
    zva_at(0x30000);
    CHECK(sys3(0x1002, 0, 0, 0), PREF(2) + UNAL(3) + DATA(2));
    /* and normal execution continues with the state intact */
    ldadd_at((uint64_t)buf);
    CHECK(buf[0], 1);
    CHECK(sys3(0x1002, 0, 0, 0), PREF(2) + UNAL(3) + DATA(2));
}
