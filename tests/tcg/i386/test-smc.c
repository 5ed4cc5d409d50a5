/* tests/tcg/i386/test-smc.c: self-modifying code.  Code is written into
 * an RWX buffer, run, patched, and run again; one piece patches the
 * immediate of its own next instruction. */
#include <sys/mman.h>
#include "test.h"

typedef int (*code_fn)(void);

void test_smc(void)
{
    uint8_t *buf = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        printf("mmap failed\n");
        return;
    }
    code_fn fn = (code_fn)buf;
    /* mov $imm32, %eax; ret */
    static const uint8_t mov_ret[] = { 0xb8, 0x11, 0x22, 0x33, 0x44, 0xc3 };
    memcpy(buf, mov_ret, sizeof(mov_ret));
    printf("first call: %x\n", fn());
    for (int i = 0; i < 5; i++) {
        buf[1] = (uint8_t)(0x50 + i);
        printf("after patch %d: %x\n", i, fn());
    }
    /* replace the instruction: add %eax,%eax is never reached as code
     * before; now mov $5,%eax; add %eax,%eax; ret */
    static const uint8_t mov_add_ret[] = { 0xb8, 5, 0, 0, 0, 0x01, 0xc0, 0xc3 };
    memcpy(buf, mov_add_ret, sizeof(mov_add_ret));
    printf("new code: %x\n", fn());
    buf[6] = 0xc9;          /* add %ecx,%eax: ecx is whatever; use sub %eax,%eax */
    buf[5] = 0x29;
    buf[6] = 0xc0;
    printf("patched opcode: %x\n", fn());

    /* the code stores into its own next instruction's immediate:
     *   movb $0x77, next+1     (c6 05 addr/disp32 imm8)
     *   next: mov $0x11223344, %eax
     *   ret */
    for (int k = 0; k < 3; k++) {
        uint8_t *c = buf + 64;
        c[0] = 0xc6;
        c[1] = 0x05;
#ifdef __x86_64__
        uint32_t disp = 1;      /* rip after the movb is c+7, imm at c+8 */
#else
        uint32_t disp = (uint32_t)(uintptr_t)(c + 8);
#endif
        memcpy(c + 2, &disp, 4);
        c[6] = (uint8_t)(0x70 + k);
        memcpy(c + 7, mov_ret, sizeof(mov_ret));
        printf("self-patching code %d: %x\n", k, ((code_fn)c)());
        printf("  and again: %x\n", ((code_fn)c)());
    }
    /* a loop that rewrites a later instruction on each iteration */
    {
        uint8_t *c = buf + 128;
        int total = 0;
        memcpy(c, mov_ret, sizeof(mov_ret));
        for (int i = 0; i < 20; i++) {
            c[1] = (uint8_t)i;
            total += ((code_fn)c)() & 0xff;
        }
        printf("loop total: %d\n", total);
    }
    munmap(buf, 4096);
}
