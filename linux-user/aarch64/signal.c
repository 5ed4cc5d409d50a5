/*
 * linux-user/aarch64/signal.c: the AArch64 Linux signal frame.
 *
 * What the guest handler finds on its stack (arm64 kernel ABI):
 *
 *   frame + 0     siginfo (128 bytes)
 *   frame + 128   ucontext: uc_flags, uc_link, uc_stack (24 bytes),
 *                 uc_sigmask (8, padded to 128), then at +176 the
 *                 sigcontext: fault_address, regs[31], sp, pc, pstate and
 *                 at +288 the 4096-byte __reserved area holding records:
 *                 fpsimd_context (magic 0x46508001, size 528: fpsr, fpcr,
 *                 v0-v31), esr_context for faults (magic 0x45535201) and
 *                 a zero terminator record
 *   above it      a frame record {x29, x30}, so backtraces cross handlers
 *
 * On entry x0 = signal, x1 = &siginfo, x2 = &ucontext, x29 = the frame
 * record, x30 = the return trampoline (the guest's SA_RESTORER, else our
 * sigreturn page, standing in for the kernel's vDSO), sp = frame.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "qemu.h"
#include "qemu/log.h"
#include "syscall_nr.h"

#define SIGINFO_SIZE      128
#define UC_OFFSET         SIGINFO_SIZE
#define UC_STACK          16
#define UC_SIGMASK        40
#define UC_MCONTEXT       176
#define UC_SIZE           4560
#define SC_FAULT_ADDRESS  0
#define SC_REGS           8
#define SC_SP             256
#define SC_PC             264
#define SC_PSTATE         272
#define SC_RESERVED       288
#define SC_RESERVED_SIZE  4096
#define FRAME_SIZE        (SIGINFO_SIZE + UC_SIZE)

#define FPSIMD_MAGIC      0x46508001
#define FPSIMD_SIZE       528
#define ESR_MAGIC         0x45535201
#define ESR_SIZE          16
#define EXTRA_MAGIC       0x45585401

static abi_ulong sigreturn_tramp;

void target_signal_init(void)
{
    abi_long page = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (is_error(page)) {
        return;
    }
    /* mov x8, #__NR_rt_sigreturn; svc #0 */
    put_user_u32(0xd2800008u | (TARGET_NR_rt_sigreturn << 5), page);
    put_user_u32(0xd4000001u, page + 4);
    target_mprotect(page, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC);
    sigreturn_tramp = page;
}

static void put_u64(uint8_t *base, size_t off, uint64_t v)
{
    v = tswap64(v);
    memcpy(base + off, &v, 8);
}

static void put_u32(uint8_t *base, size_t off, uint32_t v)
{
    v = tswap32(v);
    memcpy(base + off, &v, 4);
}

static uint64_t get_u64(const uint8_t *base, size_t off)
{
    uint64_t v;

    memcpy(&v, base + off, 8);
    return tswap64(v);
}

static uint32_t get_u32(const uint8_t *base, size_t off)
{
    uint32_t v;

    memcpy(&v, base + off, 4);
    return tswap32(v);
}

