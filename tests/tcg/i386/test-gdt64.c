/*
 * tests/tcg/i386/test-gdt64.c: the GDT an x86_64 process sees.  Linux
 * gives 64-bit processes the same user descriptors as 32-bit ones
 * (0x23 32-bit code, 0x2b data, 0x33 64-bit code, 0x7b the per-CPU
 * segment whose limit holds the CPU number), all marked accessed; lar,
 * lsl and a far return to 0x33 show them.
 */
#include "test.h"

void test_gdt64(void)
{
    static const unsigned sels[] = { 0x23, 0x2b, 0x33, 0x7b };

    for (int i = 0; i < N_ELEM(sels); i++) {
        unsigned long ar = 0x5a5a, lim = 0x5a5a;
        unsigned char zar, zlim;

        __asm__ volatile("lar %2, %0\n\tsetz %1"
                         : "+r"(ar), "=q"(zar) : "r"((unsigned long)sels[i])
                         : "cc");
        __asm__ volatile("lsl %2, %0\n\tsetz %1"
                         : "+r"(lim), "=q"(zlim) : "r"((unsigned long)sels[i])
                         : "cc");
        /* the per-CPU limit is the CPU number: it varies, not printed */
        if (sels[i] == 0x7b) {
            lim = 0;
        }
        printf("sel %02x: lar %06lx z%u lsl %lx z%u\n", sels[i],
               ar & 0xffff00, zar, lim, zlim);
    }
    {
        unsigned long cs;

        __asm__ volatile("pushq $0x33\n\t"
                         "leaq 1f(%%rip), %%rax\n\t"
                         "pushq %%rax\n\t"
                         "lretq\n"
                         "1:\tmov %%cs, %0"
                         : "=r"(cs) : : "rax", "memory");
        printf("lretq to 0x33: cs=%lx\n", cs);
    }
}
