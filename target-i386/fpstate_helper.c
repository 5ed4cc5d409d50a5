/*
 * target-i386/fpstate_helper.c: the x87/SSE/AVX state as memory images.
 *
 *   fnstenv/fldenv    14 or 28 bytes (16- / 32-bit protected mode)
 *   fnsave/frstor     the environment + ST0..ST7 as 10-byte values
 *   fxsave/fxrstor    the 512-byte FXSAVE area (32- or 64-bit FIP/FDP)
 *   xsave family      FXSAVE area + 64-byte header at 512 + AVX upper
 *                     halves at 576 (standard and compacted forms)
 *
 * Both the guest instructions (helpers called by trans-x87.c.inc) and
 * linux-user's signal frames (cpu_x86_* in cpu.h) use these.  Guest
 * memory is touched only after page_check_range() on the whole image;
 * a bad address raises #PF at the instruction, misalignment #GP.
 */
#include <string.h>

#include "cpu.h"
#include "user/guest-mem.h"

#define FXSAVE_SIZE   512
#define XSAVE_HDR     512
#define XSAVE_AVX     576
#define XSAVE_AVX_SIZE 256
#define MXCSR_MASK    0xffffu

#define XF_X87 1u
#define XF_SSE 2u
#define XF_AVX 4u

/* ------------------------------------------------- little-endian bytes */

static void st16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void st32(uint8_t *p, uint32_t v)
{
    st16(p, v);
    st16(p + 2, v >> 16);
}

static void st64(uint8_t *p, uint64_t v)
{
    st32(p, v);
    st32(p + 4, v >> 32);
}

static uint16_t ld16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static uint32_t ld32(const uint8_t *p)
{
    return ld16(p) | ((uint32_t)ld16(p + 2) << 16);
}

static uint64_t ld64(const uint8_t *p)
{
    return ld32(p) | ((uint64_t)ld32(p + 4) << 32);
}

static void st_fx80(uint8_t *p, floatx80 v)
{
    st64(p, v.low);
    st16(p + 8, v.high);
}

static floatx80 ld_fx80(const uint8_t *p)
{
    return make_floatx80(ld16(p + 8), ld64(p));
}

/* ------------------------------------------------------ access checks */

/* The host pointer of [addr, addr+len), or NULL if not accessible. */
static uint8_t *fps_map(uint64_t addr, uint64_t len, bool write)
{
    if (!page_check_range(addr, len, write ? PAGE_READ | PAGE_WRITE
                                           : PAGE_READ)) {
        return NULL;
    }
    return g2h(addr);
}

static void __attribute__((noreturn))
fps_raise_pf(CPUX86State *env, uint64_t addr, bool write, uintptr_t ra)
{
    env->cr2 = addr;
    env->error_code = (page_get_flags(addr) ? 1 : 0) | (write ? 2 : 0) | 4;
    cpu_raise_exception(env_cpu(env), EXCP0E_PAGE, ra);
}

/* Like fps_map, raising #PF at the instruction when it fails; the first
 * inaccessible byte is reported in cr2. */
static uint8_t *fps_map_or_raise(CPUX86State *env, uint64_t addr,
                                 uint64_t len, bool write, uintptr_t ra)
{
    uint8_t *p = fps_map(addr, len, write);
    uint64_t a;

    if (p) {
        return p;
    }
    for (a = addr; a < addr + len; a = (a | 0xfff) + 1) {
        if (!fps_map(a, 1, write)) {
            fps_raise_pf(env, a, write, ra);
        }
    }
    fps_raise_pf(env, addr, write, ra);
}

static void __attribute__((noreturn))
fps_raise_gp(CPUX86State *env, uintptr_t ra)
{
    env->error_code = 0;
    cpu_raise_exception(env_cpu(env), EXCP0D_GPF, ra);
}

/* ----------------------------------------------------------- x87 bits */

static void fps_fninit(CPUX86State *env)
{
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpip = env->fpdp = 0;
    env->fpop = 0;
    cpu_set_fpuc(env, 0x37f);
}