void target_setup_rt_frame(CPUArchState *env, int sig,
                           const TargetSigaction *ka,
                           const TargetSigInfo *info, uint64_t set)
{
    TaskState *ts = thread_ts;
    abi_ulong sp = env->xregs[31], frame, record;
    uint8_t *f, *uc, *sc, *res;
    bool fault = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
                 sig == SIGTRAP || sig == SIGFPE;
    size_t off;
    int i;

    if ((ka->flags & TARGET_SA_ONSTACK) && ts->ss_size && !on_sig_stack(sp)) {
        sp = ts->ss_sp + ts->ss_size;
    }
    record = (sp - 16) & ~(abi_ulong)15;
    frame = (record - FRAME_SIZE) & ~(abi_ulong)15;
    f = lock_user(VERIFY_WRITE, frame, record + 16 - frame);
    if (!f) {
        qemu_log_mask(LOG_GUEST_ERROR, "signal %d: no room for the frame at "
                      "0x" TARGET_ABI_FMT_lx "\n", sig, frame);
        dump_and_die(sig == SIGSEGV ? SIGSEGV : SIGSEGV);
    }
    memset(f, 0, FRAME_SIZE);

    /* siginfo: same layout as the host's 64-bit Linux one. */
    put_u32(f, 0, sig);
    put_u32(f, 4, info->si_errno);
    put_u32(f, 8, info->si_code);
    memcpy(f + 16, info->u.raw, SIGINFO_SIZE - 16);

    uc = f + UC_OFFSET;
    put_u64(uc, UC_STACK, ts->ss_sp);
    put_u32(uc, UC_STACK + 8, on_sig_stack(sp) ? TARGET_SS_ONSTACK :
            (ts->ss_size ? 0 : TARGET_SS_DISABLE));
    put_u64(uc, UC_STACK + 16, ts->ss_size);
    put_u64(uc, UC_SIGMASK, set);

    sc = uc + UC_MCONTEXT;
    put_u64(sc, SC_FAULT_ADDRESS, fault ? env->exception.vaddress : 0);
    for (i = 0; i < 31; i++) {
        put_u64(sc, SC_REGS + i * 8, env->xregs[i]);
    }
    put_u64(sc, SC_SP, env->xregs[31]);
    put_u64(sc, SC_PC, env->pc);
    put_u64(sc, SC_PSTATE, pstate_read_nzcv(env));

    res = sc + SC_RESERVED;
    put_u32(res, 0, FPSIMD_MAGIC);
    put_u32(res, 4, FPSIMD_SIZE);
    put_u32(res, 8, vfp_get_fpsr(env));
    put_u32(res, 12, vfp_get_fpcr(env));
    for (i = 0; i < 32; i++) {
        put_u64(res, 16 + i * 16, env->vregs[i].d[0]);
        put_u64(res, 16 + i * 16 + 8, env->vregs[i].d[1]);
    }
    off = FPSIMD_SIZE;
    if (fault) {
        put_u32(res, off, ESR_MAGIC);
        put_u32(res, off + 4, ESR_SIZE);
        put_u64(res, off + 8, env->exception.syndrome);
        off += ESR_SIZE;
    }
    put_u32(res, off, 0);                   /* terminator */
    put_u32(res, off + 4, 0);

    /* The frame record above the frame. */
    put_u64(f, record - frame, env->xregs[29]);
    put_u64(f, record - frame + 8, env->xregs[30]);

    env->xregs[0] = sig;
    env->xregs[1] = frame;
    env->xregs[2] = frame + UC_OFFSET;
    env->xregs[29] = record;
    env->xregs[30] = (ka->flags & TARGET_SA_RESTORER) ? ka->restorer
                                                      : sigreturn_tramp;
    env->xregs[31] = frame;
    env->pc = ka->handler;
}

abi_long target_rt_sigreturn(CPUArchState *env)
{
    abi_ulong frame = env->xregs[31];
    const uint8_t *f, *uc, *sc, *res;
    uint64_t set, pstate;
    size_t off = 0;
    int i;

    if (frame & 15) {
        goto badframe;
    }
    f = lock_user(VERIFY_READ, frame, FRAME_SIZE);
    if (!f) {
        goto badframe;
    }
    uc = f + UC_OFFSET;
    sc = uc + UC_MCONTEXT;
    res = sc + SC_RESERVED;
    pstate = get_u64(sc, SC_PSTATE);
    /* Only EL0t with no exception masks is a valid return state. */
    if (pstate & ~0xf0000000ull & ~0x3c0ull) {
        goto badframe;
    }
    set = get_u64(uc, UC_SIGMASK);
    do_sigprocmask(SIG_SETMASK, &set, NULL);
    for (i = 0; i < 31; i++) {
        env->xregs[i] = get_u64(sc, SC_REGS + i * 8);
    }
    env->xregs[31] = get_u64(sc, SC_SP);
    env->pc = get_u64(sc, SC_PC);
    pstate_write_nzcv(env, pstate);

    while (off + 8 <= SC_RESERVED_SIZE) {
        uint32_t magic = get_u32(res, off), size = get_u32(res, off + 4);

        if (magic == 0) {
            break;
        }
        if (size < 8 || (size & 15 && magic != ESR_MAGIC) ||
            off + size > SC_RESERVED_SIZE) {
            goto badframe;
        }
        if (magic == FPSIMD_MAGIC) {
            if (size != FPSIMD_SIZE) {
                goto badframe;
            }
            vfp_set_fpsr(env, get_u32(res, off + 8));
            vfp_set_fpcr(env, get_u32(res, off + 12));
            for (i = 0; i < 32; i++) {
                env->vregs[i].d[0] = get_u64(res, off + 16 + i * 16);
                env->vregs[i].d[1] = get_u64(res, off + 16 + i * 16 + 8);
            }
        } else if (magic == EXTRA_MAGIC) {
            /* Not emulated: SVE/SME state never goes into our frames. */
            goto badframe;
        }
        off += size;
    }
    do_sigaltstack(frame + UC_OFFSET + UC_STACK, 0, env->xregs[31]);
    return -QEMU_ESIGRETURN;

badframe:
    force_sig_fault(SIGSEGV, SI_KERNEL, 0);
    return -QEMU_ESIGRETURN;
}
