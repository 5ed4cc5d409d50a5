/*
 * linux-user/i386/vm86.c: the vm86old (113) and vm86 (166) system calls
 * of qemu-i386: running guest code in virtual-8086 mode, as a 32-bit
 * Linux kernel does for DOS emulators.
 *
 * Entering: the call copies struct vm86_struct (vm86old) or
 * vm86plus_struct (vm86 VM86_ENTER / VM86_ENTER_NO_BYPASS) from the
 * guest, saves the 32-bit state it was called from, and loads the
 * vm86 registers: real-mode segments (base = selector << 4, 64 KiB
 * limit, 16-bit), EFLAGS.VM set, and the flags the guest may not choose
 * (IF, IOPL = 0, ...) kept from protected mode.  The guest's own IF,
 * IOPL, NT, AC and ID live in the virtual flags (veflags; VIF is the
 * virtual IF), as the kernel keeps them.
 *
 * Running: the translator sees HF_VM: real-mode segment loads and far
 * transfers, and with IOPL 0 the sensitive instructions (pushf, popf,
 * cli, sti, int n, iret, in/out, hlt) raise #GP, as on the CPU.  The
 * cpu loop hands every exception taken in vm86 mode to
 * x86_vm86_exception(), which does what the kernel's vm86 monitor does:
 *   #GP       decode the instruction at cs:ip (prefixes 66 67 26 2e 36
 *             3e 64 65 f2 f3): pushf/popf/iret/cli/sti work on the
 *             virtual flags; int n goes through the real-mode IVT at
 *             linear 0, unless the vector is in int_revectored (or, for
 *             int 0x21, AH is in int21_revectored), the IVT cannot be
 *             read, or the handler or caller is in the BIOS segment
 *             0xf000: then the call returns VM86_INTx | n << 8, ip after
 *             the int.  Anything else returns VM86_UNKNOWN.
 *   #DE #DB #BP #OF #BR  vm86plus: #DB and #BP return VM86_TRAP | n << 8,
 *             the others are reflected through the IVT like int n;
 *             vm86old: #DB sends SIGTRAP, the rest the usual signal.
 *   others    the usual signal.
 * A signal delivered to a handler while in vm86 mode (the frame code,
 * i386/signal.c) first returns from the call with VM86_SIGNAL, so the
 * handler runs on the 32-bit state.  Leaving writes the vm86 registers
 * back to the guest's structure (eflags with VIF and the virtual bits)
 * and resumes the 32-bit code after the call with eax = the result.
 *
 * Not emulated: VM86_SCREEN_BITMAP (EINVAL, as today's kernels), the
 * IRQ passing calls (VM86_REQUEST_IRQ needs a host interrupt: EPERM;
 * the others answer as for an unowned IRQ), segment limit checks on
 * 32-bit offsets (0x67) in vm86 code.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "qemu.h"
#include "qemu/log.h"
#include "syscall_nr.h"
#include "x86-common/x86-user.h"

/* vm86() return types and function codes (asm/vm86.h). */
#define VM86_SIGNAL     0
#define VM86_UNKNOWN    1
#define VM86_INTx       2
#define VM86_STI        3
#define VM86_PICRETURN  4
#define VM86_TRAP       6

#define VM86_PLUS_INSTALL_CHECK 0
#define VM86_REQUEST_IRQ        3
#define VM86_FREE_IRQ           4
#define VM86_GET_IRQ_BITS       5
#define VM86_GET_AND_RESET_IRQ  6

#define VM86_SCREEN_BITMAP 1
#define BIOSSEG 0xf000

enum { CPU_086, CPU_186, CPU_286, CPU_386, CPU_486, CPU_586 };

/* struct vm86_regs / vm86_struct / vm86plus_struct offsets (i386). */
#define VR_EBX     0
#define VR_ECX     4
#define VR_EDX     8
#define VR_ESI     12
#define VR_EDI     16
#define VR_EBP     20
#define VR_EAX     24
#define VR_EIP     48
#define VR_CS      52
#define VR_EFLAGS  56
#define VR_ESP     60
#define VR_SS      64
#define VR_ES      68
#define VR_DS      72
#define VR_FS      76
#define VR_GS      80
#define V_FLAGS    84
#define V_CPU_TYPE 92
#define V_INT_REV  96
#define V_INT21_REV 128
#define V_PLUS     160
#define V_PLUS_TAB 164
#define VM86_STRUCT_SIZE     160
#define VM86PLUS_STRUCT_SIZE 196

