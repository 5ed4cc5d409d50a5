/*
 * linux-user/i386/signal.c: the i386 Linux signal frames.
 *
 * Without SA_SIGINFO (struct sigframe):
 *   frame + 0     pretcode (return address of the handler)
 *   frame + 4     sig
 *   frame + 8     sigcontext (88 bytes: gs fs es ds, edi esi ebp esp ebx
 *                 edx ecx eax, trapno err eip cs eflags esp_at_signal ss,
 *                 fpstate, oldmask, cr2)
 *   frame + 96    an unused _fpstate_32 (624 bytes)
 *   frame + 720   extramask (signals 33-64)
 *   frame + 724   retcode: popl %eax; movl $119, %eax; int $0x80
 * With SA_SIGINFO (struct rt_sigframe):
 *   frame + 0     pretcode, sig, pinfo, puc
 *   frame + 16    siginfo (the 32-bit layout, 128 bytes)
 *   frame + 144   ucontext: uc_flags, uc_link, uc_stack (12 bytes),
 *                 sigcontext at +20, uc_sigmask at +108
 *   frame + 260   retcode: movl $173, %eax; int $0x80
 * The FP state lies above the frame: the 112-byte FSAVE header
 * (status/magic at 108), then at a 64-byte boundary the FXSAVE/XSAVE
 * image of x86-common/fpframe.c.  (frame + 4) is 16-byte aligned, as
 * after a call.  Without SA_RESTORER the handler returns to the vDSO's
 * __kernel_sigreturn / __kernel_rt_sigreturn, as with the kernel (to a
 * trampoline page of ours if there is no vDSO); the retcode bytes are
 * still written, for debuggers that look for them.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "qemu.h"
#include "syscall32.h"
#include "qemu/log.h"
#include "syscall_nr.h"
#include "x86-common/x86-user.h"

abi_long i386_sigreturn(CPUArchState *env);

#define SIGFRAME_SC         8
#define SIGFRAME_EXTRAMASK  720
#define SIGFRAME_RETCODE    724
#define SIGFRAME_SIZE       732

#define RT_INFO             16
#define RT_UC               144
#define RT_RETCODE          260
#define RT_SIZE             268
#define UC_FLAGS            0
#define UC_STACK            8
#define UC_MCONTEXT         20
#define UC_SIGMASK          108

/* sigcontext offsets. */
#define SC_GS      0
#define SC_FS      4
#define SC_ES      8
#define SC_DS      12
#define SC_EDI     16
#define SC_TRAPNO  48
#define SC_ERR     52
#define SC_EIP     56
#define SC_CS      60
#define SC_EFLAGS  64
#define SC_ESP_AT  68
#define SC_SS      72
#define SC_FPSTATE 76
#define SC_OLDMASK 80
#define SC_CR2     84

#define FSAVE_HEADER 112
#define UC_FP_XSTATE 1

/* edi esi ebp esp ebx edx ecx eax, as the sigcontext orders them. */
static const int sc_regs[8] = {
    R_EDI, R_ESI, R_EBP, R_ESP, R_EBX, R_EDX, R_ECX, R_EAX
};

static abi_ulong tramp_sigreturn, tramp_rt_sigreturn;

static const uint8_t retcode[8] = {
    0x58, 0xb8, TARGET_NR_sigreturn, 0, 0, 0, 0xcd, 0x80
};
static const uint8_t rt_retcode[8] = {
    0xb8, TARGET_NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0
};

void target_signal_init(void)
{
    abi_long r;
    abi_ulong page;

    if (x86_vdso_sigreturn && x86_vdso_rt_sigreturn) {
        tramp_sigreturn = x86_vdso_sigreturn;
        tramp_rt_sigreturn = x86_vdso_rt_sigreturn;
        return;
    }
    r = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (is_error(r)) {
        return;
    }
    page = r;
    memcpy(g2h(page), retcode, sizeof(retcode));
    memcpy(g2h(page + 16), rt_retcode, sizeof(rt_retcode));
    target_mprotect(page, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC);
    tramp_sigreturn = page;
    tramp_rt_sigreturn = page + 16;
}

static void put32(uint8_t *base, size_t off, uint32_t v)
{
    v = tswap32(v);
    memcpy(base + off, &v, 4);
}

static uint32_t get32(const uint8_t *base, size_t off)
{
    uint32_t v;

    memcpy(&v, base + off, 4);
    return tswap32(v);
}

