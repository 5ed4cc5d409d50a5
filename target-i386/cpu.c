/*
 * target-i386/cpu.c: the x86 CPU models, cpuid, the initial user-mode
 * state, and the CPUClass hooks the execution engine calls (TB state,
 * eip/cc_op restore, logging).
 *
 * linux-user calls tcg_exec_init() and then x86_cpu_create(model, lm);
 * the first creation registers the translator's TCG globals.  A model is
 * a vendor, a family/model/stepping and the cpuid feature words; only
 * what the translator implements should be advertised, so glibc's ifuncs
 * never pick code we cannot run.
 */
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#ifdef CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

#include "user/guest-mem.h"
#include "translate.h"

typedef struct X86CPUModel {
    const char *name;
    const char *vendor;            /* 12 characters */
    int family, model, stepping;
    uint32_t features[FEAT_WORDS];
    const char *brand;             /* up to 47 characters */
} X86CPUModel;

#define INTEL "GenuineIntel"
#define AMD   "AuthenticAMD"

/* The leaf 1 EDX bits every model from the Pentium Pro on has. */
#define P6_EDX (CPUID_FP87 | CPUID_TSC | CPUID_CX8 | CPUID_SEP | CPUID_CMOV | \
                CPUID_MMX | CPUID_FXSR)
#define SSE2_EDX (P6_EDX | CPUID_CLFLUSH | CPUID_SSE | CPUID_SSE2)
#define LM_EXT2 (CPUID_EXT2_SYSCALL | CPUID_EXT2_NX | CPUID_EXT2_LM)
#define NEHALEM_ECX (CPUID_EXT_SSE3 | CPUID_EXT_SSSE3 | CPUID_EXT_CX16 | \
                     CPUID_EXT_SSE41 | CPUID_EXT_SSE42 | CPUID_EXT_POPCNT)
#define HASWELL_ECX (NEHALEM_ECX | CPUID_EXT_PCLMULQDQ | CPUID_EXT_FMA | \
                     CPUID_EXT_MOVBE | CPUID_EXT_AES | CPUID_EXT_XSAVE | \
                     CPUID_EXT_AVX | CPUID_EXT_F16C | CPUID_EXT_RDRAND)
#define HASWELL_7EBX (CPUID_7_0_EBX_BMI1 | CPUID_7_0_EBX_AVX2 | \
                      CPUID_7_0_EBX_BMI2 | CPUID_7_0_EBX_ERMS)

/*
 * Feature word order: FEAT_1_EDX, FEAT_1_ECX, FEAT_7_0_EBX, FEAT_7_0_ECX,
 * FEAT_7_0_EDX, FEAT_8000_0001_EDX, FEAT_8000_0001_ECX, FEAT_XSAVE.
 */
static const X86CPUModel x86_models[] = {
    { "max", INTEL, 6, 0x3d, 4,
      { SSE2_EDX, HASWELL_ECX,
        HASWELL_7EBX | CPUID_7_0_EBX_ADX | CPUID_7_0_EBX_RDSEED, 0, 0,
        LM_EXT2 | CPUID_EXT2_RDTSCP, CPUID_EXT3_LAHF_LM | CPUID_EXT3_ABM,
        3 },
      "QEMU-like TCG CPU version max" },
    { "qemu64", AMD, 15, 107, 1,
      { SSE2_EDX, CPUID_EXT_SSE3 | CPUID_EXT_CX16, 0, 0, 0,
        LM_EXT2, CPUID_EXT3_LAHF_LM, 0 },
      "QEMU Virtual CPU version 2.5+" },
    { "qemu32", INTEL, 6, 6, 3,
      { SSE2_EDX, CPUID_EXT_SSE3, 0, 0, 0, 0, 0, 0 },
      "QEMU Virtual CPU version 2.5+" },
    { "pentium", INTEL, 5, 4, 3,
      { CPUID_FP87 | CPUID_TSC | CPUID_CX8 | CPUID_MMX, 0, 0, 0, 0, 0, 0,
        0 },
      "" },
    { "pentium2", INTEL, 6, 5, 2,
      { P6_EDX, 0, 0, 0, 0, 0, 0, 0 }, "" },
    { "pentium3", INTEL, 6, 7, 3,
      { P6_EDX | CPUID_SSE, 0, 0, 0, 0, 0, 0, 0 }, "" },
    { "core2duo", INTEL, 6, 15, 11,
      { SSE2_EDX, CPUID_EXT_SSE3 | CPUID_EXT_SSSE3 | CPUID_EXT_CX16, 0, 0, 0,
        LM_EXT2, CPUID_EXT3_LAHF_LM, 0 },
      "Intel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz" },
    { "Nehalem", INTEL, 6, 26, 3,
      { SSE2_EDX, NEHALEM_ECX, 0, 0, 0, LM_EXT2 | CPUID_EXT2_RDTSCP,
        CPUID_EXT3_LAHF_LM, 0 },
      "Intel Core i7 9xx (Nehalem Class Core i7)" },
    { "Haswell", INTEL, 6, 60, 4,
      { SSE2_EDX, HASWELL_ECX, HASWELL_7EBX, 0, 0,
        LM_EXT2 | CPUID_EXT2_RDTSCP, CPUID_EXT3_LAHF_LM | CPUID_EXT3_ABM,
        1 },
      "Intel Core Processor (Haswell)" },
    { "Broadwell", INTEL, 6, 61, 2,
      { SSE2_EDX, HASWELL_ECX,
        HASWELL_7EBX | CPUID_7_0_EBX_ADX | CPUID_7_0_EBX_RDSEED, 0, 0,
        LM_EXT2 | CPUID_EXT2_RDTSCP, CPUID_EXT3_LAHF_LM | CPUID_EXT3_ABM,
        1 },
      "Intel Core Processor (Broadwell)" },
};