/* vm86plus_info_struct's first word. */
#define VP_FORCE_RETURN_FOR_PIC 1u
#define VP_DBG_ACTIVE           2u
#define VP_DBG_TF_PENDING       4u

/* The flags the vm86 task may set itself; those returned by pushf. */
#define SAFE_MASK   0xdd5u
#define RETURN_MASK 0xdffu

/* The general registers in vm86_regs order. */
static const int vr_regs[7] = {
    R_EBX, R_ECX, R_EDX, R_ESI, R_EDI, R_EBP, R_EAX
};
static const struct {
    int seg, off;
} vr_segs[6] = {
    { R_CS, VR_CS }, { R_SS, VR_SS }, { R_ES, VR_ES },
    { R_DS, VR_DS }, { R_FS, VR_FS }, { R_GS, VR_GS },
};

typedef struct VM86State {
    bool active;
    bool plus;
    abi_ulong user;              /* the guest's structure */
    uint32_t veflags;            /* the virtual flags (VIF, IF, IOPL...) */
    uint32_t veflags_mask;       /* which bits of veflags the task owns */
    uint32_t int_revectored[8];
    uint32_t int21_revectored[8];
    uint32_t plus_flags;         /* VP_* */
    uint8_t dbg_intxxtab[32];
    /* The 32-bit state the call came from. */
    uint64_t regs32[8];
    uint64_t eip32;
    uint32_t eflags32;
    SegmentCache segs32[6];
} VM86State;

static __thread VM86State vm86;

static uint32_t ld32(const uint8_t *p, int off)
{
    uint32_t v;

    memcpy(&v, p + off, 4);
    return tswap32(v);
}

static uint16_t ld16(const uint8_t *p, int off)
{
    uint16_t v;

    memcpy(&v, p + off, 2);
    return tswap16(v);
}

static void st32(uint8_t *p, int off, uint32_t v)
{
    v = tswap32(v);
    memcpy(p + off, &v, 4);
}

static void st16(uint8_t *p, int off, uint16_t v)
{
    v = tswap16(v);
    memcpy(p + off, &v, 2);
}

/* A real-mode segment register: base = selector << 4, 64 KiB, 16-bit. */
static void vm86_set_seg(CPUArchState *env, int seg, uint16_t sel)
{
    SegmentCache *sc = &env->segs[seg];

    sc->selector = sel;
    sc->base = (uint64_t)sel << 4;
    sc->limit = 0xffff;
    sc->flags = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK |
                (3u << DESC_DPL_SHIFT) |
                (seg == R_CS ? DESC_CS_MASK : 0);
}

/* ------------------------------------------------------ leaving */

/* Back to the 32-bit state with eax = retval (the kernel's
 * save_v86_state()). */
void x86_vm86_leave(CPUArchState *env, int retval)
{
    uint32_t eflags = cpu_compute_eflags(env);
    uint8_t *u;
    int i;

    if (!vm86.active) {
        return;
    }
    vm86.active = false;
    eflags = (eflags & ~(VIF_MASK | vm86.veflags_mask)) |
             (vm86.veflags & (VIF_MASK | vm86.veflags_mask));
    u = lock_user(VERIFY_WRITE, vm86.user,
                  vm86.plus ? VM86PLUS_STRUCT_SIZE : VM86_STRUCT_SIZE);
    if (u) {
        for (i = 0; i < 7; i++) {
            st32(u, 4 * i, env->regs[vr_regs[i]]);
        }
        st32(u, VR_EIP, env->eip);
        st32(u, VR_EFLAGS, eflags);
        st32(u, VR_ESP, env->regs[R_ESP]);
        for (i = 0; i < 6; i++) {
            st16(u, vr_segs[i].off, env->segs[vr_segs[i].seg].selector);
        }
    }

    memcpy(env->segs, vm86.segs32, sizeof(env->segs));
    for (i = 0; i < 8; i++) {
        env->regs[i] = vm86.regs32[i];
    }
    env->eip = vm86.eip32;
    env->eflags = 0;
    cpu_load_eflags(env, vm86.eflags32, ~0u);
    cpu_x86_update_hflags(env);
    env->regs[R_EAX] = (uint32_t)retval;
    if (!u) {
        /* The kernel kills the task when the structure went away. */
        qemu_log_mask(LOG_GUEST_ERROR, "vm86: cannot write back the "
                      "vm86 state at 0x" TARGET_ABI_FMT_lx "\n", vm86.user);
        dump_and_die(SIGSEGV);
    }
}

/* ------------------------------------------------------ entering */

