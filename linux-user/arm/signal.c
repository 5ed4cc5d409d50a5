/*
 * linux-user/arm/signal.c: the 32-bit ARM Linux signal frames.
 *
 * Without SA_SIGINFO (struct sigframe, 752 bytes):
 *   frame + 0     ucontext (744 bytes):
 *                   +0   uc_flags (0x5ac3c35a marks this frame kind)
 *                   +4   uc_link
 *                   +8   uc_stack: ss_sp, ss_flags, ss_size
 *                   +20  uc_mcontext, struct sigcontext (84 bytes):
 *                        trap_no, error_code, oldmask, r0..r10, fp
 *                        (r11), ip (r12), sp, lr, pc, cpsr,
 *                        fault_address
 *                   +104 uc_sigmask (8 bytes, padded to 128)
 *                   +232 uc_regspace (512 bytes, 8-aligned): the VFP
 *                        record (magic 0x56465001, size 0x120: d0..d31,
 *                        fpscr at +264, fpexc/fpinst/fpinst2 at
 *                        +272/+276/+280), then a zero end magic
 *   frame + 744   retcode[2] (the return code, as the kernel writes it)
 * With SA_SIGINFO (struct rt_sigframe, 880 bytes):
 *   frame + 0     siginfo (the 32-bit layout, 128 bytes)
 *   frame + 128   the sigframe above (uc_flags 0, uc_stack filled)
 *
 * The frame is 8-byte aligned below the interrupted sp (or at the top
 * of the alternate stack).  The handler starts with r0 = signal, r1 =
 * &siginfo and r2 = &ucontext (rt), sp = frame, lr = the sa_restorer
 * or our return code (arm/kuser.c: mov r7, #NR; svc 0 in the state the
 * handler runs in), pc = handler with bit 0 choosing Thumb and the IT
 * state cleared.  sigreturn/rt_sigreturn restore the registers, the
 * user CPSR bits (NZCVQ, GE, IT, T), the VFP state and the mask.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "qemu.h"
#include "qemu/log.h"
#include "syscall_nr.h"
#include "syscall32.h"
#include "arm-user.h"

#define UC_FLAGS        0
#define UC_LINK         4
#define UC_STACK        8
#define UC_MCONTEXT     20
#define UC_SIGMASK      104
#define UC_REGSPACE     232
#define UC_SIZE         744
#define SF_RETCODE      UC_SIZE
#define SIGFRAME_SIZE   752
#define RT_INFO         0
#define RT_SIG          128
#define RT_FRAME_SIZE   (RT_SIG + SIGFRAME_SIZE)

/* struct sigcontext, relative to uc_mcontext. */
#define SC_TRAP_NO      0
#define SC_ERROR_CODE   4
#define SC_OLDMASK      8
#define SC_R0           12              /* r0..r15: 16 words */
#define SC_CPSR         76
#define SC_FAULT_ADDR   80

/* The VFP record in uc_regspace. */
#define VFP_MAGIC       0x56465001
#define VFP_SIZE        0x120
#define VFP_REGS        8
#define VFP_FPSCR       264
#define VFP_FPEXC       272
#define VFP_FPINST      276
#define VFP_FPINST2     280

#define OLD_FRAME_MAGIC 0x5ac3c35a

#define CPSR_T          (1u << 5)
#define CPSR_MODE       0x1fu
#define CPSR_USR        0x10u
#define CPSR_AIF        (7u << 6)

