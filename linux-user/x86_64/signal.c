/*
 * linux-user/x86_64/signal.c: the x86_64 Linux signal frame.
 *
 * What the handler finds (arch/x86/include/asm/sigframe.h, 64-bit):
 *
 *   frame + 0     pretcode: the SA_RESTORER trampoline (required)
 *   frame + 8     ucontext: uc_flags, uc_link, uc_stack (24 bytes), at
 *                 +48 the sigcontext (r8..r15, rdi, rsi, rbp, rbx, rdx,
 *                 rax, rcx, rsp, rip, eflags, cs gs fs ss, err, trapno,
 *                 oldmask, cr2, fpstate pointer, 8 reserved), uc_sigmask
 *   frame + 312   siginfo (128 bytes)
 *   above, 64-byte aligned: the FP state, as xsave stores it (FXSAVE
 *   area with the "software reserved" bytes describing the extended
 *   state, XSAVE header, AVX upper halves, FP_XSTATE_MAGIC2), or only
 *   the FXSAVE area without XSAVE.
 *
 * The frame sits below the 128-byte red zone, with frame + 8 16-byte
 * aligned as after a call.  On entry rdi = signal, rsi = &siginfo,
 * rdx = &ucontext, rax = 0, rsp = frame.  rt_sigreturn finds the frame
 * at rsp - 8 (the handler's ret popped pretcode).
 */
#include <errno.h>
#include <string.h>

#include "qemu.h"
#include "qemu/log.h"
#include "x86-common/x86-user.h"

#define UC_OFFSET        8
#define UC_FLAGS         0
#define UC_STACK         16
#define UC_MCONTEXT      40
#define UC_SIGMASK       296
#define INFO_OFFSET      312
#define FRAME_SIZE       440

/* sigcontext (offsets inside uc_mcontext). */
#define SC_R8            0
#define SC_RDI           64
#define SC_RSI           72
#define SC_RBP           80
#define SC_RBX           88
#define SC_RDX           96
#define SC_RAX           104
#define SC_RCX           112
#define SC_RSP           120
#define SC_RIP           128
#define SC_EFLAGS        136
#define SC_CS            144
#define SC_GS            146
#define SC_FS            148
#define SC_SS            150
#define SC_ERR           152
#define SC_TRAPNO        160
#define SC_OLDMASK       168
#define SC_CR2           176
#define SC_FPSTATE       184

#define UC_FP_XSTATE         1
#define UC_SIGCONTEXT_SS     2
#define UC_STRICT_RESTORE_SS 4

#define REDZONE 128

/* Register order of the sigcontext from r8 up to rsp. */
static const int sc_regs[16] = {
    8, 9, 10, 11, 12, 13, 14, 15,
    R_EDI, R_ESI, R_EBP, R_EBX, R_EDX, R_EAX, R_ECX, R_ESP,
};

void target_signal_init(void)
{
}

static void put_u64(uint8_t *base, size_t off, uint64_t v)
{
    v = tswap64(v);
    memcpy(base + off, &v, 8);
}

static void put_u16(uint8_t *base, size_t off, uint16_t v)
{
    v = tswap16(v);
    memcpy(base + off, &v, 2);
}

static uint64_t get_u64(const uint8_t *base, size_t off)
{
    uint64_t v;

    memcpy(&v, base + off, 8);
    return tswap64(v);
}

