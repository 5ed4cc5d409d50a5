/*
 * linux-user/mmap.c: the guest address space.
 *
 * The guest sees addresses 0 .. reserved_va; guest address a lives at host
 * address guest_base + a.  At start-up the whole range is reserved with
 * one PROT_NONE, MAP_NORESERVE mapping, so nothing else of the host
 * process (malloc, the code buffer, libraries) can land inside it, and
 * every guest mapping is made with MAP_FIXED over part of the reservation.
 * "Unmapping" puts the reservation back instead of freeing the range.
 *
 * Guest and host pages are both 4 KiB, so a guest page is a host page.
 * The protection the guest asked for is kept per page in a flat byte
 * array (page_flags, one byte per guest page, itself a MAP_NORESERVE
 * mapping so only the parts in use cost memory); page_get_flags() is one
 * load, as translators need it before every instruction fetch from a new
 * page.
 *
 * Self-modifying code: when a page first gets translated code the engine
 * calls tb_page_protect_hook; a writable page is then made read-only on
 * the host and marked PAGE_WRITE_ORG.  A guest store to it faults; the
 * SIGSEGV handler calls handle_smc_fault(), which drops the page's TBs,
 * makes the page writable again and lets the store run again.  Syscalls
 * that write guest memory unprotect first (lock_user), because the kernel
 * would answer EFAULT rather than fault.
 *
 * Lock order: mmap_lock may be held while taking the translation lock
 * (invalidation), never the reverse; the protect hook runs under the
 * translation lock and so only updates flags atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "qemu.h"
#include "exec/tb.h"
#include "qemu/log.h"

uint64_t reserved_va;
abi_ulong mmap_next_start;
static abi_ulong mmap_top;          /* where the top-down search restarts */
static uint8_t *page_flags;         /* one byte per guest page */
static pthread_mutex_t mmap_mutex;
static abi_ulong brk_start, brk_cur, brk_mapped_end;

/* The lowest address mmap hands out without MAP_FIXED (vm.mmap_min_addr). */
#define MMAP_MIN_ADDR 0x10000

/* Guest PROT_* values are the generic Linux ones; aarch64 adds BTI/MTE. */
#define TARGET_PROT_READ  0x1
#define TARGET_PROT_WRITE 0x2
#define TARGET_PROT_EXEC  0x4
#define TARGET_PROT_BTI   0x10
#define TARGET_PROT_MTE   0x20

void mmap_lock(void)
{
    pthread_mutex_lock(&mmap_mutex);
}

void mmap_unlock(void)
{
    pthread_mutex_unlock(&mmap_mutex);
}

void mmap_fork_start(void)
{
    mmap_lock();
}

void mmap_fork_end(bool child)
{
    if (child) {
        pthread_mutexattr_t a;

        pthread_mutexattr_init(&a);
        pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
        pthread_mutex_init(&mmap_mutex, &a);
    } else {
        mmap_unlock();
    }
}

/* ------------------------------------------------------------ page flags */

int page_get_flags(uint64_t addr)
{
    if (addr >= reserved_va) {
        return 0;
    }
    return __atomic_load_n(&page_flags[addr >> TARGET_PAGE_BITS],
                           __ATOMIC_RELAXED);
}

bool page_check_range(uint64_t addr, uint64_t len, int flags)
{
    uint64_t end, p;

    if (len == 0) {
        return true;
    }
    end = addr + len;
    if (end < addr || end > reserved_va) {
        return false;
    }
    for (p = addr & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        int f = page_flags[p >> TARGET_PAGE_BITS];

        if (!(f & PAGE_VALID) || (f & flags) != flags) {
            return false;
        }
    }
    return true;
}

/* Set the flags of the pages of [start, end) (page-aligned). */
void page_set_flags(abi_ulong start, abi_ulong end, int flags)
{
    if (end > reserved_va) {
        end = reserved_va;
    }
    if (start >= end) {
        return;
    }
    memset(page_flags + (start >> TARGET_PAGE_BITS), flags,
           (end - start) >> TARGET_PAGE_BITS);
}