static bool fps_x87_in_init(CPUX86State *env)
{
    int i;

    if (env->fpuc != 0x37f || cpu_get_fpus(env) != 0 || env->fpip ||
        env->fpdp || env->fpop) {
        return false;
    }
    /* The initial state also has ST0-ST7 zero (SDM 13.6): MMX values
     * left after EMMS keep the component in use. */
    for (i = 0; i < 8; i++) {
        if (!env->fptags[i] || env->fpregs[i].d.low ||
            env->fpregs[i].d.high) {
            return false;
        }
    }
    return true;
}

static uint8_t fps_abridged_tag(CPUX86State *env)
{
    uint8_t t = 0;
    int i;

    for (i = 0; i < 8; i++) {
        t |= (env->fptags[i] ? 0 : 1) << i;
    }
    return t;
}

/* Load FSW and the full tag word (only "empty" counts: the other tags
 * are recomputed from the contents, as the hardware does). */
static void fps_set_fsw_ftw(CPUX86State *env, uint16_t fsw, uint16_t ftw)
{
    int i;

    env->fpstt = (fsw >> 11) & 7;
    env->fpus = fsw & ~0x3800;
    for (i = 0; i < 8; i++) {
        env->fptags[i] = ((ftw >> (2 * i)) & 3) == 3;
    }
}

/* ---------------------------------------------- fnstenv / fnsave layout */

static unsigned fps_env_size(bool data32)
{
    return data32 ? 28 : 14;
}

/*
 * vm86 mode uses the real-address formats: no selectors, the
 * instruction and operand pointers are linear addresses (CS << 4 + IP),
 * their low 16 bits in one word and the rest from bit 12 of the next
 * (FOP in bits 0-10 of the instruction pointer's).  FIP is kept as an
 * offset in CS (taken as the current one), FDP as a linear address.
 * Reserved bits: ones in the upper halves of the control, status and
 * tag words of the 32-bit format, as in protected mode, zeros elsewhere.
 */
static void fps_store_env_real(CPUX86State *env, uint8_t *p, bool data32,
                               uint16_t fsw, uint16_t ftw)
{
    uint32_t fip = env->segs[R_CS].base + env->fpip;
    uint32_t fdp = env->fpdp, op = env->fpop & 0x7ff;

    if (data32) {
        st32(p, 0xffff0000u | env->fpuc);
        st32(p + 4, 0xffff0000u | fsw);
        st32(p + 8, 0xffff0000u | ftw);
        st32(p + 12, fip & 0xffff);
        st32(p + 16, op | (fip >> 16) << 12);
        st32(p + 20, fdp & 0xffff);
        st32(p + 24, (fdp >> 16) << 12);
    } else {
        st16(p, env->fpuc);
        st16(p + 2, fsw);
        st16(p + 4, ftw);
        st16(p + 6, fip);
        st16(p + 8, op | ((fip >> 16) & 0xf) << 12);
        st16(p + 10, fdp);
        st16(p + 12, ((fdp >> 16) & 0xf) << 12);
    }
}

static void fps_load_env_real(CPUX86State *env, const uint8_t *p,
                              bool data32)
{
    uint32_t fip, fdp;

    if (data32) {
        fip = (ld32(p + 12) & 0xffff) | ((ld32(p + 16) >> 12) & 0xffff) << 16;
        env->fpop = ld32(p + 16) & 0x7ff;
        fdp = (ld32(p + 20) & 0xffff) | ((ld32(p + 24) >> 12) & 0xffff) << 16;
    } else {
        fip = ld16(p + 6) | (uint32_t)(ld16(p + 8) >> 12) << 16;
        env->fpop = ld16(p + 8) & 0x7ff;
        fdp = ld16(p + 10) | (uint32_t)(ld16(p + 12) >> 12) << 16;
    }
    env->fpip = (uint32_t)(fip - env->segs[R_CS].base);
    env->fpdp = fdp;
}