static abi_long vm86_enter(CPUArchState *env, abi_ulong addr, bool plus)
{
    const uint8_t *u;
    uint32_t eflags, cur;
    int i;

    if (vm86.active) {
        return -EPERM;
    }
    u = lock_user(VERIFY_READ, addr,
                  plus ? VM86PLUS_STRUCT_SIZE : VM86_STRUCT_SIZE);
    if (!u) {
        return -EFAULT;
    }
    if (ld32(u, V_FLAGS) & VM86_SCREEN_BITMAP) {
        qemu_log_mask(LOG_UNIMP, "vm86: VM86_SCREEN_BITMAP is not "
                      "supported\n");
        return -EINVAL;
    }

    vm86.plus = plus;
    vm86.user = addr;
    for (i = 0; i < 8; i++) {
        vm86.int_revectored[i] = ld32(u, V_INT_REV + 4 * i);
        vm86.int21_revectored[i] = ld32(u, V_INT21_REV + 4 * i);
    }
    if (plus) {
        vm86.plus_flags = ld32(u, V_PLUS);
        memcpy(vm86.dbg_intxxtab, u + V_PLUS_TAB, 32);
    } else {
        vm86.plus_flags = 0;
        memset(vm86.dbg_intxxtab, 0, 32);
    }
    switch (ld32(u, V_CPU_TYPE)) {
    case CPU_286:
        vm86.veflags_mask = 0;
        break;
    case CPU_386:
        vm86.veflags_mask = NT_MASK | IOPL_MASK;
        break;
    case CPU_486:
        vm86.veflags_mask = AC_MASK | NT_MASK | IOPL_MASK;
        break;
    default:
        vm86.veflags_mask = ID_MASK | AC_MASK | NT_MASK | IOPL_MASK;
        break;
    }

    /* The state to come back to: after the call, as the kernel saves it. */
    for (i = 0; i < 8; i++) {
        vm86.regs32[i] = env->regs[i];
    }
    vm86.eip32 = env->eip;
    cur = cpu_compute_eflags(env);
    vm86.eflags32 = cur;
    memcpy(vm86.segs32, env->segs, sizeof(env->segs));

    /* Only the arithmetic flags, TF and DF come from the caller. */
    eflags = ld32(u, VR_EFLAGS);
    vm86.veflags = eflags;
    eflags = (eflags & SAFE_MASK) | (cur & ~SAFE_MASK) | VM_MASK;

    for (i = 0; i < 7; i++) {
        env->regs[vr_regs[i]] = ld32(u, 4 * i);
    }
    env->regs[R_ESP] = ld32(u, VR_ESP);
    env->eip = ld32(u, VR_EIP);
    for (i = 0; i < 6; i++) {
        vm86_set_seg(env, vr_segs[i].seg, ld16(u, vr_segs[i].off));
    }
    env->eflags = 0;
    cpu_load_eflags(env, eflags, ~0u);
    cpu_x86_update_hflags(env);
    vm86.active = true;
    /* eax is the vm86 task's own: the caller must not overwrite it */
    return -QEMU_ESIGRETURN;
}

abi_long x86_vm86_syscall(CPUArchState *env, int num, abi_ulong a0,
                          abi_ulong a1)
{
    if (num == TARGET_NR_vm86old) {
        return vm86_enter(env, a0, false);
    }
    switch (a0) {
    case VM86_PLUS_INSTALL_CHECK:
        return 0;
    case VM86_REQUEST_IRQ:
        /* would route a host interrupt line to the task */
        return -EPERM;
    case VM86_FREE_IRQ:
        return 0;
    case VM86_GET_IRQ_BITS:
    case VM86_GET_AND_RESET_IRQ:
        /* IRQs 3..15 may be asked about; none is ever ours */
        return ((a1 & 0xff) < 3 || (a1 & 0xff) > 15) ? -EPERM : 0;
    default:
        return vm86_enter(env, a1, true);
    }
}

/* ------------------------------------------------ the vm86 monitor */

/* The virtual flags a pushf (or an interrupt) shows the task. */
static uint32_t vm86_get_vflags(CPUArchState *env)
{
    uint32_t flags = cpu_compute_eflags(env) & RETURN_MASK;

    if (vm86.veflags & VIF_MASK) {
        flags |= IF_MASK;
    }
    flags |= IOPL_MASK;
    return flags | (vm86.veflags & vm86.veflags_mask);
}

