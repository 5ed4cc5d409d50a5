/* tests/tcg/i386/test-seg.c: segmentation in user mode (i386): LDT data
 * segments with a non-zero base through modify_ldt, TLS entries through
 * set_thread_area, loads into fs/es, lfs, overrides, limit faults. */
#include <asm/ldt.h>
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "test.h"

static uint32_t seg_data[64];

static void print_sregs(void)
{
    unsigned short cs, ds, es, ss, fs, gs;
    asm("mov %%cs, %0\n\tmov %%ds, %1\n\tmov %%es, %2\n\tmov %%ss, %3\n\tmov %%fs, %4\n\t"
        "mov %%gs, %5" : "=r"(cs), "=r"(ds), "=r"(es), "=r"(ss), "=r"(fs), "=r"(gs));
    /* gs: the TLS entry libc set up with set_thread_area (entry 12) */
    printf("cs=%x ds=%x es=%x ss=%x fs=%x gs=%x\n", cs, ds, es, ss, fs, gs);
    uint32_t r = 0xffffffff;
    asm("movw %%ds, %w0" : "+r"(r));
    printf("movw ds -> %08x\n", r);
    asm("mov %%ds, %0" : "=r"(r));
    printf("movl ds -> %08x\n", r);
}

static int set_ldt(int entry, void *base, unsigned limit, int pages, int ro)
{
    struct user_desc d = {
        .entry_number = entry, .base_addr = (unsigned)(uintptr_t)base, .limit = limit,
        .seg_32bit = 1, .contents = 0, .read_exec_only = ro, .limit_in_pages = pages,
        .seg_not_present = 0, .useable = 1,
    };
    return syscall(SYS_modify_ldt, 1, &d, sizeof(d));
}