static void fps_store_env(CPUX86State *env, uint8_t *p, bool data32)
{
    uint16_t fsw = cpu_get_fpus(env), ftw = cpu_get_fptag_full(env);

    if (env->eflags & VM_MASK) {
        fps_store_env_real(env, p, data32, fsw, ftw);
        return;
    }

    /* the selectors are the current CS and DS once something recorded */
    uint16_t fcs = (env->fpip || env->fpop) ? env->segs[R_CS].selector : 0;
    uint16_t fds = env->fpdp ? env->segs[R_DS].selector : 0;

    if (data32) {
        /* the unused upper halves read as ones on hardware */
        st32(p, 0xffff0000u | env->fpuc);
        st32(p + 4, 0xffff0000u | fsw);
        st32(p + 8, 0xffff0000u | ftw);
        st32(p + 12, env->fpip);
        st32(p + 16, fcs | (uint32_t)(env->fpop & 0x7ff) << 16);
        st32(p + 20, env->fpdp);
        st32(p + 24, 0xffff0000u | fds);
    } else {
        st16(p, env->fpuc);
        st16(p + 2, fsw);
        st16(p + 4, ftw);
        st16(p + 6, env->fpip);
        st16(p + 8, fcs);
        st16(p + 10, env->fpdp);
        st16(p + 12, fds);
    }
}

static void fps_load_env(CPUX86State *env, const uint8_t *p, bool data32)
{
    unsigned w = data32 ? 4 : 2;

    fps_set_fsw_ftw(env, ld16(p + w), ld16(p + 2 * w));
    if (env->eflags & VM_MASK) {
        fps_load_env_real(env, p, data32);
    } else if (data32) {
        env->fpip = ld32(p + 12);
        env->fpop = (ld32(p + 16) >> 16) & 0x7ff;
        env->fpdp = ld32(p + 20);
    } else {
        env->fpip = ld16(p + 6);
        env->fpop = 0;
        env->fpdp = ld16(p + 10);
    }
    cpu_set_fpuc(env, ld16(p));
}

static void fps_store_regs(CPUX86State *env, uint8_t *p)
{
    int i;

    for (i = 0; i < 8; i++) {
        st_fx80(p + 10 * i, env->fpregs[(env->fpstt + i) & 7].d);
    }
}

static void fps_load_regs(CPUX86State *env, const uint8_t *p)
{
    int i;

    for (i = 0; i < 8; i++) {
        env->fpregs[(env->fpstt + i) & 7].d = ld_fx80(p + 10 * i);
    }
}

/* fldenv d9/4, fnstenv d9/6, frstor dd/4, fnsave dd/6. */
static void helper_x87_fenv(CPUX86State *env, uint64_t enc, uint64_t addr,
                            uint64_t data32)
{
    bool save = (enc & 0x38) == 0x30;
    bool regs = (enc >> 8) == 0xdd;
    unsigned esz = fps_env_size(data32);
    uint8_t *p = fps_map_or_raise(env, addr, esz + (regs ? 80 : 0), save,
                                  GETPC());

    if (save) {
        fps_store_env(env, p, data32);
        if (regs) {
            fps_store_regs(env, p + esz);
            fps_fninit(env);
        } else {
            cpu_set_fpuc(env, env->fpuc | 0x3f);    /* mask all */
        }
    } else {
        /* the env first: the registers follow its TOP */
        fps_load_env(env, p, data32);
        if (regs) {
            fps_load_regs(env, p + esz);
        }
    }
}

bool cpu_x86_fsave(CPUX86State *env, uint64_t addr)
{
    uint8_t *p = fps_map(addr, 108, true);

    if (!p) {
        return false;
    }
    fps_store_env(env, p, true);
    fps_store_regs(env, p + 28);
    return true;
}

bool cpu_x86_frstor(CPUX86State *env, uint64_t addr)
{
    uint8_t *p = fps_map(addr, 108, false);

    if (!p) {
        return false;
    }
    fps_load_env(env, p, true);
    fps_load_regs(env, p + 28);
    return true;
}

/* ------------------------------------------------------- FXSAVE area */

static int fps_nb_xmm(CPUX86State *env)
{
    return (env->hflags & HF_CS64_MASK) || (env->hflags & HF_LMA_MASK)
           ? 16 : 8;
}

