/*
 * linux-user/x86-common/tls.c: the descriptor tables a user process
 * sees: a GDT with the user code/data segments and the three TLS slots
 * of set_thread_area(2), and the LDT of modify_ldt(2).
 *
 * Both tables live in guest memory (env->gdt, env->ldt) because the CPU
 * reads descriptors from there when the guest loads a segment register
 * (mov %ax, %gs with gs = entry << 3 | 3, as i386 glibc does for TLS).
 * Descriptors are built from struct user_desc as Linux does:
 *
 *   struct user_desc { u32 entry_number, base_addr, limit;
 *                      u32 seg_32bit:1, contents:2, read_exec_only:1,
 *                          limit_in_pages:1, seg_not_present:1,
 *                          useable:1, lm:1; }   (16 bytes)
 */
#include <errno.h>
#include <sys/mman.h>

#include "qemu.h"
#include "x86-common/x86-user.h"

#define LDT_ENTRIES 8192
#define LDT_SIZE (LDT_ENTRIES * 8)

typedef struct UserDesc {
    uint32_t entry_number, base_addr, limit, flags;
} UserDesc;

#define UD_SEG_32BIT        (1u << 0)
#define UD_CONTENTS_SHIFT   1
#define UD_READ_EXEC_ONLY   (1u << 3)
#define UD_LIMIT_IN_PAGES   (1u << 4)
#define UD_SEG_NOT_PRESENT  (1u << 5)
#define UD_USEABLE          (1u << 6)
#define UD_LM               (1u << 7)

static bool read_user_desc(UserDesc *d, abi_ulong addr)
{
    return get_user_u32(&d->entry_number, addr) &&
           get_user_u32(&d->base_addr, addr + 4) &&
           get_user_u32(&d->limit, addr + 8) &&
           get_user_u32(&d->flags, addr + 12);
}

/* An all-empty user_desc clears the slot (Linux's LDT_empty()). */
static bool desc_is_empty(const UserDesc *d, bool oldmode)
{
    if (d->base_addr || d->limit) {
        return false;
    }
    if (oldmode) {
        return (d->flags & ~UD_USEABLE & 0xff) == UD_READ_EXEC_ONLY ||
               (d->flags & 0xff) == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT);
    }
    return (d->flags & 0xff) == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT);
}

/* The two descriptor words (low, high) for a user_desc. */
static void build_desc(const UserDesc *d, uint32_t *lo, uint32_t *hi)
{
    uint32_t f = d->flags;

    *lo = ((d->base_addr & 0xffff) << 16) | (d->limit & 0xffff);
    *hi = (d->base_addr & 0xff000000) | ((d->base_addr >> 16) & 0xff) |
          (d->limit & 0xf0000) |
          ((f & UD_READ_EXEC_ONLY) ? 0 : 1u << 9) |
          (((f >> UD_CONTENTS_SHIFT) & 3) << 10) |
          ((f & UD_SEG_NOT_PRESENT) ? 0 : DESC_P_MASK) |
          ((f & UD_SEG_32BIT) ? DESC_B_MASK : 0) |
          ((f & UD_LIMIT_IN_PAGES) ? DESC_G_MASK : 0) |
          ((f & UD_LM) ? DESC_L_MASK : 0) |
          ((f & UD_USEABLE) ? 1u << 20 : 0) |
          (1u << DESC_TYPE_SHIFT) |           /* accessed, as Linux sets */
          DESC_S_MASK | (3u << DESC_DPL_SHIFT);
}

static bool put_desc(uint64_t table, int entry, uint32_t lo, uint32_t hi)
{
    return put_user_u32(lo, table + entry * 8) &&
           put_user_u32(hi, table + entry * 8 + 4);
}