/* Fill a sigcontext; fp = the FP state's guest address. */
static void setup_sigcontext(uint8_t *sc, CPUArchState *env, abi_ulong fp,
                             uint32_t mask)
{
    int i;

    put32(sc, SC_GS, env->segs[R_GS].selector);
    put32(sc, SC_FS, env->segs[R_FS].selector);
    put32(sc, SC_ES, env->segs[R_ES].selector);
    put32(sc, SC_DS, env->segs[R_DS].selector);
    for (i = 0; i < 8; i++) {
        put32(sc, SC_EDI + 4 * i, env->regs[sc_regs[i]]);
    }
    put32(sc, SC_TRAPNO, x86_fault.trapno);
    put32(sc, SC_ERR, x86_fault.err);
    put32(sc, SC_EIP, env->eip);
    put32(sc, SC_CS, env->segs[R_CS].selector);
    put32(sc, SC_EFLAGS, cpu_compute_eflags(env));
    put32(sc, SC_ESP_AT, env->regs[R_ESP]);
    put32(sc, SC_SS, env->segs[R_SS].selector);
    put32(sc, SC_FPSTATE, fp);
    put32(sc, SC_OLDMASK, mask);
    put32(sc, SC_CR2, x86_fault.cr2);
}

/* A CPU without FXSAVE (before the Pentium II) gets the FSAVE image only. */
static bool has_fxsr(CPUArchState *env)
{
    return env_archcpu(env)->features[FEAT_1_EDX] & CPUID_FXSR;
}

static abi_ulong fp_size(CPUArchState *env)
{
    return has_fxsr(env) ? x86_fpframe_size(env) : 0;
}

/* Where the frame of size bytes goes; *fp = its FP state. */
static abi_ulong frame_addr(CPUArchState *env, const TargetSigaction *ka,
                            abi_ulong size, abi_ulong *fp)
{
    TaskState *ts = thread_ts;
    abi_ulong sp = env->regs[R_ESP], fx;

    if ((ka->flags & TARGET_SA_ONSTACK) && ts->ss_size && !on_sig_stack(sp)) {
        sp = ts->ss_sp + ts->ss_size;
    }
    fx = (sp - fp_size(env)) & ~(abi_ulong)63;
    *fp = fx - FSAVE_HEADER;
    return ((*fp - size + 4) & ~(abi_ulong)15) - 4;
}

/* FSAVE header, then the FXSAVE/XSAVE image; true if XSAVE form. */
static bool save_fp(CPUArchState *env, abi_ulong fp)
{
    cpu_x86_fsave(env, fp);
    put_user_u16(cpu_get_fpus(env), fp + 108);
    if (!has_fxsr(env)) {
        put_user_u16(0xffff, fp + 110);     /* FSAVE data only */
        x86_fpu_reset(env);
        return false;
    }
    put_user_u16(0, fp + 110);              /* X86_FXSR_MAGIC */
    return x86_fpframe_save(env, fp + FSAVE_HEADER);
}

static void enter_handler(CPUArchState *env, const TargetSigaction *ka,
                          abi_ulong frame)
{
    env->regs[R_ESP] = frame;
    env->eip = ka->handler;
    cpu_load_eflags(env, 0, DF_MASK | TF_MASK | RF_MASK);
}

static void bad_frame(int sig, abi_ulong frame)
{
    qemu_log_mask(LOG_GUEST_ERROR, "signal %d: no room for the frame at "
                  "0x" TARGET_ABI_FMT_lx "\n", sig, frame);
    dump_and_die(SIGSEGV);
}

static void setup_frame(CPUArchState *env, int sig, const TargetSigaction *ka,
                        uint64_t set)
{
    abi_ulong fp, frame = frame_addr(env, ka, SIGFRAME_SIZE, &fp);
    uint8_t *f = lock_user(VERIFY_WRITE, frame,
                           fp + FSAVE_HEADER + fp_size(env) - frame);

    if (!f) {
        bad_frame(sig, frame);
    }
    memset(f, 0, SIGFRAME_SIZE);
    put32(f, 0, (ka->flags & TARGET_SA_RESTORER) ? ka->restorer
                                                  : tramp_sigreturn);
    put32(f, 4, sig);
    setup_sigcontext(f + SIGFRAME_SC, env, fp, set);
    put32(f, SIGFRAME_EXTRAMASK, set >> 32);
    memcpy(f + SIGFRAME_RETCODE, retcode, sizeof(retcode));
    save_fp(env, fp);
    env->regs[R_EAX] = sig;
    env->regs[R_EDX] = 0;
    env->regs[R_ECX] = 0;
    enter_handler(env, ka, frame);
}

