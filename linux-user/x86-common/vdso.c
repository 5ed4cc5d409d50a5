/*
 * x86-common/vdso.c: the vDSO of qemu-x86_64 and qemu-i386.
 *
 * The loader (elfload.c) calls target_vdso_map() before it builds the
 * stack: the image is made by vdso-elf.c from the code below, mapped
 * read+exec in the guest, and its address goes in AT_SYSINFO_EHDR
 * (i386: __kernel_vsyscall in AT_SYSINFO too).  Nothing runs on the
 * host side: every function is a system call made the ordinary way, so
 * the calls are exactly the syscalls' (the kernel's vDSO reads the
 * clock in user space; ours costs a syscall, as -strace shows).
 *
 * x86_64 (soname linux-vdso.so.1, version LINUX_2.6): __vdso_
 * clock_gettime, gettimeofday, time, getcpu, clock_getres, each
 * "mov $NR, %eax; syscall; ret", and their unprefixed weak aliases.
 *
 * i386 (linux-gate.so.1; __kernel_* LINUX_2.5, __vdso_* LINUX_2.6):
 *   __kernel_vsyscall      push %ecx; push %edx; push %ebp; mov %esp,%ebp
 *                          sysenter; int $0x80
 *                landing:  pop %ebp; pop %edx; pop %ecx; ret
 *     The cpu loop treats sysenter as the kernel does: arguments in ebx
 *     ecx edx esi edi and the sixth at [ebp], return at the landing
 *     point with esp = ebp (a restarted call re-executes the int $0x80
 *     just before it).
 *   __kernel_sigreturn     pop %eax; mov $119, %eax; int $0x80
 *   __kernel_rt_sigreturn  mov $173, %eax; int $0x80
 *     (the return addresses of signal frames without SA_RESTORER)
 *   __vdso_clock_gettime, gettimeofday, time, clock_getres,
 *   clock_gettime64, getcpu: cdecl wrappers around int $0x80.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>

#include "qemu.h"
#include "qemu/log.h"
#include "syscall_nr.h"
#include "x86-common/vdso-elf.h"
#include "x86-common/x86-user.h"

abi_ulong x86_vdso_base;
abi_ulong x86_vdso_landing;
abi_ulong x86_vdso_sigreturn;
abi_ulong x86_vdso_rt_sigreturn;

#define MAX_CODE 512
#define MAX_SYMS 16
#define IMAGE_SIZE (2 * 4096)

typedef struct CodeBuf {
    uint8_t code[MAX_CODE];
    uint32_t len;
    VdsoSym syms[MAX_SYMS];
    int nsyms;
} CodeBuf;

static void emit(CodeBuf *c, const uint8_t *bytes, size_t n)
{
    if (c->len + n <= MAX_CODE) {
        memcpy(c->code + c->len, bytes, n);
    }
    c->len += n;
}

static void emit_imm32(CodeBuf *c, uint8_t op, uint32_t imm)
{
    uint8_t b[5] = { op, imm, imm >> 8, imm >> 16, imm >> 24 };

    emit(c, b, 5);
}

/* Start a function at a 16-byte boundary (int3 padding). */
static uint32_t func_start(CodeBuf *c)
{
    static const uint8_t int3 = 0xcc;

    while (c->len & 15) {
        emit(c, &int3, 1);
    }
    return c->len;
}

/* version: 0 = LINUX_2.6, 1 = LINUX_2.5 (VDSO_VERSIONS). */
static void add_sym(CodeBuf *c, const char *name, uint32_t start, bool weak,
                    int version)
{
    if (c->nsyms < MAX_SYMS) {
        c->syms[c->nsyms++] = (VdsoSym){ name, start, c->len - start, weak,
                                         version };
    }
}

#if TARGET_X86_LM
/* mov $nr, %eax; syscall; ret */
static void add_call(CodeBuf *c, const char *name, const char *alias, int nr)
{
    static const uint8_t tail[3] = { 0x0f, 0x05, 0xc3 };
    uint32_t start = func_start(c);

    emit_imm32(c, 0xb8, nr);
    emit(c, tail, sizeof(tail));
    add_sym(c, name, start, false, 0);
    add_sym(c, alias, start, true, 0);
}

static void make_code(CodeBuf *c, uint32_t *landing)
{
    *landing = 0;
    add_call(c, "__vdso_clock_gettime", "clock_gettime",
             TARGET_NR_clock_gettime);
    add_call(c, "__vdso_gettimeofday", "gettimeofday",
             TARGET_NR_gettimeofday);
    add_call(c, "__vdso_time", "time", TARGET_NR_time);
    add_call(c, "__vdso_getcpu", "getcpu", TARGET_NR_getcpu);
    add_call(c, "__vdso_clock_getres", "clock_getres",
             TARGET_NR_clock_getres);
}

#define VDSO_SONAME "linux-vdso.so.1"
#define VDSO_VERSIONS { "LINUX_2.6" }
#define VDSO_NVERSIONS 1
#else
/*
 * A cdecl function of nargs (1..3) arguments: push %ebx; load ebx, ecx,
 * edx from the stack; mov $nr, %eax; int $0x80; pop %ebx; ret.
 */