#define N_MODELS (sizeof(x86_models) / sizeof(x86_models[0]))

/* ---------------------------------------------------------------- cpuid */

static void x86_put_str(uint32_t *r, const char *s, int words)
{
    char buf[16] = { 0 };
    size_t n = strlen(s);
    int i;

    memcpy(buf, s, n < sizeof(buf) ? n : sizeof(buf));
    for (i = 0; i < words; i++) {
        memcpy(&r[i], buf + 4 * i, 4);
    }
}

/* Leaf 4: the deterministic cache parameters (plausible fixed values). */
static void x86_cache_leaf(uint32_t sub, uint32_t *eax, uint32_t *ebx,
                           uint32_t *ecx, uint32_t *edx)
{
    static const struct {
        uint8_t type, level;
        uint16_t ways;
        uint32_t sets;
    } caches[] = {
        { 1, 1, 8, 64 },          /* L1d 32 KiB */
        { 2, 1, 8, 64 },          /* L1i 32 KiB */
        { 3, 2, 8, 512 },         /* L2 256 KiB */
        { 3, 3, 16, 8192 },       /* L3 8 MiB */
    };

    *eax = *ebx = *ecx = *edx = 0;
    if (sub >= sizeof(caches) / sizeof(caches[0])) {
        return;
    }
    *eax = caches[sub].type | (caches[sub].level << 5) | (1u << 8);
    *ebx = (63u) | ((uint32_t)(caches[sub].ways - 1) << 22);
    *ecx = caches[sub].sets - 1;
    if (caches[sub].level == 3) {
        *edx = 1u << 1;           /* inclusive of lower levels */
    }
}