void test_seg(void)
{
    for (int i = 0; i < 64; i++)
        seg_data[i] = 0x1000 + i;
    print_sregs();
    printf("modify_ldt -> %d\n", set_ldt(0, seg_data + 4, 63, 0, 0));
    printf("modify_ldt 2 -> %d\n", set_ldt(2, seg_data + 8, 0xfffff, 1, 0));
    /* LDT entry 0, RPL 3: selector 7; entry 2: 0x17 */
    uint32_t v, fs;
    asm volatile("mov %2, %%fs\n\tmov %%fs:0, %0\n\tmov %%fs, %1" : "=r"(v), "=r"(fs) : "r"(7));
    printf("fs=%x fs:0 -> %x\n", fs, v);
    asm volatile("mov %1, %%fs\n\tmov %%fs:12, %0" : "=r"(v) : "r"(7));
    printf("fs:12 -> %x\n", v);
    asm volatile("mov %0, %%fs\n\tmovl $0xabcd, %%fs:8" : : "r"(7) : "memory");
    printf("write fs:8 -> seg_data[6]=%x\n", seg_data[6]);
    asm volatile("mov %1, %%fs\n\tmov %%fs:(%2,%3,4), %0" : "=r"(v) : "r"(0x17), "r"(4), "r"(2));
    printf("fs(0x17):(4,2,4) -> %x\n", v);
    /* es with a base: string stores go through es */
    v = 0;
    asm volatile("push %%es\n\tmov %1, %%es\n\tcld\n\tstosl\n\tpop %%es"
                 : "+D"(v) : "r"(7), "a"(0x5555) : "memory");
    (void)v;
    printf("stosl es:0 -> seg_data[4]=%x\n", seg_data[4]);
    asm volatile("push %%es\n\tmov %1, %%es\n\tmov %%es:4, %0\n\tpop %%es" : "=r"(v) : "r"(7));
    printf("es:4 -> %x\n", v);
    /* lfs loads a far pointer: offset then selector */
    struct __attribute__((packed)) { uint32_t off; uint16_t sel; } fp = { 16, 7 };
    uint32_t off;
    asm volatile("lfs %2, %0\n\tmov %%fs:(%0), %1" : "=&r"(off), "=r"(v) : "m"(fp));
    printf("lfs -> off=%x fs:(off) -> %x\n", off, v);
    /* push/pop fs */
    asm volatile("mov %1, %%fs\n\tpush %%fs\n\tpop %0" : "=r"(v) : "r"(0x17));
    printf("push fs -> %x\n", v & 0xffff);
    /* segment overrides on the flat segments */
    asm volatile("mov %%ds:(%1), %0" : "=r"(v) : "r"(seg_data + 1));
    printf("ds: -> %x\n", v);
    asm volatile("mov %%ss:(%1), %0" : "=r"(v) : "r"(seg_data + 2));
    printf("ss: -> %x\n", v);
    asm volatile("mov %%cs:(%1), %0" : "=r"(v) : "r"(seg_data + 3));
    printf("cs: -> %x\n", v);
    /* beyond the 64-byte limit of entry 0 */
    printf("fs:64 (beyond the limit):\n");
    if (!CATCH()) {
        asm volatile("mov %1, %%fs\n\t" SET_FAULT_BASE "mov %%fs:64, %0" : "=r"(v) : "r"(7));
        END_CATCH();
        printf("fs:64 -> no fault\n");
    }
    /* a null selector in fs faults on use */
    printf("null fs:\n");
    if (!CATCH()) {
        asm volatile("mov %1, %%fs\n\t" SET_FAULT_BASE "mov %%fs:0, %0" : "=r"(v) : "r"(0));
        END_CATCH();
        printf("null fs -> no fault\n");
    }
    /* loading an invalid selector faults */
    printf("load fs 0x3f:\n");
    if (!CATCH()) {
        asm volatile(SET_FAULT_BASE "mov %0, %%fs" : : "r"(0x3f));
        END_CATCH();
        printf("load 0x3f -> no fault\n");
    }
    /* a TLS entry from set_thread_area (the kernel picks the number) */
    struct user_desc d = {
        .entry_number = -1, .base_addr = (unsigned)(uintptr_t)(seg_data + 32), .limit = 0xfffff,
        .seg_32bit = 1, .limit_in_pages = 1, .useable = 1,
    };
    int rc = syscall(SYS_set_thread_area, &d);
    printf("set_thread_area -> %d entry=%d\n", rc, d.entry_number);
    asm volatile("mov %1, %%fs\n\tmov %%fs:8, %0" : "=r"(v) : "r"(d.entry_number * 8 + 3));
    printf("fs:8 through TLS entry -> %x\n", v);
    asm volatile("mov %0, %%fs" : : "r"(0));
    print_sregs();

    /* far transfers to the same code segment: lcall/lret, ljmp, iret */
    uint32_t r1 = 0, r2 = 0, r3 = 0, esp0, esp1;
    asm volatile("mov %%esp, %[s0]\n\t"
                 "lcall $0x23, $1f\n\t"
                 "jmp 2f\n"
                 "1:\tmov 4(%%esp), %[r1]\n\t"       /* the pushed cs */
                 "lret\n"
                 "2:\tljmp $0x23, $3f\n\t"
                 "mov $99, %[r2]\n"
                 "3:\tmov $7, %[r2]\n\t"
                 "pushf\n\tpush %%cs\n\tpush $4f\n\t"
                 "iret\n\t"
                 "mov $99, %[r3]\n"
                 "4:\tmov $8, %[r3]\n\t"
                 "mov %%esp, %[s1]"
                 : [r1] "+r"(r1), [r2] "+r"(r2), [r3] "+r"(r3), [s0] "=&r"(esp0), [s1] "=&r"(esp1)
                 : : "memory", "cc");
    printf("lcall pushed cs=%x ljmp -> %d iret -> %d esp delta=%d\n", r1 & 0xffff, r2, r3,
           (int)(esp1 - esp0));
    /* lret $n pops extra bytes */
    asm volatile("mov %%esp, %[s0]\n\tpush $5\n\tpush $6\n\tlcall $0x23, $1f\n\tjmp 2f\n"
                 "1:\tlret $8\n2:\tmov %%esp, %[s1]"
                 : [s0] "=&r"(esp0), [s1] "=&r"(esp1) : : "memory");
    printf("lret $8: esp delta=%d\n", (int)(esp1 - esp0));
    /* a far call through a memory pointer */
    static struct __attribute__((packed)) { uint32_t off; uint16_t sel; } fptr;
    asm volatile("movl $1f, %[p]\n\tmovw $0x23, %[p]+4\n\tmov $0, %[r]\n\t"
                 "lcall *%[p]\n\tjmp 2f\n"
                 "1:\tmov $55, %[r]\n\tlret\n2:"
                 : [r] "=&r"(r1), [p] "+m"(fptr) : : "memory");
    printf("lcall *mem -> %d\n", r1);
    /* vm86old(NULL) is refused: ENOSYS under a 64-bit kernel (no vm86
     * mode), EFAULT where vm86 exists (qemu-i386; test-vm86.c runs it) */
    errno = 0;
    long vr = syscall(SYS_vm86old, NULL);
    printf("vm86old(NULL) refused: %s\n",
           vr == -1 && (errno == ENOSYS || errno == EFAULT) ? "yes" : "no");
}
