/*
 * linux-user/arm/kuser.c: the ARM vectors page and its kernel user
 * helpers, and the signal return codes.
 *
 * 32-bit ARM Linux maps one page at 0xffff0000 into every process; its
 * top holds small routines user space calls by fixed address when it
 * cannot assume an instruction exists or wants the kernel's choice of
 * barrier (glibc and libgcc call them on armel; the ABI is documented in
 * the kernel's Documentation/arm/kernel_user_helpers.rst):
 *
 *   0xffff0f60 __kuser_cmpxchg64 (version >= 5)
 *       r0 = &oldval (64-bit), r1 = &newval, r2 = ptr.  If *ptr == old,
 *       store new: r0 = 0 and C set; else r0 != 0 and C clear.
 *       Clobbers r3, lr, flags.
 *   0xffff0fa0 __kuser_memory_barrier (version >= 3)
 *   0xffff0fc0 __kuser_cmpxchg (version >= 2)
 *       r0 = oldval, r1 = newval, r2 = ptr: the 32-bit form, same result
 *       convention.  Clobbers r3, ip, flags.
 *   0xffff0fe0 __kuser_get_tls (version >= 1): r0 = TPIDRURO.
 *   0xffff0ffc __kuser_helper_version: the number of helpers, 5.
 *
 * They are real A32 code run by the translator like any guest code:
 * ldrex/strex for the atomics (host atomics underneath), dmb ish for the
 * barriers and mrc p15 c13 for the TLS register, so no special case is
 * needed in the CPU loop.  The words were assembled with GNU as from the
 * sequences shown next to them.  Every other word of the page is udf #0,
 * so a stray jump into it raises SIGILL.
 *
 * The page also holds, at 0x500, the signal return codes that the old
 * kernels kept there (newer ones use a separate "sigpage" with the same
 * codes): the sa_restorer stand-in when SA_RESTORER is not given.
 *
 * The page is read + execute for the guest, never writable.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "qemu.h"
#include "syscall_nr.h"
#include "arm-user.h"

#define VECTORS_BASE    ARM_VECTORS_BASE
#define UDF_A32         0xe7f000f0u         /* udf #0 */

typedef struct KuserCode {
    uint32_t offset;
    const uint32_t *words;
    unsigned count;
} KuserCode;

static const uint32_t kuser_cmpxchg64[] = {
    0xf57ff05b,     /*    dmb      ish                              */
    0xe92d00f0,     /*    push     {r4, r5, r6, r7}                 */
    0xe1c040d0,     /*    ldrd     r4, r5, [r0]      old            */
    0xe1c160d0,     /*    ldrd     r6, r7, [r1]      new            */
    0xe1b20f9f,     /* 1: ldrexd   r0, r1, [r2]                     */
    0xe0303004,     /*    eors     r3, r0, r4                       */
    0x00313005,     /*    eorseq   r3, r1, r5                       */
    0x01a23f96,     /*    strexdeq r3, r6, r7, [r2]                 */
    0x03330001,     /*    teqeq    r3, #1           lost: again     */
    0x0afffff9,     /*    beq      1b                               */
    0xe2730000,     /*    rsbs     r0, r3, #0       C = (r3 == 0)   */
    0xe8bd00f0,     /*    pop      {r4, r5, r6, r7}                 */
    0xea000002,     /*    b        __kuser_memory_barrier           */
};

static const uint32_t kuser_memory_barrier[] = {
    0xf57ff05b,     /*    dmb      ish                              */
    0xe12fff1e,     /*    bx       lr                               */
};

static const uint32_t kuser_cmpxchg[] = {
    0xf57ff05b,     /*    dmb      ish                              */
    0xe1923f9f,     /* 1: ldrex    r3, [r2]                         */
    0xe0533000,     /*    subs     r3, r3, r0                       */
    0x01823f91,     /*    strexeq  r3, r1, [r2]                     */
    0x03330001,     /*    teqeq    r3, #1           lost: again     */
    0x0afffffa,     /*    beq      1b                               */
    0xe2730000,     /*    rsbs     r0, r3, #0       C = (r3 == 0)   */
    0xeaffffef,     /*    b        __kuser_memory_barrier           */
};