void cpu_x86_cpuid(CPUX86State *env, uint32_t leaf, uint32_t sub,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    X86CPU *cpu = env_archcpu(env);
    const X86CPUModel *m = cpu->model;
    const uint32_t *f = cpu->features;
    bool avx = (f[FEAT_1_ECX] & CPUID_EXT_AVX) != 0;
    uint32_t fam = m->family, sig;
    uint32_t v[4];

    sig = m->stepping | ((m->model & 15) << 4) |
          ((fam > 15 ? 15 : fam) << 8);
    if (fam == 6 || fam >= 15) {
        sig |= (uint32_t)(m->model >> 4) << 16;
    }
    if (fam > 15) {
        sig |= (fam - 15) << 20;
    }
    *eax = *ebx = *ecx = *edx = 0;

    switch (leaf) {
    case 0:
        *eax = 0xd;
        x86_put_str(v, m->vendor, 3);
        *ebx = v[0];
        *edx = v[1];
        *ecx = v[2];
        break;
    case 1:
        *eax = sig;
        *ebx = (8u << 8) | (1u << 16);       /* 64-byte clflush, 1 thread */
        *ecx = f[FEAT_1_ECX];
        if (*ecx & CPUID_EXT_XSAVE) {
            *ecx |= CPUID_EXT_OSXSAVE;       /* Linux enables XSAVE */
        }
        *edx = f[FEAT_1_EDX];
        break;
    case 2:
        *eax = 0x00feff01;                   /* FF: see leaf 4 */
        break;
    case 4:
        x86_cache_leaf(sub, eax, ebx, ecx, edx);
        break;
    case 7:
        if (sub == 0) {
            *ebx = f[FEAT_7_0_EBX];
            *ecx = f[FEAT_7_0_ECX];
            *edx = f[FEAT_7_0_EDX];
        }
        break;
    case 0xd:
        if (!(f[FEAT_1_ECX] & CPUID_EXT_XSAVE)) {
            break;
        }
        if (sub == 0) {
            *eax = avx ? 7 : 3;              /* x87 | SSE (| AVX) */
            *ebx = (env->xcr0 & 4) ? 832 : 576;
            *ecx = avx ? 832 : 576;
        } else if (sub == 1) {
            *eax = f[FEAT_XSAVE];
        } else if (sub == 2 && avx) {
            *eax = 256;
            *ebx = 576;
        }
        break;
    case 0x80000000:
        *eax = 0x80000008;
        if (!strcmp(m->vendor, AMD)) {
            x86_put_str(v, m->vendor, 3);
            *ebx = v[0];
            *edx = v[1];
            *ecx = v[2];
        }
        break;
    case 0x80000001:
        *eax = sig;
        *ecx = f[FEAT_8000_0001_ECX];
        *edx = f[FEAT_8000_0001_EDX];
        break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004: {
        char brand[48] = { 0 };
        size_t n = strlen(m->brand);

        memcpy(brand, m->brand, n < sizeof(brand) ? n : sizeof(brand) - 1);
        memcpy(v, brand + (leaf - 0x80000002) * 16, 16);
        *eax = v[0];
        *ebx = v[1];
        *ecx = v[2];
        *edx = v[3];
        break;
    }
    case 0x80000006:
        *ecx = (256u << 16) | (6u << 12) | 64;   /* L2: 256K 8-way 64B */
        break;
    case 0x80000008:
        *eax = (f[FEAT_8000_0001_EDX] & CPUID_EXT2_LM) ? 0x3027 : 0x2024;
        break;
    default:
        break;
    }
}

/* ------------------------------------------------------------- hflags */

/* The HF_SEGCHK bits: data segments that are null, expand-down or
 * shorter than 4G need a check on every access. */
static uint32_t x86_segchk_bits(CPUX86State *env)
{
    static const int data_segs[] = { R_ES, R_SS, R_DS, R_FS, R_GS };
    uint32_t bits = 0;
    size_t i;

    for (i = 0; i < sizeof(data_segs) / sizeof(data_segs[0]); i++) {
        const SegmentCache *sc = &env->segs[data_segs[i]];
        bool expand_down = !(sc->flags & DESC_CS_MASK) &&
                           (sc->flags & (4u << DESC_TYPE_SHIFT));

        if (!(sc->flags & DESC_P_MASK) || sc->limit != 0xffffffff ||
            expand_down) {
            bits |= 1u << (HF_SEGCHK_SHIFT + data_segs[i]);
        }
    }
    return bits;
}

void cpu_x86_update_hflags(CPUX86State *env)
{
    uint32_t hf = env->hflags & HF_LMA_MASK;

    hf |= 3;                                  /* CPL 3 */
    if ((hf & HF_LMA_MASK) && (env->segs[R_CS].flags & DESC_L_MASK)) {
        hf |= HF_CS64_MASK | HF_CS32_MASK | HF_SS32_MASK;
    } else {
        if (env->segs[R_CS].flags & DESC_B_MASK) {
            hf |= HF_CS32_MASK;
        }
        if (env->segs[R_SS].flags & DESC_B_MASK) {
            hf |= HF_SS32_MASK;
        }
        if ((env->segs[R_DS].base | env->segs[R_ES].base |
             env->segs[R_SS].base) || (env->eflags & VM_MASK)) {
            /* (vm86: a segment load needs no hflags update) */
            hf |= HF_ADDSEG_MASK;
        }
        if (!(env->eflags & VM_MASK)) {
            hf |= x86_segchk_bits(env);
        }
    }
    if (env->eflags & VM_MASK) {
        hf |= HF_VM_MASK;
    }
    if (env->eflags & TF_MASK) {
        hf |= HF_TF_MASK;
    }
    hf |= ((env->eflags & IOPL_MASK) >> 12) << HF_IOPL_SHIFT;
    env->hflags = hf;
}

