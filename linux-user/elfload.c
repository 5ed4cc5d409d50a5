/*
 * linux-user/elfload.c: load an ELF program of the target and build its
 * initial stack, as the Linux kernel's binfmt_elf does.
 *
 * Handles static and dynamic executables, PIE (ET_DYN, loaded at a
 * chosen base) and the program interpreter named by PT_INTERP, looked up
 * under the -L prefix first.  Everything read from the file is checked
 * before use: a truncated, garbled or foreign file gets one error line
 * and the caller exits with status 1.  The target supplies only the
 * constants of target_elf.h, so the code is the same for every target
 * with 64-bit ELF (a 32-bit target would add the Elf32 twin).
 *
 * The stack, from its top down: the program path (AT_EXECFN), the
 * environment and argument strings, the platform string, AT_RANDOM's 16
 * bytes, then, 16-byte aligned, argc, argv[], NULL, envp[], NULL and the
 * auxiliary vector ending with AT_NULL; sp points at argc.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu.h"
#include "qemu/log.h"

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

/* The stack's words (argc, pointers, auxv entries) are target longs. */
#define WORD ((abi_ulong)sizeof(abi_ulong))
#define MAX_PHNUM 512               /* more program headers than any toolchain makes */
#define STACK_GUARD_GAP (256u << 20)

/* Target hooks of target_elf.h, when the target has them. */
#ifndef ELF_PLATFORM_OF
#define ELF_PLATFORM_OF(env) ELF_PLATFORM     /* AT_PLATFORM */
#endif

ImageInfo *global_image;

#ifdef TARGET_HAS_VDSO
/* The target's vDSO (target_vdso_map()): AT_SYSINFO_EHDR, AT_SYSINFO. */
static uint64_t vdso_ehdr, vdso_sysinfo;
#endif