/* Is the page range [start, start + len) entirely unused? */
static bool range_is_free(abi_ulong start, abi_ulong len)
{
    const uint8_t *p = page_flags + (start >> TARGET_PAGE_BITS);
    size_t n = len >> TARGET_PAGE_BITS, i = 0;

    if (start + len < start || start + len > reserved_va) {
        return false;
    }
    for (; i < n && ((uintptr_t)(p + i) & 7); i++) {
        if (p[i]) {
            return false;
        }
    }
    for (; i + 8 <= n; i += 8) {
        uint64_t w;

        memcpy(&w, p + i, 8);
        if (w) {
            return false;
        }
    }
    for (; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* The highest used page in [start, start + len), or -1. */
static int64_t last_used_page(abi_ulong start, abi_ulong len)
{
    const uint8_t *p = page_flags + (start >> TARGET_PAGE_BITS);
    int64_t i;

    for (i = (int64_t)(len >> TARGET_PAGE_BITS) - 1; i >= 0; i--) {
        if (p[i]) {
            return (int64_t)start + (i << TARGET_PAGE_BITS);
        }
    }
    return -1;
}

/* ------------------------------------------------------- the reservation */

bool guest_space_init(uintptr_t want_base, uint64_t size)
{
    pthread_mutexattr_t a;
    void *base;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mmap_mutex, &a);

    size = (size + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
    if (want_base) {
        flags |= MAP_FIXED_NOREPLACE;
    }
    base = mmap((void *)want_base, size, PROT_NONE, flags, -1, 0);
    if (base == MAP_FAILED || (want_base && (uintptr_t)base != want_base)) {
        if (want_base) {
            fprintf(stderr, "qemu: cannot reserve %llu MB of guest address "
                    "space at guest_base 0x%lx: %s\n",
                    (unsigned long long)(size >> 20), (unsigned long)want_base,
                    base == MAP_FAILED ? strerror(errno) : "address in use");
        } else {
            fprintf(stderr, "qemu: cannot reserve %llu MB of guest address "
                    "space: %s\n", (unsigned long long)(size >> 20),
                    strerror(errno));
        }
        return false;
    }
    page_flags = mmap(NULL, size >> TARGET_PAGE_BITS, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (page_flags == MAP_FAILED) {
        fprintf(stderr, "qemu: cannot allocate the guest page table: %s\n",
                strerror(errno));
        return false;
    }
    reserved_va = size;
    tcg_ctx->guest_base = (uintptr_t)base;
    mmap_top = mmap_next_start = (abi_ulong)size;
    return true;
}

/* Give [start, start + len) back to the reservation. */
static void reserve_again(abi_ulong start, abi_ulong len)
{
    mmap(g2h(start), len, PROT_NONE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
}

abi_ulong mmap_find_vma(abi_ulong hint, abi_ulong len)
{
    abi_ulong addr;
    int pass;

    len = TARGET_PAGE_ALIGN(len);
    if (len == 0 || len > reserved_va) {
        return (abi_ulong)-1;
    }
    hint &= TARGET_PAGE_MASK;
    if (hint && hint >= MMAP_MIN_ADDR && hint + len > hint &&
        hint + len <= reserved_va && range_is_free(hint, len)) {
        return hint;
    }
    for (pass = 0; pass < 2; pass++) {
        abi_ulong top = pass ? mmap_top : mmap_next_start;

        if (top < len + MMAP_MIN_ADDR) {
            continue;
        }
        addr = top - len;
        for (;;) {
            int64_t used = last_used_page(addr, len);

            if (used < 0) {
                mmap_next_start = addr;
                return addr;
            }
            if ((abi_ulong)used < len + MMAP_MIN_ADDR) {
                break;
            }
            addr = (abi_ulong)used - len;
        }
    }
    return (abi_ulong)-1;
}

/* Host protection for a guest one: no host execution ever happens. */
static int host_prot(int prot)
{
    int p = 0;

    if (prot & TARGET_PROT_READ) {
        p |= PROT_READ;
    }
    if (prot & TARGET_PROT_WRITE) {
        p |= PROT_READ | PROT_WRITE;
    }
    if (prot & TARGET_PROT_EXEC) {
        p |= PROT_READ;
    }
    return p;
}

static int page_prot_flags(int prot)
{
    int f = PAGE_VALID;

    if (prot & TARGET_PROT_READ) {
        f |= PAGE_READ;
    }
    if (prot & TARGET_PROT_WRITE) {
        f |= PAGE_READ | PAGE_WRITE;
    }
    if (prot & TARGET_PROT_EXEC) {
        f |= PAGE_EXEC | PAGE_READ;
    }
    return f;
}

/* Drop translated code on [start, end) if any page had some. */
static void invalidate_range(abi_ulong start, abi_ulong end)
{
    abi_ulong p;

    for (p = start; p < end; p += TARGET_PAGE_SIZE) {
        if (page_flags[p >> TARGET_PAGE_BITS] & PAGE_EXEC) {
            tb_invalidate_phys_range(start, end);
            return;
        }
    }
}

/* ------------------------------------------------------------ mmap family */

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags,
                     int fd, off_t offset)
{
    int type = flags & MAP_TYPE;
    int hflags;
    abi_ulong addr;
    void *p;

    if (qemu_loglevel_mask(CPU_LOG_PAGE)) {
        qemu_log("mmap: start=0x" TARGET_ABI_FMT_lx " len=0x"
                 TARGET_ABI_FMT_lx " prot=%#x flags=%#x fd=%d off=%#llx\n",
                 start, len, prot, flags, fd, (unsigned long long)offset);
    }
    prot &= ~(TARGET_PROT_BTI | TARGET_PROT_MTE);
    if (len == 0 || (offset & (TARGET_PAGE_SIZE - 1)) ||
        (prot & ~(TARGET_PROT_READ | TARGET_PROT_WRITE | TARGET_PROT_EXEC))) {
        return -EINVAL;
    }
    if (type != MAP_PRIVATE && type != MAP_SHARED &&
        type != MAP_SHARED_VALIDATE) {
        return -EINVAL;
    }
    if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) &&
        (start & ~TARGET_PAGE_MASK)) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    if (len == 0) {
        return -ENOMEM;
    }

    mmap_lock();
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (start + len < start || start + len > reserved_va) {
            mmap_unlock();
            return -ENOMEM;
        }
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) &&
            !range_is_free(start, len)) {
            mmap_unlock();
            return -EEXIST;
        }
        addr = start;
    } else {
        addr = mmap_find_vma(start, len);
        if (addr == (abi_ulong)-1) {
            mmap_unlock();
            return -ENOMEM;
        }
    }

    hflags = (flags & ~(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN | MAP_32BIT |
                        MAP_HUGETLB | (0x3f << 26))) | MAP_FIXED;
    if (type == MAP_SHARED_VALIDATE) {
        hflags = (hflags & ~MAP_TYPE) | MAP_SHARED;
    }
    p = mmap(g2h(addr), len, host_prot(prot), hflags,
             (flags & MAP_ANONYMOUS) ? -1 : fd, offset);
    if (p == MAP_FAILED) {
        int err = errno;

        mmap_unlock();
        return -err;
    }
    invalidate_range(addr, addr + len);
    page_set_flags(addr, addr + len, page_prot_flags(prot));
    mmap_unlock();
    return addr;
}