void target_setup_rt_frame(CPUArchState *env, int sig,
                           const TargetSigaction *ka,
                           const TargetSigInfo *info, uint64_t set)
{
    TaskState *ts = thread_ts;
    abi_ulong sp = env->regs[R_ESP], fpaddr, frame;
    uint32_t fpsize = x86_fpframe_size(env);
    uint8_t *f, *uc, *sc;
    bool xstate;
    int i;

    if (!(ka->flags & TARGET_SA_RESTORER)) {
        /* x86_64 has no default trampoline: the kernel refuses too. */
        qemu_log_mask(LOG_GUEST_ERROR, "signal %d: handler without "
                      "SA_RESTORER\n", sig);
        dump_and_die(SIGSEGV);
    }
    if ((ka->flags & TARGET_SA_ONSTACK) && ts->ss_size && !on_sig_stack(sp)) {
        sp = ts->ss_sp + ts->ss_size;
    } else {
        sp -= REDZONE;
    }
    fpaddr = (sp - fpsize) & ~(abi_ulong)63;
    frame = ((fpaddr - FRAME_SIZE) & ~(abi_ulong)15) - 8;
    f = lock_user(VERIFY_WRITE, frame, sp - frame);
    if (!f) {
        qemu_log_mask(LOG_GUEST_ERROR, "signal %d: no room for the frame at "
                      "0x" TARGET_ABI_FMT_lx "\n", sig, frame);
        dump_and_die(SIGSEGV);
    }
    memset(f, 0, FRAME_SIZE);
    xstate = x86_fpframe_save(env, fpaddr);

    put_u64(f, 0, ka->restorer);

    /* siginfo: the host's 64-bit layout. */
    memcpy(f + INFO_OFFSET, &(uint32_t[]){ tswap32(sig),
           tswap32(info->si_errno), tswap32(info->si_code), 0 }, 16);
    memcpy(f + INFO_OFFSET + 16, info->u.raw, sizeof(info->u.raw));

    uc = f + UC_OFFSET;
    put_u64(uc, UC_FLAGS, (xstate ? UC_FP_XSTATE : 0) | UC_SIGCONTEXT_SS |
            UC_STRICT_RESTORE_SS);
    put_u64(uc, UC_STACK, ts->ss_sp);
    put_u64(uc, UC_STACK + 8, on_sig_stack(env->regs[R_ESP]) ?
            TARGET_SS_ONSTACK : (ts->ss_size ? 0 : TARGET_SS_DISABLE));
    put_u64(uc, UC_STACK + 16, ts->ss_size);
    put_u64(uc, UC_SIGMASK, set);

    sc = uc + UC_MCONTEXT;
    for (i = 0; i < 16; i++) {
        put_u64(sc, SC_R8 + i * 8, env->regs[sc_regs[i]]);
    }
    put_u64(sc, SC_RIP, env->eip);
    put_u64(sc, SC_EFLAGS, cpu_compute_eflags(env));
    put_u16(sc, SC_CS, env->segs[R_CS].selector);
    put_u16(sc, SC_GS, 0);
    put_u16(sc, SC_FS, 0);
    put_u16(sc, SC_SS, env->segs[R_SS].selector);
    put_u64(sc, SC_ERR, x86_fault.err);
    put_u64(sc, SC_TRAPNO, x86_fault.trapno);
    put_u64(sc, SC_OLDMASK, set);
    put_u64(sc, SC_CR2, x86_fault.cr2);
    put_u64(sc, SC_FPSTATE, fpaddr);

    env->regs[R_EDI] = sig;
    env->regs[R_ESI] = frame + INFO_OFFSET;
    env->regs[R_EDX] = frame + UC_OFFSET;
    env->regs[R_EAX] = 0;
    env->regs[R_ESP] = frame;
    env->eip = ka->handler;
    /* The handler starts with DF, TF and RF clear. */
    cpu_load_eflags(env, 0, DF_MASK | TF_MASK | RF_MASK);
}

abi_long target_rt_sigreturn(CPUArchState *env)
{
    abi_ulong frame = env->regs[R_ESP] - 8;
    const uint8_t *f, *uc, *sc;
    uint64_t set, fpaddr;
    int i;

    f = lock_user(VERIFY_READ, frame, FRAME_SIZE);
    if (!f) {
        goto badframe;
    }
    uc = f + UC_OFFSET;
    sc = uc + UC_MCONTEXT;
    set = get_u64(uc, UC_SIGMASK);
    do_sigprocmask(SIG_SETMASK, &set, NULL);
    for (i = 0; i < 16; i++) {
        env->regs[sc_regs[i]] = get_u64(sc, SC_R8 + i * 8);
    }
    env->eip = get_u64(sc, SC_RIP);
    cpu_load_eflags(env, get_u64(sc, SC_EFLAGS), X86_FIX_EFLAGS);
    fpaddr = get_u64(sc, SC_FPSTATE);
    if (fpaddr && !x86_fpframe_restore(env, fpaddr)) {
        goto badframe;
    }
    do_sigaltstack(frame + UC_OFFSET + UC_STACK, 0, env->regs[R_ESP]);
    return -QEMU_ESIGRETURN;

badframe:
    force_sig_fault(SIGSEGV, SI_KERNEL, 0);
    return -QEMU_ESIGRETURN;
}