/* popf/iret: width 16 or 32 bits of new flags. */
static void vm86_set_vflags(CPUArchState *env, uint32_t flags, bool wide)
{
    uint32_t mask = vm86.veflags_mask & (wide ? ~0u : 0xffffu);

    vm86.veflags = (vm86.veflags & ~mask) | (flags & mask);
    cpu_load_eflags(env, flags, SAFE_MASK);
    if (flags & IF_MASK) {
        vm86.veflags |= VIF_MASK;
    } else {
        vm86.veflags &= ~VIF_MASK;
    }
    cpu_x86_update_hflags(env);
}

static bool vm86_revectored(int nr, const uint32_t *map)
{
    return (map[nr >> 5] >> (nr & 31)) & 1;
}

/* Stack and code bytes: base + 16-bit offset, which wraps. */
static bool vm86_getb(uint32_t base, uint16_t off, uint8_t *v)
{
    const uint8_t *p = lock_user(VERIFY_READ, base + off, 1);

    if (!p) {
        return false;
    }
    *v = *p;
    return true;
}

static bool vm86_putb(uint32_t base, uint16_t off, uint8_t v)
{
    uint8_t *p = lock_user(VERIFY_WRITE, base + off, 1);

    if (!p) {
        return false;
    }
    *p = v;
    return true;
}

/* Push n bytes of val at ss:sp - n (high byte first, as the kernel). */
static bool vm86_push(uint32_t ssp, uint16_t *sp, uint32_t val, int n)
{
    int i;

    for (i = n - 1; i >= 0; i--) {
        --*sp;
        if (!vm86_putb(ssp, *sp, val >> (8 * i))) {
            return false;
        }
    }
    return true;
}

static bool vm86_pop(uint32_t ssp, uint16_t *sp, uint32_t *val, int n)
{
    uint8_t b;
    int i;

    *val = 0;
    for (i = 0; i < n; i++) {
        if (!vm86_getb(ssp, *sp, &b)) {
            return false;
        }
        ++*sp;
        *val |= (uint32_t)b << (8 * i);
    }
    return true;
}

static void vm86_set_ip(CPUArchState *env, uint16_t ip)
{
    env->eip = (env->eip & ~0xffffull) | ip;
}

static void vm86_set_sp(CPUArchState *env, uint16_t sp)
{
    env->regs[R_ESP] = (env->regs[R_ESP] & ~0xffffull) | sp;
}

/* int n from the task (ip already after the instruction): through the
 * real-mode IVT, or back to the caller with VM86_INTx. */
static void vm86_do_int(CPUArchState *env, int n)
{
    uint32_t ssp = env->segs[R_SS].selector << 4, segoffs;
    uint16_t sp = env->regs[R_ESP];
    int ah = (env->regs[R_EAX] >> 8) & 0xff;

    if (env->segs[R_CS].selector == BIOSSEG ||
        vm86_revectored(n, vm86.int_revectored) ||
        (n == 0x21 && vm86_revectored(ah, vm86.int21_revectored)) ||
        !get_user_u32(&segoffs, n << 2) || (segoffs >> 16) == BIOSSEG ||
        !vm86_push(ssp, &sp, vm86_get_vflags(env), 2) ||
        !vm86_push(ssp, &sp, env->segs[R_CS].selector, 2) ||
        !vm86_push(ssp, &sp, (uint16_t)env->eip, 2)) {
        x86_vm86_leave(env, VM86_INTx | (n << 8));
        return;
    }
    vm86_set_sp(env, sp);
    vm86_set_seg(env, R_CS, segoffs >> 16);
    env->eip = segoffs & 0xffff;
    vm86.veflags &= ~VIF_MASK;
    cpu_load_eflags(env, 0, TF_MASK | AC_MASK);
    cpu_x86_update_hflags(env);
}

/* #DE #DB #BP #OF #BR in vm86 mode: true when handled here. */
static bool vm86_trap(CPUArchState *env, int trapno)
{
    if (vm86.plus) {
        if (trapno == EXCP01_DB || trapno == EXCP03_INT3) {
            x86_vm86_leave(env, VM86_TRAP | (trapno << 8));
        } else {
            vm86_do_int(env, trapno);
        }
        return true;
    }
    if (trapno != EXCP01_DB) {
        return false;
    }
    x86_fault.trapno = trapno;
    x86_fault.err = 0;
    force_sig_fault(SIGTRAP, SI_KERNEL, 0);
    return true;
}