static void fps_save_x87(CPUX86State *env, uint8_t *p, bool w64)
{
    int i;

    st16(p, env->fpuc);
    st16(p + 2, cpu_get_fpus(env));
    p[4] = fps_abridged_tag(env);
    p[5] = 0;
    /* as the AMD host does: FOP/FIP/FDP only with an exception pending */
    bool ptrs = env->fpus & 0x80;

    st16(p + 6, ptrs ? env->fpop & 0x7ff : 0);
    if (w64) {
        st64(p + 8, ptrs ? env->fpip : 0);
        st64(p + 16, ptrs ? env->fpdp : 0);
    } else {
        st32(p + 8, ptrs ? env->fpip : 0);
        st32(p + 12, 0);
        st32(p + 16, ptrs ? env->fpdp : 0);
        st32(p + 20, 0);
    }
    for (i = 0; i < 8; i++) {
        uint8_t *r = p + 32 + 16 * i;
        st_fx80(r, env->fpregs[(env->fpstt + i) & 7].d);
        memset(r + 10, 0, 6);
    }
}

static void fps_load_x87(CPUX86State *env, const uint8_t *p, bool w64)
{
    uint16_t fsw = ld16(p + 2);
    uint8_t tag = p[4];
    int i;

    env->fpstt = (fsw >> 11) & 7;
    env->fpus = fsw & ~0x3800;
    for (i = 0; i < 8; i++) {
        env->fptags[i] = !((tag >> i) & 1);
    }
    env->fpop = ld16(p + 6) & 0x7ff;
    env->fpip = w64 ? ld64(p + 8) : ld32(p + 8);
    env->fpdp = w64 ? ld64(p + 16) : ld32(p + 16);
    for (i = 0; i < 8; i++) {
        env->fpregs[(env->fpstt + i) & 7].d = ld_fx80(p + 32 + 16 * i);
    }
    cpu_set_fpuc(env, ld16(p));
}

static void fps_save_mxcsr(CPUX86State *env, uint8_t *p)
{
    st32(p + 24, env->mxcsr);
    st32(p + 28, MXCSR_MASK);
}

static void fps_save_xmm(CPUX86State *env, uint8_t *p)
{
    int i;

    for (i = 0; i < fps_nb_xmm(env); i++) {
        memcpy(p + 160 + 16 * i, env->xmm_regs[i].b, 16);
    }
}

static void fps_load_xmm(CPUX86State *env, const uint8_t *p)
{
    int i;

    for (i = 0; i < fps_nb_xmm(env); i++) {
        memcpy(env->xmm_regs[i].b, p + 160 + 16 * i, 16);
    }
}

static void fps_init_xmm(CPUX86State *env)
{
    int i;

    for (i = 0; i < fps_nb_xmm(env); i++) {
        memset(env->xmm_regs[i].b, 0, 16);
    }
}

static void fps_save_avx(CPUX86State *env, uint8_t *p)
{
    int i;

    for (i = 0; i < fps_nb_xmm(env); i++) {
        memcpy(p + 16 * i, env->xmm_regs[i].b + 16, 16);
    }
}

static void fps_load_avx(CPUX86State *env, const uint8_t *p)
{
    int i;

    for (i = 0; i < fps_nb_xmm(env); i++) {
        memcpy(env->xmm_regs[i].b + 16, p + 16 * i, 16);
    }
}

static void fps_init_avx(CPUX86State *env)
{
    int i;

    for (i = 0; i < fps_nb_xmm(env); i++) {
        memset(env->xmm_regs[i].b + 16, 0, 16);
    }
}

/* Which components are not in their initial state (XINUSE). */
static uint64_t fps_xinuse(CPUX86State *env)
{
    static const uint8_t zero[32];
    uint64_t in_use = fps_x87_in_init(env) ? 0 : XF_X87;
    int i;

    for (i = 0; i < fps_nb_xmm(env); i++) {
        if (memcmp(env->xmm_regs[i].b, zero, 16)) {
            in_use |= XF_SSE;
        }
        if (memcmp(env->xmm_regs[i].b + 16, zero, 16)) {
            in_use |= XF_AVX;
        }
    }
    if (env->mxcsr != 0x1f80) {
        in_use |= XF_SSE;
    }
    return in_use;
}

static void fps_fxsave(CPUX86State *env, uint8_t *p, bool w64)
{
    fps_save_x87(env, p, w64);
    fps_save_mxcsr(env, p);
    fps_save_xmm(env, p);
}