static void add_call(CodeBuf *c, const char *name, int nr, int nargs)
{
    static const uint8_t load[3][4] = {
        { 0x8b, 0x5c, 0x24, 0x08 },         /* mov 8(%esp), %ebx */
        { 0x8b, 0x4c, 0x24, 0x0c },         /* mov 12(%esp), %ecx */
        { 0x8b, 0x54, 0x24, 0x10 },         /* mov 16(%esp), %edx */
    };
    static const uint8_t push_ebx = 0x53;
    static const uint8_t tail[4] = { 0xcd, 0x80, 0x5b, 0xc3 };
    uint32_t start = func_start(c);
    int i;

    emit(c, &push_ebx, 1);
    for (i = 0; i < nargs; i++) {
        emit(c, load[i], 4);
    }
    emit_imm32(c, 0xb8, nr);
    emit(c, tail, sizeof(tail));
    add_sym(c, name, start, false, 0);
}

static void make_code(CodeBuf *c, uint32_t *landing)
{
    static const uint8_t vsyscall[9] = {
        0x51, 0x52, 0x55,                   /* push ecx, edx, ebp */
        0x89, 0xe5,                         /* mov %esp, %ebp */
        0x0f, 0x34,                         /* sysenter */
        0xcd, 0x80,                         /* int $0x80 (restarts) */
    };
    static const uint8_t vsyscall_ret[4] = {
        0x5d, 0x5a, 0x59, 0xc3              /* pop ebp, edx, ecx; ret */
    };
    static const uint8_t pop_eax = 0x58;
    static const uint8_t int80[2] = { 0xcd, 0x80 };
    uint32_t start;

    start = func_start(c);
    emit(c, vsyscall, sizeof(vsyscall));
    *landing = c->len;
    emit(c, vsyscall_ret, sizeof(vsyscall_ret));
    add_sym(c, "__kernel_vsyscall", start, false, 1);

    start = func_start(c);
    emit(c, &pop_eax, 1);
    emit_imm32(c, 0xb8, TARGET_NR_sigreturn);
    emit(c, int80, 2);
    add_sym(c, "__kernel_sigreturn", start, false, 1);

    start = func_start(c);
    emit_imm32(c, 0xb8, TARGET_NR_rt_sigreturn);
    emit(c, int80, 2);
    add_sym(c, "__kernel_rt_sigreturn", start, false, 1);

    add_call(c, "__vdso_clock_gettime", TARGET_NR_clock_gettime, 2);
    add_call(c, "__vdso_gettimeofday", TARGET_NR_gettimeofday, 2);
    add_call(c, "__vdso_time", TARGET_NR_time, 1);
    add_call(c, "__vdso_clock_getres", TARGET_NR_clock_getres, 2);
    add_call(c, "__vdso_clock_gettime64", TARGET_NR_clock_gettime64, 2);
    add_call(c, "__vdso_getcpu", TARGET_NR_getcpu, 3);
}

#define VDSO_SONAME "linux-gate.so.1"
#define VDSO_VERSIONS { "LINUX_2.6", "LINUX_2.5" }
#define VDSO_NVERSIONS 2
#endif

/* The host kernel's version as LINUX_VERSION_CODE (for the note). */
static uint32_t host_linux_version(void)
{
    struct utsname u;
    unsigned a = 0, b = 0, c = 0;

    if (uname(&u) != 0 || sscanf(u.release, "%u.%u.%u", &a, &b, &c) < 2) {
        return 0;
    }
    return (a << 16) | ((b > 255 ? 255 : b) << 8) | (c > 255 ? 255 : c);
}

/* The address of a symbol of the image, for the frames and the loop. */
static abi_ulong sym_addr(const CodeBuf *c, uint32_t code_off,
                          const char *name)
{
    int i;

    for (i = 0; i < c->nsyms; i++) {
        if (strcmp(c->syms[i].name, name) == 0) {
            return x86_vdso_base + code_off + c->syms[i].offset;
        }
    }
    return 0;
}

uint64_t target_vdso_map(uint64_t *sysinfo)
{
    static uint8_t image[IMAGE_SIZE] __attribute__((aligned(16)));
    CodeBuf c = { .len = 0 };
    VdsoDesc d;
    uint32_t landing, code_off;
    size_t size, map_size;
    abi_ulong addr;
    abi_long r;

    *sysinfo = 0;
    make_code(&c, &landing);
    if (c.len > MAX_CODE) {
        return 0;
    }
    d = (VdsoDesc){
        .soname = VDSO_SONAME,
        .versions = VDSO_VERSIONS, .nversions = VDSO_NVERSIONS,
        .code = c.code, .code_size = c.len,
        .syms = c.syms, .nsyms = c.nsyms,
        .linux_version = host_linux_version(),
    };
    size = vdso_build(&d, image, sizeof(image), &code_off);
    if (!size) {
        return 0;
    }
    map_size = TARGET_PAGE_ALIGN(size);
    mmap_lock();
    addr = mmap_find_vma(0, map_size);
    mmap_unlock();
    if (addr == (abi_ulong)-1) {
        return 0;
    }
    r = target_mmap(addr, map_size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (is_error(r)) {
        return 0;
    }
    memcpy(g2h(addr), image, size);
    target_mprotect(addr, map_size, PROT_READ | PROT_EXEC);
    x86_vdso_base = addr;
    if (!TARGET_X86_LM) {
        x86_vdso_landing = addr + code_off + landing;
        x86_vdso_sigreturn = sym_addr(&c, code_off, "__kernel_sigreturn");
        x86_vdso_rt_sigreturn = sym_addr(&c, code_off,
                                         "__kernel_rt_sigreturn");
        *sysinfo = sym_addr(&c, code_off, "__kernel_vsyscall");
    }
    qemu_log_mask(CPU_LOG_PAGE, "vdso        0x" TARGET_ABI_FMT_lx "\n",
                  addr);
    return addr;
}
