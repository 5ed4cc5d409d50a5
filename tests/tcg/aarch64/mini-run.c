/*
 * tests/tcg/aarch64/mini-run.c: a minimal runner for freestanding
 * AArch64 test programs, independent of linux-user: it maps the ELF's
 * PT_LOAD segments into a reserved guest area, gives the program a
 * stack with the auxiliary vector static glibc needs, and runs the A64
 * translator, serving write, exit, exit_group and just enough memory
 * calls (brk fails, anonymous mmap) for static glibc programs.
 * Private calls serve the fault tests: 0x1001 makes EXCP_UDEF skip the
 * instruction and count it (0x1000 returns the count); after it, fetch,
 * alignment and data faults are counted too (0x1002 returns
 * prefetch | unaligned << 16 | data << 32) and resume at x30, as if the
 * faulting code had been called and returned.
 * Exit status: the guest's, or 128 + the exception number for an
 * unexpected exception (the message names it and the pc).
 *
 * usage: mini-run [-cpu model] [-d log-items] prog
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec/tb.h"
#include "qemu/log.h"
#include "user/guest-mem.h"
#include "cpu.h"

#define GUEST_SPACE   (1ull << 31)            /* 2 GiB of guest addresses */
#define GUEST_PAGE    4096ull
#define STACK_TOP     0x7fff0000ull
#define STACK_SIZE    (1ull << 20)

static uint8_t *page_flags;                   /* one byte per guest page */

int page_get_flags(uint64_t addr)
{
    if (addr >= GUEST_SPACE) {
        return 0;
    }
    return page_flags[addr / GUEST_PAGE];
}

bool page_check_range(uint64_t addr, uint64_t len, int flags)
{
    uint64_t a;

    if (len == 0) {
        return true;
    }
    if (addr >= GUEST_SPACE || len > GUEST_SPACE - addr) {
        return false;
    }
    for (a = addr & ~(GUEST_PAGE - 1); a < addr + len; a += GUEST_PAGE) {
        if ((page_flags[a / GUEST_PAGE] & flags) != flags) {
            return false;
        }
    }
    return true;
}

static void map_guest(uint64_t start, uint64_t len, int flags)
{
    uint64_t a, end = (start + len + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1);

    start &= ~(GUEST_PAGE - 1);
    for (a = start; a < end; a += GUEST_PAGE) {
        page_flags[a / GUEST_PAGE] |= flags | PAGE_VALID;
    }
}

static uint64_t elf_phdr, elf_phnum;

static uint64_t load_elf(const char *path)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    uint8_t *img;
    Elf64_Ehdr *eh;
    int i;

    if (fd < 0 || fstat(fd, &st) < 0) {
        perror(path);
        exit(1);
    }
    img = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (img == MAP_FAILED || st.st_size < (off_t)sizeof(*eh)) {
        fprintf(stderr, "%s: cannot map\n", path);
        exit(1);
    }
    eh = (Elf64_Ehdr *)img;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_machine != EM_AARCH64) {
        fprintf(stderr, "%s: not an AArch64 ELF\n", path);
        exit(1);
    }
    for (i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr *ph = (Elf64_Phdr *)(img + eh->e_phoff +
                                        i * eh->e_phentsize);
        int fl = PAGE_READ;

        if (ph->p_type != PT_LOAD) {
            continue;
        }
        if (ph->p_vaddr + ph->p_memsz > GUEST_SPACE) {
            fprintf(stderr, "%s: segment out of range\n", path);
            exit(1);
        }
        memcpy(g2h(ph->p_vaddr), img + ph->p_offset, ph->p_filesz);
        if (ph->p_flags & PF_W) {
            fl |= PAGE_WRITE;
        }
        if (ph->p_flags & PF_X) {
            fl |= PAGE_EXEC;
        }
        map_guest(ph->p_vaddr, ph->p_memsz, fl);
        if (ph->p_offset == 0) {
            elf_phdr = ph->p_vaddr + eh->e_phoff;
        }
    }
    elf_phnum = eh->e_phnum;
    return eh->e_entry;
}

static uint64_t mmap_next = 0x40000000;
static bool udef_skip;
static uint64_t udef_count, fault_counts;