/* A #GP in vm86 mode: the sensitive instruction at cs:ip. */
static void vm86_gpf(CPUArchState *env)
{
    uint32_t csp = env->segs[R_CS].selector << 4;
    uint32_t ssp = env->segs[R_SS].selector << 4;
    uint16_t ip = env->eip, sp = env->regs[R_ESP];
    bool data32 = false, tf = cpu_compute_eflags(env) & TF_MASK;
    uint32_t newip, newcs, newflags;
    uint8_t op;
    int n;

    for (;;) {
        if (!vm86_getb(csp, ip++, &op)) {
            goto unknown;
        }
        if (op == 0x66) {
            data32 = true;
        } else if (op != 0x67 && op != 0x26 && op != 0x2e && op != 0x36 &&
                   op != 0x3e && op != 0x64 && op != 0x65 && op != 0xf2 &&
                   op != 0xf3) {
            break;
        }
    }
    n = data32 ? 4 : 2;

    switch (op) {
    case 0x9c:                                      /* pushf */
        if (!vm86_push(ssp, &sp, vm86_get_vflags(env), n)) {
            goto unknown;
        }
        vm86_set_sp(env, sp);
        vm86_set_ip(env, ip);
        break;
    case 0x9d:                                      /* popf */
        if (!vm86_pop(ssp, &sp, &newflags, n)) {
            goto unknown;
        }
        vm86_set_sp(env, sp);
        vm86_set_ip(env, ip);
        if ((vm86.plus_flags & (VP_DBG_ACTIVE | VP_DBG_TF_PENDING)) ==
            (VP_DBG_ACTIVE | VP_DBG_TF_PENDING)) {
            newflags |= TF_MASK;
        }
        vm86_set_vflags(env, newflags, data32);
        goto check_vip;
    case 0xcd: {                                    /* int n */
        uint8_t intno;

        if (!vm86_getb(csp, ip++, &intno)) {
            goto unknown;
        }
        vm86_set_ip(env, ip);
        if ((vm86.plus_flags & VP_DBG_ACTIVE) &&
            ((vm86.dbg_intxxtab[intno >> 3] >> (intno & 7)) & 1)) {
            x86_vm86_leave(env, VM86_INTx | (intno << 8));
            return;
        }
        vm86_do_int(env, intno);
        return;
    }
    case 0xcf:                                      /* iret */
        if (!vm86_pop(ssp, &sp, &newip, n) ||
            !vm86_pop(ssp, &sp, &newcs, n) ||
            !vm86_pop(ssp, &sp, &newflags, n)) {
            goto unknown;
        }
        vm86_set_sp(env, sp);
        env->eip = newip;
        vm86_set_seg(env, R_CS, newcs);
        if ((vm86.plus_flags & (VP_DBG_ACTIVE | VP_DBG_TF_PENDING)) ==
            (VP_DBG_ACTIVE | VP_DBG_TF_PENDING)) {
            newflags |= TF_MASK;
        }
        vm86_set_vflags(env, newflags, data32);
        goto check_vip;
    case 0xfa:                                      /* cli */
        vm86_set_ip(env, ip);
        vm86.veflags &= ~VIF_MASK;
        break;
    case 0xfb:                                      /* sti */
        vm86_set_ip(env, ip);
        vm86.veflags |= VIF_MASK;
        goto check_vip;
    default:
        goto unknown;
    }
    goto fault_return;

check_vip:
    if ((vm86.veflags & (VIP_MASK | VIF_MASK)) == (VIP_MASK | VIF_MASK)) {
        x86_vm86_leave(env, VM86_STI);
        return;
    }
fault_return:
    if ((vm86.plus_flags & VP_FORCE_RETURN_FOR_PIC) &&
        (vm86.veflags & (IF_MASK | VIF_MASK))) {
        x86_vm86_leave(env, VM86_PICRETURN);
        return;
    }
    if (tf) {
        vm86_trap(env, EXCP01_DB);
    }
    return;

unknown:
    x86_vm86_leave(env, VM86_UNKNOWN);
}

bool x86_vm86_exception(CPUArchState *env, int trapnr)
{
    switch (trapnr) {
    case EXCP0D_GPF:
        vm86_gpf(env);
        return true;
    case EXCP00_DIVZ:
    case EXCP01_DB:
    case EXCP03_INT3:
    case EXCP04_INTO:
    case EXCP05_BOUND:
        return vm86_trap(env, trapnr);
    case EXCP_SYSCALL:
    case EXCP_INT:
        /* not expected (the translator makes sysenter and int n #GP in
         * vm86 mode): give the task back at the 2-byte instruction */
        vm86_set_ip(env, env->eip - 2);
        x86_vm86_leave(env, VM86_UNKNOWN);
        return true;
    default:
        return false;
    }
}