abi_long target_munmap(abi_ulong start, abi_ulong len)
{
    if ((start & ~TARGET_PAGE_MASK) || len == 0) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    if (start + len < start || start + len > reserved_va) {
        return -EINVAL;
    }
    mmap_lock();
    invalidate_range(start, start + len);
    reserve_again(start, len);
    page_set_flags(start, start + len, 0);
    if (start + len > mmap_next_start && start + len <= mmap_top) {
        /* Let the top-down search reuse the hole. */
        mmap_next_start = start + len;
    }
    mmap_unlock();
    return 0;
}

abi_long target_mprotect(abi_ulong start, abi_ulong len, int prot)
{
    abi_ulong end, p, run_start;
    int run_hp;

    prot &= ~(TARGET_PROT_BTI | TARGET_PROT_MTE);
    if ((start & ~TARGET_PAGE_MASK) ||
        (prot & ~(TARGET_PROT_READ | TARGET_PROT_WRITE | TARGET_PROT_EXEC))) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    end = start + len;
    if (end < start) {
        return -ENOMEM;
    }
    if (len == 0) {
        return 0;
    }
    mmap_lock();
    if (!page_check_range(start, len, 0)) {
        mmap_unlock();
        return -ENOMEM;
    }
    /* One host mprotect per run of pages that end up alike. */
    run_start = start;
    run_hp = -1;
    for (p = start; p <= end; p += TARGET_PAGE_SIZE) {
        int nf = 0, hp = -1;

        if (p < end) {
            int old = page_flags[p >> TARGET_PAGE_BITS];

            nf = page_prot_flags(prot);
            hp = host_prot(prot);
            if ((old ^ nf) & PAGE_EXEC) {
                /* Translated under the old permission: losing EXEC must
                 * stop the code, gaining it must drop the TB that
                 * raised the fetch fault. */
                tb_invalidate_phys_page(p);
            }
            if ((nf & PAGE_WRITE) && tb_page_has_code(p)) {
                /* Still holds code: keep the host copy read-only. */
                nf |= PAGE_WRITE_ORG;
                hp &= ~PROT_WRITE;
            }
        }
        if (hp != run_hp) {
            if (run_hp >= 0 &&
                mprotect(g2h(run_start), p - run_start, run_hp) != 0) {
                int err = errno;

                mmap_unlock();
                return -err;
            }
            run_start = p;
            run_hp = hp;
        }
        if (p < end) {
            page_flags[p >> TARGET_PAGE_BITS] = nf;
        }
    }
    mmap_unlock();
    return 0;
}

abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size,
                       abi_ulong new_size, int flags, abi_ulong new_addr)
{
    int pflags;
    void *p;

    if ((old_addr & ~TARGET_PAGE_MASK) ||
        (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
        ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) ||
        ((flags & MREMAP_FIXED) && (new_addr & ~TARGET_PAGE_MASK))) {
        return -EINVAL;
    }
    old_size = TARGET_PAGE_ALIGN(old_size);
    new_size = TARGET_PAGE_ALIGN(new_size);
    if (new_size == 0 || old_size == 0) {
        return -EINVAL;
    }
    mmap_lock();
    if (!page_check_range(old_addr, old_size, 0)) {
        mmap_unlock();
        return -EFAULT;
    }
    pflags = page_flags[old_addr >> TARGET_PAGE_BITS] & ~PAGE_WRITE_ORG;
    invalidate_range(old_addr, old_addr + old_size);

    if (flags & MREMAP_FIXED) {
        if (new_addr + new_size < new_addr ||
            new_addr + new_size > reserved_va ||
            (new_addr < old_addr + old_size && old_addr < new_addr + new_size)) {
            mmap_unlock();
            return -EINVAL;
        }
    } else if (new_size <= old_size) {
        if (new_size < old_size) {
            reserve_again(old_addr + new_size, old_size - new_size);
            page_set_flags(old_addr + new_size, old_addr + old_size, 0);
        }
        mmap_unlock();
        return old_addr;
    } else if (old_addr + new_size > old_addr &&
               old_addr + new_size <= reserved_va &&
               range_is_free(old_addr + old_size, new_size - old_size)) {
        /* Grow in place: free the reservation after it, then extend. */
        munmap(g2h(old_addr + old_size), new_size - old_size);
        p = mremap(g2h(old_addr), old_size, new_size, 0);
        if (p != MAP_FAILED) {
            page_set_flags(old_addr + old_size, old_addr + new_size, pflags);
            mmap_unlock();
            return old_addr;
        }
        reserve_again(old_addr + old_size, new_size - old_size);
        if (!(flags & MREMAP_MAYMOVE)) {
            mmap_unlock();
            return -ENOMEM;
        }
        new_addr = mmap_find_vma(0, new_size);
    } else if (!(flags & MREMAP_MAYMOVE)) {
        mmap_unlock();
        return -ENOMEM;
    } else {
        new_addr = mmap_find_vma(0, new_size);
    }
    if (new_addr == (abi_ulong)-1) {
        mmap_unlock();
        return -ENOMEM;
    }
    invalidate_range(new_addr, new_addr + new_size);
    p = mremap(g2h(old_addr), old_size, new_size,
               MREMAP_MAYMOVE | MREMAP_FIXED, g2h(new_addr));
    if (p == MAP_FAILED) {
        int err = errno;

        mmap_unlock();
        return -err;
    }
    reserve_again(old_addr, old_size);
    page_set_flags(old_addr, old_addr + old_size, 0);
    page_set_flags(new_addr, new_addr + new_size, pflags);
    mmap_unlock();
    return new_addr;
}