static void fps_fxrstor(CPUX86State *env, const uint8_t *p, bool w64)
{
    fps_load_x87(env, p, w64);
    cpu_set_mxcsr(env, ld32(p + 24) & MXCSR_MASK);
    fps_load_xmm(env, p);
}

bool cpu_x86_fxsave(CPUX86State *env, uint64_t addr)
{
    uint8_t *p = fps_map(addr, FXSAVE_SIZE, true);

    if (!p) {
        return false;
    }
    fps_fxsave(env, p, env->hflags & HF_LMA_MASK);
    return true;
}

bool cpu_x86_fxrstor(CPUX86State *env, uint64_t addr)
{
    uint8_t *p = fps_map(addr, FXSAVE_SIZE, false);

    if (!p) {
        return false;
    }
    fps_fxrstor(env, p, env->hflags & HF_LMA_MASK);
    return true;
}

/* ------------------------------------------------------- XSAVE area */

static uint64_t fps_xcr0(CPUX86State *env)
{
    uint64_t x = env->xcr0;

    if (!x) {
        x = XF_X87 | XF_SSE;
        if (env_archcpu(env)->features[FEAT_1_ECX] & CPUID_EXT_AVX) {
            x |= XF_AVX;
        }
    }
    return x & (XF_X87 | XF_SSE | XF_AVX);
}

static unsigned fps_xsave_size(uint64_t rfbm)
{
    return (rfbm & XF_AVX) ? XSAVE_AVX + XSAVE_AVX_SIZE : XSAVE_AVX;
}

/*
 * Standard form (compact = false): every component of rfbm is written,
 * unless opt (xsaveopt) and it is in its initial state; XSTATE_BV bits of
 * rfbm = XINUSE.  Compacted (xsavec): only components in use, XCOMP_BV =
 * rfbm | bit 63.
 */
static void fps_xsave(CPUX86State *env, uint8_t *p, uint64_t rfbm, bool w64,
                      bool opt, bool compact)
{
    uint64_t inuse = fps_xinuse(env) & rfbm;
    uint64_t write = (opt || compact) ? inuse : rfbm;
    uint64_t bv = ld64(p + XSAVE_HDR);

    if (write & XF_X87) {
        fps_save_x87(env, p, w64);
    }
    if (rfbm & (XF_SSE | XF_AVX)) {
        fps_save_mxcsr(env, p);
    }
    if (write & XF_SSE) {
        fps_save_xmm(env, p);
    }
    if (write & XF_AVX) {
        fps_save_avx(env, p + XSAVE_AVX);
    }
    if (compact) {
        st64(p + XSAVE_HDR, inuse);
        st64(p + XSAVE_HDR + 8, rfbm | (1ull << 63));
        memset(p + XSAVE_HDR + 16, 0, 48);
    } else {
        st64(p + XSAVE_HDR, (bv & ~rfbm) | inuse);
    }
}

/* XRSTOR: false when the header is invalid (#GP). */
static bool fps_xrstor(CPUX86State *env, const uint8_t *p, uint64_t rfbm,
                       uint64_t xcr0, bool w64)
{
    uint64_t bv = ld64(p + XSAVE_HDR), comp = ld64(p + XSAVE_HDR + 8);
    bool compact = comp >> 63;
    uint32_t mxcsr = ld32(p + 24);
    int i;

    if (bv & ~xcr0) {
        return false;
    }
    if (compact) {
        if ((comp & ~(1ull << 63) & ~xcr0) || (bv & ~comp)) {
            return false;
        }
    } else if (comp) {
        return false;
    }
    for (i = compact ? 16 : 8; i < 64; i += 8) {
        if (ld64(p + XSAVE_HDR + i)) {
            return false;
        }
    }
    if ((rfbm & (XF_SSE | XF_AVX)) && (mxcsr & ~MXCSR_MASK)) {
        return false;
    }
    if (rfbm & XF_X87) {
        if (bv & XF_X87) {
            fps_load_x87(env, p, w64);
        } else {
            fps_fninit(env);
            for (i = 0; i < 8; i++) {
                env->fpregs[i].d = make_floatx80(0, 0);
            }
        }
    }
    if (rfbm & (XF_SSE | XF_AVX)) {
        if (!compact || (bv & (XF_SSE | XF_AVX))) {
            cpu_set_mxcsr(env, mxcsr);
        } else {
            cpu_set_mxcsr(env, 0x1f80);
        }
    }
    if (rfbm & XF_SSE) {
        if (bv & XF_SSE) {
            fps_load_xmm(env, p);
        } else {
            fps_init_xmm(env);
        }
    }
    if (rfbm & XF_AVX) {
        if (bv & XF_AVX) {
            fps_load_avx(env, p + XSAVE_AVX);
        } else {
            fps_init_avx(env);
        }
    }
    return true;
}