bool x86_gdt_init(CPUArchState *env)
{
    abi_long gdt = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (is_error(gdt)) {
        return false;
    }
    env->gdt.base = (abi_ulong)gdt;
    env->gdt.limit = X86_GDT_ENTRIES * 8 - 1;
    /* Flat 4 GiB segments, DPL 3, accessed (as Linux sets them up):
     * 32-bit code, data, 64-bit code. */
    put_desc(env->gdt.base, X86_USER32_CS >> 3, 0xffff, 0x00cffb00);
    put_desc(env->gdt.base, X86_USER_DS >> 3, 0xffff, 0x00cff300);
    put_desc(env->gdt.base, X86_USER64_CS >> 3, 0xffff, 0x00affb00);
    /* Entry 15 (selector 0x7b): the kernel's per-CPU segment, whose limit
     * is node << 12 | cpu (read by lsl in getcpu); we are CPU 0, node 0. */
    put_desc(env->gdt.base, 15, 0, 0x0040f500);
#if TARGET_X86_LM
    env->segs[R_CS].selector = X86_USER64_CS;
    env->segs[R_SS].selector = X86_USER_DS;
#else
    env->segs[R_CS].selector = X86_USER32_CS;
    env->segs[R_SS].selector = X86_USER_DS;
    env->segs[R_DS].selector = X86_USER_DS;
    env->segs[R_ES].selector = X86_USER_DS;
#endif
    return true;
}

void x86_gdt_copy(CPUArchState *env)
{
    uint64_t old = env->gdt.base;
    void *from;

    if (!old || !x86_gdt_init(env)) {
        return;
    }
    from = lock_user(VERIFY_READ, old, X86_GDT_ENTRIES * 8);
    if (from) {
        memcpy(lock_user(VERIFY_WRITE, env->gdt.base, X86_GDT_ENTRIES * 8),
               from, X86_GDT_ENTRIES * 8);
    }
}

void target_cpu_thread_exit(CPUArchState *env)
{
    if (env->gdt.base) {
        target_munmap(env->gdt.base, TARGET_PAGE_SIZE);
        env->gdt.base = 0;
    }
    x86_thread_scratch_free();
}

abi_long do_set_thread_area(CPUArchState *env, abi_ulong uinfo)
{
    UserDesc d;
    uint32_t lo = 0, hi = 0;
    int idx;

    if (!read_user_desc(&d, uinfo)) {
        return -EFAULT;
    }
    if (!env->gdt.base && !x86_gdt_init(env)) {
        return -ENOMEM;
    }
    idx = d.entry_number;
    if (idx == -1) {
        for (idx = X86_TLS_MIN; idx < X86_TLS_MIN + X86_TLS_COUNT; idx++) {
            uint32_t w0, w1;

            if (get_user_u32(&w0, env->gdt.base + idx * 8) &&
                get_user_u32(&w1, env->gdt.base + idx * 8 + 4) &&
                !w0 && !w1) {
                break;
            }
        }
        if (idx == X86_TLS_MIN + X86_TLS_COUNT) {
            return -ESRCH;
        }
        if (!put_user_u32(idx, uinfo)) {
            return -EFAULT;
        }
    }
    if (idx < X86_TLS_MIN || idx >= X86_TLS_MIN + X86_TLS_COUNT) {
        return -EINVAL;
    }
    if (!desc_is_empty(&d, false)) {
        build_desc(&d, &lo, &hi);
    }
    put_desc(env->gdt.base, idx, lo, hi);
    /* A segment register holding this selector sees the new base. */
    if ((env->segs[R_GS].selector >> 3) == (uint32_t)idx &&
        !(env->segs[R_GS].selector & 4)) {
        cpu_x86_load_seg(env, R_GS, env->segs[R_GS].selector);
    }
    if ((env->segs[R_FS].selector >> 3) == (uint32_t)idx &&
        !(env->segs[R_FS].selector & 4)) {
        cpu_x86_load_seg(env, R_FS, env->segs[R_FS].selector);
    }
    return 0;
}