abi_long target_madvise(abi_ulong start, abi_ulong len, int advice)
{
    if (start & ~TARGET_PAGE_MASK) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    if (start + len < start || start + len > reserved_va) {
        return -ENOMEM;
    }
    switch (advice) {
    case MADV_DONTNEED:
    case MADV_FREE:
    case MADV_WILLNEED:
    case MADV_NORMAL:
    case MADV_RANDOM:
    case MADV_SEQUENTIAL:
        if (!page_check_range(start, len, 0)) {
            return -ENOMEM;
        }
        if (advice == MADV_DONTNEED || advice == MADV_FREE) {
            mmap_lock();
            invalidate_range(start, start + len);
            mmap_unlock();
        }
        return get_errno(madvise(g2h(start), len, advice));
    default:
        /* Hints we need not follow (hugepages, dontfork, mergeable...). */
        return 0;
    }
}

/* ------------------------------------------------------------------ brk */

void target_set_brk(abi_ulong start)
{
    brk_start = brk_cur = start;
    brk_mapped_end = TARGET_PAGE_ALIGN(start);
}

abi_long target_brk(abi_ulong new_brk)
{
    abi_ulong new_end;

    if (new_brk == 0 || new_brk < brk_start) {
        return brk_cur;
    }
    new_end = TARGET_PAGE_ALIGN(new_brk);
    if (new_end < new_brk || new_end > reserved_va) {
        return brk_cur;
    }
    mmap_lock();
    if (new_end > brk_mapped_end) {
        abi_long r;

        if (!range_is_free(brk_mapped_end, new_end - brk_mapped_end)) {
            mmap_unlock();
            return brk_cur;
        }
        r = target_mmap(brk_mapped_end, new_end - brk_mapped_end,
                        TARGET_PROT_READ | TARGET_PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (is_error(r)) {
            mmap_unlock();
            return brk_cur;
        }
    } else if (new_end < brk_mapped_end) {
        target_munmap(new_end, brk_mapped_end - new_end);
    }
    brk_mapped_end = new_end;
    brk_cur = new_brk;
    mmap_unlock();
    return brk_cur;
}

/* ------------------------------------------------- self-modifying code */

static void page_protect(uint64_t page)
{
    uint8_t *f;
    int old;

    if (page >= reserved_va) {
        return;
    }
    f = &page_flags[page >> TARGET_PAGE_BITS];
    old = __atomic_load_n(f, __ATOMIC_RELAXED);
    if ((old & PAGE_WRITE) && !(old & PAGE_WRITE_ORG)) {
        __atomic_or_fetch(f, PAGE_WRITE_ORG, __ATOMIC_SEQ_CST);
        mprotect(g2h(page), TARGET_PAGE_SIZE, PROT_READ);
    }
}

bool handle_smc_fault(uintptr_t host_addr, bool is_write)
{
    uint64_t addr = host_addr - tcg_ctx->guest_base;
    uint64_t page = addr & TARGET_PAGE_MASK;
    int f;

    if (host_addr < tcg_ctx->guest_base || addr >= reserved_va || !is_write) {
        return false;
    }
    f = page_get_flags(page);
    if (!(f & PAGE_WRITE)) {
        return false;
    }
    if (f & PAGE_WRITE_ORG) {
        tb_invalidate_phys_page(page);
    }
    mmap_lock();
    f = page_flags[page >> TARGET_PAGE_BITS];
    if (f & PAGE_WRITE) {
        mprotect(g2h(page), TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE);
        page_flags[page >> TARGET_PAGE_BITS] = f & ~PAGE_WRITE_ORG;
    }
    mmap_unlock();
    return true;
}

void unprotect_guest_range(abi_ulong addr, abi_ulong len)
{
    abi_ulong p, end = addr + len;

    if (len == 0 || end < addr || end > reserved_va) {
        return;
    }
    for (p = addr & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        if (page_flags[p >> TARGET_PAGE_BITS] & PAGE_WRITE_ORG) {
            handle_smc_fault((uintptr_t)g2h(p), true);
        }
    }
}

/* ------------------------------------------------- syscall buffer access */

void *lock_user(int type, abi_ulong addr, abi_ulong len)
{
    if (!page_check_range(addr, len, type)) {
        return NULL;
    }
    if (type & PAGE_WRITE) {
        unprotect_guest_range(addr, len);
    }
    return g2h(addr);
}

char *lock_user_string(abi_ulong addr)
{
    abi_ulong a = addr;

    for (;;) {
        const char *p, *q;
        abi_ulong room;

        if (!(page_get_flags(a) & PAGE_READ)) {
            return NULL;
        }
        room = TARGET_PAGE_SIZE - (a & ~TARGET_PAGE_MASK);
        p = g2h(a);
        q = memchr(p, 0, room);
        if (q) {
            return g2h(addr);
        }
        a += room;
        if (a < addr) {
            return NULL;
        }
    }
}

/* ------------------------------------------------------- /proc/self/maps */

int write_guest_maps(int fd)
{
    FILE *in = fopen("/proc/self/maps", "r");
    FILE *out;
    char line[4096 + 256];
    uintptr_t gb = tcg_ctx->guest_base;
    int dfd = dup(fd);

    if (!in || dfd < 0) {
        if (in) {
            fclose(in);
        }
        return -1;
    }
    out = fdopen(dfd, "w");
    if (!out) {
        fclose(in);
        close(dfd);
        return -1;
    }
    while (fgets(line, sizeof(line), in)) {
        unsigned long lo, hi, off, ino;
        char perms[8], dev[16], path[4096];
        int n = 0;
        uint64_t s, e, p;

        path[0] = '\0';
        if (sscanf(line, "%lx-%lx %7s %lx %15s %lu %n", &lo, &hi, perms, &off,
                   dev, &ino, &n) < 6) {
            continue;
        }
        if (n > 0) {
            sscanf(line + n, "%4095[^\n]", path);
        }
        if (hi <= gb || lo >= gb + reserved_va) {
            continue;
        }
        s = (lo < gb ? gb : lo) - gb;
        e = (hi > gb + reserved_va ? gb + reserved_va : hi) - gb;
        for (p = s; p < e;) {
            int f = page_flags[p >> TARGET_PAGE_BITS] & ~PAGE_WRITE_ORG;
            uint64_t q = p;

            if (!(f & PAGE_VALID)) {
                p += TARGET_PAGE_SIZE;
                continue;
            }
            while (q < e &&
                   (page_flags[q >> TARGET_PAGE_BITS] & ~PAGE_WRITE_ORG) == f) {
                q += TARGET_PAGE_SIZE;
            }
            fprintf(out, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08lx %s %lu",
                    p, q, (f & PAGE_READ) ? 'r' : '-',
                    (f & PAGE_WRITE) ? 'w' : '-', (f & PAGE_EXEC) ? 'x' : '-',
                    perms[3], ino ? off + (unsigned long)(p - (lo - gb)) : 0,
                    dev, ino);
            if (path[0] && path[0] != '[') {
                fprintf(out, "%*s%s", 10, "", path);
            } else if (global_image && p < global_image->stack_top &&
                       q > global_image->stack_limit) {
                fprintf(out, "%*s[stack]", 10, "");
            } else if (p >= brk_start && q <= brk_mapped_end &&
                       brk_mapped_end > brk_start) {
                fprintf(out, "%*s[heap]", 10, "");
            }
            fputc('\n', out);
            p = q;
        }
    }
    fclose(in);
    fclose(out);
    return 0;
}

/* Installed by main() once the engine exists. */
void mmap_install_hooks(void)
{
    tb_page_protect_hook = page_protect;
}