/* ------------------------------------------------------------ CPU hooks */

static void x86_get_tb_cpu_state(CPUState *cs, uint64_t *pc,
                                 uint64_t *cs_base, uint32_t *flags)
{
    CPUX86State *env = &((X86CPU *)cs)->env;

    *cs_base = env->segs[R_CS].base;
    *pc = *cs_base + env->eip;
    *flags = env->hflags;
}

static uint64_t x86_eip_from_pc(const TranslationBlock *tb, uint64_t pc)
{
    uint64_t eip = pc - tb->cs_base;

    return (tb->flags & HF_CS64_MASK) ? eip : (uint32_t)eip;
}

static void x86_restore_state(CPUState *cs, const TranslationBlock *tb,
                              const uint64_t *data)
{
    CPUX86State *env = &((X86CPU *)cs)->env;

    env->eip = x86_eip_from_pc(tb, data[0]);
    if (data[1] != CC_OP_DYNAMIC) {
        env->cc_op = data[1];
    }
}

static void x86_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    ((X86CPU *)cs)->env.eip = x86_eip_from_pc(tb, tb->pc);
}

static const void *x86_code_ptr(CPUState *cs, uint64_t pc, size_t len)
{
    return page_check_range(pc, len, PAGE_EXEC) ? g2h(pc) : NULL;
}

static void x86_dump_state(CPUState *cs, FILE *f)
{
    CPUX86State *env = &((X86CPU *)cs)->env;
    static const char reg64[16][4] = {
        "RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
        "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
    };
    static const char reg32[8][4] = {
        "EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI",
    };
    static const char seg_names[6][3] = { "ES", "CS", "SS", "DS", "FS", "GS" };
    uint32_t efl = cpu_compute_eflags(env);
    bool lm = (env->hflags & HF_LMA_MASK) != 0;
    int i;

    if (lm) {
        for (i = 0; i < 16; i++) {
            fprintf(f, "%-3s=%016llx%s", reg64[i],
                    (unsigned long long)env->regs[i], (i & 3) == 3 ? "\n" : " ");
        }
        fprintf(f, "RIP=%016llx ", (unsigned long long)env->eip);
    } else {
        for (i = 0; i < 8; i++) {
            fprintf(f, "%s=%08x%s", reg32[i], (uint32_t)env->regs[i],
                    (i & 3) == 3 ? "\n" : " ");
        }
        fprintf(f, "EIP=%08x ", (uint32_t)env->eip);
    }
    fprintf(f, "EFL=%08x [%c%c%c%c%c%c%c] CPL=3\n", efl,
            efl & DF_MASK ? 'D' : '-', efl & CC_O ? 'O' : '-',
            efl & CC_S ? 'S' : '-', efl & CC_Z ? 'Z' : '-',
            efl & CC_A ? 'A' : '-', efl & CC_P ? 'P' : '-',
            efl & CC_C ? 'C' : '-');
    for (i = 0; i < 6; i++) {
        fprintf(f, "%s =%04x %016llx %08x %08x\n", seg_names[i],
                env->segs[i].selector, (unsigned long long)env->segs[i].base,
                env->segs[i].limit, env->segs[i].flags);
    }
    fprintf(f, "CCS=%016llx CCD=%016llx CCS2=%016llx CCO=%u\n",
            (unsigned long long)env->cc_src, (unsigned long long)env->cc_dst,
            (unsigned long long)env->cc_src2, env->cc_op);
}

#define X86_CLASS(NAME, MODE)                                              \
    {                                                                      \
        .name = NAME,                                                      \
        .addr_type = TCG_TYPE_I64,                                         \
        .insn_start_words = 2,        /* pc, cc_op */                      \
        .page_bits = 12,                                                   \
        .get_tb_cpu_state = x86_get_tb_cpu_state,                          \
        .translate = x86_translate,                                        \
        .restore_state = x86_restore_state,                                \
        .synchronize_from_tb = x86_synchronize_from_tb,                    \
        .disas_arch = X86_DISAS_ARCH,                                      \
        .disas_mode = MODE,                                                \
        .code_ptr = x86_code_ptr,                                          \
        .dump_state = x86_dump_state,                                      \
    }