abi_long do_get_thread_area(CPUArchState *env, abi_ulong uinfo)
{
    uint32_t idx, lo = 0, hi = 0, flags;

    if (!get_user_u32(&idx, uinfo)) {
        return -EFAULT;
    }
    if (idx < X86_TLS_MIN || idx >= X86_TLS_MIN + X86_TLS_COUNT) {
        return -EINVAL;
    }
    if (env->gdt.base && (!get_user_u32(&lo, env->gdt.base + idx * 8) ||
                          !get_user_u32(&hi, env->gdt.base + idx * 8 + 4))) {
        return -EFAULT;
    }
    flags = ((hi & DESC_B_MASK) ? UD_SEG_32BIT : 0) |
            (((hi >> 10) & 3) << UD_CONTENTS_SHIFT) |
            ((hi & (1u << 9)) ? 0 : UD_READ_EXEC_ONLY) |
            ((hi & DESC_G_MASK) ? UD_LIMIT_IN_PAGES : 0) |
            ((hi & DESC_P_MASK) ? 0 : UD_SEG_NOT_PRESENT) |
            ((hi & (1u << 20)) ? UD_USEABLE : 0) |
            ((hi & DESC_L_MASK) ? UD_LM : 0);
    if (!lo && !hi) {
        flags = UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT;
    }
    if (!put_user_u32((lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000),
                      uinfo + 4) ||
        !put_user_u32((lo & 0xffff) | (hi & 0xf0000), uinfo + 8) ||
        !put_user_u32(flags, uinfo + 12)) {
        return -EFAULT;
    }
    return 0;
}

/* modify_ldt(func, ptr, bytecount): 0 read, 1 write (old), 0x11 write,
 * 2 read the default LDT (empty). */
abi_long do_modify_ldt(CPUArchState *env, int func, abi_ulong ptr,
                       abi_ulong count)
{
    UserDesc d;
    uint32_t lo = 0, hi = 0;
    void *p;

    switch (func) {
    case 0:
        if (!env->ldt.base) {
            return 0;
        }
        if (count > LDT_SIZE) {
            count = LDT_SIZE;
        }
        p = lock_user(VERIFY_WRITE, ptr, count);
        if (!p) {
            return -EFAULT;
        }
        memcpy(p, lock_user(VERIFY_READ, env->ldt.base, count), count);
        return count;
    case 2:
        if (count > 128) {
            count = 128;
        }
        p = lock_user(VERIFY_WRITE, ptr, count);
        if (!p) {
            return -EFAULT;
        }
        memset(p, 0, count);
        return count;
    case 1:
    case 0x11:
        if (count != 16) {
            return -EINVAL;
        }
        if (!read_user_desc(&d, ptr)) {
            return -EFAULT;
        }
        if (d.entry_number >= LDT_ENTRIES) {
            return -EINVAL;
        }
        /* contents 3 (conforming code) only with seg_not_present. */
        if (((d.flags >> UD_CONTENTS_SHIFT) & 3) == 3 &&
            (func == 1 || !(d.flags & UD_SEG_NOT_PRESENT))) {
            return -EINVAL;
        }
        if (!env->ldt.base) {
            abi_long ldt = target_mmap(0, LDT_SIZE, PROT_READ | PROT_WRITE,
                                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

            if (is_error(ldt)) {
                return -ENOMEM;
            }
            TaskState *t;

            /* The LDT belongs to the process: every thread sees it. */
            env->ldt.base = (abi_ulong)ldt;
            env->ldt.limit = LDT_SIZE - 1;
            pthread_mutex_lock(&thread_list_lock);
            for (t = thread_list; t; t = t->next) {
                t->env->ldt = env->ldt;
            }
            pthread_mutex_unlock(&thread_list_lock);
        }
        if (!desc_is_empty(&d, func == 1)) {
            build_desc(&d, &lo, &hi);
            if (func == 1) {
                hi &= ~(1u << 20);          /* oldmode: no "useable" */
            }
        }
        return put_desc(env->ldt.base, d.entry_number, lo, hi) ? 0 : -EFAULT;
    default:
        return -ENOSYS;
    }
}