static void setup_rt_frame(CPUArchState *env, int sig,
                           const TargetSigaction *ka,
                           const TargetSigInfo *info, uint64_t set)
{
    TaskState *ts = thread_ts;
    abi_ulong fp, frame = frame_addr(env, ka, RT_SIZE, &fp);
    uint8_t *f = lock_user(VERIFY_WRITE, frame,
                           fp + FSAVE_HEADER + fp_size(env) - frame);
    uint8_t *uc;
    bool xstate;

    if (!f) {
        bad_frame(sig, frame);
    }
    memset(f, 0, RT_SIZE);
    put32(f, 0, (ka->flags & TARGET_SA_RESTORER) ? ka->restorer
                                                  : tramp_rt_sigreturn);
    put32(f, 4, sig);
    put32(f, 8, frame + RT_INFO);
    put32(f, 12, frame + RT_UC);
    siginfo_to_32(f + RT_INFO, sig, info);
    uc = f + RT_UC;
    put32(uc, UC_STACK, ts->ss_sp);
    put32(uc, UC_STACK + 4, on_sig_stack(env->regs[R_ESP]) ?
          TARGET_SS_ONSTACK : (ts->ss_size ? 0 : TARGET_SS_DISABLE));
    put32(uc, UC_STACK + 8, ts->ss_size);
    setup_sigcontext(uc + UC_MCONTEXT, env, fp, set);
    put32(uc, UC_SIGMASK, set);
    put32(uc, UC_SIGMASK + 4, set >> 32);
    memcpy(f + RT_RETCODE, rt_retcode, sizeof(rt_retcode));
    xstate = save_fp(env, fp);
    put32(uc, UC_FLAGS, xstate ? UC_FP_XSTATE : 0);
    env->regs[R_EAX] = sig;
    env->regs[R_EDX] = frame + RT_INFO;
    env->regs[R_ECX] = frame + RT_UC;
    enter_handler(env, ka, frame);
}

void target_setup_rt_frame(CPUArchState *env, int sig,
                           const TargetSigaction *ka,
                           const TargetSigInfo *info, uint64_t set)
{
    /* In vm86 mode: the vm86() call returns first (VM86_SIGNAL), and
     * the handler runs on the 32-bit state after it. */
    if (env->eflags & VM_MASK) {
        x86_vm86_leave(env, X86_VM86_SIGNAL);
    }
    if (ka->flags & TARGET_SA_SIGINFO) {
        setup_rt_frame(env, sig, ka, info, set);
    } else {
        setup_frame(env, sig, ka, set);
    }
}

/* Load a sigcontext back; false for a bad frame. */
static bool restore_sigcontext(CPUArchState *env, const uint8_t *sc)
{
    uint32_t gs = get32(sc, SC_GS) & 0xffff, fs = get32(sc, SC_FS) & 0xffff;
    abi_ulong fp;
    int i;

    for (i = 0; i < 8; i++) {
        env->regs[sc_regs[i]] = get32(sc, SC_EDI + 4 * i);
    }
    env->eip = get32(sc, SC_EIP);
    cpu_load_eflags(env, get32(sc, SC_EFLAGS), X86_FIX_EFLAGS);
    /* Segment registers the handler changed (TLS in gs). */
    if (gs != env->segs[R_GS].selector) {
        cpu_x86_load_seg(env, R_GS, gs);
    }
    if (fs != env->segs[R_FS].selector) {
        cpu_x86_load_seg(env, R_FS, fs);
    }
    fp = get32(sc, SC_FPSTATE);
    if (fp) {
        uint16_t magic;

        if (!get_user_u16(&magic, fp + 110)) {
            return false;
        }
        if (magic == 0xffff) {
            return cpu_x86_frstor(env, fp);         /* FSAVE only */
        }
        /* Like the kernel, the FSAVE header then overrides the x87 part
         * (a handler may have edited cw/sw/tag or the registers there). */
        return x86_fpframe_restore(env, fp + FSAVE_HEADER) &&
               cpu_x86_frstor(env, fp);
    }
    x86_fpu_reset(env);
    return true;
}

abi_long i386_sigreturn(CPUArchState *env)
{
    abi_ulong frame = (uint32_t)(env->regs[R_ESP] - 8);
    const uint8_t *f = lock_user(VERIFY_READ, frame, SIGFRAME_SIZE);
    uint64_t set;

    if (!f) {
        goto badframe;
    }
    set = get32(f, SIGFRAME_SC + SC_OLDMASK) |
          ((uint64_t)get32(f, SIGFRAME_EXTRAMASK) << 32);
    do_sigprocmask(SIG_SETMASK, &set, NULL);
    if (!restore_sigcontext(env, f + SIGFRAME_SC)) {
        goto badframe;
    }
    return -QEMU_ESIGRETURN;

badframe:
    force_sig_fault(SIGSEGV, SI_KERNEL, 0);
    return -QEMU_ESIGRETURN;
}

abi_long target_rt_sigreturn(CPUArchState *env)
{
    abi_ulong frame = (uint32_t)(env->regs[R_ESP] - 4);
    const uint8_t *f = lock_user(VERIFY_READ, frame, RT_SIZE);
    uint64_t set;

    if (!f) {
        goto badframe;
    }
    set = get32(f, RT_UC + UC_SIGMASK) |
          ((uint64_t)get32(f, RT_UC + UC_SIGMASK + 4) << 32);
    do_sigprocmask(SIG_SETMASK, &set, NULL);
    if (!restore_sigcontext(env, f + RT_UC + UC_MCONTEXT)) {
        goto badframe;
    }
    do_sigaltstack(frame + RT_UC + UC_STACK, 0, env->regs[R_ESP]);
    return -QEMU_ESIGRETURN;

badframe:
    force_sig_fault(SIGSEGV, SI_KERNEL, 0);
    return -QEMU_ESIGRETURN;
}