static const uint32_t kuser_get_tls[] = {
    0xee1d0f70,     /*    mrc      p15, 0, r0, c13, c0, 3           */
    0xe12fff1e,     /*    bx       lr                               */
};

static const uint32_t kuser_version[] = { 5 };

/*
 * The return codes, in the order the kernel indexes them (word index
 * idx = 2 * thumb + 3 * rt, a Thumb entry is entered at +1):
 *   [0] mov r7, #NR_sigreturn     [1] svc 0        (A32)
 *   [2] movs r7, #NR_sigreturn; svc 0               (T16 pair)
 *   [3] mov r7, #NR_rt_sigreturn  [4] svc 0        (A32)
 *   [5] movs r7, #NR_rt_sigreturn; svc 0            (T16 pair)
 */
const uint32_t arm_sigreturn_codes[ARM_SIGRETURN_WORDS] = {
    0xe3a07000 | TARGET_NR_sigreturn,
    0xef000000,
    0xdf002700 | TARGET_NR_sigreturn,
    0xe3a07000 | TARGET_NR_rt_sigreturn,
    0xef000000,
    0xdf002700 | TARGET_NR_rt_sigreturn,
};

#define CODE(off, a) { off, a, sizeof(a) / sizeof(a[0]) }
static const KuserCode kuser_codes[] = {
    CODE(0x500, arm_sigreturn_codes),
    CODE(0xf60, kuser_cmpxchg64),
    CODE(0xfa0, kuser_memory_barrier),
    CODE(0xfc0, kuser_cmpxchg),
    CODE(0xfe0, kuser_get_tls),
    CODE(0xffc, kuser_version),
};

abi_ulong arm_sigreturn_base;

/* The page's contents (guest byte order). */
static void fill_page(uint32_t *page, bool vectors)
{
    size_t i, j;

    for (i = 0; i < TARGET_PAGE_SIZE / 4; i++) {
        page[i] = tswap32(UDF_A32);
    }
    for (i = 0; i < sizeof(kuser_codes) / sizeof(kuser_codes[0]); i++) {
        if (!vectors && kuser_codes[i].offset != 0x500) {
            continue;
        }
        for (j = 0; j < kuser_codes[i].count; j++) {
            page[kuser_codes[i].offset / 4 + j] =
                tswap32(kuser_codes[i].words[j]);
        }
    }
}

/* Map a read + execute page holding the codes at addr (0: anywhere). */
static abi_ulong map_code_page(abi_ulong addr, bool vectors)
{
    abi_long r = target_mmap(addr, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS |
                             (addr ? MAP_FIXED_NOREPLACE : 0), -1, 0);
    abi_ulong page = (abi_ulong)r;      /* abi_long: negative at the top */

    if (is_error(r) || (addr && page != addr)) {
        return 0;
    }
    fill_page(g2h(page), vectors);
    target_mprotect(page, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC);
    return page;
}

bool arm_map_vectors_page(CPUArchState *env)
{
    (void)env;
    if ((uint64_t)VECTORS_BASE + TARGET_PAGE_SIZE > reserved_va) {
        /* A small -R space: no helpers (programs that need them fail). */
        return true;
    }
    if (!map_code_page(VECTORS_BASE, true)) {
        fprintf(stderr, "qemu-arm: cannot map the vectors page at 0x%x\n",
                VECTORS_BASE);
        return false;
    }
    arm_sigreturn_base = VECTORS_BASE + 0x500;
    return true;
}

/* Signal set-up: the return codes, in the vectors page or a page of
 * their own when there is no vectors page. */
void arm_sigreturn_init(void)
{
    abi_ulong page;

    if (arm_sigreturn_base) {
        return;
    }
    page = map_code_page(0, false);
    if (page) {
        arm_sigreturn_base = page + 0x500;
    }
}