void target_signal_init(void)
{
    arm_sigreturn_init();
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

static void put64(uint8_t *base, size_t off, uint64_t v)
{
    v = tswap64(v);
    memcpy(base + off, &v, 8);
}

static uint64_t get64(const uint8_t *base, size_t off)
{
    uint64_t v;

    memcpy(&v, base + off, 8);
    return tswap64(v);
}

/* Number of D registers the model has (16 without VFP D32). */
static int vfp_dregs(CPUArchState *env)
{
    return (env_archcpu(env)->a32_features & A32_FEAT_D32) ? 32 : 16;
}

/* Fill a ucontext's sigcontext, mask and VFP record. */
static void setup_sigframe(uint8_t *uc, CPUArchState *env, uint64_t set,
                           bool fault)
{
    uint8_t *sc = uc + UC_MCONTEXT, *vfp = uc + UC_REGSPACE;
    int i;

    put32(sc, SC_TRAP_NO, fault ? arm_fault.trap_no : 0);
    put32(sc, SC_ERROR_CODE, fault ? arm_fault.error_code : 0);
    put32(sc, SC_OLDMASK, (uint32_t)set);
    for (i = 0; i < 16; i++) {
        put32(sc, SC_R0 + 4 * i, env->regs[i]);
    }
    put32(sc, SC_CPSR, cpsr_read(env));
    put32(sc, SC_FAULT_ADDR, fault ? env->exception.vaddress : 0);
    put64(uc, UC_SIGMASK, set);

    put32(vfp, 0, VFP_MAGIC);
    put32(vfp, 4, VFP_SIZE);
    for (i = 0; i < 32; i++) {
        put64(vfp, VFP_REGS + 8 * i, env->vregs[i >> 1].d[i & 1]);
    }
    put32(vfp, VFP_FPSCR, vfp_get_fpscr(env));
    put32(vfp, VFP_FPEXC, env->fpexc);
    put32(vfp, VFP_FPINST, 0);
    put32(vfp, VFP_FPINST2, 0);
    put32(vfp, VFP_SIZE, 0);                    /* end magic */
}

static abi_ulong frame_addr(CPUArchState *env, const TargetSigaction *ka,
                            abi_ulong size)
{
    TaskState *ts = thread_ts;
    abi_ulong sp = env->regs[13];

    if ((ka->flags & TARGET_SA_ONSTACK) && ts->ss_size && !on_sig_stack(sp)) {
        sp = ts->ss_sp + ts->ss_size;
    }
    return (sp - size) & ~(abi_ulong)7;
}

void target_setup_rt_frame(CPUArchState *env, int sig,
                           const TargetSigaction *ka,
                           const TargetSigInfo *info, uint64_t set)
{
    TaskState *ts = thread_ts;
    bool rt = ka->flags & TARGET_SA_SIGINFO;
    bool thumb = ka->handler & 1;
    bool fault = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
                 sig == SIGTRAP || sig == SIGFPE;
    abi_ulong size = rt ? RT_FRAME_SIZE : SIGFRAME_SIZE;
    abi_ulong frame = frame_addr(env, ka, size), uc_addr, retcode;
    unsigned idx = (thumb ? 2 : 0) + (rt ? 3 : 0);
    uint8_t *f = lock_user(VERIFY_WRITE, frame, size), *uc;

    if (!f) {
        qemu_log_mask(LOG_GUEST_ERROR, "signal %d: no room for the frame at "
                      "0x" TARGET_ABI_FMT_lx "\n", sig, frame);
        dump_and_die(SIGSEGV);
    }
    memset(f, 0, size);
    uc = rt ? f + RT_SIG : f;
    uc_addr = rt ? frame + RT_SIG : frame;
    if (rt) {
        siginfo_to_32(f + RT_INFO, sig, info);
        put32(uc, UC_STACK, ts->ss_sp);
        put32(uc, UC_STACK + 4, on_sig_stack(env->regs[13]) ?
              TARGET_SS_ONSTACK : (ts->ss_size ? 0 : TARGET_SS_DISABLE));
        put32(uc, UC_STACK + 8, ts->ss_size);
    } else {
        put32(uc, UC_FLAGS, OLD_FRAME_MAGIC);
    }
    setup_sigframe(uc, env, set, fault);

    /* The return code: the guest's restorer, else ours. */
    put32(uc, SF_RETCODE, arm_sigreturn_codes[idx]);
    put32(uc, SF_RETCODE + 4, arm_sigreturn_codes[idx + 1]);
    if (ka->flags & TARGET_SA_RESTORER) {
        retcode = ka->restorer;
    } else {
        retcode = arm_sigreturn_base + 4 * idx + thumb;
    }

    env->regs[0] = sig;
    if (rt) {
        env->regs[1] = frame + RT_INFO;
        env->regs[2] = uc_addr;
    }
    env->regs[13] = frame;
    env->regs[14] = retcode;
    env->regs[15] = ka->handler & ~(abi_ulong)1;
    env->thumb = thumb;
    env->condexec_bits = 0;
}

/* Restore from the ucontext at uc_addr; false for a bad frame. */
static bool restore_sigframe(CPUArchState *env, abi_ulong uc_addr)
{
    const uint8_t *uc = lock_user(VERIFY_READ, uc_addr, UC_SIZE);
    const uint8_t *sc, *vfp;
    uint32_t cpsr;
    uint64_t set;
    int i;

    if (!uc) {
        return false;
    }
    sc = uc + UC_MCONTEXT;
    vfp = uc + UC_REGSPACE;
    cpsr = get32(sc, SC_CPSR);
    if ((cpsr & CPSR_MODE) != CPSR_USR || (cpsr & CPSR_AIF)) {
        return false;
    }
    if (get32(vfp, 0) != VFP_MAGIC || get32(vfp, 4) != VFP_SIZE) {
        return false;
    }
    set = get64(uc, UC_SIGMASK);
    do_sigprocmask(SIG_SETMASK, &set, NULL);
    for (i = 0; i < 16; i++) {
        env->regs[i] = get32(sc, SC_R0 + 4 * i);
    }
    cpsr_write_user(env, cpsr);
    env->thumb = (cpsr & CPSR_T) != 0;
    /* IT[1:0] = CPSR[26:25], IT[7:2] = CPSR[15:10]; Thumb state only. */
    env->condexec_bits = env->thumb ? ((cpsr >> 25) & 3) |
                                      (((cpsr >> 10) & 0x3f) << 2) : 0;
    env->regs[15] &= env->thumb ? ~1u : ~0u;

    for (i = 0; i < vfp_dregs(env); i++) {
        env->vregs[i >> 1].d[i & 1] = get64(vfp, VFP_REGS + 8 * i);
    }
    vfp_set_fpscr(env, get32(vfp, VFP_FPSCR));
    return true;
}

static abi_long bad_frame(CPUArchState *env)
{
    (void)env;
    force_sig_fault(SIGSEGV, SI_KERNEL, 0);
    return -QEMU_ESIGRETURN;
}

abi_long arm_sigreturn(CPUArchState *env)
{
    abi_ulong frame = env->regs[13];

    /* The kernel refuses a frame that is not 8-byte aligned. */
    if ((frame & 7) || !restore_sigframe(env, frame)) {
        return bad_frame(env);
    }
    return -QEMU_ESIGRETURN;
}

abi_long target_rt_sigreturn(CPUArchState *env)
{
    abi_ulong frame = env->regs[13];

    if ((frame & 7) || !restore_sigframe(env, frame + RT_SIG)) {
        return bad_frame(env);
    }
    do_sigaltstack(frame + RT_SIG + UC_STACK, 0, env->regs[13]);
    return -QEMU_ESIGRETURN;
}
