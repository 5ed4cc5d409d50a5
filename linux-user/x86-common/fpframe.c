/*
 * linux-user/x86-common/fpframe.c: the FP/SSE/AVX state in x86 signal
 * frames, as Linux lays it out (the "fpstate" both ABIs point to).
 *
 * With XSAVE the area is what xsave stores for the x87, SSE and AVX
 * components (FXSAVE image, 64-byte header, YMM upper halves at 576),
 * followed by X86_FP_XSTATE_MAGIC2; bytes 464..511 of the FXSAVE image (the
 * "software reserved" part) hold struct _fpx_sw_bytes: magic1,
 * extended_size, xfeatures, xstate_size.  Without XSAVE it is the plain
 * FXSAVE image.
 */
#include <string.h>

#include "qemu.h"
#include "x86-common/x86-user.h"

#define SW_BYTES       464
#define XSTATE_SIZE    (X86_FXSAVE_SIZE + 64 + 256)   /* x87 SSE AVX */
#define XFEATURES      7ull

static bool has_xsave(CPUArchState *env)
{
    return env_archcpu(env)->features[FEAT_1_ECX] & CPUID_EXT_XSAVE;
}

static uint64_t frame_xfeatures(CPUArchState *env)
{
    uint64_t xcr0 = env->xcr0 ? env->xcr0 : 3;

    return xcr0 & XFEATURES;
}

uint32_t x86_fpframe_size(CPUArchState *env)
{
    return has_xsave(env) ? XSTATE_SIZE + 4 : X86_FXSAVE_SIZE;
}

bool x86_fpframe_save(CPUArchState *env, abi_ulong addr)
{
    void *p = lock_user(VERIFY_WRITE, addr, x86_fpframe_size(env));

    /* xsave keeps header bits it does not write: start from zeroes, as
     * the kernel clears the header of a signal frame. */
    if (p) {
        memset(p, 0, x86_fpframe_size(env));
    }
    if (!has_xsave(env)) {
        cpu_x86_fxsave(env, addr);
        x86_fpu_reset(env);
        return false;
    }
    cpu_x86_xsave(env, addr, frame_xfeatures(env));
    put_user_u32(X86_FP_XSTATE_MAGIC1, addr + SW_BYTES);
    put_user_u32(XSTATE_SIZE + 4, addr + SW_BYTES + 4);
    put_user_u64(frame_xfeatures(env), addr + SW_BYTES + 8);
    put_user_u32(XSTATE_SIZE, addr + SW_BYTES + 16);
    put_user_u32(X86_FP_XSTATE_MAGIC2, addr + XSTATE_SIZE);
    x86_fpu_reset(env);
    return true;
}

bool x86_fpframe_restore(CPUArchState *env, abi_ulong addr)
{
    uint32_t magic1, ext_size, xstate_size, magic2;
    uint64_t xfeatures;

    if (!lock_user(VERIFY_READ, addr, X86_FXSAVE_SIZE)) {
        return false;
    }
    if (has_xsave(env) && get_user_u32(&magic1, addr + SW_BYTES) &&
        magic1 == X86_FP_XSTATE_MAGIC1 &&
        get_user_u32(&ext_size, addr + SW_BYTES + 4) &&
        get_user_u64(&xfeatures, addr + SW_BYTES + 8) &&
        get_user_u32(&xstate_size, addr + SW_BYTES + 16) &&
        xstate_size >= X86_FXSAVE_SIZE + 64 && xstate_size <= 1u << 20 &&
        ext_size == xstate_size + 4 &&
        get_user_u32(&magic2, addr + xstate_size) &&
        magic2 == X86_FP_XSTATE_MAGIC2) {
        return cpu_x86_xrstor(env, addr, xfeatures & frame_xfeatures(env));
    }
    /* A plain FXSAVE image (the kernel also accepts a bad magic so). */
    return cpu_x86_fxrstor(env, addr);
}

void x86_fpu_reset(CPUArchState *env)
{
    int i;

    /* As the kernel does for a handler: every user component back to its
     * initial state (registers zero, x87 empty, default control words). */
    env->fpstt = 0;
    env->fpus = 0;
    env->fpip = env->fpdp = 0;
    env->fpop = 0;
    for (i = 0; i < 8; i++) {
        env->fptags[i] = 1;
        memset(&env->fpregs[i], 0, sizeof(env->fpregs[i]));
    }
    memset(env->xmm_regs, 0, sizeof(env->xmm_regs));
    cpu_set_fpuc(env, 0x37f);
    cpu_set_mxcsr(env, 0x1f80);
}