#ifdef CONFIG_CAPSTONE
#define X86_DISAS_ARCH CS_ARCH_X86
#define X86_MODE_32 CS_MODE_32
#define X86_MODE_64 CS_MODE_64
#else
#define X86_DISAS_ARCH -1
#define X86_MODE_32 0
#define X86_MODE_64 0
#endif

static const CPUClass x86_cpu_class32 = X86_CLASS("i386", X86_MODE_32);
static const CPUClass x86_cpu_class64 = X86_CLASS("x86_64", X86_MODE_64);

/* Misaligned access that the MemOp forbids (movaps etc.): #GP(0). */
static void x86_unaligned(void *opaque, uint64_t addr, MemOpIdx oi,
                          uintptr_t retaddr)
{
    CPUX86State *env = opaque;

    env->error_code = 0;
    cpu_raise_exception(env_cpu(env), EXCP0D_GPF, retaddr);
}

/* A flat user segment: code (with L for 64-bit code) or data. */
static void x86_flat_seg(SegmentCache *sc, uint32_t sel, bool code, bool l)
{
    sc->selector = sel;
    sc->base = 0;
    sc->limit = 0xffffffff;
    sc->flags = DESC_P_MASK | DESC_S_MASK | (3u << DESC_DPL_SHIFT) |
                DESC_G_MASK | DESC_W_MASK | (1u << DESC_TYPE_SHIFT);
    if (code) {
        sc->flags |= DESC_CS_MASK;
    }
    if (l) {
        sc->flags |= DESC_L_MASK;
    } else {
        sc->flags |= DESC_B_MASK;
    }
}

static void x86_env_reset(X86CPU *cpu, bool lm)
{
    CPUX86State *env = &cpu->env;
    int i;

    x86_flat_seg(&env->segs[R_CS], lm ? 0x33 : 0x23, true, lm);
    x86_flat_seg(&env->segs[R_SS], 0x2b, false, false);
    x86_flat_seg(&env->segs[R_DS], 0x2b, false, false);
    x86_flat_seg(&env->segs[R_ES], 0x2b, false, false);
    /* FS and GS start null (a 64-bit process sets their bases) */
    memset(&env->segs[R_FS], 0, sizeof(env->segs[R_FS]));
    memset(&env->segs[R_GS], 0, sizeof(env->segs[R_GS]));
    env->eflags = 0x202;
    env->df = 1;
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = 0;
    env->hflags = lm ? HF_LMA_MASK : 0;
    cpu_x86_update_hflags(env);
    for (i = 0; i < 8; i++) {
        env->fptags[i] = 1;
    }
    env->fpstt = 0;
    env->fpus = 0;
    cpu_set_fpuc(env, 0x37f);
    cpu_set_mxcsr(env, 0x1f80);
    env->xcr0 = (cpu->features[FEAT_1_ECX] & CPUID_EXT_AVX) ? 7 : 3;
}

X86CPU *x86_cpu_create(const char *model, bool lm)
{
    static bool globals_done;
    const X86CPUModel *m = NULL;
    X86CPU *cpu;
    size_t i;

    if (!model || !strcmp(model, "any") || !strcmp(model, "host")) {
        model = "max";
    }
    for (i = 0; i < N_MODELS; i++) {
        if (!strcmp(x86_models[i].name, model)) {
            m = &x86_models[i];
        }
    }
    if (!m) {
        return NULL;
    }
    cpu = aligned_alloc(64, (sizeof(X86CPU) + 63) & ~(size_t)63);
    if (!cpu) {
        return NULL;
    }
    memset(cpu, 0, sizeof(*cpu));
    cpu_common_init(&cpu->parent, lm ? &x86_cpu_class64 : &x86_cpu_class32,
                    &cpu->env);
    cpu->model = m;
    memcpy(cpu->features, m->features, sizeof(cpu->features));
    if (!lm) {
        /* a 32-bit process cannot use long mode */
        cpu->features[FEAT_8000_0001_EDX] &= ~CPUID_EXT2_LM;
    }
    x86_env_reset(cpu, lm);
    if (!globals_done) {
        x86_translate_init();
        globals_done = true;
    }
    if (!tcg_ctx->unaligned_helper) {
        tcg_ctx->unaligned_helper = x86_unaligned;
    }
    return cpu;
}

void x86_cpu_list(FILE *f)
{
    size_t i;

    for (i = 0; i < N_MODELS; i++) {
        fprintf(f, "  %s\n", x86_models[i].name);
    }
}