static void load_error(const char *file, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void load_error(const char *file, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "qemu-%s: %s: ", TARGET_NAME, file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Read exactly len bytes at off; false if the file is shorter. */
static bool read_at(int fd, void *buf, size_t len, off_t off)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = pread(fd, (char *)buf + done, len - done, off + done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += n;
    }
    return true;
}

typedef struct ElfFile {
    const char *name;
    int fd;
    off_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
} ElfFile;

/*
 * 32-bit targets: the Elf32 headers are read and widened into the Elf64
 * structures the rest of the loader uses.
 */
#if ELF_CLASS == ELFCLASS32
#define PHDR_SIZE sizeof(Elf32_Phdr)

static bool read_ehdr(ElfFile *ef)
{
    Elf32_Ehdr h;

    memset(&ef->eh, 0, sizeof(ef->eh));
    if (!read_at(ef->fd, ef->eh.e_ident, EI_NIDENT, 0)) {
        return false;
    }
    if (ef->eh.e_ident[EI_CLASS] != ELFCLASS32) {
        /* Wrong class: the caller reports it from e_ident. */
        return read_at(ef->fd, &ef->eh, sizeof(ef->eh), 0);
    }
    if (!read_at(ef->fd, &h, sizeof(h), 0)) {
        return false;
    }
    ef->eh.e_type = h.e_type;
    ef->eh.e_machine = h.e_machine;
    ef->eh.e_version = h.e_version;
    ef->eh.e_entry = h.e_entry;
    ef->eh.e_phoff = h.e_phoff;
    ef->eh.e_shoff = h.e_shoff;
    ef->eh.e_flags = h.e_flags;
    ef->eh.e_ehsize = h.e_ehsize;
    ef->eh.e_phentsize = h.e_phentsize;
    ef->eh.e_phnum = h.e_phnum;
    ef->eh.e_shentsize = h.e_shentsize;
    ef->eh.e_shnum = h.e_shnum;
    ef->eh.e_shstrndx = h.e_shstrndx;
    return true;
}

static bool read_phdrs(ElfFile *ef)
{
    Elf32_Phdr *p = calloc(ef->eh.e_phnum, sizeof(*p));
    bool ok = p && read_at(ef->fd, p, ef->eh.e_phnum * sizeof(*p),
                           ef->eh.e_phoff);
    int i;

    for (i = 0; ok && i < ef->eh.e_phnum; i++) {
        ef->ph[i].p_type = p[i].p_type;
        ef->ph[i].p_flags = p[i].p_flags;
        ef->ph[i].p_offset = p[i].p_offset;
        ef->ph[i].p_vaddr = p[i].p_vaddr;
        ef->ph[i].p_paddr = p[i].p_paddr;
        ef->ph[i].p_filesz = p[i].p_filesz;
        ef->ph[i].p_memsz = p[i].p_memsz;
        ef->ph[i].p_align = p[i].p_align;
    }
    free(p);
    return ok;
}
#else
#define PHDR_SIZE sizeof(Elf64_Phdr)

static bool read_ehdr(ElfFile *ef)
{
    return read_at(ef->fd, &ef->eh, sizeof(ef->eh), 0);
}

static bool read_phdrs(ElfFile *ef)
{
    return read_at(ef->fd, ef->ph, ef->eh.e_phnum * sizeof(Elf64_Phdr),
                   ef->eh.e_phoff);
}
#endif

/* Open and check the headers of an ELF file of the target. */
static bool elf_open(ElfFile *ef, const char *path, const char *shown)
{
    struct stat st;
    uint64_t ph_end;

    memset(ef, 0, sizeof(*ef));
    ef->name = shown;
    ef->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (ef->fd < 0) {
        load_error(shown, "cannot open: %s", strerror(errno));
        return false;
    }
    if (fstat(ef->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        load_error(shown, "not a regular file");
        goto fail;
    }
    ef->size = st.st_size;
    if (!read_ehdr(ef) || memcmp(ef->eh.e_ident, ELFMAG, SELFMAG) != 0) {
        if (ef->size >= SELFMAG && read_at(ef->fd, &ef->eh, SELFMAG, 0) &&
            memcmp(ef->eh.e_ident, ELFMAG, SELFMAG) == 0) {
            load_error(shown, "truncated ELF header");
        } else {
            load_error(shown, "not an ELF executable");
        }
        goto fail;
    }
    if (ef->eh.e_ident[EI_CLASS] != ELF_CLASS) {
        load_error(shown, "wrong ELF class (%s), %s needs ELF%s",
                   ef->eh.e_ident[EI_CLASS] == ELFCLASS32 ? "32-bit" :
                   ef->eh.e_ident[EI_CLASS] == ELFCLASS64 ? "64-bit" : "invalid",
                   ELF_MACHINE_NAME, ELF_CLASS == ELFCLASS64 ? "64" : "32");
        goto fail;
    }
    if (ef->eh.e_ident[EI_DATA] != ELF_DATA) {
        load_error(shown, "wrong byte order for %s", ELF_MACHINE_NAME);
        goto fail;
    }
    if (ef->eh.e_ident[EI_VERSION] != EV_CURRENT ||
        ef->eh.e_version != EV_CURRENT) {
        load_error(shown, "unsupported ELF version");
        goto fail;
    }
    if (ef->eh.e_machine != ELF_MACHINE) {
        load_error(shown, "ELF machine %u is not %s (%u): Invalid ELF image "
                   "for this architecture", ef->eh.e_machine,
                   ELF_MACHINE_NAME, ELF_MACHINE);
        goto fail;
    }
#ifdef ELF_CHECK_FLAGS
    {
        /* The target's ABI variants (ARM: EABI only). */
        const char *why = ELF_CHECK_FLAGS(ef->eh.e_flags);

        if (why) {
            load_error(shown, "%s (e_flags 0x%x)", why,
                       (unsigned)ef->eh.e_flags);
            goto fail;
        }
    }
#endif
    if (ef->eh.e_type != ET_EXEC && ef->eh.e_type != ET_DYN) {
        load_error(shown, "ELF type %u is not an executable", ef->eh.e_type);
        goto fail;
    }
    if (ef->eh.e_phentsize != PHDR_SIZE || ef->eh.e_phnum == 0 ||
        ef->eh.e_phnum > MAX_PHNUM) {
        load_error(shown, "bad program header table (entry size %u, %u "
                   "entries)", ef->eh.e_phentsize, ef->eh.e_phnum);
        goto fail;
    }
    ph_end = ef->eh.e_phoff + (uint64_t)ef->eh.e_phnum * PHDR_SIZE;
    if (ph_end < ef->eh.e_phoff || ph_end > (uint64_t)ef->size) {
        load_error(shown, "truncated ELF file (program headers end at %llu, "
                   "file has %llu bytes)", (unsigned long long)ph_end,
                   (unsigned long long)ef->size);
        goto fail;
    }
    ef->ph = calloc(ef->eh.e_phnum, sizeof(Elf64_Phdr));
    if (!ef->ph || !read_phdrs(ef)) {
        load_error(shown, "cannot read the program headers");
        goto fail;
    }
    return true;

fail:
    close(ef->fd);
    free(ef->ph);
    ef->fd = -1;
    ef->ph = NULL;
    return false;
}

static void elf_close(ElfFile *ef)
{
    if (ef->fd >= 0) {
        close(ef->fd);
    }
    free(ef->ph);
}

static int elf_prot(uint32_t pf)
{
    return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
           ((pf & PF_X) ? PROT_EXEC : 0);
}

/*
 * Map the PT_LOAD segments.  main: the program itself (PIE goes to
 * ELF_ET_DYN_BASE), else an interpreter (anywhere).
 */
static bool elf_map(ElfFile *ef, bool main, ImageInfo *info,
                    abi_ulong *bias_out)
{
    uint64_t lo = UINT64_MAX, hi = 0, brk_end = 0;
    abi_ulong bias = 0, base;
    int i;

    for (i = 0; i < ef->eh.e_phnum; i++) {
        Elf64_Phdr *p = &ef->ph[i];
        uint64_t end;

        if (p->p_type != PT_LOAD) {
            continue;
        }
        end = p->p_vaddr + p->p_memsz;
        /* A segment with no file contents (only .bss) may name any offset:
         * linkers put it past the end of the file. */
        if (p->p_filesz > 0 && p->p_offset + p->p_filesz >= p->p_offset &&
            p->p_offset + p->p_filesz > (uint64_t)ef->size) {
            load_error(ef->name, "truncated ELF file (segment %d ends at "
                       "offset %llu, the file has %llu bytes)", i,
                       (unsigned long long)(p->p_offset + p->p_filesz),
                       (unsigned long long)ef->size);
            return false;
        }
        if (p->p_filesz > p->p_memsz || end < p->p_vaddr ||
            (p->p_filesz > 0 &&
             (p->p_offset + p->p_filesz < p->p_offset ||
              p->p_offset + p->p_filesz > (uint64_t)ef->size ||
              ((p->p_vaddr - p->p_offset) & (TARGET_PAGE_SIZE - 1))))) {
            load_error(ef->name, "bad PT_LOAD segment %d (offset 0x%llx, "
                       "vaddr 0x%llx, filesz 0x%llx, memsz 0x%llx)", i,
                       (unsigned long long)p->p_offset,
                       (unsigned long long)p->p_vaddr,
                       (unsigned long long)p->p_filesz,
                       (unsigned long long)p->p_memsz);
            return false;
        }
        if (p->p_vaddr < lo) {
            lo = p->p_vaddr;
        }
        if (end > hi) {
            hi = end;
        }
    }
    if (hi == 0 || lo >= hi) {
        load_error(ef->name, "no loadable segment");
        return false;
    }
    lo &= ~(uint64_t)(TARGET_PAGE_SIZE - 1);
    hi = (hi + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
    if (hi - lo > reserved_va) {
        load_error(ef->name, "segments span %llu MB, more than the guest "
                   "address space", (unsigned long long)((hi - lo) >> 20));
        return false;
    }

    if (ef->eh.e_type == ET_DYN) {
        abi_ulong hint = 0;

        if (main) {
            hint = ELF_ET_DYN_BASE;
            if (hint + (hi - lo) > reserved_va / 2) {
                hint = (reserved_va / 8) & TARGET_PAGE_MASK;
            }
        }
        mmap_lock();
        base = mmap_find_vma(hint, hi - lo);
        mmap_unlock();
        if (base == (abi_ulong)-1) {
            load_error(ef->name, "no room for %llu MB in the guest address "
                       "space", (unsigned long long)((hi - lo) >> 20));
            return false;
        }
        bias = base - lo;
    } else {
        if (hi > reserved_va || lo < TARGET_PAGE_SIZE) {
            load_error(ef->name, "segments at 0x%llx-0x%llx lie outside the "
                       "guest address space", (unsigned long long)lo,
                       (unsigned long long)hi);
            return false;
        }
        base = lo;
    }
    /* Claim the whole span so that nothing lands in the holes. */
    if (is_error(target_mmap(base, hi - lo, PROT_NONE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                             -1, 0))) {
        load_error(ef->name, "segments at 0x%llx-0x%llx overlap memory "
                   "already in use", (unsigned long long)(lo + bias),
                   (unsigned long long)(hi + bias));
        return false;
    }

    for (i = 0; i < ef->eh.e_phnum; i++) {
        Elf64_Phdr *p = &ef->ph[i];
        abi_ulong vaddr, vpage, fend, mend, fpage_end;
        int prot;

        if (p->p_type != PT_LOAD || p->p_memsz == 0) {
            continue;
        }
        vaddr = p->p_vaddr + bias;
        vpage = vaddr & TARGET_PAGE_MASK;
        fend = vaddr + p->p_filesz;
        mend = vaddr + p->p_memsz;
        prot = elf_prot(p->p_flags);
        fpage_end = TARGET_PAGE_ALIGN(fend);

        if (p->p_filesz) {
            abi_long r = target_mmap(vpage, fend - vpage, prot | PROT_WRITE,
                                     MAP_PRIVATE | MAP_FIXED, ef->fd,
                                     p->p_offset - (vaddr - vpage));
            if (is_error(r)) {
                load_error(ef->name, "cannot map segment %d: %s", i,
                           strerror(-r));
                return false;
            }
            /* The rest of the last file page is bss: zero it. */
            if (mend > fend && fpage_end > fend) {
                memset(g2h(fend), 0, fpage_end - fend);
            }
            target_mprotect(vpage, fpage_end - vpage, prot);
        } else {
            fpage_end = vpage;
        }
        if (TARGET_PAGE_ALIGN(mend) > fpage_end) {
            abi_long r = target_mmap(fpage_end,
                                     TARGET_PAGE_ALIGN(mend) - fpage_end, prot,
                                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                                     -1, 0);
            if (is_error(r)) {
                load_error(ef->name, "cannot map bss of segment %d: %s", i,
                           strerror(-r));
                return false;
            }
        }
        if (main) {
            if (prot & PROT_EXEC) {
                if (!info->start_code || vaddr < info->start_code) {
                    info->start_code = vaddr;
                }
                if (fend > info->end_code) {
                    info->end_code = fend;
                }
            } else {
                if (!info->start_data || vaddr < info->start_data) {
                    info->start_data = vaddr;
                }
                if (fend > info->end_data) {
                    info->end_data = fend;
                }
            }
            if (mend > brk_end) {
                brk_end = mend;
            }
        }
    }

    if (main) {
        info->load_bias = bias;
        info->load_addr = lo + bias;
        info->prog_entry = ef->eh.e_entry + bias;
        info->phent = PHDR_SIZE;
        info->phnum = ef->eh.e_phnum;
        info->phdr = 0;
        for (i = 0; i < ef->eh.e_phnum; i++) {
            if (ef->ph[i].p_type == PT_PHDR) {
                info->phdr = ef->ph[i].p_vaddr + bias;
            }
        }
        if (!info->phdr) {
            /* The headers are in the segment that maps file offset e_phoff. */
            for (i = 0; i < ef->eh.e_phnum; i++) {
                Elf64_Phdr *p = &ef->ph[i];

                if (p->p_type == PT_LOAD && p->p_offset <= ef->eh.e_phoff &&
                    ef->eh.e_phoff < p->p_offset + p->p_filesz) {
                    info->phdr = ef->eh.e_phoff - p->p_offset + p->p_vaddr +
                                 bias;
                    break;
                }
            }
        }
        info->start_brk = info->brk = TARGET_PAGE_ALIGN(brk_end);
    }
    *bias_out = bias;
    return true;
}

/* The PT_INTERP path of ef, or NULL (no interpreter) / error (*bad). */
static char *elf_interp_path(ElfFile *ef, bool *bad)
{
    int i;

    *bad = false;
    for (i = 0; i < ef->eh.e_phnum; i++) {
        Elf64_Phdr *p = &ef->ph[i];
        char *s;

        if (p->p_type != PT_INTERP) {
            continue;
        }
        if (p->p_filesz < 2 || p->p_filesz > PATH_MAX ||
            p->p_offset + p->p_filesz > (uint64_t)ef->size) {
            load_error(ef->name, "bad PT_INTERP segment");
            *bad = true;
            return NULL;
        }
        s = malloc(p->p_filesz);
        if (!s || !read_at(ef->fd, s, p->p_filesz, p->p_offset) ||
            s[p->p_filesz - 1] != '\0' || strlen(s) != p->p_filesz - 1) {
            load_error(ef->name, "bad PT_INTERP segment");
            free(s);
            *bad = true;
            return NULL;
        }
        return s;
    }
    return NULL;
}

/* ------------------------------------------------------------ the stack */

typedef struct StackBuilder {
    abi_ulong sp;
    abi_ulong limit;
} StackBuilder;

static abi_ulong push_bytes(StackBuilder *sb, const void *data, size_t len)
{
    sb->sp -= len;
    memcpy(g2h(sb->sp), data, len);
    return sb->sp;
}

static size_t strings_size(char **v, int *count)
{
    size_t n = 0;
    int c = 0;

    for (; v && v[c]; c++) {
        n += strlen(v[c]) + 1;
    }
    *count = c;
    return n;
}

/* The stack and a guard page below it, at the top of the space; mmap
 * hands out addresses below it from then on. */
static bool alloc_stack(const char *filename, ImageInfo *info)
{
    abi_ulong sp, guard;
    abi_long r;

    /* The stack and a guard page below it, at the top of the space. */
    guard = TARGET_PAGE_SIZE;
    mmap_lock();
    sp = mmap_find_vma(0, guest_stack_size + guard);
    mmap_unlock();
    if (sp == (abi_ulong)-1) {
        load_error(filename, "no room for a %lu byte stack", guest_stack_size);
        return false;
    }
    r = target_mmap(sp + guard, guest_stack_size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (is_error(r)) {
        load_error(filename, "cannot map the stack: %s", strerror(-r));
        return false;
    }
    target_mmap(sp, guard, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    info->stack_limit = sp + guard;
    info->stack_top = sp + guard + guest_stack_size;
    mmap_next_start = sp > STACK_GUARD_GAP * 2 ? sp - STACK_GUARD_GAP : sp;

    return true;
}

static bool setup_stack(const char *filename, char **argv, char **envp,
                        CPUArchState *env, ImageInfo *info)
{
    StackBuilder sb;
    int argc, envc, i, nwords;
    size_t strsz;
    abi_ulong *argp, *envpp, execfn, platform, random_addr, sp;
    uint8_t rnd[16];
    uint64_t auxv[64];
    int na = 0;

    strsz = strings_size(argv, &argc) + strings_size(envp, &envc) +
            strlen(filename) + 1;
    if (strsz > guest_stack_size / 4) {
        load_error(filename, "argument list too long (%zu bytes of arguments "
                   "and environment for a %lu byte stack)", strsz,
                   guest_stack_size);
        return false;
    }

    sb.sp = info->stack_top;
    sb.limit = info->stack_limit;
    sb.sp -= 8;                                     /* a NULL word at the top */
    memset(g2h(sb.sp), 0, 8);
    execfn = push_bytes(&sb, filename, strlen(filename) + 1);
    argp = calloc(argc + 1, sizeof(abi_ulong));
    envpp = calloc(envc + 1, sizeof(abi_ulong));
    if (!argp || !envpp) {
        load_error(filename, "out of memory");
        return false;
    }
    info->env_end = sb.sp;
    for (i = envc - 1; i >= 0; i--) {
        envpp[i] = push_bytes(&sb, envp[i], strlen(envp[i]) + 1);
    }
    info->env_start = info->arg_end = sb.sp;
    for (i = argc - 1; i >= 0; i--) {
        argp[i] = push_bytes(&sb, argv[i], strlen(argv[i]) + 1);
    }
    info->arg_start = sb.sp;
    platform = push_bytes(&sb, ELF_PLATFORM_OF(env),
                          strlen(ELF_PLATFORM_OF(env)) + 1);
    if (guest_random(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
        for (i = 0; i < 16; i++) {
            rnd[i] = (uint8_t)(rand() ^ (getpid() >> (i % 8)));
        }
    }
    sb.sp &= ~(abi_ulong)15;
    random_addr = push_bytes(&sb, rnd, sizeof(rnd));
    info->execfn = execfn;

#define AUX(t, v) do { auxv[na++] = (t); auxv[na++] = (v); } while (0)
#ifdef TARGET_HAS_VDSO
    /* First, as the kernel's ARCH_DLINFO puts them. */
    if (vdso_sysinfo) {
        AUX(AT_SYSINFO, vdso_sysinfo);
    }
    if (vdso_ehdr) {
        AUX(AT_SYSINFO_EHDR, vdso_ehdr);
    }
#endif
    AUX(AT_PHDR, info->phdr);
    AUX(AT_PHENT, info->phent);
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_PAGESZ, TARGET_PAGE_SIZE);
    AUX(AT_BASE, info->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, info->prog_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_HWCAP, ELF_HWCAP(env));
    AUX(AT_HWCAP2, ELF_HWCAP2(env));
    AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
    AUX(AT_RANDOM, random_addr);
    AUX(AT_PLATFORM, platform);
    AUX(AT_EXECFN, execfn);
    AUX(AT_MINSIGSTKSZ, TARGET_MINSIGSTKSZ);
    AUX(AT_NULL, 0);
#undef AUX

    /* argc, argv[argc + 1], envp[envc + 1], auxv: sp 16-byte aligned. */
    nwords = 1 + argc + 1 + envc + 1 + na;
    sb.sp = (sb.sp - nwords * WORD) & ~(abi_ulong)15;
    sp = sb.sp;
    put_user_ual(argc, sp);
    sp += WORD;
    for (i = 0; i <= argc; i++, sp += WORD) {
        put_user_ual(argp[i], sp);
    }
    for (i = 0; i <= envc; i++, sp += WORD) {
        put_user_ual(envpp[i], sp);
    }
    for (i = 0; i < na; i++, sp += WORD) {
        put_user_ual(auxv[i], sp);
    }
    info->start_stack = sb.sp;
    free(argp);
    free(envpp);
    return true;
}

/* Look an interpreter up under the -L prefix, then as given. */
static char *find_interp(const char *path)
{
    char *full;

    if (interp_prefix && path[0] == '/') {
        if (asprintf(&full, "%s%s", interp_prefix, path) >= 0) {
            if (access(full, F_OK) == 0) {
                return full;
            }
            free(full);
        }
    }
    return strdup(path);
}

bool loader_exec(const char *filename, char **argv, char **envp,
                 CPUArchState *env, ImageInfo *info)
{
    ElfFile ef, ei;
    char *interp;
    bool bad;
    abi_ulong bias;

    memset(info, 0, sizeof(*info));
    global_image = info;
#ifdef ELF_MAP_SPECIAL_PAGES
    /* Fixed pages of the ABI (ARM's vectors page), before anything else. */
    if (!ELF_MAP_SPECIAL_PAGES(env)) {
        return false;
    }
#endif
    if (!elf_open(&ef, filename, filename)) {
        return false;
    }
    interp = elf_interp_path(&ef, &bad);
    if (bad) {
        elf_close(&ef);
        return false;
    }
    if (!elf_map(&ef, true, info, &bias)) {
        elf_close(&ef);
        free(interp);
        return false;
    }
    info->entry = info->prog_entry;
    elf_close(&ef);
    if (!alloc_stack(filename, info)) {
        free(interp);
        return false;
    }

    if (interp) {
        char *host_path = find_interp(interp);
        bool ok;

        if (access(host_path, F_OK) != 0) {
            load_error(filename, "cannot find the ELF interpreter '%s'%s%s%s",
                       interp, interp_prefix ? " under '" : "",
                       interp_prefix ? interp_prefix : "",
                       interp_prefix ? "' (-L)" :
                       " (use -L to give the guest's library prefix)");
            free(host_path);
            free(interp);
            return false;
        }
        ok = elf_open(&ei, host_path, host_path);
        if (ok) {
            ok = elf_map(&ei, false, info, &bias);
            if (ok) {
                abi_ulong lo = (abi_ulong)-1;
                int i;

                for (i = 0; i < ei.eh.e_phnum; i++) {
                    if (ei.ph[i].p_type == PT_LOAD && ei.ph[i].p_vaddr < lo) {
                        lo = ei.ph[i].p_vaddr;
                    }
                }
                info->interp_base = (lo & TARGET_PAGE_MASK) + bias;
                info->entry = ei.eh.e_entry + bias;
            }
            elf_close(&ei);
        }
        free(host_path);
        free(interp);
        if (!ok) {
            return false;
        }
    }

#ifdef TARGET_HAS_VDSO
    vdso_ehdr = target_vdso_map(&vdso_sysinfo);
#endif
    if (!setup_stack(filename, argv, envp, env, info)) {
        return false;
    }
    target_set_brk(info->brk);
    if (qemu_loglevel_mask(CPU_LOG_PAGE)) {
        qemu_log("start_brk   0x" TARGET_ABI_FMT_lx "\n"
                 "end_code    0x" TARGET_ABI_FMT_lx "\n"
                 "start_code  0x" TARGET_ABI_FMT_lx "\n"
                 "start_data  0x" TARGET_ABI_FMT_lx "\n"
                 "end_data    0x" TARGET_ABI_FMT_lx "\n"
                 "start_stack 0x" TARGET_ABI_FMT_lx "\n"
                 "brk         0x" TARGET_ABI_FMT_lx "\n"
                 "entry       0x" TARGET_ABI_FMT_lx "\n"
                 "guest_base  0x%lx\n",
                 info->start_brk, info->end_code, info->start_code,
                 info->start_data, info->end_data, info->start_stack,
                 info->brk, info->entry, (unsigned long)tcg_ctx->guest_base);
    }
    return true;
}