int main(int argc, char **argv)
{
    const char *model = "max";
    ARMCPU *cpu;
    CPUARMState *env;
    uint64_t sp;
    void *guest;
    int i = 1;

    while (i + 1 < argc && argv[i][0] == '-') {
        if (!strcmp(argv[i], "-cpu")) {
            model = argv[i + 1];
        } else if (!strcmp(argv[i], "-d")) {
            int mask = qemu_str_to_log_mask(argv[i + 1]);
            if (mask < 0) {
                return 1;
            }
            qemu_set_log(mask);
        } else {
            break;
        }
        i += 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: mini-run [-cpu model] prog\n");
        return 1;
    }
    guest = mmap(NULL, GUEST_SPACE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    page_flags = calloc(GUEST_SPACE / GUEST_PAGE, 1);
    if (guest == MAP_FAILED || !page_flags) {
        perror("mmap");
        return 1;
    }
    tcg_exec_init(0, false);
    tcg_ctx->guest_base = (uintptr_t)guest;
    cpu = arm_cpu_create(model);
    if (!cpu) {
        fprintf(stderr, "unknown cpu %s\n", model);
        return 1;
    }
    env = &cpu->env;
    env->pc = load_elf(argv[i]);
    map_guest(STACK_TOP - STACK_SIZE, STACK_SIZE, PAGE_READ | PAGE_WRITE);
    {
        /* argc, argv[0], NULL, envp NULL, auxv: what static glibc reads */
        uint64_t strs = STACK_TOP - 256, v[32];
        int n = 0;
        strcpy(g2h(strs), "prog");
        memset(g2h(strs + 16), 0x5a, 16);     /* AT_RANDOM bytes */
        v[n++] = 1; v[n++] = strs; v[n++] = 0; v[n++] = 0;
        v[n++] = AT_PHDR; v[n++] = elf_phdr;
        v[n++] = AT_PHENT; v[n++] = sizeof(Elf64_Phdr);
        v[n++] = AT_PHNUM; v[n++] = elf_phnum;
        v[n++] = AT_PAGESZ; v[n++] = GUEST_PAGE;
        v[n++] = AT_RANDOM; v[n++] = strs + 16;
        v[n++] = AT_HWCAP; v[n++] = cpu->hwcap;
        v[n++] = AT_NULL; v[n++] = 0;
        sp = (strs - n * 8) & ~15ull;
        memcpy(g2h(sp), v, n * 8);
    }
    env->xregs[31] = sp;

    for (;;) {
        int excp = cpu_exec(&cpu->parent);

        if (excp == EXCP_SWI) {
            uint64_t *x = env->xregs;
            switch (x[8]) {
            case 64:                          /* write */
                if (!page_check_range(x[1], x[2], PAGE_READ)) {
                    x[0] = -14;
                    break;
                }
                x[0] = write(x[0], g2h(x[1]), x[2]);
                break;
            case 214:                         /* brk: none */
                x[0] = 0x10000000;             /* cannot grow */
                break;
            case 222:                         /* mmap: anonymous only */
                if (!(x[3] & 0x20)) {
                    x[0] = -19;
                    break;
                }
                x[0] = mmap_next;
                mmap_next += (x[1] + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1);
                memset(g2h(x[0]), 0, x[1]);
                map_guest(x[0], x[1], PAGE_READ | PAGE_WRITE);
                break;
            case 226:                         /* mprotect */
            case 96:                          /* set_tid_address */
            case 99:                          /* set_robust_list */
            case 135:                         /* rt_sigprocmask */
                x[0] = 0;
                break;
            case 0x1000:
                x[0] = udef_count;
                break;
            case 0x1002:
                x[0] = fault_counts;
                break;
            case 0x1001:
                udef_skip = true;
                x[0] = 0;
                break;
            case 93:                          /* exit */
            case 94:                          /* exit_group */
                return (int)x[0];
            default:
                x[0] = -38;                   /* ENOSYS */
                break;
            }
            continue;
        }
        if (excp == EXCP_INTERRUPT) {
            continue;
        }
        if (excp == EXCP_UDEF && udef_skip) {
            udef_count++;
            env->pc += 4;
            continue;
        }
        if (udef_skip && (excp == EXCP_PREFETCH_ABORT ||
                          excp == EXCP_UNALIGNED || excp == EXCP_DATA_ABORT)) {
            fault_counts += 1ull << (excp == EXCP_PREFETCH_ABORT ? 0 :
                                     excp == EXCP_UNALIGNED ? 16 : 32);
            env->pc = env->xregs[30];
            continue;
        }
        fprintf(stderr, "mini-run: exception %d at pc %#llx (addr %#llx)\n",
                excp, (unsigned long long)env->pc,
                (unsigned long long)env->exception.vaddress);
        return 128 + (excp & 63);
    }
}