bool cpu_x86_xsave(CPUX86State *env, uint64_t addr, uint64_t rfbm)
{
    uint8_t *p;

    rfbm &= fps_xcr0(env);
    p = fps_map(addr, fps_xsave_size(rfbm), true);
    if (!p) {
        return false;
    }
    fps_xsave(env, p, rfbm, env->hflags & HF_LMA_MASK, false, false);
    memset(p + XSAVE_HDR + 8, 0, 56);
    return true;
}

bool cpu_x86_xrstor(CPUX86State *env, uint64_t addr, uint64_t rfbm)
{
    uint64_t xcr0 = fps_xcr0(env);
    uint8_t *p;

    rfbm &= xcr0;
    p = fps_map(addr, fps_xsave_size(rfbm), false);
    if (!p) {
        return false;
    }
    return fps_xrstor(env, p, rfbm, xcr0, env->hflags & HF_LMA_MASK);
}

/*
 * The instructions: enc = (0xae or 0xc7) << 8 | reg << 3, bit 16 =
 * REX.W (the 64-bit FIP/FDP format).
 */
static void helper_x87_fpstate(CPUX86State *env, uint64_t enc, uint64_t addr,
                               uint64_t rfbm)
{
    uintptr_t ra = GETPC();
    bool w64 = (enc >> 16) & 1;
    unsigned op = enc & 0xffff;
    uint64_t xcr0 = fps_xcr0(env);
    uint8_t *p;

    if (op == 0xae00 || op == 0xae08) {
        bool save = op == 0xae00;
        if (addr & 15) {
            fps_raise_gp(env, ra);
        }
        p = fps_map_or_raise(env, addr, FXSAVE_SIZE, save, ra);
        if (save) {
            fps_fxsave(env, p, w64);
        } else {
            if (ld32(p + 24) & ~MXCSR_MASK) {
                fps_raise_gp(env, ra);
            }
            fps_fxrstor(env, p, w64);
        }
        return;
    }
    if (addr & 63) {
        fps_raise_gp(env, ra);
    }
    rfbm &= xcr0;
    if (op == 0xae28) {                         /* xrstor */
        uint64_t comp;
        p = fps_map_or_raise(env, addr, XSAVE_AVX, false, ra);
        comp = ld64(p + XSAVE_HDR + 8);
        if ((comp >> 63) ? (comp & XF_AVX) : (rfbm & XF_AVX)) {
            p = fps_map_or_raise(env, addr, XSAVE_AVX + XSAVE_AVX_SIZE,
                                 false, ra);
        }
        if (!fps_xrstor(env, p, rfbm, xcr0, w64)) {
            fps_raise_gp(env, ra);
        }
        return;
    }
    p = fps_map_or_raise(env, addr, fps_xsave_size(rfbm), true, ra);
    fps_xsave(env, p, rfbm, w64, op == 0xae30, op == 0xc720);
}

/* ------------------------------------------------------- descriptors */

#define FPS_HELPER(NM, n, ...)                                             \
    const TCGHelperInfo helper_info_##NM = {                               \
        .func = (void *)helper_##NM, .name = #NM,                          \
        .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_VOID, .nargs = (n),       \
        .args = { __VA_ARGS__ },                                           \
    }

FPS_HELPER(x87_fenv, 4, TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64,
           TCG_CALL_I64);
FPS_HELPER(x87_fpstate, 4, TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64,
           TCG_CALL_I64);
